/*
 * bench/bench_text.c — throughput of the text stage: reads a corpus of
 * articles separated by two blank lines (bench/gencorpus), streaming one
 * article at a time, analyses each on one core, and prints MB/s, sentences/s, tokens/s and peak RSS.
 *
 *   bench_text CORPUS
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "sentinel/sentinel.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read the next article: lines up to two blank lines in a row. */
static size_t next_article(FILE *f, char **buf, size_t *cap)
{
    size_t n = 0, blanks = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t l;
    while ((l = getline(&line, &lcap, f)) > 0) {
        blanks = l == 1 ? blanks + 1 : 0;
        if (blanks == 2)
            break;
        if (n + (size_t)l + 1 > *cap) {
            *cap = (n + (size_t)l + 1) * 2;
            *buf = realloc(*buf, *cap);
            if (!*buf)
                abort();
        }
        memcpy(*buf + n, line, (size_t)l);
        n += (size_t)l;
    }
    free(line);
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_text CORPUS\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        fprintf(stderr, "bench_text: cannot read %s\n", argv[1]);
        return 1;
    }
    sn_analyzer *an;
    if (sn_analyzer_new(&an, NULL))
        return 1;
    sn_date pub = {2015, 3, 16};
    unsigned long articles = 0, sentences = 0, tokens = 0;
    size_t bytes = 0, cap = 0, len;
    char *buf = NULL;
    double busy = 0;
    while ((len = next_article(f, &buf, &cap)) > 0 || !feof(f)) {
        const sn_doc *d;
        if (!len)
            continue;
        double t0 = now();
        sn_rc rc = sn_analyze(an, buf, len, &pub, &d);
        busy += now() - t0;
        if (rc)
            continue;
        uint32_t ns, nt;
        sn_doc_sentences(d, &ns);
        sn_doc_tokens(d, &nt);
        sentences += ns;
        tokens += nt;
        articles++;
        bytes += len;
    }
    fclose(f);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("text stage, 1 core: %.1f MB, %lu articles, %.2f s analysing\n", (double)bytes / 1e6, articles, busy);
    printf("  %.1f MB/s  %.0f sentences/s  %.0f tokens/s  %.0f articles/s\n", (double)bytes / 1e6 / busy,
           (double)sentences / busy, (double)tokens / busy, (double)articles / busy);
    printf("  peak RSS %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    sn_analyzer_free(an);
    free(buf);
    return 0;
}
