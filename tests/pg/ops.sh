#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The core rules on PostgreSQL: bookings go through the op table (the same
# src/core/op*.c the SQLite store runs) on the PostgreSQL repository
# (src/pg/repo.c): create, assign, a clash refused with the other booking
# named and nothing written, cancel releasing the nights, a sold-out type
# refused, hotels kept apart. Then two processes (two servers) assign
# clashing bookings at once: exactly one winner per room-night, with the
# property lock and, without it, by the schema's guard alone.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
PGTOOL=${top_builddir:?}/tests/pg/pgtool
pg_start
A=00000000-0000-4000-8000-00000000000a
B=00000000-0000-4000-8000-00000000000b
op() { "$PGTOOL" "$PG_URI" op "$@"; }
nights() { pg_psql -c "SELECT count(*), coalesce(string_agg(coalesce(n.room, '-'), ',' ORDER BY n.night), '')
	FROM stay_nights n JOIN bookings b ON b.id = n.booking_id WHERE b.code = '$1'"; }
state() { pg_psql -c "SELECT string_agg(b.code || ':' || b.status || ':' || coalesce(b.room, '-'), ' ' ORDER BY b.code)
	FROM bookings b WHERE b.property_id = '$1'"; }

"$PGTOOL" "$PG_URI" hotel "$A" 2 || exit 1
"$PGTOOL" "$PG_URI" hotel "$B" 1 || exit 1

# create: the booking and its unassigned nights
c1=$("$PGTOOL" "$PG_URI" book "$A" STD 2026-03-02 2026-03-05)
check "booking.create: three unassigned nights" "3|-,-,-" "$(nights "$c1")"
# assign
check "booking.assign_room applied" "applied $c1" "$(op "$A" booking.assign_room "{\"booking\":\"$c1\",\"room\":\"101\"}")"
check "the nights hold room 101" "3|101,101,101" "$(nights "$c1")"
# clash refused, naming the other booking, nothing written
c2=$("$PGTOOL" "$PG_URI" book "$A" STD 2026-03-04 2026-03-06)
before=$(state "$A")
out=$(op "$A" booking.assign_room "{\"booking\":\"$c2\",\"room\":\"101\"}")
check "a clash is refused" 2 $?
case $out in "refused room_taken: "*"$c1"*) ok "the refusal names $c1: $out" ;; *) fail "the refusal: $out" ;; esac
check "the refusal wrote nothing" "$before" "$(state "$A")"
check "$c2's nights stay unassigned" "2|-,-" "$(nights "$c2")"
# the type is full on 2026-03-04 (two rooms, two bookings): a third is refused
out=$("$PGTOOL" "$PG_URI" book "$A" STD 2026-03-04 2026-03-05)
case $out in "refused "*) ok "a sold-out type is refused: $out" ;; *) fail "a third booking of two rooms: $out" ;; esac
# hotel B does not see hotel A's bookings
out=$(op "$B" booking.cancel "{\"booking\":\"$c1\"}")
case $out in "refused "*) ok "hotel B cannot cancel hotel A's booking" ;; *) fail "hotel B: $out" ;; esac
check "hotel B's room 101 is free for the same nights" 0 \
	"$(pg_psql -c "SELECT count(*) FROM stay_nights WHERE property_id = '$B'")"
# cancel releases the nights; the room can be sold again
check "booking.cancel applied" "applied $c1" "$(op "$A" booking.cancel "{\"booking\":\"$c1\"}")"
check "a cancelled booking holds no nights" "0|" "$(nights "$c1")"
check "now $c2 gets room 101" "applied $c2" "$(op "$A" booking.assign_room "{\"booking\":\"$c2\",\"room\":\"101\"}")"
# A document by e-mail is queued in PostgreSQL for the servers' sender
# (step 13; tests/pg/mail.sh sends one).
out=$(op "$A" document.send "{\"id\":\"00000000-0000-4000-8000-0000000001f0\",\"booking\":\"$c2\",\"kind\":\"confirmation\",\"to\":\"guest@example.org\"}")
case $out in "applied "*) ok "a confirmation by e-mail is queued: $out" ;; *) fail "document.send: $out" ;; esac
check "... in the hotel's mail queue" "confirmation guest@example.org queued" \
	"$(pg_psql -c "SELECT kind || ' ' || recipient || ' ' || state FROM mail WHERE property_id = '$A'")"
