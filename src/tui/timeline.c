/* The timeline panel of a case (办理过程): the state, routing, every event
 * and signed entry, each clock's start and stop and the list of clocks
 * with their basis; scrolled a row or a page at a time (case_view.c shows
 * it on Tab / F5). */
#include "tui_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/case_read.h"
#include "laifang/case_clocks.h"
#include "laifang/clocks.h"
#include "laifang/estimate.h"
#include "laifang/case_eval.h"
#include "laifang/answer.h"
#include "laifang/i18n.h"
#include "laifang/supervision.h"
#include "laifang/agreement.h"
#include "laifang/linebreak.h"
#include "laifang/office.h"
#include "laifang/review.h"
#include "laifang/text.h"
#include "laifang/workflow.h"

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
	char eval[1024]; /* issue 13: the evaluation, 待评价 or 超期未评价; "" none */
	bool eval_overdue;
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
	if (e->repeats_report) /* the report step above says it */
		return 0;
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
	char said[256];
	if (e->reason && *e->reason && lf_review_reason_line(e->kind, e->reason, said, sizeof said))
		tl_add(tl, 0, 4, "%s", said);
	else if (e->reason && e->kind && !strcmp(e->kind, "supervise") && lf_supervision_level_word(e->reason))
		tl_add(tl, 0, 4, _("Level: %s (%s)"), lf_supervision_level_word(e->reason),
		       lf_supervision_level_article(e->reason));
	else if (e->reason && e->kind && !strcmp(e->kind, "mediate") && lf_agreement_title(e->reason))
		tl_add(tl, 0, 4, "%s", lf_agreement_title(e->reason)); /* 调解协议书 / 和解协议书 (第三十三条) */
	else if (e->reason && *e->reason && e->kind &&
	         (!strcmp(e->kind, "in_house") || !strcmp(e->kind, "transfer") || !strcmp(e->kind, "assign")))
		tl_add(tl, 0, 4, _("Forwarding opinion (批转意见): %s"), e->reason); /* signed with the routing */
	else if (e->reason && *e->reason)
		tl_add(tl, 0, 4, _("Reason: %s"), e->reason);
	/* The agreement's parties and mediator (第三十三条). */
	if (e->agreement_parties && *e->agreement_parties) {
		char joined[1024];
		size_t j = 0;
		for (const char *p = e->agreement_parties; *p && j + 4 < sizeof joined; p++) {
			if (*p == '\n') {
				memcpy(joined + j, "、", strlen("、"));
				j += strlen("、");
			} else
				joined[j++] = *p;
		}
		joined[j] = '\0';
		tl_add(tl, 0, 4, _("Parties: %s"), joined);
	}
	if (e->agreement_mediator && *e->agreement_mediator)
		tl_add(tl, 0, 4, _("Mediator: %s"), e->agreement_mediator);
	if (e->text && *e->text)
		tl_add(tl, 0, 4, "%s", e->text);
	/* The reply's written answer (第三十二条): its opinion, facts, basis. */
	if (e->answer_opinion && lf_answer_opinion_label(e->answer_opinion)) {
		tl_add(tl, 0, 4, _("Opinion: %s"), lf_answer_opinion_label(e->answer_opinion));
		tl_add(tl, 0, 4, _("Facts and reasons: %s"), e->answer_facts ? e->answer_facts : "");
		tl_add(tl, 0, 4, _("Legal basis: %s"), e->answer_basis ? e->answer_basis : "");
	}
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
	/* Issue 12: a group visit's people, as the sheet registered them. */
	if (c->visit_kind && !strcmp(c->visit_kind, "集体访")) {
		char names[512];
		int k = snprintf(names, sizeof names, "%s", c->name ? c->name : "");
		for (size_t i = 0; i < 4 && k >= 0 && (size_t)k < sizeof names; i++)
			if (c->rep_name[i])
				k += snprintf(names + k, sizeof names - (size_t)k, "、%s", c->rep_name[i]);
		tl_add(tl, 0, 2, _("Group visit (集体访): %s people; representatives: %s"),
		       c->headcount ? c->headcount : "1", names);
	}
	if (lf_case_read_flow(t->st, c->case_id, &tl->flow) != LF_STORE_OK ||
	    lf_case_read_events(t->st, tl->flow.case_id, tl_event, tl) != LF_STORE_OK) {
		snprintf(msg, len, "%s", lf_office_errmsg(t->st));
		lf_timeline_free(tl);
		return NULL;
	}
	/* Issue 13 (可评价): the evaluation, pending, or 超期未评价. */
	lf_case_eval ce;
	char eval_msg[256];
	if (lf_case_eval_read(t->st, lf_tui_user(), tl->flow.case_id, &ce, eval_msg, sizeof eval_msg) == LF_STORE_OK) {
		lf_case_eval_line(&ce, tl->eval, sizeof tl->eval);
		tl->eval_overdue = ce.overdue;
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

/* An event's first line starts with its time, "YYYY-MM-DD HH:MM  ": its
 * further rows go under the text after it. */
static int event_hang(const char *text)
{
	static const char shape[] = "dddd-dd-dd dd:dd  ";
	for (size_t i = 0; shape[i]; i++) {
		char c = text[i];
		if (!c || (shape[i] == 'd' ? (c < '0' || c > '9') : c != shape[i]))
			return 0;
	}
	return (int)sizeof shape - 1;
}

/* One row of a wrapped text at the panel's column x, width w (counted, not
 * drawn, outside the panel). */
static void wrap_row(const char *q, lf_line_span sp, int attr, int x, int w, int *row, int top, int y0, int rows)
{
	int y = *row - top;
	if (y >= 0 && y < rows) {
		char *part = strndup(q + sp.start, sp.end - sp.start);
		attron(attr);
		lf_draw_text(stdscr, y0 + y, x, part ? part : "", w);
		attroff(attr);
		free(part);
	}
	(*row)++;
}

/* Draw one text wrapped at the width; returns the rows it takes. Rows
 * before the scroll position or past the panel are counted, not drawn. The
 * rows after its first start hang columns further in (under an event's
 * text, past its time). */
static int wrap_draw_hang(const char *text, int attr, int indent, int hang, int *row, int top, int y0, int rows)
{
	int used0 = *row;
	const char *p = text;
	int w = COLS - 2 - indent;
	if (hang > w / 2)
		hang = 0;
	bool first = true;
	do {
		const char *nl = strchr(p, '\n');
		size_t seg = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, seg);
		const char *q = line ? line : "";
		/* Chinese line breaking: no line starts with a closing mark, a
		 * number keeps its unit, Latin words break at spaces. */
		bool rest_only = false; /* the first row drawn: only what follows it */
		if (first && hang) {
			/* The first row at the full width, the rest narrower. */
			lf_line_span one;
			if (lf_linebreak_utf8(q, w, &one, 1) > 0) {
				wrap_row(q, one, attr, 1 + indent, w, row, top, y0, rows);
				q += one.end;
				while (*q == ' ')
					q++;
				rest_only = true;
			}
		}
		int x = 1 + indent + hang, cw = w - hang;
		size_t count = rest_only && !*q ? 0 : lf_linebreak_utf8(q, cw, NULL, 0);
		lf_line_span *sp = count ? calloc(count, sizeof *sp) : NULL;
		if (sp)
			lf_linebreak_utf8(q, cw, sp, count);
		for (size_t k = 0; k < count; k++) {
			if (sp)
				wrap_row(q, sp[k], attr, x, cw, row, top, y0, rows);
			else
				(*row)++;
		}
		free(sp);
		free(line);
		first = false;
		p = nl ? nl + 1 : NULL;
	} while (p);
	return *row - used0;
}

