/* Transfers and assignments come back (issue 11), on the case screen: the
 * F7 menu's "record the agency's answer" opens a menu of the answers the
 * office may record now (收到, 接收, 异议, 办理结果), the co-agencies and
 * 未评价; each is a small form calling core (agency.h). The timeline panel
 * shows the units, the agency's answers and, for the archivist, what the
 * file still lacks before 归档. */
#include "pickers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/case_read.h"
#include "laifang/office.h"
#include "laifang/agency.h"
#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "laifang/store_agency.h"

enum { A_RECEIPT, A_ACCEPT, A_OBJECT, A_RESULT, A_CO, A_UNRATED, A_REPLY, A_COUNT };

static const char *const labels[A_COUNT] = {
	N_("the agency received it (收到日期)"),
	N_("the agency accepted it (接收)"),
	N_("the agency objects (异议, with reasons)"),
	N_("the agency's result (办理结果)"),
	N_("co-agencies (会办单位)"),
	N_("satisfaction not given (未评价, with a reason)"),
	N_("record the reply from the agency's result (答复)"),
};

static bool item_open(lf_tui *t, const lf_case_flow *fl, int i)
{
	const lf_user *me = t->me;
	if (i == A_REPLY)
		return lf_agency_office_may_reply(t->st, me, fl);
	if (i <= A_RESULT)
		return lf_agency_open(t->st, me, fl, (lf_agency_kind)i);
	if (i == A_CO)
		return lf_state_open(fl->state) && lf_can(me->roles, LF_PERM_ROUTE) && fl->facts.has_routing &&
		       fl->lead_unit_id;
	return lf_can(me->roles, LF_PERM_REPLY) && (fl->state == LF_ST_REPLIED || fl->state == LF_ST_REPORTED);
}

bool lf_case_agency_offered(lf_tui *t, const lf_case_flow *fl)
{
	for (int i = 0; i < A_COUNT; i++)
		if (item_open(t, fl, i))
			return true;
	return false;
}

typedef struct agency_ud {
	lf_tui *t;
	const char *case_id;
	int item;
	size_t at[3];
	bool changed;
} agency_ud;

static bool agency_apply(lf_xform *f, char **vals, char *msg, size_t len)
{
	agency_ud *u = f->ud;
	lf_store *st = u->t->st;
	const lf_user *me = u->t->me;
	lf_store_err e;
	msg[0] = '\0';
	if (u->item <= A_RESULT) {
		lf_agency_args a = {.date = vals[u->at[0]]};
		if (u->item == A_OBJECT)
			a.reason = vals[u->at[1]];
		if (u->item == A_RESULT) {
			a.text = vals[u->at[1]];
			a.file = vals[u->at[2]];
		}
		e = lf_case_agency(st, me, u->case_id, (lf_agency_kind)u->item, &a, msg, len);
	} else if (u->item == A_CO) {
		e = lf_case_set_co_units(st, me, u->case_id, vals[u->at[0]], msg, len);
	} else {
		e = lf_case_mark_unrated(st, me, u->case_id, vals[u->at[0]], msg, len);
	}
	if (e == LF_STORE_CONFLICT)
		f->conflict = true;
	if (e == LF_STORE_OK || e == LF_STORE_CONFLICT)
		u->changed = true;
	if (e == LF_STORE_OK && !msg[0])
		snprintf(msg, len, "%s", _("Recorded."));
	if (e != LF_STORE_OK && !msg[0])
		snprintf(msg, len, "%s", lf_office_errmsg(st));
	return e == LF_STORE_OK;
}

/* The office's reply (lf_step_form_run's apply). */
static int reply_apply(void *ud, lf_step step, const lf_step_args *args, char *msg, size_t len)
{
	agency_ud *u = ud;
	msg[0] = '\0';
	lf_store_err e = lf_case_step(u->t->st, u->t->me, u->case_id, step, args, msg, len);
	if (e == LF_STORE_OK || e == LF_STORE_CONFLICT)
		u->changed = true;
	if (e == LF_STORE_OK && !msg[0])
		snprintf(msg, len, "%s", _("The reply is recorded."));
	if (e != LF_STORE_OK && !msg[0])
		snprintf(msg, len, "%s", lf_office_errmsg(u->t->st));
	return e == LF_STORE_OK ? 1 : e == LF_STORE_CONFLICT ? -1 : 0;
}

typedef struct co_names {
	char text[1024];
} co_names;

static int add_co(const char *id, const char *name, const char *kind, const char *role, void *ud)
{
	(void)id;
	(void)kind;
	co_names *c = ud;
	size_t used = strlen(c->text);
	if (role && !strcmp(role, "co"))
		snprintf(c->text + used, sizeof c->text - used, "%s%s", used ? "、" : "", name ? name : "");
	return 0;
}

