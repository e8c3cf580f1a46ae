/* Delivery of notices (送达, issue 13): core's rules (methods, tracking
 * number for post, a refusal's witnesses, the date between the notice and
 * today, the permission of the step), and through the office and the store:
 * a delivery saved with its signer, the notification clock (告知期限,
 * 《信访工作条例》第二十三条) opened by the printed notice and met or
 * missed at the delivery's date, refusals that write nothing, the archive
 * lock, and a row edited behind laifang's back found by check. */
#include "caseflow_fixture.h"

#include "laifang/case_deliver.h"
#include "laifang/auth.h"
#include "laifang/delivery.h"
#include "laifang/case_eval.h"
#include "laifang/evaluation.h"
#include "laifang/store_evaluation.h"
#include "laifang/notice_no.h"
#include "laifang/store_clocks.h"

static lf_date d(const char *s)
{
	lf_date x;
	assert_true(lf_date_parse(s, &x));
	return x;
}

static void test_rules(void **state)
{
	(void)state;
	char why[256];
	lf_date today = d("2026-11-23"), made = d("2026-11-20");
	lf_delivery_in in = {.method = LF_DELIVER_IN_PERSON, .on = d("2026-11-21")};
	assert_true(lf_delivery_check(&in, today, made, why, sizeof why));
	in.method = LF_DELIVER_POST;
	assert_false(lf_delivery_check(&in, today, made, why, sizeof why));
	assert_non_null(strstr(why, "tracking"));
	in.tracking = "EMS 123";
	assert_false(lf_delivery_check(&in, today, made, why, sizeof why));
	in.tracking = "EMS1234567890CN";
	assert_true(lf_delivery_check(&in, today, made, why, sizeof why));
	in.method = LF_DELIVER_ELECTRONIC; /* a tracking number is post's alone */
	assert_false(lf_delivery_check(&in, today, made, why, sizeof why));
	in.tracking = NULL;
	in.method = LF_DELIVER_OTHER;
	assert_false(lf_delivery_check(&in, today, made, why, sizeof why));
	in.note = "委托村委会转交";
	assert_true(lf_delivery_check(&in, today, made, why, sizeof why));
	in = (lf_delivery_in){.method = LF_DELIVER_IN_PERSON, .on = d("2026-11-21"), .refused = true};
	assert_false(lf_delivery_check(&in, today, made, why, sizeof why));
	assert_non_null(strstr(why, "witnesses"));
	in.note = "见证人：王五";
	assert_true(lf_delivery_check(&in, today, made, why, sizeof why));
	in.on = d("2026-11-24");
	assert_false(lf_delivery_check(&in, today, made, why, sizeof why));
	assert_non_null(strstr(why, "future"));
	in.on = d("2026-11-19");
	assert_false(lf_delivery_check(&in, today, made, why, sizeof why));
	assert_non_null(strstr(why, "2026-11-20"));
	in.on = made; /* the same day is fine */
	assert_true(lf_delivery_check(&in, today, made, why, sizeof why));

	lf_delivery_method m;
	assert_true(lf_delivery_method_parse("邮寄", &m));
	assert_int_equal(m, LF_DELIVER_POST);
	assert_true(lf_delivery_method_parse("electronic", &m));
	assert_int_equal(m, LF_DELIVER_ELECTRONIC);
	assert_false(lf_delivery_method_parse("pigeon", &m));
	lf_perm p;
	assert_true(lf_delivery_perm("decline", &p));
	assert_int_equal(p, LF_PERM_SCREEN);
	assert_true(lf_delivery_perm("transfer", &p));
	assert_int_equal(p, LF_PERM_ROUTE);
	assert_true(lf_delivery_perm("answer", &p));
	assert_int_equal(p, LF_PERM_REPLY);
	assert_false(lf_delivery_perm("sheet", &p));
	/* The answer: its unit, or a supervisor (who mails the office's post);
	 * a clerk neither; the other notices by their own permission only. */
	assert_true(lf_delivery_allowed("answer", LF_ROLE_HANDLER));
	assert_true(lf_delivery_allowed("answer", LF_ROLE_SUPERVISOR));
	assert_false(lf_delivery_allowed("answer", LF_ROLE_CLERK));
	assert_true(lf_delivery_allowed("transfer", LF_ROLE_SUPERVISOR));
	assert_false(lf_delivery_allowed("transfer", LF_ROLE_HANDLER));
	assert_false(lf_delivery_allowed("sheet", LF_ROLES_ALL));
	assert_true(lf_delivery_notifies("accept"));
	assert_false(lf_delivery_notifies("answer"));
}

