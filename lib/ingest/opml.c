/*
 * lib/ingest/opml.c — OPML subscription lists: reading (any depth of
 * folder outlines; an outline with an xmlUrl is a feed) and writing OPML
 * 2.0 grouped by category, plus the http(s) URL shape check feeds share.
 *
 * Reading: the category of a feed is its own "category" attribute (the
 * first of a comma-separated list, leading "/" dropped), else the text or
 * title of the nearest enclosing folder outline. An outline with
 * type="rss" and no xmlUrl, or whose xmlUrl is not an http(s) URL, is
 * skipped and reported in sn_opml.problems with its line; the rest are
 * still read. The document is read through sn_xml_read, so it gets the
 * same no-network, no-entity rules as feeds.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ingest/xml.h"
#include "sentinel/feed.h"
#include "util/buf.h"

int sn_url_is_http(const char *url)
{
    if (!url)
        return 0;
    size_t skip;
    if (!strncasecmp(url, "http://", 7))
        skip = 7;
    else if (!strncasecmp(url, "https://", 8))
        skip = 8;
    else
        return 0;
    size_t len = strlen(url);
    if (len > 2048)
        return 0;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)url[i] <= ' ' || url[i] == 0x7f || url[i] == '"' || url[i] == '<' ||
            url[i] == '>' || url[i] == '\\')
            return 0;
    const char *h = url + skip, *p = h;
    if (*p == '[') {
        while (*p && *p != ']')
            p++;
        if (*p != ']' || p == h + 1)
            return 0;
        p++;
    } else {
        int dots = 0;
        while (isalnum((unsigned char)*p) || *p == '-' || *p == '.') {
            if (*p == '.' && (p == h || p[-1] == '.'))
                return 0;
            dots += *p == '.';
            p++;
        }
        if (p == h || p[-1] == '.' || p[-1] == '-' || *h == '-')
            return 0;
        if (!dots && strncasecmp(h, "localhost", 9))
            return 0; /* a bare word is not a public host */
    }
    if (*p == ':') {
        long port = 0;
        int nd = 0;
        for (p++; isdigit((unsigned char)*p) && nd < 6; p++, nd++)
            port = port * 10 + (*p - '0');
        if (!nd || port < 1 || port > 65535)
            return 0;
    }
    return *p == '\0' || *p == '/' || *p == '?' || *p == '#';
}

typedef struct reader {
    sn_opml *o;
    size_t alloc, palloc;
} reader;

static void problem(reader *r, unsigned line, const char *msg, const char *detail)
{
    if (r->o->n_problems == r->palloc) {
        size_t a = r->palloc ? r->palloc * 2 : 8;
        if (a > SN_OPML_MAX_ENTRIES)
            return;
        sn_opml_problem *p = realloc(r->o->problems, a * sizeof *p);
        if (!p)
            return;
        r->o->problems = p;
        r->palloc = a;
    }
    sn_opml_problem *p = &r->o->problems[r->o->n_problems++];
    p->line = line;
    snprintf(p->msg, sizeof p->msg, "%s%s%.100s%s", msg, detail ? " '" : "", detail ? detail : "",
             detail ? "'" : "");
}

static char *category_attr(xmlNode *n)
{
    char *c = sn_xml_attr(n, "category");
    if (!c)
        return NULL;
    char *s = c;
    while (*s == '/')
        s++;
    size_t len = strcspn(s, ",");
    char *out = sn_strndup_trim(s, len, 200);
    free(c);
    return out;
}

static char *title_of(xmlNode *n)
{
    char *t = sn_xml_attr(n, "text");
    if (!t)
        t = sn_xml_attr(n, "title");
    return t;
}

static sn_rc add_entry(reader *r, xmlNode *n, char *url, const char *folder)
{
    if (r->o->n_entries >= SN_OPML_MAX_ENTRIES) {
        free(url);
        problem(r, (unsigned)xmlGetLineNo(n), "too many outlines; the rest are skipped", NULL);
        return SN_ERR_TOOBIG;
    }
    if (r->o->n_entries == r->alloc) {
        size_t a = r->alloc ? r->alloc * 2 : 32;
        sn_opml_entry *p = realloc(r->o->entries, a * sizeof *p);
        if (!p) {
            free(url);
            return SN_ERR_NOMEM;
        }
        r->o->entries = p;
        r->alloc = a;
    }
    sn_opml_entry *e = &r->o->entries[r->o->n_entries++];
    memset(e, 0, sizeof *e);
    e->url = url;
    e->title = title_of(n);
    e->html_url = sn_xml_attr(n, "htmlUrl");
    e->lang = sn_xml_attr(n, "language");
    e->category = category_attr(n);
    if (!e->category && folder)
        e->category = strdup(folder);
    e->line = (unsigned)xmlGetLineNo(n);
    return SN_OK;
}

static sn_rc outlines(reader *r, xmlNode *parent, const char *folder, int depth)
{
    if (depth > 32)
        return SN_OK;
    for (xmlNode *n = parent->children; n; n = n->next) {
        if (!sn_xml_is(n, NULL, "outline"))
            continue;
        char *url = sn_xml_attr(n, "xmlUrl");
        if (!url)
            url = sn_xml_attr(n, "xmlurl");
        char *type = sn_xml_attr(n, "type");
        unsigned line = (unsigned)xmlGetLineNo(n);
        sn_rc rc = SN_OK;
        if (url && !sn_url_is_http(url)) {
            problem(r, line, "xmlUrl is not an http(s) URL:", url);
            free(url);
        } else if (url) {
            rc = add_entry(r, n, url, folder);
        } else if (type && !strcasecmp(type, "rss")) {
            problem(r, line, "feed outline has no xmlUrl", NULL);
        } else {
            char *t = title_of(n);
            rc = outlines(r, n, t ? t : folder, depth + 1);
            free(t);
        }
        free(type);
        if (rc)
            return rc;
    }
    return SN_OK;
}

