#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Housekeeping tasks finish (issue 12): the attendant assigned to a room, or
# a supervisor, marks it clean or inspected and the task is done, with who
# and when; the productivity report shows it.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
fd staff add hana --name "Hana Ito" --role staff --dept housekeeping >/dev/null || fail "staff add"
task() { fd op task.create "{\"id\":\"00000000-0000-4000-8000-0000000000$1\",\"room\":\"$2\",\"date\":\"2026-11-25\",\"kind\":\"$3\",\"attendant\":\"$4\"}" >/dev/null || fail "task $1"; }
task a1 101 clean hana
task a2 102 clean hana
task a3 103 clean hana
task a4 103 inspect mia
fd hk 101 dirty >/dev/null && fd hk 102 dirty >/dev/null && fd hk 103 dirty >/dev/null || fail "hk dirty"

fd --as hana hk 101 clean >/dev/null || fail "hana cleans 101"
fd --as anna hk 102 clean >/dev/null || fail "anna marks 102"
fd --as mia hk 103 inspected >/dev/null || fail "mia inspects 103"
db="$DATA/frontdesk.db"
[ "$(sqlite3 "$db" "SELECT room, status, done_by, done_at > 0 FROM hk_tasks ORDER BY id" | tr '\n' ' ')" = \
	"101|done|hana|1 102|open||0 103|done|mia|1 103|done|mia|1 " ] ||
	fail "tasks: $(sqlite3 "$db" 'SELECT * FROM hk_tasks ORDER BY id')"
# The productivity report credits each attendant's tasks (hana's third,
# 103, was closed by the supervisor's inspection; 102 is still open).
fd report hk-productivity --from 2026-11-25 --to 2026-11-25 >"$TMP/r" || fail "report"
grep -Eq "^ *hana +2 +2 +0 +0 +1" "$TMP/r" || fail "report: $(cat "$TMP/r")"
grep -Eq "^ *mia +1 +0 +1 +0 +1" "$TMP/r" || fail "report: $(cat "$TMP/r")"
finish
