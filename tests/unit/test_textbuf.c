/* Unit tests for the field editor's editing state (src/tui/textbuf.c), with
 * Chinese, mixed and emoji text. Widths come from wcwidth in C.UTF-8. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "laifang/linebreak.h"
#include "laifang/textbuf.h"

#define PETITION "信访内容：拆迁补偿款未发放" /* 13 characters, 26 columns */

static void set_text(lf_textbuf *tb, const char *utf8)
{
	assert_true(lf_textbuf_set_utf8(tb, utf8));
}

#define assert_text(tb, want)                            \
	do {                                             \
		char *got_ = lf_textbuf_utf8(tb);        \
		assert_non_null(got_);                   \
		assert_string_equal(got_, (want));       \
		free(got_);                              \
	} while (0)

#define assert_pos(tb, width, want_row, want_col)               \
	do {                                                    \
		size_t row_ = 99;                               \
		int col_ = -1;                                  \
		lf_textbuf_cursor_pos((tb), (width), &row_, &col_); \
		assert_int_equal(row_, (want_row));             \
		assert_int_equal(col_, (want_col));             \
	} while (0)

#define assert_row(rows, k, s, e)                    \
	do {                                         \
		assert_int_equal((rows)[k].start, (s)); \
		assert_int_equal((rows)[k].end, (e));   \
	} while (0)

/* Whether a row ending at end with room columns left was ended early by
 * the Chinese rules: among the characters that would still have fitted,
 * and the first that would not, is punctuation that may not start or end a
 * row, or a digit (a number kept with its unit). */
static bool shortened_by_rules(const lf_textbuf *tb, size_t end, int room)
{
	for (size_t i = end; i < tb->len && tb->text[i] != L'\n'; i++) {
		wchar_t c = tb->text[i];
		if (lf_linebreak_is_closing(c) || lf_linebreak_is_opening(c) || (c >= L'0' && c <= L'9'))
			return true;
		int cw = lf_textbuf_width(tb, i, i + 1);
		if (cw > room)
			return false;
		room -= cw;
	}
	return false;
}

/* Rows must cover the text in order, split only at '\n' or a wrap, and
 * never pass the width except for a lone character wider than it. */
static void check_layout(const lf_textbuf *tb, int width)
{
	size_t n = lf_textbuf_layout(tb, width, NULL, 0);
	assert_true(n >= 1);
	lf_textrow *rows = calloc(n, sizeof *rows);
	assert_non_null(rows);
	assert_int_equal(lf_textbuf_layout(tb, width, rows, n), n);
	assert_int_equal(rows[0].start, 0);
	for (size_t k = 0; k < n; k++) {
		assert_true(rows[k].start <= rows[k].end);
		for (size_t i = rows[k].start; i < rows[k].end; i++)
			assert_true(tb->text[i] != L'\n');
		int w = lf_textbuf_width(tb, rows[k].start, rows[k].end);
		assert_true(w <= width || rows[k].end - rows[k].start == 1);
		if (k + 1 < n) {
			size_t gap = rows[k + 1].start - rows[k].end;
			assert_true(gap == 0 || (gap == 1 && tb->text[rows[k].end] == L'\n'));
			if (gap == 0) /* a wrap: the row is full, the next character did not fit, or the
			               * Chinese rules shortened it */
				assert_true(w >= width ||
				            w + lf_textbuf_width(tb, rows[k].end, rows[k].end + 1) > width ||
				            shortened_by_rules(tb, rows[k].end, width - w));
		}
	}
	assert_int_equal(rows[n - 1].end, tb->len);
	free(rows);
}

/* Put the cursor at pos as a click would: no goal column, no row-end place. */
static void at(lf_textbuf *tb, size_t pos)
{
	tb->cursor = pos;
	tb->goal_col1 = 0;
	tb->at_row_end = false;
}

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

