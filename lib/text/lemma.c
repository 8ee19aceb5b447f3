/*
 * lib/text/lemma.c — what a word can be, out of context: its possible Penn
 * tags, the likeliest one, and its base form for each reading.
 *
 * The lexicon image (lexicon.h) holds WordNet 3.0's base forms, irregular
 * forms and sense-tagged counts, and the project's closed-class words.
 * Regular inflections are undone with WordNet's own detachment rules
 * ("attacks" -> attack, "crises" is an irregular form -> crisis) plus
 * undoubling ("planned" -> plan). Results are kept in a set-associative
 * cache per analyzer, so frequent words cost one probe and no allocation;
 * with them go the word-level facts the later passes test (the roles of
 * function words, the tagger's and the time expressions' word classes),
 * computed once per word instead of once per token.
 */
#include <string.h>
#include "text/internal.h"
#include "text/timex.h"
#include "util/hash.h"

typedef struct rule {
    const char *suffix, *ending;
    uint8_t tag;
} rule;

static const rule noun_rules[] = {
    {"s", "", SN_TAG_NNS},     {"ses", "s", SN_TAG_NNS}, {"xes", "x", SN_TAG_NNS},
    {"zes", "z", SN_TAG_NNS},  {"ches", "ch", SN_TAG_NNS}, {"shes", "sh", SN_TAG_NNS},
    {"men", "man", SN_TAG_NNS}, {"ies", "y", SN_TAG_NNS},
};

static const rule verb_rules[] = {
    {"s", "", SN_TAG_VBZ},   {"ies", "y", SN_TAG_VBZ}, {"es", "e", SN_TAG_VBZ},
    {"es", "", SN_TAG_VBZ},  {"ed", "e", SN_TAG_VBD},  {"ed", "", SN_TAG_VBD},
    {"ing", "e", SN_TAG_VBG}, {"ing", "", SN_TAG_VBG},
};

static const rule adj_rules[] = {
    {"er", "", SN_TAG_JJR}, {"est", "", SN_TAG_JJS}, {"er", "e", SN_TAG_JJR}, {"est", "e", SN_TAG_JJS},
};

#define CAN_JJR(o) (((o)->tags & SN_TAGBIT(SN_TAG_JJR)) != 0)

static int ends_with(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n > k && !memcmp(w + n - k, suf, k);
}

/* Look up w minus suffix plus ending; the entry if it has a reading of pos. */
static const sn_lex_entry *try_rule(const sn_lexicon *lx, const char *w, size_t n,
                                    const rule *r, int pos, int undouble)
{
    char buf[64];
    size_t k = strlen(r->suffix), e = strlen(r->ending);
    if (n - k + e + 1 > sizeof buf)
        return NULL;
    size_t m = n - k;
    if (!strcmp(r->suffix, "s") && (m < 3 || w[m - 1] == 's' || w[m - 1] == 'u' || w[m - 1] == 'i'))
        return NULL; /* "gas" is not the plural of "ga", nor "crisis" of "crisi" */
    if (undouble) {
        if (m < 3 || w[m - 1] != w[m - 2] || strchr("aeiousy", w[m - 1]))
            return NULL;
        m--;
    }
    memcpy(buf, w, m);
    memcpy(buf + m, r->ending, e);
    const sn_lex_entry *b = sn_lex_find(lx, buf, m + e);
    return b && b->cnt[pos] ? b : NULL;
}

/* Verb tags of a past form: VBD, and VBN too unless told otherwise. */
static uint64_t past_tags(void)
{
    return SN_TAGBIT(SN_TAG_VBD) | SN_TAGBIT(SN_TAG_VBN);
}

static void add_reading(sn_lexinfo *o, int pos, uint8_t tag, uint16_t cnt, const char *lemma)
{
    uint64_t bits = SN_TAGBIT(tag);
    if (tag == SN_TAG_VBD)
        bits = past_tags();
    if (tag == SN_TAG_VB)
        bits |= SN_TAGBIT(SN_TAG_VBP);
    o->tags |= bits;
    if (pos == SN_WN_NOUN && tag == SN_TAG_NNS && !o->lemma_plural)
        o->lemma_plural = lemma;
    if (pos == SN_WN_VERB && tag != SN_TAG_VB && !o->lemma_verb)
        o->lemma_verb = lemma;
    if (pos == SN_WN_VERB && tag == SN_TAG_VB)
        o->verb_base = 1;
    if ((tag == SN_TAG_JJR || tag == SN_TAG_JJS || tag == SN_TAG_RBR || tag == SN_TAG_RBS) && !o->lemma_degree)
        o->lemma_degree = lemma;
    if (pos == SN_WN_NOUN && !o->cnt_noun) {
        o->cnt_noun = cnt;
        if (tag == SN_TAG_NN)
            o->lemma_noun = lemma;
    } else if (pos == SN_WN_VERB && !o->cnt_verb) {
        o->cnt_verb = cnt;
    } else if ((pos == SN_WN_ADJ || pos == SN_WN_ADV) && !o->cnt_adj) {
        o->cnt_adj = cnt;
        o->lemma_adj = lemma;
    }
}

