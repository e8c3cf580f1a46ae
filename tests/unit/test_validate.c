/* The registration sheet's field rules: ID numbers, phones, dates, sex.
 * Valid ID numbers below had their check digits worked out separately
 * (ISO 7064 MOD 11-2 in Python) and are hard-coded; others are built here. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/validate.h"
#include "test_clock.h"

static const lf_date today = {2026, 11, 23};

static lf_check check_id(const char *in, lf_verdict want)
{
	lf_check c;
	lf_verdict v = lf_check_id_number(in, today, &c);
	if (v != want)
		fail_msg("\"%s\": verdict %d, want %d (%s)", in, v, want, c.message);
	assert_int_equal(c.verdict, v);
	return c;
}

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fail_msg("\"%s\" does not contain \"%s\"", haystack, needle);
}

/* 17 digits and their computed check digit. */
static void make_id(const char *first17, char out[19])
{
	snprintf(out, 19, "%s", first17);
	out[17] = lf_id_check_digit(first17);
	out[18] = '\0';
	assert_true(out[17] != 0);
}

static void test_id_known_valid(void **state)
{
	(void)state;
	const char *ok[] = {
		"11010519491231002X", /* the well-known sample, check digit X */
		"440106199001011235", "440106199001011243", "310115198506153020",
		"650102200002294512", /* born 2000-02-29 */
		"510107190001010017", /* born 1900-01-01 */
		"350203201508301236", "110102199003070018", "440301200611095127",
		"110105202611230015", /* born today */
		"810000198001010014", /* Hong Kong */
		"44010619880808107X",
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		lf_check c = check_id(ok[i], LF_VALID);
		assert_string_equal(c.normalized, ok[i]);
		assert_string_equal(c.message, "");
	}
	assert_int_equal(lf_id_check_digit("11010519491231002"), 'X');
	assert_int_equal(lf_id_check_digit("44010619900101123"), '5');
	assert_int_equal(lf_id_check_digit("31011519850615302"), '0');
	assert_int_equal(lf_id_check_digit("44030120061109512"), '7');
}

static void test_id_normalised(void **state)
{
	(void)state;
	lf_check c = check_id("11010519491231002x", LF_VALID);
	assert_string_equal(c.normalized, "11010519491231002X");
	c = check_id("110105 19491231 002X", LF_VALID);
	assert_string_equal(c.normalized, "11010519491231002X");
	c = check_id(" 4401 0619 9001 0112 35 ", LF_VALID);
	assert_string_equal(c.normalized, "440106199001011235");
	/* Full-width digits and Ｘ from a Chinese input method. */
	c = check_id("１１０１０５１９４９１２３１００２Ｘ", LF_VALID);
	assert_string_equal(c.normalized, "11010519491231002X");
}

static void test_id_check_digit(void **state)
{
	(void)state;
	lf_check c = check_id("440106199001011234", LF_INVALID);
	assert_string_equal(c.message, "the check digit should be 5, not 4");
	assert_string_equal(c.normalized, "");
	c = check_id("110105194912310021", LF_INVALID);
	assert_string_equal(c.message, "the check digit should be X, not 1");
	c = check_id("440106199001011230", LF_INVALID);
	assert_contains(c.message, "should be 5");

	/* Every wrong last character of built numbers is refused and names the right one. */
	const char *prefixes[] = {"44010619900101123", "11010219900307001", "53010219770412345",
	                          "62010219661231999", "71000019550505000"};
	const char *lasts = "0123456789X";
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		char id[19], want[64];
		make_id(prefixes[i], id);
		check_id(id, LF_VALID);
		char right = id[17];
		for (const char *l = lasts; *l; l++) {
			if (*l == right)
				continue;
			id[17] = *l;
			c = check_id(id, LF_INVALID);
			snprintf(want, sizeof want, "the check digit should be %c, not %c", right, *l);
			assert_string_equal(c.message, want);
		}
	}
	/* A swapped pair of digits is caught. */
	check_id("440106199001011325", LF_INVALID);

	assert_int_equal(lf_id_check_digit("1234"), 0);
	assert_int_equal(lf_id_check_digit("1101051949123100A"), 0);
	assert_int_equal(lf_id_check_digit(NULL), 0);
	/* The first 17 of a full number will do. */
	assert_int_equal(lf_id_check_digit("440106199001011235"), '5');
}

