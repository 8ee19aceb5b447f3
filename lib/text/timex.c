/*
 * lib/text/timex.c — find time expressions in one tagged sentence and
 * resolve them to calendar dates (sn_timex_find, declared in timex.h).
 *
 * INPUT. Tokens [b, e) of one sentence. Used fields: norm (lower case,
 * NUL-terminated; NULL is read as ""), shape (a month or weekday name must
 * not be SN_SHAPE_LOWER: "march" and "may" in lower case are never dates)
 * and tag (only SN_TAG_VBD, SN_TAG_VBN, SN_TAG_RB, SN_TAG_NNS, SN_TAG_MD
 * and the verb tags; see TENSE and YEARS). off/len and flags are not read.
 * Nothing outside [b, e) is read; nothing is allocated or printed.
 *
 * SCAN. Left to right; at each token the matchers below are tried in order
 * (the first that matches and resolves wins), the expression is emitted and
 * the scan resumes after it. Each matcher looks at a bounded window of
 * tokens, and tense cues are found with forward-only cursors, so the cost
 * is linear in e - b.
 *   1. "the" + decade:        the 1990s, the early 1990s, the mid-1990s,
 *                             the 1990's (one token or "1990" + "'s")
 *      "the" + past/next N:   the past two weeks, the past week, the next 10 days
 *   2. ranges:                from X to|until|till|through|- Y, between X and Y
 *                             (X, Y absolute; Y may be a bare day: from March 1 to 5)
 *   3. early|mid|late + year, month, decade or last/this/next year|month;
 *      one token mid-2014, mid-March, mid-1990s
 *   4. absolute:              2015-03-18 (ISO), 1992-1998 / 1992-98 (one token),
 *                             1990s, [Tuesday[,]] March 18[[,] 2015], March 1-5,
 *                             [Tuesday[,]] 18 March [2015], 18th of March [2015],
 *                             August 2008, August (licensed), 2008 (licensed)
 *   5. relative:              yesterday, today, tomorrow, tonight, Tuesday,
 *                             last|this|next week|weekend|month|year|Tuesday|August,
 *                             last night, this morning, earlier|later this
 *                             week|month|year, N days|weeks|months|years|decades ago
 *                             (N = digits, one..twenty, a/an)
 *   "recently", "in recent weeks", "in the near future" are not emitted;
 *   SN_TIMEX_FUZZY is never set.
 *
 * SPAN [tok_begin, tok_end). Starts at the first word of the expression:
 * a leading preposition (on, in, at, by, since, until, ...) is excluded;
 * "from"/"between" of a range, "the" of a decade or of "the past two
 * weeks", and modifiers (last, next, this, early, mid, late, earlier this,
 * later this) are included. A weekday written with its date is one
 * expression ("Tuesday, March 17"); "Tuesday night", "yesterday morning"
 * include the part of day. A trailing possessive 's is excluded. In "the
 * 2008 war" only "2008" is emitted.
 *
 * LICENSING. A month name needs a day, a year, a modifier or a range around
 * it, or must follow a trigger word: in, since, until, till, by, during,
 * before, after, throughout, through, of (also on, from, to, and, or for the
 * unambiguous names). Ambiguous words (May, March, and abbreviations
 * written without a period: Jan, Aug, ...) need a day or year, or a trigger
 * of the first list and no verb or modal tag right after ("in May will" is
 * lost; "May could", "Theresa May said", "Gen. March" never match).
 * A bare year (1900-2099) needs one of:
 *  - a preceding in, since, by, until, till, from, before, after, during,
 *    of, throughout, through, circa; rejected when the next token is tagged
 *    NNS, is %/percent, or is to/and/or/- before a number that is not a
 *    year ("by 2000 votes", "from 2000 to 3000 soldiers");
 *  - a preceding "the", "'s" or "year" ("the 2008 war" => 2008, so "the
 *    2000 soldiers" is read as a year too), or a following "'s";
 *  - a comma or parenthesis on both sides (", 2008," "(2008)");
 *  - and/or/"," right after another year ("in 1994 and 1999").
 * "the last"/"the next" are not calendar words ("the last week of March"
 * yields only March). "Today" after a capitalised word is a name ("Russia
 * Today"), not a date.
 *
 * RESOLUTION (P = *pub). Relative expressions (all of 5, and any date
 * whose year is taken from P) get SN_TIMEX_RELATIVE; with pub NULL (or not
 * a valid full date) they are skipped.
 *   yesterday P-1, today/tonight/this morning P, last night P-1,
 *   tomorrow P+1 (day). Weekday: most recent on or before P, or the next
 *   strictly after P when the tense is future; last X: most recent strictly
 *   before P; next X: first strictly after P; this X: the X of P's week.
 *   last/this/next week: Monday-Sunday ranges; weekend: Saturday-Sunday
 *   of that week; month: month precision; year: year precision; last
 *   August: the most recent August before P's month, next August the first
 *   after it.
 *   earlier this week|month|year: first day .. P; later this ...: P+1 ..
 *   last day (ranges; none when empty).
 *   N days/weeks ago: P-N / P-7N (day); months ago: month precision;
 *   years/decades ago: year precision.
 *   the past N units: P minus N units .. P (day range; "the past week" is
 *   N = 1); the next N units: P .. P plus N units.
 *   Month or day without a year: P's year, or the year before when the
 *   tense is past and the date lies after P, or the year after when the
 *   tense is future and it lies before P (months compare at month level).
 *   A date that does not exist (February 29 in a common year, April 31) is
 *   not emitted.
 *   early/mid/late: of a year Y-01/Y-04, Y-05/Y-08, Y-09/Y-12; of a month
 *   days 1-10, 11-20, 21-last; of a decade D/D+3, D+4/D+6, D+7/D+9. All
 *   are ranges (precision SN_PREC_RANGE).
 *   Decade 1990s: 1990/1999 range. Year range token 1992-98: 1992/1998.
 *   Ranges: each end keeps its own precision. An end without a year takes
 *   the other end's (the begin the year before if it would lie after the
 *   end, the end the year after if it would lie before the begin); if
 *   neither has one, the begin is resolved as above. A range whose begin
 *   lies after its end is not emitted.
 *
 * TENSE (for weekdays and dates without a year). The nearest tense cue
 * before the expression in the sentence decides; when there is none, the
 * nearest cue after it.
 *  - Future: will, shall, 'll, would (not "would have": reported future,
 *    "said it would sign on Friday"), wo (in "wo n't"), and X + "to" for X
 *    in going, is, are, am, plans, plan, planning, expected, scheduled,
 *    has, have; "due to" after is/are/was/were.
 *  - Past: was, were, had, did; has/have followed (optionally after an RB)
 *    by a VBN/VBD or "been"; a VBD-tagged token, unless it follows a
 *    be/have auxiliary (a mis-tagged participle: "will be signed" is
 *    future).
 *  - After the expression, reporting verbs (said, told, announced, ...)
 *    are not cues: "Talks are set for March 18, officials said" is neutral.
 *  - Anything else (present tense) is neutral: weekdays then look back and
 *    dates take P's year, as the README says.
 */
