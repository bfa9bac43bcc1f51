// SPDX-License-Identifier: GPL-3.0-or-later
/* A rooming list from CSV; see rooming.h. */
#include "config.h"
#include "store/rooming.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/i18n.h"

enum rcol {
	C_GUEST,
	C_TYPE,
	C_ARRIVAL,
	C_DEPARTURE,
	C_ADULTS,
	C_CHILDREN,
	C_EMAIL,
	C_PHONE,
	C_NOTES,
	N_RCOLS
};
static const char *const rcol_names[N_RCOLS] = {"guest",    "type",  "arrival", "departure", "adults",
                                                "children", "email", "phone",   "notes"};
#define MAX_FIELDS 32
#define MAX_FIELD 1024

struct rparse {
	const char *path;
	long line, row_line;
	bool in_row, header_done;
	int n_fields;
	char fields[MAX_FIELDS][MAX_FIELD];
	bool too_long;
	int col[N_RCOLS];
	struct fd_rooming_row *rows;
	int n_rows, cap;
	struct fd_error *err;
	enum fd_status st;
};

static void on_field(void *s, size_t len, void *data)
{
	struct rparse *p = data;
	if (!p->in_row) {
		p->in_row = true;
		p->row_line = p->line;
		p->n_fields = 0;
		p->too_long = false;
	}
	if (p->n_fields >= MAX_FIELDS || len >= MAX_FIELD) {
		p->too_long = true;
		return;
	}
	memcpy(p->fields[p->n_fields], s, len);
	p->fields[p->n_fields++][len] = '\0';
}

static const char *field(struct rparse *p, enum rcol c)
{
	int i = p->col[c];
	return i >= 0 && i < p->n_fields ? p->fields[i] : "";
}

static void bad(struct rparse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bad(struct rparse *p, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->st = fd_fail(p->err, FD_E_INVALID, "invalid_file", "file", _("%s:%ld: %s; nothing was booked."),
	                p->path, p->row_line, msg);
}

static void read_header(struct rparse *p)
{
	p->header_done = true;
	for (int c = 0; c < N_RCOLS; c++)
		p->col[c] = -1;
	for (int i = 0; i < p->n_fields; i++)
		for (int c = 0; c < N_RCOLS; c++)
			if (strcasecmp(p->fields[i], rcol_names[c]) == 0)
				p->col[c] = i;
	for (int c = C_GUEST; c <= C_DEPARTURE; c++)
		if (p->col[c] < 0) {
			bad(p,
			    _("the header has no \"%s\" column (a rooming list needs guest, type, arrival "
			      "and "
			      "departure)"),
			    rcol_names[c]);
			return;
		}
}

static bool count(struct rparse *p, enum rcol c, int min, int dflt, int *out)
{
	const char *s = field(p, c);
	if (!*s) {
		*out = dflt;
		return true;
	}
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > 50) {
		bad(p, _("%s \"%s\" is not a number of guests"), rcol_names[c], s);
		return false;
	}
	*out = (int)v;
	return true;
}

static void copy(char *out, size_t size, const char *s)
{
	snprintf(out, size, "%s", s);
}

