/* Saved views (views.h): a queue's filter under a name, checked again
 * whenever it is read back, so a stored row is data, never an order. */
#include "laifang/views.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/auth.h"
#include "laifang/calendar.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_views.h"
#include "laifang/text.h"

void lf_view_filter_init(lf_view_filter *vf, lf_queue_id q)
{
	memset(vf, 0, sizeof *vf);
	vf->queue = q;
	vf->due_within = -1;
}

bool lf_view_filter_empty(const lf_view_filter *vf)
{
	return vf->due_within < 0 && !vf->my_unit && !vf->unit_id[0] && !vf->leader_id[0] && !vf->from[0] &&
	       !vf->to[0] && !vf->keyword[0];
}

bool lf_view_query_make(lf_store *st, const lf_user *actor, const lf_view_filter *vf, lf_view_query *q, char *msg,
                        size_t len)
{
	memset(q, 0, sizeof *q);
	if (!lf_queue_filter_for(st, actor, vf->queue, &q->f, msg, len))
		return false;
	/* A queue that is already one unit's or one leader's (办理中, 我的包案)
	 * stays so: a view narrows a queue, never widens it. */
	bool core_unit = q->f.unit_id != NULL, core_owner = q->f.owner_id != NULL;
	const char *unit = NULL;
	if (vf->my_unit) {
		if (!actor->unit_id[0]) {
			cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
			          _("you belong to no unit, so \"your unit\" names none: an administrator sets your unit"));
			return false;
		}
		unit = actor->unit_id;
	} else if (vf->unit_id[0]) {
		unit = vf->unit_id;
	}
	if (unit && !core_unit) {
		snprintf(q->unit_id, sizeof q->unit_id, "%s", unit);
		q->f.unit_id = q->unit_id;
	}
	if (vf->leader_id[0] && !core_owner) {
		snprintf(q->leader_id, sizeof q->leader_id, "%s", vf->leader_id);
		q->f.owner_id = q->leader_id;
	}
	snprintf(q->from, sizeof q->from, "%s", vf->from);
	snprintf(q->to, sizeof q->to, "%s", vf->to);
	snprintf(q->keyword, sizeof q->keyword, "%s", vf->keyword);
	q->f.from = q->from[0] ? q->from : NULL;
	q->f.to = q->to[0] ? q->to : NULL;
	q->f.keyword = q->keyword[0] ? q->keyword : NULL;
	if (vf->due_within >= 0) {
		/* Counted from the day it is read: overdue cases stay in. */
		lf_date d = lf_calendar_add_workdays(lf_office_calendar(st), lf_date_today(), vf->due_within);
		lf_date_format(d, q->due_before);
		q->f.due_before = q->due_before;
	}
	return true;
}

/* ---- checking ------------------------------------------------------------ */

/* A date as a view keeps it: "" or a real YYYY-MM-DD, written so. */
static bool date_ok(const char *s)
{
	lf_date d;
	char back[LF_DATE_LEN];
	if (!s[0])
		return true;
	if (strlen(s) != 10 || !lf_date_parse(s, &d) || !lf_date_valid(d.y, d.m, d.d))
		return false;
	lf_date_format(d, back);
	return !strcmp(back, s);
}

/* One line of at most max characters with nothing lf_text_clean would
 * change, and not blank around. */
static bool line_ok(const char *s, size_t max)
{
	bool changed = false;
	char *c = lf_text_clean(s, strlen(s), false, &changed);
	bool ok = c && !changed && lf_text_chars(s) <= max;
	if (ok) {
		lf_text_trim(c);
		ok = !strcmp(c, s);
	}
	free(c);
	return ok;
}

/* What a unit and a leader named by the filter are now. */
typedef struct names {
	bool unit_known, unit_active;
	const char *unit_name;
	bool leader_known;
} names;

