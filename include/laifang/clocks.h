/* A case's clocks: the deadlines that run side by side (route, handle,
 * report per instruction, object per routing), each with its start, rule,
 * due date, basis and stop. Derived from the case's history (registration,
 * events, signed entries) on the office calendar, so the same history
 * always gives the same clocks, and a changed calendar moves the due dates
 * of the running ones. Core module: no SQL; the store keeps the result in
 * case_clock in the same transaction as each write (store_clocks.h). */
#ifndef LAIFANG_CLOCKS_H
#define LAIFANG_CLOCKS_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/calendar.h"
#include "laifang/date.h"

typedef enum lf_clock_rule {
	LF_CLOCK_ROUTE,  /* 转送期限: 15 days from registration until routed or declined (art. 22) */
	LF_CLOCK_HANDLE, /* 办理期限: 60 days from acceptance, plus an approved extension (art. 34) */
	LF_CLOCK_REPORT, /* 批示报送期限: 7 working days from an instruction until a report (seed 000) */
	LF_CLOCK_OBJECT, /* 异议期限: 5 working days from a routing until accepted or objected (art. 23) */
	LF_CLOCK_REVIEW, /* 复查期限: 30 days from the review request until the review opinion (art. 35) */
	LF_CLOCK_REREVIEW, /* 复核期限: 30 days from the re-review request until its opinion (art. 36) */
	LF_CLOCK_SUPERVISE, /* 督办反馈期限: from a supervision notice until the unit's written feedback, by the
	                     * date the notice set (art. 40; supervision.h) */
	LF_CLOCK_NOTIFY,   /* 告知期限: 15 days from registration until a notice telling the visitor whether
	                    * and where the petition goes is delivered (art. 23; issue 13, delivery.h).
	                    * Opened by the first such notice issued (case_notice), met by its delivery. */
	LF_CLOCK_RULE_COUNT
} lf_clock_rule;

typedef enum lf_clock_state {
	LF_CLOCK_RUNNING,
	LF_CLOCK_MET,     /* stopped on or before its due date */
	LF_CLOCK_MISSED,  /* stopped after it */
	LF_CLOCK_PAUSED,  /* not counting: a re-review's hearing (听证, art. 36 para. 2) */
	LF_CLOCK_STOPPED, /* ended without its act (archived, routed again) */
	LF_CLOCK_STATE_COUNT
} lf_clock_state;

const char *lf_clock_rule_key(lf_clock_rule r);   /* "route", "handle", "report", "object" */
bool lf_clock_rule_parse(const char *key, lf_clock_rule *out);
const char *lf_clock_rule_label(lf_clock_rule r); /* translated: 转送期限, 办理期限... */
/* The label of a stored rule key (also the old keys "extend" → 办理期限);
 * the key itself when unknown, "" for NULL. */
const char *lf_clock_rule_label_key(const char *key);
/* A short label of a stored rule key for a list's column (转送, 办理,
 * 批示报送, 异议); "" for NULL or an unknown key. */
const char *lf_clock_rule_short(const char *key);
const char *lf_clock_state_key(lf_clock_state s); /* "running", "met"... */
bool lf_clock_state_parse(const char *key, lf_clock_state *out);
const char *lf_clock_state_label(lf_clock_state s); /* translated */

/* One fact of a case's history, oldest first. kind: "register" (day: the
 * date received), an event kind (accept, in_house, transfer, assign,
 * decline, refer, take_up, report, extend, archive, agency_accept,
 * agency_object...), or a signed entry: "instruction", "handling"; issue
 * 13: "notice:KIND" (a notice's number issued, at that moment) and
 * "delivery:KIND" (day: the day that notice was delivered), KIND the
 * notice's (accept, decline...). */
typedef struct lf_clock_fact {
	const char *kind;
	const char *at;       /* ISO 8601 timestamp (ordering, and the day when day is NULL) */
	const char *day;      /* YYYY-MM-DD to count from, or NULL: at's date */
	long long ref;        /* event seq or entry position */
	const char *due_on;   /* routing: a due date a person set; extend: the new due date */
	const char *approver; /* extend: the approver as named */
} lf_clock_fact;

#define LF_CLOCK_BASIS_LEN 256
#define LF_CLOCK_REASON_LEN 32

typedef struct lf_clock {
	lf_clock_rule rule;
	long long ref;              /* report: the instruction's position; object: the routing's seq; else 0 */
	lf_date start, due;
	char start_at[40];          /* the fact that started it */
	lf_clock_state state;
	bool has_stop;
	lf_date stop;
	char stop_at[40];
	char stop_reason[LF_CLOCK_REASON_LEN]; /* the fact's kind: "transfer", "report", "archive"... */
	char basis[LF_CLOCK_BASIS_LEN];        /* coded (lf_clock_basis_say gives the words) */
	bool estimated;             /* the due date lies past the calendar's published years */
	lf_date paused_on;          /* LF_CLOCK_PAUSED: the day a hearing began (art. 36) */
} lf_clock;

/* A clock's basis is kept as a code, not as words, so it reads in the
 * language of whoever reads it and costs a few bytes a clock: the rule's
 * code and the due date it first set ("@route22\x1e2026-03-18"), then a
 * part for each change to its term ("\x1fextended\x1e2026-06-01\x1e李局长
 * （局长）"). Start one with its rule's code; add a part with up to two
 * values (NULL: none; the last, a name, is cut to the room left). */
void lf_clock_basis_start(char basis[LF_CLOCK_BASIS_LEN], const char *code, lf_date due);
void lf_clock_basis_add(char basis[LF_CLOCK_BASIS_LEN], const char *part, const char *a, const char *b);
/* The basis as a person reads it, translated: 《信访工作条例》第三十四条：
 * 受理之日起60日内；延期至… A basis written before the codes (words in
 * whatever language its writer used) is given as it is; an unknown code as
 * its code. Returns out. */
char *lf_clock_basis_say(const char *stored, char *out, size_t len);
/* The same in Chinese whatever the desk's language: for the paper laifang
 * prints in Chinese only (the 台账). */
char *lf_clock_basis_say_zh(const char *stored, char *out, size_t len);
/* What the clock said when it started: its rule alone, and in due the due
 * date it set then ("" when the basis does not say: words from before). */
char *lf_clock_basis_say_start(const char *stored, char *out, size_t len, char due[LF_DATE_LEN]);

/* The clocks of a history: at most max written to out; returns how many
 * there are (may exceed max). */
size_t lf_clocks_derive(const lf_calendar *cal, const lf_clock_fact *facts, size_t n, lf_clock *out, size_t max);

/* Is a due date estimated (past the published calendar)? The estimated
 * calendar's own test replaces this when it lands. */
bool lf_clock_day_estimated(const lf_calendar *cal, lf_date d);

/* The earliest running clock of a list (NULL: none running); ties go to
 * the rule listed first. */
const lf_clock *lf_clocks_earliest(const lf_clock *c, size_t n);

#endif
