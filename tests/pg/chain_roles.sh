#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Chain roles on PostgreSQL: 'frontdeskd user add NAME --chain-role
# revenue|chain-admin' gives a person rights in every hotel of the chain
# beside their role per hotel ('--role ROLE --property CODE'). A chain
# person signs in at any hotel's terminal; a chain-admin manages the users
# of a hotel where they have no role of their own, and nothing else there;
# a revenue manager reads and may change nothing; a hotel's staff still
# cannot sign in at another hotel. Removing the chain role ends its
# sessions at once. Giving or removing one is in every hotel's audit log. The revenue role reads the chain report over the API
# (GET /v1/reports/chain), hotel roles do not. The rule is core's (core/perm.c, tests/unit/test_chain_perm.c).
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
FDP property add LIS --name "Lisbon" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null ||
	fail "property add LIS into an empty database"
FDP property add POR --name "Porto" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null ||
	fail "property add POR"
POR=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'POR'")
LIS=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'LIS'")

snap() { pg_psql -c "SELECT (SELECT count(*) FROM staff), (SELECT count(*) FROM srv_credentials),
	(SELECT count(*) FROM srv_chain_roles)"; }
before=$(snap)
out=$(FDP user add zed --chain-role owner --password-file "$T/pw" 2>&1 | head -1)
check "an unknown chain role is refused" 2 "$(FDP user add zed --chain-role owner --password-file "$T/pw" >/dev/null 2>&1; echo $?)"
check "... saying which there are" \
	"frontdeskd: user add needs --role admin|manager|staff|guest [--property CODE] and/or --chain-role revenue|chain-admin|none" "$out"
out=$(FDP user add zed --password-file "$T/pw" 2>&1)
check "user add with neither role is refused" 2 $?
check "... and nothing was written" "$before" "$(snap)"

FDP user add rita --chain-role revenue --password-file "$T/pw" >/dev/null || fail "user add rita --chain-role revenue"
FDP user add carl --chain-role chain-admin --password-file "$T/pw" >/dev/null || fail "user add carl --chain-role chain-admin"
FDP user add pia --role staff --property POR --password-file "$T/pw" >/dev/null || fail "user add pia --property POR"
FDP user add lea --role manager --property LIS --chain-role revenue --password-file "$T/pw" >/dev/null ||
	fail "user add lea with a hotel role and a chain role"
check "chain roles" "carl|chain-admin lea|revenue rita|revenue" \
	"$(pg_psql -c "SELECT username, role FROM srv_chain_roles ORDER BY username" | paste -sd ' ')"
# A chain role reaches every hotel, so each hotel's audit log says who got
# which, chained (lea's beside her staff.create at Lisbon).
roles_in() { pg_psql -c "SELECT entity_id || ':' || (payload::json->>'chain_role') FROM audit_log
	WHERE property_id = '$1' AND type = 'staff.chain_role' AND actor = 'frontdeskd' ORDER BY seq" | paste -sd ' '; }
check "each chain role given is in Lisbon's audit log" "rita:revenue carl:chain-admin lea:revenue" "$(roles_in "$LIS")"
check "... and in Porto's" "rita:revenue carl:chain-admin lea:revenue" "$(roles_in "$POR")"
check "... the hotels' audit chains verify" 0 "$(FDP check >/dev/null 2>&1; echo $?)"
check "staff records: only the hotel roles" "lea|$LIS|manager pia|$POR|staff" \
	"$(pg_psql -c "SELECT username, property_id, role FROM staff ORDER BY username" | paste -sd ' ')"

start_server --database "$PG_URI"
devA=$(body POST /v1/devices "{\"code\":\"$(FDP enroll-code --property LIS 2>/dev/null)\",\"name\":\"lisbon desk\"}" | jq -r .token)
devB=$(body POST /v1/devices "{\"code\":\"$(FDP enroll-code --property POR 2>/dev/null)\",\"name\":\"porto desk\"}" | jq -r .token)
signin() { body POST /v1/sessions "{\"username\":\"$2\",\"password\":\"correct horse battery\"}" "$1"; }
check "rita (revenue) signs in at Lisbon" "|revenue" "$(signin "$devA" rita | jq -r '.role + "|" + .chain_role')"
check "... and at Porto" "|revenue" "$(signin "$devB" rita | jq -r '.role + "|" + .chain_role')"
check "lea at Lisbon: her hotel role and her chain role" "manager|revenue" "$(signin "$devA" lea | jq -r '.role + "|" + .chain_role')"
check "pia (staff of Porto) cannot sign in at Lisbon" 401 \
	"$(status POST /v1/sessions '{"username":"pia","password":"correct horse battery"}' "$devA")"

rita=$(signin "$devA" rita | jq -r .token)
carl=$(signin "$devB" carl | jq -r .token)
pia=$(signin "$devB" pia | jq -r .token)
check "rita reads Lisbon's feed" 200 "$(status GET /v1/changes?since=0 "" "$rita")"
result() { echo "$1" | jq -r '.results[0] | .status + " " + (.error.code // "") + ": " + (.error.message // "")'; }

DEVN=2
res=$(body POST /v1/ops "{\"ops\":[$(op 1 staff.create "{\"id\":\"$(uuid 1 21)\",\"username\":\"nuno\",\"display_name\":\"Nuno\",\"role\":\"staff\",\"department\":\"front_office\"}")]}" "$carl")
check "carl (chain-admin, no role at Porto) adds a user at Porto" "applied : " "$(result "$res")"
check "... Porto's staff record" "$POR|staff" "$(pg_psql -c "SELECT property_id, role FROM staff WHERE username = 'nuno'")"
res=$(body POST /v1/ops "{\"ops\":[$(op 2 staff.update '{"username":"pia","role":"manager"}')]}" "$carl")
check "... and changes one" "applied : " "$(result "$res")"
res=$(body POST /v1/ops "{\"ops\":[$(op 3 room_type.create "{\"id\":\"$(uuid 2 21)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}")]}" "$carl")
check "... but nothing else" \
	"rejected forbidden: Chain role chain-admin may not perform room_type.create in a hotel where carl has no role." \
	"$(result "$res")"
