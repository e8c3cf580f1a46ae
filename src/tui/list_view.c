/* One list for every list screen (home, the waiting list, a queue, the
 * search, users, units, the audit log): the rows kept in one growing array,
 * columns laid out left to right with one that takes what the others leave,
 * the selection and the first row shown, pages read on demand (keyset) and
 * the loop that reads keys, moves the selection and hands the rest to the
 * screen. What a screen shows in a cell is its own, through hooks. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/text.h"

/* ---- the rows ------------------------------------------------------------ */

void *lf_list_push(lf_list *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		char *r = realloc(l->rows, cap * l->row_size);
		if (!r)
			return NULL;
		l->rows = r;
		l->cap = cap;
	}
	void *row = (char *)l->rows + l->n++ * l->row_size;
	memset(row, 0, l->row_size);
	return row;
}

void *lf_list_at(const lf_list *l, size_t i)
{
	return i < l->n ? (char *)l->rows + i * l->row_size : NULL;
}

void *lf_list_current(const lf_list *l)
{
	return lf_list_at(l, l->sel);
}

void lf_list_clear(lf_list *l)
{
	for (size_t i = 0; l->row_free && i < l->n; i++)
		l->row_free(lf_list_at(l, i));
	free(l->rows);
	l->rows = NULL;
	l->n = l->cap = 0;
}

void lf_list_clamp(lf_list *l)
{
	if (l->sel >= l->n)
		l->sel = l->n ? l->n - 1 : 0;
}

/* ---- moving -------------------------------------------------------------- */

int lf_list_rows(const lf_list *l)
{
	/* the rows above the headings, the headings; message, bar, one spare */
	return LINES - l->y - 4;
}

size_t lf_list_page(const lf_list *l)
{
	int rows = lf_list_rows(l);
	return rows > 1 ? (size_t)rows - 1 : 1;
}

/* Read pages (keyset: after the last row read) until row want is read or
 * no more come. */
static void read_to(lf_list *l, size_t want)
{
	while (l->more && l->fetch && want >= l->n) {
		size_t before = l->n;
		l->fetch(l->ctx);
		if (l->n == before)
			break;
	}
}

void lf_list_down(lf_list *l, size_t step)
{
	read_to(l, l->sel + step);
	l->sel = l->sel + step < l->n ? l->sel + step : (l->n ? l->n - 1 : 0);
}

bool lf_list_key(lf_list *l, lf_action a)
{
	size_t page = lf_list_page(l);
	switch (a) {
	case LF_A_DOWN:
		lf_list_down(l, 1);
		return true;
	case LF_A_UP:
		if (l->sel > 0)
			l->sel--;
		return true;
	case LF_A_PAGE_DOWN:
		lf_list_down(l, page);
		return true;
	case LF_A_PAGE_UP:
		l->sel = l->sel > page ? l->sel - page : 0;
		return true;
	case LF_A_HOME:
		l->sel = 0;
		return true;
	case LF_A_END:
		read_to(l, (size_t)-1);
		l->sel = l->n ? l->n - 1 : 0;
		return true;
	default:
		return false;
	}
}

/* ---- drawing ------------------------------------------------------------- */

