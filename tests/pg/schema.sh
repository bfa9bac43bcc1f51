#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The PostgreSQL schema (src/pg/schema.c): numbered steps recorded in the
# database, applied once even by two servers starting at once, a newer
# database refused; a property_id on every hotel-owned row; and the
# double-booking guard inside PostgreSQL: raw SQL cannot sell a room-night
# twice, nor hang a night of one hotel on another's booking; a booking's
# channel reference (step 21, as SQLite's) is unique in its hotel, so an
# import finds the reservation it took before, and kept when the booking
# changes.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
PGTOOL=${top_builddir:?}/tests/pg/pgtool
pg_start

# Two servers migrating a new database at the same moment.
"$PGTOOL" "$PG_URI" migrate > "$PG_DIR/m1" 2>&1 &
m1=$!
"$PGTOOL" "$PG_URI" migrate > "$PG_DIR/m2" 2>&1 &
m2=$!
wait $m1 || fail "first migration: $(cat "$PG_DIR/m1")"
wait $m2 || fail "second migration: $(cat "$PG_DIR/m2")"
latest=$(cat "$PG_DIR/m1")
check "both see the newest step" "$latest" "$(cat "$PG_DIR/m2")"
# (steps are numbered per branch: gaps are fine)
check "each step recorded once, up to the newest" "$latest|t" \
	"$(pg_psql -c "SELECT max(version), count(*) = count(DISTINCT version) FROM schema_migrations WHERE chain = 'pg'")"
check "again: nothing to do" "$latest" "$("$PGTOOL" "$PG_URI" migrate)"
# A step merged later with a lower number than the database's newest (a
# database at step 6 that never saw step 5) is still applied.
pg_psql -c "DROP TABLE property_codes; DELETE FROM schema_migrations WHERE chain = 'pg' AND version = 5"
"$PGTOOL" "$PG_URI" migrate >/dev/null || fail "migrating a database missing a lower step"
check "a missing lower step is applied" "t|1" \
	"$(pg_psql -c "SELECT to_regclass('property_codes') IS NOT NULL, (SELECT count(*) FROM schema_migrations WHERE chain = 'pg' AND version = 5)")"

# Every table of hotel data names its property (not null); a person's
# password, chain role and sign-in throttling are the chain's, and so are
# the public API's per-address buckets (the servers they guard are every
# hotel's).
missing=$(pg_psql -c "SELECT t.table_name FROM information_schema.tables t WHERE t.table_schema = 'public'
	AND t.table_name NOT IN ('meta', 'schema_migrations', 'properties', 'srv_credentials')
	AND t.table_name NOT IN ('srv_chain_roles', 'srv_throttle')
	AND t.table_name NOT IN ('srv_public_limits')
	AND NOT EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public'
	 AND c.table_name = t.table_name AND c.column_name = 'property_id' AND c.is_nullable = 'NO')
	ORDER BY 1" | tr '\n' ' ')
check "property_id on every hotel table" "" "$missing"

A=00000000-0000-4000-8000-00000000000a
B=00000000-0000-4000-8000-00000000000b
"$PGTOOL" "$PG_URI" hotel "$A" 2 || fail "hotel A"
"$PGTOOL" "$PG_URI" hotel "$B" 2 || fail "hotel B"
check "two hotels with the same room numbers" 2 "$(pg_psql -c "SELECT count(*) FROM rooms WHERE number = '101'")"
code=$("$PGTOOL" "$PG_URI" book "$A" STD 2026-03-02 2026-03-04)
"$PGTOOL" "$PG_URI" op "$A" booking.assign_room "{\"booking\":\"$code\",\"room\":\"101\"}" >/dev/null ||
	fail "assigning $code"
check "the assigned stay holds two room-nights" 2 \
	"$(pg_psql -c "SELECT count(*) FROM stay_nights WHERE property_id = '$A' AND room = '101'")"
before=$(pg_psql -c "SELECT count(*), string_agg(booking_id || night || coalesce(room, '-'), ',' ORDER BY booking_id, night) FROM stay_nights")

