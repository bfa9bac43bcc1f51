#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A command's arguments on demand: "frontdesk help COMMAND" and
# "frontdesk COMMAND --help" print its synopsis and touch no hotel; a usage
# error prints it after the message (a bad value only says what is wrong);
# and every option a synopsis names is one its command takes, so what help
# shows is true.
. "${top_srcdir:?}/tests/cli/lib.sh"
commands=$("$FD" help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
[ "$(echo "$commands" | wc -l)" -gt 50 ] || fail "help lists the commands: $commands"

for cmd in $commands; do
	"$FD" --data "$DATA" help "$cmd" >"$TMP/help" 2>"$TMP/err" || fail "help $cmd: $(cat "$TMP/err")"
	head -1 "$TMP/help" | grep -q "^Usage: frontdesk $cmd\b" || fail "help $cmd: $(head -1 "$TMP/help")"
	grep -q "frontdesk(1)" "$TMP/help" || fail "help $cmd names no manual page"
	awk 'length > 80' "$TMP/help" | grep -q . && fail "help $cmd is wider than 80 columns"
	"$FD" --data "$DATA" "$cmd" --help >"$TMP/out" 2>"$TMP/err" || fail "$cmd --help exited $?"
	cmp -s "$TMP/help" "$TMP/out" || fail "$cmd --help differs from help $cmd: $(head -1 "$TMP/out")"
done
[ -e "$DATA" ] && fail "asking for help created the data directory"
"$FD" help book | grep -q "make a booking" || fail "help book gives the command's line of help"
"$FD" help book | grep -q -- "--arrive D" || fail "help book shows --arrive"
"$FD" book -h | grep -q "^Usage: frontdesk book" || fail "book -h"

"$FD" help nosuch >"$TMP/out" 2>"$TMP/err"
[ $? = 2 ] || fail "help of an unknown command exits 2"
grep -q "unknown command 'nosuch'" "$TMP/err" || fail "help nosuch said: $(cat "$TMP/err")"

make_hotel
# "--help" after "--" is an argument, not a request for help
"$FD" --data "$DATA" find -- --help >"$TMP/out" 2>"$TMP/err"
grep -q "^Usage" "$TMP/out" && fail "find -- --help printed help"

expect_refused 2 "required" -- fd book --guest "Costa, Ana"
grep -q "^Usage: frontdesk book --guest" "$TMP/err" || fail "a usage error shows the synopsis: $(cat "$TMP/err")"
expect_refused 2 "missing argument" -- fd plan add
grep -q "^Usage: frontdesk plan" "$TMP/err" || fail "a subcommand's usage error shows the command's synopsis"
# a value that is wrong is named; the synopsis would not help
expect_refused 2 "not a valid date" -- fd book --guest X --type STD --arrive 2026-13-01 --depart 2026-12-02
grep -q "^Usage" "$TMP/err" && fail "a bad date printed the synopsis"
expect_refused 2 "more than zero" -- fd pay X cash 0
grep -q "^Usage" "$TMP/err" && fail "a bad amount printed the synopsis"

# Each --option in a synopsis is known to its command (or subcommand: the
# lower-case word that starts the synopsis or follows a "|"). The commands
# run in a directory of their own: "outage-pack X" or "--pdf x" write there.
mkdir "$TMP/cwd" && cd "$TMP/cwd" || exit 1
for cmd in $commands; do
	syn=$("$FD" help "$cmd" | awk '/^$/ { exit } { print }' | tr '\n' ' ' | sed "s/^Usage: frontdesk $cmd//")
	sub="" prev="|"
	for t in $syn; do
		case $t in
		*--[a-z]*)
			opt=$(echo "$t" | grep -o -- '--[a-z][a-z0-9-]*' | head -1)
			# after none, one or two positional arguments (CODE, ROOM, NAME FILE)
			known=no
			for args in "" "X" "X Y"; do
				# shellcheck disable=SC2086
				fd "$cmd" $sub $args "$opt" x >"$TMP/out" 2>"$TMP/err" </dev/null
				grep -q -- "unknown option $opt" "$TMP/err" || known=yes
			done
			[ $known = yes ] || fail "frontdesk $cmd $sub: the synopsis shows $opt, which the command refuses"
			;;
		[a-z]*) [ "$prev" = "|" ] && sub=$(echo "$t" | tr -d '[]()') ;;
		esac
		prev=$t
	done
done
cd - >/dev/null || exit 1
[ -e X ] || [ -e x ] && fail "the commands wrote into the directory the test started in"
finish
