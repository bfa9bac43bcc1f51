#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Erasures outlive a restore (issue 19): restoring a backup taken before a
# guest was erased erases the guest again (the list of erased guests is
# kept outside the database, in DATA/erased-guests), so no byte of the
# guest's name, e-mail or phone is in the server's data directory after
# the restore, nor at the desks once they have re-synced; the audit log's
# chain still checks.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term a sync --once >/dev/null || fail "first sync"

gid=00000000-0000-4000-8000-0000000e2a5f
term a op guest.create "{\"id\":\"$gid\",\"family\":\"Wolanska\",\"given\":\"Bozena\",\"email\":\"bozena.w@example.org\",\"phone\":\"+48 22 555 0142\"}" >/dev/null ||
	fail "guest.create"
term a op booking.create "{\"id\":\"00000000-0000-4000-8000-0000000b0002\",\"code\":\"WOL001\",\"guest_id\":\"$gid\",\"type\":\"DBL\",\"arrival\":\"2026-11-26\",\"departure\":\"2026-11-28\"}" >/dev/null ||
	fail "booking.create"
term a sync --once >/dev/null || fail "push"
leaks() { # leaks PATH...: names of files that still hold a secret
	for s in Wolanska Bozena bozena.w@example.org "+48 22 555 0142"; do
		grep -rlaiF -- "$s" "$@" 2>/dev/null | sed "s|^|$s in |"
	done
}
"$FDD" --data "$SRV" backup "$WORK/before.db" >/dev/null 2>&1 || fail "backup"
[ -n "$(leaks "$WORK/before.db")" ] || fail "the test is broken: the backup lacks the guest"

term admin sync --once >/dev/null || fail "admin pull"
term admin guest erase "$gid" >/dev/null || fail "erase"
term admin sync --once >/dev/null || fail "push the erasure"
term a sync --once >/dev/null || fail "desk pulls the erasure"
grep -qx "$gid" "$SRV/erased-guests" || fail "the erasure is not listed outside the database"
[ -z "$(leaks "$SRV")" ] || fail "the test is broken: the server kept the guest after the erasure: $(leaks "$SRV")"

srv_stop
"$FDD" --data "$SRV" restore "$WORK/before.db" >"$WORK/restore.out" 2>&1 || fail "restore: $(cat "$WORK/restore.out")"
grep -q "Erased again 1 guest" "$WORK/restore.out" || fail "the restore does not say it erased again: $(cat "$WORK/restore.out")"
out=$(leaks "$SRV")
[ -z "$out" ] || fail "personal data back on the server after the restore: $out"
[ "$(sqlite3 "$SRV/frontdeskd.db" "SELECT erased FROM guests WHERE id = '$gid'")" = 1 ] || fail "the guest is not erased after the restore"
"$FDD" --data "$SRV" check >"$WORK/check.out" 2>&1 || fail "check after the restore: $(cat "$WORK/check.out")"
ok "a restore of a backup taken before an erasure erases the guest again; no byte of them on the server"

srv_start
for t in a admin a admin; do term "$t" sync --once >/dev/null || fail "$t sync after the restore"; done
out=$(leaks "$SRV" "$WORK/a" "$WORK/admin")
[ -z "$out" ] || fail "personal data back after the desks re-synced: $out"
term a show WOL001 >/dev/null || fail "the booking went with the guest"
ok "the desks re-sync from the restored server and the guest stays erased"
