/*
 * tests/geocases.c — runs the geolocation golden cases (tests/geo/README.md):
 * each article, analysed, coded and geocoded with the built-in dictionaries
 * and gazetteer, must put an event of its chosen sentence (the last body
 * sentence unless the case says) at the expected place: a name the place
 * bears, its country, its precision, coordinates within a tolerance, and,
 * when given, its de jure and de facto holders and the dateline flag.
 * Prints each failure as file:line with what was expected and what came.
 *
 * Without --min it ends with "geo: N passed, M failed". With --min F it is
 * an accuracy gate: it passes when at least the fraction F of the cases
 * pass, and ends with "golden-geo: 1 passed, 0 failed" (or 0, 1).
 *
 *   geocases [--min F] FILE.test...
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "case_file.h"
#include "sentinel/sentinel.h"

#define MAX_LINE 8192

typedef struct gwant {
    int null;                 /* expect no location */
    char name[128], country[8], precision[16], de_jure[8], de_facto[24];
    double lat, lon, tol;
    int dateline;             /* -1 unchecked */
    int sentence;             /* -1: the last body sentence */
} gwant;

typedef struct runner {
    sn_analyzer *an;
    sn_coder *coder;
    sn_geocoder *gc;
    int pass, fail;
} runner;

static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = '\0';
    return s;
}

/* "NAME | COUNTRY | PRECISION | LAT LON [| key=value ...]" or "null [| key=value]" */
static int parse_want(char *line, gwant *w)
{
    memset(w, 0, sizeof *w);
    w->tol = 0.25;
    w->dateline = -1;
    w->sentence = -1;
    char *part[8];
    int n = 0;
    for (char *p = strtok(line, "|"); p && n < 8; p = strtok(NULL, "|"))
        part[n++] = trim(p);
    int opts = 1;
    if (n >= 1 && !strcmp(part[0], "null")) {
        w->null = 1;
    } else {
        if (n < 4 || sscanf(part[3], "%lf %lf", &w->lat, &w->lon) != 2)
            return -1;
        snprintf(w->name, sizeof w->name, "%s", part[0]);
        snprintf(w->country, sizeof w->country, "%s", part[1]);
        snprintf(w->precision, sizeof w->precision, "%s", part[2]);
        opts = 4;
    }
    for (int i = opts; i < n; i++)
        for (char *t = strtok(part[i], " "); t; t = strtok(NULL, " ")) {
            if (!strncmp(t, "de_jure=", 8))
                snprintf(w->de_jure, sizeof w->de_jure, "%s", t + 8);
            else if (!strncmp(t, "de_facto=", 9))
                snprintf(w->de_facto, sizeof w->de_facto, "%s", t + 9);
            else if (!strncmp(t, "tol=", 4))
                w->tol = atof(t + 4);
            else if (!strncmp(t, "sentence=", 9))
                w->sentence = atoi(t + 9);
            else if (!strcmp(t, "dateline"))
                w->dateline = 1;
            else if (!strcmp(t, "not-dateline"))
                w->dateline = 0;
            else
                return -1;
        }
    return 0;
}

/* The place bears the expected name: its own, an alias, a transliteration. */
static int named(const sn_location *l, const char *name)
{
    uint32_t ids[64];
    uint32_t n = sn_gazetteer_lookup(sn_gazetteer_builtin(), name, strlen(name), ids, 64);
    for (uint32_t i = 0; i < n && i < 64; i++)
        if (ids[i] == l->feature)
            return 1;
    return !strcasecmp(l->name, name);
}

static int matches(const gwant *w, const sn_location *l)
{
    if (w->null || !l)
        return w->null && !l;
    const char *country = *l->country ? l->country : "-";
    return named(l, w->name) && !strcmp(country, w->country) &&
           !strcmp(sn_geo_precision_name(l->precision), w->precision) && fabs(l->lat - w->lat) <= w->tol &&
           fabs(l->lon - w->lon) <= w->tol && (!w->de_jure[0] || !strcmp(w->de_jure, l->de_jure)) &&
           (!w->de_facto[0] || !strcmp(w->de_facto, l->de_facto)) &&
           (w->dateline < 0 || w->dateline == l->from_dateline);
}

static int last_body(const sn_doc *doc)
{
    uint32_t ns;
    const sn_sentence *st = sn_doc_sentences(doc, &ns);
    for (uint32_t s = ns; s-- > 0;)
        if (st[s].zone == SN_ZONE_BODY)
            return (int)s;
    return -1;
}

