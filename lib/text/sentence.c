/*
 * lib/text/sentence.c — sentence boundaries.
 *
 * ICU's sentence BreakIterator proposes boundaries; the project's rules then
 * veto the false ones and add what ICU cannot know about pages:
 *  - after a title ("Gen."), an initial ("W."), a month or number prefix
 *    before a number ("Aug. 8", "No. 5") there is no boundary; after an
 *    acronym ("U.S.") only when a sentence-starting word follows;
 *  - "Why?" he asked: no boundary before a lower-case word;
 *  - a blank line always ends a sentence, and so does a line break before a
 *    bullet or after a short line without final punctuation (headlines,
 *    captions, name lines); other line breaks are wrapping;
 *  - a dateline ("TBILISI, Aug 8 (Reuters) -") is a sentence of its own;
 *  - a sentence longer than the cap is cut, and flagged.
 */
#include <string.h>
#include "text/internal.h"

#define SHORT_LINE 8      /* tokens: a line this short without a period stands alone */
#define DATELINE_MAX 16   /* tokens before a dateline's dash */

static int is_terminal(const sn_token *t)
{
    return (t->flags & SN_TOK_TERMINAL) != 0; /* set by the tokenizer */
}

/* One of the one-byte norms " ' ) ] (tested byte by byte: the strcmps
 * this replaces cost more than the rest of the splitter). */
static int is_closer(const sn_token *t)
{
    const char *s = t->norm;
    return (s[0] == '"' || s[0] == '\'' || s[0] == ')' || s[0] == ']') && s[1] == '\0';
}

/* False when ends_sentence surely is: most tokens follow a word, neither a
 * closer, nor terminal, nor an abbreviation, and then nothing in it holds.
 * Inline, for the splitter's loop over every token. */
static inline int may_end(const sn_token *tok, uint32_t k, uint32_t start)
{
    return k <= start || (tok[k - 1].flags & (SN_TOK_TERMINAL | SN_TOK_ABBREV)) || is_closer(&tok[k - 1]);
}

/* Does the text before token k end like a sentence: ". ", ".\" ", "?) "? */
static int ends_sentence(const sn_token *tok, uint32_t k, uint32_t start)
{
    if (!may_end(tok, k, start))
        return 0;
    uint32_t i = k;
    while (i > start && is_closer(&tok[i - 1]))
        i--;
    if (i > start && is_terminal(&tok[i - 1]))
        return 1;
    /* "U.S." at the end of a sentence: the period is inside the token. */
    return i == k && i > start && (tok[i - 1].flags & SN_TOK_ABBREV);
}

static int is_dash(const sn_token *t)
{
    return !strcmp(t->norm, "-") || !strcmp(t->norm, "--");
}

static int is_bullet(const sn_doc *d, uint32_t k)
{
    const sn_token *t = &doc_tok((sn_doc *)d)[k];
    uint32_t n = (uint32_t)d->tokens.n;
    if (k + 1 >= n)
        return 0;
    const sn_token *nx = t + 1;
    const char *s = t->norm;
    int marker = !strcmp(s, "-") || !strcmp(s, "*") || !strcmp(s, "\xE2\x80\xA2") ||
                 !strcmp(s, "\xC2\xB7") || !strcmp(s, "\xE2\x96\xAA") || !strcmp(s, "\xE2\x97\xA6");
    if (marker)
        return (nx->flags & SN_TOK_SPACE_BEFORE) && !(nx->flags & SN_TOK_NL_BEFORE) ? 1 : 0;
    if (t->shape == SN_SHAPE_DIGIT && t->len <= 2 && (!strcmp(nx->norm, ".") || !strcmp(nx->norm, ")")) &&
        k + 2 < n && (nx[1].flags & SN_TOK_SPACE_BEFORE) && !(nx[1].flags & SN_TOK_NL_BEFORE))
        return 2;
    return 0;
}

/* Words that start sentences, so that "... in the U.S. The talks" splits. */
static int starts_sentence(const sn_doc *d, uint32_t k)
{
    const sn_token *t = &doc_tok((sn_doc *)d)[k];
    const sn_lexinfo *lx = doc_lex((sn_doc *)d)[k];
    if (t->shape != SN_SHAPE_TITLE && t->shape != SN_SHAPE_UPPER)
        return 0;
    if (!lx->nclosed)
        return 0;
    switch (lx->closed_tag[0]) {
    case SN_TAG_DT: case SN_TAG_PRP: case SN_TAG_PRPS: case SN_TAG_IN: case SN_TAG_CC:
    case SN_TAG_EX: case SN_TAG_WRB: case SN_TAG_WP: case SN_TAG_WDT: case SN_TAG_RB:
        return 1;
    }
    return 0;
}

