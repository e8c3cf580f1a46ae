/* Every channel in (issue 13): a letter, a fax and a phone call registered
 * on their own forms through the same save as a visit; an anonymous letter
 * without any visitor; the form's own fields kept with the case; bad
 * counts and a missing writer refused; the regulation's category chosen at
 * screening and the routes it allows; the archive lock and the seal over
 * the new table. */
#include "caseflow_fixture.h"

#include "laifang/channel.h"
#include "laifang/correct.h"

/* Save values (field id, value pairs) on form as the clerk; returns the
 * office's result, the first issue's message in msg. */
static int save_on(lf_store *st, const char *form_id, const char *channel, const char *const (*fill)[2], size_t n,
                   lf_saved_case *out, char *msg, size_t len)
{
	char err[256];
	const lf_form_def *form = lf_form_get(form_id, err, sizeof err);
	assert_non_null(form);
	char **v = calloc(form->n_fields, sizeof *v);
	assert_non_null(v);
	char day[LF_DATE_LEN];
	lf_date_format(lf_date_today(), day);
	lf_form_fill_defaults(form, v, lf_date_today(), "张三");
	for (size_t i = 0; i < n; i++) {
		int k = lf_form_find(form, fill[i][0]);
		if (k < 0)
			fail_msg("form %s has no field %s", form_id, fill[i][0]);
		free(v[k]);
		v[k] = strdup(fill[i][1]);
	}
	lf_user clerk = as(st, "zhang");
	lf_form_issue issues[16];
	size_t n_issues = 0;
	lf_store_err e;
	int r = lf_intake_save(st, &clerk, form, v, channel, false, LF_IDENTITY_ASK, issues, 16, &n_issues, out, &e);
	snprintf(msg, len, "%s", r > 0 && n_issues ? issues[0].message : r < 0 ? lf_store_errmsg(st) : "");
	for (size_t i = 0; i < form->n_fields; i++)
		free(v[i]);
	free(v);
	lf_user_free(&clerk);
	return r;
}

static long long count(fixture *t, const char *sql)
{
	return sf_raw(t->db, sql, NULL, 0);
}

static void text_of(fixture *t, const char *sql, char *buf, size_t len)
{
	sf_raw(t->db, sql, buf, len);
}

static void test_letter(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	static const char *const fill[][2] = {
		{"letter_date", "2026-11-15"}, {"postmark", "南京 2026.11.16"}, {"name", "赵大明"},
		{"cosigners", "3"},           {"address", "南京市鼓楼区"},     {"content", "来信反映违建。"},
		{"pages", "4"},
	};
	lf_saved_case c;
	char msg[512], buf[256];
	assert_int_equal(save_on(t->st, "letter", NULL, fill, 7, &c, msg, sizeof msg), 0);
	lf_case k;
	assert_int_equal(lf_store_get_case(t->st, c.case_no, &k), LF_STORE_OK);
	assert_string_equal(k.channel, "letter");
	assert_false(k.anonymous);
	assert_null(k.kind);
	assert_string_equal(k.name, "赵大明");
	assert_string_equal(lf_case_field(&k, "postmark"), "南京 2026.11.16");
	assert_string_equal(lf_case_field(&k, "cosigners"), "3");
	assert_string_equal(lf_case_field(&k, "pages"), "4");
	assert_string_equal(lf_case_field(&k, "letter_date"), "2026-11-15");
	assert_string_equal(lf_case_field(&k, "medium"), "来信");
	assert_string_equal(lf_case_field(&k, "anonymous"), "否");
	assert_string_equal(k.doc_type, "无证件");
	lf_case_free(&k);
	text_of(t, "SELECT v.doc_type FROM visitor v JOIN case_visitor cv ON cv.visitor_id = v.id", buf, sizeof buf);
	assert_string_equal(buf, "无证件");
	/* The medium 传真 makes it a fax. */
	static const char *const fax[][2] = {{"medium", "传真"}, {"name", "钱小"}, {"content", "传真反映噪音。"}};
	assert_int_equal(save_on(t->st, "letter", NULL, fax, 3, &c, msg, sizeof msg), 0);
	assert_int_equal(count(t, "SELECT count(*) FROM case_file WHERE channel = 'fax'"), 1);
	char problems[2048];
	assert_int_equal(sf_check(t->st, problems, sizeof problems), 0);
}

