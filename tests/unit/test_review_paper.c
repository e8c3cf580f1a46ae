/* The written review decisions (issue 13, 《信访工作条例》第三十五条,
 * 第三十六条): the 复查意见书 and the 复核意见书 printed from the case's
 * events (pdftotext: the opinion, the 文号, the signer kept from the
 * decision, the decision reviewed, the 30 days to ask for 复核, the
 * re-review's finality, the 送达回证 page); offered only once decided;
 * delivered through the delivery records; and the re-review's 30 days
 * counted from the delivery of the 复查意见书 (else from the opinion's day,
 * unless the request says when it was received), at the edges on a fixed
 * clock: day 30 taken, day 31 refused. */
#include <sqlite3.h>

#include "caseflow_fixture.h"

#include "laifang/case_deliver.h"
#include "laifang/paper.h"
#include "laifang/query.h"
#include "laifang/query_code.h"
#include "laifang/review.h"
#include "laifang/review_origin.h"
#include "pdf_text.h"

#define HAS(text, s) \
	do { \
		if (!strstr(text, s)) \
			fail_msg("expected \"%s\" in: %s", s, text); \
	} while (0)
#define LACKS(text, s) \
	do { \
		if (strstr(text, s)) \
			fail_msg("did not expect \"%s\" in: %s", s, text); \
	} while (0)

static lf_store_err print_as(fixture *t, const char *login, const char *case_no, lf_paper_kind k, const char *name,
                             char **text)
{
	char path[256], msg[1024];
	snprintf(path, sizeof path, "%s/%s.pdf", t->dir, name);
	lf_user u = as(t->st, login);
	lf_store_err e = lf_paper_print_notice(t->st, &u, case_no, k, NULL, path, msg, sizeof msg);
	lf_user_free(&u);
	*text = e == LF_STORE_OK ? pdf_text(path) : strdup(msg);
	return e;
}

#define PRINT_OK(t, login, no, k, name, text) \
	do { \
		if (print_as(t, login, no, k, name, &(text)) != LF_STORE_OK) \
			fail_msg("print %s: %s", name, text); \
	} while (0)

static lf_store_err deliver(fixture *t, const char *login, const char *case_id, const char *notice, const char *on,
                            char *msg, size_t len)
{
	lf_user u = as(t->st, login);
	lf_deliver_args a = {.notice = notice, .method = "in_person", .date = on};
	lf_store_err e = lf_case_deliver(t->st, &u, case_id, &a, msg, len);
	lf_user_free(&u);
	return e;
}

/* A case handled by the office itself and answered on reply_day, a review
 * asked that day and decided (维持, by sun) on decide_day. */
static lf_saved_case reviewed_case(fixture *t, const char *reply_day, const char *decide_day)
{
	today(reply_day);
	lf_saved_case c = register_case(t->st, "李秀英", "反映单位拖欠工资三个月，编号PA11。");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args dept = {.unit = U_DEPT};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &dept);
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	lf_step_args report = {.text = "已责令用人单位补发工资。"};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPORT, &report);
	lf_step_args reply = {.text = "经核查，用人单位已补发工资，编号RY77。", .satisfaction = "dissatisfied",
	                      ANSWER_PARTS};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPLY, &reply);
	lf_step_args ask = {.text = "对答复意见不服，请求复查，编号RQ55。"};
	STEP_OK(t->st, "zhang", c.case_id, LF_STEP_REVIEW_REQUEST, &ask);
	today(decide_day);
	lf_step_args opinion = {.opinion = "维持", .text = "经复查，工资已补发完毕，编号RV21。"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_REVIEW_DECIDE, &opinion);
	return c;
}

