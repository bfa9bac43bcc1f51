#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Two hotels on one PostgreSQL database, each with its terminal and its
# signed-in session: a session of hotel A cannot read or change anything of
# hotel B through any endpoint. Its feed (long-poll included) holds none of
# B's rows; pushes naming B's booking codes and ids, B's rooms, guests,
# staff, property, folios, folio lines and company accounts are refused
# with the exact refusal, and ids of B's
# rows reused in A are refused rather than silently dropped; A's people
# cannot sign in at B's terminal nor B's at A's; every other route of the
# API, given B's identifiers, answers without any of them, nor anything of
# a SQLite hotel in the data directory. The read endpoints (rooms, room
# types, bookings, a booking by code, availability, metrics) answer each
# hotel its own rows only. Every row of B is the same before and after
# (psql).
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
FDP init --property "Alfama Hotel" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null 2>&1 || fail "init A"
A_ID=$(pg_psql -c "SELECT id FROM properties")
FDP user add anna --role admin --password-file "$T/pw" >/dev/null || fail "user add anna"
FDP property add PORTO --name "Boavista Hotel" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null ||
	fail "property add PORTO"
B_ID=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'PORTO'")
FDP user add bruno --role admin --property PORTO --password-file "$T/pw" >/dev/null || fail "user add bruno"
codeA=$(FDP enroll-code --property "$A_ID" 2>/dev/null)
codeB=$(FDP enroll-code --property PORTO 2>/dev/null)

# A SQLite hotel in the servers' data directory too (as after 'migrate
# --to'): nothing of it may reach a PostgreSQL session either.
"$FD" --data "$D" init --property "Quinta Sqlite" --currency EUR --timezone Europe/Lisbon >/dev/null 2>&1 ||
	fail "init the SQLite hotel"
"$FD" --data "$D" user add sofia --role admin --password-file "$T/pw" >/dev/null || fail "user add sofia (SQLite)"
sqlite_scrape=$("$FD" --data "$D" metrics-token 2>/dev/null)
start_server
body POST /v1/devices "{\"code\":\"$("$FD" --data "$D" enroll-code 2>/dev/null)\",\"name\":\"quintadesk\"}" >/dev/null
stop_server || fail "the SQLite server did not stop cleanly"

start_server --database "$PG_URI"
devA=$(body POST /v1/devices "{\"code\":\"$codeA\",\"name\":\"alfama desk\"}" | jq -r .token)
devB=$(body POST /v1/devices "{\"code\":\"$codeB\",\"name\":\"boavista desk\"}" | jq -r .token)
sA=$(sign_in "$devA" anna)
sB=$(sign_in "$devB" bruno)
[ -n "$sA" ] && [ "$sA" != null ] && [ -n "$sB" ] && [ "$sB" != null ] || { fail "signing in"; finish; }

# Hotel B: rooms 101 and 301, guest Secretson booked into 301, a task.
G_B=$(uuid 1 11)
BK_B=$(uuid 2 11)
R301_B=$(uuid 4 11)
T_B=$(uuid 5 11)
DEVN=2
res=$(body POST /v1/ops "{\"ops\":[$(op 1 room_type.create "{\"id\":\"$(uuid 6 11)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}"),
$(op 2 room.create "{\"id\":\"$(uuid 3 11)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}"),
$(op 3 room.create "{\"id\":\"$R301_B\",\"number\":\"301\",\"type\":\"DBL\",\"floor\":3}"),
$(op 4 guest.create "{\"id\":\"$G_B\",\"family\":\"Secretson\",\"given\":\"Beatriz\"}"),
$(op 5 booking.create "{\"id\":\"$BK_B\",\"code\":\"BKB001\",\"guest_id\":\"$G_B\",\"type\":\"DBL\",\"arrival\":\"2026-03-02\",\"departure\":\"2026-03-05\",\"adults\":2}"),
$(op 6 booking.assign_room '{"booking":"BKB001","room":"301"}'),
$(op 7 task.create "{\"id\":\"$T_B\",\"room\":\"301\",\"date\":\"2026-03-02\",\"kind\":\"clean\"}")]}" "$sB")
check "hotel B's rows" "applied applied applied applied applied applied applied" "$(echo "$res" | jq -r '[.results[].status] | join(" ")')"

