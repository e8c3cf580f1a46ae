/* The petitioner's evaluation (可评价, issue 13) on a fixed clock: core's
 * rules (three values, a reason with 不满意, the period); through the
 * office: an evaluation of the office and of the unit after the reply, the
 * reason required, who may record it, once per answer; 超期未评价 after the
 * period (count and queue); 重办 by a supervisor back to the same unit with
 * a new due date, the first answer kept; the second answer evaluated; the
 * statistics by unit from the counters and from the cases alike; laifang
 * check clean, then naming an evaluation row changed behind laifang's back;
 * an archived case refuses an evaluation. */
#include "caseflow_fixture.h"

#include "laifang/case_eval.h"
#include "laifang/evaluation.h"
#include "laifang/settings.h"
#include "laifang/stats.h"
#include "laifang/store_evaluation.h"
#include "laifang/store_stats.h"

static void test_core_rules(void **state)
{
	(void)state;
	char why[512];
	assert_true(lf_eval_check("satisfied", "basically", NULL, why, sizeof why));
	assert_false(lf_eval_check("satisfied", "dissatisfied", "  ", why, sizeof why));
	assert_non_null(strstr(why, "reason"));
	assert_true(lf_eval_check("dissatisfied", "satisfied", "没有解决", why, sizeof why));
	assert_false(lf_eval_check("unstated", "satisfied", NULL, why, sizeof why));
	assert_false(lf_eval_check("satisfied", NULL, NULL, why, sizeof why));
	assert_string_equal(lf_eval_parse("基本满意"), "basically");
	assert_string_equal(lf_eval_parse("不满意"), "dissatisfied");
	assert_null(lf_eval_parse("未表态"));
	assert_null(lf_eval_parse("good"));
	lf_date d = {2026, 9, 1}, due = lf_eval_due(d, 30);
	char day[LF_DATE_LEN];
	lf_date_format(due, day);
	assert_string_equal(day, "2026-10-01");
	lf_date_format(lf_eval_due(d, 0), day); /* out of limits: the default */
	assert_string_equal(day, "2026-10-01");
	lf_date t1 = {2026, 10, 1}, t2 = {2026, 10, 2};
	assert_false(lf_eval_overdue("2026-10-01", t1));
	assert_true(lf_eval_overdue("2026-10-01", t2));
	assert_false(lf_eval_overdue("", t2));
	assert_true(lf_eval_answered(LF_ST_REPLIED));
	assert_true(lf_eval_answered(LF_ST_REVIEW_REQUESTED));
	assert_false(lf_eval_answered(LF_ST_HANDLING));
	assert_false(lf_eval_answered(LF_ST_ARCHIVED));
}

static lf_store_err evaluate_as(lf_store *st, const char *login, const char *case_id, const char *office,
                                const char *unit, const char *reason, char *msg, size_t len)
{
	lf_user u = as(st, login);
	lf_store_err e = lf_case_evaluate(st, &u, case_id, office, unit, reason, msg, len);
	lf_user_free(&u);
	return e;
}