/* The notice of kind issued (as its first print does) by login. */
static void issue(lf_store *st, const char *login, const char *case_id, const char *kind, lf_notice_no *no)
{
	lf_user u = as(st, login);
	char msg[256];
	assert_int_equal(lf_notice_number(st, &u, case_id, kind, NULL, no, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&u);
}

static lf_store_err deliver(lf_store *st, const char *login, const char *case_id, const lf_deliver_args *a,
                            char *msg, size_t len)
{
	lf_user u = as(st, login);
	lf_store_err e = lf_case_deliver(st, &u, case_id, a, msg, len);
	lf_user_free(&u);
	return e;
}

typedef struct clock_seen {
	const char *rule;
	char state[16], stop[11], due[11], reason[32];
	int n;
} clock_seen;

static int see_clock(const lf_clock_row *r, void *ud)
{
	clock_seen *c = ud;
	if (r->rule && !strcmp(r->rule, c->rule)) {
		c->n++;
		snprintf(c->state, sizeof c->state, "%s", r->state ? r->state : "");
		snprintf(c->stop, sizeof c->stop, "%s", r->stop ? r->stop : "");
		snprintf(c->due, sizeof c->due, "%s", r->due ? r->due : "");
		snprintf(c->reason, sizeof c->reason, "%s", r->stop_reason ? r->stop_reason : "");
	}
	return 0;
}

static clock_seen notify_clock(lf_store *st, const char *case_id)
{
	clock_seen c = {.rule = "notify"};
	assert_int_equal(lf_store_case_clocks(st, case_id, see_clock, &c), LF_STORE_OK);
	return c;
}

typedef struct row_seen {
	int n;
	char method[16], signer[64], on[11], tracking[64];
	bool refused;
} row_seen;

static int see_row(const lf_delivery_row *r, void *ud)
{
	row_seen *x = ud;
	x->n++;
	snprintf(x->method, sizeof x->method, "%s", r->method ? r->method : "");
	snprintf(x->signer, sizeof x->signer, "%s", r->signer ? r->signer : "");
	snprintf(x->on, sizeof x->on, "%s", r->delivered_on ? r->delivered_on : "");
	snprintf(x->tracking, sizeof x->tracking, "%s", r->tracking ? r->tracking : "");
	x->refused = r->refused;
	return 0;
}

static row_seen rows_of(lf_store *st, const char *case_id)
{
	row_seen x = {0};
	assert_int_equal(lf_case_deliveries(st, case_id, see_row, &x), LF_STORE_OK);
	return x;
}

static void test_saved_clock_met(void **state)
{
	fixture *t = *state;
	today("2026-11-02"); /* the notification clock: 15 days → 11-17 */
	lf_saved_case c = register_case(t->st, "李四", "拖欠工资，编号DV1。");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	assert_int_equal(notify_clock(t->st, c.case_id).n, 0); /* no notice yet, no clock */
	today("2026-11-03");
	lf_notice_no no;
	issue(t->st, "sun", c.case_id, "accept", &no);
	clock_seen k = notify_clock(t->st, c.case_id);
	assert_int_equal(k.n, 1);
	assert_string_equal(k.state, "running"); /* printing does not meet it */
	assert_string_equal(k.due, "2026-11-17");

	today("2026-11-10");
	char msg[512];
	lf_deliver_args a = {.notice = no.doc_no, .method = "post", .date = "2026-11-06"};
	assert_int_equal(deliver(t->st, "sun", c.case_id, &a, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "tracking"));
	assert_int_equal(rows_of(t->st, c.case_id).n, 0);
	a.tracking = "EMS1234567890CN";
	assert_int_equal(deliver(t->st, "sun", c.case_id, &a, msg, sizeof msg), LF_STORE_OK);
	row_seen r = rows_of(t->st, c.case_id);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.method, "post");
	assert_string_equal(r.on, "2026-11-06");
	assert_string_equal(r.tracking, "EMS1234567890CN");
	assert_string_equal(r.signer, "孙七");
	assert_false(r.refused);
	k = notify_clock(t->st, c.case_id);
	assert_string_equal(k.state, "met");
	assert_string_equal(k.stop, "2026-11-06"); /* the delivery's day, not the day it was typed */
	assert_string_equal(k.reason, "deliver");
	found_event ev = event_of(t->st, c.case_id, "deliver");
	assert_int_equal(ev.n, 1);
	assert_string_equal(ev.by, "孙七");
	assert_non_null(strstr(ev.text, no.doc_no));
	char sealed[256];
	assert_int_equal(sf_check(t->st, sealed, sizeof sealed), 0);
}

