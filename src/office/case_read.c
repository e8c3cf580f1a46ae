/* Reading a case for the faces (case_read.h). */
#include "laifang/case_read.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/clocks.h"

lf_store_err lf_case_read(lf_store *st, const char *case_no_or_id, lf_case *out)
{
	return lf_store_get_case(st, case_no_or_id, out);
}

lf_store_err lf_case_read_flow(lf_store *st, const char *case_id, lf_case_flow *out)
{
	return lf_store_case_flow(st, case_id, out);
}

/* The events as a face shows them: a clock's start carries its basis as
 * the store keeps it, a code, said here in the reader's language
 * (clocks.h); the 办理情况 entry a report step signs with it is marked.
 * The store lists a moment's steps before its entries, so each report
 * step waits for one entry of its text and signer; one signed later in
 * the same words, with no step of its own, is not marked. */
typedef struct report_step {
	char *text, *by;
} report_step;

typedef struct said_events {
	lf_event_fn fn;
	void *ud;
	report_step *waiting; /* report steps whose entry is not seen yet */
	size_t n, cap;
} said_events;

static void forget_reports(said_events *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->waiting[i].text);
		free(s->waiting[i].by);
	}
	free(s->waiting);
	s->waiting = NULL;
	s->n = s->cap = 0;
}

static void wait_for_entry(said_events *s, const lf_event *e)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 4;
		report_step *more = realloc(s->waiting, cap * sizeof *more);
		if (!more)
			return; /* its entry is listed too: nothing lost */
		s->waiting = more;
		s->cap = cap;
	}
	report_step r = {strdup(e->text), strdup(e->by_name ? e->by_name : "")};
	if (!r.text || !r.by) {
		free(r.text);
		free(r.by);
		return;
	}
	s->waiting[s->n++] = r;
}

/* True, and the step no longer waits, when e is the entry of a report step. */
static bool entry_of_step(said_events *s, const lf_event *e)
{
	for (size_t i = 0; e->text && i < s->n; i++)
		if (!strcmp(s->waiting[i].text, e->text) && !strcmp(s->waiting[i].by, e->by_name ? e->by_name : "")) {
			free(s->waiting[i].text);
			free(s->waiting[i].by);
			s->waiting[i] = s->waiting[--s->n];
			return true;
		}
	return false;
}

static int say_event(const lf_event *e, void *ud)
{
	said_events *s = ud;
	if (e->kind && !strcmp(e->kind, "report") && e->text) {
		wait_for_entry(s, e);
	} else if (e->kind && !strcmp(e->kind, "handling") && entry_of_step(s, e)) {
		lf_event marked = *e;
		marked.repeats_report = true;
		return s->fn(&marked, s->ud);
	}
	if (!e->kind || strcmp(e->kind, "clock_start") || !e->text)
		return s->fn(e, s->ud);
	/* What the clock said when it started: its rule and first due date.
	 * The row holds the clock as it is now (extended, paused...); those
	 * changes are events of their own, later on the timeline. */
	char words[1024], due[LF_DATE_LEN];
	lf_event said = *e;
	said.text = lf_clock_basis_say_start(e->text, words, sizeof words, due);
	if (due[0])
		said.due_on = due;
	return s->fn(&said, s->ud);
}

lf_store_err lf_case_read_events(lf_store *st, const char *case_id, lf_event_fn fn, void *ud)
{
	said_events s = {fn, ud, NULL, 0, 0};
	lf_store_err e = lf_store_case_events(st, case_id, say_event, &s);
	forget_reports(&s);
	/* Out of memory for the report's text: an entry may be listed twice,
	 * nothing lost. */
	return e;
}

lf_store_err lf_case_read_units(lf_store *st, const char *case_id, lf_case_unit_fn fn, void *ud)
{
	return lf_store_case_units(st, case_id, fn, ud);
}

lf_store_err lf_case_read_agency_answers(lf_store *st, const char *case_id, lf_agency_answer_fn fn, void *ud)
{
	return lf_store_agency_answers(st, case_id, fn, ud);
}

lf_store_err lf_case_read_received_on(lf_store *st, const char *date, lf_case_fn fn, void *ud)
{
	return lf_store_cases_on(st, date, fn, ud);
}

lf_store_err lf_case_read_log_days(lf_store *st, const char *case_id, lf_day_fn fn, void *ud)
{
	return lf_store_case_log_days(st, case_id, fn, ud);
}
