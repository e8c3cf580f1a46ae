/* Reading a case for the faces (office module): the sheet, its flow, its
 * timeline, its units and an outside agency's answers. The store filters
 * every read by the reader core named at login (need to know, access.h),
 * so a case the person may not read is LF_STORE_NOTFOUND here as there. */
#ifndef LAIFANG_CASE_READ_H
#define LAIFANG_CASE_READ_H

#include "laifang/store.h"
#include "laifang/store_agency.h"
#include "laifang/store_flow.h"
#include "laifang/store_stats.h"

/* The case (number or id) as registered, with its signed entries. */
lf_store_err lf_case_read(lf_store *st, const char *case_no_or_id, lf_case *out);
/* Its place in the workflow: state, units, deadline, flags. */
lf_store_err lf_case_read_flow(lf_store *st, const char *case_id, lf_case_flow *out);
/* Its timeline, oldest first. */
lf_store_err lf_case_read_events(lf_store *st, const char *case_id, lf_event_fn fn, void *ud);
/* Its lead unit and co-agencies (会办单位). */
lf_store_err lf_case_read_units(lf_store *st, const char *case_id, lf_case_unit_fn fn, void *ud);
/* What an outside agency answered, as the office recorded it. */
lf_store_err lf_case_read_agency_answers(lf_store *st, const char *case_id, lf_agency_answer_fn fn, void *ud);
/* The days of the reception-day logs that list it (their photos and videos
 * belong to its whole file), oldest first. */
lf_store_err lf_case_read_log_days(lf_store *st, const char *case_id, lf_day_fn fn, void *ud);

/* The cases received on a date (YYYY-MM-DD), newest first: the home
 * screen and the reception-day log. */
lf_store_err lf_case_read_received_on(lf_store *st, const char *date, lf_case_fn fn, void *ud);

/* The home screen's cases of a date for u (case_home.c, issue 12): a
 * handler or unit head who neither receives visitors (clerk, leader) nor
 * reads every case sees only the cases routed to their unit (its lead unit
 * or a co-agency); anyone else every case of the date they may read. */
bool lf_home_unit_only(const lf_user *u);
lf_store_err lf_case_read_home(lf_store *st, const lf_user *u, const char *date, lf_case_fn fn, void *ud);
/* A page of them next to the case numbered from_case_no (NULL: from the
 * newest down, or the oldest up), as lf_store_cases_on_page pages: up to
 * limit cases, newest first down, nearest first up (issue 16: the home
 * screen holds only the rows near its view, whatever the day's count). */
lf_store_err lf_case_read_home_page(lf_store *st, const lf_user *u, const char *date, const char *from_case_no,
                                    bool up, int limit, lf_case_fn fn, void *ud);
/* How many of them, counted up to cap + 1 (the screen shows "10000+"). */
lf_store_err lf_case_count_home(lf_store *st, const lf_user *u, const char *date, long cap, long *n);

#endif
