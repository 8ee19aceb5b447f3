/*
 * sentinel/feeds.h — the feeds Sentinel watches and their health, behind a
 * small interface (issue #7 puts it in the store): a feed store that is,
 * for now, one TSV file (DIR/feeds.tsv, format in docs/formats.md and in
 * lib/ingest/feedstore.c), and the poller that fetches the feeds that are
 * due, updates their health record, adapts each feed's poll interval and
 * backs off on errors, and turns new items into article records.
 *
 * Health of a feed: status ("new", "ok", "not-modified", "error", "dead"),
 * the last attempt, the last success, the last error and when, consecutive
 * failures, items in the last good fetch, new items then, items seen in
 * all, the current interval and the next poll.
 *
 * Ownership: an sn_feedstore from sn_feedstore_open() owns its records;
 * pointers from sn_feedstore_get/find/add stay valid until the next add or
 * sn_feedstore_close(). Strings in a record are malloc'd, NULL when absent.
 */
#ifndef SENTINEL_FEEDS_H
#define SENTINEL_FEEDS_H

#include <stddef.h>
#include <stdint.h>
#include "sentinel/fetch.h"
#include "sentinel/ingest.h"
#include "sentinel/result.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SN_FEEDS_MAX 100000
#define SN_FEED_SEEN 300       /* item ids remembered per feed, to tell new items */

typedef struct sn_feed_state {
    char *url, *category, *title, *kind, *status, *last_error, *etag, *last_modified;
    int64_t added, last_attempt, last_success, last_error_at, next_poll; /* Unix seconds; 0 never */
    unsigned failures;         /* consecutive */
    unsigned items_last, new_last;
    unsigned long items_total;
    long interval;             /* seconds */
    uint64_t seen[SN_FEED_SEEN];
    unsigned n_seen;           /* ring of item-id hashes, newest at (seen_at - 1) */
    unsigned seen_at;
} sn_feed_state;

typedef struct sn_feedstore sn_feedstore;

/* Open the store in dir (created if missing; the file is created on the
 * first save). A damaged line is an error naming dir/feeds.tsv:LINE. The
 * store is locked (flock) until it is closed. */
sn_rc sn_feedstore_open(const char *dir, sn_feedstore **out, sn_error *err);
sn_rc sn_feedstore_save(sn_feedstore *s, sn_error *err);  /* written whole, then renamed */
void sn_feedstore_close(sn_feedstore *s);
size_t sn_feedstore_count(const sn_feedstore *s);
sn_feed_state *sn_feedstore_get(sn_feedstore *s, size_t i);
sn_feed_state *sn_feedstore_find(sn_feedstore *s, const char *url);
/* Add a feed; SN_ERR_INVALID for a URL that is not http(s), SN_ERR_TOOBIG
 * past SN_FEEDS_MAX. An existing feed (same URL) is returned as it is with
 * *existed = 1 (its category is set when it had none). */
sn_rc sn_feedstore_add(sn_feedstore *s, const char *url, const char *category, const char *title, int64_t now,
                       sn_feed_state **out, int *existed);

typedef struct sn_poll_opts {
    sn_fetch_opts fetch;
    int all;                  /* poll every feed, due or not */
    int articles;             /* fetch the pages of new items (1); else write the items themselves */
    long min_interval, max_interval, max_backoff; /* seconds: 300, 21600, 86400 */
    size_t max_new;           /* new items taken per feed and poll (100) */
} sn_poll_opts;

void sn_poll_defaults(sn_poll_opts *o);

typedef struct sn_poll_report {
    unsigned feeds, ok, not_modified, errors, new_items, articles, article_errors;
} sn_poll_report;

/* Poll the feeds of s that are due at now (or all), update their records
 * and write the new items' articles through g (may not be NULL). The store
 * is not saved: call sn_feedstore_save(). */
sn_rc sn_feeds_poll(sn_feedstore *s, const sn_poll_opts *o, int64_t now, sn_ingestor *g, sn_ingest_write_fn write,
                    void *ctx, sn_poll_report *rep);

#ifdef __cplusplus
}
#endif
#endif
