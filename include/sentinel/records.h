/*
 * sentinel/records.h — readers for the field's record formats (issue #5):
 * TABARI text records ("YYMMDD ID" line, text, blank line; validation
 * codings in a comment after the text) and PETRARCH XML (<Sentence date id
 * source><EventCoding .../><Text>...</Text>), parse trees ignored.
 *
 * Ownership: a record passed to the callback, and everything it points to,
 * is borrowed and lives only for the call.
 */
#ifndef SENTINEL_RECORDS_H
#define SENTINEL_RECORDS_H

#include <stddef.h>
#include <stdint.h>
#include "sentinel/result.h"
#include "sentinel/text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sn_coding {
    char source[32], target[32], code[16];
} sn_coding;

/* What a validation record expects. */
typedef enum sn_expect {
    SN_EXPECT_NONE_GIVEN, /* no validation fields: a plain record (TABARI: the end of validation) */
    SN_EXPECT_EVENTS,     /* the codings listed */
    SN_EXPECT_NO_EVENTS,  /* {---} or noevents="True" */
    SN_EXPECT_DISCARD,    /* {###}: the sentence is discarded */
    SN_EXPECT_COMPLEX,    /* {+++}: TABARI gives up on the sentence, so no events */
    SN_EXPECT_UNCHECKED,  /* -{...}: "do not check" */
    SN_EXPECT_OPTIONS     /* only { OPTION: ... } fields */
} sn_expect;

#define SN_RECORD_MAX_CODINGS 64
#define SN_RECORD_MAX_OPTIONS 16

typedef struct sn_record {
    const char *id;          /* "DEMO-01" */
    const char *text;        /* the sentence(s), NUL-terminated */
    size_t len;
    sn_date date;
    int has_date;
    const char *source;      /* PETRARCH source attribute, or "" */
    const char *category;    /* PETRARCH category, or "" */
    int is_sentence;         /* PETRARCH sentence="true" (TABARI: always 1) */
    unsigned line;           /* where the record starts */
    sn_expect expect;
    const sn_coding *codings;
    uint32_t ncodings;
    const char *options[SN_RECORD_MAX_OPTIONS]; /* "SET: TIME SHIFT = FALSE", <Config option=... value=...> */
    uint32_t noptions;
} sn_record;

/* Called per record; non-zero stops the reading (and is returned). */
typedef int (*sn_record_fn)(void *ctx, const sn_record *r);

/* Read every record of buf[0..n). A malformed record is reported through
 * err-less warn (may be NULL) with its line and skipped. Returns the
 * callback's non-zero value, or 0; -1 when the input is not of the format
 * at all (err says why). */
typedef void (*sn_record_warn_fn)(void *ctx, unsigned line, const char *msg);
int sn_records_tabari(const char *buf, size_t n, sn_record_fn fn, sn_record_warn_fn warn, void *ctx, sn_error *err);
int sn_records_petrarch(const char *buf, size_t n, sn_record_fn fn, sn_record_warn_fn warn, void *ctx,
                        sn_error *err);

#ifdef __cplusplus
}
#endif
#endif