static void test_id_birth_dates(void **state)
{
	(void)state;
	char id[19];
	lf_check c;

	make_id("51010719000229001", id); /* 1900 is not a leap year */
	c = check_id(id, LF_INVALID);
	assert_string_equal(c.message, "the birth date 1900-02-29 in it is not a real date");
	make_id("65010220000229451", id); /* 2000 is */
	check_id(id, LF_VALID);
	make_id("44010619900231123", id);
	c = check_id(id, LF_INVALID);
	assert_contains(c.message, "1990-02-31");
	make_id("44010619901301123", id);
	c = check_id(id, LF_INVALID);
	assert_contains(c.message, "not a real date");
	make_id("44010618991231123", id);
	c = check_id(id, LF_INVALID);
	assert_contains(c.message, "before 1900");
	make_id("11010520261124001", id); /* tomorrow */
	c = check_id(id, LF_INVALID);
	assert_string_equal(c.message, "the birth date 2026-11-24 is in the future");
	make_id("11010530000101001", id);
	c = check_id(id, LF_INVALID);
	assert_contains(c.message, "in the future");
}

static void test_id_regions(void **state)
{
	(void)state;
	const char *good[] = {"11", "15", "21", "23", "31", "37", "41", "46", "50", "54",
	                      "61", "65", "71", "81", "82", "83"};
	const char *bad[] = {"00", "10", "16", "20", "24", "30", "38", "40", "47", "49",
	                     "55", "60", "66", "70", "72", "80", "84", "90", "91", "99"};
	char first17[18], id[19];
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		snprintf(first17, sizeof first17, "%s010219850615301", good[i]);
		make_id(first17, id);
		check_id(id, LF_VALID);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(first17, sizeof first17, "%s010219850615301", bad[i]);
		make_id(first17, id);
		lf_check c = check_id(id, LF_INVALID);
		assert_contains(c.message, bad[i]);
		assert_contains(c.message, "province");
	}
}

static void test_id_shape(void **state)
{
	(void)state;
	const char *bad[] = {
		"", "11010519491231002", "11010519491231002X1", "1101051949123100AX",
		"11010X19491231002X", "X1010519491231002X", "11010519491231002Y",
		"1101051949123100２Ｙ", "张三", "110105-19491231-002X", "0000000000000000000000000000000000000000000000",
		"1234567890123456", /* 16 digits */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		lf_check c = check_id(bad[i], LF_INVALID);
		assert_string_equal(c.message,
		                    "must be 18 characters: 17 digits and a check digit (0-9 or X)");
	}
	lf_check c;
	assert_int_equal(lf_check_id_number(NULL, today, &c), LF_INVALID);
}

static void test_id_legacy_15(void **state)
{
	(void)state;
	/* 440106 880808 123: its 18-digit form 44010619880808123X (computed separately). */
	lf_check c = check_id("440106880808123", LF_WARNING);
	assert_string_equal(c.normalized, "440106880808123");
	assert_contains(c.message, "15-digit");
	assert_contains(c.message, "44010619880808123X");
	c = check_id("440106 880808 123", LF_WARNING);
	assert_string_equal(c.normalized, "440106880808123");
	c = check_id("440106880230123", LF_INVALID); /* 1988-02-30 */
	assert_contains(c.message, "1988-02-30");
	c = check_id("910106880808123", LF_INVALID);
	assert_contains(c.message, "province");
}

