// SPDX-License-Identifier: GPL-3.0-or-later
/* Fuzz target for the terminal's feed parser: a page of changes from the
 * server (or from whoever answers in its place) is applied or refused,
 * never crashes the desk, and a refused page changes nothing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "fixture.h"
#include "fuzz.h"
#include "sync/sync_internal.h"

static struct fd_db *desk;
static unsigned long runs;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (desk && ++runs % 500 == 0)
		fuzz_target_cleanup();
	if (!desk)
		desk = fx_hotel();
	cJSON *page = fd_json_parse((const char *)data, size, NULL);
	if (!page)
		return 0;
	const cJSON *changes = cJSON_GetObjectItemCaseSensitive(page, "changes");
	const cJSON *next = cJSON_GetObjectItemCaseSensitive(page, "next");
	/* The engine's own check (src/sync/exchange.c): a cursor an int64
	 * cannot hold is refused before it is converted. */
	if (cJSON_IsArray(changes) && cJSON_IsNumber(next) && next->valuedouble >= 0 &&
	    next->valuedouble <= 9e15) {
		struct fd_error err = {0};
		char *before = fx_dump(desk);
		if (sync_apply_page(desk, changes, (int64_t)next->valuedouble, &err) != FD_OK) {
			char *after = fx_dump(desk);
			if (strcmp(before, after) != 0) {
				fprintf(stderr, "a refused page changed the desk: %s\n", err.message);
				abort();
			}
			free(after);
		}
		free(before);
	}
	cJSON_Delete(page);
	return 0;
}

void fuzz_target_cleanup(void)
{
	fd_db_close(desk);
	desk = NULL;
}
