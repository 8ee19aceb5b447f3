/*
 * lib/text/tagger.c — part-of-speech tagging with Penn Treebank tags.
 *
 * Each token starts from what the lexicon allows (lemma.c): its closed-class
 * tags, or its WordNet readings with their sense-tagged counts. Case shape
 * decides proper nouns. Then a left-to-right pass applies contextual rules
 * in the manner of a Brill tagger written by hand: after a modal or "to" a
 * verb is a base form; after "have" a past form is a participle; after a
 * determiner a noun beats a verb; a clause with a nominal subject and no
 * finite verb yet takes an ambiguous word as its verb; and so on. The
 * accuracy on the project's hand-tagged news sentences is in docs/text.md.
 */
#include <string.h>
#include "text/internal.h"

#define CAN(lx, t) (((lx)->tags & SN_TAGBIT(t)) != 0)
#define VERB_TAGS (SN_TAGBIT(SN_TAG_VB) | SN_TAGBIT(SN_TAG_VBD) | SN_TAGBIT(SN_TAG_VBG) | \
                   SN_TAGBIT(SN_TAG_VBN) | SN_TAGBIT(SN_TAG_VBP) | SN_TAGBIT(SN_TAG_VBZ) | SN_TAGBIT(SN_TAG_MD))


typedef struct ctx {
    const sn_token *tok;
    const sn_lexinfo *const *lex;
    uint8_t *tag;        /* decided tags of the sentence, by absolute index */
    uint32_t b, e;
    int headline;        /* capitalized words are not names by shape alone */
    int finite;          /* a finite verb was seen in the current clause */
    int sfinite;         /* ... or anywhere in the sentence so far */
    int rel;             /* 1 in a relative clause before its verb, 2 after it */
    int main_finite;     /* a finite verb was seen outside relative clauses */
} ctx;

static int is_noun(uint8_t t)
{
    return t == SN_TAG_NN || t == SN_TAG_NNS || t == SN_TAG_NNP || t == SN_TAG_NNPS;
}

static int is_nominal(uint8_t t)
{
    return is_noun(t) || t == SN_TAG_PRP || t == SN_TAG_CD;
}

static int is_verb(uint8_t t)
{
    return t >= SN_TAG_VB && t <= SN_TAG_VBZ;
}

static int open_class(uint8_t t)
{
    return (t >= SN_TAG_NN && t <= SN_TAG_NNS) || (t >= SN_TAG_VB && t <= SN_TAG_VBZ) ||
           (t >= SN_TAG_JJ && t <= SN_TAG_JJS);
}

static int is_finite(uint8_t t)
{
    return t == SN_TAG_VBD || t == SN_TAG_VBZ || t == SN_TAG_VBP || t == SN_TAG_MD;
}

/* Word-level facts the rules below test, computed once per word when the
 * lexical cache analyses it (sn_tag_word_flags) rather than per token.
 * Each depends only on the word's norm and its lexicon entry. */

/* Is base a lemma of the word: of a closed-class reading, or the word itself? */
static int word_lemma_is(const sn_lexinfo *lx, const char *norm, const char *base)
{
    for (int k = 0; k < lx->nclosed; k++)
        if (lx->lemma_closed[k] && !strcmp(lx->lemma_closed[k], base))
            return 1;
    return !strcmp(norm, base);
}

/* A demonym-like word: "Georgian", "Sudanese", "Israeli". */
static int word_nationality(const sn_lexinfo *lx, const char *norm)
{
    size_t n = strlen(norm);
    /* Strong demonym endings, then weak ones the lexicon must confirm. */
    static const char *const strong[] = {"ian", "ean", "ese", "ish", "ani", "eli", "iti"};
    static const char *const weak[] = {"an", "i", "ic"};
    if (lx->known && !CAN(lx, SN_TAG_JJ))
        return 0;
    for (size_t k = 0; k < sizeof strong / sizeof *strong; k++) {
        size_t l = strlen(strong[k]);
        if (n > l + 2 && !strcmp(norm + n - l, strong[k]))
            return 1;
    }
    for (size_t k = 0; k < sizeof weak / sizeof *weak && lx->known; k++) {
        size_t l = strlen(weak[k]);
        if (n > l + 2 && !strcmp(norm + n - l, weak[k]))
            return 1;
    }
    return 0;
}

/* The base form of the word read as a verb, before lemmas are final. */
static const char *word_verb_lemma(const sn_lexinfo *lx, const char *norm)
{
    return lx->lemma_verb && !lx->verb_base ? lx->lemma_verb : norm;
}

static int in_words(const char *w, const char *const *v, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!strcmp(w, v[k]))
            return 1;
    return 0;
}

static const char *const linking_verbs[] = {"grow", "become", "remain", "seem", "appear", "stay", "turn",
                                            "prove", "look", "sound", "feel", "get"};
static const char *const speech_lemmas[] = {"say", "announce", "confirm", "claim", "state", "report", "deny",
                                            "insist", "warn", "add", "tell", "note", "believe", "argue"};
/* The words context_tag decides by hand. */
static const char *const special_words[] = {"that", "'s", "there", "her", "'"};

#define IN_WORDS(w, v) in_words((w), (v), sizeof(v) / sizeof *(v))

