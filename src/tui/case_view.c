/* A saved case, read-only, drawn by the same renderer as the sheet. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/caseops.h"
#include "laifang/i18n.h"
#include "laifang/text.h"

typedef struct case_view {
	lf_form_view v;
	lf_case c;
	char title[256];
	size_t scroll_field; /* the long text that Up/Down scroll */
	char msg[512];
	lf_msg_kind msg_kind;
} case_view;

static void draw(void *ctx)
{
	case_view *cv = ctx;
	erase();
	attron(A_BOLD);
	int tw = lf_text_width(cv->title);
	lf_draw_text(stdscr, 0, (COLS - tw) / 2 > 0 ? (COLS - tw) / 2 : 0, cv->title, COLS);
	attroff(A_BOLD);
	if (cv->msg[0])
		lf_draw_message(cv->msg, cv->msg_kind);
	else
		lf_draw_message(_("Read-only. Up/Down scroll the content; Esc goes back."), LF_MSG_NOTE);
	lf_draw_keybar(LF_S_VIEW);
	lf_form_view_draw(&cv->v, 2, LINES - 4);
}

/* The instruction box: one multi-line field, edited by the form renderer. */
static char instr_id[] = "instruction";
static char instr_label[] = "领导批示";

typedef struct instr_box {
	lf_form_view v;
	const char *heading;
	char msg[512];
	lf_msg_kind msg_kind;
} instr_box;

static void draw_instr(void *ctx)
{
	instr_box *b = ctx;
	erase();
	attron(A_BOLD);
	lf_draw_text(stdscr, 0, 1, b->heading, COLS - 2);
	attroff(A_BOLD);
	if (b->msg[0])
		lf_draw_message(b->msg, b->msg_kind);
	else
		lf_draw_message(_("Write the instruction; F2 signs it with your name and the time, Esc goes back."),
		                LF_MSG_NOTE);
	lf_draw_keybar(LF_S_INSTR);
	lf_form_view_draw(&b->v, 2, LINES - 4);
}

/* F6: a leader writes an instruction and signs it (F2, after a question
 * naming the signature). True when it was signed. */
static bool instruct(lf_tui *t, const lf_case *c)
{
	lf_field_def field = {.id = instr_id, .label = instr_label, .kind = LF_FIELD_MULTILINE, .width = 60,
	                      .height = 6, .max_chars = 2000};
	lf_form_def form = {.id = instr_id, .title = instr_label, .fields = &field, .n_fields = 1};
	instr_box b;
	memset(&b, 0, sizeof b);
	char heading[256];
	snprintf(heading, sizeof heading, _("Instruction (批示) on case %s · %s"), c->case_no ? c->case_no : "",
	         c->name ? c->name : "");
	b.heading = heading;
	lf_form_view_init(&b.v, &form, false);
	char signer[200];
	if (t->me->title && *t->me->title)
		snprintf(signer, sizeof signer, "%s（%s）", t->me->name, t->me->title);
	else
		snprintf(signer, sizeof signer, "%s", t->me->name ? t->me->name : "");

	bool signed_ok = false;
	lf_tui_push(draw_instr, &b);
	while (!t->quit) {
		lf_redraw_all();
		wint_t key;
		int kind = lf_read_key(&key, -1);
		if (kind == ERR)
			continue;
		lf_action a = lf_key_action(kind, key, LF_S_INSTR); /* Enter: a new line */
		char *text = lf_form_view_get(&b.v, 0);
		bool empty = !text || !*text;
		if (a == LF_A_SAVE) {
			char q[512];
			snprintf(q, sizeof q, _("Sign this instruction as %s? It cannot be changed afterwards."), signer);
			if (empty) {
				snprintf(b.msg, sizeof b.msg, "%s", _("The instruction is empty."));
				b.msg_kind = LF_MSG_ERROR;
			} else if (lf_dialog_confirm(q, false)) {
				char msg[512] = "";
				lf_store_err e = lf_case_instruct(t->st, t->me, c->case_id, text, msg, sizeof msg);
				if (e == LF_STORE_OK) {
					signed_ok = true;
				} else {
					snprintf(b.msg, sizeof b.msg, "%s", msg[0] ? msg : lf_store_errmsg(t->st));
					b.msg_kind = LF_MSG_ERROR;
				}
			}
		} else if (a == LF_A_BACK) {
			if (empty || lf_dialog_confirm(_("Drop this instruction?"), false)) {
				free(text);
				break;
			}
		} else if (a == LF_A_QUIT) {
			if (empty || lf_dialog_confirm(_("Quit laifang? The instruction is not signed and is dropped."), false))
				t->quit = true;
		} else if (a == LF_A_HELP) {
			char *keys = lf_keys_help(LF_S_INSTR);
			lf_dialog_text(b.heading, keys ? keys : "");
			free(keys);
		} else if (a == LF_A_UP || a == LF_A_DOWN) {
			lf_form_view_vertical(&b.v, a == LF_A_DOWN ? 1 : -1);
		} else {
			/* The box's other keys edit; a key of no action is typed
			 * only when it is printable. */
			if (a != LF_A_NONE || (kind == OK && key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0))) {
				if (lf_form_view_edit(&b.v, a, key))
					b.msg[0] = '\0';
			}
		}
		free(text);
		if (signed_ok)
			break;
	}
	lf_tui_pop();
	lf_form_view_free(&b.v);
	return signed_ok;
}

