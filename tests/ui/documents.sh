#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Documents from the application: d in the booking detail saves the
# confirmation (or another document) as PDF where the user says, the
# default in the home directory; d in the folio saves the bill; with a
# printer configured ("printer", "print-command" in the config file) the
# saved PDF goes to the print command, which here records its arguments.
# A file that cannot be written is refused with the reason.
. "$top_srcdir/tests/ui/lib.sh"
make_hotel
fd post "$ARRIVAL" FB 20.00 >/dev/null || fail "post"
mkdir -p "$WORK/home" "$WORK/config/frontdesk" "$WORK/out"
cat >"$WORK/fake-lp" <<EOS
#!/bin/sh
echo "\$@" >>"$WORK/lp.args"
EOS
chmod +x "$WORK/fake-lp"
cat >"$WORK/config/frontdesk/config" <<EOS
printer desk1
print-command $WORK/fake-lp
EOS
UI_ENV="HOME=$WORK/home XDG_CONFIG_HOME=$WORK/config" start 80 24
wait_for "101"

# The booking detail: the confirmation is offered first, saved under HOME.
keys :
keys -l "$ARRIVAL"
keys Enter
wait_for "Booking $ARRIVAL"
keys d
wait_for "document ("
wait_for "confirmation"
keys Enter
wait_for "save the PDF as: "
wait_for "confirmation-$ARRIVAL.pdf"
keys Enter
wait_for "Saved the confirmation of $ARRIVAL"
PDF="$WORK/home/confirmation-$ARRIVAL.pdf"
[ -f "$PDF" ] || fail "no file $PDF"
head -c 5 "$PDF" | grep -q '%PDF-' || fail "$PDF is not a PDF"
pdftotext "$PDF" - | grep -q "Müller" || fail "the confirmation does not name the guest: $(pdftotext "$PDF" -)"
pdftotext "$PDF" - | grep -q "$ARRIVAL" || fail "the confirmation does not show its code"
grep -qxF -- "-d desk1 $PDF" "$WORK/lp.args" || fail "the printer was not given the PDF: $(cat "$WORK/lp.args")"

# Another document by name: the registration card, to a path typed in.
keys d
wait_for "document ("
keys C-u
keys -l "registration card"
keys Enter
wait_for "save the PDF as: "
keys C-u
keys -l "~/card.pdf"
keys Enter
wait_for "Saved the registration card of $ARRIVAL"
pdftotext "$WORK/home/card.pdf" - | grep -q "Müller" || fail "the registration card (~/card.pdf) does not name the guest"

# The folio: the bill first; a directory that does not exist is refused.
keys f
wait_for "Folio $ARRIVAL"
keys d
wait_for "document ("
wait_for "bill"
keys Enter
wait_for "save the PDF as: "
keys C-u
keys -l "$WORK/nowhere/bill.pdf"
keys Enter
wait_for "nowhere"
[ -e "$WORK/nowhere/bill.pdf" ] && fail "a bill was written to a missing directory"
keys d
wait_for "document ("
keys Enter
wait_for "bill-$ARRIVAL.pdf"
keys Enter
wait_for "Saved the bill of $ARRIVAL"
BILL="$WORK/home/bill-$ARRIVAL.pdf"
pdftotext "$BILL" - | grep -q "Müller" || fail "the bill does not name the guest: $(pdftotext "$BILL" -)"
pdftotext "$BILL" - | grep -q "20.00" || fail "the bill does not show the charge: $(pdftotext "$BILL" -)"
grep -qxF -- "-d desk1 $BILL" "$WORK/lp.args" || fail "the bill was not printed: $(cat "$WORK/lp.args")"
[ "$(wc -l <"$WORK/lp.args")" = 3 ] || fail "expected three print jobs: $(cat "$WORK/lp.args")"

# Not a document: said, nothing saved.
keys d
wait_for "document ("
keys C-u
keys -l menu
keys Enter
wait_for "is not a document"
keys q
wait_for "EXITED 0"
exit 0
