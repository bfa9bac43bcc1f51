#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# frontdeskd new-epoch on SQLite (a database restored by other means than
# `restore`): the server started on it serves a new epoch, and a terminal
# still on the old one gets 410 epoch_changed.
. "${top_srcdir:?}/tests/server/lib.sh"
init_hotel || fail "init"
start_server
old=$(body GET /v1/health | jq -r .epoch)
tok=$(sign_in "$(enroll desk)" admin)
stop_server || fail "the server did not stop cleanly"
out=$("$FD" --data "$D" new-epoch) || fail "new-epoch"
start_server
new=$(body GET /v1/health | jq -r .epoch)
[ "$new" != "$old" ] && [ ${#new} = 32 ] || fail "new-epoch should make a new epoch: '$old' -> '$new'"
case $out in *"$new"*) ;; *) fail "new-epoch should print the new epoch: $out" ;; esac
check "a terminal on the old epoch gets 410" 410 "$(status GET "/v1/changes?since=0&epoch=$old" "" "$tok")"
check "... epoch_changed" epoch_changed "$(body GET "/v1/changes?since=0&epoch=$old" "" "$tok" | jq -r .error.code)"
check "new-epoch takes no arguments" 2 "$("$FD" --data "$D" new-epoch now >/dev/null 2>&1; echo $?)"
stop_server || fail "the server did not stop cleanly"
finish
