/* `laifang check` on PostgreSQL, where it differs from SQLite's
 * (src/store/check*.c, sqlite/check_schema.c): the schema against a pristine copy made by
 * laifang's own migrations, the references between rows (which a session
 * may switch off), and the search index recomputed from the cases. The
 * keyed log and every row's digest are checked by the same code on both. */
#include "pg_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../check_internal.h"
#include "../search_internal.h"
#include "laifang/embedded.h"
#include "laifang/i18n.h"

/* Every object of a schema with its definition, the schema's own name left
 * out of the text (the listing runs with search_path = main, so only the
 * pristine copy's names come qualified). */
#define OBJECTS(schema)                                                                                     \
	"SELECT 'table' AS type, c.relname AS name, (SELECT string_agg(a.attname || ' ' || "                  \
	"format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || "     \
	"coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') || CASE WHEN a.attidentity <> '' "     \
	"THEN ' identity' ELSE '' END, ', ' ORDER BY a.attnum) FROM pg_attribute a LEFT JOIN pg_attrdef d "  \
	"ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = c.oid AND a.attnum > 0 AND "   \
	"NOT a.attisdropped) AS def FROM pg_class c WHERE c.relnamespace = '" schema "'::regnamespace "       \
	"AND c.relkind IN ('r', 'p') "                                                                       \
	"UNION ALL SELECT CASE c.relkind WHEN 'i' THEN 'index' ELSE 'view' END, c.relname, "                  \
	"CASE c.relkind WHEN 'i' THEN pg_get_indexdef(c.oid) ELSE pg_get_viewdef(c.oid) END "                 \
	"FROM pg_class c WHERE c.relnamespace = '" schema "'::regnamespace AND c.relkind IN ('i', 'v', 'm') " \
	"UNION ALL SELECT 'constraint', c.relname || '.' || k.conname, pg_get_constraintdef(k.oid) "           \
	"FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE c.relnamespace = '" schema        \
	"'::regnamespace "                                                                                   \
	"UNION ALL SELECT 'trigger', c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid) "                  \
	"FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal "                   \
	"AND c.relnamespace = '" schema "'::regnamespace "                                                   \
	"UNION ALL SELECT 'function', p.proname, pg_get_functiondef(p.oid) "                                   \
	"FROM pg_proc p WHERE p.pronamespace = '" schema "'::regnamespace AND p.prokind = 'f' "               \
	"UNION ALL SELECT 'aggregate', p.proname, pg_get_function_identity_arguments(p.oid) || ' ' || "        \
	"a.aggtransfn::regproc::text || ' ' || a.aggtranstype::regtype::text FROM pg_aggregate a "           \
	"JOIN pg_proc p ON p.oid = a.aggfnoid WHERE p.pronamespace = '" schema "'::regnamespace"

static const char compare_sql[] =
	"WITH have AS (SELECT type, name, replace(def, 'main.', '') AS def FROM (" OBJECTS("main") ") o), "
	"want AS (SELECT type, name, replace(def, 'lf_pristine.', '') AS def FROM (" OBJECTS("lf_pristine") ") o) "
	"SELECT 0, h.type, h.name FROM have h LEFT JOIN want w ON w.type = h.type AND w.name = h.name "
	"WHERE w.name IS NULL "
	"UNION ALL SELECT 1, h.type, h.name FROM have h JOIN want w ON w.type = h.type AND w.name = h.name "
	"WHERE h.def IS DISTINCT FROM w.def "
	"UNION ALL SELECT 2, w.type, w.name FROM want w LEFT JOIN have h ON h.type = w.type AND h.name = w.name "
	"WHERE h.name IS NULL ORDER BY 1, 2, 3";

/* In a transaction rolled back at the end: the schema lf_pristine as
 * laifang's migrations (up to the database's version) and its seal make
 * it, compared object by object with main. */
bool check_schema_pg(checker *k)
{
	lf_store *st = k->st;
	int version = lf_store_schema_version(st);
	if (version < 0)
		return false;
	if (store_exec(st, "BEGIN; CREATE SCHEMA lf_pristine; SET LOCAL search_path = lf_pristine") != LF_STORE_OK)
		goto fail;
	for (const struct lf_embedded *m = lf_pg_migrations; m->name; m++)
		if (store_migration_number(m->name) <= version && sql_exec(st->db, m->text) != SQL_OK) {
			store_fail(st, sql_extended_errcode(st->db));
			goto fail;
		}
	if (store_exec(st, "CREATE TABLE lf_pristine.laifang_version (" STORE_PG_VERSION_COLUMNS ")") != LF_STORE_OK ||
	    store_pg_seal_ddl(st, "lf_pristine") != LF_STORE_OK ||
	    store_exec(st, "SET LOCAL search_path = main") != LF_STORE_OK)
		goto fail;
	sql_stmt *s = check_prepare(k, compare_sql);
	int rc;
	if (!s)
		goto fail;
	while ((rc = sql_step(s)) == SQL_ROW) {
		const char *type = check_text(s, 1), *name = check_text(s, 2);
		switch (sql_column_int(s, 0)) {
		case 0:
			check_problem(k, _("The database holds a %s named %s that laifang did not make (changed outside "
			                   "laifang; it would run or count with every write)."), type, name);
			break;
		case 1: check_problem(k, _("The definition of the %s %s was changed outside laifang."), type, name); break;
		default:
			check_problem(k, _("The %s %s that laifang made is missing from the database (dropped outside "
			                   "laifang)."), type, name);
		}
	}
	if (!check_finish(k, s, rc))
		goto fail;
	return store_exec(st, "ROLLBACK") == LF_STORE_OK;
fail:
	if (!sql_get_autocommit(st->db))
		sql_exec(st->db, "ROLLBACK");
	return false;
}

