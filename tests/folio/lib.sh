# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the folio shell tests: a fresh fixture hotel and assertions.
set -u
FD="$top_builddir/frontdesk"
FIXTURE="$top_builddir/tests/folio/fixture"
PY=/usr/bin/python3
# fsync-heavy (synchronous=FULL): keep test hotels in memory when we can.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then TMPDIR=/dev/shm; fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/fd-folio-test.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT
D="$TMP/hotel"
fd() { "$FD" --data "$D" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_fail WORD CMD...: the command must fail and say WORD on stderr.
expect_fail() {
	word=$1; shift
	if "$@" >"$TMP/out" 2>"$TMP/err"; then fail "should have failed: $*"; fi
	grep -qi -- "$word" "$TMP/err" || { cat "$TMP/err" >&2; fail "no \"$word\" in the message of: $*"; }
}
# json EXPR: read stdin as JSON into d, print eval(EXPR).
json() { "$PY" -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
# less the audit log's refusal rows: a refusal changes nothing but is recorded
dbsum() { sqlite3 "$D/frontdesk.db" .dump | grep -v -e "^INSERT INTO audit_log VALUES(.*,'refused','" -e "^INSERT INTO sqlite_sequence VALUES('audit_log'" | md5sum; }
