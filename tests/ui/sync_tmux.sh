# SPDX-License-Identifier: GPL-3.0-or-later
# The application in tmux at a synced terminal (tests/sync/lib.sh): read
# the screen, wait for text on it, and stop tmux with the sync set-up.
# Sourced by the tmux tests that need a real frontdeskd.
. "$top_srcdir/tests/sync/lib.sh"
set +e
SOCK="$WORK/tmux.sock"

screen() { tmux -S "$SOCK" capture-pane -p -t ui; }
wait_for() {
	limit=$(( ${2:-15} * 20 )) i=0
	while [ $i -lt $limit ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "--- screen:" >&2
	screen >&2
	fail "timed out waiting for \"$1\""
}
wait_gone() {
	i=0
	while [ $i -lt 300 ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	fail "\"$1\" stays on the screen"
}
stop_tmux() { tmux -S "$SOCK" kill-server 2>/dev/null; }
trap 'stop_tmux; cleanup' EXIT INT TERM
