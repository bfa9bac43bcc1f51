// SPDX-License-Identifier: GPL-3.0-or-later
/* The text rules for hostile input: UTF-8, control characters, the strict
 * JSON parse, and the command line's output filter. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/safe_output.h"
#include "cli/table_print.h"
#include "core/json.h"
#include "core/text.h"

static void test_utf8_valid(void **state)
{
	(void)state;
	const char ok[] = "Jos\xc3\xa9 \xe6\x9d\x8e \xf0\x9f\x98\x80";
	assert_true(fd_utf8_valid(ok, strlen(ok)));
	assert_false(fd_utf8_valid("M\xfcller", 6));        /* Latin-1 */
	assert_false(fd_utf8_valid("\xc0\xaf", 2));         /* overlong '/' */
	assert_false(fd_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	assert_false(fd_utf8_valid("\xf4\x90\x80\x80", 4)); /* above U+10FFFF */
	assert_false(fd_utf8_valid("\xe6\x9d", 2));         /* cut short */
	/* Past runs of ASCII read eight bytes at a time: a bad byte or a
	 * character across a run's edge is judged the same. */
	assert_false(fd_utf8_valid("abcdefghijklmnop\xfc", 17));
	assert_false(fd_utf8_valid("abcdefghijklmno\xe6\x9d", 17));
	assert_true(fd_utf8_valid("abcdefg\xe6\x9d\x8e"
	                          "abcdefghij",
	                          20));
	assert_false(fd_utf8_valid("abcdefg\xe6\x9dXabcdefghij", 20));
	assert_true(fd_utf8_valid("abcdefghijklmnop", 16));
}

static void test_check_plain(void **state)
{
	(void)state;
	struct fd_error err = {0};
	assert_int_equal(fd_text_check_plain("family",
	                                     "Garc\xc3\xad"
	                                     "a",
	                                     false, &err),
	                 FD_OK);
	assert_int_equal(fd_text_check_plain("notes", "one\ntwo\tthree", true, &err), FD_OK);
	assert_int_equal(fd_text_check_plain("family", "one\ntwo", false, &err), FD_E_INVALID);
	assert_string_equal(err.field, "family");
	assert_int_equal(fd_text_check_plain("family", "x\x1b]0;pwned\x07", false, &err), FD_E_INVALID);
	assert_non_null(strstr(err.message, "U+001B"));
	assert_int_equal(fd_text_check_plain("family", "x\x7f", false, &err), FD_E_INVALID);
	assert_int_equal(fd_text_check_plain("family",
	                                     "x\xc2\x9b"
	                                     "2J",
	                                     false, &err),
	                 FD_E_INVALID);
	assert_non_null(strstr(err.message, "U+009B"));
	assert_int_equal(fd_text_check_plain("family", "M\xfcller", false, &err), FD_E_INVALID);
	assert_non_null(strstr(err.message, "UTF-8"));
	assert_int_equal(fd_text_check_plain("family", NULL, false, NULL), FD_OK);
	assert_int_equal(fd_text_check_plain("family", "\x01", false, NULL), FD_E_INVALID);
}

static void test_escape_controls(void **state)
{
	(void)state;
	char out[64];
	assert_string_equal(fd_text_escape_controls("a\x1b[2Jb", false, out, sizeof out), "a\\x1b[2Jb");
	assert_string_equal(fd_text_escape_controls("l1\nl2", true, out, sizeof out), "l1\nl2");
	assert_string_equal(fd_text_escape_controls("l1\nl2", false, out, sizeof out), "l1\\x0al2");
	assert_string_equal(fd_text_escape_controls("\xc2\x9b", false, out, sizeof out), "\\xc2\\x9b");
	assert_string_equal(fd_text_escape_controls("Jos\xc3\xa9", false, out, sizeof out), "Jos\xc3\xa9");
	/* never overflows, always terminated */
	char tiny[6];
	assert_string_equal(fd_text_escape_controls("\x1b\x1b\x1b", false, tiny, sizeof tiny), "\\x1b");
}

