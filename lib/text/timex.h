/*
 * lib/text/timex.h — find time expressions in one sentence and resolve them
 * against the publication date ("on March 18", "in 2008", "last week",
 * "from 1992 to 1998"). Runs after tagging; allocates nothing.
 */
#ifndef SN_TEXT_TIMEX_H
#define SN_TEXT_TIMEX_H

#include "sentinel/text.h"

/*
 * Scan tokens [b, e) of one sentence (tok[i].norm is lower case, tag and
 * shape are set) and append each time expression found to out, at most cap
 * of them. pub is the publication date, or NULL: then relative expressions
 * are skipped. Returns the number appended.
 */
uint32_t sn_timex_find(const sn_token *tok, uint32_t b, uint32_t e,
                       const sn_date *pub, sn_timex *out, uint32_t cap);

/*
 * What a word (a token's norm) can be for the scan, as SN_TXW_* bits. It
 * depends on the word alone, so the analyzer computes it once per word in
 * its lexical cache instead of per token.
 */
enum {
    SN_TXW_START     = 3,      /* mask: which matchers may start at the word (0 = none) */
    SN_TXW_CUE       = 1 << 2, /* in a tense-cue list: will, would, has, was, going ... */
    SN_TXW_REPORTING = 1 << 3, /* said, told ...: no cue after the expression */
    SN_TXW_AUX       = 1 << 4, /* be/have forms: a VBD after it is no past cue */
    SN_TXW_AFTER_THE = 1 << 5, /* may follow "the" in an expression: 1990s, past, mid-... */
    SN_TXW_MONTH     = 1 << 6, /* a month name or abbreviation */
    SN_TXW_WEEKDAY   = 1 << 7, /* a weekday name or abbreviation */
    SN_TXW_UNIT      = 1 << 8, /* day(s), week(s) ... decade(s) */
    SN_TXW_DAY_WORD  = 1 << 9, /* yesterday, today, tomorrow, tonight */
    SN_TXW_MODIFIER  = 1 << 10, /* early, mid, late, or "mid-..." */
    SN_TXW_ONE_TOKEN = 1 << 11, /* 2015-03-18, 1992-98, 1990s: a date of one token */
    SN_TXW_DAY       = 1 << 12, /* 1-31, 18th: a day of the month */
    SN_TXW_YEAR      = 1 << 13  /* 1900-2099 */
};
unsigned sn_timex_word_class(const char *norm);

/* sn_timex_find with the word classes of tokens [b, e) given: cls[i - b]
 * is sn_timex_word_class(tok[i].norm). */
uint32_t sn_timex_find_classed(const sn_token *tok, const uint16_t *cls, uint32_t b, uint32_t e,
                               const sn_date *pub, sn_timex *out, uint32_t cap);

#endif
