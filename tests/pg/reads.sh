#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The read endpoints on PostgreSQL answer what the SQLite server answers
# for the same hotel: a hotel made on SQLite through pushed operations
# (room types, rooms of several floors, guests with accented and CJK
# names, bookings assigned, checked in, cancelled and unassigned, a room
# out of order, a calendar block, housekeeping) is read through GET /v1/rooms,
# /v1/room-types, /v1/bookings (and a page of it), /v1/bookings/{code},
# /v1/availability, moved with `frontdeskd migrate --to`, served from
# PostgreSQL and read again with the same session: every answer is the
# same, byte for byte, bad parameters included. /v1/metrics and the
# booking page's files (/book, /book/{file}) are served there too; the
# public API stays 501.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_start
init_hotel || fail "init"
add_user rita staff || fail "user add rita"
BOOK="--book-dir $top_srcdir/data/book"
start_server $BOOK
dev=$(enroll desk)
S=$(sign_in "$dev" admin)
R=$(sign_in "$dev" rita)
[ -n "$S" ] && [ "$S" != null ] || { fail "signing in"; finish; }

DEVN=1
n=0
push() { # TYPE PAYLOAD: applied, or a failure naming it
	n=$((n + 1))
	_r=$(body POST /v1/ops "{\"ops\":[$(op $n "$1" "$2")]}" "$S" | jq -r '.results[0] | .status + " " + (.error.message // "")')
	[ "$_r" = "applied " ] || fail "$1 $2: $_r"
}
push room_type.create "{\"id\":\"$(uuid 1 7)\",\"code\":\"SUI\",\"name\":\"Suite\",\"max_occupancy\":4,\"base_rate\":25000,\"rank\":0}"
push room_type.create "{\"id\":\"$(uuid 2 7)\",\"code\":\"SGL\",\"name\":\"Single\",\"max_occupancy\":1,\"base_rate\":6000,\"rank\":1}"
push room_type.create "{\"id\":\"$(uuid 3 7)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000,\"rank\":1}"
push room.create "{\"id\":\"$(uuid 4 7)\",\"number\":\"102\",\"type\":\"DBL\",\"floor\":1}"
push room.create "{\"id\":\"$(uuid 5 7)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}"
push room.create "{\"id\":\"$(uuid 6 7)\",\"number\":\"9\",\"type\":\"SGL\",\"floor\":1}"
push room.create "{\"id\":\"$(uuid 7 7)\",\"number\":\"110\",\"type\":\"SGL\",\"floor\":1}"
push room.create "{\"id\":\"$(uuid 8 7)\",\"number\":\"201\",\"type\":\"SUI\",\"floor\":2,\"section\":\"east\"}"
push guest.create "{\"id\":\"$(uuid 11 7)\",\"family\":\"Öberg\",\"given\":\"Åsa\",\"country\":\"SE\",\"vip\":true}"
push guest.create "{\"id\":\"$(uuid 12 7)\",\"family\":\"李\",\"given\":\"小龙\",\"country\":\"CN\"}"
push guest.create "{\"id\":\"$(uuid 13 7)\",\"family\":\"Nakamura\"}"
bk() { # N CODE GUEST TYPE ARRIVAL DEPARTURE
	push booking.create "{\"id\":\"$(uuid "$1" 8)\",\"code\":\"$2\",\"guest_id\":\"$(uuid "$3" 7)\",\"type\":\"$4\",\"arrival\":\"$5\",\"departure\":\"$6\",\"adults\":1}"
}
bk 1 ABC001 11 DBL 2026-03-01 2026-03-04
bk 2 ABC002 12 DBL 2026-03-01 2026-03-03
bk 3 ABC003 13 DBL 2026-03-03 2026-03-05
bk 4 ABC004 11 SUI 2026-03-05 2026-03-08
bk 5 ABC005 12 SGL 2026-03-10 2026-03-12
bk 6 ABB006 13 SGL 2026-03-02 2026-03-03
push booking.assign_room '{"booking":"ABC001","room":"101"}'
push booking.check_in '{"booking":"ABC001"}'
push booking.assign_room '{"booking":"ABC002","room":"102"}'
push booking.assign_room '{"booking":"ABB006","room":"9"}'
push booking.cancel '{"booking":"ABC004"}'
push room.set_maintenance '{"room":"110","state":"ooo","from":"2026-03-02","to":"2026-03-04","reason":"leaking tap"}'
push room.set_clean '{"room":"9","status":"inspected"}'
push room.set_flags '{"room":"201","dnd":true}'
push room.block '{"room":"201","uid":"wedding-1","from":"2026-03-03","to":"2026-03-05","summary":"wedding"}'

