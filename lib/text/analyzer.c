/*
 * lib/text/analyzer.c — the text stage's public entry points: creating the
 * per-thread analyzer, running the passes over one document, and the
 * read-only accessors of the result.
 */
#include <stdlib.h>
#include <string.h>
#include "text/internal.h"
#include "text/timex.h"

#define DEF_MAX_BYTES ((size_t)64 << 20)
#define DEF_MAX_TOKENS 4000000u
#define DEF_MAX_SENT_TOKENS 400u
#define TIMEX_PER_SENTENCE 64u

static void doc_init(sn_doc *d, const sn_text_limits *l)
{
    memset(d, 0, sizeof *d);
    sn_buf_init(&d->text, l->max_bytes + 16);
    sn_vec_init(&d->tokens, sizeof(sn_token), l->max_tokens);
    sn_vec_init(&d->lex, sizeof(const sn_lexinfo *), l->max_tokens);
    sn_vec_init(&d->sents, sizeof(sn_sentence), l->max_tokens);
    /* A token opens at most two chunks (a possessor and its NP, or a PP and
     * its object) and one clause; a sentence adds its main clause. */
    size_t per_sentence = (size_t)l->max_tokens + TIMEX_PER_SENTENCE;
    sn_vec_init(&d->chunks, sizeof(sn_chunk), 2 * per_sentence);
    sn_vec_init(&d->clauses, sizeof(sn_clause), 2 * per_sentence);
    sn_vec_init(&d->timexes, sizeof(sn_timex), per_sentence);
    sn_vec_init(&d->chunk_rng, sizeof(sn_range), per_sentence);
    sn_vec_init(&d->clause_rng, sizeof(sn_range), per_sentence);
    sn_vec_init(&d->timex_rng, sizeof(sn_range), per_sentence);
    /* Norms take at most 256 bytes plus a NUL per token, in practice far less. */
    sn_arena_init(&d->strings, l->max_bytes * 4 + ((size_t)1 << 20));
}

static void doc_free(sn_doc *d)
{
    sn_buf_free(&d->text);
    sn_vec *v[] = {&d->tokens, &d->lex, &d->sents, &d->chunks, &d->clauses, &d->timexes,
                   &d->chunk_rng, &d->clause_rng, &d->timex_rng};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        sn_vec_free(v[i]);
    sn_arena_free(&d->strings);
}

static void doc_reset(sn_doc *d)
{
    sn_buf_reset(&d->text);
    sn_vec *v[] = {&d->tokens, &d->lex, &d->sents, &d->chunks, &d->clauses, &d->timexes,
                   &d->chunk_rng, &d->clause_rng, &d->timex_rng};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        sn_vec_reset(v[i]);
    sn_arena_reset(&d->strings);
    memset(&d->warn, 0, sizeof d->warn);
    d->unknown_punct = 0;
    d->has_published = 0;
}

sn_rc sn_analyzer_new(sn_analyzer **out, const sn_text_limits *limits)
{
    *out = NULL;
    sn_analyzer *a = calloc(1, sizeof *a);
    if (!a)
        return SN_ERR_NOMEM;
    if (limits)
        a->lim = *limits;
    if (!a->lim.max_bytes)
        a->lim.max_bytes = DEF_MAX_BYTES;
    if (!a->lim.max_tokens)
        a->lim.max_tokens = DEF_MAX_TOKENS;
    if (!a->lim.max_sentence_tokens)
        a->lim.max_sentence_tokens = DEF_MAX_SENT_TOKENS;
    if (a->lim.max_sentence_tokens > HARD_MAX_SENT_TOKENS)
        a->lim.max_sentence_tokens = HARD_MAX_SENT_TOKENS;
    a->lx = sn_lexicon_builtin();
    a->cache = calloc(LEXCACHE_SIZE, sizeof *a->cache);
    UErrorCode err = U_ZERO_ERROR;
    a->nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);
    if (U_SUCCESS(err))
        a->sbrk = ubrk_open(UBRK_SENTENCE, "en", NULL, 0, &err);
    if (!a->cache || U_FAILURE(err) || a->lx->h->magic != SN_LEX_MAGIC) {
        sn_analyzer_free(a);
        return a->cache ? SN_ERR_INTERNAL : SN_ERR_NOMEM;
    }
    doc_init(&a->doc, &a->lim);
    *out = a;
    return SN_OK;
}

void sn_analyzer_free(sn_analyzer *a)
{
    if (!a)
        return;
    doc_free(&a->doc);
    if (a->sbrk)
        ubrk_close(a->sbrk);
    if (a->ut)
        utext_close(a->ut);
    free(a->cache);
    free(a);
}

