#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every command that applies one operation answers --json in one shape
# (cli_print_result): the entity and the id it wrote, and no text; the
# text answer names what was done.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
keys() { jq -r '[keys[]] | join(" ")' "$TMP/out"; }
answer() { # ENTITY -- COMMAND...: the --json answer of COMMAND
	want=$1
	shift 2
	"$@" >"$TMP/out" 2>"$TMP/err" || fail "'$*': $(cat "$TMP/err")"
	[ "$(keys)" = "entity id" ] || fail "'$*' answered $(cat "$TMP/out")"
	[ "$(jq -r .entity "$TMP/out")" = "$want" ] || fail "'$*' wrote $(jq -r .entity "$TMP/out"), not $want"
	[ -n "$(jq -r .id "$TMP/out")" ] || fail "'$*' names no id"
}
answer room -- fd --json hk 101 clean
answer room -- fd --json ooo 103 --from 2026-11-25 --to 2026-11-27 --reason leak
answer company -- fd --as mia --json company add "Acme Ltd"
code=$(fd book --guest "Silva, Ana" --type STD --arrive 2026-11-25 --depart 2026-11-27) || fail "book"
answer folio_line -- fd --json post "$code" MINIBAR 12.50
answer folio_line -- fd --json pay "$code" cash 5
fd hk 102 dirty >"$TMP/out" || fail "hk 102 dirty"
grep -q 102 "$TMP/out" || fail "the text answer names the room: $(cat "$TMP/out")"
finish
