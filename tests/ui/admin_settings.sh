#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The administration pane's settings and devices (issue 17): the settings
# are those of 'frontdesk init' (name), 'settings' and 'property', each
# changed by that command's operation and checked with it; a percentage
# over 100, an unknown department and the currency say what is wrong and
# change nothing; a manager may change the folio settings but not the
# hotel's name (property.update is an administrator's). Devices say what
# to run on the server.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd staff add fred --name "Fred Front" --role manager --dept management >/dev/null || fail "staff add"
hotel() { fd dump | jq -r '.property[0].name'; }

start 80 24
wait_for "Test Hotel"
keys 9
wait_for "Administration: Staff"
keys Left Left
wait_for "Administration: Settings"
wait_for "Business date  2026-11-25"
screen | grep -E "^Hotel name +Test Hotel" >/dev/null || fail "the hotel's name"
screen | grep -E "^Refund limit +100.00 EUR" >/dev/null || fail "the refund limit"
keys Enter
wait_for "Hotel name: Test Hotel"
keys C-u
keys -l "Hotel Sol"
keys Enter
wait_for "Hotel name saved."
[ "$(hotel)" = "Hotel Sol" ] || fail "the name was not changed: $(hotel)"
wait_for " Hotel Sol  user local"
keys j j j j
keys Enter
wait_for "Refund limit: 100.00"
keys C-u
keys -l "250"
keys Enter
wait_for "Refund limit saved."
fd settings | grep -q "manager must refund): 250.00 EUR" || fail "the refund limit was not changed"
keys j
keys Enter
wait_for "Audit no-shows (Up/Down choose): yes"
keys Down
wait_for "Audit no-shows (Up/Down choose): no"
keys Enter
wait_for "Audit no-shows saved."
fd settings | grep -q "marks no-shows: no" || fail "no-shows were not changed"
keys j j j j j
keys Enter
wait_for "Legal name:"
keys -l "Sol Hotels GmbH"
keys Enter
wait_for "Legal name saved."
fd property | grep -q "legal_name *Sol Hotels GmbH" || fail "the legal name was not changed"

# Refused: over 100 %, a department that is not one, the currency.
before=$(fd dump | md5sum)
keys k k
keys Enter
wait_for "Discount max %: 30"
keys C-u
keys -l "150"
keys Enter
wait_for 'Discount max %: "150" is not a whole number from 0 to 100.'
keys k
keys Enter
keys -l "kitchen"
keys Enter
wait_for '"kitchen" is not a list of departments'
keys g j j
keys Enter
wait_for "Currency is not changed here."
[ "$(fd dump | md5sum)" = "$before" ] || fail "a refused edit changed something"

# Devices: what to run on the server.
keys Right
wait_for "Administration: Devices"
wait_for "This terminal is not enrolled with a server."
screen | grep -q "frontdeskd device revoke ID" || fail "no word on revoking a device"
keys q
wait_for "EXITED 0"

# A manager: the folio settings yes, the hotel's name no.
UI_ARGS="--as fred" start 80 24
wait_for "Hotel Sol"
keys 9
wait_for "Administration: Staff"
keys Left Left
wait_for "Administration: Settings"
before=$(fd dump | md5sum)
keys Enter
wait_for "Hotel name: Hotel Sol"
keys C-u
keys -l "Fred's Inn"
keys Enter
wait_for "property.update"
[ "$(hotel)" = "Hotel Sol" ] || fail "a manager renamed the hotel"
[ "$(fd dump | md5sum)" = "$before" ] || fail "the refused change changed something"
keys j j j j
keys Enter
wait_for "Refund limit: 250.00"
keys C-u
keys -l "300"
keys Enter
wait_for "Refund limit saved."
fd settings | grep -q "manager must refund): 300.00 EUR" || fail "a manager could not change the refund limit"
keys q
wait_for "EXITED 0"
fd check >/dev/null || fail "the audit chain"
exit 0