/* Should the boundary that a period after token k-1 suggests be vetoed? */
static int veto_after_abbrev(const sn_doc *d, uint32_t k)
{
    const sn_token *p = &doc_tok((sn_doc *)d)[k - 1], *t = p + 1;
    if (!(p->flags & SN_TOK_ABBREV))
        return 0;
    uint8_t kind = doc_lex((sn_doc *)d)[k - 1]->abbrev;
    if (kind == SN_ABBR_TITLE)
        return 1;
    if ((kind == SN_ABBR_MONTH || kind == SN_ABBR_NUMBER) && t->shape == SN_SHAPE_DIGIT)
        return 1;
    /* "Ltd." and "Inc." end names, so a capital after them starts a
     * sentence; after an acronym ("U.S. Army") it needs to be a word that
     * starts sentences. */
    int acronym = memchr(p->norm, '.', strlen(p->norm) - 1) != NULL;
    const sn_lexinfo *nl = doc_lex((sn_doc *)d)[k];
    if (nl->nclosed && nl->closed_tag[0] == SN_TAG_NNP)
        return 1; /* "10 p.m. Monday" */
    if (((kind == SN_ABBR_NAME && !acronym) || kind == SN_ABBR_OTHER) && (t->shape == SN_SHAPE_TITLE || t->shape == SN_SHAPE_UPPER))
        return 0;
    return !starts_sentence(d, k);
}

/* A boundary proposed by ICU or by a period at token k: keep it? */
static int keep_break(const sn_doc *d, uint32_t k, uint32_t start)
{
    const sn_token *tok = doc_tok((sn_doc *)d), *t = &tok[k];
    if (t->shape == SN_SHAPE_LOWER && !(t->flags & SN_TOK_NL_BEFORE))
        return 0; /* "Why?" he asked. */
    if (!ends_sentence(tok, k, start))
        return 0;
    uint32_t i = k;
    while (i > start + 1 && is_closer(&tok[i - 1]))
        i--;
    return !veto_after_abbrev(d, i);
}

/* Does a line ending in token k read on into the next line ("the siege of",
 * "said", "and")? Function words and commas never end a title line. */
static int continues(const sn_doc *d, uint32_t k)
{
    const sn_lexinfo *lx = doc_lex((sn_doc *)d)[k];
    const sn_token *t = &doc_tok((sn_doc *)d)[k];
    if (t->shape == SN_SHAPE_PUNCT)
        return strchr(",;:-(", t->norm[0]) != NULL;
    if (!lx->nclosed)
        return 0;
    switch (lx->closed_tag[0]) {
    case SN_TAG_DT: case SN_TAG_IN: case SN_TAG_TO: case SN_TAG_CC: case SN_TAG_PRPS:
    case SN_TAG_MD: case SN_TAG_POS: case SN_TAG_WDT: case SN_TAG_WP: case SN_TAG_VBD:
    case SN_TAG_VBZ: case SN_TAG_VBP: case SN_TAG_EX:
        return 1;
    }
    return 0;
}

/* At a line break before token k: does the line before end a sentence? */
static int line_break(const sn_doc *d, uint32_t k, uint32_t line_start, uint32_t start)
{
    const sn_token *tok = doc_tok((sn_doc *)d);
    if (is_bullet(d, k))
        return 1;
    if (ends_sentence(tok, k, start))
        return keep_break(d, k, start) || !(tok[k - 1].flags & SN_TOK_ABBREV);
    const sn_token *t = &tok[k];
    int upper_next = t->shape == SN_SHAPE_TITLE || t->shape == SN_SHAPE_UPPER || t->shape == SN_SHAPE_MIXED;
    return upper_next && k - line_start <= SHORT_LINE && k - start <= SHORT_LINE &&
           !continues(d, k - 1);
}

/* If a dateline starts at token k, the index just after its dash; else 0. */
static uint32_t dateline_end(const sn_doc *d, uint32_t k)
{
    const sn_token *tok = doc_tok((sn_doc *)d);
    uint32_t n = (uint32_t)d->tokens.n;
    if (tok[k].shape != SN_SHAPE_UPPER || tok[k].len < 2 || (tok[k].flags & SN_TOK_ABBREV))
        return 0;
    for (uint32_t i = k + 1; i < n && i < k + DATELINE_MAX; i++) {
        if (tok[i].flags & SN_TOK_NL_BEFORE)
            return 0;
        if (is_terminal(&tok[i]) && !(tok[i].flags & SN_TOK_ABBREV))
            return 0;
        if (is_dash(&tok[i]) && (tok[i].flags & SN_TOK_SPACE_BEFORE) && i + 1 < n &&
            !(tok[i + 1].flags & SN_TOK_NL_BEFORE))
            return i + 1;
    }
    return 0;
}

/* Punctuation whose sentence role the rules below know: ASCII marks,
 * quotes, dashes, ellipses and bullets. Any other punctuation (CJK and
 * Arabic full stops, Devanagari danda, inverted marks ...) is left to ICU. */
int sn_known_punct(const sn_token *t)
{
    if (!(t->flags & SN_TOK_NONASCII) || t->shape != SN_SHAPE_PUNCT)
        return 1;
    const char *s = t->norm;
    return !strcmp(s, "\"") || !strcmp(s, "'") || !strcmp(s, "-") || !strncmp(s, "...", 3) ||
           !strcmp(s, "\xE2\x80\xA2") || !strcmp(s, "\xC2\xB7");
}

