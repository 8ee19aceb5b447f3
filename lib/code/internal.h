/*
 * lib/code/internal.h — the coding engine's private structures: actor
 * mentions, the actor of each noun phrase, and the per-thread coder.
 */
#ifndef SN_CODE_INTERNAL_H
#define SN_CODE_INTERNAL_H

#include "dict/dict.h"
#include "sentinel/code.h"
#include "util/arena.h"
#include "util/buf.h"

#define SN_NO_ACTOR UINT32_MAX

/* A dictionary phrase found in the sentence. */
typedef struct sn_mention {
    uint32_t tok_begin, tok_end;
    uint32_t name;    /* index of the sn_img_name */
    uint8_t kind;     /* SN_NAME_* */
} sn_mention;

/* Who a noun phrase stands for: an actor of the dictionary, a country
 * (from a name, adjective or metonym) and a role (from an agent or a
 * metonym), combined into a code when the event's date is known. */
typedef struct sn_np_actor {
    uint32_t actor;        /* actor index, or SN_NO_ACTOR */
    const char *country;   /* "" when none */
    const char *role;      /* "" when none */
    uint32_t tok_begin, tok_end;
    uint32_t rule_name;    /* name record that decided it, for rules[] */
    int found;
    int metonym;           /* the role is GOV only because a capital stands for it */
    int place, other;      /* it holds a town's name; it holds any other name */
    int located;           /* it names no actor but is placed somewhere ("talks in Prague") */
    int owned;             /* it names no actor but belongs to one ("imports of Turkish fruit") */
    uint32_t state1;       /* index + 1 of the state whose name gave the country; 0: none */
} sn_np_actor;

/* A phrase that names only a town ("Donetsk"), or a thing placed in or
 * belonging to one ("a market in Maiduguri", "imports of Turkish fruit"),
 * can be a target but never acts or speaks. */
static inline int sn_never_acts(const sn_np_actor *a)
{
    return a && a->found && ((a->place && !a->other) || a->located || a->owned);
}

/* The coder's word index (words.c): each distinct word of the pattern
 * elements and each first word of a name, by content; a word's id is its
 * slot + 1, so two words have the same id exactly when they are equal. */
enum { SN_WORD_PAT = 1, SN_WORD_NAME = 2, SN_WORD_STEM = 4, SN_WORD_ENDS = 8 };
typedef struct sn_word_slot {
    uint32_t off, len;    /* the word: strings[off, off + len) of the dictionary */
    uint32_t hash;        /* sn_hash() of the word */
    uint8_t flags;        /* SN_WORD_*: a pattern word, a name's first word, a one-word stem or "+" name; 0: empty */
} sn_word_slot;

typedef struct sn_words {
    const char *strings;  /* the dictionary's string pool */
    sn_word_slot *slot;
    uint32_t mask;        /* slots - 1, a power of two less one */
    size_t nwords;        /* distinct words */
    uint32_t *alt_id;     /* the id of each of the image's alternatives (d->alts) */
    uint64_t stem_lens;   /* bit L: a one-word stem name of L bytes */
    int stem_long;        /* a one-word stem of 64 bytes or more: every token may start a name */
    int any_ends;         /* a one-word name with SN_NAMEF_ENDS */
} sn_words;

/* What the word index says of one token of the current sentence. */
typedef struct sn_tokinfo {
    uint32_t hnorm, hlemma;  /* sn_hash() of the norm and the lemma */
    uint32_t nlen;           /* strlen() of the norm */
    uint32_t nid, lid;       /* ids of the norm and the lemma; 0: in no pattern element or name */
    uint32_t bits;           /* sn_word_bit() of the norm and lemma that are pattern words */
    uint8_t name_start;      /* some name may start at this token */
} sn_tokinfo;

/* The token info of words already seen in the current document, by the
 * addresses of their norm and lemma: a document's strings do not change
 * while it is coded, so the same addresses are the same words, and the
 * same words have the same info. gen is the document's number. */
#define SN_TOKCACHE_SLOTS 4096
typedef struct sn_tokcache_slot {
    const char *norm, *lemma;
    uint32_t gen;
    sn_tokinfo info;
} sn_tokcache_slot;

sn_rc sn_words_build(sn_words *w, const sn_dict *d);
void sn_words_free(sn_words *w);

struct sn_coder {
    const sn_dict *dict;
    uint32_t flags;       /* SN_DICTF_*: the image's options, as sn_coder_set_option() changed them */
    char def_source[16], def_target[16]; /* TABARI's DEFAULT codes, "" when off (sn_coder_set_default) */
    int def_prior, def_after;
    sn_vec events;        /* sn_event */
    sn_vec event_vg;      /* int32_t per event: its verb group in its sentence, or -1 */
    sn_vec mentions;      /* sn_mention, of the current sentence */
    sn_vec nps;           /* sn_np_actor per chunk of the current sentence */
    sn_words words;       /* the dictionary's word index, built with the coder */
    sn_vec tinfo;         /* sn_tokinfo per token of the current sentence; empty past its cap */
    sn_tokcache_slot *tcache; /* SN_TOKCACHE_SLOTS */
    uint32_t tgen;        /* the current document's number in tcache */
    sn_arena codes;       /* composed codes ("RUSMIL"); reset per document */
    sn_np_actor last_subject;  /* for "it", "they" in the next sentence */
    sn_write_fn trace_fn;
    void *trace_ctx;
};

/* Find dictionary phrases in tokens [b, e) into c->mentions. */
sn_rc sn_find_mentions(sn_coder *c, const sn_token *tok, uint32_t b, uint32_t e);
/* Fill c->nps from the sentence's chunks and the mentions. */
sn_rc sn_np_actors(sn_coder *c, const sn_token *tok, const sn_chunk *ch, uint32_t nch);
/* Does the sentence hold a discard phrase? */
int sn_has_discard(const sn_coder *c);
/* The code a state's name stands for at a date, when its actor block has
 * dated `code` lines ("Nagorno-Karabakh" after 2023 is Azerbaijan's); NULL
 * otherwise. */
const char *sn_np_dated_country(const sn_dict *d, const sn_np_actor *a, int32_t day);
/* The code of an NP actor at a date (days since 1970), interned in c->codes. */
const char *sn_np_code(sn_coder *c, const sn_np_actor *a, int32_t day);

/* A new document for the token-info cache (words.c). */
void sn_words_new_doc(sn_coder *c);
/* Fill c->tinfo for tokens [b, e) (words.c). */
void sn_word_bits(sn_coder *c, const sn_token *tok, uint32_t b, uint32_t e);

void sn_trace(sn_coder *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
