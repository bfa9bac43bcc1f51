#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Invoices on PostgreSQL (step 13), with real terminals on two frontdeskd
# sharing one database: an invoice issued at t1 through server A is at t2
# through server B with its number; t1 and t2 pushing invoices at once
# through A and B get distinct numbers, 1..N with no gap; a second invoice
# for an invoiced folio, refused by the server, changes nothing in
# PostgreSQL (no number used up: the next one is consecutive); a credit
# note takes the next number; the schema refuses to change or delete an
# issued invoice and a number twice; a re-sync from the PostgreSQL
# snapshot (new epoch) keeps every invoice, and a terminal enrolled
# afterwards gets them all; `frontdeskd migrate` moves a SQLite hotel's
# invoices, its series' next number and its mail queue, and the series
# goes on there; two processes issuing 20 invoices each at once in one
# series number them 1..40.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
FDD=${top_builddir:?}/frontdeskd
W=$PG_WORK
S_PID= # part 7's SQLite server
trap '[ -n "$S_PID" ] && kill -9 "$S_PID" 2>/dev/null; pg_cleanup' EXIT
pg_start
pg_hotel_with_desks # tests/pg/lib.sh: A, B, term, enroll, $W/pw
mkdir -p "$W/sq"
sync_all() { for t in t1 t2 t1 t2; do term $t sync --once >/dev/null || fail "$t sync"; done; }
# The invoices a store holds: series-number kind total, by number.
desk_invoices() {
	sqlite3 "$W/$1/frontdesk.db" "SELECT group_concat(x, ' ') FROM (SELECT series || '-' || ifnull(number, '?') || ':' || kind || ':' || total AS x FROM invoices ORDER BY number, id)"
}
pg_invoices() {
	pg_psql -c "SELECT string_agg(series || '-' || coalesce(number::text, '?') || ':' || kind || ':' || total, ' ' ORDER BY number, id) FROM invoices WHERE property_id = (SELECT id FROM properties WHERE name = 'Chain')"
}
# Everything PostgreSQL holds of the invoices, counters included.
pg_state() {
	pg_psql -c "SELECT coalesce(string_agg(id || series || number || kind || total || tax || md5(content) || version, ',' ORDER BY id), '') FROM invoices" \
		-c "SELECT coalesce(string_agg(series || next, ',' ORDER BY series), '') FROM invoice_series"
}

enroll t1 A boss
term t1 sync --once >/dev/null || fail "t1's first sync"
pg_rooms t1 201 202 203 204 205 206 207 208 # tests/pg/lib.sh
term t1 sync --once >/dev/null || fail "t1 pushing the rooms"
enroll t2 B anna
term t2 sync --once >/dev/null || fail "t2's first sync"
# stay DESK ROOM NAME: a guest in house with a minibar charge; its code.
stay() {
	c=$(term "$1" book --guest "$3" --room "$2" --arrive 2026-11-25 --depart 2026-11-27) || fail "book at $1"
	term "$1" checkin "$c" >/dev/null || fail "check in $c at $1"
	term "$1" post "$c" MINIBAR "$2.00" >/dev/null || fail "post at $1"
	echo "$c"
}
a1=$(stay t1 201 "Alves, Ana"); a2=$(stay t1 202 "Brito, Bea"); a3=$(stay t1 203 "Cruz, Caio"); a4=$(stay t1 204 "Dias, Duda")
b1=$(stay t2 205 "Eça, Eva"); b2=$(stay t2 206 "Faria, Filipa"); b3=$(stay t2 207 "Gil, Gaspar"); b4=$(stay t2 208 "Hora, Helena")
sync_all

# 1. Issued through A, seen through B.
term t1 invoice "$a1" --final >/dev/null || fail "t1 issues an invoice"
term t1 sync --once >/dev/null || fail "t1 pushes the invoice"
check "PostgreSQL numbered it" "INV-1:invoice:20100" "$(pg_invoices)"
term t2 sync --once >/dev/null || fail "t2 pulls"
check "t2 has it, numbered" "INV-1:invoice:20100" "$(desk_invoices t2)"
term t2 invoice INV-000001 | grep -q "Invoice INV-000001 (COPY)" || fail "t2 cannot print a copy: $(term t2 invoice INV-000001 2>&1 | head -3)"

