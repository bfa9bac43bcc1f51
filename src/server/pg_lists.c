// SPDX-License-Identifier: GPL-3.0-or-later
/* frontdeskd on PostgreSQL: sign-out, the devices and sessions, answered
 * as on SQLite (auth.c, admin_api.c, admin.c), each for the caller's hotel
 * only:
 *
 *   DELETE /v1/sessions/current -> 200 {}
 *   GET /v1/devices, POST /v1/devices/{id}/revoke, GET /v1/devices/current
 *   frontdeskd --database URI device list | devices | device revoke ID
 *   frontdeskd --database URI sessions [--as USER] | sessions revoke ID
 *
 * The commands serve a chain's administrator: every hotel's devices and
 * sessions, each line with its hotel, or one hotel's with --property CODE,
 * which a revoke must then match. A revoked device's token is answered 401 device_revoked and its sessions
 * end at once, on every server (they are rows of the one database). */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "pg/pg.h"
#include "server/admin_api.h"
#include "server/admin_lists.h"
#include "server/log.h"
#include "server/pg_chain.h"
#include "server/reply.h"
#include "server/server.h"
#include "server/token.h"

static bool token_hash_hex(const struct srv_req *r, char hex[65])
{
	const char *a = r->authorization;
	if (!a || strncmp(a, "Bearer ", 7) != 0)
		return false;
	unsigned char h[32];
	srv_token_hash(a + 7, h);
	sodium_bin2hex(hex, 65, h, sizeof h);
	return true;
}

static const char *num(char buf[24], int64_t v)
{
	snprintf(buf, 24, "%lld", (long long)v);
	return buf;
}

