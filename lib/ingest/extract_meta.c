/*
 * lib/ingest/extract_meta.c — the metadata of a news page, read before any
 * furniture is removed: <meta> tags (OpenGraph og:*, article:*, name=
 * author/description/date/pubdate/publishdate/DC.date.issued/
 * dcterms.created/sailthru.date/parsely-pub-date, itemprop=datePublished,
 * http-equiv content-language, application-name), <link rel=canonical>,
 * <link rel=amphtml>, <html lang>, <title>, and JSON-LD scripts read with
 * cJSON: the first object (top level, in an array or in @graph) whose
 * @type is NewsArticle, Article, ReportageNewsArticle, AnalysisNewsArticle,
 * BlogPosting or WebPage-with-datePublished gives headline, datePublished,
 * author (a string, an object with name, or an array of either),
 * publisher.name and inLanguage. A JSON-LD block that does not parse is
 * ignored; it never fails the page.
 *
 * Also here: finding a date in a short free text (the byline or dateline
 * line) and in a URL path.
 */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/uri.h>
#include "ingest/extract_int.h"
#include "ingest/xml.h"
#include "sentinel/feed.h"

#define META_CAP 4096

static void keep(char **field, const char *v)
{
    if (!*field && v)
        *field = sn_strndup_trim(v, strlen(v), META_CAP);
}

static void keep_time(int64_t *t, const char *v)
{
    int64_t x;
    if (*t == SN_TIME_NONE && v && !sn_time_parse(v, strlen(v), &x))
        *t = x;
}

char *sn_abs_url(htmlDocPtr doc, const char *href)
{
    if (!href)
        return NULL;
    xmlChar *abs = doc->URL ? xmlBuildURI((const xmlChar *)href, doc->URL) : NULL;
    char *s = sn_strndup_trim(abs ? (const char *)abs : href, strlen(abs ? (const char *)abs : href), META_CAP);
    xmlFree(abs);
    return s;
}

static int is_url(const char *s)
{
    return s && (!strncmp(s, "http://", 7) || !strncmp(s, "https://", 8) || s[0] == '/');
}

static void meta(xmlNode *n, sn_page_meta *m)
{
    char *prop = sn_xml_attr(n, "property"), *name = sn_xml_attr(n, "name");
    char *ip = sn_xml_attr(n, "itemprop"), *he = sn_xml_attr(n, "http-equiv");
    char *content = sn_xml_attr(n, "content");
    const char *key = prop ? prop : name ? name : ip;
    if (content && key) {
        char k[64];
        snprintf(k, sizeof k, "%s", key);
        for (char *p = k; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (!strcmp(k, "article:published_time") || !strcmp(k, "og:article:published_time"))
            keep_time(&m->t_article, content);
        else if (!strcmp(k, "og:title"))
            keep(&m->og_title, content);
        else if (!strcmp(k, "og:site_name"))
            keep(&m->og_site, content);
        else if (!strcmp(k, "og:url"))
            keep(&m->og_url, content);
        else if (!strcmp(k, "og:locale"))
            keep(&m->og_locale, content);
        else if (!strcmp(k, "og:description") || !strcmp(k, "description"))
            keep(&m->description, content);
        else if (!strcmp(k, "application-name"))
            keep(&m->app_name, content);
        else if ((!strcmp(k, "author") || !strcmp(k, "article:author") || !strcmp(k, "byl") ||
                  !strcmp(k, "dc.creator") || !strcmp(k, "sailthru.author")) &&
                 !is_url(content))
            keep(&m->meta_author, content);
        else if (!strcmp(k, "og:published_time") || !strcmp(k, "datepublished") || !strcmp(k, "date") ||
                 !strcmp(k, "pubdate") || !strcmp(k, "publishdate") || !strcmp(k, "publish-date") ||
                 !strcmp(k, "dc.date.issued") || !strcmp(k, "dc.date") || !strcmp(k, "dcterms.created") ||
                 !strcmp(k, "sailthru.date") || !strcmp(k, "parsely-pub-date") ||
                 !strcmp(k, "article.published") || !strcmp(k, "ptime"))
            keep_time(&m->t_meta, content);
    }
    if (he && content && !strcasecmp(he, "content-language"))
        keep(&m->http_lang, content);
    free(prop);
    free(name);
    free(ip);
    free(he);
    free(content);
}

static void link_rel(htmlDocPtr doc, xmlNode *n, sn_page_meta *m)
{
    char *rel = sn_xml_attr(n, "rel"), *href = sn_xml_attr(n, "href");
    if (rel && href) {
        for (char *p = rel; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (!strcmp(rel, "canonical") && !m->canonical)
            m->canonical = sn_abs_url(doc, href);
        else if (!strcmp(rel, "amphtml") && !m->amp)
            m->amp = sn_abs_url(doc, href);
    }
    free(rel);
    free(href);
}

static const char *ld_string(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsString(v))
        return v->valuestring;
    if (cJSON_IsObject(v)) { /* {"@value": ...} or {"name": ...} */
        const cJSON *w = cJSON_GetObjectItemCaseSensitive(v, "name");
        if (!cJSON_IsString(w))
            w = cJSON_GetObjectItemCaseSensitive(v, "@value");
        return cJSON_IsString(w) ? w->valuestring : NULL;
    }
    if (cJSON_IsArray(v) && cJSON_GetArraySize(v) > 0) {
        const cJSON *w = cJSON_GetArrayItem(v, 0);
        if (cJSON_IsString(w))
            return w->valuestring;
        if (cJSON_IsObject(w)) {
            w = cJSON_GetObjectItemCaseSensitive(w, "name");
            return cJSON_IsString(w) ? w->valuestring : NULL;
        }
    }
    return NULL;
}

static int article_type(const cJSON *t)
{
    static const char *const types[] = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
                                        "BlogPosting", "LiveBlogPosting", "OpinionNewsArticle", "Report"};
    if (cJSON_IsArray(t)) {
        const cJSON *e;
        cJSON_ArrayForEach(e, t) if (article_type(e)) return 1;
        return 0;
    }
    if (!cJSON_IsString(t))
        return 0;
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (!strcmp(t->valuestring, types[i]))
            return 1;
    return 0;
}