/* Every foreign key of main, checked row by row: PostgreSQL keeps them, but
 * a session may switch them off (session_replication_role = replica). */
bool check_references_pg(checker *k)
{
	static const char list_sql[] =
		"SELECT c.relname, f.relname, format('SELECT count(*) FROM main.%I c WHERE %s AND NOT EXISTS "
		"(SELECT 1 FROM main.%I p WHERE %s)', c.relname, "
		"(SELECT string_agg(format('c.%I IS NOT NULL', a.attname), ' AND ') FROM unnest(k.conkey) u(n) "
		"JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n), f.relname, "
		"(SELECT string_agg(format('p.%I = c.%I', pa.attname, ca.attname), ' AND ') "
		"FROM unnest(k.conkey, k.confkey) u(ck, fk) "
		"JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = u.ck "
		"JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = u.fk)) "
		"FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid "
		"WHERE k.contype = 'f' AND c.relnamespace = 'main'::regnamespace ORDER BY 1, 2";
	sql_stmt *s = check_prepare(k, list_sql);
	int rc;
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW) {
		sql_stmt *q = check_prepare(k, check_text(s, 2));
		if (!q) {
			sql_finalize(s);
			return false;
		}
		int qrc = sql_step(q);
		if (qrc == SQL_ROW && sql_column_int64(q, 0) > 0)
			check_problem(k, _("Rows of table %s that refer to rows of %s that do not exist: %lld."),
			              check_text(s, 0), check_text(s, 1), sql_column_int64(q, 0));
		if (!check_finish(k, q, qrc == SQL_ROW ? sql_step(q) : qrc)) {
			sql_finalize(s);
			return false;
		}
	}
	return check_finish(k, s, rc);
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Each case's search text as it should be: whether the stored name,
 * address and content are the case's (ok), and the case's tokens, into
 * the temporary table search_terms, to be compared with the stored terms
 * in one statement (a statement per case was a round trip per case). */
static bool want_terms(checker *k)
{
	if (store_exec(k->st, "CREATE TEMP TABLE IF NOT EXISTS search_terms (case_seq bigint, case_no text, ok boolean, "
	                      "t1 text, t2 text, t3 text); TRUNCATE search_terms") != LF_STORE_OK)
		return false;
	sql_stmt *s = check_prepare_stream(
		k, "SELECT c.case_no, c.seq_id, s.case_seq IS NULL, (SELECT string_agg(name, ' ' ORDER BY position) "
		   "FROM case_visitor WHERE case_id = c.id), (SELECT string_agg(address, ' ' ORDER BY position) FROM "
		   "case_visitor WHERE case_id = c.id AND address IS NOT NULL), c.content, s.name, s.address, s.content "
		   "FROM case_file c LEFT JOIN case_search s ON s.case_seq = c.seq_id");
	check_batch b;
	if (!s || !check_batch_open(k, &b, "search_terms", "case_seq, case_no, ok, t1, t2, t3", 6)) {
		sql_finalize(s);
		return false;
	}
	int rc;
	while ((rc = sql_step(s)) == SQL_ROW) {
		const char *want[3], *have[3];
		char *t[3] = {NULL, NULL, NULL};
		for (int i = 0; i < 3; i++) {
			want[i] = (const char *)sql_column_text(s, 3 + i);
			have[i] = (const char *)sql_column_text(s, 6 + i);
		}
		bool match = !sql_column_int(s, 2);
		for (int i = 0; i < 3 && match; i++)
			match = same(want[i], have[i]);
		bool tokens = true;
		for (int i = 0; i < 3 && match; i++)
			tokens = tokens && (t[i] = store_pg_tokens(want[i]));
		check_batch_column(&b, s, 1);
		check_batch_text(&b, check_text(s, 0));
		check_batch_text(&b, match ? "t" : "f");
		for (int i = 0; i < 3; i++)
			check_batch_text(&b, t[i]);
		for (int i = 0; i < 3; i++)
			free(t[i]);
		if (!tokens) {
			store_fail_msg(k->st, LF_STORE_IO, _("Out of memory while checking the database."));
			break;
		}
		if (!check_batch_row(&b))
			break;
	}
	bool ok = check_batch_close(&b) && rc == SQL_DONE;
	if (rc == SQL_DONE || rc == SQL_ROW)
		sql_finalize(s);
	else
		ok = check_finish(k, s, rc) && ok;
	return ok;
}

