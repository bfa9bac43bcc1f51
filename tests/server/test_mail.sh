#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Documents by e-mail: a desk asks, the server sends through the hotel's
# relay (a real SMTP server on loopback, tests/server/smtpd.py) once the
# operation has reached it. The message that arrives has the right headers
# (From with the hotel's name, To, a UTF-8 Subject, Date, Message-ID) and
# the PDF attached; a push retried sends nothing twice; a relay that
# refuses shows "not sent" at the desk, and the server tries again.
. "$(dirname "$0")/../sync/lib.sh"
command -v pdftotext >/dev/null || fail "pdftotext (poppler-utils) is not installed"
. "$top_srcdir/tests/server/smtp.sh"
smtp_start "$WORK/mail" "$WORK/smtpd.log" # MAIL, SMTP_PORT, SMTP_PID; wait_for FILE
trap 'kill "$SMTP_PID" 2>/dev/null; wait "$SMTP_PID" 2>/dev/null || true; cleanup' EXIT INT TERM

SRV_OPTS="--smtp-url smtp://127.0.0.1:$SMTP_PORT --smtp-from reception@atlantico.example --smtp-tls none --mail-retry 1"
"$FDD" --data "$SRV" init --property "Hotel Atlântico" --currency EUR --timezone Europe/Lisbon \
	--date 2026-11-25 >/dev/null || fail "server init"
"$FDD" --data "$SRV" user add boss --role admin --password-file "$PW" >/dev/null || fail "user add"
"$FDD" --data "$SRV" user add anna --role staff --password-file "$PW" >/dev/null || fail "user add"
srv_start
term_new admin boss
term admin sync --once >/dev/null || fail "admin first sync"
term admin op room_type.create '{"id":"00000000-0000-4000-8000-000000000001","code":"DBL","name":"Double","max_occupancy":2,"base_rate":9000}' >/dev/null || fail "type"
term admin op room.create '{"id":"00000000-0000-4000-8001-000000000201","number":"201","type":"DBL","floor":2}' >/dev/null || fail "room"
term admin op room.create '{"id":"00000000-0000-4000-8001-000000000202","number":"202","type":"DBL","floor":2}' >/dev/null || fail "room 202"
term admin sync --once >/dev/null || fail "admin sync"
term_new a anna
term a sync --once >/dev/null || fail "a first sync"
term a op guest.create '{"id":"00000000-0000-4000-8002-000000000001","family":"Müller","given":"Jürgen","email":"juergen@example.com"}' >/dev/null || fail "guest"
term a op booking.create '{"id":"00000000-0000-4000-9000-000000000001","code":"MT0001","guest_id":"00000000-0000-4000-8002-000000000001","type":"DBL","arrival":"2026-11-25","departure":"2026-11-27"}' >/dev/null || fail "booking"
term a op guest.create '{"id":"00000000-0000-4000-8002-000000000002","family":"Sem","given":"Correio"}' >/dev/null || fail "guest 2"
term a op booking.create '{"id":"00000000-0000-4000-9000-000000000002","code":"MT0002","guest_id":"00000000-0000-4000-8002-000000000002","type":"DBL","arrival":"2026-11-25","departure":"2026-11-26"}' >/dev/null || fail "booking 2"

# Bad requests are refused at the desk and change nothing.
before=$(term a dump)
term a confirmation MT0002 --email >/dev/null 2>"$WORK/err" && fail "a guest without an address was mailed"
grep -q "no e-mail address" "$WORK/err" || fail "no address: $(cat "$WORK/err")"
term a confirmation MT0001 --email 'x@y.example>,evil@z.example' >/dev/null 2>"$WORK/err" && fail "a bad address was taken"
grep -q "not an e-mail address" "$WORK/err" || fail "bad address: $(cat "$WORK/err")"
rc=0
term a confirmation MT0001 --email --pdf x.pdf >/dev/null 2>"$WORK/err" || rc=$?
[ $rc = 2 ] || fail "--email with --pdf is a usage error (exit $rc)"
[ "$before" = "$(term a dump)" ] || fail "a refused request changed the desk's data"
ok "bad requests refused, nothing changed"

