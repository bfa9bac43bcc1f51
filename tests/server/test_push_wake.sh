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

# desks NAME COUNT BODY: four desks NAME-1..4 (DEVN 1..4 past $DEVN0) push
# COUNT times at once, each the body `BODY DEVN N` prints; each push's
# statuses (or its error) a line of $T/NAME-D.out
desks() {
	PIDS=
	for d in 1 2 3 4; do
		TOK=$(sign_in "$(enroll "$1-$d")" admin)
		(
			for n in $(seq 1 "$2"); do
				body POST /v1/ops "$($3 $((DEVN0 + d)) "$n")" "$TOK" | jq -r '[.results[].status] | join(" ") // .error // "?"'
			done > "$T/$1-$d.out"
		) &
		PIDS="$PIDS $!"
	done
	wait $PIDS # not the server's
}
toggle() { # DEVN N: one operation, the room's flag on and off
	flag=$([ $(($2 % 2)) -eq 1 ] && echo true || echo false)
	printf '{"ops":[%s]}' "$(DEVN=$1 op "$2" room.set_flags '{"room":"101","dnd":'$flag'}')"
}
# desks_done NAME COUNT ANSWER OPS: each desk of desks() got ANSWER for
# each of its COUNT pushes of OPS operations, each recorded once, and its
# sequence is at its last
desks_done() {
	for d in 1 2 3 4; do
		check "$1-$d: each push answered $3" "$2" "$(grep -c "^$3\$" "$T/$1-$d.out")"
	done
	_n=$(($2 * $4))
	check "$1: each operation recorded once" "$((4 * _n))" \
		"$(sqlite3 "$D/frontdeskd.db" "SELECT count(*) FROM srv_op_results r JOIN srv_devices d ON d.id = r.device WHERE d.name IN ('$1-1','$1-2','$1-3','$1-4')")"
	check "$1: each desk's sequence at its last push" "$_n $_n $_n $_n" \
		"$(sqlite3 "$D/frontdeskd.db" "SELECT group_concat(last_seq, ' ') FROM (SELECT last_seq FROM srv_devices WHERE name IN ('$1-1','$1-2','$1-3','$1-4') ORDER BY name)")"
}
N=25 DEVN0=0
desks desk $N toggle
desks_done desk $N applied 1
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
refused_first() { # DEVN N: a refused operation, then an applied one
	printf '{"ops":[%s,%s]}' "$(DEVN=$1 op $((2 * $2 - 1)) room.set_flags '{"room":"999","dnd":true}')" \
		"$(DEVN=$1 op $((2 * $2)) room.set_flags '{"room":"101","mur":true}')"
}
M=10 DEVN0=10
desks redo $M refused_first
desks_done redo $M "rejected applied" 2
check "each refusal audited once" "$((4 * M))" \
	"$(sqlite3 "$D/frontdeskd.db" "SELECT count(*) FROM audit_log a JOIN srv_devices d ON d.id = a.device WHERE d.name LIKE 'redo-_' AND a.outcome = 'refused'")"
"$FD" --data "$D" check >/dev/null && ok "the audit chain checks" || fail "check after the grouped refusals"
stop_server && ok "the server stops cleanly" || fail "the server's stop"
finish