#include "text/timex.h"
#include "util/date.h"

#include <stdbool.h>
#include <pthread.h>
#include <string.h>

enum { T_NONE, T_PAST, T_FUTURE };
enum { K_DAY, K_MONTH, K_YEAR, K_DECADE, K_RANGE };
enum { M_EARLY = 1, M_MID, M_LATE };
enum { U_DAY = 1, U_WEEK, U_MONTH, U_YEAR, U_DECADE };

#define AMB 16      /* month word needs strong context */
#define SINGULAR 16 /* unit word is singular */
#define NO_WD (-1)

typedef struct word_val {
    const char *w;
    int v;
} word_val;

static const word_val MONTHS[] = {
    {"january", 1}, {"jan.", 1}, {"jan", 1 | AMB},
    {"february", 2}, {"feb.", 2}, {"feb", 2 | AMB},
    {"march", 3 | AMB}, {"mar.", 3}, {"mar", 3 | AMB},
    {"april", 4}, {"apr.", 4}, {"apr", 4 | AMB},
    {"may", 5 | AMB},
    {"june", 6}, {"jun.", 6}, {"jun", 6 | AMB},
    {"july", 7}, {"jul.", 7}, {"jul", 7 | AMB},
    {"august", 8}, {"aug.", 8}, {"aug", 8 | AMB},
    {"september", 9}, {"sept.", 9}, {"sep.", 9}, {"sept", 9 | AMB}, {"sep", 9 | AMB},
    {"october", 10}, {"oct.", 10}, {"oct", 10 | AMB},
    {"november", 11}, {"nov.", 11}, {"nov", 11 | AMB},
    {"december", 12}, {"dec.", 12}, {"dec", 12 | AMB},
};

static const word_val WEEKDAYS[] = {
    {"monday", 0}, {"mon.", 0}, {"tuesday", 1}, {"tue.", 1}, {"tues.", 1},
    {"wednesday", 2}, {"wed.", 2}, {"thursday", 3}, {"thu.", 3}, {"thur.", 3},
    {"thurs.", 3}, {"friday", 4}, {"fri.", 4}, {"saturday", 5}, {"sat.", 5},
    {"sunday", 6}, {"sun.", 6},
};

static const word_val NUMBERS[] = {
    {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5},
    {"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10},
    {"eleven", 11}, {"twelve", 12}, {"thirteen", 13}, {"fourteen", 14},
    {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18},
    {"nineteen", 19}, {"twenty", 20},
};

static const word_val UNITS[] = {
    {"day", U_DAY | SINGULAR}, {"days", U_DAY},
    {"week", U_WEEK | SINGULAR}, {"weeks", U_WEEK},
    {"month", U_MONTH | SINGULAR}, {"months", U_MONTH},
    {"year", U_YEAR | SINGULAR}, {"years", U_YEAR},
    {"decade", U_DECADE | SINGULAR}, {"decades", U_DECADE},
};

static const word_val MODIFIERS[] = {{"early", M_EARLY}, {"mid", M_MID}, {"late", M_LATE}};

/* Day offsets from P; 'tonight' has no part of day after it. */
static const word_val DAY_WORDS[] = {
    {"yesterday", -1}, {"today", 0}, {"tomorrow", 1}, {"tonight", 0},
};

static const word_val DIRECTIONS[] = {{"last", -1}, {"this", 0}, {"next", 1}};

static const char *const PARTS_OF_DAY[] = {"morning", "afternoon", "evening", "night"};

/* Triggers before a month alone; STRONG ones also license May/March/Jan. */
static const char *const MONTH_STRONG[] = {
    "in", "since", "until", "till", "by", "during", "before", "after",
    "throughout", "through", "of",
};
static const char *const MONTH_WEAK[] = {"on", "from", "to", "and", "or"};

static const char *const YEAR_PREPS[] = {
    "in", "since", "by", "until", "till", "from", "before", "after",
    "during", "of", "throughout", "through", "circa",
};
static const char *const YEAR_DETS[] = {"the", "'s", "year"};
static const char *const COUNT_AFTER[] = {"%", "percent", "per"};
static const char *const CONNECTORS[] = {"to", "and", "or", "-"};
static const char *const LIST_JOINERS[] = {"and", "or", ","};
static const char *const RANGE_TO[] = {"to", "until", "till", "through", "-"};

static const char *const FUTURE_WORDS[] = {"will", "shall", "'ll"};
static const char *const FUTURE_BEFORE_TO[] = {
    "going", "is", "are", "am", "plans", "plan", "planning", "expected",
    "scheduled", "has", "have",
};
static const char *const PAST_WORDS[] = {"was", "were", "had", "did"};
static const char *const BE_WORDS[] = {"is", "are", "was", "were", "'s", "'re"};
static const char *const AUXILIARIES[] = {
    "be", "been", "being", "is", "are", "am", "was", "were", "'s", "'re",
    "has", "have", "had", "'ve", "'d",
};
/* Not cues when they follow the expression: "..., officials said." */
static const char *const REPORTING[] = {
    "said", "says", "say", "told", "added", "reported", "announced", "stated",
    "according", "noted", "claimed", "insisted", "confirmed",
};

static int lookup(const word_val *t, size_t n, const char *s, int dflt)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].w[0] == s[0] && strcmp(t[i].w, s) == 0)
            return t[i].v;
    return dflt;
}

static bool in_set(const char *const *set, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (set[i][0] == s[0] && strcmp(set[i], s) == 0)
            return true;
    return false;
}

#define LOOKUP(t, s, d) lookup((t), sizeof(t) / sizeof *(t), (s), (d))
#define IN_SET(t, s) in_set((t), sizeof(t) / sizeof *(t), (s))

/* Scan state and token access                                          */

typedef struct ctx {
    const sn_token *tok;
    const uint16_t *cls;    /* word classes of [b, e), or NULL to compute them */
    uint32_t b, e;
    const sn_date *pub;     /* NULL when missing or not a valid full date */
    /* tense cues: forward-only cursors, see tense_of() */
    uint32_t before_pos;    /* cues in [b, before_pos) have been seen */
    int before_kind;        /* kind of the last of them, T_NONE if none */
    uint32_t after_from;    /* the cached next cue was searched from here */
    uint32_t after_idx;     /* its index, or e when there is none */
    int after_kind;
} ctx;

/* A candidate expression before resolution; year 0 = take it from P. */
typedef struct cand {
    uint32_t s, end;        /* token span [s, end) */
    sn_date lo, hi;
    uint8_t kind;           /* K_* */
    uint8_t flags;          /* SN_TIMEX_* */
    bool clamp_hi;          /* hi.day means "last day of the month" */
    bool cmp_month;         /* compare lo with P at month level */
    int8_t weekday;         /* a bare weekday to resolve by tense, or NO_WD */
} cand;

