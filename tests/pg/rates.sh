#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Rate plans and group blocks on PostgreSQL (steps 15 and 16), with real
# terminals on two frontdeskd sharing one database: plans (a derived one and
# a corporate one) and their prices set at t1 through server A price the
# bookings t2 makes through server B, as the server judges them (the
# nightly prices are PostgreSQL's rows), and a stop-sell set at t1 refuses
# at the server the stay t2 booked before hearing of it. The night audit
# posts and counts each night at its price (the closed day, the chain
# report) and releases a block at its cut-off. A group block made at t1
# holds its rooms: t2, not having heard of it, books two walk-ins where
# one is free beside the block and the server refuses the second; a pickup
# from the block is allowed and counted once; two desks pushing the last
# free room at once through the two servers get exactly one. A re-sync
# from the PostgreSQL snapshot (new epoch) keeps plans, prices, bookings'
# prices and the block, and a new terminal gets them. A second hotel keeps
# its own plan, prices and block under the same codes, apart from the
# first's. frontdeskd migrate moves a SQLite hotel's plans, prices,
# booking prices, block and pickup into PostgreSQL.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
FDD=${top_builddir:?}/frontdeskd
FD=$top_builddir/frontdesk
W=$PG_WORK
A_PID=
B_PID=
S_PID=
M_PID=
stop_servers() {
	for p in $A_PID $B_PID $S_PID $M_PID; do kill -TERM "$p" 2>/dev/null && wait "$p"; done
	A_PID=
	B_PID=
	S_PID=
	M_PID=
}
trap 'stop_servers; pg_cleanup' EXIT
pg_start
pg_hotel Chain 2026-11-25 boss:admin anna:staff # tests/pg/lib.sh: $W/pw

# serve NAME DATA [OPTIONS]: a frontdeskd, its URL in $W/NAME.url
serve() {
	name=$1 data=$2
	shift 2
	"$FDD" --data "$data" serve --listen 127.0.0.1:0 "$@" 2>"$W/$name.log" &
	eval "${name}_PID=\$!"
	for _ in $(seq 1 100); do
		port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$W/$name.log" 2>/dev/null)
		if [ -n "$port" ]; then echo "http://127.0.0.1:$port" > "$W/$name.url"; return 0; fi
		sleep 0.05
	done
	fail "server $name did not start"; cat "$W/$name.log" >&2; exit 1
}
mkdir -p "$W/srv-A" "$W/srv-B" "$W/srv-M"
serve A "$W/srv-A" --database "$PG_URI"
serve B "$W/srv-B" --database "$PG_URI"
term() { t=$1; shift; "$FD" --data "$W/$t" "$@"; }
enroll() { # TERMINAL SERVER USER [frontdeskd options]
	t=$1 s=$2 u=$3
	shift 3
	ecode=$("$FDD" "$@" enroll-code 2>/dev/null)
	term "$t" enroll "$(cat "$W/$s.url")" "$ecode" --name "$t" >/dev/null || fail "enrolling $t"
	term "$t" login "$u" --password-file "$W/pw" >/dev/null || fail "signing in on $t"
}
sync_all() { for t in t1 t2 t1 t2; do term $t sync --once >/dev/null || fail "$t sync"; done; }
nights() { term "$1" --json show "$2" | jq -r '[.plan] + [.nights[].rate_minor | tostring] | join(" ")'; }
lite() { sqlite3 "$W/$1/frontdesk.db" "$2"; }

enroll t1 A boss --database "$PG_URI"
term t1 sync --once >/dev/null || fail "t1's first sync"
term t1 type add DBL --name Double --max 2 --rate 90 >/dev/null || fail "room type"
for r in 101 102 103; do term t1 room add $r --type DBL --floor 1 >/dev/null || fail "room $r"; done

