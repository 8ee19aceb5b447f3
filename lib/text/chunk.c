/*
 * lib/text/chunk.c — shallow syntax over tagged tokens: noun phrases (with
 * possessors, coordination and appositions), verb groups (auxiliaries,
 * modals, negation, tense, aspect and voice) and prepositional phrases.
 *
 * A verb group runs from its first auxiliary or modal to its main verb,
 * taking adverbs and negation in between: "will not sign", "has been
 * shelled", "to be signed". A noun phrase runs from a determiner or
 * possessor through numbers, adjectives and nouns to its head: "the 25
 * years treaty", "Georgia's interior ministry" (whose possessor "Georgia"
 * is a chunk of its own). A PP is a preposition and its object NP.
 */
#include <string.h>
#include "text/internal.h"

typedef struct cx {
    sn_doc *d;
    const sn_token *tok;
    uint32_t b, e;
} cx;

static uint8_t tg(const cx *c, uint32_t i)
{
    return i < c->e ? c->tok[i].tag : SN_TAG_NONE;
}

static int is_aux_lemma(const char *l)
{
    switch (l[0]) { /* the first byte picks the one candidate */
    case 'b': return !strcmp(l, "be");
    case 'h': return !strcmp(l, "have");
    case 'd': return !strcmp(l, "do");
    case 'g': return !strcmp(l, "get");
    }
    return 0;
}

static int is_verb_tag(uint8_t t)
{
    return t >= SN_TAG_VB && t <= SN_TAG_VBZ;
}

static int is_neg(const sn_token *t)
{
    return tok_is(t, "not") || tok_is(t, "n't") || tok_is(t, "never");
}

static sn_chunk *new_chunk(cx *c, uint8_t kind, uint32_t b, uint32_t e, int32_t *index)
{
    sn_vec *v = &c->d->chunks;
    /* A plain store while there is room (sn_vec_push grows the vector and
     * keeps its cap); every field is set below, as the push would zero it. */
    sn_chunk *k = v->n < v->alloc ? (sn_chunk *)v->p + v->n++ : sn_vec_push(v);
    if (!k)
        return NULL;
    *index = (int32_t)(v->n - 1);
    k->tok_begin = b;
    k->tok_end = e;
    k->head = e - 1;
    k->kind = kind;
    k->tense = k->aspect = k->voice = 0;
    k->vflags = 0;
    k->modal = k->poss = k->coord = k->appos = k->object = -1;
    return k;
}

/* The end of a verb chain starting at i (0 when none starts there). */
static uint32_t chain_end(const cx *c, uint32_t i)
{
    uint32_t last = 0;
    while (i < c->e) {
        uint8_t t = tg(c, i);
        if (t == SN_TAG_MD || is_verb_tag(t)) {
            last = i + 1;
            if (t != SN_TAG_MD && !is_aux_lemma(c->tok[i].lemma))
                break;
            i++;
        } else if ((t == SN_TAG_RB || t == SN_TAG_RBR || t == SN_TAG_RBS) && last) {
            i++;
        } else {
            break;
        }
    }
    return last;
}

static uint8_t modal_tense(const sn_token *m)
{
    const char *l = m->lemma;
    if (!strcmp(l, "will") || !strcmp(l, "shall"))
        return SN_TENSE_FUTURE;
    if (!strcmp(l, "would") || !strcmp(l, "could") || !strcmp(l, "might") || !strcmp(l, "'d"))
        return SN_TENSE_PAST;
    return SN_TENSE_PRESENT;
}

