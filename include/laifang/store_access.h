/* Need to know, in the store: who reads the lists of cases on this handle
 * (every list query adds the one readability clause, src/store/access.c),
 * and the facts of one case that decide who may read it. Part of the store
 * module. Core decides (access.h): it fills the reader from the logged-in
 * user and applies lf_case_readable to the facts; the store only filters by
 * what it was given. */
#ifndef LAIFANG_STORE_ACCESS_H
#define LAIFANG_STORE_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"

/* What a reader may see in lists. A case is listed when open is set, or
 * when it names user_id (registered by, owned by, asked of, signed by,
 * stepped by), or is routed to unit_id, or else: a discipline referral when
 * referrals is set; any other case when all is set, or when visits is set
 * and the visitor is waiting for or in an interview, or when today is set
 * and it was received today. */
typedef struct lf_case_reader {
	bool open;
	bool all;
	bool referrals;
	bool visits;
	bool today;       /* any other case received today (the leader on duty's day) */
	char user_id[37]; /* "" for none */
	char unit_id[37]; /* "" for none */
} lf_case_reader;

/* Who reads the lists of this handle from now on; NULL lifts the filter
 * (set-up, tests of the store, `laifang check`). A new handle lists every
 * case: core sets the reader when someone logs in. Copies *r. */
void lf_store_set_reader(lf_store *st, const lf_case_reader *r);

/* The facts of one case that decide who may read it. named: the users who
 * signed an entry on it or took a step of its life (malloc'd; free with
 * lf_case_facts_free). */
typedef struct lf_case_facts {
	char case_id[37];
	char case_no[16];
	bool referral;            /* referred to discipline inspection (its lead unit is of kind discipline) */
	bool in_visit;            /* the visitor is waiting for or in an interview */
	char received_on[11];     /* YYYY-MM-DD */
	char receptionist_id[37]; /* the login who registered it; "" when unknown */
	char lead_unit_id[37];
	char owner_id[37];        /* 包案 */
	char instruction_leader_id[37];
	char **named;
	size_t n_named;
	char **co_units;          /* co-agencies (会办单位, issue 11): unit ids, malloc'd */
	size_t n_co_units;
} lf_case_facts;

/* LF_STORE_NOTFOUND when there is no such case. */
lf_store_err lf_store_case_facts(lf_store *st, const char *case_no_or_id, lf_case_facts *out);
void lf_case_facts_free(lf_case_facts *f);

#endif
