#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Several hotels in one PostgreSQL database: 'frontdeskd property add CODE'
# and 'property list'; with one hotel, user add and enroll-code work as
# before; with several, they refuse to guess and name --property, changing
# nothing; with --property CODE (or the hotel's id) they act on that hotel,
# and a terminal enrolled with a code of hotel B is in hotel B.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
FDP init --property "Lisbon Hotel" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null 2>&1 ||
	fail "init"
LIS=$(pg_psql -c "SELECT id FROM properties")
# one hotel: as before, no --property needed
FDP user add admin --role admin --password-file "$T/pw" >/dev/null || fail "user add with one hotel"
FDP enroll-code >/dev/null 2>&1 || fail "enroll-code with one hotel"

# property add: bad input is refused and changes nothing
snap() { pg_psql -c "SELECT (SELECT count(*) FROM properties), (SELECT count(*) FROM property_codes),
	(SELECT count(*) FROM staff), (SELECT count(*) FROM srv_credentials), (SELECT count(*) FROM srv_enroll_codes),
	(SELECT count(*) FROM changes)"; }
before=$(snap)
out=$(FDP property add porto --name "Porto Hotel" --currency EUR --timezone Europe/Lisbon 2>&1)
check "a lower-case code is refused" 1 $?
case $out in *'"porto" must be 1 to 16 capital letters'*) ;; *) fail "the refusal of porto: $out" ;; esac
out=$(FDP property add PORTO --currency EUR --timezone Europe/Lisbon 2>&1)
check "property add without --name is refused" 2 $?
case $out in *"needs --name, --currency and --timezone"*) ;; *) fail "the refusal without --name: $out" ;; esac
out=$(FDP property add PORTO --name "Porto Hotel" --currency EURO --timezone Europe/Lisbon 2>&1)
check "a bad currency is refused (core's rule)" 1 $?
check "... and nothing was written" "$before" "$(snap)"
# init makes the first hotel only; a second init names property add
out=$(FDP init --property "Another" --currency EUR --timezone Europe/Lisbon 2>&1)
check "a second init is refused" 1 $?
case $out in *"a hotel already exists in this database; add another with 'property add'"*) ;;
*) fail "the second init says: $out" ;; esac
check "... and nothing was written by it" "$before" "$(snap)"

# a second hotel
out=$(FDP property add PORTO --name "Porto Hotel" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 2>&1)
check "property add PORTO" 0 $?
POR=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'PORTO'")
check "the new hotel's row" "Porto Hotel|EUR|Europe/Lisbon" \
	"$(pg_psql -c "SELECT name, currency, timezone FROM properties WHERE id = '$POR'")"
case $out in *"Added hotel PORTO \"Porto Hotel\" ($POR)"*) ;; *) fail "property add says: $out" ;; esac
out=$(FDP property add PORTO --name "Other" --currency EUR --timezone Europe/Lisbon 2>&1)
check "a code used twice is refused" 1 $?
case $out in *'code "PORTO" exists already (Porto Hotel)'*) ;; *) fail "the refusal of a second PORTO: $out" ;; esac
FDP property add FARO --name "Faro Beach" --currency GBP --timezone Europe/London >/dev/null || fail "property add FARO"
FAR=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'FARO'")
FDP property list > "$T/list" || fail "property list"
check "property list: the header and the three hotels, the one of init without a code" \
	"CODE ID CURRENCY TIMEZONE NAME|- $LIS EUR Europe/Lisbon Lisbon Hotel|FARO $FAR GBP Europe/London Faro Beach|PORTO $POR EUR Europe/Lisbon Porto Hotel" \
	"$(tr -s ' ' < "$T/list" | paste -sd '|')"
check "each new hotel has its feed: the property row" "$(printf 'property %s\n' "$FAR" "$POR" | sort | paste -sd '|')" \
	"$(pg_psql -c "SELECT entity || ' ' || entity_id FROM changes WHERE property_id <> '$LIS' ORDER BY entity_id" | sort | paste -sd '|')"

# several hotels: user add and enroll-code refuse to guess
before=$(snap)
out=$(FDP user add bob --role staff --password-file "$T/pw" 2>&1)
check "user add with three hotels and no --property is refused" 1 $?
check "... saying which option to give" \
	"frontdeskd: This database holds 3 hotels ($LIS, FARO, PORTO); say which with --property CODE." "$out"
out=$(FDP enroll-code 2>&1)
check "enroll-code with three hotels and no --property is refused" 1 $?
check "... the same way" \
	"frontdeskd: This database holds 3 hotels ($LIS, FARO, PORTO); say which with --property CODE." "$out"
out=$(FDP user add bob --role staff --property NOPE --password-file "$T/pw" 2>&1)
check "an unknown --property is refused" 1 $?
check "... naming it" "frontdeskd: No hotel has the code or id \"NOPE\" ('property list' shows them)." "$out"
check "... and nothing was written" "$before" "$(snap)"

# --property CODE, or the id of a hotel without a code
FDP user add bob --role admin --property PORTO --password-file "$T/pw" >/dev/null || fail "user add --property PORTO"
FDP user add carla --role staff --property "$LIS" --password-file "$T/pw" >/dev/null || fail "user add --property ID"
check "bob is staff of Porto, carla of Lisbon" "bob|$POR|admin carla|$LIS|staff" \
	"$(pg_psql -c "SELECT username, property_id, role FROM staff WHERE username IN ('bob', 'carla') ORDER BY username" | paste -sd ' ')"
# the new code is the one whose hash was not there before: codes made in
# the same second share an expiry, so ordering by it does not single it out
old_codes=$(pg_psql -c "SELECT string_agg(quote_literal(hash), ',') FROM srv_enroll_codes")
code=$(FDP enroll-code --property PORTO 2>/dev/null) || fail "enroll-code --property PORTO"
check "the code is Porto's" "$POR" "$(pg_psql -c "SELECT property_id FROM srv_enroll_codes WHERE hash NOT IN (${old_codes:-''})")"

# a terminal enrolled with a code of Porto is in Porto
start_server --database "$PG_URI"
dev=$(body POST /v1/devices "{\"code\":\"$code\",\"name\":\"porto desk\"}" | jq -r .token)
check "the terminal is enrolled into Porto" "$POR" "$(pg_psql -c "SELECT property_id FROM srv_devices WHERE name = 'porto desk'")"
check "admin (staff of Lisbon only) cannot sign in at Porto's desk" 401 \
	"$(status POST /v1/sessions '{"username":"admin","password":"correct horse battery"}' "$dev")"
s=$(sign_in "$dev" bob)
[ -n "$s" ] && [ "$s" != null ] || fail "bob signs in at Porto"
DEVN=1
res=$(body POST /v1/ops "{\"ops\":[$(op 1 room_type.create "{\"id\":\"$(uuid 1 90)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}"),
$(op 2 room.create "{\"id\":\"$(uuid 2 90)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}")]}" "$s")
check "bob's pushes are applied" "applied applied" "$(echo "$res" | jq -r '[.results[].status] | join(" ")')"
check "... in Porto" "$POR" "$(pg_psql -c "SELECT property_id FROM rooms WHERE number = '101'")"
feed=$(body GET "/v1/changes?since=0" "" "$s")
check "Porto's terminal's feed: Porto's property and its own rows only" "property:$POR:Porto Hotel staff:bob: room_type:DBL:Double room:101:" \
	"$(echo "$feed" | jq -r '[.changes[] | .entity + ":" + .id + ":" + (.state.name // "")] | join(" ")')"
stop_server || fail "the server did not stop cleanly"
finish