uint16_t sn_tag_word_flags(const sn_lexinfo *lx, const char *norm)
{
    size_t n = strlen(norm);
    const char *vl = word_verb_lemma(lx, norm);
    uint16_t f = 0;
    if (IN_WORDS(norm, special_words))
        f |= SN_TW_SPECIAL;
    if (word_nationality(lx, norm))
        f |= SN_TW_NATION;
    if (n > 3 && norm[n - 1] == 's' && norm[n - 2] != 's' && lx->lemma_plural)
        f |= SN_TW_PLURAL_NAME;
    if (word_lemma_is(lx, norm, "be"))
        f |= SN_TW_BE;
    if (word_lemma_is(lx, norm, "have"))
        f |= SN_TW_HAVE;
    if (word_lemma_is(lx, norm, "do"))
        f |= SN_TW_DO;
    if (IN_WORDS(vl, linking_verbs))
        f |= SN_TW_LINKING;
    if (IN_WORDS(vl, speech_lemmas))
        f |= SN_TW_SPEECH;
    if (!strcmp(norm, "last") || !strcmp(norm, "next") || !strcmp(norm, "past"))
        f |= SN_TW_LAST_NEXT;
    if (norm[0] && n > 4 && !strcmp(norm + n - 3, "ing"))
        f |= SN_TW_ING;
    return f;
}

/* Does token i have word flag f? */
static int word_has(const ctx *c, uint32_t i, uint16_t f)
{
    return (c->lex[i]->tagw & f) != 0;
}

/* Index of the previous token that is not an adverb, or -1. */
static int64_t prev_skip_rb(const ctx *c, uint32_t i)
{
    int64_t k = (int64_t)i - 1;
    /* strchr("\"'", x) is also true for x == '\0' (an empty norm). */
    while (k >= c->b && (c->tag[k] == SN_TAG_RB || c->tag[k] == SN_TAG_RBR || c->tag[k] == SN_TAG_RBS ||
                         (c->tag[k] == SN_TAG_PUNCT && (c->tok[k].norm[0] == '"' || c->tok[k].norm[0] == '\'' ||
                                                        c->tok[k].norm[0] == '\0'))))
        k--;
    return k >= c->b ? k : -1;
}

static int capitalized(const sn_token *t)
{
    return t->shape == SN_SHAPE_TITLE || t->shape == SN_SHAPE_UPPER || t->shape == SN_SHAPE_MIXED;
}

/* Does the next token look like the start or head of a noun phrase? */
static int next_nounish(const ctx *c, uint32_t i)
{
    if (i + 1 >= c->e)
        return 0;
    const sn_lexinfo *nx = c->lex[i + 1];
    const sn_token *t = &c->tok[i + 1];
    if (t->shape == SN_SHAPE_PUNCT)
        return 0;
    if (capitalized(t) && !nx->nclosed)
        return 1;
    if (nx->nclosed && !open_class(nx->closed_tag[0]))
        return nx->best == SN_TAG_CD;
    return CAN(nx, SN_TAG_NN) || CAN(nx, SN_TAG_NNS) || CAN(nx, SN_TAG_CD) ||
           (CAN(nx, SN_TAG_JJ) && !(nx->tags & VERB_TAGS)) || t->shape == SN_SHAPE_DIGIT;
}


/* Is the next token surely a verb: a modal, an auxiliary, or a word with
 * no reading but verbal ones? */
static int next_np_start(const ctx *c, uint32_t i)
{
    if (i + 1 >= c->e)
        return 0;
    uint8_t b = c->lex[i + 1]->best;
    return b == SN_TAG_DT || b == SN_TAG_PRPS || b == SN_TAG_CD || b == SN_TAG_JJ || b == SN_TAG_PDT ||
           (b >= SN_TAG_NN && b <= SN_TAG_NNPS) || capitalized(&c->tok[i + 1]) ||
           c->tok[i + 1].shape == SN_SHAPE_DIGIT;
}

static int next_is_verbish(const ctx *c, uint32_t i)
{
    if (i + 1 >= c->e || capitalized(&c->tok[i + 1]))
        return 0;
    const sn_lexinfo *nx = c->lex[i + 1];
    if (nx->nclosed)
        return nx->best == SN_TAG_MD || nx->best == SN_TAG_VBZ || nx->best == SN_TAG_VBD ||
               nx->best == SN_TAG_VBP;
    if (CAN(nx, SN_TAG_VBD) && !CAN(nx, SN_TAG_NN) && !CAN(nx, SN_TAG_NNS))
        return 1; /* "destroyed", even with its adjective reading */
    return nx->tags && !(nx->tags & ~VERB_TAGS) && nx->best != SN_TAG_VBG;
}

/* Tags fixed by the token's form alone, or 0. */
static uint8_t form_tag(const ctx *c, uint32_t i)
{
    const sn_token *t = &c->tok[i];
    const sn_lexinfo *lx = c->lex[i];
    if (t->flags & (SN_TOK_URL | SN_TOK_EMAIL))
        return SN_TAG_NN;
    if (t->shape == SN_SHAPE_PUNCT) {
        if (lx->nclosed)
            return lx->closed_tag[0];
        if (!strcmp(t->norm, "$") || !strcmp(t->norm, "#") || !strcmp(t->norm, "@") ||
            !strcmp(t->norm, "\xE2\x82\xAC") || !strcmp(t->norm, "\xC2\xA3"))
            return SN_TAG_SYM;
        if (!strcmp(t->norm, "%"))
            return SN_TAG_NN;
        if (!strcmp(t->norm, "&"))
            return SN_TAG_CC;
        return SN_TAG_PUNCT;
    }
    if (t->shape == SN_SHAPE_DIGIT)
        return (t->flags & SN_TOK_HYPHEN) ? SN_TAG_JJ : SN_TAG_CD;
    return 0;
}

