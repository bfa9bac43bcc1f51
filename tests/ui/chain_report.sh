#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Reports pane's Chain view (ui/reports_chain.c) against a real
# frontdeskd on PostgreSQL with two hotels. The sign-in names the person's
# chain role and the terminal keeps it with the session: a revenue manager
# (no role of her own at Lisbon) gets the Chain view, asked of the server:
# occupancy, ADR and RevPAR of each hotel and of the group for the dates
# chosen, money in the locale's marks (C, then German). A hotel's
# administrator has no Chain view; a chain-admin is told the report is the
# revenue role's; with the server down the view says it needs the server,
# and fills once the server is back.
#
# Nights 2026-03-01 to 2026-03-10 (10 nights):
#   LIS: 2 rooms = 20 room-nights; one stay of 3 nights at 1,234.50:
#        15.0%, revenue 3,703.50, ADR 1,234.50, RevPAR 185.18
#   POR: 1 room = 10 room-nights; one stay of 3 nights at 150.00:
#        30.0%, revenue 450.00, ADR 150.00, RevPAR 45.00
#   group: 30 available, 6 sold: 20.0%, 4,153.50, ADR 692.25, RevPAR 138.45
. "$top_srcdir/tests/ui/lib.sh"
. "$top_srcdir/tests/pg/lib.sh"
FDD="$top_builddir/frontdeskd"
SRV_PID=
srv_stop() { [ -n "$SRV_PID" ] && kill -TERM "$SRV_PID" 2>/dev/null && wait "$SRV_PID"; SRV_PID=; }
trap 'srv_stop; pg_cleanup' EXIT
pg_start
printf 'correct horse battery\n' > "$WORK/pw"
FDP() { "$FDD" --database "$PG_URI" "$@"; }
FDP property add LIS --name "Lisbon Alfama" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null || fail "property add LIS"
FDP property add POR --name "Porto Ribeira" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null || fail "property add POR"
user() { FDP user add "$@" --password-file "$WORK/pw" >/dev/null || fail "user add $*"; }
user adm --role admin --property LIS
user pal --role admin --property POR
user rita --chain-role revenue
user carl --chain-role chain-admin

PORT=$(pg_free_port)
srv_start() {
	"$FDD" --data "$WORK/srv" serve --listen "127.0.0.1:$PORT" --database "$PG_URI" 2>>"$WORK/server.log" &
	SRV_PID=$!
	i=0
	until curl -fsS "http://127.0.0.1:$PORT/v1/health" >/dev/null 2>&1; do
		i=$((i + 1)); [ $i -lt 100 ] || fail "the server did not start: $(tail -5 "$WORK/server.log")"
		sleep 0.1
	done
}
mkdir -p "$WORK/srv"
srv_start
term() { t=$1; shift; "$FD" --data "$t" "$@"; }
enroll() { # DIR HOTEL USER
	term "$1" enroll "http://127.0.0.1:$PORT" "$(FDP enroll-code --property "$2" 2>/dev/null)" --name "$(basename "$1")" >/dev/null ||
		fail "enrolling $1"
	term "$1" login "$3" --password-file "$WORK/pw" >/dev/null || fail "$3 signing in on $1"
}
# hotel DIR HOTEL USER RATE ROOMS: a room type at RATE (minor units), the
# rooms, and one guest staying 2026-03-02 to 03-05, pushed from a terminal.
hotel() {
	enroll "$WORK/$1" "$2" "$3"
	{
		printf '{"type":"room_type.create","payload":{"id":"%s","code":"DBL","name":"Double","max_occupancy":2,"base_rate":%s}}\n' \
			"$(printf '00000000-0000-4000-8000-%012d' "$4")" "$4"
		for r in $5; do
			printf '{"type":"room.create","payload":{"id":"00000000-0000-4000-8001-%s%08d","number":"%s","type":"DBL","floor":1}}\n' "$2" "$r" "$r" |
				sed 's/LIS/0000/; s/POR/0001/'
		done
		printf '{"type":"guest.create","payload":{"id":"00000000-0000-4000-8002-0000000%s","family":"Guest %s"}}\n' \
			"$(echo "$2" | sed 's/LIS/00001/; s/POR/00002/')" "$2"
		printf '{"type":"booking.create","payload":{"id":"00000000-0000-4000-8003-0000000%s","code":"%s001","guest_id":"00000000-0000-4000-8002-0000000%s","type":"DBL","arrival":"2026-03-02","departure":"2026-03-05","adults":1}}\n' \
			"$(echo "$2" | sed 's/LIS/00001/; s/POR/00002/')" "$2" "$(echo "$2" | sed 's/LIS/00001/; s/POR/00002/')"
	} > "$WORK/$1.jsonl"
	term "$WORK/$1" sync --once >/dev/null || fail "first sync at $1"
	term "$WORK/$1" op --batch "$WORK/$1.jsonl" >/dev/null || fail "$1's rooms and stay"
	term "$WORK/$1" sync --once >/dev/null || fail "pushing $1's rooms and stay"
	[ "$(term "$WORK/$1" --json sync-status | jq .pending)" = 0 ] || fail "$1's operations are not all accepted"
}
hotel lis LIS adm 123450 "101 102"
hotel por POR pal 15000 "201"

