/* The audit log without its stored links (issue 16, db/037) and with its
 * rows packed (db/038): a log written before the migrations (each entry
 * holding prev_hash, its rows as JSON text) is upgraded, its hashes stay
 * valid as they are, and check still names an upgraded entry edited,
 * deleted or moved behind laifang's back, and a row changed there. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "schema_undo.h"

#include "laifang/store.h"
#include "laifang/store_audit.h"
#include "laifang/store_people.h"
#include "store_fixture.h"
#include "../../src/store/seal_internal.h"

typedef struct fixture {
	char dir[64];
	char db[128];
	lf_store *st;
	char admin[37];
	char problems[8192];
} fixture;

#define ZEROS "0000000000000000000000000000000000000000000000000000000000000000"

static lf_store *open_ok(const char *path)
{
	char msg[512] = "";
	lf_store *st = lf_store_open(path, NULL, msg, sizeof msg);
	if (!st)
		fail_msg("open: %s", msg);
	return st;
}

static int setup(void **state)
{
	fixture *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	if (sf_temp_db(t->dir, sizeof t->dir, t->db, sizeof t->db, "slim"))
		return -1;
	setenv("XDG_CONFIG_HOME", t->dir, 1);
	t->st = open_ok(t->db);
	*state = t;
	return 0;
}

SF_TEARDOWN(teardown)

static int check(fixture *t)
{
	return sf_check(t->st, t->problems, sizeof t->problems);
}

static void save(fixture *t, const char *name)
{
	lf_registration r = {
		.receptionist = "王芳", .received_on = "2026-11-23", .name = name, .sex = "男",
		.phone = "13812345678", .id_number = "440104198501011234", .address = "广州市越秀区府前路1号",
		.content = "反映拆迁补偿款未到位",
	};
	lf_saved_case c;
	if (lf_store_save_registration(t->st, &r, &c) != LF_STORE_OK)
		fail_msg("save: %s", lf_store_errmsg(t->st));
}

/* A log of 4 entries written by this laifang, taken back to schema 36 (each
 * entry with its prev_hash again, as the older laifang wrote it) and opened
 * again: the migration drops the column. */
static void upgraded(fixture *t)
{
	assert_int_equal(lf_store_user_add(t->st, "admin", "管理员", NULL, NULL, 1u << 5, "$argon2id$x", t->admin),
	                 LF_STORE_OK);
	lf_store_set_actor(t->st, t->admin, "admin");
	save(t, "张三");
	save(t, "李四");
	assert_int_equal(lf_store_setting_set(t->st, "lockout_failures", "5"), LF_STORE_OK);
	lf_store_close(t->st);
	t->st = NULL;
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
	assert_int_equal(schema_undo_to(db, 36), SQLITE_OK);
	sqlite3_close(db);
	/* The older file: every link there, the first one zeros. */
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM audit_log a WHERE a.prev_hash = CASE WHEN a.seq = 1 "
	                               "THEN '" ZEROS "' ELSE (SELECT p.hash FROM audit_log p WHERE p.seq = a.seq - 1) END",
	                        NULL, 0), 4);
	t->st = open_ok(t->db);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'prev_hash'",
	                        NULL, 0), 0);
}

typedef struct got {
	int n;
	char prev[8][65], hash[8][65];
} got;

static int collect(const lf_audit_entry *e, void *ud)
{
	got *g = ud;
	if (g->n < 8) {
		snprintf(g->prev[g->n], 65, "%s", e->prev_hash);
		snprintf(g->hash[g->n], 65, "%s", e->hash);
	}
	g->n++;
	return 0;
}

static int collect_rows(const lf_audit_entry *e, void *ud)
{
	snprintf(ud, 4096, "%s", e->rows ? e->rows : "");
	return 1;
}

static void test_upgraded_log_holds(void **state)
{
	fixture *t = *state;
	upgraded(t);
	assert_int_equal(check(t), 0);
	/* The audit screen still shows each entry's link: the hash before it. */
	assert_int_equal(lf_store_setting_set(t->st, "lockout_failures", "6"), LF_STORE_OK);
	char h4[80], h5[80];
	sf_raw(t->db, "SELECT hash FROM audit_log WHERE seq = 4", h4, sizeof h4);
	sf_raw(t->db, "SELECT hash FROM audit_head", h5, sizeof h5);
	lf_audit_filter f = {.limit = 100, .oldest_first = true};
	got g = {0};
	assert_int_equal(lf_store_audit_each(t->st, &f, collect, &g), LF_STORE_OK);
	assert_int_equal(g.n, 5);
	assert_string_equal(g.prev[0], ZEROS);
	assert_string_equal(g.prev[4], h4);
	assert_string_equal(g.hash[4], h5);
	for (int i = 1; i < 5; i++)
		assert_string_equal(g.prev[i], g.hash[i - 1]);
	assert_int_equal(check(t), 0);
}

