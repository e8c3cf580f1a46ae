/* The SQLite store against real files in a temporary directory: case
 * numbers, repeat visitors, transactions, reading back, the integrity check
 * and four desks saving at once. Creating, migrating and refusing files:
 * test_store_open.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "laifang/store.h"
#include "test_clock.h"
#include "store_file_fixture.h"

static void test_case_numbers(void **state)
{
	fixture *t = *state;
	t->st = open_ok(t->db);
	save_ok(t->st, sheet("2026-11-20", "张三", "440104198501011234", "反映拆迁补偿款未到位"), "2026-000001", false);
	save_ok(t->st, sheet("2026-11-21", "欧阳晓明", "11010519491231002X", "工资拖欠三个月"), "2026-000002", false);
	/* A late registration of last year's visit is numbered in that year. */
	save_ok(t->st, sheet("2025-12-31", "买买提·艾力", "320102199003154560", "噪音扰民"), "2025-000001", false);
	save_ok(t->st, sheet("2026-11-23", "李四", "320102199003154579", "物业多收停车费"), "2026-000003", false);
	assert_int_equal(raw(t->db, "SELECT last_number FROM case_counter WHERE year = 2026"), 3);
	assert_int_equal(raw(t->db, "SELECT last_number FROM case_counter WHERE year = 2025"), 1);
	assert_int_equal(lf_store_errcode(t->st), LF_STORE_OK);
	assert_string_equal(lf_store_errmsg(t->st), "");
}

static void test_repeat_visitor(void **state)
{
	fixture *t = *state;
	lf_visitor_info info;
	t->st = open_ok(t->db);
	assert_int_equal(lf_store_find_visitor(t->st, "11010519491231002X", &info), LF_STORE_NOTFOUND);
	assert_null(info.name);

	lf_registration r = sheet("2026-11-02", "欧阳晓明", "11010519491231002X", "工资拖欠三个月");
	r.sex = "女";
	save_ok(t->st, r, "2026-000001", false);
	save_ok(t->st, sheet("2026-11-03", "张三", "440104198501011234", "反映拆迁补偿款未到位"), "2026-000002", false);

	/* She comes back: new address, no phone given this time. */
	r = sheet("2026-11-20", "欧阳晓明", "11010519491231002X", "工资仍未发放，再次反映");
	r.sex = "女";
	r.phone = NULL;
	r.address = "北京市朝阳区建国路88号";
	save_ok(t->st, r, "2026-000003", true);
	/* A visit from before the last one, registered late, is a repeat too but not the latest. */
	r.received_on = "2026-11-10";
	r.address = "";
	save_ok(t->st, r, "2026-000004", true);

	assert_int_equal(lf_store_find_visitor(t->st, "11010519491231002X", &info), LF_STORE_OK);
	assert_string_equal(info.name, "欧阳晓明");
	assert_string_equal(info.sex, "女");
	assert_string_equal(info.phone, "13812345678"); /* kept from the first visit */
	/* The record is not rewritten by a later sheet (issue 11): the address
	 * stays the first visit's until a clerk confirms a change; the case has
	 * its own (below). */
	assert_string_equal(info.address, "广州市越秀区府前路1号");
	assert_int_equal(info.n_cases, 3);
	assert_string_equal(info.last_date, "2026-11-20");
	assert_string_equal(info.last_case_no, "2026-000003");
	lf_visitor_info_free(&info);
	assert_null(info.name);

	/* Each case keeps what its own sheet said. */
	lf_case c;
	assert_int_equal(lf_store_get_case(t->st, "2026-000001", &c), LF_STORE_OK);
	assert_string_equal(c.address, "广州市越秀区府前路1号");
	assert_string_equal(c.phone, "13812345678");
	assert_false(c.repeat);
	lf_case_free(&c);
	assert_int_equal(lf_store_get_case(t->st, "2026-000003", &c), LF_STORE_OK);
	assert_string_equal(c.address, "北京市朝阳区建国路88号");
	assert_null(c.phone);
	assert_true(c.repeat);
	lf_case_free(&c);

	/* Issue 11: she comes a third time about something unrelated; the
	 * clerk says it is not the same matter, and it is not a repeat. */
	r = sheet("2026-11-21", "欧阳晓明", "11010519491231002X", "反映小区物业收费问题");
	r.repeat = false;
	save_ok(t->st, r, "2026-000005", false);
	assert_int_equal(lf_store_get_case(t->st, "2026-000005", &c), LF_STORE_OK);
	assert_false(c.repeat);
	lf_case_free(&c);

	assert_int_equal(lf_store_find_visitor(t->st, "440104198501011234", &info), LF_STORE_OK);
	assert_string_equal(info.name, "张三");
	assert_int_equal(info.n_cases, 1);
	assert_string_equal(info.last_case_no, "2026-000002");
	lf_visitor_info_free(&info);
	assert_int_equal(raw(t->db, "SELECT count(*) FROM visitor"), 2);
}

