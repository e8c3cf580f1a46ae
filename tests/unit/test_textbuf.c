/* Unit tests for the field editor's editing state (src/tui/textbuf.c):
 * typing, deleting, moving on one row, control characters, pastes and
 * limits, with Chinese, mixed and emoji text. Rows and wrapping:
 * test_textbuf_wrap.c. Widths come from wcwidth in C.UTF-8. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "textbuf_fixture.h"

static void test_empty(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 100, true);
	assert_int_equal(tb.len, 0);
	assert_int_equal(lf_textbuf_layout(&tb, 10, NULL, 0), 1);
	lf_textrow r = { 7, 7 };
	assert_int_equal(lf_textbuf_layout(&tb, 10, &r, 1), 1);
	assert_row(&r, 0, 0, 0);
	assert_pos(&tb, 10, 0, 0);
	assert_text(&tb, "");
	assert_false(lf_textbuf_left(&tb));
	assert_false(lf_textbuf_right(&tb));
	assert_false(lf_textbuf_backspace(&tb));
	assert_false(lf_textbuf_delete(&tb));
	assert_false(lf_textbuf_up(&tb, 10));
	assert_false(lf_textbuf_down(&tb, 10));
	lf_textbuf_kill_to_end(&tb);
	lf_textbuf_kill_to_start(&tb);
	assert_int_equal(tb.len, 0);
	assert_int_equal(lf_textbuf_hscroll(&tb, 10, 5), 0);
	lf_textbuf_free(&tb);
	assert_null(tb.text);

	lf_textbuf_init(&tb, 100, false);
	assert_int_equal(lf_textbuf_layout(&tb, 10, NULL, 0), 1);
	assert_true(lf_textbuf_set_utf8(&tb, NULL));
	assert_text(&tb, "");
	lf_textbuf_free(&tb);
}

static void test_insert_chinese(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 100, false);
	const wchar_t *s = L"信访内容：拆迁补偿款未发放";
	for (size_t i = 0; s[i]; i++)
		assert_true(lf_textbuf_insert(&tb, s[i]));
	assert_int_equal(tb.len, 13);
	assert_int_equal(tb.cursor, 13);
	assert_text(&tb, PETITION);
	assert_int_equal(lf_textbuf_width(&tb, 0, tb.len), 26);
	assert_int_equal(lf_textbuf_width(&tb, 2, 5), 6);
	assert_int_equal(lf_textbuf_width(&tb, 10, 999), 6);

	/* Insert in the middle: before 拆. */
	tb.cursor = 5;
	assert_true(lf_textbuf_insert(&tb, L'（'));
	assert_true(lf_textbuf_insert(&tb, L'1'));
	assert_true(lf_textbuf_insert(&tb, L'）'));
	assert_int_equal(tb.cursor, 8);
	assert_text(&tb, "信访内容：（1）拆迁补偿款未发放");
	lf_textbuf_free(&tb);
}

static void test_set_utf8_roundtrip(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 100, true);
	const char *mixed = "张三 Zhang San，电话13800138000😀\n第二行";
	set_text(&tb, mixed);
	assert_int_equal(tb.len, 31);
	assert_int_equal(tb.cursor, tb.len);
	assert_true(tb.text[0] == L'张');
	assert_true(tb.text[26] == L'😀');
	assert_true(tb.text[27] == L'\n');
	assert_text(&tb, mixed);
	/* Replacing takes the new text whole. */
	set_text(&tb, "拆迁");
	assert_int_equal(tb.len, 2);
	assert_int_equal(tb.cursor, 2);
	assert_text(&tb, "拆迁");
	lf_textbuf_free(&tb);
}

static void test_delete_backspace_ends(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 100, false);
	set_text(&tb, "信访内容");
	assert_false(lf_textbuf_delete(&tb)); /* at the end: nothing under the cursor */
	assert_true(lf_textbuf_backspace(&tb));
	assert_text(&tb, "信访内");
	assert_int_equal(tb.cursor, 3);

	lf_textbuf_home(&tb, 20);
	assert_int_equal(tb.cursor, 0);
	assert_false(lf_textbuf_backspace(&tb)); /* at the start: nothing before */
	assert_true(lf_textbuf_delete(&tb));
	assert_text(&tb, "访内");
	assert_int_equal(tb.cursor, 0);

	set_text(&tb, "a拆b迁c");
	tb.cursor = 2; /* between 拆 and b */
	assert_true(lf_textbuf_backspace(&tb));
	assert_text(&tb, "ab迁c");
	assert_int_equal(tb.cursor, 1);
	assert_true(lf_textbuf_delete(&tb));
	assert_text(&tb, "a迁c");
	assert_int_equal(tb.cursor, 1);
	while (lf_textbuf_delete(&tb))
		;
	assert_text(&tb, "a");
	assert_true(lf_textbuf_backspace(&tb));
	assert_false(lf_textbuf_backspace(&tb));
	assert_int_equal(tb.len, 0);
	lf_textbuf_free(&tb);
}

