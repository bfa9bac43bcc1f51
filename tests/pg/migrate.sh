#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# frontdeskd migrate --to postgresql://...: a hotel made through the
# command line on SQLite (frontdeskd on its data directory, a terminal
# making rooms, guests, bookings, check-ins, housekeeping, a bill with a
# card payment, a void and a refund, a charge code of its own, a night
# audit, a company account and a booking for it) is moved into
# PostgreSQL. Every table it moves is counted row for row on both sides,
# the feed is rebuilt under a new epoch, and the hotel is served from
# PostgreSQL: a terminal enrolled there syncs every booking, and the
# terminal of the SQLite days, on the same address, learns of the new
# epoch; the folios and their balance are there; conflict notices, a
# web booking's recorded answer and a guest's mailed link move too, and
# the link opens the booking from PostgreSQL; bookings' channel
# references move with them (the reservation an import took is still
# found by its reference) and stay when the booking changes there.
# Refused, with nothing changed: a running server, a target that already
# holds the hotel, a hotel holding rows of a table this program does not
# move (one added later), usernames already taken in the target.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
FDD=${top_builddir:?}/frontdeskd
FD=$top_builddir/frontdesk
W=$PG_WORK
DATA=$W/srv
S_PID=
stop_server() { [ -n "$S_PID" ] && kill -TERM "$S_PID" 2>/dev/null && wait "$S_PID"; S_PID=; }
trap 'stop_server; pg_cleanup' EXIT
pg_start
mkdir -p "$W"
printf 'correct horse battery\n' > "$W/pw"

# serve LOG [ADDRESS] [OPTIONS]: frontdeskd on the data directory (or
# --database ...), its URL in $URL
serve() {
	log=$1 addr=$2
	shift 2
	"$FDD" --data "$DATA" serve --listen "$addr" "$@" 2>"$W/$log.log" &
	S_PID=$!
	for _ in $(seq 1 100); do
		port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$W/$log.log")
		if [ -n "$port" ]; then URL=http://127.0.0.1:$port; return 0; fi
		sleep 0.05
	done
	fail "the server did not start"; cat "$W/$log.log" >&2; exit 1
}
term() { t=$1; shift; "$FD" --data "$W/$t" "$@"; }

# 1. The hotel on SQLite, made through the command line.
"$FDD" --data "$DATA" init --property "Casa Velha" --currency EUR --timezone Europe/Lisbon --date 2026-04-01 >/dev/null &&
	"$FDD" --data "$DATA" user add boss --role admin --password-file "$W/pw" >/dev/null &&
	"$FDD" --data "$DATA" user add rita --role staff --display-name "Rita Reis" --password-file "$W/pw" >/dev/null ||
	fail "setting up the SQLite hotel"
serve sqlite 127.0.0.1:0
SQLITE_URL=$URL
term t1 enroll "$URL" "$("$FDD" --data "$DATA" enroll-code 2>/dev/null)" --name desk-1 >/dev/null &&
	term t1 login boss --password-file "$W/pw" >/dev/null && term t1 sync --once >/dev/null || fail "enrolling t1"
term t1 type add DBL --name Double --max 2 --rate 90 >/dev/null &&
	term t1 type add SUI --name Suite --max 4 --rate 250 --rank 2 >/dev/null || fail "room types"
for r in 101 102 103 104; do term t1 room add $r --type DBL --floor 1 >/dev/null || fail "room $r"; done
term t1 room add 201 --type SUI --floor 2 --section east >/dev/null || fail "room 201"
: > "$W/codes"
for i in 1 2 3 4 5 6; do
	c=$(term t1 book --guest "Guest$i, Ana" --type DBL --arrive "2026-04-0$i" --depart "2026-04-0$((i + 2))") ||
		fail "booking $i"
	echo "$c" >> "$W/codes"
done
c=$(term t1 book --guest "Mendes, Rui" --type SUI --arrive 2026-04-01 --depart 2026-04-04 --adults 3) || fail "suite"
echo "$c" >> "$W/codes"
term t1 assign "$c" 201 >/dev/null && term t1 checkin "$c" >/dev/null || fail "checking $c into 201"
first=$(head -n1 "$W/codes")
term t1 assign "$first" 101 >/dev/null && term t1 checkin "$first" >/dev/null || fail "checking $first in"
term t1 assign "$(sed -n 2p "$W/codes")" 102 >/dev/null || fail "assigning"
term t1 cancel "$(sed -n 3p "$W/codes")" >/dev/null || fail "cancelling"
term t1 hk 103 inspected >/dev/null && term t1 ooo 104 --reason "leaking tap" --from 2026-04-10 --to 2026-04-12 >/dev/null ||
	fail "housekeeping"
