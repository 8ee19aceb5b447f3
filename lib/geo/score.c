/*
 * lib/geo/score.c — disambiguation: each mention's candidates are scored on
 * what the mention says (kind, population, capital or seat, the head
 * "Oblast" or "the village of"), then on the article: administrative
 * containment ("Krasnohorivka, Donetsk Oblast", "Atlanta, Georgia"), the
 * countries of the article's actors and other places, the distance to the
 * other places, and the US-state rule (Georgia the state only in US
 * context). docs/geography.md gives the weights.
 */
#include <math.h>
#include <string.h>
#include "geo/internal.h"

double sn_geo_km(double lat1, double lon1, double lat2, double lon2)
{
    const double r = M_PI / 180.0;
    double dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
    double a = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * r) * cos(lat2 * r) * sin(dlon / 2) * sin(dlon / 2);
    return 6371.0 * 2 * atan2(sqrt(a), sqrt(1 - a));
}

/* Equirectangular distance, squared in degrees (111.2 * sqrt(it) is km):
 * within 1% of the great circle at the few hundred kilometres the scoring
 * asks about, and much cheaper; the nearest is found before the sqrt. */
static float flat_d2(const sn_img_feat *a, const sn_img_feat *b, float coslat)
{
    float dlon = a->lon - b->lon;
    dlon = dlon > 180 ? dlon - 360 : dlon < -180 ? dlon + 360 : dlon;
    float x = dlon * coslat, y = a->lat - b->lat;
    return x * x + y * y;
}

int sn_geo_contains(const sn_gazetteer *g, uint32_t outer, uint32_t inner)
{
    const sn_img_feat *o = &g->feat[outer], *i = &g->feat[inner];
    if (outer == inner)
        return 0;
    switch (o->kind) {
    case SN_GEO_COUNTRY:
        return i->kind != SN_GEO_COUNTRY && !memcmp(o->country, i->country, 4);
    case SN_GEO_ADM1:
        return (i->kind == SN_GEO_PLACE || i->kind == SN_GEO_ADM2) && o->adm1[0] && !strcmp(o->adm1, i->adm1);
    case SN_GEO_REGION:
    case SN_GEO_ADM2:
        return i->region == outer || i->parent == outer ||
               (i->parent != SN_GEO_NONE && g->feat[i->parent].region == outer);
    default:
        return 0;
    }
}

void sn_geo_prior(const sn_geocoder *gc, const geo_mention *m, geo_cand *c)
{
    const sn_img_feat *f = &gc->g->feat[c->feat];
    float s = 0;
    uint16_t why = 0;
    switch (f->kind) {
    case SN_GEO_COUNTRY: s = 6; break;
    case SN_GEO_REGION:
    case SN_GEO_SEA: s = 6.5f; break;
    case SN_GEO_ADM1:
        s = (c->name_flags & SN_NAME_BARE) ? 1.5f : 4.5f;
        why |= (c->name_flags & SN_NAME_BARE) ? R_BARE : 0;
        break;
    case SN_GEO_ADM2: s = 4; break;
    default: {
        /* 1.2 x log10(population), from the image's 20 x log10; unknown: 1,000 (5,000 when curated) */
        float lp = f->logpop ? f->logpop / 20.0f : (f->flags & SN_FEAT_CURATED) ? 3.7f : 3.0f;
        s = 1.2f * lp;
        why |= R_POP;
        if (f->flags & SN_FEAT_CAPITAL) { s += 1; why |= R_CAPITAL; }
        if (f->flags & SN_FEAT_SEAT) { s += 0.5f; why |= R_SEAT; }
        if (f->flags & SN_FEAT_CURATED) { s += 1.5f; why |= R_CURATED; }
    }
    }
    if (c->name_flags & (SN_NAME_ALIAS | SN_NAME_FOLDED | SN_NAME_FORMER)) {
        s -= 0.3f;
        why |= R_ALIAS;
    }
    if (c->name_flags & SN_NAME_CODE)
        s -= 1;
    if (m->flags & M_HEAD_ADM) {
        int adm = f->kind == SN_GEO_ADM1 || f->kind == SN_GEO_ADM2;
        s += adm ? 6 : -3;
        why |= adm ? R_HEAD : 0;
    }
    if (m->flags & M_VILLAGE) {
        s += f->kind == SN_GEO_PLACE ? 2 : -3;
        why |= f->kind == SN_GEO_PLACE ? R_VILLAGE : 0;
    }
    c->score = s;
    c->why = why;
}

