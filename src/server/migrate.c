// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd migrate --to postgresql://...: moves the SQLite hotel of the
 * data directory into PostgreSQL (doc/scale-out.md), where it becomes one
 * property of the database; a database that already holds that hotel is
 * refused. The data directory's serve lock is held throughout (no frontdeskd
 * may serve it meanwhile), the SQLite file is read in one read transaction
 * and left as it was, and everything is written in one PostgreSQL
 * transaction that commits only once every table's rows are counted there
 * as in SQLite: a failure changes nothing.
 *
 * Moved: the property, room types, rooms, guests, bookings with their
 * room-nights (the double-booking guard's rows as they are), staff and
 * their passwords, housekeeping tasks, the folio settings, charge codes,
 * folios and their lines, the night audit's closed days, company
 * accounts (and the account a booking is made for), invoices and credit
 * notes with each series' next number, the mail queue, room blocks, rate
 * plans with their prices and each booking's prices per night, group
 * blocks with the rooms they hold (and the block a booking was picked up
 * from), bookings' channel references (PostgreSQL step 21),
 * enrolled devices (who revoked one, and when), who signed in on each,
 * their sessions, unused enrolment codes, every
 * operation's recorded result (a terminal's retry is answered from it) and
 * the audit log with its hash chain.
 * The change feed is rebuilt: one change per entity, numbered from 1, under
 * the PostgreSQL database's epoch, which is never the SQLite one: a terminal
 * sees a new epoch and re-syncs as after a restore, pushing again what it
 * holds (answered from the recorded results, nothing twice).
 *
 * Tables this file does not know are compared with a new hotel's: a hotel
 * holding rows in one (beyond what a new hotel starts with) is refused,
 * naming them, rather than losing them, so a table added later is refused,
 * never dropped. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "pg/chain.h"
#include "pg/pg.h"
#include "server/server.h"
#include "store/db.h"

/* A table copied row for row: the SQLite query's columns become
 * parameters $2.. of the PostgreSQL insert ($1 is the property's id, or
 * the first column where the table is not per property). */
struct mig_copy {
	const char *label;  /* for the summary and messages */
	const char *sqlite; /* the rows, in the feed's order */
	const char *pg;
	int n;                /* columns of the query */
	bool per_property;    /* $1 is the property id */
	const char *entity;   /* the change feed's entity, keyed by column 0; NULL: none */
	const char *count_pg; /* the rows there afterwards ($1: the property) */
};

