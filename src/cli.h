/*
 * src/cli.h — what the sentinel subcommands share: the command table entry,
 * reading a whole input with a cap, a capped line reader, and messages.
 */
#ifndef SN_CLI_H
#define SN_CLI_H

#include <stdio.h>
#include "sentinel/sentinel.h"

/* Exit codes (sentinel(1)). */
enum { EXIT_OK = 0, EXIT_BADINPUT = 1, EXIT_USAGE = 2 };

typedef struct cli_cmd {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
    void (*usage)(FILE *f);
} cli_cmd;

/* Open FILE, or stdin for "-" or NULL; prints an error and returns NULL. */
FILE *cli_open(const char *path);
void cli_close(FILE *f);

/* A capped line reader: lines longer than cap are an error, not a crash. */
typedef struct cli_lines {
    FILE *f;
    char *buf;
    size_t len, alloc, cap;
    unsigned lineno;
} cli_lines;

void cli_lines_init(cli_lines *l, FILE *f, size_t cap);
/* 1: a line is in buf[0..len) (NUL-terminated, no newline); 0: end; -1: too long. */
int cli_lines_next(cli_lines *l);
void cli_lines_free(cli_lines *l);

/* Read all of f up to cap bytes; -1 when larger or on error. */
int cli_read_all(FILE *f, size_t cap, char **out, size_t *len);

void cli_error(const char *where, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cli_write_stdout(void *ctx, const char *p, size_t n);
/* Where articles come from: a file or "-", its format, a default date. */
typedef struct cli_input {
    const char *path;
    int format;     /* 0 guess, 1 plain text, 2 JSON Lines, 3 TABARI records, 4 PETRARCH XML */
    sn_date date;   /* for articles without "published" */
    int has_date;
    int skip_copies; /* skip records with "duplicate_of" or "english": false (code) */
} cli_input;

/* Called per article; returns an exit code (EXIT_OK to go on). */
typedef int (*cli_article_fn)(void *ctx, const char *where, const char *id, const char *text, size_t n,
                              const sn_date *published);

/* Read every article of o->path; the worst exit code of the callbacks or
 * of the input itself. */
int cli_read_articles(const cli_input *o, cli_article_fn fn, void *ctx);
/* Parse a --date value; prints an error and returns -1 when bad. */
int cli_parse_date(const char *s, sn_date *out);
/* The dictionary at path (owned: close it), or the built-in one; NULL with
 * an error printed. */
const sn_dict *cli_dict(const char *path, sn_dict **owned);
/* Print the document's warnings (invalid UTF-8, cut sentences) to stderr. */
void cli_warnings(const char *where, const sn_doc *doc);

/* The human-readable view of an analysed document (src/view.c). */
void cli_view(FILE *f, const sn_doc *d, const char *id);

#endif
