#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The administration endpoints a terminal calls (issue 17, src/server/admin_api.c):
# a staff member added from a terminal gets their password at the server
# (and signs in on any terminal); a password reset by a manager for those
# below them only; the enrolled devices with who signed in there; revoking
# one (401 device_revoked from then on); a one-time enrolment code. Each
# refused call changes nothing; the password is never stored in clear.
. "${top_srcdir:?}/tests/server/lib.sh"

init_hotel || { echo "FAIL: init" >&2; exit 1; }
add_user mona manager
add_user anna staff
start_server

DEV=$(enroll desk-1)
ADM=$(sign_in "$DEV" admin)
MON=$(sign_in "$DEV" mona)
DEV2=$(enroll desk-2)
ANN=$(sign_in "$DEV2" anna)
DEVID=$(sqlite3 "$D/frontdeskd.db" "SELECT id FROM srv_devices WHERE name = 'desk-1'")
DEV2ID=$(sqlite3 "$D/frontdeskd.db" "SELECT id FROM srv_devices WHERE name = 'desk-2'")
db() { sqlite3 "$D/frontdeskd.db" "$1"; }
staffop() { # staffop N USER ROLE
	printf '{"op_id":"%s","type":"staff.create","payload":{"id":"%s","username":"%s","display_name":"%s Person","role":"%s","department":"front_office"}}' \
		"$(uuid "$1" 5)" "$(uuid "$1" 77)" "$2" "$2" "$3"
}
PW='{"password":"tulip garden 42"}'

