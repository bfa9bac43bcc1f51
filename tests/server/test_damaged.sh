#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# frontdeskd serve checks its database first (PRAGMA quick_check) and
# refuses a damaged one, naming the restore command, without touching it.
. "${top_srcdir:?}/tests/server/lib.sh"

printf 'correct horse battery\n' > "$T/pw"
"$FD" --data "$D" demo --seed 3 --date 2026-03-01 --password-file "$T/pw" >/dev/null 2>"$T/demo.err" ||
	{ echo "FAIL: demo: $(cat "$T/demo.err")" >&2; exit 1; }
"$FD" --data "$D" backup "$T/good.db" >/dev/null 2>&1 || fail "backup"
start_server
check "a healthy database is served" 200 "$(status GET /v1/health)"
stop_server || fail "stop"

db=$D/frontdeskd.db
size=$(stat -c %s "$db")
[ "$size" -ge 65536 ] || fail "the demo database is only $size bytes"
# 16 KiB of noise in the middle, page-aligned
off=$(( (size / 2) / 4096 * 4096 ))
head -c 16384 /dev/urandom | dd of="$db" bs=1 seek="$off" conv=notrunc 2>/dev/null
cp "$db" "$T/damaged.db"
timeout 20 "$FD" --data "$D" serve --listen 127.0.0.1:0 >"$T/out" 2>"$T/err"
check "a damaged database: exit 1" 1 "$?"
grep -q "is damaged" "$T/err" && ok "says the database is damaged" || fail "message: $(cat "$T/err")"
grep -qF "frontdeskd --data $D restore BACKUP-FILE" "$T/err" && ok "names the restore command" ||
	fail "no restore command in: $(cat "$T/err")"
grep -q "listening on" "$T/err" && fail "it listened" || ok "never listened"
cmp -s "$db" "$T/damaged.db" && ok "the damaged file is left as it was" || fail "the damaged file changed"
finish
