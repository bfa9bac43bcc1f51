// SPDX-License-Identifier: GPL-3.0-or-later
/* Test fixture for the folio tests: a small hotel built through operations
 * (no demo generator): fixture DIR DATE ROOMS [RATE_MINOR]
 * makes property "Fixture" (EUR) on business date DATE, room type STD
 * (2 guests) and rooms 101.. (ROOMS of them), staff anna and hana (staff),
 * max (manager), and (with 3 rooms or more) housekeeping tasks on DATE. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/db.h"
#include "store/ids.h"
#include "store/oplog.h"

static struct fd_op ops[64];
static int n_ops;

static cJSON *op(const char *type)
{
	struct fd_op *o = &ops[n_ops++];
	fd_op_init(o);
	fd_op_prepare(o, type, "fixture", "fixture");
	o->payload = cJSON_CreateObject();
	return o->payload;
}

static void staff(const char *user, const char *role)
{
	char id[FD_ID_LEN];
	cJSON *p = op("staff.create");
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "username", user);
	cJSON_AddStringToObject(p, "display_name", user);
	cJSON_AddStringToObject(p, "role", role);
	cJSON_AddStringToObject(p, "department", "front_office");
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: fixture DIR DATE ROOMS [RATE_MINOR]\n");
		return 2;
	}
	int rooms = atoi(argv[3]);
	if (rooms < 1 || rooms > 50 || fd_ids_init() != 0)
		return 2;
	mkdir(argv[1], 0700);
	char path[4096], id[FD_ID_LEN];
	snprintf(path, sizeof path, "%s/frontdesk.db", argv[1]);
	struct fd_error err = {0};
	struct fd_db *db = fd_db_open(path, FD_DB_CREATE, &err);
	if (!db) {
		fprintf(stderr, "fixture: %s\n", err.message);
		return 1;
	}
	cJSON *p = op("property.update");
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "name", "Fixture");
	cJSON_AddStringToObject(p, "currency", "EUR");
	cJSON_AddStringToObject(p, "timezone", "UTC");
	cJSON_AddStringToObject(p, "business_date", argv[2]);
	p = op("room_type.create");
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "code", "STD");
	cJSON_AddStringToObject(p, "name", "Standard");
	cJSON_AddNumberToObject(p, "max_occupancy", 2);
	cJSON_AddNumberToObject(p, "base_rate", argc > 4 ? atof(argv[4]) : 10000);
	for (int i = 0; i < rooms; i++) {
		char num[16];
		snprintf(num, sizeof num, "%d", 101 + i);
		p = op("room.create");
		cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
		cJSON_AddStringToObject(p, "number", num);
		cJSON_AddStringToObject(p, "type", "STD");
		cJSON_AddNumberToObject(p, "floor", 1);
	}
	staff("anna", "staff");
	staff("max", "manager");
	staff("hana", "staff");
	/* Housekeeping work on the business date, for hk-productivity: anna
	 * cleans two rooms and hana one and inspects one; one task stays open. */
	static const struct {
		const char *room, *kind, *who;
		bool done;
	} tasks[] = {
	    {"101", "clean", "anna", true},    {"102", "clean", "anna", true},
	    {"103", "clean", "hana", true},    {"101", "inspect", "hana", true},
	    {"102", "inspect", "hana", false},
	};
	for (size_t i = 0; rooms >= 3 && i < sizeof tasks / sizeof *tasks; i++) {
		char tid[FD_ID_LEN];
		p = op("task.create");
		cJSON_AddStringToObject(p, "id", fd_uuid_new(tid));
		cJSON_AddStringToObject(p, "room", tasks[i].room);
		cJSON_AddStringToObject(p, "date", argv[2]);
		cJSON_AddStringToObject(p, "kind", tasks[i].kind);
		cJSON_AddStringToObject(p, "attendant", tasks[i].who);
		if (tasks[i].done) {
			p = op("task.update");
			cJSON_AddStringToObject(p, "task", tid);
			cJSON_AddStringToObject(p, "status", "done");
		}
	}
	int failed = -1;
	enum fd_status st = fd_store_apply(db, ops, n_ops, FD_APPLY_TRUSTED, NULL, &failed, &err);
	for (int i = 0; i < n_ops; i++)
		fd_op_clear(&ops[i]);
	fd_db_close(db);
	if (st) {
		fprintf(stderr, "fixture: op %d: %s\n", failed, err.message);
		return 1;
	}
	return 0;
}
