/* Moving a case through its life, as a person: each call checks the step
 * against the state machine (workflow.h) and the actor's roles, computes
 * the deadline the step opens on the official calendar (deadline.h), then
 * records it (store_flow.h). Both faces call these; neither can go round a
 * rule. Core module. Each returns LF_STORE_OK, or a failure with msg holding
 * a translated sentence (LF_STORE_DENIED, LF_STORE_INVALID for a rule,
 * LF_STORE_CONFLICT when another desk moved the case first). LF_STORE_OK
 * with msg not empty is a success with a warning for the person: a
 * deadline past the last year the office calendar covers (estimated from
 * the statutory holidays; import the next year), or a second record of the step
 * that could not be written. */
#ifndef LAIFANG_CASEFLOW_H
#define LAIFANG_CASEFLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/calendar.h"
#include "laifang/store.h"
#include "laifang/store_flow.h"
#include "laifang/store_people.h"
#include "laifang/workflow.h"

/* The calendar of an open store: the built-in one plus the years the office
 * imported. Built once per distinct set of imported days (one small read
 * of them per call finds it), so every handle on a database shares it and
 * an import, from this process or another, is seen at the next call. Owned
 * by the module and valid until exit (freed then). */
const lf_calendar *lf_office_calendar(lf_store *st);

/* What a person gives a step. unit: a unit's name or id; due: YYYY-MM-DD or
 * NULL for the rule's own due date (transfer/assign/in-house: handling
 * within 60 days of acceptance). */
typedef struct lf_step_args {
	const char *unit;
	const char *due;
	const char *reason;
	const char *text;
	const char *satisfaction;
	/* Routing: the co-agencies (会办单位) by name, separated by commas, 、
	 * or line breaks; NULL or "": none (agency.h). */
	const char *co_units;
	/* A due date on a weekend or holiday is refused (the person is asked
	 * first: lf_due_workday) unless this is set, after they confirmed. */
	bool allow_nonworking;
	/* Issue 13: the regulation's category chosen at screening (accept,
	 * decline; a referral is always 检举控告类): a stored name or its
	 * Chinese word (channel.h); NULL or "": none given. */
	const char *kind;
	/* Issue 13, arts. 35 and 36. Review and re-review requests: the day
	 * (YYYY-MM-DD) the visitor received the written answer (the reply, or
	 * the review opinion); NULL: the day it was recorded. Decisions: the
	 * opinion ("upheld", "changed", "revoked" or 维持 / 变更 / 撤销) and
	 * the signer's login (a supervisor or leader; NULL: the actor). */
	const char *received_on;
	const char *opinion;
	const char *signer;
	/* Reply: the written answer (信访处理意见书, 第三十二条, answer.h): the
	 * opinion ("support", "explain", "reject" or 予以支持 / 解释说明 /
	 * 不予支持), the facts and reasons found, the legal basis. Either all
	 * three or none (a reply without them prints as before: docs/answer.md). */
	const char *answer_opinion;
	const char *answer_facts;
	const char *answer_basis;
	/* When not NULL: set by lf_case_step to the input its refusal is
	 * about (LF_IN_NONE when it took the step or refused it as a whole). */
	lf_step_field *refused;
} lf_step_args;

/* Take a step. The store keeps the case's clocks (clocks.h) with each
 * step: registration starts route (15 days; accepting does not stop it,
 * routing or declining does), accept starts handle (60 days from
 * acceptance; a routing's earlier due date and an approved extension move
 * it; the handling report stops it), each routing starts the unit's
 * objection clock (5 working days, until taken up), each instruction a
 * report clock (7 working days, until a handling report). A due date a
 * person gives on a weekend or holiday is refused unless
 * args->allow_nonworking (the person confirmed it).
 * Decline, refer, transfer and assign store the notice to the visitor as
 * the event's text (a forwarding opinion given as text travels as the
 * reason). Take up, report and reply are refused to a handler of another
 * unit than the case's lead unit. The report also signs the sheet's
 * 办理情况 entry (lf_store_case_sign "handling"). Issue 11: routing also
 * records the lead unit and args->co_units (case_unit, agency.h); once the
 * office recorded an outside agency's result, a supervisor may record the
 * reply; the archive gate reads lf_store_archive_facts too. */
