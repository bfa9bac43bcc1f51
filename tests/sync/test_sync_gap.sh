#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 20: the server is restored from a backup older than what a terminal
# still keeps (it pruned acknowledged operations after its keep window).
# The server asks for operations the terminal no longer has; instead of a
# 409 loop the terminal declares the gap, the server records a notice naming
# the lost operations, and everything the terminal still holds goes through.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term a sync --once >/dev/null || fail "first sync"
"$FDD" --data "$SRV" backup "$WORK/backup.db" >/dev/null || fail "backup"
for r in 301 302 303; do term a hk $r dirty >/dev/null || fail "A's change to $r"; done
term a sync --once >/dev/null || fail "A sync"
[ "$(pending a)" = 0 ] || fail "A's changes should be acknowledged"
first=$(sqlite3 "$WORK/a/frontdesk.db" "SELECT min(device_seq) FROM outbox")
# The two oldest are past the keep window and pruned (as fd_outbox_prune does).
sqlite3 "$WORK/a/frontdesk.db" "DELETE FROM outbox WHERE device_seq < $first + 2"

srv_stop
"$FDD" --data "$SRV" restore "$WORK/backup.db" >/dev/null || fail "restore"
srv_start
term a sync --once >/dev/null 2>"$WORK/err" || fail "A sync after the restore: $(cat "$WORK/err")"
term a sync --once >/dev/null 2>"$WORK/err" || fail "A second sync after the restore: $(cat "$WORK/err")"
[ "$(pending a)" = 0 ] || fail "A still holds $(pending a) operations: $(term a sync-status)"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT clean FROM rooms WHERE number = '303'")" = dirty ] ||
	fail "the operation A still kept should reach the restored server"
term a --json conflicts > "$WORK/c.json" || fail "A conflicts"
[ "$(jq -r '.[] | select(.code == "lost_in_restore") | "\(.details.gap_from)-\(.details.gap_to)"' "$WORK/c.json")" = "$first-$((first + 1))" ] ||
	fail "A should see a notice naming operations $first to $((first + 1)): $(cat "$WORK/c.json")"
term a conflicts | grep -q "2 operations of a (device_seq $first to $((first + 1))" || fail "the notice's message: $(term a conflicts)"
# The queue keeps moving afterwards.
term a hk 304 dirty >/dev/null && term a sync --once >/dev/null || fail "A's next change"
[ "$(pending a)" = 0 ] && [ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT clean FROM rooms WHERE number = '304'")" = dirty ] ||
	fail "A's next change should go through"
# A declared gap is taken only where the server's sequence stands.
tok=$(sqlite3 "$WORK/a/frontdesk.db" "SELECT value FROM meta WHERE key = 'session_token'")
code=$(curl -s -o "$WORK/409.json" -w '%{http_code}' -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
	-d '{"gap_from":1,"ops":[{"op_id":"00000000-0000-4000-8000-00000000abcd","device_seq":999,"type":"room.set_clean","actor":"anna","created_at":1,"payload":{"room":"301","status":"clean"}}]}' \
	"http://127.0.0.1:$PORT/v1/ops")
[ "$code" = 409 ] || fail "a gap declared anywhere but where the server stands should be a 409, got $code"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT count(*) FROM srv_conflicts WHERE code = 'lost_in_restore'")" = 1 ] || fail "one notice only"
ok "a terminal that pruned what a restored server lacks declares the gap; a notice names it; no 409 loop"
