// SPDX-License-Identifier: GPL-3.0-or-later
/* Fuzz target for the operation parser and the rules behind it: any bytes
 * from the wire must parse or be refused with a message, never crash, and a
 * refused apply must leave the store unchanged.
 *
 * Built two ways: with clang -fsanitize=fuzzer (-DFD_LIBFUZZER) for real
 * fuzzing (see tests/fuzz/README), and as a plain program that replays the
 * seed corpus under `make check`. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct fd_db *hotel;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!hotel)
		hotel = fx_hotel();
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	cJSON *json = cJSON_Parse(text);
	free(text);
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

#ifndef FD_LIBFUZZER
int main(int argc, char **argv)
{
	int n = 0;
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		uint8_t buf[65536];
		size_t len = fread(buf, 1, sizeof buf, f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, len);
		n++;
	}
	fd_db_close(hotel);
	printf("replayed %d inputs\n", n);
	return n > 0 ? 0 : 1;
}
#endif
