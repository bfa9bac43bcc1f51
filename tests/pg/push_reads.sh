#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A batch push on PostgreSQL reads and writes per batch what is the same for
# every operation (src/server/pg_push.c, src/pg/repo_cache.c): the
# operations' recorded results in one query, the device's sequence moved
# once, the acting staff member, their chain role and the hotel read once,
# the audit chain's last row read once; what each operation writes stays
# per operation (its result row, its audit row). PostgreSQL's statement
# log (log_statement = all) counts them. The answers are the same as ever:
# applied, duplicates of recorded ones and of a repeat inside the batch.
set -u
. "${top_srcdir:?}/tests/server/lib.sh"
. "${top_srcdir:?}/tests/pg/lib.sh"
pg_start
pg_hotel "Reads Hotel" 2026-03-01 admin:admin # tests/pg/lib.sh
pg_serve A
URL=$A_URL
c=$("$FD" --database "$PG_URI" enroll-code 2>/dev/null)
t1=$(body POST /v1/devices "{\"code\":\"$c\",\"name\":\"desk 1\"}" | jq -r .token)
s1=$(sign_in "$t1" admin)
push() { req POST /v1/ops "$1" "$s1" | sed '1s/^[0-9]* //'; }
statuses() { jq -r '[.results[].status] | join(" ")'; }
DEVN=1
setup="$(op 1 room_type.create "{\"id\":\"$(uuid 2 91)\",\"code\":\"DBL\",\"name\":\"Double\",\"max_occupancy\":2,\"base_rate\":9000}"),$(op 2 room.create "{\"id\":\"$(uuid 1 92)\",\"number\":\"101\",\"type\":\"DBL\",\"floor\":1}")"
check "the hotel's room" "applied applied" "$(push "{\"ops\":[$setup]}" | statuses)"

# Ten flag changes, the first two already recorded, the fifth repeated
# inside the batch.
flags() { op "$1" room.set_flags "{\"room\":\"101\",\"dnd\":$([ $(($1 % 2)) = 1 ] && echo true || echo false)}"; }
check "the first two alone" "applied applied" "$(push "{\"ops\":[$(flags 3),$(flags 4)]}" | statuses)"
ops=""
for i in 3 4 5 6 7 8 9 10 11 12; do ops="$ops${ops:+,}$(flags $i)"; done
ops="$ops,$(flags 5)"
pg_psql -c "ALTER SYSTEM SET log_statement = 'all'" >/dev/null
pg_psql -c "SELECT pg_reload_conf()" >/dev/null
sleep 1
start=$(wc -l < "$PG_DIR/server.log")
check "the batch's answers" "duplicate duplicate applied applied applied applied applied applied applied applied duplicate" \
	"$(push "{\"ops\":[$ops]}" | statuses)"
sleep 0.5
tail -n +"$((start + 1))" "$PG_DIR/server.log" > "$PG_DIR/batch.log"
n() { grep -c -- "$1" "$PG_DIR/batch.log"; }
check "the recorded results: one query for the batch" 1 "$(n 'FROM srv_devices d LEFT JOIN srv_op_results')"
check "... no query per operation" 0 "$(n 'SELECT result FROM srv_op_results')"
check "one result row written per new operation" 8 "$(n 'INSERT INTO srv_op_results')"
check "the device's sequence moved once" 1 "$(n 'UPDATE srv_devices SET last_seq')"
check "the actor read once" 1 "$(n 'FROM staff WHERE')"
check "the hotel read once" 1 "$(n 'FROM properties WHERE id')"
check "the audit chain's last row read once" 1 "$(n 'SELECT seq, hash FROM audit_log')"
check "an audit row per new operation" 8 "$(n 'INSERT INTO audit_log')"
check "the device's last sequence" 12 "$(pg_psql -c "SELECT last_seq FROM srv_devices WHERE name = 'desk 1'")"
check "the audit log's chain verifies" 0 "$("$FD" --database "$PG_URI" check >/dev/null 2>&1; echo $?)"
check "the same batch again: all duplicates" "duplicate duplicate duplicate duplicate duplicate duplicate duplicate duplicate duplicate duplicate duplicate" \
	"$(push "{\"ops\":[$ops]}" | statuses)"
pg_stop_servers
cat "$PG_WORK/A.log" >> "$LOG"
finish
