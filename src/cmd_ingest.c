/*
 * src/cmd_ingest.c — `sentinel ingest`: reads WARC archives (plain or gzip),
 * HTML pages, plain texts, JSON Lines article records, whole directories of
 * them and stdin, extracts the articles and writes them as JSON Lines
 * article records on stdout (docs/formats.md, "ingested article"), with
 * duplicates marked and languages identified. Nothing is stored.
 *
 * The kind of each input is told by --type, else by its name (.warc,
 * .warc.gz, .wet.gz, .html, .htm, .jsonl, .ndjson, .json, .txt, each
 * optionally .gz), else by its first bytes (after gunzip): "WARC/", "{",
 * markup, or text. WARC files and JSON Lines stream (a record or a line at
 * a time, any size); an HTML or text file is read whole, up to 64 MiB. Directories are walked in name order (hidden entries
 * skipped, at most 32 levels). stdin is spooled to an unlinked temporary
 * file first, so it may be any kind, compressed or not.
 *
 * Progress goes to stderr: on a terminal a line redrawn five times a second
 * (articles, articles/s, bytes of the total, MB/s, ETA); otherwise one
 * summary line every --interval seconds (default 10). The last line is the
 * summary. Exit status: 0, 1 when an input or record could not be read
 * (the others are still ingested), 2 usage.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include "cli.h"
#include "store_cli.h"

#define MAX_DOC ((size_t)64 << 20)
#define MAX_FILES 1000000
#define MAX_DEPTH 32

enum { T_AUTO, T_WARC, T_HTML, T_TEXT, T_JSONL };

typedef struct job {
    char *path;     /* what is opened */
    char *name;     /* what messages call it */
    uint64_t size;
} job;

typedef struct ingest_opts {
    int type;
    const char *url;
    int dedup, progress; /* progress: -1 auto, 0 off, 1 on */
    double interval;
    sn_ingestor *g;
    job *jobs;
    size_t njobs, alloc;
    uint64_t total, done;   /* bytes of all inputs, of finished ones */
    double start, last;
    int tty, status;
    int stdin_fd;
    const char *db;      /* --db: store the articles and their events */
    int format_given;
} ingest_opts;

static store_sink *sink; /* with --db */

