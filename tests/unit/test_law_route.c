/* Issue 13: 诉访分离 and the 复查 case from a lower office. Core: which
 * category takes which route out of the office (信访工作条例 第二十二条第
 * 四款, 第三十条, 第三十一条第（一）项), the origin's form "OFFICE:CASE_NO".
 * Office: the step refer_law (who may, the unit's kind, the category, the
 * reason, the notice, the clock, the archive) and the recorded origin
 * (who may, when, what it writes). */
#include "caseflow_fixture.h"

#include "laifang/channel.h"
#include "laifang/case_read.h"
#include "laifang/review.h"
#include "laifang/review_origin.h"
#include "laifang/store_people.h"

#define U_LAW "市中级人民法院"

static int law_setup(void **state)
{
	if (cf_setup(state))
		return -1;
	fixture *t = *state;
	return lf_store_unit_add(t->st, U_LAW, "law", NULL) == LF_STORE_OK ? 0 : -1;
}

/* ---- core ---- */

static void test_category_routes(void **state)
{
	(void)state;
	char why[512];
	/* A claim goes to the political-legal organs; no other category does. */
	assert_true(lf_category_allows_route("claim", LF_STEP_REFER_LAW, why, sizeof why));
	assert_false(lf_category_allows_route("accusation", LF_STEP_REFER_LAW, why, sizeof why));
	assert_non_null(strstr(why, "第三十一条"));
	assert_false(lf_category_allows_route("suggestion", LF_STEP_REFER_LAW, why, sizeof why));
	/* An accusation goes to discipline inspection, not in-house. */
	assert_true(lf_category_allows_route("accusation", LF_STEP_REFER, why, sizeof why));
	assert_false(lf_category_allows_route("claim", LF_STEP_REFER, why, sizeof why));
	assert_false(lf_category_allows_route("accusation", LF_STEP_IN_HOUSE, why, sizeof why));
	assert_true(lf_category_allows_route("accusation", LF_STEP_TRANSFER, why, sizeof why));
	/* Not screened yet: any route (the step sets the category). */
	assert_true(lf_category_allows_route(NULL, LF_STEP_REFER_LAW, why, sizeof why));
	int step = -1;
	assert_true(lf_category_route_of("claim", &step));
	assert_int_equal(step, LF_STEP_REFER_LAW);
	assert_true(lf_category_route_of("accusation", &step));
	assert_int_equal(step, LF_STEP_REFER);
	assert_false(lf_category_route_of("suggestion", &step));
	/* Both routes leave the office's tracking and go to the archive. */
	assert_true(lf_state_sent_out(LF_ST_LAW_REFERRED));
	assert_true(lf_state_sent_out(LF_ST_REFERRED));
	assert_false(lf_state_sent_out(LF_ST_TRANSFERRED));
	assert_string_equal(lf_step_get(LF_STEP_REFER_LAW)->unit_kind, "law");
	lf_case_file_facts f = {.state = LF_ST_LAW_REFERRED, .has_sheet = true, .has_decision = true};
	char buf[512];
	assert_int_equal(lf_archive_missing(&f, buf, sizeof buf), 1); /* the notice */
	f.has_notice = true;
	assert_int_equal(lf_archive_missing(&f, buf, sizeof buf), 0);
}

static void test_origin_parse(void **state)
{
	(void)state;
	char office[512], no[LF_ORIGIN_CASE_NO_LEN], why[256];
	assert_true(lf_origin_parse("城关区信访局:2026-000012", office, sizeof office, no, why, sizeof why));
	assert_string_equal(office, "城关区信访局");
	assert_string_equal(no, "2026-000012");
	/* A Chinese colon and spaces around the parts. */
	assert_true(lf_origin_parse(" 城关区信访局 ： 2025-100001 ", office, sizeof office, no, why, sizeof why));
	assert_string_equal(office, "城关区信访局");
	assert_string_equal(no, "2025-100001");
	static const char *const bad[] = {
		"城关区信访局", ":2026-000012", "城关区信访局:", "城关区信访局:2026-12", "城关区信访局:2026-0000012",
		"城关区信访局:1999-000001", "城关区信访局:2026-000000", "城关区信访局:2026/000012", "城关区信访局:２026-000012",
		"城关\n区信访局:2026-000012", NULL,
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		why[0] = '\0';
		if (lf_origin_parse(bad[i], office, sizeof office, no, why, sizeof why))
			fail_msg("\"%s\" was taken", bad[i] ? bad[i] : "(null)");
		assert_non_null(strstr(why, "review of"));
	}
	assert_true(lf_origin_case_no_valid("2100-999999"));
	assert_false(lf_origin_case_no_valid("2101-000001"));
}