# 1. Plans and prices at t1 through A.
term t1 company add "Acme Ltd" >/dev/null || fail "company"
term t1 plan add BAR --name "Best available" >/dev/null || fail "plan BAR"
term t1 plan add NR --name "Non-refundable" --parent BAR --adjust -10% >/dev/null || fail "plan NR"
term t1 plan add CORP --name "Acme corporate" --kind corporate --company "Acme Ltd" >/dev/null || fail "plan CORP"
term t1 rates set BAR DBL --from 2026-12-01 --to 2026-12-10 100 >/dev/null || fail "season 1"
term t1 rates set BAR DBL --from 2026-12-11 --to 2026-12-31 130 >/dev/null || fail "season 2"
term t1 rates set CORP DBL --from 2026-12-01 --to 2026-12-31 80 >/dev/null || fail "corporate prices"
term t1 sync --once >/dev/null || fail "t1 pushing the plans"
check "t1 has nothing pending" 0 "$(term t1 --json sync-status | jq -r .pending)"
check "the plans are in PostgreSQL" "BAR:public: CORP:corporate:Acme Ltd NR:public:BAR" \
	"$(pg_psql -c "SELECT string_agg(code || ':' || kind || ':' || CASE WHEN parent <> '' THEN parent ELSE company END, ' ' ORDER BY code) FROM rate_plans")"
check "the prices are in PostgreSQL" "BAR:31:10000:13000 CORP:31:8000:8000" \
	"$(pg_psql -c "SELECT string_agg(plan || ':' || n || ':' || lo || ':' || hi, ' ' ORDER BY plan) FROM (SELECT plan, count(*) n, min(price) lo, max(price) hi FROM rate_days GROUP BY plan) x")"

# 2. Bookings on the plans at t2 through B, priced by the server.
enroll t2 B anna --database "$PG_URI"
term t2 sync --once >/dev/null || fail "t2's first sync"
term t2 plan list | grep -q "NR .*BAR -10.00%" || fail "the plans did not reach t2: $(term t2 plan list)"
nr=$(term t2 book --guest "Silva, Ana" --type DBL --arrive 2026-12-09 --depart 2026-12-12 --plan NR) || fail "t2 books on NR"
corp=$(term t2 book --guest "Lee, Ann" --type DBL --arrive 2026-12-01 --depart 2026-12-03 --plan CORP --company "acme ltd") ||
	fail "t2 books on CORP for Acme"
term t2 sync --once >/dev/null || fail "t2 pushing the bookings"
check "t2 has nothing pending" 0 "$(term t2 --json sync-status | jq -r .pending)"
check "PostgreSQL holds the NR booking's prices per night" "NR:9000 NR:9000 NR:11700" \
	"$(pg_psql -c "SELECT string_agg(r.plan || ':' || r.amount, ' ' ORDER BY r.night) FROM booking_rates r JOIN bookings b ON b.id = r.booking_id WHERE b.code = '$nr'")"
check "PostgreSQL holds the corporate booking's prices" "CORP:8000 CORP:8000" \
	"$(pg_psql -c "SELECT string_agg(r.plan || ':' || r.amount, ' ' ORDER BY r.night) FROM booking_rates r JOIN bookings b ON b.id = r.booking_id WHERE b.code = '$corp'")"
term t1 sync --once >/dev/null || fail "t1 pulling the bookings"
check "t1 sees the NR booking's nightly prices" "NR 9000 9000 11700" "$(nights t1 "$nr")"
check "t1 sees the corporate booking's prices" "CORP 8000 8000" "$(nights t1 "$corp")"

# A stop-sell set at t1 refuses, at the server, the stay t2 booked before
# hearing of it.
term t1 restrict BAR DBL --from 2026-12-20 --to 2026-12-20 --stop-sell >/dev/null || fail "stop-sell"
term t1 sync --once >/dev/null || fail "t1 pushing the stop-sell"
late=$(term t2 book --guest "Jones, Bob" --type DBL --arrive 2026-12-19 --depart 2026-12-21 --plan BAR) ||
	fail "t2 books through the stop-sell it has not heard of"
