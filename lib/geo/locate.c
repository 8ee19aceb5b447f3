/*
 * lib/geo/locate.c — where each event happened: the place of the event's
 * own clause first (its target when that is a place, else the sentence's
 * best-cued place), then the article's main place, then the dateline city,
 * flagged; an event whose actors all belong elsewhere takes its source's
 * country instead of the main place. A list of three or more places is not
 * a pin: it gives their common country, or nothing. Also the actors' places
 * (GDELT's Actor1Geo and Actor2Geo), the geocoder's life cycle, the trace
 * for `sentinel geo`, and the location as JSON.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "geo/internal.h"
#include "util/buf.h"
#include "util/json.h"

sn_rc sn_geocoder_new(sn_geocoder **out, const sn_gazetteer *g)
{
    *out = NULL;
    if (!g)
        return SN_ERR_INVALID;
    sn_geo_words_init();
    sn_geocoder *gc = calloc(1, sizeof *gc);
    if (!gc)
        return SN_ERR_NOMEM;
    gc->g = g;
    *out = gc;
    return SN_OK;
}

void sn_geocoder_free(sn_geocoder *gc) { free(gc); }

size_t sn_geocoder_workspace_bytes(void) { return sizeof(sn_geocoder); }

void sn_geo_tracef(sn_geocoder *gc, const char *fmt, ...)
{
    if (!gc->trace)
        return;
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > 0)
        gc->trace(gc->trace_ctx, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static sn_geo_precision precision_of(sn_geo_kind k)
{
    switch (k) {
    case SN_GEO_PLACE: return SN_GEOP_PLACE;
    case SN_GEO_ADM2: return SN_GEOP_ADM2;
    case SN_GEO_ADM1: return SN_GEOP_ADM1;
    case SN_GEO_COUNTRY: return SN_GEOP_COUNTRY;
    default: return SN_GEOP_REGION;
    }
}

/* A holder's code into out[cap]; "-" (contested) becomes "". */
static void copy_code(char *out, size_t cap, const char *s)
{
    size_t n = 0;
    if (strcmp(s, "-"))
        for (; s[n] && n + 1 < cap; n++)
            out[n] = s[n];
    out[n] = '\0';
}

static void fill_new(sn_geocoder *gc, sn_location *l, uint32_t feat, const sn_date *at);

/* The location of feat at *at, from mention m (NULL: none). An article's
 * events put few features at few dates: what depends on the feature and the
 * date alone is kept in a small per-article memo (gc->fill_memo). */
static void fill(sn_geocoder *gc, sn_location *l, uint32_t feat, const geo_mention *m, const sn_date *at)
{
    int key = sn_geo_date_key(at);
    geo_fill_memo *fm = &gc->fill_memo[(feat * 31u + (uint32_t)key) & (GEO_FILL_MEMO - 1)];
    if (fm->gen == gc->gen && fm->feat == feat && fm->date_key == key) {
        *l = fm->loc;
    } else {
        fill_new(gc, l, feat, at);
        fm->gen = gc->gen;
        fm->feat = feat;
        fm->date_key = key;
        fm->loc = *l;
    }
    if (m) {
        l->off = m->off;
        l->len = m->len;
        l->from_dateline = (m->flags & M_DATELINE) != 0;
    }
}

static void fill_new(sn_geocoder *gc, sn_location *l, uint32_t feat, const sn_date *at)
{
    const sn_img_feat *f = &gc->g->feat[feat];
    memset(l, 0, sizeof *l);
    l->feature = feat;
    const char *old = gc->g->h->nren ? sn_gazetteer_name_at(gc->g, feat, at) : NULL;
    l->name = old ? old : sn_geo_str(gc->g, f->name);
    memcpy(l->country, f->country, 4);
    memcpy(l->adm1, f->adm1, 8);
    l->lat = f->lat;
    l->lon = f->lon;
    l->precision = precision_of((sn_geo_kind)f->kind);
    sn_geo_feature_id(gc->g, feat, l->feature_id, sizeof l->feature_id);
    /* a control record at the date, else the state holds its own ("-": contested, unknown) */
    const char *dj, *df;
    if (!sn_gazetteer_control(gc->g, feat, at, &dj, &df))
        dj = df = f->country;
    copy_code(l->de_jure, sizeof l->de_jure, dj);
    copy_code(l->de_facto, sizeof l->de_facto, df);
}

