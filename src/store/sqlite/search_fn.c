/* What SQLite needs to keep the search index (db/004_search.sql and the
 * store's writes use both): the bigram tokenizer and laifang_search_key as
 * an SQL function. PostgreSQL gets the same terms from C (pg/search_pg.c). */
#include "sqlite_driver.h"
#include "sqlite_internal.h"
#include "../search_internal.h"

/* laifang_search_key(kind, number): store_search_key as an SQL function;
 * NULL without digits. laifang_search_key(kind, numbers, n): the same for
 * the n-th (from 1) of numbers joined by "、" (phone_more, schema 23). */
static void search_key_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *kind = (const char *)sqlite3_value_text(argv[0]);
	const char *num = (const char *)sqlite3_value_text(argv[1]);
	char nth[128];
	if (argc == 3)
		num = num && store_nth_phone(num, sqlite3_value_int(argv[2]), nth, sizeof nth) ? nth : NULL;
	char out[STORE_SEARCH_KEY_LEN];
	int n = kind && num ? store_search_key(kind[0], num, out) : 0;
	if (n == 0)
		sqlite3_result_null(cx);
	else
		sqlite3_result_text(cx, out, n, SQLITE_TRANSIENT);
}

int store_search_register(sqlite3 *db)
{
	int rc = lf_bigram_register(db);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "laifang_search_key", 2,
		                             SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
		                             search_key_fn, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "laifang_search_key", 3,
		                             SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
		                             search_key_fn, NULL, NULL);
	/* The audit rows' functions of db/038 (rows_fn.c): wherever the
	 * migrations run, this is called before them. */
	if (rc == SQLITE_OK)
		rc = store_rows_register(db);
	return rc;
}
