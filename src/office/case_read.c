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
 * (clocks.h); the 办理情况 entry a report step signs with it is marked: the
 * first handling entry after the step, with its text and its signer (one
 * signed later, even in the same words, is not). */
typedef struct said_events {
	lf_event_fn fn;
	void *ud;
	char *report_text, *report_by; /* the report step waiting for its entry; NULL none */
} said_events;

static void forget_report(said_events *s)
{
	free(s->report_text);
	free(s->report_by);
	s->report_text = s->report_by = NULL;
}

static int say_event(const lf_event *e, void *ud)
{
	said_events *s = ud;
	if (e->kind && !strcmp(e->kind, "report") && e->text) {
		forget_report(s);
		s->report_text = strdup(e->text);
		s->report_by = strdup(e->by_name ? e->by_name : "");
	} else if (e->kind && !strcmp(e->kind, "handling")) {
		bool same = s->report_text && s->report_by && e->text && !strcmp(e->text, s->report_text) &&
		            !strcmp(e->by_name ? e->by_name : "", s->report_by);
		forget_report(s);
		if (same) {
			lf_event marked = *e;
			marked.repeats_report = true;
			return s->fn(&marked, s->ud);
		}
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
	said_events s = {fn, ud, NULL, NULL};
	lf_store_err e = lf_store_case_events(st, case_id, say_event, &s);
	forget_report(&s);
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
