/* Case operations through core, against a temporary database: registering
 * needs the clerk's role and signs 接待人员 with the clerk; opening a full
 * file is logged and masked for roles without view_full_id; an instruction
 * is the leader's alone, cleaned, checked and signed with name, title and
 * the moment. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "laifang/auth.h"
#include "laifang/caseops.h"
#include "laifang/form.h"
#include "laifang/registration.h"
#include "laifang/store_audit.h"
#include "test_clock.h"
#include "store_fixture.h"

#include <sqlite3.h>

#define ID_NUMBER "11010519491231002X"
#define PHONE "13812345678"

typedef struct fixture {
	char dir[64];
	char db[128];
	lf_store *st;
	lf_saved_case c; /* one case, registered straight through the store */
} fixture;

static const struct {
	const char *login, *name, *title;
	unsigned roles;
} people[] = {
	{"zhang", "张三", NULL, LF_ROLE_CLERK},
	{"wang", "王五", "副局长", LF_ROLE_LEADER},
	{"zhao", "赵六", NULL, LF_ROLE_LEADER},
	{"sun", "孙七", NULL, LF_ROLE_SUPERVISOR},
	{"zhou", "周八", NULL, LF_ROLE_HANDLER},
	{"wu", "吴九", NULL, LF_ROLE_ARCHIVIST},
	{"admin", "管理员", NULL, LF_ROLE_ADMIN},
};
#define N_PEOPLE (sizeof people / sizeof *people)

static int setup(void **state)
{
	fixture *t = calloc(1, sizeof *t);
	if (!t)
		return -1;
	if (sf_temp_db(t->dir, sizeof t->dir, t->db, sizeof t->db, "caseops"))
		return -1;
	char msg[512];
	t->st = lf_store_open(t->db, NULL, msg, sizeof msg);
	if (!t->st)
		return -1;
	/* Nobody logs in here: a hash no password matches does. */
	for (size_t i = 0; i < N_PEOPLE; i++)
		if (lf_store_user_add(t->st, people[i].login, people[i].name, people[i].title, NULL, people[i].roles,
		                      "x", NULL) != LF_STORE_OK)
			return -1;
	lf_registration reg = {
		.receptionist = "张三", .received_on = "2026-11-23", .name = "李来访", .sex = "女",
		.phone = PHONE, .id_number = ID_NUMBER, .address = "广州市越秀区", .content = "拖欠工资",
	};
	if (lf_store_save_registration(t->st, &reg, &t->c) != LF_STORE_OK)
		return -1;
	/* Need to know (access.h): the people of the fixture work on the case. zhang
	 * registered it, wang owns it, zhao was asked to instruct, zhou's unit
	 * handles it. */
	char unit[37];
	if (lf_store_unit_add(t->st, "区人社局", "peer", unit) != LF_STORE_OK)
		return -1;
	lf_user z = {0};
	if (lf_store_user_get(t->st, "zhou", &z, NULL) != LF_STORE_OK ||
	    lf_store_user_update(t->st, z.id, NULL, NULL, unit, NULL, NULL) != LF_STORE_OK)
		return -1;
	lf_user_free(&z);
	char *sql = sqlite3_mprintf(
		"UPDATE case_file SET receptionist_id = (SELECT id FROM app_user WHERE login = 'zhang'), "
		"owner_id = (SELECT id FROM app_user WHERE login = 'wang'), "
		"instruction_leader_id = (SELECT id FROM app_user WHERE login = 'zhao'), lead_unit_id = %Q",
		unit);
	int rc = sf_exec(t->db, sql);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return -1;
	*state = t;
	return 0;
}

SF_TEARDOWN(teardown)

/* The user, also made the store's actor (as logging in would). */
static lf_user as(lf_store *st, const char *login)
{
	lf_user u = sf_user(st, login);
	lf_store_set_actor(st, u.id, u.login);
	return u;
}