static const struct mig_copy copies[] = {
    {N_("property"), "SELECT id, name, currency, timezone, business_date, version, updated_at FROM property",
     "INSERT INTO properties (id, name, currency, timezone, business_date, version, updated_at)"
     " VALUES ($1, $2, $3, $4, $5, $6, $7)",
     7, false, "property", "SELECT count(*) FROM properties WHERE id = $1"},
    {N_("room types"),
     "SELECT code, id, name, max_occupancy, base_rate, rank, version, updated_at FROM room_types"
     " ORDER BY rank, code",
     "INSERT INTO room_types (property_id, code, id, name, max_occupancy, base_rate, rank, version,"
     " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
     8, true, "room_type", "SELECT count(*) FROM room_types WHERE property_id = $1"},
    {N_("rooms"),
     "SELECT number, id, type_code, floor, section, clean, maint, maint_reason, maint_from, maint_to,"
     " dnd, mur, hk_occupied, version, updated_at FROM rooms ORDER BY number",
     "INSERT INTO rooms (property_id, number, id, type_code, floor, section, clean, maint, maint_reason,"
     " maint_from, maint_to, dnd, mur, hk_occupied, version, updated_at)"
     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
     15, true, "room", "SELECT count(*) FROM rooms WHERE property_id = $1"},
    {N_("guests"),
     "SELECT id, family, given, email, phone, country, document, notes, vip, erased, search_key,"
     " doc_type, doc_country, doc_expiry, nationality, birth_date, address, preferences, merged_into,"
     " language, version, updated_at FROM guests ORDER BY rowid",
     "INSERT INTO guests (property_id, id, family, given, email, phone, country, document, notes, vip,"
     " erased, search_key, doc_type, doc_country, doc_expiry, nationality, birth_date, address,"
     " preferences, merged_into, language, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7,"
     " $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)",
     22, true, "guest", "SELECT count(*) FROM guests WHERE property_id = $1"},
    {N_("bookings"),
     "SELECT id, code, guest_id, type_code, room, arrival, departure, adults, children, rate, status,"
     " source, notes, eta, late_checkin, version, updated_at, company_id, coalesce(block_id, ''),"
     " ext_ref FROM bookings ORDER BY rowid",
     "INSERT INTO bookings (property_id, id, code, guest_id, type_code, room, arrival, departure,"
     " adults, children, rate, status, source, notes, eta, late_checkin, version, updated_at, company_id,"
     " block_id, ext_ref) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
     " $17, $18, $19, $20, $21)",
     20, true, "booking", "SELECT count(*) FROM bookings WHERE property_id = $1"},
    {N_("room-nights"),
     "SELECT booking_id, night, type_code, room FROM stay_nights ORDER BY booking_id, night",
     "INSERT INTO stay_nights (property_id, booking_id, night, type_code, room) VALUES ($1, $2, $3, $4,"
     " $5)",
     4, true, NULL, "SELECT count(*) FROM stay_nights WHERE property_id = $1"},
    {N_("staff"),
     "SELECT username, id, display_name, role, dept, section, active, on_shift, version, updated_at"
     " FROM staff ORDER BY username",
     "INSERT INTO staff (property_id, username, id, display_name, role, dept, section, active,"
     " on_shift, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
     10, true, "staff", "SELECT count(*) FROM staff WHERE property_id = $1"},
    {N_("housekeeping tasks"),
     "SELECT id, room, date, kind, attendant, status, version, updated_at, done_by, done_at FROM hk_tasks"
     " ORDER BY date, room, id",
     "INSERT INTO hk_tasks (property_id, id, room, date, kind, attendant, status, version, updated_at,"
     " done_by, done_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
     10, true, "task", "SELECT count(*) FROM hk_tasks WHERE property_id = $1"},
    {N_("settings"), "SELECT key, value FROM folio_settings ORDER BY key",
     "INSERT INTO settings (property_id, key, value) VALUES ($1, $2, $3)", 2, true, "setting",
     "SELECT count(*) FROM settings WHERE property_id = $1"},
    /* The folio area (PostgreSQL step 11): every charge code the hotel has
     * (the PostgreSQL hotel made by this copy has none of its own), folios
     * after their bookings, lines in their order (a void after the line it
     * voids) and closed days. */
    {N_("charge codes"),
     "SELECT code, name, vat_bp, is_room, version, updated_at FROM charge_codes ORDER BY rowid",
     "INSERT INTO charge_codes (property_id, code, name, vat_bp, is_room, version, updated_at)"
     " VALUES ($1, $2, $3, $4, $5, $6, $7)",
     6, true, "charge_code", "SELECT count(*) FROM charge_codes WHERE property_id = $1"},
    {N_("folios"),
     "SELECT id, booking_id, kind, name, company, route_room, version, updated_at FROM folios ORDER BY rowid",
     "INSERT INTO folios (property_id, id, booking_id, kind, name, company, route_room, version, updated_at)"
     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
     8, true, "folio", "SELECT count(*) FROM folios WHERE property_id = $1"},
    {N_("folio lines"),
     "SELECT id, folio_id, kind, code, description, amount, tax, date, method, ref, last4, voids, reason,"
     " actor, created_at, version, updated_at, reverses, quantity, unit_price FROM folio_lines ORDER BY seq",
     "INSERT INTO folio_lines (property_id, id, folio_id, kind, code, description, amount, tax, date,"
     " method, ref, last4, voids, reason, actor, created_at, version, updated_at, reverses, quantity,"
     " unit_price) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,"
     " $18, $19, $20, $21)",
     20, true, "folio_line", "SELECT count(*) FROM folio_lines WHERE property_id = $1"},
    {N_("closed days"),
     "SELECT date, rooms_total, rooms_ooo, rooms_sold, room_revenue, arrivals, departures, cancellations,"
     " no_shows, closed_by, closed_at FROM day_reports ORDER BY date",
     "INSERT INTO day_reports (property_id, date, rooms_total, rooms_ooo, rooms_sold, room_revenue,"
     " arrivals, departures, cancellations, no_shows, closed_by, closed_at)"
     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
     11, true, "day_report", "SELECT count(*) FROM day_reports WHERE property_id = $1"},
    /* Company accounts (PostgreSQL step 12), which bookings and folios
     * name. */
    {N_("company accounts"),
     "SELECT id, name, kind, address, vat, contact, credit_limit, direct_bill, version, updated_at"
     " FROM companies ORDER BY rowid",
     "INSERT INTO companies (property_id, id, name, kind, address, vat, contact, credit_limit, direct_bill,"
     " version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
     10, true, "company", "SELECT count(*) FROM companies WHERE property_id = $1"},
    /* Invoices as issued, each series' next number, and the mail queue
     * (PostgreSQL step 13), after the folios and bookings they name. */
    {N_("invoices"),
     "SELECT id, series, number, kind, folio_id, booking_id, refers_to, reason, total, tax, content,"
     " issued_by, issued_at, version, updated_at FROM invoices ORDER BY rowid",
     "INSERT INTO invoices (property_id, id, series, number, kind, folio_id, booking_id, refers_to, reason,"
     " total, tax, content, issued_by, issued_at, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7,"
     " $8, $9, $10, $11, $12, $13, $14, $15, $16)",
     15, true, "invoice", "SELECT count(*) FROM invoices WHERE property_id = $1"},
    {N_("invoice series"), "SELECT series, next FROM invoice_series ORDER BY series",
     "INSERT INTO invoice_series (property_id, series, next) VALUES ($1, $2, $3)", 2, true, NULL,
     "SELECT count(*) FROM invoice_series WHERE property_id = $1"},
    {N_("mails"),
     "SELECT id, booking_id, kind, recipient, state, attempts, next_at, error, message_id, sent_at,"
     " requested_by, created_at, version, updated_at FROM mail ORDER BY rowid",
     "INSERT INTO mail (property_id, id, booking_id, kind, recipient, state, attempts, next_at, error,"
     " message_id, sent_at, requested_by, created_at, version, updated_at) VALUES ($1, $2, $3, $4, $5,"
     " $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
     14, true, "mail", "SELECT count(*) FROM mail WHERE property_id = $1"},
    {N_("room blocks"),
     "SELECT room, uid, start, \"end\", summary, source, version, updated_at FROM room_blocks"
     " ORDER BY room, uid",
     "INSERT INTO room_blocks (property_id, room, uid, start_day, end_day, summary, source, version,"
     " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
     8, true, "room_block", "SELECT count(*) FROM room_blocks WHERE property_id = $1"},
    /* Rate plans, their nights and bookings' prices per night (PostgreSQL
     * step 15), and group blocks with the rooms they hold (step 16). */
    {N_("rate plans"),
     "SELECT code, id, name, kind, company, room_types, inclusions, parent, adjust_bp, adjust_minor,"
     " cancel_policy, deposit_policy, active, version, updated_at FROM rate_plans ORDER BY rowid",
     "INSERT INTO rate_plans (property_id, code, id, name, kind, company, room_types, inclusions, parent,"
     " adjust_bp, adjust_minor, cancel_policy, deposit_policy, active, version, updated_at)"
     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
     15, true, "rate_plan", "SELECT count(*) FROM rate_plans WHERE property_id = $1"},
    {N_("prices"),
     "SELECT id, plan, type_code, night, price, price1, price2, price3, child, extra_bed, min_stay,"
     " max_stay, min_through, cta, ctd, stop_sell, version, updated_at FROM rate_days ORDER BY rowid",
     "INSERT INTO rate_days (property_id, id, plan, type_code, night, price, price1, price2, price3, child,"
     " extra_bed, min_stay, max_stay, min_through, cta, ctd, stop_sell, version, updated_at)"
     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
     18, true, "rate_day", "SELECT count(*) FROM rate_days WHERE property_id = $1"},
    {N_("booking prices per night"),
     "SELECT booking_id, night, plan, amount, included, items FROM booking_rates ORDER BY booking_id, night",
     "INSERT INTO booking_rates (property_id, booking_id, night, plan, amount, included, items)"
     " VALUES ($1, $2, $3, $4, $5, $6, $7)",
     6, true, "booking_rate", "SELECT count(*) FROM booking_rates WHERE property_id = $1"},
    {N_("group blocks"),
     "SELECT id, name, company, plan, master, cutoff, released, version, updated_at FROM group_blocks"
     " ORDER BY rowid",
     "INSERT INTO group_blocks (property_id, id, name, company, plan, master, cutoff, released, version,"
     " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
     9, true, "group_block", "SELECT count(*) FROM group_blocks WHERE property_id = $1"},
    {N_("block room-nights"),
     "SELECT block_id, type_code, night, rooms FROM group_block_rooms ORDER BY block_id, type_code, night",
     "INSERT INTO group_block_rooms (property_id, block_id, type_code, night, rooms)"
     " VALUES ($1, $2, $3, $4, $5)",
     4, true, "block_rooms", "SELECT count(*) FROM group_block_rooms WHERE property_id = $1"},
    {N_("passwords"),
     "SELECT username, hash, sign_salt, sign_pk, updated_at FROM srv_credentials ORDER BY username",
     "INSERT INTO srv_credentials (username, hash, sign_salt, sign_pk, updated_at)"
     " VALUES ($1, $2, $3, $4, $5)",
     5, false, NULL,
     "SELECT count(*) FROM srv_credentials c WHERE EXISTS (SELECT 1 FROM staff s"
     " WHERE s.property_id = $1 AND s.username = c.username)"},
    {N_("devices"),
     "SELECT id, name, lower(hex(token_hash)), enrolled_at, revoked, last_seq, last_push_at,"
     " last_pull_at, revoked_at, revoked_by FROM srv_devices ORDER BY enrolled_at, id",
     "INSERT INTO srv_devices (property_id, id, name, token_hash, enrolled_at, revoked, last_seq,"
     " last_push_at, last_pull_at, revoked_at, revoked_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
     " $10, $11)",
     10, true, NULL, "SELECT count(*) FROM srv_devices WHERE property_id = $1"},
    {N_("sign-ins per device"),
     "SELECT device, username, first_at, last_at FROM srv_device_users ORDER BY device, username",
     "INSERT INTO srv_device_users (property_id, device, username, first_at, last_at)"
     " VALUES ($1, $2, $3, $4, $5)",
     4, true, NULL, "SELECT count(*) FROM srv_device_users WHERE property_id = $1"},
    {N_("sessions"),
     "SELECT lower(hex(token_hash)), username, device, created_at, last_seen, expires_at FROM srv_sessions"
     " ORDER BY created_at",
     "INSERT INTO srv_sessions (property_id, token_hash, username, device, created_at, last_seen,"
     " expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
     6, true, NULL, "SELECT count(*) FROM srv_sessions WHERE property_id = $1"},
    {N_("enrolment codes"),
     "SELECT lower(hex(hash)), expires_at, used FROM srv_enroll_codes ORDER BY expires_at",
     "INSERT INTO srv_enroll_codes (property_id, hash, expires_at, used) VALUES ($1, $2, $3, $4)", 3, true,
     NULL, "SELECT count(*) FROM srv_enroll_codes WHERE property_id = $1"},
    {N_("conflict notices"),
     "SELECT id, op_id, device, actor, type, code, message, details, resolved, resolved_by, version,"
     " created_at, updated_at FROM srv_conflicts ORDER BY created_at, id",
     "INSERT INTO srv_conflicts (property_id, id, op_id, device, actor, type, code, message, details,"
     " resolved, resolved_by, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
     " $9, $10, $11, $12, $13, $14)",
     13, true, "conflict", "SELECT count(*) FROM srv_conflicts WHERE property_id = $1"},
    /* The guests' own side: the answer recorded under each
     * Idempotency-Key (a retry is answered from it) and the links mailed
     * to guests (their hashes: PostgreSQL keeps them as hex). */
    {N_("web booking requests"),
     "SELECT idem_key, request_hash, booking_id, answer, created_at, email_key FROM srv_public_requests"
     " ORDER BY created_at, idem_key",
     "INSERT INTO srv_public_requests (property_id, idem_key, request_hash, booking_id, answer, created_at,"
     " email_key) VALUES ($1, $2, $3, $4, $5, $6, $7)",
     6, true, NULL, "SELECT count(*) FROM srv_public_requests WHERE property_id = $1"},
    {N_("guests' booking links"),
     "SELECT lower(hex(hash)), booking_id, created_at, expires_at, uses, max_uses FROM srv_public_links"
     " ORDER BY created_at, hash",
     "INSERT INTO srv_public_links (property_id, hash, booking_id, created_at, expires_at, uses, max_uses)"
     " VALUES ($1, $2, $3, $4, $5, $6, $7)",
     6, true, NULL, "SELECT count(*) FROM srv_public_links WHERE property_id = $1"},
    {N_("recorded results"),
     "SELECT device, op_id, device_seq, status, result, recorded_at FROM srv_op_results"
     " ORDER BY device, device_seq",
     "INSERT INTO srv_op_results (property_id, device, op_id, device_seq, status, result, recorded_at)"
     " VALUES ($1, $2, $3, $4, $5, $6, $7)",
     6, true, NULL, "SELECT count(*) FROM srv_op_results WHERE property_id = $1"},
    /* Row for row with its hashes: both stores chain the same columns the
     * same way (store/audit.h), so the chain still verifies in PostgreSQL
     * and the next row there chains onto the last one moved. */
    {N_("audit log entries"),
     "SELECT seq, op_id, device, actor, type, entity, entity_id, payload, created_at, applied_at,"
     " outcome, code, reason, session, hash FROM audit_log ORDER BY seq",
     "INSERT INTO audit_log (property_id, seq, op_id, device, actor, type, entity, entity_id, payload,"
     " created_at, applied_at, outcome, code, reason, session, hash) VALUES ($1, $2, $3, $4, $5, $6,"
     " $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
     15, true, NULL, "SELECT count(*) FROM audit_log WHERE property_id = $1"},
};
#define N_COPIES (sizeof copies / sizeof *copies)