# The desk of the test: Lisbon's, rita (revenue) signed in.
enroll "$DATA" LIS rita
term "$DATA" sync --once >/dev/null || fail "the desk's first sync"
[ "$(sqlite3 "$DATA/frontdesk.db" "SELECT value FROM meta WHERE key = 'session_chain_role'")" = revenue ] ||
	fail "the session does not keep rita's chain role"

# chain_view: tab 8, the view before Summary (h), the ten nights.
chain_view() {
	keys 8
	wait_for "Summary"
	keys h
	wait_for "Chain: every hotel and the group"
	keys r
	wait_for "2026-02-15 2026-02-28"
	keys C-u
	keys -l "2026-03-01 2026-03-10"
	keys Enter
	wait_for "2026-03-01 to 2026-03-10 (10 days)"
}
# row CODE: the line of the table that begins with CODE, spaces squeezed.
row() { screen | grep -E "^$1 " | tr -s ' '; }
# expect_row CODE LINE: wait until row CODE is LINE (the server answers).
expect_row() {
	i=0
	until [ "$(row "$1")" = "$2" ]; do
		i=$((i + 1))
		[ $i -lt 400 ] || fail "row $1: expected '$2', got '$(row "$1")'"
		sleep 0.05
	done
}

start 100 24
wait_for "Lisbon Alfama"
chain_view
expect_row LIS "LIS Lisbon Alfama EUR 20 3 15.0% 3,703.50 1,234.50 185.18"
expect_row POR "POR Porto Ribeira EUR 10 3 30.0% 450.00 150.00 45.00"
expect_row Group "Group EUR 30 6 20.0% 4,153.50 692.25 138.45"
screen | sed -n 3p | grep -q "Chain" || fail "the views do not offer Chain"
# Another period asks the server again.
keys '['
wait_for "2026-02-19 to 2026-02-28 (10 days)"
expect_row Group "Group EUR 30 0 0.0% 0.00 - 0.00"
expect_row LIS "LIS Lisbon Alfama EUR 20 0 0.0% 0.00 - 0.00"
keys q
wait_for "EXITED 0"

# In German: the same figures in the locale's marks.
use_locale de_DE
UI_ENV="$LOCALE_ENV" start 100 24
wait_for "Lisbon Alfama"
keys 8
keys h
wait_for "2026-02-15"
keys r
wait_for "2026-02-15 2026-02-28"
keys C-u
keys -l "2026-03-01 2026-03-10"
keys Enter
expect_row LIS "LIS Lisbon Alfama EUR 20 3 15,0% 3.703,50 1.234,50 185,18"
expect_row Group "Group EUR 30 6 20,0% 4.153,50 692,25 138,45"
keys q
wait_for "EXITED 0"

# A hotel's administrator: no chain role, no Chain view.
term "$DATA" login adm --password-file "$WORK/pw" >/dev/null || fail "adm signing in"
[ "$(sqlite3 "$DATA/frontdesk.db" "SELECT value FROM meta WHERE key = 'session_chain_role'")" = "" ] ||
	fail "adm's session names a chain role"
start 100 24
wait_for "Lisbon Alfama"
keys 8
wait_for "Summary"
keys h
wait_for "Cashier: payments"
screen | sed -n 3p | grep -q "Chain" && fail "a hotel's administrator is offered the Chain view"
keys q
wait_for "EXITED 0"

# A chain-admin (no role at Lisbon): the view, and why there is no report.
term "$DATA" login carl --password-file "$WORK/pw" >/dev/null || fail "carl signing in"
start 100 24
wait_for "Lisbon Alfama"
keys 8
wait_for "Chain role chain-admin does not read the chain report: that is the revenue role's."
keys q
wait_for "EXITED 0"

# Offline: rita signs in again, the server goes; the view says why it is
# empty, and fills once the server is back.
term "$DATA" login rita --password-file "$WORK/pw" >/dev/null || fail "rita signing in again"
srv_stop
start 100 24
wait_for "Lisbon Alfama"
chain_view
wait_for "The chain report needs the server, which cannot be reached now"
screen | grep -q "Porto Ribeira" && fail "a report while offline"
srv_start
wait_for "Porto Ribeira" 30
expect_row POR "POR Porto Ribeira EUR 10 3 30.0% 450.00 150.00 45.00"
keys q
wait_for "EXITED 0"
echo "ok - the Reports pane's Chain view"