static void test_wrap_cjk_width_10_and_9(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 100, true);
	set_text(&tb, PETITION);
	lf_textrow r[8];

	/* Width 10 holds 5 CJK characters a row. */
	assert_int_equal(lf_textbuf_layout(&tb, 10, r, 8), 3);
	assert_row(r, 0, 0, 5);
	assert_row(r, 1, 5, 10);
	assert_row(r, 2, 10, 13);
	tb.cursor = 0;
	assert_pos(&tb, 10, 0, 0);
	tb.cursor = 3;
	assert_pos(&tb, 10, 0, 6);
	tb.cursor = 4; /* before ：, the last of row 0 */
	assert_pos(&tb, 10, 0, 8);
	tb.cursor = 5; /* after a full row: start of the next */
	assert_pos(&tb, 10, 1, 0);
	tb.cursor = 7;
	assert_pos(&tb, 10, 1, 4);
	tb.cursor = 13;
	assert_pos(&tb, 10, 2, 6);

	/* Width 9 holds 4, but the 5th is ：, which never starts a row (issue
	 * 12, the Chinese rules): 容 goes down with it. */
	assert_int_equal(lf_textbuf_layout(&tb, 9, r, 8), 4);
	assert_row(r, 0, 0, 3);
	assert_row(r, 1, 3, 7);
	assert_row(r, 2, 7, 11);
	assert_row(r, 3, 11, 13);
	tb.cursor = 4; /* before ：, now the second of row 1 */
	assert_pos(&tb, 9, 1, 2);
	tb.cursor = 3; /* the end of row 0 is the start of row 1 */
	assert_pos(&tb, 9, 1, 0);
	tb.cursor = 2;
	assert_pos(&tb, 9, 0, 4);
	tb.cursor = 13;
	assert_pos(&tb, 9, 3, 4);

	/* Asking for fewer rows fills only those but still counts all. */
	lf_textrow one[2] = { { 42, 42 }, { 42, 42 } };
	assert_int_equal(lf_textbuf_layout(&tb, 9, one, 1), 4);
	assert_row(one, 0, 0, 3);
	assert_row(one, 1, 42, 42);

	for (int w = 0; w <= 30; w++)
		check_layout(&tb, w);
	lf_textbuf_free(&tb);
}

/* Issue 12: the sheet's own text wraps by the Chinese rules too. */
static void test_wrap_chinese_rules(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 200, true);
	lf_textrow r[8];
	/* 。 never starts a row: 题 goes down with it. */
	set_text(&tb, "拖欠工资问题。");
	assert_int_equal(lf_textbuf_layout(&tb, 12, r, 8), 2);
	assert_row(r, 0, 0, 5);
	assert_row(r, 1, 5, 7);
	/* A number stays with its unit. */
	set_text(&tb, "欠款12000元");
	assert_int_equal(lf_textbuf_layout(&tb, 10, r, 8), 2);
	assert_row(r, 0, 0, 2);
	assert_row(r, 1, 2, 8);
	/* （ never ends a row, ） never starts one. */
	set_text(&tb, "请求（补偿）");
	assert_int_equal(lf_textbuf_layout(&tb, 6, r, 8), 3);
	assert_row(r, 0, 0, 2);
	assert_row(r, 1, 2, 4);
	assert_row(r, 2, 4, 6);
	/* Nothing but closing marks: rows break where they are full (the last
	 * full row has the cursor's empty row after it, as always). */
	set_text(&tb, "。。。。");
	assert_int_equal(lf_textbuf_layout(&tb, 4, r, 8), 3);
	assert_row(r, 0, 0, 2);
	assert_row(r, 1, 2, 4);
	for (int w = 1; w <= 14; w++)
		check_layout(&tb, w);
	/* The cursor at the end of the shortened row is on the next one, and
	 * Down/Up keep their column. */
	set_text(&tb, "拖欠工资问题。");
	tb.cursor = 5;
	assert_pos(&tb, 12, 1, 0);
	lf_textbuf_free(&tb);
}