lf_store_err lf_case_step(lf_store *st, const lf_user *actor, const char *case_id, lf_step step,
                          const lf_step_args *args, char *msg, size_t len);

/* A leader takes ownership (包案) of a case, or a supervisor names one
 * (leader: a login with the leader role). */
lf_store_err lf_case_set_owner(lf_store *st, const lf_user *actor, const char *case_id, const char *leader,
                               char *msg, size_t len);
/* A supervisor asks a leader for an instruction: the case enters the
 * leader's 待批示 queue until they sign one. */
lf_store_err lf_case_request_instruction(lf_store *st, const lf_user *actor, const char *case_id,
                                         const char *leader, char *msg, size_t len);
/* The same from a form that showed the case's owning leader, or the leader
 * asked (seen: a user id, "" for none): when another desk has named
 * another meanwhile, LF_STORE_CONFLICT and nothing is written. */
lf_store_err lf_case_set_owner_seen(lf_store *st, const lf_user *actor, const char *case_id, const char *leader,
                                    const char *seen, char *msg, size_t len);
lf_store_err lf_case_request_instruction_seen(lf_store *st, const lf_user *actor, const char *case_id,
                                              const char *leader, const char *seen, char *msg, size_t len);
/* Urgent (紧急: sorted first) and major (重大: needs an owning leader before
 * routing); -1 leaves a flag as it is. Supervisors. */
lf_store_err lf_case_set_flags(lf_store *st, const lf_user *actor, const char *case_id, int urgent, int major,
                               char *msg, size_t len);
/* A supervision note (督办) on an open case. */
lf_store_err lf_case_supervise(lf_store *st, const lf_user *actor, const char *case_id, const char *text,
                               char *msg, size_t len);
/* A supervision notice (督办通知, 《信访工作条例》第四十条第一款) or an
 * escalation (约谈、通报、挂牌督办: level interview, bulletin, listed;
 * 第三十九条第三款) to the unit handling a routed case, with the date its
 * written feedback is due (after today): the supervision clock runs until
 * the feedback (supervision.c). Supervisors. */
lf_store_err lf_case_supervise_notice(lf_store *st, const lf_user *actor, const char *case_id, const char *text,
                                      const char *level, const char *due_on, char *msg, size_t len);
/* The unit's written feedback on the running supervision notice: a handler
 * of the lead unit, or a supervisor recording its letter. */
lf_store_err lf_case_supervise_feedback(lf_store *st, const lf_user *actor, const char *case_id, const char *text,
                                        char *msg, size_t len);
/* Issue 13, 第三十三条 (caseflow_mediate.c, agreement.h): the agreement of
 * a mediation (kind "mediation" or 调解, with its mediator) or a settlement
 * ("settlement" or 和解, no mediator) reached while a claim is handled:
 * the parties (two at least, separated by 、 ， , ; or new lines), the
 * agreed terms. Recorded as a "mediate" event, signed by actor; the state
 * and the clocks stay (the handling ends with the written answer). A
 * handler of the lead unit, or a supervisor. */
typedef struct lf_agreement_args {
	const char *kind, *parties, *terms, *mediator;
} lf_agreement_args;
lf_store_err lf_case_mediate(lf_store *st, const lf_user *actor, const char *case_id, const lf_agreement_args *a,
                             char *msg, size_t len);
/* A hearing (听证) of a case awaiting its re-review opinion: begin (text:
 * what it is about, may be empty) or end (text: what came of it). Its days
 * are not counted in the re-review's 30 (《信访工作条例》第三十六条第二款;
 * hearing.c). Those who give the re-review opinion. */
lf_store_err lf_case_hearing(lf_store *st, const lf_user *actor, const char *case_id, bool begin, const char *text,
                             char *msg, size_t len);