bool lf_case_agency_run(lf_tui *t, const lf_case_flow *fl, const char *case_no, char *msg, size_t len,
                        lf_msg_kind *kind)
{
	const char *items[A_COUNT];
	int what[A_COUNT];
	size_t n = 0;
	for (int i = 0; i < A_COUNT; i++)
		if (item_open(t, fl, i)) {
			items[n] = _(labels[i]);
			what[n++] = i;
		}
	*kind = LF_MSG_ERROR;
	if (n == 0)
		return false;
	char title[256];
	snprintf(title, sizeof title, _("The agency's answer · case %s"), case_no);
	int c = lf_dialog_menu(title, items, n);
	if (c < 0)
		return false;
	agency_ud u = {.t = t, .case_id = fl->case_id, .item = what[c]};
	if (u.item == A_REPLY) {
		char heading[64];
		snprintf(heading, sizeof heading, _("case %s"), case_no);
		if (lf_step_form_run(t, LF_STEP_REPLY, heading, NULL, reply_apply, &u, msg, len))
			*kind = LF_MSG_OK;
		lf_one_line(msg, len);
		return u.changed;
	}
	lf_xform f;
	char ftitle[512];
	snprintf(ftitle, sizeof ftitle, "%s · %s", _(labels[u.item]), case_no);
	lf_xf_init(&f, t, ftitle);
	static char today[LF_DATE_LEN];
	static co_names co;
	lf_date_format(lf_date_today(), today);
	switch (u.item) {
	case A_RECEIPT:
	case A_ACCEPT:
	case A_OBJECT:
	case A_RESULT:
		u.at[0] = lf_xf_add(&f, _("Date (YYYY-MM-DD)"), LF_FIELD_TEXT, 12, 10);
		f.fd[u.at[0]].defval = today;
		if (u.item == A_OBJECT)
			u.at[1] = lf_xf_add(&f, _("Reasons"), LF_FIELD_MULTILINE, 50, 1000);
		if (u.item == A_RESULT) {
			u.at[1] = lf_xf_add(&f, _("Result as written"), LF_FIELD_MULTILINE, 50, 4000);
			u.at[2] = lf_xf_add(&f, _("Scan (file path)"), LF_FIELD_TEXT, 50, 1000);
		}
		break;
	case A_CO:
		memset(&co, 0, sizeof co);
		lf_case_read_units(t->st, fl->case_id, add_co, &co);
		u.at[0] = lf_xf_names(&f, _("Co-agencies"), 36, 1000);
		f.fd[u.at[0]].defval = co.text;
		char why[512] = ""; /* no list: the names are typed */
		lf_units_of(t, "!discipline", &f.ch[u.at[0]], why, sizeof why);
		lf_choices_drop(&f.ch[u.at[0]], fl->lead_unit_name); /* the lead unit is not its own co-agency */
		break;
	default:
		u.at[0] = lf_xf_add(&f, _("Reason"), LF_FIELD_TEXT, 50, 1000);
		break;
	}
	f.apply = agency_apply;
	f.ud = &u;
	bool done = lf_xf_run(&f, ftitle,
	                      u.item == A_CO
	                          ? _("The units that handle the case with the lead unit (会办单位), separated by 、; "
	                              "Enter adds one from the list. F2 records them.")
	                          : _("The office records what the agency sent (it has no login). F2 records it; a date "
	                              "is written YYYY-MM-DD."),
	                      msg, len);
	if (done && !f.conflict)
		*kind = LF_MSG_OK;
	lf_one_line(msg, len);
	return u.changed;
}

/* ---- the summary on the timeline panel ---- */

typedef struct summary {
	char *buf;
	size_t len, used;
} summary;

static void add(summary *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(summary *s, const char *fmt, ...)
{
	if (s->used + 1 >= s->len)
		return;
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(s->buf + s->used, s->len - s->used, fmt, ap);
	va_end(ap);
	if (w > 0)
		s->used += (size_t)w < s->len - s->used ? (size_t)w : s->len - s->used - 1;
}

static int add_answer(const lf_agency_answer *a, void *ud)
{
	summary *s = ud;
	lf_agency_kind k;
	const char *label = lf_agency_kind_parse(a->kind, &k) ? lf_agency_kind_label(k) : a->kind;
	add(s, "  %s  %s  %s", a->on_date ? a->on_date : "", label ? label : "", a->by_name ? a->by_name : "");
	if (a->file_name)
		add(s, _("  scan: %s"), a->file_name);
	add(s, "\n");
	return 0;
}

char *lf_case_agency_summary(lf_tui *t, const lf_case_flow *fl)
{
	summary s = {.len = 4096};
	s.buf = calloc(1, s.len);
	if (!s.buf || !t->st)
		return s.buf;
	co_names co;
	memset(&co, 0, sizeof co);
	if (lf_case_read_units(t->st, fl->case_id, add_co, &co) == LF_STORE_OK && co.text[0])
		add(&s, _("Co-agencies (会办单位): %s\n"), co.text);
	size_t before = s.used;
	add(&s, "%s\n", _("The agency's answers:"));
	size_t head = s.used;
	lf_case_read_agency_answers(t->st, fl->case_id, add_answer, &s);
	if (s.used == head) { /* none: no heading */
		s.used = before;
		s.buf[before] = '\0';
	}
	/* The archivist sees what the file lacks before trying (一事一档). */
	if (lf_can(t->me->roles, LF_PERM_ARCHIVE) && lf_state_open(fl->state)) {
		char list[1024];
		int n = lf_case_archive_check(t->st, t->me, fl->case_id, list, sizeof list);
		if (n == 0)
			add(&s, "%s\n", _("Archive check: the file is complete."));
		else if (n > 0) {
			add(&s, _("Archive check: %d missing:\n"), n);
			for (char *p = list; *p;) {
				char *nl = strchr(p, '\n');
				size_t k = nl ? (size_t)(nl - p) : strlen(p);
				add(&s, "  · %.*s\n", (int)k, p);
				p += k + (nl ? 1 : 0);
			}
		}
	}
	if (s.used && s.buf[s.used - 1] == '\n')
		s.buf[--s.used] = '\0';
	return s.buf;
}
