/*
 * src/cmd_validate.c — `sentinel validate FILE [--dict IMAGE] [--min-pass X]`:
 * runs a TABARI validation file (Validate.text with its .project, whose
 * .actors, .verbs, .agents and .options are imported) or a PETRARCH
 * unit-test XML (whose <Environment> names its dictionaries), codes every
 * record, and compares the events with the record's expected codings.
 * Prints PASS or FAIL per record with the expected, missing and extra
 * codings, a summary, and ends with exactly one line
 * "validate: R records, P passed (x.x%), E expected, M matched, m missing, e extra".
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "cli.h"
#include "sentinel/records.h"

#define MAX_FILE ((size_t)64 << 20)

typedef struct vstate {
    sn_analyzer *an;
    sn_coder *coder;
    int tabari, quiet, stopped;
    unsigned long records, passed, expected, matched, missing, extra, unchecked, not_sentences;
    unsigned long by_expect[8], pass_by_expect[8];
    char def_source[16], def_target[16]; /* TABARI DEFAULT: SOURCE [..] PRIOR TARGET [..] AFTER */
    int def_prior, def_after;
} vstate;

void cmd_validate_usage(FILE *f)
{
    fprintf(f, "usage: sentinel validate [--dict IMAGE] [--min-pass X] [-q] FILE\n\n"
               "Runs a TABARI validation file (Validate.text, next to its .project, or the\n"
               ".project itself) or a PETRARCH unit-test XML, with the dictionaries they name\n"
               "(imported as 'sentinel dict import' does) unless --dict gives an image.\n\n"
               "  --dict IMAGE   code with this image instead\n"
               "  --min-pass X   exit 1 when the pass rate is below X (0.9 or 90%%)\n"
               "  -q, --quiet    print FAIL records only, then the summary\n"
               "  -h, --help     this help\n");
}

static int ends_with(const char *s, const char *e)
{
    size_t n = strlen(s), m = strlen(e);
    return n >= m && !strcmp(s + n - m, e);
}

static void dir_of(const char *path, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    snprintf(out, cap, "%.*s", slash ? (int)(slash - path + 1) : 0, path);
}

/* The value of "<key> value" in a TABARI project, or of <Tag>value</Tag>. */
static int project_value(const char *text, const char *key, char *out, size_t cap)
{
    const char *p = strstr(text, key);
    if (!p)
        return -1;
    p += strlen(key);
    while (*p == ' ' || *p == '\t')
        p++;
    size_t n = strcspn(p, " \t\r\n<");
    if (!n || n >= cap)
        return -1;
    memcpy(out, p, n);
    out[n] = '\0';
    return 0;
}

static int read_file(const char *path, char **buf, size_t *n)
{
    FILE *f = cli_open(path);
    if (!f)
        return -1;
    int rc = cli_read_all(f, MAX_FILE, buf, n);
    cli_close(f);
    if (rc)
        cli_error(path, "cannot read it, or it is larger than %zu MiB", MAX_FILE >> 20);
    return rc;
}

typedef struct import_quiet {
    unsigned long n;
} import_quiet;

static void count_report(void *ctx, const char *file, unsigned line, const char *msg)
{
    (void)file, (void)line, (void)msg;
    ((import_quiet *)ctx)->n++;
}

/* Import the dictionaries into a temporary image and open it. */
static sn_dict *import_dicts(sn_import_format fmt, const char *const *paths, size_t n)
{
    char tmp[] = "/tmp/sentinel-validate-XXXXXX";
    int fd = mkstemp(tmp);
    if (fd < 0) {
        cli_error("validate", "cannot create a temporary image");
        return NULL;
    }
    close(fd);
    sn_import_stats st;
    sn_error err;
    import_quiet q = {0};
    sn_dict *d = NULL;
    if (sn_dict_import(fmt, paths, n, tmp, NULL, NULL, count_report, &q, &st, &err))
        cli_error("validate", "importing the dictionaries: %s", err.msg);
    else if (sn_dict_open(tmp, &d, &err))
        cli_error("validate", "%s", err.msg);
    else {
        size_t skipped = st.compile_skipped;
        for (int k = 0; k < SN_IK__COUNT; k++)
            skipped += st.skipped[k];
        printf("dictionaries: imported, %zu entries skipped (see 'sentinel dict import')\n", skipped);
    }
    unlink(tmp);
    return d;
}

static void put_coding(const char *tag, const sn_coding *c)
{
    printf("  %-9s %s / %s / %s\n", tag, c->source, c->target, c->code);
}

