/*
 * tests/unit/test_store.c — unit tests of the event store (lib/store):
 * open and migrate, refusing files that are not Sentinel stores without
 * touching them, idempotent ingestion, the merge rule (one event from many
 * outlets; hedged and historical reports kept apart; location
 * compatibility), transactions, query filters, exports and recode with
 * retraction. Articles are coded by the real coder and geocoder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>
#include "sentinel/sentinel.h"
#include "store/internal.h"

typedef struct world {
    char dir[64], path[128];
    sn_store *s;
    sn_analyzer *an;
    sn_coder *coder;
    sn_geocoder *geo;
} world;

static void path_in(world *w, const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s", w->dir, name);
}

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    snprintf(w->dir, sizeof w->dir, "/tmp/sn-store-XXXXXX");
    assert_non_null(mkdtemp(w->dir));
    path_in(w, "t.db", w->path, sizeof w->path);
    sn_error err = {0};
    assert_int_equal(sn_store_open(w->path, &w->s, &err), SN_OK);
    assert_int_equal(sn_analyzer_new(&w->an, NULL), SN_OK);
    assert_int_equal(sn_coder_new(&w->coder, sn_dict_builtin()), SN_OK);
    assert_int_equal(sn_geocoder_new(&w->geo, sn_gazetteer_builtin()), SN_OK);
    assert_int_equal(sn_store_set_dict_version(w->s, "test:1", &err), SN_OK);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    sn_store_close(w->s);
    sn_geocoder_free(w->geo);
    sn_coder_free(w->coder);
    sn_analyzer_free(w->an);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", w->dir);
    assert_int_equal(system(cmd), 0);
    free(w);
    return 0;
}

/* Code text (published 2008-08-10) and store it as an article of source at url. */
static sn_store_put put(world *w, const char *source, const char *url, const char *text)
{
    sn_date pub = {2008, 8, 10};
    const sn_doc *doc;
    const sn_event *ev;
    uint32_t n;
    const sn_location *const *locs;
    assert_int_equal(sn_analyze(w->an, text, strlen(text), &pub, &doc), SN_OK);
    assert_int_equal(sn_code(w->coder, doc, &ev, &n), SN_OK);
    assert_int_equal(sn_geocode(w->geo, doc, ev, n, &locs), SN_OK);
    sn_store_article a = {NULL, url, url, source, "t", "en", text, strlen(text), pub,
                          sn_content_hash(text, strlen(text)), NULL, NULL};
    sn_store_put res;
    sn_error err = {0};
    assert_int_equal(sn_store_put_article(w->s, &a, doc, ev, locs, n, &res, &err), SN_OK);
    return res;
}

static sn_store_stats stats(world *w)
{
    sn_store_stats st;
    sn_error err = {0};
    assert_int_equal(sn_store_get_stats(w->s, &st, &err), SN_OK);
    return st;
}

typedef struct found {
    unsigned n;
    sn_stored_event first;
    char code[8], modality[16], place[64], date[16];
    unsigned max_sources, max_articles;
} found;

static int on_event(void *ctx, const sn_stored_event *e)
{
    found *f = ctx;
    if (!f->n++) {
        f->first = *e;
        snprintf(f->code, sizeof f->code, "%s", e->code);
        snprintf(f->modality, sizeof f->modality, "%s", e->modality);
        snprintf(f->place, sizeof f->place, "%s", e->place ? e->place : "");
        snprintf(f->date, sizeof f->date, "%s", e->date);
    }
    if (e->num_sources > f->max_sources)
        f->max_sources = e->num_sources;
    if (e->num_articles > f->max_articles)
        f->max_articles = e->num_articles;
    /* the strings are borrowed: only the copies above are kept */
    f->first.date = f->first.date_end = f->first.date_precision = f->first.code = f->first.modality = NULL;
    f->first.evidence = f->first.source_url = f->first.place = NULL;
    return 0;
}

