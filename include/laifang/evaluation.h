/* The petitioner's evaluation of an answer (可评价, issue 13): satisfaction
 * with the petition office and with the handling unit, each 满意 / 基本满意
 * / 不满意, a reason when either is 不满意, within a period after the answer
 * (setting evaluation_days, calendar days); an answer not evaluated in it
 * is 超期未评价. A 不满意 lets a supervisor send the case back to handling
 * (重办, the step LF_STEP_REDO of workflow.h). Core module: rules only, no
 * SQL, no I/O. See docs/evaluation.md. */
#ifndef LAIFANG_EVALUATION_H
#define LAIFANG_EVALUATION_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/date.h"
#include "laifang/workflow.h"

/* The period's default and limits (setting evaluation_days). */
#define LF_EVAL_DAYS_DEFAULT 30
#define LF_EVAL_DAYS_MIN 1
#define LF_EVAL_DAYS_MAX 365
#define LF_EVAL_REASON_MAX 1000 /* characters */

/* The values: "satisfied" (满意), "basically" (基本满意), "dissatisfied"
 * (不满意). Not "unstated": an evaluation says one of the three. */
bool lf_eval_valid(const char *id);
/* The id for an id, the paper's word (满意 基本满意 不满意) or the
 * translated label; NULL for anything else (未表态 included). */
const char *lf_eval_parse(const char *s);
/* Translated label, NULL when unknown. */
const char *lf_eval_label(const char *id);

/* May this evaluation be recorded? Both values given and valid, and a
 * reason (not blank) when either is dissatisfied. False with a translated
 * sentence naming the first thing missing in why. */
bool lf_eval_check(const char *office, const char *unit, const char *reason, char *why, size_t len);

/* The states in which the answer has been given and may be evaluated: the
 * reply, and the review states after it (the petitioner may evaluate while
 * a review runs). Not archived. */
bool lf_eval_answered(lf_case_state s);

/* The last day of the period for an answer given on `answered`: `days`
 * calendar days after it (days outside the limits: the default). */
lf_date lf_eval_due(lf_date answered, int days);
/* Overdue (超期未评价): a due day (YYYY-MM-DD) before today. False for an
 * empty or unreadable day (nothing pending). */
bool lf_eval_overdue(const char *due_on, lf_date today);

/* A redo needs the answer's evaluation to say 不满意 for the office or the
 * unit. */
bool lf_eval_dissatisfied(const char *office, const char *unit);

/* One line for the timeline and the case screen: "对信访部门：满意；对办理
 * 单位：不满意" in the interface's language, into buf (returned). */
const char *lf_eval_line(const char *office, const char *unit, char *buf, size_t len);

#endif
