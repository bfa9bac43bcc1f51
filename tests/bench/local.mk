# tests/bench: see the comment at the top of Makefile.am
EXTRA_PROGRAMS += tests/bench/bench_core
tests_bench_bench_core_SOURCES = tests/bench/bench_core.c
tests_bench_bench_core_LDADD = libfddemo.a libfdstore.a libfdcore.a $(EXTERNAL_LIBS)
CLEANFILES += tests/bench/bench_core$(EXEEXT)
