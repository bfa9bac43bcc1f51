#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# frontdeskd --database URI user list | passwd | disable, backup, restore
# and the table of commands on PostgreSQL, as on SQLite (admin.c): the
# same options and output, per hotel (--property CODE, or the only one);
# refusals (an unknown person, one of another hotel, an unknown hotel)
# change nothing; backup and restore through pg_dump and pg_restore.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_admin_start # tests/pg/lib.sh: $T/pw
printf 'another horse battery\n' > "$T/pw2"
FDS() { "$FD" --data "$T/sq" "$@"; }
FDP init --property "Chain Hotel" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null 2>&1 || fail "init"
H=$(pg_psql -c "SELECT id FROM properties")
FDP user add admin --role admin --password-file "$T/pw" >/dev/null || fail "user add admin"
FDP user add anna --role staff --display-name "Anna Lopes" --department housekeeping --password-file "$T/pw" >/dev/null || fail "user add anna"

# The same hotel on SQLite: the same list, column for column.
FDS init --property "Chain Hotel" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null 2>&1 || fail "sqlite init"
FDS user add admin --role admin --password-file "$T/pw" >/dev/null || fail "sqlite user add admin"
FDS user add anna --role staff --display-name "Anna Lopes" --department housekeeping --password-file "$T/pw" >/dev/null || fail "sqlite user add anna"
check "user list: the SQLite server's output" "$(FDS user list)" "$(FDP user list)"

FDP property add OTHER --name "Other Hotel" --currency EUR --timezone Europe/Lisbon >/dev/null || fail "property add"
FDP user add bruno --role admin --property OTHER --password-file "$T/pw" >/dev/null || fail "user add bruno"
out=$(FDP user list 2>&1); rc=$?
check "with two hotels, user list asks which" "1 yes" "$rc $(echo "$out" | grep -q -- '--property CODE' && echo yes)"
check "user list --property OTHER: its staff only" "bruno" "$(FDP user list --property OTHER | awk 'NR > 1 {print $1}')"
check "user list --property ID: the first hotel's" "admin anna" "$(FDP user list --property "$H" | awk 'NR > 1 {print $1}' | xargs)"
out=$(FDP user list --property NOPE 2>&1); rc=$?
check "an unknown hotel is refused" "1 yes" "$rc $(echo "$out" | grep -q NOPE && echo yes)"

# anna signs in at a desk of the first hotel.
start_server --database "$PG_URI"
code=$(FDP enroll-code --property "$H" 2>/dev/null)
dev=$(body POST /v1/devices "{\"code\":\"$code\",\"name\":\"desk 1\"}" | jq -r .token)
s=$(sign_in "$dev" anna)
check "anna's session works" 200 "$(status GET /v1/rooms "" "$s")"
check "user list counts her session and when she was seen" "anna staff housekeeping active 1 yes Anna Lopes" \
	"$(FDP user list --property "$H" | awk '$1 == "anna" {print $1, $2, $3, $4, $5, ($6 ~ /^20[0-9-]*T[0-9:]*Z$/ ? "yes" : $6), $7, $8}')"

# Refusals change nothing.
state() { pg_psql -c "SELECT string_agg(concat_ws(':', property_id, username, role, active, version), ' ' ORDER BY property_id, username) FROM staff" \
	-c "SELECT string_agg(concat_ws(':', username, hash), ' ' ORDER BY username) FROM srv_credentials" \
	-c "SELECT count(*) FROM srv_sessions" -c "SELECT count(*) FROM audit_log" -c "SELECT count(*) FROM srv_enroll_codes"; }
