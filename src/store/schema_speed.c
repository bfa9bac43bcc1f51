// SPDX-License-Identifier: GPL-3.0-or-later
/* Schema steps of issue 18 (speed at a large hotel). */
#include "config.h"

#include "store/row.h"

extern const char fd_schema_v32_sold[];
extern const char fd_schema_v33_board[];
extern const char fd_schema_v37_find[];
extern const char fd_schema_v41_search[];
extern const char fd_schema_v42_board_stays[];
extern const char fd_schema_v43_board_names[];
extern const char fd_booking_name_fill[];
extern const char fd_schema_v44_day_counts[];
extern const char fd_schema_v49_arrival_ids[];
extern const char fd_booking_search_fill[];
extern const char fd_schema_v50_search_queue[];
extern const char *const fd_search_flush_sql[];

/* v32: rooms sold per room type and night, kept by triggers on the guard
 * table (stay_nights), so every write path keeps it in the same
 * transaction as the guard rows and availability reads one row instead of
 * counting hundreds of index entries per night (5 types x 30 nights took
 * 2.8 ms at 100,000 bookings; tests/unit/test_sold.c compares it with a
 * recount after random operations). A row that falls to zero stays.
 * The rooms of each type are counted the same way (type_rooms, kept by
 * triggers on rooms), so a type's inventory for a night reads one row and
 * the few rooms out of order instead of counting every room of the type. */
const char fd_schema_v32_sold[] =
    "CREATE TABLE type_night_sold (type_code TEXT NOT NULL, night INTEGER NOT NULL,"
    " sold INTEGER NOT NULL, PRIMARY KEY (type_code, night)) WITHOUT ROWID;"
    "INSERT INTO type_night_sold (type_code, night, sold)"
    " SELECT type_code, night, count(*) FROM stay_nights GROUP BY type_code, night;"
    "CREATE TRIGGER stay_nights_sold_ai AFTER INSERT ON stay_nights BEGIN"
    " INSERT INTO type_night_sold (type_code, night, sold) VALUES (new.type_code, new.night, 1)"
    "  ON CONFLICT (type_code, night) DO UPDATE SET sold = sold + 1; END;"
    "CREATE TRIGGER stay_nights_sold_ad AFTER DELETE ON stay_nights BEGIN"
    " UPDATE type_night_sold SET sold = sold - 1 WHERE type_code = old.type_code AND night = old.night; END;"
    "CREATE TRIGGER stay_nights_sold_au AFTER UPDATE OF type_code, night ON stay_nights"
    " WHEN new.type_code IS NOT old.type_code OR new.night IS NOT old.night BEGIN"
    " UPDATE type_night_sold SET sold = sold - 1 WHERE type_code = old.type_code AND night = old.night;"
    " INSERT INTO type_night_sold (type_code, night, sold) VALUES (new.type_code, new.night, 1)"
    "  ON CONFLICT (type_code, night) DO UPDATE SET sold = sold + 1; END;"
    "CREATE TABLE type_rooms (type_code TEXT PRIMARY KEY, rooms INTEGER NOT NULL) WITHOUT ROWID;"
    "INSERT INTO type_rooms (type_code, rooms) SELECT type_code, count(*) FROM rooms GROUP BY type_code;"
    "CREATE TRIGGER rooms_count_ai AFTER INSERT ON rooms BEGIN"
    " INSERT INTO type_rooms (type_code, rooms) VALUES (new.type_code, 1)"
    "  ON CONFLICT (type_code) DO UPDATE SET rooms = rooms + 1; END;"
    "CREATE TRIGGER rooms_count_ad AFTER DELETE ON rooms BEGIN"
    " UPDATE type_rooms SET rooms = rooms - 1 WHERE type_code = old.type_code; END;"
    "CREATE TRIGGER rooms_count_au AFTER UPDATE OF type_code ON rooms"
    " WHEN new.type_code IS NOT old.type_code BEGIN"
    " UPDATE type_rooms SET rooms = rooms - 1 WHERE type_code = old.type_code;"
    " INSERT INTO type_rooms (type_code, rooms) VALUES (new.type_code, 1)"
    "  ON CONFLICT (type_code) DO UPDATE SET rooms = rooms + 1; END;";

