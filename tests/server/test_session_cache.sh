#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The session look-up cache (src/server/session_cache.h): a session used
# again is answered from memory while the revocation generation stands
# (frontdeskd_session_lookups_total{source="cache"} counts it), and every
# way of ending a session or changing its rights still takes effect at the
# very next request, once the session was remembered: sign-out, a user
# disabled or their password changed (another process: the admin command),
# a session or a device revoked (command line and API), a role lowered by a
# pushed staff.update. Idle and absolute expiry stay as they were.
. "${top_srcdir:?}/tests/server/lib.sh"
init_hotel || { echo "FAIL: init" >&2; exit 1; }
for u in mona gus ada pat sol; do add_user "$u" staff; done
start_server
ADM=$(sign_in "$(enroll desk-0)" admin)
cached() { body GET /v1/metrics '' "$ADM" | sed -n 's/^frontdeskd_session_lookups_total{source="cache"} //p'; }
read_() { body GET /v1/metrics '' "$ADM" | sed -n 's/^frontdeskd_session_lookups_total{source="read"} //p'; }

R=$(body POST /v1/ops "{\"ops\":[$(DEVN=9 op 1 room_type.create '{"id":"'$(uuid 1 1)'","code":"DBL","name":"Double","max_occupancy":2,"base_rate":12000}'),$(DEVN=9 op 2 room.create '{"id":"'$(uuid 2 1)'","number":"101","type":"DBL","floor":1}')]}" "$ADM")
check "a room" "applied applied" "$(echo "$R" | jq -r '[.results[].status]|join(" ")')"
echo 3 > "$T/seq-9"