# The confirmation, to the guest's address.
term a confirmation MT0001 --email >"$WORK/out" || fail "confirmation --email: $(cat "$WORK/out")"
grep -q "queued for juergen@example.com" "$WORK/out" || fail "queued message: $(cat "$WORK/out")"
term a mail | grep -q "MT0001 .*confirmation .*juergen@example.com .*queued" || fail "the desk does not show it queued: $(term a mail)"
term a sync --once >/dev/null || fail "push"
wait_for "$MAIL/1.eml"
op=$(sqlite3 "$WORK/a/frontdesk.db" "SELECT op_id FROM outbox WHERE type = 'document.send'")
python3 - "$MAIL/1.eml" "$WORK/conf.pdf" "$op" <<'PY' || fail "the confirmation's message is wrong: $(head -c 1500 "$MAIL/1.eml")"
import email, email.policy, email.utils, sys
raw = open(sys.argv[1], "rb").read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
subject_raw = [l for l in raw.decode("ascii").splitlines() if l.startswith("Subject:")][0]
assert "=?UTF-8?B?" in subject_raw, subject_raw  # encoded: the header itself stays ASCII
assert str(msg["Subject"]) == "Booking confirmation MT0001 \u2013 Hotel Atl\u00e2ntico", msg["Subject"]
name, addr = email.utils.parseaddr(str(msg["From"]))
assert (name, addr) == ("Hotel Atl\u00e2ntico", "reception@atlantico.example"), msg["From"]
assert email.utils.parseaddr(str(msg["To"]))[1] == "juergen@example.com", msg["To"]
assert email.utils.parsedate_to_datetime(str(msg["Date"])) is not None, msg["Date"]
assert str(msg["Message-ID"]) == "<%s@atlantico.example>" % sys.argv[3], msg["Message-ID"]
body = msg.get_body(preferencelist=("plain",)).get_content()
assert "MT0001" in body and "M\u00fcller" in body, body
pdfs = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
assert len(pdfs) == 1 and pdfs[0].get_filename() == "confirmation-MT0001.pdf", [p.get_filename() for p in pdfs]
open(sys.argv[2], "wb").write(pdfs[0].get_content())
PY
[ "$(sed -n 2p "$MAIL/1.eml.rcpt")" = "juergen@example.com" ] || fail "envelope recipient: $(cat "$MAIL/1.eml.rcpt")"
pdftotext -enc UTF-8 "$WORK/conf.pdf" - >"$WORK/conf.txt" || fail "the attachment is not a PDF"
grep -q "Müller, Jürgen" "$WORK/conf.txt" && grep -q "MT0001" "$WORK/conf.txt" || fail "the PDF lacks the guest or the code: $(cat "$WORK/conf.txt")"
ok "the confirmation arrived: headers, UTF-8 subject, the PDF attached"

# The desk hears that it went.
i=0
until term a sync --once >/dev/null && term a mail MT0001 | grep -q "sent 20"; do
	i=$((i + 1)); [ $i -lt 50 ] || fail "the desk does not see it sent: $(term a mail MT0001)"
	sleep 0.2
done

# A lost acknowledgement: the desk pushes every operation again. Nothing is
# sent twice: the next message to arrive is the invoice asked for after it.
sqlite3 "$WORK/a/frontdesk.db" "UPDATE outbox SET state = 'pending'"
term a sync --once >/dev/null || fail "re-push"
term a checkin MT0001 --room 201 >/dev/null || fail "check in"
term a post MT0001 MINIBAR 4.00 --qty 2 >/dev/null || fail "post"
term a invoice MT0001 --final --email >"$WORK/out" || fail "invoice --final --email: $(cat "$WORK/out")"
term a sync --once >/dev/null || fail "push the invoice"
wait_for "$MAIL/2.eml"
python3 - "$MAIL/2.eml" "$WORK/inv.pdf" <<'PY' || fail "the invoice's message is wrong: $(head -c 1500 "$MAIL/2.eml")"
import email, email.policy, sys
msg = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
assert str(msg["Subject"]).startswith("Invoice INV-"), msg["Subject"]
pdfs = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
assert len(pdfs) == 1 and pdfs[0].get_filename() == "invoice-MT0001.pdf"
open(sys.argv[2], "wb").write(pdfs[0].get_content())
PY
pdftotext -layout -enc UTF-8 "$WORK/inv.pdf" - | grep -q "8.00 EUR" || fail "the invoice PDF lacks the minibar"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT count(*) FROM mail")" = 2 ] || fail "the server queued more than two mails"
ok "a retried push sent nothing twice; the numbered invoice went as a PDF"

# A relay that refuses: the desk sees "not sent" and why; the server tries
# again and the mail goes once the relay takes it.
touch "$MAIL/refuse"
term a confirmation MT0001 --email other@example.org >/dev/null || fail "confirmation to another address"
term a sync --once >/dev/null || fail "push"
i=0
until term a sync --once >/dev/null && term a mail MT0001 | grep -q "other@example.org .*not sent: relay refused"; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "the desk does not see the refusal: $(term a mail MT0001)"
	sleep 0.2
done
grep -q "554" "$WORK/server.log" || true
[ ! -f "$MAIL/3.eml" ] || fail "a refused mail arrived"
ok "the desk sees: $(term a mail MT0001 | grep other@ | sed 's/  */ /g')"
rm "$MAIL/refuse"
wait_for "$MAIL/3.eml"
[ "$(sed -n 2p "$MAIL/3.eml.rcpt")" = "other@example.org" ] || fail "the retried mail went to $(cat "$MAIL/3.eml.rcpt")"
i=0
until term a sync --once >/dev/null && term a mail MT0001 | grep "other@example.org" | grep -q "sent 20"; do
	i=$((i + 1)); [ $i -lt 50 ] || fail "the desk does not see the retry sent: $(term a mail MT0001)"
	sleep 0.2
done
[ "$(ls "$MAIL" | grep -c '\.eml$')" = 3 ] || fail "expected exactly 3 messages: $(ls "$MAIL")"
term a --json mail | python3 -c 'import json,sys; m = json.load(sys.stdin)["mails"]; assert len(m) == 3 and all(x["state"] == "sent" for x in m), m' ||
	fail "mail --json: $(term a --json mail)"
ok "after a refusal the server tried again: exactly one message per request"
