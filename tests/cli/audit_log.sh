#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The terminal's audit log (issue 19): refusals the local core makes are
# recorded (who, what, why), every row is chained by a BLAKE2b hash, and
# `frontdesk check` verifies the chain and names the first broken row; an
# erased guest's sealed history still verifies.
. "$top_srcdir/tests/cli/lib.sh"
make_hotel
DB="$DATA/frontdesk.db"
q() { sqlite3 "$DB" "$1"; }

CODE=$(fd book --guest "Zyx, Quentin" --type STD --arrive 2026-11-25 --depart 2026-11-27) || fail book

# A permission refusal: recorded with who, what and why; nothing else.
expect_refused 1 "may not perform staff.create" -- fd --as anna staff add eve --name Eve --role admin --dept management
[ "$(q "SELECT actor || ' ' || type || ' ' || outcome || ' ' || code FROM audit_log ORDER BY seq DESC LIMIT 1")" = "anna staff.create refused forbidden" ] ||
	fail "the refusal row: $(q "SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")"
q "SELECT reason FROM audit_log ORDER BY seq DESC LIMIT 1" | grep -q "Role staff may not perform staff.create" || fail "the refusal row does not say why"
q "SELECT count(*) FROM staff WHERE username = 'eve'" | grep -qx 0 || fail "the refused staff member exists"
# An invalid operation: recorded, without the payload that was refused.
expect_refused 1 "card number" -- fd op guest.update "{\"guest\":\"x\",\"notes\":\"4111 1111 1111 1111\"}"
[ "$(q "SELECT type || ' ' || outcome || ' ' || payload FROM audit_log ORDER BY seq DESC LIMIT 1")" = "guest.update refused {}" ] ||
	fail "the invalid op's refusal row: $(q "SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")"
grep -cF "4111 1111 1111 1111" "$DB" "$DB-wal" 2>/dev/null | grep -qv ":0" && fail "the refused card number reached the database"

# The chain is intact, and stays so after an erasure (the sealed bytes are
# hashed, not the plaintext that is gone with the key).
fd check >"$TMP/out" 2>&1 || fail "check on an intact log: $(cat "$TMP/out")"
grep -q "^check: ok" "$TMP/out" || fail "check says: $(cat "$TMP/out")"
GUEST=$(q "SELECT guest_id FROM bookings WHERE code = '$CODE'")
fd --as mia guest erase "$GUEST" >/dev/null || fail "erase"
q "SELECT count(*) FROM guest_keys WHERE guest_id = '$GUEST'" | grep -qx 0 || fail "the guest's key is still there"
fd check >/dev/null 2>&1 || fail "check after an erasure: $(fd check 2>&1)"
rows=$(q "SELECT count(*) FROM audit_log")
fd --json check | jq -e ".audit_chain_ok == true and .rows == $rows" >/dev/null || fail "check --json: $(fd --json check)"

# Tampering: a row changed (the trigger dropped first, as an attacker with
# the file would), a row removed, a row inserted: check names the row.
cp "$DB" "$TMP/clean.db"
q "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mia' WHERE seq = 12;"
fd check >"$TMP/out" 2>"$TMP/err" && fail "check passed a changed row"
grep -q "broken at row 12" "$TMP/err" || fail "check does not name the changed row: $(cat "$TMP/err")"
fd --json check 2>/dev/null | jq -e '.first_broken_row == 12' >/dev/null || fail "check --json does not name row 12"
cp "$TMP/clean.db" "$DB"; rm -f "$DB-wal" "$DB-shm"
q "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 5;"
fd check 2>"$TMP/err" && fail "check passed a removed row"
grep -q "broken at row 6" "$TMP/err" || fail "check does not name the row after the removed one: $(cat "$TMP/err")"
cp "$TMP/clean.db" "$DB"; rm -f "$DB-wal" "$DB-shm"
fd check >/dev/null 2>&1 || fail "the restored copy does not check"

# Migration 19 chains the rows an older version wrote.
q "DROP TRIGGER audit_log_no_update; ALTER TABLE audit_log DROP COLUMN hash; ALTER TABLE audit_log DROP COLUMN session;
 ALTER TABLE audit_log DROP COLUMN reason; ALTER TABLE audit_log DROP COLUMN code; ALTER TABLE audit_log DROP COLUMN outcome;
 CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
 DELETE FROM schema_migrations WHERE chain = 'core' AND version = 19;" || fail "downgrade"
fd check >"$TMP/out" 2>&1 || fail "check after migration 19: $(cat "$TMP/out")"
[ "$(q "SELECT count(*) FROM audit_log WHERE length(hash) = 64")" = "$(q "SELECT count(*) FROM audit_log")" ] || fail "rows left unchained"
q "UPDATE audit_log SET hash = 'x'" 2>/dev/null && fail "the audit log is no longer append-only"
finish