void cmd_ingest_usage(FILE *f)
{
    fprintf(f, "usage: sentinel ingest [--format jsonl] [--type auto|warc|html|text|jsonl] [--url URL]\n"
               "                       [--no-dedup] [--progress auto|on|off] [--interval SECONDS] INPUT...\n"
               "       sentinel ingest --db FILE [--format jsonl] [options] INPUT...\n\n"
               "Extracts articles from WARC archives (plain or gzip, e.g. Common Crawl news),\n"
               "HTML pages, text files, JSON Lines article records, directories of them, or\n"
               "stdin ('-'), and writes them to stdout as JSON Lines article records: title,\n"
               "byline, source, publication date, canonical URL, language, text, captions.\n"
               "Copies of an article already written (same canonical URL, same text, or a\n"
               "near-duplicate) are written with \"duplicate_of\"; articles not in English have\n"
               "\"english\":false. 'sentinel code' skips both. Nothing is stored.\n\n"
               "With --db, each article is also coded, geolocated and stored with its events,\n"
               "merged across reports (docs/storage.md); nothing is written to stdout unless\n"
               "--format jsonl is given too. Re-ingesting the same input changes nothing.\n\n"
               "  --db FILE       store into FILE (SQLite; see 'sentinel help events' for the default)\n"
               "  --format F      output format: jsonl (the only one so far)\n"
               "  --type T        the kind of every input, instead of guessing\n"
               "  --url URL       the URL an HTML or text input was published at\n"
               "  --no-dedup      do not look for duplicates\n"
               "  --progress P    progress on stderr: auto (a bar on a terminal), on, off\n"
               "  --interval S    without a terminal, a summary line every S seconds (10)\n"
               "  -h, --help      this help\n");
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int write_out(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    if (sink)
        return store_sink_write(sink, p, n);
    return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

/* ---- progress ---- */

static void fmt_bytes(double b, char *out, size_t cap)
{
    if (b >= 1e9)
        snprintf(out, cap, "%.2f GB", b / 1e9);
    else
        snprintf(out, cap, "%.1f MB", b / 1e6);
}

static void progress(ingest_opts *o, uint64_t current, int final)
{
    double t = now(), el = t - o->start;
    if (!final && (!o->progress || t - o->last < (o->tty ? 0.2 : o->interval)))
        return;
    o->last = t;
    const sn_ingest_stats *s = sn_ingestor_stats(o->g);
    uint64_t done = o->done + current;
    double rate = el > 0 ? (double)s->articles / el : 0, mbs = el > 0 ? (double)done / el / 1e6 : 0;
    char b1[32], b2[32], eta[32] = "";
    fmt_bytes((double)done, b1, sizeof b1);
    fmt_bytes((double)o->total, b2, sizeof b2);
    if (o->total && done && done < o->total) {
        double left = el * (double)(o->total - done) / (double)done;
        snprintf(eta, sizeof eta, "  ETA %d:%02d", (int)left / 60, (int)left % 60);
    }
    if (final) {
        if (o->tty && o->progress)
            fputs("\r\033[K", stderr);
        fprintf(stderr, "sentinel: ingest: %lu articles (%lu duplicates, %lu not English), %lu pages without "
                        "an article, %lu errors; %s in %.1f s (%.0f articles/s, %.1f MB/s)\n",
                s->articles, s->duplicates, s->non_english, s->no_article, s->errors, b1, el, rate, mbs);
    } else if (o->tty) {
        fprintf(stderr, "\r\033[K  ingest  %lu articles  %.0f/s  %s of %s  %.1f MB/s%s", s->articles, rate, b1,
                b2, mbs, eta);
    } else {
        fprintf(stderr, "sentinel: ingest: %lu articles, %.0f/s, %s of %s, %.1f MB/s%s\n", s->articles, rate, b1,
                b2, mbs, eta);
    }
    fflush(stderr);
}

static void report(ingest_opts *o, const char *fmt_where, const char *msg)
{
    if (o->tty && o->progress)
        fputs("\r\033[K", stderr);
    cli_error(fmt_where, "%s", msg);
}

/* ---- the inputs ---- */

static int add_job(ingest_opts *o, const char *path, const char *name, uint64_t size)
{
    if (o->njobs >= MAX_FILES) {
        cli_error(path, "more than %d input files; the rest are ignored", MAX_FILES);
        return -1;
    }
    if (o->njobs == o->alloc) {
        size_t a = o->alloc ? o->alloc * 2 : 64;
        job *j = realloc(o->jobs, a * sizeof *j);
        if (!j)
            return -1;
        o->jobs = j;
        o->alloc = a;
    }
    o->jobs[o->njobs++] = (job){strdup(path), strdup(name), size};
    o->total += size;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(ingest_opts *o, const char *dir, int depth)
{
    if (depth > MAX_DEPTH) {
        cli_error(dir, "directories nested deeper than %d; not read", MAX_DEPTH);
        o->status = EXIT_BADINPUT;
        return;
    }
    DIR *d = opendir(dir);
    if (!d) {
        cli_error(dir, "%s", strerror(errno));
        o->status = EXIT_BADINPUT;
        return;
    }
    char **names = NULL;
    size_t n = 0, alloc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n >= MAX_FILES) {
            cli_error(dir, "more than %d entries; the rest are ignored", MAX_FILES);
            o->status = EXIT_BADINPUT;
            break;
        }
        if (n == alloc) {
            alloc = alloc ? alloc * 2 : 64;
            char **p = realloc(names, alloc * sizeof *p);
            if (!p)
                break;
            names = p;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            walk(o, path, depth + 1);
        else if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            add_job(o, path, path, (uint64_t)st.st_size);
        free(names[i]);
    }
    free(names);
}

/* stdin into an unlinked temporary file, read back as /proc/self/fd/N. */
static int spool_stdin(ingest_opts *o)
{
    const char *tmpdir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/sentinel-ingest-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        cli_error("stdin", "cannot make a temporary file: %s", strerror(errno));
        return -1;
    }
    unlink(path);
    char buf[1 << 16];
    uint64_t total = 0;
    ssize_t r;
    while ((r = read(0, buf, sizeof buf)) > 0) {
        if (write(fd, buf, (size_t)r) != r) {
            cli_error("stdin", "cannot spool: %s", strerror(errno));
            close(fd);
            return -1;
        }
        total += (uint64_t)r;
    }
    o->stdin_fd = fd;
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    return add_job(o, path, "stdin", total);
}

static int ends(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcasecmp(s + a - b, suffix);
}

static int type_by_name(const char *name)
{
    char base[4096];
    snprintf(base, sizeof base, "%s", name);
    if (ends(base, ".gz"))
        base[strlen(base) - 3] = '\0';
    if (ends(base, ".warc") || ends(base, ".wet") || ends(base, ".arc"))
        return T_WARC;
    if (ends(base, ".html") || ends(base, ".htm") || ends(base, ".xhtml"))
        return T_HTML;
    if (ends(base, ".jsonl") || ends(base, ".ndjson") || ends(base, ".json"))
        return T_JSONL;
    if (ends(base, ".txt"))
        return T_TEXT;
    return T_AUTO;
}

static int type_by_content(const char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < n && strchr(" \t\r\n", p[i]))
        i++;
    if (n - i >= 5 && !memcmp(p + i, "WARC/", 5))
        return T_WARC;
    if (i < n && p[i] == '{')
        return T_JSONL;
    if (i < n && p[i] == '<') {
        static const char *const tags[] = {"<!doctype", "<html", "<head", "<body", "<p", "<div", "<article", "<!--"};
        for (size_t k = 0; k < sizeof tags / sizeof *tags; k++)
            if (n - i >= strlen(tags[k]) && !strncasecmp(p + i, tags[k], strlen(tags[k])))
                return T_HTML;
    }
    return T_TEXT;
}

