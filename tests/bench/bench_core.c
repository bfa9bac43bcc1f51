// SPDX-License-Identifier: GPL-3.0-or-later
/* Core benchmark: a large hotel loaded through operations, then the queries
 * the screens run most, timed. Prints a table; asserts nothing about time.
 *
 *   FD_BENCH_ROOMS     rooms (default 1000)
 *   FD_BENCH_BOOKINGS  bookings, each with its own guest (default 200000,
 *                      so `make bench` stays near two minutes on a shared
 *                      2-core machine; the figure is for 500000,
 *                      which takes about eight)
 *   FD_BENCH_BATCH     operations' bookings per transaction (default 5000)
 *   FD_BENCH_RUNS      runs per query (default 200)
 *   FD_BENCH_KEEP      set: keep the database and print its path
 *   FD_BENCH_PROFILE   set: print the SQL statements that took the most time
 *   FD_BENCH_SQL       SQL run right after opening (to try a PRAGMA)
 *   FD_BENCH_DB        path of a database a kept run left (FD_BENCH_KEEP):
 *                      skip the load and time the queries on it (opened as
 *                      it is, so it is migrated first when it is older), so
 *                      a profile of a query need not rebuild 500,000 bookings
 *   FD_BENCH_ONLY      "board": time only the board queries ("board50",
 *                      "boardall": only the 50-room page or every room)
 *
 *   FD_BENCH_OP_BOOKINGS  how many of them go through operations (default
 *                     20000; set it to FD_BENCH_BOOKINGS for a full load
 *                     the real way, which takes several minutes)
 *
 * The real path: guest.create, booking.create and booking.assign_room
 * through fd_store_apply (trusted, audited, one BEGIN IMMEDIATE transaction
 * per batch, synchronous as the store sets it), so its rate includes every
 * rule check, the room-night guard, the search index and the audit log.
 *
 * The bench-only fast path fills the rest: the same rows (guest with its
 * folded search key, booking reserved and assigned, one stay_nights row per
 * night) written by plain INSERTs in the same batches, without rule checks,
 * audit log or op JSON, with a 256 MB page cache. It exists only so a half-million-booking hotel can
 * be measured in a few minutes on a small machine; the op path is then
 * timed on top of that full database, where it is slowest. Its INSERTs
 * fire the search triggers as any plain writer's do, so the search
 * indexes are written at every statement; the op path's batches write
 * them once, at their COMMIT (core step 50). Tried on the fast path too
 * (a row in search_defer per batch), that made it about half again as
 * fast (30,000 bookings, medians of 3 runs on a shared 2-core machine). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/avail.h"
#include "core/op.h"
#include "demo/names.h"
#include "store/fold.h"
#include "store/ids.h"
#include "store/oplog.h"
#include "store/query.h"
#include "store/query_desk.h"
#include "store/row.h"
#include "tests/bench/figures.h"

static const struct {
	const char *code, *name;
	int occ, rate, rank, share; /* share of rooms in per mille */
} types[] = {
    {"SGL", "Single", 1, 8900, 10, 150}, {"DBL", "Double", 2, 12900, 20, 400},
    {"TWN", "Twin", 2, 12900, 20, 250},  {"SUP", "Superior", 3, 17900, 30, 150},
    {"STE", "Suite", 4, 29500, 40, 50},
};
#define N_TYPES 5

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static int rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int env_int(const char *name, int dflt)
{
	const char *v = getenv(name);
	return v && atoi(v) > 0 ? atoi(v) : dflt;
}

/* Unique 6-character codes: the booking's index times a constant prime to
 * 31 is a bijection modulo 31^6, written in the code alphabet. (Random
 * codes collide about a hundred times in half a million.) */
static void code_for(int64_t i, char out[FD_CODE_LEN])
{
	static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
	const int64_t m = INT64_C(887503681); /* 31^6 */
	int64_t x = (i * INT64_C(104729) + 12345) % m;
	for (int k = FD_CODE_LEN - 2; k >= 0; k--) {
		out[k] = alphabet[x % 31];
		x /= 31;
	}
	out[FD_CODE_LEN - 1] = '\0';
}

