/* Text cleaning, trimming, widths and UTF-8 conversion, with Chinese text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/text.h"

#define FFFD "\xEF\xBF\xBD"

/* Clean len bytes of in and compare with want, and the changed flag. */
static void expect_clean_n(const char *in, size_t len, bool multiline, const char *want,
                           bool want_changed)
{
	bool changed = !want_changed;
	char *out = lf_text_clean(in, len, multiline, &changed);
	assert_non_null(out);
	assert_string_equal(out, want);
	if (changed != want_changed)
		fail_msg("changed is %d for \"%s\"", changed, want);
	free(out);
}

static void expect_clean(const char *in, bool multiline, const char *want, bool want_changed)
{
	expect_clean_n(in, strlen(in), multiline, want, want_changed);
}

static void test_clean_keeps_chinese(void **state)
{
	(void)state;
	const char *s = "广州市越秀区府前路1号，拆迁补偿未到位。“张三”说：还要等！";
	expect_clean(s, false, s, false);
	expect_clean(s, true, s, false);
	expect_clean("", false, "", false);
	/* Emoji (4 bytes), a skin tone modifier, the RTL mark U+200F, U+FFFD typed as such. */
	expect_clean("好😀👍🏽", false, "好😀👍🏽", false);
	expect_clean("\xE2\x80\x8F" "مرحبا 你好", false, "\xE2\x80\x8F" "مرحبا 你好", false);
	expect_clean("已有" FFFD, false, "已有" FFFD, false);
	/* NULL changed pointer is allowed. */
	char *out = lf_text_clean("王五", strlen("王五"), false, NULL);
	assert_string_equal(out, "王五");
	free(out);
}

static void test_clean_csi(void **state)
{
	(void)state;
	expect_clean("\x1b[31m红色\x1b[0m", false, "红色", true);
	expect_clean("\x1b[1;31;48;5;200m警告\x1b[m", false, "警告", true);
	expect_clean("\x1b[?25l隐藏光标\x1b[?25h", false, "隐藏光标", true);
	expect_clean("清屏\x1b[2J\x1b[H完", false, "清屏完", true);
	/* Final bytes at both ends of 0x40..0x7E: ICH "@" and "~" (function keys). */
	expect_clean("插\x1b[4@入\x1b[15~", false, "插入", true);
	/* An intermediate byte before the final: DECSCUSR "ESC [ 2 SP q". */
	expect_clean("光标\x1b[2 q", false, "光标", true);
	/* A CSI broken off by a non-final byte ends there; the rest is text. */
	expect_clean("\x1b[12李四", false, "李四", true);
	/* Truncated at the end: removed. */
	expect_clean("赵六\x1b[3", false, "赵六", true);
}

static void test_clean_osc_and_others(void **state)
{
	(void)state;
	expect_clean("\x1b]0;恶意标题\x07张三", false, "张三", true);
	expect_clean("\x1b]2;title\x1b\\李四", false, "李四", true);
	expect_clean("\x1b]8;;http://example.com/\x1b\\链接\x1b]8;;\x1b\\", false, "链接", true);
	/* ST as the C1 code point U+009C. */
	expect_clean("\x1b]0;t\xc2\x9c王五", false, "王五", true);
	/* DCS string. */
	expect_clean("\x1bP1$r0m\x1b\\甲", false, "甲", true);
	/* An unterminated title stops at the line break, so later lines survive. */
	expect_clean("\x1b]0;abc\n第二行", true, "\n第二行", true);
	/* Charset designation ESC ( B, reset ESC c, keypad ESC =. */
	expect_clean("\x1b(B王五\x1b" "c\x1b=", false, "王五", true);
	expect_clean("赵六\x1b", false, "赵六", true);
	/* ESC before non-ASCII: only the ESC goes. */
	expect_clean("\x1b中", false, "中", true);
}

