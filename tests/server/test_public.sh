#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The guests' side (src/server/public.c) against a real frontdeskd: offers
# for a stay, a booking under an Idempotency-Key (bad input refused naming
# the field with nothing stored, the same key answering the same booking, a
# sold-out type answering 409 with alternatives), CORS for the configured
# origins only, the body cap, the guest's link (view, change, document,
# cancel, used up, expired), rate limits per address and per e-mail, the
# booking page's files, and no conflict notice for any refusal.
. "${top_srcdir:?}/tests/server/lib.sh"
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 is needed" >&2; exit 1; }

init_hotel || { echo "FAIL: init" >&2; exit 1; }
ORIGIN=https://www.hotel.example
start_server --public-origins "$ORIGIN, https://book.hotel.example" --public-email-rate 4 --link-uses 8 \
	--book-dir "$top_srcdir/data/book" --public-rate 1000 --public-max-body 4096
DEV=$(enroll desk-1)
ADM=$(sign_in "$DEV" admin)
SETUP="{\"ops\":[$(op 1 room_type.create '{"id":"'$(uuid 1 1)'","code":"DBL","name":"Double","max_occupancy":2,"base_rate":9000}'),
$(op 2 room.create '{"id":"'$(uuid 2 1)'","number":"101","type":"DBL","floor":1}'),
$(op 3 room_type.create '{"id":"'$(uuid 3 1)'","code":"SGL","name":"Single","max_occupancy":1,"base_rate":6000}'),
$(op 4 room.create '{"id":"'$(uuid 4 1)'","number":"201","type":"SGL","floor":2}'),
$(op 5 room_type.create '{"id":"'$(uuid 5 1)'","code":"SUI","name":"Suite","max_occupancy":4,"base_rate":20000,"rank":5}'),
$(op 6 room.create '{"id":"'$(uuid 6 1)'","number":"301","type":"SUI","floor":3}')]}"
check "setup pushed" "applied applied applied applied applied applied" \
	"$(body POST /v1/ops "$SETUP" "$ADM" | jq -r '[.results[].status] | join(" ")')"
DB=$D/frontdeskd.db
counts() { sqlite3 "$DB" "SELECT (SELECT count(*) FROM bookings), (SELECT count(*) FROM guests), (SELECT count(*) FROM srv_public_requests), (SELECT count(*) FROM mail), (SELECT count(*) FROM srv_conflicts)"; }

# --- availability ---
A=/v1/public/availability
field() { body GET "$1" | jq -r .error.field; }
check "no arrival: 400" 400 "$(status GET "$A?depart=2026-03-12")"
check "no arrival: names arrive" arrive "$(field "$A?depart=2026-03-12")"
check "a bad date names arrive" arrive "$(field "$A?arrive=2026-02-30&depart=2026-03-12")"
check "departure before arrival names depart" depart "$(field "$A?arrive=2026-03-12&depart=2026-03-10")"
check "an arrival in the past names arrive" arrive "$(field "$A?arrive=2026-02-20&depart=2026-03-12")"
check "31 nights names depart" depart "$(field "$A?arrive=2026-03-10&depart=2026-04-10")"
check "no adults names adults" adults "$(field "$A?arrive=2026-03-10&depart=2026-03-12&adults=0")"
check "adults must be a number" adults "$(field "$A?arrive=2026-03-10&depart=2026-03-12&adults=two")"
R=$(body GET "$A?arrive=2026-03-10&depart=2026-03-12&adults=2")
check "offers for two adults: the types that take two" "DBL SUI" "$(echo "$R" | jq -r '[.offers[].type] | join(" ")')"
check "the double's total: two nights at 90.00" 18000 "$(echo "$R" | jq -r '.offers[0].total')"
check "the double's nightly prices" "2026-03-10:9000 2026-03-11:9000" \
	"$(echo "$R" | jq -r '[.offers[0].nightly[] | "\(.date):\(.price)"] | join(" ")')"
