/*
 * sentinel/text.h — the text-analysis stage: sentences, tokens, lemmas,
 * part-of-speech tags, chunks, clauses and time expressions.
 *
 * Ownership:
 *  - sn_analyzer is created by sn_analyzer_new() and freed by
 *    sn_analyzer_free(). It is a per-thread workspace: never share one
 *    between threads; create one per thread. All read-only tables it uses
 *    (lexicon, abbreviations) are shared and immutable.
 *  - sn_analyze() returns a borrowed sn_doc that lives inside the analyzer.
 *    It stays valid until the next sn_analyze() on the same analyzer or
 *    sn_analyzer_free(). Every pointer reachable from it (token norms,
 *    lemmas, the text) is borrowed likewise.
 *  - The document keeps its own copy of the input (validated UTF-8): all
 *    offsets are byte offsets into sn_doc_text(), which equals the input
 *    byte for byte when the input was valid UTF-8.
 */
#ifndef SENTINEL_TEXT_H
#define SENTINEL_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "sentinel/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A calendar date; month and day are 0 when unknown. */
typedef struct sn_date {
    int16_t year;
    uint8_t month; /* 1-12, or 0 */
    uint8_t day;   /* 1-31, or 0 */
} sn_date;

/* Penn Treebank part-of-speech tags. */
typedef enum sn_tag {
    SN_TAG_NONE = 0,
    SN_TAG_CC, SN_TAG_CD, SN_TAG_DT, SN_TAG_EX, SN_TAG_FW, SN_TAG_IN,
    SN_TAG_JJ, SN_TAG_JJR, SN_TAG_JJS, SN_TAG_LS, SN_TAG_MD, SN_TAG_NN,
    SN_TAG_NNS, SN_TAG_NNP, SN_TAG_NNPS, SN_TAG_PDT, SN_TAG_POS, SN_TAG_PRP,
    SN_TAG_PRPS, SN_TAG_RB, SN_TAG_RBR, SN_TAG_RBS, SN_TAG_RP, SN_TAG_SYM,
    SN_TAG_TO, SN_TAG_UH, SN_TAG_VB, SN_TAG_VBD, SN_TAG_VBG, SN_TAG_VBN,
    SN_TAG_VBP, SN_TAG_VBZ, SN_TAG_WDT, SN_TAG_WP, SN_TAG_WPS, SN_TAG_WRB,
    SN_TAG_PUNCT,  /* . , : ; ! ? ( ) quotes and dashes */
    SN_TAG__COUNT
} sn_tag;

/* The Penn name of a tag ("NN", "PRP$", ...); "PUNCT" for SN_TAG_PUNCT. */
const char *sn_tag_name(sn_tag t);
/* The tag for a Penn name, or SN_TAG_NONE. */
sn_tag sn_tag_from_name(const char *name);

/* Case shape of a token. */
typedef enum sn_shape {
    SN_SHAPE_LOWER, SN_SHAPE_UPPER, SN_SHAPE_TITLE, SN_SHAPE_MIXED,
    SN_SHAPE_DIGIT, SN_SHAPE_PUNCT, SN_SHAPE_OTHER
} sn_shape;

/* Token flags. */
enum {
    SN_TOK_SPACE_BEFORE = 1 << 0, /* white space precedes the token */
    SN_TOK_NL_BEFORE    = 1 << 1, /* a line break precedes the token */
    SN_TOK_PARA_BEFORE  = 1 << 2, /* a blank line precedes the token */
    SN_TOK_ABBREV       = 1 << 3, /* a known abbreviation or initial ("Gen.", "U.S.") */
    SN_TOK_URL          = 1 << 4,
    SN_TOK_EMAIL        = 1 << 5,
    SN_TOK_NUMBER       = 1 << 6, /* numeric: 1,000 3.5 10,000-strong */
    SN_TOK_HYPHEN       = 1 << 7, /* contains an inner hyphen */
    SN_TOK_NONASCII     = 1 << 8, /* contains non-ASCII characters */
    SN_TOK_TERMINAL     = 1 << 9  /* a sentence-final mark: . ! ? ... and the
                                     full stops of other scripts */
};

