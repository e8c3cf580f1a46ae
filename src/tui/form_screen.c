/* One loop for the small forms over the lists (a user, a unit, the audit
 * filter): the keys of the sheet, a title line, the message line and the
 * bar, drawn by the same renderer as the sheet. What differs is in hooks. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/text.h"

static void draw(void *ctx)
{
	lf_form_screen *s = ctx;
	erase();
	attron(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	lf_draw_blank(stdscr, 0, 0, COLS);
	lf_draw_text(stdscr, 0, 1, s->title, COLS - 2);
	attroff(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	lf_draw_message(s->msg, s->msg_kind);
	lf_draw_keybar(LF_S_FORM);
	/* A message of two rows takes the last row of the fields: they give
	 * it up (the long text above shrinks), so no field is hidden. */
	bool two_rows = s->msg[0] && lf_text_width(s->msg) > COLS;
	lf_form_view_draw(s->v, 2, LINES - 4 - (two_rows ? 1 : 0));
	if (s->draw_over)
		s->draw_over(s->ctx);
}

static void help(const lf_form_screen *s)
{
	char *keys = lf_keys_help(LF_S_FORM);
	char *text = NULL;
	if (s->about) {
		size_t len = strlen(s->about) + (keys ? strlen(keys) : 0) + 3;
		text = malloc(len);
		if (text)
			snprintf(text, len, "%s\n\n%s", s->about, keys ? keys : "");
	}
	lf_dialog_text(s->title, text ? text : s->about ? s->about : keys ? keys : "");
	free(text);
	free(keys);
}

static bool may_leave(const lf_form_screen *s, const char *question)
{
	return !s->typed || !s->typed(s->ctx) || lf_dialog_confirm(question, false);
}

bool lf_form_screen_run(lf_tui *t, lf_form_screen *s)
{
	lf_tui_push(draw, s);
	bool done = false, leave = false;
	while (!leave && !t->quit) {
		lf_redraw_all();
		wint_t key;
		int kind = lf_read_key(&key, -1);
		if (kind == ERR)
			continue;
		lf_action a = lf_key_action(kind, key, LF_S_FORM);
		bool enter = (kind == OK && (key == '\r' || key == '\n')) || (kind == KEY_CODE_YES && key == KEY_ENTER);
		s->msg[0] = '\0';
		if (s->key && s->key(s->ctx, kind, key, a, enter))
			continue;
		/* Enter in a long text (a report, an opinion) starts a new line, as
		 * in the sheet's 信访内容: a paragraph break never hands the form
		 * over half typed. F2 does. */
		if (enter && s->v->form->fields[s->v->focus].kind == LF_FIELD_MULTILINE &&
		    lf_form_view_editable(s->v, s->v->focus))
			a = LF_A_NEWLINE;
		switch (a) {
		case LF_A_SAVE:
			done = leave = s->submit(s->ctx);
			break;
		case LF_A_NEXT_FIELD:
		case LF_A_DOWN:
			if (enter && lf_key_waiting()) {
				/* A line break inside a paste: it stays in a multi-line
				 * field, and never hands the form over (signs it). */
				if (s->v->form->fields[s->v->focus].kind == LF_FIELD_MULTILINE &&
				    lf_form_view_editable(s->v, s->v->focus))
					lf_form_view_edit(s->v, LF_A_NEWLINE, '\n');
				else
					lf_form_view_focus_next(s->v, 1);
				break;
			}
			/* Enter on the last field submits, as a form on paper is handed over. */
			if (!lf_form_view_focus_next(s->v, 1) && enter)
				done = leave = s->submit(s->ctx);
			break;
		case LF_A_PREV_FIELD:
		case LF_A_UP:
			lf_form_view_focus_next(s->v, -1);
			break;
		case LF_A_BACK:
			leave = may_leave(s, _("Leave without saving? What was typed is dropped."));
			break;
		case LF_A_QUIT:
			if (may_leave(s, _("Quit laifang without saving this form?")))
				t->quit = true;
			break;
		case LF_A_HELP:
			help(s);
			break;
		default:
			if (s->edit && s->edit(s->ctx, kind, key, a))
				break;
			if (a != LF_A_NONE || kind == OK)
				lf_form_view_edit(s->v, a, key);
			break;
		}
	}
	lf_tui_pop();
	return done;
}
