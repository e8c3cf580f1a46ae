/* db copy (issue 14): an office's whole database into a new one through
 * the driver interface (to PostgreSQL by COPY, copy_bulk.c; issue 16),
 * in one transaction: every table of
 * facts and the audit log as they are (ids, hashes and the seal's database
 * id kept, so the copy verifies with the same office key), the search
 * index rebuilt, the identity sequences moved past the ids copied. Source
 * and destination may each be SQLite or PostgreSQL; what differs at the
 * destination (its triggers, its sequences) is in copy_dest.c. */
#include "copy_internal.h"
#include "store_internal.h"
#include "pg/pg_internal.h"
#include "search_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/store_copy.h"

#define MAX_TABLES 96
#define MAX_COLS 96

/* Rebuilt at the destination, or its own: not copied. */
static bool skipped(const char *t)
{
	static const char *const skip[] = {"case_search", "search_key", "laifang_version", NULL};
	for (const char *const *s = skip; *s; s++)
		if (!strcmp(*s, t))
			return true;
	return !strncmp(t, "sqlite_", 7) || strpbrk(t, "\"'") != NULL;
}

typedef struct table {
	char *name;
	char *parents[16]; /* tables it refers to */
	int nparents;
	bool placed;
} table;

static lf_store_err oom(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
}

/* The source's tables of facts with the tables each refers to. */
static lf_store_err list_tables(lf_store *st, table *t, int *n)
{
	bool pg = sql_dialect_of(st->db) == SQL_POSTGRES;
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                        pg ? store_pg_tables_sql
	                           : "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
	                             "ORDER BY name",
	                        -1, &s, NULL);
	*n = 0;
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		rc = SQL_OK;
		const char *name = (const char *)sql_column_text(s, 0);
		if (!name || skipped(name))
			continue;
		if (*n == MAX_TABLES || !(t[*n].name = strdup(name))) {
			sql_finalize(s);
			return oom(st);
		}
		(*n)++;
	}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	for (int i = 0; i < *n; i++) {
		rc = sql_prepare_v2(st->db,
		                    pg ? "SELECT DISTINCT f.relname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
		                         "JOIN pg_class f ON f.oid = k.confrelid WHERE k.contype = 'f' AND "
		                         "c.relnamespace = 'main'::regnamespace AND c.relname = ?1"
		                       : "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)",
		                    -1, &s, NULL);
		if (rc == SQL_OK)
			rc = sql_bind_text(s, 1, t[i].name, -1, SQL_STATIC);
		while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
			rc = SQL_OK;
			const char *p = (const char *)sql_column_text(s, 0);
			if (p && strcmp(p, t[i].name) && t[i].nparents < 16 && !(t[i].parents[t[i].nparents++] = strdup(p))) {
				sql_finalize(s);
				return oom(st);
			}
		}
		sql_finalize(s);
		if (rc != SQL_DONE)
			return store_fail(st, rc);
	}
	return LF_STORE_OK;
}

/* Parents before children; order[] holds indexes into t. */
static void order_tables(table *t, int n, int *order)
{
	int k = 0;
	for (int round = 0; round <= n && k < n; round++)
		for (int i = 0; i < n; i++) {
			if (t[i].placed)
				continue;
			bool ready = true;
			for (int p = 0; p < t[i].nparents && ready; p++)
				for (int j = 0; j < n; j++)
					if (!strcmp(t[j].name, t[i].parents[p]) && !t[j].placed)
						ready = false;
			if (ready || round == n) { /* a cycle: placed anyway, the insert says */
				t[i].placed = true;
				order[k++] = i;
			}
		}
}

/* A table's column names, quoted and comma-separated, and their count. */
static int columns(lf_store *st, const char *name, char *out, size_t len)
{
	bool pg = sql_dialect_of(st->db) == SQL_POSTGRES;
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, pg ? store_pg_columns_sql : "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
	                        -1, &s, NULL);
	int n = 0;
	size_t used = 0;
	out[0] = '\0';
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, name, -1, SQL_STATIC);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		rc = SQL_OK;
		const char *c = (const char *)sql_column_text(s, 0);
		if (!c || strchr(c, '"') || n == MAX_COLS)
			continue;
		int w = snprintf(out + used, len - used, "%s\"%s\"", n ? ", " : "", c);
		if (w < 0 || (size_t)w >= len - used) {
			rc = SQL_NOMEM;
			break;
		}
		used += (size_t)w;
		n++;
	}
	sql_finalize(s);
	return rc == SQL_DONE ? n : -1;
}

