#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every catalogue in po/LINGUAS exists, passes msgfmt -c (format directives
# match the msgid, header complete), is UTF-8, and has no fuzzy entries.
# Completeness against the current sources is tools/po-check's job (new
# strings arrive before their translations).
set -u
: "${top_srcdir:?}"
fail=0
langs=$(grep -v '^#' "$top_srcdir/po/LINGUAS")
[ -n "$langs" ] || { echo "FAIL: po/LINGUAS lists no languages"; exit 1; }
for l in $langs; do
	po="$top_srcdir/po/$l.po"
	if [ ! -f "$po" ]; then echo "FAIL: po/$l.po missing"; fail=1; continue; fi
	if out=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$po" 2>&1); then
		echo "ok: $l: $out"
	else
		echo "FAIL: msgfmt -c po/$l.po:"; echo "$out"; fail=1
	fi
	case $out in *fuzzy*) echo "FAIL: po/$l.po has fuzzy entries"; fail=1 ;; esac
	grep -q '^"Content-Type: text/plain; charset=UTF-8\\n"' "$po" ||
		{ echo "FAIL: po/$l.po is not declared UTF-8"; fail=1; }
	grep -q '^"Plural-Forms: ' "$po" || { echo "FAIL: po/$l.po has no Plural-Forms"; fail=1; }
done
for po in "$top_srcdir"/po/*.po; do
	l=$(basename "$po" .po)
	echo "$langs" | grep -qx "$l" || { echo "FAIL: po/$l.po is not in po/LINGUAS"; fail=1; }
done
exit $fail