/* v33: the board's room order (query_desk.c BOARD_ORDER) read from an index:
 * a page of the board is a short index walk, not a sort of every room. The
 * day-use stays (arrival = departure: few) in two partial indexes, so the
 * day-use checks every booking.create runs per night (repo_sqlite.c
 * room_day_clash, type_day_sold) read those few instead of every booking
 * of the room or of the day (they were two thirds of the bench loader's
 * time). */
const char fd_schema_v33_board[] =
    "CREATE INDEX rooms_board ON rooms(floor, length(number), number);"
    "CREATE INDEX bookings_day_use_room ON bookings(room, arrival) WHERE arrival = departure;"
    "CREATE INDEX bookings_day_use ON bookings(arrival) WHERE arrival = departure;";

/* v42: the board's stays of a room, found from the room (query_desk.c
 * fd_query_board_page): a room's bookings that hold nights, by arrival,
 * with the departure and id the board checks them by, so a page of rooms
 * x 31 nights reads each stay's row once through its rowid instead of one
 * random look-up per stay in the id and guest indexes plus a temporary
 * table of every room-night (98 ms for every room at 500,000 bookings).
 * The predicate is the one the query states (holding nights: not
 * cancelled, no-show or day use). */
const char fd_schema_v42_board_stays[] =
    "CREATE INDEX bookings_board ON bookings(room, arrival, departure, status, id)"
    " WHERE status IN ('reserved', 'checked_in', 'checked_out') AND arrival < departure;";

/* v55: the board's index with the same rows, its predicate said without
 * IN (row.h FD_BOARD_STAY_SQL): SQLite built a temporary table of the
 * three statuses each time it evaluated the old one, to keep the index on
 * every booking written, twice an UPDATE (6 % of the bench loader's
 * instructions, an eighth of booking.assign_room's). */
const char fd_schema_v55_board_where[] =
    "DROP INDEX bookings_board;"
    "CREATE INDEX bookings_board ON bookings(room, arrival, departure, status, id, code, guest_name)"
    " WHERE " FD_BOARD_STAY_SQL("") ";";

/* v56: bookings_room(room) goes: every index that starts with room
 * (bookings_room_status first) serves its look-ups, by room alone too
 * (EXPLAIN QUERY PLAN of the screens' queries: the same seek, in
 * bookings_room_status; tests/unit/test_store.c), while each booking
 * written, and each assignment, rewrote it as well (1.6 % of the bench
 * loader's instructions). */
const char fd_schema_v56_no_room_index[] = "DROP INDEX IF EXISTS bookings_room;";

/* v44: the night audit's day counts (repo_folio.c count_day) from indexes
 * alone: the arrivals, cancellations and no-shows of a day by arrival and
 * status, and each room-night's rate by booking id, instead of one random
 * read of the booking's row per arrival and per night sold (two years of
 * day counts after a 100,000-row import took 0.88 s, three quarters of
 * it in those reads). bookings_arrival keeps its name and serves every
 * range on arrival it served before. */
const char fd_schema_v44_day_counts[] = "DROP INDEX bookings_arrival;"
                                        "CREATE INDEX bookings_arrival ON bookings(arrival, status);"
                                        "CREATE INDEX bookings_rate ON bookings(id, rate);";

/* v49: bookings_arrival with the booking's id as well, so the day-use
 * count (repo_sqlite.c type_day_sold and type_days: the first nights of
 * the stays arriving on a day, which every booking.create asks for every
 * day of its stay) finds each arrival's night from the index alone
 * instead of reading the row of every booking arriving that day (two
 * fifths of that count's time in the bench loader). The columns before
 * it stay, so the index serves every range on arrival and the day counts
 * as it did. */
const char fd_schema_v49_arrival_ids[] = "DROP INDEX bookings_arrival;"
                                         "CREATE INDEX bookings_arrival ON bookings(arrival, status, id);";

/* v37: a guest's bookings with what the search orders them by (query.c
 * fd_query_find): the bookings of every guest a name matches are ordered
 * from this index alone, and only the page's rows are read. It begins
 * with guest_id, so it serves every lookup bookings_guest served. */
