/*
 * src/cmd_dict.c — `sentinel dict`: compiles dictionary text files into an
 * image (`dict compile -o IMAGE FILE...`), shows what an image holds and
 * how much of CAMEO it covers (`dict stats [IMAGE]`), reports what the
 * coder cannot use as written (`dict check [IMAGE | FILE...]`), and imports
 * TABARI and PETRARCH dictionaries
 * (`dict import tabari|petrarch [-o IMAGE] [--text] [-q] FILE...`).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"

void cmd_dict_usage(FILE *f)
{
    fprintf(f, "usage: sentinel dict compile -o IMAGE FILE...\n"
               "       sentinel dict stats [IMAGE]\n"
               "       sentinel dict check [IMAGE | FILE...]\n"
               "       sentinel dict import tabari|petrarch [-o IMAGE] [--text] [-q] FILE...\n\n"
               "compile  turns dictionary text files (docs/dictionaries.md) into an image that\n"
               "         'sentinel code --dict IMAGE' maps; errors are reported as file:line:col\n"
               "stats    counts the actors, names, agents, patterns, cues and places of an image,\n"
               "         states, people and roles, and patterns and event codes per CAMEO root\n"
               "         (default: the built-in dictionaries)\n"
               "check    reports duplicate names with conflicting codes, inverted or overlapping\n"
               "         date ranges, unknown codes, patterns that can never match and shadowed\n"
               "         actors, as file:line for text files; exits 1 when it finds any\n"
               "import   reads TABARI (.project, .actors, .agents, .verbs, .options) or PETRARCH\n"
               "         (actors, agents, CAMEO.2.0 verbs, discards, issues, prepositions)\n"
               "         dictionaries; -o writes an image, --text Sentinel's text format to\n"
               "         stdout. Entries Sentinel cannot represent are reported on stderr as\n"
               "         file:line: skipped: reason (-q: the summary only); a summary counts\n"
               "         what was loaded and skipped per kind (docs/compat.md)\n");
}

static int compile(int argc, char **argv)
{
    const char *out = NULL;
    int c;
    optind = 1;
    while ((c = getopt(argc, argv, "o:h")) != -1) {
        if (c == 'o') {
            out = optarg;
        } else {
            cmd_dict_usage(c == 'h' ? stdout : stderr);
            return c == 'h' ? EXIT_OK : EXIT_USAGE;
        }
    }
    if (!out || optind >= argc) {
        cmd_dict_usage(stderr);
        return EXIT_USAGE;
    }
    sn_error err;
    if (sn_dict_compile((const char *const *)argv + optind, (size_t)(argc - optind), out, &err)) {
        fprintf(stderr, "sentinel: %s\n", err.msg);
        return EXIT_BADINPUT;
    }
    return EXIT_OK;
}

static void coverage(const sn_dict_stats *s)
{
    printf("\ncoverage\nstates    %zu (de facto %zu)\nigos      %zu\nngos      %zu\ngroups    %zu\n"
           "companies %zu\npeople    %zu (%zu with dated codes, %zu code lines)\nroles     %zu\n"
           "verbs     %zu verb patterns, %zu noun patterns\n\nroot  patterns  codes with a pattern\n",
           s->states, s->defacto, s->igos, s->ngos, s->groups, s->companies, s->people, s->dated_people,
           s->person_codes, s->roles, s->verb_patterns, s->noun_patterns);
    size_t codes = 0, table = 0;
    for (int r = 1; r <= 20; r++) {
        printf("%02d    %-8zu  %zu of %zu\n", r, s->root_patterns[r], s->root_codes[r], s->root_table[r]);
        codes += s->root_codes[r];
        table += s->root_table[r];
    }
    printf("all   %-8zu  %zu of %zu\n", s->patterns, codes, table);
}

static int stats(int argc, char **argv)
{
    sn_dict *owned = NULL;
    const sn_dict *d = cli_dict(argc > 1 ? argv[1] : NULL, &owned);
    if (!d)
        return EXIT_BADINPUT;
    sn_dict_stats s;
    sn_dict_get_stats(d, &s);
    printf("bytes     %zu\nactors    %zu (people %zu)\nnames     %zu\nagents    %zu\npatterns  %zu\n"
           "cues      %zu\ndiscards  %zu\nplaces    %zu\n",
           s.bytes, s.actors, s.people, s.names, s.agents, s.patterns, s.cues, s.discards, s.places);
    coverage(&s);
    sn_dict_close(owned);
    return EXIT_OK;
}

typedef struct import_ctx {
    int quiet;
    unsigned long reports;
} import_ctx;

static void import_report(void *ctx, const char *file, unsigned line, const char *msg)
{
    import_ctx *ic = ctx;
    ic->reports++;
    if (ic->quiet)
        return;
    if (line)
        fprintf(stderr, "%s:%u: %s\n", file, line, msg);
    else
        fprintf(stderr, "%s: %s\n", file, msg);
}

static void import_summary(const sn_import_stats *st, double secs)
{
    size_t tl = 0, ts = 0;
    fprintf(stderr, "import: %-13s %9s %9s\n", "kind", "loaded", "skipped");
    for (int k = 0; k < SN_IK__COUNT; k++) {
        if (!st->loaded[k] && !st->skipped[k])
            continue;
        fprintf(stderr, "import: %-13s %9zu %9zu\n", sn_import_kind_name((sn_import_kind)k), st->loaded[k],
                st->skipped[k]);
        tl += st->loaded[k];
        ts += st->skipped[k];
    }
    fprintf(stderr, "import: %zu loaded, %zu skipped, %zu rejected by the compiler, %.2f s\n", tl, ts,
            st->compile_skipped, secs);
}

static int import(int argc, char **argv)
{
    static const struct option lo[] = {{"text", no_argument, 0, 't'}, {"output", required_argument, 0, 'o'},
                                       {"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
    const char *out = NULL;
    int text = 0, c;
    import_ctx ic = {0, 0};
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:tqh", lo, NULL)) != -1) {
        if (c == 'o')
            out = optarg;
        else if (c == 't')
            text = 1;
        else if (c == 'q')
            ic.quiet = 1;
        else {
            cmd_dict_usage(c == 'h' ? stdout : stderr);
            return c == 'h' ? EXIT_OK : EXIT_USAGE;
        }
    }
    if (optind + 1 >= argc || (!out && !text)) {
        cli_error("dict import", "needs tabari or petrarch, -o IMAGE or --text, and files");
        return EXIT_USAGE;
    }
    sn_import_format fmt;
    if (!strcmp(argv[optind], "tabari"))
        fmt = SN_IMPORT_TABARI;
    else if (!strcmp(argv[optind], "petrarch"))
        fmt = SN_IMPORT_PETRARCH;
    else {
        cli_error("dict import", "unknown format '%s' (tabari, petrarch)", argv[optind]);
        return EXIT_USAGE;
    }
    optind++;
    sn_import_stats st;
    sn_error err;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    sn_rc rc = sn_dict_import(fmt, (const char *const *)argv + optind, (size_t)(argc - optind), out,
                              text ? cli_write_stdout : NULL, NULL, import_report, &ic, &st, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc) {
        fprintf(stderr, "sentinel: dict import: %s\n", err.msg);
        return EXIT_BADINPUT;
    }
    import_summary(&st, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    if (fflush(stdout)) {
        cli_error("dict import", "cannot write output");
        return EXIT_BADINPUT;
    }
    return EXIT_OK;
}

/* The issues of one check, kept to print them in file and line order. */
typedef struct issues {
    sn_dict_issue *v;
    size_t n, cap;
    int nomem;
    char *const *files; /* the FILE arguments, for their order */
    int nfiles;
} issues;