static void test_wrap_mixed_and_emoji(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 200, true);
	lf_textrow r[8];

	set_text(&tb, "ab拆迁补偿款"); /* 2 + 10 columns */
	assert_int_equal(lf_textbuf_layout(&tb, 5, r, 8), 3);
	assert_row(r, 0, 0, 3); /* ab拆 = 4 columns; 迁 would make 6 */
	assert_row(r, 1, 3, 5);
	assert_row(r, 2, 5, 7);

	/* Emoji are two columns and wrap whole. */
	set_text(&tb, "😀😀😀");
	assert_int_equal(lf_textbuf_layout(&tb, 3, r, 8), 3);
	assert_row(r, 0, 0, 1);
	assert_row(r, 1, 1, 2);
	assert_row(r, 2, 2, 3);
	tb.cursor = 2;
	assert_pos(&tb, 3, 2, 0);
	tb.cursor = 3;
	assert_pos(&tb, 3, 2, 2);

	/* A combining mark stays with its letter on a full row. */
	set_text(&tb, "e\xcc\x81x"); /* e + U+0301 + x */
	assert_int_equal(lf_textbuf_width(&tb, 0, 3), 2);
	assert_int_equal(lf_textbuf_layout(&tb, 1, r, 8), 3);
	assert_row(r, 0, 0, 2);
	assert_row(r, 1, 2, 3);
	assert_row(r, 2, 3, 3);

	/* A width of 1 (or less) still shows each wide character, one a row. */
	set_text(&tb, "信访");
	assert_int_equal(lf_textbuf_layout(&tb, 1, r, 8), 3);
	assert_row(r, 0, 0, 1);
	assert_row(r, 1, 1, 2);
	assert_row(r, 2, 2, 2);
	assert_int_equal(lf_textbuf_layout(&tb, 0, NULL, 0), 3);
	assert_int_equal(lf_textbuf_layout(&tb, -5, NULL, 0), 3);

	set_text(&tb, "张三 Zhang San，电话13800138000😀\n\n第二行 a😀b拆迁\t补偿款未发放，要求尽快解决。");
	for (int w = 1; w <= 40; w++)
		check_layout(&tb, w);
	lf_textbuf_free(&tb);
}

/* The cursor after a row that fills the width sits at the start of the next
 * row; at the end of the text (or before a '\n') that row is an extra empty
 * one, so the cursor never stands outside the field. */
static void test_full_row_extra_row(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 200, true);
	lf_textrow r[8];

	set_text(&tb, "一二三四五");
	assert_int_equal(lf_textbuf_layout(&tb, 10, r, 8), 2);
	assert_row(r, 0, 0, 5);
	assert_row(r, 1, 5, 5);
	assert_pos(&tb, 10, 1, 0);
	assert_int_equal(lf_textbuf_layout(&tb, 11, NULL, 0), 1);
	assert_pos(&tb, 11, 0, 10);

	set_text(&tb, "0123456789");
	assert_int_equal(lf_textbuf_layout(&tb, 10, NULL, 0), 2);
	assert_pos(&tb, 10, 1, 0);
	assert_true(lf_textbuf_backspace(&tb));
	assert_int_equal(lf_textbuf_layout(&tb, 10, NULL, 0), 1);
	assert_pos(&tb, 10, 0, 9);
	/* A 9-column row is not full at width 10: the cursor stays on it. */
	set_text(&tb, "a一二三四");
	assert_int_equal(lf_textbuf_layout(&tb, 10, NULL, 0), 1);
	assert_pos(&tb, 10, 0, 9);
	/* Typing a wide character there moves it to the next row. */
	assert_true(lf_textbuf_insert(&tb, L'五'));
	assert_int_equal(lf_textbuf_layout(&tb, 10, r, 8), 2);
	assert_row(r, 1, 5, 6);
	assert_pos(&tb, 10, 1, 2);

	set_text(&tb, "0123456789\nabc");
	assert_int_equal(lf_textbuf_layout(&tb, 10, r, 8), 3);
	assert_row(r, 0, 0, 10);
	assert_row(r, 1, 10, 10);
	assert_row(r, 2, 11, 14);
	tb.cursor = 9;
	assert_pos(&tb, 10, 0, 9);
	tb.cursor = 10; /* before the '\n' */
	assert_pos(&tb, 10, 1, 0);
	tb.cursor = 11;
	assert_pos(&tb, 10, 2, 0);
	lf_textbuf_free(&tb);
}

static void test_newlines(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 200, true);
	lf_textrow r[8];
	set_text(&tb, "信访\n\n内容\n");
	assert_int_equal(lf_textbuf_layout(&tb, 10, r, 8), 4);
	assert_row(r, 0, 0, 2);
	assert_row(r, 1, 3, 3);
	assert_row(r, 2, 4, 6);
	assert_row(r, 3, 7, 7);
	assert_pos(&tb, 10, 3, 0); /* after the final '\n': the empty last row */
	tb.cursor = 2;             /* before the first '\n': end of row 0 */
	assert_pos(&tb, 10, 0, 4);
	tb.cursor = 3;
	assert_pos(&tb, 10, 1, 0);
	tb.cursor = 6;
	assert_pos(&tb, 10, 2, 4);
	lf_textbuf_end(&tb, 10);
	assert_int_equal(tb.cursor, 6);
	lf_textbuf_home(&tb, 10);
	assert_int_equal(tb.cursor, 4);
	lf_textbuf_free(&tb);
}

