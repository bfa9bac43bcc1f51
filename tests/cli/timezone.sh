#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The hotel's time zone must be one the system knows (core refuses it for
# every interface): init and property.update with an unknown zone, a
# malformed one or a path are refused with a message naming the zone, exit
# 1, and change nothing; tz database names (three parts, Etc/) pass.
. "${top_srcdir:?}/tests/cli/lib.sh"

"$FD" --data "$TMP/none" init --property X --currency EUR --timezone Nowhere/Land --date 2026-11-25 \
	>"$TMP/out" 2>"$TMP/err"
[ $? = 1 ] || fail "init with an unknown zone did not exit 1"
grep -q '"Nowhere/Land" is not a time zone this system knows' "$TMP/err" ||
	fail "init: no clear message: $(cat "$TMP/err")"
[ -z "$(sqlite3 "$TMP/none/frontdesk.db" 'SELECT id FROM property' 2>/dev/null)" ] ||
	fail "init with an unknown zone made a hotel"

make_hotel
zone() { sqlite3 "$DATA/frontdesk.db" 'SELECT timezone FROM property'; }
for z in Mars/Olympus ../../../etc/passwd "Europe/Lisbon " Europe "" Europe//Lisbon leapseconds; do
	expect_refused 1 "is not a time zone this system knows" -- fd op property.update "{\"timezone\":\"$z\"}"
done
grep -q "tz database such as Europe/Lisbon" "$TMP/err" || fail "the message does not say what a zone looks like"
[ "$(zone)" = Europe/Lisbon ] || fail "the zone changed: $(zone)"
for z in America/Argentina/Buenos_Aires Etc/GMT+5 UTC Asia/Tokyo; do
	fd op property.update "{\"timezone\":\"$z\"}" >/dev/null 2>"$TMP/err" || fail "$z refused: $(cat "$TMP/err")"
	[ "$(zone)" = "$z" ] || fail "the zone is $(zone), expected $z"
done
# Other settings still change while the zone stays.
fd op property.update '{"name":"Renamed Hotel"}' >/dev/null 2>"$TMP/err" || fail "renaming: $(cat "$TMP/err")"
finish
