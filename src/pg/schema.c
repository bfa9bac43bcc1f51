// SPDX-License-Identifier: GPL-3.0-or-later
/* The PostgreSQL schema as numbered steps (chain "pg", recorded in
 * schema_migrations). Never edit a released step: add a new one. Columns
 * mirror the SQLite store's (src/store/schema*.c) so the same repository
 * contract holds, plus a property_id on every hotel-owned row: one database
 * holds every hotel of a group. Dates are day numbers, money minor units,
 * flags 0/1 integers. */
#include "config.h"

#include "pg/pg_internal.h"

static const char pg_v1[] =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE properties ("
    " id TEXT PRIMARY KEY, name TEXT NOT NULL, currency TEXT NOT NULL, timezone TEXT NOT NULL,"
    " business_date INTEGER NOT NULL, version BIGINT NOT NULL, updated_at BIGINT NOT NULL);"
    "CREATE TABLE room_types ("
    " property_id TEXT NOT NULL REFERENCES properties(id), code TEXT NOT NULL,"
    " id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
    " max_occupancy INTEGER NOT NULL CHECK (max_occupancy > 0),"
    " base_rate BIGINT NOT NULL CHECK (base_rate >= 0), rank INTEGER NOT NULL DEFAULT 0,"
    " version BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (property_id, code));"
    "CREATE TABLE rooms ("
    " property_id TEXT NOT NULL, number TEXT NOT NULL, id TEXT NOT NULL UNIQUE,"
    " type_code TEXT NOT NULL, floor INTEGER NOT NULL, section TEXT NOT NULL DEFAULT '',"
    " clean TEXT NOT NULL CHECK (clean IN ('dirty','pickup','clean','inspected')),"
    " maint TEXT NOT NULL CHECK (maint IN ('none','oos','ooo')),"
    " maint_reason TEXT NOT NULL DEFAULT '', maint_from INTEGER, maint_to INTEGER,"
    " dnd INTEGER NOT NULL DEFAULT 0, mur INTEGER NOT NULL DEFAULT 0,"
    " hk_occupied INTEGER NOT NULL DEFAULT 0, version BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
    " PRIMARY KEY (property_id, number),"
    " FOREIGN KEY (property_id, type_code) REFERENCES room_types(property_id, code));"
    "CREATE INDEX rooms_type ON rooms(property_id, type_code);"
    "CREATE TABLE guests ("
    " property_id TEXT NOT NULL REFERENCES properties(id), id TEXT PRIMARY KEY,"
    " family TEXT NOT NULL DEFAULT '', given TEXT NOT NULL DEFAULT '',"
    " email TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',"
    " country TEXT NOT NULL DEFAULT '', document TEXT NOT NULL DEFAULT '',"
    " notes TEXT NOT NULL DEFAULT '', vip INTEGER NOT NULL DEFAULT 0,"
    " erased INTEGER NOT NULL DEFAULT 0, search_key TEXT NOT NULL DEFAULT '',"
    " doc_type TEXT NOT NULL DEFAULT '', doc_country TEXT NOT NULL DEFAULT '',"
    " doc_expiry INTEGER NOT NULL DEFAULT 0, nationality TEXT NOT NULL DEFAULT '',"
    " birth_date INTEGER NOT NULL DEFAULT 0, address TEXT NOT NULL DEFAULT '',"
    " preferences TEXT NOT NULL DEFAULT '', merged_into TEXT NOT NULL DEFAULT '',"
    " language TEXT NOT NULL DEFAULT '', version BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
    " UNIQUE (property_id, id));"
    "CREATE INDEX guests_key ON guests(property_id, search_key);"
    "CREATE TABLE bookings ("
    " property_id TEXT NOT NULL, id TEXT PRIMARY KEY, code TEXT NOT NULL,"
    " guest_id TEXT NOT NULL, type_code TEXT NOT NULL, room TEXT,"
    " arrival INTEGER NOT NULL, departure INTEGER NOT NULL CHECK (departure >= arrival),"
    " adults INTEGER NOT NULL, children INTEGER NOT NULL DEFAULT 0,"
    " rate BIGINT NOT NULL CHECK (rate >= 0),"
    " status TEXT NOT NULL CHECK (status IN ('reserved','checked_in','checked_out','cancelled','no_show')),"
    " source TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', eta TEXT NOT NULL DEFAULT '',"
    " late_checkin INTEGER NOT NULL DEFAULT 0, version BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
    " UNIQUE (property_id, code), UNIQUE (property_id, id),"
    " FOREIGN KEY (property_id, guest_id) REFERENCES guests(property_id, id),"
    " FOREIGN KEY (property_id, type_code) REFERENCES room_types(property_id, code),"
    " FOREIGN KEY (property_id, room) REFERENCES rooms(property_id, number));"
    "CREATE INDEX bookings_arrival ON bookings(property_id, arrival);"
    "CREATE INDEX bookings_departure ON bookings(property_id, departure);"
    "CREATE INDEX bookings_guest ON bookings(guest_id);"
    "CREATE INDEX bookings_room ON bookings(property_id, room);"
    /* The double-booking guard: one row per night a booking holds, at most
     * one per (property, room, night). Unassigned nights (room NULL) are
     * distinct for the constraint and still count for availability. The
     * booking's property is the night's (the composite foreign key), so a
     * night cannot slip into another hotel's rooms. */
    "CREATE TABLE stay_nights ("
    " property_id TEXT NOT NULL, booking_id TEXT NOT NULL, night INTEGER NOT NULL,"
    " type_code TEXT NOT NULL, room TEXT, PRIMARY KEY (booking_id, night),"
    " FOREIGN KEY (property_id, booking_id) REFERENCES bookings(property_id, id) ON DELETE CASCADE,"
    " FOREIGN KEY (property_id, room) REFERENCES rooms(property_id, number),"
    " CONSTRAINT stay_nights_room_night UNIQUE (property_id, room, night));"
    "CREATE INDEX stay_nights_type_night ON stay_nights(property_id, type_code, night);"
    "CREATE TABLE staff ("
    " property_id TEXT NOT NULL REFERENCES properties(id), username TEXT NOT NULL,"
    " id TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('guest','staff','manager','admin')),"
    " dept TEXT NOT NULL, section TEXT NOT NULL DEFAULT '',"
    " active INTEGER NOT NULL DEFAULT 1, on_shift INTEGER NOT NULL DEFAULT 0,"
    " version BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (property_id, username));"
    "CREATE TABLE hk_tasks ("
    " property_id TEXT NOT NULL, id TEXT PRIMARY KEY, room TEXT NOT NULL,"
    " date INTEGER NOT NULL, kind TEXT NOT NULL, attendant TEXT NOT NULL DEFAULT '',"
    " status TEXT NOT NULL, done_by TEXT NOT NULL DEFAULT '', done_at BIGINT NOT NULL DEFAULT 0,"
    " version BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
    " FOREIGN KEY (property_id, room) REFERENCES rooms(property_id, number));"
    "CREATE INDEX hk_tasks_room_date ON hk_tasks(property_id, room, date);"
    "CREATE TABLE settings ("
    " property_id TEXT NOT NULL REFERENCES properties(id), key TEXT NOT NULL, value TEXT NOT NULL,"
    " PRIMARY KEY (property_id, key));"
    "CREATE TABLE room_blocks ("
    " property_id TEXT NOT NULL, room TEXT NOT NULL, uid TEXT NOT NULL,"
    " start_day INTEGER NOT NULL, end_day INTEGER NOT NULL CHECK (end_day > start_day),"
    " summary TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',"
    " version BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (property_id, room, uid),"
    " FOREIGN KEY (property_id, room) REFERENCES rooms(property_id, number));"
    /* The change feed, per property and compacted (one row per entity, at
     * its latest change). seq comes from the property's feed_counters row,
     * locked by every writing transaction of the property from its start
     * to its commit: a number is taken only after every smaller one has
     * committed, so a reader at cursor N never skips one (a sequence or a
     * BIGSERIAL would not: 101 may commit after 102). */
    "CREATE TABLE feed_counters (property_id TEXT PRIMARY KEY, seq BIGINT NOT NULL DEFAULT 0);"
    "CREATE TABLE changes ("
    " property_id TEXT NOT NULL, seq BIGINT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL,"
    " op_id TEXT NOT NULL DEFAULT '', at BIGINT NOT NULL, PRIMARY KEY (property_id, seq),"
    " UNIQUE (property_id, entity, entity_id));";

/* v2: frontdeskd's own tables, shared by every server process so that a
 * terminal can reach any of them: a person's password (one per person
 * across the chain), enrolled devices (each enrolled into one property),
 * one-time enrolment codes, sessions, and each operation's recorded result
 * (exactly once per device and op_id). */
static const char pg_v2[] =
    "CREATE TABLE srv_credentials (username TEXT PRIMARY KEY, hash TEXT NOT NULL,"
    " sign_salt TEXT NOT NULL DEFAULT '', sign_pk TEXT NOT NULL DEFAULT '', updated_at BIGINT NOT NULL);"
    "CREATE TABLE srv_devices (id TEXT PRIMARY KEY, property_id TEXT NOT NULL REFERENCES properties(id),"
    " name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, enrolled_at BIGINT NOT NULL,"
    " revoked INTEGER NOT NULL DEFAULT 0, last_seq BIGINT NOT NULL DEFAULT 0,"
    " last_push_at BIGINT NOT NULL DEFAULT 0, last_pull_at BIGINT NOT NULL DEFAULT 0);"
    "CREATE TABLE srv_enroll_codes (hash TEXT PRIMARY KEY,"
    " property_id TEXT NOT NULL REFERENCES properties(id), expires_at BIGINT NOT NULL,"
    " used INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE srv_sessions (token_hash TEXT PRIMARY KEY, property_id TEXT NOT NULL,"
    " username TEXT NOT NULL, device TEXT NOT NULL REFERENCES srv_devices(id),"
    " created_at BIGINT NOT NULL, last_seen BIGINT NOT NULL, expires_at BIGINT NOT NULL);"
    "CREATE INDEX srv_sessions_user ON srv_sessions(username);"
    "CREATE TABLE srv_op_results (property_id TEXT NOT NULL, device TEXT NOT NULL, op_id TEXT NOT NULL,"
    " device_seq BIGINT NOT NULL, status TEXT NOT NULL CHECK (status IN ('applied','rejected')),"
    " result TEXT NOT NULL, recorded_at BIGINT NOT NULL, PRIMARY KEY (device, op_id));";

/* v3 (the feed's cursor checks and the snapshot): each hotel's floor (its
 * changes at or below it were trimmed: a cursor below it gets 410
 * cursor_expired), and a page key on every table the snapshot sends
 * (snap_key: the paged snapshot's token is "SEQ.ENTITY.KEY" with a number
 * for KEY, as on SQLite, whatever the table's own key). */
static const char pg_v3[] = "ALTER TABLE feed_counters ADD COLUMN floor BIGINT NOT NULL DEFAULT 0;"
                            "CREATE INDEX changes_at ON changes(at);"
                            "ALTER TABLE properties ADD COLUMN snap_key BIGSERIAL;"
                            "ALTER TABLE room_types ADD COLUMN snap_key BIGSERIAL;"
                            "CREATE INDEX room_types_snap ON room_types(property_id, snap_key);"
                            "ALTER TABLE rooms ADD COLUMN snap_key BIGSERIAL;"
                            "CREATE INDEX rooms_snap ON rooms(property_id, snap_key);"
                            "ALTER TABLE guests ADD COLUMN snap_key BIGSERIAL;"
                            "CREATE INDEX guests_snap ON guests(property_id, snap_key);"
                            "ALTER TABLE bookings ADD COLUMN snap_key BIGSERIAL;"
                            "CREATE INDEX bookings_snap ON bookings(property_id, snap_key);"
                            "ALTER TABLE staff ADD COLUMN snap_key BIGSERIAL;"
                            "CREATE INDEX staff_snap ON staff(property_id, snap_key);"
                            "ALTER TABLE hk_tasks ADD COLUMN snap_key BIGSERIAL;"
                            "CREATE INDEX hk_tasks_snap ON hk_tasks(property_id, snap_key);"
                            "ALTER TABLE settings ADD COLUMN snap_key BIGSERIAL;"
                            "CREATE INDEX settings_snap ON settings(property_id, snap_key);"
                            "ALTER TABLE room_blocks ADD COLUMN snap_key BIGSERIAL;"
                            "CREATE INDEX room_blocks_snap ON room_blocks(property_id, snap_key);";
/* v4 (frontdeskd's lists, conflict notices, audit log and throttling on
 * PostgreSQL, as the SQLite server keeps them in src/server/sdb.c): who
 * revoked a device and when, who signed in on which device, the conflict
 * notices of refused operations (sent through the feed like any entity),
 * the audit log (per hotel, each row's hash chained to the hotel's
 * previous one, append-only) and sign-in throttling shared by every
 * server. */
static const char pg_v4[] =
    "ALTER TABLE srv_devices ADD COLUMN revoked_at BIGINT NOT NULL DEFAULT 0,"
    " ADD COLUMN revoked_by TEXT NOT NULL DEFAULT '', ADD COLUMN outbox_depth BIGINT NOT NULL DEFAULT -1;"
    "CREATE TABLE srv_device_users (property_id TEXT NOT NULL REFERENCES properties(id),"
    " device TEXT NOT NULL REFERENCES srv_devices(id), username TEXT NOT NULL,"
    " first_at BIGINT NOT NULL, last_at BIGINT NOT NULL, PRIMARY KEY (device, username));"
    "CREATE INDEX srv_sessions_device ON srv_sessions(device);"
    "CREATE TABLE srv_conflicts (property_id TEXT NOT NULL REFERENCES properties(id), id TEXT PRIMARY KEY,"
    " op_id TEXT NOT NULL, device TEXT NOT NULL, actor TEXT NOT NULL, type TEXT NOT NULL,"
    " code TEXT NOT NULL, message TEXT NOT NULL, details TEXT NOT NULL DEFAULT '{}',"
    " resolved INTEGER NOT NULL DEFAULT 0, resolved_by TEXT NOT NULL DEFAULT '',"
    " version BIGINT NOT NULL DEFAULT 1, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
    " snap_key BIGSERIAL);"
    "CREATE INDEX srv_conflicts_snap ON srv_conflicts(property_id, snap_key);"
    "CREATE TABLE audit_log (property_id TEXT NOT NULL REFERENCES properties(id), seq BIGINT NOT NULL,"
    " op_id TEXT NOT NULL, device TEXT NOT NULL, actor TEXT NOT NULL, type TEXT NOT NULL,"
    " entity TEXT NOT NULL, entity_id TEXT NOT NULL, payload TEXT NOT NULL, created_at BIGINT NOT NULL,"
    " applied_at BIGINT NOT NULL, outcome TEXT NOT NULL DEFAULT 'applied', code TEXT NOT NULL DEFAULT '',"
    " reason TEXT NOT NULL DEFAULT '', session TEXT NOT NULL DEFAULT '', hash TEXT NOT NULL,"
    " PRIMARY KEY (property_id, seq));"
    "CREATE INDEX audit_entity ON audit_log(property_id, entity, entity_id);"
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS"
    " $$BEGIN RAISE EXCEPTION 'the audit log is append-only'; END$$;"
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log"
    " FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();"
    "CREATE TABLE srv_throttle (key TEXT PRIMARY KEY, fails INTEGER NOT NULL DEFAULT 0,"
    " last BIGINT NOT NULL DEFAULT 0, next_ok BIGINT NOT NULL DEFAULT 0);";

/* v5: several hotels. Each hotel's short code, the name administrators
 * give (frontdeskd property add CODE, --property CODE); kept beside the
 * properties row so that the row's shape in the change feed does not
 * change (a terminal holds one hotel and knows nothing of codes). */
static const char pg_v5[] =
    "CREATE TABLE property_codes (code TEXT PRIMARY KEY CHECK (code ~ '^[A-Z0-9_-]{1,16}$'),"
    " property_id TEXT NOT NULL UNIQUE REFERENCES properties(id));";

/* v6: chain roles, a person's rights in every hotel of the chain beside
 * their role in each hotel (staff.role): core/perm.h says what each
 * allows. */
static const char pg_v6[] =
    "CREATE TABLE srv_chain_roles (username TEXT PRIMARY KEY,"
    " role TEXT NOT NULL CHECK (role IN ('revenue','chain-admin')), updated_at BIGINT NOT NULL);";

/* v7: the company account a booking is made for (core step 36 on
 * SQLite): NULL when none; carried so a booking's row has one shape in
 * every feed. */
static const char pg_v7[] = "ALTER TABLE bookings ADD COLUMN company_id TEXT;";

/* v11 (pgfolio): the folio area, as the SQLite store keeps it (core
 * migrations 3, 10 and 20: src/store/schema_folio.c, schema_money.c,
 * schema_docs.c), per hotel: charge codes (every hotel starts with the
 * SQLite store's eight, seeded here for the hotels there are and by
 * put_property for new ones), folios, folio lines and the night audit's
 * closed days. Lines are never deleted and their money never changes (a
 * void is a new line, voiding a line at most once); only the folio a line
 * sits on may change. A folio's booking and a line's folio are the same
 * hotel's (composite foreign keys). Lines are paged and ordered by seq. */
static const char pg_v11[] =
    "CREATE TABLE charge_codes (property_id TEXT NOT NULL REFERENCES properties(id), code TEXT NOT NULL,"
    " name TEXT NOT NULL, vat_bp INTEGER NOT NULL CHECK (vat_bp BETWEEN 0 AND 10000),"
    " is_room INTEGER NOT NULL DEFAULT 0, version BIGINT NOT NULL DEFAULT 1,"
    " updated_at BIGINT NOT NULL DEFAULT 0, snap_key BIGSERIAL, PRIMARY KEY (property_id, code));"
    "CREATE INDEX charge_codes_snap ON charge_codes(property_id, snap_key);"
    "INSERT INTO charge_codes (property_id, code, name, vat_bp, is_room) SELECT p.id, c.code, c.name,"
    " c.vat_bp, c.is_room FROM properties p CROSS JOIN (VALUES " FD_PG_CHARGE_CODES ")"
    " AS c (code, name, vat_bp, is_room) ORDER BY p.id, c.code;"
    "CREATE TABLE folios (property_id TEXT NOT NULL, id TEXT PRIMARY KEY, booking_id TEXT NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('guest','company')), name TEXT NOT NULL,"
    " company TEXT NOT NULL DEFAULT '', route_room INTEGER NOT NULL DEFAULT 0,"
    " version BIGINT NOT NULL, updated_at BIGINT NOT NULL, snap_key BIGSERIAL, UNIQUE (property_id, id),"
    " FOREIGN KEY (property_id, booking_id) REFERENCES bookings(property_id, id));"
    "CREATE INDEX folios_booking ON folios(property_id, booking_id);"
    "CREATE INDEX folios_company ON folios(property_id, company) WHERE company <> '';"
    "CREATE INDEX folios_snap ON folios(property_id, snap_key);"
    "CREATE TABLE folio_lines (property_id TEXT NOT NULL, seq BIGSERIAL, id TEXT PRIMARY KEY,"
    " folio_id TEXT NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('charge','payment','refund','void','transfer')),"
    " code TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',"
    " amount BIGINT NOT NULL, tax BIGINT NOT NULL DEFAULT 0, date INTEGER NOT NULL,"
    " method TEXT NOT NULL DEFAULT '', ref TEXT NOT NULL DEFAULT '',"
    " last4 TEXT NOT NULL DEFAULT '' CHECK (last4 = '' OR last4 ~ '^[0-9]{4}$'),"
    " voids TEXT REFERENCES folio_lines(id), reason TEXT NOT NULL DEFAULT '',"
    " actor TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL, version BIGINT NOT NULL,"
    " updated_at BIGINT NOT NULL, reverses TEXT NOT NULL DEFAULT '',"
    " quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 1), unit_price BIGINT NOT NULL DEFAULT 0,"
    " FOREIGN KEY (property_id, folio_id) REFERENCES folios(property_id, id));"
    "CREATE INDEX folio_lines_folio ON folio_lines(folio_id, seq);"
    "CREATE INDEX folio_lines_date ON folio_lines(property_id, date);"
    "CREATE INDEX folio_lines_snap ON folio_lines(property_id, seq);"
    "CREATE INDEX folio_lines_reverses ON folio_lines(reverses) WHERE reverses <> '';"
    "CREATE UNIQUE INDEX folio_lines_one_void ON folio_lines(voids) WHERE voids IS NOT NULL;"
    "CREATE FUNCTION folio_lines_no_delete() RETURNS trigger LANGUAGE plpgsql AS"
    " $$BEGIN RAISE EXCEPTION 'folio lines are never deleted; void them'; END$$;"
    "CREATE TRIGGER folio_lines_no_delete BEFORE DELETE ON folio_lines"
    " FOR EACH ROW EXECUTE FUNCTION folio_lines_no_delete();"
    "CREATE FUNCTION folio_lines_fixed() RETURNS trigger LANGUAGE plpgsql AS"
    " $$BEGIN IF (NEW.id, NEW.property_id, NEW.kind, NEW.amount, NEW.tax, NEW.date, NEW.voids)"
    " IS DISTINCT FROM (OLD.id, OLD.property_id, OLD.kind, OLD.amount, OLD.tax, OLD.date, OLD.voids) THEN"
    " RAISE EXCEPTION 'folio line amounts never change; void and post again'; END IF;"
    " RETURN NEW; END$$;"
    "CREATE TRIGGER folio_lines_fixed BEFORE UPDATE ON folio_lines"
    " FOR EACH ROW EXECUTE FUNCTION folio_lines_fixed();"
    "CREATE TABLE day_reports (property_id TEXT NOT NULL REFERENCES properties(id), date INTEGER NOT NULL,"
    " rooms_total BIGINT NOT NULL, rooms_ooo BIGINT NOT NULL, rooms_sold BIGINT NOT NULL,"
    " room_revenue BIGINT NOT NULL, arrivals BIGINT NOT NULL, departures BIGINT NOT NULL,"
    " cancellations BIGINT NOT NULL, no_shows BIGINT NOT NULL, closed_by TEXT NOT NULL,"
    " closed_at BIGINT NOT NULL, snap_key BIGSERIAL, PRIMARY KEY (property_id, date));"
    "CREATE INDEX day_reports_snap ON day_reports(property_id, snap_key);";

/* v12 (pgfolio): company and travel agent accounts (the city ledger, core
 * migration 13 on SQLite), per hotel: a name once per hotel in any case;
 * folios keep naming their account by name. */
static const char pg_v12[] =
    "CREATE TABLE companies (property_id TEXT NOT NULL REFERENCES properties(id), id TEXT NOT NULL,"
    " name TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'company' CHECK (kind IN ('company','agent')),"
    " address TEXT NOT NULL DEFAULT '', vat TEXT NOT NULL DEFAULT '', contact TEXT NOT NULL DEFAULT '',"
    " credit_limit BIGINT NOT NULL DEFAULT 0 CHECK (credit_limit >= 0),"
    " direct_bill INTEGER NOT NULL DEFAULT 0, version BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
    " snap_key BIGSERIAL, PRIMARY KEY (property_id, id));"
    "CREATE UNIQUE INDEX companies_name ON companies(property_id, lower(name));"
    "CREATE INDEX companies_snap ON companies(property_id, snap_key);";

/* v13 (pginvoice): invoices and credit notes (core migration 9 on SQLite,
 * src/store/repo_invoice.c), per hotel, with the same guards: an issued
 * (numbered) invoice never changes and is never deleted, a credit note
 * cancels one invoice at most, numbers are unique per series and hotel
 * and come from the hotel's counter row of the series (invoice_series),
 * locked by the writing transaction until it commits: gap-free whichever
 * server issues (a rolled-back operation gives its number back). The mail
 * queue (core migrations 21 and 30): each document sent by e-mail, keyed
 * by the operation that asked for it, until a server's sender has sent it
 * (claimed with FOR UPDATE SKIP LOCKED: one sender per mail). */
static const char pg_v13[] =
    "CREATE TABLE invoices (property_id TEXT NOT NULL REFERENCES properties(id), id TEXT PRIMARY KEY,"
    " series TEXT NOT NULL, number BIGINT, kind TEXT NOT NULL CHECK (kind IN ('invoice','credit_note')),"
    " folio_id TEXT NOT NULL, booking_id TEXT NOT NULL, refers_to TEXT NOT NULL DEFAULT '',"
    " reason TEXT NOT NULL DEFAULT '', total BIGINT NOT NULL, tax BIGINT NOT NULL, content TEXT NOT NULL,"
    " issued_by TEXT NOT NULL, issued_at BIGINT NOT NULL, version BIGINT NOT NULL,"
    " updated_at BIGINT NOT NULL, snap_key BIGSERIAL, UNIQUE (property_id, series, number),"
    " FOREIGN KEY (property_id, folio_id) REFERENCES folios(property_id, id),"
    " FOREIGN KEY (property_id, booking_id) REFERENCES bookings(property_id, id));"
    "CREATE INDEX invoices_folio ON invoices(property_id, folio_id);"
    "CREATE UNIQUE INDEX invoices_one_credit ON invoices(refers_to) WHERE refers_to <> '';"
    "CREATE INDEX invoices_snap ON invoices(property_id, snap_key);"
    "CREATE TABLE invoice_series (property_id TEXT NOT NULL REFERENCES properties(id),"
    " series TEXT NOT NULL, next BIGINT NOT NULL CHECK (next > 0), PRIMARY KEY (property_id, series));"
    "CREATE FUNCTION invoices_fixed() RETURNS trigger LANGUAGE plpgsql AS"
    " $$BEGIN IF OLD.number IS NOT NULL AND (NEW.number, NEW.content, NEW.total, NEW.tax, NEW.kind,"
    " NEW.folio_id, NEW.property_id, NEW.series, NEW.id) IS DISTINCT FROM (OLD.number, OLD.content,"
    " OLD.total, OLD.tax, OLD.kind, OLD.folio_id, OLD.property_id, OLD.series, OLD.id) THEN"
    " RAISE EXCEPTION 'an issued invoice never changes; issue a credit note'; END IF;"
    " RETURN NEW; END$$;"
    "CREATE TRIGGER invoices_fixed BEFORE UPDATE ON invoices"
    " FOR EACH ROW EXECUTE FUNCTION invoices_fixed();"
    "CREATE FUNCTION invoices_no_delete() RETURNS trigger LANGUAGE plpgsql AS"
    " $$BEGIN IF OLD.number IS NOT NULL THEN"
    " RAISE EXCEPTION 'an issued invoice is never deleted; issue a credit note'; END IF;"
    " RETURN OLD; END$$;"
    "CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices"
    " FOR EACH ROW EXECUTE FUNCTION invoices_no_delete();"
    "CREATE TABLE mail (property_id TEXT NOT NULL REFERENCES properties(id), id TEXT PRIMARY KEY,"
    " booking_id TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('confirmation','invoice','link')),"
    " recipient TEXT NOT NULL,"
    " state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sent','failed')),"
    " attempts INTEGER NOT NULL DEFAULT 0, next_at BIGINT NOT NULL DEFAULT 0,"
    " error TEXT NOT NULL DEFAULT '', message_id TEXT NOT NULL DEFAULT '',"
    " sent_at BIGINT NOT NULL DEFAULT 0, requested_by TEXT NOT NULL DEFAULT '',"
    " created_at BIGINT NOT NULL, version BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
    " snap_key BIGSERIAL, FOREIGN KEY (property_id, booking_id) REFERENCES bookings(property_id, id));"
    "CREATE INDEX mail_due ON mail(next_at) WHERE state = 'queued';"
    "CREATE INDEX mail_snap ON mail(property_id, snap_key);";
/* v15 (pgrates): rate plans, their nights (prices and restrictions) and
 * each booking's price per night, as the SQLite store keeps them (core
 * migration 25, src/store/repo_rate.c), per hotel. A night's row id is
 * derived from plan, type and night (fd_rate_day_key), so two hotels with
 * a plan of the same code share ids: it is unique per hotel only. A
 * booking's prices are its hotel's (composite foreign key). */
static const char pg_v15[] =
    "CREATE TABLE rate_plans (property_id TEXT NOT NULL REFERENCES properties(id), code TEXT NOT NULL,"
    " id TEXT NOT NULL, name TEXT NOT NULL,"
    " kind TEXT NOT NULL DEFAULT 'public' CHECK (kind IN ('public','corporate','hidden')),"
    " company TEXT NOT NULL DEFAULT '', room_types TEXT NOT NULL DEFAULT '',"
    " inclusions TEXT NOT NULL DEFAULT '', parent TEXT NOT NULL DEFAULT '',"
    " adjust_bp INTEGER NOT NULL DEFAULT 0, adjust_minor BIGINT NOT NULL DEFAULT 0,"
    " cancel_policy TEXT NOT NULL DEFAULT '', deposit_policy TEXT NOT NULL DEFAULT '',"
    " active INTEGER NOT NULL DEFAULT 1, version BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
    " snap_key BIGSERIAL, PRIMARY KEY (property_id, code), UNIQUE (property_id, id));"
    "CREATE INDEX rate_plans_snap ON rate_plans(property_id, snap_key);"
    "CREATE TABLE rate_days (property_id TEXT NOT NULL REFERENCES properties(id), id TEXT NOT NULL,"
    " plan TEXT NOT NULL, type_code TEXT NOT NULL, night INTEGER NOT NULL,"
    " price BIGINT CHECK (price >= 0), price1 BIGINT CHECK (price1 >= 0),"
    " price2 BIGINT CHECK (price2 >= 0), price3 BIGINT CHECK (price3 >= 0),"
    " child BIGINT CHECK (child >= 0), extra_bed BIGINT CHECK (extra_bed >= 0),"
    " min_stay INTEGER NOT NULL DEFAULT 0, max_stay INTEGER NOT NULL DEFAULT 0,"
    " min_through INTEGER NOT NULL DEFAULT 0, cta INTEGER NOT NULL DEFAULT 0,"
    " ctd INTEGER NOT NULL DEFAULT 0, stop_sell INTEGER NOT NULL DEFAULT 0,"
    " version BIGINT NOT NULL, updated_at BIGINT NOT NULL, snap_key BIGSERIAL,"
    " PRIMARY KEY (property_id, id), UNIQUE (property_id, plan, type_code, night));"
    "CREATE INDEX rate_days_snap ON rate_days(property_id, snap_key);"
    "CREATE TABLE booking_rates (property_id TEXT NOT NULL, booking_id TEXT NOT NULL,"
    " night INTEGER NOT NULL, plan TEXT NOT NULL DEFAULT '',"
    " amount BIGINT NOT NULL CHECK (amount >= 0), included BIGINT NOT NULL DEFAULT 0,"
    " items TEXT NOT NULL DEFAULT '', snap_key BIGSERIAL, PRIMARY KEY (booking_id, night),"
    " FOREIGN KEY (property_id, booking_id) REFERENCES bookings(property_id, id) ON DELETE CASCADE);"
    "CREATE INDEX booking_rates_snap ON booking_rates(property_id, snap_key);";

/* v16 (pgrates): group blocks (allotments, core migration 28 on SQLite,
 * src/store/repo_group.c), per hotel: a block's name once per hotel in
 * any case, its rooms one row per type and night, and the block a booking
 * was picked up from ('' when none, as on SQLite). */
static const char pg_v16[] =
    "CREATE TABLE group_blocks (property_id TEXT NOT NULL REFERENCES properties(id), id TEXT NOT NULL,"
    " name TEXT NOT NULL, company TEXT NOT NULL DEFAULT '', plan TEXT NOT NULL DEFAULT '',"
    " master TEXT NOT NULL DEFAULT '', cutoff INTEGER NOT NULL, released INTEGER NOT NULL DEFAULT 0,"
    " version BIGINT NOT NULL, updated_at BIGINT NOT NULL, snap_key BIGSERIAL,"
    " PRIMARY KEY (property_id, id));"
    "CREATE UNIQUE INDEX group_blocks_name ON group_blocks(property_id, lower(name));"
    "CREATE INDEX group_blocks_snap ON group_blocks(property_id, snap_key);"
    "CREATE TABLE group_block_rooms (property_id TEXT NOT NULL, block_id TEXT NOT NULL,"
    " type_code TEXT NOT NULL, night INTEGER NOT NULL, rooms INTEGER NOT NULL CHECK (rooms >= 0),"
    " snap_key BIGSERIAL, PRIMARY KEY (property_id, block_id, type_code, night),"
    " FOREIGN KEY (property_id, block_id) REFERENCES group_blocks(property_id, id));"
    "CREATE INDEX group_block_rooms_night ON group_block_rooms(property_id, type_code, night);"
    "CREATE INDEX group_block_rooms_snap ON group_block_rooms(property_id, snap_key);"
    "ALTER TABLE bookings ADD COLUMN block_id TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX bookings_block ON bookings(property_id, block_id) WHERE block_id <> '';";

/* v19 (pgpublic): the guests' public booking API on PostgreSQL
 * (src/server/pg_public.c), shared by every server of the database: each
 * web booking's answer under its Idempotency-Key (a guest's retry through
 * another server answers the same booking; per hotel, so two hotels'
 * websites cannot collide) with a hash of its e-mail address (the
 * per-e-mail limit counts these rows, on every server), and the links
 * guests open their booking with (only a hash of each token, the hotel and
 * booking it opens, its expiry and uses, counted by one UPDATE whichever
 * server takes the request). */
static const char pg_v19[] =
    "CREATE TABLE srv_public_requests (property_id TEXT NOT NULL REFERENCES properties(id),"
    " idem_key TEXT NOT NULL, request_hash TEXT NOT NULL, booking_id TEXT NOT NULL,"
    " answer TEXT NOT NULL, created_at BIGINT NOT NULL, email_key TEXT NOT NULL DEFAULT '',"
    " PRIMARY KEY (property_id, idem_key),"
    " FOREIGN KEY (property_id, booking_id) REFERENCES bookings(property_id, id));"
    "CREATE INDEX srv_public_requests_email ON srv_public_requests (email_key, created_at);"
    "CREATE TABLE srv_public_links (hash TEXT PRIMARY KEY, property_id TEXT NOT NULL,"
    " booking_id TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,"
    " uses INTEGER NOT NULL DEFAULT 0, max_uses INTEGER NOT NULL,"
    " FOREIGN KEY (property_id, booking_id) REFERENCES bookings(property_id, id));"
    "CREATE INDEX srv_public_links_booking ON srv_public_links (property_id, booking_id);";

/* v20 (pgpublic): the per-address limit of the public API as token
 * buckets in the database, so an address gets public-rate a window from
 * the chain whichever servers it reaches. A bucket is the address's across
 * the chain (the servers it guards are every hotel's, so it carries no
 * property_id: one per hotel would multiply an address's share by the
 * number of hotels); at is PostgreSQL's clock, not a server's. */
static const char pg_v20[] =
    "CREATE TABLE srv_public_limits (key TEXT PRIMARY KEY, tokens DOUBLE PRECISION NOT NULL,"
    " at DOUBLE PRECISION NOT NULL, allowed BOOLEAN NOT NULL DEFAULT true);";

/* v21 (pgadmin): a booking's channel reference, as SQLite's step 21
 * (src/store/schema_docs.c): the reference an imported file or channel
 * gave it ('' for none), unique where there is one so that importing the
 * same reservation again finds it instead of booking it twice. Unique per
 * hotel: each hotel imports its own channels, and two hotels' references
 * may coincide. The repository never changes it (a booking's update keeps
 * it, as on SQLite); migrate moves it. */
static const char pg_v21[] =
    "ALTER TABLE bookings ADD COLUMN ext_ref TEXT NOT NULL DEFAULT '';"
    "CREATE UNIQUE INDEX bookings_ext_ref ON bookings(property_id, ext_ref) WHERE ext_ref <> '';";

/* Step 23 (issue 18, availability at a chain's size): the nights sold of a
 * type over a range are counted from the index alone (the booking being
 * judged is left out by its id, which the index now carries), once
 * autovacuum has marked the pages all-visible; before, each of a month's
 * thousands of room-nights was fetched from the table. */
static const char pg_v23[] =
    "CREATE INDEX stay_nights_type_night_b ON stay_nights(property_id, type_code, night)"
    " INCLUDE (booking_id);"
    "DROP INDEX stay_nights_type_night;"
    "ALTER INDEX stay_nights_type_night_b RENAME TO stay_nights_type_night;";

/* Step 24 (issue 18): the snapshot pages guests and bookings in id order
 * as bytes (src/pg/feed.c), the order of SQLite's server, so that a
 * terminal writes its id-keyed b-trees in order. The primary keys use the
 * database's collation, which need not be "C": without these indexes each
 * page would read and sort the whole table. */
static const char pg_v24[] = "CREATE INDEX guests_snap_id ON guests(property_id, id COLLATE \"C\");"
                             "CREATE INDEX bookings_snap_id ON bookings(property_id, id COLLATE \"C\");";

/* One step a line, so two branches' steps merge. */
/* clang-format off */
static const struct fd_pg_step pg_steps[] = {
    {1, pg_v1},
    {2, pg_v2},
    {3, pg_v3},
    {4, pg_v4},
    {5, pg_v5},
    {6, pg_v6},
    {7, pg_v7},
    {11, pg_v11},
    {12, pg_v12},
    {13, pg_v13},
    {15, pg_v15},
    {16, pg_v16},
    {19, pg_v19},
    {20, pg_v20},
    {21, pg_v21},
    {23, pg_v23},
    {24, pg_v24},
};
/* clang-format on */

const struct fd_pg_step *fd_pg_steps(int *n)
{
	*n = (int)(sizeof pg_steps / sizeof *pg_steps);
	return pg_steps;
}
