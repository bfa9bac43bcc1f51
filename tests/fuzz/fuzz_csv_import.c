// SPDX-License-Identifier: GPL-3.0-or-later
/* Fuzz target for the CSV importer: any file either imports or is refused
 * with a FILE:LINE message, and a refused file changes nothing. */
#define _GNU_SOURCE
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fixture.h"
#include "fuzz.h"
#include "store/import.h"

static struct fd_db *hotel;
static unsigned long runs;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A fresh hotel now and then, so imported rows do not pile up. */
	if (hotel && ++runs % 500 == 0)
		fuzz_target_cleanup();
	if (!hotel)
		hotel = fx_hotel();
	int fd = memfd_create("fuzz.csv", 0);
	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size))
		abort();
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	FILE *sink = fopen("/dev/null", "w");
	struct fd_import_opts opts = {.actor = "fuzz", .device = "fuzz", .report = sink};
	struct fd_import_result res;
	struct fd_error err = {0};
	char *before = fx_dump(hotel);
	enum fd_status st = fd_import_bookings(hotel, path, &opts, &res, &err);
	if (st != FD_OK) {
		char *after = fx_dump(hotel);
		if (!err.message[0] || strcmp(before, after) != 0) {
			fprintf(stderr, "refused import: %s\n",
			        err.message[0] ? "changed the store" : "no message");
			abort();
		}
		free(after);
	}
	free(before);
	fclose(sink);
	close(fd);
	return 0;
}

void fuzz_target_cleanup(void)
{
	fd_db_close(hotel);
	hotel = NULL;
}
