/*
 * lib/util/result.c — descriptions of the sn_rc result codes.
 */
#include "sentinel/result.h"

const char *sn_rc_str(sn_rc rc)
{
    switch (rc) {
    case SN_OK: return "ok";
    case SN_ERR_NOMEM: return "out of memory";
    case SN_ERR_TOOBIG: return "input exceeds a size limit";
    case SN_ERR_INVALID: return "invalid input";
    case SN_ERR_EMPTY: return "empty input";
    case SN_ERR_IO: return "input/output error";
    case SN_ERR_NOTFOUND: return "not found";
    case SN_ERR_UNSUPPORTED: return "not supported";
    case SN_ERR_INTERNAL: return "internal error";
    }
    return "unknown error";
}
