#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The guests' public booking API on PostgreSQL (src/server/pg_public.c):
# two hotels (PORTO and FARO) in one database, two frontdeskd (A and B) on
# it, with the hotels' relay (tests/server/smtpd.py). A booking through A
# with hotel=PORTO is at Porto's desk (its feed read through B) and not at
# Faro's; availability is each hotel's own; a request without hotel= (two
# hotels) or with an unknown one is refused and changes nothing; the same
# Idempotency-Key sent again through B answers the same booking; the
# per-e-mail limit counts her bookings at both hotels through both servers;
# the link
# mailed to the guest opens the booking through the other server, and a
# cancellation through it works; a token of Porto reads and cancels nothing
# of Faro; the per-address limit holds across both servers; the last free
# room booked at once through A and B gives exactly one booking.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
. "$top_srcdir/tests/server/smtp.sh"
SMTP_PID=
trap '[ -n "$SMTP_PID" ] && kill "$SMTP_PID" 2>/dev/null; pg_cleanup' EXIT
pg_admin_start # tests/pg/lib.sh: $T/pw
smtp_start "$T/mail" "$T/smtpd.log" # MAIL, SMTP_PORT, SMTP_PID, PY

# --- two hotels, each with its admin and its rooms ---
FDP property add PORTO --name "Porto Hotel" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null &&
	FDP property add FARO --name "Faro Beach" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null &&
	FDP user add pia --role admin --property PORTO --password-file "$T/pw" >/dev/null &&
	FDP user add fab --role admin --property FARO --password-file "$T/pw" >/dev/null || { echo "FAIL: setting up" >&2; exit 1; }
POR=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'PORTO'")
FAR=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'FARO'")
SERVE_OPTS="--smtp-url smtp://127.0.0.1:$SMTP_PORT --smtp-from reception@hotel.example --smtp-tls none --public-rate 1000 --public-email-rate 2"
# shellcheck disable=SC2086
pg_serve A $SERVE_OPTS
# shellcheck disable=SC2086
pg_serve B $SERVE_OPTS
at() { URL=$(cat "$PG_WORK/$1.url"); }
desk() { # HOTEL USER (through the current server) -> session token
	_code=$(FDP enroll-code --property "$1" 2>/dev/null)
	_dev=$(body POST /v1/devices "{\"code\":\"$_code\",\"name\":\"$1 desk\"}" | jq -r .token)
	sign_in "$_dev" "$2"
}
at B
SP=$(desk PORTO pia)
SF=$(desk FARO fab)
[ -n "$SP" ] && [ "$SP" != null ] && [ -n "$SF" ] && [ "$SF" != null ] || { echo "FAIL: the desks' sessions" >&2; exit 1; }
DEVN=1
check "Porto's rooms: two doubles at 90.00, one single" "applied applied applied applied applied" \
	"$(body POST /v1/ops "{\"ops\":[$(op 1 room_type.create "{\"id\":\"$(uuid 1 10)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}"),
$(op 2 room.create "{\"id\":\"$(uuid 2 10)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}"),
$(op 3 room.create "{\"id\":\"$(uuid 3 10)\",\"number\":\"102\",\"type\":\"DBL\",\"floor\":1}"),
$(op 4 room_type.create "{\"id\":\"$(uuid 4 10)\",\"code\":\"SGL\",\"name\":\"Single\",\"max_occupancy\":1,\"base_rate\":6000}"),
$(op 5 room.create "{\"id\":\"$(uuid 5 10)\",\"number\":\"201\",\"type\":\"SGL\",\"floor\":2}")]}" "$SP" | jq -r '[.results[].status] | join(" ")')"
DEVN=2
check "Faro's rooms: one double at 120.00, one suite" "applied applied applied applied" \
	"$(body POST /v1/ops "{\"ops\":[$(op 1 room_type.create "{\"id\":\"$(uuid 1 20)\",\"code\":\"DBL\",\"name\":\"Sea double\",\"max_occupancy\":2,\"base_rate\":12000}"),
$(op 2 room.create "{\"id\":\"$(uuid 2 20)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}"),
$(op 3 room_type.create "{\"id\":\"$(uuid 3 20)\",\"code\":\"SUI\",\"name\":\"Suite\",\"max_occupancy\":4,\"base_rate\":25000,\"rank\":5}"),
$(op 4 room.create "{\"id\":\"$(uuid 4 20)\",\"number\":\"301\",\"type\":\"SUI\",\"floor\":3}")]}" "$SF" | jq -r '[.results[].status] | join(" ")')"

