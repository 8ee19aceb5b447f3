/*
 * tests/unit/support.h — helpers the unit tests share. Include after
 * <cmocka.h>.
 */
#ifndef SN_TEST_SUPPORT_H
#define SN_TEST_SUPPORT_H

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

#endif