before=$(state)
out=$(FDP user passwd nobody --property "$H" --password-file "$T/pw2" 2>&1); rc=$?
check "passwd of an unknown person is refused" "1 frontdeskd: No staff member \"nobody\"." "$rc $out"
out=$(FDP user passwd bruno --property "$H" --password-file "$T/pw2" 2>&1); rc=$?
check "... and of another hotel's" "1 frontdeskd: No staff member \"bruno\"." "$rc $out"
out=$(FDP user disable nobody --property "$H" 2>&1); rc=$?
check "disable of an unknown person is refused" "1 frontdeskd: No staff member \"nobody\"." "$rc $out"
out=$(FDP user disable bruno --property "$H" 2>&1); rc=$?
check "... and of another hotel's" "1 frontdeskd: No staff member \"bruno\"." "$rc $out"
out=$(FDP user disable anna --property NOPE 2>&1); rc=$?
check "... and in an unknown hotel" "1 yes" "$rc $(echo "$out" | grep -q NOPE && echo yes)"
out=$(FDP user passwd anna --property "$H" --password-file "$T/nofile" 2>&1); rc=$?
check "... a missing password file" "1 yes" "$rc $(echo "$out" | grep -q nofile && echo yes)"
out=$(FDP user add carla --role staff --property NOPE --password-file "$T/pw" 2>&1); rc=$?
check "user add in an unknown hotel is refused" "1 yes" "$rc $(echo "$out" | grep -q NOPE && echo yes)"
out=$(FDP user add carla --role chef --property "$H" --password-file "$T/pw" 2>&1); rc=$?
check "... with an unknown role" 1 "$rc"
out=$(FDP enroll-code --property NOPE 2>&1); rc=$?
check "enroll-code for an unknown hotel is refused" "1 yes" "$rc $(echo "$out" | grep -q NOPE && echo yes)"
check "user passwd without a name is a usage error" 2 "$(FDP user passwd >/dev/null 2>&1; echo $?)"
check "an unknown user subcommand too" 2 "$(FDP user rename anna >/dev/null 2>&1; echo $?)"
check "the refusals changed nothing" "$before" "$(state)"

# user add of a person the chain knows (bruno, admin of OTHER) into this
# hotel: a role here, and the password he has stays; another password
# file does not change it behind his back.
printf 'a different password\n' > "$T/pw3"
hash_before=$(pg_psql -c "SELECT hash FROM srv_credentials WHERE username = 'bruno'")
check "user add of a known person says the password stays" \
	"bruno: done. bruno already has a password in the chain, which stays as it is (user passwd changes it)." \
	"$(FDP user add bruno --role staff --property "$H" --password-file "$T/pw3")"
check "... and it does" "$hash_before" \
	"$(pg_psql -c "SELECT hash FROM srv_credentials WHERE username = 'bruno'")"
check "... he is staff here now" "staff" \
	"$(pg_psql -c "SELECT role FROM staff WHERE username = 'bruno' AND property_id = '$H'")"
before=$(state)

# passwd: the new password works, the old does not, her session ended.
check "user passwd anna" "anna: done." "$(FDP user passwd anna --property "$H" --password-file "$T/pw2")"
check "... her session ended" 401 "$(status GET /v1/rooms "" "$s")"
check "... the old password no longer signs in" 401 \
	"$(status POST /v1/sessions '{"username":"anna","password":"correct horse battery"}' "$dev")"
s=$(body POST /v1/sessions '{"username":"anna","password":"another horse battery"}' "$dev" | jq -r .token)
check "... the new one does" 200 "$(status GET /v1/rooms "" "$s")"
check "... in the hotel's audit log" "staff.password staff anna frontdeskd" \
	"$(pg_psql -c "SELECT type, entity, entity_id, actor FROM audit_log WHERE property_id = '$H' AND type = 'staff.password'" | tr '|' ' ')"

# disable: she can no longer sign in here; bruno's hotel is untouched.
check "user disable anna" "anna: done." "$(FDP user disable anna --property "$H")"
check "... her session ended" 401 "$(status GET /v1/rooms "" "$s")"
check "... she cannot sign in" 401 \
	"$(status POST /v1/sessions '{"username":"anna","password":"another horse battery"}' "$dev")"
check "... the list says so" "disabled 0" "$(FDP user list --property "$H" | awk '$1 == "anna" {print $4, $5}')"
check "... an operation of core, audited" "staff.update staff anna applied" \
	"$(pg_psql -c "SELECT type, entity, entity_id, outcome FROM audit_log WHERE property_id = '$H' AND type = 'staff.update'" | tr '|' ' ')"
check "... and sent to the desks through the feed" 1 \
	"$(body GET "/v1/changes?since=0&limit=1000" "" "$(sign_in "$dev" admin)" | jq '[.changes[] | select(.entity == "staff" and .id == "anna" and .state.active == 0)] | length')"
