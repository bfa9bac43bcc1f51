#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Before a newer frontdeskd migrates a database to its schema, it copies the
# database as it was beside it and names the copy in the log; a database
# already up to date is not copied again.
. "${top_srcdir:?}/tests/server/lib.sh"

command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 is needed" >&2; exit 1; }
init_hotel || { echo "FAIL: init" >&2; exit 1; }
DB=$D/frontdeskd.db

# make_old: the database as the previous release left it (server schema
# without step 9)
make_old() {
	sqlite3 "$DB" "ALTER TABLE srv_devices DROP COLUMN outbox_depth;
		ALTER TABLE srv_devices DROP COLUMN last_pull_at;
		ALTER TABLE srv_devices DROP COLUMN last_push_at;
		DELETE FROM schema_migrations WHERE chain = 'server' AND version = 9;" ||
		fail "could not make an older database"
}
make_old
rooms_before=$(sqlite3 "$DB" "SELECT count(*) FROM staff")

start_server
stop_server || fail "server stop"
line=$(grep 'upgrading the database schema' "$LOG")
copy=$(printf '%s\n' "$line" | sed -n 's/.*backed up in \(.*\)$/\1/p')
case $copy in
"$D"/frontdeskd-before-upgrade-*Z.db) ok "the log names the backup: $copy" ;;
*) fail "no backup named in the log: $(tail -5 "$LOG")" ;;
esac
case $line in "<5>frontdeskd: upgrading the database schema of $DB (0 core and 1 server steps)"*) ok "a notice, with what is upgraded" ;;
*) fail "log line: $line" ;; esac
[ -f "$copy" ] && ok "the backup exists" || fail "no file $copy"
check "the backup is private" 600 "$(stat -c %a "$copy" 2>/dev/null)"
check "the backup is the old schema" 4 "$(sqlite3 "$copy" "SELECT max(version) FROM schema_migrations WHERE chain = 'server'")"
check "the backup holds the hotel" "$rooms_before" "$(sqlite3 "$copy" "SELECT count(*) FROM staff")"
check "the backup is sound" ok "$(sqlite3 "$copy" "PRAGMA quick_check")"
check "the database was upgraded" 1 "$(sqlite3 "$DB" "SELECT count(*) FROM schema_migrations WHERE chain = 'server' AND version = 9")"

# up to date: no second copy
start_server
stop_server || fail "server stop"
check "no copy when nothing is upgraded" 1 "$(ls "$D"/frontdeskd-before-upgrade-*.db | wc -l)"

# an admin command on an older database copies it too (a plain line)
make_old
"$FD" --data "$D" devices >"$T/out" 2>"$T/err" || fail "devices on an older database: $(cat "$T/err")"
grep -q '^frontdeskd: upgrading the database schema .* backed up in ' "$T/err" && ok "admin commands back up first" ||
	fail "admin: $(cat "$T/err")"
check "two copies now" 2 "$(ls "$D"/frontdeskd-before-upgrade-*.db | wc -l)"
finish