/* The one extension of handling, while a handling clock runs: at most 30
 * days, with the approving user (a login holding approve_extension, never
 * the actor: LF_STORE_DENIED) and a reason given to the visitor. */
lf_store_err lf_case_extend(lf_store *st, const lf_user *actor, const char *case_id, int days,
                            const char *approver, const char *reason, char *msg, size_t len);
/* An annotation on an archived case (the file itself stays read-only). */
lf_store_err lf_case_annotate(lf_store *st, const lf_user *actor, const char *case_id, const char *text,
                              char *msg, size_t len);

/* Group petitions (集体访): at most 5 representatives with full details
 * (seed 002); a sixth gets a message citing the rule. headcount >= the
 * representatives. Clerks. */
#define LF_MAX_REPRESENTATIVES 5
lf_store_err lf_case_add_representative(lf_store *st, const lf_user *actor, const char *case_id,
                                        const char *id_number, const char *name, const char *sex,
                                        const char *phone, const char *address, char *msg, size_t len);
lf_store_err lf_case_set_headcount(lf_store *st, const lf_user *actor, const char *case_id, int headcount,
                                   char *msg, size_t len);
/* The same from a form that showed seen people (-1: no check): a headcount
 * another desk saved meanwhile is not written over (LF_STORE_CONFLICT). */
lf_store_err lf_case_set_headcount_seen(lf_store *st, const lf_user *actor, const char *case_id, int seen,
                                        int headcount, char *msg, size_t len);

/* The reception day's flow (seed 000): registered → waiting (候谈) →
 * interview (接谈) → done, or persuaded to return (劝返). */
typedef enum lf_visit_step { LF_VISIT_WAIT, LF_VISIT_INTERVIEW, LF_VISIT_DONE, LF_VISIT_RETURNED } lf_visit_step;
/* The translated label of a stored visit state ("waiting" → 候谈, "interview",
 * "done", "returned"); the text itself for anything else, "" for NULL. */
const char *lf_visit_state_label(const char *state);
lf_store_err lf_case_visit(lf_store *st, const lf_user *actor, const char *case_id, lf_visit_step step,
                           char *msg, size_t len);

/* The queues. Each is a filter over the store's queue for the actor. */
typedef enum lf_queue_id {
	LF_Q_SCREENING,    /* 待甄别: registered */
	LF_Q_ROUTING,      /* 待分办: accepted, not yet routed */
	LF_Q_TRANSFER,     /* 待转送: transferred, not yet taken up by the agency */
	LF_Q_ASSIGNMENT,   /* 待交办: assigned, not yet taken up by the lower agency */
	LF_Q_INSTRUCTIONS, /* 待批示: the actor's: asked of them, no instruction yet (the filter sets
	                    * instruction_leader_id; owned cases are owner_id, a second filter) */
	LF_Q_HANDLING,     /* 办理中: the actor's unit's in_house / transferred / assigned / handling / reported */
	LF_Q_SUPERVISION,  /* 督办: open cases overdue or due within 2 working days */
	LF_Q_ARCHIVE,      /* 待归档: replied, declined, referred */
	LF_Q_ARCHIVED,     /* 已归档 */
	LF_Q_OWNED,        /* 我的包案: the cases the actor (a leader) owns, until archived (issue 11) */
	LF_Q_REVIEW,       /* 待复查: review requested, the opinion due (issue 13, art. 35) */
	LF_Q_REREVIEW,     /* 待复核: re-review requested, the opinion due (issue 13, art. 36) */
	LF_Q_UNEVALUATED,  /* 超期未评价: answered, the evaluation period over, none recorded (issue 13) */
	LF_Q_APPROVAL,     /* 待审核: the actor's unit's reported cases whose latest report the unit head
	                    * has not approved yet */
	LF_Q_COUNT
} lf_queue_id;

