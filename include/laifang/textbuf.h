/* The text of one field while it is being edited: wide characters, a cursor,
 * and the wrapping of a multi-line field into display rows. Plain data with
 * no curses, so it is unit-tested on its own (with Chinese text); the TUI
 * draws it. Positions are indexes into text[], never bytes. */
#ifndef LAIFANG_TEXTBUF_H
#define LAIFANG_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

typedef struct lf_textbuf {
	wchar_t *text;    /* not NUL-terminated; len characters */
	size_t len, cap;
	size_t cursor;    /* 0..len */
	size_t max_chars; /* the field's limit in characters */
	bool multiline;   /* '\n' allowed; Up/Down move between display rows */
	/* Up/Down keep the display column they started from across shorter
	 * rows: 1 + that column, 0 when the last move was not Up/Down. */
	int goal_col1;
	/* End on a full wrapped row: the cursor sits after that row's last
	 * character (the same index also starts the next row). */
	bool at_row_end;
} lf_textbuf;

/* A display row of a wrapped field: characters [start, end) of text[];
 * a row ends before a '\n' (which is not part of it) or where the next
 * character would pass the width. A double-width character is never split. */
typedef struct lf_textrow {
	size_t start, end;
} lf_textrow;

void lf_textbuf_init(lf_textbuf *tb, size_t max_chars, bool multiline);
void lf_textbuf_free(lf_textbuf *tb);

/* Replace the whole text (UTF-8) and put the cursor at its end. Text past
 * max_chars is not taken: returns false when it had to stop short (the
 * caller tells the person), true when all of it fits. */
bool lf_textbuf_set_utf8(lf_textbuf *tb, const char *utf8);

/* The text as a new malloc'd UTF-8 string (NULL on out of memory). */
char *lf_textbuf_utf8(const lf_textbuf *tb);

/* Insert one character at the cursor. Control characters are refused (a
 * '\n' only in a multiline buffer; a tab becomes a space). Returns false when
 * refused or when the buffer is at max_chars. */
bool lf_textbuf_insert(lf_textbuf *tb, wchar_t c);

/* Insert n characters (a paste) as lf_textbuf_insert would, one by one; stops
 * at max_chars. Returns how many were inserted (refused ones are skipped and
 * not counted). */
size_t lf_textbuf_insert_n(lf_textbuf *tb, const wchar_t *s, size_t n);

bool lf_textbuf_delete(lf_textbuf *tb);    /* Delete: the char under the cursor */
bool lf_textbuf_backspace(lf_textbuf *tb); /* Backspace: the char before it */
bool lf_textbuf_left(lf_textbuf *tb);
bool lf_textbuf_right(lf_textbuf *tb);
void lf_textbuf_clear(lf_textbuf *tb);
/* Ctrl-K: delete from the cursor to the end of its logical line. */
void lf_textbuf_kill_to_end(lf_textbuf *tb);
/* Ctrl-U: delete from the start of the logical line to the cursor. */
void lf_textbuf_kill_to_start(lf_textbuf *tb);

/* Wrap the text into rows of at most width columns. Fills up to max rows and
 * returns the total number of rows (at least 1, even for empty text), so a
 * caller may call it with rows = NULL, max = 0 to count. For a single-line
 * buffer there is exactly one row, the whole text. */
size_t lf_textbuf_layout(const lf_textbuf *tb, int width, lf_textrow *rows, size_t max);

/* Row and display column of the cursor in the layout for width. A cursor just
 * after a row that is full sits at the start of the next row. */
void lf_textbuf_cursor_pos(const lf_textbuf *tb, int width, size_t *row, int *col);

/* Home/End: to the start/end of the cursor's display row (for single-line
 * buffers: of the text). */
void lf_textbuf_home(lf_textbuf *tb, int width);
void lf_textbuf_end(lf_textbuf *tb, int width);

/* Up/Down by one display row, keeping the display column as near as it can
 * without landing inside a double-width character. Returns false at the
 * first/last row (the caller then moves to the previous/next field). */
bool lf_textbuf_up(lf_textbuf *tb, int width);
bool lf_textbuf_down(lf_textbuf *tb, int width);

/* For a single-line field shown in width columns: the index of the first
 * character to draw so that the cursor is visible, given the previous first
 * character (horizontal scrolling that only moves when it must). */
size_t lf_textbuf_hscroll(const lf_textbuf *tb, int width, size_t prev_first);

/* Display columns of characters [from, to). */
int lf_textbuf_width(const lf_textbuf *tb, size_t from, size_t to);

#endif