static bool in_range(const ctx *c, uint32_t i)
{
    return i >= c->b && i < c->e;
}

/* The norm of token i, or "" outside [b, e). */
static const char *W(const ctx *c, uint32_t i)
{
    if (!in_range(c, i) || !c->tok[i].norm)
        return "";
    return c->tok[i].norm;
}

static bool is(const ctx *c, uint32_t i, const char *w)
{
    const char *s = W(c, i);
    return s[0] == w[0] && strcmp(s, w) == 0;
}

static int tag(const ctx *c, uint32_t i)
{
    return in_range(c, i) ? c->tok[i].tag : SN_TAG_NONE;
}

static bool capitalised(const ctx *c, uint32_t i)
{
    return in_range(c, i) && c->tok[i].shape != SN_SHAPE_LOWER;
}

/* The SN_TXW_* class of token i's word (timex.h); 0 outside [b, e). */
static inline unsigned word_class(const ctx *c, uint32_t i)
{
    if (i - c->b >= c->e - c->b) /* i outside [b, e), in one test */
        return 0;
    return c->cls ? c->cls[i - c->b] : sn_timex_word_class(W(c, i));
}

static sn_date mk(int y, int m, int d)
{
    sn_date out = {(int16_t)y, (uint8_t)m, (uint8_t)d};
    return out;
}

static void cand_init(cand *k, uint32_t s, uint32_t end, int kind, sn_date lo, sn_date hi)
{
    memset(k, 0, sizeof *k);
    k->s = s;
    k->end = end;
    k->kind = (uint8_t)kind;
    k->lo = lo;
    k->hi = hi;
    k->weekday = NO_WD;
}

/* Number and name shapes (on strings)                                   */

/* Value of s when it is 1..maxd ASCII digits, else -1. */
static int digits(const char *s, int maxd)
{
    int v = 0, n = 0;
    for (; *s; s++, n++) {
        if (*s < '0' || *s > '9' || n == maxd)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return n ? v : -1;
}

/* Value of the first n chars of s when all are digits, else -1. */
static int digits_n(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static bool year_ok_value(int y)
{
    return y >= 1900 && y <= 2099;
}

/* A year 1900-2099 written as four digits, else 0. */
static int year_str(const char *s)
{
    int y = strlen(s) == 4 ? digits(s, 4) : -1;
    return year_ok_value(y) ? y : 0;
}

/* A decade "1990s" or "1990's", else 0. */
static int decade_str(const char *s)
{
    size_t n = strlen(s);
    if (!(n == 5 && s[4] == 's') && !(n == 6 && s[4] == '\'' && s[5] == 's'))
        return 0;
    int y = digits_n(s, 4);
    return year_ok_value(y) && y % 10 == 0 ? y : 0;
}

/* Is s an ordinal suffix fitting the number v (1st, 2nd, 3rd, 4th...)? */
static bool ordinal_suffix(const char *s, int v)
{
    const char *want = "th";
    if (v % 100 < 11 || v % 100 > 13) {
        if (v % 10 == 1) want = "st";
        else if (v % 10 == 2) want = "nd";
        else if (v % 10 == 3) want = "rd";
    }
    return strcmp(s, want) == 0;
}

/* A day of month 1-31: "18" or "18th"; else 0. *ord tells which. */
static int day_str(const char *s, bool *ord)
{
    int n = 0, v = 0;
    while (n < 2 && s[n] >= '0' && s[n] <= '9')
        v = v * 10 + (s[n++] - '0');
    if (n == 0 || v < 1 || v > 31)
        return 0;
    *ord = s[n] != '\0';
    if (*ord && !ordinal_suffix(s + n, v))
        return 0;
    return v;
}

/* Length of a range dash at s ("-" or an en dash), else 0. */
static int dash_len(const char *s)
{
    if (s[0] == '-')
        return 1;
    if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] == 0x93)
        return 3;
    return 0;
}

/* "1992-1998" or "1992-98" (first < second), else false. */
static bool year_range_str(const char *s, int *a, int *z)
{
    int y1 = digits_n(s, 4), d = year_ok_value(y1) ? dash_len(s + 4) : 0;
    if (!d)
        return false;
    const char *t = s + 4 + d;
    int y2 = strlen(t) == 4 ? digits(t, 4) : strlen(t) == 2 ? digits(t, 2) : -1;
    if (y2 >= 0 && y2 < 100)
        y2 += y1 - y1 % 100;
    if (!year_ok_value(y2) || y2 <= y1)
        return false;
    *a = y1;
    *z = y2;
    return true;
}

/* "1-5" (days, first < second), else false. */
static bool day_range_str(const char *s, int *a, int *z)
{
    int n = 0, v = 0;
    while (n < 2 && s[n] >= '0' && s[n] <= '9')
        v = v * 10 + (s[n++] - '0');
    int d = n ? dash_len(s + n) : 0;
    if (!d)
        return false;
    int w = digits(s + n + d, 2);
    if (v < 1 || w > 31 || w <= v)
        return false;
    *a = v;
    *z = w;
    return true;
}

/* An ISO date "2015-03-18", else false. */
static bool iso_str(const char *s, sn_date *out)
{
    return strlen(s) == 10 && sn_date_parse(s, 10, out) == 0 && out->year >= 1;
}

/* A count: digits (1-9999), one..twenty, or "a"/"an" when a_ok; else 0. */
static int count_str(const char *s, bool a_ok)
{
    if (a_ok && (strcmp(s, "a") == 0 || strcmp(s, "an") == 0))
        return 1;
    int v = digits(s, 4);
    return v > 0 ? v : LOOKUP(NUMBERS, s, 0);
}

/* Token-level recognisers                                              */

/* Month named by token i (capitalised), else 0; *amb for ambiguous words. */
static int month_tok(const ctx *c, uint32_t i, bool *amb)
{
    if (!capitalised(c, i) || !(word_class(c, i) & SN_TXW_MONTH)) {
        *amb = false; /* what the lookup would give */
        return 0;
    }
    int v = LOOKUP(MONTHS, W(c, i), 0);
    *amb = (v & AMB) != 0;
    return v & 15;
}

/* Weekday 0-6 named by token i (capitalised), else NO_WD. */
static int weekday_tok(const ctx *c, uint32_t i)
{
    return capitalised(c, i) && (word_class(c, i) & SN_TXW_WEEKDAY) ? LOOKUP(WEEKDAYS, W(c, i), NO_WD) : NO_WD;
}

static bool verb_tag(int t)
{
    return t == SN_TAG_MD || t == SN_TAG_VB || t == SN_TAG_VBD ||
           t == SN_TAG_VBP || t == SN_TAG_VBZ;
}