static void test_late_and_refused(void **state)
{
	fixture *t = *state;
	today("2026-11-02");
	lf_saved_case c = register_case(t->st, "王二", "噪音扰民，编号DV2。");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_notice_no no;
	issue(t->st, "sun", c.case_id, "accept", &no);
	today("2026-11-30");
	char msg[512];
	/* Not printed: no such notice; a handler may not record a screening notice. */
	lf_deliver_args none = {.notice = "decline", .method = "in_person"};
	assert_int_equal(deliver(t->st, "sun", c.case_id, &none, msg, sizeof msg), LF_STORE_INVALID);
	lf_deliver_args a = {.notice = "accept", .method = "in_person", .refused = true};
	assert_int_equal(deliver(t->st, "qian", c.case_id, &a, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(deliver(t->st, "sun", c.case_id, &a, msg, sizeof msg), LF_STORE_INVALID); /* no witnesses */
	a.note = "见证人：社区主任赵某";
	a.date = "2026-11-01"; /* before the notice was made */
	assert_int_equal(deliver(t->st, "sun", c.case_id, &a, msg, sizeof msg), LF_STORE_INVALID);
	a.date = NULL; /* today, after the 15 days */
	assert_int_equal(deliver(t->st, "sun", c.case_id, &a, msg, sizeof msg), LF_STORE_OK);
	row_seen r = rows_of(t->st, c.case_id);
	assert_int_equal(r.n, 1);
	assert_true(r.refused);
	assert_string_equal(notify_clock(t->st, c.case_id).state, "missed");
}

static void test_archived_refused(void **state)
{
	fixture *t = *state;
	today("2026-11-02");
	lf_saved_case c = register_case(t->st, "赵三", "不属本机关，编号DV3。");
	lf_step_args dec = {.reason = "不属于本机关职责范围"};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_DECLINE, &dec);
	lf_notice_no no;
	issue(t->st, "sun", c.case_id, "decline", &no);
	STEP_OK(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL);
	char msg[512];
	lf_deliver_args a = {.notice = no.doc_no, .method = "in_person"};
	assert_int_equal(deliver(t->st, "sun", c.case_id, &a, msg, sizeof msg), LF_STORE_DENIED);
	assert_non_null(strstr(msg, "archived"));
	assert_int_equal(rows_of(t->st, c.case_id).n, 0);
	/* The trigger is the second line. */
	char sql[512];
	snprintf(sql, sizeof sql,
	         "INSERT INTO case_delivery (case_id, seq, notice_kind, doc_no, method, delivered_on, recorded_at) "
	         "VALUES ('%s', 99, 'decline', 'x', 'in_person', '2026-11-02', '2026-11-02T00:00:00+08:00')",
	         c.case_id);
	assert_int_not_equal(sf_exec(t->db, sql), 0);
}

static void test_edit_detected(void **state)
{
	fixture *t = *state;
	today("2026-11-02");
	lf_saved_case c = register_case(t->st, "钱五", "违建，编号DV4。");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_notice_no no;
	issue(t->st, "sun", c.case_id, "accept", &no);
	char msg[512];
	lf_deliver_args a = {.notice = no.doc_no, .method = "electronic"};
	assert_int_equal(deliver(t->st, "sun", c.case_id, &a, msg, sizeof msg), LF_STORE_OK);
	char problems[2048];
	assert_int_equal(sf_check(t->st, problems, sizeof problems), 0);
	assert_int_equal(sf_exec(t->db, "UPDATE case_delivery SET delivered_on = '2026-11-01'"), 0);
	assert_true(sf_check(t->st, problems, sizeof problems) > 0);
	assert_non_null(strstr(problems, "case_delivery"));
}

/* 第三十五条 counts the 30 days to ask for a review from receiving the
 * written answer: its recorded delivery, by default. */
static void test_review_counts_from_delivery(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2026-09-01");
	lf_saved_case c = register_case(t->st, "孙六", "拖欠工资，编号DV5。");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args dept = {.unit = U_DEPT};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &dept);
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_TAKE_UP, NULL);
	lf_step_args report = {.text = "已核实。"};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPORT, &report);
	lf_step_args reply = {.text = "已书面答复。", .satisfaction = "dissatisfied", ANSWER_PARTS};
	STEP_OK(t->st, "qian", c.case_id, LF_STEP_REPLY, &reply);
	lf_notice_no no;
	issue(t->st, "qian", c.case_id, "answer", &no);
	today("2026-09-20");
	lf_deliver_args a = {.notice = "answer", .method = "post", .tracking = "EMS99", .date = "2026-09-15"};
	assert_int_equal(deliver(t->st, "zhang", c.case_id, &a, msg, sizeof msg), LF_STORE_DENIED); /* a clerk */
	lf_eval_state es;
	assert_int_equal(lf_store_case_eval_state(t->st, c.case_id, &es), LF_STORE_OK);
	char from_reply[11];
	snprintf(from_reply, sizeof from_reply, "%s", es.due_on);
	assert_true(from_reply[0] != '\0');
	assert_int_equal(deliver(t->st, "qian", c.case_id, &a, msg, sizeof msg), LF_STORE_OK);
	/* The evaluation period counts from the delivery (09-15), not the reply. */
	assert_int_equal(lf_store_case_eval_state(t->st, c.case_id, &es), LF_STORE_OK);
	assert_true(strcmp(es.due_on, from_reply) > 0);
	lf_date dd;
	assert_true(lf_date_parse("2026-09-15", &dd));
	char want[11];
	lf_date_format(lf_eval_due(dd, lf_eval_days(t->st)), want);
	assert_string_equal(es.due_on, want);
	/* 10-09 is late counted from the reply (09-01), in time from 09-15. */
	today("2026-10-09");
	lf_step_args ask = {.text = "请求复查。"};
	STEP_OK(t->st, "zhang", c.case_id, LF_STEP_REVIEW_REQUEST, &ask);
	found_event ev = event_of(t->st, c.case_id, "review_request");
	assert_string_equal(ev.reason, "2026-09-15");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test_setup_teardown(test_saved_clock_met, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_late_and_refused, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_archived_refused, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_edit_detected, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_review_counts_from_delivery, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
