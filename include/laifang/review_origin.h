/* A 复查 case received from a lower office (issue 13; 信访工作条例 第三十五
 * 条): the new case carries the original office, its case number, its
 * written answer and that answer's documents. Core module (the form of the
 * origin, no I/O); the office records it (review_origin.c in office/). */
#ifndef LAIFANG_REVIEW_ORIGIN_H
#define LAIFANG_REVIEW_ORIGIN_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"
#include "laifang/store_people.h"
#include "laifang/origin_no.h"

/* What the office records (office module). files: paths of the original
 * answer's documents, copied into the attachment folder. */
typedef struct lf_origin_args {
	const char *review_of; /* "OFFICE:CASE_NO" */
	const char *answer;    /* the original written answer (处理意见书), as text */
	const char *const *files;
	size_t n_files;
} lf_origin_args;

/* Record on a registered case that it came from a lower office for 复查:
 * the origin in the case's facts (case_intake: from_office, from_case_no,
 * from_answer), the documents as a received package of kind "review"
 * (exchange_document), and a timeline event "review_origin". Clerks and
 * supervisors (LF_PERM_REGISTER or LF_PERM_SCREEN); only while the case is
 * registered and has no origin yet; the answer or at least one document is
 * needed. One transaction, audited. */
lf_store_err lf_review_origin_record(lf_store *st, const lf_user *actor, const char *case_key,
                                     const lf_origin_args *a, char *msg, size_t len);

/* The documents of a case's origin (and any other received document), by
 * name, for the faces; as lf_case_open, the case must be readable. */
typedef int (*lf_origin_doc_fn)(const char *name, const char *sha256, long long size, void *ud);
lf_store_err lf_review_origin_docs(lf_store *st, const lf_user *actor, const char *case_key, lf_origin_doc_fn fn,
                                   void *ud, char *msg, size_t len);

#endif