static bool starts_with_digit(const char *s)
{
    return s[0] >= '0' && s[0] <= '9';
}

/* May a month word at i stand alone, the expression starting at s? */
static bool month_alone_ok(const ctx *c, uint32_t s, uint32_t i, bool amb)
{
    const char *p = W(c, s - 1);
    if (IN_SET(MONTH_STRONG, p))
        return !amb || !verb_tag(tag(c, i + 1));
    return !amb && IN_SET(MONTH_WEAK, p);
}

/* May the bare year at i (not part of a larger construct) be read as one? */
static bool year_alone_ok(const ctx *c, uint32_t i)
{
    const char *p = W(c, i - 1), *n = W(c, i + 1);
    if (IN_SET(YEAR_DETS, p) || strcmp(n, "'s") == 0)
        return true;
    if (strcmp(p, ",") == 0 && (!*n || strcmp(n, ",") == 0 || strcmp(n, ".") == 0))
        return true;
    if (strcmp(p, "(") == 0 && strcmp(n, ")") == 0)
        return true;
    if (IN_SET(LIST_JOINERS, p) && year_str(W(c, i - 2)))
        return true;                       /* "in 1994 and 1999" */
    if (!IN_SET(YEAR_PREPS, p))
        return false;
    if (tag(c, i + 1) == SN_TAG_NNS || IN_SET(COUNT_AFTER, n))
        return false;
    const char *n2 = W(c, i + 2);          /* "from 2000 to 3000" */
    return !(IN_SET(CONNECTORS, n) && starts_with_digit(n2) && !year_str(n2));
}

/* Tokens of a part of day ("night") at i: 1 or 0. */
static uint32_t part_of_day(const ctx *c, uint32_t i)
{
    return IN_SET(PARTS_OF_DAY, W(c, i)) ? 1 : 0;
}

/* Absolute expressions                                                 */

/* Extend o with a year right after it ("March 18, 2015", "18 March 2015"). */
static void take_year(const ctx *c, cand *o, bool comma_ok)
{
    uint32_t k = o->end;
    if (comma_ok && is(c, k, ","))
        k++;
    int y = year_str(W(c, k));
    if (!y)
        return;
    o->lo.year = o->hi.year = (int16_t)y;
    o->end = k + 1;
}

/* "March 18", "March 1-5" at j, with an optional year. */
static bool month_day(const ctx *c, uint32_t j, cand *o)
{
    bool amb, ord;
    int m = month_tok(c, j, &amb), d, d2;
    if (!m)
        return false;
    if ((d = day_str(W(c, j + 1), &ord)) != 0)
        cand_init(o, j, j + 2, K_DAY, mk(0, m, d), mk(0, m, d));
    else if (day_range_str(W(c, j + 1), &d, &d2))
        cand_init(o, j, j + 2, K_RANGE, mk(0, m, d), mk(0, m, d2));
    else
        return false;
    take_year(c, o, true);
    return true;
}

/* "18 March", "18th of March" at j, with an optional year. */
static bool day_month(const ctx *c, uint32_t j, cand *o)
{
    bool amb, ord;
    int d = word_class(c, j) & SN_TXW_DAY ? day_str(W(c, j), &ord) : 0;
    if (!d)
        return false;
    uint32_t k = j + 1;
    if (ord && is(c, k, "of"))
        k++;
    int m = month_tok(c, k, &amb);
    if (!m)
        return false;
    cand_init(o, j, k + 1, K_DAY, mk(0, m, d), mk(0, m, d));
    take_year(c, o, false);
    return true;
}

/* One-token forms at i: ISO date, year range, decade. */
static bool one_token(const ctx *c, uint32_t i, cand *o)
{
    if (!(word_class(c, i) & SN_TXW_ONE_TOKEN))
        return false; /* none of the three forms below */
    const char *w = W(c, i);
    sn_date d;
    int y1, y2;
    if (iso_str(w, &d))
        cand_init(o, i, i + 1, K_DAY, d, d);
    else if (year_range_str(w, &y1, &y2))
        cand_init(o, i, i + 1, K_RANGE, mk(y1, 0, 0), mk(y2, 0, 0));
    else if ((y1 = decade_str(w)) != 0)
        cand_init(o, i, i + 1, K_DECADE, mk(y1, 0, 0), mk(y1 + 9, 0, 0));
    else
        return false;
    return true;
}

/*
 * An absolute expression at i; s is where the whole expression starts
 * (licensing looks before s). inner: part of a range or modifier, which
 * licenses a bare year or month.
 */
static bool parse_abs(const ctx *c, uint32_t s, uint32_t i, bool inner, cand *o)
{
    if (one_token(c, i, o))
        return true;
    if (weekday_tok(c, i) != NO_WD) {
        uint32_t j = is(c, i + 1, ",") ? i + 2 : i + 1;
        if (!month_day(c, j, o) && !day_month(c, j, o))
            return false;
        o->s = i;
        return true;
    }
    if (month_day(c, i, o) || day_month(c, i, o))
        return true;
    bool amb;
    int m = month_tok(c, i, &amb), y;
    if (m) {
        if ((y = year_str(W(c, i + 1))) != 0)
            cand_init(o, i, i + 2, K_MONTH, mk(y, m, 0), mk(y, m, 0));
        else if (inner || month_alone_ok(c, s, i, amb))
            cand_init(o, i, i + 1, K_MONTH, mk(0, m, 0), mk(0, m, 0));
        else
            return false;
        return true;
    }
    y = word_class(c, i) & SN_TXW_YEAR ? year_str(W(c, i)) : 0;
    if (!y || !(inner || year_alone_ok(c, i)))
        return false;
    cand_init(o, i, i + 1, K_YEAR, mk(y, 0, 0), mk(y, 0, 0));
    return true;
}

/* Relative expressions                                                 */

static sn_date add_months(sn_date d, int n)
{
    int32_t t = (int32_t)d.year * 12 + (d.month - 1) + n;
    int y = (int)(t >= 0 ? t / 12 : -((-t + 11) / 12));
    int m = (int)(t - (int32_t)y * 12) + 1;
    if (y < 1 || y > 9999)
        return mk(-1, 1, 1);   /* out of range: date_valid() rejects it */
    int md = sn_date_month_days(y, m);
    return mk(y, m, d.day > md ? md : d.day);
}

/* P shifted by n units (n may be negative), day precision. */
static sn_date shift(const sn_date *p, int unit, int n)
{
    switch (unit) {
    case U_DAY:    return sn_date_add_days(p, n);
    case U_WEEK:   return sn_date_add_days(p, 7 * n);
    case U_MONTH:  return add_months(*p, n);
    case U_YEAR:   return add_months(*p, 12 * n);
    default:       return add_months(*p, 120 * n);
    }
}

