// SPDX-License-Identifier: GPL-3.0-or-later
/* Civil dates as day numbers (days since 1970-01-01, proleptic Gregorian).
 * Hotel dates are never time_t in local time: a stay's nights are the days
 * arrival <= d < departure. */
#ifndef FD_CORE_DATE_H
#define FD_CORE_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t fd_date;

#define FD_DATE_STRLEN 11 /* "YYYY-MM-DD" + NUL */

bool fd_date_valid_ymd(int y, int m, int d);
int fd_days_in_month(int y, int m);
bool fd_is_leap_year(int y);
fd_date fd_date_from_ymd(int y, int m, int d);
void fd_date_to_ymd(fd_date date, int *y, int *m, int *d);
/* Strict "YYYY-MM-DD" (years 1900..9999); false on anything else. */
bool fd_date_parse(const char *s, fd_date *out);
/* buf holds at least FD_DATE_STRLEN bytes; returns buf. */
char *fd_date_format(fd_date date, char *buf);
/* 0 = Monday ... 6 = Sunday (ISO 8601). */
int fd_date_weekday(fd_date date);
static inline fd_date fd_date_add(fd_date date, int days)
{
	return date + days;
}
/* Nights of a stay, or -1 when departure is not after arrival. */
int fd_stay_nights(fd_date arrival, fd_date departure);
/* The civil date of a Unix time in UTC (the caller adjusts for the zone). */
fd_date fd_date_from_unix(int64_t seconds);

#endif