typedef struct tally {
	const char *action;
	int n;
	char login[64], record[64], changes[256];
} tally;

static int count_action(const lf_audit_entry *e, void *ud)
{
	tally *t = ud;
	if (t->action && strcmp(e->action, t->action))
		return 0;
	if (t->n++ == 0) { /* newest first */
		snprintf(t->login, sizeof t->login, "%s", e->login ? e->login : "");
		snprintf(t->record, sizeof t->record, "%s", e->record ? e->record : "");
		snprintf(t->changes, sizeof t->changes, "%s", e->changes ? e->changes : "");
	}
	return 0;
}

static tally audited(lf_store *st, const char *action)
{
	tally t = {.action = action};
	lf_audit_filter f = {.limit = 100000};
	assert_int_equal(lf_store_audit_each(st, &f, count_action, &t), LF_STORE_OK);
	return t;
}

static int count_case(const lf_case *c, void *ud)
{
	(void)c;
	++*(int *)ud;
	return 0;
}

static int n_cases(lf_store *st)
{
	int n = 0;
	assert_int_equal(lf_store_each_case(st, count_case, &n), LF_STORE_OK);
	return n;
}

/* ---- opening a full file ---- */

static void test_open(void **state)
{
	fixture *t = *state;
	/* Full numbers for the roles with view_full_id, masked for the rest. */
	static const struct {
		const char *login;
		bool full;
	} who[] = {
		{"zhang", true}, {"wang", true}, {"sun", true}, {"wu", true}, {"zhou", false}, {"admin", false},
	};
	for (size_t i = 0; i < sizeof who / sizeof *who; i++) {
		lf_user u = as(t->st, who[i].login);
		int before = audited(t->st, "case.view").n;
		lf_case c;
		/* By number and by id alike. */
		const char *key = i % 2 ? t->c.case_id : t->c.case_no;
		assert_int_equal(lf_case_open(t->st, &u, key, &c), LF_STORE_OK);
		assert_string_equal(c.case_no, t->c.case_no);
		assert_string_equal(c.name, "李来访");
		assert_string_equal(c.content, "拖欠工资");
		if (who[i].full) {
			assert_string_equal(c.id_number, ID_NUMBER);
			assert_string_equal(c.phone, PHONE);
		} else {
			assert_string_equal(c.id_number, "110105********002X");
			assert_string_equal(c.phone, "138****5678");
		}
		/* Every open is logged: who viewed whose file. */
		tally v = audited(t->st, "case.view");
		assert_int_equal(v.n, before + 1);
		assert_string_equal(v.login, who[i].login);
		assert_string_equal(v.record, t->c.case_id);
		lf_case_free(&c);
		lf_user_free(&u);
	}
	/* The stored numbers are untouched by masking. */
	lf_case raw;
	assert_int_equal(lf_store_get_case(t->st, t->c.case_no, &raw), LF_STORE_OK);
	assert_string_equal(raw.id_number, ID_NUMBER);
	lf_case_free(&raw);
}

static void test_open_refused(void **state)
{
	fixture *t = *state;
	int before = audited(t->st, NULL).n;
	lf_case c;
	assert_int_equal(lf_case_open(t->st, NULL, t->c.case_no, &c), LF_STORE_DENIED);
	assert_null(c.id_number);
	assert_int_equal(lf_store_errcode(t->st), LF_STORE_DENIED);
	lf_user u = as(t->st, "zhang");
	u.active = false;
	assert_int_equal(lf_case_open(t->st, &u, t->c.case_no, &c), LF_STORE_DENIED);
	assert_null(c.name);
	u.active = true;
	assert_int_equal(lf_case_open(t->st, &u, "2026-999999", &c), LF_STORE_NOTFOUND);
	assert_int_equal(lf_case_open(t->st, &u, NULL, &c), LF_STORE_NOTFOUND);
	assert_int_equal(audited(t->st, NULL).n, before); /* nothing was viewed */
	lf_user_free(&u);
}

