/*
 * sentinel/extract.h — the article inside a news web page: its main text
 * without the site's furniture, and the page's title, byline, publication
 * date, canonical URL, language and site name. The page is read with
 * libxml2's HTML parser; the rules are in lib/ingest/extract.c and
 * docs/ingest.md.
 *
 * The publication date is taken from, in order: <meta property=
 * "article:published_time">, a JSON-LD NewsArticle (or Article,
 * BlogPosting, ReportageNewsArticle) datePublished, a <time datetime>
 * outside comment and related-link regions, other OpenGraph and date meta
 * tags, then the text of date and byline elements, then a /YYYY/MM/DD/
 * path in the URL. published_from names the source that gave it.
 *
 * Dropped: navigation, share and follow buttons, comment sections, reuse
 * and reprint lines (a "click here for reuse options" link), copyright lines,
 * author biographies, related-link lists, newsletter and cookie boxes.
 * Photo captions are kept apart in captions, one per line, never in text.
 *
 * Ownership: an sn_extracted from sn_extract_html() owns all its strings;
 * free it with sn_extracted_free(). Strings are NUL-terminated UTF-8 and
 * NULL when absent; published_from is static.
 */
#ifndef SENTINEL_EXTRACT_H
#define SENTINEL_EXTRACT_H

#include <stddef.h>
#include <stdint.h>
#include "sentinel/result.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SN_EXTRACT_MAX_TEXT ((size_t)4 << 20)   /* cap on the article text */
#define SN_EXTRACT_MAX_INPUT ((size_t)64 << 20) /* larger pages are refused */

typedef struct sn_extracted {
    char *title, *byline, *site_name, *lang, *description;
    char *canonical_url; /* rel=canonical, else og:url, else the page URL; absolute, not normalised */
    char *amp_url;       /* rel=amphtml, when the page names one */
    char *text;          /* paragraphs separated by "\n\n"; NULL when the page has no article */
    size_t text_len;
    char *captions;      /* photo captions, one per line */
    int64_t published;   /* Unix seconds UTC; SN_TIME_NONE (sentinel/feed.h) when unknown */
    const char *published_from; /* "article:published_time", "json-ld", "time", "meta", "text", "url" */
    unsigned paragraphs; /* blocks kept */
    unsigned dropped;    /* blocks and regions dropped as furniture */
} sn_extracted;

/* Extract the article of an HTML page. url (may be NULL) resolves relative
 * links; charset (may be NULL) is the HTTP charset, used when the page
 * declares none. SN_OK with out->text NULL means the page was read but has
 * no article (an index page, an error page). SN_ERR_EMPTY for an empty
 * input, SN_ERR_TOOBIG past SN_EXTRACT_MAX_INPUT. */
sn_rc sn_extract_html(const char *html, size_t n, const char *url, const char *charset,
                      sn_extracted **out, sn_error *err);
void sn_extracted_free(sn_extracted *x);

#ifdef __cplusplus
}
#endif
#endif
