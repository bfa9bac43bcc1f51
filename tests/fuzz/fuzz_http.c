// SPDX-License-Identifier: GPL-3.0-or-later
/* Fuzz target for frontdeskd's request handling below libmicrohttpd: a
 * request (method, path with query, headers, body) goes through the route
 * table (srv_api_handle, src/server/route.c) without a socket, so routing,
 * authentication, permissions, body parsing and every handler see it.
 *
 * Input: an HTTP/1.1-like request, without a version:
 *
 *     POST /v1/ops?since=0
 *     Authorization: Bearer @staff
 *
 *     {"ops": [...]}
 *
 * Path and query arguments are percent-decoded as libmicrohttpd does. A
 * bearer token "@device", "@admin", "@manager", "@staff" or "@guest" stands
 * for a real token of this process's server (a fuzzer cannot guess one);
 * "@enroll" in a body stands for a fresh enrolment code. The server's
 * database lives in a temporary directory made once per process: an
 * hotel with two rooms and a booking (ABC123, room 101, 10-12 March
 * 2026; the business date is 1 March), one user of each role signed in on one
 * enrolled device whose next operation is device_seq 1. Each request
 * starts from that database again (copied back from memory), so what one
 * input did (a sign-out, a disabled user) never changes the next: a
 * finding replays the same way on its own.
 *
 * Checked: no answer is a server error (5xx) and every answer is JSON (or
 * the metrics' text) with an error message when it refuses. */
#define _GNU_SOURCE
#include "config.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/json.h"
#include "core/op.h"
#include "fuzz.h"
#include "server/server.h"
#include "store/ids.h"

static struct srv s;
static char dir[64];
static char device_token[SRV_TOKEN_LEN];
static const char *const roles[] = {"admin", "manager", "staff", "guest"};
#define N_ROLES (sizeof roles / sizeof *roles)
static char session_token[N_ROLES][SRV_TOKEN_LEN];
static sqlite3 *pristine; /* the database after setup() */
static int64_t pristine_seq;
static sqlite3_int64 writes; /* the writer's count of changed rows when it was last like pristine */
static bool verbose;         /* FUZZ_HTTP_VERBOSE set: each answer on stderr (for writing seeds) */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	if (!s.wdb)
		return;
	fd_db_close(s.wdb);
	s.wdb = NULL;
	/* The pool thread's reader (here: this thread's) goes with the key. */
	struct fd_db *r = pthread_getspecific(s.reader_key);
	if (r) {
		pthread_setspecific(s.reader_key, NULL);
		srv_reader_close(r);
	}
	srv_throttle_free(&s);
	sqlite3_close(pristine);
	pristine = NULL;
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void die(const char *what)
{
	fprintf(stderr, "fuzz_http: setting up: %s\n", what);
	abort();
}

/* An admin command as its words ("init", "--property", "X", ...): the
 * options into srv_admin_opts, as frontdeskd's command line does. */
static int admin(const char *const *args)
{
	char *argv[16];
	int argc = 0;
	struct srv_admin_opts o = {0};
	const struct {
		const char *name;
		const char **field;
	} opts[] = {{"--property", &o.property}, {"--currency", &o.currency},
	            {"--timezone", &o.timezone}, {"--date", &o.date},
	            {"--role", &o.role},         {"--password-file", &o.password_file}};
	for (int i = 0; argc < 15 && args[i]; i++) {
		size_t k = 0;
		while (k < sizeof opts / sizeof *opts && strcmp(opts[k].name, args[i]) != 0)
			k++;
		if (k < sizeof opts / sizeof *opts && args[i + 1])
			*opts[k].field = args[++i];
		else
			argv[argc++] = (char *)args[i];
	}
	argv[argc] = NULL;
	return srv_admin_run(&s.cfg, &o, argc, argv);
}

/* A request made by the harness itself; returns the answer's JSON. */
static cJSON *call(const char *method, const char *path, const char *token, const char *body)
{
	char auth[SRV_TOKEN_LEN + 8];
	snprintf(auth, sizeof auth, "Bearer %s", token ? token : "");
	struct srv_req r = {.method = method,
	                    .path = path,
	                    .body = body,
	                    .body_len = body ? strlen(body) : 0,
	                    .client_ip = "127.0.0.1",
	                    .authorization = token ? auth : NULL,
	                    .protocol = FD_PROTOCOL};
	struct srv_resp out = {0};
	void *state = NULL;
	srv_api_handle(&s, &r, &state, &out);
	srv_api_state_free(state);
	if (getenv("FUZZ_HTTP_DEBUG"))
		fprintf(stderr, "%s %s -> %d %s\n", method, path, out.status, out.body ? out.body : "");
	cJSON *doc = out.status / 100 == 2 && out.body ? cJSON_Parse(out.body) : NULL;
	free(out.body);
	return doc;
}

