/* The deliveries of a case's notices (送达, issue 13; db/027_delivery.sql):
 * each an event of the case (kind "deliver") with its row in
 * case_delivery, written in one transaction with the case's clocks derived
 * again and the audit entries. No rule is checked here: core's delivery.c
 * and the office's case_deliver.c decide, then call these. */
#ifndef LAIFANG_STORE_DELIVERY_H
#define LAIFANG_STORE_DELIVERY_H

#include <stdbool.h>

#include "laifang/store.h"
#include "laifang/store_flow.h"

/* One delivery as stored. Strings valid during the callback only. */
typedef struct lf_delivery_row {
	long long seq;           /* the case_event's */
	const char *notice_kind; /* case_notice.kind */
	const char *doc_no;      /* the notice's 文号 */
	const char *method;      /* in_person, post, electronic, other */
	const char *tracking;    /* or NULL */
	const char *delivered_on;/* YYYY-MM-DD */
	bool refused;
	const char *note;        /* or NULL */
	const char *signer;      /* who recorded it, as signed on the event */
	const char *recorded_at;
} lf_delivery_row;
typedef int (*lf_delivery_fn)(const lf_delivery_row *d, void *ud);

/* Record ev (kind "deliver", on ev->case_id) and its row d (seq, signer and
 * recorded_at are taken from the event); the store's gate refuses an
 * archived case (LF_STORE_DENIED). */
lf_store_err lf_store_delivery_add(lf_store *st, const lf_event_in *ev, const lf_delivery_row *d);

/* The case's (id or number) deliveries, oldest first; fn returns non-zero
 * to stop. */
lf_store_err lf_store_deliveries(lf_store *st, const char *case_id, lf_delivery_fn fn, void *ud);

/* The case's recorded notices (case_notice), in the order they were
 * issued: kind, doc_no, issued_at. */
typedef int (*lf_notice_row_fn)(const char *kind, const char *doc_no, const char *issued_at, void *ud);
lf_store_err lf_store_case_notices(lf_store *st, const char *case_id, lf_notice_row_fn fn, void *ud);

#endif
