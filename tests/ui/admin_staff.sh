#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The administration pane (issue 17), who reaches it and its staff section:
# a clerk neither sees nor reaches tab 9 (the permission table's
# admin.pane); a manager and the hotel's owner do. The staff list shows
# every member; adding one, changing a role and disabling are the
# staff.create / staff.update operations of 'frontdesk staff' (checked with
# the command line); a duplicate user or an unknown role says what is
# wrong and changes nothing; a manager may look but core refuses a
# manager's staff change.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd staff add anna --name "Anna Costa" --role staff --dept front_office >/dev/null || fail "staff add"
fd staff add fred --name "Fred Front" --role manager --dept management >/dev/null || fail "staff add"
staff() { fd --json staff list | jq -r --arg u "$1" ".staff[] | select(.username == \$u) | $2"; }

# A clerk: no tab 9, 9 and Tab do not reach it, help does not offer it.
UI_ARGS="--as anna" start 80 24
wait_for "Test Hotel"
screen | head -1 | grep -qE " 9( |$)" && fail "a clerk sees tab 9"
keys 9
wait_for "Administration is for managers and administrators."
screen | grep -q "Administration:" && fail "a clerk reached the pane"
keys 8
wait_for "Reports"
keys Tab
wait_for "Test Hotel"
screen | grep -q "Administration:" && fail "Tab took a clerk to the pane"
# help_offers_admin: scroll the help to its end; true when it offered tab 9.
help_offers_admin() {
	keys "?"
	wait_for "Keys for"
	seen=1 i=0
	until screen | grep -q "refused operations waiting"; do
		screen | grep -q "administration: staff" && seen=0
		keys j
		sleep 0.05
		i=$((i + 1))
		[ $i -lt 100 ] || fail "help never showed its end"
	done
	screen | grep -q "administration: staff" && seen=0
	keys q
	return $seen
}
help_offers_admin && fail "help offers a clerk the pane"
keys q
wait_for "EXITED 0"

# A manager sees it; the staff section is view only for them (staff.*
# needs an administrator) and core refuses the change, saying why.
before=$(fd dump | md5sum)
UI_ARGS="--as fred" start 80 24
wait_for "Test Hotel"
screen | head -1 | grep -qE " 9( |$)" || fail "a manager does not see tab 9"
help_offers_admin || fail "help does not offer a manager the pane"
keys 9
wait_for "Administration: Staff (2)  (view only)"
wait_for "Anna Costa"
keys Enter
wait_for "Administration: staff member anna"
keys Down
keys Enter
wait_for "Role (Up/Down choose): staff"
keys Up
wait_for "Role (Up/Down choose): manager"
keys Enter
wait_for "staff.update"
[ "$(staff anna .role)" = staff ] || fail "a manager changed a role"
[ "$(fd dump | md5sum)" = "$before" ] || fail "the refused change changed something"
keys q
wait_for "EXITED 0"

# The owner (an administrator here): the list, then add, change, disable.
start 80 24
wait_for "Test Hotel"
keys F9
wait_for "Administration: Staff (2)"
screen | grep "anna" | grep "Anna Costa" | grep "staff" | grep -q "front office" || fail "anna's row"
screen | grep "fred" | grep "Fred Front" | grep "manager" | grep -q "management" || fail "fred's row"
keys a
wait_for "Administration: new staff member"
wait_for "User:"
keys -l "maria"
keys Enter
wait_for "Name:"
keys -l "María José"
keys Enter
wait_for "Role (Up/Down choose): staff"
keys Enter
wait_for "Department (Up/Down choose): front office"
keys Down
wait_for "Department (Up/Down choose): housekeeping"
keys Enter
wait_for "Section:"
keys -l "B"
keys Enter
wait_for "F10 adds the staff member"
keys F10
wait_for "Added staff member maria."
wait_for "Administration: Staff (3)"
[ "$(staff maria .display_name)" = "María José" ] || fail "maria's name"
[ "$(staff maria .role)/$(staff maria .department)/$(staff maria .section)" = staff/housekeeping/B ] ||
	fail "maria's role, department, section: $(staff maria .role)/$(staff maria .department)/$(staff maria .section)"

# Change fred's role: open the row, Role, type it.
keys g
keys Down
wait_for "Fred Front"
keys Enter
wait_for "Administration: staff member fred"
keys Down
keys Enter
wait_for "Role (Up/Down choose): manager"
keys C-u
keys -l "admin"
keys Enter
wait_for "Role saved."
[ "$(staff fred .role)" = admin ] || fail "fred's role was not changed"
# Disable him: asked first.
keys d
wait_for "Disable fred (Fred Front)? They can no longer sign in. (y/n)"
keys y
wait_for "fred is disabled and can no longer sign in."
[ "$(staff fred .active)" = false ] || fail "fred was not disabled"
keys p
wait_for "frontdesk --as fred"
keys Escape

# Refused: a user name on file, an unknown role. Nothing changes.
before=$(fd dump | md5sum)
keys a
wait_for "new staff member"
wait_for "User:"
keys -l "anna"
keys Enter
wait_for "Name:"
keys -l "Another Anna"
keys Enter
keys Enter Enter Enter
wait_for "F10 adds the staff member"
keys F10
wait_for "Staff member anna already exists."
wait_for "new staff member"
keys Escape
wait_for "Discard the new record? (y/n)"
keys y
wait_for "Nothing was added."
keys g
keys Enter
wait_for "staff member anna"
keys Down
keys Enter
wait_for "Role (Up/Down choose)"
keys C-u
keys -l "boss"
keys Enter
wait_for 'Role: "boss" is not one of admin, manager, staff.'
[ "$(fd dump | md5sum)" = "$before" ] || fail "a refused edit changed something"
[ "$(staff anna .role)" = staff ] || fail "anna's role changed"
keys q
wait_for "EXITED 0"
# Every change is in the audit log, and the chain holds.
fd check >/dev/null || fail "the audit chain"
exit 0