# Hotel A: a room 101 of its own and a booking in it.
G_A=$(uuid 1 12)
DEVN=1
res=$(body POST /v1/ops "{\"ops\":[$(op 1 room_type.create "{\"id\":\"$(uuid 6 12)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":8000}"),
$(op 2 room.create "{\"id\":\"$(uuid 3 12)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}"),
$(op 3 guest.create "{\"id\":\"$G_A\",\"family\":\"Aguiar\"}"),
$(op 4 booking.create "{\"id\":\"$(uuid 2 12)\",\"code\":\"AKA001\",\"guest_id\":\"$G_A\",\"type\":\"DBL\",\"arrival\":\"2026-03-02\",\"departure\":\"2026-03-04\",\"adults\":1}"),
$(op 5 booking.assign_room '{"booking":"AKA001","room":"101"}')]}" "$sA")
check "hotel A's rows" "applied applied applied applied applied" "$(echo "$res" | jq -r '[.results[].status] | join(" ")')"

# Every row of hotel B, and every row anywhere that names one of B's ids.
snapB() {
	pg_psql -c "SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
	SELECT 'p' || to_jsonb(t)::text x FROM properties t WHERE id = '$B_ID'
	UNION ALL SELECT 'c' || to_jsonb(t)::text FROM property_codes t WHERE property_id = '$B_ID'
	UNION ALL SELECT 'rt' || to_jsonb(t)::text FROM room_types t WHERE property_id = '$B_ID'
	UNION ALL SELECT 'r' || to_jsonb(t)::text FROM rooms t WHERE property_id = '$B_ID'
	UNION ALL SELECT 'g' || to_jsonb(t)::text FROM guests t WHERE property_id = '$B_ID' OR id = '$G_B'
	UNION ALL SELECT 'b' || to_jsonb(t)::text FROM bookings t WHERE property_id = '$B_ID' OR id = '$BK_B' OR guest_id = '$G_B'
	UNION ALL SELECT 'n' || to_jsonb(t)::text FROM stay_nights t WHERE property_id = '$B_ID' OR booking_id = '$BK_B'
	UNION ALL SELECT 's' || to_jsonb(t)::text FROM staff t WHERE property_id = '$B_ID'
	UNION ALL SELECT 'k' || to_jsonb(t)::text FROM hk_tasks t WHERE property_id = '$B_ID' OR id = '$T_B'
	UNION ALL SELECT 'e' || to_jsonb(t)::text FROM settings t WHERE property_id = '$B_ID'
	UNION ALL SELECT 'cc' || to_jsonb(t)::text FROM charge_codes t WHERE property_id = '$B_ID'
	UNION ALL SELECT 'fo' || to_jsonb(t)::text FROM folios t WHERE property_id = '$B_ID' OR booking_id = '$BK_B'
	UNION ALL SELECT 'fl' || to_jsonb(t)::text FROM folio_lines t WHERE property_id = '$B_ID' OR id = '${L_B:-}'
	UNION ALL SELECT 'co' || to_jsonb(t)::text FROM companies t WHERE property_id = '$B_ID'
	UNION ALL SELECT 'dr' || to_jsonb(t)::text FROM day_reports t WHERE property_id = '$B_ID'
	UNION ALL SELECT 'f' || to_jsonb(t)::text FROM feed_counters t WHERE property_id = '$B_ID'
	UNION ALL SELECT 'h' || to_jsonb(t)::text FROM changes t WHERE property_id = '$B_ID'
	   OR entity_id IN ('$B_ID', '$G_B', '$BK_B', '$T_B', 'bruno')
	UNION ALL SELECT 'd' || (to_jsonb(t) - 'last_pull_at' - 'last_push_at')::text FROM srv_devices t WHERE property_id = '$B_ID'
	UNION ALL SELECT 'o' || to_jsonb(t)::text FROM srv_op_results t WHERE property_id = '$B_ID'
	UNION ALL SELECT 'q' || to_jsonb(t)::text FROM srv_enroll_codes t WHERE property_id = '$B_ID') s"
}
before=$(snapB)
# B's names and ids: none of them may reach A (B's bill's added below).
secrets="$B_ID Boavista bruno Secretson Beatriz BKB001 $BK_B $G_B $T_B $R301_B Quinta sofia quintadesk"
leaks() { # TEXT: which of B's names and ids it holds
	_found=
	for _s in $secrets; do case $1 in *"$_s"*) _found="$_found $_s" ;; esac; done
	echo "${_found# }"
}

