/* The editing state of one field: a wide-character buffer with a cursor and
 * the wrapping of a multi-line field into display rows. No curses here; the
 * TUI draws what this computes.
 *
 * Wrapping rule (lf_textbuf_layout, row_at): a row takes characters until a
 * '\n' or until the next character would pass the width; a row that is empty
 * always takes its first character, even one wider than the field. A row
 * that has reached the full width is closed even when a '\n' or the end of
 * the text follows, and the next row starts right after it (it may be empty:
 * "一二三四五" at width 10 is two rows, [0,5) and [5,5)). That gives the
 * cursor standing just after a full row a cell of its own at the start of
 * the next row, instead of a column outside the field, and keeps every
 * cursor position on screen distinct.
 *
 * A cursor index that is both the end of a wrapped row and the start of the
 * next one belongs to the next row. So End on a wrapped row goes to its last
 * character, and Up/Down never land on the end of a wrapped row.
 *
 * Everything that needs rows recomputes them from the text: O(n) per call,
 * and nothing is O(n^2), so a 20,000-character field stays fast per key. */
#include "laifang/textbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/linebreak.h"
#include "laifang/text.h"

/* One display row while walking the layout. */
typedef struct row_it {
	size_t start, end; /* characters [start, end) */
	size_t next;       /* where the following row starts */
	bool soft;         /* wrapped, not ended by '\n': next == end */
	bool last;
} row_it;

static int char_width(wchar_t c)
{
	int w = lf_wchar_width(c);
	return w < 0 ? 1 : w;
}

/* A max_chars of 0 means no limit. */
static size_t limit_of(const lf_textbuf *tb)
{
	return tb->max_chars ? tb->max_chars : SIZE_MAX;
}