static void test_json_parse(void **state)
{
	(void)state;
	struct fd_error err = {0};
	const char good[] = "{\"user\":\"fo1\",\"n\":\"a\\\\u0000b\"}";
	cJSON *doc = fd_json_parse(good, strlen(good), &err);
	assert_non_null(doc);
	assert_string_equal(cJSON_GetObjectItem(doc, "n")->valuestring, "a\\u0000b");
	cJSON_Delete(doc);

	const char nul[] = "{\"user\":\"fo1\\u0000admin\"}";
	assert_null(fd_json_parse(nul, strlen(nul), &err));
	assert_string_equal(err.code, "invalid_json");
	assert_non_null(strstr(err.message, "NUL"));

	const char raw_nul[] = "{\"user\":\"fo1\0admin\"}";
	assert_null(fd_json_parse(raw_nul, sizeof raw_nul - 1, &err));

	const char latin1[] = "{\"user\":\"M\xfcller\"}";
	assert_null(fd_json_parse(latin1, strlen(latin1), &err));
	assert_non_null(strstr(err.message, "UTF-8"));

	const char broken[] = "{\"user\":";
	assert_null(fd_json_parse(broken, strlen(broken), &err));
	assert_non_null(strstr(err.message, "malformed"));
	assert_null(fd_json_parse(NULL, 0, NULL));
}

struct scanned {
	int members;
	char keys[128];
	size_t rows;
};

static bool scanned_member(void *ctx, const struct fd_json_member *m)
{
	struct scanned *sc = ctx;
	sc->members++;
	strncat(sc->keys, m->key, m->key_len);
	strcat(sc->keys, ",");
	sc->rows += m->grand;
	return true;
}

/* fd_json_scan_object reads a snapshot page for its header without a tree:
 * it must refuse every text fd_json_parse refuses (a page it passes is
 * staged and parsed only when installed) and read the members of a good
 * one as cJSON does. */
static void test_json_scan(void **state)
{
	(void)state;
	struct fd_error err = {0};
	struct scanned sc = {0};
	const char page[] =
	    " {\"epoch\":\"e\\\"1\",\"seq\":-1.5e3,\"entities\":{\"room\":[{\"a\":[1,{}]},{}],"
	    "\"guest\":[],\"x\":{\"b\":null}},\"more\":true,\"next\":\"1.2.3\",\"k\":false} ";
	assert_true(fd_json_scan_object(page, strlen(page), scanned_member, &sc, &err));
	assert_int_equal(sc.members, 6);
	assert_string_equal(sc.keys, "epoch,seq,entities,more,next,k,");
	/* The entities' rows: the elements of its members. */
	assert_int_equal(sc.rows, 3);
	static const char *const bad[] = {
	    "",
	    "[]",
	    "{\"a\":1,}",
	    "{\"a\" 1}",
	    "{\"a\":01}",
	    "{\"a\":1.}",
	    "{\"a\":tru}",
	    "{\"a\":\"\\x\"}",
	    "{\"a\":\"\\u12g4\"}",
	    "{\"a\":\"tab\there\"}",
	    "{\"a\":[1,2}",
	    "{\"a\":1} x",
	    "{\"user\":\"fo1\\u0000admin\"}",
	    "{\"user\":\"M\xfcller\"}",
	    "{\"more\":true,\"entities\":{\"room\":[{\"id\":\"1\"}",
	    "{\"a\":1}{}",
	    "{\"a\":1 \"b\":2}",
	    "{,}",
	    "{\"a\":1,\"b\"}",
	    /* UTF-16 surrogates alone: cJSON refuses them */
	    "{\"a\":\"\\ud800\"}",
	    "{\"a\":\"\\udc00x\"}",
	    "{\"a\":\"\\ud800\\u0041\"}",
	    "{\"a\":\"\\ud800\\\"}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		sc = (struct scanned){0};
		assert_false(fd_json_scan_object(bad[i], strlen(bad[i]), scanned_member, &sc, &err));
		assert_int_equal(sc.members, 0);
		assert_string_equal(err.code, "invalid_json");
	}
	/* Nested deeper than a page ever is: refused, not a stack overflow. */
	char deep[300] = "{\"a\":";
	for (int i = 0; i < 100; i++)
		strcat(deep, "[");
	for (int i = 0; i < 100; i++)
		strcat(deep, "]");
	strcat(deep, "}");
	assert_false(fd_json_scan_object(deep, strlen(deep), scanned_member, &sc, &err));
	/* Whatever it passes, cJSON reads alike. */
	cJSON *doc = fd_json_parse(page, strlen(page), &err);
	assert_non_null(doc);
	assert_string_equal(cJSON_GetObjectItem(doc, "epoch")->valuestring, "e\"1");
	cJSON_Delete(doc);
}

