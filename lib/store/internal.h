/*
 * lib/store/internal.h — what the store's front (store.c), its backends
 * (sqlite.c) and its exports (export.c) share: the backend vtable behind
 * the opaque sn_store, and the backend-independent pieces of the merge
 * rule (docs/merging.md): merge keys, mention keys, event date spans and
 * location compatibility.
 */
#ifndef SN_STORE_INTERNAL_H
#define SN_STORE_INTERNAL_H

#include <stddef.h>
#include "sentinel/store.h"
#include "util/error.h"

typedef struct sn_store_ops {
    const char *name;
    void (*close)(sn_store *s);
    sn_rc (*begin)(sn_store *s, sn_error *err);
    sn_rc (*commit)(sn_store *s, sn_error *err);
    void (*rollback)(sn_store *s);
    sn_rc (*set_dict_version)(sn_store *s, const char *v, sn_error *err);
    int (*has_article)(sn_store *s, const sn_store_article *a, int64_t *id);
    sn_rc (*put_article)(sn_store *s, const sn_store_article *a, const sn_doc *doc, const sn_event *ev,
                         const sn_location *const *locs, uint32_t n, sn_store_put *out, sn_error *err);
    sn_rc (*recode_article)(sn_store *s, int64_t id, const sn_doc *doc, const sn_event *ev,
                            const sn_location *const *locs, uint32_t n, sn_store_put *out, sn_error *err);
    sn_rc (*articles)(sn_store *s, const char *since, int with_text, unsigned limit, int64_t only,
                      sn_article_fn fn, void *ctx, sn_error *err);
    sn_rc (*events)(sn_store *s, const sn_event_filter *f, sn_stored_event_fn fn, void *ctx, sn_error *err);
    sn_rc (*mentions_of)(sn_store *s, int64_t event_id, sn_stored_mention_fn fn, void *ctx, sn_error *err);
    sn_rc (*stats)(sn_store *s, sn_store_stats *out, sn_error *err);
    sn_rc (*explain)(sn_store *s, const sn_event_filter *f, sn_write_fn write, void *ctx, sn_error *err);
} sn_store_ops;

/* Every backend's handle starts with this. */
struct sn_store {
    const sn_store_ops *ops;
    int schema_version;
};

sn_rc sn_sqlite_open(const char *path, sn_store **out, sn_error *err);

/* The merge key of an event (docs/merging.md), without its location,
 * which is compared by sn_location_compatible. */
void sn_merge_key(const sn_event *e, char *out, size_t cap);
/* The identity of a mention within its article. */
void sn_mention_key(const sn_event *e, char *out, size_t cap);
/* The event's date span as ISO dates "YYYY-MM-DD" (partial dates filled). */
void sn_event_span(const sn_event *e, char begin[11], char end[11]);
/* A location that counts for merging: NULL for none or dateline-only. */
const sn_location *sn_merge_location(const sn_location *l);
/* Can an event placed at (feature a, rank ra, country ca, adm1 aa) take a
 * mention placed at b? Ranks are sn_geo_precision, or -1 for none. */
int sn_location_compatible(const char *fa, int ra, const char *ca, const char *aa, const char *fb, int rb,
                           const char *cb, const char *ab);
/* Deaths stated in the evidence ("killing 12", "five people were killed"), or -1. */
int sn_fatalities(const char *text);

#endif
