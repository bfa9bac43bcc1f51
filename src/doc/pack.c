// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "doc/pack.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/i18n.h"
#include "doc/doc.h"
#include "store/query.h"

struct list {
	struct fd_doc doc;
	fd_date day;
	bool queue; /* the housekeeping queue: only rooms to clean */
	bool oom;
};

static void cells(struct fd_doc_line *l, const char *a, const char *b, const char *c, const char *d,
                  const char *e, const char *f)
{
	snprintf(l->date, sizeof l->date, "%s", a);
	snprintf(l->description, sizeof l->description, "%s", b);
	snprintf(l->quantity, sizeof l->quantity, "%s", c);
	snprintf(l->unit_price, sizeof l->unit_price, "%s", d);
	snprintf(l->vat_rate, sizeof l->vat_rate, "%s", e);
	snprintf(l->amount, sizeof l->amount, "%s", f);
}

static bool booking_line(void *ctx, const struct fd_booking_row *row)
{
	struct list *L = ctx;
	struct fd_doc_line *l = fd_doc_add_line(&L->doc);
	if (!l)
		return !(L->oom = true);
	char a[FD_DATE_STRLEN], z[FD_DATE_STRLEN], guests[16];
	const struct fd_booking *b = &row->b;
	snprintf(guests, sizeof guests, "%d+%d", b->adults, b->children);
	cells(l, b->code, row->guest_name, b->room[0] ? b->room : "-", fd_date_format(b->arrival, a),
	      fd_date_format(b->departure, z), b->eta[0] ? b->eta : guests);
	return true;
}

static bool room_line(void *ctx, const struct fd_room_row *row)
{
	struct list *L = ctx;
	bool queue = L->queue;
	if (queue && !(row->r.clean == FD_CLEAN_DIRTY || row->r.clean == FD_CLEAN_PICKUP || row->due_out))
		return true;
	struct fd_doc_line *l = fd_doc_add_line(&L->doc);
	if (!l)
		return !(L->oom = true);
	char floor[8];
	snprintf(floor, sizeof floor, "%d", row->r.floor);
	const char *note = row->due_out ? _("due out") : row->arrival_today ? _("arrival") : "";
	cells(l, row->r.number, row->r.type_code, floor, row->hk_code, fd_clean_name(row->r.clean),
	      queue ? "" : row->occupant_code);
	if (queue && note[0])
		snprintf(l->vat_rate, sizeof l->vat_rate, "%s, %s", fd_clean_name(row->r.clean), note);
	else if (note[0])
		snprintf(l->amount, sizeof l->amount, "%s %s", row->occupant_code, note);
	return true;
}

static void heads(struct fd_doc *d, int n, const char *h[6])
{
	d->kind = FD_DOC_LIST;
	d->n_columns = n;
	for (int i = 0; i < n; i++)
		snprintf(d->columns[i], sizeof d->columns[i], "%s", h[i]);
}

/* Write one list as NAME-DATE.txt and .pdf in dir. */
static enum fd_status write_list(struct list *L, const char *dir, const char *name, int *files,
                                 struct fd_error *err)
{
	char day[FD_DATE_STRLEN], path[4096], tmp[4200];
	fd_date_format(L->day, day);
	if (L->oom)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	if (!L->doc.n_lines)
		snprintf(L->doc.notice, sizeof L->doc.notice, "%s", _("None."));
	snprintf(path, sizeof path, "%s/%s-%s.txt", dir, name, day);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (!f)
		return fd_fail(err, FD_E_IO, "io", "dir", _("Cannot write %s: %s."), tmp, strerror(errno));
	fd_doc_write_text(&L->doc, f, 100);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return fd_fail(err, FD_E_IO, "io", "dir", _("Cannot write %s: %s."), path, strerror(errno));
	}
	snprintf(path, sizeof path, "%s/%s-%s.pdf", dir, name, day);
	enum fd_status st = fd_doc_write_pdf(&L->doc, path, err);
	*files += st ? 1 : 2;
	return st;
}

static void title(struct list *L, const char *what, const char *hotel)
{
	char day[FD_DATE_STRLEN];
	snprintf(L->doc.title, sizeof L->doc.title, "%s %s", what, fd_date_format(L->day, day));
	snprintf(L->doc.issuer[L->doc.n_issuer++], FD_DOC_TEXT, "%s", hotel);
}

enum fd_status fd_outage_pack_write(struct fd_db *db, const char *dir, fd_date today, int *files,
                                    struct fd_error *err)
{
	*files = 0;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return fd_fail(err, FD_E_IO, "io", "dir", _("Cannot create %s: %s."), dir, strerror(errno));
	struct fd_property prop;
	const struct fd_repo *repo = fd_db_repo(db);
	enum fd_status st = repo->get_property(repo->ctx, &prop, err);
	const char *bh[6] = {_("Code"),    _("Guest"),     _("Room"),
	                     _("Arrival"), _("Departure"), _("ETA / guests")};
	const char *rh[6] = {_("Room"), _("Type"), _("Floor"), _("Status"), _("Cleaning"), _("Occupant")};
	const char *qh[5] = {_("Room"), _("Type"), _("Floor"), _("Status"), _("Cleaning")};
	static const struct {
		enum fd_booking_list kind;
		const char *name;
		const char *what;
		bool tomorrow;
	} lists[] = {
	    {FD_LIST_ARRIVALS, "arrivals", N_("Arrivals"), true},
	    {FD_LIST_DEPARTURES, "departures", N_("Departures"), true},
	    {FD_LIST_INHOUSE, "in-house", N_("In house"), false},
	};
	for (size_t i = 0; !st && i < sizeof lists / sizeof *lists; i++) {
		for (int d = 0; !st && d <= (lists[i].tomorrow ? 1 : 0); d++) {
			struct list L = {.day = today + d};
			fd_doc_init(&L.doc);
			heads(&L.doc, 6, bh);
			title(&L, _(lists[i].what), prop.name);
			struct fd_booking_filter f = {
			    .kind = lists[i].kind, .from = today + d, .to = today + d + 1};
			st = fd_query_bookings(db, &f, booking_line, &L, err);
			if (!st)
				st = write_list(&L, dir, lists[i].name, files, err);
			fd_doc_clear(&L.doc);
		}
	}
	for (int k = 0; !st && k < 2; k++) {
		struct list L = {.day = today, .queue = k == 1};
		fd_doc_init(&L.doc);
		heads(&L.doc, k ? 5 : 6, k ? qh : rh);
		title(&L, k ? _("Housekeeping queue") : _("Room status"), prop.name);
		st = fd_query_rooms(db, today, room_line, &L, err);
		if (!st)
			st = write_list(&L, dir, k ? "housekeeping" : "rooms", files, err);
		fd_doc_clear(&L.doc);
	}
	return st;
}

void fd_outage_pack_refresh(void *dir, struct fd_db *db)
{
	fd_date today;
	int files = 0;
	if (fd_query_business_date(db, &today, NULL) == FD_OK)
		fd_outage_pack_write(db, dir, today, &files, NULL);
}
