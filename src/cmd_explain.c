/*
 * src/cmd_explain.c — `sentinel explain "sentence"`: shows an analyst why
 * a sentence gives the events it gives: its tokens, tags, chunks and
 * clauses, the actor and verb matches with the dictionary rules, each
 * candidate's fate, and the events.
 */
#include <getopt.h>
#include <string.h>
#include "cli.h"

void cmd_explain_usage(FILE *f)
{
    fprintf(f, "usage: sentinel explain [--date YYYY-MM-DD] [--dict IMAGE] \"SENTENCE\"...\n\n"
               "Explains how the text is analysed and coded: tokens, tags, chunks, clauses,\n"
               "dates, the dictionary matches, and why each candidate became an event or not.\n");
}

static int write_stderr_free(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

int cmd_explain(int argc, char **argv)
{
    static const struct option lo[] = {
        {"date", required_argument, 0, 'd'}, {"dict", required_argument, 0, 'D'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    sn_date date = {0};
    int has_date = 0, c;
    const char *dict_path = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:D:h", lo, NULL)) != -1) {
        if (c == 'h') {
            cmd_explain_usage(stdout);
            return EXIT_OK;
        } else if (c == 'd') {
            if (cli_parse_date(optarg, &date))
                return EXIT_USAGE;
            has_date = 1;
        } else if (c == 'D') {
            dict_path = optarg;
        } else {
            cmd_explain_usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cmd_explain_usage(stderr);
        return EXIT_USAGE;
    }
    sn_dict *owned = NULL;
    const sn_dict *dict = cli_dict(dict_path, &owned);
    sn_analyzer *an = NULL;
    sn_coder *coder = NULL;
    int rc = EXIT_OK;
    if (!dict || sn_analyzer_new(&an, NULL) || sn_coder_new(&coder, dict)) {
        rc = EXIT_BADINPUT;
        goto out;
    }
    for (int i = optind; i < argc && rc == EXIT_OK; i++) {
        const sn_doc *doc;
        const sn_event *ev;
        uint32_t n;
        if (sn_analyze(an, argv[i], strlen(argv[i]), has_date ? &date : NULL, &doc)) {
            rc = EXIT_BADINPUT;
            break;
        }
        cli_view(stdout, doc, NULL);
        fputs("coding:\n", stdout);
        if (sn_code_explain(coder, doc, write_stderr_free, NULL, &ev, &n)) {
            rc = EXIT_BADINPUT;
            break;
        }
        printf("events: %u\n", n);
        for (uint32_t k = 0; k < n; k++) {
            sn_event_write_json(&ev[k], doc, NULL, k, cli_write_stdout, NULL);
            putchar('\n');
        }
    }
out:
    sn_coder_free(coder);
    sn_analyzer_free(an);
    sn_dict_close(owned);
    return rc;
}