# 2. Both servers at once: three invoices each, pushed together.
for c in "$a2" "$a3" "$a4"; do term t1 invoice "$c" --final >/dev/null || fail "t1 issues for $c"; done
for c in "$b1" "$b2" "$b3"; do term t2 invoice "$c" --final >/dev/null || fail "t2 issues for $c"; done
check "t1's are provisional until pushed" 3 "$(sqlite3 "$W/t1/frontdesk.db" "SELECT count(*) FROM invoices WHERE number IS NULL")"
term t1 sync --once >/dev/null 2>"$W/p1.err" &
p1=$!
term t2 sync --once >/dev/null 2>"$W/p2.err" &
p2=$!
wait $p1 || fail "t1's push: $(cat "$W/p1.err")"
wait $p2 || fail "t2's push: $(cat "$W/p2.err")"
check "seven numbers, 1..7, no gap, no duplicate" "1 2 3 4 5 6 7" \
	"$(pg_psql -c "SELECT string_agg(number::text, ' ' ORDER BY number) FROM invoices")"
check "the series' next number" 8 "$(pg_psql -c "SELECT next FROM invoice_series WHERE series = 'INV'")"
check "each desk's invoices were issued by its server's push" "anna:3 boss:4" \
	"$(pg_psql -c "SELECT string_agg(issued_by || ':' || n, ' ' ORDER BY issued_by) FROM (SELECT issued_by, count(*) n FROM invoices GROUP BY issued_by) x")"
sync_all
want=$(pg_invoices)
check "t1 has PostgreSQL's invoices" "$want" "$(desk_invoices t1)"
check "t2 has PostgreSQL's invoices" "$want" "$(desk_invoices t2)"

# 3. A refused invoice changes nothing: t1 invoices b4, t2 (not having
# heard of it) too; the server refuses t2's as already invoiced.
term t1 invoice "$b4" --final >/dev/null || fail "t1 invoices $b4"
term t2 invoice "$b4" --final >/dev/null || fail "t2 invoices $b4 (it has not heard of t1's)"
term t1 sync --once >/dev/null || fail "t1 pushes"
before=$(pg_state)
term t2 sync --once >/dev/null || fail "t2 pushes"
check "the server refused t2's invoice" "invoice.issue already_invoiced anna" \
	"$(pg_psql -c "SELECT type || ' ' || code || ' ' || actor FROM srv_conflicts WHERE type = 'invoice.issue'")"
check "the refusal changed no invoice and used up no number" "$before" "$(pg_state)"
sync_all
check "t2 keeps no provisional invoice" 0 "$(sqlite3 "$W/t2/frontdesk.db" "SELECT count(*) FROM invoices WHERE number IS NULL")"
check "t2 has the server's invoice for $b4" "INV-8" \
	"$(sqlite3 "$W/t2/frontdesk.db" "SELECT i.series || '-' || i.number FROM invoices i JOIN bookings b ON b.id = i.booking_id WHERE b.code = '$b4'")"

# 4. A credit note takes the next number, and a desk cannot credit twice.
term t1 credit-note INV-000001 --reason "wrong name" >/dev/null || fail "credit note"
term t1 sync --once >/dev/null || fail "t1 pushes the credit note"
check "the credit note is number 9 for -201.00" "credit_note 9 -20100" \
	"$(pg_psql -c "SELECT kind || ' ' || number || ' ' || total FROM invoices WHERE refers_to <> ''")"
sync_all
check "t2 has the credit note" "INV-9:credit_note:-20100" \
	"$(sqlite3 "$W/t2/frontdesk.db" "SELECT series || '-' || number || ':' || kind || ':' || total FROM invoices WHERE refers_to <> ''")"
term t1 invoice "$a1" --final >/dev/null || fail "a new invoice once the old one is credited"
term t1 sync --once >/dev/null || fail "t1 pushes it"
check "... numbered 10" 10 "$(pg_psql -c "SELECT max(number) FROM invoices")"

# 5. The schema's guards, whatever the code path.
pg_psql -c "UPDATE invoices SET total = 1 WHERE number = 2" 2>"$W/err" && fail "PostgreSQL changed an issued invoice"
grep -q "never changes" "$W/err" || fail "the message for a change: $(cat "$W/err")"
pg_psql -c "DELETE FROM invoices" 2>"$W/err" && fail "PostgreSQL deleted issued invoices"
grep -q "never deleted" "$W/err" || fail "the message for a delete: $(cat "$W/err")"
pg_psql -c "INSERT INTO invoices (property_id, id, series, number, kind, folio_id, booking_id, total, tax, content, issued_by, issued_at, version, updated_at)
	SELECT property_id, 'dup', series, number, kind, folio_id, booking_id, total, tax, content, issued_by, issued_at, 1, 0 FROM invoices WHERE number = 3" \
	2>/dev/null && fail "PostgreSQL took a number twice"
