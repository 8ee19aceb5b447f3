/*
 * lib/text/clause.c — clause boundaries over chunks: reported speech
 * ("X said (that) ...", "..., X said.", "according to X, ..."), relative
 * clauses ("troops who crossed the border"), conditions ("if ...",
 * "unless ...") and adverbial clauses ("after ...", "because ...").
 *
 * Every sentence has a main clause spanning it (index 0 of its clauses);
 * the others point to the smallest clause enclosing them. A clause's span
 * excludes its complementizer or cue and the final punctuation.
 */
#include <pthread.h>
#include <string.h>
#include "text/internal.h"
#include "text/wordset.h"

/* Verbs whose complement is reported speech. */
static const char *const speech_verbs[] = {
    "say", "tell", "announce", "confirm", "state", "claim", "report", "warn", "insist", "add",
    "note", "stress", "declare", "deny", "reveal", "allege", "argue", "acknowledge", "admit",
    "assert", "explain", "predict", "promise", "vow", "pledge", "write", "tweet", "indicate",
    "suggest", "estimate", "reiterate", "emphasize", "emphasise", "signal", "inform", "assure",
    "believe", "think", "fear", "hope", "expect", "agree", "maintain", "contend", "concede",
    "recall", "repeat", "testify", "charge", "accuse", "complain", "observe", "remark", "reply",
    "respond", "urge", "order", "demand", "threaten", "doubt", "suspect", "worry",
};

/* Verbs that report speech even without "that": "said the talks failed". */
static const char *const bare_speech[] = {
    "say", "tell", "announce", "confirm", "state", "claim", "report", "warn", "insist", "add",
    "note", "stress", "declare", "deny", "reveal", "allege", "argue", "acknowledge", "admit",
    "assert", "explain", "write", "tweet", "believe", "think", "estimate", "predict",
};

/* Verbs whose object precedes the complement: "told reporters that". */
static const char *const object_speech[] = {"tell", "inform", "assure", "warn", "remind", "notify"};

static int in_list(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w[0] == list[i][0] && !strcmp(w, list[i]))
            return 1;
    return 0;
}

#define IN_LIST(w, l) in_list(w, l, sizeof l / sizeof *l)

static const char *const whether_verbs[] = {"say", "ask", "know", "decide", "wonder", "see", "check",
                                            "determine", "tell", "confirm", "clear", "unclear", "sure"};

/* The longer lists as hashed sets (same members, faster tests). */
static sn_wordset speech_set, bare_set, whether_set;
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;

static void fill_sets(void)
{
    SN_WORDSET_FILL(&speech_set, speech_verbs);
    SN_WORDSET_FILL(&bare_set, bare_speech);
    SN_WORDSET_FILL(&whether_set, whether_verbs);
}

typedef struct cl {
    sn_doc *d;
    const sn_token *tok;
    const sn_chunk *ch;   /* this sentence's chunks */
    uint32_t nch;
    uint32_t b, e;        /* sentence tokens, without final punctuation */
    uint32_t first;       /* index of the sentence's first clause */
    uint32_t sb, se;      /* the whole sentence's tokens */
    int indexed;          /* at[] is filled (always, as sentences are capped) */
    /* The first chunk of each kind starting at each token sb..se, or -1:
     * what chunk_at would find by walking the chunks. */
    int16_t at[3][HARD_MAX_SENT_TOKENS + 1];
} cl;

static int is_speech_vg(const cl *c, const sn_chunk *k)
{
    return k->kind == SN_CHUNK_VG && !(k->vflags & SN_VG_INFINITIVE) &&
           sn_wordset_has(&speech_set, c->tok[k->head].lemma);
}

static int is_finite_vg(const cl *c, const sn_chunk *k)
{
    (void)c;
    return k->kind == SN_CHUNK_VG && !(k->vflags & (SN_VG_INFINITIVE | SN_VG_GERUND | SN_VG_PARTICIPLE));
}

/* Index of the first chunk of kind (NP, VG or PP) starting at token i, or -1. */
static int32_t chunk_at(const cl *c, uint32_t i, uint8_t kind)
{
    if (c->indexed)
        return i >= c->sb && i <= c->se ? c->at[kind][i - c->sb] : -1;
    for (uint32_t k = 0; k < c->nch; k++)
        if (c->ch[k].tok_begin == i && c->ch[k].kind == kind)
            return (int32_t)k;
    return -1;
}

