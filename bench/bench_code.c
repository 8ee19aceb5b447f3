/*
 * bench/bench_code.c — throughput of coding: the text stage plus the coding
 * engine with the built-in dictionaries, per article of the bench corpus
 * (bench/gencorpus), on one core. Prints sentences/s, articles/s, events
 * and peak RSS; and, separately, the time of the coding step alone. With
 * IMAGE, it codes with that image (e.g. imported TABARI or Phoenix
 * dictionaries, docs/compat.md) and reports its load time.
 *
 *   bench_code CORPUS [IMAGE]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "corpus.h"
#include "sentinel/sentinel.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_code CORPUS [IMAGE]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    sn_analyzer *an;
    sn_coder *coder;
    double t_dict = bench_now();
    sn_dict *owned = NULL;
    sn_error err;
    const sn_dict *dict = argc > 2 ? (sn_dict_open(argv[2], &owned, &err) ? NULL : owned) : sn_dict_builtin();
    t_dict = bench_now() - t_dict;
    if (!f || !dict || sn_analyzer_new(&an, NULL) || sn_coder_new(&coder, dict)) {
        fprintf(stderr, "bench_code: cannot start\n");
        return 1;
    }
    sn_date pub = {2015, 3, 16};
    unsigned long articles = 0, sentences = 0, events = 0;
    size_t bytes = 0, cap = 0, len;
    char *buf = NULL;
    double total = 0, coding = 0;
    while ((len = bench_next_article(f, &buf, &cap)) > 0 || !feof(f)) {
        const sn_doc *d;
        const sn_event *ev;
        uint32_t ns, ne;
        if (!len)
            continue;
        double t0 = bench_now();
        if (sn_analyze(an, buf, len, &pub, &d))
            continue;
        double t1 = bench_now();
        if (sn_code(coder, d, &ev, &ne))
            continue;
        double t2 = bench_now();
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
    printf("  %s dictionary ready in %.3f ms; peak RSS %.1f MB\n", argc > 2 ? argv[2] : "built-in", t_dict * 1e3,
           (double)ru.ru_maxrss / 1024.0);
    sn_coder_free(coder);
    sn_dict_close(owned);
    sn_analyzer_free(an);
    free(buf);
    return 0;
}
