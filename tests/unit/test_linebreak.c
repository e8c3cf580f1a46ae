/* Chinese line breaking (linebreak.h): closing punctuation never starts a
 * line, opening punctuation never ends one, a number keeps its unit, Latin
 * words are not cut, and every line fits its width. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/linebreak.h"
#include "laifang/text.h"

/* The lines of utf8 at width, joined with '|'. */
static char *lines_of(const char *utf8, int width)
{
	lf_line_span sp[256];
	size_t n = lf_linebreak_utf8(utf8, width, sp, 256);
	assert_true(n > 0 && n <= 256);
	size_t cap = strlen(utf8) + n + 1;
	char *out = calloc(cap, 1);
	assert_non_null(out);
	for (size_t i = 0; i < n; i++) {
		assert_true(sp[i].start <= sp[i].end);
		char *line = strndup(utf8 + sp[i].start, sp[i].end - sp[i].start);
		assert_non_null(line);
		/* Every line fits (a single character wider than the line aside). */
		if (lf_text_chars(line) > 1)
			assert_true(lf_text_width(line) <= width);
		if (i)
			strcat(out, "|");
		strcat(out, line);
		free(line);
	}
	return out;
}

static void expect(const char *utf8, int width, const char *want)
{
	char *got = lines_of(utf8, width);
	if (strcmp(got, want))
		fail_msg("\"%s\" at %d: got \"%s\", want \"%s\"", utf8, width, got, want);
	free(got);
}

static void test_plain_chinese_fills_lines(void **state)
{
	(void)state;
	expect("一二三四五六七八九十", 10, "一二三四五|六七八九十");
	expect("一二三四五六七八九十", 9, "一二三四|五六七八|九十");
	expect("", 10, "");
	expect("一二\n三四", 10, "一二|三四");
	expect("一二\n\n三四\n", 10, "一二||三四");
}

static void test_no_line_starts_with_closing_punctuation(void **state)
{
	(void)state;
	/* "，" would start line 2: "五" goes down with it. */
	expect("一二三四五，六七八九", 10, "一二三四|五，六七八|九");
	expect("一二三四五。", 10, "一二三四|五。");
	expect("一二三四五）六", 10, "一二三四|五）六");
	expect("一二三四五」", 10, "一二三四|五」");
	expect("一二三四五、六", 10, "一二三四|五、六");
	expect("一二三四五！？", 10, "一二三四|五！？");
	expect("一二三四五》", 10, "一二三四|五》");
	/* Two closing marks in a row go down with the character before. */
	expect("一二三四」。", 8, "一二三|四」。");
}

static void test_no_line_ends_with_opening_punctuation(void **state)
{
	(void)state;
	expect("一二三四（五六）", 10, "一二三四|（五六）");
	expect("一二三「四五」", 8, "一二三|「四五」");
	expect("一二三《四五》", 8, "一二三|《四五》");
	expect("一二【三", 6, "一二|【三");
}

static void test_number_stays_with_its_unit(void **state)
{
	(void)state;
	/* 12000元 is 7 columns: it goes down whole. */
	expect("多收费用12000元", 12, "多收费用|12000元");
	expect("已经等了3 天", 10, "已经等了|3 天");
	expect("拖欠工资共计50%", 14, "拖欠工资共计|50%");
	expect("第2024年", 6, "第|2024年");
	/* A number followed by a Latin word after a space may break there. */
	expect("in 2024 the", 8, "in 2024|the");
}

static void test_latin_words_break_at_spaces(void **state)
{
	(void)state;
	expect("Press F4 to register a visitor", 12, "Press F4 to|register a|visitor");
	/* A word longer than the line is cut where the line is full. */
	expect("abcdefghijkl", 5, "abcde|fghij|kl");
	/* Mixed: Chinese breaks anywhere, the Latin word stays whole. */
	expect("反映ABCD公司", 7, "反映|ABCD公|司");
}

