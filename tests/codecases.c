/*
 * tests/codecases.c — runs the coding engine's golden cases
 * (tests/cases/README.md): each sentence with its publication date must
 * give exactly the expected events. Prints each failing case as file:line
 * with the expected and the produced events, then the accuracy.
 *
 * Without --min it ends with "coding: N passed, M failed", one count per
 * case. With --min F it is an accuracy gate, like the tagger's: the run
 * passes when at least the fraction F of the cases pass, and ends with
 * "golden-coding: 1 passed, 0 failed" (or 0, 1). The floor is a ratchet:
 * raise it as the engine and dictionaries improve.
 *
 * --prf also prints the precision and recall of the triples (source
 * country, target country, CAMEO root) over all cases: an actor's country
 * is the first three letters of its code ("RUSMIL" -> RUS, "UNO" -> UNO,
 * a bare role such as "CVL" stays itself, "-" is none). Every produced
 * event counts, whatever its modality. --dict IMAGE codes with a compiled
 * image instead of the built-in dictionaries, to measure another set
 * (`sentinel dict compile`, or build/sentinel.dict of another commit).
 *
 *   codecases [--min F] [--prf] [--dict IMAGE] FILE.test...
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "case_file.h"
#include "sentinel/sentinel.h"

#define MAX_LINE 8192
#define MAX_EVENTS 64

typedef struct want {
    char src[32], tgt[32], code[8], modality[16], date[32], attr[32], cue[32];
    int historical; /* -1 unchecked, 0 current, 1 historical */
} want;

typedef struct gcase {
    unsigned line;
    char date[16];
    char input[MAX_LINE];
    want w[MAX_EVENTS];
    int nw;
} gcase;


static int parse_want(char *line, want *w)
{
    memset(w, 0, sizeof *w);
    w->historical = -1;
    char *tok[16];
    int n = 0;
    for (char *t = strtok(line, " \t"); t && n < 16; t = strtok(NULL, " \t"))
        tok[n++] = t;
    if (n < 5 || strcmp(tok[1], "->"))
        return -1;
    snprintf(w->src, sizeof w->src, "%s", tok[0]);
    snprintf(w->tgt, sizeof w->tgt, "%s", tok[2]);
    snprintf(w->code, sizeof w->code, "%s", tok[3]);
    snprintf(w->modality, sizeof w->modality, "%s", tok[4]);
    for (int i = 5; i < n; i++) {
        if (!strncmp(tok[i], "date=", 5))
            snprintf(w->date, sizeof w->date, "%s", tok[i] + 5);
        else if (!strncmp(tok[i], "attr=", 5))
            snprintf(w->attr, sizeof w->attr, "%s", tok[i] + 5);
        else if (!strncmp(tok[i], "cue=", 4))
            snprintf(w->cue, sizeof w->cue, "%s", tok[i] + 4);
        else if (!strcmp(tok[i], "historical"))
            w->historical = 1;
        else if (!strcmp(tok[i], "current"))
            w->historical = 0;
        else
            return -1;
    }
    return 0;
}

static void event_date(const sn_event *e, char *out, size_t cap)
{
    char b[16], en[16];
    sn_date_format(&e->date_begin, b);
    if (e->date_precision == SN_PREC_RANGE) {
        sn_date_format(&e->date_end, en);
        snprintf(out, cap, "%s/%s/range", b, en);
    } else {
        snprintf(out, cap, "%s/%s", b, sn_precision_name(e->date_precision));
    }
}

static int code_ok(const char *expect, const char *got)
{
    size_t n = strlen(expect);
    if (n == 3 && expect[2] == 'x')
        return !strncmp(expect, got, 2);
    return !strcmp(expect, got);
}

