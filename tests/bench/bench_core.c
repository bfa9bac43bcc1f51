/* Core benchmark: a large hotel loaded through operations, then the queries
 * the screens run most, timed. Prints a table; asserts nothing about time.
 *
 *   FD_BENCH_ROOMS     rooms (default 1000)
 *   FD_BENCH_BOOKINGS  bookings (default 500000), each with its own guest
 *   FD_BENCH_BATCH     operations' bookings per transaction (default 5000)
 *   FD_BENCH_RUNS      runs per query (default 200)
 *   FD_BENCH_KEEP      set: keep the database and print its path
 *   FD_BENCH_PROFILE   set: print the SQL statements that took the most time
 *
 * Every booking is loaded the real way: guest.create, booking.create and
 * booking.assign_room through fd_store_apply (trusted, audited, one
 * BEGIN IMMEDIATE transaction per batch, synchronous as the store sets it),
 * so the load rate includes every rule check, the room-night guard, the
 * search index and the audit log. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/op.h"
#include "demo/names.h"
#include "store/ids.h"
#include "store/oplog.h"
#include "store/query.h"

static const struct {
	const char *code, *name;
	int occ, rate, rank, share; /* share of rooms in per mille */
} types[] = {
	{ "SGL", "Single", 1, 8900, 10, 150 },  { "DBL", "Double", 2, 12900, 20, 400 },
	{ "TWN", "Twin", 2, 12900, 20, 250 },   { "SUP", "Superior", 3, 17900, 30, 150 },
	{ "STE", "Suite", 4, 29500, 40, 50 },
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

static const char *const syllables[] = { "ber", "man", "tos", "ka", "lin", "dro", "vel", "sen",
					 "ra", "mo", "nik", "sta", "gar", "lo", "ven", "di",
					 "hol", "ter", "ma", "ri", "son", "vak", "el", "tu" };
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
	const char *sql; /* the statement's text, stable while it is cached */
	double ms;
	long n;
} prof[MAX_PROF];

