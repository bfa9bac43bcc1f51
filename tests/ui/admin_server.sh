#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The administration pane against a real frontdeskd (issue 17): a staff
# member added at an enrolled terminal gets their password at the server
# (and signs in on another terminal; the password is in no file of this
# terminal); a password reset; the enrolled terminals with who signed in
# there; a one-time enrolment code that enrols a new terminal; revoking a
# terminal, which its own status line then shows; and, with the server
# gone, adding staff says it needs the server instead of queueing a secret.
. "$top_srcdir/tests/ui/sync_tmux.sh"

sync_setup
term admin sync --once >/dev/null || fail "first sync at the admin's terminal"
term_new b anna
term b sync --once >/dev/null || fail "first sync at b"
keys() { tmux -S "$SOCK" send-keys -t ui "$@"; }
STARTS=0
ui_on() { # ui_on TERMINAL: the application at 80x24 on that terminal
	# A fresh tmux server each time: reusing the socket of one still
	# shutting down fails ("server exited unexpectedly").
	stop_tmux
	STARTS=$((STARTS + 1))
	SOCK="$WORK/tmux.$STARTS.sock"
	tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x 80 -y 24 \
		"env TERM=xterm-256color LC_ALL=C.UTF-8 ASAN_OPTIONS=$ASAN_OPTIONS $FD --data $WORK/$1; echo EXITED \$?; sleep 30" ||
		fail "tmux new-session"
}

ui_on admin
wait_for "online"
keys 9
wait_for "Administration: Staff (3)"

# A new staff member, with a password asked twice, added at the server.
keys a
wait_for "User:"
keys -l maria
keys Enter
wait_for "Name:"
keys -l "Maria Server"
keys Enter
wait_for "Role (Up/Down choose): staff"
keys Enter
wait_for "Department (Up/Down choose)"
keys Enter
wait_for "Section:"
keys Enter
wait_for "F10 adds the staff member"
keys F10
wait_for "Password for maria (8 to 128 characters):"
keys -l "tulip garden 42"
screen | grep -q "tulip" && fail "the password is shown"
keys Enter
wait_for "The same password again:"
keys -l "tulip garden 42"
keys Enter
wait_for "Added staff member maria: they sign in with this password on any terminal."
wait_for "Maria Server"
wait_for "Administration: Staff (4)"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT actor FROM audit_log WHERE type = 'staff.create' ORDER BY seq DESC LIMIT 1")" = boss ] ||
	fail "the server did not record boss adding maria"
[ "$(sqlite3 "$WORK/admin/frontdesk.db" "SELECT count(*) FROM outbox WHERE type = 'staff.create'")" = 0 ] ||
	fail "the new staff member went through the outbox"
cat "$WORK"/admin/frontdesk.db* | grep -c "tulip garden" | grep -qx 0 || fail "the password is in the terminal's database"
printf 'tulip garden 42\n' > "$WORK/pw-maria"
code=$("$FDD" --data "$SRV" enroll-code | tail -n1)
term c enroll "http://127.0.0.1:$PORT" "$code" --name c >/dev/null || fail "enroll c"
term c login maria --password-file "$WORK/pw-maria" >/dev/null || fail "maria cannot sign in at another terminal"
ok "a staff member added at the terminal signs in at another one"

# A new password for anna; the two entries must agree.
keys g
wait_for "anna"
keys p
wait_for "Password for anna"
keys -l "aaaaaaaa1"
keys Enter
wait_for "The same password again:"
keys -l "bbbbbbbb2"
keys Enter
wait_for "The two passwords differ; nothing was changed."
keys p
wait_for "Password for anna"
keys -l "new meadow 77"
keys Enter
wait_for "The same password again:"
keys -l "new meadow 77"
keys Enter
wait_for "The new password of anna is set at the server; their sessions ended."
term b login anna --password-file "$PW" >/dev/null 2>&1 && fail "anna's old password still works"
printf 'new meadow 77\n' > "$WORK/pw-anna"
term b login anna --password-file "$WORK/pw-anna" >/dev/null || fail "anna's new password does not work"
ok "a password reset at the terminal"

# The enrolled terminals: admin (this one), b (anna), c (maria).
keys Left
wait_for "Administration: Devices (3)"
screen | grep -E "^ *admin " | grep -q "this terminal" || fail "this terminal is not marked"
screen | grep -E "^ *b " | grep "anna" | grep -q "active" || fail "b's row: who signed in there"
screen | grep -E "^ *c " | grep -q "maria" || fail "c's row"
# An enrolment code, and a new terminal enrolled with it.
keys a
wait_for "Enrolment code (one use, until"
code=$(screen | grep -A1 "Enrolment code (one use" | tail -1 | tr -d ' ')
[ -n "$code" ] || fail "no code on the screen"
term d enroll "http://127.0.0.1:$PORT" "$code" --name d >/dev/null || fail "the code does not enrol a terminal"
term e enroll "http://127.0.0.1:$PORT" "$code" --name e >/dev/null 2>&1 && fail "the code worked twice"
ok "an enrolment code made at the terminal"
# Revoke b.
keys Right Left
wait_for "Administration: Devices (4)"
keys g j
keys r
wait_for "Revoke terminal b? It can no longer sync or sign in. (y/n)"
keys y
wait_for "The terminal is revoked"
wait_for "revoked 20"
screen | grep -E "^ *b " | grep -q "revoked" || fail "b is not shown revoked"
out=$(term b sync --once 2>&1) && fail "a revoked terminal still syncs"
echo "$out" | grep -q "revoked by an administrator" || fail "the revoked terminal is not told why: $out"
[ "$(term b --json sync-status | jq .revoked)" = true ] || fail "sync-status does not say b was revoked"
ok "revoking a terminal"

# Without the server, adding staff says it needs the server.
srv_stop
wait_for "OFFLINE"
keys Right
wait_for "Administration: Staff (4)"
keys a
wait_for "Adding staff needs the server, which cannot be reached now; nothing was changed."
screen | grep -q "User:" && fail "the form was opened without the server"
keys q
wait_for "EXITED 0"
ok "adding staff offline says it needs the server"

# The revoked terminal's own status line says so.
srv_start
ui_on b
wait_for "REVOKED: enrol again" 20
keys q
wait_for "EXITED 0"
ok "the revoked terminal shows it"
exit 0