term t2 sync --once >/dev/null || fail "t2 pushing the stay"
check "the server refused the stay through the stop-sell" "booking.create restricted anna" \
	"$(pg_psql -c "SELECT type || ' ' || code || ' ' || actor FROM srv_conflicts")"
check "the refused stay is not in PostgreSQL" 0 "$(pg_psql -c "SELECT count(*) FROM bookings WHERE code = '$late'")"
sync_all

# The night audit at t1 posts each night of a stay on a plan at its price
# as sold (not the first night's) and counts it as the day's room revenue.
term t1 rates set BAR DBL --from 2026-11-25 --to 2026-11-25 110 >/dev/null &&
	term t1 rates set BAR DBL --from 2026-11-26 --to 2026-11-30 120 >/dev/null || fail "November's prices"
inh=$(term t1 book --guest "Stay, Sue" --room 101 --arrive 2026-11-25 --depart 2026-11-27 --plan BAR) || fail "a stay on BAR"
term t1 checkin "$inh" >/dev/null || fail "checkin"
# A block whose cut-off is the 26th: the audit of the 26th releases it.
term t1 block add Early --type DBL --rooms 2 --from 2026-11-28 --to 2026-11-29 --cutoff 2026-11-26 >/dev/null ||
	fail "a block cut off on the 26th"
for d in 25 26; do
	term t1 audit >/dev/null && term t1 sync --once >/dev/null || fail "the night audit of the ${d}th"
done
check "the closed days' room revenue is the nights' prices" "2026-11-25:11000 2026-11-26:12000" \
	"$(pg_psql -c "SELECT string_agg(to_char(date '1970-01-01' + date, 'YYYY-MM-DD') || ':' || room_revenue, ' ' ORDER BY date) FROM day_reports")"
check "the room charges posted are the nights' prices" "11000 12000" \
	"$(pg_psql -c "SELECT string_agg(l.amount::text, ' ' ORDER BY l.date) FROM folio_lines l JOIN folios f ON f.id = l.folio_id JOIN bookings b ON b.id = f.booking_id WHERE b.code = '$inh' AND l.code = 'ROOM'")"
check "the audit of the 26th released the block cut off then" "Early:2026-11-26" \
	"$(pg_psql -c "SELECT name || ':' || to_char(date '1970-01-01' + released, 'YYYY-MM-DD') FROM group_blocks")"
# The chain report counts those nights at their prices too.
check "the chain report's room revenue for the stay" "23000" \
	"$("$FDD" --database "$PG_URI" report chain --from 2026-11-25 --to 2026-11-26 --json | jq -r '.group.room_revenue_minor')"
sync_all

# 3. A group block made at t1 holds two of the three rooms on 5 and 6
# December. t2, not having heard of it, books two walk-ins on the 5th: the
# server takes the first (one room is free beside the block) and refuses
# the second.
term t1 block add Tour --type DBL --rooms 2 --from 2026-12-05 --to 2026-12-07 --cutoff 2026-12-01 --company "Alpine Tours" >/dev/null ||
	fail "block add"
term t1 sync --once >/dev/null || fail "t1 pushing the block"
check "the block's rooms are in PostgreSQL" "Tour Alpine Tours 2 2" \
	"$(pg_psql -c "SELECT k.name || ' ' || k.company || ' ' || string_agg(r.rooms::text, ' ' ORDER BY r.night) FROM group_blocks k JOIN group_block_rooms r ON r.block_id = k.id WHERE k.name = 'Tour' GROUP BY k.name, k.company")"
