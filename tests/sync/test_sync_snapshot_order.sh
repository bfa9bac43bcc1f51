#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 18: the paged snapshot sends guests and bookings in id order (bytes),
# not in the order they were written, so that a terminal's b-trees keyed by
# id are appended to; the page token (core/snaptoken.h) holds the last id
# sent, in hex. Bad tokens get 400; a token of the server before (a row
# number: a terminal mid-snapshot across the upgrade) goes on in row order.
# Rows inserted, changed and deleted between pages end up right once the
# terminal follows the feed from the cut.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term_new b ben
term a sync --once >/dev/null || fail "first sync"
# Ids written in descending order: the row order is the reverse of the
# id order.
for i in 9 8 7 6 5 4 3 2; do
	printf '{"type":"guest.create","payload":{"id":"%s0000000-0000-4000-8000-000000000001","family":"Order%s","given":"Gina"}}\n' $i $i
	printf '{"type":"booking.create","payload":{"id":"%s0000000-0000-4000-9000-000000000001","code":"ORDER%s","guest_id":"%s0000000-0000-4000-8000-000000000001","type":"DBL","arrival":"2026-12-0%s","departure":"2026-12-1%s"}}\n' $i $i $i $i $i
done > "$WORK/ops.jsonl"
# and a guest without a booking, deleted between pages below
printf '{"type":"guest.create","payload":{"id":"10000000-0000-4000-8000-000000000001","family":"Gone","given":"Gil"}}\n' >> "$WORK/ops.jsonl"
term a op --batch "$WORK/ops.jsonl" >/dev/null && term a sync --once >/dev/null || fail "A's guests and bookings"

tok=$(sqlite3 "$WORK/a/frontdesk.db" "SELECT value FROM meta WHERE key = 'session_token'")
get() { curl -fsS -H "Authorization: Bearer $tok" "http://127.0.0.1:$PORT$1"; }
code() { curl -s -o "$WORK/answer" -w '%{http_code}' -H "Authorization: Bearer $tok" "http://127.0.0.1:$PORT$1"; }
unhex() { printf '%s' "$1" | sed 's/.*\.x//' | xxd -r -p; }

# Every page of 2 rows, by hand.
get "/v1/snapshot?limit=2" > "$WORK/p1.json" || fail "first page"
seq=$(jq .seq "$WORK/p1.json") epoch=$(jq -r .epoch "$WORK/p1.json")
n=1 next=$(jq -r .next "$WORK/p1.json")
: > "$WORK/guests" && : > "$WORK/bookings"
named=0
while :; do
	p="$WORK/p$n.json"
	jq -r '.entities.guest[]?.id' "$p" >> "$WORK/guests"
	jq -r '.entities.booking[]?.id' "$p" >> "$WORK/bookings"
	next=$(jq -r '.next // "null"' "$p")
	[ "$next" != null ] || break
	# A page ending in guests or bookings names the last one sent.
	last=$(jq -r '(.entities | to_entries | last) | select(.key == "guest" or .key == "booking") | .value | last | .id' "$p")
	# (A page ending with a table's last row names the next table's start:
	# "x" alone.)
	case $next in *.x) ;; *.x*)
		[ "$(unhex "$next")" = "$last" ] || fail "the token $next should hold the last id sent, $last"
		named=$((named + 1)) ;;
	esac
	n=$((n + 1))
	get "/v1/snapshot?limit=2&after=$next&epoch=$epoch" > "$WORK/p$n.json" || fail "page $n"
	[ $n -lt 100 ] || fail "the pages never end"
done
[ "$(wc -l < "$WORK/guests")" = 9 ] && [ "$(wc -l < "$WORK/bookings")" = 8 ] || fail "the pages should hold 9 guests and 8 bookings"
[ $named -ge 6 ] || fail "tokens holding an id: $named"
LC_ALL=C sort -c -u "$WORK/guests" || fail "guests should come in id order: $(tr '\n' ' ' < "$WORK/guests")"
LC_ALL=C sort -c -u "$WORK/bookings" || fail "bookings should come in id order: $(tr '\n' ' ' < "$WORK/bookings")"
ok "guests and bookings in id order over $n pages, each token holding the last id"

# Bad tokens: 400, the same message as before.
for bad in "$seq.3.xzz" "$seq.3.x4" "$seq.3.x00" "$seq.5.x41" "$seq.99.x41" "$seq.3.12a" "$seq.3.-1" "-1.3.1" \
	"$seq.3.x$(printf '41%.0s' $(seq 1 40))"; do
	[ "$(code "/v1/snapshot?limit=2&after=$bad&epoch=$epoch")" = 400 ] || fail "the token $bad should get 400"
	jq -e '.error.code == "invalid_parameter" and .error.field == "after"' "$WORK/answer" >/dev/null ||
		fail "the token $bad: $(cat "$WORK/answer")"
done
ok "bad page tokens get 400 invalid_parameter"