/* A capitalized word: a name, unless the lexicon or position says otherwise. */
static uint8_t proper_tag(const ctx *c, uint32_t i)
{
    const sn_token *t = &c->tok[i];
    const sn_lexinfo *lx = c->lex[i];
    int initial = i == c->b || (i > c->b && (c->tok[i - 1].shape == SN_SHAPE_PUNCT &&
                                             strchr("\"'(-:", c->tok[i - 1].norm[0]) &&
                                             i - 1 == c->b));
    uint8_t ct = lx->nclosed ? lx->closed_tag[0] : 0;
    int function_word = ct && !(ct >= SN_TAG_NN && ct <= SN_TAG_NNPS) && ct != SN_TAG_JJ && ct != SN_TAG_CD;
    int month_like = CAN(lx, SN_TAG_NNP) && !initial &&
                     ((i > c->b && c->tag[i - 1] == SN_TAG_IN) ||
                      (i + 1 < c->e && c->tok[i + 1].shape == SN_SHAPE_DIGIT));
    if (ct == SN_TAG_PRP && t->shape == SN_SHAPE_UPPER && t->len >= 2)
        return SN_TAG_NNP; /* "US", not "us" */
    if (function_word && !month_like && (initial || c->headline || ct != SN_TAG_NNP))
        return 0;
    if (month_like)
        return SN_TAG_NNP; /* "in May", "March 18" */
    if (t->flags & SN_TOK_ABBREV)
        return SN_TAG_NNP;
    const sn_token *nx = i + 1 < c->e ? &c->tok[i + 1] : NULL;
    int next_lower = nx && nx->shape == SN_SHAPE_LOWER &&
                     (!c->lex[i + 1]->nclosed || open_class(c->lex[i + 1]->closed_tag[0]));
    int nation = word_has(c, i, SN_TW_NATION);
    if (nation && nx && (next_lower || capitalized(nx) || c->lex[i + 1]->best == SN_TAG_CC ||
                         tok_is(nx, "and") || tok_is(nx, "or")))
        return SN_TAG_JJ;
    /* A name first: "Japan" has a verb sense, but none seen in tagged text. */
    int name_only = (lx->proper & SN_LEX_PROPER) && lx->cnt_verb <= 1 && lx->cnt_adj <= 1;
    /* "South Ossetian President ...": a capitalized pair opens a name. */
    if (initial && !c->headline && nx && capitalized(nx) && !c->lex[i + 1]->nclosed && !nation)
        return SN_TAG_NNP;
    if ((initial || c->headline) && lx->known && !name_only)
        return next_lower && lx->best == SN_TAG_JJ ? SN_TAG_JJ : 0;
    if ((lx->tagw & SN_TW_PLURAL_NAME) && t->shape != SN_SHAPE_UPPER)
        return SN_TAG_NNPS;
    return SN_TAG_NNP;
}

/* Is token i inside a noun phrase opened by a determiner or possessive:
 * "an al-Qaeda affiliate", "Sweden's NATO membership bid"? */
static int in_np(const ctx *c, uint32_t i)
{
    for (uint32_t k = i; k > c->b; k--) {
        uint8_t t = c->tag[k - 1];
        if (t == SN_TAG_DT || t == SN_TAG_PRPS || t == SN_TAG_POS)
            return !tok_is(&c->tok[k - 1], "that") || k == i;
        if (!(t == SN_TAG_JJ || t == SN_TAG_NN || t == SN_TAG_NNP || t == SN_TAG_CD || t == SN_TAG_NNPS))
            return 0;
    }
    return 0;
}

/* Does the phrase plainly end after token i (punctuation, a preposition,
 * a conjunction or the sentence's end)? */
static int np_ends_after(const ctx *c, uint32_t i)
{
    if (i + 1 >= c->e)
        return 1;
    uint8_t b = c->lex[i + 1]->best;
    return c->tok[i + 1].shape == SN_SHAPE_PUNCT || b == SN_TAG_CC;
}

/* Prepositions after which an -ing word is a gerund with an object. */
static int gerund_prep(const ctx *c, uint32_t i)
{
    return (c->lex[i]->word & SN_W_GERUND) != 0;
}

static int time_opener(const ctx *c, uint32_t i)
{
    static const char *const units[] = {"week", "month", "year", "weekend", "spring", "summer",
                                        "autumn", "fall", "winter", "decade", "night", "time"};
    if (!word_has(c, i, SN_TW_LAST_NEXT) || i + 1 >= c->e)
        return 0;
    for (size_t k = 0; k < sizeof units / sizeof *units; k++)
        if (tok_is(&c->tok[i + 1], units[k]))
            return 1;
    return 0;
}

