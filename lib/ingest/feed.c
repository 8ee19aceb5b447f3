/*
 * lib/ingest/feed.c — RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 feeds read with
 * libxml2 into sn_feed items (sentinel/feed.h).
 *
 * Elements are matched by namespace URI, never by prefix, so "dc:date"
 * written as "<d:date xmlns:d=...>" is still read. Per item:
 *
 *   field      RSS 2.0 / 0.9x           RSS 1.0          Atom 1.0
 *   id         guid                     rdf:about        id
 *   title      title, media:title       title            title
 *   link       link, guid permalink     link             link rel=alternate (or none)
 *   summary    description, media:description           summary
 *   content    content:encoded          content:encoded  content (xhtml serialised)
 *   author     author, dc:creator       dc:creator       author/name
 *   published  pubDate, dc:date         dc:date          published, else updated
 *   category   category, dc:subject     dc:subject       category term
 *   media      media:content, media:thumbnail, media:group, image enclosures
 *   enclosure  enclosure url/type/length                 link rel=enclosure
 *
 * The first value found wins. Links are resolved against xml:base (at any
 * level) and the feed's own URL. Dates go through sn_time_parse; an item
 * with an unreadable date keeps SN_TIME_NONE and is counted in bad_dates.
 */
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include "ingest/xml.h"
#include "sentinel/feed.h"

const char *sn_feed_kind_name(sn_feed_kind k)
{
    switch (k) {
    case SN_FEED_RSS2: return "rss";
    case SN_FEED_RDF: return "rdf";
    case SN_FEED_ATOM: return "atom";
    default: return "unknown";
    }
}

static void set(char **field, char *value)
{
    if (!*field)
        *field = value;
    else
        free(value);
}

/* href resolved against n's base (xml:base chain, then the document URL). */
static char *resolve(xmlDoc *doc, xmlNode *n, char *href)
{
    if (!href)
        return NULL;
    xmlChar *base = xmlNodeGetBase(doc, n);
    xmlChar *abs = base ? xmlBuildURI((const xmlChar *)href, base) : NULL;
    xmlFree(base);
    if (!abs)
        return href;
    free(href);
    char *s = sn_strndup_trim((const char *)abs, strlen((const char *)abs), SN_FEED_MAX_FIELD);
    xmlFree(abs);
    return s;
}

static void set_time(int64_t *t, char *text, unsigned *bad)
{
    if (text && *t == SN_TIME_NONE) {
        int64_t v;
        if (!sn_time_parse(text, strlen(text), &v))
            *t = v;
        else
            (*bad)++;
    }
    free(text);
}

static int64_t number(const char *s)
{
    if (!s)
        return -1;
    char *end;
    long long v = strtoll(s, &end, 10);
    return end != s && v >= 0 ? v : -1;
}

static int is_image(const char *type)
{
    return type && !strncmp(type, "image/", 6);
}

static void media(xmlDoc *doc, xmlNode *n, sn_feed_item *it)
{
    if (sn_xml_is(n, SN_NS_MEDIA, "group")) {
        for (xmlNode *c = n->children; c; c = c->next)
            media(doc, c, it);
    } else if (sn_xml_is(n, SN_NS_MEDIA, "content") || sn_xml_is(n, SN_NS_MEDIA, "thumbnail")) {
        if (!it->media_url) {
            it->media_url = resolve(doc, n, sn_xml_attr(n, "url"));
            it->media_type = sn_xml_attr(n, "type");
            if (!it->media_type) {
                char *medium = sn_xml_attr(n, "medium");
                if (medium && !strcmp(medium, "image"))
                    it->media_type = strdup("image");
                free(medium);
            }
        }
        for (xmlNode *c = n->children; c; c = c->next)
            media(doc, c, it);
    } else if (sn_xml_is(n, SN_NS_MEDIA, "description")) {
        set(&it->summary, sn_xml_text(n));
    } else if (sn_xml_is(n, SN_NS_MEDIA, "title")) {
        set(&it->title, sn_xml_text(n));
    }
}

