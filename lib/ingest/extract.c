/*
 * lib/ingest/extract.c — the main text of a news page (sentinel/extract.h).
 *
 * 1. Parse with libxml2's HTML parser (recovering, no network). Charset: a
 *    <meta charset> or http-equiv declaration in the first 4 KiB wins, else
 *    the HTTP charset, else UTF-8 when valid, else windows-1252.
 * 2. Read the metadata (extract_meta.c) and scan the whole page once for
 *    the byline element, <time datetime>, date lines and the first <h1>.
 * 3. Find the article body: an element with itemprop="articleBody" or a
 *    CMS body class (entry-content, article-body, story-body, field--name-
 *    body, ...), else the single <article>, else the element whose
 *    paragraphs score best (readability-style: 1 + commas + length/100 per
 *    paragraph of 25+ characters, to the parent and half to the
 *    grandparent, times one minus the link density).
 * 4. Remove furniture: script, style, nav, aside, footer, header, form,
 *    button, iframe, svg, AMP ad and share elements, hidden elements, and
 *    regions whose class or id names comments, sharing, social and follow
 *    buttons, related or recommended links, newsletters, author bios,
 *    reuse/reprint boxes, cookies, sidebars, tags, ads or breadcrumbs —
 *    never an element that contains the body found in step 3. Captions
 *    (figcaption, *caption*, wp-caption-text) go to captions instead.
 * 5. Emit the body's blocks (p, h2-h6, li, blockquote, pre, dd, div text,
 *    <br> breaks) as paragraphs with whitespace collapsed, and drop: blocks
 *    that are mostly link text, furniture lines (data/text/boilerplate.txt
 *    phrases at the start of a short block, copyright lines, "Photo:"
 *    credits, lone "Share"/"Tweet"/"Print" words), the title and byline
 *    repeated, and author bios (a trailing block that starts with the
 *    byline's name, or a short trailing block saying someone "is a
 *    reporter/correspondent/...").
 * 6. A page whose kept text is under 140 characters, or has no paragraph of
 *    80, has no article (text NULL).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include "ingest/extract_int.h"
#include "ingest/xml.h"
#include "sentinel/feed.h"

#define MAX_DEPTH 200
#define MAX_BLOCKS 20000
#define MIN_ARTICLE 140
#define MIN_PARAGRAPH 80

extern const char sn_data_boilerplate[];

/* ---- small helpers ---- */

/* The value of attribute name without copying it (NULL when absent). */
static const char *attr_view(xmlNode *n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && !strcmp((const char *)a->name, name))
            return a->children && a->children->type == XML_TEXT_NODE && a->children->content
                       ? (const char *)a->children->content
                       : "";
    return NULL;
}

/* "class id" lower-cased, or "" when the element has neither (most do not,
 * and the furniture tests return at once on ""). */
void sn_class_id(xmlNode *n, char *buf, size_t cap)
{
    size_t k = 0;
    const char *parts[2] = {attr_view(n, "class"), attr_view(n, "id")};
    buf[0] = '\0';
    if (n->type != XML_ELEMENT_NODE || (!parts[0] && !parts[1]))
        return;
    for (int i = 0; i < 2; i++) {
        for (const char *p = parts[i]; p && *p && k + 2 < cap; p++)
            buf[k++] = (char)tolower((unsigned char)*p);
        if (i == 0 && k + 2 < cap)
            buf[k++] = ' ';
    }
    buf[k] = '\0';
}

static void collapse_into(sn_buf *b, const char *s, int *space)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isspace(c) || (c == 0xC2 && (unsigned char)s[1] == 0xA0)) { /* also U+00A0 */
            if (c == 0xC2)
                s++;
            *space = 1;
            continue;
        }
        if (*space && b->len)
            sn_buf_addc(b, ' ');
        *space = 0;
        sn_buf_addc(b, (char)c);
    }
}

static void text_walk(xmlNode *n, sn_buf *b, int *space, int depth)
{
    for (; n && depth < MAX_DEPTH; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
            collapse_into(b, (const char *)n->content, space);
        else if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "script") &&
                 strcmp((const char *)n->name, "style"))
            text_walk(n->children, b, space, depth + 1);
    }
}

char *sn_node_text(xmlNode *n, size_t cap)
{
    sn_buf b;
    sn_buf_init(&b, cap);
    int space = 0;
    text_walk(n->children, &b, &space, 0);
    char *s = sn_strndup_trim(b.p, b.len, cap);
    sn_buf_free(&b);
    return s;
}

