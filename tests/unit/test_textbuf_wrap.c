/* Unit tests for the field editor's rows (src/tui/textbuf.c): wrapping
 * Chinese by its rules, mixed text and emoji, newlines, Home/End and
 * Up/Down across wrapped rows, the horizontal scroll of a one-row field
 * and a large text. Widths come from wcwidth in C.UTF-8. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "textbuf_fixture.h"

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
		cmocka_unit_test(test_wrap_cjk_width_10_and_9),
		cmocka_unit_test(test_wrap_mixed_and_emoji),
		cmocka_unit_test(test_wrap_chinese_rules),
		cmocka_unit_test(test_full_row_extra_row),
		cmocka_unit_test(test_newlines),
		cmocka_unit_test(test_home_end_wrapped),
		cmocka_unit_test(test_up_down),
		cmocka_unit_test(test_hscroll),
		cmocka_unit_test(test_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
