#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The administrator's side of the audit on PostgreSQL, as on SQLite:
#   - init, user add and property add write their rows in the hotel's
#     audit log as frontdeskd's (property.update, staff.create; SQLite's
#     admin.c writes the same for init and user add), chained; a refused
#     user add writes none;
#   - revoking a terminal (POST /v1/devices/{id}/revoke, and frontdeskd
#     device revoke) writes a device.revoke row in the hotel's audit log,
#     with who did it and the session and device it came through, chained
#     so that `frontdeskd check` verifies it;
#   - `frontdeskd --database URI audit --as MANAGER [--date D]` runs the
#     night audit on the server: the room charge of an in-house guest, the
#     day closed, the business date moved on, an audit.night row; a
#     second run changes nothing; a runner who is not a manager is refused,
#     changing nothing; it reads each list of bookings with one query.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
pg_admin_hotel "Audit Hotel" admin:admin mia:manager sam:staff
H=$(pg_psql -c "SELECT id FROM properties")
audit() { pg_psql -c "SELECT $1 FROM audit_log WHERE $2 ORDER BY 1"; }
check "init and user add are in the audit log, as frontdeskd's, in order" \
	"1 frontdeskd server property.update property $H applied|2 frontdeskd server staff.create staff admin applied|3 frontdeskd server staff.create staff mia applied|4 frontdeskd server staff.create staff sam applied" \
	"$(audit "seq || ' ' || actor || ' ' || device || ' ' || type || ' ' || entity || ' ' || entity_id || ' ' || outcome" "true" | tr '\n' '|' | sed 's/|$//')"
check "... the hotel's row carries what init was given" "Audit Hotel EUR Europe/Lisbon 2026-03-01" \
	"$(audit "payload" "type = 'property.update'" | jq -r '"\(.name) \(.currency) \(.timezone) \(.business_date)"')"
check "... no password in a row" 0 "$(audit "count(*)" "payload LIKE '%horse%'")"
check "a refused user add (mia exists) writes no row and keeps her password" "1 4 1" \
	"$(FDP user add mia --role staff --password-file "$T/pw" >/dev/null 2>&1; echo $?) $(audit "count(*)" "true") $(pg_psql -c "SELECT count(*) FROM srv_credentials WHERE username = 'mia'")"
check "... and the chain of those rows verifies" 0 "$(FDP check >/dev/null 2>&1; echo $?)"
start_server --database "$PG_URI"
enroll_pg() { _c=$(FDP enroll-code 2>/dev/null); body POST /v1/devices "{\"code\":\"$_c\",\"name\":\"$1\"}" | jq -r .token; }
t1=$(enroll_pg "desk 1")
t2=$(enroll_pg "desk 2")
t3=$(enroll_pg "desk 3")
s1=$(sign_in "$t1" admin)
s2=$(sign_in "$t2" sam)
devid() { pg_psql -c "SELECT id FROM srv_devices WHERE name = '$1'"; }
d1=$(devid "desk 1") d2=$(devid "desk 2") d3=$(devid "desk 3")
sid=$(pg_psql -c "SELECT substr(token_hash, 1, 16) FROM srv_sessions WHERE device = '$d1'")

check "the administrator revokes desk 2 from desk 1" 200 "$(status POST "/v1/devices/$d2/revoke" "" "$s1")"
check "... desk 2's session ends" 401 "$(status GET /v1/devices/current "" "$t2")"
check "... a device.revoke row names who, through which session and device" \
	"admin device $d2 $sid $d1 applied" \
	"$(audit "actor || ' ' || entity || ' ' || entity_id || ' ' || session || ' ' || device || ' ' || outcome" "type = 'device.revoke'")"
check "the command line's revoke of desk 3" "Device $d3 revoked." "$(FDP device revoke "$d3" 2>&1)"
check "... audited as frontdeskd's" "frontdeskd $d3" "$(audit "actor || ' ' || entity_id" "type = 'device.revoke' AND entity_id = '$d3'")"
check "an unknown device: no row" "1 1" \
	"$(FDP device revoke 00000000-0000-4000-8000-00000000dead >/dev/null 2>&1; echo $?) $(audit "count(*)" "type = 'device.revoke' AND entity_id = '$d2'")"
check "the audit log's chain verifies" 0 "$(FDP check >/dev/null 2>&1; echo $?)"

