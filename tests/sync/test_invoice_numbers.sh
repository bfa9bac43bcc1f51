#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Invoice numbers are the server's: two desks issue invoices online and
# offline, a push is retried, and the invoices end up numbered 1..N in one
# series with no gap and no duplicate, the same at both desks and the server.
# An offline desk's invoice says it is provisional until the number comes.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term_new b ben
term a sync --once >/dev/null && term b sync --once >/dev/null || fail "first sync"

# stay DESK ROOM NAME: a guest in house with a minibar charge; prints the code.
stay() {
	c=$(term "$1" book --guest "$3" --room "$2" --arrive 2026-11-25 --depart 2026-11-27) || fail "book at $1"
	term "$1" checkin "$c" >/dev/null || fail "check in $c at $1"
	term "$1" post "$c" MINIBAR 12.50 >/dev/null || fail "post at $1"
	echo "$c"
}
a1=$(stay a 201 "Alves, Ana"); a2=$(stay a 202 "Brito, Bea"); a3=$(stay a 203 "Cruz, Caio")
b1=$(stay b 204 "Dias, Duda"); b2=$(stay b 205 "Eça, Eva"); b3=$(stay b 206 "Faria, Filipa")
term a sync --once >/dev/null && term b sync --once >/dev/null || fail "sync the stays"

# Online: an invoice from each desk.
term a invoice "$a1" --final >/dev/null || fail "invoice at a"
term b invoice "$b1" --final >/dev/null || fail "invoice at b"
# Offline: both desks issue two more; they are provisional there.
srv_stop
term a invoice "$a2" --final >"$WORK/a2.txt" || fail "offline invoice at a"
grep -q "Provisional invoice" "$WORK/a2.txt" || fail "an offline invoice does not say it is provisional: $(head -5 "$WORK/a2.txt")"
term a invoice "$a3" --final >/dev/null || fail "offline invoice at a"
term b invoice "$b2" --final >/dev/null || fail "offline invoice at b"
term b invoice "$b3" --final >/dev/null || fail "offline invoice at b"
[ "$(sqlite3 "$WORK/a/frontdesk.db" "SELECT count(*) FROM invoices WHERE number IS NULL")" -ge 2 ] ||
	fail "offline invoices at a should have no number yet"
srv_start
term b sync --once >/dev/null && term a sync --once >/dev/null && term b sync --once >/dev/null || fail "sync after the outage"
# A lost acknowledgement: every operation is pushed again.
sqlite3 "$WORK/a/frontdesk.db" "UPDATE outbox SET state = 'pending'"
term a sync --once >/dev/null && term b sync --once >/dev/null || fail "re-push"
exactly_once a
exactly_once b

numbers() { sqlite3 "$1" "SELECT series || '-' || number FROM invoices ORDER BY number"; }
numbers "$SRV/frontdeskd.db" >"$WORK/srv.numbers"
seq -f 'INV-%g' 1 6 >"$WORK/want.numbers"
cmp -s "$WORK/srv.numbers" "$WORK/want.numbers" || fail "server numbers are not 1..6: $(tr '\n' ' ' <"$WORK/srv.numbers")"
for t in a b; do
	numbers "$WORK/$t/frontdesk.db" >"$WORK/$t.numbers"
	cmp -s "$WORK/$t.numbers" "$WORK/want.numbers" || fail "desk $t's numbers: $(tr '\n' ' ' <"$WORK/$t.numbers")"
	[ "$(sqlite3 "$WORK/$t/frontdesk.db" "SELECT count(*) FROM invoices WHERE number IS NULL")" = 0 ] ||
		fail "desk $t still has provisional invoices"
done
ok "six invoices from two desks, four of them offline, one push retried: numbered INV-1..6, no gap, no duplicate"

# The invoice a desk prints now carries its number; a second one for the
# same folio is refused; a credit note takes the next number.
n=$(sqlite3 "$WORK/a/frontdesk.db" "SELECT series || '-' || printf('%06d', number) FROM invoices i JOIN bookings b ON b.id = i.booking_id WHERE b.code = '$a2'")
term a invoice "$n" | grep -q "Invoice $n (COPY)" || fail "the copy of $n does not say so"
term a invoice "$a2" --final >/dev/null 2>"$WORK/err" && fail "a second invoice for one folio was issued"
grep -q "already invoiced" "$WORK/err" || fail "no reason given: $(cat "$WORK/err")"
term admin sync --once >/dev/null
term admin credit-note "$n" --reason "wrong name" >/dev/null || fail "credit note"
term admin sync --once >/dev/null || fail "push the credit note"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT kind || ' ' || number || ' ' || total FROM invoices WHERE refers_to <> ''")" = "credit_note 7 -1250" ] ||
	fail "the credit note is not number 7 for -12.50"
ok "a copy says so; one invoice per folio; a credit note takes the next number"
