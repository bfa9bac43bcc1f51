# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the frontdeskd shell tests: a real server on a free loopback
# port, in a temporary data directory, driven over real HTTP with curl.
# Needs curl and jq.

set -u
FD=${top_builddir:?}/frontdeskd
T=$(mktemp -d "${TMPDIR:-/tmp}/fdsrv.XXXXXX")
D=$T/data
LOG=$T/server.log
PID=
URL=

cleanup() {
	[ -n "$PID" ] && kill -9 "$PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

. "${top_srcdir:?}/tests/checks.sh" # failures, fail, ok, check
finish() {
	# the sanitizer build reports leaks and memory errors in the server's log
	if grep -q 'Sanitizer' "$LOG"; then
		fail "the server log has sanitizer reports"
		grep -A20 'Sanitizer' "$LOG" | head -60 >&2
	fi
	if [ "$failures" -ne 0 ]; then
		echo "--- server log (tail)"; tail -30 "$LOG" >&2
		exit 1
	fi
	exit 0
}

for tool in curl jq; do
	command -v $tool >/dev/null || { echo "FAIL: $tool is needed for the server tests" >&2; exit 1; }
done

# fixture: an empty hotel with an admin (password in $T/pw)
init_hotel() {
	printf 'correct horse battery\n' > "$T/pw"
	"$FD" --data "$D" init --property "Test Hotel" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null &&
	"$FD" --data "$D" user add admin --role admin --password-file "$T/pw" >/dev/null
}

# add_user NAME ROLE
add_user() { "$FD" --data "$D" user add "$1" --role "$2" --password-file "$T/pw" >/dev/null; }

start_server() {
	echo "--- start" >> "$LOG"
	"$FD" --data "$D" serve --listen 127.0.0.1:0 "$@" 2>>"$LOG" &
	PID=$!
	for _ in $(seq 1 100); do
		port=$(sed -n '/^--- start/h; /^--- start/!H; ${x;p}' "$LOG" | sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' | tail -1)
		if [ -n "$port" ]; then URL=http://127.0.0.1:$port; return 0; fi
		sleep 0.05
	done
	echo "FAIL: server did not start" >&2; cat "$LOG" >&2; exit 1
}

stop_server() {
	kill -TERM "$PID"; wait "$PID"; rc=$?; PID=
	return $rc
}

# req METHOD PATH [BODY] [TOKEN] -> prints "STATUS BODY"
req() {
	_m=$1 _p=$2 _b=${3:-} _t=${4:-}
	_f=$(mktemp "$T/body.XXXXXX")
	set -- -s -o "$_f" -w '%{http_code}' -X "$_m"
	[ -n "$_t" ] && set -- "$@" -H "Authorization: Bearer $_t"
	[ -n "$_b" ] && set -- "$@" -H 'Content-Type: application/json' --data-binary "$_b"
	code=$(curl "$@" "$URL$_p")
	printf '%s %s\n' "$code" "$(cat "$_f")"
	rm -f "$_f"
}
status() { req "$@" | head -1 | cut -d' ' -f1; }
body() { req "$@" | sed '1s/^[0-9]* //'; }

# enroll NAME -> device token
enroll() {
	code=$("$FD" --data "$D" enroll-code 2>/dev/null)
	body POST /v1/devices "{\"code\":\"$code\",\"name\":\"$1\"}" | jq -r .token
}

# sign_in DEVICE_TOKEN USER -> session token
sign_in() {
	body POST /v1/sessions "{\"username\":\"$2\",\"password\":\"correct horse battery\"}" "$1" | jq -r .token
}

# uuid N [PREFIX]: a deterministic UUID
uuid() { printf '%08x-0000-4000-8000-%012x' "${2:-0}" "$1"; }

# op SEQ TYPE PAYLOAD [OPID]
op() { printf '{"op_id":"%s","device_seq":%s,"type":"%s","payload":%s}' "${4:-$(uuid "$1" "${DEVN:-4095}")}" "$1" "$2" "$3"; }

# abc123_batch: the push body of the small hotel test_server and
# test_push_batch start from, device DEVN's operations 1 to 6: room type
# DBL, rooms 101 and 102, the guest Ana Silva and her booking ABC123
# (2026-03-10 to 12, 2 adults) in room 101.
abc123_batch() {
	printf '{"ops":[%s,%s,%s,%s,%s,%s]}' \
		"$(op 1 room_type.create '{"id":"'$(uuid 1 1)'","code":"DBL","name":"Double","max_occupancy":2,"base_rate":12000}')" \
		"$(op 2 room.create '{"id":"'$(uuid 2 1)'","number":"101","type":"DBL","floor":1}')" \
		"$(op 3 room.create '{"id":"'$(uuid 3 1)'","number":"102","type":"DBL","floor":1}')" \
		"$(op 4 guest.create '{"id":"'$(uuid 4 1)'","family":"Silva","given":"Ana"}')" \
		"$(op 5 booking.create '{"id":"'$(uuid 5 1)'","code":"ABC123","guest_id":"'$(uuid 4 1)'","type":"DBL","arrival":"2026-03-10","departure":"2026-03-12","adults":2}')" \
		"$(op 6 booking.assign_room '{"booking":"ABC123","room":"101"}')"
}

# wrong_codes N: N enrolments with a code that was never given, from this
# address; prints their statuses, then the last answer's Retry-After and
# error code. Enrolment is throttled by address: no device token comes
# with it.
wrong_codes() {
	for _ in $(seq 1 "$1"); do
		_r=$(curl -s -D "$T/enrol.h" -o "$T/enrol.b" -w '%{http_code}' -X POST \
			-H 'Content-Type: application/json' --data '{"code":"nevergivennevergiven","name":"x"}' "$URL/v1/devices")
		printf '%s ' "$_r"
	done
	printf '%s %s\n' "$(sed -n 's/^[Rr]etry-[Aa]fter: *\([0-9]*\).*/\1/p' "$T/enrol.h" | grep -c .)" \
		"$(jq -r .error.code "$T/enrol.b")"
}
