#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# One JSON shape per entity: the same booking through `frontdesk --json
# show` and GET /v1/bookings/{code}, the same rooms through `frontdesk
# --json rooms` and GET /v1/rooms, the same room types through `--json
# types` and GET /v1/room-types, key for key and value for value.
. "${top_srcdir:?}/tests/sync/lib.sh"
command -v jq >/dev/null || fail "jq is needed"
sync_setup
URL=http://127.0.0.1:$PORT
code=$(term admin book --guest "Souza, Matheus" --type DBL --arrive 2026-11-25 --depart 2026-11-28 \
	--adults 2 --rate 95.50 --notes "late arrival" --eta 22:00) || fail "book"
term admin checkin "$code" --room 203 >/dev/null || fail "checkin"
term admin sync --once >/dev/null || fail "push"

ecode=$("$FDD" --data "$SRV" enroll-code | tail -n1 | awk '{print $NF}')
dev=$(curl -fsS -X POST -H 'Content-Type: application/json' \
	--data "{\"code\":\"$ecode\",\"name\":\"shapes\"}" "$URL/v1/devices" | jq -r .token)
tok=$(curl -fsS -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $dev" \
	--data '{"username":"boss","password":"correct horse battery"}' "$URL/v1/sessions" | jq -r .token)
get() { curl -fsS -H "Authorization: Bearer $tok" "$URL$1"; }

term admin --json show "$code" | jq -S .booking > "$WORK/cli-booking.json" || fail "cli show"
get "/v1/bookings/$code" | jq -S . > "$WORK/srv-booking.json" || fail "GET booking"
diff "$WORK/cli-booking.json" "$WORK/srv-booking.json" || fail "a booking has two shapes"
jq -e '.rate == 9550 and .currency == "EUR" and .notes == "late arrival" and .eta == "22:00"
	and .nights == 3 and .room == "203"' "$WORK/srv-booking.json" >/dev/null ||
	fail "the server's booking lacks fields: $(cat "$WORK/srv-booking.json")"
ok "one booking shape: frontdesk --json show = GET /v1/bookings/{code}"

term admin --json rooms | jq -S '.rooms | sort_by(.number)' > "$WORK/cli-rooms.json" || fail "cli rooms"
get /v1/rooms | jq -S 'sort_by(.number)' > "$WORK/srv-rooms.json" || fail "GET rooms"
diff "$WORK/cli-rooms.json" "$WORK/srv-rooms.json" || fail "a room has two shapes"
jq -e '.[] | select(.number == "203") | .status == "OC" and .occupant == $c' --arg c "$code" \
	"$WORK/srv-rooms.json" >/dev/null || fail "room 203: $(cat "$WORK/srv-rooms.json")"
ok "one room shape: frontdesk --json rooms = GET /v1/rooms"

term admin --json types | jq -S '.room_types | sort_by(.code)' > "$WORK/cli-types.json" || fail "cli types"
get /v1/room-types | jq -S 'sort_by(.code)' > "$WORK/srv-types.json" || fail "GET room types"
diff "$WORK/cli-types.json" "$WORK/srv-types.json" || fail "a room type has two shapes"
ok "one room type shape: frontdesk --json types = GET /v1/room-types"