static void test_transactions(void **state)
{
	fixture *t = *state;
	t->st = open_ok(t->db);
	/* Rolled back: no case, no visitor, and no number used up. */
	assert_int_equal(lf_store_begin(t->st), LF_STORE_OK);
	save_ok(t->st, sheet("2026-11-20", "张三", "440104198501011234", "反映拆迁补偿款未到位"), "2026-000001", false);
	save_ok(t->st, sheet("2026-11-20", "张三", "440104198501011234", "再次反映"), "2026-000002", true);
	assert_int_equal(n_cases(t->st), 2); /* visible inside the transaction */
	lf_store_rollback(t->st);
	assert_int_equal(n_cases(t->st), 0);
	assert_int_equal(raw(t->db, "SELECT count(*) FROM visitor"), 0);
	assert_int_equal(raw(t->db, "SELECT count(*) FROM case_counter"), 0);

	/* A save refused by a rule gives its number back. */
	lf_registration bad = sheet("2026-11-20", "张三", "440104198501011234", "来信反映");
	bad.channel = "pigeon"; /* no such channel (fax is one since issue 13) */
	lf_saved_case c;
	assert_int_equal(lf_store_save_registration(t->st, &bad, &c), LF_STORE_CONFLICT);
	assert_int_equal(lf_store_errcode(t->st), LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), t->db));
	assert_non_null(strstr(lf_store_errmsg(t->st), "nothing was saved"));
	save_ok(t->st, sheet("2026-11-20", "张三", "440104198501011234", "反映拆迁补偿款未到位"), "2026-000001", false);

	/* In a batch, a refused sheet leaves nothing of itself; the others commit. */
	assert_int_equal(lf_store_begin(t->st), LF_STORE_OK);
	assert_int_equal(lf_store_begin(t->st), LF_STORE_IO); /* no nesting */
	save_ok(t->st, sheet("2026-11-21", "欧阳晓明", "11010519491231002X", "工资拖欠"), "2026-000002", false);
	bad.id_number = "320102199003154560";
	assert_int_equal(lf_store_save_registration(t->st, &bad, &c), LF_STORE_CONFLICT);
	save_ok(t->st, sheet("2026-11-21", "李四", "320102199003154579", "噪音扰民"), "2026-000003", false);
	assert_int_equal(lf_store_commit(t->st), LF_STORE_OK);
	assert_int_equal(n_cases(t->st), 3);
	assert_int_equal(raw(t->db, "SELECT count(*) FROM visitor WHERE id_number = '320102199003154560'"), 0);

	/* What the tables require is said plainly, before any SQL. */
	lf_registration r = sheet("2026-11-21", "李四", "", "噪音扰民");
	assert_int_equal(lf_store_save_registration(t->st, &r, &c), LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), "no ID number"));
	r = sheet("2026-13-45", "李四", "320102199003154579", "噪音扰民");
	assert_int_equal(lf_store_save_registration(t->st, &r, &c), LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), "2026-13-45"));
	/* No date: today (the test clock). Other channels are kept. */
	r = sheet(NULL, "李四", "320102199003154579", "来信反映噪音扰民");
	r.channel = "letter";
	save_ok(t->st, r, "2026-000004", true);
	lf_case k;
	assert_int_equal(lf_store_get_case(t->st, "2026-000004", &k), LF_STORE_OK);
	assert_string_equal(k.received_on, "2026-11-23");
	assert_string_equal(k.channel, "letter");
	lf_case_free(&k);
	assert_int_equal(raw(t->db, "SELECT last_number FROM case_counter WHERE year = 2026"), 4);
}