static void pick_best(geo_mention *m)
{
    m->best = -1;
    for (uint32_t c = 0; c < m->ncand; c++)
        if (m->best < 0 || m->c[c].score > m->c[m->best].score)
            m->best = (int32_t)c;
}

/* The token after a mention, past its head word. */
static uint32_t after(const geo_mention *m) { return m->tok_e + ((m->flags & M_HEAD_ADM) && m->ncand ? 1 : 0); }

/* Between a place and its container: ",", "in", ", in", "in the", "in northern"... */
static int joins(const sn_token *tk, uint32_t from, uint32_t to, int after_head)
{
    static const char *const words[] = {",", "in", "the", "northern", "southern", "eastern", "western", "central",
                                        "north", "south", "east", "west", "of", NULL};
    if (to <= from || to - from > 3 || !strchr(",iteonswc", tk[from].norm[0]))
        return 0;
    int comma_or_in = 0;
    for (uint32_t t = from; t < to; t++) {
        int ok = 0;
        for (const char *const *w = words; *w && !ok; w++)
            ok = !strcmp(tk[t].norm, *w);
        if (!ok)
            return 0;
        comma_or_in |= !strcmp(tk[t].norm, ",") || !strcmp(tk[t].norm, "in");
    }
    /* "the Rostov region of Russia": of after a head word */
    return (comma_or_in && strcmp(tk[from].norm, "of")) || (after_head && to - from == 1 && !strcmp(tk[from].norm, "of"));
}

/* "A, B" or "A in B" where a candidate of B contains one of A: both gain;
 * B is A's container, not a place of its own. */
static void containment(sn_geocoder *gc, const sn_token *tk)
{
    for (uint32_t k = 0; k + 1 < gc->nm; k++) {
        geo_mention *a = &gc->m[k], *b = &gc->m[k + 1];
        uint32_t e = after(a);
        if (a->sent != b->sent || !joins(tk, e, b->tok_b, (a->flags & M_HEAD_ADM) != 0))
            continue;
        int any = 0;
        for (uint32_t i = 0; i < a->ncand; i++)
            for (uint32_t j = 0; j < b->ncand; j++)
                if (sn_geo_contains(gc->g, b->c[j].feat, a->c[i].feat)) {
                    if (!(a->c[i].why & R_CONTAINED))
                        a->c[i].score += 6;
                    if (!(b->c[j].why & R_CONTAINED))
                        b->c[j].score += 6;
                    a->c[i].why |= R_CONTAINED;
                    b->c[j].why |= R_CONTAINED;
                    any = 1;
                }
        if (any)
            b->flags |= M_INSIDE;
    }
}

static int separator(const char *w)
{
    switch (w[0]) {
    case ',': return !w[1];
    case 'a': return !strcmp(w, "and");
    case 'o': return !strcmp(w, "or");
    case 'i': return !strcmp(w, "in");
    case 't': return !strcmp(w, "the");
    default: return 0;
    }
}

/* Three or more places listed together ("Paris, London, Berlin and Rome"). */
static void lists(sn_geocoder *gc, const sn_token *tk)
{
    uint32_t k = 0;
    while (k < gc->nm) {
        uint32_t j = k + 1;
        while (j < gc->nm && gc->m[j].sent == gc->m[k].sent && !(gc->m[j].flags & M_INSIDE)) {
            uint32_t e = after(&gc->m[j - 1]), b = gc->m[j].tok_b, ok = b >= e && b - e <= 2;
            for (uint32_t t = e; ok && t < b; t++)
                ok = separator(tk[t].norm);
            if (!ok)
                break;
            j++;
        }
        uint32_t members = 0;
        for (uint32_t i = k; i < j; i++)
            members += !(gc->m[i].flags & M_INSIDE);
        if (members >= 3)
            for (uint32_t i = k; i < j; i++) {
                gc->m[i].flags |= M_LIST;
                gc->m[i].list_n = (int16_t)(members > 32767 ? 32767 : members);
            }
        k = j;
    }
}

