/* The query code in the store (issues 13, 15): a case's code, minted with
 * the registration (cases.c) or, for a case older than schema 20, on the
 * first request; and the lookup by code that a clerk answering a call
 * makes. Part of the store module. The lookup reads no permission: the
 * code is the caller's proof, and the view holds only what a petitioner
 * may know (no content, names, ID or phone numbers, instructions). */
#ifndef LAIFANG_STORE_QUERY_H
#define LAIFANG_STORE_QUERY_H

#include <stdbool.h>

#include "laifang/query_code.h"
#include "laifang/store.h"

/* A case's code as stored ("7KQ3M9XA"); LF_STORE_NOTFOUND when it has none
 * (registered before schema 20 and never asked for). */
lf_store_err lf_store_query_code(lf_store *st, const char *case_id, char out[LF_QUERY_CODE_LEN]);

/* The code of a case, minted now when it has none, in a write of its own
 * audited as "case.query_code". LF_STORE_DENIED for an archived case that
 * has none (the archive lock); LF_STORE_NOTFOUND for no such case. */
lf_store_err lf_store_query_code_mint(lf_store *st, const char *case_id, char out[LF_QUERY_CODE_LEN]);

/* What a petitioner may know of their case. */
typedef struct lf_query_view {
	char case_id[37];
	char case_no[16];
	char received_on[11];  /* YYYY-MM-DD */
	char status[24];       /* the state's id ("accepted"...) */
	char step[32];         /* the kind of the latest step that moved the case ("" none) */
	char step_on[11];      /* its date */
	char unit[256];        /* the handling (lead) unit's name, "" when none */
	char due_rule[16];     /* the running clock the petitioner is told of: route or handle; "" none */
	char due_on[11];
	bool due_estimated;
} lf_query_view;

typedef enum lf_query_outcome {
	LF_QUERY_FOUND,   /* *out filled */
	LF_QUERY_MISS,    /* no case has that code (or it was no code) */
	LF_QUERY_LIMITED, /* too many misses by this login lately: not looked up */
} lf_query_outcome;

/* Look a code up, in one write transaction with its audit entry, so that
 * terminals guessing at once get no more tries than one: first the misses
 * of the actor's login since `since` (a timestamp) are counted; at `limit`
 * or more the code is not looked up (LF_QUERY_LIMITED, "case.query.limited");
 * else the case is found ("case.query", record the case) or not
 * ("case.query.miss", with what was typed, cut to 32 bytes). code: the code
 * as stored (lf_query_code_parse), or NULL when what was typed is none. */
lf_store_err lf_store_query_lookup(lf_store *st, const char *code, const char *typed, int limit,
                                   const char *since, lf_query_view *out, lf_query_outcome *outcome);

#endif
