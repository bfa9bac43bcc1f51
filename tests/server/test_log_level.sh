#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The request log: answered health checks and metrics scrapes are debug
# lines, left out at the default log-level (info); every other request is
# an info line. log-level (file or --log-level) changes on SIGHUP, and a
# word it does not know is refused, naming the option.
. "${top_srcdir:?}/tests/server/lib.sh"

init_hotel || fail "init"
printf '[server]\nlog-level = info\n' >"$T/conf"
start_server --config "$T/conf"

# wait_for PATTERN: the server writes a request's line as it ends
wait_for() { for _ in $(seq 1 100); do grep -q -- "$1" "$LOG" && return 0; sleep 0.05; done; return 1; }
reload() { # LEVEL: rewrite the file, SIGHUP, wait for the reload's line
	_n=$(grep -c 'reloaded the configuration' "$LOG")
	printf '[server]\nlog-level = %s\n' "$1" >"$T/conf"
	kill -HUP "$PID"
	for _ in $(seq 1 100); do
		[ "$(grep -c 'reloaded the configuration' "$LOG")" -gt "$_n" ] && return 0
		sleep 0.05
	done
	fail "no reload to $1"
}

check "health answers" 200 "$(status GET /v1/health)"
check "an unauthenticated read is refused" 401 "$(status GET /v1/rooms)"
wait_for 'GET /v1/rooms 401' && ok "info: the refused request is logged" || fail "no line for GET /v1/rooms"
if grep -q 'GET /v1/health' "$LOG"; then fail "info: the health check was logged"; else ok "info: the health check is not logged"; fi

reload debug
check "health answers at debug" 200 "$(status GET /v1/health)"
wait_for '^<7>frontdeskd: 127.0.0.1 GET /v1/health 200' && ok "debug: the health check is a <7> line" ||
	fail "debug: no health line: $(tail -3 "$LOG")"

reload warning
lines=$(wc -l <"$LOG")
check "a read refused at warning" 401 "$(status GET /v1/rooms)"
DEV=$(enroll desk)
check "a wrong password" 401 "$(status POST /v1/sessions '{"username":"admin","password":"not the password"}' "$DEV")"
wait_for 'failed sign-in for "admin"' && ok "warning: a failed sign-in is logged" || fail "warning: no failed sign-in line"
if tail -n +"$((lines + 1))" "$LOG" | grep -q '^<6>'; then
	fail "warning: info lines were written: $(tail -n +"$((lines + 1))" "$LOG")"
else
	ok "warning: no info lines"
fi

# a word log-level does not know: the running level stays, the reload is refused
printf '[server]\nlog-level = loud\n' >"$T/conf"
kill -HUP "$PID"
wait_for 'reload failed' && ok "a bad log-level in the file fails the reload" || fail "bad log-level reloaded"
stop_server || fail "stop"

"$FD" --data "$D" serve --listen 127.0.0.1:0 --log-level loud >"$T/out" 2>"$T/err"
check "--log-level loud: exit 2" 2 "$?"
grep -qF -- '--log-level needs a valid value' "$T/err" && ok "says which option" || fail "message: $(cat "$T/err")"
finish
