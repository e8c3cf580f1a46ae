/* Storage of a case's life: the events of its timeline (steps, ownership,
 * supervision notes, extension, annotations, the reception day's waiting
 * flow), its routing, deadline and flags, group petitions, the queues, and
 * calendar years imported by an office. Part of the store module. These
 * calls check no permission and no rule: core (caseflow.h) does, then calls
 * them. Every write is one transaction with its audit entry. */
#ifndef LAIFANG_STORE_FLOW_H
#define LAIFANG_STORE_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"
#include "laifang/workflow.h"

/* One event to record. Strings may be NULL. */
typedef struct lf_event_in {
	const char *case_id;      /* id or case number */
	const char *kind;         /* a step key ("accept", "transfer"...), or "own", "supervise",
	                           * "extend", "flag", "annotate", "request_instruction",
	                           * "visit.waiting", "visit.interview", "visit.done", "visit.returned" */
	const char *expect_state; /* the state core checked the step against: when the case is no
	                           * longer in it (another desk moved it), LF_STORE_CONFLICT and nothing
	                           * is written. NULL: no check. */
	const char *to_state;     /* a step's new state (lf_state_id); NULL keeps the state */
	const char *unit_id;      /* routing / referral: the lead unit; becomes the case's lead unit */
	const char *user_id;      /* "own": the owning leader; "request_instruction": the leader asked */
	const char *reason;
	const char *text;         /* report, reply, notice, note, annotation */
	const char *satisfaction; /* reply: satisfied / basically / dissatisfied */
	const char *due_on;       /* YYYY-MM-DD: the case's next deadline from now on ("" clears) */
	const char *due_rule;     /* its rule key (deadline.h), with due_on */
	const char *approver_id;  /* "extend": the approving user */
	int urgent, major;        /* "flag": 0 / 1, or -1 to leave as is */
	const char *signer_name;  /* the actor as signed: "姓名（职务）" */
	const char *case_kind;    /* screening (issue 13): the regulation's category the case takes
	                           * ("suggestion", "accusation", "claim"); NULL leaves it */
	const char *evaluation_due; /* reply (issue 13, 可评价): YYYY-MM-DD, the last day of the petitioner's
	                           * evaluation (case_file.evaluation_due); NULL leaves it */
	/* reply (第三十二条, answer.h): the written answer's opinion ("support",
	 * "explain", "reject"), facts and reasons, legal basis; NULL: none. */
	const char *answer_opinion, *answer_facts, *answer_basis;
	/* mediate (第三十三条, agreement.h): the parties, one a line, and the
	 * mediator who signed (NULL for a settlement); NULL for other kinds. */
	const char *agreement_parties, *agreement_mediator;
	/* archive: the file's facts as core judged them complete. The facts
	 * other desks add to (an instruction signed meanwhile) are read again
	 * inside the write: when the file is no longer complete,
	 * LF_STORE_CONFLICT naming what is missing, and nothing is written.
	 * NULL: no gate. */
	const lf_case_file_facts *archive_gate;
	/* "own", "request_instruction": the owning leader, or the leader asked,
	 * as the person's form showed them (a user id, "" for none). When the
	 * case names another by now (another desk), LF_STORE_CONFLICT and
	 * nothing is written. NULL: no check. */
	const char *expect_owner_id, *expect_leader_id;
	/* "visit.*": the visitor's place on the waiting list core checked the
	 * step against ("" none); when it has moved on (another desk), as
	 * expect_state. NULL: no check. */
	const char *expect_visit_state;
} lf_event_in;

lf_store_err lf_store_case_event(lf_store *st, const lf_event_in *ev);

/* One event of a timeline, oldest first (instructions, handling entries and
 * approvals of case_entry are included as kinds "instruction", "handling"
 * and "approval"; a forwarding opinion is the routing step's reason; the
 * clocks' starts and stops as "clock_start" and "clock_stop", with rule,
 * the basis as text, the due date, the clock's state as to_state and, for
 * a stop, the kind of the fact that stopped it as reason). */
typedef struct lf_event {
	long long seq;
	const char *kind, *at, *by_name, *unit_name, *reason, *text, *satisfaction, *due_on;
	const char *to_state;
	const char *approver; /* "extend": the approver as named */
	const char *rule;     /* clock_start / clock_stop: the clock's rule key */
	/* reply: the written answer's parts (answer.h); NULL for a reply
	 * recorded without them (before schema 32) and every other kind. */
	const char *answer_opinion, *answer_facts, *answer_basis;
	/* mediate (agreement.h): the parties, one a line, and the mediator. */
	const char *agreement_parties, *agreement_mediator;
	/* Set by the office's reader (case_read.h): the 办理情况 entry a report
	 * step signed with it (one entry of the step's text and signer for
	 * each step); a timeline does not list it again. */
	bool repeats_report;
} lf_event;
typedef int (*lf_event_fn)(const lf_event *e, void *ud);
lf_store_err lf_store_case_events(lf_store *st, const char *case_id, lf_event_fn fn, void *ud);

