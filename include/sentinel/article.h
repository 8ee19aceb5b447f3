/*
 * sentinel/article.h — one news article as Sentinel reads it: the JSON
 * Lines record {"id","url","title","text","published","source","lang"}.
 *
 * Ownership: every string of an sn_article is owned by it (NUL-terminated,
 * NULL when absent) and freed by sn_article_clear(). Parse into a zeroed or
 * cleared article.
 */
#ifndef SENTINEL_ARTICLE_H
#define SENTINEL_ARTICLE_H

#include <stddef.h>
#include "sentinel/result.h"
#include "sentinel/text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sn_article {
    char *id, *url, *title, *text, *source, *lang;
    size_t text_len;
    sn_date published;   /* year 0 when absent */
    char *duplicate_of;  /* "duplicate_of": a copy of that article; NULL when absent */
    int english;         /* "english": 1 true, 0 false, -1 absent */
} sn_article;

/* Parse one JSON Lines record. On error, err->col is the 1-based byte
 * column where parsing stopped and err->msg says what is wrong; the caller
 * sets err->line. */
sn_rc sn_article_parse_json(const char *line, size_t n, sn_article *out, sn_error *err);
void sn_article_clear(sn_article *a);

#ifdef __cplusplus
}
#endif
#endif
