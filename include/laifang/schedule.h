/* The reception schedule (接访安排表 and 下访): slots, generating them by an
 * office's rule, checking any schedule against the official calendar, the
 * quotas of reception days per leader, and reading a schedule from CSV.
 * Core module: no curses, no SQL. See docs/schedule.md. */
#ifndef LAIFANG_SCHEDULE_H
#define LAIFANG_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/calendar.h"
#include "laifang/date.h"

/* Field sizes in bytes, NUL included (UTF-8: a Chinese character is 3). */
#define LF_SLOT_NAME 64   /* leader, contact person */
#define LF_SLOT_LEVEL 32  /* level id, e.g. county, town, department, deputy */
#define LF_SLOT_TEXT 192  /* title, lead department, location */
#define LF_SLOT_MSG 384   /* a problem's message */

#define LF_NO_SLOT ((size_t)-1)
#define LF_NO_TIME (-1)

typedef enum lf_slot_kind {
	LF_SLOT_RECEPTION = 0, /* 接访: the leader receives at a fixed place */
	LF_SLOT_FIELD_VISIT    /* 下访: the leader goes out to the visitors */
} lf_slot_kind;

/* The five modes of seed 001 (海丰县领导干部定期接访工作制度, 第二条). */
typedef enum lf_slot_mode {
	LF_MODE_FIXED = 0,   /* 定点接访, id fixed */
	LF_MODE_APPOINTMENT, /* 重点约访, id appointment */
	LF_MODE_THEMATIC,    /* 专题接访, id thematic */
	LF_MODE_CASE_VISIT,  /* 带案下访, id case_visit */
	LF_MODE_GRASSROOTS   /* 下基层接访, id grassroots */
} lf_slot_mode;

typedef struct lf_leader {
	char name[LF_SLOT_NAME];
	char title[LF_SLOT_TEXT];
	char level[LF_SLOT_LEVEL];
} lf_leader;

typedef struct lf_slot {
	lf_date date;
	int start, end; /* minutes after midnight, or LF_NO_TIME for both */
	lf_leader leader;
	char department[LF_SLOT_TEXT]; /* lead department (牵头处室) */
	char location[LF_SLOT_TEXT];
	char contact[LF_SLOT_NAME];    /* 接访联系人 */
	lf_slot_kind kind;
	lf_slot_mode mode;
	size_t line; /* the CSV line it was read from, 0 otherwise */
} lf_slot;

typedef struct lf_schedule {
	lf_slot *slots;
	size_t n, cap;
} lf_schedule;

void lf_schedule_init(lf_schedule *s);
void lf_schedule_free(lf_schedule *s);
/* Append a copy of slot; false when out of memory. */
bool lf_schedule_add(lf_schedule *s, const lf_slot *slot);

/* Copy src into a fixed field of size dstlen; false (dst then holds as much
 * as fits on a character boundary) when it does not fit. */
bool lf_slot_set(char *dst, size_t dstlen, const char *src);

/* Ids as written in files ("reception", "fixed" ...) and labels as shown to a
 * person (translated). */
const char *lf_slot_kind_id(lf_slot_kind k);
const char *lf_slot_kind_label(lf_slot_kind k);
const char *lf_slot_mode_id(lf_slot_mode m);
const char *lf_slot_mode_label(lf_slot_mode m);
/* Accepts the id, the Chinese term of the paper (接访 下访; 定点接访 ...) or
 * the translated label. */
bool lf_slot_kind_parse(const char *s, lf_slot_kind *out);
bool lf_slot_mode_parse(const char *s, lf_slot_mode *out);

/* "HH:MM" (00:00..23:59; "9:30" accepted) to minutes, and back ("09:30";
 * buf of at least 6 bytes). */
bool lf_time_parse(const char *s, int *minutes);
void lf_time_format(int minutes, char *buf);

/* ---- generating ---- */

/* Which day a postponed reception moves to, and which days count as
 * reception days at all:
 * OFFICIAL: the next official working day; a weekend day that is a make-up
 *           working day (调休上班) counts;
 * WEEKDAY:  the next Monday–Friday that is not a holiday (make-up weekend
 *           days are passed over). */
typedef enum lf_postpone {
	LF_POSTPONE_OFFICIAL = 0,
	LF_POSTPONE_WEEKDAY
} lf_postpone;

/* True when d is a reception day under the choice. */
bool lf_schedule_is_receiving_day(const lf_calendar *cal, lf_date d, lf_postpone how);

/* d itself when it is a reception day, else the next one. */
lf_date lf_schedule_postpone(const lf_calendar *cal, lf_date d, lf_postpone how);

typedef enum lf_rule_kind {
	LF_RULE_MONTHLY = 0, /* day N of each month, postponed (seeds 000, 004) */
	LF_RULE_ROTATION     /* one slot every reception day (seeds 001, 002) */
} lf_rule_kind;

typedef struct lf_rule {
	lf_rule_kind kind;
	lf_date from, to;     /* the period, both days included */
	int day;              /* MONTHLY: the day of the month, 1..31; a month
	                       * shorter than that uses its last day */
	lf_postpone postpone;
	/* Leaders taken in this order, one per slot, starting at leaders[first]
	 * and starting again at leaders[0] after the last (seed 001: the 16th
	 * working day of April 2016 is the first leader's again). None: the
	 * template's leader on every slot. */
	const lf_leader *leaders;
	size_t nleaders, first;
	/* Contact persons, taken in their own order the same way (seed 004). */
	const char *const *contacts;
	size_t ncontacts, first_contact;
	lf_slot tmpl; /* times, department, location, kind, mode (and the
	               * leader and contact when the lists are empty) */
} lf_rule;