static void keep_issue(const sn_dict_issue *is, void *ctx)
{
    issues *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        sn_dict_issue *v = cap <= ((size_t)1 << 20) ? realloc(l->v, cap * sizeof *v) : NULL;
        if (!v) {
            l->nomem = 1;
            return;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *is;
}

static int file_rank(const issues *l, const char *f)
{
    for (int i = 0; i < l->nfiles; i++)
        if (f == l->files[i])
            return i;
    return l->nfiles;
}

static int by_place(const void *a, const void *b, void *ctx)
{
    const sn_dict_issue *x = a, *y = b;
    int fx = file_rank(ctx, x->file), fy = file_rank(ctx, y->file);
    if (fx != fy)
        return fx < fy ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x < y ? -1 : 1;
}

static void print_issues(issues *l)
{
    if (l->n)
        qsort_r(l->v, l->n, sizeof *l->v, by_place, l);
    for (size_t i = 0; i < l->n; i++) {
        const sn_dict_issue *is = &l->v[i];
        if (is->line)
            printf("%s:%u: %s: %s\n", is->file, is->line, is->check, is->msg);
        else
            printf("%s: %s: %s\n", is->file, is->check, is->msg);
    }
    if (l->nomem)
        fprintf(stderr, "sentinel: out of memory: some problems are not listed\n");
}

/* An image starts with the magic "SNDI"; anything else is text. */
static int is_image(const char *path)
{
    FILE *f = fopen(path, "rb");
    char m[4] = {0};
    int yes = f && fread(m, 1, 4, f) == 4 && !memcmp(m, "SNDI", 4);
    if (f)
        fclose(f);
    return yes;
}

static int check(int argc, char **argv)
{
    size_t n = 0;
    if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
        cmd_dict_usage(stdout);
        return EXIT_OK;
    }
    issues l = {NULL, 0, 0, 0, argv + 1, argc - 1};
    if (argc <= 2 && (argc < 2 || is_image(argv[1]))) {
        sn_dict *owned = NULL;
        const sn_dict *d = cli_dict(argc > 1 ? argv[1] : NULL, &owned);
        if (!d)
            return EXIT_BADINPUT;
        n = sn_dict_check(d, argc > 1 ? argv[1] : "built-in", keep_issue, &l);
        sn_dict_close(owned);
    } else {
        sn_error err;
        if (sn_dict_check_files((const char *const *)argv + 1, (size_t)(argc - 1), keep_issue, &l, &n, &err)) {
            fprintf(stderr, "sentinel: %s\n", err.msg);
            free(l.v);
            return EXIT_BADINPUT;
        }
    }
    print_issues(&l);
    free(l.v);
    printf("dict check: %zu problem%s\n", n, n == 1 ? "" : "s");
    return n ? EXIT_BADINPUT : EXIT_OK;
}

int cmd_dict(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        cmd_dict_usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (!strcmp(argv[1], "compile"))
        return compile(argc - 1, argv + 1);
    if (!strcmp(argv[1], "stats"))
        return stats(argc - 1, argv + 1);
    if (!strcmp(argv[1], "check"))
        return check(argc - 1, argv + 1);
    if (!strcmp(argv[1], "import"))
        return import(argc - 1, argv + 1);
    cli_error("dict", "unknown subcommand '%s' (compile, stats, check, import)", argv[1]);
    return EXIT_USAGE;
}