/* s written by fd_json_out_string is the text cJSON prints for it. */
static void json_out_as_cjson(const char *s)
{
	struct fd_json_out o = {0};
	fd_json_out_string(&o, s, strlen(s));
	char *ours = fd_json_out_take(&o);
	cJSON *v = cJSON_CreateString(s);
	char *theirs = cJSON_PrintUnformatted(v);
	assert_non_null(ours);
	assert_string_equal(ours, theirs);
	free(ours);
	free(theirs);
	cJSON_Delete(v);
}

/* fd_json_out writes the text cJSON prints for the same values: the
 * server writes snapshot pages, feed states and a push's answers
 * (src/server/push_rules.c) with it, and terminals read them with cJSON.
 * Every byte a string can hold, alone, between text and all together,
 * escapes included. */
static void test_json_out(void **state)
{
	(void)state;
	char all[256];
	for (int i = 1; i < 256; i++)
		all[i - 1] = (char)i;
	all[255] = '\0';
	const char *const texts[] = {
	    "",         "plain",
	    "q\"b\\s/", "M\xc3\xbcller \xe5\xb1\xb1\xe7\x94\xb0",
	    all,        "Zimmer \"Süd\" \\ 101\n\t\x01\x1f\x7f \xe6\x9d\xb1 \xf0\x9f\x8f\xa8 /</script>"};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		json_out_as_cjson(texts[i]);
	for (int c = 1; c < 256; c++) {
		char one[2] = {(char)c, 0}, mid[8];
		snprintf(mid, sizeof mid, "a%cb", c);
		json_out_as_cjson(one);
		json_out_as_cjson(mid);
	}
	/* Integers as their digits, the whole int64 range (cJSON prints a
	 * double: exact only to 2^53). */
	struct fd_json_out o = {0};
	fd_json_out_raw(&o, "[", 1);
	const int64_t ints[] = {0, -1, 42, 2147483648, -9007199254740993, INT64_MAX, INT64_MIN};
	for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
		if (i)
			fd_json_out_raw(&o, ",", 1);
		fd_json_out_int(&o, ints[i]);
	}
	fd_json_out_raw(&o, "]", 1);
	char *text = fd_json_out_take(&o);
	assert_string_equal(text, "[0,-1,42,2147483648,-9007199254740993,9223372036854775807,"
	                          "-9223372036854775808]");
	free(text);
	/* Nothing written is the empty text, not a failure. */
	text = fd_json_out_take(&o);
	assert_non_null(text);
	assert_string_equal(text, "");
	free(text);
}

/* An object of a key, a whole number and raw text: cJSON's text (the
 * number as a raw member: cJSON prints a double with 15 digits). */
static void test_json_out_object(void **state)
{
	(void)state;
	static const int64_t v[] = {0, 1, -1, 9007199254740993LL, INT64_MIN, 1234567890123LL};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		cJSON *t = cJSON_CreateObject();
		cJSON_AddStringToObject(t, "k", "v");
		char n[32];
		snprintf(n, sizeof n, "%lld", (long long)v[i]);
		cJSON_AddRawToObject(t, "n", n);
		cJSON_AddArrayToObject(t, "a");
		char *want = cJSON_PrintUnformatted(t);
		cJSON_Delete(t);
		struct fd_json_out o = {0};
		fd_json_out_raw(&o, "{", 1);
		fd_json_out_key(&o, "k");
		fd_json_out_str(&o, "v");
		fd_json_out_key(&o, "n");
		fd_json_out_int(&o, v[i]);
		fd_json_out_key(&o, "a");
		fd_json_out_raw(&o, "[]}", 3);
		char *got = fd_json_out_take(&o);
		assert_string_equal(got, want);
		free(got);
		free(want);
	}
}