static sn_date monday_of(const sn_date *p)
{
    return sn_date_add_days(p, -sn_date_weekday(p));
}

static void rel(cand *o, uint32_t s, uint32_t end, int kind, sn_date lo, sn_date hi)
{
    cand_init(o, s, end, kind, lo, hi);
    o->flags = SN_TIMEX_RELATIVE;
}

/* yesterday/today/tomorrow/tonight [+ part of day] at i. */
static bool day_word(const ctx *c, uint32_t i, cand *o)
{
    if (!(word_class(c, i) & SN_TXW_DAY_WORD))
        return false; /* the lookup below would fail */
    int off = LOOKUP(DAY_WORDS, W(c, i), 99);
    if (off == 99)
        return false;
    /* "Russia Today", "USA Today": a name, not a date */
    if (is(c, i, "today") && i > c->b && capitalised(c, i) &&
        (c->tok[i - 1].shape == SN_SHAPE_TITLE || c->tok[i - 1].shape == SN_SHAPE_UPPER))
        return false;
    uint32_t end = i + 1;
    if (!is(c, i, "tonight"))
        end += part_of_day(c, end);
    sn_date d = sn_date_add_days(c->pub, off);
    rel(o, i, end, K_DAY, d, d);
    return true;
}

/* last/this/next + weekday at i+1 (dir -1, 0, 1). */
static void dir_weekday(const ctx *c, uint32_t i, int dir, int wd, cand *o)
{
    int pw = sn_date_weekday(c->pub), delta;
    if (dir < 0)
        delta = -((pw - wd + 7) % 7 ? (pw - wd + 7) % 7 : 7);
    else if (dir > 0)
        delta = (wd - pw + 7) % 7 ? (wd - pw + 7) % 7 : 7;
    else
        delta = wd - pw;
    sn_date d = sn_date_add_days(c->pub, delta);
    rel(o, i, i + 2 + part_of_day(c, i + 2), K_DAY, d, d);
}

/* last/this/next + month name at i+1. */
static void dir_month(const ctx *c, uint32_t i, int dir, int m, cand *o)
{
    int y = c->pub->year;
    if (dir < 0 && m >= c->pub->month)
        y--;
    else if (dir > 0 && m <= c->pub->month)
        y++;
    rel(o, i, i + 2, K_MONTH, mk(y, m, 0), mk(y, m, 0));
}

/* last/this/next week|weekend|month|year|night|morning|weekday|month at i. */
static bool dir_word(const ctx *c, uint32_t i, cand *o)
{
    int dir = LOOKUP(DIRECTIONS, W(c, i), 99);
    if (dir == 99 || (dir != 0 && is(c, i - 1, "the")))
        return false;
    const char *n = W(c, i + 1);
    const sn_date *p = c->pub;
    sn_date mon = monday_of(p), lo;
    bool amb;
    int wd = weekday_tok(c, i + 1), m = month_tok(c, i + 1, &amb);
    if (strcmp(n, "week") == 0) {
        lo = sn_date_add_days(&mon, 7 * dir);
        rel(o, i, i + 2, K_RANGE, lo, sn_date_add_days(&lo, 6));
    } else if (strcmp(n, "weekend") == 0) {
        lo = sn_date_add_days(&mon, 7 * dir + 5);
        rel(o, i, i + 2, K_RANGE, lo, sn_date_add_days(&lo, 1));
    } else if (strcmp(n, "month") == 0) {
        lo = add_months(mk(p->year, p->month, 1), dir);
        lo.day = 0;
        rel(o, i, i + 2, K_MONTH, lo, lo);
    } else if (strcmp(n, "year") == 0) {
        rel(o, i, i + 2, K_YEAR, mk(p->year + dir, 0, 0), mk(p->year + dir, 0, 0));
    } else if (IN_SET(PARTS_OF_DAY, n) && (dir == 0 || (dir < 0 && strcmp(n, "night") == 0))) {
        lo = sn_date_add_days(p, dir);
        rel(o, i, i + 2, K_DAY, lo, lo);
    } else if (wd != NO_WD) {
        dir_weekday(c, i, dir, wd, o);
    } else if (m) {
        dir_month(c, i, dir, m, o);
    } else {
        return false;
    }
    return true;
}

/* earlier|later this week|month|year at i. */
static bool earlier_later(const ctx *c, uint32_t i, cand *o)
{
    bool earlier = is(c, i, "earlier");
    if ((!earlier && !is(c, i, "later")) || !is(c, i + 1, "this"))
        return false;
    const char *n = W(c, i + 2);
    const sn_date *p = c->pub;
    sn_date first, last;
    if (strcmp(n, "week") == 0) {
        first = monday_of(p);
        last = sn_date_add_days(&first, 6);
    } else if (strcmp(n, "month") == 0) {
        first = mk(p->year, p->month, 1);
        last = mk(p->year, p->month, sn_date_month_days(p->year, p->month));
    } else if (strcmp(n, "year") == 0) {
        first = mk(p->year, 1, 1);
        last = mk(p->year, 12, 31);
    } else {
        return false;
    }
    if (earlier)
        rel(o, i, i + 3, K_RANGE, first, *p);
    else
        rel(o, i, i + 3, K_RANGE, sn_date_add_days(p, 1), last);
    return true;
}

/* N days|weeks|months|years|decades ago at i. */
static bool ago(const ctx *c, uint32_t i, cand *o)
{
    if (!(word_class(c, i + 1) & SN_TXW_UNIT) || !is(c, i + 2, "ago"))
        return false; /* tested below too, after the costlier look-ups */
    int u = LOOKUP(UNITS, W(c, i + 1), 0);
    int n = count_str(W(c, i), (u & SINGULAR) != 0);
    if (!n || !u || !is(c, i + 2, "ago"))
        return false;
    u &= 15;
    sn_date d = shift(c->pub, u, -n);
    if (u == U_MONTH)
        d.day = 0;
    else if (u >= U_YEAR)
        d.month = d.day = 0;
    int kind = u <= U_WEEK ? K_DAY : u == U_MONTH ? K_MONTH : K_YEAR;
    rel(o, i, i + 3, kind, d, d);
    return true;
}

/* A relative expression at i; needs a publication date. */
static bool match_rel(const ctx *c, uint32_t i, cand *o)
{
    if (!c->pub)
        return false;
    if (day_word(c, i, o) || dir_word(c, i, o) || earlier_later(c, i, o) || ago(c, i, o))
        return true;
    int wd = weekday_tok(c, i);
    if (wd == NO_WD)
        return false;
    cand_init(o, i, i + 1 + part_of_day(c, i + 1), K_DAY, *c->pub, *c->pub);
    o->flags = SN_TIMEX_RELATIVE;
    o->weekday = (int8_t)wd;
    return true;
}

/* Modifiers, "the", ranges                                             */

