/*
 * src/main.c — the sentinel command: finds the subcommand and runs it,
 * git-style ("sentinel parse FILE"). Every command takes --help.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"

int cmd_parse(int argc, char **argv);
void cmd_parse_usage(FILE *f);
int cmd_version(int argc, char **argv);
void cmd_version_usage(FILE *f);
int cmd_code(int argc, char **argv);
void cmd_code_usage(FILE *f);
int cmd_explain(int argc, char **argv);
void cmd_explain_usage(FILE *f);
int cmd_dict(int argc, char **argv);
void cmd_dict_usage(FILE *f);
int cmd_geo(int argc, char **argv);
void cmd_geo_usage(FILE *f);
int cmd_validate(int argc, char **argv);
void cmd_validate_usage(FILE *f);
int cmd_ingest(int argc, char **argv);
void cmd_ingest_usage(FILE *f);
int cmd_feeds(int argc, char **argv);
void cmd_feeds_usage(FILE *f);
int cmd_events(int argc, char **argv);
void cmd_events_usage(FILE *f);
int cmd_articles(int argc, char **argv);
void cmd_articles_usage(FILE *f);
int cmd_stats(int argc, char **argv);
void cmd_stats_usage(FILE *f);
int cmd_export(int argc, char **argv);
void cmd_export_usage(FILE *f);
int cmd_recode(int argc, char **argv);
void cmd_recode_usage(FILE *f);

static int cmd_help(int argc, char **argv);
static void cmd_help_usage(FILE *f);

static const cli_cmd commands[] = {
    {"parse", "analyse text: sentences, tokens, tags, chunks, clauses, dates", cmd_parse, cmd_parse_usage},
    {"code", "code events: actors, CAMEO, modality, attribution, dates", cmd_code, cmd_code_usage},
    {"explain", "show why a sentence gives the events it gives", cmd_explain, cmd_explain_usage},
    {"dict", "compile dictionaries, or show what an image holds", cmd_dict, cmd_dict_usage},
    {"geo", "show how a text is geolocated: places, candidates, choices", cmd_geo, cmd_geo_usage},
    {"validate", "run a TABARI or PETRARCH validation suite", cmd_validate, cmd_validate_usage},
    {"ingest", "extract articles from WARC, HTML, text and JSON Lines as JSON Lines", cmd_ingest, cmd_ingest_usage},
    {"feeds", "add, import, list, export and poll news feeds", cmd_feeds, cmd_feeds_usage},
    {"events", "query the stored events: actors, codes, places, dates, sources, text", cmd_events, cmd_events_usage},
    {"articles", "list the stored articles", cmd_articles, cmd_articles_usage},
    {"stats", "count what the store holds", cmd_stats, cmd_stats_usage},
    {"export", "export stored events: GDELT, ACLED, JSON Lines, GeoJSON", cmd_export, cmd_export_usage},
    {"recode", "re-code stored articles after a dictionary change", cmd_recode, cmd_recode_usage},
    {"version", "print the version", cmd_version, cmd_version_usage},
    {"help", "show help for a command", cmd_help, cmd_help_usage},
};

#define NCOMMANDS (sizeof commands / sizeof *commands)

static const cli_cmd *find(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i].name, name))
            return &commands[i];
    return NULL;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: sentinel <command> [options] [args]\n\n"
               "Sentinel reads news reports and turns them into coded political events.\n\n"
               "Commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nRun 'sentinel help <command>' or 'sentinel <command> --help' for details.\n");
}

static void cmd_help_usage(FILE *f)
{
    fprintf(f, "usage: sentinel help [COMMAND]\n");
}

static int cmd_help(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return EXIT_OK;
    }
    const cli_cmd *c = find(argv[1]);
    if (!c) {
        cli_error(NULL, "no such command '%s'", argv[1]);
        return EXIT_USAGE;
    }
    c->usage(stdout);
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
        return cmd_help(1, argv);
    if (!strcmp(argv[1], "--version"))
        return cmd_version(1, argv + 1);
    const cli_cmd *c = find(argv[1]);
    if (!c) {
        cli_error(NULL, "'%s' is not a command; see 'sentinel --help'", argv[1]);
        return EXIT_USAGE;
    }
    return c->run(argc - 1, argv + 1);
}