static lf_store_err copy_table(lf_store *from, lf_store *to, const char *name, long long *rows)
{
	char cols[8192], sql[16384];
	int n = columns(from, name, cols, sizeof cols);
	if (n <= 0)
		return n < 0 ? store_fail(from, sql_extended_errcode(from->db)) : LF_STORE_OK;
	if (sql_dialect_of(to->db) == SQL_POSTGRES) /* by COPY; SQLite's INSERT costs no round trip */
		return copy_bulk_table(from, to, name, cols, n, rows);
	sql_stmt *get = NULL, *put = NULL;
	snprintf(sql, sizeof sql, "SELECT %s FROM main.\"%s\"", cols, name);
	/* Streamed: a PostgreSQL source's table a batch at a time (sql.h). */
	int rc = sql_prepare_v3(from->db, sql, -1, SQL_PREPARE_STREAM, &get, NULL);
	if (rc != SQL_OK)
		return store_fail(from, rc);
	size_t used = (size_t)snprintf(sql, sizeof sql, "INSERT INTO main.\"%s\" (%s) VALUES (", name, cols);
	for (int i = 1; i <= n && used < sizeof sql - 16; i++)
		used += (size_t)snprintf(sql + used, sizeof sql - used, "%s?%d", i > 1 ? ", " : "", i);
	snprintf(sql + used, sizeof sql - used, ")");
	if ((rc = sql_prepare_v2(to->db, sql, -1, &put, NULL)) != SQL_OK) {
		sql_finalize(get);
		return store_fail(to, rc);
	}
	lf_store_err e = LF_STORE_OK;
	while ((rc = sql_step(get)) == SQL_ROW) {
		sql_reset(put);
		for (int i = 0; i < n && rc == SQL_ROW; i++)
			if (sql_bind_column(put, i + 1, get, i) != SQL_OK)
				rc = SQL_NOMEM;
		if (rc == SQL_ROW && (rc = sql_step(put)) != SQL_DONE) {
			e = store_fail(to, rc);
			break;
		}
		(*rows)++;
		rc = SQL_ROW;
	}
	if (e == LF_STORE_OK && rc != SQL_DONE)
		e = rc == SQL_NOMEM ? oom(to) : store_fail(from, rc);
	sql_finalize(get);
	sql_finalize(put);
	return e;
}

/* The destination holds no office yet (a new database: its migrations'
 * own rows only). */
static lf_store_err require_empty(lf_store *to)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(to->db,
	                        "SELECT (SELECT count(*) FROM main.audit_log) + (SELECT count(*) FROM main.case_file) + "
	                        "(SELECT count(*) FROM main.app_user) + (SELECT count(*) FROM main.audit_seal)",
	                        -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_step(s);
	long long n = rc == SQL_ROW ? sql_column_int64(s, 0) : -1;
	sql_finalize(s);
	if (n < 0)
		return store_fail(to, rc);
	if (n > 0) {
		char m[sizeof to->msg];
		snprintf(m, sizeof m, _("%s already holds an office; db copy writes only into a new database."), to->path);
		return store_fail_msg(to, LF_STORE_CONFLICT, m);
	}
	return LF_STORE_OK;
}

static lf_store_err rebuild_search(lf_store *to)
{
	if (sql_dialect_of(to->db) == SQL_POSTGRES)
		return store_pg_search_rebuild(to);
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(to->db, "SELECT id FROM main.case_file ORDER BY seq_id", -1, &s, NULL);
	lf_store_err e = LF_STORE_OK;
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		rc = SQL_OK;
		if ((e = store_search_index(to, (const char *)sql_column_text(s, 0))) != LF_STORE_OK)
			break;
	}
	sql_finalize(s);
	if (e == LF_STORE_OK && rc != SQL_DONE)
		e = store_fail(to, rc);
	return e;
}

lf_store_err lf_store_copy(lf_store *from, lf_store *to, long long *rows)
{
	*rows = 0;
	if (!to->bare)
		return store_fail_msg(to, LF_STORE_INVALID, _("db copy writes only into a new database."));
	if (lf_store_schema_version(from) != lf_store_schema_version(to))
		return store_fail_msg(to, LF_STORE_INVALID, _("The two databases are at different schema versions."));
	table t[MAX_TABLES] = {0};
	int n = 0, order[MAX_TABLES];
	const char *names[MAX_TABLES];
	copy_triggers saved = {0};
	lf_store_err e = list_tables(from, t, &n);
	if (e == LF_STORE_OK)
		order_tables(t, n, order);
	for (int i = 0; i < n; i++)
		names[i] = t[i].name;
	/* One snapshot of the source, one transaction at the destination. */
	if (e == LF_STORE_OK)
		e = store_exec(from, sql_dialect_of(from->db) == SQL_POSTGRES
		                         ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
		                         : "BEGIN");
	bool from_open = e == LF_STORE_OK;
	if (e == LF_STORE_OK && (e = copy_dest_begin(to)) == LF_STORE_OK && (e = require_empty(to)) == LF_STORE_OK)
		e = copy_dest_triggers_off(to, names, n, &saved);
	/* What the destination's migrations wrote is replaced by the source's. */
	for (int k = n - 1; e == LF_STORE_OK && k >= 0; k--) {
		char sql[256];
		snprintf(sql, sizeof sql, "DELETE FROM main.\"%s\"", t[order[k]].name);
		e = store_exec(to, sql);
	}
	for (int k = 0; e == LF_STORE_OK && k < n; k++)
		e = copy_table(from, to, t[order[k]].name, rows);
	if (e == LF_STORE_OK && (e = copy_dest_sequences(to)) == LF_STORE_OK && (e = rebuild_search(to)) == LF_STORE_OK &&
	    (e = copy_dest_triggers_on(to, names, n, &saved)) == LF_STORE_OK)
		e = store_exec(to, "COMMIT");
	copy_triggers_free(&saved);
	if (e != LF_STORE_OK && !sql_get_autocommit(to->db))
		sql_exec(to->db, "ROLLBACK");
	if (from_open)
		sql_exec(from->db, "COMMIT");
	for (int i = 0; i < n; i++) {
		free(t[i].name);
		for (int p = 0; p < t[i].nparents; p++)
			free(t[i].parents[p]);
	}
	if (e != LF_STORE_OK && from->err != LF_STORE_OK && to->err == LF_STORE_OK)
		store_fail_msg(to, from->err, from->msg); /* the source's failure, said by the destination */
	return e;
}

lf_store *lf_store_open_copy_target(const char *path, lf_store_err *err, char *msg, size_t msglen)
{
	return store_open(path, true, err, msg, msglen);
}
