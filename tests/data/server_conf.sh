#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The shipped data/frontdeskd.conf is accepted by the frontdeskd built here,
# with every commented key switched on too, and frontdesk.conf(5) documents
# exactly the keys the file names. (The packaged service reads this file
# at start: a key the server does not know stops it with exit status 2.)
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
conf=$top_srcdir/data/frontdeskd.conf
fdd=$top_builddir/frontdeskd
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fd-conf.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

if "$fdd" --config "$conf" --data "$tmp/d" init --property T --currency EUR \
	--timezone Europe/Lisbon >"$tmp/out" 2>&1; then
	echo "ok: frontdeskd accepts data/frontdeskd.conf"
else
	echo "FAIL: frontdeskd rejects data/frontdeskd.conf:"; cat "$tmp/out"; fail=1
fi
# Switch the commented keys on (TLS files need not exist for 'check').
sed 's/^#\([a-z-]* = \)/\1/' "$conf" >"$tmp/all.conf"
if "$fdd" --config "$tmp/all.conf" --data "$tmp/d" check >"$tmp/out" 2>&1; then
	echo "ok: frontdeskd accepts every key of data/frontdeskd.conf"
else
	echo "FAIL: frontdeskd rejects a key of data/frontdeskd.conf:"; cat "$tmp/out"; fail=1
fi
# A misspelt key is refused with the file and line named.
printf '[server]\nlisten = 127.0.0.1:8470\ntls_cert = x\n' >"$tmp/bad.conf"
"$fdd" --config "$tmp/bad.conf" --data "$tmp/d" check >"$tmp/out" 2>&1
rc=$?
if [ $rc -eq 2 ] && grep -q 'line 3' "$tmp/out"; then
	echo "ok: a misspelt key is refused (exit 2, line named)"
else
	echo "FAIL: misspelt key: exit $rc:"; cat "$tmp/out"; fail=1
fi
# The keys of the file are the keys of the man page's [server] section.
keys=$(sed -n 's/^#\{0,1\}\([a-z-]*\) = .*/\1/p' "$conf" | sort -u)
page=$(sed -n '/^\.SS \[server\]/,/^\.SH/s/^\.BI \([a-z\\-]*\) " = .*/\1/p' \
	"$top_srcdir/data/man/frontdesk.conf.5" | sed 's/\\-/-/g' | sort -u)
if [ "$keys" = "$page" ] && [ -n "$keys" ]; then
	echo "ok: frontdesk.conf(5) documents the $(echo $keys | wc -w) keys of frontdeskd.conf"
else
	echo "FAIL: keys in data/frontdeskd.conf:" $keys
	echo "      keys in frontdesk.conf(5):   " $page
	fail=1
fi
exit $fail
