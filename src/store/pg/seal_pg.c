/* The seal's bookkeeping on PostgreSQL (src/store/seal_rows.c does
 * it on SQLite with temp triggers, which PostgreSQL does not have): one
 * trigger lf_seal on each sealed table, permanent, whose function notes the
 * key of each row written into the session's temporary table lf_written,
 * and does nothing in a session without one (psql, a copy), so a write
 * behind laifang's back is left for `laifang check` to find, as on SQLite.
 * The triggers are made again whenever the sealed tables and the triggers
 * differ (a migration added a table). The triggers that tell other desks
 * of a change (watch_pg.c) are made and checked with them. */
#include "pg_internal.h"

#include <stdio.h>
#include <stdlib.h>

const char store_pg_tables_sql[] =
	"SELECT tablename FROM pg_tables WHERE schemaname = 'main' ORDER BY tablename COLLATE \"C\"";

/* name, position in the primary key (0: none), default expression, columns. */
const char store_pg_columns_sql[] =
	"SELECT a.attname, coalesce((SELECT k.n FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) "
	"WHERE k.attnum = a.attnum), 0), "
	"pg_get_expr(d.adbin, d.adrelid), count(*) OVER () "
	"FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'main' "
	"LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary "
	"LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
	"WHERE c.relname = ?1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";

/* The function the triggers call, made in schema (main; the check's
 * pristine copy). */
static const char note_fn[] =
	"CREATE OR REPLACE FUNCTION %s.laifang_note_written() RETURNS trigger LANGUAGE plpgsql AS $$\n"
	"DECLARE r jsonb; v1 text; v2 text; pass int;\n"
	"BEGIN\n"
	"  IF to_regclass('pg_temp.lf_written') IS NULL THEN RETURN NULL; END IF;\n"
	"  FOR pass IN 1..2 LOOP\n"
	"    IF pass = 1 AND TG_OP <> 'INSERT' THEN r := to_jsonb(OLD);\n"
	"    ELSIF pass = 2 AND TG_OP <> 'DELETE' THEN r := to_jsonb(NEW);\n"
	"    ELSE CONTINUE; END IF;\n"
	"    v1 := r ->> TG_ARGV[0];\n"
	"    v2 := CASE WHEN TG_ARGV[1] = '' THEN '' ELSE r ->> TG_ARGV[1] END;\n"
	"    INSERT INTO pg_temp.lf_written (tbl, k1, k2) SELECT TG_TABLE_NAME, v1, v2 WHERE NOT EXISTS\n"
	"      (SELECT 1 FROM pg_temp.lf_written w WHERE w.tbl = TG_TABLE_NAME AND w.k1 = v1 AND w.k2 = v2);\n"
	"  END LOOP;\n"
	"  RETURN NULL;\n"
	"END $$";

/* SQLite's group_concat(text, separator), which the store's statements
 * use to list a case's visitors (in the order of the subquery they read). */
static const char group_concat[] =
	"CREATE OR REPLACE FUNCTION %s.laifang_concat_step(acc text, v text, sep text) RETURNS text "
	"LANGUAGE sql IMMUTABLE AS $$SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v "
	"ELSE acc || sep || v END$$;"
	"CREATE OR REPLACE AGGREGATE %s.group_concat(text, text) (SFUNC = %s.laifang_concat_step, STYPE = text)";

lf_store_err store_pg_seal_ddl(lf_store *st, const char *schema)
{
	const struct store_seal *sl = st->seal;
	char sql[2048];
	snprintf(sql, sizeof sql, group_concat, schema, schema, schema);
	lf_store_err e = store_exec(st, sql);
	snprintf(sql, sizeof sql, note_fn, schema);
	if (e == LF_STORE_OK)
		e = store_exec(st, sql);
	for (size_t i = 0; e == LF_STORE_OK && i < sl->n; i++) {
		const seal_table *t = &sl->t[i];
		if (t->nkeys < 1)
			return store_fail_msg(st, LF_STORE_IO, "a sealed table without a primary key");
		/* Names are laifang's own (no quote in them: seal_tables_load). */
		snprintf(sql, sizeof sql,
		         "CREATE TRIGGER lf_seal AFTER INSERT OR UPDATE OR DELETE ON %s.\"%s\" FOR EACH ROW "
		         "EXECUTE FUNCTION %s.laifang_note_written('%s', '%s')",
		         schema, t->name, schema, t->key[0], t->nkeys == 2 ? t->key[1] : "");
		e = store_exec(st, sql);
	}
	/* Issue 14: the notifications other desks refresh their lists by. */
	if (e == LF_STORE_OK)
		e = store_pg_watch_ddl(st, schema);
	return e;
}

/* Whether every sealed table has its trigger and no other table has one. */
static int triggers_current(lf_store *st)
{
	const struct store_seal *sl = st->seal;
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
	                        "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'main' "
	                        "WHERE t.tgname = 'lf_seal'",
	                        -1, &s, NULL);
	size_t found = 0;
	bool stray = false;
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		if (seal_table_find(sl, (const char *)sql_column_text(s, 0)))
			found++;
		else
			stray = true;
		rc = SQL_OK;
	}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return -1;
	if (found != sl->n || stray)
		return 0;
	rc = sql_prepare_v2(st->db, "SELECT to_regprocedure('main.group_concat(text, text)') IS NOT NULL", -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_step(s);
	int have = rc == SQL_ROW ? sql_column_int(s, 0) : -1;
	sql_finalize(s);
	return have > 0 ? store_pg_watch_current(st) : have;
}

static lf_store_err make_triggers(lf_store *st)
{
	lf_store_err e = store_pg_begin(st);
	if (e == LF_STORE_OK)
		e = store_exec(st, "DO $$DECLARE r record; BEGIN FOR r IN SELECT t.tgname, c.relname FROM pg_trigger t "
		                   "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
		                   "AND n.nspname = 'main' WHERE t.tgname IN ('lf_seal', 'lf_notify') LOOP "
		                   "EXECUTE format('DROP TRIGGER %I ON main.%I', r.tgname, r.relname); END LOOP; END$$");
	if (e == LF_STORE_OK)
		e = store_pg_seal_ddl(st, "main");
	if (e == LF_STORE_OK)
		e = store_exec(st, "COMMIT");
	if (e != LF_STORE_OK && !sql_get_autocommit(st->db))
		sql_exec(st->db, "ROLLBACK");
	return e;
}

lf_store_err store_pg_seal_tracking(lf_store *st)
{
	/* lf_written, where the triggers note rows, is a view of the current
	 * generation of lf_written_all. A write of its own deletes the rows it
	 * took, a batch's moves to the next generation (seal_rows.c): the rows
	 * a transaction deletes stay in the table until it ends, and every
	 * later write of an import read past all of them. The generation is a
	 * sequence (not rolled back: an undone write's rows are gone anyway);
	 * lf_written_now() stable, so the index finds the generation's rows. */
	lf_store_err e = store_exec(st, STORE_PG_WRITTEN_SQL);
	if (e != LF_STORE_OK)
		return e;
	int current = triggers_current(st);
	if (current < 0)
		return store_fail(st, sql_extended_errcode(st->db));
	return current ? LF_STORE_OK : make_triggers(st);
}