static void token_from(cJSON *doc, char out[SRV_TOKEN_LEN])
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(doc, "token");
	if (!cJSON_IsString(t) || strlen(t->valuestring) >= SRV_TOKEN_LEN)
		die("no token in the answer");
	snprintf(out, SRV_TOKEN_LEN, "%s", t->valuestring);
	cJSON_Delete(doc);
}

static void copy_db(sqlite3 *from, sqlite3 *to)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE || sqlite3_backup_finish(b) != SQLITE_OK)
		die(sqlite3_errmsg(to));
}

static void setup(void)
{
	verbose = getenv("FUZZ_HTTP_VERBOSE") != NULL;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/fuzzhttp.XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (!mkdtemp(dir) || fd_ids_init() != 0)
		die("temporary directory");
	srv_config_defaults(&s.cfg);
	snprintf(s.cfg.data_dir, sizeof s.cfg.data_dir, "%s", dir);
	char pw[sizeof dir + 8];
	snprintf(pw, sizeof pw, "%s/pw", dir);
	FILE *f = fopen(pw, "w");
	if (!f || fputs("correct horse battery\n", f) < 0 || fclose(f) != 0)
		die("password file");
	/* The administration commands print what they did: not wanted here. */
	fflush(stdout);
	int saved = dup(STDOUT_FILENO);
	if (!freopen("/dev/null", "w", stdout))
		die("/dev/null");
	const char *init[] = {"init",       "--property",    "Fuzz Hotel", "--currency", "EUR",
	                      "--timezone", "Europe/Lisbon", "--date",     "2026-03-01", NULL};
	if (admin(init) != 0)
		die("init");
	for (size_t i = 0; i < N_ROLES; i++) {
		const char *add[] = {"user", "add", roles[i], "--role", roles[i], "--password-file",
		                     pw,     NULL};
		if (admin(add) != 0)
			die("user add");
	}
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);

	/* As serve() does (src/server/main.c), without the HTTP side. */
	struct fd_error err = {0};
	s.wdb = srv_db_open(s.cfg.data_dir, false, &s.hook, &err);
	if (!s.wdb || srv_epoch(s.wdb, s.epoch, &err))
		die(err.message);
	s.seq = srv_last_seq(s.wdb);
	/* A database thrown away at the end: no waiting for the disk. */
	fd_db_exec(s.wdb, "PRAGMA synchronous=OFF", NULL);
	pthread_mutex_init(&s.wlock, NULL);
	pthread_mutex_init(&s.wait_lock, NULL);
	pthread_mutex_init(&s.throttle_lock, NULL);
	pthread_mutex_init(&s.push_lock, NULL);
	pthread_mutex_init(&s.hash_lock, NULL);
	pthread_mutex_init(&s.proxy_lock, NULL);
	pthread_cond_init(&s.hash_cond, NULL);
	s.push_tail = &s.push_queue;
	pthread_key_create(&s.reader_key, srv_reader_close);
	atexit(cleanup);

	char code[SRV_TOKEN_LEN], body[256];
	if (srv_enroll_code_new(s.wdb, 3600, code, &err))
		die(err.message);
	snprintf(body, sizeof body, "{\"code\":\"%s\",\"name\":\"FUZZ-1\"}", code);
	token_from(call("POST", "/v1/devices", NULL, body), device_token);
	for (size_t i = 0; i < N_ROLES; i++) {
		snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"correct horse battery\"}",
		         roles[i]);
		token_from(call("POST", "/v1/sessions", device_token, body), session_token[i]);
	}
	/* A hotel to work on: a room type, two rooms, a booking. */
	cJSON *r = call(
	    "POST", "/v1/ops", session_token[0],
	    "{\"ops\":["
	    "{\"op_id\":\"00000000-0000-4000-8000-000000000001\",\"device_seq\":1,\"type\":\"room_type."
	    "create\","
	    "\"payload\":{\"id\":\"00000001-0000-4000-8000-000000000001\",\"code\":\"DBL\",\"name\":"
	    "\"Double\","
	    "\"max_occupancy\":2,\"base_rate\":12000}},"
	    "{\"op_id\":\"00000000-0000-4000-8000-000000000002\",\"device_seq\":2,\"type\":\"room.create\","
	    "\"payload\":{\"id\":\"00000002-0000-4000-8000-000000000001\",\"number\":\"101\",\"type\":"
	    "\"DBL\","
	    "\"floor\":1}},"
	    "{\"op_id\":\"00000000-0000-4000-8000-000000000003\",\"device_seq\":3,\"type\":\"room.create\","
	    "\"payload\":{\"id\":\"00000003-0000-4000-8000-000000000001\",\"number\":\"102\",\"type\":"
	    "\"DBL\","
	    "\"floor\":1}},"
	    "{\"op_id\":\"00000000-0000-4000-8000-000000000004\",\"device_seq\":4,\"type\":\"guest.create\","
	    "\"payload\":{\"id\":\"00000004-0000-4000-8000-000000000001\",\"family\":\"Silva\",\"given\":"
	    "\"Ana\"}},"
	    "{\"op_id\":\"00000000-0000-4000-8000-000000000005\",\"device_seq\":5,\"type\":\"booking."
	    "create\","
	    "\"payload\":{\"id\":\"00000005-0000-4000-8000-000000000001\",\"code\":\"ABC123\",\"guest_id\":"
	    "\"00000004-0000-4000-8000-000000000001\",\"type\":\"DBL\",\"arrival\":\"2026-03-10\","
	    "\"departure\":\"2026-03-12\",\"adults\":2}},"
	    "{\"op_id\":\"00000000-0000-4000-8000-000000000006\",\"device_seq\":6,\"type\":\"booking.assign_"
	    "room\","
	    "\"payload\":{\"booking\":\"ABC123\",\"room\":\"101\"}}]}");

	const cJSON *res = cJSON_GetObjectItemCaseSensitive(r, "results"), *one;
	cJSON_ArrayForEach(one, res)
	{
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(one, "status");
		if (!cJSON_IsString(st) || strcmp(st->valuestring, "applied") != 0)
			die("the first rooms");
	}
	if (cJSON_GetArraySize(res) != 6)
		die("the first rooms");
	cJSON_Delete(r);
	if (fd_db_exec(s.wdb, "UPDATE srv_devices SET last_seq = 0", &err) ||
	    sqlite3_open(":memory:", &pristine) != SQLITE_OK)
		die("the copy");
	copy_db(fd_db_handle(s.wdb), pristine);
	pristine_seq = srv_last_seq(s.wdb);
	writes = sqlite3_total_changes64(fd_db_handle(s.wdb));
}

