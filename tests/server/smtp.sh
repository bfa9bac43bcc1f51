# SPDX-License-Identifier: GPL-3.0-or-later
# The SMTP server of the mail tests: tests/server/smtpd.py on a free
# loopback port, writing each message it takes into a directory. Sourced
# after the test's lib.sh (its fail); the test's exit trap ends SMTP_PID.
#
#   smtp_start DIR LOG: the server, its messages in DIR (MAIL), its output
#     in LOG; sets SMTP_PORT and SMTP_PID, and PY, the python3 that has
#     aiosmtpd. Without python3-aiosmtpd, or if the server does not start,
#     the test fails at once.
#   wait_for FILE: until the server has written FILE (or 30 s), else fail.

smtp_start() {
	MAIL=$1
	# Debian's python3, which has python3-aiosmtpd (another python3 may come first in PATH).
	PY=python3
	[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
	"$PY" -c 'import aiosmtpd' 2>/dev/null || { echo "FAIL: python3-aiosmtpd is not installed" >&2; exit 1; }
	mkdir -p "$MAIL"
	SMTP_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	"$PY" "$top_srcdir/tests/server/smtpd.py" "$SMTP_PORT" "$MAIL" >"$2" 2>&1 &
	SMTP_PID=$!
	for _ in $(seq 1 100); do
		[ -f "$MAIL/ready" ] && return 0
		sleep 0.1
	done
	echo "FAIL: the SMTP server did not start: $(cat "$2")" >&2
	kill "$SMTP_PID" 2>/dev/null
	exit 1
}

wait_for() {
	for _ in $(seq 1 300); do
		[ -f "$1" ] && return 0
		sleep 0.1
	done
	fail "no message $1 arrived: $(ls "$MAIL")"
}
