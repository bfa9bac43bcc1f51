#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 20: the status tells the truth within seconds. With the server hung
# (SIGSTOP) while a terminal's engine runs, `frontdesk sync-status --json`
# shows the two new operations as pending at once and "offline" within
# seconds (the heartbeat, not the long-poll), with when the terminal last
# heard from the server; once the server resumes, both settle.
. "$(dirname "$0")/lib.sh"
FOLLOW=
on_exit() {
	rc=$?
	[ -n "$SRV_PID" ] && kill -CONT "$SRV_PID" 2>/dev/null
	if [ -n "$FOLLOW" ]; then kill "$FOLLOW" 2>/dev/null || true; wait "$FOLLOW" 2>/dev/null || true; fi
	cleanup
	exit $rc
}
trap on_exit EXIT INT TERM
sync_setup
term_new a anna
term a sync --once >/dev/null || fail "first sync"

field() { term a --json sync-status | jq -r ".$1"; }
# wait_for FIELD VALUE SECONDS
wait_for() {
	i=0
	while [ "$(field "$1")" != "$2" ]; do
		i=$((i + 1)); [ $i -le $(($3 * 10)) ] || return 1
		sleep 0.1
	done
}

"$FD" --data "$WORK/a" sync --follow >"$WORK/follow.log" 2>&1 &
FOLLOW=$!
wait_for online true 20 || fail "sync-status never showed online: $(term a --json sync-status)"
[ "$(field last_heard)" -gt 0 ] || fail "sync-status should say when the server was last heard"

kill -STOP "$SRV_PID"
t0=$(date +%s)
term a hk 301 dirty >/dev/null || fail "hk 301"
term a hk 302 dirty >/dev/null || fail "hk 302"
[ "$(field pending)" = 2 ] || fail "two operations wait: sync-status says pending $(field pending)"
wait_for online false 15 || fail "a hung server still shows online: $(term a --json sync-status)"
echo "offline shown $(($(date +%s) - t0)) s after the server hung"
[ "$(field pending)" = 2 ] || fail "pending should stay 2 while the server is hung, is $(field pending)"
heard=$(field last_heard)
[ "$heard" -gt 0 ] && [ "$heard" -le "$(date +%s)" ] || fail "last_heard should be when the server last answered: $heard"
term a sync-status > "$WORK/status.txt"
grep -q "Heard from:.*offline" "$WORK/status.txt" || fail "the text status should say when the server was heard: $(cat "$WORK/status.txt")"

kill -CONT "$SRV_PID"
wait_for online true 30 || fail "the terminal did not come back online: $(term a --json sync-status)"
wait_for pending 0 30 || fail "the two operations were not pushed after the server resumed"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT group_concat(clean) FROM rooms WHERE number IN ('301','302')")" = "dirty,dirty" ] ||
	fail "the server should have both rooms dirty"
ok "a hung server shows offline within seconds, pending counts are local and at once"
