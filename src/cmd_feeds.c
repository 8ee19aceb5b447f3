/*
 * src/cmd_feeds.c — `sentinel feeds`: the feeds Sentinel watches.
 *
 *   feeds add URL [--category C]     add one feed
 *   feeds import FILE.opml [--check] add an OPML list's feeds; bad outlines
 *                                    (and with --check, feeds that fail a
 *                                    first fetch) are reported, the others
 *                                    are imported
 *   feeds list [--format text|jsonl] status, last success, last error,
 *                                    item counts, next poll
 *   feeds export                     the list as OPML 2.0, with categories
 *   feeds poll [--all] [--no-articles] fetch the feeds that are due and write
 *                                    their new articles as JSON Lines
 *
 * The list lives in DIR/feeds.tsv (sentinel/feeds.h), DIR being --state,
 * else $SENTINEL_HOME, else $XDG_DATA_HOME/sentinel, else
 * ~/.local/share/sentinel. Exit status: 0, 1 when something was reported
 * (a bad outline, a feed that failed --check, an unreadable file), 2 usage.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "cli.h"

typedef struct feeds_opts {
    const char *state, *category, *format;
    int check, all, articles, robots;
    sn_poll_opts poll;
    char dir[4096];
} feeds_opts;

void cmd_feeds_usage(FILE *f)
{
    fprintf(f, "usage: sentinel feeds add URL [--category C]\n"
               "       sentinel feeds import FILE.opml [--check]\n"
               "       sentinel feeds list [--format text|jsonl]\n"
               "       sentinel feeds export\n"
               "       sentinel feeds poll [--all] [--no-articles]\n\n"
               "Manages the feeds Sentinel watches and polls them. 'poll' fetches the feeds\n"
               "that are due (conditional GET, per-host politeness, back-off on errors),\n"
               "records each feed's health, fetches the pages of new items (robots.txt\n"
               "applies) and writes their articles to stdout as JSON Lines, as\n"
               "'sentinel ingest' does.\n\n"
               "  --state DIR        where the feed list lives (else $SENTINEL_HOME,\n"
               "                     $XDG_DATA_HOME/sentinel, ~/.local/share/sentinel)\n"
               "  --category C       the feed's category (add)\n"
               "  --check            fetch each imported feed once and report those that fail\n"
               "  --format F         list as a table (text) or JSON Lines (jsonl)\n"
               "  --all              poll every feed, due or not\n"
               "  --no-articles      write the items themselves, without fetching their pages\n"
               "  --no-robots        do not read robots.txt before fetching article pages\n"
               "  --per-host N       transfers in flight per host (2)\n"
               "  --delay S          seconds between two requests to one host (1)\n"
               "  --timeout S        seconds for a whole transfer (30)\n"
               "  --max-bytes N      response size cap (16777216)\n"
               "  -h, --help         this help\n");
}

static int state_dir(feeds_opts *o)
{
    const char *e;
    if (o->state)
        snprintf(o->dir, sizeof o->dir, "%s", o->state);
    else if ((e = getenv("SENTINEL_HOME")) && *e)
        snprintf(o->dir, sizeof o->dir, "%s", e);
    else if ((e = getenv("XDG_DATA_HOME")) && *e)
        snprintf(o->dir, sizeof o->dir, "%s/sentinel", e);
    else if ((e = getenv("HOME")) && *e) {
        char p[4096]; /* the store makes only its own directory */
        snprintf(p, sizeof p, "%s/.local", e);
        mkdir(p, 0777);
        snprintf(p, sizeof p, "%s/.local/share", e);
        mkdir(p, 0777);
        snprintf(o->dir, sizeof o->dir, "%s/.local/share/sentinel", e);
    } else {
        cli_error("feeds", "no state directory: give --state DIR or set SENTINEL_HOME");
        return -1;
    }
    return 0;
}

static sn_feedstore *open_store(feeds_opts *o)
{
    if (state_dir(o))
        return NULL;
    sn_feedstore *s;
    sn_error err;
    if (sn_feedstore_open(o->dir, &s, &err)) {
        cli_error(NULL, "%s", err.msg);
        return NULL;
    }
    return s;
}

static int save(sn_feedstore *s)
{
    sn_error err;
    if (sn_feedstore_save(s, &err)) {
        cli_error(NULL, "%s", err.msg);
        return EXIT_BADINPUT;
    }
    return EXIT_OK;
}

