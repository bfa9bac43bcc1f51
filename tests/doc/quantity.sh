#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A charge posted with a quantity keeps it and its unit price: the folio
# shows both, the bill's text and PDF show "3 x 4.00 EUR" and the line's
# 12.00 EUR; a charge of one unit shows 1 and its amount.
. "${top_srcdir:?}/tests/cli/lib.sh"
make_hotel
code=$(fd book --guest "Costa, Rui" --room 101 --arrive 2026-11-25 --depart 2026-11-27) || fail "book"
fd hk 101 clean >/dev/null && fd checkin "$code" >/dev/null || fail "checkin"
fd post "$code" MINIBAR 4.00 --qty 3 >/dev/null || fail "post --qty 3"
fd post "$code" LAUNDRY 20.00 >/dev/null || fail "post laundry"
fd --json folio "$code" >"$TMP/folio.json" || fail "folio"
python3 - "$TMP/folio.json" <<'PY' || fail "folio JSON: $(cat "$TMP/folio.json")"
import json, sys
lines = [l for f in json.load(open(sys.argv[1]))["folios"] for l in f["lines"]]
mini = [l for l in lines if l["code"] == "MINIBAR"][0]
laundry = [l for l in lines if l["code"] == "LAUNDRY"][0]
assert (mini["quantity"], mini["unit_price_minor"], mini["amount_minor"]) == (3, 400, 1200), mini
assert (laundry["quantity"], laundry["unit_price_minor"]) == (1, 2000), laundry
PY
fd invoice "$code" >"$TMP/bill.txt" || fail "invoice"
grep -q "Minibar.* 12.00 EUR" "$TMP/bill.txt" || fail "no 12.00 EUR minibar line: $(cat "$TMP/bill.txt")"
grep -q "^ *3 x 4.00 EUR" "$TMP/bill.txt" || fail "no '3 x 4.00 EUR' under the line: $(cat "$TMP/bill.txt")"
fd invoice "$code" --pdf "$TMP/bill.pdf" || fail "invoice pdf"
pdftotext -layout -enc UTF-8 "$TMP/bill.pdf" - >"$TMP/bill.pdf.txt"
grep -q "Minibar x3 *3 *4.00 EUR *10 % *12.00 EUR" "$TMP/bill.pdf.txt" || fail "PDF line: $(cat "$TMP/bill.pdf.txt")"
grep -q "Laundry *1 *20.00 EUR *20 % *20.00 EUR" "$TMP/bill.pdf.txt" || fail "PDF laundry line: $(cat "$TMP/bill.pdf.txt")"
# The numbered invoice keeps them too.
fd invoice "$code" --final --pdf "$TMP/final.pdf" >/dev/null 2>&1 || fail "final invoice"
pdftotext -layout -enc UTF-8 "$TMP/final.pdf" - | grep -q "Minibar x3 *3 *4.00 EUR" || fail "final invoice lacks the quantity"
finish
