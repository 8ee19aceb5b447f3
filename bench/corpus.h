/*
 * bench/corpus.h — what the benches share: a monotonic clock, and reading
 * the bench corpus (bench/gencorpus) one article at a time, articles being
 * separated by two blank lines, so that memory measures the code and not
 * the corpus.
 */
#ifndef SN_BENCH_CORPUS_H
#define SN_BENCH_CORPUS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The next article into *buf (grown as needed); its length, 0 at the end
 * or for an empty article (check feof). */
static inline size_t bench_next_article(FILE *f, char **buf, size_t *cap)
{
    size_t n = 0, blanks = 0, lcap = 0;
    char *line = NULL;
    ssize_t l;
    while ((l = getline(&line, &lcap, f)) > 0) {
        blanks = l == 1 ? blanks + 1 : 0;
        if (blanks == 2)
            break;
        if (n + (size_t)l + 1 > *cap) {
            *cap = (n + (size_t)l + 1) * 2;
            if (!(*buf = realloc(*buf, *cap)))
                abort();
        }
        memcpy(*buf + n, line, (size_t)l);
        n += (size_t)l;
    }
    free(line);
    return n;
}

#endif
