// SPDX-License-Identifier: GPL-3.0-or-later
/* The administration commands' lists (user list, device list, sessions):
 * one layout on either store, so a script reads SQLite's and
 * PostgreSQL's output alike. The store reads the rows; these print them.
 * On PostgreSQL the lists carry the hotel of each row (its code): pass
 * hotels true to the heading and a hotel in each line; SQLite (one hotel)
 * passes false and NULL and prints as it always has. */
#ifndef FD_SERVER_ADMIN_LISTS_H
#define FD_SERVER_ADMIN_LISTS_H

#include <stdbool.h>
#include <stdint.h>

/* "2026-03-01T10:00:00Z", or "-" for never (t <= 0); out. */
const char *srv_utc(int64_t t, char out[32]);

struct srv_user_line {
	const char *username, *role, *dept, *name;
	bool active, has_password;
	int64_t sessions, last_seen;
};
void srv_list_users_head(void);
void srv_list_user(const struct srv_user_line *u);

struct srv_device_line {
	const char *id, *hotel, *name; /* hotel: NULL without the column */
	int64_t enrolled, seen, push, pull, seq;
	int64_t outbox; /* < 0: never reported */
	bool revoked;
};
void srv_list_devices_head(bool hotels);
void srv_list_device(const struct srv_device_line *d);

struct srv_session_line {
	const char *id, *hotel, *user, *device_name, *device_id; /* hotel: NULL without the column */
	int64_t created, seen, ends;
};
void srv_list_sessions_head(bool hotels);
void srv_list_session(const struct srv_session_line *s);

#endif
