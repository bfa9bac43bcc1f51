# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the PostgreSQL tests: a throwaway PostgreSQL cluster of
# Debian's postgresql package, made with initdb in a temporary directory,
# listening on a free loopback port only, stopped and removed when the test
# exits whatever happens (kill -9 of the test aside). PostgreSQL refuses to
# run as root: as root (CI), the cluster runs as the user 'postgres' that the
# package creates (or 'nobody'); as anyone else, as that user.
#
#   . "$top_srcdir/tests/pg/lib.sh"
#   pg_start            # sets PG_URI (postgresql://fd@127.0.0.1:PORT/frontdesk), PG_PORT
#   pg_psql -c 'SELECT 1'
#
# Further down: pg_admin_start / pg_admin_hotel for the administration
# tests, pg_hotel / pg_serve / pg_desks / pg_rooms / pg_hotel_with_desks for
# the terminal tests.
#
# Source tests/server/lib.sh (if used) first: its cleanup runs after ours.
# Both give tests/checks.sh's fail, ok and check; a test on this file
# alone ends with pg_finish, one on tests/server/lib.sh too with its finish.

. "${top_srcdir:?}/tests/checks.sh" # failures, fail, ok, check

PG_BINDIR=
for _d in "$(pg_config --bindir 2>/dev/null)" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
	if [ -n "$_d" ] && [ -x "$_d/initdb" ] && [ -x "$_d/pg_ctl" ]; then PG_BINDIR=$_d; break; fi
done
if [ -z "$PG_BINDIR" ]; then
	echo "FAIL: PostgreSQL's initdb not found: install the 'postgresql' package (packaging/build-deps.txt)" >&2
	exit 1
fi
command -v psql >/dev/null || { echo "FAIL: psql not found (postgresql-client)" >&2; exit 1; }

PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/fdpg.XXXXXX")
chmod 0755 "$PG_DIR"
PG_PORT=
PG_URI=
PG_PID=

if [ "$(id -u)" = 0 ]; then
	if id postgres >/dev/null 2>&1; then PG_OWNER=postgres; else PG_OWNER=nobody; fi
	chown "$PG_OWNER" "$PG_DIR"
	pg_as_owner() { (cd "$PG_DIR" && runuser -u "$PG_OWNER" -- "$@"); }
else
	pg_as_owner() { (cd "$PG_DIR" && "$@"); }
fi

