/* Shared between the files of core's case flow (caseflow.c, group.c,
 * queue.c): refusals in the style of people.c, the signature, the case's
 * flow read with its messages. Nothing outside src/core/ includes this. */
#ifndef LAIFANG_CASEFLOW_INTERNAL_H
#define LAIFANG_CASEFLOW_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/auth.h"
#include "laifang/caseflow.h"

/* Record a refusal as the handle's last error and in msg; returns kind. */
__attribute__((format(printf, 5, 6)))
lf_store_err cf_refuse(lf_store *st, lf_store_err kind, char *msg, size_t len, const char *fmt, ...);
/* A store result passed on, with the store's sentence in msg ("" on OK). */
lf_store_err cf_passed(lf_store *st, lf_store_err e, char *msg, size_t len);
/* lf_require as a store result. */
lf_store_err cf_require(lf_store *st, const lf_user *actor, lf_perm perm, char *msg, size_t len);

/* The case's flow; a missing case is named in msg, and a case actor may
 * not read (access.h) is refused with LF_STORE_DENIED. */
lf_store_err cf_flow(lf_store *st, const lf_user *actor, const char *case_id, lf_case_flow *flow, char *msg,
                     size_t len);
/* Open and still tracked: not archived, not referred (a referral leaves
 * tracking once its notice is out). */
bool cf_tracked(lf_case_state s);

/* Archived means locked (issue 11): LF_STORE_DENIED with the store gate's
 * sentence when flow's case is archived; OK otherwise. */
lf_store_err cf_unlocked(lf_store *st, const lf_case_flow *flow, char *msg, size_t len);

/* text cleaned (multiline or not) and trimmed into a new string; NULL text
 * gives "". *out NULL only when out of memory (then IO refused). Checks
 * required / at most max characters with label (a msgid) naming the field. */
lf_store_err cf_text(lf_store *st, const char *text, bool multiline, bool required, size_t max,
                     const char *label, char **out, char *msg, size_t len);

/* A user by login or id who must be active and hold one of roles; label
 * (a msgid) names the field in the refusal. */
lf_store_err cf_user_with(lf_store *st, const char *login, unsigned roles, const char *label, lf_user *out,
                          char *msg, size_t len);

/* "姓名（职务）", or the name alone, as caseops.c signs. */
void cf_signer(const lf_user *actor, char *buf, size_t len);

/* The handling due date: 60 days from acceptance, as the case carries it
 * (rule handle or extend) unless from_acceptance, else counted again from
 * the acceptance in the timeline. False when the case was never accepted. */
bool cf_handle_due(lf_store *st, const lf_case_flow *flow, bool from_acceptance, lf_date *due);

/* Record an event; a conflict (another desk moved the case) is said
 * plainly, naming the state the case is in now. */
lf_store_err cf_event(lf_store *st, const lf_event_in *ev, char *msg, size_t len);

/* caseflow_acts.c: the case read for an act, which must still be tracked
 * (not archived, not referred); one event of ev's kind on the case as it
 * was read, signed by actor (its state checked again when written). */
lf_store_err cf_tracked_flow(lf_store *st, const lf_user *actor, const char *case_id, lf_case_flow *flow,
                             char *msg, size_t len);
lf_store_err cf_record(lf_store *st, const lf_user *actor, const lf_case_flow *flow, lf_event_in *ev, char *msg,
                       size_t len);

/* Append " warning" to msg when due is past the last year the office
 * calendar covers (the step stands; after that year the deadline is
 * estimated from the statutory holidays, without make-up working days). */
void cf_warn_uncovered(lf_store *st, lf_date due, char *msg, size_t len);

/* Issue 11 (agency.c): the co-agencies named in text (agency.h's form),
 * resolved to active unit ids other than lead_id, into *ids (malloc'd
 * array of *n malloc'd strings; free with cf_units_free). */
lf_store_err cf_co_units(lf_store *st, const char *text, const char *lead_id, char ***ids, size_t *n, char *msg,
                         size_t len);
void cf_units_free(char **ids, size_t n);

/* Issue 13 (caseflow_kind.c): the category a screening step gives the case
 * (*kind, a stored name or NULL), and the route the case's category
 * allows; LF_STORE_OK or a refusal in msg. */
lf_store_err cf_kind(lf_store *st, lf_step step, const char *given, const char *case_id, const char **kind,
                     char *msg, size_t len);

/* Issue 13 (caseflow_review.c): review (复查) and re-review (复核), arts.
 * 35 and 36. For a request: the day the visitor received the written
 * answer before it (given, or the day that answer was recorded), checked
 * against the 30 days into in->in_time / in->late_why; r->reason keeps the
 * day (YYYY-MM-DD). For a decision: the opinion's id into in->opinion and
 * r->reason, and the signer (a supervisor or leader, by login; the actor
 * when none is named) into r->signer_id / r->signer_name. Nothing for
 * other steps. */
typedef struct cf_review {
	char reason[64];
	char signer_id[40];
	char signer_name[256];
	char late_why[512];
	bool has_signer;
} cf_review;
lf_store_err cf_review_inputs(lf_store *st, const lf_user *actor, lf_step step, const lf_step_args *a,
                              const lf_case_flow *flow, lf_step_input *in, cf_review *r, char *msg, size_t len);
/* The deadline a review step leaves on the case: the opinion's 30 days
 * from today for a request; none after a decision. False for other steps. */
bool cf_review_due(lf_store *st, lf_step step, lf_date today, char due_on[LF_DATE_LEN], const char **rule);

/* Issue 13, 可评价 (evaluation.c): the last day of the evaluation period a
 * reply opens today (setting evaluation_days); and for 重办 whether the
 * latest answer's evaluation says 不满意 (in->dissatisfied). Nothing for
 * other steps. */
void cf_eval_reply_due(lf_store *st, char due[LF_DATE_LEN]);
/* The evaluation period counted again from the written answer's delivery
 * (the petitioner evaluates what was delivered): the new due date into due,
 * or "" when the answer is evaluated already or no period is kept. */
void cf_eval_delivery_due(lf_store *st, const char *case_id, lf_date delivered, char due[LF_DATE_LEN]);
lf_store_err cf_eval_step(lf_store *st, lf_step step, const lf_case_flow *flow, lf_step_input *in, char *msg,
                          size_t len);

/* The reply's written answer (第三十二条, caseflow_answer.c): the opinion
 * parsed to its id, the facts and basis cleaned; checked by core
 * (lf_answer_check): required when the office's own department leads the
 * case, all or nothing otherwise. All NULL for other steps and for a reply
 * given without one. Free with cf_answer_free. */
typedef struct cf_answer {
	const char *opinion;
	char *facts, *basis;
} cf_answer;
lf_store_err cf_answer_inputs(lf_store *st, lf_step step, const lf_step_args *a, const lf_case_flow *flow,
                              cf_answer *out, char *msg, size_t len);
void cf_answer_free(cf_answer *x);

#endif
