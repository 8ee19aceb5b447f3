/*
 * lib/util/error.h — filling an sn_error (sentinel/result.h) in one place:
 * the library's stages report failures through it.
 */
#ifndef SN_UTIL_ERROR_H
#define SN_UTIL_ERROR_H

#include "sentinel/result.h"

/* Set err->rc and a printf-style message, with no line or column; does
 * nothing when err is NULL. */
void sn_set_error(sn_error *err, sn_rc rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
