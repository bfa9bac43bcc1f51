// SPDX-License-Identifier: GPL-3.0-or-later
/* CSV import of bookings; see import.h for the layouts and the rules. */
#include "config.h"
#include "store/import.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/guest.h"
#include "core/i18n.h"
#include "core/money.h"
#include "core/text.h"
#include "store/ids.h"
#include "store/db_internal.h" /* fd_db_changed: the bulk path notifies like the repo */
#include "store/oplog.h"

#define MAX_FIELDS 64
#define ARENA 16384
#define MAX_LISTED 50
#define MAX_NIGHTS 730

enum col {
	C_HOTEL,
	C_IS_CANCELED,
	C_YEAR,
	C_MONTH,
	C_DAY,
	C_WEEKEND,
	C_WEEK,
	C_ADULTS,
	C_CHILDREN,
	C_BABIES,
	C_MEAL,
	C_COUNTRY,
	C_SEGMENT,
	C_RESERVED,
	C_ASSIGNED,
	C_DEPOSIT,
	C_ADR,
	C_STATUS,
	C_ARRIVAL,
	C_DEPARTURE,
	C_TYPE,
	C_RATE,
	C_NSTATUS,
	C_GUEST,
	C_SOURCE,
	C_NOTES,
	C_REF,
	N_COLS
};

/* Header names; C_NSTATUS is the native "status", matched separately. */
static const char *const col_names[N_COLS] = {
    "hotel",
    "is_canceled",
    "arrival_date_year",
    "arrival_date_month",
    "arrival_date_day_of_month",
    "stays_in_weekend_nights",
    "stays_in_week_nights",
    "adults",
    "children",
    "babies",
    "meal",
    "country",
    "market_segment",
    "reserved_room_type",
    "assigned_room_type",
    "deposit_type",
    "adr",
    "reservation_status",
    "arrival",
    "departure",
    "type",
    "rate",
    "status",
    "guest",
    "source",
    "notes",
    "reference",
};

struct imp_row {
	long line;
	fd_date arrival, departure;
	int adults, children;
	int64_t rate;
	enum fd_booking_status status;
	char type[FD_TYPECODE_LEN];
	char assigned[FD_TYPECODE_LEN];
	char family[64], given[64];
	char country[4];
	char source[32];
	char notes[128];
	char ref[64];                /* the file's booking reference ("" none) */
	char same_stay[FD_CODE_LEN]; /* the booking this row was imported as before ("" none) */
};

struct parse {
	const char *path;
	const struct fd_import_opts *o;
	struct fd_import_result *res;
	char currency[4];
	long line, row_line;
	bool in_row;
	char arena[ARENA];
	size_t used;
	int n_fields;
	int field_at[MAX_FIELDS];
	bool too_wide;
	bool header_done, native;
	int n_header;
	int col[N_COLS];
	struct imp_row *rows;
	long n_rows, cap_rows;
	char hotels[8][64];
	int n_hotels;
	bool nomem;
	struct fd_error *err;
	bool header_bad;
};

static void list_bad(struct parse *p, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void list_bad(struct parse *p, long line, const char *fmt, ...)
{
	p->res->bad++;
	if (p->res->bad > MAX_LISTED || !p->o->report)
		return;
	va_list ap;
	fprintf(p->o->report, "%s:%ld: ", p->path, line);
	va_start(ap, fmt);
	vfprintf(p->o->report, fmt, ap);
	va_end(ap);
	fputc('\n', p->o->report);
}

static void on_field(void *s, size_t len, void *data)
{
	struct parse *p = data;
	if (!p->in_row) {
		p->in_row = true;
		p->row_line = p->line;
		p->used = 0;
		p->n_fields = 0;
		p->too_wide = false;
	}
	if (p->n_fields >= MAX_FIELDS || p->used + len + 1 > ARENA) {
		p->too_wide = true;
		return;
	}
	p->field_at[p->n_fields++] = (int)p->used;
	if (len)
		memcpy(p->arena + p->used, s, len);
	p->arena[p->used + len] = '\0';
	p->used += len + 1;
}

static const char *field(struct parse *p, enum col c)
{
	int i = p->col[c];
	return i >= 0 && i < p->n_fields ? p->arena + p->field_at[i] : NULL;
}

static bool parse_int(const char *s, long min, long max, long *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max || !((*s >= '0' && *s <= '9') || *s == '-'))
		return false;
	*out = v;
	return true;
}

static int month_number(const char *s)
{
	static const char *const m[] = {"January",   "February", "March",    "April",
	                                "May",       "June",     "July",     "August",
	                                "September", "October",  "November", "December"};
	for (int i = 0; s && i < 12; i++)
		if (strcmp(s, m[i]) == 0)
			return i + 1;
	return 0;
}

static bool type_code_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n >= FD_TYPECODE_LEN)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		      ch == '-' || ch == '_'))
			return false;
	}
	return true;
}

/* The data set writes countries as ISO 3166-1 alpha-3 (PRT); guests keep
 * alpha-2 (PT). Codes not in this table stay in the booking's notes. */
