/* Whether another connection committed to the SQLite file: PRAGMA
 * data_version (src/store/watch.c asks). */
#include "sqlite_internal.h"

/* PRAGMA data_version: the same number until another connection commits. */
bool store_sqlite_data_version(lf_store *st, long long *out)
{
	sql_stmt *s = NULL;
	bool ok = sql_prepare_v2(st->db, "PRAGMA data_version", -1, &s, NULL) == SQL_OK && sql_step(s) == SQL_ROW;
	if (ok)
		*out = sql_column_int64(s, 0);
	sql_finalize(s);
	return ok;
}
