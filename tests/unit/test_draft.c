/* Drafts of a sheet on disk: round trip with Chinese and long text, file
 * modes, replacing, discarding, and no temporary files left behind; a
 * draft per login, database and desk; a stopped desk's draft taken by the
 * next; a link planted in a draft's place refused. */
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

#include "laifang/date.h"
#include "laifang/draft.h"
#include "laifang/safe_file.h"
#include "test_clock.h"

typedef struct fixture {
	char base[64];
	char state[128]; /* LAIFANG_STATE_DIR: made when the first desk opens */
	char db[128];    /* the database's path (the file itself is not needed) */
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
	snprintf(t->db, sizeof t->db, "%s/office.db", t->base);
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

/* The drafts in the state directory (desks' lock files aside), one per
 * line in readdir order (we only ever expect zero, one or two). Any
 * temporary file counts. */
static int count_files(const char *dir, char *names, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	names[0] = '\0';
	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    !(strlen(e->d_name) > 5 && !strcmp(e->d_name + strlen(e->d_name) - 5, ".lock"))) {
			size_t used = strlen(names);
			snprintf(names + used, len - used, "%s\n", e->d_name);
			n++;
		}
	closedir(d);
	return n;
}

#define N 5
static const char *const ids[N] = {"receptionist", "name", "phone", "address", "content"};

/* The name of path without its folder. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

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

	lf_draft *d = lf_draft_open("registration", t->db, "wangfang");
	assert_non_null(d);
	const char *path = lf_draft_path(d);
	assert_non_null(path);
	assert_memory_equal(path, t->state, strlen(t->state));
	/* registration.<16 hex of the database's path>.wangfang.<pid>-<8 hex>.draft.json */
	const char *name = base_name(path);
	assert_int_equal(strncmp(name, "registration.", 13), 0);
	for (int i = 13; i < 29; i++)
		assert_non_null(strchr("0123456789abcdef", name[i]));
	assert_int_equal(strncmp(name + 29, ".wangfang.", 10), 0);
	char pid[32];
	snprintf(pid, sizeof pid, "%ld-", (long)getpid());
	assert_int_equal(strncmp(name + 39, pid, strlen(pid)), 0);
	assert_string_equal(name + strlen(name) - 11, ".draft.json");

	char *got[N];
	assert_int_equal(lf_draft_load(d, ids, got, N), 0); /* none yet */
	for (int i = 0; i < N; i++)
		assert_null(got[i]);

	assert_int_equal(lf_draft_save(d, ids, values, N), 0);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(t->state, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);

	assert_int_equal(lf_draft_load(d, ids, got, N), 1);
	assert_string_equal(got[0], "wangfang");
	assert_string_equal(got[1], "欧阳晓明");
	assert_null(got[2]); /* NULL values are not kept */
	assert_string_equal(got[3], "广州市越秀区府前路1号,3楼");
	assert_string_equal(got[4], content);
	for (int i = 0; i < N; i++)
		free(got[i]);

	/* Ids the draft does not know come back NULL. */
	const char *other[2] = {"name", "instruction"};
	assert_int_equal(lf_draft_load(d, other, got, 2), 1);
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

	char names[1024], want[600];
	assert_int_equal(count_files(t->state, names, sizeof names), 1);
	snprintf(want, sizeof want, "%s\n", name);
	assert_string_equal(names, want);
	lf_draft_close(d);
	free(content);
}

