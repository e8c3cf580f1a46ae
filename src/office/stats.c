/* The figures of a month or a year, from the store's counts, and the
 * deadlines judged on the office calendar. The rendering (lines with bar
 * charts, CSV) is in stats_render.c. */
#include "laifang/stats.h"
#include "laifang/store_evaluation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/caseflow.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_stats.h"
#include "laifang/text.h"

bool lf_stats_allowed(const lf_user *actor, char *msg, size_t len)
{
	/* No "view_stats" permission yet: the four roles that may read the
	 * figures are exactly those with one of these three. */
	if (actor && (lf_can(actor->roles, LF_PERM_VIEW_AUDIT) || lf_can(actor->roles, LF_PERM_EXPORT) ||
	              lf_can(actor->roles, LF_PERM_INSTRUCT)))
		return true;
	if (msg && len)
		snprintf(msg, len, "%s", _("The statistics are for supervisors, leaders, archivists and "
		                           "administrators."));
	return false;
}

long lf_stats_count(const lf_stat_counts *c, const char *key)
{
	for (size_t i = 0; c && i < c->n; i++)
		if (!strcmp(c->v[i].key, key))
			return c->v[i].n;
	return 0;
}

void lf_stats_free(lf_stats *s)
{
	if (s) {
		lf_store_period_free(&s->p);
		free(s->eval_units);
		s->eval_units = NULL;
		s->n_eval_units = 0;
	}
}

/* Issue 13: one count of the evaluations (store_evaluation.h) into s. */
static int count_eval(char who, const char *unit_id, const char *unit_name, const char *value, long n, void *ud)
{
	lf_stats *s = ud;
	static const char *const values[] = {"satisfied", "basically", "dissatisfied"};
	int v = -1;
	for (int i = 0; i < 3; i++)
		if (!strcmp(values[i], value))
			v = i;
	if (who == 'r') {
		s->redo += n;
	} else if (who == 'o' && v >= 0) {
		s->eval_office[v] += n;
	} else if (who == 'u' && v >= 0) {
		size_t i = 0;
		while (i < s->n_eval_units && strcmp(s->eval_units[i].unit_id, unit_id))
			i++;
		if (i == s->n_eval_units) {
			lf_eval_unit *g = realloc(s->eval_units, (i + 1) * sizeof *g);
			if (!g)
				return 1;
			s->eval_units = g;
			memset(&g[i], 0, sizeof g[i]);
			snprintf(g[i].unit_id, sizeof g[i].unit_id, "%s", unit_id);
			snprintf(g[i].name, sizeof g[i].name, "%s", unit_name);
			s->n_eval_units++;
		}
		s->eval_units[i].v[v] += n;
	}
	return 0;
}

lf_store_err lf_stats_evaluations(lf_store *st, const char *from, const char *to, const char *today, lf_stats *out)
{
	lf_store_err e = lf_store_eval_counts(st, from, to, count_eval, out);
	if (e == LF_STORE_OK)
		e = lf_store_eval_overdue_count(st, today, from, to, &out->eval_overdue);
	return e;
}

typedef struct deadline_ctx {
	lf_stats *s;
	const lf_calendar *cal;
	lf_date today;
} deadline_ctx;

static int rule_index(const char *key)
{
	for (int i = 0; i < LF_DL_COUNT; i++)
		if (key && !strcmp(lf_deadline_rule_get((lf_deadline_id)i)->key, key))
			return i;
	return -1;
}

/* One group of deadlines: met, late, overdue or pending. */
static int count_deadline(const char *rule, const char *start_on, const char *due_on, const char *done_on, long n,
                          void *ud)
{
	deadline_ctx *x = ud;
	int r = rule_index(rule);
	lf_date due, done;
	(void)start_on;
	/* Each clock (clocks.h) as it stands: met or missed when it stopped
	 * with its act, running otherwise. A case never reported has its
	 * handling clock running: never met. */
	if (r < 0 || !due_on || !lf_date_parse(due_on, &due))
		return 0;
	lf_rule_stat *k = &x->s->rules[r];
	if (done_on && lf_date_parse(done_on, &done))
		*(lf_date_cmp(done, due) <= 0 ? &k->met : &k->late) += n;
	else
		*(lf_date_cmp(x->today, due) > 0 ? &k->overdue : &k->pending) += n;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : d[m - 1];
}

static lf_store_err fail(lf_store *st, lf_store_err e, char *msg, size_t len)
{
	if (msg && len)
		snprintf(msg, len, "%s", lf_store_errmsg(st));
	return e;
}