const char fd_schema_v37_find[] =
    "CREATE INDEX bookings_guest_find ON bookings(guest_id, status, arrival, code);"
    "DROP INDEX bookings_guest;";

/* v41: the guest search's first page read in the order it is shown
 * (query.c fd_query_find): every booking indexed by its guest's search
 * key (trigrams) under a rowid that is its place in that order: in house
 * first (latest arrival first), then reserved (soonest arrival first,
 * which is today's and overdue arrivals, then the stays to come), then
 * the rest (latest first), and the booking's own rowid below. FTS5 walks
 * a match in rowid order, so a page of 50 reads about 50 entries however
 * many thousand bookings a common name has (a whole match sorted took
 * 12 ms for "JOSÉ" at 500,000 bookings). Contentless: the text is the
 * guest's, so every trigger deletes an entry with the text it was made
 * with. The invariant: a booking has an entry exactly when its guest
 * exists, made of the guest's search key and the booking's order key. */
#define BS_KEY(b)                                                                                            \
	"((CASE " b ".status WHEN 'checked_in' THEN 0 WHEN 'reserved' THEN 1 ELSE 2 END << 57)"              \
	" | ((CASE WHEN " b ".status = 'reserved' THEN max(0, min(131071, " b ".arrival))"                   \
	" ELSE 131071 - max(0, min(131071, " b ".arrival)) END) << 40) | " b ".rowid)"
#define BS_ADD(key, text) "INSERT INTO booking_search (rowid, search_key) SELECT " key ", " text
#define BS_DEL(key, text)                                                                                    \
	"INSERT INTO booking_search (booking_search, rowid, search_key) SELECT 'delete', " key ", " text
/* Every entry made again from the rows (also after a bulk write, bulk.c),
 * in rowid order: FTS5 writes its pending terms out as a new segment
 * whenever a rowid is below the last one written, so entries in the
 * bookings' own order (the order key falls as arrivals rise) made a
 * segment almost per row and merged them all (1.2 s of CPU for 100,000
 * bookings; sorted first, 0.2 s). */
#define BS_FILL                                                                                              \
	"INSERT INTO booking_search (booking_search) VALUES ('delete-all');" BS_ADD(                         \
	    BS_KEY("b"), "g.search_key") " FROM bookings b JOIN guests g ON g.id = b.guest_id ORDER BY 1;"
const char fd_booking_search_fill[] = BS_FILL;
const char
    fd_schema_v41_search[] =
        "CREATE VIRTUAL TABLE booking_search USING fts5(search_key, content='', tokenize='trigram');"
        "CREATE TRIGGER bookings_search_ai AFTER INSERT ON bookings BEGIN " BS_ADD(
            BS_KEY("new"),
            "g.search_key") " FROM guests g WHERE g.id = new.guest_id; END;"
                            "CREATE TRIGGER bookings_search_ad AFTER DELETE ON bookings BEGIN " BS_DEL(
                                BS_KEY("old"),
                                "g.search_key") " FROM guests g WHERE g.id = old.guest_id; END;"
                                                "CREATE TRIGGER bookings_search_au AFTER UPDATE OF status, "
                                                "arrival, guest_id ON bookings"
                                                " WHEN new.status IS NOT old.status OR new.arrival IS NOT "
                                                "old.arrival"
                                                " OR new.guest_id IS NOT old.guest_id BEGIN " BS_DEL(BS_KEY("old"), "g.search_key") " FROM guests g WHERE g.id = old.guest_id; " BS_ADD(
                                                    BS_KEY("new"),
                                                    "g.search_key") " FROM guests g WHERE g.id = "
                                                                    "new.guest_id; END;"
                                                                    "CREATE TRIGGER "
                                                                    "guests_search_bookings_ai AFTER INSERT "
                                                                    "ON guests BEGIN " BS_ADD(
                                                                        BS_KEY("b"),
                                                                        "new.search_key") " FROM bookings b "
                                                                                          "WHERE b.guest_id "
                                                                                          "= new.id; END;"
                                                                                          "CREATE TRIGGER "
                                                                                          "guests_search_"
                                                                                          "bookings_ad AFTER "
                                                                                          "DELETE ON guests "
                                                                                          "BEGIN " BS_DEL(
                                                                                              BS_KEY("b"),
                                                                                              "old.search_"
                                                                                              "key") " FROM "
                                                                                                     "booking"
                                                                                                     "s b "
                                                                                                     "WHERE "
                                                                                                     "b."
                                                                                                     "guest_"
                                                                                                     "id = "
                                                                                                     "old.id;"
                                                                                                     " END;"
                                                                                                     "CREATE "
                                                                                                     "TRIGGER"
                                                                                                     " guests"
                                                                                                     "_search"
                                                                                                     "_bookin"
                                                                                                     "gs_au "
                                                                                                     "AFTER "
                                                                                                     "UPDATE "
                                                                                                     "OF "
                                                                                                     "search_"
                                                                                                     "key ON "
                                                                                                     "guests"
                                                                                                     " WHEN "
                                                                                                     "new."
                                                                                                     "search_"
                                                                                                     "key IS "
                                                                                                     "NOT "
                                                                                                     "old."
                                                                                                     "search_"
                                                                                                     "key "
                                                                                                     "BEGIN"
                                                                                                     " " BS_DEL(BS_KEY("b"), "old.search_key") " FROM bookings b WHERE b.guest_id = old.id; " BS_ADD(
                                                                                                         BS_KEY(
                                                                                                             "b"),
                                                                                                         "new"
                                                                                                         ".se"
                                                                                                         "arc"
                                                                                                         "h_"
                                                                                                         "ke"
                                                                                                         "y") " FROM bookings b WHERE b.guest_id = new.id; END;" BS_FILL;

