/* The audit log covers the record (issue 10): each entry carries the
 * digests of the rows it wrote (recomputed here from their documented
 * form), check names a row changed behind laifang's back, a head kept
 * elsewhere (--expect), and an older unkeyed log verified and re-sealed at
 * its first open. The office key itself: test_seal_key.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "schema_undo.h"

#include "laifang/auth.h"
#include "laifang/store.h"
#include "laifang/store_audit.h"
#include "laifang/store_people.h"
#include "store_fixture.h"
#include "../../src/store/sqlite/sqlite_driver.h"
#include "../../src/store/store_internal.h" /* a write without an entry, below */

#include "seal_fixture.h"

/* ---- a row's digest, as seal_rows.c documents it ---------------------- */

static void tagged(crypto_hash_sha256_state *h, char tag, const void *v, size_t n)
{
	char len[40];
	snprintf(len, sizeof len, "%c%zu:", tag, n);
	crypto_hash_sha256_update(h, (const unsigned char *)len, strlen(len));
	if (n)
		crypto_hash_sha256_update(h, v, n);
}

/* The digest of the row of table selected by where, from the file. */
static void row_digest(const char *path, const char *table, const char *where, char out[65])
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	char sql[256];
	unsigned char d[32];
	crypto_hash_sha256_state h;
	assert_true(sodium_init() >= 0);
	snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE %s", table, where);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)"laifang row v1\n", 15);
	tagged(&h, 'S', table, strlen(table));
	for (int i = 0; i < sqlite3_column_count(s); i++) {
		int type = sqlite3_column_type(s, i);
		if (type == SQLITE_NULL)
			continue;
		const char *name = sqlite3_column_name(s, i);
		/* A column at its declared default is left out too. */
		sqlite3_stmt *dq = NULL, *dv = NULL;
		char dsql[256] = "";
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT dflt_value FROM pragma_table_info(?1) WHERE name = ?2", -1,
		                                    &dq, NULL), SQLITE_OK);
		sqlite3_bind_text(dq, 1, table, -1, SQLITE_STATIC);
		sqlite3_bind_text(dq, 2, name, -1, SQLITE_STATIC);
		if (sqlite3_step(dq) == SQLITE_ROW && sqlite3_column_text(dq, 0))
			snprintf(dsql, sizeof dsql, "SELECT %s", (const char *)sqlite3_column_text(dq, 0));
		sqlite3_finalize(dq);
		bool is_default = false;
		if (dsql[0] && sqlite3_prepare_v2(db, dsql, -1, &dv, NULL) == SQLITE_OK && sqlite3_step(dv) == SQLITE_ROW)
			is_default = sqlite3_column_type(dv, 0) == type &&
			             !strcmp((const char *)sqlite3_column_text(dv, 0), (const char *)sqlite3_column_text(s, i));
		sqlite3_finalize(dv);
		if (is_default)
			continue;
		tagged(&h, 'C', name, strlen(name));
		const unsigned char *v = sqlite3_column_text(s, i);
		tagged(&h, type == SQLITE_INTEGER ? 'I' : type == SQLITE_FLOAT ? 'R' : 'T', v,
		       (size_t)sqlite3_column_bytes(s, i));
	}
	crypto_hash_sha256_final(&h, d);
	sodium_bin2hex(out, 65, d, 16); /* the first 128 bits */
	sqlite3_finalize(s);
	sqlite3_close(db);
}

/* A save's entry names the case, its visitor link and the person, each with
 * the digest of the row as it is after the save. */
