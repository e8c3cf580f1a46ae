/* Saved views (issue 12, views.h): a supervisor saves "due within 3
 * working days, my unit" on 督办 and opens it to exactly the rows that
 * filter gives by hand; another user's private view is neither listed nor
 * found nor deleted; a shared one is listed to those who see its queue and
 * changed by its owner only; a stored filter edited behind laifang's back
 * (an unknown queue, a due window out of range, a unit gone or made
 * inactive, a date that is not one) is reported, never run; names are
 * checked; save, rename and delete are audited. */
#include "caseflow_fixture.h"

#include "laifang/views.h"

#define S(x) (1u << (x))

typedef struct world {
	char a[16], b[16], c[16], d[16], e[16];
	char dept_id[37];
} world;

static world W;

/* Five cases registered on 2026-11-02; on 2026-11-23 (a Monday, three
 * working days ahead: 11-26) A (due 11-25) and D (due 11-20, overdue) are
 * 综合科's and due; B is 综合科's but due 12-18; C is another unit's; E
 * has no unit. */
static int setup(void **state)
{
	if (cf_setup(state))
		return -1;
	fixture *t = *state;
	lf_unit u;
	if (lf_store_unit_get(t->st, U_DEPT, &u) != LF_STORE_OK)
		return -1;
	snprintf(W.dept_id, sizeof W.dept_id, "%s", u.id);
	lf_unit_free(&u);
	/* 林督办, a supervisor of 综合科 (孙七 of the fixture has no unit). */
	if (lf_store_user_add(t->st, "lin", "林督办", NULL, W.dept_id, LF_ROLE_SUPERVISOR, "x", NULL) != LF_STORE_OK)
		return -1;
	today("2026-11-02");
	struct {
		char *no;
		const char *unit, *due;
		lf_step step;
	} c[] = {
		{W.a, U_DEPT, "2026-11-25", LF_STEP_IN_HOUSE}, {W.b, U_DEPT, "2026-12-18", LF_STEP_IN_HOUSE},
		{W.c, U_PEER, "2026-11-24", LF_STEP_TRANSFER}, {W.d, U_DEPT, "2026-11-20", LF_STEP_IN_HOUSE},
		{W.e, NULL, NULL, LF_STEP_COUNT},
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		lf_saved_case s = register_case(t->st, "陈来访", "反映小区道路积水问题");
		snprintf(c[i].no, 16, "%s", s.case_no);
		if (c[i].step == LF_STEP_COUNT)
			continue;
		STEP_OK(t->st, "sun", s.case_id, LF_STEP_ACCEPT, NULL);
		lf_step_args to = {.unit = c[i].unit, .due = c[i].due};
		STEP_OK(t->st, "sun", s.case_id, c[i].step, &to);
		if (c[i].step == LF_STEP_IN_HOUSE)
			STEP_OK(t->st, "qian", s.case_id, LF_STEP_TAKE_UP, NULL);
	}
	today("2026-11-23");
	return 0;
}

typedef struct rows {
	int n;
	char no[32][16];
} rows;

static int collect(const lf_queue_row *r, void *ud)
{
	rows *x = ud;
	if (x->n < 32)
		snprintf(x->no[x->n++], 16, "%s", r->case_no);
	return 0;
}

static rows rows_of(fixture *t, const lf_queue_filter *f)
{
	rows x = {0};
	assert_int_equal(lf_queue_each(t->st, f, collect, &x), LF_STORE_OK);
	return x;
}

static bool has(const rows *x, const char *no)
{
	for (int i = 0; i < x->n; i++)
		if (!strcmp(x->no[i], no))
			return true;
	return false;
}

static void due3_mine(lf_view_filter *vf)
{
	lf_view_filter_init(vf, LF_Q_SUPERVISION);
	vf->due_within = 3;
	vf->my_unit = true;
}

static long long audit_count(fixture *t, const char *action)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE action = '%s'", action);
	return sf_raw(t->db, sql, NULL, 0);
}

typedef struct names {
	int n;
	char name[16][64];
	bool mine[16];
	char problem[16][256];
} names;

