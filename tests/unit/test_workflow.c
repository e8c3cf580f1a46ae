/* The case state machine: every step from every state for every role, what
 * each step needs, and the archive gate. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "laifang/auth.h"
#include "laifang/workflow.h"

/* The life in DESIGN.md, written out independently of the table: from ->
 * to for each step, and the one role that takes it. */
static const struct {
	lf_step step;
	const char *from[6];
	const char *to;
	unsigned role; /* the roles that take it (any one of them) */
} expected[] = {
	{LF_STEP_ACCEPT, {"registered"}, "accepted", LF_ROLE_SUPERVISOR},
	{LF_STEP_DECLINE, {"registered"}, "declined", LF_ROLE_SUPERVISOR},
	{LF_STEP_REFER, {"registered"}, "referred", LF_ROLE_SUPERVISOR},
	{LF_STEP_IN_HOUSE, {"accepted"}, "in_house", LF_ROLE_SUPERVISOR},
	{LF_STEP_TRANSFER, {"accepted"}, "transferred", LF_ROLE_SUPERVISOR},
	{LF_STEP_ASSIGN, {"accepted"}, "assigned", LF_ROLE_SUPERVISOR},
	{LF_STEP_TAKE_UP, {"in_house", "transferred", "assigned"}, "handling", LF_ROLE_HANDLER},
	{LF_STEP_REPORT, {"handling"}, "reported", LF_ROLE_HANDLER},
	{LF_STEP_REPLY, {"reported"}, "replied", LF_ROLE_HANDLER},
	{LF_STEP_ARCHIVE, {"replied", "declined", "referred", "reviewed", "rereviewed", "law_referred"}, "archived",
	 LF_ROLE_ARCHIVIST},
	/* Issue 13, arts. 35 and 36: the desk records the request, a
	 * supervisor or leader gives the opinion. */
	{LF_STEP_REVIEW_REQUEST, {"replied"}, "review_requested", LF_ROLE_CLERK | LF_ROLE_SUPERVISOR},
	{LF_STEP_REVIEW_DECIDE, {"review_requested"}, "reviewed", LF_ROLE_SUPERVISOR | LF_ROLE_LEADER},
	{LF_STEP_REREVIEW_REQUEST, {"reviewed"}, "rereview_requested", LF_ROLE_CLERK | LF_ROLE_SUPERVISOR},
	{LF_STEP_REREVIEW_DECIDE, {"rereview_requested"}, "rereviewed", LF_ROLE_SUPERVISOR | LF_ROLE_LEADER},
	/* Issue 13 (可评价): 重办 after a 不满意, a supervisor's decision. */
	{LF_STEP_REDO, {"replied"}, "handling", LF_ROLE_SUPERVISOR},
	/* Issue 13 (诉访分离): a claim's matter of litigation to a 政法 organ, at screening. */
	{LF_STEP_REFER_LAW, {"registered"}, "law_referred", LF_ROLE_SUPERVISOR},
};

/* Everything a step could need, so only state and role decide. */
static lf_step_input full_input(lf_step step)
{
	lf_step_input in = {0};
	in.reason = "不属于本机关职责范围";
	in.text = "已办结";
	in.satisfaction = "satisfied";
	in.today = (lf_date){2024, 3, 1};
	in.has_due = true;
	in.due = (lf_date){2024, 3, 15};
	in.file_complete = true;
	in.opinion = "upheld";
	in.in_time = true;
	in.dissatisfied = true;
	const lf_step_def *d = lf_step_get(step);
	in.unit_kind = d->unit_kind ? d->unit_kind : "department";
	return in;
}

static bool listed(const char *const from[6], const char *state)
{
	for (int i = 0; i < 6 && from[i]; i++)
		if (!strcmp(from[i], state))
			return true;
	return false;
}

