/* The seal's note of written rows on SQLite: a temporary table and, on
 * every sealed table, temporary triggers that note each written row's key
 * once per transaction (seal_rows.c reads the list; PostgreSQL's twin is
 * pg/seal_pg.c). */
#include "sqlite_driver.h"
#include "sqlite_internal.h"
#include "../seal_internal.h"

#include <stdio.h>

#include "laifang/i18n.h"

/* The statement a trigger runs to note one row: which (NEW or OLD) row's
 * key, once per transaction. Not INSERT OR IGNORE on a unique key: an
 * UPSERT's own conflict rule overrides a trigger's OR IGNORE. */
static void note_sql(char *out, size_t len, const seal_table *t, const char *which)
{
	char a[160], b[160];
	if (t->nkeys == 0)
		snprintf(a, sizeof a, "%s.rowid", which);
	else
		snprintf(a, sizeof a, "%s.\"%s\"", which, t->key[0]);
	if (t->nkeys == 2)
		snprintf(b, sizeof b, "%s.\"%s\"", which, t->key[1]);
	else
		snprintf(b, sizeof b, "''");
	snprintf(out, len,
	         "INSERT INTO lf_written (tbl, k1, k2) SELECT '%s', %s, %s WHERE NOT EXISTS "
	         "(SELECT 1 FROM lf_written WHERE tbl = '%s' AND k1 = %s AND k2 = %s);",
	         t->name, a, b, t->name, a, b);
}

lf_store_err store_sqlite_seal_tracking(lf_store *st)
{
	struct store_seal *sl = st->seal;
	lf_store_err e;
	/* The list lives for a transaction: in memory, not in a temp file with
	 * its own journal for every savepoint. */
	e = store_exec(st, "PRAGMA temp_store = MEMORY;"
	                   "CREATE TEMP TABLE IF NOT EXISTS lf_written (tbl TEXT NOT NULL, k1, k2);"
	                   "CREATE INDEX IF NOT EXISTS temp.lf_written_key ON lf_written (tbl, k1, k2)");
	if (e != LF_STORE_OK)
		return e;
	for (size_t i = 0; i < sl->n; i++) {
		const seal_table *t = &sl->t[i];
		char nk[1200], ok[1200];
		note_sql(nk, sizeof nk, t, "NEW");
		note_sql(ok, sizeof ok, t, "OLD");
		char *sql = sqlite3_mprintf(
			"CREATE TEMP TRIGGER IF NOT EXISTS \"lf_seal_%w_i\" AFTER INSERT ON \"%w\" BEGIN %s END;"
			"CREATE TEMP TRIGGER IF NOT EXISTS \"lf_seal_%w_u\" AFTER UPDATE ON \"%w\" BEGIN %s %s END;"
			"CREATE TEMP TRIGGER IF NOT EXISTS \"lf_seal_%w_d\" AFTER DELETE ON \"%w\" BEGIN %s END;",
			t->name, t->name, nk, t->name, t->name, ok, nk, t->name, t->name, ok);
		if (!sql)
			return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
		e = store_exec(st, sql);
		sqlite3_free(sql);
		if (e != LF_STORE_OK)
			return e;
	}
	return LF_STORE_OK;
}

/* laifang check's temporary tables grow with the office (a row for every
 * row written): in a file, with the page cache's bound, not in memory. A
 * store that tracks writes keeps temp_store = MEMORY, and changing it drops
 * every temporary object: the tracking stops for the check and starts
 * again after it (store_sqlite_check_temp_end). Inside a transaction the
 * setting cannot change and is left as it is. *was: the setting before. */
lf_store_err store_sqlite_check_temp_begin(lf_store *st, int *was)
{
	struct store_seal *sl = st->seal;
	sql_stmt *s = NULL;
	*was = -1;
	if (!sql_get_autocommit(st->db))
		return LF_STORE_OK;
	int rc = sql_prepare_v2(st->db, "PRAGMA temp_store", -1, &s, NULL);
	if (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		*was = sql_column_int(s, 0);
		rc = SQL_DONE;
	}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	if (*was != 2) { /* not MEMORY: nothing to change */
		*was = -1;
		return LF_STORE_OK;
	}
	if (sl) {
		sql_finalize(sl->pending);
		sql_finalize(sl->clear);
		sql_finalize(sl->any);
		sl->pending = sl->clear = sl->any = NULL;
	}
	return store_exec(st, "PRAGMA temp_store = FILE");
}

lf_store_err store_sqlite_check_temp_end(lf_store *st, int was)
{
	struct store_seal *sl = st->seal;
	if (was < 0)
		return LF_STORE_OK;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA temp_store = %d", was);
	lf_store_err e = store_exec(st, sql);
	if (e == LF_STORE_OK && sl && sl->tracking)
		e = seal_tracking_start(st);
	return e;
}
