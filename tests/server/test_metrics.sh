#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Prometheus can scrape frontdeskd: a scrape token (`frontdeskd
# metrics-token`, only its hash kept) on /v1/metrics, a manager's session
# still works; build info, process metrics, per-device sync lag and outbox,
# audit-late; the exposition passes `promtool check metrics` and the shipped
# alert rules pass `promtool check rules` (Debian's prometheus package).
. "${top_srcdir:?}/tests/server/lib.sh"
command -v promtool >/dev/null || { echo "FAIL: promtool is needed (prometheus in packaging/build-deps.txt)" >&2; exit 1; }

rules=$top_srcdir/data/prometheus/frontdeskd-alerts.yml
promtool check rules "$rules" >"$T/rules.out" 2>&1 && ok "promtool check rules: the shipped alerts" ||
	fail "promtool check rules: $(cat "$T/rules.out")"

init_hotel || { echo "FAIL: init" >&2; exit 1; }
add_user sam staff
start_server
DEV=$(enroll desk-1)
SAM=$(sign_in "$DEV" sam)
ADM=$(sign_in "$DEV" admin)

scrape() { curl -s -o "$T/metrics" -w '%{http_code}' -H "Authorization: Bearer $1" "$URL/v1/metrics"; }
check "no scrape token yet: a random token is refused" 401 "$(scrape AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA)"
TOKEN=$("$FD" --data "$D" metrics-token 2>"$T/err")
case $TOKEN in ???????????????????????????????????????????) ok "metrics-token prints a token" ;; *) fail "metrics-token: '$TOKEN' $(cat "$T/err")" ;; esac
stored=$(sqlite3 "$D/frontdeskd.db" "SELECT value FROM meta WHERE key = 'metrics_token_hash'")
check "only a hash is stored" 64 "${#stored}"
[ "$stored" != "$TOKEN" ] && ! grep -rqF "$TOKEN" "$D" && ok "the token itself is nowhere in the data" || fail "token stored"
check "the scrape token reads the metrics" 200 "$(scrape "$TOKEN")"
check "a manager's (admin's) session still does" 200 "$(scrape "$ADM")"
check "a staff session does not" 403 "$(scrape "$SAM")"
check "a device token does not" 401 "$(scrape "$DEV")"

# a push reporting 5 operations waiting (1 in the batch), and a pull
res=$(curl -s -X POST -H "Authorization: Bearer $SAM" -H 'Content-Type: application/json' -H 'Frontdesk-Outbox: 5' \
	--data-binary "{\"ops\":[$(op 1 room.set_hk_status '{"number":"999","hk_status":"clean"}')]}" "$URL/v1/ops")
check "pushed" 1 "$(printf '%s' "$res" | jq '.results | length')"
check "pulled" 200 "$(status GET '/v1/changes?since=0' '' "$SAM")"
check "scrape" 200 "$(scrape "$TOKEN")"
promtool check metrics <"$T/metrics" >"$T/lint" 2>&1 && ok "promtool check metrics: the exposition is clean" ||
	fail "promtool check metrics: $(cat "$T/lint")"
val() { awk -v k="$1" '$1 == k {print $2}' "$T/metrics"; }
DEVID=$(sqlite3 "$D/frontdeskd.db" "SELECT id FROM srv_devices WHERE name = 'desk-1'")
check "build info" 1 "$(val "frontdesk_build_info{version=\"$("$FD" --version | cut -d' ' -f2)\"}")"
pid_rss=$(awk '/^VmRSS/ {print $2 * 1024}' "/proc/$PID/status")
rss=$(val process_resident_memory_bytes)
[ -n "$rss" ] && [ "$rss" -gt 0 ] && [ "$rss" -le $((pid_rss * 2)) ] && ok "resident memory $rss (VmRSS $pid_rss)" || fail "rss '$rss' vs $pid_rss"
fds=$(val process_open_fds)
[ -n "$fds" ] && [ "$fds" -gt 3 ] && ok "open fds $fds" || fail "open fds '$fds'"
case $(val process_cpu_seconds_total) in [0-9]*.[0-9][0-9]) ok "cpu seconds" ;; *) fail "cpu: $(val process_cpu_seconds_total)" ;; esac
start=$(val process_start_time_seconds); now=$(date +%s)
[ -n "$start" ] && [ "$start" -le "$now" ] && [ "$start" -gt $((now - 600)) ] && ok "start time" || fail "start '$start'"
check "the outbox the terminal reported, less the batch" 4 "$(val "frontdeskd_device_outbox_operations{device=\"$DEVID\",name=\"desk-1\"}")"
case $(val "frontdeskd_device_seconds_since_push{device=\"$DEVID\",name=\"desk-1\"}") in [0-9]*) ok "seconds since the push" ;; *) fail "since push: $(grep since_push "$T/metrics")" ;; esac
case $(val "frontdeskd_device_seconds_since_pull{device=\"$DEVID\",name=\"desk-1\"}") in [0-9]*) ok "seconds since the pull" ;; *) fail "since pull: $(grep since_pull "$T/metrics")" ;; esac
# the hotel's business date is 2026-03-01 (init_hotel): days behind the calendar in Lisbon
late=$(python3 -c 'import datetime, subprocess; t = subprocess.run(["date", "+%F"], env={"TZ": "Europe/Lisbon"}, capture_output=True, text=True).stdout.strip(); print((datetime.date.fromisoformat(t) - datetime.date(2026, 3, 1)).days)')
check "audit late: business date behind the calendar" "$late" "$(val frontdeskd_audit_late_nights)"
# a revoked token no longer works
"$FD" --data "$D" metrics-token revoke >/dev/null || fail "metrics-token revoke"
check "revoked" 401 "$(scrape "$TOKEN")"
stop_server || fail "stop"
finish