# The feed of A, from the start.
feed=$(body GET "/v1/changes?since=0&limit=1000" "" "$sA")
check "A's feed has A's rows" "booking guest property room room_type staff" \
	"$(echo "$feed" | jq -r '[.changes[].entity] | unique | join(" ")')"
check "A's feed holds nothing of B" "" "$(leaks "$feed")"
check "A's feed names A's property only" "$A_ID" "$(echo "$feed" | jq -r '.changes[] | select(.entity == "property") | .id')"
# A long-poll of A while B commits: woken, it finds nothing of A's and
# answers, at its deadline, without B's change.
next=$(echo "$feed" | jq -r .next)
curl -s --max-time 30 -H "Authorization: Bearer $sA" "$URL/v1/changes?since=$next&wait=2" > "$T/poll" &
poll=$!
sleep 0.3
DEVN=2
check "B pushes while A waits" applied "$(body POST /v1/ops "{\"ops\":[$(op 8 room.set_flags '{"room":"301","dnd":true}')]}" "$sB" | jq -r '.results[0].status')"
wait $poll
check "A's long-poll answers without B's change" "[]|$next" "$(jq -c '.changes' "$T/poll")|$(jq -r .next "$T/poll")"
# B's bill and company account (folios on PostgreSQL, steps 11 and 12).
L_B=$(uuid 7 11)
C_B=$(uuid 8 11)
res=$(body POST /v1/ops "{\"ops\":[$(op 9 folio.post "{\"id\":\"$L_B\",\"booking\":\"BKB001\",\"charge\":\"FB\",\"amount\":1500,\"description\":\"Secret dinner\"}"),
$(op 10 company.create "{\"id\":\"$C_B\",\"name\":\"Secretcorp\",\"direct_bill\":true,\"credit_limit\":100000}")]}" "$sB")
check "hotel B's bill and account" "applied applied" "$(echo "$res" | jq -r '[.results[].status] | join(" ")')"
F_B=$(pg_psql -c "SELECT id FROM folios WHERE property_id = '$B_ID'")
secrets="$secrets $F_B $L_B $C_B Secretcorp"
before=$(snapB)

