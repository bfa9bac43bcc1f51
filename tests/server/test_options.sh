#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# frontdeskd's command line (getopt_long, shared with frontdesk): --data DIR
# and --data=DIR, options before and after the command, and usage errors
# that exit 2 naming the option.
. "${top_srcdir:?}/tests/server/lib.sh"

# init with --opt=VALUE forms and --data after the command
"$FD" init --data="$D" --property="Opt Hotel" --currency EUR --timezone=Europe/Lisbon --date 2026-03-01 >/dev/null ||
	fail "init with --opt=VALUE"
printf 'correct horse battery\n' >"$T/pw"
"$FD" user add anna --role=staff --data "$D" --password-file="$T/pw" >/dev/null || fail "user add with options after"
for form in "--data $D devices" "--data=$D devices" "devices --data $D" "devices --data=$D"; do
	# shellcheck disable=SC2086
	"$FD" $form >/dev/null 2>"$T/err" && ok "frontdeskd $form" || fail "frontdeskd $form: $(cat "$T/err")"
done
check "the hotel is the one made with --opt=VALUE" "Opt Hotel" "$(sqlite3 "$D/frontdeskd.db" "SELECT name FROM property")"

# serve: settings after the command, in both forms
echo "--- start" >>"$LOG"
"$FD" serve --data="$D" --listen=127.0.0.1:0 --threads 2 2>>"$LOG" &
PID=$!
for _ in $(seq 1 100); do
	port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\) (http, 2 threads).*/\1/p' "$LOG" | tail -1)
	[ -n "$port" ] && break
	sleep 0.05
done
check "serve --listen=ADDR --threads N after the command" ok "$(curl -s "http://127.0.0.1:$port/v1/health" | jq -r .status)"
stop_server || fail "stop"

usage() { # EXPECTED-MESSAGE ARGS...: exit 2 and the message on stderr
	_want=$1; shift
	"$FD" "$@" >"$T/out" 2>"$T/err"
	_rc=$?
	check "frontdeskd $*: exit 2" 2 "$_rc"
	grep -qF -- "$_want" "$T/err" && ok "says: $_want" || fail "message for '$*': $(cat "$T/err")"
}
usage "unknown option --colour" --data "$D" devices --colour red
usage "unknown option --colour" --colour=red --data "$D" devices
usage "option --data needs a value" devices --data
usage "option --version takes no value" --version=2
usage "--threads needs a valid value" --data "$D" serve --threads=0
usage "--listen must be IPv4-ADDRESS:PORT" --data "$D" serve --listen '[::1]:99999'
usage 'serve: unexpected argument "extra"' --data "$D" serve extra
usage 'unknown command "frobnicate"' --data "$D" frobnicate
grep -q "^commands:" "$T/err" || fail "an unknown command lists the commands"
# a known command's usage error says its own arguments, not the whole list
usage "backup FILE" --data "$D" backup
grep -q "^commands:" "$T/err" && fail "backup without FILE printed every command: $(wc -l <"$T/err") lines"
usage "init needs --property" --data "$D" init
grep -q "^commands:" "$T/err" && fail "init without options printed every command"
check "--help exits 0" 0 "$("$FD" --help >/dev/null 2>&1; echo $?)"
check "devices --help exits 0" 0 "$("$FD" devices --help >/dev/null 2>&1; echo $?)"
finish
