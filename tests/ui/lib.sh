# SPDX-License-Identifier: GPL-3.0-or-later
# Shared helpers for the terminal application's tmux tests: a private tmux
# server, a small hotel built with frontdesk commands, and waiting for text
# on the screen by polling capture-pane (never fixed sleeps).
set -u
FD="$top_builddir/frontdesk"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fd-ui-test.XXXXXX")
SOCK="$WORK/tmux.sock"
DATA="$WORK/data"
TODAY=2026-11-25
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"

cleanup() {
	for s in "$WORK"/tmux*.sock; do [ -S "$s" ] && tmux -S "$s" kill-server 2>/dev/null; done
	rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*" >&2
	if [ -S "$SOCK" ]; then
		echo "--- screen:" >&2
		tmux -S "$SOCK" capture-pane -p -t ui >&2 2>/dev/null
	fi
	if [ -f "$DATA/frontdesk.db" ]; then
		echo "--- bookings:" >&2
		"$FD" --data "$DATA" bookings --from 2026-01-01 --to 2027-12-31 >&2
	fi
	exit 1
}

fd() { "$FD" --data "$DATA" "$@"; }

# A small hotel: two floors, two types, one arrival today with a room, one
# in-house guest and one arrival without a room.
make_hotel() {
	fd init --property "Test Hotel" --currency EUR --timezone Europe/Berlin --date $TODAY >/dev/null || fail "init"
	fd type add STD --name Standard --max 2 --rate 90.00 >/dev/null || fail "type add"
	fd type add DBL --name Double --max 3 --rate 120.00 --rank 1 >/dev/null || fail "type add"
	for r in 101 102 103 104; do fd room add $r --type STD --floor 1 --section A >/dev/null || fail "room add"; done
	for r in 201 202 203 204; do fd room add $r --type DBL --floor 2 --section B >/dev/null || fail "room add"; done
	ARRIVAL=$(fd book --guest "Müller, Anna" --room 102 --arrive 2026-11-25 --depart 2026-11-27) || fail "book"
	INHOUSE=$(fd book --guest "山田, 太郎" --room 201 --arrive 2026-11-25 --depart 2026-11-28) || fail "book"
	fd checkin "$INHOUSE" >/dev/null || fail "checkin"
	LATER=$(fd book --guest "Nguyễn, Thảo" --type STD --arrive 2026-11-27 --depart 2026-11-29) || fail "book"
}

# start COLS ROWS [TERM]: the application in a detached tmux session "ui".
# UI_ENV (e.g. FRONTDESK_ASCII=1) and UI_ARGS (e.g. --as anna) are passed on.
STARTS=0
start() {
	# A fresh server each time: reusing the socket of a server that is
	# still shutting down after its last session ended makes new-session
	# fail with "server exited unexpectedly".
	STARTS=$((STARTS + 1))
	SOCK="$WORK/tmux.$STARTS.sock"
	tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x "$1" -y "$2" \
		"env TERM=${3:-xterm-256color} LC_ALL=C.UTF-8 ${UI_ENV:-} ASAN_OPTIONS=$ASAN_OPTIONS $FD --data $DATA ${UI_ARGS:-}; echo EXITED \$?; sleep 30" ||
		fail "tmux new-session"
	tmux -S "$SOCK" set-option -t ui remain-on-exit on >/dev/null 2>&1
}

screen() { tmux -S "$SOCK" capture-pane -p -t ui; }

# wait_for TEXT [SECONDS]: poll the screen until TEXT appears.
wait_for() {
	local limit=$(( ${2:-10} * 20 )) i=0
	while [ $i -lt $limit ]; do
		if screen | grep -qF -- "$1"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	fail "timed out waiting for \"$1\""
	echo "--- the screen then:" >&2
	screen >&2
}

# wait_gone TEXT: poll until TEXT is no longer on the screen.
wait_gone() {
	local i=0
	while [ $i -lt 200 ]; do
		if ! screen | grep -qF -- "$1"; then return 0; fi
		sleep 0.05
		i=$((i + 1))
	done
	fail "timed out waiting for \"$1\" to go"
}

keys() { tmux -S "$SOCK" send-keys -t ui "$@"; }

# use_locale NAME (de_DE): LOCALE_ENV for UI_ENV that runs the application
# in NAME.UTF-8 (LANG, LC_ALL unset): the system's locale, or one made here
# when the system has none (tools/install-deps generates it).
use_locale() {
	LOCALE_ENV="LC_ALL= LANG=$1.UTF-8"
	if ! locale -a 2>/dev/null | grep -qix "$1.utf-\?8"; then
		mkdir -p "$WORK/locale"
		[ -d "$WORK/locale/$1.UTF-8" ] || localedef -i "$1" -c -f UTF-8 "$WORK/locale/$1.UTF-8" 2>/dev/null ||
			fail "no $1.UTF-8 locale (tools/install-deps makes it)"
		LOCALE_ENV="$LOCALE_ENV LOCPATH=$WORK/locale"
	fi
}