/* ---- office: refer_law ---- */

static void test_refer_law(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "刘来访", "对民事判决不服，要求改判");
	lf_step_args args = {.unit = U_LAW, .reason = "属于申请再审事项，应通过审判监督程序处理。"};
	/* Only a supervisor screens. */
	static const char *const others[] = {"zhang", "wang", "zhou", "wu", "admin"};
	int before = n_audit(t->st);
	for (size_t i = 0; i < sizeof others / sizeof *others; i++)
		assert_int_equal(step_as(t->st, others[i], c.case_id, LF_STEP_REFER_LAW, &args, msg, sizeof msg),
		                 LF_STORE_DENIED);
	/* The unit is a political-legal organ; the reason is given; the case is a claim. */
	lf_step_args wrong = {.unit = U_DISC, .reason = args.reason};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_REFER_LAW, &wrong, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "political-legal"));
	lf_step_args no_reason = {.unit = U_LAW};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_REFER_LAW, &no_reason, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "legal procedure"));
	lf_step_args accusation = {.unit = U_LAW, .reason = args.reason, .kind = "accusation"};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_REFER_LAW, &accusation, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "only a claim"));
	assert_int_equal(n_audit(t->st), before);
	/* And a court is not a discipline body. */
	lf_step_args refer_court = {.unit = U_LAW};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_REFER, &refer_court, msg, sizeof msg),
	                 LF_STORE_INVALID);
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_REFER_LAW, &args);
	expect_flow(t->st, c.case_id, LF_ST_LAW_REFERRED, "", NULL);
	lf_case got;
	assert_int_equal(lf_store_get_case(t->st, c.case_id, &got), LF_STORE_OK);
	assert_string_equal(got.kind, "claim");
	lf_case_free(&got);
	found_event ev = event_of(t->st, c.case_id, "refer_law");
	assert_int_equal(ev.n, 1);
	assert_string_equal(ev.unit, U_LAW);
	assert_non_null(strstr(ev.text, U_LAW));
	assert_non_null(strstr(ev.text, "审判监督程序"));
	assert_non_null(strstr(ev.text, c.case_no));
	/* Out of the office's tracking: no supervision; then the archive. */
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_supervise(t->st, &sun, c.case_id, "请跟进。", msg, sizeof msg), LF_STORE_INVALID);
	lf_user_free(&sun);
	STEP_OK(t->st, "wu", c.case_id, LF_STEP_ARCHIVE, NULL);
	expect_flow(t->st, c.case_id, LF_ST_ARCHIVED, "", NULL);
}

/* An accusation referred to discipline inspection takes the category. */
static void test_refer_is_accusation(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "钱来访", "检举某局干部收受红包");
	lf_step_args claim = {.unit = U_DISC, .kind = "claim"};
	assert_int_equal(step_as(t->st, "sun", c.case_id, LF_STEP_REFER, &claim, msg, sizeof msg), LF_STORE_INVALID);
	lf_step_args to = {.unit = U_DISC};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_REFER, &to);
	lf_case got;
	assert_int_equal(lf_store_get_case(t->st, c.case_id, &got), LF_STORE_OK);
	assert_string_equal(got.kind, "accusation");
	lf_case_free(&got);
}

/* ---- office: a 复查 case from a lower office ---- */

static int count_doc(const char *name, const char *sha256, long long size, void *ud)
{
	(void)sha256;
	if (!strcmp(name, "answer.pdf") && size > 0)
		++*(int *)ud;
	return 0;
}

static const char *intake_of(const lf_case *c, const char *id)
{
	for (size_t i = 0; i < c->n_intake; i++)
		if (!strcmp(c->intake_ids[i], id))
			return c->intake_values[i];
	return NULL;
}

