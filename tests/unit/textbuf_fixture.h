/* What the field editor's tests (test_textbuf.c: editing; test_textbuf_wrap.c:
 * rows, wrapping and moving between them) share: setting the text, asserting
 * text, cursor and rows, and checking a layout against the rules. Include
 * after cmocka.h. */
#ifndef LAIFANG_TEST_TEXTBUF_FIXTURE_H
#define LAIFANG_TEST_TEXTBUF_FIXTURE_H

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "laifang/linebreak.h"
#include "laifang/textbuf.h"

#define PETITION "信访内容：拆迁补偿款未发放" /* 13 characters, 26 columns */

static inline void set_text(lf_textbuf *tb, const char *utf8)
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
static inline bool shortened_by_rules(const lf_textbuf *tb, size_t end, int room)
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
static inline void check_layout(const lf_textbuf *tb, int width)
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
static inline void at(lf_textbuf *tb, size_t pos)
{
	tb->cursor = pos;
	tb->goal_col1 = 0;
	tb->at_row_end = false;
}

#endif
