#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Documents by e-mail on PostgreSQL: two frontdeskd on one database, both
# with the hotel's relay (a real SMTP server on loopback,
# tests/server/smtpd.py). A desk on server A asks for a confirmation and
# then the numbered invoice by e-mail; each arrives once (two senders, one
# claim per mail), with the hotel's name, the guest's address and the PDF;
# PostgreSQL records it sent, and the desk on server B sees "sent". A
# relay that refuses: the desk sees "not sent" and why, and a server sends
# it once the relay takes it. A push retried sends nothing twice.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
W=$PG_WORK
. "$top_srcdir/tests/server/smtp.sh"
SMTP_PID=
stop_servers() {
	pg_stop_servers
	[ -n "$SMTP_PID" ] && kill -TERM "$SMTP_PID" 2>/dev/null && wait "$SMTP_PID"
	SMTP_PID=
}
trap 'stop_servers; pg_cleanup' EXIT
pg_start
smtp_start "$W/mail" "$W/smtpd.log" # MAIL, SMTP_PORT, SMTP_PID, PY; wait_for FILE

pg_hotel "Hotel Atlântico" 2026-11-25 boss:admin anna:staff # tests/pg/lib.sh: $W/pw
for s in A B; do
	pg_serve $s --smtp-url "smtp://127.0.0.1:$SMTP_PORT" --smtp-from reception@atlantico.example --smtp-tls none \
		--mail-retry 1
done
pg_desks # term, enroll
enroll t1 A boss
term t1 sync --once >/dev/null || fail "t1's first sync"
term t1 op room_type.create '{"id":"00000000-0000-4000-8000-000000000001","code":"DBL","name":"Double","max_occupancy":2,"base_rate":9000}' >/dev/null &&
	term t1 op room.create '{"id":"00000000-0000-4000-8001-000000000201","number":"201","type":"DBL","floor":2}' >/dev/null &&
	term t1 op guest.create '{"id":"00000000-0000-4000-8002-000000000001","family":"Müller","given":"Jürgen","email":"juergen@example.com"}' >/dev/null &&
	term t1 op booking.create '{"id":"00000000-0000-4000-9000-000000000001","code":"MT0001","guest_id":"00000000-0000-4000-8002-000000000001","type":"DBL","arrival":"2026-11-25","departure":"2026-11-27"}' >/dev/null ||
	fail "a guest and a booking"
term t1 sync --once >/dev/null || fail "t1 pushes"
enroll t2 B anna
term t2 sync --once >/dev/null || fail "t2's first sync"

# The confirmation, asked at t1 (server A).
term t1 confirmation MT0001 --email >"$W/out" || fail "confirmation --email: $(cat "$W/out")"
grep -q "queued for juergen@example.com" "$W/out" || fail "queued message: $(cat "$W/out")"
term t1 sync --once >/dev/null || fail "t1 pushes the mail"
wait_for "$MAIL/1.eml"
op=$(sqlite3 "$W/t1/frontdesk.db" "SELECT op_id FROM outbox WHERE type = 'document.send'")
"$PY" - "$MAIL/1.eml" "$op" <<'PY' || fail "the confirmation's message is wrong: $(head -c 1500 "$MAIL/1.eml")"
import email, email.policy, email.utils, sys
msg = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
assert str(msg["Subject"]) == "Booking confirmation MT0001 \u2013 Hotel Atl\u00e2ntico", msg["Subject"]
assert email.utils.parseaddr(str(msg["From"])) == ("Hotel Atl\u00e2ntico", "reception@atlantico.example"), msg["From"]
assert email.utils.parseaddr(str(msg["To"]))[1] == "juergen@example.com", msg["To"]
assert str(msg["Message-ID"]) == "<%s@atlantico.example>" % sys.argv[2], msg["Message-ID"]
body = msg.get_body(preferencelist=("plain",)).get_content()
assert "MT0001" in body and "M\u00fcller" in body, body
pdfs = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
assert len(pdfs) == 1 and pdfs[0].get_filename() == "confirmation-MT0001.pdf", [p.get_filename() for p in pdfs]
assert pdfs[0].get_content()[:5] == b"%PDF-"
PY
[ "$(sed -n 2p "$MAIL/1.eml.rcpt")" = "juergen@example.com" ] || fail "envelope recipient: $(cat "$MAIL/1.eml.rcpt")"
for _ in $(seq 1 50); do
	[ "$(pg_psql -c "SELECT state || ' ' || attempts FROM mail")" = "sent 1" ] && break
	sleep 0.1
done
check "PostgreSQL records it sent, at the first attempt" "sent 1" "$(pg_psql -c "SELECT state || ' ' || attempts FROM mail")"
ok=
for _ in $(seq 1 50); do
	term t2 sync --once >/dev/null && term t2 mail MT0001 | grep -q "confirmation .*juergen@example.com .*sent 20" && { ok=1; break; }
	sleep 0.2
done
[ -n "$ok" ] && echo "ok: t2 (server B) sees it sent" || fail "t2 does not see it sent: $(term t2 mail MT0001)"

# A retried push sends nothing twice; the next message is the invoice.
sqlite3 "$W/t1/frontdesk.db" "UPDATE outbox SET state = 'pending'"
term t1 sync --once >/dev/null || fail "t1 pushes everything again"
term t1 checkin MT0001 --room 201 >/dev/null && term t1 post MT0001 MINIBAR 4.00 --qty 2 >/dev/null || fail "a bill"
term t1 invoice MT0001 --final --email >"$W/out" || fail "invoice --final --email: $(cat "$W/out")"
term t1 sync --once >/dev/null || fail "t1 pushes the invoice"
wait_for "$MAIL/2.eml"
"$PY" - "$MAIL/2.eml" <<'PY' || fail "the invoice's message is wrong: $(head -c 1500 "$MAIL/2.eml")"
import email, email.policy, sys
msg = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
assert str(msg["Subject"]).startswith("Invoice INV-000001 MT0001"), msg["Subject"]
body = msg.get_body(preferencelist=("plain",)).get_content()
assert "INV-000001" in body and "8.00" in body, body
pdfs = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
assert len(pdfs) == 1 and pdfs[0].get_filename() == "invoice-MT0001.pdf"
PY
check "two mails queued in PostgreSQL, no more" 2 "$(pg_psql -c "SELECT count(*) FROM mail")"

# A relay that refuses: "not sent" and why at the desk; sent once it takes it.
touch "$MAIL/refuse"
term t2 confirmation MT0001 --email other@example.org >/dev/null && term t2 sync --once >/dev/null || fail "a confirmation at t2"
ok=
for _ in $(seq 1 100); do
	term t2 sync --once >/dev/null && term t2 mail MT0001 | grep -q "other@example.org .*not sent: relay refused" && { ok=1; break; }
	sleep 0.2
done
[ -n "$ok" ] && echo "ok: t2 sees the refusal" || fail "t2 does not see the refusal: $(term t2 mail MT0001)"
[ ! -f "$MAIL/3.eml" ] || fail "a refused mail arrived"
rm "$MAIL/refuse"
wait_for "$MAIL/3.eml"
sleep 2
[ ! -f "$MAIL/4.eml" ] && echo "ok: it arrived once" || fail "a message arrived twice: $(ls "$MAIL")"
check "PostgreSQL: every mail sent" "sent sent sent" "$(pg_psql -c "SELECT string_agg(state, ' ' ORDER BY created_at, id) FROM mail")"
stop_servers
pg_finish "$W/A.log" "$W/B.log" "$W/smtpd.log"
