/* A year's published arrangement replaces its estimate: `laifang calendar
 * import` through core. The running deadlines its rules counted over the
 * changed days are counted again (a handling term ending on a Saturday that
 * becomes a make-up working day, a report term across a longer Spring
 * Festival), a date a person set is left, the recount is on the timeline
 * and in the audit log, the import's own entry names the year and the days
 * changed, and the due dates are no longer estimated. */
#include "caseflow_fixture.h"
#include "laifang/text.h"

#include "laifang/estimate.h"
#include "laifang/paper.h"
#include "laifang/store_clocks.h"

/* The acceptance notice's text (pdftotext), spaces and line breaks out. */
/* The due date of the case's newest clock of rule (running or not). */
typedef struct clock_find {
	const char *rule;
	char due[LF_DATE_LEN], state[16];
} clock_find;

static int find_clock(const lf_clock_row *r, void *ud)
{
	clock_find *f = ud;
	if (!strcmp(r->rule, f->rule)) {
		snprintf(f->due, sizeof f->due, "%s", r->due);
		snprintf(f->state, sizeof f->state, "%s", r->state);
	}
	return 0;
}

static void expect_clock(lf_store *st, const char *case_id, const char *rule, const char *due)
{
	clock_find f = {.rule = rule};
	assert_int_equal(lf_store_case_clocks(st, case_id, find_clock, &f), LF_STORE_OK);
	if (strcmp(f.due, due))
		fail_msg("the %s clock is due %s, expected %s", rule, f.due[0] ? f.due : "(none)", due);
	assert_string_equal(f.state, "running");
}

