/* The document number (文号) of a notice (issue 15): its formatting and
 * its pattern's check; numbers issued per case and kind once, running per
 * year without gaps, across two desks at once. (The notices themselves:
 * test_notice.c.) */
#include "caseflow_fixture.h"

#include <sys/wait.h>

#include "laifang/doc_number.h"
#include "laifang/notice_no.h"
#include "laifang/settings.h"
#include "laifang/store_notice.h"

/* ---- the number itself (core) ---- */

static void doc_number_format(void **state)
{
	(void)state;
	char out[LF_DOC_NUMBER_MAX];
	assert_true(lf_doc_number_format(LF_DOC_NUMBER_DEFAULT, "穗应急", 2026, 12, out, sizeof out));
	assert_string_equal(out, "穗应急信〔2026〕12号");
	/* No code: the default still reads as a number. */
	assert_true(lf_doc_number_format(LF_DOC_NUMBER_DEFAULT, NULL, 2027, 1, out, sizeof out));
	assert_string_equal(out, "信〔2027〕1号");
	assert_true(lf_doc_number_format("穗应急信〔{year}〕第{n}号", "", 2026, 305, out, sizeof out));
	assert_string_equal(out, "穗应急信〔2026〕第305号");
	assert_true(lf_doc_number_format("{code}告字[{year}]{n}", "X", 2026, 7, out, sizeof out));
	assert_string_equal(out, "X告字[2026]7");
	/* Too small a buffer: nothing half written. */
	char small[8];
	assert_false(lf_doc_number_format(LF_DOC_NUMBER_DEFAULT, "穗应急", 2026, 12, small, sizeof small));
	assert_string_equal(small, "");
	assert_false(lf_doc_number_format(LF_DOC_NUMBER_DEFAULT, "", 2026, 0, out, sizeof out));
	assert_false(lf_doc_number_format(LF_DOC_NUMBER_DEFAULT, "", 0, 1, out, sizeof out));

	char why[256];
	assert_true(lf_doc_number_pattern_valid(LF_DOC_NUMBER_DEFAULT, why, sizeof why));
	const char *const bad[] = {"", "信〔2026〕{n}号", "信〔{year}〕号", "{year}{n}{n}", "{year}{n}{name}",
	                           "{year}-{n}}", "{year}\n{n}"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		why[0] = '\0';
		if (lf_doc_number_pattern_valid(bad[i], why, sizeof why))
			fail_msg("pattern \"%s\" should be refused", bad[i]);
		assert_true(why[0] != '\0');
		assert_false(lf_doc_number_format(bad[i], "", 2026, 1, out, sizeof out));
	}
	/* The setting refuses such a pattern too. */
	const lf_setting_def *d = lf_setting_find("doc_number_pattern");
	assert_non_null(d);
	char canon[LF_SETTING_VALUE_MAX], msg[256];
	assert_false(lf_setting_check(d, "信〔2026〕{n}号", canon, sizeof canon, msg, sizeof msg));
	assert_true(lf_setting_check(d, "穗应急信〔{year}〕第{n}号", canon, sizeof canon, msg, sizeof msg));
}

/* ---- numbers on cases (store, office) ---- */

static long long number_of(fixture *t, const char *case_id, const char *kind, const char *ground, char *doc_no,
                           bool *now)
{
	lf_user u = as(t->st, "zhang");
	lf_notice_no no;
	char msg[512];
	lf_store_err e = lf_notice_number(t->st, &u, case_id, kind, ground, &no, msg, sizeof msg);
	lf_user_free(&u);
	if (e != LF_STORE_OK)
		fail_msg("number for %s: %s", kind, msg);
	if (doc_no)
		snprintf(doc_no, LF_DOC_NUMBER_MAX, "%s", no.doc_no);
	if (now)
		*now = no.issued_now;
	return no.seq;
}

static int count_issues(const lf_audit_entry *e, void *ud)
{
	if (e->action && !strcmp(e->action, "case.notice_number"))
		++*(int *)ud;
	return 0;
}

