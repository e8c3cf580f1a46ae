/* The cases due on or after a day (store_due.h): what a calendar import
 * may move. Rare (one import a year), so the statement is not cached. */
#include "store_internal.h"

#include "laifang/store_due.h"

lf_store_err lf_store_cases_due_from(lf_store *st, const char *from, lf_due_row_fn fn, void *ud)
{
	static const char sql[] =
		"SELECT id, case_no, received_on, status, due_on, coalesce(due_rule, '') FROM case_file "
		"WHERE due_on >= ?1 AND due_on <> '' AND status <> 'archived' ORDER BY due_on, case_no";
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(s, 1, from ? from : "", -1, SQLITE_STATIC);
	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			lf_due_row r = {
				.case_id = (const char *)sqlite3_column_text(s, 0),
				.case_no = (const char *)sqlite3_column_text(s, 1),
				.received_on = (const char *)sqlite3_column_text(s, 2),
				.status = (const char *)sqlite3_column_text(s, 3),
				.due_on = (const char *)sqlite3_column_text(s, 4),
				.due_rule = (const char *)sqlite3_column_text(s, 5),
			};
			if (fn(&r, ud)) {
				rc = SQLITE_DONE;
				break;
			}
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? store_ok(st) : store_fail(st, rc);
}
