// SPDX-License-Identifier: GPL-3.0-or-later
/* Fuzz target for the operation parser and the rules behind it: any bytes
 * from the wire must parse or be refused with a message, never crash, and a
 * refused apply must leave the store unchanged. The same bytes go through
 * the tree-less reader a terminal stages snapshot pages with
 * (fd_json_scan_object): whatever it accepts, the parser that installs the
 * page must accept too, as an object of as many members. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/json.h"
#include "fixture.h"
#include "fuzz.h"

static struct fd_db *hotel;

static bool count_member(void *ctx, const struct fd_json_member *m)
{
	(void)m;
	++*(size_t *)ctx;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!hotel)
		hotel = fx_hotel();
	struct fd_error err = {0};
	size_t members = 0;
	bool scanned = fd_json_scan_object((const char *)data, size, count_member, &members, &err);
	cJSON *json = fd_json_parse((const char *)data, size, NULL);
	if (scanned && (!cJSON_IsObject(json) || (size_t)cJSON_GetArraySize(json) != members)) {
		fprintf(stderr, "the page reader took what the parser refuses, or counted %zu members\n",
		        members);
		abort();
	}
	if (!json)
		return 0;
	struct fd_op op;
	err = (struct fd_error){0};
	if (fd_op_from_json(json, &op, &err) == FD_OK) {
		struct fd_op_result res;
		enum fd_status st = fd_op_apply(fd_db_repo(hotel), &op, FD_APPLY_TRUSTED, &res, &err);
		if (st != FD_OK && !err.message[0]) {
			fprintf(stderr, "refusal without a message for %s\n", op.type);
			abort();
		}
	} else if (!err.message[0]) {
		fprintf(stderr, "parse refusal without a message\n");
		abort();
	}
	fd_op_clear(&op);
	cJSON_Delete(json);
	return 0;
}

void fuzz_target_cleanup(void)
{
	fd_db_close(hotel);
	hotel = NULL;
}
