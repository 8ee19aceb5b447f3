/*
 * src/cmd_code.c — `sentinel code`: analyses articles (plain text or JSON
 * Lines, as `parse` reads them) and writes their coded events as JSON
 * Lines (docs/formats.md, "event record") or TSV, each with its location
 * from the gazetteer (lib/geo), or as the event files TABARI and PETRARCH
 * write (docs/compat.md); it also reads their record formats
 * (--input tabari|petrarch).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

typedef struct code_opts {
    cli_input in;
    int tsv;
    int compat;           /* 1: TABARI event file, 2: PETRARCH event file */
    unsigned modalities;  /* bit per sn_modality to keep; 0 keeps all */
    const char *dict_path, *gaz_path;
    int no_geo;
    sn_analyzer *an;
    sn_coder *coder;
    sn_geocoder *geo;
    unsigned long events;
} code_opts;

void cmd_code_usage(FILE *f)
{
    fprintf(f, "usage: sentinel code [--date YYYY-MM-DD] [--input text|jsonl|tabari|petrarch]\n"
               "                     [--format jsonl|tsv|tabari|petrarch]\n"
               "                     [--modality LIST] [--dict IMAGE] [--gazetteer IMAGE] [--no-geo] [FILE|-]\n\n"
               "Codes the events of news text: source and target actors, CAMEO code, QuadClass,\n"
               "Goldstein, PLOVER, modality with its cue and attribution, the event's own date\n"
               "and precision, the evidence span, and where it happened (\"location\").\n\n"
               "  --date D       publication date for plain text (an article's \"published\" wins)\n"
               "  --input I      text or jsonl, instead of guessing from the first character;\n"
               "                 tabari (YYMMDD ID, text, blank line) or petrarch (XML <Sentence>)\n"
               "  --format F     output: jsonl (default), tsv (with a header line), or the event\n"
               "                 files of tabari (date src tgt code label) or petrarch\n"
               "  --modality L   keep only these modalities, comma-separated (e.g. asserted)\n"
               "  --dict IMAGE   a dictionary image from 'sentinel dict compile' (default: built in)\n"
               "  --gazetteer IMAGE  a gazetteer image (default: built in)\n"
               "  --no-geo       do not geolocate (\"location\" is null)\n"
               "  JSON Lines records with \"duplicate_of\" or \"english\":false ('sentinel ingest') are skipped.\n"
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
        {"dict", required_argument, 0, 'D'}, {"gazetteer", required_argument, 0, 'g'},
        {"no-geo", no_argument, 0, 'G'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:f:o:m:D:g:Gh", lo, NULL)) != -1) {
        if (c == 'h') {
            cmd_code_usage(stdout);
            return 100;
        } else if (c == 'd') {
            if (cli_parse_date(optarg, &o->in.date))
                return EXIT_USAGE;
            o->in.has_date = 1;
        } else if (c == 'f' && (!strcmp(optarg, "text") || !strcmp(optarg, "jsonl"))) {
            o->in.format = optarg[0] == 't' ? 1 : 2;
        } else if (c == 'f' && (!strcmp(optarg, "tabari") || !strcmp(optarg, "petrarch"))) {
            o->in.format = optarg[0] == 't' ? 3 : 4;
        } else if (c == 'o' && (!strcmp(optarg, "tsv") || !strcmp(optarg, "jsonl"))) {
            o->tsv = optarg[0] == 't';
        } else if (c == 'o' && (!strcmp(optarg, "tabari") || !strcmp(optarg, "petrarch"))) {
            o->compat = optarg[0] == 't' ? 1 : 2;
        } else if (c == 'm') {
            if (modality_list(optarg, &o->modalities))
                return EXIT_USAGE;
        } else if (c == 'D') {
            o->dict_path = optarg;
        } else if (c == 'g') {
            o->gaz_path = optarg;
        } else if (c == 'G') {
            o->no_geo = 1;
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

/* TSV cells may not hold tabs or line breaks. */
static void tsv_cell(const char *s)
{
    for (; s && *s; s++)
        putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void write_tsv(const sn_event *e, const sn_location *l, const char *id, uint32_t i)
{
    char date[24], end[12];
    sn_date_format(&e->date_begin, date);
    if (e->date_precision == SN_PREC_RANGE) {
        sn_date_format(&e->date_end, end);
        snprintf(date + strlen(date), sizeof date - strlen(date), "/%s", end);
    }
    printf("%s-%u\t%s\t%u\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%.1f\t%s\t%s\t%s\t%s\t%.2f\t", id ? id : "doc", i,
           id ? id : "", e->sentence, date, sn_precision_name(e->date_precision),
           e->source.code ? e->source.code : "", e->target.code ? e->target.code : "", e->code, e->root_code,
           e->quad_class, e->goldstein, e->plover_type, sn_modality_name(e->modality),
           e->attribution.code ? e->attribution.code : "", e->historical ? "1" : "0", e->confidence);
    if (!l) {
        printf("\t\t\t\t\t\t\t\t\t\n");
        return;
    }
    tsv_cell(l->name);
    printf("\t%s\t%s\t%.5f\t%.5f\t%s\t%s\t%s\t%s\t%s\n", l->country, l->adm1, l->lat, l->lon,
           sn_geo_precision_name(l->precision), l->feature_id, l->de_jure, l->de_facto, l->from_dateline ? "1" : "0");
}

/* The event files of the field's coders: TABARI's default
 * "YYMMDD<tab>source<tab>target<tab>code<tab>(LABEL)" and PETRARCH's
 * "YYYYMMDD<tab>source<tab>target<tab>code<tab>id<tab>source". The date is
 * the record's (as they write it), or the event's own without one; an
 * absent actor is TABARI's null code "---". */
static void write_compat(int kind, const sn_event *e, const char *id, const sn_date *date, const char *src)
{
    const sn_date *d = date && date->year ? date : &e->date_begin;
    const char *s = e->source.code ? e->source.code : "---", *t = e->target.code ? e->target.code : "---";
    if (kind == 1) {
        const sn_cameo *c = sn_cameo_find(e->code);
        char label[64];
        size_t k = 0;
        for (const char *p = c ? c->name : ""; *p && k + 1 < sizeof label; p++)
            label[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
        label[k] = '\0';
        printf("%02d%02d%02d\t%s\t%s\t%s\t(%s)\n", d->year % 100, d->month, d->day, s, t, e->code, label);
    } else {
        printf("%04d%02d%02d\t%s\t%s\t%s\t%s\t%s\n", d->year, d->month, d->day, s, t, e->code, id ? id : "",
               src ? src : "");
    }
}

static int code_article(void *ctx, const char *where, const char *id, const char *text, size_t n,
                        const sn_date *date)
{
    code_opts *o = ctx;
    const sn_doc *doc;
    const sn_event *ev;
    uint32_t nev;
    const sn_location *const *locs = NULL;
    sn_rc rc = sn_analyze(o->an, text, n, date, &doc);
    if (!rc)
        rc = sn_code(o->coder, doc, &ev, &nev);
    if (!rc && o->geo)
        rc = sn_geocode(o->geo, doc, ev, nev, &locs);
    if (rc) {
        cli_error(where, "%s", sn_rc_str(rc));
        return EXIT_BADINPUT;
    }
    cli_warnings(where, doc);
    for (uint32_t i = 0; i < nev; i++) {
        if (o->modalities && !(o->modalities & (1u << ev[i].modality)))
            continue;
        o->events++;
        const sn_location *loc = locs && i < SN_GEO_MAX_EVENTS ? locs[i] : NULL, *sl = NULL, *tl = NULL;
        if (locs)
            sn_geocode_actors(o->geo, i, &sl, &tl);
        if (o->compat) {
            write_compat(o->compat, &ev[i], id, date, "");
        } else if (o->tsv) {
            write_tsv(&ev[i], loc, id, i);
        } else if (sn_event_write_json_geo(&ev[i], loc, sl, tl, doc, id, i, cli_write_stdout, NULL) ||
                   putchar('\n') == EOF) {
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
    sn_gazetteer *gowned = NULL;
    const sn_gazetteer *gaz = NULL;
    if (!o.no_geo) {
        sn_error err;
        if (o.gaz_path && sn_gazetteer_open(o.gaz_path, &gowned, &err)) {
            cli_error(o.gaz_path, "%s", err.msg);
            sn_dict_close(owned);
            return EXIT_BADINPUT;
        }
        gaz = o.gaz_path ? gowned : sn_gazetteer_builtin();
    }
    sn_text_limits lim = {0, 0, 0, o.in.format >= 3 ? SN_TEXT_BODY_ONLY : 0}; /* records are story sentences */
    if (sn_analyzer_new(&o.an, &lim) || sn_coder_new(&o.coder, dict) || (gaz && sn_geocoder_new(&o.geo, gaz))) {
        cli_error("code", "cannot start the coder");
        rc = EXIT_BADINPUT;
    } else {
        if (o.tsv)
            printf("id\tarticle_id\tsentence\tdate\tdate_precision\tsource\ttarget\tcode\troot_code\t"
                   "quad_class\tgoldstein\tplover_type\tmodality\tattribution\thistorical\tconfidence\t"
                   "location\tlocation_country\tlocation_adm1\tlat\tlon\tlocation_precision\tfeature_id\t"
                   "de_jure\tde_facto\tfrom_dateline\n");
        rc = cli_read_articles(&o.in, code_article, &o);
    }
    sn_geocoder_free(o.geo);
    sn_coder_free(o.coder);
    sn_analyzer_free(o.an);
    sn_gazetteer_close(gowned);
    sn_dict_close(owned);
    if (fflush(stdout)) {
        cli_error("code", "cannot write output");
        return EXIT_BADINPUT;
    }
    return rc;
}