static int is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static int word_in(const char *hay, const char *w)
{
    /* w as a whole part of a class token: delimited by space, -, _ or ends. */
    size_t l = strlen(w);
    for (const char *p = strstr(hay, w); p; p = strstr(p + 1, w)) {
        int left = p == hay || strchr(" -_", p[-1]);
        int right = !p[l] || strchr(" -_", p[l]);
        if (left && right)
            return 1;
    }
    return 0;
}

/* Class and id words of a furniture region. */
static int unlikely(const char *cid)
{
    if (!cid[0])
        return 0;
    static const char *const sub[] = {"comment", "disqus", "related", "outbrain", "taboola", "sidebar",
                                      "newsletter", "author-bio", "authorbio", "about-author", "author-info",
                                      "author-box", "cookie", "popup", "modal", "reuse", "reprint", "recommend",
                                      "popular", "trending", "footer", "share", "sharing", "social", "follow",
                                      "subscribe", "signup", "promo", "advert", "sponsor", "breadcrumb",
                                      "masthead", "widget", "pagination", "toolbar", "copyright", "navbar",
                                      "more-stories", "read-more", "readmore", "paywall", "banner", "attribution",
                                      "see-also"};
    static const char *const part[] = {"nav", "menu", "bio", "ads", "ad", "tags", "tag", "skip", "print",
                                       "rights", "legal", "topics", "keywords"};
    for (size_t i = 0; i < sizeof sub / sizeof *sub; i++)
        if (strstr(cid, sub[i]))
            return 1;
    for (size_t i = 0; i < sizeof part / sizeof *part; i++)
        if (word_in(cid, part[i]))
            return 1;
    return 0;
}

/* Regions that hold other pages' or readers' text: comments, related and
 * recommended links, sidebars. Bylines and dates are not taken from them. */
static int foreign_region(const char *cid)
{
    if (!cid[0])
        return 0;
    static const char *const sub[] = {"comment", "disqus", "related", "outbrain", "taboola", "sidebar", "widget",
                                      "trending", "popular", "recommend", "more-stories", "see-also", "latest"};
    for (size_t i = 0; i < sizeof sub / sizeof *sub; i++)
        if (strstr(cid, sub[i]))
            return 1;
    return 0;
}

static int body_class(const char *cid)
{
    if (!cid[0])
        return 0;
    static const char *const body[] = {"article-body", "articlebody", "article__body", "article-content",
                                       "article__content", "story-body", "storybody", "entry-content",
                                       "post-content", "post-body", "field--name-body", "field-name-body",
                                       "article-text", "story-content", "story-text", "td-post-content",
                                       "article__text", "body-text", "news-text", "content-body"};
    for (size_t i = 0; i < sizeof body / sizeof *body; i++)
        if (strstr(cid, body[i]) && !strstr(cid, "comment"))
            return 1;
    return 0;
}

static int is_caption(xmlNode *n, const char *cid)
{
    return is(n, "figcaption") || (cid[0] && (strstr(cid, "caption") || word_in(cid, "credit")));
}

static int dropped_tag(const char *name)
{
    static const char *const tags[] = {"script", "style", "noscript", "iframe", "form", "button", "svg",
                                       "nav", "aside", "footer", "header", "select", "input", "textarea",
                                       "template", "object", "embed", "canvas", "dialog", "menu", "link",
                                       "meta", "amp-ad", "amp-analytics", "amp-social-share", "amp-sidebar",
                                       "amp-embed", "amp-sticky-ad", "amp-consent"};
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
        if (!strcmp(name, tags[i]))
            return 1;
    return 0;
}

static int hidden(xmlNode *n)
{
    if (!n->properties)
        return 0;
    if (attr_view(n, "hidden"))
        return 1;
    const char *style = attr_view(n, "style");
    const char *q = style ? strcasestr(style, "display") : NULL;
    if (!q)
        return 0;
    q += 7;
    while (*q == ' ' || *q == ':')
        q++;
    return !strncasecmp(q, "none", 4);
}

static int contains(const xmlNode *anc, const xmlNode *n)
{
    for (int d = 0; n && d < 4 * MAX_DEPTH; n = n->parent, d++)
        if (n == anc)
            return 1;
    return 0;
}

/* ---- the page scan: byline, times, date lines, h1 ---- */

static int name_line(const char *t);

static int container(const char *name)
{
    return !strcmp(name, "div") || !strcmp(name, "section") || !strcmp(name, "article") ||
           !strcmp(name, "main") || !strcmp(name, "td");
}

typedef struct scan {
    char *byline_el, *h1, *date_line;
    char *by_line;       /* a "By Jane Doe" element anywhere outside furniture */
    int64_t t_time_strong, t_time;
    xmlNode *body;       /* itemprop=articleBody or a CMS body class */
    xmlNode *article;    /* the only <article>, if one */
    int n_articles;
} scan;