# --- adding staff with a password ---
before=$(db "SELECT count(*) FROM staff")
r=$(req POST /v1/staff "{\"op\":$(staffop 1 maria staff),\"password\":\"short\"}" "$ADM")
check "a weak password: 400" 400 "${r%% *}"
check "a weak password: said why" weak_password "$(printf '%s' "${r#* }" | jq -r .error.code)"
check "a weak password: nothing added" "$before" "$(db "SELECT count(*) FROM staff")"
check "a manager may not add staff: 403" 403 \
	"$(status POST /v1/staff "{\"op\":$(staffop 2 maria staff),\"password\":\"tulip garden 42\"}" "$MON")"
check "nothing added by the manager" "$before" "$(db "SELECT count(*) FROM staff")"
check "another operation: 400" 400 \
	"$(status POST /v1/staff '{"op":{"op_id":"'"$(uuid 3 5)"'","type":"room.set_clean","payload":{"room":"1","status":"clean"}},"password":"tulip garden 42"}' "$ADM")"
r=$(req POST /v1/staff "{\"op\":$(staffop 4 maria staff),\"password\":\"tulip garden 42\"}" "$ADM")
check "the administrator adds maria: 201" 201 "${r%% *}"
check "the answer names her" maria "$(printf '%s' "${r#* }" | jq -r .username)"
check "maria is on file" "staff|1" "$(db "SELECT role, active FROM staff WHERE username = 'maria'")"
check "with a password hash" 1 "$(db "SELECT count(*) FROM srv_credentials WHERE username = 'maria' AND hash LIKE '\$argon2id\$%'")"
check "maria signs in on another terminal" 201 \
	"$(status POST /v1/sessions '{"username":"maria","password":"tulip garden 42"}' "$DEV2")"
check "acted as the session's user, from its device" "admin|$DEVID|applied" \
	"$(db "SELECT actor, device, outcome FROM audit_log WHERE type = 'staff.create' AND entity_id <> '' ORDER BY seq DESC LIMIT 1")"
check "in the change feed" 1 "$(body GET '/v1/changes?since=0' '' "$ADM" | jq '[.changes[] | select(.entity == "staff" and .state.username == "maria")] | length')"
r=$(req POST /v1/staff "{\"op\":$(staffop 5 maria staff),\"password\":\"tulip garden 42\"}" "$ADM")
check "maria twice: 409" 409 "${r%% *}"
check "the refusal is in the audit log" 1 "$(db "SELECT count(*) FROM audit_log WHERE op_id = '$(uuid 5 5)' AND outcome = 'refused'")"
check "the password is nowhere in clear" 0 "$(sqlite3 "$D/frontdeskd.db" .dump | grep -c 'tulip garden')"

# --- a password reset ---
check "staff may not reset a password: 403" 403 "$(status POST /v1/staff/maria/password "$PW" "$ANN")"
check "a manager may not reset the admin's: 403" 403 "$(status POST /v1/staff/admin/password "$PW" "$MON")"
check "unknown person: 404" 404 "$(status POST /v1/staff/nobody/password "$PW" "$ADM")"
old=$(db "SELECT hash FROM srv_credentials WHERE username = 'anna'")
r=$(req POST /v1/staff/anna/password '{"password":"new meadow 77"}' "$MON")
check "a manager resets anna's: 200" 200 "${r%% *}"
check "her session ended" 1 "$(printf '%s' "${r#* }" | jq .sessions_ended)"
check "her old session is refused" 401 "$(status GET /v1/rooms '' "$ANN")"
check "the hash changed" 1 "$(db "SELECT count(*) FROM srv_credentials WHERE username = 'anna' AND hash <> '$old'")"
check "the old password fails" 401 "$(status POST /v1/sessions '{"username":"anna","password":"correct horse battery"}' "$DEV2")"
ANN=$(body POST /v1/sessions '{"username":"anna","password":"new meadow 77"}' "$DEV2" | jq -r .token)
check "the new one works" 200 "$(status GET /v1/rooms '' "$ANN")"
check "audited as mona's" "mona|staff.password|anna" \
	"$(db "SELECT actor, type, entity_id FROM audit_log WHERE type = 'staff.password'")"

# --- devices ---
check "staff may not list devices: 403" 403 "$(status GET /v1/devices '' "$ANN")"
check "nor a manager" 403 "$(status GET /v1/devices '' "$MON")"
body GET /v1/devices '' "$ADM" > "$T/devs"
check "two devices" "desk-1 desk-2" "$(jq -r '[.devices[].name] | join(" ")' "$T/devs")"
check "the asking one is marked" "true false" "$(jq -r '[.devices[].current | tostring] | join(" ")' "$T/devs")"
check "who signed in at desk-2, the latest first" "anna maria" \
	"$(jq -r '.devices[] | select(.name == "desk-2") | [.users[].username] | join(" ")' "$T/devs")"
check "desk-2 was seen" true "$(jq '.devices[] | select(.name == "desk-2") | .last_seen > 0' "$T/devs")"
check "the device sees itself" desk-2 "$(body GET /v1/devices/current '' "$DEV2" | jq -r .name)"
check "revoking one's own terminal: 409" 409 "$(status POST "/v1/devices/$DEVID/revoke" '' "$ADM")"
check "unknown device: 404" 404 "$(status POST /v1/devices/00000000-0000-4000-8000-000000000000/revoke '' "$ADM")"
check "a manager may not revoke: 403" 403 "$(status POST "/v1/devices/$DEV2ID/revoke" '' "$MON")"
check "desk-2 still works" 200 "$(status GET /v1/rooms '' "$ANN")"
check "the administrator revokes desk-2" 200 "$(status POST "/v1/devices/$DEV2ID/revoke" '' "$ADM")"
check "its session: 401" 401 "$(status GET /v1/rooms '' "$ANN")"
r=$(req GET /v1/devices/current '' "$DEV2")
check "its device token: 401" 401 "${r%% *}"
check "saying it was revoked" device_revoked "$(printf '%s' "${r#* }" | jq -r .error.code)"
check "signing in there: device_revoked" device_revoked \
	"$(body POST /v1/sessions '{"username":"anna","password":"new meadow 77"}' "$DEV2" | jq -r .error.code)"
check "listed revoked, by whom" "true admin" \
	"$(body GET /v1/devices '' "$ADM" | jq -r '.devices[] | select(.name == "desk-2") | "\(.revoked) \(.revoked_by)"')"
check "audited" "admin|$DEV2ID" "$(db "SELECT actor, entity_id FROM audit_log WHERE type = 'device.revoke'")"

# --- enrolment codes ---
check "a manager may not make one: 403" 403 "$(status POST /v1/enroll-codes '' "$MON")"
check "a bad ttl: 400" 400 "$(status POST /v1/enroll-codes '{"ttl":5}' "$ADM")"
code=$(body POST /v1/enroll-codes '{"ttl":600}' "$ADM" | jq -r .code)
[ -n "$code" ] && [ "$code" != null ] && ok "an enrolment code" || fail "no code"
check "it enrols a terminal" 201 "$(status POST /v1/devices "{\"code\":\"$code\",\"name\":\"desk-3\"}")"
check "once" 401 "$(status POST /v1/devices "{\"code\":\"$code\",\"name\":\"desk-4\"}")"
code=$(body POST /v1/enroll-codes '' "$ADM" | jq -r .code)
check "without a body (a day)" 201 "$(status POST /v1/devices "{\"code\":\"$code\",\"name\":\"desk-5\"}")"

"$FD" --data "$D" check >/dev/null || fail "the audit chain"
stop_server || fail "server stop"
finish
