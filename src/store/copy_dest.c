/* db copy (issue 14): what differs between the two kinds of destination.
 * A copy writes rows as they are, so the destination's own triggers (the
 * archive lock, the append-only audit log, the statistics' counters) must
 * not act on them: PostgreSQL switches them off for the transaction;
 * SQLite cannot, so they are dropped and made again from their own text
 * inside the same transaction (SQLite's DDL is transactional: a failed
 * copy rolls the drops back too). Foreign keys are checked at COMMIT. */
#include "copy_internal.h"

#include "store_internal.h"
#include "pg/pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/paths.h"
#include "laifang/store_copy.h"

static bool pg(lf_store *st)
{
	return sql_dialect_of(st->db) == SQL_POSTGRES;
}

lf_store_err copy_dest_begin(lf_store *to)
{
	if (pg(to))
		return store_pg_begin(to);
	lf_store_err e = store_exec(to, "BEGIN IMMEDIATE");
	/* Children may arrive before a parent that refers back to them. */
	if (e == LF_STORE_OK)
		e = store_exec(to, "PRAGMA defer_foreign_keys = ON");
	return e;
}

static lf_store_err oom(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
}

/* SQLite: every trigger's text kept in *saved, then dropped. */
static lf_store_err lite_off(lf_store *to, copy_triggers *saved)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(to->db,
	                        "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL "
	                        "ORDER BY name",
	                        -1, &s, NULL);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		rc = SQL_OK;
		const char *name = (const char *)sql_column_text(s, 0), *text = (const char *)sql_column_text(s, 1);
		if (!name || strchr(name, '"'))
			continue;
		char **more = realloc(saved->name, (size_t)(saved->n + 1) * sizeof *more);
		if (more)
			saved->name = more;
		char **more_sql = more ? realloc(saved->sql, (size_t)(saved->n + 1) * sizeof *more_sql) : NULL;
		if (more_sql)
			saved->sql = more_sql;
		if (!more || !more_sql || !(saved->name[saved->n] = strdup(name))) {
			sql_finalize(s);
			return oom(to);
		}
		if (!(saved->sql[saved->n] = strdup(text))) {
			free(saved->name[saved->n]);
			sql_finalize(s);
			return oom(to);
		}
		saved->n++;
	}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(to, rc);
	for (int i = 0; i < saved->n; i++) {
		char sql[256];
		snprintf(sql, sizeof sql, "DROP TRIGGER main.\"%s\"", saved->name[i]);
		lf_store_err e = store_exec(to, sql);
		if (e != LF_STORE_OK)
			return e;
	}
	return LF_STORE_OK;
}

static lf_store_err pg_switch(lf_store *to, const char *const *tables, int n, bool on)
{
	for (int i = 0; i < n; i++) {
		char sql[256];
		snprintf(sql, sizeof sql, "ALTER TABLE main.\"%s\" %s TRIGGER USER", tables[i], on ? "ENABLE" : "DISABLE");
		lf_store_err e = store_exec(to, sql);
		if (e != LF_STORE_OK)
			return e;
	}
	return LF_STORE_OK;
}

lf_store_err copy_dest_triggers_off(lf_store *to, const char *const *tables, int n, copy_triggers *saved)
{
	memset(saved, 0, sizeof *saved);
	return pg(to) ? pg_switch(to, tables, n, false) : lite_off(to, saved);
}

lf_store_err copy_dest_triggers_on(lf_store *to, const char *const *tables, int n, const copy_triggers *saved)
{
	if (pg(to))
		return pg_switch(to, tables, n, true);
	for (int i = 0; i < saved->n; i++) {
		lf_store_err e = store_exec(to, saved->sql[i]);
		if (e != LF_STORE_OK)
			return e;
	}
	return LF_STORE_OK;
}

void copy_triggers_free(copy_triggers *saved)
{
	for (int i = 0; i < saved->n; i++) {
		free(saved->name[i]);
		free(saved->sql[i]);
	}
	free(saved->name);
	free(saved->sql);
	memset(saved, 0, sizeof *saved);
}

/* Identity columns continue after the largest id copied. SQLite moves its
 * own: an AUTOINCREMENT table's sqlite_sequence follows an id inserted
 * explicitly, and a plain INTEGER PRIMARY KEY takes max + 1. */
lf_store_err copy_dest_sequences(lf_store *to)
{
	if (!pg(to))
		return LF_STORE_OK;
	return store_exec(to, "DO $$DECLARE r record; BEGIN FOR r IN SELECT c.relname, a.attname FROM pg_attribute a "
	                      "JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = 'main'::regnamespace AND "
	                      "a.attidentity <> '' LOOP EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), "
	                      "coalesce((SELECT max(%I) FROM main.%I), 0) + 1, false)', 'main.' || quote_ident(r.relname), "
	                      "r.attname, r.attname, r.relname); END LOOP; END$$");
}

/* A SQLite destination that a failed copy leaves behind as it was made:
 * migrated, holding nothing. Removed with its journal files. */
void lf_store_copy_discard(const char *path)
{
	if (!path || lf_path_is_server_db(path))
		return;
	static const char *const tails[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
		size_t n = strlen(path) + strlen(tails[i]) + 1;
		char *p = malloc(n);
		if (!p)
			return;
		snprintf(p, n, "%s%s", path, tails[i]);
		remove(p);
		free(p);
	}
}