static void test_home_end_wrapped(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 200, true);
	set_text(&tb, PETITION);
	at(&tb, 7); /* in row 1 of [0,5) [5,10) [10,13) */
	lf_textbuf_home(&tb, 10);
	assert_int_equal(tb.cursor, 5);
	assert_pos(&tb, 10, 1, 0);
	/* End of a full wrapped row: after its last character, still shown on
	 * that row (the same index starts the next row). */
	lf_textbuf_end(&tb, 10);
	assert_int_equal(tb.cursor, 10);
	assert_pos(&tb, 10, 1, 10);
	lf_textbuf_end(&tb, 10);
	assert_int_equal(tb.cursor, 10);
	assert_pos(&tb, 10, 1, 10);
	/* Typing there goes after the row's last character. */
	assert_true(lf_textbuf_insert(&tb, L'X'));
	assert_int_equal(tb.cursor, 11);
	assert_int_equal(tb.text[10], L'X');
	set_text(&tb, PETITION);
	at(&tb, 11);
	lf_textbuf_end(&tb, 10);
	assert_int_equal(tb.cursor, 13);
	lf_textbuf_home(&tb, 10);
	assert_int_equal(tb.cursor, 10);
	/* At the extra empty row after a full last row, Home and End stay. */
	set_text(&tb, "一二三四五");
	lf_textbuf_home(&tb, 10);
	assert_int_equal(tb.cursor, 5);
	lf_textbuf_end(&tb, 10);
	assert_int_equal(tb.cursor, 5);
	lf_textbuf_free(&tb);
}

static void test_up_down(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 200, true);
	/* Rows at width 10: 信访内容： | 拆迁 | ab | c未发放补 | 偿 */
	set_text(&tb, "信访内容：拆迁\nab\nc未发放补偿");
	lf_textrow r[8];
	assert_int_equal(lf_textbuf_layout(&tb, 10, r, 8), 5);
	assert_row(r, 0, 0, 5);
	assert_row(r, 1, 5, 7);
	assert_row(r, 2, 8, 10);
	assert_row(r, 3, 11, 16);
	assert_row(r, 4, 16, 17);

	at(&tb, 4); /* on ：, column 8 */
	assert_false(lf_textbuf_up(&tb, 10));
	assert_int_equal(tb.cursor, 4);
	assert_true(lf_textbuf_down(&tb, 10)); /* 拆迁 is shorter: its end */
	assert_int_equal(tb.cursor, 7);
	assert_pos(&tb, 10, 1, 4);
	assert_true(lf_textbuf_down(&tb, 10));
	assert_int_equal(tb.cursor, 10);
	assert_pos(&tb, 10, 2, 2);
	/* The goal column: back at column 8 once a row is wide enough, not at
	 * the 2 of the short row passed through (before 补, whose second half
	 * would pass column 8). */
	assert_true(lf_textbuf_down(&tb, 10));
	assert_int_equal(tb.cursor, 15);
	assert_pos(&tb, 10, 3, 7);
	assert_true(lf_textbuf_down(&tb, 10));
	assert_int_equal(tb.cursor, 17);
	assert_pos(&tb, 10, 4, 2);
	assert_false(lf_textbuf_down(&tb, 10));
	assert_int_equal(tb.cursor, 17);
	/* Up-Up-Down-Down comes back to where it started. */
	at(&tb, 13); /* after 未, column 3 */
	assert_true(lf_textbuf_up(&tb, 10));
	assert_true(lf_textbuf_up(&tb, 10));
	assert_true(lf_textbuf_down(&tb, 10));
	assert_true(lf_textbuf_down(&tb, 10));
	assert_int_equal(tb.cursor, 13);
	/* Typing forgets the goal: the next Up starts from where the cursor is. */
	assert_true(lf_textbuf_up(&tb, 10));
	assert_true(lf_textbuf_insert(&tb, L'x'));
	assert_int_equal(tb.goal_col1, 0);
	set_text(&tb, "信访内容：拆迁\nab\nc未发放补偿");

	at(&tb, 15); /* on 补, column 7 */
	assert_true(lf_textbuf_up(&tb, 10));
	assert_int_equal(tb.cursor, 10); /* end of "ab" */
	assert_true(lf_textbuf_up(&tb, 10));
	assert_int_equal(tb.cursor, 7); /* still aiming at column 7: the end of 拆迁 */
	assert_true(lf_textbuf_up(&tb, 10));
	assert_int_equal(tb.cursor, 3);
	assert_pos(&tb, 10, 0, 6);
	at(&tb, 3); /* column 6 */
	assert_true(lf_textbuf_down(&tb, 10));
	assert_int_equal(tb.cursor, 7);

	/* From the last row at its end, Up keeps the column on a longer row. */
	set_text(&tb, "0123456789abcdefghijklm");
	assert_pos(&tb, 10, 2, 3);
	assert_true(lf_textbuf_up(&tb, 10));
	assert_int_equal(tb.cursor, 13);
	assert_true(lf_textbuf_up(&tb, 10));
	assert_int_equal(tb.cursor, 3);

	/* Up into a wrapped row narrower than the column: on its last
	 * character, not on its end (which shows on the next row). */
	set_text(&tb, "一二三四五abcdefgh"); /* width 9: 一二三四 | 五abcdefg | h */
	assert_int_equal(lf_textbuf_layout(&tb, 9, r, 8), 3);
	assert_row(r, 0, 0, 4);
	assert_row(r, 1, 4, 12);
	at(&tb, 11); /* on g, column 8 */
	assert_pos(&tb, 9, 1, 8);
	assert_true(lf_textbuf_up(&tb, 9));
	assert_int_equal(tb.cursor, 3);
	assert_pos(&tb, 9, 0, 6);
	assert_true(lf_textbuf_down(&tb, 9));
	assert_int_equal(tb.cursor, 11); /* the goal, column 8: on g again */
	assert_pos(&tb, 9, 1, 8);
	assert_true(lf_textbuf_down(&tb, 9));
	assert_int_equal(tb.cursor, 13); /* "h" is the last row: its end */
	assert_pos(&tb, 9, 2, 1);
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