static uint8_t exc_tag(int pos, const char *w, size_t n)
{
    switch (pos) {
    case SN_WN_NOUN: return SN_TAG_NNS;
    case SN_WN_VERB:
        if (ends_with(w, n, "ing")) return SN_TAG_VBG;
        if (ends_with(w, n, "en") || ends_with(w, n, "wn") || ends_with(w, n, "ne"))
            return SN_TAG_VBN;
        if (w[n - 1] == 's' && !ends_with(w, n, "ss")) return SN_TAG_VBZ;
        return SN_TAG_VBD;
    case SN_WN_ADJ: return ends_with(w, n, "est") ? SN_TAG_JJS : SN_TAG_JJR;
    default: return ends_with(w, n, "est") ? SN_TAG_RBS : SN_TAG_RBR;
    }
}

static void base_readings(const sn_lexicon *lx, const sn_lex_entry *e, sn_lexinfo *o)
{
    static const uint8_t base_tag[] = {SN_TAG_NN, SN_TAG_VB, SN_TAG_JJ, SN_TAG_RB};
    for (int p = 0; p < SN_WN__COUNT; p++)
        if (e->cnt[p])
            add_reading(o, p, base_tag[p], e->cnt[p], NULL);
    const sn_lex_extra *x = sn_lex_extra_of(lx, e);
    if (!x)
        return;
    const char *w = sn_lex_str(lx, e->word);
    size_t n = strlen(w);
    for (int p = 0; p < SN_WN__COUNT; p++) {
        if (!x->exc[p])
            continue;
        const char *base = sn_lex_str(lx, x->exc[p]);
        if (!strcmp(base, w))
            continue; /* "gas gas": WordNet's way of saying it has no other plural */
        const sn_lex_entry *b = sn_lex_find(lx, base, strlen(base));
        add_reading(o, p, exc_tag(p, w, n), b ? b->cnt[p] : 1, base);
    }
}

static void rule_readings(const sn_lexicon *lx, const char *w, size_t n, sn_lexinfo *o)
{
    static const struct { const rule *r; size_t n; int pos; } sets[] = {
        {noun_rules, sizeof noun_rules / sizeof *noun_rules, SN_WN_NOUN},
        {verb_rules, sizeof verb_rules / sizeof *verb_rules, SN_WN_VERB},
        {adj_rules, sizeof adj_rules / sizeof *adj_rules, SN_WN_ADJ},
    };
    for (size_t s = 0; s < sizeof sets / sizeof *sets; s++) {
        for (size_t i = 0; i < sets[s].n; i++) {
            const rule *r = &sets[s].r[i];
            if (!ends_with(w, n, r->suffix) && !(r->ending[0] && !strcmp(w, r->suffix)))
                continue;
            const sn_lex_entry *b = try_rule(lx, w, n, r, sets[s].pos, 0);
            if (!b && sets[s].pos == SN_WN_VERB && !r->ending[0] && r->suffix[0] != 's')
                b = try_rule(lx, w, n, r, SN_WN_VERB, 1);
            if (b) {
                add_reading(o, sets[s].pos, r->tag, b->cnt[sets[s].pos], sn_lex_str(lx, b->word));
                break;
            }
        }
    }
}

/* Guesses for words the lexicon does not know, from their endings. */
static void guess_readings(const char *w, size_t n, sn_lexinfo *o)
{
    static const struct { const char *suf; uint8_t tag; } g[] = {
        {"ly", SN_TAG_RB},   {"ing", SN_TAG_VBG}, {"ed", SN_TAG_VBD}, {"ian", SN_TAG_JJ},
        {"ese", SN_TAG_JJ},  {"ist", SN_TAG_NN},  {"ous", SN_TAG_JJ}, {"ive", SN_TAG_JJ},
        {"able", SN_TAG_JJ}, {"ible", SN_TAG_JJ}, {"al", SN_TAG_JJ},  {"ic", SN_TAG_JJ},
        {"ss", SN_TAG_NN},   {"us", SN_TAG_NN},   {"s", SN_TAG_NNS},
    };
    for (size_t i = 0; i < sizeof g / sizeof *g; i++)
        if (ends_with(w, n, g[i].suf)) {
            add_reading(o, g[i].tag == SN_TAG_VBD || g[i].tag == SN_TAG_VBG ? SN_WN_VERB : SN_WN_NOUN,
                        g[i].tag, 1, NULL);
            return;
        }
    add_reading(o, SN_WN_NOUN, SN_TAG_NN, 1, NULL);
}

