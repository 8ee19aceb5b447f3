/*
 * lib/ingest/xml.c — the safe libxml2 read shared by the feed and OPML
 * readers, and small helpers over the tree.
 *
 * Safety rules: XML_PARSE_NONET (no network access at all), no
 * XML_PARSE_DTDLOAD and no XML_PARSE_NOENT (external DTDs are not loaded and
 * entities are never substituted), and no XML_PARSE_HUGE (libxml2's own
 * depth and size limits stay on). A document whose prolog declares an
 * entity (<!ENTITY ...>) is refused before it is parsed: news feeds have no
 * use for them, and refusing them shuts out the exponential "billion laughs"
 * and quadratic blow-up attacks and external entity (XXE) reads.
 *
 * Charset: a BOM or an encoding in the XML declaration wins; otherwise the
 * HTTP charset the caller passes; otherwise UTF-8 when the bytes are valid
 * UTF-8 and windows-1252 (a superset of ISO-8859-1) when not. A document
 * that declares UTF-8 but is not is read again as windows-1252, with a
 * warning.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include "ingest/xml.h"
#include "sentinel/feed.h"

/* Where the root element starts: the first "<" followed by a letter. */
static size_t root_start(const char *buf, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (buf[i] == '<' && isalpha((unsigned char)buf[i + 1]))
            return i;
    return n;
}

static int declares_entity(const char *buf, size_t n)
{
    return memmem(buf, root_start(buf, n), "<!ENTITY", 8) != NULL;
}

int sn_valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!len || i + len > n || (len == 2 && c < 0xC2))
            return 0;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        i += len;
    }
    return 1;
}

/* Does the document name its own encoding (BOM or XML declaration)? */
static int self_declared(const char *buf, size_t n, int *utf8)
{
    const unsigned char *u = (const unsigned char *)buf;
    *utf8 = 0;
    if (n >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE)))
        return 1;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        *utf8 = 1;
        return 1;
    }
    if (n < 5 || memcmp(buf, "<?xml", 5))
        return 0;
    const char *end = memchr(buf, '>', n < 512 ? n : 512);
    if (!end)
        return 0;
    const char *enc = memmem(buf, (size_t)(end - buf), "encoding", 8);
    if (!enc)
        return 0;
    const char *q = enc + 8;
    while (q < end && (*q == ' ' || *q == '=' || *q == '"' || *q == '\''))
        q++;
    *utf8 = (size_t)(end - q) >= 5 && !strncasecmp(q, "utf-8", 5);
    return 1;
}

static void set_err(sn_error *err, sn_rc rc, unsigned line, unsigned col, const char *msg)
{
    err->rc = rc;
    err->line = line;
    err->col = col;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
    size_t l = strlen(err->msg);
    while (l && (err->msg[l - 1] == '\n' || err->msg[l - 1] == ' '))
        err->msg[--l] = '\0';
}

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

void sn_xml_quiet(int on)
{
    static __thread xmlGenericErrorFunc saved;
    static __thread void *saved_ctx;
    if (on) {
        saved = xmlGenericError;
        saved_ctx = xmlGenericErrorContext;
        xmlSetGenericErrorFunc(NULL, silent);
    } else {
        xmlSetGenericErrorFunc(saved_ctx, saved);
    }
}

static xmlDoc *read_once(const char *buf, size_t n, const char *url, const char *enc, int recover,
                         xmlError *first)
{
    xmlParserCtxt *ctx = xmlNewParserCtxt();
    if (!ctx)
        return NULL;
    int opts = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR | XML_PARSE_NOBLANKS;
    if (recover)
        opts |= XML_PARSE_RECOVER;
    sn_xml_quiet(1);
    xmlDoc *doc = xmlCtxtReadMemory(ctx, buf, (int)n, url, enc, opts);
    sn_xml_quiet(0);
    memset(first, 0, sizeof *first);
    if (ctx->lastError.code) {
        *first = ctx->lastError;
        first->message = NULL; /* owned by the context */
        static __thread char msg[160];
        snprintf(msg, sizeof msg, "%s", ctx->lastError.message ? ctx->lastError.message : "error");
        first->message = msg;
    }
    if (doc && !recover && !ctx->wellFormed) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctx);
    return doc;
}

