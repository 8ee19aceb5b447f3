/*
 * lib/store/store.c — the front of the event store: opens the backend a
 * target names (a file path or sqlite:PATH for SQLite; postgres://... is
 * recognised and refused as not built in), dispatches the public calls
 * through the backend's vtable, and holds the backend-independent pieces
 * of the merge rule (docs/merging.md).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/internal.h"
#include "util/date.h"

sn_rc sn_store_open(const char *target, sn_store **out, sn_error *err)
{
    *out = NULL;
    if (!target || !*target) {
        sn_set_error(err, SN_ERR_INVALID, "no store given");
        return SN_ERR_INVALID;
    }
    if (!strncmp(target, "postgres://", 11) || !strncmp(target, "postgresql://", 13)) {
        sn_set_error(err, SN_ERR_UNSUPPORTED, "the PostgreSQL backend is not built in yet; use a SQLite file");
        return SN_ERR_UNSUPPORTED;
    }
    if (!strncmp(target, "sqlite:", 7))
        target += 7;
    return sn_sqlite_open(target, out, err);
}

void sn_store_close(sn_store *s)
{
    if (s)
        s->ops->close(s);
}

const char *sn_store_backend(const sn_store *s) { return s->ops->name; }
int sn_store_schema_version(const sn_store *s) { return s->schema_version; }
sn_rc sn_store_begin(sn_store *s, sn_error *err) { return s->ops->begin(s, err); }
sn_rc sn_store_commit(sn_store *s, sn_error *err) { return s->ops->commit(s, err); }
void sn_store_rollback(sn_store *s) { s->ops->rollback(s); }

sn_rc sn_store_set_dict_version(sn_store *s, const char *version, sn_error *err)
{
    return s->ops->set_dict_version(s, version, err);
}

int sn_store_has_article(sn_store *s, const sn_store_article *a, int64_t *article_id)
{
    return s->ops->has_article(s, a, article_id);
}

sn_rc sn_store_put_article(sn_store *s, const sn_store_article *a, const sn_doc *doc, const sn_event *ev,
                           const sn_location *const *locs, uint32_t n, sn_store_put *out, sn_error *err)
{
    if (!a || !a->text) {
        sn_set_error(err, SN_ERR_INVALID, "an article without text");
        return SN_ERR_INVALID;
    }
    return s->ops->put_article(s, a, doc, ev, locs, n, out, err);
}

sn_rc sn_store_recode_article(sn_store *s, int64_t id, const sn_doc *doc, const sn_event *ev,
                              const sn_location *const *locs, uint32_t n, sn_store_put *out, sn_error *err)
{
    return s->ops->recode_article(s, id, doc, ev, locs, n, out, err);
}

sn_rc sn_store_articles(sn_store *s, const char *since, int with_text, unsigned limit, sn_article_fn fn, void *ctx,
                        sn_error *err)
{
    return s->ops->articles(s, since, with_text, limit, 0, fn, ctx, err);
}

sn_rc sn_store_get_article(sn_store *s, int64_t id, sn_article_fn fn, void *ctx, sn_error *err)
{
    return s->ops->articles(s, NULL, 1, 1, id, fn, ctx, err);
}

sn_rc sn_store_events(sn_store *s, const sn_event_filter *f, sn_stored_event_fn fn, void *ctx, sn_error *err)
{
    static const sn_event_filter none;
    return s->ops->events(s, f ? f : &none, fn, ctx, err);
}

typedef struct ids {
    int64_t *v;
    size_t n, cap;
} ids;

static int collect(void *ctx, const sn_stored_event *e)
{
    ids *l = ctx;
    if (l->n == l->cap) {
        size_t c = l->cap ? l->cap * 2 : 256;
        int64_t *p = realloc(l->v, c * sizeof *p);
        if (!p)
            return 1;
        l->v = p;
        l->cap = c;
    }
    l->v[l->n++] = e->id;
    return 0;
}

sn_rc sn_store_mentions(sn_store *s, const sn_event_filter *f, sn_stored_mention_fn fn, void *ctx, sn_error *err)
{
    ids l = {0};
    sn_rc rc = sn_store_events(s, f, collect, &l, err);
    for (size_t i = 0; !rc && i < l.n; i++)
        rc = s->ops->mentions_of(s, l.v[i], fn, ctx, err);
    free(l.v);
    return rc;
}

sn_rc sn_store_explain(sn_store *s, const sn_event_filter *f, sn_write_fn write, void *ctx, sn_error *err)
{
    static const sn_event_filter none;
    return s->ops->explain(s, f ? f : &none, write, ctx, err);
}

sn_rc sn_store_get_stats(sn_store *s, sn_store_stats *out, sn_error *err)
{
    memset(out, 0, sizeof *out);
    out->schema_version = s->schema_version;
    return s->ops->stats(s, out, err);
}

/* ---- the merge rule ---- */

/* An actor at country and role level: "RUS/MIL"; an actor of no country
 * (an IGO, a group) by its code; "-" when absent. */