static void on_row(int ch, void *data)
{
	(void)ch;
	struct rparse *p = data;
	bool blank = p->n_fields <= 1 && (p->n_fields == 0 || !p->fields[0][0]);
	p->in_row = false;
	if (p->st || blank)
		return;
	if (p->too_long) {
		bad(p, _("a line has more than %d fields or a field longer than %d bytes"), MAX_FIELDS,
		    MAX_FIELD - 1);
		return;
	}
	if (!p->header_done) {
		read_header(p);
		return;
	}
	struct fd_rooming_row r = {.line = p->row_line};
	fd_date a, d;
	const char *guest = field(p, C_GUEST), *type = field(p, C_TYPE);
	const char *arr = field(p, C_ARRIVAL), *dep = field(p, C_DEPARTURE);
	if (!guest[strspn(guest, " ")]) {
		bad(p, _("the %s column is empty"), "guest");
		return;
	}
	if (!*type || strlen(type) >= sizeof r.type) {
		bad(p, _("%s \"%s\" is not a room type code"), "type", type);
		return;
	}
	if (!fd_date_parse(arr, &a)) {
		bad(p, _("%s \"%s\" is not a date (YYYY-MM-DD)"), "arrival", arr);
		return;
	}
	if (!fd_date_parse(dep, &d)) {
		bad(p, _("%s \"%s\" is not a date (YYYY-MM-DD)"), "departure", dep);
		return;
	}
	if (d <= a) {
		bad(p, _("the %s %s is not after the arrival"), "departure", dep);
		return;
	}
	if (!count(p, C_ADULTS, 1, 1, &r.adults) || !count(p, C_CHILDREN, 0, 0, &r.children))
		return;
	if (strlen(guest) >= sizeof r.guest || strlen(field(p, C_EMAIL)) >= sizeof r.email ||
	    strlen(field(p, C_PHONE)) >= sizeof r.phone) {
		bad(p, _("a guest name, e-mail or phone is too long"));
		return;
	}
	copy(r.guest, sizeof r.guest, guest);
	copy(r.type, sizeof r.type, type);
	copy(r.arrival, sizeof r.arrival, arr);
	copy(r.departure, sizeof r.departure, dep);
	copy(r.email, sizeof r.email, field(p, C_EMAIL));
	copy(r.phone, sizeof r.phone, field(p, C_PHONE));
	copy(r.notes, sizeof r.notes, field(p, C_NOTES));
	if (p->n_rows == p->cap) {
		int cap = p->cap ? 2 * p->cap : 16;
		struct fd_rooming_row *grown = realloc(p->rows, (size_t)cap * sizeof *grown);
		if (!grown) {
			p->st = fd_fail(p->err, FD_E_NOMEM, "nomem", NULL, "%s", _("Out of memory."));
			return;
		}
		p->rows = grown;
		p->cap = cap;
	}
	p->rows[p->n_rows++] = r;
}

static char sniff(const char *line)
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

enum fd_status fd_rooming_read(const char *path, char separator, struct fd_rooming_row **out, int *n,
                               struct fd_error *err)
{
	*out = NULL;
	*n = 0;
	FILE *f = fopen(path, "r");
	if (!f)
		return fd_fail(err, FD_E_IO, "io", "file", _("Cannot open %s: %s."), path, strerror(errno));
	struct rparse *p = calloc(1, sizeof *p);
	struct csv_parser csv;
	if (!p || csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		free(p);
		fclose(f);
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, "%s", _("Out of memory."));
	}
	p->path = path;
	p->err = err;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	while (!p->st && (len = getline(&buf, &cap, f)) > 0) {
		p->line++;
		char *text = buf;
		if (p->line == 1) {
			if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
				text += 3, len -= 3;
			csv_set_delim(&csv,
			              separator ? (unsigned char)separator : (unsigned char)sniff(text));
		}
		if (csv_parse(&csv, text, (size_t)len, on_field, on_row, p) != (size_t)len && !p->st)
			p->st = fd_fail(err, FD_E_INVALID, "invalid_file", "file",
			                _("%s:%ld: %s; nothing was booked."), path, p->line,
			                csv_strerror(csv_error(&csv)));
	}
	if (!p->st && csv_fini(&csv, on_field, on_row, p) != 0)
		p->st = fd_fail(err, FD_E_INVALID, "invalid_file", "file",
		                _("%s:%ld: the file ends inside a quoted field; nothing was booked."), path,
		                p->line);
	if (!p->st && ferror(f))
		p->st = fd_fail(err, FD_E_IO, "io", "file", _("Cannot read %s: %s."), path, strerror(errno));
	if (!p->st && !p->n_rows)
		p->st = fd_fail(err, FD_E_INVALID, "invalid_file", "file",
		                _("%s has no rooms to book (a header line and one line per room)."), path);
	free(buf);
	csv_free(&csv);
	fclose(f);
	enum fd_status st = p->st;
	if (st)
		free(p->rows);
	else
		*out = p->rows, *n = p->n_rows;
	free(p);
	return st;
}