static void time_el(xmlNode *n, scan *s, int in_furniture)
{
    char *dt = sn_xml_attr(n, "datetime");
    int64_t t;
    if (dt && !sn_time_parse(dt, strlen(dt), &t)) {
        char cid[256];
        sn_class_id(n, cid, sizeof cid);
        char *ip = sn_xml_attr(n, "itemprop");
        xmlChar *pub = xmlGetProp(n, (const xmlChar *)"pubdate");
        int strong = pub || (ip && !strcmp(ip, "datePublished")) || strstr(cid, "publish") ||
                     strstr(cid, "posted");
        if (strong && s->t_time_strong == SN_TIME_NONE && !in_furniture)
            s->t_time_strong = t;
        else if (!in_furniture && s->t_time == SN_TIME_NONE && !strstr(cid, "updated") && !strstr(cid, "modified"))
            s->t_time = t;
        free(ip);
        xmlFree(pub);
    }
    free(dt);
}

static void byline_el(xmlNode *n, const char *cid, scan *s)
{
    if (s->byline_el)
        return;
    if (!n->properties)
        return;
    const char *rel = attr_view(n, "rel"), *ip = attr_view(n, "itemprop");
    int hit = (rel && !strcmp(rel, "author")) || (ip && !strcmp(ip, "author")) ||
              (cid[0] && (strstr(cid, "byline") || strstr(cid, "author") || strstr(cid, "submitted")) &&
               !strstr(cid, "bio") && !strstr(cid, "about"));
    if (!hit)
        return;
    /* "<span>By <a>Jane Doe</a></span><span>Agency</span>": the first child
     * element with text holds the name. */
    xmlNode *use = n;
    for (xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "br")) {
            char *ct = sn_node_text(c, 400);
            int ok = ct != NULL;
            free(ct);
            if (ok) {
                use = c;
                break;
            }
        }
    char *t = sn_node_text(use, 400);
    if (t && strlen(t) < 200)
        s->byline_el = sn_clean_byline(t);
    free(t);
}

static void scan_walk(xmlNode *n, scan *s, int in_furniture, int depth)
{
    char cid[512];
    for (; n && depth < MAX_DEPTH; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (!strcmp(name, "script") || !strcmp(name, "style"))
            continue;
        sn_class_id(n, cid, sizeof cid);
        int top = !strcmp(name, "html") || !strcmp(name, "body") || !strcmp(name, "main");
        int furn = in_furniture || (!top && foreign_region(cid)) || !strcmp(name, "aside") || !strcmp(name, "nav");
        const char *ip = n->properties ? attr_view(n, "itemprop") : NULL;
        if (!s->body && !furn && ((ip && !strcmp(ip, "articleBody")) || (body_class(cid) && container(name))))
            s->body = n;
        if (!strcmp(name, "article")) {
            s->n_articles++;
            s->article = s->article ? s->article : n;
        }
        if (!strcmp(name, "time"))
            time_el(n, s, furn);
        if (!furn)
            byline_el(n, cid, s);
        if (!furn && !s->by_line && n->children && n->children->type == XML_TEXT_NODE && n->children->content &&
            (!strncmp((const char *)n->children->content, "By ", 3) ||
             !strncmp((const char *)n->children->content, "BY ", 3))) {
            char *t = sn_node_text(n, 400);
            if (t && strlen(t) < 120 && name_line(t))
                s->by_line = sn_clean_byline(t);
            free(t);
        }
        if (!s->h1 && !strcmp(name, "h1") && !furn)
            s->h1 = sn_node_text(n, 1024);
        if (!s->date_line && !furn && cid[0] && (strstr(cid, "date") || strstr(cid, "posted") || strstr(cid, "timestamp") ||
                                       strstr(cid, "published") || strstr(cid, "byline") ||
                                       strstr(cid, "created") || strstr(cid, "submitted"))) {
            char *t = sn_node_text(n, 400);
            int64_t v;
            if (t && strlen(t) < 200 && !sn_find_date(t, strlen(t), &v))
                s->date_line = t;
            else
                free(t);
        }
        scan_walk(n->children, s, furn, depth + 1);
    }
}

/* ---- removing furniture ---- */

typedef struct cleaner {
    xmlNode *keep;     /* never remove an ancestor of this */
    sn_buf captions;
    unsigned dropped;
} cleaner;

