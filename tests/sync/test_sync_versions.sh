#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 20: upgrades. A hotel upgrades the server first and the terminals
# over days. The previous release's terminal (built from git, see
# prev_release.sh) keeps working against this server, including the 410
# path (it reads the snapshot whole); this release's terminal works against
# the previous release's server (it speaks down: no signatures, the whole
# snapshot). A terminal too old for the server (min-protocol) is told so,
# keeps working offline and loses nothing: its operations stay queued.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/prev_release.sh"
prev_release
echo "previous release: $PREV_NAME"

oterm() { t=$1; shift; "$PREV_FD" --data "$WORK/$t" "$@"; }
opending() { oterm "$1" --json sync-status | sed -n 's/.*"pending":[[:space:]]*\([0-9]*\).*/\1/p'; }
srvq() { sqlite3 "$SRV/frontdeskd.db" "$1"; }

# --- 1. the previous release's terminal against this server ---
sync_setup
code=$("$FDD" --data "$SRV" enroll-code | tail -n1 | awk '{print $NF}')
oterm old enroll "http://127.0.0.1:$PORT" "$code" --name old >/dev/null || fail "old terminal: enroll"
oterm old login anna --password-file "$PW" >/dev/null || fail "old terminal: login"
term_new new ben
oterm old sync --once >/dev/null || fail "old terminal: first sync"
term new sync --once >/dev/null || fail "new terminal: first sync"
oterm old hk 301 pickup >/dev/null || fail "old terminal: hk"
oterm old book --guest "Old, Olga" --type DBL --arrive 2026-12-01 --depart 2026-12-03 >/dev/null ||
	fail "old terminal: book"
oterm old sync --once >/dev/null 2>"$WORK/err" || fail "old terminal: push to the new server: $(cat "$WORK/err")"
[ "$(opending old)" = 0 ] || fail "the old terminal's operations should be accepted"
[ "$(srvq "SELECT clean FROM rooms WHERE number = '301'")" = pickup ] || fail "the old terminal's hk change"
[ "$(srvq "SELECT count(*) FROM guests WHERE family = 'Old'")" = 1 ] || fail "the old terminal's booking"
term new sync --once >/dev/null && term new find Old | grep -q Olga || fail "the new terminal should see Olga"
term new hk 302 dirty >/dev/null && term new sync --once >/dev/null || fail "new terminal: hk"
oterm old sync --once >/dev/null || fail "old terminal: pull"
[ "$(sqlite3 "$WORK/old/frontdesk.db" "SELECT clean FROM rooms WHERE number = '302'")" = dirty ] ||
	fail "the old terminal should see the new one's change"
# The 410 path: the old terminal reads the snapshot whole.
srv_stop
srvq "UPDATE srv_changes SET at = at - 10 * 86400" >/dev/null
SRV_OPTS="--keep-changes 7" srv_start
term new hk 303 inspected >/dev/null && term new sync --once >/dev/null || fail "new terminal after the trim"
oterm old sync --once >/dev/null 2>"$WORK/err" || fail "old terminal after the trim (410): $(cat "$WORK/err")"
[ "$(sqlite3 "$WORK/old/frontdesk.db" "SELECT clean FROM rooms WHERE number = '303'")" = inspected ] ||
	fail "the old terminal should re-read the hotel after a 410"
ok "the previous release's terminal works against this server, 410 included"

# --- 2. too old: the server needs protocol 2 ---
srv_stop
printf '[server]\nmin-protocol = 2\n' > "$WORK/srv.conf"
SRV_OPTS="--config $WORK/srv.conf" srv_start
curl -fsS "http://127.0.0.1:$PORT/v1/health" | jq -e '.protocol == 2 and .min_protocol == 2' >/dev/null ||
	fail "/v1/health should say which protocols the server speaks"
curl -fsS -D - -o /dev/null "http://127.0.0.1:$PORT/v1/health" | grep -qi '^Frontdesk-Protocol: 2' ||
	fail "every answer should carry Frontdesk-Protocol"