/* The whole (decompressed) file, capped. */
static int read_doc(const char *path, char **out, size_t *n)
{
    gzFile gz = gzopen(path, "rb");
    if (!gz)
        return -1;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap + 1);
    int r;
    while (buf && (r = gzread(gz, buf + len, (unsigned)(cap - len))) > 0) {
        len += (size_t)r;
        if (len == cap) {
            if (cap >= MAX_DOC) {
                free(buf);
                buf = NULL;
                errno = EFBIG;
                break;
            }
            char *p = realloc(buf, cap * 2 + 1);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
    }
    int bad = buf && r < 0;
    gzclose(gz);
    if (!buf || bad) {
        free(buf);
        return -1;
    }
    buf[len] = '\0';
    *out = buf;
    *n = len;
    return 0;
}

static void doc_error(ingest_opts *o, const char *where, sn_rc rc, const sn_error *err)
{
    if (rc == SN_OK || rc == SN_ERR_NOTFOUND || rc == SN_ERR_EMPTY)
        return; /* counted: a page or text without an article */
    if (rc == SN_ERR_IO) {
        cli_error(NULL, "cannot write the output");
        exit(EXIT_BADINPUT);
    }
    report(o, where, err->msg[0] ? err->msg : sn_rc_str(rc));
    o->status = EXIT_BADINPUT;
}

static void ingest_warc(ingest_opts *o, const job *j)
{
    sn_warc *w;
    sn_error err;
    if (sn_warc_open(j->path, &w, &err)) {
        cli_error(j->name, "%s", err.msg);
        o->status = EXIT_BADINPUT;
        return;
    }
    sn_warc_record r;
    sn_rc rc;
    char where[4200];
    while ((rc = sn_warc_next(w, &r, &err)) == SN_OK) {
        snprintf(where, sizeof where, "%s#%lu", j->name, r.index);
        sn_rc d = r.kind == SN_WARC_HTML
                      ? sn_ingest_html(o->g, r.body, r.body_len, r.uri, r.charset, SN_TIME_NONE, where, write_out, NULL, &err)
                      : sn_ingest_text(o->g, r.body, r.body_len, r.uri, SN_TIME_NONE, where, write_out, NULL, &err);
        doc_error(o, where, d, &err);
        progress(o, sn_warc_offset(w), 0);
    }
    if (rc != SN_ERR_EMPTY) {
        report(o, j->name, err.msg);
        o->status = EXIT_BADINPUT;
    }
    sn_warc_close(w);
}

static void jsonl_line(ingest_opts *o, const job *j, unsigned line, char *p, size_t len)
{
    char where[4200];
    if (len && p[len - 1] == '\r')
        len--;
    if (!len || strspn(p, " \t\r") >= len)
        return;
    sn_error err;
    snprintf(where, sizeof where, "%s:%u", j->name, line);
    sn_rc rc = sn_ingest_jsonl(o->g, p, len, where, write_out, NULL, &err);
    if (rc && rc != SN_ERR_IO && err.col) {
        char w2[4300];
        snprintf(w2, sizeof w2, "%s:%u", where, err.col);
        doc_error(o, w2, rc, &err);
    } else {
        doc_error(o, where, rc, &err);
    }
}

