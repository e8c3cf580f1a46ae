/* The office records the delivery (送达, issue 13) of a notice it issued
 * (a notice with its 文号, notice_no.h): how, when, and whether the visitor
 * signed the receipt or refused it, signed by the person logged in. The
 * rules are core's (delivery.h); the permission is the one of the step that
 * produced the notice (lf_delivery_perm); the case must be readable by the
 * person (need to know) and not archived. Each call returns as
 * caseflow.h's do: LF_STORE_OK, or a refusal with a translated sentence in
 * msg. */
#ifndef LAIFANG_CASE_DELIVER_H
#define LAIFANG_CASE_DELIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/delivery.h"
#include "laifang/store.h"
#include "laifang/store_delivery.h"
#include "laifang/store_people.h"

typedef struct lf_deliver_args {
	const char *notice;   /* the notice's 文号, or its kind: accept, decline, transfer, assign, extend,
	                       * refer, answer, review, rereview (issue 13) */
	const char *method;   /* in_person, post, electronic, other (or 当面, 邮寄, 电子, 其他) */
	const char *tracking; /* post: the tracking number */
	const char *date;     /* YYYY-MM-DD; NULL or "": today */
	bool refused;         /* the visitor refused to sign (拒签) */
	const char *note;     /* refused: the witnesses; other: how */
} lf_deliver_args;

lf_store_err lf_case_deliver(lf_store *st, const lf_user *actor, const char *case_id, const lf_deliver_args *a,
                             char *msg, size_t len);

/* A recorded notice of a case, for a menu. */
#define LF_CASE_NOTICES_MAX 16
typedef struct lf_case_notice_info {
	char kind[16];
	char doc_no[256];
	char issued_on[11];
	int deliveries;   /* how many deliveries are recorded for it */
	bool may_deliver; /* the person may record its delivery */
} lf_case_notice_info;

/* The notices case_id (id or number, opened by the caller) has recorded,
 * at most max into out; returns how many (-1 on a store error). */
int lf_case_notices(lf_store *st, const lf_user *actor, const char *case_id, lf_case_notice_info *out, size_t max);

/* The case's deliveries, oldest first (the caller opened the case). */
lf_store_err lf_case_deliveries(lf_store *st, const char *case_id, lf_delivery_fn fn, void *ud);

#endif
