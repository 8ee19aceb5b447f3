/*
 * lib/ingest/feedtime.c — the dates feeds carry, read into Unix seconds UTC
 * (sn_time_parse) and written as RFC 3339 (sn_time_format).
 *
 * Accepted, case-insensitively, with any run of blanks or commas between
 * fields:
 *
 *   RFC 822/1123   [Wkday,] DD Mon YYYY HH:MM[:SS] [ZONE]
 *   RFC 850        Weekday, DD-Mon-YY HH:MM:SS ZONE
 *   asctime        Wkd Mon DD HH:MM:SS YYYY
 *   RFC 3339/ISO   YYYY-MM-DD[(T| )HH:MM[:SS[.frac]]][ZONE]
 *
 * ZONE is +hhmm, -hhmm, +hh:mm, +hh, Z, UT, UTC, GMT, the US zones
 * (EST EDT CST CDT MST MDT PST PDT), the military letters A-I K-Z
 * (RFC 1123's reading, J excluded) and a few names real feeds use
 * (CET CEST EET EEST MSK BST WET WEST JST AEST AEDT IST=India). A missing
 * zone is UTC. Broken variants accepted: the weekday missing, wrong or in
 * full; full month names and "Sept"; two-digit years (00-49 → 20xx, 50-99
 * → 19xx); a missing seconds field; no time at all (midnight UTC);
 * "Mon, 16 Mar 2015 10:00:00 +03:00"; a trailing "(MSK)" comment.
 * Rejected: out-of-range fields (month 13, day 31 in April, hour 24 except
 * 24:00:00, minute 60, second > 60), years before 1900 or after 9999, and
 * any text left over.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "sentinel/feed.h"
#include "util/date.h"

typedef struct cur {
    const char *p, *end;
} cur;

static void skip_blanks(cur *c)
{
    while (c->p < c->end && (isspace((unsigned char)*c->p) || *c->p == ','))
        c->p++;
}

/* Up to max digits; returns the count read, 0 when none. */
static int digits(cur *c, int max, int *val)
{
    int n = 0, v = 0;
    while (c->p < c->end && n < max && isdigit((unsigned char)*c->p)) {
        v = v * 10 + (*c->p++ - '0');
        n++;
    }
    *val = v;
    return n;
}

/* A run of letters into buf (lower-cased, at most cap-1 kept). */
static int word(cur *c, char *buf, size_t cap)
{
    size_t n = 0;
    while (c->p < c->end && isalpha((unsigned char)*c->p)) {
        if (n + 1 < cap)
            buf[n] = (char)tolower((unsigned char)*c->p);
        n++;
        c->p++;
    }
    buf[n < cap ? n : cap - 1] = '\0';
    return (int)n;
}

static int month_of(const char *w)
{
    static const char *const names[] = {"january", "february", "march", "april", "may", "june", "july",
                                        "august", "september", "october", "november", "december"};
    size_t n = strlen(w);
    if (n < 3)
        return 0;
    if (!strcmp(w, "sept"))
        return 9;
    for (int i = 0; i < 12; i++)
        if (!strncmp(names[i], w, n) && (n == 3 || n == strlen(names[i])))
            return i + 1;
    return 0;
}

static int is_weekday(const char *w)
{
    static const char *const names[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                        "saturday", "sunday"};
    size_t n = strlen(w);
    if (n < 3)
        return 0;
    for (int i = 0; i < 7; i++)
        if (!strncmp(names[i], w, n) &&
            (n == 3 || n == strlen(names[i]) || !strcmp(w, "tues") || !strcmp(w, "thur") ||
             !strcmp(w, "thurs") || !strcmp(w, "weds")))
            return 1;
    return 0;
}

