/*
 * sentinel/code.h — the coding engine: from an analysed document to coded
 * events (who did what to whom, when, how certainly, says who).
 *
 * Ownership:
 *  - sn_coder is a per-thread workspace made by sn_coder_new() and freed by
 *    sn_coder_free(); the sn_dict it codes with is borrowed and must outlive
 *    it.
 *  - sn_code() returns borrowed events that live in the coder until its
 *    next sn_code() or sn_coder_free(); their strings point into the
 *    dictionary, the document, or the coder.
 */
#ifndef SENTINEL_CODE_H
#define SENTINEL_CODE_H

#include <stdint.h>
#include "sentinel/dict.h"
#include "sentinel/result.h"
#include "sentinel/text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sn_modality {
    SN_MOD_ASSERTED, SN_MOD_FUTURE, SN_MOD_INTENDED, SN_MOD_CONDITIONAL, SN_MOD_SPECULATIVE,
    SN_MOD_NEGATED, SN_MOD_DENIED, SN_MOD_THREATENED, SN_MOD_DEMANDED, SN_MOD_CLAIMED,
    SN_MOD__COUNT
} sn_modality;

const char *sn_modality_name(sn_modality m);
/* The modality named s, or -1. */
int sn_modality_from_name(const char *s);

/* One side of an event. code is NULL when the actor is absent. */
typedef struct sn_actor_ref {
    const char *code;     /* "RUSGOV" */
    const char *country;  /* "RUS", or "" */
    const char *role;     /* "GOV", or "" */
    const char *type;     /* "state", "igo", "ngo", "group", "company", "person", "agent" */
    uint32_t off, len;    /* the matched text in the article */
} sn_actor_ref;

typedef struct sn_event {
    uint32_t sentence;          /* index in the document */
    uint32_t off, len;          /* evidence: the sentence, bytes in the article text */
    sn_actor_ref source, target;
    char code[5];               /* CAMEO, leading zeros kept: "057" */
    char base_code[4], root_code[3];
    int quad_class;             /* 1-4, or 0 when unknown */
    double goldstein;
    const char *plover_type, *plover_mode;
    sn_modality modality;
    sn_actor_ref attribution;   /* who says so; code NULL when none */
    uint32_t cue_off, cue_len;  /* the modality cue in the text; len 0 when none */
    sn_date date_begin, date_end;
    sn_precision date_precision;
    int date_from_text;         /* 0: the publication date stands in */
    int historical;
    double confidence;
    char rules[128];            /* dictionary rules that fired, "verbs.txt:12 people.txt:40" */
} sn_event;

typedef struct sn_coder sn_coder;

sn_rc sn_coder_new(sn_coder **out, const sn_dict *dict);
void sn_coder_free(sn_coder *c);

/* Turn a coding option of the image (docs/dictionaries.md, "option":
 * default-actors, vp-target, require-dyad, anonymous-agents) on or off for
 * this coder, as validation records do; also TABARI's code-by-sentence and
 * code-all (SET: CODE BY ..., docs/compat.md). 0, or -1 for an unknown
 * name. */
int sn_coder_set_option(sn_coder *c, const char *name, int on);

/* TABARI's DEFAULT command (manual 8.5), for images with default-actors:
 * codes for a missing source or target (NULL: none; at most 15
 * characters); prior / after: also whenever no actor stands before / after
 * the verb. */
void sn_coder_set_default(sn_coder *c, const char *source, int prior, const char *target, int after);

/* Code every body sentence of doc (published on its publication date). */
sn_rc sn_code(sn_coder *c, const sn_doc *doc, const sn_event **events, uint32_t *n);

/* Like sn_code, and also write a trace of every decision (actor and verb
 * matches, and why each candidate became an event or did not) through
 * write; for `sentinel explain`. */
sn_rc sn_code_explain(sn_coder *c, const sn_doc *doc, sn_write_fn write, void *ctx,
                      const sn_event **events, uint32_t *n);

/* One event as a JSON object (docs/formats.md, "event record"), no newline. */
sn_rc sn_event_write_json(const sn_event *e, const sn_doc *doc, const char *article_id, uint32_t index,
                          sn_write_fn write, void *ctx);

#ifdef __cplusplus
}
#endif
#endif