/* Turn a year, month or decade into its early/mid/late part (a range). */
static bool apply_mod(int mod, cand *o)
{
    static const uint8_t year_m[3][2] = {{1, 4}, {5, 8}, {9, 12}};
    static const uint8_t month_d[3][2] = {{1, 10}, {11, 20}, {21, 31}};
    static const uint8_t decade_y[3][2] = {{0, 3}, {4, 6}, {7, 9}};
    int k = mod - 1;
    switch (o->kind) {
    case K_YEAR:
        o->lo.month = year_m[k][0];
        o->hi.month = year_m[k][1];
        break;
    case K_MONTH:
        o->lo.day = month_d[k][0];
        o->hi.day = month_d[k][1];
        o->clamp_hi = mod == M_LATE;
        o->cmp_month = true;
        break;
    case K_DECADE:
        o->hi.year = (int16_t)(o->lo.year + decade_y[k][1]);
        o->lo.year = (int16_t)(o->lo.year + decade_y[k][0]);
        break;
    default:
        return false;
    }
    o->kind = K_RANGE;
    return true;
}

/* The one-token "mid-2014", "mid-March", "mid-1990s" at i. */
static bool mid_token(const ctx *c, uint32_t i, cand *o)
{
    const char *w = W(c, i);
    if (strncmp(w, "mid-", 4) != 0)
        return false;
    w += 4;
    int y = year_str(w), m = LOOKUP(MONTHS, w, 0) & 15, d = decade_str(w);
    if (y)
        cand_init(o, i, i + 1, K_YEAR, mk(y, 0, 0), mk(y, 0, 0));
    else if (d)
        cand_init(o, i, i + 1, K_DECADE, mk(d, 0, 0), mk(d + 9, 0, 0));
    else if (m && (y = year_str(W(c, i + 1))) != 0)
        cand_init(o, i, i + 2, K_MONTH, mk(y, m, 0), mk(y, m, 0)); /* "mid-March 2014" */
    else if (m)
        cand_init(o, i, i + 1, K_MONTH, mk(0, m, 0), mk(0, m, 0));
    else
        return false;
    return apply_mod(M_MID, o);
}

/* early|mid|late + year, month, decade or last/this/next year|month at i. */
static bool match_modified(const ctx *c, uint32_t i, cand *o)
{
    if (!(word_class(c, i) & SN_TXW_MODIFIER))
        return false; /* neither "mid-..." nor early, mid, late */
    if (mid_token(c, i, o))
        return true;
    int mod = LOOKUP(MODIFIERS, W(c, i), 0);
    if (!mod)
        return false;
    if (!parse_abs(c, i, i + 1, true, o) && !match_rel(c, i + 1, o))
        return false;
    if (o->weekday != NO_WD || !apply_mod(mod, o))
        return false;
    o->s = i;
    return true;
}

/* the past|last|previous|next|coming [N] units at i ("the" at i). */
static bool the_period(const ctx *c, uint32_t i, cand *o)
{
    const char *w = W(c, i + 1);
    bool past = !strcmp(w, "past") || !strcmp(w, "last") || !strcmp(w, "previous");
    bool next = !strcmp(w, "next") || !strcmp(w, "coming");
    if (!c->pub || (!past && !next))
        return false;
    uint32_t j = i + 2;
    int n = count_str(W(c, j), false);
    if (n)
        j++;
    int u = LOOKUP(UNITS, W(c, j), 0);
    if (!u || (!n && (!(u & SINGULAR) || strcmp(w, "past") != 0)))
        return false;
    sn_date other = shift(c->pub, u & 15, past ? -(n ? n : 1) : n);
    if (past)
        rel(o, i, j + 1, K_RANGE, other, *c->pub);
    else
        rel(o, i, j + 1, K_RANGE, *c->pub, other);
    return true;
}

/* "the" + decade ("the 1990s", "the early 1990s", "the mid-1990s",
 * "the 1990 's") at i. */
static bool the_decade(const ctx *c, uint32_t i, cand *o)
{
    uint32_t j = i + 1;
    const char *w = W(c, j);
    int mod = LOOKUP(MODIFIERS, w, 0);
    if (mod)
        w = W(c, ++j);
    int d = decade_str(w), y = year_str(w);
    if (d) {
        cand_init(o, i, j + 1, K_DECADE, mk(d, 0, 0), mk(d + 9, 0, 0));
    } else if (!mod && y && y % 10 == 0 && is(c, j + 1, "'s")) {
        cand_init(o, i, j + 2, K_DECADE, mk(y, 0, 0), mk(y + 9, 0, 0));
    } else if (!mod && strncmp(w, "mid-", 4) == 0 && decade_str(w + 4)) {
        mid_token(c, j, o);
        o->s = i;
        return true;
    } else {
        return false;
    }
    return !mod || apply_mod(mod, o);
}

static bool match_the(const ctx *c, uint32_t i, cand *o)
{
    /* Both need a word after "the" that the class marks as able to follow it. */
    return is(c, i, "the") && (word_class(c, i + 1) & SN_TXW_AFTER_THE) &&
           (the_decade(c, i, o) || the_period(c, i, o));
}

/* One end of a range at j; s is where the range starts. */
static bool range_end(const ctx *c, uint32_t s, uint32_t j, cand *o)
{
    return match_modified(c, j, o) || parse_abs(c, s, j, true, o);
}

/* The far end when it is a bare day: "from March 1 to 5". */
static bool range_bare_day(const ctx *c, const cand *a, uint32_t j, cand *z)
{
    bool ord;
    int d = day_str(W(c, j), &ord);
    if (!d || a->kind != K_DAY)
        return false;
    sn_date x = mk(a->hi.year, a->hi.month, d);
    cand_init(z, j, j + 1, K_DAY, x, x);
    take_year(c, z, true);
    return true;
}

/* from X to Y / between X and Y at i. */
static bool match_range(const ctx *c, uint32_t i, cand *o)
{
    bool between = is(c, i, "between");
    if (!between && !is(c, i, "from"))
        return false;
    cand a, z;
    if (!range_end(c, i, i + 1, &a))
        return false;
    uint32_t k = a.end;
    if (between ? !is(c, k, "and") : !IN_SET(RANGE_TO, W(c, k)))
        return false;
    if (!range_end(c, i, k + 1, &z) && !range_bare_day(c, &a, k + 1, &z))
        return false;
    cand_init(o, i, z.end, K_RANGE, a.lo, z.hi);
    o->flags = a.flags | z.flags;
    o->clamp_hi = z.clamp_hi;
    o->cmp_month = a.cmp_month || a.kind == K_MONTH;
    if (o->lo.year == 0 && o->hi.year != 0) {
        o->lo.year = o->hi.year;
        if (sn_date_cmp(&o->lo, &o->hi) > 0)
            o->lo.year--;
    }
    return true;
}

/* Tense                                                                */

