/*
 * tests/case_file.h — what the golden-file runners (golden.c, codecases.c)
 * share: undoing the input line's escapes and trimming line ends.
 */
#ifndef SN_TESTS_CASE_FILE_H
#define SN_TESTS_CASE_FILE_H

#include <string.h>

/* "\n" becomes a line break, "\t" a tab, "\\" a backslash; in place. */
static inline void case_unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *o++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

static inline char *case_chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

#endif