void srv_pg_sign_out(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	struct fd_error err = {0};
	struct srv_caller c;
	char h[65];
	if (srv_pg_auth_session(s, r, &c, &err) && strcmp(err.code, "session_expired") != 0) {
		srv_resp_fd_error(out, &err);
		return;
	}
	struct fd_pg *pg = srv_pg_conn(s, &err);
	static const char sql[] = "DELETE FROM srv_sessions WHERE token_hash = $1";
	const char *p[] = {h};
	if (!pg || !token_hash_hex(r, h) || fd_pg_do(pg, sql, 1, p, "ending a session", &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	srv_resp_json(out, 200, cJSON_CreateObject());
}

enum fd_status srv_pg_note_device_user(struct fd_pg *pg, const char *property, const char *device,
                                       const char *user, struct fd_error *err)
{
	static const char sql[] = "INSERT INTO srv_device_users (property_id, device, username, first_at,"
	                          " last_at) VALUES ($4, $1, $2, $3, $3) ON CONFLICT (device, username)"
	                          " DO UPDATE SET last_at = excluded.last_at";
	char now[24];
	const char *p[] = {device, user, num(now, (int64_t)time(NULL)), property};
	return fd_pg_do(pg, sql, 4, p, "recording the device's user", err);
}

void srv_pg_devices(struct srv *s, const struct srv_req *r, const struct srv_caller *c, struct srv_resp *out)
{
	(void)r;
	struct fd_error err = {0};
	struct fd_pg *pg = srv_pg_conn(s, &err);
	static const char sql[] =
	    "SELECT d.id, d.name, d.enrolled_at, d.revoked, d.revoked_at, d.revoked_by,"
	    " greatest(d.last_push_at, d.last_pull_at,"
	    " coalesce((SELECT max(x.last_seen) FROM srv_sessions x WHERE x.device = d.id), 0)),"
	    " coalesce((SELECT jsonb_agg(jsonb_build_object('username', u.username, 'last_at', u.at)"
	    "  ORDER BY u.at DESC, u.username) FROM (SELECT username, greatest(first_at, last_at) AS at"
	    "  FROM srv_device_users WHERE device = d.id ORDER BY 2 DESC, username LIMIT 5) u), '[]')"
	    " FROM srv_devices d WHERE d.property_id = $1 ORDER BY d.revoked, d.name, d.id";
	const char *p[] = {c->property};
	PGresult *q;
	if (!pg || fd_pg_run(pg, sql, 1, p, &q, "reading the devices", &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	cJSON *doc = cJSON_CreateObject();
	cJSON *list = cJSON_AddArrayToObject(doc, "devices");
	for (int i = 0; i < PQntuples(q); i++) {
		cJSON *d = cJSON_CreateObject();
		const char *id = PQgetvalue(q, i, 0);
		cJSON_AddStringToObject(d, "id", id);
		cJSON_AddStringToObject(d, "name", PQgetvalue(q, i, 1));
		cJSON_AddNumberToObject(d, "enrolled_at", (double)strtoll(PQgetvalue(q, i, 2), NULL, 10));
		cJSON_AddNumberToObject(d, "last_seen", (double)strtoll(PQgetvalue(q, i, 6), NULL, 10));
		cJSON_AddBoolToObject(d, "revoked", strcmp(PQgetvalue(q, i, 3), "0") != 0);
		cJSON_AddNumberToObject(d, "revoked_at", (double)strtoll(PQgetvalue(q, i, 4), NULL, 10));
		cJSON_AddStringToObject(d, "revoked_by", PQgetvalue(q, i, 5));
		cJSON_AddBoolToObject(d, "current", strcmp(id, c->device) == 0);
		cJSON *users = cJSON_Parse(PQgetvalue(q, i, 7));
		cJSON_AddItemToObject(d, "users", users ? users : cJSON_CreateArray());
		cJSON_AddItemToArray(list, d);
	}
	PQclear(q);
	srv_resp_json(out, 200, doc);
}

/* Revoke a device of the hotel (by c, the caller, in the hotel's
 * records: who and when, kept from the first revocation), end its
 * sessions and write the audit row (device.revoke, as on SQLite), in the
 * hotel's writing transaction. property "" (the command line): the
 * device's own hotel. FD_E_NOT_FOUND when the hotel has no such device. */
static enum fd_status revoke(struct fd_pg *pg, const struct srv_caller *c, const char *property,
                             const char *id, int64_t now, struct fd_error *err)
{
	static const char which[] = "SELECT property_id FROM srv_devices WHERE id = $1 AND ($2 = '' OR"
	                            " property_id = $2)";
	static const char upd[] = "UPDATE srv_devices SET revoked = 1,"
	                          " revoked_at = CASE revoked WHEN 1 THEN revoked_at ELSE $3 END,"
	                          " revoked_by = CASE revoked WHEN 1 THEN revoked_by ELSE $4 END"
	                          " WHERE id = $1 AND property_id = $2";
	static const char del[] = "DELETE FROM srv_sessions WHERE device = $1";
	char t[24], hotel[FD_ID_LEN] = "";
	const char *w[] = {id, property};
	const char *d[] = {id};
	PGresult *q;
	enum fd_status st = fd_pg_run(pg, which, 2, w, &q, "reading a device", err);
	if (st)
		return st;
	if (PQntuples(q) == 1)
		snprintf(hotel, sizeof hotel, "%s", PQgetvalue(q, 0, 0));
	PQclear(q);
	if (!hotel[0])
		return fd_fail(err, FD_E_NOT_FOUND, "not_found", "id", "No enrolled device %s.", id);
	const char *p[] = {id, hotel, num(t, now), c->username};
	fd_pg_use_property(pg, hotel); /* the hotel's lock: its audit chain */
	if ((st = fd_pg_begin(pg, err)))
		return st;
	st = fd_pg_do(pg, upd, 4, p, "revoking a device", err);
	if (!st)
		st = fd_pg_do(pg, del, 1, d, "ending a device's sessions", err);
	if (!st)
		st = srv_pg_audit_event(pg, c, "device.revoke", "device", id, err); /* pg_admin.c */
	if (!st)
		return fd_pg_commit(pg, err);
	fd_pg_rollback(pg);
	return st;
}

void srv_pg_device_revoke(struct srv *s, const struct srv_req *r, const struct srv_caller *c,
                          struct srv_resp *out)
{
	struct fd_error err = {0};
	const char *id = r->param;
	if (strcmp(id, c->device) == 0) {
		srv_resp_error(out, 409, "own_device", "id",
		               "Device %s is the terminal this request comes from; revoke it from another "
		               "terminal (or 'frontdeskd device revoke ID').",
		               id);
		return;
	}
	int64_t now = (int64_t)time(NULL);
	struct fd_pg *pg = srv_pg_conn(s, &err);
	if (!pg || revoke(pg, c, c->property, id, now, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	srv_log(SRV_LOG_INFO, "device %s revoked by \"%s\"", id, c->username);
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "id", id);
	cJSON_AddNumberToObject(doc, "revoked_at", (double)now);
	srv_resp_json(out, 200, doc);
}

void srv_pg_device_current(struct srv *s, const struct srv_req *r, struct srv_resp *out)
{
	struct fd_error err = {0};
	struct srv_caller dev;
	if (srv_pg_auth_device(s, r, &dev, &err)) {
		srv_resp_fd_error(out, &err);
		return;
	}
	char name[FD_NAME_LEN] = "";
	struct fd_pg *pg = srv_pg_conn(s, &err);
	static const char sql[] = "SELECT name FROM srv_devices WHERE id = $1";
	const char *p[] = {dev.device};
	PGresult *q;
	if (pg && !fd_pg_run(pg, sql, 1, p, &q, "reading a device", NULL)) {
		if (PQntuples(q) == 1)
			snprintf(name, sizeof name, "%s", PQgetvalue(q, 0, 0));
		PQclear(q);
	}
	cJSON *doc = cJSON_CreateObject();
	cJSON_AddStringToObject(doc, "device_id", dev.device);
	cJSON_AddStringToObject(doc, "name", name);
	srv_resp_json(out, 200, doc);
}

/* --- the administration commands --- */

static int fail(const struct fd_error *err)
{
	fprintf(stderr, "frontdeskd: %s\n", err->message);
	return 1;
}

static int64_t col(const PGresult *q, int i, int k)
{
	return strtoll(PQgetvalue(q, i, k), NULL, 10);
}

/* The hotel --property names (its id in hotel), or "" for every hotel:
 * 0, or the exit status of an unknown code (said on stderr). */
static int only_hotel(struct fd_pg *pg, const struct srv_admin_opts *o, char hotel[FD_ID_LEN])
{
	struct fd_error err = {0};
	hotel[0] = '\0';
	if (!o->property)
		return 0;
	if (srv_pg_choose_property(pg, o->property, &err))
		return fail(&err);
	snprintf(hotel, FD_ID_LEN, "%s", fd_pg_property(pg));
	return 0;
}

static int device_list(struct fd_pg *pg, const char *hotel)
{
	struct fd_error err = {0};
	static const char sql[] =
	    "SELECT d.id, d.name, d.enrolled_at, d.revoked, d.last_seq, d.last_push_at, d.last_pull_at,"
	    " d.outbox_depth, greatest(d.last_push_at, d.last_pull_at,"
	    " coalesce((SELECT max(s.last_seen) FROM srv_sessions s WHERE s.device = d.id), 0)),"
	    " coalesce(c.code, d.property_id)" /* the hotel as people name it; init's has no code */
	    " FROM srv_devices d LEFT JOIN property_codes c ON c.property_id = d.property_id"
	    " WHERE $1 = '' OR d.property_id = $1 ORDER BY d.enrolled_at, d.id";
	const char *p[] = {hotel};
	PGresult *q;
	if (fd_pg_run(pg, sql, 1, p, &q, "reading the devices", &err))
		return fail(&err);
	srv_list_devices_head(true); /* admin_lists.c: SQLite's layout, with the hotel */
	for (int i = 0; i < PQntuples(q); i++)
		srv_list_device(&(struct srv_device_line){.id = PQgetvalue(q, i, 0),
		                                          .hotel = PQgetvalue(q, i, 9),
		                                          .name = PQgetvalue(q, i, 1),
		                                          .enrolled = col(q, i, 2),
		                                          .seen = col(q, i, 8),
		                                          .push = col(q, i, 5),
		                                          .pull = col(q, i, 6),
		                                          .seq = col(q, i, 4),
		                                          .outbox = col(q, i, 7),
		                                          .revoked = col(q, i, 3) != 0});
	PQclear(q);
	return 0;
}

static int sessions(struct fd_pg *pg, const struct srv_config *cfg, const char *as, const char *hotel)
{
	struct fd_error err = {0};
	static const char sql[] =
	    "SELECT substr(s.token_hash, 1, 16), s.username, s.device, coalesce(d.name, ''),"
	    " s.created_at, s.last_seen, least(s.expires_at, s.last_seen + $2),"
	    " coalesce(c.code, s.property_id)" /* the hotel, as in the device list */
	    " FROM srv_sessions s LEFT JOIN srv_devices d ON d.id = s.device"
	    " LEFT JOIN property_codes c ON c.property_id = s.property_id"
	    " WHERE s.expires_at > $1 AND s.last_seen > $1 - $2 AND ($3 = '' OR s.username = $3)"
	    " AND ($4 = '' OR s.property_id = $4) ORDER BY s.last_seen DESC";
	char now[24], idle[24];
	const char *p[] = {num(now, (int64_t)time(NULL)), num(idle, cfg->session_idle), as ? as : "", hotel};
	PGresult *q;
	if (fd_pg_run(pg, sql, 4, p, &q, "reading the sessions", &err))
		return fail(&err);
	srv_list_sessions_head(true);
	for (int i = 0; i < PQntuples(q); i++)
		srv_list_session(&(struct srv_session_line){.id = PQgetvalue(q, i, 0),
		                                            .hotel = PQgetvalue(q, i, 7),
		                                            .user = PQgetvalue(q, i, 1),
		                                            .device_name = PQgetvalue(q, i, 3),
		                                            .created = col(q, i, 4),
		                                            .seen = col(q, i, 5),
		                                            .ends = col(q, i, 6),
		                                            .device_id = PQgetvalue(q, i, 2)});
	PQclear(q);
	return 0;
}

/* code: what --property said, for the messages (NULL: every hotel). */
static int session_revoke(struct fd_pg *pg, const char *id, const char *hotel, const char *code)
{
	struct fd_error err = {0};
	if (strlen(id) < 8 || strlen(id) > 64 || strspn(id, "0123456789abcdef") != strlen(id)) {
		fprintf(stderr,
		        _("frontdeskd: sessions revoke: \"%s\" is not a session ID (8 or more of the hex "
		          "digits `frontdeskd sessions` shows)\n"),
		        id);
		return 2;
	}
	/* One statement: removed only when exactly one session matches. */
	static const char sql[] =
	    "WITH m AS (SELECT token_hash FROM srv_sessions WHERE substr(token_hash, 1, length($1)) = $1"
	    "  AND ($2 = '' OR property_id = $2)),"
	    " d AS (DELETE FROM srv_sessions WHERE token_hash IN (SELECT token_hash FROM m)"
	    "  AND (SELECT count(*) FROM m) = 1 RETURNING 1)"
	    " SELECT (SELECT count(*) FROM m), (SELECT count(*) FROM d)";
	const char *p[] = {id, hotel};
	PGresult *q;
	if (fd_pg_run(pg, sql, 2, p, &q, "revoking a session", &err))
		return fail(&err);
	int64_t n = col(q, 0, 0);
	PQclear(q);
	if (n > 1)
		fprintf(stderr, _("frontdeskd: more than one session matches %s; nothing revoked\n"), id);
	else if (n == 0 && code)
		fprintf(stderr, _("frontdeskd: no session of hotel %s matches %s; nothing revoked\n"), code,
		        id);
	else if (n == 0)
		fprintf(stderr, _("frontdeskd: no session matches %s; nothing revoked\n"), id);
	if (n != 1)
		return 1;
	printf(_("Session %s revoked.\n"), id);
	return 0;
}

static int device_revoke(struct fd_pg *pg, const char *id, const char *hotel, const char *code)
{
	struct fd_error err = {0};
	struct srv_caller admin = {.username = "frontdeskd"}; /* as the SQLite CLI's operations */
	enum fd_status st = revoke(pg, &admin, hotel, id, (int64_t)time(NULL), &err);
	if (st == FD_E_NOT_FOUND && code)
		fprintf(stderr, _("frontdeskd: hotel %s has no device %s; nothing revoked\n"), code, id);
	else if (st == FD_E_NOT_FOUND)
		fprintf(stderr, _("frontdeskd: no device %s\n"), id);
	else if (st)
		return fail(&err);
	if (st)
		return 1;
	printf(_("Device %s revoked.\n"), id);
	return 0;
}

int srv_pg_admin_lists(struct fd_pg *pg, const struct srv_config *cfg, const struct srv_admin_opts *o,
                       int n_args, char **args)
{
	const char *cmd = args[0];
	bool list = strcmp(cmd, "devices") == 0  ? n_args == 1
	            : strcmp(cmd, "device") == 0 ? n_args == 2 && strcmp(args[1], "list") == 0
	                                         : n_args == 1;
	bool rev = n_args == 3 && strcmp(args[1], "revoke") == 0 && strcmp(cmd, "devices") != 0;
	if (!list && !rev) {
		fprintf(stderr,
		        strcmp(cmd, "sessions") == 0
		            ? _("frontdeskd: sessions [--as USER] [--property CODE] | sessions revoke "
		                "ID [--property CODE]\n")
		            : _("frontdeskd: device list [--property CODE] | device revoke ID "
		                "[--property CODE]\n"));
		return 2;
	}
	char hotel[FD_ID_LEN];
	int rc = only_hotel(pg, o, hotel);
	if (rc)
		return rc;
	if (strcmp(cmd, "sessions") == 0)
		return rev ? session_revoke(pg, args[2], hotel, o->property)
		           : sessions(pg, cfg, o->as, hotel);
	return rev ? device_revoke(pg, args[2], hotel, o->property) : device_list(pg, hotel);
}
