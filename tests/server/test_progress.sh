#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 18: frontdeskd's long work shows a progress line on a terminal
# (script(1) gives it one): the demo build counts its operations, backup
# and restore the database's pages ("N of TOTAL ..., R/s", reaching the
# end, cleared before the result). When stderr is not a terminal nothing
# extra is printed, and the results are the same.
. "${top_srcdir:?}/tests/server/lib.sh"
command -v script >/dev/null || { echo "SKIP: no script(1)"; exit 77; }
: > "$LOG"

# tty ARGS...: frontdeskd under a pseudo-terminal, everything it wrote in $T/tty
tty() { script -qec "'$FD' $*" /dev/null > "$T/tty" 2>&1; }
has() { if grep -q "$1" "$T/tty"; then ok "$2"; else fail "$2: $(cat -v "$T/tty")"; fi; }

tty --data "'$D'" demo --date 2026-03-01 || fail "demo on a terminal: $(cat "$T/tty")"
n=$(sed -n 's/.* of \([0-9]*\) operations.*/\1/p' "$T/tty" | head -1)
[ -n "$n" ] && [ "$n" -gt 1000 ] || fail "the demo's line should count its operations: $(cat -v "$T/tty")"
has "[0-9]* of $n operations, [0-9]*/s" "the demo build shows N of $n operations and a rate"
has "$n of $n operations" "... up to the end"
has "$(printf '\033\[K')Created the demo hotel" "... cleared before the result"

tty --data "'$D'" backup "'$T/b.db'" || fail "backup on a terminal: $(cat "$T/tty")"
pages=$(sqlite3 "$T/b.db" "PRAGMA page_count")
has "of $pages pages, [0-9]*/s" "backup shows N of $pages pages"
has "$pages of $pages pages" "... up to the end"
has "Backed up to" "... then the result"

tty --data "'$D'" restore "'$T/b.db'" || fail "restore on a terminal: $(cat "$T/tty")"
has "$pages of $pages pages" "restore shows the pages copied"
has "Restored .* from" "... then the result"

# Not a terminal: the same results, nothing on stderr.
"$FD" --data "$T/d2" demo --date 2026-03-01 >"$T/out" 2>"$T/err" || fail "demo: $(cat "$T/err")"
check "the demo without a terminal writes nothing on stderr" "" "$(cat -v "$T/err")"
grep -q "Created the demo hotel" "$T/out" || fail "the demo's result: $(cat "$T/out")"
"$FD" --data "$T/d2" backup "$T/b2.db" >"$T/out" 2>"$T/err" || fail "backup: $(cat "$T/err")"
check "backup without a terminal writes nothing on stderr" "" "$(cat -v "$T/err")"
check "... and says where" "Backed up to $T/b2.db." "$(cat "$T/out")"
"$FD" --data "$T/d2" restore "$T/b2.db" >"$T/out" 2>"$T/err" || fail "restore: $(cat "$T/err")"
check "restore without a terminal writes nothing on stderr" "" "$(cat -v "$T/err")"
grep -q "^Restored " "$T/out" || fail "the restore's result: $(cat "$T/out")"
finish
