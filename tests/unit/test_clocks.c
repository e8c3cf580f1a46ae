/* A case's clocks (issue 11): they run side by side, each with its start,
 * rule, due date, basis and stop; the queues use the earliest running one;
 * statistics count each as met, missed or running; an extension is
 * approved by the office's head, never by the person who asks; a due date
 * set by a person on a day off is a question. Chinese data, fixed days. */
#include "caseflow_fixture.h"

#include <sqlite3.h>

#include "laifang/case_clocks.h"
#include "laifang/clocks.h"
#include "laifang/stats.h"
#include "laifang/store_clocks.h"

/* A case's clocks as read back. */
typedef struct clock_list {
	size_t n;
	struct {
		char rule[16], start[11], due[11], state[16], stop[11], reason[32], basis[256];
		long long ref;
	} c[16];
} clock_list;

static int add_clock(const lf_clock_row *r, void *ud)
{
	clock_list *l = ud;
	if (l->n < 16) {
		snprintf(l->c[l->n].rule, sizeof l->c[l->n].rule, "%s", r->rule);
		snprintf(l->c[l->n].start, sizeof l->c[l->n].start, "%s", r->start);
		snprintf(l->c[l->n].due, sizeof l->c[l->n].due, "%s", r->due);
		snprintf(l->c[l->n].state, sizeof l->c[l->n].state, "%s", r->state);
		snprintf(l->c[l->n].stop, sizeof l->c[l->n].stop, "%s", r->stop ? r->stop : "");
		snprintf(l->c[l->n].reason, sizeof l->c[l->n].reason, "%s", r->stop_reason ? r->stop_reason : "");
		lf_clock_basis_say(r->basis, l->c[l->n].basis, sizeof l->c[l->n].basis);
		l->c[l->n].ref = r->ref;
		l->n++;
	}
	return 0;
}

static clock_list clocks_of(lf_store *st, const char *case_id)
{
	clock_list l;
	memset(&l, 0, sizeof l);
	assert_int_equal(lf_store_case_clocks(st, case_id, add_clock, &l), LF_STORE_OK);
	return l;
}

/* The index of the (last) clock of a rule, or fail. */
static size_t clock_at(const clock_list *l, const char *rule)
{
	size_t found = l->n;
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->c[i].rule, rule))
			found = i;
	if (found == l->n)
		fail_msg("no %s clock", rule);
	return found;
}

typedef struct queue_find {
	const char *no;
	bool found;
	char rule[16];
} queue_find;

static int find_row(const lf_queue_row *r, void *ud)
{
	queue_find *x = ud;
	if (!strcmp(r->case_no, x->no)) {
		x->found = true;
		snprintf(x->rule, sizeof x->rule, "%s", r->due_rule ? r->due_rule : "");
	}
	return 0;
}

/* Does the supervisor's 督办 queue list the case (as its route clock's)? */
static void supervision_has(lf_store *st, const char *case_no, bool want)
{
	lf_user sun = as(st, "sun");
	lf_queue_filter f;
	char msg[512];
	assert_true(lf_queue_filter_for(st, &sun, LF_Q_SUPERVISION, &f, msg, sizeof msg));
	queue_find x = {case_no, false, ""};
	assert_int_equal(lf_store_queue(st, &f, find_row, &x), LF_STORE_OK);
	lf_user_free(&sun);
	if (x.found != want)
		fail_msg("督办 %s case %s", want ? "does not list" : "lists", case_no);
	if (want)
		assert_string_equal(x.rule, "route");
}

/* Accepting a case leaves its route clock running: 督办 still lists it
 * once that clock is overdue, saying which clock. */
