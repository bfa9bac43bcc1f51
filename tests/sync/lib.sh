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

# A free-ish port from our pid (the suite runs tests in sequence per file).
PORT=$(( 20000 + ($$ * 7) % 20000 ))

srv_start() {
	"$FDD" --data "$SRV" serve --listen "127.0.0.1:$PORT" >>"$WORK/server.log" 2>&1 &
	SRV_PID=$!
	i=0
	until curl -fsS "http://127.0.0.1:$PORT/v1/health" >/dev/null 2>&1; do
		i=$((i + 1)); [ $i -lt 100 ] || fail "server did not start"
		sleep 0.1
	done
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

# Dump with the volatile parts of a terminal-local view removed.
dump() { term "$1" dump; }

converged() {
	dump "$1" > "$WORK/$1.dump"; dump "$2" > "$WORK/$2.dump"
	cmp -s "$WORK/$1.dump" "$WORK/$2.dump"
}
