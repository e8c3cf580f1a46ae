/* A case's clocks for a person: read through the need-to-know check, and
 * the working-day question of a due date a person sets. */
#include "laifang/case_clocks.h"

#include <stdio.h>
#include <string.h>

#include "laifang/access.h"
#include "laifang/calendar.h"
#include "laifang/caseflow.h"
#include "laifang/clocks.h"
#include "laifang/i18n.h"

typedef struct said_clocks {
	lf_clock_fn fn;
	void *ud;
} said_clocks;

/* The basis as the store keeps it is a code: said in the reader's language. */
static int say_basis(const lf_clock_row *r, void *ud)
{
	said_clocks *s = ud;
	char words[1024];
	lf_clock_row said = *r;
	said.basis = lf_clock_basis_say(r->basis, words, sizeof words);
	return s->fn(&said, s->ud);
}

lf_store_err lf_case_clocks(lf_store *st, const lf_user *actor, const char *case_id, lf_clock_fn fn, void *ud,
                            char *msg, size_t len)
{
	lf_store_err e = lf_case_require_readable(st, actor, case_id ? case_id : "", "open", msg, len);
	said_clocks s = {fn, ud};
	if (e == LF_STORE_OK)
		e = lf_store_case_clocks(st, case_id, say_basis, &s);
	if (e != LF_STORE_OK && msg && len && !msg[0])
		snprintf(msg, len, "%s", lf_store_errmsg(st));
	return e;
}

static int find_handle(const lf_clock_row *r, void *ud)
{
	bool *runs = ud;
	if (r->rule && !strcmp(r->rule, "handle") && r->state && !strcmp(r->state, "running"))
		*runs = true;
	return *runs;
}

typedef struct due_find {
	const char *rule;
	char *out;
} due_find;

static int find_due(const lf_clock_row *r, void *ud)
{
	due_find *d = ud;
	if (r->rule && !strcmp(r->rule, d->rule) && r->state && !strcmp(r->state, "running") && r->due)
		snprintf(d->out, 11, "%s", r->due);
	return 0;
}

bool lf_case_clock_due(lf_store *st, const char *case_id, const char *rule, char *out)
{
	out[0] = '\0';
	due_find d = {rule, out};
	if (lf_store_case_clocks(st, case_id, find_due, &d) != LF_STORE_OK)
		out[0] = '\0';
	return out[0] != '\0';
}

bool lf_case_handle_clock_runs(lf_store *st, const char *case_id)
{
	bool runs = false;
	if (lf_store_case_clocks(st, case_id, find_handle, &runs) != LF_STORE_OK)
		return false;
	return runs;
}

bool lf_due_workday(lf_store *st, lf_date due, char *msg, size_t len)
{
	const lf_calendar *cal = lf_office_calendar(st);
	if (lf_calendar_is_workday(cal, due))
		return true;
	if (msg && len) {
		const char *name = NULL;
		char day[LF_DATE_LEN];
		lf_date_format(due, day);
		lf_day_kind kind = lf_calendar_kind(cal, due, &name);
		(void)kind;
		if (name && name[0])
			snprintf(msg, len, _("due date: %s is not a working day (%s); a deadline should fall on a working day"),
			         day, name);
		else
			snprintf(msg, len, _("due date: %s is not a working day (a weekend); a deadline should fall on a "
			                     "working day"),
			         day);
	}
	return false;
}