/* "von" in "Ursula von der Leyen": inside a name, between capitals. */
static int name_particle(const ctx *c, uint32_t i)
{
    if (i == c->b || c->tag[i - 1] != SN_TAG_NNP)
        return 0;
    for (uint32_t k = i + 1; k < c->e && k < i + 3; k++) {
        if (capitalized(&c->tok[k]))
            return 1;
        const sn_lexinfo *lx = c->lex[k];
        if (!(lx->nclosed && lx->closed_tag[0] == SN_TAG_NNP))
            return 0;
    }
    return 0;
}


/* After adverbs from i, does a verb come? */
static int verb_follows(const ctx *c, uint32_t i)
{
    while (i < c->e && (CAN(c->lex[i], SN_TAG_RB) || CAN(c->lex[i], SN_TAG_RBS)) && !CAN(c->lex[i], SN_TAG_VB))
        i++;
    return i < c->e && (c->lex[i]->tags & (SN_TAGBIT(SN_TAG_VB) | SN_TAGBIT(SN_TAG_VBN)));
}

/* Does an agent phrase start at i: a determiner, a name, a number or an
 * adjective ("by the army", "by Russia", "by separatist shelling")? */
static int agent_follows(const ctx *c, uint32_t i)
{
    uint8_t b = c->lex[i]->best;
    return b == SN_TAG_DT || b == SN_TAG_PRPS || b == SN_TAG_CD || b == SN_TAG_JJ ||
           (capitalized(&c->tok[i]) && !c->lex[i]->nclosed);
}

/* Is the next token most likely a past verb or a modal (even if it could
 * be a noun too)? */
static int verb_may_follow(const ctx *c, uint32_t i)
{
    if (i + 1 >= c->e)
        return 0;
    const sn_lexinfo *nx = c->lex[i + 1];
    return !capitalized(&c->tok[i + 1]) && (nx->best == SN_TAG_VBD || nx->best == SN_TAG_MD);
}

/* A word of a short object and its place: "a base in Abkhazia". */
static int object_word(uint8_t t)
{
    return t == SN_TAG_DT || t == SN_TAG_JJ || t == SN_TAG_NN || t == SN_TAG_NNS || t == SN_TAG_NNP ||
           t == SN_TAG_NNPS || t == SN_TAG_PRPS || t == SN_TAG_CD || t == SN_TAG_IN;
}

/* A verb after "and" takes the form of the verb before it. */
static uint8_t same_as_first_conjunct(const ctx *c, uint32_t cc, const sn_lexinfo *lx)
{
    int64_t k = (int64_t)cc - 1;
    while (k >= c->b && (c->tag[k] == SN_TAG_RB || c->tag[k] == SN_TAG_PUNCT))
        k--;
    if (k < c->b)
        return 0;
    uint8_t t = c->tag[k];
    if ((t == SN_TAG_VBD || t == SN_TAG_VBZ || t == SN_TAG_VBP) && CAN(lx, t))
        return t;
    /* "will approve the referendum and recognise": past a short object
     * to a bare verb under a modal. */
    for (int n = 0; k >= c->b && n < 8 && object_word(c->tag[k]); n++)
        k--;
    if (k > c->b && c->tag[k] == SN_TAG_VB && CAN(lx, SN_TAG_VB)) {
        int64_t m = k - 1;
        while (m > c->b && c->tag[m] == SN_TAG_RB)
            m--;
        if (c->tag[m] == SN_TAG_MD)
            return SN_TAG_VB;
    }
    return 0;
}


/* "that": complementizer, relative pronoun or determiner. */
static uint8_t tag_that(const ctx *c, uint32_t i)
{
    uint8_t p = i > c->b ? c->tag[i - 1] : SN_TAG_NONE;
    int at_end = i + 1 >= c->e || c->tok[i + 1].shape == SN_SHAPE_PUNCT;
    if (at_end)
        return SN_TAG_DT;
    const sn_lexinfo *nx = c->lex[i + 1];
    int noun_next = !nx->nclosed && (CAN(nx, SN_TAG_NN) || CAN(nx, SN_TAG_NNS)) &&
                    !capitalized(&c->tok[i + 1]);
    if (is_verb(p)) /* "said that", but "denounced that agreement" */
        return noun_next && !word_has(c, i - 1, SN_TW_SPEECH) ? SN_TAG_DT : SN_TAG_IN;
    if (p == SN_TAG_NNP || p == SN_TAG_NNPS || p == SN_TAG_CD)
        return SN_TAG_IN; /* "announced in May that ..." */
    if (is_noun(p))
        return SN_TAG_WDT;
    return noun_next ? SN_TAG_DT : SN_TAG_IN;
}

/* "'s": possessive or "is"/"has". */
static uint8_t tag_s(const ctx *c, uint32_t i)
{
    uint8_t p = i > c->b ? c->tag[i - 1] : SN_TAG_NONE;
    if (p == SN_TAG_PRP || p == SN_TAG_EX || p == SN_TAG_WP || p == SN_TAG_WDT ||
        (p == SN_TAG_DT && tok_is(&c->tok[i - 1], "that")))
        return SN_TAG_VBZ;
    if (i + 1 < c->e) {
        const sn_lexinfo *nx = c->lex[i + 1];
        if (nx->best == SN_TAG_VBG || nx->best == SN_TAG_VBN || tok_is(&c->tok[i + 1], "been") ||
            tok_is(&c->tok[i + 1], "not"))
            return SN_TAG_VBZ;
    }
    return SN_TAG_POS;
}

