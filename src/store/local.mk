noinst_LIBRARIES += libfdstore.a
libfdstore_a_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS) $(SODIUM_CFLAGS)
libfdstore_a_SOURCES = \
	src/store/db.c src/store/db.h src/store/db_internal.h \
	src/store/schema.c \
	src/store/repo_sqlite.c \
	src/store/fold.c src/store/fold.h \
	src/store/ids.c src/store/ids.h \
	src/store/oplog.c src/store/oplog.h \
	src/store/query.c src/store/query.h \
	src/store/row.c src/store/row.h
