#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 20: the change log is trimmed after --keep-changes DAYS; a terminal
# whose cursor is older gets 410, re-reads the snapshot and keeps (and then
# pushes) its pending operations.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term_new b ben
term a sync --once >/dev/null && term b sync --once >/dev/null || fail "first sync"
old=$(sqlite3 "$WORK/b/frontdesk.db" "SELECT value FROM meta WHERE key = 'sync_cursor'")

# A keeps working online; B stays away and makes one change of its own.
term a hk 301 dirty >/dev/null && term a hk 302 pickup >/dev/null || fail "A's changes"
term a sync --once >/dev/null || fail "A sync"
term b hk 303 dirty >/dev/null || fail "B's change"
[ "$(pending b)" = 1 ] || fail "B should hold one pending operation"

# Ten days pass on the server's log; it keeps seven.
srv_stop
sqlite3 "$SRV/frontdeskd.db" "UPDATE srv_changes SET at = at - 10 * 86400"
SRV_OPTS="--keep-changes 7" srv_start
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT count(*) FROM srv_changes")" = 0 ] || fail "the old changes should be trimmed"
floor=$(sqlite3 "$SRV/frontdeskd.db" "SELECT value FROM meta WHERE key = 'changes_floor'")
[ "$floor" -gt "$old" ] || fail "the floor ($floor) should be above B's cursor ($old)"
tok=$(sqlite3 "$WORK/b/frontdesk.db" "SELECT value FROM meta WHERE key = 'session_token'")
code=$(curl -s -o "$WORK/410.json" -w '%{http_code}' -H "Authorization: Bearer $tok" "http://127.0.0.1:$PORT/v1/changes?since=$old")
[ "$code" = 410 ] || fail "a cursor below the floor should get 410, got $code"
[ "$(jq -r .error.code "$WORK/410.json")" = cursor_expired ] || fail "the 410 should say why: $(cat "$WORK/410.json")"

# B re-reads the snapshot, keeps its pending operation and pushes it.
term b sync --once >/dev/null || fail "B sync after the trim"
term b sync --once >/dev/null || fail "B second sync"
[ "$(pending b)" = 0 ] || fail "B's operation should be pushed, $(pending b) pending"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT clean FROM rooms WHERE number = '303'")" = dirty ] ||
	fail "B's pending change was lost in the re-sync"
[ "$(sqlite3 "$WORK/b/frontdesk.db" "SELECT clean FROM rooms WHERE number = '302'")" = pickup ] ||
	fail "B should have A's changes from the snapshot"
cur=$(sqlite3 "$WORK/b/frontdesk.db" "SELECT value FROM meta WHERE key = 'sync_cursor'")
[ "$cur" -ge "$floor" ] || fail "B's cursor ($cur) should be at or above the floor ($floor)"
term a sync --once >/dev/null || fail "A sync"
converged a b || fail "A and B differ: $(diff "$WORK/a.dump" "$WORK/b.dump" | head -5)"
ok "a trimmed log answers 410; the terminal re-reads the snapshot and keeps its pending work"