static void test_id_birth_and_sex(void **state)
{
	(void)state;
	lf_date d;
	assert_true(lf_id_birth_date("11010519491231002X", &d));
	assert_int_equal(d.y, 1949);
	assert_int_equal(d.m, 12);
	assert_int_equal(d.d, 31);
	assert_true(lf_id_birth_date("440106880808123", &d));
	assert_int_equal(d.y, 1988);
	assert_int_equal(d.m, 8);
	assert_int_equal(d.d, 8);
	assert_false(lf_id_birth_date("440106199002301235", &d));
	assert_false(lf_id_birth_date("4401061990", &d));
	assert_false(lf_id_birth_date(NULL, &d));

	assert_int_equal(lf_id_sex("11010519491231002X"), 'F'); /* sequence 002 */
	assert_int_equal(lf_id_sex("440106199001011235"), 'M'); /* 123 */
	assert_int_equal(lf_id_sex("440106199001011243"), 'F'); /* 124 */
	assert_int_equal(lf_id_sex("440106880808123"), 'M');
	assert_int_equal(lf_id_sex("440106880808124"), 'F');
	assert_int_equal(lf_id_sex("abc"), 0);
}

static lf_check check_phone(const char *in, lf_verdict want, const char *normalized)
{
	lf_check c;
	lf_verdict v = lf_check_phone(in, &c);
	if (v != want)
		fail_msg("\"%s\": verdict %d, want %d (%s)", in, v, want, c.message);
	if (normalized && strcmp(c.normalized, normalized))
		fail_msg("\"%s\" normalised to \"%s\", want \"%s\"", in, c.normalized, normalized);
	if (want == LF_INVALID && !c.message[0])
		fail_msg("\"%s\" refused without a message", in);
	return c;
}