w1=$(term t2 book --guest "Walk, In" --type DBL --arrive 2026-12-05 --depart 2026-12-06) || fail "walk-in 1 at t2"
w2=$(term t2 book --guest "Walk, Too" --type DBL --arrive 2026-12-05 --depart 2026-12-06) || fail "walk-in 2 at t2"
term t2 sync --once >/dev/null || fail "t2 pushing the walk-ins"
check "the first walk-in is in PostgreSQL, the second is not" "$w1" \
	"$(pg_psql -c "SELECT string_agg(code, ' ') FROM bookings WHERE arrival = (date '2026-12-05' - date '1970-01-01')")"
check "the server refused the walk-in the block's rooms would have taken" 1 \
	"$(pg_psql -c "SELECT count(*) FROM srv_conflicts WHERE type = 'booking.create' AND code = 'no_availability'")"
[ -n "$w2" ] || fail "no code for the second walk-in"
sync_all
# A pickup from the block at t2 is allowed; then nothing is left on the 5th.
pick=$(term t2 book --guest "Hiker, Hans" --type DBL --arrive 2026-12-05 --depart 2026-12-06 --block Tour) || fail "pickup at t2"
term t2 sync --once >/dev/null || fail "t2 pushing the pickup"
check "the pickup is in PostgreSQL, from the block" "Tour" \
	"$(pg_psql -c "SELECT k.name FROM bookings b JOIN group_blocks k ON k.id = b.block_id WHERE b.code = '$pick'")"
term t1 sync --once >/dev/null || fail "t1 pulling the pickup"
check "t1 counts the pickup once" "2026-12-05:2:1 2026-12-06:2:0" \
	"$(term t1 --json block show Tour | jq -r '[.nights[] | "\(.date):\(.held):\(.picked_up)"] | join(" ")')"
term t1 book --guest "Extra, Eli" --type DBL --arrive 2026-12-05 --depart 2026-12-06 >/dev/null 2>"$W/err" &&
	fail "t1 sold a room the block holds"
grep -q "sold out" "$W/err" || fail "t1's refusal: $(cat "$W/err")"

# Two desks push the last free room of the 6th (the block holds the other
# two) through the two servers at once: exactly one wins.
sync_all
c1=$(term t1 book --guest "First, Fay" --type DBL --arrive 2026-12-06 --depart 2026-12-07) || fail "t1 books the 6th"
c2=$(term t2 book --guest "Second, Sid" --type DBL --arrive 2026-12-06 --depart 2026-12-07) || fail "t2 books the 6th"
term t1 sync --once >/dev/null 2>&1 &
p1=$!
term t2 sync --once >/dev/null 2>&1 &
p2=$!
wait $p1
wait $p2
check "exactly one of the two is in PostgreSQL" 1 \
	"$(pg_psql -c "SELECT count(*) FROM bookings WHERE code IN ('$c1', '$c2') AND status = 'reserved'")"
check "the other was refused for availability" 2 \
	"$(pg_psql -c "SELECT count(*) FROM srv_conflicts WHERE type = 'booking.create' AND code = 'no_availability'")"
check "the 6th has one room sold beside the block's two" 1 \
	"$(pg_psql -c "SELECT count(*) FROM stay_nights WHERE night = (date '2026-12-06' - date '1970-01-01')")"
sync_all

# 4. A re-sync from the PostgreSQL snapshot keeps everything; a new
# terminal gets it from the snapshot.
"$FDD" --database "$PG_URI" new-epoch >/dev/null || fail "new-epoch"
for t in t1 t2; do
	term $t sync --once >/dev/null 2>&1
	term $t sync --once >/dev/null || fail "$t re-syncing"
