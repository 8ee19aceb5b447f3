/*
 * sentinel/feed.h — news feeds as Sentinel reads them: RSS 2.0, RSS 1.0
 * (RDF) and Atom 1.0 documents parsed with libxml2 into a list of items,
 * the dates those feeds carry (RFC 822, RFC 3339 and their common broken
 * variants), and OPML subscription lists (read and write, with categories).
 *
 * Parsing never touches the network (XML_PARSE_NONET, no DTD loading),
 * never expands entities, and refuses documents that declare entities (the
 * "billion laughs" entity bomb and its relatives) with SN_ERR_INVALID.
 * Every string is capped (SN_FEED_MAX_FIELD bytes, cut at a UTF-8
 * boundary) and so is the number of items (SN_FEED_MAX_ITEMS).
 *
 * Ownership: an sn_feed from sn_feed_parse() owns all its strings and
 * items; free it with sn_feed_free(). An sn_opml owns its entries; free it
 * with sn_opml_free(). Strings are NUL-terminated UTF-8, NULL when absent.
 */
#ifndef SENTINEL_FEED_H
#define SENTINEL_FEED_H

#include <stddef.h>
#include <stdint.h>
#include "sentinel/result.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SN_FEED_MAX_ITEMS 10000
#define SN_FEED_MAX_FIELD ((size_t)1 << 20)
#define SN_TIME_NONE INT64_MIN

typedef enum sn_feed_kind {
    SN_FEED_UNKNOWN = 0,
    SN_FEED_RSS2,   /* RSS 0.9x / 2.0: <rss><channel><item> */
    SN_FEED_RDF,    /* RSS 1.0: <rdf:RDF><item> in the RSS 1.0 namespace */
    SN_FEED_ATOM    /* Atom 1.0: <feed><entry> */
} sn_feed_kind;

typedef struct sn_feed_item {
    char *id;          /* guid, atom:id or rdf:about; else the link */
    char *title;
    char *link;        /* absolute: resolved against xml:base and the feed URL */
    char *summary;     /* description / atom:summary / media:description */
    char *content;     /* content:encoded / atom:content (HTML or text) */
    char *author;      /* author, dc:creator or atom:author/name */
    char *category;    /* the first category, or dc:subject */
    char *media_url;   /* media:content, media:thumbnail, else an image enclosure */
    char *media_type;
    char *enclosure_url, *enclosure_type;
    int64_t enclosure_length;  /* -1 when absent */
    int64_t published;         /* Unix seconds UTC; SN_TIME_NONE when absent or unreadable */
    int64_t updated;           /* atom:updated; SN_TIME_NONE when absent */
} sn_feed_item;

typedef struct sn_feed {
    sn_feed_kind kind;
    char *title, *link, *lang;
    sn_feed_item *items;
    size_t n_items;
    unsigned bad_dates;      /* items whose date could not be read */
    unsigned dropped_items;  /* items past SN_FEED_MAX_ITEMS */
    char warning[200];       /* non-empty when malformed XML was recovered */
} sn_feed;

/* Parse a feed document. url (may be NULL) is the base for relative links;
 * charset (may be NULL) is the HTTP Content-Type charset, used only when the
 * document declares none (no BOM, no encoding in the XML declaration). A
 * document that is not UTF-8 and declares nothing is read as windows-1252.
 * Malformed XML that libxml2's recovery mode can still read is returned
 * with feed->warning set; otherwise SN_ERR_INVALID with err->line/col.
 * A well-formed document that is not a feed is SN_ERR_UNSUPPORTED. */
sn_rc sn_feed_parse(const char *buf, size_t n, const char *url, const char *charset,
                    sn_feed **out, sn_error *err);
void sn_feed_free(sn_feed *f);
const char *sn_feed_kind_name(sn_feed_kind k);

/* Parse a date as feeds write it: RFC 822 / RFC 1123 ("Mon, 16 Mar 2015
 * 10:30:00 +0300", zone names GMT, UT, Z, US zones, military letters, and
 * a few common abbreviations such as CET, MSK, EET), RFC 3339 / ISO 8601
 * ("2015-03-16T10:30:00.5+03:00") and the broken variants real feeds carry:
 * no weekday or a wrong one, full month and day names, two-digit years,
 * no seconds, no zone (taken as UTC), "+03:00" in RFC 822, a space instead
 * of "T", a bare date. Leading and trailing blanks are ignored. Returns 0
 * and Unix seconds UTC in *out, or -1 when s is not a date. */
int sn_time_parse(const char *s, size_t n, int64_t *out);
/* Format t as RFC 3339 UTC, "2015-03-16T07:30:00Z"; buf holds >= 32 bytes. */
void sn_time_format(int64_t t, char *buf);

/* OPML: one feed subscription. category is the outline's category
 * attribute, else the title of the folder outline it sits in. */
typedef struct sn_opml_entry {
    char *url, *title, *category, *html_url, *lang;
    unsigned line;   /* where it was in the file, for messages */
} sn_opml_entry;

typedef struct sn_opml_problem {
    unsigned line;
    char msg[160];
} sn_opml_problem;

typedef struct sn_opml {
    char *title;
    sn_opml_entry *entries;
    size_t n_entries;
    sn_opml_problem *problems;   /* outlines that were skipped, and why */
    size_t n_problems;
} sn_opml;

#define SN_OPML_MAX_ENTRIES 100000

/* Read an OPML document. Outlines with a missing or malformed xmlUrl are
 * skipped and listed in problems; the others are still read. A document
 * that is not OPML or not well-formed is an error (err->line). */
sn_rc sn_opml_parse(const char *buf, size_t n, sn_opml **out, sn_error *err);
void sn_opml_free(sn_opml *o);
/* Write entries as OPML 2.0, grouped in one folder outline per category, in
 * the order categories first appear. write() returns 0 on success. */
typedef int (*sn_opml_write_fn)(void *ctx, const char *p, size_t n);
sn_rc sn_opml_write(const char *title, const sn_opml_entry *e, size_t n, sn_opml_write_fn write,
                    void *ctx);

/* Is url an absolute http(s) URL with a host name (no spaces, no control
 * characters, a port 1-65535 if any)? 1 yes, 0 no. */
int sn_url_is_http(const char *url);

#ifdef __cplusplus
}
#endif
#endif