static int list_one(const lf_saved_view *v, void *ud)
{
	names *x = ud;
	assert_int_equal(v->number, x->n + 1);
	if (x->n < 16) {
		snprintf(x->name[x->n], 64, "%s", v->name);
		x->mine[x->n] = v->mine;
		snprintf(x->problem[x->n], 256, "%s", v->problem);
		x->n++;
	}
	return 0;
}

static names list_as(fixture *t, const lf_user *u)
{
	names x = {0};
	char msg[512];
	assert_int_equal(lf_views_each(t->st, u, list_one, &x, msg, sizeof msg), LF_STORE_OK);
	return x;
}

static void test_save_list_open(void **state)
{
	fixture *t = *state;
	char msg[1024];
	lf_user lin = as(t->st, "lin");
	lf_view_filter vf;
	due3_mine(&vf);
	assert_int_equal(lf_view_save(t->st, &lin, "三日内到期·本处室", &vf, false, false, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(audit_count(t, "view.save"), 1);
	names l = list_as(t, &lin);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.name[0], "三日内到期·本处室");
	assert_true(l.mine[0]);
	assert_string_equal(l.problem[0], "");
	/* The row is columns, not SQL. */
	assert_int_equal(sf_raw(t->db, "SELECT due_within FROM saved_view", NULL, 0), 3);
	char buf[64];
	sf_raw(t->db, "SELECT queue || '/' || my_unit || '/' || coalesce(unit_id, '-') FROM saved_view", buf, sizeof buf);
	assert_string_equal(buf, "supervision/1/-");

	/* By its number and by its name: the same view. */
	lf_saved_view sv;
	assert_int_equal(lf_view_find(t->st, &lin, "1", &sv, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(sv.name, "三日内到期·本处室");
	lf_saved_view_free(&sv);
	assert_int_equal(lf_view_find(t->st, &lin, "三日内到期·本处室", &sv, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(sv.filter.queue, LF_Q_SUPERVISION);
	assert_int_equal(sv.filter.due_within, 3);
	assert_true(sv.filter.my_unit);

	/* Opened: exactly the rows of the filter applied by hand. */
	lf_view_query q;
	assert_true(lf_view_query_make(t->st, &lin, &sv.filter, &q, msg, sizeof msg));
	rows got = rows_of(t, &q.f);
	lf_queue_filter hand;
	assert_true(lf_queue_filter_for(t->st, &lin, LF_Q_SUPERVISION, &hand, msg, sizeof msg));
	hand.unit_id = W.dept_id;
	hand.due_before = "2026-11-26";
	rows want = rows_of(t, &hand);
	assert_int_equal(got.n, want.n);
	for (int i = 0; i < got.n; i++)
		assert_string_equal(got.no[i], want.no[i]);
	assert_int_equal(got.n, 2);
	assert_true(has(&got, W.a));
	assert_true(has(&got, W.d));
	assert_false(has(&got, W.b) || has(&got, W.c) || has(&got, W.e));
	/* Overdue first: D (11-20) then A (11-25). */
	assert_string_equal(got.no[0], W.d);
	lf_saved_view_free(&sv);

	/* A day later the window moves with the calendar (11-24 + 3 = 11-27). */
	today("2026-11-24");
	assert_true(lf_view_query_make(t->st, &lin, &vf, &q, msg, sizeof msg));
	assert_string_equal(q.due_before, "2026-11-27");
	today("2026-11-23");

	/* The same name again: refused, unless replaced. */
	vf.due_within = 10;
	assert_int_equal(lf_view_save(t->st, &lin, "三日内到期·本处室", &vf, false, false, msg, sizeof msg),
	                 LF_STORE_CONFLICT);
	assert_int_equal(lf_view_save(t->st, &lin, "三日内到期·本处室", &vf, false, true, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM saved_view", NULL, 0), 1);
	assert_int_equal(sf_raw(t->db, "SELECT due_within FROM saved_view", NULL, 0), 10);

	/* Rename, then delete: audited, gone. */
	assert_int_equal(lf_view_rename(t->st, &lin, "1", "十日内", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(audit_count(t, "view.rename"), 1);
	assert_int_equal(lf_view_find(t->st, &lin, "十日内", &sv, msg, sizeof msg), LF_STORE_OK);
	lf_saved_view_free(&sv);
	assert_int_equal(lf_view_delete(t->st, &lin, "十日内", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(audit_count(t, "view.delete"), 1);
	assert_int_equal(list_as(t, &lin).n, 0);
	assert_int_equal(lf_view_find(t->st, &lin, "十日内", &sv, msg, sizeof msg), LF_STORE_NOTFOUND);
	lf_user_free(&lin);
}

static void test_names_and_values(void **state)
{
	fixture *t = *state;
	char msg[1024];
	lf_user lin = as(t->st, "lin");
	lf_view_filter vf;
	due3_mine(&vf);
	const char *bad[] = {"", "   ", "12", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(lf_view_save(t->st, &lin, bad[i], &vf, false, false, msg, sizeof msg), LF_STORE_INVALID);
	/* Control characters are cleaned out of a name, not stored. */
	assert_int_equal(lf_view_save(t->st, &lin, "\033[31m红\t色 ", &vf, false, false, msg, sizeof msg), LF_STORE_OK);
	char buf[64];
	sf_raw(t->db, "SELECT name FROM saved_view", buf, sizeof buf);
	assert_string_equal(buf, "红 色");
	/* Values a view does not keep. */
	lf_view_filter v2 = vf;
	v2.due_within = LF_VIEW_DUE_MAX + 1;
	assert_int_equal(lf_view_save(t->st, &lin, "甲", &v2, false, false, msg, sizeof msg), LF_STORE_INVALID);
	v2 = vf;
	snprintf(v2.unit_id, sizeof v2.unit_id, "%s", W.dept_id); /* and my_unit */
	assert_int_equal(lf_view_save(t->st, &lin, "甲", &v2, false, false, msg, sizeof msg), LF_STORE_INVALID);
	v2 = vf;
	snprintf(v2.from, sizeof v2.from, "2026-02-30");
	assert_int_equal(lf_view_save(t->st, &lin, "甲", &v2, false, false, msg, sizeof msg), LF_STORE_INVALID);
	v2 = vf;
	snprintf(v2.from, sizeof v2.from, "2026-12-01");
	snprintf(v2.to, sizeof v2.to, "2026-11-01");
	assert_int_equal(lf_view_save(t->st, &lin, "甲", &v2, false, false, msg, sizeof msg), LF_STORE_INVALID);
	/* A queue the user does not see: a clerk's view of 督办. */
	lf_user zhang = as(t->st, "zhang");
	assert_int_equal(lf_view_save(t->st, &zhang, "甲", &vf, false, false, msg, sizeof msg), LF_STORE_DENIED);
	/* "My unit" for someone who has none names nothing: refused at open. */
	lf_user sun = as(t->st, "sun");
	lf_view_query q;
	assert_false(lf_view_query_make(t->st, &sun, &vf, &q, msg, sizeof msg));
	assert_non_null(strstr(msg, "unit"));
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM saved_view", NULL, 0), 1);
	lf_user_free(&sun);
	lf_user_free(&zhang);
	lf_user_free(&lin);
}

static void test_private_and_shared(void **state)
{
	fixture *t = *state;
	char msg[1024];
	lf_user lin = as(t->st, "lin");
	lf_view_filter vf;
	due3_mine(&vf);
	assert_int_equal(lf_view_save(t->st, &lin, "私人", &vf, false, false, msg, sizeof msg), LF_STORE_OK);
	lf_view_filter all;
	lf_view_filter_init(&all, LF_Q_SCREENING);
	assert_int_equal(lf_view_save(t->st, &lin, "共享", &all, true, false, msg, sizeof msg), LF_STORE_OK);

	/* Another supervisor: the shared view only, never the private one. */
	lf_user sun = as(t->st, "sun");
	names l = list_as(t, &sun);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.name[0], "共享");
	assert_false(l.mine[0]);
	lf_saved_view sv;
	assert_int_equal(lf_view_find(t->st, &sun, "私人", &sv, msg, sizeof msg), LF_STORE_NOTFOUND);
	assert_int_equal(lf_view_delete(t->st, &sun, "私人", msg, sizeof msg), LF_STORE_NOTFOUND);
	/* The shared one is lin's: sun opens it, but neither renames nor deletes it. */
	assert_int_equal(lf_view_find(t->st, &sun, "1", &sv, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(sv.name, "共享");
	lf_saved_view_free(&sv);
	assert_int_equal(lf_view_delete(t->st, &sun, "共享", msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(lf_view_rename(t->st, &sun, "共享", "我的", msg, sizeof msg), LF_STORE_DENIED);
	/* sun's own view of the same name comes first for sun. */
	assert_int_equal(lf_view_save(t->st, &sun, "共享", &all, false, false, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_view_find(t->st, &sun, "共享", &sv, msg, sizeof msg), LF_STORE_OK);
	assert_true(sv.mine);
	assert_int_equal(sv.number, 1);
	lf_saved_view_free(&sv);
	assert_int_equal(list_as(t, &sun).n, 2);

	/* A clerk sees no queue of these: no view listed. A handler may not
	 * share (route), and sees the handling queue only. */
	lf_user zhang = as(t->st, "zhang");
	assert_int_equal(list_as(t, &zhang).n, 0);
	lf_user qian = as(t->st, "qian");
	lf_view_filter h;
	lf_view_filter_init(&h, LF_Q_HANDLING);
	h.due_within = 5;
	assert_int_equal(lf_view_save(t->st, &qian, "本科室", &h, true, false, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(lf_view_save(t->st, &qian, "本科室", &h, false, false, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM saved_view WHERE shared = 1", NULL, 0), 1);
	lf_user_free(&qian);
	lf_user_free(&zhang);
	lf_user_free(&sun);
	lf_user_free(&lin);
}

/* A row edited behind laifang's back: listed with its reason, not opened. */
static void expect_problem(fixture *t, const lf_user *u, const char *sql, const char *word)
{
	assert_int_equal(sf_exec(t->db, sql), 0);
	names l = list_as(t, u);
	assert_int_equal(l.n, 1);
	if (!strstr(l.problem[0], word))
		fail_msg("after %s: problem [%s], wanted [%s]", sql, l.problem[0], word);
	lf_saved_view sv;
	char msg[512];
	assert_int_equal(lf_view_find(t->st, u, "1", &sv, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(sv.problem, l.problem[0]);
	lf_saved_view_free(&sv);
}

static void test_bad_stored_filter(void **state)
{
	fixture *t = *state;
	char msg[1024];
	lf_user lin = as(t->st, "lin");
	lf_view_filter vf;
	lf_view_filter_init(&vf, LF_Q_SUPERVISION);
	snprintf(vf.unit_id, sizeof vf.unit_id, "%s", W.dept_id);
	assert_int_equal(lf_view_save(t->st, &lin, "综合科", &vf, false, false, msg, sizeof msg), LF_STORE_OK);
	names l = list_as(t, &lin);
	assert_string_equal(l.problem[0], "");
	expect_problem(t, &lin, "UPDATE saved_view SET queue = 'x''; DROP TABLE case_file; --'", "queue");
	expect_problem(t, &lin, "UPDATE saved_view SET queue = 'supervision', due_within = 999", "due");
	expect_problem(t, &lin, "UPDATE saved_view SET due_within = NULL, received_from = '2026-13-45'", "date");
	expect_problem(t, &lin, "UPDATE saved_view SET received_from = NULL, keyword = 'a' || char(10) || 'b'",
	               "keyword");
	expect_problem(t, &lin, "UPDATE saved_view SET keyword = NULL; UPDATE unit SET active = 0 WHERE name = '" U_DEPT "'",
	               "inactive");
	expect_problem(t, &lin, "UPDATE unit SET active = 1; UPDATE saved_view SET unit_id = 'no-such-unit'", "directory");
	expect_problem(t, &lin, "UPDATE saved_view SET unit_id = NULL, leader_id = 'nobody'", "leader");
	/* The case table is still there, and a good row opens again. */
	assert_int_equal(sf_exec(t->db, "UPDATE saved_view SET leader_id = NULL"), 0);
	l = list_as(t, &lin);
	assert_string_equal(l.problem[0], "");
	assert_true(sf_raw(t->db, "SELECT count(*) FROM case_file", NULL, 0) >= 5);
	/* The owner still deletes a broken view. */
	assert_int_equal(sf_exec(t->db, "UPDATE saved_view SET queue = 'gone'"), 0);
	assert_int_equal(lf_view_delete(t->st, &lin, "综合科", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&lin);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_save_list_open, setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_names_and_values, setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_private_and_shared, setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_bad_stored_filter, setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