oterm old hk 304 dirty >/dev/null || fail "the old terminal should keep working offline"
if oterm old sync --once >/dev/null 2>"$WORK/err"; then fail "a too-old terminal's sync should not pass"; fi
grep -q "too old" "$WORK/err" || fail "the old terminal should be told it is too old: $(cat "$WORK/err")"
[ "$(sqlite3 "$WORK/old/frontdesk.db" "SELECT count(*) FROM outbox WHERE state = 'pending'")" = 1 ] &&
	[ "$(sqlite3 "$WORK/old/frontdesk.db" "SELECT count(*) FROM outbox WHERE state = 'rejected'")" = 0 ] ||
	fail "a too-old terminal's operation should stay queued, not be refused"
[ "$(srvq "SELECT clean FROM rooms WHERE number = '304'")" != dirty ] || fail "nothing of a too-old terminal is applied"
# This release's terminal announcing protocol 1 (as a too-old one would).
FRONTDESK_SYNC_PROTOCOL=1 term new hk 205 dirty >"$WORK/out" 2>&1 || fail "new terminal offline: $(cat "$WORK/out")"
if FRONTDESK_SYNC_PROTOCOL=1 term new sync --once >/dev/null 2>"$WORK/err"; then fail "protocol 1 should be refused"; fi
grep -q "too old for the server (it speaks sync protocol 1, the server needs 2" "$WORK/err" ||
	fail "the terminal's message: $(cat "$WORK/err")"
term new sync-status | grep -q "^Upgrade: .*too old" || fail "sync-status should say the terminal is too old: $(term new sync-status)"
term new --json sync-status | jq -e '.too_old == true and .pending == 1' >/dev/null || fail "--json sync-status: too_old, 1 pending"
term new sync --once >/dev/null 2>"$WORK/err" || fail "the upgraded terminal should sync: $(cat "$WORK/err")"
term new --json sync-status | jq -e '.too_old == false and .pending == 0' >/dev/null || fail "upgraded: no longer too old"
[ "$(srvq "SELECT clean FROM rooms WHERE number = '205'")" = dirty ] || fail "the upgraded terminal's queued change"
ok "a terminal too old for the server is told so, keeps working offline and keeps its operations"

# --- 3. this release's terminal against the previous release's server ---
srv_stop
FDD=$PREV_FDD
SRV="$WORK/old-server"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$FDD" --data "$SRV" init --property "Old Hotel" --currency EUR --timezone Europe/Lisbon --date 2026-11-25 >/dev/null ||
	fail "old server: init"
for u in boss:admin anna:staff ben:staff; do
	"$FDD" --data "$SRV" user add "${u%:*}" --role "${u#*:}" --password-file "$PW" >/dev/null || fail "old server: user $u"
done
SRV_OPTS= srv_start
term_new admin2 boss
term admin2 sync --once >/dev/null && term admin2 op --batch "$WORK/rooms.jsonl" >/dev/null && term admin2 sync --once >/dev/null || fail "rooms on the old server"
term_new n1 anna
term_new n2 ben
term n1 sync --once >/dev/null && term n2 sync --once >/dev/null || fail "first sync with the old server"
term n1 hk 301 pickup >/dev/null && term n1 book --guest "New, Nina" --type TWN --arrive 2026-12-01 --depart 2026-12-04 >/dev/null ||
	fail "n1's changes"
term n1 sync --once >/dev/null 2>"$WORK/err" || fail "this terminal's push to the old server: $(cat "$WORK/err")"
[ "$(pending n1)" = 0 ] || fail "the old server should accept this terminal's operations: $(term n1 sync-status)"
[ "$(srvq "SELECT clean FROM rooms WHERE number = '301'")" = pickup ] || fail "hk on the old server"
term n2 sync --once >/dev/null && term n2 find New | grep -q Nina || fail "n2 should see Nina"
# A re-sync from the snapshot (a stale epoch): the old server sends it whole.
sqlite3 "$WORK/n2/frontdesk.db" "UPDATE meta SET value = 'stale' WHERE key = 'sync_epoch'"
term n2 sync --once >/dev/null 2>"$WORK/err" || fail "n2's snapshot from the old server: $(cat "$WORK/err")"
term n2 sync --once >/dev/null && term n1 sync --once >/dev/null || fail "sync"
[ "$(sqlite3 "$WORK/n2/frontdesk.db" "SELECT value FROM meta WHERE key = 'snapshot_active'")" = 0 ] || fail "the snapshot should be over"
converged n1 n2 || fail "n1 and n2 differ: $(diff "$WORK/n1.dump" "$WORK/n2.dump" | head -5)"
ok "this release's terminal works against the previous release's server"
