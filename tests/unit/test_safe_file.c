/* Writing a file whole or not at all: the new file is 0600 from the start,
 * put in place only on commit, and an abort leaves the earlier file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "laifang/safe_file.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/laifang-safe-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int files_in_dir(void)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

static void read_back(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static void test_commit_and_abort(void **state)
{
	(void)state;
	char path[128], buf[64];
	snprintf(path, sizeof path, "%s/台账.csv", dir);
	umask(022);

	lf_safe_file sf;
	FILE *f = lf_safe_open(&sf, path);
	assert_non_null(f);
	struct stat sb;
	assert_int_equal(fstat(fileno(f), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600); /* private while being written */
	fputs("第一版\n", f);
	assert_int_equal(access(path, F_OK), -1); /* not in place before commit */
	assert_int_equal(lf_safe_commit(&sf, path), 0);
	read_back(path, buf, sizeof buf);
	assert_string_equal(buf, "第一版\n");
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(files_in_dir(), 1); /* no temporary left */

	/* A second write given up half-way leaves the first as it was. */
	f = lf_safe_open(&sf, path);
	assert_non_null(f);
	fputs("半份", f);
	assert_int_equal(lf_safe_finish(&sf), 0);
	lf_safe_abort(&sf);
	read_back(path, buf, sizeof buf);
	assert_string_equal(buf, "第一版\n");
	assert_int_equal(files_in_dir(), 1);
}

static void test_missing_directory(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/no/such/dir/x.csv", dir);
	lf_safe_file sf;
	errno = 0;
	assert_null(lf_safe_open(&sf, path));
	assert_int_equal(errno, ENOENT);
	lf_safe_abort(&sf); /* harmless after a failed open */
	assert_int_equal(lf_safe_commit(&sf, path), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit_and_abort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_directory, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
