/*
 * lib/text/internal.h — the text stage's private structures: the document
 * and the per-thread analyzer workspace, and the entry points of each pass
 * (clean, tokenize, split, tag, chunk, clauses, time expressions).
 *
 * Passes run in that order over one sn_doc; each reads what the earlier
 * ones wrote. All arrays are capped sn_vecs kept across documents, so a
 * warmed-up analyzer allocates nothing.
 */
#ifndef SN_TEXT_INTERNAL_H
#define SN_TEXT_INTERNAL_H

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/utext.h>
#include "sentinel/text.h"
#include "text/lexicon.h"
#include "util/arena.h"
#include "util/buf.h"

/* Index range of one sentence's chunks, clauses or time expressions. */
typedef struct sn_range {
    uint32_t first, n;
} sn_range;

/* What the lexicon says a token can be, before context decides. */
typedef struct sn_lexinfo {
    /* What every pass reads for every token comes first, in one cache
     * line; the base forms, read once per token at the end of tagging,
     * follow. */
    uint64_t tags;            /* bit per sn_tag */
    uint8_t best;             /* the likeliest tag out of context */
    uint8_t abbrev;           /* sn_abbrev */
    uint16_t cnt_noun, cnt_verb, cnt_adj; /* WordNet priors of the readings */
    uint8_t closed_tag[SN_LEX_MAX_CLOSED];
    uint8_t nclosed;
    uint8_t known;            /* found in the lexicon at all */
    uint8_t proper;           /* SN_LEX_PROPER* flags of the entry */
    uint8_t verb_base;        /* the word itself is a verb's base form */
    uint8_t abbrev_dot;       /* sn_abbrev of the word plus a period ("gen" -> "gen.") */
    uint16_t word;            /* SN_W_* roles of the word itself, for the passes */
    uint16_t timex;           /* sn_timex_word_class of the word (timex.h) */
    uint16_t tagw;            /* SN_TW_* facts of the word for the tagger */
    const char *lemma_noun;   /* base forms per reading, NULL = the norm */
    const char *lemma_plural; /* of the NNS reading: "crises" -> crisis */
    const char *lemma_verb;   /* of the inflected verb readings: "fled" -> flee */
    const char *lemma_adj;
    const char *lemma_degree; /* of comparatives and superlatives: "worse" -> bad */
    const char *lemma_closed[SN_LEX_MAX_CLOSED];
} sn_lexinfo;

/* Word-level facts the tagger tests, from sn_tag_word_flags. */
enum {
    SN_TW_SPECIAL     = 1 << 0, /* that 's there her ' (tagged by hand) */
    SN_TW_NATION      = 1 << 1, /* demonym-like: Georgian, Sudanese */
    SN_TW_PLURAL_NAME = 1 << 2, /* could be a plural name: ends in s (not ss), has a plural reading */
    SN_TW_BE          = 1 << 3, /* a form of be, have, do */
    SN_TW_HAVE        = 1 << 4,
    SN_TW_DO          = 1 << 5,
    SN_TW_LINKING     = 1 << 6, /* as a verb, a linking verb: grow, remain ... */
    SN_TW_SPEECH      = 1 << 7, /* as a verb, a speech verb: say, announce ... */
    SN_TW_LAST_NEXT   = 1 << 8, /* last next past */
    SN_TW_ING         = 1 << 9  /* longer than four bytes, ending in -ing */
};
uint16_t sn_tag_word_flags(const sn_lexinfo *lx, const char *norm);

#define SN_TAGBIT(t) ((uint64_t)1 << (t))

/* Roles of a few function words and marks, set once per word by lemma.c so
 * that the passes test a bit instead of comparing strings. */
enum {
    SN_W_SUBORD  = 1 << 0, /* that if because while although after before since unless as when */
    SN_W_OPENER  = 1 << 1, /* opens a clause: the above plus which who whether where */
    SN_W_GERUND  = 1 << 2, /* preposition before a gerund with an object: of by for from ... */
    SN_W_PAUSE   = 1 << 3, /* , ; : " - */
    SN_W_ADVERBIAL = 1 << 4, /* opens an adverbial clause: after before while because since when
                                although though once until whereas as */
    SN_W_FURNITURE = 1 << 5, /* holds the first word of a furniture phrase that may stand
                                anywhere in a line (zones.c) */
    SN_W_FURN_START = 1 << 6, /* is the first word of one that starts a line */
    SN_W_CLAUSE_STOP = 1 << 7, /* , ; : then: ends a subordinate clause (clause.c) */
    SN_W_SUBORDINATOR = 1 << 8, /* tagged IN, joins clauses, not NPs: that if unless whether
                                   because although though while whereas once (chunk.c) */
    SN_W_CLAUSE_PREP = 1 << 9,  /* a preposition that also opens clauses: since after before
                                   until till as like (chunk.c) */
};

/* The SN_W_FURNITURE and SN_W_FURN_START roles of a norm ("follow" of
 * "follow us on", "share" of "share this"). */
uint8_t sn_zone_word_roles(const char *norm);

struct sn_doc {
    sn_buf text;              /* validated copy of the input */
    sn_vec tokens;            /* sn_token */
    sn_vec lex;               /* const sn_lexinfo *, parallel to tokens */
    sn_vec sents;             /* sn_sentence */
    sn_vec chunks, clauses, timexes;
    sn_vec chunk_rng, clause_rng, timex_rng; /* sn_range per sentence */
    sn_arena strings;         /* token norms */
    sn_text_warnings warn;
    uint32_t unknown_punct;   /* tokens failing sn_known_punct (for the splitter) */
    sn_date published;
    int has_published;
};