static void room_number(int i, char out[FD_ROOMNO_LEN])
{
	snprintf(out, FD_ROOMNO_LEN, "%d", (i / 100 + 1) * 1000 + i % 100 + 1);
}

static int room_type(int i, int rooms)
{
	int pm = (int)((int64_t)i * 1000 / rooms), acc = 0;
	for (int t = 0; t < N_TYPES; t++)
		if (pm < (acc += types[t].share))
			return t;
	return N_TYPES - 1;
}

/* --- names: most guests get a made-up Latin surname (so a search hits a
 * realistic few), some a real one from the demo's table in its script --- */

static const char *const syllables[] = {"ber", "man", "tos", "ka",  "lin", "dro", "vel", "sen",
                                        "ra",  "mo",  "nik", "sta", "gar", "lo",  "ven", "di",
                                        "hol", "ter", "ma",  "ri",  "son", "vak", "el",  "tu"};
#define N_SYL ((int)(sizeof syllables / sizeof *syllables))

static void made_up_name(struct rng *r, char *out, size_t size)
{
	int n = rng_range(r, 2, 3);
	out[0] = '\0';
	for (int k = 0; k < n; k++)
		strncat(out, syllables[rng_range(r, 0, N_SYL - 1)], size - strlen(out) - 1);
	out[0] = (char)(out[0] - 32);
}

static void add_guest_names(struct rng *r, cJSON *p)
{
	int nc;
	const struct demo_culture *cu = demo_cultures(&nc);
	const struct demo_culture *c = &cu[rng_range(r, 0, nc - 1)];
	const struct demo_given *g = &c->givens[rng_range(r, 0, c->n_givens - 1)];
	if (rng_range(r, 0, 99) < 15) {
		cJSON_AddStringToObject(p, "family", c->families[rng_range(r, 0, c->n_families - 1)].native);
	} else {
		char fam[48];
		made_up_name(r, fam, sizeof fam);
		cJSON_AddStringToObject(p, "family", fam);
	}
	cJSON_AddStringToObject(p, "given", g->native);
	cJSON_AddStringToObject(p, "country", c->countries[0]);
}

/* --- where the time goes (FD_BENCH_PROFILE) --- */

#define MAX_PROF 128
static struct prof {
	char sql[112];
	double ms;
	long n;
} prof[MAX_PROF];

static void on_profile(void *ctx, const char *sql, int64_t ns)
{
	(void)ctx;
	double ms = (double)ns / 1e6;
	for (int i = 0; i < MAX_PROF && sql; i++) {
		if (!prof[i].sql[0])
			snprintf(prof[i].sql, sizeof prof[i].sql, "%s", sql);
		if (strncmp(prof[i].sql, sql, sizeof prof[i].sql - 1) == 0) {
			prof[i].ms += ms;
			prof[i].n++;
			break;
		}
	}
}

static int cmp_prof(const void *a, const void *b)
{
	double x = ((const struct prof *)a)->ms, y = ((const struct prof *)b)->ms;
	return (x < y) - (x > y);
}

static void print_profile(const char *phase)
{
	qsort(prof, MAX_PROF, sizeof *prof, cmp_prof);
	printf("\nSQL time during %s:\n", phase);
	for (int i = 0; i < 8 && prof[i].sql[0]; i++)
		printf("%10.1f ms %9ld x  %.110s\n", prof[i].ms, prof[i].n, prof[i].sql);
	memset(prof, 0, sizeof prof);
}

/* --- loading --- */

struct ops {
	struct fd_op *v;
	int n, cap;
};

static cJSON *op_add(struct ops *o, const char *type)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 1024;
		o->v = realloc(o->v, (size_t)o->cap * sizeof *o->v);
		if (!o->v) {
			fprintf(stderr, "out of memory\n");
			exit(1);
		}
	}
	struct fd_op *op = &o->v[o->n++];
	fd_op_init(op);
	fd_op_prepare(op, type, "bench", "bench");
	op->payload = cJSON_CreateObject();
	return op->payload;
}

