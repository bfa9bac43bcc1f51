#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 18 on PostgreSQL, as on SQLite (tests/sync/test_sync_snapshot_order.sh):
# the paged snapshot sends guests and bookings in id order as bytes
# (COLLATE "C", whatever the database's collation), through an index (step
# 24); each page token holds the last id sent; bad tokens get 400; a token
# of the server before (a snap_key) goes on in snap_key order; a terminal
# whose first sync reads these pages ends equal to the one that made them.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
W=$PG_DIR/work
pg_start
pg_hotel_with_desks # tests/pg/lib.sh: A, B, term, enroll
meta() { sqlite3 "$W/$1/frontdesk.db" "SELECT value FROM meta WHERE key = '$2'"; }
get() {
	curl -s -o "$W/answer" -w '%{http_code}' -H "Authorization: Bearer $(meta "$2" session_token)" \
		"$(cat "$W/$1.url")$3"
}
unhex() { printf '%s' "$1" | sed 's/.*\.x//' | xxd -r -p; }

enroll t1 A boss
term t1 sync --once >/dev/null || fail "t1's first sync"
{
	echo '{"type":"room_type.create","payload":{"id":"00000000-0000-4000-8000-000000000001","code":"DBL","name":"Double","max_occupancy":2,"base_rate":9000}}'
	for n in 201 202 203 204 205 206 207 208; do
		printf '{"type":"room.create","payload":{"id":"00000000-0000-4000-8001-000000000%s","number":"%s","type":"DBL","floor":2}}\n' "$n" "$n"
	done
	# Ids written in descending order, upper and lower case: in bytes
	# "B..." sorts before "a...", in most collations after.
	for i in 9 8 7 6 5 4 3 2 B A; do
		printf '{"type":"guest.create","payload":{"id":"%s0000000-0000-4000-8000-000000000001","family":"Order%s","given":"Gina"}}\n' $i $i
	done
	for i in 9 8 7 6 5 4 3 2; do
		printf '{"type":"booking.create","payload":{"id":"%s0000000-0000-4000-9000-000000000001","code":"ORDER%s","guest_id":"%s0000000-0000-4000-8000-000000000001","type":"DBL","arrival":"2026-12-0%s","departure":"2026-12-1%s"}}\n' $i $i $i $i $i
	done
	printf '{"type":"guest.create","payload":{"id":"a0000000-0000-4000-8000-000000000001","family":"Lower","given":"Lia"}}\n'
} > "$W/ops.jsonl"
term t1 op --batch "$W/ops.jsonl" >/dev/null && term t1 sync --once >/dev/null || fail "t1's guests and bookings"

# Every page of 2 rows.
check "first page" 200 "$(get A t1 "/v1/snapshot?limit=2")"
epoch=$(jq -r .epoch "$W/answer") seq=$(jq -r .seq "$W/answer")
: > "$W/guests" && : > "$W/bookings"
pages=1 named=0
while :; do
	jq -r '.entities.guest[]?.id' "$W/answer" >> "$W/guests"
	jq -r '.entities.booking[]?.id' "$W/answer" >> "$W/bookings"
	next=$(jq -r '.next // "null"' "$W/answer")
	[ "$next" != null ] || break
	last=$(jq -r '(.entities | to_entries | last) | select(.key == "guest" or .key == "booking") | .value | last | .id' "$W/answer")
	case $next in *.x) ;; *.x*)
		[ "$(unhex "$next")" = "$last" ] || fail "the token $next should hold the last id sent, $last"
		named=$((named + 1)) ;;
	esac
	[ "$(get A t1 "/v1/snapshot?limit=2&after=$next&epoch=$epoch")" = 200 ] || { fail "page $pages"; break; }
	pages=$((pages + 1))
	[ $pages -lt 100 ] || { fail "the pages never end"; break; }
done
check "11 guests and 8 bookings in the pages" "11 8" "$(wc -l < "$W/guests") $(wc -l < "$W/bookings")"
check "guests in id order (bytes)" "$(LC_ALL=C sort "$W/guests" | tr '\n' ' ')" "$(tr '\n' ' ' < "$W/guests")"
check "bookings in id order (bytes)" "$(LC_ALL=C sort "$W/bookings" | tr '\n' ' ')" "$(tr '\n' ' ' < "$W/bookings")"
[ $named -ge 6 ] || fail "tokens holding an id: $named"

# The page reads an index, not the whole table sorted.
plan=$(pg_psql -c "SET enable_seqscan = off" -c "EXPLAIN SELECT id FROM bookings t WHERE property_id = 'p'
	AND id COLLATE \"C\" > '' ORDER BY id COLLATE \"C\" LIMIT 2")
case $plan in *bookings_snap_id*) echo "ok: the bookings' page reads bookings_snap_id" ;;
*) fail "the bookings' page should read bookings_snap_id: $plan" ;; esac
case $plan in *Sort*) fail "the bookings' page should not sort: $plan" ;; esac

# Bad tokens.
for bad in "$seq.3.xzz" "$seq.3.x4" "$seq.3.x00" "$seq.5.x41" "$seq.99.x41" "$seq.3.12a"; do
	check "the token $bad is 400 invalid_parameter" "400 invalid_parameter" \
		"$(get A t1 "/v1/snapshot?limit=2&after=$bad&epoch=$epoch") $(jq -r .error.code "$W/answer")"
done

# A token of the server before: the guests after that snap_key, in
# snap_key order, then the bookings by id.
k3=$(pg_psql -c "SELECT snap_key FROM guests WHERE family = 'Order7'")
: > "$W/old"
next="$seq.3.$k3"
while [ "$next" != null ]; do
	[ "$(get A t1 "/v1/snapshot?limit=2&after=$next&epoch=$epoch")" = 200 ] || { fail "after an old token"; break; }
	jq -r '.entities | to_entries[] | select(.key == "guest" or .key == "booking") | .key + " " + .value[].id' "$W/answer" >> "$W/old"
	next=$(jq -r '.next // "null"' "$W/answer")
done
check "after an old token, guests in snap_key order" \
	"$(pg_psql -c "SELECT 'guest ' || id FROM guests WHERE snap_key > $k3 ORDER BY snap_key")" "$(grep '^guest' "$W/old")"
check "... then bookings by id" "$(grep '^booking' "$W/old" | LC_ALL=C sort)" "$(grep '^booking' "$W/old")"

# A terminal's first sync through these pages (B, pages of 2).
enroll t2 B anna
term t2 sync --once --page 2 >/dev/null || fail "t2's first sync"
term t2 sync --once >/dev/null || fail "t2's second sync"
term t1 sync --once >/dev/null || fail "t1's last sync"
term t1 dump | jq -S . > "$W/t1.dump"
term t2 dump | jq -S . > "$W/t2.dump"
cmp -s "$W/t1.dump" "$W/t2.dump" || { fail "t1 and t2 differ"; diff "$W/t1.dump" "$W/t2.dump" | head -40 >&2; }
pg_finish