# The folio area: a bill, a card payment, a void, a refund, a charge code
# of the hotel's own, and a night audit (room charges, a closed day).
term t1 charges set SPA --name Spa --vat 2000 >/dev/null || fail "a charge code"
term t1 post "$first" FB 42.50 --desc Dinner >/dev/null && term t1 post "$first" SPA 30 >/dev/null &&
	term t1 post "$first" MINIBAR 7 >/dev/null || fail "posting charges"
term t1 pay "$first" card 60 --ref TX9 --last4 4242 >/dev/null && term t1 pay "$first" cash 20 >/dev/null || fail "payments"
minibar=$(term t1 --json folio "$first" | jq -r '.folios[0].lines[] | select(.code == "MINIBAR") | .id')
term t1 void "$minibar" --reason "not taken" >/dev/null || fail "voiding the minibar"
term t1 refund "$first" cash 5 --reason "change" >/dev/null || fail "a refund"
term t1 audit >/dev/null || fail "the night audit"
term t1 company add "ACME GmbH" --direct-bill --credit-limit 500 --vat DE1 >/dev/null || fail "a company account"
term t1 modify "$(sed -n 4p "$W/codes")" --company "ACME GmbH" >/dev/null || fail "a booking for ACME"
term t1 sync --once >/dev/null || fail "t1 pushing"
balance=$(term t1 --json folio "$first" | jq -r .balance_minor)
check "the bill on SQLite" "8750 8" "$balance $(term t1 --json folio "$first" | jq -r '[.folios[].lines[]] | length')"
check "t1 has nothing pending" 0 "$(term t1 --json sync-status | jq -r .pending)"
t1_bookings=$(term t1 --json bookings --from 2026-04-01 --to 2026-05-01 | jq -r '[.bookings[] | .code + " " + .status + " " + (.room // "-")] | sort | join(",")')

# 2. Refusals first: nothing may change.
"$FDD" --data "$DATA" migrate --to "$PG_URI" >/dev/null 2>"$W/err" && fail "migrated while a server serves the data directory"
grep -q 'serving' "$W/err" && echo "ok: refused while frontdeskd serves it: $(cat "$W/err")" || fail "message: $(cat "$W/err")"
stop_server
# Two conflict notices (one resolved), as a clash between desks leaves
# them: they move with the hotel, into its feed.
sqlite3 "$DATA/frontdeskd.db" "INSERT INTO srv_conflicts (id, op_id, device, actor, type, code, message,
 details, resolved, resolved_by, version, created_at, updated_at) VALUES
 ('c-open', 'op-1', 'dev-1', 'anna', 'booking.create', 'room_taken', 'Room 101 is taken.', '{}', 0, '', 1, 100, 100),
 ('c-done', 'op-2', 'dev-1', 'anna', 'booking.create', 'no_availability', 'Nothing free.', '{}', 1, 'boss', 2, 90, 95)" ||
	fail "conflict notices in the SQLite hotel"
# A guest's side: a booking link as mailed (the hash of its token, as
# frontdeskd keeps it: BLAKE2b-256) and a web booking's recorded answer.
GUEST_TOKEN=migrated-guest-link-0123456789abcdef
link_hash=$(printf '%s' "$GUEST_TOKEN" | b2sum -l 256 | cut -d' ' -f1)
linked=$(sqlite3 "$DATA/frontdeskd.db" "SELECT id || ' ' || code FROM bookings ORDER BY code LIMIT 1")
sqlite3 "$DATA/frontdeskd.db" "INSERT INTO srv_public_links (hash, booking_id, created_at, expires_at, uses, max_uses)
 VALUES (X'$link_hash', '${linked% *}', 100, 4102444800, 1, 50);
 INSERT INTO srv_public_requests (idem_key, request_hash, booking_id, answer, created_at, email_key)
 VALUES ('idem-web-1', 'req-hash', '${linked% *}', '{\"code\":\"${linked#* }\"}', 100, 'mailkey')" ||
	fail "a guest's link and a web booking in the SQLite hotel"
