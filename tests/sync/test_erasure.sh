#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# GDPR erasure reaches every byte: after a guest is erased, no byte of the
# guest's name, e-mail or phone is left in any file of the desks' or the
# server's data directories (write-ahead logs included) or in a backup taken
# afterwards, while the history (the audit log's rows) stays.
. "$(dirname "$0")/lib.sh"
sync_setup
term_new a anna
term a sync --once >/dev/null || fail "first sync"

gid=00000000-0000-4000-8000-0000000e2a5e
term a op guest.create "{\"id\":\"$gid\",\"family\":\"Zelinska\",\"given\":\"Oksana\",\"email\":\"oksana.z@example.org\",\"phone\":\"+380 44 555 0199\",\"document\":\"FP1234567\"}" >/dev/null ||
	fail "guest.create"
term a op guest.update "{\"guest\":\"$gid\",\"phone\":\"+380 44 555 0177\",\"notes\":\"Allergic to feathers\"}" >/dev/null ||
	fail "guest.update"
term a op booking.create "{\"id\":\"00000000-0000-4000-8000-0000000b0001\",\"code\":\"ZEL001\",\"guest_id\":\"$gid\",\"type\":\"DBL\",\"arrival\":\"2026-11-26\",\"departure\":\"2026-11-28\"}" >/dev/null ||
	fail "booking.create"
term a sync --once >/dev/null || fail "push"
term admin sync --once >/dev/null || fail "admin pull"

# What the erasure must remove (the literal strings as typed).
secrets="Zelinska Oksana oksana.z@example.org +380 44 555 0199 +380 44 555 0177 FP1234567 feathers"
leaks() { # leaks PATH...: names of files that still hold a secret
	for s in Zelinska Oksana oksana.z@example.org "+380 44 555 0199" "+380 44 555 0177" FP1234567 feathers; do
		grep -rlaiF -- "$s" "$@" 2>/dev/null | sed "s|^|$s in |"
	done
}
[ -n "$(leaks "$WORK/a")" ] || fail "the test is broken: the guest's details are not at the desk before erasure"

term admin guest erase "$gid" >/dev/null || fail "erase"
term admin sync --once >/dev/null || fail "push the erasure"
term a sync --once >/dev/null || fail "desk pulls the erasure"
"$FDD" --data "$SRV" backup "$WORK/after.db" >/dev/null 2>&1 || fail "backup"

out=$(leaks "$WORK/a" "$WORK/admin" "$SRV" "$WORK/after.db")
[ -z "$out" ] || fail "personal data left after erasure: $out"
ok "no byte of the guest's name, e-mail, phone, document or notes remains at either desk, on the server, or in a later backup ($secrets)"

# The history stays: the operations are still in every audit log, and the
# booking still names its (erased) guest.
n=$(sqlite3 "$WORK/a/frontdesk.db" "SELECT count(*) FROM audit_log WHERE type LIKE 'guest.%'")
[ "$n" -ge 2 ] || fail "the desk's audit log lost the guest's operations ($n)"
term a show ZEL001 >/dev/null || fail "the booking went with the guest"
ok "the audit log keeps the operations; the booking stays"
