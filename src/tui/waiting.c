/* Today's waiting list (候谈): the visitors waiting or being interviewed,
 * oldest first, how many people wait against the staff on duty (a warning
 * in colour when visitors outnumber staff), and the keys that move a visit
 * on: 接谈 (interview), 完成 (done), 劝返 (persuaded to return). */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/case_read.h"
#include "laifang/office.h"
#include "laifang/date.h"
#include "laifang/i18n.h"

typedef struct wrow {
	char *case_id, *case_no, *name, *gist;
	char visit[16];
	int headcount;
} wrow;

typedef struct wlist {
	lf_tui *t;
	lf_list l;
	char today[LF_DATE_LEN];
	int people, staff;
	bool warn;
	char warning[512];
	char msg[512];
	lf_msg_kind msg_kind;
} wlist;

static const lf_list_col columns[] = {
	{N_("Case no."), 12}, {N_("Visitor"), 11}, {N_("People"), 7}, {N_("Visit"), 19}, {N_("Content"), 0},
};

static void row_free(void *p)
{
	wrow *x = p;
	free(x->case_id);
	free(x->case_no);
	free(x->name);
	free(x->gist);
}

static int add_row(const lf_queue_row *r, void *ud)
{
	wlist *w = ud;
	wrow *x = lf_list_push(&w->l);
	if (!x)
		return 1;
	x->case_id = strdup(r->case_id ? r->case_id : "");
	x->case_no = strdup(r->case_no ? r->case_no : "");
	x->name = strdup(r->name ? r->name : "");
	const char *c = r->content ? r->content : "";
	const char *nl = strchr(c, '\n');
	x->gist = strndup(c, nl ? (size_t)(nl - c) : strlen(c));
	x->headcount = 1;
	return 0;
}

static void load(wlist *w)
{
	lf_list_clear(&w->l);
	lf_date_format(lf_date_today(), w->today);
	int people = 0;
	if (lf_waiting_each(w->t->st, w->today, add_row, w, &people) != LF_STORE_OK) {
		snprintf(w->msg, sizeof w->msg, "%s", lf_office_errmsg(w->t->st));
		w->msg_kind = LF_MSG_ERROR;
	}
	/* Each row's visit (waiting or interview) and group size. */
	for (size_t i = 0; i < w->l.n; i++) {
		wrow *x = lf_list_at(&w->l, i);
		lf_case_flow fl;
		memset(&fl, 0, sizeof fl);
		if (lf_case_read_flow(w->t->st, x->case_id, &fl) == LF_STORE_OK) {
			snprintf(x->visit, sizeof x->visit, "%s", fl.visit_state);
			x->headcount = fl.headcount;
		}
		lf_case_flow_free(&fl);
	}
	w->warning[0] = '\0';
	w->warn = lf_waiting_warning(w->t->st, w->today, &w->people, &w->staff, w->warning, sizeof w->warning);
	lf_list_clamp(&w->l);
}

/* Issue 14: other desks' changes read in as they come. */
static void follow(void *ctx)
{
	load(ctx);
}

static const char *row_key(const void *row)
{
	return ((const wrow *)row)->case_id;
}

static const char *cell(void *ctx, const void *row, size_t col, char *buf, size_t len, int *attr)
{
	(void)ctx, (void)attr;
	const wrow *x = row;
	snprintf(buf, len, "%d", x->headcount);
	const char *text[] = {x->case_no, x->name, buf, lf_visit_state_label(x->visit), x->gist};
	return text[col];
}

static void draw(void *ctx)
{
	wlist *w = ctx;
	erase();
	char line[512];
	snprintf(line, sizeof line, _("Waiting list (候谈) · %s"), w->today);
	lf_draw_title(line);
	snprintf(line, sizeof line, _("Visitors waiting: %d   Staff on duty: %d   Cases: %zu"), w->people, w->staff,
	         w->l.n);
	lf_draw_bold(1, line);
	if (w->warn) {
		attron(COLOR_PAIR(LF_C_ERROR) | A_BOLD);
		lf_draw_text(stdscr, 2, 1, w->warning, COLS - 2);
		attroff(COLOR_PAIR(LF_C_ERROR) | A_BOLD);
	}
	lf_list_draw(&w->l);
	lf_draw_foot(w->msg, w->msg_kind, LF_S_WAIT);
}

bool lf_tui_visit(lf_tui *t, const char *case_id, lf_visit_step step, char *msg, size_t len)
{
	msg[0] = '\0';
	lf_store_err e = lf_case_visit(t->st, t->me, case_id, step, msg, len);
	if (e == LF_STORE_OK) {
		if (!msg[0])
			snprintf(msg, len, "%s", step == LF_VISIT_WAIT        ? _("On today's waiting list.")
			                         : step == LF_VISIT_INTERVIEW ? _("Being interviewed.")
			                         : step == LF_VISIT_DONE      ? _("The visit is done.")
			                                                      : _("Persuaded to return."));
		return true;
	}
	if (!msg[0])
		snprintf(msg, len, "%s", lf_office_errmsg(t->st));
	return false;
}

static bool act(void *ctx, lf_action a)
{
	wlist *w = ctx;
	lf_tui *t = w->t;
	wrow *x = lf_list_current(&w->l);
	lf_visit_step vs = LF_VISIT_WAIT;
	switch (a) {
	case LF_A_REFRESH:
		load(w);
		break;
	case LF_A_OPEN:
		if (x) {
			lf_case_view_run(t, x->case_no);
			load(w);
		}
		break;
	case LF_A_VISIT_INTERVIEW:
		vs = LF_VISIT_INTERVIEW;
		break;
	case LF_A_VISIT_DONE:
		vs = LF_VISIT_DONE;
		break;
	case LF_A_VISIT_RETURNED:
		vs = LF_VISIT_RETURNED;
		break;
	default:
		break;
	}
	if (vs != LF_VISIT_WAIT && x) {
		char said[400], no[20];
		snprintf(no, sizeof no, "%s", x->case_no);
		bool ok = lf_tui_visit(t, x->case_id, vs, said, sizeof said);
		load(w);
		snprintf(w->msg, sizeof w->msg, "%s: %s", no, said);
		w->msg_kind = ok ? LF_MSG_OK : LF_MSG_ERROR;
	}
	return false;
}

void lf_waiting_run(lf_tui *t)
{
	wlist w;
	memset(&w, 0, sizeof w);
	w.t = t;
	w.l = (lf_list){.row_size = sizeof(wrow), .cols = columns, .ncols = sizeof columns / sizeof columns[0],
	                .x0 = 1, .margin = 1, .y = 3, .empty = _("Nobody is waiting."), .ctx = &w, .cell = cell,
	                .row_free = row_free};
	load(&w);
	lf_list_screen s = {.t = t, .l = &w.l, .screen = LF_S_WAIT, .draw = draw, .ctx = &w, .msg = w.msg,
	                    .msglen = sizeof w.msg, .msg_kind = &w.msg_kind,
	                    .help_title = _("Keys of the waiting list"), .act = act, .follow = follow,
	                    .row_key = row_key};
	lf_list_run(&s);
	lf_list_clear(&w.l);
}