static sn_rc find_timexes(sn_analyzer *a, uint32_t si)
{
    sn_doc *d = &a->doc;
    const sn_sentence *s = &doc_sent(d)[si];
    sn_rc rc = sn_vec_reserve(&d->timexes, TIMEX_PER_SENTENCE);
    if (rc)
        return rc;
    sn_range *r = sn_vec_push(&d->timex_rng);
    if (!r)
        return SN_ERR_TOOBIG;
    r->first = (uint32_t)d->timexes.n;
    /* The word classes come from the lexical cache, computed once per word. */
    uint16_t cls[HARD_MAX_SENT_TOKENS];
    const sn_lexinfo **lex = doc_lex(d);
    uint32_t e = s->tok_end - s->tok_begin > HARD_MAX_SENT_TOKENS ? s->tok_begin + HARD_MAX_SENT_TOKENS
                                                                   : s->tok_end;
    for (uint32_t i = s->tok_begin; i < e; i++)
        cls[i - s->tok_begin] = lex[i]->timex;
    r->n = e == s->tok_end ? sn_timex_find_classed(doc_tok(d), cls, s->tok_begin, s->tok_end,
                                                   d->has_published ? &d->published : NULL,
                                                   (sn_timex *)d->timexes.p + d->timexes.n, TIMEX_PER_SENTENCE)
                           : sn_timex_find(doc_tok(d), s->tok_begin, s->tok_end,
                                           d->has_published ? &d->published : NULL,
                                           (sn_timex *)d->timexes.p + d->timexes.n, TIMEX_PER_SENTENCE);
    d->timexes.n += r->n;
    return SN_OK;
}

static sn_rc run_passes(sn_analyzer *a)
{
    sn_doc *d = &a->doc;
    sn_rc rc = sn_tokenize(a);
    if (!rc)
        rc = sn_split_sentences(a);
    if (rc)
        return rc;
    sn_assign_zones(a);
    for (uint32_t i = 0; i < d->sents.n && !rc; i++) {
        sn_tag_sentence(a, &doc_sent(d)[i]);
        rc = sn_chunk_sentence(a, i);
        if (!rc)
            rc = sn_clause_sentence(a, i);
        if (!rc)
            rc = find_timexes(a, i);
    }
    return rc;
}

sn_rc sn_analyze(sn_analyzer *a, const char *text, size_t len, const sn_date *published,
                 const sn_doc **out)
{
    *out = NULL;
    sn_doc *d = &a->doc;
    doc_reset(d);
    if (len > a->lim.max_bytes)
        return SN_ERR_TOOBIG;
    if (published && published->year && published->month && published->day) {
        d->published = *published;
        d->has_published = 1;
    }
    a->gen++;
    sn_rc rc = sn_text_clean(d, text, len);
    if (!rc)
        rc = run_passes(a);
    if (rc)
        return rc;
    *out = d;
    return SN_OK;
}

const char *sn_doc_text(const sn_doc *d, size_t *len)
{
    if (len)
        *len = d->text.len;
    return d->text.p ? d->text.p : "";
}

const sn_date *sn_doc_published(const sn_doc *d)
{
    return d->has_published ? &d->published : NULL;
}

const sn_text_warnings *sn_doc_warnings(const sn_doc *d)
{
    return &d->warn;
}

const sn_token *sn_doc_tokens(const sn_doc *d, uint32_t *n)
{
    *n = (uint32_t)d->tokens.n;
    return d->tokens.p;
}

const sn_sentence *sn_doc_sentences(const sn_doc *d, uint32_t *n)
{
    *n = (uint32_t)d->sents.n;
    return d->sents.p;
}

static const void *ranged(const sn_vec *items, const sn_vec *ranges, uint32_t s, uint32_t *n)
{
    if (s >= ranges->n) {
        *n = 0;
        return items->p;
    }
    const sn_range *r = &((const sn_range *)ranges->p)[s];
    *n = r->n;
    return (const char *)items->p + (size_t)r->first * items->esize;
}

const sn_chunk *sn_doc_chunks(const sn_doc *d, uint32_t s, uint32_t *n)
{
    return ranged(&d->chunks, &d->chunk_rng, s, n);
}

const sn_clause *sn_doc_clauses(const sn_doc *d, uint32_t s, uint32_t *n)
{
    return ranged(&d->clauses, &d->clause_rng, s, n);
}

const sn_timex *sn_doc_timexes(const sn_doc *d, uint32_t s, uint32_t *n)
{
    return ranged(&d->timexes, &d->timex_rng, s, n);
}
