#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# GET /v1/metrics on PostgreSQL counts what the SQLite server counts
# (metrics.c, http.c), under the same names: pushes committed, the
# transactions that committed them, operations by outcome (applied,
# rejected, duplicate), and for each device of the hotel the seconds since
# its last push and pull and the operations its outbox still held after
# its last push (its Frontdesk-Outbox header).
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
pg_admin_hotel "Metrics Hotel" boss:admin
start_server --database "$PG_URI"
code=$(FDP enroll-code 2>/dev/null)
tok=$(body POST /v1/devices "{\"code\":\"$code\",\"name\":\"desk-1\"}" | jq -r .token)
s=$(sign_in "$tok" boss)
dev=$(pg_psql -c "SELECT id FROM srv_devices WHERE name = 'desk-1'")
metrics() { curl -s -H "Authorization: Bearer $s" "$URL/v1/metrics" > "$T/metrics"; }
val() { awk -v k="$1" '$1 == k {print $2}' "$T/metrics"; }
# push BODY OUTBOX: with the terminal's Frontdesk-Outbox header
push() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $s" -H 'Content-Type: application/json' \
	-H "Frontdesk-Outbox: $2" --data-binary "$1" "$URL/v1/ops"; }
DEVN=1
rt=$(op 1 room_type.create "{\"id\":\"$(uuid 1 91)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}")
room=$(op 2 room.create "{\"id\":\"$(uuid 1 92)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}")
again=$(op 3 room.create "{\"id\":\"$(uuid 2 92)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}")
check "a batch of three, seven in the terminal's outbox" 200 "$(push "{\"ops\":[$rt,$room,$again]}" 7)"
check "the same batch again, three left after it" 200 "$(push "{\"ops\":[$rt,$room,$again]}" 6)"
metrics
check "operations by outcome" "2 1 3" \
	"$(val 'frontdeskd_ops_total{status="applied"}') $(val 'frontdeskd_ops_total{status="rejected"}') $(val 'frontdeskd_ops_total{status="duplicate"}')"
check "pushes and the transactions that committed them" "2 2" \
	"$(val frontdeskd_pushes_total) $(val frontdeskd_push_commits_total)"
check "the device's outbox after its last push" 3 \
	"$(val "frontdeskd_device_outbox_operations{device=\"$dev\",name=\"desk-1\"}")"
case $(val "frontdeskd_device_seconds_since_push{device=\"$dev\",name=\"desk-1\"}") in
[0-9]*) ok "seconds since the device's push" ;;
*) fail "seconds since the push: $(grep since_push "$T/metrics")" ;;
esac
check "no pull yet: no seconds since a pull" "" "$(grep "since_pull{device=\"$dev\"" "$T/metrics")"
check "the device pulls the feed" 200 "$(status GET "/v1/changes?since=0" "" "$s")"
metrics
case $(val "frontdeskd_device_seconds_since_pull{device=\"$dev\",name=\"desk-1\"}") in
[0-9]*) ok "seconds since the device's pull" ;;
*) fail "seconds since the pull: $(grep since_pull "$T/metrics")" ;;
esac
check "... its last pull recorded in the database" 1 \
	"$(pg_psql -c "SELECT count(*) FROM srv_devices WHERE id = '$dev' AND last_pull_at > 0")"
check "the device list shows its outbox" 3 \
	"$(FDP devices | awk -v d="$dev" '$1 == d {print $(NF - 1)}')"
stop_server || fail "the server did not stop cleanly"
finish
