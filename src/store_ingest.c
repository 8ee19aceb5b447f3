/*
 * src/store_ingest.c — the store side of `sentinel ingest --db`: each
 * article record the ingestor writes is analysed, coded, geolocated and
 * stored with its events (merged across reports), many articles to a
 * transaction and each article in its own savepoint. An article already
 * stored (same canonical URL and content hash) or a copy of one (same
 * text, or marked duplicate_of) is only recorded as another report, and
 * not coded again, so re-ingesting changes nothing.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "store_cli.h"

#define BATCH 500

struct store_sink {
    sn_store *st;
    sn_analyzer *an;
    sn_coder *coder;
    sn_geocoder *geo;
    int echo, in_batch;
    unsigned batch;
    unsigned long records, stored, copies, events_new, events_merged, mentions, failed;
};

const char *store_cli_path(const char *db, char *buf, size_t cap)
{
    if (db && *db)
        return db;
    const char *home = getenv("SENTINEL_HOME");
    if (home && *home) {
        snprintf(buf, cap, "%s/sentinel.db", home);
        return buf;
    }
    return "sentinel.db";
}

sn_store *store_cli_open(const char *db)
{
    return store_cli_open_mode(db, 0);
}

sn_store *store_cli_open_mode(const char *db, int create)
{
    char buf[4096];
    const char *path = store_cli_path(db, buf, sizeof buf);
    struct stat st;
    if (!create && strncmp(path, "postgres", 8) && stat(!strncmp(path, "sqlite:", 7) ? path + 7 : path, &st)) {
        cli_error(NULL, "%s: no store there (make one with 'sentinel ingest --db %s INPUT...')", path, path);
        return NULL;
    }
    sn_store *s;
    sn_error err = {0};
    if (sn_store_open(path, &s, &err)) {
        cli_error(NULL, "%s", err.msg);
        return NULL;
    }
    return s;
}

void store_cli_dict_version(const char *dict_path, char *out, size_t cap)
{
    struct stat st;
    if (dict_path && !stat(dict_path, &st))
        snprintf(out, cap, "file:%s:%lld:%lld", dict_path, (long long)st.st_size, (long long)st.st_mtime);
    else
        snprintf(out, cap, "builtin:%s", sn_version());
}

store_sink *store_sink_new(const char *db, int echo)
{
    store_sink *k = calloc(1, sizeof *k);
    if (!k)
        return NULL;
    k->echo = echo;
    char v[4200];
    sn_error err = {0};
    store_cli_dict_version(NULL, v, sizeof v);
    if (!(k->st = store_cli_open_mode(db, 1)) || sn_store_set_dict_version(k->st, v, &err)) {
        if (k->st)
            cli_error(NULL, "%s", err.msg);
        sn_store_close(k->st);
        free(k);
        return NULL;
    }
    if (sn_analyzer_new(&k->an, NULL) || sn_coder_new(&k->coder, sn_dict_builtin()) ||
        sn_geocoder_new(&k->geo, sn_gazetteer_builtin())) {
        cli_error("ingest", "cannot start the coder");
        store_sink_free(k);
        return NULL;
    }
    return k;
}

static int put(store_sink *k, const sn_article *a, const char *canon)
{
    sn_store_article sa = {a->id, a->url, canon, a->source, a->title, a->lang, a->text, a->text_len,
                           a->published, sn_content_hash(a->text, a->text_len), a->duplicate_of, NULL};
    sn_error err = {0};
    if (!k->in_batch) {
        if (sn_store_begin(k->st, &err)) {
            cli_error(NULL, "%s", err.msg);
            return -1;
        }
        k->in_batch = 1;
    }
    const sn_doc *doc = NULL;
    const sn_event *ev = NULL;
    const sn_location *const *locs = NULL;
    uint32_t n = 0;
    int copy = sn_store_has_article(k->st, &sa, NULL) || a->duplicate_of;
    if (!copy && a->english != 0) {
        sn_rc rc = sn_analyze(k->an, a->text, a->text_len, a->published.year ? &a->published : NULL, &doc);
        if (!rc)
            rc = sn_code(k->coder, doc, &ev, &n);
        if (!rc)
            rc = sn_geocode(k->geo, doc, ev, n, &locs);
        if (rc) {
            cli_error(a->id, "cannot code: %s", sn_rc_str(rc));
            k->failed++;
            return 0;
        }
    }
    sn_store_put res;
    if (sn_store_put_article(k->st, &sa, doc, ev, locs, n, &res, &err)) {
        cli_error(a->id, "not stored: %s", err.msg);
        k->failed++;
        return err.rc == SN_ERR_IO || err.rc == SN_ERR_NOMEM ? -1 : 0;
    }
    k->stored += res.new_article;
    k->copies += !res.new_article;
    k->events_new += res.events_new;
    k->events_merged += res.events_merged;
    k->mentions += res.mentions_new;
    if (++k->batch >= BATCH) {
        k->batch = 0;
        k->in_batch = 0;
        if (sn_store_commit(k->st, &err)) {
            cli_error(NULL, "%s", err.msg);
            return -1;
        }
    }
    return 0;
}

int store_sink_write(store_sink *k, const char *p, size_t n)
{
    if (k->echo && fwrite(p, 1, n, stdout) != n)
        return -1;
    k->records++;
    sn_article a = {0};
    sn_error err = {0};
    if (sn_article_parse_json(p, n && p[n - 1] == '\n' ? n - 1 : n, &a, &err)) {
        cli_error(NULL, "an ingested record could not be read back: %s", err.msg);
        k->failed++;
        return 0;
    }
    char *canon = a.url ? sn_url_canonical(a.url) : NULL;
    int r = a.text ? put(k, &a, canon) : 0;
    free(canon);
    sn_article_clear(&a);
    return r;
}

int store_sink_free(store_sink *k)
{
    if (!k)
        return 0;
    int r = 0;
    sn_error err = {0};
    if (k->in_batch && sn_store_commit(k->st, &err)) {
        cli_error(NULL, "%s", err.msg);
        r = -1;
    }
    if (k->records)
        fprintf(stderr,
                "sentinel: store: %lu records: %lu new articles, %lu already stored or copies; %lu mentions: "
                "%lu new events, %lu merged into events; %lu failed\n",
                k->records, k->stored, k->copies, k->mentions, k->events_new, k->events_merged, k->failed);
    sn_geocoder_free(k->geo);
    sn_coder_free(k->coder);
    sn_analyzer_free(k->an);
    sn_store_close(k->st);
    free(k);
    return r;
}