static int hex(int c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	                              : -1;
}

/* Percent-decoding in place ('+' is a space in a query), as
 * libmicrohttpd does; a %00 ends the string there, as it would. */
static void unescape(char *p, bool query)
{
	char *o = p;
	for (; *p; p++) {
		if (*p == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0) {
			*o++ = (char)(hex(p[1]) * 16 + hex(p[2]));
			p += 2;
		} else {
			*o++ = query && *p == '+' ? ' ' : *p;
		}
	}
	*o = '\0';
}

/* The token a placeholder stands for, or the text itself. */
static const char *token_for(const char *t)
{
	if (strcmp(t, "@device") == 0)
		return device_token;
	for (size_t i = 0; i < N_ROLES; i++)
		if (t[0] == '@' && strcmp(t + 1, roles[i]) == 0)
			return session_token[i];
	return t;
}

#define MAX_ARGS 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!s.wdb)
		setup();
	if (size > s.cfg.max_body)
		return 0; /* http.c answers 413 before any handler */
	/* Every request starts from the same server (every write goes
	 * through the writer connection, so none means nothing to undo). */
	if (sqlite3_total_changes64(fd_db_handle(s.wdb)) != writes) {
		copy_db(pristine, fd_db_handle(s.wdb));
		writes = sqlite3_total_changes64(fd_db_handle(s.wdb));
	}
	s.seq = pristine_seq;
	srv_throttle_free(&s);
	char *text = malloc(size + 1);
	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';

	/* The request line and the headers end at the first empty line. */
	char *body = NULL;
	size_t body_len = 0;
	char *end = memmem(text, size, "\n\n", 2);
	if (end) {
		*end = '\0';
		body = end + 2;
		body_len = size - (size_t)(body - text);
	}
	/* METHOD SP TARGET, then one header a line. */
	char *save = NULL;
	char *method = strtok_r(text, "\n", &save);
	char *target = method ? strchr(method, ' ') : NULL;
	if (!target || target == method || (size_t)(target - method) >= 8) {
		free(text);
		return 0;
	}
	*target++ = '\0';
	target[strcspn(target, " \r")] = '\0';
	char auth[256] = "";
	bool has_auth = false;
	for (char *h; (h = strtok_r(NULL, "\n", &save));) {
		h[strcspn(h, "\r")] = '\0';
		if (strncasecmp(h, "Authorization:", 14) != 0)
			continue;
		h += 14 + strspn(h + 14, " \t");
		has_auth = true;
		snprintf(auth, sizeof auth, "%s%s", strncmp(h, "Bearer ", 7) == 0 ? "Bearer " : "",
		         strncmp(h, "Bearer ", 7) == 0 ? token_for(h + 7) : h);
	}
	/* "@enroll" in a body: a fresh enrolment code. */
	char *enroll = body ? memmem(body, body_len, "@enroll", 7) : NULL;
	char *owned = NULL;
	if (enroll) {
		char code[SRV_TOKEN_LEN];
		struct fd_error err = {0};
		if (srv_enroll_code_new(s.wdb, 3600, code, &err))
			die(err.message);
		size_t pre = (size_t)(enroll - body), n = strlen(code);
		owned = malloc(body_len - 7 + n + 1);
		if (!owned)
			abort();
		memcpy(owned, body, pre);
		memcpy(owned + pre, code, n);
		memcpy(owned + pre + n, enroll + 7, body_len - pre - 7);
		body_len = body_len - 7 + n;
		owned[body_len] = '\0';
		body = owned;
	}

	const char *args[2 * MAX_ARGS + 2] = {0};
	char *query = strchr(target, '?');
	if (query) {
		*query++ = '\0';
		int n = 0;
		for (char *q, *qs = NULL; n < MAX_ARGS && (q = strtok_r(query, "&", &qs)); query = NULL) {
			char *eq = strchr(q, '=');
			if (!eq)
				continue; /* libmicrohttpd gives no value: as if absent */
			*eq = '\0';
			unescape(q, true);
			unescape(eq + 1, true);
			args[2 * n] = q, args[2 * n + 1] = eq + 1;
			n++;
		}
	}
	unescape(target, false);

	struct srv_req r = {.method = method,
	                    .path = target,
	                    .body = body,
	                    .body_len = body ? body_len : 0,
	                    .client_ip = "192.0.2.1",
	                    .authorization = has_auth ? auth : NULL,
	                    .protocol = FD_PROTOCOL, /* as today's terminal: reach the handlers */
	                    .args = args};
	struct srv_resp out = {0};
	void *state = NULL;
	srv_api_handle(&s, &r, &state, &out);
	if (out.suspend) { /* a long-poll, resumed at once */
		out = (struct srv_resp){0};
		srv_api_handle(&s, &r, &state, &out);
		if (out.suspend) {
			fprintf(stderr, "a resumed long-poll parked again: %s\n", target);
			abort();
		}
	}
	srv_api_state_free(state);

	if (verbose)
		fprintf(stderr, "fuzz_http: %s %s: %d %s\n", method, target, out.status,
		        out.body ? out.body : "");
	if (out.status < 200 || out.status >= 500) {
		fprintf(stderr, "%s %s answered %d: %s\n", method, target, out.status,
		        out.body ? out.body : "");
		abort();
	}
	if (!out.content_type || strcmp(out.content_type, "application/json") == 0) {
		cJSON *doc = out.body ? cJSON_Parse(out.body) : NULL;
		const cJSON *e = cJSON_GetObjectItemCaseSensitive(doc, "error");
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "message");
		if (!doc || (out.status >= 400 && !(cJSON_IsString(m) && m->valuestring[0]))) {
			fprintf(stderr, "%s %s answered %d without %s: %s\n", method, target, out.status,
			        doc ? "an error message" : "JSON", out.body ? out.body : "");
			abort();
		}
		cJSON_Delete(doc);
	}
	free(out.body);
	free(owned);
	free(text);
	return 0;
}

void fuzz_target_cleanup(void)
{
	cleanup();
}
