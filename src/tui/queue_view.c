/* The queues: a menu of those the user may see with their counts, and one
 * list view reused for every queue. Rows come a page at a time after the
 * last row read (keyset paging, never OFFSET), urgent first, then by due
 * date. F3 filters, Space marks, F7 takes a step on every marked case. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/office.h"
#include "laifang/people.h"
#include "laifang/case_clocks.h"
#include "laifang/clocks.h"
#include "laifang/i18n.h"
#include "laifang/text.h"

#define PAGE 50

typedef struct qrow {
	char *case_id, *case_no, *name, *unit, *due_on, *due_rule;
	lf_case_state state;
	bool urgent, major, marked;
} qrow;

typedef struct qview {
	lf_tui *t;
	lf_queue_id q;
	lf_queue_filter f; /* core's filter for the queue, plus the person's */
	bool core_unit, core_owner;
	char unit_id[37], unit_name[256];
	char owner_id[37], owner_name[256];
	char from[11], to[11], keyword[128];
	long count;
	lf_list l; /* more: the last page read was full */
	size_t marked;
	char msg[1024];
	lf_msg_kind msg_kind;
} qview;

/* The mark (*) in the first column, then number, name, state, the lead
 * unit taking the rest, which clock is the earliest running one, its due
 * date and the flags (急 重) on the right. */
static const lf_list_col columns[] = {
	{"", 1}, {N_("Case no."), 11}, {N_("Visitor"), 9}, {N_("State"), 11},
	{N_("Lead unit"), 0}, {N_("Clock"), 6}, {N_("Due (days left)"), 20}, {N_("Flags"), 6},
};

static void row_free(void *p)
{
	qrow *r = p;
	free(r->case_id);
	free(r->case_no);
	free(r->name);
	free(r->unit);
	free(r->due_on);
	free(r->due_rule);
}

static qrow *row_at(const qview *v, size_t i)
{
	return lf_list_at(&v->l, i);
}

static void rows_free(qview *v)
{
	lf_list_clear(&v->l);
	v->marked = 0;
}

static int add_row(const lf_queue_row *r, void *ud)
{
	qview *v = ud;
	qrow *q = lf_list_push(&v->l);
	if (!q)
		return 1;
	q->case_id = strdup(r->case_id ? r->case_id : "");
	q->case_no = strdup(r->case_no ? r->case_no : "");
	q->name = strdup(r->name ? r->name : "");
	q->unit = strdup(r->unit_name ? r->unit_name : "");
	q->due_on = strdup(r->due_on ? r->due_on : "");
	q->due_rule = strdup(r->due_rule ? r->due_rule : "");
	if (!r->state || !lf_state_parse(r->state, &q->state))
		q->state = LF_ST_REGISTERED;
	q->urgent = r->urgent;
	q->major = r->major;
	return 0;
}

/* The next page after the last row read (the first page when none). */
static void fetch(void *ctx)
{
	qview *v = ctx;
	lf_queue_filter f = v->f;
	f.limit = PAGE;
	if (v->l.n) {
		const qrow *last = row_at(v, v->l.n - 1);
		f.after_case_no = last->case_no;
		f.after_urgent = last->urgent;
		f.after_due_on = last->due_on;
	}
	size_t before = v->l.n;
	if (lf_queue_each(v->t->st, &f, add_row, v) != LF_STORE_OK) {
		snprintf(v->msg, sizeof v->msg, "%s", lf_office_errmsg(v->t->st));
		v->msg_kind = LF_MSG_ERROR;
		v->l.more = false;
		return;
	}
	v->l.more = v->l.n - before == PAGE;
}

static void apply_filters(qview *v)
{
	if (!v->core_unit)
		v->f.unit_id = v->unit_id[0] ? v->unit_id : NULL;
	if (!v->core_owner)
		v->f.owner_id = v->owner_id[0] ? v->owner_id : NULL;
	v->f.from = v->from[0] ? v->from : NULL;
	v->f.to = v->to[0] ? v->to : NULL;
	v->f.keyword = v->keyword[0] ? v->keyword : NULL;
}

