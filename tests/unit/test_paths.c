/* Where laifang keeps its files: the database and state paths after the
 * environment, mkdir -p, the login name. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "laifang/paths.h"

static void clear_env(void)
{
	unsetenv("LAIFANG_DB");
	unsetenv("LAIFANG_STATE_DIR");
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", "/home/张三", 1);
}

static void expect_db(const char *arg, const char *want)
{
	char *p = lf_path_database(arg);
	if (!want) {
		assert_null(p);
		return;
	}
	assert_non_null(p);
	assert_string_equal(p, want);
	free(p);
}

static void test_database(void **state)
{
	(void)state;
	clear_env();
	expect_db(NULL, "/home/张三/.local/share/laifang/laifang.db");
	expect_db("", "/home/张三/.local/share/laifang/laifang.db");

	setenv("XDG_DATA_HOME", "/srv/数据", 1);
	expect_db(NULL, "/srv/数据/laifang/laifang.db");
	/* A relative XDG_DATA_HOME is ignored, as the XDG rules say. */
	setenv("XDG_DATA_HOME", "data", 1);
	expect_db(NULL, "/home/张三/.local/share/laifang/laifang.db");
	setenv("XDG_DATA_HOME", "", 1);
	expect_db(NULL, "/home/张三/.local/share/laifang/laifang.db");

	setenv("XDG_DATA_HOME", "/srv/数据", 1);
	setenv("LAIFANG_DB", "/var/lib/laifang/office.db", 1);
	expect_db(NULL, "/var/lib/laifang/office.db");
	/* The argument wins over everything. */
	expect_db("接待.db", "接待.db");

	clear_env();
	unsetenv("HOME");
	expect_db(NULL, NULL);
	expect_db("/tmp/x.db", "/tmp/x.db");
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	expect_db(NULL, "/srv/data/laifang/laifang.db");
	clear_env();
}

static void expect_state(const char *want)
{
	char *p = lf_path_state_dir();
	if (!want) {
		assert_null(p);
		return;
	}
	assert_non_null(p);
	assert_string_equal(p, want);
	free(p);
}

static void test_state_dir(void **state)
{
	(void)state;
	clear_env();
	expect_state("/home/张三/.local/state/laifang");
	setenv("XDG_STATE_HOME", "/run/state", 1);
	expect_state("/run/state/laifang");
	setenv("XDG_STATE_HOME", "relative/state", 1);
	expect_state("/home/张三/.local/state/laifang");
	setenv("LAIFANG_STATE_DIR", "/tmp/laifang-state", 1);
	expect_state("/tmp/laifang-state");
	clear_env();
	unsetenv("HOME");
	expect_state(NULL);
	clear_env();
}

static bool is_dir_with_mode(const char *path, mode_t mode)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == mode;
}

static void test_mkdirs(void **state)
{
	(void)state;
	char base[] = "/tmp/lf_paths_XXXXXX";
	char path[256], file[256];
	umask(022);
	assert_non_null(mkdtemp(base));

	snprintf(path, sizeof path, "%s/甲/乙/丙", base);
	assert_int_equal(lf_path_mkdirs(path, 0700), 0);
	assert_true(is_dir_with_mode(path, 0700));
	snprintf(path, sizeof path, "%s/甲", base);
	assert_true(is_dir_with_mode(path, 0700));
	/* Again: existing directories are fine. */
	snprintf(path, sizeof path, "%s/甲/乙/丙", base);
	assert_int_equal(lf_path_mkdirs(path, 0700), 0);
	/* A trailing slash and a doubled one. */
	snprintf(path, sizeof path, "%s//丁/戊/", base);
	assert_int_equal(lf_path_mkdirs(path, 0750), 0);
	snprintf(path, sizeof path, "%s/丁/戊", base);
	assert_true(is_dir_with_mode(path, 0750));

	/* Through a plain file: refused with ENOTDIR. */
	snprintf(file, sizeof file, "%s/文件", base);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(path, sizeof path, "%s/文件/子目录", base);
	errno = 0;
	assert_int_equal(lf_path_mkdirs(path, 0700), -1);
	assert_int_equal(errno, ENOTDIR);
	errno = 0;
	assert_int_equal(lf_path_mkdirs(file, 0700), -1);
	assert_int_equal(errno, ENOTDIR);

	errno = 0;
	assert_int_equal(lf_path_mkdirs("", 0700), -1);
	assert_int_equal(errno, ENOENT);

	/* Clean up what was made. */
	const char *made[] = {"甲/乙/丙", "甲/乙", "甲", "丁/戊", "丁"};
	for (size_t i = 0; i < sizeof made / sizeof made[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", base, made[i]);
		assert_int_equal(rmdir(path), 0);
	}
	assert_int_equal(unlink(file), 0);
	assert_int_equal(rmdir(base), 0);
}

static void test_os_user(void **state)
{
	(void)state;
	const char *u = lf_os_user();
	assert_non_null(u);
	struct passwd *pw = getpwuid(geteuid());
	if (pw)
		assert_string_equal(u, pw->pw_name);
	else
		assert_true(u[0] != '\0');
}

/* A connection string's password never reaches a message. */
static void test_redact(void **state)
{
	(void)state;
	char out[256];
	lf_path_redact("postgresql://clerk:s3cret@db.example/laifang?sslmode=require", out, sizeof out);
	assert_string_equal(out, "postgresql://clerk:***@db.example/laifang?sslmode=require");
	lf_path_redact("postgresql:///laifang?host=/run/pg&password=s3cret&user=x", out, sizeof out);
	assert_string_equal(out, "postgresql:///laifang?host=/run/pg&password=***&user=x");
	lf_path_redact("postgresql:host=db dbname=laifang password=s3cret user=x", out, sizeof out);
	assert_null(strstr(out, "s3cret"));
	assert_non_null(strstr(out, "dbname=laifang password=*** user=x"));
	lf_path_redact("/home/wang/数据/laifang.db", out, sizeof out);
	assert_string_equal(out, "/home/wang/数据/laifang.db");
	lf_path_redact("postgresql://clerk@db/laifang", out, sizeof out);
	assert_string_equal(out, "postgresql://clerk@db/laifang");
	lf_path_redact("postgresql://u:p@h/d", out, 8); /* cut, still terminated */
	assert_int_equal(strlen(out), 7);
	assert_true(lf_path_is_server_db("postgresql:///x") && lf_path_is_server_db("postgres://h/x"));
	assert_false(lf_path_is_server_db("postgresql.db") || lf_path_is_server_db("./postgresql:x"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_database),
		cmocka_unit_test(test_redact),
		cmocka_unit_test(test_state_dir),
		cmocka_unit_test(test_mkdirs),
		cmocka_unit_test(test_os_user),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