/* The SQLite tables moved above (their rows are counted again there), and
 * those a PostgreSQL hotel needs no copy of: the schema's bookkeeping
 * (srv_auth_gen too: the session cache's, sdb.c), the change log
 * (rebuilt), search indexes and counts derived from the rows, a terminal's
 * own tables, the erasures still to announce (the terminals re-sync from
 * the new epoch anyway). Every other table is compared with a new hotel's. */
static const char *const moved_or_derived[] = {"property",
                                               "room_types",
                                               "rooms",
                                               "guests",
                                               "bookings",
                                               "stay_nights",
                                               "staff",
                                               "hk_tasks",
                                               "folio_settings",
                                               "charge_codes",
                                               "folios",
                                               "folio_lines",
                                               "day_reports",
                                               "companies",
                                               "invoices",
                                               "invoice_series",
                                               "mail",
                                               "room_blocks",
                                               "rate_plans",
                                               "rate_days",
                                               "booking_rates",
                                               "group_blocks",
                                               "group_block_rooms",
                                               "srv_credentials",
                                               "srv_devices",
                                               "srv_sessions",
                                               "srv_enroll_codes",
                                               "srv_op_results",
                                               "srv_conflicts",
                                               "srv_public_requests",
                                               "srv_public_links",
                                               "meta",
                                               "schema_migrations",
                                               "srv_changes",
                                               "guest_keys",
                                               "type_night_sold",
                                               "type_rooms",
                                               "sync_snapshot_rows",
                                               "sync_verifiers",
                                               "srv_device_users",
                                               "srv_auth_gen",
                                               "erased_guests",
                                               "audit_log",
                                               NULL};