# Pushes of A naming B's things: each refused (seq, type, payload, code).
DEVN=1
n=6
attack() { # TYPE PAYLOAD EXPECTED
	res=$(body POST /v1/ops "{\"ops\":[$(op $n "$1" "$2")]}" "$sA")
	got=$(echo "$res" | jq -r '.results[0] | .status + " " + (.error.code // "") + ": " + (.error.message // "")')
	[ "$got" = " : " ] && got=$res
	check "A: $1 $2" "$3" "$got"
	# (naming back what A sent is no leak)
	check "... tells A nothing more of B" "$(leaks "$2")" "$(leaks "$got $2")"
	n=$((n + 1))
}
attack booking.cancel '{"booking":"BKB001"}' "rejected booking_not_found: No booking \"BKB001\"."
attack booking.check_in "{\"booking\":\"$BK_B\"}" "rejected booking_not_found: No booking \"$BK_B\"."
attack booking.assign_room '{"booking":"BKB001","room":"101"}' "rejected booking_not_found: No booking \"BKB001\"."
attack booking.assign_room '{"booking":"AKA001","room":"301"}' "rejected room_not_found: No room \"301\"."
attack room.set_clean '{"room":"301","status":"inspected"}' "rejected room_not_found: No room \"301\"."
attack room.set_flags '{"room":"301","dnd":false}' "rejected room_not_found: No room \"301\"."
attack guest.update "{\"guest\":\"$G_B\",\"family\":\"Hacked\"}" "rejected guest_not_found: No guest with id $G_B."
attack guest.create "{\"id\":\"$G_B\",\"family\":\"Clash\"}" "rejected wrong_property: Guest $G_B belongs to another property."
attack booking.create "{\"id\":\"$(uuid 9 12)\",\"code\":\"AKA009\",\"guest_id\":\"$G_B\",\"type\":\"DBL\",\"arrival\":\"2026-03-02\",\"departure\":\"2026-03-03\",\"adults\":1}" "rejected guest_not_found: No guest with id $G_B."
attack booking.create "{\"id\":\"$BK_B\",\"code\":\"AKA010\",\"guest_id\":\"$G_A\",\"type\":\"DBL\",\"arrival\":\"2026-03-10\",\"departure\":\"2026-03-11\",\"adults\":1}" "rejected wrong_property: Booking $BK_B belongs to another property."
attack room.create "{\"id\":\"$R301_B\",\"number\":\"901\",\"type\":\"DBL\",\"floor\":9}" "rejected duplicate_id: The id $R301_B is another room's (of this hotel or another)."
attack task.create "{\"id\":\"$T_B\",\"room\":\"101\",\"date\":\"2026-03-02\",\"kind\":\"clean\"}" "rejected wrong_property: Task $T_B belongs to another property."
attack task.update "{\"task\":\"$T_B\",\"status\":\"done\"}" "rejected task_not_found: No task $T_B."
attack staff.update '{"username":"bruno","role":"guest"}' "rejected staff_not_found: No staff member \"bruno\"."
attack property.update "{\"id\":\"$B_ID\",\"name\":\"Hacked\"}" "rejected wrong_property: This connection acts for property $A_ID, not $B_ID."
attack folio.post "{\"id\":\"$(uuid 20 12)\",\"folio\":\"$F_B\",\"charge\":\"FB\",\"amount\":100}" "rejected folio_not_found: No folio \"$F_B\"."
attack folio.void "{\"id\":\"$(uuid 21 12)\",\"line\":\"$L_B\",\"reason\":\"mine\"}" "rejected line_not_found: No folio line \"$L_B\"."
attack folio.move_line "{\"line\":\"$L_B\",\"folio\":\"$F_B\"}" "rejected line_not_found: No folio line \"$L_B\"."
attack folio.post "{\"id\":\"$L_B\",\"booking\":\"AKA001\",\"charge\":\"FB\",\"amount\":100}" "rejected wrong_property: Folio line $L_B belongs to another property."
attack folio.create "{\"id\":\"$F_B\",\"booking\":\"AKA001\",\"name\":\"Mine\"}" "rejected wrong_property: Folio $F_B belongs to another property."
attack company.update '{"company":"Secretcorp","credit_limit":1}' "rejected company_not_found: No company account \"Secretcorp\"; a manager adds it with 'frontdesk company add NAME --direct-bill --credit-limit AMOUNT' (see 'frontdesk company list')."
res=$(body POST /v1/ops "{\"ops\":[{\"op_id\":\"$(uuid $n 1)\",\"device_seq\":$n,\"type\":\"room.set_flags\",\"actor\":\"bruno\",\"payload\":{\"room\":\"101\",\"dnd\":true}}]}" "$sA")
check "A acting as B's bruno" "rejected unproven_actor" "$(echo "$res" | jq -r '.results[0] | .status + " " + .error.code')"
check "B's rows are unchanged after A's pushes" "$before" "$(snapB)"
# (A's refused pushes are A's conflict notices now: they name back what A
# sent, which is no leak; everything else in A's feed must hold nothing of B)
check "A's feed holds nothing of B after them either" "" \
	"$(leaks "$(body GET "/v1/changes?since=0&limit=1000" "" "$sA" | jq -c '[.changes[] | select(.entity != "conflict")]')")"
