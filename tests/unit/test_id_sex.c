/* 性别 filled from the ID number (lf_sex_fill): the number's 17th digit
 * decides while the field is empty or holds the number's earlier fill; the
 * clerk's own choice is never overwritten. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/validate.h"

static lf_date today;

/* A valid 18-digit number born 1949-12-31 with the given sex digit. */
static void id_with(char sex_digit, char out[19])
{
	snprintf(out, 19, "1101051949123100%c", sex_digit);
	out[17] = lf_id_check_digit(out);
	out[18] = '\0';
}

static void test_empty_field_is_filled(void **state)
{
	(void)state;
	char man[19], woman[19];
	id_with('1', man);
	id_with('2', woman);
	assert_string_equal(lf_sex_fill(man, today, "", NULL), "男");
	assert_string_equal(lf_sex_fill(woman, today, NULL, NULL), "女");
	/* Spaces in the number: still a good number. */
	char spaced[32];
	snprintf(spaced, sizeof spaced, "110105 19491231 00%c%c", '2', woman[17]);
	assert_string_equal(lf_sex_fill(spaced, today, "", NULL), "女");
}

static void test_earlier_fill_follows_the_number(void **state)
{
	(void)state;
	char man[19], woman[19];
	id_with('3', man);
	id_with('4', woman);
	/* Filled 男 from the first number; the number is corrected: 女. */
	assert_string_equal(lf_sex_fill(woman, today, "男", "男"), "女");
	/* The same number again: nothing to change. */
	assert_null(lf_sex_fill(man, today, "男", "男"));
	/* The number emptied or made invalid: the fill is taken back. */
	assert_string_equal(lf_sex_fill("", today, "男", "男"), "");
	assert_string_equal(lf_sex_fill("110105194912310031", today, "男", "男"), ""); /* wrong check digit */
}

static void test_the_clerks_choice_stays(void **state)
{
	(void)state;
	char man[19];
	id_with('5', man);
	/* Typed by the clerk (nothing filled before): never overwritten. */
	assert_null(lf_sex_fill(man, today, "女", NULL));
	/* Filled 男, then changed by the clerk to 女: stays 女. */
	assert_null(lf_sex_fill(man, today, "女", "男"));
	/* A bad number leaves an empty field empty. */
	assert_null(lf_sex_fill("12345", today, "", NULL));
	assert_null(lf_sex_fill("", today, "", NULL));
}

static void test_fifteen_digit_number(void **state)
{
	(void)state;
	/* A legacy 15-digit number: the last digit is the sex digit. */
	assert_string_equal(lf_sex_fill("110105491231002", today, "", NULL), "女");
	assert_string_equal(lf_sex_fill("110105491231003", today, "", NULL), "男");
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	if (!lf_date_parse("2026-11-23", &today))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_field_is_filled),
		cmocka_unit_test(test_earlier_fill_follows_the_number),
		cmocka_unit_test(test_the_clerks_choice_stays),
		cmocka_unit_test(test_fifteen_digit_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
