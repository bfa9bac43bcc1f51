#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Who did it, and were they allowed to (issue 19), on a real frontdeskd:
# departments judged by the server, op_id duplicates per device, refusals
# in the audit log and the server's log, the audit log's hash chain.
. "${top_srcdir:?}/tests/server/lib.sh"

init_hotel || { echo "FAIL: init" >&2; exit 1; }
add_user mona manager
add_user fo1 staff
"$FD" --data "$D" user add hk1 --role staff --department housekeeping --password-file "$T/pw" >/dev/null || fail "user add hk1"
start_server

DEVN=1
ADEV=$(enroll admin-desk)
ADM=$(sign_in "$ADEV" admin)
SETUP="{\"ops\":[$(op 1 room_type.create '{"id":"'$(uuid 1 1)'","code":"DBL","name":"Double","max_occupancy":2,"base_rate":12000}'),
$(op 2 room.create '{"id":"'$(uuid 2 1)'","number":"101","type":"DBL","floor":1}'),
$(op 3 guest.create '{"id":"'$(uuid 3 1)'","family":"Silva","given":"Ana"}'),
$(op 4 booking.create '{"id":"'$(uuid 4 1)'","code":"ABC123","guest_id":"'$(uuid 3 1)'","type":"DBL","arrival":"2026-03-01","departure":"2026-03-03","adults":2}')]}"
check "setup" "applied applied applied applied" "$(body POST /v1/ops "$SETUP" "$ADM" | jq -r '[.results[].status]|join(" ")')"

# --- departments: the server judges them too ---
DEVN=2
HDEV=$(enroll hk-desk)
HK=$(sign_in "$HDEV" hk1)
R=$(body POST /v1/ops "{\"ops\":[$(op 1 booking.cancel '{"booking":"ABC123"}'),$(op 2 folio.pay '{"id":"'$(uuid 9 2)'","booking":"ABC123","method":"cash","amount":100}'),$(op 3 room.set_clean '{"room":"101","status":"clean"}'),$(op 4 booking.check_in '{"booking":"ABC123","room":"101"}')]}" "$HK")
check "housekeeping may not cancel, take payments or check in" "wrong_department wrong_department applied wrong_department" "$(echo "$R" | jq -r '[.results[] | (.error.code // .status)] | join(" ")')"
check "the refused booking is still reserved" reserved "$(sqlite3 "$D/frontdeskd.db" "SELECT status FROM bookings WHERE code = 'ABC123'")"

# --- op_id duplicates are per device ---
# Device A (the admin's desk) recorded $(uuid 2 1) (room.create 101). Device
# B pushes an operation with the same op_id: it is B's own operation, judged
# on its own, and does not get A's recorded answer.
DEVN=3
BDEV=$(enroll b-desk)
FO=$(sign_in "$BDEV" fo1)
R=$(body POST /v1/ops "{\"ops\":[$(op 1 room.set_flags '{"room":"101","dnd":true}' "$(uuid 2 1)")]}" "$FO")
check "another device's op_id is applied as this device's own op" "applied room 101" "$(echo "$R" | jq -r '.results[0] | "\(.status) \(.entity) \(.id)"')"
check "the flag was set by B's op" 1 "$(sqlite3 "$D/frontdeskd.db" "SELECT dnd FROM rooms WHERE number = '101'")"
R=$(body POST /v1/ops "{\"ops\":[$(op 2 room.create '{"id":"'$(uuid 5 3)'","number":"101","type":"DBL","floor":1}' "$(uuid 4 1)")]}" "$FO")
check "another device's op_id is refused on its own merits" "rejected forbidden" "$(echo "$R" | jq -r '.results[0] | "\(.status) \(.error.code)"')"
R=$(body POST /v1/ops "{\"ops\":[$(op 1 room.set_flags '{"room":"101","dnd":true}' "$(uuid 2 1)")]}" "$FO")
check "B's repeat is a duplicate of B's own result" "duplicate applied room 101" "$(echo "$R" | jq -r '.results[0] | "\(.status) \(.recorded_status) \(.entity) \(.id)"')"
check "each device has its own recorded result" "2" "$(sqlite3 "$D/frontdeskd.db" "SELECT count(*) FROM srv_op_results WHERE op_id = '$(uuid 2 1)'")"