static uint8_t pick(const sn_lexinfo *lx, const uint8_t *pref, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (CAN(lx, pref[k]))
            return pref[k];
    return 0;
}

#define PICK(lx, ...) pick(lx, (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}))

static int clause_opener(const ctx *c, uint32_t k)
{
    return (c->lex[k]->word & SN_W_OPENER) != 0;
}

/* A finite verb later in the clause: "is", "were", "will", "has" ... */
static int finite_ahead(const ctx *c, uint32_t i)
{
    for (uint32_t k = i + 1; k < c->e; k++) {
        const sn_lexinfo *lx = c->lex[k];
        if (tok_is(&c->tok[k], ",") || tok_is(&c->tok[k], ";") || c->lex[k]->best == SN_TAG_CC ||
            clause_opener(c, k))
            return 0; /* the verb of another clause */
        if (lx->nclosed && !capitalized(&c->tok[k]) &&
            (lx->best == SN_TAG_MD || lx->best == SN_TAG_VBD || lx->best == SN_TAG_VBZ ||
             lx->best == SN_TAG_VBP))
            return 1;
    }
    return 0;
}

/* "Troops killed in the attack were buried": a participle, not the verb. */
static uint8_t reduced_relative(const ctx *c, uint32_t i, uint8_t verb)
{
    if (verb != SN_TAG_VBD || !CAN(c->lex[i], SN_TAG_VBN) || i + 1 >= c->e)
        return verb;
    const sn_token *nx = &c->tok[i + 1];
    if (c->lex[i + 1]->best == SN_TAG_IN && !tok_is(nx, "that") && finite_ahead(c, i))
        return SN_TAG_VBN;
    return verb;
}

/* Noun or verb? The clause's subject and the neighbours decide. */
static uint8_t finite_or_noun(const ctx *c, uint32_t i, uint8_t p)
{
    const sn_lexinfo *lx = c->lex[i];
    uint8_t verb = PICK(lx, SN_TAG_VBD, SN_TAG_VBZ, SN_TAG_VBP);
    uint8_t noun = PICK(lx, SN_TAG_NNS, SN_TAG_NN);
    if (!verb)
        return 0;
    if (!noun && !CAN(lx, SN_TAG_JJ))
        return reduced_relative(c, i, verb);
    /* "Hezbollah, the Iranian-backed group, fired ...": the subject ends
     * with a comma before the sentence's first verb. */
    int after_appos = p == SN_TAG_PUNCT && tok_is(&c->tok[i - 1], ",") && !c->sfinite && i > c->b + 2;
    /* "The town that the rebels seized lies near ...": the relative clause
     * has its verb, so the main clause's comes next. */
    if (c->rel == 2 && !c->main_finite && !in_np(c, i) && p != SN_TAG_DT)
        return verb;
    if (c->finite || !(is_nominal(p) || p == SN_TAG_WDT || p == SN_TAG_WP || after_appos))
        return 0;
    if (next_is_verbish(c, i))
        return noun ? noun : SN_TAG_JJ;
    if (!noun || after_appos || p == SN_TAG_PRP || p == SN_TAG_WDT || p == SN_TAG_WP || p == SN_TAG_NNP ||
        p == SN_TAG_NNPS || p == SN_TAG_CD)
        return reduced_relative(c, i, verb);
    /* After a common noun: agreement and what follows decide between a
     * verb ("the army attacks rebel positions") and a compound ("peace
     * talks resumed"). */
    if (p == SN_TAG_NNS && verb == SN_TAG_VBZ)
        return noun;
    if (p == SN_TAG_NN && verb == SN_TAG_VBZ && i + 1 < c->e) {
        const sn_lexinfo *nx = c->lex[i + 1];
        int object_np = i + 2 < c->e && CAN(nx, SN_TAG_NN) && c->lex[i + 2]->best == SN_TAG_NNS;
        if (nx->best == SN_TAG_DT || nx->best == SN_TAG_TO || nx->best == SN_TAG_PRPS || nx->best == SN_TAG_NNS ||
            nx->best == SN_TAG_CD || capitalized(&c->tok[i + 1]) || object_np)
            return verb; /* "the militia fires rockets", "the army shells rebel positions" */
    }
    if (p == SN_TAG_NNS && CAN(lx, SN_TAG_VBP) && i + 1 < c->e && c->lex[i + 1]->best == SN_TAG_NNS)
        return SN_TAG_VBP; /* "police charge protesters" */
    if (p == SN_TAG_NN && i + 1 < c->e && c->lex[i + 1]->best == SN_TAG_NNS && verb != SN_TAG_VBZ)
        return verb;       /* "the government cut subsidies" */
    if (i + 1 >= c->e || c->tok[i + 1].shape == SN_SHAPE_PUNCT)
        return lx->cnt_verb >= lx->cnt_noun ? verb : noun;
    const sn_lexinfo *nx = c->lex[i + 1];
    if (nx->nclosed || capitalized(&c->tok[i + 1]) || c->tok[i + 1].shape == SN_SHAPE_DIGIT ||
        nx->best == SN_TAG_RB || nx->best == SN_TAG_JJ || (p == SN_TAG_NNS && nx->best == SN_TAG_NNS))
        return reduced_relative(c, i, verb);
    return lx->cnt_verb > lx->cnt_noun ? reduced_relative(c, i, verb) : noun;
}