static const char alpha3[] =
    "AGO AO ARE AE ARG AR AUS AU AUT AT AZE AZ BEL BE BGR BG BRA BR CAN CA CHE CH CHL CL CHN CN "
    "COL CO CPV CV CYP CY CZE CZ DEU DE DNK DK DZA DZ EGY EG ESP ES EST EE FIN FI FRA FR "
    "GBR GB GRC GR HKG HK HRV HR HUN HU IDN ID IND IN IRL IE IRN IR ISL IS ISR IL ITA IT JPN JP "
    "KOR KR LTU LT LUX LU LVA LV MAR MA MEX MX MOZ MZ NGA NG NLD NL NOR NO NZL NZ PHL PH POL PL "
    "PRT PT ROU RO RUS RU SAU SA SRB RS SVK SK SVN SI SWE SE THA TH TUN TN TUR TR TWN TW UKR UA "
    "URY UY USA US VEN VE ZAF ZA ";

static bool country_alpha2(const char *code, char out[4])
{
	size_t n = strlen(code);
	if (n == 2) {
		snprintf(out, 4, "%s", code);
		return true;
	}
	for (const char *p = alpha3; n == 3 && *p; p += 7)
		if (strncmp(p, code, 3) == 0) {
			snprintf(out, 4, "%.2s", p + 4);
			return true;
		}
	out[0] = '\0';
	return n == 0;
}

/* A field into a fixed column, cut on a character boundary when long. */
static void copy(char *out, size_t n, const char *s)
{
	fd_text_copy(out, n, s && strcmp(s, "NULL") != 0 ? s : "");
}

/* %.*s of at most max bytes of s that never ends inside a character. */
static int cut(const char *s, size_t max)
{
	return (int)fd_utf8_prefix(s ? s : "", max);
}

/* Why the data-set row is bad (into why), or "" when it is good. */
static void row_dataset(struct parse *p, struct imp_row *r, char *why, size_t n)
{
	long y = 0, d = 0, we = 0, wk = 0, ad = 0, ch = 0, ba = 0, canc = -1;
	const char *v;
	int m = 0;
	if (!parse_int(field(p, C_YEAR), 1900, 9999, &y))
		snprintf(why, n, _("arrival_date_year \"%s\" is not a year"), field(p, C_YEAR));
	else if (!(m = month_number(field(p, C_MONTH))))
		snprintf(why, n, _("arrival_date_month \"%s\" is not an English month name"),
		         field(p, C_MONTH));
	else if (!parse_int(field(p, C_DAY), 1, 31, &d) || !fd_date_valid_ymd((int)y, m, (int)d))
		snprintf(why, n, _("arrival_date_day_of_month \"%s\" is not a day of %s %ld"),
		         field(p, C_DAY), field(p, C_MONTH), y);
	else if (!parse_int(field(p, C_WEEKEND), 0, MAX_NIGHTS, &we) ||
	         !parse_int(field(p, C_WEEK), 0, MAX_NIGHTS, &wk) || we + wk > MAX_NIGHTS)
		snprintf(
		    why, n,
		    _("the stay's nights (\"%s\" + \"%s\") must be whole numbers adding up to at most %d"),
		    field(p, C_WEEKEND), field(p, C_WEEK), MAX_NIGHTS);
	else if (!parse_int(field(p, C_ADULTS), 0, 50, &ad))
		snprintf(why, n, _("adults \"%s\" must be a whole number from 0 to 50"), field(p, C_ADULTS));
	else if ((v = field(p, C_CHILDREN)) && strcmp(v, "NA") != 0 && *v && !parse_int(v, 0, 50, &ch))
		snprintf(why, n, _("children \"%s\" must be a whole number from 0 to 50 (or NA)"), v);
	else if ((v = field(p, C_BABIES)) && *v && !parse_int(v, 0, 50, &ba))
		snprintf(why, n, _("babies \"%s\" must be a whole number from 0 to 50"), v);
	else if (!type_code_ok(field(p, C_RESERVED)))
		snprintf(why, n, _("reserved_room_type \"%s\" is not a room type code"),
		         field(p, C_RESERVED));
	else if ((v = field(p, C_ASSIGNED)) && *v && !type_code_ok(v))
		snprintf(why, n, _("assigned_room_type \"%s\" is not a room type code"), v);
	else if ((v = field(p, C_IS_CANCELED)) && !parse_int(v, 0, 1, &canc))
		snprintf(why, n, _("is_canceled \"%s\" must be 0 or 1"), v);
	if (*why)
		return;
	v = field(p, C_STATUS);
	if (v && strcmp(v, "Check-Out") == 0)
		r->status = FD_BOOKING_CHECKED_OUT;
	else if (v && strcmp(v, "Canceled") == 0)
		r->status = FD_BOOKING_CANCELLED;
	else if (v && strcmp(v, "No-Show") == 0)
		r->status = FD_BOOKING_NO_SHOW;
	else {
		snprintf(why, n, _("reservation_status \"%s\" is not Check-Out, Canceled or No-Show"),
		         v ? v : "");
		return;
	}
	if (canc >= 0 &&
	    (canc == 1) != (r->status == FD_BOOKING_CANCELLED || r->status == FD_BOOKING_NO_SHOW)) {
		snprintf(why, n, _("is_canceled %ld contradicts reservation_status %s"), canc, v);
		return;
	}
	struct fd_error e = {0};
	v = field(p, C_ADR);
	if (fd_money_parse(v, p->currency, &r->rate, &e)) {
		snprintf(why, n, _("adr \"%s\": %s"), v ? v : "", e.message);
		return;
	}
	if (r->rate < 0) {
		snprintf(why, n, _("adr %s is negative; a nightly rate cannot be below zero"), v);
		return;
	}
	r->arrival = fd_date_from_ymd((int)y, m, (int)d);
	r->departure = r->arrival + (fd_date)(we + wk);
	r->adults = (int)ad;
	r->children = (int)(ch + ba);
	copy(r->type, sizeof r->type, field(p, C_RESERVED));
	copy(r->assigned, sizeof r->assigned, field(p, C_ASSIGNED));
	snprintf(r->family, sizeof r->family, "%s", "Imported guest");
	char country[8];
	copy(country, sizeof country, field(p, C_COUNTRY));
	bool mapped = country_alpha2(country, r->country);
	/* The market segment names the channel ("Online TA", "Groups"); one
	 * that does not ("Complementary", "Undefined") is left unrecorded. */
	enum fd_channel channel;
	snprintf(r->source, sizeof r->source, "%s",
	         fd_channel_from_text(field(p, C_SEGMENT), &channel) ? fd_channel_name(channel) : "");
	const char *hotel = field(p, C_HOTEL) ? field(p, C_HOTEL) : "",
	           *meal = field(p, C_MEAL) ? field(p, C_MEAL) : "",
	           *deposit = field(p, C_DEPOSIT) ? field(p, C_DEPOSIT) : "";
	snprintf(r->notes, sizeof r->notes, "hotel: %.*s; meal: %.*s; deposit: %.*s%s%s", cut(hotel, 40),
	         hotel, cut(meal, 12), meal, cut(deposit, 20), deposit,
	         mapped ? "" : "; country: ", mapped ? "" : country);
}