static void vg_features(const cx *c, sn_chunk *k)
{
    int perfect = 0, progressive = 0;
    int32_t prev_aux = -1;
    k->tense = SN_TENSE_NONE;
    for (uint32_t i = k->tok_begin; i < k->tok_end; i++) {
        const sn_token *t = &c->tok[i];
        if (is_neg(t))
            k->vflags |= SN_VG_NEG;
        if (t->tag == SN_TAG_TO) {
            k->vflags |= SN_VG_INFINITIVE;
            continue;
        }
        if (t->tag == SN_TAG_MD) {
            if (k->modal < 0) {
                k->modal = (int32_t)i;
                if (!(k->vflags & SN_VG_INFINITIVE))
                    k->tense = modal_tense(t);
            }
            continue;
        }
        if (!is_verb_tag(t->tag))
            continue;
        if (k->tense == SN_TENSE_NONE && k->modal < 0 && !(k->vflags & SN_VG_INFINITIVE))
            k->tense = t->tag == SN_TAG_VBD ? SN_TENSE_PAST
                       : (t->tag == SN_TAG_VBZ || t->tag == SN_TAG_VBP || t->tag == SN_TAG_VB)
                           ? SN_TENSE_PRESENT : SN_TENSE_NONE;
        if (prev_aux >= 0) {
            const char *al = c->tok[prev_aux].lemma;
            if (!strcmp(al, "have") && t->tag == SN_TAG_VBN)
                perfect = 1;
            else if (!strcmp(al, "be") && t->tag == SN_TAG_VBG)
                progressive = 1;
            else if ((!strcmp(al, "be") || !strcmp(al, "get")) && t->tag == SN_TAG_VBN)
                k->voice = SN_VOICE_PASSIVE;
        }
        k->head = i;
        prev_aux = is_aux_lemma(t->lemma) ? (int32_t)i : -1;
    }
    k->aspect = perfect && progressive ? SN_ASPECT_PERFECT_PROGRESSIVE
                : perfect ? SN_ASPECT_PERFECT : progressive ? SN_ASPECT_PROGRESSIVE : SN_ASPECT_SIMPLE;
    uint8_t first = c->tok[k->tok_begin].tag;
    if (k->tok_end - k->tok_begin == 1 && (first == SN_TAG_VBG || first == SN_TAG_VBN)) {
        uint8_t p = k->tok_begin > c->b ? c->tok[k->tok_begin - 1].tag : SN_TAG_NONE;
        k->vflags |= first == SN_TAG_VBG && p == SN_TAG_IN ? SN_VG_GERUND : SN_VG_PARTICIPLE;
        if (first == SN_TAG_VBN && p != SN_TAG_IN)
            k->voice = SN_VOICE_PASSIVE;
    }
}

static int np_start_tag(uint8_t t)
{
    switch (t) {
    case SN_TAG_DT: case SN_TAG_PDT: case SN_TAG_PRPS: case SN_TAG_CD: case SN_TAG_JJ:
    case SN_TAG_JJR: case SN_TAG_JJS: case SN_TAG_NN: case SN_TAG_NNS: case SN_TAG_NNP:
    case SN_TAG_NNPS: case SN_TAG_PRP: case SN_TAG_SYM: case SN_TAG_EX:
        return 1;
    }
    return 0;
}

static int np_inner_tag(uint8_t t)
{
    return t == SN_TAG_CD || t == SN_TAG_JJ || t == SN_TAG_JJR || t == SN_TAG_JJS || t == SN_TAG_FW ||
           t == SN_TAG_NN || t == SN_TAG_NNS || t == SN_TAG_NNP || t == SN_TAG_NNPS;
}

static int nominal_head(uint8_t t)
{
    return t == SN_TAG_NN || t == SN_TAG_NNS || t == SN_TAG_NNP || t == SN_TAG_NNPS ||
           t == SN_TAG_CD || t == SN_TAG_PRP || t == SN_TAG_EX;
}

static int is_noun_tag(uint8_t t)
{
    return t == SN_TAG_NN || t == SN_TAG_NNS || t == SN_TAG_NNP || t == SN_TAG_NNPS;
}

/* "last month", "next week", "this year": a time phrase of its own. */
static int starts_time(const cx *c, uint32_t i)
{
    static const char *const units[] = {"week", "month", "year", "day", "night", "weekend", "spring",
                                        "summer", "autumn", "fall", "winter", "decade", "century"};
    const sn_token *t = &c->tok[i];
    if (!(tok_is(t, "last") || tok_is(t, "next") || tok_is(t, "this") || tok_is(t, "every")) || i + 1 >= c->e)
        return 0;
    for (size_t k = 0; k < sizeof units / sizeof *units; k++)
        if (tok_is(&c->tok[i + 1], units[k]) || c->tok[i + 1].tag == SN_TAG_NNP)
            return 1;
    return 0;
}

/* "deputy prime minister": an adjective between two singular nouns
 * continues a title; before a plural ("the president | sweeping powers")
 * it starts a new phrase. */
static int title_compound(const cx *c, uint32_t i)
{
    return tg(c, i) == SN_TAG_JJ && tg(c, i - 1) == SN_TAG_NN && tg(c, i + 1) == SN_TAG_NN;
}