/* Authors: "A" / {"name":"A"} / ["A", {"name":"B"}] → "A, B". */
static void ld_authors(const cJSON *a, sn_page_meta *m)
{
    if (m->ld_author || !a)
        return;
    char buf[512] = "";
    size_t n = 0;
    const cJSON *list = cJSON_IsArray(a) ? a : NULL;
    const cJSON *e = list ? list->child : a;
    for (int i = 0; e && i < 8; e = list ? e->next : NULL, i++) {
        const char *name = cJSON_IsString(e) ? e->valuestring : NULL;
        if (cJSON_IsObject(e)) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "name");
            name = cJSON_IsString(v) ? v->valuestring : NULL;
        }
        if (name && *name && n + strlen(name) + 3 < sizeof buf)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? ", " : "", name);
        if (!list)
            break;
    }
    if (n)
        keep(&m->ld_author, buf);
}

static int ld_object(const cJSON *o, sn_page_meta *m, int depth)
{
    if (depth > 6 || !o)
        return 0;
    if (cJSON_IsArray(o)) {
        const cJSON *e;
        cJSON_ArrayForEach(e, o) if (ld_object(e, m, depth + 1)) return 1;
        return 0;
    }
    if (!cJSON_IsObject(o))
        return 0;
    const cJSON *graph = cJSON_GetObjectItemCaseSensitive(o, "@graph");
    if (graph && ld_object(graph, m, depth + 1))
        return 1;
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(o, "@type");
    int is_article = article_type(type);
    if (!is_article && !(cJSON_IsString(type) && !strcmp(type->valuestring, "WebPage") &&
                         cJSON_GetObjectItemCaseSensitive(o, "datePublished")))
        return 0;
    keep(&m->ld_headline, ld_string(o, "headline"));
    keep_time(&m->t_ld, ld_string(o, "datePublished"));
    ld_authors(cJSON_GetObjectItemCaseSensitive(o, "author"), m);
    keep(&m->ld_publisher, ld_string(o, "publisher"));
    keep(&m->ld_lang, ld_string(o, "inLanguage"));
    return is_article;
}

static void json_ld(xmlNode *n, sn_page_meta *m)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (!c)
        return;
    size_t len = strlen((const char *)c);
    if (len < (size_t)1 << 20) {
        cJSON *j = cJSON_ParseWithLength((const char *)c, len);
        if (j)
            ld_object(j, m, 0);
        cJSON_Delete(j);
    }
    xmlFree(c);
}