static void add_caption(cleaner *c, xmlNode *n)
{
    char *t = sn_node_text(n, 2000);
    if (t) {
        if (c->captions.len)
            sn_buf_addc(&c->captions, '\n');
        sn_buf_adds(&c->captions, t);
        free(t);
    }
}

static void clean(xmlNode *n, cleaner *c, int depth)
{
    char cid[512];
    while (n) {
        xmlNode *next = n->next;
        if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        } else if (n->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)n->name;
            int protect = (c->keep && contains(n, c->keep)) || !strcmp(name, "body") || !strcmp(name, "main");
            sn_class_id(n, cid, sizeof cid);
            const char *role = n->properties ? attr_view(n, "role") : NULL;
            int furniture = dropped_tag(name) || hidden(n) ||
                            (unlikely(cid) && !body_class(cid)) ||
                            (role && (!strcmp(role, "navigation") || !strcmp(role, "complementary") ||
                                      !strcmp(role, "banner") || !strcmp(role, "contentinfo")));
            if (!protect && depth > 0 && is_caption(n, cid) && strcmp(name, "figure")) {
                add_caption(c, n);
                xmlUnlinkNode(n);
                xmlFreeNode(n);
            } else if (!protect && depth > 0 && furniture) {
                if (strcmp(name, "script") && strcmp(name, "style") && strcmp(name, "link") && strcmp(name, "meta"))
                    c->dropped++;
                xmlUnlinkNode(n);
                xmlFreeNode(n);
            } else if (depth < MAX_DEPTH) {
                clean(n->children, c, depth + 1);
            }
        }
        n = next;
    }
}

/* ---- scoring, when the page names no body ---- */

static size_t link_chars(xmlNode *n, int in_link, int depth)
{
    size_t k = 0;
    for (; n && depth < MAX_DEPTH; n = n->next) {
        if (n->type == XML_TEXT_NODE && in_link)
            k += strlen((const char *)n->content);
        else if (n->type == XML_ELEMENT_NODE)
            k += link_chars(n->children, in_link || is(n, "a"), depth + 1);
    }
    return k;
}

static size_t all_chars(xmlNode *n, int depth)
{
    size_t k = 0;
    for (; n && depth < MAX_DEPTH; n = n->next) {
        if (n->type == XML_TEXT_NODE)
            k += strlen((const char *)n->content);
        else if (n->type == XML_ELEMENT_NODE)
            k += all_chars(n->children, depth + 1);
    }
    return k;
}

static int scored_block(const xmlNode *n)
{
    return is(n, "p") || is(n, "pre") || is(n, "blockquote") || is(n, "td");
}

static void add_score(xmlNode *n, intptr_t v)
{
    if (n && n->type == XML_ELEMENT_NODE)
        n->_private = (void *)((intptr_t)n->_private + v);
}

static void score_walk(xmlNode *n, int depth)
{
    for (; n && depth < MAX_DEPTH; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (scored_block(n)) {
            char *t = sn_node_text(n, 100000);
            size_t len = t ? strlen(t) : 0;
            if (len >= 25) {
                intptr_t commas = 0;
                for (char *p = t; *p; p++)
                    commas += *p == ',';
                intptr_t s = 10 * (1 + commas + (intptr_t)(len / 100 < 3 ? len / 100 : 3));
                add_score(n->parent, s);
                if (n->parent)
                    add_score(n->parent->parent, s / 2);
            }
            free(t);
        } else {
            score_walk(n->children, depth + 1);
        }
    }
}

static void best_walk(xmlNode *n, xmlNode **best, double *top, int depth)
{
    for (; n && depth < MAX_DEPTH; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        intptr_t s = (intptr_t)n->_private;
        if (s > 0) {
            size_t all = all_chars(n->children, 0);
            double ld = all ? (double)link_chars(n->children, 0, 0) / (double)all : 0;
            double v = (double)s * (1 - ld);
            if (v > *top) {
                *top = v;
                *best = n;
            }
        }
        best_walk(n->children, best, top, depth + 1);
    }
}

static void zero_scores(xmlNode *n, int depth)
{
    for (; n && depth < MAX_DEPTH; n = n->next) {
        n->_private = NULL;
        if (n->type == XML_ELEMENT_NODE)
            zero_scores(n->children, depth + 1);
    }
}

/* ---- emitting paragraphs ---- */

typedef struct para {
    size_t off, len;
} para;

typedef struct emitter {
    sn_buf cur;          /* the block being built */
    size_t cur_links;    /* bytes of it inside <a> */
    int space;
    sn_buf text;         /* kept paragraphs, NUL-separated */
    para *paras;
    size_t n, alloc;
    const char *title, *byline;
    char *found_byline;  /* a "By Jane Doe" block, when the page names no author */
    unsigned dropped;
    sn_buf *captions;
} emitter;