/* Read the queue again from its first page, keeping the selection. */
static void reload(qview *v)
{
	size_t sel = v->l.sel;
	rows_free(v);
	apply_filters(v);
	if (lf_queue_count(v->t->st, &v->f, &v->count) != LF_STORE_OK) {
		snprintf(v->msg, sizeof v->msg, "%s", lf_office_errmsg(v->t->st));
		v->msg_kind = LF_MSG_ERROR;
	}
	fetch(v);
	while (v->l.more && sel >= v->l.n)
		fetch(v);
	v->l.sel = sel;
	lf_list_clamp(&v->l);
}

/* Issue 14: another desk changed something: the queue read again as F5
 * does, the cases marked with Space still marked where they still are. */
static void follow(void *ctx)
{
	qview *v = ctx;
	size_t n = 0;
	char **marked = v->marked ? calloc(v->marked, sizeof *marked) : NULL;
	for (size_t i = 0; marked && i < v->l.n && n < v->marked; i++)
		if (row_at(v, i)->marked && (marked[n] = strdup(row_at(v, i)->case_id)) != NULL)
			n++;
	reload(v);
	for (size_t i = 0; i < v->l.n; i++) {
		qrow *r = row_at(v, i);
		for (size_t k = 0; k < n && !r->marked; k++)
			if (!strcmp(marked[k], r->case_id)) {
				r->marked = true;
				v->marked++;
			}
	}
	for (size_t k = 0; k < n; k++)
		free(marked[k]);
	free(marked);
}

static const char *row_key(const void *row)
{
	return ((const qrow *)row)->case_id;
}

static const char *cell(void *ctx, const void *row, size_t col, char *buf, size_t len, int *attr)
{
	qview *v = ctx;
	const qrow *q = row;
	switch (col) {
	case 0:
		return q->marked ? "*" : NULL;
	case 1:
		return q->case_no;
	case 2:
		return q->name;
	case 3:
		return lf_state_label(q->state);
	case 4:
		return q->unit;
	case 5:
		*attr = lf_due_attr(lf_due_text(v->t, q->due_on, buf, len));
		return q->due_on && q->due_on[0] ? lf_clock_rule_short(q->due_rule) : "";
	case 6:
		*attr = lf_due_attr(lf_due_text(v->t, q->due_on, buf, len));
		return buf;
	default:
		snprintf(buf, len, "%s%s%s", q->urgent ? "急" : "", q->urgent && q->major ? " " : "", q->major ? "重" : "");
		*attr = q->urgent ? COLOR_PAIR(LF_C_ERROR) | A_BOLD : 0;
		return buf;
	}
}

static void draw(void *ctx)
{
	qview *v = ctx;
	erase();
	char line[512];
	char count[24];
	lf_queue_count_text(v->count, count, sizeof count);
	snprintf(line, sizeof line, _("Queue: %s · %s case(s)"), lf_queue_label(v->q), count);
	lf_draw_title(line);

	/* What the list is filtered by, and what is marked. */
	size_t k = 0;
	line[0] = '\0';
	if (v->unit_name[0])
		k += (size_t)snprintf(line + k, sizeof line - k, _("unit %s  "), v->unit_name);
	if (k < sizeof line && v->owner_name[0])
		k += (size_t)snprintf(line + k, sizeof line - k, _("leader %s  "), v->owner_name);
	if (k < sizeof line && (v->from[0] || v->to[0]))
		k += (size_t)snprintf(line + k, sizeof line - k, _("received %s–%s  "), v->from, v->to);
	if (k < sizeof line && v->keyword[0])
		k += (size_t)snprintf(line + k, sizeof line - k, _("keyword \"%s\"  "), v->keyword);
	if (k < sizeof line && v->marked)
		snprintf(line + k, sizeof line - k, _("%zu marked"), v->marked);
	char head[600];
	snprintf(head, sizeof head, "%s%s", k ? _("Filter: ") : "", line);
	lf_draw_text(stdscr, 1, 1, head, COLS - 2);
	lf_list_draw(&v->l);
	lf_draw_foot(v->msg, v->msg_kind, LF_S_QUEUE);
}

