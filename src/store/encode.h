// SPDX-License-Identifier: GPL-3.0-or-later
/* The public JSON shape of each entity, one encoder each: the server's read
 * endpoints and the command line's --json both use these, so the two never
 * drift. The shapes are documented once, in data/openapi.yaml
 * (components/schemas Booking, Room, RoomType): dates "YYYY-MM-DD", money
 * in minor units of "currency". */
#ifndef FD_STORE_ENCODE_H
#define FD_STORE_ENCODE_H

#include <cjson/cJSON.h>

#include "core/entity.h"
#include "store/query.h"

/* currency NULL or "": the field is left out. */
cJSON *fd_booking_json(const struct fd_booking_row *row, const char *currency);
cJSON *fd_room_json(const struct fd_room_row *row);
cJSON *fd_room_type_json(const struct fd_room_type *t);
/* A guest profile (components/schemas Guest); row (may be NULL) adds the
 * last stay and the number of stays. */
cJSON *fd_guest_json(const struct fd_guest *g, const struct fd_guest_row *row);

#endif