static void enclosure(xmlDoc *doc, xmlNode *n, const char *url_attr, sn_feed_item *it)
{
    if (it->enclosure_url)
        return;
    it->enclosure_url = resolve(doc, n, sn_xml_attr(n, url_attr));
    it->enclosure_type = sn_xml_attr(n, "type");
    char *len = sn_xml_attr(n, "length");
    it->enclosure_length = number(len);
    free(len);
    if (!it->media_url && it->enclosure_url && is_image(it->enclosure_type)) {
        it->media_url = strdup(it->enclosure_url);
        it->media_type = strdup(it->enclosure_type);
    }
}

/* The elements RSS 2.0 and RSS 1.0 share through modules. */
static int module_element(xmlDoc *doc, xmlNode *c, sn_feed_item *it, unsigned *bad)
{
    if (sn_xml_is(c, SN_NS_CONTENT, "encoded"))
        set(&it->content, sn_xml_text(c));
    else if (sn_xml_is(c, SN_NS_DC, "date"))
        set_time(&it->published, sn_xml_text(c), bad);
    else if (sn_xml_is(c, SN_NS_DC, "creator"))
        set(&it->author, sn_xml_text(c));
    else if (sn_xml_is(c, SN_NS_DC, "subject"))
        set(&it->category, sn_xml_text(c));
    else if (sn_xml_is(c, SN_NS_DC, "identifier"))
        set(&it->id, sn_xml_text(c));
    else if (c->ns && c->ns->href && !strcmp((const char *)c->ns->href, SN_NS_MEDIA))
        media(doc, c, it);
    else
        return 0;
    return 1;
}

static void rss2_item(xmlDoc *doc, xmlNode *n, sn_feed_item *it, unsigned *bad)
{
    char *permalink = NULL;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || module_element(doc, c, it, bad))
            continue;
        if (sn_xml_is(c, NULL, "title"))
            set(&it->title, sn_xml_text(c));
        else if (sn_xml_is(c, NULL, "link"))
            set(&it->link, resolve(doc, c, sn_xml_text(c)));
        else if (sn_xml_is(c, NULL, "description"))
            set(&it->summary, sn_xml_text(c));
        else if (sn_xml_is(c, NULL, "pubDate"))
            set_time(&it->published, sn_xml_text(c), bad);
        else if (sn_xml_is(c, NULL, "author"))
            set(&it->author, sn_xml_text(c));
        else if (sn_xml_is(c, NULL, "category"))
            set(&it->category, sn_xml_text(c));
        else if (sn_xml_is(c, NULL, "enclosure"))
            enclosure(doc, c, "url", it);
        else if (sn_xml_is(c, NULL, "guid")) {
            char *g = sn_xml_text(c), *pl = sn_xml_attr(c, "isPermaLink");
            if (g && (!pl || strcmp(pl, "false")) && !permalink)
                permalink = resolve(doc, c, strdup(g));
            free(pl);
            set(&it->id, g);
        }
    }
    set(&it->link, permalink);
}

static void rdf_item(xmlDoc *doc, xmlNode *n, sn_feed_item *it, unsigned *bad)
{
    xmlChar *about = xmlGetNsProp(n, (const xmlChar *)"about", (const xmlChar *)SN_NS_RDF);
    if (about) {
        set(&it->id, sn_strndup_trim((const char *)about, strlen((const char *)about), SN_FEED_MAX_FIELD));
        xmlFree(about);
    }
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || module_element(doc, c, it, bad))
            continue;
        if (sn_xml_is(c, SN_NS_RSS1, "title"))
            set(&it->title, sn_xml_text(c));
        else if (sn_xml_is(c, SN_NS_RSS1, "link"))
            set(&it->link, resolve(doc, c, sn_xml_text(c)));
        else if (sn_xml_is(c, SN_NS_RSS1, "description"))
            set(&it->summary, sn_xml_text(c));
    }
}

/* Atom content or summary: type="xhtml" keeps its markup. */
static char *atom_text(xmlDoc *doc, xmlNode *n)
{
    char *type = sn_xml_attr(n, "type");
    int xhtml = type && !strcmp(type, "xhtml");
    free(type);
    if (!xhtml)
        return sn_xml_text(n);
    xmlBuffer *b = xmlBufferCreate();
    if (!b)
        return NULL;
    for (xmlNode *c = n->children; c; c = c->next)
        xmlNodeDump(b, doc, c, 0, 0);
    char *s = sn_strndup_trim((const char *)xmlBufferContent(b), (size_t)xmlBufferLength(b), SN_FEED_MAX_FIELD);
    xmlBufferFree(b);
    return s;
}