static bool listed(const char *name)
{
	if (strncmp(name, "sqlite_", 7) == 0 || strncmp(name, "guest_search", 12) == 0 ||
	    strncmp(name, "booking_search", 14) == 0)
		return true; /* SQLite's own; the searches' full-text indexes */
	for (int i = 0; moved_or_derived[i]; i++)
		if (strcmp(moved_or_derived[i], name) == 0)
			return true;
	return false;
}

/* A new hotel's database beside nothing: a scratch directory with the
 * schema (and the rows every new hotel starts with) to compare against. */
static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		char path[PATH_MAX + 256];
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
				snprintf(path, sizeof path, "%.*s/%s", PATH_MAX - 1, dir, e->d_name);
				unlink(path);
			}
		closedir(d);
	}
	rmdir(dir);
}

/* The rows of the hotel that PostgreSQL cannot keep yet, as a list for the
 * refusal ("" when none). Tables are compared with a new hotel's (seeded
 * charge codes are no loss), row for row. */
static enum fd_status left_behind(struct fd_db *db, const char *fresh_path, char *out, size_t size,
                                  struct fd_error *err)
{
	out[0] = '\0';
	sqlite3 *h = fd_db_handle(db);
	sqlite3_stmt *att = fd_db_stmt(db, "ATTACH DATABASE ?1 AS fresh", err);
	if (!att)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(att, 1, fresh_path, -1, SQLITE_STATIC);
	int rc = sqlite3_step(att);
	sqlite3_reset(att);
	if (rc != SQLITE_DONE)
		return fd_db_fail(db, err, "comparing with a new hotel's database");
	enum fd_status st = FD_OK;
	sqlite3_stmt *tables =
	    fd_db_stmt(db,
	               "SELECT m.name, f.name IS NOT NULL FROM main.sqlite_master m"
	               " LEFT JOIN fresh.sqlite_master f ON f.type = 'table' AND f.name = m.name"
	               " WHERE m.type = 'table' ORDER BY m.name",
	               err);
	if (!tables)
		st = fd_error_status(err, FD_E_IO);
	while (!st && sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		if (listed(name))
			continue;
		/* A table's name is an identifier, not a value: quoted from the
		 * schema's own list, never from input. */
		char *q = sqlite3_column_int(tables, 1)
		              ? sqlite3_mprintf("SELECT count(*) FROM (SELECT * FROM main.\"%w\" EXCEPT"
		                                " SELECT * FROM fresh.\"%w\")",
		                                name, name)
		              : sqlite3_mprintf("SELECT count(*) FROM main.\"%w\"", name);
		sqlite3_stmt *c = NULL;
		int64_t n = -1;
		if (q && sqlite3_prepare_v2(h, q, -1, &c, NULL) == SQLITE_OK && sqlite3_step(c) == SQLITE_ROW)
			n = sqlite3_column_int64(c, 0);
		sqlite3_finalize(c);
		sqlite3_free(q);
		if (n < 0) {
			st = fd_db_fail(db, err, "counting a table's rows");
			break;
		}
		if (n > 0) {
			size_t len = strlen(out);
			snprintf(out + len, size - len, "%s%s (%lld)", len ? ", " : "", name, (long long)n);
		}
	}
	if (tables)
		sqlite3_reset(tables);
	sqlite3_exec(h, "DETACH DATABASE fresh", NULL, NULL, NULL);
	return st;
}

