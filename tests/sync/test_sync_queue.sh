#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 20: a permanently refused operation never blocks the queue, and a
# batch the server refuses for its size is split, never sent again as it is.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term a sync --once >/dev/null || fail "first sync"

# 1. A server that takes at most 20 operations per push; the terminal holds
#    25 made offline (today: "1 to 20 operations" forever, nothing moves).
srv_stop
gen_ops a | head -n 25 > "$WORK/ops25.jsonl"
term a op --batch "$WORK/ops25.jsonl" >/dev/null || fail "A could not apply 25 operations offline"
[ "$(pending a)" = 25 ] || fail "A should hold 25 pending operations, not $(pending a)"
SRV_OPTS="--max-batch 20" srv_start
term a sync --once >/dev/null || fail "A's sync failed against --max-batch 20"
[ "$(pending a)" = 0 ] || fail "A still holds $(pending a) operations after a sync"
exactly_once a
ok "25 pending operations pushed to a server taking 20 per push"

# 2. An operation this server cannot read (a type it does not know, e.g.
#    from a newer terminal) at the head of the queue: it is refused and kept
#    as a notice the desk can read; the operations behind it are applied.
srv_stop
SRV_OPTS= srv_start
term a hk 301 dirty >/dev/null || fail "hk 301"
term a hk 302 dirty >/dev/null || fail "hk 302"
term a hk 303 dirty >/dev/null || fail "hk 303"
first=$(sqlite3 "$WORK/a/frontdesk.db" "SELECT min(device_seq) FROM outbox WHERE state = 'pending'")
sqlite3 "$WORK/a/frontdesk.db" "UPDATE outbox SET type = 'room.teleport' WHERE device_seq = $first"
term a sync --once >/dev/null 2>"$WORK/err" || fail "sync stopped at the unreadable operation: $(cat "$WORK/err")"
term a sync --once >/dev/null || fail "second sync"
[ "$(pending a)" = 0 ] || fail "the queue is blocked: $(pending a) pending"
st=$(sqlite3 "$WORK/a/frontdesk.db" "SELECT state FROM outbox WHERE device_seq = $first")
[ "$st" = rejected ] || fail "the unreadable operation should be rejected, is $st"
for r in 302 303; do
	c=$(sqlite3 "$SRV/frontdeskd.db" "SELECT clean FROM rooms WHERE number = '$r'")
	[ "$c" = dirty ] || fail "room $r behind the refused operation should be dirty on the server, is $c"
done
term a conflicts > "$WORK/conflicts.txt" || fail "conflicts"
grep -q "room.teleport" "$WORK/conflicts.txt" || fail "no notice names the refused operation: $(cat "$WORK/conflicts.txt")"
grep -qi "unknown operation type" "$WORK/conflicts.txt" || fail "the notice does not say why: $(cat "$WORK/conflicts.txt")"
ok "an unreadable operation is refused with a notice; the queue behind it moves on"