/* Offset in minutes east of UTC for a zone name; 0 and *ok=0 when unknown. */
static int named_zone(const char *w, int *ok)
{
    static const struct {
        const char *name;
        int minutes;
    } zones[] = {
        {"z", 0},       {"ut", 0},     {"utc", 0},    {"gmt", 0},     {"est", -300}, {"edt", -240},
        {"cst", -360},  {"cdt", -300}, {"mst", -420}, {"mdt", -360},  {"pst", -480}, {"pdt", -420},
        {"cet", 60},    {"cest", 120}, {"eet", 120},  {"eest", 180},  {"msk", 180},  {"bst", 60},
        {"wet", 0},     {"west", 60},  {"jst", 540},  {"aest", 600},  {"aedt", 660}, {"ist", 330},
    };
    *ok = 1;
    for (size_t i = 0; i < sizeof zones / sizeof *zones; i++)
        if (!strcmp(zones[i].name, w))
            return zones[i].minutes;
    if (strlen(w) == 1 && *w != 'j') { /* military: A-I, K-M east; N-Y west */
        int ch = *w;
        if (ch >= 'a' && ch <= 'i')
            return (ch - 'a' + 1) * 60;
        if (ch >= 'k' && ch <= 'm')
            return (ch - 'k' + 10) * 60;
        if (ch >= 'n' && ch <= 'y')
            return -(ch - 'n' + 1) * 60;
    }
    *ok = 0;
    return 0;
}

/* [+-]hh[[:]mm] or a zone name; absent is UTC. Returns -1 on junk. */
static int zone(cur *c, int *minutes)
{
    skip_blanks(c);
    *minutes = 0;
    if (c->p == c->end)
        return 0;
    if (*c->p == '+' || *c->p == '-') {
        int sign = *c->p++ == '-' ? -1 : 1, hh, mm = 0;
        int nd = digits(c, 4, &hh);
        if (nd == 4) {
            mm = hh % 100;
            hh /= 100;
        } else if (nd == 2 || nd == 1) {
            if (c->p < c->end && *c->p == ':') {
                c->p++;
                if (digits(c, 2, &mm) != 2)
                    return -1;
            }
        } else {
            return -1;
        }
        if (hh > 14 || mm > 59)
            return -1;
        *minutes = sign * (hh * 60 + mm);
        return 0;
    }
    char w[8];
    if (!word(c, w, sizeof w))
        return -1;
    int ok;
    *minutes = named_zone(w, &ok);
    if (!ok)
        return -1;
    /* "GMT+3" and "UTC+03:00" */
    if (c->p < c->end && (*c->p == '+' || *c->p == '-') && *minutes == 0) {
        int more;
        if (zone(c, &more))
            return -1;
        *minutes = more;
    }
    return 0;
}

/* HH:MM[:SS[.frac]] */
static int clock(cur *c, int *h, int *mi, int *s)
{
    *s = 0;
    if (!digits(c, 2, h) || c->p >= c->end || *c->p != ':')
        return -1;
    c->p++;
    if (digits(c, 2, mi) != 2)
        return -1;
    if (c->p < c->end && *c->p == ':') {
        c->p++;
        if (digits(c, 2, s) != 2)
            return -1;
        if (c->p < c->end && (*c->p == '.' || *c->p == ',')) {
            int frac;
            c->p++;
            while (digits(c, 9, &frac) == 9)
                ;
        }
    }
    return 0;
}

/* After the text: blanks, an optional "(comment)", then nothing. */
static int at_end(cur *c)
{
    skip_blanks(c);
    if (c->p < c->end && *c->p == '(') {
        const char *close = memchr(c->p, ')', (size_t)(c->end - c->p));
        if (!close)
            return 0;
        c->p = close + 1;
        skip_blanks(c);
    }
    return c->p == c->end;
}

static int year_of(int v, int nd)
{
    if (nd == 2)
        return v < 50 ? 2000 + v : 1900 + v;
    return nd == 4 ? v : -1;
}

static int finish(int y, int mo, int d, int h, int mi, int s, int zmin, int64_t *out)
{
    if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > sn_date_month_days(y, mo))
        return -1;
    if (h == 24 && mi == 0 && s == 0) {
        /* 24:00:00 is the end of the day: the next midnight. */
    } else if (h > 23 || mi > 59 || s > 60) {
        return -1;
    }
    if (s == 60)
        s = 59; /* a leap second reads as the second before it */
    sn_date date = {(int16_t)y, (uint8_t)mo, (uint8_t)d};
    int64_t days = sn_date_to_days(&date);
    *out = days * 86400 + h * 3600 + mi * 60 + s - (int64_t)zmin * 60;
    return 0;
}

