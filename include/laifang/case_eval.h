/* The petitioner's evaluation as the office records it (issue 13, 可评价;
 * rules in evaluation.h, storage in store_evaluation.h): permission, need to
 * know and the archive lock first, then core's rules, then one transaction.
 * Both faces call these. 重办 is a step of the state machine (LF_STEP_REDO,
 * lf_case_step), which reads the evaluation through the office too. */
#ifndef LAIFANG_CASE_EVAL_H
#define LAIFANG_CASE_EVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"
#include "laifang/store_evaluation.h"
#include "laifang/store_people.h"

/* The period in force (setting evaluation_days, calendar days; 0: the
 * office keeps none, and a reply opens no period). */
int lf_eval_days(lf_store *st);

/* Record the evaluation of the case's latest answer: office and unit as
 * ids or the paper's words (满意 / 基本满意 / 不满意), the reason required
 * when either is 不满意. Who: the reply's permission (LF_PERM_REPLY) or a
 * supervisor (LF_PERM_ROUTE, as for the reply of an outside agency). Only
 * once the answer is given (replied, or a review state after it), once per
 * answer, never on an archived case. */
lf_store_err lf_case_evaluate(lf_store *st, const lf_user *actor, const char *case_id, const char *office,
                              const char *unit, const char *reason, char *msg, size_t len);

/* Where the case's evaluation stands, for the case screen and show: the
 * store's facts, and overdue (超期未评价: the period ended before today
 * with nothing recorded), pending (the period runs). Need to know applies. */
typedef struct lf_case_eval {
	lf_eval_state s;
	bool pending, overdue;
} lf_case_eval;
lf_store_err lf_case_eval_read(lf_store *st, const lf_user *actor, const char *case_id, lf_case_eval *out,
                               char *msg, size_t len);

/* One line for the case screen: "评价：对信访部门 满意；对办理单位 不满意（理由）",
 * "超期未评价（应于 … 前评价）", "待评价（… 前）" or "" when nothing to say. */
void lf_case_eval_line(const lf_case_eval *e, char *buf, size_t len);

#endif
