#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Hostile text: control characters are refused on the way in (whichever
# command or operation carries them) and never reach a terminal on the way
# out; card numbers are refused in every free-text field.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
esc=$(printf '\033')
bel=$(printf '\007')
evil="${esc}]0;pwned${bel}${esc}[2J"

expect_refused 1 "control character" -- fd book --guest "Evil${evil}, Eve" --type STD --arrive 2026-11-25 --depart 2026-11-26
expect_refused 1 "control character" -- fd book --guest "Plain, Pat" --type STD --arrive 2026-11-25 --depart 2026-11-26 --notes "a${esc}[2Jb"
expect_refused 1 "control character" -- fd staff add eve --name "Eve${evil}" --role staff --dept front_office
expect_refused 1 "control character" -- fd op guest.create '{"id":"00000000-0000-4000-8000-0000000000e1","family":"A\u001b[2J"}'
expect_refused 1 "control character" -- fd op guest.create '{"id":"00000000-0000-4000-8000-0000000000e1","family":"C1\u009b2J"}'
expect_refused 1 "not valid UTF-8" -- fd book --guest "$(printf 'M\374ller, J')" --type STD --arrive 2026-11-25 --depart 2026-11-26
# A card number is refused in every free-text field, the document included.
expect_refused 1 "card number" -- fd op guest.create '{"id":"00000000-0000-4000-8000-0000000000e2","family":"Doc","document":"4111 1111 1111 1111"}'
expect_refused 1 "card number" -- fd op guest.create '{"id":"00000000-0000-4000-8000-0000000000e2","family":"Doc","email":"4111111111111111@example.org"}'

# Allowed: a newline and a tab in notes, a long international phone number.
code=$(fd book --guest "Nova, Ana" --type STD --arrive 2026-11-25 --depart 2026-11-26 --notes "$(printf 'line one\nline\ttwo')") ||
	fail "notes with a newline and a tab were refused"
fd op guest.create '{"id":"00000000-0000-4000-8000-0000000000e3","family":"Phone","phone":"+49 1512 3456 7890"}' >/dev/null ||
	fail "a 15-digit phone number was refused"

# Text that is already in the database (an older version, a raw import)
# is printed with its control characters escaped, never raw.
sqlite3 "$DATA/frontdesk.db" "UPDATE guests SET family = 'Nova' || char(27) || ']0;pwned' || char(7) || char(27) || '[2J' WHERE family = 'Nova'" ||
	fail "could not plant the hostile name"
for cmd in "find nova" "show $code" "inhouse" "arrivals"; do
	# shellcheck disable=SC2086
	fd $cmd >"$TMP/out" 2>&1
	if LC_ALL=C grep -q "$esc" "$TMP/out"; then fail "'$cmd' printed a raw escape character"; fi
	if LC_ALL=C grep -q "$bel" "$TMP/out"; then fail "'$cmd' printed a raw bell character"; fi
done
fd find nova | grep -qF 'Nova\x1b]0;pwned\x07\x1b[2J' || fail "find did not show the escaped name: $(fd find nova)"
# JSON output stays JSON: the name comes back whole, escaped by JSON's rules.
fd --json find nova | jq -e '.bookings[0].guest == "Nova\u001b]0;pwned\u0007\u001b[2J, Ana"' >/dev/null ||
	fail "--json find did not carry the name as stored"
finish