/* The likeliest tag out of context, from the readings' counts. */
static uint8_t best_tag(const sn_lexinfo *o)
{
    static const uint8_t order[] = {
        SN_TAG_NN, SN_TAG_NNS, SN_TAG_VBD, SN_TAG_VBZ, SN_TAG_VBG, SN_TAG_VBN,
        SN_TAG_VBP, SN_TAG_JJ, SN_TAG_JJR, SN_TAG_JJS, SN_TAG_RB, SN_TAG_RBR, SN_TAG_RBS,
    };
    unsigned best = 0, bestw = 0;
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        uint8_t t = order[i];
        if (!(o->tags & SN_TAGBIT(t)))
            continue;
        unsigned w = t <= SN_TAG_NNS && t >= SN_TAG_NN ? o->cnt_noun
                     : t >= SN_TAG_VB && t <= SN_TAG_VBZ ? o->cnt_verb : o->cnt_adj;
        if (!best || w > bestw) {
            best = t;
            bestw = w;
        }
    }
    return best ? (uint8_t)best : SN_TAG_NN;
}

static void analyze_word(const sn_lexicon *lx, const char *w, size_t n, sn_lexinfo *o)
{
    memset(o, 0, sizeof *o);
    const sn_lex_entry *e = sn_lex_find(lx, w, n);
    const sn_lex_extra *x = sn_lex_extra_of(lx, e);
    o->known = e != NULL;
    o->proper = e ? (uint8_t)e->flags : 0;
    o->abbrev = x ? x->abbrev : 0;
    if (x && x->ncl) {
        for (int i = 0; i < x->ncl; i++) {
            o->tags |= SN_TAGBIT(x->cl_tag[i]);
            o->closed_tag[i] = x->cl_tag[i];
            o->lemma_closed[i] = x->cl_lemma[i] ? sn_lex_str(lx, x->cl_lemma[i]) : NULL;
        }
        o->nclosed = x->ncl;
        o->best = x->cl_tag[0];
        return;
    }
    if (e)
        base_readings(lx, e, o);
    rule_readings(lx, w, n, o);
    o->known = o->tags != 0;
    if (!o->tags) {
        const char *h = memrchr(w, '-', n);
        if (h && h + 1 < w + n && !(w[0] >= '0' && w[0] <= '9')) {
            analyze_word(lx, h + 1, (size_t)(w + n - h - 1), o);
            o->lemma_noun = o->lemma_plural = o->lemma_verb = o->lemma_adj = o->lemma_degree = NULL;
        } else if (w[0] >= '0' && w[0] <= '9')
            o->tags = SN_TAGBIT(h ? SN_TAG_JJ : SN_TAG_CD);
        else
            guess_readings(w, n, o);
        o->known = 0;
    }
    o->best = best_tag(o);
    /* "higher" is a comparative before it is an adjective of its own. */
    if (CAN_JJR(o) && (ends_with(w, n, "er") || o->lemma_degree)) {
        o->tags &= ~SN_TAGBIT(SN_TAG_JJ);
        if (o->best == SN_TAG_JJ)
            o->best = SN_TAG_JJR;
    }
    if (o->tags == SN_TAGBIT(SN_TAG_CD) || o->tags == SN_TAGBIT(SN_TAG_JJ))
        o->best = (uint8_t)__builtin_ctzll(o->tags);
}

typedef struct word_role {
    const char *w;
    uint16_t role;
} word_role;