check "the feed has every booking change" 2 \
	"$(pg_psql -c "SELECT count(*) FROM changes WHERE property_id = '$A' AND entity = 'booking'")"

# Two processes assigning clashing bookings at once: pairs (a_i, b_i) of
# the same dates, a_i by one process and b_i by the other, both to room
# R_i, all overlapping on a night (80 rooms: the type is not sold out).
race() { # MODE ("" or --unlocked) HOTEL
	"$PGTOOL" "$PG_URI" hotel "$2" 80 || exit 1
	"$PGTOOL" "$PG_URI" book-many "$2" 40 STD 2026-05-02 2026-05-05 > "$PG_DIR/a" || exit 1
	"$PGTOOL" "$PG_URI" book-many "$2" 40 STD 2026-05-04 2026-05-06 > "$PG_DIR/b" || exit 1
	seq 101 140 | paste -d' ' "$PG_DIR/a" - > "$PG_DIR/one"
	seq 101 140 | paste -d' ' "$PG_DIR/b" - > "$PG_DIR/two"
	rm -f "$PG_DIR"/one.* "$PG_DIR"/two.*
	"$PGTOOL" "$PG_URI" assign-all "$2" "$PG_DIR/one" $1 > "$PG_DIR/r1" 2>&1 &
	p1=$!
	"$PGTOOL" "$PG_URI" assign-all "$2" "$PG_DIR/two" $1 > "$PG_DIR/r2" 2>&1 &
	p2=$!
	for _ in $(seq 1 600); do
		[ -e "$PG_DIR/one.ready" ] && [ -e "$PG_DIR/two.ready" ] && break
		sleep 0.1
	done
	touch "$PG_DIR/one.go" "$PG_DIR/two.go"
	wait $p1 || fail "process one: $(cat "$PG_DIR/r1")"
	wait $p2 || fail "process two: $(cat "$PG_DIR/r2")"
	grep -q '^applied [0-9]* refused [0-9]*$' "$PG_DIR/r1" "$PG_DIR/r2" || return
	won=$(($(sed -n 's/^applied \([0-9]*\) .*/\1/p' "$PG_DIR/r1") + $(sed -n 's/^applied \([0-9]*\) .*/\1/p' "$PG_DIR/r2")))
	lost=$(($(sed -n 's/.*refused \([0-9]*\)/\1/p' "$PG_DIR/r1") + $(sed -n 's/.*refused \([0-9]*\)/\1/p' "$PG_DIR/r2")))
	check "race${1:+ $1}: 40 winners ($(cat "$PG_DIR/r1"); $(cat "$PG_DIR/r2"))" 40 "$won"
	check "race${1:+ $1}: 40 refused" 40 "$lost"
	check "race${1:+ $1}: every room assigned to exactly one booking" "40|40" \
		"$(pg_psql -c "SELECT count(*), count(DISTINCT room) FROM bookings WHERE property_id = '$2' AND room IS NOT NULL")"
	check "race${1:+ $1}: no room-night twice" 0 \
		"$(pg_psql -c "SELECT count(*) FROM (SELECT 1 FROM stay_nights WHERE property_id = '$2' AND room IS NOT NULL
			GROUP BY room, night HAVING count(*) > 1) x")"
}
race "" 00000000-0000-4000-8000-00000000000c
race --unlocked 00000000-0000-4000-8000-00000000000d
pg_finish
