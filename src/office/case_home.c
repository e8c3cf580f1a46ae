/* The home screen's cases (case_read.h, lf_case_read_home): a handler's
 * home lists the day's cases of their unit only (issue 12). The store's
 * reader already hides what the user may not read; a handler may also
 * read cases they were once named on, which are not their unit's work. */
#include "laifang/case_read.h"

#include <string.h>

#include "laifang/access.h"
#include "laifang/auth.h"

bool lf_home_unit_only(const lf_user *u)
{
	if (!u || !u->unit_id[0] || !(u->roles & (LF_ROLE_HANDLER | LF_ROLE_UNIT_HEAD)))
		return false;
	/* Receiving visitors or reading every case: the whole day, as read. */
	return !(u->roles & (LF_ROLE_CLERK | LF_ROLE_LEADER)) && !lf_can(u->roles, LF_PERM_READ_ALL);
}

typedef struct unit_filter {
	lf_store *st;
	const lf_user *u;
	lf_case_fn fn;
	void *ud;
	lf_store_err err;
} unit_filter;

static bool of_unit(const lf_case_facts *f, const char *unit_id)
{
	if (f->lead_unit_id[0] && !strcmp(f->lead_unit_id, unit_id))
		return true;
	for (size_t i = 0; i < f->n_co_units; i++)
		if (f->co_units[i] && !strcmp(f->co_units[i], unit_id))
			return true;
	return false;
}

static int filter_one(const lf_case *c, void *ud)
{
	unit_filter *uf = ud;
	lf_case_facts f;
	lf_store_err e = lf_store_case_facts(uf->st, c->case_id, &f);
	if (e != LF_STORE_OK) {
		uf->err = e;
		return 1;
	}
	bool mine = of_unit(&f, uf->u->unit_id);
	lf_case_facts_free(&f);
	return mine ? uf->fn(c, uf->ud) : 0;
}

lf_store_err lf_case_read_home(lf_store *st, const lf_user *u, const char *date, lf_case_fn fn, void *ud)
{
	if (!lf_home_unit_only(u))
		return lf_store_cases_on(st, date, fn, ud);
	unit_filter uf = {st, u, fn, ud, LF_STORE_OK};
	lf_store_err e = lf_store_cases_on(st, date, filter_one, &uf);
	return e != LF_STORE_OK ? e : uf.err;
}
