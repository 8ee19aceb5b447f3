/*
 * lib/code/cameo.c — the CAMEO event-code table (sentinel/cameo.h): lookup
 * by code, iteration, and the root/base helpers.
 *
 * The rows come from cameo_table.inc, which tools/gen-cameo generates from
 * data/events/cameo.txt at build time and which is #included here (it is not
 * a translation unit of its own). Each generated row is
 *   SN_CAMEO_ROW(code, goldstein_tenths, quad_class, plover_type, plover_mode, name)
 * and is expanded below straight into a static sn_cameo, so the public rows
 * need no start-up work and are safe to share between threads.
 */
#include "sentinel/cameo.h"

#include <stdlib.h>
#include <string.h>

typedef sn_cameo sn_cameo_row;

/* tenths / 10.0 is correctly rounded, so 34 gives the same double as 3.4. */
#define SN_CAMEO_ROW(code, tenths, quad, type, mode, name) \
    { (code), (name), (type), (mode), (tenths) / 10.0, (quad) }

#include "cameo_table.inc"

#undef SN_CAMEO_ROW

size_t sn_cameo_count(void)
{
    return sizeof rows / sizeof rows[0];
}

const sn_cameo *sn_cameo_at(size_t i)
{
    return i < sn_cameo_count() ? &rows[i] : NULL;
}

/* bsearch's order: the key is a code string, the rows are sorted by code. */
static int by_code(const void *key, const void *elem)
{
    return strcmp(key, ((const sn_cameo *)elem)->code);
}

const sn_cameo *sn_cameo_find(const char *code)
{
    if (!code || !*code)
        return NULL;
    return bsearch(code, rows, sn_cameo_count(), sizeof rows[0], by_code);
}

/* Number of digits in code when it is 2-4 ASCII digits, else 0. */
static size_t code_len(const char *code)
{
    if (!code)
        return 0;
    size_t n = 0;
    while (n < 5 && code[n] >= '0' && code[n] <= '9')
        n++;
    return (code[n] == '\0' && n >= 2 && n <= 4) ? n : 0;
}

void sn_cameo_root(const char *code, char out[3])
{
    size_t n = code_len(code);
    if (!n) {
        out[0] = '\0';
        return;
    }
    memcpy(out, code, 2);
    out[2] = '\0';
}

void sn_cameo_base(const char *code, char out[4])
{
    size_t n = code_len(code);
    if (!n) {
        out[0] = '\0';
        return;
    }
    if (n > 3)
        n = 3;
    memcpy(out, code, n);
    out[n] = '\0';
}
