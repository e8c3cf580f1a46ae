/* Supervision (督办, 第四十条; 约谈、通报、挂牌督办, 第三十九条第三款): the
 * levels a notice takes, and the supervision clock from a notice's due
 * date to the unit's feedback: met, missed, replaced by a later notice,
 * stopped by the archive; a note without a due date starts none. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "laifang/calendar.h"
#include "laifang/clocks.h"
#include "laifang/supervision.h"

static void test_levels(void **state)
{
	(void)state;
	assert_string_equal(lf_supervision_level_parse("notice"), "notice");
	assert_string_equal(lf_supervision_level_parse("挂牌督办"), "listed");
	assert_string_equal(lf_supervision_level_parse("约谈"), "interview");
	assert_null(lf_supervision_level_parse("警告"));
	assert_null(lf_supervision_level_parse(NULL));
	assert_true(lf_supervision_level_valid("bulletin"));
	assert_false(lf_supervision_level_valid("通报")); /* the id, not the word */
	assert_string_equal(lf_supervision_level_word("listed"), "挂牌督办");
	assert_string_equal(lf_supervision_level_article("notice"), "第四十条第一款");
	assert_string_equal(lf_supervision_level_article("listed"), "第三十九条第三款");
}

static const lf_clock *last_of(const lf_clock *c, size_t n, lf_clock_rule rule)
{
	const lf_clock *found = NULL;
	for (size_t i = 0; i < n; i++)
		if (c[i].rule == rule)
			found = &c[i];
	return found;
}

static size_t count_of(const lf_clock *c, size_t n, lf_clock_rule rule)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += c[i].rule == rule;
	return k;
}

static lf_date d(int y, int m, int day)
{
	lf_date x;
	char s[16];
	snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, day);
	assert_true(lf_date_parse(s, &x));
	return x;
}

static void test_clock(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	lf_clock_fact f[] = {
		{"register", "2026-10-12T09:00:00+08:00", "2026-10-12", 0, NULL, NULL},
		{"accept", "2026-10-12T10:00:00+08:00", NULL, 1, NULL, NULL},
		{"transfer", "2026-10-12T11:00:00+08:00", NULL, 2, NULL, NULL},
		{"supervise", "2026-11-02T09:00:00+08:00", NULL, 3, NULL, NULL}, /* a note: no clock */
		{"supervise", "2026-11-03T09:00:00+08:00", NULL, 4, "2026-11-13", NULL},
		{"supervise_feedback", "2026-11-12T09:00:00+08:00", NULL, 5, NULL, NULL},
		{"supervise", "2026-11-16T09:00:00+08:00", NULL, 6, "2026-11-20", NULL},
		{"supervise", "2026-11-18T09:00:00+08:00", NULL, 7, "2026-11-25", NULL}, /* replaces the running one */
	};
	lf_clock c[16];
	char said[1024];
	size_t n = lf_clocks_derive(cal, f, 4, c, 16);
	assert_int_equal(count_of(c, n, LF_CLOCK_SUPERVISE), 0);

	n = lf_clocks_derive(cal, f, 5, c, 16);
	const lf_clock *s = last_of(c, n, LF_CLOCK_SUPERVISE);
	assert_non_null(s);
	assert_int_equal(s->state, LF_CLOCK_RUNNING);
	assert_int_equal(lf_date_cmp(s->start, d(2026, 11, 3)), 0);
	assert_int_equal(lf_date_cmp(s->due, d(2026, 11, 13)), 0);
	assert_non_null(strstr(lf_clock_basis_say(s->basis, said, sizeof said), "art. 40"));
	assert_string_equal(lf_clock_rule_key(LF_CLOCK_SUPERVISE), "supervise");

	n = lf_clocks_derive(cal, f, 6, c, 16);
	s = last_of(c, n, LF_CLOCK_SUPERVISE);
	assert_int_equal(s->state, LF_CLOCK_MET);
	assert_string_equal(s->stop_reason, "supervise_feedback");

	n = lf_clocks_derive(cal, f, 8, c, 16);
	assert_int_equal(count_of(c, n, LF_CLOCK_SUPERVISE), 3);
	size_t stopped = 0, running = 0;
	for (size_t i = 0; i < n; i++)
		if (c[i].rule == LF_CLOCK_SUPERVISE) {
			stopped += c[i].state == LF_CLOCK_STOPPED;
			running += c[i].state == LF_CLOCK_RUNNING;
		}
	assert_int_equal(stopped, 1); /* the notice of 11-16, replaced */
	assert_int_equal(running, 1);
	s = last_of(c, n, LF_CLOCK_SUPERVISE);
	assert_int_equal(lf_date_cmp(s->due, d(2026, 11, 25)), 0);

	/* Feedback late: missed; or the archive: stopped. */
	lf_clock_fact late[] = {f[0], f[1], f[2], f[4], {"supervise_feedback", "2026-11-16T09:00:00+08:00", NULL, 5, NULL, NULL}};
	n = lf_clocks_derive(cal, late, 5, c, 16);
	assert_int_equal(last_of(c, n, LF_CLOCK_SUPERVISE)->state, LF_CLOCK_MISSED);
	lf_clock_fact closed[] = {f[0], f[1], f[2], f[4], {"archive", "2026-11-10T09:00:00+08:00", NULL, 5, NULL, NULL}};
	n = lf_clocks_derive(cal, closed, 5, c, 16);
	assert_int_equal(last_of(c, n, LF_CLOCK_SUPERVISE)->state, LF_CLOCK_STOPPED);
}

