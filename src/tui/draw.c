/* Drawing helpers shared by every screen: clipped text, the key bar, the
 * message line, dialogs. Width is measured in columns (wcwidth), never bytes. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "laifang/stats.h"
#include "laifang/text.h"

int lf_draw_wcs(WINDOW *w, int y, int x, const wchar_t *ws, size_t n, int cols)
{
	int used = 0;
	if (cols <= 0)
		return 0;
	wmove(w, y, x);
	for (size_t i = 0; i < n; i++) {
		wchar_t c = ws[i];
		int cw = lf_wchar_width(c);
		if (used + cw > cols)
			break;
		/* Nothing that could steer the terminal is ever written. */
		if (c < 0x20 || (c >= 0x7f && c < 0xa0))
			c = 0xfffd;
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

void lf_draw_too_small(void)
{
	char line[160];
	erase();
	snprintf(line, sizeof line, _("The terminal is too small: laifang needs %d×%d, this one is %d×%d."),
	         LF_MIN_COLS, LF_MIN_ROWS, COLS, LINES);
	int y = LINES / 2 - 1;
	attron(COLOR_PAIR(LF_C_ERROR) | A_BOLD);
	lf_draw_text(stdscr, y < 0 ? 0 : y, 0, line, COLS);
	attroff(COLOR_PAIR(LF_C_ERROR) | A_BOLD);
	lf_draw_text(stdscr, y + 1 < LINES ? y + 1 : 0, 0,
	             _("Make the window larger; nothing typed is lost."), COLS);
	curs_set(0);
}

