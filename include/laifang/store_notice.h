/* The notices' document numbers (文号, issue 15; db/021_notice_no.sql):
 * one per case and kind of notice, issued the first time that notice is
 * printed and kept, so a reprint shows the same number. The numbers of a
 * year run 1, 2, 3... without gaps across every desk: the year's counter
 * is raised in the same transaction that records the number. */
#ifndef LAIFANG_STORE_NOTICE_H
#define LAIFANG_STORE_NOTICE_H

#include <stdbool.h>

#include "laifang/doc_number.h"
#include "laifang/store.h"

typedef struct lf_notice_no {
	char doc_no[LF_DOC_NUMBER_MAX]; /* as printed */
	int year;
	long long seq;
	char ground[32];     /* decline: the ground recorded with the number ("" none) */
	char issued_at[40];  /* ISO 8601 */
	bool issued_now;     /* this call issued it (false: it was there) */
} lf_notice_no;

/* The number of case_id's (id or number) notice of kind: the one recorded,
 * or else a new one: the year's next number formatted with pattern and code
 * (lf_doc_number_format), recorded with ground (may be NULL), and the
 * entry "case.notice_number" in the audit log, all in one transaction.
 * LF_STORE_NOTFOUND for no such case; LF_STORE_DENIED when the case is
 * archived and has no number yet (archive lock); LF_STORE_INVALID when the
 * pattern gives no number. */
lf_store_err lf_store_notice_number(lf_store *st, const char *case_id, const char *kind, int year,
                                    const char *pattern, const char *code, const char *ground, lf_notice_no *out);

/* The number recorded, without issuing one: LF_STORE_NOTFOUND when none. */
lf_store_err lf_store_notice_number_get(lf_store *st, const char *case_id, const char *kind, lf_notice_no *out);

#endif
