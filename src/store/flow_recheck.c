/* The checks made again inside an event's write (flow.c event_body): core
 * judged the step on the case as read before the write; another desk may
 * have acted since. SQLite's writes take turns (BEGIN IMMEDIATE), and on
 * PostgreSQL every write takes the store's advisory lock first, so what is
 * read here holds until the commit. */
#include "flow_internal.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/store_agency.h"

#define bind_text store_bind_text
#define done store_done

/* The number a one-row question of the case answers (its id bound). */
static lf_store_err case_number(lf_store *st, enum store_stmt_id id, const char *sql, const char *case_id,
                                long long *n)
{
	sql_stmt *s = store_stmt(st, id, sql);
	if (!s)
		return st->err;
	*n = 0;
	int rc = bind_text(s, ":id", case_id);
	if (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		*n = sql_column_int64(s, 0);
		rc = SQL_OK;
	}
	done(s);
	return rc == SQL_OK ? LF_STORE_OK : store_fail(st, rc);
}

/* A hearing begins only when none is open and ends only an open one: the
 * case's starts and ends counted inside the write (two desks beginning
 * one at once). */
static lf_store_err hearing_again(lf_store *st, const lf_event_in *ev, const flow_row *before)
{
	bool begin = !strcmp(ev->kind, "hearing_start");
	if (!begin && strcmp(ev->kind, "hearing_end"))
		return LF_STORE_OK;
	long long open = 0;
	lf_store_err e = case_number(st, STMT_HEARINGS_OPEN,
	                             "SELECT coalesce(sum(CASE kind WHEN 'hearing_start' THEN 1 WHEN 'hearing_end' "
	                             "THEN -1 ELSE 0 END), 0) FROM case_event WHERE case_id = :id",
	                             before->id, &open);
	if (e != LF_STORE_OK)
		return e;
	if (begin == (open <= 0))
		return LF_STORE_OK;
	char m[sizeof st->msg];
	snprintf(m, sizeof m,
	         begin ? _("A hearing of case %s was just begun at another desk; look again.")
	               : _("The hearing of case %s was just ended at another desk; look again."),
	         before->case_no);
	return store_fail_msg(st, LF_STORE_CONFLICT, m);
}

/* The outside agency's receipt (收到) is recorded once after its routing
 * (core read the timeline before the write; another desk may have recorded
 * it since). */
static lf_store_err receipt_again(lf_store *st, const lf_event_in *ev, const flow_row *before)
{
	if (strcmp(ev->kind, "agency_receipt"))
		return LF_STORE_OK;
	long long n = 0;
	lf_store_err e = case_number(st, STMT_RECEIPTS_SINCE_ROUTING,
	                             "SELECT count(*) FROM case_event r WHERE r.case_id = :id AND r.kind = "
	                             "'agency_receipt' AND r.seq > coalesce((SELECT max(t.seq) FROM case_event t "
	                             "WHERE t.case_id = :id AND t.kind IN ('transfer', 'assign')), 0)",
	                             before->id, &n);
	if (e != LF_STORE_OK)
		return e;
	if (n == 0)
		return LF_STORE_OK;
	char m[sizeof st->msg];
	snprintf(m, sizeof m, _("The agency's receipt of case %s was just recorded at another desk; look again."),
	         before->case_no);
	return store_fail_msg(st, LF_STORE_CONFLICT, m);
}

/* The archive gate with the facts other desks add to read afresh. */
static lf_store_err gate_again(lf_store *st, const flow_row *before, const lf_case_file_facts *seen)
{
	lf_case_file_facts now = *seen;
	lf_store_err e = lf_store_archive_facts(st, before->id, &now);
	if (e != LF_STORE_OK)
		return e;
	char missing[1024], m[sizeof st->msg];
	if (lf_archive_missing(&now, missing, sizeof missing) == 0)
		return LF_STORE_OK;
	snprintf(m, sizeof m, _("Case %s changed at another desk while it was being archived; the file is not complete:\n%s"),
	         before->case_no, missing);
	return store_fail_msg(st, LF_STORE_CONFLICT, m);
}

lf_store_err flow_recheck(lf_store *st, const lf_event_in *ev, const flow_row *before)
{
	lf_store_err e;
	if (!strcmp(ev->kind, "extend") && before->extended) {
		char m[sizeof st->msg];
		snprintf(m, sizeof m, _("Handling of case %s was just extended at another desk; it can be extended only once."),
		         before->case_no);
		return store_fail_msg(st, LF_STORE_CONFLICT, m);
	}
	if (ev->archive_gate && (e = gate_again(st, before, ev->archive_gate)) != LF_STORE_OK)
		return e;
	if (ev->expect_visit_state && strcmp(before->visit_state, ev->expect_visit_state)) {
		char m[sizeof st->msg];
		snprintf(m, sizeof m, _("The visitor of case %s was just moved on at another desk; look again."),
		         before->case_no);
		return store_fail_msg(st, LF_STORE_CONFLICT, m);
	}
	if ((e = hearing_again(st, ev, before)) != LF_STORE_OK || (e = receipt_again(st, ev, before)) != LF_STORE_OK)
		return e;
	if ((ev->expect_owner_id && strcmp(before->owner_id, ev->expect_owner_id)) ||
	    (ev->expect_leader_id && strcmp(before->leader_id, ev->expect_leader_id))) {
		char m[sizeof st->msg];
		snprintf(m, sizeof m,
		         ev->expect_owner_id ? _("Case %s was just given another owning leader at another desk; look again.")
		                             : _("Another leader was just asked to instruct on case %s at another desk; look "
		                                 "again."),
		         before->case_no);
		return store_fail_msg(st, LF_STORE_CONFLICT, m);
	}
	return LF_STORE_OK;
}