void lf_draw_keybar(unsigned screen)
{
	int y = LINES - 1, x = 0;
	attron(COLOR_PAIR(LF_C_BAR));
	lf_draw_blank(stdscr, y, 0, COLS);
	for (const lf_keydef *k = lf_keys; k->action != LF_A_NONE; k++) {
		if (!k->bar || !(k->screens & screen))
			continue;
		if (!lf_action_allowed(k->action, screen, NULL, 0))
			continue; /* a key the user's roles do not allow is left out */
		const char *label = _(k->bar);
		int need = (int)strlen(k->name) + lf_text_width(label) + 1;
		if (x + need > COLS)
			break;
		attron(A_BOLD);
		x += lf_draw_text(stdscr, y, x, k->name, COLS - x);
		attroff(A_BOLD);
		x += lf_draw_text(stdscr, y, x, label, COLS - x);
		x += 1;
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
	int used = 0;
	size_t cut = lf_text_fit(long_msg, COLS, &used);
	attron(COLOR_PAIR(message_pair(long_kind)) | (long_kind == LF_MSG_ERROR ? A_BOLD : 0));
	lf_draw_blank(stdscr, LINES - 3, 0, COLS);
	lf_draw_text(stdscr, LINES - 3, 0, long_msg, COLS);
	lf_draw_blank(stdscr, LINES - 2, 0, COLS);
	lf_draw_text(stdscr, LINES - 2, 0, long_msg + cut, COLS);
	attroff(COLOR_PAIR(message_pair(long_kind)) | A_BOLD);
	long_msg[0] = '\0';
}

/* A box in the middle of the screen; returns its window (caller deletes). */
static WINDOW *centered_box(int h, int w)
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

bool lf_dialog_confirm(const char *question, bool def)
{
	for (;;) {
		lf_redraw_all();
		int w = lf_text_width(question) + 6;
		if (w < 40)
			w = 40;
		if (w > COLS - 2)
			w = COLS - 2;
		/* Wrap the question over as many rows as it needs. */
		lf_textbuf tb;
		lf_textbuf_init(&tb, lf_text_chars(question) + 1, true);
		lf_textbuf_set_utf8(&tb, question);
		size_t rows = lf_textbuf_layout(&tb, w - 4, NULL, 0);
		lf_textrow *r = calloc(rows, sizeof *r);
		lf_textbuf_layout(&tb, w - 4, r, rows);
		WINDOW *win = centered_box((int)rows + 4, w);
		for (size_t i = 0; i < rows && r; i++)
			lf_draw_wcs(win, 1 + (int)i, 2, tb.text + r[i].start, r[i].end - r[i].start, w - 4);
		const char *hint = def ? _("[Y] yes   n: no") : _("y: yes   [N] no");
		wattron(win, A_BOLD);
		lf_draw_text(win, (int)rows + 2, 2, hint, w - 4);
		wattroff(win, A_BOLD);
		free(r);
		lf_textbuf_free(&tb);
		curs_set(0);
		wnoutrefresh(stdscr);
		wnoutrefresh(win);
		doupdate();
		wint_t key;
		int kind;
		do {
			kind = wget_wch(stdscr, &key);
		} while (kind == ERR);
		delwin(win);
		if (kind == KEY_CODE_YES && key == KEY_RESIZE)
			continue;
		curs_set(1);
		if (kind == OK && (key == 'y' || key == 'Y' || key == L'是'))
			return true;
		if (kind == OK && (key == 'n' || key == 'N' || key == 27 || key == L'否'))
			return false;
		if ((kind == OK && (key == '\r' || key == '\n')) || (kind == KEY_CODE_YES && key == KEY_ENTER))
			return def;
	}
}

void lf_dialog_text(const char *title, const char *utf8)
{
	size_t top = 0;
	for (;;) {
		lf_redraw_all();
		int w = COLS - 4 > 76 ? 76 : COLS - 4;
		int h = LINES - 4;
		if (w < 10 || h < 5)
			w = COLS, h = LINES;
		lf_textbuf tb;
		lf_textbuf_init(&tb, lf_text_chars(utf8) + 1, true);
		lf_textbuf_set_utf8(&tb, utf8);
		size_t rows = lf_textbuf_layout(&tb, w - 4, NULL, 0);
		lf_textrow *r = calloc(rows, sizeof *r);
		if (r)
			lf_textbuf_layout(&tb, w - 4, r, rows);
		size_t page = (size_t)(h - 4);
		if (top + page > rows)
			top = rows > page ? rows - page : 0;
		WINDOW *win = centered_box(h, w);
		wattron(win, A_BOLD);
		lf_draw_text(win, 0, 2, title, w - 4);
		wattroff(win, A_BOLD);
		for (size_t i = 0; r && i < page && top + i < rows; i++)
			lf_draw_wcs(win, 1 + (int)i, 2, tb.text + r[top + i].start,
			            r[top + i].end - r[top + i].start, w - 4);
		lf_draw_text(win, h - 2, 2, _("Up/Down/PgUp/PgDn: scroll   Esc or Enter: close"), w - 4);
		free(r);
		lf_textbuf_free(&tb);
		curs_set(0);
		wnoutrefresh(stdscr);
		wnoutrefresh(win);
		doupdate();
		wint_t key;
		int kind;
		do {
			kind = wget_wch(stdscr, &key);
		} while (kind == ERR);
		delwin(win);
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

/* Either of two permissions (the refusal names the first). */
static bool either(lf_perm a, lf_perm b, char *msg, size_t len)
{
	const lf_user *me = lf_tui_user();
	if (me && (lf_can(me->roles, a) || lf_can(me->roles, b)))
		return true;
	return lf_require(me, a, msg, len);
}

bool lf_action_allowed(lf_action a, unsigned screen, char *msg, size_t len)
{
	lf_perm perm;
	if (screen & (LF_S_QUEUE | LF_S_WAIT)) {
		if (a == LF_A_BULK)
			return either(LF_PERM_ROUTE, LF_PERM_ARCHIVE, msg, len);
		if (a == LF_A_VISIT_INTERVIEW || a == LF_A_VISIT_DONE || a == LF_A_VISIT_RETURNED)
			return either(LF_PERM_INSTRUCT, LF_PERM_REGISTER, msg, len);
		return true;
	}
	if (!(screen & (LF_S_HOME | LF_S_VIEW)))
		return true;
	switch (a) {
	case LF_A_NEW:
		perm = LF_PERM_REGISTER;
		break;
	case LF_A_AUDIT:
		perm = LF_PERM_VIEW_AUDIT;
		break;
	case LF_A_ADMIN:
		perm = LF_PERM_ADMINISTER;
		break;
	case LF_A_INSTRUCT:
		perm = LF_PERM_INSTRUCT;
		break;
	case LF_A_VISIT_WAIT:
		perm = LF_PERM_REGISTER;
		break;
	case LF_A_WAITING:
	case LF_A_RECEPTION_LOG: /* clerks and leaders */
		return either(LF_PERM_REGISTER, LF_PERM_INSTRUCT, msg, len);
	case LF_A_SCHEDULE:
		perm = LF_PERM_ADMINISTER;
		break;
	case LF_A_EXPORT: /* archivists and administrators */
		perm = LF_PERM_EXPORT;
		break;
	case LF_A_REPORT:
		return lf_stats_allowed(lf_tui_user(), msg, len);
	case LF_A_QUEUES: {
		const lf_user *me = lf_tui_user();
		for (int q = 0; q < LF_Q_COUNT; q++)
			if (lf_queue_visible(me, (lf_queue_id)q))
				return true;
		return lf_require(me, LF_PERM_SCREEN, msg, len);
	}
	case LF_A_STEP: {
		/* Any role that moves a case: the menu then offers what fits. */
		static const lf_perm movers[] = {LF_PERM_REGISTER, LF_PERM_INSTRUCT, LF_PERM_SCREEN, LF_PERM_ROUTE,
		                                 LF_PERM_REPORT,   LF_PERM_REPLY,    LF_PERM_ARCHIVE};
		const lf_user *me = lf_tui_user();
		for (size_t i = 0; i < sizeof movers / sizeof movers[0]; i++)
			if (me && lf_can(me->roles, movers[i]))
				return true;
		return lf_require(me, LF_PERM_ROUTE, msg, len);
	}
	default:
		return true;
	}
	return lf_require(lf_tui_user(), perm, msg, len);
}

int lf_dialog_menu(const char *title, const char *const *items, size_t n)
{
	size_t sel = 0, top = 0;
	if (n == 0)
		return -1;
	for (;;) {
		lf_redraw_all();
		int w = lf_text_width(title) + 6;
		for (size_t i = 0; i < n; i++) {
			int iw = lf_text_width(items[i]) + 10;
			if (iw > w)
				w = iw;
		}
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
		WINDOW *win = centered_box((int)rows + 4, w);
		wattron(win, A_BOLD);
		lf_draw_text(win, 0, 2, title, w - 4);
		wattroff(win, A_BOLD);
		for (size_t k = 0; k < rows && top + k < n; k++) {
			size_t i = top + k;
			char line[256];
			if (n < 10)
				snprintf(line, sizeof line, "%zu  %s", i + 1, items[i]);
			else
				snprintf(line, sizeof line, "%s", items[i]);
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
		curs_set(0);
		wnoutrefresh(stdscr);
		wnoutrefresh(win);
		doupdate();
		delwin(win);
		wint_t key;
		timeout(-1);
		int kind = get_wch(&key);
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
		} else if (kind == OK) {
			if (key == 27)
				return -1;
			if (key == '\r' || key == '\n')
				return (int)sel;
			if (key >= '1' && key < '1' + (wint_t)n && n < 10)
				return (int)(key - '1');
		}
	}
}

/* --- one-line text boxes --- */

void lf_line_init(lf_line_edit *e, size_t max_chars, bool secret)
{
	memset(e, 0, sizeof *e);
	lf_textbuf_init(&e->tb, max_chars, false);
	e->secret = secret;
	if (secret) {
		/* All the room at once: a growing buffer would leave copies of a
		 * password behind in freed memory. */
		e->tb.text = calloc(max_chars + 1, sizeof *e->tb.text);
		if (e->tb.text)
			e->tb.cap = max_chars + 1;
	}
}

static void wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;
	while (n--)
		*v++ = 0;
}

void lf_line_free(lf_line_edit *e)
{
	if (e->tb.text)
		wipe(e->tb.text, e->tb.cap * sizeof *e->tb.text);
	lf_textbuf_free(&e->tb);
	e->first = 0;
}

void lf_line_set(lf_line_edit *e, const char *utf8)
{
	if (e->secret && e->tb.text)
		wipe(e->tb.text, e->tb.cap * sizeof *e->tb.text);
	lf_textbuf_set_utf8(&e->tb, utf8 ? utf8 : "");
	e->first = 0;
}

char *lf_line_text(const lf_line_edit *e)
{
	return lf_textbuf_utf8(&e->tb);
}

int lf_line_draw(lf_line_edit *e, WINDOW *w, int y, int x, int cols, bool focused)
{
	if (cols < 1)
		return x;
	wattron(w, COLOR_PAIR(focused ? LF_C_FOCUS : LF_C_FIELD));
	lf_draw_blank(w, y, x, cols);
	int cx;
	if (e->secret) {
		/* One star per character; the text itself never reaches the screen. */
		size_t n = e->tb.len, shown = n < (size_t)cols - 1 ? n : (size_t)cols - 1;
		for (size_t i = 0; i < shown; i++)
			mvwaddch(w, y, x + (int)i, '*');
		size_t cur = e->tb.cursor < shown ? e->tb.cursor : shown;
		cx = x + (int)cur;
	} else {
		e->first = lf_textbuf_hscroll(&e->tb, cols, e->first);
		lf_draw_wcs(w, y, x, e->tb.text + e->first, e->tb.len - e->first, cols);
		cx = x + lf_textbuf_width(&e->tb, e->first, e->tb.cursor);
	}
	wattroff(w, COLOR_PAIR(focused ? LF_C_FOCUS : LF_C_FIELD));
	return cx;
}

bool lf_line_key(lf_line_edit *e, int kind, wint_t key)
{
	lf_textbuf *tb = &e->tb;
	if (kind == KEY_CODE_YES) {
		switch (key) {
		case KEY_LEFT:
			lf_textbuf_left(tb);
			return true;
		case KEY_RIGHT:
			lf_textbuf_right(tb);
			return true;
		case KEY_HOME:
			lf_textbuf_home(tb, 1000);
			return true;
		case KEY_END:
			lf_textbuf_end(tb, 1000);
			return true;
		case KEY_BACKSPACE:
			lf_textbuf_backspace(tb);
			return true;
		case KEY_DC:
			lf_textbuf_delete(tb);
			return true;
		default:
			return false;
		}
	}
	if (kind != OK)
		return false;
	switch (key) {
	case 127:
	case 8: /* Ctrl-H */
		lf_textbuf_backspace(tb);
		return true;
	case 4: /* Ctrl-D */
		lf_textbuf_delete(tb);
		return true;
	case 1: /* Ctrl-A */
		lf_textbuf_home(tb, 1000);
		return true;
	case 5: /* Ctrl-E */
		lf_textbuf_end(tb, 1000);
		return true;
	case 21: /* Ctrl-U */
		lf_textbuf_kill_to_start(tb);
		return true;
	case 11: /* Ctrl-K */
		lf_textbuf_kill_to_end(tb);
		return true;
	default:
		if (key < 0x20 || key == 0x7f || (key >= 0x80 && key < 0xa0))
			return false;
		lf_textbuf_insert(tb, (wchar_t)key);
		return true;
	}
}

/* --- the prompt dialog --- */

static void prompt_draw(lf_prompt *p)
{
	lf_redraw_all();
	if (!lf_screen_big_enough())
		return;
	int label_w = 0;
	for (size_t i = 0; i < p->n; i++) {
		int lw = lf_text_width(p->labels[i]);
		if (lw > label_w)
			label_w = lw;
	}
	int w = COLS - 4 > 64 ? 64 : COLS - 4;
	int intro_rows = p->intro ? 2 : 0;
	/* The message wraps over as many rows as it needs (a lock-out says
	 * until when). */
	const char *msg = p->msg[0] ? p->msg
	                 : p->can_back ? _("Enter: next / confirm   Tab: next box   Esc: back   F10: quit")
	                               : _("Enter: next / confirm   Tab: next box   F10: quit");
	lf_textbuf mb;
	lf_textbuf_init(&mb, lf_text_chars(msg) + 1, true);
	lf_textbuf_set_utf8(&mb, msg);
	size_t mrows = lf_textbuf_layout(&mb, w - 4, NULL, 0);
	if (mrows > 4)
		mrows = 4;
	lf_textrow mr[4];
	lf_textbuf_layout(&mb, w - 4, mr, mrows);
	int h = (int)p->n * 2 + intro_rows + 4 + (int)mrows;
	WINDOW *win = centered_box(h, w);
	if (p->title) {
		wattron(win, A_BOLD);
		lf_draw_text(win, 0, 2, p->title, w - 4);
		wattroff(win, A_BOLD);
	}
	if (p->intro)
		lf_draw_text(win, 2, 2, p->intro, w - 4);
	int bx = 2 + label_w + 2, bw = w - bx - 2;
	int cy = 0, cx = 0;
	for (size_t i = 0; i < p->n; i++) {
		int y = 2 + intro_rows + (int)i * 2;
		int lw = lf_text_width(p->labels[i]);
		wattron(win, COLOR_PAIR(LF_C_LABEL) | (i == p->focus ? A_BOLD : 0));
		lf_draw_text(win, y, 2 + label_w - lw, p->labels[i], label_w);
		wattroff(win, COLOR_PAIR(LF_C_LABEL) | A_BOLD);
		int c = lf_line_draw(&p->fields[i], win, y, bx, bw, i == p->focus);
		if (i == p->focus)
			cy = y, cx = c;
	}
	int my = h - 1 - (int)mrows;
	int pair = !p->msg[0] ? LF_C_NOTE
	           : p->msg_kind == LF_MSG_ERROR ? LF_C_ERROR : p->msg_kind == LF_MSG_OK ? LF_C_OK : LF_C_NOTE;
	wattron(win, COLOR_PAIR(pair) | (p->msg[0] ? A_BOLD : 0));
	for (size_t i = 0; i < mrows; i++)
		lf_draw_wcs(win, my + (int)i, 2, mb.text + mr[i].start, mr[i].end - mr[i].start, w - 4);
	wattroff(win, COLOR_PAIR(pair) | A_BOLD);
	lf_textbuf_free(&mb);
	wmove(win, cy, cx);
	curs_set(1);
	wnoutrefresh(stdscr);
	wnoutrefresh(win);
	doupdate();
	delwin(win);
}

lf_prompt_result lf_prompt_run(lf_prompt *p)
{
	if (p->focus >= p->n)
		p->focus = 0;
	for (;;) {
		prompt_draw(p);
		/* Keys are read here, not through lf_read_key: a resize must redraw
		 * this box too, and the login and lock dialogs never lock. */
		wint_t key;
		timeout(-1);
		int kind = get_wch(&key);
		if (kind == ERR || (kind == KEY_CODE_YES && key == KEY_RESIZE))
			continue;
		if (!lf_screen_big_enough() && !(kind == KEY_CODE_YES && key == KEY_F(10)))
			continue;
		bool enter = (kind == OK && (key == '\r' || key == '\n')) || (kind == KEY_CODE_YES && key == KEY_ENTER);
		if ((kind == KEY_CODE_YES && key == KEY_F(10)) || (kind == OK && key == 3 /* Ctrl-C */))
			return LF_PROMPT_QUIT;
		if (kind == OK && key == 27) {
			if (p->can_back)
				return LF_PROMPT_BACK;
			continue;
		}
		if (enter) {
			p->msg[0] = '\0';
			if (p->focus + 1 >= p->n)
				return LF_PROMPT_OK;
			p->focus++;
		} else if ((kind == OK && key == '\t') || (kind == KEY_CODE_YES && key == KEY_DOWN)) {
			p->focus = (p->focus + 1) % p->n;
		} else if (kind == KEY_CODE_YES && (key == KEY_BTAB || key == KEY_UP)) {
			p->focus = (p->focus + p->n - 1) % p->n;
		} else if (lf_line_key(&p->fields[p->focus], kind, key)) {
			p->msg[0] = '\0';
		}
	}
}

bool lf_prompt_line(const char *title, const char *label, bool secret, char *buf, size_t len)
{
	lf_line_edit e;
	/* At most (len - 1) / 4 characters, so any UTF-8 text fits buf. */
	lf_line_init(&e, len > 4 ? (len - 1) / 4 : 1, secret);
	lf_line_set(&e, buf);
	lf_prompt p = {.title = title, .labels = &label, .fields = &e, .n = 1, .can_back = true};
	bool ok = lf_prompt_run(&p) == LF_PROMPT_OK;
	if (ok) {
		char *s = lf_line_text(&e);
		snprintf(buf, len, "%s", s ? s : "");
		if (s)
			wipe(s, strlen(s));
		free(s);
	}
	lf_line_free(&e);
	return ok;
}

/* --- deadlines in lists and the timeline --- */

lf_due_state lf_due_text(lf_tui *t, const char *due_on, char *buf, size_t len)
{
	lf_date due;
	buf[0] = '\0';
	if (!due_on || !lf_date_parse(due_on, &due))
		return LF_DUE_OK;
	int left = 0;
	lf_due_state s = lf_deadline_state(lf_office_calendar(t->st), due, lf_date_today(), &left);
	/* The working days left, or the working days since when overdue. */
	if (s == LF_DUE_OVERDUE)
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