pg_stop() {
	for _c in "$PG_DIR"/*; do # data, standby, a restored cluster, ...
		[ -f "$_c/postmaster.pid" ] || continue
		_pid=$(head -n1 "$_c/postmaster.pid")
		pg_as_owner "$PG_BINDIR/pg_ctl" -D "$_c" -m immediate -w stop >/dev/null 2>&1 ||
			kill -9 "$_pid" 2>/dev/null
	done
	PG_PID=
}

pg_cleanup() {
	pg_kill_servers
	pg_stop
	rm -rf "$PG_DIR"
	if command -v cleanup >/dev/null 2>&1; then cleanup; fi
}
trap pg_cleanup EXIT
trap 'exit 1' INT TERM HUP

# pg_finish [LOG...]: the end of a test on this file alone: a sanitizer
# report in a server's log is a failure; a failure shows the logs' tails
# and fails the test.
pg_finish() {
	if [ $# -gt 0 ] && grep -qs Sanitizer "$@"; then
		fail "sanitizer reports"
		grep -s -A20 Sanitizer "$@" | head -40 >&2
	fi
	if [ "$failures" != 0 ]; then
		[ $# -gt 0 ] && tail -n 20 "$@" >&2
		exit 1
	fi
	exit 0
}

# A free TCP port on 127.0.0.1 (the kernel's choice; pg_start retries if
# another process takes it first).
pg_free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_start() {
	pg_as_owner "$PG_BINDIR/initdb" -D "$PG_DIR/data" -U fd --auth=trust -E UTF8 --locale=C --no-sync \
		>"$PG_DIR/initdb.log" 2>&1 || { echo "FAIL: initdb" >&2; cat "$PG_DIR/initdb.log" >&2; exit 1; }
	for _try in 1 2 3 4 5; do
		PG_PORT=$(pg_free_port)
		if pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
			-o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DIR -c fsync=off -c max_connections=40" \
			start >/dev/null 2>&1; then
			PG_PID=$(head -n1 "$PG_DIR/data/postmaster.pid")
			PG_URI="postgresql://fd@127.0.0.1:$PG_PORT/frontdesk"
			psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U fd -d postgres -c 'CREATE DATABASE frontdesk' >/dev/null ||
				{ echo "FAIL: CREATE DATABASE" >&2; exit 1; }
			return 0
		fi
	done
	echo "FAIL: PostgreSQL did not start" >&2
	cat "$PG_DIR/server.log" >&2
	exit 1
}

# pg_standby: a streaming-replication standby of the cluster (pg_basebackup
# into $PG_DIR/standby, application_name standby1) on another free loopback
# port, PG_STANDBY_PORT; the primary then commits synchronously to it.
pg_standby() {
	pg_as_owner "$PG_BINDIR/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U fd -D "$PG_DIR/standby" -X stream -c fast \
		>"$PG_DIR/basebackup.log" 2>&1 || { echo "FAIL: pg_basebackup" >&2; cat "$PG_DIR/basebackup.log" >&2; exit 1; }
	pg_as_owner sh -c "touch '$PG_DIR/standby/standby.signal' &&
		echo \"primary_conninfo = 'host=127.0.0.1 port=$PG_PORT user=fd application_name=standby1'\" >> '$PG_DIR/standby/postgresql.auto.conf'"
	for _try in 1 2 3 4 5; do
		PG_STANDBY_PORT=$(pg_free_port)
		if pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_DIR/standby" -l "$PG_DIR/standby.log" -w -t 60 \
			-o "-c listen_addresses=127.0.0.1 -p $PG_STANDBY_PORT -c unix_socket_directories=$PG_DIR -c fsync=off" \
			start >/dev/null 2>&1; then
			pg_psql -c "ALTER SYSTEM SET synchronous_standby_names = 'standby1'" -c 'SELECT pg_reload_conf()' >/dev/null
			for _ in $(seq 1 100); do
				[ "$(pg_psql -c "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")" = sync ] &&
					return 0
				sleep 0.1
			done
			echo "FAIL: the standby does not replicate synchronously" >&2; cat "$PG_DIR/standby.log" >&2; exit 1
		fi
	done
	echo "FAIL: the standby did not start" >&2; cat "$PG_DIR/standby.log" >&2; exit 1
}

# Fail over: the primary dies at once (as kill -9 of the machine would
# leave it), the standby is promoted.
pg_failover() {
	pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
	pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_DIR/standby" -w promote >/dev/null 2>&1 ||
		{ echo "FAIL: promoting the standby" >&2; exit 1; }
}

# psql on the test database: pg_psql [psql options], quiet, unaligned,
# stopping at the first error.
pg_psql() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$PG_URI" "$@"; }

# A second frontdeskd on the same database (needs tests/server/lib.sh's FD,
# D and T): B its URL, B_PID its process; stop_b ends it, and it is killed
# when the test exits, before the cluster is removed.
pg_start_b() {
	echo "--- start" >> "$T/b.log"
	"$FD" --data "$D" serve --listen 127.0.0.1:0 --database "$PG_URI" 2>>"$T/b.log" &
	B_PID=$!
	for _ in $(seq 1 100); do
		_port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$T/b.log" | tail -1)
		[ -n "$_port" ] && break
		sleep 0.05
	done
	B=http://127.0.0.1:$_port
	trap 'cleanup_b; pg_cleanup' EXIT
}
stop_b() { [ -n "$B_PID" ] && kill -TERM "$B_PID" && wait "$B_PID"; B_PID=; }
cleanup_b() { [ -n "$B_PID" ] && kill -9 "$B_PID" 2>/dev/null; B_PID=; }

# --- the set-up the administration tests share (on tests/server/lib.sh's
# FD, D, T and fail) ---
# pg_admin_start: the cluster, the data directory D and T/pw, the users'
# password file ("correct horse battery"). FDP ARGS...: frontdeskd on the
# database.
pg_admin_start() {
	pg_start
	mkdir -p "$D"
	printf 'correct horse battery\n' > "$T/pw"
}
FDP() { "$FD" --database "$PG_URI" "$@"; }
# pg_admin_hotel NAME USER:ROLE...: frontdeskd init of hotel NAME (EUR,
# Europe/Lisbon, business date 2026-03-01) and its users, each refusal a
# failure of the test ("init", "user add USER").
pg_admin_hotel() {
	_name=$1
	shift
	FDP init --property "$_name" --currency EUR --timezone Europe/Lisbon --date 2026-03-01 >/dev/null 2>&1 ||
		fail "init"
	for _u; do
		FDP user add "${_u%%:*}" --role "${_u#*:}" --password-file "$T/pw" >/dev/null || fail "user add ${_u%%:*}"
	done
}

# --- a hotel and its servers: the set-up the terminal tests share ---
# PG_WORK holds the servers' data directory (srv), their logs (NAME.log)
# and URLs (NAME.url), the terminals' caches and PG_PW, the users'
# password file ("correct horse battery").
PG_WORK=$PG_DIR/work
PG_PW=$PG_WORK/pw
PG_SERVERS=

# pg_hotel NAME DATE USER:ROLE...: a hotel (EUR, Europe/Lisbon, its
# business date DATE) made with frontdeskd init, and its users.
pg_hotel() {
	_name=$1 _date=$2
	shift 2
	mkdir -p "$PG_WORK/srv"
	printf 'correct horse battery\n' > "$PG_PW"
	"${top_builddir:?}/frontdeskd" --database "$PG_URI" init --property "$_name" --currency EUR \
		--timezone Europe/Lisbon --date "$_date" >/dev/null 2>&1 || { echo "FAIL: init of $_name" >&2; exit 1; }
	for _u; do
		"$top_builddir/frontdeskd" --database "$PG_URI" user add "${_u%%:*}" --role "${_u#*:}" \
			--password-file "$PG_PW" >/dev/null || { echo "FAIL: user add $_u" >&2; exit 1; }
	done
}

# pg_serve NAME [OPTIONS]: a frontdeskd on the database, on a free port (on
# the same port again when NAME is restarted: terminals know a server by
# its address); NAME_PID its process, NAME_URL and the file NAME.url its
# URL, NAME.log its log. pg_stop_servers stops them all (SIGTERM, waiting);
# the test's exit kills what is left.
pg_serve() {
	_n=$1
	shift
	_port=0
	if [ -f "$PG_WORK/$_n.url" ]; then _u=$(cat "$PG_WORK/$_n.url"); _port=${_u##*:}; fi
	mkdir -p "$PG_WORK/srv"
	echo "--- start" >> "$PG_WORK/$_n.log"
	"${top_builddir:?}/frontdeskd" --data "$PG_WORK/srv" serve --listen "127.0.0.1:$_port" --database "$PG_URI" "$@" \
		2>>"$PG_WORK/$_n.log" &
	eval "${_n}_PID=\$!"
	case " $PG_SERVERS " in *" $_n "*) ;; *) PG_SERVERS="$PG_SERVERS $_n" ;; esac
	for _ in $(seq 1 100); do
		_port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$PG_WORK/$_n.log" | tail -1)
		if [ -n "$_port" ] && [ "$(grep -c -- '--- start' "$PG_WORK/$_n.log")" = "$(grep -c 'listening on' "$PG_WORK/$_n.log")" ]; then
			echo "http://127.0.0.1:$_port" > "$PG_WORK/$_n.url"
			eval "${_n}_URL=http://127.0.0.1:$_port"
			return 0
		fi
		sleep 0.05
	done
	echo "FAIL: server $_n did not start" >&2; cat "$PG_WORK/$_n.log" >&2; exit 1
}
pg_stop_servers() {
	for _n in $PG_SERVERS; do
		eval "_p=\${${_n}_PID:-}"
		[ -n "$_p" ] && kill -TERM "$_p" 2>/dev/null && wait "$_p"
		eval "${_n}_PID="
	done
	return 0
}
pg_kill_servers() {
	for _n in $PG_SERVERS; do
		eval "_p=\${${_n}_PID:-}"
		[ -n "$_p" ] && kill -9 "$_p" 2>/dev/null
		eval "${_n}_PID="
	done
	return 0
}

# pg_desks: the terminals of a pg_hotel and its pg_serve servers:
#   term TERMINAL ARGS...: the terminal frontdesk with its cache in
#     PG_WORK/TERMINAL
#   enroll TERMINAL SERVER USER: enrol it through server SERVER (A, B...)
#     with a new code and sign USER in
pg_desks() {
	term() { _t=$1; shift; "$top_builddir/frontdesk" --data "$PG_WORK/$_t" "$@"; }
	enroll() {
		_code=$("$top_builddir/frontdeskd" --database "$PG_URI" enroll-code 2>/dev/null)
		term "$1" enroll "$(cat "$PG_WORK/$2.url")" "$_code" --name "$1" >/dev/null || fail "enrolling $1"
		term "$1" login "$3" --password-file "$PG_PW" >/dev/null || fail "signing in on $1"
	}
}

# pg_rooms TERMINAL NUMBER...: room type DBL (Double, 2 guests, 90.00)
# and the rooms NUMBER (3 digits, the first the floor) made at TERMINAL
# (term) in one batch, not yet pushed; a refusal fails the test.
pg_rooms() {
	_t=$1
	shift
	{
		echo '{"type":"room_type.create","payload":{"id":"00000000-0000-4000-8000-000000000001","code":"DBL","name":"Double","max_occupancy":2,"base_rate":9000}}'
		for _n; do
			printf '{"type":"room.create","payload":{"id":"00000000-0000-4000-8001-000000000%s","number":"%s","type":"DBL","floor":%s}}\n' \
				"$_n" "$_n" "${_n%??}"
		done
	} > "$PG_WORK/rooms.jsonl"
	term "$_t" op --batch "$PG_WORK/rooms.jsonl" >/dev/null || fail "making rooms"
}

# pg_hotel_with_desks: hotel "Chain" (business date 2026-11-25) with boss
# (admin) and anna (staff), served by two frontdeskd, A and B; pg_desks'
# term and enroll.
pg_hotel_with_desks() {
	pg_hotel Chain 2026-11-25 boss:admin anna:staff
	pg_serve A
	pg_serve B
	pg_desks
}