static int parse_iso(cur *c, int64_t *out)
{
    int y, mo, d, h = 0, mi = 0, s = 0, z = 0;
    if (digits(c, 4, &y) != 4 || c->p >= c->end || *c->p++ != '-')
        return -1;
    if (digits(c, 2, &mo) != 2 || c->p >= c->end || *c->p++ != '-')
        return -1;
    if (digits(c, 2, &d) != 2)
        return -1;
    if (c->p < c->end && (*c->p == 'T' || *c->p == 't' || *c->p == ' ')) {
        cur save = *c;
        c->p++;
        while (c->p < c->end && *c->p == ' ')
            c->p++;
        if (clock(c, &h, &mi, &s))
            *c = save; /* "2015-03-16 something": only the date */
    }
    if (zone(c, &z) || !at_end(c))
        return -1;
    return finish(y, mo, d, h, mi, s, z, out);
}

/* Day Mon Year [time] [zone], the weekday already skipped. */
static int parse_822(cur *c, int64_t *out)
{
    int d, y, nd, mo, h = 0, mi = 0, s = 0, z = 0;
    char w[16];
    if (!digits(c, 2, &d))
        return -1;
    if (c->p < c->end && *c->p == '-')
        c->p++; /* RFC 850: 16-Mar-15 */
    skip_blanks(c);
    if (!word(c, w, sizeof w) || !(mo = month_of(w)))
        return -1;
    if (c->p < c->end && *c->p == '-')
        c->p++;
    skip_blanks(c);
    nd = digits(c, 4, &y);
    if ((y = year_of(y, nd)) < 0)
        return -1;
    skip_blanks(c);
    if (c->p < c->end && isdigit((unsigned char)*c->p) && clock(c, &h, &mi, &s))
        return -1;
    if (zone(c, &z) || !at_end(c))
        return -1;
    return finish(y, mo, d, h, mi, s, z, out);
}

/* Mon DD HH:MM:SS YYYY (asctime) or Mon DD, YYYY [time] [zone]. */
static int parse_month_first(cur *c, int mo, int64_t *out)
{
    int d, y, nd, h = 0, mi = 0, s = 0, z = 0;
    skip_blanks(c);
    if (!digits(c, 2, &d))
        return -1;
    skip_blanks(c);
    cur save = *c;
    if (!clock(c, &h, &mi, &s)) {
        skip_blanks(c);
        nd = digits(c, 4, &y);
        if (nd != 4)
            return -1;
    } else {
        *c = save;
        h = mi = s = 0;
        nd = digits(c, 4, &y);
        if ((y = year_of(y, nd)) < 0)
            return -1;
        skip_blanks(c);
        if (c->p < c->end && isdigit((unsigned char)*c->p) && clock(c, &h, &mi, &s))
            return -1;
    }
    if (zone(c, &z) || !at_end(c))
        return -1;
    return finish(y, mo, d, h, mi, s, z, out);
}

int sn_time_parse(const char *s, size_t n, int64_t *out)
{
    cur c = {s, s + n};
    if (!s)
        return -1;
    skip_blanks(&c);
    while (c.end > c.p && isspace((unsigned char)c.end[-1]))
        c.end--;
    if (c.p == c.end)
        return -1;
    if (c.end - c.p >= 10 && isdigit((unsigned char)c.p[0]) && c.p[4] == '-')
        return parse_iso(&c, out);
    if (isalpha((unsigned char)*c.p)) {
        char w[16];
        word(&c, w, sizeof w);
        int mo = month_of(w);
        if (mo)
            return parse_month_first(&c, mo, out);
        if (!is_weekday(w))
            return -1;
        skip_blanks(&c);
        if (c.p < c.end && isalpha((unsigned char)*c.p)) {
            word(&c, w, sizeof w);
            if (!(mo = month_of(w)))
                return -1;
            return parse_month_first(&c, mo, out);
        }
    }
    return parse_822(&c, out);
}

void sn_time_format(int64_t t, char *buf)
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t rem = t - days * 86400;
    sn_date d = sn_date_from_days((int32_t)days);
    snprintf(buf, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day, (int)(rem / 3600),
             (int)(rem / 60 % 60), (int)(rem % 60));
}
