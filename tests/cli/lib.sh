# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the command-line tests: a fresh hotel in a temporary directory
# and assertions that print what went wrong.
set -u
FD="${top_builddir:?}/frontdesk"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/fd-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
DATA="$TMP/data"
failures=0

fd() { "$FD" --data "$DATA" "$@"; }

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# A small hotel: business date 2026-11-25; STD (101-103) and DLX (201);
# staff anna (staff) and mia (manager).
make_hotel() {
	fd init --property "Test Hotel" --currency EUR --timezone Europe/Lisbon --date 2026-11-25 >/dev/null || exit 1
	fd op room_type.create '{"id":"00000000-0000-4000-8000-000000000010","code":"STD","name":"Standard","max_occupancy":2,"base_rate":10000}' >/dev/null || exit 1
	fd op room_type.create '{"id":"00000000-0000-4000-8000-000000000011","code":"DLX","name":"Deluxe","max_occupancy":3,"base_rate":15000,"rank":1}' >/dev/null || exit 1
	for r in 101 102 103 201; do
		t=STD; [ "$r" = 201 ] && t=DLX
		fd op room.create "{\"id\":\"00000000-0000-4000-8000-000000000$r\",\"number\":\"$r\",\"type\":\"$t\",\"floor\":${r%??}}" >/dev/null || exit 1
	done
	fd staff add anna --name "Anna Costa" --role staff --dept front_office >/dev/null || exit 1
	fd staff add mia --name "Mia Sousa" --role manager --dept management >/dev/null || exit 1
}

# The database, less the audit log's refusal rows (a refusal changes
# nothing but is recorded: who tried what, and why it was refused).
dump() { sqlite3 "$DATA/frontdesk.db" .dump | grep -v -e "^INSERT INTO audit_log VALUES(.*,'refused','" -e "^INSERT INTO sqlite_sequence VALUES('audit_log'"; }

# expect_refused STATUS TEXT -- COMMAND...: the command exits with STATUS,
# says TEXT on stderr, and leaves the database exactly as it was.
expect_refused() {
	want=$1 text=$2
	shift 3
	before=$(dump)
	"$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	after=$(dump)
	[ "$got" = "$want" ] || fail "'$*' exited $got, expected $want ($(cat "$TMP/err"))"
	grep -qi -- "$text" "$TMP/err" || fail "'$*' said '$(cat "$TMP/err")', expected '$text'"
	[ "$before" = "$after" ] || fail "'$*' changed the database"
}

finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures failure(s)"
		exit 1
	fi
	exit 0
}
