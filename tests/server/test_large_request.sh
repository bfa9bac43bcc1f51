#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Requests far bigger than a connection's memory pool (http.c CONN_MEMORY):
# a push body near the default max-body (1 MiB) and request headers of
# several KiB are still read whole and answered; headers longer than the
# pool get 431 (libmicrohttpd's "Request Header Fields Too Large").
. "${top_srcdir:?}/tests/server/lib.sh"

init_hotel || { echo "FAIL: init" >&2; exit 1; }
start_server

DEV=$(enroll desk-1)
ADM=$(sign_in "$DEV" admin)
[ -n "$ADM" ] && [ "$ADM" != null ] || { fail "sign-in"; finish; }

# 500 guests (the default max-batch), each with 1,000 bytes of notes:
# about 600 KB in one body.
NOTES=$(printf '%01000d' 0 | tr 0 n)
i=1
: > "$T/ops"
while [ "$i" -le 500 ]; do
	[ "$i" -gt 1 ] && printf ',' >> "$T/ops"
	op "$i" guest.create "{\"id\":\"$(uuid "$i" 7)\",\"family\":\"Guest$i\",\"given\":\"Big\",\"notes\":\"$NOTES\"}" >> "$T/ops"
	i=$((i + 1))
done
printf '{"ops":[%s]}' "$(cat "$T/ops")" > "$T/push.json"
size=$(wc -c < "$T/push.json")
check "the push body is over half a megabyte" yes "$([ "$size" -gt 500000 ] && echo yes || echo no)"
curl -s -o "$T/answer.json" -w '%{http_code}' -H "Authorization: Bearer $ADM" \
	-H 'Content-Type: application/json' --data-binary "@$T/push.json" "$URL/v1/ops" > "$T/code"
check "a 600 KB push: 200" 200 "$(cat "$T/code")"
check "all 500 operations applied" 500 "$(jq '[.results[] | select(.status == "applied")] | length' "$T/answer.json")"
check "the last guest's notes arrived whole" 1000 \
	"$(body GET "/v1/snapshot" "" "$ADM" | jq -r '[.. | objects | select(.family? == "Guest500") | .notes | length][0]')"

# request headers of 8 KiB (a long cookie or token chain from a proxy)
PAD=$(printf '%08000d' 0)
check "8 KiB of request headers: answered" 200 \
	"$(curl -s -o /dev/null -w '%{http_code}' -H "X-Pad: $PAD" "$URL/v1/health")"
# ... and over the pool: refused with 431, not cut or read past
PAD=$(printf '%030000d' 0)
check "30 KB of request headers: 431" 431 \
	"$(curl -s -o /dev/null -w '%{http_code}' -H "X-Pad: $PAD" "$URL/v1/health")"
check "the server still answers after it" 200 "$(status GET /v1/health)"

finish
