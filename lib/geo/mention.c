/*
 * lib/geo/mention.c — place recognition: finds the spans of an analysed
 * article that the gazetteer knows (capitalised, proper-noun spans, the
 * longest match first), and reads their cues: the preposition or head noun
 * before ("in", "near", "outside", "the village of"), the head after
 * ("X Oblast", "X province"), and the uses that are not locations: a
 * possessor or a modifier of an actor ("Georgia's foreign ministry",
 * "Donetsk authorities"), a part of a longer name, a comparison ("like in
 * Crimea"). Disambiguation is score.c's.
 */
#include <string.h>
#include "geo/internal.h"

#define MAX_SPAN 6

static int in_set(const char *w, const char *const *set)
{
    for (; *set; set++)
        if (!strcmp(w, *set))
            return 1;
    return 0;
}

static const char *const HEADS[] = {"oblast", "province", "region", "governorate", "district", "raion", "rayon",
                                    "county", "prefecture", "krai", "kray", "oblasts", "provinces", "regions", NULL};
static const char *const LOC_PREPS[] = {"in", "near", "outside", "at", "around", "inside", "across", "throughout",
                                        "within", "over", "nearby", "along", "beyond", "off", NULL};
static const char *const DEST_PREPS[] = {"into", "to", "towards", "toward", "entered", NULL};
static const char *const OF_HEADS[] = {"village", "town", "city", "settlement", "hamlet", "region", "province",
                                       "district", "outskirts", "suburbs", "north", "south", "east", "west",
                                       "northeast", "northwest", "southeast", "southwest", "north-east",
                                       "north-west", "south-east", "south-west", "centre", "center", "port",
                                       "area", "vicinity", "heart", "streets", "frontline", "front", NULL};
static const char *const DIRECTIONS_OF[] = {"north", "south", "east", "west", "northeast", "northwest", "southeast",
                                            "southwest", "north-east", "north-west", "south-east", "south-west",
                                            "km", "kilometres", "kilometers", "miles", NULL};
static const char *const VILLAGE_HEADS[] = {"village", "town", "city", "settlement", "hamlet", NULL};
static const char *const SKIP_BEFORE[] = {"the", "eastern", "western", "northern", "southern", "central",
                                          "embattled", "besieged", "frontline", "front-line", "occupied",
                                          "nearby", "neighbouring", "neighboring", "rebel-held",
                                          "separatist-held", "russian-held", "government-held", "annexed",
                                          "breakaway", "disputed", "key", "strategic", "northeastern",
                                          "northwestern", "southeastern", "southwestern", "war-torn", NULL};
static const char *const AGENTS[] = {"government", "ministry", "authorities", "authority", "officials", "official",
                                     "forces", "troops", "army", "police", "president", "governor", "mayor",
                                     "leader", "leaders", "leadership", "spokesman", "spokeswoman", "parliament",
                                     "embassy", "regime", "administration", "side", "delegation", "military",
                                     "separatists", "rebels", "militants", "prosecutors", "court", "team",
                                     "foreign", "defence", "defense", "interior", "state", "national", "security",
                                     "cabinet", "prime", "council", "diplomats", "envoy", "states", "countries", NULL};
static const char *const DIRECTIONS[] = {"eastern", "western", "northern", "southern", "east", "west", "north",
                                         "south", "northeast", "north-east", NULL};
static const char *const CONNECT[] = {"of", "al", "el", "de", "la", "du", "-", "'", "da", "do", "ad", "as", "an",
                                      "ar", "az", NULL};

static int capital(const sn_token *t)
{
    return t->shape == SN_SHAPE_TITLE || t->shape == SN_SHAPE_UPPER || t->shape == SN_SHAPE_MIXED;
}

static int proper(const sn_token *t) { return t->tag == SN_TAG_NNP || t->tag == SN_TAG_NNPS; }

/* The matching form of tokens [b, e): norms joined as the text spaces them. */
static size_t build_key(const sn_token *tk, uint32_t b, uint32_t e, char *key, size_t cap)
{
    size_t n = 0;
    for (uint32_t i = b; i < e; i++) {
        size_t l = strlen(tk[i].norm);
        if (n + l + 2 >= cap)
            return 0;
        if (i > b && (tk[i].flags & SN_TOK_SPACE_BEFORE))
            key[n++] = ' ';
        memcpy(key + n, tk[i].norm, l);
        n += l;
    }
    key[n] = '\0';
    return n;
}

/* How far a name starting at i may run: capitalised tokens and connectors. */
static const char *const FEATURE_WORDS[] = {"airport", "nuclear", "power", "plant", "corridor", "tunnel", "camp",
                                             "strip", "valley", "peninsula", "heights", "dam", NULL};