static void test_rows_digested(void **state)
{
	fixture *t = *state;
	lf_saved_case c;
	char rows[4096], want[65], needle[256];
	admin(t);
	save(t, "张三", "440104198501011234", &c);
	sf_raw(t->db, "SELECT laifang_rows_json(rows) FROM audit_log WHERE action = 'case.register'", rows, sizeof rows);
	row_digest(t->db, "case_file", "case_no = '2026-000001'", want);
	/* The case's number is written once in an entry; its other rows say
	 * "" (the name before: db/037, issue 16). case_clock comes first. */
	snprintf(needle, sizeof needle, "[\"case_file\",\"1\",\"%s\",\"\"]", want);
	assert_non_null(strstr(rows, needle));
	assert_non_null(strstr(rows, "[\"case_clock\","));
	assert_non_null(strstr(rows, "\"2026-000001\"]"));
	assert_null(strstr(strstr(rows, "\"2026-000001\"]") + strlen("\"2026-000001\"]"), "2026-000001"));
	row_digest(t->db, "case_visitor", "position = 0", want);
	snprintf(needle, sizeof needle, "[\"case_visitor\",\"%s/0\",\"%s\",\"\"]", c.case_id, want);
	assert_non_null(strstr(rows, needle));
	row_digest(t->db, "visitor", "1 = 1", want);
	assert_int_equal(strlen(want), 32);
	assert_non_null(strstr(rows, want));
	/* Derived rows are not digested: check recomputes them. */
	assert_null(strstr(rows, "\"search_key\""));
	assert_null(strstr(rows, "\"case_counter\""));
	assert_null(strstr(rows, "\"status_count\""));
	/* No ID number in the log. */
	assert_null(strstr(rows, "440104198501011234"));
	assert_int_equal(check(t), 0);

	/* A setting deleted by laifang is recorded as deleted, not as missing. */
	assert_int_equal(lf_store_setting_set(t->st, "idle_lock_seconds", "300"), LF_STORE_OK);
	sf_raw(t->db, "SELECT laifang_rows_json(rows) FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)", rows, sizeof rows);
	assert_non_null(strstr(rows, "[\"setting\",\"idle_lock_seconds\",\""));

	/* Behind laifang's back: the content, and the setting put back after
	 * a deletion nobody recorded. */
	sf_raw(t->db, "UPDATE case_file SET content = '已解决'", NULL, 0);
	assert_int_equal(check(t), 2); /* the row, and its search entry */
	long long seq = sf_raw(t->db, "SELECT seq FROM audit_log WHERE action = 'case.register'", NULL, 0);
	char line[256];
	snprintf(line, sizeof line,
	         "case_file 2026-000001 was changed outside laifang: it no longer matches audit entry %lld, which "
	         "wrote it last.\n", seq);
	assert_non_null(strstr(t->problems, line));
	assert_non_null(strstr(t->problems, "The search index's entry for case 2026-000001 does not match the case.\n"));
}

/* check keeps its working tables in a file, which stops the tracking of
 * written rows while it runs: the next save still records its rows, and a
 * row changed and one deleted behind laifang's back are both named. */
static void test_check_then_save(void **state)
{
	fixture *t = *state;
	char rows[4096];
	admin(t);
	save(t, "张三", "440104198501011234", NULL);
	assert_int_equal(check(t), 0);
	save(t, "李四", "440104198601011234", NULL);
	sf_raw(t->db, "SELECT laifang_rows_json(rows) FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log "
	              "WHERE action = 'case.register')", rows, sizeof rows);
	assert_non_null(strstr(rows, "[\"case_file\",\"2\","));
	assert_int_equal(check(t), 0);
	assert_int_equal(check(t), 0); /* twice in one session: the tables were left clean */
	sf_raw(t->db, "UPDATE visitor SET name = '王五' WHERE name = '李四'", NULL, 0);
	sf_raw(t->db, "DELETE FROM case_visitor WHERE case_id = (SELECT id FROM case_file WHERE number = 1)", NULL, 0);
	assert_true(check(t) >= 2);
	assert_non_null(strstr(t->problems, "was changed outside laifang: it no longer matches audit entry"));
	assert_non_null(strstr(t->problems, "case_visitor "));
	assert_non_null(strstr(t->problems, "(2026-000001) was deleted outside laifang (audit entry "));
}


/* The head kept outside: the newest entries deleted and the head moved
 * back pass the chain, not the head. */
static void test_expect_head(void **state)
{
	fixture *t = *state;
	long long seq;
	char hash[65];
	sf_problems problems = {t->problems, sizeof t->problems};
	admin(t);
	save(t, "张三", "440104198501011234", NULL);
	save(t, "李四", "440104198501011235", NULL);
	assert_int_equal(lf_store_audit_head(t->st, &seq, hash), LF_STORE_OK);
	assert_int_equal(seq, 3);
	t->problems[0] = '\0';
	assert_int_equal(lf_store_check_expect(t->st, seq, hash, sf_problem, &problems), 0);
	/* Cut the last case and its entry off, and move the head. */
	sf_raw(t->db, "PRAGMA foreign_keys = OFF;"
	           "DELETE FROM case_visitor WHERE case_id = (SELECT id FROM case_file WHERE number = 2);"
	           "DELETE FROM visitor WHERE name = '李四';"
	           "DELETE FROM search_key WHERE case_seq = 2;"
	           "DELETE FROM case_file WHERE number = 2;"
	           "UPDATE case_counter SET last_number = 1;"
	           "DELETE FROM audit_log WHERE seq = 3;"
	           "UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit_log WHERE seq = 2)",
	    NULL, 0);
	t->problems[0] = '\0';
	int n = lf_store_check_expect(t->st, seq, hash, sf_problem, &problems);
	assert_true(n >= 1);
	assert_non_null(strstr(t->problems, "audit log: entry 3, the head kept outside the database, is no longer in "
	                                    "the log (the newest entries were deleted)\n"));
	assert_null(strstr(t->problems, "audit log: entry 3 is missing"));
	/* Another hash for the same seq: rewritten. */
	t->problems[0] = '\0';
	assert_true(lf_store_check_expect(t->st, 2, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	                                  sf_problem, &problems) >= 1);
	assert_non_null(strstr(t->problems, "audit log: entry 2 no longer has the hash of the head kept outside"));
}