static bool each_key(void *ctx, const struct fd_json_member *m)
{
	char *keys = ctx;
	strncat(keys, m->key ? m->key : "-", m->key ? m->key_len : 1);
	strncat(keys, m->value, m->value_len);
	strcat(keys, ";");
	return true;
}

/* A staged page's rows are read without a tree: fd_json_each gives the
 * members (elements) of a value as spans, fd_json_string_text decodes a
 * string as cJSON does, and refuses what cJSON refuses. */
static void test_json_each(void **state)
{
	(void)state;
	char keys[256] = "";
	const char obj[] = "{ \"a\" : \"x\\\"}\\\\\" , \"b\":[1,{\"c\":\"]\"}],\"d\":-1.5e3 ,\"e\":null}";
	assert_true(fd_json_each(obj, strlen(obj), each_key, keys));
	assert_string_equal(keys, "a\"x\\\"}\\\\\";b[1,{\"c\":\"]\"}];d-1.5e3;enull;");
	keys[0] = '\0';
	assert_true(fd_json_each("[ {},\"s\" ,3]", 13, each_key, keys));
	assert_string_equal(keys, "-{};-\"s\";-3;");
	assert_false(fd_json_each("\"s\"", 3, each_key, keys));
	assert_false(fd_json_each("{\"a\":\"cut", 9, each_key, keys));
	const char *const good[] = {"\"plain\"", "\"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t\"",
	                            "\"\\u00e9\\u20AC\\ud83d\\ude00x\"", "\"M\xc3\xbcller\""};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		char out[64];
		cJSON *v = cJSON_Parse(good[i]);
		assert_true(fd_json_string_text(good[i], strlen(good[i]), out, sizeof out));
		assert_string_equal(out, v->valuestring);
		/* Cut to the buffer as a copy of cJSON's text would be. */
		assert_true(fd_json_string_text(good[i], strlen(good[i]), out, 4));
		assert_memory_equal(out, v->valuestring, strlen(out));
		assert_true(strlen(out) == 3 || strlen(out) == strlen(v->valuestring));
		cJSON_Delete(v);
	}
	const char *const bad[] = {"\"\\ud800\"", "\"\\udc00x\"", "\"\\ud800\\u0041\"",
	                           "\"\\u0000\"", "\"\\x\"",      "\"\\u12\""};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char out[64];
		assert_null(fd_json_parse(bad[i], strlen(bad[i]), NULL));
		assert_false(fd_json_string_text(bad[i], strlen(bad[i]), out, sizeof out));
	}
	/* Not a string: "". */
	char out[8] = "x";
	assert_true(fd_json_string_text("12", 2, out, sizeof out));
	assert_string_equal(out, "");
}

static void test_ascii(void **state)
{
	(void)state;
	char out[64];
	assert_string_equal(fd_text_ascii("Müller, Jürgen", out, sizeof out), "Muller, Jurgen");
	assert_string_equal(fd_text_ascii("Nguyễn, Thảo", out, sizeof out), "Nguyen, Thao");
	assert_string_equal(fd_text_ascii("Straße Ørsted", out, sizeof out), "Strasse Orsted");
	/* No ASCII form: one '?' per cell, so columns stay where they were. */
	assert_string_equal(fd_text_ascii("山田", out, sizeof out), "????");
	assert_string_equal(fd_text_ascii("Αθήνα", out, sizeof out), "?????");
	assert_string_equal(fd_text_ascii("ﬁne", out, sizeof out), "fine");
	assert_int_equal(fd_text_width(fd_text_ascii("山田, 太郎", out, sizeof out)),
	                 fd_text_width("山田, 太郎"));
	/* Truncated at the buffer, always terminated. */
	assert_string_equal(fd_text_ascii("Müller", out, 4), "Mul");
}

static void test_short_ids(void **state)
{
	(void)state;
	char m[160];
	snprintf(m, sizeof m, "No folio line \"%s\" (folio %s).", "0b6f3c2e-1d2a-4c1b-9e8f-123456789abc",
	         "FFFFFFFF-0000-4000-8000-000000000000");
	assert_string_equal(fd_text_short_ids(m), "No folio line \"0b6f3c2e…\" (folio FFFFFFFF…).");
	snprintf(m, sizeof m, "Booking ABC123 in room 101; 0b6f3c2e-1d2a is no id.");
	assert_string_equal(fd_text_short_ids(m), "Booking ABC123 in room 101; 0b6f3c2e-1d2a is no id.");
}