/* Read the case (through core: masked or in full by role, and audited) and
 * put it in the view. */
static bool load(lf_tui *t, case_view *cv, const char *case_no)
{
	lf_case c;
	memset(&c, 0, sizeof c);
	if (lf_case_open(t->st, t->me, case_no, &c) != LF_STORE_OK) {
		lf_dialog_text(_("Cannot open the case"), lf_store_errmsg(t->st));
		return false;
	}
	lf_case_free(&cv->c);
	cv->c = c;
	const lf_form_def *form = t->form;
	for (size_t i = 0; i < form->n_fields; i++)
		lf_form_view_set(&cv->v, i, lf_case_field(&cv->c, form->fields[i].id));
	snprintf(cv->title, sizeof cv->title, "%s  %s%s", form->title, cv->c.case_no,
	         cv->c.repeat ? _(" (repeat petition)") : "");
	return true;
}

void lf_case_view_run(lf_tui *t, const char *case_no)
{
	case_view cv;
	memset(&cv, 0, sizeof cv);
	const lf_form_def *form = t->form;
	lf_form_view_init(&cv.v, form, true);
	cv.scroll_field = form->n_fields;
	for (size_t i = 0; i < form->n_fields; i++)
		if (form->fields[i].kind == LF_FIELD_MULTILINE && cv.scroll_field == form->n_fields)
			cv.scroll_field = i;
	if (!load(t, &cv, case_no)) {
		lf_form_view_free(&cv.v);
		return;
	}

	lf_tui_push(draw, &cv);
	while (!t->quit) {
		lf_redraw_all();
		wint_t key;
		int kind = lf_read_key(&key, -1);
		if (kind == ERR)
			continue;
		lf_action a = lf_key_action(kind, key, LF_S_VIEW);
		cv.msg[0] = '\0';
		if (!lf_action_allowed(a, LF_S_VIEW, cv.msg, sizeof cv.msg)) {
			cv.msg_kind = LF_MSG_ERROR;
			continue;
		}
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
		if (a == LF_A_AUDIT)
			lf_audit_view_run(t, cv.c.case_id);
		if (a == LF_A_INSTRUCT && instruct(t, &cv.c) && load(t, &cv, cv.c.case_id)) {
			snprintf(cv.msg, sizeof cv.msg, "%s", _("The instruction is signed."));
			cv.msg_kind = LF_MSG_OK;
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