/* A mention that can stand for where something happened. */
static int usable(const geo_mention *m)
{
    return (m->flags & M_KEPT) && !(m->flags & (M_POSS | M_ATTRIB | M_COMPARE | M_INSIDE | M_DATELINE));
}

static float specificity(const sn_gazetteer *g, const geo_mention *m)
{
    switch (g->feat[sn_geo_best(m)->feat].kind) {
    case SN_GEO_PLACE: return 0.6f;
    case SN_GEO_REGION: return 0.55f;
    case SN_GEO_ADM2: return 0.5f;
    case SN_GEO_ADM1: return 0.4f;
    case SN_GEO_SEA: return 0.3f;
    default: return 0.2f;
    }
}

/* The article's main place: mentions weighted by cue, headline and list,
 * then the most specific place inside the winner that has half its weight. */
static void main_place(sn_geocoder *gc)
{
    static const float cue_w[] = {1, 1, 1.5f, 2};
    float w[SN_GEO_MAX_MENTIONS];
    uint32_t feat[SN_GEO_MAX_MENTIONS]; /* the best candidate's, where w[k] > 0 */
    gc->main_place = gc->dateline = -1;
    for (uint32_t k = 0; k < gc->nm; k++) {
        const geo_mention *m = &gc->m[k];
        w[k] = 0;
        if ((m->flags & M_DATELINE) && (m->flags & M_KEPT) && gc->dateline < 0)
            gc->dateline = (int32_t)k;
        /* an actor's place word ("Georgia's foreign ministry") is context, not a location */
        if (!(m->flags & M_KEPT) || (m->flags & (M_COMPARE | M_DATELINE | M_INSIDE | M_POSS | M_ATTRIB)))
            continue;
        float x = cue_w[m->cue] * ((m->flags & M_HEADLINE) ? 1.5f : 1);
        /* a country without a locative cue is mostly a participant ("against Russia") */
        if (gc->g->feat[sn_geo_best(m)->feat].kind == SN_GEO_COUNTRY && m->cue < CUE_DEST)
            x *= 0.5f;
        if (m->flags & M_LIST)
            x /= (float)m->list_n;
        w[k] = x;
        feat[k] = sn_geo_best(m)->feat;
    }
    /* sum per feature (into the first mention of it) */
    float best = 0;
    for (uint32_t k = 0; k < gc->nm; k++) {
        if (w[k] <= 0)
            continue;
        for (uint32_t j = k + 1; j < gc->nm; j++)
            if (w[j] > 0 && feat[j] == feat[k]) {
                w[k] += w[j];
                w[j] = 0;
            }
        if (w[k] > best) {
            best = w[k];
            gc->main_place = (int32_t)k;
        }
    }
    if (gc->main_place < 0)
        return;
    uint32_t outer = sn_geo_best(&gc->m[gc->main_place])->feat;
    float inner_best = 0;
    for (uint32_t k = 0; k < gc->nm; k++)
        if (w[k] >= best / 2 && w[k] > inner_best && sn_geo_contains(gc->g, outer, sn_geo_best(&gc->m[k])->feat)) {
            inner_best = w[k];
            gc->main_place = (int32_t)k;
        }
}