static void test_state_ids(void **state)
{
	(void)state;
	for (int s = 0; s < LF_ST_COUNT; s++) {
		lf_case_state back;
		assert_true(lf_state_parse(lf_state_id((lf_case_state)s), &back));
		assert_int_equal(back, s);
		assert_non_null(lf_state_label((lf_case_state)s));
	}
	lf_case_state x;
	assert_false(lf_state_parse("closed", &x));
	assert_null(lf_state_id(LF_ST_COUNT));
	assert_true(lf_state_open(LF_ST_REFERRED));
	assert_false(lf_state_open(LF_ST_ARCHIVED));
}

/* Every step × every state × every single role: allowed exactly when the
 * state is one the life starts it from and the role is the one expected. */
static void test_every_transition(void **state)
{
	(void)state;
	assert_int_equal(sizeof expected / sizeof expected[0], LF_STEP_COUNT);
	for (size_t e = 0; e < LF_STEP_COUNT; e++) {
		lf_step step = expected[e].step;
		const lf_step_def *d = lf_step_get(step);
		assert_non_null(d);
		assert_string_equal(lf_state_id(d->to), expected[e].to);
		lf_step parsed;
		assert_true(lf_step_parse(d->key, &parsed));
		assert_int_equal(parsed, step);
		lf_step_input in = full_input(step);
		for (int s = 0; s < LF_ST_COUNT; s++)
			for (int r = 0; r < LF_ROLE_COUNT; r++) {
				unsigned role = 1u << r;
				char why[256] = "";
				bool ok = lf_step_allowed(step, (lf_case_state)s, role, &in, why, sizeof why);
				bool want = listed(expected[e].from, lf_state_id((lf_case_state)s)) &&
				            (role & expected[e].role) != 0;
				if (ok != want)
					fail_msg("step %s from %s by %s: got %d, want %d (%s)", d->key,
					         lf_state_id((lf_case_state)s), lf_role_id((lf_role)role), ok, want, why);
				if (!ok)
					assert_true(why[0] != '\0');
			}
	}
	assert_null(lf_step_get(LF_STEP_COUNT));
}

static void expect_refused(lf_step step, lf_case_state from, unsigned roles, const lf_step_input *in,
                           const char *part)
{
	char why[256] = "";
	assert_false(lf_step_allowed(step, from, roles, in, why, sizeof why));
	if (!strstr(why, part))
		fail_msg("expected \"%s\" in \"%s\"", part, why);
}

