/* The SQL functions of an audit entry's rows on SQLite (db/038): the
 * migration packs the JSON rows of the entries already written with
 * laifang_rows_pack (seal_pack.c, the same packing as every new entry's),
 * and laifang_rows_json gives the JSON text of a packed value back (to
 * read the log by hand, and for the tests' way back to schema 37).
 * Registered with the search functions, wherever migrations run. */
#include "sqlite_driver.h"
#include "sqlite_internal.h"
#include "../seal_internal.h"

#include <stdlib.h>
#include <string.h>

/* laifang_rows_pack(rows): NULL stays NULL; JSON text, packed when it comes
 * back byte for byte, else its bytes as they are; a blob as it is. */
static void rows_pack_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	int type = sqlite3_value_type(argv[0]);
	if (type == SQLITE_NULL) {
		sqlite3_result_null(cx);
		return;
	}
	if (type == SQLITE_BLOB) {
		sqlite3_result_value(cx, argv[0]);
		return;
	}
	const char *text = (const char *)sqlite3_value_text(argv[0]);
	int n = sqlite3_value_bytes(argv[0]);
	unsigned char *p = NULL;
	size_t len = 0;
	if (text && seal_rows_pack(text, &p, &len))
		sqlite3_result_blob(cx, p, (int)len, free);
	else
		sqlite3_result_blob(cx, text ? text : "", n, SQLITE_TRANSIENT);
}

/* laifang_rows_json(rows): the JSON text of the stored rows. */
static void rows_json_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	int type = sqlite3_value_type(argv[0]);
	if (type == SQLITE_NULL) {
		sqlite3_result_null(cx);
		return;
	}
	if (type != SQLITE_BLOB) {
		sqlite3_result_value(cx, argv[0]);
		return;
	}
	const void *v = sqlite3_value_blob(argv[0]);
	char *text = seal_rows_unpack(v ? v : "", (size_t)sqlite3_value_bytes(argv[0]));
	if (!text) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	sqlite3_result_text(cx, text, -1, free);
}

int store_rows_register(sqlite3 *db)
{
	int rc = sqlite3_create_function(db, "laifang_rows_pack", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
	                                 NULL, rows_pack_fn, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function(db, "laifang_rows_json", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
		                             NULL, rows_json_fn, NULL, NULL);
	return rc;
}