static int cmd_add(feeds_opts *o, int argc, char **argv)
{
    if (argc != 1) {
        cli_error("feeds add", "want one URL");
        return EXIT_USAGE;
    }
    if (!sn_url_is_http(argv[0])) {
        cli_error("feeds add", "'%s' is not an http(s) URL", argv[0]);
        return EXIT_USAGE;
    }
    sn_feedstore *s = open_store(o);
    if (!s)
        return EXIT_BADINPUT;
    sn_feed_state *f;
    int existed;
    sn_rc rc = sn_feedstore_add(s, argv[0], o->category, NULL, (int64_t)time(NULL), &f, &existed);
    int status = rc ? EXIT_BADINPUT : save(s);
    if (rc)
        cli_error("feeds add", "%s", sn_rc_str(rc));
    else if (existed)
        fprintf(stderr, "sentinel: feeds add: %s is already in the list\n", argv[0]);
    sn_feedstore_close(s);
    return status;
}

static int discard(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    (void)p;
    (void)n;
    return 0;
}

static int write_stdout(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

static int cmd_import(feeds_opts *o, int argc, char **argv)
{
    if (argc != 1) {
        cli_error("feeds import", "want one OPML file");
        return EXIT_USAGE;
    }
    FILE *fp = cli_open(argv[0]);
    char *buf;
    size_t n;
    if (!fp)
        return EXIT_BADINPUT;
    if (cli_read_all(fp, (size_t)16 << 20, &buf, &n)) {
        cli_error(argv[0], "cannot read it, or it is larger than 16 MiB");
        cli_close(fp);
        return EXIT_BADINPUT;
    }
    cli_close(fp);
    sn_opml *opml;
    sn_error err;
    sn_rc rc = sn_opml_parse(buf, n, &opml, &err);
    free(buf);
    if (rc) {
        if (err.line)
            cli_error(NULL, "%s:%u: %s", argv[0], err.line, err.msg);
        else
            cli_error(argv[0], "%s", err.msg);
        return EXIT_BADINPUT;
    }
    int status = EXIT_OK;
    for (size_t i = 0; i < opml->n_problems; i++) {
        cli_error(NULL, "%s:%u: %s; skipped", argv[0], opml->problems[i].line, opml->problems[i].msg);
        status = EXIT_BADINPUT;
    }
    sn_feedstore *s = open_store(o);
    if (!s) {
        sn_opml_free(opml);
        return EXIT_BADINPUT;
    }
    size_t added = 0, present = 0, first = sn_feedstore_count(s);
    int64_t now = (int64_t)time(NULL);
    for (size_t i = 0; i < opml->n_entries; i++) {
        sn_opml_entry *e = &opml->entries[i];
        sn_feed_state *f;
        int existed;
        if (sn_feedstore_add(s, e->url, e->category, e->title, now, &f, &existed) == SN_OK)
            existed ? present++ : added++;
    }
    if (o->check && added) {
        /* Fetch the new feeds once; report the ones that fail. */
        sn_poll_opts po = o->poll;
        po.articles = 0;
        po.all = 0;
        sn_ingest_opts io = {0, 0, 0};
        sn_ingestor *g = sn_ingestor_new(&io);
        sn_poll_report rep;
        int64_t *due = calloc(first ? first : 1, sizeof *due);
        for (size_t i = 0; due && i < first; i++) { /* only the new ones are due now */
            due[i] = sn_feedstore_get(s, i)->next_poll;
            sn_feedstore_get(s, i)->next_poll = INT64_MAX;
        }
        if (g && due)
            sn_feeds_poll(s, &po, now, g, discard, NULL, &rep);
        for (size_t i = 0; due && i < first; i++)
            sn_feedstore_get(s, i)->next_poll = due[i];
        free(due);
        sn_ingestor_free(g);
        for (size_t i = first; i < sn_feedstore_count(s); i++) {
            sn_feed_state *f = sn_feedstore_get(s, i);
            if (!strcmp(f->status, "error") || !strcmp(f->status, "dead")) {
                unsigned line = 0;
                for (size_t k = 0; k < opml->n_entries; k++)
                    if (!strcmp(opml->entries[k].url, f->url))
                        line = opml->entries[k].line;
                cli_error(NULL, "%s:%u: %s: %s feed: %s (imported; it will be retried)", argv[0], line, f->url,
                          f->status, f->last_error ? f->last_error : "failed");
                status = EXIT_BADINPUT;
            }
        }
    }
    fprintf(stderr, "sentinel: feeds import: %zu feeds imported, %zu already in the list, %zu outlines skipped\n",
            added, present, opml->n_problems);
    sn_opml_free(opml);
    int st = save(s);
    sn_feedstore_close(s);
    return st ? st : status;
}

static void when(int64_t t, char *buf)
{
    if (!t) {
        strcpy(buf, "never");
        return;
    }
    sn_time_format(t, buf);
    buf[16] = 'Z'; /* minutes are enough for a table */
    buf[17] = '\0';
    buf[10] = ' ';
}

static void json_str(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void list_json(const sn_feed_state *f)
{
    char t[6][32];
    int64_t ts[6] = {f->added, f->last_attempt, f->last_success, f->last_error_at, f->next_poll, 0};
    for (int i = 0; i < 5; i++) {
        if (ts[i])
            sn_time_format(ts[i], t[i]);
        else
            strcpy(t[i], "");
    }
    printf("{\"url\":");
    json_str(stdout, f->url);
    printf(",\"category\":");
    json_str(stdout, f->category);
    printf(",\"title\":");
    json_str(stdout, f->title);
    printf(",\"kind\":");
    json_str(stdout, f->kind);
    printf(",\"status\":");
    json_str(stdout, f->status);
    const char *names[] = {"added", "last_attempt", "last_success", "last_error_at", "next_poll"};
    for (int i = 0; i < 5; i++) {
        printf(",\"%s\":", names[i]);
        json_str(stdout, t[i][0] ? t[i] : NULL);
    }
    printf(",\"last_error\":");
    json_str(stdout, f->last_error);
    printf(",\"failures\":%u,\"items_last\":%u,\"new_last\":%u,\"items_total\":%lu,\"interval\":%ld,\"etag\":",
           f->failures, f->items_last, f->new_last, f->items_total, f->interval);
    json_str(stdout, f->etag);
    printf(",\"last_modified\":");
    json_str(stdout, f->last_modified);
    printf("}\n");
}

static int cmd_list(feeds_opts *o, int argc)
{
    if (argc) {
        cli_error("feeds list", "takes no arguments");
        return EXIT_USAGE;
    }
    int json = o->format && !strcmp(o->format, "jsonl");
    if (o->format && !json && strcmp(o->format, "text")) {
        cli_error("feeds list", "--format wants text or jsonl");
        return EXIT_USAGE;
    }
    sn_feedstore *s = open_store(o);
    if (!s)
        return EXIT_BADINPUT;
    if (!json)
        printf("%-12s %6s %4s %-17s %-17s %5s  %s\n", "STATUS", "ITEMS", "NEW", "LAST SUCCESS", "NEXT POLL",
               "FAILS", "URL");
    for (size_t i = 0; i < sn_feedstore_count(s); i++) {
        sn_feed_state *f = sn_feedstore_get(s, i);
        if (json) {
            list_json(f);
            continue;
        }
        char ok[32], next[32];
        when(f->last_success, ok);
        when(f->next_poll, next);
        printf("%-12s %6lu %4u %-17s %-17s %5u  %s%s%s%s\n", f->status ? f->status : "new", f->items_total,
               f->new_last, ok, next, f->failures, f->url, f->category ? " [" : "", f->category ? f->category : "",
               f->category ? "]" : "");
        if (f->last_error) {
            char at[32];
            when(f->last_error_at, at);
            printf("%-12s last error %s: %s\n", "", at, f->last_error);
        }
    }
    sn_feedstore_close(s);
    return EXIT_OK;
}

static int cmd_export(feeds_opts *o, int argc)
{
    if (argc) {
        cli_error("feeds export", "takes no arguments");
        return EXIT_USAGE;
    }
    sn_feedstore *s = open_store(o);
    if (!s)
        return EXIT_BADINPUT;
    size_t n = sn_feedstore_count(s);
    sn_opml_entry *e = calloc(n ? n : 1, sizeof *e);
    for (size_t i = 0; e && i < n; i++) {
        sn_feed_state *f = sn_feedstore_get(s, i);
        e[i].url = f->url;
        e[i].title = f->title;
        e[i].category = f->category;
    }
    sn_rc rc = e ? sn_opml_write("Sentinel feeds", e, n, write_stdout, NULL) : SN_ERR_NOMEM;
    free(e);
    sn_feedstore_close(s);
    if (rc) {
        cli_error("feeds export", "%s", sn_rc_str(rc));
        return EXIT_BADINPUT;
    }
    return EXIT_OK;
}

static int cmd_poll(feeds_opts *o, int argc)
{
    if (argc) {
        cli_error("feeds poll", "takes no arguments");
        return EXIT_USAGE;
    }
    sn_feedstore *s = open_store(o);
    if (!s)
        return EXIT_BADINPUT;
    sn_ingest_opts io = {1, 1, 0};
    sn_ingestor *g = sn_ingestor_new(&io);
    sn_poll_report rep;
    o->poll.all = o->all;
    o->poll.articles = o->articles;
    o->poll.fetch.robots = o->robots;
    sn_rc rc = sn_feeds_poll(s, &o->poll, (int64_t)time(NULL), g, write_stdout, NULL, &rep);
    int status = rc ? EXIT_BADINPUT : EXIT_OK;
    if (rc)
        cli_error("feeds poll", "%s", sn_rc_str(rc));
    fflush(stdout);
    fprintf(stderr, "sentinel: feeds poll: %u feeds (%u ok, %u not modified, %u failed), %u new items, %u articles, "
                    "%u article pages failed\n", rep.feeds, rep.ok, rep.not_modified, rep.errors, rep.new_items,
            rep.articles, rep.article_errors);
    int st = save(s);
    sn_ingestor_free(g);
    sn_feedstore_close(s);
    return st ? st : status;
}

int cmd_feeds(int argc, char **argv)
{
    feeds_opts o = {0};
    o.articles = 1;
    o.robots = 1;
    sn_poll_defaults(&o.poll);
    static const struct option lo[] = {
        {"state", required_argument, 0, 's'}, {"category", required_argument, 0, 'c'},
        {"format", required_argument, 0, 'f'}, {"check", no_argument, 0, 'k'}, {"all", no_argument, 0, 'a'},
        {"no-articles", no_argument, 0, 'N'}, {"no-robots", no_argument, 0, 'R'},
        {"per-host", required_argument, 0, 'p'}, {"delay", required_argument, 0, 'd'},
        {"timeout", required_argument, 0, 't'}, {"max-bytes", required_argument, 0, 'm'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "s:c:f:kaNRp:d:t:m:h", lo, NULL)) != -1) {
        switch (c) {
        case 's': o.state = optarg; break;
        case 'c': o.category = optarg; break;
        case 'f': o.format = optarg; break;
        case 'k': o.check = 1; break;
        case 'a': o.all = 1; break;
        case 'N': o.articles = 0; break;
        case 'R': o.robots = 0; break;
        case 'p': o.poll.fetch.per_host = atoi(optarg); break;
        case 'd': o.poll.fetch.host_delay = atof(optarg); break;
        case 't': o.poll.fetch.timeout = atol(optarg); o.poll.fetch.low_speed_time = atol(optarg); break;
        case 'm': o.poll.fetch.max_bytes = (size_t)strtoull(optarg, NULL, 10); break;
        case 'h': cmd_feeds_usage(stdout); return EXIT_OK;
        default: cmd_feeds_usage(stderr); return EXIT_USAGE;
        }
    }
    if (o.poll.fetch.per_host < 1 || o.poll.fetch.host_delay < 0 || o.poll.fetch.timeout < 1 ||
        o.poll.fetch.max_bytes < 1024) {
        cli_error("feeds", "--per-host, --delay, --timeout or --max-bytes out of range");
        return EXIT_USAGE;
    }
    if (optind >= argc) {
        cmd_feeds_usage(stderr);
        return EXIT_USAGE;
    }
    const char *sub = argv[optind];
    int rest = argc - optind - 1;
    char **args = argv + optind + 1;
    if (!strcmp(sub, "add"))
        return cmd_add(&o, rest, args);
    if (!strcmp(sub, "import"))
        return cmd_import(&o, rest, args);
    if (!strcmp(sub, "list"))
        return cmd_list(&o, rest);
    if (!strcmp(sub, "export"))
        return cmd_export(&o, rest);
    if (!strcmp(sub, "poll"))
        return cmd_poll(&o, rest);
    cli_error("feeds", "'%s' is not a feeds command (add, import, list, export, poll)", sub);
    return EXIT_USAGE;
}
