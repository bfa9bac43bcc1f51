#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# frontdeskd --database URI demo: the demo hotel of SQLite's demo (the
# same seed, the same hotel, built through the same core operations)
# added to the database as one more hotel, code DEMO unless --property
# says another; its staff sign in with --password-file's password at a
# terminal enrolled into it; its audit chain verifies. Refused, changing
# nothing: a code another hotel has, the same seed's demo again.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
pg_admin_hotel "Chain Hotel"

out=$(FDP demo --seed 7 --date 2026-03-10 --password-file "$T/pw" 2>&1); rc=$?
check "demo on PostgreSQL" 0 "$rc"
case $out in
"Created the demo hotel DEMO \"Hotel Miradouro\" ("*") in PostgreSQL ("[1-9]*" users can sign in).") ok "... says what it made" ;;
*) fail "demo said: $out" ;;
esac
P=$(pg_psql -c "SELECT property_id FROM property_codes WHERE code = 'DEMO'")
check "the database holds both hotels" "Chain Hotel|Hotel Miradouro|2026-03-10" \
	"$(pg_psql -c "SELECT string_agg(name, '|' ORDER BY name) FROM properties")|$(pg_psql -c "SELECT to_char(date '1970-01-01' + business_date, 'YYYY-MM-DD') FROM properties WHERE id = '$P'")"

# The same hotel as the SQLite demo of the same seed and date.
"$FD" --data "$T/sq" demo --seed 7 --date 2026-03-10 >/dev/null || fail "the SQLite demo"
SQ=$T/sq/frontdeskd.db
[ -f "$SQ" ] || SQ=$(ls "$T"/sq/*.db | head -1)
for q in "SELECT count(*) FROM rooms" "SELECT count(*) FROM room_types" "SELECT count(*) FROM guests" \
	"SELECT count(*) FROM staff" "SELECT count(*) FROM stay_nights" "SELECT count(*) FROM hk_tasks" \
	"SELECT count(*) FROM folio_lines l JOIN folios f ON f.id = l.folio_id" \
	"SELECT coalesce(sum(l.amount), 0) FROM folio_lines l JOIN folios f ON f.id = l.folio_id" \
	"SELECT count(*) FROM companies"; do
	case $q in
	*JOIN*) pgq="$q WHERE f.property_id = '$P'" ;;
	*) pgq="$q WHERE property_id = '$P'" ;;
	esac
	check "as on SQLite: $q" "$(sqlite3 "$SQ" "$q")" "$(pg_psql -c "$pgq")"
done
check "as on SQLite: bookings by status" "$(sqlite3 "$SQ" "SELECT group_concat(status || ':' || n, ' ') FROM (SELECT status, count(*) AS n FROM bookings GROUP BY status ORDER BY status)")" \
	"$(pg_psql -c "SELECT string_agg(status || ':' || n, ' ' ORDER BY status) FROM (SELECT status, count(*) AS n FROM bookings WHERE property_id = '$P' GROUP BY status) x")"
check "as on SQLite: the rooms' states" "$(sqlite3 "$SQ" "SELECT group_concat(number || clean || maint, ',') FROM (SELECT * FROM rooms ORDER BY number)")" \
	"$(pg_psql -c "SELECT string_agg(number || clean || maint, ',' ORDER BY number) FROM rooms WHERE property_id = '$P'")"
check "every operation audited, the chains intact" "yes 0" \
	"$([ "$(pg_psql -c "SELECT count(*) FROM audit_log WHERE property_id = '$P'")" -gt 1000 ] && echo yes) $(FDP check >/dev/null 2>&1; echo $?)"

# A demo receptionist signs in at a terminal of the demo hotel.
start_server --database "$PG_URI"
user=$(pg_psql -c "SELECT username FROM staff WHERE property_id = '$P' AND role = 'staff' AND active = 1 ORDER BY username LIMIT 1")
code=$(FDP enroll-code --property DEMO 2>/dev/null)
dev=$(body POST /v1/devices "{\"code\":\"$code\",\"name\":\"demo desk\"}" | jq -r .token)
s=$(sign_in "$dev" "$user")
check "$user signs in at the demo hotel and sees its rooms" "$(pg_psql -c "SELECT count(*) FROM rooms WHERE property_id = '$P'")" \
	"$(body GET /v1/rooms "" "$s" | jq 'length')"
check "the demo staff's one password is hashed once (each hash about 0.1 s)" "1|t" \
	"$(pg_psql -c "SELECT count(DISTINCT hash), count(*) > 1 FROM srv_credentials WHERE username IN (SELECT username FROM staff WHERE property_id = '$P')")"
stop_server || fail "the server did not stop cleanly"

# Refusals change nothing.
state() { pg_psql -c "SELECT count(*) FROM properties" -c "SELECT count(*) FROM bookings" -c "SELECT count(*) FROM audit_log" \
	-c "SELECT string_agg(username || hash, ' ' ORDER BY username) FROM srv_credentials"; }
before=$(state)
out=$(FDP demo --seed 7 --date 2026-03-10 2>&1); rc=$?
check "a second demo under the code DEMO is refused" "1 yes" "$rc $(echo "$out" | grep -q -- '--property CODE' && echo yes)"
out=$(FDP demo --seed 7 --date 2026-03-10 --property DEMO2 --password-file "$T/pw" 2>&1); rc=$?
check "the same seed's demo again is refused" "1 yes" "$rc $(echo "$out" | grep -q 'seed 7' && echo yes)"
out=$(FDP demo --property 'bad code' 2>&1); rc=$?
check "a bad code is refused" "1 yes" "$rc $(echo "$out" | grep -q 'bad code' && echo yes)"
check "a bad date is a usage error" 2 "$(FDP demo --date 2026-13-40 >/dev/null 2>&1; echo $?)"
check "the refusals changed nothing" "$before" "$(state)"

# On a terminal (script(1)) the build shows its operations (issue 18).
script -qec "'$FD' --database '$PG_URI' demo --seed 8 --date 2026-03-10 --property DEMO8" /dev/null >"$T/tty" 2>&1 ||
	fail "the demo on a terminal: $(cat "$T/tty")"
n=$(sed -n 's/.* of \([0-9]*\) operations.*/\1/p' "$T/tty" | head -1)
if [ -n "$n" ] && grep -q "$n of $n operations" "$T/tty" && grep -q 'Created the demo hotel DEMO8' "$T/tty"; then
	ok "on a terminal the demo's build shows N of $n operations, then what it made"
else
	fail "no progress line on a terminal: $(cat -v "$T/tty")"
fi
finish
