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
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "geo/internal.h"
#include "util/hash.h"

#define MAX_SPAN 6

static const char *const HEADS[] = {
    "county", "district", "governorate", "krai", "kray", "oblast", "oblasts", "prefecture", "province",
    "provinces", "raion", "rayon", "region", "regions",
};
static const char *const LOC_PREPS[] = {
    "across", "along", "around", "at", "beyond", "in", "inside", "near", "nearby", "off", "outside", "over",
    "throughout", "within",
};
static const char *const DEST_PREPS[] = {
    "entered", "into", "to", "toward", "towards",
};
static const char *const OF_HEADS[] = {
    "area", "center", "centre", "city", "district", "east", "front", "frontline", "hamlet", "heart", "north",
    "north-east", "north-west", "northeast", "northwest", "outskirts", "port", "province", "region",
    "settlement", "south", "south-east", "south-west", "southeast", "southwest", "streets", "suburbs",
    "town", "vicinity", "village", "west",
};
static const char *const DIRECTIONS_OF[] = {
    "east", "kilometers", "kilometres", "km", "miles", "north", "north-east", "north-west", "northeast",
    "northwest", "south", "south-east", "south-west", "southeast", "southwest", "west",
};
static const char *const VILLAGE_HEADS[] = {
    "city", "hamlet", "settlement", "town", "village",
};
static const char *const SKIP_BEFORE[] = {
    "annexed", "besieged", "breakaway", "central", "disputed", "eastern", "embattled", "front-line",
    "frontline", "government-held", "key", "nearby", "neighboring", "neighbouring", "northeastern",
    "northern", "northwestern", "occupied", "rebel-held", "russian-held", "separatist-held", "southeastern",
    "southern", "southwestern", "strategic", "the", "war-torn", "western",
};
static const char *const AGENTS[] = {
    "administration", "army", "authorities", "authority", "cabinet", "council", "countries", "court",
    "defence", "defense", "delegation", "diplomats", "embassy", "envoy", "forces", "foreign", "government",
    "governor", "interior", "leader", "leaders", "leadership", "mayor", "militants", "military", "ministry",
    "national", "official", "officials", "parliament", "police", "president", "prime", "prosecutors",
    "rebels", "regime", "security", "separatists", "side", "spokesman", "spokeswoman", "state", "states",
    "team", "troops",
};
static const char *const SPEECH[] = {
    "accuse", "add", "announce", "claim", "confirm", "deny", "insist", "say", "state", "tell", "urge", "warn",
};
static const char *const DIRECTIONS[] = {
    "east", "eastern", "north", "north-east", "northeast", "northern", "south", "southern", "west",
    "western",
};
static const char *const CONNECT[] = {
    "'", "-", "ad", "al", "an", "ar", "as", "az", "da", "de", "do", "du", "el", "la", "of",
};

static const char *const FEATURE_WORDS[] = {
    "airport", "camp", "corridor", "dam", "heights", "nuclear", "peninsula", "plant", "power", "strip",
    "tunnel", "valley",
};

/* The word sets above, one bit each, in one open-addressed table filled
 * once: a word's sets cost one hash and, on a hit, one strcmp (instead of a
 * bisection of strcmp calls per set). */
enum {
    W_HEADS = 1 << 0, W_LOC_PREPS = 1 << 1, W_DEST_PREPS = 1 << 2, W_OF_HEADS = 1 << 3, W_DIRECTIONS_OF = 1 << 4,
    W_VILLAGE_HEADS = 1 << 5, W_SKIP_BEFORE = 1 << 6, W_AGENTS = 1 << 7, W_SPEECH = 1 << 8, W_DIRECTIONS = 1 << 9,
    W_CONNECT = 1 << 10, W_FEATURE_WORDS = 1 << 11
};
#define WORD_SLOTS 1024 /* a power of two, over four times the words: few probes */
#define WORD_MAX 32    /* longer words are in no set (the longest has 15 bytes) */
static struct word_slot {
    const char *w;
    uint32_t hash;
    uint16_t sets;
} word_table[WORD_SLOTS];
static pthread_once_t word_once = PTHREAD_ONCE_INIT;

