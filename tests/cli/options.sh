#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# frontdesk's command line (getopt_long, shared with frontdeskd): --data DIR
# and --data=DIR, global options before or after the command, "--", a
# negative amount as an argument, and usage errors that exit 2 naming the
# option, changing nothing.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
F=$FD

same() { # DESCRIPTION EXPECTED ACTUAL
	[ "$2" = "$3" ] && echo "ok: $1" || fail "$1: expected '$2', got '$3'"
}
rooms_json() { "$F" "$@" 2>"$TMP/err" | jq -r '[.rooms[].number] | join(",")'; }
want=101,102,103,201
same "--data DIR --json rooms" $want "$(rooms_json --data "$DATA" --json rooms)"
same "--data=DIR rooms --json" $want "$(rooms_json --data="$DATA" rooms --json)"
same "rooms --data DIR --json" $want "$(rooms_json rooms --data "$DATA" --json)"
same "rooms --json --data=DIR" $want "$(rooms_json rooms --json --data="$DATA")"
same "--json before, --data after" $want "$(rooms_json --json rooms --data "$DATA")"

# a command's own options in both forms, mixed with the globals
code=$("$F" book --data="$DATA" --guest="Costa, Ana" --type STD --arrive=2026-11-26 --depart 2026-11-28)
[ -n "$code" ] && echo "ok: book with --opt=VALUE and --data after the command" || fail "book: $(cat "$TMP/err")"
same "the booking is there" "Costa, Ana" "$("$F" --data "$DATA" --json find "$code" | jq -r '.bookings[0].guest')"
# --as after the command acts as that person
"$F" hk 101 clean --data "$DATA" --as mia >/dev/null 2>"$TMP/err" || fail "hk --as after: $(cat "$TMP/err")"
same "--as after the command names the actor" mia \
	"$("$F" --data "$DATA" --json show "$code" >/dev/null; sqlite3 "$DATA/frontdesk.db" "SELECT actor FROM audit_log ORDER BY rowid DESC LIMIT 1")"

# usage errors: exit 2, the option named, nothing changed
expect_refused 2 "unknown option --colour" -- "$F" --data "$DATA" rooms --colour red
expect_refused 2 "unknown option --colour" -- "$F" --data "$DATA" --colour=red rooms
expect_refused 2 "option --data needs a value" -- "$F" rooms --data
expect_refused 2 "option --json takes no value" -- "$F" --data "$DATA" rooms --json=yes
expect_refused 2 "option --guest needs a value" -- "$F" --data "$DATA" book --type STD --arrive 2026-11-26 --depart 2026-11-27 --guest
expect_refused 2 'unexpected argument "extra"' -- "$F" --data "$DATA" rooms extra
# "--" ends the options: what follows is an argument
same "find -- --json searches for \"--json\"" "(none)" "$("$F" --data "$DATA" find -- --json 2>&1)"
# a negative number is an argument, not an option (the amount rule answers)
expect_refused 2 "the amount must be more than zero" -- "$F" --data "$DATA" post "$code" ROOM -12.50
finish