/* v43: the guest's name the board shows, kept with the booking
 * (bookings.guest_name, "Family, Given" or the family name alone), and
 * in the board's index, so a page of the board is read from the index
 * bookings_board alone: no booking row and no random look-up of the
 * guest by id per stay (those were most of the 48 ms the board of every
 * room took at 500,000 bookings; query_desk.c fd_query_board_page).
 * Triggers keep it right on every write path, in the same transaction:
 * a booking written, or given another guest; a guest written, renamed or
 * erased (erasure rewrites the name, so the old one is left nowhere,
 * index included), or deleted (the name is blanked). A bulk write sets
 * them aside and fills the column again (bulk.c). */
#define NEW_GUEST_NAME FD_GUEST_NAME_SQL("new")
#define NAME_OF_NEW FD_GUEST_NAME_OF_SQL("new.guest_id")
#define NAME_OF_ROW FD_GUEST_NAME_OF_SQL("bookings.guest_id")
/* Every booking whose name is not its guest's (after a bulk write). */
const char fd_booking_name_fill[] =
    "UPDATE bookings SET guest_name = " NAME_OF_ROW " WHERE guest_name IS NOT " NAME_OF_ROW ";";
const char fd_schema_v43_board_names[] =
    "ALTER TABLE bookings ADD COLUMN guest_name TEXT NOT NULL DEFAULT '';"
    "UPDATE bookings SET guest_name = " NAME_OF_ROW ";"
    "DROP INDEX bookings_board;"
    "CREATE INDEX bookings_board ON bookings(room, arrival, departure, status, id, code, guest_name)"
    " WHERE status IN ('reserved', 'checked_in', 'checked_out') AND arrival < departure;"
    "CREATE TRIGGER bookings_name_ai AFTER INSERT ON bookings WHEN new.guest_name IS NOT " NAME_OF_NEW
    " BEGIN UPDATE bookings SET guest_name = " NAME_OF_NEW " WHERE rowid = new.rowid; END;"
    "CREATE TRIGGER bookings_name_au AFTER UPDATE OF guest_id, guest_name ON bookings"
    " WHEN new.guest_name IS NOT " NAME_OF_NEW " BEGIN UPDATE bookings SET guest_name = " NAME_OF_NEW
    " WHERE rowid = new.rowid; END;"
    "CREATE TRIGGER guests_name_ai AFTER INSERT ON guests BEGIN"
    " UPDATE bookings SET guest_name = " NEW_GUEST_NAME " WHERE guest_id = new.id"
    "  AND guest_name IS NOT " NEW_GUEST_NAME "; END;"
    "CREATE TRIGGER guests_name_au AFTER UPDATE OF id, family, given ON guests"
    " WHEN new.id IS NOT old.id OR new.family IS NOT old.family OR new.given IS NOT old.given BEGIN"
    " UPDATE bookings SET guest_name = '' WHERE guest_id = old.id AND old.id IS NOT new.id;"
    " UPDATE bookings SET guest_name = " NEW_GUEST_NAME " WHERE guest_id = new.id"
    "  AND guest_name IS NOT " NEW_GUEST_NAME "; END;"
    "CREATE TRIGGER guests_name_ad AFTER DELETE ON guests BEGIN"
    " UPDATE bookings SET guest_name = '' WHERE guest_id = old.id; END;";