# desk D (DEVN): its next operation's sequence, kept in $T/seq-D
flag() { # DEVN TOKEN -> the push's status code and first result or error
	n=$(cat "$T/seq-$1" 2>/dev/null || echo 1)
	r=$(DEVN=$1 req POST /v1/ops "{\"ops\":[$(DEVN=$1 op "$n" room.set_flags '{"room":"101","dnd":true}')]}" "$2")
	code=${r%% *}
	[ "$code" = 200 ] && echo $((n + 1)) > "$T/seq-$1"
	printf '%s %s\n' "$code" "$(echo "${r#* }" | jq -r '.results[0].status // .error.code')"
}
# refused_every TOKEN DEVN NAME CODE: eight requests (new connections,
# spread over the pool's threads), each refused with CODE
refused_every() {
	_got=
	for _ in 1 2 3 4 5 6 7 8; do _got="$_got $(flag "$2" "$1" | cut -d' ' -f2)"; done
	check "$3: refused at once, on every request" " $4 $4 $4 $4 $4 $4 $4 $4" "$_got"
}
# warm TOKEN DEVN NAME: pushes with the session until it was answered from the cache
warm() {
	_c0=$(cached)
	check "$3: pushes applied" "200 applied|200 applied|200 applied" "$(flag "$2" "$1")|$(flag "$2" "$1")|$(flag "$2" "$1")"
	_c1=$(cached)
	[ "${_c1:-0}" -ge $((${_c0:-0} + 2)) ] && ok "$3: the session was answered from the cache" ||
		fail "$3: the cache was not used ($_c0 -> $_c1)"
}

# --- the cache is used ---
c0=$(cached) r0=$(read_)
[ -n "$c0" ] && ok "the lookups metric is there" || fail "no frontdeskd_session_lookups_total"
for _ in 1 2 3 4 5 6; do flag 9 "$ADM" >/dev/null; done
c1=$(cached) r1=$(read_)
# six pushes and one metrics read since c0: at most the first read again
[ $((c1 - c0)) -ge 6 ] && ok "six pushes answered from the cache ($((c1 - c0)))" ||
	fail "the cache answered $((c1 - c0)) of seven look-ups"
[ $((r1 - r0)) -le 1 ] && ok "and read at most once ($((r1 - r0)))" || fail "read $((r1 - r0)) times"

# --- sign-out ---
MONA=$(sign_in "$(enroll desk-2)" mona)
warm "$MONA" 2 sign-out
check "sign-out" 200 "$(status DELETE /v1/sessions/current "" "$MONA")"
refused_every "$MONA" 2 "a signed-out session" unauthorized

# --- disable (another process) ---
GUS=$(sign_in "$(enroll desk-3)" gus)
warm "$GUS" 3 disable
"$FD" --data "$D" user disable gus >/dev/null || fail "user disable"
refused_every "$GUS" 3 "a disabled user's session" unauthorized

# --- password change (another process) ---
ADA=$(sign_in "$(enroll desk-4)" ada)
warm "$ADA" 4 passwd
"$FD" --data "$D" user passwd ada --password-file "$T/pw" >/dev/null || fail "user passwd"
refused_every "$ADA" 4 "a session after a password change" unauthorized

# --- device revoked (command line), session revoked (command line) ---
DEV5=$(enroll desk-5)
PAT=$(sign_in "$DEV5" pat)
warm "$PAT" 5 "device revoke"
DEVID=$(body GET /v1/devices/current "" "$DEV5" | jq -r .device_id)
"$FD" --data "$D" device revoke "$DEVID" >/dev/null || fail "device revoke"
refused_every "$PAT" 5 "a revoked device's session" unauthorized
SOL=$(sign_in "$(enroll desk-6)" sol)
warm "$SOL" 6 "sessions revoke"
SID=$(sqlite3 "$D/frontdeskd.db" "SELECT substr(lower(hex(token_hash)), 1, 16) FROM srv_sessions WHERE username = 'sol'")
"$FD" --data "$D" sessions revoke "$SID" >/dev/null || fail "sessions revoke $SID"
refused_every "$SOL" 6 "a revoked session" unauthorized

# --- device revoked through the API (this process's writer) ---
add_user nia staff
DEV7=$(enroll desk-7)
NIA=$(sign_in "$DEV7" nia)
warm "$NIA" 7 "API revoke"
DEVID=$(body GET /v1/devices/current "" "$DEV7" | jq -r .device_id)
check "the API revokes the device" 200 "$(status POST "/v1/devices/$DEVID/revoke" '' "$ADM")"
refused_every "$NIA" 7 "a device revoked through the API" unauthorized

# --- a role lowered by an operation: the rights of the very next request ---
add_user ian manager
IAN=$(sign_in "$(enroll desk-8)" ian)
check "a manager reads the metrics" "200 200 200" "$(status GET /v1/metrics '' "$IAN") $(status GET /v1/metrics '' "$IAN") $(status GET /v1/metrics '' "$IAN")"
R=$(body POST /v1/ops "{\"ops\":[$(DEVN=9 op "$(cat "$T/seq-9")" staff.update '{"username":"ian","role":"staff"}')]}" "$ADM")
check "ian becomes staff" applied "$(echo "$R" | jq -r '.results[0].status')"
check "ian, staff now, may not read the metrics" "403 403 403" "$(status GET /v1/metrics '' "$IAN") $(status GET /v1/metrics '' "$IAN") $(status GET /v1/metrics '' "$IAN")"
stop_server || fail "stop"

# --- idle and absolute expiry (a new admin session for the metrics each time) ---
add_user ida staff
start_server --session-idle 5
ADM=$(sign_in "$(enroll desk-12)" admin)
IDA=$(sign_in "$(enroll desk-10)" ida)
warm "$IDA" 10 idle
sleep 6
check "an idle session expires, remembered or not" "401 session_expired" "$(flag 10 "$IDA")"
stop_server || fail "stop"
start_server --session-max 6
ADM=$(sign_in "$(enroll desk-13)" admin)
IVY=$(sign_in "$(enroll desk-11)" admin)
warm "$IVY" 11 "absolute expiry"
sleep 6.2
check "a session past its end expires, remembered or not" "401 session_expired" "$(flag 11 "$IVY")"
stop_server || fail "stop"

# --- a revocation trigger gone (a table rebuilt by a later step): no cache ---
sqlite3 "$D/frontdeskd.db" "DROP TRIGGER srv_auth_gen_staff_u"
start_server
grep -q 'sessions are read at every request' "$LOG" && ok "the server says the cache is off" ||
	fail "no warning without the trigger"
ADM=$(sign_in "$(enroll desk-14)" admin)
c0=$(cached)
for _ in 1 2 3; do flag 14 "$ADM" >/dev/null; done
check "nothing answered from the cache" "0 0" "$c0 $(cached)"
stop_server || fail "stop"
finish