/* Whether c may be typed into tb, and what goes in for it (a tab is a space). */
static bool accept_char(const lf_textbuf *tb, wchar_t c, wchar_t *out)
{
	if (c == L'\t') {
		*out = L' ';
		return true;
	}
	if (c == L'\n') {
		*out = c;
		return tb->multiline;
	}
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return false;
	if ((c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return false; /* not a Unicode scalar value */
	*out = c;
	return true;
}

/* Make room for need characters, doubling the capacity. */
static bool reserve(lf_textbuf *tb, size_t need)
{
	if (need <= tb->cap)
		return true;
	size_t cap = tb->cap ? tb->cap : 16;
	while (cap < need) {
		if (cap > SIZE_MAX / 2 / sizeof(wchar_t))
			return false;
		cap *= 2;
	}
	wchar_t *p = realloc(tb->text, cap * sizeof *p);
	if (!p)
		return false;
	tb->text = p;
	tb->cap = cap;
	return true;
}

/* Remove characters [from, to) and keep the cursor on the same text. */
static void erase(lf_textbuf *tb, size_t from, size_t to)
{
	if (to > tb->len)
		to = tb->len;
	if (from >= to)
		return;
	memmove(tb->text + from, tb->text + to, (tb->len - to) * sizeof *tb->text);
	tb->len -= to - from;
	if (tb->cursor >= to)
		tb->cursor -= to - from;
	else if (tb->cursor > from)
		tb->cursor = from;
}

static int clamp_width(int width)
{
	return width < 1 ? 1 : width;
}

static bool is_digit(wchar_t c)
{
	return (c >= L'0' && c <= L'9') || (c >= L'０' && c <= L'９');
}

/* Issue 12: a row that wraps before i follows the Chinese rules as the
 * read-only text does (linebreak.h): no row starts with closing
 * punctuation and none ends with opening punctuation (the character before
 * goes down with it), and a number is not parted from the unit after it.
 * The row keeps at least its first character; spaces stay in the text
 * (an editor shows every character it holds). Returns the new break. */
static size_t kinsoku(const lf_textbuf *tb, size_t pos, size_t i)
{
	size_t b = i;
	/* Closing punctuation (and a run of it) never starts the next row. */
	while (b > pos + 1 && lf_linebreak_is_closing(tb->text[b]))
		b--;
	if (lf_linebreak_is_closing(tb->text[b]))
		return i; /* nothing but closing marks to carry: break where it is full */
	/* Opening punctuation never ends this row. */
	while (b > pos + 1 && lf_linebreak_is_opening(tb->text[b - 1]))
		b--;
	/* 12000元: the digits go down with their unit. */
	if (b == i && b > pos + 1 && is_digit(tb->text[b - 1]) && !is_digit(tb->text[b]) && tb->text[b] != L' ') {
		size_t d = b;
		while (d > pos && is_digit(tb->text[d - 1]))
			d--;
		if (d > pos)
			b = d;
	}
	return b > pos ? b : i;
}

/* The display row that starts at pos (see the wrapping rule at the top). */
static void row_at(const lf_textbuf *tb, int width, size_t pos, row_it *r)
{
	r->start = pos;
	if (!tb->multiline) {
		r->start = 0;
		r->end = r->next = tb->len;
		r->soft = false;
		r->last = true;
		return;
	}
	size_t i = pos;
	int cols = 0;
	while (i < tb->len && tb->text[i] != L'\n') {
		int w = char_width(tb->text[i]);
		if (i > pos && cols + w > width)
			break;
		cols += w;
		i++;
	}
	if (cols + (i < tb->len ? char_width(tb->text[i]) : 0) > width && i < tb->len && tb->text[i] != L'\n')
		i = kinsoku(tb, pos, i);
	r->end = i;
	if (cols >= width || (i < tb->len && tb->text[i] != L'\n')) {
		/* Full, or the next character does not fit: wrap. Never empty. */
		r->next = i;
		r->soft = true;
		r->last = false;
	} else if (i < tb->len) {
		r->next = i + 1; /* past the '\n' */
		r->soft = false;
		r->last = false;
	} else {
		r->next = i;
		r->soft = false;
		r->last = true;
	}
}

/* The row holding the cursor and its number; *prev (if not NULL) gets the
 * row before it (meaningless for row 0). */
static size_t cursor_row(const lf_textbuf *tb, int width, row_it *cur, row_it *prev)
{
	size_t n = 0, pos = 0;
	row_it r, p = { 0 };
	for (;;) {
		row_at(tb, width, pos, &r);
		/* A '\n' row owns its end; a wrapped row's end belongs to the next row. */
		if (r.last || tb->cursor < r.next || (tb->at_row_end && r.soft && tb->cursor == r.next))
			break;
		p = r;
		pos = r.next;
		n++;
	}
	*cur = r;
	if (prev)
		*prev = p;
	return n;
}

/* Put the cursor in row r at display column target or the nearest before it,
 * never inside a double-width character and never on the end of a wrapped
 * row (that place is shown on the next row). */
/* Any move but Up/Down forgets the goal column and the row-end place. */
static void moved(lf_textbuf *tb)
{
	tb->goal_col1 = 0;
	tb->at_row_end = false;
}

static void land(lf_textbuf *tb, const row_it *r, int target)
{
	size_t limit = r->soft ? r->end - 1 : r->end;
	size_t i = r->start;
	int col = 0;
	while (i < limit) {
		int w = char_width(tb->text[i]);
		if (col + w > target)
			break;
		col += w;
		i++;
	}
	tb->cursor = i;
}

void lf_textbuf_init(lf_textbuf *tb, size_t max_chars, bool multiline)
{
	tb->text = NULL;
	tb->len = tb->cap = tb->cursor = 0;
	tb->max_chars = max_chars;
	tb->multiline = multiline;
	moved(tb);
}

void lf_textbuf_free(lf_textbuf *tb)
{
	free(tb->text);
	tb->text = NULL;
	tb->len = tb->cap = tb->cursor = 0;
}

bool lf_textbuf_set_utf8(lf_textbuf *tb, const char *utf8)
{
	moved(tb);
	size_t n = 0, accepted = 0;
	bool ok = false;
	wchar_t *ws = lf_utf8_to_wcs(utf8 ? utf8 : "", &n);
	if (!ws)
		goto cleanup;
	for (size_t i = 0; i < n; i++) {
		wchar_t c;
		/* Stored text of a one-line field keeps its words apart. */
		if (ws[i] == L'\n' && !tb->multiline)
			ws[i] = L' ';
		if (accept_char(tb, ws[i], &c))
			accepted++;
	}
	size_t fits = accepted < limit_of(tb) ? accepted : limit_of(tb);
	/* Reserve first, so that running out of memory keeps the old text. */
	if (!reserve(tb, fits))
		goto cleanup;
	tb->len = tb->cursor = 0;
	ok = lf_textbuf_insert_n(tb, ws, n) == accepted;
cleanup:
	free(ws);
	return ok;
}

char *lf_textbuf_utf8(const lf_textbuf *tb)
{
	static const wchar_t empty[1] = { 0 };
	return lf_wcs_to_utf8(tb->len ? tb->text : empty, tb->len);
}

bool lf_textbuf_insert(lf_textbuf *tb, wchar_t c)
{
	return lf_textbuf_insert_n(tb, &c, 1) == 1;
}

/* Same outcome as inserting one by one, but the tail moves only once. */
size_t lf_textbuf_insert_n(lf_textbuf *tb, const wchar_t *s, size_t n)
{
	moved(tb);
	size_t limit = limit_of(tb);
	size_t room = tb->len < limit ? limit - tb->len : 0;
	size_t take = 0, used = 0;
	wchar_t c;
	for (; used < n && take < room; used++)
		if (accept_char(tb, s[used], &c))
			take++;
	if (take == 0 || !reserve(tb, tb->len + take))
		return 0;
	wchar_t *at = tb->text + tb->cursor;
	memmove(at + take, at, (tb->len - tb->cursor) * sizeof *at);
	for (size_t i = 0; i < used; i++)
		if (accept_char(tb, s[i], &c))
			*at++ = c;
	tb->len += take;
	tb->cursor += take;
	return take;
}

bool lf_textbuf_delete(lf_textbuf *tb)
{
	moved(tb);
	if (tb->cursor >= tb->len)
		return false;
	erase(tb, tb->cursor, tb->cursor + 1);
	return true;
}

bool lf_textbuf_backspace(lf_textbuf *tb)
{
	moved(tb);
	if (tb->cursor == 0)
		return false;
	erase(tb, tb->cursor - 1, tb->cursor);
	return true;
}

bool lf_textbuf_left(lf_textbuf *tb)
{
	moved(tb);
	if (tb->cursor == 0)
		return false;
	tb->cursor--;
	return true;
}

bool lf_textbuf_right(lf_textbuf *tb)
{
	moved(tb);
	if (tb->cursor >= tb->len)
		return false;
	tb->cursor++;
	return true;
}

void lf_textbuf_clear(lf_textbuf *tb)
{
	moved(tb);
	tb->len = tb->cursor = 0;
}

/* Strictly to the end of the line: at a '\n' nothing is deleted (lines are
 * not joined). */
void lf_textbuf_kill_to_end(lf_textbuf *tb)
{
	moved(tb);
	size_t e = tb->cursor;
	while (e < tb->len && tb->text[e] != L'\n')
		e++;
	erase(tb, tb->cursor, e);
}

void lf_textbuf_kill_to_start(lf_textbuf *tb)
{
	moved(tb);
	size_t s = tb->cursor;
	while (s > 0 && tb->text[s - 1] != L'\n')
		s--;
	erase(tb, s, tb->cursor);
}

size_t lf_textbuf_layout(const lf_textbuf *tb, int width, lf_textrow *rows, size_t max)
{
	width = clamp_width(width);
	size_t n = 0, pos = 0;
	for (;;) {
		row_it r;
		row_at(tb, width, pos, &r);
		if (rows && n < max) {
			rows[n].start = r.start;
			rows[n].end = r.end;
		}
		n++;
		if (r.last)
			return n;
		pos = r.next;
	}
}

void lf_textbuf_cursor_pos(const lf_textbuf *tb, int width, size_t *row, int *col)
{
	row_it cur;
	size_t n = cursor_row(tb, clamp_width(width), &cur, NULL);
	if (row)
		*row = n;
	if (col)
		*col = lf_textbuf_width(tb, cur.start, tb->cursor);
}

void lf_textbuf_home(lf_textbuf *tb, int width)
{
	row_it cur;
	cursor_row(tb, clamp_width(width), &cur, NULL);
	moved(tb);
	tb->cursor = cur.start;
}

void lf_textbuf_end(lf_textbuf *tb, int width)
{
	row_it cur;
	cursor_row(tb, clamp_width(width), &cur, NULL);
	moved(tb);
	tb->cursor = cur.end;
	/* After the last character, shown on this row, not at the next one's start. */
	tb->at_row_end = cur.soft;
}

/* The column Up/Down aim at: the one the first of them started from. */
static int goal_of(const lf_textbuf *tb, const row_it *cur)
{
	return tb->goal_col1 > 0 ? tb->goal_col1 - 1 : lf_textbuf_width(tb, cur->start, tb->cursor);
}

bool lf_textbuf_up(lf_textbuf *tb, int width)
{
	row_it cur, prev;
	width = clamp_width(width);
	size_t n = cursor_row(tb, width, &cur, &prev);
	if (n == 0)
		return false;
	int goal = goal_of(tb, &cur);
	land(tb, &prev, goal);
	tb->at_row_end = false;
	tb->goal_col1 = goal + 1;
	return true;
}

bool lf_textbuf_down(lf_textbuf *tb, int width)
{
	row_it cur, next;
	width = clamp_width(width);
	cursor_row(tb, width, &cur, NULL);
	if (cur.last)
		return false;
	int goal = goal_of(tb, &cur);
	row_at(tb, width, cur.next, &next);
	land(tb, &next, goal);
	tb->at_row_end = false;
	tb->goal_col1 = goal + 1;
	return true;
}

/* The cursor needs its own cell, and the whole character under it if it is
 * wide. When the text after first no longer fills the field (it was
 * shortened), scroll back so no text is hidden on the left needlessly. */
size_t lf_textbuf_hscroll(const lf_textbuf *tb, int width, size_t prev_first)
{
	width = clamp_width(width);
	size_t first = prev_first < tb->cursor ? prev_first : tb->cursor;
	int need = 1;
	if (tb->cursor < tb->len && char_width(tb->text[tb->cursor]) > need)
		need = char_width(tb->text[tb->cursor]);
	int used = lf_textbuf_width(tb, first, tb->cursor);
	while (first < tb->cursor && used + need > width)
		used -= char_width(tb->text[first++]);
	int tail = lf_textbuf_width(tb, first, tb->len) + 1;
	while (first > 0 && tail + char_width(tb->text[first - 1]) <= width)
		tail += char_width(tb->text[--first]);
	return first;
}

int lf_textbuf_width(const lf_textbuf *tb, size_t from, size_t to)
{
	if (to > tb->len)
		to = tb->len;
	int w = 0;
	for (size_t i = from; i < to; i++)
		w += char_width(tb->text[i]);
	return w;
}