static uint8_t context_tag(ctx *c, uint32_t i)
{
    const sn_lexinfo *lx = c->lex[i];
    const sn_token *t = &c->tok[i];
    uint8_t p = i > c->b ? c->tag[i - 1] : SN_TAG_NONE;
    uint8_t r;

    if (lx->nclosed > 1 && lx->closed_tag[0] == SN_TAG_NNP && t->shape == SN_SHAPE_LOWER)
        return name_particle(c, i) ? SN_TAG_NNP : lx->closed_tag[1];
    if (lx->tagw & SN_TW_SPECIAL) { /* one of the words below */
        if (tok_is(t, "that"))
            return tag_that(c, i);
        if (tok_is(t, "'s"))
            return tag_s(c, i);
        if (tok_is(t, "there"))
            return i + 1 < c->e && (word_has(c, i + 1, SN_TW_BE) || c->lex[i + 1]->best == SN_TAG_MD ||
                                    tok_is(&c->tok[i + 1], "seems") || tok_is(&c->tok[i + 1], "remain") ||
                                    tok_is(&c->tok[i + 1], "remains")) ? SN_TAG_EX : SN_TAG_RB;
        if (tok_is(t, "her"))
            return next_nounish(c, i) ? SN_TAG_PRPS : SN_TAG_PRP;
        if (tok_is(t, "'"))
            return !(t->flags & SN_TOK_SPACE_BEFORE) && i > c->b &&
                   c->tok[i - 1].norm[strlen(c->tok[i - 1].norm) - 1] == 's' ? SN_TAG_POS : SN_TAG_PUNCT;
    }
    if ((t->flags & SN_TOK_HYPHEN) && next_nounish(c, i) && i + 1 < c->e &&
        !CAN(c->lex[i + 1], SN_TAG_JJ) && t->shape == SN_SHAPE_LOWER)
        return SN_TAG_JJ;
    if (p == SN_TAG_IN && CAN(lx, SN_TAG_VBG) && !gerund_prep(c, i - 1) && i + 1 < c->e &&
        !c->lex[i + 1]->nclosed && (CAN(c->lex[i + 1], SN_TAG_NN) || CAN(c->lex[i + 1], SN_TAG_NNS)))
        return SN_TAG_NN; /* "at polling stations" */
    if ((lx->tags & (lx->tags - 1)) == 0) /* one reading only */
        return lx->best;
    /* Only the rules from here on look past adverbs, so the walk waits. */
    int64_t pk = prev_skip_rb(c, i);
    uint8_t pv = pk >= 0 ? c->tag[pk] : SN_TAG_NONE;
    if ((p == SN_TAG_DT || p == SN_TAG_PRPS || p == SN_TAG_POS || p == SN_TAG_JJ) && lx->nclosed &&
        !open_class(lx->closed_tag[0]) && (r = PICK(lx, SN_TAG_NN, SN_TAG_NNS)))
        return r; /* "the will of the people" */
    /* The noun reading is tested before the walk back in in_np: both are
     * pure, and r is set again by whichever rule returns it. */
    if ((!lx->nclosed || open_class(lx->closed_tag[0])) && (r = PICK(lx, SN_TAG_NN, SN_TAG_NNS)) &&
        in_np(c, i) && (np_ends_after(c, i) || verb_may_follow(c, i)))
        return r; /* "an al-Qaeda affiliate,", "Turkey's air force shot down" */
    if (pv == SN_TAG_CC && pk > c->b && (r = same_as_first_conjunct(c, (uint32_t)pk, lx)))
        return r; /* "shelled and then occupied" */
    if (p == SN_TAG_TO && (r = PICK(lx, SN_TAG_VB)))
        return r;
    if (pv == SN_TAG_MD && (r = PICK(lx, SN_TAG_RB, SN_TAG_RBS, SN_TAG_RBR)) && verb_follows(c, i + 1))
        return r; /* "will most likely be adopted" */
    if (pv == SN_TAG_MD && (r = PICK(lx, SN_TAG_VB)))
        return r;
    if (pk >= 0 && is_verb(pv) && word_has(c, (uint32_t)pk, SN_TW_DO) && (r = PICK(lx, SN_TAG_VB)))
        return r;
    if (pk >= 0 && is_verb(pv) && word_has(c, (uint32_t)pk, SN_TW_HAVE) && (r = PICK(lx, SN_TAG_VBN)))
        return r;
    if (pk >= 0 && is_verb(pv) && word_has(c, (uint32_t)pk, SN_TW_BE) &&
        (r = PICK(lx, SN_TAG_VBN, SN_TAG_VBG, SN_TAG_JJ)))
        return r;
    if (is_verb(p) && !word_has(c, i - 1, SN_TW_BE) && CAN(lx, SN_TAG_VBG) && word_has(c, i, SN_TW_ING))
        return SN_TAG_VBG; /* "began installing fences" */
    if (pk >= 0 && is_verb(pv) && word_has(c, (uint32_t)pk, SN_TW_LINKING) && !word_has(c, (uint32_t)pk, SN_TW_BE) &&
        (r = PICK(lx, SN_TAG_JJR, SN_TAG_JJS, SN_TAG_JJ)))
        return r; /* "grew worse", "remained tense" */
    if (is_verb(p) && CAN(lx, SN_TAG_RP) && (lx->best == SN_TAG_RP || !next_np_start(c, i)))
        return SN_TAG_RP; /* "set up", "called off the talks", but "fighting over the enclave" */
    if (lx->nclosed && !open_class(lx->closed_tag[0]))
        return lx->best;
    if (p == SN_TAG_IN && CAN(lx, SN_TAG_VBG) && i + 1 < c->e && gerund_prep(c, i - 1) &&
        (r = PICK(lx, SN_TAG_VBG)))
        return r; /* "accused of supplying weapons" */
    if (p == SN_TAG_IN && CAN(lx, SN_TAG_VBG) && i + 1 < c->e) {
        uint8_t nb = c->lex[i + 1]->best;
        if (nb == SN_TAG_DT || nb == SN_TAG_PRPS || nb == SN_TAG_JJ || nb == SN_TAG_IN || nb == SN_TAG_RB ||
            nb == SN_TAG_PRP || nb == SN_TAG_TO || c->tok[i + 1].shape == SN_SHAPE_DIGIT ||
            (capitalized(&c->tok[i + 1]) && !c->lex[i + 1]->nclosed))
            return SN_TAG_VBG; /* "after defeating David Sanakoyez" */
        if (nb == SN_TAG_NN || nb == SN_TAG_NNS || CAN(c->lex[i + 1], SN_TAG_NNS))
            return SN_TAG_NN;  /* "at polling stations" */
    }
    if (i == c->b && CAN(lx, SN_TAG_VBN) && i + 1 < c->e && c->lex[i + 1]->best == SN_TAG_IN)
        return SN_TAG_VBN;
    if (p == SN_TAG_DT || p == SN_TAG_PRPS || p == SN_TAG_POS || p == SN_TAG_JJ || p == SN_TAG_CD ||
        p == SN_TAG_PDT || p == SN_TAG_JJS || p == SN_TAG_JJR || p == SN_TAG_IN) {
        if (CAN(lx, SN_TAG_JJ) && next_nounish(c, i) && lx->cnt_adj * 2 >= lx->cnt_noun)
            return SN_TAG_JJ;
        if ((r = PICK(lx, SN_TAG_NNS, SN_TAG_NN)))
            return r;
        if (p == SN_TAG_IN && (r = PICK(lx, SN_TAG_VBG)))
            return r;
        if ((r = PICK(lx, SN_TAG_JJ, SN_TAG_VBN, SN_TAG_VBG)))
            return r;
    }
    if (time_opener(c, i))
        return SN_TAG_JJ; /* "last month", "next week" */
    if ((r = finite_or_noun(c, i, p)))
        return r == SN_TAG_VBD && i + 2 < c->e && tok_is(&c->tok[i + 1], "by") && agent_follows(c, i + 2)
                   ? SN_TAG_VBN : r; /* "signed by Russia", not "responded by cutting", "spoke by telephone" */
    if (CAN(lx, SN_TAG_JJ) && next_nounish(c, i) && lx->cnt_adj >= lx->cnt_noun && !CAN(lx, SN_TAG_NNS))
        return SN_TAG_JJ; /* "gave the president sweeping powers" */
    if (CAN(lx, SN_TAG_VBN) && (c->finite || (i + 1 < c->e && tok_is(&c->tok[i + 1], "by"))))
        return SN_TAG_VBN;
    if (CAN(lx, SN_TAG_RB) && p == SN_TAG_RB && !next_nounish(c, i))
        return SN_TAG_RB; /* "almost daily" */
    if (CAN(lx, SN_TAG_RB) && (i + 1 >= c->e || c->tok[i + 1].shape == SN_SHAPE_PUNCT) &&
        p != SN_TAG_DT && p != SN_TAG_PRPS && p != SN_TAG_POS && p != SN_TAG_IN && p != SN_TAG_JJ)
        return SN_TAG_RB; /* "grew worse overnight." */
    if (c->finite && (r = PICK(lx, SN_TAG_NNS, SN_TAG_NN)) && p != SN_TAG_CC)
        return r;
    if (CAN(lx, SN_TAG_JJ) && next_nounish(c, i) && lx->cnt_adj >= lx->cnt_noun)
        return SN_TAG_JJ;
    if (CAN(lx, SN_TAG_RB) && !next_nounish(c, i) &&
        (!(lx->tags & (VERB_TAGS | SN_TAGBIT(SN_TAG_NN))) || p == SN_TAG_RB))
        return SN_TAG_RB;
    if (i == c->b && (r = PICK(lx, SN_TAG_VB)) && lx->cnt_verb > lx->cnt_noun)
        return r;
    if (lx->best == SN_TAG_VBP && !c->finite && !is_nominal(p))
        return PICK(lx, SN_TAG_NN, SN_TAG_VB) ? PICK(lx, SN_TAG_NN, SN_TAG_VB) : lx->best;
    return lx->best;
}

