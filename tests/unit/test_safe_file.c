/* Writing a file whole or not at all: the new file is 0600 from the start,
 * put in place only on commit, and an abort leaves the earlier file; a
 * link, a folder or a FIFO where the file goes is refused and never
 * followed, before the write and at the commit. */
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
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
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
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, ".."); /* hidden temporaries count */
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

/* A file outside the folder that a planted link points to. */
static void make_outside(char *outside, size_t len)
{
	snprintf(outside, len, "%s-outside", dir);
	FILE *f = fopen(outside, "w");
	assert_non_null(f);
	fputs("不许动\n", f);
	fclose(f);
}

static void assert_outside_unchanged(const char *outside)
{
	char buf[64];
	read_back(outside, buf, sizeof buf);
	assert_string_equal(buf, "不许动\n");
	unlink(outside);
}

static void test_planted_link(void **state)
{
	(void)state;
	char path[128], outside[128];
	make_outside(outside, sizeof outside);
	snprintf(path, sizeof path, "%s/ledger.csv", dir);
	assert_int_equal(symlink(outside, path), 0);

	lf_safe_file sf;
	errno = 0;
	assert_null(lf_safe_open(&sf, path));
	assert_int_equal(errno, ELOOP);
	assert_non_null(strstr(lf_safe_strerror(ELOOP), "link"));
	assert_int_equal(lf_safe_create(&sf, path), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(files_in_dir(), 1); /* only the link: no temporary made */

	/* A dangling link is refused the same way. */
	char dangling[160];
	snprintf(dangling, sizeof dangling, "%s/x.pdf", dir);
	assert_int_equal(symlink("/nonexistent/laifang-target", dangling), 0);
	errno = 0;
	assert_null(lf_safe_open(&sf, dangling));
	assert_int_equal(errno, ELOOP);
	assert_int_equal(access("/nonexistent/laifang-target", F_OK), -1);
	assert_outside_unchanged(outside);
}

/* A link planted while the file is being written: the commit refuses it,
 * removes the new file and leaves the link and its target alone. */
static void test_link_planted_during_write(void **state)
{
	(void)state;
	char path[128], outside[128];
	make_outside(outside, sizeof outside);
	snprintf(path, sizeof path, "%s/case.json", dir);
	lf_safe_file sf;
	FILE *f = lf_safe_open(&sf, path);
	assert_non_null(f);
	fputs("{\"case\": 1}\n", f);
	assert_int_equal(symlink(outside, path), 0);
	errno = 0;
	assert_int_equal(lf_safe_commit(&sf, path), -1);
	assert_int_equal(errno, ELOOP);
	lf_safe_abort(&sf); /* harmless after a failed commit */
	struct stat sb;
	assert_int_equal(lstat(path, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(files_in_dir(), 1); /* the link; the new file is gone */
	assert_outside_unchanged(outside);
}

/* The temporary is hidden, beside the target, fresh each time, and made
 * with O_EXCL: nothing at its name is ever opened. */
static void test_temporary_names(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/stats.csv", dir);
	lf_safe_file a, b;
	assert_non_null(lf_safe_open(&a, path));
	assert_non_null(lf_safe_open(&b, path));
	assert_string_not_equal(a.tmp, b.tmp);
	assert_memory_equal(a.tmp, dir, strlen(dir));
	assert_string_equal(strrchr(a.tmp, '/'), strstr(a.tmp, "/.stats.csv.")); /* hidden, in the folder */
	assert_int_equal(files_in_dir(), 2);
	lf_safe_abort(&a);
	lf_safe_abort(&b);
	assert_int_equal(files_in_dir(), 0);

	/* A very long name still gets a temporary within the name limit. */
	char longname[400];
	int k = snprintf(longname, sizeof longname, "%s/", dir);
	memset(longname + k, 'x', 250);
	strcpy(longname + k + 250, ".pdf");
	lf_safe_file c;
	assert_non_null(lf_safe_open(&c, longname));
	fputs("%PDF", c.f);
	assert_int_equal(lf_safe_commit(&c, longname), 0);
	assert_int_equal(files_in_dir(), 1);
}

/* A FIFO where the file goes is refused at once (nothing opens it, so
 * nothing waits for a reader), and so is a folder. */
static void test_not_a_file(void **state)
{
	(void)state;
	char fifo[128], folder[128];
	snprintf(fifo, sizeof fifo, "%s/pipe.csv", dir);
	snprintf(folder, sizeof folder, "%s/folder.csv", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(mkdir(folder, 0700), 0);
	lf_safe_file sf;
	errno = 0;
	assert_null(lf_safe_open(&sf, fifo)); /* refused, not waited on: a blocking open never returns */
	assert_int_equal(errno, LF_SAFE_ENOTREG);
	assert_non_null(strstr(lf_safe_strerror(LF_SAFE_ENOTREG), "pipe"));
	errno = 0;
	assert_null(lf_safe_open(&sf, folder));
	assert_int_equal(errno, EISDIR);
	errno = 0;
	assert_int_equal(lf_safe_target_ok(folder), -1);
	assert_int_equal(errno, EISDIR);
	assert_int_equal(files_in_dir(), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit_and_abort, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_planted_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_link_planted_during_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_temporary_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
