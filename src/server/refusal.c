// SPDX-License-Identifier: GPL-3.0-or-later
/* Refused requests (401, 403) go to the audit log and the server's log,
 * like refused operations (push.c): who, what, why, session and device.
 * Logs are for administrators, not translated. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "server/route.h"
#include "server/log.h"
#include "server/server.h"
#include "store/audit.h"

/* Only a plausible user name is kept from a request body: a stranger's
 * bytes never reach the logs. */
static void plausible_user(const char *in, char *out, size_t size)
{
	size_t n = in ? strlen(in) : 0;
	bool ok = n > 0 && n < size;
	for (size_t i = 0; ok && i < n; i++)
		ok = (in[i] >= 'a' && in[i] <= 'z') || (in[i] >= '0' && in[i] <= '9') || in[i] == '.' ||
		     in[i] == '_' || in[i] == '-';
	snprintf(out, size, "%s", ok ? in : (n ? "?" : ""));
}

void srv_audit_endpoint_refusal(struct srv *s, const struct srv_req *r, const struct srv_caller *c,
                                const char *user, const struct srv_resp *out)
{
	char code[64] = "", msg[512] = "", who[FD_USER_LEN] = "", what[160], reason[700];
	cJSON *doc = out->body ? cJSON_Parse(out->body) : NULL;
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(doc, "error");
	const cJSON *ec = cJSON_GetObjectItemCaseSensitive(e, "code");
	const cJSON *em = cJSON_GetObjectItemCaseSensitive(e, "message");
	if (cJSON_IsString(ec))
		snprintf(code, sizeof code, "%s", ec->valuestring);
	if (cJSON_IsString(em))
		snprintf(msg, sizeof msg, "%s", em->valuestring);
	cJSON_Delete(doc);
	if (c)
		snprintf(who, sizeof who, "%s", c->username);
	else if (user)
		plausible_user(user, who, sizeof who);
	else if (strcmp(r->method, "POST") == 0 && strcmp(r->path, "/v1/sessions") == 0 && r->body) {
		/* a sign-in: the account that was tried */
		cJSON *b = cJSON_ParseWithLength(r->body, r->body_len);
		const cJSON *u = cJSON_GetObjectItemCaseSensitive(b, "username");
		plausible_user(cJSON_IsString(u) ? u->valuestring : NULL, who, sizeof who);
		cJSON_Delete(b);
	}
	snprintf(what, sizeof what, "%s %s", r->method, srv_route_label(r->path));
	snprintf(reason, sizeof reason, "%d %s (from %s)", out->status, msg,
	         r->client_ip ? r->client_ip : "?");
	const char *session = c ? c->session_id : "", *device = c ? c->device : "";
	srv_log(SRV_LOG_WARNING, "refused %s for \"%s\" (session %s, device %s) from %s: %d %s: %s", what,
	        who, session[0] ? session : "-", device[0] ? device : "-", r->client_ip ? r->client_ip : "?",
	        out->status, code, msg);
	struct fd_audit_row row = {
	    .op_id = "",
	    .device = device,
	    .actor = who,
	    .type = what,
	    .entity = "",
	    .entity_id = "",
	    .payload = "{}",
	    .created_at = (int64_t)time(NULL),
	    .outcome = "refused",
	    .code = code[0] ? code : "refused",
	    .reason = reason,
	    .session = session,
	};
	if (s->pg) {
		srv_pg_audit_refusal(s, r, c, &row); /* pg_audit.c */
		return;
	}
	struct fd_error err = {0};
	pthread_mutex_lock(&s->wlock);
	enum fd_status st = fd_db_begin(s->wdb, &err);
	if (!st && (st = fd_audit_append(s->wdb, &row, &err)))
		fd_db_rollback(s->wdb);
	else if (!st)
		st = fd_db_commit(s->wdb, &err);
	pthread_mutex_unlock(&s->wlock);
	if (st)
		srv_log(SRV_LOG_ERR, "could not record a refusal in the audit log: %s", err.message);
}
