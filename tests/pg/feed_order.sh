#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The change feed's sequence follows commit order across processes: two
# writers (as two frontdeskd would) number changes of one hotel, each
# pausing between taking its number and committing, while a reader follows
# the feed by cursor; the reader must see every number in order, none
# skipped (src/pg/pg.c: the property's counter row is locked by the writing
# transaction). A hotel's writers do not hold up another hotel's.
set -u
. "${top_srcdir:?}/tests/pg/lib.sh"
PGTOOL=${top_builddir:?}/tests/pg/pgtool
pg_start
A=00000000-0000-4000-8000-00000000000a
B=00000000-0000-4000-8000-00000000000b
N=150
"$PGTOOL" "$PG_URI" migrate >/dev/null || exit 1

"$PGTOOL" "$PG_URI" feed-read "$A" $((2 * N)) > "$PG_DIR/read" 2>&1 &
reader=$!
"$PGTOOL" "$PG_URI" feed-write "$A" $N one > "$PG_DIR/w1" 2>&1 &
w1=$!
"$PGTOOL" "$PG_URI" feed-write "$A" $N two > "$PG_DIR/w2" 2>&1 &
w2=$!
"$PGTOOL" "$PG_URI" feed-write "$B" 20 other > "$PG_DIR/w3" 2>&1 &
w3=$!
wait $w1 || fail "writer one: $(cat "$PG_DIR/w1")"
wait $w2 || fail "writer two: $(cat "$PG_DIR/w2")"
wait $w3 || fail "hotel B's writer: $(cat "$PG_DIR/w3")"
if wait $reader; then echo "ok: the reader saw 1..$((2 * N)) in order, none skipped"; else fail "reader: $(cat "$PG_DIR/read")"; fi

got=$(pg_psql -c "SELECT count(*), min(seq), max(seq), count(DISTINCT seq) FROM changes WHERE property_id = '$A'")
[ "$got" = "$((2 * N))|1|$((2 * N))|$((2 * N))" ] || fail "hotel A's feed: $got"
got=$(pg_psql -c "SELECT count(*), min(seq), max(seq) FROM changes WHERE property_id = '$B'")
[ "$got" = "20|1|20" ] || fail "hotel B's feed numbers on its own: $got"
# both writers' changes are interleaved (the test did run them at once)
runs=$(pg_psql -c "SELECT count(*) FROM (SELECT split_part(entity_id, '-', 1) AS w,
	lag(split_part(entity_id, '-', 1)) OVER (ORDER BY seq) AS prev FROM changes WHERE property_id = '$A') x
	WHERE w <> prev")
echo "writers took turns $runs times"
pg_finish