static void actor_key(const sn_actor_ref *a, char *out, size_t cap)
{
    if (!a->code)
        snprintf(out, cap, "-");
    else if (a->country && *a->country)
        snprintf(out, cap, "%s/%s", a->country, a->role ? a->role : "");
    else
        snprintf(out, cap, "%s", a->code);
}

static void fill(sn_date d, int last, char out[11])
{
    if (!d.month)
        d.month = last ? 12 : 1;
    if (!d.day)
        d.day = (uint8_t)(last ? sn_date_month_days(d.year, d.month) : 1);
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d.year < 0 ? 0 : d.year % 10000, d.month % 13, d.day % 32);
    memcpy(out, tmp, 11);
    out[10] = 0;
}

void sn_event_span(const sn_event *e, char begin[11], char end[11])
{
    sn_date b = e->date_begin, x = e->date_precision == SN_PREC_RANGE && e->date_end.year ? e->date_end : b;
    if (!b.year) {
        snprintf(begin, 11, "0000-00-00");
        snprintf(end, 11, "0000-00-00");
        return;
    }
    fill(b, 0, begin);
    fill(x, 1, end);
}

void sn_merge_key(const sn_event *e, char *out, size_t cap)
{
    char s[64], t[64], b[11], x[11];
    actor_key(&e->source, s, sizeof s);
    actor_key(&e->target, t, sizeof t);
    sn_event_span(e, b, x);
    snprintf(out, cap, "%s|%s|%s|%s|%s:%s..%s|%s|%s", s, t, e->root_code, e->base_code,
             sn_precision_name(e->date_precision), b, x, sn_modality_name(e->modality),
             e->historical ? "historical" : "current");
}

void sn_mention_key(const sn_event *e, char *out, size_t cap)
{
    char b[11], x[11];
    sn_event_span(e, b, x);
    snprintf(out, cap, "%u|%s|%s|%s|%s|%d|%s..%s", e->sentence, e->code, e->source.code ? e->source.code : "-",
             e->target.code ? e->target.code : "-", sn_modality_name(e->modality), e->historical, b, x);
}

const sn_location *sn_merge_location(const sn_location *l)
{
    return l && !l->from_dateline ? l : NULL;
}

static int coarse(int rank)
{
    return rank == SN_GEOP_ADM1 || rank == SN_GEOP_COUNTRY || rank == SN_GEOP_REGION;
}

int sn_location_compatible(const char *fa, int ra, const char *ca, const char *aa, const char *fb, int rb,
                           const char *cb, const char *ab)
{
    if (ra < 0 || rb < 0 || !fa || !fb)
        return 1; /* a location that is not known never splits an event */
    if (!strcmp(fa, fb))
        return 1;
    if (!coarse(ra) && !coarse(rb))
        return 0; /* two different towns or districts */
    if (ra == SN_GEOP_REGION || rb == SN_GEOP_REGION)
        return 0; /* a curated region is compared by feature only */
    if (!ca || !cb || strcmp(ca, cb))
        return 0;
    /* a country contains any place of it; a subdivision only its own */
    if ((ra == SN_GEOP_ADM1 && rb != SN_GEOP_COUNTRY) || (rb == SN_GEOP_ADM1 && ra != SN_GEOP_COUNTRY))
        return aa && ab && *aa && !strcmp(aa, ab);
    return 1;
}

/* A count: digits, or a number word up to twenty, or a few round ones. */
static int number_at(const char *p, const char **end)
{
    static const char *const words[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                                        "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
    if (isdigit((unsigned char)*p)) {
        long v = 0;
        while (isdigit((unsigned char)*p) || (*p == ',' && isdigit((unsigned char)p[1]))) {
            if (*p != ',' && v < 10000000)
                v = v * 10 + (*p - '0');
            p++;
        }
        *end = p;
        return (int)v;
    }
    for (int i = 0; i < (int)(sizeof words / sizeof *words); i++) {
        size_t n = strlen(words[i]);
        if (!strncasecmp(p, words[i], n) && !isalpha((unsigned char)p[n])) {
            *end = p + n;
            return i;
        }
    }
    return -1;
}

int sn_fatalities(const char *text)
{
    static const char *const after[] = {"killed", "dead", "died", "deaths", "fatalities", "were killed",
                                        "people killed", "people were killed", "civilians killed",
                                        "civilians were killed", "soldiers were killed", "people dead"};
    static const char *const before[] = {"killing ", "killed ", "death toll of ", "death toll rose to "};
    if (!text)
        return -1;
    for (const char *p = text; *p; p++) {
        if (p != text && isalnum((unsigned char)p[-1]))
            continue;
        for (size_t k = 0; k < sizeof before / sizeof *before; k++) {
            size_t n = strlen(before[k]);
            const char *e;
            int v;
            if (!strncasecmp(p, before[k], n) && (v = number_at(p + n, &e)) >= 0)
                return v;
        }
        const char *e;
        int v = number_at(p, &e);
        if (v < 0)
            continue;
        while (*e == ' ')
            e++;
        for (size_t k = 0; k < sizeof after / sizeof *after; k++)
            if (!strncasecmp(e, after[k], strlen(after[k])))
                return v;
    }
    return -1;
}