/* The cursor's cell (and the whole character under it) is inside the field. */
static void assert_visible(const lf_textbuf *tb, int width, size_t first)
{
	assert_true(first <= tb->cursor);
	int need = tb->cursor < tb->len ? lf_textbuf_width(tb, tb->cursor, tb->cursor + 1) : 1;
	assert_true(lf_textbuf_width(tb, first, tb->cursor) + (need > 1 ? need : 1) <= width);
}

static void test_hscroll(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 100, false);
	set_text(&tb, PETITION); /* 26 columns in a field of 6 */
	size_t first = lf_textbuf_hscroll(&tb, 6, 0);
	assert_int_equal(first, 11); /* 发放 and the cursor cell: 5 columns */
	assert_visible(&tb, 6, first);
	lf_textbuf_home(&tb, 6);
	first = lf_textbuf_hscroll(&tb, 6, first);
	assert_int_equal(first, 0);
	assert_true(lf_textbuf_right(&tb));
	assert_true(lf_textbuf_right(&tb));
	first = lf_textbuf_hscroll(&tb, 6, first); /* on 内 at columns 4-5: fits */
	assert_int_equal(first, 0);
	assert_true(lf_textbuf_right(&tb));
	first = lf_textbuf_hscroll(&tb, 6, first); /* on 容 at 6-7: scroll by one */
	assert_int_equal(first, 1);
	assert_true(lf_textbuf_left(&tb));
	first = lf_textbuf_hscroll(&tb, 6, first); /* still visible: no move */
	assert_int_equal(first, 1);
	assert_true(lf_textbuf_left(&tb));
	assert_true(lf_textbuf_left(&tb));
	first = lf_textbuf_hscroll(&tb, 6, first);
	assert_int_equal(first, 0);

	/* Walk right to the end and back: the cursor is always in view, and
	 * the view moves only when it must. */
	for (;;) {
		size_t before = first;
		first = lf_textbuf_hscroll(&tb, 6, first);
		assert_visible(&tb, 6, first);
		if (lf_textbuf_width(&tb, before, tb.cursor) + 2 <= 6 && before <= tb.cursor)
			assert_int_equal(first, before);
		if (!lf_textbuf_right(&tb))
			break;
	}
	while (lf_textbuf_left(&tb)) {
		first = lf_textbuf_hscroll(&tb, 6, first);
		assert_visible(&tb, 6, first);
	}
	assert_int_equal(first, 0);

	/* ASCII in 5 columns: 4 characters and the cursor cell. */
	set_text(&tb, "0123456789");
	first = lf_textbuf_hscroll(&tb, 5, 0);
	assert_int_equal(first, 6);
	/* Text shortened under a scrolled view: scroll back, hide nothing. */
	for (int i = 0; i < 8; i++)
		assert_true(lf_textbuf_backspace(&tb));
	first = lf_textbuf_hscroll(&tb, 5, first);
	assert_int_equal(first, 0);
	lf_textbuf_clear(&tb);
	assert_int_equal(lf_textbuf_hscroll(&tb, 5, 6), 0);

	/* A field narrower than one wide character still shows the cursor first. */
	set_text(&tb, "信访");
	tb.cursor = 1;
	assert_int_equal(lf_textbuf_hscroll(&tb, 1, 0), 1);
	lf_textbuf_free(&tb);
}

