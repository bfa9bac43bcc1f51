#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every man page renders without a warning under man --warnings (groff's
# own checks), and names every command of 'frontdesk help' in frontdesk(1),
# with every option the command's synopsis ('frontdesk help COMMAND') shows.
# frontdesk-ui(1) is generated in the build tree (its KEYS section comes
# from the key table), so it is checked there.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
fail=0
n=0
for m in "$top_srcdir"/data/man/*.[0-9] "$top_builddir/ui/frontdesk-ui.1"; do
	[ -f "$m" ] || { echo "FAIL: $m was not built"; fail=1; continue; }
	n=$((n + 1))
	w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$m" 2>&1 >/dev/null)
	if [ -n "$w" ]; then
		echo "FAIL: $m:"; echo "$w"; fail=1
	else
		echo "ok: $(basename "$m") renders without warnings"
	fi
done
[ $n -ge 4 ] || { echo "FAIL: expected 4 man pages, found $n"; fail=1; }

page=$(LC_ALL=C.UTF-8 MANWIDTH=200 man -E UTF-8 -l "$top_srcdir/data/man/frontdesk.1" 2>/dev/null)
cmds=$(LC_ALL=C.UTF-8 LANGUAGE= "$top_builddir/frontdesk" help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
[ -n "$cmds" ] || { echo "FAIL: 'frontdesk help' listed no commands"; fail=1; }
for c in $cmds; do
	if echo "$page" | grep -Eq "^ {7}$c( |\$)"; then :; else
		echo "FAIL: frontdesk(1) does not describe the command '$c'"; fail=1
	fi
done
# A command's entries: from each line that starts with its name to the
# next entry or section, rendered wide so that no synopsis is broken.
wide=$(LC_ALL=C.UTF-8 MANWIDTH=1000 man -E UTF-8 -l "$top_srcdir/data/man/frontdesk.1" 2>/dev/null)
entry() {
	echo "$wide" | awk -v c="$1" '$0 ~ "^       " c "( |$)" { on = 1; print; next }
		/^       [a-z]/ || /^[A-Z]/ || /^   [A-Z]/ { on = 0 }
		on { print }'
}
for c in $cmds; do
	text=$(entry "$c")
	for o in $(LC_ALL=C.UTF-8 LANGUAGE= "$top_builddir/frontdesk" help "$c" | awk '/^$/ { exit } { print }' |
		grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
		echo "$text" | grep -q -- "$o\b" || {
			echo "FAIL: frontdesk(1) does not describe $c's option $o"
			fail=1
		}
	done
done
[ $fail = 0 ] && echo "ok: frontdesk(1) describes all $(echo $cmds | wc -w) commands and their options"
exit $fail
