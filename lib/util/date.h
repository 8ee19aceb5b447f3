/*
 * lib/util/date.h — proleptic Gregorian calendar arithmetic on sn_date:
 * day numbers, weekdays, adding days and months. Pure functions, no state.
 */
#ifndef SN_UTIL_DATE_H
#define SN_UTIL_DATE_H

#include <stdint.h>
#include "sentinel/text.h"

/* Days since 1970-01-01 for a full date (month and day set). */
int32_t sn_date_to_days(const sn_date *d);
/* The date of a day number. */
sn_date sn_date_from_days(int32_t days);
/* 0 = Monday ... 6 = Sunday. */
int sn_date_weekday(const sn_date *d);
/* Days in month m (1-12) of year y. */
int sn_date_month_days(int y, int m);
/* d plus n days (n may be negative); d must be a full date. */
sn_date sn_date_add_days(const sn_date *d, int32_t n);
/* -1, 0, 1 comparing the fields set in both (year, then month, then day). */
int sn_date_cmp(const sn_date *a, const sn_date *b);

#endif
