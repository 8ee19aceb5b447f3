/*
 * sentinel/store.h — the event store: articles, the reports that carried
 * them, their sentences, and the coded events merged across reports (one
 * event, many mentions, in the manner of GDELT's Events and Mentions
 * tables), with query, listing and recode support. One small interface;
 * the backend (SQLite, the embedded default) is chosen by the target given
 * to sn_store_open() and lives in lib/store (docs/storage.md). The merge
 * rule is in docs/merging.md.
 *
 * Ownership:
 *  - sn_store_open() returns a handle freed by sn_store_close(). A handle
 *    is used by one thread at a time.
 *  - Every string given to the store is copied or used only during the
 *    call. The records passed to the callbacks (sn_stored_event,
 *    sn_stored_mention, sn_stored_article) and their strings are borrowed
 *    and valid only during the callback.
 */
#ifndef SENTINEL_STORE_H
#define SENTINEL_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "sentinel/code.h"
#include "sentinel/geo.h"
#include "sentinel/result.h"
#include "sentinel/text.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SN_STORE_SCHEMA_VERSION 2

typedef struct sn_store sn_store;

/* Open (creating it when absent) the store at target: a file path for
 * SQLite, or "sqlite:PATH". "postgres://..." is SN_ERR_UNSUPPORTED in this
 * build. Migrations up to SN_STORE_SCHEMA_VERSION are applied in one
 * transaction; a file that is not a Sentinel store (not SQLite, damaged,
 * or a newer schema) is refused with err->msg saying so, and left as it is. */
sn_rc sn_store_open(const char *target, sn_store **out, sn_error *err);
void sn_store_close(sn_store *s);
const char *sn_store_backend(const sn_store *s);
int sn_store_schema_version(const sn_store *s);

/* Batches: many articles per transaction. Each article is written inside
 * its own savepoint, so a failed article leaves nothing behind, and a
 * crash loses at most the uncommitted batch, never part of an article. */
sn_rc sn_store_begin(sn_store *s, sn_error *err);
sn_rc sn_store_commit(sn_store *s, sn_error *err);
void sn_store_rollback(sn_store *s);

/* The dictionary (and gazetteer) version events are coded with; recorded
 * once per distinct value and attached to new mentions. */
sn_rc sn_store_set_dict_version(sn_store *s, const char *version, sn_error *err);

/* One article as ingested. identity: canonical_url (else url, else
 * ext_id) plus content_hash. source names the outlet ("reuters.com"). */
typedef struct sn_store_article {
    const char *ext_id, *url, *canonical_url, *source, *title, *lang;
    const char *text;
    size_t text_len;
    sn_date published;      /* year 0 when unknown */
    uint64_t content_hash;
    const char *duplicate_of; /* ext_id of the article this is a copy of, or NULL */
    const char *feed;       /* the feed URL it came from, or NULL */
} sn_store_article;

typedef struct sn_store_put {
    int64_t article_id;
    int new_article;        /* 0: already stored (or a copy): nothing coded */
    int new_report;         /* a new (article, URL, source) report */
    unsigned events_new, events_merged, mentions_new, mentions_retracted, events_retracted;
} sn_store_put;

/* Has an article of this identity been stored? Then *article_id is set
 * and the caller need not code it. Also true for a copy (same content
 * hash, or duplicate_of known). */
int sn_store_has_article(sn_store *s, const sn_store_article *a, int64_t *article_id);

/* Store an article, its sentences and the n coded events of doc with
 * their locations (locs may be NULL). An article already stored gets only
 * its new report. */
sn_rc sn_store_put_article(sn_store *s, const sn_store_article *a, const sn_doc *doc, const sn_event *ev,
                           const sn_location *const *locs, uint32_t n, sn_store_put *out, sn_error *err);

/* Re-code: replace the mentions of stored article id by these events.
 * Mentions no longer found are marked retracted (and events left with no
 * mention too); nothing is deleted; every change is recorded. Running it
 * twice with the same events changes nothing. */
sn_rc sn_store_recode_article(sn_store *s, int64_t id, const sn_doc *doc, const sn_event *ev,
                              const sn_location *const *locs, uint32_t n, sn_store_put *out, sn_error *err);

/* Stored articles. */
typedef struct sn_stored_article {
    int64_t id;
    const char *url, *canonical_url, *source, *title, *lang, *published, *added;
    const char *text;
    size_t text_len;
    unsigned reports, mentions;
} sn_stored_article;
typedef int (*sn_article_fn)(void *ctx, const sn_stored_article *a);
/* Articles added on or after since (an ISO date, or NULL for all), in id
 * order; with_text fills text. A callback returning non-zero stops. */
