/* The annual report's acts: events of a kind in a range of days, counted
 * on the index case_event_kind_at (db/031_annual.sql). */
#include "laifang/store_annual.h"

#include "store_internal.h"

#include <stdio.h>

#include "laifang/date.h"
#include "laifang/i18n.h"

lf_store_err lf_store_event_counts(lf_store *st, const char *from, const char *to, const char *const *kinds,
                                   size_t n, long *out)
{
	/* at is ISO 8601 with the office's offset ("2026-03-01T09:30:00+08:00"):
	 * the day after to as the upper bound, whole dates both, so the
	 * comparison is the same under any collation. */
	static const char sql[] = "SELECT count(*) FROM case_event WHERE kind = ?1 AND at >= ?2 AND at < ?3";
	lf_date last;
	char end[LF_DATE_LEN];
	for (size_t i = 0; i < n; i++)
		out[i] = 0;
	if (!from || !to || !lf_date_parse(to, &last))
		return store_fail_msg(st, LF_STORE_INVALID, _("The range of days is not two dates (YYYY-MM-DD)."));
	lf_date_format(lf_date_add(last, 1), end);
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	for (size_t i = 0; rc == SQL_OK && i < n; i++) {
		sql_reset(s);
		if ((rc = sql_bind_text(s, 1, kinds[i], -1, SQL_TRANSIENT)) != SQL_OK ||
		    (rc = sql_bind_text(s, 2, from, -1, SQL_TRANSIENT)) != SQL_OK ||
		    (rc = sql_bind_text(s, 3, end, -1, SQL_TRANSIENT)) != SQL_OK)
			break;
		if ((rc = sql_step(s)) != SQL_ROW)
			break;
		out[i] = (long)sql_column_int64(s, 0);
		rc = SQL_OK;
	}
	sql_finalize(s);
	return rc == SQL_OK ? store_ok(st) : store_fail(st, rc);
}
