#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared guest profiles across a chain (PostgreSQL), a setting of the
# chain: 'frontdeskd property share-guests on|off' (off by default). On, a
# guest created at one hotel with the e-mail (any case) or document number
# of a guest known at another hotel is recognised: the new profile takes
# the VIP flag, preferences and language (core's fd_guest_carry_over) and
# the push says so; never the other hotel's notes or documents. Off,
# nothing crosses between hotels.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
for h in LIS POR; do
	l=$(echo $h | tr A-Z a-z)
	FDP property add $h --name "Hotel $h" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null ||
		fail "property add $h"
	FDP user add "adm$l" --role admin --property $h --password-file "$T/pw" >/dev/null || fail "user add adm$l"
done
POR=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'POR'")
start_server --database "$PG_URI"
session() {
	_dev=$(body POST /v1/devices "{\"code\":\"$(FDP enroll-code --property "$1" 2>/dev/null)\",\"name\":\"desk $1\"}" | jq -r .token)
	sign_in "$_dev" "adm$(echo $1 | tr A-Z a-z)"
}
sL=$(session LIS)
sP=$(session POR)
guest() { # SESSION DEVN SEQ PAYLOAD -> status and warning
	DEVN=$2 body POST /v1/ops "{\"ops\":[$(DEVN=$2 op "$3" guest.create "$4")]}" "$1" |
		jq -r '.results[0] | .status + "|" + (.warning // "")'
}
profile() { pg_psql -c "SELECT vip || '|' || preferences || '|' || language || '|' || notes || '|' || document FROM guests WHERE id = '$1'"; }

check "Rosa at Lisbon: VIP, preferences, a note and her passport" "applied|" \
	"$(guest "$sL" 1 1 "{\"id\":\"$(uuid 1 1)\",\"family\":\"Costa\",\"given\":\"Rosa\",\"email\":\"Rosa.Costa@example.org\",\"vip\":true,\"preferences\":\"quiet room, feather-free pillows\",\"language\":\"pt\",\"notes\":\"LIS secret note\",\"document\":\"P1234567\"}")"

# Off (the default): Porto does not know her.
check "off: Rosa at Porto is a new guest" "applied|" \
	"$(guest "$sP" 2 1 "{\"id\":\"$(uuid 1 2)\",\"family\":\"Costa\",\"email\":\"rosa.costa@example.org\"}")"
check "... with nothing of Lisbon's profile" "0||||" "$(profile "$(uuid 1 2)")"

out=$(FDP property share-guests on 2>&1)
check "property share-guests on" "0 Guest profiles are shared across the chain: a returning guest is recognised at every hotel." "$? $out"
warn="A returning guest of the chain: the profile takes the VIP flag and preferences known at another hotel."
check "on: Rosa at Porto by her e-mail (another case) is recognised" "applied|$warn" \
	"$(guest "$sP" 2 2 "{\"id\":\"$(uuid 2 2)\",\"family\":\"Costa\",\"email\":\"ROSA.COSTA@example.org\"}")"
check "... her VIP flag, preferences and language come along, not Lisbon's note nor her passport" \
	"1|quiet room, feather-free pillows|pt||" "$(profile "$(uuid 2 2)")"
check "... by her document number too" "applied|$warn" \
	"$(guest "$sP" 2 3 "{\"id\":\"$(uuid 3 2)\",\"family\":\"Costa\",\"document\":\"P1234567\"}")"
check "a guest whose preferences are her own keeps them" "1|sea view|pt||" \
	"$(guest "$sP" 2 4 "{\"id\":\"$(uuid 4 2)\",\"family\":\"Costa\",\"email\":\"rosa.costa@example.org\",\"preferences\":\"sea view\"}" >/dev/null; profile "$(uuid 4 2)")"
check "someone else is not recognised" "applied|" \
	"$(guest "$sP" 2 5 "{\"id\":\"$(uuid 5 2)\",\"family\":\"Costa\",\"email\":\"other@example.org\"}")"
check "Porto's feed has the recognised profile, and nothing of Lisbon's note" "1|quiet room, feather-free pillows|0" \
	"$(body GET "/v1/changes?since=0" "" "$sP" | jq -r --arg id "$(uuid 2 2)" '[(.changes[] | select(.id == $id) | .state | (.vip | tostring) + "|" + .preferences), ([.changes[] | tostring | select(test("LIS secret"))] | length | tostring)] | join("|")')"
check "Porto's guests stay Porto's rows" 5 "$(pg_psql -c "SELECT count(*) FROM guests WHERE property_id = '$POR'")"

FDP property share-guests off >/dev/null || fail "property share-guests off"
check "off again: not recognised" "applied|" \
	"$(guest "$sP" 2 6 "{\"id\":\"$(uuid 6 2)\",\"family\":\"Costa\",\"email\":\"rosa.costa@example.org\"}")"
out=$(FDP property share-guests maybe 2>&1 | head -1)
check "a setting other than on or off is refused" \
	"frontdeskd: property add CODE --name TEXT --currency C --timezone TZ [--date D] | property list | property share-guests on|off" "$out"
stop_server || fail "the server did not stop cleanly"
finish
