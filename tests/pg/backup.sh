#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Backups of a chain's PostgreSQL, as doc/scale-out.md (step 5) tells IT to
# run them: continuous WAL archiving (archive_mode, archive_command into an
# archive directory) and a base backup with pg_basebackup (-Ft -z -X
# fetch). Bookings are made and acknowledged before and after the base
# backup through two servers; the primary is lost; a new cluster is
# restored from the base backup and the archive to a point in time
# (restore_command, recovery_target_time, recovery.signal), which holds
# every booking acknowledged up to then and not the one made after;
# `frontdeskd new-epoch` on it, the servers started on it: the terminal
# that made the later booking heals (snapshot, re-submission), and every
# acknowledged booking is in the restored database, once, and on both
# terminals.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_start
W=$PG_WORK
ARCHIVE=$PG_DIR/wal-archive
pg_as_owner mkdir -m 0700 "$ARCHIVE" || fail "making the archive directory"
# 1. The primary archives every WAL segment it completes (a restart: archive_mode).
pg_psql -c "ALTER SYSTEM SET archive_mode = on" \
	-c "ALTER SYSTEM SET archive_command = 'test ! -f $ARCHIVE/%f && cp %p $ARCHIVE/%f'" >/dev/null || fail "archive settings"
pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -w -t 60 restart >/dev/null 2>&1 || fail "restarting with archiving"
check "the primary archives its WAL" "on" "$(pg_psql -c 'SHOW archive_mode')"

pg_hotel_with_desks # tests/pg/lib.sh: A, B, term, enroll
meta() { sqlite3 "$W/$1/frontdesk.db" "SELECT value FROM meta WHERE key = '$2'"; }
pending() { term "$1" --json sync-status | jq -r .pending; }
codes() { pg_psql -c "SELECT coalesce(string_agg(code, ' ' ORDER BY code), '') FROM bookings"; }
book() { # TERMINAL FAMILY ARRIVAL -> code (assigned nothing: the type's inventory)
	term "$1" book --guest "$2, Ana" --type DBL --arrive "$3" --depart 2026-11-30
}
enroll t1 A boss
enroll t2 B anna
term t1 sync --once >/dev/null || fail "t1's first sync"
pg_rooms t1 201 202 203 204 205 # tests/pg/lib.sh
c1=$(book t1 Antes 2026-11-25)
term t1 sync --once >/dev/null && term t2 sync --once >/dev/null || fail "first syncs"
check "the first booking is acknowledged" 0 "$(pending t1)"

# 2. The nightly base backup.
pg_as_owner "$PG_BINDIR/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U fd -D "$PG_DIR/base" -Ft -z -X fetch -c fast \
	>"$PG_DIR/basebackup.log" 2>&1 || { fail "pg_basebackup"; cat "$PG_DIR/basebackup.log" >&2; }
check "the base backup is a compressed tar" yes "$([ -s "$PG_DIR/base/base.tar.gz" ] && echo yes)"

# 3. The day goes on: bookings at both desks, through both servers, acknowledged.
c2=$(book t1 Depois 2026-11-26)
c3=$(book t2 Tarde 2026-11-26)
term t1 assign "$c2" 203 >/dev/null || fail "assigning $c2"
term t1 sync --once >/dev/null && term t2 sync --once >/dev/null && term t1 sync --once >/dev/null || fail "day syncs"
check "both desks' bookings are acknowledged" "0 0" "$(pending t1) $(pending t2)"
acked=$(codes)
check "... in PostgreSQL" "$(printf '%s\n' "$c1" "$c2" "$c3" | sort | tr '\n' ' ' | sed 's/ $//')" "$acked"
# The point in time to restore to; then a last booking, acknowledged after it.
sleep 1
target=$(pg_psql -c "SELECT clock_timestamp()::text")
sleep 1
c4=$(book t1 Ultima 2026-11-27)
term t1 sync --once >/dev/null || fail "t1 pushing the last booking"
check "the last booking is acknowledged too" "0 1" "$(pending t1) $(pg_psql -c "SELECT count(*) FROM bookings WHERE code = '$c4'")"
# The archive has every segment up to now.
seg=$(pg_psql -c "SELECT pg_walfile_name(pg_switch_wal())")
for _ in $(seq 1 100); do
	[ -f "$ARCHIVE/$seg" ] && break
	sleep 0.1