static int block_tag(const char *name)
{
    static const char *const tags[] = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                                       "blockquote", "pre", "dd", "dt", "dl", "table", "tr", "td", "th",
                                       "section", "article", "main", "figure", "hr", "address", "center"};
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
        if (!strcmp(name, tags[i]))
            return 1;
    return 0;
}

/* Lower-case ASCII words of s, separated by single spaces; the word count. */
static int norm_words(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    int words = 0, in = 0;
    for (; *s && n + 2 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) || c >= 0x80) {
            if (!in && n)
                out[n++] = ' ';
            if (!in)
                words++;
            in = 1;
            out[n++] = (char)tolower(c);
        } else {
            in = 0;
        }
    }
    out[n] = '\0';
    return words;
}

static int starts_with_phrase(const char *norm, const char *phrase)
{
    size_t l = strlen(phrase);
    return !strncmp(norm, phrase, l) && (norm[l] == '\0' || norm[l] == ' ');
}

static int furniture_line(const char *text)
{
    char norm[512];
    int words = norm_words(text, norm, sizeof norm);
    const unsigned char *u = (const unsigned char *)text;
    if ((u[0] == 0xC2 && u[1] == 0xA9) || !strncasecmp(text, "(c)", 3) ||
        (words <= 40 && starts_with_phrase(norm, "copyright")))
        return 1; /* © ..., Copyright 2015 ... */
    int64_t t;
    if (words <= 8 && strlen(text) < 80 && !sn_find_date(text, strlen(text), &t))
        return 1; /* a date line: "March 18, 2015", "Updated 16 March 2015 10:00 GMT" */
    static const char *const lone[] = {"share", "tweet", "email", "print", "whatsapp", "facebook", "twitter",
                                       "linkedin", "telegram", "reddit", "pinterest", "advertisement", "ad",
                                       "loading", "close", "menu", "search", "related", "comments", "reply"};
    if (words <= 2)
        for (size_t i = 0; i < sizeof lone / sizeof *lone; i++)
            if (starts_with_phrase(norm, lone[i]))
                return 1;
    static const char *const extra[] = {"see also", "more from", "most read", "join the conversation",
                                        "continue reading", "sign in", "log in", "more on this story", "photo", "image", "picture",
                                        "photograph", "credit", "reporting by", "editing by", "additional reporting",
                                        "this article was", "this story was", "topics", "tags", "filed under",
                                        "posted in", "categories", "share this", "click to"};
    for (size_t i = 0; i < sizeof extra / sizeof *extra; i++)
        if (words <= 16 && starts_with_phrase(norm, extra[i]))
            return 1;
    static const char *const inside[] = {"sign up here", "sign up for", "sign up to", "subscribe to our",
                                         "our newsletter", "our daily briefing", "our morning briefing",
                                         "follow us on", "download our app", "click here to"};
    for (size_t i = 0; i < sizeof inside / sizeof *inside; i++)
        if (words <= 20 && strstr(norm, inside[i]))
            return 1; /* "Get our morning briefing. Sign up here." */
    if (words > 24)
        return 0;
    const char *p = sn_data_boilerplate;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char phrase[64];
        if (n && p[0] != '#' && n < sizeof phrase) {
            int any = p[0] == '~';
            memcpy(phrase, p + any, n - any);
            phrase[n - any] = '\0';
            int single = !strchr(phrase, ' ');
            if (any ? strstr(norm, phrase) != NULL
                    : starts_with_phrase(norm, phrase) && (!single || words <= 8))
                return 1;
        }
        p += n + (e != NULL);
    }
    return 0;
}

static void push_para(emitter *e, const char *s, size_t len)
{
    if (e->n >= MAX_BLOCKS)
        return;
    if (e->n == e->alloc) {
        size_t a = e->alloc ? e->alloc * 2 : 64;
        para *p = realloc(e->paras, a * sizeof *p);
        if (!p)
            return;
        e->paras = p;
        e->alloc = a;
    }
    size_t off = e->text.len;
    if (sn_buf_add(&e->text, s, len) || sn_buf_addc(&e->text, '\0')) {
        e->text.len = off;
        return;
    }
    e->paras[e->n++] = (para){off, len};
}

/* "By Jane Doe" / "By Jane van der Berg and John Roe": a short block of
 * "By" and capitalised names. */