/* F3: a menu of filters; each asks for its value. */
static void filter_menu(qview *v)
{
	const char *items[] = {_("By unit"), _("By owning leader"), _("By date received"), _("By keyword"),
	                       _("Clear every filter")};
	int c = lf_dialog_menu(_("Filter the queue"), items, 5);
	lf_tui *t = v->t;
	if (c == 0) {
		if (v->core_unit) {
			snprintf(v->msg, sizeof v->msg, "%s", _("This queue shows your unit's cases only."));
			v->msg_kind = LF_MSG_NOTE;
			return;
		}
		char name[256];
		if (!lf_pick_unit(t, NULL, _("(any unit)"), name, sizeof name))
			return;
		lf_unit u;
		memset(&u, 0, sizeof u);
		v->unit_id[0] = v->unit_name[0] = '\0';
		if (name[0] && lf_people_get_unit(t->st, t->me, name, &u, NULL, 0) == LF_STORE_OK) {
			snprintf(v->unit_id, sizeof v->unit_id, "%s", u.id);
			snprintf(v->unit_name, sizeof v->unit_name, "%s", name);
		}
		lf_unit_free(&u);
	} else if (c == 1) {
		char login[128], shown[256];
		if (!lf_pick_leader(t, _("(any leader)"), login, sizeof login, shown, sizeof shown, v->msg,
		                    sizeof v->msg)) {
			v->msg_kind = LF_MSG_ERROR;
			return;
		}
		v->owner_id[0] = v->owner_name[0] = '\0';
		lf_user u;
		memset(&u, 0, sizeof u);
		if (login[0] && lf_people_get_user(t->st, t->me, login, &u, NULL, 0) == LF_STORE_OK) {
			snprintf(v->owner_id, sizeof v->owner_id, "%s", u.id);
			snprintf(v->owner_name, sizeof v->owner_name, "%s", shown);
		}
		lf_user_free(&u);
	} else if (c == 2) {
		lf_line_edit box[2];
		const char *labels[] = {_("From (YYYY-MM-DD)"), _("To (YYYY-MM-DD)")};
		lf_line_init(&box[0], 10, false);
		lf_line_init(&box[1], 10, false);
		lf_line_set(&box[0], v->from);
		lf_line_set(&box[1], v->to);
		lf_prompt p = {.title = _("Received between"), .labels = labels, .fields = box, .n = 2, .can_back = true};
		for (;;) {
			if (lf_prompt_run(&p) != LF_PROMPT_OK)
				break;
			char *a = lf_line_text(&box[0]), *b = lf_line_text(&box[1]);
			lf_date d;
			bool ok = a && b && (!*a || lf_date_parse(a, &d)) && (!*b || lf_date_parse(b, &d));
			if (ok) {
				snprintf(v->from, sizeof v->from, "%s", a);
				snprintf(v->to, sizeof v->to, "%s", b);
			} else {
				snprintf(p.msg, sizeof p.msg, "%s", _("A date is written YYYY-MM-DD, e.g. 2026-11-23."));
				p.msg_kind = LF_MSG_ERROR;
			}
			free(a);
			free(b);
			if (ok)
				break;
		}
		lf_line_free(&box[0]);
		lf_line_free(&box[1]);
	} else if (c == 3) {
		char kw[128];
		snprintf(kw, sizeof kw, "%s", v->keyword);
		if (!lf_prompt_line(_("Filter by keyword"), _("Name or content"), false, kw, sizeof kw))
			return;
		lf_text_trim(kw);
		snprintf(v->keyword, sizeof v->keyword, "%s", kw);
	} else if (c == 4) {
		v->unit_id[0] = v->unit_name[0] = v->owner_id[0] = v->owner_name[0] = '\0';
		v->from[0] = v->to[0] = v->keyword[0] = '\0';
	} else {
		return;
	}
	v->l.sel = 0;
	reload(v);
}

