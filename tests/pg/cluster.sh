#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The test cluster of tests/pg/lib.sh: starts as an unprivileged user on a
# loopback port, answers, and is stopped and removed when the test ends.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"

# A test that starts a cluster and exits: nothing of it is left.
out=$(sh -c '. "$top_srcdir/tests/pg/lib.sh"; pg_start; echo "$PG_DIR $PG_PID $PG_URI"; exit 0')
dir=${out%% *}
rest=${out#* }
pid=${rest%% *}
uri=${rest#* }
case $uri in postgresql://fd@127.0.0.1:[0-9]*/frontdesk) ;; *) fail "the URI: '$uri'" ;; esac
[ -n "$pid" ] || fail "no postmaster pid"
[ ! -e "$dir" ] || fail "the cluster's directory $dir is left after the test"
# (a zombie not yet reaped by whoever adopted it does not count)
state=$(ps -o stat= -p "$pid" 2>/dev/null)
case $state in '' | Z*) ;; *) fail "postgres $pid still runs after the test"; kill -9 "$pid" ;; esac

pg_start
[ "$(pg_psql -c 'SELECT 41 + 1')" = 42 ] || fail "the cluster does not answer"
[ "$(pg_psql -c 'SHOW listen_addresses')" = 127.0.0.1 ] || fail "listens beyond loopback"
[ "$(pg_psql -c 'SELECT current_database()')" = frontdesk ] || fail "the database"
owner=$(ps -o user= -p "$PG_PID")
[ "$owner" != root ] || fail "postgres runs as root"
echo "ok: a cluster on port $PG_PORT as $owner"
pg_finish