static found query(world *w, const sn_event_filter *f)
{
    found r = {0};
    sn_error err = {0};
    assert_int_equal(sn_store_events(w->s, f, on_event, &r, &err), SN_OK);
    return r;
}

static const char gori[] = "Russian warplanes bombed the Georgian town of Gori on 9 August 2008.";

/* ---- open and migrate ---- */

static void test_open_migrate(void **state)
{
    world *w = *state;
    assert_int_equal(sn_store_schema_version(w->s), SN_STORE_SCHEMA_VERSION);
    assert_string_equal(sn_store_backend(w->s), "sqlite");
    put(w, "a.example", "https://a.example/1", gori);
    sn_store_close(w->s);
    sn_error err = {0};
    assert_int_equal(sn_store_open(w->path, &w->s, &err), SN_OK); /* migrations are not applied twice */
    assert_int_equal(stats(w).articles, 1);
    assert_int_equal(stats(w).schema_version, SN_STORE_SCHEMA_VERSION);
}

/* A store left at version 1 is brought to version 2 on open, its data kept
 * and the new column filled. */
static void test_migrate_v1(void **state)
{
    world *w = *state;
    put(w, "a.example", "https://a.example/1", gori);
    sn_store_close(w->s);
    w->s = NULL;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(w->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP INDEX events_root_country; ALTER TABLE events DROP COLUMN country;"
                                      " PRAGMA user_version = 1", 0, 0, 0), SQLITE_OK);
    sqlite3_close(db);
    sn_error err = {0};
    assert_int_equal(sn_store_open(w->path, &w->s, &err), SN_OK);
    assert_int_equal(sn_store_schema_version(w->s), 2);
    assert_int_equal(stats(w).events, 1);
    sn_event_filter f = {.code = "19", .country = "GEO"};
    assert_int_equal(query(w, &f).n, 1);
    assert_int_equal(sqlite3_open(w->path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT country FROM events", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "GEO");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static long file_size(const char *p)
{
    FILE *f = fopen(p, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

static void test_refuses_foreign_files(void **state)
{
    world *w = *state;
    char p[160], buf[64];
    sn_store *s = NULL;
    sn_error err = {0};
    /* not SQLite at all */
    path_in(w, "notes.db", p, sizeof p);
    FILE *f = fopen(p, "wb");
    for (int i = 0; i < 200; i++)
        fputs("these are my field notes, not a database\n", f);
    fclose(f);
    long before = file_size(p);
    assert_int_not_equal(sn_store_open(p, &s, &err), SN_OK);
    assert_null(s);
    assert_non_null(strstr(err.msg, "not a SQLite database"));
    assert_int_equal(file_size(p), before);
    f = fopen(p, "rb");
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "these are my field notes, not a database\n");
    /* SQLite, but someone else's */
    path_in(w, "other.db", p, sizeof p);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE birds(name TEXT); INSERT INTO birds VALUES('kite')", 0, 0, 0),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_not_equal(sn_store_open(p, &s, &err), SN_OK);
    assert_non_null(strstr(err.msg, "not a Sentinel store"));
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM birds", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "kite");
    sqlite3_finalize(st);
    sqlite3_close(db);
    /* a store of a newer schema */
    put(w, "a.example", "https://a.example/1", gori);
    sn_store_close(w->s);
    w->s = NULL;
    assert_int_equal(sqlite3_open(w->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", 0, 0, 0), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(sn_store_open(w->path, &s, &err), SN_ERR_UNSUPPORTED);
    assert_non_null(strstr(err.msg, "newer"));
    assert_int_equal(sqlite3_open(w->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 2", 0, 0, 0), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(sn_store_open(w->path, &w->s, &err), SN_OK);
    assert_int_equal(stats(w).articles, 1); /* nothing lost */
    /* PostgreSQL is recognised and refused clearly in this build */
    assert_int_equal(sn_store_open("postgres://localhost/x", &s, &err), SN_ERR_UNSUPPORTED);
    assert_non_null(strstr(err.msg, "PostgreSQL"));
}

/* ---- idempotency ---- */

static void test_idempotent(void **state)
{
    world *w = *state;
    sn_store_put r = put(w, "a.example", "https://a.example/1", gori);
    assert_int_equal(r.new_article, 1);
    assert_int_equal(r.events_new, 1);
    sn_store_stats a = stats(w);
    r = put(w, "a.example", "https://a.example/1", gori);
    assert_int_equal(r.new_article, 0);
    assert_int_equal(r.new_report, 0);
    assert_int_equal(r.mentions_new, 0);
    sn_store_stats b = stats(w);
    assert_memory_equal(&a, &b, sizeof a);
    /* the same text at another URL of another outlet: a report, not a source */
    r = put(w, "b.example", "https://b.example/copy", gori);
    assert_int_equal(r.new_article, 0);
    assert_int_equal(r.new_report, 1);
    b = stats(w);
    assert_int_equal(b.articles, 1);
    assert_int_equal(b.reports, 2);
    assert_int_equal(b.mentions, a.mentions);
}

static void test_transaction(void **state)
{
    world *w = *state;
    sn_error err = {0};
    assert_int_equal(sn_store_begin(w->s, &err), SN_OK);
    put(w, "a.example", "https://a.example/1", gori);
    put(w, "b.example", "https://b.example/2", "Russian jets bombed the Georgian town of Gori on Saturday.");
    sn_store_rollback(w->s); /* a crash before commit: nothing of either article */
    sn_store_stats st = stats(w);
    assert_int_equal(st.articles, 0);
    assert_int_equal(st.events, 0);
    assert_int_equal(st.mentions, 0);
    assert_int_equal(sn_store_begin(w->s, &err), SN_OK);
    put(w, "a.example", "https://a.example/1", gori);
    assert_int_equal(sn_store_commit(w->s, &err), SN_OK);
    assert_int_equal(stats(w).articles, 1);
    /* an article without text is refused and leaves nothing */
    sn_store_article bad = {0};
    sn_store_put res;
    assert_int_equal(sn_store_put_article(w->s, &bad, NULL, NULL, NULL, 0, &res, &err), SN_ERR_INVALID);
    assert_int_equal(stats(w).articles, 1);
}

/* ---- merging ---- */

static void test_merge_outlets(void **state)
{
    world *w = *state;
    static const char *const texts[] = {
        "Russian warplanes bombed the Georgian town of Gori on 9 August 2008.",
        "Russian jets bombed the Georgian town of Gori on Saturday, witnesses reported.",
        "The Georgian town of Gori was bombed by Russian warplanes on Saturday.",
        "Russian aircraft bombed the Georgian city of Gori on August 9, 2008.",
    };
    char url[64], src[32];
    for (int i = 0; i < 4; i++) {
        snprintf(url, sizeof url, "https://outlet%d.example/gori", i);
        snprintf(src, sizeof src, "outlet%d.example", i);
        put(w, src, url, texts[i]);
    }
    /* the same outlet again with another article: an article, not a source */
    put(w, "outlet0.example", "https://outlet0.example/gori-update",
        "Russian warplanes bombed the Georgian town of Gori on Saturday morning.");
    sn_event_filter f = {.code = "195", .modality = SN_MOD_ASSERTED + 1};
    found r = query(w, &f);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.first.num_sources, 4);
    assert_int_equal(r.first.num_articles, 5);
    assert_int_equal(r.first.num_mentions, 5);
    assert_string_equal(r.place, "Gori");
    assert_string_equal(r.date, "2008-08-09");
}

static void test_merge_keeps_apart(void **state)
{
    world *w = *state;
    put(w, "a.example", "https://a.example/1", gori);
    put(w, "b.example", "https://b.example/1", "Russian warplanes may have bombed the Georgian town of Gori on Saturday.");
    put(w, "c.example", "https://c.example/1",
        "Moscow denied that Russian warplanes bombed the Georgian town of Gori on Saturday.");
    put(w, "d.example", "https://d.example/1", "Russian warplanes bombed the Georgian town of Gori in 1993, during an earlier conflict.");
    put(w, "e.example", "https://e.example/1", "Russian warplanes bombed the Georgian town of Tskhinvali on 9 August 2008.");
    put(w, "f.example", "https://f.example/1", "Russian warplanes bombed the Georgian town of Gori on 12 August 2008.");
    sn_event_filter f = {.code = "195"};
    found r = query(w, &f);
    assert_int_equal(r.n, 6);
    assert_int_equal(r.max_sources, 1);
    f.modality = SN_MOD_ASSERTED + 1;
    f.from = f.to = "2008-08-09";
    r = query(w, &f);
    assert_int_equal(r.n, 2); /* Gori and Tskhinvali */
}

static void test_location_rule(void **state)
{
    (void)state;
    static const struct {
        const char *fa;
        int ra;
        const char *ca, *aa, *fb;
        int rb;
        const char *cb, *ab;
        int want;
    } t[] = {
        {"g:1", SN_GEOP_PLACE, "GEO", "GE-SK", "g:1", SN_GEOP_PLACE, "GEO", "GE-SK", 1},
        {"g:1", SN_GEOP_PLACE, "GEO", "GE-SK", "g:2", SN_GEOP_PLACE, "GEO", "GE-SK", 0},
        {"g:1", SN_GEOP_PLACE, "GEO", "GE-SK", NULL, -1, NULL, NULL, 1},
        {"c:GEO", SN_GEOP_COUNTRY, "GEO", "", "g:1", SN_GEOP_PLACE, "GEO", "GE-SK", 1},
        {"c:RUS", SN_GEOP_COUNTRY, "RUS", "", "g:1", SN_GEOP_PLACE, "GEO", "GE-SK", 0},
        {"a:SK", SN_GEOP_ADM1, "GEO", "GE-SK", "g:1", SN_GEOP_PLACE, "GEO", "GE-SK", 1},
        {"a:TB", SN_GEOP_ADM1, "GEO", "GE-TB", "g:1", SN_GEOP_PLACE, "GEO", "GE-SK", 0},
        {"r:so", SN_GEOP_REGION, "GEO", "", "g:1", SN_GEOP_PLACE, "GEO", "GE-SK", 0},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        assert_int_equal(sn_location_compatible(t[i].fa, t[i].ra, t[i].ca, t[i].aa, t[i].fb, t[i].rb, t[i].cb,
                                                t[i].ab), t[i].want);
        assert_int_equal(sn_location_compatible(t[i].fb, t[i].rb, t[i].cb, t[i].ab, t[i].fa, t[i].ra, t[i].ca,
                                                t[i].aa), t[i].want);
    }
    assert_int_equal(sn_fatalities("Russian jets bombed Gori, killing five civilians."), 5);
    assert_int_equal(sn_fatalities("At least 12 people were killed in Gori."), 12);
    assert_int_equal(sn_fatalities("Russian jets bombed Gori on 9 August 2008."), -1);
}

/* ---- query ---- */

static void test_query_filters(void **state)
{
    world *w = *state;
    put(w, "a.example", "https://a.example/1", gori);
    put(w, "b.example", "https://b.example/1", "Russian jets bombed the Georgian town of Gori on Saturday, witnesses reported.");
    put(w, "c.example", "https://c.example/1", "Georgian troops shelled Tskhinvali on 8 August 2008.");
    put(w, "d.example", "https://d.example/1", "Thousands of protesters marched in Tbilisi on 10 August 2008.");
    sn_event_filter f = {0};
    unsigned all = query(w, &f).n;
    assert_true(all >= 2);
    f = (sn_event_filter){.actor = "RUS"};
    assert_int_equal(query(w, &f).n, 1);
    f = (sn_event_filter){.actor = "warplanes"};
    assert_int_equal(query(w, &f).n, 1);
    f = (sn_event_filter){.code = "19"};
    assert_true(query(w, &f).n >= 2);
    f = (sn_event_filter){.plover = "ASSAULT", .quad_class = 4};
    assert_true(query(w, &f).n >= 2);
    f = (sn_event_filter){.min_sources = 2};
    found r = query(w, &f);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.code, "195");
    f = (sn_event_filter){.country = "GEO", .code = "195"};
    assert_int_equal(query(w, &f).n, 1);
    f = (sn_event_filter){.country = "UKR"};
    assert_int_equal(query(w, &f).n, 0);
    f = (sn_event_filter){.has_bbox = 1, .min_lon = 44.0, .min_lat = 41.9, .max_lon = 44.2, .max_lat = 42.1};
    r = query(w, &f);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.place, "Gori");
    f = (sn_event_filter){.has_radius = 1, .lat = 41.98, .lon = 44.12, .radius_km = 5};
    assert_int_equal(query(w, &f).n, 1);
    f = (sn_event_filter){.has_radius = 1, .lat = 41.72, .lon = 44.79, .radius_km = 5}; /* Tbilisi */
    r = query(w, &f);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.code, "141"); /* the march */
    f = (sn_event_filter){.from = "2008-08-09", .to = "2008-08-09"};
    assert_int_equal(query(w, &f).n, 1);
    f = (sn_event_filter){.text = "warplanes AND Gori"};
    assert_int_equal(query(w, &f).n, 1);
    f = (sn_event_filter){.text = "shelled"};
    assert_int_equal(query(w, &f).n, 1);
    f = (sn_event_filter){.modality = SN_MOD_THREATENED + 1};
    assert_int_equal(query(w, &f).n, 0);
    f = (sn_event_filter){.limit = 1};
    assert_int_equal(query(w, &f).n, 1);
    /* a malformed full-text query is an error, not a crash */
    found x = {0};
    sn_error err = {0};
    f = (sn_event_filter){.text = "\"unbalanced"};
    assert_int_not_equal(sn_store_events(w->s, &f, on_event, &x, &err), SN_OK);
    assert_true(err.msg[0] != 0);
}

/* ---- export ---- */

typedef struct sink {
    char buf[1 << 16];
    size_t n;
} sink;

static int to_sink(void *ctx, const char *p, size_t n)
{
    sink *k = ctx;
    if (k->n + n >= sizeof k->buf)
        return -1;
    memcpy(k->buf + k->n, p, n);
    k->n += n;
    k->buf[k->n] = 0;
    return 0;
}

static void test_export(void **state)
{
    world *w = *state;
    put(w, "a.example", "https://a.example/1", gori);
    put(w, "b.example", "https://b.example/1", "Russian jets bombed the Georgian town of Gori on 9 August, killing five civilians.");
    size_t ncol, nm;
    sn_gdelt_event_columns(&ncol);
    sn_gdelt_mention_columns(&nm);
    assert_int_equal(ncol, 61);
    assert_int_equal(nm, 16);
    sink *k = calloc(1, sizeof *k);
    sn_error err = {0};
    sn_event_filter f = {.code = "195", .actor = "RUSMIL"};
    assert_int_equal(sn_store_export(w->s, SN_EXPORT_GDELT, &f, to_sink, k, &err), SN_OK);
    unsigned tabs = 0, lines = 0;
    for (size_t i = 0; i < k->n; i++)
        tabs += k->buf[i] == '\t', lines += k->buf[i] == '\n';
    assert_int_equal(lines, 1);
    assert_int_equal(tabs, 60);
    assert_non_null(strstr(k->buf, "\t20080809\t200808\t2008\t"));
    assert_non_null(strstr(k->buf, "\tRUSMIL\t"));
    k->n = 0;
    assert_int_equal(sn_store_export(w->s, SN_EXPORT_GDELT_MENTIONS, &f, to_sink, k, &err), SN_OK);
    lines = tabs = 0;
    for (size_t i = 0; i < k->n; i++)
        tabs += k->buf[i] == '\t', lines += k->buf[i] == '\n';
    assert_int_equal(lines, 2);
    assert_int_equal(tabs, 30);
    k->n = 0;
    assert_int_equal(sn_store_export(w->s, SN_EXPORT_ACLED, &f, to_sink, k, &err), SN_OK);
    assert_non_null(strstr(k->buf, "event_date,year,time_precision,event_type,sub_event_type"));
    assert_non_null(strstr(k->buf, "Explosions/Remote violence,Air/drone strike"));
    k->n = 0;
    assert_int_equal(sn_store_export(w->s, SN_EXPORT_GEOJSON, &f, to_sink, k, &err), SN_OK);
    assert_non_null(strstr(k->buf, "\"FeatureCollection\""));
    assert_non_null(strstr(k->buf, "\"num_sources\":2"));
    free(k);
}

/* ---- recode ---- */

static void test_recode(void **state)
{
    world *w = *state;
    sn_store_put r = put(w, "a.example", "https://a.example/1", gori);
    int64_t id = r.article_id;
    sn_date pub = {2008, 8, 10};
    const sn_doc *doc;
    const sn_event *ev;
    uint32_t n;
    const sn_location *const *locs;
    sn_error err = {0};
    assert_int_equal(sn_analyze(w->an, gori, strlen(gori), &pub, &doc), SN_OK);
    assert_int_equal(sn_code(w->coder, doc, &ev, &n), SN_OK);
    assert_int_equal(sn_geocode(w->geo, doc, ev, n, &locs), SN_OK);
    sn_store_stats before = stats(w);
    /* the same dictionary: nothing changes */
    assert_int_equal(sn_store_recode_article(w->s, id, doc, ev, locs, n, &r, &err), SN_OK);
    assert_int_equal(r.mentions_new + r.mentions_retracted, 0);
    sn_store_stats after = stats(w);
    assert_memory_equal(&before, &after, sizeof before);
    /* a dictionary under which the article has no event: retracted, not deleted */
    assert_int_equal(sn_store_set_dict_version(w->s, "test:2", &err), SN_OK);
    assert_int_equal(sn_store_recode_article(w->s, id, doc, ev, locs, 0, &r, &err), SN_OK);
    assert_int_equal(r.mentions_retracted, 1);
    assert_int_equal(r.events_retracted, 1);
    after = stats(w);
    assert_int_equal(after.events, 0);
    assert_int_equal(after.events_retracted, 1);
    assert_int_equal(after.mentions_retracted, 1);
    assert_int_equal(after.changes, 2);
    assert_int_equal(query(w, &(sn_event_filter){0}).n, 0);
    found x = query(w, &(sn_event_filter){.include_retracted = 1});
    assert_int_equal(x.n, 1);
    assert_int_equal(x.first.retracted, 1);
    /* again: nothing more changes */
    assert_int_equal(sn_store_recode_article(w->s, id, doc, ev, locs, 0, &r, &err), SN_OK);
    assert_int_equal(stats(w).changes, 2);
    /* the event comes back */
    assert_int_equal(sn_store_recode_article(w->s, id, doc, ev, locs, n, &r, &err), SN_OK);
    after = stats(w);
    assert_int_equal(after.events, 1);
    assert_int_equal(after.mentions, 1);
    assert_int_equal(after.changes, 4);
    assert_int_equal(sn_store_recode_article(w->s, 9999, doc, ev, locs, n, &r, &err), SN_ERR_NOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_migrate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrate_v1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_foreign_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idempotent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transaction, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_outlets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_keeps_apart, setup, teardown),
        cmocka_unit_test(test_location_rule),
        cmocka_unit_test_setup_teardown(test_query_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recode, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
