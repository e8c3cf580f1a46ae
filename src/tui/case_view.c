/* A saved case, read-only, drawn by the same renderer as the sheet; Tab or
 * F5 shows its timeline instead (办理过程: the state, routing, deadline and
 * every event), F7 the steps this user may take (case_flow.c). */
#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/office.h"
#include "laifang/caseops.h"
#include "laifang/entries.h"
#include "laifang/channel.h"
#include "laifang/i18n.h"
#include "laifang/query.h"
#include "laifang/text.h"

typedef struct case_view {
	lf_form_view v;
	lf_case c;
	char title[256];
	char code[LF_QUERY_CODE_SHOWN]; /* 查询码 as shown ("" when the case has none) */
	size_t scroll_field; /* the long text that Up/Down scroll */
	lf_timeline *tl;     /* shown instead of the sheet when not NULL */
	const char *form_title;
	char msg[1024];
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
	else if (cv->tl)
		lf_draw_message(_("办理过程. Up/Down scroll; Tab shows the sheet; Esc goes back."), LF_MSG_NOTE);
	else
		lf_draw_message(_("Read-only. Up/Down scroll the content; Tab shows the timeline; Esc goes back."),
		                LF_MSG_NOTE);
	lf_draw_keybar(LF_S_VIEW);
	if (cv->tl)
		lf_timeline_draw(cv->tl, 2, LINES - 4);
	else
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
					snprintf(b.msg, sizeof b.msg, "%s", msg[0] ? msg : lf_office_errmsg(t->st));
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

static void set_title(case_view *cv)
{
	char code[64] = "";
	if (cv->code[0])
		snprintf(code, sizeof code, _("  query code %s"), cv->code);
	snprintf(cv->title, sizeof cv->title, "%s  %s%s%s", cv->tl ? "办理过程" : cv->form_title, cv->c.case_no,
	         cv->c.repeat ? _(" (repeat petition)") : "", code);
}

/* The timeline again after a step (when it is shown). */
static void timeline_reload(lf_tui *t, case_view *cv)
{
	if (!cv->tl)
		return;
	cv->tl = lf_timeline_reload(t, cv->tl, &cv->c, cv->msg, sizeof cv->msg);
}

/* Issue 13: a letter, fax or call is shown on the case's sheet with its own
 * form's title, and what its form adds (邮戳, 联名人数, 附件页数, 来电时间)
 * as a note beside the name. */
static void channel_facts(case_view *cv, const lf_form_def *form)
{
	char err[256], note[512];
	const lf_form_def *own = lf_form_for_channel(cv->c.channel, err, sizeof err);
	cv->form_title = own && own != form ? own->title : form->title;
	int nf = lf_form_find(form, "name");
	if (nf < 0 || !own || own == form)
		return;
	/* The channel is in the title (来信登记表, 来电登记表). */
	size_t used = 0;
	note[0] = '\0';
	for (size_t i = 0; i < cv->c.n_intake && used < sizeof note; i++) {
		int k = lf_form_find(own, cv->c.intake_ids[i]);
		used += (size_t)snprintf(note + used, sizeof note - used, "%s%s %s", used ? " · " : "",
		                         k >= 0 ? own->fields[k].label : cv->c.intake_ids[i], cv->c.intake_values[i]);
	}
	lf_form_view_note(&cv->v, (size_t)nf, note[0] ? note : NULL);
}

/* Issue 13 (第三十五条): a case a lower office sent up for 复查 shows the
 * original case's number and office; the original answer and its
 * documents are on the timeline and in `laifang case show`. */
static void origin_facts(case_view *cv, const lf_form_def *form)
{
	const char *office = NULL, *no = NULL, *answer = NULL;
	for (size_t i = 0; i < cv->c.n_intake; i++) {
		if (!strcmp(cv->c.intake_ids[i], "from_office"))
			office = cv->c.intake_values[i];
		else if (!strcmp(cv->c.intake_ids[i], "from_case_no"))
			no = cv->c.intake_values[i];
		else if (!strcmp(cv->c.intake_ids[i], "from_answer"))
			answer = cv->c.intake_values[i];
	}
	/* Beside the name (the long content has no room beside it), after a
	 * letter's own facts when there are any: the number first, it is
	 * what a clerk looks up. */
	int k = lf_form_find(form, "name");
	if (!no || !answer || k < 0) /* a transfer from another office has no answer to review */
		return;
	const char *before = cv->v.notes[k];
	if (before && strstr(before, no)) /* read again: the note is there */
		return;
	char note[512];
	snprintf(note, sizeof note, _("%s%sReview (复查) of %s, %s"), before ? before : "", before ? " · " : "", no,
	         office ? office : "");
	lf_form_view_note(&cv->v, (size_t)k, note);
}

/* Read the case (through core: masked or in full by role, and audited) and
 * put it in the view. */
static bool load(lf_tui *t, case_view *cv, const char *case_no)
{
	lf_case c;
	memset(&c, 0, sizeof c);
	if (lf_case_open(t->st, t->me, case_no, &c) != LF_STORE_OK) {
		lf_dialog_text(_("Cannot open the case"), lf_office_errmsg(t->st));
		return false;
	}
	lf_case_free(&cv->c);
	cv->c = c;
	/* Issues 13, 15: the code the visitor holds, read to a caller who
	 * lost the receipt (a case older than query codes shows none). */
	char code[LF_QUERY_CODE_LEN];
	if (lf_query_code_of(t->st, t->me, cv->c.case_id, false, code, NULL, 0) == LF_STORE_OK)
		lf_query_code_show(code, cv->code, sizeof cv->code);
	else
		cv->code[0] = '\0';
	const lf_form_def *form = t->form;
	/* Issue 11: the boxes show every signed entry with its own signer and
	 * date; the report's 处室负责人签名 is the unit head who approved it. */
	char *box[2] = {lf_case_entries_text(&cv->c, "instruction"), lf_case_entries_text(&cv->c, "handling")};
	char *heads[2] = {NULL, NULL};
	if (box[1]) {
		heads[0] = lf_case_entries_join(&cv->c, "approval", false);
		heads[1] = lf_case_entries_join(&cv->c, "approval", true);
	}
	for (size_t i = 0; i < form->n_fields; i++) {
		const char *id = form->fields[i].id, *v = lf_case_field(&cv->c, id);
		if (box[0] && !strcmp(id, "instruction"))
			v = box[0];
		else if (box[1] && !strcmp(id, "handling"))
			v = box[1];
		else if (box[1] && !strcmp(id, "handling_signer"))
			v = heads[0];
		else if (box[1] && !strcmp(id, "handling_date"))
			v = heads[1];
		lf_form_view_set(&cv->v, i, v);
	}
	for (int k = 0; k < 2; k++) {
		free(box[k]);
		free(heads[k]);
	}
	/* The number as typed stays in the box; a 15-digit ID number's 18-digit
	 * form (the person's record) is shown next to it. */
	int idf = lf_form_find(form, "id_number");
	if (idf >= 0) {
		char note[128];
		if (cv->c.id_record && strlen(cv->c.id_record) == 18)
			snprintf(note, sizeof note, _("(18 digits: %s)"), cv->c.id_record);
		else if (cv->c.id_record)
			snprintf(note, sizeof note, _("(15 digits: %s)"), cv->c.id_record);
		lf_form_view_note(&cv->v, (size_t)idf, cv->c.id_record ? note : NULL);
	}
	channel_facts(cv, form);
	origin_facts(cv, form);
	set_title(cv);
	return true;
}

/* The long text i is scrolled to its end (or fits). */
static bool at_end(case_view *cv, size_t i)
{
	size_t h = (size_t)cv->v.height[i];
	size_t total = lf_form_view_rows(&cv->v, i, NULL, 0);
	return total <= h || cv->v.vscroll[i] >= total - h;
}

/* The next (dir 1) or previous (-1) long text after from that does not fit
 * its box; n_fields when none. */
static size_t next_long(case_view *cv, const lf_form_def *form, size_t from, int dir)
{
	for (size_t i = from; dir > 0 ? i + 1 < form->n_fields : i > 0;) {
		i = dir > 0 ? i + 1 : i - 1;
		if (form->fields[i].kind != LF_FIELD_MULTILINE)
			continue;
		size_t total = lf_form_view_rows(&cv->v, i, NULL, 0);
		if (total > (size_t)cv->v.height[i])
			return i;
	}
	return form->n_fields;
}

void lf_case_view_run(lf_tui *t, const char *case_no)
{
	case_view cv;
	memset(&cv, 0, sizeof cv);
	const lf_form_def *form = t->form;
	lf_form_view_init(&cv.v, form, true);
	cv.scroll_field = form->n_fields;
	cv.form_title = form->title;
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
		int step = -1; /* a step chosen by name in the palette */
		if (a == LF_A_PALETTE) {
			int steps[LF_STEP_COUNT];
			size_t ns = lf_case_steps_now(t, cv.c.case_id, steps, LF_STEP_COUNT);
			a = lf_palette_run(LF_S_VIEW, steps, ns, &step);
		}
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
		if (a == LF_A_PRINT)
			lf_print_case_dialog(t, cv.c.case_id);
		/* Archived means locked: refused before the editor opens. */
		if (a == LF_A_INSTRUCT && t->st && lf_case_unlocked(t->st, cv.c.case_id) != LF_STORE_OK) {
			snprintf(cv.msg, sizeof cv.msg, "%s", lf_office_errmsg(t->st));
			cv.msg_kind = LF_MSG_ERROR;
		} else if (a == LF_A_INSTRUCT && instruct(t, &cv.c) && load(t, &cv, cv.c.case_id)) {
			snprintf(cv.msg, sizeof cv.msg, "%s", _("The instruction is signed."));
			cv.msg_kind = LF_MSG_OK;
			timeline_reload(t, &cv);
		}
		/* Issue 11: 更正登记 and 重复访 (case_correct.c); issue 13: 送达 (case_deliver.c). */
		if ((a == LF_A_CORRECT && lf_case_correct_run(t, &cv.c, cv.msg, sizeof cv.msg, &cv.msg_kind)) ||
		    (a == LF_A_DELIVER && lf_case_deliver_run(t, cv.c.case_id, cv.msg, sizeof cv.msg, &cv.msg_kind)) ||
		    (a == LF_A_MEDIATE && lf_case_mediate_run(t, cv.c.case_id, cv.msg, sizeof cv.msg, &cv.msg_kind)) ||
		    (a == LF_A_REPEAT && lf_case_repeat_run(t, &cv.c, cv.msg, sizeof cv.msg, &cv.msg_kind))) {
			char keep[sizeof cv.msg];
			lf_msg_kind kk = cv.msg_kind;
			snprintf(keep, sizeof keep, "%s", cv.msg);
			load(t, &cv, cv.c.case_id);
			timeline_reload(t, &cv);
			snprintf(cv.msg, sizeof cv.msg, "%s", keep);
			cv.msg_kind = kk;
		}
		if (a == LF_A_TIMELINE) {
			if (cv.tl) {
				lf_timeline_free(cv.tl);
				cv.tl = NULL;
			} else {
				cv.tl = lf_timeline_load(t, &cv.c, cv.msg, sizeof cv.msg);
				if (!cv.tl)
					cv.msg_kind = LF_MSG_ERROR;
			}
			set_title(&cv);
		}
		if (a == LF_A_STEP || a == LF_A_VISIT_WAIT) {
			bool changed;
			if (a == LF_A_STEP && step >= 0) {
				changed = lf_case_step_take(t, cv.c.case_id, cv.c.case_no, step, cv.msg, sizeof cv.msg, &cv.msg_kind);
			} else if (a == LF_A_STEP) {
				changed = lf_case_steps_run(t, cv.c.case_id, cv.c.case_no, cv.msg, sizeof cv.msg, &cv.msg_kind);
			} else {
				changed = lf_tui_visit(t, cv.c.case_id, LF_VISIT_WAIT, cv.msg, sizeof cv.msg);
				cv.msg_kind = changed ? LF_MSG_OK : LF_MSG_ERROR;
			}
			/* Read again: the step, or another desk's move. */
			if (changed && t->st) {
				char keep[sizeof cv.msg];
				lf_msg_kind kk = cv.msg_kind;
				snprintf(keep, sizeof keep, "%s", cv.msg);
				load(t, &cv, cv.c.case_id);
				timeline_reload(t, &cv);
				snprintf(cv.msg, sizeof cv.msg, "%s", keep);
				cv.msg_kind = kk;
			}
		}
		if (cv.tl) {
			int page = LINES - 5 > 1 ? LINES - 5 : 1;
			if (a == LF_A_DOWN)
				lf_timeline_scroll(cv.tl, 1);
			else if (a == LF_A_UP)
				lf_timeline_scroll(cv.tl, -1);
			else if (a == LF_A_PAGE_DOWN)
				lf_timeline_scroll(cv.tl, page);
			else if (a == LF_A_PAGE_UP)
				lf_timeline_scroll(cv.tl, -page);
		} else if (cv.scroll_field < form->n_fields) {
			/* At the end of one long text Down goes on to the next that
			 * does not fit (信访内容, then 领导批示 with every signed entry,
			 * then 办理情况), and Up at the top back to the one before. */
			bool down = a == LF_A_DOWN || a == LF_A_PAGE_DOWN, up = a == LF_A_UP || a == LF_A_PAGE_UP;
			if ((down && at_end(&cv, cv.scroll_field)) || (up && cv.v.vscroll[cv.scroll_field] == 0)) {
				size_t next = next_long(&cv, form, cv.scroll_field, down ? 1 : -1);
				if (next < form->n_fields)
					cv.scroll_field = next;
			}
			size_t *vs = &cv.v.vscroll[cv.scroll_field];
			size_t h = (size_t)cv.v.height[cv.scroll_field];
			size_t total = lf_form_view_rows(&cv.v, cv.scroll_field, NULL, 0);
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
	lf_timeline_free(cv.tl);
	lf_form_view_free(&cv.v);
	lf_case_free(&cv.c);
}
