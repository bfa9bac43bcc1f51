#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The administration pane's charge codes (issue 17): the list shows each
# code with its VAT; adding one and changing a VAT rate is charge_code.set
# as 'frontdesk charges set' (checked with it); a rate that is not one, a
# rate over 100 % and a code on file say what is wrong and change nothing.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
charge() { fd --json charges | jq -r --arg c "$1" ".[] | select(.code == \$c) | $2"; }

start 80 24
wait_for "Test Hotel"
keys 9
wait_for "Administration: Staff"
N=$(fd --json charges | jq length)
keys Right Right Right
wait_for "Administration: Charge codes ($N)"
screen | grep -E "^MINIBAR +Minibar +10 % +no" >/dev/null || fail "MINIBAR's row"
screen | grep -E "^ROOM +Room +10 % +yes" >/dev/null || fail "ROOM's row"

# A new code with its VAT.
keys a
wait_for "Code:"
keys -l "SPA"
keys Enter
wait_for "Name:"
keys -l "Spa and wellness"
keys Enter
wait_for "VAT %:"
keys -l "19"
keys Enter
wait_for "Room revenue (Up/Down choose): no"
keys Enter
wait_for "F10 adds the charge code"
keys F10
wait_for "Added charge code SPA."
[ "$(charge SPA .name)/$(charge SPA .vat_bp)/$(charge SPA .room)" = "Spa and wellness/1900/false" ] ||
	fail "SPA: $(charge SPA .name)/$(charge SPA .vat_bp)/$(charge SPA .room)"

# MINIBAR's VAT becomes 7.5 %; its name stays (the list is by code).
wait_for "Administration: Charge codes ($((N + 1)))"
keys g
for _ in $(seq "$(fd --json charges | jq 'map(.code) | index("MINIBAR")')"); do keys j; done
keys Enter
wait_for "Administration: charge code MINIBAR"
keys j
keys Enter
wait_for "VAT %: 10"
keys C-u
keys -l "7,5"
keys Enter
wait_for "VAT % saved."
[ "$(charge MINIBAR .vat_bp)/$(charge MINIBAR .name)" = "750/Minibar" ] || fail "MINIBAR: $(charge MINIBAR .vat_bp)/$(charge MINIBAR .name)"
wait_for "7.5 %"

# Refused: not a rate, over 100 %, a code on file.
before=$(fd dump | md5sum)
keys Enter
keys C-u
keys -l "abc"
keys Enter
wait_for 'VAT %: "abc" is not a VAT rate; give a percentage from 0 to 100'
keys Enter
keys C-u
keys -l "120"
keys Enter
wait_for 'VAT %: "120" is not a VAT rate'
keys Escape
keys a
wait_for "Code:"
keys -l "FB"
keys Enter
keys -l "Food"
keys Enter
keys -l "5"
keys Enter
keys Enter
wait_for "F10 adds the charge code"
keys F10
wait_for "Code FB already exists; open it to change it. Nothing was added."
[ "$(fd dump | md5sum)" = "$before" ] || fail "a refused edit changed something"
[ "$(charge FB .name)" = "Food and beverage" ] || fail "FB was changed"
keys Escape
wait_for "Discard the new record? (y/n)"
keys y
wait_for "Nothing was added."
keys q
wait_for "EXITED 0"
fd check >/dev/null || fail "the audit chain"
exit 0