static void test_accept_keeps_route_clock(void **state)
{
	fixture *t = *state;
	today("2024-03-01"); /* route: 15 days → 03-16, a Saturday: 03-18 */
	lf_saved_case c = register_case(t->st, "陈建国", "反映小区供暖不足");
	today("2024-03-04");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	clock_list l = clocks_of(t->st, c.case_id);
	assert_int_equal(l.n, 2);
	size_t r = clock_at(&l, "route"), h = clock_at(&l, "handle");
	assert_string_equal(l.c[r].state, "running");
	assert_string_equal(l.c[r].start, "2024-03-01");
	assert_string_equal(l.c[r].due, "2024-03-18");
	assert_non_null(strstr(l.c[r].basis, "art. 22"));
	assert_string_equal(l.c[h].state, "running");
	assert_string_equal(l.c[h].start, "2024-03-04");
	assert_string_equal(l.c[h].due, "2024-05-06"); /* 05-03 in the May Day days: Monday 05-06 */
	assert_non_null(strstr(l.c[h].basis, "art. 34"));
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_string_equal(f.due_on, "2024-03-18");
	assert_string_equal(f.due_rule, "route");
	lf_case_flow_free(&f);
	assert_string_equal(lf_clock_rule_label_key("route"), "routing deadline");

	/* Not yet near: not supervised; overdue: supervised as the route's. */
	today("2024-03-06");
	supervision_has(t->st, c.case_no, false);
	today("2024-03-20");
	supervision_has(t->st, c.case_no, true);

	/* Routed late: the route clock stops, missed; handling runs on. */
	lf_step_args dept = {.unit = U_DEPT};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &dept);
	l = clocks_of(t->st, c.case_id);
	r = clock_at(&l, "route");
	assert_string_equal(l.c[r].state, "missed");
	assert_string_equal(l.c[r].stop, "2024-03-20");
	assert_string_equal(l.c[r].reason, "in_house");
	/* The department may object within 5 working days; taking it up stops that. */
	size_t o = clock_at(&l, "object");
	assert_string_equal(l.c[o].state, "running");
	assert_string_equal(l.c[o].due, "2024-03-27");
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	l = clocks_of(t->st, c.case_id);
	assert_string_equal(l.c[clock_at(&l, "object")].state, "met");
	f = flow_of(t->st, c.case_id);
	assert_string_equal(f.due_on, "2024-05-06");
	assert_string_equal(f.due_rule, "handle");
	lf_case_flow_free(&f);
}

/* An instruction signed before the case is routed opens its own 7 working
 * day clock; the handling report stops it. */
static void test_instruction_before_routing(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-03-04"); /* a Monday */
	lf_saved_case c = register_case(t->st, "王秀英", "反映村道损毁无人修");
	lf_user wang = as(t->st, "wang");
	assert_int_equal(lf_case_instruct(t->st, &wang, c.case_id, "请尽快核实处理。", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&wang);
	clock_list l = clocks_of(t->st, c.case_id);
	size_t k = clock_at(&l, "report");
	assert_string_equal(l.c[k].state, "running");
	assert_string_equal(l.c[k].start, "2024-03-04");
	assert_string_equal(l.c[k].due, "2024-03-13"); /* 5, 6, 7, 8, 11, 12, 13 */
	assert_int_equal(l.c[k].ref, 1);
	assert_non_null(strstr(l.c[k].basis, "7 working days"));
	/* Sooner than the route clock (03-19): the case's deadline. */
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_string_equal(f.state == LF_ST_REGISTERED ? "registered" : "?", "registered");
	assert_string_equal(f.due_on, "2024-03-13");
	assert_string_equal(f.due_rule, "report");
	lf_case_flow_free(&f);

	today("2024-03-05");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args dept = {.unit = U_DEPT};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &dept);
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	l = clocks_of(t->st, c.case_id);
	assert_string_equal(l.c[clock_at(&l, "report")].state, "running");
	today("2024-03-08");
	lf_step_args report = {.text = "已派员实地查看，村道已列入本月修缮计划。"};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPORT, &report);
	l = clocks_of(t->st, c.case_id);
	k = clock_at(&l, "report");
	assert_string_equal(l.c[k].state, "met");
	assert_string_equal(l.c[k].stop, "2024-03-08");
	assert_string_equal(l.c[clock_at(&l, "handle")].state, "met");
	for (size_t i = 0; i < l.n; i++)
		if (!strcmp(l.c[i].state, "running"))
			fail_msg("the %s clock still runs", l.c[i].rule);
	f = flow_of(t->st, c.case_id);
	assert_string_equal(f.due_on, "");
	lf_case_flow_free(&f);
}

/* The extension: the office's head (approve_extension) approves, never the
 * person who asks; the approver is kept on the event, the timeline and the
 * handling clock's basis. Offered only where a handling clock runs. */
static int find_extend(const lf_event *e, void *ud)
{
	char *approver = ud;
	if (e->kind && !strcmp(e->kind, "extend") && e->approver)
		snprintf(approver, 128, "%s", e->approver);
	return 0;
}

