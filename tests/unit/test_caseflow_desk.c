/* The desk around the steps, through core against a temporary database:
 * queues as each role sees them (visibility, the role's own filter, urgent
 * cases first, supervision by due date), group petitions (five
 * representatives, the headcount), the reception day's waiting flow and
 * its warning, requests for instructions, supervision notes, and the
 * calendar import. */
#include "caseflow_fixture.h"

/* ---- queues ---- */

static void test_visibility(void **state)
{
	(void)state;
	static const struct {
		unsigned roles;
		const char *sees; /* one letter a queue, in lf_queue_id order, '.' hidden */
	} table[] = {
		{LF_ROLE_CLERK, ".............."},       {LF_ROLE_LEADER, "....x....x...."},
		{LF_ROLE_SUPERVISOR, "xxxx..x...xxx."}, {LF_ROLE_HANDLER, ".....x........"},
		{LF_ROLE_ARCHIVIST, ".......xx....."},  {LF_ROLE_ADMIN, "xxxxxxxxx.xxxx"},
		{LF_ROLE_UNIT_HEAD, ".............x"},
	};
	for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
		assert_int_equal(strlen(table[i].sees), LF_Q_COUNT);
		lf_user u = {.roles = table[i].roles, .active = true};
		for (int q = 0; q < LF_Q_COUNT; q++)
			if (lf_queue_visible(&u, (lf_queue_id)q) != (table[i].sees[q] == 'x'))
				fail_msg("roles %u, queue %s", table[i].roles, lf_queue_key((lf_queue_id)q));
		u.active = false;
		for (int q = 0; q < LF_Q_COUNT; q++)
			assert_false(lf_queue_visible(&u, (lf_queue_id)q));
	}
	assert_false(lf_queue_visible(NULL, LF_Q_SCREENING));
	for (int q = 0; q < LF_Q_COUNT; q++) {
		lf_queue_id back;
		assert_true(lf_queue_parse(lf_queue_key((lf_queue_id)q), &back));
		assert_int_equal(back, q);
		assert_non_null(lf_queue_label((lf_queue_id)q));
	}
	lf_queue_id none;
	assert_false(lf_queue_parse("nope", &none));
}

typedef struct rows {
	int n;
	char no[8][16];
	char case_id[8][37];
} rows;

static int take_row(const lf_queue_row *r, void *ud)
{
	rows *w = ud;
	if (w->n < 8) {
		snprintf(w->no[w->n], sizeof w->no[0], "%s", r->case_no);
		snprintf(w->case_id[w->n], sizeof w->case_id[0], "%s", r->case_id);
	}
	w->n++;
	return 0;
}

static rows queue_as(lf_store *st, const char *login, lf_queue_id q)
{
	lf_user u = as(st, login);
	lf_queue_filter f;
	char msg[512];
	if (!lf_queue_filter_for(st, &u, q, &f, msg, sizeof msg))
		fail_msg("queue %s for %s: %s", lf_queue_key(q), login, msg);
	rows w;
	memset(&w, 0, sizeof w);
	assert_int_equal(lf_store_queue(st, &f, take_row, &w), LF_STORE_OK);
	long count = -1;
	assert_int_equal(lf_store_queue_count(st, &f, &count), LF_STORE_OK);
	assert_int_equal(count, w.n);
	lf_user_free(&u);
	return w;
}

