#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# frontdeskd under systemd: readiness through $NOTIFY_SOCKET (Type=notify;
# a python3 datagram socket plays systemd), SIGHUP reloads the
# configuration (a setting and the TLS certificate) without a restart, and
# every log line carries a journal priority, libmicrohttpd's own included.
. "${top_srcdir:?}/tests/server/lib.sh"
command -v python3 >/dev/null || { echo "FAIL: python3 is needed" >&2; exit 1; }
init_hotel || { echo "FAIL: init" >&2; exit 1; }

# listen_notify: receive datagrams into $T/notes until STOPPING=1
python3 - "$T/notify" "$T/notes" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(60)
with open(sys.argv[2], "a") as f:
    while True:
        try:
            d = s.recv(4096).decode()
        except socket.timeout:
            break
        f.write(d.replace("\n", " ") + "\n")
        f.flush()
        if "STOPPING=1" in d:
            break
PY
NPID=$!
for _ in $(seq 1 100); do [ -S "$T/notify" ] && break; sleep 0.05; done

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 2 -subj /CN=first.test 2>/dev/null &&
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key2.pem" -out "$T/cert2.pem" -days 2 -subj /CN=second.test 2>/dev/null ||
	fail "openssl could not make test certificates"
cat >"$T/conf" <<EOF2
[server]
max-body = 100000
tls-cert = $T/cert.pem
tls-key = $T/key.pem
EOF2

echo "--- start" >>"$LOG"
NOTIFY_SOCKET=$T/notify "$FD" --config "$T/conf" --data "$D" serve --listen 127.0.0.1:0 2>>"$LOG" &
PID=$!
for _ in $(seq 1 100); do
	port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$LOG" | tail -1)
	[ -n "$port" ] && grep -q READY=1 "$T/notes" 2>/dev/null && break
	sleep 0.05
done
URL=https://127.0.0.1:$port
check "READY=1 once listening" "READY=1 STATUS=serving" "$(head -1 "$T/notes" 2>/dev/null)"
check "answers then" ok "$(curl -sk "$URL/v1/health" | jq -r .status)"
subject() { openssl s_client -connect "127.0.0.1:$port" </dev/null 2>/dev/null | openssl x509 -noout -subject | sed 's/.*CN *= *//'; }
check "serves the first certificate" first.test "$(subject)"

# a body of 50 KB fits max-body 100000; after the reload it does not
head -c 50000 /dev/zero | tr '\0' 'x' >"$T/big"
big() { curl -sk -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$T/big" "$URL/v1/devices"; }
check "50 KB under max-body 100000: read (400, not 413)" 400 "$(big)"
# renewed certificate and a smaller max-body, then SIGHUP
cp "$T/cert2.pem" "$T/cert.pem" && cp "$T/key2.pem" "$T/key.pem"
sed -i 's/^max-body = .*/max-body = 1000/' "$T/conf"
kill -HUP "$PID"
for _ in $(seq 1 100); do grep -q 'reloaded the configuration' "$LOG" && break; sleep 0.05; done
check "after SIGHUP: max-body 1000 refuses 50 KB" 413 "$(big)"
check "after SIGHUP: the renewed certificate" second.test "$(subject)"
check "the same process" "$PID" "$(pgrep -f "serve --listen 127.0.0.1:0" | grep -x "$PID")"
grep -q '^RELOADING=1 MONOTONIC_USEC=[0-9]* *$' "$T/notes" && ok "RELOADING=1 sent" || fail "notes: $(cat "$T/notes")"
check "READY=1 again after the reload" 2 "$(grep -c '^READY=1' "$T/notes")"

# a configuration that does not read keeps the running one
echo 'max-body = lots' >>"$T/conf"
kill -HUP "$PID"
for _ in $(seq 1 100); do grep -q 'Keeping the running configuration' "$LOG" && break; sleep 0.05; done
grep -q '^<3>frontdeskd: reload failed: .*bad setting "max-body"\. Keeping the running configuration\.$' "$LOG" &&
	ok "a bad configuration is an error in the log" || fail "bad reload: $(tail -3 "$LOG")"
check "and the server still serves" ok "$(curl -sk "$URL/v1/health" | jq -r .status)"

# libmicrohttpd's messages: a handshake that is not TLS
printf 'GET / HTTP/1.0\r\n\r\n' | curl -s --max-time 2 "http://127.0.0.1:$port/" >/dev/null 2>&1
# a failed sign-in is a warning
code=$("$FD" --data "$D" enroll-code 2>/dev/null)
DEV=$(curl -sk -X POST -H 'Content-Type: application/json' --data-binary "{\"code\":\"$code\",\"name\":\"desk-1\"}" "$URL/v1/devices" | jq -r .token)
curl -sk -o /dev/null -X POST -H "Authorization: Bearer $DEV" -H 'Content-Type: application/json' \
	--data-binary '{"username":"admin","password":"wrong password!"}' "$URL/v1/sessions"

stop_server || fail "stop"
wait "$NPID"
check "STOPPING=1 on SIGTERM" "STOPPING=1" "$(tail -1 "$T/notes")"

sed -n '/^--- start/,$p' "$LOG" | grep -v '^--- start' >"$T/lines"
bad=$(grep -cv '^<[3-6]>frontdeskd: ' "$T/lines")
check "every line has a priority" 0 "$bad"
[ "$bad" = 0 ] || grep -v '^<[3-6]>frontdeskd: ' "$T/lines" | head -5 >&2
grep -q '^<6>frontdeskd: listening on' "$T/lines" && ok "info: <6>" || fail "no <6> line"
grep -q '^<4>frontdeskd: failed sign-in for "admin"' "$T/lines" && ok "warning: <4>" || fail "no <4> sign-in line"
grep -Eq '^<4>frontdeskd: .*(TLS|handshake|tls)' "$T/lines" && ok "libmicrohttpd's message, with a priority" ||
	fail "no libmicrohttpd line: $(cat "$T/lines" | head -40)"

# no database: an error
"$FD" --data "$T/none" serve --listen 127.0.0.1:0 2>"$T/err"
grep -q "^<3>frontdeskd: .*run 'frontdeskd init' first" "$T/err" && ok "error: <3>" || fail "no <3>: $(cat "$T/err")"
finish