static bool check_search_text(checker *k)
{
	if (!want_terms(k))
		return false;
	sql_stmt *s = check_prepare(k, "SELECT w.case_no FROM search_terms w LEFT JOIN case_search s ON s.case_seq = "
	                               "w.case_seq WHERE NOT w.ok OR s.terms IS DISTINCT FROM (" STORE_PG_TERMS(
	                                       "w.t1", "w.t2", "w.t3") ") ORDER BY w.case_no");
	int rc;
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW)
		check_problem(k, _("The search index's entry for case %s does not match the case."), check_text(s, 0));
	bool ok = check_finish(k, s, rc);
	store_exec(k->st, "DROP TABLE IF EXISTS search_terms");
	return ok;
}

/* The number tails search_key should hold, in temporary table search_want. */
static bool want_keys(checker *k)
{
	if (store_exec(k->st, "CREATE TEMP TABLE IF NOT EXISTS search_want (key text, case_seq bigint); "
	                      "TRUNCATE search_want") != LF_STORE_OK)
		return false;
	sql_stmt *s = check_prepare_stream(k, "SELECT c.seq_id, 'i', CASE WHEN v.doc_type = '无证件' THEN NULL "
	                               "ELSE coalesce(v.doc_number, v.id_number) END FROM case_file c "
	                               "JOIN case_visitor cv ON cv.case_id = c.id JOIN visitor v ON v.id = cv.visitor_id "
	                               "UNION ALL SELECT c.seq_id, 'p', cv.phone FROM case_file c "
	                               "JOIN case_visitor cv ON cv.case_id = c.id "
	                               "UNION ALL SELECT c.seq_id, 'm', cv.phone_more FROM case_file c "
	                               "JOIN case_visitor cv ON cv.case_id = c.id WHERE cv.phone_more IS NOT NULL");
	check_batch ins;
	if (!s || !check_batch_open(k, &ins, "search_want", "key, case_seq", 2)) {
		sql_finalize(s);
		return false;
	}
	int rc;
	bool ok = true;
	while (ok && (rc = sql_step(s)) == SQL_ROW) {
		char key[STORE_SEARCH_KEY_LEN], nth[128];
		const char *kind = check_text(s, 1);
		const char *num = (const char *)sql_column_text(s, 2);
		bool more = kind[0] == 'm'; /* the further numbers, schema 23 */
		for (int n = 1; ok && n <= (more ? 4 : 1); n++) {
			const char *one = more ? (store_nth_phone(num, n, nth, sizeof nth) ? nth : NULL) : num;
			if (!store_search_key(more ? 'p' : kind[0], one, key))
				continue;
			check_batch_text(&ins, key);
			check_batch_column(&ins, s, 0);
			ok = check_batch_row(&ins);
		}
	}
	ok = check_batch_close(&ins) && ok;
	if (!ok) {
		sql_finalize(s);
		return false;
	}
	return check_finish(k, s, rc);
}

bool check_search_pg(checker *k)
{
	if (!check_search_text(k) || !want_keys(k))
		return false;
	sql_stmt *s = check_prepare(
		k, "SELECT c.case_no FROM case_file c WHERE c.seq_id IN (SELECT case_seq FROM (SELECT key, case_seq "
		   "FROM search_want EXCEPT SELECT key, case_seq FROM search_key) a UNION SELECT case_seq FROM "
		   "(SELECT key, case_seq FROM search_key EXCEPT SELECT key, case_seq FROM search_want) b) ORDER BY 1");
	int rc;
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW)
		check_problem(k, _("The search index's entry for case %s does not match the case."), check_text(s, 0));
	if (!check_finish(k, s, rc))
		return false;
	/* NOT EXISTS, not NOT IN: PostgreSQL hashes a NOT IN subquery only
	 * while it fits in work_mem, and else runs it once per row (at 1M cases
	 * a million scans of a million numbers: check did not end). */
	s = check_prepare(k, "SELECT s.case_seq FROM case_search s WHERE NOT EXISTS (SELECT 1 FROM case_file c "
	                     "WHERE c.seq_id = s.case_seq) UNION SELECT k.case_seq FROM search_key k WHERE NOT EXISTS "
	                     "(SELECT 1 FROM case_file c WHERE c.seq_id = k.case_seq) ORDER BY 1");
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW)
		check_problem(k, _("The search index holds an entry for a case that is not in the database (row %lld)."),
		              sql_column_int64(s, 0));
	bool ok = check_finish(k, s, rc);
	store_exec(k->st, "DROP TABLE IF EXISTS search_want");
	return ok;
}
