/*
 * src/cmd_dict.c — `sentinel dict`: compiles dictionary text files into an
 * image (`dict compile -o IMAGE FILE...`) and shows what an image holds
 * (`dict stats [IMAGE]`).
 */
#include <getopt.h>
#include <string.h>
#include "cli.h"

void cmd_dict_usage(FILE *f)
{
    fprintf(f, "usage: sentinel dict compile -o IMAGE FILE...\n"
               "       sentinel dict stats [IMAGE]\n\n"
               "compile  turns dictionary text files (docs/dictionaries.md) into an image that\n"
               "         'sentinel code --dict IMAGE' maps; errors are reported as file:line:col\n"
               "stats    counts the actors, names, agents, patterns, cues and places of an image\n"
               "         (default: the built-in dictionaries)\n");
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
    sn_dict_close(owned);
    return EXIT_OK;
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
    cli_error("dict", "unknown subcommand '%s' (compile, stats)", argv[1]);
    return EXIT_USAGE;
}
