#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 20: backup and restore with nothing lost (RPO 0 for acknowledged
# operations). Back up; two desks make bookings the server acknowledges;
# restore the backup: every booking is back on the server and on both desks
# without anyone typing. Also the restore drill: how long the restore took
# (RTO), printed, not asserted.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term_new b ben
term a sync --once >/dev/null && term b sync --once >/dev/null || fail "first sync"

"$FDD" --data "$SRV" backup "$WORK/backup.db" >/dev/null || fail "backup"

# bookings NAME PREFIX: two guests and two bookings made at desk NAME.
bookings() {
	p=$2
	P=$(echo "$p" | tr a-f A-F)
	for i in 1 2; do
		printf '{"type":"guest.create","payload":{"id":"%s0000000-0000-4000-8000-%012d","family":"After%d","given":"Backup"}}\n' "$p" $i $i
		printf '{"type":"booking.create","payload":{"id":"%s0000000-0000-4000-9000-%012d","code":"%sR%04d","guest_id":"%s0000000-0000-4000-8000-%012d","type":"TWN","arrival":"2026-12-0%d","departure":"2026-12-1%d"}}\n' "$p" $i "$P" $i "$p" $i $i $i
	done > "$WORK/$1.ops"
	term "$1" op --batch "$WORK/$1.ops" >/dev/null || fail "$1 could not book"
	term "$1" sync --once >/dev/null || fail "$1 sync"
	[ "$(pending "$1")" = 0 ] || fail "$1's bookings should be acknowledged"
}
bookings a a
bookings b b
codes="AR0001 AR0002 BR0001 BR0002"
srvcodes() { sqlite3 "$SRV/frontdeskd.db" "SELECT code FROM bookings WHERE code LIKE '_R%' ORDER BY code" | tr '\n' ' '; }
[ "$(srvcodes)" = "AR0001 AR0002 BR0001 BR0002 " ] || fail "the server should hold the four bookings: $(srvcodes)"

# Restoring under a serving frontdeskd is refused and changes nothing.
sqlite3 "$SRV/frontdeskd.db" "SELECT value FROM meta WHERE key = 'server_epoch'" > "$WORK/epoch.before"
if "$FDD" --data "$SRV" restore "$WORK/backup.db" >/dev/null 2>"$WORK/err"; then
	fail "restore ran while the server was serving"
fi
grep -q "serving" "$WORK/err" || fail "the refusal should say the server is serving: $(cat "$WORK/err")"
[ "$(srvcodes)" = "AR0001 AR0002 BR0001 BR0002 " ] || fail "a refused restore changed the database"
# A file that is not a backup is refused too.
srv_stop
echo "not a database" > "$WORK/junk.db"
if "$FDD" --data "$SRV" restore "$WORK/junk.db" >/dev/null 2>"$WORK/err"; then
	fail "restore took a file that is not a backup"
fi
[ "$(srvcodes)" = "AR0001 AR0002 BR0001 BR0002 " ] || fail "a refused restore changed the database"

# The restore drill.
t0=$(date +%s.%N)
"$FDD" --data "$SRV" restore "$WORK/backup.db" > "$WORK/restore.out" || fail "restore: $(cat "$WORK/restore.out")"
t1=$(date +%s.%N)
echo "restore drill: RTO $(awk "BEGIN { printf \"%.3f\", $t1 - $t0 }") s ($(cat "$WORK/restore.out"))"
[ -z "$(srvcodes | tr -d ' ')" ] || fail "the backup should predate the bookings: $(srvcodes)"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT value FROM meta WHERE key = 'server_epoch'")" != "$(cat "$WORK/epoch.before")" ] ||
	fail "a restored server needs a new epoch"
srv_start

# The desks notice the new epoch and heal: nobody types anything.
for t in a b a b; do term "$t" sync --once >/dev/null || fail "$t sync after the restore"; done
[ "$(srvcodes)" = "AR0001 AR0002 BR0001 BR0002 " ] || fail "bookings lost by the restore: server has $(srvcodes)"
for t in a b; do
	for c in $codes; do
		term "$t" show "$c" >/dev/null 2>&1 || fail "desk $t lacks booking $c after the restore"
	done
	[ "$(pending "$t")" = 0 ] || fail "$t still holds $(pending "$t") operations"
done
converged a b || fail "A and B differ: $(diff "$WORK/a.dump" "$WORK/b.dump" | head -5)"
d=$(sqlite3 "$SRV/frontdeskd.db" "SELECT count(*) FROM (SELECT op_id FROM audit_log WHERE outcome = 'applied' GROUP BY op_id HAVING count(*) > 1)")
[ "$d" = 0 ] || fail "server: $d operations applied more than once"
ok "after a restore every acknowledged booking is back on the server and both desks"
