/* lf_store_changed_elsewhere (issue 14) on a real database with two
 * handles, as two desks: the same cases for SQLite (test_store_watch.c, a
 * file) and PostgreSQL (tests/pg/test_store_watch.c, LAIFANG_PG_URL). The
 * including file gives watch_db() (the database both desks open) and
 * raw_touch() (a change to a case made behind laifang's back, through
 * another connection), before including this after <cmocka.h>. */
#ifndef LAIFANG_WATCH_CASES_H
#define LAIFANG_WATCH_CASES_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "laifang/store.h"
#include "laifang/store_watch.h"
#include "test_clock.h"

static const char *watch_db(void);
static void raw_touch(void);

static lf_store *desk_a, *desk_b;

static lf_store *wc_open(void)
{
	lf_store_err e;
	char msg[512];
	lf_store *st = lf_store_open(watch_db(), &e, msg, sizeof msg);
	if (!st)
		fail_msg("open %s: %s", watch_db(), msg);
	return st;
}

static int wc_setup(void **state)
{
	(void)state;
	test_clock_day("2026-11-23");
	desk_a = wc_open();
	desk_b = wc_open();
	/* Whatever the opens wrote is behind us. */
	lf_store_changed_elsewhere(desk_a);
	lf_store_changed_elsewhere(desk_b);
	return 0;
}

static int wc_teardown(void **state)
{
	(void)state;
	lf_store_close(desk_a);
	lf_store_close(desk_b);
	desk_a = desk_b = NULL;
	return 0;
}

static void wc_save(lf_store *st, const char *name, const char *id_number)
{
	lf_registration r = {.receptionist = "wangfang", .received_on = "2026-11-23", .name = name, .sex = "男",
	                     .id_number = id_number, .content = "反映小区停车问题"};
	lf_saved_case c;
	if (lf_store_save_registration(st, &r, &c) != LF_STORE_OK)
		fail_msg("save: %s", lf_store_errmsg(st));
}

/* Ask up to about two seconds (a notification travels through the
 * server); true as soon as a change is seen. */
static bool wc_seen(lf_store *st)
{
	for (int i = 0; i < 40; i++) {
		if (lf_store_changed_elsewhere(st))
			return true;
		nanosleep(&(struct timespec){.tv_nsec = 50 * 1000 * 1000}, NULL);
	}
	return false;
}

/* Nothing seen for a while (a third of a second, asked every 50 ms). */
static bool wc_quiet(lf_store *st)
{
	for (int i = 0; i < 7; i++) {
		if (lf_store_changed_elsewhere(st))
			return false;
		nanosleep(&(struct timespec){.tv_nsec = 50 * 1000 * 1000}, NULL);
	}
	return true;
}

/* Nothing changed: nothing to see, however often one asks. */
static void test_watch_quiet(void **state)
{
	(void)state;
	assert_true(wc_quiet(desk_a));
	assert_true(wc_quiet(desk_b));
}

/* Desk B saves: desk A sees it once, desk B does not (its own work). */
static void test_watch_other_desk(void **state)
{
	(void)state;
	wc_save(desk_b, "张三", "440104198501011234");
	assert_true(wc_seen(desk_a));
	assert_true(wc_quiet(desk_a)); /* seen once, then quiet again */
	assert_true(wc_quiet(desk_b));
	wc_save(desk_a, "李四", "11010519491231002X");
	assert_true(wc_seen(desk_b));
	assert_true(wc_quiet(desk_a));
	/* Several saves between two looks are seen (on PostgreSQL each commit
	 * is a notification of its own, which may come a moment apart: those
	 * are let arrive and read), and then all is quiet again. */
	wc_save(desk_b, "王五", "440106198001010019");
	wc_save(desk_b, "赵六", "440106198001010027");
	assert_true(wc_seen(desk_a));
	nanosleep(&(struct timespec){.tv_nsec = 300 * 1000 * 1000}, NULL);
	lf_store_changed_elsewhere(desk_a);
	assert_true(wc_quiet(desk_a));
}

/* A batch rolled back changed nothing: nothing to see. */
static void test_watch_rollback(void **state)
{
	(void)state;
	assert_int_equal(lf_store_begin(desk_b), LF_STORE_OK);
	wc_save(desk_b, "钱七", "440106198001010035");
	lf_store_rollback(desk_b);
	assert_true(wc_quiet(desk_a));
	/* and committed, it is seen */
	assert_int_equal(lf_store_begin(desk_b), LF_STORE_OK);
	wc_save(desk_b, "钱七", "440106198001010035");
	assert_int_equal(lf_store_commit(desk_b), LF_STORE_OK);
	assert_true(wc_seen(desk_a));
}

/* A change made behind laifang's back (another program, psql, sqlite3)
 * is seen too. */
static void test_watch_other_writer(void **state)
{
	(void)state;
	wc_save(desk_b, "孙八", "440106198001010043");
	assert_true(wc_seen(desk_a));
	assert_true(wc_quiet(desk_b)); /* its own save */
	raw_touch();
	assert_true(wc_seen(desk_a));
	assert_true(wc_seen(desk_b));
}

#define WATCH_TESTS                                                              \
	cmocka_unit_test_setup_teardown(test_watch_quiet, wc_setup, wc_teardown),        \
	cmocka_unit_test_setup_teardown(test_watch_other_desk, wc_setup, wc_teardown),   \
	cmocka_unit_test_setup_teardown(test_watch_rollback, wc_setup, wc_teardown),     \
	cmocka_unit_test_setup_teardown(test_watch_other_writer, wc_setup, wc_teardown)

#endif
