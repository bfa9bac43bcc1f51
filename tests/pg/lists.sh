#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Sign-out, the device list and the sessions on PostgreSQL, answered as on
# SQLite (tests/server/test_admin_api.sh, test_admin_lists.sh), through two
# servers on one database: an administrator lists the hotel's devices
# (never another hotel's), revokes one (its sessions end at once on every
# server, its token is answered 401 device_revoked), signs out; the
# administration commands list devices and sessions and revoke either,
# every hotel's with each line's hotel, or one hotel's with --property
# (a revoke through the wrong hotel's is refused and changes nothing).
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
pg_admin_hotel "Chain Hotel" admin:admin anna:staff
H=$(pg_psql -c "SELECT id FROM properties")
FDP property add OTHER --name "Other Hotel" --currency EUR --timezone Europe/Lisbon >/dev/null || fail "property add"

start_server --database "$PG_URI"
A=$URL
pg_start_b

# enroll_at SERVER NAME [HOTEL] -> "DEVICE_ID TOKEN"
enroll_at() {
	_c=$(FDP enroll-code --property "${3:-$H}" 2>/dev/null)
	URL=$1 body POST /v1/devices "{\"code\":\"$_c\",\"name\":\"$2\"}" | jq -r '.device_id + " " + .token'
}
set -- $(enroll_at "$A" "desk 1"); d1=$1 t1=$2
set -- $(enroll_at "$B" "desk 2"); d2=$1 t2=$2
set -- $(enroll_at "$A" "desk 3"); d3=$1 t3=$2
set -- $(enroll_at "$A" "porto desk" OTHER); dx=$1 tx=$2
URL=$A s1=$(sign_in "$t1" admin)
URL=$B s2=$(sign_in "$t2" anna)
URL=$B s3=$(sign_in "$t3" anna)

# The device list, through either server.
URL=$B
check "the device list is served" 200 "$(status GET /v1/devices "" "$s1")"
list=$(body GET /v1/devices "" "$s1")
check "... the hotel's three devices, not the other hotel's" "desk 1|desk 2|desk 3" \
	"$(echo "$list" | jq -r '[.devices[].name] | sort | join("|")')"
check "... each with who signed in on it, the caller's marked current" "admin true|anna false|anna false" \
	"$(echo "$list" | jq -r '[.devices[] | "\([.users[].username] | join(",")) \(.current)"] | sort | join("|")')"
check "... the fields of the SQLite server" "current enrolled_at id last_seen name revoked revoked_at revoked_by users" \
	"$(echo "$list" | jq -r '.devices[0] | keys | join(" ")')"
check "a staff member may not list devices" 403 "$(status GET /v1/devices "" "$s2")"
check "a terminal asks whether it is enrolled" "$d2 desk 2" \
	"$(body GET /v1/devices/current "" "$t2" | jq -r '.device_id + " " + .name')"

# Revoking a device.
URL=$A
check "one's own device is not revoked" 409 "$(status POST "/v1/devices/$d1/revoke" "" "$s1")"
check "a device of another hotel cannot be revoked" 404 "$(status POST "/v1/devices/$dx/revoke" "" "$s1")"
check "... nor an unknown one" 404 "$(status POST /v1/devices/no-such-device/revoke "" "$s1")"
check "... and the other hotel's device is untouched" 0 "$(pg_psql -c "SELECT revoked FROM srv_devices WHERE id = '$dx'")"
check "a staff member may not revoke" 403 "$(status POST "/v1/devices/$d3/revoke" "" "$s2")"
res=$(body POST "/v1/devices/$d2/revoke" "" "$s1")
check "an administrator revokes desk 2 through A" "$d2" "$(echo "$res" | jq -r .id)"
URL=$B
check "its session ends at once, on B too" 401 "$(status GET /v1/changes?since=0 "" "$s2")"
check "its token is answered device_revoked" "device_revoked" "$(body GET /v1/devices/current "" "$t2" | jq -r .error.code)"
check "... also when signing in" 401 "$(status POST /v1/sessions '{"username":"anna","password":"correct horse battery"}' "$t2")"
check "the list shows it revoked, by whom" "true admin" \
	"$(body GET /v1/devices "" "$s1" | jq -r ".devices[] | select(.id == \"$d2\") | \"\(.revoked) \(.revoked_by)\"")"
check "the other sessions go on" 200 "$(status GET /v1/changes?since=0 "" "$s3")"

# The administration commands.
out=$(FDP device list)
check "device list: a header and the four devices" 5 "$(echo "$out" | wc -l)"
check "... desk 2 revoked" REVOKED "$(echo "$out" | grep "^$d2" | awk '{print $NF}')"
check "devices is device list" "$out" "$(FDP devices)"
out=$(FDP sessions)
check "sessions: the two live ones" "admin anna" "$(echo "$out" | tail -n +2 | awk '{print $3}' | sort | tr '\n' ' ' | sed 's/ $//')"
check "sessions --as anna" "anna" "$(FDP sessions --as anna | tail -n +2 | awk '{print $3}')"
sid=$(FDP sessions --as anna | tail -n +2 | awk '{print $1}')
check "sessions revoke ID" "Session $sid revoked." "$(FDP sessions revoke "$sid")"
check "... that session ends" 401 "$(status GET /v1/changes?since=0 "" "$s3")"
check "sessions revoke: not an ID" 2 "$(FDP sessions revoke zz >/dev/null 2>&1; echo $?)"
check "sessions revoke: no such session" 1 "$(FDP sessions revoke 00000000 >/dev/null 2>&1; echo $?)"
check "device revoke ID" "Device $d3 revoked." "$(FDP device revoke "$d3")"
check "... its token is refused" 401 "$(status GET /v1/devices/current "" "$t3")"
check "device revoke: no such device" 1 "$(FDP device revoke no-such-device >/dev/null 2>&1; echo $?)"

