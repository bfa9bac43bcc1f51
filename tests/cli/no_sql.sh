#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every SQL statement of the store's tables lives in src/store/: the command
# line, the application, the session and the sync engine call store
# functions named for what they hold (freeing SQLite's memory is not SQL).
set -u
cd "$top_srcdir" || exit 1
found=$(grep -nE 'sqlite3_[a-z_]+ *\(|fd_db_stmt|fd_db_exec|fd_db_handle' \
	src/cli/*.c src/cli/*.h ui/*.c ui/*.h src/session/*.c src/session/*.h src/sync/*.c src/sync/*.h |
	grep -v 'sqlite3_free(')
if [ -n "$found" ]; then
	echo "FAIL: SQL outside src/store:" >&2
	echo "$found" >&2
	exit 1
fi
exit 0
