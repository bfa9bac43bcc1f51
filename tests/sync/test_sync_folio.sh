#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The folio area crosses the sync like the rest of the hotel: a bill made
# at terminal A is at terminal B; a posting made offline survives the
# engine's undo and redo around a page from the server and is counted
# once; a void the server refuses (B voided the line first) is taken back
# at A, which ends with exactly B's void; the night audit run at one desk
# reaches the others with its room charges and the closed day, and so does
# the one the server runs itself (frontdeskd audit). A plain
# DELETE of a line is still refused outside the engine's replay.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term_new b ben
term a sync --once >/dev/null && term b sync --once >/dev/null || fail "first sync"

folio() { term "$1" --json folio "$code" | jq -r "$2"; }
same() { # same WHAT JQ VALUE: on both terminals
	for t in a b; do
		got=$(folio $t "$2")
		[ "$got" = "$3" ] || fail "$t: $1: expected $3, got $got"
	done
}
sync_all() {
	for t in a b a b; do term $t sync --once >/dev/null || fail "$t sync"; done
}

code=$(term a book --guest "Silva, Ana" --room 201 --arrive 2026-11-25 --depart 2026-11-27) || fail book
term a checkin "$code" >/dev/null || fail checkin
term a post "$code" FB 20.00 --desc Dinner >/dev/null || fail post
term a pay "$code" card 5.00 --ref TX1 --last4 4242 >/dev/null || fail pay
sync_all
same "balance" .balance_minor 1500
same "lines" '[.folios[].lines[]] | length' 2
same "last four" '.folios[0].lines[1].last4' 4242
converged a b || fail "A and B differ after a bill: $(diff "$WORK/a.dump" "$WORK/b.dump" | head)"
ok "a bill made at A is at B"

# A posts while the server is down; B pays meanwhile once it is back.
srv_stop
term a post "$code" MINIBAR 8.00 >/dev/null || fail "offline post"
term a sync --once >/dev/null 2>&1 && fail "sync should fail while the server is down"
srv_start
term a login anna --password-file "$PW" >/dev/null || fail "sign in again"
term b pay "$code" cash 3.00 >/dev/null || fail "B pays"
term b sync --once >/dev/null || fail "B sync"
term a sync --once >/dev/null || fail "A sync after the outage"
sync_all
same "balance after the outage" .balance_minor 2000
same "lines after the outage" '[.folios[].lines[]] | length' 4
same "the minibar once" '[.folios[].lines[] | select(.code == "MINIBAR")] | length' 1
[ "$(pending a)" = 0 ] || fail "A still has pending operations"
converged a b || fail "A and B differ after the outage"
ok "an offline posting survives the replay and is counted once"

# Both void the dinner; B's reaches the server first.
line=$(folio a '.folios[0].lines[] | select(.description == "Dinner") | .id')
[ -n "$line" ] || fail "no dinner line"
term b void "$line" --reason "B first" >/dev/null || fail "B void"
term b sync --once >/dev/null || fail "B sync"
term a void "$line" --reason "A too" >/dev/null || fail "A void (locally allowed: A has not heard)"
sync_all
same "one void" '[.folios[].lines[] | select(.kind == "void")] | length' 1
same "the server's void" '.folios[].lines[] | select(.kind == "void") | .reason' "B first"
same "balance after the void" .balance_minor 0
term a conflicts | grep -q "folio.void" || fail "A does not list its refused void: $(term a conflicts)"
converged a b || fail "A and B differ after the refused void"
ok "a void the server refuses is taken back at A"

# The night audit, run by the manager at the admin desk.
term admin sync --once >/dev/null || fail "admin sync"
term admin audit >/dev/null || fail "night audit"
term admin sync --once >/dev/null || fail "admin push"
sync_all
same "room charge" '[.folios[].lines[] | select(.code == "ROOM" and .actor == "night-audit")] | length' 1
same "balance with the room" .balance_minor 9000
for t in a b; do
	term $t audit --date 2026-11-25 | grep -q "already closed" || fail "$t does not know the day is closed"
	term $t post "$code" FB 1.00 --date 2026-11-25 2>/dev/null && fail "$t posted on a closed day"
done
converged a b || fail "A and B differ after the night audit"
ok "the night audit reaches every desk"

# The next night's audit on the server itself, as a timer would run it.
"$FDD" --data "$SRV" audit --as anna 2>"$WORK/err" && fail "a staff member ran the server's night audit"
grep -q "needs a manager" "$WORK/err" || fail "the refusal should say why: $(cat "$WORK/err")"
"$FDD" --data "$SRV" audit --as boss | grep -q "Closed 2026-11-26" || fail "server-side night audit"
"$FDD" --data "$SRV" audit --as boss --date 2026-11-26 | grep -q "already closed" || fail "second run"
sync_all
same "two room charges" '[.folios[].lines[] | select(.code == "ROOM")] | length' 2
term a audit --date 2026-11-26 | grep -q "already closed" || fail "A does not know the server closed 2026-11-26"
converged a b || fail "A and B differ after the server's night audit"
ok "the server runs the night audit itself, once"

# Company accounts (issue 12) sync: made at the admin desk, at A and B;
# the server judges a direct bill to an invented company the same way.
term admin company add "ACME GmbH" --direct-bill --credit-limit 500 --vat DE1 >/dev/null || fail "company add"
term admin sync --once >/dev/null || fail "admin push of the account"
sync_all
for t in a b; do
	term $t company list | grep -q "ACME GmbH" || fail "$t does not have the company account"
done
term a folio "$code" --company "ACME GmbH" >/dev/null || fail "A opens a folio for ACME"
term a folio "$code" --company "Nobody Ltd" 2>"$WORK/err" && fail "A opened a folio for an invented company"
grep -q 'No company account "Nobody Ltd"' "$WORK/err" || fail "the refusal should say why: $(cat "$WORK/err")"
sync_all
same "the company folio" '[.folios[] | select(.company == "ACME GmbH")] | length' 1
converged a b || fail "A and B differ after the company account"
ok "company accounts reach every desk"

sqlite3 "$WORK/a/frontdesk.db" "DELETE FROM folio_lines" 2>/dev/null && fail "a line could be deleted outside the replay"
[ "$(sqlite3 "$WORK/a/frontdesk.db" "SELECT count(*) FROM meta WHERE key = 'sync_replaying'")" = 0 ] ||
	fail "the replay mark was left behind"
exactly_once a
exactly_once b
ok "lines stay undeletable; every operation applied once"