const char *lf_queue_key(lf_queue_id q);   /* "screening"... */
const char *lf_queue_label(lf_queue_id q); /* translated: 待甄别... */
bool lf_queue_parse(const char *key, lf_queue_id *out);
/* True when the actor may see queue q (and so it is on their menu). */
bool lf_queue_visible(const lf_user *actor, lf_queue_id q);
/* Issue 12: true when the actor's roles act on queue q's cases (an
 * administrator reads every queue but works none): the desk's menu of
 * queues lists only these. */
bool lf_queue_works(const lf_user *actor, lf_queue_id q);
/* Fill the store filter for q and the actor (today for supervision).
 * Callers add unit, date range, keyword and the keyset. */
bool lf_queue_filter_for(lf_store *st, const lf_user *actor, lf_queue_id q, lf_queue_filter *f, char *msg,
                         size_t len);

/* The cases a queue filter matches (lf_queue_filter_for, then a face's own
 * filters), a page at a time, and how many (keyset fields ignored). The
 * store lists only the cases the handle's reader may read (access.h), and
 * lf_queue_filter_for checked the queue against the actor's roles. */
lf_store_err lf_queue_each(lf_store *st, const lf_queue_filter *f, lf_queue_fn fn, void *ud);
lf_store_err lf_queue_count(lf_store *st, const lf_queue_filter *f, long *count);
/* The screens' count (issue 16): a queue of states alone, for someone who
 * may read every case, is counted exactly by the state counters; any other
 * (a unit's, a leader's, supervision's due dates, a filter, a reader who
 * may read only some cases) is counted up to LF_QUEUE_COUNT_CAP, and a
 * larger one is shown "10000+" (*count is then LF_QUEUE_COUNT_CAP + 1). */
#define LF_QUEUE_COUNT_CAP 10000
/* "123", or "10000+" for a count past the cap. */
void lf_queue_count_text(long count, char *buf, size_t len);
/* The reception day's waiting list (候谈, 接谈) on date, oldest first, and
 * how many people wait (group headcounts included); need to know as
 * above. */
lf_store_err lf_waiting_each(lf_store *st, const char *date, lf_queue_fn fn, void *ud, int *people);

/* Issue 11: an archived case is locked. LF_STORE_OK when the case (id or
 * number) may still change; LF_STORE_DENIED with the store's sentence
 * (lf_office_errmsg: "case 2026-000001 is archived: ...") when not. For a
 * face that asks before opening a form on a case it has read; every step
 * asks the same gate again. */
lf_store_err lf_case_unlocked(lf_store *st, const char *case_key);

/* The waiting list against the staff on duty: true (and a translated
 * warning in msg) when visitors outnumber staff. staff = users with the
 * clerk or leader role who logged in today, or the setting staff_on_duty. */
bool lf_waiting_warning(lf_store *st, const char *date, int *people, int *staff, char *msg, size_t len);

/* laifang calendar import FILE: add a year's arrangement (cn-holidays.tsv
 * form) to the office's calendar. Administrators. */
lf_store_err lf_calendar_import(lf_store *st, const lf_user *actor, const char *text, size_t len, int *days,
                                char *msg, size_t msglen);
/* The same, saying how many running clocks' due dates the new days moved
 * (every running clock is derived again in the import's transaction). */
lf_store_err lf_calendar_import_clocks(lf_store *st, const lf_user *actor, const char *text, size_t len, int *days,
                                       int *moved, char *msg, size_t msglen);

/* The same, saying what changed: the days read, the days of the file's
 * years whose working-day status changed (an estimated year replaced, or
 * an earlier file corrected), and the running deadlines counted again. One
 * transaction: the days, every running clock derived again, and the audit
 * entry "calendar.import" naming the years and the days changed. */
typedef struct lf_calendar_import_result {
	int days, changed, moved;
	int first_year, last_year;
	int clocks_moved; /* running clocks whose due date the new days moved */
} lf_calendar_import_result;
lf_store_err lf_calendar_import_file(lf_store *st, const lf_user *actor, const char *text, size_t len,
                                     lf_calendar_import_result *res, char *msg, size_t msglen);


#endif
