// SPDX-License-Identifier: GPL-3.0-or-later
/* The PostgreSQL tests' driver (the scripts of tests/pg): core operations through
 * the op table on the PostgreSQL repository, and the change feed's
 * writers and reader, as separate processes the scripts run at once.
 *
 *   pgtool URI migrate                        print the schema step
 *   pgtool URI hotel PROPERTY ROOMS           a hotel: type STD, rooms 101..
 *   pgtool URI op PROPERTY TYPE JSON [--unlocked]
 *        apply one operation: prints "applied CODE-OR-ID" (exit 0) or
 *        "refused CODE: MESSAGE" (exit 2); --unlocked skips the property
 *        lock, leaving the schema's guard alone against a concurrent writer
 *   pgtool URI book PROPERTY TYPE ARRIVAL DEPARTURE   guest + booking, prints the code
 *   pgtool URI book-many PROPERTY N TYPE ARRIVAL DEPARTURE   N bookings, a code a line
 *   pgtool URI assign-all PROPERTY FILE [--unlocked]
 *        each line of FILE "CODE ROOM": booking.assign_room; prints
 *        "applied N refused M". Connected, it creates FILE.ready and waits
 *        for FILE.go, so that two processes start at the same moment.
 *   pgtool URI feed-write PROPERTY N TAG      N transactions, one change each
 *   pgtool URI feed-read PROPERTY TOTAL       follow the feed to TOTAL; exit 1
 *        if a page ever skips a sequence number
 *   pgtool URI avail-check PROPERTY TYPE FROM TO [EXCEPT]
 *        the repository's range calls (type_nights, type_days) beside
 *        type_inventory, type_sold and type_day_sold one night or day at a
 *        time: a line "DATE ROOMS SOLD DAY_SOLD" a night (DAY_SOLD: the
 *        day-use count of that day); exit 1 and a line "MISMATCH ..." for
 *        a night or day where they disagree */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/avail.h"
#include "core/op.h"
#include "pg/pg.h"
#include "store/ids.h"

static int usage(void)
{
	fprintf(stderr, "usage: pgtool URI migrate|hotel|op|book|assign-all|feed-write|feed-read ...\n");
	return 1;
}

/* Apply type/payload as a trusted local tool would; unlocked: without the
 * property's lock (the schema's guard alone). */
static enum fd_status apply(struct fd_pg *pg, const char *type, const char *payload, bool unlocked,
                            struct fd_op_result *res, struct fd_error *err)
{
	struct fd_op op;
	fd_op_init(&op);
	fd_uuid_new(op.op_id);
	snprintf(op.type, sizeof op.type, "%s", type);
	snprintf(op.actor, sizeof op.actor, "pgtool");
	snprintf(op.device, sizeof op.device, "pgtool");
	op.payload = cJSON_Parse(payload);
	if (!op.payload) {
		fd_op_clear(&op);
		return fd_fail(err, FD_E_INVALID, "json", NULL, "bad JSON: %s", payload);
	}
	enum fd_status st;
	if (!unlocked)
		st = fd_pg_apply(pg, &op, FD_APPLY_TRUSTED, res, err);
	else if (!(st = fd_pg_begin_unlocked(pg, err))) {
		fd_pg_set_op(pg, op.op_id);
		/* (the feed's counter row is then locked only by the first
		 * change recorded, after the booking's nights are written) */
		st = fd_op_apply(fd_pg_repo(pg), &op, FD_APPLY_TRUSTED, res, err);
		if (!st)
			st = fd_pg_commit(pg, err);
		else
			fd_pg_rollback(pg);
	}
	fd_op_clear(&op);
	return st;
}

static int report(enum fd_status st, const struct fd_op_result *res, const struct fd_error *err)
{
	if (st == FD_OK) {
		printf("applied %s\n", res->code[0] ? res->code : res->id);
		return 0;
	}
	printf("refused %s: %s\n", err->code, err->message);
	return st == FD_E_IO || st == FD_E_NOMEM ? 1 : 2;
}

