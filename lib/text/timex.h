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

#endif