/* Append the rule's slots to out, in date order. MONTHLY: one slot for
 * each month whose day N lies in [from, to], on that day or postponed
 * (a postponed day may fall after to). ROTATION: one slot on every reception
 * day in [from, to]. Returns the number of slots added, or -1 when out of
 * memory or the rule is malformed (from after to, day outside 1..31). */
int lf_schedule_generate(lf_schedule *out, const lf_calendar *cal, const lf_rule *rule);

/* ---- checking ---- */

typedef enum lf_problem_kind {
	LF_PROBLEM_HOLIDAY = 0,   /* on an official public holiday */
	LF_PROBLEM_WEEKEND,       /* on a Saturday or Sunday that is not worked */
	LF_PROBLEM_MAKEUP_DAY,    /* on a make-up working day on a weekend, when
	                           * the office receives Monday–Friday only */
	LF_PROBLEM_DOUBLE_BOOKED, /* the leader has another slot that day */
	LF_PROBLEM_MISSING,       /* a roster leader has no slot in the period */
	LF_PROBLEM_NOT_COVERED    /* the calendar holds no arrangement for the
	                           * year: weekends alone were checked */
} lf_problem_kind;

typedef struct lf_problem {
	size_t slot;  /* index into the schedule; LF_NO_SLOT for MISSING */
	size_t other; /* DOUBLE_BOOKED: the earlier slot that day */
	lf_problem_kind kind;
	lf_date date; /* the slot's date; MISSING: the period's first day */
	char leader[LF_SLOT_NAME];
	char message[LF_SLOT_MSG]; /* translated, names date and leader; a
	                            * slot read from CSV begins "line N: " */
} lf_problem;

typedef struct lf_problems {
	lf_problem *items;
	size_t n, cap;
} lf_problems;

void lf_problems_init(lf_problems *p);
void lf_problems_free(lf_problems *p);

typedef struct lf_check_opts {
	lf_postpone receive;    /* WEEKDAY also flags make-up weekend days */
	const lf_leader *roster; /* leaders who must appear in [from, to] */
	size_t nroster;
	lf_date from, to;       /* all zero: the schedule's first to last date */
} lf_check_opts;

/* Check every slot of s; problems are appended to out in slot order, then
 * the missing leaders in roster order. opts may be NULL (official days, no
 * roster). Returns the number of problems found, or -1 out of memory. */
int lf_schedule_check(const lf_schedule *s, const lf_calendar *cal, const lf_check_opts *opts,
                      lf_problems *out);

/* ---- quotas ---- */

typedef enum lf_period {
	LF_PERIOD_WEEK = 0, /* Monday to Sunday */
	LF_PERIOD_MONTH,
	LF_PERIOD_QUARTER
} lf_period;

/* At least min reception days per period for every leader of a level
 * (seed 001: county 1 a month; town and department 1 a week. Seed 002:
 * deputy 1 a quarter). */
typedef struct lf_quota {
	const char *level;
	lf_period per;
	int min;
} lf_quota;

typedef struct lf_shortfall {
	lf_leader leader;
	lf_period per;
	lf_date start, end; /* the period, clipped to the checked range */
	int have, need;
	char message[LF_SLOT_MSG]; /* translated */
} lf_shortfall;

typedef struct lf_shortfalls {
	lf_shortfall *items;
	size_t n, cap;
} lf_shortfalls;

void lf_shortfalls_init(lf_shortfalls *r);
void lf_shortfalls_free(lf_shortfalls *r);

/* For each quota, each leader of roster with the quota's level, and each
 * period overlapping [from, to]: count the distinct official working days
 * in the period (clipped to [from, to]) on which the leader has a slot of
 * either kind; report it when below min. A period whose clipped part has
 * no official working day is not counted. roster NULL: the leaders found
 * in s. Appends in quota, leader, period order; returns the number
 * appended or -1 out of memory. */
int lf_schedule_quota(const lf_schedule *s, const lf_calendar *cal, const lf_quota *quotas,
                      size_t nquotas, const lf_leader *roster, size_t nroster, lf_date from,
                      lf_date to, lf_shortfalls *out);

/* ---- CSV ---- */

/* The header a schedule file starts with (any order of these columns). */
#define LF_SCHEDULE_CSV_HEADER \
	"date,start,end,leader,title,level,department,location,contact,kind,mode"

/* Read a schedule from UTF-8 CSV (RFC 4180, see csv.h): the header line,
 * then one slot a line. date as lf_date_parse; start and end HH:MM, both
 * or neither; leader required; kind and mode as lf_slot_kind_parse and
 * lf_slot_mode_parse (empty: reception, fixed). Blank lines are skipped.
 * Appends to out and returns the number of slots read, or -1 with err
 * holding "line N: what is wrong" (translated); on error nothing is
 * appended. */
int lf_schedule_read_csv(lf_schedule *out, const char *data, size_t len, char *err, size_t errlen);

#endif