# A token of the server before: the guests after row 3, in row order
# (each row after it once), then the bookings by id.
: > "$WORK/old"
next="$seq.3.3"
while [ "$next" != null ]; do
	get "/v1/snapshot?limit=2&after=$next&epoch=$epoch" > "$WORK/o.json" || fail "a page after an old token"
	jq -r '.entities | to_entries[] | select(.key == "guest" or .key == "booking") | .key + " " + .value[].id' "$WORK/o.json" >> "$WORK/old"
	next=$(jq -r '.next // "null"' "$WORK/o.json")
done
want=$(sqlite3 "$SRV/frontdeskd.db" "SELECT 'guest ' || id FROM guests WHERE rowid > 3 ORDER BY rowid")
[ "$(grep '^guest' "$WORK/old")" = "$want" ] || fail "after an old token the guests should go on in row order: $(cat "$WORK/old")"
grep '^booking' "$WORK/old" | LC_ALL=C sort -c -u && [ "$(grep -c '^booking' "$WORK/old")" = 8 ] ||
	fail "after the old token's table, bookings by id: $(cat "$WORK/old")"
ok "an old-format token goes on in row order"

# Between pages: B has staged the pages up to the middle of the bookings
# (by hand, as the sync thread stages them); then a booking and a guest
# below B's position and one above are added, a sent booking changes, a
# sent guest is merged away (its row deleted). B resumes and ends at the
# server's state.
cut=$(grep -l '"booking"' "$WORK"/p*.json | sort -V | head -n1)
upto=$(basename "$cut" .json | tr -d p)
stage_pages b "$upto" || fail "staging the first pages by hand"
sent=$(jq -r '.entities.booking[0].id' "$cut")
{
	printf '{"type":"guest.create","payload":{"id":"00000000-0000-4000-8000-000000000001","family":"Early","given":"Eve"}}\n'
	printf '{"type":"booking.create","payload":{"id":"00000000-0000-4000-9000-000000000001","code":"ORDER0","guest_id":"00000000-0000-4000-8000-000000000001","type":"TWN","arrival":"2026-12-20","departure":"2026-12-22"}}\n'
	printf '{"type":"guest.create","payload":{"id":"f0000000-0000-4000-8000-000000000001","family":"Late","given":"Lou"}}\n'
	printf '{"type":"booking.create","payload":{"id":"f0000000-0000-4000-9000-000000000001","code":"ORDERF","guest_id":"f0000000-0000-4000-8000-000000000001","type":"TWN","arrival":"2026-12-23","departure":"2026-12-25"}}\n'
	printf '{"type":"booking.modify","payload":{"booking":"%s","departure":"2026-12-19"}}\n' "$sent"
} > "$WORK/between.jsonl"
term a op --batch "$WORK/between.jsonl" >/dev/null && term a sync --once >/dev/null || fail "A's changes between pages"
# (a merge needs a manager: the admin's terminal)
printf '{"type":"guest.merge","payload":{"guest":"30000000-0000-4000-8000-000000000001","duplicate":"20000000-0000-4000-8000-000000000001"}}\n' > "$WORK/merge.jsonl"
term admin sync --once >/dev/null && term admin op --batch "$WORK/merge.jsonl" >/dev/null && term admin sync --once >/dev/null ||
	fail "the merge between pages"
# No operation deletes a guest: the row goes from the server's database
# with its change, as a deletion reaches the feed.
sqlite3 "$SRV/frontdeskd.db" "DELETE FROM guests WHERE id = '10000000-0000-4000-8000-000000000001';
	INSERT OR REPLACE INTO srv_changes (entity, entity_id) VALUES ('guest', '10000000-0000-4000-8000-000000000001')" ||
	fail "deleting a guest between pages"
term b sync --once --page 2 >/dev/null || fail "B resuming its snapshot: $(term b sync-status)"
term b sync --once --page 2 >/dev/null || fail "B following the feed"
[ "$(sqlite3 "$WORK/b/frontdesk.db" "SELECT value FROM meta WHERE key = 'snapshot_active'")" = 0 ] || fail "the snapshot should be over"
term a sync --once >/dev/null || fail "A sync"
converged a b || fail "A and B differ: $(diff "$WORK/a.dump" "$WORK/b.dump" | head -10)"
for c in ORDER0 ORDERF; do term b find "$c" | grep -q "$c" || fail "B lacks booking $c added between pages"; done
[ "$(sqlite3 "$WORK/b/frontdesk.db" "SELECT count(*) FROM guests WHERE id LIKE '1%'")" = 0 ] || fail "B should not keep the deleted guest"
[ "$(sqlite3 "$WORK/b/frontdesk.db" "SELECT merged_into FROM guests WHERE id LIKE '2%'")" = 30000000-0000-4000-8000-000000000001 ] ||
	fail "B should have the merge"
ok "rows added, changed and deleted between pages are right after the feed"