static int name_line(const char *t)
{
    if (strncmp(t, "By ", 3) && strncmp(t, "BY ", 3))
        return 0;
    int words = 0;
    for (const char *p = t + 3; *p; words++) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        int lower_ok = (p - w == 3 && !strncmp(w, "and", 3)) || (p - w <= 3 && islower((unsigned char)*w));
        if (!isupper((unsigned char)*w) && !((unsigned char)*w & 0x80) && !lower_ok)
            return 0;
    }
    return words >= 1 && words <= 7;
}

static int same_text(const char *a, const char *b)
{
    char na[512], nb[512];
    if (!a || !b)
        return 0;
    norm_words(a, na, sizeof na);
    norm_words(b, nb, sizeof nb);
    return *na && !strcmp(na, nb);
}

static void flush(emitter *e)
{
    sn_buf *c = &e->cur;
    if (!c->len) {
        e->cur_links = 0;
        e->space = 0;
        return;
    }
    sn_buf_cstr(c);
    const char *t = c->p;
    size_t len = c->len;
    int drop = 0;
    if (len && e->cur_links * 2 > len && len < 600)
        drop = 1; /* a link list or "Read more: <a>" */
    else if (furniture_line(t))
        drop = 1;
    else if (same_text(t, e->title))
        drop = 1;
    else if (e->byline && len < 160 && (same_text(t, e->byline) || (!strncasecmp(t, "by ", 3) && strstr(t, e->byline))))
        drop = 1;
    else if (!e->byline && !e->found_byline && name_line(t)) {
        e->found_byline = sn_clean_byline(t);
        drop = 1;
    }
    if (drop)
        e->dropped++;
    else
        push_para(e, t, len);
    sn_buf_reset(c);
    e->cur_links = 0;
    e->space = 0;
}

static void emit(emitter *e, xmlNode *n, int in_link, int depth)
{
    for (; n && depth < MAX_DEPTH; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            size_t before = e->cur.len;
            collapse_into(&e->cur, (const char *)n->content, &e->space);
            if (in_link)
                e->cur_links += e->cur.len - before;
        } else if (n->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)n->name;
            if (!strcmp(name, "br")) {
                flush(e);
            } else if (!strcmp(name, "h1")) {
                flush(e); /* the title, which is kept in title */
            } else if (block_tag(name)) {
                flush(e);
                emit(e, n->children, in_link, depth + 1);
                flush(e);
            } else {
                if (!strcmp(name, "img") || !strcmp(name, "wbr"))
                    continue;
                emit(e, n->children, in_link || !strcmp(name, "a"), depth + 1);
            }
        }
    }
}

/* Bios: trailing blocks that start with the byline's name, or short ones
 * that say someone is a reporter. */
static int bio(const emitter *e, const char *t, size_t len)
{
    static const char *const jobs[] = {"is a reporter", "is a correspondent", "is a journalist", "is a writer",
                                       "is an editor", "is a freelance", "is a senior", "is a staff",
                                       "is the author", "is a contributor", "is a columnist", "is a contributing",
                                       "is a producer", "writes about", "covers ", "is the director",
                                       "is the founder", "is the editor", "is an analyst", "is a former",
                                       "is a veteran", "is a decorated", "is a research", "is a fellow"};
    if (len > 600)
        return 0;
    if (e->byline && strlen(e->byline) > 3 && !strncmp(t, e->byline, strlen(e->byline)))
        return 1; /* "Jane Doe is ...", and the "Jane Doe, MA" signature line */
    if (len > 400)
        return 0;
    for (size_t i = 0; i < sizeof jobs / sizeof *jobs; i++)
        if (strstr(t, jobs[i]))
            return 1;
    return 0;
}

static char *join(emitter *e, unsigned *kept, size_t *out_len)
{
    size_t n = e->n;
    /* Drop bios from the end: at most the last three blocks. */
    for (size_t k = 0; k < 3 && n > 1; k++) {
        para *p = &e->paras[n - 1];
        if (!bio(e, e->text.p + p->off, p->len))
            break;
        n--;
        e->dropped++;
    }
    sn_buf out;
    sn_buf_init(&out, SN_EXTRACT_MAX_TEXT);
    size_t longest = 0;
    for (size_t i = 0; i < n; i++) {
        if (out.len && sn_buf_add(&out, "\n\n", 2))
            break;
        if (sn_buf_add(&out, e->text.p + e->paras[i].off, e->paras[i].len))
            break;
        if (e->paras[i].len > longest)
            longest = e->paras[i].len;
    }
    *kept = (unsigned)n;
    if (out.len < MIN_ARTICLE || longest < MIN_PARAGRAPH) {
        sn_buf_free(&out);
        *out_len = 0;
        return NULL;
    }
    char *s = sn_strndup_trim(out.p, out.len, SN_EXTRACT_MAX_TEXT);
    *out_len = s ? strlen(s) : 0;
    sn_buf_free(&out);
    return s;
}