static void put_date(cJSON *p, const char *key, fd_date d)
{
	char buf[FD_DATE_STRLEN];
	cJSON_AddStringToObject(p, key, fd_date_format(d, buf));
}

static bool apply(struct fd_db *db, struct ops *o)
{
	struct fd_error err = {0};
	int failed = -1;
	enum fd_status st = fd_store_apply(db, o->v, o->n, FD_APPLY_TRUSTED, NULL, &failed, &err);
	if (st)
		fprintf(stderr, "bench: operation %d (%s) refused: %s\n", failed,
		        failed >= 0 ? o->v[failed].type : "?", err.message);
	for (int i = 0; i < o->n; i++)
		fd_op_clear(&o->v[i]);
	o->n = 0;
	return st == FD_OK;
}

static bool load_hotel(struct fd_db *db, int rooms, fd_date first)
{
	struct ops o = {0};
	char id[FD_ID_LEN], num[FD_ROOMNO_LEN];
	cJSON *p = op_add(&o, "property.update");
	cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
	cJSON_AddStringToObject(p, "name", "Benchmark Grand");
	cJSON_AddStringToObject(p, "currency", "EUR");
	cJSON_AddStringToObject(p, "timezone", "Europe/Lisbon");
	put_date(p, "business_date", first);
	for (int t = 0; t < N_TYPES; t++) {
		p = op_add(&o, "room_type.create");
		cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
		cJSON_AddStringToObject(p, "code", types[t].code);
		cJSON_AddStringToObject(p, "name", types[t].name);
		cJSON_AddNumberToObject(p, "max_occupancy", types[t].occ);
		cJSON_AddNumberToObject(p, "base_rate", types[t].rate);
		cJSON_AddNumberToObject(p, "rank", types[t].rank);
	}
	for (int i = 0; i < rooms; i++) {
		p = op_add(&o, "room.create");
		room_number(i, num);
		cJSON_AddStringToObject(p, "id", fd_uuid_new(id));
		cJSON_AddStringToObject(p, "number", num);
		cJSON_AddStringToObject(p, "type", types[room_type(i, rooms)].code);
		cJSON_AddNumberToObject(p, "floor", i / 100 + 1);
	}
	bool ok = apply(db, &o);
	free(o.v);
	return ok;
}

/* Bookings are laid out per room along time (stays of 1-7 nights with
 * gaps), room by room in turn, so every room fills evenly and no
 * room-night is sold twice. */
struct layout {
	fd_date *next; /* per room: first free night */
	int rooms;
	int cursor;
};

struct stay {
	int room, type, nights;
	fd_date arrival;
};

static struct stay next_stay(struct layout *l, struct rng *r)
{
	struct stay st;
	st.room = l->cursor;
	l->cursor = (l->cursor + 1) % l->rooms;
	st.arrival = l->next[st.room] + (rng_range(r, 0, 99) < 30 ? rng_range(r, 1, 3) : 0);
	st.nights = rng_range(r, 1, 7);
	l->next[st.room] = st.arrival + st.nights;
	st.type = room_type(st.room, l->rooms);
	return st;
}

static int64_t serial; /* bookings made so far: the code's seed */

static bool step_ok(sqlite3 *h, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		fprintf(stderr, "bench: %s\n", sqlite3_errmsg(h));
	return rc == SQLITE_DONE;
}