static void test_anonymous(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	static const char *const fill[][2] = {
		{"anonymous", "是"}, {"name", "不该留下的名字"}, {"id_number", ID_NUMBER}, {"content", "匿名举报公车私用。"}};
	lf_saved_case c;
	char msg[512];
	assert_int_equal(save_on(t->st, "letter", NULL, fill, 4, &c, msg, sizeof msg), 0);
	assert_int_equal(count(t, "SELECT count(*) FROM visitor"), 0);
	assert_int_equal(count(t, "SELECT count(*) FROM case_visitor"), 0);
	assert_int_equal(count(t, "SELECT anonymous FROM case_file"), 1);
	lf_case k;
	assert_int_equal(lf_store_get_case(t->st, c.case_no, &k), LF_STORE_OK);
	assert_true(k.anonymous);
	assert_string_equal(k.name, "匿名");
	assert_null(k.id_number);
	assert_null(k.doc_type);
	assert_string_equal(lf_case_field(&k, "anonymous"), "是");
	lf_case_free(&k);
	/* The audit entry names nobody. */
	char buf[1024];
	text_of(t, "SELECT changes FROM audit_log WHERE action = 'case.register'", buf, sizeof buf);
	assert_null(strstr(buf, "不该留下的名字"));
	assert_non_null(strstr(buf, "anonymous"));
	/* Nobody to correct: only the content is. */
	lf_user clerk = as(t->st, "zhang");
	char m[512] = "";
	assert_int_equal(lf_case_correct(t->st, &clerk, c.case_no, "name", "张三", NULL, m, sizeof m), LF_STORE_INVALID);
	assert_non_null(strstr(m, "匿名"));
	assert_int_equal(lf_case_correct(t->st, &clerk, c.case_no, "content", "匿名举报公车私用（更正）。", NULL, m, sizeof m),
	                 LF_STORE_OK);
	lf_user_free(&clerk);
	assert_int_equal(count(t, "SELECT count(*) FROM case_visitor"), 0);
	/* The case moves through screening like any other. */
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, &(lf_step_args){.kind = "suggestion"});
	char problems[2048];
	assert_int_equal(sf_check(t->st, problems, sizeof problems), 0);
}

static void test_refused(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	lf_saved_case c;
	char msg[512];
	static const char *const pages[][2] = {{"name", "郑错"}, {"content", "内容"}, {"pages", "四页"}};
	assert_int_equal(save_on(t->st, "letter", NULL, pages, 3, &c, msg, sizeof msg), 1);
	assert_non_null(strstr(msg, "附件页数"));
	static const char *const nobody[][2] = {{"content", "没有署名，也没有选匿名。"}};
	assert_int_equal(save_on(t->st, "letter", NULL, nobody, 1, &c, msg, sizeof msg), 1);
	assert_non_null(strstr(msg, "寄信人"));
	/* A letter's channel on the visit sheet, or a word that is no channel. */
	static const char *const visit[][2] = {{"name", "王五"}, {"id_number", ID_NUMBER}, {"content", "来访"}};
	assert_int_equal(save_on(t->st, "registration", "letter", visit, 3, &c, msg, sizeof msg), 1);
	assert_int_equal(save_on(t->st, "registration", "pigeon", visit, 3, &c, msg, sizeof msg), 1);
	assert_int_equal(count(t, "SELECT count(*) FROM case_file"), 0);
	/* online is registered on the visit sheet. */
	assert_int_equal(save_on(t->st, "registration", "网上信访", visit, 3, &c, msg, sizeof msg), 0);
	assert_int_equal(count(t, "SELECT count(*) FROM case_file WHERE channel = 'online'"), 1);
}

static void test_call(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	static const char *const fill[][2] = {
		{"call_time", "09:30"}, {"name", "孙来电"}, {"phone", "13912345678"}, {"content", "来电反映供暖不热。"}};
	lf_saved_case c;
	char msg[512], buf[64];
	assert_int_equal(save_on(t->st, "call", NULL, fill, 4, &c, msg, sizeof msg), 0);
	text_of(t, "SELECT channel FROM case_file", buf, sizeof buf);
	assert_string_equal(buf, "phone");
	text_of(t, "SELECT value FROM case_intake WHERE field = 'call_time'", buf, sizeof buf);
	assert_string_equal(buf, "09:30");
	text_of(t, "SELECT doc_note FROM case_visitor", buf, sizeof buf);
	assert_string_equal(buf, "来电未注明证件号码");
}