static void row_native(struct parse *p, struct imp_row *r, char *why, size_t n)
{
	long ad = 0, ch = 0;
	const char *v;
	if (!fd_date_parse(field(p, C_ARRIVAL) ? field(p, C_ARRIVAL) : "", &r->arrival))
		snprintf(why, n, _("arrival \"%s\" is not a date (YYYY-MM-DD)"), field(p, C_ARRIVAL));
	else if (!fd_date_parse(field(p, C_DEPARTURE) ? field(p, C_DEPARTURE) : "", &r->departure) ||
	         r->departure < r->arrival || r->departure - r->arrival > MAX_NIGHTS)
		snprintf(
		    why, n,
		    _("departure \"%s\" must be a date on or after the arrival, at most %d nights later"),
		    field(p, C_DEPARTURE), MAX_NIGHTS);
	else if (!type_code_ok(field(p, C_TYPE)))
		snprintf(why, n, _("type \"%s\" is not a room type code"), field(p, C_TYPE));
	else if (!parse_int(field(p, C_ADULTS), 0, 50, &ad))
		snprintf(why, n, _("adults \"%s\" must be a whole number from 0 to 50"), field(p, C_ADULTS));
	else if ((v = field(p, C_CHILDREN)) && *v && !parse_int(v, 0, 50, &ch))
		snprintf(why, n, _("children \"%s\" must be a whole number from 0 to 50"), v);
	if (*why)
		return;
	v = field(p, C_NSTATUS);
	if (!v || !*v)
		v = "checked_out";
	if (!fd_booking_status_parse(v, &r->status) || r->status == FD_BOOKING_CHECKED_IN) {
		snprintf(why, n, _("status \"%s\" is not reserved, checked_out, cancelled or no_show"), v);
		return;
	}
	struct fd_error e = {0};
	r->rate = 0;
	if ((v = field(p, C_RATE)) && *v && fd_money_parse(v, p->currency, &r->rate, &e)) {
		snprintf(why, n, _("rate \"%s\": %s"), v, e.message);
		return;
	}
	if (r->rate < 0) {
		snprintf(why, n, _("rate %s is negative"), v);
		return;
	}
	r->adults = (int)ad;
	r->children = (int)ch;
	copy(r->type, sizeof r->type, field(p, C_TYPE));
	v = field(p, C_GUEST);
	const char *comma = v ? strchr(v, ',') : NULL;
	if (comma) {
		size_t len =
		    (size_t)(comma - v) < sizeof r->family ? (size_t)(comma - v) : sizeof r->family - 1;
		snprintf(r->family, sizeof r->family, "%.*s", cut(v, len), v);
		for (comma++; *comma == ' '; comma++)
			;
		copy(r->given, sizeof r->given, comma);
	} else {
		fd_text_copy(r->family, sizeof r->family, v && *v ? v : "Imported guest");
	}
	char country[8];
	copy(country, sizeof country, field(p, C_COUNTRY));
	if (!country_alpha2(country, r->country)) {
		snprintf(why, n,
		         _("country \"%s\" is not an ISO 3166-1 code this program knows (for example PT)"),
		         country);
		return;
	}
	enum fd_channel channel;
	v = field(p, C_SOURCE);
	if (v && *v && !fd_channel_from_text(v, &channel)) {
		snprintf(why, n,
		         _("source \"%s\" is not a channel: use walk-in, phone, email, web, ota, company or "
		           "group"),
		         v);
		return;
	}
	snprintf(r->source, sizeof r->source, "%s", v && *v ? fd_channel_name(channel) : "");
	copy(r->notes, sizeof r->notes, field(p, C_NOTES));
	v = field(p, C_REF);
	if (v && strlen(v) >= sizeof r->ref) {
		char head[41]; /* the start of it, whole characters */
		fd_text_copy(head, sizeof head, v);
		snprintf(why, n, _("reference \"%.40s...\" is longer than %d characters"), head,
		         (int)sizeof r->ref - 1);
		return;
	}
	for (const char *q = v; q && *q; q++)
		if ((unsigned char)*q < ' ') {
			snprintf(why, n, "%s", _("reference has a control character"));
			return;
		}
	copy(r->ref, sizeof r->ref, v);
	/* The same reference twice in one file is one booking twice. */
	for (long i = 0; r->ref[0] && i < p->n_rows; i++)
		if (strcmp(p->rows[i].ref, r->ref) == 0) {
			snprintf(why, n, _("reference %s is on line %ld already"), r->ref, p->rows[i].line);
			return;
		}
}

