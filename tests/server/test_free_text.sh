#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The rule for free text holds on the sync protocol too: an operation whose
# text carries an escape sequence, or a tab or line break in a one-line
# field, is rejected by the server (naming the field) and changes nothing;
# notes keep their lines.
. "${top_srcdir:?}/tests/server/lib.sh"
init_hotel || { echo "FAIL: init" >&2; exit 1; }
start_server
DEV=$(enroll desk-1)
ADM=$(sign_in "$DEV" admin)
DEVN=1
guests() { body GET /v1/snapshot "" "$ADM" | jq '.entities.guest|length'; }
pushed() { # SEQ TYPE PAYLOAD -> "status field"
	body POST /v1/ops "{\"ops\":[$(op "$1" "$2" "$3")]}" "$ADM" | jq -r '.results[0] | "\(.status) \(.error.field)"'
}
check "an escape in notes is rejected" "rejected notes" \
	"$(pushed 1 guest.create '{"id":"'$(uuid 1 1)'","family":"Esc","notes":"a\u001b[2Jb"}')"
check "a tab in a name is rejected" "rejected family" \
	"$(pushed 2 guest.create '{"id":"'$(uuid 2 1)'","family":"Tab\tby"}')"
check "a line break in a name is rejected" "rejected given" \
	"$(pushed 3 guest.create '{"id":"'$(uuid 3 1)'","family":"Line","given":"a\nb"}')"
check "nothing was created" 0 "$(guests)"
check "notes keep a tab and their lines" "applied null" \
	"$(pushed 4 guest.create '{"id":"'$(uuid 4 1)'","family":"Notes","notes":"one\ttwo\nthree"}')"
check "that guest exists" 1 "$(guests)"
stop_server
finish
