#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `frontdesk --demo` runs the whole system on this machine: a private
# frontdeskd with the demo hotel, this terminal enrolled and signed in as a
# receptionist, online; on exit the server stops and nothing is left behind.
# Building the hotel and the desk's first copy show progress lines first.
. "$top_srcdir/tests/ui/lib.sh"
command -v script >/dev/null || { echo "SKIP: no script(1)"; exit 77; }
export TMPDIR="$WORK/tmp"
mkdir -p "$TMPDIR"
STARTS=$((STARTS + 1))
SOCK="$WORK/tmux.$STARTS.sock"
tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x 120 -y 30 \
	"env TMPDIR=$TMPDIR TERM=xterm-256color LC_ALL=C.UTF-8 ASAN_OPTIONS=$ASAN_OPTIONS script -qefc '$FD --demo' $WORK/typescript; echo EXITED \$?; sleep 30" ||
	fail "tmux new-session"
wait_for "Hotel Miradouro" 60
wait_for "online" 30
screen | grep -Eq "user [a-z._-]+ +online" || fail "not signed in as a demo receptionist"
demo_dir=$(ls "$TMPDIR")
pgrep -f "frontdeskd --data $TMPDIR/$demo_dir/server serve" >/dev/null || fail "no private frontdeskd running"
# The demo's staff share one password by construction: it is hashed once
# (each Argon2 hash about 0.1 s); a signing key is registered at a person's
# first sign-in, under their own salt: the receptionist here has one.
srvdb=$TMPDIR/$demo_dir/server/frontdeskd.db
user=$(screen | grep -Eo "user [a-z._-]+ +online" | awk '{ print $2 }')
[ "$(sqlite3 "$srvdb" "SELECT count(DISTINCT hash) = 1 AND count(*) > 1 FROM srv_credentials")" = 1 ] ||
	fail "demo staff passwords: $(sqlite3 "$srvdb" "SELECT username, substr(hash, 1, 40) FROM srv_credentials")"
[ "$(sqlite3 "$srvdb" "SELECT length(sign_pk) = 64 FROM srv_credentials WHERE username = '$user'")" = 1 ] ||
	fail "$user signed in and has no signing key"
# The throwaway desk signs in with the published demo password: its offline
# verifier is Argon2 at the least cost (m=8 KiB), not the 256 MiB one.
verifier=$(sqlite3 "$TMPDIR/$demo_dir/desk/frontdesk.db" "SELECT verifier FROM sync_verifiers")
case $verifier in '$argon2id$v=19$m=8,'*) ;; *) fail "the demo desk's verifier: $verifier" ;; esac
# So does its private server, a throwaway hotel (frontdeskd demo
# --throwaway): the staff's verifier at the least cost, kept so by the
# sign-in, and the receptionist's signing key derived at the least cost
# there as on the desk: the desk's key is the one the server registered.
[ "$(sqlite3 "$srvdb" "SELECT value FROM meta WHERE key = 'throwaway_hotel'")" = 1 ] ||
	fail "the demo's server is not marked throwaway"
hash=$(sqlite3 "$srvdb" "SELECT hash FROM srv_credentials WHERE username = '$user'")
case $hash in '$argon2id$v=19$m=8,'*) ;; *) fail "the demo server's verifier: $hash" ;; esac
desk_pk=$(sqlite3 "$TMPDIR/$demo_dir/desk/frontdesk.db" "SELECT lower(substr(value, 65)) FROM meta WHERE key = 'session_sign_key'")
srv_pk=$(sqlite3 "$srvdb" "SELECT lower(sign_pk) FROM srv_credentials WHERE username = '$user'")
[ -n "$desk_pk" ] && [ "$desk_pk" = "$srv_pk" ] ||
	fail "the desk's signing key ($desk_pk) is not the registered one ($srv_pk)"
keys q
wait_for "EXITED 0" 20
# It signed in by itself: no advice to sign in (printed before the screen).
screen | grep -q "Sign in with" && fail "the demo tells the user to sign in"
[ -z "$(ls -A "$TMPDIR")" ] || fail "the demo left files behind: $(ls -R "$TMPDIR")"
pgrep -f "frontdeskd --data $TMPDIR/" >/dev/null && fail "the demo server is still running"
# Before the screen (script(1) kept every byte): the demo's build and the
# desk's first sync each drew a progress line (issue 18).
grep -aq "of [0-9]* operations, [0-9]*/s" "$WORK/typescript" ||
	fail "no progress line for the demo's build: $(head -c 600 "$WORK/typescript" | cat -v)"
grep -aq "of [0-9]* records, [0-9]*/s" "$WORK/typescript" ||
	fail "no progress line for the first sync: $(head -c 600 "$WORK/typescript" | cat -v)"
exit 0
