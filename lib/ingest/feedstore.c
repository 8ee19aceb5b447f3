/*
 * lib/ingest/feedstore.c — the feed store of sentinel/feeds.h as one TSV
 * file, DIR/feeds.tsv, until issue #7's store replaces it.
 *
 * Format: a first line "# sentinel feeds 1", a header line naming the
 * columns, then one line per feed with these 19 tab-separated columns:
 *
 *   url category title kind status added last_attempt last_success
 *   last_error_at last_error failures items_last new_last items_total
 *   interval next_poll etag last_modified seen
 *
 * Times are Unix seconds (0: never); an absent string is empty; tabs,
 * newlines and backslashes inside values are written \t, \n and \\. seen
 * is a comma-separated list of 16-hex-digit hashes of the last item ids
 * (oldest first). Saving writes DIR/feeds.tsv.tmp and renames it over the
 * file, so a crash leaves the old or the new list, never half of one. The
 * store holds an exclusive flock on DIR/feeds.lock while open, so two
 * pollers never interleave.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sentinel/feed.h"
#include "sentinel/feeds.h"
#include "util/buf.h"

#define NCOLS 19
#define LINE_CAP (1 << 20)

struct sn_feedstore {
    char *dir;
    int lock;
    sn_feed_state *f;
    size_t n, alloc;
};

static void fail(sn_error *err, sn_rc rc, unsigned line, const char *fmt, const char *a, const char *b)
{
    err->rc = rc;
    err->line = line;
    snprintf(err->msg, sizeof err->msg, fmt, a, b);
}

static char *unescape(const char *s)
{
    if (!*s)
        return NULL;
    char *out = malloc(strlen(s) + 1), *o = out;
    if (!out)
        return NULL;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
    return out;
}

static sn_rc esc(sn_buf *b, const char *s)
{
    sn_rc rc = SN_OK;
    for (; s && *s && !rc; s++)
        rc = *s == '\t' ? sn_buf_adds(b, "\\t") : *s == '\n' ? sn_buf_adds(b, "\\n")
           : *s == '\\' ? sn_buf_adds(b, "\\\\") : *s == '\r' ? SN_OK : sn_buf_addc(b, *s);
    return rc;
}

static sn_feed_state *grow(sn_feedstore *s)
{
    if (s->n == s->alloc) {
        size_t a = s->alloc ? s->alloc * 2 : 64;
        sn_feed_state *p = realloc(s->f, a * sizeof *p);
        if (!p)
            return NULL;
        s->f = p;
        s->alloc = a;
    }
    sn_feed_state *f = &s->f[s->n];
    memset(f, 0, sizeof *f);
    return f;
}

static void read_seen(sn_feed_state *f, const char *v)
{
    while (*v && f->n_seen < SN_FEED_SEEN) {
        char *end;
        unsigned long long h = strtoull(v, &end, 16);
        if (end == v)
            break;
        f->seen[f->n_seen++] = h;
        v = *end == ',' ? end + 1 : end;
    }
    f->seen_at = f->n_seen % SN_FEED_SEEN;
}

static int parse_line(sn_feedstore *s, char *line)
{
    char *col[NCOLS];
    int n = 0;
    for (char *p = line; n < NCOLS; n++) {
        col[n] = p;
        char *t = strchr(p, '\t');
        if (!t) {
            n++;
            break;
        }
        *t = '\0';
        p = t + 1;
    }
    if (n != NCOLS || !sn_url_is_http(col[0]))
        return -1;
    sn_feed_state *f = grow(s);
    if (!f)
        return -1;
    char **str[] = {&f->url, &f->category, &f->title, &f->kind, &f->status};
    for (int i = 0; i < 5; i++)
        *str[i] = unescape(col[i]);
    int64_t *times[] = {&f->added, &f->last_attempt, &f->last_success, &f->last_error_at};
    for (int i = 0; i < 4; i++)
        *times[i] = strtoll(col[5 + i], NULL, 10);
    f->last_error = unescape(col[9]);
    f->failures = (unsigned)strtoul(col[10], NULL, 10);
    f->items_last = (unsigned)strtoul(col[11], NULL, 10);
    f->new_last = (unsigned)strtoul(col[12], NULL, 10);
    f->items_total = strtoul(col[13], NULL, 10);
    f->interval = strtol(col[14], NULL, 10);
    f->next_poll = strtoll(col[15], NULL, 10);
    f->etag = unescape(col[16]);
    f->last_modified = unescape(col[17]);
    read_seen(f, col[18]);
    s->n++;
    return 0;
}

static sn_rc load(sn_feedstore *s, sn_error *err)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/feeds.tsv", s->dir);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return errno == ENOENT ? SN_OK : (fail(err, SN_ERR_IO, 0, "%.150s: %s", path, strerror(errno)), SN_ERR_IO);
    char *line = malloc(LINE_CAP);
    unsigned lineno = 0;
    sn_rc rc = line ? SN_OK : SN_ERR_NOMEM;
    while (!rc && fgets(line, LINE_CAP, fp)) {
        lineno++;
        size_t l = strlen(line);
        if (l == LINE_CAP - 1 && line[l - 1] != '\n') {
            err->line = lineno;
            snprintf(err->msg, sizeof err->msg, "%.150s:%u: line too long", path, lineno);
            rc = SN_ERR_INVALID;
            break;
        }
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
            line[--l] = '\0';
        if (lineno == 1 && strcmp(line, "# sentinel feeds 1")) {
            snprintf(err->msg, sizeof err->msg, "%.120s:1: not a Sentinel feed list (want '# sentinel feeds 1')", path);
            err->rc = rc = SN_ERR_INVALID;
        } else if (lineno > 2 && l && s->n >= SN_FEEDS_MAX) {
            snprintf(err->msg, sizeof err->msg, "%.150s:%u: more than %d feeds", path, lineno, SN_FEEDS_MAX);
            err->rc = rc = SN_ERR_TOOBIG;
        } else if (lineno > 2 && l && parse_line(s, line)) {
            snprintf(err->msg, sizeof err->msg, "%.120s:%u: damaged line (want %d tab-separated columns, an http(s) URL first)",
                     path, lineno, NCOLS);
            err->rc = rc = SN_ERR_INVALID;
            err->line = lineno;
        }
    }
    free(line);
    fclose(fp);
    return rc;
}

sn_rc sn_feedstore_open(const char *dir, sn_feedstore **out, sn_error *err)
{
    memset(err, 0, sizeof *err);
    *out = NULL;
    if (mkdir(dir, 0777) && errno != EEXIST) {
        fail(err, SN_ERR_IO, 0, "%.150s: %s", dir, strerror(errno));
        return SN_ERR_IO;
    }
    sn_feedstore *s = calloc(1, sizeof *s);
    if (!s)
        return SN_ERR_NOMEM;
    s->dir = strdup(dir);
    char path[4200];
    snprintf(path, sizeof path, "%s/feeds.lock", dir);
    s->lock = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (s->lock < 0 || flock(s->lock, LOCK_EX)) {
        fail(err, SN_ERR_IO, 0, "%.150s: %s", path, strerror(errno));
        sn_feedstore_close(s);
        return SN_ERR_IO;
    }
    sn_rc rc = load(s, err);
    if (rc) {
        sn_feedstore_close(s);
        return rc;
    }
    *out = s;
    return SN_OK;
}

static void free_state(sn_feed_state *f)
{
    char **str[] = {&f->url, &f->category, &f->title, &f->kind, &f->status, &f->last_error, &f->etag,
                    &f->last_modified};
    for (int i = 0; i < 8; i++)
        free(*str[i]);
}

void sn_feedstore_close(sn_feedstore *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        free_state(&s->f[i]);
    free(s->f);
    if (s->lock >= 0)
        close(s->lock);
    free(s->dir);
    free(s);
}

size_t sn_feedstore_count(const sn_feedstore *s)
{
    return s->n;
}

sn_feed_state *sn_feedstore_get(sn_feedstore *s, size_t i)
{
    return i < s->n ? &s->f[i] : NULL;
}

sn_feed_state *sn_feedstore_find(sn_feedstore *s, const char *url)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->f[i].url, url))
            return &s->f[i];
    return NULL;
}

sn_rc sn_feedstore_add(sn_feedstore *s, const char *url, const char *category, const char *title, int64_t now,
                       sn_feed_state **out, int *existed)
{
    *existed = 0;
    if (!sn_url_is_http(url))
        return SN_ERR_INVALID;
    sn_feed_state *f = sn_feedstore_find(s, url);
    if (f) {
        *existed = 1;
        if (!f->category && category && *category)
            f->category = strdup(category);
        *out = f;
        return SN_OK;
    }
    if (s->n >= SN_FEEDS_MAX)
        return SN_ERR_TOOBIG;
    if (!(f = grow(s)))
        return SN_ERR_NOMEM;
    f->url = strdup(url);
    f->category = category && *category ? strdup(category) : NULL;
    f->title = title && *title ? strdup(title) : NULL;
    f->status = strdup("new");
    f->added = now;
    f->interval = 1800;
    f->next_poll = now;
    s->n++;
    *out = f;
    return SN_OK;
}

static sn_rc write_line(sn_buf *b, const sn_feed_state *f)
{
    sn_rc rc = SN_OK;
    const char *str[] = {f->url, f->category, f->title, f->kind, f->status};
    for (int i = 0; i < 5 && !rc; i++) {
        rc = esc(b, str[i]);
        if (!rc)
            rc = sn_buf_addc(b, '\t');
    }
    if (!rc)
        rc = sn_buf_printf(b, "%lld\t%lld\t%lld\t%lld\t", (long long)f->added, (long long)f->last_attempt,
                           (long long)f->last_success, (long long)f->last_error_at);
    if (!rc) rc = esc(b, f->last_error);
    if (!rc)
        rc = sn_buf_printf(b, "\t%u\t%u\t%u\t%lu\t%ld\t%lld\t", f->failures, f->items_last, f->new_last,
                           f->items_total, f->interval, (long long)f->next_poll);
    if (!rc) rc = esc(b, f->etag);
    if (!rc) rc = sn_buf_addc(b, '\t');
    if (!rc) rc = esc(b, f->last_modified);
    if (!rc) rc = sn_buf_addc(b, '\t');
    /* oldest first: start after the newest when the ring is full */
    unsigned start = f->n_seen == SN_FEED_SEEN ? f->seen_at : 0;
    for (unsigned i = 0; i < f->n_seen && !rc; i++)
        rc = sn_buf_printf(b, "%s%016llx", i ? "," : "", (unsigned long long)f->seen[(start + i) % SN_FEED_SEEN]);
    return rc ? rc : sn_buf_addc(b, '\n');
}

