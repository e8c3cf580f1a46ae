/* A saved case, read-only, drawn by the same renderer as the sheet; Tab or
 * F5 shows its timeline instead (办理过程: the state, routing, deadline and
 * every event), F7 the steps this user may take (case_flow.c). */
#include "tui_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/case_read.h"
#include "laifang/office.h"
#include "laifang/case_clocks.h"
#include "laifang/caseops.h"
#include "laifang/estimate.h"
#include "laifang/entries.h"
#include "laifang/clocks.h"
#include "laifang/i18n.h"
#include "laifang/text.h"

/* ---- the timeline panel ---- */

typedef struct tl_line {
	char *text;
	int attr;
	int indent;
} tl_line;

struct lf_timeline {
	lf_tui *t;
	lf_case_flow flow;
	tl_line *lines; /* the events, before wrapping */
	size_t n, cap;
	tl_line *clocks; /* the clocks, one line each, and its basis */
	size_t nc, ccap;
	int top;
	int total; /* rows at the last draw */
	int rows;  /* the panel's height at the last draw */
	char *agency; /* co-agencies, the agency's answers, the archive check (case_agency.c) */
};

static void tl_add(lf_timeline *tl, int attr, int indent, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void tl_add(lf_timeline *tl, int attr, int indent, const char *fmt, ...)
{
	if (tl->n == tl->cap) {
		size_t cap = tl->cap ? tl->cap * 2 : 32;
		tl_line *l = realloc(tl->lines, cap * sizeof *l);
		if (!l)
			return;
		tl->lines = l;
		tl->cap = cap;
	}
	char buf[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	tl->lines[tl->n] = (tl_line){strdup(buf), attr, indent};
	if (tl->lines[tl->n].text)
		tl->n++;
}


static const char *clock_state_label(const char *key)
{
	lf_clock_state s;
	return key && lf_clock_state_parse(key, &s) ? lf_clock_state_label(s) : key ? key : "";
}

static int tl_event(const lf_event *e, void *ud)
{
	lf_timeline *tl = ud;
	char at[20] = "";
	if (e->at) {
		snprintf(at, sizeof at, "%.16s", e->at);
		if (at[10] == 'T')
			at[10] = ' ';
	}
	/* A clock's start and its stop (met, missed...). */
	if (e->kind && !strcmp(e->kind, "clock_start")) {
		/* Its basis is in the list of deadlines below. */
		tl_add(tl, 0, 0, _("%s  %s starts, due %s"), at, lf_clock_rule_label_key(e->rule),
		       e->due_on ? e->due_on : "");
		return 0;
	}
	if (e->kind && !strcmp(e->kind, "clock_stop")) {
		tl_add(tl, 0, 0, _("%s  %s stops (%s): %s"), at, lf_clock_rule_label_key(e->rule),
		       e->reason ? lf_event_label(e->reason) : "", clock_state_label(e->to_state));
		return 0;
	}
	char extra[256] = "";
	size_t k = 0;
	if (e->unit_name && *e->unit_name)
		k += (size_t)snprintf(extra + k, sizeof extra - k, "  → %s", e->unit_name);
	/* Who approved before the due date: at 80 columns the name must not be
	 * the part that is cut off. */
	if (k < sizeof extra && e->approver && *e->approver)
		k += (size_t)snprintf(extra + k, sizeof extra - k, _("  approved by %s"), e->approver);
	if (k < sizeof extra && e->due_on && *e->due_on) {
		char due[64];
		lf_due_label(lf_office_calendar(tl->t->st), e->due_on, due, sizeof due);
		k += (size_t)snprintf(extra + k, sizeof extra - k, _("  due %s"), due);
	}
	if (k < sizeof extra && e->satisfaction && *e->satisfaction)
		snprintf(extra + k, sizeof extra - k, "  %s", lf_satisfaction_label(e->satisfaction)
		                                                  ? lf_satisfaction_label(e->satisfaction)
		                                                  : e->satisfaction);
	tl_add(tl, A_BOLD, 0, "%s  %s  %s%s", at, e->by_name ? e->by_name : "", lf_event_label(e->kind), extra);
	if (e->reason && *e->reason)
		tl_add(tl, 0, 4, _("Reason: %s"), e->reason);
	if (e->text && *e->text)
		tl_add(tl, 0, 4, "%s", e->text);
	return 0;
}

/* One clock of the case: rule, start, due, state, and its basis. */
static int tl_clock(const lf_clock_row *r, void *ud)
{
	lf_timeline *tl = ud;
	if (tl->nc + 2 > tl->ccap) {
		size_t cap = tl->ccap ? tl->ccap * 2 : 16;
		tl_line *l = realloc(tl->clocks, cap * sizeof *l);
		if (!l)
			return 1;
		tl->clocks = l;
		tl->ccap = cap;
	}
	char line[512], due[64];
	int attr = 0;
	bool running = r->state && !strcmp(r->state, "running");
	if (running)
		attr = lf_due_attr(lf_due_text(tl->t, r->due, due, sizeof due));
	else
		snprintf(due, sizeof due, "%s", r->due ? r->due : "");
	snprintf(line, sizeof line, _("%s  %s → %s%s  %s"), lf_clock_rule_label_key(r->rule), r->start ? r->start : "",
	         due, r->estimated && !running ? _(" (estimated)") : "", /* lf_due_text marks a running one */
	         clock_state_label(r->state));
	tl->clocks[tl->nc] = (tl_line){strdup(line), attr, 2};
	if (tl->clocks[tl->nc].text)
		tl->nc++;
	tl->clocks[tl->nc] = (tl_line){strdup(r->basis ? r->basis : ""), 0, 6};
	if (tl->clocks[tl->nc].text)
		tl->nc++;
	return 0;
}

lf_timeline *lf_timeline_load(lf_tui *t, const lf_case *c, char *msg, size_t len)
{
	lf_timeline *tl = calloc(1, sizeof *tl);
	if (!tl)
		return NULL;
	tl->t = t;
	/* The registration opens the file: the sheet's receptionist and time. */
	lf_event reg = {.kind = "register", .at = c->created_at, .by_name = c->receptionist};
	tl_event(&reg, tl);
	if (lf_case_read_flow(t->st, c->case_id, &tl->flow) != LF_STORE_OK ||
	    lf_case_read_events(t->st, tl->flow.case_id, tl_event, tl) != LF_STORE_OK) {
		snprintf(msg, len, "%s", lf_office_errmsg(t->st));
		lf_timeline_free(tl);
		return NULL;
	}
	tl->agency = lf_case_agency_summary(t, &tl->flow);
	if (lf_case_clocks(t->st, lf_tui_user(), tl->flow.case_id, tl_clock, tl, msg, len) != LF_STORE_OK) {
		lf_timeline_free(tl);
		return NULL;
	}
	return tl;
}

void lf_timeline_free(lf_timeline *tl)
{
	if (!tl)
		return;
	for (size_t i = 0; i < tl->n; i++)
		free(tl->lines[i].text);
	free(tl->lines);
	free(tl->agency);
	for (size_t i = 0; i < tl->nc; i++)
		free(tl->clocks[i].text);
	free(tl->clocks);
	lf_case_flow_free(&tl->flow);
	free(tl);
}

const lf_case_flow *lf_timeline_flow(const lf_timeline *tl)
{
	return &tl->flow;
}

void lf_timeline_scroll(lf_timeline *tl, int delta)
{
	tl->top += delta;
	if (tl->top > tl->total - tl->rows)
		tl->top = tl->total - tl->rows;
	if (tl->top < 0)
		tl->top = 0;
}

/* Draw one text wrapped at the width; returns the rows it takes. Rows
 * before the scroll position or past the panel are counted, not drawn. */
static int wrap_draw(const char *text, int attr, int indent, int *row, int top, int y0, int rows)
{
	int used0 = *row;
	const char *p = text;
	int w = COLS - 2 - indent;
	do {
		const char *nl = strchr(p, '\n');
		size_t seg = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, seg);
		const char *q = line ? line : "";
		do {
			size_t fit = lf_text_fit(q, w, NULL);
			if (fit == 0 && *q)
				fit = strlen(q); /* a character wider than the line */
			/* Latin words break at a space; Chinese anywhere. */
			if (q[fit] && q[fit] != ' ' && fit > 0 && (unsigned char)q[fit - 1] < 0x80) {
				size_t sp = fit;
				while (sp > 0 && q[sp - 1] != ' ')
					sp--;
				if (sp > fit / 2)
					fit = sp;
			}
			int y = *row - top;
			if (y >= 0 && y < rows) {
				char *part = strndup(q, fit);
				attron(attr);
				lf_draw_text(stdscr, y0 + y, 1 + indent, part, w);
				attroff(attr);
				free(part);
			}
			(*row)++;
			q += fit;
		} while (*q);
		free(line);
		p = nl ? nl + 1 : NULL;
	} while (p);
	return *row - used0;
}

void lf_timeline_draw(lf_timeline *tl, int y0, int rows)
{
	const lf_case_flow *f = &tl->flow;
	int row = 0;
	char buf[512], due[64];
	snprintf(buf, sizeof buf, _("State: %s   Lead unit: %s   Owner: %s"), lf_state_label(f->state),
	         f->lead_unit_name ? f->lead_unit_name : "—", f->owner_name ? f->owner_name : "—");
	wrap_draw(buf, A_BOLD, 0, &row, tl->top, y0, rows);
	lf_due_state ds = lf_due_text(tl->t, f->due_on, due, sizeof due);
	snprintf(buf, sizeof buf, _("Next deadline: %s %s"), f->due_on[0] ? lf_clock_rule_label_key(f->due_rule) : "",
	         f->due_on[0] ? due : "—");
	wrap_draw(buf, lf_due_attr(ds), 0, &row, tl->top, y0, rows);
	bool none = !f->urgent && !f->major && !f->extended;
	snprintf(buf, sizeof buf, _("Flags: %s%s%s%s   People: %d (representatives %d)%s%s"), none ? "—" : "",
	         f->urgent ? _("urgent ") : "", f->major ? _("major ") : "", f->extended ? _("extended") : "",
	         f->headcount, f->representatives, f->visit_state[0] ? _("   Visit: ") : "", lf_visit_state_label(f->visit_state));
	wrap_draw(buf, 0, 0, &row, tl->top, y0, rows);
	if (tl->agency && tl->agency[0])
		wrap_draw(tl->agency, 0, 0, &row, tl->top, y0, rows);
	wrap_draw(_("办理过程 (oldest first)"), COLOR_PAIR(LF_C_LABEL) | A_BOLD, 0, &row, tl->top, y0, rows);
	for (size_t i = 0; i < tl->n; i++)
		wrap_draw(tl->lines[i].text, tl->lines[i].attr, tl->lines[i].indent, &row, tl->top, y0, rows);
	/* Every clock of the case, after its history. */
	wrap_draw(_("Deadlines (rule, start → due, state)"), COLOR_PAIR(LF_C_LABEL) | A_BOLD, 0, &row, tl->top, y0, rows);
	for (size_t i = 0; i < tl->nc; i++)
		wrap_draw(tl->clocks[i].text, tl->clocks[i].attr, tl->clocks[i].indent, &row, tl->top, y0, rows);
	if (!tl->nc)
		wrap_draw("—", 0, 2, &row, tl->top, y0, rows);
	tl->total = row;
	tl->rows = rows;
	curs_set(0);
}

typedef struct case_view {
	lf_form_view v;
	lf_case c;
	char title[256];
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
	snprintf(cv->title, sizeof cv->title, "%s  %s%s", cv->tl ? "办理过程" : cv->form_title, cv->c.case_no,
	         cv->c.repeat ? _(" (repeat petition)") : "");
}

/* The timeline again after a step (when it is shown). */
static void timeline_reload(lf_tui *t, case_view *cv)
{
	if (!cv->tl)
		return;
	int top = cv->tl->top;
	lf_timeline_free(cv->tl);
	cv->tl = lf_timeline_load(t, &cv->c, cv->msg, sizeof cv->msg);
	if (cv->tl)
		cv->tl->top = top;
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
	set_title(cv);
	return true;
}

/* The long text i is scrolled to its end (or fits). */
static bool at_end(case_view *cv, size_t i)
{
	size_t h = (size_t)cv->v.height[i];
	size_t total = lf_textbuf_layout(&cv->v.bufs[i], cv->v.width[i], NULL, 0);
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
		size_t total = lf_textbuf_layout(&cv->v.bufs[i], cv->v.width[i], NULL, 0);
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
		/* Issue 11: 更正登记 and 重复访 (case_correct.c). */
		if ((a == LF_A_CORRECT && lf_case_correct_run(t, &cv.c, cv.msg, sizeof cv.msg, &cv.msg_kind)) ||
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
			if (a == LF_A_STEP) {
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
	lf_timeline_free(cv.tl);
	lf_form_view_free(&cv.v);
	lf_case_free(&cv.c);
}
