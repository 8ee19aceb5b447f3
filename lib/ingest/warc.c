/*
 * lib/ingest/warc.c — reading WARC 1.0/1.1 archives (ISO 28500), plain or
 * gzip-compressed, with zlib's gzread (which reads uncompressed files as
 * they are and concatenated gzip members, one per record as Common Crawl
 * writes them, one after another).
 *
 * A record is a "WARC/1.x" line, header lines up to a blank line, a block
 * of Content-Length bytes and two CRLFs. Kept:
 *   response    with Content-Type application/http: the HTTP status must
 *               be 200 and the HTTP Content-Type text/html or
 *               application/xhtml+xml; chunked transfer coding and gzip or
 *               deflate content coding are undone (capped); the charset
 *               comes from the HTTP Content-Type
 *   resource    text/html (HTML) or text/plain (text)
 *   conversion  text/plain: WET files' extracted text
 * Everything else (warcinfo, request, metadata, revisit, redirects, errors,
 * images, brotli bodies) is skipped and counted. A block larger than
 * SN_WARC_MAX_RECORD is read past and skipped. A record that does not
 * start with "WARC/" means a damaged file: reading stops with an error
 * naming the record.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "sentinel/feed.h"
#include "sentinel/ingest.h"
#include "util/buf.h"

#define LINE_CAP 65536

struct sn_warc {
    gzFile gz;
    char line[LINE_CAP];
    sn_buf block, body;
    char uri[4096], charset[64];
    unsigned long index, skipped;
    int at_eof;
};

sn_rc sn_warc_open(const char *path, sn_warc **out, sn_error *err)
{
    memset(err, 0, sizeof *err);
    *out = NULL;
    sn_warc *w = calloc(1, sizeof *w);
    if (!w)
        return SN_ERR_NOMEM;
    w->gz = !strcmp(path, "-") ? gzdopen(dup(0), "rb") : gzopen(path, "rb");
    if (!w->gz) {
        free(w);
        err->rc = SN_ERR_IO;
        snprintf(err->msg, sizeof err->msg, "cannot open");
        return SN_ERR_IO;
    }
    gzbuffer(w->gz, 1 << 17);
    sn_buf_init(&w->block, SN_WARC_MAX_RECORD + 16);
    sn_buf_init(&w->body, SN_WARC_MAX_RECORD + 16);
    *out = w;
    return SN_OK;
}

void sn_warc_close(sn_warc *w)
{
    if (!w)
        return;
    gzclose(w->gz);
    sn_buf_free(&w->block);
    sn_buf_free(&w->body);
    free(w);
}

uint64_t sn_warc_offset(const sn_warc *w)
{
    return (uint64_t)gzoffset(w->gz);
}

unsigned long sn_warc_skipped(const sn_warc *w)
{
    return w->skipped;
}

/* One header line without its CRLF; -1 at the end of the file. */
static int read_line(sn_warc *w, size_t *len)
{
    if (!gzgets(w->gz, w->line, sizeof w->line))
        return -1;
    size_t n = strlen(w->line);
    if (n == sizeof w->line - 1 && w->line[n - 1] != '\n') { /* an absurd line: drop the rest */
        int c;
        while ((c = gzgetc(w->gz)) != -1 && c != '\n')
            ;
    }
    while (n && (w->line[n - 1] == '\n' || w->line[n - 1] == '\r'))
        n--;
    w->line[n] = '\0';
    *len = n;
    return 0;
}

static const char *header_value(const char *line, const char *name)
{
    size_t l = strlen(name);
    if (strncasecmp(line, name, l) || line[l] != ':')
        return NULL;
    line += l + 1;
    while (*line == ' ' || *line == '\t')
        line++;
    return line;
}

static void charset_of(const char *ctype, char *out, size_t cap)
{
    out[0] = '\0';
    const char *c = strcasestr(ctype, "charset=");
    if (!c)
        return;
    c += 8;
    if (*c == '"' || *c == '\'')
        c++;
    size_t n = strcspn(c, "\"'; ");
    snprintf(out, cap, "%.*s", (int)(n < cap - 1 ? n : cap - 1), c);
}