static void read_header(struct parse *p)
{
	for (int c = 0; c < N_COLS; c++)
		p->col[c] = -1;
	for (int i = 0; i < p->n_fields; i++) {
		const char *name = p->arena + p->field_at[i];
		for (int c = 0; c < N_COLS; c++)
			if (strcmp(name, col_names[c]) == 0 && p->col[c] < 0)
				p->col[c] = i;
	}
	p->n_header = p->n_fields;
	p->header_done = true;
	p->native = p->col[C_ARRIVAL] >= 0 && p->col[C_DEPARTURE] >= 0;
	static const enum col need_ds[] = {C_YEAR,   C_MONTH,    C_DAY, C_WEEKEND, C_WEEK,
	                                   C_ADULTS, C_RESERVED, C_ADR, C_STATUS};
	static const enum col need_native[] = {C_ARRIVAL, C_DEPARTURE, C_TYPE, C_ADULTS};
	const enum col *need = p->native ? need_native : need_ds;
	int n_need = p->native ? 4 : 9;
	for (int i = 0; i < n_need; i++)
		if (p->col[need[i]] < 0) {
			fd_fail(
			    p->err, FD_E_INVALID, "invalid_file", "file",
			    _("%s:%ld: the header has no column \"%s\"; see frontdesk(1) for the columns"
			      " (the hotel booking demand layout, or arrival, departure, type, adults, ...)"),
			    p->path, p->row_line, col_names[need[i]]);
			p->header_bad = true;
			return;
		}
}

static void note_hotel(struct parse *p, const char *h)
{
	for (int i = 0; i < p->n_hotels; i++)
		if (strcmp(p->hotels[i], h) == 0)
			return;
	if (p->n_hotels < 8)
		fd_text_copy(p->hotels[p->n_hotels++], sizeof p->hotels[0], h);
}

static void on_row(int c, void *data)
{
	(void)c;
	struct parse *p = data;
	if (!p->in_row)
		return;
	p->in_row = false;
	if (p->header_bad || p->nomem)
		return;
	if (!p->header_done) {
		read_header(p);
		return;
	}
	p->res->rows++;
	if (p->too_wide) {
		list_bad(p, p->row_line, _("the row is too long (more than %d fields or %d bytes)"),
		         MAX_FIELDS, ARENA);
		return;
	}
	if (p->n_fields != p->n_header) {
		list_bad(p, p->row_line, _("the row has %d fields; the header has %d"), p->n_fields,
		         p->n_header);
		return;
	}
	const char *hotel = field(p, C_HOTEL);
	if (hotel)
		note_hotel(p, hotel);
	if (p->o->hotel && (!hotel || strcmp(hotel, p->o->hotel) != 0)) {
		p->res->other_hotel++;
		return;
	}
	struct imp_row r = {.line = p->row_line};
	char why[512] = "";
	/* Every cell obeys the rule for text people type (core's, as every
	 * operation does): a note with ESC[2J would clear another desk's
	 * screen. Only the notes may hold several lines. */
	for (int k = 0; k < N_COLS && !why[0]; k++) {
		struct fd_error e = {0};
		if (field(p, (enum col)k) &&
		    fd_text_check_plain(col_names[k], field(p, (enum col)k), k == C_NOTES, &e))
			snprintf(why, sizeof why, "%s", e.message);
	}
	if (!why[0] && p->native)
		row_native(p, &r, why, sizeof why);
	else if (!why[0])
		row_dataset(p, &r, why, sizeof why);
	if (why[0]) {
		list_bad(p, p->row_line, "%s", why);
		return;
	}
	if (r.departure == r.arrival)
		p->res->day_use++; /* imported like any stay: it holds no night */
	if (p->n_rows == p->cap_rows) {
		long nc = p->cap_rows ? p->cap_rows * 2 : 1024;
		struct imp_row *rows = realloc(p->rows, (size_t)nc * sizeof *rows);
		if (!rows) {
			p->nomem = true;
			return;
		}
		p->rows = rows;
		p->cap_rows = nc;
	}
	p->rows[p->n_rows++] = r;
}

/* The separator of a header line: ';' when it has more semicolons than
 * commas outside quotes (what spreadsheets write where the comma is the
 * decimal mark), a tab when it has only tabs, else ','. */
static char sniff_separator(const char *line)
{
	int commas = 0, semis = 0, tabs = 0;
	bool quoted = false;
	for (const char *c = line; *c && *c != '\n'; c++) {
		if (*c == '"')
			quoted = !quoted;
		else if (!quoted)
			commas += *c == ',', semis += *c == ';', tabs += *c == '\t';
	}
	return semis > commas ? ';' : tabs > commas ? '\t' : ',';
}