static void test_what_steps_need(void **state)
{
	(void)state;
	unsigned sup = LF_ROLE_SUPERVISOR;
	lf_step_input in = full_input(LF_STEP_DECLINE);
	in.reason = "  \n";
	expect_refused(LF_STEP_DECLINE, LF_ST_REGISTERED, sup, &in, "reason");

	in = full_input(LF_STEP_TRANSFER);
	in.unit_kind = NULL;
	expect_refused(LF_STEP_TRANSFER, LF_ST_ACCEPTED, sup, &in, "same level");
	in.unit_kind = "lower";
	expect_refused(LF_STEP_TRANSFER, LF_ST_ACCEPTED, sup, &in, "must be");
	in = full_input(LF_STEP_ASSIGN);
	in.has_due = false;
	expect_refused(LF_STEP_ASSIGN, LF_ST_ACCEPTED, sup, &in, "due date");
	in.has_due = true;
	in.due = (lf_date){2024, 2, 29};
	expect_refused(LF_STEP_ASSIGN, LF_ST_ACCEPTED, sup, &in, "past");
	in.due = in.today; /* due today is allowed */
	char why[256];
	assert_true(lf_step_allowed(LF_STEP_ASSIGN, LF_ST_ACCEPTED, sup, &in, why, sizeof why));

	/* A major case needs its owning leader before routing, not before screening. */
	in = full_input(LF_STEP_IN_HOUSE);
	in.major = true;
	expect_refused(LF_STEP_IN_HOUSE, LF_ST_ACCEPTED, sup, &in, "包案");
	in.has_owner = true;
	assert_true(lf_step_allowed(LF_STEP_IN_HOUSE, LF_ST_ACCEPTED, sup, &in, why, sizeof why));
	in = full_input(LF_STEP_ACCEPT);
	in.major = true;
	assert_true(lf_step_allowed(LF_STEP_ACCEPT, LF_ST_REGISTERED, sup, &in, why, sizeof why));

	in = full_input(LF_STEP_REPORT);
	in.text = "";
	expect_refused(LF_STEP_REPORT, LF_ST_HANDLING, LF_ROLE_HANDLER, &in, "empty");
	in = full_input(LF_STEP_REPLY);
	in.satisfaction = "happy";
	expect_refused(LF_STEP_REPLY, LF_ST_REPORTED, LF_ROLE_HANDLER, &in, "satisfaction");
	in = full_input(LF_STEP_ARCHIVE);
	in.file_complete = false;
	expect_refused(LF_STEP_ARCHIVE, LF_ST_REPLIED, LF_ROLE_ARCHIVIST, &in, "complete");

	/* 重办 (issue 13): only after a 不满意, with its reason and a due date. */
	in = full_input(LF_STEP_REDO);
	in.dissatisfied = false;
	expect_refused(LF_STEP_REDO, LF_ST_REPLIED, sup, &in, "dissatisfied");
	in = full_input(LF_STEP_REDO);
	in.reason = " ";
	expect_refused(LF_STEP_REDO, LF_ST_REPLIED, sup, &in, "reason for handling again");
	in = full_input(LF_STEP_REDO);
	in.has_due = false;
	expect_refused(LF_STEP_REDO, LF_ST_REPLIED, sup, &in, "due date");

	/* The state is named when it is the obstacle; the permission when the role is. */
	in = full_input(LF_STEP_ARCHIVE);
	expect_refused(LF_STEP_ARCHIVE, LF_ST_HANDLING, LF_ROLE_ARCHIVIST, &in, "being handled");
	expect_refused(LF_STEP_ARCHIVE, LF_ST_REPLIED, LF_ROLE_CLERK, &in, "not allowed");
	/* A NULL input is refused where something is needed, never a crash. */
	expect_refused(LF_STEP_DECLINE, LF_ST_REGISTERED, sup, NULL, "reason");
	assert_true(lf_satisfaction_valid("basically"));
	assert_false(lf_satisfaction_valid(NULL));

	/* Review decisions need a known opinion and a text; requests, the 30 days. */
	in = full_input(LF_STEP_REVIEW_DECIDE);
	in.opinion = "maybe";
	expect_refused(LF_STEP_REVIEW_DECIDE, LF_ST_REVIEW_REQUESTED, sup, &in, "upheld");
	in = full_input(LF_STEP_REREVIEW_DECIDE);
	in.text = " ";
	expect_refused(LF_STEP_REREVIEW_DECIDE, LF_ST_REREVIEW_REQUESTED, LF_ROLE_LEADER, &in, "empty");
	in = full_input(LF_STEP_REVIEW_REQUEST);
	in.in_time = false;
	in.late_why = "out of time: art. 35";
	expect_refused(LF_STEP_REVIEW_REQUEST, LF_ST_REPLIED, LF_ROLE_CLERK, &in, "art. 35");
	in.late_why = NULL;
	expect_refused(LF_STEP_REREVIEW_REQUEST, LF_ST_REVIEWED, LF_ROLE_CLERK, &in, "out of time");
	/* A re-review only after a review; a review only after the reply. */
	in = full_input(LF_STEP_REREVIEW_REQUEST);
	expect_refused(LF_STEP_REREVIEW_REQUEST, LF_ST_REPLIED, sup, &in, "replied");
	expect_refused(LF_STEP_REVIEW_REQUEST, LF_ST_REPORTED, sup, &in, "reported");
}

