#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 20: two desks change the same room's status offline; the later
# upload wins, and the desk whose change was overwritten is told: a notice
# naming the room, both values and who won, in its conflicts list. A change
# made after seeing the other desk's is no overwrite and makes no notice.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term_new b ben
term a sync --once >/dev/null && term b sync --once >/dev/null || fail "first sync"

srv_stop
term a hk 301 pickup >/dev/null || fail "A's change offline"
term b hk 301 dirty >/dev/null || fail "B's change offline"
srv_start
term a sync --once >/dev/null || fail "A sync"
term b sync --once >/dev/null || fail "B sync"
term a sync --once >/dev/null || fail "A sync again"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT clean FROM rooms WHERE number = '301'")" = dirty ] ||
	fail "the later upload (B's dirty) should win"
[ "$(sqlite3 "$WORK/a/frontdesk.db" "SELECT clean FROM rooms WHERE number = '301'")" = dirty ] ||
	fail "A should show the server's value"
term a --json conflicts > "$WORK/a.conflicts" || fail "A conflicts"
[ "$(jq 'length' "$WORK/a.conflicts")" = 1 ] || fail "A should have one notice: $(cat "$WORK/a.conflicts")"
[ "$(jq -r '.[0].code' "$WORK/a.conflicts")" = overwritten ] || fail "the notice should say overwritten"
[ "$(jq -r '.[0].details.room + " " + .[0].details.yours + " " + .[0].details.theirs + " " + .[0].details.winner.actor + " " + .[0].details.winner.device_name' "$WORK/a.conflicts")" = "301 pickup dirty ben b" ] ||
	fail "the notice should name the room, both values and who won: $(cat "$WORK/a.conflicts")"
term a conflicts > "$WORK/a.text" || fail "A conflicts (text)"
grep -q "Room 301: your change to pickup (anna at a) was overwritten by dirty (ben at b)" "$WORK/a.text" ||
	fail "the notice's message: $(cat "$WORK/a.text")"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT device FROM srv_conflicts WHERE code = 'overwritten'")" = \
	"$(sqlite3 "$WORK/a/frontdesk.db" "SELECT value FROM meta WHERE key = 'device_id'")" ] ||
	fail "the notice should be addressed to A's device"
term a sync-status | grep -q "Conflicts: *1 open" || fail "A's status should count the notice: $(term a sync-status)"

# Sequential changes (B saw A's value first) are no overwrite.
term a hk 302 pickup >/dev/null && term a sync --once >/dev/null || fail "A's change online"
sleep 1.2 # the rule compares whole seconds
term b sync --once >/dev/null || fail "B sees A's change"
term b hk 302 clean >/dev/null && term b sync --once >/dev/null || fail "B's later change"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT count(*) FROM srv_conflicts WHERE code = 'overwritten'")" = 1 ] ||
	fail "a change made after seeing the other desk's should make no notice"
ok "the desk whose offline change was overwritten gets a notice naming room, values and winner"