/* ---- instructions ---- */

static void test_instruct(void **state)
{
	fixture *t = *state;
	char msg[256];
	lf_user wang = as(t->st, "wang");
	assert_int_equal(lf_case_instruct(t->st, &wang, t->c.case_no, "  请劳动监察大队\r\n三日内核查。\x1b[31m  ",
	                                  msg, sizeof msg),
	                 LF_STORE_OK);
	lf_case c;
	assert_int_equal(lf_store_get_case(t->st, t->c.case_id, &c), LF_STORE_OK);
	assert_string_equal(c.instruction, "请劳动监察大队\n三日内核查。");
	assert_string_equal(c.instruction_signer, "王五（副局长）");
	/* "YYYY-MM-DD HH:MM" of the moment of signing (the test clock's date). */
	assert_non_null(c.instruction_date);
	assert_int_equal(strlen(c.instruction_date), 16);
	assert_memory_equal(c.instruction_date, "2026-11-23 ", 11);
	assert_true(c.instruction_date[13] == ':');
	lf_case_free(&c);
	tally s = audited(t->st, "case.instruct");
	assert_int_equal(s.n, 1);
	assert_string_equal(s.login, "wang");
	lf_user_free(&wang);

	/* A second leader, without a title, follows; the first stays. */
	lf_user zhao = as(t->st, "zhao");
	assert_int_equal(lf_case_instruct(t->st, &zhao, t->c.case_id, "同意。", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_store_get_case(t->st, t->c.case_id, &c), LF_STORE_OK);
	assert_non_null(strstr(c.instruction, "请劳动监察大队\n三日内核查。"));
	assert_non_null(strstr(c.instruction, "同意。"));
	assert_true(strstr(c.instruction, "同意。") > strstr(c.instruction, "三日内核查"));
	/* Issue 11: each keeps its own signer, in order; none overwrites. */
	assert_string_equal(c.instruction_signer, "王五（副局长）；赵六");
	assert_int_equal(c.n_entries, 2);
	assert_string_equal(c.entries[0].signer_name, "王五（副局长）");
	assert_string_equal(c.entries[1].signer_name, "赵六");
	lf_case_free(&c);
	assert_int_equal(audited(t->st, "case.instruct").n, 2);

	/* The text is checked. */
	assert_int_equal(lf_case_instruct(t->st, &zhao, t->c.case_id, " \r\n　\t", msg, sizeof msg),
	                 LF_STORE_INVALID);
	assert_non_null(strstr(msg, "instruction"));
	assert_int_equal(lf_store_errcode(t->st), LF_STORE_INVALID);
	assert_int_equal(lf_case_instruct(t->st, &zhao, t->c.case_id, NULL, msg, sizeof msg), LF_STORE_INVALID);
	char *big = malloc(2001 * 3 + 1);
	big[0] = '\0';
	for (int i = 0; i < 2001; i++)
		strcat(big, "批");
	assert_int_equal(lf_case_instruct(t->st, &zhao, t->c.case_id, big, msg, sizeof msg), LF_STORE_INVALID);
	assert_non_null(strstr(msg, "2000"));
	big[2000 * 3] = '\0';
	assert_int_equal(lf_case_instruct(t->st, &zhao, t->c.case_id, big, msg, sizeof msg), LF_STORE_OK);
	free(big);
	assert_int_equal(lf_case_instruct(t->st, &zhao, "2026-999999", "同意。", msg, sizeof msg),
	                 LF_STORE_NOTFOUND);
	assert_non_null(strstr(msg, "2026-999999"));
	assert_int_equal(audited(t->st, "case.instruct").n, 3);
	lf_user_free(&zhao);
}

/* Every role without instruct is refused, and nothing is signed. */
static void test_instruct_refused(void **state)
{
	fixture *t = *state;
	char msg[256];
	int before = audited(t->st, NULL).n;
	const char *others[] = {"zhang", "sun", "zhou", "wu", "admin"};
	for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
		lf_user u = as(t->st, others[i]);
		msg[0] = '\0';
		assert_int_equal(lf_case_instruct(t->st, &u, t->c.case_no, "我来批示。", msg, sizeof msg),
		                 LF_STORE_DENIED);
		assert_non_null(strstr(msg, lf_perm_label(LF_PERM_INSTRUCT)));
		assert_non_null(strstr(msg, lf_role_label(LF_ROLE_LEADER)));
		assert_int_equal(lf_store_errcode(t->st), LF_STORE_DENIED);
		lf_user_free(&u);
	}
	assert_int_equal(lf_case_instruct(t->st, NULL, t->c.case_no, "我来批示。", msg, sizeof msg),
	                 LF_STORE_DENIED);
	lf_user wang = as(t->st, "wang");
	wang.active = false;
	assert_int_equal(lf_case_instruct(t->st, &wang, t->c.case_no, "我来批示。", msg, sizeof msg),
	                 LF_STORE_DENIED);
	lf_user_free(&wang);
	assert_int_equal(audited(t->st, NULL).n, before);
	lf_case c;
	assert_int_equal(lf_store_get_case(t->st, t->c.case_no, &c), LF_STORE_OK);
	assert_null(c.instruction);
	assert_null(c.instruction_signer);
	lf_case_free(&c);
}