static void test_queues(void **state)
{
	fixture *t = *state;
	char msg[512];
	today("2024-03-01");
	lf_saved_case a = register_case(t->st, "甲", "一");
	lf_saved_case b = register_case(t->st, "乙", "二");
	lf_saved_case c = register_case(t->st, "丙", "三");

	/* Screening holds all three in number order; the urgent one first. */
	rows w = queue_as(t->st, "sun", LF_Q_SCREENING);
	assert_int_equal(w.n, 3);
	assert_string_equal(w.no[0], a.case_no);
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_set_flags(t->st, &sun, c.case_id, 1, -1, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun);
	w = queue_as(t->st, "sun", LF_Q_SCREENING);
	assert_string_equal(w.no[0], c.case_no);
	assert_string_equal(w.no[1], a.case_no);
	assert_string_equal(w.no[2], b.case_no);

	/* Routing: accepted ones. */
	STEP_OK(t->st, "sun", a.case_id, LF_STEP_ACCEPT, NULL);
	STEP_OK(t->st, "sun", b.case_id, LF_STEP_ACCEPT, NULL);
	w = queue_as(t->st, "sun", LF_Q_ROUTING);
	assert_int_equal(w.n, 2);
	assert_int_equal(queue_as(t->st, "sun", LF_Q_SCREENING).n, 1);

	/* a to the peer agency (zhou's unit), b in-house (qian's): each handler
	 * sees their own unit's case. */
	lf_step_args peer = {.unit = U_PEER}, dept = {.unit = U_DEPT};
	STEP_OK(t->st, "sun", a.case_id, LF_STEP_TRANSFER, &peer);
	STEP_OK(t->st, "sun", b.case_id, LF_STEP_IN_HOUSE, &dept);
	w = queue_as(t->st, "sun", LF_Q_TRANSFER);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.no[0], a.case_no);
	w = queue_as(t->st, "zhou", LF_Q_HANDLING);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.no[0], a.case_no);
	w = queue_as(t->st, "qian", LF_Q_HANDLING);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.no[0], b.case_no);
	/* The administrator reads every queue, unfiltered. */
	assert_int_equal(queue_as(t->st, "admin", LF_Q_HANDLING).n, 2);
	/* Each unit takes its case up: their 5 working days to object stop. */
	STEP_OK(t->st, "zhou", a.case_id, LF_STEP_TAKE_UP, NULL);
	STEP_OK(t->st, "qian", b.case_id, LF_STEP_TAKE_UP, NULL);

	/* Roles refused a queue get the reason. */
	lf_user zhang = as(t->st, "zhang");
	lf_queue_filter f;
	assert_false(lf_queue_filter_for(t->st, &zhang, LF_Q_SCREENING, &f, msg, sizeof msg));
	assert_non_null(strstr(msg, "not allowed"));
	lf_user_free(&zhang);

	/* A leader asked for an instruction finds the case in their queue,
	 * and another leader does not. */
	lf_user zhou = as(t->st, "zhou");
	assert_int_equal(lf_case_request_instruction(t->st, &zhou, b.case_id, "wang", msg, sizeof msg),
	                 LF_STORE_DENIED);
	lf_user_free(&zhou);
	sun = as(t->st, "sun");
	assert_int_equal(lf_case_request_instruction(t->st, &sun, b.case_id, "zhang", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_case_request_instruction(t->st, &sun, b.case_id, "wang", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun);
	w = queue_as(t->st, "wang", LF_Q_INSTRUCTIONS);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.no[0], b.case_no);
	assert_int_equal(queue_as(t->st, "zhao", LF_Q_INSTRUCTIONS).n, 0);

	/* Supervision: due within 2 working days or overdue. c was due to be
	 * routed on 03-18 (03-16 is a Saturday) and is overdue; a and b are
	 * due 04-30. On Friday 04-26 two working days reach Monday 04-29
	 * (Sunday 04-28 is a make-up day): only c. On 04-28 they reach 04-30:
	 * all three, the urgent c first. */
	today("2024-04-26");
	w = queue_as(t->st, "sun", LF_Q_SUPERVISION);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.no[0], c.case_no);
	today("2024-04-28");
	w = queue_as(t->st, "sun", LF_Q_SUPERVISION);
	assert_int_equal(w.n, 3);
	assert_string_equal(w.no[0], c.case_no);
	assert_string_equal(w.no[1], a.case_no);
	assert_string_equal(w.no[2], b.case_no);

	sun = as(t->st, "sun");
	assert_int_equal(lf_case_supervise(t->st, &sun, a.case_id, "请于本周内办结。", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_case_supervise(t->st, &sun, a.case_id, "", msg, sizeof msg), LF_STORE_INVALID);
	lf_user_free(&sun);
	assert_string_equal(event_of(t->st, a.case_id, "supervise").text, "请于本周内办结。");
}

/* ---- group petitions ---- */

