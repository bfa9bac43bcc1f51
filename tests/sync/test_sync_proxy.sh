#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Sync test 5 of issue 4: a fault-injecting proxy between the terminals and
# the server (tests/sync/faultproxy.py: drops connections, cuts answers half
# way, repeats requests, delays them). The terminals retry until done: every
# operation is applied exactly once and they converge.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || fail "python3 is needed for the fault proxy"
sync_setup
PPORT=$((PORT + 1))
python3 "$top_srcdir/tests/sync/faultproxy.py" $PPORT $PORT 4242 240 2>"$WORK/proxy.log" &
PROXY_PID=$!
i=0
until curl -fsS "http://127.0.0.1:$PPORT/v1/health" >/dev/null 2>&1; do
	# (30 s: python's start-up on a loaded machine; the proxy drops some
	# of these tries on purpose)
	kill -0 $PROXY_PID 2>/dev/null || fail "the proxy exited: $(cat "$WORK/proxy.log")"
	i=$((i + 1)); [ $i -lt 300 ] || fail "proxy did not start"; sleep 0.1
done
# Terminals talk only to the proxy (enrolment and sign-in retried: the
# proxy may drop those too).
for t in a b; do
	u=anna; [ $t = b ] && u=ben
	n=0
	until [ -f "$WORK/$t/frontdesk.db" ] && sqlite3 "$WORK/$t/frontdesk.db" "SELECT value FROM meta WHERE key = 'device_token'" 2>/dev/null | grep -q .; do
		n=$((n + 1)); [ $n -lt 20 ] || fail "enrolling $t through the proxy"
		code=$("$FDD" --data "$SRV" enroll-code 2>/dev/null | tail -n1 | awk '{print $NF}')
		term $t enroll "http://127.0.0.1:$PPORT" "$code" --name $t >/dev/null 2>&1 || true
	done
	n=0
	until sqlite3 "$WORK/$t/frontdesk.db" "SELECT value FROM meta WHERE key = 'session_token'" | grep -q .; do
		n=$((n + 1)); [ $n -lt 20 ] || fail "signing in at $t through the proxy"
		term $t login $u --password-file "$PW" >/dev/null 2>&1 || true
	done
done
# retry_sync NAME: sync until one round succeeds with nothing left pending.
retry_sync() {
	n=0
	until term "$1" sync --once --batch 20 --page 50 >/dev/null 2>&1 && [ "$(pending "$1")" = 0 ]; do
		n=$((n + 1)); [ $n -lt 60 ] || fail "$1 did not finish syncing through the proxy"
	done
	echo $n
}
r=$(retry_sync a); r=$(retry_sync b)
gen_ops a > "$WORK/a.jsonl"
gen_ops b > "$WORK/b.jsonl"
term a op --batch "$WORK/a.jsonl" >/dev/null || fail "A's operations"
term b op --batch "$WORK/b.jsonl" >/dev/null || fail "B's operations"
ra=$(retry_sync a); rb=$(retry_sync b); ra2=$(retry_sync a)
exactly_once a
exactly_once b
converged a b || fail "A and B differ: $(diff "$WORK/a.dump" "$WORK/b.dump" | head -5)"
kill $PROXY_PID; wait $PROXY_PID 2>/dev/null || true; PROXY_PID=
grep -q "cut=[1-9]" "$WORK/proxy.log" && grep -q "repeat=[1-9]" "$WORK/proxy.log" &&
	grep -q "drop=[1-9]" "$WORK/proxy.log" || fail "the proxy injected too few faults: $(cat "$WORK/proxy.log")"
ok "through the fault proxy ($(cat "$WORK/proxy.log" | sed 's/faultproxy: //'); retries $ra/$rb/$ra2): exactly once, converged"
