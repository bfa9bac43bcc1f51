#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 20: the whole 410 path with a paged snapshot. A terminal whose
# cursor fell below the trimmed log re-reads the hotel in pages (here 3
# rows each, so many pages), keeps its pending operations, installs the
# pages at once and follows the feed from the snapshot's cut. The cut is
# consistent: pages read after a change still carry the first page's seq,
# and the feed after that seq carries the change.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term_new b ben
term a sync --once >/dev/null && term b sync --once >/dev/null || fail "first sync"
for i in 1 2 3 4 5; do
	term a book --guest "Paged$i, Guest" --type DBL --arrive 2026-12-0$i --depart 2026-12-1$i >/dev/null ||
		fail "A's booking $i"
done
term a hk 302 pickup >/dev/null || fail "A's change"
term a sync --once >/dev/null || fail "A sync"
term b hk 303 dirty >/dev/null || fail "B's change"
term b book --guest "Offline, Bea" --type TWN --arrive 2026-12-20 --depart 2026-12-22 >/dev/null ||
	fail "B's booking offline"
[ "$(pending b)" = 3 ] || fail "B should hold three pending operations (hk, guest, booking)"

# Ten days pass on the server's log; it keeps seven.
srv_stop
sqlite3 "$SRV/frontdeskd.db" "UPDATE srv_changes SET at = at - 10 * 86400"
SRV_OPTS="--keep-changes 7" srv_start
floor=$(sqlite3 "$SRV/frontdeskd.db" "SELECT value FROM meta WHERE key = 'changes_floor'")

# The server's cut, page by page (by hand).
tok=$(sqlite3 "$WORK/a/frontdesk.db" "SELECT value FROM meta WHERE key = 'session_token'")
get() { curl -fsS -H "Authorization: Bearer $tok" "http://127.0.0.1:$PORT$1"; }
get "/v1/snapshot?limit=3" > "$WORK/p1.json" || fail "first page"
seq=$(jq .seq "$WORK/p1.json")
[ "$(jq '[.entities[] | length] | add' "$WORK/p1.json")" = 3 ] || fail "a page should hold 3 rows: $(cat "$WORK/p1.json")"
[ "$(jq .more "$WORK/p1.json")" = true ] || fail "the first page should say more"
epoch=$(jq -r .epoch "$WORK/p1.json")
term a hk 304 dirty >/dev/null && term a sync --once >/dev/null || fail "A's change between pages"
get "/v1/snapshot?limit=3&after=$(jq -r .next "$WORK/p1.json")&epoch=$epoch" > "$WORK/p2.json" || fail "second page"
[ "$(jq .seq "$WORK/p2.json")" = "$seq" ] || fail "every page carries the first page's cut ($seq): $(jq .seq "$WORK/p2.json")"
get "/v1/changes?since=$seq" | jq -e '.changes[] | select(.entity == "room" and .id == "304")' >/dev/null ||
	fail "the feed after the cut should carry the change made between pages"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" \
	"http://127.0.0.1:$PORT/v1/snapshot?limit=3&after=$(jq -r .next "$WORK/p1.json")&epoch=0123")
[ "$code" = 410 ] || fail "a page of another epoch should get 410, got $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" "http://127.0.0.1:$PORT/v1/snapshot?limit=3&after=x.y")
[ "$code" = 400 ] || fail "a bad page token should get 400, got $code"
# Without a limit (terminals of the previous protocol): the whole hotel at once.
get "/v1/snapshot" > "$WORK/whole.json" || fail "whole snapshot"
jq -e 'has("more") | not' "$WORK/whole.json" >/dev/null || fail "the unpaged snapshot should not be paged"

# B: 410, then the snapshot in pages of 3, its pending operations kept.
before=$(grep -c "GET /v1/snapshot" "$WORK/server.log")
term b sync --once --page 3 >/dev/null || fail "B sync after the trim: $(term b sync-status)"
pages=$(($(grep -c "GET /v1/snapshot" "$WORK/server.log") - before))
[ "$pages" -ge 6 ] || fail "B should read the snapshot in many pages, read $pages"
[ "$(sqlite3 "$WORK/b/frontdesk.db" "SELECT count(*) FROM sync_snapshot_rows")" = 0 ] || fail "the staged rows should be gone"
[ "$(sqlite3 "$WORK/b/frontdesk.db" "SELECT value FROM meta WHERE key = 'snapshot_active'")" = 0 ] || fail "the snapshot should be over"
term b sync --once --page 3 >/dev/null || fail "B second sync"
[ "$(pending b)" = 0 ] || fail "B's operations should be pushed, $(pending b) pending"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT clean FROM rooms WHERE number = '303'")" = dirty ] || fail "B's pending change was lost"
term b find Offline | grep -q Bea || fail "B's offline booking was lost in the re-sync"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT count(*) FROM bookings b JOIN guests g ON g.id = b.guest_id WHERE g.family = 'Offline'")" = 1 ] ||
	fail "B's offline booking should reach the server once"
for i in 1 2 3 4 5; do term b find "Paged$i" | grep -q "Paged$i" || fail "B lacks A's booking $i"; done
[ "$(sqlite3 "$WORK/b/frontdesk.db" "SELECT clean FROM rooms WHERE number = '304'")" = dirty ] ||
	fail "B should have A's latest change"
cur=$(sqlite3 "$WORK/b/frontdesk.db" "SELECT value FROM meta WHERE key = 'sync_cursor'")
[ "$cur" -ge "$floor" ] || fail "B's cursor ($cur) should be at or above the floor ($floor)"
term a sync --once >/dev/null || fail "A sync"
converged a b || fail "A and B differ: $(diff "$WORK/a.dump" "$WORK/b.dump" | head -5)"

# A snapshot cut short (a kill, a lost link) resumes from the page it
# reached: B is put in the middle of one by hand (first page staged, its
# token kept), and reads only the pages after it.
btok=$(sqlite3 "$WORK/b/frontdesk.db" "SELECT value FROM meta WHERE key = 'session_token'")
bget() { curl -fsS -H "Authorization: Bearer $btok" "http://127.0.0.1:$PORT$1"; }
bget "/v1/snapshot?limit=3" > "$WORK/r1.json" || fail "first page (B)"
total=1 next=$(jq -r .next "$WORK/r1.json")
while [ "$next" != null ]; do
	bget "/v1/snapshot?limit=3&after=$next&epoch=$epoch" > "$WORK/rn.json" || fail "page $total (B)"
	total=$((total + 1)) next=$(jq -r '.next // "null"' "$WORK/rn.json")
done
stage_pages b 1 r || fail "staging the first page by hand"
before=$(grep -c "GET /v1/snapshot" "$WORK/server.log")
term b sync --once --page 3 >/dev/null || fail "B resuming its snapshot"
resumed=$(($(grep -c "GET /v1/snapshot" "$WORK/server.log") - before))
[ "$resumed" = $((total - 1)) ] || fail "B should read the $((total - 1)) pages after the first, read $resumed"
converged a b || fail "A and B differ after the resumed snapshot: $(diff "$WORK/a.dump" "$WORK/b.dump" | head -5)"
ok "410, a snapshot in $pages pages with a consistent cut, pending operations kept, converged"