check "... and its notices are A's refused operations" "$(pg_psql -c "SELECT count(*) FROM srv_op_results WHERE property_id = '$A_ID' AND status = 'rejected'")" \
	"$(body GET "/v1/changes?since=0&limit=1000" "" "$sA" | jq '[.changes[] | select(.entity == "conflict")] | length')"

# People: A's at B's terminal, B's at A's; a session is not a device token.
check "anna cannot sign in at B's terminal" 401 "$(status POST /v1/sessions '{"username":"anna","password":"correct horse battery"}' "$devB")"
check "bruno cannot sign in at A's terminal" 401 "$(status POST /v1/sessions '{"username":"bruno","password":"correct horse battery"}' "$devA")"
check "A's session is no device token" 401 "$(status POST /v1/sessions '{"username":"anna","password":"correct horse battery"}' "$sA")"
check "B's used enrolment code enrols nothing" 401 "$(status POST /v1/devices "{\"code\":\"$codeB\",\"name\":\"again\"}")"

# The read endpoints, one by one: A's rows only, as A has them, and B's
# the same for B (each hotel has a DBL type and a room 101 of its own).
check "A's rooms" "101 A" "$(body GET /v1/rooms "" "$sA" | jq -r '[.[].number] + [if .[0].occupant == null then "A" else "?" end] | join(" ")')"
check "B's rooms" "101 301" "$(body GET /v1/rooms "" "$sB" | jq -r '[.[].number] | join(" ")')"
check "A's room types, at A's rate" "DBL 8000" "$(body GET /v1/room-types "" "$sA" | jq -r '.[] | .code + " " + (.base_rate | tostring)')"
check "B's room types, at B's rate" "DBL 9000" "$(body GET /v1/room-types "" "$sB" | jq -r '.[] | .code + " " + (.base_rate | tostring)')"
check "A's bookings" "AKA001 Aguiar" \
	"$(body GET "/v1/bookings?from=2026-03-01&to=2026-04-01" "" "$sA" | jq -r '.[] | .code + " " + .guest')"
check "B's bookings" "BKB001 Secretson, Beatriz" \
	"$(body GET "/v1/bookings?from=2026-03-01&to=2026-04-01" "" "$sB" | jq -r '.[] | .code + " " + .guest')"
check "A asking for B's booking by code" '404 {"error":{"code":"not_found","message":"No booking with code \"BKB001\".","field":"code"}}' \
	"$(req GET /v1/bookings/BKB001 "" "$sA")"
check "A's own booking by code" "AKA001 101" "$(body GET /v1/bookings/AKA001 "" "$sA" | jq -r '.code + " " + .room')"
check "B asking for A's booking by code" 404 "$(status GET /v1/bookings/AKA001 "" "$sB")"
# A's one room is A's booking's on 03-02 and 03-03; B's booking (room 301
# of B, 03-02 to 03-05) takes nothing from A's availability, nor A's from B's.
check "A's availability counts A's nights only" "0 0 1 1" \
	"$(body GET "/v1/availability?from=2026-03-02&to=2026-03-06" "" "$sA" | jq -r '[.[0].nights[].free] | join(" ")')"
check "B's availability counts B's nights only" "1 1 1 2" \
	"$(body GET "/v1/availability?from=2026-03-02&to=2026-03-06" "" "$sB" | jq -r '[.[0].nights[].free] | join(" ")')"