check "... nothing of it written" 0 "$(pg_psql -c "SELECT count(*) FROM room_types")"

DEVN=1
before=$(pg_psql -c "SELECT count(*), max(seq) FROM changes")
res=$(body POST /v1/ops "{\"ops\":[$(op 1 staff.create "{\"id\":\"$(uuid 3 21)\",\"username\":\"rui\",\"display_name\":\"Rui\",\"role\":\"admin\",\"department\":\"management\"}")]}" "$rita")
check "rita (revenue) may not add users" \
	"rejected forbidden: Chain role revenue may not perform staff.create in a hotel where rita has no role." \
	"$(result "$res")"
res=$(body POST /v1/ops "{\"ops\":[$(op 2 property.configure '{"require_document":true}')]}" "$rita")
check "... nor change the hotel" \
	"rejected forbidden: Chain role revenue may not perform property.configure in a hotel where rita has no role." \
	"$(result "$res")"
check "... nothing written" "$before" "$(pg_psql -c "SELECT count(*), max(seq) FROM changes")"

DEVN=3 # (pia pushes from Porto's desk, after carl)
res=$(body POST /v1/ops "{\"ops\":[$(op 4 staff.create "{\"id\":\"$(uuid 4 21)\",\"username\":\"ze\",\"display_name\":\"Ze\",\"role\":\"staff\",\"department\":\"front_office\"}")]}" "$pia")
check "pia (now manager of Porto) still may not add users: the hotel role's rule as before" \
	"rejected forbidden: Role manager may not perform staff.create; it needs admin or above." "$(result "$res")"

# The chain report over the API: for the revenue role, at any hotel's desk.
ans() { _o=$(req GET "$1" "" "$2"); echo "${_o%% *} $(echo "${_o#* }" | jq -r '.error.code + ": " + .error.message')"; }
R="/v1/reports/chain?from=2026-03-01&to=2026-03-10"
check "rita (revenue) reads the chain report at Lisbon's desk" "LIS POR|GROUP|0" \
	"$(body GET "$R" "" "$rita" | jq -r '([.properties[].code] | join(" ")) + "|" + .group.code + "|" + (.group.rooms_sold | tostring)')"
check "lea (manager of Lisbon and revenue) too" 200 "$(status GET "$R" "" "$(signin "$devA" lea | jq -r .token)")"
check "carl (chain-admin) may not" "403 forbidden: Chain role chain-admin may not do report.chain in this hotel." "$(ans "$R" "$carl")"
check "pia (a hotel's manager) may not" "403 forbidden: report.chain is for a chain role, not a hotel's manager." "$(ans "$R" "$pia")"
check "a bad date is named" "400 invalid_field: Query parameter \"from\" must be a date, YYYY-MM-DD." \
	"$(ans "/v1/reports/chain?from=2026-3-1&to=2026-03-10" "$rita")"

# The chain role taken away: rita's sessions end at once.
FDP user add rita --chain-role none --password-file "$T/pw" >/dev/null || fail "user add rita --chain-role none"
check "rita's chain role is gone" 0 "$(pg_psql -c "SELECT count(*) FROM srv_chain_roles WHERE username = 'rita'")"
check "... written in both hotels' audit logs" "rita:none rita:none" \
	"$(roles_in "$LIS" | tr ' ' '\n' | tail -1) $(roles_in "$POR" | tr ' ' '\n' | tail -1)"
check "... and her session with it" 401 "$(status GET /v1/changes?since=0 "" "$rita")"
stop_server || fail "the server did not stop cleanly"
finish
