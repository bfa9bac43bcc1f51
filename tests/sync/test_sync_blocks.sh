#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Group blocks sync (issue 15): a block made at terminal A reaches B and a
# terminal that joins later (snapshot); a pickup made at B counts once at
# both; the policies set at A reach B.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term_new b ben
term a sync --once >/dev/null && term b sync --once >/dev/null || fail "first sync"

# TWN has 4 rooms; the block holds 3 of them on the 26th and 27th.
term a block add Tour --type TWN --rooms 3 --from 2026-11-26 --to 2026-11-28 --cutoff 2026-11-25 --company "Alpine Tours" >/dev/null || fail "block add at A"
term a sync --once >/dev/null || fail "A push"
term b sync --once >/dev/null || fail "B pull"
term b --json block show Tour >"$WORK/show" || fail "the block did not reach B"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["company"] == "Alpine Tours" and [(n["date"], n["held"]) for n in d["nights"]] == [("2026-11-26", 3), ("2026-11-27", 3)], d' "$WORK/show" || fail "B's copy of the block"
ok "a block made at A reaches B"

code=$(term b book --guest "Hiker, Hans" --type TWN --arrive 2026-11-26 --depart 2026-11-27 --block Tour) || fail "pickup at B"
term b book --guest "Solo, Sam" --type TWN --arrive 2026-11-26 --depart 2026-11-27 >/dev/null || fail "the last free TWN at B"
term b sync --once >/dev/null || fail "B push"
term a sync --once >/dev/null || fail "A pull"
term a --json block show Tour | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["nights"][0]["picked_up"] == 1, d' || fail "A does not see the pickup"
term a book --guest "Extra, Eli" --type TWN --arrive 2026-11-26 --depart 2026-11-27 >/dev/null 2>"$WORK/err" && fail "A sold a room the block holds"
grep -q "sold out" "$WORK/err" || fail "A's refusal: $(cat "$WORK/err")"
term a show "$code" >/dev/null || fail "the pickup did not reach A"
converged a b || fail "A and B differ"
ok "a pickup at B counts once at A and B"

term_new c anna
term c sync --once >/dev/null || fail "C's first sync"
term c --json block show Tour | python3 -c 'import json,sys; d=json.load(sys.stdin); assert [(n["held"], n["picked_up"]) for n in d["nights"]] == [(3, 1), (3, 0)], d' || fail "C's snapshot lacks the block"
converged a c || fail "A and C differ"
ok "a terminal that joins later gets the block in its snapshot"