static void test_upgraded_entry_edited(void **state)
{
	fixture *t = *state;
	upgraded(t);
	char was[512];
	sf_raw(t->db, "SELECT changes FROM audit_log WHERE seq = 2", was, sizeof was);
	sf_raw(t->db, "UPDATE audit_log SET changes = replace(changes, '张三', '张五') WHERE seq = 2", NULL, 0);
	assert_int_equal(check(t), 1);
	assert_string_equal(t->problems, "audit log: entry 2 has been altered (hash does not match)\n");
	/* Put back as it was, the chain holds again: nothing else was lost. */
	char sql[700];
	snprintf(sql, sizeof sql, "UPDATE audit_log SET changes = '%s' WHERE seq = 2", was);
	sf_raw(t->db, sql, NULL, 0);
	assert_int_equal(check(t), 0);
}

static void test_upgraded_entries_moved(void **state)
{
	fixture *t = *state;
	upgraded(t);
	/* The two registrations (entries 2 and 3) change places, each with its
	 * own hash. */
	sf_raw(t->db, "UPDATE audit_log SET seq = seq + 1000 WHERE seq IN (2, 3); "
	              "UPDATE audit_log SET seq = 3 WHERE seq = 1002; UPDATE audit_log SET seq = 2 WHERE seq = 1003",
	       NULL, 0);
	assert_true(check(t) >= 1);
	assert_non_null(strstr(t->problems, "audit log: entry 2 has been altered (hash does not match)\n"));
}

static void test_upgraded_entry_deleted(void **state)
{
	fixture *t = *state;
	upgraded(t);
	sf_raw(t->db, "DELETE FROM audit_log WHERE seq = 3", NULL, 0);
	assert_true(check(t) >= 1);
	assert_non_null(strstr(t->problems, "audit log: entry 3 is missing\n"));
}

/* A case's rows bear its number once per entry (the others "", db/037): a
 * row deleted behind laifang's back is still named by its case. */
static void test_deleted_row_named(void **state)
{
	fixture *t = *state;
	upgraded(t);
	save(t, "王五"); /* written by this laifang: 2026-000003 */
	char rows[4096], key[80];
	sf_raw(t->db, "SELECT laifang_rows_json(rows) FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)", rows, sizeof rows);
	assert_non_null(strstr(rows, "\"2026-000003\"]"));
	sf_raw(t->db, "SELECT id || '/0' FROM case_file WHERE case_no = '2026-000003'", key, sizeof key);
	char row[200];
	snprintf(row, sizeof row, "[\"case_visitor\",\"%s\",", key);
	assert_non_null(strstr(rows, row));
	assert_non_null(strstr(strstr(rows, row) + strlen(row), "\"\"]"));
	char sql[300];
	snprintf(sql, sizeof sql, "DELETE FROM case_visitor WHERE case_id || '/0' = '%s' AND position = 0", key);
	sf_raw(t->db, sql, NULL, 0);
	assert_true(check(t) >= 1);
	char want[300];
	snprintf(want, sizeof want, "case_visitor %s (2026-000003) was deleted outside laifang", key);
	assert_non_null(strstr(t->problems, want));
}

/* The upgraded entries' rows are packed (db/038) and read back as the
 * JSON text they were hashed as; the audit screen gets that text. */
static void test_upgraded_rows_packed(void **state)
{
	fixture *t = *state;
	upgraded(t);
	/* Entries 2 and 3 (the saves) wrote rows; all of them are packed. */
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM audit_log WHERE rows IS NOT NULL AND "
	                               "(typeof(rows) <> 'blob' OR hex(substr(rows, 1, 1)) <> '01' OR "
	                               "length(rows) >= length(laifang_rows_json(rows)))", NULL, 0), 0);
	assert_true(sf_raw(t->db, "SELECT count(*) FROM audit_log WHERE rows IS NOT NULL", NULL, 0) >= 2);
	char rows[4096];
	sf_raw(t->db, "SELECT laifang_rows_json(rows) FROM audit_log WHERE seq = 2", rows, sizeof rows);
	assert_memory_equal(rows, "[[\"case_clock\",\"1\",\"", 20);
	assert_non_null(strstr(rows, "\"2026-000001\"]"));
	lf_audit_filter f = {.limit = 1, .before_seq = 3, .with_rows = true};
	char first[4096] = "";
	assert_int_equal(lf_store_audit_each(t->st, &f, collect_rows, first), LF_STORE_OK);
	assert_string_equal(first, rows);
	/* Without with_rows (the audit screen) the rows are not unpacked. */
	f.with_rows = false;
	first[0] = 'x';
	assert_int_equal(lf_store_audit_each(t->st, &f, collect_rows, first), LF_STORE_OK);
	assert_string_equal(first, "");
	assert_int_equal(check(t), 0);
}