/* The unkeyed chain of schema 2..7, as older laifang wrote it. */
static void v1_field(crypto_hash_sha256_state *h, const char *v)
{
	char len[32];
	if (!v) {
		crypto_hash_sha256_update(h, (const unsigned char *)"N", 1);
		return;
	}
	snprintf(len, sizeof len, "S%zu:", strlen(v));
	crypto_hash_sha256_update(h, (const unsigned char *)len, strlen(len));
	crypto_hash_sha256_update(h, (const unsigned char *)v, strlen(v));
}

/* Turn the fixture's file back into a schema-7 one with a v1 chain. */
static void make_old(fixture *t)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL, *up = NULL;
	char prev[65] = "0000000000000000000000000000000000000000000000000000000000000000";
	lf_store_close(t->st);
	t->st = NULL;
	char path[4096];
	assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
	assert_int_equal(schema_undo_to(db, 7), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT seq, at, user_id, login, action, record, changes FROM audit_log "
	                                        "ORDER BY seq", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE seq = ?3", -1, &up,
	                                    NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		crypto_hash_sha256_state h;
		unsigned char d[32];
		char hex[65];
		crypto_hash_sha256_init(&h);
		crypto_hash_sha256_update(&h, (const unsigned char *)"laifang audit v1\n", 17);
		v1_field(&h, prev);
		for (int i = 0; i < 7; i++)
			v1_field(&h, (const char *)sqlite3_column_text(s, i));
		crypto_hash_sha256_final(&h, d);
		sodium_bin2hex(hex, sizeof hex, d, sizeof d);
		sqlite3_bind_text(up, 1, prev, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(up, 2, hex, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(up, 3, sqlite3_column_int64(s, 0));
		assert_int_equal(sqlite3_step(up), SQLITE_DONE);
		sqlite3_reset(up);
		memcpy(prev, hex, sizeof prev);
	}
	sqlite3_finalize(s);
	sqlite3_finalize(up);
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE audit_head SET hash = '%s'", prev);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	/* The old laifang had no key. */
	snprintf(path, sizeof path, "rm -rf '%s/laifang'", t->dir);
	assert_int_equal(system(path), 0);
}

static void test_reseal_old_log(void **state)
{
	fixture *t = *state;
	admin(t);
	save(t, "张三", "440104198501011234", NULL);
	make_old(t);
	t->st = open_ok(t->db);
	assert_int_equal(lf_store_seal_state(t->st, NULL, 0), LF_SEAL_OK);
	/* The two old entries re-sealed, then one entry recording the rows. */
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM audit_log", NULL, 0), 3);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM audit_log WHERE seq = 3 AND action = 'audit.seal' AND "
	                            "changes = '{\"old_chain\":\"ok\",\"entries\":2}' AND laifang_rows_json(rows) LIKE '%\"case_file\"%'",
	                     NULL, 0), 1);
	assert_int_equal(check(t), 0);
	/* Not a problem, but told: a seal deleted behind laifang's back with
	 * the unkeyed chain recomputed looks just like this. */
	assert_non_null(strstr(t->problems, "note: the audit log was sealed with an office key at entry 3 ("));
}

static void test_reseal_broken_log(void **state)
{
	fixture *t = *state;
	admin(t);
	save(t, "张三", "440104198501011234", NULL);
	make_old(t);
	/* The old log was changed before the new laifang came. */
	sf_raw(t->db, "UPDATE audit_log SET action = 'x' WHERE seq = 2", NULL, 0);
	t->st = open_ok(t->db);
	assert_int_equal(check(t), 1);
	assert_string_equal(t->problems, "audit log: when it was sealed with the office key (entry 3), the older chain "
	                                 "was already broken at entry 2\n");
}

/* Rows written after the last entry of a transaction get an entry of their
 * own at commit, so no write path goes unsealed. */
