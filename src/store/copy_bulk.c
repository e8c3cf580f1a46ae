/* db copy to a PostgreSQL destination (issue 16): a table's rows sent by
 * COPY ... FROM STDIN some megabytes at a time instead of an INSERT each
 * (a round trip per row made 100k cases take 39 minutes). The values go
 * as they are: text escaped for COPY's text format, numbers as digits,
 * and a destination column of type bytea (audit_log.rows since
 * db/pg/038) as \x and hex digits, whether the source holds a blob or
 * text. The destination's triggers are already off (copy_dest.c) and its
 * foreign keys are checked as with the INSERTs. */
#include "copy_internal.h"
#include "copy_text.h"
#include "store_internal.h"
#include "pg/pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"

enum { SEND_AT = 4 << 20 };

static lf_store_err oom(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
}

/* Which of the source statement's columns are bytea at the destination. */
static lf_store_err bytea_columns(lf_store *to, const char *table, sql_stmt *get, int n, bool *bytea)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(to->db,
	                        "SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
	                        "WHERE c.relnamespace = 'main'::regnamespace AND c.relname = ?1 AND a.attnum > 0 "
	                        "AND NOT a.attisdropped AND a.atttypid = 'bytea'::regtype",
	                        -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, table, -1, SQL_STATIC);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		rc = SQL_OK;
		const char *name = (const char *)sql_column_text(s, 0);
		for (int i = 0; name && i < n; i++)
			if (sql_column_name(get, i) && !strcmp(sql_column_name(get, i), name))
				bytea[i] = true;
	}
	sql_finalize(s);
	return rc == SQL_DONE ? LF_STORE_OK : store_fail(to, rc);
}

/* One value of the source's current row. A number from SQLite as the
 * INSERT bound it; from PostgreSQL its own text (a numeric keeps its
 * digits, a boolean comes as 1 or 0). */
static bool field(copy_text *t, sql_stmt *get, int i, bool bytea, bool from_pg)
{
	switch (sql_column_type(get, i)) {
	case SQL_NULL: return copy_text_field(t, NULL, 0);
	case SQL_INTEGER:
		if (!bytea && !from_pg)
			return copy_text_int(t, sql_column_int64(get, i));
		break;
	case SQL_FLOAT:
		if (!bytea && !from_pg)
			return copy_text_double(t, sql_column_double(get, i));
		break;
	default: break;
	}
	/* The length first: PostgreSQL's driver unescapes a bytea for each call. */
	int len = sql_column_bytes(get, i);
	const void *v = bytea || sql_column_type(get, i) == SQL_BLOB ? sql_column_blob(get, i)
	                                                             : (const void *)sql_column_text(get, i);
	if (!v)
		v = "";
	return bytea ? copy_text_bytea(t, v, (size_t)len) : copy_text_field(t, v, (size_t)len);
}

lf_store_err copy_bulk_table(lf_store *from, lf_store *to, const char *name, const char *cols, int n,
                             long long *rows)
{
	char sql[16384];
	snprintf(sql, sizeof sql, "SELECT %s FROM main.\"%s\"", cols, name);
	sql_stmt *get = NULL;
	int rc = sql_prepare_v2(from->db, sql, -1, &get, NULL);
	if (rc != SQL_OK)
		return store_fail(from, rc);
	bool *bytea = calloc((size_t)n, sizeof *bytea);
	if (!bytea) {
		sql_finalize(get);
		return oom(to);
	}
	snprintf(sql, sizeof sql, "COPY main.\"%s\" (%s) FROM STDIN", name, cols);
	copy_text t = {0};
	lf_store_err e = LF_STORE_OK;
	bool from_pg = sql_dialect_of(from->db) == SQL_POSTGRES;
	bool named = false; /* the columns' names are known from the first row on */
	while (e == LF_STORE_OK && (rc = sql_step(get)) == SQL_ROW) {
		if (!named && (e = bytea_columns(to, name, get, n, bytea)) != LF_STORE_OK)
			break;
		named = true;
		bool ok = true;
		for (int i = 0; i < n && ok; i++)
			ok = field(&t, get, i, bytea[i], from_pg);
		if (!ok || !copy_text_row_end(&t)) {
			e = oom(to);
			break;
		}
		(*rows)++;
		if (t.len >= SEND_AT) {
			e = store_pg_copy(to, sql, t.buf, t.len);
			copy_text_clear(&t);
		}
	}
	if (e == LF_STORE_OK && rc != SQL_DONE)
		e = store_fail(from, rc);
	if (e == LF_STORE_OK && t.len)
		e = store_pg_copy(to, sql, t.buf, t.len);
	copy_text_free(&t);
	free(bytea);
	sql_finalize(get);
	return e;
}
