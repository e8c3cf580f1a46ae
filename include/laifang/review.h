/* Review (复查) and re-review (复核) of a written answer, 《信访工作条例》
 * arts. 35 and 36: the visitor's 30 days to ask, the opinions an office
 * gives, and the note shown at intake once a re-review has ended the
 * matter. Core module: no SQL, no I/O. The steps themselves are in the
 * state machine (workflow.h), their clocks in clocks.h. */
#ifndef LAIFANG_REVIEW_H
#define LAIFANG_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/calendar.h"
#include "laifang/date.h"
#include "laifang/workflow.h"

/* The opinions: "upheld" (维持), "changed" (变更), "revoked" (撤销). */
bool lf_review_opinion_valid(const char *id);
const char *lf_review_opinion_label(const char *id); /* translated; NULL when unknown */
/* The id for an id, its Chinese word or its translated label; NULL otherwise. */
const char *lf_review_opinion_parse(const char *s);
/* The Chinese word printed on the written decision (维持, 变更, 撤销), not
 * translated (a document's words); NULL when unknown. */
const char *lf_review_opinion_word(const char *id);

/* Is a request made on `asked` within the visitor's 30 days of receiving
 * the written answer on `received` (art. 35 for a review, 36 for a
 * re-review)? 30 days are calendar days counted from the day after
 * receipt; a term ending on a day off ends on the next working day (as
 * every term in days: deadline.h). *last (if not NULL) receives the last
 * day. False, with a translated sentence citing the article in why, when
 * late, when received lies after asked, or before the answer was given
 * (answered, when given). */
bool lf_review_window(const lf_calendar *cal, bool rereview, lf_date received, lf_date asked,
                      const lf_date *answered, lf_date *last, char *why, size_t len);

/* May a case in state `from` take the review request step (复查)? An
 * answered case (replied) may; a registered case only when a lower office
 * sent it up for review (from_lower: it records a review origin,
 * review_origin.h), the 30 days then counting from the day the visitor
 * received the lower office's answer. */
bool lf_review_may_request(lf_case_state from, bool from_lower);

/* The note a registration shows when the visitor (same ID number) has a
 * case whose re-review is given (art. 36: the same facts and reasons are
 * not accepted again); translated. The clerk judges whether it is the
 * same matter: the note warns, it does not refuse. */
const char *lf_review_final_note(void);

/* 同一事项正在办理 (art. 19, para. 3): is a case in this state (its id,
 * workflow.h) still in the office's hands: registered, screened and routed,
 * handled, or waiting for a review's opinion? A replied, declined, referred,
 * reviewed or archived case is not. */
bool lf_status_in_progress(const char *status);
/* The intake's note for a visitor with in_progress matters still being
 * handled (translated, into buf; empty when none). A warning: the clerk
 * judges whether it is the same matter. */
const char *lf_same_matter_note(int in_progress, char *buf, size_t len);

/* A review event's reason as a person reads it: for a request (kind
 * review_request / rereview_request) "Answer received on DATE", for a
 * decision the opinion's label; written into buf and returned, or NULL for
 * any other kind. */
const char *lf_review_reason_line(const char *kind, const char *reason, char *buf, size_t len);

#endif