# A chain's administrator: every hotel's devices and sessions, each line
# with its hotel (its code; the hotel of init, which has none, by its id),
# or one hotel's with --property.
FDP user add bruno --role staff --property OTHER --password-file "$T/pw" >/dev/null || fail "user add bruno"
URL=$A sx=$(sign_in "$tx" bruno)
out=$(FDP device list)
check "device list: a HOTEL column after the ID" "ID HOTEL NAME" "$(echo "$out" | head -1 | awk '{print $1, $2, $3}')"
check "... every hotel's devices, each with its hotel" \
	"$(printf '%s\n' "$d1 $H" "$d2 $H" "$d3 $H" "$dx OTHER" | sort | tr '\n' '|')" \
	"$(echo "$out" | tail -n +2 | awk '{print $1, $2}' | sort | tr '\n' '|')"
check "device list --property OTHER: its device only" "$dx OTHER porto desk" \
	"$(FDP device list --property OTHER | tail -n +2 | awk '{print $1, $2, $3, $4}')"
check "device list --property ID: the first hotel's three" "3 0" \
	"$(FDP device list --property "$H" | tail -n +2 | awk -v h="$H" '$2 == h {n++} $2 != h {m++} END {print n + 0, m + 0}')"
out=$(FDP device list --property NOPE 2>&1); rc=$?
check "device list --property NOPE: refused, saying so" "1 yes" "$rc $(echo "$out" | grep -q 'NOPE' && echo yes)"
out=$(FDP sessions)
check "sessions: a HOTEL column after the ID" "ID HOTEL USER" "$(echo "$out" | head -1 | awk '{print $1, $2, $3}')"
check "... every hotel's sessions, each with its hotel" "$(printf '%s\n' "OTHER bruno" "$H admin" | sort | tr '\n' '|')" \
	"$(echo "$out" | tail -n +2 | awk '{print $2, $3}' | sort | tr '\n' '|')"
check "sessions --property OTHER: its session only" "OTHER bruno" "$(FDP sessions --property OTHER | tail -n +2 | awk '{print $2, $3}')"
check "sessions --property ID --as bruno: none" 1 "$(FDP sessions --property "$H" --as bruno | wc -l)"
check "sessions --property NOPE: refused" 1 "$(FDP sessions --property NOPE >/dev/null 2>&1; echo $?)"

# A revoke through the wrong hotel's --property is refused and changes nothing.
before=$(pg_psql -c "SELECT count(*) FROM audit_log" -c "SELECT count(*) FROM srv_sessions" -c "SELECT sum(revoked) FROM srv_devices" | tr '\n' ' ')
out=$(FDP device revoke "$d1" --property OTHER 2>&1); rc=$?
check "device revoke with the wrong hotel: refused" "1 yes" "$rc $(echo "$out" | grep -q "hotel OTHER has no device $d1" && echo yes)"
sidx=$(FDP sessions --as bruno | tail -n +2 | awk '{print $1}')
out=$(FDP sessions revoke "$sidx" --property "$H" 2>&1); rc=$?
check "sessions revoke with the wrong hotel: refused" "1 yes" "$rc $(echo "$out" | grep -q "no session of hotel $H matches" && echo yes)"
check "device revoke --property NOPE: refused" 1 "$(FDP device revoke "$dx" --property NOPE >/dev/null 2>&1; echo $?)"
check "... nothing changed: no audit row, no session ended, no device revoked" "$before" \
	"$(pg_psql -c "SELECT count(*) FROM audit_log" -c "SELECT count(*) FROM srv_sessions" -c "SELECT sum(revoked) FROM srv_devices" | tr '\n' ' ')"
check "... desk 1 still works" 200 "$(status GET /v1/changes?since=0 "" "$s1")"
check "... bruno's session goes on" 200 "$(status GET /v1/changes?since=0 "" "$sx")"
check "sessions revoke ID --property OTHER: the right hotel" "Session $sidx revoked." "$(FDP sessions revoke "$sidx" --property OTHER)"
check "... that session ends" 401 "$(status GET /v1/changes?since=0 "" "$sx")"
check "device revoke ID --property OTHER: the right hotel" "Device $dx revoked." "$(FDP device revoke "$dx" --property OTHER)"
check "... written in that hotel's audit log" "device.revoke $dx" \
	"$(pg_psql -c "SELECT type || ' ' || entity_id FROM audit_log WHERE property_id = (SELECT property_id FROM property_codes WHERE code = 'OTHER') ORDER BY seq DESC LIMIT 1")"
check "check: every hotel's audit chain holds" 0 "$(FDP check >/dev/null 2>&1; echo $?)"

# Sign-out.
URL=$B
check "signing out through B" "200 {}" "$(req DELETE /v1/sessions/current "" "$s1")"
URL=$A
check "... ends the session on A" 401 "$(status GET /v1/changes?since=0 "" "$s1")"
check "... and in the database" 0 "$(pg_psql -c "SELECT count(*) FROM srv_sessions WHERE username = 'admin'")"
check "signing out without a session" 401 "$(status DELETE /v1/sessions/current "" "")"

stop_server || fail "server A did not stop cleanly"
stop_b || fail "server B did not stop cleanly"
cat "$T/b.log" >> "$LOG"
finish
