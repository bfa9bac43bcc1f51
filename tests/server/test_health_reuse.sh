#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A pool thread answers a repeated small answer (the health check) with
# the response it built for the one before: counted in
# frontdeskd_responses_reused_total, byte for byte the same answer, and
# never a stale one (a push in between moves the sequence it reports).
. "${top_srcdir:?}/tests/server/lib.sh"

init_hotel || { echo "FAIL: init" >&2; exit 1; }
start_server
DEV=$(enroll desk-1)
ADM=$(sign_in "$DEV" admin)
reused() { body GET /v1/metrics '' "$ADM" | sed -n 's/^frontdeskd_responses_reused_total //p'; }

r0=$(reused)
[ -n "$r0" ] && ok "the metric is there ($r0)" || fail "no frontdeskd_responses_reused_total"
# three health checks on one keep-alive connection: one pool thread
curl -s -D "$T/h1" -o "$T/b1" "$URL/v1/health" --next -s -D "$T/h2" -o "$T/b2" "$URL/v1/health" \
	--next -s -D "$T/h3" -o "$T/b3" "$URL/v1/health" 2>"$T/err" || fail "curl: $(cat "$T/err")"
r1=$(reused)
[ "$((r1 - r0))" -ge 2 ] && ok "the second and third were answered with the first's response ($((r1 - r0)))" ||
	fail "reused $r0 -> $r1"
cmp -s "$T/b1" "$T/b3" && ok "the same body" || fail "bodies differ: $(cat "$T/b1") / $(cat "$T/b3")"
check "the body is the health answer" ok "$(jq -r .status "$T/b3")"
for f in h1 h3; do
	check "$f: JSON" 1 "$(grep -ci '^Content-Type: application/json' "$T/$f")"
	check "$f: not cached" 1 "$(grep -ci '^Cache-Control: no-store' "$T/$f")"
	check "$f: the protocol" 1 "$(grep -ci '^Frontdesk-Protocol: ' "$T/$f")"
	check "$f: kept alive" 0 "$(grep -ci '^Connection: close' "$T/$f")"
done

# health, a push, health on the same connection: the second reports the push
curl -s -o "$T/c1" "$URL/v1/health" --next -s -o "$T/c2" -X POST -H "Authorization: Bearer $ADM" \
	-H 'Content-Type: application/json' \
	--data-binary "{\"ops\":[$(op 1 room_type.create "{\"id\":\"$(uuid 77)\",\"code\":\"STD\",\"name\":\"Standard\",\"max_occupancy\":2,\"base_rate\":100}")]}" "$URL/v1/ops" \
	--next -s -o "$T/c3" "$URL/v1/health" 2>"$T/err" || fail "curl: $(cat "$T/err")"
check "the push was applied" applied "$(jq -r '.results[0].status' "$T/c2")"
s1=$(jq .seq "$T/c1") s3=$(jq .seq "$T/c3")
[ "$s3" -gt "$s1" ] && ok "the later health check reports the new sequence ($s1 -> $s3)" || fail "seq $s1 -> $s3"
check "the same epoch" "$(jq -r .epoch "$T/c1")" "$(jq -r .epoch "$T/c3")"
# a clean stop: each pool thread's kept answer freed as it ends (the
# sanitizer build reports a leak otherwise)
stop_server && ok "the server stops cleanly" || fail "the server's stop"
finish
