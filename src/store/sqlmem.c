// SPDX-License-Identifier: GPL-3.0-or-later
/* SQLite's memory (SQLITE_CONFIG_MALLOC): small blocks kept per thread.
 *
 * The system's SQLite is built without lookaside (SQLITE_OMIT_LOOKASIDE),
 * so every statement run allocates its registers' buffers and cursors
 * from malloc and frees them when it ends (sqlite3VdbeHalt): some forty
 * malloc/free pairs per operation of a batched push, 8k of its ~100k
 * instructions (callgrind). Here a freed block of up to 4 KiB (a page of
 * the page cache is larger: it goes to malloc) goes on a
 * list of its size class kept by the thread that frees it, and the next
 * allocation of that class on that thread takes it back: a few dozen
 * instructions instead of glibc's few hundred for the pair. Each list is
 * bounded (64 KiB of blocks a class), larger blocks go straight to malloc,
 * and a thread's lists are freed when it ends.
 *
 * Not under AddressSanitizer: there every block goes to malloc and back,
 * so that the sanitizer sees SQLite's use of each one. */
#include "config.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"

#if defined(__SANITIZE_ADDRESS__)
#define FD_SQLMEM_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FD_SQLMEM_OFF 1
#endif
#endif

#ifdef FD_SQLMEM_OFF
void fd_sqlite_mem_install(void) {}
#else

/* Every block starts with this header (16 bytes, so that what SQLite gets
 * keeps malloc's alignment): its size class, or LARGE, and what it holds. */
struct head {
	uint32_t cls;
	uint32_t pad;
	uint64_t cap; /* bytes usable after the header */
};
#define LARGE UINT32_MAX
#define N_CLASS 7 /* blocks of 64, 128, ... 4096 bytes with their header */
#define CLASS_BYTES(c) ((size_t)64 << (c))
#define KEEP_BYTES 65536 /* a list holds at most this much */

struct free_block {
	struct free_block *next;
};

static _Thread_local struct thread_lists {
	struct free_block *head[N_CLASS];
	unsigned n[N_CLASS];
	int state; /* 0: not yet registered, 1: in use, 2: the thread is ending */
} lists;

static pthread_key_t lists_key;

/* At the thread's end: its blocks back to malloc; anything SQLite frees
 * after this (another key's destructor closing a connection) goes there
 * directly. */
static void lists_drain(void *arg)
{
	struct thread_lists *l = arg;
	for (int c = 0; c < N_CLASS; c++)
		while (l->head[c]) {
			struct free_block *b = l->head[c];
			l->head[c] = b->next;
			free((struct head *)b - 1);
		}
	l->state = 2;
}

static int class_of(uint64_t n)
{
	for (int c = 0; c < N_CLASS; c++)
		if (n + sizeof(struct head) <= CLASS_BYTES(c))
			return c;
	return -1;
}

static void *mem_malloc(int n)
{
	if (n <= 0)
		return NULL;
	int c = class_of((uint64_t)n);
	if (c >= 0 && lists.state != 2) {
		struct free_block *b = lists.head[c];
		if (b) {
			lists.head[c] = b->next;
			lists.n[c]--;
			return b;
		}
		if (lists.state == 0) {
			lists.state = 1;
			pthread_setspecific(lists_key, &lists);
		}
	}
	size_t bytes = c >= 0 ? CLASS_BYTES(c) : (((size_t)n + 15) & ~(size_t)15) + sizeof(struct head);
	struct head *h = malloc(bytes);
	if (!h)
		return NULL;
	h->cls = c >= 0 ? (uint32_t)c : LARGE;
	h->cap = bytes - sizeof *h;
	return h + 1;
}

static void mem_free(void *p)
{
	if (!p)
		return;
	struct head *h = (struct head *)p - 1;
	uint32_t c = h->cls;
	if (c != LARGE && lists.state == 1 && lists.n[c] < KEEP_BYTES / CLASS_BYTES(c)) {
		struct free_block *b = p;
		b->next = lists.head[c];
		lists.head[c] = b;
		lists.n[c]++;
		return;
	}
	free(h);
}

static int mem_size(void *p)
{
	return p ? (int)((struct head *)p - 1)->cap : 0;
}

static void *mem_realloc(void *p, int n)
{
	if (!p)
		return mem_malloc(n);
	size_t cap = ((struct head *)p - 1)->cap;
	if (n > 0 && (size_t)n <= cap)
		return p;
	void *q = mem_malloc(n);
	if (q) {
		memcpy(q, p, cap < (size_t)n ? cap : (size_t)n);
		mem_free(p);
	}
	return q;
}

static int mem_roundup(int n)
{
	int c = class_of((uint64_t)(n > 0 ? n : 1));
	return c >= 0 ? (int)(CLASS_BYTES(c) - sizeof(struct head)) : (int)(((size_t)n + 15) & ~(size_t)15);
}

static int mem_init(void *ctx)
{
	(void)ctx;
	return SQLITE_OK;
}

static void mem_shutdown(void *ctx)
{
	(void)ctx;
}

void fd_sqlite_mem_install(void)
{
	static const sqlite3_mem_methods methods = {
	    mem_malloc, mem_free, mem_realloc, mem_size, mem_roundup, mem_init, mem_shutdown, NULL,
	};
	if (pthread_key_create(&lists_key, lists_drain) != 0)
		return; /* SQLite's own allocator, then */
	sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
}
#endif
