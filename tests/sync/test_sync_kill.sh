#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Sync test 4 of issue 4: `kill -9` of the terminal's sync process at a
# random moment, 50 times: the local database passes integrity_check every
# time, the outbox neither loses nor duplicates an operation, and in the end
# everything is applied exactly once and the terminals converge.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term_new b ben
term a sync --once >/dev/null && term b sync --once >/dev/null || fail "first sync"
# B's day reaches the server; A's is queued: A must push and pull at once.
gen_ops b > "$WORK/b.jsonl"
term b op --batch "$WORK/b.jsonl" >/dev/null || fail "B's operations"
term b sync --once >/dev/null || fail "B push"
gen_ops a > "$WORK/a.jsonl"
term a op --batch "$WORK/a.jsonl" >/dev/null 2>&1 || true  # a few clash with B's locally: refused, not queued
queued=$(sqlite3 "$WORK/a/frontdesk.db" "SELECT count(*) FROM outbox")
[ "$queued" -gt 150 ] || fail "A should have queued most of its operations ($queued)"
sqlite3 "$WORK/a/frontdesk.db" "SELECT op_id FROM outbox ORDER BY op_id" > "$WORK/a.before"
srv_seq=$(sqlite3 "$SRV/frontdeskd.db" "SELECT seq FROM sqlite_sequence WHERE name = 'srv_changes'")
seeds=$(od -An -N100 -tu1 /dev/urandom)
i=0
busy=0
for r in $seeds; do
	[ $i -lt 50 ] || break
	i=$((i + 1))
	# Work left: operations to push, or B's changes not yet pulled.
	[ "$(pending a)" = 0 ] && [ "$(sqlite3 "$WORK/a/frontdesk.db" "SELECT value FROM meta WHERE key = 'sync_cursor'")" -ge "$srv_seq" ] ||
		busy=$((busy + 1))
	"$FD" --data "$WORK/a" sync --once --batch 4 --page 5 >/dev/null 2>&1 &
	pid=$!
	sleep "0.$(printf "%03d" $((r * 3 / 2)))"
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	[ "$(sqlite3 "$WORK/a/frontdesk.db" "PRAGMA integrity_check")" = ok ] || fail "integrity_check after kill $i"
	sqlite3 "$WORK/a/frontdesk.db" "SELECT op_id FROM outbox ORDER BY op_id" > "$WORK/a.now"
	cmp -s "$WORK/a.before" "$WORK/a.now" || fail "the outbox changed after kill $i"
done
ok "50 kills: integrity_check ok, outbox intact ($busy kills with work left, $(pending a) of $queued still pending)"
term a sync --once >/dev/null || fail "A final sync"
term b sync --once >/dev/null || fail "B final sync"
exactly_once a
exactly_once b
converged a b || fail "A and B differ: $(diff "$WORK/a.dump" "$WORK/b.dump" | head -5)"
ok "after 50 kills everything applied exactly once; A and B converge"