static void test_clean_controls(void **state)
{
	(void)state;
	/* C1 as code points: U+009B (CSI), U+0085 (NEL), U+009F. */
	expect_clean("甲\xc2\x9b" "31m乙", false, "甲31m乙", true);
	expect_clean("\xc2\x85丙\xc2\x9f", false, "丙", true);
	/* U+00A0 is not a control and stays. */
	expect_clean("丁\xc2\xa0戊", false, "丁\xc2\xa0戊", false);
	/* DEL, BEL, backspace, NUL in the middle. */
	expect_clean("张\x7f三\x07\x08", false, "张三", true);
	expect_clean_n("a\0b", 3, false, "ab", true);
	/* A tab becomes one space. */
	expect_clean("姓名\t张三", false, "姓名 张三", true);
	expect_clean("姓名\t张三", true, "姓名 张三", true);
}

static void test_clean_line_ends(void **state)
{
	(void)state;
	expect_clean("第一行\r\n第二行\r第三行\n", true, "第一行\n第二行\n第三行\n", true);
	expect_clean("第一行\n第二行", true, "第一行\n第二行", false);
	expect_clean("第一行\r\n第二行", false, "第一行 第二行", true);
	expect_clean("第一行\n第二行\r第三行", false, "第一行 第二行 第三行", true);
	expect_clean("\r\n\r\n", true, "\n\n", true);
	expect_clean("\n\r", true, "\n\n", true);
}

static void test_clean_invalid_utf8(void **state)
{
	(void)state;
	expect_clean("\xff", false, FFFD, true);
	expect_clean("张\xff三", false, "张" FFFD "三", true);
	expect_clean("\xfe\xff", false, FFFD FFFD, true);
	/* Truncated: one U+FFFD for the broken sequence. */
	expect_clean("\xe4\xb8", false, FFFD, true);
	expect_clean("\xe4\xb8" "文", false, FFFD "文", true);
	expect_clean("中\xf0\x9f\x98", false, "中" FFFD, true);
	/* Stray continuation bytes, one each. */
	expect_clean("\x80\xbf", false, FFFD FFFD, true);
	/* Overlong forms: "/" as C0 AF, and E0 80 AF. */
	expect_clean("\xc0\xaf", false, FFFD FFFD, true);
	expect_clean("\xe0\x80\xaf", false, FFFD FFFD FFFD, true);
	/* A surrogate, and U+110000. */
	expect_clean("\xed\xa0\x80", false, FFFD FFFD FFFD, true);
	expect_clean("\xf4\x90\x80\x80", false, FFFD FFFD FFFD FFFD, true);
	/* The largest code points that are valid stay. */
	expect_clean("\xf4\x8f\xbf\xbf", false, "\xf4\x8f\xbf\xbf", false);
	expect_clean("\xed\x9f\xbf", false, "\xed\x9f\xbf", false);
	/* 张三 in GBK is not UTF-8. */
	expect_clean("\xd5\xc5\xc8\xfd", false, FFFD FFFD FFFD FFFD, true);
}

static void test_trim(void **state)
{
	(void)state;
	char a[] = "  \xe3\x80\x80张三\xe3\x80\x80 \t\n";
	lf_text_trim(a);
	assert_string_equal(a, "张三");
	char b[] = " 张 三 ";
	lf_text_trim(b);
	assert_string_equal(b, "张 三");
	char c[] = "\xe3\x80\x80";
	lf_text_trim(c);
	assert_string_equal(c, "");
	char d[] = "";
	lf_text_trim(d);
	assert_string_equal(d, "");
	char e[] = "李四";
	lf_text_trim(e);
	assert_string_equal(e, "李四");
	/* A lone 0xE3 at the end is not a space (and is not read past). */
	char f[] = " \xe3";
	lf_text_trim(f);
	assert_string_equal(f, "\xe3");
	lf_text_trim(NULL);
}