static void test_group(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "代表一", "集体反映小区停水");
	static const char *const ids[] = {"110105195001010127", "110105196003030126", "110105197004040128",
	                                  "11010519800505012X", "110105199006060121"};
	lf_user zhou = as(t->st, "zhou");
	assert_int_equal(lf_case_add_representative(t->st, &zhou, c.case_id, ids[0], "代表二", "女", NULL, NULL, msg,
	                                            sizeof msg),
	                 LF_STORE_DENIED);
	lf_user_free(&zhou);
	lf_user zhang = as(t->st, "zhang");
	int before = n_audit(t->st);
	assert_int_equal(lf_case_add_representative(t->st, &zhang, c.case_id, "110105194912310020", "代表二", "女",
	                                            NULL, NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "ID number"));
	assert_int_equal(lf_case_add_representative(t->st, &zhang, c.case_id, ids[0], "", "女", NULL, NULL, msg,
	                                            sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "name"));
	assert_int_equal(n_audit(t->st), before);
	/* The visitor who registered is the first; four more make five. */
	for (int i = 0; i < 4; i++) {
		char name[32];
		snprintf(name, sizeof name, "代表%d", i + 2);
		if (lf_case_add_representative(t->st, &zhang, c.case_id, ids[i], name, NULL, "13812345678", "广州市",
		                               msg, sizeof msg) != LF_STORE_OK)
			fail_msg("representative %d: %s", i + 2, msg);
	}
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_int_equal(f.representatives, 5);
	assert_true(f.headcount >= 5);
	lf_case_flow_free(&f);
	before = n_audit(t->st);
	assert_int_equal(lf_case_add_representative(t->st, &zhang, c.case_id, ids[4], "代表六", NULL, NULL, NULL, msg,
	                                            sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "5"));
	assert_non_null(strstr(msg, "art. 20"));
	assert_null(strstr(msg, "seed"));
	assert_non_null(strstr(msg, "headcount"));
	assert_int_equal(n_audit(t->st), before);

	/* The rest are counted. */
	assert_int_equal(lf_case_set_headcount(t->st, &zhang, c.case_id, 4, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "5"));
	assert_int_equal(lf_case_set_headcount(t->st, &zhang, c.case_id, 0, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(lf_case_set_headcount(t->st, &zhang, c.case_id, 32, msg, sizeof msg), LF_STORE_OK);
	f = flow_of(t->st, c.case_id);
	assert_int_equal(f.headcount, 32);
	assert_int_equal(f.representatives, 5);
	lf_case_flow_free(&f);
	lf_user_free(&zhang);
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_set_headcount(t->st, &sun, c.case_id, 40, msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&sun);
}

/* ---- the reception day ---- */

static lf_store_err visit_as(lf_store *st, const char *login, const char *case_id, lf_visit_step s, char *msg,
                             size_t len)
{
	lf_user u = as(st, login);
	lf_store_err e = lf_case_visit(st, &u, case_id, s, msg, len);
	lf_user_free(&u);
	return e;
}

static void expect_visit(lf_store *st, const char *case_id, const char *visit)
{
	lf_case_flow f = flow_of(st, case_id);
	assert_string_equal(f.visit_state, visit);
	lf_case_flow_free(&f);
}

static void test_visit(void **state)
{
	fixture *t = *state;
	char msg[512];
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "候谈甲", "咨询政策");
	lf_saved_case d = register_case(t->st, "候谈乙", "咨询政策");
	int before = n_audit(t->st);
	assert_int_equal(visit_as(t->st, "zhang", c.case_id, LF_VISIT_INTERVIEW, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(visit_as(t->st, "zhang", c.case_id, LF_VISIT_DONE, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(visit_as(t->st, "wang", c.case_id, LF_VISIT_WAIT, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(visit_as(t->st, "sun", c.case_id, LF_VISIT_WAIT, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(n_audit(t->st), before);

	assert_int_equal(visit_as(t->st, "zhang", c.case_id, LF_VISIT_WAIT, msg, sizeof msg), LF_STORE_OK);
	expect_visit(t->st, c.case_id, "waiting");
	assert_int_equal(visit_as(t->st, "zhang", c.case_id, LF_VISIT_WAIT, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(visit_as(t->st, "zhang", d.case_id, LF_VISIT_WAIT, msg, sizeof msg), LF_STORE_OK);

	/* Two wait; the office says one is on duty: a warning. */
	lf_user admin = as(t->st, "admin");
	assert_int_equal(lf_store_setting_set(t->st, "staff_on_duty", "1"), LF_STORE_OK);
	lf_user_free(&admin);
	int waiting = -1, staff = -1;
	assert_true(lf_waiting_warning(t->st, "2024-03-01", &waiting, &staff, msg, sizeof msg));
	assert_int_equal(waiting, 2);
	assert_int_equal(staff, 1);
	assert_non_null(strstr(msg, "2"));

	/* The leader interviews one; the other is persuaded to return. */
	assert_int_equal(visit_as(t->st, "sun", c.case_id, LF_VISIT_INTERVIEW, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(visit_as(t->st, "wang", c.case_id, LF_VISIT_INTERVIEW, msg, sizeof msg), LF_STORE_OK);
	expect_visit(t->st, c.case_id, "interview");
	assert_int_equal(visit_as(t->st, "zhang", d.case_id, LF_VISIT_RETURNED, msg, sizeof msg), LF_STORE_OK);
	expect_visit(t->st, d.case_id, "returned");
	assert_int_equal(visit_as(t->st, "zhang", d.case_id, LF_VISIT_INTERVIEW, msg, sizeof msg), LF_STORE_INVALID);
	assert_false(lf_waiting_warning(t->st, "2024-03-01", &waiting, &staff, msg, sizeof msg));
	assert_int_equal(waiting, 1);
	assert_string_equal(msg, "");
	assert_int_equal(visit_as(t->st, "wang", c.case_id, LF_VISIT_DONE, msg, sizeof msg), LF_STORE_OK);
	expect_visit(t->st, c.case_id, "done");
	assert_int_equal(visit_as(t->st, "wang", c.case_id, LF_VISIT_RETURNED, msg, sizeof msg), LF_STORE_INVALID);
	assert_false(lf_waiting_warning(t->st, "2024-03-01", &waiting, &staff, msg, sizeof msg));
	assert_int_equal(waiting, 0);
}

/* Without the setting, staff are the clerks and leaders who logged in. */
static void test_staff_logged_in(void **state)
{
	fixture *t = *state;
	char msg[512];
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "候谈丙", "咨询");
	assert_int_equal(visit_as(t->st, "zhang", c.case_id, LF_VISIT_WAIT, msg, sizeof msg), LF_STORE_OK);
	int waiting = -1, staff = -1;
	assert_true(lf_waiting_warning(t->st, "2024-03-01", &waiting, &staff, msg, sizeof msg));
	assert_int_equal(staff, 0);
	/* The clerk logs in (the store's record of a success), and a handler,
	 * who is not reception staff. */
	lf_user zhang = as(t->st, "zhang");
	assert_int_equal(lf_store_user_login_ok(t->st, zhang.id), LF_STORE_OK);
	lf_user_free(&zhang);
	lf_user zhou = as(t->st, "zhou");
	assert_int_equal(lf_store_user_login_ok(t->st, zhou.id), LF_STORE_OK);
	lf_user_free(&zhou);
	assert_false(lf_waiting_warning(t->st, "2024-03-01", &waiting, &staff, msg, sizeof msg));
	assert_int_equal(waiting, 1);
	assert_int_equal(staff, 1);
}

/* ---- the calendar import ---- */

static void test_calendar_import(void **state)
{
	fixture *t = *state;
	char msg[512];
	today("2026-11-23");
	static const char good[] = "date\tkind\tname\n2027-02-06\tholiday\t春节\n2027-02-20\tworkday\t春节\n";
	static const char bad[] = "date\tkind\tname\n2027-02-06\tholiday\t春节\n2027-02-31\tholiday\t春节\n";
	int days = -1;
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_calendar_import(t->st, &sun, good, strlen(good), &days, msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&sun);
	lf_user admin = as(t->st, "admin");
	int before = n_audit(t->st);
	assert_int_equal(lf_calendar_import(t->st, &admin, bad, strlen(bad), &days, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "line 3"));
	assert_int_equal(lf_calendar_import(t->st, &admin, "", 0, &days, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(n_audit(t->st), before);
	assert_int_equal(lf_calendar_last_year(lf_office_calendar(t->st)), 2026);

	assert_int_equal(lf_calendar_import(t->st, &admin, good, strlen(good), &days, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(days, 2);
	lf_user_free(&admin);
	const lf_calendar *cal = lf_office_calendar(t->st);
	assert_int_equal(lf_calendar_last_year(cal), 2027);
	assert_false(lf_calendar_is_workday(cal, (lf_date){2027, 2, 6}));
	assert_true(lf_calendar_is_workday(cal, (lf_date){2027, 2, 20}));
	/* The built-in years stay, and another handle on the file sees them. */
	assert_false(lf_calendar_is_workday(cal, (lf_date){2024, 2, 12}));
	lf_store *other = lf_store_open(t->db, NULL, msg, sizeof msg);
	assert_non_null(other);
	assert_int_equal(lf_calendar_last_year(lf_office_calendar(other)), 2027);
	lf_store_close(other);
	/* The built-in calendar itself is untouched. */
	assert_int_equal(lf_calendar_last_year(lf_calendar_builtin()), 2026);
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_visibility),
		cmocka_unit_test_setup_teardown(test_queues, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_group, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_visit, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_staff_logged_in, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_calendar_import, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