/* The bench-only fast path (see the top of the file). */
static bool fast_batch(struct fd_db *db, sqlite3_stmt **q, struct layout *l, int n, struct rng *r)
{
	sqlite3 *h = fd_db_handle(db);
	char gid[FD_ID_LEN], bid[FD_ID_LEN], code[FD_CODE_LEN], num[FD_ROOMNO_LEN], key[512], name[300];
	for (int i = 0; i < n; i++) {
		struct stay st = next_stay(l, r);
		cJSON *p = cJSON_CreateObject();
		add_guest_names(r, p);
		const char *fam = cJSON_GetObjectItem(p, "family")->valuestring;
		const char *giv = cJSON_GetObjectItem(p, "given")->valuestring;
		snprintf(name, sizeof name, "%s %s", fam, giv);
		fd_fold(name, key, sizeof key);
		fd_uuid_new(gid);
		sqlite3_bind_text(q[0], 1, gid, -1, SQLITE_STATIC);
		sqlite3_bind_text(q[0], 2, fam, -1, SQLITE_STATIC);
		sqlite3_bind_text(q[0], 3, giv, -1, SQLITE_STATIC);
		sqlite3_bind_text(q[0], 4, cJSON_GetObjectItem(p, "country")->valuestring, -1, SQLITE_STATIC);
		sqlite3_bind_text(q[0], 5, key, -1, SQLITE_STATIC);
		bool ok = step_ok(h, q[0]);
		cJSON_Delete(p);
		fd_uuid_new(bid);
		code_for(serial++, code);
		room_number(st.room, num);
		sqlite3_bind_text(q[1], 1, bid, -1, SQLITE_STATIC);
		sqlite3_bind_text(q[1], 2, code, -1, SQLITE_STATIC);
		sqlite3_bind_text(q[1], 3, gid, -1, SQLITE_STATIC);
		sqlite3_bind_text(q[1], 4, types[st.type].code, -1, SQLITE_STATIC);
		sqlite3_bind_text(q[1], 5, num, -1, SQLITE_STATIC);
		sqlite3_bind_int(q[1], 6, st.arrival);
		sqlite3_bind_int(q[1], 7, st.arrival + st.nights);
		sqlite3_bind_int(q[1], 8, types[st.type].rate);
		ok = ok && step_ok(h, q[1]);
		for (int k = 0; ok && k < st.nights; k++) {
			sqlite3_bind_text(q[2], 1, bid, -1, SQLITE_STATIC);
			sqlite3_bind_int(q[2], 2, st.arrival + k);
			sqlite3_bind_text(q[2], 3, types[st.type].code, -1, SQLITE_STATIC);
			sqlite3_bind_text(q[2], 4, num, -1, SQLITE_STATIC);
			ok = step_ok(h, q[2]);
		}
		if (!ok)
			return false;
	}
	return true;
}

#define GUEST_NAME_OF_P3 FD_GUEST_NAME_OF_SQL("?3")
static bool load_fast(struct fd_db *db, struct layout *l, int n, int batch, struct rng *r)
{
	static const char *const sql[] = {
	    "INSERT INTO guests (id, family, given, country, version, updated_at, search_key)"
	    " VALUES (?1, ?2, ?3, ?4, 1, 0, ?5)",
	    /* The guest's name for the board as put_booking writes it (core
	     * step 43), so its trigger has nothing to rewrite. */
	    "INSERT INTO bookings (id, code, guest_id, type_code, room, arrival, departure, adults,"
	    " rate, status, source, version, updated_at, guest_name)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, 'reserved', 'web', 2, 0, " GUEST_NAME_OF_P3 ")",
	    "INSERT INTO stay_nights (booking_id, night, type_code, room) VALUES (?1, ?2, ?3, ?4)",
	};
	sqlite3_stmt *q[3] = {0};
	bool ok = true;
	for (int i = 0; i < 3 && ok; i++)
		ok = sqlite3_prepare_v2(fd_db_handle(db), sql[i], -1, &q[i], NULL) == SQLITE_OK;
	struct fd_error err = {0};
	/* A big page cache while bulk loading only; the store's own setting
	 * is back before anything is measured. */
	int cache = 0;
	sqlite3_stmt *pc;
	if (sqlite3_prepare_v2(fd_db_handle(db), "PRAGMA cache_size", -1, &pc, NULL) == SQLITE_OK &&
	    sqlite3_step(pc) == SQLITE_ROW)
		cache = sqlite3_column_int(pc, 0);
	sqlite3_finalize(pc);
	fd_db_exec(db, "PRAGMA cache_size=-262144", &err);
	for (int done = 0; ok && done < n; done += batch) {
		int k = n - done < batch ? n - done : batch;
		ok = fd_db_begin(db, &err) == FD_OK;
		if (ok && !(ok = fast_batch(db, q, l, k, r)))
			fd_db_rollback(db);
		else if (ok)
			ok = fd_db_commit(db, &err) == FD_OK;
	}
	for (int i = 0; i < 3; i++)
		sqlite3_finalize(q[i]);
	char restore[48];
	snprintf(restore, sizeof restore, "PRAGMA cache_size=%d", cache);
	sqlite3_exec(fd_db_handle(db), restore, NULL, NULL, NULL);
	return ok;
}