typedef struct seen {
	int n;
	char nos[8][16];
} seen;

static int collect(const lf_case *c, void *ud)
{
	seen *s = ud;
	snprintf(s->nos[s->n++], sizeof s->nos[0], "%s", c->case_no);
	return s->n == 8;
}

static int stop_at_two(const lf_case *c, void *ud)
{
	(void)c;
	return ++*(int *)ud == 2;
}

static void test_reading(void **state)
{
	fixture *t = *state;
	t->st = open_ok(t->db);
	lf_saved_case first;
	lf_registration r = sheet("2026-11-20", "欧阳晓明", "11010519491231002X",
	                          "反映拆迁补偿款未到位，说“再等等”\n已等两年");
	r.sex = "女";
	assert_int_equal(lf_store_save_registration(t->st, &r, &first), LF_STORE_OK);
	save_ok(t->st, sheet("2026-11-23", "张三", "440104198501011234", "工资拖欠"), "2026-000002", false);
	save_ok(t->st, sheet("2025-06-01", "李四", "320102199003154579", "噪音扰民"), "2025-000001", false);
	save_ok(t->st, sheet("2026-11-23", "买买提·艾力", "320102199003154560", "物业多收停车费"), "2026-000003", false);

	/* One case by number and by UUID, with every column. */
	lf_case c, d;
	assert_int_equal(lf_store_get_case(t->st, "2026-000001", &c), LF_STORE_OK);
	assert_int_equal(lf_store_get_case(t->st, first.case_id, &d), LF_STORE_OK);
	assert_string_equal(c.case_id, first.case_id);
	assert_string_equal(d.case_no, "2026-000001");
	assert_string_equal(c.name, "欧阳晓明");
	assert_string_equal(c.sex, "女");
	assert_string_equal(c.id_number, "11010519491231002X");
	assert_string_equal(c.content, "反映拆迁补偿款未到位，说“再等等”\n已等两年");
	assert_string_equal(c.receptionist, "wangfang");
	assert_string_equal(c.received_on, "2026-11-20");
	assert_string_equal(c.status, "registered");
	assert_string_equal(c.channel, "visit");
	assert_memory_equal(c.created_at, "2026-11-23T", 11); /* the test clock */
	assert_int_equal(strlen(c.created_at), 25);
	assert_null(c.instruction);
	assert_null(c.handling_date);
	assert_string_equal(lf_case_field(&c, "address"), "广州市越秀区府前路1号");
	lf_case_free(&c);
	lf_case_free(&d);
	assert_int_equal(lf_store_get_case(t->st, "2026-000009", &c), LF_STORE_NOTFOUND);
	assert_non_null(strstr(lf_store_errmsg(t->st), "2026-000009"));

	/* The day's cases, newest first. */
	seen s = {0};
	assert_int_equal(lf_store_cases_on(t->st, "2026-11-23", collect, &s), LF_STORE_OK);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.nos[0], "2026-000003");
	assert_string_equal(s.nos[1], "2026-000002");
	memset(&s, 0, sizeof s);
	assert_int_equal(lf_store_cases_on(t->st, "2026-11-22", collect, &s), LF_STORE_OK);
	assert_int_equal(s.n, 0);

	/* Every case by year, then number. */
	assert_int_equal(lf_store_each_case(t->st, collect, &s), LF_STORE_OK);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.nos[0], "2025-000001");
	assert_string_equal(s.nos[1], "2026-000001");
	assert_string_equal(s.nos[2], "2026-000002");
	assert_string_equal(s.nos[3], "2026-000003");
	/* A callback can stop early, and the statement is usable again. */
	int n = 0;
	assert_int_equal(lf_store_each_case(t->st, stop_at_two, &n), LF_STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(n_cases(t->st), 4);
}