static int hotel(struct fd_pg *pg, const char *property, int rooms)
{
	struct fd_error err = {0};
	struct fd_op_result res;
	char payload[512], id[FD_ID_LEN];
	snprintf(payload, sizeof payload,
	         "{\"id\":\"%s\",\"name\":\"Hotel %s\",\"currency\":\"EUR\",\"timezone\":\"Europe/Lisbon\","
	         "\"business_date\":\"2026-03-01\"}",
	         property, property);
	enum fd_status st = apply(pg, "property.update", payload, false, &res, &err);
	if (!st) {
		snprintf(payload, sizeof payload,
		         "{\"id\":\"%s\",\"code\":\"STD\",\"name\":\"Standard\",\"max_occupancy\":2,"
		         "\"base_rate\":10000}",
		         fd_uuid_new(id));
		st = apply(pg, "room_type.create", payload, false, &res, &err);
	}
	for (int i = 1; !st && i <= rooms; i++) {
		snprintf(payload, sizeof payload,
		         "{\"id\":\"%s\",\"number\":\"%d\",\"type\":\"STD\",\"floor\":1}", fd_uuid_new(id),
		         100 + i);
		st = apply(pg, "room.create", payload, false, &res, &err);
	}
	if (st) {
		fprintf(stderr, "pgtool hotel: %s\n", err.message);
		return 1;
	}
	return 0;
}

static int book(struct fd_pg *pg, const char *type, const char *arrival, const char *departure)
{
	struct fd_error err = {0};
	struct fd_op_result res;
	char payload[512], gid[FD_ID_LEN], bid[FD_ID_LEN], code[FD_CODE_LEN];
	snprintf(payload, sizeof payload, "{\"id\":\"%s\",\"family\":\"Guest\",\"given\":\"Test\"}",
	         fd_uuid_new(gid));
	enum fd_status st = apply(pg, "guest.create", payload, false, &res, &err);
	if (!st) {
		snprintf(
		    payload, sizeof payload,
		    "{\"id\":\"%s\",\"code\":\"%s\",\"guest_id\":\"%s\",\"type\":\"%s\",\"arrival\":\"%s\","
		    "\"departure\":\"%s\",\"adults\":1}",
		    fd_uuid_new(bid), fd_booking_code_new(code), gid, type, arrival, departure);
		st = apply(pg, "booking.create", payload, false, &res, &err);
	}
	if (st)
		return report(st, &res, &err);
	printf("%s\n", code);
	return 0;
}

static int assign_all(struct fd_pg *pg, const char *path, bool unlocked)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 1;
	}
	char flag[600];
	snprintf(flag, sizeof flag, "%s.ready", path);
	FILE *ready = fopen(flag, "w");
	if (ready)
		fclose(ready);
	snprintf(flag, sizeof flag, "%s.go", path);
	for (int i = 0; i < 60000 && access(flag, F_OK) != 0; i++)
		usleep(1000);
	char code[32], room[32];
	int applied = 0, refused = 0, failed = 0;
	while (fscanf(f, "%31s %31s", code, room) == 2) {
		char payload[256];
		struct fd_error err = {0};
		struct fd_op_result res;
		snprintf(payload, sizeof payload, "{\"booking\":\"%s\",\"room\":\"%s\"}", code, room);
		enum fd_status st = apply(pg, "booking.assign_room", payload, unlocked, &res, &err);
		if (st == FD_OK)
			applied++;
		else if (st == FD_E_CONFLICT)
			refused++;
		else {
			failed++;
			fprintf(stderr, "pgtool assign %s %s: %s\n", code, room, err.message);
		}
	}
	fclose(f);
	printf("applied %d refused %d\n", applied, refused);
	return failed ? 1 : 0;
}

static int feed_write(struct fd_pg *pg, int n, const char *tag)
{
	for (int i = 0; i < n; i++) {
		struct fd_error err = {0};
		char id[64];
		snprintf(id, sizeof id, "%s-%d", tag, i);
		/* A pause between taking the number and committing: without the
		 * lock, the other writer's later number would commit first. */
		static const char pause[] = "SELECT pg_sleep(random() * 0.005)";
		if (fd_pg_begin(pg, &err) || fd_pg_record_change(pg, "test", id, NULL, &err) ||
		    fd_pg_do(pg, pause, 0, NULL, "pausing", &err) || fd_pg_commit(pg, &err)) {
			fprintf(stderr, "pgtool feed-write: %s\n", err.message);
			fd_pg_rollback(pg);
			return 1;
		}
	}
	return 0;
}

