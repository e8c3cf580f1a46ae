/* A list that holds only the rows near the view (issue 16: scrolling a
 * list of millions keeps the desk's memory flat). The rows of an lf_list
 * are a window onto a longer list read by key in both directions: each
 * Up, Down, PgUp, PgDn past the window's edge reads one page next to it
 * (one index seek), Home and End read the first or the last page, and rows
 * far from the view are let go. The list's own fetch and more are unused. */
#ifndef LAIFANG_LIST_WINDOW_H
#define LAIFANG_LIST_WINDOW_H

#include <stdbool.h>
#include <stddef.h>

#include "tui_internal.h"

typedef struct lf_window {
	lf_list *l;
	void *ctx;
	/* Push to into up to limit rows next to from (a row of the list), in
	 * the order they are read: going down the rows after it, going up
	 * (backward) the rows before it, nearest first. from NULL: from the
	 * top of the whole list down, or (backward) from its bottom up.
	 * False when the read failed (the screen says why). */
	bool (*read)(void *ctx, const void *from, bool backward, size_t limit, lf_list *into);
	bool more_above, more_below; /* rows beyond the window's edges */
} lf_window;

/* The first page (Home), selection on its first row. */
void lf_window_home(lf_window *w);
/* The last page (End), selection on its last row. */
void lf_window_end(lf_window *w);
/* Read again around anchor (a row of the list, e.g. the selected one): the
 * rows before it and from its place on, the selection on its place (the
 * next row when it is gone) and line rows below the top of the view, as it
 * was; line LF_WINDOW_TOP: the list's first row at the top of the view (it
 * was there: rows come in above, a new case on the home screen, and show).
 * A reload that keeps the place without reading from the top. */
#define LF_WINDOW_TOP ((size_t)-1)
void lf_window_at(lf_window *w, const void *anchor, size_t line);
/* The line for lf_window_at that keeps the view as it is now. */
size_t lf_window_line(const lf_window *w);
/* Up, Down, PgUp, PgDn, Home, End: true when a was one of them. */
bool lf_window_key(lf_window *w, lf_action a);
/* Rows the window keeps at most (a few screens). */
size_t lf_window_cap(const lf_window *w);

#endif