/* Modifiers and nouns from i; participles count when a noun follows. Once
 * a noun has been seen, a modifier starts a new phrase: "gave the president
 * | sweeping powers", "the Dominican Republic | last month". */
static uint32_t np_body(const cx *c, uint32_t i)
{
    uint8_t last_noun = 0;
    while (i < c->e) {
        uint8_t t = tg(c, i);
        if (last_noun && !is_noun_tag(t) &&
            (((last_noun == SN_TAG_NN || last_noun == SN_TAG_NNS) && !title_compound(c, i)) || starts_time(c, i)))
            break;
        if (is_noun_tag(t))
            last_noun = t;
        if (np_inner_tag(t) || (t == SN_TAG_SYM && tg(c, i + 1) == SN_TAG_CD)) {
            i++;
        } else if ((t == SN_TAG_VBN || t == SN_TAG_VBG) && np_inner_tag(tg(c, i + 1)) &&
                   i > c->b && (tg(c, i - 1) == SN_TAG_DT || tg(c, i - 1) == SN_TAG_PRPS ||
                                tg(c, i - 1) == SN_TAG_JJ || tg(c, i - 1) == SN_TAG_POS ||
                                tg(c, i - 1) == SN_TAG_CD)) { /* "three seized navy ships" */
            i++;
        } else {
            break;
        }
    }
    return i;
}

/* The end of a base NP starting at i, or i when none. */
static uint32_t np_end(const cx *c, uint32_t i)
{
    uint8_t t = tg(c, i);
    if (!np_start_tag(t))
        return i;
    if (t == SN_TAG_PRP || t == SN_TAG_EX)
        return i + 1;
    uint32_t j = i;
    if (t == SN_TAG_PDT)
        j++;
    if (tg(c, j) == SN_TAG_DT || tg(c, j) == SN_TAG_PRPS)
        j++;
    uint32_t k = np_body(c, j);
    if (k == j) /* a pronominal determiner: "this", "those" */
        return tg(c, i) == SN_TAG_DT && k == i + 1 && !tok_is(&c->tok[i], "the") &&
               !tok_is(&c->tok[i], "a") && !tok_is(&c->tok[i], "an") ? k : i;
    /* Trim trailing adjectives that head nothing: "the border" ok; "is ready" handled elsewhere. */
    return k;
}

static uint32_t head_of(const cx *c, uint32_t b, uint32_t e)
{
    for (uint32_t i = e; i > b; i--)
        if (nominal_head(tg(c, i - 1)))
            return i - 1;
    return e - 1;
}

/* An NP with possessors: "Georgia's interior ministry", whose base NP
 * ends at e = np_end(c, i). Returns its end. */
static sn_rc noun_phrase_to(cx *c, uint32_t i, uint32_t e, uint32_t *end, int32_t *out)
{
    int32_t idx = -1, poss = -1;
    sn_chunk *k;
    while (e > i && tg(c, e) == SN_TAG_POS) {
        uint32_t e2 = np_body(c, e + 1);
        if (e2 == e + 1)
            break;
        if (!(k = new_chunk(c, SN_CHUNK_NP, i, e, &poss)))
            return SN_ERR_TOOBIG;
        k->head = head_of(c, i, e);
        e = e2;
    }
    if (e == i) {
        *end = i;
        *out = -1;
        return SN_OK;
    }
    if (!(k = new_chunk(c, SN_CHUNK_NP, i, e, &idx)))
        return SN_ERR_TOOBIG;
    k->head = head_of(c, i, e);
    k->poss = poss;
    *end = e;
    *out = idx;
    return SN_OK;
}

static sn_rc noun_phrase(cx *c, uint32_t i, uint32_t *end, int32_t *out)
{
    return noun_phrase_to(c, i, np_end(c, i), end, out);
}

static sn_rc verb_group(cx *c, uint32_t i, uint32_t *end)
{
    uint32_t b = i;
    if (tg(c, i) == SN_TAG_TO) {
        uint32_t j = i + 1;
        while (tg(c, j) == SN_TAG_RB)
            j++;
        if (tg(c, j) != SN_TAG_VB) {
            *end = i;
            return SN_OK;
        }
        i = j;
    }
    uint32_t e = chain_end(c, i);
    if (!e) {
        *end = b;
        return SN_OK;
    }
    int32_t idx;
    sn_chunk *k = new_chunk(c, SN_CHUNK_VG, b, e, &idx);
    if (!k)
        return SN_ERR_TOOBIG;
    vg_features(c, k);
    *end = e;
    return SN_OK;
}

