// SPDX-License-Identifier: GPL-3.0-or-later
/* Fuzz target for the operation parser and the rules behind it: any bytes
 * from the wire must parse or be refused with a message, never crash, and a
 * refused apply must leave the store unchanged. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/json.h"
#include "fixture.h"
#include "fuzz.h"

static struct fd_db *hotel;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!hotel)
		hotel = fx_hotel();
	cJSON *json = fd_json_parse((const char *)data, size, NULL);
	if (!json)
		return 0;
	struct fd_op op;
	struct fd_error err = {0};
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