static uint32_t span_end(const sn_token *tk, uint32_t i, uint32_t end)
{
    uint32_t j = i + 1;
    while (j < end && j - i < MAX_SPAN) {
        if ((capital(&tk[j]) && tk[j].tag != SN_TAG_POS) || in_set(tk[j].norm, FEATURE_WORDS))
            j++;
        else if (j + 1 < end && in_set(tk[j].norm, CONNECT) && capital(&tk[j + 1]))
            j += 2;
        else
            break;
    }
    return j < end ? j : end;
}

static void add_cands(sn_geocoder *gc, geo_mention *m, uint32_t first, uint32_t last);

/* The cue before the name at b: skips articles and epithets. */
static void read_cue(const sn_token *tk, uint32_t sb, uint32_t b, geo_mention *m)
{
    uint32_t i = b, skipped = 0;
    while (i > sb && skipped < 3 && in_set(tk[i - 1].norm, SKIP_BEFORE)) {
        i--;
        skipped++;
    }
    if (i == sb)
        return;
    const char *w = tk[i - 1].norm;
    if (!strcmp(w, "of") && i - 1 > sb) {
        uint32_t k = i - 2;
        if (in_set(tk[k].norm, DIRECTIONS_OF)) {
            m->flags |= M_REF; /* "Marinka, west of Donetsk": Donetsk only locates Marinka */
        } else if (in_set(tk[k].norm, OF_HEADS)) {
            m->cue = CUE_LOC;
            if (in_set(tk[k].norm, VILLAGE_HEADS))
                m->flags |= M_VILLAGE;
        }
    } else if (in_set(w, LOC_PREPS)) {
        m->cue = CUE_LOC;
    } else if (in_set(w, DEST_PREPS)) {
        m->cue = CUE_DEST;
    } else if (!strcmp(w, "from")) {
        m->cue = CUE_ORIGIN;
        if (i - 1 > sb && (!strcmp(tk[i - 2].norm, "km") || !strcmp(tk[i - 2].norm, "kilometres") ||
                           !strcmp(tk[i - 2].norm, "kilometers") || !strcmp(tk[i - 2].norm, "miles") ||
                           !strcmp(tk[i - 2].norm, "away")))
            m->flags |= M_REF;
    } else if (in_set(w, VILLAGE_HEADS)) {
        m->cue = CUE_LOC;
        m->flags |= M_VILLAGE;
    }
}

/* "like", "unlike", "than", "as in" before b with no clause break between. */
static int compared(const sn_token *tk, uint32_t sb, uint32_t b)
{
    for (uint32_t i = b; i > sb; i--) {
        const char *w = tk[i - 1].norm;
        if (!strcmp(w, ",") || !strcmp(w, ";") || !strcmp(w, ":") || !strcmp(w, "but"))
            return 0;
        if ((!strcmp(w, "like") && tk[i - 1].tag == SN_TAG_IN) || !strcmp(w, "unlike") || !strcmp(w, "than") ||
            (!strcmp(w, "as") && i < b && !strcmp(tk[i].norm, "in")))
            return 1;
    }
    return 0;
}

/* What follows the name: a head noun, a possessive, an actor noun, or more of a longer name. */
static int read_after(const sn_token *tk, uint32_t e, uint32_t end, geo_mention *m)
{
    if (e < end && (in_set(tk[e].norm, HEADS) || (!strcmp(tk[e].norm, "state") && tk[e].shape == SN_SHAPE_LOWER))) {
        m->flags |= M_HEAD_ADM;
        m->len = tk[e].off + tk[e].len - m->off;
        e++;
    }
    if (e >= end)
        return 0;
    const sn_token *n = &tk[e];
    if (n->tag == SN_TAG_POS)
        m->flags |= M_POSS;
    else if (!capital(n) && in_set(n->norm, AGENTS))
        m->flags |= M_ATTRIB;
    else if (capital(n) && !(m->flags & M_HEAD_ADM) && !(n->flags & SN_TOK_NUMBER) && n->shape != SN_SHAPE_UPPER)
        return -1; /* "Georgia Tech", "Moscow Times", "Donetsk People's Republic", "South Ossetian" */
    return 0;
}

static int name_start(const sn_token *tk, uint32_t sb, uint32_t end, uint32_t i)
{
    if (capital(&tk[i]))
        return i == sb || !capital(&tk[i - 1]) || !proper(&tk[i - 1]) || tk[i - 1].tag == SN_TAG_POS ||
               (tk[i - 1].flags & SN_TOK_NUMBER) || (i - 1 == sb && !proper(&tk[i - 1]));
    return in_set(tk[i].norm, DIRECTIONS) && i + 1 < end && capital(&tk[i + 1]);
}

/* A span that may be a name: a proper noun in it, or capitals past the sentence start. */
static int plausible(const sn_token *tk, uint32_t sb, uint32_t b, uint32_t e)
{
    for (uint32_t i = b; i < e; i++)
        if (proper(&tk[i]) || (i > sb && capital(&tk[i]) && tk[i].tag != SN_TAG_PRP && tk[i].tag != SN_TAG_DT))
            return 1;
    return 0;
}