/* ---- putting it together ---- */

static int declares_charset(const char *html, size_t n)
{
    size_t probe = n < 4096 ? n : 4096;
    for (size_t i = 0; i + 8 < probe; i++)
        if (!strncasecmp(html + i, "charset", 7)) {
            size_t j = i + 7;
            while (j < probe && (html[j] == ' ' || html[j] == '=' || html[j] == '"' || html[j] == '\''))
                j++;
            if (j < probe && isalnum((unsigned char)html[j]))
                return 1;
        }
    return 0;
}

static htmlDocPtr parse(const char *html, size_t n, const char *url, const char *charset)
{
    const char *enc = NULL;
    if (!declares_charset(html, n)) {
        if (charset && *charset)
            enc = charset;
        else if (!sn_valid_utf8((const unsigned char *)html, n))
            enc = "windows-1252";
        else
            enc = "UTF-8";
    }
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
               HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT;
    sn_xml_quiet(1);
    htmlDocPtr doc = htmlReadMemory(html, (int)n, url, enc, opts);
    if (!doc && enc && charset && enc == charset)
        doc = htmlReadMemory(html, (int)n, url, NULL, opts);
    sn_xml_quiet(0);
    return doc;
}

static char *host_of(const char *url)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return NULL;
    p += 3;
    if (!strncasecmp(p, "www.", 4))
        p += 4;
    size_t n = strcspn(p, "/:?#");
    return n ? sn_strndup_trim(p, n, 256) : NULL;
}

static char *pick(char **a, char **b, char **c)
{
    char **v[] = {a, b, c};
    for (int i = 0; i < 3; i++)
        if (v[i] && *v[i] && **v[i]) {
            char *s = *v[i];
            *v[i] = NULL;
            return s;
        }
    return NULL;
}

/* <title> without its " | Site" or " - Site" tail. */
static char *trim_title(char *t)
{
    static const char *const seps[] = {" | ", " - ", " — ", " – ", " :: ", " « ", " » "};
    if (!t)
        return NULL;
    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
        char *last = NULL;
        for (char *p = strstr(t, seps[i]); p; p = strstr(p + 1, seps[i]))
            last = p;
        if (last && strlen(last) < 48 && last - t > 10) {
            *last = '\0';
            break;
        }
    }
    return t;
}

static void lang_norm(char *l)
{
    if (!l)
        return;
    for (char *p = l; *p; p++)
        if (*p == '_')
            *p = '-';
    l[strcspn(l, ",; ")] = '\0';
    size_t n = strcspn(l, "-");
    for (size_t i = 0; l[i]; i++)
        l[i] = (char)(i < n ? tolower((unsigned char)l[i]) : toupper((unsigned char)l[i]));
}

static void fill_meta(sn_extracted *x, sn_page_meta *m, scan *s, const char *url)
{
    x->title = pick(&m->og_title, &m->ld_headline, &s->h1);
    if (!x->title)
        x->title = trim_title(pick(&m->title_tag, NULL, NULL));
    x->site_name = pick(&m->og_site, &m->ld_publisher, &m->app_name);
    if (!x->site_name)
        x->site_name = host_of(m->canonical ? m->canonical : url);
    x->byline = pick(&m->ld_author, &s->byline_el, &s->by_line);
    if (!x->byline && m->meta_author && !(x->site_name && !strcmp(m->meta_author, x->site_name)))
        x->byline = sn_clean_byline(m->meta_author);
    x->lang = pick(&m->html_lang, &m->og_locale, &m->ld_lang);
    if (!x->lang)
        x->lang = pick(&m->http_lang, NULL, NULL);
    lang_norm(x->lang);
    x->canonical_url = pick(&m->canonical, &m->og_url, NULL);
    if (!x->canonical_url && url)
        x->canonical_url = strdup(url);
    x->amp_url = pick(&m->amp, NULL, NULL);
    x->description = pick(&m->description, NULL, NULL);
    int64_t t;
    struct {
        int64_t t;
        const char *from;
    } order[] = {{m->t_article, "article:published_time"}, {m->t_ld, "json-ld"}, {s->t_time_strong, "time"},
                 {s->t_time, "time"}, {m->t_meta, "meta"}};
    x->published = SN_TIME_NONE;
    for (size_t i = 0; i < sizeof order / sizeof *order; i++)
        if (order[i].t != SN_TIME_NONE) {
            x->published = order[i].t;
            x->published_from = order[i].from;
            return;
        }
    if (s->date_line && !sn_find_date(s->date_line, strlen(s->date_line), &t)) {
        x->published = t;
        x->published_from = "text";
    } else if (!sn_url_date(x->canonical_url, &t) || !sn_url_date(url, &t)) {
        x->published = t;
        x->published_from = "url";
    }
}

