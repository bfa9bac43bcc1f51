// SPDX-License-Identifier: GPL-3.0-or-later
/* Fuzz target for the operation parser and the rules behind it: any bytes
 * from the wire must parse or be refused with a message, never crash, and a
 * refused apply must leave the store unchanged. The same bytes go through
 * the tree-less reader a terminal stages snapshot pages with
 * (fd_json_scan_object): whatever it accepts, the parser that installs the
 * page must accept too, as an object of as many members, and the text
 * reader that installs its rows (fd_json_each, fd_json_string_text) must
 * read each string member as cJSON does. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The text reader a staged page's rows are installed with: member by
 * member in the order cJSON keeps them, each string decodes as cJSON
 * decoded it (cut to the reader's buffer). */
static bool same_member(void *ctx, const struct fd_json_member *m)
{
	const cJSON **next = ctx;
	const cJSON *v = *next;
	char text[512];
	bool ok = fd_json_string_text(m->value, m->value_len, text, sizeof text);
	bool plain = !memchr(m->key, '\\', m->key_len); /* else read as a tree */
	if (!v ||
	    (plain && (strlen(v->string) != m->key_len || memcmp(v->string, m->key, m->key_len) != 0)) ||
	    (cJSON_IsString(v) && (!ok || strncmp(text, v->valuestring, sizeof text - 1) != 0))) {
		fprintf(stderr, "the text reader read a member otherwise than cJSON\n");
		abort();
	}
	*next = v->next;
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
	const cJSON *next = json->child;
	if (scanned && !fd_json_each((const char *)data, size, same_member, &next)) {
		fprintf(stderr, "the text reader cannot walk what the page reader accepted\n");
		abort();
	}
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
