#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The throwaway hotel of `frontdesk --demo` (frontdeskd demo --throwaway,
# issue 18): its published password's verifiers and signing keys are at
# libsodium's minimum cost (m=8 KiB), every other hotel's at the full one
# (m=64 MiB): init and user add, user passwd, the administration API's new
# staff and password reset, a sign-in's rehash, a demo without the option.
# The mark goes on only with a new data directory's demo build: --throwaway
# on any other command, on a hotel that exists, without a password or on
# PostgreSQL is refused and changes nothing.
. "${top_srcdir:?}/tests/server/lib.sh"

FULL='$argon2id$v=19$m=65536,'
MIN='$argon2id$v=19$m=8,'
# cost DIR USER: the stored verifier's algorithm, version and memory
cost() { sqlite3 "$1/frontdeskd.db" "SELECT substr(hash, 1, instr(hash, ',')) FROM srv_credentials WHERE username = '$2'"; }
mark() { sqlite3 "$1/frontdeskd.db" "SELECT count(*) FROM meta WHERE key = 'throwaway_hotel'"; }
hashes() { sqlite3 "$1/frontdeskd.db" "SELECT username, hash, sign_salt, sign_pk FROM srv_credentials ORDER BY 1"; }
refused() { # refused DESCRIPTION ARGS...: exit status 2, says why
	_what=$1
	shift
	"$FD" "$@" >"$T/out" 2>&1
	check "$_what: refused (2)" 2 "$?"
	grep -q -- "--throwaway is only for 'demo --password-file F'" "$T/out" || fail "$_what: no reason given: $(cat "$T/out")"
}

# --- a real hotel: full-strength verifiers ---
init_hotel || { echo "FAIL: init" >&2; exit 1; }
add_user anna staff
check "init's admin: full cost" "$FULL" "$(cost "$D" admin)"
check "user add: full cost" "$FULL" "$(cost "$D" anna)"
check "a signing key registered" 64 "$(sqlite3 "$D/frontdeskd.db" "SELECT length(sign_pk) FROM srv_credentials WHERE username = 'anna'")"
printf 'new meadow 77\n' >"$T/pw2"
"$FD" --data "$D" user passwd anna --password-file "$T/pw2" >/dev/null
check "user passwd: full cost" "$FULL" "$(cost "$D" anna)"
check "no throwaway mark" 0 "$(mark "$D")"

# --- the mark cannot be turned on for it ---
before=$(hashes "$D")
"$FD" --data "$D" demo --password-file "$T/pw" --throwaway >"$T/out" 2>&1 && fail "demo --throwaway over a hotel ran"
grep -q "already holds a hotel" "$T/out" || fail "demo --throwaway over a hotel: $(cat "$T/out")"
refused "user add --throwaway" --data "$D" user add bob --role staff --password-file "$T/pw" --throwaway
refused "user passwd --throwaway" --data "$D" user passwd anna --password-file "$T/pw" --throwaway
refused "init --throwaway" --data "$D" init --property X --currency EUR --timezone Europe/Lisbon --throwaway
refused "enroll-code --throwaway" --data "$D" enroll-code --throwaway
refused "serve --throwaway" --data "$D" serve --listen 127.0.0.1:0 --throwaway
refused "restore --throwaway" --data "$D" restore "$T/nothing.db" --throwaway
check "nothing changed: the hotel's passwords" "$before" "$(hashes "$D")"
check "nothing changed: no bob" 0 "$(sqlite3 "$D/frontdeskd.db" "SELECT count(*) FROM staff WHERE username = 'bob'")"
check "nothing changed: no mark" 0 "$(mark "$D")"

# --- through the API and a sign-in ---
start_server
DEV=$(enroll desk-1)
ADM=$(sign_in "$DEV" admin)
[ -n "$ADM" ] && [ "$ADM" != null ] || fail "admin does not sign in"
check "the sign-in kept the full cost" "$FULL" "$(cost "$D" admin)"
op='{"op_id":"'$(uuid 1 5)'","type":"staff.create","payload":{"id":"'$(uuid 1 77)'","username":"maria","display_name":"Maria Person","role":"staff","department":"front_office"}}'
check "the API adds maria" 201 "$(status POST /v1/staff "{\"op\":$op,\"password\":\"tulip garden 42\"}" "$ADM")"
check "the API's new staff: full cost" "$FULL" "$(cost "$D" maria)"
check "the API resets anna's password" 200 "$(status POST /v1/staff/anna/password '{"password":"tulip garden 42"}' "$ADM")"
check "the API's reset: full cost" "$FULL" "$(cost "$D" anna)"
check "still no mark" 0 "$(mark "$D")"
stop_server

# --- a demo without the option: full cost too ---
"$FD" --data "$T/demo" demo --password-file "$T/pw" --date 2026-03-01 >/dev/null 2>&1 || fail "demo"
check "the demo's staff: full cost" "$FULL" \
	"$(sqlite3 "$T/demo/frontdeskd.db" "SELECT DISTINCT substr(hash, 1, instr(hash, ',')) FROM srv_credentials")"
check "the demo: no mark" 0 "$(mark "$T/demo")"

# --- the throwaway demo: only a new one, with its password ---
refused "demo --throwaway without a password" --data "$T/nopw" demo --throwaway
[ -e "$T/nopw/frontdeskd.db" ] && fail "demo --throwaway without a password wrote a database"
refused "demo --throwaway on PostgreSQL" --data "$T/pg" --database postgresql://127.0.0.1:1/none demo \
	--password-file "$T/pw" --throwaway
"$FD" --data "$T/throw" demo --password-file "$T/pw" --date 2026-03-01 --throwaway >/dev/null 2>&1 ||
	fail "demo --throwaway"
check "the throwaway demo's staff: minimum cost" "$MIN" \
	"$(sqlite3 "$T/throw/frontdeskd.db" "SELECT DISTINCT substr(hash, 1, instr(hash, ',')) FROM srv_credentials")"
check "the throwaway demo is marked" 1 "$(mark "$T/throw")"
# Its server says so at each start; a real hotel's does not.
grep -q "throwaway demo hotel" "$LOG" && fail "the real hotel's server called itself a throwaway"
D=$T/throw
start_server
stop_server
grep -q "throwaway demo hotel of 'frontdesk --demo'" "$LOG" || fail "the throwaway hotel's server does not say so"
finish