/* v57: a guest inserted writes their name into their bookings only when
 * they have some (a booking sent before its guest, on a terminal's cache,
 * which runs without foreign keys). A guest just created has none, yet
 * the UPDATE ran for each: SQLite builds a temporary table of the rows an
 * UPDATE with triggers will change, even when it finds none: a sixth of
 * a guest.create's instructions in the bench loader (callgrind, 90,000 ->
 * 75,000 a call). The WHEN looks the guest up in bookings_guest_find. */
const char fd_schema_v57_guest_name[] =
    "DROP TRIGGER guests_name_ai;"
    "CREATE TRIGGER guests_name_ai AFTER INSERT ON guests"
    " WHEN EXISTS (SELECT 1 FROM bookings WHERE guest_id = new.id) BEGIN"
    " UPDATE bookings SET guest_name = " NEW_GUEST_NAME " WHERE guest_id = new.id"
    "  AND guest_name IS NOT " NEW_GUEST_NAME "; END;";

/* v50: the search indexes written once per transaction of operations
 * rather than once per statement. FTS5 writes its pending entries out as
 * a new segment at the end of every statement of a transaction (its
 * savepoint methods) and merges those segments as they pile up: a guest
 * and a booking written by operations cost two segments and their merges,
 * a fifth of the bench loader's instructions (callgrind). While the store
 * applies a batch of operations (oplog.c), search_defer holds a row, and
 * a new guest's or booking's entry waits in search_queue; the batch's
 * entries are indexed in one statement per index, in rowid order, before
 * its COMMIT (fd_search_flush). The row in search_defer is never
 * committed, so every other writer (another connection, a plain INSERT,
 * the sqlite3 shell) indexes at once as before. Every trigger that
 * deletes an entry indexes the queue first, so it never deletes an entry
 * not yet written, and the store's searches do too before they read
 * (query.c), so a search inside the batch's transaction finds what it
 * wrote. The insert triggers are otherwise those of steps 2 and 41. */
#define SQ_DEFERRED "EXISTS (SELECT 1 FROM search_defer)"
#define SQ_FLUSH_GUESTS                                                                                      \
	"INSERT INTO guest_search (rowid, search_key)"                                                       \
	" SELECT rid, key FROM search_queue WHERE kind = 0 ORDER BY rid"
#define SQ_FLUSH_BOOKINGS                                                                                    \
	"INSERT INTO booking_search (rowid, search_key)"                                                     \
	" SELECT rid, key FROM search_queue WHERE kind = 1 ORDER BY rid"
#define SQ_FLUSH_EMPTY "DELETE FROM search_queue"
#define SQ_FLUSH SQ_FLUSH_GUESTS ";" SQ_FLUSH_BOOKINGS ";" SQ_FLUSH_EMPTY ";"
/* The same, one statement each, for the store's statement cache (db.c). */
const char *const fd_search_flush_sql[] = {SQ_FLUSH_GUESTS, SQ_FLUSH_BOOKINGS, SQ_FLUSH_EMPTY, NULL};
#define GS_ADD "INSERT INTO guest_search (rowid, search_key) VALUES (new.rowid, new.search_key);"
#define GS_DEL                                                                                               \
	"INSERT INTO guest_search (guest_search, rowid, search_key) VALUES ('delete', old.rowid, "           \
	"old.search_key);"
