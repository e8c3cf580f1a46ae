/* The audit entries' rows packed on PostgreSQL (issue 16, db/038): a log
 * written before the migration (its rows JSON text) is taken back to
 * schema 37 here and opened again: db/pg/038 packs each entry's rows in
 * SQL, laifang reads them back as the very JSON text their hash is over,
 * so the upgraded log checks, and an entry or a row changed behind
 * laifang's back is still named. LAIFANG_PG_URL names a database of a
 * throwaway cluster (tests/pg/unit.sh). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/store.h"
#include "laifang/store_audit.h"
#include "laifang/store_people.h"
#include "pg_fixture.h"

#define MAX_ENTRIES 64

typedef struct problems {
	char text[8192];
} problems;

static void problem(const char *line, void *ud)
{
	problems *p = ud;
	size_t n = strlen(p->text);
	snprintf(p->text + n, sizeof p->text - n, "%s\n", line);
}

static int check(lf_store *st, problems *p)
{
	p->text[0] = '\0';
	return lf_store_check(st, problem, p);
}

/* Run sql (one or more statements) on a connection of its own; the first
 * column of the last row as a number (-1 for none). */
static long long raw(const char *sql)
{
	sql_db *db = NULL;
	sql_stmt *s = NULL;
	long long v = -1;
	if (sql_pg_open(pg_url(), &db) != SQL_OK)
		fail_msg("connect: %s", db ? sql_errmsg(db) : "");
	if (strncmp(sql, "SELECT", 6)) {
		if (sql_exec(db, sql) != SQL_OK)
			fail_msg("%s: %s", sql, sql_errmsg(db));
	} else {
		if (sql_prepare_v2(db, sql, -1, &s, NULL) != SQL_OK)
			fail_msg("%s: %s", sql, sql_errmsg(db));
		while (sql_step(s) == SQL_ROW)
			v = sql_column_int64(s, 0);
		sql_finalize(s);
	}
	sql_close(db);
	return v;
}

typedef struct entries {
	int n;
	long long seq[MAX_ENTRIES];
	char *rows[MAX_ENTRIES];
} entries;

static int keep(const lf_audit_entry *e, void *ud)
{
	entries *g = ud;
	if (g->n < MAX_ENTRIES && e->rows) {
		g->seq[g->n] = e->seq;
		g->rows[g->n] = strdup(e->rows);
		g->n++;
	}
	return 0;
}

static void save(lf_store *st, const char *name)
{
	lf_registration r = {
		.receptionist = "王芳", .received_on = "2026-11-23", .name = name, .sex = "男",
		.phone = "13812345678", .id_number = "440104198501011234", .address = "广州市越秀区府前路1号",
		.content = "反映拆迁补偿款未到位",
	};
	lf_saved_case c;
	if (lf_store_save_registration(st, &r, &c) != LF_STORE_OK)
		fail_msg("save: %s", lf_store_errmsg(st));
}

static void test_upgraded_log(void **state)
{
	(void)state;
	lf_store *st = pg_open_store();
	char admin[37];
	problems p;
	assert_int_equal(lf_store_user_add(st, "admin", "管理员", NULL, NULL, 1u << 5, "$argon2id$x", admin), LF_STORE_OK);
	lf_store_set_actor(st, admin, "admin");
	save(st, "张三");
	save(st, "李四");
	assert_int_equal(lf_store_setting_set(st, "lockout_failures", "5"), LF_STORE_OK);
	/* Written by this laifang: packed already. */
	assert_int_equal(raw("SELECT count(*) FROM main.audit_log WHERE rows IS NOT NULL AND get_byte(rows, 0) <> 1"), 0);
	entries g = {0};
	lf_audit_filter f = {.limit = 100, .oldest_first = true, .with_rows = true};
	assert_int_equal(lf_store_audit_each(st, &f, keep, &g), LF_STORE_OK);
	assert_true(g.n >= 3);
	assert_int_equal(check(st, &p), 0);
	lf_store_close(st);

	/* Back to schema 37: the rows as the JSON text an older laifang wrote. */
	sql_db *db = NULL;
	if (sql_pg_open(pg_url(), &db) != SQL_OK || sql_exec(db, "ALTER TABLE main.audit_log ADD COLUMN text_rows text") != SQL_OK)
		fail_msg("undo: %s", db ? sql_errmsg(db) : "");
	for (int i = 0; i < g.n; i++) {
		sql_stmt *s = NULL;
		if (sql_prepare_v2(db, "UPDATE main.audit_log SET text_rows = ?1 WHERE seq = ?2", -1, &s, NULL) != SQL_OK ||
		    sql_bind_text(s, 1, g.rows[i], -1, SQL_TRANSIENT) != SQL_OK || sql_bind_int64(s, 2, g.seq[i]) != SQL_OK ||
		    sql_step(s) != SQL_DONE)
			fail_msg("undo: %s", sql_errmsg(db));
		sql_finalize(s);
	}
	if (sql_exec(db, "ALTER TABLE main.audit_log DROP COLUMN rows; "
	                 "ALTER TABLE main.audit_log RENAME COLUMN text_rows TO rows; "
	                 "UPDATE main.laifang_version SET version = 37") != SQL_OK)
		fail_msg("undo: %s", sql_errmsg(db));
	sql_close(db);
	assert_int_equal(raw("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'main' AND "
	                     "table_name = 'audit_log' AND column_name = 'rows' AND data_type = 'text'"), 1);

	/* Opened again: db/pg/038 packs every entry's rows, in SQL. */
	st = pg_open_store();
	assert_int_equal(raw("SELECT count(*) FROM main.audit_log WHERE rows IS NOT NULL AND get_byte(rows, 0) <> 1"), 0);
	assert_int_equal(raw("SELECT count(*) FROM main.audit_log WHERE rows IS NOT NULL"), g.n);
	entries again = {0};
	assert_int_equal(lf_store_audit_each(st, &f, keep, &again), LF_STORE_OK);
	assert_int_equal(again.n, g.n);
	for (int i = 0; i < g.n; i++)
		assert_string_equal(again.rows[i], g.rows[i]);
	assert_int_equal(check(st, &p), 0);

	/* One byte of an upgraded entry's rows changed: the chain names it. */
	long long seq = g.seq[1];
	char sql[300];
	snprintf(sql, sizeof sql, "UPDATE main.audit_log SET rows = set_byte(rows, octet_length(rows) - 2, "
	                          "get_byte(rows, octet_length(rows) - 2) # 1) WHERE seq = %lld", seq);
	raw(sql);
	assert_int_equal(check(st, &p), 1);
	char want[128];
	snprintf(want, sizeof want, "audit log: entry %lld has been altered (hash does not match)\n", seq);
	assert_string_equal(p.text, want);
	raw(sql); /* put back */
	assert_int_equal(check(st, &p), 0);

	/* A row an upgraded entry wrote, changed behind laifang's back. */
	raw("UPDATE main.case_file SET content = '已解决' WHERE case_no = '2026-000001'");
	assert_true(check(st, &p) >= 1);
	assert_non_null(strstr(p.text, "case_file 2026-000001 was changed outside laifang"));
	lf_store_close(st);
	for (int i = 0; i < g.n; i++) {
		free(g.rows[i]);
		free(again.rows[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_upgraded_log),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