static void add_set(const char *const *set, size_t n, uint16_t bit)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t h = sn_hash(set[i], strlen(set[i])), k = h & (WORD_SLOTS - 1);
        while (word_table[k].w && strcmp(word_table[k].w, set[i]))
            k = (k + 1) & (WORD_SLOTS - 1);
        word_table[k].w = set[i];
        word_table[k].hash = h;
        word_table[k].sets |= bit;
    }
}

#define ADD_SET(set) add_set((set), sizeof(set) / sizeof *(set), W_##set)
static void word_table_fill(void)
{
    ADD_SET(HEADS); ADD_SET(LOC_PREPS); ADD_SET(DEST_PREPS); ADD_SET(OF_HEADS); ADD_SET(DIRECTIONS_OF);
    ADD_SET(VILLAGE_HEADS); ADD_SET(SKIP_BEFORE); ADD_SET(AGENTS); ADD_SET(SPEECH); ADD_SET(DIRECTIONS);
    ADD_SET(CONNECT); ADD_SET(FEATURE_WORDS);
}

void sn_geo_words_init(void) { pthread_once(&word_once, word_table_fill); }

/* The sets word w belongs to (W_* bits), 0 for none. */
static uint16_t word_sets(const char *w)
{
    uint32_t h = 2166136261u;
    size_t n = 0;
    for (; w[n]; n++) {
        if (n == WORD_MAX)
            return 0;
        h = (h ^ (unsigned char)w[n]) * 16777619u;
    }
    for (uint32_t k = h & (WORD_SLOTS - 1); word_table[k].w; k = (k + 1) & (WORD_SLOTS - 1))
        if (word_table[k].hash == h && !strcmp(word_table[k].w, w))
            return word_table[k].sets;
    return 0;
}

#define in_set(w, set) ((word_sets(w) & W_##set) != 0)

static int capital(const sn_token *t)
{
    return t->shape == SN_SHAPE_TITLE || t->shape == SN_SHAPE_UPPER || t->shape == SN_SHAPE_MIXED;
}

static int proper(const sn_token *t) { return t->tag == SN_TAG_NNP || t->tag == SN_TAG_NNPS; }

/* The matching forms of tokens [b, b + 1), [b, b + 2) ... [b, e): norms
 * joined as the text spaces them, built once into key, with each prefix's
 * length and hash (plen[k] and phash[k] for [b, b + k + 1); plen[k] is 0
 * when that prefix does not fit). */
static void build_keys(const sn_token *tk, uint32_t b, uint32_t e, char *key, size_t cap, size_t *plen,
                       uint32_t *phash)
{
    size_t n = 0;
    uint32_t h = 2166136261u; /* sn_hash(), one byte at a time */
    for (uint32_t i = b; i < e; i++) {
        const char *w = tk[i].norm;
        size_t l = strlen(w);
        if (n + l + 2 >= cap) {
            for (; i < e; i++)
                plen[i - b] = 0;
            return;
        }
        if (i > b && (tk[i].flags & SN_TOK_SPACE_BEFORE)) {
            key[n++] = ' ';
            h = (h ^ (unsigned char)' ') * 16777619u;
        }
        for (size_t c = 0; c < l; c++)
            h = (h ^ (unsigned char)w[c]) * 16777619u;
        memcpy(key + n, w, l);
        n += l;
        plen[i - b] = n;
        phash[i - b] = h;
    }
}