pg_psql -c "INSERT INTO invoices (property_id, id, series, number, kind, folio_id, booking_id, refers_to, total, tax, content, issued_by, issued_at, version, updated_at)
	SELECT property_id, 'cn2', series, 99, 'credit_note', folio_id, booking_id, refers_to, total, tax, content, issued_by, issued_at, 1, 0 FROM invoices WHERE refers_to <> ''" \
	2>/dev/null && fail "PostgreSQL credited an invoice twice"
check "ten invoices, as they were" 10 "$(pg_psql -c "SELECT count(*) FROM invoices")"

# 6. A re-sync from the PostgreSQL snapshot keeps them; a new desk gets them.
want=$(pg_invoices)
"$FDD" --database "$PG_URI" new-epoch >/dev/null || fail "new-epoch"
for t in t1 t2; do
	term $t sync --once >/dev/null 2>&1
	term $t sync --once >/dev/null || fail "$t re-syncing"
	check "$t: the invoices after the re-sync" "$want" "$(desk_invoices $t)"
done
enroll t3 B boss
term t3 sync --once >/dev/null || fail "t3's first sync"
check "t3, enrolled afterwards, has every invoice" "$want" "$(desk_invoices t3)"
term t3 invoice INV-000009 | grep -q "Credit note INV-000009 (COPY)" || fail "t3 cannot print the credit note"

# 7. frontdeskd migrate: a SQLite hotel with invoices, a credit note and a
# queued mail moves into the same database; its series goes on there.
"$FDD" --data "$W/sq" init --property "Casa Velha" --currency EUR --timezone Europe/Lisbon --date 2026-04-01 >/dev/null &&
	"$FDD" --data "$W/sq" user add rita --role admin --password-file "$W/pw" >/dev/null || fail "the SQLite hotel"
"$FDD" --data "$W/sq" serve --listen 127.0.0.1:0 2>"$W/sq.log" &
S_PID=$!
for _ in $(seq 1 100); do
	port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$W/sq.log")
	[ -n "$port" ] && break
	sleep 0.05
done
term s1 enroll "http://127.0.0.1:$port" "$("$FDD" --data "$W/sq" enroll-code 2>/dev/null)" --name s1 >/dev/null &&
	term s1 login rita --password-file "$W/pw" >/dev/null && term s1 sync --once >/dev/null || fail "enrolling s1"
term s1 type add DBL --name Double --max 2 --rate 90 >/dev/null && term s1 room add 101 --type DBL --floor 1 >/dev/null &&
	term s1 room add 102 --type DBL --floor 1 >/dev/null || fail "the SQLite hotel's rooms"
s1=$(term s1 book --guest "Mendes, Rui" --room 101 --arrive 2026-04-01 --depart 2026-04-03) &&
	s2=$(term s1 book --guest "Nunes, Rosa" --room 102 --arrive 2026-04-01 --depart 2026-04-03) || fail "SQLite bookings"
for c in "$s1" "$s2"; do
	term s1 checkin "$c" >/dev/null && term s1 post "$c" FB 42.50 >/dev/null || fail "a bill for $c"
	term s1 invoice "$c" --final --series CV >/dev/null || fail "invoice for $c"
done
term s1 sync --once >/dev/null || fail "s1 pushes the invoices"
term s1 credit-note CV-000001 --reason "wrong company" >/dev/null && term s1 sync --once >/dev/null || fail "a credit note"
term s1 confirmation "$s2" --email rosa@example.org >/dev/null && term s1 sync --once >/dev/null || fail "a confirmation by e-mail"
kill -TERM "$S_PID" && wait "$S_PID"
S_PID=
sq_invoices=$(sqlite3 "$W/sq/frontdeskd.db" "SELECT group_concat(x, ',') FROM (SELECT id || series || number || kind || total || tax || content || refers_to AS x FROM invoices ORDER BY id)")
check "the SQLite hotel has three invoices" 3 "$(sqlite3 "$W/sq/frontdeskd.db" "SELECT count(*) FROM invoices")"
"$FDD" --data "$W/sq" migrate --to "$PG_URI" --property CV >"$W/migrate.out" 2>"$W/err" || fail "migrate: $(cat "$W/err")"
check "the summary counts what moved" "invoices: 3|invoice series: 1|mails: 1" \
	"$(grep -E '^  (invoices|invoice series|mails):' "$W/migrate.out" | sed 's/^  //' | paste -sd '|')"
CV="(SELECT property_id FROM property_codes WHERE code = 'CV')"
check "PostgreSQL has the SQLite hotel's invoices as they were" "$sq_invoices" \
	"$(pg_psql -c "SELECT string_agg(id || series || number || kind || total || tax || content || refers_to, ',' ORDER BY id) FROM invoices WHERE property_id = $CV")"