/*
 * The tense cue at j (a future cue may span j and j+1), or T_NONE.
 * after: j follows the expression, where reporting verbs do not count.
 */
static int cue_at(const ctx *c, uint32_t j, bool after)
{
    unsigned cls = word_class(c, j);
    if (after && (cls & SN_TXW_REPORTING))
        return T_NONE;
    /* A word in none of the cue lists below can only be a VBD cue. */
    if (!(cls & SN_TXW_CUE))
        return tag(c, j) == SN_TAG_VBD && !(word_class(c, j - 1) & SN_TXW_AUX) ? T_PAST : T_NONE;
    const char *w = W(c, j), *n = W(c, j + 1);
    if (IN_SET(FUTURE_WORDS, w) && strcmp(n, "of") != 0)
        return T_FUTURE;
    if (strcmp(w, "would") == 0 && strcmp(n, "have") != 0)
        return T_FUTURE;
    if (strcmp(w, "wo") == 0 && strcmp(n, "n't") == 0)
        return T_FUTURE;
    if (strcmp(n, "to") == 0 && IN_SET(FUTURE_BEFORE_TO, w))
        return T_FUTURE;
    if (strcmp(n, "to") == 0 && strcmp(w, "due") == 0 && IN_SET(BE_WORDS, W(c, j - 1)))
        return T_FUTURE;                   /* "is due to", not "due to rain" */
    if (IN_SET(PAST_WORDS, w))
        return T_PAST;
    if (!strcmp(w, "has") || !strcmp(w, "have") || !strcmp(w, "'ve")) {
        uint32_t k = tag(c, j + 1) == SN_TAG_RB ? j + 2 : j + 1;
        bool perfect = tag(c, k) == SN_TAG_VBN || tag(c, k) == SN_TAG_VBD || is(c, k, "been");
        return perfect ? T_PAST : T_NONE;
    }
    /* a "VBD" right after be/have is a participle: the auxiliary decides */
    if (tag(c, j) != SN_TAG_VBD || IN_SET(AUXILIARIES, W(c, j - 1)))
        return T_NONE;
    return T_PAST;
}

/* The nearest cue before s. Calls come with non-decreasing s. */
static int cue_before(ctx *c, uint32_t s)
{
    if (s < c->before_pos) {           /* not expected; stay correct */
        c->before_pos = c->b;
        c->before_kind = T_NONE;
    }
    for (; c->before_pos < s; c->before_pos++) {
        int k = cue_at(c, c->before_pos, false);
        if (k != T_NONE)
            c->before_kind = k;
    }
    return c->before_kind;
}

/*
 * The nearest cue at or after pos. The cache holds the first cue at or after
 * after_from; searches start past the previous result, so the total work is
 * linear. pos only falls before after_from when a longer candidate failed
 * to resolve; the gap is then a few tokens.
 */
static int cue_after(ctx *c, uint32_t pos)
{
    bool cached = c->after_from != UINT32_MAX;
    if (cached && pos < c->after_from) {
        for (uint32_t j = pos; j < c->after_from && j < c->e; j++) {
            int k = cue_at(c, j, true);
            if (k != T_NONE)
                return k;
        }
        return c->after_kind;
    }
    if (cached && pos <= c->after_idx)
        return c->after_kind;
    uint32_t j = pos;
    c->after_from = pos;
    c->after_kind = T_NONE;
    for (; j < c->e; j++)
        if ((c->after_kind = cue_at(c, j, true)) != T_NONE)
            break;
    c->after_idx = j;
    return c->after_kind;
}

static int tense_of(ctx *c, const cand *k)
{
    int t = cue_before(c, k->s);
    return t != T_NONE ? t : cue_after(c, k->end);
}

/* Resolution                                                           */

static bool date_valid(const sn_date *d)
{
    if (d->year < 1 || d->year > 9999 || d->month > 12)
        return false;
    if (!d->day)
        return true;
    return d->month && d->day <= sn_date_month_days(d->year, d->month);
}

/* Resolve a bare weekday by tense. */
static void resolve_weekday(ctx *c, cand *k)
{
    int pw = sn_date_weekday(c->pub), wd = k->weekday, delta;
    if (tense_of(c, k) == T_FUTURE)
        delta = (wd - pw + 7) % 7 ? (wd - pw + 7) % 7 : 7;
    else
        delta = -((pw - wd + 7) % 7);
    k->lo = k->hi = sn_date_add_days(c->pub, delta);
}

/* Give lo a year from P and the tense (README: month without a year). */
static void resolve_year(ctx *c, cand *k)
{
    sn_date t = k->lo;
    t.year = c->pub->year;
    if (k->cmp_month)
        t.day = 0;
    int cmp = sn_date_cmp(&t, c->pub), tense = cmp ? tense_of(c, k) : T_NONE;
    if (tense == T_PAST && cmp > 0)
        t.year--;
    else if (tense == T_FUTURE && cmp < 0)
        t.year++;
    k->lo.year = t.year;
    k->flags |= SN_TIMEX_RELATIVE;
}

/* Fill in what P decides, check the dates; false drops the candidate. */
static bool finish(ctx *c, cand *k)
{
    bool needs_year = k->lo.year == 0 && !(k->flags & SN_TIMEX_RELATIVE);
    if ((k->weekday != NO_WD || needs_year) && !c->pub)
        return false;
    if (k->weekday != NO_WD)
        resolve_weekday(c, k);
    else if (needs_year)
        resolve_year(c, k);
    if (k->hi.year == 0) {
        k->hi.year = k->lo.year;
        if (sn_date_cmp(&k->hi, &k->lo) < 0)
            k->hi.year++;
    }
    if (k->clamp_hi && k->hi.month >= 1 && k->hi.month <= 12)
        k->hi.day = (uint8_t)sn_date_month_days(k->hi.year, k->hi.month);
    if (!date_valid(&k->lo) || !date_valid(&k->hi))
        return false;
    if (k->kind == K_RANGE || k->kind == K_DECADE)
        return sn_date_cmp(&k->lo, &k->hi) <= 0;
    return true;
}

/*
 * Words that can open an expression: every matcher above starts at a
 * digit, a "mid-" token, or one of these. Checking them first keeps the
 * matchers off the nine tokens in ten that cannot start a date.
 */
#define START_BUCKETS 256

static const char *start_set[START_BUCKETS];
static pthread_once_t start_once = PTHREAD_ONCE_INIT;

static uint32_t start_hash(const char *w)
{
    uint32_t h = 2166136261u;
    for (; *w; w++)
        h = (h ^ (unsigned char)*w) * 16777619u;
    return h & (START_BUCKETS - 1);
}

static void start_add(const char *w)
{
    uint32_t h = start_hash(w);
    while (start_set[h] && strcmp(start_set[h], w))
        h = (h + 1) & (START_BUCKETS - 1);
    start_set[h] = w;
}

static void start_add_table(const word_val *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        start_add(t[i].w);
}

