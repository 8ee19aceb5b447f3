/*
 * lib/ingest/ingest.c — the ingestor of sentinel/ingest.h: one document in,
 * at most one JSON Lines article record out.
 *
 * For every document: the text (extracted from HTML, or given) is repaired
 * to valid UTF-8; its language is identified with CLD2; its canonical URL
 * is computed; the duplicate index says whether it is new, a copy at the
 * same canonical URL, the same text, or a near-duplicate; and the record is
 * written (docs/formats.md, "ingested article"):
 *
 *   id           "u" + 16 hex digits of the canonical URL's hash, or
 *                "t" + the content hash when there is no URL
 *   url, canonical_url, title, byline, source (the site name or host),
 *   published    RFC 3339 UTC, or null; published_from: where it came from
 *   lang         the language the text is in: CLD2's answer when reliable,
 *                else the page's declared language, else "un"
 *   lang_declared, lang_reliable, english (false for any other language)
 *   text, captions, content_hash, origin
 *   duplicate_of, duplicate_kind ("url", "exact", "near") on copies
 *
 * `sentinel code` skips records that carry duplicate_of or whose english
 * is false (a non-English article is kept, flagged, and never coded as
 * English; its coding comes later).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ingest/langid.h"
#include "ingest/xml.h"
#include "sentinel/article.h"
#include "sentinel/dedup.h"
#include "sentinel/extract.h"
#include "sentinel/feed.h"
#include "sentinel/ingest.h"
#include "util/buf.h"
#include "util/json.h"

struct sn_ingestor {
    sn_ingest_opts o;
    sn_dedup *dedup;
    sn_ingest_stats st;
    sn_buf out;
};

sn_ingestor *sn_ingestor_new(const sn_ingest_opts *o)
{
    sn_ingestor *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    if (o)
        g->o = *o;
    else
        g->o = (sn_ingest_opts){1, 1, 0};
    if (g->o.dedup && !(g->dedup = sn_dedup_new(g->o.max_articles))) {
        free(g);
        return NULL;
    }
    sn_buf_init(&g->out, SN_EXTRACT_MAX_TEXT * 7 + (1 << 20)); /* worst-case escaping */
    return g;
}

void sn_ingestor_free(sn_ingestor *g)
{
    if (!g)
        return;
    sn_dedup_free(g->dedup);
    sn_buf_free(&g->out);
    free(g);
}

const sn_ingest_stats *sn_ingestor_stats(const sn_ingestor *g)
{
    return &g->st;
}

char *sn_utf8_repair(const char *s, size_t n, size_t *out_len, unsigned *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    char *out = malloc(n * 3 + 1), *o = out;
    *bad = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 && c < 0xF5 ? 4 : 0;
        int ok = len && i + len <= n && !(len == 2 && c < 0xC2);
        for (size_t k = 1; ok && k < len; k++)
            ok = (u[i + k] & 0xC0) == 0x80;
        if (ok && len == 3) /* no overlongs or surrogates */
            ok = !(c == 0xE0 && u[i + 1] < 0xA0) && !(c == 0xED && u[i + 1] >= 0xA0);
        if (ok && len == 4)
            ok = !(c == 0xF0 && u[i + 1] < 0x90) && !(c == 0xF4 && u[i + 1] >= 0x90);
        if (ok && len == 1 && c < 0x20 && c != '\n' && c != '\t' && c != '\r')
            c = ' ', ok = 1; /* control characters become spaces */
        if (!ok) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            (*bad)++;
            i++;
            continue;
        }
        if (len == 1)
            *o++ = (char)c;
        else
            memcpy(o, s + i, len), o += len;
        i += len;
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

/* What one record holds while it is being written. */
typedef struct rec {
    const char *url, *title, *byline, *source, *lang_declared, *captions, *published_from, *origin;
    char *canonical;
    const char *text;
    size_t text_len;
    int64_t published;
    sn_langid lang;
    const char *lang_final;
    int english;
    uint64_t content_hash;
    sn_dup_kind dup;
    const char *original;
    const char *id;  /* the record's own id, or idbuf */
    char idbuf[24];
} rec;

static int is_english(const char *code)
{
    return !strncmp(code, "en", 2) && (code[2] == '\0' || code[2] == '-');
}

