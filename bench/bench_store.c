/*
 * bench/bench_store.c — the event store's bench: insert throughput
 * (articles/s with their events, batched as `ingest --db` batches them)
 * into a fresh SQLite store, then the latency (p50, p99) of typical
 * analyst queries on it — a dyad over a year, a root code in a country,
 * a bounding box over a month — with each query's plan. The events are
 * generated (deterministic), not coded, so the store alone is measured.
 *   bench_store [EVENTS (1000000)] [STORE (bench-store.db)] [--reuse]
 * --reuse opens an existing STORE (applying any migration, timed) and runs
 * only the queries.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "sentinel/sentinel.h"

#define PER_ARTICLE 4
#define QUERIES 200

static const char *const countries[] = {"RUS", "UKR", "GEO", "SYR", "IRQ", "ISR", "PSE", "TUR", "IRN", "AFG",
                                        "PAK", "IND", "CHN", "USA", "FRA", "DEU", "GBR", "SDN", "ETH", "SOM",
                                        "NGA", "MLI", "COD", "YEM", "LBY", "EGY", "ARM", "AZE", "MMR", "COL"};
static const char *const roles[] = {"GOV", "MIL", "REB", "CVL", "COP", ""};
static const char *const codes[] = {"010", "020", "036", "042", "043", "057", "061", "112", "120", "130",
                                    "141", "145", "173", "180", "190", "193", "194", "195", "200", "051"};

static uint64_t rng = 88172645463325252ull;
static uint32_t next(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct counter {
    unsigned long rows;
} counter;

static int count(void *ctx, const sn_stored_event *e)
{
    (void)e;
    ((counter *)ctx)->rows++;
    return 0;
}

static int print_plan(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    fwrite("    ", 1, 4, stdout);
    return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

static void random_actor(sn_actor_ref *a, char code[8], int c)
{
    const char *role = roles[next() % 6];
    snprintf(code, 8, "%s%s", countries[c], role);
    a->code = code, a->country = countries[c], a->role = role, a->type = "state";
    a->off = 0, a->len = 7;
}

static void run_query(sn_store *s, const char *name, sn_event_filter *make(sn_event_filter *, int))
{
    double t[QUERIES];
    unsigned long rows = 0;
    sn_error err = {0};
    for (int i = 0; i < QUERIES; i++) {
        sn_event_filter f;
        make(&f, i);
        counter c = {0};
        double t0 = now();
        if (sn_store_events(s, &f, count, &c, &err)) {
            fprintf(stderr, "bench_store: %s: %s\n", name, err.msg);
            exit(1);
        }
        t[i] = (now() - t0) * 1000;
        rows += c.rows;
    }
    qsort(t, QUERIES, sizeof *t, cmp);
    printf("  %-34s p50 %7.2f ms  p99 %7.2f ms  (%d queries, %.0f rows each on average)\n", name, t[QUERIES / 2],
           t[QUERIES * 99 / 100], QUERIES, (double)rows / QUERIES);
    sn_event_filter f;
    make(&f, 0);
    sn_store_explain(s, &f, print_plan, NULL, &err);
}

static char years[QUERIES][2][16], months[QUERIES][2][16], dy[QUERIES][2][8];

static sn_event_filter *dyad_year(sn_event_filter *f, int i)
{
    int y = 2015 + i % 10;
    snprintf(years[i][0], 16, "%04d-01-01", y);
    snprintf(years[i][1], 16, "%04d-12-31", y);
    snprintf(dy[i][0], 8, "%s", countries[i % 30]);
    snprintf(dy[i][1], 8, "%s", countries[(i * 7 + 3) % 30]);
    *f = (sn_event_filter){.source = dy[i][0], .target = dy[i][1], .from = years[i][0], .to = years[i][1]};
    return f;
}

static sn_event_filter *root_country(sn_event_filter *f, int i)
{
    static char root[QUERIES][3];
    snprintf(root[i], 3, "%.2s", codes[i % 20]);
    *f = (sn_event_filter){.code = root[i], .country = countries[(i * 11) % 30]};
    return f;
}

static sn_event_filter *box_month(sn_event_filter *f, int i)
{
    int y = 2015 + i % 10, m = 1 + i % 12;
    snprintf(months[i][0], 16, "%04d-%02d-01", y, m);
    snprintf(months[i][1], 16, "%04d-%02d-28", y, m);
    double lon = -20 + (i * 37) % 80, lat = 10 + (i * 13) % 40;
    *f = (sn_event_filter){.has_bbox = 1, .min_lon = lon, .min_lat = lat, .max_lon = lon + 5, .max_lat = lat + 5,
                           .from = months[i][0], .to = months[i][1]};
    return f;
}

int main(int argc, char **argv)
{
    long nevents = argc > 1 ? atol(argv[1]) : 1000000;
    const char *path = argc > 2 ? argv[2] : "bench-store.db";
    int reuse = argc > 3 && !strcmp(argv[3], "--reuse");
    char side[4200];
    if (!reuse) {
        unlink(path);
        snprintf(side, sizeof side, "%s-wal", path), unlink(side);
        snprintf(side, sizeof side, "%s-shm", path), unlink(side);
    }
    sn_store *s;
    sn_error err = {0};
    double o0 = now();
    if (sn_store_open(path, &s, &err) || sn_store_set_dict_version(s, "bench", &err)) {
        fprintf(stderr, "bench_store: %s\n", err.msg);
        return 1;
    }
    if (reuse)
        printf("opened %s (schema version %d) in %.2f s, migrations included\n", path, sn_store_schema_version(s),
               now() - o0);
    long narticles = reuse ? 0 : nevents / PER_ARTICLE;
    char text[512], url[96], src[32];
    sn_event ev[PER_ARTICLE];
    sn_location loc[PER_ARTICLE];
    const sn_location *locs[PER_ARTICLE];
    char acodes[PER_ARTICLE][2][8];
    double t0 = now();
    sn_store_begin(s, &err);
    for (long a = 0; a < narticles; a++) {
        snprintf(text, sizeof text,
                 "Bench article %ld: forces of one side attacked positions of the other near a town, officials "
                 "said, and talks were announced for the coming week.", a);
        size_t tlen = strlen(text);
        snprintf(url, sizeof url, "https://outlet%ld.example/news/%ld", a % 500, a);
        snprintf(src, sizeof src, "outlet%ld.example", a % 500);
        for (int k = 0; k < PER_ARTICLE; k++) {
            sn_event *e = &ev[k];
            memset(e, 0, sizeof *e);
            int c1 = (int)(next() % 30), c2 = (int)(next() % 30);
            random_actor(&e->source, acodes[k][0], c1);
            random_actor(&e->target, acodes[k][1], c2);
            const char *code = codes[next() % 20];
            snprintf(e->code, sizeof e->code, "%s", code);
            snprintf(e->base_code, sizeof e->base_code, "%.3s", code);
            snprintf(e->root_code, sizeof e->root_code, "%.2s", code);
            e->quad_class = 1 + (int)(next() % 4);
            e->goldstein = -10 + (double)(next() % 200) / 10;
            e->plover_type = "ASSAULT", e->plover_mode = "";
            e->modality = next() % 10 ? SN_MOD_ASSERTED : SN_MOD_CLAIMED;
            e->sentence = (uint32_t)k, e->off = 0, e->len = (uint32_t)tlen;
            int32_t day = 16436 + (int32_t)(next() % 3650); /* 2015-2024 */
            time_t tt = (time_t)day * 86400;
            struct tm tm;
            gmtime_r(&tt, &tm);
            e->date_begin = (sn_date){(int16_t)(tm.tm_year + 1900), (uint8_t)(tm.tm_mon + 1), (uint8_t)tm.tm_mday};
            e->date_end = e->date_begin;
            e->date_precision = SN_PREC_DAY;
            e->confidence = 0.8;
            sn_location *l = &loc[k];
            memset(l, 0, sizeof *l);
            unsigned place = next() % 20000;
            l->name = "Benchtown";
            snprintf(l->country, sizeof l->country, "%s", countries[c2]);
            l->lat = 10 + (place % 200) * 0.2, l->lon = -20 + (place / 200) * 0.8;
            l->precision = SN_GEOP_PLACE;
            snprintf(l->feature_id, sizeof l->feature_id, "bench:%u", place);
            locs[k] = l;
        }
        sn_store_article art = {NULL, url, url, src, "Bench", "en", text, tlen, {2024, 1, 1},
                                (uint64_t)a * 0x9E3779B97F4A7C15ull + 1, NULL, NULL};
        if (sn_store_put_article(s, &art, NULL, ev, locs, PER_ARTICLE, NULL, &err)) {
            fprintf(stderr, "bench_store: %s\n", err.msg);
            return 1;
        }
        if ((a + 1) % 500 == 0 && (sn_store_commit(s, &err) || sn_store_begin(s, &err))) {
            fprintf(stderr, "bench_store: %s\n", err.msg);
            return 1;
        }
    }
    sn_store_commit(s, &err);
    double el = now() - t0;
    sn_store_stats st;
    sn_store_get_stats(s, &st, &err);
    if (!reuse)
        printf("store bench (SQLite, %s): %ld articles with %d events each in %.1f s: %.0f articles/s, %.0f events/s;\n"
           "  store holds %llu events, %llu mentions\n",
           path, narticles, PER_ARTICLE, el, narticles / el, narticles * PER_ARTICLE / el,
           (unsigned long long)st.events, (unsigned long long)st.mentions);
    printf("query latency (target: sub-linear through indexes; plans below each line):\n");
    run_query(s, "dyad over a year", dyad_year);
    run_query(s, "root code in a country", root_country);
    run_query(s, "bounding box over a month", box_month);
    sn_store_close(s);
    return 0;
}
