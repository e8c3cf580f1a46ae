/* The planner's statistics after a bulk load (issue 16): an import of many
 * rows changes the tables' sizes more than the planner last saw, and the
 * next queries (the queues, search, the next import's lookups) are planned
 * on figures taken before it. SQLite's PRAGMA optimize at close only takes
 * them again when a table grew tenfold; this takes them for the tables a
 * registration writes, bounded so it stays cheap on a large office:
 * SQLite reads at most ANALYSIS_LIMIT rows of each index (analysis_limit),
 * PostgreSQL samples as ANALYZE always does. */
#include "store_internal.h"

#include <stdio.h>

#include "laifang/store.h"

#define ANALYSIS_LIMIT "10000"

static const char *const tables[] = {
	"case_file", "visitor", "case_visitor", "case_clock", "case_intake", "case_query_code",
	"search_key", "audit_log", "stats_case", "stats_visitor", NULL,
};

lf_store_err lf_store_analyze(lf_store *st)
{
	if (st->in_txn || !sql_get_autocommit(st->db))
		return LF_STORE_OK; /* a transaction's own writes: taken after it */
	bool lite = sql_dialect_of(st->db) == SQL_SQLITE;
	lf_store_err e = lite ? store_exec(st, "PRAGMA analysis_limit = " ANALYSIS_LIMIT) : LF_STORE_OK;
	for (const char *const *t = tables; *t && e == LF_STORE_OK; t++) {
		char sql[96];
		snprintf(sql, sizeof sql, "ANALYZE %s%s", lite ? "main." : "", *t);
		e = store_exec(st, sql);
	}
	if (lite) { /* the connection's default again (PRAGMA optimize at close) */
		lf_store_err r = store_exec(st, "PRAGMA analysis_limit = 0");
		if (e == LF_STORE_OK)
			e = r;
	}
	return e == LF_STORE_OK ? store_ok(st) : e;
}