/* JSON Lines are read a line at a time (gzip or not), so an archive of
 * any size streams; one line may hold up to MAX_DOC bytes. */
static void ingest_jsonl(ingest_opts *o, const job *j)
{
    gzFile gz = gzopen(j->path, "rb");
    if (!gz) {
        cli_error(j->name, "%s", strerror(errno));
        o->status = EXIT_BADINPUT;
        return;
    }
    gzbuffer(gz, 1 << 17);
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    unsigned line = 0;
    int skipping = 0;
    while (buf && gzgets(gz, buf + len, (int)(cap - len))) {
        size_t got = len + strlen(buf + len);
        int whole = got && buf[got - 1] == '\n';
        if (!whole && !gzeof(gz)) {
            if (got + 1 >= cap) {
                if (cap >= MAX_DOC) { /* an absurd line: skip to its end */
                    skipping = 1;
                    len = 0;
                    continue;
                }
                char *q = realloc(buf, cap * 2);
                if (!q)
                    break;
                buf = q;
                cap *= 2;
            }
            len = got;
            continue;
        }
        line++;
        if (skipping) {
            cli_error(NULL, "%s:%u: line longer than %zu MiB; skipped", j->name, line, MAX_DOC >> 20);
            o->status = EXIT_BADINPUT;
            skipping = 0;
        } else {
            jsonl_line(o, j, line, buf, got - (whole ? 1 : 0));
        }
        len = 0;
        progress(o, (uint64_t)gzoffset(gz), 0);
    }
    int err;
    const char *msg = gzerror(gz, &err);
    if (err < 0 && err != Z_BUF_ERROR) {
        cli_error(j->name, "%s", msg);
        o->status = EXIT_BADINPUT;
    }
    free(buf);
    gzclose(gz);
}

/* The first bytes of a (decompressed) file, to tell its kind. */
static int peek(const char *path, char *buf, size_t cap, size_t *n)
{
    gzFile gz = gzopen(path, "rb");
    if (!gz)
        return -1;
    int r = gzread(gz, buf, (unsigned)cap);
    gzclose(gz);
    if (r < 0)
        return -1;
    *n = (size_t)r;
    return 0;
}

static void ingest_file(ingest_opts *o, const job *j)
{
    int type = o->type ? o->type : type_by_name(j->name);
    if (!type) {
        char head[4096];
        size_t n;
        if (!peek(j->path, head, sizeof head, &n))
            type = type_by_content(head, n);
    }
    if (type == T_WARC) {
        ingest_warc(o, j);
        return;
    }
    if (type == T_JSONL) {
        ingest_jsonl(o, j);
        return;
    }
    char *buf;
    size_t n;
    if (read_doc(j->path, &buf, &n)) {
        cli_error(j->name, "cannot read%s: %s", errno == EFBIG ? " (larger than 64 MiB)" : "",
                  errno ? strerror(errno) : "damaged gzip data");
        o->status = EXIT_BADINPUT;
        return;
    }
    if (!type)
        type = type_by_content(buf, n);
    sn_error err;
    sn_rc rc = SN_OK;
    if (type == T_HTML)
        rc = sn_ingest_html(o->g, buf, n, o->url, NULL, SN_TIME_NONE, j->name, write_out, NULL, &err);
    else if (memchr(buf, '\0', n < 65536 ? n : 65536)) {
        cli_error(j->name, "looks like binary data, not text; skipped");
        o->status = EXIT_BADINPUT;
    } else
        rc = sn_ingest_text(o->g, buf, n, o->url, SN_TIME_NONE, j->name, write_out, NULL, &err);
    if (type == T_HTML || type == T_TEXT) {
        if (rc == SN_ERR_NOTFOUND || rc == SN_ERR_EMPTY)
            report(o, j->name, rc == SN_ERR_EMPTY ? "warning: empty text; nothing written"
                                                  : "warning: no article text on the page; nothing written");
        doc_error(o, j->name, rc, &err);
    }
    free(buf);
}

