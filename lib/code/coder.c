/*
 * lib/code/coder.c — events from analysed sentences.
 *
 * For each verb group of a body sentence, the dictionary's patterns for its
 * head lemma are tried on the words that follow it; the longest match
 * gives the CAMEO code and, through $T, the target. The source is the
 * verb's subject — through appositions, relative clauses, infinitive and
 * gerund complements ("agreed to sign", "denied shelling") and
 * coordination; in the passive the subject is the target and "by X" the
 * source. Noun patterns code nominal events ("clashes between X and Y").
 * modality.c then says how certain each event is and who says so, and the
 * event takes the date of the time expression in its clause, else the
 * publication date. docs/coding.md gives the rules with examples.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "code/coder.h"
#include "util/hash.h"
#include "sentinel/cameo.h"
#include "util/date.h"

#define GAP_MAX 6 /* words a "~" may skip; punctuation is free */

void sn_trace(sn_coder *c, const char *fmt, ...)
{
    if (!c->trace_fn)
        return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        c->trace_fn(c->trace_ctx, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

sn_rc sn_coder_new(sn_coder **out, const sn_dict *dict)
{
    *out = NULL;
    if (!dict)
        return SN_ERR_INVALID;
    sn_coder *c = calloc(1, sizeof *c);
    if (!c)
        return SN_ERR_NOMEM;
    c->dict = dict;
    c->flags = dict->h->flags;
    sn_vec_init(&c->events, sizeof(sn_event), 1u << 20);
    sn_vec_init(&c->event_vg, sizeof(int32_t), 1u << 20);
    sn_vec_init(&c->mentions, sizeof(sn_mention), 1u << 20);
    sn_vec_init(&c->nps, sizeof(sn_np_actor), 1u << 20);
    sn_vec_init(&c->tinfo, sizeof(sn_tokinfo), 1u << 20);
    sn_arena_init(&c->codes, (size_t)64 << 20);
    c->tcache = calloc(SN_TOKCACHE_SLOTS, sizeof *c->tcache);
    if (!c->tcache || sn_words_build(&c->words, dict)) {
        sn_coder_free(c);
        return SN_ERR_NOMEM;
    }
    *out = c;
    return SN_OK;
}

int sn_coder_set_option(sn_coder *c, const char *name, int on)
{
    static const struct { const char *name; uint32_t flag; } opts[] = {
        {"default-actors", SN_DICTF_DEFAULT_ACTORS}, {"vp-target", SN_DICTF_VP_TARGET},
        {"require-dyad", SN_DICTF_REQUIRE_DYAD}, {"anonymous-agents", SN_DICTF_ANON_AGENTS},
        {"all-agents", SN_DICTF_ALL_AGENTS}, {"code-by-sentence", SN_DICTF_CODE_SENTENCE},
        {"code-all", SN_DICTF_CODE_ALL}};
    for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
        if (!strcmp(name, opts[i].name)) {
            c->flags = on ? c->flags | opts[i].flag : c->flags & ~opts[i].flag;
            return 0;
        }
    return -1;
}

void sn_coder_set_default(sn_coder *c, const char *source, int prior, const char *target, int after)
{
    snprintf(c->def_source, sizeof c->def_source, "%s", source ? source : "");
    snprintf(c->def_target, sizeof c->def_target, "%s", target ? target : "");
    c->def_prior = prior;
    c->def_after = after;
}

void sn_coder_free(sn_coder *c)
{
    if (!c)
        return;
    sn_vec_free(&c->events);
    sn_vec_free(&c->event_vg);
    sn_vec_free(&c->mentions);
    sn_vec_free(&c->nps);
    sn_vec_free(&c->tinfo);
    sn_words_free(&c->words);
    free(c->tcache);
    sn_arena_free(&c->codes);
    free(c);
}

/* ---- the sentence's structure ---- */

static const sn_np_actor *np_of(const sent *s, int32_t k)
{
    return k >= 0 && (uint32_t)k < s->nch ? &((const sn_np_actor *)s->c->nps.p)[k] : NULL;
}

/* The largest NP chunk ending at token e, or -1. */
static int32_t np_ending(const sent *s, uint32_t e)
{
    int32_t best = -1;
    for (uint32_t k = 0; k < s->nch; k++)
        if (s->ch[k].kind == SN_CHUNK_NP && s->ch[k].tok_end == e &&
            (best < 0 || s->ch[k].tok_begin < s->ch[best].tok_begin))
            best = (int32_t)k;
    return best;
}

/* The largest NP chunk starting at token b, or -1. */
int32_t sn_np_starting(const sent *s, uint32_t b)
{
    int32_t best = -1;
    for (uint32_t k = 0; k < s->nch; k++)
        if (s->ch[k].kind == SN_CHUNK_NP && s->ch[k].tok_begin == b &&
            (best < 0 || s->ch[k].tok_end > s->ch[best].tok_end))
            best = (int32_t)k;
    return best;
}

static int32_t pp_with_object(const sent *s, int32_t np)
{
    for (uint32_t k = 0; k < s->nch; k++)
        if (s->ch[k].kind == SN_CHUNK_PP && s->ch[k].object == np)
            return (int32_t)k;
    return -1;
}

static int32_t appos_head(const sent *s, int32_t np)
{
    for (uint32_t k = 0; k < s->nch; k++)
        if (s->ch[k].appos == np)
            return (int32_t)k;
    return np;
}

/* The smallest clause holding token i. */
int32_t sn_clause_of(const sent *s, uint32_t i)
{
    int32_t best = 0;
    for (uint32_t k = 1; k < s->ncl; k++)
        if (s->cl[k].tok_begin <= i && i < s->cl[k].tok_end &&
            s->cl[k].tok_end - s->cl[k].tok_begin < s->cl[best].tok_end - s->cl[best].tok_begin)
            best = (int32_t)k;
    return best;
}

static int is_vg(const sent *s, uint32_t k)
{
    return s->ch[k].kind == SN_CHUNK_VG;
}

/* The verb group that governs an infinitive, gerund or bare second verb:
 * the nearest verb group before it. */
int32_t sn_governor(const sent *s, uint32_t vg)
{
    for (uint32_t k = vg; k-- > 0;)
        if (is_vg(s, k))
            return (int32_t)k;
    return -1;
}

int sn_complement(const sent *s, uint32_t vg)
{
    const sn_chunk *v = &s->ch[vg];
    if (v->vflags & (SN_VG_INFINITIVE | SN_VG_GERUND))
        return 1;
    return (v->vflags & SN_VG_PARTICIPLE) && s->tok[v->head].tag == SN_TAG_VBG && vg > 0 &&
           s->ch[vg - 1].kind == SN_CHUNK_VG && s->ch[vg - 1].tok_end == v->tok_begin;
}

int32_t sn_first_conjunct(const sent *s, int32_t np)
{
    for (int moved = 1; moved && np >= 0;) {
        moved = 0;
        for (uint32_t k = 0; k < s->nch; k++)
            if (s->ch[k].coord == np) {
                np = (int32_t)k;
                moved = 1;
                break;
            }
    }
    return np;
}

/* The subject NP of verb group vg, or -1. */
int32_t sn_subject(const sent *s, uint32_t vg, int depth)
{
    const sn_chunk *v = &s->ch[vg];
    uint32_t e = v->tok_begin;
    while (e > s->b && (s->tok[e - 1].tag == SN_TAG_RB || !strcmp(s->tok[e - 1].norm, ",")))
        e--;
    /* "accused Russian troops of shelling": the accused did the shelling. */
    if ((v->vflags & SN_VG_GERUND) && v->tok_begin > s->b + 1) {
        int32_t obj = np_ending(s, v->tok_begin - 1);
        int32_t gov = sn_governor(s, vg);
        if (obj >= 0 && gov >= 0 && s->ch[obj].tok_begin == s->ch[gov].tok_end)
            return obj;
    }
    /* "The Russian jets, which took off from the base, bombed": past the
     * relative clause to its antecedent. */
    for (uint32_t k = 1; k < s->ncl && e > s->b; k++)
        if (s->cl[k].kind == SN_CLAUSE_RELATIVE && s->cl[k].tok_end == e && s->cl[k].cue > (int32_t)s->b) {
            e = (uint32_t)s->cl[k].cue;
            while (e > s->b && !strcmp(s->tok[e - 1].norm, ","))
                e--;
            break;
        }
    int32_t np = sn_complement(s, vg) ? -1 : np_ending(s, e);
    if (np >= 0) {
        /* "Clashes between Armenian and Azerbaijani troops killed": from a
         * conjunct back to the first, then out of its PP. */
        np = sn_first_conjunct(s, np);
        for (int32_t pp; (pp = pp_with_object(s, np)) >= 0;) {
            int32_t before = np_ending(s, s->ch[pp].tok_begin);
            if (before < 0)
                break;
            np = before; /* "officials in Gaza said" */
        }
        return appos_head(s, np);
    }
    int32_t cl = sn_clause_of(s, v->tok_begin);
    if (cl > 0 && s->cl[cl].kind == SN_CLAUSE_RELATIVE && s->cl[cl].cue >= 0) {
        uint32_t w = (uint32_t)s->cl[cl].cue;
        if (w > s->b && !strcmp(s->tok[w - 1].norm, ","))
            w--;
        int32_t ante = np_ending(s, w);
        if (ante >= 0)
            return appos_head(s, ante);
    }
    int32_t gov = depth < 4 ? sn_governor(s, vg) : -1;
    if (gov >= 0)
        return sn_subject(s, (uint32_t)gov, depth + 1);
    /* "After fighting a war with Georgia, Russia recognized ...": an
     * opening participle clause shares the main clause's subject. */
    for (uint32_t k = vg + 1; k < s->nch && depth < 4; k++)
        if (s->ch[k].kind == SN_CHUNK_VG && !(s->ch[k].vflags & (SN_VG_INFINITIVE | SN_VG_GERUND | SN_VG_PARTICIPLE)))
            return sn_subject(s, k, depth + 1);
    return -1;
}

/* ---- pattern matching ---- */

/* Is token t one of el's words, by string: the path past the token-info
 * cap. */
static int elem_word_str(const sn_dict *d, const sn_img_elem *el, const sn_token *t)
{
    /* The first two bytes settle almost every alternative: compare them
     * before calling strcmp. */
    const char l0 = t->lemma[0], n0 = t->norm[0];
    const uint32_t *alt = d->alts + el->alt_first;
    for (uint8_t a = 0; a < el->nalt; a++) {
        const char *w = sn_dict_str(d, alt[a]);
        if ((w[0] == l0 && (!l0 || (w[1] == t->lemma[1] && !strcmp(t->lemma, w)))) ||
            (w[0] == n0 && (!n0 || (w[1] == t->norm[1] && !strcmp(t->norm, w)))))
            return 1;
    }
    return 0;
}

/* Is token j (of the sentence) one of el's words, its lemma or its norm?
 * The word index (words.c) gives equal words equal ids, so comparing ids
 * is comparing the strings; a token whose pattern-word bits miss the
 * element's filter equals none of its words. */
static int elem_word(const sent *s, const sn_img_elem *el, uint32_t j)
{
    const sn_coder *c = s->c;
    if (j - s->b >= c->tinfo.n)
        return elem_word_str(c->dict, el, &s->tok[j]);
    const sn_tokinfo *t = &((const sn_tokinfo *)c->tinfo.p)[j - s->b];
    if (!(t->bits & el->bloom))
        return 0;
    const uint32_t *id = c->words.alt_id + el->alt_first;
    for (uint8_t a = 0; a < el->nalt; a++)
        if (id[a] == t->nid || id[a] == t->lid)
            return 1;
    return 0;
}

/* Match elements [ei, n) of p at token i (active voice). */
static int match_from(const sent *s, const sn_img_pat *p, uint32_t ei, uint32_t i, uint32_t limit, match *m)
{
    const sn_dict *d = s->c->dict;
    if (ei == p->nelem) {
        m->end = i;
        return 1;
    }
    const sn_img_elem *el = &d->elems[p->elem_first + ei];
    switch (el->type) {
    case SN_EL_GAP: {
        /* A word after the gap is tested here, so that only the positions
         * where it stands go on to the rest of the pattern. */
        const sn_img_elem *next = ei + 1 < p->nelem ? el + 1 : NULL;
        int word_next = next && next->type == SN_EL_WORD;
        for (uint32_t j = i, words = 0; j <= limit && words <= GAP_MAX; j++) {
            if ((!word_next || (j < limit && elem_word(s, next, j))) && match_from(s, p, ei + 1, j, limit, m))
                return 1;
            if (j < limit && s->tok[j].tag != SN_TAG_PUNCT)
                words++;
        }
        return 0;
    }
    case SN_EL_WORD:
        if (i < limit && elem_word(s, el, i) && match_from(s, p, ei + 1, i + 1, limit, m)) {
            m->score++;
            return 1;
        }
        return 0;
    default: {
        int32_t np = i < limit ? sn_np_starting(s, i) : -1;
        if (np < 0 || !np_of(s, np)->found)
            return 0;
        if (!match_from(s, p, ei + 1, s->ch[np].tok_end, limit, m))
            return 0;
        if (el->type == SN_EL_TARGET)
            m->target = np;
        else if (el->type == SN_EL_SOURCE)
            m->source = np;
        /* SN_EL_SKIP: TABARI's ^, an actor the pattern passes over */
        m->score++;
        return 1;
    }
    }
}

/* In the passive the object is the subject: the pattern's words may stand
 * anywhere in the clause; a $T after a word is the noun phrase that follows
 * it ("sanctions were adopted against Putin"), a leading $T the subject. */
static int match_passive(const sent *s, const sn_img_pat *p, uint32_t b, uint32_t limit, match *m)
{
    const sn_dict *d = s->c->dict;
    uint32_t after = UINT32_MAX; /* the token after the last word matched */
    for (uint8_t k = p->npre; k < p->nelem; k++) {
        const sn_img_elem *el = &d->elems[p->elem_first + k];
        if (el->type == SN_EL_TARGET && after != UINT32_MAX) {
            int32_t np = sn_np_starting(s, after);
            if (np < 0 || !np_of(s, np)->found)
                return 0;
            m->target = np;
            m->score++;
        }
        if (el->type != SN_EL_WORD)
            continue;
        uint32_t i = b;
        while (i < limit && !elem_word(s, el, i))
            i++;
        if (i == limit)
            return 0;
        after = i + 1;
        m->score++;
    }
    m->end = limit;
    return 1;
}

/* The words a pattern wants before the verb, in order, in [b, e). */
static int match_before(const sent *s, const sn_img_pat *p, uint32_t b, uint32_t e, int *score, match *m)
{
    const sn_dict *d = s->c->dict;
    uint32_t j = b;
    for (uint8_t k = 0; k < p->npre; k++) {
        const sn_img_elem *el = &d->elems[p->elem_first + k];
        if (el->type == SN_EL_GAP)
            continue;
        if (el->type == SN_EL_WORD) {
            while (j < e && !elem_word(s, el, j))
                j++;
            if (j == e)
                return 0;
            j++;
        } else { /* an actor before the verb: TABARI's "- + WAS * BY $" */
            int32_t np = -1;
            for (; j < e && np < 0; j++) {
                int32_t c = sn_np_starting(s, j);
                if (c >= 0 && np_of(s, c)->found)
                    np = c;
            }
            if (np < 0)
                return 0;
            j = s->ch[np].tok_end;
            if (el->type == SN_EL_TARGET)
                m->target = np;
            else if (el->type == SN_EL_SOURCE)
                m->source = np;
        }
        (*score)++;
    }
    return 1;
}

/* Can p match, by the word filters of the tokens before the verb (in its
 * clause) and after it? Settles most patterns without matching. */
static int words_possible(const sn_dict *d, const sn_img_pat *p, uint32_t before, uint32_t after, int passive)
{
    if (passive)
        before = after = before | after; /* the passive looks through the whole clause */
    if ((p->need & ~after) || (p->need_pre & ~before))
        return 0;
    for (uint8_t k = 0; k < p->nelem; k++) {
        const sn_img_elem *el = &d->elems[p->elem_first + k];
        if (el->type == SN_EL_WORD && !(el->bloom & (k < p->npre ? before : after)))
            return 0;
    }
    return 1;
}

/* The words a pattern may match, as filters: the pattern-word bits of
 * tokens [b, from) before the verb and [from, limit) after it. A pattern
 * with a word absent from them cannot match, and most are settled so. A
 * token past the token-info cap passes everything. */
static void word_filters(const sent *s, uint32_t b, uint32_t from, uint32_t limit, uint32_t *before,
                         uint32_t *after)
{
    const sn_tokinfo *ti = s->c->tinfo.p;
    size_t n = s->c->tinfo.n;
    uint32_t bw = 0, af = 0;
    for (uint32_t j = b; j < limit; j++) {
        uint32_t bits = j >= s->b && j - s->b < n ? ti[j - s->b].bits : ~0u;
        if (j < from)
            bw |= bits;
        else
            af |= bits;
    }
    *before = bw;
    *after = af;
}

/* Is $T the pattern's direct object ("recognize $T"), which the passive
 * turns into the subject? */
static int object_slot(const sn_dict *d, const sn_img_pat *p)
{
    for (uint8_t k = p->npre; k < p->nelem; k++) {
        uint8_t t = d->elems[p->elem_first + k].type;
        if (t == SN_EL_TARGET)
            return 1;
        if (t != SN_EL_GAP)
            return 0;
    }
    return 0;
}

/* The best pattern for head lemma `head` after token `from`; NULL if none.
 * In the passive a pattern matches as in the active when it can ("were
 * adopted against Putin"); a direct-object pattern matches its words
 * anywhere in the clause, and m->target is left for the subject. */
/* sn_hash(head): the token info has it when head is token at's norm or
 * lemma (the same string, so the same hash). */
static uint32_t head_hash(const sent *s, const char *head, uint32_t at)
{
    if (at >= s->b && at - s->b < s->c->tinfo.n) {
        const sn_tokinfo *t = &((const sn_tokinfo *)s->c->tinfo.p)[at - s->b];
        if (head == s->tok[at].norm)
            return t->hnorm;
        if (head == s->tok[at].lemma)
            return t->hlemma;
    }
    return sn_hash(head, strlen(head));
}

const sn_img_pat *sn_best_pattern(const sent *s, const char *head, uint32_t head_tok, uint8_t kind, uint32_t from,
                                  uint32_t limit, int passive, uint32_t clause_b, match *best)
{
    const sn_dict *d = s->c->dict;
    const sn_img_pat *win = NULL;
    if (kind == SN_PAT_NOUN && !d->h->nnoun)
        return NULL;
    uint32_t before = 0, after = 0;
    int filtered = 0;
    /* The head itself, then its prefixes when the image has stem heads
     * (without them the loop runs once and needs no copy of the head). */
    int stems = d->h->nstempat && kind == SN_PAT_VERB;
    char key[64];
    size_t kl = 0;
    if (stems) {
        size_t hl = strlen(head);
        kl = hl < sizeof key ? hl : 0;
        if (kl)
            memcpy(key, head, kl + 1);
    }
    for (size_t probe = 0; probe == 0 || (stems && kl > 2 && --kl >= 2); probe++) {
        uint32_t same_head = UINT32_MAX;
        if (probe)
            key[kl] = '\0';
        const char *k0 = probe ? key : head;
        uint32_t r = probe ? sn_dict_lookup(d, &d->h->pat_index, k0)
                           : sn_dict_lookup_hash(d, &d->h->pat_index, head_hash(s, head, head_tok));
        for (; r; r = d->pats[r - 1].next) {
            const sn_img_pat *p = &d->pats[r - 1];
            const char *ph = sn_dict_str(d, p->head);
            if (p->kind != kind || (probe && !(p->flags & SN_PATF_STEM)) ||
                ((p->flags & SN_PATF_COMPOUND) && !s->compound_subject))
                continue;
            if (p->head != same_head) { /* patterns of one verb share their head's string */
                if (strcmp(ph, k0))
                    continue;
                same_head = p->head;
            }
            if (!filtered) { /* once per call, and only when a pattern of the head is found */
                word_filters(s, clause_b < from ? clause_b : from, from, limit, &before, &after);
                filtered = 1;
            }
            if (!words_possible(d, p, before, after, passive))
                continue; /* its words are absent: no match, and no trace */
            match m = {-1, -1, 0, 0, 0}, pm = {-1, -1, 0, 0, 0};
            int pre = 0;
            if (p->npre && !match_before(s, p, clause_b < from ? clause_b : from, from, &pre, &pm))
                continue;
            int ok = match_from(s, p, p->npre, from, limit, &m);
            if (!ok && passive) {
                m = (match){-1, -1, 0, 0, object_slot(d, p)};
                ok = match_passive(s, p, clause_b, limit, &m);
            }
            m.score += pre;
            if (pm.target >= 0)
                m.target = pm.target, m.subject_is_target = 0;
            if (pm.source >= 0)
                m.source = pm.source;
            sn_trace(s->c, "    pattern %s %s (line %u): %s\n", sn_dict_str(d, p->code), ph, p->line,
                     ok ? "matches" : "no match");
            if (ok && (!win || m.score > best->score)) {
                win = p;
                *best = m;
            }
        }
        if (!kl)
            break;
    }
    return win;
}
