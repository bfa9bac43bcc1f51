#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Sign-in throttling on PostgreSQL is shared by the servers: wrong
# passwords tried through server A count on server B too, so a terminal
# cannot multiply its tries by spreading them over the servers behind the
# balancer. The rules are the SQLite server's (3 free tries per account and
# device, then 429 with Retry-After); the right password afterwards, once
# the delay is over, signs in and clears the count.
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

stop_server || fail "server A did not stop cleanly"
stop_b || fail "server B did not stop cleanly"
cat "$T/b.log" >> "$LOG"
finish