#define ADV SN_W_ADVERBIAL
#define SUB SN_W_SUBORDINATOR
#define CLP SN_W_CLAUSE_PREP
static const word_role roles[] = {
    {"that", SN_W_SUBORD | SN_W_OPENER | SUB},   {"if", SN_W_SUBORD | SN_W_OPENER | SUB},
    {"because", SN_W_SUBORD | SN_W_OPENER | ADV | SUB},
    {"while", SN_W_SUBORD | SN_W_OPENER | SN_W_GERUND | ADV | SUB},
    {"although", SN_W_SUBORD | SN_W_OPENER | ADV | SUB},
    {"after", SN_W_SUBORD | SN_W_OPENER | SN_W_GERUND | ADV | CLP},
    {"before", SN_W_SUBORD | SN_W_OPENER | SN_W_GERUND | ADV | CLP},
    {"since", SN_W_SUBORD | SN_W_OPENER | SN_W_GERUND | ADV | CLP},
    {"unless", SN_W_SUBORD | SN_W_OPENER | SUB}, {"as", SN_W_SUBORD | SN_W_OPENER | ADV | CLP},
    {"when", SN_W_SUBORD | SN_W_OPENER | ADV},    {"which", SN_W_OPENER}, {"who", SN_W_OPENER},
    {"whether", SN_W_OPENER | SUB},               {"where", SN_W_OPENER},
    {"of", SN_W_GERUND}, {"by", SN_W_GERUND}, {"for", SN_W_GERUND}, {"from", SN_W_GERUND},
    {"without", SN_W_GERUND}, {"about", SN_W_GERUND}, {"against", SN_W_GERUND},
    {"despite", SN_W_GERUND}, {"through", SN_W_GERUND}, {"upon", SN_W_GERUND},
    {",", SN_W_PAUSE | SN_W_CLAUSE_STOP}, {";", SN_W_PAUSE | SN_W_CLAUSE_STOP},
    {":", SN_W_PAUSE | SN_W_CLAUSE_STOP}, {"\"", SN_W_PAUSE}, {"-", SN_W_PAUSE},
    {"though", ADV | SUB}, {"once", ADV | SUB}, {"until", ADV | CLP}, {"whereas", ADV | SUB},
    {"then", SN_W_CLAUSE_STOP}, {"till", CLP}, {"like", CLP},
};
#undef CLP
#undef SUB
#undef ADV

static uint16_t word_roles(const char *w)
{
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (roles[i].w[0] == w[0] && !strcmp(roles[i].w, w))
            return roles[i].role;
    return 0;
}

/* The abbreviation kind of w plus a period, as the tokenizer's
 * abbrev_kind looks it up (words up to 30 bytes). */
static uint8_t abbrev_with_dot(const sn_lexicon *lx, const char *w, size_t n)
{
    char buf[32];
    if (n + 2 > sizeof buf)
        return SN_ABBR_NONE;
    memcpy(buf, w, n);
    buf[n] = '.';
    const sn_lex_extra *x = sn_lex_extra_of(lx, sn_lex_find(lx, buf, n + 1));
    return x ? x->abbrev : SN_ABBR_NONE;
}

static void analyze(const sn_lexicon *lx, const char *w, size_t n, sn_lexinfo *o)
{
    analyze_word(lx, w, n, o);
    o->abbrev_dot = abbrev_with_dot(lx, w, n);
    o->word = word_roles(w);
    o->word |= sn_zone_word_roles(w);
    o->timex = (uint16_t)sn_timex_word_class(w);
    o->tagw = sn_tag_word_flags(o, w);
}

static const sn_lexinfo *private_copy(sn_analyzer *a, const char *w, size_t n)
{
    sn_lexinfo *o = (sn_lexinfo *)sn_arena_alloc_aligned(&a->doc.strings, sizeof *o, _Alignof(sn_lexinfo));
    if (o)
        analyze(a->lx, w, n, o);
    return o;
}

/* A miss: analyse the word into the set's least recently used slot (the
 * hit path is sn_lex_lookup, inline in internal.h). */
const sn_lexinfo *sn_lex_miss(sn_analyzer *a, sn_lexcache_slot *set, const char *key, size_t n, uint32_t h,
                              const char **norm)
{
    sn_lexcache_slot *s = set;
    for (int w = 1; w < LEXCACHE_WAYS; w++)
        if (set[w].gen < s->gen)
            s = &set[w];
    if (s->gen == a->gen) { /* every slot of the set is in use by this document */
        if (norm && !(*norm = sn_arena_strndup(&a->doc.strings, key, n)))
            return NULL;
        return private_copy(a, key, n);
    }
    memcpy(s->key, key, LEXCACHE_KEY);
    analyze(a->lx, s->key, n, &s->info);
    s->gen = a->gen;
    s->hash = h;
    if (norm)
        *norm = s->key;
    return &s->info;
}

const sn_lexinfo *sn_lex_analyze(sn_analyzer *a, const char *w, size_t n)
{
    if (n == 0 || n >= LEXCACHE_KEY)
        return private_copy(a, w, n);
    char key[LEXCACHE_KEY] = {0};
    memcpy(key, w, n);
    return sn_lex_lookup(a, key, n, sn_hash(w, n), NULL);
}
