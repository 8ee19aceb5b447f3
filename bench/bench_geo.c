/*
 * bench/bench_geo.c — the cost of geolocation: per article of the bench
 * corpus, on one core, the coding step alone and geocoding after it, as a
 * ratio (coding + geocoding) / coding (target <= 1.3); then the gazetteer
 * image's load time from a file (mmap and checks, best of 20) and from the
 * library, its size, the geocoder's workspace and peak RSS.
 *
 *   bench_geo CORPUS GAZETTEER_IMAGE [MAX_MB]
 *
 * Wall-clock figures drift on a shared machine; scripts/bench also counts
 * instructions of sn_code and sn_geocode with callgrind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "corpus.h"
#include "sentinel/sentinel.h"

static void load_times(const char *image)
{
    double best = 1e9;
    sn_gazetteer_stats st = {0};
    for (int i = 0; i < 20; i++) {
        sn_gazetteer *g;
        sn_error err;
        double t0 = bench_now();
        if (sn_gazetteer_open(image, &g, &err)) {
            fprintf(stderr, "bench_geo: %s: %s\n", image, err.msg);
            exit(1);
        }
        double t = bench_now() - t0;
        best = t < best ? t : best;
        sn_gazetteer_get_stats(g, &st);
        sn_gazetteer_close(g);
    }
    double t0 = bench_now();
    const sn_gazetteer *b = sn_gazetteer_builtin();
    double tb = bench_now() - t0;
    printf("gazetteer image: %.1f MB, %u features, %u names; opens in %.2f ms from a file (best of 20), "
           "built-in ready in %.2f ms%s\n",
           (double)st.bytes / 1e6, st.features, st.names, best * 1e3, tb * 1e3, b ? "" : " (MISSING)");
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_geo CORPUS GAZETTEER_IMAGE [MAX_MB]\n");
        return 2;
    }
    load_times(argv[2]);
    size_t max_bytes = argc > 3 ? (size_t)(atof(argv[3]) * 1e6) : (size_t)-1;
    FILE *f = fopen(argv[1], "rb");
    sn_analyzer *an;
    sn_coder *coder;
    sn_geocoder *gc;
    if (!f || sn_analyzer_new(&an, NULL) || sn_coder_new(&coder, sn_dict_builtin()) ||
        sn_geocoder_new(&gc, sn_gazetteer_builtin())) {
        fprintf(stderr, "bench_geo: cannot start\n");
        return 1;
    }
    sn_date pub = {2015, 3, 16};
    unsigned long articles = 0, sentences = 0, events = 0, located = 0;
    size_t bytes = 0, cap = 0, len;
    char *buf = NULL;
    double coding = 0, geo = 0;
    while (bytes < max_bytes && ((len = bench_next_article(f, &buf, &cap)) > 0 || !feof(f))) {
        const sn_doc *d;
        const sn_event *ev;
        const sn_location *const *locs;
        uint32_t ns, ne;
        if (!len || sn_analyze(an, buf, len, &pub, &d))
            continue;
        double t1 = bench_now();
        if (sn_code(coder, d, &ev, &ne))
            continue;
        double t2 = bench_now();
        if (sn_geocode(gc, d, ev, ne, &locs))
            continue;
        double t3 = bench_now();
        coding += t2 - t1;
        geo += t3 - t2;
        sn_doc_sentences(d, &ns);
        sentences += ns;
        events += ne;
        for (uint32_t i = 0; i < ne && i < SN_GEO_MAX_EVENTS; i++)
            located += locs[i] != NULL;
        articles++;
        bytes += len;
    }
    fclose(f);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("coding then geocoding, 1 core: %.1f MB, %lu articles, %lu sentences, %lu events (%lu located)\n",
           (double)bytes / 1e6, articles, sentences, events, located);
    printf("  coding alone %.0f sentences/s; geocoding alone %.0f sentences/s\n", (double)sentences / coding,
           (double)sentences / geo);
    printf("  geocoding per sentence: %.2f us; coding + geocoding = %.2fx coding alone (target <= 1.3x)\n",
           geo / (double)sentences * 1e6, (coding + geo) / coding);
    printf("  geocoder workspace %.0f KB (allocated once); peak RSS %.1f MB (the built-in image is mapped\n"
           "  read-only and paged in on use)\n", (double)sn_geocoder_workspace_bytes() / 1024.0,
           (double)ru.ru_maxrss / 1024.0);
    sn_geocoder_free(gc);
    sn_coder_free(coder);
    sn_analyzer_free(an);
    free(buf);
    return 0;
}