static bool load_bookings(struct fd_db *db, struct layout *l, int n, int batch, struct rng *r)
{
	struct ops o = {0};
	char gid[FD_ID_LEN], bid[FD_ID_LEN], code[FD_CODE_LEN], num[FD_ROOMNO_LEN];
	bool ok = true;
	for (int i = 0; i < n && ok; i++) {
		struct stay st = next_stay(l, r);
		fd_date arrival = st.arrival;
		int nights = st.nights, t = st.type;
		room_number(st.room, num);
		cJSON *p = op_add(&o, "guest.create");
		cJSON_AddStringToObject(p, "id", fd_uuid_new(gid));
		add_guest_names(r, p);
		p = op_add(&o, "booking.create");
		code_for(serial++, code);
		cJSON_AddStringToObject(p, "id", fd_uuid_new(bid));
		cJSON_AddStringToObject(p, "code", code);
		cJSON_AddStringToObject(p, "guest_id", gid);
		cJSON_AddStringToObject(p, "type", types[t].code);
		put_date(p, "arrival", arrival);
		put_date(p, "departure", arrival + nights);
		cJSON_AddNumberToObject(p, "adults", 1);
		cJSON_AddStringToObject(p, "source", "web");
		p = op_add(&o, "booking.assign_room");
		cJSON_AddStringToObject(p, "booking", bid);
		cJSON_AddStringToObject(p, "room", num);
		if ((i + 1) % batch == 0 || i + 1 == n)
			ok = apply(db, &o);
	}
	free(o.v);
	return ok;
}

/* --- timing --- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

struct stats {
	double p50, p99, max, cpu50, cpu99;
};

/* Wall-clock percentiles, and the median CPU time: on a shared machine
 * the wall clock also counts other people's processes. */
static struct stats summarize(double *ms, double *cpu, int n)
{
	qsort(ms, (size_t)n, sizeof *ms, cmp_double);
	qsort(cpu, (size_t)n, sizeof *cpu, cmp_double);
	int k99 = (n * 99) / 100 < n ? (n * 99) / 100 : n - 1;
	struct stats s = {ms[n / 2], ms[k99], ms[n - 1], cpu[n / 2], cpu[k99]};
	return s;
}

static bool count_booking(void *ctx, const struct fd_booking_row *row)
{
	(void)row;
	(*(int *)ctx)++;
	return true;
}

struct board {
	struct fd_room_row *rooms;
	struct fd_booking_row *stays;
	int n_rooms, n_stays, cap_rooms, cap_stays;
};

static bool collect_room(void *ctx, const struct fd_room_row *row)
{
	struct board *b = ctx;
	if (b->n_rooms < b->cap_rooms)
		b->rooms[b->n_rooms++] = *row;
	return true;
}

static bool collect_stay(void *ctx, const struct fd_booking_row *row)
{
	struct board *b = ctx;
	if (b->n_stays < b->cap_stays)
		b->stays[b->n_stays++] = *row;
	return true;
}

static void print_row(const char *what, struct stats s, const char *note)
{
	printf("%-30s %9.3f %9.3f %9.3f %9.3f  %s\n", what, s.p50, s.p99, s.max, s.cpu50, note);
}

/* The board as the application reads it: the rooms on screen (a 50-row
 * page from the middle of the hotel), then every room. */
