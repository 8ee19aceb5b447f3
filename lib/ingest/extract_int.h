/*
 * lib/ingest/extract_int.h — what the two halves of HTML extraction share:
 * the page metadata reader (extract_meta.c: meta tags, JSON-LD, dates,
 * bylines) and the main-text extractor (extract.c).
 */
#ifndef SN_INGEST_EXTRACT_INT_H
#define SN_INGEST_EXTRACT_INT_H

#include <stdint.h>
#include <libxml/HTMLtree.h>
#include "sentinel/extract.h"
#include "util/buf.h"

/* Metadata candidates, each set once (first wins within a source). */
typedef struct sn_page_meta {
    char *og_title, *ld_headline, *title_tag, *og_site, *ld_publisher, *app_name;
    char *meta_author, *ld_author, *canonical, *og_url, *amp, *html_lang, *og_locale, *ld_lang, *http_lang;
    char *description;
    int64_t t_article, t_ld, t_meta;  /* article:published_time, JSON-LD, other meta */
} sn_page_meta;

/* Read the metadata of the whole document (before anything is removed). */
void sn_meta_read(htmlDocPtr doc, const char *url, sn_page_meta *m);
void sn_meta_free(sn_page_meta *m);

/* A date in a short free text ("Posted on March 16, 2015 by", "16.03.2015"
 * is not read): 0 and the time when one is found. */
int sn_find_date(const char *s, size_t n, int64_t *out);
/* A /YYYY/MM/DD/ (or /YYYY-MM-DD/, /YYYYMMDD/) date in a URL path. */
int sn_url_date(const char *url, int64_t *out);

/* Lower-cased class and id of n joined by a space into buf. */
void sn_class_id(xmlNode *n, char *buf, size_t cap);
/* Whitespace-collapsed text of n's subtree (malloc'd, capped), or NULL. */
char *sn_node_text(xmlNode *n, size_t cap);
/* "By Jane Doe, Reporter" → "Jane Doe"; a malloc'd copy or NULL. */
char *sn_clean_byline(const char *s);
/* An absolute URL for href against the page URL; malloc'd. */
char *sn_abs_url(htmlDocPtr doc, const char *href);

#endif