counts() { pg_psql -c "SELECT (SELECT count(*) FROM bookings), (SELECT count(*) FROM guests), (SELECT count(*) FROM srv_public_requests),
	(SELECT count(*) FROM srv_public_links), (SELECT count(*) FROM mail), (SELECT count(*) FROM changes)"; }

# --- availability: each hotel's own ---
AV="/v1/public/availability?arrive=2026-03-10&depart=2026-03-12&adults=2"
at A
R=$(body GET "$AV&hotel=PORTO")
check "Porto's offers for two adults (through A)" "Porto Hotel|DBL:18000" \
	"$(echo "$R" | jq -r '.hotel + "|" + ([.offers[] | "\(.type):\(.total)"] | join(" "))')"
at B
R=$(body GET "$AV&hotel=FARO")
check "Faro's offers for two adults (through B)" "Faro Beach|DBL:24000 SUI:50000" \
	"$(echo "$R" | jq -r '.hotel + "|" + ([.offers[] | "\(.type):\(.total)"] | join(" "))')"
check "a hotel by its id works too" "Faro Beach" "$(body GET "$AV&hotel=$FAR" | jq -r .hotel)"
check "without hotel= (two hotels): 400" 400 "$(status GET "$AV")"
check "... naming the parameter" "missing_parameter hotel" "$(body GET "$AV" | jq -r '"\(.error.code) \(.error.field)"')"
check "an unknown hotel: 404" 404 "$(status GET "$AV&hotel=LISBOA")"
check "... naming it" "unknown_hotel hotel" "$(body GET "$AV&hotel=LISBOA" | jq -r '"\(.error.code) \(.error.field)"')"
body GET "$AV&hotel=LISBOA" | jq -r .error.message | grep -q '"LISBOA"' && ok "... the message names the code" ||
	fail "the message: $(body GET "$AV&hotel=LISBOA")"

# --- a booking through A for Porto ---
# post SERVER KEY BODY [QUERY] -> "STATUS BODY"
post() {
	at "$1"
	_f=$(mktemp "$T/post.XXXXXX")
	_c=$(curl -s -o "$_f" -w '%{http_code}' -X POST -H "Idempotency-Key: $2" -H 'Content-Type: application/json' \
		--data-binary "$3" "$URL/v1/public/bookings${4:-}")
	printf '%s %s\n' "$_c" "$(cat "$_f")"
	rm -f "$_f"
}
GOOD='{"family":"Sousa","given":"Inês","email":"ines@example.com","arrive":"2026-03-10","depart":"2026-03-12","type":"DBL","adults":2}'
before=$(counts)
R=$(post A key-ines-00001 "$GOOD")
check "a booking without hotel= (two hotels): 400 naming hotel" "400 hotel" "${R%% *} $(echo "${R#* }" | jq -r .error.field)"
R=$(post A key-ines-00001 "$GOOD" "?hotel=NOPE")
check "a booking for an unknown hotel: 404 naming hotel" "404 hotel" "${R%% *} $(echo "${R#* }" | jq -r .error.field)"
check "the refusals changed nothing" "$before" "$(counts)"
R=$(post A key-ines-00001 "$GOOD" "?hotel=PORTO")
check "booked through A: 201" 201 "${R%% *}"
R=${R#* }
CODE=$(echo "$R" | jq -r .code)
TOKEN=$(echo "$R" | jq -r .manage_url | sed 's/.*#t=//')
check "the answer: Porto's hotel and price" "Porto Hotel 18000" "$(echo "$R" | jq -r '"\(.hotel) \(.total)"')"
check "the booking is Porto's, from the web" "$POR|web|DBL|9000|reserved" \
	"$(pg_psql -c "SELECT property_id, source, type_code, rate, status FROM bookings WHERE code = '$CODE'")"
check "its guest is Porto's" "$POR|Sousa" \
	"$(pg_psql -c "SELECT g.property_id, g.family FROM guests g JOIN bookings b ON b.guest_id = g.id WHERE b.code = '$CODE'")"
check "its request, link and mail are Porto's" "$POR $POR $POR|link" \
	"$(pg_psql -c "SELECT (SELECT property_id FROM srv_public_requests WHERE idem_key = 'key-ines-00001') || ' ' ||
		(SELECT string_agg(DISTINCT property_id, ',') FROM srv_public_links) || ' ' || m.property_id, m.kind
		FROM mail m JOIN bookings b ON b.id = m.booking_id WHERE b.code = '$CODE'")"
check "the audit log of Porto names the web" "web|public" \
	"$(pg_psql -c "SELECT DISTINCT actor, session FROM audit_log WHERE property_id = '$POR' AND type = 'booking.create'")"
at B
check "Porto's desk sees it in its feed (through B)" web \
	"$(body GET "/v1/changes?since=0&limit=1000" "" "$SP" | jq -r --arg c "$CODE" '.changes[] | select(.entity == "booking" and .state.code == $c) | .state.source')"
check "Faro's desk does not" "" \
	"$(body GET "/v1/changes?since=0&limit=1000" "" "$SF" | jq -r '.changes[] | select(.entity == "booking" or .entity == "guest") | .id')"
at A
check "Porto's availability counts it (one double left)" "DBL:1" \
	"$(body GET "$AV&hotel=PORTO" | jq -r '[.offers[] | "\(.type):\(.rooms_left)"] | join(" ")')"
check "Faro's does not" "DBL:1 SUI:1" \
	"$(body GET "$AV&hotel=FARO" | jq -r '[.offers[] | "\(.type):\(.rooms_left)"] | join(" ")')"

# --- the same key again, through B: the same booking ---
after=$(counts)
R=$(post B key-ines-00001 "$GOOD" "?hotel=PORTO")
check "the retry through B: 201, the same booking" "201 $CODE" "${R%% *} $(echo "${R#* }" | jq -r .code)"
check "... no second booking, guest or mail" "$(echo "$after" | cut -d'|' -f1-3)" "$(counts | cut -d'|' -f1-3)"
check "the same key for another booking: 422" 422 \
	"$(post B key-ines-00001 "$(echo "$GOOD" | jq -c '.type = "SGL" | .adults = 1')" "?hotel=PORTO" | cut -d' ' -f1)"
R=$(post B key-ines-00001 "$GOOD" "?hotel=FARO")
check "the key is per hotel: the same key at Faro is a booking of Faro" "201 $FAR" \
	"${R%% *} $(pg_psql -c "SELECT property_id FROM bookings WHERE code = '$(echo "${R#* }" | jq -r .code)'")"
FCODE=$(echo "${R#* }" | jq -r .code)
# public-email-rate 2: Inês booked at Porto through A and at Faro through B
before=$(counts)
R=$(post A key-ines-00003 "$(echo "$GOOD" | jq -c '.arrive = "2026-03-14" | .depart = "2026-03-15"')" "?hotel=PORTO")
check "a third booking for her e-mail within the hour (through A): 429 naming email" "429 email" \
	"${R%% *} $(echo "${R#* }" | jq -r .error.field)"
check "... nothing stored" "$before" "$(counts)"

# --- the mailed link opens the booking through the other server ---
# link_in_mail CODE: the token of the link in the mail of booking CODE
# ("" until it has arrived)
link_in_mail() {
	"$PY" - "$MAIL" "$1" <<'PY'
import email, email.policy, email.utils, glob, re, sys
for path in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    msg = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
    if sys.argv[2] not in str(msg["Subject"]):
        continue
    assert email.utils.parseaddr(str(msg["To"]))[1] == "ines@example.com", msg["To"]
    body = msg.get_body(preferencelist=("plain",)).get_content()
    m = re.search(r"/book/manage\.html#t=([A-Za-z0-9_-]+)", body)
    print(m.group(1) if m else "")
PY
}
MTOKEN=
for _ in $(seq 1 300); do
	MTOKEN=$(link_in_mail "$CODE")
	[ -n "$MTOKEN" ] && break
	sleep 0.1
done
[ -n "$MTOKEN" ] && ok "the mail to the guest holds a link" || fail "no link mail for $CODE: $(ls "$MAIL")"
at B
R=$(body GET /v1/public/manage "" "$MTOKEN")
check "the mailed link opens the booking through B" "$CODE Porto Hotel reserved" "$(echo "$R" | jq -r '"\(.code) \(.hotel) \(.status)"')"

# --- a token of Porto reads and cancels nothing of Faro ---
fbefore=$(pg_psql -c "SELECT string_agg(code || status || version, ' ') FROM bookings WHERE property_id = '$FAR'")
check "Porto's token with hotel=FARO still opens Porto's booking only" "$CODE Porto Hotel" \
	"$(body GET "/v1/public/manage?hotel=FARO" "" "$TOKEN" | jq -r '"\(.code) \(.hotel)"')"
check "no path names a booking" 404 "$(status GET "/v1/public/manage/$FCODE" "" "$TOKEN")"
check "a made-up token: 401" 401 "$(status GET /v1/public/manage "" AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA)"
check "Faro's bookings are as they were" "$fbefore" \
	"$(pg_psql -c "SELECT string_agg(code || status || version, ' ') FROM bookings WHERE property_id = '$FAR'")"

# --- a change and the cancellation through B ---
R=$(body POST /v1/public/manage '{"arrival_time":"18:30"}' "$MTOKEN")
check "the arrival time changed through B" "18:30" "$(pg_psql -c "SELECT eta FROM bookings WHERE code = '$CODE'")"
curl -s -H "Authorization: Bearer $MTOKEN" -o "$T/conf.pdf" "$URL/v1/public/manage/document?kind=confirmation"
check "the confirmation as a PDF through B" "%PDF" "$(head -c 4 "$T/conf.pdf")"
R=$(body POST /v1/public/manage/cancel "" "$MTOKEN")
check "cancelled through B" cancelled "$(echo "$R" | jq -r .status)"
check "cancelled in Porto's books" "cancelled" "$(pg_psql -c "SELECT status FROM bookings WHERE code = '$CODE'")"
check "Porto's desk sees it cancelled (through A)" cancelled \
	"$(URL=$(cat "$PG_WORK/A.url") body GET "/v1/changes?since=0&limit=1000" "" "$SP" | jq -r --arg c "$CODE" '.changes[] | select(.entity == "booking" and .state.code == $c) | .state.status')"
check "Faro's bookings are still as they were" "$fbefore" \
	"$(pg_psql -c "SELECT string_agg(code || status || version, ' ') FROM bookings WHERE property_id = '$FAR'")"
check "cancelling again through A: 409" 409 "$(URL=$(cat "$PG_WORK/A.url") status POST /v1/public/manage/cancel "" "$TOKEN")"

# --- the last free room, booked at once through A and B ---
SGL='{"family":"Race","email":"EMAIL","arrive":"2026-03-20","depart":"2026-03-21","type":"SGL"}'
before=$(pg_psql -c "SELECT count(*) FROM bookings WHERE type_code = 'SGL'")
post A key-race-0000A "$(echo "$SGL" | sed 's/EMAIL/a@example.com/')" "?hotel=PORTO" > "$T/race.A" &
pa=$!
post B key-race-0000B "$(echo "$SGL" | sed 's/EMAIL/b@example.com/')" "?hotel=PORTO" > "$T/race.B" &
pb=$!
wait "$pa" "$pb"
check "one of the two got the room, the other a 409" "201 409" "$(cut -d' ' -f1 "$T/race.A" "$T/race.B" | sort | paste -sd' ')"
check "exactly one booking of the single" "$((before + 1))" "$(pg_psql -c "SELECT count(*) FROM bookings WHERE type_code = 'SGL'")"
grep -h '^409' "$T/race.A" "$T/race.B" | cut -d' ' -f2- | jq -r .error.code | grep -q no_availability &&
	ok "the 409 says no availability" || fail "the 409: $(cat "$T/race.A" "$T/race.B")"

# --- the per-address limit holds across the servers ---
pg_stop_servers
# shellcheck disable=SC2086
pg_serve A $SERVE_OPTS --public-rate 4 --public-rate-window 3600
# shellcheck disable=SC2086
pg_serve B $SERVE_OPTS --public-rate 4 --public-rate-window 3600
codes=
for s in A B A B A B; do
	at "$s"
	codes="$codes $(status GET "$AV&hotel=PORTO")"
done
check "four requests through A and B, then 429 on both" " 200 200 200 200 429 429" "$codes"
at B
check "the 429 says when to try again" rate_limited "$(body GET "$AV&hotel=PORTO" | jq -r .error.code)"
pg_stop_servers
for n in A B; do
	if grep -q Sanitizer "$PG_WORK/$n.log"; then fail "sanitizer reports in $n"; grep -A20 Sanitizer "$PG_WORK/$n.log" | head -40 >&2; fi
done
[ "$failures" = 0 ] || tail -n 20 "$PG_WORK/A.log" "$PG_WORK/B.log" >&2
LOG=$PG_WORK/A.log
finish