sn_rc sn_store_articles(sn_store *s, const char *since, int with_text, unsigned limit, sn_article_fn fn, void *ctx,
                        sn_error *err);
/* One article by id (with its text). SN_ERR_NOTFOUND when absent. */
sn_rc sn_store_get_article(sn_store *s, int64_t id, sn_article_fn fn, void *ctx, sn_error *err);

/* Query filter; zero every field for "any". */
typedef struct sn_event_filter {
    const char *actor;       /* source or target: a code prefix when all capitals and digits
                                ("RUS", "GEOMIL"), else a name in the actors' text ("Georgian") */
    const char *code;        /* CAMEO code prefix: "19" (root), "195" */
    const char *plover;      /* PLOVER type, "ASSAULT" */
    int quad_class;          /* 1-4, 0 any */
    int modality;            /* sn_modality + 1, 0 any */
    const char *country;     /* ISO 3166-1 alpha-3 of the event's location */
    int has_bbox;
    double min_lon, min_lat, max_lon, max_lat;
    int has_radius;
    double lat, lon, radius_km;
    const char *from, *to;   /* ISO dates, inclusive; NULL for open */
    unsigned min_sources;
    const char *text;        /* full-text (FTS5 syntax) over the evidence */
    int include_retracted;
    unsigned limit;          /* 0: no limit */
    const char *source, *target; /* code prefixes of each side (a dyad: both) */
} sn_event_filter;

typedef struct sn_stored_event {
    int64_t id;
    const char *date, *date_end, *date_precision;
    const char *source_code, *source_country, *source_role, *source_name;
    const char *target_code, *target_country, *target_role, *target_name;
    const char *code, *base_code, *root_code;
    int quad_class;
    double goldstein;
    const char *plover_type, *plover_mode, *modality;
    int historical, retracted;
    int has_location;
    const char *place, *place_country, *place_adm1, *feature_id, *geo_precision;
    double lat, lon;
    unsigned num_mentions, num_sources, num_articles;
    const char *first_seen, *last_seen;
    const char *evidence;    /* the first mention's sentence */
    const char *source_url;  /* the first mention's URL */
    int fatalities;          /* stated in the evidence; -1 when not stated */
} sn_stored_event;
typedef int (*sn_stored_event_fn)(void *ctx, const sn_stored_event *e);
/* Events matching f, by date then id. */
sn_rc sn_store_events(sn_store *s, const sn_event_filter *f, sn_stored_event_fn fn, void *ctx, sn_error *err);

/* How the backend runs the query of f (SQLite: EXPLAIN QUERY PLAN), one
 * line per step, through write. */
sn_rc sn_store_explain(sn_store *s, const sn_event_filter *f, sn_write_fn write, void *ctx, sn_error *err);

typedef struct sn_stored_mention {
    int64_t id, event_id, article_id;
    const char *event_date, *seen, *source, *url;
    uint32_t sentence, off, len;
    int32_t source_off, target_off, cue_off; /* -1 when absent */
    double confidence;
    const char *modality, *evidence, *dict_version;
    size_t doc_len;
    int retracted;
} sn_stored_mention;
typedef int (*sn_stored_mention_fn)(void *ctx, const sn_stored_mention *m);
/* The mentions of the events matching f. */
sn_rc sn_store_mentions(sn_store *s, const sn_event_filter *f, sn_stored_mention_fn fn, void *ctx, sn_error *err);

typedef struct sn_store_stats {
    uint64_t sources, feeds, articles, reports, sentences, events, events_retracted, mentions,
        mentions_retracted, actors, places, situations, changes, dict_versions;
    int schema_version;
} sn_store_stats;
sn_rc sn_store_get_stats(sn_store *s, sn_store_stats *out, sn_error *err);

/* Exports of the events matching f (lib/store/export.c). */
typedef enum sn_export_format { SN_EXPORT_GDELT, SN_EXPORT_GDELT_MENTIONS, SN_EXPORT_JSONL, SN_EXPORT_GEOJSON,
                                SN_EXPORT_ACLED, SN_EXPORT_CSV, SN_EXPORT_TSV } sn_export_format;
int sn_export_format_from_name(const char *name);
sn_rc sn_store_export(sn_store *s, sn_export_format fmt, const sn_event_filter *f, sn_write_fn write, void *ctx,
                      sn_error *err);
/* The names of the GDELT 2.0 Events columns, in order; *n set to their count (61). */
const char *const *sn_gdelt_event_columns(size_t *n);
const char *const *sn_gdelt_mention_columns(size_t *n);

#ifdef __cplusplus
}
#endif
#endif
