/*
 * src/cli.c — input, line reading and error helpers shared by the
 * sentinel subcommands.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

FILE *cli_open(const char *path)
{
    if (!path || !strcmp(path, "-"))
        return stdin;
    FILE *f = fopen(path, "rb");
    if (!f)
        cli_error(path, "%s", strerror(errno));
    return f;
}

void cli_close(FILE *f)
{
    if (f && f != stdin)
        fclose(f);
}

void cli_lines_init(cli_lines *l, FILE *f, size_t cap)
{
    memset(l, 0, sizeof *l);
    l->f = f;
    l->cap = cap;
}

int cli_lines_next(cli_lines *l)
{
    int c;
    l->len = 0;
    l->lineno++;
    while ((c = getc(l->f)) != EOF && c != '\n') {
        if (l->len + 2 > l->alloc) {
            if (l->len >= l->cap) {
                while ((c = getc(l->f)) != EOF && c != '\n')
                    ;
                return -1;
            }
            size_t a = l->alloc ? l->alloc * 2 : 4096;
            char *p = realloc(l->buf, a);
            if (!p)
                return -1;
            l->buf = p;
            l->alloc = a;
        }
        l->buf[l->len++] = (char)c;
    }
    if (c == EOF && l->len == 0)
        return 0;
    if (l->len && l->buf[l->len - 1] == '\r')
        l->len--;
    if (!l->buf && !(l->buf = malloc(1)))
        return -1;
    l->buf[l->len] = '\0';
    return 1;
}

void cli_lines_free(cli_lines *l)
{
    free(l->buf);
    l->buf = NULL;
}

int cli_read_all(FILE *f, size_t cap, char **out, size_t *len)
{
    size_t n = 0, a = 1 << 16;
    char *p = malloc(a);
    while (p) {
        size_t r = fread(p + n, 1, a - n, f);
        n += r;
        if (r == 0)
            break;
        if (n == a) {
            if (a > cap)
                break;
            char *q = realloc(p, a * 2);
            if (!q)
                break;
            p = q;
            a *= 2;
        }
    }
    if (!p || ferror(f) || n > cap) {
        free(p);
        return -1;
    }
    *out = p;
    *len = n;
    return 0;
}

void cli_error(const char *where, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "sentinel: %s%s", where ? where : "", where ? ": " : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_write_stdout(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

void cli_warnings(const char *where, const sn_doc *doc)
{
    const sn_text_warnings *w = sn_doc_warnings(doc);
    if (w->invalid_utf8)
        cli_error(where, "warning: %u invalid UTF-8 bytes replaced by U+FFFD", w->invalid_utf8);
    if (w->truncated_sentences)
        cli_error(where, "warning: %u over-long sentences cut", w->truncated_sentences);
    if (w->token_cap_hit)
        cli_error(where, "warning: token limit reached; the rest of the input was not analysed");
}

int cli_parse_date(const char *s, sn_date *out)
{
    if (sn_date_parse(s, strlen(s), out) || !out->day) {
        cli_error(NULL, "--date wants YYYY-MM-DD, not '%s'", s);
        return -1;
    }
    return 0;
}

const sn_dict *cli_dict(const char *path, sn_dict **owned)
{
    *owned = NULL;
    if (!path) {
        const sn_dict *d = sn_dict_builtin();
        if (!d)
            cli_error(NULL, "the built-in dictionaries are missing or damaged");
        return d;
    }
    sn_error err;
    if (sn_dict_open(path, owned, &err)) {
        cli_error(path, "%s", err.msg);
        return NULL;
    }
    return *owned;
}
