#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# frontdeskd serve --listen: IPv6 ([::1]:PORT on loopback, [::]:PORT with
# TLS), and a wrong address or setting is a usage error (exit 2) naming
# what is wrong.
. "${top_srcdir:?}/tests/server/lib.sh"

init_hotel || { echo "FAIL: init" >&2; exit 1; }

# start6 ADDR [ARGS]: serve on ADDR, set URL from the log's "listening on"
start6() {
	_a=$1; shift
	echo "--- start" >> "$LOG"
	"$FD" --data "$D" serve --listen "$_a" "$@" 2>>"$LOG" &
	PID=$!
	for _ in $(seq 1 100); do
		port=$(sed -n '/^--- start/h; /^--- start/!H; ${x;p}' "$LOG" | sed -n 's/.*listening on \[[0-9a-f:]*\]:\([0-9]*\).*/\1/p' | tail -1)
		if [ -n "$port" ]; then return 0; fi
		sleep 0.05
	done
	fail "server did not start on $_a"; cat "$LOG" >&2; finish
}

start6 '[::1]:0'
grep -q 'listening on \[::1\]:' "$LOG" && ok "the log names [::1]" || fail "log: $(tail -3 "$LOG")"
check "health over IPv6 loopback" ok "$(curl -gs "http://[::1]:$port/v1/health" | jq -r .status)"
stop_server || fail "stop [::1]"

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 2 -subj /CN=localhost 2>/dev/null ||
	fail "openssl could not make a test certificate"
start6 '[::]:0' --tls-cert "$T/cert.pem" --tls-key "$T/key.pem"
check "HTTPS on [::] answers on ::1" ok "$(curl -gsk "https://[::1]:$port/v1/health" | jq -r .status)"
stop_server || fail "stop [::]"

# usage errors: exit 2 and a message naming the setting
usage() {
	"$FD" --data "$D" serve "$@" >"$T/out" 2>"$T/err"
	echo $?
}
check "plain HTTP on [::] is refused: exit 2" 2 "$(usage --listen '[::]:0')"
grep -q 'Refusing plain HTTP on \[::\]:0' "$T/err" && ok "says why" || fail "message: $(cat "$T/err")"
for bad in '[::1]' '::1:8480' '[zz::1]:8480' '127.0.0.1:' '127.0.0.1:99999' 'example:80'; do
	check "--listen '$bad': exit 2" 2 "$(usage --listen "$bad")"
	grep -qF -- "--listen must be IPv4-ADDRESS:PORT or [IPv6-ADDRESS]:PORT (got \"$bad\")" "$T/err" ||
		fail "message for '$bad': $(cat "$T/err")"
done
check "--tls-cert without --tls-key: exit 2" 2 "$(usage --listen 127.0.0.1:0 --tls-cert "$T/cert.pem")"
check "--threads 0: exit 2" 2 "$(usage --threads 0)"
check "serve with an extra argument: exit 2" 2 "$(usage extra)"
finish
