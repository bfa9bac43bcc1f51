#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Folios on PostgreSQL, with real terminals on two frontdeskd sharing one
# database (as tests/sync/test_sync_folio.sh on SQLite): a charge and a
# card payment posted at t1 through server A are at t2 through server B
# with the same balance; a refund the server judges beyond what is left of
# the payments is refused there the way SQLite refuses it (t2 had not
# heard of t1's refund), becomes a conflict notice and is taken back at
# t2; the night audit pushed from a desk posts the room charge and closes
# the day in PostgreSQL, and both desks know the day is closed; a company
# account reaches both desks, and a settlement to it above its credit
# limit (lowered meanwhile at the other desk) is refused by the server; a
# re-sync from the PostgreSQL snapshot (new epoch) keeps the charge codes,
# a changed one included, the company account, the folios and their
# balance. Each new hotel starts with the eight charge codes of a SQLite
# hotel.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
FDD=${top_builddir:?}/frontdeskd
W=$PG_DIR/work
pg_start
pg_hotel_with_desks # tests/pg/lib.sh: A, B, term, enroll
folio() { term "$1" --json folio "$code" | jq -r "$2"; }
same() { # same WHAT JQ VALUE: on both terminals
	for t in t1 t2; do check "$t: $1" "$3" "$(folio $t "$2")"; done
}
sync_all() { for t in t1 t2 t1 t2; do term $t sync --once >/dev/null || fail "$t sync"; done; }

enroll t1 A boss
term t1 sync --once >/dev/null || fail "t1's first sync"
pg_rooms t1 201 # tests/pg/lib.sh
code=$(term t1 book --guest "Silva, Ana" --room 201 --arrive 2026-11-25 --depart 2026-11-27) || fail book
term t1 checkin "$code" >/dev/null || fail checkin
term t1 post "$code" FB 20.00 --desc Dinner >/dev/null || fail post
term t1 pay "$code" card 5.00 --ref TX1 --last4 4242 >/dev/null || fail pay
term t1 sync --once >/dev/null || fail "t1 pushing"
check "t1 has nothing pending" 0 "$(term t1 --json sync-status | jq -r .pending)"
check "t1's charge and payment are in PostgreSQL" "charge:FB:2000 payment:card:-500:4242" \
	"$(pg_psql -c "SELECT string_agg(kind || ':' || code || ':' || amount || CASE WHEN last4 <> '' THEN ':' || last4 ELSE '' END, ' ' ORDER BY seq) FROM folio_lines")"

enroll t2 B anna
sync_all
same "balance" .balance_minor 1500
same "lines" '[.folios[].lines[]] | length' 2
same "the card's last four" '.folios[0].lines[1].last4' 4242

# Refunds: no more back than was paid. t2 pays 10.00 cash; t1 refunds
# 6.00 of it; t2, not having heard of that, refunds 6.00 too: allowed at
# t2, refused by the server, which has only 4.00 cash left to give back.
term t2 pay "$code" cash 10.00 >/dev/null || fail "t2 pays cash"
sync_all
term t1 refund "$code" cash 6.00 --reason "overpaid" >/dev/null || fail "t1 refunds"
term t1 refund "$code" cash 50.00 --reason "too much" >/dev/null 2>"$W/err" && fail "t1 refunded more than was paid"
grep -q "refund at most" "$W/err" || fail "the refusal should say how much: $(cat "$W/err")"
term t2 refund "$code" cash 6.00 --reason "overpaid too" >/dev/null || fail "t2 refunds (it has not heard of t1's)"
term t1 sync --once >/dev/null || fail "t1 pushing the refund"
term t2 sync --once >/dev/null || fail "t2 pushing its refund"
check "the server refused t2's refund as beyond the payments" "folio.refund refund_exceeds_payment anna" \
	"$(pg_psql -c "SELECT type || ' ' || code || ' ' || actor FROM srv_conflicts")"
sync_all
same "one refund" '[.folios[].lines[] | select(.kind == "refund")] | length' 1
same "the refund kept is t1's" '.folios[].lines[] | select(.kind == "refund") | .reason' overpaid
same "balance after the refund" .balance_minor 1100
term t2 conflicts | grep -q "folio.refund" || fail "t2 does not list its refused refund: $(term t2 conflicts)"
check "t2 has nothing pending" 0 "$(term t2 --json sync-status | jq -r .pending)"

# The night audit, pushed from the manager's desk.
term t1 audit >/dev/null || fail "night audit"
term t1 sync --once >/dev/null || fail "t1 pushing the night audit"
check "PostgreSQL holds the closed day" "2026-11-25 1 1" \
	"$(pg_psql -c "SELECT to_char(date '1970-01-01' + date, 'YYYY-MM-DD') || ' ' || rooms_sold || ' ' || rooms_total FROM day_reports")"
check "the business date moved on" 2026-11-26 \
	"$(pg_psql -c "SELECT to_char(date '1970-01-01' + business_date, 'YYYY-MM-DD') FROM properties")"
sync_all
same "the room charge" '[.folios[].lines[] | select(.code == "ROOM" and .actor == "night-audit")] | length' 1
same "balance with the room" .balance_minor 10100
for t in t1 t2; do
	term $t audit --date 2026-11-25 | grep -q "already closed" || fail "$t does not know the day is closed"
	term $t post "$code" FB 1.00 --date 2026-11-25 2>/dev/null && fail "$t posted on a closed day"