static void test_replace_and_discard(void **state)
{
	fixture *t = *state;
	const char *first[N] = {"wangfang", "张三", "13812345678", NULL, "工资拖欠"};
	const char *second[N] = {"wangfang", "张三丰", NULL, NULL, "工资拖欠三个月，要求尽快解决"};
	char *got[N];
	char names[1024];

	lf_draft *reg = lf_draft_open("registration", t->db, "wangfang");
	lf_draft *log = lf_draft_open("reception_log", t->db, "wangfang");
	assert_non_null(reg);
	assert_non_null(log);
	for (int round = 0; round < 20; round++)
		assert_int_equal(lf_draft_save(reg, ids, round % 2 ? second : first, N), 0);
	assert_int_equal(lf_draft_save(reg, ids, second, N), 0);
	/* Another form's draft is a file of its own. */
	assert_int_equal(lf_draft_save(log, ids, first, N), 0);
	assert_int_equal(count_files(t->state, names, sizeof names), 2); /* no temporary files left */

	assert_int_equal(lf_draft_load(reg, ids, got, N), 1);
	assert_string_equal(got[1], "张三丰");
	assert_null(got[2]); /* the phone was cleared in the later draft */
	assert_string_equal(got[4], "工资拖欠三个月，要求尽快解决");
	for (int i = 0; i < N; i++)
		free(got[i]);

	lf_draft_discard(reg);
	assert_int_equal(lf_draft_load(reg, ids, got, N), 0);
	lf_draft_discard(reg); /* nothing there: harmless */
	assert_int_equal(count_files(t->state, names, sizeof names), 1);
	assert_non_null(strstr(names, "reception_log."));
	assert_int_equal(lf_draft_load(log, ids, got, N), 1);
	assert_string_equal(got[1], "张三");
	for (int i = 0; i < N; i++)
		free(got[i]);
	lf_draft_close(reg);
	lf_draft_close(log);
}

/* Two desks of one account, another login, another database: each its own
 * draft; a desk that stopped hands its draft to the next that starts, the
 * newest first, and one draft is never handed to two. */
static void test_desks(void **state)
{
	fixture *t = *state;
	const char *a[N] = {NULL, "甲", NULL, NULL, "第一台"};
	const char *b[N] = {NULL, "乙", NULL, NULL, "第二台"};
	const char *c[N] = {NULL, "丙", NULL, NULL, "别的登录"};
	const char *e[N] = {NULL, "丁", NULL, NULL, "别的数据库"};
	char *got[N], names[2048], other_db[160];
	snprintf(other_db, sizeof other_db, "%s/other.db", t->base);

	lf_draft *d1 = lf_draft_open("registration", t->db, "wangfang");
	lf_draft *d2 = lf_draft_open("registration", t->db, "wangfang");
	lf_draft *d3 = lf_draft_open("registration", t->db, "li.si@office"); /* kept as a hash */
	lf_draft *d4 = lf_draft_open("registration", other_db, "wangfang");
	assert_non_null(d1);
	assert_non_null(d2);
	assert_non_null(d3);
	assert_non_null(d4);
	assert_string_not_equal(lf_draft_path(d1), lf_draft_path(d2));
	assert_null(strstr(lf_draft_path(d3), "li.si"));
	assert_non_null(strstr(lf_draft_path(d3), ".~"));
	/* The same database by another name is the same database. */
	char *dot = strrchr(t->db, '/');
	char again[200];
	snprintf(again, sizeof again, "%.*s/./%s", (int)(dot - t->db), t->db, dot + 1);
	lf_draft *d5 = lf_draft_open("registration", again, "wangfang");
	assert_non_null(d5);
	assert_memory_equal(base_name(lf_draft_path(d5)), base_name(lf_draft_path(d1)), 29);
	assert_memory_not_equal(base_name(lf_draft_path(d4)), base_name(lf_draft_path(d1)), 29);
	lf_draft_close(d5);

	assert_int_equal(lf_draft_save(d1, ids, a, N), 0);
	assert_int_equal(lf_draft_save(d2, ids, b, N), 0);
	assert_int_equal(lf_draft_save(d3, ids, c, N), 0);
	assert_int_equal(lf_draft_save(d4, ids, e, N), 0);
	assert_int_equal(count_files(t->state, names, sizeof names), 4); /* nobody overwrote anybody */

	/* A new desk while both run: nothing to take. */
	lf_draft *d6 = lf_draft_open("registration", t->db, "wangfang");
	assert_non_null(d6);
	assert_int_equal(lf_draft_load(d6, ids, got, N), 0);

	/* Desk 1 saves again (its draft is now the newest); desks 2 and 1 quit
	 * keeping theirs: a running desk takes the newest first. */
	assert_int_equal(lf_draft_save(d1, ids, a, N), 0);
	lf_draft_close(d2);
	lf_draft_close(d1);
	assert_int_equal(lf_draft_load(d6, ids, got, N), 1);
	assert_string_equal(got[4], "第一台");
	for (int i = 0; i < N; i++)
		free(got[i]);
	/* It is desk 6's now; another new desk gets the one left, desk 2's. */
	lf_draft *d7 = lf_draft_open("registration", t->db, "wangfang");
	assert_non_null(d7);
	assert_int_equal(lf_draft_load(d7, ids, got, N), 1);
	assert_string_equal(got[4], "第二台");
	for (int i = 0; i < N; i++)
		free(got[i]);
	lf_draft *d8 = lf_draft_open("registration", t->db, "wangfang");
	assert_int_equal(lf_draft_load(d8, ids, got, N), 0); /* none left */
	assert_int_equal(count_files(t->state, names, sizeof names), 4);
	lf_draft_discard(d6);
	lf_draft_discard(d7);
	assert_int_equal(count_files(t->state, names, sizeof names), 2);
	assert_int_equal(lf_draft_load(d3, ids, got, N), 1); /* the other login's is untouched */
	assert_string_equal(got[4], "别的登录");
	for (int i = 0; i < N; i++)
		free(got[i]);
	lf_draft_close(d3);
	lf_draft_close(d4);
	lf_draft_close(d6);
	lf_draft_close(d7);
	lf_draft_close(d8);
}