/* Copy one table; n rows in *rows. */
static enum fd_status copy_table(struct fd_db *db, struct fd_pg *pg, const struct mig_copy *c, int64_t *rows,
                                 struct fd_error *err)
{
	*rows = 0;
	sqlite3_stmt *s = fd_db_stmt(db, c->sqlite, err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	enum fd_status st = FD_OK;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *p[24];
		int k = 0;
		if (c->per_property)
			p[k++] = fd_pg_property(pg);
		for (int i = 0; i < c->n; i++)
			p[k++] = (const char *)sqlite3_column_text(s, i); /* NULL stays NULL */
		if ((st = fd_pg_do(pg, c->pg, k, p, c->label, err)))
			break;
		if (c->entity && (st = fd_pg_record_change(
		                      pg, c->entity, (const char *)sqlite3_column_text(s, 0), NULL, err)))
			break;
		(*rows)++;
	}
	if (!st && rc != SQLITE_DONE)
		st = fd_db_fail(db, err, "reading the SQLite hotel");
	sqlite3_reset(s);
	return st;
}

static int64_t pg_count(struct fd_pg *pg, const char *sql, struct fd_error *err)
{
	const char *a[] = {fd_pg_property(pg)};
	PGresult *r;
	if (fd_pg_run(pg, sql, 1, a, &r, "counting the rows moved", err))
		return -1;
	int64_t n = PQntuples(r) == 1 ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : -1;
	PQclear(r);
	return n;
}