static void index_chunks(cl *c)
{
    uint32_t n = c->se - c->sb + 1;
    for (int kind = 0; kind < 3; kind++)
        memset(c->at[kind], 0xFF, n * sizeof c->at[kind][0]);
    for (uint32_t k = c->nch; k-- > 0;) /* downwards, so that the first one wins */
        if (c->ch[k].kind <= SN_CHUNK_PP && c->ch[k].tok_begin >= c->sb && c->ch[k].tok_begin <= c->se)
            c->at[c->ch[k].kind][c->ch[k].tok_begin - c->sb] = (int16_t)k;
}

/* The largest NP (not a PP object) that ends exactly at token e. */
static int32_t np_ending_at(const cl *c, uint32_t e)
{
    int32_t best = -1;
    for (uint32_t k = 0; k < c->nch; k++)
        if (c->ch[k].kind == SN_CHUNK_NP && c->ch[k].tok_end == e &&
            (best < 0 || c->ch[k].tok_begin < c->ch[best].tok_begin))
            best = (int32_t)k;
    return best;
}

/* The head of an apposition chain: "Tibilov, the president," -> Tibilov. */
static int32_t appos_head(const cl *c, int32_t np)
{
    for (uint32_t k = 0; k < c->nch; k++)
        if (c->ch[k].appos == np)
            return (int32_t)k;
    return np;
}

/* The PP whose object is NP np, or -1. */
static int32_t pp_of(const cl *c, int32_t np)
{
    for (uint32_t k = 0; k < c->nch; k++)
        if (c->ch[k].kind == SN_CHUNK_PP && c->ch[k].object == np && c->ch[k].tok_begin > c->b)
            return (int32_t)k;
    return -1;
}

/* The subject NP right before a VG, through an apposition and commas. */
static int32_t subject_before(const cl *c, uint32_t vg_begin)
{
    uint32_t e = vg_begin;
    while (e > c->b && (tok_is(&c->tok[e - 1], ",") || c->tok[e - 1].tag == SN_TAG_RB))
        e--; /* "Moscow also confirmed" */
    int32_t np = np_ending_at(c, e);
    /* "Health officials in Gaza said", "a spokesman for the authorities in
     * Tskhinvali said": the NP before the PPs, not their objects. */
    for (int32_t pp; np >= 0 && (pp = pp_of(c, np)) >= 0;) {
        int32_t before = np_ending_at(c, c->ch[pp].tok_begin);
        if (before < 0)
            break;
        np = before;
    }
    if (np < 0) {
        /* "the spokesman for the ministry said": the NP before the PP. */
        for (uint32_t k = 0; k < c->nch; k++)
            if (c->ch[k].kind == SN_CHUNK_PP && c->ch[k].tok_end == e)
                return np_ending_at(c, c->ch[k].tok_begin) >= 0
                           ? appos_head(c, np_ending_at(c, c->ch[k].tok_begin)) : -1;
        return -1;
    }
    return appos_head(c, np);
}

static sn_rc add_clause(cl *c, uint8_t kind, uint32_t b, uint32_t e, int32_t speaker, int32_t cue)
{
    while (e > b && (c->tok[e - 1].tag == SN_TAG_PUNCT))
        e--;
    while (b < e && c->tok[b].tag == SN_TAG_PUNCT)
        b++;
    if (b >= e)
        return SN_OK;
    sn_clause *k = sn_vec_push(&c->d->clauses);
    if (!k)
        return SN_ERR_TOOBIG;
    k->kind = kind;
    k->tok_begin = b;
    k->tok_end = e;
    k->speaker = speaker;
    k->cue = cue;
    k->parent = -1;
    return SN_OK;
}

/* Does [b, e) hold a finite verb group? */
static int has_finite(const cl *c, uint32_t b, uint32_t e)
{
    for (uint32_t k = 0; k < c->nch; k++)
        if (c->ch[k].tok_begin >= b && c->ch[k].tok_end <= e && is_finite_vg(c, &c->ch[k]))
            return 1;
    return 0;
}

static uint32_t next_comma(const cl *c, uint32_t i, uint32_t e)
{
    while (i < e && !tok_is(&c->tok[i], ",") && !tok_is(&c->tok[i], ";"))
        i++;
    return i;
}

