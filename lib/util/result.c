/*
 * lib/util/result.c — descriptions of the sn_rc result codes, and filling
 * an sn_error (util/error.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include "sentinel/result.h"
#include "util/error.h"

void sn_set_error(sn_error *err, sn_rc rc, const char *fmt, ...)
{
    if (!err)
        return;
    err->rc = rc;
    err->line = err->col = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
}

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