static void decide_lang(sn_ingestor *g, rec *r)
{
    if (g->o.detect_lang)
        sn_langid_detect(r->text, r->text_len, r->lang_declared, &r->lang);
    else
        snprintf(r->lang.code, sizeof r->lang.code, "un");
    if (r->lang.reliable)
        r->lang_final = r->lang.code;
    else if (r->lang_declared && *r->lang_declared)
        r->lang_final = r->lang_declared;
    else
        r->lang_final = r->lang.code; /* "un", or an unreliable guess */
    /* Only text known to be English is coded as English: an unreliable,
     * undeclared guess of English still counts (CLD2 is unsure mainly on
     * short texts), an unknown language does not. */
    r->english = is_english(r->lang_final) || (!r->lang.reliable && !r->lang_declared && is_english(r->lang.code));
}

static sn_rc add_str(sn_buf *b, const char *key, const char *v)
{
    sn_rc rc = sn_json_key(b, key, 0);
    if (rc)
        return rc;
    return v ? sn_json_str(b, v, strlen(v)) : sn_buf_adds(b, "null");
}

static sn_rc write_record(sn_ingestor *g, rec *r, sn_ingest_write_fn write, void *ctx)
{
    sn_buf *b = &g->out;
    sn_buf_reset(b);
    char t[32] = "", hash[24];
    if (r->published != SN_TIME_NONE)
        sn_time_format(r->published, t);
    snprintf(hash, sizeof hash, "%016llx", (unsigned long long)r->content_hash);
    sn_rc rc = sn_buf_addc(b, '{');
    if (!rc) rc = sn_json_key(b, "id", 1);
    if (!rc) rc = sn_json_str(b, r->id, strlen(r->id));
    if (!rc) rc = add_str(b, "url", r->url);
    if (!rc) rc = add_str(b, "canonical_url", r->canonical);
    if (!rc) rc = add_str(b, "title", r->title);
    if (!rc) rc = add_str(b, "byline", r->byline);
    if (!rc) rc = add_str(b, "source", r->source);
    if (!rc) rc = add_str(b, "published", t[0] ? t : NULL);
    if (!rc) rc = add_str(b, "published_from", r->published_from);
    if (!rc) rc = add_str(b, "lang", r->lang_final);
    if (!rc) rc = add_str(b, "lang_declared", r->lang_declared);
    if (!rc) rc = sn_buf_printf(b, ",\"lang_reliable\":%s,\"english\":%s", r->lang.reliable ? "true" : "false",
                                r->english ? "true" : "false");
    if (!rc) rc = add_str(b, "content_hash", hash);
    if (!rc) rc = add_str(b, "origin", r->origin);
    if (!rc && r->dup) {
        rc = add_str(b, "duplicate_of", r->original);
        if (!rc) rc = add_str(b, "duplicate_kind", sn_dup_kind_name(r->dup));
    }
    if (!rc) rc = add_str(b, "captions", r->captions);
    if (!rc) rc = sn_json_key(b, "text", 0);
    if (!rc) rc = sn_json_str(b, r->text, r->text_len);
    if (!rc) rc = sn_buf_adds(b, "}\n");
    if (rc)
        return rc;
    return write(ctx, b->p, b->len) ? SN_ERR_IO : SN_OK;
}

