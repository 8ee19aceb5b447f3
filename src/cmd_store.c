/*
 * src/cmd_store.c — the commands that read and re-code the event store:
 * `sentinel events` (query, as a table, JSON Lines, CSV or TSV),
 * `sentinel articles`, `sentinel stats`, `sentinel export` (GDELT 2.0
 * Events and Mentions TSV, ACLED-style CSV, JSON Lines, GeoJSON) and
 * `sentinel recode` (docs/storage.md). Each takes --db FILE; without it
 * $SENTINEL_HOME/sentinel.db, else ./sentinel.db.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "store_cli.h"

/* ---- the event filter options, shared by events and export ---- */

#define FILTER_OPTS                                                                                              \
    {"actor", required_argument, 0, 'a'}, {"code", required_argument, 0, 'c'},                                   \
        {"plover", required_argument, 0, 'P'}, {"quad", required_argument, 0, 'q'},                             \
        {"modality", required_argument, 0, 'm'}, {"country", required_argument, 0, 'C'},                        \
        {"bbox", required_argument, 0, 'b'}, {"near", required_argument, 0, 'n'},                               \
        {"from", required_argument, 0, 'F'}, {"to", required_argument, 0, 'T'},                                 \
        {"min-sources", required_argument, 0, 's'}, {"text", required_argument, 0, 'x'},                        \
        {"retracted", no_argument, 0, 'r'}, {"limit", required_argument, 0, 'l'},                               \
        {"db", required_argument, 0, 'B'}, {"help", no_argument, 0, 'h'},                                      \
        {"source", required_argument, 0, 'S'}, {"target", required_argument, 0, 'G'}

static const char filter_help[] =
    "  --db FILE          the store (default $SENTINEL_HOME/sentinel.db, else ./sentinel.db)\n"
    "  --actor A          source or target: a code prefix in capitals (RUS, GEOMIL), or a\n"
    "                     name in the actors' text (Georgian)\n"
    "  --source C, --target C  code prefix of each side (both: a dyad)\n"
    "  --code C           CAMEO code or prefix: 19 (a root), 195\n"
    "  --plover T         PLOVER type (ASSAULT)\n"
    "  --quad N           QuadClass 1-4\n"
    "  --modality M       asserted, future, claimed, ...\n"
    "  --country CC       ISO 3166-1 alpha-3 code of the event's place (GEO)\n"
    "  --bbox W,S,E,N     longitude and latitude bounds\n"
    "  --near LAT,LON,KM  within KM kilometres of a point\n"
    "  --from D, --to D   date range (YYYY-MM-DD, inclusive)\n"
    "  --min-sources N    at least N independent sources\n"
    "  --text Q           full-text search over the evidence (FTS5 syntax)\n"
    "  --retracted        include events retracted by a recode\n"
    "  --limit N          at most N events\n";

static int valid_date(const char *s)
{
    sn_date d;
    return !cli_parse_date(s, &d);
}

/* 1: handled; 0: not a filter option; -1: bad value (printed). */
static int filter_opt(int c, const char *arg, sn_event_filter *f, const char **db)
{
    char *end;
    switch (c) {
    case 'a': f->actor = arg; return 1;
    case 'c': f->code = arg; return 1;
    case 'S': f->source = arg; return 1;
    case 'G': f->target = arg; return 1;
    case 'P': f->plover = arg; return 1;
    case 'C': f->country = arg; return 1;
    case 'x': f->text = arg; return 1;
    case 'r': f->include_retracted = 1; return 1;
    case 'B': *db = arg; return 1;
    case 'q':
        f->quad_class = (int)strtol(arg, &end, 10);
        if (*end || f->quad_class < 1 || f->quad_class > 4) {
            cli_error(NULL, "--quad wants 1, 2, 3 or 4, not '%s'", arg);
            return -1;
        }
        return 1;
    case 'm': {
        int m = sn_modality_from_name(arg);
        if (m < 0) {
            cli_error(NULL, "unknown modality '%s'", arg);
            return -1;
        }
        f->modality = m + 1;
        return 1;
    }
    case 'b':
        if (sscanf(arg, "%lf,%lf,%lf,%lf", &f->min_lon, &f->min_lat, &f->max_lon, &f->max_lat) != 4 ||
            f->min_lon > f->max_lon || f->min_lat > f->max_lat) {
            cli_error(NULL, "--bbox wants WEST,SOUTH,EAST,NORTH, not '%s'", arg);
            return -1;
        }
        f->has_bbox = 1;
        return 1;
    case 'n':
        if (sscanf(arg, "%lf,%lf,%lf", &f->lat, &f->lon, &f->radius_km) != 3 || f->radius_km <= 0 ||
            fabs(f->lat) > 90 || fabs(f->lon) > 180) {
            cli_error(NULL, "--near wants LAT,LON,KM, not '%s'", arg);
            return -1;
        }
        f->has_radius = 1;
        return 1;
    case 'F':
    case 'T':
        if (!valid_date(arg))
            return -1;
        if (c == 'F')
            f->from = arg;
        else
            f->to = arg;
        return 1;
    case 's':
    case 'l': {
        long v = strtol(arg, &end, 10);
        if (*end || v < 0 || v > 100000000) {
            cli_error(NULL, "--%s wants a count, not '%s'", c == 's' ? "min-sources" : "limit", arg);
            return -1;
        }
        if (c == 's')
            f->min_sources = (unsigned)v;
        else
            f->limit = (unsigned)v;
        return 1;
    }
    }
    return 0;
}