static void notice_text(fixture *t, const char *case_no, char *out, size_t len)
{
	char path[256], cmd[512], msg[1024];
	snprintf(path, sizeof path, "%s/accept.pdf", t->dir);
	unlink(path);
	lf_user clerk = as(t->st, "zhang");
	assert_int_equal(lf_paper_print(t->st, &clerk, case_no, LF_PAPER_ACCEPT, path, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&clerk);
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>&1", path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t n = 0;
	int c;
	while ((c = fgetc(p)) != EOF && n + 1 < len)
		if (c != '\n' && c != ' ' && c != '\f')
			out[n++] = (char)c;
	out[n] = '\0';
	pclose(p);
}

typedef struct audit_find {
	const char *action;
	int n;
	char record[64], changes[1024];
} audit_find;

static int find_audit(const lf_audit_entry *e, void *ud)
{
	audit_find *a = ud;
	if (!e->action || strcmp(e->action, a->action))
		return 0;
	if (!a->n++) { /* newest first */
		snprintf(a->record, sizeof a->record, "%s", e->record ? e->record : "");
		snprintf(a->changes, sizeof a->changes, "%s", e->changes ? e->changes : "");
	}
	return 0;
}

static audit_find audit_of(lf_store *st, const char *action)
{
	audit_find a = {.action = action};
	lf_audit_filter f = {.limit = 100000};
	assert_int_equal(lf_store_audit_each(st, &f, find_audit, &a), LF_STORE_OK);
	return a;
}

static const char published_2027[] = "date\tkind\tname\n"
                                     "2027-01-01\tholiday\t元旦\n"
                                     "2027-02-05\tholiday\t春节\n2027-02-06\tholiday\t春节\n"
                                     "2027-02-07\tholiday\t春节\n2027-02-08\tholiday\t春节\n"
                                     "2027-02-09\tholiday\t春节\n2027-02-10\tholiday\t春节\n"
                                     "2027-02-11\tholiday\t春节\n2027-02-20\tworkday\t春节\n";

static void test_import_recounts(void **state)
{
	fixture *t = *state;
	char msg[1024];
	/* E: accepted 2026-12-10, 60 days end on Monday 2027-02-08, 初四 of the
	 * estimated 春节: due 02-11. */
	today("2026-12-10");
	lf_saved_case e = register_case(t->st, "韩来访", "噪音扰民（二）");
	STEP_OK(t->st, "sun", e.case_id, LF_STEP_ACCEPT, NULL);
	expect_clock(t->st, e.case_id, "handle", "2027-02-11");
	today("2026-12-22");
	/* A: the route term, 15 days: 2027-01-06, before the changed days. */
	lf_saved_case a = register_case(t->st, "郑来访", "道路积水");
	expect_flow(t->st, a.case_id, LF_ST_REGISTERED, "2027-01-06", "route");
	/* B: accepted today, 60 days end on Saturday 2027-02-20: estimated,
	 * the next working day is Monday 02-22. */
	lf_saved_case b = register_case(t->st, "冯来访", "物业纠纷");
	msg[0] = '\0';
	assert_int_equal(step_as(t->st, "sun", b.case_id, LF_STEP_ACCEPT, NULL, msg, sizeof msg), LF_STORE_OK);
	expect_clock(t->st, b.case_id, "handle", "2027-02-22");
	const lf_calendar *cal = lf_office_calendar(t->st);
	assert_true(lf_due_estimated(cal, "2027-02-22"));
	char label[64];
	assert_string_equal(lf_due_label(cal, "2027-02-22", label, sizeof label), "2027-02-22 (estimated)");
	assert_string_equal(lf_due_label(cal, "2026-12-31", label, sizeof label), "2026-12-31");
	/* The acceptance notice to the visitor says so too. */
	static char text[65536];
	notice_text(t, b.case_no, text, sizeof text);
	if (!strstr(text, "2027年2月22日（估算）"))
		fail_msg("the notice should mark its due date estimated: %s", text);
	/* D: routed with a due date a person chose: left as it is. */
	lf_saved_case d = register_case(t->st, "卫来访", "噪音扰民");
	STEP_OK(t->st, "sun", d.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args due = {.unit = U_DEPT, .due = "2027-02-19"};
	STEP_OK(t->st, "sun", d.case_id, LF_STEP_IN_HOUSE, &due);
	expect_clock(t->st, d.case_id, "handle", "2027-02-19");

	/* C: an instruction on Thursday 2027-01-28 asks for a report in 7
	 * working days: 01-29, 02-01..04, (02-05, 02-08..10 off), 02-11, 02-12. */
	today("2027-01-28");
	lf_saved_case c = register_case(t->st, "蒋来访", "拖欠工资");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args in_house = {.unit = U_DEPT};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_IN_HOUSE, &in_house);
	lf_user wang = as(t->st, "wang");
	assert_int_equal(lf_case_instruct(t->st, &wang, c.case_id, "请综合科七个工作日内报送办理情况。", msg, sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&wang);
	expect_clock(t->st, c.case_id, "report", "2027-02-12");

	/* The published 2027: 春节 02-05 to 02-11, Saturday 02-20 worked. */
	int before = n_audit(t->st);
	lf_user admin = as(t->st, "admin");
	lf_calendar_import_result r;
	assert_int_equal(lf_calendar_import_file(t->st, &admin, published_2027, strlen(published_2027), &r, msg,
	                                         sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&admin);
	assert_int_equal(r.days, 9);
	/* 02-11 off and 02-20 worked; the eight guessed days off from 04-05
	 * on (清明, 劳动节's two given back, 端午, 中秋, 国庆 and its two given
	 * back) work again. */
	assert_int_equal(r.changed, 10);
	/* B's, C's and E's clocks moved; D's date was a person's, A's lies
	 * before the changed days. */
	assert_int_equal(r.moved, 3);
	expect_clock(t->st, b.case_id, "handle", "2027-02-20");
	expect_clock(t->st, c.case_id, "report", "2027-02-15");
	expect_clock(t->st, d.case_id, "handle", "2027-02-19");
	expect_flow(t->st, a.case_id, LF_ST_REGISTERED, "2027-01-06", "route");
	expect_clock(t->st, e.case_id, "handle", "2027-02-12");
	cal = lf_office_calendar(t->st);
	assert_false(lf_due_estimated(cal, "2027-02-20"));
	assert_string_equal(lf_due_label(cal, "2027-02-20", label, sizeof label), "2027-02-20");
	assert_true(lf_due_estimated(cal, "2028-01-03"));

	/* Audited: nine days, the clocks derived again, one import entry. */
	assert_int_equal(n_audit(t->st), before + 9 + 1 + 1);
	assert_int_equal(audit_of(t->st, "calendar.recompute_clocks").n, 1);
	audit_find imp = audit_of(t->st, "calendar.import");
	assert_int_equal(imp.n, 1);
	assert_string_equal(imp.record, "2027");
	assert_non_null(strstr(imp.changes, "\"changed\":10"));
	assert_non_null(strstr(imp.changes, "\"replaced_estimate\":true"));
	assert_non_null(strstr(imp.changes, "\"deadlines_moved\":3"));

	/* The same file again changes nothing and moves nothing. */
	admin = as(t->st, "admin");
	assert_int_equal(lf_calendar_import_file(t->st, &admin, published_2027, strlen(published_2027), &r, msg,
	                                         sizeof msg),
	                 LF_STORE_OK);
	lf_user_free(&admin);
	assert_int_equal(r.changed, 0);
	assert_int_equal(r.moved, 0);
}

/* A clerk may not import, and a bad file changes no deadline. */
static void test_import_refused(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2026-12-22");
	lf_saved_case b = register_case(t->st, "冯来访", "物业纠纷");
	STEP_OK(t->st, "sun", b.case_id, LF_STEP_ACCEPT, NULL);
	int before = n_audit(t->st);
	lf_user clerk = as(t->st, "zhang");
	lf_calendar_import_result r;
	assert_int_equal(lf_calendar_import_file(t->st, &clerk, published_2027, strlen(published_2027), &r, msg,
	                                         sizeof msg),
	                 LF_STORE_DENIED);
	lf_user_free(&clerk);
	static const char bad[] = "date\tkind\tname\n2027-02-20\tworkday\t春节\n2027-02-30\tholiday\t春节\n";
	lf_user admin = as(t->st, "admin");
	assert_int_equal(lf_calendar_import_file(t->st, &admin, bad, strlen(bad), &r, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "line 3"));
	lf_user_free(&admin);
	assert_int_equal(n_audit(t->st), before);
	expect_clock(t->st, b.case_id, "handle", "2027-02-22");
}

/* The transfer notice written at the step says its due date is estimated. */
static void test_notice_text_marked(void **state)
{
	fixture *t = *state;
	today("2026-12-22");
	lf_saved_case f = register_case(t->st, "杨来访", "征地补偿");
	STEP_OK(t->st, "sun", f.case_id, LF_STEP_ACCEPT, NULL);
	lf_step_args to = {.unit = U_PEER};
	STEP_OK(t->st, "sun", f.case_id, LF_STEP_TRANSFER, &to);
	found_event tr = event_of(t->st, f.case_id, "transfer");
	assert_string_equal(tr.due_on, "2027-02-22");
	if (!strstr(tr.text, "2027-02-22 (estimated)"))
		fail_msg("the transfer notice should mark its due date: %s", tr.text);
	/* The step says so too, short enough to follow the desk's "Case …:
	 * transfer done." on its two message rows of 80 columns. */
	char msg[1024];
	lf_saved_case h = register_case(t->st, "杨来访", "征地补偿（三）");
	STEP_OK(t->st, "sun", h.case_id, LF_STEP_ACCEPT, NULL);
	assert_int_equal(step_as(t->st, "sun", h.case_id, LF_STEP_TRANSFER, &to, msg, sizeof msg), LF_STORE_OK);
	if (!strstr(msg, "2027-02-22 is estimated") || !strstr(msg, "laifang calendar import"))
		fail_msg("the step should say the due date is estimated: %s", msg);
	assert_true(lf_text_width("Case 2026-000001: transfer done. ") + lf_text_width(msg) <= 160);
	/* A date in a published year is not marked. */
	today("2026-09-01");
	lf_saved_case g = register_case(t->st, "杨来访", "征地补偿（二）");
	STEP_OK(t->st, "sun", g.case_id, LF_STEP_ACCEPT, NULL);
	STEP_OK(t->st, "sun", g.case_id, LF_STEP_TRANSFER, &to);
	tr = event_of(t->st, g.case_id, "transfer");
	assert_null(strstr(tr.text, "estimated"));
	assert_non_null(strstr(tr.text, tr.due_on));
}

int main(void)
{
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_import_recounts, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_import_refused, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_notice_text_marked, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