static void test_left_right_columns(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 100, true);
	set_text(&tb, "拆迁a补偿😀");
	lf_textbuf_home(&tb, 80);
	const int cols[] = { 0, 2, 4, 5, 7, 9, 11 };
	for (size_t i = 0; i < 7; i++) {
		assert_int_equal(tb.cursor, i);
		assert_pos(&tb, 80, 0, cols[i]);
		assert_int_equal(lf_textbuf_width(&tb, 0, tb.cursor), cols[i]);
		if (i < 6)
			assert_true(lf_textbuf_right(&tb));
	}
	assert_false(lf_textbuf_right(&tb));
	for (size_t i = 6; i > 0; i--) {
		assert_true(lf_textbuf_left(&tb));
		assert_pos(&tb, 80, 0, cols[i - 1]);
	}
	assert_false(lf_textbuf_left(&tb));
	assert_int_equal(tb.cursor, 0);
	lf_textbuf_free(&tb);
}

static void test_home_end_single_line(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 100, false);
	set_text(&tb, PETITION);
	tb.cursor = 6;
	/* A single-line field is one row whatever the width. */
	assert_int_equal(lf_textbuf_layout(&tb, 4, NULL, 0), 1);
	lf_textrow r;
	lf_textbuf_layout(&tb, 4, &r, 1);
	assert_row(&r, 0, 0, 13);
	assert_pos(&tb, 4, 0, 12);
	lf_textbuf_home(&tb, 4);
	assert_int_equal(tb.cursor, 0);
	lf_textbuf_end(&tb, 4);
	assert_int_equal(tb.cursor, 13);
	assert_false(lf_textbuf_up(&tb, 4));
	assert_false(lf_textbuf_down(&tb, 4));
	assert_int_equal(tb.cursor, 13);
	lf_textbuf_free(&tb);
}

static void test_control_chars(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 100, false);
	const wchar_t bad[] = { 0x01, 0x08, 0x1b, L'\r', 0x7f, 0x85, 0x9b, 0xd800, 0x110000, -1 };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(lf_textbuf_insert(&tb, bad[i]));
	assert_false(lf_textbuf_insert(&tb, L'\n')); /* one-line field */
	assert_int_equal(tb.len, 0);
	assert_true(lf_textbuf_insert(&tb, L'拆'));
	assert_true(lf_textbuf_insert(&tb, L'\t'));
	assert_true(lf_textbuf_insert(&tb, L'迁'));
	assert_text(&tb, "拆 迁");

	/* A paste skips what is refused and counts only what went in. */
	const wchar_t paste[] = L"\x1b[31m红\n色\x07";
	assert_int_equal(lf_textbuf_insert_n(&tb, paste, wcslen(paste)), 6);
	assert_text(&tb, "拆 迁[31m红色");
	lf_textbuf_free(&tb);

	lf_textbuf_init(&tb, 100, true);
	assert_true(lf_textbuf_insert(&tb, L'甲'));
	assert_true(lf_textbuf_insert(&tb, L'\n'));
	assert_false(lf_textbuf_insert(&tb, L'\r'));
	assert_true(lf_textbuf_insert(&tb, L'乙'));
	assert_text(&tb, "甲\n乙");
	lf_textbuf_free(&tb);
}

static void test_paste_5000(void **state)
{
	(void)state;
	const wchar_t *pat = L"信访内容拆迁补偿款未发放ab😀，";
	size_t plen = wcslen(pat);
	wchar_t *paste = malloc(5000 * sizeof *paste);
	assert_non_null(paste);
	for (size_t i = 0; i < 5000; i++)
		paste[i] = pat[i % plen];

	lf_textbuf tb;
	lf_textbuf_init(&tb, 10000, true);
	set_text(&tb, "前后");
	tb.cursor = 1;
	assert_int_equal(lf_textbuf_insert_n(&tb, paste, 5000), 5000);
	assert_int_equal(tb.len, 5002);
	assert_int_equal(tb.cursor, 5001);
	assert_true(tb.cap >= tb.len);
	assert_true(tb.text[0] == L'前');
	assert_true(tb.text[5001] == L'后');
	assert_memory_equal(tb.text + 1, paste, 5000 * sizeof *paste);
	char *u = lf_textbuf_utf8(&tb);
	assert_non_null(u);
	assert_int_equal(strncmp(u, "前信访内容", strlen("前信访内容")), 0);
	free(u);
	check_layout(&tb, 37);

	/* A second paste in the middle moves the tail once and keeps it intact. */
	tb.cursor = 2;
	assert_int_equal(lf_textbuf_insert_n(&tb, paste, 4998), 4998);
	assert_int_equal(tb.len, 10000);
	assert_true(tb.text[9999] == L'后');
	assert_true(tb.text[4999] == paste[4997]);
	assert_true(tb.text[5000] == paste[1]);
	assert_int_equal(lf_textbuf_insert_n(&tb, paste, 5000), 0); /* full */
	free(paste);
	lf_textbuf_free(&tb);
}

