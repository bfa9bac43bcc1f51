// SPDX-License-Identifier: GPL-3.0-or-later
/* Routing by the table of api.c: match method and path, answer 404 and
 * 405 (with Allow:), authenticate, check the permission, call the handler. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/perm.h"
#include "server/reply.h"
#include "server/route.h"

/* Does path match pattern? A "{name}" in the pattern matches one non-empty
 * segment, reported through param/param_len. */
static bool match(const char *pattern, const char *path, const char **param, size_t *param_len)
{
	const char *p = pattern, *u = path;
	while (*p && *u) {
		if (*p == '{') {
			size_t n = strcspn(u, "/");
			if (n == 0)
				return false;
			*param = u, *param_len = n;
			u += n;
			p = strchr(p, '}');
			if (!p)
				return false;
			p++;
			continue;
		}
		if (*p++ != *u++)
			return false;
	}
	return !*p && !*u;
}

const struct srv_route *srv_route_find(const char *method, const char *path, const char **param,
                                       size_t *param_len, char *allow, size_t allow_size)
{
	const char *pp = NULL;
	size_t pn = 0;
	size_t used = 0;
	if (allow && allow_size)
		allow[0] = '\0';
	for (const struct srv_route *rt = srv_routes; rt->method; rt++) {
		if (!match(rt->pattern, path, &pp, &pn))
			continue;
		if (strcmp(rt->method, method) == 0) {
			*param = pp, *param_len = pn;
			return rt;
		}
		if (allow && used < allow_size && !strstr(allow, rt->method))
			used += (size_t)snprintf(allow + used, allow_size - used, "%s%s", used ? ", " : "",
			                         rt->method);
	}
	return NULL;
}

const char *srv_route_label(const char *path)
{
	const char *pp;
	size_t pn;
	for (const struct srv_route *rt = srv_routes; rt->method; rt++)
		if (match(rt->pattern, path, &pp, &pn))
			return rt->pattern;
	return "other";
}

const char *srv_auth_name(enum srv_auth a)
{
	switch (a) {
	case SRV_AUTH_NONE:
		return "none";
	case SRV_AUTH_DEVICE:
		return "device";
	case SRV_AUTH_SESSION:
		return "session";
	case SRV_AUTH_LINK:
		return "link";
	}
	return "?";
}

void srv_routes_print(FILE *out)
{
	for (const struct srv_route *rt = srv_routes; rt->method; rt++)
		fprintf(out, "%s %s %s %s\n", rt->method, rt->pattern, srv_auth_name(rt->auth),
		        rt->perm ? rt->perm : "-");
}

bool srv_route_allowed(struct srv_resp *out, const struct srv_caller *c, const char *action)
{
	if (fd_perm_person_allows(!c->no_role, c->role, c->chain, action))
		return true;
	if (c->no_role) {
		srv_resp_error(out, 403, "forbidden", NULL, "Chain role %s may not do %s in this hotel.",
		               fd_chain_role_name(c->chain), action);
		return false;
	}
	int min = fd_perm_min_role(action);
	if (min < 0 && (fd_perm_chain_allows(FD_CHAIN_REVENUE, action) ||
	                fd_perm_chain_allows(FD_CHAIN_ADMIN, action))) {
		srv_resp_error(out, 403, "forbidden", NULL, "%s is for a chain role, not a hotel's %s.",
		               action, fd_role_name(c->role));
		return false;
	}
	srv_resp_error(out, 403, "forbidden", NULL, "Role %s may not do %s; it needs %s or above.",
	               fd_role_name(c->role), action, min >= 0 ? fd_role_name((enum fd_role)min) : "?");
	return false;
}

void srv_api_handle(struct srv *s, const struct srv_req *r, void **state, struct srv_resp *out)
{
	const char *pp = NULL;
	size_t pn = 0;
	/* The booking page's folder is its index page. */
	const char *path = strcmp(r->path, "/book/") == 0 ? "/book/index.html" : r->path;
	const struct srv_route *rt = srv_route_find(r->method, path, &pp, &pn, out->allow, sizeof out->allow);
	/* A website's page asks first whether it may call a public path. */
	if (!rt && out->allow[0] && strcmp(r->method, "OPTIONS") == 0 &&
	    strncmp(r->path, "/v1/public/", 11) == 0) {
		srv_public_preflight(s, r, out->allow, out);
		return;
	}
	if (!rt && out->allow[0]) {
		srv_resp_error(out, 405, "method_not_allowed", NULL, "%s does not accept %s (only %s).",
		               r->path, r->method, out->allow);
		return;
	}
	char param[128] = "";
	if (!rt || pn >= sizeof param) {
		srv_resp_error(out, 404, "not_found", NULL, "No such endpoint: %s %s.", r->method, r->path);
		return;
	}
	if (s->pg && !srv_pg_route_ok(rt->method, rt->pattern)) {
		srv_resp_error(out, 501, "not_on_postgresql", NULL,
		               "%s %s is not available on PostgreSQL yet (doc/scale-out.md).", r->method,
		               rt->pattern);
		return;
	}
	if (pp)
		snprintf(param, sizeof param, "%.*s", (int)pn, pp);
	struct srv_req req = *r;
	req.param = param;
	struct srv_caller c;
	const struct srv_caller *caller = NULL;
	if (rt->auth == SRV_AUTH_SESSION && !rt->handler_auths) {
		struct fd_error err = {0};
		if (srv_auth_session(s, r, &c, &err)) {
			srv_resp_fd_error(out, &err);
			srv_audit_endpoint_refusal(s, r, NULL, NULL, out);
			return;
		}
		if (rt->perm && !srv_route_allowed(out, &c, rt->perm)) {
			srv_audit_endpoint_refusal(s, r, &c, NULL, out);
			return;
		}
		caller = &c;
	}
	rt->handler(s, &req, caller, state, out);
	/* Refusals the handlers make (a wrong password, a bad enrolment code,
	 * a device token where a session is needed) are recorded too. */
	if ((out->status == 401 || out->status == 403) && !out->audited) {
		/* A handler that checks the token itself (metrics) refused a
		 * known session: name it. */
		struct fd_error e = {0};
		if (!caller && srv_auth_session(s, r, &c, &e) == FD_OK)
			caller = &c;
		srv_audit_endpoint_refusal(s, r, caller, NULL, out);
	}
}
