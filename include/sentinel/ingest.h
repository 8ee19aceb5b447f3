/*
 * sentinel/ingest.h — turning documents into article records: an ingestor
 * takes HTML pages, plain texts and JSON Lines article records, extracts
 * the article (sentinel/extract.h), identifies its language, finds
 * duplicates (sentinel/dedup.h) and writes one JSON Lines article record
 * per document (docs/formats.md, "ingested article"); and a WARC reader
 * (WARC 1.0/1.1, plain or gzip, one gzip member per record or one for the
 * whole file) that yields the HTML responses and text conversions of an
 * archive such as a Common Crawl news WARC.
 *
 * Ownership: an sn_ingestor is created with sn_ingestor_new() and freed
 * with sn_ingestor_free(); the strings passed to it are copied or used only
 * during the call. An sn_warc is opened with sn_warc_open() and closed with
 * sn_warc_close(); the record it returns points into the reader and is
 * valid until the next sn_warc_next() or sn_warc_close().
 */
#ifndef SENTINEL_INGEST_H
#define SENTINEL_INGEST_H

#include <stddef.h>
#include <stdint.h>
#include "sentinel/result.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SN_WARC_MAX_RECORD ((size_t)64 << 20) /* larger records are skipped */

typedef struct sn_ingest_stats {
    unsigned long documents;   /* documents given to the ingestor */
    unsigned long articles;    /* article records written, duplicates included */
    unsigned long duplicates;  /* of which marked duplicate_of */
    unsigned long non_english; /* of which in another language */
    unsigned long no_article;  /* pages with no article text */
    unsigned long errors;      /* documents that could not be read */
    uint64_t bytes;            /* document bytes seen */
} sn_ingest_stats;

typedef struct sn_ingest_opts {
    int dedup;                 /* find duplicates (default on: 1) */
    int detect_lang;           /* run language identification (1) */
    size_t max_articles;       /* cap of the duplicate index (0: 1,000,000) */
} sn_ingest_opts;

typedef struct sn_ingestor sn_ingestor;
typedef int (*sn_ingest_write_fn)(void *ctx, const char *p, size_t n);

sn_ingestor *sn_ingestor_new(const sn_ingest_opts *o);
void sn_ingestor_free(sn_ingestor *g);
const sn_ingest_stats *sn_ingestor_stats(const sn_ingestor *g);

/* Each call writes at most one record (one line) through write. origin
 * names where the document came from ("file.warc.gz#12"), url is where it
 * was published (may be NULL), charset is the HTTP charset (may be NULL),
 * published (Unix seconds, or SN_TIME_NONE) is used when the page names no
 * date of its own (a feed item's date).
 * SN_ERR_NOTFOUND: an HTML page with no article (nothing written).
 * SN_ERR_IO: write failed. Other errors leave err->msg set. */
sn_rc sn_ingest_html(sn_ingestor *g, const char *html, size_t n, const char *url, const char *charset,
                     int64_t published, const char *origin, sn_ingest_write_fn write, void *ctx, sn_error *err);
/* A plain text article; published (Unix seconds, or SN_TIME_NONE) may be known. */
sn_rc sn_ingest_text(sn_ingestor *g, const char *text, size_t n, const char *url, int64_t published,
                     const char *origin, sn_ingest_write_fn write, void *ctx, sn_error *err);
/* One JSON Lines article record (sentinel/article.h); err->col on a syntax error. */
sn_rc sn_ingest_jsonl(sn_ingestor *g, const char *line, size_t n, const char *origin, sn_ingest_write_fn write,
                      void *ctx, sn_error *err);

/* WARC */
typedef struct sn_warc sn_warc;

typedef enum sn_warc_kind {
    SN_WARC_HTML = 1,   /* an HTTP 200 response (or resource) with an HTML body */
    SN_WARC_TEXT        /* a text/plain conversion record (WET) or resource */
} sn_warc_kind;

typedef struct sn_warc_record {
    sn_warc_kind kind;
    const char *uri;       /* WARC-Target-URI */
    int64_t date;          /* WARC-Date, Unix seconds, or SN_TIME_NONE */
    const char *charset;   /* from the HTTP Content-Type, or NULL */
    const char *body;      /* the payload: HTTP headers and chunking removed, gzip undone */
    size_t body_len;
    unsigned long index;   /* 1-based position of the record in the file */
} sn_warc_record;

/* Open path ("-" for stdin). */
sn_rc sn_warc_open(const char *path, sn_warc **out, sn_error *err);
/* The next HTML or text record: SN_OK and *rec; SN_ERR_EMPTY at the end;
 * SN_ERR_INVALID when the file is damaged (err->msg names the record; the
 * reader cannot go on). Records of other kinds (requests, metadata,
 * non-HTML responses, errors, redirects) and records over
 * SN_WARC_MAX_RECORD are skipped and counted. */
sn_rc sn_warc_next(sn_warc *w, sn_warc_record *rec, sn_error *err);
/* Compressed (file) bytes read so far, for progress. */
uint64_t sn_warc_offset(const sn_warc *w);
unsigned long sn_warc_skipped(const sn_warc *w);
void sn_warc_close(sn_warc *w);

/* A copy of s[0..n) with invalid UTF-8 replaced by U+FFFD; *bad counts the
 * bytes replaced. Returns NULL on OOM; free() it. */
char *sn_utf8_repair(const char *s, size_t n, size_t *out_len, unsigned *bad);

#ifdef __cplusplus
}
#endif
#endif
