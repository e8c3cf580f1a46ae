/* What the case screen's F7 menu shares between its steps (case_flow.c)
 * and the other things done to an open case (case_extras.c). Private to
 * src/tui. */
#ifndef LAIFANG_TUI_CASE_FLOW_INTERNAL_H
#define LAIFANG_TUI_CASE_FLOW_INTERNAL_H

#include "pickers.h"

/* The case the menu acts on. */
typedef struct one_case {
	lf_tui *t;
	const char *case_id;
	const char *case_no;
	bool changed;
	bool conflict; /* another desk moved the case first */
} one_case;

/* Core's answer to a form: done (msg says so), a refusal (the form stays),
 * or a conflict (the case is read again). */
bool lf_flow_answer(lf_xform *f, lf_store_err e, char *msg, size_t len, const char *done);

/* The same for a dialog of boxes (lf_prompt: the delivery, the agreement):
 * SAVED (the caller says what was done), CLOSE when it was refused for good
 * or the case is gone (msg says why), AGAIN when the boxes are shown again
 * with the reason in them and what was typed kept. why: core's reason, or
 * empty for the store's message. */
typedef enum { LF_ANSWER_SAVED, LF_ANSWER_CLOSE, LF_ANSWER_AGAIN } lf_answer;
lf_answer lf_prompt_answer(lf_prompt *p, lf_store *st, lf_store_err e, const char *why, char *msg, size_t len);

/* The other things done to an open case, in the menu's order; the waiting
 * flow's four (X_WAIT on) are taken by lf_tui_visit, the rest by a form. */
typedef enum {
	X_OWN, X_REQUEST, X_FLAGS, X_SUPERVISE, X_EXTEND, X_ANNOTATE, X_REPRESENTATIVE, X_HEADCOUNT,
	X_APPROVE, X_FEEDBACK, X_HEARING_START, X_HEARING_END, X_WAIT, X_INTERVIEW, X_DONE, X_RETURNED, X_COUNT
} extra;
extern const char *const lf_extra_labels[X_COUNT]; /* N_() */
/* Whether me may do x to the case now (handle_runs: a handling clock runs). */
bool lf_extra_open(const lf_user *me, const lf_case_flow *fl, bool handle_runs, extra x);
/* x's form, run until done or left; oc->changed / conflict say what came of it. */
bool lf_extra_form(one_case *oc, extra x, const lf_case_flow *fl, char *msg, size_t len);

#endif