check "currency" EUR "$(echo "$R" | jq -r .currency)"
check "terms without a policy: free cancellation until arrival" "2026-03-10 0" "$(echo "$R" | jq -r '.offers[0].terms | "\(.free_cancellation_until) \(.cancellation_fee)"')"
check "the plan is the room only (no rate plans yet)" "null Room only" "$(echo "$R" | jq -r '.offers[0] | "\(.plan) \(.plan_name)"')"
R=$(body GET "$A?arrive=2026-03-10&depart=2026-03-12&adults=1&children=2")
check "one adult and two children: only the suite" "SUI" "$(echo "$R" | jq -r '[.offers[].type] | join(" ")')"
# hotel=: a chain's parameter (PostgreSQL); here it may name this hotel
# (its id) and nothing else
PID_HOTEL=$(sqlite3 "$DB" "SELECT id FROM property")
check "hotel= naming this hotel: the same offers" "DBL SUI" \
	"$(body GET "$A?arrive=2026-03-10&depart=2026-03-12&adults=2&hotel=$PID_HOTEL" | jq -r '[.offers[].type] | join(" ")')"
check "hotel= naming another: 404" 404 "$(status GET "$A?arrive=2026-03-10&depart=2026-03-12&hotel=PORTO")"
check "... saying so, naming the parameter" "unknown_hotel hotel" \
	"$(body GET "$A?arrive=2026-03-10&depart=2026-03-12&hotel=PORTO" | jq -r '"\(.error.code) \(.error.field)"')"
body GET "$A?arrive=2026-03-10&depart=2026-03-12&hotel=PORTO" | jq -r .error.message | grep -q 'holds one hotel, Test Hotel; hotel=PORTO names another' &&
	ok "... and which hotel this server holds" || fail "the message: $(body GET "$A?arrive=2026-03-10&depart=2026-03-12&hotel=PORTO")"
hdr() { curl -s -o /dev/null -D - "$@" | tr -d '\r'; }
check "availability is cacheable for a few seconds" "public, max-age=5" \
	"$(hdr "$URL$A?arrive=2026-03-10&depart=2026-03-12" | sed -n 's/^[Cc]ache-[Cc]ontrol: //p')"