/* An event of the sentence, when the coder found one: its location; else
 * where the geocoder would put an event of that sentence. */
static const sn_location *chosen(runner *r, const sn_doc *doc, int s, const sn_event *ev, uint32_t n,
                                 const sn_location *const *locs)
{
    for (uint32_t k = 0; k < n && k < SN_GEO_MAX_EVENTS; k++)
        if ((int)ev[k].sentence == s)
            return locs[k];
    (void)doc;
    return sn_geocode_sentence(r->gc, (uint32_t)s);
}

static void run_case(runner *r, const char *path, unsigned line, const char *date, const char *input, const gwant *w)
{
    sn_date pub;
    const sn_doc *doc;
    const sn_event *ev;
    const sn_location *const *locs;
    uint32_t n;
    if (sn_date_parse(date, strlen(date), &pub) || sn_analyze(r->an, input, strlen(input), &pub, &doc) ||
        sn_code(r->coder, doc, &ev, &n) || sn_geocode(r->gc, doc, ev, n, &locs)) {
        printf("FAIL %s:%u: cannot run\n", path, line);
        r->fail++;
        return;
    }
    int s = w->sentence >= 0 ? w->sentence : last_body(doc);
    const sn_location *l = s >= 0 ? chosen(r, doc, s, ev, n, locs) : NULL;
    if (matches(w, l)) {
        r->pass++;
        return;
    }
    r->fail++;
    printf("FAIL %s:%u: %%geo %s\n  input: %.300s\n  expected: ", path, line, date, input);
    if (w->null)
        printf("null\n");
    else
        printf("%s | %s | %s | %.3f %.3f%s%s%s%s\n", w->name, w->country, w->precision, w->lat, w->lon,
               w->de_jure[0] ? " de_jure=" : "", w->de_jure, w->de_facto[0] ? " de_facto=" : "", w->de_facto);
    if (!l)
        printf("  got: null\n");
    else
        printf("  got: %s | %s | %s | %.3f %.3f de_jure=%s de_facto=%s%s\n", l->name, *l->country ? l->country : "-",
               sn_geo_precision_name(l->precision), l->lat, l->lon, l->de_jure, l->de_facto,
               l->from_dateline ? " dateline" : "");
}

static void run_file(runner *r, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("FAIL %s: cannot open\n", path);
        r->fail++;
        return;
    }
    static char line[MAX_LINE], input[MAX_LINE];
    char date[16] = "";
    unsigned ln = 0, at = 0;
    int state = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        case_chomp(line);
        if (line[0] == '#' || (!line[0] && state == 0))
            continue;
        if (state == 0 && !strncmp(line, "%geo", 4)) {
            date[0] = '\0';
            sscanf(line + 4, "%15s", date);
            at = ln;
            state = 1;
        } else if (state == 1) {
            snprintf(input, sizeof input, "%s", line);
            case_unescape(input);
            state = 2;
        } else if (state == 2) {
            gwant w;
            if (parse_want(line, &w)) {
                printf("FAIL %s:%u: bad expectation line\n", path, ln);
                r->fail++;
            } else {
                run_case(r, path, at, date, input, &w);
            }
            state = 0;
        }
    }
    if (state)
        printf("FAIL %s:%u: case without an expectation\n", path, at), r->fail++;
    fclose(f);
}

int main(int argc, char **argv)
{
    runner r = {0};
    double min = -1;
    int first = 1;
    if (argc > 2 && !strcmp(argv[1], "--min")) {
        min = atof(argv[2]);
        first = 3;
    }
    if (sn_analyzer_new(&r.an, NULL) || sn_coder_new(&r.coder, sn_dict_builtin()) ||
        sn_geocoder_new(&r.gc, sn_gazetteer_builtin())) {
        printf("geocases: cannot start\n");
        return 1;
    }
    for (int i = first; i < argc; i++)
        run_file(&r, argv[i]);
    sn_geocoder_free(r.gc);
    sn_coder_free(r.coder);
    sn_analyzer_free(r.an);
    double acc = r.pass + r.fail ? (double)r.pass / (r.pass + r.fail) : 0;
    if (min < 0) {
        printf("geo: %d passed, %d failed\n", r.pass, r.fail);
        return r.fail ? 1 : 0;
    }
    printf("geo accuracy: %d of %d cases (%.1f%%), floor %.1f%%\n", r.pass, r.pass + r.fail, 100 * acc, 100 * min);
    printf("golden-geo: %d passed, %d failed\n", acc >= min, acc < min);
    return acc >= min ? 0 : 1;
}