/* A link planted in the draft's place: the save is refused, the file the
 * link points to is unchanged, and a load does not read through it. */
static void test_planted_link(void **state)
{
	fixture *t = *state;
	const char *values[N] = {"wangfang", "张三", NULL, NULL, "工资拖欠"};
	char outside[200], *got[N];
	snprintf(outside, sizeof outside, "%s/outside.txt", t->base);
	FILE *f = fopen(outside, "w");
	assert_non_null(f);
	fputs("不许动\n", f);
	fclose(f);

	lf_draft *d = lf_draft_open("registration", t->db, "wangfang");
	assert_non_null(d);
	assert_int_equal(lf_draft_save(d, ids, values, N), 0);
	assert_int_equal(unlink(lf_draft_path(d)), 0);
	assert_int_equal(symlink(outside, lf_draft_path(d)), 0);
	errno = 0;
	assert_int_equal(lf_draft_save(d, ids, values, N), -1);
	assert_int_equal(errno, ELOOP);
	assert_non_null(strstr(lf_safe_strerror(errno), "link"));
	errno = 0;
	assert_int_equal(lf_draft_load(d, ids, got, N), -1);
	assert_int_equal(errno, ELOOP);
	f = fopen(outside, "r");
	char buf[64] = "";
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "不许动\n");
	struct stat sb;
	assert_int_equal(lstat(lf_draft_path(d), &sb), 0);
	assert_true(S_ISLNK(sb.st_mode)); /* still the link: nothing replaced, nothing left over */
	char names[1024];
	assert_int_equal(count_files(t->state, names, sizeof names), 1);

	/* A stopped desk's "draft" that is a link is never offered. */
	lf_draft_close(d);
	lf_draft *next = lf_draft_open("registration", t->db, "wangfang");
	assert_int_equal(lf_draft_load(next, ids, got, N), 0);
	lf_draft_close(next);
}

