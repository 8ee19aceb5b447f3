/*
 * src/cmd_dict.c — `sentinel dict`: compiles dictionary text files into an
 * image (`dict compile -o IMAGE FILE...`), shows what an image holds and
 * how much of CAMEO it covers (`dict stats [IMAGE]`), and reports what the
 * coder cannot use as written (`dict check [IMAGE | FILE...]`).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

void cmd_dict_usage(FILE *f)
{
    fprintf(f, "usage: sentinel dict compile -o IMAGE FILE...\n"
               "       sentinel dict stats [IMAGE]\n"
               "       sentinel dict check [IMAGE | FILE...]\n\n"
               "compile  turns dictionary text files (docs/dictionaries.md) into an image that\n"
               "         'sentinel code --dict IMAGE' maps; errors are reported as file:line:col\n"
               "stats    counts the actors, names, agents, patterns, cues and places of an image,\n"
               "         states, people and roles, and patterns and event codes per CAMEO root\n"
               "         (default: the built-in dictionaries)\n"
               "check    reports duplicate names with conflicting codes, inverted or overlapping\n"
               "         date ranges, unknown codes, patterns that can never match and shadowed\n"
               "         actors, as file:line for text files; exits 1 when it finds any\n");
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
    cli_error("dict", "unknown subcommand '%s' (compile, stats, check)", argv[1]);
    return EXIT_USAGE;
}