/* 20,000 characters: the rows they make at several widths, and 300
 * keystrokes in the middle, each with everything the screen asks for after
 * it. How long a keystroke takes is the bench's (make bench: keystroke on
 * the sheet), not a test's: a shared machine's noise. */
static void test_large(void **state)
{
	(void)state;
	lf_textbuf tb;
	lf_textbuf_init(&tb, 30000, true);
	wchar_t *big = malloc(20000 * sizeof *big);
	assert_non_null(big);
	for (size_t i = 0; i < 20000; i++)
		big[i] = L'访';
	assert_int_equal(lf_textbuf_insert_n(&tb, big, 20000), 20000);
	/* 5 a row at width 10: 4,000 full rows and the empty row for the cursor. */
	assert_int_equal(lf_textbuf_layout(&tb, 10, NULL, 0), 4001);
	assert_int_equal(lf_textbuf_layout(&tb, 9, NULL, 0), 5000);
	assert_int_equal(lf_textbuf_layout(&tb, 80, NULL, 0), 501);

	/* A line break every 50 characters: 400 lines of 50 → 2 rows each at 80. */
	for (size_t i = 49; i < 20000; i += 50)
		big[i] = L'\n';
	lf_textbuf_clear(&tb);
	assert_int_equal(lf_textbuf_insert_n(&tb, big, 20000), 20000);
	assert_int_equal(lf_textbuf_layout(&tb, 80, NULL, 0), 801);
	assert_int_equal(lf_textbuf_layout(&tb, 100, NULL, 0), 401);
	/* At 98 each 49-character line fills its row: an empty row before each '\n'. */
	assert_int_equal(lf_textbuf_layout(&tb, 98, NULL, 0), 801);
	check_layout(&tb, 80);

	tb.cursor = 10000;
	for (int k = 0; k < 300; k++) {
		size_t row;
		int col;
		assert_true(lf_textbuf_insert(&tb, L'补'));
		assert_true(lf_textbuf_backspace(&tb));
		assert_true(lf_textbuf_insert(&tb, L'偿'));
		lf_textbuf_cursor_pos(&tb, 60, &row, &col);
		assert_true(lf_textbuf_layout(&tb, 60, NULL, 0) > row);
		lf_textbuf_down(&tb, 60);
		lf_textbuf_up(&tb, 60);
		lf_textbuf_end(&tb, 60);
	}
	assert_int_equal(tb.len, 20300);
	check_layout(&tb, 60);
	free(big);
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
		cmocka_unit_test(test_wrap_cjk_width_10_and_9),
		cmocka_unit_test(test_wrap_mixed_and_emoji),
		cmocka_unit_test(test_wrap_chinese_rules),
		cmocka_unit_test(test_full_row_extra_row),
		cmocka_unit_test(test_newlines),
		cmocka_unit_test(test_home_end_wrapped),
		cmocka_unit_test(test_up_down),
		cmocka_unit_test(test_paste_5000),
		cmocka_unit_test(test_max_chars),
		cmocka_unit_test(test_set_utf8_limit),
		cmocka_unit_test(test_kill),
		cmocka_unit_test(test_hscroll),
		cmocka_unit_test(test_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