/* ---- the command ---- */

static int get_opts(int argc, char **argv, ingest_opts *o)
{
    static const struct option lo[] = {
        {"format", required_argument, 0, 'f'}, {"type", required_argument, 0, 't'},
        {"url", required_argument, 0, 'u'}, {"no-dedup", no_argument, 0, 'n'},
        {"progress", required_argument, 0, 'p'}, {"interval", required_argument, 0, 'i'},
        {"db", required_argument, 0, 'B'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    static const char *const types[] = {"auto", "warc", "html", "text", "jsonl"};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:t:u:np:i:h", lo, NULL)) != -1) {
        if (c == 'h') {
            cmd_ingest_usage(stdout);
            return 100;
        } else if (c == 'f' && !strcmp(optarg, "jsonl")) {
            o->format_given = 1;
        } else if (c == 'B') {
            o->db = optarg;
        } else if (c == 'f') {
            cli_error("ingest", "--format: only jsonl is supported, not '%s'", optarg);
            return EXIT_USAGE;
        } else if (c == 't') {
            size_t k = 0;
            while (k < 5 && strcmp(optarg, types[k]))
                k++;
            if (k == 5) {
                cli_error("ingest", "--type wants auto, warc, html, text or jsonl, not '%s'", optarg);
                return EXIT_USAGE;
            }
            o->type = (int)k;
        } else if (c == 'u') {
            o->url = optarg;
        } else if (c == 'n') {
            o->dedup = 0;
        } else if (c == 'p' && (!strcmp(optarg, "auto") || !strcmp(optarg, "on") || !strcmp(optarg, "off"))) {
            o->progress = !strcmp(optarg, "auto") ? -1 : !strcmp(optarg, "on");
        } else if (c == 'i' && atof(optarg) > 0) {
            o->interval = atof(optarg);
        } else {
            cmd_ingest_usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("ingest", "no input: give files, directories or '-' for stdin");
        return EXIT_USAGE;
    }
    return 0;
}

int cmd_ingest(int argc, char **argv)
{
    ingest_opts o = {0};
    o.dedup = 1;
    o.progress = -1;
    o.interval = 10;
    o.stdin_fd = -1;
    int rc = get_opts(argc, argv, &o);
    if (rc)
        return rc == 100 ? EXIT_OK : rc;
    o.tty = isatty(2);
    if (o.progress < 0)
        o.progress = 1; /* a bar on a terminal, summary lines otherwise */
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (!strcmp(argv[i], "-")) {
            if (o.stdin_fd >= 0 || spool_stdin(&o))
                o.status = EXIT_BADINPUT;
        } else if (stat(argv[i], &st)) {
            cli_error(argv[i], "%s", strerror(errno));
            o.status = EXIT_BADINPUT;
        } else if (S_ISDIR(st.st_mode)) {
            walk(&o, argv[i], 0);
        } else {
            add_job(&o, argv[i], argv[i], (uint64_t)st.st_size);
        }
    }
    sn_ingest_opts io = {o.dedup, 1, 0};
    o.g = sn_ingestor_new(&io);
    if (!o.g) {
        cli_error("ingest", "out of memory");
        return EXIT_BADINPUT;
    }
    if (o.db && !(sink = store_sink_new(o.db, o.format_given))) {
        sn_ingestor_free(o.g);
        for (size_t i = 0; i < o.njobs; i++)
            free(o.jobs[i].path), free(o.jobs[i].name);
        free(o.jobs);
        if (o.stdin_fd >= 0)
            close(o.stdin_fd);
        return EXIT_BADINPUT;
    }
    o.start = o.last = now();
    for (size_t i = 0; i < o.njobs; i++) {
        ingest_file(&o, &o.jobs[i]);
        o.done += o.jobs[i].size;
        progress(&o, 0, 0);
        free(o.jobs[i].path);
        free(o.jobs[i].name);
    }
    progress(&o, 0, 1);
    if (fflush(stdout)) {
        cli_error(NULL, "cannot write the output");
        o.status = EXIT_BADINPUT;
    }
    if (sink && store_sink_free(sink))
        o.status = EXIT_BADINPUT;
    sink = NULL;
    sn_ingestor_free(o.g);
    free(o.jobs);
    if (o.stdin_fd >= 0)
        close(o.stdin_fd);
    return o.status;
}