static void test_rows_after_last_entry(void **state)
{
	fixture *t = *state;
	char rows[1024];
	admin(t);
	long long before = sf_raw(t->db, "SELECT max(seq) FROM audit_log", NULL, 0);
	assert_int_equal(lf_store_begin(t->st), LF_STORE_OK);
	assert_int_equal(sqlite3_exec(sql_sqlite_handle(t->st->db), "INSERT INTO setting VALUES ('lockout_minutes', '30')", NULL, NULL,
	                              NULL), SQLITE_OK);
	assert_int_equal(lf_store_commit(t->st), LF_STORE_OK);
	assert_int_equal(sf_raw(t->db, "SELECT max(seq) FROM audit_log", NULL, 0), before + 1);
	sf_raw(t->db, "SELECT action || ' ' || laifang_rows_json(rows) FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)", rows,
	    sizeof rows);
	assert_memory_equal(rows, "audit.rows [[\"setting\",\"lockout_minutes\",\"", 40);
	assert_int_equal(check(t), 0);
	/* A rolled back write leaves nothing to seal. */
	assert_int_equal(lf_store_begin(t->st), LF_STORE_OK);
	assert_int_equal(sqlite3_exec(sql_sqlite_handle(t->st->db), "UPDATE setting SET value = '60'", NULL, NULL, NULL), SQLITE_OK);
	lf_store_rollback(t->st);
	assert_int_equal(lf_store_setting_set(t->st, "idle_lock_seconds", "300"), LF_STORE_OK);
	sf_raw(t->db, "SELECT laifang_rows_json(rows) FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)", rows, sizeof rows);
	assert_null(strstr(rows, "lockout_minutes"));
	assert_int_equal(check(t), 0);
}

/* A later migration that adds columns (NULL, or NOT NULL with a default)
 * leaves every older row's digest as it was; a value set back to its
 * column's default behind laifang's back is still found. */
static void test_new_columns(void **state)
{
	fixture *t = *state;
	admin(t);
	save(t, "张三", "440104198501011234", NULL);
	bool inactive = false;
	/* Another administrator first: the last one is never deactivated. */
	assert_int_equal(lf_store_user_add(t->st, "admin2", "二号管理员", NULL, NULL, LF_ROLE_ADMIN, "x", NULL),
	                 LF_STORE_OK);
	assert_int_equal(lf_store_user_update(t->st, t->admin, NULL, NULL, NULL, NULL, &inactive), LF_STORE_OK);
	lf_store_close(t->st);
	sf_raw(t->db, "ALTER TABLE case_file ADD COLUMN note TEXT;"
	           "ALTER TABLE case_file ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;"
	           "ALTER TABLE app_user ADD COLUMN theme TEXT NOT NULL DEFAULT 'plain'", NULL, 0);
	t->st = open_ok(t->db);
	/* Columns added behind laifang's back are a change of its schema
	 * (check_schema.c), but no row is named: their digests hold. */
	assert_int_equal(check(t), 2);
	assert_non_null(strstr(t->problems, "The definition of the table case_file was changed outside laifang."));
	assert_non_null(strstr(t->problems, "The definition of the table app_user was changed outside laifang."));
	assert_null(strstr(t->problems, "was changed outside laifang:"));
	/* active back to 1, its default: the entry knew it as 0. */
	sf_raw(t->db, "UPDATE app_user SET active = 1", NULL, 0);
	assert_int_equal(check(t), 3);
	assert_non_null(strstr(t->problems, "app_user admin was changed outside laifang"));
}

/* The schema is laifang's own: a planted trigger runs inside laifang's
 * writes (its changes would be sealed as laifang's), and a column's default
 * moved to a tampered value would hide that value from the row's digest. */
static void test_schema_tampered(void **state)
{
	fixture *t = *state;
	admin(t);
	save(t, "张三", "440104198501011234", NULL);
	assert_int_equal(check(t), 0);
	lf_store_close(t->st);
	sf_raw(t->db, "CREATE TRIGGER evil AFTER INSERT ON audit_log BEGIN UPDATE app_user SET roles = 63; END;"
	           "PRAGMA writable_schema = ON;"
	           "UPDATE sqlite_schema SET sql = replace(sql, 'headcount INTEGER NOT NULL DEFAULT 1', "
	           "'headcount INTEGER NOT NULL DEFAULT 50') WHERE name = 'case_file';"
	           "PRAGMA writable_schema = OFF;"
	           "UPDATE case_file SET headcount = 50;"
	           "DROP INDEX login_guard_window", NULL, 0);
	t->st = open_ok(t->db);
	/* ... and the statistics' counters of the headcounts (issue 16):
	 * person_times, groups and group_people of the day disagree. */
	assert_int_equal(check(t), 6);
	assert_non_null(strstr(t->problems, "The statistics counter person_times of 2026-11 says 1, but the cases "
	                                    "give 50."));
	assert_non_null(strstr(t->problems, "The database holds a trigger named evil that laifang did not make"));
	assert_non_null(strstr(t->problems, "The definition of the table case_file was changed outside laifang."));
	assert_non_null(strstr(t->problems, "The index login_guard_window that laifang made is missing"));
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rows_digested, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_then_save, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expect_head, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reseal_old_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reseal_broken_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows_after_last_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_tampered, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