typedef struct sn_token {
    uint32_t off, len;   /* bytes in sn_doc_text() */
    const char *norm;    /* NFKC, lower case, unified quotes and dashes; NUL-terminated */
    const char *lemma;   /* dictionary form, lower case; NUL-terminated */
    uint16_t flags;      /* SN_TOK_* */
    uint8_t tag;         /* sn_tag */
    uint8_t shape;       /* sn_shape */
} sn_token;

/* What part of a page a sentence belongs to. */
typedef enum sn_zone {
    SN_ZONE_BODY = 0,    /* the story */
    SN_ZONE_HEADLINE,    /* a title or heading line */
    SN_ZONE_DATELINE,    /* "TBILISI, Aug 8 (Reuters) -" */
    SN_ZONE_CAPTION,     /* a photo caption */
    SN_ZONE_BOILERPLATE, /* share, comment, copyright, follow-me lines */
    SN_ZONE_BYLINE       /* the author's name and biography */
} sn_zone;

const char *sn_zone_name(sn_zone z);

enum {
    SN_SENT_TRUNCATED = 1 << 0, /* cut at the sentence-length cap */
    SN_SENT_BULLET    = 1 << 1  /* a bullet-list item */
};

typedef struct sn_sentence {
    uint32_t off, len;        /* bytes, trimmed of surrounding space */
    uint32_t tok_begin, tok_end; /* token index range [begin, end) */
    uint16_t flags;           /* SN_SENT_* */
    uint8_t zone;             /* sn_zone */
    uint8_t para;             /* paragraph number, saturating at 255 */
} sn_sentence;

typedef enum sn_chunk_kind { SN_CHUNK_NP, SN_CHUNK_VG, SN_CHUNK_PP, SN_CHUNK_ADVP, SN_CHUNK_ADJP } sn_chunk_kind;
typedef enum sn_tense { SN_TENSE_NONE, SN_TENSE_PAST, SN_TENSE_PRESENT, SN_TENSE_FUTURE } sn_tense;
typedef enum sn_aspect { SN_ASPECT_SIMPLE, SN_ASPECT_PROGRESSIVE, SN_ASPECT_PERFECT, SN_ASPECT_PERFECT_PROGRESSIVE } sn_aspect;
typedef enum sn_voice { SN_VOICE_ACTIVE, SN_VOICE_PASSIVE } sn_voice;

enum {
    SN_VG_NEG        = 1 << 0, /* not, n't, never */
    SN_VG_INFINITIVE = 1 << 1, /* "to sign" */
    SN_VG_GERUND     = 1 << 2, /* "after fighting" */
    SN_VG_PARTICIPLE = 1 << 3  /* reduced relative or adjunct: "troops stationed there" */
};

typedef struct sn_chunk {
    uint32_t tok_begin, tok_end; /* [begin, end) */
    uint32_t head;               /* head token index */
    uint8_t kind;                /* sn_chunk_kind */
    /* VG */
    uint8_t tense, aspect, voice; /* sn_tense, sn_aspect, sn_voice */
    uint16_t vflags;             /* SN_VG_* */
    int32_t modal;               /* token index of the modal, or -1 */
    /* NP: links to other chunks of the same sentence, by index into the
     * array sn_doc_chunks() returns for it, or -1 */
    int32_t poss;                /* the possessor NP ("Georgia" in "Georgia's president") */
    int32_t coord;               /* the next conjunct ("Georgia" after "Russia and") */
    int32_t appos;               /* the apposition ("the president" after "Tibilov,") */
    /* PP: the object NP, or -1 */
    int32_t object;
} sn_chunk;

typedef enum sn_clause_kind {
    SN_CLAUSE_MAIN, SN_CLAUSE_RELATIVE, SN_CLAUSE_REPORT,
    SN_CLAUSE_CONDITION, SN_CLAUSE_ADVERBIAL
} sn_clause_kind;

typedef struct sn_clause {
    uint32_t tok_begin, tok_end; /* [begin, end), without complementizer */
    uint8_t kind;                /* sn_clause_kind */
    int32_t parent;              /* enclosing clause of the same sentence, or -1 */
    int32_t speaker;             /* the reporter's NP, an index into the sentence's chunks, or -1 */
    int32_t cue;                 /* document token index of "said", "according", "if", "who"; or -1 */
} sn_clause;