/* Usernames are the chain's in PostgreSQL (one password per person): one
 * already there would be another person's account. Listed in out. */
static enum fd_status taken_users(struct fd_db *db, struct fd_pg *pg, char *out, size_t size,
                                  struct fd_error *err)
{
	out[0] = '\0';
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT username FROM srv_credentials ORDER BY username", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	static const char sql[] = "SELECT 1 FROM srv_credentials WHERE username = $1";
	enum fd_status st = FD_OK;
	while (!st && sqlite3_step(s) == SQLITE_ROW) {
		const char *a[] = {(const char *)sqlite3_column_text(s, 0)};
		PGresult *r;
		if ((st = fd_pg_run(pg, sql, 1, a, &r, "looking for the hotel's users", err)))
			break;
		if (PQntuples(r) > 0) {
			size_t len = strlen(out);
			snprintf(out + len, size - len, "%s%s", len ? ", " : "", a[0]);
		}
		PQclear(r);
	}
	sqlite3_reset(s);
	return st;
}

/* A refusal or failure on stderr (exit 1). */
static int say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "frontdeskd: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	return 1;
}

/* The whole move inside the PostgreSQL transaction (begun by the caller). */
static enum fd_status move_rows(struct fd_db *db, struct fd_pg *pg, int64_t *rows, struct fd_error *err)
{
	enum fd_status st = FD_OK;
	for (size_t i = 0; !st && i < N_COPIES; i++)
		st = copy_table(db, pg, &copies[i], &rows[i], err);
	/* Row for row: what PostgreSQL now holds of the hotel is what SQLite
	 * held. */
	for (size_t i = 0; !st && i < N_COPIES; i++) {
		int64_t there = pg_count(pg, copies[i].count_pg, err);
		if (there < 0)
			st = fd_error_status(err, FD_E_IO);
		else if (there != rows[i])
			st = fd_fail(err, FD_E_IO, "count_mismatch", copies[i].label,
			             "%s: %lld in SQLite but %lld in PostgreSQL; nothing was moved.",
			             copies[i].label, (long long)rows[i], (long long)there);
	}
	return st;
}

