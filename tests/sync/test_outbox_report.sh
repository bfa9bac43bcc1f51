#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A terminal tells the server, with each push, how many operations wait in
# its outbox (Frontdesk-Outbox); the server keeps what is left after the
# push for `frontdeskd device list` and the metrics, and notes when the
# device last pushed and pulled.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term a sync --once >/dev/null || fail "first sync"
depth() { sqlite3 "$SRV/frontdeskd.db" "SELECT outbox_depth FROM srv_devices WHERE name = '$1'"; }
[ "$(depth a)" = -1 ] || fail "a has not pushed yet, but its outbox is $(depth a)"
for g in "Silva, Ana" "Costa, Rui" "Lima, Eva"; do
	term a book --guest "$g" --type DBL --arrive 2026-11-26 --depart 2026-11-27 >/dev/null || fail "book $g"
done
[ "$(pending a)" -ge 3 ] || fail "a holds $(pending a) pending operations"
term a sync --once --batch 2 >/dev/null || fail "sync"
[ "$(depth a)" = 0 ] || fail "after the last batch the server should know a's outbox is empty, not '$(depth a)'"
ok "the terminal reports its outbox with each push"
"$FDD" --data "$SRV" device list >"$WORK/devices" || fail "device list"
line=$(awk '$2 == "a"' "$WORK/devices")
echo "$line" | awk '{exit !($4 ~ /^20..-..-..T/ && $5 ~ /^20..-..-..T/ && $6 ~ /^20..-..-..T/ && $8 == "0")}' ||
	fail "device list: $line"
ok "device list: last seen, last push and pull, outbox 0"
