/*
 * lib/util/date.c — proleptic Gregorian calendar arithmetic on sn_date
 * (day numbers, weekdays, month lengths, adding days, comparing), plus the
 * public sn_date_parse / sn_date_format / sn_precision_name.
 *
 * Day numbers count days since 1970-01-01 and use the days-from-civil /
 * civil-from-days method (eras of 400 years = 146097 days, with the year
 * starting on March 1 so that the leap day falls at its end). Pure
 * functions, no state, no allocation, no output.
 */
#include "util/date.h"

#include <stdbool.h>

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Floor division for a possibly negative numerator and positive d. */
static int32_t floor_div(int32_t n, int32_t d)
{
    return n >= 0 ? n / d : -((-n + d - 1) / d);
}

int sn_date_month_days(int y, int m)
{
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int32_t sn_date_to_days(const sn_date *d)
{
    int32_t y = d->year, m = d->month, day = d->day;
    if (m <= 2)
        y -= 1;                                  /* year starts in March */
    int32_t era = floor_div(y, 400);
    int32_t yoe = y - era * 400;                 /* [0, 399] */
    int32_t mp = (m + 9) % 12;                   /* March = 0 */
    int32_t doy = (153 * mp + 2) / 5 + day - 1;  /* [0, 365] */
    int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */
    return era * 146097 + doe - 719468;          /* 719468: 0000-03-01 to 1970-01-01 */
}

sn_date sn_date_from_days(int32_t days)
{
    int32_t z = days + 719468;
    int32_t era = floor_div(z, 146097);
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    int32_t day = doy - (153 * mp + 2) / 5 + 1;
    int32_t m = mp < 10 ? mp + 3 : mp - 9;
    int32_t y = yoe + era * 400 + (m <= 2);
    sn_date out = {(int16_t)y, (uint8_t)m, (uint8_t)day};
    return out;
}

int sn_date_weekday(const sn_date *d)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    int32_t w = (sn_date_to_days(d) + 3) % 7;
    return w < 0 ? w + 7 : w;
}

sn_date sn_date_add_days(const sn_date *d, int32_t n)
{
    return sn_date_from_days(sn_date_to_days(d) + n);
}

static int cmp_int(int a, int b)
{
    return (a > b) - (a < b);
}

int sn_date_cmp(const sn_date *a, const sn_date *b)
{
    int c = cmp_int(a->year, b->year);
    if (c || !a->month || !b->month)
        return c;
    c = cmp_int(a->month, b->month);
    if (c || !a->day || !b->day)
        return c;
    return cmp_int(a->day, b->day);
}

/* Read exactly n decimal digits at s; -1 when any is not a digit. */
static int read_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int sn_date_parse(const char *s, size_t len, sn_date *out)
{
    if (!s || !out || (len != 4 && len != 7 && len != 10))
        return 1;
    int y = read_digits(s, 4), m = 0, d = 0;
    if (y < 0)
        return 1;
    if (len >= 7) {
        m = s[4] == '-' ? read_digits(s + 5, 2) : -1;
        if (m < 1 || m > 12)
            return 1;
    }
    if (len == 10) {
        d = s[7] == '-' ? read_digits(s + 8, 2) : -1;
        if (d < 1 || d > sn_date_month_days(y, m))
            return 1;
    }
    out->year = (int16_t)y;
    out->month = (uint8_t)m;
    out->day = (uint8_t)d;
    return 0;
}

/* Write v (clamped to [0, 10^n - 1]) as n digits; return the end. */
static char *put_digits(char *p, int v, int n)
{
    int max = 1;
    for (int i = 0; i < n; i++)
        max *= 10;
    if (v < 0)
        v = 0;
    if (v >= max)
        v = max - 1;
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + n;
}

/* Years outside 0..9999 are clamped so the output always fits 11 bytes. */
void sn_date_format(const sn_date *d, char *buf)
{
    char *p = put_digits(buf, d->year, 4);
    if (d->month) {
        *p++ = '-';
        p = put_digits(p, d->month, 2);
        if (d->day) {
            *p++ = '-';
            p = put_digits(p, d->day, 2);
        }
    }
    *p = '\0';
}

const char *sn_precision_name(sn_precision p)
{
    switch (p) {
    case SN_PREC_DAY:   return "day";
    case SN_PREC_MONTH: return "month";
    case SN_PREC_YEAR:  return "year";
    case SN_PREC_RANGE: return "range";
    }
    return "?";
}