static void review_and_rereview_printed(void **state)
{
	fixture *t = *state;
	char *text = NULL, msg[1024];
	assert_int_equal(lf_store_setting_set(t->st, "doc_number_pattern", "穗应急信〔{year}〕第{n}号"), LF_STORE_OK);
	assert_int_equal(lf_store_setting_set(t->st, "office_name", "广州市信访局"), LF_STORE_OK);
	assert_int_equal(lf_store_setting_set(t->st, "office_rereview", "广东省信访局"), LF_STORE_OK);
	today("2026-09-01");
	lf_saved_case c = register_case(t->st, "李秀英", "反映单位拖欠工资三个月，编号PA11。");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args dept = {.unit = U_DEPT};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &dept);
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	lf_step_args report = {.text = "已责令用人单位补发工资。"};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPORT, &report);
	lf_step_args reply = {.text = "经核查，用人单位已补发工资，编号RY77。", .satisfaction = "dissatisfied",
	                      ANSWER_PARTS};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPLY, &reply);
	PRINT_OK(t, "zhang", c.case_no, LF_PAPER_ANSWER, "answer", text);
	HAS(text, "穗应急信〔2026〕第1号");
	free(text);

	/* No opinion yet: neither decision is offered nor printed. */
	unsigned has = lf_paper_notices_of(t->st, c.case_id);
	assert_true(has & 1u << LF_PAPER_ANSWER);
	assert_false(has & 1u << LF_PAPER_REVIEW);
	assert_false(has & 1u << LF_PAPER_REREVIEW);
	assert_int_equal(print_as(t, "zhang", c.case_no, LF_PAPER_REVIEW, "x", &text), LF_STORE_INVALID);
	HAS(text, "no review opinion");
	free(text);

	today("2026-09-10");
	lf_step_args ask = {.text = "对答复意见不服，请求复查，编号RQ55。"};
	STEP_OK(t->st, "zhang", c.case_id, LF_STEP_REVIEW_REQUEST, &ask);
	assert_false(lf_paper_notices_of(t->st, c.case_id) & 1u << LF_PAPER_REVIEW);
	today("2026-10-09");
	/* Recorded by the supervisor, signed by the deputy director named. */
	lf_step_args opinion = {.opinion = "变更", .text = "经复查，应补发加班工资，编号RV21。", .signer = "wang"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_REVIEW_DECIDE, &opinion);
	has = lf_paper_notices_of(t->st, c.case_id);
	assert_true(has & 1u << LF_PAPER_REVIEW);
	assert_false(has & 1u << LF_PAPER_REREVIEW);

	PRINT_OK(t, "zhang", c.case_no, LF_PAPER_REVIEW, "review", text);
	HAS(text, "广州市信访局");
	HAS(text, "信访事项复查意见书");
	HAS(text, "穗应急信〔2026〕第2号");           /* its own 文号 */
	HAS(text, "信访事项答复意见书（穗应急信〔2026〕第1号，2026年9月1日作出）"); /* the answer reviewed */
	HAS(text, "于2026年9月10日提出复查请求");      /* the request and its date */
	HAS(text, "编号RY77");                          /* the original answer */
	HAS(text, "编号RQ55");                          /* the request */
	HAS(text, "编号RV21");                          /* the facts and reasons */
	HAS(text, "四、复查意见（变更）");
	HAS(text, "本机关予以变更");
	LACKS(text, "予以维持");
	HAS(text, "第三十五条");
	HAS(text, "第三十六条第一款");
	HAS(text, "自收到本复查意见书之日起30日内，向广东省信访局请求复核");
	HAS(text, "签发人：王五（副局长）"); /* the signer kept with the decision */
	HAS(text, "2026年10月9日");
	HAS(text, "送达回证");
	HAS(text, "信访事项复查意见书穗应急信〔2026〕第2号"); /* the receipt names it */
	free(text);
	/* A reprint keeps the number. */
	today("2026-10-12");
	PRINT_OK(t, "zhang", c.case_no, LF_PAPER_REVIEW, "review2", text);
	HAS(text, "穗应急信〔2026〕第2号");
	LACKS(text, "第3号");
	free(text);

	/* Delivered through the delivery records, by those who decide it. */
	assert_int_equal(deliver(t, "zhang", c.case_id, "review", "2026-10-12", msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(deliver(t, "sun", c.case_id, "review", "2026-10-12", msg, sizeof msg), LF_STORE_OK);
	lf_case_notice_info list[LF_CASE_NOTICES_MAX];
	lf_user sun = as(t->st, "sun");
	int n = lf_case_notices(t->st, &sun, c.case_id, list, LF_CASE_NOTICES_MAX);
	lf_user_free(&sun);
	bool seen = false;
	for (int i = 0; i < n; i++)
		if (!strcmp(list[i].kind, "review")) {
			seen = true;
			assert_int_equal(list[i].deliveries, 1);
			assert_true(list[i].may_deliver);
		}
	assert_true(seen);
	/* Printed again, its receipt says how it was delivered. */
	PRINT_OK(t, "zhang", c.case_no, LF_PAPER_REVIEW, "review3", text);
	HAS(text, "■直接送达");
	free(text);

	/* The re-review, recorded and signed by the supervisor. */
	today("2026-11-05");
	STEP_OK(t->st, "zhang", c.case_id, LF_STEP_REREVIEW_REQUEST, NULL);
	found_event ev = event_of(t->st, c.case_id, "rereview_request");
	assert_string_equal(ev.reason, "2026-10-12"); /* received: the delivery */
	assert_false(lf_paper_notices_of(t->st, c.case_id) & 1u << LF_PAPER_REREVIEW);
	today("2026-11-20");
	lf_step_args final = {.opinion = "upheld", .text = "经复核，复查意见正确，编号RR88。"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_REREVIEW_DECIDE, &final);
	assert_true(lf_paper_notices_of(t->st, c.case_id) & 1u << LF_PAPER_REREVIEW);
	PRINT_OK(t, "zhang", c.case_no, LF_PAPER_REREVIEW, "rereview", text);
	HAS(text, "信访事项复核意见书");
	HAS(text, "穗应急信〔2026〕第3号");
	HAS(text, "信访事项复查意见书（穗应急信〔2026〕第2号，2026年10月9日作出）");
	HAS(text, "于2026年11月5日提出复核请求");
	HAS(text, "收到复查意见之日为2026年10月12日");
	HAS(text, "编号RV21"); /* the review opinion re-reviewed */
	HAS(text, "编号RR88");
	HAS(text, "四、复核意见（维持）");
	HAS(text, "本机关予以维持");
	HAS(text, "最终处理意见");
	HAS(text, "第三十六条第三款");
	HAS(text, "仍然以同一事实和理由提出投诉请求的");
	HAS(text, "不再受理");
	HAS(text, "签发人：孙七"); /* the actor, no signer named */
	HAS(text, "2026年11月20日");
	HAS(text, "送达回证");
	LACKS(text, "请求复核。"); /* nothing more to ask */
	free(text);
	assert_int_equal(deliver(t, "sun", c.case_id, "rereview", "2026-11-20", msg, sizeof msg), LF_STORE_OK);
}

/* 第三十六条: 30 days from receiving the 复查意见书. Delivered 10-20 (Tue):
 * the last day is 11-19 (Thu); 11-20 is late, 11-19 is in time. */
static void rereview_window_from_delivery(void **state)
{
	fixture *t = *state;
	char *text = NULL, msg[1024];
	lf_saved_case c = reviewed_case(t, "2026-09-01", "2026-10-09");
	PRINT_OK(t, "sun", c.case_no, LF_PAPER_REVIEW, "review", text);
	free(text);
	today("2026-10-20");
	assert_int_equal(deliver(t, "sun", c.case_id, "review", "2026-10-20", msg, sizeof msg), LF_STORE_OK);

	today("2026-11-20");
	int before = n_audit(t->st);
	assert_int_equal(step_as(t->st, "zhang", c.case_id, LF_STEP_REREVIEW_REQUEST, NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	HAS(msg, "art. 36");
	HAS(msg, "2026-10-20"); /* received: the delivery */
	HAS(msg, "2026-11-19"); /* the last day */
	assert_int_equal(n_audit(t->st), before);
	expect_flow(t->st, c.case_id, LF_ST_REVIEWED, "", NULL);

	today("2026-11-19");
	STEP_OK(t->st, "zhang", c.case_id, LF_STEP_REREVIEW_REQUEST, NULL);
	found_event ev = event_of(t->st, c.case_id, "rereview_request");
	assert_string_equal(ev.reason, "2026-10-20");
	expect_flow(t->st, c.case_id, LF_ST_REREVIEW_REQUESTED, "2026-12-21", "rereview"); /* 12-19 is a Saturday */
}

/* Not delivered: from the opinion's day. Decided 10-12 (Mon): the last day
 * is 11-11 (Wed). The visitor's own word on receipt (--received-on) wins. */
static void rereview_window_from_decision(void **state)
{
	fixture *t = *state;
	char msg[1024];
	lf_saved_case a = reviewed_case(t, "2026-09-01", "2026-10-12");
	lf_saved_case b = reviewed_case(t, "2026-09-01", "2026-10-12");

	today("2026-11-12");
	assert_int_equal(step_as(t->st, "zhang", a.case_id, LF_STEP_REREVIEW_REQUEST, NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	HAS(msg, "art. 36");
	HAS(msg, "2026-11-11");
	lf_step_args said = {.received_on = "2026-10-14"};
	STEP_OK(t->st, "zhang", b.case_id, LF_STEP_REREVIEW_REQUEST, &said);
	assert_string_equal(event_of(t->st, b.case_id, "rereview_request").reason, "2026-10-14");

	today("2026-11-11");
	STEP_OK(t->st, "zhang", a.case_id, LF_STEP_REREVIEW_REQUEST, NULL);
	assert_string_equal(event_of(t->st, a.case_id, "rereview_request").reason, "2026-10-12");
}

/* 可评价: the petitioner's form, offered and printed once the answer is
 * given: the case, its query code, the office and the unit, the three
 * boxes for each, the reason's lines, the signature and the date. */
static void evaluation_form_printed(void **state)
{
	fixture *t = *state;
	char *text = NULL;
	assert_int_equal(lf_store_setting_set(t->st, "office_name", "广州市信访局"), LF_STORE_OK);
	today("2026-09-01");
	lf_saved_case c = register_case(t->st, "李秀英", "反映单位拖欠工资三个月，编号PA11。");
	assert_false(lf_paper_notices_of(t->st, c.case_id) & 1u << LF_PAPER_EVALUATION);
	assert_int_equal(print_as(t, "zhang", c.case_no, LF_PAPER_EVALUATION, "early", &text), LF_STORE_INVALID);
	HAS(text, "no answer to evaluate");
	free(text);
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args dept = {.unit = U_DEPT};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &dept);
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	lf_step_args report = {.text = "已责令用人单位补发工资。"};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPORT, &report);
	assert_false(lf_paper_notices_of(t->st, c.case_id) & 1u << LF_PAPER_EVALUATION);
	today("2026-09-03");
	lf_step_args reply = {.text = "经核查，用人单位已补发工资。", .satisfaction = "satisfied", ANSWER_PARTS};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPLY, &reply);
	assert_true(lf_paper_notices_of(t->st, c.case_id) & 1u << LF_PAPER_EVALUATION);

	PRINT_OK(t, "zhang", c.case_no, LF_PAPER_EVALUATION, "evaluation", text);
	HAS(text, "广州市信访局");
	HAS(text, "信访事项满意度评价表");
	HAS(text, c.case_no);
	lf_user u = as(t->st, "zhang");
	char code[LF_QUERY_CODE_LEN], shown[LF_QUERY_CODE_SHOWN + 8], why[256];
	assert_int_equal(lf_query_code_of(t->st, &u, c.case_id, false, code, why, sizeof why), LF_STORE_OK);
	lf_user_free(&u);
	lf_query_code_show(code, shown, sizeof shown);
	HAS(text, shown);
	HAS(text, "办理单位" U_DEPT);
	HAS(text, "答复日期2026年9月3日");
	HAS(text, "对信访部门的评价：□满意□基本满意□不满意");
	HAS(text, "对办理单位的评价：□满意□基本满意□不满意");
	HAS(text, "不满意的，请写明理由");
	HAS(text, "评价人（签名）");
	HAS(text, "评价日期");
	LACKS(text, "送达回证"); /* a form the visitor fills in, not a notice */
	free(text);
}

/* A case a lower office sent up for 复查 (from-lower): the request is taken
 * while it is registered, only with the day the visitor received the lower
 * office's answer, the 30 days counted from it (asked Tue 2026-11-24:
 * received 10-25 is day 30, 10-24 day 31); a plain registered case is
 * refused; the decision and its printed 复查意见书 name the lower office,
 * its case number and its answer. */
static void review_of_lower_office(void **state)
{
	fixture *t = *state;
	char *text = NULL, msg[1024];
	assert_int_equal(lf_store_setting_set(t->st, "office_name", "广州市信访局"), LF_STORE_OK);
	today("2026-11-24");
	lf_saved_case c = register_case(t->st, "郑来访", "对区里的处理意见不服，请求复查");
	lf_saved_case plain = register_case(t->st, "王来访", "请求复查");
	lf_user clerk = as(t->st, "zhang");
	lf_origin_args o = {.review_of = U_LOWER ":2026-000077", .answer = "维持原处理意见，编号LO31。"};
	assert_int_equal(lf_review_origin_record(t->st, &clerk, c.case_id, &o, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&clerk);

	/* The plain case records another office's number, as a case transferred
	 * in does (case_intake from_case_no): that alone is no 复查 origin. */
	{
		sqlite3 *db = NULL;
		char sql[256];
		snprintf(sql, sizeof sql,
		         "INSERT INTO case_intake (case_id, field, value) VALUES ('%s', 'from_case_no', '2026-000099')",
		         plain.case_id);
		assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
	}
	int before = n_audit(t->st);
	/* A plain registered case: not answered, not from a lower office. */
	lf_step_args got = {.received_on = "2026-11-20"};
	assert_int_equal(step_as(t->st, "zhang", plain.case_id, LF_STEP_REVIEW_REQUEST, &got, msg, sizeof msg),
	                 LF_STORE_INVALID);
	HAS(msg, "from-lower");
	lf_case_flow pf = flow_of(t->st, plain.case_id);
	assert_int_equal(pf.state, LF_ST_REGISTERED);
	lf_case_flow_free(&pf);
	/* From a lower office, but the day of receipt not given. */
	assert_int_equal(step_as(t->st, "zhang", c.case_id, LF_STEP_REVIEW_REQUEST, NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	HAS(msg, "--received-on");
	/* Day 31: out of time. */
	lf_step_args late = {.received_on = "2026-10-24"};
	assert_int_equal(step_as(t->st, "zhang", c.case_id, LF_STEP_REVIEW_REQUEST, &late, msg, sizeof msg),
	                 LF_STORE_INVALID);
	HAS(msg, "2026-11-23"); /* the last day */
	assert_int_equal(n_audit(t->st), before);
	/* Day 30: taken. */
	lf_step_args ask = {.received_on = "2026-10-25", .text = "请求撤销区里的处理意见，编号RQ66。"};
	STEP_OK(t->st, "zhang", c.case_id, LF_STEP_REVIEW_REQUEST, &ask);
	found_event ev = event_of(t->st, c.case_id, "review_request");
	assert_string_equal(ev.reason, "2026-10-25");
	expect_flow(t->st, c.case_id, LF_ST_REVIEW_REQUESTED, "2026-12-24", "review");

	today("2026-12-10");
	lf_step_args opinion = {.opinion = "撤销", .text = "经复查，区里认定事实不清，编号RV88。"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_REVIEW_DECIDE, &opinion);
	expect_flow(t->st, c.case_id, LF_ST_REVIEWED, "", NULL);
	PRINT_OK(t, "sun", c.case_no, LF_PAPER_REVIEW, "review_lower", text);
	HAS(text, "信访事项复查意见书");
	HAS(text, U_LOWER);
	HAS(text, "2026-000077");
	HAS(text, "LO31");  /* the lower office's answer */
	HAS(text, "RQ66");  /* the request */
	HAS(text, "RV88");  /* the opinion */
	HAS(text, "撤销");
	LACKS(text, "答复意见书（"); /* not this office's answer */
	free(text);
	/* Delivered, then the 复核 as for an answered case. */
	assert_int_equal(deliver(t, "sun", c.case_id, "review", "2026-12-10", msg, sizeof msg), LF_STORE_OK);
	today("2026-12-15");
	STEP_OK(t->st, "zhang", c.case_id, LF_STEP_REREVIEW_REQUEST, NULL);
	expect_flow(t->st, c.case_id, LF_ST_REREVIEW_REQUESTED, "2027-01-14", "rereview");
	/* Decided, the file closes: this office's part is the request and the
	 * opinions; the screening, handling and reply are the lower office's. */
	lf_step_args final = {.opinion = "维持", .text = "经复核，维持复查意见，编号RR99。"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_REREVIEW_DECIDE, &final);
	STEP_OK(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL);
	lf_case_flow af = flow_of(t->st, c.case_id);
	assert_int_equal(af.state, LF_ST_ARCHIVED);
	lf_case_flow_free(&af);
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(review_and_rereview_printed, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(rereview_window_from_delivery, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(rereview_window_from_decision, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(evaluation_form_printed, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(review_of_lower_office, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
