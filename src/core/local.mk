noinst_LIBRARIES += libfdcore.a
libfdcore_a_SOURCES = \
	src/core/error.c src/core/error.h \
	src/core/i18n.h \
	src/core/date.c src/core/date.h \
	src/core/money.c src/core/money.h \
	src/core/entity.c src/core/entity.h \
	src/core/repo.h \
	src/core/perm.c src/core/perm.h \
	src/core/text.c src/core/text.h \
	src/core/op.c src/core/op.h \
	src/core/op_booking.c src/core/op_room.c src/core/op_people.c \
	src/core/op_conflict.c \
	src/core/op_internal.h
libfdcore_a_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS)