static int matches(const want *w, const sn_event *e, const sn_doc *doc)
{
    const char *src = e->source.code ? e->source.code : "-";
    const char *tgt = e->target.code ? e->target.code : "-";
    if (strcmp(w->src, src) || strcmp(w->tgt, tgt) || !code_ok(w->code, e->code) ||
        strcmp(w->modality, sn_modality_name(e->modality)))
        return 0;
    if (w->date[0]) {
        char d[48];
        event_date(e, d, sizeof d);
        if (strcmp(w->date, d))
            return 0;
    }
    if (w->historical >= 0 && w->historical != e->historical)
        return 0;
    if (w->attr[0] && (!e->attribution.code || strcmp(w->attr, e->attribution.code)))
        return 0;
    if (w->cue[0]) {
        const char *text = sn_doc_text(doc, NULL);
        if (!e->cue_len || strncasecmp(text + e->cue_off, w->cue, e->cue_len) || w->cue[e->cue_len])
            return 0;
    }
    return 1;
}

static void show_event(const sn_event *e)
{
    char d[48];
    event_date(e, d, sizeof d);
    printf("    %s -> %s %s %s date=%s%s%s%s\n", e->source.code ? e->source.code : "-",
           e->target.code ? e->target.code : "-", e->code, sn_modality_name(e->modality), d,
           e->historical ? " historical" : "", e->attribution.code ? " attr=" : "",
           e->attribution.code ? e->attribution.code : "");
}

typedef struct runner {
    sn_analyzer *an;
    sn_coder *coder;
    int pass, fail;
    int exact, produced, expected; /* event-level counts */
    int tri_hit, tri_got, tri_want;  /* (source country, target country, root) */
} runner;

/* The triple of an event as "SRC TGT RR": countries are the first three
 * letters of the actor codes, the root the first two digits of the code. */
static void triple(const char *src, const char *tgt, const char *code, char *out, size_t cap)
{
    snprintf(out, cap, "%.3s %.3s %.2s", src, tgt, code);
}

/* Count the triples of the expected and produced events, matched one to one. */
static void count_triples(runner *r, const gcase *c, const sn_event *ev, uint32_t n)
{
    char want_t[MAX_EVENTS][24], got_t[24];
    int used[MAX_EVENTS] = {0};
    for (int i = 0; i < c->nw; i++)
        triple(c->w[i].src, c->w[i].tgt, c->w[i].code, want_t[i], sizeof want_t[i]);
    for (uint32_t k = 0; k < n; k++) {
        triple(ev[k].source.code ? ev[k].source.code : "-", ev[k].target.code ? ev[k].target.code : "-",
               ev[k].code, got_t, sizeof got_t);
        for (int i = 0; i < c->nw; i++)
            if (!used[i] && !strcmp(want_t[i], got_t)) {
                used[i] = 1;
                r->tri_hit++;
                break;
            }
    }
    r->tri_got += (int)n;
    r->tri_want += c->nw;
}

static void run_case(runner *r, const char *path, gcase *c)
{
    sn_date pub;
    const sn_doc *doc;
    const sn_event *ev;
    uint32_t n;
    if (sn_date_parse(c->date, strlen(c->date), &pub) || sn_analyze(r->an, c->input, strlen(c->input), &pub, &doc) ||
        sn_code(r->coder, doc, &ev, &n)) {
        printf("FAIL %s:%u: cannot run\n", path, c->line);
        r->fail++;
        return;
    }
    int used[MAX_EVENTS * 4] = {0}, ok = 1, hits = 0;
    for (int i = 0; i < c->nw; i++) {
        int found = 0;
        for (uint32_t k = 0; k < n && k < MAX_EVENTS * 4 && !found; k++)
            if (!used[k] && matches(&c->w[i], &ev[k], doc))
                used[k] = found = 1;
        ok &= found;
        hits += found;
    }
    ok &= (int)n == c->nw;
    count_triples(r, c, ev, n);
    r->exact += hits;
    r->produced += (int)n;
    r->expected += c->nw;
    if (ok) {
        r->pass++;
        return;
    }
    r->fail++;
    printf("FAIL %s:%u: %%code %s\n  input: %.300s\n  expected:\n", path, c->line, c->date, c->input);
    for (int i = 0; i < c->nw; i++)
        printf("    %s -> %s %s %s%s%s%s%s\n", c->w[i].src, c->w[i].tgt, c->w[i].code, c->w[i].modality,
               c->w[i].date[0] ? " date=" : "", c->w[i].date, c->w[i].attr[0] ? " attr=" : "", c->w[i].attr);
    printf("  got:\n");
    for (uint32_t k = 0; k < n; k++)
        show_event(&ev[k]);
}