static void run_board(struct fd_db *db, fd_date today, int runs, double *ms, double *cpu)
{
	struct fd_error err = {0};
	char note[96];
	struct board b = {.cap_rooms = 100000, .cap_stays = 200000};
	b.rooms = malloc((size_t)b.cap_rooms * sizeof *b.rooms);
	b.stays = malloc((size_t)b.cap_stays * sizeof *b.stays);
	int n_all = 0;
	fd_query_room_count(db, FD_ROOMS_BOARD, today, &n_all, &err);
	static const struct {
		const char *what;
		int page;
	} boards[] = {{"board: 50 rooms on screen x 31", 50}, {"board: all rooms x 31 days", 0}};
	/* FD_BENCH_ONLY=board50 or boardall: one of them (for a profiler) */
	const char *only = getenv("FD_BENCH_ONLY");
	for (size_t q = 0; q < 2 && b.rooms && b.stays; q++) {
		if (only && strcmp(only, q ? "board50" : "boardall") == 0)
			continue;
		int limit = boards[q].page ? boards[q].page : n_all;
		int offset = boards[q].page ? (n_all - limit) / 2 : 0;
		for (int k = 0; k < runs; k++) {
			double t0 = now_ms(), c0 = cpu_ms();
			b.n_rooms = b.n_stays = 0;
			if (fd_query_rooms_page(db, FD_ROOMS_BOARD, today, offset, limit, collect_room, &b,
			                        &err) ||
			    fd_query_board_page(db, FD_ROOMS_BOARD, today, today + 31, offset, limit,
			                        collect_stay, &b, &err))
				fprintf(stderr, "board: %s\n", err.message);
			ms[k] = now_ms() - t0;
			cpu[k] = cpu_ms() - c0;
		}
		struct stats st = summarize(ms, cpu, runs);
		snprintf(note, sizeof note, "%d rooms, %d stays", b.n_rooms, b.n_stays);
		print_row(boards[q].what, st, note);
		double aim = boards[q].page ? 2.0 : 20.0;
		bench_figure(boards[q].page ? "board, 50 rooms on screen x 31 days, p99 (cpu)"
		                            : "board, all rooms x 31 days, p99 (cpu)",
		             st.cpu99 < aim, boards[q].page ? "< 2 ms" : "< 20 ms", NULL,
		             "%.3f ms (%d stays)", st.cpu99, b.n_stays);
	}
	free(b.rooms);
	free(b.stays);
}

static void run_queries(struct fd_db *db, fd_date today, int runs)
{
	double *ms = calloc((size_t)runs, sizeof *ms), *cpu = calloc((size_t)runs, sizeof *cpu);
	struct fd_error err = {0};
	char note[96];
	printf("\n%-30s %9s %9s %9s %9s  %s\n", "query (wall ms; cpu p50)", "p50", "p99", "max", "cpu p50",
	       "result");
	if (getenv("FD_BENCH_ONLY") && strncmp(getenv("FD_BENCH_ONLY"), "board", 5) == 0) {
		run_board(db, today, runs, ms, cpu);
		free(ms);
		free(cpu);
		return;
	}

	/* availability: every room type, 30 nights; night by night (two
	 * statements a night, what interfaces did before the range call) for
	 * comparison, then one range call per type (fd_query_available_nights). */
	const struct fd_repo *repo = fd_db_repo(db);
	int free_each = 0, free_total = 0;
	for (int k = 0; k < runs; k++) {
		double t0 = now_ms(), c0 = cpu_ms();
		free_each = 0;
		for (int t = 0; t < N_TYPES; t++) {
			int inv[30], sold[30];
			if (fd_avail_nights_each(repo, types[t].code, today, today + 30, "", inv, sold, &err))
				fprintf(stderr, "available: %s\n", err.message);
			for (int i = 0; i < 30; i++)
				free_each += inv[i] - sold[i];
		}
		ms[k] = now_ms() - t0;
		cpu[k] = cpu_ms() - c0;
	}
	snprintf(note, sizeof note, "5 types x 30 nights, %d room-nights free", free_each);
	struct stats av_each = summarize(ms, cpu, runs);
	print_row("availability, 150 x 2 stmts", av_each, note);
	for (int k = 0; k < runs; k++) {
		double t0 = now_ms(), c0 = cpu_ms();
		free_total = 0;
		for (int t = 0; t < N_TYPES; t++) {
			int f[30];
			if (fd_query_available_nights(db, types[t].code, today, today + 30, f, &err))
				fprintf(stderr, "available: %s\n", err.message);
			for (int i = 0; i < 30; i++)
				free_total += f[i];
		}
		ms[k] = now_ms() - t0;
		cpu[k] = cpu_ms() - c0;
	}
	snprintf(note, sizeof note, "5 ranges of 30 nights, %d room-nights free%s", free_total,
	         free_total == free_each ? "" : " (DIFFERS)");
	struct stats av = summarize(ms, cpu, runs);
	print_row("availability (5 range calls)", av, note);
	bench_figure("availability, 5 types x 30 nights (range call), p99 (cpu)", av.cpu99 < 1.0, "< 1 ms",
	             NULL, "%.3f ms (wall %.3f; night by night %.3f)", av.cpu99, av.p99, av_each.cpu99);
	double find_p99 = 0;
	const char *find_worst = "";

	static const char *const finds[] = {"mull", "JOSÉ", "ødeg", "Παπαδ", "kaber"};
	for (size_t q = 0; q < sizeof finds / sizeof *finds; q++) {
		int found = 0;
		for (int k = 0; k < runs; k++) {
			double t0 = now_ms(), c0 = cpu_ms();
			found = 0;
			if (fd_query_find(db, finds[q], 50, count_booking, &found, &err))
				fprintf(stderr, "find: %s\n", err.message);
			ms[k] = now_ms() - t0;
			cpu[k] = cpu_ms() - c0;
		}
		char what[48];
		snprintf(what, sizeof what, "find \"%s\" (limit 50)", finds[q]);
		snprintf(note, sizeof note, "%d rows", found);
		struct stats fs = summarize(ms, cpu, runs);
		print_row(what, fs, note);
		if (fs.cpu99 >= find_p99) {
			find_p99 = fs.cpu99;
			find_worst = finds[q];
		}
	}
	bench_figure("guest search, worst of the bench's names, p99 (cpu)", find_p99 < 2.0, "< 2 ms", NULL,
	             "%.3f ms (\"%s\")", find_p99, find_worst);

	run_board(db, today, runs, ms, cpu);
	free(ms);
	free(cpu);
}

