#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 18: a terminal's first sync shows how far it is. The SQLite
# server's first snapshot page says how many rows all the pages hold
# ("total", the others and the whole snapshot do not); a new terminal
# reads the hotel as that snapshot (not the feed from 0), and `frontdesk
# sync` draws "N of TOTAL records, R/s" on a terminal (script(1)), nothing
# extra with --json or when stderr is not a terminal.
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || { echo "SKIP: no script(1)"; exit 77; }
sync_setup
gen_ops a > "$WORK/ops.jsonl"
term admin op --batch "$WORK/ops.jsonl" >/dev/null || fail "the day's operations"
term admin sync --once >/dev/null || fail "pushing them"

# The pages by hand: the first says the total, which is every page's rows.
tok=$(sqlite3 "$WORK/admin/frontdesk.db" "SELECT value FROM meta WHERE key = 'session_token'")
get() { curl -fsS -H "Authorization: Bearer $tok" "http://127.0.0.1:$PORT$1"; }
get "/v1/snapshot?limit=40" > "$WORK/p.json" || fail "first page"
total=$(jq .total "$WORK/p.json")
rows=0 pages=0
while :; do
	rows=$((rows + $(jq '[.entities[] | length] | add // 0' "$WORK/p.json")))
	pages=$((pages + 1))
	[ "$(jq .more "$WORK/p.json")" = true ] || break
	get "/v1/snapshot?limit=40&after=$(jq -r .next "$WORK/p.json")&epoch=$(jq -r .epoch "$WORK/p.json")" > "$WORK/p.json" ||
		fail "page $pages"
	[ "$(jq 'has("total")' "$WORK/p.json")" = false ] || fail "page $pages says a total: $(jq .total "$WORK/p.json")"
done
[ "$pages" -ge 5 ] || fail "expected many pages, got $pages"
[ "$total" = "$rows" ] || fail "the first page's total ($total) should be the rows of every page ($rows)"
get "/v1/snapshot" | jq -e 'has("total") | not' >/dev/null || fail "the whole snapshot says a total"
ok "the first page's total is every page's rows ($total in $pages pages)"

# A new terminal's first sync on a terminal: the snapshot, with the line.
term_new c anna
before=$(grep -c "GET /v1/snapshot" "$WORK/server.log")
script -qec "'$FD' --data '$WORK/c' sync --once --page 40" /dev/null >"$WORK/tty" 2>&1 ||
	fail "sync on a terminal: $(cat "$WORK/tty")"
[ $(($(grep -c "GET /v1/snapshot" "$WORK/server.log") - before)) -ge 5 ] ||
	fail "the first sync should read the snapshot in pages: $(tail -5 "$WORK/server.log")"
grep -q "of $total records, [0-9]*/s" "$WORK/tty" || fail "no progress line: $(cat -v "$WORK/tty")"
grep -q "$total of $total records" "$WORK/tty" || fail "the line does not reach the end: $(cat -v "$WORK/tty")"
grep -q "online: cursor" "$WORK/tty" || fail "no status after the line: $(cat -v "$WORK/tty")"
[ "$(term c --json sync-status | jq .pending)" = 0 ] || fail "c holds pending work"
dump admin > "$WORK/admin.dump"; dump c > "$WORK/c.dump"
cmp -s "$WORK/admin.dump" "$WORK/c.dump" || fail "c's first copy differs from admin's: $(diff "$WORK/admin.dump" "$WORK/c.dump" | head)"
ok "a first sync on a terminal shows N of $total records and ends equal"

# --json on a terminal: the document alone.
term_new d anna
script -qec "'$FD' --data '$WORK/d' --json sync --once --page 40" /dev/null >"$WORK/json" 2>&1 ||
	fail "--json sync: $(cat "$WORK/json")"
grep -q "records" "$WORK/json" && fail "a progress line with --json: $(cat -v "$WORK/json")"
tr -d '\r' <"$WORK/json" | jq -e '.online == true' >/dev/null || fail "--json output is not the document: $(cat -v "$WORK/json")"
ok "--json: no progress line"

# Not a terminal: nothing on stderr.
term_new e anna
term e sync --once --page 40 >"$WORK/out" 2>"$WORK/err" || fail "sync: $(cat "$WORK/err")"
[ -s "$WORK/err" ] && fail "stderr is not a terminal, yet: $(cat -v "$WORK/err")"
grep -q "online: cursor" "$WORK/out" || fail "no status: $(cat "$WORK/out")"
ok "not a terminal: nothing extra"