/* Is token i inside one of the sentence's time expressions ("March 16")? */
static int in_timex(const sn_timex *tx, uint32_t ntx, uint32_t i)
{
    for (uint32_t k = 0; k < ntx; k++)
        if (i >= tx[k].tok_begin && i < tx[k].tok_end)
            return 1;
    return 0;
}

static void sentence_mentions(sn_geocoder *gc, uint32_t s, const sn_sentence *st, const sn_token *tk)
{
    char key[256];
    uint32_t sb = st->tok_begin, end = st->tok_end, ntx;
    const sn_timex *tx = sn_doc_timexes(gc->doc, s, &ntx);
    for (uint32_t i = sb; i < end && gc->nm < SN_GEO_MAX_MENTIONS; i++) {
        if (!name_start(tk, sb, end, i) || (i + 1 >= end && !capital(&tk[i])) || in_timex(tx, ntx, i))
            continue;
        for (uint32_t j = span_end(tk, i, end); j > i; j--) {
            size_t kl = build_key(tk, i, j, key, sizeof key);
            uint32_t last = 0, first = kl ? sn_geo_first_name(gc->g, key, kl, &last) : 0;
            if (!kl || first >= gc->g->h->nnames || !plausible(tk, sb, i, j))
                continue;
            geo_mention *m = &gc->m[gc->nm];
            memset(m, 0, sizeof *m);
            m->sent = s;
            m->tok_b = i;
            m->tok_e = j;
            m->off = tk[i].off;
            m->len = tk[j - 1].off + tk[j - 1].len - m->off;
            m->best = -1;
            int upper = 1;
            for (uint32_t k = i; k < j; k++)
                upper &= tk[k].shape == SN_SHAPE_UPPER;
            m->flags |= upper ? M_UPPER : 0;
            if (read_after(tk, j, end, m) < 0)
                break;
            read_cue(tk, sb, i, m);
            if (compared(tk, sb, i))
                m->flags |= M_COMPARE;
            if (st->zone == SN_ZONE_DATELINE)
                m->flags |= M_DATELINE;
            else if (st->zone == SN_ZONE_HEADLINE)
                m->flags |= M_HEADLINE;
            add_cands(gc, m, first, last);
            if (m->ncand)
                gc->nm++;
            i = j - 1;
            break;
        }
    }
}

/* Candidates of a mention: every feature the key names, keeping the
 * SN_GEO_MAX_CANDIDATES likeliest by their prior. */
static void add_cands(sn_geocoder *gc, geo_mention *m, uint32_t first, uint32_t last)
{
    for (uint32_t k = first; k < last; k++) {
        const sn_img_gname *nm = &gc->g->names[k];
        if ((nm->flags & SN_NAME_CODE) && !(m->flags & M_UPPER))
            continue;
        int dup = 0;
        for (uint32_t c = 0; c < m->ncand; c++)
            dup |= m->c[c].feat == nm->feat;
        if (dup)
            continue;
        geo_cand cand = {nm->feat, 0, 0, (uint8_t)nm->flags};
        sn_geo_prior(gc, m, &cand);
        uint32_t slot = m->ncand;
        if (slot == SN_GEO_MAX_CANDIDATES) {
            slot = 0;
            for (uint32_t c = 1; c < m->ncand; c++)
                if (m->c[c].score < m->c[slot].score)
                    slot = c;
            if (m->c[slot].score >= cand.score)
                continue;
        } else {
            m->ncand++;
        }
        m->c[slot] = cand;
    }
}

/* "the Donetsk and Luhansk Oblast": the head is shared by the conjuncts. */
static void share_heads(sn_geocoder *gc, const sn_token *tk)
{
    for (uint32_t k = gc->nm; k-- > 1;) {
        geo_mention *a = &gc->m[k - 1], *b = &gc->m[k];
        if ((b->flags & M_HEAD_ADM) && !(a->flags & M_HEAD_ADM) && a->sent == b->sent && a->tok_e + 1 == b->tok_b &&
            !strcmp(tk[a->tok_e].norm, "and")) {
            a->flags |= M_HEAD_ADM;
            for (uint32_t c = 0; c < a->ncand; c++)
                sn_geo_prior(gc, a, &a->c[c]);
        }
    }
}

void sn_geo_find_mentions(sn_geocoder *gc)
{
    uint32_t ns, nt;
    const sn_sentence *st = sn_doc_sentences(gc->doc, &ns);
    const sn_token *tk = sn_doc_tokens(gc->doc, &nt);
    gc->nm = 0;
    for (uint32_t s = 0; s < ns; s++)
        if (st[s].zone != SN_ZONE_BOILERPLATE && st[s].zone != SN_ZONE_BYLINE)
            sentence_mentions(gc, s, &st[s], tk);
    share_heads(gc, tk);
}