static void atom_link(xmlDoc *doc, xmlNode *c, sn_feed_item *it)
{
    char *rel = sn_xml_attr(c, "rel");
    if (!rel || !strcmp(rel, "alternate"))
        set(&it->link, resolve(doc, c, sn_xml_attr(c, "href")));
    else if (!strcmp(rel, "enclosure"))
        enclosure(doc, c, "href", it);
    free(rel);
}

static void atom_entry(xmlDoc *doc, xmlNode *n, sn_feed_item *it, unsigned *bad)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (sn_xml_is(c, SN_NS_ATOM, "title"))
            set(&it->title, sn_xml_text(c));
        else if (sn_xml_is(c, SN_NS_ATOM, "id"))
            set(&it->id, sn_xml_text(c));
        else if (sn_xml_is(c, SN_NS_ATOM, "link"))
            atom_link(doc, c, it);
        else if (sn_xml_is(c, SN_NS_ATOM, "summary"))
            set(&it->summary, atom_text(doc, c));
        else if (sn_xml_is(c, SN_NS_ATOM, "content"))
            set(&it->content, atom_text(doc, c));
        else if (sn_xml_is(c, SN_NS_ATOM, "published"))
            set_time(&it->published, sn_xml_text(c), bad);
        else if (sn_xml_is(c, SN_NS_ATOM, "updated"))
            set_time(&it->updated, sn_xml_text(c), bad);
        else if (sn_xml_is(c, SN_NS_ATOM, "category"))
            set(&it->category, sn_xml_attr(c, "term"));
        else if (sn_xml_is(c, SN_NS_ATOM, "author")) {
            for (xmlNode *a = c->children; a; a = a->next)
                if (sn_xml_is(a, SN_NS_ATOM, "name"))
                    set(&it->author, sn_xml_text(a));
        } else {
            module_element(doc, c, it, bad);
        }
    }
    if (it->published == SN_TIME_NONE)
        it->published = it->updated;
}

/* The item array's capacity is 16, then each power of two: it grows exactly
 * when n_items reaches one, so no separate count is kept. */
static sn_rc add_item(sn_feed *f, sn_feed_item **out)
{
    size_t n = f->n_items;
    if (n >= SN_FEED_MAX_ITEMS) {
        f->dropped_items++;
        *out = NULL;
        return SN_OK;
    }
    if (n == 0 || (n >= 16 && (n & (n - 1)) == 0)) {
        size_t a = n ? n * 2 : 16;
        sn_feed_item *p = realloc(f->items, a * sizeof *p);
        if (!p)
            return SN_ERR_NOMEM;
        f->items = p;
    }
    sn_feed_item *it = &f->items[f->n_items++];
    memset(it, 0, sizeof *it);
    it->published = it->updated = SN_TIME_NONE;
    it->enclosure_length = -1;
    *out = it;
    return SN_OK;
}

static void finish_item(sn_feed_item *it)
{
    if (!it->id && it->link)
        it->id = strdup(it->link);
}

/* Channel-level fields for RSS 2.0 and RDF. */
static void channel(xmlDoc *doc, xmlNode *ch, const char *ns, sn_feed *f)
{
    for (xmlNode *c = ch->children; c; c = c->next) {
        if (sn_xml_is(c, ns, "title"))
            set(&f->title, sn_xml_text(c));
        else if (sn_xml_is(c, ns, "link"))
            set(&f->link, resolve(doc, c, sn_xml_text(c)));
        else if (sn_xml_is(c, NULL, "language") || sn_xml_is(c, SN_NS_DC, "language"))
            set(&f->lang, sn_xml_text(c));
    }
}

static sn_rc walk_items(xmlDoc *doc, xmlNode *parent, const char *ns, const char *name, sn_feed *f,
                        void (*fill)(xmlDoc *, xmlNode *, sn_feed_item *, unsigned *))
{
    for (xmlNode *c = parent->children; c; c = c->next) {
        if (!sn_xml_is(c, ns, name))
            continue;
        sn_feed_item *it;
        if (add_item(f, &it))
            return SN_ERR_NOMEM;
        if (!it)
            continue;
        fill(doc, c, it, &f->bad_dates);
        finish_item(it);
    }
    return SN_OK;
}