static int on_profile(unsigned type, void *ctx, void *p, void *x)
{
	(void)type;
	(void)ctx;
	const char *sql = sqlite3_sql((sqlite3_stmt *)p);
	double ms = (double)*(sqlite3_int64 *)x / 1e6;
	for (int i = 0; i < MAX_PROF && sql; i++) {
		if (!prof[i].sql)
			prof[i].sql = sql;
		if (prof[i].sql == sql || strcmp(prof[i].sql, sql) == 0) {
			prof[i].ms += ms;
			prof[i].n++;
			break;
		}
	}
	return 0;
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
	for (int i = 0; i < 8 && prof[i].sql; i++)
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
	struct fd_error err = { 0 };
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
	struct ops o = { 0 };
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

static bool load_bookings(struct fd_db *db, struct layout *l, int n, int batch, struct rng *r)
{
	struct ops o = { 0 };
	char gid[FD_ID_LEN], bid[FD_ID_LEN], code[FD_CODE_LEN], num[FD_ROOMNO_LEN];
	static int64_t serial;
	bool ok = true;
	for (int i = 0; i < n && ok; i++) {
		int room = l->cursor;
		l->cursor = (l->cursor + 1) % l->rooms;
		fd_date arrival = l->next[room] + (rng_range(r, 0, 99) < 30 ? rng_range(r, 1, 3) : 0);
		int nights = rng_range(r, 1, 7);
		l->next[room] = arrival + nights;
		int t = room_type(room, l->rooms);
		room_number(room, num);
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
		cJSON_AddStringToObject(p, "source", "bench");
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
	double p50, p99, max;
};

static struct stats summarize(double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof *ms, cmp_double);
	struct stats s = { ms[n / 2], ms[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1], ms[n - 1] };
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
	printf("%-34s %9.3f %9.3f %9.3f  %s\n", what, s.p50, s.p99, s.max, note);
}

static void run_queries(struct fd_db *db, fd_date today, int runs)
{
	double *ms = calloc((size_t)runs, sizeof *ms);
	struct fd_error err = { 0 };
	char note[96];
	printf("\n%-34s %9s %9s %9s  %s\n", "query", "p50 ms", "p99 ms", "max ms", "result");

	/* availability: every room type, 30 nights */
	int free_total = 0;
	for (int k = 0; k < runs; k++) {
		double t0 = now_ms();
		free_total = 0;
		for (int t = 0; t < N_TYPES; t++)
			for (fd_date d = today; d < today + 30; d++) {
				int f = 0;
				if (fd_query_available(db, types[t].code, d, &f, &err))
					fprintf(stderr, "available: %s\n", err.message);
				free_total += f;
			}
		ms[k] = now_ms() - t0;
	}
	snprintf(note, sizeof note, "5 types x 30 nights, %d room-nights free", free_total);
	print_row("availability (150 lookups)", summarize(ms, runs), note);

	static const char *const finds[] = { "mull", "JOSÉ", "ødeg", "Παπαδ", "kaber" };
	for (size_t q = 0; q < sizeof finds / sizeof *finds; q++) {
		int found = 0;
		for (int k = 0; k < runs; k++) {
			double t0 = now_ms();
			found = 0;
			if (fd_query_find(db, finds[q], 50, count_booking, &found, &err))
				fprintf(stderr, "find: %s\n", err.message);
			ms[k] = now_ms() - t0;
		}
		char what[48];
		snprintf(what, sizeof what, "find \"%s\" (limit 50)", finds[q]);
		snprintf(note, sizeof note, "%d rows", found);
		print_row(what, summarize(ms, runs), note);
	}

	struct board b = { .cap_rooms = 100000, .cap_stays = 200000 };
	b.rooms = malloc((size_t)b.cap_rooms * sizeof *b.rooms);
	b.stays = malloc((size_t)b.cap_stays * sizeof *b.stays);
	for (int k = 0; k < runs && b.rooms && b.stays; k++) {
		double t0 = now_ms();
		b.n_rooms = b.n_stays = 0;
		if (fd_query_rooms(db, today, collect_room, &b, &err) ||
		    fd_query_board(db, today, today + 31, collect_stay, &b, &err))
			fprintf(stderr, "board: %s\n", err.message);
		ms[k] = now_ms() - t0;
	}
	snprintf(note, sizeof note, "%d rooms, %d stays", b.n_rooms, b.n_stays);
	print_row("board: rooms + 31 days", summarize(ms, runs), note);
	free(b.rooms);
	free(b.stays);
	free(ms);
}

int main(void)
{
	int rooms = env_int("FD_BENCH_ROOMS", 1000);
	int bookings = env_int("FD_BENCH_BOOKINGS", 500000);
	int batch = env_int("FD_BENCH_BATCH", 5000);
	int runs = env_int("FD_BENCH_RUNS", 200);
	if (fd_ids_init() != 0) {
		fprintf(stderr, "bench: libsodium failed to start\n");
		return 1;
	}
	char dir[] = "/tmp/fd-bench-XXXXXX", path[64], side[80];
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/bench.db", dir);
	struct fd_error err = { 0 };
	struct fd_db *db = fd_db_open(path, FD_DB_CREATE, &err);
	if (!db) {
		fprintf(stderr, "bench: %s\n", err.message);
		return 1;
	}
	struct rng r = { 20260101 };
	fd_date first = fd_date_from_ymd(2022, 1, 1);
	struct layout l = { .rooms = rooms, .next = malloc((size_t)rooms * sizeof(fd_date)) };
	for (int i = 0; i < rooms; i++)
		l.next[i] = first + rng_range(&r, 0, 3);

	bool profile = getenv("FD_BENCH_PROFILE") != NULL;
	if (profile)
		sqlite3_trace_v2(fd_db_handle(db), SQLITE_TRACE_PROFILE, on_profile, NULL);
	printf("frontdesk core benchmark: %d rooms, %d bookings (each with a new guest), %d per transaction\n",
	       rooms, bookings, batch);
	double t0 = now_ms();
	bool ok = load_hotel(db, rooms, first);
	double t1 = now_ms();
	ok = ok && load_bookings(db, &l, bookings, batch, &r);
	double t2 = now_ms();
	if (!ok) {
		fd_db_close(db);
		return 1;
	}
	double secs = (t2 - t1) / 1e3;
	/* "today" is where four fifths of the bookings lie behind. */
	fd_date last = first;
	for (int i = 0; i < rooms; i++)
		last = l.next[i] > last ? l.next[i] : last;
	fd_date today = first + (last - first) * 4 / 5;
	printf("\n%-34s %12s\n", "load", "");
	printf("%-34s %12.1f\n", "hotel set-up (ms)", t1 - t0);
	printf("%-34s %12.1f\n", "bookings load (s)", secs);
	printf("%-34s %12.0f\n", "bookings/s (3 ops each)", bookings / secs);
	printf("%-34s %12.0f\n", "operations/s", 3.0 * bookings / secs);
	printf("%-34s %12s\n", "stays span", "");
	char a[FD_DATE_STRLEN], b[FD_DATE_STRLEN], c[FD_DATE_STRLEN];
	printf("  %s .. %s, board and availability from %s\n", fd_date_format(first, a),
	       fd_date_format(last, b), fd_date_format(today, c));

	if (profile)
		print_profile("the load");
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
