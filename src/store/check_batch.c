/* The check's working tables filled many rows at a time (check_internal.h).
 * On PostgreSQL a statement per row was a round trip per row (and a
 * transaction each): a 10k office's check spent most of its minute there.
 * There the rows are gathered in COPY's text format and sent by
 * store_pg_copy once a megabyte is held; on SQLite, where a statement
 * costs no trip, one prepared INSERT still takes them row by row. */
#include "check_internal.h"
#include "pg/pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"

enum { FLUSH_AT = 1 << 20 };

static bool oom(check_batch *b)
{
	b->failed = true;
	store_fail_msg(b->k->st, LF_STORE_IO, _("Out of memory while checking the database."));
	return false;
}

bool check_batch_open(checker *k, check_batch *b, const char *table, const char *cols, int ncols)
{
	memset(b, 0, sizeof *b);
	b->k = k;
	b->ncols = ncols;
	char sql[512];
	if (sql_dialect_of(k->st->db) == SQL_POSTGRES) {
		snprintf(b->copy, sizeof b->copy, "COPY %s (%s) FROM STDIN", table, cols);
		return true;
	}
	int n = snprintf(sql, sizeof sql, "INSERT INTO %s (%s) VALUES (", table, cols);
	for (int i = 1; i <= ncols && n > 0 && (size_t)n < sizeof sql; i++)
		n += snprintf(sql + n, sizeof sql - (size_t)n, "%s?%d", i > 1 ? ", " : "", i);
	if (n > 0 && (size_t)n < sizeof sql)
		snprintf(sql + n, sizeof sql - (size_t)n, ")");
	b->ins = check_prepare(k, sql);
	return b->ins != NULL;
}

/* One field in COPY's text format (copy_text.c). */
static bool put_field(check_batch *b, const char *v, size_t n)
{
	b->col++;
	return copy_text_field(&b->rows, v, n) || oom(b);
}

static void bound(check_batch *b, int rc)
{
	if (rc != SQL_OK && !b->failed) {
		b->failed = true;
		store_fail(b->k->st, rc);
	}
}

void check_batch_text(check_batch *b, const char *v)
{
	if (b->failed)
		return;
	if (b->ins)
		bound(b, v ? sql_bind_text(b->ins, ++b->col, v, -1, SQL_TRANSIENT) : sql_bind_null(b->ins, ++b->col));
	else
		put_field(b, v, v ? strlen(v) : 0);
}

void check_batch_int(check_batch *b, long long v)
{
	if (b->failed)
		return;
	if (b->ins) {
		bound(b, sql_bind_int64(b->ins, ++b->col, v));
		return;
	}
	char t[32];
	put_field(b, t, (size_t)snprintf(t, sizeof t, "%lld", v));
}

void check_batch_column(check_batch *b, sql_stmt *s, int col)
{
	if (b->failed)
		return;
	if (b->ins) {
		bound(b, sql_bind_column(b->ins, ++b->col, s, col));
		return;
	}
	/* PostgreSQL's columns come as text (a boolean as 1 or 0) */
	const char *v = sql_column_type(s, col) == SQL_NULL ? NULL : (const char *)sql_column_text(s, col);
	put_field(b, v, v ? (size_t)sql_column_bytes(s, col) : 0);
}

static bool flush(check_batch *b)
{
	if (b->failed)
		return false;
	if (b->rows.len && store_pg_copy(b->k->st, b->copy, b->rows.buf, b->rows.len) != LF_STORE_OK) {
		b->failed = true;
		return false;
	}
	copy_text_clear(&b->rows);
	return true;
}

bool check_batch_row(check_batch *b)
{
	if (b->failed)
		return false;
	if (b->col != b->ncols) { /* not reached: the callers give every column */
		b->failed = true;
		store_fail_msg(b->k->st, LF_STORE_IO, "check: a row of the wrong width");
		return false;
	}
	b->col = 0;
	if (b->ins) {
		int rc = sql_step(b->ins);
		sql_reset(b->ins);
		sql_clear_bindings(b->ins);
		if (rc != SQL_DONE) {
			bound(b, rc);
			return false;
		}
		return true;
	}
	if (!copy_text_row_end(&b->rows))
		return oom(b);
	return b->rows.len < FLUSH_AT || flush(b);
}

bool check_batch_close(check_batch *b)
{
	bool ok = !b->failed && (b->ins || flush(b));
	sql_finalize(b->ins);
	copy_text_free(&b->rows);
	memset(b, 0, sizeof *b);
	return ok;
}
