#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Behind a reverse proxy: the client's address (throttling of sign-ins,
# the log) comes from X-Forwarded-For / Forwarded only when the connection
# is from a trusted proxy. A real haproxy on loopback (Debian's haproxy)
# forwards from 127.0.0.3; clients connect from 127.0.0.2.
. "${top_srcdir:?}/tests/server/lib.sh"
command -v haproxy >/dev/null || { echo "FAIL: haproxy is needed (packaging/build-deps.txt)" >&2; exit 1; }
init_hotel || { echo "FAIL: init" >&2; exit 1; }
HPID=
stop_haproxy() { [ -n "$HPID" ] && kill "$HPID" 2>/dev/null && wait "$HPID" 2>/dev/null; HPID=; }
trap 'stop_haproxy; cleanup' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_haproxy BACKEND-PORT: haproxy on 127.0.0.1:$HPORT, to the server from 127.0.0.3
start_haproxy() {
	HPORT=$(free_port)
	cat >"$T/haproxy.cfg" <<EOF2
global
	maxconn 64
defaults
	mode http
	timeout connect 5s
	timeout client 30s
	timeout server 30s
frontend fe
	bind 127.0.0.1:$HPORT
	option forwardfor
	default_backend be
backend be
	server s1 127.0.0.1:$1 source 127.0.0.3
EOF2
	haproxy -f "$T/haproxy.cfg" -db 2>>"$T/haproxy.log" &
	HPID=$!
	for _ in $(seq 1 100); do
		curl -s -o /dev/null "http://127.0.0.1:$HPORT/v1/health" && return 0
		sleep 0.05
	done
	fail "haproxy did not start: $(cat "$T/haproxy.log")"
	finish
}

# signin_fail VIA-URL [CURL-ARGS]: a failed sign-in from 127.0.0.2
signin_fail() {
	_u=$1; shift
	curl -s -o /dev/null --interface 127.0.0.2 "$@" -X POST -H "Authorization: Bearer $DEV" -H 'Content-Type: application/json' \
		--data-binary '{"username":"admin","password":"not the password"}' "$_u/v1/sessions"
}
# last_from: the address of the last failed sign-in in the log
last_from() { sed -n 's/.*failed sign-in for "admin" from \(.*\)$/\1/p' "$LOG" | tail -1; }

# 1. no trusted proxy: the headers are ignored, the proxy is the client
start_server
DEV=$(enroll desk-1)
start_haproxy "${URL##*:}"
signin_fail "http://127.0.0.1:$HPORT"
check "not trusted: the proxy's address" 127.0.0.3 "$(last_from)"
signin_fail "$URL" -H 'X-Forwarded-For: 203.0.113.9'
check "not trusted: a client's own X-Forwarded-For is ignored" 127.0.0.2 "$(last_from)"
stop_haproxy
stop_server || fail "stop"

# 2. haproxy trusted: its X-Forwarded-For names the client
start_server --trusted-proxy '127.0.0.3, ::1'
start_haproxy "${URL##*:}"
signin_fail "http://127.0.0.1:$HPORT"
check "trusted: the client behind haproxy" 127.0.0.2 "$(last_from)"
grep -q '^<6>frontdeskd: 127.0.0.2 POST /v1/sessions 401' "$LOG" && ok "the request log names the client" ||
	fail "request log: $(grep 'POST /v1/sessions' "$LOG" | tail -1)"
# a forged address in front of the chain does not help: the nearest untrusted hop is the client
signin_fail "http://127.0.0.1:$HPORT" -H 'X-Forwarded-For: 203.0.113.9'
check "trusted: a forged first hop is not taken" 127.0.0.2 "$(last_from)"
# straight to the server from an untrusted address: headers ignored
signin_fail "$URL" -H 'X-Forwarded-For: 203.0.113.9'
check "trusted proxy set, but this connection is not one" 127.0.0.2 "$(last_from)"
stop_haproxy
stop_server || fail "stop"

# 3. Forwarded (RFC 7239) from a trusted network, IPv6 client with a port
start_server --trusted-proxy 127.0.0.0/24
signin_fail "$URL" -H 'Forwarded: for="[2001:db8::7]:4711";proto=https;by=127.0.0.1'
check "Forwarded: for=[v6]:port" 2001:db8::7 "$(last_from)"
signin_fail "$URL" -H 'Forwarded: for=198.51.100.4, for=127.0.0.9'
check "Forwarded: the chain read from the nearest hop" 198.51.100.4 "$(last_from)"
signin_fail "$URL" -H 'Forwarded: for=unknown'
check "Forwarded: unknown stays the proxy" 127.0.0.2 "$(last_from)"
stop_server || fail "stop"

# a wrong setting is a usage error naming it
"$FD" --data "$D" serve --trusted-proxy 'proxy.example' >/dev/null 2>"$T/err"
check "--trusted-proxy with a name: exit 2" 2 "$?"
grep -q -- '--trusted-proxy needs a valid value' "$T/err" && ok "says which" || fail "message: $(cat "$T/err")"
finish
