/* The month's reception schedule on screen: its slots with every problem
 * against the calendar marked, generate by rule, add, change (a published
 * month asks for the approving leader and a reason), delete, quotas,
 * publish. Core decides; this screen asks and shows. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/office.h"
#include "laifang/auth.h"
#include "laifang/caseflow.h"
#include "laifang/i18n.h"
#include "laifang/reception.h"
#include "laifang/text.h"

typedef struct sched {
	lf_tui *t;
	int y, m;
	lf_slot_rec *recs;
	size_t n, sel;
	lf_problems probs;
	bool published, stale;
	char pub_at[LF_TIMESTAMP_LEN];
	char msg[768];
	lf_msg_kind msg_kind;
} sched;

static void say(sched *s, lf_msg_kind kind, const char *text)
{
	snprintf(s->msg, sizeof s->msg, "%.760s", text ? text : "");
	s->msg_kind = kind;
}

static void load(sched *s)
{
	free(s->recs);
	s->recs = NULL;
	s->n = 0;
	lf_problems_free(&s->probs);
	lf_problems_init(&s->probs);
	if (lf_schedule_month(s->t->st, s->y, s->m, &s->recs, &s->n) != LF_STORE_OK) {
		say(s, LF_MSG_ERROR, lf_office_errmsg(s->t->st));
		return;
	}
	lf_schedule sch;
	lf_schedule_init(&sch);
	for (size_t i = 0; i < s->n; i++)
		lf_schedule_add(&sch, &s->recs[i].slot);
	lf_schedule_check_office(s->t->st, &sch, &s->probs);
	lf_schedule_free(&sch);
	s->published = lf_schedule_published(s->t->st, s->y, s->m, s->pub_at);
	s->stale = s->published && lf_schedule_stale(s->t->st, s->y, s->m, NULL);
	if (s->sel >= s->n)
		s->sel = s->n ? s->n - 1 : 0;
}

/* The first problem of slot i, or NULL. */
static const lf_problem *problem_of(const sched *s, size_t i)
{
	for (size_t k = 0; k < s->probs.n; k++)
		if (s->probs.items[k].slot == i)
			return &s->probs.items[k];
	return NULL;
}

