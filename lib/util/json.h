/*
 * lib/util/json.h — writing JSON into a capped sn_buf: escaped strings and
 * the few helpers every JSON writer in the library shares.
 */
#ifndef SN_UTIL_JSON_H
#define SN_UTIL_JSON_H

#include <stddef.h>
#include "util/buf.h"

/* Append s[0..n) as a quoted JSON string (input is valid UTF-8). */
sn_rc sn_json_str(sn_buf *b, const char *s, size_t n);
/* Append "key": with a leading comma unless first. */
sn_rc sn_json_key(sn_buf *b, const char *key, int first);

#endif
