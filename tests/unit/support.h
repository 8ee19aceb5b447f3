/*
 * tests/unit/support.h — helpers the unit tests share. Include after
 * <cmocka.h>.
 */
#ifndef SN_TEST_SUPPORT_H
#define SN_TEST_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* `unit` written `times` times, NUL-terminated; the caller frees it. */
static inline char *repeat(const char *unit, size_t times)
{
    size_t ul = strlen(unit);
    char *s = malloc(ul * times + 1);
    assert_non_null(s);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * ul, unit, ul);
    s[ul * times] = '\0';
    return s;
}

/* The canonical South Ossetia article from ../shared (tests run from the
 * project root), or NULL when it is absent; a static buffer. */
static inline char *read_sample(void)
{
    FILE *f = fopen("../shared/samples/south-ossetia-2015.txt", "rb");
    if (!f)
        return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

#endif