static void test_forced_when_nothing_allowed(void **state)
{
	(void)state;
	/* Only closing marks: cut where full rather than never. */
	expect("。。。。。。", 4, "。。|。。|。。");
	/* A character wider than the line still takes a line. */
	expect("一二", 1, "一|二");
	/* A number with its unit wider than the line: the unit may go down,
	 * the comma still not. */
	expect("200元，已经", 4, "200|元，|已经");
}

static void test_wide_api_and_counting(void **state)
{
	(void)state;
	const wchar_t *t = L"一二三四五，六七";
	size_t n = wcslen(t);
	size_t count = lf_linebreak(t, n, 10, NULL, 0);
	assert_int_equal(count, 2);
	lf_line_span sp[2];
	lf_linebreak(t, n, 10, sp, 2);
	assert_int_equal(sp[0].start, 0);
	assert_int_equal(sp[0].end, 4);
	assert_int_equal(sp[1].start, 4);
	assert_int_equal(sp[1].end, n);
	size_t end, next;
	lf_linebreak_next(L"ab cd", 5, 0, 3, &end, &next);
	assert_int_equal(end, 2);
	assert_int_equal(next, 3);
	assert_true(lf_linebreak_is_closing(L'，'));
	assert_true(lf_linebreak_is_opening(L'（'));
	assert_false(lf_linebreak_is_closing(L'中'));
}

/* Text that is not UTF-8 never gives a span past its end. */
static void test_bad_utf8_stays_in_bounds(void **state)
{
	(void)state;
	const char *bad = "\xE4\xB8" "abc\xFF\xF0\x9F" "一二";
	lf_line_span sp[16];
	size_t n = lf_linebreak_utf8(bad, 2, sp, 16);
	assert_true(n > 0 && n <= 16);
	for (size_t i = 0; i < n; i++) {
		assert_true(sp[i].start <= sp[i].end);
		assert_true(sp[i].end <= strlen(bad));
	}
}

/* Every break of a long mixed text obeys the rules at many widths. */
static void test_rules_hold_at_every_width(void **state)
{
	(void)state;
	const wchar_t *t = L"2026年11月23日，来访人王秀兰（女，68岁）反映：“物业公司每月多收停车费200元，"
	                   L"已经持续了3 年。”要求退还共计7200元，并书面答复。见《物业管理条例》第四十条；"
	                   L"电话12345热线未果！";
	size_t n = wcslen(t);
	for (int w = 6; w <= 40; w++) {
		lf_line_span sp[200];
		size_t count = lf_linebreak(t, n, w, sp, 200);
		assert_true(count <= 200);
		for (size_t i = 0; i < count; i++) {
			if (i + 1 < count) {
				wchar_t last = sp[i].end > sp[i].start ? t[sp[i].end - 1] : 0;
				assert_false(lf_linebreak_is_opening(last));
				bool digit = last >= L'0' && last <= L'9';
				wchar_t first = t[sp[i + 1].start];
				/* Numbers with units are up to 9 columns wide here. */
				if (w >= 9 && digit && first >= 0x4E00 && first <= 0x9FFF)
					fail_msg("width %d: a number left its unit at line %zu", w, i);
			}
			if (i > 0)
				assert_false(lf_linebreak_is_closing(t[sp[i].start]));
		}
	}
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_chinese_fills_lines),
		cmocka_unit_test(test_no_line_starts_with_closing_punctuation),
		cmocka_unit_test(test_no_line_ends_with_opening_punctuation),
		cmocka_unit_test(test_number_stays_with_its_unit),
		cmocka_unit_test(test_latin_words_break_at_spaces),
		cmocka_unit_test(test_forced_when_nothing_allowed),
		cmocka_unit_test(test_wide_api_and_counting),
		cmocka_unit_test(test_rules_hold_at_every_width),
		cmocka_unit_test(test_bad_utf8_stays_in_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
