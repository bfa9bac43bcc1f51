#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The mail sender is woken by a push that queued a mail (document.send),
# not by every commit: each wake was a thread switch and a read of the
# queue. frontdeskd_mail_wakes_total counts the wakes; the mail itself is
# queued either way (tests/server/test_mail.sh sends one).
. "${top_srcdir:?}/tests/server/lib.sh"
init_hotel || { echo "FAIL: init" >&2; exit 1; }
start_server
ADM=$(sign_in "$(enroll desk-1)" admin)
DEVN=1
push() { body POST /v1/ops "{\"ops\":[$1]}" "$ADM"; }
wakes() { body GET /v1/metrics '' "$ADM" | sed -n 's/^frontdeskd_mail_wakes_total //p'; }

w0=$(wakes)
[ -n "$w0" ] && ok "the metric is there ($w0)" || fail "no frontdeskd_mail_wakes_total"
G=$(uuid 3 1)
R=$(push "$(op 1 room_type.create '{"id":"'$(uuid 1 1)'","code":"DBL","name":"Double","max_occupancy":2,"base_rate":12000}'),$(op 2 room.create '{"id":"'$(uuid 2 1)'","number":"101","type":"DBL","floor":1}'),$(op 3 guest.create '{"id":"'$G'","family":"Silva","given":"Ana","email":"ana@example.com"}'),$(op 4 booking.create '{"id":"'$(uuid 4 1)'","code":"ABC123","guest_id":"'$G'","type":"DBL","arrival":"2026-03-01","departure":"2026-03-03","adults":2}')")
check "a room, a guest and a booking" "applied applied applied applied" "$(echo "$R" | jq -r '[.results[].status]|join(" ")')"
for n in 5 6 7 8 9; do
	R=$(push "$(op $n room.set_flags '{"room":"101","dnd":true}')")
	check "push $n" applied "$(echo "$R" | jq -r '.results[0].status')"
done
check "six commits without a mail: the sender was not woken" "$w0" "$(wakes)"

R=$(push "$(op 10 document.send '{"booking":"ABC123","kind":"confirmation"}')")
check "a confirmation asked for" applied "$(echo "$R" | jq -r '.results[0].status')"
check "it is queued" "queued ana@example.com" \
	"$(sqlite3 "$D/frontdeskd.db" "SELECT state || ' ' || recipient FROM mail")"
check "the commit that queued it woke the sender" "$((w0 + 1))" "$(wakes)"
# a clean stop: each pool thread's kept answer freed as it ends (the
# sanitizer build reports a leak otherwise)
stop_server && ok "the server stops cleanly" || fail "the server's stop"
finish