static int feed_read(struct fd_pg *pg, int64_t total)
{
	int64_t cursor = 0;
	int idle = 0;
	while (cursor < total) {
		struct fd_error err = {0};
		struct fd_pg_change *ch;
		int n;
		if (fd_pg_changes(pg, cursor, 1000, &ch, &n, &err)) {
			fprintf(stderr, "pgtool feed-read: %s\n", err.message);
			return 1;
		}
		for (int i = 0; i < n; i++) {
			if (ch[i].seq != cursor + 1) {
				fprintf(
				    stderr,
				    "pgtool feed-read: after %lld the feed showed %lld: %lld was skipped\n",
				    (long long)cursor, (long long)ch[i].seq, (long long)cursor + 1);
				free(ch);
				return 1;
			}
			cursor = ch[i].seq;
		}
		free(ch);
		if (n == 0) {
			if (++idle > 60000) { /* about a minute without progress */
				fprintf(stderr, "pgtool feed-read: stuck at %lld of %lld\n",
				        (long long)cursor, (long long)total);
				return 1;
			}
			usleep(1000);
		} else
			idle = 0;
	}
	printf("read %lld\n", (long long)cursor);
	return 0;
}

static int avail_check(struct fd_pg *pg, const char *type, const char *from_s, const char *to_s,
                       const char *except_id)
{
	fd_date from, to;
	if (!fd_date_parse(from_s, &from) || !fd_date_parse(to_s, &to) || to <= from || to - from > 400)
		return usage();
	const struct fd_repo *repo = fd_pg_repo(pg);
	struct fd_error err = {0};
	int inv[400], sold[400], inv1[400], sold1[400], day[400], day1[400];
	if (!repo->type_nights || !repo->type_days) {
		fprintf(stderr, "pgtool: the PostgreSQL repository has no range call\n");
		return 1;
	}
	if (repo->type_nights(repo->ctx, type, from, to, except_id, inv, sold, &err) ||
	    fd_avail_nights_each(repo, type, from, to, except_id, inv1, sold1, &err) ||
	    repo->type_days(repo->ctx, type, from, to, except_id, day, &err) ||
	    fd_avail_days_each(repo, type, from, to, except_id, day1, &err)) {
		fprintf(stderr, "pgtool: %s\n", err.message);
		return 1;
	}
	int rc = 0;
	for (fd_date d = from; d < to; d++) {
		char date[FD_DATE_STRLEN];
		int i = d - from;
		fd_date_format(d, date);
		printf("%s %d %d %d\n", date, inv[i], sold[i], day[i]);
		if (inv[i] != inv1[i] || sold[i] != sold1[i]) {
			printf("MISMATCH %s: range %d rooms %d sold, night by night %d rooms %d sold\n", date,
			       inv[i], sold[i], inv1[i], sold1[i]);
			rc = 1;
		}
		if (day[i] != day1[i]) {
			printf("MISMATCH %s: range %d sold during the day, day by day %d\n", date, day[i],
			       day1[i]);
			rc = 1;
		}
	}
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	fd_ids_init();
	struct fd_error err = {0};
	struct fd_pg *pg = fd_pg_open(argv[1], &err);
	if (!pg) {
		fprintf(stderr, "pgtool: %s\n", err.message);
		return 1;
	}
	const char *cmd = argv[2];
	int rc;
	if (argc > 3)
		fd_pg_use_property(pg, argv[3]);
	bool unlocked = strcmp(argv[argc - 1], "--unlocked") == 0;
	if (strcmp(cmd, "migrate") == 0) {
		printf("%d\n", fd_pg_schema_version(pg));
		rc = 0;
	} else if (strcmp(cmd, "hotel") == 0 && argc == 5)
		rc = hotel(pg, argv[3], atoi(argv[4]));
	else if (strcmp(cmd, "op") == 0 && argc >= 6) {
		struct fd_op_result res;
		memset(&res, 0, sizeof res);
		enum fd_status st = apply(pg, argv[4], argv[5], unlocked, &res, &err);
		rc = report(st, &res, &err);
	} else if (strcmp(cmd, "book") == 0 && argc == 7)
		rc = book(pg, argv[4], argv[5], argv[6]);
	else if (strcmp(cmd, "book-many") == 0 && argc == 8) {
		rc = 0;
		for (int i = atoi(argv[4]); i > 0 && !rc; i--)
			rc = book(pg, argv[5], argv[6], argv[7]);
	} else if (strcmp(cmd, "assign-all") == 0 && argc >= 5)
		rc = assign_all(pg, argv[4], unlocked);
	else if (strcmp(cmd, "feed-write") == 0 && argc == 6)
		rc = feed_write(pg, atoi(argv[4]), argv[5]);
	else if (strcmp(cmd, "feed-read") == 0 && argc == 5)
		rc = feed_read(pg, atoll(argv[4]));
	else if (strcmp(cmd, "avail-check") == 0 && (argc == 7 || argc == 8))
		rc = avail_check(pg, argv[4], argv[5], argv[6], argc == 8 ? argv[7] : "");
	else
		rc = usage();
	fd_pg_close(pg);
	return rc;
}
