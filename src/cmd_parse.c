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

typedef struct parse_opts {
    cli_input in;
    int view;   /* --output text */
    sn_analyzer *an;
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
            if (sn_date_parse(optarg, strlen(optarg), &o->in.date) || !o->in.date.day) {
                cli_error("parse", "--date wants YYYY-MM-DD, not '%s'", optarg);
                return EXIT_USAGE;
            }
            o->in.has_date = 1;
        } else if (c == 'f' && (!strcmp(optarg, "text") || !strcmp(optarg, "jsonl"))) {
            o->in.format = optarg[0] == 't' ? 1 : 2;
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
    o->in.path = optind < argc ? argv[optind] : "-";
    return -1;
}

static int analyse(void *ctx, const char *where, const char *id, const char *text, size_t n, const sn_date *date)
{
    const parse_opts *o = ctx;
    const sn_doc *doc;
    sn_rc rc = sn_analyze(o->an, text, n, date, &doc);
    if (!rc && o->view)
        cli_view(stdout, doc, id);
    else if (!rc)
        rc = sn_doc_write_json(doc, id, cli_write_stdout, NULL);
    if (rc) {
        cli_error(where, "%s", sn_rc_str(rc));
        return EXIT_BADINPUT;
    }
    cli_warnings(where, doc);
    return EXIT_OK;
}

int cmd_parse(int argc, char **argv)
{
    parse_opts o = {0};
    int rc = get_opts(argc, argv, &o);
    if (rc >= 0)
        return rc == EXIT_OK + 100 ? EXIT_OK : rc;
    if (sn_analyzer_new(&o.an, NULL)) {
        cli_error("parse", "cannot start the analyzer");
        return EXIT_BADINPUT;
    }
    rc = cli_read_articles(&o.in, analyse, &o);
    sn_analyzer_free(o.an);
    if (fflush(stdout)) {
        cli_error("parse", "cannot write output");
        return EXIT_BADINPUT;
    }
    return rc;
}