done

# The schema guards the lines whatever the code path: never deleted, their
# money never changed, a line voided at most once, last four digits only.
pg_psql -c "DELETE FROM folio_lines" 2>"$W/err" && fail "PostgreSQL deleted folio lines"
grep -q "never deleted" "$W/err" || fail "the message for a delete: $(cat "$W/err")"
pg_psql -c "UPDATE folio_lines SET amount = 1" 2>"$W/err" && fail "PostgreSQL changed a line's amount"
grep -q "never change" "$W/err" || fail "the message for a change: $(cat "$W/err")"
pg_psql -c "UPDATE folio_lines SET last4 = '42x2' WHERE kind = 'payment'" 2>/dev/null && fail "PostgreSQL kept a bad last4"
pg_psql -c "INSERT INTO folio_lines (property_id, id, folio_id, kind, amount, date, voids, created_at, version, updated_at)
	SELECT property_id, 'v' || n, folio_id, 'void', -amount, date, id, 0, 1, 0 FROM folio_lines, generate_series(1, 2) n
	WHERE code = 'FB'" 2>/dev/null && fail "PostgreSQL voided a line twice"
check "the lines are as they were" 5 "$(pg_psql -c "SELECT count(*) FROM folio_lines")"

# Company accounts (step 12): made by the manager at t1, at both desks.
# t1 lowers ACME's credit limit; t2, signed in as the manager but not
# having heard of it, settles the bill to ACME: allowed at t2, refused by
# the server (credit_limit, what ACME owes counted in PostgreSQL); once
# the limit is raised again the settlement is applied.
term t1 company add "ACME GmbH" --direct-bill --credit-limit 150 --vat DE1 >/dev/null || fail "company add"
term t1 sync --once >/dev/null && term t2 sync --once >/dev/null || fail "syncing the account"
term t2 company list | grep -q "ACME GmbH" || fail "t2 does not have the company account: $(term t2 company list)"
check "the account in PostgreSQL" "ACME GmbH 15000 1 DE1" \
	"$(pg_psql -c "SELECT name || ' ' || credit_limit || ' ' || direct_bill || ' ' || vat FROM companies")"
term t1 company update "ACME GmbH" --credit-limit 50 >/dev/null && term t1 sync --once >/dev/null || fail "lowering the limit"
term t2 login boss --password-file "$W/pw" >/dev/null || fail "the manager signs in on t2"
term t2 settle "$code" --company "acme gmbh" >/dev/null || fail "t2 settles to ACME (it has not heard of the limit)"
term t2 sync --once >/dev/null || fail "t2 pushing the settlement"
check "the server refused the settlement above the credit limit" "folio.settle credit_limit boss" \
	"$(pg_psql -c "SELECT type || ' ' || code || ' ' || actor FROM srv_conflicts WHERE type = 'folio.settle'")"
sync_all
same "nothing settled" '[.folios[] | select(.company == "ACME GmbH")] | length' 0
term t1 company update "ACME GmbH" --credit-limit 500 >/dev/null && term t1 sync --once >/dev/null || fail "raising the limit"
term t2 sync --once >/dev/null && term t2 settle "$code" --company "ACME GmbH" >/dev/null &&
	term t2 sync --once >/dev/null || fail "settling within the limit"
sync_all
same "the company folio" '[.folios[] | select(.company == "ACME GmbH")] | length' 1
check "ACME owes the bill in PostgreSQL" 10100 \
	"$(pg_psql -c "SELECT sum(l.amount) FROM folio_lines l JOIN folios f ON f.id = l.folio_id WHERE f.company = 'ACME GmbH'")"
bal=$(folio t1 .balance_minor)

# A changed charge code, then a re-sync from the PostgreSQL snapshot.
term t1 charges set SPA --name "Spa" --vat 2000 >/dev/null || fail "a new charge code"
term t1 sync --once >/dev/null || fail "t1 pushing the charge code"
term t2 sync --once >/dev/null || fail "t2 pulling the charge code"
term t2 post "$code" SPA 30.00 >/dev/null || fail "t2 posting on the new code"
sync_all
"$FDD" --database "$PG_URI" new-epoch >/dev/null || fail "new-epoch"
for t in t1 t2; do
	term $t sync --once >/dev/null 2>&1
	term $t sync --once >/dev/null || fail "$t re-syncing"
	check "$t: the charge codes after the re-sync" "CITYTAX EXTRABED FB LAUNDRY MINIBAR MISC PARKING ROOM SPA" \
		"$(sqlite3 "$W/$t/frontdesk.db" "SELECT group_concat(code, ' ') FROM (SELECT code FROM charge_codes ORDER BY code)")"
done
same "balance after the re-sync" .balance_minor $((bal + 3000))
for t in t1 t2; do
	term $t company list | grep -q "ACME GmbH" || fail "$t lost the company account in the re-sync"
done
same "the company folio after the re-sync" '[.folios[] | select(.company == "ACME GmbH")] | length' 1
same "lines after the re-sync" '[.folios[].lines[]] | length' 8
term t2 post "$code" SPA 5.00 >/dev/null || fail "t2 posting after the re-sync"
sync_all
same "balance at the end" .balance_minor $((bal + 3500))
pg_stop_servers
pg_finish "$W/A.log" "$W/B.log"
