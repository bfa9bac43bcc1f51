#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Erasures outlive a restore on PostgreSQL (src/server/pg_erasures.c), as
# on SQLite: two frontdeskd on one database, each with its own data
# directory. A guest with a booking is backed up with pg_dump, then erased
# through server A (with a second guest created and erased after the
# backup). The dump is restored (pg_restore --clean --if-exists) and the
# database gets a new epoch, three times:
#   1. server A, which committed the erasure, erases the guest again when
#      it learns the new epoch;
#   2. only server B runs, and it knew of the erasure because it restarted
#      after it (its list completed from the database): B erases again;
#   3. no server runs: `new-epoch` with B's data directory erases again
#      and says so.
# Each time the guest's personal data is blank again, the audit log has the
# re-erasure by frontdeskd and the feed carries it. Then a push re-creating
# an erased guest is refused (guest_erased, as on SQLite) and changes
# nothing: the guest the database still holds (erased) through either
# server, the one the backup never had through A, whose list has it.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start
pg_admin_hotel "Erase Hotel" admin:admin
mkdir -p "$T/a" "$T/b" "$T/none"

A_PID= B_PID= A_URL= B_URL=
serve() { # NAME: a frontdeskd with its own data directory $T/name
	_l=$(echo "$1" | tr AB ab)
	echo "--- start" >> "$T/$1.log"
	"$FD" --data "$T/$_l" serve --listen 127.0.0.1:0 --database "$PG_URI" 2>>"$T/$1.log" &
	eval "${1}_PID=\$!"
	for _ in $(seq 1 100); do
		_port=$(sed -n '/^--- start/h; /^--- start/!H; ${x;p}' "$T/$1.log" | sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' | tail -1)
		if [ -n "$_port" ]; then eval "${1}_URL=http://127.0.0.1:$_port"; return 0; fi
		sleep 0.05
	done
	echo "FAIL: server $1 did not start" >&2; cat "$T/$1.log" >&2; exit 1
}
halt() { eval "_p=\${${1}_PID}"; [ -n "$_p" ] && kill -TERM "$_p" && wait "$_p"; eval "${1}_PID="; }
trap '[ -n "$A_PID" ] && kill -9 "$A_PID"; [ -n "$B_PID" ] && kill -9 "$B_PID"; pg_cleanup' EXIT
on() { eval "URL=\$${1}_URL"; } # the server the next request goes to

serve A
serve B
on A
code=$(FDP enroll-code 2>/dev/null)
DEV=$(body POST /v1/devices "{\"code\":\"$code\",\"name\":\"desk\"}" | jq -r .token)
ADM=$(sign_in "$DEV" admin)
DEVN=1
G=$(uuid 1 77)
G2=$(uuid 2 77)
push() { body POST /v1/ops "{\"ops\":[$1]}" "$ADM"; }
next() { echo $(($(pg_psql -c "SELECT last_seq FROM srv_devices WHERE name = 'desk'") + 1)); }
guest() { pg_psql -c "SELECT erased || ' ' || family || ' ' || given || ' ' || email || ' ' || document FROM guests WHERE id = '$1'"; }
R=$(push "$(op 1 room_type.create "{\"id\":\"$(uuid 3 77)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}"),
$(op 2 room.create "{\"id\":\"$(uuid 6 77)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}"),
$(op 3 guest.create "{\"id\":\"$G\",\"family\":\"Wolanska\",\"given\":\"Bozena\",\"email\":\"b@example.org\",\"document\":\"XK123\"}"),
$(op 4 booking.create "{\"id\":\"$(uuid 4 77)\",\"code\":\"ERASE1\",\"guest_id\":\"$G\",\"type\":\"DBL\",\"arrival\":\"2026-03-01\",\"departure\":\"2026-03-03\",\"adults\":1}")")
check "a guest with a booking" "applied applied applied applied" "$(echo "$R" | jq -r '[.results[].status] | join(" ")')"
"$PG_BINDIR/pg_dump" -Fc -d "$PG_URI" -f "$T/before.dump" || fail "pg_dump"

# Erased through A, with a guest the backup never had.
R=$(push "$(op 5 guest.erase "{\"guest\":\"$G\"}"),$(op 6 guest.create "{\"id\":\"$G2\",\"family\":\"Nowak\"}"),$(op 7 guest.erase "{\"guest\":\"$G2\"}")")
check "erased through A" "applied applied applied" "$(echo "$R" | jq -r '[.results[].status] | join(" ")')"
check "the guest's personal data is gone" "1 (erased)   " "$(guest "$G")"
check "A's list has both erasures" "$G $G2" "$(sort "$T/a/erased-guests" 2>/dev/null | tr '\n' ' ' | sed 's/ $//')"
check "B's list has none (B started before)" "" "$(cat "$T/b/erased-guests" 2>/dev/null)"

restore() {
	"$PG_BINDIR/pg_restore" --clean --if-exists -d "$PG_URI" "$T/before.dump" || fail "pg_restore"
	check "$1: the restored database has the guest back" "0 Wolanska Bozena b@example.org XK123" "$(guest "$G")"
}
reerased() { # WHEN: the guest is blank, audited as frontdeskd's, in the feed
	check "$1: the guest's personal data is blank again" "1 (erased)   " "$(guest "$G")"
	check "$1: the guest's booking stays" "ERASE1 $G" "$(pg_psql -c "SELECT code || ' ' || guest_id FROM bookings")"
	aop=$(pg_psql -c "SELECT op_id FROM audit_log WHERE type = 'guest.erase' AND actor = 'frontdeskd' AND outcome = 'applied' AND entity_id = '$G'")
	[ -n "$aop" ] && [ "$(echo "$aop" | wc -l)" = 1 ] || fail "$1: one audit row of frontdeskd's guest.erase: '$aop'"
	check "$1: the feed carries the re-erasure" "$aop" "$(pg_psql -c "SELECT op_id FROM changes WHERE entity = 'guest' AND entity_id = '$G'")"
	check "$1: the audit log's chain verifies" 0 "$(FDP check >/dev/null 2>&1; echo $?)"
	check "$1: the guest the backup never had stays absent" 0 "$(pg_psql -c "SELECT count(*) FROM guests WHERE id = '$G2'")"
}

# 1. A learns the new epoch (its listener, or the next request: either
# erases before answering).
restore "1"
FDP --data "$T/none" new-epoch >/dev/null || fail "new-epoch"
on A
check "1: a request to A after the new epoch" 410 "$(status GET "/v1/changes?since=0&epoch=old" "" "$ADM")"
reerased "1"
grep -q "erased again guest $G" "$T/A.log" || fail "1: A's log does not say it erased $G again"

# 2. Only B runs; it restarted after the erasure, so its list has it.
halt B
serve B
check "2: B completed its list from the database at start" "$G" "$(cat "$T/b/erased-guests" 2>/dev/null)"
halt A
restore "2"
FDP --data "$T/none" new-epoch >/dev/null || fail "new-epoch"
on B
check "2: a request to B after the new epoch" 410 "$(status GET "/v1/changes?since=0&epoch=old" "" "$ADM")"
reerased "2"
grep -q "erased again guest $G" "$T/B.log" || fail "2: B's log does not say it erased $G again"

# 3. No server runs: new-epoch with B's data directory erases again.
halt B
restore "3"
out=$(FDP --data "$T/b" new-epoch) || fail "3: new-epoch"
case $out in *"Erased again 1 guest erased after the backup was taken"*) ok "3: new-epoch says it erased 1 guest again" ;;
*) fail "3: new-epoch's output: $out" ;; esac
reerased "3"

# A push re-creating an erased guest is refused and changes nothing.
serve A
serve B
before=$(pg_psql -c "SELECT count(*) FROM guests")
for s in A B; do
	on $s
	n=$(next)
	R=$(push "$(op "$n" guest.create "{\"id\":\"$G\",\"family\":\"Wolanska\",\"given\":\"Bozena\"}" "$(uuid "$n" 88)")")
	check "re-creating the erased guest through $s: rejected guest_erased" "rejected guest_erased id" \
		"$(echo "$R" | jq -r '.results[0] | "\(.status) \(.error.code) \(.error.field)"')"
	echo "$R" | jq -r '.results[0].error.message' | grep -q "was erased; an operation cannot create it again" ||
		fail "the refusal through $s does not say why: $R"
done
on A
n=$(next)
R=$(push "$(op "$n" guest.create "{\"id\":\"$G2\",\"family\":\"Nowak\"}" "$(uuid "$n" 88)"),$(op $((n + 1)) guest.create "{\"id\":\"$(uuid 5 77)\",\"family\":\"Other\"}" "$(uuid $((n + 1)) 88)")")
check "re-creating the guest the backup never had through A: rejected, the next applied" \
	"rejected guest_erased applied" "$(echo "$R" | jq -r '[.results[0].status, .results[0].error.code, .results[1].status] | join(" ")')"
check "nothing came back" "$((before + 1)) 1 (erased) 0" \
	"$(pg_psql -c "SELECT count(*) FROM guests") $(guest "$G" | cut -d' ' -f1,2) $(pg_psql -c "SELECT count(*) FROM guests WHERE id = '$G2'")"
# ... nor their names, in any table (a conflict notice, a recorded result or
# an audit row would copy the payload).
check "no name of theirs anywhere in the database" 0 \
	"$("$PG_BINDIR/pg_dump" -d "$PG_URI" | grep -c -e Wolanska -e Bozena -e Nowak -e XK123)"
halt A
halt B
LOG=$T/A.log
cat "$T/B.log" >> "$LOG"
finish