/* "X said (that) ...", "told reporters (that) ...", "..., X said." */
static sn_rc speech(cl *c, uint32_t k)
{
    const sn_chunk *v = &c->ch[k];
    uint32_t i = v->tok_end;
    if (IN_LIST(c->tok[v->head].lemma, object_speech)) {
        int32_t obj = chunk_at(c, i, SN_CHUNK_NP);
        if (obj >= 0)
            i = c->ch[obj].tok_end;
    }
    while (i < c->e && (c->tok[i].tag == SN_TAG_RB || c->tok[i].tag == SN_TAG_RBR))
        i++; /* "has said repeatedly that" */
    while (i < c->e && c->tok[i].tag == SN_TAG_IN && !tok_is(&c->tok[i], "that")) {
        int32_t pp = chunk_at(c, i, SN_CHUNK_PP); /* "said in a statement that" */
        if (pp < 0)
            break;
        i = c->ch[pp].tok_end;
    }
    if (i < c->e && tok_is(&c->tok[i], ","))
        i++;
    int that = i < c->e && tok_is(&c->tok[i], "that");
    int bare = sn_wordset_has(&bare_set, c->tok[v->head].lemma) && i < c->e && c->tok[i].tag != SN_TAG_TO &&
               c->tok[i].tag != SN_TAG_IN && has_finite(c, i, c->e);
    if (that || bare) {
        uint32_t b = i + (uint32_t)that;
        if (has_finite(c, b, c->e))
            return add_clause(c, SN_CLAUSE_REPORT, b, c->e, subject_before(c, v->tok_begin), (int32_t)v->head);
    }
    /* Postposed: "Troops shelled the town, the ministry said." */
    if (v->tok_end >= c->e) {
        int32_t subj = subject_before(c, v->tok_begin);
        uint32_t stop = subj >= 0 ? c->ch[subj].tok_begin : v->tok_begin;
        if (stop > c->b && tok_is(&c->tok[stop - 1], ",") && has_finite(c, c->b, stop))
            return add_clause(c, SN_CLAUSE_REPORT, c->b, stop - 1, subj, (int32_t)v->head);
        /* "..., said the minister." */
        if (v->tok_begin > c->b && tok_is(&c->tok[v->tok_begin - 1], ","))
            return add_clause(c, SN_CLAUSE_REPORT, c->b, v->tok_begin - 1, -1, (int32_t)v->head);
    } else if (v->tok_begin > c->b && tok_is(&c->tok[v->tok_begin - 1], ",")) {
        int32_t subj = chunk_at(c, v->tok_end, SN_CHUNK_NP);
        if (subj >= 0 && c->ch[subj].tok_end >= c->e && has_finite(c, c->b, v->tok_begin - 1))
            return add_clause(c, SN_CLAUSE_REPORT, c->b, v->tok_begin - 1, subj, (int32_t)v->head);
    }
    return SN_OK;
}

/* "according to X, ..." and "..., according to X." */
static sn_rc according(cl *c, uint32_t i)
{
    if (i + 1 >= c->e || !tok_is(&c->tok[i + 1], "to"))
        return SN_OK;
    int32_t pp = chunk_at(c, i + 1, SN_CHUNK_PP);
    if (pp < 0)
        return SN_OK;
    int32_t speaker = c->ch[pp].object;
    uint32_t end = c->ch[pp].tok_end;
    if (i == c->b || (i == c->b + 1 && c->tok[c->b].tag == SN_TAG_PUNCT)) {
        uint32_t b = next_comma(c, end, c->e);
        return add_clause(c, SN_CLAUSE_REPORT, b < c->e ? b + 1 : end, c->e, speaker, (int32_t)i);
    }
    if (end >= c->e && i > c->b && tok_is(&c->tok[i - 1], ","))
        return add_clause(c, SN_CLAUSE_REPORT, c->b, i - 1, speaker, (int32_t)i);
    return SN_OK;
}

/* The end of a subordinate clause from b: its verb group and what follows
 * it up to a comma, a new finite verb group, or the sentence's end. */
static uint32_t sub_end(const cl *c, uint32_t b, int stop_at_finite)
{
    int seen_vg = 0;
    uint32_t i = b;
    while (i < c->e) {
        if (doc_lex(c->d)[i]->word & SN_W_CLAUSE_STOP) /* , ; : then */
            break;
        int32_t vg = chunk_at(c, i, SN_CHUNK_VG);
        if (vg >= 0) {
            if (seen_vg && stop_at_finite && is_finite_vg(c, &c->ch[vg]))
                break;
            seen_vg = 1;
            i = c->ch[vg].tok_end;
            continue;
        }
        i++;
    }
    return seen_vg ? i : b;
}

static sn_rc relative(cl *c, uint32_t i)
{
    if (i == c->b)
        return SN_OK;
    uint32_t p = i - (tok_is(&c->tok[i - 1], ",") ? 1 : 0);
    if (np_ending_at(c, p) < 0)
        return SN_OK;
    uint32_t e = sub_end(c, i + 1, 1);
    if (e <= i + 1)
        return SN_OK;
    return add_clause(c, SN_CLAUSE_RELATIVE, i + 1, e, -1, (int32_t)i);
}