static void test_max_chars(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 10, false);
	/* 10 CJK characters: 30 bytes and 20 columns, still 10 characters. */
	const wchar_t *ten = L"信访内容拆迁补偿款未";
	for (size_t i = 0; i < 10; i++)
		assert_true(lf_textbuf_insert(&tb, ten[i]));
	assert_false(lf_textbuf_insert(&tb, L'发'));
	assert_false(lf_textbuf_insert(&tb, L'a'));
	assert_int_equal(tb.len, 10);
	assert_text(&tb, "信访内容拆迁补偿款未");
	/* Deleting makes room again. */
	assert_true(lf_textbuf_backspace(&tb));
	assert_true(lf_textbuf_insert(&tb, L'放'));
	assert_text(&tb, "信访内容拆迁补偿款放");

	/* A paste stops at the limit and says how many went in. */
	set_text(&tb, "信访内容：");
	tb.cursor = 2;
	assert_int_equal(lf_textbuf_insert_n(&tb, L"拆迁补偿款未发放", 8), 5);
	assert_text(&tb, "信访拆迁补偿款内容：");
	assert_int_equal(tb.cursor, 7);
	assert_int_equal(tb.len, 10);

	/* Refused characters do not use up the limit. */
	lf_textbuf_clear(&tb);
	assert_int_equal(tb.len, 0);
	assert_int_equal(lf_textbuf_insert_n(&tb, L"\x01一\x02二三四五六七八九十十一", 14), 10);
	assert_text(&tb, "一二三四五六七八九十");
	lf_textbuf_free(&tb);
}

static void test_set_utf8_limit(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 5, false);
	assert_false(lf_textbuf_set_utf8(&tb, "信访内容：拆迁"));
	assert_text(&tb, "信访内容：");
	assert_int_equal(tb.cursor, 5);
	assert_true(lf_textbuf_set_utf8(&tb, "拆迁补偿款")); /* exactly 5 */
	assert_text(&tb, "拆迁补偿款");
	assert_true(lf_textbuf_set_utf8(&tb, "信访"));
	assert_text(&tb, "信访");
	assert_int_equal(tb.cursor, 2);
	/* In a one-line field a line break in stored text becomes a space. */
	assert_true(lf_textbuf_set_utf8(&tb, "甲\n乙"));
	assert_text(&tb, "甲 乙");
	lf_textbuf_free(&tb);

	lf_textbuf_init(&tb, 5, true);
	assert_true(lf_textbuf_set_utf8(&tb, "甲\n乙"));
	assert_text(&tb, "甲\n乙");
	assert_true(lf_textbuf_set_utf8(&tb, "甲\n乙\n丙")); /* '\n' counts: 5 */
	assert_false(lf_textbuf_set_utf8(&tb, "甲\n乙\n丙丁"));
	assert_text(&tb, "甲\n乙\n丙");
	lf_textbuf_free(&tb);
}

static void test_kill(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 100, true);
	set_text(&tb, "第一行\n拆迁补偿款\n第三行");
	tb.cursor = 6; /* before 补 */
	lf_textbuf_kill_to_end(&tb);
	assert_text(&tb, "第一行\n拆迁\n第三行");
	assert_int_equal(tb.cursor, 6);
	lf_textbuf_kill_to_end(&tb); /* at the '\n': lines are not joined */
	assert_text(&tb, "第一行\n拆迁\n第三行");
	lf_textbuf_kill_to_start(&tb);
	assert_text(&tb, "第一行\n\n第三行");
	assert_int_equal(tb.cursor, 4);
	tb.cursor = 2;
	lf_textbuf_kill_to_start(&tb);
	assert_text(&tb, "行\n\n第三行");
	assert_int_equal(tb.cursor, 0);
	tb.cursor = tb.len;
	lf_textbuf_kill_to_start(&tb);
	assert_text(&tb, "行\n\n");
	assert_int_equal(tb.cursor, 3);
	lf_textbuf_free(&tb);

	lf_textbuf_init(&tb, 100, false);
	set_text(&tb, PETITION);
	tb.cursor = 5;
	lf_textbuf_kill_to_end(&tb);
	assert_text(&tb, "信访内容：");
	tb.cursor = 2;
	lf_textbuf_kill_to_start(&tb);
	assert_text(&tb, "内容：");
	assert_int_equal(tb.cursor, 0);
	lf_textbuf_free(&tb);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_insert_chinese),
		cmocka_unit_test(test_set_utf8_roundtrip),
		cmocka_unit_test(test_delete_backspace_ends),
		cmocka_unit_test(test_left_right_columns),
		cmocka_unit_test(test_home_end_single_line),
		cmocka_unit_test(test_control_chars),
		cmocka_unit_test(test_paste_5000),
		cmocka_unit_test(test_max_chars),
		cmocka_unit_test(test_set_utf8_limit),
		cmocka_unit_test(test_kill),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