# Two bookings imported from channels, with their references (the SQLite
# store's bookings_ext_ref, written by 'frontdesk import').
second=$(sed -n 2p "$W/codes") suite=$(sed -n 7p "$W/codes")
sqlite3 "$DATA/frontdeskd.db" "UPDATE bookings SET ext_ref = 'BDC-4711' WHERE code = '$second';
 UPDATE bookings SET ext_ref = 'EXP-88' WHERE code = '$suite'" || fail "channel references in the SQLite hotel"
cp "$DATA/frontdeskd.db" "$W/before.db"
check "nothing in PostgreSQL after a refusal" "" "$(pg_psql -c "SELECT tablename FROM pg_tables WHERE tablename = 'properties'")"
"$FDD" --data "$DATA" migrate --to "mysql://x" >/dev/null 2>"$W/err" && fail "took a URI that is not PostgreSQL's"
grep -q 'postgresql://' "$W/err" || fail "the message for a bad URI: $(cat "$W/err")"
"$FDD" --data "$W/nothing" migrate --to "$PG_URI" >/dev/null 2>"$W/err" && fail "migrated a missing hotel"
grep -q 'does not exist' "$W/err" || fail "the message for a missing hotel: $(cat "$W/err")"

# Rows of a table this program does not move (one a later version adds,
# on a copy of the hotel): refused, naming them, never dropped.
mkdir -p "$W/plan" && cp "$DATA/frontdeskd.db" "$W/plan/"
sqlite3 "$W/plan/frontdeskd.db" "CREATE TABLE channel_messages (id TEXT PRIMARY KEY, body TEXT);
 INSERT INTO channel_messages VALUES ('m1', 'late arrival')" || fail "a table of a later version on the copy"
"$FDD" --data "$W/plan" migrate --to "$PG_URI" >/dev/null 2>"$W/err" && fail "migrated a hotel with rows of an unknown table"
grep -q 'channel_messages (1)' "$W/err" && echo "ok: an unknown table's rows refused: $(cat "$W/err")" ||
	fail "the message for an unknown table: $(cat "$W/err")"
check "the refused migration did not touch PostgreSQL" "" \
	"$(pg_psql -c "SELECT tablename FROM pg_tables WHERE tablename = 'properties'")"

# 3. The move.
"$FDD" --data "$DATA" migrate --to "$PG_URI" --property "bad code" >/dev/null 2>"$W/err" && fail "took a bad hotel code"
grep -q 'capital letters' "$W/err" || fail "the message for a bad code: $(cat "$W/err")"
"$FDD" --data "$DATA" migrate --to "$PG_URI" --property CASA > "$W/out" 2>"$W/err" || fail "migrate: $(cat "$W/err")"
cat "$W/out"
check "the hotel has its code in the chain" "CASA" \
	"$("$FDD" --database "$PG_URI" property list 2>/dev/null | grep -o CASA)"
cmp -s "$DATA/frontdeskd.db" "$W/before.db" && echo "ok: the SQLite file is left as it was" ||
	fail "the SQLite file changed"

# Row for row: each table's rows on both sides, as text.
sq() { sqlite3 -separator '|' "$DATA/frontdeskd.db" "$1"; }
same() { # LABEL SQLITE-QUERY PG-QUERY
	sq "$2" > "$W/a"
	pg_psql -F '|' -c "$3" > "$W/b"
	if cmp -s "$W/a" "$W/b"; then echo "ok: $1: $(grep -c . "$W/a") rows, the same"; else
		fail "$1 differ: $(diff "$W/a" "$W/b" | head -5)"; fi
}
same "the property" "SELECT id, name, currency, timezone, business_date, version FROM property" \
	"SELECT id, name, currency, timezone, business_date, version FROM properties"
same "room types" "SELECT code, id, name, max_occupancy, base_rate, rank, version FROM room_types ORDER BY code" \
	"SELECT code, id, name, max_occupancy, base_rate, rank, version FROM room_types ORDER BY code"
same "rooms" "SELECT number, id, type_code, floor, section, clean, maint, maint_reason, coalesce(maint_from, ''), coalesce(maint_to, ''), version FROM rooms ORDER BY number" \
	"SELECT number, id, type_code, floor, section, clean, maint, maint_reason, coalesce(maint_from::text, ''), coalesce(maint_to::text, ''), version FROM rooms ORDER BY number"
