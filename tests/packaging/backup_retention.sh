#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# packaging/frontdeskd-backup (what frontdeskd-backup.timer runs): an online
# backup that opens as the same hotel, then only the newest --keep backups
# remain; other files in the directory are never touched, a failed backup
# removes nothing, and bad options change nothing.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
script=$top_srcdir/packaging/frontdeskd-backup
FRONTDESKD=$top_builddir/frontdeskd
export FRONTDESKD
unset FRONTDESKD_BACKUP_DIR FRONTDESKD_BACKUP_KEEP
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fd-backup.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }
listing() { (cd "$tmp/b" && ls -A | sort); }

"$FRONTDESKD" --data "$tmp/d" init --property "Backup Hotel" --currency EUR \
	--timezone Europe/Lisbon >/dev/null 2>&1 || { echo "FAIL: frontdeskd init"; exit 1; }
mkdir "$tmp/b"
# Three older backups (names as the script makes them) and files of the admin's.
for s in 20240101T030000Z 20250101T030000Z 20260101T030000Z; do
	echo old >"$tmp/b/frontdeskd-$s.db"
done
echo keep >"$tmp/b/notes.txt"
echo keep >"$tmp/b/frontdeskd-before-upgrade.db"

# Bad input: exit 2, nothing made or removed.
before=$(listing)
for args in "--keep 0" "--keep two" "--keep" "--frobnicate"; do
	# shellcheck disable=SC2086
	sh "$script" --dir "$tmp/b" --data "$tmp/d" $args >"$tmp/out" 2>&1
	rc=$?
	[ $rc -eq 2 ] && [ "$(listing)" = "$before" ] && ok "refused: $args (exit 2, nothing changed)" ||
		{ bad "frontdeskd-backup $args: exit $rc"; cat "$tmp/out"; }
done
grep -q 'unexpected argument "--frobnicate"' "$tmp/out" || bad "the unknown option is not named"

# A failing backup (no hotel there) removes nothing.
sh "$script" --dir "$tmp/b" --data "$tmp/nohotel" --keep 1 >"$tmp/out" 2>&1
rc=$?
[ $rc -eq 1 ] && [ "$(listing)" = "$before" ] && ok "a failed backup exits 1 and removes nothing" ||
	{ bad "failed backup: exit $rc"; listing; cat "$tmp/out"; }

# The real thing, keeping 2: the new backup and the newest old one.
if FRONTDESKD_BACKUP_KEEP=2 sh "$script" --dir "$tmp/b" --data "$tmp/d" >"$tmp/out" 2>&1; then
	ok "backup with FRONTDESKD_BACKUP_KEEP=2"
else
	bad "backup failed:"; cat "$tmp/out"
fi
new=$(cd "$tmp/b" && ls | grep -E '^frontdeskd-[0-9]{8}T[0-9]{6}Z\.db$' | sort | tail -n 1)
want=$(printf '%s\n' "$new" frontdeskd-20260101T030000Z.db frontdeskd-before-upgrade.db notes.txt | sort)
[ "$(listing)" = "$want" ] && ok "kept the 2 newest backups and the other files" ||
	{ bad "after pruning:"; listing; }
grep -q "removed $tmp/b/frontdeskd-20240101T030000Z.db" "$tmp/out" || bad "the removal is not reported"
# The new file is a backup of this hotel that frontdeskd opens and checks.
mkdir "$tmp/r" && cp "$tmp/b/$new" "$tmp/r/frontdeskd.db"
"$FRONTDESKD" --data "$tmp/r" check >"$tmp/out" 2>&1 && ok "the backup passes frontdeskd check" ||
	{ bad "frontdeskd check of the backup:"; cat "$tmp/out"; }
name=$(sqlite3 "$tmp/r/frontdeskd.db" "SELECT name FROM property" 2>&1)
[ "$name" = "Backup Hotel" ] && ok "the backup holds the hotel" || bad "the backup's property: $name"
[ "$(stat -c %a "$tmp/b/$new")" = 600 ] && ok "the backup is mode 0600" || bad "backup mode $(stat -c %a "$tmp/b/$new")"
exit $fail