static void test_extension_approver(void **state)
{
	fixture *t = *state;
	char msg[1024];
	/* The head of the office: a leader who also supervises. */
	assert_int_equal(lf_store_user_add(t->st, "li", "李局长", "局长", NULL, LF_ROLE_LEADER | LF_ROLE_SUPERVISOR, "x",
	                                   NULL),
	                 LF_STORE_OK);
	today("2024-08-01");
	lf_saved_case c = register_case(t->st, "刘桂兰", "反映征地补偿款未到位");
	lf_user sun = as(t->st, "sun");
	/* No handling clock yet: nothing to extend. */
	assert_int_equal(lf_case_extend(t->st, &sun, c.case_id, 30, "zhao", "情况复杂，需多部门会商。", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "no handling deadline"));
	lf_user_free(&sun);
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	assert_true(lf_case_handle_clock_runs(t->st, c.case_id));

	/* The head asks for it himself: refused, whatever his permission. */
	lf_user li = as(t->st, "li");
	assert_true(lf_can(li.roles, LF_PERM_APPROVE_EXTENSION));
	int before = n_audit(t->st);
	assert_int_equal(lf_case_extend(t->st, &li, c.case_id, 30, "li", "情况复杂，需多部门会商。", msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_non_null(strstr(msg, "cannot approve"));
	lf_user_free(&li);
	/* A supervisor cannot approve. */
	sun = as(t->st, "sun");
	assert_int_equal(lf_case_extend(t->st, &sun, c.case_id, 30, "sun", "情况复杂，需多部门会商。", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "approve_extension"));
	assert_int_equal(n_audit(t->st), before);

	/* Asked by the supervisor, approved by the head. Handling: 60 days from
	 * 08-01 → 09-30; 30 days more → 10-30. */
	assert_int_equal(lf_case_extend(t->st, &sun, c.case_id, 30, "li", "情况复杂，需多部门会商。", msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&sun);
	clock_list l = clocks_of(t->st, c.case_id);
	size_t h = clock_at(&l, "handle");
	assert_string_equal(l.c[h].due, "2024-10-30");
	assert_string_equal(l.c[h].state, "running");
	assert_non_null(strstr(l.c[h].basis, "extended to 2024-10-30, approved by 李局长（局长）"));
	char approver[128] = "";
	assert_int_equal(lf_store_case_events(t->st, c.case_id, find_extend, approver), LF_STORE_OK);
	assert_string_equal(approver, "李局长（局长）");
}

/* Statistics count each clock: three accepted and transferred cases, none
 * reported, are never handled, let alone on time. */
static void test_stats_unhandled(void **state)
{
	fixture *t = *state;
	char msg[1024];
	static const char *const who[3][2] = {
		{"张伟", "反映物业乱收费"}, {"李娜", "反映噪音扰民"}, {"王强", "反映工资拖欠"}};
	today("2026-11-02");
	for (int i = 0; i < 3; i++) {
		lf_saved_case c = register_case(t->st, who[i][0], who[i][1]);
		STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
		lf_step_args peer = {.unit = U_PEER};
		STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &peer);
	}
	today("2026-11-25");
	lf_user sun = as(t->st, "sun");
	lf_stats s;
	assert_int_equal(lf_stats_compute(t->st, &sun, 2026, 11, &s, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun);
	const lf_rule_stat *h = &s.rules[LF_DL_HANDLE];
	assert_int_equal(h->met, 0);
	assert_int_equal(h->late, 0);
	assert_int_equal(h->overdue, 0);
	assert_int_equal(h->pending, 3);
	/* Routed in time, each; the agency never answered: its 5 days missed. */
	assert_int_equal(s.rules[LF_DL_ROUTE].met, 3);
	assert_int_equal(s.rules[LF_DL_OBJECT].overdue, 3);
	assert_int_equal(s.status_now[LF_ST_REPORTED] + s.status_now[LF_ST_REPLIED], 0);
	/* The CSV says 0 handled in time. */
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	assert_int_equal(lf_stats_write_csv(&s, out), 0);
	fclose(out);
	assert_non_null(strstr(buf, "deadline,handle,"));
	const char *line = strstr(buf, "deadline,handle,");
	assert_non_null(strstr(line, ",0,"));
	free(buf);
	lf_stats_free(&s);
}

/* A due date set by a person on a holiday or weekend is a question: core
 * refuses it unless the person confirmed; the route clock's own due date
 * lands on a working day. */
static void test_due_on_holiday(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-09-16"); /* route: 15 days → 10-01, National Day: 10-08 */
	lf_saved_case c = register_case(t->st, "赵丽", "反映道路积水");
	clock_list l = clocks_of(t->st, c.case_id);
	assert_string_equal(l.c[clock_at(&l, "route")].due, "2024-10-08");
	lf_date d;
	assert_true(lf_date_parse("2024-10-01", &d));
	assert_false(lf_due_workday(t->st, d, msg, sizeof msg));
	assert_non_null(strstr(msg, "2024-10-01"));
	assert_non_null(strstr(msg, "not a working day"));
	assert_true(lf_date_parse("2024-09-29", &d)); /* a Sunday worked (调休) */
	assert_true(lf_due_workday(t->st, d, msg, sizeof msg));

	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	int before = n_audit(t->st);
	lf_step_args to = {.unit = U_DEPT, .due = "2024-10-03"};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &to, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "2024-10-03 is not a working day"));
	to.due = "2024-10-13"; /* a Sunday (10-12, a Saturday, is worked) */
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &to, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "weekend"));
	assert_int_equal(n_audit(t->st), before);
	/* Confirmed by the person: stored as they set it. */
	to.allow_nonworking = true;
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &to, msg, sizeof msg), LF_STORE_OK);
	l = clocks_of(t->st, c.case_id);
	assert_string_equal(l.c[clock_at(&l, "handle")].due, "2024-10-13");
}

