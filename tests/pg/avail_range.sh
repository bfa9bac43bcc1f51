#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Availability over a range in one query (src/pg/repo.c type_nights and
# type_days, which core/avail.h uses when a store has them) must count
# exactly what type_inventory and type_sold count night by night, and
# type_day_sold day by day: on a hotel with an
# out-of-order room, an outside calendar's block, a group block partly
# picked up, assigned, unassigned, cancelled and day-use bookings, and a
# booking left out (except_id). pgtool avail-check prints both and exits 1
# on the first night they disagree.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
PGTOOL=${top_builddir:?}/tests/pg/pgtool
pg_start
A=00000000-0000-4000-8000-00000000000a
op() {
	out=$("$PGTOOL" "$PG_URI" op "$A" "$@")
	case $out in "applied "*) ;; *) fail "$1: $out" ;; esac
}
book() { "$PGTOOL" "$PG_URI" book "$A" "$@"; }
id_of() { pg_psql -c "SELECT id FROM bookings WHERE code = '$1'"; }
night() { printf '%s\n' "$1" | awk -v d="$2" '$1 == d { print $2 " " $3 }'; }
day() { printf '%s\n' "$1" | awk -v d="$2" '$1 == d { print $4 }'; }

"$PGTOOL" "$PG_URI" hotel "$A" 8 || exit 1 # STD rooms 101-108
op room_type.create '{"id":"00000000-0000-4000-8000-0000000000d1","code":"DBL","name":"Double","max_occupancy":2,"base_rate":12000,"rank":1}'
op room.create '{"id":"00000000-0000-4000-8000-0000000000d2","number":"201","type":"DBL","floor":2}'

# Out of order 102 on 03-05..03-08, outside block on 103 on 03-06..03-07.
op room.set_maintenance '{"room":"102","state":"ooo","from":"2026-03-05","to":"2026-03-08","reason":"flood"}'
op room.block '{"room":"103","uid":"wedding-1","from":"2026-03-06","to":"2026-03-07","summary":"wedding"}'
# A group block of 3 STD on 03-03..03-06, one booking picked up from it.
op block.add '{"id":"00000000-0000-4000-8000-0000000000b1","name":"Tour","type":"STD","rooms":3,"from":"2026-03-03","to":"2026-03-06","cutoff":"2026-03-02"}'
op guest.create '{"id":"00000000-0000-4000-8000-0000000000e1","family":"Tour","given":"One"}'
op booking.create '{"id":"00000000-0000-4000-8000-0000000000e2","code":"TOUR01","guest_id":"00000000-0000-4000-8000-0000000000e1","type":"STD","arrival":"2026-03-03","departure":"2026-03-05","adults":1,"block":"Tour"}'
# Bookings: one assigned (room numbers given out of order), one
# unassigned, one cancelled, one day-use, one of another type.
c1=$(book STD 2026-03-02 2026-03-06)
op booking.assign_room "{\"booking\":\"$c1\",\"room\":\"106\"}"
c2=$(book STD 2026-03-04 2026-03-09)
c3=$(book STD 2026-03-01 2026-03-10)
op booking.assign_room "{\"booking\":\"$c3\",\"room\":\"101\"}"
op booking.cancel "{\"booking\":\"$c3\"}"
c4=$(book STD 2026-03-07 2026-03-07)
c5=$(book DBL 2026-03-04 2026-03-06)
for c in "$c1" "$c2" "$c3" "$c4" "$c5"; do
	case $c in [A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9]) ;; *) fail "a booking: $c" ;; esac
done

