#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The administration endpoints a terminal calls, on PostgreSQL with two
# hotels and two servers (src/server/pg_admin.c; on SQLite:
# tests/server/test_admin_api.sh): POST /v1/staff adds a person with their
# password in one transaction, as the signed-in user (core's staff.create
# rule), and they sign in at once through the other server; POST
# /v1/staff/{username}/password follows core's rule (fd_perm_password_allows)
# and ends that person's sessions; POST /v1/enroll-codes makes a one-time
# code for the caller's hotel. Refusals carry the SQLite server's messages
# and change nothing. Each hotel is closed to the other: an administrator of
# Lisbon cannot set the password of Porto's staff (nor of a person who also
# works in Porto or holds a chain role), cannot take a user name of Porto's
# over, and makes codes for Lisbon only.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
FDP property add LIS --name "Lisbon" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null || fail "property add LIS"
FDP property add POR --name "Porto" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null || fail "property add POR"
LIS=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'LIS'")
POR=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'POR'")
user() { FDP user add "$@" --password-file "$T/pw" >/dev/null || fail "user add $*"; }
user anna --role admin --property LIS
user mona --role manager --property LIS
user sara --role staff --property LIS
user bruno --role admin --property POR
user pia --role staff --property POR
user lea --role staff --property LIS
user lea --role manager --property POR
user vic --role staff --property LIS --chain-role revenue
user carl --chain-role chain-admin

start_server --database "$PG_URI"
A=$URL
pg_start_b # tests/pg/lib.sh: B, stop_b

# enroll_at SERVER NAME HOTEL -> "DEVICE_ID TOKEN"
enroll_at() {
	_c=$(FDP enroll-code --property "$3" 2>/dev/null)
	URL=$1 body POST /v1/devices "{\"code\":\"$_c\",\"name\":\"$2\"}" | jq -r '.device_id + " " + .token'
}
set -- $(enroll_at "$A" "lisbon 1" LIS); dl1=$1 tl1=$2
set -- $(enroll_at "$B" "lisbon 2" LIS); tl2=$2
set -- $(enroll_at "$B" "porto 1" POR); tp1=$2
URL=$A
ANN=$(sign_in "$tl1" anna)
MON=$(sign_in "$tl1" mona)
SAR=$(sign_in "$tl1" sara)
CARL=$(sign_in "$tl1" carl)
URL=$B
PIA=$(sign_in "$tp1" pia)
[ "$ANN" != null ] && [ "$MON" != null ] && [ "$SAR" != null ] && [ "$CARL" != null ] && [ "$PIA" != null ] ||
	{ fail "signing in"; finish; }
URL=$A