static int clause_break(const ctx *c, uint32_t i)
{
    uint8_t g = c->tag[i];
    uint16_t w = c->lex[i]->word;
    return g == SN_TAG_WDT || g == SN_TAG_WP || g == SN_TAG_WRB || (w & SN_W_PAUSE) ||
           (g == SN_TAG_IN && (w & SN_W_SUBORD));
}

static const char *lemma_for(const sn_token *t, const sn_lexinfo *lx, uint8_t tag)
{
    for (int k = 0; k < lx->nclosed; k++)
        if (lx->closed_tag[k] == tag)
            return lx->lemma_closed[k] ? lx->lemma_closed[k] : t->norm;
    const char *l = NULL;
    if (tag == SN_TAG_NN)
        l = lx->lemma_noun;
    else if (tag == SN_TAG_NNS || tag == SN_TAG_NNPS)
        l = lx->lemma_plural ? lx->lemma_plural : lx->lemma_noun;
    else if (tag == SN_TAG_VB || tag == SN_TAG_VBP)
        l = lx->verb_base ? NULL : lx->lemma_verb;
    else if (is_verb(tag))
        l = lx->lemma_verb;
    else if (tag == SN_TAG_JJ)
        l = lx->lemma_adj;
    else if (tag == SN_TAG_JJR || tag == SN_TAG_JJS || tag == SN_TAG_RBR || tag == SN_TAG_RBS)
        l = lx->lemma_degree ? lx->lemma_degree : lx->lemma_adj;
    return l ? l : t->norm;
}

