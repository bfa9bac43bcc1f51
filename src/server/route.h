// SPDX-License-Identifier: GPL-3.0-or-later
/* The server's routes, declared once (the table is srv_routes in api.c):
 * the router, the metrics labels, the 404/405 answers (with Allow:) and
 * `frontdeskd routes` (checked against data/openapi.yaml by
 * tests/server/test_routes.sh) all read the same table. */
#ifndef FD_SERVER_ROUTE_H
#define FD_SERVER_ROUTE_H

#include <stdbool.h>
#include <stdio.h>

#include "server/server.h"

/* Who may call a route (the security of its operation in openapi.yaml). */
enum srv_auth {
	SRV_AUTH_NONE,    /* anyone */
	SRV_AUTH_DEVICE,  /* an enrolled terminal's device token */
	SRV_AUTH_SESSION, /* a signed-in user's session token */
	SRV_AUTH_LINK,    /* a guest's link (public.c checks it) */
};

/* c is the authenticated caller: NULL unless the route's auth is
 * SRV_AUTH_SESSION and the router checked it. r->param holds the path's
 * {parameter}, if the pattern has one. */
typedef void srv_handler(struct srv *s, const struct srv_req *r, const struct srv_caller *c, void **state,
                         struct srv_resp *out);

struct srv_route {
	const char *method;  /* "GET", "POST", "DELETE" */
	const char *pattern; /* "/v1/bookings/{code}": a {name} is one non-empty segment */
	enum srv_auth auth;
	/* The handler checks the token itself (sign-in needs the device, sign-out
	 * accepts an expired session); else the router checks auth. */
	bool handler_auths;
	const char *perm; /* core/perm.h action the caller's role needs, or NULL */
	srv_handler *handler;
};

/* The table (api.c), ended by an entry with a NULL method. */
extern const struct srv_route srv_routes[];

/* The route for method and path (NULL when none; then allow, if not NULL,
 * lists the methods the path supports, "" when the path is unknown).
 * *param points into path at the {parameter}, with its length. */
const struct srv_route *srv_route_find(const char *method, const char *path, const char **param,
                                       size_t *param_len, char *allow, size_t allow_size);
/* The metrics label of a path: its route's pattern, or "other". */
const char *srv_route_label(const char *path);
const char *srv_auth_name(enum srv_auth a);
/* Does the caller's role allow action? Else out is the 403 answer. */
bool srv_route_allowed(struct srv_resp *out, const struct srv_caller *c, const char *action);
/* One line per route: METHOD PATTERN AUTH PERMISSION ("-" for none). */
void srv_routes_print(FILE *out);

#endif
