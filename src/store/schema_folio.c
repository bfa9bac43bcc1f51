// SPDX-License-Identifier: GPL-3.0-or-later
/* Core migration v3: folios, charge codes, folio settings, closed days and
 * imported calendar blocks. Money in minor units, dates as day numbers. */
#include "config.h"

extern const char fd_schema_v3_folio[];

const char fd_schema_v3_folio[] =
    "CREATE TABLE charge_codes ("
    " code TEXT PRIMARY KEY, name TEXT NOT NULL,"
    " vat_bp INTEGER NOT NULL CHECK (vat_bp BETWEEN 0 AND 10000),"
    " is_room INTEGER NOT NULL DEFAULT 0,"
    " version INTEGER NOT NULL DEFAULT 1, updated_at INTEGER NOT NULL DEFAULT 0);"
    "INSERT INTO charge_codes (code, name, vat_bp, is_room) VALUES"
    " ('ROOM', 'Room', 1000, 1), ('FB', 'Food and beverage', 1000, 0),"
    " ('MINIBAR', 'Minibar', 1000, 0), ('EXTRABED', 'Extra bed', 1000, 0),"
    " ('CITYTAX', 'City tax', 0, 0), ('PARKING', 'Parking', 2000, 0),"
    " ('LAUNDRY', 'Laundry', 2000, 0), ('MISC', 'Miscellaneous', 2000, 0);"
    "CREATE TABLE folios ("
    " id TEXT PRIMARY KEY, booking_id TEXT NOT NULL REFERENCES bookings(id),"
    " kind TEXT NOT NULL CHECK (kind IN ('guest','company')), name TEXT NOT NULL,"
    " company TEXT NOT NULL DEFAULT '', route_room INTEGER NOT NULL DEFAULT 0,"
    " version INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE INDEX folios_booking ON folios(booking_id);"
    "CREATE TABLE folio_lines ("
    " seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " folio_id TEXT NOT NULL REFERENCES folios(id),"
    " kind TEXT NOT NULL CHECK (kind IN ('charge','payment','refund','void','transfer')),"
    " code TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',"
    " amount INTEGER NOT NULL, tax INTEGER NOT NULL DEFAULT 0, date INTEGER NOT NULL,"
    " method TEXT NOT NULL DEFAULT '', ref TEXT NOT NULL DEFAULT '',"
    " last4 TEXT NOT NULL DEFAULT '' CHECK (last4 = '' OR (length(last4) = 4 AND last4 NOT GLOB '*[^0-9]*')),"
    " voids TEXT REFERENCES folio_lines(id), reason TEXT NOT NULL DEFAULT '',"
    " actor TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,"
    " version INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE INDEX folio_lines_folio ON folio_lines(folio_id, seq);"
    "CREATE INDEX folio_lines_date ON folio_lines(date);"
    /* A line is voided at most once, whatever the code path. */
    "CREATE UNIQUE INDEX folio_lines_one_void ON folio_lines(voids) WHERE voids IS NOT NULL;"
    /* Lines are never deleted and their money never changes: a void is a new
     * line. Only the folio a line sits on may change (moving a line). */
    "CREATE TRIGGER folio_lines_no_delete BEFORE DELETE ON folio_lines"
    " BEGIN SELECT RAISE(ABORT, 'folio lines are never deleted; void them'); END;"
    "CREATE TRIGGER folio_lines_fixed BEFORE UPDATE OF id, kind, amount, tax, date, voids ON folio_lines"
    " BEGIN SELECT RAISE(ABORT, 'folio line amounts never change; void and post again'); END;"
    "CREATE TABLE folio_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "INSERT INTO folio_settings (key, value) VALUES"
    " ('refund_threshold', '10000'), ('noshow_auto', '1'), ('ooo_available', '0');"
    /* A row per closed business day: the night audit's report; its
     * presence locks the day against postings. */
    "CREATE TABLE day_reports ("
    " date INTEGER PRIMARY KEY, rooms_total INTEGER NOT NULL, rooms_ooo INTEGER NOT NULL,"
    " rooms_sold INTEGER NOT NULL, room_revenue INTEGER NOT NULL, arrivals INTEGER NOT NULL,"
    " departures INTEGER NOT NULL, cancellations INTEGER NOT NULL, no_shows INTEGER NOT NULL,"
    " closed_by TEXT NOT NULL, closed_at INTEGER NOT NULL);"
    /* Blocks imported from an OTA's iCalendar feed, keyed by the event UID
     * so a re-import changes nothing. */
    "CREATE TABLE room_blocks ("
    " room TEXT NOT NULL REFERENCES rooms(number), uid TEXT NOT NULL,"
    " start INTEGER NOT NULL, end INTEGER NOT NULL CHECK (end > start),"
    " summary TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',"
    " version INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (room, uid));";