static void start_init(void)
{
    static const char *const openers[] = {"the", "from", "between", "earlier", "later", "a", "an"};
    start_add_table(MONTHS, sizeof MONTHS / sizeof *MONTHS);
    start_add_table(WEEKDAYS, sizeof WEEKDAYS / sizeof *WEEKDAYS);
    start_add_table(NUMBERS, sizeof NUMBERS / sizeof *NUMBERS);
    start_add_table(MODIFIERS, sizeof MODIFIERS / sizeof *MODIFIERS);
    start_add_table(DAY_WORDS, sizeof DAY_WORDS / sizeof *DAY_WORDS);
    start_add_table(DIRECTIONS, sizeof DIRECTIONS / sizeof *DIRECTIONS);
    for (size_t i = 0; i < sizeof openers / sizeof *openers; i++)
        start_add(openers[i]);
}

/* Which matchers may start at i: none, only "the ..." ones, only counts
 * ("a week ago"), or all of them. */
enum { START_NONE, START_THE, START_COUNT, START_ANY };

static int start_class(const char *w)
{
    if ((w[0] >= '0' && w[0] <= '9') || !strncmp(w, "mid", 3))
        return START_ANY;
    if (w[0] == 't' && !strcmp(w, "the"))
        return START_THE;
    if (w[0] == 'a' && (!w[1] || (w[1] == 'n' && !w[2])))
        return START_COUNT;
    for (uint32_t h = start_hash(w); start_set[h]; h = (h + 1) & (START_BUCKETS - 1))
        if (!strcmp(start_set[h], w))
            return START_ANY;
    return START_NONE;
}

static const char *const CUE_WORDS[] = {"would", "wo", "due", "has", "have", "'ve"};

unsigned sn_timex_word_class(const char *w)
{
    pthread_once(&start_once, start_init);
    unsigned k = (unsigned)start_class(w);
    if (IN_SET(FUTURE_WORDS, w) || IN_SET(CUE_WORDS, w) || IN_SET(FUTURE_BEFORE_TO, w) || IN_SET(PAST_WORDS, w))
        k |= SN_TXW_CUE;
    if (IN_SET(REPORTING, w))
        k |= SN_TXW_REPORTING;
    if (IN_SET(AUXILIARIES, w))
        k |= SN_TXW_AUX;
    if (LOOKUP(MODIFIERS, w, 0) || starts_with_digit(w) || !strncmp(w, "mid-", 4) || !strcmp(w, "past") ||
        !strcmp(w, "last") || !strcmp(w, "previous") || !strcmp(w, "next") || !strcmp(w, "coming"))
        k |= SN_TXW_AFTER_THE;
    if (LOOKUP(MONTHS, w, 0))
        k |= SN_TXW_MONTH;
    if (LOOKUP(WEEKDAYS, w, NO_WD) != NO_WD)
        k |= SN_TXW_WEEKDAY;
    if (LOOKUP(UNITS, w, 0))
        k |= SN_TXW_UNIT;
    if (LOOKUP(DAY_WORDS, w, 99) != 99)
        k |= SN_TXW_DAY_WORD;
    if (LOOKUP(MODIFIERS, w, 0) || !strncmp(w, "mid-", 4))
        k |= SN_TXW_MODIFIER;
    sn_date d;
    int y1, y2;
    bool ord;
    if (iso_str(w, &d) || year_range_str(w, &y1, &y2) || decade_str(w))
        k |= SN_TXW_ONE_TOKEN;
    if (day_str(w, &ord))
        k |= SN_TXW_DAY;
    if (year_str(w))
        k |= SN_TXW_YEAR;
    return k;
}

static int could_start(const ctx *c, uint32_t i)
{
    return (int)(word_class(c, i) & SN_TXW_START);
}

/* Try every matcher at i, in order; true with *k resolved. */
static bool match_at(ctx *c, uint32_t i, cand *k)
{
    if (match_the(c, i, k) && finish(c, k))
        return true;
    if (match_range(c, i, k) && finish(c, k))
        return true;
    if (match_modified(c, i, k) && finish(c, k))
        return true;
    if (parse_abs(c, i, i, false, k) && finish(c, k))
        return true;
    return match_rel(c, i, k) && finish(c, k);
}

static sn_timex to_timex(const cand *k)
{
    static const uint8_t prec[] = {
        [K_DAY] = SN_PREC_DAY, [K_MONTH] = SN_PREC_MONTH, [K_YEAR] = SN_PREC_YEAR,
        [K_DECADE] = SN_PREC_RANGE, [K_RANGE] = SN_PREC_RANGE,
    };
    sn_timex t;
    memset(&t, 0, sizeof t);
    t.tok_begin = k->s;
    t.tok_end = k->end;
    t.begin = k->lo;
    t.precision = prec[k->kind];
    t.end = t.precision == SN_PREC_RANGE ? k->hi : k->lo;
    t.flags = k->flags;
    return t;
}

/* pub when it is a full valid date, else NULL. */
static const sn_date *usable_pub(const sn_date *pub)
{
    if (!pub || pub->year < 1 || pub->year > 9999 || pub->month < 1 ||
        pub->month > 12 || pub->day < 1 ||
        pub->day > sn_date_month_days(pub->year, pub->month))
        return NULL;
    return pub;
}

uint32_t sn_timex_find(const sn_token *tok, uint32_t b, uint32_t e,
                       const sn_date *pub, sn_timex *out, uint32_t cap)
{
    return sn_timex_find_classed(tok, NULL, b, e, pub, out, cap);
}

uint32_t sn_timex_find_classed(const sn_token *tok, const uint16_t *cls, uint32_t b, uint32_t e,
                               const sn_date *pub, sn_timex *out, uint32_t cap)
{
    if (!tok || !out || b >= e)
        return 0;
    ctx c = {
        .tok = tok, .cls = cls, .b = b, .e = e, .pub = usable_pub(pub),
        .before_pos = b, .before_kind = T_NONE,
        .after_from = UINT32_MAX, .after_idx = UINT32_MAX, .after_kind = T_NONE,
    };
    pthread_once(&start_once, start_init);
    uint32_t n = 0, i = b;
    while (i < e && n < cap) {
        cand k;
        if (cls) { /* pass the words no matcher can start at, as the test below would */
            while (i < e && !(cls[i - b] & SN_TXW_START))
                i++;
            if (i == e)
                break;
        }
        int start = could_start(&c, i);
        bool hit = start == START_ANY     ? match_at(&c, i, &k)
                   : start == START_THE   ? match_the(&c, i, &k) && finish(&c, &k)
                   : start == START_COUNT ? match_rel(&c, i, &k) && finish(&c, &k)
                                          : false;
        if (hit && k.end > i) {
            out[n++] = to_timex(&k);
            i = k.end;
        } else {
            i++;
        }
    }
    return n;
}
