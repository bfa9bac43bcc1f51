#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Sync test 2 of issue 4: the server is stopped; terminal A makes 200
# operations (bookings, check-ins, housekeeping); the server comes back: all
# are applied exactly once and A and B converge.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term_new b ben
term a sync --once >/dev/null && term b sync --once >/dev/null || fail "first sync"
srv_stop
gen_ops a > "$WORK/ops.jsonl"
[ "$(wc -l < "$WORK/ops.jsonl")" = 200 ] || fail "the generator should make 200 operations"
term a op --batch "$WORK/ops.jsonl" >/dev/null || fail "A could not apply its operations offline"
[ "$(pending a)" = 200 ] || fail "A should hold 200 pending operations, not $(pending a)"
term a inhouse | grep -q "AT0001" || fail "A's own check-ins should show at once, offline"
srv_start
term a sync --once >/dev/null || fail "A sync"
term b sync --once >/dev/null || fail "B sync"
exactly_once a
n=$(sqlite3 "$SRV/frontdeskd.db" "SELECT count(*) FROM srv_op_results r JOIN srv_devices d ON d.id = r.device WHERE d.name = 'a' AND r.status = 'applied'")
[ "$n" = 200 ] || fail "server applied $n of A's 200 operations"
# Pushing again changes nothing (every result is recorded).
sqlite3 "$WORK/a/frontdesk.db" "UPDATE outbox SET state = 'pending'"
term a sync --once >/dev/null || fail "A re-push"
exactly_once a
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT count(*) FROM srv_op_results")" -ge 200 ] || fail "results lost"
converged a b || fail "A and B differ: $(diff "$WORK/a.dump" "$WORK/b.dump" | head -5)"
[ "$(sqlite3 "$WORK/b/frontdesk.db" "SELECT count(*) FROM bookings WHERE status = 'checked_in'")" = 8 ] ||
	fail "B should see 8 guests in house"
ok "200 offline operations applied exactly once; A and B converge"
