#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The change feed's cursor checks and the snapshot on PostgreSQL, as on
# SQLite (tests/sync/test_sync_trim.sh): a cursor beyond the hotel's feed
# is 410 cursor_ahead, one below the trimmed floor 410 cursor_expired; the
# snapshot (whole, and in pages) holds the hotel's rows in the feed's
# shape, its first page saying how many rows the pages hold; a real
# terminal whose cursor was trimmed away re-reads the snapshot through the
# other server, keeps its pending operation, pushes it and ends equal to
# the other terminal.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
FDD=${top_builddir:?}/frontdeskd
W=$PG_DIR/work
pg_start
pg_hotel_with_desks # tests/pg/lib.sh: A, B, term, enroll
meta() { sqlite3 "$W/$1/frontdesk.db" "SELECT value FROM meta WHERE key = '$2'"; }
pending() { term "$1" --json sync-status | jq -r .pending; }
# get SERVER TERMINAL PATH: the answer's status, the body in $W/answer
get() {
	curl -s -o "$W/answer" -w '%{http_code}' -H "Authorization: Bearer $(meta "$2" session_token)" \
		"$(cat "$W/$1.url")$3"
}

enroll t1 A boss
term t1 sync --once >/dev/null || fail "t1's first sync"
pg_rooms t1 201 202 203 204 205 # tests/pg/lib.sh
code=$(term t1 book --guest "Lopes, Ana" --type DBL --arrive 2026-11-25 --depart 2026-11-27)
term t1 assign "$code" 201 >/dev/null || fail "assigning $code"
term t1 sync --once >/dev/null || fail "t1 pushing"
enroll t2 B anna
term t2 sync --once >/dev/null || fail "t2's first sync"
old=$(meta t2 sync_cursor)
top=$(pg_psql -c "SELECT seq FROM feed_counters")
check "t2 follows the feed to its end" "$top" "$old"

# A second hotel in the database, with rooms of its own: nothing of it
# reaches this hotel's snapshot.
"$FDD" --database "$PG_URI" property add OTHER --name "Other Hotel" --currency EUR --timezone Europe/Lisbon \
	>/dev/null || fail "adding a second hotel"
B_ID=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'OTHER'")
pg_psql -c "INSERT INTO room_types (property_id, code, id, name, max_occupancy, base_rate, version, updated_at)
	VALUES ('$B_ID', 'SUI', 'b0000000-0000-4000-8000-000000000001', 'Suite of B', 2, 20000, 1, 0)" \
	-c "INSERT INTO rooms (property_id, number, id, type_code, floor, clean, maint, version, updated_at)
	VALUES ('$B_ID', '901', 'b0000000-0000-4000-8000-000000000901', 'SUI', 9, 'clean', 'none', 1, 0)" ||
	fail "rooms of the second hotel"

# A cursor beyond the hotel's feed.
check "a cursor beyond the feed is 410" 410 "$(get A t2 "/v1/changes?since=$((top + 5))")"
check "... cursor_ahead" cursor_ahead "$(jq -r .error.code "$W/answer")"
check "the end of the feed is not" 200 "$(get A t2 "/v1/changes?since=$top")"
check "a wrong epoch is 410 epoch_changed" "410 epoch_changed" \
	"$(get B t2 "/v1/changes?since=0&epoch=0123" | sed 's/$/ /')$(jq -r .error.code "$W/answer")"

# The snapshot: the hotel at once, in the feed's shape.
check "the snapshot is served" 200 "$(get B t2 /v1/snapshot)"
cp "$W/answer" "$W/snap"
check "... at the feed's sequence, with the epoch" "$top $(meta t2 sync_epoch)" "$(jq -r '"\(.seq) \(.epoch)"' "$W/snap")"
check "... every room, the booking in 201" "201 202 203 204 205|$code 201" \
	"$(jq -r '[.entities.room[].number] | join(" ")' "$W/snap")|$(jq -r '.entities.booking[] | .code + " " + .room' "$W/snap")"
check "... nothing of the other hotel" "" \
	"$(grep -o -e "$B_ID" -e 'Suite of B' -e '"901"' -e 'Other Hotel' "$W/snap" | sort -u)"
check "... rows as the feed sends them (no property_id, no page key)" "0" \
	"$(jq '[.entities[][] | select(has("property_id") or has("snap_key"))] | length' "$W/snap")"
check "... a room as in the feed" \
	"$(get B t2 "/v1/changes?since=0&limit=500" >/dev/null; jq -S -c '[.changes[] | select(.entity == "room" and .id == "203") | .state][0]' "$W/answer")" \
	"$(jq -S -c '.entities.room[] | select(.number == "203")' "$W/snap")"