#define QUEUE(kind, key, text) "INSERT INTO search_queue (kind, rid, key) SELECT " kind ", " key ", " text
/* clang-format off */
const char fd_schema_v50_search_queue[] =
    "CREATE TABLE search_defer (one INTEGER PRIMARY KEY CHECK (one = 1));"
    "CREATE TABLE search_queue (kind INTEGER NOT NULL, rid INTEGER NOT NULL, key TEXT NOT NULL);"
    "DROP TRIGGER guests_ai;"
    "DROP TRIGGER guests_ad;"
    "DROP TRIGGER guests_au;"
    "DROP TRIGGER bookings_search_ai;"
    "DROP TRIGGER bookings_search_ad;"
    "DROP TRIGGER bookings_search_au;"
    "DROP TRIGGER guests_search_bookings_ai;"
    "DROP TRIGGER guests_search_bookings_ad;"
    "DROP TRIGGER guests_search_bookings_au;"
    /* A new guest: its entry, and one per booking already made out to it. */
    "CREATE TRIGGER guests_ai AFTER INSERT ON guests WHEN NOT " SQ_DEFERRED " BEGIN " GS_ADD " END;"
    "CREATE TRIGGER guests_ai_queue AFTER INSERT ON guests WHEN " SQ_DEFERRED " BEGIN "
        QUEUE("0", "new.rowid", "new.search_key") "; END;"
    "CREATE TRIGGER guests_search_bookings_ai AFTER INSERT ON guests WHEN NOT " SQ_DEFERRED " BEGIN "
        BS_ADD(BS_KEY("b"), "new.search_key") " FROM bookings b WHERE b.guest_id = new.id; END;"
    "CREATE TRIGGER guests_search_bookings_ai_queue AFTER INSERT ON guests WHEN " SQ_DEFERRED " BEGIN "
        QUEUE("1", BS_KEY("b"), "new.search_key") " FROM bookings b WHERE b.guest_id = new.id; END;"
    /* A new booking: its entry. */
    "CREATE TRIGGER bookings_search_ai AFTER INSERT ON bookings WHEN NOT " SQ_DEFERRED " BEGIN "
        BS_ADD(BS_KEY("new"), "g.search_key") " FROM guests g WHERE g.id = new.guest_id; END;"
    "CREATE TRIGGER bookings_search_ai_queue AFTER INSERT ON bookings WHEN " SQ_DEFERRED " BEGIN "
        QUEUE("1", BS_KEY("new"), "g.search_key") " FROM guests g WHERE g.id = new.guest_id; END;"
    /* Every delete of an entry, after the queue is indexed. */
    "CREATE TRIGGER guests_ad AFTER DELETE ON guests BEGIN " SQ_FLUSH GS_DEL " END;"
    "CREATE TRIGGER guests_au AFTER UPDATE OF search_key ON guests BEGIN " SQ_FLUSH GS_DEL GS_ADD " END;"
    "CREATE TRIGGER bookings_search_ad AFTER DELETE ON bookings BEGIN " SQ_FLUSH
        BS_DEL(BS_KEY("old"), "g.search_key") " FROM guests g WHERE g.id = old.guest_id; END;"
    "CREATE TRIGGER bookings_search_au AFTER UPDATE OF status, arrival, guest_id ON bookings"
    " WHEN new.status IS NOT old.status OR new.arrival IS NOT old.arrival"
    " OR new.guest_id IS NOT old.guest_id BEGIN " SQ_FLUSH
        BS_DEL(BS_KEY("old"), "g.search_key") " FROM guests g WHERE g.id = old.guest_id; "
        BS_ADD(BS_KEY("new"), "g.search_key") " FROM guests g WHERE g.id = new.guest_id; END;"
    "CREATE TRIGGER guests_search_bookings_ad AFTER DELETE ON guests BEGIN " SQ_FLUSH
        BS_DEL(BS_KEY("b"), "old.search_key") " FROM bookings b WHERE b.guest_id = old.id; END;"
    "CREATE TRIGGER guests_search_bookings_au AFTER UPDATE OF search_key ON guests"
    " WHEN new.search_key IS NOT old.search_key BEGIN " SQ_FLUSH
        BS_DEL(BS_KEY("b"), "old.search_key") " FROM bookings b WHERE b.guest_id = old.id; "
        BS_ADD(BS_KEY("b"), "new.search_key") " FROM bookings b WHERE b.guest_id = new.id; END;";
/* clang-format on */