static void test_phone_mobile(void **state)
{
	(void)state;
	const char *ok[] = {
		"13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678",
		"+8613812345678", "8613812345678", "0086 138-1234-5678", "(+86)13812345678",
		"１３８１２３４５６７８", " 138 1234 5678 ",
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		check_phone(ok[i], LF_VALID, "13812345678");
	check_phone("19912345678", LF_VALID, "19912345678");
	check_phone("15000000000", LF_VALID, "15000000000");
}

static void test_phone_landline(void **state)
{
	(void)state;
	check_phone("020-83186312", LF_VALID, "020-83186312");
	check_phone("020 83186312", LF_VALID, "020-83186312");
	check_phone("(020)83186312", LF_VALID, "020-83186312");
	check_phone("（020）83186312", LF_VALID, "020-83186312");
	check_phone("(020) 8318-6312", LF_VALID, "020-83186312");
	check_phone("02083186312", LF_VALID, "020-83186312");
	check_phone("020-8318-6312", LF_VALID, "020-83186312");
	check_phone("+86 20 8318 6312", LF_VALID, "020-83186312");
	check_phone("0990-6245539", LF_VALID, "0990-6245539");
	check_phone("0990 624 5539", LF_VALID, "0990-6245539");
	check_phone("0755-23456789", LF_VALID, "0755-23456789");
	check_phone("010-12345678", LF_VALID, "010-12345678");
}

static void test_phone_extension(void **state)
{
	(void)state;
	check_phone("010-12345678转123", LF_VALID, "010-12345678-123");
	check_phone("010-12345678 转 123", LF_VALID, "010-12345678-123");
	check_phone("010-12345678分机8001", LF_VALID, "010-12345678-8001");
	check_phone("010-12345678 ext 123", LF_VALID, "010-12345678-123");
	check_phone("010-12345678 EXT. 123", LF_VALID, "010-12345678-123");
	check_phone("010-12345678x8001", LF_VALID, "010-12345678-8001");
	check_phone("010-12345678-123", LF_VALID, "010-12345678-123");
	check_phone("0990-6245539-1", LF_VALID, "0990-6245539-1");
	check_phone("020-83186312-123456", LF_VALID, "020-83186312-123456");

	lf_check c = check_phone("010-12345678转", LF_INVALID, "");
	assert_contains(c.message, "extension");
	c = check_phone("010-12345678转1234567", LF_INVALID, "");
	assert_contains(c.message, "extension");
	c = check_phone("010-12345678转12a", LF_INVALID, "");
	assert_contains(c.message, "extension");
	/* Seven digits after the dash are too many for an extension. */
	c = check_phone("020-83186312-1234567", LF_INVALID, "");
	assert_contains(c.message, "7 or 8 digits, not 15");
	c = check_phone("13812345678转1", LF_INVALID, "");
	assert_contains(c.message, "mobile");
}

static void test_phone_refused(void **state)
{
	(void)state;
	lf_check c = check_phone("12345678901", LF_INVALID, "");
	assert_string_equal(c.message, "a mobile number starts with 13 to 19");
	c = check_phone("1381234567", LF_INVALID, "");
	assert_string_equal(c.message, "a mobile number has 11 digits, not 10");
	c = check_phone("138123456789", LF_INVALID, "");
	assert_string_equal(c.message, "a mobile number has 11 digits, not 12");
	c = check_phone("020-123", LF_INVALID, "");
	assert_string_equal(c.message,
	                    "the local number after the area code 020 must have 7 or 8 digits, not 3");
	c = check_phone("0990-624553", LF_INVALID, "");
	assert_string_equal(c.message,
	                    "the local number after the area code 0990 must have 7 or 8 digits, not 6");
	c = check_phone("020-831863121", LF_INVALID, "");
	assert_contains(c.message, "not 9");
	c = check_phone("0990-62455391234", LF_INVALID, "");
	assert_string_equal(c.message,
	                    "the local number after the area code 0990 must have 7 or 8 digits, not 11");
	c = check_phone("abc", LF_INVALID, "");
	assert_contains(c.message, "not a phone number");
	c = check_phone("138一二三四5678", LF_INVALID, "");
	assert_contains(c.message, "not a phone number");
	c = check_phone("83186312", LF_INVALID, "");
	assert_contains(c.message, "area code");
	c = check_phone("016-12345678", LF_INVALID, "");
	assert_contains(c.message, "area code");
	c = check_phone("0-83186312", LF_INVALID, "");
	assert_string_equal(c.message, "the area code 0 is cut short: it must be 4 digits");
	c = check_phone("02-083186312", LF_INVALID, "");
	assert_string_equal(c.message, "the area code 02 is cut short: it must be 3 digits");
	c = check_phone("020", LF_INVALID, "");
	assert_contains(c.message, "local number");
	c = check_phone("+1 202 555 0100", LF_INVALID, "");
	assert_contains(c.message, "+86");
	c = check_phone("138+12345678", LF_INVALID, "");
	check_phone("", LF_INVALID, "");
	check_phone("   ", LF_INVALID, "");
	check_phone("12345", LF_INVALID, "");
	check_phone("000000000000000000000000000000000000", LF_INVALID, "");
	assert_int_equal(lf_check_phone(NULL, &c), LF_INVALID);
}

static lf_check check_date(const char *in, lf_verdict want, const char *normalized)
{
	lf_check c;
	lf_verdict v = lf_check_date(in, today, &c);
	if (v != want)
		fail_msg("\"%s\": verdict %d, want %d (%s)", in, v, want, c.message);
	assert_string_equal(c.normalized, normalized);
	return c;
}

static void test_dates(void **state)
{
	(void)state;
	check_date("2024-02-29", LF_VALID, "2024-02-29");
	check_date("2024/2/9", LF_VALID, "2024-02-09");
	check_date("2024年2月9日", LF_VALID, "2024-02-09");
	check_date("20260101", LF_VALID, "2026-01-01");
	check_date("2026-11-23", LF_VALID, "2026-11-23"); /* today */
	check_date("1900-01-01", LF_VALID, "1900-01-01");

	lf_check c = check_date("2023-02-29", LF_INVALID, "");
	assert_string_equal(c.message, "2023-02-29 is not a real date");
	c = check_date("2024年4月31日", LF_INVALID, "");
	assert_string_equal(c.message, "2024年4月31日 is not a real date");
	c = check_date("2026-11-24", LF_INVALID, "");
	assert_string_equal(c.message, "2026-11-24 is in the future");
	c = check_date("2099.1.1", LF_INVALID, "");
	assert_contains(c.message, "in the future");
	c = check_date("1899-12-31", LF_INVALID, "");
	assert_contains(c.message, "before 1900");
	c = check_date("昨天", LF_INVALID, "");
	assert_contains(c.message, "YYYY-MM-DD");
	c = check_date("", LF_INVALID, "");
	assert_contains(c.message, "YYYY-MM-DD");
}

static lf_check check_sex(const char *in, const char *id, lf_verdict want, const char *normalized)
{
	lf_check c;
	lf_verdict v = lf_check_sex(in, id, &c);
	if (v != want)
		fail_msg("\"%s\" with %s: verdict %d, want %d (%s)", in, id ? id : "no ID", v, want,
		         c.message);
	assert_string_equal(c.normalized, normalized);
	return c;
}

static void test_sex(void **state)
{
	(void)state;
	check_sex("男", NULL, LF_VALID, "男");
	check_sex("女", NULL, LF_VALID, "女");
	check_sex("M", NULL, LF_VALID, "男");
	check_sex("m", "", LF_VALID, "男");
	check_sex("F", NULL, LF_VALID, "女");
	check_sex("f", NULL, LF_VALID, "女");
	lf_check c = check_sex("X", NULL, LF_INVALID, "");
	assert_string_equal(c.message, "must be 男 or 女");
	check_sex("", NULL, LF_INVALID, "");
	check_sex("男女", NULL, LF_INVALID, "");
	check_sex("未知", NULL, LF_INVALID, "");

	/* 11010519491231002X is a woman's number (002 is even). */
	check_sex("女", "11010519491231002X", LF_VALID, "女");
	c = check_sex("男", "11010519491231002X", LF_WARNING, "男");
	assert_string_equal(c.message, "the ID number says 女");
	c = check_sex("f", "440106199001011235", LF_WARNING, "女");
	assert_string_equal(c.message, "the ID number says 男");
	check_sex("M", "440106199001011235", LF_VALID, "男");
	/* A legacy number counts too. */
	c = check_sex("女", "440106880808123", LF_WARNING, "女");
	assert_string_equal(c.message, "the ID number says 男");
	/* A wrong ID number says nothing about sex. */
	check_sex("男", "440106199001011234", LF_VALID, "男");
	check_sex("男", "garbage", LF_VALID, "男");
}

/* Issue 12: 其他电话, several numbers each checked and tidied as 联系电话. */
static void test_phones(void **state)
{
	(void)state;
	lf_check c;
	assert_int_equal(lf_check_phones("", &c), LF_VALID);
	assert_string_equal(c.normalized, "");
	assert_int_equal(lf_check_phones("139 0000 1111", &c), LF_INVALID); /* spaces separate numbers */
	assert_int_equal(lf_check_phones("13900001111，020 - 83186312", &c), LF_INVALID);
	assert_int_equal(lf_check_phones("13900001111、020-83186312转123; 13800138000", &c), LF_VALID);
	assert_string_equal(c.normalized, "13900001111、020-83186312-123、13800138000");
	assert_int_equal(lf_check_phones("13900001111 12345", &c), LF_INVALID);
	assert_non_null(strstr(c.message, "12345"));
	assert_int_equal(lf_check_phones("13900001111 13900001112 13900001113 13900001114 13900001115", &c), LF_INVALID);
	char nums[4][LF_PHONE_MAX];
	assert_int_equal(lf_phones_split(" a、b ,c;d/e", nums, 4), 5);
	assert_string_equal(nums[0], "a");
	assert_string_equal(nums[3], "d");
}

int main(void)
{
	/* lf_check_sex reads today's date for the ID number. */
	test_clock_day("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_known_valid),
		cmocka_unit_test(test_id_normalised),
		cmocka_unit_test(test_id_check_digit),
		cmocka_unit_test(test_id_birth_dates),
		cmocka_unit_test(test_id_regions),
		cmocka_unit_test(test_id_shape),
		cmocka_unit_test(test_id_legacy_15),
		cmocka_unit_test(test_id_birth_and_sex),
		cmocka_unit_test(test_phone_mobile),
		cmocka_unit_test(test_phone_landline),
		cmocka_unit_test(test_phone_extension),
		cmocka_unit_test(test_phone_refused),
		cmocka_unit_test(test_phones),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_sex),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