check "... no paging fields without limit" "false false false" \
	"$(jq -r '"\(has("more")) \(has("next")) \(has("total"))"' "$W/snap")"
# In pages of 3 rows: the same rows, one cut.
: > "$W/pages"
path="/v1/snapshot?limit=3"
pages=0
while :; do
	check "page $pages" 200 "$(get A t2 "$path")"
	jq -c '.entities | to_entries[] | .key as $k | .value[] | {($k): .}' "$W/answer" >> "$W/pages"
	# The first page says how many rows the pages hold (a terminal's
	# progress); the others do not.
	if [ $pages = 0 ]; then total=$(jq -r .total "$W/answer"); else
		check "page $pages says no total" false "$(jq 'has("total")' "$W/answer")"; fi
	pages=$((pages + 1))
	[ "$(jq -r .seq "$W/answer")" = "$top" ] || fail "a page's seq moved: $(jq -r .seq "$W/answer")"
	[ "$(jq -r .more "$W/answer")" = true ] || break
	[ "$(jq '[.entities[][]] | length' "$W/answer")" = 3 ] || fail "a page that is not the last has 3 rows"
	path="/v1/snapshot?limit=3&after=$(jq -r .next "$W/answer")&epoch=$(jq -r .epoch "$W/answer")"
	[ $pages -lt 50 ] || { fail "the pages never end"; break; }
done
check "the pages hold the snapshot's rows" \
	"$(jq -c '.entities | to_entries[] | .key as $k | .value[] | {($k): .}' "$W/snap" | sort)" "$(sort "$W/pages")"
check "the first page's total is the rows of every page" "$(wc -l < "$W/pages")" "$total"
check "a page token from another epoch is 410" 410 "$(get A t2 "/v1/snapshot?limit=3&after=$top.1.0&epoch=0123")"
check "an unreadable page token is 400" 400 "$(get A t2 "/v1/snapshot?limit=3&after=x.y")"

# t1 goes on; t2 makes a change of its own and stays away.
term t1 hk 202 dirty >/dev/null && term t1 hk 203 pickup >/dev/null && term t1 sync --once >/dev/null || fail "t1's changes"
term t2 hk 204 dirty >/dev/null || fail "t2's change"
check "t2 holds one pending operation" 1 "$(pending t2)"

# Ten days pass on the feed; the servers keep seven.
pg_stop_servers
pg_psql -c "UPDATE changes SET at = at - 10 * 86400"
pg_serve A --keep-changes 7
pg_serve B --keep-changes 7
check "the old changes are trimmed" 0 "$(pg_psql -c "SELECT count(*) FROM changes")"
floor=$(pg_psql -c "SELECT floor FROM feed_counters WHERE property_id <> '$B_ID'")
[ "$floor" -gt "$old" ] || fail "the floor ($floor) should be above t2's cursor ($old)"
check "a cursor below the floor is 410" 410 "$(get A t2 "/v1/changes?since=$old")"
check "... cursor_expired" cursor_expired "$(jq -r .error.code "$W/answer")"
check "the floor itself is a valid cursor" 200 "$(get B t2 "/v1/changes?since=$floor")"

# t2 heals through B: the snapshot, then its pending operation.
term t2 sync --once >/dev/null || fail "t2's sync after the trim"
term t2 sync --once >/dev/null || fail "t2's second sync"
check "t2's pending operation is pushed" 0 "$(pending t2)"
check "... and applied" dirty "$(pg_psql -c "SELECT clean FROM rooms WHERE number = '204'")"
check "t2 has t1's changes from the snapshot" "dirty pickup" \
	"$(sqlite3 "$W/t2/frontdesk.db" "SELECT group_concat(clean, ' ') FROM (SELECT clean FROM rooms WHERE number IN ('202', '203') ORDER BY number)")"
[ "$(meta t2 sync_cursor)" -ge "$floor" ] || fail "t2's cursor ($(meta t2 sync_cursor)) should be at or above the floor"
term t1 sync --once >/dev/null || fail "t1's last sync"
term t2 sync --once >/dev/null || fail "t2's last sync"
# (charge codes included: the snapshot carries them, step 11)
term t1 dump | jq -S . > "$W/t1.dump"
term t2 dump | jq -S . > "$W/t2.dump"
cmp -s "$W/t1.dump" "$W/t2.dump" || { fail "t1 and t2 differ"; diff "$W/t1.dump" "$W/t2.dump" | head -60 >&2; }
check "both at the same cursor" "$(meta t1 sync_cursor)" "$(meta t2 sync_cursor)"

pg_stop_servers
pg_finish "$W/A.log" "$W/B.log"
