#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Long work shows a progress line (count, rate, time left) on a terminal:
# the CSV import of 2,500 rows under a pseudo-terminal (script(1)) prints
# "N of 2500 rows, R/s" and clears it before the summary; with --json, or
# when stderr is not a terminal, nothing extra is printed. The demo
# hotel's build likewise ("N of TOTAL operations"). Opening a database of
# an older release says it is being upgraded first (a big hotel's upgrade
# takes a while), on a terminal only, and once.
. "${top_srcdir:?}/tests/cli/lib.sh"
command -v script >/dev/null || { echo "SKIP: no script(1)"; exit 77; }
make_hotel
{
	echo "arrival,departure,type,adults,rate,status,guest"
	i=0
	while [ $i -lt 2500 ]; do
		echo "2026-0$((i % 9 + 1))-1$((i % 9)),2026-0$((i % 9 + 1))-2$((i % 9)),STD,1,90.00,checked_out,\"Guest$i, Ann\""
		i=$((i + 1))
	done
} >"$TMP/big.csv"
cp -r "$DATA" "$TMP/data2"
cp -r "$DATA" "$TMP/data3"

# On a terminal: the progress line, then the summary.
script -qec "'$FD' --data '$DATA' import bookings '$TMP/big.csv'" /dev/null >"$TMP/tty" 2>&1 ||
	fail "import on a terminal failed: $(cat "$TMP/tty")"
grep -q "of 2500 rows, [0-9]*/s" "$TMP/tty" || fail "no progress line on a terminal: $(cat -v "$TMP/tty")"
grep -q "2500 of 2500 rows" "$TMP/tty" || fail "the progress line does not reach the end: $(cat -v "$TMP/tty")"
grep -q "Imported 2500 booking(s) from 2500 row(s)" "$TMP/tty" || fail "no summary: $(cat -v "$TMP/tty")"

# --json on a terminal: one JSON document, no progress line.
script -qec "'$FD' --data '$TMP/data2' --json import bookings '$TMP/big.csv'" /dev/null >"$TMP/json" 2>&1 ||
	fail "--json import failed: $(cat "$TMP/json")"
grep -q "rows, " "$TMP/json" && fail "a progress line with --json: $(cat -v "$TMP/json")"
tr -d '\r' <"$TMP/json" | jq -e '.imported == 2500' >/dev/null || fail "--json output is not the document: $(cat -v "$TMP/json")"

# Not a terminal: nothing on stderr.
"$FD" --data "$TMP/data3" import bookings "$TMP/big.csv" >"$TMP/out" 2>"$TMP/err" || fail "import failed: $(cat "$TMP/err")"
[ -s "$TMP/err" ] && fail "stderr is not a terminal, yet: $(cat -v "$TMP/err")"
grep -q "Imported 2500 booking(s)" "$TMP/out" || fail "no summary: $(cat "$TMP/out")"
# The demo hotel's build counts its operations the same way.
script -qec "'$FD' --data '$TMP/demo1' demo --date 2026-03-01" /dev/null >"$TMP/tty" 2>&1 ||
	fail "demo on a terminal failed: $(cat "$TMP/tty")"
grep -q "of [0-9]* operations, [0-9]*/s" "$TMP/tty" || fail "no progress line for the demo: $(cat -v "$TMP/tty")"
grep -q "Created the demo hotel" "$TMP/tty" || fail "no demo summary: $(cat -v "$TMP/tty")"
script -qec "'$FD' --data '$TMP/demo2' --json demo --date 2026-03-01" /dev/null >"$TMP/json" 2>&1 ||
	fail "--json demo failed: $(cat "$TMP/json")"
grep -q "operations" "$TMP/json" && fail "a progress line with --json: $(cat -v "$TMP/json")"
"$FD" --data "$TMP/demo3" demo --date 2026-03-01 >"$TMP/out" 2>"$TMP/err" || fail "demo failed: $(cat "$TMP/err")"
[ -s "$TMP/err" ] && fail "stderr is not a terminal, yet: $(cat -v "$TMP/err")"
grep -q "Created the demo hotel" "$TMP/out" || fail "no demo summary: $(cat "$TMP/out")"
# A database one step behind this release (step 49 not recorded: it
# rebuilds an index, and runs again).
older() { sqlite3 "$1/frontdesk.db" "DELETE FROM schema_migrations WHERE chain = 'core' AND version = 49"; }
older "$TMP/data3"
script -qec "'$FD' --data '$TMP/data3' rooms" /dev/null >"$TMP/tty" 2>&1 || fail "rooms on a terminal failed: $(cat "$TMP/tty")"
grep -q "Upgrading the database $TMP/data3/frontdesk.db for this release (1 step)" "$TMP/tty" ||
	fail "no word of the upgrade on a terminal: $(cat -v "$TMP/tty")"
script -qec "'$FD' --data '$TMP/data3' rooms" /dev/null >"$TMP/tty" 2>&1 || fail "rooms again failed: $(cat "$TMP/tty")"
grep -q "Upgrading" "$TMP/tty" && fail "the upgrade announced again once done: $(cat -v "$TMP/tty")"
older "$TMP/data3"
"$FD" --data "$TMP/data3" rooms >"$TMP/out" 2>"$TMP/err" || fail "rooms failed: $(cat "$TMP/err")"
[ -s "$TMP/err" ] && fail "stderr is not a terminal, yet: $(cat -v "$TMP/err")"
older "$TMP/data3"
script -qec "'$FD' --data '$TMP/data3' --json rooms" /dev/null >"$TMP/json" 2>&1 || fail "--json rooms failed: $(cat "$TMP/json")"
grep -q "Upgrading" "$TMP/json" && fail "the upgrade announced with --json: $(cat -v "$TMP/json")"
exit $((failures > 0))
