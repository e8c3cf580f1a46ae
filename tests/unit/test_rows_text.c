/* An audit entry's rows made back into their JSON text without parsing
 * (seal_pack.c, for laifang check, which reads every entry): the text must
 * be the very bytes jansson's json_dumps gives, since the entry's keyed
 * hash is over them, and where it cannot be (a text jansson escapes, bytes
 * that are not UTF-8) the fast path must step aside for the parsing one.
 * Rows are made at random (a fixed seed) from tables, keys and names of
 * every kind laifang writes and some it does not. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../../src/store/seal_internal.h"

/* Names as people and laifang give them; the ones after PLAIN_NAMES are
 * escaped by jansson. */
static const char *const names[] = {
	"2026-000001", "wangfang", "王芳", "张三（副主任）", "", "a/b", "𠮷野家", "DEL\x7f",
	"line\xe2\x80\xa8sep",
	"say \"hi\"", "back\\slash", "tab\there", "new\nline", "\x01", "bell\x07",
};
#define PLAIN_NAMES 9

static const char *const tables[] = {"case_file", "case_visitor", "visitor", "setting", "no_such_table", "表"};

static int pick(int n)
{
	return rand() % n;
}

/* A row as laifang writes one; *plain cleared when a text in it would be
 * escaped. */
static json_t *random_row(bool *plain)
{
	char key[128], digest[65];
	switch (pick(4)) {
	case 0:
		snprintf(key, sizeof key, "%d", 1 + pick(1000000));
		break;
	case 1:
	case 2: {
		unsigned char u[16];
		for (int i = 0; i < 16; i++)
			u[i] = (unsigned char)pick(256);
		int k = snprintf(key, sizeof key, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		                 u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13],
		                 u[14], u[15]);
		if (pick(2))
			snprintf(key + k, sizeof key - (size_t)k, "/%d", pick(5));
		break;
	}
	default: {
		int n = pick((int)(sizeof names / sizeof names[0]));
		if (n >= PLAIN_NAMES)
			*plain = false;
		snprintf(key, sizeof key, "k%s", names[n]);
	}
	}
	for (int i = 0; i < 64; i++)
		digest[i] = "0123456789abcdef"[pick(16)];
	digest[64] = '\0';
	json_t *row = json_array();
	json_array_append_new(row, json_string(tables[pick((int)(sizeof tables / sizeof tables[0]))]));
	json_array_append_new(row, json_string(key));
	json_array_append_new(row, pick(5) ? json_string(digest) : json_null());
	if (pick(3)) {
		int n = pick((int)(sizeof names / sizeof names[0]));
		if (n >= PLAIN_NAMES)
			*plain = false;
		json_array_append_new(row, json_string(names[n]));
	}
	return row;
}

/* What seal_rows_packed_each gives, as a JSON tree to compare. */
static bool collect(const char *table, const char *key, const char *digest, const char *name, void *ud)
{
	json_t *row = json_pack("[ss]", table, key);
	json_array_append_new(row, digest ? json_string(digest) : json_null());
	if (name)
		json_array_append_new(row, json_string(name));
	json_array_append_new(ud, row);
	return true;
}

static void test_text_as_jansson_writes_it(void **state)
{
	(void)state;
	srand(16);
	int fast = 0, slow = 0;
	for (int round = 0; round < 2000; round++) {
		bool plain = true;
		json_t *rows = json_array();
		int n = pick(8);
		for (int i = 0; i < n; i++)
			json_array_append_new(rows, random_row(&plain));
		char *text = json_dumps(rows, JSON_COMPACT);
		unsigned char *p = NULL;
		size_t len = 0;
		assert_true(seal_rows_pack(text, &p, &len));
		/* Back as it was, whichever path made it. */
		char *back = seal_rows_unpack(p, len);
		assert_string_equal(back, text);
		char *direct = seal_rows_packed_text(p, len);
		json_t *seen = json_array();
		if (plain) {
			fast++;
			assert_non_null(direct);
			assert_string_equal(direct, text);
			assert_true(seal_rows_packed_each(p, len, collect, seen));
			assert_true(json_equal(seen, rows));
		} else {
			slow++;
			assert_null(direct);
			assert_false(seal_rows_packed_each(p, len, collect, seen));
		}
		json_decref(seen);
		free(direct);
		free(back);
		free(p);
		free(text);
		json_decref(rows);
	}
	/* Both paths were taken often. */
	assert_true(fast > 300);
	assert_true(slow > 300);
}

/* A packed name whose bytes are not UTF-8 (written behind laifang's back):
 * no fast text; the blob is then read as the parsing path reads it. */
static void test_not_utf8_steps_aside(void **state)
{
	(void)state;
	unsigned char *p = NULL;
	size_t len = 0;
	assert_true(seal_rows_pack("[[\"setting\",\"a\",null,\"abcd\"]]", &p, &len));
	unsigned char *name = NULL; /* the name's bytes: the last four */
	assert_true(len > 4 && !memcmp(p + len - 4, "abcd", 4));
	name = p + len - 4;
	static const unsigned char bad[][4] = {
		{0xc0, 0xaf, 'c', 'd'},       /* "/" in two bytes */
		{0xe0, 0x80, 0xaf, 'd'},      /* and in three */
		{0xf0, 0x80, 0x80, 0xaf},     /* and in four */
		{0xed, 0xa0, 0x80, 'd'},      /* a surrogate */
		{0xf4, 0x90, 0x80, 0x80},     /* past U+10FFFF */
		{0x80, 'b', 'c', 'd'},        /* a byte that only continues */
		{0xff, 'b', 'c', 'd'},        /* never in UTF-8 */
		{'a', 'b', 'c', 0xe4},        /* cut short */
		{0xe4, 'b', 'c', 'd'},        /* not continued */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memcpy(name, bad[i], 4);
		assert_null(seal_rows_packed_text(p, len));
		char *back = seal_rows_unpack(p, len);
		assert_non_null(back);
		assert_null(strstr(back, "[[\"setting\""));
		free(back);
	}
	/* The same bytes made right: plain, and written as they are. */
	static const unsigned char good[][4] = {{0xf0, 0x9f, 0x98, 0x80}, {0xe4, 0xb8, 0xad, 'd'}, {0xc2, 0xa0, 'c', 0x7f}};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		memcpy(name, good[i], 4);
		char *direct = seal_rows_packed_text(p, len);
		assert_non_null(direct);
		assert_memory_equal(direct + strlen(direct) - 7, good[i], 4);
		free(direct);
	}
	/* Three bytes of 中 in its place: plain again. */
	free(p);
	assert_true(seal_rows_pack("[[\"setting\",\"a\",null,\"中\"]]", &p, &len));
	char *direct = seal_rows_packed_text(p, len);
	assert_string_equal(direct, "[[\"setting\",\"a\",null,\"中\"]]");
	free(direct);
	/* Cut short, or a byte too many: nothing. */
	assert_null(seal_rows_packed_text(p, len - 1));
	unsigned char *more = malloc(len + 1);
	memcpy(more, p, len);
	more[len] = 0x40;
	assert_null(seal_rows_packed_text(more, len + 1));
	free(more);
	free(p);
	/* Not packed at all: the text itself, not this path. */
	assert_null(seal_rows_packed_text("[]", 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_as_jansson_writes_it),
		cmocka_unit_test(test_not_utf8_steps_aside),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
