#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 18: a terminal's first sync killed (kill -9) at random moments,
# while it stages the snapshot's pages or installs them, then run again.
# The install (every page at once, its indexes and the room-night guard
# set aside and built at its end) is one transaction: after every kill
# the terminal's database passes integrity_check and holds every index a
# new terminal's has, the guard among them; the sync then ends with the
# same copy as a terminal never interrupted.
. "$(dirname "$0")/lib.sh"
sync_setup
gen_ops a > "$WORK/ops.jsonl"
term admin op --batch "$WORK/ops.jsonl" >/dev/null || fail "the day's operations"
term admin sync --once >/dev/null || fail "pushing them"
# A bigger hotel's past, written into the server's tables (as
# tests/bench/bench_sync does): 4,000 guests, each with a stay of two
# nights in 1997-98, so that the install takes a while.
sqlite3 "$SRV/frontdeskd.db" "
WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 3999)
INSERT INTO guests (id, family, given, version, updated_at)
 SELECT printf('%08x-0000-4000-8000-%012x', n, n), 'Past' || n, 'P', 1, 0 FROM i;
WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 3999),
 r AS (SELECT number, type_code, row_number() OVER (ORDER BY number) - 1 AS k FROM rooms)
INSERT INTO bookings (id, code, guest_id, type_code, room, arrival, departure, adults, rate, status,
 version, updated_at)
 SELECT printf('%08x-0000-4000-8001-%012x', n, n), printf('P%05d', n), printf('%08x-0000-4000-8000-%012x', n, n),
 r.type_code, r.number, 10000 + 2 * (n / (SELECT count(*) FROM rooms)),
 10002 + 2 * (n / (SELECT count(*) FROM rooms)), 1, 9000, 'checked_out', 1, 0
 FROM i JOIN r ON r.k = n % (SELECT count(*) FROM rooms);
INSERT INTO stay_nights (booking_id, night, type_code, room)
 SELECT id, arrival, type_code, room FROM bookings WHERE code LIKE 'P%'
 UNION ALL SELECT id, arrival + 1, type_code, room FROM bookings WHERE code LIKE 'P%';" ||
	fail "writing the past stays"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT count(*) FROM bookings WHERE code LIKE 'P%'")" = 4000 ] ||
	fail "the past stays are not all there"

indexes() { sqlite3 "$WORK/$1/frontdesk.db" "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name"; }
term_new fresh anna
indexes fresh > "$WORK/indexes.fresh"
grep -qx stay_nights_room_night "$WORK/indexes.fresh" || fail "a new terminal lacks the room-night guard"

term_new c anna
seeds=$(od -An -N30 -tu1 /dev/urandom)
i=0 unfinished=0
for r in $seeds; do
	i=$((i + 1))
	"$FD" --data "$WORK/c" sync --once --page 500 >/dev/null 2>&1 &
	pid=$!
	sleep "0.$(printf "%03d" $((r * 2 / 3)))" # 0 to 170 ms: the sync takes some 150
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	[ "$(sqlite3 "$WORK/c/frontdesk.db" "PRAGMA integrity_check")" = ok ] || fail "integrity_check after kill $i"
	indexes c > "$WORK/indexes.c"
	cmp -s "$WORK/indexes.fresh" "$WORK/indexes.c" ||
		fail "indexes after kill $i differ from a new terminal's: $(diff "$WORK/indexes.fresh" "$WORK/indexes.c")"
	[ "$(sqlite3 "$WORK/c/frontdesk.db" "SELECT value FROM meta WHERE key = 'snapshot_active'")" = 1 ] &&
		unfinished=$((unfinished + 1))
	# Done: a new copy for the next kill.
	[ "$(sqlite3 "$WORK/c/frontdesk.db" "SELECT coalesce(max(value), 0) FROM meta WHERE key = 'sync_cursor'")" = 0 ] || {
		rm -rf "$WORK/c"
		term_new c anna
	}
done
ok "$i kills of a first sync ($unfinished mid-snapshot): integrity_check ok, every index there"

term c sync --once --page 500 >/dev/null || fail "c's sync after the kills"
term_new d anna
term d sync --once --page 500 >/dev/null || fail "d's first sync"
indexes c > "$WORK/indexes.c"
cmp -s "$WORK/indexes.fresh" "$WORK/indexes.c" || fail "c's indexes differ from a new terminal's"
[ "$(sqlite3 "$WORK/c/frontdesk.db" "SELECT count(*) FROM stay_nights WHERE room IS NOT NULL")" -ge 8000 ] ||
	fail "c lacks the past stays' nights"
dump c > "$WORK/c.dump"
dump d > "$WORK/d.dump"
cmp -s "$WORK/c.dump" "$WORK/d.dump" || fail "c's copy differs from d's: $(diff "$WORK/c.dump" "$WORK/d.dump" | head -5)"
ok "the sync after the kills ends with the copy of a terminal never interrupted"