static int is_html_type(const char *ct)
{
    while (*ct == ' ')
        ct++;
    return !strncasecmp(ct, "text/html", 9) || !strncasecmp(ct, "application/xhtml+xml", 21);
}

/* Undo chunked transfer coding in place; -1 when malformed. */
static int dechunk(sn_buf *b)
{
    size_t in = 0, out = 0;
    while (in < b->len) {
        char *end;
        unsigned long long sz = strtoull(b->p + in, &end, 16);
        if (end == b->p + in)
            return -1;
        const char *nl = memchr(end, '\n', b->len - (size_t)(end - b->p));
        if (!nl)
            return -1;
        in = (size_t)(nl - b->p) + 1;
        if (sz == 0)
            break;
        if (sz > b->len - in)
            sz = b->len - in; /* a truncated last chunk: keep what is there */
        memmove(b->p + out, b->p + in, (size_t)sz);
        out += (size_t)sz;
        in += (size_t)sz;
        while (in < b->len && (b->p[in] == '\r' || b->p[in] == '\n'))
            in++;
    }
    b->len = out;
    return 0;
}

/* gzip or deflate body into out, capped; -1 on error. */
static int inflate_body(const char *p, size_t n, sn_buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 32) != Z_OK) /* auto-detect gzip or zlib */
        return -1;
    z.next_in = (Bytef *)p;
    z.avail_in = (uInt)n;
    sn_buf_reset(out);
    int r = Z_OK;
    while (r == Z_OK) {
        if (sn_buf_reserve(out, 65536)) {
            r = Z_BUF_ERROR;
            break;
        }
        z.next_out = (Bytef *)out->p + out->len;
        z.avail_out = 65536;
        r = inflate(&z, Z_NO_FLUSH);
        out->len = (size_t)((char *)z.next_out - out->p);
    }
    inflateEnd(&z);
    return r == Z_STREAM_END ? 0 : -1;
}

/* The HTTP response inside a block: 1 kept (body in w->body), 0 skipped. */
static int http_response(sn_warc *w)
{
    char *p = w->block.p, *end = p + w->block.len;
    if (w->block.len < 12 || strncmp(p, "HTTP/", 5))
        return 0;
    char *sp = memchr(p, ' ', (size_t)(end - p));
    if (!sp || atoi(sp + 1) != 200)
        return 0;
    int html = 0, chunked = 0, coded = 0;
    w->charset[0] = '\0';
    char *line = memchr(p, '\n', (size_t)(end - p));
    while (line && line < end) {
        line++;
        char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl)
            return 0;
        size_t ln = (size_t)(nl - line);
        if (ln && line[ln - 1] == '\r')
            ln--;
        if (ln == 0) {
            line = nl + 1;
            break;
        }
        char h[1024];
        snprintf(h, sizeof h, "%.*s", (int)(ln < sizeof h - 1 ? ln : sizeof h - 1), line);
        const char *v;
        if ((v = header_value(h, "Content-Type"))) {
            html = is_html_type(v);
            charset_of(v, w->charset, sizeof w->charset);
        } else if ((v = header_value(h, "Transfer-Encoding")) && strcasestr(v, "chunked")) {
            chunked = 1;
        } else if ((v = header_value(h, "Content-Encoding"))) {
            coded = strcasestr(v, "gzip") || strcasestr(v, "deflate") ? 1 : strcasestr(v, "identity") ? 0 : 2;
        }
        line = nl;
    }
    if (!html || !line || line > end || coded == 2)
        return 0;
    size_t off = (size_t)(line - w->block.p);
    memmove(w->block.p, w->block.p + off, w->block.len - off);
    w->block.len -= off;
    if (chunked && dechunk(&w->block))
        return 0;
    if (coded)
        return inflate_body(w->block.p, w->block.len, &w->body) ? 0 : 1;
    sn_buf_reset(&w->body);
    return sn_buf_add(&w->body, w->block.p, w->block.len) ? 0 : 1;
}

