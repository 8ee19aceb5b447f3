/*
 * lib/text/lexicon.h — the compiled word lexicon: WordNet 3.0 base forms per
 * part of speech with their sense-tagged frequencies, WordNet's irregular
 * forms, and the project's closed-class list. The image is generated at
 * build time by tools/gen-lexicon.c and linked into the library read-only,
 * so lookups never touch the disk and are safe from any thread.
 *
 * The layout below is shared by the generator and the reader.
 */
#ifndef SN_TEXT_LEXICON_H
#define SN_TEXT_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#define SN_LEX_MAGIC 0x584c4e53u /* "SNLX" */
#define SN_LEX_VERSION 1u

/* WordNet parts of speech, as bit positions in sn_lex_entry.pos. */
enum { SN_WN_NOUN, SN_WN_VERB, SN_WN_ADJ, SN_WN_ADV, SN_WN__COUNT };

typedef struct sn_lex_header {
    uint32_t magic, version;
    uint32_t nentries, nbuckets;  /* nbuckets is a power of two */
    uint32_t entries_off, buckets_off, extras_off, strings_off;
    uint32_t nextras, strings_len;
} sn_lex_header;

/* sn_lex_entry.flags */
enum {
    SN_LEX_PROPER     = 1 << 0, /* some WordNet noun sense is capitalized (Russia, March) */
    SN_LEX_PROPER_ALL = 1 << 1  /* every noun sense is capitalized */
};

typedef struct sn_lex_entry {
    uint32_t word;               /* string offset */
    uint32_t extra;              /* index+1 into extras, or 0 */
    uint16_t cnt[SN_WN__COUNT];  /* 1 + sense-tagged count, 0 when absent */
    uint32_t flags;              /* SN_LEX_* */
} sn_lex_entry;

#define SN_LEX_MAX_CLOSED 6

typedef struct sn_lex_extra {
    uint32_t exc[SN_WN__COUNT];          /* irregular base form per pos, or 0 */
    uint32_t cl_lemma[SN_LEX_MAX_CLOSED];/* lemma per closed tag, or 0 = the word */
    uint8_t cl_tag[SN_LEX_MAX_CLOSED];   /* sn_tag values, most likely first */
    uint8_t ncl;
    uint8_t abbrev;                      /* sn_abbrev kind for "gen." etc, or 0 */
    uint8_t pad[2];
} sn_lex_extra;

/* Kinds of abbreviation, from data/text/abbreviations.txt. */
typedef enum sn_abbrev {
    SN_ABBR_NONE,
    SN_ABBR_TITLE,   /* precedes a name: Gen. Mr. Lt. — never ends a sentence */
    SN_ABBR_NAME,    /* an acronym or name part: U.S. U.N. Inc. — may end one */
    SN_ABBR_MONTH,   /* Jan. Aug. — before a number never ends one */
    SN_ABBR_NUMBER,  /* No. Nos. Art. — before a number never ends one */
    SN_ABBR_OTHER    /* etc. vs. approx. — may end one */
} sn_abbrev;

/* Run-time view. */
typedef struct sn_lexicon {
    const sn_lex_header *h;
    const sn_lex_entry *entries;
    const uint32_t *buckets;
    const sn_lex_extra *extras;
    const char *strings;
} sn_lexicon;

/* The lexicon built into the library. */
const sn_lexicon *sn_lexicon_builtin(void);
const sn_lex_entry *sn_lex_find(const sn_lexicon *lx, const char *w, size_t n);
static inline const char *sn_lex_str(const sn_lexicon *lx, uint32_t off)
{
    return lx->strings + off;
}
static inline const sn_lex_extra *sn_lex_extra_of(const sn_lexicon *lx, const sn_lex_entry *e)
{
    return e && e->extra ? &lx->extras[e->extra - 1] : NULL;
}

#endif
