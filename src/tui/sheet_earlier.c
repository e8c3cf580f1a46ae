/* F7 on the registration sheet (issue 12): a returning visitor's earlier
 * cases, each with its state and last step; Enter opens one read-only (its
 * sheet and its steps, through core: audited, masked by role), Esc goes back
 * to the list and then to the sheet, which nothing here touches. The last
 * two rows of the list answer 重复访 (issue 11). */
#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/case_read.h"
#include "laifang/caseops.h"
#include "laifang/correct.h"
#include "laifang/form.h"
#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/text.h"
#include "laifang/workflow.h"
#include <stdarg.h>

#define SHOWN 8

typedef struct earlier {
	char case_id[40];
	char head[256]; /* number, date, state */
	char gist[256]; /* the content's first words, on one line */
	char line[768];
} earlier;

typedef struct collect {
	earlier rows[SHOWN];
	size_t n;
} collect;

typedef struct last_step {
	char kind[64], at[40];
} last_step;

/* A clock's start or stop: the case screen's, not a step. */
static bool clock_event(const lf_event *e)
{
	return e->kind && (!strcmp(e->kind, "clock_start") || !strcmp(e->kind, "clock_stop"));
}

static int note_last(const lf_event *e, void *ud)
{
	last_step *l = ud;
	if (clock_event(e) || e->repeats_report)
		return 0;
	snprintf(l->kind, sizeof l->kind, "%s", e->kind ? e->kind : "");
	snprintf(l->at, sizeof l->at, "%.10s", e->at ? e->at : "");
	return 0;
}