static int wrap_draw(const char *text, int attr, int indent, int *row, int top, int y0, int rows)
{
	return wrap_draw_hang(text, attr, indent, 0, row, top, y0, rows);
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
	if (f->due_on[0])
		snprintf(buf, sizeof buf, _("Next deadline: %s %s"), lf_clock_rule_label_key(f->due_rule), due);
	else
		snprintf(buf, sizeof buf, _("Next deadline: %s"), "—");
	wrap_draw(buf, lf_due_attr(ds), 0, &row, tl->top, y0, rows);
	bool none = !f->urgent && !f->major && !f->extended;
	snprintf(buf, sizeof buf, _("Flags: %s%s%s%s   People: %d (representatives %d)%s%s"), none ? "—" : "",
	         f->urgent ? _("urgent ") : "", f->major ? _("major ") : "", f->extended ? _("extended") : "",
	         f->headcount, f->representatives, f->visit_state[0] ? _("   Visit: ") : "", lf_visit_state_label(f->visit_state));
	wrap_draw(buf, 0, 0, &row, tl->top, y0, rows);
	if (tl->eval[0])
		wrap_draw(tl->eval, tl->eval_overdue ? lf_due_attr(LF_DUE_OVERDUE) : 0, 0, &row, tl->top, y0, rows);
	if (tl->agency && tl->agency[0])
		wrap_draw(tl->agency, 0, 0, &row, tl->top, y0, rows);
	wrap_draw(_("办理过程 (oldest first)"), COLOR_PAIR(LF_C_LABEL) | A_BOLD, 0, &row, tl->top, y0, rows);
	for (size_t i = 0; i < tl->n; i++)
		wrap_draw_hang(tl->lines[i].text, tl->lines[i].attr, tl->lines[i].indent, event_hang(tl->lines[i].text),
		               &row, tl->top, y0, rows);
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


lf_timeline *lf_timeline_reload(lf_tui *t, lf_timeline *old, const lf_case *c, char *msg, size_t len)
{
	int top = old ? old->top : 0;
	lf_timeline_free(old);
	lf_timeline *tl = lf_timeline_load(t, c, msg, len);
	if (tl)
		tl->top = top;
	return tl;
}