/* The events of r's text as codings (absent actors as "---"). */
static uint32_t code_record(vstate *v, const sn_record *r, sn_coding *out, uint32_t cap)
{
    const sn_doc *doc;
    const sn_event *ev;
    uint32_t nev = 0, k = 0;
    if (sn_analyze(v->an, r->text, r->len, r->has_date ? &r->date : NULL, &doc) ||
        sn_code(v->coder, doc, &ev, &nev))
        return 0;
    for (uint32_t i = 0; i < nev && k < cap; i++, k++) {
        snprintf(out[k].source, sizeof out[k].source, "%s", ev[i].source.code ? ev[i].source.code : "---");
        snprintf(out[k].target, sizeof out[k].target, "%s", ev[i].target.code ? ev[i].target.code : "---");
        snprintf(out[k].code, sizeof out[k].code, "%s", ev[i].code);
    }
    return k;
}

static int same(const sn_coding *a, const sn_coding *b)
{
    return !strcasecmp(a->source, b->source) && !strcasecmp(a->target, b->target) && !strcasecmp(a->code, b->code);
}

static const char *expect_name(sn_expect e)
{
    static const char *const n[] = {"none given", "events", "no events {---}", "discard {###}", "complex {+++}",
                                    "unchecked -{...}", "options"};
    return (unsigned)e < 7 ? n[e] : "?";
}

/* Options records set: PETRARCH's require_dyad = true|false, which holds
 * until the next such record. 1 when applied. */
/* The code in brackets after word in opt ("SOURCE [DEFSRC]"), or 0. */
static int bracket_after(const char *opt, const char *word, char *out, size_t cap)
{
    const char *w = strstr(opt, word);
    const char *o = w ? strchr(w, '[') : NULL, *e = o ? strchr(o, ']') : NULL;
    if (!e || (size_t)(e - o - 1) >= cap)
        return 0;
    snprintf(out, cap, "%.*s", (int)(e - o - 1), o + 1);
    return 1;
}

/* TABARI's "DEFAULT: SOURCE [code] <PRIOR> TARGET [code] <AFTER>" and
 * "DEFAULT: OFF" (manual 8.5); commands add up until OFF. */
static int default_option(vstate *v, const char *opt)
{
    const char *d = opt;
    while (*d == ' ')
        d++;
    if (strncasecmp(d, "DEFAULT", 7))
        return 0;
    if (strstr(d, "OFF")) {
        v->def_source[0] = v->def_target[0] = '\0';
        v->def_prior = v->def_after = 0;
    } else {
        int s = bracket_after(d, "SOURCE", v->def_source, sizeof v->def_source);
        int t = bracket_after(d, "TARGET", v->def_target, sizeof v->def_target);
        if (!s && !t)
            return 0;
        v->def_prior |= strstr(d, "PRIOR") != NULL;
        v->def_after |= strstr(d, "AFTER") != NULL;
    }
    sn_coder_set_default(v->coder, v->def_source[0] ? v->def_source : NULL, v->def_prior,
                         v->def_target[0] ? v->def_target : NULL, v->def_after);
    return 1;
}

/* TABARI's "SET: CODE BY CLAUSE | CODE BY SENTENCE | CODE ALL" (manual
 * 7.6.1): how many verb events a sentence gives; holds until changed. */
static int code_by_option(vstate *v, const char *opt)
{
    char a[16], b[16], c[16];
    int n = sscanf(opt, " SET: %15s %15s %15s", a, b, c);
    if (n < 2 || strcasecmp(a, "CODE"))
        return 0;
    int sentence = n == 3 && !strcasecmp(b, "BY") && !strcasecmp(c, "SENTENCE");
    int all = n == 2 && !strcasecmp(b, "ALL");
    int clause = n == 3 && !strcasecmp(b, "BY") && !strcasecmp(c, "CLAUSE");
    if (!sentence && !all && !clause)
        return 0;
    sn_coder_set_option(v->coder, "code-by-sentence", sentence);
    sn_coder_set_option(v->coder, "code-all", all);
    return 1;
}

static int apply_option(vstate *v, const char *opt)
{
    if (default_option(v, opt) || code_by_option(v, opt))
        return 1;
    char name[64], val[64];
    if (sscanf(opt, " %63[A-Za-z_] = %63s", name, val) != 2)
        return 0;
    if (!strcasecmp(name, "require_dyad")) {
        int on = !strcasecmp(val, "true");
        if (!on && strcasecmp(val, "false"))
            return 0;
        return !sn_coder_set_option(v->coder, "require-dyad", on);
    }
    return 0;
}