sn_rc sn_xml_read(const char *buf, size_t n, const char *url, const char *charset, xmlDoc **doc,
                  char *warning, size_t wcap, sn_error *err)
{
    memset(err, 0, sizeof *err);
    *doc = NULL;
    if (wcap)
        warning[0] = '\0';
    if (n == 0) {
        set_err(err, SN_ERR_EMPTY, 0, 0, "empty document");
        return SN_ERR_EMPTY;
    }
    if (n > (size_t)1 << 30) {
        set_err(err, SN_ERR_TOOBIG, 0, 0, "document larger than 1 GiB");
        return SN_ERR_TOOBIG;
    }
    if (declares_entity(buf, n)) {
        set_err(err, SN_ERR_INVALID, 0, 0, "document declares XML entities; refused (possible entity bomb)");
        return SN_ERR_INVALID;
    }
    int utf8_declared;
    const char *enc = NULL;
    int declared = self_declared(buf, n, &utf8_declared);
    int is_utf8 = sn_valid_utf8((const unsigned char *)buf, n);
    if (!declared)
        enc = charset && *charset ? charset : is_utf8 ? NULL : "windows-1252";
    else if (utf8_declared && !is_utf8) {
        enc = "windows-1252";
        snprintf(warning, wcap, "declared UTF-8 but is not; read as windows-1252");
    }
    xmlError e;
    xmlDoc *d = read_once(buf, n, url, enc, 0, &e);
    if (!d && enc && charset && enc == charset) { /* an unknown HTTP charset name */
        d = read_once(buf, n, url, is_utf8 ? NULL : "windows-1252", 0, &e);
    }
    if (!d) {
        xmlError first = e;
        char msg[200];
        snprintf(msg, sizeof msg, "malformed XML: %s", first.message ? first.message : "unreadable");
        d = read_once(buf, n, url, enc, 1, &e);
        if (!d || !xmlDocGetRootElement(d)) {
            if (d)
                xmlFreeDoc(d);
            set_err(err, SN_ERR_INVALID, (unsigned)first.line, (unsigned)first.int2, msg);
            return SN_ERR_INVALID;
        }
        snprintf(warning, wcap, "malformed XML at line %d (recovered): %s", first.line,
                 first.message ? first.message : "");
        size_t l = strlen(warning);
        while (l && warning[l - 1] == '\n')
            warning[--l] = '\0';
    }
    if (d->intSubset && d->intSubset->entities) {
        xmlFreeDoc(d);
        set_err(err, SN_ERR_INVALID, 0, 0, "document declares XML entities; refused (possible entity bomb)");
        return SN_ERR_INVALID;
    }
    if (!xmlDocGetRootElement(d)) {
        xmlFreeDoc(d);
        set_err(err, SN_ERR_INVALID, 0, 0, "no root element");
        return SN_ERR_INVALID;
    }
    *doc = d;
    return SN_OK;
}

int sn_xml_is(const xmlNode *n, const char *ns, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name))
        return 0;
    if (!ns)
        return !n->ns || !n->ns->href || !*n->ns->href;
    return n->ns && n->ns->href && !strcmp((const char *)n->ns->href, ns);
}

char *sn_strndup_trim(const char *s, size_t n, size_t cap)
{
    if (!s)
        return NULL;
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (!n)
        return NULL;
    if (n > cap) {
        n = cap;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* cut before a continuation byte */
    }
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *sn_xml_text(xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (!c)
        return NULL;
    char *s = sn_strndup_trim((const char *)c, strlen((const char *)c), SN_FEED_MAX_FIELD);
    xmlFree(c);
    return s;
}

char *sn_xml_attr(xmlNode *n, const char *name)
{
    xmlChar *c = xmlGetProp(n, (const xmlChar *)name);
    if (!c)
        return NULL;
    char *s = sn_strndup_trim((const char *)c, strlen((const char *)c), SN_FEED_MAX_FIELD);
    xmlFree(c);
    return s;
}
