/* Review (复查) and re-review (复核) through the office's lf_case_step on
 * a fixed clock (issue 13, 《信访工作条例》 arts. 35 and 36): the 30 days
 * to ask counted from the reply (a request on day 31 refused, on day 30
 * taken), the opinion's own clock (a due date on a Saturday moves to
 * Monday), who may record and who may decide, the signer kept, archive
 * after a re-review, and the intake's note that the matter has ended. */
#include "caseflow_fixture.h"

#include "laifang/correct.h"

static void test_review_path(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2026-09-01");
	lf_saved_case c = register_case(t->st, "李秀英", "反映拖欠工资问题。");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args to_peer = {.unit = U_PEER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &to_peer);
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_TAKE_UP, NULL);
	lf_step_args report = {.text = "已核实，责令单位补发工资。"};
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_REPORT, &report);
	lf_step_args reply = {.text = "已书面答复。", .satisfaction = "dissatisfied"};
	STEP_OK(t->st, "zhou", c.case_id, LF_STEP_REPLY, &reply);

	/* Day 30 after 09-01 is 10-01, National Day: the term ends on the
	 * first working day after the holiday, 10-08. On 10-09 it is late. */
	lf_step_args ask = {.text = "对处理意见不服，请求复查。"};
	today("2026-10-09");
	int before = n_audit(t->st);
	assert_int_equal(step_as(t->st, "zhang", c.case_id, LF_STEP_REVIEW_REQUEST, &ask, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "art. 35"));
	assert_non_null(strstr(msg, "2026-10-08"));
	assert_int_equal(n_audit(t->st), before);
	expect_flow(t->st, c.case_id, LF_ST_REPLIED, "", NULL);
	/* A later receipt, as the visitor says, brings it within the term. */
	lf_step_args late_receipt = {.received_on = "2026-09-20"};
	assert_int_equal(step_as(t->st, "zhou", c.case_id, LF_STEP_REVIEW_REQUEST, &late_receipt, msg, sizeof msg),
	                 LF_STORE_DENIED); /* a handler does not record it */

	today("2026-10-08");
	STEP_OK(t->st, "zhang", c.case_id, LF_STEP_REVIEW_REQUEST, &ask);
	/* 10-08 + 30 = 11-07, a Saturday: the opinion is due Monday 11-09. */
	expect_flow(t->st, c.case_id, LF_ST_REVIEW_REQUESTED, "2026-11-09", "review");
	found_event ev = event_of(t->st, c.case_id, "review_request");
	assert_string_equal(ev.reason, "2026-09-01"); /* the reply's day, by default */
	assert_string_equal(ev.by, "张三");

	/* The opinion: a supervisor or leader, a known opinion, a text. */
	today("2026-11-10");
	lf_step_args opinion = {.opinion = "维持", .text = "经复查，维持原处理意见。", .signer = "wang"};
	assert_int_equal(step_as(t->st, "zhang", c.case_id, LF_STEP_REVIEW_DECIDE, &opinion, msg, sizeof msg),
	                 LF_STORE_DENIED);
	lf_step_args bad = opinion;
	bad.signer = "zhou";
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_REVIEW_DECIDE, &bad, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "zhou"));
	bad = opinion;
	bad.opinion = "驳回";
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_REVIEW_DECIDE, &bad, msg, sizeof msg),
	                 LF_STORE_INVALID);
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_REVIEW_DECIDE, &opinion);
	expect_flow(t->st, c.case_id, LF_ST_REVIEWED, "", NULL);
	ev = event_of(t->st, c.case_id, "review_decide");
	assert_string_equal(ev.reason, "upheld");
	assert_string_equal(ev.by, "王五（副局长）");
	assert_string_equal(ev.text, "经复查，维持原处理意见。");

	/* Not yet re-reviewed: no note at intake. */
	lf_user clerk = as(t->st, "zhang");
	char note[512];
	assert_false(lf_visitor_review_final(t->st, &clerk, ID_NUMBER, NULL, note, sizeof note));

	/* Re-review: received the opinion 11-12 (later than recorded), asked 12-10. */
	today("2026-12-10");
	lf_step_args ask2 = {.received_on = "2026-11-12"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_REREVIEW_REQUEST, &ask2);
	expect_flow(t->st, c.case_id, LF_ST_REREVIEW_REQUESTED, "2027-01-11", "rereview"); /* 01-09 is a Saturday */
	lf_step_args opinion2 = {.opinion = "revoked", .text = "经复核，撤销复查意见。"};
	today("2027-01-08");
	/* A leader decides the cases they may read (need to know): one they
	 * own (包案), named by the supervisor. */
	assert_int_equal(step_as(t->st, "wang", c.case_id, LF_STEP_REREVIEW_DECIDE, &opinion2, msg, sizeof msg),
	                 LF_STORE_DENIED);
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_set_owner(t->st, &sun, c.case_id, "wang", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun);
	STEP_OK(t->st, "wang", c.case_id, LF_STEP_REREVIEW_DECIDE, &opinion2);
	ev = event_of(t->st, c.case_id, "rereview_decide");
	assert_string_equal(ev.by, "王五（副局长）"); /* the actor, when no signer is named */
	expect_flow(t->st, c.case_id, LF_ST_REREVIEWED, "", NULL);
	/* No review after a re-review. */
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_REVIEW_REQUEST, NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);

	/* The matter has ended (art. 36): the intake says so, archived or not. */
	assert_true(lf_visitor_review_final(t->st, &clerk, ID_NUMBER, NULL, note, sizeof note));
	assert_non_null(strstr(note, "art. 36"));
	STEP_OK(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL);
	expect_flow(t->st, c.case_id, LF_ST_ARCHIVED, "", NULL);
	assert_true(lf_visitor_review_final(t->st, &clerk, ID_NUMBER, NULL, note, sizeof note));
	assert_false(lf_visitor_review_final(t->st, &clerk, "44010619800202004X", NULL, note, sizeof note));
	assert_string_equal(note, "");
	lf_user_free(&clerk);
}

