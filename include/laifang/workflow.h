/* The life of a case as one state machine: the states, the steps between
 * them, who may take each step, what each needs, and the archive gate.
 * Core module: no SQL, no curses. The store records a step; this module
 * decides whether it may be taken. See DESIGN.md, "The life of a case". */
#ifndef LAIFANG_WORKFLOW_H
#define LAIFANG_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/auth.h"
#include "laifang/date.h"

typedef enum lf_case_state {
	LF_ST_REGISTERED, /* 已登记: on record, not yet screened */
	LF_ST_ACCEPTED,   /* 已受理 */
	LF_ST_DECLINED,   /* 不予受理: a written notice goes to the visitor */
	LF_ST_REFERRED,   /* 转纪检监察: notice, then no further tracking */
	LF_ST_IN_HOUSE,   /* 自办 by a department of this office */
	LF_ST_TRANSFERRED,/* 转送 to the competent agency at the same level */
	LF_ST_ASSIGNED,   /* 交办 to a lower-level agency */
	LF_ST_HANDLING,   /* 办理中: the lead unit has taken it up */
	LF_ST_REPORTED,   /* 已报送办理情况: a signed handling report */
	LF_ST_REPLIED,    /* 已答复: the visitor has the reply and gave satisfaction */
	LF_ST_ARCHIVED,   /* 已归档: closed, read-only */
	/* Issue 13, arts. 35 and 36: review (复查) and re-review (复核). */
	LF_ST_REVIEW_REQUESTED,   /* 待复查: the visitor asked for a review of the written answer */
	LF_ST_REVIEWED,           /* 已复查: the review opinion (复查意见) is given in writing */
	LF_ST_REREVIEW_REQUESTED, /* 待复核: the visitor asked for a re-review of the review opinion */
	LF_ST_REREVIEWED,         /* 已复核: the re-review opinion (复核意见) is given; the matter is closed */
	/* Issue 13, art. 22 (2) and art. 31 (1): 诉访分离. */
	LF_ST_LAW_REFERRED,       /* 转政法机关: a matter of litigation sent to a 政法 organ, with a notice;
	                           * like a referral, no further tracking here */
	LF_ST_COUNT
} lf_case_state;

/* Stable ids ("registered", "in_house"...) as stored, and translated labels. */
const char *lf_state_id(lf_case_state s);
const char *lf_state_label(lf_case_state s);
bool lf_state_parse(const char *id, lf_case_state *out);
/* Open: anything not archived. Tracked: open and not referred (a referral
 * leaves tracking once its notice is out). */
bool lf_state_open(lf_case_state s);

typedef enum lf_step {
	LF_STEP_ACCEPT,   /* registered → accepted */
	LF_STEP_DECLINE,  /* registered → declined, with a reason and a notice */
	LF_STEP_REFER,    /* registered → referred to discipline inspection, with a notice */
	LF_STEP_IN_HOUSE, /* accepted → in_house: a department of this office, a due date */
	LF_STEP_TRANSFER, /* accepted → transferred: an agency at the same level, a due date */
	LF_STEP_ASSIGN,   /* accepted → assigned: a lower-level agency, a due date */
	LF_STEP_TAKE_UP,  /* in_house | transferred | assigned → handling */
	LF_STEP_REPORT,   /* handling → reported: the signed handling report */
	LF_STEP_REPLY,    /* reported → replied: the reply and the visitor's satisfaction */
	LF_STEP_ARCHIVE,  /* replied | declined | referred | reviewed | rereviewed → archived, when complete */
	LF_STEP_REVIEW_REQUEST,   /* replied → review_requested: within 30 days of the answer (art. 35) */
	LF_STEP_REVIEW_DECIDE,    /* review_requested → reviewed: the signed review opinion (art. 35) */
	LF_STEP_REREVIEW_REQUEST, /* reviewed → rereview_requested: within 30 days of the opinion (art. 36) */
	LF_STEP_REREVIEW_DECIDE,  /* rereview_requested → rereviewed: the signed re-review opinion (art. 36) */
	LF_STEP_REDO,             /* replied → handling: 重办 after a 不满意 evaluation (evaluation.h), same unit,
	                           * a new due date, signed with a reason; the earlier answer stays */
	LF_STEP_REFER_LAW,        /* registered → law_referred: a claim (申诉求决类) whose matter belongs to
	                           * litigation goes to a 政法 organ (unit kind "law"), with the reason and a
	                           * notice (art. 22 (2), art. 31 (1)) */
	LF_STEP_COUNT
} lf_step;

/* What a step needs (bits of lf_step_def.needs). */
enum {
	LF_NEED_REASON = 1u << 0,       /* a written reason (decline) */
	LF_NEED_NOTICE = 1u << 1,       /* a notice to the visitor is produced */
	LF_NEED_UNIT = 1u << 2,         /* a unit of unit_kind from the directory */
	LF_NEED_DUE = 1u << 3,          /* a due date, not before today */
	LF_NEED_TEXT = 1u << 4,         /* a text (report, reply) */
	LF_NEED_SATISFACTION = 1u << 5, /* 满意 / 基本满意 / 不满意 */
	LF_NEED_COMPLETE = 1u << 6,     /* the archive gate */
	LF_NEED_OPINION = 1u << 7,      /* a review opinion: upheld / changed / revoked (review.h) */
	LF_NEED_IN_TIME = 1u << 8,      /* a review request within its 30 days (review.h) */
	LF_NEED_DISSATISFIED = 1u << 9, /* redo: the last evaluation says 不满意 (evaluation.h) */
};

