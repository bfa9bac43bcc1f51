// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "core/date.h"

#include <limits.h>
#include <string.h>

/* One year range for the whole module: every date that fd_date_valid_ymd
 * accepts can be written by fd_date_format and read back by fd_date_parse,
 * and day numbers stay far from int32 overflow. */
enum { MIN_YEAR = 1900, MAX_YEAR = 9999 };

/* Day number of 0000-03-01 relative to 1970-01-01: the algorithms below count
 * from a March-based era so that February's leap day falls at a year's end. */
enum { EPOCH_SHIFT = 719468, DAYS_PER_ERA = 146097 };

static const int64_t SECONDS_PER_DAY = 86400;

bool fd_is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int fd_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && fd_is_leap_year(y))
		return 29;
	return days[m - 1];
}

bool fd_date_valid_ymd(int y, int m, int d)
{
	if (y < MIN_YEAR || y > MAX_YEAR)
		return false;
	return d >= 1 && d <= fd_days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil. The caller passes a valid date; int64
 * keeps the arithmetic defined even if it does not. */
fd_date fd_date_from_ymd(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;                        /* [0, 399] */
	int64_t mp = m > 2 ? m - 3 : m + 9;                  /* March = 0 */
	int64_t doy = (153 * mp + 2) / 5 + d - 1;            /* [0, 365] */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */
	return (fd_date)(era * DAYS_PER_ERA + doe - EPOCH_SHIFT);
}

/* Howard Hinnant's civil_from_days. */
void fd_date_to_ymd(fd_date date, int *y, int *m, int *d)
{
	int64_t z = (int64_t)date + EPOCH_SHIFT;
	int64_t era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
	int64_t doe = z - era * DAYS_PER_ERA;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int month = (int)(mp < 10 ? mp + 3 : mp - 9);

	if (y)
		*y = (int)(yoe + era * 400 + (month <= 2));
	if (m)
		*m = month;
	if (d)
		*d = (int)(doy - (153 * mp + 2) / 5 + 1);
}

/* Reads exactly n ASCII digits; isdigit() would depend on the locale. */
static bool read_digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool fd_date_parse(const char *s, fd_date *out)
{
	int y, m, d;

	/* Each check stops at the first bad byte, so a short string's NUL is
	 * seen before anything past it is read. */
	if (!s || !read_digits(s, 4, &y) || s[4] != '-' || !read_digits(s + 5, 2, &m) || s[7] != '-' ||
	    !read_digits(s + 8, 2, &d) || s[10] != '\0')
		return false;
	if (!fd_date_valid_ymd(y, m, d))
		return false;
	if (out)
		*out = fd_date_from_ymd(y, m, d);
	return true;
}

/* Writes v as exactly width digits, most significant first. */
static char *put_digits(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

char *fd_date_format(fd_date date, char *buf)
{
	int y, m, d;
	char *p = buf;

	fd_date_to_ymd(date, &y, &m, &d);
	if (y < 0 || y > 9999) {
		/* No four-digit form exists; a marker that fd_date_parse
		 * refuses keeps a bogus date from being stored as a real one. */
		memcpy(buf, "####-##-##", FD_DATE_STRLEN);
		return buf;
	}
	p = put_digits(p, y, 4);
	*p++ = '-';
	p = put_digits(p, m, 2);
	*p++ = '-';
	p = put_digits(p, d, 2);
	*p = '\0';
	return buf;
}

int fd_date_weekday(fd_date date)
{
	/* Day 0 (1970-01-01) was a Thursday, ISO weekday 3. */
	int64_t w = ((int64_t)date + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

int fd_stay_nights(fd_date arrival, fd_date departure)
{
	int64_t nights = (int64_t)departure - arrival;

	/* A span too long for int cannot be a real stay either. */
	if (nights <= 0 || nights > INT_MAX)
		return -1;
	return (int)nights;
}

fd_date fd_date_from_unix(int64_t seconds)
{
	/* C division truncates toward zero; a second before the epoch still
	 * belongs to the previous day. */
	int64_t days = seconds / SECONDS_PER_DAY;
	if (seconds % SECONDS_PER_DAY < 0)
		days--;
	/* Saturate rather than wrap: a time beyond fd_date's range has no
	 * better answer. */
	if (days > INT32_MAX)
		return INT32_MAX;
	if (days < INT32_MIN)
		return INT32_MIN;
	return (fd_date)days;
}