static int on_record(void *ctx, const sn_record *r)
{
    vstate *v = ctx;
    if (v->tabari && r->expect == SN_EXPECT_NONE_GIVEN) {
        v->stopped = 1; /* TABARI stops at the first record without validation fields */
        return 1;
    }
    for (uint32_t i = 0; i < r->noptions; i++) {
        int applied = apply_option(v, r->options[i]);
        if (!v->quiet)
            printf("OPTION %s: %s (%s)\n", r->id, r->options[i],
                   applied ? "applied" : "not applied: no counterpart in Sentinel");
    }
    if (r->expect == SN_EXPECT_OPTIONS)
        return 0;
    if (!r->is_sentence) {
        v->not_sentences++;
        return 0;
    }
    static sn_coding got[SN_RECORD_MAX_CODINGS];
    uint32_t ngot = code_record(v, r, got, SN_RECORD_MAX_CODINGS);
    int used[SN_RECORD_MAX_CODINGS] = {0}, hit[SN_RECORD_MAX_CODINGS] = {0};
    uint32_t matched = 0;
    if (r->expect == SN_EXPECT_EVENTS) {
        for (uint32_t i = 0; i < r->ncodings; i++)
            for (uint32_t j = 0; j < ngot; j++)
                if (!used[j] && same(&r->codings[i], &got[j])) {
                    used[j] = hit[i] = 1;
                    matched++;
                    break;
                }
    }
    uint32_t expected = r->expect == SN_EXPECT_EVENTS ? r->ncodings : 0;
    uint32_t missing = expected - matched, extra = r->expect == SN_EXPECT_UNCHECKED ? 0 : ngot - matched;
    int pass = r->expect == SN_EXPECT_UNCHECKED || (missing == 0 && extra == 0);
    v->records++;
    v->passed += (unsigned long)pass;
    v->expected += expected;
    v->matched += matched;
    v->missing += missing;
    v->extra += extra;
    v->unchecked += r->expect == SN_EXPECT_UNCHECKED;
    v->by_expect[r->expect & 7]++;
    v->pass_by_expect[r->expect & 7] += (unsigned long)pass;
    if (pass && v->quiet)
        return 0;
    printf("%s %s (line %u, %s)%s\n", pass ? "PASS" : "FAIL", r->id, r->line, expect_name(r->expect),
           r->expect == SN_EXPECT_UNCHECKED ? " not checked" : "");
    for (uint32_t i = 0; i < r->ncodings && r->expect == SN_EXPECT_EVENTS; i++)
        put_coding("expected", &r->codings[i]);
    for (uint32_t i = 0; i < r->ncodings && r->expect == SN_EXPECT_EVENTS; i++)
        if (!hit[i])
            put_coding("missing", &r->codings[i]);
    for (uint32_t j = 0; j < ngot && r->expect != SN_EXPECT_UNCHECKED; j++)
        if (!used[j])
            put_coding("extra", &got[j]);
    return 0;
}

static void on_warn(void *ctx, unsigned line, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "sentinel: validate: line %u: %s\n", line, msg);
}

/* The TABARI project for a validation text: FILE itself, or FILE's base
 * name with .project, next to it. */
static int tabari_setup(const char *path, char *text_path, size_t cap, char files[4][1024], int *nfiles)
{
    char proj[1024], dir[1024];
    dir_of(path, dir, sizeof dir);
    if (ends_with(path, ".project")) {
        snprintf(proj, sizeof proj, "%s", path);
    } else {
        const char *dot = strrchr(path, '.');
        snprintf(proj, sizeof proj, "%.*s.project", dot ? (int)(dot - path) : (int)strlen(path), path);
    }
    char *pt = NULL;
    size_t pn;
    *nfiles = 0;
    snprintf(text_path, cap, "%s", path);
    if (access(proj, R_OK))
        return 0; /* no project: --dict must say what to code with */
    if (read_file(proj, &pt, &pn))
        return -1;
    static const char *const keys[] = {"<actorsfile>", "<verbsfile>", "<agentsfile>", "<optionsfile>"};
    char v[512];
    for (int k = 0; k < 4; k++)
        if (!project_value(pt, keys[k], v, sizeof v))
            snprintf(files[(*nfiles)++], 1024, "%.500s%.500s", v[0] == '/' ? "" : dir, v);
    if (ends_with(path, ".project") && !project_value(pt, "<textfile>", v, sizeof v))
        snprintf(text_path, cap, "%.500s%.500s", v[0] == '/' ? "" : dir, v);
    free(pt);
    return 0;
}

