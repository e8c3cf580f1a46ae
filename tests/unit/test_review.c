/* Review (复查) and re-review (复核), 《信访工作条例》 arts. 35 and 36: the
 * visitor's 30 days to ask (calendar days from the day after receipt; a
 * last day off moves to the next working day), the opinions, and the two
 * clocks a request opens and its decision stops, on the built-in calendar
 * at fixed dates. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "laifang/clocks.h"
#include "laifang/deadline.h"
#include "laifang/review.h"

static lf_date d(int y, int m, int dd)
{
	return (lf_date){y, m, dd};
}

static void test_window(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	char why[512];
	lf_date last;
	/* Received on Monday 2026-11-02: day 30 is Wednesday 2026-12-02. */
	assert_true(lf_review_window(cal, false, d(2026, 11, 2), d(2026, 12, 2), NULL, &last, why, sizeof why));
	assert_int_equal(lf_date_cmp(last, d(2026, 12, 2)), 0);
	assert_true(lf_review_window(cal, false, d(2026, 11, 2), d(2026, 11, 2), NULL, NULL, why, sizeof why));
	assert_false(lf_review_window(cal, false, d(2026, 11, 2), d(2026, 12, 3), NULL, NULL, why, sizeof why));
	assert_non_null(strstr(why, "art. 35"));
	assert_non_null(strstr(why, "2026-12-02"));
	assert_false(lf_review_window(cal, true, d(2026, 11, 2), d(2026, 12, 3), NULL, NULL, why, sizeof why));
	assert_non_null(strstr(why, "art. 36"));
	/* Received 2026-09-01: day 30 is 1 October, National Day; the term
	 * ends on the first working day after the holiday, 8 October. */
	assert_true(lf_review_window(cal, false, d(2026, 9, 1), d(2026, 10, 8), NULL, &last, why, sizeof why));
	assert_int_equal(lf_date_cmp(last, d(2026, 10, 8)), 0);
	assert_false(lf_review_window(cal, false, d(2026, 9, 1), d(2026, 10, 9), NULL, NULL, why, sizeof why));
	/* Received after the request, or before the answer was given: refused. */
	assert_false(lf_review_window(cal, false, d(2026, 11, 5), d(2026, 11, 4), NULL, NULL, why, sizeof why));
	lf_date given = d(2026, 11, 3);
	assert_false(lf_review_window(cal, false, d(2026, 11, 2), d(2026, 11, 4), &given, NULL, why, sizeof why));
	assert_true(lf_review_window(cal, false, d(2026, 11, 3), d(2026, 11, 4), &given, NULL, why, sizeof why));
	/* The terms are days, not working days (arts. 35, 36: 30日). */
	for (int id = LF_DL_REVIEW; id <= LF_DL_REVIEW_ASK; id++) {
		assert_int_equal(lf_deadline_rule_get((lf_deadline_id)id)->term, 30);
		assert_false(lf_deadline_rule_get((lf_deadline_id)id)->working_days);
	}
}

static void test_opinions(void **state)
{
	(void)state;
	assert_string_equal(lf_review_opinion_parse("维持"), "upheld");
	assert_string_equal(lf_review_opinion_parse("变更"), "changed");
	assert_string_equal(lf_review_opinion_parse("revoked"), "revoked");
	assert_null(lf_review_opinion_parse("驳回"));
	assert_null(lf_review_opinion_parse(NULL));
	assert_true(lf_review_opinion_valid("upheld"));
	assert_false(lf_review_opinion_valid("维持")); /* ids only, once parsed */
	assert_non_null(strstr(lf_review_final_note(), "art. 36"));
	char buf[128];
	assert_non_null(lf_review_reason_line("review_request", "2026-11-02", buf, sizeof buf));
	assert_non_null(strstr(buf, "2026-11-02"));
	assert_non_null(lf_review_reason_line("rereview_decide", "revoked", buf, sizeof buf));
	assert_non_null(strstr(buf, "revoked"));
	assert_null(lf_review_reason_line("transfer", "请依法处理", buf, sizeof buf));
}

static const lf_clock *find(const lf_clock *c, size_t n, lf_clock_rule rule)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].rule == rule)
			return &c[i];
	return NULL;
}

static void test_clocks(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	lf_clock_fact f[] = {
		{"register", "2026-10-12T09:00:00+08:00", "2026-10-12", 0, NULL, NULL},
		{"accept", "2026-10-12T10:00:00+08:00", NULL, 1, NULL, NULL},
		{"in_house", "2026-10-12T11:00:00+08:00", NULL, 2, NULL, NULL},
		{"take_up", "2026-10-13T09:00:00+08:00", NULL, 3, NULL, NULL},
		{"report", "2026-10-20T09:00:00+08:00", NULL, 4, NULL, NULL},
		{"reply", "2026-10-21T09:00:00+08:00", NULL, 5, NULL, NULL},
		{"review_request", "2026-11-10T09:00:00+08:00", NULL, 6, NULL, NULL},
	};
	lf_clock c[16];
	char said[1024];
	size_t n = lf_clocks_derive(cal, f, 7, c, 16);
	const lf_clock *r = find(c, n, LF_CLOCK_REVIEW);
	assert_non_null(r);
	assert_int_equal(r->state, LF_CLOCK_RUNNING);
	assert_int_equal(lf_date_cmp(r->start, d(2026, 11, 10)), 0);
	assert_int_equal(lf_date_cmp(r->due, d(2026, 12, 10)), 0); /* Thursday */
	assert_non_null(strstr(lf_clock_basis_say(r->basis, said, sizeof said), "art. 35"));
	/* The earliest running clock is the case's deadline. */
	assert_ptr_equal(lf_clocks_earliest(c, n), r);
	assert_string_equal(lf_clock_rule_key(LF_CLOCK_REVIEW), "review");
	assert_string_equal(lf_clock_rule_short("rereview"), "rereview");

	lf_clock_fact g[] = {
		f[0], f[1], f[2], f[3], f[4], f[5], f[6],
		{"review_decide", "2026-12-11T09:00:00+08:00", NULL, 7, NULL, NULL},
		{"rereview_request", "2026-12-14T09:00:00+08:00", NULL, 8, NULL, NULL},
		{"rereview_decide", "2026-12-30T09:00:00+08:00", NULL, 9, NULL, NULL},
		{"archive", "2026-12-31T09:00:00+08:00", NULL, 10, NULL, NULL},
	};
	n = lf_clocks_derive(cal, g, sizeof g / sizeof g[0], c, 16);
	r = find(c, n, LF_CLOCK_REVIEW);
	assert_int_equal(r->state, LF_CLOCK_MISSED); /* a day late */
	assert_string_equal(r->stop_reason, "review_decide");
	const lf_clock *rr = find(c, n, LF_CLOCK_REREVIEW);
	assert_non_null(rr);
	assert_int_equal(lf_date_cmp(rr->due, d(2027, 1, 13)), 0);
	assert_int_equal(rr->state, LF_CLOCK_MET);
	assert_non_null(strstr(lf_clock_basis_say(rr->basis, said, sizeof said), "art. 36"));
	assert_null(lf_clocks_earliest(c, n));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_opinions),
		cmocka_unit_test(test_clocks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