same "guests" "SELECT id, family, given, search_key, version FROM guests ORDER BY id" \
	"SELECT id, family, given, search_key, version FROM guests ORDER BY id"
same "bookings" "SELECT id, code, guest_id, type_code, coalesce(room, ''), arrival, departure, adults, rate, status, version, coalesce(company_id, '') FROM bookings ORDER BY id" \
	"SELECT id, code, guest_id, type_code, coalesce(room, ''), arrival, departure, adults, rate, status, version, coalesce(company_id, '') FROM bookings ORDER BY id"
same "channel references" "SELECT code, ext_ref FROM bookings WHERE ext_ref <> '' ORDER BY code" \
	"SELECT code, ext_ref FROM bookings WHERE ext_ref <> '' ORDER BY code"
check "... both of them" 2 "$(pg_psql -c "SELECT count(*) FROM bookings WHERE ext_ref <> ''")"
check "the booking made for ACME is ACME's there" "$(sed -n 4p "$W/codes") ACME GmbH" \
	"$(pg_psql -c "SELECT b.code || ' ' || c.name FROM bookings b JOIN companies c ON c.id = b.company_id")"
same "room-nights (the double-booking guard)" "SELECT booking_id, night, type_code, coalesce(room, '') FROM stay_nights ORDER BY booking_id, night" \
	"SELECT booking_id, night, type_code, coalesce(room, '') FROM stay_nights ORDER BY booking_id, night"
same "staff" "SELECT username, id, display_name, role, dept, active FROM staff ORDER BY username" \
	"SELECT username, id, display_name, role, dept, active FROM staff ORDER BY username"
same "passwords" "SELECT username, hash FROM srv_credentials ORDER BY username" \
	"SELECT username, hash FROM srv_credentials ORDER BY username"
same "housekeeping tasks" "SELECT id, room, date, kind, status FROM hk_tasks ORDER BY id" \
	"SELECT id, room, date, kind, status FROM hk_tasks ORDER BY id"
same "settings" "SELECT key, value FROM folio_settings ORDER BY key" "SELECT key, value FROM settings ORDER BY key"
same "charge codes" "SELECT code, name, vat_bp, is_room, version FROM charge_codes ORDER BY code" \
	"SELECT code, name, vat_bp, is_room, version FROM charge_codes ORDER BY code"
same "folios" "SELECT id, booking_id, kind, name, company, route_room, version FROM folios ORDER BY id" \
	"SELECT id, booking_id, kind, name, company, route_room, version FROM folios ORDER BY id"
same "folio lines, in their order" "SELECT id, folio_id, kind, code, description, amount, tax, date, method, ref, last4, coalesce(voids, ''), reason, actor, reverses, quantity, unit_price FROM folio_lines ORDER BY seq" \
	"SELECT id, folio_id, kind, code, description, amount, tax, date, method, ref, last4, coalesce(voids, ''), reason, actor, reverses, quantity, unit_price FROM folio_lines ORDER BY seq"
same "closed days" "SELECT date, rooms_total, rooms_sold, room_revenue, arrivals, closed_by, closed_at FROM day_reports ORDER BY date" \
	"SELECT date, rooms_total, rooms_sold, room_revenue, arrivals, closed_by, closed_at FROM day_reports ORDER BY date"
[ "$(sq "SELECT count(*) FROM folio_lines")" -ge 7 ] && [ "$(sq "SELECT count(*) FROM day_reports")" = 1 ] ||
	fail "the SQLite hotel's folio area is too small to show anything"
same "company accounts" "SELECT id, name, kind, address, vat, contact, credit_limit, direct_bill, version FROM companies ORDER BY id" \
	"SELECT id, name, kind, address, vat, contact, credit_limit, direct_bill, version FROM companies ORDER BY id"
same "devices" "SELECT id, name, lower(hex(token_hash)), last_seq, revoked_at, revoked_by FROM srv_devices ORDER BY id" \
	"SELECT id, name, token_hash, last_seq, revoked_at, revoked_by FROM srv_devices ORDER BY id"
same "sign-ins per device" "SELECT device, username, first_at, last_at FROM srv_device_users ORDER BY device, username" \
	"SELECT device, username, first_at, last_at FROM srv_device_users ORDER BY device, username"