# An in-house guest for the night audit: booked, assigned and checked in today.
DEVN=1
G=$(uuid 1 91)
ops="$(op 1 room_type.create "{\"id\":\"$(uuid 2 91)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}"),
$(op 2 room.create "{\"id\":\"$(uuid 3 91)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}"),
$(op 3 guest.create "{\"id\":\"$G\",\"family\":\"Nacht\"}"),
$(op 4 booking.create "{\"id\":\"$(uuid 4 91)\",\"code\":\"NIGHT1\",\"guest_id\":\"$G\",\"type\":\"DBL\",\"arrival\":\"2026-03-01\",\"departure\":\"2026-03-03\",\"adults\":1}"),
$(op 5 booking.assign_room '{"booking":"NIGHT1","room":"101"}'),
$(op 6 booking.check_in '{"booking":"NIGHT1"}')"
check "the guest is checked in" "applied applied applied applied applied applied" \
	"$(body POST /v1/ops "{\"ops\":[$ops]}" "$s1" | jq -r '[.results[].status] | join(" ")')"
check "audit needs --as" 2 "$(FDP audit >/dev/null 2>&1; echo $?)"
out=$(FDP audit --as sam 2>&1)
check "a runner who is not a manager is refused" "1" "$(FDP audit --as sam >/dev/null 2>&1; echo $?)"
case $out in *sam*) ok "... saying who" ;; *) fail "... the refusal should name sam: $out" ;; esac
check "... changing nothing" "0 0 $(pg_psql -c "SELECT business_date FROM properties")" \
	"$(pg_psql -c "SELECT count(*) FROM day_reports") $(audit "count(*)" "type = 'audit.night' AND outcome = 'applied'") $(pg_psql -c "SELECT business_date FROM properties")"
# The night audit reads its lists of bookings with one query each, not a
# query per booking (src/pg/repo_folio.c): the statements it runs, logged
# by PostgreSQL.
pg_psql -c "ALTER DATABASE frontdesk SET log_statement = 'all'" >/dev/null
: > "$PG_DIR/server.log"
out=$(FDP audit --as mia 2>&1)
pg_psql -c "ALTER DATABASE frontdesk RESET log_statement" >/dev/null
cp "$PG_DIR/server.log" "$T/audit-statements.log"
check "the night audit reads no booking by its id" 0 \
	"$(grep -c 'FROM bookings WHERE property_id = \$1 AND id = \$2' "$T/audit-statements.log")"
check "the night audit closes the business date" \
	"Closed 2026-03-01: rooms sold 1, room revenue 9000 (minor units), no-shows 0; business date 2026-03-02." "$out"
check "... the day closed in PostgreSQL" 1 "$(pg_psql -c "SELECT count(*) FROM day_reports")"
check "... an audit.night row, as the night audit run by mia" "night-audit server applied" \
	"$(audit "actor || ' ' || device || ' ' || outcome" "type = 'audit.night'")"
check "... the room charge posted to the guest's folio" 9000 \
	"$(pg_psql -c "SELECT sum(amount) FROM folio_lines")"
check "... sent to the desks through the feed" 1 \
	"$(body GET "/v1/changes?since=0&limit=1000" "" "$s1" | jq '[.changes[] | select(.entity == "day_report")] | length')"
check "a second run for the same day changes nothing" "2026-03-01 was already closed by the night audit; nothing changed." \
	"$(FDP audit --as mia --date 2026-03-01 2>&1)"
check "the chain still verifies" 0 "$(FDP check >/dev/null 2>&1; echo $?)"

# A second hotel: its first audit row is its property.update, in its own chain.
FDP property add PORTO --name "Porto" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null || fail "property add"
P=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'PORTO'")
check "property add: the new hotel's first audit row" "1 frontdeskd property.update $P" \
	"$(audit "seq || ' ' || actor || ' ' || type || ' ' || entity_id" "property_id = '$P'")"
FDP user add pia --role staff --property PORTO --password-file "$T/pw" >/dev/null || fail "user add pia"
check "user add --property PORTO: the row in Porto's log" "2 staff.create pia" \
	"$(audit "seq || ' ' || type || ' ' || entity_id" "property_id = '$P' AND type = 'staff.create'")"
check "every hotel's chain verifies" 0 "$(FDP check >/dev/null 2>&1; echo $?)"
stop_server || fail "the server did not stop cleanly"
finish
