/*
 * src/cmd_geo.c — `sentinel geo "text"`: geolocates a text for an analyst
 * to read: every place mention with its cue, its candidates with scores
 * and the reasons behind them, the article's main place and dateline, the
 * place each coded event is given and by which rule, and, for every body
 * sentence, where an event of it would be put. Also `sentinel geo --stats`.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "sentinel/geo.h"

void cmd_geo_usage(FILE *f)
{
    fprintf(f, "usage: sentinel geo [--date YYYY-MM-DD] [--gazetteer IMAGE] [--dict IMAGE] \"TEXT\"... | -\n"
               "       sentinel geo --stats [--gazetteer IMAGE]\n\n"
               "Shows how a text is geolocated: each place mention with its cue, the candidate\n"
               "places with their scores and reasons, the article's main place and dateline,\n"
               "the location of every coded event and the rule that chose it, then each body\n"
               "sentence's location (a JSON location object or null). The arguments are one\n"
               "article, joined by spaces; - reads the article from standard input.\n\n"
               "  --date D          publication date (control of disputed places is taken\n"
               "                    at the event's date)\n"
               "  --gazetteer IMAGE a gazetteer image (default: built in)\n"
               "  --dict IMAGE      a dictionary image (default: built in)\n"
               "  --stats           what the gazetteer holds\n"
               "  -h, --help        this help\n");
}

static int out(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

static const sn_gazetteer *open_gazetteer(const char *path, sn_gazetteer **owned)
{
    *owned = NULL;
    if (!path) {
        const sn_gazetteer *g = sn_gazetteer_builtin();
        if (!g)
            cli_error(NULL, "the built-in gazetteer is missing or damaged");
        return g;
    }
    sn_error err;
    if (sn_gazetteer_open(path, owned, &err)) {
        cli_error(path, "%s", err.msg);
        return NULL;
    }
    return *owned;
}

static int stats(const sn_gazetteer *g)
{
    sn_gazetteer_stats s;
    sn_gazetteer_get_stats(g, &s);
    printf("bytes\t%zu\nfeatures\t%u\nnames\t%u\ncountries\t%u\nadm1\t%u\nplaces\t%u\ncurated\t%u\n"
           "controls\t%u\nrenamings\t%u\n",
           s.bytes, s.features, s.names, s.countries, s.adm1, s.places, s.curated, s.controls, s.renamings);
    return EXIT_OK;
}

/* The arguments joined by spaces, or standard input for "-". */
static char *article(int argc, char **argv, size_t *len)
{
    if (argc == 1 && !strcmp(argv[0], "-")) {
        char *p;
        return cli_read_all(stdin, 64u << 20, &p, len) ? NULL : p;
    }
    size_t n = 0;
    for (int i = 0; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    *len = 0;
    for (int i = 0; i < argc; i++) {
        size_t l = strlen(argv[i]);
        memcpy(p + *len, argv[i], l);
        *len += l;
        p[(*len)++] = i + 1 < argc ? ' ' : '\0';
    }
    *len = *len ? *len - 1 : 0;
    p[*len] = '\0';
    return p;
}

static int geolocate(const sn_gazetteer *g, const sn_dict *dict, const char *text, size_t len, const sn_date *date)
{
    sn_analyzer *an = NULL;
    sn_coder *coder = NULL;
    sn_geocoder *gc = NULL;
    const sn_doc *doc;
    const sn_event *ev;
    const sn_location *const *locs;
    uint32_t n, ns;
    int rc = EXIT_OK;
    if (sn_analyzer_new(&an, NULL) || sn_coder_new(&coder, dict) || sn_geocoder_new(&gc, g) ||
        sn_analyze(an, text, len, date, &doc) || sn_code(coder, doc, &ev, &n) ||
        sn_geocode_explain(gc, doc, ev, n, out, NULL, &locs)) {
        cli_error("geo", "cannot analyse the text");
        rc = EXIT_BADINPUT;
        goto done;
    }
    printf("events: %u\n", n);
    for (uint32_t i = 0; i < n; i++) {
        const sn_location *sl, *tl;
        sn_geocode_actors(gc, i, &sl, &tl);
        sn_event_write_json_geo(&ev[i], i < SN_GEO_MAX_EVENTS ? locs[i] : NULL, sl, tl, doc, NULL, i,
                                cli_write_stdout, NULL);
        putchar('\n');
    }
    const sn_sentence *st = sn_doc_sentences(doc, &ns);
    for (uint32_t s = 0; s < ns; s++) {
        if (st[s].zone != SN_ZONE_BODY)
            continue;
        printf("sentence %u: ", s);
        sn_location_write_json(sn_geocode_sentence(gc, s), cli_write_stdout, NULL);
        putchar('\n');
    }
done:
    sn_geocoder_free(gc);
    sn_coder_free(coder);
    sn_analyzer_free(an);
    return rc;
}

int cmd_geo(int argc, char **argv)
{
    static const struct option lo[] = {
        {"date", required_argument, 0, 'd'}, {"gazetteer", required_argument, 0, 'g'},
        {"dict", required_argument, 0, 'D'}, {"stats", no_argument, 0, 's'}, {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    sn_date date = {0};
    int has_date = 0, want_stats = 0, c;
    const char *gaz_path = NULL, *dict_path = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:g:D:sh", lo, NULL)) != -1) {
        if (c == 'h') {
            cmd_geo_usage(stdout);
            return EXIT_OK;
        } else if (c == 'd') {
            if (cli_parse_date(optarg, &date))
                return EXIT_USAGE;
            has_date = 1;
        } else if (c == 'g') {
            gaz_path = optarg;
        } else if (c == 'D') {
            dict_path = optarg;
        } else if (c == 's') {
            want_stats = 1;
        } else {
            cmd_geo_usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (!want_stats && optind >= argc) {
        cmd_geo_usage(stderr);
        return EXIT_USAGE;
    }
    sn_gazetteer *owned = NULL;
    const sn_gazetteer *g = open_gazetteer(gaz_path, &owned);
    if (!g)
        return EXIT_BADINPUT;
    int rc;
    if (want_stats) {
        rc = stats(g);
    } else {
        sn_dict *downed = NULL;
        const sn_dict *dict = cli_dict(dict_path, &downed);
        size_t len = 0;
        char *text = dict ? article(argc - optind, argv + optind, &len) : NULL;
        if (!text) {
            if (dict)
                cli_error("geo", "cannot read the text");
            rc = EXIT_BADINPUT;
        } else {
            rc = geolocate(g, dict, text, len, has_date ? &date : NULL);
        }
        free(text);
        sn_dict_close(downed);
    }
    sn_gazetteer_close(owned);
    return rc;
}