/* A case's routing and workflow state as the case screen and the rules
 * need it. Strings malloc'd; free with lf_case_flow_free. */
typedef struct lf_case_flow {
	char case_id[37];
	lf_case_state state;
	char *lead_unit_id, *lead_unit_name, *lead_unit_kind;
	char *owner_id, *owner_name;          /* 包案 leader */
	char *instruction_leader_id;          /* a leader asked to instruct, until they do */
	char due_on[11];                      /* "" when no open deadline */
	char due_rule[16];
	bool urgent, major, extended;
	int headcount;                        /* group petitions: people who came; 1 otherwise */
	int representatives;                  /* visitors linked to the case */
	char visit_state[16];                 /* "", "waiting", "interview", "done", "returned" */
	lf_case_file_facts facts;             /* for the archive gate */
} lf_case_flow;
lf_store_err lf_store_case_flow(lf_store *st, const char *case_id, lf_case_flow *out);
void lf_case_flow_free(lf_case_flow *f);

/* Group petitions (集体访): add a representative (visitor upserted by ID
 * number, as a registration does) at the next position, and set the
 * headcount. Core enforces the limit of 5 representatives. */
lf_store_err lf_store_case_add_visitor(lf_store *st, const char *case_id, const char *id_number,
                                       const char *name, const char *sex, const char *phone,
                                       const char *address);
/* The same, refused (LF_STORE_CONFLICT, nothing written) when the case
 * has most visitors already, counted inside the write (0: no limit). */
lf_store_err lf_store_case_add_visitor_upto(lf_store *st, const char *case_id, int most, const char *id_number,
                                            const char *name, const char *sex, const char *phone,
                                            const char *address);
lf_store_err lf_store_case_set_headcount(lf_store *st, const char *case_id, int headcount);
/* The same, when the headcount is still was (what the person's form
 * showed; -1: no check): otherwise LF_STORE_CONFLICT naming it, nothing
 * written. */
lf_store_err lf_store_case_set_headcount_from(lf_store *st, const char *case_id, int was, int headcount);

/* A queue page. Rows are sorted urgent first, then by due date (none
 * last), then case number; paging is keyset (after the last row of the
 * previous page), never OFFSET. */
typedef struct lf_queue_filter {
	unsigned states;          /* bit mask of 1u << lf_case_state; 0: every state */
	const char *unit_id;      /* lead unit */
	const char *owner_id;     /* owning leader */
	const char *instruction_leader_id;
	const char *due_before;   /* YYYY-MM-DD: due on or before (supervision) */
	const char *from, *to;    /* received_on range, inclusive */
	const char *keyword;      /* in the visitor's name or the content (a LIKE for now) */
	/* keyset: the last row of the previous page, or after_case_no NULL for the first page */
	const char *after_case_no;
	bool after_urgent;
	const char *after_due_on; /* "" when that row had no due date */
	/* Paging up (issue 16, a list that keeps only the rows near the view):
	 * the rows before the after_* row, nearest first (in reverse order);
	 * with after_case_no NULL, the last rows of the queue, last first. */
	bool backward;
	int limit;                /* 0: 50 */
	/* lf_store_queue_count: count at most count_cap + 1 rows (0: exact). A
	 * count of the states alone, read by someone who may read every case,
	 * is exact at any size (the state counters of db/006); any other is a
	 * walk of its rows, which the screens cap (issue 16, README). */
	long count_cap;
	/* Issue 13 (可评价): YYYY-MM-DD: only cases whose evaluation period ended
	 * before this day, nothing recorded (超期未评价); NULL: no such filter. */
	const char *evaluation_before;
	/* Only cases whose latest handling report no approval names yet (the
	 * unit head's 待审核). */
	bool report_unapproved;
} lf_queue_filter;

typedef struct lf_queue_row {
	const char *case_id, *case_no, *received_on, *name, *id_number, *content, *state;
	const char *unit_name, *owner_name, *due_on, *due_rule;
	bool urgent, major, repeat;
} lf_queue_row;
typedef int (*lf_queue_fn)(const lf_queue_row *r, void *ud);
lf_store_err lf_store_queue(lf_store *st, const lf_queue_filter *f, lf_queue_fn fn, void *ud);
/* How many cases the filter matches (keyset fields ignored), at most
 * f->count_cap + 1 when count_cap > 0. */
lf_store_err lf_store_queue_count(lf_store *st, const lf_queue_filter *f, long *count);

/* The reception day's waiting list: cases whose visit is "waiting" or
 * "interview" on a date, oldest first, and how many people wait (group
 * headcounts included). */
lf_store_err lf_store_waiting(lf_store *st, const char *date, lf_queue_fn fn, void *ud, int *people);

/* Calendar years an office imported (laifang calendar import): the days
 * are kept in the database and added to the built-in calendar at open. */
lf_store_err lf_store_calendar_add(lf_store *st, const char *date, const char *kind, const char *name);
typedef int (*lf_calendar_day_fn)(const char *date, const char *kind, const char *name, void *ud);
lf_store_err lf_store_calendar_each(lf_store *st, lf_calendar_day_fn fn, void *ud);

#endif