/* The reason vf does not hold for actor into why ("" when it does). */
static void problem_of(const lf_user *actor, const lf_view_filter *vf, const names *n, char *why, size_t len)
{
	why[0] = '\0';
	if ((unsigned)vf->queue >= LF_Q_COUNT)
		snprintf(why, len, "%s", _("its queue is not one of laifang's queues"));
	else if (!lf_queue_visible(actor, vf->queue))
		snprintf(why, len, _("you do not see the queue %s"), lf_queue_label(vf->queue));
	else if (vf->due_within < -1 || vf->due_within > LF_VIEW_DUE_MAX)
		snprintf(why, len, _("its due window is not 0 to %d working days"), LF_VIEW_DUE_MAX);
	else if (vf->my_unit && vf->unit_id[0])
		snprintf(why, len, "%s", _("it names a unit and \"your unit\" at once"));
	else if (vf->unit_id[0] && !n->unit_known)
		snprintf(why, len, "%s", _("its unit is no longer in the directory"));
	else if (vf->unit_id[0] && !n->unit_active)
		snprintf(why, len, _("its unit %s was removed from the directory (inactive)"),
		         n->unit_name ? n->unit_name : "");
	else if (vf->leader_id[0] && !n->leader_known)
		snprintf(why, len, "%s", _("its leader is no longer a user"));
	else if (!date_ok(vf->from) || !date_ok(vf->to))
		snprintf(why, len, "%s", _("a date of it is not a date (YYYY-MM-DD)"));
	else if (vf->from[0] && vf->to[0] && strcmp(vf->from, vf->to) > 0)
		snprintf(why, len, "%s", _("its dates end before they begin"));
	else if (!line_ok(vf->keyword, LF_VIEW_KEYWORD_MAX))
		snprintf(why, len, _("its keyword is not one line of at most %d characters"), LF_VIEW_KEYWORD_MAX);
}

lf_store_err lf_view_filter_check(lf_store *st, const lf_user *actor, const lf_view_filter *vf, char *msg,
                                  size_t len)
{
	if (!actor || !actor->active)
		return cf_refuse(st, LF_STORE_DENIED, msg, len, "%s", _("log in first"));
	names n = {0};
	lf_unit u;
	memset(&u, 0, sizeof u);
	if (vf->unit_id[0] && lf_store_unit_get(st, vf->unit_id, &u) == LF_STORE_OK) {
		n.unit_known = true;
		n.unit_active = u.active;
		n.unit_name = u.name;
	}
	lf_user l;
	memset(&l, 0, sizeof l);
	if (vf->leader_id[0] && lf_store_user_get(st, vf->leader_id, &l, NULL) == LF_STORE_OK)
		n.leader_known = true;
	char why[256];
	problem_of(actor, vf, &n, why, sizeof why);
	lf_unit_free(&u);
	lf_user_free(&l);
	if (!why[0])
		return LF_STORE_OK;
	bool denied = (unsigned)vf->queue < LF_Q_COUNT && !lf_queue_visible(actor, vf->queue);
	return cf_refuse(st, denied ? LF_STORE_DENIED : LF_STORE_INVALID, msg, len, _("The filter cannot be kept: %s."),
	                 why);
}

/* ---- reading ------------------------------------------------------------- */

void lf_saved_view_free(lf_saved_view *v)
{
	if (!v)
		return;
	free(v->name);
	free(v->owner_login);
	free(v->owner_name);
	free(v->unit_name);
	free(v->leader_name);
	memset(v, 0, sizeof *v);
}

static char *dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

/* A stored row as a view for actor; false when out of memory. */
static bool from_row(const lf_user *actor, const lf_view_row *r, lf_saved_view *v)
{
	memset(v, 0, sizeof *v);
	snprintf(v->id, sizeof v->id, "%s", r->id ? r->id : "");
	v->mine = r->user_id && !strcmp(r->user_id, actor->id);
	v->shared = r->shared;
	lf_view_filter_init(&v->filter, LF_Q_COUNT);
	bool queue_ok = lf_queue_parse(r->queue, &v->filter.queue);
	if (!queue_ok)
		v->filter.queue = LF_Q_COUNT;
	/* Out of range is kept out of range, for the check to name. */
	v->filter.due_within = r->due_within < -1 || r->due_within > LF_VIEW_DUE_MAX ? LF_VIEW_DUE_MAX + 1
	                                                                              : (int)r->due_within;
	v->filter.my_unit = r->my_unit;
	bool fits = true;
#define COPY(dst, src)                                                                              \
	do {                                                                                            \
		const char *s_ = (src) ? (src) : "";                                                        \
		fits &= strlen(s_) < sizeof(dst);                                                           \
		snprintf(dst, sizeof(dst), "%s", s_);                                                       \
	} while (0)
	COPY(v->filter.unit_id, r->unit_id);
	COPY(v->filter.leader_id, r->leader_id);
	COPY(v->filter.from, r->from);
	COPY(v->filter.to, r->to);
	COPY(v->filter.keyword, r->keyword);
#undef COPY
	v->name = strdup(r->name ? r->name : "");
	v->owner_login = dup_or_null(r->owner_login);
	v->owner_name = dup_or_null(r->owner_name);
	v->unit_name = dup_or_null(r->unit_name);
	v->leader_name = dup_or_null(r->leader_name);
	if (!v->name)
		return false;
	names n = {.unit_known = r->unit_name != NULL, .unit_active = r->unit_active, .unit_name = r->unit_name,
	           .leader_known = r->leader_name != NULL};
	if (!queue_ok)
		snprintf(v->problem, sizeof v->problem, _("its queue \"%.40s\" is not one of laifang's queues"),
		         r->queue ? r->queue : "");
	else if (!fits)
		snprintf(v->problem, sizeof v->problem, "%s", _("a value of it is too long"));
	else
		problem_of(actor, &v->filter, &n, v->problem, sizeof v->problem);
	return true;
}