/* No sentence is longer (sn_text_limits.max_sentence_tokens is capped to
 * it), so per-sentence tables of this size live on the stack. */
#define HARD_MAX_SENT_TOKENS 512u

#define LEXCACHE_SIZE 32768 /* slots, in sets of LEXCACHE_WAYS */
#define LEXCACHE_WAYS 4
#define LEXCACHE_KEY 24

/* A cached analysis. Tokens point into the cache, so a slot that a token of
 * the current document uses (gen == the analyzer's gen) is never evicted:
 * when every slot of its set is in use, a word gets its own copy in the
 * document's arena instead. A miss replaces the set's least recently used
 * slot (the lowest gen), so that the few thousand words of news text stay
 * cached across documents. */
typedef struct sn_lexcache_slot {
    char key[LEXCACHE_KEY];   /* the norm, NUL-padded */
    uint32_t gen;             /* last document that used it */
    uint32_t hash;            /* sn_hash of the norm */
    sn_lexinfo info;
} sn_lexcache_slot;

struct sn_analyzer {
    sn_doc doc;
    sn_text_limits lim;
    const sn_lexicon *lx;
    const UNormalizer2 *nfkc_cf;  /* NFKC with case folding */
    UBreakIterator *sbrk;         /* sentence break iterator */
    UText *ut;
    sn_lexcache_slot *cache;      /* lexical cache, LEXCACHE_WAYS-way sets */
    uint32_t gen;                 /* document generation, for the cache */
};

/* Passes. Each returns SN_OK or an error that stops the analysis. */
sn_rc sn_text_clean(sn_doc *d, const char *in, size_t len);
sn_rc sn_tokenize(sn_analyzer *a);
sn_rc sn_split_sentences(sn_analyzer *a);
void sn_assign_zones(sn_analyzer *a);
/* Is t punctuation whose sentence role the splitter's rules know (every
 * ASCII mark does)? Else ICU is asked about its paragraph. */
int sn_known_punct(const sn_token *t);
void sn_tag_sentence(sn_analyzer *a, sn_sentence *s);
sn_rc sn_chunk_sentence(sn_analyzer *a, uint32_t si);
sn_rc sn_clause_sentence(sn_analyzer *a, uint32_t si);

/* Lexical analysis of one normalized word, through the cache; valid until
 * the next document. NULL when out of memory. */
const sn_lexinfo *sn_lex_analyze(sn_analyzer *a, const char *norm, size_t n);
/* A cache miss of sn_lex_lookup, in lemma.c. */
const sn_lexinfo *sn_lex_miss(sn_analyzer *a, sn_lexcache_slot *set, const char *key, size_t n, uint32_t h,
                              const char **norm);

/* The same for a norm already NUL-padded to LEXCACHE_KEY bytes in key
 * (0 < n < LEXCACHE_KEY) whose sn_hash is h. *norm gets a copy of the norm
 * that lives as long as the document: the cache slot's own key when the
 * word is cached, so a cached word costs no allocation (norm may be NULL
 * when the caller keeps its own). Inline: the tokenizer calls it for
 * nearly every token, and a hit is a few compares. Keys are compared as
 * three 64-bit words, as every key is stored NUL-padded to its full
 * LEXCACHE_KEY bytes, and so is every probe. */
static inline const sn_lexinfo *sn_lex_lookup(sn_analyzer *a, const char *key, size_t n, uint32_t h,
                                              const char **norm)
{
    sn_lexcache_slot *set = &a->cache[(h & (LEXCACHE_SIZE / LEXCACHE_WAYS - 1)) * LEXCACHE_WAYS];
    uint64_t k[3];
    memcpy(k, key, sizeof k);
    for (int w = 0; w < LEXCACHE_WAYS; w++) {
        uint64_t s[3];
        if (set[w].hash != h)
            continue;
        memcpy(s, set[w].key, sizeof s);
        if (((s[0] ^ k[0]) | (s[1] ^ k[1]) | (s[2] ^ k[2])) == 0) {
            set[w].gen = a->gen;
            if (norm)
                *norm = set[w].key;
            return &set[w].info;
        }
    }
    return sn_lex_miss(a, set, key, n, h, norm);
}
/* Normalize s[0..n) into out (NUL-terminated); returns its length. */
size_t sn_normalize(sn_analyzer *a, const char *s, size_t n, char *out, size_t cap);

static inline sn_token *doc_tok(sn_doc *d) { return (sn_token *)d->tokens.p; }
static inline const sn_lexinfo **doc_lex(sn_doc *d) { return (const sn_lexinfo **)d->lex.p; }
static inline sn_sentence *doc_sent(sn_doc *d) { return (sn_sentence *)d->sents.p; }
static inline sn_chunk *doc_chunk(sn_doc *d) { return (sn_chunk *)d->chunks.p; }

/* The token's text as written. */
static inline const char *tok_text(const sn_doc *d, const sn_token *t)
{
    return d->text.p + t->off;
}
static inline int tok_is(const sn_token *t, const char *word)
{
    const char *a = t->norm, *b = word;
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

#endif
