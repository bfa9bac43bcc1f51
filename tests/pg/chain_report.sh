#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The chain report on PostgreSQL: 'frontdeskd report chain --from D --to D
# [--json | --csv]' gives occupancy, ADR and RevPAR per hotel and for the
# group, from known bookings at each hotel's nightly prices. The group's
# figures come from the summed room-nights and revenue, not from an average
# of the hotels' ratios; hotels in different currencies give the group no
# money figures. Nights 2026-03-01 to 2026-03-10 (10 nights):
#   LIS: 4 rooms = 40 room-nights; L1 3 nights at 100.00, L2 2 of its 3
#        nights inside at 80.00, L3 cancelled (no nights): 5 sold, 460.00;
#        occupancy 5/40 = 0.1250, ADR 92.00, RevPAR 11.50.
#   POR: 2 rooms = 20 room-nights, room 202 out of order 03-01..03-06 (5
#        nights) so 15 available; P1 3 nights at 150.00: 3 sold, 450.00;
#        occupancy 3/15 = 0.2000, ADR 150.00, RevPAR 30.00.
#   group: 55 available, 8 sold, 910.00: occupancy 8/55 = 0.1455 (the
#        average of the ratios would be 0.1625), ADR 113.75, RevPAR 16.55
#        (910.00/55 = 16.5454…, half away from zero).
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
for h in LIS POR; do
	FDP property add $h --name "Hotel $h" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null ||
		fail "property add $h"
	FDP user add "adm$(echo $h | tr A-Z a-z)" --role admin --property $h --password-file "$T/pw" >/dev/null || fail "user add adm$h"
done
start_server --database "$PG_URI"
session() { # CODE -> a session of the hotel's admin at a new terminal of it
	_dev=$(body POST /v1/devices "{\"code\":\"$(FDP enroll-code --property "$1" 2>/dev/null)\",\"name\":\"desk $1\"}" | jq -r .token)
	sign_in "$_dev" "adm$(echo $1 | tr A-Z a-z)"
}
push() { body POST /v1/ops "{\"ops\":[$2]}" "$1" | jq -r '[.results[].status] | join(" ")'; }
rt() { op "$1" room_type.create "{\"id\":\"$(uuid "$1" "$DEVN")\",\"code\":\"$2\",\"name\":\"$2\",\"max_occupancy\":2,\"base_rate\":$3}"; }
room() { op "$1" room.create "{\"id\":\"$(uuid "$1" "$DEVN")\",\"number\":\"$2\",\"type\":\"$3\",\"floor\":1}"; }
guest() { op "$1" guest.create "{\"id\":\"$(uuid "$1" "$DEVN")\",\"family\":\"$2\"}"; }
book() { # SEQ CODE GUEST_SEQ TYPE ARRIVAL DEPARTURE
	op "$1" booking.create "{\"id\":\"$(uuid "$1" "$DEVN")\",\"code\":\"$2\",\"guest_id\":\"$(uuid "$3" "$DEVN")\",\"type\":\"$4\",\"arrival\":\"$5\",\"departure\":\"$6\",\"adults\":1}"
}

DEVN=1
s=$(session LIS)
check "Lisbon's rooms and bookings" "applied applied applied applied applied applied applied applied applied applied applied" \
	"$(push "$s" "$(rt 1 DBL 10000),$(rt 2 SGL 8000),$(room 3 101 DBL),$(room 4 102 DBL),$(room 5 201 SGL),$(room 6 202 SGL),
$(guest 7 Lopes),$(book 8 L00001 7 DBL 2026-03-02 2026-03-05),$(book 9 L00002 7 SGL 2026-03-09 2026-03-12),
$(book 10 L00003 7 DBL 2026-03-04 2026-03-06),$(op 11 booking.cancel '{"booking":"L00003"}')")"
DEVN=2
s=$(session POR)
check "Porto's rooms and booking" "applied applied applied applied applied applied" \
	"$(push "$s" "$(rt 1 STD 15000),$(room 2 201 STD),$(room 3 202 STD),
$(op 4 room.set_maintenance '{"room":"202","state":"ooo","from":"2026-03-01","to":"2026-03-06","reason":"flood"}'),
$(guest 5 Silva),$(book 6 P00001 5 STD 2026-03-01 2026-03-04)")"
stop_server || fail "the server did not stop cleanly"

