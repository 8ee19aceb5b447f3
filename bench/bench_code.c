/*
 * bench/bench_code.c — throughput of coding: the text stage plus the coding
 * engine with the built-in dictionaries, per article of the bench corpus
 * (bench/gencorpus), on one core. Prints sentences/s, articles/s, events
 * and peak RSS; and, separately, the time of the coding step alone.
 *
 *   bench_code CORPUS
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

/* The next article: lines up to two blank lines in a row. */
static size_t next_article(FILE *f, char **buf, size_t *cap)
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

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_code CORPUS\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    sn_analyzer *an;
    sn_coder *coder;
    double t_dict = now();
    const sn_dict *dict = sn_dict_builtin();
    t_dict = now() - t_dict;
    if (!f || !dict || sn_analyzer_new(&an, NULL) || sn_coder_new(&coder, dict)) {
        fprintf(stderr, "bench_code: cannot start\n");
        return 1;
    }
    sn_date pub = {2015, 3, 16};
    unsigned long articles = 0, sentences = 0, events = 0;
    size_t bytes = 0, cap = 0, len;
    char *buf = NULL;
    double total = 0, coding = 0;
    while ((len = next_article(f, &buf, &cap)) > 0 || !feof(f)) {
        const sn_doc *d;
        const sn_event *ev;
        uint32_t ns, ne;
        if (!len)
            continue;
        double t0 = now();
        if (sn_analyze(an, buf, len, &pub, &d))
            continue;
        double t1 = now();
        if (sn_code(coder, d, &ev, &ne))
            continue;
        double t2 = now();
        total += t2 - t0;
        coding += t2 - t1;
        sn_doc_sentences(d, &ns);
        sentences += ns;
        events += ne;
        articles++;
        bytes += len;
    }
    fclose(f);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("text + coding, 1 core: %.1f MB, %lu articles, %lu sentences, %lu events, %.2f s\n",
           (double)bytes / 1e6, articles, sentences, events, total);
    printf("  %.0f sentences/s  %.0f articles/s  %.1f MB/s\n", (double)sentences / total,
           (double)articles / total, (double)bytes / 1e6 / total);
    printf("  coding step alone: %.0f sentences/s\n", (double)sentences / coding);
    printf("  built-in dictionary ready in %.3f ms; peak RSS %.1f MB\n", t_dict * 1e3, (double)ru.ru_maxrss / 1024.0);
    sn_coder_free(coder);
    sn_analyzer_free(an);
    free(buf);
    return 0;
}
