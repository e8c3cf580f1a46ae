/* Drafts of a sheet on disk: round trip with Chinese and long text, file
 * modes, replacing, discarding, and no temporary files left behind. */
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

#include "laifang/draft.h"
#include "test_clock.h"

typedef struct fixture {
	char base[64];
	char state[128]; /* LAIFANG_STATE_DIR: does not exist until the first save */
} fixture;

static int setup(void **state)
{
	fixture *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	snprintf(t->base, sizeof t->base, "/tmp/laifang-draft-XXXXXX");
	if (!mkdtemp(t->base))
		return -1;
	snprintf(t->state, sizeof t->state, "%s/状态/laifang", t->base);
	setenv("LAIFANG_STATE_DIR", t->state, 1);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	fixture *t = *state;
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->base);
	if (system(cmd) != 0)
		return -1;
	free(t);
	return 0;
}

/* The names in the state directory, one per line, sorted by readdir order
 * (we only ever expect zero or one). */
static int count_files(const char *dir, char *names, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	names[0] = '\0';
	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			size_t used = strlen(names);
			snprintf(names + used, len - used, "%s\n", e->d_name);
			n++;
		}
	closedir(d);
	return n;
}

#define N 5
static const char *const ids[N] = {"receptionist", "name", "phone", "address", "content"};

static void test_round_trip(void **state)
{
	fixture *t = *state;
	/* 20,000 characters of Chinese with line breaks, quotes and backslashes. */
	const char unit[] = "反映拆迁补偿款未到位，说“再等等”\"\\\n"; /* 20 characters */
	size_t chars = 20000;
	char *content = malloc(sizeof unit * (chars / 20) + 16);
	assert_non_null(content);
	content[0] = '\0';
	for (size_t i = 0; i < chars / 20; i++)
		strcat(content, unit);
	strcat(content, "编号KX7Q9");
	const char *values[N] = {"wangfang", "欧阳晓明", NULL, "广州市越秀区府前路1号,3楼", content};

	char *path = lf_draft_path("registration");
	assert_non_null(path);
	assert_memory_equal(path, t->state, strlen(t->state));
	assert_string_equal(path + strlen(t->state), "/registration.draft.json");

	char *got[N];
	assert_int_equal(lf_draft_load("registration", ids, got, N), 0); /* none yet */
	for (int i = 0; i < N; i++)
		assert_null(got[i]);

	assert_int_equal(lf_draft_save("registration", ids, values, N), 0);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(t->state, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);

	assert_int_equal(lf_draft_load("registration", ids, got, N), 1);
	assert_string_equal(got[0], "wangfang");
	assert_string_equal(got[1], "欧阳晓明");
	assert_null(got[2]); /* NULL values are not kept */
	assert_string_equal(got[3], "广州市越秀区府前路1号,3楼");
	assert_string_equal(got[4], content);
	for (int i = 0; i < N; i++)
		free(got[i]);

	/* Ids the draft does not know come back NULL. */
	const char *other[2] = {"name", "instruction"};
	assert_int_equal(lf_draft_load("registration", other, got, 2), 1);
	assert_string_equal(got[0], "欧阳晓明");
	assert_null(got[1]);
	free(got[0]);

	/* The file is the documented JSON, readable by other tools. */
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char head[256] = "";
	assert_true(fread(head, 1, sizeof head - 1, f) > 0);
	fclose(f);
	assert_non_null(strstr(head, "\"form\": \"registration\""));
	assert_non_null(strstr(head, "\"saved_at\": \"2026-11-23T"));
	assert_non_null(strstr(head, "\"name\": \"欧阳晓明\""));

	char names[512];
	assert_int_equal(count_files(t->state, names, sizeof names), 1);
	assert_string_equal(names, "registration.draft.json\n");
	free(path);
	free(content);
}

static void test_replace_and_discard(void **state)
{
	fixture *t = *state;
	const char *first[N] = {"wangfang", "张三", "13812345678", NULL, "工资拖欠"};
	const char *second[N] = {"wangfang", "张三丰", NULL, NULL, "工资拖欠三个月，要求尽快解决"};
	char *got[N];
	char names[512];

	for (int round = 0; round < 20; round++)
		assert_int_equal(lf_draft_save("registration", ids, round % 2 ? second : first, N), 0);
	assert_int_equal(lf_draft_save("registration", ids, second, N), 0);
	/* Another form's draft is a file of its own. */
	assert_int_equal(lf_draft_save("reception_log", ids, first, N), 0);
	assert_int_equal(count_files(t->state, names, sizeof names), 2); /* no temporary files left */

	assert_int_equal(lf_draft_load("registration", ids, got, N), 1);
	assert_string_equal(got[1], "张三丰");
	assert_null(got[2]); /* the phone was cleared in the later draft */
	assert_string_equal(got[4], "工资拖欠三个月，要求尽快解决");
	for (int i = 0; i < N; i++)
		free(got[i]);

	lf_draft_discard("registration");
	assert_int_equal(lf_draft_load("registration", ids, got, N), 0);
	lf_draft_discard("registration"); /* nothing there: harmless */
	assert_int_equal(count_files(t->state, names, sizeof names), 1);
	assert_string_equal(names, "reception_log.draft.json\n");
	assert_int_equal(lf_draft_load("reception_log", ids, got, N), 1);
	assert_string_equal(got[1], "张三");
	for (int i = 0; i < N; i++)
		free(got[i]);
}

static void test_bad_drafts(void **state)
{
	fixture *t = *state;
	char *got[N];
	const char *values[N] = {"wangfang", "张三", NULL, NULL, "工资拖欠"};

	/* A damaged file is reported, not taken for "no draft". */
	assert_int_equal(lf_draft_save("registration", ids, values, N), 0);
	char *path = lf_draft_path("registration");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"form\": \"registration\", \"values\": {\"name\": \"张", f);
	fclose(f);
	errno = 0;
	assert_int_equal(lf_draft_load("registration", ids, got, N), -1);
	assert_int_not_equal(errno, 0);
	for (int i = 0; i < N; i++)
		assert_null(got[i]);
	free(path);

	/* Text that is not UTF-8 is refused, not mangled. */
	const char *bad[N] = {"wangfang", "\xff\xfe", NULL, NULL, "x"};
	assert_int_equal(lf_draft_save("registration", ids, bad, N), -1);
	assert_int_equal(errno, EILSEQ);

	/* A form id cannot reach outside the directory. */
	assert_int_equal(lf_draft_save("../registration", ids, values, N), -1);
	assert_int_equal(errno, EINVAL);
	assert_null(lf_draft_path("a/b"));

	/* A state directory that cannot be made: -1 and why. */
	char blocker[160];
	snprintf(blocker, sizeof blocker, "%s/file", t->base);
	f = fopen(blocker, "w");
	assert_non_null(f);
	fclose(f);
	char dir[200];
	snprintf(dir, sizeof dir, "%s/sub", blocker);
	setenv("LAIFANG_STATE_DIR", dir, 1);
	assert_int_equal(lf_draft_save("registration", ids, values, N), -1);
	assert_int_equal(errno, ENOTDIR);
	setenv("LAIFANG_STATE_DIR", t->state, 1);

	char names[512];
	assert_int_equal(count_files(t->state, names, sizeof names), 1);
	assert_string_equal(names, "registration.draft.json\n");
}

int main(void)
{
	test_clock_day("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_and_discard, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_drafts, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
