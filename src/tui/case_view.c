/* A saved case, read-only, drawn by the same renderer as the sheet. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/text.h"

typedef struct case_view {
	lf_form_view v;
	lf_case c;
	char title[256];
	size_t scroll_field; /* the long text that Up/Down scroll */
} case_view;

static void draw(void *ctx)
{
	case_view *cv = ctx;
	erase();
	attron(A_BOLD);
	int tw = lf_text_width(cv->title);
	lf_draw_text(stdscr, 0, (COLS - tw) / 2 > 0 ? (COLS - tw) / 2 : 0, cv->title, COLS);
	attroff(A_BOLD);
	lf_draw_message(_("Read-only. Up/Down scroll the content; Esc goes back."), LF_MSG_NOTE);
	lf_draw_keybar(LF_S_VIEW);
	lf_form_view_draw(&cv->v, 2, LINES - 4);
}

void lf_case_view_run(lf_tui *t, const char *case_no)
{
	case_view cv;
	memset(&cv, 0, sizeof cv);
	if (lf_store_get_case(t->st, case_no, &cv.c) != LF_STORE_OK) {
		lf_dialog_text(_("Cannot open the case"), lf_store_errmsg(t->st));
		return;
	}
	const lf_form_def *form = t->form;
	lf_form_view_init(&cv.v, form, true);
	cv.scroll_field = form->n_fields;
	for (size_t i = 0; i < form->n_fields; i++) {
		lf_form_view_set(&cv.v, i, lf_case_field(&cv.c, form->fields[i].id));
		if (form->fields[i].kind == LF_FIELD_MULTILINE && cv.scroll_field == form->n_fields)
			cv.scroll_field = i;
	}
	snprintf(cv.title, sizeof cv.title, "%s  %s%s", form->title, cv.c.case_no,
	         cv.c.repeat ? _(" (repeat petition)") : "");

	lf_tui_push(draw, &cv);
	while (!t->quit) {
		lf_redraw_all();
		wint_t key;
		int kind = lf_read_key(&key, -1);
		if (kind == ERR)
			continue;
		lf_action a = lf_key_action(kind, key, LF_S_VIEW);
		if (a == LF_A_BACK)
			break;
		if (a == LF_A_QUIT) {
			t->quit = true;
			break;
		}
		if (a == LF_A_HELP) {
			char *text = lf_keys_help(LF_S_VIEW);
			lf_dialog_text(_("Keys of the case view"), text ? text : "");
			free(text);
		}
		if (cv.scroll_field < form->n_fields) {
			size_t *vs = &cv.v.vscroll[cv.scroll_field];
			size_t h = (size_t)cv.v.height[cv.scroll_field];
			size_t total = lf_textbuf_layout(&cv.v.bufs[cv.scroll_field], cv.v.width[cv.scroll_field], NULL, 0);
			size_t max = total > h ? total - h : 0;
			if (a == LF_A_DOWN && *vs < max)
				(*vs)++;
			else if (a == LF_A_UP && *vs > 0)
				(*vs)--;
			else if (a == LF_A_PAGE_DOWN)
				*vs = *vs + h < max ? *vs + h : max;
			else if (a == LF_A_PAGE_UP)
				*vs = *vs > h ? *vs - h : 0;
		}
	}
	lf_tui_pop();
	lf_form_view_free(&cv.v);
	lf_case_free(&cv.c);
}