static void test_bad_drafts(void **state)
{
	fixture *t = *state;
	char *got[N];
	const char *values[N] = {"wangfang", "张三", NULL, NULL, "工资拖欠"};

	/* A damaged file is reported, not taken for "no draft". */
	lf_draft *d = lf_draft_open("registration", t->db, "wangfang");
	assert_non_null(d);
	assert_int_equal(lf_draft_save(d, ids, values, N), 0);
	FILE *f = fopen(lf_draft_path(d), "w");
	assert_non_null(f);
	fputs("{\"form\": \"registration\", \"values\": {\"name\": \"张", f);
	fclose(f);
	errno = 0;
	assert_int_equal(lf_draft_load(d, ids, got, N), -1);
	assert_int_not_equal(errno, 0);
	for (int i = 0; i < N; i++)
		assert_null(got[i]);

	/* Text that is not UTF-8 is refused, not mangled. */
	const char *bad[N] = {"wangfang", "\xff\xfe", NULL, NULL, "x"};
	assert_int_equal(lf_draft_save(d, ids, bad, N), -1);
	assert_int_equal(errno, EILSEQ);

	/* A form id cannot reach outside the directory; a login cannot either. */
	errno = 0;
	assert_null(lf_draft_open("../registration", t->db, "wangfang"));
	assert_int_equal(errno, EINVAL);
	assert_null(lf_draft_open("a/b", t->db, "wangfang"));
	lf_draft *odd = lf_draft_open("registration", t->db, "../../etc/x");
	assert_non_null(odd);
	assert_memory_equal(lf_draft_path(odd), t->state, strlen(t->state));
	assert_null(strchr(lf_draft_path(odd) + strlen(t->state) + 1, '/'));
	lf_draft_close(odd);

	/* A state directory that cannot be made: NULL and why. */
	char blocker[160];
	snprintf(blocker, sizeof blocker, "%s/file", t->base);
	f = fopen(blocker, "w");
	assert_non_null(f);
	fclose(f);
	char dir[200];
	snprintf(dir, sizeof dir, "%s/sub", blocker);
	setenv("LAIFANG_STATE_DIR", dir, 1);
	errno = 0;
	assert_null(lf_draft_open("registration", t->db, "wangfang"));
	assert_int_equal(errno, ENOTDIR);
	setenv("LAIFANG_STATE_DIR", t->state, 1);

	char names[1024];
	assert_int_equal(count_files(t->state, names, sizeof names), 1);
	assert_non_null(strstr(names, "registration."));
	lf_draft_close(d);
}

/* A desk killed before it wrote a draft leaves only its lock file: the
 * next desk removes it once it is old; a killed desk's lock beside its
 * draft stays until the draft is taken. */
static void test_stale_locks(void **state)
{
	fixture *t = *state;
	lf_draft *d = lf_draft_open("registration", t->db, "wangfang");
	assert_non_null(d);
	char prefix[64], bare[400], with[400], draft[400], fresh[400];
	snprintf(prefix, sizeof prefix, "%.39s", base_name(lf_draft_path(d))); /* registration.<db>.wangfang. */
	snprintf(bare, sizeof bare, "%s/.%s999-0000dead.lock", t->state, prefix);
	snprintf(with, sizeof with, "%s/.%s998-0000beef.lock", t->state, prefix);
	snprintf(draft, sizeof draft, "%s/%s998-0000beef.draft.json", t->state, prefix);
	snprintf(fresh, sizeof fresh, "%s/.%s997-0000f00d.lock", t->state, prefix);
	const char *made[] = {bare, with, draft, fresh};
	for (int i = 0; i < 4; i++) {
		FILE *f = fopen(made[i], "w");
		assert_non_null(f);
		if (i == 2)
			fputs("{\"form\": \"registration\", \"values\": {\"name\": \"留下\"}}\n", f);
		fclose(f);
	}
	/* Two minutes older than the files just made, on the file system's own
	 * clock (the one the sweep reads), not on time(). */
	struct stat made_at;
	assert_int_equal(fstatat(AT_FDCWD, fresh, &made_at, AT_SYMLINK_NOFOLLOW), 0);
	struct timespec old[2] = {{made_at.st_mtime - 120, 0}, {made_at.st_mtime - 120, 0}};
	for (int i = 0; i < 3; i++)
		assert_int_equal(utimensat(AT_FDCWD, made[i], old, 0), 0);
	lf_draft_close(d);

	lf_draft *next = lf_draft_open("registration", t->db, "wangfang");
	assert_non_null(next);
	assert_int_equal(access(bare, F_OK), -1);  /* old, free, no draft: gone */
	assert_int_equal(access(with, F_OK), 0);   /* its draft is still to be offered */
	assert_int_equal(access(fresh, F_OK), 0);  /* too young to judge */
	char *got[N];
	assert_int_equal(lf_draft_load(next, ids, got, N), 1);
	assert_string_equal(got[1], "留下");
	for (int i = 0; i < N; i++)
		free(got[i]);
	assert_int_equal(access(with, F_OK), -1); /* taken with its draft */
	lf_draft_close(next);
}

int main(void)
{
	test_clock_day("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_and_discard, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_locks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_planted_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_drafts, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
