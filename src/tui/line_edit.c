/* One-line text boxes (login, passwords, small prompts) and the prompt
 * dialog that stacks several of them. Widths in columns, never bytes;
 * secret boxes show '*' and are wiped when freed. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/linebreak.h"
#include "laifang/text.h"

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
		case LF_KEY_PASTE:
			lf_paste_into(tb);
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
	if (p->blank) {
		/* Nothing behind the box: no visitor's name, number or words. */
		werase(stdscr);
		if (!lf_screen_big_enough())
			lf_draw_too_small();
		wnoutrefresh(stdscr);
	} else {
		lf_redraw_all();
	}
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
	size_t mlen = 0;
	wchar_t *mws = lf_utf8_to_wcs(msg, &mlen);
	size_t mrows = mws ? lf_linebreak(mws, mlen, w - 4, NULL, 0) : 0;
	if (mrows > 4)
		mrows = 4;
	lf_line_span mr[4];
	if (mws)
		lf_linebreak(mws, mlen, w - 4, mr, mrows);
	int h = (int)p->n * 2 + intro_rows + 4 + (int)mrows;
	WINDOW *win = lf_centered_box(h, w);
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
		lf_draw_wcs(win, my + (int)i, 2, mws + mr[i].start, mr[i].end - mr[i].start, w - 4);
	wattroff(win, COLOR_PAIR(pair) | A_BOLD);
	free(mws);
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
		int kind = lf_wait_key(&key);
		if (kind == ERR)
			return LF_PROMPT_QUIT; /* the terminal is gone */
		if (kind == KEY_CODE_YES && key == KEY_RESIZE)
			continue;
		if (!lf_screen_big_enough() && !(kind == KEY_CODE_YES && key == KEY_F(10)))
			continue;
		bool enter = (kind == OK && (key == '\r' || key == '\n')) || (kind == KEY_CODE_YES && key == KEY_ENTER);
		if ((kind == KEY_CODE_YES && key == KEY_F(10)) || (kind == OK && key == 3 /* Ctrl-C */))
			return LF_PROMPT_QUIT;
		if (kind == KEY_CODE_YES && key == KEY_F(1) && p->help) {
			lf_dialog_text(p->title ? p->title : "", p->help);
			continue;
		}
		if (kind == OK && key == 27) {
			if (p->can_back)
				return LF_PROMPT_BACK;
			continue;
		}
		if (kind == KEY_CODE_YES && key == KEY_F(1)) { /* how to answer and close it */
			lf_dialog_text(p->title ? p->title : _("Help"),
			               p->can_back ? _("Enter: next / confirm   Tab: next box   Esc: back   F10: quit")
			                           : _("Enter: next / confirm   Tab: next box   F10: quit"));
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
