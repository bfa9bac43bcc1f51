// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"
#include "store/privacy.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "store/db_internal.h"

#define SEAL_PREFIX "sealed:v1:"

/* Store a new key for the guest, unless one is there already: *stored says
 * whether this one was. */
static enum fd_status store_key(struct fd_db *db, const char *guest_id,
                                unsigned char key[crypto_secretbox_KEYBYTES], bool *stored,
                                struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db,
	                             "INSERT INTO guest_keys (guest_id, key) VALUES (?1, ?2)"
	                             " ON CONFLICT(guest_id) DO NOTHING",
	                             err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	crypto_secretbox_keygen(key);
	sqlite3_bind_text(s, 1, guest_id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(s, 2, key, crypto_secretbox_KEYBYTES, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return fd_db_fail(db, err, "storing a guest's key");
	*stored = sqlite3_changes(fd_db_handle(db)) == 1;
	return FD_OK;
}

/* Read the guest's key: *found says whether a whole key was there. */
static enum fd_status read_key(struct fd_db *db, const char *guest_id,
                               unsigned char key[crypto_secretbox_KEYBYTES], bool *found,
                               struct fd_error *err)
{
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT key FROM guest_keys WHERE guest_id = ?1", err);
	if (!s)
		return fd_error_status(err, FD_E_IO);
	sqlite3_bind_text(s, 1, guest_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	*found = rc == SQLITE_ROW && sqlite3_column_bytes(s, 0) == crypto_secretbox_KEYBYTES;
	if (*found)
		memcpy(key, sqlite3_column_blob(s, 0), crypto_secretbox_KEYBYTES);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fd_db_fail(db, err, "reading a guest's key");
	return FD_OK;
}

/* The guest's key, made and kept when the guest has none. A guest just
 * created (fresh) has none: its key is stored at once, by a statement that
 * leaves a key already there alone, and read only when one was there,
 * rather than read first and found missing (a statement more for every
 * guest.create). */
static enum fd_status guest_key(struct fd_db *db, const char *guest_id, bool fresh,
                                unsigned char key[crypto_secretbox_KEYBYTES], struct fd_error *err)
{
	bool done = false;
	enum fd_status st;
	if (fresh && ((st = store_key(db, guest_id, key, &done, err)) || done))
		return st;
	if ((st = read_key(db, guest_id, key, &done, err)) || done)
		return st;
	if ((st = store_key(db, guest_id, key, &done, err)) || done)
		return st;
	/* There, yet not a key. */
	return fd_fail(err, FD_E_IO, "database", "guest",
	               _("A guest's key in the database is damaged, so the guest's details cannot be "
	                 "sealed; restore the database from a backup."));
}

/* "sealed:v1:" + base64(nonce || secretbox(text)); NULL when out of memory. */
static char *seal_text(const unsigned char *key, const char *text)
{
	size_t n = strlen(text);
	size_t raw_len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n;
	unsigned char *raw = malloc(raw_len);
	size_t b64_len = sodium_base64_encoded_len(raw_len, sodium_base64_VARIANT_ORIGINAL);
	char *out = malloc(sizeof SEAL_PREFIX + b64_len);
	if (!raw || !out) {
		free(raw);
		free(out);
		return NULL;
	}
	randombytes_buf(raw, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(raw + crypto_secretbox_NONCEBYTES, (const unsigned char *)text, n, raw, key);
	memcpy(out, SEAL_PREFIX, sizeof SEAL_PREFIX - 1);
	sodium_bin2base64(out + sizeof SEAL_PREFIX - 1, b64_len, raw, raw_len,
	                  sodium_base64_VARIANT_ORIGINAL);
	free(raw);
	return out;
}

static bool is_id_field(const char *name)
{
	return strcmp(name, "id") == 0 || strcmp(name, "guest") == 0;
}

static bool sealable(const cJSON *f)
{
	return cJSON_IsString(f) && !is_id_field(f->string) && f->valuestring[0];
}

enum fd_status fd_privacy_seal(struct fd_db *db, const char *guest_id, bool fresh, const cJSON *payload,
                               char **out, struct fd_error *err)
{
	bool any = false;
	for (const cJSON *f = payload ? payload->child : NULL; f && !any; f = f->next)
		any = sealable(f);
	if (!any) { /* nothing personal (an erasure names only the guest): no key */
		*out = cJSON_PrintUnformatted(payload);
		return *out ? FD_OK : fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
	}
	unsigned char key[crypto_secretbox_KEYBYTES];
	enum fd_status st = guest_key(db, guest_id, fresh, key, err);
	if (st)
		return st;
	cJSON *copy = cJSON_Duplicate(payload, true);
	for (cJSON *f = copy ? copy->child : NULL; f; f = f->next) {
		if (!sealable(f))
			continue;
		char *sealed = seal_text(key, f->valuestring);
		if (!sealed || !cJSON_SetValuestring(f, sealed)) {
			free(sealed);
			cJSON_Delete(copy);
			copy = NULL;
			break;
		}
		free(sealed);
	}
	sodium_memzero(key, sizeof key);
	*out = copy ? cJSON_PrintUnformatted(copy) : NULL;
	cJSON_Delete(copy);
	return *out ? FD_OK : fd_fail(err, FD_E_NOMEM, "nomem", NULL, _("Out of memory."));
}

void fd_privacy_after_commit(struct fd_db *db)
{
	/* The trigger of migration 8 leaves a row per erasure not yet flushed
	 * out of the write-ahead log. */
	sqlite3_stmt *s = fd_db_stmt(db, "SELECT 1 FROM erased_guests WHERE flushed = 0 LIMIT 1", NULL);
	if (!s)
		return;
	bool pending = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	if (!pending)
		return;
	sqlite3 *h = fd_db_handle(db);
	if (sqlite3_exec(h, "UPDATE erased_guests SET flushed = 1 WHERE flushed = 0", NULL, NULL, NULL) ==
	    SQLITE_OK)
		sqlite3_wal_checkpoint_v2(h, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
}
