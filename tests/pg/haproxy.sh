#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The chain's set-up of doc/scale-out.md on one machine: Debian's HAProxy in
# front of three frontdeskd that share one PostgreSQL database, health-
# checked on GET /v1/health, its configuration written here into the test's
# directory on free loopback ports (no root, no system service). Real
# terminals (frontdesk, each with its SQLite cache) are enrolled with
# HAProxy's address only. Both push a stream of bookings while one
# frontdeskd is killed with kill -9 in the middle of it: no acknowledged
# operation is lost, none is applied twice, the terminals carry on through
# the other two, a long-poll through HAProxy ends with the server's answer
# (timeout server is longer than max-wait) and a change made on one
# terminal reaches the other while it waits in it.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
command -v haproxy >/dev/null || { echo "FAIL: haproxy is needed (packaging/build-deps.txt)" >&2; exit 1; }
FDD=${top_builddir:?}/frontdeskd
FD=$top_builddir/frontdesk
W=$PG_WORK
H_PID=
F_PID=
stop_all() {
	for p in $F_PID $H_PID; do kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	H_PID= F_PID=
	pg_stop_servers
}
trap 'stop_all; pg_cleanup' EXIT
pg_start
pg_hotel "Balanced Hotel" 2026-05-01 boss:admin anna:staff # tests/pg/lib.sh: $W/pw

# A long-poll waits at most MAXWAIT s on a server; HAProxy's timeout server
# must be longer, or it cuts every quiet long-poll with a 504.
MAXWAIT=4

# A, B and C (tests/pg/lib.sh's pg_serve) trust HAProxy's X-Forwarded-For
# so that the servers log the terminals' addresses
for s in A B C; do pg_serve $s --max-wait $MAXWAIT --trusted-proxy 127.0.0.1; done

HPORT=$(pg_free_port)
SPORT=$(pg_free_port)
# What doc/scale-out.md gives a chain's IT, on loopback and without TLS.
cat > "$W/haproxy.cfg" <<EOF
global
	maxconn 256
defaults
	mode http
	option forwardfor
	timeout connect 2s
	timeout client 60s
	# longer than frontdeskd's max-wait ($MAXWAIT s): long-polls
	timeout server $((MAXWAIT + 6))s
	# a connection refused by a dead server is tried again on another
	retries 3
	option redispatch 1
frontend desks
	bind 127.0.0.1:$HPORT
	default_backend frontdeskd