static sn_rc subordinate(cl *c, uint32_t i, uint8_t kind)
{
    uint32_t e = sub_end(c, i + 1, 0);
    if (e <= i + 1)
        return SN_OK;
    /* It must have a verb of its own right away or after its subject. */
    int32_t vg = chunk_at(c, i + 1, SN_CHUNK_VG);
    int32_t np = chunk_at(c, i + 1, SN_CHUNK_NP);
    uint32_t after_np = np >= 0 ? c->ch[np].tok_end : i + 1;
    for (int32_t pp; (pp = chunk_at(c, after_np, SN_CHUNK_PP)) >= 0;)
        after_np = c->ch[pp].tok_end; /* "if the talks in Minsk fail" */
    int32_t vg2 = chunk_at(c, after_np, SN_CHUNK_VG);
    if (vg < 0 && vg2 < 0)
        return SN_OK;
    if (vg >= 0 && (c->ch[vg].vflags & SN_VG_INFINITIVE))
        return SN_OK;
    return add_clause(c, kind, i + 1, e, -1, (int32_t)i);
}

/* after before while because since when although though once until
 * whereas as: marked per word by the lexical cache (SN_W_ADVERBIAL). */
static int is_adverbial_cue(const cl *c, uint32_t i)
{
    return (doc_lex(c->d)[i]->word & SN_W_ADVERBIAL) != 0;
}

static uint32_t span(const sn_clause *k)
{
    return k->tok_end - k->tok_begin;
}

/* Each clause's parent is the smallest other clause that contains it. */
/* "did not say if the talks would continue": "if" as "whether". */
static int asks_whether(const cl *c, uint32_t i)
{
    return tok_is(&c->tok[i], "if") && i > c->b && sn_wordset_has(&whether_set, c->tok[i - 1].lemma);
}

static void set_parents(sn_doc *d, uint32_t first)
{
    sn_clause *k = (sn_clause *)d->clauses.p;
    uint32_t n = (uint32_t)d->clauses.n;
    k[first].parent = -1;
    for (uint32_t i = first + 1; i < n; i++) {
        uint32_t best = first;
        for (uint32_t j = first + 1; j < n; j++) {
            int contains = k[j].tok_begin <= k[i].tok_begin && k[j].tok_end >= k[i].tok_end;
            int smaller = span(&k[j]) < span(&k[best]);
            if (j != i && contains && smaller && !(span(&k[j]) == span(&k[i]) && j > i))
                best = j;
        }
        k[i].parent = (int32_t)(best - first);
    }
}

sn_rc sn_clause_sentence(sn_analyzer *a, uint32_t si)
{
    sn_doc *d = &a->doc;
    const sn_sentence *s = &doc_sent(d)[si];
    const sn_range *r = &((const sn_range *)d->chunk_rng.p)[si];
    cl c; /* fields one by one: an initializer would zero the whole index */
    c.d = d;
    c.tok = doc_tok(d);
    c.ch = doc_chunk(d) + r->first;
    c.nch = r->n;
    c.b = c.sb = s->tok_begin;
    c.e = c.se = s->tok_end;
    c.first = (uint32_t)d->clauses.n;
    pthread_once(&sets_once, fill_sets);
    c.indexed = s->tok_end - s->tok_begin <= HARD_MAX_SENT_TOKENS;
    if (c.indexed)
        index_chunks(&c);
    while (c.e > c.b && c.tok[c.e - 1].tag == SN_TAG_PUNCT)
        c.e--;
    sn_rc rc = add_clause(&c, SN_CLAUSE_MAIN, s->tok_begin, s->tok_end, -1, -1);
    for (uint32_t k = 0; k < c.nch && !rc; k++)
        if (is_speech_vg(&c, &c.ch[k]))
            rc = speech(&c, k);
    for (uint32_t i = c.b; i < c.e && !rc; i++) {
        const sn_token *t = &c.tok[i];
        if (tok_is(t, "according"))
            rc = according(&c, i);
        else if (t->tag == SN_TAG_WDT || t->tag == SN_TAG_WP)
            rc = relative(&c, i);
        else if (t->tag == SN_TAG_IN && (tok_is(t, "if") || tok_is(t, "unless")) && !asks_whether(&c, i))
            rc = subordinate(&c, i, SN_CLAUSE_CONDITION);
        else if ((t->tag == SN_TAG_IN || t->tag == SN_TAG_WRB) && is_adverbial_cue(&c, i))
            rc = subordinate(&c, i, SN_CLAUSE_ADVERBIAL);
    }
    if (rc)
        return rc;
    set_parents(d, c.first);
    sn_range *rg = sn_vec_push(&d->clause_rng);
    if (!rg)
        return SN_ERR_TOOBIG;
    rg->first = c.first;
    rg->n = (uint32_t)d->clauses.n - c.first;
    return SN_OK;
}