FDP report chain --from 2026-03-01 --to 2026-03-10 --csv > "$T/csv" 2>&1 || fail "report chain --csv: $(cat "$T/csv")"
check "the CSV" "code,name,currency,rooms_available,rooms_sold,occupancy,room_revenue,adr,revpar
LIS,Hotel LIS,EUR,40,5,0.1250,460.00,92.00,11.50
POR,Hotel POR,EUR,15,3,0.2000,450.00,150.00,30.00
GROUP,,EUR,55,8,0.1455,910.00,113.75,16.55" "$(cat "$T/csv")"
FDP report chain --from 2026-03-01 --to 2026-03-10 --json > "$T/json" || fail "report chain --json"
check "the JSON: per hotel" "LIS EUR 40 5 0.125 46000 9200 1150|POR EUR 15 3 0.2 45000 15000 3000" \
	"$(jq -r '[.properties[] | [.code, .currency, .rooms_available, .rooms_sold, .occupancy, .room_revenue_minor, .adr_minor, .revpar_minor] | map(tostring) | join(" ")] | join("|")' "$T/json")"
check "the JSON: the group from summed counts" "GROUP EUR 55 8 0.145455 91000 11375 1655" \
	"$(jq -r '.group | [.code, .currency, .rooms_available, .rooms_sold, .occupancy, .room_revenue_minor, .adr_minor, .revpar_minor] | map(tostring) | join(" ")' "$T/json")"
check "the JSON: the range" "2026-03-01 2026-03-10" "$(jq -r '.from + " " + .to' "$T/json")"
FDP report chain --from 2026-03-01 --to 2026-03-10 > "$T/text" || fail "report chain"
check "the text: the group's line" "GROUP EUR 55 8 14.55% 910.00 113.75 16.55" "$(grep '^GROUP' "$T/text" | tr -s ' ')"

# A night outside every stay, and the edge of one: L2's nights 03-09..03-11.
check "one night, 2026-03-11: only L2" "LIS,Hotel LIS,EUR,4,1,0.2500,80.00,80.00,20.00" \
	"$(FDP report chain --from 2026-03-11 --to 2026-03-11 --csv | grep '^LIS')"

# A hotel in another currency: the group keeps its occupancy, not its money.
FDP property add LON --name "London, Soho" --currency GBP --timezone Europe/London >/dev/null || fail "property add LON"
FDP report chain --from 2026-03-01 --to 2026-03-10 --csv > "$T/csv2" || fail "report chain with LON"
check "a name with a comma is quoted; a hotel without rooms has no ratios" \
	'LON,"London, Soho",GBP,0,0,,0.00,,' "$(grep '^LON' "$T/csv2")"
check "mixed currencies: the group has occupancy but no money" "GROUP,,,55,8,0.1455,,," "$(grep '^GROUP' "$T/csv2")"
check "... and says why" "(The hotels keep different currencies: the group has no revenue, ADR or RevPAR.)" \
	"$(FDP report chain --from 2026-03-01 --to 2026-03-10 | tail -1)"
check "... in JSON: nulls" "null null null null" \
	"$(FDP report chain --from 2026-03-01 --to 2026-03-10 --json | jq -r '.group | [.currency, .room_revenue_minor, .adr_minor, .revpar_minor] | map(tostring) | join(" ")')"

# Bad input: a clear message, exit 2.
out=$(FDP report chain --from 2026-03-10 --to 2026-03-01 2>&1)
check "a range that ends before it begins is refused" 1 $?
check "... saying so" "frontdeskd: --to must be on or after --from, at most ten years later" "$out"
out=$(FDP report chain --from 2026-3-1 --to 2026-03-10 2>&1)
check "a bad date is refused" "1 frontdeskd: --from and --to must be dates, YYYY-MM-DD" "$? $out"
out=$(FDP report chain --from 2026-03-01 --to 2026-03-10 --json --csv 2>&1 | head -1)
check "--json and --csv together are refused" "frontdeskd: report chain --from YYYY-MM-DD --to YYYY-MM-DD [--json | --csv]" "$out"
finish
