// SPDX-License-Identifier: GPL-3.0-or-later
/* Several hotels in one PostgreSQL database (doc/scale-out.md): each hotel's
 * short code (the name administrators give on the command line), finding a
 * hotel by its code or id, and the list of the chain's hotels. */
#ifndef FD_PG_CHAIN_H
#define FD_PG_CHAIN_H

#include "pg/pg.h"

#define FD_PG_CODE_LEN 17 /* 1 to 16 of A-Z 0-9 - _ */

struct fd_pg_hotel {
	char id[FD_ID_LEN];
	char code[FD_PG_CODE_LEN]; /* "" for a hotel made by init without one */
	char name[FD_NAME_LEN];
	char currency[8];
	char timezone[64];
};

/* Whether code is a hotel code: 1 to 16 capital letters, digits, '-' or '_'. */
bool fd_pg_code_valid(const char *code);
/* Every hotel, by code then id (*out malloc'd, the caller frees it). */
enum fd_status fd_pg_hotels(struct fd_pg *pg, struct fd_pg_hotel **out, int *n, struct fd_error *err);
/* The hotel whose code or id is key: FD_OK with *h, FD_E_NOT_FOUND (err
 * filled, naming key) when there is none. */
enum fd_status fd_pg_hotel_find(struct fd_pg *pg, const char *key, struct fd_pg_hotel *h,
                                struct fd_error *err);
/* Give the current property (fd_pg_use_property) its code, inside the
 * caller's transaction; a code another hotel has is FD_E_CONFLICT. */
enum fd_status fd_pg_hotel_set_code(struct fd_pg *pg, const char *code, struct fd_error *err);

/* A person's chain role (enum fd_chain_role of core/perm.h; FD_CHAIN_NONE
 * when none), and setting it (FD_CHAIN_NONE removes it). */
enum fd_status fd_pg_chain_role_get(struct fd_pg *pg, const char *username, int *chain_role,
                                    struct fd_error *err);
enum fd_status fd_pg_chain_role_set(struct fd_pg *pg, const char *username, int chain_role,
                                    struct fd_error *err);

/* Shared guest profiles (the chain's setting shared_guests in meta): on or
 * off, and the most recently changed profile of another hotel than the
 * current property with g's e-mail (any case) or document number
 * (FD_E_NOT_FOUND when none or when the setting is off). */
enum fd_status fd_pg_shared_guests_set(struct fd_pg *pg, bool on, struct fd_error *err);
enum fd_status fd_pg_chain_guest(struct fd_pg *pg, const struct fd_guest *g, struct fd_guest *known,
                                 struct fd_error *err);

#endif
