#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Sign-in throttling on PostgreSQL is shared by the servers: wrong
# passwords tried through server A count on server B too, so a terminal
# cannot multiply its tries by spreading them over the servers behind the
# balancer. The rules are the SQLite server's (3 free tries per account and
# device, then 429 with Retry-After); the right password afterwards, once
# the delay is over, signs in and clears the count. A sign-in also makes
# a verifier of a cheaper cost than today's again (as the SQLite server
# does: a hotel migrated from the throwaway demo, a release that raises
# the cost).
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
pg_admin_hotel "Chain Hotel" anna:staff
start_server --database "$PG_URI"
A=$URL
pg_start_b

code=$(FDP enroll-code 2>/dev/null)
tok=$(body POST /v1/devices "{\"code\":\"$code\",\"name\":\"desk\"}" | jq -r .token)
wrong='{"username":"anna","password":"not her password"}'
URL=$A
check "a wrong password through A" 401 "$(status POST /v1/sessions "$wrong" "$tok")"
URL=$B
check "another through B" 401 "$(status POST /v1/sessions "$wrong" "$tok")"
URL=$A
check "a third through A" 401 "$(status POST /v1/sessions "$wrong" "$tok")"
URL=$B
out=$(req POST /v1/sessions "$wrong" "$tok")
check "the fourth, through B, waits: the three before counted there too" "429 too_many_attempts" \
	"$(echo "$out" | cut -d' ' -f1) $(echo "$out" | cut -d' ' -f2- | jq -r .error.code)"
check "... also with the right password" 429 \
	"$(status POST /v1/sessions '{"username":"anna","password":"correct horse battery"}' "$tok")"
check "the counts are in the database" "3" "$(pg_psql -c "SELECT fails FROM srv_throttle WHERE key LIKE 'p:anna|%'")"
sleep 3
URL=$A
check "after the delay the right password signs in" 201 \
	"$(status POST /v1/sessions '{"username":"anna","password":"correct horse battery"}' "$tok")"
check "... and clears the account's counts" 0 "$(pg_psql -c "SELECT count(*) FROM srv_throttle WHERE key LIKE 'p:anna|%' OR key = 'u:anna'")"

# anna's verifier at libsodium's minimum, as the throwaway demo makes it
"$FD" --data "$T/throw" demo --password-file "$T/pw" --date 2026-03-01 --throwaway >/dev/null 2>&1 ||
	fail "demo --throwaway"
cheap=$(sqlite3 "$T/throw/frontdeskd.db" "SELECT hash FROM srv_credentials ORDER BY username LIMIT 1")
case $cheap in '$argon2id$v=19$m=8,'*) ;; *) fail "the throwaway demo's verifier: $cheap" ;; esac
pg_psql -c "UPDATE srv_credentials SET hash = '$cheap' WHERE username = 'anna'"
check "the right password against the cheap verifier signs in" 201 \
	"$(status POST /v1/sessions '{"username":"anna","password":"correct horse battery"}' "$tok")"
check "... and makes it again at the full cost" '$argon2id$v=19$m=65536,' \
	"$(pg_psql -c "SELECT substr(hash, 1, strpos(hash, ',')) FROM srv_credentials WHERE username = 'anna'")"
URL=$B
check "the renewed verifier signs in through B" 201 \
	"$(status POST /v1/sessions '{"username":"anna","password":"correct horse battery"}' "$tok")"
check "... and a wrong password is still refused" 401 "$(status POST /v1/sessions "$wrong" "$tok")"

# Enrolment is throttled by address, shared by the servers as sign-in is:
# two wrong codes through A and one through B, then B makes the next wait.
URL=$A
check "two wrong codes through A" "401 401 0 bad_enroll_code" "$(wrong_codes 2)"
URL=$B
check "a third through B, then a wait" "401 429 1 too_many_attempts" "$(wrong_codes 2)"
URL=$A

stop_server || fail "server A did not stop cleanly"
stop_b || fail "server B did not stop cleanly"
cat "$T/b.log" >> "$LOG"
finish
