/* Issue 11, replies and 包案: the reply records what the visitor said of it
 * (满意 / 基本满意 / 不满意) or that they said nothing (未表态), with no
 * default: the step is refused until one is given; 未表态 is stored in its
 * own column (db/018), shown on the timeline, and counted apart in the
 * statistics. A leader who owns cases has a queue of them. */
#include "caseflow_fixture.h"

#include <sqlite3.h>

#include "laifang/stats.h"

static void raw_text(const fixture *t, const char *sql, char *buf, size_t len)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	buf[0] = '\0';
	assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		snprintf(buf, len, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
}

/* A case registered, accepted, handled in house by 综合科 and reported. */
static lf_saved_case reported_case(fixture *t, const char *name, const char *content)
{
	lf_saved_case c = register_case(t->st, name, content);
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args to = {.unit = U_DEPT};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &to);
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	lf_step_args report = {.text = "已协调物业修复电梯。"};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPORT, &report);
	return c;
}

static void test_satisfaction_words(void **state)
{
	(void)state;
	assert_string_equal(lf_satisfaction_parse("满意"), "satisfied");
	assert_string_equal(lf_satisfaction_parse("基本满意"), "basically");
	assert_string_equal(lf_satisfaction_parse("不满意"), "dissatisfied");
	assert_string_equal(lf_satisfaction_parse("未表态"), "unstated");
	assert_string_equal(lf_satisfaction_parse("unstated"), "unstated");
	assert_null(lf_satisfaction_parse(""));
	assert_null(lf_satisfaction_parse(NULL));
	assert_null(lf_satisfaction_parse("很满意"));
	assert_true(lf_satisfaction_valid("unstated"));
	assert_false(lf_satisfaction_valid(NULL));
}

