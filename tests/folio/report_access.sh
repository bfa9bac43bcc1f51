#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# report.read is for managers (issue 19): a staff member reads neither
# revenue, ADR nor a colleague's takings, only their own cashier lines; a
# refused report is recorded in the audit log.
. "$top_srcdir/tests/folio/lib.sh"
"$FIXTURE" "$D" 2026-03-01 3 || fail fixture
C=$(fd book --guest "Doe, Jane" --type STD --arrive 2026-03-01 --depart 2026-03-03 --rate 120) || fail book
fd --as anna pay "$C" cash 30 >/dev/null || fail "anna's payment"
fd --as hana pay "$C" card 45 --last4 4242 >/dev/null || fail "hana's payment"

for kind in summary daily forecast hk-productivity ar; do
	if fd --as anna report $kind >"$TMP/out" 2>"$TMP/err"; then fail "anna read the $kind report"; fi
	[ -s "$TMP/out" ] && fail "the refused $kind report printed something: $(cat "$TMP/out")"
	grep -q "Reports are for managers: anna may read only their own cashier lines" "$TMP/err" ||
		fail "the refusal of $kind: $(cat "$TMP/err")"
done
expect_fail "only their own cashier lines" fd --as anna report cashier --from 2026-03-01 --to 2026-03-01 --user hana
# Her own cashier lines, and nobody else's.
fd --as anna report cashier --from 2026-03-01 --to 2026-03-01 --csv | tr -d '\r' >"$TMP/cash.csv" || fail "anna's cashier report"
grep -q "^anna,cash,1,30.00," "$TMP/cash.csv" || fail "anna's own line: $(cat "$TMP/cash.csv")"
grep -q "hana" "$TMP/cash.csv" && fail "anna sees hana's takings"
# A manager reads everything.
fd --as max report summary >/dev/null || fail "the manager's summary"
fd --as max report cashier --from 2026-03-01 --to 2026-03-01 --csv | tr -d '\r' >"$TMP/cash.csv" || fail "the manager's cashier report"
grep -q "^hana,card,1,45.00," "$TMP/cash.csv" && grep -q "^anna,cash,1,30.00," "$TMP/cash.csv" || fail "the manager's cashier report: $(cat "$TMP/cash.csv")"
# The refusals are in the audit log: who, what, why.
[ "$(sqlite3 "$D/frontdesk.db" "SELECT count(*) FROM audit_log WHERE outcome = 'refused' AND actor = 'anna' AND type = 'report.read' AND code = 'forbidden'")" = 6 ] ||
	fail "the refused reports are not in the audit log: $(sqlite3 "$D/frontdesk.db" "SELECT actor, type, outcome, code FROM audit_log WHERE outcome = 'refused'")"
[ "$(sqlite3 "$D/frontdesk.db" "SELECT json_extract(payload, '\$.what') FROM audit_log WHERE outcome = 'refused' ORDER BY seq LIMIT 1")" = summary ] ||
	fail "the refusal does not say which report"
echo "ok: report access"