# The metrics of a session show its own hotel's devices.
devA_id=$(pg_psql -c "SELECT id FROM srv_devices WHERE property_id = '$A_ID'")
devB_id=$(pg_psql -c "SELECT id FROM srv_devices WHERE property_id = '$B_ID'")
mA=$(body GET /v1/metrics "" "$sA")
check "A's metrics name A's device" "$devA_id" "$(echo "$mA" | sed -n 's/^frontdeskd_device_seconds_since_push{device="\([^"]*\)".*/\1/p')"
check "A's metrics hold nothing of B" "" "$(leaks "$mA"; echo "$mA" | grep -o -e "$devB_id" -e 'boavista desk')"
check "B's metrics name B's device" "$devB_id" \
	"$(body GET /v1/metrics "" "$sB" | sed -n 's/^frontdeskd_device_seconds_since_push{device="\([^"]*\)".*/\1/p')"
# The chain's scrape token shows every hotel, each labelled; the data
# directory's SQLite token is nothing on PostgreSQL.
check "the SQLite hotel's scrape token on PostgreSQL" 401 "$(status GET /v1/metrics "" "$sqlite_scrape")"
scrape=$(FDP metrics-token 2>/dev/null)
m=$(body GET /v1/metrics "" "$scrape")
check "the chain's scrape token: every hotel's device, labelled" \
	"$(printf '%s\n' "$devA_id alfama desk $A_ID" "$devB_id boavista desk PORTO" | sort)" \
	"$(echo "$m" | sed -n 's/^frontdeskd_device_seconds_since_push{device="\([^"]*\)",name="\([^"]*\)",property="\([^"]*\)"}.*/\1 \2 \3/p' | sort)"
check "... and every hotel's night audit" "$(printf '%s\n' "$A_ID" PORTO | sort)" \
	"$(echo "$m" | sed -n 's/^frontdeskd_audit_late_nights{property="\([^"]*\)"} [0-9-]*$/\1/p')"
FDP metrics-token revoke >/dev/null 2>&1 || fail "metrics-token revoke"
check "a revoked scrape token" 401 "$(status GET /v1/metrics "" "$scrape")"

# Every route of the API, asked by A with B's identifiers in its path and
# query: none answers with any of them.
"$FD" routes | while read -r method path auth perm; do
	# (not A's sign-out: the other routes are asked with A's live session)
	[ "$method $path" = "DELETE /v1/sessions/current" ] && continue
	p=$(echo "$path" | sed "s/{code}/BKB001/; s/{id}/$BK_B/; s/{file}/index.html/")
	for q in "" "?code=BKB001" "?guest=$G_B" "?room=301" "?property=$B_ID"; do
		out=$(req "$method" "$p$q" '{}' "$sA")
		# (naming back what A asked for is no leak, nor are A's own
		# conflict notices, which name back what A pushed above)
		b=${out#* }
		nb=$(printf '%s' "$b" | jq -c 'if type == "object" then del(.entities.conflict)
			| (if has("changes") then .changes |= map(select(.entity != "conflict")) else . end) else . end' 2>/dev/null) ||
			nb=$b
		asked=" $(leaks "$p$q") "
		l=
		for _s in $(leaks "$nb"); do case $asked in *" $_s "*) ;; *) l="$l $_s" ;; esac; done
		[ -z "$l" ] || echo "$method $p$q:$l"
	done
done > "$T/routes"
check "no route answers A with B's names or ids" "" "$(cat "$T/routes")"
# (the device list is served from PostgreSQL: A's devices, never the data
# directory's SQLite file nor B's)
check "the device list is not served from the data directory's file" "" \
	"$(body GET /v1/devices "" "$sA" | grep -o -e quintadesk -e 'boavista desk')"
check "B's rows are unchanged at the end" "$before" "$(snapB)"
stop_server || fail "the server did not stop cleanly"
finish