/* How far a name starting at i may run: capitalised tokens and connectors. */
static uint32_t span_end(const sn_token *tk, uint32_t i, uint32_t end)
{
    uint32_t j = i + 1;
    while (j < end && j - i < MAX_SPAN) {
        const char *w = tk[j].norm;
        if ((capital(&tk[j]) && tk[j].tag != SN_TAG_POS) ||
            ((tk[j].tag == SN_TAG_NN || tk[j].tag == SN_TAG_NNS || tk[j].tag == SN_TAG_JJ) && tk[j].len >= 3 &&
             strchr("anpctsvhd", w[0]) && in_set(w, FEATURE_WORDS)))
            j++;
        else if (j + 1 < end && (!w[1] || !w[2]) && capital(&tk[j + 1]) && in_set(w, CONNECT))
            j += 2; /* connectors are one or two characters: "of", "al", "-" */
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
    uint16_t sets = i > sb ? word_sets(tk[i - 1].norm) : 0; /* of the word before i */
    while (i > sb && skipped < 3 && (sets & W_SKIP_BEFORE)) {
        i--;
        skipped++;
        sets = i > sb ? word_sets(tk[i - 1].norm) : 0;
    }
    if (i == sb)
        return;
    const char *w = tk[i - 1].norm;
    if (!strcmp(w, "of") && i - 1 > sb) {
        uint16_t before = word_sets(tk[i - 2].norm);
        if (before & W_DIRECTIONS_OF) {
            m->flags |= M_REF; /* "Marinka, west of Donetsk": Donetsk only locates Marinka */
        } else if (before & W_OF_HEADS) {
            m->cue = CUE_LOC;
            if (before & W_VILLAGE_HEADS)
                m->flags |= M_VILLAGE;
        }
    } else if (sets & W_LOC_PREPS) {
        m->cue = CUE_LOC;
    } else if (sets & W_DEST_PREPS) {
        m->cue = CUE_DEST;
    } else if (!strcmp(w, "from")) {
        m->cue = CUE_ORIGIN;
        if (i - 1 > sb && (!strcmp(tk[i - 2].norm, "km") || !strcmp(tk[i - 2].norm, "kilometres") ||
                           !strcmp(tk[i - 2].norm, "kilometers") || !strcmp(tk[i - 2].norm, "miles") ||
                           !strcmp(tk[i - 2].norm, "away")))
            m->flags |= M_REF;
    } else if (sets & W_VILLAGE_HEADS) {
        m->cue = CUE_LOC;
        m->flags |= M_VILLAGE;
    }
}

/* Where a comparison ("like", "unlike", "than", "as in") is in force: from
 * its cue to the next clause break. Scanned forward once per sentence, and
 * only as far as its last mention; the first letter picks the one compare
 * a word can need. */
typedef struct cmp_scan {
    uint32_t next; /* the first token not yet read */
    int on;
} cmp_scan;

static int comparing(const sn_token *tk, uint32_t end, cmp_scan *cs, uint32_t i)
{
    for (; cs->next < i; cs->next++) {
        const sn_token *t = &tk[cs->next];
        const char *w = t->norm;
        switch (w[0]) {
        case ',': case ';': case ':':
            cs->on = w[1] ? cs->on : 0;
            break;
        case 'b':
            cs->on = t->len == 3 && !strcmp(w, "but") ? 0 : cs->on;
            break;
        case 'l':
            cs->on = t->len == 4 && !strcmp(w, "like") && t->tag == SN_TAG_IN ? 1 : cs->on;
            break;
        case 't':
            cs->on = t->len == 4 && !strcmp(w, "than") ? 1 : cs->on;
            break;
        case 'u':
            cs->on = t->len == 6 && !strcmp(w, "unlike") ? 1 : cs->on;
            break;
        case 'a':
            cs->on = t->len == 2 && !strcmp(w, "as") && cs->next + 1 < end && !strcmp(tk[cs->next + 1].norm, "in")
                         ? 1 : cs->on;
            break;
        default:
            break;
        }
    }
    return cs->on;
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
    else if (n->tag >= SN_TAG_VB && n->tag <= SN_TAG_VBZ && in_set(n->lemma, SPEECH))
        m->flags |= M_SPEAKER; /* "Moscow said", "Jackson told": a speaker, not a place */
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
    return i + 1 < end && (tk[i].tag == SN_TAG_JJ || tk[i].tag == SN_TAG_NN || tk[i].tag == SN_TAG_RB) &&
           capital(&tk[i + 1]) && strchr("ewns", tk[i].norm[0]) && in_set(tk[i].norm, DIRECTIONS);
}

/* sn_geo_first_name_h through the article's cache; h is sn_hash(key, len). */
static uint32_t cached_lookup(sn_geocoder *gc, const char *key, size_t len, uint32_t h, uint32_t *last)
{
    if (len >= sizeof gc->cache[0].key)
        return sn_geo_first_name_h(gc->g, key, len, h, last);
    geo_cache_entry *c = &gc->cache[(h ^ (h >> 8)) & (GEO_CACHE - 1)];
    if (c->gen == gc->gen && c->len == len && !memcmp(c->key, key, len)) {
        *last = c->last;
        return c->first;
    }
    c->first = sn_geo_first_name_h(gc->g, key, len, h, &c->last);
    c->gen = gc->gen;
    c->len = (uint8_t)len;
    memcpy(c->key, key, len);
    *last = c->last;
    return c->first;
}

/* A capitalised closed-class word ("The", "In", "He"): never a place by itself. */
static int function_word(const sn_token *t)
{
    switch (t->tag) {
    case SN_TAG_DT: case SN_TAG_IN: case SN_TAG_PRP: case SN_TAG_PRPS: case SN_TAG_CC: case SN_TAG_WDT:
    case SN_TAG_WP: case SN_TAG_WRB: case SN_TAG_MD: case SN_TAG_TO: case SN_TAG_EX: case SN_TAG_RB:
    case SN_TAG_CD: case SN_TAG_PUNCT:
        return 1;
    default:
        return 0;
    }
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
    size_t plen[MAX_SPAN];
    uint32_t phash[MAX_SPAN];
    cmp_scan cs = {st->tok_begin, 0};
    uint32_t sb = st->tok_begin, end = st->tok_end, ntx;
    const sn_timex *tx = sn_doc_timexes(gc->doc, s, &ntx);
    for (uint32_t i = sb; i < end && gc->nm < SN_GEO_MAX_MENTIONS; i++) {
        if (!name_start(tk, sb, end, i) || (i + 1 >= end && !capital(&tk[i])) || in_timex(tx, ntx, i))
            continue;
        uint32_t top = span_end(tk, i, end);
        int built = 0;
        for (uint32_t j = top; j > i; j--) {
            if (!plausible(tk, sb, i, j) || (j == i + 1 && function_word(&tk[i])))
                continue;
            if (!built) {
                build_keys(tk, i, top, key, sizeof key, plen, phash);
                built = 1;
            }
            size_t kl = plen[j - i - 1];
            uint32_t last = 0, first = kl ? cached_lookup(gc, key, kl, phash[j - i - 1], &last) : 0;
            if (!kl || first >= gc->g->h->nnames)
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
            if ((m->flags & M_SPEAKER) && m->cue == CUE_NONE)
                m->flags |= M_ATTRIB; /* but "officials in Tskhinvali said" is a place */
            if (i - sb < 512 && comparing(tk, end, &cs, i)) /* read the first 512 tokens of a sentence */
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
    if (++gc->gen == 0) { /* after 2^32 articles: forget every entry */
        memset(gc->cache, 0, sizeof gc->cache);
        memset(gc->fill_memo, 0, sizeof gc->fill_memo);
        gc->gen = 1;
    }
    for (uint32_t s = 0; s < ns; s++)
        if (st[s].zone != SN_ZONE_BOILERPLATE && st[s].zone != SN_ZONE_BYLINE)
            sentence_mentions(gc, s, &st[s], tk);
    share_heads(gc, tk);
}