static void run_file(runner *r, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("FAIL %s: cannot open\n", path);
        r->fail++;
        return;
    }
    static char line[MAX_LINE];
    static gcase c;
    unsigned ln = 0;
    int state = 0;
    for (int more = 1; more;) {
        more = fgets(line, sizeof line, f) != NULL;
        if (more)
            ln++, case_chomp(line);
        if (state == 2 && more && line[0] && line[0] != '#') {
            if (c.nw < MAX_EVENTS && parse_want(line, &c.w[c.nw]) == 0)
                c.nw++;
            else
                printf("FAIL %s:%u: bad event line\n", path, ln), r->fail++;
            continue;
        }
        if (state == 2 && (!more || !line[0])) {
            run_case(r, path, &c);
            state = 0;
            continue;
        }
        if (!more || line[0] == '#' || !line[0])
            continue;
        if (state == 0 && !strncmp(line, "%code", 5)) {
            memset(&c, 0, sizeof c);
            sscanf(line + 5, "%15s", c.date);
            c.line = ln;
            state = 1;
        } else if (state == 1) {
            snprintf(c.input, sizeof c.input, "%s", line);
            case_unescape(c.input);
            state = 2;
        }
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    runner r = {0};
    double min = -1;
    int first = 1, prf = 0;
    const char *image = NULL;
    for (; first < argc && !strncmp(argv[first], "--", 2); first++) {
        if (!strcmp(argv[first], "--min") && first + 1 < argc)
            min = atof(argv[++first]);
        else if (!strcmp(argv[first], "--dict") && first + 1 < argc)
            image = argv[++first];
        else if (!strcmp(argv[first], "--prf"))
            prf = 1;
        else {
            printf("usage: codecases [--min F] [--prf] [--dict IMAGE] FILE.test...\n");
            return 2;
        }
    }
    sn_dict *owned = NULL;
    sn_error err;
    if (image && sn_dict_open(image, &owned, &err)) {
        printf("codecases: cannot open %s: %s\n", image, err.msg);
        return 1;
    }
    if (sn_analyzer_new(&r.an, NULL) || sn_coder_new(&r.coder, owned ? owned : sn_dict_builtin())) {
        printf("codecases: cannot start the coder\n");
        sn_dict_close(owned);
        return 1;
    }
    for (int i = first; i < argc; i++)
        run_file(&r, argv[i]);
    double acc = r.pass + r.fail ? (double)r.pass / (r.pass + r.fail) : 0;
    printf("events: %d of %d expected events found; %d produced\n", r.exact, r.expected, r.produced);
    if (prf) {
        double p = r.tri_got ? (double)r.tri_hit / r.tri_got : 0, rec = r.tri_want ? (double)r.tri_hit / r.tri_want : 0;
        printf("triples (source country, target country, root): precision %.3f (%d of %d produced), "
               "recall %.3f (%d of %d expected), F1 %.3f\n",
               p, r.tri_hit, r.tri_got, rec, r.tri_hit, r.tri_want, p + rec > 0 ? 2 * p * rec / (p + rec) : 0);
    }
    sn_coder_free(r.coder);
    sn_analyzer_free(r.an);
    sn_dict_close(owned);
    if (min < 0) {
        printf("coding: %d passed, %d failed\n", r.pass, r.fail);
        return r.fail ? 1 : 0;
    }
    printf("coding accuracy: %d of %d cases (%.1f%%), floor %.1f%%\n", r.pass, r.pass + r.fail, 100 * acc,
           100 * min);
    printf("golden-coding: %d passed, %d failed\n", acc >= min, acc < min);
    return acc >= min ? 0 : 1;
}