static void walk(htmlDocPtr doc, xmlNode *n, sn_page_meta *m, int depth)
{
    for (; n && depth < 256; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (!strcmp(name, "meta")) {
            meta(n, m);
        } else if (!strcmp(name, "link")) {
            link_rel(doc, n, m);
        } else if (!strcmp(name, "title")) {
            if (!m->title_tag)
                m->title_tag = sn_node_text(n, META_CAP);
        } else if (!strcmp(name, "script")) {
            char *type = sn_xml_attr(n, "type");
            if (type && !strcasecmp(type, "application/ld+json"))
                json_ld(n, m);
            free(type);
        } else if (!strcmp(name, "svg")) {
            /* <title> inside an inline SVG is not the page title. */
        } else {
            if (!strcmp(name, "html"))
                m->html_lang = sn_xml_attr(n, "lang");
            walk(doc, n->children, m, depth + 1);
        }
    }
}

void sn_meta_read(htmlDocPtr doc, const char *url, sn_page_meta *m)
{
    (void)url;
    memset(m, 0, sizeof *m);
    m->t_article = m->t_ld = m->t_meta = SN_TIME_NONE;
    walk(doc, xmlDocGetRootElement(doc), m, 0);
}

void sn_meta_free(sn_page_meta *m)
{
    char **f[] = {&m->og_title, &m->ld_headline, &m->title_tag, &m->og_site, &m->ld_publisher, &m->app_name,
                  &m->meta_author, &m->ld_author, &m->canonical, &m->og_url, &m->amp, &m->html_lang,
                  &m->og_locale, &m->ld_lang, &m->http_lang, &m->description};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        free(*f[i]);
        *f[i] = NULL;
    }
}

int sn_find_date(const char *s, size_t n, int64_t *out)
{
    if (n > 400)
        n = 400;
    /* Try each word start, longest span first, ending at word ends. */
    for (size_t b = 0; b < n; b++) {
        if (b && isalnum((unsigned char)s[b - 1]))
            continue;
        if (!isalnum((unsigned char)s[b]))
            continue;
        size_t max = b + 48 < n ? b + 48 : n;
        for (size_t e = max; e >= b + 8; e--) {
            if (e < n && isalnum((unsigned char)s[e]))
                continue;
            if (!sn_time_parse(s + b, e - b, out))
                return 0;
        }
    }
    return -1;
}

int sn_url_date(const char *url, int64_t *out)
{
    if (!url)
        return -1;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : NULL;
    for (; p && *p; p = strchr(p + 1, '/')) {
        int y, mo, d;
        char sep;
        if ((sscanf(p, "/%4d/%2d/%2d%c", &y, &mo, &d, &sep) == 4 && (sep == '/' || sep == '-')) ||
            (sscanf(p, "/%4d-%2d-%2d%c", &y, &mo, &d, &sep) == 4 && (sep == '/' || sep == '-'))) {
            char buf[16];
            snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
            if (y >= 1995 && !sn_time_parse(buf, 10, out))
                return 0;
        }
    }
    return -1;
}

char *sn_clean_byline(const char *s)
{
    if (!s)
        return NULL;
    while (isspace((unsigned char)*s))
        s++;
    if (!strncasecmp(s, "by ", 3))
        s += 3;
    else if (!strncasecmp(s, "by:", 3))
        s += 3;
    else if (!strncasecmp(s, "written by ", 11))
        s += 11;
    else if (!strncasecmp(s, "posted by ", 10))
        s += 10;
    else if (!strncasecmp(s, "submitted by ", 13))
        s += 13;
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strcspn(s, "|\n");
    /* "Jane Doe, Reporter" and "Jane Doe - Staff" keep the name. */
    const char *comma = memchr(s, ',', n);
    if (comma && !memmem(s, n, " and ", 5))
        n = (size_t)(comma - s);
    const char *dash = memmem(s, n, " - ", 3);
    if (dash)
        n = (size_t)(dash - s);
    const char *on = memmem(s, n, " on ", 4); /* "Jane Doe on March 16" */
    if (on)
        n = (size_t)(on - s);
    if (n == 0 || n > 120)
        return NULL;
    return sn_strndup_trim(s, n, 120);
}