static lf_case_eval eval_of(lf_store *st, const char *case_id)
{
	lf_user u = as(st, "sun");
	lf_case_eval ce;
	char msg[512];
	assert_int_equal(lf_case_eval_read(st, &u, case_id, &ce, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&u);
	return ce;
}

static int count_row(const lf_queue_row *r, void *ud)
{
	(void)r;
	(*(int *)ud)++;
	return 0;
}

static int unevaluated_queue(lf_store *st)
{
	lf_user u = as(st, "sun");
	lf_queue_filter f;
	char msg[512];
	assert_true(lf_queue_filter_for(st, &u, LF_Q_UNEVALUATED, &f, msg, sizeof msg));
	int n = 0;
	assert_int_equal(lf_queue_each(st, &f, count_row, &n), LF_STORE_OK);
	long c = -1;
	assert_int_equal(lf_queue_count(st, &f, &c), LF_STORE_OK);
	assert_int_equal(c, n);
	lf_user_free(&u);
	return n;
}

typedef struct tally {
	long office[3], unit_peer[3], redo, other_units;
} tally;

static int tally_fn(char who, const char *unit_id, const char *unit_name, const char *value, long n, void *ud)
{
	(void)unit_id;
	tally *t = ud;
	static const char *const v[] = {"satisfied", "basically", "dissatisfied"};
	int i = -1;
	for (int k = 0; k < 3; k++)
		if (!strcmp(v[k], value))
			i = k;
	if (who == 'r')
		t->redo += n;
	else if (who == 'o' && i >= 0)
		t->office[i] += n;
	else if (who == 'u' && i >= 0 && !strcmp(unit_name, U_PEER))
		t->unit_peer[i] += n;
	else
		t->other_units += n;
	return 0;
}

static tally tally_of(lf_store *st, const char *from, const char *to)
{
	tally t;
	memset(&t, 0, sizeof t);
	assert_int_equal(lf_store_eval_counts(st, from, to, tally_fn, &t), LF_STORE_OK);
	return t;
}

static void answer(fixture *t, const char *case_id, const char *satisfaction, bool take_up)
{
	if (take_up)
		STEP_OK(t->st, "zhou", case_id, LF_STEP_TAKE_UP, NULL);
	lf_step_args report = {.text = "已核实，责令单位补发工资。"};
	STEP_OK(t->st, "zhou", case_id, LF_STEP_REPORT, &report);
	lf_step_args reply = {.text = "已书面答复。", .satisfaction = satisfaction};
	STEP_OK(t->st, "zhou", case_id, LF_STEP_REPLY, &reply);
}

static void test_evaluation_path(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2026-09-01");
	lf_saved_case c = register_case(t->st, "李秀英", "反映拖欠工资问题。");
	lf_saved_case old = register_case(t->st, "王芳", "反映噪音扰民问题。");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args to_peer = {.unit = U_PEER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &to_peer);
	/* Before the answer: nothing to evaluate, no redo. */
	assert_int_equal(evaluate_as(t->st, "zhou", c.case_id, "satisfied", "satisfied", NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	answer(t, c.case_id, "satisfied", true);
	/* The other case answered too: its single satisfaction is all it has. */
	STEP_OK(t->st, "sun", old.case_id, LF_STEP_ACCEPT, NULL);
	STEP_OK(t->st, "sun", old.case_id, LF_STEP_TRANSFER, &to_peer);
	answer(t, old.case_id, "basically", true);

	lf_case_eval ce = eval_of(t->st, c.case_id);
	assert_true(ce.pending);
	assert_false(ce.overdue);
	assert_string_equal(ce.s.due_on, "2026-10-01"); /* 30 calendar days */
	assert_int_equal(unevaluated_queue(t->st), 0);

	/* The period ends on 10-01; on 10-02 both answers are 超期未评价. */
	today("2026-10-02");
	ce = eval_of(t->st, c.case_id);
	assert_true(ce.overdue);
	char line[512];
	lf_case_eval_line(&ce, line, sizeof line);
	assert_non_null(strstr(line, "超期未评价"));
	long n = -1;
	assert_int_equal(lf_store_eval_overdue_count(t->st, "2026-10-02", NULL, NULL, &n), LF_STORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(unevaluated_queue(t->st), 2);

	/* Who records it, and what it needs. */
	int before = n_audit(t->st);
	assert_int_equal(evaluate_as(t->st, "zhang", c.case_id, "satisfied", "satisfied", NULL, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_int_equal(evaluate_as(t->st, "zhou", c.case_id, "satisfied", "不满意", "", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "reason"));
	assert_int_equal(evaluate_as(t->st, "zhou", c.case_id, "unstated", "satisfied", NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(n_audit(t->st), before);
	/* Late, but recorded: the period says 超期, it does not refuse. */
	assert_int_equal(evaluate_as(t->st, "zhou", c.case_id, "满意", "不满意", "工资只补发了一半。", msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM case_evaluation v JOIN unit u ON u.id = v.unit_id "
	                               "WHERE v.office = 'satisfied' AND v.unit = 'dissatisfied' AND u.name = '" U_PEER
	                               "' AND v.reason = '工资只补发了一半。'",
	                        NULL, 0),
	                 1);
	ce = eval_of(t->st, c.case_id);
	assert_false(ce.overdue);
	assert_false(ce.pending);
	assert_true(ce.s.has_eval);
	assert_string_equal(ce.s.unit, "dissatisfied");
	assert_int_equal(unevaluated_queue(t->st), 1);
	found_event ev = event_of(t->st, c.case_id, "evaluate");
	assert_int_equal(ev.n, 1);
	assert_string_equal(ev.by, "周八（科长）");
	assert_string_equal(ev.reason, "工资只补发了一半。");
	/* Once per answer. */
	assert_int_equal(evaluate_as(t->st, "sun", c.case_id, "satisfied", "satisfied", NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);

	/* 重办: a supervisor's decision, with a reason and a due date. */
	lf_step_args redo = {.reason = "单位答复未落实，重新办理。", .due = "2026-10-30"};
	assert_int_equal(step_as(t->st, "zhou", c.case_id, LF_STEP_REDO, &redo, msg, sizeof msg), LF_STORE_DENIED);
	lf_step_args no_reason = {.due = "2026-10-30"};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_REDO, &no_reason, msg, sizeof msg), LF_STORE_INVALID);
	lf_step_args no_due = {.reason = "重新办理。"};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_REDO, &no_due, msg, sizeof msg), LF_STORE_INVALID);
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_REDO, &redo);
	expect_flow(t->st, c.case_id, LF_ST_HANDLING, "2026-10-30", "handle");
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_string_equal(f.lead_unit_name, U_PEER); /* the same unit */
	lf_case_flow_free(&f);
	ev = event_of(t->st, c.case_id, "redo");
	assert_string_equal(ev.by, "孙七");
	assert_string_equal(ev.reason, "单位答复未落实，重新办理。");
	/* The first answer stays as it was. */
	ev = event_of(t->st, c.case_id, "reply");
	assert_int_equal(ev.n, 1);
	assert_string_equal(ev.text, "已书面答复。");
	/* A satisfied case is not handled again. */
	assert_int_equal(step_as(t->st, "sun", old.case_id, LF_STEP_REDO, &redo, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "dissatisfied"));

	/* The second answer, and its own evaluation. */
	today("2026-10-20");
	answer(t, c.case_id, "satisfied", false); /* handling already: no take-up */
	ev = event_of(t->st, c.case_id, "reply");
	assert_int_equal(ev.n, 2);
	ce = eval_of(t->st, c.case_id);
	assert_true(ce.pending);
	assert_string_equal(ce.s.due_on, "2026-11-19");
	/* The earlier 不满意 does not send the new answer back. */
	lf_step_args redo2 = {.reason = "再次重办。", .due = "2026-11-30"};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_REDO, &redo2, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(evaluate_as(t->st, "sun", c.case_id, "satisfied", "basically", NULL, msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM case_evaluation", NULL, 0), 2);

	/* Statistics: the month from the counters, a part of it from the cases,
	 * alike. The old case counts its reply's 基本满意 as the office's. */
	tally m = tally_of(t->st, "2026-09-01", "2026-09-30");
	tally p = tally_of(t->st, "2026-09-01", "2026-09-15");
	assert_memory_equal(&m, &p, sizeof m);
	assert_int_equal(m.office[0], 2);
	assert_int_equal(m.office[1], 1);
	assert_int_equal(m.office[2], 0);
	assert_int_equal(m.unit_peer[0], 0);
	assert_int_equal(m.unit_peer[1], 1);
	assert_int_equal(m.unit_peer[2], 1);
	assert_int_equal(m.redo, 1);
	assert_int_equal(m.other_units, 0);
	lf_user sun = as(t->st, "sun");
	lf_stats st;
	assert_int_equal(lf_stats_compute(t->st, &sun, 2026, 9, &st, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(st.eval_office[0], 2);
	assert_int_equal(st.n_eval_units, 1);
	assert_string_equal(st.eval_units[0].name, U_PEER);
	assert_int_equal(st.eval_units[0].v[2], 1);
	assert_int_equal(st.redo, 1);
	assert_int_equal(st.eval_overdue, 1); /* the old case, still not evaluated */
	lf_stats_free(&st);
	lf_user_free(&sun);

	/* laifang check: clean; then an evaluation changed behind laifang's
	 * back is named. */
	char problems[4096];
	int np = sf_check(t->st, problems, sizeof problems);
	if (np)
		fail_msg("%s", problems);
	assert_int_equal(sf_exec(t->db, "UPDATE case_evaluation SET unit = 'satisfied' WHERE unit = 'dissatisfied'"),
	                 0);
	assert_true(sf_check(t->st, problems, sizeof problems) > 0);
	assert_non_null(strstr(problems, "case_evaluation"));

	/* Archived: locked. */
	today("2026-10-25");
	STEP_OK(t->st, "wu", old.case_id, LF_STEP_ARCHIVE, NULL);
	assert_int_equal(evaluate_as(t->st, "zhou", old.case_id, "satisfied", "satisfied", NULL, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_non_null(strstr(msg, "archived"));
}

/* The period is the office's setting: 10 days, or none (0). */
static void test_period_setting(void **state)
{
	fixture *t = *state;
	char msg[512];
	today("2026-09-01");
	lf_user admin = as(t->st, "admin");
	assert_int_equal(lf_setting_set(t->st, &admin, "evaluation_days", "10", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_setting_set(t->st, &admin, "evaluation_days", "366", msg, sizeof msg), LF_STORE_INVALID);
	lf_saved_case c = register_case(t->st, "李秀英", "反映拖欠工资问题。");
	lf_step_args to_peer = {.unit = U_PEER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &to_peer);
	answer(t, c.case_id, "unstated", true);
	assert_string_equal(eval_of(t->st, c.case_id).s.due_on, "2026-09-11");
	assert_int_equal(lf_setting_set(t->st, &admin, "evaluation_days", "0", msg, sizeof msg), LF_STORE_OK);
	lf_saved_case d = register_case(t->st, "王芳", "反映噪音扰民问题。");
	STEP_OK(t->st, "sun", d.case_id, LF_STEP_ACCEPT, NULL);
	STEP_OK(t->st, "sun", d.case_id, LF_STEP_TRANSFER, &to_peer);
	answer(t, d.case_id, "satisfied", true);
	lf_case_eval ce = eval_of(t->st, d.case_id);
	assert_string_equal(ce.s.due_on, "");
	assert_false(ce.pending);
	/* 未表态 is not an evaluation: it counts for nobody. */
	tally m = tally_of(t->st, "2026-09-01", "2026-09-30");
	assert_int_equal(m.office[0], 1);
	assert_int_equal(m.office[1] + m.office[2], 0);
	lf_user_free(&admin);
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_core_rules),
		cmocka_unit_test_setup_teardown(test_evaluation_path, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_period_setting, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
