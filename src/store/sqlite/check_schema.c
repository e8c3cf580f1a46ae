/* The file's schema is laifang's own. Whoever writes the file can also
 * write its schema: a trigger runs inside laifang's writes and is then
 * sealed as laifang's work, and a column's declared default decides which
 * values a row digest leaves out (seal_rows.c). So the schema is compared
 * with the one this laifang's migrations make, up to the file's version. */
#include "sqlite_driver.h"
#include "sqlite_internal.h"
#include "../check_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/embedded.h"
#include "laifang/i18n.h"
#include "../search_internal.h"

/* An in-memory database with the migrations up to version; NULL on error. */
static sql_db *pristine(int version)
{
	sql_db *db = NULL;
	if (sql_sqlite_open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &db) != SQL_OK ||
	    store_search_register(sql_sqlite_handle(db)) != SQL_OK) {
		sql_close(db);
		return NULL;
	}
	for (const struct lf_embedded *m = lf_migrations; m->name; m++)
		if (store_migration_number(m->name) <= version && sql_exec(db, m->text) != SQL_OK) {
			sql_close(db);
			return NULL;
		}
	return db;
}

static const char list_sql[] = "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                               "ORDER BY type, name";
static const char one_sql[] = "SELECT sql FROM sqlite_schema WHERE type = ?1 AND name = ?2";

/* 1: db has an object of that type and name with that sql (NULL = any);
 * 0: it has one with other sql; -1: none. */
static int lookup(sql_stmt *one, const char *type, const char *name, const char *sql)
{
	sql_reset(one);
	sql_bind_text(one, 1, type, -1, SQL_TRANSIENT);
	sql_bind_text(one, 2, name, -1, SQL_TRANSIENT);
	if (sql_step(one) != SQL_ROW)
		return -1;
	const char *have = (const char *)sql_column_text(one, 0);
	return !sql || !strcmp(have ? have : "", sql) ? 1 : 0;
}

bool check_schema(checker *k)
{
	int version = lf_store_schema_version(k->st);
	if (version < 0)
		return false;
	sql_db *ref = pristine(version);
	if (!ref) {
		store_fail_msg(k->st, LF_STORE_IO, _("Out of memory while checking the database."));
		return false;
	}
	sql_stmt *all = NULL, *ref_one = NULL, *file_one = check_prepare(k, one_sql);
	bool ok = file_one && sql_prepare_v2(ref, one_sql, -1, &ref_one, NULL) == SQL_OK;
	/* What the file has that laifang did not make, or made otherwise. */
	if (ok && (all = check_prepare(k, list_sql))) {
		while (sql_step(all) == SQL_ROW) {
			const char *type = check_text(all, 0), *name = check_text(all, 1);
			const char *sql = (const char *)sql_column_text(all, 2);
			int r = lookup(ref_one, type, name, sql);
			if (r < 0)
				check_problem(k, _("The database holds a %s named %s that laifang did not make (changed outside "
				                   "laifang; it would run or count with every write)."), type, name);
			else if (r == 0)
				check_problem(k, _("The definition of the %s %s was changed outside laifang."), type, name);
		}
		sql_finalize(all);
	} else
		ok = false;
	/* What laifang made that the file no longer has. */
	all = NULL;
	if (ok && sql_prepare_v2(ref, list_sql, -1, &all, NULL) == SQL_OK) {
		while (sql_step(all) == SQL_ROW)
			if (lookup(file_one, check_text(all, 0), check_text(all, 1), NULL) < 0)
				check_problem(k, _("The %s %s that laifang made is missing from the database (dropped outside "
				                   "laifang)."), check_text(all, 0), check_text(all, 1));
	}
	sql_finalize(all);
	sql_finalize(ref_one);
	sql_finalize(file_one);
	sql_close(ref);
	return ok;
}