/* ---- a step on every marked case ---- */

typedef struct bulk {
	qview *v;
	int done, tried;
	char first[600]; /* the first refusal: "case no: why" */
} bulk;

static int bulk_apply(void *ud, lf_step step, const lf_step_args *args, char *msg, size_t len)
{
	bulk *b = ud;
	qview *v = b->v;
	b->done = b->tried = 0;
	b->first[0] = '\0';
	for (size_t i = 0; i < v->l.n; i++) {
		const qrow *r = row_at(v, i);
		if (!r->marked)
			continue;
		char why[1024] = "";
		b->tried++;
		lf_store_err e = lf_case_step(v->t->st, v->t->me, r->case_id, step, args, why, sizeof why);
		if (e == LF_STORE_OK) {
			b->done++;
			continue;
		}
		if (!b->first[0]) {
			for (char *p = why; *p; p++)
				if (*p == '\n')
					*p = ' ';
			char both[1200];
			snprintf(both, sizeof both, "%.40s: %s", r->case_no, why[0] ? why : "");
			if (!why[0])
				snprintf(both, sizeof both, "%.40s: %.1000s", r->case_no, lf_office_errmsg(v->t->st));
			lf_copy_text(b->first, sizeof b->first, both);
		}
	}
	if (b->done == 0) {
		snprintf(msg, len, _("None of the %d marked cases: %s"), b->tried, b->first);
		return 0; /* the form stays, with what was typed */
	}
	if (b->first[0])
		snprintf(msg, len, _("%d of %d marked cases done; the first refusal: %s"), b->done, b->tried, b->first);
	else
		snprintf(msg, len, _("%d of %d marked cases done."), b->done, b->tried);
	return 1;
}

static void bulk_step(qview *v)
{
	if (v->marked == 0) {
		snprintf(v->msg, sizeof v->msg, "%s", _("Mark cases with Space first."));
		v->msg_kind = LF_MSG_ERROR;
		return;
	}
	/* The steps open from any marked case's state. */
	bool open[LF_STEP_COUNT] = {false};
	const char *default_due = NULL;
	char handle_due[16] = "";
	for (size_t i = 0; i < v->l.n; i++) {
		const qrow *r = row_at(v, i);
		if (!r->marked)
			continue;
		lf_step s[LF_STEP_COUNT];
		size_t ns = lf_steps_available(r->state, v->t->me->roles, s, LF_STEP_COUNT);
		for (size_t k = 0; k < ns; k++)
			open[s[k]] = true;
		/* The due date proposed: the first marked case's handling clock
		 * (its earliest clock may be another rule's, the route's). */
		if (!default_due && lf_case_clock_due(v->t->st, r->case_id, "handle", handle_due))
			default_due = handle_due;
	}
	const char *items[LF_STEP_COUNT];
	lf_step which[LF_STEP_COUNT];
	size_t n = 0;
	for (int s = 0; s < LF_STEP_COUNT; s++)
		if (open[s]) {
			items[n] = _(lf_step_get((lf_step)s)->label);
			which[n++] = (lf_step)s;
		}
	if (n == 0) {
		snprintf(v->msg, sizeof v->msg, "%s", _("No step is open to you on the marked cases."));
		v->msg_kind = LF_MSG_ERROR;
		return;
	}
	char title[128];
	snprintf(title, sizeof title, _("A step on %zu marked case(s)"), v->marked);
	int c = lf_dialog_menu(title, items, n);
	if (c < 0)
		return;
	lf_step step = which[c];
	bulk b = {.v = v};
	bool ran;
	if (lf_step_get(step)->needs & ~(unsigned)LF_NEED_COMPLETE) {
		char heading[64];
		snprintf(heading, sizeof heading, _("%zu marked case(s)"), v->marked);
		ran = lf_step_form_run(v->t, step, heading, default_due, bulk_apply, &b, v->msg, sizeof v->msg);
	} else {
		char q[256];
		snprintf(q, sizeof q, _("%s the %zu marked case(s)?"), _(lf_step_get(step)->label), v->marked);
		ran = lf_dialog_confirm(q, false) && (bulk_apply(&b, step, NULL, v->msg, sizeof v->msg), true);
	}
	if (!ran)
		return;
	v->msg_kind = b.first[0] ? LF_MSG_ERROR : LF_MSG_OK;
	reload(v);
}