static int read_block(sn_warc *w, size_t len)
{
    sn_buf_reset(&w->block);
    if (len > SN_WARC_MAX_RECORD) {
        char junk[65536];
        while (len) {
            int r = gzread(w->gz, junk, (unsigned)(len < sizeof junk ? len : sizeof junk));
            if (r <= 0)
                return -1;
            len -= (size_t)r;
        }
        return 1; /* skipped */
    }
    if (sn_buf_reserve(&w->block, len))
        return -1;
    size_t got = 0;
    while (got < len) {
        int r = gzread(w->gz, w->block.p + got, (unsigned)(len - got));
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    w->block.len = len;
    return 0;
}

static sn_rc damaged(sn_warc *w, sn_error *err, const char *what)
{
    err->rc = SN_ERR_INVALID;
    snprintf(err->msg, sizeof err->msg, "record %lu: %s", w->index, what);
    return SN_ERR_INVALID;
}

sn_rc sn_warc_next(sn_warc *w, sn_warc_record *rec, sn_error *err)
{
    memset(err, 0, sizeof *err);
    for (;;) {
        size_t n;
        do {
            if (read_line(w, &n))
                return SN_ERR_EMPTY;
        } while (n == 0);
        w->index++;
        if (strncmp(w->line, "WARC/", 5))
            return damaged(w, err, "does not start with a WARC/ version line (not a WARC file, or damaged)");
        char type[32] = "", ctype[256] = "";
        long long clen = -1;
        int64_t date = SN_TIME_NONE;
        w->uri[0] = '\0';
        for (;;) {
            if (read_line(w, &n))
                return damaged(w, err, "the file ends inside the record's headers");
            if (n == 0)
                break;
            const char *v;
            if ((v = header_value(w->line, "WARC-Type")))
                snprintf(type, sizeof type, "%s", v);
            else if ((v = header_value(w->line, "WARC-Target-URI")))
                snprintf(w->uri, sizeof w->uri, "%s", v[0] == '<' ? v + 1 : v), w->uri[strcspn(w->uri, ">")] = 0;
            else if ((v = header_value(w->line, "Content-Length")))
                clen = atoll(v);
            else if ((v = header_value(w->line, "Content-Type")))
                snprintf(ctype, sizeof ctype, "%s", v);
            else if ((v = header_value(w->line, "WARC-Date")) && sn_time_parse(v, strlen(v), &date))
                date = SN_TIME_NONE;
        }
        if (clen < 0)
            return damaged(w, err, "no valid Content-Length");
        int r = read_block(w, (size_t)clen);
        if (r < 0)
            return damaged(w, err, "the file ends inside the record's block");
        int keep = 0;
        rec->kind = SN_WARC_HTML;
        if (r == 1) {
            keep = 0;
        } else if (!strcasecmp(type, "response") && strcasestr(ctype, "application/http")) {
            keep = http_response(w);
        } else if ((!strcasecmp(type, "resource") || !strcasecmp(type, "conversion")) &&
                   (is_html_type(ctype) || !strncasecmp(ctype, "text/plain", 10))) {
            rec->kind = is_html_type(ctype) ? SN_WARC_HTML : SN_WARC_TEXT;
            charset_of(ctype, w->charset, sizeof w->charset);
            sn_buf_reset(&w->body);
            keep = !sn_buf_add(&w->body, w->block.p, w->block.len);
        }
        if (!keep) {
            w->skipped++;
            continue;
        }
        rec->uri = w->uri[0] ? w->uri : NULL;
        rec->date = date;
        rec->charset = w->charset[0] ? w->charset : NULL;
        rec->body = w->body.p ? w->body.p : "";
        rec->body_len = w->body.len;
        rec->index = w->index;
        return SN_OK;
    }
}