static uint64_t fnv64(const char *s)
{
    uint64_t h = 14695981039346656037ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

/* Everything after the text is known: language, id, duplicates, write. */
static sn_rc finish(sn_ingestor *g, rec *r, sn_ingest_write_fn write, void *ctx)
{
    r->canonical = r->url ? sn_url_canonical(r->url) : NULL;
    r->content_hash = sn_content_hash(r->text, r->text_len);
    if (r->canonical)
        snprintf(r->idbuf, sizeof r->idbuf, "u%016llx", (unsigned long long)fnv64(r->canonical));
    else
        snprintf(r->idbuf, sizeof r->idbuf, "t%016llx", (unsigned long long)r->content_hash);
    if (!r->id)
        r->id = r->idbuf;
    decide_lang(g, r);
    if (g->dedup) {
        sn_rc drc = sn_dedup_check(g->dedup, r->id, r->canonical, r->text, r->text_len, &r->dup, &r->original);
        if (drc && drc != SN_ERR_TOOBIG) {
            free(r->canonical);
            return drc;
        }
    }
    sn_rc rc = write_record(g, r, write, ctx);
    if (!rc) {
        g->st.articles++;
        g->st.duplicates += r->dup != SN_DUP_NONE;
        g->st.non_english += !r->english;
    }
    free(r->canonical);
    return rc;
}

sn_rc sn_ingest_html(sn_ingestor *g, const char *html, size_t n, const char *url, const char *charset,
                     int64_t published, const char *origin, sn_ingest_write_fn write, void *ctx, sn_error *err)
{
    g->st.documents++;
    g->st.bytes += n;
    sn_extracted *x;
    sn_rc rc = sn_extract_html(html, n, url, charset, &x, err);
    if (rc) {
        g->st.errors++;
        return rc;
    }
    if (!x->text) {
        g->st.no_article++;
        sn_extracted_free(x);
        err->rc = SN_ERR_NOTFOUND;
        snprintf(err->msg, sizeof err->msg, "no article text on the page");
        return SN_ERR_NOTFOUND;
    }
    rec r;
    memset(&r, 0, sizeof r);
    /* The page's own canonical URL wins over where it was found. */
    r.url = x->canonical_url && sn_url_is_http(x->canonical_url) ? x->canonical_url : url;
    r.title = x->title;
    r.byline = x->byline;
    r.source = x->site_name;
    r.lang_declared = x->lang;
    r.captions = x->captions;
    r.published = x->published;
    r.published_from = x->published_from;
    if (r.published == SN_TIME_NONE && published != SN_TIME_NONE) {
        r.published = published;
        r.published_from = "feed";
    }
    r.origin = origin;
    r.text = x->text;
    r.text_len = x->text_len;
    rc = finish(g, &r, write, ctx);
    sn_extracted_free(x);
    return rc;
}

static char *host_of(const char *url)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return NULL;
    p += 3;
    if (!strncmp(p, "www.", 4))
        p += 4;
    return sn_strndup_trim(p, strcspn(p, "/:?#"), 256);
}

sn_rc sn_ingest_text(sn_ingestor *g, const char *text, size_t n, const char *url, int64_t published,
                     const char *origin, sn_ingest_write_fn write, void *ctx, sn_error *err)
{
    g->st.documents++;
    g->st.bytes += n;
    memset(err, 0, sizeof *err);
    size_t len;
    unsigned bad;
    char *clean = sn_utf8_repair(text, n, &len, &bad);
    if (!clean)
        return SN_ERR_NOMEM;
    char *trimmed = sn_strndup_trim(clean, len, SN_EXTRACT_MAX_TEXT);
    free(clean);
    if (!trimmed) {
        g->st.no_article++;
        err->rc = SN_ERR_EMPTY;
        snprintf(err->msg, sizeof err->msg, "empty text");
        return SN_ERR_EMPTY;
    }
    rec r;
    memset(&r, 0, sizeof r);
    char *host = host_of(url);
    r.url = url;
    r.source = host;
    r.published = published;
    r.published_from = published != SN_TIME_NONE ? "given" : NULL;
    r.origin = origin;
    r.text = trimmed;
    r.text_len = strlen(trimmed);
    sn_rc rc = finish(g, &r, write, ctx);
    free(trimmed);
    free(host);
    return rc;
}

sn_rc sn_ingest_jsonl(sn_ingestor *g, const char *line, size_t n, const char *origin, sn_ingest_write_fn write,
                      void *ctx, sn_error *err)
{
    sn_article a = {0};
    g->st.documents++;
    g->st.bytes += n;
    sn_rc rc = sn_article_parse_json(line, n, &a, err);
    if (rc) {
        g->st.errors++;
        return rc;
    }
    size_t len;
    unsigned bad;
    char *clean = sn_utf8_repair(a.text, a.text_len, &len, &bad);
    if (!clean) {
        sn_article_clear(&a);
        return SN_ERR_NOMEM;
    }
    rec r;
    memset(&r, 0, sizeof r);
    char *host = a.source ? NULL : host_of(a.url);
    r.id = a.id;
    r.url = a.url;
    r.title = a.title;
    r.source = a.source ? a.source : host;
    r.lang_declared = a.lang;
    r.origin = origin;
    r.published = SN_TIME_NONE;
    if (a.published.year) {
        char d[16];
        sn_date_format(&a.published, d);
        int64_t t;
        if (!sn_time_parse(d, strlen(d), &t)) {
            r.published = t;
            r.published_from = "given";
        }
    }
    r.text = clean;
    r.text_len = len;
    rc = finish(g, &r, write, ctx);
    free(clean);
    free(host);
    sn_article_clear(&a);
    return rc;
}
