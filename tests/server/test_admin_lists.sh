#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The operator's lists: `user list`, `device list` (last seen, last push and
# pull, the outbox the terminal reported) and `sessions` with `sessions
# revoke ID`, which ends a session at once.
. "${top_srcdir:?}/tests/server/lib.sh"

init_hotel || { echo "FAIL: init" >&2; exit 1; }
add_user anna staff
add_user otto staff
"$FD" --data "$D" user disable otto >/dev/null || fail "disable otto"
"$FD" --data "$D" user add nopw --role staff --password-file "$T/pw" >/dev/null
sqlite3 "$D/frontdeskd.db" "DELETE FROM srv_credentials WHERE username = 'nopw'"
start_server

DEV=$(enroll desk-1)
TOK=$(sign_in "$DEV" anna)
DEVID=$(sqlite3 "$D/frontdeskd.db" "SELECT id FROM srv_devices WHERE name = 'desk-1'")
# a push that says 7 operations wait at the terminal, 1 of them in it
res=$(curl -s -X POST -H "Authorization: Bearer $TOK" -H 'Content-Type: application/json' -H 'Frontdesk-Outbox: 7' \
	--data-binary "{\"ops\":[$(op 1 room.set_hk_status '{"number":"999","hk_status":"clean"}' "$(uuid 1 7)")]}" "$URL/v1/ops")
check "the push was answered" 1 "$(printf '%s' "$res" | jq '.results | length')"
check "a pull" 200 "$(status GET '/v1/changes?since=0' '' "$TOK")"

# user list: one line per user with state, live sessions, last seen
"$FD" --data "$D" user list >"$T/users" 2>"$T/err" || fail "user list: $(cat "$T/err")"
row() { awk -v u="$1" '$1 == u' "$T/users"; }
check "header" "USER ROLE DEPARTMENT STATE SESSIONS LAST SEEN NAME" "$(head -1 "$T/users" | tr -s ' ')"
check "anna: staff, active, 1 session" "anna staff front_office active 1" "$(row anna | awk '{print $1, $2, $3, $4, $5}')"
case $(row anna | awk '{print $6}') in 20[0-9][0-9]-*T*Z) ok "anna was last seen at a time" ;; *) fail "anna: $(row anna)" ;; esac
check "otto is disabled, no session" "disabled 0 -" "$(row otto | awk '{print $4, $5, $6}')"
check "nopw cannot sign in" "no-password" "$(row nopw | awk '{print $4}')"
check "every user listed" "admin anna nopw otto" "$(tail -n +2 "$T/users" | awk '{print $1}' | tr '\n' ' ' | sed 's/ $//')"

# device list (and its old name, devices)
"$FD" --data "$D" device list >"$T/devs" 2>"$T/err" || fail "device list: $(cat "$T/err")"
line=$(grep "^$DEVID " "$T/devs")
check "device list: name, seq, outbox after the push, state" "desk-1 1 6 active" "$(printf '%s' "$line" | awk '{print $2, $7, $8, $9}')"
for col in 3 4 5 6; do
	case $(printf '%s' "$line" | awk -v c=$col '{print $c}') in
	20[0-9][0-9]-*T*Z) ok "device column $col is a time" ;;
	*) fail "device column $col: $line" ;;
	esac
done
"$FD" --data "$D" devices | grep -q "^$DEVID .*desk-1" && ok "devices still works" || fail "devices"

# sessions: listed with an ID; revoking it ends the session at once
"$FD" --data "$D" sessions >"$T/sess" 2>"$T/err" || fail "sessions: $(cat "$T/err")"
sid=$(awk '$2 == "anna" {print $1}' "$T/sess")
case $sid in ????????????????) ok "anna's session has an ID" ;; *) fail "sessions: $(cat "$T/sess")" ;; esac
check "sessions --as otto lists none" 1 "$("$FD" --data "$D" sessions --as otto | wc -l)"
check "a bad ID is a usage error" 2 "$("$FD" --data "$D" sessions revoke 'x;--' >/dev/null 2>&1; echo $?)"
check "an unknown ID revokes nothing" 1 "$("$FD" --data "$D" sessions revoke 00000000 >/dev/null 2>&1; echo $?)"
check "the session works before" 200 "$(status GET /v1/rooms '' "$TOK")"
"$FD" --data "$D" sessions revoke "$sid" >/dev/null || fail "sessions revoke"
check "and not after" 401 "$(status GET /v1/rooms '' "$TOK")"
check "anna has no session now" 0 "$("$FD" --data "$D" user list | awk '$1 == "anna" {print $5}')"
stop_server || fail "server stop"
finish