# Every read, as "STATUS BODY", one file per store.
reads() { # OUT
	for p in /v1/rooms /v1/room-types \
		"/v1/bookings?from=2026-03-01&to=2026-04-01" "/v1/bookings?from=2026-03-02&to=2026-03-05" \
		"/v1/bookings?from=2026-03-01&to=2026-04-01&offset=2" \
		/v1/bookings/ABC001 /v1/bookings/ABC002 /v1/bookings/ABC003 /v1/bookings/ABC004 \
		/v1/bookings/ABC005 /v1/bookings/ABB006 \
		"/v1/availability?from=2026-03-01&to=2026-03-13" \
		"/v1/availability?from=2026-03-02&to=2026-03-03" \
		/v1/bookings/ZZZ999 /v1/bookings/abc001 /v1/bookings/ABC /v1/bookings/ABCDEFGHIJKLMNOPQRST \
		/v1/bookings "/v1/bookings?from=2026-03-01" "/v1/bookings?from=2026-3-1&to=2026-04-01" \
		"/v1/bookings?from=2026-03-05&to=2026-03-01" "/v1/bookings?from=2026-01-01&to=2027-01-03" \
		"/v1/bookings?from=2026-03-01&to=2026-04-01&offset=-1" \
		"/v1/bookings?from=2026-03-01&to=2026-04-01&offset=x" \
		/v1/availability "/v1/availability?from=2026-03-01&to=2026-06-02" \
		"/v1/availability?from=2026-03-01&to=2026-03-01"; do
		echo "== $p"
		req GET "$p" "" "$S"
	done > "$1"
	# as staff: the same rights on both stores
	for p in /v1/rooms /v1/room-types "/v1/availability?from=2026-03-01&to=2026-03-03" /v1/metrics; do
		echo "== staff $p"
		req GET "$p" "" "$R"
	done >> "$1"
	# the booking page's files
	for p in /book/ /book/index.html /book/book.js /book/book.css /book/manage.html /book/nothing.html /book/..%2Fx.js; do
		echo "== $p"
		curl -s -D - -o "$T/page" "$URL$p" | grep -i -e '^HTTP/' -e '^content-type' -e '^location' | tr -d '\r' | sed 's/^HTTP\/[0-9.]* /HTTP /'
		md5sum < "$T/page"
	done >> "$1"
	echo "== /book" >> "$1"
	curl -s -D - -o /dev/null "$URL/book" | grep -i -e '^HTTP/' -e '^location' | tr -d '\r' | sed 's/^HTTP\/[0-9.]* /HTTP /' >> "$1"
}
reads "$T/sqlite"
check "SQLite: the rooms, in order" "9 101 102 110 201" "$(body GET /v1/rooms "" "$S" | jq -r '[.[].number] | join(" ")')"
stop_server || fail "the SQLite server did not stop cleanly"

"$FD" --data "$D" migrate --to "$PG_URI" --property LISBOA >/dev/null 2>"$T/err" || fail "migrate: $(cat "$T/err")"
start_server --database "$PG_URI" $BOOK
reads "$T/pg"
if cmp -s "$T/sqlite" "$T/pg"; then
	ok "every read answers the same on PostgreSQL ($(grep -c '^== ' "$T/pg") requests)"
