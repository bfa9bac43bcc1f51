#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Who acted, and the audit log, on PostgreSQL, as on SQLite
# (tests/sync/test_identity.sh, tests/server/test_audit.sh): a manager's
# offline operation signed at the desk and pushed by a staff member's
# session is applied as the manager's; an operation whose actor was changed
# after signing is refused as unproven_actor and applies nothing; both are
# in the hotel's audit log with the session and device they came through,
# and so are refused requests; `frontdeskd check` verifies the chain, the
# table refuses changes, and a row changed behind its back is found.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
FDD=${top_builddir:?}/frontdeskd
W=$PG_WORK
pg_start
pg_hotel Chain 2026-11-25 boss:admin max:manager anna:staff # tests/pg/lib.sh: $W/pw
pg_serve A
A=$A_URL
pg_desks # term
meta() { sqlite3 "$W/$1/frontdesk.db" "SELECT value FROM meta WHERE key = '$2'"; }
pending() { term "$1" --json sync-status | jq -r .pending; }
audit() { pg_psql -c "SELECT $1 FROM audit_log WHERE $2 ORDER BY seq"; }

ecode=$("$FDD" --database "$PG_URI" enroll-code 2>/dev/null)
term desk enroll "$A" "$ecode" --name desk >/dev/null || fail "enrolling"
term desk login boss --password-file "$W/pw" >/dev/null && term desk sync --once >/dev/null || fail "boss signs in"
pg_rooms desk 201 202 # tests/pg/lib.sh
term desk sync --once >/dev/null || fail "pushing the rooms"
check "applied operations are in the audit log, as boss's, with session and device" "3|boss|1|1" \
	"$(pg_psql -c "SELECT count(*), min(actor), count(DISTINCT session), count(DISTINCT device) FROM audit_log
		WHERE outcome = 'applied' AND session <> '' AND device = '$(meta desk device_id)'")"
term desk login max --password-file "$W/pw" >/dev/null || fail "max signs in once at the desk"
check "max's signing key is registered at his first sign-in" 1 \
	"$(pg_psql -c "SELECT count(*) FROM srv_credentials WHERE username = 'max' AND sign_pk <> '' AND sign_salt <> ''")"
term desk login anna --password-file "$W/pw" >/dev/null || fail "anna signs in"
term desk sync --once >/dev/null || fail "anna's first sync"
anna_session=$(pg_psql -c "SELECT substr(token_hash, 1, 16) FROM srv_sessions WHERE username = 'anna'")

# Offline, max proves who he is at the desk; anna's session pushes it.
pg_stop_servers
term desk --as max --password-file "$W/pw" op room_type.update '{"code":"DBL","name":"Double Deluxe"}' >/dev/null ||
	fail "max's offline change"
[ -n "$(sqlite3 "$W/desk/frontdesk.db" "SELECT sig FROM outbox WHERE state = 'pending' AND actor = 'max'")" ] ||
	fail "max's operation is not signed"
term desk op room.set_clean '{"room":"201","status":"dirty"}' >/dev/null || fail "anna's own change"
pg_serve A # on its port again
term desk sync --once >/dev/null || fail "sync"
check "max's signed offline change, pushed by anna's session, is applied" "Double Deluxe" \
	"$(pg_psql -c "SELECT name FROM room_types WHERE code = 'DBL'")"
check "... as max's, through anna's session, in the audit log" "max $anna_session applied" \
	"$(audit "actor || ' ' || session || ' ' || outcome" "type = 'room_type.update'")"
check "anna's own change is hers" "anna" "$(audit actor "type = 'room.set_clean'")"

# The terminal's database edited: the actor changed after signing.
term desk op room.set_clean '{"room":"202","status":"dirty"}' >/dev/null || fail "anna's change"
sqlite3 "$W/desk/frontdesk.db" "UPDATE outbox SET actor = 'max' WHERE state = 'pending'"
term desk sync --once >/dev/null
check "a re-attributed operation is refused as unproven_actor" "rejected unproven_actor" \
	"$(pg_psql -c "SELECT status || ' ' || (result::jsonb #>> '{error,code}') FROM srv_op_results WHERE device_seq =
		(SELECT max(device_seq) FROM srv_op_results)")"
check "... and applies nothing" clean "$(pg_psql -c "SELECT clean FROM rooms WHERE number = '202'")"
check "... and is in the audit log as refused, with why" "max refused unproven_actor $anna_session" \
	"$(audit "actor || ' ' || outcome || ' ' || code || ' ' || session" "type = 'room.set_clean' AND actor = 'max'")"

# Refused requests.
dtok=$(meta desk device_token)
[ -n "$dtok" ] || dtok=$(sqlite3 "$W/desk/frontdesk.db" "SELECT value FROM meta WHERE key LIKE '%device%token%' LIMIT 1")
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $dtok" -H 'Content-Type: application/json' \
	--data-binary '{"username":"anna","password":"not her password"}' "$A/v1/sessions")
check "a wrong password is 401" 401 "$code"
check "... recorded with the account tried and the device" "anna bad_credentials $(meta desk device_id)" \
	"$(audit "actor || ' ' || code || ' ' || device" "type = 'POST /v1/sessions'")"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(meta desk session_token)" "$A/v1/devices")
check "a staff member listing devices is 403" 403 "$code"
check "... recorded with the session" "anna forbidden $anna_session" \
	"$(audit "actor || ' ' || code || ' ' || session" "type = 'GET /v1/devices'")"

# The chain.
out=$("$FDD" --database "$PG_URI" check) || fail "check: $out"
rows=$(pg_psql -c "SELECT count(*) FROM audit_log")
check "check verifies the chain" "check: ok (the audit log's chain of $rows rows is intact)" "$out"
pg_psql -c "UPDATE audit_log SET actor = 'eve' WHERE seq = 2" >/dev/null 2>&1
check "the audit log refuses changes" 0 "$(pg_psql -c "SELECT count(*) FROM audit_log WHERE actor = 'eve'")"
pg_psql -c "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only" -c "UPDATE audit_log SET actor = 'eve' WHERE seq = 2" >/dev/null
out=$("$FDD" --database "$PG_URI" check 2>&1)
check "a row changed behind its back fails the check" 1 $?
case $out in *"broken at row 2"*) echo "ok: ... naming the row" ;; *) fail "the check should name row 2: $out" ;; esac

pg_stop_servers
pg_finish "$W/A.log"
