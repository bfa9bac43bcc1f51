// SPDX-License-Identifier: GPL-3.0-or-later
/* The hotel's entities as plain values. Strings are fixed-size and always
 * NUL-terminated so entities can be copied by assignment; UTF-8 throughout.
 * Every entity has a UUID (`id`) and a version bumped on each change. */
#ifndef FD_CORE_ENTITY_H
#define FD_CORE_ENTITY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"

#define FD_ID_LEN 37  /* UUID text + NUL */
#define FD_CODE_LEN 7 /* booking confirmation code: 6 characters + NUL */
#define FD_ROOMNO_LEN 16
#define FD_TYPECODE_LEN 16
#define FD_NAME_LEN 128
#define FD_NOTES_LEN 1024
#define FD_USER_LEN 64
#define FD_ENTITY_LEN 24 /* an entity's name in the feed: "booking", "room_type", ... */

struct fd_property {
	char id[FD_ID_LEN];
	char name[FD_NAME_LEN];
	char currency[4];
	char timezone[64];
	fd_date business_date;
	int64_t version;
};

struct fd_room_type {
	char id[FD_ID_LEN];
	char code[FD_TYPECODE_LEN];
	char name[FD_NAME_LEN];
	int max_occupancy;
	int64_t base_rate; /* minor units, property currency */
	int rank;          /* higher ranks are upgrades of lower ones */
	int64_t version;
};

enum fd_clean { FD_CLEAN_DIRTY, FD_CLEAN_PICKUP, FD_CLEAN_CLEAN, FD_CLEAN_INSPECTED };
enum fd_maint { FD_MAINT_NONE, FD_MAINT_OOS, FD_MAINT_OOO };

struct fd_room {
	char id[FD_ID_LEN];
	char number[FD_ROOMNO_LEN];
	char type_code[FD_TYPECODE_LEN];
	int floor;
	char section[32];
	enum fd_clean clean;
	enum fd_maint maint;
	char maint_reason[256];
	fd_date maint_from; /* maintenance applies to nights maint_from <= d < maint_to */
	fd_date maint_to;
	bool dnd;         /* do not disturb */
	bool mur;         /* make up room */
	bool hk_occupied; /* what housekeeping last reported; compared for discrepancies */
	int64_t version;
};

struct fd_guest {
	char id[FD_ID_LEN];
	char family[FD_NAME_LEN];
	char given[FD_NAME_LEN];
	char email[FD_NAME_LEN];
	char phone[64];
	char country[4];   /* ISO 3166-1 alpha-2 */
	char document[64]; /* the identity document's number */
	char notes[FD_NOTES_LEN];
	char language[16]; /* of the guest's documents: "de", "pt_BR"; "" unknown */
	bool vip;
	bool erased; /* GDPR erasure: personal fields blanked, bookings kept */
	int64_t version;
	/* The profile (migration 16): dates are 0 when not known. */
	char doc_type[32];   /* passport, id card, driving licence, ... */
	char doc_country[4]; /* the issuing country, ISO 3166-1 alpha-2 */
	fd_date doc_expiry;
	char nationality[4]; /* ISO 3166-1 alpha-2 */
	fd_date birth_date;
	char address[512];
	char preferences[512];
	char merged_into[FD_ID_LEN]; /* a duplicate merged into this profile, or "" */
};

enum fd_booking_status {
	FD_BOOKING_RESERVED,
	FD_BOOKING_CHECKED_IN,
	FD_BOOKING_CHECKED_OUT,
	FD_BOOKING_CANCELLED,
	FD_BOOKING_NO_SHOW,
};

struct fd_booking {
	char id[FD_ID_LEN];
	char code[FD_CODE_LEN];
	char guest_id[FD_ID_LEN];
	char type_code[FD_TYPECODE_LEN];
	char room[FD_ROOMNO_LEN]; /* empty while unassigned */
	fd_date arrival;
	fd_date departure;
	int adults;
	int children;
	int64_t rate; /* nightly, minor units */
	enum fd_booking_status status;
	char source[32];
	char notes[FD_NOTES_LEN];
	char eta[6]; /* "HH:MM" or empty */
	bool late_checkin;
	int64_t version;
	char block_id[FD_ID_LEN];   /* the group block it was picked up from, or "" */
	char company_id[FD_ID_LEN]; /* the company account it is booked for, or "" */
};