static void test_steps_available(void **state)
{
	(void)state;
	lf_step got[LF_STEP_COUNT];
	size_t n = lf_steps_available(LF_ST_REGISTERED, LF_ROLE_SUPERVISOR, got, LF_STEP_COUNT);
	assert_int_equal(n, 4);
	assert_int_equal(got[0], LF_STEP_ACCEPT);
	assert_int_equal(got[1], LF_STEP_DECLINE);
	assert_int_equal(got[2], LF_STEP_REFER);
	assert_int_equal(got[3], LF_STEP_REFER_LAW);
	assert_int_equal(lf_steps_available(LF_ST_REGISTERED, LF_ROLE_CLERK, got, LF_STEP_COUNT), 0);
	n = lf_steps_available(LF_ST_REPORTED, LF_ROLE_HANDLER | LF_ROLE_ARCHIVIST, got, LF_STEP_COUNT);
	assert_int_equal(n, 1);
	assert_int_equal(got[0], LF_STEP_REPLY);
	assert_int_equal(lf_steps_available(LF_ST_REGISTERED, LF_ROLE_SUPERVISOR, got, 2), 2);
}

static void test_archive_gate(void **state)
{
	(void)state;
	char buf[1024];
	lf_case_file_facts f = {
		.state = LF_ST_REPLIED, .has_sheet = true, .has_decision = true, .has_routing = true,
		.instructions = 1, .reports = 1, .has_reply = true, .has_satisfaction = true,
	};
	assert_int_equal(lf_archive_missing(&f, buf, sizeof buf), 0);
	assert_string_equal(buf, "");

	f.reports = 0;
	f.has_satisfaction = false;
	assert_int_equal(lf_archive_missing(&f, buf, sizeof buf), 2);
	assert_non_null(strstr(buf, "instruction has no handling report"));
	assert_non_null(strstr(buf, "satisfaction"));
	f.instructions = 0;
	assert_int_equal(lf_archive_missing(&f, buf, sizeof buf), 2);
	assert_non_null(strstr(buf, "no signed handling report"));

	/* A declined case needs its notice, not a routing or a reply. */
	lf_case_file_facts d = {.state = LF_ST_DECLINED, .has_sheet = true, .has_decision = true};
	assert_int_equal(lf_archive_missing(&d, buf, sizeof buf), 1);
	assert_non_null(strstr(buf, "notice"));
	d.has_notice = true;
	assert_int_equal(lf_archive_missing(&d, buf, sizeof buf), 0);

	/* A case still being handled says so, besides what is missing. */
	lf_case_file_facts h = {.state = LF_ST_HANDLING, .has_sheet = true, .has_decision = true, .has_routing = true};
	assert_int_equal(lf_archive_missing(&h, buf, sizeof buf), 4);
	assert_non_null(strstr(buf, "being handled"));

	/* Reviewed and re-reviewed cases are ready for the archive; one
	 * waiting for an opinion is not. */
	f = (lf_case_file_facts){.state = LF_ST_REVIEWED, .has_sheet = true, .has_decision = true,
	                         .has_routing = true, .reports = 1, .has_reply = true, .has_satisfaction = true};
	assert_int_equal(lf_archive_missing(&f, buf, sizeof buf), 0);
	f.state = LF_ST_REREVIEWED;
	assert_int_equal(lf_archive_missing(&f, buf, sizeof buf), 0);
	f.state = LF_ST_REREVIEW_REQUESTED;
	assert_int_equal(lf_archive_missing(&f, buf, sizeof buf), 1);
	assert_non_null(strstr(buf, "re-review requested"));

	/* A small buffer is cut, never overrun; the count stays right. */
	char tiny[16];
	assert_int_equal(lf_archive_missing(&h, tiny, sizeof tiny), 4);
	assert_true(strlen(tiny) < sizeof tiny);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_ids),
		cmocka_unit_test(test_every_transition),
		cmocka_unit_test(test_what_steps_need),
		cmocka_unit_test(test_steps_available),
		cmocka_unit_test(test_archive_gate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