static enum fd_status read_file(struct parse *p, FILE *f)
{
	struct csv_parser csv;
	if (csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return fd_fail(p->err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	enum fd_status st = FD_OK;
	while (!st && (len = getline(&buf, &cap, f)) > 0) {
		p->line++;
		char *text = buf;
		if (p->line == 1) {
			/* A spreadsheet's UTF-8 byte-order mark is no part of the header. */
			if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
				text += 3, len -= 3;
			csv_set_delim(&csv, p->o->separator ? p->o->separator : sniff_separator(text));
		}
		if (csv_parse(&csv, text, (size_t)len, on_field, on_row, p) != (size_t)len)
			st = fd_fail(p->err, FD_E_INVALID, "invalid_file", "file",
			             _("%s:%ld: %s; nothing imported."), p->path, p->line,
			             csv_strerror(csv_error(&csv)));
		if (!st && p->header_bad)
			st = FD_E_INVALID;
	}
	if (!st && csv_fini(&csv, on_field, on_row, p) != 0)
		st = fd_fail(p->err, FD_E_INVALID, "invalid_file", "file",
		             _("%s:%ld: the file ends inside a quoted field; nothing imported."), p->path,
		             p->line);
	if (!st && p->header_bad)
		st = FD_E_INVALID;
	if (!st && ferror(f))
		st = fd_fail(p->err, FD_E_IO, "io", "file", _("Cannot read %s: %s."), p->path,
		             strerror(errno));
	if (!st && !p->header_done)
		st = fd_fail(p->err, FD_E_INVALID, "invalid_file", "file",
		             _("%s is empty; nothing imported."), p->path);
	if (!st && p->nomem)
		st = fd_fail(p->err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	free(buf);
	csv_free(&csv);
	return st;
}

/* --- writing --- */

static enum fd_status ensure_type(struct fd_db *db, const char *code, int guests,
                                  struct fd_import_result *res, struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(db);
	struct fd_room_type t;
	enum fd_status st = repo->get_room_type(repo->ctx, code, &t, err);
	if (st != FD_E_NOT_FOUND)
		return st; /* an existing type is left as the hotel set it up */
	memset(&t, 0, sizeof t);
	fd_uuid_new(t.id);
	snprintf(t.code, sizeof t.code, "%.15s", code);
	snprintf(t.name, sizeof t.name, "Type %.15s (imported)", code);
	t.max_occupancy = guests < 1 ? 2 : guests > 50 ? 50 : guests;
	t.version = 1;
	res->types_created++;
	return repo->put_room_type(repo->ctx, &t, err);
}

/* Each room type the rows use, created when missing with the largest party
 * the file shows for it. */
static enum fd_status write_types(struct fd_db *db, struct parse *p, struct fd_error *err)
{
	struct {
		char code[FD_TYPECODE_LEN];
		int guests;
	} seen[256] = {0};
	int n = 0;
	for (long i = 0; i < p->n_rows; i++) {
		const struct imp_row *r = &p->rows[i];
		const char *codes[2] = {r->type, r->assigned};
		for (int k = 0; k < 2; k++) {
			if (!codes[k][0])
				continue;
			int j = 0;
			while (j < n && strcmp(seen[j].code, codes[k]) != 0)
				j++;
			if (j == n) {
				if (n == 256)
					return fd_fail(
					    err, FD_E_INVALID, "invalid_file", "file",
					    _("%s:%ld: more than 256 room types; nothing imported."), p->path,
					    r->line);
				snprintf(seen[n].code, sizeof seen[n].code, "%s", codes[k]);
				seen[n++].guests = 0;
			}
			if (r->adults + r->children > seen[j].guests)
				seen[j].guests = r->adults + r->children;
		}
	}
	for (int j = 0; j < n; j++) {
		enum fd_status st = ensure_type(db, seen[j].code, seen[j].guests, p->res, err);
		if (st)
			return st;
	}
	return FD_OK;
}

/* Guests: the data set has no names, so its rows share one anonymous guest
 * per country (per import); rows with a guest name get their own record. */
struct guest_cache {
	char country[64][4];
	char id[64][FD_ID_LEN];
	int n;
};

static enum fd_status row_guest(struct fd_db *db, const struct imp_row *r, struct guest_cache *gc,
                                char id[FD_ID_LEN], struct fd_error *err)
{
	bool anonymous = strcmp(r->family, "Imported guest") == 0 && !r->given[0];
	for (int i = 0; anonymous && i < gc->n; i++)
		if (strcmp(gc->country[i], r->country) == 0) {
			memcpy(id, gc->id[i], FD_ID_LEN);
			return FD_OK;
		}
	const struct fd_repo *repo = fd_db_repo(db);
	struct fd_guest g;
	memset(&g, 0, sizeof g);
	fd_uuid_new(g.id);
	snprintf(g.family, sizeof g.family, "%s", r->family);
	snprintf(g.given, sizeof g.given, "%s", r->given);
	snprintf(g.country, sizeof g.country, "%s", r->country);
	g.version = 1;
	enum fd_status st = repo->put_guest(repo->ctx, &g, err);
	if (st)
		return st;
	memcpy(id, g.id, FD_ID_LEN);
	if (anonymous && gc->n < 64) {
		memcpy(gc->country[gc->n], r->country, 4);
		memcpy(gc->id[gc->n++], g.id, FD_ID_LEN);
	}
	return FD_OK;
}

static const char sql_booking[] =
    "INSERT INTO bookings (id, code, guest_id, type_code, room, arrival, departure, adults, children, rate,"
    " status, source, notes, eta, late_checkin, version, updated_at, ext_ref)"
    " VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, '', 0, 1, ?13, ?14)";

/* Has the hotel a booking with this external reference (imported before)? */
static enum fd_status known_ref(struct fd_db *db, const char *ref, bool *known, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT 1 FROM bookings WHERE ext_ref = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fd_db_fail(db, err, "looking up a booking reference");
	*known = rc == SQLITE_ROW;
	return FD_OK;
}
static const char sql_night[] =
    "INSERT INTO stay_nights (booking_id, night, type_code, room) VALUES (?1, ?2, ?3, NULL)";

/* The bulk path: the same rows put_booking writes for a booking without a
 * room (the booking, and one stay_nights row per night it holds), with
 * prepared statements and no read-before-write, so 100,000 rows take
 * seconds. Checked-out and reserved bookings hold their nights; cancelled
 * and no-show ones hold none. */
static enum fd_status write_row(struct fd_db *db, const struct imp_row *r, struct guest_cache *gc,
                                struct fd_error *err)
{
	char guest[FD_ID_LEN], id[FD_ID_LEN], code[FD_CODE_LEN];
	enum fd_status st = row_guest(db, r, gc, guest, err);
	if (st)
		return st;
	sqlite3_stmt *s = fd_db_stmt(db, sql_booking, err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	fd_uuid_new(id);
	int rc = SQLITE_CONSTRAINT;
	/* Codes are random; on the rare clash with an existing code, draw again. */
	for (int attempt = 0; attempt < 8 && (rc & 0xff) == SQLITE_CONSTRAINT; attempt++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, fd_booking_code_new(code), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, guest, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, r->type, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 5, r->arrival);
		sqlite3_bind_int(s, 6, r->departure);
		sqlite3_bind_int(s, 7, r->adults);
		sqlite3_bind_int(s, 8, r->children);
		sqlite3_bind_int64(s, 9, r->rate);
		sqlite3_bind_text(s, 10, fd_booking_status_name(r->status), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 11, r->source, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 12, r->notes, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 13, (int64_t)time(NULL));
		sqlite3_bind_text(s, 14, r->ref, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return fd_db_fail(db, err, "importing a booking");
	if (r->status == FD_BOOKING_CHECKED_OUT || r->status == FD_BOOKING_RESERVED) {
		sqlite3_stmt *n = fd_db_stmt(db, sql_night, err);
		if (!n)
			return fd_error_status(err, FD_E_IO);
		for (fd_date d = r->arrival; d < r->departure; d++) {
			sqlite3_reset(n);
			sqlite3_bind_text(n, 1, id, -1, SQLITE_STATIC);
			sqlite3_bind_int(n, 2, d);
			sqlite3_bind_text(n, 3, r->type, -1, SQLITE_STATIC);
			rc = sqlite3_step(n);
			if (rc != SQLITE_DONE) {
				sqlite3_reset(n);
				return fd_db_fail(db, err, "importing a booking's nights");
			}
		}
		sqlite3_reset(n);
	}
	return fd_db_changed(db, "booking", id, err);
}

static enum fd_status audit_import(struct fd_db *db, struct parse *p, struct fd_error *err)
{
	struct fd_op op;
	fd_op_init(&op);
	fd_op_prepare(&op, "booking.import", p->o->actor ? p->o->actor : "local", p->o->device);
	op.payload = cJSON_CreateObject();
	cJSON_AddStringToObject(op.payload, "file", p->path);
	if (p->o->hotel)
		cJSON_AddStringToObject(op.payload, "hotel", p->o->hotel);
	cJSON_AddNumberToObject(op.payload, "rows", (double)p->res->rows);
	cJSON_AddNumberToObject(op.payload, "imported", (double)p->res->imported);
	cJSON_AddNumberToObject(op.payload, "skipped_bad", (double)p->res->bad);
	cJSON_AddNumberToObject(op.payload, "day_use", (double)p->res->day_use);
	cJSON_AddNumberToObject(op.payload, "already_imported", (double)p->res->existing);
	struct fd_op_result res = {.entity = "import"};
	const char *base = strrchr(p->path, '/');
	snprintf(res.id, sizeof res.id, "%.36s", base ? base + 1 : p->path);
	enum fd_status st = fd_store_audit(db, &op, &res, err);
	fd_op_clear(&op);
	return st;
}

/* A row without a reference is known by its guest and stay: the same
 * family and given name, arrival, departure and room type as a booking the
 * hotel has is that booking, imported before. Rows without a name (the
 * data set's) cannot be told apart from genuinely identical bookings and
 * are always imported. Two such rows in one file are two bookings (a
 * family's two rooms): a row is known only while the hotel has more
 * bookings of that guest and stay than the rows before it in the file. */
struct stay_key {
	const struct imp_row *r;
	long i;
};

static int stay_cmp(const void *a, const void *b)
{
	const struct stay_key *x = a, *y = b;
	int c = strcmp(x->r->family, y->r->family);
	if (!c)
		c = strcmp(x->r->given, y->r->given);
	if (!c)
		c = (x->r->arrival > y->r->arrival) - (x->r->arrival < y->r->arrival);
	if (!c)
		c = (x->r->departure > y->r->departure) - (x->r->departure < y->r->departure);
	if (!c)
		c = strcmp(x->r->type, y->r->type);
	if (!c)
		c = (x->i > y->i) - (x->i < y->i);
	return c;
}

static bool same_stay(const struct imp_row *a, const struct imp_row *b)
{
	return strcmp(a->family, b->family) == 0 && strcmp(a->given, b->given) == 0 &&
	       a->arrival == b->arrival && a->departure == b->departure && strcmp(a->type, b->type) == 0;
}

static const char sql_same_stay[] = "SELECT b.code FROM bookings b JOIN guests g ON g.id = b.guest_id"
                                    " WHERE b.arrival = ?1 AND b.departure = ?2 AND b.type_code = ?3"
                                    " AND g.family = ?4 AND g.given = ?5 ORDER BY b.code";

/* A row that names its guest (not the data set's anonymous "Imported guest"). */
static bool named(const struct imp_row *r)
{
	return r->family[0] && !(strcmp(r->family, "Imported guest") == 0 && !r->given[0]);
}

static enum fd_status mark_same_stays(struct fd_db *db, struct parse *p, struct fd_error *err)
{
	long n = 0;
	for (long i = 0; i < p->n_rows; i++)
		if (!p->rows[i].ref[0] && named(&p->rows[i]))
			n++;
	if (n == 0)
		return FD_OK;
	struct stay_key *keys = malloc((size_t)n * sizeof *keys);
	if (!keys)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	n = 0;
	for (long i = 0; i < p->n_rows; i++)
		if (!p->rows[i].ref[0] && named(&p->rows[i]))
			keys[n++] = (struct stay_key){&p->rows[i], i};
	qsort(keys, (size_t)n, sizeof *keys, stay_cmp);
	enum fd_status st = FD_OK;
	sqlite3_stmt *s = fd_db_stmt(db, sql_same_stay, err);
	if (!s)
		st = fd_error_status(err, FD_E_IO);
	for (long g = 0; !st && g < n;) {
		long end = g + 1;
		while (end < n && same_stay(keys[g].r, keys[end].r))
			end++;
		const struct imp_row *r = keys[g].r;
		sqlite3_reset(s);
		sqlite3_bind_int(s, 1, r->arrival);
		sqlite3_bind_int(s, 2, r->departure);
		sqlite3_bind_text(s, 3, r->type, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, r->family, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, r->given, -1, SQLITE_STATIC);
		int rc;
		for (long k = g; (rc = sqlite3_step(s)) == SQLITE_ROW && k < end; k++) {
			struct imp_row *row = &p->rows[keys[k].i];
			const unsigned char *code = sqlite3_column_text(s, 0);
			snprintf(row->same_stay, sizeof row->same_stay, "%s",
			         code ? (const char *)code : "?");
		}
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			st = fd_db_fail(db, err, "looking up an imported stay");
		g = end;
	}
	if (s)
		sqlite3_reset(s);
	free(keys);
	return st;
}

static void list_same_stay(struct parse *p, const struct imp_row *r)
{
	if (p->res->same_stay > MAX_LISTED || !p->o->report)
		return;
	char a[FD_DATE_STRLEN], d[FD_DATE_STRLEN];
	fprintf(p->o->report,
	        _("%s:%ld: %s, %s %s to %s (%s) is booking %s, imported before (same guest, dates and room "
	          "type): skipped\n"),
	        p->path, r->line, r->family, r->given, fd_date_format(r->arrival, a),
	        fd_date_format(r->departure, d), r->type, r->same_stay);
}

static enum fd_status write_all(struct fd_db *db, struct parse *p, struct fd_error *err)
{
	/* One transaction for the whole file: give it a page cache large
	 * enough that SQLite does not spill pages to the WAL midway (which
	 * made a 100,000-row import take a minute instead of seconds). */
	sqlite3_exec(fd_db_handle(db), "PRAGMA cache_size = -524288", NULL, NULL, NULL);
	enum fd_status st = fd_db_begin(db, err);
	if (st)
		return st;
	st = write_types(db, p, err);
	if (!st)
		st = mark_same_stays(db, p, err);
	struct guest_cache gc = {.n = 0};
	for (long i = 0; !st && i < p->n_rows; i++) {
		if (p->o->progress && i % 1000 == 0)
			p->o->progress(p->o->progress_ctx, i, p->n_rows);
		bool known = false;
		if (p->rows[i].ref[0] && !(st = known_ref(db, p->rows[i].ref, &known, err)) && known) {
			p->res->existing++;
			continue;
		}
		if (!st && p->rows[i].same_stay[0]) {
			p->res->existing++;
			p->res->same_stay++;
			list_same_stay(p, &p->rows[i]);
			continue;
		}
		if (!st)
			st = write_row(db, &p->rows[i], &gc, err);
		if (!st) {
			p->res->imported++;
		} else if (err) {
			char msg[sizeof err->message];
			snprintf(msg, sizeof msg, "%s", err->message);
			fd_fail(err, err->status, err->code, "file", _("%s:%ld: %s; nothing imported."),
			        p->path, p->rows[i].line, msg);
		}
	}
	if (!st && p->o->progress)
		p->o->progress(p->o->progress_ctx, p->n_rows, p->n_rows);
	if (!st)
		st = audit_import(db, p, err);
	if (!st)
		st = fd_db_commit(db, err);
	else
		fd_db_rollback(db);
	sqlite3_exec(fd_db_handle(db), "PRAGMA cache_size = -2000", NULL, NULL, NULL);
	if (st)
		p->res->imported = 0;
	return st;
}

enum fd_status fd_import_bookings(struct fd_db *db, const char *path, const struct fd_import_opts *opts,
                                  struct fd_import_result *res, struct fd_error *err)
{
	memset(res, 0, sizeof *res);
	struct fd_property prop;
	const struct fd_repo *repo = fd_db_repo(db);
	enum fd_status st = repo->get_property(repo->ctx, &prop, err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(err, FD_E_NOT_FOUND, "no_property", NULL,
		               _("This hotel has not been set up yet; run 'init' first."));
	if (st)
		return st;
	FILE *f = fopen(path, "r");
	if (!f)
		return fd_fail(err, FD_E_IO, "io", "file", _("Cannot open %s: %s."), path, strerror(errno));
	struct parse *p = calloc(1, sizeof *p);
	if (!p) {
		fclose(f);
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	}
	p->path = path;
	p->o = opts;
	p->res = res;
	p->err = err;
	snprintf(p->currency, sizeof p->currency, "%s", prop.currency);
	st = read_file(p, f);
	fclose(f);
	if (!st && opts->hotel && p->n_rows == 0 && res->bad == 0) {
		char found[600] = "";
		for (int i = 0; i < p->n_hotels; i++)
			snprintf(found + strlen(found), sizeof found - strlen(found), "%s\"%s\"",
			         i ? ", " : "", p->hotels[i]);
		st = fd_fail(err, FD_E_INVALID, "no_rows", "hotel",
		             _("%s has no rows for hotel \"%s\"; it has %s."), path, opts->hotel,
		             p->n_hotels ? found : _("no hotel column"));
	}
	if (!st && res->bad > MAX_LISTED && opts->report)
		fprintf(opts->report, _("%s: ... and %ld more bad rows\n"), path, res->bad - MAX_LISTED);
	if (!st && res->bad > 0 && !opts->skip_bad) {
		st = fd_fail(
		    err, FD_E_INVALID, "bad_rows", "file",
		    _("%s: %ld bad row(s) (listed above); nothing imported. Fix them, or use --skip-bad-rows "
		      "to import the rest."),
		    path, res->bad);
	}
	if (!st)
		st = write_all(db, p, err);
	free(p->rows);
	free(p);
	return st;
}

/* --- export --- */

static void csv_cell(FILE *out, const char *s, char sep, bool last)
{
	bool quote = false;
	for (const char *c = s; *c && !quote; c++)
		quote = *c == sep || *c == '"' || *c == '\n' || *c == '\r';
	if (quote) {
		fputc('"', out);
		for (const char *c = s; *c; c++) {
			if (*c == '"')
				fputc('"', out);
			fputc(*c, out);
		}
		fputc('"', out);
	} else {
		fputs(s, out);
	}
	fputc(last ? '\n' : sep, out);
}

enum fd_status fd_export_bookings(struct fd_db *db, FILE *out, fd_date from, fd_date to, char separator,
                                  long *n, struct fd_error *err)
{
	static const enum col cols[] = {C_REF,  C_ARRIVAL, C_DEPARTURE, C_TYPE,    C_ADULTS, C_CHILDREN,
	                                C_RATE, C_NSTATUS, C_GUEST,     C_COUNTRY, C_SOURCE, C_NOTES};
	const int n_cols = (int)(sizeof cols / sizeof *cols);
	char sep = separator ? separator : ',';
	struct fd_property prop;
	const struct fd_repo *repo = fd_db_repo(db);
	enum fd_status st = repo->get_property(repo->ctx, &prop, err);
	if (st)
		return st;
	sqlite3_stmt *s = fd_db_stmt(
	    db,
	    "SELECT CASE WHEN b.ext_ref <> '' THEN b.ext_ref ELSE b.code END, b.arrival, b.departure,"
	    " b.type_code, b.adults, b.children, b.rate, b.status,"
	    " CASE WHEN g.given <> '' THEN g.family || ', ' || g.given ELSE g.family END,"
	    " g.country, b.source, b.notes"
	    " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	    " WHERE ?1 >= ?2 OR (b.arrival >= ?1 AND b.arrival < ?2)"
	    " ORDER BY b.arrival, b.departure, 1",
	    err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	*n = 0;
	for (int c = 0; c < n_cols; c++)
		csv_cell(out, col_names[cols[c]], sep, c == n_cols - 1);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char cell[64];
		for (int c = 0; c < n_cols; c++) {
			const char *v = (const char *)sqlite3_column_text(s, c);
			if (cols[c] == C_ARRIVAL || cols[c] == C_DEPARTURE)
				v = fd_date_format(sqlite3_column_int(s, c), cell);
			else if (cols[c] == C_RATE)
				v = fd_money_format_plain(sqlite3_column_int64(s, c), prop.currency, cell,
				                          sizeof cell);
			csv_cell(out, v ? v : "", sep, c == n_cols - 1);
		}
		++*n;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return fd_db_fail(db, err, "exporting bookings");
	if (ferror(out))
		return fd_fail(err, FD_E_IO, "io", "file", _("Cannot write the export: %s."),
		               strerror(errno));
	return FD_OK;
}