static void problem_cb(const char *problem, void *ud)
{
	char *all = ud;
	size_t len = strlen(all);
	snprintf(all + len, 4096 - len, "%s\n", problem);
}

static void test_check(void **state)
{
	fixture *t = *state;
	char problems[4096] = "";
	t->st = open_ok(t->db);
	assert_int_equal(lf_store_check(t->st, problem_cb, problems), 0);
	const char *ids[] = {"440104198501011234", "11010519491231002X", "320102199003154560",
	                     "320102199003154579"};
	char no[24];
	for (int i = 0; i < 4; i++) {
		snprintf(no, sizeof no, "2026-%06d", i + 1);
		save_ok(t->st, sheet("2026-11-20", "张三", ids[i], "反映拆迁补偿款未到位"), no, false);
	}
	save_ok(t->st, sheet("2025-11-20", "张三", ids[0], "反映拆迁补偿款未到位"), "2025-000001", true);
	assert_int_equal(lf_store_check(t->st, problem_cb, problems), 0);
	assert_string_equal(problems, "");

	/* Case 2 deleted behind laifang's back: a gap. */
	raw(t->db, "PRAGMA foreign_keys = OFF;"
	           "DELETE FROM case_visitor WHERE case_id IN (SELECT id FROM case_file WHERE case_no = '2026-000002');"
	           "DELETE FROM case_file WHERE case_no = '2026-000002'");
	/* The gap, both rows against the entry that wrote them, the counter
	 * behind the statistics and the search entry left of the case. */
	/* ... and its route clock (case_clock) left pointing at nothing, and
	 * its query code (case_query_code, issue 15). */
	/* ... and the statistics' counters of its day (issue 16): visits,
	 * person_times, channel, category (issue 13: kind too), unit, route
	 * clock, the people of the month and of the year; and the open cases
	 * of its due date (db/041). */
	assert_int_equal(lf_store_check(t->st, problem_cb, problems), 17);
	assert_non_null(strstr(problems, "The statistics counter open_due of 2026-"));
	assert_non_null(strstr(problems, "The statistics counter visits of 2026-11 says 4, but the cases give 3.\n"));
	assert_non_null(strstr(problems, "The statistics counter people of 2026-11 says 4, but the cases give 3.\n"));
	assert_non_null(strstr(problems, "of table case_clock refers to a row of case_file that does not exist.\n"));
	assert_non_null(strstr(problems, "of table case_query_code refers to a row of case_file that does not exist.\n"));
	assert_non_null(strstr(problems, "Case number 2026-000002 is missing: no case has it (deleted outside laifang?).\n"));
	assert_non_null(strstr(problems, "case_file 2026-000002 was deleted outside laifang (audit entry 2 wrote it last).\n"));
	assert_non_null(strstr(problems, "/0 (2026-000002) was deleted outside laifang (audit entry 2 wrote it last).\n"));
	assert_non_null(strstr(problems, "The statistics counter of the state registered says 5 cases, but 4 cases are in "
	                                 "that state.\n"));
	assert_non_null(strstr(problems, "The search index holds an entry for a case that is not in the database (row 2).\n"));

	/* The last case too: the counter gave out a number no case has. And a
	 * case row deleted without its visitor link: a broken reference. */
	problems[0] = '\0';
	raw(t->db, "PRAGMA foreign_keys = OFF; DELETE FROM case_file WHERE case_no = '2026-000004'");
	/* (and the route clocks and query codes of cases 2 and 4 pointing at nothing) */
	/* (and 10 statistics' counters of the day and the due date, as above) */
	assert_int_equal(lf_store_check(t->st, problem_cb, problems), 23);
	assert_non_null(strstr(problems, "case_file 2026-000004 was deleted outside laifang"));
	assert_non_null(strstr(problems, "Case number 2026-000002 is missing"));
	assert_non_null(strstr(problems, "Case number 2026-000004 is missing"));
	assert_non_null(strstr(problems, "of table case_visitor refers to a row of case_file that does not exist"));
	/* Without a callback, the problems are still counted. */
	assert_int_equal(lf_store_check(t->st, NULL, NULL), 23);
}

