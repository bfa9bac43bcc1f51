// SPDX-License-Identifier: GPL-3.0-or-later
/* Fuzz target for the iCal importer (src/store/ical.c, `frontdesk ical
 * import`): any file is either planned as blocks of a room or refused with
 * a message; a plan is applied as the command line applies it (one
 * transaction of room.block and room.unblock operations), and a feed that
 * was imported plans nothing when read again. Each input starts from the
 * same small hotel (tests/unit/fixture.h), copied back when it changed. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "fuzz.h"
#include "store/ical.h"
#include "store/oplog.h"

static struct fd_db *hotel;
static sqlite3 *pristine;
static sqlite3_int64 writes;

static void copy_db(sqlite3 *from, sqlite3 *to)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE || sqlite3_backup_finish(b) != SQLITE_OK) {
		fprintf(stderr, "fuzz_ical: copying the hotel: %s\n", sqlite3_errmsg(to));
		abort();
	}
}

static void setup(void)
{
	hotel = fx_hotel();
	/* A block from this feed that is not in the input: lifted by a plan. */
	struct fd_error err = {0};
	if (fx_op(hotel, NULL, "room.block",
	          "{\"room\":\"101\",\"uid\":\"old@fuzz\",\"from\":\"2026-12-01\",\"to\":\"2026-12-03\","
	          "\"summary\":\"Reserved\",\"source\":\"fuzz.ics\"}",
	          NULL, &err) ||
	    sqlite3_open(":memory:", &pristine) != SQLITE_OK) {
		fprintf(stderr, "fuzz_ical: setting up: %s\n", err.message);
		abort();
	}
	copy_db(fd_db_handle(hotel), pristine);
	writes = sqlite3_total_changes64(fd_db_handle(hotel));
}

/* The plan as the command line's operations (src/cli/cmd_ical.c). */
static int plan_ops(const struct fd_ical_plan *plan, struct fd_op *ops)
{
	int n = 0;
	for (int i = 0; i < plan->n_block; i++, n++) {
		const struct fd_room_block *b = &plan->block[i];
		char d[FD_DATE_STRLEN];
		fd_op_init(&ops[n]);
		fd_op_prepare(&ops[n], "room.block", "fuzz", "fuzz");
		cJSON *p = ops[n].payload = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "room", b->room);
		cJSON_AddStringToObject(p, "uid", b->uid);
		cJSON_AddStringToObject(p, "from", fd_date_format(b->start, d));
		cJSON_AddStringToObject(p, "to", fd_date_format(b->end, d));
		cJSON_AddStringToObject(p, "summary", b->summary);
		cJSON_AddStringToObject(p, "source", b->source);
	}
	for (int i = 0; i < plan->n_unblock; i++, n++) {
		fd_op_init(&ops[n]);
		fd_op_prepare(&ops[n], "room.unblock", "fuzz", "fuzz");
		cJSON *p = ops[n].payload = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "room", "101");
		cJSON_AddStringToObject(p, "uid", plan->unblock[i]);
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!hotel)
		setup();
	if (sqlite3_total_changes64(fd_db_handle(hotel)) != writes) {
		copy_db(pristine, fd_db_handle(hotel));
		writes = sqlite3_total_changes64(fd_db_handle(hotel));
	}
	char *text = malloc(size + 1);
	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	struct fd_ical_plan plan;
	struct fd_error err = {0};
	enum fd_status st = fd_ical_plan(hotel, text, "fuzz.ics", "101", "fuzz.ics", &plan, &err);
	if (st != FD_OK && !err.message[0]) {
		fprintf(stderr, "a refused feed without a message\n");
		abort();
	}
	int n = st == FD_OK ? plan.n_block + plan.n_unblock : 0;
	struct fd_op *ops = n ? calloc((size_t)n, sizeof *ops) : NULL;
	if (n && !ops)
		abort();
	if (n) {
		plan_ops(&plan, ops);
		st = fd_store_apply(hotel, ops, n, FD_APPLY_TRUSTED, NULL, NULL, &err);
		for (int i = 0; i < n; i++)
			fd_op_clear(&ops[i]);
		if (st != FD_OK && !err.message[0]) {
			fprintf(stderr, "refused blocks without a message\n");
			abort();
		}
		if (st == FD_OK) {
			/* Imported: the same feed again changes nothing. */
			struct fd_ical_plan again;
			if (fd_ical_plan(hotel, text, "fuzz.ics", "101", "fuzz.ics", &again, &err) != FD_OK ||
			    again.n_block || again.n_unblock) {
				fprintf(stderr, "the feed read again plans %d block(s), %d unblock(s): %s\n",
				        again.n_block, again.n_unblock, err.message);
				abort();
			}
			fd_ical_plan_clear(&again);
		}
	}
	free(ops);
	fd_ical_plan_clear(&plan);
	free(text);
	return 0;
}

void fuzz_target_cleanup(void)
{
	fd_db_close(hotel);
	hotel = NULL;
	sqlite3_close(pristine);
	pristine = NULL;
}
