#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Departments (issue 19): below the manager role, money and booking
# operations are for the front office, management and the night audit. A
# housekeeping attendant may set a room clean, but not post, pay, refund,
# void, cancel, book or check in; a manager's setting can widen the rule.
. "$top_srcdir/tests/folio/lib.sh"
"$FIXTURE" "$D" 2026-03-01 3 || fail fixture
fd staff add hk1 --name "Hugo Keeper" --role staff --dept housekeeping >/dev/null || fail "staff add hk1"
fd staff add na1 --name "Nia Auditor" --role staff --dept night_audit >/dev/null || fail "staff add na1"

C=$(fd book --guest "Doe, Jane" --type STD --arrive 2026-03-01 --depart 2026-03-03 --rate 120) || fail book
C2=$(fd book --guest "Roe, Rick" --type STD --arrive 2026-03-01 --depart 2026-03-02 --rate 90) || fail book2
fd pay "$C" cash 50 >/dev/null || fail pay
fd --json post "$C" MINIBAR 5 >"$TMP/p" || fail post
LINE=$(json 'd["id"]' <"$TMP/p")

before=$(dbsum)
for cmd in "post $C MINIBAR 3" "pay $C cash 10" "refund $C cash 5 --reason change" \
	"void $LINE --reason wrong" "cancel $C2" "checkin $C --room 101" \
	"book --guest Poe,Ed --type STD --arrive 2026-03-01 --depart 2026-03-02"; do
	# shellcheck disable=SC2086
	expect_fail "housekeeping and may not perform" fd --as hk1 $cmd
done
[ "$(dbsum)" = "$before" ] || fail "a refused operation changed the database"
fd --json --as hk1 pay "$C" cash 10 2>"$TMP/err" && fail "housekeeping took a payment"
grep -q "front office, management and the night audit" "$TMP/err" || fail "the refusal does not say who may: $(cat "$TMP/err")"

# Housekeeping keeps its own work; the night audit and the front office
# keep theirs.
fd --as hk1 hk 102 clean >/dev/null || fail "housekeeping may set a room clean"
fd --as na1 post "$C" MINIBAR 3 >/dev/null || fail "the night audit may post"
fd --as anna checkin "$C" --room 101 >/dev/null || fail "the front office may check in"

# A manager widens the desk to housekeeping (a small hotel); an unknown
# department is refused and changes nothing.
before=$(dbsum)
expect_fail "not a list of departments" fd --as max settings --desk-departments "housekeeping,kitchen"
[ "$(dbsum)" = "$before" ] || fail "a refused setting changed the database"
expect_fail "manager" fd --as anna settings --desk-departments housekeeping
fd --as max settings --desk-departments housekeeping >/dev/null || fail "settings --desk-departments"
fd settings | grep -q "night_audit, housekeeping" || fail "settings does not show the added department: $(fd settings)"
fd --as hk1 pay "$C" cash 10 >/dev/null || fail "housekeeping may take money once the property allows it"
fd --as max settings --desk-departments "" >/dev/null || fail "settings --desk-departments ''"
expect_fail "housekeeping and may not perform" fd --as hk1 pay "$C" cash 10

# A department is required and known; staff update moves a person.
expect_fail "unknown department" fd staff add zed --name Zed --role staff --dept kitchen
expect_fail "needs a department" fd op staff.create '{"id":"00000000-0000-4000-8000-00000000abcd","username":"zed","display_name":"Zed","role":"staff","department":""}'
fd staff update hk1 --dept front_office >/dev/null || fail "staff update --dept"
fd --as hk1 pay "$C" cash 10 >/dev/null || fail "hk1, now at the front office, may take money"
[ "$(fd --json staff list | json '[s["department"] for s in d["staff"] if s["username"]=="hk1"][0]')" = front_office ] ||
	fail "staff list does not show the new department"

# Migration 18: a department the table does not know (an older version
# read it as the front office) becomes front office for staff and
# management for managers; the schema refuses unknown ones from then on.
sqlite3 "$D/frontdesk.db" "DROP TRIGGER staff_dept_insert; DROP TRIGGER staff_dept_update;
 UPDATE staff SET dept = '' WHERE username = 'na1'; UPDATE staff SET dept = 'boss' WHERE username = 'max';
 DELETE FROM schema_migrations WHERE chain = 'core' AND version = 18;" || fail "downgrade"
fd staff list >/dev/null || fail "migrate"
[ "$(sqlite3 "$D/frontdesk.db" "SELECT group_concat(username || '=' || dept, ' ') FROM (SELECT * FROM staff WHERE username IN ('na1','max') ORDER BY username)")" = "max=management na1=front_office" ] ||
	fail "migration 18: $(sqlite3 "$D/frontdesk.db" "SELECT username, dept FROM staff")"
sqlite3 "$D/frontdesk.db" "UPDATE staff SET dept = 'kitchen' WHERE username = 'anna'" 2>/dev/null && fail "the schema took an unknown department"
echo "ok: departments"
