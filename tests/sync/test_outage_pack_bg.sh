#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# While a terminal follows the server (the application, or `sync --follow`)
# it keeps an up-to-date outage pack in DATA/outage-pack: written at start,
# and again, in the engine's own thread, after changes from the server or
# made here (debounced: --pack-every seconds at most).
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term_new b ben
term a sync --once >/dev/null && term b sync --once >/dev/null || fail "first sync"
PACK="$WORK/a/outage-pack"
"$FD" --data "$WORK/a" sync --follow --pack-every 1 >"$WORK/follow.log" 2>&1 &
FOLLOW=$!
trap 'kill "$FOLLOW" 2>/dev/null; wait "$FOLLOW" 2>/dev/null || true; cleanup' EXIT INT TERM

# wait_pack FILE TEXT: until FILE in the pack says TEXT (or 30 s).
wait_pack() {
	i=0
	until grep -q "$2" "$PACK/$1" 2>/dev/null; do
		i=$((i + 1)); [ $i -lt 300 ] || fail "$1 never showed '$2': $(cat "$PACK/$1" 2>&1)"
		sleep 0.1
	done
}
# The pack is complete once its last file (the housekeeping PDF) is there.
i=0
until [ -s "$PACK/housekeeping-2026-11-25.pdf" ]; do
	i=$((i + 1)); [ $i -lt 300 ] || fail "no pack at start: $(ls "$PACK" 2>&1)"
	sleep 0.1
done
grep -q "Arrivals 2026-11-25" "$PACK/arrivals-2026-11-25.txt" && [ -s "$PACK/arrivals-2026-11-25.pdf" ] ||
	fail "the pack at start: $(ls "$PACK")"
ok "the pack is written at start"

# A booking made at another desk reaches this one and its pack.
code=$(term b book --guest "Zeta, Zoe" --room 203 --arrive 2026-11-25 --depart 2026-11-27) || fail "book at b"
term b sync --once >/dev/null || fail "push at b"
wait_pack arrivals-2026-11-25.txt "$code .*Zeta, Zoe"
ok "a change from the server is in the pack"

# A room made dirty at the other desk: the housekeeping queue follows.
term b hk 204 dirty >/dev/null && term b sync --once >/dev/null || fail "hk at b"
wait_pack housekeeping-2026-11-25.txt "^204 .*dirty"
pdftotext -enc UTF-8 "$PACK/arrivals-2026-11-25.pdf" - 2>/dev/null | grep -q "Zeta" || fail "the PDF of the pack lacks the new arrival"
[ -z "$(ls "$PACK" | grep '\.tmp$')" ] || fail "temporary files left in the pack"
ok "the housekeeping queue and the PDFs follow too"
