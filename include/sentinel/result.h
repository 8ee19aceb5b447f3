/*
 * sentinel/result.h — the one result-code enum of the Sentinel API.
 *
 * Every public function that can fail returns an sn_rc. SN_OK is zero, so
 * `if (rc) ...` reads naturally. sn_rc_str() gives a short, static English
 * description; details (file:line, column) go through sn_error.
 *
 * Ownership: sn_rc_str() returns static storage; never free it.
 */
#ifndef SENTINEL_RESULT_H
#define SENTINEL_RESULT_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sn_rc {
    SN_OK = 0,
    SN_ERR_NOMEM,      /* allocation failed */
    SN_ERR_TOOBIG,     /* a capped buffer or limit was reached */
    SN_ERR_INVALID,    /* bad argument or malformed input */
    SN_ERR_EMPTY,      /* input has no content */
    SN_ERR_IO,         /* read or write failed */
    SN_ERR_NOTFOUND,   /* file, key or entry absent */
    SN_ERR_UNSUPPORTED,/* feature not built in or not available */
    SN_ERR_INTERNAL    /* a bug: please report */
} sn_rc;

/* A short static description of rc, e.g. "out of memory". */
const char *sn_rc_str(sn_rc rc);

/* Where an error happened, for messages of the form file:line:col: msg. */
typedef struct sn_error {
    sn_rc rc;
    unsigned line;     /* 1-based; 0 when it does not apply */
    unsigned col;      /* 1-based; 0 when it does not apply */
    char msg[200];
} sn_error;

#ifdef __cplusplus
}
#endif
#endif
