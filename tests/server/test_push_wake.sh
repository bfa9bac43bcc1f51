#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Group commit: a push that waits for another's commit sleeps on its own
# condition and is woken once, when its group has committed or to lead the
# next group (push.c push_grouped). One broadcast woke every waiter, those
# queued for the next group too, for all but one to sleep again.
# frontdeskd_push_wakes_total counts the wakes: never more than one per
# push. Concurrent pushes from four desks are all applied, each once, in
# each desk's order.
. "${top_srcdir:?}/tests/server/lib.sh"
init_hotel || { echo "FAIL: init" >&2; exit 1; }
start_server
ADM=$(sign_in "$(enroll desk-0)" admin)
metric() { body GET /v1/metrics '' "$ADM" | sed -n "s/^$1 //p"; }

R=$(body POST /v1/ops "{\"ops\":[$(DEVN=9 op 1 room_type.create '{"id":"'$(uuid 1 1)'","code":"DBL","name":"Double","max_occupancy":2,"base_rate":12000}'),$(DEVN=9 op 2 room.create '{"id":"'$(uuid 2 1)'","number":"101","type":"DBL","floor":1}')]}" "$ADM")
check "a room" "applied applied" "$(echo "$R" | jq -r '[.results[].status]|join(" ")')"
w0=$(metric frontdeskd_push_wakes_total)
p0=$(metric frontdeskd_pushes_total)
[ -n "$w0" ] && ok "the metric is there ($w0)" || fail "no frontdeskd_push_wakes_total"

N=25
PIDS=
for d in 1 2 3 4; do
	TOK=$(sign_in "$(enroll "desk-$d")" admin)
	(
		for n in $(seq 1 $N); do
			flag=$([ $((n % 2)) -eq 1 ] && echo true || echo false)
			DEVN=$d body POST /v1/ops "{\"ops\":[$(DEVN=$d op "$n" room.set_flags '{"room":"101","dnd":'$flag'}')]}" "$TOK" |
				jq -r '.results[0].status // .error // "?"'
		done > "$T/desk-$d.out"
	) &
	PIDS="$PIDS $!"
done
wait $PIDS # not the server's
for d in 1 2 3 4; do
	check "desk $d: every push applied" "$N" "$(grep -c '^applied$' "$T/desk-$d.out")"
done
check "each operation recorded once" "$((4 * N))" \
	"$(sqlite3 "$D/frontdeskd.db" "SELECT count(*) FROM srv_op_results r JOIN srv_devices d ON d.id = r.device WHERE d.name LIKE 'desk-_' AND d.name <> 'desk-0'")"
check "each desk's sequence at its last push" "$N $N $N $N" \
	"$(sqlite3 "$D/frontdeskd.db" "SELECT group_concat(last_seq, ' ') FROM (SELECT last_seq FROM srv_devices WHERE name IN ('desk-1','desk-2','desk-3','desk-4') ORDER BY name)")"
p1=$(metric frontdeskd_pushes_total)
w1=$(metric frontdeskd_push_wakes_total)
check "the pushes counted" "$((p0 + 4 * N))" "$p1"
[ "$((w1 - w0))" -le "$((p1 - p0))" ] && ok "at most one wake per push ($((w1 - w0)) for $((p1 - p0)))" ||
	fail "$((w1 - w0)) wakes for $((p1 - p0)) pushes"

# Refusals inside grouped pushes: each push has a refused operation before
# an applied one, so a group's first push (run without a savepoint) rolls
# the whole transaction back and begins it again, with other desks' pushes
# queued behind it; every push still gets its own answers, each operation
# recorded once, each refusal audited once.
M=10
PIDS=
for d in 1 2 3 4; do
	TOK=$(sign_in "$(enroll "redo-$d")" admin)
	(
		for n in $(seq 1 $M); do
			DEVN=$((d + 10)) body POST /v1/ops "{\"ops\":[$(DEVN=$((d + 10)) op $((2 * n - 1)) room.set_flags '{"room":"999","dnd":true}'),$(DEVN=$((d + 10)) op $((2 * n)) room.set_flags '{"room":"101","mur":true}')]}" "$TOK" |
				jq -r '[.results[].status] | join(" ") // .error'
		done > "$T/redo-$d.out"
	) &
	PIDS="$PIDS $!"
done
wait $PIDS # not the server's
for d in 1 2 3 4; do
	check "desk redo-$d: each push refused then applied" "$M" "$(grep -c '^rejected applied$' "$T/redo-$d.out")"
done
check "each of their operations recorded once" "$((8 * M))" \
	"$(sqlite3 "$D/frontdeskd.db" "SELECT count(*) FROM srv_op_results r JOIN srv_devices d ON d.id = r.device WHERE d.name LIKE 'redo-_'")"
check "each refusal audited once" "$((4 * M))" \
	"$(sqlite3 "$D/frontdeskd.db" "SELECT count(*) FROM audit_log a JOIN srv_devices d ON d.id = a.device WHERE d.name LIKE 'redo-_' AND a.outcome = 'refused'")"
check "each desk's sequence at its last push" "$((2 * M)) $((2 * M)) $((2 * M)) $((2 * M))" \
	"$(sqlite3 "$D/frontdeskd.db" "SELECT group_concat(last_seq, ' ') FROM (SELECT last_seq FROM srv_devices WHERE name LIKE 'redo-_' ORDER BY name)")"
"$FD" --data "$D" check >/dev/null && ok "the audit chain checks" || fail "check after the grouped refusals"
stop_server && ok "the server stops cleanly" || fail "the server's stop"
finish