# Raw SQL, no frontdeskd: a second booking of room 101 on 2026-03-03.
night=$(pg_psql -c "SELECT min(night) + 1 FROM stay_nights WHERE room = '101'")
guest=$(pg_psql -c "SELECT guest_id FROM bookings WHERE code = '$code'")
out=$(pg_psql 2>&1 <<SQL
BEGIN;
INSERT INTO bookings (property_id, id, code, guest_id, type_code, room, arrival, departure, adults, rate,
	status, version, updated_at) VALUES ('$A', 'raw-1', 'RAWSQL', '$guest', 'STD', '101', $night, $night + 1,
	1, 0, 'reserved', 1, 0);
INSERT INTO stay_nights (property_id, booking_id, night, type_code, room) VALUES ('$A', 'raw-1', $night, 'STD', '101');
COMMIT;
SQL
)
case $out in *stay_nights_room_night*) ok "raw SQL: a second booking of the room-night fails" ;;
*) fail "raw SQL sold the room-night twice: $out" ;; esac
# ... or moving an unassigned night into the room
code2=$("$PGTOOL" "$PG_URI" book "$A" STD 2026-03-03 2026-03-04)
out=$(pg_psql -c "UPDATE stay_nights SET room = '101' WHERE booking_id = (SELECT id FROM bookings WHERE code = '$code2')" 2>&1)
case $out in *stay_nights_room_night*) ok "raw SQL: moving a night into a taken room fails" ;;
*) fail "raw SQL moved a night into a taken room: $out" ;; esac
# ... or hanging a night of hotel B on hotel A's booking (B's room 101 is free)
out=$(pg_psql -c "INSERT INTO stay_nights (property_id, booking_id, night, type_code, room)
	SELECT '$B', id, $night + 5, 'STD', '101' FROM bookings WHERE code = '$code'" 2>&1)
case $out in *foreign\ key*) ok "raw SQL: a night of one hotel on another's booking fails" ;;
*) fail "a night crossed hotels: $out" ;; esac
after=$(pg_psql -c "SELECT count(*), string_agg(booking_id || night || coalesce(room, '-'), ',' ORDER BY booking_id, night) FROM stay_nights WHERE booking_id <> (SELECT id FROM bookings WHERE code = '$code2')")
check "the refused statements changed nothing" "$before" "$after"

# Channel references (step 21): '' for none; one booking per reference
# and hotel (SQLite's bookings_ext_ref, per hotel here); another hotel may
# hold the same reference; a change to the booking keeps it, as SQLite's
# store does (the repository never writes the column).
check "a booking starts with no channel reference" "" "$(pg_psql -c "SELECT ext_ref FROM bookings WHERE code = '$code'")"
pg_psql -c "UPDATE bookings SET ext_ref = 'BDC-4711' WHERE code = '$code'" >/dev/null || fail "a channel reference"
out=$(pg_psql -c "UPDATE bookings SET ext_ref = 'BDC-4711' WHERE code = '$code2'" 2>&1)
case $out in *bookings_ext_ref*) ok "raw SQL: a second booking with the hotel's reference fails" ;;
*) fail "two bookings of a hotel share a channel reference: $out" ;; esac
"$PGTOOL" "$PG_URI" book "$A" STD 2026-03-05 2026-03-06 >/dev/null || fail "a third booking"
check "... several bookings without one are fine" 2 "$(pg_psql -c "SELECT count(*) FROM bookings WHERE property_id = '$A' AND ext_ref = ''")"
code3=$("$PGTOOL" "$PG_URI" book "$B" STD 2026-03-02 2026-03-03)
pg_psql -c "UPDATE bookings SET ext_ref = 'BDC-4711' WHERE code = '$code3' AND property_id = '$B'" >/dev/null &&
	ok "another hotel may hold the same reference" || fail "hotel B could not hold A's reference"
"$PGTOOL" "$PG_URI" op "$A" booking.modify "{\"booking\":\"$code\",\"notes\":\"late arrival\"}" >/dev/null ||
	fail "modifying $code"
check "a booking's change keeps its reference" "late arrival BDC-4711" \
	"$(pg_psql -c "SELECT notes || ' ' || ext_ref FROM bookings WHERE code = '$code' AND property_id = '$A'")"

# A database newer than this program is refused, naming both steps.
pg_psql -c "INSERT INTO schema_migrations (chain, version, applied_at) VALUES ('pg', 9999, 0)"
out=$("$PGTOOL" "$PG_URI" migrate 2>&1) && fail "a newer database was accepted"
case $out in *"step 9999"*"step $latest"*) ok "a newer database is refused: $out" ;;
*) fail "the refusal: $out" ;; esac

pg_finish
