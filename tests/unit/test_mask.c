/* Masking ID and phone numbers: the regular shapes keep exactly what the
 * rule says, odd input keeps at most its outer quarters, and a short buffer
 * is never overrun nor a character split. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "laifang/mask.h"

static void id_is(const char *in, const char *want)
{
	char out[128];
	memset(out, '#', sizeof out);
	lf_mask_id_number(in, out, sizeof out);
	if (strcmp(out, want))
		fail_msg("mask id \"%s\": got \"%s\", want \"%s\"", in ? in : "(null)", out, want);
}

static void phone_is(const char *in, const char *want)
{
	char out[128];
	memset(out, '#', sizeof out);
	lf_mask_phone(in, out, sizeof out);
	if (strcmp(out, want))
		fail_msg("mask phone \"%s\": got \"%s\", want \"%s\"", in ? in : "(null)", out, want);
}

static void test_id_numbers(void **state)
{
	(void)state;
	id_is("440106199001011234", "440106********1234");
	id_is("44010619900101123X", "440106********123X");
	id_is("11010519491231002x", "110105********002x");
	id_is("  440106199001011234 ", "440106********1234");
	/* 15-digit (first-generation) card: outer quarters only (3 + 3). */
	id_is("440106900101123", "440*********123");
}

static void test_id_odd(void **state)
{
	(void)state;
	id_is(NULL, "");
	id_is("", "");
	id_is("7", "*");
	id_is("12", "**");
	id_is("123", "***");
	id_is("1234", "1**4");
	id_is("abcdefgh", "ab****gh");
	/* 18 characters but a letter inside: not an ID shape. */
	id_is("44010619900101A234", "4401**********A234");
	/* Characters, not bytes, are counted and never split. */
	id_is("张三李四", "张**四");
	id_is("护照E12345678", "护照*******78");
}

static void test_mobile(void **state)
{
	(void)state;
	phone_is("13812345678", "138****5678");
	phone_is("19900001111", "199****1111");
	phone_is(" 13812345678 ", "138****5678");
}

static void test_landline(void **state)
{
	(void)state;
	phone_is("020-83186312", "020-****6312");
	phone_is("0755-1234567", "0755-***4567");
	phone_is("010-12345678", "010-****5678");
	/* The extension is dropped. */
	phone_is("020-83186312-123", "020-****6312");
	phone_is("0755-12345678-8", "0755-****5678");
	/* A short local number keeps at most half. */
	phone_is("020-1234", "020-**34");
}

static void test_phone_odd(void **state)
{
	(void)state;
	phone_is(NULL, "");
	phone_is("", "");
	phone_is("12", "**");
	/* Not in a normalised shape: extension words cut, outer quarters kept. */
	phone_is("010 12345678 转 123", "010******678");
	phone_is("02083186312ext55", "02*******12");
	phone_is("+85291234567", "+85******567");
	/* A dash but no area code: not a landline. */
	phone_is("138-1234-5678", "138*******678");
}

static void test_short_buffer(void **state)
{
	(void)state;
	char out[8];
	memset(out, '#', sizeof out);
	lf_mask_id_number("440106199001011234", out, 5);
	assert_int_equal(out[5], '#'); /* nothing written past len */
	assert_true(strlen(out) <= 4);
	/* Whatever is shown is a prefix of the masked form, never more digits. */
	assert_memory_equal(out, "440106********1234", strlen(out));

	memset(out, '#', sizeof out);
	lf_mask_id_number("张三李四", out, 5); /* "张" is 3 bytes; "张*" 4 */
	assert_string_equal(out, "张*");

	memset(out, '#', sizeof out);
	lf_mask_phone("13812345678", out, 1);
	assert_string_equal(out, "");
	assert_int_equal(out[1], '#');

	lf_mask_phone("13812345678", NULL, 10); /* no crash */
	lf_mask_id_number("1", out, 0);
	assert_int_equal(out[1], '#');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_numbers), cmocka_unit_test(test_id_odd),
		cmocka_unit_test(test_mobile),     cmocka_unit_test(test_landline),
		cmocka_unit_test(test_phone_odd),  cmocka_unit_test(test_short_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
