/* The home screen's cases (case_read.h, lf_case_read_home): a handler's
 * home lists the day's cases of their unit only (issue 12). The store's
 * reader already hides what the user may not read; a handler may also
 * read cases they were once named on, which are not their unit's work. */
#include "laifang/case_read.h"

#include <limits.h>
#include <stdio.h>
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

static int number_of(const char *case_no)
{
	int year = 0, number = 0;
	return case_no && sscanf(case_no, "%d-%d", &year, &number) == 2 ? number : 0;
}

/* The unit's cases of a page: the unit filter is the office's, so a page
 * of the store's may hold fewer of them; store pages are read until limit
 * of them or the day's end. */
typedef struct unit_page {
	unit_filter uf;
	int limit, taken; /* of the unit's, passed on */
	int read, last;   /* of the store's page: rows read, the last one's number */
	bool stopped;     /* the caller's function asked to stop */
} unit_page;

static int page_one(const lf_case *c, void *ud)
{
	unit_page *p = ud;
	p->read++;
	p->last = number_of(c->case_no);
	lf_case_facts f;
	lf_store_err e = lf_store_case_facts(p->uf.st, c->case_id, &f);
	if (e != LF_STORE_OK) {
		p->uf.err = e;
		return 1;
	}
	bool mine = of_unit(&f, p->uf.u->unit_id);
	lf_case_facts_free(&f);
	if (!mine)
		return 0;
	p->taken++;
	if (p->uf.fn(c, p->uf.ud)) {
		p->stopped = true;
		return 1;
	}
	return p->taken >= p->limit;
}

lf_store_err lf_case_read_home_page(lf_store *st, const lf_user *u, const char *date, const char *from_case_no,
                                    bool up, int limit, lf_case_fn fn, void *ud)
{
	if (limit <= 0)
		limit = 50;
	if (!lf_home_unit_only(u))
		return lf_store_cases_on_page(st, date, number_of(from_case_no), up, limit, fn, ud);
	unit_page p = {.uf = {st, u, fn, ud, LF_STORE_OK}, .limit = limit, .last = number_of(from_case_no)};
	for (;;) {
		int from = p.last;
		p.read = 0;
		lf_store_err e = lf_store_cases_on_page(st, date, from, up, limit, page_one, &p);
		if (e != LF_STORE_OK)
			return e;
		if (p.uf.err != LF_STORE_OK)
			return p.uf.err;
		/* a full store page moves the key on; one that did not is the end */
		if (p.stopped || p.taken >= limit || p.read < limit || p.last == from)
			return LF_STORE_OK;
	}
}

static int count_one(const lf_case *c, void *ud)
{
	(void)c;
	(*(long *)ud)++;
	return 0;
}

lf_store_err lf_case_count_home(lf_store *st, const lf_user *u, const char *date, long cap, long *n)
{
	*n = 0;
	if (!lf_home_unit_only(u))
		return lf_store_cases_on_count(st, date, cap, n);
	/* The unit's, walked: a day's cases routed to one unit are few. */
	return lf_case_read_home_page(st, u, date, NULL, false, cap > 0 ? (int)cap + 1 : INT_MAX, count_one, n);
}

lf_store_err lf_case_read_home(lf_store *st, const lf_user *u, const char *date, lf_case_fn fn, void *ud)
{
	if (!lf_home_unit_only(u))
		return lf_store_cases_on(st, date, fn, ud);
	unit_filter uf = {st, u, fn, ud, LF_STORE_OK};
	lf_store_err e = lf_store_cases_on(st, date, filter_one, &uf);
	return e != LF_STORE_OK ? e : uf.err;
}