/* A packed entry changed behind laifang's back, its rows as well as its
 * bytes: the chain names it; put back, it holds again. */
static void test_upgraded_rows_edited(void **state)
{
	fixture *t = *state;
	upgraded(t);
	char was[4096], sql[4300];
	sf_raw(t->db, "SELECT hex(rows) FROM audit_log WHERE seq = 2", was, sizeof was);
	sf_raw(t->db, "UPDATE audit_log SET rows = laifang_rows_pack(replace(laifang_rows_json(rows), "
	              "'\"2026-000001\"', '\"2026-000009\"')) WHERE seq = 2", NULL, 0);
	assert_int_equal(sf_raw(t->db, "SELECT hex(substr(rows, 1, 1)) = '01' FROM audit_log WHERE seq = 2", NULL, 0), 1);
	assert_int_equal(check(t), 1);
	assert_string_equal(t->problems, "audit log: entry 2 has been altered (hash does not match)\n");
	/* One bit of a digest's bytes. */
	size_t n = strlen(was);
	snprintf(sql, sizeof sql, "UPDATE audit_log SET rows = X'%.*s%c%s' WHERE seq = 2", (int)(n - 2), was,
	         was[n - 2] == '0' ? '1' : '0', was + n - 1);
	sf_raw(t->db, sql, NULL, 0);
	assert_int_equal(check(t), 1);
	assert_string_equal(t->problems, "audit log: entry 2 has been altered (hash does not match)\n");
	/* Put back as it was, it holds again; then a row it wrote is changed. */
	snprintf(sql, sizeof sql, "UPDATE audit_log SET rows = X'%s' WHERE seq = 2", was);
	sf_raw(t->db, sql, NULL, 0);
	assert_int_equal(check(t), 0);
	sf_raw(t->db, "UPDATE case_file SET content = '已解决' WHERE case_no = '2026-000001'", NULL, 0);
	assert_true(check(t) >= 1);
	assert_non_null(strstr(t->problems, "case_file 2026-000001 was changed outside laifang: it no longer matches "
	                                    "audit entry 2, which wrote it last.\n"));
}

/* The packing gives its text back byte for byte, or is not used: a text
 * laifang would not have written is kept as it is. */
static void test_pack_round_trip(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"[[\"case_file\",\"12\",\"00ff10aa00ff10aa00ff10aa00ff10aa\",\"2026-000001\"],"
		"[\"case_file\",\"13\",null,\"\"],[\"case_visitor\",\"d8e51b2d-9425-4cb7-b31d-d204d7a7f55a/0\","
		"\"8315f930b16fd0d4a142bc7f2fd3c8cf\",\"\"],[\"visitor\",\"d8e51b2d-9425-4cb7-b31d-d204d7a7f55a\","
		"\"6dafedddcc196cb8b69f9b25e8d71324\"],[\"no_such_table\",\"a/b\",\"\",\"王五\"],"
		"[\"setting\",\"012\",\"ab\"],[\"setting\",\"D8E51B2D-9425-4CB7-B31D-D204D7A7F55A\",null]]",
		"[]",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		unsigned char *p = NULL;
		size_t n = 0;
		assert_true(seal_rows_pack(texts[i], &p, &n));
		assert_int_equal(p[0], 1);
		char *back = seal_rows_unpack(p, n);
		assert_string_equal(back, texts[i]);
		free(back);
		free(p);
	}
	/* Not as laifang writes it (a space, upper-case hex, a number): kept. */
	static const char *const kept[] = {
		"[[\"setting\", \"a\",null]]", "[[\"setting\",\"a\",\"ABCD\"]]", "[[\"setting\",1,null]]",
		"not json", "{\"a\":1}",
	};
	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
		unsigned char *p = NULL;
		size_t n = 0;
		assert_false(seal_rows_pack(kept[i], &p, &n));
		char *back = seal_rows_unpack(kept[i], strlen(kept[i]));
		assert_string_equal(back, kept[i]);
		free(back);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_upgraded_log_holds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgraded_entry_edited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgraded_entries_moved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgraded_entry_deleted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_row_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgraded_rows_packed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgraded_rows_edited, setup, teardown),
		cmocka_unit_test(test_pack_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
