/* The office key of the audit log's seal (issue 10): kept outside the
 * database, one per database; missing, not a key (a FIFO named by the
 * setting) or unreadable by this user, nothing is written and check says
 * which; import takes back only this database's key. */
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

#include "seal_fixture.h"

/* The key is outside the database; without it nothing is written and check
 * fails; import takes back only the key that seals this log. */
static void test_key_missing(void **state)
{
	fixture *t = *state;
	char path[4096], moved[4200], wrong[200];
	struct stat sb;
	admin(t);
	save(t, "张三", "440104198501011234", NULL);
	key_path(t, path, sizeof path);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_non_null(strstr(path, t->dir)); /* under $XDG_CONFIG_HOME/laifang */
	lf_store_close(t->st);
	snprintf(moved, sizeof moved, "%s/moved.key", t->dir);
	assert_int_equal(rename(path, moved), 0);

	t->st = open_ok(t->db); /* the desk still opens */
	assert_int_equal(lf_store_seal_state(t->st, NULL, 0), LF_SEAL_NO_KEY);
	lf_store_set_actor(t->st, t->admin, "admin");
	long long before = sf_raw(t->db, "SELECT count(*) FROM audit_log", NULL, 0);
	assert_int_equal(lf_store_setting_set(t->st, "idle_lock_seconds", "300"), LF_STORE_DENIED);
	assert_non_null(strstr(lf_store_errmsg(t->st), "office key of this database is missing"));
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM audit_log", NULL, 0), before);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM setting", NULL, 0), 0);
	assert_int_equal(check(t), 1);
	assert_non_null(strstr(t->problems, "audit log: the office key of this database is missing"));

	/* Another key is refused. */
	snprintf(wrong, sizeof wrong, "%s/wrong.key", t->dir);
	FILE *f = fopen(wrong, "w");
	assert_non_null(f);
	fprintf(f, "%064d\n", 7);
	fclose(f);
	assert_int_equal(lf_store_key_import(t->st, wrong), LF_STORE_DENIED);
	assert_int_not_equal(access(path, F_OK), 0);
	/* The right one comes back, 0600, and the log checks again. */
	assert_int_equal(lf_store_key_import(t->st, moved), LF_STORE_OK);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(lf_store_seal_state(t->st, NULL, 0), LF_SEAL_OK);
	assert_int_equal(check(t), 0);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM audit_log WHERE action = 'key.import'", NULL, 0), 1);
	/* Export writes only a new file. */
	assert_int_equal(lf_store_key_export(t->st, moved), LF_STORE_CONFLICT);
	char out[4200];
	snprintf(out, sizeof out, "%s/export.key", t->dir);
	assert_int_equal(lf_store_key_export(t->st, out), LF_STORE_OK);
	assert_int_equal(stat(out, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* A planted symlink is not followed. */
	char link[4200];
	snprintf(link, sizeof link, "%s/link.key", t->dir);
	assert_int_equal(symlink(wrong, link), 0);
	assert_int_not_equal(lf_store_key_export(t->st, link), LF_STORE_OK);
}

/* Two databases, two keys. */
static void test_one_key_per_database(void **state)
{
	fixture *t = *state;
	char other[160], a[4096], b[4096];
	snprintf(other, sizeof other, "%s/other.db", t->dir);
	lf_store *st2 = open_ok(other);
	key_path(t, a, sizeof a);
	lf_store_seal_state(st2, b, sizeof b);
	assert_string_not_equal(a, b);
	assert_int_equal(access(a, R_OK), 0);
	assert_int_equal(access(b, R_OK), 0);
	lf_store_close(st2);
}

/* A FIFO named by audit_key_file (written into the file with sqlite3)
 * does not hang every laifang at open: it is not a key file. */
static void test_key_fifo(void **state)
{
	fixture *t = *state;
	char fifo[160], sql[256];
	admin(t);
	lf_store_close(t->st);
	snprintf(fifo, sizeof fifo, "%s/key.fifo", t->dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	snprintf(sql, sizeof sql, "INSERT INTO setting (key, value) VALUES ('audit_key_file', '%s')", fifo);
	sf_raw(t->db, sql, NULL, 0);
	alarm(10); /* a hang fails the test instead of stalling the suite */
	t->st = open_ok(t->db);
	alarm(0);
	assert_int_equal(lf_store_seal_state(t->st, NULL, 0), LF_SEAL_BAD_KEY);
}

/* A key file this user may not read is said to be unreadable, with the
 * system's reason, not "not a key file" (as root: in a child that became
 * nobody, the key left root's own). 0, or the step that failed. */
static char key_copy[1024]; /* the right key, readable: imported over the unreadable one */

static int unreadable_part(const char *db)
{
	char msg[512] = "";
	lf_store_err err = LF_STORE_IO;
	lf_store *st = lf_store_open(db, &err, msg, sizeof msg);
	if (!st) {
		fprintf(stderr, "open: %s\n", msg);
		return 1;
	}
	int rc = 0;
	if (lf_store_seal_state(st, NULL, 0) != LF_SEAL_KEY_UNREADABLE)
		rc = 2;
	else if (lf_store_setting_set(st, "idle_lock_seconds", "300") != LF_STORE_DENIED)
		rc = 3;
	else if (!strstr(lf_store_errmsg(st), "cannot be read (Permission denied)"))
		rc = 4;
	/* Importing the right key over it: the file there is said to be
	 * unreadable, not "not this database's key". */
	else if (lf_store_key_import(st, key_copy) == LF_STORE_OK)
		rc = 5;
	else if (!strstr(lf_store_errmsg(st), "cannot be read (Permission denied)"))
		rc = 6;
	if (rc)
		fprintf(stderr, "unreadable key: step %d: %s\n", rc, lf_store_errmsg(st));
	lf_store_close(st);
	return rc;
}

static void test_key_unreadable(void **state)
{
	fixture *t = *state;
	char path[1024], cmd[4096];
	admin(t);
	key_path(t, path, sizeof path);
	lf_store_close(t->st);
	t->st = NULL;
	snprintf(key_copy, sizeof key_copy, "%s/copy.key", t->dir);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", path, key_copy);
	assert_int_equal(system(cmd), 0);
	if (geteuid() != 0) {
		assert_int_equal(chmod(path, 0), 0);
		assert_int_equal(unreadable_part(t->db), 0);
		assert_int_equal(chmod(path, 0600), 0);
	} else {
		snprintf(cmd, sizeof cmd, "chown -R 65534:65534 '%s' && chown 0:0 '%s'", t->dir, path);
		assert_int_equal(system(cmd), 0);
		assert_int_equal(sf_as_nobody(unreadable_part, t->db), 0);
	}
	/* The key is still what it was: its owner writes again. */
	t->st = open_ok(t->db);
	assert_int_equal(lf_store_seal_state(t->st, NULL, 0), LF_SEAL_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_key_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_key_per_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_fifo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_unreadable, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
