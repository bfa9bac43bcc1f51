// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/query.h"
#include "store/row.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/avail.h"
#include "core/guest.h"
#include "core/i18n.h"
#include "store/db_internal.h"
#include "store/fold.h"

enum fd_status fd_query_room_types(struct fd_db *db, fd_room_type_cb cb, void *ctx, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT id, code, name, max_occupancy, base_rate, rank, version"
	                             " FROM room_types ORDER BY rank, code",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fd_room_type t = {0};
		fd_col_text(s, 0, t.id, sizeof t.id);
		fd_col_text(s, 1, t.code, sizeof t.code);
		fd_col_text(s, 2, t.name, sizeof t.name);
		t.max_occupancy = sqlite3_column_int(s, 3);
		t.base_rate = sqlite3_column_int64(s, 4);
		t.rank = sqlite3_column_int(s, 5);
		t.version = sqlite3_column_int64(s, 6);
		if (!cb(ctx, &t)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing room types");
}

enum fd_status fd_query_rooms(struct fd_db *db, fd_date today, fd_room_cb cb, void *ctx, struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(
	    db,
	    "SELECT r.number, r.type_code, r.floor, r.section, r.clean, r.maint, r.maint_reason,"
	    " r.maint_from, r.maint_to, r.dnd, r.mur, r.hk_occupied, r.version, r.id,"
	    " (SELECT code FROM bookings b WHERE b.room = r.number AND b.status = 'checked_in' LIMIT 1),"
	    " EXISTS (SELECT 1 FROM bookings b WHERE b.room = r.number AND b.status = 'checked_in'"
	    "   AND +b.departure <= ?1),"
	    " EXISTS (SELECT 1 FROM bookings b WHERE b.room = r.number AND +b.status = 'reserved'"
	    "   AND b.arrival = ?1)"
	    " FROM rooms r ORDER BY r.floor, length(r.number), r.number",
	    err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, today);
	return fd_stream_room_rows(db, s, today, cb, ctx, err, "listing rooms");
}

enum fd_status fd_query_bookings(struct fd_db *db, const struct fd_booking_filter *f, fd_booking_cb cb,
                                 void *ctx, struct fd_error *err)
{
	static const char *const sql[] = {
	    [FD_LIST_RANGE] =
	        "SELECT " FD_BOOKING_ROW_COLS " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	        " WHERE b.arrival < ?2 AND b.departure > ?1"
	        " ORDER BY b.arrival, b.code LIMIT ?3 OFFSET ?4",
	    [FD_LIST_ARRIVALS] =
	        "SELECT " FD_BOOKING_ROW_COLS " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	        " WHERE b.arrival = ?1 AND b.status = 'reserved' AND ?2 = ?2"
	        " ORDER BY b.eta = '', b.eta, g.family LIMIT ?3 OFFSET ?4",
	    [FD_LIST_DEPARTURES] =
	        "SELECT " FD_BOOKING_ROW_COLS " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	        " WHERE b.departure <= ?1 AND b.status = 'checked_in' AND ?2 = ?2"
	        " ORDER BY b.room LIMIT ?3 OFFSET ?4",
	    [FD_LIST_INHOUSE] =
	        "SELECT " FD_BOOKING_ROW_COLS " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	        " WHERE b.status = 'checked_in' AND ?1 = ?1 AND ?2 = ?2"
	        " ORDER BY length(b.room), b.room LIMIT ?3 OFFSET ?4",
	};
	sqlite3_stmt *s = fd_db_stmt(db, sql[f->kind], err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, f->from);
	sqlite3_bind_int(s, 2, f->to);
	sqlite3_bind_int(s, 3, f->limit > 0 ? f->limit : 1000);
	sqlite3_bind_int(s, 4, f->offset);
	return fd_stream_booking_rows(db, s, cb, ctx, err, "listing bookings");
}

static bool looks_like_code(const char *t)
{
	if (strlen(t) != FD_CODE_LEN - 1)
		return false;
	for (const char *p = t; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			return false;
	return true;
}

#define FIND_SHORT 4

/* What a search text asks for, for the one guest search (fd_query_find)
 * and the booking form's guest suggestions (fd_query_guests). */
struct find_terms {
	char match[300];                   /* FTS5 query: every word of 3+ characters, quoted; or "" */
	char shortw[FIND_SHORT][64];       /* shorter words: each starts a word of the key (LIKE, escaped) */
	bool guests;                       /* match guests at all */
	char code[FD_CODE_LEN];            /* the whole code, upper case, or "" */
	char code_prefix[FD_CODE_LEN + 1]; /* "AB3" for part of a code, or "" */
	char code_next[FD_CODE_LEN + 1];   /* the first text after the codes it begins ("AB4"), or "" */
};

static int utf8_chars(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* LIKE pattern text: % and _ are text, not wildcards. */
static void like_escape(const char *in, char *out, size_t size)
{
	size_t j = 0;
	for (; *in && j + 2 < size; in++) {
		if (*in == '%' || *in == '_' || *in == '\\')
			out[j++] = '\\';
		out[j++] = *in;
	}
	out[j] = '\0';
}

static void add_word(struct find_terms *t, const char *w, int *n_short)
{
	if (!*w)
		return;
	t->guests = true;
	if (utf8_chars(w) >= 3) {
		/* Each word one quoted FTS5 string, so no query syntax leaks in;
		 * words side by side must all match, in any order. */
		size_t j = strlen(t->match);
		if (j + strlen(w) * 2 + 4 >= sizeof t->match)
			return;
		if (j)
			t->match[j++] = ' ';
		t->match[j++] = '"';
		for (const char *p = w; *p; p++) {
			if (*p == '"')
				t->match[j++] = '"';
			t->match[j++] = *p;
		}
		t->match[j++] = '"';
		t->match[j] = '\0';
	} else if (*n_short < FIND_SHORT) {
		like_escape(w, t->shortw[(*n_short)++], sizeof t->shortw[0]);
	}
}

static void find_terms(const char *text, struct find_terms *t)
{
	memset(t, 0, sizeof *t);
	while (*text == ' ')
		text++;
	size_t len = strlen(text), alnum = 0, digits = 0, phone_chars = 0;
	for (const char *p = text; *p; p++) {
		bool digit = *p >= '0' && *p <= '9';
		bool letter = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z');
		alnum += digit || letter;
		digits += digit;
		phone_chars += digit || strchr("+-()./ ", *p) != NULL;
	}
	if (looks_like_code(text))
		for (int i = 0; i < FD_CODE_LEN - 1; i++)
			t->code[i] = (char)(text[i] >= 'a' && text[i] <= 'z' ? text[i] - 32 : text[i]);
	/* Part of a code: four or five of its characters, or three with a
	 * digit (three letters would begin many codes and many names). */
	if (alnum == len && (len == 4 || len == 5 || (len == 3 && digits > 0))) {
		for (size_t i = 0; i < len; i++)
			t->code_prefix[i] = (char)(text[i] >= 'a' && text[i] <= 'z' ? text[i] - 32 : text[i]);
		/* The codes it begins are the range [prefix, next): an index
		 * range, where GLOB with a bound pattern read every code. */
		memcpy(t->code_next, t->code_prefix, len);
		t->code_next[len - 1]++;
	}
	int n_short = 0;
	if (digits > 0 && phone_chars == len) {
		/* A phone number: only its digits count. Four digits or fewer is
		 * a room number, not part of a phone number. */
		char d[64];
		size_t j = 0;
		for (const char *p = text; *p && j + 1 < sizeof d; p++)
			if (*p >= '0' && *p <= '9')
				d[j++] = *p;
		d[j] = '\0';
		if (j >= 5)
			add_word(t, d, &n_short);
		return;
	}
	char key[256];
	if (strchr(text, '@')) {
		fd_fold(text, key, sizeof key); /* an e-mail address, as written */
		add_word(t, key, &n_short);
		return;
	}
	fd_fold_words(text, key, sizeof key);
	for (char *w = strtok(key, " "); w; w = strtok(NULL, " "))
		add_word(t, w, &n_short);
}

static void bind_terms(sqlite3_stmt *s, const struct find_terms *t, int first_short)
{
	for (int i = 0; i < FIND_SHORT; i++)
		sqlite3_bind_text(s, first_short + i, t->shortw[i], -1, SQLITE_TRANSIENT);
}

/* A short word starts a word of the key: the key's start or after a space. */
#define SHORT_WORD(n)                                                                                        \
	" AND (?" #n " = '' OR (' ' || gg.search_key) LIKE ('% ' || ?" #n " || '%') ESCAPE '\\')"
#define SHORT_WORDS SHORT_WORD(6) SHORT_WORD(7) SHORT_WORD(8) SHORT_WORD(9)

/* In-house guests first, then today's (and overdue) arrivals, then the
 * stays still to come (soonest first), then the past (latest first). */
#define FIND_ORDER                                                                                           \
	" ORDER BY b.code = ?2 DESC,"                                                                        \
	" CASE WHEN b.status = 'checked_in' THEN 0"                                                          \
	"  WHEN b.status = 'reserved' AND b.arrival <= (SELECT business_date FROM property) THEN 1"          \
	"  WHEN b.status = 'reserved' THEN 2 ELSE 3 END,"                                                    \
	" CASE WHEN b.status = 'reserved' THEN b.arrival ELSE -b.arrival END, b.code LIMIT ?4"

/* An entry of booking_search: the booking's place in the search's order
 * above bit 40, its rowid below (schema_speed.c, step 41). */
#define BS_ROWID_MASK "1099511627775"
#define BS_PLACE_SHIFT 40

/* The rowids of booking_search to read for a page of limit: below the
 * next place after the page's last entry, so that its ties come too (the
 * page orders them by code); every match when there are fewer. */
static enum fd_status page_bound(struct fd_db *db, const char *match, int limit, int64_t *bound,
                                 struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "SELECT rowid FROM booking_search WHERE booking_search MATCH ?1"
	                             " ORDER BY rowid LIMIT 1 OFFSET ?2",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, match, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, limit - 1);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*bound = ((sqlite3_column_int64(s, 0) >> BS_PLACE_SHIFT) + 1) << BS_PLACE_SHIFT;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "searching bookings");
}

enum fd_status fd_query_find(struct fd_db *db, const char *text, int limit, fd_booking_cb cb, void *ctx,
                             struct fd_error *err)
{
	struct find_terms t;
	find_terms(text, &t);
	/* Each way of matching is its own indexed lookup, united by rowid: an
	 * OR across the two tables made SQLite scan every booking (about
	 * 0.5 s with 500,000 of them). Words of three characters or more go
	 * to the trigram index; shorter ones only start words. */
	/* The page is chosen from the candidates' code, status and arrival
	 * (for a name, the index bookings_guest_find holds them: core step
	 * 37) and only its rows are read with their guests, not every
	 * booking of every guest the name matches. UNION, not UNION ALL: a
	 * booking found two ways takes one place on the page. */
#define FIND_PAGE(guests)                                                                                    \
	"SELECT " FD_BOOKING_ROW_COLS " FROM bookings b JOIN guests g ON g.id = b.guest_id"                  \
	" WHERE b.rowid IN (SELECT b.r FROM ("                                                               \
	"  SELECT rowid AS r, code, status, arrival FROM bookings WHERE code = ?2"                           \
	"  UNION SELECT rowid, code, status, arrival FROM bookings WHERE code >= ?5 AND code < ?10"          \
	"  UNION SELECT rowid, code, status, arrival FROM bookings WHERE room = ?3"                          \
	"  UNION SELECT bb.rowid, bb.code, bb.status, bb.arrival FROM " guests SHORT_WORDS ") b" FIND_ORDER  \
	")" FIND_ORDER
	static const char by_fts[] = FIND_PAGE("guest_search s JOIN guests gg ON gg.rowid = s.rowid"
	                                       " JOIN bookings bb ON bb.guest_id = gg.id"
	                                       " WHERE guest_search MATCH ?1");
	static const char by_prefix[] = FIND_PAGE("guests gg JOIN bookings bb ON bb.guest_id = gg.id"
	                                          " WHERE ?1 AND gg.search_key <> ''");
	/* Without short words, the bookings' own index (core step 41) hands
	 * the matches over in the page's order: only those up to the page's
	 * last place (and its ties) are read. ?6-?9 are '' here. */
	static const char by_order[] = FIND_PAGE("booking_search s JOIN bookings bb"
	                                         " ON bb.rowid = (s.rowid & " BS_ROWID_MASK ") JOIN guests gg"
	                                         " ON gg.id = bb.guest_id"
	                                         " WHERE booking_search MATCH ?1 AND s.rowid < ?11");
#undef FIND_PAGE
	bool fts = t.match[0] != '\0', ordered = fts && !t.shortw[0][0];
	/* Inside a batch that queues its entries (core step 50): what it
	 * wrote is found too. */
	if (fts && fd_search_pending(db, err))
		return fd_error_status(err, FD_E_IO);
	int64_t bound = INT64_MAX;
	if (ordered && page_bound(db, t.match, limit > 0 ? limit : 50, &bound, err))
		return fd_error_status(err, FD_E_IO);
	sqlite3_stmt *s = fd_db_stmt(db, ordered ? by_order : fts ? by_fts : by_prefix, err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	if (ordered)
		sqlite3_bind_int64(s, 11, bound);
	if (fts)
		sqlite3_bind_text(s, 1, t.match, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int(s, 1, t.guests);
	sqlite3_bind_text(s, 2, t.code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, limit > 0 ? limit : 50);
	sqlite3_bind_text(s, 5, t.code_prefix, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 10, t.code_next, -1, SQLITE_TRANSIENT);
	bind_terms(s, &t, 6);
	return fd_stream_booking_rows(db, s, cb, ctx, err, "listing bookings");
}

static enum fd_status stream_guests(struct fd_db *db, sqlite3_stmt *s, fd_guest_cb cb, void *ctx,
                                    struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(db);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct fd_guest_row row = {0};
		char id[FD_ID_LEN];
		fd_col_text(s, 0, id, sizeof id);
		row.last_stay = (fd_date)sqlite3_column_int(s, 1);
		row.stays = sqlite3_column_int(s, 2);
		if (repo->get_guest(repo->ctx, id, &row.g, NULL) != FD_OK)
			continue;
		if (!cb(ctx, &row)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? FD_OK : fd_db_fail(db, err, "listing guests");
}

#define GUEST_COLS                                                                                           \
	"SELECT gg.id, (SELECT max(arrival) FROM bookings WHERE guest_id = gg.id"                            \
	"  AND status IN ('checked_in', 'checked_out')),"                                                    \
	" (SELECT count(*) FROM bookings WHERE guest_id = gg.id AND status <> 'cancelled')"

enum fd_status fd_query_guests(struct fd_db *db, const char *text, int limit, fd_guest_cb cb, void *ctx,
                               struct fd_error *err)
{
	struct find_terms t;
	find_terms(text, &t);
	static const char by_fts[] =
	    GUEST_COLS " FROM guest_search s JOIN guests gg ON gg.rowid = s.rowid"
	               " WHERE guest_search MATCH ?1 AND gg.merged_into = ''" SHORT_WORDS
	               " ORDER BY gg.family, gg.given, gg.id LIMIT ?4";
	static const char by_prefix[] =
	    GUEST_COLS " FROM guests gg WHERE ?1 AND gg.search_key <> ''"
	               " AND gg.merged_into = ''" SHORT_WORDS " ORDER BY gg.family, gg.given, gg.id LIMIT ?4";
	bool fts = t.match[0] != '\0';
	if (fts && fd_search_pending(db, err)) /* as in fd_query_find */
		return fd_error_status(err, FD_E_IO);
	sqlite3_stmt *s = fd_db_stmt(db, fts ? by_fts : by_prefix, err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	if (fts)
		sqlite3_bind_text(s, 1, t.match, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int(s, 1, t.guests);
	sqlite3_bind_int(s, 4, limit > 0 ? limit : 20);
	bind_terms(s, &t, 6);
	return stream_guests(db, s, cb, ctx, err);
}

struct same_name {
	char family[FD_NAME_LEN * 2], given[FD_NAME_LEN * 2];
	fd_guest_cb cb;
	void *ctx;
	bool stopped;
};

static bool same_name_row(void *ctx, const struct fd_guest_row *row)
{
	struct same_name *n = ctx;
	char family[FD_NAME_LEN * 2], given[FD_NAME_LEN * 2];
	fd_fold_words(row->g.family, family, sizeof family);
	fd_fold_words(row->g.given, given, sizeof given);
	if (row->g.erased || strcmp(family, n->family) != 0 || strcmp(given, n->given) != 0)
		return true;
	if (!n->cb(n->ctx, row))
		n->stopped = true;
	return !n->stopped;
}

enum fd_status fd_query_same_name(struct fd_db *db, const char *family, const char *given, fd_guest_cb cb,
                                  void *ctx, struct fd_error *err)
{
	struct same_name n = {.cb = cb, .ctx = ctx};
	fd_fold_words(family, n.family, sizeof n.family);
	fd_fold_words(given ? given : "", n.given, sizeof n.given);
	if (!n.family[0] && !n.given[0])
		return FD_OK;
	char text[FD_NAME_LEN * 4 + 2];
	snprintf(text, sizeof text, "%s %s", n.family, n.given);
	return fd_query_guests(db, text, 200, same_name_row, &n, err);
}

enum fd_status fd_query_guest_stays(struct fd_db *db, const char *guest_id, int limit, fd_booking_cb cb,
                                    void *ctx, struct fd_error *err)
{
	sqlite3_stmt *s =
	    fd_db_stmt(db,
	               "SELECT " FD_BOOKING_ROW_COLS " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	               " WHERE b.guest_id = ?1 ORDER BY b.arrival DESC, b.code LIMIT ?2",
	               err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, guest_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, limit > 0 ? limit : 1000);
	return fd_stream_booking_rows(db, s, cb, ctx, err, "listing bookings");
}

enum fd_status fd_query_board(struct fd_db *db, fd_date from, fd_date to, fd_booking_cb cb, void *ctx,
                              struct fd_error *err)
{
	/* A stay overlaps [from, to) when it holds the night `from` (the guard
	 * table knows) or arrives inside the range (bookings_arrival; from
	 * included, for a day-use on the first day, which holds no night); both
	 * are index lookups, and the set to check is about one row per stay
	 * instead of one per room-night (1.6x faster with 500,000 bookings
	 * than reading every night of the range). Nights hold a room exactly
	 * when their booking has one, and only stays that hold nights
	 * (reserved, in house, checked out) are on the board. */
	sqlite3_stmt *s =
	    fd_db_stmt(db,
	               "SELECT " FD_BOOKING_ROW_COLS " FROM bookings b JOIN guests g ON g.id = b.guest_id"
	               " WHERE b.room IS NOT NULL AND b.rowid IN"
	               "  (SELECT bb.rowid FROM stay_nights n JOIN bookings bb ON bb.id = n.booking_id"
	               "   WHERE n.night = ?1"
	               "   UNION ALL SELECT rowid FROM bookings WHERE arrival >= ?1 AND arrival < ?2"
	               "   AND status IN ('reserved', 'checked_in', 'checked_out'))"
	               " ORDER BY b.room, b.arrival",
	               err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_int(s, 1, from);
	sqlite3_bind_int(s, 2, to);
	return fd_stream_booking_rows(db, s, cb, ctx, err, "listing bookings");
}

enum fd_status fd_query_available(struct fd_db *db, const char *type_code, fd_date night, int *free_rooms,
                                  struct fd_error *err)
{
	return fd_query_available_nights_in(fd_db_repo(db), type_code, night, night + 1, free_rooms, err);
}

enum fd_status fd_query_available_in(const struct fd_repo *repo, const char *type_code, fd_date night,
                                     int *free_rooms, struct fd_error *err)
{
	return fd_query_available_nights_in(repo, type_code, night, night + 1, free_rooms, err);
}

enum fd_status fd_query_available_nights(struct fd_db *db, const char *type_code, fd_date from, fd_date to,
                                         int *free_rooms, struct fd_error *err)
{
	return fd_query_available_nights_in(fd_db_repo(db), type_code, from, to, free_rooms, err);
}

/* The one place free rooms are reckoned from the store's counts: every
 * night of the range from one range call (core/avail.h). */
enum fd_status fd_query_available_nights_in(const struct fd_repo *repo, const char *type_code, fd_date from,
                                            fd_date to, int *free_rooms, struct fd_error *err)
{
	if (to <= from)
		return FD_OK;
	size_t n = (size_t)(to - from);
	int few[64], *sold = n <= 64 ? few : malloc(n * sizeof *sold);
	if (!sold)
		return fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	enum fd_status st = fd_avail_nights(repo, type_code, from, to, "", free_rooms, sold, err);
	for (size_t i = 0; i < n; i++)
		free_rooms[i] = st ? 0 : free_rooms[i] - sold[i];
	if (sold != few)
		free(sold);
	return st;
}

enum fd_status fd_query_booking(struct fd_db *db, const char *key, struct fd_booking_row *row,
                                struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(db);
	memset(row, 0, sizeof *row);
	char upper[FD_ID_LEN];
	snprintf(upper, sizeof upper, "%s", key);
	if (looks_like_code(upper))
		for (char *p = upper; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 32);
	enum fd_status st = repo->get_booking(repo->ctx, upper, &row->b, err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(err, FD_E_NOT_FOUND, "booking_not_found", "code", _("No booking \"%s\"."),
		               key);
	if (st)
		return st;
	struct fd_guest g;
	if (repo->get_guest(repo->ctx, row->b.guest_id, &g, err) == FD_OK) {
		fd_guest_display_name(&g, row->guest_name, sizeof row->guest_name);
		memcpy(row->country, g.country, sizeof row->country);
		row->vip = g.vip;
	}
	return FD_OK;
}

enum fd_status fd_query_business_date(struct fd_db *db, fd_date *out, struct fd_error *err)
{
	const struct fd_repo *repo = fd_db_repo(db);
	struct fd_property p;
	enum fd_status st = repo->get_property(repo->ctx, &p, err);
	if (st == FD_E_NOT_FOUND)
		return fd_fail(
		    err, FD_E_NOT_FOUND, "no_property", NULL,
		    _("This hotel has not been set up yet; run 'frontdesk init' or 'frontdesk demo'."));
	if (!st)
		*out = p.business_date;
	return st;
}
