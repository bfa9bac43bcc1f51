# tests/bench: see the comment at the top of Makefile.am
# frontdeskd benchmark (server engineer): runs ./frontdeskd on loopback.
EXTRA_PROGRAMS += tests/bench/bench_server
tests_bench_bench_server_SOURCES = tests/bench/bench_server.c
tests_bench_bench_server_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS)
tests_bench_bench_server_LDADD = $(CURL_LIBS) $(PTHREAD_LIBS)
EXTRA_tests_bench_bench_server_DEPENDENCIES = frontdeskd$(EXEEXT)
CLEANFILES += tests/bench/bench_server$(EXEEXT)
