/*
 * lib/ingest/xml.h — what the XML readers of lib/ingest share (feeds and
 * OPML): a safe libxml2 read (no network, no DTD loading, no entity
 * expansion, documents declaring entities refused, the charset rules of
 * sn_feed_parse), element tests by namespace, and capped string copies.
 */
#ifndef SN_INGEST_XML_H
#define SN_INGEST_XML_H

#include <stddef.h>
#include <libxml/tree.h>
#include "sentinel/result.h"

#define SN_NS_ATOM "http://www.w3.org/2005/Atom"
#define SN_NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define SN_NS_RSS1 "http://purl.org/rss/1.0/"
#define SN_NS_DC "http://purl.org/dc/elements/1.1/"
#define SN_NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define SN_NS_MEDIA "http://search.yahoo.com/mrss/"

/* Parse buf as XML under the rules above. On SN_OK *doc is set (free with
 * xmlFreeDoc) and warning (cap wcap) is non-empty when the document was
 * malformed and only recovery could read it. */
sn_rc sn_xml_read(const char *buf, size_t n, const char *url, const char *charset, xmlDoc **doc,
                  char *warning, size_t wcap, sn_error *err);
/* Silence libxml2's generic error messages on this thread (1), or restore
 * the handler that was there (0). The library writes nothing itself. */
void sn_xml_quiet(int on);
/* n is an element named name in namespace ns (NULL: no namespace). */
int sn_xml_is(const xmlNode *n, const char *ns, const char *name);
/* The trimmed text content of n, malloc'd and capped at SN_FEED_MAX_FIELD
 * (cut at a UTF-8 boundary); NULL when empty. */
char *sn_xml_text(xmlNode *n);
/* Attribute name (no namespace) trimmed and malloc'd, or NULL. */
char *sn_xml_attr(xmlNode *n, const char *name);
/* Is s[0..n) valid UTF-8? */
int sn_valid_utf8(const unsigned char *s, size_t n);
/* A malloc'd copy of s[0..n) trimmed of blanks and capped; NULL if empty. */
char *sn_strndup_trim(const char *s, size_t n, size_t cap);

#endif
