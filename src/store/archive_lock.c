/* Archived means locked (issue 11): after 归档 nothing about a case changes
 * but its annotations. Every store write that touches a case passes
 * store_case_gate before it writes; db/011_archive_lock.sql holds triggers
 * as the second line, for writes that do not come through here.
 * Gated: steps and every other event but an annotation (flow.c), signed
 * entries (sign.c), the category (stats.c), representatives and the
 * headcount (visit.c), the agency's answers and the co-agencies (agency.c),
 * and the reception-day log's links to the day's cases (reception_log.c,
 * store_case_gate_day below). Not a write to a case: registering a
 * returning visitor updates the visitor record, never an archived case's
 * own words (case_visitor). */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"

/* The word the triggers raise (db/011_archive_lock.sql). */
#define LOCK_WORD "laifang: the case is archived"

static lf_store_err locked(lf_store *st, const char *case_no)
{
	char m[sizeof st->msg];
	snprintf(m, sizeof m, _("case %s is archived: it can no longer change; only an annotation can be added"),
	         case_no);
	return store_fail_msg(st, LF_STORE_DENIED, m);
}

lf_store_err store_case_gate(lf_store *st, const char *case_key)
{
	sql_stmt *s = store_stmt(st, STMT_ARCHIVE_GATE,
	                             "SELECT case_no, status FROM case_file WHERE id = :key OR case_no = :key");
	if (!s)
		return st->err;
	char case_no[32] = "";
	bool archived = false;
	int rc = store_bind_text(s, ":key", case_key ? case_key : "");
	if (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		const char *no = (const char *)sql_column_text(s, 0);
		const char *status = (const char *)sql_column_text(s, 1);
		snprintf(case_no, sizeof case_no, "%s", no ? no : "");
		archived = status && !strcmp(status, "archived");
		rc = SQL_OK;
	} else if (rc == SQL_DONE) {
		rc = SQL_OK; /* no such case: the write itself says so */
	}
	store_done(s);
	if (rc != SQL_OK)
		return store_fail(st, rc);
	return archived ? locked(st, case_no) : LF_STORE_OK;
}

lf_store_err store_case_gate_day(lf_store *st, const char *log_id, const char *day)
{
	/* The cases the save would link now: those of the day not linked yet. */
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                            "SELECT c.id FROM case_file c WHERE c.received_on = ?2 AND NOT EXISTS (SELECT 1 "
	                            "FROM reception_log_case x WHERE x.log_id = ?1 AND x.case_id = c.id) ORDER BY c.case_no",
	                            -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, log_id ? log_id : "", -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 2, day ? day : "", -1, SQL_TRANSIENT);
	lf_store_err e = LF_STORE_OK;
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		char id[64];
		snprintf(id, sizeof id, "%s", (const char *)sql_column_text(s, 0));
		rc = SQL_OK;
		if ((e = store_case_gate(st, id)) != LF_STORE_OK)
			break;
	}
	sql_finalize(s);
	if (e != LF_STORE_OK)
		return e;
	return rc == SQL_DONE || rc == SQL_OK ? LF_STORE_OK : store_fail(st, rc);
}

lf_store_err lf_store_case_unlocked(lf_store *st, const char *case_key)
{
	lf_store_err e = store_case_gate(st, case_key);
	return e == LF_STORE_OK ? store_ok(st) : e;
}

bool store_is_archive_lock(lf_store *st)
{
	return st->db && strstr(sql_errmsg(st->db), LOCK_WORD) != NULL;
}

lf_store_err store_archive_lock_fail(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_DENIED,
	                      _("the case is archived: it can no longer change; only an annotation can be added"));
}