check "... its series' next number" "CV 4" "$(pg_psql -c "SELECT series || ' ' || next FROM invoice_series WHERE property_id = $CV")"
check "... its mail queue" "confirmation rosa@example.org" \
	"$(pg_psql -c "SELECT kind || ' ' || recipient FROM mail WHERE property_id = $CV")"
check "... in its feed" "invoice:3 mail:1" \
	"$(pg_psql -c "SELECT string_agg(entity || ':' || n, ' ' ORDER BY entity) FROM (SELECT entity, count(*) n FROM changes WHERE property_id = $CV AND entity IN ('invoice', 'mail') GROUP BY entity) x")"
check "the Chain hotel's invoices are untouched" "$want" "$(pg_invoices)"
ecode=$("$FDD" --database "$PG_URI" enroll-code --property CV 2>/dev/null)
term c1 enroll "$(cat "$W/A.url")" "$ecode" --name c1 >/dev/null && term c1 login rita --password-file "$W/pw" >/dev/null &&
	term c1 sync --once >/dev/null || fail "enrolling c1 into the migrated hotel"
check "c1 has the migrated invoices" "CV-1:invoice:4250 CV-2:invoice:4250 CV-3:credit_note:-4250" "$(desk_invoices c1)"
term c1 invoice "$s1" --final --series CV >/dev/null && term c1 sync --once >/dev/null || fail "a new invoice in the migrated hotel"
check "the series goes on in PostgreSQL" "CV-4" \
	"$(pg_psql -c "SELECT series || '-' || number FROM invoices WHERE property_id = $CV ORDER BY number DESC LIMIT 1")"

# 8. Two processes issuing at once, many times over, in one series of one
# hotel (core through the repository, as a server runs it): every number
# once, 1..40.
PGTOOL=$top_builddir/tests/pg/pgtool
R=00000000-0000-4000-8000-0000000000ee
"$PGTOOL" "$PG_URI" hotel "$R" 40 >/dev/null || fail "hotel R"
"$PGTOOL" "$PG_URI" book-many "$R" 40 STD 2026-03-01 2026-03-02 > "$W/race" || fail "bookings in R"
for c in $(cat "$W/race"); do
	"$PGTOOL" "$PG_URI" op "$R" folio.post "{\"booking\":\"$c\",\"id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"charge\":\"FB\",\"amount\":1000}" >/dev/null ||
		fail "a charge for $c"
done
issue_all() { # FILE OUT
	for c in $(cat "$1"); do
		"$PGTOOL" "$PG_URI" op "$R" invoice.issue "{\"booking\":\"$c\",\"id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"series\":\"R\"}"
	done > "$2" 2>&1
}
sed -n '1~2p' "$W/race" > "$W/race1"
sed -n '2~2p' "$W/race" > "$W/race2"
issue_all "$W/race1" "$W/out1" &
r1=$!
issue_all "$W/race2" "$W/out2" &
r2=$!
wait $r1 $r2
check "every invoice applied" "40" "$(grep -c '^applied' "$W/out1" "$W/out2" | awk -F: '{ n += $2 } END { print n }')"
check "numbers 1..40 in series R, each once" "$(seq -s ' ' 1 40)" \
	"$(pg_psql -c "SELECT string_agg(number::text, ' ' ORDER BY number) FROM invoices WHERE property_id = '$R' AND series = 'R'")"
check "R's counter is at 41" 41 "$(pg_psql -c "SELECT next FROM invoice_series WHERE property_id = '$R'")"
check "the Chain hotel's series is its own" 11 "$(pg_psql -c "SELECT next FROM invoice_series WHERE series = 'INV' AND property_id = (SELECT id FROM properties WHERE name = 'Chain')")"
# Hotel R cannot credit the Chain hotel's invoice, by number or by id.
before=$(pg_state)
inv2=$(pg_psql -c "SELECT id FROM invoices WHERE series = 'INV' AND number = 2")
for key in INV-000002 "$inv2"; do
	out=$("$PGTOOL" "$PG_URI" op "$R" invoice.credit "{\"invoice\":\"$key\",\"id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"reason\":\"not ours\"}")
	case $out in "refused invoice_not_found: "*) echo "ok: hotel R cannot credit $key: $out" ;; *) fail "hotel R crediting $key: $out" ;; esac
done
check "... and nothing changed" "$before" "$(pg_state)"

pg_stop_servers
pg_finish "$W/A.log" "$W/B.log"