# --- bookings: bad input stored nothing ---
B=/v1/public/bookings
GOOD='{"family":"Sousa","given":"Inês","email":"ines@example.com","phone":"+351 912 345 678","country":"PT","arrive":"2026-03-10","depart":"2026-03-12","type":"DBL","adults":2,"requests":"Quiet room, please","arrival_time":"16:00","language":"pt"}'
# post KEY BODY [ORIGIN] -> "STATUS BODY"
post() {
	_f=$(mktemp "$T/body.XXXXXX")
	set -- "$1" "$2" "${3:-}"
	if [ -n "$3" ]; then
		_c=$(curl -s -o "$_f" -w '%{http_code}' -X POST -H "Origin: $3" ${1:+-H "Idempotency-Key: $1"} -H 'Content-Type: application/json' --data-binary "$2" "$URL$B")
	else
		_c=$(curl -s -o "$_f" -w '%{http_code}' -X POST ${1:+-H "Idempotency-Key: $1"} -H 'Content-Type: application/json' --data-binary "$2" "$URL$B")
	fi
	printf '%s %s\n' "$_c" "$(cat "$_f")"
	rm -f "$_f"
}
before=$(counts)
bad() { # DESCRIPTION FIELD BODY [KEY]
	_r=$(post "${4-key-bad-00001}" "$3")
	check "$1: 400" 400 "${_r%% *}"
	check "$1: names $2" "$2" "$(echo "${_r#* }" | jq -r .error.field)"
}
bad "no Idempotency-Key" Idempotency-Key "$GOOD" ""
bad "a short Idempotency-Key" Idempotency-Key "$GOOD" "abc"
bad "no family name" family "$(echo "$GOOD" | jq -c 'del(.family)')"
bad "a bad e-mail" email "$(echo "$GOOD" | jq -c '.email = "ines.example.com"')"
bad "an e-mail with a second recipient" email "$(echo "$GOOD" | jq -c '.email = "a@b.example>,c@d.example"')"
bad "a bad phone" phone "$(echo "$GOOD" | jq -c '.phone = "call me"')"
bad "a bad country" country "$(echo "$GOOD" | jq -c '.country = "Portugal"')"
bad "a card number in the requests" requests "$(echo "$GOOD" | jq -c '.requests = "card 4111 1111 1111 1111"')"
bad "a bad arrival time" arrival_time "$(echo "$GOOD" | jq -c '.arrival_time = "25:00"')"
bad "an unknown room type" type "$(echo "$GOOD" | jq -c '.type = "XXL"')"
bad "an unknown rate plan" plan "$(echo "$GOOD" | jq -c '.plan = "BB"')"
bad "an unknown field" card "$(echo "$GOOD" | jq -c '.card = "x"')"
bad "adults as text" adults "$(echo "$GOOD" | jq -c '.adults = "2"')"
bad "a past arrival" arrive "$(echo "$GOOD" | jq -c '.arrive = "2026-01-01"')"
bad "not JSON" body '{"family":'
check "three guests in a double: 409" 409 "$(post key-bad-00002 "$(echo "$GOOD" | jq -c '.adults = 3')" | cut -d' ' -f1)"
R=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Idempotency-Key: key-bad-00003' -H 'Content-Type: application/json' --data-binary "$GOOD" "$URL$B?hotel=PORTO")
check "a booking for another hotel: 404" 404 "$R"
check "refused bookings stored nothing, made no notice" "$before" "$(counts)"

# --- a booking ---
R=$(post key-ines-00001 "$GOOD")
check "booked: 201" 201 "${R%% *}"
R=${R#* }
CODE=$(echo "$R" | jq -r .code)
case $CODE in [A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9]) ok "the server picked the code $CODE" ;; *) fail "code: $R" ;; esac
check "the price in the answer" "18000 EUR" "$(echo "$R" | jq -r '"\(.total) \(.currency)"')"
check "the terms in the answer" 2026-03-10 "$(echo "$R" | jq -r .offer.terms.free_cancellation_until)"
LINK=$(echo "$R" | jq -r .manage_url)
case $LINK in */book/manage.html\#t=*) ok "a manage link" ;; *) fail "manage link: $LINK" ;; esac
TOKEN=${LINK#*#t=}
check "the booking as a desk's: web, the room type, the rate, the requests, the arrival time" \
	"web|DBL|9000|Quiet room, please|16:00|2|reserved" \
	"$(sqlite3 "$DB" "SELECT source, type_code, rate, notes, eta, adults, status FROM bookings WHERE code = '$CODE'")"
check "the guest" "Sousa|Inês|ines@example.com|+351 912 345 678|PT" \
	"$(sqlite3 "$DB" "SELECT g.family, g.given, g.email, g.phone, g.country FROM guests g JOIN bookings b ON b.guest_id = g.id WHERE b.code = '$CODE'")"
check "the confirmation with the link is queued" "link|ines@example.com" \
	"$(sqlite3 "$DB" "SELECT m.kind, m.recipient FROM mail m JOIN bookings b ON b.id = m.booking_id WHERE b.code = '$CODE'")"
check "the desks see it in the feed" web \
	"$(body GET "/v1/changes?since=0&limit=1000" "" "$ADM" | jq -r --arg c "$CODE" '.changes[] | select(.entity == "booking" and .state.code == $c) | .state.source')"
check "only the link's hash is stored" 0 "$(sqlite3 "$DB" "SELECT count(*) FROM srv_public_links WHERE hex(hash) LIKE '%' || hex('$TOKEN') || '%'")"
check "the audit log names the web" web "$(sqlite3 "$DB" "SELECT DISTINCT actor FROM audit_log WHERE type = 'booking.create' AND payload LIKE '%$CODE%'")"

# the same key again: the same booking, nothing new
after=$(counts)
R=$(post key-ines-00001 "$GOOD")
check "repeat: 201" 201 "${R%% *}"
check "repeat: the same booking" "$CODE" "$(echo "${R#* }" | jq -r .code)"
check "repeat: nothing new" "$after" "$(counts)"
R=$(post key-ines-00001 "$(echo "$GOOD" | jq -c '.type = "SUI"')")
check "the key with another booking: 422" 422 "${R%% *}"
check "the key with another booking: names the key" Idempotency-Key "$(echo "${R#* }" | jq -r .error.field)"

# sold out: 409 with the alternatives, no notice for any desk
R=$(post key-other-0001 "$(echo "$GOOD" | jq -c '.email = "other@example.com" | .arrive = "2026-03-11" | .depart = "2026-03-13"')")
check "the double is sold: 409" 409 "${R%% *}"
check "sold out: says so" no_availability "$(echo "${R#* }" | jq -r .error.code)"
check "sold out: the alternatives" "SUI" "$(echo "${R#* }" | jq -r '[.alternatives[].type] | join(" ")')"
check "sold out: nothing stored, no notice" "$after" "$(counts)"

# --- CORS and the body cap ---
check "preflight from the hotel's site: 204" 204 \
	"$(curl -s -o /dev/null -w '%{http_code}' -X OPTIONS -H "Origin: $ORIGIN" -H 'Access-Control-Request-Method: POST' "$URL$B")"
H=$(hdr -X OPTIONS -H "Origin: $ORIGIN" -H 'Access-Control-Request-Method: POST' "$URL$B")
check "preflight: the origin allowed" "$ORIGIN" "$(echo "$H" | sed -n 's/^[Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin: //p')"
echo "$H" | grep -qi '^access-control-allow-headers:.*idempotency-key' && ok "preflight: Idempotency-Key allowed" || fail "preflight headers: $H"
check "preflight from another site: 403" 403 \
	"$(curl -s -o /dev/null -w '%{http_code}' -X OPTIONS -H 'Origin: https://evil.example' "$URL$B")"
H=$(hdr -H "Origin: https://book.hotel.example" "$URL$A?arrive=2026-03-10&depart=2026-03-11")
check "availability from the second site: its origin allowed" "https://book.hotel.example" "$(echo "$H" | sed -n 's/^[Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin: //p')"
check "availability from another site: 403" 403 "$(curl -s -o /dev/null -w '%{http_code}' -H 'Origin: https://evil.example' "$URL$A?arrive=2026-03-10&depart=2026-03-11")"
check "a booking posted from another site: 403" 403 "$(post key-evil-00001 "$GOOD" https://evil.example | cut -d' ' -f1)"
check "no CORS for the desks' API" "" "$(hdr -H "Origin: $ORIGIN" "$URL/v1/health" | sed -n 's/^[Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin: //p')"
BIG=$(echo "$GOOD" | jq -c --arg r "$(head -c 6000 /dev/zero | tr '\0' x)" '.requests = $r')
check "a body over public-max-body: 413" 413 "$(post key-big-000001 "$BIG" | cut -d' ' -f1)"
check "refusals stored nothing" "$after" "$(counts)"

# --- the guest's link ---
M=/v1/public/manage
R=$(body GET $M "" "$TOKEN")
check "the link opens the booking" "$CODE reserved ines@example.com 18000" "$(echo "$R" | jq -r '"\(.code) \(.status) \(.guest.email) \(.total)"')"
check "the link shows the cancellation terms" "true 0" "$(echo "$R" | jq -r '"\(.cancel.allowed) \(.cancel.fee)"')"
check "no link: 401" 401 "$(status GET $M)"
check "no link: says what to do" link_invalid "$(body GET $M | jq -r .error.code)"
check "a wrong link: 401" 401 "$(status GET $M "" "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")"
check "another guest's code in the path finds nothing" 404 "$(status GET "$M/$CODE" "" "$TOKEN")"
check "a bad arrival time: 400" arrival_time "$(body POST $M '{"arrival_time":"7pm"}' "$TOKEN" | jq -r .error.field)"
R=$(body POST $M '{"arrival_time":"18:30","requests":"A cot, please"}' "$TOKEN")
check "arrival time and requests changed" "18:30|A cot, please" "$(sqlite3 "$DB" "SELECT eta, notes FROM bookings WHERE code = '$CODE'")"
check "the answer shows them" "18:30 A cot, please" "$(echo "$R" | jq -r '"\(.arrival_time) \(.requests)"')"
curl -s -H "Authorization: Bearer $TOKEN" -o "$T/conf.pdf" -w '%{content_type}' "$URL$M/document?kind=confirmation" >"$T/ct"
check "the confirmation as a PDF" "application/pdf" "$(cat "$T/ct")"
check "a PDF indeed" "%PDF" "$(head -c 4 "$T/conf.pdf")"
R=$(body POST $M/cancel "" "$TOKEN")
check "cancelled by the guest" cancelled "$(echo "$R" | jq -r .status)"
check "cancelled in the hotel's books" cancelled "$(sqlite3 "$DB" "SELECT status FROM bookings WHERE code = '$CODE'")"
check "cancelling again: 409" 409 "$(status POST $M/cancel "" "$TOKEN")"
check "a change after cancelling: 409" 409 "$(status POST $M '{"requests":"x"}' "$TOKEN")"
# 8 uses: 7 made above, one left
check "the last use" 200 "$(status GET $M "" "$TOKEN")"
check "used up: 401" 401 "$(status GET $M "" "$TOKEN")"
check "used up: says what to do" link_used_up "$(body GET $M "" "$TOKEN" | jq -r .error.code)"
R=$(post key-sgl-000001 '{"family":"Lee","email":"lee@example.com","arrive":"2026-03-10","depart":"2026-03-11","type":"SGL"}')
check "a second booking" 201 "${R%% *}"
T2=$(echo "${R#* }" | jq -r .manage_url | sed 's/.*#t=//')
sqlite3 "$DB" "UPDATE srv_public_links SET expires_at = 1"
check "expired: 401" 401 "$(status GET $M "" "$T2")"
check "expired: says what to do" link_expired "$(body GET $M "" "$T2" | jq -r .error.code)"
body GET $M "" "$T2" | jq -r .error.message | grep -q "Ask the hotel" && ok "expired: ask the hotel for a new link" || fail "expired message"

# --- per e-mail: public-email-rate 4 bookings an hour (Lee booked once),
# counted in the database: every thread and server share it, a restart
# keeps it, and a refused attempt (sold out) is not a booking ---
check "a sold-out attempt for Lee: 409" 409 "$(post key-lee-000009 '{"family":"Lee","email":"lee@example.com","arrive":"2026-03-10","depart":"2026-03-11","type":"SGL"}' | cut -d' ' -f1)"
for i in 2 3 4; do
	check "Lee's booking $i" 201 "$(post "key-lee-00000$i" '{"family":"Lee","email":"LEE@example.com","arrive":"2026-03-1'$i'","depart":"2026-03-1'$((i + 1))'","type":"SUI"}' | cut -d' ' -f1)"
done
R=$(post key-lee-000005 '{"family":"Lee","email":"lee@example.com","arrive":"2026-03-16","depart":"2026-03-17","type":"SUI"}')
check "a fifth booking for one e-mail in an hour: 429" 429 "${R%% *}"
check "names the e-mail" email "$(echo "${R#* }" | jq -r .error.field)"
check "no e-mail address stored with the count" 0 "$(sqlite3 "$DB" "SELECT count(*) FROM srv_public_requests WHERE email_key LIKE '%@%'")"
stop_server || fail "stop"
start_server --public-origins "$ORIGIN, https://book.hotel.example" --public-email-rate 4 --link-uses 8 \
	--book-dir "$top_srcdir/data/book" --public-rate 1000 --public-max-body 4096
check "after a restart still 429" 429 "$(post key-lee-000006 '{"family":"Lee","email":"lee@example.com","arrive":"2026-03-16","depart":"2026-03-17","type":"SUI"}' | cut -d' ' -f1)"

# --- the booking page's files ---
check "/book/ is the page" "200 text/html; charset=utf-8" "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$URL/book/")"
check "/book redirects to the folder" "301 /book/" "$(curl -s -o /dev/null -w "%{http_code} %{redirect_url}" "$URL/book" | sed "s|http://[^/]*||")"
check "/book/book.js" "200 text/javascript; charset=utf-8" "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$URL/book/book.js")"
check "no file outside book-dir" 404 "$(curl -s --path-as-is -o /dev/null -w '%{http_code}' "$URL/book/..%2F..%2Fetc%2Fpasswd")"
check "no dot files" 404 "$(status GET /book/.htaccess)"
check "only page types" 404 "$(status GET /book/frontdeskd.db)"
check "framed only by the hotel's sites" "frame-ancestors 'self' $ORIGIN https://book.hotel.example" \
	"$(hdr "$URL/book/" | sed -n 's/^[Cc]ontent-[Ss]ecurity-[Pp]olicy: //p')"
# --- on a rate plan (core's quote): its prices, inclusions, policy, stop-sell ---
PLANS="{\"ops\":[$(op 7 charge_code.set '{"code":"BREAKFAST","name":"Breakfast","vat_bp":1000}'),
$(op 8 rate_plan.create '{"id":"'$(uuid 7 1)'","code":"BB","name":"Bed and breakfast","kind":"public","types":"SUI","inclusions":"BREAKFAST:1500","cancel_policy":"free until 3 days before arrival then first-night"}'),
$(op 9 rate.set '{"plan":"BB","type":"SUI","from":"2026-04-01","to":"2026-04-06","amount":25000}'),
$(op 10 rate.restrict '{"plan":"BB","type":"SUI","from":"2026-04-03","to":"2026-04-04","stop_sell":true}'),
$(op 11 rate_plan.create '{"id":"'$(uuid 10 1)'","code":"CORP","name":"Corporate","kind":"hidden","types":"SUI"}')]}"
check "plans pushed" "applied applied applied applied applied" "$(body POST /v1/ops "$PLANS" "$ADM" | jq -r '[.results[] | .status] | join(" ")')"
R=$(body GET "$A?arrive=2026-04-01&depart=2026-04-03&adults=2")
check "the suite is offered on its public plan only" "SUI:BB" "$(echo "$R" | jq -r '[.offers[] | select(.type == "SUI") | "\(.type):\(.plan)"] | join(" ")')"
check "the plan's prices" "50000 25000" "$(echo "$R" | jq -r '.offers[] | select(.type == "SUI") | "\(.total) \(.nightly[0].price)"')"
check "the plan's inclusions and policy" "BREAKFAST|free until 3 days before arrival then first-night" \
	"$(echo "$R" | jq -r '.offers[] | select(.type == "SUI") | "\(.inclusions | join(","))|\(.terms.cancellation_policy)"')"
check "the double without plans: the room only at its rate" "DBL:null:18000" "$(echo "$R" | jq -r '[.offers[] | select(.type == "DBL") | "\(.type):\(.plan):\(.total)"] | join(" ")')"
check "stop-sell: no suite" "" "$(body GET "$A?arrive=2026-04-02&depart=2026-04-04&adults=2" | jq -r '[.offers[] | select(.type == "SUI")] | map(.type) | join(" ")')"
SUI='{"family":"Plan","email":"plan@example.com","arrive":"2026-04-01","depart":"2026-04-03","type":"SUI","adults":2}'
R=$(post key-plan-00001 "$SUI")
check "a type sold on plans needs the plan: 400" "400 plan" "${R%% *} $(echo "${R#* }" | jq -r .error.field)"
check "a hidden plan is not sold here" plan "$(post key-plan-00002 "$(echo "$SUI" | jq -c '.plan = "CORP"')" | cut -d' ' -f2- | jq -r .error.field)"
R=$(post key-plan-00003 "$(echo "$SUI" | jq -c '.plan = "BB"')")
check "booked on the plan: 201 at its price" "201 50000" "${R%% *} $(echo "${R#* }" | jq -r .total)"
PC=$(echo "${R#* }" | jq -r .code)
check "the booking's nights are the plan's" "BB:25000 BB:25000" \
	"$(sqlite3 "$DB" "SELECT group_concat(r.plan || ':' || r.amount, ' ') FROM booking_rates r JOIN bookings b ON b.id = r.booking_id WHERE b.code = '$PC'")"
PT=$(echo "${R#* }" | jq -r .manage_url | sed 's/.*#t=//')
check "the guest's page shows the plan's total" "50000 BB" "$(body GET $M "" "$PT" | jq -r '"\(.total) \(.plan)"')"

# --- the cancellation fee: core's one rule (the property's policy here), the
# same for the offers, the guest's page, the guest's cancel and a desk's ---
check "the hotel's policy set" applied "$(body POST /v1/ops "{\"ops\":[$(op 12 folio.configure '{"cancel_policy":"free until 3 days before arrival then 50%"}')]}" "$ADM" | jq -r '.results[0].status')"
R=$(body GET "$A?arrive=2026-03-06&depart=2026-03-08&adults=2")
check "an offer's terms follow the policy" "2026-03-03 23:59 9000 0 free until 3 days before arrival then 50%" \
	"$(echo "$R" | jq -r '.offers[] | select(.type == "DBL") | .terms | "\(.free_cancellation_until) \(.free_cancellation_until_time) \(.cancellation_fee) \(.cancellation_fee_now) \(.cancellation_policy)"')"
R=$(body GET "$A?arrive=2026-03-02&depart=2026-03-04&adults=1")
check "within three days the fee applies at once" "9000 9000" \
	"$(echo "$R" | jq -r '.offers[] | select(.type == "DBL") | .terms | "\(.cancellation_fee) \(.cancellation_fee_now)"')"
FEEB='{"family":"Fee","email":"fee@example.com","arrive":"2026-03-02","depart":"2026-03-04","type":"DBL","adults":2}'
R=$(post key-fee-000001 "$FEEB")
check "a booking inside the fee period" 201 "${R%% *}"
FC=$(echo "${R#* }" | jq -r .code)
FT=$(echo "${R#* }" | jq -r .manage_url | sed 's/.*#t=//')
R=$(body GET $M "" "$FT")
check "the guest's page shows the policy's fee before confirming" "true 9000 free until 3 days before arrival then 50%" \
	"$(echo "$R" | jq -r '"\(.cancel.allowed) \(.cancel.fee) \(.terms.cancellation_policy)"')"
fees() { sqlite3 "$DB" "SELECT coalesce(sum(l.amount), 0) FROM folio_lines l JOIN folios f ON f.id = l.folio_id JOIN bookings b ON b.id = f.booking_id WHERE b.code = '$1' AND l.code = 'CXLFEE'"; }
R=$(req POST $M/cancel '{"fee":0}' "$FT")
check "confirming another fee than core's: 409, names the fee" "409 fee_changed" "${R%% *} $(echo "${R#* }" | jq -r .error.code)"
check "... and cancels nothing" "reserved 0" "$(sqlite3 "$DB" "SELECT status FROM bookings WHERE code = '$FC'") $(fees "$FC")"
check "a fee that is not a number: 400" fee "$(body POST $M/cancel '{"fee":"9000"}' "$FT" | jq -r .error.field)"
R=$(body POST $M/cancel '{"fee":9000}' "$FT")
check "cancelled by the guest at the fee shown" cancelled "$(echo "$R" | jq -r .status)"
check "the fee posted is the fee shown" 9000 "$(fees "$FC")"
# the same stay cancelled at a desk: the same rule, the same fee
R=$(post key-fee-000002 "$(echo "$FEEB" | jq -c '.email = "fee2@example.com"')")
FC2=$(echo "${R#* }" | jq -r .code)
FT2=$(echo "${R#* }" | jq -r .manage_url | sed 's/.*#t=//')
check "the second booking's page shows the same fee" 9000 "$(body GET $M "" "$FT2" | jq -r .cancel.fee)"
check "cancelled at a desk" applied "$(body POST /v1/ops "{\"ops\":[$(op 13 booking.cancel "{\"booking\":\"$FC2\"}")]}" "$ADM" | jq -r '.results[0].status')"
check "the desk's cancellation posts the same fee" 9000 "$(fees "$FC2")"
# a deposit taken at the desk: the guest still cancels online; the fee is
# taken from it and the rest stays on account for the hotel to refund
R=$(post key-fee-000003 "$(echo "$FEEB" | jq -c '.email = "fee3@example.com"')")
FC3=$(echo "${R#* }" | jq -r .code)
FT3=$(echo "${R#* }" | jq -r .manage_url | sed 's/.*#t=//')
check "a deposit paid at the desk" applied "$(body POST /v1/ops "{\"ops\":[$(op 14 folio.pay "{\"id\":\"$(uuid 14 1)\",\"booking\":\"$FC3\",\"method\":\"cash\",\"amount\":20000}")]}" "$ADM" | jq -r '.results[0].status')"
check "cancelled by the guest despite the deposit" cancelled "$(body POST $M/cancel '{"fee":9000}' "$FT3" | jq -r .status)"
check "the fee posted, the rest on account" "9000 -11000" "$(fees "$FC3") $(sqlite3 "$DB" "SELECT sum(l.amount) FROM folio_lines l JOIN folios f ON f.id = l.folio_id JOIN bookings b ON b.id = f.booking_id WHERE b.code = '$FC3'")"
check "no conflict notice at all" 0 "$(sqlite3 "$DB" "SELECT count(*) FROM srv_conflicts")"
stop_server || fail "stop"

# --- per address: a flood is limited, the desks are not. The window is a
# day, so no token comes back while the test runs however slow the machine
# (public-rate-window); the limits and the origins reload on SIGHUP ---
CONF=$T/frontdeskd.conf
printf '[server]\npublic-rate = 5\npublic-rate-window = 86400\npublic-origins = https://old.hotel.example\nbook-dir = %s\n' "$top_srcdir/data/book" >"$CONF"
start_server --config "$CONF"
AV="$A?arrive=2026-03-10&depart=2026-03-11"
acao() { hdr -H "Origin: $1" "$URL$AV" | sed -n 's/^[Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin: //p'; }
origin_status() { curl -s -o /dev/null -w '%{http_code}' -H "Origin: $1" "$URL$AV"; }
check "the configured origin is allowed (1st request)" https://old.hotel.example "$(acao https://old.hotel.example)"
check "another origin is refused (not counted)" 403 "$(origin_status https://new.hotel.example)"
for i in 2 3 4 5; do check "request $i of 5 in the window" 200 "$(status GET "$AV")"; done
check "the sixth request in the window: 429" 429 "$(status GET "$AV")"
H=$(hdr "$URL$AV")
echo "$H" | grep -qi '^retry-after: [0-9]' && ok "429 says when to retry" || fail "Retry-After: $H"
check "a booking from the address too" 429 "$(post key-flood-0001 "$GOOD" | cut -d' ' -f1)"
check "the desks' API still answers" 200 "$(status GET /v1/rooms "" "$ADM")"
# a new configuration, taken on SIGHUP by the running server
printf '[server]\npublic-rate = 3\npublic-rate-window = 86400\npublic-origins = https://new.hotel.example\nbook-dir = %s\n' "$top_srcdir/data/book" >"$CONF"
n=$(grep -c 'reloaded the configuration' "$LOG")
kill -HUP "$PID"
for _ in $(seq 1 200); do [ "$(grep -c 'reloaded the configuration' "$LOG")" -gt "$n" ] && break; sleep 0.05; done
check "SIGHUP: the configuration reloaded" $((n + 1)) "$(grep -c 'reloaded the configuration' "$LOG")"
check "after SIGHUP: the new origin is allowed (1st of the new rate)" https://new.hotel.example "$(acao https://new.hotel.example)"
check "after SIGHUP: the old origin is refused" 403 "$(origin_status https://old.hotel.example)"
check "after SIGHUP: the page may be framed by the new site only" "frame-ancestors 'self' https://new.hotel.example" \
	"$(hdr "$URL/book/" | sed -n 's/^[Cc]ontent-[Ss]ecurity-[Pp]olicy: //p')"
for i in 2 3; do check "after SIGHUP: request $i of the new 3" 200 "$(status GET "$AV")"; done
check "after SIGHUP: the fourth is 429" 429 "$(status GET "$AV")"
stop_server || fail "stop"
finish