/* Words tagged IN that join clauses, not noun phrases. */
/* that if unless whether because although though while whereas once:
 * marked per word by the lexical cache (SN_W_SUBORDINATOR). */
static int subordinator(const cx *c, uint32_t i)
{
    return (doc_lex(c->d)[i]->word & SN_W_SUBORDINATOR) != 0;
}

/* Prepositions that also open clauses: "since the government cut ...". */
/* since after before until till as like (SN_W_CLAUSE_PREP). */
static int clause_prep(const cx *c, uint32_t i)
{
    return (doc_lex(c->d)[i]->word & SN_W_CLAUSE_PREP) != 0;
}

static int finite_tag(uint8_t t)
{
    return t == SN_TAG_MD || t == SN_TAG_VBD || t == SN_TAG_VBZ || t == SN_TAG_VBP;
}

static sn_rc prep_phrase(cx *c, uint32_t i, uint32_t *end)
{
    uint32_t j = i + 1;
    uint32_t e = np_end(c, j);
    /* "since the government cut subsidies": a clause, not a PP. */
    if (!np_start_tag(tg(c, j)) || e == j || subordinator(c, i) ||
        (finite_tag(tg(c, e)) && clause_prep(c, i))) {
        *end = i;
        return SN_OK;
    }
    int32_t pp;
    sn_chunk *k = new_chunk(c, SN_CHUNK_PP, i, j, &pp);
    if (!k)
        return SN_ERR_TOOBIG;
    k->head = i;
    int32_t np;
    sn_rc rc = noun_phrase_to(c, j, e, end, &np); /* e: np_end(c, j), found above */
    if (rc)
        return rc;
    k = &doc_chunk(c->d)[pp];
    k->object = np;
    k->tok_end = *end;
    return SN_OK;
}

/* Is the span between two NPs exactly one comma? */
static int is_comma_gap(const cx *c, uint32_t from, uint32_t to)
{
    return to - from == 1 && tok_is(&c->tok[from], ",");
}

static int is_cc_gap(const cx *c, uint32_t from, uint32_t to)
{
    return (to - from == 1 && c->tok[from].tag == SN_TAG_CC) ||
           (to - from == 2 && tok_is(&c->tok[from], ",") && c->tok[from + 1].tag == SN_TAG_CC);
}

static int after_according(const cx *c, uint32_t b)
{
    return b >= c->b + 2 && tok_is(&c->tok[b - 1], "to") && tok_is(&c->tok[b - 2], "according");
}

/* Top-level NPs of the sentence in order (possessors excluded). */
static uint32_t list_nps(const cx *c, uint32_t first, uint32_t *np, uint32_t cap)
{
    const sn_chunk *k = doc_chunk(c->d);
    uint32_t n = 0;
    for (uint32_t i = first; i < c->d->chunks.n && n < cap; i++) {
        if (k[i].kind != SN_CHUNK_NP)
            continue;
        if (n && k[np[n - 1]].tok_begin == k[i].tok_begin)
            n--; /* a possessor is followed by its full NP */
        np[n++] = i;
    }
    return n;
}

