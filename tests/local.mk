# Unit tests: cmocka, one file per module (tests/unit/test_<module>.c).
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
UNIT_LDADD = libfddemo.a libfdstore.a libfdcore.a $(CMOCKA_LIBS) $(EXTERNAL_LIBS)

UNIT_TESTS = \
	tests/unit/test_date \
	tests/unit/test_money
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

tests_unit_test_date_SOURCES = tests/unit/test_date.c
tests_unit_test_date_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_date_LDADD = $(UNIT_LDADD)
tests_unit_test_money_SOURCES = tests/unit/test_money.c
tests_unit_test_money_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_money_LDADD = $(UNIT_LDADD)
check_PROGRAMS += tests/unit/test_demo
TESTS += tests/unit/test_demo
tests_unit_test_demo_SOURCES = tests/unit/test_demo.c
tests_unit_test_demo_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_demo_LDADD = $(UNIT_LDADD)