static void test_reply_needs_a_choice(void **state)
{
	fixture *t = *state;
	char msg[1024], text[256];
	today("2024-03-04");
	lf_saved_case c = reported_case(t, "陈建国", "小区电梯长期停运");
	/* No default: without a choice the reply is not saved, and nothing is
	 * written. */
	int before = n_audit(t->st);
	lf_step_args none = {.text = "已电话答复信访人。"};
	assert_int_equal(step_as(t->st, "qian", c.case_id, LF_STEP_REPLY, &none, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "not stated"));
	lf_step_args blank = {.text = "已电话答复信访人。", .satisfaction = ""};
	assert_int_equal(step_as(t->st, "qian", c.case_id, LF_STEP_REPLY, &blank, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(n_audit(t->st), before);
	expect_flow(t->st, c.case_id, LF_ST_REPORTED, "", NULL);

	/* The visitor said nothing: 未表态, in the paper's word. */
	lf_step_args unstated = {.text = "已电话答复信访人，信访人未表态。", .satisfaction = "未表态", ANSWER_PARTS};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPLY, &unstated);
	lf_case_flow f = flow_of(t->st, c.case_id);
	assert_int_equal(f.state, LF_ST_REPLIED);
	assert_true(f.facts.has_satisfaction); /* recorded: the visitor's silence */
	lf_case_flow_free(&f);
	raw_text(t, "SELECT coalesce(satisfaction, '-') || '|' || satisfaction_stance FROM case_event "
	            "WHERE kind = 'reply'", text, sizeof text);
	assert_string_equal(text, "-|unstated");

	/* The three values the visitor may say still go in their column. */
	lf_saved_case d = reported_case(t, "王秀英", "楼道堆放杂物");
	lf_step_args basic = {.text = "已当面答复。", .satisfaction = "基本满意", ANSWER_PARTS};
	STEP_OK(t->st, "qian", d.case_id, LF_STEP_REPLY, &basic);
	raw_text(t, "SELECT satisfaction || '|' || coalesce(satisfaction_stance, '-') FROM case_event "
	            "WHERE kind = 'reply' ORDER BY at DESC, rowid DESC LIMIT 1", text, sizeof text);
	assert_string_equal(text, "basically|-");

	/* The statistics count 未表态 apart. */
	lf_user sun = as(t->st, "sun");
	lf_stats s;
	assert_int_equal(lf_stats_compute(t->st, &sun, 2024, 3, &s, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(s.satisfaction[0], 0);
	assert_int_equal(s.satisfaction[1], 1);
	assert_int_equal(s.satisfaction[2], 0);
	assert_int_equal(s.satisfaction[3], 1);
	assert_int_equal(s.replied, 2);
	lf_stats_free(&s);
	lf_user_free(&sun);
}

/* The timeline shows 未表态 as such. */
static int reply_sat(const lf_event *e, void *ud)
{
	if (e->kind && !strcmp(e->kind, "reply"))
		snprintf(ud, 32, "%s", e->satisfaction ? e->satisfaction : "(none)");
	return 0;
}

static void test_timeline_says_unstated(void **state)
{
	fixture *t = *state;
	today("2024-03-04");
	lf_saved_case c = reported_case(t, "刘德华", "噪音扰民");
	lf_step_args unstated = {.text = "已答复。", .satisfaction = "unstated", ANSWER_PARTS};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPLY, &unstated);
	char sat[32] = "";
	assert_int_equal(lf_store_case_events(t->st, c.case_id, reply_sat, sat), LF_STORE_OK);
	assert_string_equal(sat, "unstated");
	/* The label for screens and paper (untranslated: English). */
	assert_string_equal(lf_satisfaction_label(sat), "not stated");
}

typedef struct owned {
	int n;
	char nos[4][32];
} owned;

static int take_row(const lf_queue_row *r, void *ud)
{
	owned *o = ud;
	if (o->n < 4)
		snprintf(o->nos[o->n], sizeof o->nos[o->n], "%s", r->case_no);
	o->n++;
	return 0;
}

static void test_owner_queue(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-03-04");
	lf_saved_case a = register_case(t->st, "陈建国", "工资拖欠");
	lf_saved_case b = register_case(t->st, "王秀英", "征地补偿");
	lf_saved_case c = register_case(t->st, "李四", "噪音扰民");
	(void)c;
	/* 王五 takes 包案 of one; the supervisor names 赵六 for another. */
	lf_user wang = as(t->st, "wang");
	assert_int_equal(lf_case_set_owner(t->st, &wang, a.case_id, "wang", msg, sizeof msg), LF_STORE_OK);
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_set_owner(t->st, &sun, b.case_id, "zhao", msg, sizeof msg), LF_STORE_OK);

	assert_true(lf_queue_visible(&wang, LF_Q_OWNED));
	assert_false(lf_queue_visible(&sun, LF_Q_OWNED));
	lf_user admin = sf_user(t->st, "admin");
	assert_false(lf_queue_visible(&admin, LF_Q_OWNED)); /* another person's 包案 is not "mine" */
	lf_queue_filter f;
	assert_false(lf_queue_filter_for(t->st, &sun, LF_Q_OWNED, &f, msg, sizeof msg));
	assert_true(lf_queue_filter_for(t->st, &wang, LF_Q_OWNED, &f, msg, sizeof msg));
	owned o = {0};
	assert_int_equal(lf_store_queue(t->st, &f, take_row, &o), LF_STORE_OK);
	assert_int_equal(o.n, 1);
	assert_string_equal(o.nos[0], a.case_no);
	long n = 0;
	assert_int_equal(lf_store_queue_count(t->st, &f, &n), LF_STORE_OK);
	assert_int_equal(n, 1);
	assert_string_equal(lf_queue_key(LF_Q_OWNED), "owned");

	/* The case stays in the queue as it moves on. */
	STEP_OK(t->st, "sun", a.case_id, LF_STEP_ACCEPT, NULL);
	o.n = 0;
	assert_int_equal(lf_store_queue(t->st, &f, take_row, &o), LF_STORE_OK);
	assert_int_equal(o.n, 1);

	lf_user zhao = as(t->st, "zhao");
	assert_true(lf_queue_filter_for(t->st, &zhao, LF_Q_OWNED, &f, msg, sizeof msg));
	o.n = 0;
	assert_int_equal(lf_store_queue(t->st, &f, take_row, &o), LF_STORE_OK);
	assert_int_equal(o.n, 1);
	assert_string_equal(o.nos[0], b.case_no);
	lf_user_free(&wang);
	lf_user_free(&sun);
	lf_user_free(&zhao);
	lf_user_free(&admin);
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_satisfaction_words),
		cmocka_unit_test_setup_teardown(test_reply_needs_a_choice, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_timeline_says_unstated, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_owner_queue, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