/* The body the page names: itemprop=articleBody, a CMS class, the only <article>. */
static xmlNode *named_body(scan *s)
{
    if (s->body)
        return s->body;
    if (s->n_articles == 1 && all_chars(s->article->children, 0) > MIN_ARTICLE)
        return s->article;
    return NULL;
}

/* Otherwise the best-scoring element of the cleaned page. */
static xmlNode *scored_body(htmlDocPtr doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    zero_scores(root, 0);
    score_walk(root, 0);
    xmlNode *best = NULL;
    double top = 0;
    best_walk(root, &best, &top, 0);
    zero_scores(root, 0);
    return best;
}

static void text_from_date_line(sn_extracted *x)
{
    /* "text": a date in the article's first lines when nothing else had one. */
    int64_t t;
    if (x->published == SN_TIME_NONE && x->text && !sn_find_date(x->text, strlen(x->text), &t)) {
        x->published = t;
        x->published_from = "text";
    }
}

sn_rc sn_extract_html(const char *html, size_t n, const char *url, const char *charset, sn_extracted **out,
                      sn_error *err)
{
    memset(err, 0, sizeof *err);
    *out = NULL;
    if (!n) {
        err->rc = SN_ERR_EMPTY;
        snprintf(err->msg, sizeof err->msg, "empty page");
        return SN_ERR_EMPTY;
    }
    if (n > SN_EXTRACT_MAX_INPUT) {
        err->rc = SN_ERR_TOOBIG;
        snprintf(err->msg, sizeof err->msg, "page larger than %zu MiB", SN_EXTRACT_MAX_INPUT >> 20);
        return SN_ERR_TOOBIG;
    }
    htmlDocPtr doc = parse(html, n, url, charset);
    if (!doc || !xmlDocGetRootElement(doc)) {
        if (doc)
            xmlFreeDoc(doc);
        err->rc = SN_ERR_INVALID;
        snprintf(err->msg, sizeof err->msg, "not HTML: nothing the HTML parser could read");
        return SN_ERR_INVALID;
    }
    sn_extracted *x = calloc(1, sizeof *x);
    if (!x) {
        xmlFreeDoc(doc);
        return SN_ERR_NOMEM;
    }
    sn_page_meta m;
    sn_meta_read(doc, url, &m);
    scan s = {NULL, NULL, NULL, NULL, SN_TIME_NONE, SN_TIME_NONE, NULL, NULL, 0};
    scan_walk(xmlDocGetRootElement(doc), &s, 0, 0);
    xmlNode *body = named_body(&s);
    fill_meta(x, &m, &s, url);

    cleaner c = {body, {0}, 0};
    sn_buf_init(&c.captions, 1 << 20);
    clean(xmlDocGetRootElement(doc), &c, 0);
    if (!body)
        body = scored_body(doc);
    emitter e;
    memset(&e, 0, sizeof e);
    sn_buf_init(&e.cur, 1 << 20);
    sn_buf_init(&e.text, SN_EXTRACT_MAX_TEXT + (1 << 20));
    e.title = x->title;
    e.byline = x->byline;
    if (body) {
        emit(&e, body->children, 0, 0);
        flush(&e);
        x->text = join(&e, &x->paragraphs, &x->text_len);
    }
    x->dropped = c.dropped + e.dropped;
    if (!x->byline && e.found_byline) {
        x->byline = e.found_byline;
        e.found_byline = NULL;
    }
    free(e.found_byline);
    if (c.captions.len)
        x->captions = sn_strndup_trim(c.captions.p, c.captions.len, 1 << 20);
    text_from_date_line(x);
    sn_buf_free(&c.captions);
    sn_buf_free(&e.cur);
    sn_buf_free(&e.text);
    free(e.paras);
    free(s.byline_el);
    free(s.by_line);
    free(s.h1);
    free(s.date_line);
    sn_meta_free(&m);
    xmlFreeDoc(doc);
    *out = x;
    return SN_OK;
}

void sn_extracted_free(sn_extracted *x)
{
    if (!x)
        return;
    free(x->title);
    free(x->byline);
    free(x->site_name);
    free(x->lang);
    free(x->description);
    free(x->canonical_url);
    free(x->amp_url);
    free(x->text);
    free(x->captions);
    free(x);
}
