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

const sn_cameo *sn_cameo_find(const char *code)
{
    if (!code || !*code)
        return NULL;
    size_t lo = 0, hi = sn_cameo_count();
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(rows[mid].code, code);
        if (!c)
            return &rows[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
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
