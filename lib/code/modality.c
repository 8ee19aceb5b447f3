/*
 * lib/code/modality.c — how certain an event is, and who says so.
 *
 * Evidence is gathered from the verb group itself (negation, modals), the
 * verb that governs it ("denied shelling", "plans to sign", "threatened to
 * strike"), the clauses around it (an "if" clause; reported speech, whose
 * speaker becomes the attribution and whose verb may make it a claim or a
 * denial), and cue words of the dictionary in its clause ("likely",
 * "reportedly"). The strongest reading wins, in this order:
 * denied > negated > conditional > threatened > demanded > claimed >
 * speculative > intended > future > asserted. A hedged, negated or denied
 * action is never asserted. docs/coding.md has the rules with examples.
 */
#include <string.h>
#include "code/coder.h"

static const char *const names[SN_MOD__COUNT] = {
    "asserted", "future", "intended", "conditional", "speculative",
    "negated", "denied", "threatened", "demanded", "claimed",
};

/* Strength of each modality when several apply. */
static const uint8_t rank[SN_MOD__COUNT] = {
    [SN_MOD_ASSERTED] = 0, [SN_MOD_FUTURE] = 1, [SN_MOD_INTENDED] = 2, [SN_MOD_SPECULATIVE] = 3,
    [SN_MOD_CLAIMED] = 4, [SN_MOD_DEMANDED] = 5, [SN_MOD_THREATENED] = 6, [SN_MOD_CONDITIONAL] = 7,
    [SN_MOD_NEGATED] = 8, [SN_MOD_DENIED] = 9,
};

const char *sn_modality_name(sn_modality m)
{
    return (unsigned)m < SN_MOD__COUNT ? names[m] : "asserted";
}

int sn_modality_from_name(const char *s)
{
    for (int i = 0; i < SN_MOD__COUNT; i++)
        if (!strcmp(s, names[i]))
            return i;
    return -1;
}

static void raise_to(modal *m, sn_modality to, int32_t cue)
{
    if (rank[to] > rank[m->modality]) {
        m->modality = to;
        m->cue = cue;
    }
}

/* The dictionary's modality for a word, or -1. */
static int cue_of(const sn_dict *d, const sn_token *t)
{
    const char *keys[2] = {t->lemma, t->norm};
    for (int k = 0; k < 2; k++)
        for (uint32_t r = sn_dict_lookup(d, &d->h->cue_index, keys[k]); r; r = d->cues[r - 1].next)
            if (!strcmp(sn_dict_str(d, d->cues[r - 1].word), keys[k]))
                return d->cues[r - 1].modality;
    return -1;
}

/* What the verb group's own words say: negation and modals. */
static void own_words(const sent *s, const sn_chunk *v, int conditional_sentence, int reported, modal *m)
{
    for (uint32_t i = v->tok_begin; i < v->tok_end; i++) {
        const sn_token *t = &s->tok[i];
        if (!strcmp(t->lemma, "not") || !strcmp(t->norm, "n't") || !strcmp(t->norm, "never"))
            raise_to(m, SN_MOD_NEGATED, (int32_t)i);
    }
    if (v->modal < 0)
        return;
    const char *l = s->tok[v->modal].lemma;
    if (!strcmp(l, "will") || !strcmp(l, "shall"))
        raise_to(m, conditional_sentence ? SN_MOD_CONDITIONAL : SN_MOD_FUTURE, v->modal);
    else if (!strcmp(l, "would"))
        raise_to(m, conditional_sentence ? SN_MOD_CONDITIONAL : reported ? SN_MOD_FUTURE : SN_MOD_SPECULATIVE,
                 v->modal);
    else if (!strcmp(l, "could") || !strcmp(l, "may") || !strcmp(l, "might") || !strcmp(l, "can") ||
             !strcmp(l, "must") || !strcmp(l, "should"))
        raise_to(m, SN_MOD_SPECULATIVE, v->modal);
}