static int add_case(const lf_earlier_case *c, void *ud)
{
	collect *x = ud;
	if (x->n >= SHOWN)
		return 0;
	earlier *r = &x->rows[x->n++];
	snprintf(r->case_id, sizeof r->case_id, "%s", c->case_id ? c->case_id : "");
	lf_case_state st;
	const char *state = c->status && lf_state_parse(c->status, &st) ? lf_state_label(st) : (c->status ? c->status : "");
	snprintf(r->head, sizeof r->head, "%s  %s  %s", c->case_no ? c->case_no : "", c->received_on ? c->received_on : "",
	         state);
	snprintf(r->gist, sizeof r->gist, "%s", c->content ? c->content : "");
	for (char *p = r->gist; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return 0;
}

/* Each case's row: number, date, state, its last step (read after the
 * list, one query at a time), then as much of the content as the menu's
 * width leaves. */
static void make_lines(lf_tui *t, collect *x)
{
	int room = COLS - 12; /* the menu's frame and numbers */
	for (size_t i = 0; i < x->n; i++) {
		earlier *r = &x->rows[i];
		last_step l = {"", ""};
		char last[160] = "";
		if (lf_case_read_events(t->st, r->case_id, note_last, &l) == LF_STORE_OK && l.kind[0])
			snprintf(last, sizeof last, _("  · last: %s %s"), lf_event_label(l.kind), l.at + (l.at[0] ? 5 : 0));
		int n = snprintf(r->line, sizeof r->line, "%s%s  ", r->head, last);
		int left = room - lf_text_width(r->line);
		if (n > 0 && left > 2 && (size_t)n < sizeof r->line) {
			int used = 0;
			size_t fit = lf_text_fit(r->gist, left - 1, &used);
			snprintf(r->line + n, sizeof r->line - (size_t)n, "%.*s%s", (int)fit, r->gist,
			         r->gist[fit] ? "…" : "");
		}
	}
}

typedef struct text {
	char *s;
	size_t len, cap;
} text;

__attribute__((format(printf, 2, 3)))
static void put(text *t, const char *fmt, ...)
{
	char line[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	size_t n = strlen(line);
	if (t->len + n + 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4096;
		while (cap < t->len + n + 2)
			cap *= 2;
		char *g = realloc(t->s, cap);
		if (!g)
			return;
		t->s = g;
		t->cap = cap;
	}
	memcpy(t->s + t->len, line, n);
	t->len += n;
	t->s[t->len++] = '\n';
	t->s[t->len] = '\0';
}

static int put_event(const lf_event *e, void *ud)
{
	if (e->repeats_report) /* the report step above says it */
		return 0;
	if (clock_event(e)) /* this summary lists the steps */
		return 0;
	put(ud, "%.16s  %s  %s%s%s", e->at ? e->at : "", e->by_name ? e->by_name : "", lf_event_label(e->kind),
	    e->text && *e->text ? "：" : "", e->text ? e->text : "");
	return 0;
}

/* One earlier case, read-only: its sheet's filled fields, state, steps. */
static void show_case(lf_tui *t, const char *case_id)
{
	lf_case c;
	if (lf_case_open(t->st, t->me, case_id, &c) != LF_STORE_OK) {
		lf_dialog_text(_("Earlier case"), lf_office_errmsg(t->st));
		return;
	}
	text x = {0};
	lf_case_flow fl;
	if (lf_case_read_flow(t->st, c.case_id, &fl) == LF_STORE_OK) {
		put(&x, _("State: %s"), lf_state_label(fl.state));
		lf_case_flow_free(&fl);
	}
	const lf_form_def *form = t->form;
	for (size_t i = 0; form && i < form->n_fields; i++) {
		const char *id = form->fields[i].id, *v = lf_case_field(&c, id);
		size_t n = strlen(id);
		if (n > 3 && !strcmp(id + n - 3, "_id") && !strncmp(id, "rep", 3))
			continue; /* with the representative's name */
		if (!v || !*v)
			continue;
		if (n > 5 && !strcmp(id + n - 5, "_name") && !strncmp(id, "rep", 3)) {
			char rid[32];
			snprintf(rid, sizeof rid, "%.*s_id", (int)(n - 5), id);
			const char *num = lf_case_field(&c, rid);
			put(&x, "%s：%s  %s", form->fields[i].label, v, num ? num : "");
		} else {
			put(&x, "%s：%s", form->fields[i].label, v);
		}
	}
	put(&x, "%s", "");
	put(&x, "%s", _("办理过程 (oldest first)"));
	lf_case_read_events(t->st, c.case_id, put_event, &x);
	char title[160];
	snprintf(title, sizeof title, _("Case %s (read-only; Esc returns)"), c.case_no ? c.case_no : "");
	lf_dialog_text(title, x.s ? x.s : "");
	free(x.s);
	lf_case_free(&c);
}

bool lf_sheet_earlier_browse(lf_tui *t, lf_sheet_repeat *r, char *msg, size_t msglen)
{
	if (msglen)
		msg[0] = '\0';
	if (!r->id_number[0])
		return false;
	collect *x = calloc(1, sizeof *x);
	if (!x)
		return false;
	int total = 0;
	char why[512] = "";
	if (lf_visitor_earlier_cases(t->st, t->me, r->id_number, NULL, SHOWN, add_case, x, &total, why, sizeof why) !=
	    LF_STORE_OK) {
		snprintf(msg, msglen, "%s", why);
		free(x);
		return true;
	}
	r->earlier = total;
	if (x->n == 0) {
		free(x);
		return false;
	}
	make_lines(t, x);
	const char *items[SHOWN + 2];
	for (size_t i = 0; i < x->n; i++)
		items[i] = x->rows[i].line;
	items[x->n] = _("重复访: the same matter as one of these");
	items[x->n + 1] = _("Not a repeat: a new matter");
	for (;;) {
		int pick = lf_dialog_menu(_("Earlier cases: Enter opens one (read-only), Esc returns to the sheet"), items,
		                          x->n + 2);
		if (pick < 0)
			break;
		if ((size_t)pick < x->n) {
			show_case(t, x->rows[pick].case_id);
			continue;
		}
		r->repeat = (size_t)pick == x->n;
		snprintf(msg, msglen, "%s",
		         r->repeat ? _("Marked as a repeat petition (重复访); F7 changes it.")
		                   : _("Not a repeat petition: a new matter; F7 changes it."));
		break;
	}
	free(x);
	return true;
}