done
enroll t3 A anna --database "$PG_URI"
term t3 sync --once >/dev/null || fail "t3's first sync"
for t in t1 t2 t3; do
	check "$t: the plans after the re-sync" "BAR CORP NR" "$(lite $t "SELECT group_concat(code, ' ') FROM (SELECT code FROM rate_plans ORDER BY code)")"
	check "$t: the prices after the re-sync" "68 13000 1" \
		"$(lite $t "SELECT count(*) || ' ' || max(price) || ' ' || sum(stop_sell) FROM rate_days")"
	check "$t: the NR booking's prices" "NR 9000 9000 11700" "$(nights $t "$nr")"
	check "$t: the block after the re-sync" "2026-12-05:2:1 2026-12-06:2:0" \
		"$(term $t --json block show Tour | jq -r '[.nights[] | "\(.date):\(.held):\(.picked_up)"] | join(" ")')"
	term $t book --guest "Late, Lou" --type DBL --arrive 2026-12-06 --depart 2026-12-07 >/dev/null 2>"$W/err" &&
		fail "$t sold a room the block holds after the re-sync"
done

# 5. A second hotel of the chain keeps its own plan, prices and block
# under the same codes (a night's row id is derived from plan, type and
# night: the same in both hotels) and sees none of the first hotel's.
"$FDD" --database "$PG_URI" property add PORTO --name Porto --currency EUR --timezone Europe/Lisbon --date 2026-11-25 >/dev/null &&
	"$FDD" --database "$PG_URI" user add pia --role admin --property PORTO --password-file "$W/pw" >/dev/null ||
	fail "a second hotel"
term t4 enroll "$(cat "$W/B.url")" "$("$FDD" --database "$PG_URI" enroll-code --property PORTO 2>/dev/null)" --name t4 >/dev/null &&
	term t4 login pia --password-file "$W/pw" >/dev/null && term t4 sync --once >/dev/null || fail "enrolling t4 into Porto"
check "Porto's desk has none of the first hotel's plans, prices or blocks" "0 0 0" \
	"$(lite t4 "SELECT (SELECT count(*) FROM rate_plans) || ' ' || (SELECT count(*) FROM rate_days) || ' ' || (SELECT count(*) FROM group_blocks)")"
term t4 type add DBL --name Double --max 2 --rate 70 >/dev/null && term t4 room add 1 --type DBL --floor 0 >/dev/null &&
	term t4 plan add BAR --name "Porto BAR" >/dev/null &&
	term t4 rates set BAR DBL --from 2026-12-01 --to 2026-12-10 60 >/dev/null &&
	term t4 block add Tour --type DBL --rooms 1 --from 2026-12-05 --to 2026-12-06 --cutoff 2026-12-01 >/dev/null ||
	fail "Porto's plan, prices and block"
term t4 sync --once >/dev/null || fail "t4 pushing"
check "t4 has nothing pending" 0 "$(term t4 --json sync-status | jq -r .pending)"
check "each hotel has its own prices" "Chain:68 Porto:10" \
	"$(pg_psql -c "SELECT string_agg(p.name || ':' || (SELECT count(*) FROM rate_days d WHERE d.property_id = p.id), ' ' ORDER BY p.name) FROM properties p")"
check "the same night ids in both hotels" 10 \
	"$(pg_psql -c "SELECT count(*) FROM rate_days a JOIN rate_days b ON a.id = b.id AND a.property_id < b.property_id")"
check "each hotel has its own BAR and Tour" "Best available:Tour Porto BAR:Tour" \
	"$(pg_psql -c "SELECT string_agg(p.name || ':' || k.name, ' ' ORDER BY p.name) FROM rate_plans p JOIN group_blocks k ON k.property_id = p.property_id WHERE p.code = 'BAR' AND k.name = 'Tour'")"
term t1 sync --once >/dev/null || fail "t1 after Porto's changes"
check "t1 still has its own plans and prices only" "BAR:Best available CORP NR 68" \
	"$(lite t1 "SELECT (SELECT group_concat(x, ' ') FROM (SELECT code || CASE code WHEN 'BAR' THEN ':' || name ELSE '' END x FROM rate_plans ORDER BY code)) || ' ' || (SELECT count(*) FROM rate_days)")"
