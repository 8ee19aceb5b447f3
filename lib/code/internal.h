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

struct sn_coder {
    const sn_dict *dict;
    uint32_t flags;       /* SN_DICTF_*: the image's options, as sn_coder_set_option() changed them */
    char def_source[16], def_target[16]; /* TABARI's DEFAULT codes, "" when off (sn_coder_set_default) */
    int def_prior, def_after;
    sn_vec events;        /* sn_event */
    sn_vec event_vg;      /* int32_t per event: its verb group in its sentence, or -1 */
    sn_vec mentions;      /* sn_mention, of the current sentence */
    sn_vec nps;           /* sn_np_actor per chunk of the current sentence */
    sn_vec wbits;         /* uint32_t per token of the current sentence: sn_word_bit of norm | lemma */
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

/* Fill c->wbits for tokens [b, e). */
void sn_word_bits(sn_coder *c, const sn_token *tok, uint32_t b, uint32_t e);

void sn_trace(sn_coder *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