/* Link conjuncts ("Russia, Georgia and Armenia") and appositions. */
static void link_nps(cx *c, uint32_t first)
{
    uint32_t np[512];
    uint32_t n = list_nps(c, first, np, 512);
    sn_chunk *k = doc_chunk(c->d);
    for (uint32_t a = 0; a + 1 < n; a++) {
        sn_chunk *x = &k[np[a]], *y = &k[np[a + 1]];
        if (is_cc_gap(c, x->tok_end, y->tok_begin)) {
            x->coord = (int32_t)np[a + 1];
            continue;
        }
        if (!is_comma_gap(c, x->tok_end, y->tok_begin) || after_according(c, x->tok_begin))
            continue; /* "According to the Kremlin, Russia and ..." is no list */
        /* A comma list is coordination when it ends in "and"/"or". */
        uint32_t z = a + 1;
        while (z + 1 < n && is_comma_gap(c, k[np[z]].tok_end, k[np[z + 1]].tok_begin))
            z++;
        if (z + 1 < n && is_cc_gap(c, k[np[z]].tok_end, k[np[z + 1]].tok_begin)) {
            x->coord = (int32_t)np[a + 1];
            continue;
        }
        uint8_t yh = c->tok[y->head].tag, xh = c->tok[x->head].tag;
        uint8_t y0 = c->tok[y->tok_begin].tag;
        int y_common = yh == SN_TAG_NN || yh == SN_TAG_NNS || y0 == SN_TAG_DT || y0 == SN_TAG_PRPS;
        int x_proper = xh == SN_TAG_NNP || xh == SN_TAG_NNPS;
        int closes = y->tok_end >= c->e || tok_is(&c->tok[y->tok_end], ",") ||
                     c->tok[y->tok_end].tag == SN_TAG_IN || c->tok[y->tok_end].tag == SN_TAG_PUNCT;
        /* "The governor, a former army officer, ..." */
        int indefinite = tok_is(&c->tok[y->tok_begin], "a") || tok_is(&c->tok[y->tok_begin], "an");
        if (closes && xh != SN_TAG_PRP &&
            ((x_proper && y_common) || (!x_proper && (yh == SN_TAG_NNP || yh == SN_TAG_NNPS)) || indefinite))
            x->appos = (int32_t)np[a + 1];
    }
}

/* Links between chunks count from the sentence's first chunk. */
static void relink(int32_t *link, uint32_t first)
{
    if (*link >= 0)
        *link -= (int32_t)first;
}

static void relativize(sn_doc *d, uint32_t first)
{
    sn_chunk *k = doc_chunk(d);
    for (uint32_t i = first; i < d->chunks.n; i++) {
        relink(&k[i].poss, first);
        relink(&k[i].coord, first);
        relink(&k[i].appos, first);
        relink(&k[i].object, first);
    }
}

static int vg_start(const cx *c, uint32_t i)
{
    uint8_t t = tg(c, i);
    return t == SN_TAG_MD || is_verb_tag(t) || t == SN_TAG_TO;
}

/* "will approve the referendum and recognise the outcome": a bare verb
 * after "and"/"or" shares the modal, tense and negation of the verb group
 * before it. */
static void share_auxiliaries(const cx *c, uint32_t first)
{
    sn_chunk *ch = (sn_chunk *)c->d->chunks.p;
    int32_t prev = -1;
    for (uint32_t k = first; k < c->d->chunks.n; k++) {
        if (ch[k].kind != SN_CHUNK_VG)
            continue;
        sn_chunk *v = &ch[k];
        uint32_t b = v->tok_begin;
        if (prev >= 0 && v->tok_end - b == 1 && c->tok[b].tag == SN_TAG_VB && b > c->b &&
            c->tok[b - 1].tag == SN_TAG_CC && ch[prev].modal >= 0) {
            v->modal = ch[prev].modal;
            v->tense = ch[prev].tense;
            v->vflags |= ch[prev].vflags & SN_VG_NEG;
        }
        prev = (int32_t)k;
    }
}

sn_rc sn_chunk_sentence(sn_analyzer *a, uint32_t si)
{
    sn_doc *d = &a->doc;
    const sn_sentence *s = &doc_sent(d)[si];
    cx c = {d, doc_tok(d), s->tok_begin, s->tok_end};
    uint32_t first = (uint32_t)d->chunks.n, i = c.b;
    sn_rc rc = SN_OK;
    while (i < c.e && !rc) {
        uint8_t t = tg(&c, i);
        uint32_t end = i;
        int32_t np;
        if (vg_start(&c, i))
            rc = verb_group(&c, i, &end);
        if (!rc && end == i && (t == SN_TAG_IN || t == SN_TAG_TO))
            rc = prep_phrase(&c, i, &end);
        if (!rc && end == i && np_start_tag(t))
            rc = noun_phrase(&c, i, &end, &np);
        i = end > i ? end : i + 1;
    }
    if (rc)
        return rc;
    link_nps(&c, first);
    share_auxiliaries(&c, first);
    relativize(d, first);
    sn_range *r = sn_vec_push(&d->chunk_rng);
    if (!r)
        return SN_ERR_TOOBIG;
    r->first = first;
    r->n = (uint32_t)d->chunks.n - first;
    return SN_OK;
}