void lf_draw_title(const char *utf8)
{
	attron(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	lf_draw_blank(stdscr, 0, 0, COLS);
	lf_draw_text(stdscr, 0, 1, utf8, COLS - 2);
	attroff(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
}

void lf_draw_bold(int y, const char *utf8)
{
	attron(A_BOLD);
	lf_draw_text(stdscr, y, 1, utf8, COLS - 2);
	attroff(A_BOLD);
}

void lf_draw_foot(const char *msg, lf_msg_kind kind, unsigned screen)
{
	lf_draw_message(msg, kind);
	lf_draw_keybar(screen);
	curs_set(0);
}

/* Where each column starts and how wide it is: left to right from x0 with
 * one blank between, the flexible one (width 0) taking what is left so the
 * last ends margin columns short of the right edge. */
static void layout(const lf_list *l, int *x, int *w)
{
	int fixed = l->x0 + l->margin, flex = -1;
	for (size_t c = 0; c < l->ncols; c++) {
		fixed += l->cols[c].width + (c ? 1 : 0);
		if (l->cols[c].width == 0)
			flex = (int)c;
	}
	int at = l->x0;
	for (size_t c = 0; c < l->ncols; c++) {
		w[c] = (int)c == flex ? COLS - fixed : l->cols[c].width;
		if (w[c] < 0)
			w[c] = 0;
		x[c] = at;
		at += w[c] + 1;
	}
}

#define MAX_COLS 12

void lf_list_draw(lf_list *l)
{
	int x[MAX_COLS], w[MAX_COLS];
	size_t ncols = l->ncols < MAX_COLS ? l->ncols : MAX_COLS;
	layout(l, x, w);
	attron(COLOR_PAIR(LF_C_LABEL));
	for (size_t c = 0; c < ncols; c++)
		if (l->cols[c].heading[0]) /* _("") would be the catalogue's header */
			lf_draw_text(stdscr, l->y, x[c], _(l->cols[c].heading), w[c]);
	attroff(COLOR_PAIR(LF_C_LABEL));

	int rows = lf_list_rows(l);
	if (l->sel < l->top)
		l->top = l->sel;
	if (rows > 0 && l->sel >= l->top + (size_t)rows)
		l->top = l->sel - (size_t)rows + 1;
	if (l->n == 0 && l->empty)
		lf_draw_text(stdscr, l->y + 2, 3, l->empty, COLS - 4);
	for (int k = 0; k < rows && l->top + (size_t)k < l->n; k++) {
		size_t i = l->top + (size_t)k;
		const void *row = lf_list_at(l, i);
		int y = l->y + 1 + k;
		bool sel = i == l->sel;
		int rattr = !sel && l->row_attr ? l->row_attr(l->ctx, row) : 0;
		if (sel) {
			attron(COLOR_PAIR(LF_C_SELECT));
			lf_draw_blank(stdscr, y, 0, COLS);
		} else if (rattr) {
			attron(rattr);
		}
		/* The selected row shows a fixed column too narrow for its text
		 * whole (a long name with its title), the cells after it moved
		 * right as far as needed; the wide column that takes the rest
		 * and the last one keep their "…" (issue 12). */
		int shift = 0;
		for (size_t c = 0; c < ncols; c++) {
			int cx = x[c] + shift, cw = c + 1 < ncols ? w[c] : w[c] - shift;
			if (cx >= COLS)
				break;
			if (cw > COLS - cx)
				cw = COLS - cx;
			if (l->draw_cell && l->draw_cell(l->ctx, row, c, y, cx, cw))
				continue;
			char buf[2048];
			int attr = 0;
			const char *text = l->cell(l->ctx, row, c, buf, sizeof buf, &attr);
			/* A cell's own colour (a deadline, a flag) gives way to the
			 * selection's. */
			if (sel)
				attr = 0;
			if (attr)
				attron(attr);
			int need = text ? lf_text_width(text) : 0;
			if (sel && c + 1 < ncols && l->cols[c].width > 0 && need > cw) {
				int room = COLS - cx;
				lf_draw_text(stdscr, y, cx, text, need < room ? need : room);
				shift += need - cw;
			} else {
				/* A cell too narrow ends in "…", never inside a bracket
				 * (a title in （）). */
				char cut[2048];
				lf_draw_text(stdscr, y, cx, lf_text_ellipsize(text, cw, cut, sizeof cut), cw);
			}
			if (attr)
				attroff(attr);
		}
		if (sel)
			attroff(COLOR_PAIR(LF_C_SELECT));
		else if (rattr)
			attroff(rattr);
	}
}

/* ---- other desks' changes (issue 14) ------------------------------------ */

/* What the list shows, as one number: its length and every cell of the
 * rows in view (a cell may ask the office, as drawing does: the calendar
 * of a due date). */
static unsigned long long digest(const lf_list *l)
{
	unsigned long long h = 1469598103934665603ULL ^ l->n;
	int rows = lf_list_rows(l);
	size_t end = rows > 0 && l->top + (size_t)rows < l->n ? l->top + (size_t)rows : l->n;
	for (size_t i = l->top; l->cell && i < end; i++) {
		const void *row = lf_list_at(l, i);
		for (size_t c = 0; c < l->ncols; c++) {
			char buf[2048];
			int attr = 0;
			const char *text = l->cell(l->ctx, row, c, buf, sizeof buf, &attr);
			for (const char *p = text ? text : ""; *p; p++)
				h = (h ^ (unsigned char)*p) * 1099511628211ULL;
			h = (h ^ 0x1f) * 1099511628211ULL; /* between cells */
		}
	}
	return h;
}

/* Another desk changed something: the list read again, the selection kept
 * on its row (by key), the view at the same place in the list (a row new
 * above the selection comes into view rather than pushing the view down;
 * drawing scrolls only if the selection left it). True when what the list
 * shows changed. */
static bool follow_changes(lf_list_screen *s)
{
	lf_list *l = s->l;
	char key[128] = "";
	const void *cur = lf_list_current(l);
	if (cur && s->row_key && s->row_key(cur))
		snprintf(key, sizeof key, "%s", s->row_key(cur));
	unsigned long long before = digest(l);
	s->follow(s->ctx);
	for (size_t i = 0; key[0] && i < l->n; i++) {
		const char *k = s->row_key(lf_list_at(l, i));
		if (k && !strcmp(k, key)) {
			l->sel = i;
			break;
		}
	}
	lf_list_clamp(l);
	if (l->top > l->sel)
		l->top = l->sel;
	return digest(l) != before;
}

/* A key's wait ran out on a list that follows other desks: one look. True
 * when the screen must be drawn again. */
static bool look_for_changes(lf_list_screen *s)
{
	lf_tui *t = s->t;
	if (t->quit || t->logout || !lf_office_changed_elsewhere(t->st))
		return false;
	bool changed = follow_changes(s);
	/* A word only when nothing else is said (a saved case, an error). */
	if (changed && s->msg && !s->msg[0]) {
		snprintf(s->msg, s->msglen, "%s", _("Updated with another desk's changes."));
		if (s->msg_kind)
			*s->msg_kind = LF_MSG_NOTE;
	}
	return true;
}

/* ---- the loop ------------------------------------------------------------ */

void lf_list_run(lf_list_screen *s)
{
	lf_tui *t = s->t;
	char scratch[512];
	char *msg = s->msg ? s->msg : scratch;
	size_t msglen = s->msg ? s->msglen : sizeof scratch;
	lf_tui_push(s->draw, s->ctx);
	if (s->start)
		s->start(s->ctx);
	bool leave = false, draw = true;
	while (!leave && !t->quit && !t->logout) {
		if (draw)
			lf_redraw_all();
		draw = true;
		wint_t key;
		int kind = lf_read_key(&key, s->follow ? LF_WATCH_MS : -1);
		if (kind == ERR) {
			if (s->follow)
				draw = look_for_changes(s);
			continue;
		}
		lf_action a = lf_key_action(kind, key, s->screen);
		if (s->pre && s->pre(s->ctx, kind, key, a))
			continue;
		if (s->msg)
			s->msg[0] = '\0';
		if (!lf_action_allowed(a, s->screen, msg, msglen)) {
			if (s->msg_kind)
				*s->msg_kind = LF_MSG_ERROR; /* core's refusal, as said */
			continue;
		}
		if (a == LF_A_PALETTE) { /* the action chosen by name, as if its key */
			int step;
			a = lf_palette_run(s->screen, NULL, 0, &step);
			if (a == LF_A_NONE)
				continue;
		}
		if (lf_list_key(s->l, a))
			continue;
		switch (a) {
		case LF_A_QUIT:
			t->quit = true;
			break;
		case LF_A_BACK:
			leave = true;
			break;
		case LF_A_HELP: {
			char *text = s->help ? s->help(s->ctx) : lf_keys_help(s->screen);
			lf_dialog_text(s->help_title, text ? text : "");
			free(text);
			break;
		}
		default:
			if (s->act)
				leave = s->act(s->ctx, a);
			break;
		}
	}
	lf_tui_pop();
}
