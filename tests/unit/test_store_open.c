/* The SQLite store's file itself: a new database (its folder and modes),
 * one made by a newer laifang, migrations from the first schema, a
 * read-only file, and files that are not laifang's. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "laifang/embedded.h"
#include "test_clock.h"
#include "store_file_fixture.h"

/* lf_store_on_upgrading's calls: how many, the last one's numbers. */
static int upgrades, upgraded_from, upgraded_to;
static void count_upgrade(const char *path, int from, int to, void *ud)
{
	assert_non_null(path);
	assert_ptr_equal(ud, &upgrades);
	upgrades++;
	upgraded_from = from;
	upgraded_to = to;
}

static void test_open_creates(void **state)
{
	fixture *t = *state;
	mode_t old = umask(0); /* the modes must not depend on the umask */
	upgrades = 0;
	lf_store_on_upgrading(count_upgrade, &upgrades);
	t->st = open_ok(t->db);
	lf_store_on_upgrading(NULL, NULL);
	assert_int_equal(upgrades, 0); /* a new database is not upgraded */
	umask(old);
	struct stat sb;
	assert_int_equal(stat(t->db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char dir[200];
	snprintf(dir, sizeof dir, "%s/数据", t->dir);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);

	int latest = lf_store_schema_latest();
	assert_true(latest >= 1);
	assert_int_equal(lf_store_schema_version(t->st), latest);
	assert_int_equal(raw(t->db, "PRAGMA user_version"), latest);
	char buf[32];
	assert_string_equal(raw_text(t->db, "PRAGMA journal_mode", buf, sizeof buf), "wal");
	assert_int_equal(raw(t->db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
	                            "('visitor', 'case_file', 'case_visitor', 'case_counter', 'unit', 'app_user', "
	                            "'setting', 'audit_log', 'audit_head', 'case_entry')"), 10);
	/* Every table is STRICT. */
	assert_int_equal(raw(t->db, "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' "
	                            "AND type = 'table' AND name NOT LIKE 'sqlite_%' AND strict = 0"), 0);
	/* Once written, the WAL has the database's mode too. */
	lf_registration r = sheet("2026-11-23", "张三", "440104198501011234", "反映拆迁补偿款未到位");
	save_ok(t->st, r, "2026-000001", false);
	char wal[200];
	snprintf(wal, sizeof wal, "%s-wal", t->db);
	assert_int_equal(stat(wal, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);

	/* Opening again migrates nothing and keeps the data. */
	lf_store_close(t->st);
	t->st = open_ok(t->db);
	assert_int_equal(lf_store_schema_version(t->st), latest);
	assert_int_equal(raw(t->db, "SELECT count(*) FROM case_file"), 1);
}

static void test_too_new(void **state)
{
	fixture *t = *state;
	t->st = open_ok(t->db);
	lf_store_close(t->st);
	t->st = NULL;
	raw(t->db, "PRAGMA user_version = 999");
	char msg[512] = "";
	lf_store_err err = LF_STORE_OK;
	assert_null(lf_store_open(t->db, &err, msg, sizeof msg));
	assert_int_equal(err, LF_STORE_TOO_NEW);
	assert_non_null(strstr(msg, t->db));
	char want[128];
	snprintf(want, sizeof want, "newer laifang (schema 999; this laifang knows up to %d)",
	         lf_store_schema_latest());
	assert_non_null(strstr(msg, want));
	/* The file is left as it was. */
	assert_int_equal(raw(t->db, "PRAGMA user_version"), 999);
}

/* A file of schema 1 (the desk before logins) with a case in it moves to
 * the latest schema: its case is kept, the audit chain starts empty. */
static void test_migrate_from_1(void **state)
{
	fixture *t = *state;
	char dir[200];
	snprintf(dir, sizeof dir, "%s/数据", t->dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_string_equal(lf_migrations[0].name, "001_initial.sql");
	raw(t->db, lf_migrations[0].text);
	raw(t->db, "PRAGMA user_version = 1;"
	           "INSERT INTO visitor VALUES ('v1', '440104198501011234', '张三', '男', NULL, NULL, "
	           "'2026-11-20T09:00:00+08:00', '2026-11-20T09:00:00+08:00');"
	           "INSERT INTO case_file (id, case_no, year, number, received_on, created_at, content, is_repeat) "
	           "VALUES ('c1', '2026-000001', 2026, 1, '2026-11-20', '2026-11-20T09:00:00+08:00', '反映', 0);"
	           "INSERT INTO case_visitor VALUES ('c1', 'v1', 0, '张三', '男', NULL, NULL);"
	           "INSERT INTO case_counter VALUES (2026, 1)");
	/* The caller is told once, before the upgrade, from 1 to the latest. */
	upgrades = 0;
	lf_store_on_upgrading(count_upgrade, &upgrades);
	t->st = open_ok(t->db);
	assert_int_equal(upgrades, 1);
	assert_int_equal(upgraded_from, 1);
	assert_int_equal(upgraded_to, lf_store_schema_latest());
	lf_store_close(t->st);
	t->st = open_ok(t->db); /* up to date: nothing to tell */
	assert_int_equal(upgrades, 1);
	lf_store_on_upgrading(NULL, NULL);
	assert_int_equal(lf_store_schema_version(t->st), lf_store_schema_latest());
	assert_true(lf_store_schema_latest() >= 2);
	assert_int_equal(raw(t->db, "SELECT count(*) FROM case_file WHERE receptionist_id IS NULL"), 1);
	/* Sealed at the first open: one entry records the rows found. */
	assert_int_equal(raw(t->db, "SELECT count(*) FROM audit_log"), 1);
	assert_int_equal(raw(t->db, "SELECT count(*) FROM audit_log WHERE action = 'audit.seal' "
	                            "AND changes = '{\"old_chain\":\"ok\",\"entries\":0}' "
	                            "AND laifang_rows_json(rows) LIKE '%\"case_file\"%\"2026-000001\"%'"), 1);
	assert_int_equal(raw(t->db, "SELECT seq FROM audit_head"), 1);
	assert_int_equal(lf_store_check(t->st, NULL, NULL), 0);
	save_ok(t->st, sheet("2026-11-23", "张三", "440104198501011234", "再次反映"), "2026-000002", true);
	assert_int_equal(raw(t->db, "SELECT seq FROM audit_head"), 2);
	assert_int_equal(lf_store_check(t->st, NULL, NULL), 0);
}

/* The read-only half of test_readonly, without cmocka (it may run in a
 * child): 0, or the number of the step that failed (said on stderr). */
static int readonly_part(const char *db)
{
	char msg[512] = "";
	lf_store_err err = LF_STORE_IO;
	lf_store *st = lf_store_open(db, &err, msg, sizeof msg);
	if (!st) { /* reading still works */
		fprintf(stderr, "read-only open: %s\n", msg);
		return 1;
	}
	int rc = 0;
	lf_saved_case c;
	lf_registration r = sheet("2026-11-21", "欧阳晓明", "11010519491231002X", "工资拖欠");
	lf_store_err e = lf_store_save_registration(st, &r, &c);
	char m[512];
	snprintf(m, sizeof m, "%s", lf_store_errmsg(st)); /* the next read clears it */
	if (n_cases(st) != 1)
		rc = 2;
	else if (e != LF_STORE_READONLY)
		rc = 3;
	else if (!strstr(m, db) || !strstr(m, "is read-only"))
		rc = 4;
	if (rc)
		fprintf(stderr, "read-only save: step %d, error %d: %s\n", rc, (int)e, m);
	lf_store_close(st);
	return rc;
}

/* Root writes whatever a file's mode says: as root, the read-only half runs
 * in a child that became nobody (uid and gid 65534), the folder its own. */
static void test_readonly(void **state)
{
	fixture *t = *state;
	t->st = open_ok(t->db);
	save_ok(t->st, sheet("2026-11-20", "张三", "440104198501011234", "反映拆迁补偿款未到位"), "2026-000001", false);
	lf_store_close(t->st);
	t->st = NULL;
	assert_int_equal(chmod(t->db, 0400), 0);
	if (geteuid() != 0) {
		assert_int_equal(readonly_part(t->db), 0);
		return;
	}
	char cmd[256];
	snprintf(cmd, sizeof cmd, "chown -R 65534:65534 '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(sf_as_nobody(readonly_part, t->db), 0);
}

static void test_not_a_database(void **state)
{
	fixture *t = *state;
	char path[200], msg[512] = "";
	lf_store_err err = LF_STORE_OK;
	snprintf(path, sizeof path, "%s/来访登记.txt", t->dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 100; i++)
		fputs("这不是数据库，是一份来访登记的文字记录。\n", f);
	fclose(f);
	assert_null(lf_store_open(path, &err, msg, sizeof msg));
	assert_int_equal(err, LF_STORE_CORRUPT);
	assert_non_null(strstr(msg, path));
	assert_non_null(strstr(msg, "is not a laifang database or is damaged"));

	/* Another program's SQLite file is left alone. */
	snprintf(path, sizeof path, "%s/other.db", t->dir);
	raw(path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('备忘')");
	assert_null(lf_store_open(path, &err, msg, sizeof msg));
	assert_int_equal(err, LF_STORE_CORRUPT);
	assert_non_null(strstr(msg, "holds tables of another program"));
	assert_int_equal(raw(path, "SELECT count(*) FROM sqlite_schema"), 1);
	char mode[16];
	assert_string_equal(raw_text(path, "PRAGMA journal_mode", mode, sizeof mode), "delete");

	/* A folder that is a file: cannot open. */
	snprintf(path, sizeof path, "%s/来访登记.txt/laifang.db", t->dir);
	assert_null(lf_store_open(path, &err, msg, sizeof msg));
	assert_int_equal(err, LF_STORE_CANTOPEN);
	assert_non_null(strstr(msg, "Cannot open the database"));
	assert_null(lf_store_open(path, NULL, NULL, 0)); /* all outputs optional */
}

int main(void)
{
	test_clock_day("2026-11-23");
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_creates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_new, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_from_1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_database, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