/* A new holiday arrangement moves the running clocks' due dates, audited. */
static void test_recompute(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2026-11-23");
	lf_saved_case c = register_case(t->st, "孙建华", "反映停车位纠纷");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	clock_list l = clocks_of(t->st, c.case_id);
	assert_string_equal(l.c[clock_at(&l, "handle")].due, "2027-01-22");
	static const char year[] = "date\tkind\tname\n2027-01-22\tholiday\t测试假日\n";
	lf_user admin = as(t->st, "admin");
	int days = 0, moved = -1;
	assert_int_equal(lf_calendar_import_clocks(t->st, &admin, year, strlen(year), &days, &moved, msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&admin);
	assert_int_equal(moved, 1);
	l = clocks_of(t->st, c.case_id);
	assert_string_equal(l.c[clock_at(&l, "handle")].due, "2027-01-25");
	assert_string_equal(l.c[clock_at(&l, "route")].due, "2026-12-08"); /* unchanged */

	/* A database from before the clocks: the recomputation builds them. */
	sf_raw(t->db, "DELETE FROM case_clock", NULL, 0);
	assert_int_equal(clocks_of(t->st, c.case_id).n, 0);
	lf_user admin2 = as(t->st, "admin");
	assert_int_equal(lf_store_clocks_recompute(t->st, &moved), LF_STORE_OK);
	lf_user_free(&admin2);
	l = clocks_of(t->st, c.case_id);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.c[clock_at(&l, "handle")].due, "2027-01-25");
}

/* Archived means locked: the clocks stop with the file, and a write to
 * them behind laifang's back meets db/015's triggers. */
static int raw_write(const char *path, const char *sql, char *err, size_t len)
{
	sqlite3 *db = NULL;
	char *m = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	int rc = sqlite3_exec(db, sql, NULL, NULL, &m);
	snprintf(err, len, "%s", m ? m : "");
	sqlite3_free(m);
	sqlite3_close(db);
	return rc;
}

static void test_archived_clocks(void **state)
{
	fixture *t = *state;
	char err[512];
	today("2024-03-04");
	lf_saved_case c = register_case(t->st, "周桂芳", "反映楼道堆物");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args dept = {.unit = U_DEPT};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &dept);
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	lf_step_args report = {.text = "已清理楼道。"}, reply = {.text = "已答复。", .satisfaction = "satisfied", ANSWER_PARTS};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPORT, &report);
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPLY, &reply);
	STEP_OK(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL);
	clock_list l = clocks_of(t->st, c.case_id);
	assert_int_equal(l.n, 3); /* route, handle, object */
	for (size_t i = 0; i < l.n; i++)
		assert_string_equal(l.c[i].state, "met");
	assert_int_not_equal(raw_write(t->db, "UPDATE case_clock SET due_on = '2099-01-01'", err, sizeof err), SQLITE_OK);
	assert_non_null(strstr(err, "the case is archived"));
	assert_int_not_equal(raw_write(t->db, "DELETE FROM case_clock", err, sizeof err), SQLITE_OK);
	assert_non_null(strstr(err, "the case is archived"));
	int moved = -1;
	assert_int_equal(lf_store_clocks_recompute(t->st, &moved), LF_STORE_OK);
	assert_int_equal(moved, 0);
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_accept_keeps_route_clock, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_instruction_before_routing, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_extension_approver, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_stats_unhandled, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_due_on_holiday, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_recompute, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_archived_clocks, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
