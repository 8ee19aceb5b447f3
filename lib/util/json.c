/*
 * lib/util/json.c — JSON string escaping for the library's writers.
 */
#include <string.h>
#include "util/json.h"

sn_rc sn_json_str(sn_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    sn_rc rc = sn_buf_reserve(b, n + 2);
    if (rc)
        return rc;
    b->p[b->len++] = '"';
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        if ((rc = sn_buf_add(b, s + run, i - run)))
            return rc;
        char esc[7] = {'\\', 0};
        size_t el = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            el = 6;
        }
        if ((rc = sn_buf_add(b, esc, el)))
            return rc;
        run = i + 1;
    }
    if ((rc = sn_buf_add(b, s + run, n - run)))
        return rc;
    return sn_buf_addc(b, '"');
}

sn_rc sn_json_key(sn_buf *b, const char *key, int first)
{
    sn_rc rc = first ? SN_OK : sn_buf_addc(b, ',');
    if (!rc)
        rc = sn_json_str(b, key, strlen(key));
    if (!rc)
        rc = sn_buf_addc(b, ':');
    return rc;
}