/* ---- registering ---- */

static char **sheet(const lf_form_def *form, const char *receptionist)
{
	char **v = calloc(form->n_fields, sizeof *v);
	static const char *const fill[][2] = {
		{"received_on", "2026-11-23"}, {"name", "钱来访"},       {"sex", "女"},
		{"phone", "020-83186312"},     {"id_number", ID_NUMBER}, {"content", "噪音扰民"},
	};
	for (size_t i = 0; i < sizeof fill / sizeof *fill; i++) {
		int k = lf_form_find(form, fill[i][0]);
		assert_true(k >= 0);
		v[k] = strdup(fill[i][1]);
	}
	if (receptionist)
		v[lf_form_find(form, "receptionist")] = strdup(receptionist);
	return v;
}

static void free_sheet(const lf_form_def *form, char **v)
{
	for (size_t i = 0; i < form->n_fields; i++)
		free(v[i]);
	free(v);
}

static void test_register(void **state)
{
	fixture *t = *state;
	char err[256];
	const lf_form_def *form = lf_form_get("registration", err, sizeof err);
	assert_non_null(form);
	int cases = n_cases(t->st);
	lf_form_issue issues[16];
	size_t n_issues;
	lf_saved_case out;
	lf_store_err e;

	/* Everyone without register: -1, DENIED, no case, nothing logged. */
	const char *others[] = {"wang", "sun", "zhou", "wu", "admin"};
	int entries = audited(t->st, NULL).n;
	for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
		lf_user u = as(t->st, others[i]);
		char **v = sheet(form, NULL);
		e = LF_STORE_OK;
		assert_int_equal(lf_registration_save(t->st, &u, form, v, issues, 16, &n_issues, &out, &e), -1);
		assert_int_equal(e, LF_STORE_DENIED);
		assert_int_equal(lf_store_errcode(t->st), LF_STORE_DENIED);
		assert_non_null(strstr(lf_store_errmsg(t->st), lf_perm_label(LF_PERM_REGISTER)));
		assert_non_null(strstr(lf_store_errmsg(t->st), lf_role_label(LF_ROLE_CLERK)));
		free_sheet(form, v);
		lf_user_free(&u);
	}
	char **v = sheet(form, NULL);
	assert_int_equal(lf_registration_save(t->st, NULL, form, v, issues, 16, &n_issues, &out, &e), -1);
	assert_int_equal(e, LF_STORE_DENIED);
	free_sheet(form, v);
	assert_int_equal(n_cases(t->st), cases);
	assert_int_equal(audited(t->st, NULL).n, entries);

	/* The clerk registers; an empty 接待人员 becomes the clerk's name. */
	lf_user zhang = as(t->st, "zhang");
	v = sheet(form, NULL);
	/* The fixture's visitor is 李来访 at this ID number: a question first
	 * (issue 11), then kept as the record. */
	assert_int_equal(lf_registration_save(t->st, &zhang, form, v, issues, 16, &n_issues, &out, &e), 2);
	assert_int_equal(lf_registration_save_as(t->st, &zhang, form, v, LF_IDENTITY_KEEP, issues, 16, &n_issues, &out,
	                                         &e), 0);
	assert_int_equal(e, LF_STORE_OK);
	assert_string_equal(v[lf_form_find(form, "receptionist")], "张三");
	free_sheet(form, v);
	lf_case c;
	assert_int_equal(lf_store_get_case(t->st, out.case_id, &c), LF_STORE_OK);
	assert_string_equal(c.receptionist, "张三");
	assert_string_equal(c.name, "钱来访");
	/* The fixture's visitor, same ID number: still not a repeat unless the
	 * clerk says so (issue 11). */
	assert_false(c.repeat);
	lf_case_free(&c);
	assert_int_equal(n_cases(t->st), cases + 1);
	assert_string_equal(audited(t->st, "case.register").login, "zhang");

	/* A named 接待人员 (an imported row) is kept. */
	v = sheet(form, "李四");
	assert_int_equal(lf_registration_save_as(t->st, &zhang, form, v, LF_IDENTITY_KEEP, issues, 16, &n_issues, &out,
	                                         &e), 0);
	free_sheet(form, v);
	assert_int_equal(lf_store_get_case(t->st, out.case_id, &c), LF_STORE_OK);
	assert_string_equal(c.receptionist, "李四");
	lf_case_free(&c);

	/* A clerk who also leads may do both. */
	lf_user_free(&zhang);
	unsigned both = LF_ROLE_CLERK | LF_ROLE_LEADER;
	lf_user wang = as(t->st, "wang");
	assert_int_equal(lf_store_user_update(t->st, wang.id, NULL, NULL, NULL, &both, NULL), LF_STORE_OK);
	lf_user_free(&wang);
	wang = as(t->st, "wang");
	v = sheet(form, NULL);
	assert_int_equal(lf_registration_save_as(t->st, &wang, form, v, LF_IDENTITY_KEEP, issues, 16, &n_issues, &out,
	                                         &e), 0);
	free_sheet(form, v);
	char msg[256];
	assert_int_equal(lf_case_instruct(t->st, &wang, out.case_no, "阅。", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&wang);
	assert_int_equal(n_cases(t->st), cases + 3);
}

