#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Real terminals (frontdesk, each with its SQLite cache, unchanged) on two
# frontdeskd that share one PostgreSQL database: terminal 1 enrolled
# through server A sets up rooms and books a guest into room 201; terminal 2,
# enrolled through server B, gets it from the feed and checks the guest in;
# terminal 1 sees the check-in. Both end at the same cursor, nothing pending.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
FDD=${top_builddir:?}/frontdeskd
FD=$top_builddir/frontdesk
W=$PG_DIR/work
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
check() { if [ "$2" = "$3" ]; then echo "ok: $1"; else fail "$1: expected '$2', got '$3'"; fi; }
A_PID=
B_PID=
stop_servers() {
	for p in $A_PID $B_PID; do kill -TERM "$p" 2>/dev/null && wait "$p"; done
	A_PID=
	B_PID=
}
trap 'stop_servers; pg_cleanup' EXIT
pg_start
mkdir -p "$W/srv"
printf 'correct horse battery\n' > "$W/pw"
"$FDD" --database "$PG_URI" init --property Chain --currency EUR --timezone Europe/Lisbon --date 2026-11-25 >/dev/null &&
	"$FDD" --database "$PG_URI" user add boss --role admin --password-file "$W/pw" >/dev/null &&
	"$FDD" --database "$PG_URI" user add anna --role staff --password-file "$W/pw" >/dev/null || fail "setting up"

# serve NAME: a server on a free port; its URL in the file NAME.url
serve() {
	"$FDD" --data "$W/srv" serve --listen 127.0.0.1:0 --database "$PG_URI" 2>"$W/$1.log" &
	eval "${1}_PID=\$!"
	for _ in $(seq 1 100); do
		port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$W/$1.log")
		if [ -n "$port" ]; then echo "http://127.0.0.1:$port" > "$W/$1.url"; return 0; fi
		sleep 0.05
	done
	fail "server $1 did not start"; cat "$W/$1.log" >&2; exit 1
}
serve A
serve B
term() { t=$1; shift; "$FD" --data "$W/$t" "$@"; }
enroll() { # TERMINAL SERVER USER
	ecode=$("$FDD" --database "$PG_URI" enroll-code 2>/dev/null)
	term "$1" enroll "$(cat "$W/$2.url")" "$ecode" --name "$1" >/dev/null || fail "enrolling $1"
	term "$1" login "$3" --password-file "$W/pw" >/dev/null || fail "signing in on $1"
}

enroll t1 A boss
term t1 sync --once >/dev/null || fail "t1's first sync"
printf '%s\n' \
	'{"type":"room_type.create","payload":{"id":"00000000-0000-4000-8000-000000000001","code":"DBL","name":"Double","max_occupancy":2,"base_rate":9000}}' \
	'{"type":"room.create","payload":{"id":"00000000-0000-4000-8001-000000000201","number":"201","type":"DBL","floor":2}}' \
	'{"type":"room.create","payload":{"id":"00000000-0000-4000-8001-000000000202","number":"202","type":"DBL","floor":2}}' > "$W/rooms.jsonl"
term t1 op --batch "$W/rooms.jsonl" >/dev/null || fail "making rooms"
code=$(term t1 book --guest "Lopes, Ana" --type DBL --arrive 2026-11-25 --depart 2026-11-27)
term t1 assign "$code" 201 >/dev/null || fail "assigning $code"
term t1 sync --once >/dev/null || fail "t1 pushing"
check "t1 has nothing pending" 0 "$(term t1 --json sync-status | jq -r .pending)"

enroll t2 B anna
term t2 sync --once >/dev/null || fail "t2's first sync"
check "t2 (through B) has t1's booking in room 201" "$code reserved 201" \
	"$(term t2 --json find Lopes | jq -r '.bookings[0] | .code + " " + .status + " " + .room')"
term t2 checkin "$code" >/dev/null || fail "t2 checking $code in"
term t2 sync --once >/dev/null || fail "t2 pushing"
term t1 sync --once >/dev/null || fail "t1 pulling"
check "t1 (through A) sees the check-in made through B" "$code checked_in 201" \
	"$(term t1 --json find Lopes | jq -r '.bookings[0] | .code + " " + .status + " " + .room')"
check "both terminals at the same cursor" "$(term t1 --json sync-status | jq -r .cursor)" \
	"$(term t2 --json sync-status | jq -r .cursor)"
stop_servers
if grep -q Sanitizer "$W/A.log" "$W/B.log"; then fail "sanitizer reports"; grep -A20 Sanitizer "$W/A.log" "$W/B.log" | head -40 >&2; fi
[ "$failures" = 0 ] || { tail -n 20 "$W/A.log" "$W/B.log" >&2; exit 1; }