/* "Chad and Niger", "Ukraine, Moldova": a conjunct of a country is likelier a country. */
static void siblings(sn_geocoder *gc, const sn_token *tk)
{
    for (uint32_t k = 0; k + 1 < gc->nm; k++) {
        geo_mention *a = &gc->m[k], *b = &gc->m[k + 1];
        uint32_t e = after(a);
        if (a->sent != b->sent || e + 1 != b->tok_b || (strcmp(tk[e].norm, "and") && strcmp(tk[e].norm, ",")) ||
            (b->flags & M_INSIDE))
            continue;
        for (int side = 0; side < 2; side++) {
            geo_mention *x = side ? b : a, *y = side ? a : b;
            const geo_cand *yb = sn_geo_best(y);
            if (!yb || gc->g->feat[yb->feat].kind != SN_GEO_COUNTRY)
                continue;
            for (uint32_t c = 0; c < x->ncand; c++)
                if (gc->g->feat[x->c[c].feat].kind == SN_GEO_COUNTRY && !(x->c[c].why & R_SIBLING)) {
                    x->c[c].score += 2;
                    x->c[c].why |= R_SIBLING;
                }
        }
    }
}

static int ctx_slot(sn_geocoder *gc, const char *code, int add)
{
    uint32_t key = 0; /* the code's first three bytes, as one word to compare */
    int n = 0;
    for (; n < 3 && code[n]; n++)
        key |= (uint32_t)(unsigned char)code[n] << (8 * n);
    for (uint32_t i = 0; i < gc->nctx; i++)
        if (gc->ctx_key[i] == key)
            return (int)i;
    if (!add || gc->nctx == 64 || n != 3 || code[3])
        return -1;
    gc->ctx_key[gc->nctx] = key;
    gc->ctx[gc->nctx] = 0;
    return (int)gc->nctx++;
}

static float mention_weight(const geo_mention *m)
{
    const geo_cand *b = sn_geo_best(m);
    if (!b || (m->flags & M_COMPARE))
        return 0;
    float w = 1;
    for (uint32_t c = 0; c < m->ncand; c++)
        if ((int32_t)c != m->best && m->c[c].score > b->score - 2)
            w = 0.5f;
    if (m->flags & M_LIST)
        w /= (float)m->list_n;
    return (m->flags & M_DATELINE) ? w / 2 : w;
}

/* Countries of the article: the events' actors and the places' leading readings. */
static void context(sn_geocoder *gc)
{
    gc->nctx = 0;
    for (uint32_t i = 0; i < gc->nev; i++) {
        const sn_actor_ref *sides[2] = {&gc->ev[i].source, &gc->ev[i].target};
        for (int k = 0; k < 2; k++) {
            int s = sides[k]->code && sides[k]->country ? ctx_slot(gc, sides[k]->country, 1) : -1;
            if (s >= 0)
                gc->ctx[s] += 2;
        }
    }
    for (uint32_t k = 0; k < gc->nm; k++) {
        const geo_cand *b = sn_geo_best(&gc->m[k]);
        int s = b && gc->g->feat[b->feat].country[0] ? ctx_slot(gc, gc->g->feat[b->feat].country, 1) : -1;
        if (s >= 0)
            gc->ctx[s] += mention_weight(&gc->m[k]);
    }
}

static float ctx_of(sn_geocoder *gc, const geo_mention *m, const sn_img_feat *f)
{
    int s = f->country[0] ? ctx_slot(gc, f->country, 0) : -1;
    if (s < 0)
        return 0;
    float w = gc->ctx[s];
    const geo_cand *b = sn_geo_best(m);
    if (b && !memcmp(gc->g->feat[b->feat].country, f->country, 4))
        w -= mention_weight(m); /* not its own evidence */
    return w;
}

/* The anchors of the mentions within 12 of mention k (not k itself). */
static uint32_t neighbours(const sn_geocoder *gc, uint32_t k, uint32_t *out)
{
    uint32_t n = 0;
    for (uint32_t o = k > 12 ? k - 12 : 0; o < gc->nm && o < k + 12; o++)
        if (o != k && gc->anchor[o] != SN_GEO_NONE)
            out[n++] = gc->anchor[o];
    return n;
}

