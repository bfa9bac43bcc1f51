#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The cancellation policy's clock on PostgreSQL is the hotel's own zone
# (core/policy.h judges "N hours before arrival" by the local minute). One
# frontdeskd serves hotels in several zones, so the process's TZ cannot
# say it. A hotel at UTC+12 (Etc/GMT-12, no summer time) with "free until
# 12 hours before arrival": a stay arriving tomorrow is free to cancel
# before noon there and costs its first night after. UTC is 12 hours off,
# so a server judging by UTC gives the other answer at any hour of the
# day. The desk runs where the hotel is (TZ set as the package's service
# does) and agrees with the server: no conflict notice.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
W=$PG_DIR/work
ZONE=Etc/GMT-12
pg_start
pg_hotel Far 2026-11-25 boss:admin
pg_psql -c "UPDATE properties SET timezone = '$ZONE'"
pg_serve A
term() { _t=$1; shift; TZ=$ZONE "$top_builddir/frontdesk" --data "$PG_WORK/$_t" "$@"; }
code=$("$top_builddir/frontdeskd" --database "$PG_URI" enroll-code 2>/dev/null)
term t1 enroll "$A_URL" "$code" --name t1 >/dev/null || fail "enrolling t1"
term t1 login boss --password-file "$PG_PW" >/dev/null || fail "signing in"
term t1 sync --once >/dev/null || fail "t1's first sync"
pg_rooms t1 201 # tests/pg/lib.sh
term t1 settings --cancel-policy "free until 12 hours before arrival then first-night" >/dev/null 2>"$W/err" ||
	fail "setting the policy: $(cat "$W/err")"
term t1 sync --once >/dev/null || fail "pushing the policy"

# Which side of the policy's edge the hotel's clock is on: free up to and
# including 12:00 there (exactly 12 hours before the arrival date's
# midnight), the first night after. Before and after the cancellation on
# the same side, or the case is tried again (a run across the edge proves
# nothing).
side() { _hm=$((1$(TZ=$ZONE date +%H%M) - 10000)); [ "$_hm" -le 1200 ] && echo free || echo fee; }
for try in 1 2 3; do
	before=$(side)
	code=$(term t1 book --guest "Try, No$try" --room 201 --arrive 2026-11-26 --depart 2026-11-27) || fail "book"
	term t1 sync --once >/dev/null || fail "pushing the booking"
	term t1 cancel "$code" >/dev/null 2>"$W/err" || fail "cancel: $(cat "$W/err")"
	term t1 sync --once >/dev/null || fail "pushing the cancellation"
	[ "$(side)" = "$before" ] && break
done
if [ "$before" = free ]; then want=0; else want=9000; fi
echo "the hotel's time: $(TZ=$ZONE date +%H:%M) ($ZONE, $before); UTC's: $(TZ=UTC date +%H:%M)"
check "the booking is cancelled in PostgreSQL" cancelled \
	"$(pg_psql -c "SELECT status FROM bookings WHERE code = '$code'")"
check "the cancellation fee the server posted, judged by the hotel's clock" "$want" \
	"$(pg_psql -c "SELECT coalesce(sum(l.amount), 0) FROM folio_lines l JOIN folios f ON f.id = l.folio_id
		JOIN bookings b ON b.id = f.booking_id WHERE b.code = '$code' AND l.code = 'CXLFEE' AND l.kind = 'charge'")"
check "the desk and the server agree (no conflict notice)" 0 "$(term t1 --json conflicts | jq length)"
check "the desk has nothing pending" 0 "$(term t1 --json sync-status | jq -r .pending)"

pg_finish