sn_rc sn_opml_parse(const char *buf, size_t n, sn_opml **out, sn_error *err)
{
    *out = NULL;
    xmlDoc *doc;
    char warning[200];
    sn_rc rc = sn_xml_read(buf, n, NULL, NULL, &doc, warning, sizeof warning, err);
    if (rc)
        return rc;
    if (warning[0]) {
        /* OPML is a list we keep: do not guess at a broken one. */
        xmlFreeDoc(doc);
        err->rc = SN_ERR_INVALID;
        snprintf(err->msg, sizeof err->msg, "%s", warning);
        return SN_ERR_INVALID;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!sn_xml_is(root, NULL, "opml")) {
        err->rc = SN_ERR_INVALID;
        snprintf(err->msg, sizeof err->msg, "not OPML: the root element is <%s>", (const char *)root->name);
        xmlFreeDoc(doc);
        return SN_ERR_INVALID;
    }
    reader r = {calloc(1, sizeof(sn_opml)), 0, 0};
    if (!r.o) {
        xmlFreeDoc(doc);
        return SN_ERR_NOMEM;
    }
    for (xmlNode *c = root->children; c; c = c->next) {
        if (sn_xml_is(c, NULL, "head")) {
            for (xmlNode *h = c->children; h; h = h->next)
                if (sn_xml_is(h, NULL, "title") && !r.o->title)
                    r.o->title = sn_xml_text(h);
        } else if (sn_xml_is(c, NULL, "body")) {
            rc = outlines(&r, c, NULL, 0);
        }
    }
    xmlFreeDoc(doc);
    if (rc == SN_ERR_NOMEM) {
        sn_opml_free(r.o);
        return rc;
    }
    *out = r.o;
    return SN_OK;
}

void sn_opml_free(sn_opml *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->n_entries; i++) {
        free(o->entries[i].url);
        free(o->entries[i].title);
        free(o->entries[i].category);
        free(o->entries[i].html_url);
        free(o->entries[i].lang);
    }
    free(o->entries);
    free(o->problems);
    free(o->title);
    free(o);
}

static sn_rc esc(sn_buf *b, const char *s)
{
    sn_rc rc = SN_OK;
    for (; s && *s && !rc; s++) {
        switch (*s) {
        case '&': rc = sn_buf_adds(b, "&amp;"); break;
        case '<': rc = sn_buf_adds(b, "&lt;"); break;
        case '>': rc = sn_buf_adds(b, "&gt;"); break;
        case '"': rc = sn_buf_adds(b, "&quot;"); break;
        case '\n': rc = sn_buf_adds(b, "&#10;"); break;
        default:
            rc = (unsigned char)*s < 0x20 && *s != '\t' ? SN_OK : sn_buf_addc(b, *s);
        }
    }
    return rc;
}

static sn_rc attr(sn_buf *b, const char *name, const char *v)
{
    if (!v)
        return SN_OK;
    sn_rc rc = sn_buf_printf(b, " %s=\"", name);
    if (!rc)
        rc = esc(b, v);
    return rc ? rc : sn_buf_addc(b, '"');
}

static sn_rc entry(sn_buf *b, const sn_opml_entry *e, const char *indent)
{
    sn_rc rc = sn_buf_printf(b, "%s<outline type=\"rss\"", indent);
    const char *text = e->title ? e->title : e->url;
    if (!rc) rc = attr(b, "text", text);
    if (!rc) rc = attr(b, "title", text);
    if (!rc) rc = attr(b, "xmlUrl", e->url);
    if (!rc) rc = attr(b, "htmlUrl", e->html_url);
    if (!rc) rc = attr(b, "category", e->category);
    if (!rc) rc = attr(b, "language", e->lang);
    return rc ? rc : sn_buf_adds(b, "/>\n");
}

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

sn_rc sn_opml_write(const char *title, const sn_opml_entry *e, size_t n, sn_opml_write_fn write, void *ctx)
{
    sn_buf b;
    sn_buf_init(&b, (size_t)64 << 20);
    sn_rc rc = sn_buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n<head>\n"
                               "  <title>");
    if (!rc) rc = esc(&b, title ? title : "Sentinel feeds");
    if (!rc) rc = sn_buf_adds(&b, "</title>\n</head>\n<body>\n");
    /* Feeds without a category first, then one folder per category. */
    for (size_t i = 0; i < n && !rc; i++)
        if (!e[i].category)
            rc = entry(&b, &e[i], "  ");
    for (size_t i = 0; i < n && !rc; i++) {
        if (!e[i].category)
            continue;
        size_t k = 0;
        while (k < i && !same(e[k].category, e[i].category))
            k++;
        if (k < i)
            continue; /* this category was written with its first member */
        rc = sn_buf_adds(&b, "  <outline");
        if (!rc) rc = attr(&b, "text", e[i].category);
        if (!rc) rc = sn_buf_adds(&b, ">\n");
        for (size_t j = i; j < n && !rc; j++)
            if (same(e[j].category, e[i].category))
                rc = entry(&b, &e[j], "    ");
        if (!rc) rc = sn_buf_adds(&b, "  </outline>\n");
    }
    if (!rc) rc = sn_buf_adds(&b, "</body>\n</opml>\n");
    if (!rc && write(ctx, b.p, b.len))
        rc = SN_ERR_IO;
    sn_buf_free(&b);
    return rc;
}