done
check "the current WAL segment is archived" yes "$([ -f "$ARCHIVE/$seg" ] && echo yes)"

# 4. The primary is lost.
pg_stop_servers
pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || fail "stopping the primary"

# 5. A new cluster from the base backup, recovered from the archive up to the target.
R=$PG_DIR/restore
pg_as_owner mkdir -m 0700 "$R" && pg_as_owner tar -xzf "$PG_DIR/base/base.tar.gz" -C "$R" || fail "unpacking the base backup"
pg_as_owner sh -c "cat >> '$R/postgresql.auto.conf'" <<CONF || fail "the recovery settings"
restore_command = 'cp $ARCHIVE/%f %p'
recovery_target_time = '$target'
recovery_target_action = 'promote'
archive_mode = off
CONF
pg_as_owner touch "$R/recovery.signal"
R_PORT=
for _try in 1 2 3 4 5; do
	R_PORT=$(pg_free_port)
	pg_as_owner "$PG_BINDIR/pg_ctl" -D "$R" -l "$PG_DIR/restore.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $R_PORT -c unix_socket_directories=$PG_DIR -c fsync=off" \
		start >/dev/null 2>&1 && break
	R_PORT=
done
[ -n "$R_PORT" ] || { fail "the restored cluster did not start"; cat "$PG_DIR/restore.log" >&2; exit 1; }
PG_URI="postgresql://fd@127.0.0.1:$R_PORT/frontdesk"
for _ in $(seq 1 200); do
	[ "$(pg_psql -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ] && break
	sleep 0.1
done
check "the restored cluster recovered to the target and was promoted" f "$(pg_psql -c 'SELECT pg_is_in_recovery()')"
grep -q "recovery stopping before commit" "$PG_DIR/restore.log" &&
	echo "ok: recovery stopped at the target time" || fail "recovery should stop at the target: $(tail -5 "$PG_DIR/restore.log")"
check "it holds every booking acknowledged before the target" "$acked" "$(codes)"
check "... and not the one after it" 0 "$(pg_psql -c "SELECT count(*) FROM bookings WHERE code = '$c4'")"
old=$(pg_psql -c "SELECT value FROM meta WHERE key = 'server_epoch'")

# 6. A new epoch, the servers on the restored database (their addresses unchanged).
"$top_builddir/frontdeskd" --database "$PG_URI" new-epoch >/dev/null || fail "new-epoch"
new=$(pg_psql -c "SELECT value FROM meta WHERE key = 'server_epoch'")
[ "$new" != "$old" ] || fail "new-epoch should renew the epoch"
pg_serve A
pg_serve B

# 7. The terminals heal: a snapshot of the restored database, then t1 submits again what it lacks.
for t in t1 t2 t1 t2; do term $t sync --once >/dev/null || fail "$t's sync after the restore"; done
check "both terminals took the new epoch" "$new $new" "$(meta t1 sync_epoch) $(meta t2 sync_epoch)"
check "nothing pending" "0 0" "$(pending t1) $(pending t2)"
check "every acknowledged booking is in the restored database" \
	"$(printf '%s\n' "$c1" "$c2" "$c3" "$c4" | sort | tr '\n' ' ' | sed 's/ $//')" "$(codes)"
check "... each once, the assignment kept" "4 203" \
	"$(pg_psql -c "SELECT count(DISTINCT id) FROM bookings") $(pg_psql -c "SELECT room FROM bookings WHERE code = '$c2'")"
check "t2 has the booking made after the target" "$c4 reserved" \
	"$(term t2 --json find Ultima | jq -r '.bookings[0] | .code + " " + .status')"
term t1 dump | jq -S . > "$W/t1.dump"
term t2 dump | jq -S . > "$W/t2.dump"
cmp -s "$W/t1.dump" "$W/t2.dump" || { fail "t1 and t2 differ"; diff "$W/t1.dump" "$W/t2.dump" | head -40 >&2; }

pg_stop_servers
pg_finish "$W/A.log" "$W/B.log" "$PG_DIR/restore.log"