int srv_migrate_run(struct srv_config *cfg, const struct srv_admin_opts *o, int n_args, char **args)
{
	(void)args;
	struct fd_error err = {0};
	const char *to = o->to, *code = o->property;
	if (n_args != 1 || !to) {
		fprintf(stderr, _("frontdeskd: migrate --to postgresql://... [--property CODE] (the hotel of "
		                  "--data DIR)\n"));
		return 2;
	}
	if (code && !fd_pg_code_valid(code))
		return say("--property takes the hotel's code in the chain: 1 to 16 capital letters, digits, "
		           "'-' or '_' (not \"%s\").",
		           code);
	if (cfg->database[0])
		return say("migrate reads the SQLite hotel of the data directory (--data DIR) and writes to "
		           "--to URI; --database %s names neither.",
		           cfg->database);
	if (strncmp(to, "postgresql://", 13) != 0 && strncmp(to, "postgres://", 11) != 0)
		return say("--to must be a PostgreSQL connection URI (postgresql://...), not \"%s\".", to);
	char path[600];
	srv_db_path(cfg->data_dir, path, sizeof path);
	if (access(path, F_OK) != 0)
		return say("No hotel to migrate: %s does not exist.", path);
	int lock = srv_lock_data(cfg->data_dir, &err);
	if (lock < 0)
		return say("%s", err.message);
	int rc = 1;
	struct fd_pg *pg = NULL;
	struct srv_hook hook = {0};
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	char scratch_dir[PATH_MAX];
	snprintf(scratch_dir, sizeof scratch_dir, "%s/frontdeskd-migrate.XXXXXX", tmp);
	bool have_scratch = mkdtemp(scratch_dir) != NULL;
	struct fd_db *db = srv_db_open(cfg->data_dir, false, &hook, &err);
	struct fd_db *fresh = db && have_scratch ? srv_db_open(scratch_dir, true, NULL, &err) : NULL;
	if (!db || !fresh) {
		if (!have_scratch)
			say("Cannot make a scratch directory in %s: %s.", tmp, strerror(errno));
		else
			say("%s", err.message);
		goto out;
	}
	fd_db_close(fresh);
	char fresh_path[PATH_MAX + 32], behind[2048], name[256] = "", id[FD_ID_LEN] = "",
	                                              epoch[SRV_EPOCH_LEN] = "";
	srv_db_path(scratch_dir, fresh_path, sizeof fresh_path);
	if (left_behind(db, fresh_path, behind, sizeof behind, &err)) {
		say("%s", err.message);
		goto out;
	}
	if (fd_db_begin_read(db, &err)) {
		say("%s", err.message);
		goto out;
	}
	sqlite3_stmt *p = fd_db_stmt(db, "SELECT id, name FROM property", &err);
	if (p && sqlite3_step(p) == SQLITE_ROW) {
		snprintf(id, sizeof id, "%s", (const char *)sqlite3_column_text(p, 0));
		snprintf(name, sizeof name, "%s", (const char *)sqlite3_column_text(p, 1));
	}
	if (p)
		sqlite3_reset(p);
	srv_epoch(db, epoch, NULL);
	if (!id[0]) {
		say("No hotel in %s (run 'frontdeskd init' first); nothing to migrate.", path);
		goto out;
	}
	if (behind[0]) {
		say("Not migrating \"%s\": PostgreSQL cannot keep all of it yet, and this hotel holds rows "
		    "of: %s. Nothing was changed (doc/scale-out.md lists what moves).",
		    name, behind);
		goto out;
	}
	if (!(pg = fd_pg_open(to, &err))) {
		say("%s", err.message);
		goto out;
	}
	static const char has[] = "SELECT name FROM properties WHERE id = $1";
	const char *a[] = {id};
	PGresult *r;
	if (fd_pg_run(pg, has, 1, a, &r, "looking for the hotel", &err)) {
		say("%s", err.message);
		goto out;
	}
	bool there = PQntuples(r) > 0;
	PQclear(r);
	if (there) {
		say("The PostgreSQL database already holds hotel \"%s\" (%s): migrated before? Nothing was "
		    "changed.",
		    name, id);
		goto out;
	}
	char taken[1024];
	if (taken_users(db, pg, taken, sizeof taken, &err)) {
		say("%s", err.message);
		goto out;
	}
	if (taken[0]) {
		say("The PostgreSQL database already has users named %s (usernames are the chain's, one "
		    "password per person); nothing was changed.",
		    taken);
		goto out;
	}
	/* The database's epoch: the chain's when it has one (made by its first
	 * server), else a new one; never the SQLite hotel's, so its terminals
	 * re-sync. */
	unsigned char raw[16];
	char hex[SRV_EPOCH_LEN], now_epoch[SRV_EPOCH_LEN] = "";
	do {
		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	} while (strcmp(hex, epoch) == 0);
	static const char epoch_sql[] = "INSERT INTO meta (key, value) VALUES ('server_epoch', $1)"
	                                " ON CONFLICT (key) DO NOTHING";
	const char *e[] = {hex};
	fd_pg_use_property(pg, id);
	fd_pg_set_op(pg, "");
	int64_t rows[N_COPIES];
	enum fd_status st = fd_pg_begin(pg, &err);
	if (!st)
		st = fd_pg_do(pg, epoch_sql, 1, e, "making the epoch", &err);
	if (!st)
		st = fd_pg_meta_get(pg, "server_epoch", now_epoch, sizeof now_epoch, &err);
	if (!st && strcmp(now_epoch, epoch) == 0)
		st = fd_fail(&err, FD_E_CONFLICT, "same_epoch", NULL,
		             _("The PostgreSQL database has this hotel's epoch %s: its terminals would not "
		               "re-sync. Nothing was changed."),
		             epoch);
	if (!st)
		st = move_rows(db, pg, rows, &err);
	if (!st && code)
		st = fd_pg_hotel_set_code(pg, code, &err);
	if (!st)
		st = fd_pg_commit(pg, &err);
	else
		fd_pg_rollback(pg);
	if (st) {
		say("%s", err.message);
		goto out;
	}
	if (code)
		printf(_("Moved hotel \"%s\" (%s, %s) into PostgreSQL:\n"), name, code, id);
	else
		printf(_("Moved hotel \"%s\" (%s) into PostgreSQL:\n"), name, id);
	for (size_t i = 1; i < N_COPIES; i++)
		printf("  %s: %lld\n", _(copies[i].label), (long long)rows[i]);
	printf(_("New epoch %s: its terminals re-sync by themselves. Serve it with --database and the "
	         "same URI.\n"),
	       now_epoch);
	rc = 0;
out:
	if (db) {
		fd_db_rollback(db);
		fd_db_close(db);
	}
	fd_pg_close(pg);
	if (have_scratch)
		remove_dir(scratch_dir);
	close(lock);
	return rc;
}
