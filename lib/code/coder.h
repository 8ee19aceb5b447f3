/*
 * lib/code/coder.h — one sentence as the coding passes see it, and the
 * helpers they share: structure (subjects, clauses, governing verbs),
 * pattern matching (coder.c) and modality (modality.c).
 */
#ifndef SN_CODE_CODER_H
#define SN_CODE_CODER_H

#include "code/internal.h"

typedef struct sent {
    sn_coder *c;
    const sn_doc *doc;
    const sn_token *tok;
    uint32_t si, b, e;           /* sentence index and tokens */
    const sn_chunk *ch;
    uint32_t nch;
    const sn_clause *cl;
    uint32_t ncl;
    const sn_timex *tx;
    uint32_t ntx;
    sn_date pub;
    int has_pub;
    uint32_t used_end;           /* tokens before this that a pattern took, from used_begin */
    uint32_t used_begin;
    int discarded;               /* a discard pattern ("###") matched */
    int compound_subject;        /* the current verb's subject has conjuncts (SN_PATF_COMPOUND) */
    uint32_t coded_verb;         /* TABARI images: 1 + the head of the verb coded last, 0 when none */
} sent;

typedef struct match {
    int32_t target, source;      /* NP chunks, or -1 */
    uint32_t end;
    int score;                   /* pattern elements matched */
    int subject_is_target;       /* a passive direct-object match */
} match;

int32_t sn_np_starting(const sent *s, uint32_t b);
int32_t sn_clause_of(const sent *s, uint32_t i);
int32_t sn_governor(const sent *s, uint32_t vg);
/* Is verb group vg the complement of the verb before it: an infinitive,
 * a gerund, or an -ing form right after a verb ("denied shelling")? */
int sn_complement(const sent *s, uint32_t vg);
int32_t sn_subject(const sent *s, uint32_t vg, int depth);
/* The first of the coordinated NPs that NP np belongs to ("Russia" for
 * "Georgia" in "Russia and Georgia"); np itself when it is the first. */
int32_t sn_first_conjunct(const sent *s, int32_t np);
/* The best pattern for head (the norm or lemma of token head_tok). */
const sn_img_pat *sn_best_pattern(const sent *s, const char *head, uint32_t head_tok, uint8_t kind, uint32_t from,
                                  uint32_t limit, int passive, uint32_t clause_b, match *best);

/* How certain the event of verb group vg is, who says so, and the cue. */
typedef struct modal {
    sn_modality modality;
    int32_t speaker;             /* NP chunk, or -1 */
    int32_t cue;                 /* token, or -1 */
} modal;

void sn_modality_of(const sent *s, uint32_t vg, modal *out);

#endif
