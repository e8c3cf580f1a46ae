/* The queue screen's marks (Space) and the step taken on every marked case
 * at once (F7). The marks are kept apart from the rows: the list holds only
 * the rows near the view (list_window.h), so a marked case far from it is
 * still marked, and the step reaches it. */
#include "queue_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/office.h"
#include "laifang/case_clocks.h"
#include "laifang/i18n.h"
#include "laifang/text.h"

void queue_marks_free(qview *v)
{
	for (size_t i = 0; i < v->marked; i++) {
		free(v->marks[i].case_id);
		free(v->marks[i].case_no);
	}
	free(v->marks);
	v->marks = NULL;
	v->marked = 0;
}

static size_t mark_find(const qview *v, const char *case_id)
{
	size_t i = 0;
	while (i < v->marked && strcmp(v->marks[i].case_id, case_id))
		i++;
	return i;
}

void queue_mark_toggle(qview *v, qrow *r)
{
	size_t i = mark_find(v, r->case_id);
	if (i < v->marked) {
		free(v->marks[i].case_id);
		free(v->marks[i].case_no);
		memmove(&v->marks[i], &v->marks[i + 1], (v->marked - i - 1) * sizeof *v->marks);
		v->marked--;
		r->marked = false;
		return;
	}
	qmark *g = realloc(v->marks, (v->marked + 1) * sizeof *g);
	if (!g)
		return;
	v->marks = g;
	qmark *m = &g[v->marked];
	m->case_id = strdup(r->case_id);
	m->case_no = strdup(r->case_no);
	m->state = r->state;
	if (!m->case_id || !m->case_no) {
		free(m->case_id);
		free(m->case_no);
		return;
	}
	v->marked++;
	r->marked = true;
}

bool queue_marked(const qview *v, const char *case_id)
{
	return mark_find(v, case_id) < v->marked;
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
	/* The form's cursor follows the refusal shown: the first one. */
	lf_step_args each = {0}; /* args is NULL for a step that needs nothing typed */
	if (args)
		each = *args;
	lf_step_field about = LF_IN_NONE, first_about = LF_IN_NONE;
	char day_off[600] = ""; /* a case refused only for a due date on a day off: what core said */
	each.refused = &about;
	for (size_t i = 0; i < v->marked; i++) {
		const qmark *r = &v->marks[i];
		char why[1024] = "";
		b->tried++;
		lf_store_err e = lf_case_step(v->t->st, v->t->me, r->case_id, step, &each, why, sizeof why);
		if (e == LF_STORE_OK) {
			b->done++;
			continue;
		}
		if (about == LF_IN_DUE_DAY_OFF && !day_off[0])
			lf_copy_text(day_off, sizeof day_off, why);
		if (!b->first[0]) {
			first_about = about;
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
	if (args && args->refused)
		*args->refused = b->done == 0 ? first_about : LF_IN_NONE;
	/* None taken, and some only for the day off: the question is asked
	 * (the form takes the step again on every case when the date is kept;
	 * the others are refused again, and named then). */
	if (b->done == 0 && day_off[0]) {
		if (args && args->refused)
			*args->refused = LF_IN_DUE_DAY_OFF;
		snprintf(msg, len, "%s", day_off);
		return 0;
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

void queue_bulk_step(qview *v)
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
	for (size_t i = 0; i < v->marked; i++) {
		const qmark *r = &v->marks[i];
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
	queue_reload(v);
}