static void test_category(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	lf_saved_case a = register_case(t->st, "甲", "反映一"), b = register_case(t->st, "乙", "反映二"),
	              d = register_case(t->st, "丙", "反映三");
	char msg[1024] = "", buf[64];
	assert_int_equal(step_as(t->st, "sun", a.case_id, LF_STEP_ACCEPT, &(lf_step_args){.kind = "其他"}, msg, sizeof msg),
	                 LF_STORE_INVALID);
	expect_flow(t->st, a.case_id, LF_ST_REGISTERED, "2026-12-08", "route");
	STEP_OK(t->st, "sun", a.case_id, LF_STEP_ACCEPT, &(lf_step_args){.kind = "检举控告类"});
	text_of(t, "SELECT kind FROM case_file WHERE case_no = '2026-000001'", buf, sizeof buf);
	assert_string_equal(buf, "accusation");
	/* 第三十条: not in-house; transfer to the competent agency is. */
	assert_int_equal(step_as(t->st, "sun", a.case_id, LF_STEP_IN_HOUSE, &(lf_step_args){.unit = U_DEPT}, msg,
	                         sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "第三十条"));
	expect_flow(t->st, a.case_id, LF_ST_ACCEPTED, "2026-12-08", NULL);
	/* The category is chosen at screening, not at routing. */
	assert_int_equal(step_as(t->st, "sun", a.case_id, LF_STEP_TRANSFER,
	                         &(lf_step_args){.unit = U_PEER, .kind = "claim"}, msg, sizeof msg),
	                 LF_STORE_INVALID);
	STEP_OK(t->st, "sun", a.case_id, LF_STEP_TRANSFER, &(lf_step_args){.unit = U_PEER});
	/* A claim may be handled in-house. */
	STEP_OK(t->st, "sun", b.case_id, LF_STEP_ACCEPT, &(lf_step_args){.kind = "claim"});
	STEP_OK(t->st, "sun", b.case_id, LF_STEP_IN_HOUSE, &(lf_step_args){.unit = U_DEPT});
	/* A referral to discipline inspection is an accusation, and only that. */
	assert_int_equal(step_as(t->st, "sun", d.case_id, LF_STEP_REFER,
	                         &(lf_step_args){.unit = U_DISC, .kind = "suggestion"}, msg, sizeof msg),
	                 LF_STORE_INVALID);
	STEP_OK(t->st, "sun", d.case_id, LF_STEP_REFER, &(lf_step_args){.unit = U_DISC});
	text_of(t, "SELECT kind FROM case_file WHERE case_no = '2026-000003'", buf, sizeof buf);
	assert_string_equal(buf, "accusation");
	char problems[2048];
	assert_int_equal(sf_check(t->st, problems, sizeof problems), 0);
}

/* case_intake belongs to the case: an archived case takes none (db/011's
 * second line), and a value changed behind laifang's back is found. */
static void test_lock_and_seal(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	static const char *const fill[][2] = {{"name", "赵大明"}, {"content", "来信。"}, {"pages", "2"}};
	lf_saved_case c;
	char msg[512], problems[4096];
	assert_int_equal(save_on(t->st, "letter", NULL, fill, 3, &c, msg, sizeof msg), 0);
	assert_int_equal(sf_exec(t->db, "UPDATE case_intake SET value = '20' WHERE field = 'pages'"), SQLITE_OK);
	assert_true(sf_check(t->st, problems, sizeof problems) > 0);
	assert_non_null(strstr(problems, "case_intake"));
	assert_int_equal(sf_exec(t->db, "UPDATE case_file SET status = 'archived'"), SQLITE_OK);
	assert_int_not_equal(sf_exec(t->db, "INSERT INTO case_intake (case_id, field, value) "
	                                    "SELECT id, 'postmark', 'x' FROM case_file"),
	                     SQLITE_OK);
	assert_int_not_equal(sf_exec(t->db, "DELETE FROM case_intake"), SQLITE_OK);
}

static void test_channel_words(void **state)
{
	(void)state;
	assert_string_equal(lf_channel_parse("telephone"), "phone");
	assert_string_equal(lf_channel_parse("来电"), "phone");
	assert_string_equal(lf_channel_parse("传真"), "fax");
	assert_string_equal(lf_channel_parse("LETTER"), "letter");
	assert_null(lf_channel_parse("pigeon"));
	assert_string_equal(lf_channel_form("fax"), "letter");
	assert_string_equal(lf_channel_form("phone"), "call");
	assert_string_equal(lf_channel_form("online"), "registration");
	assert_string_equal(lf_category_parse("申诉求决类"), "claim");
	assert_null(lf_category_parse("其他"));
	assert_false(lf_category_allows_route("accusation", LF_STEP_IN_HOUSE, NULL, 0));
	assert_true(lf_category_allows_route("accusation", LF_STEP_TRANSFER, NULL, 0));
	assert_true(lf_category_allows_route(NULL, LF_STEP_IN_HOUSE, NULL, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_letter, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_anonymous, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_refused, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_call, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_category, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_lock_and_seal, cf_setup, cf_teardown),
		cmocka_unit_test(test_channel_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
