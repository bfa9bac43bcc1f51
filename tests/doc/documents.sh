#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# What the guest takes away: the bill, the registration card and the
# confirmation, as text and as PDF (cairo and pango). pdftotext must show the
# right names and figures in five scripts, pdffonts embedded fonts; bad input
# is refused and changes nothing. A picture of a bill is kept as an artefact
# (tests/doc/bill-1.png in the build directory).
. "${top_srcdir:?}/tests/cli/lib.sh"
command -v pdftotext >/dev/null || { echo "FAIL: pdftotext (poppler-utils) is not installed"; exit 1; }
make_hotel
fd property --legal-name "Hotel Atlântico Lda" --address "Rua do Mar 12, 1200-001 Lisboa" \
	--tax-id PT501234567 --footer "IBAN PT50 0002 0123 1234 5678 9015 4" \
	--cancel-terms "Free cancellation until 2 days before arrival." >/dev/null || fail "property"

# Five scripts: Arabic, Hebrew, Chinese, Cyrillic, Greek.
n=0
for name in "الحسيني, محمد" "כהן, דוד" "王, 秀英" "Иванова, Анна" "Παπαδόπουλος, Νίκος"; do
	n=$((n + 1))
	code=$(fd book --guest "$name" --room "10$n" --arrive 2026-11-25 --depart 2026-11-27 2>/dev/null) ||
		code=$(fd book --guest "$name" --type STD --arrive 2026-12-0$n --depart 2026-12-1$n) || fail "book $name"
	eval "code_$n=$code"
	echo "$code $name" >>"$TMP/codes"
done
code=$code_1 # the Arabic guest: in house with a bill
fd hk 101 clean >/dev/null
fd checkin "$code" >/dev/null || fail "checkin"
fd post "$code" MINIBAR 12.50 >/dev/null || fail "post minibar"
fd post "$code" LAUNDRY 20.00 >/dev/null || fail "post laundry"
fd pay "$code" cash 10.00 >/dev/null || fail "pay"

# Text: the figures of the folio.
fd invoice "$code" >"$TMP/bill.txt" || fail "invoice text"
for want in "Hotel Atlântico Lda" "PT501234567" "الحسيني, محمد" "Provisional" "12.50 EUR" "20.00 EUR" \
	"32.50 EUR" "10.00 EUR" "22.50 EUR" "VAT 10 % (on 12.50 EUR)" "VAT 20 % (on 20.00 EUR)" "IBAN PT50"; do
	grep -qF -- "$want" "$TMP/bill.txt" || fail "text bill lacks '$want': $(cat "$TMP/bill.txt")"
done
# VAT: 12.50 at 10 % holds 1.14; 20.00 at 20 % holds 3.33; 4.47 in all.
grep -q "of which VAT *4.47 EUR" "$TMP/bill.txt" || fail "VAT total wrong: $(cat "$TMP/bill.txt")"
grep -q "Balance due *22.50 EUR" "$TMP/bill.txt" || fail "balance wrong"
# A receipt printer's 40 columns: no line is wider (in characters).
[ "$(fd invoice "$code" --width 40 | python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in sys.stdin))')" -le 40 ] ||
	fail "a 40-column receipt has longer lines"

# PDF: every script shaped, figures right, fonts embedded.
i=0
while read -r c name; do
	i=$((i + 1))
	fd confirmation "$c" --pdf "$TMP/conf$i.pdf" || fail "confirmation pdf for $name"
	pdftotext -enc UTF-8 "$TMP/conf$i.pdf" "$TMP/conf$i.txt" || fail "pdftotext"
	family=${name%%,*}
	given=${name#*, }
	# pdftotext writes right-to-left text in visual order on some versions:
	# accept the family name as written or reversed.
	rev=$(printf '%s' "$family" | python3 -c 'import sys; print(sys.stdin.read()[::-1])')
	grep -qF -e "$family" -e "$rev" "$TMP/conf$i.txt" || fail "confirmation PDF lacks '$family': $(cat "$TMP/conf$i.txt")"
	grep -qF "$c" "$TMP/conf$i.txt" || fail "confirmation PDF lacks the code $c"
	grep -qF "Free cancellation until 2 days before arrival." "$TMP/conf$i.txt" || fail "no cancellation terms"
	pdffonts "$TMP/conf$i.pdf" | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }' ||
		fail "a font is not embedded in the confirmation of $name: $(pdffonts "$TMP/conf$i.pdf")"
	[ -n "$given" ] || fail "no given name"
done <"$TMP/codes"

fd invoice "$code" --pdf "$TMP/bill.pdf" || fail "invoice pdf"
pdftotext -layout -enc UTF-8 "$TMP/bill.pdf" "$TMP/bill.pdf.txt"
for want in "Hotel Atlântico Lda" "12.50 EUR" "20.00 EUR" "4.47 EUR" "22.50 EUR" "Balance due"; do
	grep -qF -- "$want" "$TMP/bill.pdf.txt" || fail "PDF bill lacks '$want': $(cat "$TMP/bill.pdf.txt")"
done
pdffonts "$TMP/bill.pdf" | grep -q "DejaVu" || fail "the bill does not use the embedded DejaVu fonts"
# A CJK name falls back to a CJK font, embedded too.
fd confirmation "$code_3" --pdf "$TMP/cjk.pdf"
pdffonts "$TMP/cjk.pdf" | awk 'NR > 2' | grep -vi dejavu | grep -q " yes " ||
	fail "no embedded CJK font for 王, 秀英: $(pdffonts "$TMP/cjk.pdf")"
mkdir -p "$top_builddir/tests/doc"
pdftoppm -png -r 80 -f 1 -l 1 "$TMP/bill.pdf" "$top_builddir/tests/doc/bill" || fail "pdftoppm"

# The registration card: identity, stay, rate and a signature line.
fd regcard "$code" --pdf "$TMP/reg.pdf" || fail "regcard"
pdftotext -enc UTF-8 "$TMP/reg.pdf" - | grep -q "Guest's signature" || fail "no signature line on the card"
fd regcard "$code" | grep -q "Rate per night *90.00 EUR\|Rate per night *100.00 EUR" || fail "no rate on the card"

# Bad input: nothing written, nothing changed, a clear message.
expect_refused 1 "No booking" -- fd invoice NOPE42
expect_refused 3 "Cannot write" -- fd invoice "$code" --pdf /nonexistent/dir/bill.pdf
expect_refused 2 "either --pdf" -- fd invoice "$code" --pdf x.pdf --text
expect_refused 1 "control character" -- fd property --legal-name "$(printf 'Evil\033[2J')"
expect_refused 1 "may not\|manager" -- fd --as anna property --tax-id X
[ ! -e /nonexistent/dir/bill.pdf ] || fail "a file was written"
finish