out=$("$PGTOOL" "$PG_URI" avail-check "$A" STD 2026-02-27 2026-03-12)
check "STD: the range call and the night-by-night calls agree" 0 $?
printf '%s\n' "$out" | grep MISMATCH >&2
# The figures themselves, on a few nights (rooms sold).
check "03-04: 8 rooms; c1, c2 and the tour's 3 held (one picked up)" "8 5" "$(night "$out" 2026-03-04)"
check "03-06: 102 out of order, 103 blocked; c2 only" "6 1" "$(night "$out" 2026-03-06)"
check "03-07: 102 out of order; c2 (the day-use holds no night)" "7 1" "$(night "$out" 2026-03-07)"
check "03-10: nothing sold (c3 cancelled)" "8 0" "$(night "$out" 2026-03-10)"
# The days: stays over a day (not those arriving or leaving that day)
# and the day-use stays on it.
check "day 03-03: c1 (the tour arrives)" 1 "$(day "$out" 2026-03-03)"
check "day 03-04: c1 and the tour (c2 arrives)" 2 "$(day "$out" 2026-03-04)"
check "day 03-05: c1 and c2 (the tour leaves)" 2 "$(day "$out" 2026-03-05)"
check "day 03-07: c2 and the day-use c4" 2 "$(day "$out" 2026-03-07)"
check "day 03-09: c2 leaves" 0 "$(day "$out" 2026-03-09)"
out=$("$PGTOOL" "$PG_URI" avail-check "$A" STD 2026-02-27 2026-03-12 "$(id_of "$c2")")
check "STD without c2 (except_id): they agree" 0 $?
printf '%s\n' "$out" | grep MISMATCH >&2
check "03-04 without c2" "8 4" "$(night "$out" 2026-03-04)"
check "day 03-05 without c2" 1 "$(day "$out" 2026-03-05)"
out=$("$PGTOOL" "$PG_URI" avail-check "$A" STD 2026-02-27 2026-03-12 "$(id_of "$c4")")
check "STD without the day-use c4: they agree" 0 $?
check "day 03-07 without c4" 1 "$(day "$out" 2026-03-07)"
out=$("$PGTOOL" "$PG_URI" avail-check "$A" STD 2026-03-01 2026-03-12 00000000-0000-4000-8000-0000000000e2)
check "STD without the tour's booking: they agree" 0 $?
check "03-04 without the tour's booking: the block holds it again" "8 5" "$(night "$out" 2026-03-04)"
"$PGTOOL" "$PG_URI" avail-check "$A" DBL 2026-03-01 2026-03-12 >/dev/null
check "DBL: they agree" 0 $?
"$PGTOOL" "$PG_URI" avail-check "$A" NONE 2026-03-01 2026-03-03 >/dev/null
check "a type with no rooms: they agree" 0 $?

# A room out of order and blocked on the same nights is one room out; an
# out-of-order room with no dates (raw SQL) is out every night, as the
# night-by-night count reads it.
op room.set_maintenance '{"room":"104","state":"ooo","from":"2026-03-08","to":"2026-03-10","reason":"paint"}'
op room.block '{"room":"104","uid":"film-1","from":"2026-03-08","to":"2026-03-11","summary":"film"}'
pg_psql -c "UPDATE rooms SET maint = 'ooo', maint_from = NULL, maint_to = NULL WHERE number = '105'" >/dev/null
out=$("$PGTOOL" "$PG_URI" avail-check "$A" STD 2026-03-01 2026-03-12)
check "104 out of order and blocked, 105 out without dates: they agree" 0 $?
printf '%s\n' "$out" | grep MISMATCH >&2
check "03-09: 104 (out and blocked) and 105 out, once each" "6 0" "$(night "$out" 2026-03-09)"
check "03-11: 105 still out" "7 0" "$(night "$out" 2026-03-11)"
pg_psql -c "UPDATE rooms SET maint = 'none' WHERE number = '105'" >/dev/null
# A day-use booked as STD in the DBL room (an upgrade: DBL ranks above)
# is DBL's on its day.
c6=$(book STD 2026-03-10 2026-03-10)
op booking.assign_room "{\"booking\":\"$c6\",\"room\":\"201\"}"
out=$("$PGTOOL" "$PG_URI" avail-check "$A" DBL 2026-03-01 2026-03-12)
check "DBL with c6 in 201: they agree" 0 $?
check "day 03-10: c6 is DBL's" 1 "$(day "$out" 2026-03-10)"
out=$("$PGTOOL" "$PG_URI" avail-check "$A" STD 2026-03-01 2026-03-12)
check "STD with c6 in 201: they agree" 0 $?
check "day 03-10: c6 is not STD's" 0 "$(day "$out" 2026-03-10)"

# Released, the block holds nothing: still the same counts.
pg_psql -c "UPDATE group_blocks SET released = 1" >/dev/null
out=$("$PGTOOL" "$PG_URI" avail-check "$A" STD 2026-03-01 2026-03-12)
check "after the block's release: they agree" 0 $?
check "03-04 after the release" "8 3" "$(night "$out" 2026-03-04)"

pg_stop
pg_finish