static bool act(void *ctx, lf_action a)
{
	qview *v = ctx;
	qrow *r = lf_list_current(&v->l);
	switch (a) {
	case LF_A_REFRESH:
		reload(v);
		break;
	case LF_A_MARK:
		if (r) {
			r->marked = !r->marked;
			v->marked += r->marked ? 1 : (size_t)-1;
			lf_list_down(&v->l, 1);
		}
		break;
	case LF_A_FILTER:
		filter_menu(v);
		break;
	case LF_A_BULK:
		bulk_step(v);
		break;
	case LF_A_OPEN:
		if (r) {
			lf_case_view_run(v->t, r->case_no);
			reload(v);
		}
		break;
	default:
		break;
	}
	return false;
}

void lf_queue_view_run(lf_tui *t, lf_queue_id q)
{
	qview v;
	memset(&v, 0, sizeof v);
	v.t = t;
	v.q = q;
	v.l = (lf_list){.row_size = sizeof(qrow), .cols = columns, .ncols = sizeof columns / sizeof columns[0],
	                .x0 = 0, .margin = 0, .y = 2, .empty = _("No case in this queue."), .ctx = &v,
	                .cell = cell, .fetch = fetch, .row_free = row_free};
	if (!lf_queue_filter_for(t->st, t->me, q, &v.f, v.msg, sizeof v.msg)) {
		lf_dialog_text(lf_queue_label(q), v.msg);
		return;
	}
	v.core_unit = v.f.unit_id != NULL;
	v.core_owner = v.f.owner_id != NULL;
	reload(&v);
	lf_list_screen s = {.t = t, .l = &v.l, .screen = LF_S_QUEUE, .draw = draw, .ctx = &v, .msg = v.msg,
	                    .msglen = sizeof v.msg, .msg_kind = &v.msg_kind, .help_title = lf_queue_label(q),
	                    .act = act, .follow = follow, .row_key = row_key};
	lf_list_run(&s);
	rows_free(&v);
}

/* F7 on home: the queues this user may see, each with its count. */
void lf_queue_menu_run(lf_tui *t)
{
	for (;;) {
		char labels[LF_Q_COUNT][160];
		const char *items[LF_Q_COUNT];
		lf_queue_id ids[LF_Q_COUNT];
		size_t n = 0;
		for (int q = 0; q < LF_Q_COUNT; q++) {
			lf_queue_filter f;
			char why[256];
			if (!lf_queue_works(t->me, (lf_queue_id)q)) /* only what this user acts on */
				continue;
			long count = 0;
			bool ok = lf_queue_filter_for(t->st, t->me, (lf_queue_id)q, &f, why, sizeof why) &&
			          lf_queue_count(t->st, &f, &count) == LF_STORE_OK;
			const char *label = lf_queue_label((lf_queue_id)q);
			/* Padded to 28 columns: printf counts bytes, a Chinese
			 * character is 3 bytes and 2 columns. */
			int pad = 28 + (int)strlen(label) - lf_text_width(label);
			char text[24];
			lf_queue_count_text(count, text, sizeof text);
			if (ok)
				snprintf(labels[n], sizeof labels[n], "%-*s %6s", pad, label, text);
			else
				snprintf(labels[n], sizeof labels[n], "%s  —", lf_queue_label((lf_queue_id)q));
			items[n] = labels[n];
			ids[n++] = (lf_queue_id)q;
		}
		if (n == 0)
			return;
		int c = lf_dialog_menu(_("Queues"), items, n);
		if (c < 0 || t->quit)
			return;
		lf_queue_view_run(t, ids[c]);
		if (t->quit)
			return;
	}
}