static void test_output_filter(void **state)
{
	(void)state;
	char out[256];
	int st = 0;
	const char in[] = "Nova\x1b]0;pwned\x07\x1b[2J, Ana\n";
	size_t n = cli_safe_output_filter((const unsigned char *)in, strlen(in), &st, out);
	out[n] = '\0';
	assert_string_equal(out, "Nova\\x1b]0;pwned\\x07\\x1b[2J, Ana\n");
	/* a C1 control split across two writes is still caught */
	st = 0;
	n = cli_safe_output_filter((const unsigned char *)"a\xc2", 2, &st, out);
	assert_int_equal(st, 1);
	n += cli_safe_output_filter((const unsigned char *)"\x9b"
	                                                   "b",
	                            2, &st, out + n);
	out[n] = '\0';
	assert_string_equal(out, "a\\xc2\\x9bb");
	/* while a real character that starts with 0xC2 passes whole */
	st = 0;
	n = cli_safe_output_filter((const unsigned char *)"\xc2\xa3"
	                                                  "5",
	                           3, &st, out);
	out[n] = '\0';
	assert_string_equal(out, "\xc2\xa3"
	                         "5");
}

static void test_csv_formula_cells(void **state)
{
	(void)state;
	static const struct tab_col cols[] = {{"name", TAB_TEXT}, {"amount", TAB_MONEY}};
	struct tab t;
	tab_init(&t, cols, 2, "EUR");
	const char *names[] = {"=HYPERLINK(\"http://x\")", "+1+2", "-cmd", "@SUM(A1)", "Plain, Pat", "-12.5"};
	for (int i = 0; i < 6; i++) {
		struct tab_cell *row = tab_row(&t);
		row[0].null = false;
		snprintf(row[0].t, sizeof row[0].t, "%s", names[i]);
		row[1].null = false;
		row[1].i = -2000;
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	tab_print_csv(&t, f);
	fclose(f);
	assert_non_null(strstr(buf, "\"'=HYPERLINK(\"\"http://x\"\")\","));
	assert_non_null(strstr(buf, "\"'+1+2\","));
	assert_non_null(strstr(buf, "\"'-cmd\","));
	assert_non_null(strstr(buf, "\"'@SUM(A1)\","));
	assert_non_null(strstr(buf, "\"Plain, Pat\","));
	assert_non_null(strstr(buf, "\r\n-12.5,")); /* a number stays a number */
	assert_null(strstr(buf, "\r\n="));          /* no cell starts a formula */
	free(buf);
	tab_free(&t);
}

/* Numbers for programs: '.' whatever the locale, rounded, no "-0". */
static void test_decimal(void **state)
{
	(void)state;
	char b[32];
	assert_string_equal(fd_text_decimal(1.0, 4, b, sizeof b), "1.0000");
	assert_string_equal(fd_text_decimal(0.25, 4, b, sizeof b), "0.2500");
	assert_string_equal(fd_text_decimal(2.0 / 3.0, 4, b, sizeof b), "0.6667");
	assert_string_equal(fd_text_decimal(-0.125, 2, b, sizeof b), "-0.13");
	assert_string_equal(fd_text_decimal(-0.00001, 4, b, sizeof b), "0.0000");
	assert_string_equal(fd_text_decimal(42.4, 0, b, sizeof b), "42");
	assert_true(fd_text_is_decimal("-20.00"));
	assert_true(fd_text_is_decimal("7"));
	assert_false(fd_text_is_decimal("-"));
	assert_false(fd_text_is_decimal("1,5"));
	assert_false(fd_text_is_decimal("-1+2"));
}

/* Cutting text to a column never splits a character. */
static void test_copy_cut(void **state)
{
	(void)state;
	const char s[] = "A\xc3\xbc\xe5\xb1\xb1\xf0\x9f\x98\x80"; /* A, u-umlaut, CJK, emoji */
	assert_int_equal(fd_utf8_prefix(s, 100), 10);
	assert_int_equal(fd_utf8_prefix(s, 10), 10);
	assert_int_equal(fd_utf8_prefix(s, 9), 6);
	assert_int_equal(fd_utf8_prefix(s, 7), 6);
	assert_int_equal(fd_utf8_prefix(s, 5), 3);
	assert_int_equal(fd_utf8_prefix(s, 2), 1);
	assert_int_equal(fd_utf8_prefix(s, 0), 0);
	char out[8];
	assert_false(fd_text_copy(out, sizeof out, s));
	assert_string_equal(out, "A\xc3\xbc\xe5\xb1\xb1");
	assert_true(fd_utf8_valid(out, strlen(out)));
	assert_true(fd_text_copy(out, sizeof out, "abc"));
	assert_string_equal(out, "abc");
	assert_true(fd_text_copy(out, sizeof out, NULL));
	assert_string_equal(out, "");
	assert_false(fd_text_copy(out, 2, "\xc3\xbc"));
	assert_string_equal(out, "");
	/* Malformed input (continuation bytes only) is cut where it must be. */
	assert_int_equal(fd_utf8_prefix("\x80\x80\x80\x80\x80\x80", 5), 5);
}

/* fd_text_int writes what printf's "%lld" writes, INT64_MIN included. */
static void test_int(void **state)
{
	(void)state;
	static const int64_t v[] = {0, 7, -7, 10, -10, 1234567890123, INT64_MAX, INT64_MIN, INT64_MIN + 1};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		char want[32], got[24];
		snprintf(want, sizeof want, "%lld", (long long)v[i]);
		assert_int_equal(fd_text_int(v[i], got), strlen(want));
		assert_string_equal(got, want);
	}
}

