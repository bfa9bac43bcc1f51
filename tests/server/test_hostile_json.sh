#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# JSON strings with NUL or malformed UTF-8 are refused with 400 by every
# endpoint, never truncated: "fo1\u0000admin" does not sign in as fo1.
. "$(dirname "$0")/lib.sh"
init_hotel || { echo "FAIL: init"; exit 1; }
add_user fo1 staff
start_server
dev=$(enroll desk)
[ -n "$dev" ] && [ "$dev" != null ] || { echo "FAIL: enroll"; exit 1; }
check "a real sign-in works" 201 "$(status POST /v1/sessions '{"username":"fo1","password":"correct horse battery"}' "$dev")"
check "NUL inside a user name is refused" 400 \
	"$(status POST /v1/sessions '{"username":"fo1\u0000admin","password":"correct horse battery"}' "$dev")"
out=$(body POST /v1/sessions '{"username":"fo1\u0000admin","password":"correct horse battery"}' "$dev")
check "and says why" true "$(echo "$out" | jq '.error.message | test("NUL")')"
check "malformed UTF-8 is refused" 400 \
	"$(status POST /v1/sessions "$(printf '{"username":"M\374ller","password":"x"}')" "$dev")"
check "a NUL in an enrolment name is refused" 400 "$(status POST /v1/devices '{"code":"x","name":"a\u0000b"}')"
stop_server
finish