check "t1's block is untouched" "2026-12-05:2:1 2026-12-06:2:0" \
	"$(term t1 --json block show Tour | jq -r '[.nights[] | "\(.date):\(.held):\(.picked_up)"] | join(" ")')"
stop_servers

# 6. frontdeskd migrate moves a SQLite hotel's plans, prices, a booking's
# prices, a block and its pickup.
D=$W/sq
"$FDD" --data "$D" init --property "Casa" --currency EUR --timezone Europe/Lisbon --date 2026-11-25 >/dev/null &&
	"$FDD" --data "$D" user add sam --role admin --password-file "$W/pw" >/dev/null || fail "the SQLite hotel"
serve S "$D"
enroll ts S sam --data "$D"
term ts sync --once >/dev/null || fail "ts's first sync"
term ts type add SUI --name Suite --max 2 --rate 200 >/dev/null &&
	term ts room add 201 --type SUI --floor 2 >/dev/null &&
	term ts room add 202 --type SUI --floor 2 >/dev/null || fail "the SQLite hotel's rooms"
term ts plan add BAR --name "Best available" >/dev/null &&
	term ts rates set BAR SUI --from 2026-12-01 --to 2026-12-04 250 >/dev/null || fail "the SQLite hotel's plan"
sq=$(term ts book --guest "Gomes, Rui" --type SUI --arrive 2026-12-01 --depart 2026-12-03 --plan BAR) || fail "a booking on BAR"
term ts block add Wedding --type SUI --rooms 1 --from 2026-12-03 --to 2026-12-04 --cutoff 2026-11-30 >/dev/null &&
	term ts book --guest "Bride, Bea" --type SUI --arrive 2026-12-03 --depart 2026-12-04 --block Wedding >/dev/null ||
	fail "a block and its pickup"
term ts sync --once >/dev/null || fail "ts pushing"
kill -TERM "$S_PID" && wait "$S_PID"
S_PID=
pg_psql -c "CREATE DATABASE moved" >/dev/null || fail "a second database"
MOVED=${PG_URI%/*}/moved
"$FDD" --data "$D" migrate --to "$MOVED" >"$W/out" 2>"$W/err" || fail "migrate: $(cat "$W/err")"
check "the summary counts what moved" "rate plans: 1|prices: 4|booking prices per night: 2|group blocks: 1|block room-nights: 1" \
	"$(grep -E '^  (rate plans|prices|booking prices per night|group blocks|block room-nights):' "$W/out" | sed 's/^  //' | paste -sd '|')"
mq() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$MOVED" -c "$1"; }
check "the plan and prices moved" "BAR 4 25000" \
	"$(mq "SELECT min(p.code) || ' ' || count(*) || ' ' || max(d.price) FROM rate_plans p JOIN rate_days d ON d.plan = p.code AND d.property_id = p.property_id")"
check "the booking's prices moved" "BAR:25000 BAR:25000" \
	"$(mq "SELECT string_agg(r.plan || ':' || r.amount, ' ' ORDER BY r.night) FROM booking_rates r JOIN bookings b ON b.id = r.booking_id WHERE b.code = '$sq'")"
check "the block, its rooms and its pickup moved" "Wedding 1 1" \
	"$(mq "SELECT k.name || ' ' || (SELECT sum(rooms) FROM group_block_rooms) || ' ' || (SELECT count(*) FROM bookings WHERE block_id = k.id) FROM group_blocks k")"
serve M "$W/srv-M" --database "$MOVED"
enroll tm M sam --database "$MOVED"
term tm sync --once >/dev/null || fail "tm's first sync"
check "a terminal of the moved hotel has the plan's prices" "BAR 25000 25000" "$(nights tm "$sq")"
check "a terminal of the moved hotel has the block" "2026-12-03:1:1" \
	"$(term tm --json block show Wedding | jq -r '[.nights[] | "\(.date):\(.held):\(.picked_up)"] | join(" ")')"

stop_servers
pg_finish "$W"/*.log
