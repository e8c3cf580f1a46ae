/* Issue 11: whether a returning visitor's visit is a repeat (重复访) is the
 * clerk's decision, listed against the earlier cases and correctable
 * later; a saved registration is corrected by the clerk who saved it or a
 * supervisor until the case is screened, never after, never on an archived
 * case; every correction keeps the old value in the timeline and the audit
 * log, leaves the visitor record alone, follows into the search, and loses
 * no other desk's change. */
#include "caseflow_fixture.h"

#include "laifang/correct.h"
#include "laifang/search.h"
#include "laifang/store_correct.h"

/* A second clerk, who did not register the fixture's cases. */
static void add_clerk_li(lf_store *st)
{
	assert_int_equal(lf_store_user_add(st, "li", "李四", NULL, NULL, LF_ROLE_CLERK, "x", NULL), LF_STORE_OK);
}

/* A sheet saved by the clerk with the clerk's answer to 重复访. */
static lf_saved_case register_answered(lf_store *st, const char *id_number, const char *name, const char *content,
                                       bool repeat)
{
	char err[256];
	const lf_form_def *form = lf_form_get("registration", err, sizeof err);
	assert_non_null(form);
	char **v = calloc(form->n_fields, sizeof *v);
	char day[LF_DATE_LEN];
	lf_date_format(lf_date_today(), day);
	const char *const fill[][2] = {{"received_on", day}, {"name", name},           {"sex", "男"},
	                               {"phone", "13900001111"}, {"id_number", id_number}, {"content", content}};
	for (size_t i = 0; i < sizeof fill / sizeof *fill; i++)
		v[lf_form_find(form, fill[i][0])] = strdup(fill[i][1]);
	lf_user clerk = as(st, "zhang");
	lf_form_issue issues[16];
	size_t n_issues = 0;
	lf_saved_case out;
	lf_store_err e;
	if (lf_registration_save_repeat(st, &clerk, form, v, repeat, issues, 16, &n_issues, &out, &e) != 0)
		fail_msg("registration refused: %s %s", n_issues ? issues[0].message : "", lf_store_errmsg(st));
	for (size_t i = 0; i < form->n_fields; i++)
		free(v[i]);
	free(v);
	lf_user_free(&clerk);
	return out;
}

static bool is_repeat(lf_store *st, const char *case_id)
{
	lf_case c;
	assert_int_equal(lf_store_get_case(st, case_id, &c), LF_STORE_OK);
	bool r = c.repeat;
	lf_case_free(&c);
	return r;
}

typedef struct seen {
	int n;
	char lines[8][512];
} seen;

static int collect(const lf_earlier_case *c, void *ud)
{
	seen *s = ud;
	if (s->n < 8)
		lf_earlier_case_line(c, 14, s->lines[s->n], sizeof s->lines[0]);
	s->n++;
	return 0;
}

/* The latest audit entry of action on record, its changes (caller frees). */
typedef struct last_audit {
	const char *action;
	char *changes;
	int n;
} last_audit;

static int find_audit(const lf_audit_entry *e, void *ud)
{
	last_audit *a = ud;
	if (!e->action || strcmp(e->action, a->action))
		return 0;
	if (!a->changes && e->changes)
		a->changes = strdup(e->changes); /* newest first */
	a->n++;
	return 0;
}

static last_audit audit_of(lf_store *st, const char *record, const char *action)
{
	last_audit a = {.action = action};
	lf_audit_filter f = {.record = record, .limit = 1000};
	assert_int_equal(lf_store_audit_each(st, &f, find_audit, &a), LF_STORE_OK);
	return a;
}

/* ---- 重复访 ---- */

