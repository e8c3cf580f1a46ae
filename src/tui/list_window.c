/* The window onto a long list (list_window.h): rows read a page at a time
 * next to the window's edges, rows far from the view freed, so memory
 * stays the same from the first page to the last. */
#include "list_window.h"

#include <stdlib.h>
#include <string.h>

size_t lf_window_cap(const lf_window *w)
{
	return 3 * lf_list_page(w->l) + 3;
}

static void *row_at(const lf_list *l, size_t i)
{
	return (char *)l->rows + i * l->row_size;
}

/* Free rows [from, from + k) and close the gap. */
static void drop(lf_list *l, size_t from, size_t k)
{
	for (size_t i = from; i < from + k; i++)
		if (l->row_free)
			l->row_free(row_at(l, i));
	memmove(row_at(l, from), row_at(l, from + k), (l->n - from - k) * l->row_size);
	l->n -= k;
}

/* Read up to limit rows past an edge into the window; the rows held stay
 * at most the cap, those far from the view going. Returns rows read. */
static size_t grow(lf_window *w, bool up, size_t limit)
{
	lf_list *l = w->l;
	lf_list in = {.row_size = l->row_size, .row_free = l->row_free};
	const void *from = l->n ? row_at(l, up ? 0 : l->n - 1) : NULL;
	if (!w->read(w->ctx, from, up, limit, &in)) {
		lf_list_clear(&in);
		if (up)
			w->more_above = false;
		else
			w->more_below = false;
		return 0;
	}
	size_t k = in.n;
	if (up)
		w->more_above = k == limit;
	else
		w->more_below = k == limit;
	if (k == 0) {
		free(in.rows);
		return 0;
	}
	/* Room for all: push blanks, then place the new rows (the rows read
	 * upwards nearest first, so reversed above the old ones). */
	size_t old = l->n;
	for (size_t i = 0; i < k; i++)
		if (!lf_list_push(l)) {
			l->n = old; /* the blanks own nothing */
			lf_list_clear(&in);
			return 0;
		}
	if (up) {
		memmove(row_at(l, k), row_at(l, 0), old * l->row_size);
		for (size_t i = 0; i < k; i++)
			memcpy(row_at(l, k - 1 - i), row_at(&in, i), l->row_size);
		l->sel += k;
		l->top += k;
	} else {
		memcpy(row_at(l, old), in.rows, k * l->row_size);
	}
	free(in.rows); /* the rows themselves are the window's now */

	size_t cap = lf_window_cap(w);
	if (l->n > cap) {
		size_t extra = l->n - cap;
		if (up) {
			/* Let go of rows below the view. */
			size_t view_end = l->top + (size_t)(lf_list_rows(l) > 0 ? lf_list_rows(l) : 1);
			if (l->sel + 1 > view_end)
				view_end = l->sel + 1;
			size_t spare = l->n > view_end ? l->n - view_end : 0;
			if (extra > spare)
				extra = spare;
			if (extra) {
				drop(l, l->n - extra, extra);
				w->more_below = true;
			}
		} else {
			size_t keep_from = l->top < l->sel ? l->top : l->sel;
			if (extra > keep_from)
				extra = keep_from;
			if (extra) {
				drop(l, 0, extra);
				l->sel -= extra;
				l->top -= extra;
				w->more_above = true;
			}
		}
	}
	return k;
}

static void reset(lf_window *w)
{
	lf_list_clear(w->l);
	w->l->sel = w->l->top = 0;
	w->more_above = w->more_below = false;
}

void lf_window_home(lf_window *w)
{
	reset(w);
	grow(w, false, 2 * lf_list_page(w->l));
	w->more_above = false;
}

void lf_window_end(lf_window *w)
{
	reset(w);
	grow(w, true, 2 * lf_list_page(w->l));
	w->more_below = false;
	lf_list *l = w->l;
	l->sel = l->n ? l->n - 1 : 0;
	int rows = lf_list_rows(l);
	l->top = rows > 0 && l->n > (size_t)rows ? l->n - (size_t)rows : 0;
}

size_t lf_window_line(const lf_window *w)
{
	const lf_list *l = w->l;
	if (l->top == 0 && !w->more_above)
		return LF_WINDOW_TOP;
	return l->sel >= l->top ? l->sel - l->top : 0;
}

void lf_window_at(lf_window *w, const void *anchor, size_t line)
{
	lf_list *l = w->l;
	if (!anchor) {
		lf_window_home(w);
		return;
	}
	/* The rows above the anchor first, while it is still held. */
	size_t page = lf_list_page(l);
	lf_list above = {.row_size = l->row_size, .row_free = l->row_free};
	bool ok = w->read(w->ctx, anchor, true, page, &above);
	reset(w);
	if (!ok) {
		lf_list_clear(&above);
		lf_window_home(w);
		return;
	}
	size_t k = above.n;
	for (size_t i = 0; i < k; i++) { /* read nearest first: placed reversed */
		void *slot = lf_list_push(l);
		if (!slot) { /* the rows not placed are freed; those placed are the list's */
			for (size_t j = i; j < k; j++)
				if (l->row_free)
					l->row_free(row_at(&above, k - 1 - j));
			free(above.rows);
			return;
		}
		memcpy(slot, row_at(&above, k - 1 - i), l->row_size);
	}
	free(above.rows);
	w->more_above = k == page;
	w->more_below = true;
	grow(w, false, 2 * page);
	if (l->n == 0)
		return;
	l->sel = k < l->n ? k : l->n - 1;
	int rows = lf_list_rows(l);
	if (line == LF_WINDOW_TOP) /* the list's top stays in view, the selection too */
		l->top = rows > 0 && l->sel >= (size_t)rows ? l->sel - (size_t)rows + 1 : 0;
	else
		l->top = l->sel > line ? l->sel - line : 0;
	if (rows > 0 && l->n > (size_t)rows && l->top > l->n - (size_t)rows)
		l->top = l->n - (size_t)rows;
}

/* Move the selection step rows down (up: negative), reading a page past
 * the edge when the move runs off the window. */
static void move_by(lf_window *w, long step)
{
	lf_list *l = w->l;
	size_t page = lf_list_page(l);
	if (step > 0) {
		if (l->sel + (size_t)step >= l->n && w->more_below)
			grow(w, false, page > (size_t)step ? page : (size_t)step);
		l->sel = l->sel + (size_t)step < l->n ? l->sel + (size_t)step : (l->n ? l->n - 1 : 0);
	} else {
		size_t back = (size_t)-step;
		if (back > l->sel && w->more_above)
			grow(w, true, page > back ? page : back);
		l->sel = l->sel > back ? l->sel - back : 0;
	}
	/* The view follows the selection as drawing would (the next read
	 * lets go of rows by it). */
	int rows = lf_list_rows(l);
	if (l->sel < l->top)
		l->top = l->sel;
	if (rows > 0 && l->sel >= l->top + (size_t)rows)
		l->top = l->sel - (size_t)rows + 1;
}

bool lf_window_key(lf_window *w, lf_action a)
{
	long page = (long)lf_list_page(w->l);
	switch (a) {
	case LF_A_DOWN:
		move_by(w, 1);
		return true;
	case LF_A_UP:
		move_by(w, -1);
		return true;
	case LF_A_PAGE_DOWN:
		move_by(w, page);
		return true;
	case LF_A_PAGE_UP:
		move_by(w, -page);
		return true;
	case LF_A_HOME:
		lf_window_home(w);
		return true;
	case LF_A_END:
		lf_window_end(w);
		return true;
	default:
		return false;
	}
}