/* A governing verb's cue: "denied shelling", "plans to sign", "threatened to strike". */
static void governor_words(const sent *s, uint32_t vg, modal *m)
{
    if (!sn_complement(s, vg))
        return;
    /* "Putin's plan to annex": a cue noun right before the infinitive. */
    const sn_chunk *v = &s->ch[vg];
    if ((v->vflags & SN_VG_INFINITIVE) && v->tok_begin > s->b) {
        const sn_token *n = &s->tok[v->tok_begin - 1];
        int c = n->tag == SN_TAG_NN || n->tag == SN_TAG_NNS ? cue_of(s->c->dict, n) : -1;
        if (c >= 0) {
            raise_to(m, (sn_modality)c, (int32_t)(v->tok_begin - 1));
            return;
        }
    }
    int32_t g = sn_governor(s, vg);
    if (g < 0)
        return;
    const sn_chunk *gv = &s->ch[g];
    int c = cue_of(s->c->dict, &s->tok[gv->head]);
    if (c >= 0) {
        raise_to(m, (sn_modality)c, (int32_t)gv->head);
        /* "Kiev accused Moscow of annexing ...": the accuser says so. */
        if ((c == SN_MOD_CLAIMED || c == SN_MOD_DENIED) && m->speaker < 0)
            m->speaker = sn_subject(s, (uint32_t)g, 0);
    }
    modal inner = {SN_MOD_ASSERTED, -1, -1};
    own_words(s, gv, 0, 0, &inner);
    if (inner.modality != SN_MOD_ASSERTED)
        raise_to(m, inner.modality, inner.cue);
}

static int in_clause(const sn_clause *k, uint32_t i)
{
    return k->tok_begin <= i && i < k->tok_end;
}

/* Clauses around the verb: conditions and reported speech. */
static void clause_words(const sent *s, uint32_t vg, int *conditional_sentence, int *reported, modal *m)
{
    uint32_t at = s->ch[vg].head;
    for (uint32_t k = 1; k < s->ncl; k++) {
        const sn_clause *cl = &s->cl[k];
        if (cl->kind == SN_CLAUSE_CONDITION)
            *conditional_sentence = 1;
        if (!in_clause(cl, at))
            continue;
        if (cl->kind == SN_CLAUSE_CONDITION)
            raise_to(m, SN_MOD_CONDITIONAL, cl->cue);
        if (cl->kind == SN_CLAUSE_REPORT) {
            *reported = 1;
            if (m->speaker < 0)
                m->speaker = cl->speaker >= 0 ? cl->speaker : -1;
            int c = cl->cue >= 0 ? cue_of(s->c->dict, &s->tok[cl->cue]) : -1;
            if (c >= 0)
                raise_to(m, (sn_modality)c, cl->cue);
        }
    }
}

/* Cue words of the verb's own clause, before the verb or between its words. */
static void cue_words(const sent *s, uint32_t vg, modal *m)
{
    const sn_chunk *v = &s->ch[vg];
    int32_t cl = sn_clause_of(s, v->head);
    uint32_t b = s->cl[cl].tok_begin;
    for (uint32_t i = b; i < v->tok_end; i++) {
        uint8_t tag = s->tok[i].tag;
        if (tag != SN_TAG_RB && tag != SN_TAG_JJ && tag != SN_TAG_RBS && tag != SN_TAG_JJS)
            continue;
        int c = cue_of(s->c->dict, &s->tok[i]);
        if (c >= 0)
            raise_to(m, (sn_modality)c, (int32_t)i);
    }
}

void sn_modality_of(const sent *s, uint32_t vg, modal *m)
{
    m->modality = SN_MOD_ASSERTED;
    m->speaker = m->cue = -1;
    int conditional_sentence = 0, reported = 0;
    clause_words(s, vg, &conditional_sentence, &reported, m);
    own_words(s, &s->ch[vg], conditional_sentence, reported, m);
    governor_words(s, vg, m);
    cue_words(s, vg, m);
}