static void rescore(sn_geocoder *gc, geo_mention *m, uint32_t k)
{
    uint32_t nb[24], nnb = UINT32_MAX; /* neighbours, found when first needed */
    int has_country = 0;
    for (uint32_t c = 0; c < m->ncand; c++)
        has_country |= gc->g->feat[m->c[c].feat].kind == SN_GEO_COUNTRY;
    float lead = sn_geo_best(m) ? sn_geo_best(m)->score : 0;
    for (uint32_t c = 0; c < m->ncand; c++) {
        geo_cand *cd = &m->c[c];
        const sn_img_feat *f = &gc->g->feat[cd->feat];
        float w = ctx_of(gc, m, f);
        if (w > 0.4f) {
            cd->score += 3 * (w > 2 ? 1 : w / 2);
            cd->why |= R_CONTEXT;
        } else if (!strcmp(f->country, "USA") && !(cd->why & R_CONTAINED) && !(f->flags & SN_FEAT_CAPITAL) &&
                   (f->kind == SN_GEO_ADM1 || f->population < 100000)) {
            cd->score -= 4;
            cd->why |= R_NO_US;
        } else if (has_country && f->kind == SN_GEO_ADM1 && !(cd->why & R_CONTAINED)) {
            cd->score -= 2;
            cd->why |= R_COUNTRY_NAME;
        }
        /* distance can add 2: only candidates within reach of the leader are measured */
        if (m->ncand < 2 || f->kind == SN_GEO_COUNTRY || f->kind == SN_GEO_SEA || cd->score + 8 < lead)
            continue;
        if (nnb == UINT32_MAX)
            nnb = neighbours(gc, k, nb);
        float d2 = 0;
        int others = 0;
        float coslat = cosf(f->lat * (float)(M_PI / 180));
        for (uint32_t o = 0; o < nnb; o++) {
            if (nb[o] == cd->feat)
                continue;
            float d = flat_d2(f, &gc->g->feat[nb[o]], coslat);
            d2 = !others || d < d2 ? d : d2;
            others++;
        }
        double near = others ? 111.2 * sqrt((double)d2) : 1e9;
        if (others && near < 500) {
            cd->score += near < 150 ? 2 : 1;
            cd->why |= R_NEAR;
        } else if (others && near > 5000) {
            cd->score -= 0.5f;
            cd->why |= R_FAR;
        }
    }
}

static void keep(geo_mention *m)
{
    const geo_cand *b = sn_geo_best(m);
    if (!b)
        return;
    float need = (m->cue != CUE_NONE || (m->flags & (M_HEAD_ADM | M_INSIDE))) ? 3.5f : 4.5f;
    if (b->score >= need || (b->why & R_CONTAINED))
        m->flags |= M_KEPT;
}

void sn_geo_score(sn_geocoder *gc)
{
    uint32_t nt;
    const sn_token *tk = sn_doc_tokens(gc->doc, &nt);
    containment(gc, tk);
    for (uint32_t k = 0; k < gc->nm; k++)
        pick_best(&gc->m[k]);
    lists(gc, tk);
    siblings(gc, tk);
    context(gc);
    for (uint32_t k = 0; k < gc->nm; k++) {
        const geo_cand *b = sn_geo_best(&gc->m[k]);
        uint8_t kind = b ? gc->g->feat[b->feat].kind : SN_GEO_COUNTRY;
        gc->anchor[k] = kind == SN_GEO_COUNTRY || kind == SN_GEO_SEA ? SN_GEO_NONE : b->feat;
    }
    for (uint32_t k = 0; k < gc->nm; k++)
        rescore(gc, &gc->m[k], k);
    for (uint32_t k = 0; k < gc->nm; k++) {
        geo_mention *m = &gc->m[k];
        pick_best(m);
        keep(m);
        /* "Moscow said": a capital speaking for its government speaks from there */
        if ((m->flags & M_SPEAKER) && m->best >= 0 && (gc->g->feat[m->c[m->best].feat].flags & SN_FEAT_CAPITAL))
            m->flags &= (uint16_t)~M_ATTRIB;
    }
}

const char *sn_geo_reason_name(int bit)
{
    static const char *const n[R_COUNT] = {"population", "capital", "curated", "head word (+6)", "village of (+2)",
                                           "containment (+6)", "article context (+3)", "near other places",
                                           "far from other places", "US place without US context (-4)",
                                           "bare subdivision name", "alias", "a country's name (-2)",
                                           "administrative seat", "conjunct of a country (+2)"};
    return bit >= 0 && bit < R_COUNT ? n[bit] : "?";
}