/* fd_find_name: a row found, found again through the memo, told apart
 * from a name of the same hash slot, and a name not there (never
 * remembered); rows found by many names in turn stay right. */
static void test_find_name(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		int value;
	} rows[] = {{"booking.create", 1}, {"room.set_flags", 2}, {"room.set_clean", 3}, {"guest.erase", 4}};
	int memo[FD_FIND_SLOTS] = {0};
	const size_t n = sizeof rows / sizeof *rows;
	for (int round = 0; round < 3; round++) {
		assert_int_equal(fd_find_name(rows, n, sizeof *rows, "room.set_flags", memo), 1);
		assert_int_equal(fd_find_name(rows, n, sizeof *rows, "guest.erase", memo), 3);
		assert_int_equal(fd_find_name(rows, n, sizeof *rows, "booking.create", memo), 0);
		assert_int_equal(fd_find_name(rows, n, sizeof *rows, "room.set", memo), -1);
		assert_int_equal(fd_find_name(rows, n, sizeof *rows, "", memo), -1);
	}
	/* every slot remembering another row: each name still finds its own */
	for (int i = 0; i < FD_FIND_SLOTS; i++)
		memo[i] = 3;
	for (size_t i = 0; i < n; i++)
		assert_int_equal(fd_find_name(rows, n, sizeof *rows, rows[i].name, memo), (int)i);
	for (int i = 0; i < FD_FIND_SLOTS; i++)
		memo[i] = 99; /* past the table */
	assert_int_equal(fd_find_name(rows, n, sizeof *rows, "room.set_clean", memo), 2);
	assert_int_equal(fd_find_name(rows, n, sizeof *rows, "room.set_clea", memo), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8_valid),
	    cmocka_unit_test(test_check_plain),
	    cmocka_unit_test(test_escape_controls),
	    cmocka_unit_test(test_json_parse),
	    cmocka_unit_test(test_output_filter),
	    cmocka_unit_test(test_ascii),
	    cmocka_unit_test(test_json_scan),
	    cmocka_unit_test(test_json_out),
	    cmocka_unit_test(test_json_out_object),
	    cmocka_unit_test(test_short_ids),
	    cmocka_unit_test(test_csv_formula_cells),
	    cmocka_unit_test(test_decimal),
	    cmocka_unit_test(test_int),
	    cmocka_unit_test(test_copy_cut),
	    cmocka_unit_test(test_json_each),
	    cmocka_unit_test(test_find_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