typedef struct each_ctx {
	const lf_user *actor;
	lf_saved_view_fn fn;
	void *ud;
	int number;
	bool oom, stopped;
} each_ctx;

static int each_row(const lf_view_row *r, void *ud)
{
	each_ctx *x = ud;
	lf_saved_view v;
	if (!from_row(x->actor, r, &v)) {
		lf_saved_view_free(&v);
		x->oom = true;
		return 1;
	}
	/* Another's shared view the actor cannot use is not theirs to see. */
	bool listed = v.mine || ((unsigned)v.filter.queue < LF_Q_COUNT && lf_queue_visible(x->actor, v.filter.queue));
	int stop = 0;
	if (listed) {
		v.number = ++x->number;
		stop = x->fn ? x->fn(&v, x->ud) : 0;
	}
	lf_saved_view_free(&v);
	x->stopped = stop != 0;
	return stop;
}

lf_store_err lf_views_each(lf_store *st, const lf_user *actor, lf_saved_view_fn fn, void *ud, char *msg,
                           size_t len)
{
	if (!actor || !actor->active)
		return cf_refuse(st, LF_STORE_DENIED, msg, len, "%s", _("log in first"));
	each_ctx x = {.actor = actor, .fn = fn, .ud = ud};
	lf_store_err e = lf_store_views_each(st, actor->id, each_row, &x);
	if (e == LF_STORE_OK && x.oom)
		return cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("Out of memory while using the database."));
	return cf_passed(st, e, msg, len);
}

static bool all_digits(const char *s)
{
	return s && *s && strspn(s, "0123456789") == strlen(s);
}

typedef struct find_ctx {
	const char *key;
	int number;
	lf_saved_view *out;
	bool found, oom;
} find_ctx;

static int find_one(const lf_saved_view *v, void *ud)
{
	find_ctx *x = ud;
	if (x->number ? v->number != x->number : strcmp(v->name, x->key))
		return 0;
	*x->out = *v;
	x->out->name = strdup(v->name);
	x->out->owner_login = dup_or_null(v->owner_login);
	x->out->owner_name = dup_or_null(v->owner_name);
	x->out->unit_name = dup_or_null(v->unit_name);
	x->out->leader_name = dup_or_null(v->leader_name);
	x->oom = !x->out->name;
	x->found = true;
	return 1;
}

lf_store_err lf_view_find(lf_store *st, const lf_user *actor, const char *name_or_number, lf_saved_view *out,
                          char *msg, size_t len)
{
	memset(out, 0, sizeof *out);
	find_ctx x = {.key = name_or_number ? name_or_number : "", .out = out};
	if (all_digits(x.key) && strlen(x.key) < 4)
		x.number = atoi(x.key);
	lf_store_err e = lf_views_each(st, actor, find_one, &x, msg, len);
	if (e != LF_STORE_OK)
		return e;
	if (x.oom) {
		lf_saved_view_free(out);
		return cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("Out of memory while using the database."));
	}
	if (!x.found) {
		if (x.number)
			return cf_refuse(st, LF_STORE_NOTFOUND, msg, len, _("There is no view %d."), x.number);
		return cf_refuse(st, LF_STORE_NOTFOUND, msg, len, _("There is no view named %s."), x.key);
	}
	return LF_STORE_OK;
}

/* ---- writing ------------------------------------------------------------- */

/* A view's name: one line, 1 to LF_VIEW_NAME_MAX characters, not only
 * digits (a number names a view by its place). Cleaned into out. */
static lf_store_err check_name(lf_store *st, const char *name, char *out, size_t out_len, char *msg, size_t len)
{
	char *c = name ? lf_text_clean(name, strlen(name), false, NULL) : NULL;
	if (name && !c)
		return cf_refuse(st, LF_STORE_IO, msg, len, "%s", _("Out of memory while using the database."));
	if (c)
		lf_text_trim(c);
	lf_store_err e = LF_STORE_OK;
	if (!c || !c[0] || lf_text_chars(c) > LF_VIEW_NAME_MAX || strlen(c) >= out_len)
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, _("A view's name is one line of 1 to %d characters."),
		              LF_VIEW_NAME_MAX);
	else if (all_digits(c))
		e = cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("A view's name is not a number alone: a number opens the view at that place."));
	else
		snprintf(out, out_len, "%s", c);
	free(c);
	return e;
}