/* 同一事项正在办理 (art. 19, para. 3): the intake counts the visitor's
 * matters still in hand (registered to reported, or waiting for a review),
 * not those answered, and names the article; another person has none. */
static void test_same_matter_in_progress(void **state)
{
	fixture *t = *state;
	char note[1024];
	today("2026-09-01");
	lf_user clerk = as(t->st, "zhang");
	assert_int_equal(lf_visitor_in_progress(t->st, &clerk, ID_NUMBER, NULL, note, sizeof note), 0);
	assert_string_equal(note, "");
	lf_saved_case a = register_case(t->st, "李秀英", "反映拖欠工资问题。");
	lf_saved_case b = register_case(t->st, "李秀英", "反映噪音扰民问题。");
	assert_int_equal(lf_visitor_in_progress(t->st, &clerk, ID_NUMBER, NULL, note, sizeof note), 2);
	assert_non_null(strstr(note, "art. 19, para. 3"));
	assert_non_null(strstr(note, ": 2."));
	/* The case itself left out (a correction looks at the others). */
	assert_int_equal(lf_visitor_in_progress(t->st, &clerk, ID_NUMBER, a.case_id, NULL, 0), 1);
	assert_int_equal(lf_visitor_in_progress(t->st, &clerk, "44010619800202004X", NULL, note, sizeof note), 0);
	assert_string_equal(note, "");

	/* Screened, routed, handled: still in hand. Answered: no longer. */
	STEP_OK(t->st, "sun", a.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args to_peer = {.unit = U_PEER};
	STEP_OK(t->st, "sun", a.case_id, LF_STEP_TRANSFER, &to_peer);
	STEP_OK(t->st, "zhou", a.case_id, LF_STEP_TAKE_UP, NULL);
	lf_step_args report = {.text = "已核实。"};
	STEP_OK(t->st, "zhou", a.case_id, LF_STEP_REPORT, &report);
	assert_int_equal(lf_visitor_in_progress(t->st, &clerk, ID_NUMBER, NULL, NULL, 0), 2);
	lf_step_args reply = {.text = "已书面答复。", .satisfaction = "dissatisfied"};
	STEP_OK(t->st, "zhou", a.case_id, LF_STEP_REPLY, &reply);
	assert_int_equal(lf_visitor_in_progress(t->st, &clerk, ID_NUMBER, NULL, NULL, 0), 1);
	/* A review asked for: in hand again. */
	lf_step_args ask = {.text = "请求复查。"};
	STEP_OK(t->st, "zhang", a.case_id, LF_STEP_REVIEW_REQUEST, &ask);
	assert_int_equal(lf_visitor_in_progress(t->st, &clerk, ID_NUMBER, NULL, NULL, 0), 2);
	/* Declined: not in hand. */
	lf_step_args no = {.reason = "属于诉讼程序，应通过法定途径解决。"};
	STEP_OK(t->st, "sun", b.case_id, LF_STEP_DECLINE, &no);
	assert_int_equal(lf_visitor_in_progress(t->st, &clerk, ID_NUMBER, NULL, NULL, 0), 1);
	lf_user_free(&clerk);
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_review_path, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_same_matter_in_progress, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
