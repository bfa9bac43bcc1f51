#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A guest books on the web: the booking reaches a synced terminal through
# the feed (source web, on the board), the confirmation with the guest's
# link arrives through the hotel's relay (a real SMTP server on loopback,
# tests/server/smtpd.py) and the link in it opens the booking; the desk
# sends a new link with 'frontdesk send-link', and a sold-out request
# leaves no conflict notice on any desk.
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || fail "jq is needed"

. "$top_srcdir/tests/server/smtp.sh"
smtp_start "$WORK/mail" "$WORK/smtpd.log" # MAIL, SMTP_PORT, SMTP_PID, PY; wait_for FILE
trap 'kill "$SMTP_PID" 2>/dev/null; wait "$SMTP_PID" 2>/dev/null || true; cleanup' EXIT INT TERM
URL=http://127.0.0.1:$PORT
SRV_OPTS="--smtp-url smtp://127.0.0.1:$SMTP_PORT --smtp-from reception@sync.example --smtp-tls none --mail-retry 1 --public-url $URL/ --book-dir $top_srcdir/data/book"
sync_setup
term_new a anna
term a sync --once >/dev/null || fail "a first sync"

# --- the guest books ---
BODY='{"family":"Okafor","given":"Chidi","email":"chidi@example.com","arrive":"2026-11-27","depart":"2026-11-29","type":"TWN","adults":2,"requests":"High floor"}'
R=$(curl -s -X POST -H 'Idempotency-Key: web-test-0001' -H 'Content-Type: application/json' --data-binary "$BODY" "$URL/v1/public/bookings")
CODE=$(echo "$R" | jq -r .code)
[ "${#CODE}" = 6 ] || fail "web booking: $R"
ok "booked on the web: $CODE"

# --- the desk sees it ---
term a sync --once >/dev/null || fail "a sync"
term a --json find "$CODE" >"$WORK/find.json" || fail "find $CODE"
[ "$(jq -r '.bookings[0].source' "$WORK/find.json")" = web ] || fail "the desk's booking: $(cat "$WORK/find.json")"
[ "$(jq -r '.bookings[0].guest' "$WORK/find.json")" = "Okafor, Chidi" ] || fail "the guest: $(cat "$WORK/find.json")"
[ "$(jq -r '.bookings[0].notes' "$WORK/find.json")" = "High floor" ] || fail "the requests: $(cat "$WORK/find.json")"
ok "a synced terminal has it: source web, the guest, the requests"

# --- the confirmation with the link ---
wait_for "$MAIL/1.eml"
"$PY" - "$MAIL/1.eml" "$CODE" "$URL" >"$WORK/link1" <<'PY' || fail "the confirmation: $(head -c 2000 "$MAIL/1.eml")"
import email, email.policy, re, sys
msg = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
assert sys.argv[2] in str(msg["Subject"]), msg["Subject"]
assert email.utils.parseaddr(str(msg["To"]))[1] == "chidi@example.com", msg["To"]
body = msg.get_body(preferencelist=("plain",)).get_content()
links = re.findall(re.escape(sys.argv[3]) + r"/book/manage\.html#t=([A-Za-z0-9_-]{43})", body)
assert len(links) == 1, body
pdfs = [p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf"]
assert len(pdfs) == 1 and pdfs[0].get_filename() == "confirmation-%s.pdf" % sys.argv[2]
print(links[0])
PY
T1=$(cat "$WORK/link1")
[ "$(curl -s -H "Authorization: Bearer $T1" "$URL/v1/public/manage" | jq -r .code)" = "$CODE" ] || fail "the mailed link does not open the booking"
ok "the confirmation arrived with the PDF and a link that opens the booking"

# --- the desk sends a new link ---
term a send-link "$CODE" >"$WORK/out" || fail "send-link: $(cat "$WORK/out")"
grep -q "chidi@example.com" "$WORK/out" || fail "send-link says: $(cat "$WORK/out")"
before=$(term a dump)
term a send-link NOSUCH >/dev/null 2>"$WORK/err" && fail "send-link of an unknown booking"
[ "$before" = "$(term a dump)" ] || fail "a refused send-link changed the desk's data"
term a sync --once >/dev/null || fail "push send-link"
wait_for "$MAIL/2.eml"
T2=$("$PY" -c 'import email, email.policy, re, sys; m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default); print(re.findall(r"#t=([A-Za-z0-9_-]{43})", m.get_body(preferencelist=("plain",)).get_content())[0])' "$MAIL/2.eml")
[ "$T2" != "$T1" ] || fail "the new link is the old one"
[ "$(curl -s -H "Authorization: Bearer $T2" "$URL/v1/public/manage" | jq -r .code)" = "$CODE" ] || fail "the new link does not open the booking"
ok "the desk sent a new link; it opens the booking"

# --- the guest cancels; the desk sees it; refusals leave no notice ---
curl -s -X POST -H "Authorization: Bearer $T2" "$URL/v1/public/manage/cancel" | jq -r .status | grep -q cancelled || fail "cancel"
for n in 1 2 3 4 5; do
	curl -s -o /dev/null -X POST -H "Idempotency-Key: web-full-000$n" -H 'Content-Type: application/json' \
		--data-binary "{\"family\":\"Full$n\",\"email\":\"f$n@example.com\",\"arrive\":\"2026-11-27\",\"depart\":\"2026-11-28\",\"type\":\"TWN\"}" "$URL/v1/public/bookings"
done
term a sync --once >/dev/null || fail "a sync"
[ "$(term a --json find "$CODE" | jq -r '.bookings[0].status')" = cancelled ] || fail "the desk does not see the cancellation"
[ -z "$(term a conflicts 2>/dev/null | grep -v '^No ' || true)" ] || fail "a web refusal made a conflict notice: $(term a conflicts)"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT count(*) FROM srv_conflicts")" = 0 ] || fail "conflict notices on the server"
ok "the guest's cancellation reached the desk; sold-out requests left no notice"
