/*
 * src/input.c — reading the articles a command works on: plain text (one
 * article) or JSON Lines records, guessed from the first character unless
 * told. Each article goes to a callback; a bad record is reported as
 * FILE:LINE:COL and skipped, and the rest are still read.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

#define MAX_INPUT ((size_t)64 << 20)
#define BINARY_PROBE 65536

static int blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!p[i] || !strchr(" \t\r\n\f\v", p[i]))
            return 0;
    return 1;
}

/* The whole input: the bytes sniff() already took, then the rest. */
static int read_text(FILE *f, const char *pre, size_t npre, char **out, size_t *n)
{
    char *rest;
    size_t nrest;
    if (cli_read_all(f, MAX_INPUT - npre, &rest, &nrest))
        return -1;
    char *buf = malloc(npre + nrest + 1);
    if (!buf) {
        free(rest);
        return -1;
    }
    memcpy(buf, pre, npre);
    memcpy(buf + npre, rest, nrest);
    free(rest);
    *out = buf;
    *n = npre + nrest;
    return 0;
}

static int read_plain(FILE *f, const cli_input *o, const char *pre, size_t npre, cli_article_fn fn, void *ctx)
{
    char *buf;
    size_t n;
    if (read_text(f, pre, npre, &buf, &n)) {
        cli_error(o->path, "cannot read input, or it is larger than %zu MiB", MAX_INPUT >> 20);
        return EXIT_BADINPUT;
    }
    size_t nul = 0, probe = n < BINARY_PROBE ? n : BINARY_PROBE;
    for (size_t i = 0; i < probe; i++)
        nul += buf[i] == '\0';
    int rc = EXIT_OK;
    if (blank(buf, n)) {
        cli_error(o->path, "empty input: nothing to analyse");
        rc = EXIT_BADINPUT;
    } else if (nul) {
        cli_error(o->path, "input looks like binary data (%zu NUL bytes in the first %zu); not text", nul, probe);
        rc = EXIT_BADINPUT;
    } else {
        rc = fn(ctx, o->path, NULL, buf, n, o->has_date ? &o->date : NULL);
    }
    free(buf);
    return rc;
}

static int read_jsonl(FILE *f, const cli_input *o, cli_article_fn fn, void *ctx)
{
    cli_lines l;
    cli_lines_init(&l, f, MAX_INPUT);
    int rc = EXIT_OK, r, records = 0;
    unsigned long dups = 0, foreign = 0;
    char where[512];
    while ((r = cli_lines_next(&l)) != 0) {
        if (r < 0) {
            cli_error(o->path, "%u: line longer than %zu MiB; skipped", l.lineno, MAX_INPUT >> 20);
            rc = EXIT_BADINPUT;
            continue;
        }
        if (blank(l.buf, l.len))
            continue;
        sn_article a = {0};
        sn_error err;
        if (sn_article_parse_json(l.buf, l.len, &a, &err)) {
            cli_error(NULL, "%s:%u:%u: %s", o->path, l.lineno, err.col, err.msg);
            rc = EXIT_BADINPUT;
            continue;
        }
        records++;
        if (o->skip_copies && (a.duplicate_of || a.english == 0)) {
            /* a copy of an article already read, or not in English */
            a.duplicate_of ? dups++ : foreign++;
            sn_article_clear(&a);
            continue;
        }
        snprintf(where, sizeof where, "%s:%u", o->path, l.lineno);
        const sn_date *d = a.published.year ? &a.published : o->has_date ? &o->date : NULL;
        if (fn(ctx, where, a.id, a.text, a.text_len, d))
            rc = EXIT_BADINPUT;
        sn_article_clear(&a);
    }
    cli_lines_free(&l);
    if (dups || foreign)
        cli_error(o->path, "skipped %lu copies of other articles and %lu articles not in English", dups, foreign);
    if (!records && rc == EXIT_OK) {
        cli_error(o->path, "empty input: no records");
        rc = EXIT_BADINPUT;
    }
    return rc;
}

typedef struct rec_ctx {
    const cli_input *o;
    cli_article_fn fn;
    void *ctx;
    int rc;
} rec_ctx;

static int on_record(void *ctx, const sn_record *r)
{
    rec_ctx *rc = ctx;
    char where[512];
    snprintf(where, sizeof where, "%s:%u", rc->o->path, r->line);
    const sn_date *d = r->has_date ? &r->date : rc->o->has_date ? &rc->o->date : NULL;
    if (r->is_sentence && r->len && rc->fn(rc->ctx, where, r->id, r->text, r->len, d))
        rc->rc = EXIT_BADINPUT;
    return 0;
}

static void on_record_warn(void *ctx, unsigned line, const char *msg)
{
    cli_error(NULL, "%s:%u: %s", ((rec_ctx *)ctx)->o->path, line, msg);
}

/* TABARI text records (format 3) or PETRARCH XML (format 4). */
static int read_records(FILE *f, const cli_input *o, cli_article_fn fn, void *ctx)
{
    char *buf;
    size_t n;
    if (cli_read_all(f, MAX_INPUT, &buf, &n)) {
        cli_error(o->path, "cannot read input, or it is larger than %zu MiB", MAX_INPUT >> 20);
        return EXIT_BADINPUT;
    }
    rec_ctx rc = {o, fn, ctx, EXIT_OK};
    sn_error err = {0};
    int r = o->format == 3 ? sn_records_tabari(buf, n, on_record, on_record_warn, &rc, &err)
                           : sn_records_petrarch(buf, n, on_record, on_record_warn, &rc, &err);
    free(buf);
    if (r < 0) {
        cli_error(o->path, "%s", err.msg);
        return EXIT_BADINPUT;
    }
    return rc.rc;
}

/* Guess the format from the first non-blank byte; the blanks read on the
 * way are kept in pre (up to a cap) so plain text keeps its offsets. */
static int sniff(FILE *f, char *pre, size_t cap, size_t *npre)
{
    int c = ' ';
    *npre = 0;
    while (*npre < cap && (c = getc(f)) != EOF && c && strchr(" \t\r\n", c))
        pre[(*npre)++] = (char)c;
    if (*npre == cap)
        return 1;
    if (c != EOF)
        ungetc(c, f);
    return c == '{' ? 2 : 1;
}

int cli_read_articles(const cli_input *o, cli_article_fn fn, void *ctx)
{
    FILE *f = cli_open(o->path);
    if (!f)
        return EXIT_BADINPUT;
    static char pre[4096];
    size_t npre = 0;
    int fmt = o->format ? o->format : sniff(f, pre, sizeof pre, &npre);
    int rc = fmt >= 3 ? read_records(f, o, fn, ctx)
             : fmt == 2 ? read_jsonl(f, o, fn, ctx) : read_plain(f, o, pre, npre, fn, ctx);
    cli_close(f);
    return rc;
}