err() { echo "${1%% *} $(echo "${1#* }" | jq -r '.error.code + ": " + .error.message')"; }
staffop() { # staffop N USER ROLE
	printf '{"op_id":"%s","type":"staff.create","payload":{"id":"%s","username":"%s","display_name":"%s Person","role":"%s","department":"front_office"}}' \
		"$(uuid "$1" 5)" "$(uuid "$1" 77)" "$2" "$2" "$3"
}
people() { pg_psql -c "SELECT (SELECT string_agg(property_id || ':' || username, ',' ORDER BY property_id, username) FROM staff),
	(SELECT md5(string_agg(username || hash || sign_salt, ',' ORDER BY username)) FROM srv_credentials)"; }
hash_of() { pg_psql -c "SELECT hash FROM srv_credentials WHERE username = '$1'"; }

# --- adding staff with a password ---
before=$(people)
check "a weak password" "400 weak_password: A password must have 8 to 128 characters (this one has 5)." \
	"$(err "$(req POST /v1/staff "{\"op\":$(staffop 1 maria staff),\"password\":\"short\"}" "$ANN")")"
check "a manager may not add staff, as on SQLite" "403 forbidden: Role manager may not do staff.create; it needs admin or above." \
	"$(err "$(req POST /v1/staff "{\"op\":$(staffop 2 maria staff),\"password\":\"tulip garden 42\"}" "$MON")")"
check "another operation" "400 invalid_field: This endpoint adds staff: the operation must be staff.create, not room.set_clean." \
	"$(err "$(req POST /v1/staff '{"op":{"op_id":"'"$(uuid 3 5)"'","type":"room.set_clean","payload":{"room":"1","status":"clean"}},"password":"tulip garden 42"}' "$ANN")")"
check "... nothing added, no password changed" "$before" "$(people)"
r=$(req POST /v1/staff "{\"op\":$(staffop 4 maria staff),\"password\":\"tulip garden 42\"}" "$ANN")
check "Lisbon's administrator adds maria: 201" 201 "${r%% *}"
check "... the answer names her and the change's sequence" "maria true" \
	"$(echo "${r#* }" | jq -r '.username + " " + (.seq > 0 | tostring)')"
check "... she is Lisbon's staff, not Porto's" "$LIS|staff|1" \
	"$(pg_psql -c "SELECT property_id, role, active FROM staff WHERE username = 'maria'")"
check "... with an Argon2id hash" 1 \
	"$(pg_psql -c "SELECT count(*) FROM srv_credentials WHERE username = 'maria' AND hash LIKE '\$argon2id\$%'")"
URL=$B
MAR=$(body POST /v1/sessions '{"username":"maria","password":"tulip garden 42"}' "$tl2")
check "maria signs in through the other server, at Lisbon's other desk" "maria staff" \
	"$(echo "$MAR" | jq -r '.username + " " + .role')"
check "... and works there" 200 "$(status GET /v1/changes?since=0 "" "$(echo "$MAR" | jq -r .token)")"
check "... not at Porto's desk" 401 \
	"$(status POST /v1/sessions '{"username":"maria","password":"tulip garden 42"}' "$tp1")"
URL=$A
check "acted as the session's user, from its device, in Lisbon's audit log" "$LIS|anna|$dl1|applied" \
	"$(pg_psql -c "SELECT property_id, actor, device, outcome FROM audit_log WHERE op_id = '$(uuid 4 5)'")"
check "in Lisbon's change feed" 1 \
	"$(body GET '/v1/changes?since=0' '' "$ANN" | jq '[.changes[] | select(.entity == "staff" and .state.username == "maria")] | length')"
URL=$B
check "... not in Porto's" 0 \
	"$(body GET '/v1/changes?since=0' '' "$PIA" | jq '[.changes[] | select(.entity == "staff" and .state.username == "maria")] | length')"
URL=$A
before=$(people)
r=$(req POST /v1/staff "{\"op\":$(staffop 5 maria staff),\"password\":\"tulip garden 42\"}" "$ANN")
check "maria twice: 409" 409 "${r%% *}"
check "... the refusal is in the audit log" "$LIS|refused" \
	"$(pg_psql -c "SELECT property_id, outcome FROM audit_log WHERE op_id = '$(uuid 5 5)'")"
check "Porto's user name pia cannot be taken over from Lisbon" \
	"409 username_taken: User name \"pia\" belongs to a person of another hotel of the chain or with a chain role (one person, one password across the chain); choose another user name." \
	"$(err "$(req POST /v1/staff "{\"op\":$(staffop 6 pia admin),\"password\":\"tulip garden 42\"}" "$ANN")")"
check "... nor a chain person's (carl)" 409 \
	"$(status POST /v1/staff "{\"op\":$(staffop 7 carl admin),\"password\":\"tulip garden 42\"}" "$ANN")"
check "... nothing added, no password changed" "$before" "$(people)"
URL=$B
check "pia's session still works" 200 "$(status GET /v1/changes?since=0 "" "$PIA")"
check "... and her password" 201 "$(status POST /v1/sessions '{"username":"pia","password":"correct horse battery"}' "$tp1")"
URL=$A
check "the refusal is in Lisbon's audit log" "$LIS|refused|username_taken" \
	"$(pg_psql -c "SELECT property_id, outcome, code FROM audit_log WHERE op_id = '$(uuid 6 5)'")"
r=$(req POST /v1/staff "{\"op\":$(staffop 8 nuno staff),\"password\":\"tulip garden 42\"}" "$CARL")
check "carl (chain-admin, no role in Lisbon) adds nuno there" "201 nuno" "${r%% *} $(echo "${r#* }" | jq -r .username)"
check "... Lisbon's staff" "$LIS|staff" "$(pg_psql -c "SELECT property_id, role FROM staff WHERE username = 'nuno'")"
check "the password is nowhere in clear" 0 \
	"$(pg_psql -c "SELECT count(*) FROM audit_log WHERE payload LIKE '%tulip%' OR reason LIKE '%tulip%'")"

# --- a password reset ---
PW='{"password":"new meadow 77"}'
before=$(people)
check "staff may not set a password, as on SQLite" "403 forbidden: Role staff may not do staff.password; it needs manager or above." \
	"$(err "$(req POST /v1/staff/maria/password "$PW" "$SAR")")"
check "a manager may not set the administrator's" \
	"403 forbidden: Role manager may not set the password of anna (role admin): a manager sets those of staff below them, an administrator anyone's." \
	"$(err "$(req POST /v1/staff/anna/password "$PW" "$MON")")"
check "an unknown person" '404 not_found: No staff member "nobody".' "$(err "$(req POST /v1/staff/nobody/password "$PW" "$ANN")")"
check "Porto's staff are unknown in Lisbon" '404 not_found: No staff member "pia".' \
	"$(err "$(req POST /v1/staff/pia/password "$PW" "$ANN")")"
check "... Porto's administrator too" 404 "$(status POST /v1/staff/bruno/password "$PW" "$ANN")"
check "a person who also works in Porto (as its manager)" \
	"403 forbidden: lea also works at another hotel of the chain, where you may not set their password (one password serves every hotel); ask that hotel's administrator." \
	"$(err "$(req POST /v1/staff/lea/password "$PW" "$ANN")")"
check "a person with a chain role" \
	"403 forbidden: vic holds the chain role revenue: their password is set by the chain's administrators (frontdeskd user add), not from one hotel's terminal." \
	"$(err "$(req POST /v1/staff/vic/password "$PW" "$ANN")")"
check "a chain-admin may not (the rule is a hotel role's)" \
	"403 forbidden: Chain role chain-admin may not do staff.password in this hotel." \
	"$(err "$(req POST /v1/staff/sara/password "$PW" "$CARL")")"
check "... nothing changed" "$before" "$(people)"
URL=$B
check "pia still signs in with her password" 201 \
	"$(status POST /v1/sessions '{"username":"pia","password":"correct horse battery"}' "$tp1")"
check "... her session still works" 200 "$(status GET /v1/changes?since=0 "" "$PIA")"
URL=$A
old=$(hash_of sara)
r=$(req POST /v1/staff/sara/password "$PW" "$MON")
check "Lisbon's manager sets sara's: 200" "200 sara 1" \
	"${r%% *} $(echo "${r#* }" | jq -r '.username + " " + (.sessions_ended | tostring)')"
check "her old session is refused on this server" 401 "$(status GET /v1/changes?since=0 "" "$SAR")"
URL=$B
check "... and on the other" 401 "$(status GET /v1/changes?since=0 "" "$SAR")"
check "the old password fails" 401 \
	"$(status POST /v1/sessions '{"username":"sara","password":"correct horse battery"}' "$tl2")"
check "the new one works, through the other server" 201 \
	"$(status POST /v1/sessions '{"username":"sara","password":"new meadow 77"}' "$tl2")"
URL=$A
check "the hash changed" 1 "$(pg_psql -c "SELECT count(*) FROM srv_credentials WHERE username = 'sara' AND hash <> '$old'")"
check "audited as mona's, in Lisbon's log" "$LIS|mona|staff.password|sara" \
	"$(pg_psql -c "SELECT property_id, actor, type, entity_id FROM audit_log WHERE type = 'staff.password' AND outcome = 'applied'")"
check "an administrator sets maria's" 200 "$(status POST /v1/staff/maria/password "$PW" "$ANN")"

# --- enrolment codes ---
codes() { pg_psql -c "SELECT count(*) FROM srv_enroll_codes"; }
before=$(codes)
check "a manager may not make one, as on SQLite" "403 forbidden: Role manager may not do admin.devices; it needs admin or above." \
	"$(err "$(req POST /v1/enroll-codes '' "$MON")")"
check "a bad ttl" '400 invalid_field: Field "ttl" must be the seconds the code works, from 60 to 2592000 (30 days).' \
	"$(err "$(req POST /v1/enroll-codes '{"ttl":5}' "$ANN")")"
check "a hotel cannot be chosen" 400 "$(status POST /v1/enroll-codes "{\"property\":\"$POR\"}" "$ANN")"
check "... no code made" "$before" "$(codes)"
r=$(req POST /v1/enroll-codes '{"ttl":600}' "$ANN")
code=$(echo "${r#* }" | jq -r .code)
check "Lisbon's administrator makes a code" "201 true" "${r%% *} $(echo "${r#* }" | jq '.expires_at > now')"
check "... for Lisbon" "$LIS" "$(pg_psql -c "SELECT property_id FROM srv_enroll_codes WHERE expires_at < extract(epoch FROM now()) + 3600")"
URL=$B
dev=$(body POST /v1/devices "{\"code\":\"$code\",\"name\":\"lisbon 3\"}")
check "it enrols a terminal through the other server" "$LIS" \
	"$(pg_psql -c "SELECT property_id FROM srv_devices WHERE id = '$(echo "$dev" | jq -r .device_id)'")"
check "... once" 401 "$(status POST /v1/devices "{\"code\":\"$code\",\"name\":\"lisbon 4\"}")"
check "Lisbon's staff sign in there" 201 \
	"$(status POST /v1/sessions '{"username":"maria","password":"new meadow 77"}' "$(echo "$dev" | jq -r .token)")"
check "... Porto's not" 401 \
	"$(status POST /v1/sessions '{"username":"pia","password":"correct horse battery"}' "$(echo "$dev" | jq -r .token)")"
URL=$A
code=$(body POST /v1/enroll-codes '' "$ANN" | jq -r .code)
check "without a body (a day)" 201 "$(status POST /v1/devices "{\"code\":\"$code\",\"name\":\"lisbon 5\"}")"
check "audited in Lisbon's log" "$LIS|anna|2" \
	"$(pg_psql -c "SELECT property_id, actor, count(*) FROM audit_log WHERE type = 'device.enroll_code' GROUP BY 1, 2")"

check "the audit logs' chains are intact" 0 "$(FDP check >/dev/null 2>&1; echo $?)"
stop_server || fail "server A did not stop cleanly"
stop_b || fail "server B did not stop cleanly"
cat "$T/b.log" >> "$LOG"
finish