# The audit log, row for row with its hashes: the chain verifies there.
same "the audit log" "SELECT seq, op_id, actor, type, entity_id, applied_at, outcome, session, hash FROM audit_log ORDER BY seq" \
	"SELECT seq, op_id, actor, type, entity_id, applied_at, outcome, session, hash FROM audit_log ORDER BY seq"
audit_rows=$(sq "SELECT count(*) FROM audit_log")
[ "$audit_rows" -gt 20 ] || fail "the SQLite hotel's audit log is too short to show anything: $audit_rows rows"
check "the moved chain verifies in PostgreSQL" "check: ok (the audit log's chain of $audit_rows rows is intact)" \
	"$("$FDD" --database "$PG_URI" check 2>&1)"
same "conflict notices" "SELECT id, op_id, device, actor, type, code, message, resolved, resolved_by, version, created_at FROM srv_conflicts ORDER BY id" \
	"SELECT id, op_id, device, actor, type, code, message, resolved, resolved_by, version, created_at FROM srv_conflicts ORDER BY id"
check "... each in the hotel's feed" "c-done c-open" "$(pg_psql -c "SELECT string_agg(entity_id, ' ' ORDER BY entity_id) FROM changes WHERE entity = 'conflict'")"
same "web booking requests" "SELECT idem_key, request_hash, booking_id, answer, created_at, email_key FROM srv_public_requests ORDER BY idem_key" \
	"SELECT idem_key, request_hash, booking_id, answer, created_at, email_key FROM srv_public_requests ORDER BY idem_key"
same "guests' booking links" "SELECT lower(hex(hash)), booking_id, expires_at, uses, max_uses FROM srv_public_links ORDER BY hash" \
	"SELECT hash, booking_id, expires_at, uses, max_uses FROM srv_public_links ORDER BY hash"
same "recorded results" "SELECT device, op_id, device_seq, status FROM srv_op_results ORDER BY device, device_seq" \
	"SELECT device, op_id, device_seq, status FROM srv_op_results ORDER BY device, device_seq"
check "the feed: one change per entity, numbered from 1" \
	"$(pg_psql -c "SELECT count(*) || ' 1 ' || count(*) FROM changes")" \
	"$(pg_psql -c "SELECT count(DISTINCT (entity, entity_id)) || ' ' || min(seq) || ' ' || max(seq) FROM changes")"
check "the feed's counter is at its last change" "$(pg_psql -c 'SELECT max(seq) FROM changes')" \
	"$(pg_psql -c 'SELECT seq FROM feed_counters')"
old_epoch=$(sq "SELECT value FROM meta WHERE key = 'server_epoch'")
new_epoch=$(pg_psql -c "SELECT value FROM meta WHERE key = 'server_epoch'")
[ -n "$new_epoch" ] && [ "$new_epoch" != "$old_epoch" ] && echo "ok: a new epoch ($old_epoch -> $new_epoch)" ||
	fail "the epoch: '$old_epoch' -> '$new_epoch'"

# Once more: the target holds the hotel now.
"$FDD" --data "$DATA" migrate --to "$PG_URI" >/dev/null 2>"$W/err" && fail "migrated the same hotel twice"
grep -q 'already holds hotel "Casa Velha"' "$W/err" && echo "ok: a second migration is refused: $(cat "$W/err")" ||
	fail "the message for a second migration: $(cat "$W/err")"
check "and changed nothing" "7" "$(pg_psql -c 'SELECT count(*) FROM bookings')"
# Another SQLite hotel whose admin is also called boss: usernames are the
# chain's (one password per person), so it is refused, naming him.
"$FDD" --data "$W/other" init --property "Outra Casa" --currency EUR --timezone Europe/Lisbon >/dev/null &&
	"$FDD" --data "$W/other" user add boss --role admin --password-file "$W/pw" >/dev/null || fail "the other hotel"
"$FDD" --data "$W/other" migrate --to "$PG_URI" >/dev/null 2>"$W/err" && fail "migrated a hotel whose users are taken"
grep -q 'users named boss' "$W/err" && echo "ok: taken usernames refused: $(cat "$W/err")" ||
	fail "the message for taken usernames: $(cat "$W/err")"