typedef struct lf_step_def {
	lf_step step;
	const char *key;      /* "accept", "transfer"... as in the audit log: case.<key> */
	unsigned from;        /* bit mask of states (1u << state) it may start from */
	lf_case_state to;
	lf_perm perm;         /* who may take it */
	unsigned needs;       /* LF_NEED_* */
	const char *unit_kind;/* for LF_NEED_UNIT: "department", "peer", "lower", "discipline", "law" */
	const char *label;    /* N_() text for screens: 受理, 转送... */
} lf_step_def;

const lf_step_def *lf_step_get(lf_step step);
bool lf_step_parse(const char *key, lf_step *out);
/* What a timeline event kind was, in a person's words (translated): a
 * step's label, or "registered (登记)", "extension"...; the key itself
 * when unknown. */
const char *lf_event_label(const char *kind);

/* Satisfaction with the reply. */
bool lf_satisfaction_valid(const char *id); /* "satisfied", "basically", "dissatisfied", "unstated" */
const char *lf_satisfaction_label(const char *id);
/* The id for an id, the paper's word (满意 基本满意 不满意 未表态) or the
 * translated label; NULL for anything else. There is no default: a reply
 * records what the visitor said, or "unstated" (未表态). */
const char *lf_satisfaction_parse(const char *s);

/* What the person brought to a step (NULL / empty when not given). */
typedef struct lf_step_input {
	const char *reason;
	const char *unit_kind;  /* the kind of the chosen unit, NULL when none was chosen */
	const char *text;
	const char *satisfaction;
	bool has_due;
	lf_date due;
	lf_date today;
	bool major;             /* 重大: needs an owning leader before routing */
	bool has_owner;         /* a leader owns the case (包案) */
	bool file_complete;     /* the archive gate passed (lf_archive_missing found nothing) */
	bool outside;           /* the lead unit is an outside agency (peer, lower): it has no login, so
	                         * the office's supervisors (LF_PERM_ROUTE) may also record the reply */
	const char *opinion;    /* review decisions: "upheld", "changed", "revoked" (review.h) */
	bool in_time;           /* review requests: asked within the 30 days (lf_review_window) */
	const char *late_why;   /* ... and when not, the sentence saying so */
	bool dissatisfied;      /* redo: the last answer's evaluation has a 不满意 (office or unit) */
	bool from_lower;        /* the case records a review origin (from-lower, review_origin.h) */
} lf_step_input;

/* Which of a step's inputs a refusal is about, so a form puts the cursor
 * back in that field; LF_IN_NONE: the step as a whole (its state, the
 * roles, the file). */
typedef enum lf_step_field {
	LF_IN_NONE,
	LF_IN_UNIT,
	LF_IN_DUE,
	LF_IN_DUE_DAY_OFF, /* only that the due date is a weekend or holiday: asked, then allowed
	                    * (lf_step_args.allow_nonworking) */
	LF_IN_REASON,
	LF_IN_TEXT,
	LF_IN_CO_UNITS,
	LF_IN_SATISFACTION,
	LF_IN_OPINION,
	/* the reply's written answer (answer.h) */
	LF_IN_ANSWER_OPINION,
	LF_IN_ANSWER_FACTS,
	LF_IN_ANSWER_BASIS,
} lf_step_field;

/* May a person with roles take step from state with this input? True, or
 * false with a translated sentence saying the first thing in the way (the
 * state, the role, a missing reason, the wrong kind of unit...). */
bool lf_step_allowed(lf_step step, lf_case_state from, unsigned roles, const lf_step_input *in,
                     char *why, size_t len);
/* The same, and on refusal *field (when not NULL) the input it is about. */
bool lf_step_allowed_field(lf_step step, lf_case_state from, unsigned roles, const lf_step_input *in, char *why,
                           size_t len, lf_step_field *field);

/* The steps open to roles from a state, in table order; returns how many
 * (at most max written). For a screen's menu. */
size_t lf_steps_available(lf_case_state from, unsigned roles, lf_step *out, size_t max);

/* A screening decision that sends the case out of this office for good
 * (referral to discipline inspection, transfer to a 政法 organ): a notice,
 * then no further tracking. */
bool lf_state_sent_out(lf_case_state s);

/* --- the archive gate (一事一档) --- */

/* What a case's file holds, as the store counts it. */
typedef struct lf_case_file_facts {
	lf_case_state state;
	bool has_sheet;          /* the registration sheet with its required fields */
	bool has_decision;       /* the screening decision recorded */
	bool has_routing;        /* in-house / transfer / assignment recorded */
	int instructions;        /* signed instructions */
	int reports;             /* signed handling reports */
	bool has_reply;          /* the reply recorded */
	bool has_satisfaction;   /* with the visitor's satisfaction */
	bool has_notice;         /* the decline or referral notice produced */
	/* Filled by lf_store_archive_facts (store_agency.h), which sets more;
	 * without it the gate reads only the fields above. */
	bool more;
	int unanswered;          /* instructions with no handling report signed after them */
	bool outside;            /* routed to an outside agency (transfer, assignment) */
	int agency_results;      /* the agency's results recorded by the office */
	bool unrated;            /* satisfaction marked 未评价 with a reason */
	bool review_of_lower;    /* sent up by a lower office for 复查 (case from-lower) */
} lf_case_file_facts;

/* The items missing for archiving, as translated lines, each ending in
 * "\n", written into buf; returns how many are missing (0: may archive). */
int lf_archive_missing(const lf_case_file_facts *f, char *buf, size_t len);

#endif
