/*
 * src/cmd_parse.c — `sentinel parse`: runs the text-analysis stage over
 * plain text or JSON Lines articles and writes one JSON object per article
 * (docs/formats.md). A bad record is reported as FILE:LINE:COL and skipped;
 * the others are still written.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

#define MAX_INPUT ((size_t)64 << 20)
#define BINARY_PROBE 65536

typedef struct parse_opts {
    sn_date date;
    int has_date;
    int format; /* 0 auto, 1 text, 2 jsonl */
    int view;   /* --output text */
    const char *path;
} parse_opts;

void cmd_parse_usage(FILE *f)
{
    fprintf(f, "usage: sentinel parse [--date YYYY-MM-DD] [--format text|jsonl] [--output json|text] [FILE|-]\n\n"
               "Analyses news text and writes JSON Lines: sentences with their zone, tokens\n"
               "(text, lemma, Penn tag, byte span), chunks, clauses and time expressions\n"
               "resolved against the publication date.\n\n"
               "Input is plain text, or JSON Lines articles {\"id\",\"url\",\"title\",\"text\",\n"
               "\"published\",\"source\",\"lang\"}; by default a first character '{' means JSON Lines.\n\n"
               "  --date D     publication date for plain text (an article's own \"published\" wins)\n"
               "  --format F   input: text or jsonl, instead of guessing\n"
               "  --output O   json (default: one JSON object per article) or text (for reading)\n"
               "  -h, --help   this help\n");
}

static int get_opts(int argc, char **argv, parse_opts *o)
{
    static const struct option lo[] = {
        {"date", required_argument, 0, 'd'}, {"format", required_argument, 0, 'f'},
        {"output", required_argument, 0, 'o'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:f:o:h", lo, NULL)) != -1) {
        if (c == 'h') {
            cmd_parse_usage(stdout);
            return EXIT_OK + 100;
        } else if (c == 'd') {
            if (sn_date_parse(optarg, strlen(optarg), &o->date) || !o->date.day) {
                cli_error("parse", "--date wants YYYY-MM-DD, not '%s'", optarg);
                return EXIT_USAGE;
            }
            o->has_date = 1;
        } else if (c == 'f' && (!strcmp(optarg, "text") || !strcmp(optarg, "jsonl"))) {
            o->format = optarg[0] == 't' ? 1 : 2;
        } else if (c == 'o' && (!strcmp(optarg, "text") || !strcmp(optarg, "json"))) {
            o->view = optarg[0] == 't';
        } else {
            cmd_parse_usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind + 1 < argc) {
        cli_error("parse", "one input at a time");
        return EXIT_USAGE;
    }
    o->path = optind < argc ? argv[optind] : "-";
    return -1;
}

static int analyse(sn_analyzer *an, const parse_opts *o, const char *where, const char *id, const char *text,
                   size_t n, const sn_date *date)
{
    const sn_doc *doc;
    sn_rc rc = sn_analyze(an, text, n, date, &doc);
    if (!rc && o->view)
        cli_view(stdout, doc, id);
    else if (!rc)
        rc = sn_doc_write_json(doc, id, cli_write_stdout, NULL);
    if (rc) {
        cli_error(where, "%s", sn_rc_str(rc));
        return EXIT_BADINPUT;
    }
    const sn_text_warnings *w = sn_doc_warnings(doc);
    if (w->invalid_utf8)
        cli_error(where, "warning: %u invalid UTF-8 bytes replaced by U+FFFD", w->invalid_utf8);
    if (w->truncated_sentences)
        cli_error(where, "warning: %u over-long sentences cut", w->truncated_sentences);
    if (w->token_cap_hit)
        cli_error(where, "warning: token limit reached; the rest of the input was not analysed");
    return EXIT_OK;
}

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

static int parse_text(sn_analyzer *an, FILE *f, const parse_opts *o, const char *pre, size_t npre)
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
        rc = analyse(an, o, o->path, NULL, buf, n, o->has_date ? &o->date : NULL);
    }
    free(buf);
    return rc;
}

static int parse_jsonl(sn_analyzer *an, FILE *f, const parse_opts *o)
{
    cli_lines l;
    cli_lines_init(&l, f, MAX_INPUT);
    int rc = EXIT_OK, r, records = 0;
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
        snprintf(where, sizeof where, "%s:%u", o->path, l.lineno);
        const sn_date *d = a.published.year ? &a.published : o->has_date ? &o->date : NULL;
        if (analyse(an, o, where, a.id, a.text, a.text_len, d))
            rc = EXIT_BADINPUT;
        sn_article_clear(&a);
    }
    cli_lines_free(&l);
    if (!records && rc == EXIT_OK) {
        cli_error(o->path, "empty input: no records");
        rc = EXIT_BADINPUT;
    }
    return rc;
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

int cmd_parse(int argc, char **argv)
{
    parse_opts o = {0};
    int rc = get_opts(argc, argv, &o);
    if (rc >= 0)
        return rc == EXIT_OK + 100 ? EXIT_OK : rc;
    FILE *f = cli_open(o.path);
    if (!f)
        return EXIT_BADINPUT;
    sn_analyzer *an;
    if (sn_analyzer_new(&an, NULL)) {
        cli_error("parse", "cannot start the analyzer");
        cli_close(f);
        return EXIT_BADINPUT;
    }
    static char pre[4096];
    size_t npre = 0;
    int fmt = o.format ? o.format : sniff(f, pre, sizeof pre, &npre);
    rc = fmt == 2 ? parse_jsonl(an, f, &o) : parse_text(an, f, &o, pre, npre);
    sn_analyzer_free(an);
    cli_close(f);
    if (fflush(stdout)) {
        cli_error("parse", "cannot write output");
        return EXIT_BADINPUT;
    }
    return rc;
}