else
	fail "the answers differ: $(diff "$T/sqlite" "$T/pg" | head -20)"
fi
# (and they are not empty: the comparison compares something)
check "PostgreSQL: the rooms, by floor and number" "9 101 102 110 201" "$(body GET /v1/rooms "" "$S" | jq -r '[.[].number] | join(" ")')"
check "PostgreSQL: today's state of the rooms" "VC OC VC VC VC" "$(body GET /v1/rooms "" "$S" | jq -r '[.[].status] | join(" ")')"
check "PostgreSQL: room types by rank and code" "SUI DBL SGL" "$(body GET /v1/room-types "" "$S" | jq -r '[.[].code] | join(" ")')"
check "PostgreSQL: a page of bookings" "ABC002 ABB006 ABC003" \
	"$(body GET "/v1/bookings?from=2026-03-01&to=2026-04-01&offset=1" "" "$S" | jq -r '[.[0:3][].code] | join(" ")')"
check "PostgreSQL: a booking with its guest" "Öberg, Åsa|true|EUR" \
	"$(body GET /v1/bookings/ABC001 "" "$S" | jq -r '[.guest_name // .guest, .vip, .currency] | map(tostring) | join("|")')"
# DBL: 2 rooms, ABC001 (101) and ABC002 (102) on 03-01 and 03-02,
# ABC001 and ABC003 (unassigned: its nights count all the same) on 03-03,
# ABC003 alone on 03-04. SGL: 9 and 110, 110 out of order on 03-02 and
# 03-03, ABB006 in 9 on 03-02. SUI: the cancelled ABC004 holds nothing,
# 201 is blocked in the calendar on 03-03 and 03-04.
check "PostgreSQL: availability counts the room-nights and the inventory" \
	"DBL:0,0,0,1 SGL:2,0,1,2 SUI:1,1,0,0" \
	"$(body GET "/v1/availability?from=2026-03-01&to=2026-03-05" "" "$S" | jq -r '[.[] | .type + ":" + ([.nights[].free | tostring] | join(","))] | sort | join(" ")')"

# The metrics: the process's counters, and the hotel's devices.
m=$(body GET /v1/metrics "" "$S")
echo "$m" | grep -q '^frontdeskd_requests_total{route="/v1/rooms",status="200"}' && ok "metrics count this process's requests" ||
	fail "no request counter in the metrics: $(echo "$m" | head -5)"
devid=$(pg_psql -c "SELECT id FROM srv_devices")
check "metrics: the hotel's device" "frontdeskd_device_seconds_since_push{device=\"$devid\",name=\"desk\"}" \
	"$(echo "$m" | grep '^frontdeskd_device_seconds_since_push{' | sed 's/} .*/}/')"
echo "$m" | grep -q '^frontdeskd_audit_late_nights [0-9-]' && ok "metrics: the night audit of the hotel" ||
	fail "no frontdeskd_audit_late_nights: $(echo "$m" | grep audit)"
check "metrics without a session" 401 "$(status GET /v1/metrics)"
scrape=$("$FD" --database "$PG_URI" metrics-token 2>/dev/null)
check "metrics with the chain's scrape token: the hotel's device, labelled with its code" \
	"frontdeskd_device_seconds_since_push{device=\"$devid\",name=\"desk\",property=\"LISBOA\"}" \
	"$(body GET /v1/metrics "" "$scrape" | grep '^frontdeskd_device_seconds_since_push{' | sed 's/} .*/}/')"
check "the public API answers on PostgreSQL, as on SQLite" "400 invalid_parameter" \
	"$(req GET "/v1/public/availability?from=2026-03-02&to=2026-03-03" | sed 's/^\([0-9]*\) /\1|/' | { IFS='|' read -r c b; echo "$c $(echo "$b" | jq -r .error.code)"; })"
stop_server || fail "the PostgreSQL server did not stop cleanly"
finish