check "and nothing of it moved" "1" "$(pg_psql -c 'SELECT count(*) FROM properties')"

# 4. Served from PostgreSQL, on the address the terminals know.
serve pg "127.0.0.1:${SQLITE_URL##*:}" --database "$PG_URI"
check "the PostgreSQL server took the old address" "$SQLITE_URL" "$URL"
check "the guest's link opens the booking on PostgreSQL" "${linked#* }" \
	"$(curl -s -H "Authorization: Bearer $GUEST_TOKEN" "$URL/v1/public/manage" | jq -r .code)"
term t2 enroll "$URL" "$("$FDD" --database "$PG_URI" enroll-code 2>/dev/null)" --name desk-2 >/dev/null &&
	term t2 login rita --password-file "$W/pw" >/dev/null || fail "enrolling t2 on PostgreSQL (rita's password moved)"
term t2 sync --once >/dev/null || fail "t2's sync"
check "t2 sees every booking of the SQLite days" "$t1_bookings" \
	"$(term t2 --json bookings --from 2026-04-01 --to 2026-05-01 | jq -r '[.bookings[] | .code + " " + .status + " " + (.room // "-")] | sort | join(",")')"
check "t2 has the rooms with their state" "$(term t1 --json rooms | jq -c '[.rooms[] | [.number, .type, .clean, .maint]]')" \
	"$(term t2 --json rooms | jq -c '[.rooms[] | [.number, .type, .clean, .maint]]')"
# The terminal of the SQLite days: its device and session moved; the feed
# tells it of the new epoch.
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(sqlite3 "$W/t1/frontdesk.db" "SELECT value FROM meta WHERE key = 'session_token'")" \
	"$URL/v1/changes?since=$(term t1 --json sync-status | jq -r .cursor)&epoch=$old_epoch")
check "t1's session works on PostgreSQL and its feed says: new epoch" 410 "$code"
check "t2 has the bill of the SQLite days" "$balance 8" \
	"$(term t2 --json folio "$first" | jq -r '.balance_minor, ([.folios[].lines[]] | length)' | paste -sd' ')"
term t2 company list | grep -q "ACME GmbH" || fail "t2 does not have the company account: $(term t2 company list)"
check "t2 has the hotel's own charge code" "SPA" "$(sqlite3 "$W/t2/frontdesk.db" "SELECT code FROM charge_codes WHERE code = 'SPA'")"
term t2 post "$first" SPA 10 >/dev/null && term t2 sync --once >/dev/null || fail "posting on PostgreSQL"
check "a charge posted after the move is kept" "$((balance + 1000))" \
	"$(pg_psql -c "SELECT sum(amount) FROM folio_lines l JOIN folios f ON f.id = l.folio_id JOIN bookings b ON b.id = f.booking_id WHERE b.code = '$first'")"
# a booking made on t2 reaches PostgreSQL and pushes on from t1's old device
c=$(term t2 book --guest "After, Move" --type DBL --arrive 2026-04-20 --depart 2026-04-22) && term t2 sync --once >/dev/null ||
	fail "booking on PostgreSQL"
check "the booking made after the move is there" "$c reserved" "$(pg_psql -c "SELECT code || ' ' || status FROM bookings WHERE code = '$c'")"
term t2 modify "$second" --notes "cot in room" >/dev/null && term t2 sync --once >/dev/null || fail "modifying $second on PostgreSQL"
check "a channel booking changed on PostgreSQL keeps its reference" "cot in room BDC-4711" \
	"$(pg_psql -c "SELECT notes || ' ' || ext_ref FROM bookings WHERE code = '$second'")"
check "... which stays the hotel's own: no second booking takes it" "bookings_ext_ref" \
	"$(pg_psql -c "UPDATE bookings SET ext_ref = 'BDC-4711' WHERE code = '$c'" 2>&1 | grep -o bookings_ext_ref)"
out=$("$FDD" --database "$PG_URI" check 2>&1)
n=$(echo "$out" | sed -n "s/^check: ok (the audit log's chain of \([0-9]*\) rows is intact)$/\1/p")
[ -n "$n" ] && [ "$n" -gt "$audit_rows" ] && echo "ok: rows written on PostgreSQL chain onto the moved ones ($audit_rows -> $n)" ||
	fail "the chain after the move: $out"
stop_server
pg_finish "$W"/*.log
