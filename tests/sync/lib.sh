# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the sync tests: a real frontdeskd on a loopback port and
# terminal data directories enrolled with it. Source it; call sync_setup.
set -eu
: "${top_builddir:=$(cd "$(dirname "$0")/../.." && pwd)}"
FD="$top_builddir/frontdesk"
FDD="$top_builddir/frontdeskd"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fd-sync.XXXXXX")
SRV="$WORK/server"
PW="$WORK/pw"
SRV_PID=
printf 'correct horse battery\n' > "$PW"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"

cleanup() {
	[ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null && wait "$SRV_PID" 2>/dev/null
	[ -n "${PROXY_PID:-}" ] && kill "$PROXY_PID" 2>/dev/null
	if [ "${KEEP:-}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT INT TERM

fail() { echo "FAIL: $*" >&2; [ -f "$WORK/server.log" ] && tail -20 "$WORK/server.log" >&2; exit 1; }
ok() { echo "ok - $*"; }

# A free port, asked of the kernel (a port derived from the pid collided
# with other tests' servers under load). The server keeps it across
# restarts: terminals are enrolled with its URL.
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

srv_start() {
	# shellcheck disable=SC2086 # SRV_OPTS: extra flags, split on spaces
	"$FDD" --data "$SRV" serve --listen "127.0.0.1:$PORT" ${SRV_OPTS:-} >>"$WORK/server.log" 2>&1 &
	SRV_PID=$!
	answers "$PORT" || fail "server did not start"
}

# answers PORT: true once GET /v1/health on PORT answers (10 s at most).
answers() {
	i=0
	until curl -fsS "http://127.0.0.1:$1/v1/health" >/dev/null 2>&1; do
		i=$((i + 1)); [ $i -lt 100 ] || return 1
		sleep 0.1
	done
}

# proxy_start SCRIPT ARGS...: python3 SCRIPT PPORT PORT ARGS... (one of the
# proxies here) on a free port PPORT, between the terminals and the
# server, and waits until it answers; PROXY_PID is stopped at the end.
proxy_start() {
	script=$1; shift
	PPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	python3 "$script" "$PPORT" "$PORT" "$@" 2>>"$WORK/proxy.log" &
	PROXY_PID=$!
	answers "$PPORT" || fail "the proxy did not start"
}

srv_stop() {
	[ -n "$SRV_PID" ] || return 0
	kill "$SRV_PID"; wait "$SRV_PID" 2>/dev/null || true
	SRV_PID=
}

# term NAME ARGS...: run frontdesk on terminal NAME's data directory.
term() { t=$1; shift; "$FD" --data "$WORK/$t" "$@"; }

# term_new NAME USER [URL]: enroll and sign in.
term_new() {
	code=$("$FDD" --data "$SRV" enroll-code | tail -n1 | awk '{print $NF}')
	term "$1" enroll "${3:-http://127.0.0.1:$PORT}" "$code" --name "$1" >/dev/null || fail "enroll $1"
	term "$1" login "$2" --password-file "$PW" >/dev/null || fail "login $1"
}

# A small hotel: the server's admin, a staff member, and rooms made through
# operations pushed by an admin terminal (the server has no demo yet).
sync_setup() {
	"$FDD" --data "$SRV" init --property "Sync Hotel" --currency EUR --timezone Europe/Lisbon \
		--date 2026-11-25 >/dev/null || fail "server init"
	"$FDD" --data "$SRV" user add boss --role admin --password-file "$PW" >/dev/null || fail "user add"
	"$FDD" --data "$SRV" user add anna --role staff --password-file "$PW" >/dev/null || fail "user add"
	"$FDD" --data "$SRV" user add ben --role staff --password-file "$PW" >/dev/null || fail "user add"
	srv_start
	term_new admin boss
	term admin sync --once >/dev/null || fail "admin first sync"
	{
		echo '{"type":"room_type.create","payload":{"id":"00000000-0000-4000-8000-000000000001","code":"DBL","name":"Double","max_occupancy":2,"base_rate":9000}}'
		echo '{"type":"room_type.create","payload":{"id":"00000000-0000-4000-8000-000000000002","code":"TWN","name":"Twin","max_occupancy":2,"base_rate":8000}}'
		for n in 201 202 203 204 205 206 207 208; do
			printf '{"type":"room.create","payload":{"id":"00000000-0000-4000-8001-000000000%s","number":"%s","type":"DBL","floor":2}}\n' "$n" "$n"
		done
		for n in 301 302 303 304; do
			printf '{"type":"room.create","payload":{"id":"00000000-0000-4000-8001-000000000%s","number":"%s","type":"TWN","floor":3}}\n' "$n" "$n"
		done
	} > "$WORK/rooms.jsonl"
	term admin op --batch "$WORK/rooms.jsonl" >/dev/null || fail "creating rooms"
	term admin sync --once >/dev/null || fail "pushing rooms"
}

# pending NAME: operations the server has not settled yet.
pending() { term "$1" --json sync-status | sed -n 's/.*"pending":[[:space:]]*\([0-9]*\).*/\1/p'; }

# stage_pages NAME N [PREFIX]: terminal NAME is put in the middle of a
# snapshot by hand, as its sync thread leaves it after reading the pages
# $WORK/PREFIX1.json .. PREFIXN.json (PREFIX p unless given): their rows
# staged, the last page's token, cut and epoch kept.
stage_pages() {
	python3 - "$WORK/$1/frontdesk.db" "$2" "$WORK/${3:-p}" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for n in range(1, int(sys.argv[2]) + 1):
    p = json.load(open("%s%d.json" % (sys.argv[3], n)))
    for ent, rows in p["entities"].items():
        for r in rows:
            db.execute("INSERT INTO sync_snapshot_rows (entity, state) VALUES (?, ?)", (ent, json.dumps(r)))
for k, v in (("snapshot_active", "1"), ("snapshot_next", p["next"]), ("snapshot_seq", str(p["seq"])),
             ("snapshot_epoch", p["epoch"])):
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (k, v))
db.commit()
PY
}

# Dump with the volatile parts of a terminal-local view removed.
dump() { term "$1" dump; }

converged() {
	dump "$1" > "$WORK/$1.dump"; dump "$2" > "$WORK/$2.dump"
	cmp -s "$WORK/$1.dump" "$WORK/$2.dump"
}

# gen_ops PREFIX: 200 operations a desk makes in a day (bookings, check-ins,
# housekeeping), one JSON line each. PREFIX (one hex digit) keeps ids unique
# per terminal.
gen_ops() {
	p=$1
	P=$(echo "$p" | tr a-f A-F)
	i=1
	while [ $i -le 8 ]; do
		printf '{"type":"guest.create","payload":{"id":"%s0000000-0000-4000-8000-%012d","family":"Guest%d","given":"Early"}}\n' "$p" $i $i
		printf '{"type":"booking.create","payload":{"id":"%s0000000-0000-4000-9000-%012d","code":"%sT%04d","guest_id":"%s0000000-0000-4000-8000-%012d","type":"DBL","arrival":"2026-11-25","departure":"2026-11-27"}}\n' "$p" $i "$P" $i "$p" $i
		i=$((i + 1))
	done
	i=1
	while [ $i -le 8 ]; do
		printf '{"type":"booking.check_in","payload":{"booking":"%s0000000-0000-4000-9000-%012d","room":"20%d"}}\n' "$p" $i $i
		i=$((i + 1))
	done
	i=1
	while [ $i -le 60 ]; do
		d=$(date -u -d "2026-11-26 + $i days" +%F)
		e=$(date -u -d "2026-11-26 + $((i + 1)) days" +%F)
		j=$((100 + i))
		printf '{"type":"guest.create","payload":{"id":"%s0000000-0000-4000-8000-%012d","family":"Guest%d","given":"Later"}}\n' "$p" $j $j
		printf '{"type":"booking.create","payload":{"id":"%s0000000-0000-4000-9000-%012d","code":"%sT%04d","guest_id":"%s0000000-0000-4000-8000-%012d","type":"TWN","arrival":"%s","departure":"%s"}}\n' "$p" $j "$P" $j "$p" $j "$d" "$e"
		i=$((i + 1))
	done
	i=0
	for s in dirty clean inspected pickup dirty clean inspected; do
		for r in 301 302 303 304 301 302 303 304; do
			printf '{"type":"room.set_clean","payload":{"room":"%s","status":"%s"}}\n' $r $s
		done
	done
}

# exactly_once NAME: every operation terminal NAME queued was recorded once
# by the server, with a result, and applied at most once (audit log).
exactly_once() {
	sqlite3 "$WORK/$1/frontdesk.db" "SELECT op_id FROM outbox ORDER BY op_id" > "$WORK/$1.ops"
	n=$(wc -l < "$WORK/$1.ops")
	[ "$n" -eq "$(sort -u "$WORK/$1.ops" | wc -l)" ] || fail "$1: duplicate operations in the outbox"
	[ "$(sqlite3 "$WORK/$1/frontdesk.db" "SELECT count(*) FROM outbox WHERE state = 'pending'")" = 0 ] ||
		fail "$1: operations still pending"
	dev=$(sqlite3 "$WORK/$1/frontdesk.db" "SELECT value FROM meta WHERE key = 'device_id'")
	sqlite3 "$SRV/frontdeskd.db" "SELECT op_id FROM srv_op_results WHERE device = '$dev' ORDER BY op_id" > "$WORK/$1.srv"
	cmp -s "$WORK/$1.ops" "$WORK/$1.srv" || fail "$1: the server's results differ from the outbox ($(wc -l < "$WORK/$1.srv") vs $n)"
	d=$(sqlite3 "$SRV/frontdeskd.db" "SELECT count(*) FROM (SELECT op_id FROM audit_log WHERE outcome = 'applied' GROUP BY op_id HAVING count(*) > 1)")
	[ "$d" = 0 ] || fail "server: $d operations applied more than once"
}