static void set_field(const lf_form_def *form, char **v, const char *id, const char *value)
{
	int k = lf_form_find(form, id);
	assert_true(k >= 0);
	free(v[k]);
	v[k] = strdup(value);
}

static int count_sql(const char *db, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	int n = -1;
	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	return n;
}

/* Issue 12: a group visit, further phone numbers and 候谈 from the sheet:
 * checked before anything is written, saved with the case in one go. */
static void test_group_sheet(void **state)
{
	fixture *t = *state;
	char err[256];
	const lf_form_def *form = lf_form_get("registration", err, sizeof err);
	assert_non_null(form);
	lf_form_issue issues[16];
	size_t n_issues;
	lf_saved_case out;
	lf_store_err e;
	lf_user zhang = as(t->st, "zhang");
	int cases = n_cases(t->st);

	/* A representative with a wrong check digit: refused on that field. */
	char **v = sheet(form, NULL);
	set_field(form, v, "visit_kind", "集体访");
	set_field(form, v, "headcount", "7");
	set_field(form, v, "rep2_name", "王建国");
	set_field(form, v, "rep2_id", "320102196803120031");
	set_field(form, v, "rep3_name", "张三丰");
	set_field(form, v, "rep3_id", "110105198001010017");
	set_field(form, v, "phone_more", "13900001111 010-12345678");
	set_field(form, v, "wait", "是");
	assert_int_equal(lf_registration_save_as(t->st, &zhang, form, v, LF_IDENTITY_KEEP, issues, 16, &n_issues, &out,
	                                         &e), 1);
	assert_int_equal(issues[0].field, (size_t)lf_form_find(form, "rep3_id"));
	assert_non_null(strstr(issues[0].message, "代表3身份证号码"));
	assert_int_equal(n_cases(t->st), cases);

	/* Representatives on a 个体访 sheet, or a headcount under them: refused. */
	set_field(form, v, "rep3_id", "110105198001010016");
	set_field(form, v, "visit_kind", "个体访");
	assert_int_equal(lf_registration_save_as(t->st, &zhang, form, v, LF_IDENTITY_KEEP, issues, 16, &n_issues, &out,
	                                         &e), 1);
	assert_int_equal(issues[0].field, (size_t)lf_form_find(form, "rep2_name"));
	set_field(form, v, "visit_kind", "集体访");
	set_field(form, v, "headcount", "2");
	assert_int_equal(lf_registration_save_as(t->st, &zhang, form, v, LF_IDENTITY_KEEP, issues, 16, &n_issues, &out,
	                                         &e), 1);
	assert_int_equal(issues[0].field, (size_t)lf_form_find(form, "headcount"));
	/* The visitor again as a representative: refused. */
	set_field(form, v, "headcount", "7");
	set_field(form, v, "rep3_id", ID_NUMBER);
	assert_int_equal(lf_registration_save_as(t->st, &zhang, form, v, LF_IDENTITY_KEEP, issues, 16, &n_issues, &out,
	                                         &e), 1);
	assert_int_equal(issues[0].field, (size_t)lf_form_find(form, "rep3_id"));
	assert_int_equal(n_cases(t->st), cases);

	/* Corrected: saved, with everything the sheet said. */
	set_field(form, v, "rep3_id", "110105198001010016");
	assert_int_equal(lf_registration_save_as(t->st, &zhang, form, v, LF_IDENTITY_KEEP, issues, 16, &n_issues, &out,
	                                         &e), 0);
	free_sheet(form, v);
	lf_case c;
	assert_int_equal(lf_store_get_case(t->st, out.case_id, &c), LF_STORE_OK);
	assert_string_equal(lf_case_field(&c, "visit_kind"), "集体访");
	assert_string_equal(lf_case_field(&c, "headcount"), "7");
	assert_string_equal(lf_case_field(&c, "rep2_name"), "王建国");
	assert_string_equal(lf_case_field(&c, "rep3_id"), "110105198001010016");
	assert_null(lf_case_field(&c, "rep4_name"));
	assert_string_equal(lf_case_field(&c, "phone_more"), "13900001111、010-12345678");
	lf_case_free(&c);
	/* The second number is searchable by its tail; the visitor waits. */
	assert_int_equal(count_sql(t->db, "SELECT count(*) FROM search_key WHERE key LIKE 'p87654321010%'"), 1);
	assert_int_equal(count_sql(t->db, "SELECT count(*) FROM search_key WHERE key LIKE 'p11110000931%'"), 1);
	assert_int_equal(count_sql(t->db, "SELECT count(*) FROM case_file WHERE visit_state = 'waiting'"), 1);
	assert_int_equal(count_sql(t->db, "SELECT count(*) FROM visitor WHERE phone_more = '13900001111、010-12345678'"),
	                 1);
	lf_user_free(&zhang);
}

int main(void)
{
	test_clock_day("2026-11-23");
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_instruct, setup, teardown),
		cmocka_unit_test_setup_teardown(test_instruct_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_register, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_sheet, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
