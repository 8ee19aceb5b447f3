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
#include "corpus.h"
#include "sentinel/sentinel.h"

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
    while ((len = bench_next_article(f, &buf, &cap)) > 0 || !feof(f)) {
        const sn_doc *d;
        if (!len)
            continue;
        double t0 = bench_now();
        sn_rc rc = sn_analyze(an, buf, len, &pub, &d);
        busy += bench_now() - t0;
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