static void draw(void *ctx)
{
	sched *s = ctx;
	erase();
	char title[256];
	if (s->published && s->stale)
		snprintf(title, sizeof title, _("Reception schedule %04d-%02d · published %.16s, changed since · %zu slot(s)"),
		         s->y, s->m, s->pub_at, s->n);
	else if (s->published)
		snprintf(title, sizeof title, _("Reception schedule %04d-%02d · published %.16s · %zu slot(s)"), s->y, s->m,
		         s->pub_at, s->n);
	else
		snprintf(title, sizeof title, _("Reception schedule %04d-%02d · not published · %zu slot(s)"), s->y, s->m,
		         s->n);
	attron(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	lf_draw_blank(stdscr, 0, 0, COLS);
	lf_draw_text(stdscr, 0, 1, title, COLS - 2);
	attroff(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	attron(A_BOLD);
	lf_draw_text(stdscr, 1, 1, _("  Date       Wk Time         Leader                 Lead department   Place"), COLS - 2);
	attroff(A_BOLD);
	static const char *const wk[7] = {"日", "一", "二", "三", "四", "五", "六"};
	int rows = LINES - 4;
	size_t top = s->sel >= (size_t)rows ? s->sel - (size_t)rows + 1 : 0;
	for (size_t i = top; i < s->n && (int)(i - top) < rows; i++) {
		const lf_slot *sl = &s->recs[i].slot;
		char day[LF_DATE_LEN], a[8] = "", b[8] = "", who[300], line[1024];
		lf_date_format(sl->date, day);
		if (sl->start != LF_NO_TIME) {
			lf_time_format(sl->start, a);
			lf_time_format(sl->end, b);
		}
		if (sl->leader.title[0])
			snprintf(who, sizeof who, "%s（%s）", sl->leader.name, sl->leader.title);
		else
			snprintf(who, sizeof who, "%s", sl->leader.name);
		const lf_problem *p = problem_of(s, i);
		int y = 2 + (int)(i - top);
		if (i == s->sel)
			attron(COLOR_PAIR(LF_C_SELECT));
		lf_draw_blank(stdscr, y, 0, COLS);
		snprintf(line, sizeof line, "%s %s %s %-5s%s%-5s", p ? "!" : " ", day, wk[lf_date_weekday(sl->date)], a,
		         a[0] ? "-" : " ", b);
		int x = 1 + lf_draw_text(stdscr, y, 1, line, COLS - 2);
		x += 1;
		/* Columns by display width: Chinese names are two columns a character. */
		lf_draw_text(stdscr, y, x, who, 22);
		x += 23;
		if (x < COLS - 1)
			lf_draw_text(stdscr, y, x, sl->department, 17 < COLS - 1 - x ? 17 : COLS - 1 - x);
		x += 18;
		if (x < COLS - 1) {
			snprintf(line, sizeof line, "%s%s%s", sl->location, sl->kind == LF_SLOT_FIELD_VISIT ? " · " : "",
			         sl->kind == LF_SLOT_FIELD_VISIT ? lf_slot_kind_label(sl->kind) : "");
			lf_draw_text(stdscr, y, x, line, COLS - 1 - x);
		}
		if (i == s->sel)
			attroff(COLOR_PAIR(LF_C_SELECT));
	}
	if (s->n == 0)
		lf_draw_text(stdscr, 3, 2, _("No slot in this month: F3 generates by rule, F4 adds one."), COLS - 4);
	const lf_problem *p = s->n ? problem_of(s, s->sel) : NULL;
	if (!s->msg[0] && p)
		lf_draw_message(p->message, LF_MSG_ERROR);
	else
		lf_draw_message(s->msg, s->msg_kind);
	lf_draw_keybar(LF_S_SCHED);
}

/* ---- the slot form --------------------------------------------------------- */

typedef struct slot_form {
	sched *s;
	lf_form_view v;
	lf_form_screen fs;
	lf_slot_rec rec;
	lf_slot_rec seen; /* the slot as the form opened on it (editing) */
	bool adding;
} slot_form;

static char *val(slot_form *f, const char *id)
{
	int i = lf_form_find(f->v.form, id);
	return i >= 0 ? lf_form_view_get(&f->v, (size_t)i) : NULL;
}

static void put(lf_form_view *v, const char *id, const char *value)
{
	int i = lf_form_find(v->form, id);
	if (i >= 0)
		lf_form_view_set(v, (size_t)i, value);
}

static bool form_error(lf_form_screen *fs, const char *m)
{
	snprintf(fs->msg, sizeof fs->msg, "%.500s", m); /* cut on display if longer */
	fs->msg_kind = LF_MSG_ERROR;
	return false;
}

/* The form's values into f->rec; false with the message on the form. */
static bool read_slot(slot_form *f)
{
	static const char *const ids[] = {"date", "start", "end", "leader", "title", "level", "department", "location",
	                                  "contact", "kind", "mode"};
	char *v[11];
	for (int i = 0; i < 11; i++)
		v[i] = val(f, ids[i]);
	bool ok = false;
	lf_slot *sl = &f->rec.slot;
	sl->start = sl->end = LF_NO_TIME;
	if (!v[0] || !lf_date_parse(v[0], &sl->date) || !lf_date_valid(sl->date.y, sl->date.m, sl->date.d))
		form_error(&f->fs, _("日期: write a date such as 2026-12-23"));
	else if ((v[1] && v[1][0] && !lf_time_parse(v[1], &sl->start)) || (v[2] && v[2][0] && !lf_time_parse(v[2], &sl->end)))
		form_error(&f->fs, _("Time: write HH:MM, such as 09:30"));
	else if (!lf_slot_kind_parse(v[9] ? v[9] : "", &sl->kind) || !lf_slot_mode_parse(v[10] ? v[10] : "", &sl->mode))
		form_error(&f->fs, _("Choose the kind and the mode."));
	else {
		lf_slot_set(sl->leader.name, sizeof sl->leader.name, v[3] ? v[3] : "");
		lf_slot_set(sl->leader.title, sizeof sl->leader.title, v[4] ? v[4] : "");
		lf_slot_set(sl->leader.level, sizeof sl->leader.level, v[5] ? v[5] : "");
		lf_slot_set(sl->department, sizeof sl->department, v[6] ? v[6] : "");
		lf_slot_set(sl->location, sizeof sl->location, v[7] ? v[7] : "");
		lf_slot_set(sl->contact, sizeof sl->contact, v[8] ? v[8] : "");
		ok = true;
	}
	for (int i = 0; i < 11; i++)
		free(v[i]);
	return ok;
}

/* The approving leader at the desk: their login, their own password typed
 * by them now (never shown), and a reason when asked (seed 000; issue 11).
 * The password is wiped by the caller (lf_password_free). */
typedef struct approval_in {
	char login[128];
	char *password;
	char reason[1024];
} approval_in;

static bool ask_approval(const char *title, const char *intro, bool with_reason, approval_in *in)
{
	const char *labels[3] = {_("Approving leader (login)"), _("The leader's password"), _("Reason")};
	lf_line_edit fields[3];
	lf_line_init(&fields[0], 60, false);
	lf_line_init(&fields[1], 256, true);
	lf_line_init(&fields[2], 200, false);
	lf_prompt p;
	memset(&p, 0, sizeof p);
	p.title = title;
	p.intro = intro;
	p.labels = labels;
	p.fields = fields;
	p.n = with_reason ? 3 : 2;
	p.can_back = true;
	bool ok = lf_prompt_run(&p) == LF_PROMPT_OK;
	char *a = lf_line_text(&fields[0]), *r = lf_line_text(&fields[2]);
	snprintf(in->login, sizeof in->login, "%s", a ? a : "");
	snprintf(in->reason, sizeof in->reason, "%s", r ? r : "");
	in->password = lf_line_text(&fields[1]);
	free(a);
	free(r);
	for (int i = 0; i < 3; i++)
		lf_line_free(&fields[i]);
	return ok;
}

static bool slot_submit(void *ud)
{
	slot_form *f = ud;
	if (!read_slot(f))
		return false;
	char msg[768];
	lf_store_err e;
	lf_store *st = f->s->t->st;
	if (f->adding) {
		e = lf_schedule_store_add(st, f->s->t->me, &f->rec, 1, msg, sizeof msg);
	} else {
		approval_in in = {.password = NULL};
		bool needs = lf_schedule_change_needs_approval(st, &f->rec);
		if (needs && !ask_approval(_("The month is published: the change needs approval"),
		                           _("The approving leader types their own password (须经局主要领导批准); it is "
		                             "logged."),
		                           true, &in)) {
			lf_password_free(in.password);
			return form_error(&f->fs, _("Not changed: no approval given."));
		}
		lf_approval ap = {in.login, in.password ? in.password : "", in.reason, false};
		e = lf_schedule_edit_seen(st, f->s->t->me, &f->seen, &f->rec, needs ? &ap : NULL, msg, sizeof msg);
		lf_password_free(in.password);
	}
	if (e != LF_STORE_OK)
		return form_error(&f->fs, msg);
	say(f->s, LF_MSG_OK, f->adding ? _("The slot is added.") : _("The slot is changed."));
	return true;
}

static void slot_form_run(sched *s, bool adding)
{
	char err[256], buf[16];
	const lf_form_def *form = lf_form_get("schedule_slot", err, sizeof err);
	if (!form) {
		say(s, LF_MSG_ERROR, err);
		return;
	}
	slot_form f;
	memset(&f, 0, sizeof f);
	f.s = s;
	f.adding = adding;
	lf_form_view_init(&f.v, form, false);
	if (!adding && s->n) {
		f.rec = f.seen = s->recs[s->sel];
		const lf_slot *sl = &f.rec.slot;
		lf_date_format(sl->date, buf);
		put(&f.v, "date", buf);
		if (sl->start != LF_NO_TIME) {
			lf_time_format(sl->start, buf);
			put(&f.v, "start", buf);
			lf_time_format(sl->end, buf);
			put(&f.v, "end", buf);
		}
		put(&f.v, "leader", sl->leader.name);
		put(&f.v, "title", sl->leader.title);
		put(&f.v, "level", sl->leader.level);
		put(&f.v, "department", sl->department);
		put(&f.v, "location", sl->location);
		put(&f.v, "contact", sl->contact);
		put(&f.v, "kind", sl->kind == LF_SLOT_FIELD_VISIT ? "下访" : "接访");
		static const char *const modes[] = {"定点接访", "重点约访", "专题接访", "带案下访", "下基层接访"};
		put(&f.v, "mode", modes[sl->mode]);
	} else {
		snprintf(buf, sizeof buf, "%04d-%02d-", s->y, s->m);
		put(&f.v, "date", buf);
		put(&f.v, "kind", "接访");
		put(&f.v, "mode", "定点接访");
	}
	f.fs.v = &f.v;
	f.fs.title = adding ? _("Add a slot") : _("Change the slot");
	f.fs.about = _("A slot of the reception schedule. A change to a published month asks for the approving leader.");
	f.fs.ctx = &f;
	f.fs.submit = slot_submit;
	if (lf_form_screen_run(s->t, &f.fs))
		load(s);
	lf_form_view_free(&f.v);
}

/* ---- generating -------------------------------------------------------------- */

typedef struct gen_form {
	sched *s;
	lf_form_view v;
	lf_form_screen fs;
} gen_form;

static bool month_or_date(const char *v, bool last, lf_date *out)
{
	int y, m;
	char tail;
	if (v && sscanf(v, "%4d-%2d%c", &y, &m, &tail) == 2 && lf_date_valid(y, m, 1)) {
		lf_date next = m == 12 ? (lf_date){y + 1, 1, 1} : (lf_date){y, m + 1, 1};
		*out = last ? lf_date_add(next, -1) : (lf_date){y, m, 1};
		return true;
	}
	return v && lf_date_parse(v, out) && lf_date_valid(out->y, out->m, out->d);
}

static bool gen_submit(void *ud)
{
	gen_form *g = ud;
	char *v[9];
	static const char *const ids[] = {"rule", "from", "to", "leaders", "time", "department", "location", "kind",
	                                  "postpone"};
	for (int i = 0; i < 9; i++) {
		int k = lf_form_find(g->v.form, ids[i]);
		v[i] = k >= 0 ? lf_form_view_get(&g->v, (size_t)k) : NULL;
	}
	lf_rule rule;
	memset(&rule, 0, sizeof rule);
	rule.tmpl.start = rule.tmpl.end = LF_NO_TIME;
	bool ok = false;
	char *end = NULL;
	lf_leader *leaders = NULL;
	size_t nleaders = 0;
	char msg[768];
	if (v[0] && !strncmp(v[0], "day:", 4) && (rule.day = (int)strtol(v[0] + 4, &end, 10)) >= 1 && rule.day <= 31 && !*end)
		rule.kind = LF_RULE_MONTHLY;
	else if (v[0] && !strcmp(v[0], "rotation"))
		rule.kind = LF_RULE_ROTATION;
	else {
		form_error(&g->fs, _("规则: day:N (e.g. day:23) or rotation"));
		goto out;
	}
	if (!month_or_date(v[1], false, &rule.from) || !month_or_date(v[2], true, &rule.to)) {
		form_error(&g->fs, _("Months: write 2026-12 or a date 2026-12-11"));
		goto out;
	}
	if (v[4] && v[4][0]) {
		char a[8] = "";
		const char *dash = strchr(v[4], '-');
		if (dash && (size_t)(dash - v[4]) < sizeof a)
			memcpy(a, v[4], (size_t)(dash - v[4]));
		if (!dash || !lf_time_parse(a, &rule.tmpl.start) || !lf_time_parse(dash + 1, &rule.tmpl.end)) {
			form_error(&g->fs, _("时间: write 09:30-11:30"));
			goto out;
		}
	}
	lf_slot_set(rule.tmpl.department, sizeof rule.tmpl.department, v[5] ? v[5] : "");
	lf_slot_set(rule.tmpl.location, sizeof rule.tmpl.location, v[6] ? v[6] : "");
	lf_slot_kind_parse(v[7] ? v[7] : "", &rule.tmpl.kind);
	rule.postpone = v[8] && !strcmp(v[8], "周一至周五") ? LF_POSTPONE_WEEKDAY : LF_POSTPONE_OFFICIAL;
	if (lf_schedule_leaders(g->s->t->st, v[3], &leaders, &nleaders, msg, sizeof msg) != LF_STORE_OK) {
		form_error(&g->fs, msg);
		goto out;
	}
	rule.leaders = leaders;
	rule.nleaders = nleaders;
	int added = 0;
	if (lf_schedule_generate_store(g->s->t->st, g->s->t->me, &rule, &added, msg, sizeof msg) != LF_STORE_OK) {
		form_error(&g->fs, msg);
		goto out;
	}
	snprintf(msg, sizeof msg, _("%d slot(s) generated."), added);
	say(g->s, LF_MSG_OK, msg);
	g->s->y = rule.from.y;
	g->s->m = rule.from.m;
	ok = true;
out:
	free(leaders);
	for (int i = 0; i < 9; i++)
		free(v[i]);
	return ok;
}

static void generate(sched *s)
{
	char err[256], buf[16];
	const lf_form_def *form = lf_form_get("schedule_rule", err, sizeof err);
	if (!form) {
		say(s, LF_MSG_ERROR, err);
		return;
	}
	gen_form g;
	memset(&g, 0, sizeof g);
	g.s = s;
	lf_form_view_init(&g.v, form, false);
	char **init = calloc(form->n_fields, sizeof *init);
	if (init) {
		lf_form_fill_defaults(form, init, lf_date_today(), "");
		for (size_t i = 0; i < form->n_fields; i++)
			if (init[i])
				lf_form_view_set(&g.v, i, init[i]);
		lf_form_values_free(init, form->n_fields);
	}
	snprintf(buf, sizeof buf, "%04d-%02d", s->y, s->m);
	put(&g.v, "from", buf);
	put(&g.v, "to", buf);
	g.fs.v = &g.v;
	g.fs.title = _("Generate slots by rule");
	g.fs.about = _("day:N: day N of each month, moved to the next working day when it is a day off; rotation: one "
	               "leader each working day, in the order given.");
	g.fs.ctx = &g;
	g.fs.submit = gen_submit;
	if (lf_form_screen_run(s->t, &g.fs))
		load(s);
	lf_form_view_free(&g.v);
}

/* ---- reports and the rest ---------------------------------------------------- */

static void show_problems(sched *s)
{
	size_t cap = 256 + s->probs.n * LF_SLOT_MSG, used = 0;
	char *text = malloc(cap);
	if (!text)
		return;
	text[0] = '\0';
	if (s->probs.n == 0)
		snprintf(text, cap, "%s", _("No problem: every slot is on a working day and no leader is booked twice."));
	for (size_t i = 0; i < s->probs.n; i++)
		used += (size_t)snprintf(text + used, cap - used, "%s\n", s->probs.items[i].message);
	lf_dialog_text(_("Check against the calendar"), text);
	free(text);
}

static void show_quotas(sched *s)
{
	lf_shortfalls r;
	lf_shortfalls_init(&r);
	char unranked[1024];
	if (lf_schedule_quota_month(s->t->st, s->y, s->m, &r, unranked, sizeof unranked) != LF_STORE_OK) {
		say(s, LF_MSG_ERROR, lf_office_errmsg(s->t->st));
		lf_shortfalls_free(&r);
		return;
	}
	size_t cap = 2048 + r.n * LF_SLOT_MSG, used = 0;
	char *text = malloc(cap);
	if (text) {
		used = (size_t)snprintf(text, cap, "%s\n\n",
		                        _("Quotas (levels as given on each leader's latest slot), each over its whole week, "
		                          "month or quarter, for every leader: county 1 day a month; town and department "
		                          "1 day a week; deputy 1 a quarter."));
		if (r.n == 0)
			used += (size_t)snprintf(text + used, cap - used, "%s\n", _("Nobody is short this month."));
		for (size_t i = 0; i < r.n && used < cap; i++)
			used += (size_t)snprintf(text + used, cap - used, "%s\n", r.items[i].message);
		if (unranked[0] && used < cap)
			snprintf(text + used, cap - used, _("No level known, no quota checked: %s"), unranked);
		lf_dialog_text(_("Quotas"), text);
	}
	free(text);
	lf_shortfalls_free(&r);
}

static void publish(sched *s)
{
	char dir[1024] = "", msg[5120], html[4096], csv[4096];
	if (!lf_prompt_line(_("Publish the month"), _("Folder for the HTML and CSV"), false, dir, sizeof dir) || !dir[0])
		return;
	/* Slots on days off are named first; the leader then confirms them too. */
	lf_approval ap = {.days_off = false};
	char list[4096];
	int off = lf_schedule_days_off(s->t->st, s->recs, s->n, list, sizeof list, NULL, 0);
	if (off > 0) {
		char text[4800];
		snprintf(text, sizeof text, "%s\n\n%s", list,
		         _("These slots fall on days off. Publish them as exceptions approved by a leader?"));
		lf_dialog_text(_("Slots on days off"), text);
		if (!lf_dialog_confirm(_("Publish the slots on days off as approved exceptions?"), false)) {
			say(s, LF_MSG_ERROR, _("Not published: slots fall on days off (F6 lists them)."));
			return;
		}
		ap.days_off = true;
	}
	approval_in in = {.password = NULL};
	if (!ask_approval(_("Publishing needs a leader's approval"),
	                  _("The approving leader types their own password (经主要领导同意后公开); it is logged."), false,
	                  &in)) {
		lf_password_free(in.password);
		say(s, LF_MSG_ERROR, _("Not published: no approval given."));
		return;
	}
	ap.login = in.login;
	ap.password = in.password ? in.password : "";
	lf_store_err e = lf_schedule_publish(s->t->st, s->t->me, s->y, s->m, dir, &ap, html, csv, sizeof html, msg,
	                                     sizeof msg);
	lf_password_free(in.password);
	if (e != LF_STORE_OK) {
		say(s, LF_MSG_ERROR, msg);
		return;
	}
	char m[1200];
	snprintf(m, sizeof m, "%.200s %.900s", msg, html);
	say(s, LF_MSG_OK, m);
	load(s);
}

static void delete_slot(sched *s)
{
	if (!s->n || !lf_dialog_confirm(_("Delete the selected slot?"), false))
		return;
	char msg[768];
	if (lf_schedule_delete(s->t->st, s->t->me, s->recs[s->sel].id, msg, sizeof msg) != LF_STORE_OK)
		say(s, LF_MSG_ERROR, msg);
	else {
		say(s, LF_MSG_OK, _("The slot is deleted."));
		load(s);
	}
}

static void month_step(sched *s, int dir)
{
	s->m += dir;
	if (s->m < 1) {
		s->m = 12;
		s->y--;
	} else if (s->m > 12) {
		s->m = 1;
		s->y++;
	}
	s->sel = 0;
	s->msg[0] = '\0';
	load(s);
}

void lf_schedule_run(lf_tui *t)
{
	sched s;
	memset(&s, 0, sizeof s);
	s.t = t;
	lf_date today = lf_date_today();
	s.y = today.y;
	s.m = today.m;
	lf_problems_init(&s.probs);
	load(&s);
	lf_tui_push(draw, &s);
	while (!t->quit) {
		lf_redraw_all();
		wint_t key;
		int kind = lf_read_key(&key, -1);
		if (kind == ERR)
			continue;
		lf_action a = lf_key_action(kind, key, LF_S_SCHED);
		if (a != LF_A_NONE)
			s.msg[0] = '\0';
		switch (a) {
		case LF_A_DOWN: if (s.sel + 1 < s.n) s.sel++; break;
		case LF_A_UP: if (s.sel > 0) s.sel--; break;
		case LF_A_SCHED_PREV: month_step(&s, -1); break;
		case LF_A_SCHED_NEXT: month_step(&s, 1); break;
		case LF_A_OPEN: if (s.n) slot_form_run(&s, false); break;
		case LF_A_NEW: slot_form_run(&s, true); break;
		case LF_A_SCHED_GENERATE: generate(&s); break;
		case LF_A_SCHED_CHECK: show_problems(&s); break;
		case LF_A_SCHED_QUOTA: show_quotas(&s); break;
		case LF_A_SCHED_DELETE: delete_slot(&s); break;
		case LF_A_SCHED_PUBLISH: publish(&s); break;
		case LF_A_HELP: {
			char *keys = lf_keys_help(LF_S_SCHED);
			lf_dialog_text(_("The reception schedule"), keys ? keys : "");
			free(keys);
			break;
		}
		case LF_A_BACK: goto done;
		case LF_A_QUIT: t->quit = true; break;
		default: break;
		}
	}
done:
	lf_tui_pop();
	free(s.recs);
	lf_problems_free(&s.probs);
}