static void test_repeat_is_the_clerks_answer(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2026-11-20");
	lf_saved_case a = register_case(t->st, "陈建国", "反映单位拖欠三个月工资，要求尽快发放。");
	assert_false(a.repeat);
	today("2026-11-23");
	/* He is known; an unrelated new matter: the clerk says not a repeat. */
	lf_saved_case b = register_answered(t->st, ID_NUMBER, "陈建国", "反映小区物业乱收停车费。", false);
	assert_false(b.repeat);
	assert_false(is_repeat(t->st, b.case_id));
	/* The same matter again: the clerk says so. */
	lf_saved_case c = register_answered(t->st, ID_NUMBER, "陈建国", "再次反映拖欠工资，单位仍未发放。", true);
	assert_true(c.repeat);
	assert_true(is_repeat(t->st, c.case_id));
	/* A repeat asked for a person with no earlier case is not one. */
	lf_saved_case d = register_answered(t->st, "440104197506150028", "李秀英", "反映噪音扰民。", true);
	assert_false(d.repeat);
	/* lf_registration_save (and so import) never guesses. */
	lf_saved_case e = register_case(t->st, "陈建国", "第四次来访。");
	assert_false(e.repeat);

	/* The earlier cases the sheet lists: newest first, number, date, first words. */
	lf_user zhang = as(t->st, "zhang");
	seen s = {0};
	int total = 0;
	assert_int_equal(lf_visitor_earlier_cases(t->st, &zhang, ID_NUMBER, NULL, 2, collect, &s, &total, msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(total, 4);
	assert_int_equal(s.n, 2); /* the limit */
	assert_non_null(strstr(s.lines[0], e.case_no));
	assert_non_null(strstr(s.lines[1], c.case_no));
	assert_non_null(strstr(s.lines[1], "2026-11-23"));
	assert_non_null(strstr(s.lines[1], "再次反映拖欠工资"));
	memset(&s, 0, sizeof s);
	assert_int_equal(lf_visitor_earlier_cases(t->st, &zhang, ID_NUMBER, a.case_no, 10, collect, &s, &total, msg,
	                                          sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(total, 3); /* the case itself left out */
	assert_non_null(strstr(s.lines[2], b.case_no));
	assert_non_null(strstr(s.lines[2], "反映小区物业乱收停车费"));
	/* A long content is cut, marked by an ellipsis. */
	memset(&s, 0, sizeof s);
	assert_int_equal(lf_visitor_earlier_cases(t->st, &zhang, ID_NUMBER, NULL, 10, collect, &s, &total, msg, sizeof msg),
	                 LF_STORE_OK);
	assert_non_null(strstr(s.lines[3], "反映单位拖欠三个月工资"));
	assert_non_null(strstr(s.lines[3], "…"));
	assert_null(strstr(s.lines[3], "要求尽快发放"));
	/* Unknown person: nothing, not an error. */
	assert_int_equal(lf_visitor_earlier_cases(t->st, &zhang, "110101199003077777", NULL, 10, collect, &s, &total,
	                                          msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(total, 0);
	lf_user_free(&zhang);
	/* A handler does not look visitors up. */
	lf_user qian = as(t->st, "qian");
	assert_int_equal(lf_visitor_earlier_cases(t->st, &qian, ID_NUMBER, NULL, 10, collect, &s, &total, msg, sizeof msg),
	                 LF_STORE_DENIED);
	lf_user_free(&qian);
}

static void test_repeat_corrected_later(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2026-11-20");
	lf_saved_case a = register_case(t->st, "陈建国", "反映单位拖欠工资。");
	today("2026-11-23");
	lf_saved_case b = register_answered(t->st, ID_NUMBER, "陈建国", "再次反映拖欠工资。", false);
	lf_saved_case alone = register_answered(t->st, "440104197506150028", "李秀英", "反映噪音扰民。", false);
	add_clerk_li(t->st);

	/* The clerk who registered it corrects the flag: old → new on the timeline, audited. */
	lf_user zhang = as(t->st, "zhang");
	int before = n_audit(t->st);
	assert_int_equal(lf_case_set_repeat(t->st, &zhang, b.case_id, true, msg, sizeof msg), LF_STORE_OK);
	assert_true(is_repeat(t->st, b.case_id));
	found_event ev = event_of(t->st, b.case_id, "repeat");
	assert_int_equal(ev.n, 1);
	assert_string_equal(ev.text, "重复访：否 → 是");
	assert_string_equal(ev.by, "张三");
	assert_int_equal(n_audit(t->st), before + 1);
	last_audit au = audit_of(t->st, b.case_id, "case.repeat");
	assert_int_equal(au.n, 1);
	assert_non_null(strstr(au.changes, "\"old\":false"));
	assert_non_null(strstr(au.changes, "\"new\":true"));
	free(au.changes);
	char buf[64];
	char sql[256];
	snprintf(sql, sizeof sql,
	         "SELECT field || '|' || old_value || '|' || new_value FROM case_event WHERE kind = 'repeat' AND "
	         "case_id = '%s'",
	         b.case_id);
	sf_raw(t->db, sql, buf, sizeof buf);
	assert_string_equal(buf, "is_repeat|0|1");
	/* Already so: refused, nothing written. */
	before = n_audit(t->st);
	assert_int_equal(lf_case_set_repeat(t->st, &zhang, b.case_id, true, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(n_audit(t->st), before);
	/* A person with no other case: never a repeat. */
	assert_int_equal(lf_case_set_repeat(t->st, &zhang, alone.case_id, true, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, alone.case_no));
	assert_false(is_repeat(t->st, alone.case_id));
	lf_user_free(&zhang);

	/* Another clerk may not; a handler may not; a supervisor may, after screening too. */
	lf_user li = as(t->st, "li");
	assert_int_equal(lf_case_set_repeat(t->st, &li, b.case_id, false, msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&li);
	lf_user qian = as(t->st, "qian");
	assert_int_equal(lf_case_set_repeat(t->st, &qian, b.case_id, false, msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&qian);
	STEP_OK(t->st, "sun", b.case_id, LF_STEP_ACCEPT, NULL);
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_set_repeat(t->st, &sun, b.case_id, false, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun);
	assert_false(is_repeat(t->st, b.case_id));
	ev = event_of(t->st, b.case_id, "repeat");
	assert_int_equal(ev.n, 2);
	assert_string_equal(ev.text, "重复访：是 → 否");
	assert_string_equal(ev.by, "孙七");
	(void)a;
}

/* ---- corrections ---- */

static void test_correct_by_the_clerk(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2026-11-23");
	lf_saved_case k = register_case(t->st, "陈建新", "反映单位拖欠工资三个月。");
	lf_visitor_info info;
	assert_int_equal(lf_store_find_visitor(t->st, ID_NUMBER, &info), LF_STORE_OK);
	char *visitor_before = strdup(info.name);
	lf_visitor_info_free(&info);

	lf_user zhang = as(t->st, "zhang");
	int before = n_audit(t->st);
	assert_int_equal(lf_case_correct(t->st, &zhang, k.case_no, "name", "陈建国", "陈建新", msg, sizeof msg),
	                 LF_STORE_OK);
	/* The case's words changed... */
	lf_case c;
	assert_int_equal(lf_store_get_case(t->st, k.case_id, &c), LF_STORE_OK);
	assert_string_equal(c.name, "陈建国");
	lf_case_free(&c);
	/* ...the visitor record did not. */
	assert_int_equal(lf_store_find_visitor(t->st, ID_NUMBER, &info), LF_STORE_OK);
	assert_string_equal(info.name, visitor_before);
	lf_visitor_info_free(&info);
	free(visitor_before);
	/* The old value is in the timeline, with field, old and new... */
	found_event ev = event_of(t->st, k.case_id, "correct");
	assert_int_equal(ev.n, 1);
	assert_string_equal(ev.text, "来访人姓名：陈建新 → 陈建国");
	assert_string_equal(ev.by, "张三");
	char buf[256], sql[256];
	snprintf(sql, sizeof sql,
	         "SELECT field || '|' || old_value || '|' || new_value || '|' || from_state FROM case_event "
	         "WHERE kind = 'correct' AND case_id = '%s'",
	         k.case_id);
	sf_raw(t->db, sql, buf, sizeof buf);
	assert_string_equal(buf, "name|陈建新|陈建国|registered");
	/* ...and the audit log. */
	assert_int_equal(n_audit(t->st), before + 1);
	last_audit au = audit_of(t->st, k.case_id, "case.correct");
	assert_int_equal(au.n, 1);
	assert_non_null(strstr(au.changes, "\"old\":\"陈建新\""));
	assert_non_null(strstr(au.changes, "\"new\":\"陈建国\""));
	free(au.changes);

	/* The search follows the corrected name and content. */
	int n = -1;
	lf_search_cursor cur = {0};
	assert_int_equal(lf_search(t->st, &zhang, "陈建国", &cur, 10, NULL, NULL, &n, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(n, 1);
	memset(&cur, 0, sizeof cur);
	assert_int_equal(lf_search(t->st, &zhang, "陈建新", &cur, 10, NULL, NULL, &n, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(lf_case_correct(t->st, &zhang, k.case_id, "content", "反映单位拖欠工资四个月，要求补发。", NULL,
	                                 msg, sizeof msg),
	                 LF_STORE_OK);
	memset(&cur, 0, sizeof cur);
	assert_int_equal(lf_search(t->st, &zhang, "四个月", &cur, 10, NULL, NULL, &n, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(n, 1);
	/* The phone: the audit log masks it, the timeline keeps it. */
	assert_int_equal(lf_case_correct(t->st, &zhang, k.case_id, "phone", "13912345678", "13812345678", msg, sizeof msg),
	                 LF_STORE_OK);
	au = audit_of(t->st, k.case_id, "case.correct");
	assert_null(strstr(au.changes, "13912345678"));
	free(au.changes);
	ev = event_of(t->st, k.case_id, "correct");
	assert_non_null(strstr(ev.text, "13812345678 → 13912345678"));
	/* Sex and address. */
	assert_int_equal(lf_case_correct(t->st, &zhang, k.case_id, "sex", "男", "女", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_case_correct(t->st, &zhang, k.case_id, "address", "广州市越秀区解放中路305号", NULL, msg,
	                                 sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(lf_store_get_case(t->st, k.case_id, &c), LF_STORE_OK);
	assert_string_equal(c.sex, "男");
	assert_string_equal(c.address, "广州市越秀区解放中路305号");
	assert_string_equal(c.phone, "13912345678");
	lf_case_free(&c);

	/* Bad values are refused by the sheet's own checks; nothing written. */
	before = n_audit(t->st);
	assert_int_equal(lf_case_correct(t->st, &zhang, k.case_id, "sex", "未知", NULL, msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_case_correct(t->st, &zhang, k.case_id, "name", "", NULL, msg, sizeof msg), LF_STORE_INVALID);
	assert_int_equal(lf_case_correct(t->st, &zhang, k.case_id, "id_number", "110101199003077777", NULL, msg,
	                                 sizeof msg),
	                 LF_STORE_INVALID);
	assert_int_equal(lf_case_correct(t->st, &zhang, k.case_id, "name", "陈建国", NULL, msg, sizeof msg),
	                 LF_STORE_INVALID); /* nothing to correct */
	assert_int_equal(n_audit(t->st), before);
	lf_user_free(&zhang);
	assert_int_equal(lf_store_check(t->st, NULL, NULL), 0);
}

static void test_correct_who_and_until_when(void **state)
{
	fixture *t = *state;
	char msg[1024];
	today("2026-11-23");
	lf_saved_case k = register_case(t->st, "陈建新", "反映单位拖欠工资。");
	add_clerk_li(t->st);
	int before = n_audit(t->st);
	/* Another clerk, a handler, a leader: no. */
	static const char *const not_allowed[] = {"li", "qian", "wang", "wu"};
	for (size_t i = 0; i < 4; i++) {
		lf_user u = as(t->st, not_allowed[i]);
		assert_int_equal(lf_case_correct(t->st, &u, k.case_id, "name", "陈建国", NULL, msg, sizeof msg),
		                 LF_STORE_DENIED);
		assert_int_equal(lf_case_correct_check(t->st, &u, k.case_id, msg, sizeof msg), LF_STORE_DENIED);
		lf_user_free(&u);
	}
	/* Nothing of the case changed (a refusal may be logged: need to know). */
	assert_int_equal(event_of(t->st, k.case_id, "correct").n, 0);
	lf_case c;
	assert_int_equal(lf_store_get_case(t->st, k.case_id, &c), LF_STORE_OK);
	assert_string_equal(c.name, "陈建新");
	lf_case_free(&c);
	(void)before;
	/* A supervisor: yes. */
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_correct_check(t->st, &sun, k.case_id, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_case_correct(t->st, &sun, k.case_id, "name", "陈建国", NULL, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sun);
	assert_string_equal(event_of(t->st, k.case_id, "correct").by, "孙七");

	/* Another desk changed the field since it was read: refused, naming both. */
	lf_user zhang = as(t->st, "zhang");
	before = n_audit(t->st);
	assert_int_equal(lf_case_correct(t->st, &zhang, k.case_id, "name", "陈健新", "陈建新", msg, sizeof msg),
	                 LF_STORE_CONFLICT);
	assert_non_null(strstr(msg, "陈建新"));
	assert_non_null(strstr(msg, "陈建国"));
	assert_int_equal(n_audit(t->st), before);
	assert_int_equal(lf_store_get_case(t->st, k.case_id, &c), LF_STORE_OK);
	assert_string_equal(c.name, "陈建国"); /* the other desk's change stands */
	lf_case_free(&c);

	/* Screened: refused, with the state named; nothing written. */
	STEP_OK(t->st, "sun", k.case_id, LF_STEP_ACCEPT, NULL);
	before = n_audit(t->st);
	assert_int_equal(lf_case_correct(t->st, &zhang, k.case_id, "name", "陈建民", "陈建国", msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_non_null(strstr(msg, k.case_no));
	assert_non_null(strstr(msg, "screened"));
	assert_int_equal(lf_case_correct_check(t->st, &zhang, k.case_id, msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&zhang);
	lf_user sun2 = as(t->st, "sun");
	assert_int_equal(lf_case_correct(t->st, &sun2, k.case_id, "name", "陈建民", NULL, msg, sizeof msg),
	                 LF_STORE_DENIED);
	lf_user_free(&sun2);
	assert_int_equal(n_audit(t->st), before);
	assert_int_equal(event_of(t->st, k.case_id, "correct").n, 1);
}

static void test_correct_store_guards(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	lf_saved_case k = register_case(t->st, "陈建新", "反映单位拖欠工资。");
	/* Below core: a step taken meanwhile by another desk is a conflict. */
	lf_correction_in in = {.case_key = k.case_id, .field = "name", .label = "来访人姓名", .value = "陈建国",
	                       .expect_state = "registered", .signer_name = "张三"};
	STEP_OK(t->st, "sun", k.case_id, LF_STEP_ACCEPT, NULL);
	assert_int_equal(lf_store_case_correct(t->st, &in), LF_STORE_CONFLICT);
	/* A field that is not the sheet's words, never. */
	in.expect_state = NULL;
	in.field = "id_number";
	assert_int_equal(lf_store_case_correct(t->st, &in), LF_STORE_INVALID);
	in.field = "status";
	assert_int_equal(lf_store_case_correct(t->st, &in), LF_STORE_INVALID);

	/* Declined and archived: the archive gate refuses a correction and the flag. */
	lf_saved_case d = register_case(t->st, "陈建新", "要求撤销已生效判决。");
	lf_step_args why = {.reason = "属于诉讼程序", .text = "您反映的事项已进入诉讼程序，不予受理。"};
	STEP_OK(t->st, "sun", d.case_id, LF_STEP_DECLINE, &why);
	STEP_OK(t->st, "wu", d.case_id, LF_STEP_ARCHIVE, NULL);
	in = (lf_correction_in){.case_key = d.case_id, .field = "name", .value = "陈建国", .signer_name = "张三"};
	int before = n_audit(t->st);
	assert_int_equal(lf_store_case_correct(t->st, &in), LF_STORE_DENIED);
	assert_non_null(strstr(lf_store_errmsg(t->st), "archived"));
	assert_int_equal(lf_store_case_set_repeat(t->st, d.case_id, true, "孙七"), LF_STORE_DENIED);
	char msg[1024];
	lf_user sun = as(t->st, "sun");
	assert_int_equal(lf_case_correct(t->st, &sun, d.case_id, "name", "陈建国", NULL, msg, sizeof msg), LF_STORE_DENIED);
	assert_non_null(strstr(msg, "archived"));
	assert_int_equal(lf_case_set_repeat(t->st, &sun, d.case_id, true, msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&sun);
	assert_int_equal(n_audit(t->st), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_repeat_is_the_clerks_answer, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_repeat_corrected_later, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_correct_by_the_clerk, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_correct_who_and_until_when, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_correct_store_guards, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