static int petrarch_setup(const char *path, const char *text, char files[4][1024], int *nfiles)
{
    static const char *const keys[] = {"<Verbfile>", "<Actorfile>", "<Agentfile>", "<Discardfile>"};
    char dir[1024], v[512];
    dir_of(path, dir, sizeof dir);
    *nfiles = 0;
    for (int k = 0; k < 4; k++)
        if (!project_value(text, keys[k], v, sizeof v))
            snprintf(files[(*nfiles)++], 1024, "%.500s%.500s", v[0] == '/' ? "" : dir, v);
    return 0;
}

static double parse_rate(const char *s)
{
    char *e;
    double x = strtod(s, &e);
    if (e == s || x < 0)
        return -1;
    return *e == '%' || x > 1 ? x / 100 : x;
}

static void summary(const vstate *v)
{
    printf("\nsummary:\n");
    for (int e = 1; e < 7; e++)
        if (v->by_expect[e])
            printf("  %-18s %5lu records, %5lu passed\n", expect_name((sn_expect)e), v->by_expect[e],
                   v->pass_by_expect[e]);
    if (v->not_sentences)
        printf("  %lu records marked sentence=\"false\" were not run\n", v->not_sentences);
    double pct = v->records ? 100.0 * (double)v->passed / (double)v->records : 0;
    printf("validate: %lu records, %lu passed (%.1f%%), %lu expected, %lu matched, %lu missing, %lu extra\n",
           v->records, v->passed, pct, v->expected, v->matched, v->missing, v->extra);
}

int cmd_validate(int argc, char **argv)
{
    static const struct option lo[] = {{"dict", required_argument, 0, 'D'}, {"min-pass", required_argument, 0, 'm'},
                                       {"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
    const char *dict_path = NULL;
    double min_pass = -1;
    vstate v;
    memset(&v, 0, sizeof v);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "D:m:qh", lo, NULL)) != -1) {
        if (c == 'D') {
            dict_path = optarg;
        } else if (c == 'm') {
            if ((min_pass = parse_rate(optarg)) < 0) {
                cli_error("validate", "bad --min-pass '%s' (0.9 or 90%%)", optarg);
                return EXIT_USAGE;
            }
        } else if (c == 'q') {
            v.quiet = 1;
        } else {
            cmd_validate_usage(c == 'h' ? stdout : stderr);
            return c == 'h' ? EXIT_OK : EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        cmd_validate_usage(stderr);
        return EXIT_USAGE;
    }
    const char *path = argv[optind];
    char text_path[1024], files[4][1024];
    int nfiles = 0;
    char *buf = NULL;
    size_t n = 0;
    v.tabari = !ends_with(path, ".xml");
    if (v.tabari && tabari_setup(path, text_path, sizeof text_path, files, &nfiles))
        return EXIT_BADINPUT;
    if (read_file(v.tabari ? text_path : path, &buf, &n))
        return EXIT_BADINPUT;
    if (!v.tabari)
        petrarch_setup(path, buf, files, &nfiles);
    sn_dict *owned = NULL;
    const sn_dict *dict = NULL;
    if (dict_path) {
        dict = cli_dict(dict_path, &owned);
    } else if (nfiles) {
        const char *p[4];
        for (int i = 0; i < nfiles; i++)
            p[i] = files[i];
        dict = owned = import_dicts(v.tabari ? SN_IMPORT_TABARI : SN_IMPORT_PETRARCH, p, (size_t)nfiles);
    } else {
        cli_error(path, "no .project or <Environment> names the dictionaries; give --dict IMAGE");
    }
    int rc = EXIT_OK;
    sn_text_limits lim = {0, 0, 0, SN_TEXT_BODY_ONLY}; /* records are story sentences */
    if (!dict || sn_analyzer_new(&v.an, &lim) || sn_coder_new(&v.coder, dict)) {
        rc = EXIT_BADINPUT;
    } else {
        sn_error err = {0};
        int r = v.tabari ? sn_records_tabari(buf, n, on_record, on_warn, &v, &err)
                         : sn_records_petrarch(buf, n, on_record, on_warn, &v, &err);
        if (r < 0) {
            cli_error(v.tabari ? text_path : path, "%s", err.msg);
            rc = EXIT_BADINPUT;
        } else {
            summary(&v);
            double rate = v.records ? (double)v.passed / (double)v.records : 0;
            if (min_pass >= 0 && rate + 1e-9 < min_pass) {
                fprintf(stderr, "sentinel: validate: pass rate %.1f%% is below --min-pass %.1f%%\n", 100 * rate,
                        100 * min_pass);
                rc = EXIT_BADINPUT;
            }
        }
    }
    sn_coder_free(v.coder);
    sn_analyzer_free(v.an);
    sn_dict_close(owned);
    free(buf);
    if (fflush(stdout))
        rc = EXIT_BADINPUT;
    return rc;
}