static uint32_t first_of_sentence(const sn_geocoder *gc, uint32_t s)
{
    uint32_t lo = 0, hi = gc->nm;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (gc->m[mid].sent < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int inside(const geo_mention *m, const sn_actor_ref *a)
{
    return a->code && a->len && m->off >= a->off && m->off + m->len <= a->off + a->len;
}

/* The best place of sentence s for event e (NULL: any event); -1 none,
 * -2 a list of places. *list_country gets a list's common country. */
static int32_t clause_place(const sn_geocoder *gc, uint32_t s, const sn_event *e, const char **list_country)
{
    int32_t pick = -1;
    float pick_w = 0;
    int has_list = 0;
    *list_country = NULL;
    for (uint32_t k = first_of_sentence(gc, s); k < gc->nm && gc->m[k].sent == s; k++) {
        const geo_mention *m = &gc->m[k];
        if (!usable(m))
            continue;
        const sn_img_feat *f = &gc->g->feat[sn_geo_best(m)->feat];
        has_list |= (m->flags & M_LIST) != 0;
        if (e && inside(m, &e->target) && f->kind != SN_GEO_COUNTRY && !(m->flags & (M_LIST | M_REF)))
            return (int32_t)k; /* "shelled Donetsk", "a treaty with South Ossetia" */
        if (e && (inside(m, &e->source) || inside(m, &e->target) || inside(m, &e->attribution)))
            continue;
        /* a country without a locative cue is a participant ("ties with Russia"), not a place */
        if (f->kind == SN_GEO_COUNTRY && m->cue != CUE_LOC && m->cue != CUE_DEST)
            continue;
        float w = (float)(m->cue == CUE_LOC ? 3 : m->cue == CUE_DEST ? 2 : m->cue == CUE_ORIGIN ? 0.5 : 1) +
                  specificity(gc->g, m);
        if (m->flags & M_REF)
            w = 0.3f;
        if (w > pick_w) {
            pick_w = w;
            pick = (int32_t)k;
        }
    }
    /* a list of places, even as the event's targets ("visited Paris, London, Berlin..."), is no pin */
    if ((pick >= 0 && (gc->m[pick].flags & M_LIST)) || (pick < 0 && has_list)) {
        const char *c = NULL;
        int same = 1;
        for (uint32_t k = first_of_sentence(gc, s); k < gc->nm && gc->m[k].sent == s; k++) {
            if (!(gc->m[k].flags & M_LIST) || !usable(&gc->m[k]))
                continue;
            const char *kc = gc->g->feat[sn_geo_best(&gc->m[k])->feat].country;
            same &= !c || !strcmp(c, kc);
            c = kc;
        }
        c = same ? c : NULL;
        *list_country = c && *c ? c : NULL;
        return -2;
    }
    return pick;
}

static uint32_t country_feature(const sn_gazetteer *g, const char *a3)
{
    uint32_t out[SN_GEO_MAX_CANDIDATES];
    uint32_t n = sn_gazetteer_lookup(g, a3, 3, out, SN_GEO_MAX_CANDIDATES);
    for (uint32_t i = 0; i < n && i < SN_GEO_MAX_CANDIDATES; i++)
        if (g->feat[out[i]].kind == SN_GEO_COUNTRY)
            return out[i];
    return SN_GEO_NONE;
}

static uint32_t cached_country(sn_geocoder *gc, const char *a3)
{
    uint32_t key; /* a3 is three letters and its NUL: one word to compare */
    memcpy(&key, a3, 4);
    for (uint32_t i = 0; i < gc->ncountry; i++)
        if (gc->country_key[i] == key)
            return gc->country_feat[i];
    uint32_t f = country_feature(gc->g, a3);
    if (gc->ncountry < 64) {
        gc->country_key[gc->ncountry] = key;
        gc->country_feat[gc->ncountry++] = f;
    }
    return f;
}

static int code_in(const char *code, const char *list)
{
    size_t n = strlen(code);
    for (const char *p = list; n && (p = strstr(p, code)); p += n)
        if ((p == list || p[-1] == '+') && (p[n] == '\0' || p[n] == '+'))
            return 1;
    return 0;
}

/* When the event's actors have countries and none of them is the main
 * place's state or holder ("The United States announced sanctions" in an
 * article about Kupiansk), the source's country (else the target's);
 * SN_GEO_NONE when the main place will do. */
static uint32_t actors_elsewhere(sn_geocoder *gc, const sn_event *e, uint32_t main_feat, const sn_date *at)
{
    if (!e)
        return SN_GEO_NONE;
    const char *codes[2] = {e->source.code && e->source.country ? e->source.country : "",
                            e->target.code && e->target.country ? e->target.country : ""};
    if (strlen(codes[0]) != 3 && strlen(codes[1]) != 3)
        return SN_GEO_NONE;
    const char *country = gc->g->feat[main_feat].country, *dj = "", *df = "";
    sn_gazetteer_control(gc->g, main_feat, at, &dj, &df);
    for (int k = 0; k < 2; k++)
        if (strlen(codes[k]) == 3 && (!strcmp(codes[k], country) || code_in(codes[k], dj ? dj : "") ||
                                      code_in(codes[k], df ? df : "")))
            return SN_GEO_NONE;
    /* a neighbour is not elsewhere: Israeli strikes in an article about Gaza stay in Gaza */
    uint32_t own = SN_GEO_NONE;
    const sn_img_feat *mf = &gc->g->feat[main_feat];
    for (int k = 0; k < 2; k++) {
        uint32_t c = strlen(codes[k]) == 3 ? cached_country(gc, codes[k]) : SN_GEO_NONE;
        if (c == SN_GEO_NONE)
            continue;
        if (sn_geo_km(gc->g->feat[c].lat, gc->g->feat[c].lon, mf->lat, mf->lon) < 400)
            return SN_GEO_NONE;
        own = own == SN_GEO_NONE ? c : own;
    }
    return own;
}

/* Where an event of sentence s happened; why says by which rule. */
static const sn_location *locate(sn_geocoder *gc, uint32_t s, const sn_event *e, const sn_date *at, sn_location *l,
                                 const char **why)
{
    const char *lc;
    int32_t k = clause_place(gc, s, e, &lc);
    if (k >= 0) {
        fill(gc, l, sn_geo_best(&gc->m[k])->feat, &gc->m[k], at);
        *why = e && inside(&gc->m[k], &e->target) ? "the event's target is a place" : "the place of the event's clause";
        return l;
    }
    if (k == -2) {
        uint32_t c = lc ? cached_country(gc, lc) : SN_GEO_NONE;
        *why = c != SN_GEO_NONE ? "a list of places in one country: the country" : "a list of places: no single place";
        if (c == SN_GEO_NONE)
            return NULL;
        fill(gc, l, c, NULL, at);
        return l;
    }
    if (gc->main_place >= 0) {
        uint32_t mf = sn_geo_best(&gc->m[gc->main_place])->feat, own = actors_elsewhere(gc, e, mf, at);
        if (own != SN_GEO_NONE) {
            fill(gc, l, own, NULL, at);
            *why = "the actor's country: none of the event's actors belongs to the article's main place";
            return l;
        }
        fill(gc, l, mf, &gc->m[gc->main_place], at);
        *why = "the article's main place";
        return l;
    }
    if (gc->dateline >= 0) {
        fill(gc, l, sn_geo_best(&gc->m[gc->dateline])->feat, &gc->m[gc->dateline], at);
        l->from_dateline = 1;
        *why = "nothing better: the dateline city";
        return l;
    }
    *why = "no place";
    return NULL;
}

/* An actor's place: a mention within its text (or its possessor or
 * modifier right before it), else its country. */
static const sn_location *actor_place(sn_geocoder *gc, const sn_event *e, const sn_actor_ref *a, sn_location *l)
{
    if (!a->code)
        return NULL;
    if (a->len) {
        uint32_t end = a->off + a->len;
        for (uint32_t k = first_of_sentence(gc, e->sentence); k < gc->nm && gc->m[k].sent == e->sentence; k++) {
            const geo_mention *m = &gc->m[k];
            if ((m->flags & M_KEPT) && !(m->flags & M_COMPARE) && m->off >= a->off && m->off + m->len <= end) {
                fill(gc, l, sn_geo_best(m)->feat, m, &e->date_begin);
                l->from_dateline = 0;
                return l;
            }
        }
    }
    uint32_t c = a->country && strlen(a->country) == 3 ? cached_country(gc, a->country) : SN_GEO_NONE;
    if (c == SN_GEO_NONE)
        return NULL;
    fill(gc, l, c, NULL, &e->date_begin);
    return l;
}

void sn_geocode_actors(sn_geocoder *gc, uint32_t i, const sn_location **source, const sn_location **target)
{
    int ok = i < gc->nev && i < SN_GEO_MAX_EVENTS;
    *source = ok ? gc->actor_locp[i][0] : NULL;
    *target = ok ? gc->actor_locp[i][1] : NULL;
}

static void trace_mentions(sn_geocoder *gc)
{
    const char *text = sn_doc_text(gc->doc, NULL);
    for (uint32_t k = 0; k < gc->nm && gc->trace; k++) {
        const geo_mention *m = &gc->m[k];
        static const char *const cues[] = {"none", "from", "to/into", "in/near/at"};
        sn_geo_tracef(gc, "mention \"%.*s\" sentence %u cue %s%s%s%s%s%s%s%s%s%s\n", (int)m->len, text + m->off, m->sent,
                      cues[m->cue], m->flags & M_POSS ? " possessive(actor)" : "",
                      m->flags & M_ATTRIB ? " modifier-of-actor" : "", m->flags & M_COMPARE ? " comparison" : "",
                      m->flags & M_DATELINE ? " dateline" : "", m->flags & M_HEADLINE ? " headline" : "",
                      m->flags & M_LIST ? " in-a-list" : "", m->flags & M_INSIDE ? " container-of-previous" : "",
                      m->flags & M_HEAD_ADM ? " head-word" : "", m->flags & M_KEPT ? "" : " DROPPED(low score)");
        for (uint32_t c = 0; c < m->ncand; c++) {
            const geo_cand *cd = &m->c[c];
            const sn_img_feat *f = &gc->g->feat[cd->feat];
            char why[320] = "";
            size_t wl = 0;
            for (int b = 0; b < R_COUNT; b++)
                if ((cd->why & (1 << b)) && wl < sizeof why - 40)
                    wl += (size_t)snprintf(why + wl, sizeof why - wl, "%s%s", wl ? ", " : "", sn_geo_reason_name(b));
            sn_geo_tracef(gc, "  %s %-7.2f %s (%s, %s%s%s, %.3f %.3f, pop %u)%s%s\n", (int32_t)c == m->best ? "*" : " ",
                          cd->score, sn_geo_str(gc->g, f->name), sn_geo_kind_name((sn_geo_kind)f->kind),
                          f->country[0] ? f->country : "-", f->adm1[0] ? " " : "", f->adm1, f->lat, f->lon,
                          f->population, wl ? ": " : "", why);
        }
    }
    if (gc->main_place >= 0)
        sn_geo_tracef(gc, "main place: %s\n", sn_geo_str(gc->g, gc->g->feat[sn_geo_best(&gc->m[gc->main_place])->feat].name));
    if (gc->dateline >= 0)
        sn_geo_tracef(gc, "dateline: %s\n", sn_geo_str(gc->g, gc->g->feat[sn_geo_best(&gc->m[gc->dateline])->feat].name));
}

static sn_rc run(sn_geocoder *gc, const sn_doc *doc, const sn_event *ev, uint32_t n, const sn_location *const **locs)
{
    gc->doc = doc;
    gc->ev = ev;
    gc->nev = n;
    sn_geo_find_mentions(gc);
    sn_geo_score(gc);
    main_place(gc);
    trace_mentions(gc);
    for (uint32_t i = 0; i < n && i < SN_GEO_MAX_EVENTS; i++) {
        const char *why;
        gc->locp[i] = locate(gc, ev[i].sentence, &ev[i], &ev[i].date_begin, &gc->loc[i], &why);
        if (gc->trace)
            sn_geo_tracef(gc, "event %u (sentence %u, %s): %s — %s\n", i, ev[i].sentence, ev[i].code,
                          gc->locp[i] ? gc->locp[i]->name : "null", why);
    }
    /* events past SN_GEO_MAX_EVENTS get no location (documented in sentinel/geo.h) */
    for (uint32_t i = 0; i < n && i < SN_GEO_MAX_EVENTS; i++) {
        gc->actor_locp[i][0] = actor_place(gc, &ev[i], &ev[i].source, &gc->actor_loc[i][0]);
        gc->actor_locp[i][1] = actor_place(gc, &ev[i], &ev[i].target, &gc->actor_loc[i][1]);
    }
    if (locs)
        *locs = gc->locp;
    return SN_OK;
}

sn_rc sn_geocode(sn_geocoder *gc, const sn_doc *doc, const sn_event *ev, uint32_t n, const sn_location *const **locs)
{
    gc->trace = NULL;
    return run(gc, doc, ev, n, locs);
}

sn_rc sn_geocode_explain(sn_geocoder *gc, const sn_doc *doc, const sn_event *ev, uint32_t n, sn_write_fn write,
                         void *ctx, const sn_location *const **locs)
{
    gc->trace = write;
    gc->trace_ctx = ctx;
    sn_rc rc = run(gc, doc, ev, n, locs);
    gc->trace = NULL;
    return rc;
}

const sn_location *sn_geocode_sentence(sn_geocoder *gc, uint32_t s)
{
    const char *why;
    const sn_date *pub = sn_doc_published(gc->doc);
    return locate(gc, s, NULL, pub, &gc->scratch, &why);
}

static sn_rc loc_json(sn_buf *b, const sn_location *l)
{
    if (!l)
        return sn_buf_adds(b, "null");
    sn_rc rc = sn_buf_adds(b, "{\"name\":");
    if (!rc)
        rc = sn_json_str(b, l->name, strlen(l->name));
    if (!rc)
        rc = sn_buf_printf(b, ",\"country\":%s%s%s,\"adm1\":%s%s%s,\"lat\":%.5f,\"lon\":%.5f,\"precision\":\"%s\","
                              "\"feature_id\":\"%s\",\"de_jure\":%s%s%s,\"de_facto\":%s%s%s,\"from_dateline\":%s}",
                           *l->country ? "\"" : "", *l->country ? l->country : "null", *l->country ? "\"" : "",
                           *l->adm1 ? "\"" : "", *l->adm1 ? l->adm1 : "null", *l->adm1 ? "\"" : "", l->lat, l->lon,
                           sn_geo_precision_name(l->precision), l->feature_id, *l->de_jure ? "\"" : "",
                           *l->de_jure ? l->de_jure : "null", *l->de_jure ? "\"" : "", *l->de_facto ? "\"" : "",
                           *l->de_facto ? l->de_facto : "null", *l->de_facto ? "\"" : "",
                           l->from_dateline ? "true" : "false");
    return rc;
}

sn_rc sn_location_write_json(const sn_location *l, sn_write_fn write, void *ctx)
{
    sn_buf b;
    sn_buf_init(&b, 1 << 16);
    sn_rc rc = loc_json(&b, l);
    if (!rc && write(ctx, b.p, b.len))
        rc = SN_ERR_IO;
    sn_buf_free(&b);
    return rc;
}

/* For lib/code/record.c: append ,"KEY":{...} or null to an event object. */
sn_rc sn_geo_location_member(sn_buf *b, const char *key, const sn_location *l)
{
    sn_rc rc = sn_buf_printf(b, ",\"%s\":", key);
    return rc ? rc : loc_json(b, l);
}
