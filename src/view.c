/*
 * src/view.c — the human-readable view of an analysed document, for
 * `sentinel parse --output text` and `make run`: each sentence with its
 * zone, tagged tokens, chunks with verb features, clauses and dates.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static void span(FILE *f, const sn_doc *d, uint32_t b, uint32_t e)
{
    uint32_t n;
    const sn_token *t = sn_doc_tokens(d, &n);
    const char *s = sn_doc_text(d, NULL);
    if (b >= e)
        return;
    for (uint32_t i = b; i < e; i++) {
        if (i > b && (t[i].flags & SN_TOK_SPACE_BEFORE))
            fputc(' ', f);
        fwrite(s + t[i].off, 1, t[i].len, f);
    }
}

static void tokens(FILE *f, const sn_doc *d, const sn_sentence *s)
{
    uint32_t n;
    const sn_token *t = sn_doc_tokens(d, &n);
    const char *text = sn_doc_text(d, NULL);
    fputs("    tokens ", f);
    for (uint32_t i = s->tok_begin; i < s->tok_end; i++) {
        fprintf(f, "%.*s/%s", (int)t[i].len, text + t[i].off, sn_tag_name(t[i].tag));
        if (strncmp(t[i].lemma, text + t[i].off, t[i].len) || t[i].lemma[t[i].len])
            fprintf(f, "(%s)", t[i].lemma);
        fputc(i + 1 < s->tok_end ? ' ' : '\n', f);
    }
}

static void verb_features(FILE *f, const sn_chunk *k)
{
    static const char *const tense[] = {"-", "past", "present", "future"};
    static const char *const aspect[] = {"simple", "progressive", "perfect", "perfect-progressive"};
    fprintf(f, "{%s,%s,%s%s%s}", tense[k->tense & 3], aspect[k->aspect & 3],
            k->voice == SN_VOICE_PASSIVE ? "passive" : "active", k->vflags & SN_VG_NEG ? ",negated" : "",
            k->modal >= 0 ? ",modal" : "");
}

static void chunks(FILE *f, const sn_doc *d, uint32_t si)
{
    static const char *const kind[] = {"NP", "VG", "PP", "ADVP", "ADJP"};
    uint32_t n;
    const sn_chunk *k = sn_doc_chunks(d, si, &n);
    if (!n)
        return;
    fputs("    chunks", f);
    for (uint32_t i = 0; i < n; i++) {
        if (k[i].kind == SN_CHUNK_NP && i + 1 < n && k[i + 1].tok_begin == k[i].tok_begin)
            continue; /* a possessor, shown inside its NP */
        fprintf(f, " [%s ", kind[k[i].kind % 5]);
        span(f, d, k[i].tok_begin, k[i].tok_end);
        fputc(']', f);
        if (k[i].kind == SN_CHUNK_VG)
            verb_features(f, &k[i]);
    }
    fputc('\n', f);
}

static void clauses(FILE *f, const sn_doc *d, uint32_t si)
{
    uint32_t n, nc;
    const sn_clause *c = sn_doc_clauses(d, si, &n);
    const sn_chunk *k = sn_doc_chunks(d, si, &nc);
    for (uint32_t i = 1; i < n; i++) {
        fprintf(f, "    clause %s \"", sn_clause_kind_name(c[i].kind));
        span(f, d, c[i].tok_begin, c[i].tok_end);
        fputc('"', f);
        if (c[i].speaker >= 0 && (uint32_t)c[i].speaker < nc) {
            fputs(" speaker \"", f);
            span(f, d, k[c[i].speaker].tok_begin, k[c[i].speaker].tok_end);
            fputc('"', f);
        }
        fputc('\n', f);
    }
}

static void dates(FILE *f, const sn_doc *d, uint32_t si)
{
    uint32_t n;
    const sn_timex *t = sn_doc_timexes(d, si, &n);
    for (uint32_t i = 0; i < n; i++) {
        char b[16], e[16];
        sn_date_format(&t[i].begin, b);
        sn_date_format(&t[i].end, e);
        fputs("    date \"", f);
        span(f, d, t[i].tok_begin, t[i].tok_end);
        if (t[i].precision == SN_PREC_RANGE)
            fprintf(f, "\" = %s/%s (range)\n", b, e);
        else
            fprintf(f, "\" = %s (%s)\n", b, sn_precision_name(t[i].precision));
    }
}

void cli_view(FILE *f, const sn_doc *d, const char *id)
{
    uint32_t n;
    const sn_sentence *s = sn_doc_sentences(d, &n);
    if (id)
        fprintf(f, "== %s\n", id);
    for (uint32_t i = 0; i < n; i++) {
        fprintf(f, "[%u] %s: ", i, sn_zone_name(s[i].zone));
        span(f, d, s[i].tok_begin, s[i].tok_end);
        fputc('\n', f);
        if (s[i].zone != SN_ZONE_BODY)
            continue;
        tokens(f, d, &s[i]);
        chunks(f, d, i);
        clauses(f, d, i);
        dates(f, d, i);
    }
}
