#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# An erased guest never comes back: the server refuses an operation that
# would create an entity whose id is on the erased list, whether the guest
# is still in the database (erased) or gone with a restore of a backup
# taken before the guest was created, which a terminal's re-submission
# would otherwise bring back. The refusal is a business answer (200,
# "rejected", code guest_erased) and changes nothing.
. "${top_srcdir:?}/tests/server/lib.sh"
init_hotel || { echo "FAIL: init" >&2; exit 1; }
start_server
DEV=$(enroll desk-1)
ADM=$(sign_in "$DEV" admin)
DEVN=1
G=$(uuid 77 7)
G2=$(uuid 78 7)
push() { body POST /v1/ops "{\"ops\":[$1]}" "$ADM"; }
"$FD" --data "$D" backup "$T/before.db" >/dev/null 2>&1 || fail "backup"

R=$(push "$(op 1 guest.create '{"id":"'$G'","family":"Wolanska","given":"Bozena","email":"b@example.org"}'),$(op 2 guest.create '{"id":"'$G2'","family":"Nowak"}'),$(op 3 guest.erase '{"guest":"'$G'"}'),$(op 4 guest.erase '{"guest":"'$G2'"}')")
check "create and erase" "applied applied applied applied" "$(echo "$R" | jq -r '[.results[].status]|join(" ")')"
grep -qx "$G" "$D/erased-guests" || fail "the erasure is not on the list"

# A creation of the erased id (another op id: a second terminal's copy).
R=$(push "$(op 5 guest.create '{"id":"'$G'","family":"Wolanska","given":"Bozena"}' "$(uuid 5 99)")")
check "re-creating an erased guest is rejected" "rejected guest_erased id" \
	"$(echo "$R" | jq -r '.results[0] | "\(.status) \(.error.code) \(.error.field)"')"
echo "$R" | jq -r '.results[0].error.message' | grep -q "was erased" || fail "the refusal does not say why: $R"
check "the guest stays erased" "1 (erased)" "$(sqlite3 "$D/frontdeskd.db" "SELECT erased, family FROM guests WHERE id = '$G'" | tr '|' ' ')"

# After a restore of a backup older than the guest: the database has never
# heard of it, the list outside it has. The terminal re-submits its ops.
stop_server || fail "stop"
"$FD" --data "$D" restore "$T/before.db" >/dev/null 2>&1 || fail "restore"
check "the restored database lacks the guest" 0 "$(sqlite3 "$D/frontdeskd.db" "SELECT count(*) FROM guests WHERE id = '$G'")"
start_server
DEV=$(enroll desk-2)
ADM=$(sign_in "$DEV" admin)
DEVN=2
R=$(push "$(op 1 guest.create '{"id":"'$G'","family":"Wolanska","given":"Bozena","email":"b@example.org"}'),$(op 2 guest.create '{"id":"'$(uuid 79 7)'","family":"Other"}')")
check "re-submitted after the restore: rejected, the next one applied" "rejected applied" \
	"$(echo "$R" | jq -r '[.results[].status]|join(" ")')"
check "with the code" guest_erased "$(echo "$R" | jq -r '.results[0].error.code')"
check "the guest did not come back" 0 "$(sqlite3 "$D/frontdeskd.db" "SELECT count(*) FROM guests WHERE id = '$G'")"
# ... nor their name, in any table (a conflict notice would copy the payload to every desk).
grep -rlaF Wolanska "$D"/frontdeskd.db* >/dev/null && fail "the erased name is back in the database"
stop_server
finish
