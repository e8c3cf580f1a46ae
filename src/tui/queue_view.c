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
#include "laifang/views.h"

#define PAGE 50

typedef struct qrow {
	char *case_id, *case_no, *name, *unit, *due_on, *due_rule;
	lf_case_state state;
	bool urgent, major, marked;
} qrow;

typedef struct qview {
	lf_tui *t;
	lf_queue_id q;
	lf_view_filter vf; /* what the person filters by (views.h) */
	lf_view_query vq;  /* core's filter for the queue, plus vf's, as of today */
	bool core_unit, core_owner;
	char unit_name[256], owner_name[256];
	char view_name[160]; /* the saved view it was opened as, "" none */
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
	lf_queue_filter f = v->vq.f;
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

/* Read the queue again from its first page, keeping the selection. The
 * filter is made again each time: "due within N working days" counts from
 * today, and the unit is the reader's as of now. */
static void reload(qview *v)
{
	size_t sel = v->l.sel;
	rows_free(v);
	char why[sizeof v->msg]; /* the message of the step just taken stays */
	if (!lf_view_query_make(v->t->st, v->t->me, &v->vf, &v->vq, why, sizeof why)) {
		snprintf(v->msg, sizeof v->msg, "%s", why);
		v->msg_kind = LF_MSG_ERROR;
		v->count = 0;
		v->l.more = false;
		return;
	}
	if (lf_queue_count(v->t->st, &v->vq.f, &v->count) != LF_STORE_OK) {
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
	if (v->view_name[0])
		snprintf(line, sizeof line, _("Queue: %s · view %s · %s case(s)"), lf_queue_label(v->q), v->view_name,
		         count);
	else
		snprintf(line, sizeof line, _("Queue: %s · %s case(s)"), lf_queue_label(v->q), count);
	lf_draw_title(line);

	/* What the list is filtered by, and what is marked. */
	size_t k = 0;
	const lf_view_filter *vf = &v->vf;
	line[0] = '\0';
	if (vf->due_within >= 0)
		k += (size_t)snprintf(line + k, sizeof line - k, _("due within %d working day(s)  "), vf->due_within);
	if (k < sizeof line && vf->my_unit)
		k += (size_t)snprintf(line + k, sizeof line - k, "%s  ", _("your unit"));
	else if (k < sizeof line && v->unit_name[0])
		k += (size_t)snprintf(line + k, sizeof line - k, _("unit %s  "), v->unit_name);
	if (k < sizeof line && v->owner_name[0])
		k += (size_t)snprintf(line + k, sizeof line - k, _("leader %s  "), v->owner_name);
	if (k < sizeof line && (vf->from[0] || vf->to[0]))
		k += (size_t)snprintf(line + k, sizeof line - k, _("received %s–%s  "), vf->from, vf->to);
	if (k < sizeof line && vf->keyword[0])
		k += (size_t)snprintf(line + k, sizeof line - k, _("keyword \"%s\"  "), vf->keyword);
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
	const char *items[] = {_("By unit"), _("Your own unit (本处室)"), _("By owning leader"),
	                       _("By date received"), _("Due within N working days"), _("By keyword"),
	                       _("Clear every filter")};
	int c = lf_dialog_menu(_("Filter the queue"), items, sizeof items / sizeof items[0]);
	lf_tui *t = v->t;
	lf_view_filter *vf = &v->vf;
	if ((c == 0 || c == 1) && v->core_unit) {
		snprintf(v->msg, sizeof v->msg, "%s", _("This queue shows your unit's cases only."));
		v->msg_kind = LF_MSG_NOTE;
		return;
	}
	if (c == 0) {
		char name[256];
		if (!lf_pick_unit(t, NULL, _("(any unit)"), name, sizeof name))
			return;
		lf_unit u;
		memset(&u, 0, sizeof u);
		vf->unit_id[0] = v->unit_name[0] = '\0';
		vf->my_unit = false;
		if (name[0] && lf_people_get_unit(t->st, t->me, name, &u, NULL, 0) == LF_STORE_OK) {
			snprintf(vf->unit_id, sizeof vf->unit_id, "%s", u.id);
			snprintf(v->unit_name, sizeof v->unit_name, "%s", name);
		}
		lf_unit_free(&u);
	} else if (c == 1) {
		if (!t->me->unit_id[0]) {
			snprintf(v->msg, sizeof v->msg, "%s",
			         _("you belong to no unit, so \"your unit\" names none: an administrator sets your unit"));
			v->msg_kind = LF_MSG_ERROR;
			return;
		}
		vf->my_unit = true;
		vf->unit_id[0] = v->unit_name[0] = '\0';
	} else if (c == 2) {
		char login[128], shown[256];
		if (!lf_pick_leader(t, _("(any leader)"), login, sizeof login, shown, sizeof shown, v->msg,
		                    sizeof v->msg)) {
			v->msg_kind = LF_MSG_ERROR;
			return;
		}
		vf->leader_id[0] = v->owner_name[0] = '\0';
		lf_user u;
		memset(&u, 0, sizeof u);
		if (login[0] && lf_people_get_user(t->st, t->me, login, &u, NULL, 0) == LF_STORE_OK) {
			snprintf(vf->leader_id, sizeof vf->leader_id, "%s", u.id);
			snprintf(v->owner_name, sizeof v->owner_name, "%s", shown);
		}
		lf_user_free(&u);
	} else if (c == 3) {
		lf_line_edit box[2];
		const char *labels[] = {_("From (YYYY-MM-DD)"), _("To (YYYY-MM-DD)")};
		lf_line_init(&box[0], 10, false);
		lf_line_init(&box[1], 10, false);
		lf_line_set(&box[0], vf->from);
		lf_line_set(&box[1], vf->to);
		lf_prompt p = {.title = _("Received between"), .labels = labels, .fields = box, .n = 2, .can_back = true};
		for (;;) {
			if (lf_prompt_run(&p) != LF_PROMPT_OK)
				break;
			char *a = lf_line_text(&box[0]), *b = lf_line_text(&box[1]);
			lf_date d, e;
			bool ok = a && b && (!*a || lf_date_parse(a, &d)) && (!*b || lf_date_parse(b, &e));
			if (ok) {
				/* Kept as YYYY-MM-DD, as a saved view keeps it. */
				vf->from[0] = vf->to[0] = '\0';
				if (*a)
					lf_date_format(d, vf->from);
				if (*b)
					lf_date_format(e, vf->to);
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
	} else if (c == 4) {
		char n[16] = "";
		if (vf->due_within >= 0)
			snprintf(n, sizeof n, "%d", vf->due_within);
		char label[128];
		snprintf(label, sizeof label, _("Working days (0 to %d; empty: no limit)"), LF_VIEW_DUE_MAX);
		if (!lf_prompt_line(_("Due within N working days (overdue included)"), label, false, n, sizeof n))
			return;
		lf_text_trim(n);
		char *end = NULL;
		long days = n[0] ? strtol(n, &end, 10) : -1;
		if (n[0] && (!end || *end || days < 0 || days > LF_VIEW_DUE_MAX)) {
			snprintf(v->msg, sizeof v->msg, _("The number of working days is 0 to %d."), LF_VIEW_DUE_MAX);
			v->msg_kind = LF_MSG_ERROR;
			return;
		}
		vf->due_within = (int)days;
	} else if (c == 5) {
		char kw[128];
		snprintf(kw, sizeof kw, "%s", vf->keyword);
		if (!lf_prompt_line(_("Filter by keyword"), _("Name or content"), false, kw, sizeof kw))
			return;
		char *clean = lf_text_clean(kw, strlen(kw), false, NULL);
		if (clean) {
			lf_text_trim(clean);
			snprintf(vf->keyword, sizeof vf->keyword, "%s", clean);
		}
		free(clean);
	} else if (c == 6) {
		lf_view_filter_init(vf, v->q);
		v->unit_name[0] = v->owner_name[0] = '\0';
	} else {
		return;
	}
	v->view_name[0] = '\0'; /* the list is no longer the saved view */
	v->l.sel = 0;
	reload(v);
}

/* F4: the filter saved as a view (views_menu.c asks for its name). */
static void save_view(qview *v)
{
	v->msg_kind = lf_view_save_dialog(v->t, &v->vf, v->view_name, sizeof v->view_name, v->msg, sizeof v->msg)
	                  ? LF_MSG_OK
	                  : LF_MSG_ERROR;
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
	case LF_A_VIEW_SAVE:
		save_view(v);
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

/* The queue screen over a filter (the queue's own, or a saved view's). */
static void run_filter(lf_tui *t, const lf_view_filter *vf, const lf_saved_view *sv)
{
	qview v;
	memset(&v, 0, sizeof v);
	v.t = t;
	v.q = vf->queue;
	v.vf = *vf;
	v.l = (lf_list){.row_size = sizeof(qrow), .cols = columns, .ncols = sizeof columns / sizeof columns[0],
	                .x0 = 0, .margin = 0, .y = 2, .empty = _("No case in this queue."), .ctx = &v,
	                .cell = cell, .fetch = fetch, .row_free = row_free};
	if (!lf_queue_filter_for(t->st, t->me, v.q, &v.vq.f, v.msg, sizeof v.msg)) {
		lf_dialog_text(lf_queue_label(v.q), v.msg);
		return;
	}
	v.core_unit = v.vq.f.unit_id != NULL;
	v.core_owner = v.vq.f.owner_id != NULL;
	if (sv) {
		snprintf(v.view_name, sizeof v.view_name, "%s", sv->name);
		if (sv->unit_name && !vf->my_unit)
			snprintf(v.unit_name, sizeof v.unit_name, "%s", sv->unit_name);
		if (sv->leader_name)
			snprintf(v.owner_name, sizeof v.owner_name, "%s", sv->leader_name);
	}
	v.msg[0] = '\0';
	reload(&v);
	lf_list_screen s = {.t = t, .l = &v.l, .screen = LF_S_QUEUE, .draw = draw, .ctx = &v, .msg = v.msg,
	                    .msglen = sizeof v.msg, .msg_kind = &v.msg_kind, .help_title = lf_queue_label(v.q),
	                    .act = act, .follow = follow, .row_key = row_key};
	lf_list_run(&s);
	rows_free(&v);
}

void lf_queue_view_run(lf_tui *t, lf_queue_id q)
{
	lf_view_filter vf;
	lf_view_filter_init(&vf, q);
	run_filter(t, &vf, NULL);
}

void lf_queue_view_saved(lf_tui *t, const lf_saved_view *sv)
{
	run_filter(t, &sv->filter, sv);
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