const char *sn_clause_kind_name(sn_clause_kind k);

typedef enum sn_precision {
    SN_PREC_DAY, SN_PREC_MONTH, SN_PREC_YEAR, SN_PREC_RANGE
} sn_precision;

const char *sn_precision_name(sn_precision p);

enum {
    SN_TIMEX_RELATIVE = 1 << 0, /* resolved against the publication date */
    SN_TIMEX_FUZZY    = 1 << 1  /* approximate ("in the near future", "recently") */
};

typedef struct sn_timex {
    uint32_t tok_begin, tok_end; /* [begin, end) */
    sn_date begin, end;          /* end == begin unless precision is RANGE */
    uint8_t precision;           /* sn_precision */
    uint8_t flags;               /* SN_TIMEX_* */
} sn_timex;

/* Caps that bound the cost of any input. Zero fields take the defaults. */
typedef struct sn_text_limits {
    size_t max_bytes;          /* default 64 MiB per document */
    uint32_t max_tokens;       /* default 4,000,000 per document */
    uint32_t max_sentence_tokens; /* default 400; longer ones are cut */
    uint32_t flags;            /* SN_TEXT_*; 0 by default */
} sn_text_limits;

/* SN_TEXT_BODY_ONLY: the input is story sentences (TABARI or PETRARCH
 * records), not a page: no headline, dateline or caption zones. */
enum { SN_TEXT_BODY_ONLY = 1 };

typedef struct sn_analyzer sn_analyzer;
typedef struct sn_doc sn_doc;

sn_rc sn_analyzer_new(sn_analyzer **out, const sn_text_limits *limits);
void sn_analyzer_free(sn_analyzer *a);

/* Analyse len bytes of text published on *published (may be NULL: then
 * relative time expressions stay unresolved). */
sn_rc sn_analyze(sn_analyzer *a, const char *text, size_t len,
                 const sn_date *published, const sn_doc **out);

/* Warnings such as "invalid UTF-8 replaced" or "sentence cut at 400 tokens";
 * counts, not messages, so they never grow without bound. */
typedef struct sn_text_warnings {
    uint32_t invalid_utf8;      /* bytes replaced by U+FFFD */
    uint32_t truncated_sentences;
    uint32_t control_chars;     /* NUL and other C0 controls replaced by space */
    uint32_t token_cap_hit;     /* 1 when max_tokens stopped analysis */
} sn_text_warnings;

const char *sn_doc_text(const sn_doc *d, size_t *len);
/* The publication date given to sn_analyze(), or NULL. */
const sn_date *sn_doc_published(const sn_doc *d);
const sn_text_warnings *sn_doc_warnings(const sn_doc *d);
const sn_token *sn_doc_tokens(const sn_doc *d, uint32_t *n);
const sn_sentence *sn_doc_sentences(const sn_doc *d, uint32_t *n);
/* Chunks, clauses and time expressions of sentence s, in text order. */
const sn_chunk *sn_doc_chunks(const sn_doc *d, uint32_t s, uint32_t *n);
const sn_clause *sn_doc_clauses(const sn_doc *d, uint32_t s, uint32_t *n);
const sn_timex *sn_doc_timexes(const sn_doc *d, uint32_t s, uint32_t *n);

/* Write the analysis of d as one JSON object (docs/formats.md, "parse
 * output") through write(ctx, bytes, n), which returns 0 on success. id and
 * published may be NULL. */
typedef int (*sn_write_fn)(void *ctx, const char *p, size_t n);
sn_rc sn_doc_write_json(const sn_doc *d, const char *id, sn_write_fn write, void *ctx);

/* Parse "YYYY-MM-DD" (or "YYYY-MM", "YYYY"); returns 0 on success. */
int sn_date_parse(const char *s, size_t len, sn_date *out);
/* Format as "YYYY-MM-DD", "YYYY-MM" or "YYYY" by the fields set; buf >= 11. */
void sn_date_format(const sn_date *d, char *buf);

#ifdef __cplusplus
}
#endif
#endif
