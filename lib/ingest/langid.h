/*
 * lib/ingest/langid.h — language identification of article text, a thin C
 * view of CLD2 (lib/ingest/langid.cc, the project's only C++).
 */
#ifndef SN_INGEST_LANGID_H
#define SN_INGEST_LANGID_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sn_langid {
    char code[16];   /* ISO 639-1 where there is one ("en", "ru", "uk"), CLD2's code otherwise; "un" unknown */
    int percent;     /* share of the text in that language, 0-100 */
    int reliable;    /* CLD2 thinks the answer is reliable */
} sn_langid;

/* Identify the language of UTF-8 text (the input must be valid UTF-8; at
 * most the first 64 KiB are looked at). hint (may be NULL) is the page's
 * declared language, which CLD2 uses only to break near ties. */
void sn_langid_detect(const char *text, size_t n, const char *hint, sn_langid *out);

#ifdef __cplusplus
}
#endif
#endif