static void store_failed(const sn_error *err)
{
    cli_error(NULL, "%s", err->msg[0] ? err->msg : sn_rc_str(err->rc));
}

/* ---- sentinel events ---- */

void cmd_events_usage(FILE *f)
{
    fprintf(f, "usage: sentinel events [--format table|jsonl|csv|tsv] [FILTER...]\n\n"
               "Lists the stored events (one per event, however many reports carried it) that\n"
               "match every filter given, by date, with their counts of mentions, sources and\n"
               "articles and their first evidence.\n\n"
               "  --format F         table (default), jsonl, csv or tsv\n"
               "  --explain          show the query plan instead of the events\n%s"
               "  -h, --help         this help\n",
               filter_help);
}

static int table_row(void *ctx, const sn_stored_event *e)
{
    (void)ctx;
    char ev[80];
    snprintf(ev, sizeof ev, "%s", e->evidence ? e->evidence : "");
    if (e->evidence && strlen(e->evidence) >= sizeof ev)
        memcpy(ev + sizeof ev - 4, "...", 4);
    for (char *p = ev; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    printf("%-6lld %-10s %-5s %-8s %-8s %-4s %-11s %-8s %-16.16s %3u %3u %3u  %s%s\n", (long long)e->id, e->date,
           e->date_precision, e->source_code ? e->source_code : "-", e->target_code ? e->target_code : "-", e->code,
           e->modality, e->historical ? "hist" : "", e->has_location ? e->place : "-", e->num_mentions,
           e->num_sources, e->num_articles, e->retracted ? "[retracted] " : "", ev);
    return 0;
}

static int write_stdout(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

int cmd_events(int argc, char **argv)
{
    static const struct option lo[] = {{"format", required_argument, 0, 'f'}, {"explain", no_argument, 0, 'E'},
                                       FILTER_OPTS, {0, 0, 0, 0}};
    sn_event_filter f = {0};
    const char *db = NULL;
    int fmt = -1, c, r, explain = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        if (c == 'h') {
            cmd_events_usage(stdout);
            return EXIT_OK;
        } else if (c == 'E') {
            explain = 1;
        } else if (c == 'f') {
            if (!strcmp(optarg, "table"))
                fmt = -1;
            else if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "csv") || !strcmp(optarg, "tsv"))
                fmt = sn_export_format_from_name(optarg);
            else {
                cli_error("events", "--format wants table, jsonl, csv or tsv, not '%s'", optarg);
                return EXIT_USAGE;
            }
        } else if ((r = filter_opt(c, optarg, &f, &db)) <= 0) {
            if (!r)
                cmd_events_usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_error("events", "unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    sn_store *s = store_cli_open(db);
    if (!s)
        return EXIT_BADINPUT;
    sn_error err = {0};
    sn_rc rc;
    if (explain) {
        rc = sn_store_explain(s, &f, write_stdout, NULL, &err);
    } else if (fmt < 0) {
        printf("%-6s %-10s %-5s %-8s %-8s %-4s %-11s %-8s %-16s %3s %3s %3s  %s\n", "id", "date", "prec", "source",
               "target", "code", "modality", "", "place", "men", "src", "art", "evidence");
        rc = sn_store_events(s, &f, table_row, NULL, &err);
    } else {
        rc = sn_store_export(s, (sn_export_format)fmt, &f, write_stdout, NULL, &err);
    }
    if (rc)
        store_failed(&err);
    sn_store_close(s);
    return rc || fflush(stdout) ? EXIT_BADINPUT : EXIT_OK;
}

/* ---- sentinel export ---- */

void cmd_export_usage(FILE *f)
{
    fprintf(f, "usage: sentinel export --format gdelt|gdelt-mentions|acled|jsonl|geojson|csv|tsv\n"
               "                       [--mentions FILE] [-o FILE] [FILTER...]\n\n"
               "Writes the stored events that match the filters in a format of the field:\n"
               "gdelt is GDELT 2.0 Events TSV (61 columns, GDELT's order, no header line);\n"
               "gdelt-mentions is the GDELT 2.0 Mentions TSV (16 columns); with --format gdelt,\n"
               "--mentions FILE writes the Mentions table of the same events too. acled is an\n"
               "ACLED-style CSV with a header; geojson a FeatureCollection of located events.\n\n"
               "  -o, --output FILE  write there instead of stdout\n%s"
               "  -h, --help         this help\n",
               filter_help);
}

static int write_file(void *ctx, const char *p, size_t n)
{
    return fwrite(p, 1, n, (FILE *)ctx) == n ? 0 : -1;
}

int cmd_export(int argc, char **argv)
{
    static const struct option lo[] = {{"format", required_argument, 0, 'f'},
                                       {"mentions", required_argument, 0, 'M'},
                                       {"output", required_argument, 0, 'o'}, FILTER_OPTS, {0, 0, 0, 0}};
    sn_event_filter f = {0};
    const char *db = NULL, *mentions = NULL, *out = NULL;
    int fmt = -1, c, r;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:", lo, NULL)) != -1) {
        if (c == 'h') {
            cmd_export_usage(stdout);
            return EXIT_OK;
        } else if (c == 'f') {
            if ((fmt = sn_export_format_from_name(optarg)) < 0) {
                cli_error("export", "unknown format '%s'", optarg);
                return EXIT_USAGE;
            }
        } else if (c == 'M') {
            mentions = optarg;
        } else if (c == 'o') {
            out = optarg;
        } else if ((r = filter_opt(c, optarg, &f, &db)) <= 0) {
            if (!r)
                cmd_export_usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (fmt < 0 || optind < argc) {
        cli_error("export", fmt < 0 ? "--format is required" : "unexpected argument");
        return EXIT_USAGE;
    }
    sn_store *s = store_cli_open(db);
    if (!s)
        return EXIT_BADINPUT;
    FILE *fo = out ? fopen(out, "w") : stdout, *fm = NULL;
    if (!fo || (mentions && !(fm = fopen(mentions, "w")))) {
        cli_error(fo ? mentions : out, "cannot write");
        if (fo && fo != stdout)
            fclose(fo);
        sn_store_close(s);
        return EXIT_BADINPUT;
    }
    sn_error err = {0};
    sn_rc rc = sn_store_export(s, (sn_export_format)fmt, &f, write_file, fo, &err);
    if (!rc && fm)
        rc = sn_store_export(s, SN_EXPORT_GDELT_MENTIONS, &f, write_file, fm, &err);
    if (rc)
        store_failed(&err);
    int bad = rc != 0;
    bad |= fm && fclose(fm);
    bad |= fo != stdout ? fclose(fo) : fflush(stdout);
    sn_store_close(s);
    return bad ? EXIT_BADINPUT : EXIT_OK;
}

/* ---- sentinel articles ---- */

void cmd_articles_usage(FILE *f)
{
    fprintf(f, "usage: sentinel articles [--db FILE] [--since DATE] [--limit N] [--format table|jsonl]\n\n"
               "Lists the stored articles: id, publication date, source, reports (the times it\n"
               "was seen, at a URL, from a source), current mentions, and title or URL.\n");
}

static int article_row(void *ctx, const sn_stored_article *a)
{
    if (ctx) {
        {
            printf("{\"id\":%lld,\"url\":", (long long)a->id);
            const char *v[] = {a->url, a->canonical_url, a->source, a->title, a->lang, a->published, a->added};
            const char *k[] = {"url", "canonical_url", "source", "title", "lang", "published", "added"};
            for (int i = 0; i < 7; i++) {
                if (i)
                    printf(",\"%s\":", k[i]);
                if (!v[i]) {
                    fputs("null", stdout);
                    continue;
                }
                putchar('"');
                for (const unsigned char *p = (const unsigned char *)v[i]; *p; p++) {
                    if (*p == '"' || *p == '\\')
                        printf("\\%c", *p);
                    else if (*p < 0x20)
                        printf("\\u%04x", *p);
                    else
                        putchar(*p);
                }
                putchar('"');
            }
            printf(",\"reports\":%u,\"mentions\":%u}\n", a->reports, a->mentions);
        }
        return 0;
    }
    printf("%-6lld %-10s %-24.24s %3u %4u  %s\n", (long long)a->id, a->published ? a->published : "-",
           a->source ? a->source : "-", a->reports, a->mentions, a->title ? a->title : a->url ? a->url : "");
    return 0;
}

int cmd_articles(int argc, char **argv)
{
    static const struct option lo[] = {{"db", required_argument, 0, 'B'}, {"since", required_argument, 0, 'S'},
                                       {"limit", required_argument, 0, 'l'},
                                       {"format", required_argument, 0, 'f'}, {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
    const char *db = NULL, *since = NULL;
    unsigned limit = 0;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        if (c == 'h') {
            cmd_articles_usage(stdout);
            return EXIT_OK;
        } else if (c == 'B') {
            db = optarg;
        } else if (c == 'S') {
            if (!valid_date(optarg))
                return EXIT_USAGE;
            since = optarg;
        } else if (c == 'l') {
            limit = (unsigned)strtoul(optarg, NULL, 10);
        } else if (c == 'f' && (!strcmp(optarg, "table") || !strcmp(optarg, "jsonl"))) {
            json = optarg[0] == 'j';
        } else {
            cmd_articles_usage(stderr);
            return EXIT_USAGE;
        }
    }
    sn_store *s = store_cli_open(db);
    if (!s)
        return EXIT_BADINPUT;
    if (!json)
        printf("%-6s %-10s %-24s %3s %4s  %s\n", "id", "published", "source", "rep", "men", "title");
    sn_error err = {0};
    sn_rc rc = sn_store_articles(s, since, 0, limit, article_row, json ? (void *)1 : NULL, &err);
    if (rc)
        store_failed(&err);
    sn_store_close(s);
    return rc ? EXIT_BADINPUT : EXIT_OK;
}

/* ---- sentinel stats ---- */

void cmd_stats_usage(FILE *f)
{
    fprintf(f, "usage: sentinel stats [--db FILE]\n\nCounts what the store holds, table by table.\n");
}

int cmd_stats(int argc, char **argv)
{
    static const struct option lo[] = {{"db", required_argument, 0, 'B'}, {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
    const char *db = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        if (c == 'h') {
            cmd_stats_usage(stdout);
            return EXIT_OK;
        } else if (c == 'B') {
            db = optarg;
        } else {
            cmd_stats_usage(stderr);
            return EXIT_USAGE;
        }
    }
    sn_store *s = store_cli_open(db);
    if (!s)
        return EXIT_BADINPUT;
    sn_store_stats st;
    sn_error err = {0};
    sn_rc rc = sn_store_get_stats(s, &st, &err);
    if (rc) {
        store_failed(&err);
    } else {
        printf("backend          %s\nschema_version   %d\n", sn_store_backend(s), st.schema_version);
        const char *names[] = {"sources", "feeds", "articles", "reports", "sentences", "events",
                               "events_retracted", "mentions", "mentions_retracted", "actors", "places",
                               "situations", "changes", "dict_versions"};
        uint64_t v[] = {st.sources, st.feeds, st.articles, st.reports, st.sentences, st.events,
                        st.events_retracted, st.mentions, st.mentions_retracted, st.actors, st.places,
                        st.situations, st.changes, st.dict_versions};
        for (int i = 0; i < 14; i++)
            printf("%-16s %llu\n", names[i], (unsigned long long)v[i]);
    }
    sn_store_close(s);
    return rc ? EXIT_BADINPUT : EXIT_OK;
}

/* ---- sentinel recode ---- */

void cmd_recode_usage(FILE *f)
{
    fprintf(f, "usage: sentinel recode [--db FILE] [--since DATE] [--dict IMAGE]\n\n"
               "Re-codes the stored articles (added on or after --since) with the current\n"
               "dictionary (or IMAGE) and brings their events in line: new events are merged\n"
               "in, mentions no longer found are marked retracted, and events left with no\n"
               "mention are retracted, not deleted; every change is recorded with the\n"
               "dictionary version. Running it twice changes nothing the second time.\n");
}

typedef struct recoder {
    sn_store *s;
    sn_analyzer *an;
    sn_coder *coder;
    sn_geocoder *geo;
    int64_t *ids;
    size_t n, cap;
    unsigned long articles, added, retracted, events_retracted, failed;
} recoder;

static int collect_id(void *ctx, const sn_stored_article *a)
{
    recoder *r = ctx;
    if (r->n == r->cap) {
        size_t c = r->cap ? r->cap * 2 : 256;
        int64_t *p = realloc(r->ids, c * sizeof *p);
        if (!p)
            return 1;
        r->ids = p;
        r->cap = c;
    }
    r->ids[r->n++] = a->id;
    return 0;
}

static int recode_one(void *ctx, const sn_stored_article *a)
{
    recoder *r = ctx;
    sn_date pub = {0}, *pp = NULL;
    if (a->published && !cli_parse_date(a->published, &pub))
        pp = &pub;
    const sn_doc *doc;
    const sn_event *ev = NULL;
    const sn_location *const *locs = NULL;
    uint32_t n = 0;
    sn_rc rc = SN_OK;
    if (!a->lang || !strcmp(a->lang, "en")) {
        rc = sn_analyze(r->an, a->text, a->text_len, pp, &doc);
        if (!rc)
            rc = sn_code(r->coder, doc, &ev, &n);
        if (!rc)
            rc = sn_geocode(r->geo, doc, ev, n, &locs);
    } else {
        doc = NULL;
    }
    sn_store_put res;
    sn_error err = {0};
    if (!rc)
        rc = sn_store_recode_article(r->s, a->id, doc, ev, locs, n, &res, &err);
    if (rc) {
        cli_error(NULL, "article %lld: %s", (long long)a->id, err.msg[0] ? err.msg : sn_rc_str(rc));
        r->failed++;
        return 0;
    }
    r->articles++;
    r->added += res.mentions_new;
    r->retracted += res.mentions_retracted;
    r->events_retracted += res.events_retracted;
    return 0;
}

int cmd_recode(int argc, char **argv)
{
    static const struct option lo[] = {{"db", required_argument, 0, 'B'}, {"since", required_argument, 0, 'S'},
                                       {"dict", required_argument, 0, 'D'}, {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
    const char *db = NULL, *since = NULL, *dict_path = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        if (c == 'h') {
            cmd_recode_usage(stdout);
            return EXIT_OK;
        } else if (c == 'B') {
            db = optarg;
        } else if (c == 'S') {
            if (!valid_date(optarg))
                return EXIT_USAGE;
            since = optarg;
        } else if (c == 'D') {
            dict_path = optarg;
        } else {
            cmd_recode_usage(stderr);
            return EXIT_USAGE;
        }
    }
    sn_dict *owned = NULL;
    const sn_dict *dict = cli_dict(dict_path, &owned);
    if (!dict)
        return EXIT_BADINPUT;
    recoder r = {0};
    char v[4200];
    sn_error err = {0};
    int status = EXIT_OK;
    store_cli_dict_version(dict_path, v, sizeof v);
    if (!(r.s = store_cli_open(db))) {
        sn_dict_close(owned);
        return EXIT_BADINPUT;
    }
    if (sn_analyzer_new(&r.an, NULL) || sn_coder_new(&r.coder, dict) ||
        sn_geocoder_new(&r.geo, sn_gazetteer_builtin())) {
        cli_error("recode", "cannot start the coder");
        status = EXIT_BADINPUT;
    } else if (sn_store_set_dict_version(r.s, v, &err) || sn_store_articles(r.s, since, 0, 0, collect_id, &r, &err) ||
               sn_store_begin(r.s, &err)) {
        store_failed(&err);
        status = EXIT_BADINPUT;
    } else {
        for (size_t i = 0; i < r.n; i++) {
            if (sn_store_get_article(r.s, r.ids[i], recode_one, &r, &err))
                r.failed++;
            if ((i + 1) % 500 == 0 && (sn_store_commit(r.s, &err) || sn_store_begin(r.s, &err)))
                break;
        }
        if (sn_store_commit(r.s, &err)) {
            store_failed(&err);
            status = EXIT_BADINPUT;
        }
        fprintf(stderr, "sentinel: recode: %lu articles: %lu mentions added, %lu retracted, %lu events retracted; "
                        "%lu failed\n", r.articles, r.added, r.retracted, r.events_retracted, r.failed);
        if (r.failed)
            status = EXIT_BADINPUT;
    }
    free(r.ids);
    sn_geocoder_free(r.geo);
    sn_coder_free(r.coder);
    sn_analyzer_free(r.an);
    sn_store_close(r.s);
    sn_dict_close(owned);
    return status;
}