static int is_headline(const ctx *c)
{
    uint32_t words = 0;
    for (uint32_t i = c->b; i < c->e; i++) {
        if (c->tok[i].shape == SN_SHAPE_PUNCT || c->tok[i].shape == SN_SHAPE_DIGIT)
            continue;
        if (!capitalized(&c->tok[i]))
            return 0; /* one word in lower case is enough to say no */
        words++;
    }
    return words >= 3;
}

/* Track finite verbs per clause, and relative clauses, as tags are set. */
static void note_clause(ctx *c, uint32_t i, uint8_t g)
{
    if (is_finite(g)) {
        c->finite = c->sfinite = 1;
        if (c->rel == 1) {
            c->rel = 2;
        } else {
            c->main_finite = 1;
            c->rel = 0;
        }
        return;
    }
    if ((g == SN_TAG_WDT || g == SN_TAG_WP) && i > c->b && (is_noun(c->tag[i - 1]) || c->tag[i - 1] == SN_TAG_PUNCT))
        c->rel = 1;
    if (clause_break(c, i))
        c->finite = 0;
}

static int finite(uint8_t t)
{
    return t == SN_TAG_VBD || t == SN_TAG_VBZ || t == SN_TAG_VBP || t == SN_TAG_MD;
}

/* "Separatist fighters in eastern Ukraine tortured captured soldiers": a
 * body sentence needs a finite verb. Without one, the first word after a
 * noun that can be a past verb and has an object after it is one. */
static void find_main_verb(ctx *c)
{
    for (uint32_t i = c->b; i < c->e; i++)
        if (finite(c->tag[i]))
            return;
    for (uint32_t i = c->b + 1; i + 1 < c->e; i++) {
        uint8_t p = c->tag[i - 1], n = c->tag[i + 1];
        int after_noun = p == SN_TAG_NN || p == SN_TAG_NNS || p == SN_TAG_NNP || p == SN_TAG_NNPS;
        int object = n == SN_TAG_DT || n == SN_TAG_JJ || n == SN_TAG_NN || n == SN_TAG_NNS || n == SN_TAG_NNP ||
                     n == SN_TAG_NNPS || n == SN_TAG_CD || n == SN_TAG_VBN || n == SN_TAG_PRPS;
        if (after_noun && object && (c->tag[i] == SN_TAG_JJ || c->tag[i] == SN_TAG_VBN) && CAN(c->lex[i], SN_TAG_VBD)) {
            c->tag[i] = SN_TAG_VBD;
            if (n == SN_TAG_VBN && i + 2 < c->e && c->tag[i + 2] != SN_TAG_IN && c->tag[i + 2] != SN_TAG_TO &&
                c->tag[i + 2] != SN_TAG_PUNCT)
                c->tag[i + 1] = SN_TAG_JJ; /* "tortured captured soldiers" */
            return;
        }
    }
}

void sn_tag_sentence(sn_analyzer *a, sn_sentence *s)
{
    sn_doc *d = &a->doc;
    sn_token *tok = doc_tok(d);
    uint8_t tags_local[512];
    uint8_t *tag = tags_local - s->tok_begin;
    ctx c = {tok, doc_lex(d), tag, s->tok_begin, s->tok_end, 0, 0, 0, 0, 0};
    if (s->tok_end - s->tok_begin > sizeof tags_local)
        c.e = s->tok_begin + sizeof tags_local; /* the splitter caps sentences well below */
    c.headline = s->zone == SN_ZONE_HEADLINE || is_headline(&c);
    for (uint32_t i = c.b; i < c.e; i++) {
        uint8_t g = form_tag(&c, i);
        if (!g && capitalized(&tok[i]))
            g = proper_tag(&c, i);
        if (!g)
            g = context_tag(&c, i);
        tag[i] = g;
        note_clause(&c, i, g);
    }
    if (!c.headline)
        find_main_verb(&c);
    for (uint32_t i = c.b; i < c.e; i++) {
        tok[i].tag = tag[i];
        tok[i].lemma = lemma_for(&tok[i], c.lex[i], tag[i]);
    }
}
