/*
 * lib/dict/image.h — the layout of a compiled dictionary image, shared by
 * the compiler (compile.c) and the reader (image.c).
 *
 * An image is one little-endian blob: a header, a string pool, fixed-size
 * record arrays, and open hash indexes (bucket arrays of record index + 1,
 * chained through each record's `next`). Phrases are stored as their
 * tokens' normalized forms joined by SN_DICT_SEP. Every offset is checked
 * against the image size when it is opened.
 */
#ifndef SN_DICT_IMAGE_H
#define SN_DICT_IMAGE_H

#include <stdint.h>

#define SN_DICT_MAGIC 0x49444e53u /* "SNDI" */
#define SN_DICT_VERSION 8u
#define SN_DICT_SEP '\x1f'
#define SN_DICT_MAX_TOKENS 12 /* longest phrase */

/* SN_NAME_PLACE: a town or city in the actor's territory (a location, not
 * an actor of its own; see lib/code/actors.c). */
enum { SN_NAME_ACTOR, SN_NAME_ADJ, SN_NAME_GOV, SN_NAME_AGENT, SN_NAME_DISCARD, SN_NAME_PLACE };
enum { SN_ACT_STATE, SN_ACT_IGO, SN_ACT_NGO, SN_ACT_GROUP, SN_ACT_COMPANY, SN_ACT_PERSON };
enum { SN_ACTF_DEFACTO = 1 };
enum { SN_EL_WORD, SN_EL_GAP, SN_EL_TARGET, SN_EL_SOURCE, SN_EL_SKIP }; /* SN_EL_SKIP: "$_", an actor passed over */
enum { SN_PAT_VERB, SN_PAT_NOUN };

typedef struct sn_img_hash {
    uint32_t nbuckets, off; /* nbuckets is a power of two */
} sn_img_hash;

typedef struct sn_dict_header {
    uint32_t magic, version, size;
    uint32_t strings_off, strings_len;
    uint32_t actors_off, nactors;
    uint32_t codes_off, ncodes;
    uint32_t names_off, nnames;
    uint32_t pats_off, npats;
    uint32_t elems_off, nelems;
    uint32_t alts_off, nalts;
    uint32_t cues_off, ncues;
    sn_img_hash name_index; /* first two tokens (one for one-word and two-word stem names) -> names */
    sn_img_hash pat_index;  /* head lemma -> patterns */
    sn_img_hash cue_index;  /* word -> cues */
    uint32_t nstem1;        /* one-word stem names (SN_NAMEF_STEM): look-ups also probe prefixes */
    uint32_t nstempat;      /* verb patterns whose head is a stem (SN_PATF_STEM) */
    uint32_t flags;         /* SN_DICTF_* */
    uint32_t stem_lens;     /* bit L: a one-word stem name of L bytes (L < 32) */
    uint32_t nnoun;         /* noun patterns (none in imported images: no look-ups per noun) */
    uint32_t nends;         /* names with SN_NAMEF_ENDS */
    uint32_t pad3;
} sn_dict_header;

typedef struct sn_img_actor {
    uint32_t code, country, role, label; /* strings */
    uint32_t codes_first, codes_n;       /* date-bounded codes of a person */
    uint8_t type, flags, pad[2];
} sn_img_actor;

typedef struct sn_img_code {
    uint32_t code;     /* string */
    int32_t from, to;  /* days since 1970-01-01, inclusive; INT32_MIN/MAX when open */
} sn_img_code;

typedef struct sn_img_name {
    uint32_t toks;     /* string: norms joined by SN_DICT_SEP; an agent's last is a lemma */
    uint32_t target;   /* actor index, or the role string of an agent */
    uint32_t next;     /* next name with the same key, index + 1 */
    uint16_t ntok;
    uint8_t kind, flags;  /* SN_NAMEF_* */
} sn_img_name;

/* A short name written in capitals ("US", "UN") matches only capitals, so
 * the pronoun "us" is not the United States. */
enum { SN_NAMEF_CASE = 1, SN_NAMEF_STEM = 2, SN_NAMEF_ENDS = 4 };
/* SN_NAMEF_ENDS ("estonia+"): the last word also matches with TABARI's
 * regular noun ending S ("Estonias"; the possessive 's is a token of its
 * own); the header's nends says look-ups must also try the word without
 * its final s. */
/* SN_NAMEF_STEM: the last word is a stem ("argentin*" matches "Argentina"
 * and "Argentine"), as in TABARI dictionaries. */

typedef struct sn_img_pat {
    uint32_t code, head;  /* strings: CAMEO code ("032:033" for a paired code), head lemma */
    uint32_t elem_first, next, line;
    uint8_t kind, nelem, flags, npre; /* elems [0, npre): words before the verb, in order */
    uint32_t need;        /* sn_word_bit()s of the one-word elements after the verb: all must be present */
    uint32_t need_pre;    /* the same for the words before it */
} sn_img_pat;

/* SN_PATF_STEM: the head is a stem ("restor*" matches "restore",
 * "restored"), as TABARI verb roots are. */
enum { SN_PATF_STEM = 1, SN_PATF_COMPOUND = 2 };
/* SN_PATF_COMPOUND ("< %"): the pattern holds only when the source is a
 * compound actor ("Gondor and Osgiliath agree"), TABARI's "- % * ...". */

/* SN_DICTF_DEFAULT_ACTORS ("option default-actors"): TABARI's default
 * actor search (manual 5.8) fills a missing source with the first actor
 * before the verb, and a missing target with the first actor after it
 * (else before it), each distinct from the other side. */
/* SN_DICTF_VP_TARGET ("option vp-target"): PETRARCH's reading, where the
 * target is an actor in the verb's phrase: a missing target is the first
 * actor after the verb, up to the next finite verb.
 * SN_DICTF_REQUIRE_DYAD ("option require-dyad"): an event needs both a
 * source and a target (PETRARCH's require_dyad; TABARI codes no event
 * with a missing side either). */
/* SN_DICTF_ANON_AGENTS ("option anonymous-agents"): an agent without an
 * actor is coded "---" + its role ("---GOV"), PETRARCH's anonymous agent. */
/* SN_DICTF_ALL_AGENTS ("option all-agents"): every agent of a noun phrase
 * composes, in order, prefix roles first (PETRARCH: DNKMUSMED, NGOARNGOV). */
enum {
    SN_DICTF_DEFAULT_ACTORS = 1, SN_DICTF_VP_TARGET = 2, SN_DICTF_REQUIRE_DYAD = 4, SN_DICTF_ANON_AGENTS = 8,
    SN_DICTF_ALL_AGENTS = 16,
    /* Coder options only, set by TABARI's "SET: CODE BY SENTENCE" and
     * "SET: CODE ALL" (manual 7.6.1) for imported TABARI images: one
     * verb event per sentence, or every verb's, instead of one per
     * conjunction-delimited clause (CODE BY CLAUSE, the default). */
    SN_DICTF_CODE_SENTENCE = 32, SN_DICTF_CODE_ALL = 64
};

typedef struct sn_img_elem {
    uint32_t alt_first;   /* into alts: string offsets of the words */
    uint8_t type, nalt, pad[2];
    uint32_t bloom;       /* SN_EL_WORD: sn_word_bit() of each alternative, to skip a pattern fast */
} sn_img_elem;

/* One bit of a 32-bit filter for a word (its norm or lemma). */
static inline uint32_t sn_word_bit(uint32_t hash)
{
    return 1u << ((hash ^ (hash >> 16)) & 31u);
}

typedef struct sn_img_cue {
    uint32_t word, next;
    uint8_t modality, pad[3];
} sn_img_cue;

#endif