static void test_widths(void **state)
{
	(void)state;
	assert_int_equal(lf_text_width("中文ab"), 6);
	assert_int_equal(lf_text_width(""), 0);
	assert_int_equal(lf_text_width("广州市越秀区"), 12);
	assert_int_equal(lf_text_width("，。"), 4); /* full-width punctuation */
	assert_int_equal(lf_text_width("ＡＢ"), 4);
	assert_int_equal(lf_text_width("e\xcc\x81"), 1); /* e + combining acute */
	assert_int_equal(lf_text_width("😀"), 2);
	assert_int_equal(lf_text_width("\xff"), 1);
	assert_int_equal(lf_text_width(NULL), 0);

	assert_int_equal(lf_wchar_width(L'中'), 2);
	assert_int_equal(lf_wchar_width(L'a'), 1);
	assert_int_equal(lf_wchar_width(0x0301), 0);
	assert_int_equal(lf_wchar_width(0x07), 1);   /* control: shown as U+FFFD */
	assert_int_equal(lf_wchar_width(0x9B), 1);
	assert_int_equal(lf_wchar_width(0x200F), 0);
	assert_int_equal(lf_wchar_width(0x3000), 2);
}

static void test_fit(void **state)
{
	(void)state;
	int used = -1;
	const char *s = "中文ab";
	assert_int_equal(lf_text_fit(s, 3, &used), 3); /* 中 only: 文 would split */
	assert_int_equal(used, 2);
	assert_int_equal(lf_text_fit(s, 4, &used), 6);
	assert_int_equal(used, 4);
	assert_int_equal(lf_text_fit(s, 5, &used), 7);
	assert_int_equal(used, 5);
	assert_int_equal(lf_text_fit(s, 100, &used), strlen(s));
	assert_int_equal(used, 6);
	assert_int_equal(lf_text_fit(s, 1, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(lf_text_fit(s, 0, NULL), 0);
	assert_int_equal(lf_text_fit(s, -3, &used), 0);
	/* A combining mark stays with its base. */
	assert_int_equal(lf_text_fit("ae\xcc\x81" "b", 2, &used), 4);
	assert_int_equal(used, 2);
	assert_int_equal(lf_text_fit("a😀", 2, &used), 1);
	assert_int_equal(used, 1);
}

/* Issue 12: names with titles cut with an ellipsis, never inside a bracket. */
static void test_ellipsize(void **state)
{
	(void)state;
	char out[64];
	/* Fits: whole. */
	assert_string_equal(lf_text_ellipsize("王五（副局长）", 14, out, sizeof out), "王五（副局长）");
	/* 13 columns: the cut would fall inside （副局长）: before the bracket. */
	assert_string_equal(lf_text_ellipsize("王五（副局长）", 13, out, sizeof out), "王五…");
	assert_string_equal(lf_text_ellipsize("王五（副局长）", 8, out, sizeof out), "王五…");
	assert_string_equal(lf_text_ellipsize("王五 (deputy head)", 12, out, sizeof out), "王五…");
	/* A bracket closed before the cut does not count. */
	assert_string_equal(lf_text_ellipsize("《条例》第十九条第三款", 13, out, sizeof out), "《条例》第十…");
	/* Nested: the outermost open bracket. */
	assert_string_equal(lf_text_ellipsize("甲【乙（丙）丁】戊", 12, out, sizeof out), "甲…");
	/* Plain text: as many whole characters as fit beside the ellipsis. */
	assert_string_equal(lf_text_ellipsize("反映单位拖欠工资问题", 9, out, sizeof out), "反映单位…");
	assert_int_equal(lf_text_width(out), 9);
	assert_string_equal(lf_text_ellipsize("abcdef", 4, out, sizeof out), "abc…");
	/* Spaces before the ellipsis go. */
	assert_string_equal(lf_text_ellipsize("ab   cdefgh", 6, out, sizeof out), "ab…");
	/* Too narrow for anything but the mark, or for nothing. */
	assert_string_equal(lf_text_ellipsize("王五", 1, out, sizeof out), "…");
	assert_string_equal(lf_text_ellipsize("王五", 0, out, sizeof out), "");
	assert_string_equal(lf_text_ellipsize(NULL, 5, out, sizeof out), "");
	/* A small buffer keeps whole characters. */
	char tiny[8];
	lf_text_ellipsize("反映单位拖欠工资问题", 40, tiny, sizeof tiny);
	assert_string_equal(tiny, "反…");
}

static void test_chars(void **state)
{
	(void)state;
	assert_int_equal(lf_text_chars("中文ab"), 4);
	assert_int_equal(lf_text_chars(""), 0);
	assert_int_equal(lf_text_chars("😀好"), 2);
	assert_int_equal(lf_text_chars("\xff\xfe"), 2);
	assert_int_equal(lf_text_chars("\xe4\xb8"), 1);
	assert_int_equal(lf_text_chars(NULL), 0);
}

static void test_wide_conversion(void **state)
{
	(void)state;
	size_t n = 0;
	wchar_t *ws = lf_utf8_to_wcs("中a😀", &n);
	assert_non_null(ws);
	assert_int_equal(n, 3);
	assert_int_equal(ws[0], 0x4E2D);
	assert_int_equal(ws[1], 'a');
	assert_int_equal(ws[2], 0x1F600);
	assert_int_equal(ws[3], 0);
	char *back = lf_wcs_to_utf8(ws, n);
	assert_string_equal(back, "中a😀");
	free(back);
	free(ws);

	ws = lf_utf8_to_wcs("张\xff", &n);
	assert_int_equal(n, 2);
	assert_int_equal(ws[1], 0xFFFD);
	free(ws);

	ws = lf_utf8_to_wcs("", NULL);
	assert_int_equal(ws[0], 0);
	free(ws);

	/* Only n characters are read; surrogates and out-of-range become U+FFFD. */
	const wchar_t bad[] = {L'李', 0xD800, 0x110000, L'四', L'x'};
	back = lf_wcs_to_utf8(bad, 4);
	assert_string_equal(back, "李" FFFD FFFD "四");
	free(back);
	back = lf_wcs_to_utf8(NULL, 0);
	assert_string_equal(back, "");
	free(back);
}

/* The bidi embeddings, overrides and isolates are removed like other
 * controls (issue 10); the marks LRM/RLM and other format characters stay. */
static void test_clean_bidi(void **state)
{
	(void)state;
	const char *in = "\xe2\x80\xaa" "1" "\xe2\x80\xab" "2" "\xe2\x80\xac" "3" "\xe2\x80\xad" "4"
	                 "\xe2\x80\xae" "5" "\xe2\x81\xa6" "6" "\xe2\x81\xa7" "7" "\xe2\x81\xa8" "8"
	                 "\xe2\x81\xa9" "9" "\xe2\x80\x8f" "王";
	bool changed = false;
	char *out = lf_text_clean(in, strlen(in), false, &changed);
	assert_true(changed);
	assert_string_equal(out, "123456789\xe2\x80\x8f王");
	free(out);
}

/* Input quoted in a message: cleaned as one line, cut with "…". */
static void test_echo(void **state)
{
	(void)state;
	char buf[16];
	assert_string_equal(lf_text_echo(buf, sizeof buf, "2026-\033[31m1"), "2026-1");
	assert_string_equal(lf_text_echo(buf, sizeof buf, "a\nb\x07" "c\xe2\x80\xae" "d"), "a bcd");
	assert_string_equal(lf_text_echo(buf, sizeof buf, NULL), "");
	/* 15 bytes of room: 4 characters of 3 bytes, then "…". */
	assert_string_equal(lf_text_echo(buf, sizeof buf, "一二三四五六七八"), "一二三四…");
	assert_string_equal(lf_text_echo(buf, sizeof buf, "abcdefghijklmno"), "abcdefghijklmno");
	assert_string_equal(lf_text_echo(buf, sizeof buf, "abcdefghijklmnop"), "abcdefghijkl…");
}

int main(void)
{
	/* wcwidth needs a UTF-8 LC_CTYPE to know wide characters. */
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "test_text: the C.UTF-8 locale is missing\n");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_keeps_chinese),
		cmocka_unit_test(test_clean_csi),
		cmocka_unit_test(test_clean_osc_and_others),
		cmocka_unit_test(test_clean_controls),
		cmocka_unit_test(test_clean_bidi),
		cmocka_unit_test(test_echo),
		cmocka_unit_test(test_clean_line_ends),
		cmocka_unit_test(test_clean_invalid_utf8),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_ellipsize),
		cmocka_unit_test(test_chars),
		cmocka_unit_test(test_wide_conversion),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