lf_store_err lf_view_save(lf_store *st, const lf_user *actor, const char *name, const lf_view_filter *vf,
                          bool shared, bool replace, char *msg, size_t len)
{
	lf_store_err e = lf_view_filter_check(st, actor, vf, msg, len);
	if (e != LF_STORE_OK)
		return e;
	if (shared && (e = cf_require(st, actor, LF_PERM_ROUTE, msg, len)) != LF_STORE_OK)
		return e;
	char clean[LF_VIEW_NAME_MAX * 4 + 1];
	if ((e = check_name(st, name, clean, sizeof clean, msg, len)) != LF_STORE_OK)
		return e;
	lf_view_row r = {
		.user_id = actor->id, .name = clean, .queue = lf_queue_key(vf->queue), .due_within = vf->due_within,
		.shared = shared, .my_unit = vf->my_unit, .unit_id = vf->unit_id, .leader_id = vf->leader_id,
		.from = vf->from, .to = vf->to, .keyword = vf->keyword,
	};
	return cf_passed(st, lf_store_view_save(st, &r, replace), msg, len);
}

/* One of actor's own views by name or number into v. */
static lf_store_err own_view(lf_store *st, const lf_user *actor, const char *key, lf_saved_view *v, char *msg,
                             size_t len)
{
	lf_store_err e = lf_view_find(st, actor, key, v, msg, len);
	if (e != LF_STORE_OK)
		return e;
	if (!v->mine) {
		e = cf_refuse(st, LF_STORE_DENIED, msg, len, _("The view %s is %s's, shared with the office: only they change it."),
		              v->name, v->owner_name ? v->owner_name : "?");
		lf_saved_view_free(v);
	}
	return e;
}

lf_store_err lf_view_rename(lf_store *st, const lf_user *actor, const char *name_or_number, const char *new_name,
                            char *msg, size_t len)
{
	lf_saved_view v;
	lf_store_err e = own_view(st, actor, name_or_number, &v, msg, len);
	if (e != LF_STORE_OK)
		return e;
	char clean[LF_VIEW_NAME_MAX * 4 + 1];
	if ((e = check_name(st, new_name, clean, sizeof clean, msg, len)) == LF_STORE_OK)
		e = cf_passed(st, lf_store_view_rename(st, actor->id, v.id, clean), msg, len);
	lf_saved_view_free(&v);
	return e;
}

lf_store_err lf_view_delete(lf_store *st, const lf_user *actor, const char *name_or_number, char *msg, size_t len)
{
	lf_saved_view v;
	lf_store_err e = own_view(st, actor, name_or_number, &v, msg, len);
	if (e != LF_STORE_OK)
		return e;
	e = cf_passed(st, lf_store_view_delete(st, actor->id, v.id), msg, len);
	lf_saved_view_free(&v);
	return e;
}

/* ---- words ------------------------------------------------------------------ */

__attribute__((format(printf, 4, 5)))
static void add(char *buf, size_t len, size_t *k, const char *fmt, ...)
{
	if (*k >= len)
		return;
	if (*k) {
		int n = snprintf(buf + *k, len - *k, " · ");
		*k += n > 0 ? (size_t)n : 0;
		if (*k >= len)
			return;
	}
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf + *k, len - *k, fmt, ap);
	va_end(ap);
	*k += n > 0 ? (size_t)n : 0;
}

void lf_view_describe(const lf_saved_view *v, char *buf, size_t len)
{
	const lf_view_filter *f = &v->filter;
	size_t k = 0;
	if (!len)
		return;
	buf[0] = '\0';
	add(buf, len, &k, "%s", (unsigned)f->queue < LF_Q_COUNT ? lf_queue_label(f->queue) : "?");
	if (f->due_within >= 0 && f->due_within <= LF_VIEW_DUE_MAX)
		add(buf, len, &k, _("due within %d working day(s)"), f->due_within);
	if (f->my_unit)
		add(buf, len, &k, "%s", _("your unit"));
	else if (f->unit_id[0])
		add(buf, len, &k, _("unit %s"), v->unit_name ? v->unit_name : "?");
	if (f->leader_id[0])
		add(buf, len, &k, _("leader %s"), v->leader_name ? v->leader_name : "?");
	if (f->from[0] || f->to[0])
		add(buf, len, &k, _("received %s–%s"), f->from, f->to);
	if (f->keyword[0])
		add(buf, len, &k, _("keyword \"%s\""), f->keyword);
}
