#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 18: during a terminal's first sync, the next snapshot page is
# asked for while the terminal writes the one it has (the server makes it
# meanwhile). A proxy (tests/sync/pageproxy.py) logs each page's request
# as it arrives and holds the first page's answer; the test then takes the
# terminal's database's write lock, so the terminal cannot stage the
# first page, and lets the page go: the request for the second page
# arrives while the first is still unstaged. Then the lock is let go, and
# the sync ends with the copy of a terminal synced straight from the
# server. No timing decides the outcome, only bounds the wait.
. "$(dirname "$0")/lib.sh"
sync_setup
gen_ops a > "$WORK/ops.jsonl"
term admin op --batch "$WORK/ops.jsonl" >/dev/null || fail "the day's operations"
term admin sync --once >/dev/null || fail "pushing them"

proxy_start "$(dirname "$0")/pageproxy.py" "$WORK/gate" "$WORK/pages.log"
term_new c anna "http://127.0.0.1:$PPORT"
term_new d anna

: > "$WORK/pages.log"
"$FD" --data "$WORK/c" sync --once --page 20 >"$WORK/c.out" 2>&1 &
SYNC_PID=$!
# The terminal has started the snapshot (written) and waits for page 1.
i=0
until [ -s "$WORK/pages.log" ]; do
	i=$((i + 1)); [ $i -lt 300 ] || fail "the first page was never asked for"
	sleep 0.1
done
# Its database's write lock, held by another connection until told.
mkfifo "$WORK/lock.in"
sqlite3 "$WORK/c/frontdesk.db" <"$WORK/lock.in" >"$WORK/lock.out" 2>&1 &
LOCK_PID=$!
exec 3>"$WORK/lock.in"
echo "BEGIN IMMEDIATE; SELECT 'locked';" >&3
i=0
until grep -q locked "$WORK/lock.out"; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "could not take the write lock: $(cat "$WORK/lock.out")"
	sleep 0.05
done
touch "$WORK/gate"
# The second page's request, while the first cannot be written (within
# 4 s: the terminal waits 5 s for a lock before it gives up).
i=0
until grep -q "after=" "$WORK/pages.log"; do
	i=$((i + 1)); [ $i -lt 80 ] || break
	sleep 0.05
done
staged=$(sqlite3 "$WORK/c/frontdesk.db" "SELECT count(*) FROM sync_snapshot_rows")
echo "COMMIT;" >&3
exec 3>&-
wait $LOCK_PID || true
grep -q "after=" "$WORK/pages.log" || fail "page 2 was not asked for while page 1 waited to be written"
[ "$staged" = 0 ] || fail "page 1 was staged under another connection's write lock ($staged rows)"
ok "page 2 asked for while page 1 was not yet written"

wait $SYNC_PID || fail "c's sync: $(cat "$WORK/c.out")"
[ "$(grep -c "GET /v1/snapshot" "$WORK/pages.log")" -ge 3 ] || fail "the snapshot came in fewer than 3 pages"
term d sync --once --page 20 >/dev/null || fail "d's first sync"
dump c > "$WORK/c.dump"
dump d > "$WORK/d.dump"
cmp -s "$WORK/c.dump" "$WORK/d.dump" || fail "c's copy differs from d's: $(diff "$WORK/c.dump" "$WORK/d.dump" | head -5)"
ok "the sync ends with the copy of a terminal synced straight from the server"
