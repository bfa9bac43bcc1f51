#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Real terminals (frontdesk, each with its SQLite cache, unchanged) on two
# frontdeskd that share one PostgreSQL database: terminal 1 enrolled
# through server A sets up rooms and books a guest into room 201; terminal 2,
# enrolled through server B, gets it from the feed and checks the guest in;
# terminal 1 sees the check-in. Both end at the same cursor, nothing pending.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
W=$PG_DIR/work
pg_start
pg_hotel_with_desks # tests/pg/lib.sh: A, B, term, enroll

enroll t1 A boss
term t1 sync --once >/dev/null || fail "t1's first sync"
pg_rooms t1 201 202 # tests/pg/lib.sh
code=$(term t1 book --guest "Lopes, Ana" --type DBL --arrive 2026-11-25 --depart 2026-11-27)
term t1 assign "$code" 201 >/dev/null || fail "assigning $code"
term t1 sync --once >/dev/null || fail "t1 pushing"
check "t1 has nothing pending" 0 "$(term t1 --json sync-status | jq -r .pending)"

enroll t2 B anna
term t2 sync --once >/dev/null || fail "t2's first sync"
check "t2 (through B) has t1's booking in room 201" "$code reserved 201" \
	"$(term t2 --json find Lopes | jq -r '.bookings[0] | .code + " " + .status + " " + .room')"
term t2 checkin "$code" >/dev/null || fail "t2 checking $code in"
term t2 sync --once >/dev/null || fail "t2 pushing"
term t1 sync --once >/dev/null || fail "t1 pulling"
check "t1 (through A) sees the check-in made through B" "$code checked_in 201" \
	"$(term t1 --json find Lopes | jq -r '.bookings[0] | .code + " " + .status + " " + .room')"
check "both terminals at the same cursor" "$(term t1 --json sync-status | jq -r .cursor)" \
	"$(term t2 --json sync-status | jq -r .cursor)"
pg_stop_servers
pg_finish "$W/A.log" "$W/B.log"