sn_rc sn_feedstore_save(sn_feedstore *s, sn_error *err)
{
    memset(err, 0, sizeof *err);
    sn_buf b;
    sn_buf_init(&b, (size_t)1 << 30);
    sn_rc rc = sn_buf_adds(&b, "# sentinel feeds 1\nurl\tcategory\ttitle\tkind\tstatus\tadded\tlast_attempt\t"
                               "last_success\tlast_error_at\tlast_error\tfailures\titems_last\tnew_last\t"
                               "items_total\tinterval\tnext_poll\tetag\tlast_modified\tseen\n");
    for (size_t i = 0; i < s->n && !rc; i++)
        rc = write_line(&b, &s->f[i]);
    char path[4200], tmp[4300];
    snprintf(path, sizeof path, "%s/feeds.tsv", s->dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *fp = rc ? NULL : fopen(tmp, "wb");
    if (!rc && (!fp || fwrite(b.p, 1, b.len, fp) != b.len || fflush(fp) || fsync(fileno(fp)) ||
                fclose(fp) || rename(tmp, path))) {
        fail(err, SN_ERR_IO, 0, "%.150s: %s", path, strerror(errno));
        rc = SN_ERR_IO;
        unlink(tmp);
    }
    sn_buf_free(&b);
    return rc;
}
