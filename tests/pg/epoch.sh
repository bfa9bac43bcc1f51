#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A database restored from a backup on PostgreSQL (doc/scale-out.md, step
# 5): the hotel is backed up with pg_dump, a booking is made and
# acknowledged after it, the database is dropped (the server keeps running)
# and restored from the backup, and `frontdeskd --database URI new-epoch`
# gives it a new epoch. A long-poll parked on the server is answered 410
# epoch_changed at once; the real terminals re-sync from the snapshot, and
# the one that made the booking submits it again: the restored database
# has it, and both terminals end equal.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
FDD=${top_builddir:?}/frontdeskd
W=$PG_WORK
POLL=
trap '[ -n "$POLL" ] && kill "$POLL" 2>/dev/null; pg_cleanup' EXIT
pg_start
pg_hotel Chain 2026-11-25 boss:admin anna:staff
pg_serve A
A=$A_URL
pg_desks # tests/pg/lib.sh: term, enroll
meta() { sqlite3 "$W/$1/frontdesk.db" "SELECT value FROM meta WHERE key = '$2'"; }
pending() { term "$1" --json sync-status | jq -r .pending; }
epoch() { pg_psql -c "SELECT value FROM meta WHERE key = 'server_epoch'"; }

enroll t1 A boss
enroll t2 A anna
term t1 sync --once >/dev/null || fail "t1's first sync"
pg_rooms t1 201 202 203 # tests/pg/lib.sh
term t1 sync --once >/dev/null && term t2 sync --once >/dev/null || fail "first syncs"
old=$(epoch)
check "the terminals hold the database's epoch" "$old $old" "$(meta t1 sync_epoch) $(meta t2 sync_epoch)"

# The nightly backup; then a booking made and acknowledged.
"$PG_BINDIR/pg_dump" -Fc -d "$PG_URI" -f "$W/backup.dump" || fail "pg_dump"
code=$(term t1 book --guest "Lopes, Ana" --type DBL --arrive 2026-11-25 --depart 2026-11-27)
term t1 assign "$code" 202 >/dev/null || fail "assigning $code"
term t1 sync --once >/dev/null || fail "t1 pushing the booking"
check "the booking is acknowledged" 0 "$(pending t1)"
term t2 sync --once >/dev/null || fail "t2 pulling the booking"

# The database is lost and restored from the backup: the booking is gone.
psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U fd -d postgres -c "DROP DATABASE frontdesk WITH (FORCE)" -c "CREATE DATABASE frontdesk" || fail "dropping the database"
"$PG_BINDIR/pg_restore" -d "$PG_URI" "$W/backup.dump" || fail "pg_restore"
check "the restored database lacks the booking" 0 "$(pg_psql -c "SELECT count(*) FROM bookings")"
check "... and has the old epoch" "$old" "$(epoch)"

# A terminal's long-poll waits on the server for the next change.
tok=$(meta t2 session_token)
cur=$(meta t2 sync_cursor)
# (the server reconnects to the restored database by itself)
for _ in $(seq 1 50); do
	[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" "$A/v1/changes?since=0")" = 200 ] && break
	sleep 0.1
done
code410=$(curl -s -o "$W/ahead" -w '%{http_code}' -H "Authorization: Bearer $tok" "$A/v1/changes?since=$cur&epoch=$old")
check "before the new epoch, a cursor from after the backup is 410 cursor_ahead" "410 cursor_ahead" \
	"$code410 $(jq -r .error.code "$W/ahead")"
top=$(pg_psql -c "SELECT seq FROM feed_counters")
curl -s --max-time 20 -o "$W/poll" -w '%{http_code}' -H "Authorization: Bearer $tok" \
	"$A/v1/changes?since=$top&wait=30&epoch=$old" > "$W/poll.status" &
POLL=$!
sleep 0.5
out=$("$FDD" --database "$PG_URI" new-epoch) || fail "new-epoch"
new=$(epoch)
[ "$new" != "$old" ] && [ ${#new} = 32 ] || fail "new-epoch should make a new epoch: '$old' -> '$new'"
case $out in *"$new"*) ;; *) fail "new-epoch should print the new epoch: $out" ;; esac
wait "$POLL"
POLL=
check "the parked long-poll is answered at once: 410 epoch_changed" "410 epoch_changed" \
	"$(cat "$W/poll.status") $(jq -r .error.code "$W/poll")"
check "the server's health shows the new epoch" "$new" "$(curl -s "$A/v1/health" | jq -r .epoch)"
check "a new-epoch with an argument is refused" 2 "$("$FDD" --database "$PG_URI" new-epoch now >/dev/null 2>&1; echo $?)"

# The terminals re-sync; t1 submits the booking again.
term t1 sync --once >/dev/null || fail "t1's sync after the restore"
term t1 sync --once >/dev/null || fail "t1's second sync after the restore"
check "t1 took the new epoch" "$new" "$(meta t1 sync_epoch)"
check "t1 has nothing pending" 0 "$(pending t1)"
check "the restored database has the booking again, in room 202" "$code 202 reserved" \
	"$(pg_psql -c "SELECT code || ' ' || room || ' ' || status FROM bookings")"
term t2 sync --once >/dev/null && term t2 sync --once >/dev/null || fail "t2's sync after the restore"
check "t2 took the new epoch" "$new" "$(meta t2 sync_epoch)"
check "t2 has the booking" "$code reserved 202" \
	"$(term t2 --json find Lopes | jq -r '.bookings[0] | .code + " " + .status + " " + .room')"
term t1 sync --once >/dev/null || fail "t1's last sync"
# (charge codes included: the snapshot carries them, step 11)
term t1 dump | jq -S . > "$W/t1.dump"
term t2 dump | jq -S . > "$W/t2.dump"
cmp -s "$W/t1.dump" "$W/t2.dump" || { fail "t1 and t2 differ"; diff "$W/t1.dump" "$W/t2.dump" | head -40 >&2; }

pg_stop_servers
pg_finish "$W/A.log"
