/* Drawing helpers shared by every screen: clipped text, the key bar, the
 * message line, dialogs. Width is measured in columns (wcwidth), never bytes. */
#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/estimate.h"
#include "laifang/i18n.h"
#include "laifang/linebreak.h"
#include "laifang/text.h"

int lf_draw_wcs(WINDOW *w, int y, int x, const wchar_t *ws, size_t n, int cols)
{
	int used = 0;
	if (cols <= 0)
		return 0;
	wmove(w, y, x);
	for (size_t i = 0; i < n; i++) {
		wchar_t c = ws[i];
		/* Nothing that could steer the terminal or reorder the line (a
		 * bidi control) is ever written. */
		if (c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
			c = 0xfffd;
		int cw = lf_wchar_width(c);
		if (used + cw > cols)
			break;
		if (cw == 0 && used == 0)
			continue; /* a combining mark with nothing to sit on */
		cchar_t cc;
		wchar_t s[2] = {c, 0};
		setcchar(&cc, s, 0, 0, NULL);
		wadd_wch(w, &cc);
		used += cw;
	}
	return used;
}

int lf_draw_text(WINDOW *w, int y, int x, const char *utf8, int cols)
{
	if (!utf8)
		return 0;
	size_t n = 0;
	wchar_t *ws = lf_utf8_to_wcs(utf8, &n);
	if (!ws)
		return 0;
	int used = lf_draw_wcs(w, y, x, ws, n, cols);
	free(ws);
	return used;
}

void lf_draw_blank(WINDOW *w, int y, int x, int cols)
{
	if (cols > 0)
		mvwhline(w, y, x, ' ', cols);
}

bool lf_screen_big_enough(void)
{
	return COLS >= LF_MIN_COLS && LINES >= LF_MIN_ROWS;
}

/* Draw utf8 broken into lines of COLS from row y with attr; the rows it took. */
static int draw_wrapped(int y, const char *utf8, int attr)
{
	lf_line_span sp[32];
	size_t n = lf_linebreak_utf8(utf8, COLS, sp, 32);
	if (n > 32)
		n = 32;
	attron(attr);
	for (size_t i = 0; i < n && y + (int)i < LINES; i++) {
		char line[512];
		snprintf(line, sizeof line, "%.*s", (int)(sp[i].end - sp[i].start), utf8 + sp[i].start);
		lf_draw_text(stdscr, y + (int)i, 0, line, COLS);
	}
	attroff(attr);
	return (int)n;
}

static int rows_of(const char *utf8)
{
	size_t n = lf_linebreak_utf8(utf8, COLS, NULL, 0);
	return n ? (int)n : 1;
}

/* Issue 12: the whole message at any size. The full sentences, broken into
 * lines; when they do not fit, a shorter one; at the very least the size
 * needed. */
void lf_draw_too_small(void)
{
	char line[160], short_line[160], need[32];
	erase();
	snprintf(line, sizeof line, _("The terminal is too small: laifang needs %d×%d, this one is %d×%d."),
	         LF_MIN_COLS, LF_MIN_ROWS, COLS, LINES);
	const char *more = _("Make the window larger; nothing typed is lost.");
	snprintf(short_line, sizeof short_line, _("Too small: %d×%d needed. Nothing is lost."), LF_MIN_COLS,
	         LF_MIN_ROWS);
	snprintf(need, sizeof need, "%d×%d", LF_MIN_COLS, LF_MIN_ROWS);
	int err = COLOR_PAIR(LF_C_ERROR) | A_BOLD;
	int full = rows_of(line) + rows_of(more);
	if (full <= LINES) {
		int y = (LINES - full) / 2;
		y += draw_wrapped(y, line, err);
		draw_wrapped(y, more, 0);
	} else if (rows_of(short_line) <= LINES) {
		draw_wrapped((LINES - rows_of(short_line)) / 2, short_line, err);
	} else {
		draw_wrapped(0, need, err);
	}
	curs_set(0);
}

/* A training database says so at the right of every key bar; returns the
 * columns it took. */
static int draw_training_badge(int y)
{
	lf_date d;
	if (!lf_date_training(&d))
		return 0;
	char day[LF_DATE_LEN], badge[64];
	lf_date_format(d, day);
	snprintf(badge, sizeof badge, _("TRAINING %s"), day);
	int w = lf_text_width(badge) + 2;
	if (w > COLS)
		return 0;
	attron(COLOR_PAIR(LF_C_ERROR) | A_BOLD | A_REVERSE);
	lf_draw_blank(stdscr, y, COLS - w, w);
	lf_draw_text(stdscr, y, COLS - w + 1, badge, w - 1);
	attroff(COLOR_PAIR(LF_C_ERROR) | A_BOLD | A_REVERSE);
	return w;
}

/* The key bar in pages (issue 12): when a user's keys do not fit on one
 * line (several roles, a wider language), each page shows whole labels
 * and ends with "F12» 1/2"; F12 shows the next page (lf_keybar_next, from
 * lf_read_key, on any screen). The page is the last drawn screen's. */
static unsigned bar_screen;
static int bar_page, bar_pages;

bool lf_keybar_next(void)
{
	if (bar_pages <= 1)
		return false;
	bar_page = (bar_page + 1) % bar_pages;
	return true;
}

void lf_draw_keybar(unsigned screen)
{
	int y = LINES - 1;
	attron(COLOR_PAIR(LF_C_BAR));
	lf_draw_blank(stdscr, y, 0, COLS);
	attroff(COLOR_PAIR(LF_C_BAR));
	int cols = COLS - draw_training_badge(y);
	if (screen != bar_screen) {
		bar_screen = screen;
		bar_page = 0;
	}
	const lf_keydef *shown[64];
	int width[64], total = 0;
	size_t n = 0;
	for (const lf_keydef *k = lf_keys; k->action != LF_A_NONE && n < 64; k++) {
		if (!k->bar || !(k->screens & screen))
			continue;
		if (!lf_action_allowed(k->action, screen, NULL, 0))
			continue; /* a key the user's roles do not allow is left out */
		width[n] = (int)strlen(k->name) + lf_text_width(_(k->bar)) + 1;
		total += width[n];
		shown[n++] = k;
	}
	/* One page when all fit; else pages that leave room for the marker. */
	char mark[32];
	int room = cols;
	bar_pages = 1;
	if (total - 1 > cols) {
		snprintf(mark, sizeof mark, "» %d/%d", 9, 9);
		room = cols - (3 + lf_text_width(mark) + 1);
		int x = 0;
		for (size_t i = 0; i < n; i++) {
			if (x > 0 && x + width[i] - 1 > room) {
				bar_pages++;
				x = 0;
			}
			x += width[i];
		}
	}
	if (bar_page >= bar_pages)
		bar_page = 0;
	attron(COLOR_PAIR(LF_C_BAR));
	int x = 0, page = 0;
	for (size_t i = 0; i < n; i++) {
		if (x > 0 && x + width[i] - 1 > room) {
			page++;
			x = 0;
		}
		if (page != bar_page) {
			x += width[i];
			continue;
		}
		int at = x;
		attron(A_BOLD);
		at += lf_draw_text(stdscr, y, at, shown[i]->name, room - at);
		attroff(A_BOLD);
		lf_draw_text(stdscr, y, at, _(shown[i]->bar), room - at);
		x += width[i];
	}
	if (bar_pages > 1) {
		snprintf(mark, sizeof mark, "» %d/%d", bar_page + 1, bar_pages);
		int mx = cols - 3 - lf_text_width(mark);
		attron(A_BOLD);
		lf_draw_text(stdscr, y, mx, "F12", 3);
		attroff(A_BOLD);
		lf_draw_text(stdscr, y, mx + 3, mark, cols - mx - 3);
	}
	attroff(COLOR_PAIR(LF_C_BAR));
}

/* A message too long for its row, drawn again over two rows once the whole
 * screen is drawn (lf_draw_long_message, from lf_redraw_all): the row above
 * belongs to the screen's content, which would otherwise cover it. */
static char long_msg[1024];
static lf_msg_kind long_kind;

static int message_pair(lf_msg_kind kind)
{
	return kind == LF_MSG_ERROR ? LF_C_ERROR : kind == LF_MSG_OK ? LF_C_OK : LF_C_NOTE;
}

void lf_draw_message(const char *utf8, lf_msg_kind kind)
{
	int y = LINES - 2;
	lf_draw_blank(stdscr, y, 0, COLS);
	long_msg[0] = '\0';
	if (!utf8 || !*utf8)
		return;
	attron(COLOR_PAIR(message_pair(kind)) | (kind == LF_MSG_ERROR ? A_BOLD : 0));
	lf_draw_text(stdscr, y, 0, utf8, COLS);
	attroff(COLOR_PAIR(message_pair(kind)) | A_BOLD);
	if (lf_text_width(utf8) > COLS) {
		snprintf(long_msg, sizeof long_msg, "%s", utf8);
		long_kind = kind;
	}
}

void lf_draw_long_message(void)
{
	if (!long_msg[0] || LINES < 3)
		return;
	/* Broken by the Chinese rules (linebreak.h), the rest on the second row. */
	lf_line_span sp[2];
	size_t n = lf_linebreak_utf8(long_msg, COLS, sp, 2);
	size_t end1 = n ? sp[0].end : lf_text_fit(long_msg, COLS, NULL);
	size_t start2 = n > 1 ? sp[1].start : end1;
	char first[sizeof long_msg];
	snprintf(first, sizeof first, "%.*s", (int)end1, long_msg);
	attron(COLOR_PAIR(message_pair(long_kind)) | (long_kind == LF_MSG_ERROR ? A_BOLD : 0));
	lf_draw_blank(stdscr, LINES - 3, 0, COLS);
	lf_draw_text(stdscr, LINES - 3, 0, first, COLS);
	lf_draw_blank(stdscr, LINES - 2, 0, COLS);
	lf_draw_text(stdscr, LINES - 2, 0, long_msg + start2, COLS);
	attroff(COLOR_PAIR(message_pair(long_kind)) | A_BOLD);
	long_msg[0] = '\0';
}

/* A box in the middle of the screen; returns its window (caller deletes). */
WINDOW *lf_centered_box(int h, int w)
{
	if (w > COLS)
		w = COLS;
	if (h > LINES)
		h = LINES;
	WINDOW *win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
	wbkgd(win, COLOR_PAIR(LF_C_NOTE));
	werase(win);
	box(win, 0, 0);
	return win;
}

/* A dialog's text broken into lines by the Chinese rules (linebreak.h). */
typedef struct wrapped {
	wchar_t *ws;
	lf_line_span *lines;
	size_t count;
} wrapped;

static void wrap_text(const char *utf8, int width, wrapped *w)
{
	size_t n = 0;
	w->ws = lf_utf8_to_wcs(utf8 ? utf8 : "", &n);
	w->count = w->ws ? lf_linebreak(w->ws, n, width, NULL, 0) : 0;
	w->lines = w->count ? calloc(w->count, sizeof *w->lines) : NULL;
	if (w->lines)
		lf_linebreak(w->ws, n, width, w->lines, w->count);
	else
		w->count = 0;
}

static void wrap_free(wrapped *w)
{
	free(w->ws);
	free(w->lines);
}

static void wrap_draw_line(WINDOW *win, int y, int x, const wrapped *w, size_t i, int cols)
{
	lf_draw_wcs(win, y, x, w->ws + w->lines[i].start, w->lines[i].end - w->lines[i].start, cols);
}

/* While the screen is too small a dialog draws nothing over the message and
 * takes no key but a resize (issue 12): a key would answer a question the
 * person cannot see. False when the terminal is gone. */
static bool wait_while_too_small(void)
{
	while (!lf_screen_big_enough()) {
		lf_redraw_all();
		wint_t key;
		if (lf_wait_key(&key) == ERR)
			return false;
	}
	return true;
}

/* A yes / no question; with back, Esc is a third answer (-1): neither. */
static int yes_no(const char *question, bool def, bool back)
{
	for (;;) {
		lf_redraw_all();
		int w = lf_text_width(question) + 6;
		if (w < 40)
			w = 40;
		if (w > COLS - 2)
			w = COLS - 2;
		/* Wrap the question over as many rows as it needs. */
		wrapped wt;
		wrap_text(question, w - 4, &wt);
		size_t rows = wt.count;
		/* On a terminal below the minimum a question asked there (F10's)
		 * is shown over the message while it fits whole; else only the
		 * message, and no key answers it unseen. */
		if (!lf_screen_big_enough() && (w < 20 || (int)rows + 4 > LINES)) {
			wrap_free(&wt);
			if (!wait_while_too_small())
				return back ? -1 : 0; /* nobody is there to say yes */
			continue;
		}
		WINDOW *win = lf_centered_box((int)rows + 4, w);
		for (size_t i = 0; i < rows; i++)
			wrap_draw_line(win, 1 + (int)i, 2, &wt, i, w - 4);
		const char *hint = back  ? (def ? _("[Y] yes   n: no   Esc: back") : _("y: yes   [N] no   Esc: back"))
		                   : def ? _("[Y] yes   n: no")
		                         : _("y: yes   [N] no");
		wattron(win, A_BOLD);
		lf_draw_text(win, (int)rows + 2, 2, hint, w - 4);
		wattroff(win, A_BOLD);
		wrap_free(&wt);
		curs_set(0);
		wnoutrefresh(stdscr);
		wnoutrefresh(win);
		doupdate();
		wint_t key;
		int kind;
		kind = lf_wait_key(&key);
		delwin(win);
		if (kind == ERR)
			return back ? -1 : 0; /* nobody is there to say yes */
		if (kind == KEY_CODE_YES && key == KEY_RESIZE)
			continue;
		if (kind == KEY_CODE_YES && key == KEY_F(1)) {
			lf_dialog_text(_("Help"), back ? _("y answers yes, n answers no, Enter gives the answer in "
			                                   "brackets; Esc answers neither and goes back.")
			                                 : _("y answers yes, n or Esc answers no, Enter gives the answer in "
			                                     "brackets. Either answer closes the question."));
			continue;
		}
		curs_set(1);
		if (kind == OK && (key == 'y' || key == 'Y' || key == L'是'))
			return 1;
		if (kind == OK && key == 27)
			return back ? -1 : 0;
		if (kind == OK && (key == 'n' || key == 'N' || key == L'否'))
			return 0;
		if ((kind == OK && (key == '\r' || key == '\n')) || (kind == KEY_CODE_YES && key == KEY_ENTER))
			return def;
	}
}

bool lf_dialog_confirm(const char *question, bool def)
{
	return yes_no(question, def, false) == 1;
}

int lf_dialog_yes_no_back(const char *question, bool def)
{
	return yes_no(question, def, true);
}



void lf_dialog_text(const char *title, const char *utf8)
{
	size_t top = 0;
	for (;;) {
		if (!wait_while_too_small())
			return;
		lf_redraw_all();
		int w = COLS - 4 > 76 ? 76 : COLS - 4;
		int h = LINES - 4;
		if (w < 10 || h < 5)
			w = COLS, h = LINES;
		wrapped wt;
		wrap_text(utf8, w - 4, &wt);
		size_t rows = wt.count;
		size_t page = (size_t)(h - 4);
		if (top + page > rows)
			top = rows > page ? rows - page : 0;
		WINDOW *win = lf_centered_box(h, w);
		wattron(win, A_BOLD);
		lf_draw_text(win, 0, 2, title, w - 4);
		wattroff(win, A_BOLD);
		for (size_t i = 0; i < page && top + i < rows; i++)
			wrap_draw_line(win, 1 + (int)i, 2, &wt, top + i, w - 4);
		lf_draw_text(win, h - 2, 2, _("Up/Down/PgUp/PgDn: scroll   Esc or Enter: close"), w - 4);
		wrap_free(&wt);
		curs_set(0);
		wnoutrefresh(stdscr);
		wnoutrefresh(win);
		doupdate();
		wint_t key;
		int kind;
		kind = lf_wait_key(&key);
		delwin(win);
		if (kind == ERR)
			break;
		if (kind == KEY_CODE_YES) {
			if (key == KEY_DOWN && top + page < rows)
				top++;
			else if (key == KEY_UP && top > 0)
				top--;
			else if (key == KEY_NPAGE)
				top += page;
			else if (key == KEY_PPAGE)
				top = top > page ? top - page : 0;
			else if (key == KEY_F(1) || key == KEY_ENTER)
				break;
		} else if (kind == OK && (key == 27 || key == '\r' || key == '\n' || key == 'q'))
			break;
	}
	curs_set(1);
}

int lf_dialog_menu(const char *title, const char *const *items, size_t n)
{
	size_t sel = 0, top = 0;
	if (n == 0)
		return -1;
	for (;;) {
		if (!wait_while_too_small())
			return -1;
		lf_redraw_all();
		int w = lf_text_width(title) + 6;
		for (size_t i = 0; i < n; i++) {
			int iw = lf_text_width(items[i]) + 10;
			if (iw > w)
				w = iw;
		}
		/* How to close it, on the bottom border (issue 12). */
		const char *hint = _("Enter: choose   Esc: close   F1: help");
		if (w < lf_text_width(hint) + 6)
			w = lf_text_width(hint) + 6;
		if (w < 30)
			w = 30;
		if (w > COLS)
			w = COLS;
		/* A long list (units, leaders) scrolls inside the box. */
		size_t rows = n;
		size_t max_rows = LINES > 8 ? (size_t)LINES - 6 : 2;
		if (rows > max_rows)
			rows = max_rows;
		if (sel < top)
			top = sel;
		if (sel >= top + rows)
			top = sel - rows + 1;
		WINDOW *win = lf_centered_box((int)rows + 4, w);
		wattron(win, A_BOLD);
		lf_draw_text(win, 0, 2, title, w - 4);
		wattroff(win, A_BOLD);
		for (size_t k = 0; k < rows && top + k < n; k++) {
			size_t i = top + k;
			char line[256];
			/* The first nine take their digit; a longer list's others
			 * are reached with the arrows. */
			if (i < 9)
				snprintf(line, sizeof line, "%zu  %s", i + 1, items[i]);
			else
				snprintf(line, sizeof line, "   %s", items[i]);
			if (i == sel)
				wattron(win, COLOR_PAIR(LF_C_SELECT));
			lf_draw_blank(win, 2 + (int)k, 2, w - 4);
			lf_draw_text(win, 2 + (int)k, 3, line, w - 6);
			if (i == sel)
				wattroff(win, COLOR_PAIR(LF_C_SELECT));
		}
		if (top > 0)
			mvwaddch(win, 1, w - 3, '^');
		if (top + rows < n)
			mvwaddch(win, (int)rows + 2, w - 3, 'v');
		lf_draw_text(win, (int)rows + 3, 2, hint, w - 4);
		curs_set(0);
		wnoutrefresh(stdscr);
		wnoutrefresh(win);
		doupdate();
		delwin(win);
		wint_t key;
		int kind = lf_wait_key(&key);
		if (kind == ERR)
			return -1;
		if (kind == KEY_CODE_YES) {
			if (key == KEY_DOWN && sel + 1 < n)
				sel++;
			else if (key == KEY_UP && sel > 0)
				sel--;
			else if (key == KEY_NPAGE)
				sel = sel + rows < n ? sel + rows : n - 1;
			else if (key == KEY_PPAGE)
				sel = sel > rows ? sel - rows : 0;
			else if (key == KEY_HOME)
				sel = 0;
			else if (key == KEY_END)
				sel = n - 1;
			else if (key == KEY_ENTER)
				return (int)sel;
			else if (key == KEY_F(1))
				lf_dialog_text(title, _("Up/Down (or the item's number) chooses an item; Enter takes the chosen "
				                        "item. Esc closes this menu and does nothing."));
		} else if (kind == OK) {
			if (key == 27)
				return -1;
			if (key == '\r' || key == '\n')
				return (int)sel;
			if (key >= '1' && key < '1' + (wint_t)(n < 9 ? n : 9))
				return (int)(key - '1');
		}
	}
}

/* --- deadlines in lists and the timeline --- */

lf_due_state lf_due_text(lf_tui *t, const char *due_on, char *buf, size_t len)
{
	lf_date due;
	buf[0] = '\0';
	if (!due_on || !lf_date_parse(due_on, &due))
		return LF_DUE_OK;
	int left = 0;
	const lf_calendar *cal = lf_office_calendar(t->st);
	lf_due_state s = lf_deadline_state(cal, due, lf_date_today(), &left);
	/* The working days left, or the working days since when overdue; a
	 * date in a year the calendar only estimates says so (estimate.h). */
	bool est = lf_due_estimated(cal, due_on);
	if (est && s == LF_DUE_OVERDUE)
		snprintf(buf, len, _("%s (est., %d over)"), due_on, -left);
	else if (est) /* the count itself is an estimate: the queue's 20 columns say only that */
		snprintf(buf, len, _("%s (est.)"), due_on);
	else if (s == LF_DUE_OVERDUE)
		snprintf(buf, len, _("%s (%d over)"), due_on, -left);
	else
		snprintf(buf, len, _("%s (%d left)"), due_on, left);
	return s;
}

int lf_due_attr(lf_due_state s)
{
	return s == LF_DUE_OVERDUE ? (int)(COLOR_PAIR(LF_C_ERROR) | A_BOLD)
	       : s == LF_DUE_NEAR  ? (int)(COLOR_PAIR(LF_C_NOTE) | A_BOLD)
	                           : 0;
}

void lf_copy_text(char *dst, size_t size, const char *src)
{
	if (!size)
		return;
	size_t n = src ? strlen(src) : 0;
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--; /* never half a character */
	}
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}