#ifndef DESKS
#define DESKS 4
#endif
#define SAVES 50

/* One desk: its own handle, SAVES sheets; every fifth sheet is one of three
 * people new to the office whom all desks register at once. */
static int desk(const char *path, int who)
{
	char msg[512];
	lf_store *st = lf_store_open(path, NULL, msg, sizeof msg);
	if (!st) {
		fprintf(stderr, "desk %d: %s\n", who, msg);
		return 1;
	}
	for (int i = 0; i < SAVES; i++) {
		char id[40], content[64];
		if (i % 5 == 0)
			snprintf(id, sizeof id, "11010519900101%04d", i % 3);
		else
			snprintf(id, sizeof id, "4401041985%02d%06d", who, i);
		snprintf(content, sizeof content, "第%d号窗口第%d次登记", who, i);
		lf_registration r = sheet("2026-11-23", "张三", id, content);
		lf_saved_case c;
		if (lf_store_save_registration(st, &r, &c) != LF_STORE_OK) {
			fprintf(stderr, "desk %d save %d: %s\n", who, i, lf_store_errmsg(st));
			lf_store_close(st);
			return 1;
		}
	}
	lf_store_close(st);
	return 0;
}

static int mark(const lf_case *c, void *ud)
{
	bool *used = ud;
	int n = atoi(c->case_no + 5);
	if (strncmp(c->case_no, "2026-", 5) || n < 1 || n > DESKS * SAVES || used[n])
		return 1; /* leaves the count short: the test fails below */
	used[n] = true;
	return 0;
}

static void test_desks_at_once(void **state)
{
	fixture *t = *state;
	pid_t pids[DESKS];
	/* The file does not exist yet: the desks also race to create and migrate it. */
	for (int i = 0; i < DESKS; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0)
			_exit(desk(t->db, i));
	}
	for (int i = 0; i < DESKS; i++) {
		int status;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	t->st = open_ok(t->db);
	bool used[DESKS * SAVES + 1] = {false};
	assert_int_equal(lf_store_each_case(t->st, mark, used), LF_STORE_OK);
	for (int n = 1; n <= DESKS * SAVES; n++)
		assert_true(used[n]);
	assert_int_equal(lf_store_check(t->st, NULL, NULL), 0);
	/* 3 shared people, 40 own ones per desk. */
	assert_int_equal(raw(t->db, "SELECT count(*) FROM visitor"), 3 + DESKS * 40);
	/* Of the shared people's 40 visits, exactly the first of each is not a repeat. */
	assert_int_equal(raw(t->db, "SELECT count(*) FROM case_file c JOIN case_visitor cv ON cv.case_id = c.id "
	                            "JOIN visitor v ON v.id = cv.visitor_id "
	                            "WHERE v.id_number LIKE '11010519900101%' AND c.is_repeat = 0"), 3);
}

/* Not a test of speed (machines differ): prints the mean time of one save. */
static void test_save_time(void **state)
{
	fixture *t = *state;
	t->st = open_ok(t->db);
	enum { N = 200 };
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < N; i++) {
		char id[32];
		snprintf(id, sizeof id, "44010419850101%04d", i % 150);
		lf_registration r = sheet("2026-11-23", "张三", id, "反映拆迁补偿款未到位");
		lf_saved_case c;
		assert_int_equal(lf_store_save_registration(t->st, &r, &c), LF_STORE_OK);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	double ms = ((double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6) / N;
	print_message("one save (synchronous=FULL): %.3f ms on average over %d\n", ms, N);
	assert_int_equal(n_cases(t->st), N);
}

int main(void)
{
	test_clock_day("2026-11-23");
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_case_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repeat_visitor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reading, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desks_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_time, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