static sn_rc read_rss2(xmlDoc *doc, xmlNode *root, sn_feed *f)
{
    for (xmlNode *c = root->children; c; c = c->next) {
        if (!sn_xml_is(c, NULL, "channel"))
            continue;
        channel(doc, c, NULL, f);
        sn_rc rc = walk_items(doc, c, NULL, "item", f, rss2_item);
        if (rc)
            return rc;
        /* RSS 0.91 variants put items next to the channel. */
        return walk_items(doc, root, NULL, "item", f, rss2_item);
    }
    return SN_ERR_UNSUPPORTED;
}

static sn_rc read_rdf(xmlDoc *doc, xmlNode *root, sn_feed *f)
{
    for (xmlNode *c = root->children; c; c = c->next)
        if (sn_xml_is(c, SN_NS_RSS1, "channel"))
            channel(doc, c, SN_NS_RSS1, f);
    return walk_items(doc, root, SN_NS_RSS1, "item", f, rdf_item);
}

static sn_rc read_atom(xmlDoc *doc, xmlNode *root, sn_feed *f)
{
    xmlChar *lang = xmlNodeGetLang(root);
    if (lang) {
        f->lang = strdup((const char *)lang);
        xmlFree(lang);
    }
    for (xmlNode *c = root->children; c; c = c->next) {
        if (sn_xml_is(c, SN_NS_ATOM, "title")) {
            set(&f->title, sn_xml_text(c));
        } else if (sn_xml_is(c, SN_NS_ATOM, "link")) {
            char *rel = sn_xml_attr(c, "rel");
            if (!rel || !strcmp(rel, "alternate"))
                set(&f->link, resolve(doc, c, sn_xml_attr(c, "href")));
            free(rel);
        }
    }
    return walk_items(doc, root, SN_NS_ATOM, "entry", f, atom_entry);
}

sn_rc sn_feed_parse(const char *buf, size_t n, const char *url, const char *charset, sn_feed **out,
                    sn_error *err)
{
    *out = NULL;
    sn_feed *f = calloc(1, sizeof *f);
    if (!f)
        return SN_ERR_NOMEM;
    xmlDoc *doc;
    sn_rc rc = sn_xml_read(buf, n, url, charset, &doc, f->warning, sizeof f->warning, err);
    if (rc) {
        free(f);
        return rc;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    if (sn_xml_is(root, NULL, "rss") || sn_xml_is(root, NULL, "channel")) {
        f->kind = SN_FEED_RSS2;
        rc = sn_xml_is(root, NULL, "rss") ? read_rss2(doc, root, f) : SN_OK;
        if (sn_xml_is(root, NULL, "channel")) {
            channel(doc, root, NULL, f);
            rc = walk_items(doc, root, NULL, "item", f, rss2_item);
        }
    } else if (sn_xml_is(root, SN_NS_RDF, "RDF")) {
        f->kind = SN_FEED_RDF;
        rc = read_rdf(doc, root, f);
    } else if (sn_xml_is(root, SN_NS_ATOM, "feed")) {
        f->kind = SN_FEED_ATOM;
        rc = read_atom(doc, root, f);
    } else {
        rc = SN_ERR_UNSUPPORTED;
    }
    if (rc == SN_ERR_UNSUPPORTED) {
        err->rc = rc;
        snprintf(err->msg, sizeof err->msg, "not a feed: root element <%s> is not rss, rdf:RDF or atom:feed",
                 (const char *)root->name);
    }
    xmlFreeDoc(doc);
    if (rc) {
        sn_feed_free(f);
        return rc;
    }
    *out = f;
    return SN_OK;
}

void sn_feed_free(sn_feed *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_items; i++) {
        sn_feed_item *it = &f->items[i];
        free(it->id);
        free(it->title);
        free(it->link);
        free(it->summary);
        free(it->content);
        free(it->author);
        free(it->category);
        free(it->media_url);
        free(it->media_type);
        free(it->enclosure_url);
        free(it->enclosure_type);
    }
    free(f->items);
    free(f->title);
    free(f->link);
    free(f->lang);
    free(f);
}