/* Mark ICU's proposals in paragraphs [b, e) that need it: brk[k] = 1
 * means "ICU breaks before k". ICU costs about 90 instructions a byte, so
 * plain Latin-script paragraphs, whose marks the rules handle, skip it. */
static sn_rc icu_paragraph(sn_analyzer *a, uint32_t b, uint32_t e, uint8_t *brk)
{
    const sn_token *tok = doc_tok(&a->doc);
    uint32_t end = tok[e - 1].off + tok[e - 1].len, k = b;
    for (int32_t p = ubrk_following(a->sbrk, (int32_t)tok[b].off); p != UBRK_DONE && (uint32_t)p <= end;
         p = ubrk_next(a->sbrk)) {
        while (k < e && tok[k].off < (uint32_t)p)
            k++;
        if (k < e && k > b)
            brk[k] = 1;
    }
    return SN_OK;
}

static sn_rc icu_candidates(sn_analyzer *a, uint8_t *brk)
{
    sn_doc *d = &a->doc;
    const sn_token *tok = doc_tok(d);
    uint32_t n = (uint32_t)d->tokens.n, b = 0;
    int opened = 0, needs = 0;
    for (uint32_t k = 0; k <= n; k++) {
        if (k < n && !(k > b && (tok[k].flags & SN_TOK_PARA_BEFORE))) {
            needs |= !sn_known_punct(&tok[k]);
            continue;
        }
        if (needs && !opened) {
            UErrorCode err = U_ZERO_ERROR;
            a->ut = utext_openUTF8(a->ut, d->text.p, (int64_t)d->text.len, &err);
            ubrk_setUText(a->sbrk, a->ut, &err);
            if (U_FAILURE(err))
                return SN_ERR_INTERNAL;
            opened = 1;
        }
        if (needs)
            icu_paragraph(a, b, k, brk);
        b = k;
        needs = k < n && !sn_known_punct(&tok[k]);
    }
    return SN_OK;
}

static sn_rc emit(sn_analyzer *a, uint32_t b, uint32_t e, uint16_t flags, uint8_t *para)
{
    sn_doc *d = &a->doc;
    const sn_token *tok = doc_tok(d);
    if (b >= e)
        return SN_OK;
    if (tok[b].flags & SN_TOK_PARA_BEFORE && d->sents.n && *para < 255)
        (*para)++;
    sn_sentence *s = sn_vec_push(&d->sents);
    if (!s)
        return SN_ERR_TOOBIG;
    s->tok_begin = b;
    s->tok_end = e;
    s->off = tok[b].off;
    s->len = tok[e - 1].off + tok[e - 1].len - tok[b].off;
    s->flags = flags;
    s->para = *para;
    if (flags & SN_SENT_TRUNCATED)
        d->warn.truncated_sentences++;
    return SN_OK;
}

sn_rc sn_split_sentences(sn_analyzer *a)
{
    sn_doc *d = &a->doc;
    uint32_t n = (uint32_t)d->tokens.n;
    if (!n)
        return SN_OK;
    /* ICU proposes breaks only in paragraphs with punctuation the rules do
     * not know (sn_known_punct): the tokenizer counts such tokens, and
     * without one there is nothing to ask ICU. */
    uint8_t *brk = NULL;
    sn_rc rc;
    if (d->unknown_punct) {
        if (!(brk = (uint8_t *)sn_arena_alloc(&d->strings, n)))
            return SN_ERR_NOMEM;
        memset(brk, 0, n);
        if ((rc = icu_candidates(a, brk)))
            return rc;
    }
    const sn_token *tok = doc_tok(d);
    uint32_t start = 0, line_start = 0, dl = dateline_end(d, 0);
    uint16_t flags = 0;
    uint8_t para = 0;
    if ((rc = is_bullet(d, 0))) {
        start = (uint32_t)rc;
        flags = SN_SENT_BULLET;
    }
    for (uint32_t k = start + 1; k < n; k++) {
        int cut = 0, newline = (tok[k].flags & SN_TOK_NL_BEFORE) != 0;
        if (tok[k].flags & SN_TOK_PARA_BEFORE)
            cut = 1;
        else if (newline)
            cut = line_break(d, k, line_start, start);
        else if (k == dl)
            cut = 1;
        else if ((brk && brk[k]) || ((tok[k].flags & SN_TOK_SPACE_BEFORE) && may_end(tok, k, start) &&
                                     ends_sentence(tok, k, start)))
            cut = keep_break(d, k, start);
        if (newline)
            line_start = k;
        if (!cut && k - start >= a->lim.max_sentence_tokens) {
            if ((rc = emit(a, start, k, flags | SN_SENT_TRUNCATED, &para)))
                return rc;
            start = k;
            flags = 0;
            continue;
        }
        if (!cut)
            continue;
        if ((rc = emit(a, start, k, flags, &para)))
            return rc;
        start = k;
        flags = 0;
        int b = newline ? is_bullet(d, k) : 0;
        if (b) {
            start = k + (uint32_t)b;
            flags = SN_SENT_BULLET;
            k = start;
            continue;
        }
        if (newline || (tok[k].flags & SN_TOK_PARA_BEFORE))
            dl = dateline_end(d, k);
    }
    return emit(a, start, n, flags, &para);
}
