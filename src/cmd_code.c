/*
 * src/cmd_code.c — `sentinel code`: analyses articles (plain text or JSON
 * Lines, as `parse` reads them) and writes their coded events as JSON
 * Lines (docs/formats.md, "event record") or TSV.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

typedef struct code_opts {
    cli_input in;
    int tsv;
    unsigned modalities;  /* bit per sn_modality to keep; 0 keeps all */
    const char *dict_path;
    sn_analyzer *an;
    sn_coder *coder;
    unsigned long events;
} code_opts;

void cmd_code_usage(FILE *f)
{
    fprintf(f, "usage: sentinel code [--date YYYY-MM-DD] [--input text|jsonl] [--format jsonl|tsv]\n"
               "                     [--modality LIST] [--dict IMAGE] [FILE|-]\n\n"
               "Codes the events of news text: source and target actors, CAMEO code, QuadClass,\n"
               "Goldstein, PLOVER, modality with its cue and attribution, the event's own date\n"
               "and precision, and the evidence span.\n\n"
               "  --date D       publication date for plain text (an article's \"published\" wins)\n"
               "  --input I      text or jsonl, instead of guessing from the first character\n"
               "  --format F     output: jsonl (default) or tsv (with a header line)\n"
               "  --modality L   keep only these modalities, comma-separated (e.g. asserted)\n"
               "  --dict IMAGE   a dictionary image from 'sentinel dict compile' (default: built in)\n"
               "JSON Lines records with \"duplicate_of\" or \"english\":false ('sentinel ingest') are skipped.\n"
               "  -h, --help     this help\n");
}

static int modality_list(const char *s, unsigned *out)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *w = strtok(buf, ","); w; w = strtok(NULL, ",")) {
        int m = sn_modality_from_name(w);
        if (m < 0) {
            cli_error("code", "unknown modality '%s'", w);
            return -1;
        }
        *out |= 1u << m;
    }
    return 0;
}

static int get_opts(int argc, char **argv, code_opts *o)
{
    static const struct option lo[] = {
        {"date", required_argument, 0, 'd'}, {"input", required_argument, 0, 'f'},
        {"format", required_argument, 0, 'o'}, {"modality", required_argument, 0, 'm'},
        {"dict", required_argument, 0, 'D'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:f:o:m:D:h", lo, NULL)) != -1) {
        if (c == 'h') {
            cmd_code_usage(stdout);
            return 100;
        } else if (c == 'd') {
            if (cli_parse_date(optarg, &o->in.date))
                return EXIT_USAGE;
            o->in.has_date = 1;
        } else if (c == 'f' && (!strcmp(optarg, "text") || !strcmp(optarg, "jsonl"))) {
            o->in.format = optarg[0] == 't' ? 1 : 2;
        } else if (c == 'o' && (!strcmp(optarg, "tsv") || !strcmp(optarg, "jsonl"))) {
            o->tsv = optarg[0] == 't';
        } else if (c == 'm') {
            if (modality_list(optarg, &o->modalities))
                return EXIT_USAGE;
        } else if (c == 'D') {
            o->dict_path = optarg;
        } else {
            cmd_code_usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind + 1 < argc) {
        cli_error("code", "one input at a time");
        return EXIT_USAGE;
    }
    o->in.path = optind < argc ? argv[optind] : "-";
    return -1;
}

static void write_tsv(const sn_event *e, const sn_doc *doc, const char *id, uint32_t i)
{
    char date[24], end[12];
    sn_date_format(&e->date_begin, date);
    if (e->date_precision == SN_PREC_RANGE) {
        sn_date_format(&e->date_end, end);
        snprintf(date + strlen(date), sizeof date - strlen(date), "/%s", end);
    }
    printf("%s-%u\t%s\t%u\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%.1f\t%s\t%s\t%s\t%s\t%.2f\n", id ? id : "doc", i,
           id ? id : "", e->sentence, date, sn_precision_name(e->date_precision),
           e->source.code ? e->source.code : "", e->target.code ? e->target.code : "", e->code, e->root_code,
           e->quad_class, e->goldstein, e->plover_type, sn_modality_name(e->modality),
           e->attribution.code ? e->attribution.code : "", e->historical ? "1" : "0", e->confidence);
    (void)doc;
}

static int code_article(void *ctx, const char *where, const char *id, const char *text, size_t n,
                        const sn_date *date)
{
    code_opts *o = ctx;
    const sn_doc *doc;
    const sn_event *ev;
    uint32_t nev;
    sn_rc rc = sn_analyze(o->an, text, n, date, &doc);
    if (!rc)
        rc = sn_code(o->coder, doc, &ev, &nev);
    if (rc) {
        cli_error(where, "%s", sn_rc_str(rc));
        return EXIT_BADINPUT;
    }
    cli_warnings(where, doc);
    for (uint32_t i = 0; i < nev; i++) {
        if (o->modalities && !(o->modalities & (1u << ev[i].modality)))
            continue;
        o->events++;
        if (o->tsv) {
            write_tsv(&ev[i], doc, id, i);
        } else if (sn_event_write_json(&ev[i], doc, id, i, cli_write_stdout, NULL) || putchar('\n') == EOF) {
            cli_error(where, "cannot write output");
            return EXIT_BADINPUT;
        }
    }
    return EXIT_OK;
}

int cmd_code(int argc, char **argv)
{
    code_opts o = {0};
    o.in.skip_copies = 1; /* never code a copy twice, nor other languages as English */
    int rc = get_opts(argc, argv, &o);
    if (rc >= 0)
        return rc == 100 ? EXIT_OK : rc;
    sn_dict *owned = NULL;
    const sn_dict *dict = cli_dict(o.dict_path, &owned);
    if (!dict)
        return EXIT_BADINPUT;
    if (sn_analyzer_new(&o.an, NULL) || sn_coder_new(&o.coder, dict)) {
        cli_error("code", "cannot start the coder");
        rc = EXIT_BADINPUT;
    } else {
        if (o.tsv)
            printf("id\tarticle_id\tsentence\tdate\tdate_precision\tsource\ttarget\tcode\troot_code\t"
                   "quad_class\tgoldstein\tplover_type\tmodality\tattribution\thistorical\tconfidence\n");
        rc = cli_read_articles(&o.in, code_article, &o);
    }
    sn_coder_free(o.coder);
    sn_analyzer_free(o.an);
    sn_dict_close(owned);
    if (fflush(stdout)) {
        cli_error("code", "cannot write output");
        return EXIT_BADINPUT;
    }
    return rc;
}