# --- every refusal is in the audit log and the server's log ---
# name SESSION-TOKEN: the session's name in the audit log
name() { python3 -c 'import hashlib,sys; print(hashlib.blake2b(sys.argv[1].encode(), digest_size=32).hexdigest()[:16])' "$1"; }
q() { sqlite3 "$D/frontdeskd.db" "$1"; }
check "applied ops name the session they came through" "$(name "$ADM")" "$(q "SELECT session FROM audit_log WHERE op_id = '$(uuid 1 1)' AND outcome = 'applied'")"
check "the department refusals are recorded" "3 $(name "$HK")" "$(q "SELECT count(*), min(session) FROM audit_log WHERE outcome = 'refused' AND code = 'wrong_department' AND actor = 'hk1'" | tr '|' ' ')"
check "a refusal row says why" 1 "$(q "SELECT count(*) FROM audit_log WHERE outcome = 'refused' AND type = 'folio.pay' AND reason LIKE 'hk1 works in housekeeping%'")"
# a forged actor: fo1's session pushes an op claiming to be the admin
R=$(body POST /v1/ops "{\"ops\":[$(op 3 staff.create '{"id":"00000000-0000-4000-8000-00000000aaaa","username":"mallory","role":"admin","display_name":"M","department":"front_office"}' | sed 's/"type"/"actor":"admin","type"/')]}" "$FO")
check "a forged actor is refused" unproven_actor "$(echo "$R" | jq -r '.results[0].error.code')"
BDEVID=$(q "SELECT device FROM srv_sessions WHERE username = 'fo1' LIMIT 1")
check "the forged actor is recorded: who was claimed, session, device, why" "admin staff.create refused unproven_actor $(name "$FO") $BDEVID" "$(q "SELECT actor, type, outcome, code, session, device FROM audit_log WHERE op_id = '$(uuid 3 3)'" | tr '|' ' ')"
# endpoints: 403 and 401
check "staff may not read metrics: 403" 403 "$(status GET /v1/metrics "" "$FO")"
check "the 403 is recorded" "fo1 refused forbidden $(name "$FO") $BDEVID" "$(q "SELECT actor, outcome, code, session, device FROM audit_log WHERE type = 'GET /v1/metrics'" | tr '|' ' ')"
grep -q "refused GET /v1/metrics for \"fo1\" (session $(name "$FO"), device $BDEVID)" "$LOG" && ok "the 403 is in the server log" || fail "the 403 is not in the server log"
check "a wrong password: 401" 401 "$(status POST /v1/sessions '{"username":"mona","password":"wrong password"}' "$BDEV")"
check "the failed sign-in is recorded with the account tried" "mona refused bad_credentials" "$(q "SELECT actor, outcome, code FROM audit_log WHERE type = 'POST /v1/sessions'" | tr '|' ' ')"
check "no session: 401" 401 "$(status GET /v1/rooms)"
check "the 401 is recorded" "1" "$(q "SELECT count(*) FROM audit_log WHERE type = 'GET /v1/rooms' AND outcome = 'refused' AND actor = '' AND code = 'unauthorized'")"
grep -q "refused GET /v1/rooms for \"\" (session -, device -) from 127.0.0.1: 401 unauthorized" "$LOG" && ok "the 401 is in the server log" || fail "the 401 is not in the server log"
check "a hostile user name never reaches the logs" 401 "$(status POST /v1/sessions '{"username":"x\u001b[2Jy","password":"wrong password"}' "$BDEV")"
check "it is recorded as ?" 1 "$(q "SELECT count(*) FROM audit_log WHERE type = 'POST /v1/sessions' AND actor = '?'")"

# --- the audit log's hash chain ---
"$FD" --data "$D" check >"$T/check" 2>&1 && ok "check: the chain is intact" || fail "check on an intact chain: $(cat "$T/check")"
grep -q "chain of [0-9]* rows is intact" "$T/check" || fail "check does not mention the chain: $(cat "$T/check")"
stop_server || fail "the server did not stop cleanly"
cp "$D/frontdeskd.db" "$T/good.db"
q "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mona' WHERE seq = 7;"
if "$FD" --data "$D" check >"$T/check" 2>&1; then fail "check passed a changed row"; fi
grep -q "broken at row 7" "$T/check" && ok "check names the first broken row" || fail "check: $(cat "$T/check")"
if "$FD" --data "$D" serve --listen 127.0.0.1:0 >"$T/serve" 2>&1; then fail "a broken chain was served"; fi
grep -q "broken at row 7.*restore BACKUP-FILE" "$T/serve" && ok "a broken chain is not served; the message names the restore" || fail "serve said: $(cat "$T/serve")"
"$FD" --data "$D" restore "$T/good.db" >/dev/null || fail "restore"
"$FD" --data "$D" check >/dev/null 2>&1 && ok "the restored database checks" || fail "the restored database does not check"
start_server
check "the restored server serves" ok "$(body GET /v1/health | jq -r .status)"

finish