/* FD_BENCH_DB: the queries on a database an earlier run kept. "today" is
 * found as the load found it: four fifths of the way from the first stay
 * to the last departure (every room's last stay ends at its next free night). */
static int reuse(const char *path, int runs)
{
	struct fd_error err = {0};
	struct fd_db *db = fd_db_open(path, 0, &err);
	if (!db) {
		fprintf(stderr, "bench: %s: %s\n", path, err.message);
		return 1;
	}
	fd_date first = fd_date_from_ymd(2022, 1, 1), last = first;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(fd_db_handle(db), "SELECT max(departure) FROM bookings", -1, &s, NULL) ==
	        SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		last = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	fd_date today = first + (last - first) * 4 / 5;
	char c[FD_DATE_STRLEN];
	printf("frontdesk core benchmark on %s: board and availability from %s\n", path,
	       fd_date_format(today, c));
	/* After the screens' settings here, so a PRAGMA can be tried on top. */
	fd_query_tune_for_screens(db);
	if (getenv("FD_BENCH_SQL"))
		fd_db_exec(db, getenv("FD_BENCH_SQL"), &err);
	run_queries(db, today, runs);
	fd_db_close(db);
	return 0;
}

int main(void)
{
	int rooms = env_int("FD_BENCH_ROOMS", 1000);
	int bookings = env_int("FD_BENCH_BOOKINGS", 200000);
	int batch = env_int("FD_BENCH_BATCH", 5000);
	int runs = env_int("FD_BENCH_RUNS", 200);
	if (fd_ids_init() != 0) {
		fprintf(stderr, "bench: libsodium failed to start\n");
		return 1;
	}
	if (getenv("FD_BENCH_DB"))
		return reuse(getenv("FD_BENCH_DB"), runs);
	char dir[] = "/tmp/fd-bench-XXXXXX", path[64], side[80];
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/bench.db", dir);
	struct fd_error err = {0};
	struct fd_db *db = fd_db_open(path, FD_DB_CREATE, &err);
	if (!db) {
		fprintf(stderr, "bench: %s\n", err.message);
		return 1;
	}
	struct rng r = {20260101};
	fd_date first = fd_date_from_ymd(2022, 1, 1);
	struct layout l = {.rooms = rooms, .next = malloc((size_t)rooms * sizeof(fd_date))};
	for (int i = 0; i < rooms; i++)
		l.next[i] = first + rng_range(&r, 0, 3);

	bool profile = getenv("FD_BENCH_PROFILE") != NULL;
	if (getenv("FD_BENCH_SQL"))
		fd_db_exec(db, getenv("FD_BENCH_SQL"), &err);
	if (profile)
		fd_db_profile(db, on_profile, NULL);
	printf(
	    "frontdesk core benchmark: %d rooms, %d bookings (each with a new guest), %d per transaction\n",
	    rooms, bookings, batch);
	int by_ops = env_int("FD_BENCH_OP_BOOKINGS", 20000);
	if (by_ops > bookings)
		by_ops = bookings;
	double t0 = now_ms();
	bool ok = load_hotel(db, rooms, first);
	double t1 = now_ms();
	ok = ok && (bookings == by_ops || load_fast(db, &l, bookings - by_ops, batch, &r));
	double t2 = now_ms();
	if (ok && profile)
		memset(prof, 0, sizeof prof);
	double c2 = cpu_ms();
	ok = ok && load_bookings(db, &l, by_ops, batch, &r);
	double t3 = now_ms(), op_cpu_s = (cpu_ms() - c2) / 1e3;
	if (!ok) {
		fd_db_close(db);
		return 1;
	}
	double fast_s = (t2 - t1) / 1e3, op_s = (t3 - t2) / 1e3;
	/* "today" is where four fifths of the bookings lie behind. */
	fd_date last = first;
	for (int i = 0; i < rooms; i++)
		last = l.next[i] > last ? l.next[i] : last;
	fd_date today = first + (last - first) * 4 / 5;
	printf("\n%-34s %12s\n", "load", "");
	printf("%-34s %12.1f\n", "hotel set-up (ms)", t1 - t0);
	if (bookings > by_ops) {
		printf("%-34s %12d\n", "bookings, bench-only fast path", bookings - by_ops);
		printf("%-34s %12.1f\n", "  load (s)", fast_s);
		printf("%-34s %12.0f\n", "  bookings/s", (bookings - by_ops) / fast_s);
	}
	printf("%-34s %12d\n", "bookings through operations", by_ops);
	printf("%-34s %12.1f\n", "  load (s)", op_s);
	printf("%-34s %12.0f\n", "  bookings/s (3 ops each)", by_ops / op_s);
	printf("%-34s %12.0f\n", "  operations/s", 3.0 * by_ops / op_s);
	printf("%-34s %12.0f\n", "  bookings per cpu second", by_ops / op_cpu_s);
	if (bookings > by_ops) {
		/* The fast path is SQLite's own rate for the same rows (plain
		 * prepared INSERTs into the same tables, same batches). */
		double bare = (bookings - by_ops) / fast_s, ours = by_ops / op_s;
		char lim[64];
		snprintf(lim, sizeof lim, "%.0f bookings/s (bare INSERTs)", bare);
		bench_figure("bulk load of bookings, bench loader (operations)", ours >= bare / 2,
		             ">= 50 % of SQLite", lim, "%.0f bookings/s = %.0f %%", ours,
		             100.0 * ours / bare);
	}
	printf("%-34s %12s\n", "stays span", "");
	char a[FD_DATE_STRLEN], b[FD_DATE_STRLEN], c[FD_DATE_STRLEN];
	printf("  %s .. %s, board and availability from %s\n", fd_date_format(first, a),
	       fd_date_format(last, b), fd_date_format(today, c));

	if (profile)
		print_profile("the operations' load");
	/* The queries run on a connection set up as the application's is. */
	fd_query_tune_for_screens(db);
	run_queries(db, today, runs);
	if (profile)
		print_profile("the queries");

	fd_db_close(db);
	free(l.next);
	if (getenv("FD_BENCH_KEEP")) {
		printf("\nkept %s\n", path);
		return 0;
	}
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	rmdir(dir);
	return 0;
}