check "the audit chains are intact" 0 "$(FDP check >/dev/null 2>&1; echo $?)"

# backup and restore: pg_dump and pg_restore, run by frontdeskd, the
# connection through libpq's environment (never on a command line).
n=$(pg_psql -c "SELECT count(*) FROM staff")
epoch=$(pg_psql -c "SELECT value FROM meta WHERE key = 'server_epoch'")
out=$(FDP backup "$T/chain.dump" 2>&1); rc=$?
check "backup on PostgreSQL while serving: exit 0, a file of mode 600, no part left" "0 600 no" \
	"$rc $(stat -c %a "$T/chain.dump" 2>/dev/null) $([ -e "$T/chain.dump.part" ] && echo yes || echo no)"
check "... says where" "Backed up the database to $T/chain.dump (pg_dump, custom format)." "$out"
"$PG_BINDIR/pg_restore" --list "$T/chain.dump" >/dev/null 2>&1 || fail "the backup is not pg_restore's"
FDP user add zoe --role staff --property "$H" --password-file "$T/pw" >/dev/null || fail "user add zoe"
out=$(FDP restore "$T/chain.dump" 2>&1); rc=$?
check "restore while a frontdeskd serves: refused, nothing changed" "1 yes $((n + 1))" \
	"$rc $(echo "$out" | grep -q 'stop every frontdeskd on it first. Nothing restored.' && echo yes) $(pg_psql -c "SELECT count(*) FROM staff")"
printf 'not a dump\n' > "$T/junk.dump"
stop_server || fail "the server did not stop cleanly"
out=$(FDP restore "$T/junk.dump" 2>&1); rc=$?
check "restore of a file that is no backup: refused, nothing changed" "1 yes $((n + 1))" \
	"$rc $(echo "$out" | grep -q 'is not a backup that pg_restore can read' && echo yes) $(pg_psql -c "SELECT count(*) FROM staff")"
out=$(FDP restore "$T/chain.dump" 2>&1); rc=$?
check "restore with every server stopped: exit 0" 0 "$rc"
echo "$out" | grep -q "Restored the database frontdesk from $T/chain.dump." || fail "restore says: $out"
check "... the database is the backup's (zoe, added after it, is gone)" "$n|0" \
	"$(pg_psql -c "SELECT count(*), count(*) FILTER (WHERE username = 'zoe') FROM staff")"
new_epoch=$(pg_psql -c "SELECT value FROM meta WHERE key = 'server_epoch'")
[ -n "$new_epoch" ] && [ "$new_epoch" != "$epoch" ] || fail "restore should renew the epoch: '$epoch' -> '$new_epoch'"
echo "$out" | grep -q "New epoch $new_epoch" || fail "restore should say the new epoch: $out"
check "... and the audit chains are intact" 0 "$(FDP check >/dev/null 2>&1; echo $?)"
start_server --database "$PG_URI"
check "backup without a file is a usage error" 2 "$(FDP backup >/dev/null 2>&1; echo $?)"
out=$("$FD" --database "postgresql://fd:secret@127.0.0.1:$PG_PORT/frontdesk" backup "$T/x.dump" 2>&1)
check "a password in the URI works and is never shown" "0 no" "$? $(echo "$out" | grep -q secret && echo yes || echo no)"

# The table: an unknown command lists those there are.
out=$(FDP frobnicate 2>&1); rc=$?
check "an unknown command: exit 2 and the commands on PostgreSQL" "2 yes yes" \
	"$rc $(echo "$out" | grep -q 'user passwd NAME' && echo yes) $(echo "$out" | grep -q 'metrics-token' && echo yes)"
check "check takes no arguments" 2 "$(FDP check now >/dev/null 2>&1; echo $?)"
check "--help lists them with --database" yes \
	"$(FDP --help | grep -q 'commands on PostgreSQL' && echo yes)"
tok=$(FDP metrics-token 2>/dev/null)
check "metrics-token through the table" 200 "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" "$URL/v1/metrics")"
check "metrics-token revoke" "No scrape token works now." "$(FDP metrics-token revoke)"
check "... the token no longer works" 401 "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" "$URL/v1/metrics")"

stop_server || fail "the server did not stop cleanly"
finish