/* Art. 36 para. 2: a re-review's hearing pauses its clock; the hearing's
 * days (both ends included) are added when it ends or when the opinion
 * comes during it. Other clocks do not pause. */
static void test_hearing_pauses_rereview(void **state)
{
	(void)state;
	const lf_calendar *cal = lf_calendar_builtin();
	lf_clock_fact f[] = {
		{"register", "2026-10-12T09:00:00+08:00", "2026-10-12", 0, NULL, NULL},
		{"rereview_request", "2026-11-02T09:00:00+08:00", NULL, 1, NULL, NULL},
		{"hearing_start", "2026-11-10T09:00:00+08:00", NULL, 2, NULL, NULL},
		{"hearing_end", "2026-11-12T09:00:00+08:00", NULL, 3, NULL, NULL},
		{"rereview_decide", "2026-12-04T09:00:00+08:00", NULL, 4, NULL, NULL},
	};
	lf_clock c[16];
	char said[1024];
	size_t n = lf_clocks_derive(cal, f, 2, c, 16);
	const lf_clock *r = last_of(c, n, LF_CLOCK_REREVIEW);
	assert_int_equal(lf_date_cmp(r->due, d(2026, 12, 2)), 0);
	n = lf_clocks_derive(cal, f, 3, c, 16);
	r = last_of(c, n, LF_CLOCK_REREVIEW);
	assert_int_equal(r->state, LF_CLOCK_PAUSED);
	assert_int_equal(last_of(c, n, LF_CLOCK_ROUTE)->state, LF_CLOCK_RUNNING); /* not paused */
	assert_null(lf_clocks_earliest(c, n) == r ? r : NULL);
	n = lf_clocks_derive(cal, f, 4, c, 16);
	r = last_of(c, n, LF_CLOCK_REREVIEW);
	assert_int_equal(r->state, LF_CLOCK_RUNNING);
	assert_int_equal(lf_date_cmp(r->due, d(2026, 12, 7)), 0); /* 12-02 + 3 = 12-05, a Saturday: Monday */
	assert_non_null(
	    strstr(lf_clock_basis_say(r->basis, said, sizeof said), "2026-11-10 to 2026-11-12 not counted"));
	n = lf_clocks_derive(cal, f, 5, c, 16);
	assert_int_equal(last_of(c, n, LF_CLOCK_REREVIEW)->state, LF_CLOCK_MET); /* 12-04, late without the hearing */
	/* The opinion during the hearing: its days until then count. */
	lf_clock_fact g[] = {f[0], f[1], f[2], {"rereview_decide", "2026-12-03T09:00:00+08:00", NULL, 3, NULL, NULL}};
	n = lf_clocks_derive(cal, g, 4, c, 16);
	assert_int_equal(last_of(c, n, LF_CLOCK_REREVIEW)->state, LF_CLOCK_MET);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_hearing_pauses_rereview),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