backend frontdeskd
	balance roundrobin
	option httpchk GET /v1/health
	http-check expect status 200
	default-server check inter 200ms fall 2 rise 1
	server fd1 127.0.0.1:${A_URL##*:}
	server fd2 127.0.0.1:${B_URL##*:}
	server fd3 127.0.0.1:${C_URL##*:}
listen stats
	bind 127.0.0.1:$SPORT
	stats enable
	stats uri /stats
EOF
haproxy -c -q -f "$W/haproxy.cfg" || { fail "haproxy refuses the configuration"; exit 1; }
haproxy -f "$W/haproxy.cfg" -db 2>"$W/haproxy.log" &
H_PID=$!
H=http://127.0.0.1:$HPORT
# state NAME: fd1's status (UP, DOWN, ...) in HAProxy's statistics
state() { curl -s "http://127.0.0.1:$SPORT/stats;csv" | awk -F, -v s="$1" '$1 == "frontdeskd" && $2 == s { print $18 }'; }
ups() { echo "$(state fd1) $(state fd2) $(state fd3)"; }
for _ in $(seq 1 100); do
	[ "$(ups)" = "UP UP UP" ] && break
	sleep 0.1
done
check "HAProxy finds the three servers healthy on GET /v1/health" "UP UP UP" "$(ups)"

term() { t=$1; shift; "$FD" --data "$W/$t" "$@"; }
enroll() { # TERMINAL USER: through HAProxy, which is all a terminal knows
	ecode=$("$FDD" --database "$PG_URI" enroll-code 2>/dev/null)
	term "$1" enroll "$H" "$ecode" --name "$1" >/dev/null || fail "enrolling $1"
	term "$1" login "$2" --password-file "$W/pw" >/dev/null || fail "signing in on $1"
}
enroll t1 boss
enroll t2 anna
check "t1 knows only the balancer's address" "$H" "$(term t1 --json sync-status | jq -r .server_url)"
term t1 sync --once >/dev/null || fail "t1's first sync"
pg_rooms t1 101 # tests/pg/lib.sh
term t1 sync --once >/dev/null || fail "t1 pushing the rooms"
term t2 sync --once >/dev/null || fail "t2's first sync"

# push TERMINAL N FROM: a stream of N bookings, each made at the terminal and
# pushed at once; a push the balancer could not deliver stays in the
# outbox and goes with the next sync. A booking's code is written to
# TERMINAL.codes once its push is acknowledged (nothing pending). Each
# booking is one night from FROM + i (the two streams never clash).
push() {
	: > "$W/$1.codes"
	for i in $(seq 1 "$2"); do
		day=$(date -u -d "$3 +$i days" +%F)
		next=$(date -u -d "$3 +$((i + 1)) days" +%F)
		c=$(term "$1" book --guest "Stream$1, No$i" --type DBL --arrive "$day" --depart "$next") ||
			{ echo "$1: booking $i was refused" >> "$W/errors"; return 1; }
		tries=0
		until term "$1" sync --once >/dev/null 2>>"$W/$1.sync.err" &&
			[ "$(term "$1" --json sync-status | jq -r .pending)" = 0 ]; do
			tries=$((tries + 1))
			[ $tries -lt 40 ] || { echo "$1: booking $i never acknowledged" >> "$W/errors"; return 1; }
			sleep 0.2
		done
		echo "$c" >> "$W/$1.codes"
	done
}
N=30
: > "$W/errors"
push t1 $N 2026-06-01 &
P1=$!
push t2 $N 2026-08-01 &
P2=$!
# Each booking is two operations (its guest, then the booking): 2 + 4N in
# all. Server B dies once a third of them are recorded.
OPS=$((2 + 4 * N))
for _ in $(seq 1 600); do
	[ "$(pg_psql -c 'SELECT count(*) FROM srv_op_results')" -ge $((OPS / 3)) ] && break
	sleep 0.05
done
kill -9 "$B_PID"
killed_at=$(pg_psql -c "SELECT count(*) FROM srv_op_results WHERE status = 'applied'")
wait "$B_PID" 2>/dev/null
B_PID=
wait $P1 || fail "t1's stream: $(cat "$W/errors")"
wait $P2 || fail "t2's stream: $(cat "$W/errors")"
if [ "$killed_at" -lt $OPS ]; then
	echo "ok: server fd2 was killed with kill -9 after $killed_at of $OPS operations; the stream went on"
else
	fail "the kill came after the stream ($killed_at operations)"
fi
for _ in $(seq 1 100); do
	[ "$(state fd2)" = DOWN ] && break
	sleep 0.1
done
check "HAProxy takes the dead server out, keeps the others" "UP DOWN UP" "$(ups)"

# No acknowledged operation lost, none applied twice.
check "t1: every booking acknowledged" $N "$(grep -c . "$W/t1.codes")"
check "t2: every booking acknowledged" $N "$(grep -c . "$W/t2.codes")"
sort "$W/t1.codes" "$W/t2.codes" > "$W/acked"
pg_psql -c 'SELECT code FROM bookings ORDER BY code' | sort > "$W/held"
check "the database holds exactly the acknowledged bookings, each once" "" "$(diff "$W/acked" "$W/held")"
check "each operation applied once (recorded results = operations made)" "$OPS|$OPS" \
	"$(pg_psql -c "SELECT count(*), count(DISTINCT op_id) FROM srv_op_results WHERE status = 'applied'")"
check "nothing refused" 0 "$(pg_psql -c "SELECT count(*) FROM srv_op_results WHERE status <> 'applied'")"
check "each device's sequence is where its stream ended" "$((2 + 2 * N))|t1|$((2 * N))|t2" \
	"$(pg_psql -c "SELECT last_seq, name FROM srv_devices ORDER BY name" | tr '\n' '|' | sed 's/|$//')"
echo "   (syncs that failed and were retried: t1 $(grep -c . "$W/t1.sync.err"), t2 $(grep -c . "$W/t2.sync.err"))"
# every server took part (round robin), the dead one until its death
for s in A B C; do
	n=$(grep -c 'POST /v1/ops 200' "$W/$s.log")
	[ "$n" -gt 0 ] || fail "server $s answered no push through the balancer"
done
grep -q '^<6>frontdeskd: 127.0.0.1 POST /v1/ops 200' "$W/A.log" &&
	echo "ok: the servers log the terminal's address from HAProxy's X-Forwarded-For" ||
	fail "request log: $(grep 'POST /v1/ops' "$W/A.log" | tail -1)"

# Both terminals converge through the two servers left.
term t1 sync --once >/dev/null || fail "t1 syncing"
term t2 sync --once >/dev/null || fail "t2 syncing"
check "t1 and t2 hold the same hotel" "" "$(term t1 dump > "$W/t1.dump" && term t2 dump > "$W/t2.dump" &&
	diff "$W/t1.dump" "$W/t2.dump")"
check "t2 has t1's bookings and its own" $((2 * N)) \
	"$(term t2 --json bookings --from 2026-06-01 --to 2026-10-01 | jq '.bookings | length')"

# A quiet long-poll through HAProxy ends with the server's own answer
# (200, no changes) after max-wait, not with the balancer's 504.
tok=$(sqlite3 "$W/t2/frontdesk.db" "SELECT value FROM meta WHERE key = 'session_token'")
cur=$(term t2 --json sync-status | jq -r .cursor)
out=$(curl -s -m 30 -w ' %{http_code}' -H "Authorization: Bearer $tok" "$H/v1/changes?since=$cur&wait=$MAXWAIT")
check "a quiet long-poll through HAProxy: the server's answer" "0 200" \
	"$(echo "${out% *}" | jq '.changes | length') ${out##* }"

# A change made on t1 reaches t2 while t2 waits in a long-poll through
# HAProxy (woken by PostgreSQL's NOTIFY on whichever server holds it).
"$FD" --data "$W/t2" sync --follow --wait $MAXWAIT > "$W/follow.log" 2>&1 &
F_PID=$!
sleep 1
first=$(head -n1 "$W/t1.codes")
term t1 cancel "$first" >/dev/null || fail "t1 cancelling $first"
term t1 sync --once >/dev/null || fail "t1 pushing the cancellation"
seen=
for _ in $(seq 1 100); do
	seen=$(term t2 --json show "$first" 2>/dev/null | jq -r '.status // .booking.status')
	[ "$seen" = cancelled ] && break
	sleep 0.1
done
check "t1's cancellation reaches t2 (following through HAProxy)" cancelled "$seen"
stop_all
pg_finish "$W/A.log" "$W/C.log" "$W/haproxy.log"