/* A group block (allotment, op_group.c): rooms of some types held for a
 * group or company on given nights until its cut-off date. While it is
 * not released the rooms it holds and no booking has picked up count as
 * sold; the night audit of the cut-off date releases them. */
struct fd_group_block {
	char id[FD_ID_LEN];
	char name[FD_NAME_LEN];
	char company[FD_NAME_LEN]; /* the group's or company's name, may be "" */
	char plan[32];             /* a rate plan code, may be "" */
	char master[FD_CODE_LEN];  /* booking whose folio takes the members' room charges, or "" */
	fd_date cutoff;
	fd_date released; /* the audit date that released it, 0 while it holds rooms */
	int64_t version;
};

enum fd_role { FD_ROLE_GUEST, FD_ROLE_STAFF, FD_ROLE_MANAGER, FD_ROLE_ADMIN };
enum fd_dept {
	FD_DEPT_FRONT_OFFICE,
	FD_DEPT_HOUSEKEEPING,
	FD_DEPT_MAINTENANCE,
	FD_DEPT_MANAGEMENT,
	FD_DEPT_NIGHT_AUDIT,
};

struct fd_staff {
	char id[FD_ID_LEN];
	char username[FD_USER_LEN];
	char display_name[FD_NAME_LEN];
	enum fd_role role;
	enum fd_dept dept;
	char section[32];
	bool active;
	bool on_shift;
	int64_t version;
};

enum fd_task_kind { FD_TASK_CLEAN, FD_TASK_INSPECT, FD_TASK_TURNDOWN };
enum fd_task_status { FD_TASK_OPEN, FD_TASK_DONE, FD_TASK_CANCELLED };

struct fd_hk_task {
	char id[FD_ID_LEN];
	char room[FD_ROOMNO_LEN];
	fd_date date;
	enum fd_task_kind kind;
	char attendant[FD_USER_LEN]; /* staff username, empty when unassigned */
	enum fd_task_status status;
	int64_t version;
	char done_by[FD_USER_LEN]; /* who finished it (empty while open) */
	int64_t done_at;           /* when, seconds since the epoch (0 while open) */
};

/* A conflict notice: an operation the server refused (made for every
 * rejection, replicated to every terminal, closed by conflict.resolve). */
struct fd_conflict {
	char id[FD_ID_LEN];
	char op_id[FD_ID_LEN];
	char type[40]; /* the refused operation's type */
	char code[32]; /* the server's reason code, e.g. "room_taken" */
	char actor[FD_USER_LEN];
	char details[4096]; /* JSON: {"op":{...},"clash_booking","free_rooms"} */
	bool resolved;
	char resolved_by[FD_USER_LEN];
	int64_t version;
};

/* Names used on the wire, in the database and in the CLI. Parsers return
 * false on an unknown name. */
const char *fd_clean_name(enum fd_clean c);
bool fd_clean_parse(const char *s, enum fd_clean *out);
const char *fd_maint_name(enum fd_maint m);
bool fd_maint_parse(const char *s, enum fd_maint *out);
const char *fd_booking_status_name(enum fd_booking_status s);
bool fd_booking_status_parse(const char *s, enum fd_booking_status *out);
const char *fd_role_name(enum fd_role r);
bool fd_role_parse(const char *s, enum fd_role *out);
const char *fd_dept_name(enum fd_dept d);
bool fd_dept_parse(const char *s, enum fd_dept *out);
const char *fd_task_kind_name(enum fd_task_kind k);
bool fd_task_kind_parse(const char *s, enum fd_task_kind *out);
const char *fd_task_status_name(enum fd_task_status s);
bool fd_task_status_parse(const char *s, enum fd_task_status *out);

/* Is the room out of order (out of inventory) on night d? */
bool fd_room_ooo_on(const struct fd_room *room, fd_date night);
/* Is any night of [from, to) out of order? */
bool fd_room_ooo_during(const struct fd_room *room, fd_date from, fd_date to);
/* Housekeeping display code: VC, VD, OC, OD, OOO, OOS (occupied is known by
 * the caller from bookings). */
const char *fd_room_hk_code(const struct fd_room *room, bool occupied, fd_date today);
/* A booking that holds its nights (reserved or in house). */
bool fd_booking_active(const struct fd_booking *b);
/* A day-use stay arrives and leaves on the same day: it holds no night
 * (nothing in stay_nights, no room-night sold) but keeps its room for that
 * day (the rule is in op_booking.c). */
bool fd_booking_day_use(const struct fd_booking *b);

#endif