static void test_review_origin(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2024-03-01");
	lf_saved_case c = register_case(t->st, "郑来访", "对区里的处理意见不服，请求复查");
	char path[256];
	snprintf(path, sizeof path, "%s/answer.pdf", t->dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("%PDF-1.4 original answer\n", f);
	fclose(f);
	const char *files[] = {path};
	lf_origin_args a = {.review_of = U_LOWER ":2024-000077", .answer = "维持原处理意见。", .files = files,
	                    .n_files = 1};
	int before = n_audit(t->st);
	/* A handler, a leader or an archivist does not register it. */
	static const char *const others[] = {"zhou", "wang", "wu"};
	for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
		lf_user u = as(t->st, others[i]);
		assert_int_equal(lf_review_origin_record(t->st, &u, c.case_id, &a, msg, sizeof msg), LF_STORE_DENIED);
		lf_user_free(&u);
	}
	lf_user clerk = as(t->st, "zhang");
	lf_origin_args bad = a;
	bad.review_of = U_LOWER ":24-77";
	assert_int_equal(lf_review_origin_record(t->st, &clerk, c.case_id, &bad, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "24-77"));
	lf_origin_args empty = {.review_of = a.review_of};
	assert_int_equal(lf_review_origin_record(t->st, &clerk, c.case_id, &empty, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(n_audit(t->st), before);
	assert_int_equal(lf_review_origin_record(t->st, &clerk, c.case_id, &a, msg, sizeof msg), LF_STORE_OK);
	lf_case got;
	assert_int_equal(lf_store_get_case(t->st, c.case_id, &got), LF_STORE_OK);
	assert_string_equal(intake_of(&got, "from_office"), U_LOWER);
	assert_string_equal(intake_of(&got, "from_case_no"), "2024-000077");
	assert_string_equal(intake_of(&got, "from_answer"), "维持原处理意见。");
	lf_case_free(&got);
	int docs = 0;
	assert_int_equal(lf_review_origin_docs(t->st, &clerk, c.case_id, count_doc, &docs, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(docs, 1);
	found_event ev = event_of(t->st, c.case_id, "review_origin");
	assert_int_equal(ev.n, 1);
	assert_non_null(strstr(ev.reason, "2024-000077"));
	/* Once only, and only while registered. */
	assert_int_equal(lf_review_origin_record(t->st, &clerk, c.case_id, &a, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "already"));
	lf_saved_case d = register_case(t->st, "郑来访", "再次请求复查");
	lf_user_free(&clerk);
	STEP_OK(t->st, "sun", d.case_id, LF_STEP_ACCEPT, NULL);
	clerk = as(t->st, "zhang");
	assert_int_equal(lf_review_origin_record(t->st, &clerk, d.case_id, &a, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "registered"));
	lf_user_free(&clerk);
}

/* Core: a registered case asks for review only when a lower office sent it
 * up (from-lower); an answered case always may. */
static void test_review_from_lower_core(void **state)
{
	(void)state;
	char why[512];
	assert_true(lf_review_may_request(LF_ST_REPLIED, false));
	assert_true(lf_review_may_request(LF_ST_REGISTERED, true));
	assert_false(lf_review_may_request(LF_ST_REGISTERED, false));
	assert_false(lf_review_may_request(LF_ST_ACCEPTED, true));
	lf_step_input in = {.in_time = true};
	assert_false(lf_step_allowed(LF_STEP_REVIEW_REQUEST, LF_ST_REGISTERED, LF_ROLE_CLERK, &in, why, sizeof why));
	assert_non_null(strstr(why, "from-lower"));
	in.from_lower = true;
	assert_true(lf_step_allowed(LF_STEP_REVIEW_REQUEST, LF_ST_REGISTERED, LF_ROLE_CLERK, &in, why, sizeof why));
	/* Only the review request: nothing else opens on the origin. */
	assert_false(lf_step_allowed(LF_STEP_REVIEW_DECIDE, LF_ST_REGISTERED, LF_ROLE_SUPERVISOR, &in, why, sizeof why));
	assert_false(lf_step_allowed(LF_STEP_REREVIEW_REQUEST, LF_ST_REGISTERED, LF_ROLE_CLERK, &in, why, sizeof why));
	assert_false(lf_step_allowed(LF_STEP_REVIEW_REQUEST, LF_ST_ACCEPTED, LF_ROLE_CLERK, &in, why, sizeof why));
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_category_routes),
		cmocka_unit_test(test_origin_parse),
		cmocka_unit_test(test_review_from_lower_core),
		cmocka_unit_test_setup_teardown(test_refer_law, law_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_refer_is_accusation, law_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_review_origin, law_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
