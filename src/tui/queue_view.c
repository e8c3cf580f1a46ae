/* The queues: a menu of those the user may see with their counts, and one
 * list view reused for every queue. Rows come a page at a time next to the
 * rows held (keyset paging both ways, never OFFSET), urgent first, then by
 * due date, and only the rows near the view are kept (list_window.h): End
 * on 460,000 archived cases reads the last page, and scrolling through
 * them keeps the desk's memory flat. F3 filters, Space marks (the marks
 * are kept apart from the rows, which come and go), F7 takes a step on
 * every marked case. */
#include "queue_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/office.h"
#include "laifang/people.h"
#include "laifang/clocks.h"
#include "laifang/i18n.h"
#include "laifang/text.h"
#include "laifang/views.h"

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

typedef struct reading {
	qview *v;
	lf_list *into;
} reading;

static int add_row(const lf_queue_row *r, void *ud)
{
	reading *rd = ud;
	qview *v = rd->v;
	qrow *q = lf_list_push(rd->into);
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
	q->marked = queue_marked(v, q->case_id);
	return 0;
}

/* Up to limit rows next to from, down or up (list_window.h). */
static bool read_rows(void *ctx, const void *from, bool up, size_t limit, lf_list *into)
{
	qview *v = ctx;
	const qrow *edge = from;
	lf_queue_filter f = v->vq.f;
	f.limit = (int)limit;
	f.backward = up;
	if (edge) {
		f.after_case_no = edge->case_no;
		f.after_urgent = edge->urgent;
		f.after_due_on = edge->due_on;
	}
	reading rd = {.v = v, .into = into};
	if (lf_queue_each(v->t->st, &f, add_row, &rd) != LF_STORE_OK) {
		snprintf(v->msg, sizeof v->msg, "%s", lf_office_errmsg(v->t->st));
		v->msg_kind = LF_MSG_ERROR;
		return false;
	}
	return true;
}

/* Read the queue again where the selection is (the selected case, or the
 * one after it when it left the queue), on the same line of the screen.
 * The filter is made again each time: "due within N working days" counts
 * from today, and the unit is the reader's as of now. */
void queue_reload_at(qview *v, bool keep_place)
{
	char why[sizeof v->msg]; /* the message of the step just taken stays */
	if (!lf_view_query_make(v->t->st, v->t->me, &v->vf, &v->vq, why, sizeof why)) {
		lf_list_clear(&v->l);
		v->l.sel = v->l.top = 0;
		snprintf(v->msg, sizeof v->msg, "%s", why);
		v->msg_kind = LF_MSG_ERROR;
		v->count = 0;
		return;
	}
	if (lf_queue_count(v->t->st, &v->vq.f, &v->count) != LF_STORE_OK) {
		snprintf(v->msg, sizeof v->msg, "%s", lf_office_errmsg(v->t->st));
		v->msg_kind = LF_MSG_ERROR;
	}
	const qrow *at = keep_place ? lf_list_current(&v->l) : NULL;
	lf_window_at(&v->w, at, lf_window_line(&v->w));
}

/* F5, a filter, a step: read again, the marks gone with what they were for. */
void queue_reload(qview *v)
{
	queue_marks_free(v);
	queue_reload_at(v, true);
}

/* Issue 14: another desk changed something: the queue read again as F5
 * does, the cases marked with Space still marked (a case that left the
 * queue meanwhile is refused by the bulk step with its reason). */
static void follow(void *ctx)
{
	queue_reload_at(ctx, true);
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
	queue_marks_free(v);
	queue_reload_at(v, false); /* from the top */
}

/* F4: the filter saved as a view (views_menu.c asks for its name). */
static void save_view(qview *v)
{
	v->msg_kind = lf_view_save_dialog(v->t, &v->vf, v->view_name, sizeof v->view_name, v->msg, sizeof v->msg)
	                  ? LF_MSG_OK
	                  : LF_MSG_ERROR;
}

/* The moving keys are the window's: each reads at most a page or two. */
static bool keys(void *ctx, int kind, wint_t key, lf_action a)
{
	(void)kind, (void)key;
	qview *v = ctx;
	if (a == LF_A_NONE || !lf_window_key(&v->w, a))
		return false;
	v->msg[0] = '\0'; /* as any key clears the last word */
	return true;
}

static bool act(void *ctx, lf_action a)
{
	qview *v = ctx;
	qrow *r = lf_list_current(&v->l);
	switch (a) {
	case LF_A_REFRESH:
		queue_reload(v);
		break;
	case LF_A_MARK:
		if (r) {
			queue_mark_toggle(v, r);
			lf_window_key(&v->w, LF_A_DOWN);
		}
		break;
	case LF_A_FILTER:
		filter_menu(v);
		break;
	case LF_A_VIEW_SAVE:
		save_view(v);
		break;
	case LF_A_BULK:
		queue_bulk_step(v);
		break;
	case LF_A_OPEN:
		if (r) {
			lf_case_view_run(v->t, r->case_no);
			queue_reload_at(v, true); /* the marks stay */
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
	                .cell = cell, .row_free = row_free};
	v.w = (lf_window){.l = &v.l, .ctx = &v, .read = read_rows};
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
	queue_reload_at(&v, false);
	lf_list_screen s = {.t = t, .l = &v.l, .screen = LF_S_QUEUE, .draw = draw, .ctx = &v, .msg = v.msg,
	                    .msglen = sizeof v.msg, .msg_kind = &v.msg_kind, .help_title = lf_queue_label(v.q),
	                    .pre = keys, .act = act, .follow = follow, .row_key = row_key};
	lf_list_run(&s);
	lf_list_clear(&v.l);
	queue_marks_free(&v);
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
		char labels[LF_Q_COUNT][320], counts[LF_Q_COUNT][24];
		const char *items[LF_Q_COUNT];
		bool ok[LF_Q_COUNT];
		lf_queue_id ids[LF_Q_COUNT];
		size_t n = 0;
		int widest = 28;
		for (int q = 0; q < LF_Q_COUNT; q++) {
			lf_queue_filter f;
			char why[256];
			if (!lf_queue_works(t->me, (lf_queue_id)q)) /* only what this user acts on */
				continue;
			long count = 0;
			ok[n] = lf_queue_filter_for(t->st, t->me, (lf_queue_id)q, &f, why, sizeof why) &&
			        lf_queue_count(t->st, &f, &count) == LF_STORE_OK;
			lf_queue_count_text(count, counts[n], sizeof counts[n]);
			int w = lf_text_width(lf_queue_label((lf_queue_id)q));
			if (w > widest)
				widest = w;
			ids[n++] = (lf_queue_id)q;
		}
		if (n == 0)
			return;
		for (size_t i = 0; i < n; i++) {
			const char *label = lf_queue_label(ids[i]);
			/* The counts in one column after the widest label: printf
			 * pads bytes, a Chinese character is 3 bytes and 2 columns. */
			int pad = widest + (int)strlen(label) - lf_text_width(label);
			if (ok[i])
				snprintf(labels[i], sizeof labels[i], "%-*.200s %6.23s", pad, label, counts[i]);
			else
				snprintf(labels[i], sizeof labels[i], "%-*.200s %6s", pad, label, "—");
			items[i] = labels[i];
		}
		int c = lf_dialog_menu(_("Queues"), items, n);
		if (c < 0 || t->quit)
			return;
		lf_queue_view_run(t, ids[c]);
		if (t->quit)
			return;
	}
}