static void numbers_per_year(void **state)
{
	fixture *t = *state;
	today("2026-12-30");
	assert_int_equal(lf_store_setting_set(t->st, "office_code", "穗应急"), LF_STORE_OK);
	lf_saved_case a = register_case(t->st, "李秀英", "反映拖欠工资。");
	lf_saved_case b = register_case(t->st, "黄志强", "反映噪音。");
	char no[LF_DOC_NUMBER_MAX];
	bool now;
	assert_int_equal(number_of(t, a.case_id, "accept", NULL, no, &now), 1);
	assert_true(now);
	assert_string_equal(no, "穗应急信〔2026〕1号");
	assert_int_equal(number_of(t, b.case_id, "accept", NULL, no, NULL), 2);
	assert_int_equal(number_of(t, a.case_id, "transfer", NULL, no, NULL), 3);
	/* Issued once per case and kind: asked again, the same number. */
	assert_int_equal(number_of(t, a.case_id, "accept", NULL, no, &now), 1);
	assert_false(now);
	assert_string_equal(no, "穗应急信〔2026〕1号");

	/* A new year starts again at 1, in the office's pattern of the day. */
	today("2027-01-04");
	assert_int_equal(lf_store_setting_set(t->st, "doc_number_pattern", "{代字}告〔{year}〕第{n}号"), LF_STORE_OK);
	assert_int_equal(number_of(t, b.case_id, "transfer", NULL, no, NULL), 1);
	assert_string_equal(no, "穗应急告〔2027〕第1号");
	assert_int_equal(number_of(t, a.case_id, "extend", NULL, no, NULL), 2);
	/* ...and an old number keeps its form. */
	assert_int_equal(number_of(t, b.case_id, "accept", NULL, no, NULL), 2);
	assert_string_equal(no, "穗应急信〔2026〕2号");

	/* The counter is the last number of each year; the issue is audited. */
	lf_notice_no got;
	assert_int_equal(lf_store_notice_number_get(t->st, a.case_no, "extend", &got), LF_STORE_OK);
	assert_int_equal(got.year, 2027);
	assert_int_equal(lf_store_notice_number_get(t->st, a.case_no, "decline", &got), LF_STORE_NOTFOUND);
	int entries = 0;
	lf_audit_filter f = {.limit = 1000};
	assert_int_equal(lf_store_audit_each(t->st, &f, count_issues, &entries), LF_STORE_OK);
	assert_int_equal(entries, 5);
}

/* Two desks (two processes, each with its own connection) issue numbers at
 * once: every number of the year once, none missing. */
static void numbers_concurrent(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	enum { PER_DESK = 12 };
	char ids[2 * PER_DESK][37];
	for (int i = 0; i < 2 * PER_DESK; i++) {
		lf_saved_case c = register_case(t->st, "李秀英", "反映拖欠工资。");
		snprintf(ids[i], sizeof ids[i], "%s", c.case_id);
	}
	pid_t kids[2];
	for (int d = 0; d < 2; d++) {
		kids[d] = fork();
		assert_true(kids[d] >= 0);
		if (kids[d] == 0) {
			char msg[512];
			lf_store *st = lf_store_open(t->db, NULL, msg, sizeof msg);
			if (!st)
				_exit(2);
			lf_user u = sf_user(st, d ? "sun" : "zhang");
			lf_store_set_actor(st, u.id, u.login);
			int bad = 0;
			for (int i = 0; i < PER_DESK; i++) {
				lf_notice_no no;
				/* Desk 0 takes the even cases, desk 1 the odd ones, interleaved in time. */
				if (lf_notice_number(st, &u, ids[2 * i + d], "accept", NULL, &no, msg, sizeof msg) != LF_STORE_OK)
					bad++;
			}
			lf_user_free(&u);
			lf_store_close(st);
			_exit(bad ? 1 : 0);
		}
	}
	for (int d = 0; d < 2; d++) {
		int status = 0;
		assert_int_equal(waitpid(kids[d], &status, 0), kids[d]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	bool seen[2 * PER_DESK + 1] = {false};
	for (int i = 0; i < 2 * PER_DESK; i++) {
		lf_notice_no no;
		assert_int_equal(lf_store_notice_number_get(t->st, ids[i], "accept", &no), LF_STORE_OK);
		assert_true(no.seq >= 1 && no.seq <= 2 * PER_DESK);
		if (seen[no.seq])
			fail_msg("number %lld issued twice", no.seq);
		seen[no.seq] = true;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(doc_number_format),
		cmocka_unit_test_setup_teardown(numbers_per_year, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(numbers_concurrent, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