lf_store_err lf_stats_compute(lf_store *st, const lf_user *actor, int year, int month, lf_stats *out, char *msg,
                              size_t len)
{
	memset(out, 0, sizeof *out);
	if (msg && len)
		msg[0] = '\0';
	if (!lf_stats_allowed(actor, msg, len)) {
		lf_store_set_error(st, LF_STORE_DENIED, msg);
		return LF_STORE_DENIED;
	}
	if (year < 2000 || year > 2100 || month < 0 || month > 12) {
		if (msg && len)
			snprintf(msg, len, "%s", _("The year is from 2000 to 2100 and the month from 1 to 12."));
		lf_store_set_error(st, LF_STORE_INVALID, msg);
		return LF_STORE_INVALID;
	}
	out->year = year;
	out->month = month;
	snprintf(out->from, sizeof out->from, "%04d-%02d-01", year, month ? month : 1);
	snprintf(out->to, sizeof out->to, "%04d-%02d-%02d", year, month ? month : 12,
	         days_in_month(year, month ? month : 12));
	lf_date today = lf_date_today();
	lf_date_format(today, out->today);

	/* The period's figures and its deadlines in one read of its cases. */
	deadline_ctx x = {.s = out, .cal = lf_office_calendar(st), .today = today};
	lf_store_err e = lf_store_stats_all(st, out->from, out->to, &out->p, count_deadline, &x);
	if (e != LF_STORE_OK)
		return fail(st, e, msg, len);
	const lf_stat_counts *ev = &out->p.by_event;
	out->accepted = lf_stats_count(ev, "accept");
	out->declined = lf_stats_count(ev, "decline");
	out->referred = lf_stats_count(ev, "refer");
	out->law_referred = lf_stats_count(ev, "refer_law");
	out->mode[0] = lf_stats_count(ev, "in_house");
	out->mode[1] = lf_stats_count(ev, "transfer");
	out->mode[2] = lf_stats_count(ev, "assign");
	out->satisfaction[0] = lf_stats_count(ev, "reply:satisfied");
	out->satisfaction[1] = lf_stats_count(ev, "reply:basically");
	out->satisfaction[2] = lf_stats_count(ev, "reply:dissatisfied");
	out->satisfaction[3] = lf_stats_count(ev, "reply:unstated");
	out->replied = out->satisfaction[0] + out->satisfaction[1] + out->satisfaction[2] + out->satisfaction[3] +
	               lf_stats_count(ev, "reply:none");

	if ((e = lf_stats_evaluations(st, out->from, out->to, out->today, out)) != LF_STORE_OK ||
	    (e = lf_store_overdue_count(st, out->today, &out->overdue_now)) != LF_STORE_OK ||
	    (e = lf_store_status_counts(st, out->status_now)) != LF_STORE_OK) {
		lf_stats_free(out);
		return fail(st, e, msg, len);
	}
	return LF_STORE_OK;
}

/* ---- categories ---------------------------------------------------------------- */

static lf_store_err refuse(lf_store *st, const lf_user *actor, lf_perm perm, char *msg, size_t len)
{
	char m[512];
	if (lf_require(actor, perm, m, sizeof m))
		return LF_STORE_OK;
	if (msg && len)
		snprintf(msg, len, "%s", m);
	lf_store_set_error(st, LF_STORE_DENIED, m);
	return LF_STORE_DENIED;
}

lf_store_err lf_category_add(lf_store *st, const lf_user *actor, const char *name, char *msg, size_t len)
{
	lf_store_err e = refuse(st, actor, LF_PERM_ADMINISTER, msg, len);
	if (e != LF_STORE_OK)
		return e;
	char *clean = name ? lf_text_clean(name, strlen(name), false, NULL) : NULL;
	if (clean)
		lf_text_trim(clean);
	e = lf_store_category_add(st, clean ? clean : "");
	free(clean);
	if (e != LF_STORE_OK && msg && len)
		snprintf(msg, len, "%s", lf_store_errmsg(st));
	return e;
}

typedef struct have_ctx {
	const char *name;
	bool found;
} have_ctx;

static int have_name(const lf_category *c, void *ud)
{
	have_ctx *h = ud;
	if (!strcmp(c->name, h->name))
		h->found = true;
	return h->found;
}

lf_store_err lf_category_import(lf_store *st, const lf_user *actor, const char *text, size_t text_len, int *added,
                                int *skipped, char *msg, size_t len)
{
	*added = *skipped = 0;
	lf_store_err e = refuse(st, actor, LF_PERM_ADMINISTER, msg, len);
	if (e != LF_STORE_OK)
		return e;
	if (text_len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		text_len -= 3;
	}
	if ((e = lf_store_begin(st)) != LF_STORE_OK)
		goto fail;
	for (size_t i = 0; i < text_len;) {
		size_t j = i;
		while (j < text_len && text[j] != '\n')
			j++;
		char *line = lf_text_clean(text + i, j - i, false, NULL);
		i = j + 1;
		if (!line) {
			e = LF_STORE_IO;
			lf_store_set_error(st, e, _("Out of memory."));
			break;
		}
		lf_text_trim(line);
		if (line[0] && line[0] != '#') {
			have_ctx h = {line, false};
			if ((e = lf_store_category_each(st, have_name, &h)) == LF_STORE_OK) {
				if (h.found)
					++*skipped;
				else if ((e = lf_store_category_add(st, line)) == LF_STORE_OK)
					++*added;
			}
		}
		free(line);
		if (e != LF_STORE_OK)
			break;
	}
	if (e == LF_STORE_OK && (e = lf_store_commit(st)) == LF_STORE_OK)
		return e;
	if (e != LF_STORE_OK) {
		char m[512];
		snprintf(m, sizeof m, "%s", lf_store_errmsg(st));
		lf_store_rollback(st);
		lf_store_set_error(st, e, m);
	}
	*added = 0;
fail:
	if (msg && len)
		snprintf(msg, len, "%s", lf_store_errmsg(st));
	return e;
}

lf_store_err lf_category_set_case(lf_store *st, const lf_user *actor, const char *case_id, const char *name,
                                  char *msg, size_t len)
{
	lf_store_err e = refuse(st, actor, LF_PERM_SCREEN, msg, len);
	if (e != LF_STORE_OK)
		return e;
	e = lf_store_case_set_category(st, case_id, name);
	if (e != LF_STORE_OK && msg && len)
		snprintf(msg, len, "%s", lf_store_errmsg(st));
	return e;
}

lf_store_err lf_category_list(lf_store *st, const lf_user *actor, lf_category_fn fn, void *ud)
{
	(void)actor;
	return lf_store_category_each(st, fn, ud);
}
