bin_PROGRAMS += frontdesk
frontdesk_SOURCES = \
	src/cli/main.c src/cli/cli.c src/cli/cli.h \
	src/cli/render.c src/cli/render.h \
	src/cli/cmd_setup.c src/cli/cmd_list.c src/cli/cmd_board.c \
	src/cli/cmd_booking.c src/cli/cmd_room.c
frontdesk_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS) $(CURL_CFLAGS)
frontdesk_LDADD = $(FRONTDESK_LIBS) libfddemo.a libfdstore.a libfdcore.a $(EXTERNAL_LIBS)
