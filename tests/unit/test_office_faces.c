/* The office calls the CLI and the paper code make instead of the store
 * (issue 14): an import is all or nothing; a face's batch is one
 * transaction the office opens; a case's file exported, and its audit
 * trail, only for those who may export it; the category list; the training
 * day; the log's head and check without a login. */
#include "caseflow_fixture.h"

#include "laifang/audit.h"
#include "laifang/case_read.h"
#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/settings.h"
#include "laifang/stats.h"

/* A row of the registration form, as the import reads it. */
static char **row(const lf_form_def *form, const char *name, const char *id, const char *content)
{
	char **v = calloc(form->n_fields, sizeof *v);
	char day[LF_DATE_LEN];
	lf_date_format(lf_date_today(), day);
	const char *const fill[][2] = {
		{"received_on", day}, {"name", name}, {"sex", "女"}, {"phone", "13812345678"}, {"id_number", id},
		{"content", content},
	};
	for (size_t i = 0; i < sizeof fill / sizeof *fill; i++) {
		int k = lf_form_find(form, fill[i][0]);
		assert_true(k >= 0);
		v[k] = strdup(fill[i][1]);
	}
	return v;
}

static void row_free(const lf_form_def *form, char **v)
{
	for (size_t i = 0; i < form->n_fields; i++)
		free(v[i]);
	free(v);
}

static long long n_cases(const fixture *t)
{
	return sf_raw(t->db, "SELECT count(*) FROM case_file", NULL, 0);
}

static void test_save_all(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	char err[256];
	const lf_form_def *form = lf_form_get("registration", err, sizeof err);
	assert_non_null(form);
	lf_user clerk = as(t->st, "zhang");
	char **rows[2] = {row(form, "李一", ID_NUMBER, "工厂噪音扰民"), row(form, "王二", "123", "拆迁补偿")};
	lf_form_issue issues[16];
	size_t n_issues = 0, bad = 0;
	lf_saved_case first, last;
	lf_store_err e;
	/* The second row is refused: the first is not kept either. */
	assert_int_equal(lf_registration_save_all(t->st, &clerk, form, rows, 2, issues, 16, &n_issues, &bad, &first,
	                                          &last, &e),
	                 1);
	assert_int_equal(bad, 1);
	assert_true(n_issues >= 1);
	assert_int_equal(n_cases(t), 0);
	row_free(form, rows[1]);
	rows[1] = row(form, "王二", "110105198102020029", "拆迁补偿");
	assert_int_equal(lf_registration_save_all(t->st, &clerk, form, rows, 2, issues, 16, &n_issues, &bad, &first,
	                                          &last, &e),
	                 0);
	assert_int_equal(n_cases(t), 2);
	assert_string_not_equal(first.case_no, last.case_no);
	/* Someone who may not register saves nothing. */
	lf_user wu = as(t->st, "wu");
	assert_int_equal(lf_registration_save_all(t->st, &wu, form, rows, 2, issues, 16, &n_issues, &bad, &first,
	                                          &last, &e),
	                 -1);
	assert_int_equal(bad, 0);
	assert_int_equal(e, LF_STORE_DENIED);
	assert_int_equal(n_cases(t), 2);
	row_free(form, rows[0]);
	row_free(form, rows[1]);
	lf_user_free(&wu);
	lf_user_free(&clerk);
}

typedef struct unit_work {
	const lf_user *admin;
	const char *name;
	int result;
} unit_work;

static int add_category(lf_store *st, void *ud)
{
	unit_work *w = ud;
	char msg[512];
	assert_int_equal(lf_category_add(st, w->admin, w->name, msg, sizeof msg), LF_STORE_OK);
	return w->result;
}

static int count_category(const lf_category *c, void *ud)
{
	(void)c;
	++*(int *)ud;
	return 0;
}

static void test_all_or_nothing(void **state)
{
	fixture *t = *state;
	lf_user admin = as(t->st, "admin");
	lf_store_err e;
	int n = 0;
	/* Refused work (a later line said no): the category is gone again. */
	unit_work w = {&admin, "甲类", 3};
	assert_int_equal(lf_office_all_or_nothing(t->st, add_category, &w, &e), 3);
	assert_int_equal(e, LF_STORE_OK);
	assert_int_equal(lf_category_list(t->st, &admin, count_category, &n), LF_STORE_OK);
	assert_int_equal(n, 0);
	w.result = 0;
	assert_int_equal(lf_office_all_or_nothing(t->st, add_category, &w, &e), 0);
	n = 0;
	assert_int_equal(lf_category_list(t->st, &admin, count_category, &n), LF_STORE_OK);
	assert_int_equal(n, 1);
	lf_user_free(&admin);
}

static int count_entries(const lf_audit_entry *a, void *ud)
{
	(void)a;
	++*(int *)ud;
	return 0;
}

static int count_day(const char *day, void *ud)
{
	(void)day;
	++*(int *)ud;
	return 0;
}

static void count_problem(const char *problem, void *ud)
{
	(void)problem;
	++*(int *)ud;
}

static void test_case_export(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	lf_saved_case c = register_case(t->st, "李一", "工厂噪音扰民");
	lf_user wu = as(t->st, "wu"), zhang = as(t->st, "zhang");
	char msg[512];
	int n = 0, before = n_audit(t->st);
	lf_audit_filter f = {.record = c.case_id, .limit = 100};
	/* A clerk may not export: neither the trail nor an entry. */
	assert_int_equal(lf_audit_read_case(t->st, &zhang, &f, count_entries, &n, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(n, 0);
	assert_int_equal(lf_audit_case_exported(t->st, &zhang, c.case_id, c.case_no, 1, NULL, msg, sizeof msg),
	                 LF_STORE_DENIED);
	assert_int_equal(n_audit(t->st), before);
	/* No case named is never the whole log. */
	lf_audit_filter all = {.limit = 100};
	assert_int_not_equal(lf_audit_read_case(t->st, &wu, &all, count_entries, &n, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(lf_audit_read_case(t->st, &wu, &f, count_entries, &n, msg, sizeof msg), LF_STORE_OK);
	assert_true(n >= 1);
	assert_int_equal(lf_audit_case_exported(t->st, &wu, c.case_id, c.case_no, 1, "/tmp/x.json", msg, sizeof msg),
	                 LF_STORE_OK);
	assert_int_equal(n_audit(t->st), before + 1);
	char detail[512];
	sf_raw(t->db, "SELECT changes FROM audit_log WHERE action = 'export' ORDER BY seq DESC LIMIT 1", detail,
	       sizeof detail);
	assert_non_null(strstr(detail, "\"file\":\"/tmp/x.json\""));
	assert_non_null(strstr(detail, c.case_no));
	/* The days of its reception logs: none yet. */
	int days = 0;
	assert_int_equal(lf_case_read_log_days(t->st, c.case_id, count_day, &days), LF_STORE_OK);
	assert_int_equal(days, 0);
	lf_user_free(&wu);
	lf_user_free(&zhang);
}

/* Issue 16: a bulk load is one transaction with an entry per case (each
 * case's rows sealed by its own entry), the route clock of every case
 * written through the statements kept across rows, and the planner's
 * statistics taken again after it (sqlite_stat1 counts the new rows). */
#define BULK_ROWS 1000
typedef struct named_problem {
	const char *what;
	bool named;
} named_problem;

static void name_problem(const char *problem, void *ud)
{
	named_problem *np = ud;
	np->named = np->named || strstr(problem, np->what);
}

static void test_bulk_load(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	char err[256];
	const lf_form_def *form = lf_form_get("registration", err, sizeof err);
	assert_non_null(form);
	lf_user clerk = as(t->st, "zhang");
	char ***rows = calloc(BULK_ROWS, sizeof *rows);
	assert_non_null(rows);
	for (int i = 0; i < BULK_ROWS; i++) {
		char body[18], id[19], name[16];
		/* 17th digit even: a woman, as row() says */
		snprintf(body, sizeof body, "11010519800%03u%03u", (unsigned)(101 + i / 500) % 1000u, (unsigned)(i % 500) * 2u % 1000u);
		snprintf(id, sizeof id, "%s%c", body, lf_id_check_digit(body));
		snprintf(name, sizeof name, "王%d", i);
		rows[i] = row(form, name, id, "拆迁补偿");
	}
	lf_form_issue issues[16];
	size_t n_issues = 0, bad = 0;
	lf_saved_case first, last;
	lf_store_err e;
	long long entries = sf_raw(t->db, "SELECT count(*) FROM audit_log", NULL, 0);
	assert_int_equal(lf_registration_save_all(t->st, &clerk, form, rows, BULK_ROWS, issues, 16, &n_issues, &bad,
	                                          &first, &last, &e),
	                 0);
	assert_int_equal(n_cases(t), BULK_ROWS);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM audit_log WHERE action = 'case.register'", NULL, 0),
	                 BULK_ROWS);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM audit_log", NULL, 0), entries + BULK_ROWS);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM case_clock WHERE rule = 'route' AND state = 'running' "
	                               "AND due_on = (SELECT due_on FROM case_file WHERE id = case_id)",
	                        NULL, 0),
	                 BULK_ROWS);
	char stat[64] = "";
	sf_raw(t->db, "SELECT stat FROM sqlite_stat1 WHERE idx = 'sqlite_autoindex_visitor_1'", stat, sizeof stat);
	assert_int_equal(atoi(stat), BULK_ROWS);
	/* The log checks: every row written is covered by an entry. */
	long long seq = 0;
	char hash[65] = "";
	int problems = 0;
	assert_int_equal(lf_audit_head(t->st, &seq, hash), LF_STORE_OK);
	assert_int_equal(lf_audit_check(t->st, seq, hash, count_problem, &problems), 0);
	assert_int_equal(problems, 0);
	/* One imported case changed behind laifang's back: check names it. */
	char sql[160];
	snprintf(sql, sizeof sql, "UPDATE case_file SET content = '改过' WHERE case_no = '%s'", last.case_no);
	sf_raw(t->db, sql, NULL, 0);
	named_problem np = {.what = last.case_no};
	assert_true(lf_audit_check(t->st, seq, hash, name_problem, &np) > 0);
	assert_true(np.named);
	for (int i = 0; i < BULK_ROWS; i++)
		row_free(form, rows[i]);
	free(rows);
	lf_user_free(&clerk);
}

static void test_head_and_training(void **state)
{
	fixture *t = *state;
	long long seq = 0;
	char hash[65] = "";
	assert_int_equal(lf_audit_head(t->st, &seq, hash), LF_STORE_OK);
	assert_true(seq > 0);
	assert_int_equal(strlen(hash), 64);
	/* The head just read checks; a head the log never had does not. */
	int problems = 0;
	assert_int_equal(lf_audit_check(t->st, seq, hash, count_problem, &problems), 0);
	assert_int_equal(problems, 0);
	char other[65];
	memset(other, 'a', 64);
	other[64] = '\0';
	assert_true(lf_audit_check(t->st, seq, other, count_problem, &problems) > 0);
	assert_true(problems > 0);
	char path[4096];
	assert_int_equal(lf_audit_seal_state(t->st, path, sizeof path), LF_SEAL_OK);
	assert_false(lf_audit_key_by_setting(t->st));
	char day[32];
	assert_false(lf_training_day(t->st, day, sizeof day));
	assert_string_equal(day, "");
	assert_int_equal(lf_training_day_set(t->st, "2026-03-02"), LF_STORE_OK);
	assert_true(lf_training_day(t->st, day, sizeof day));
	assert_string_equal(day, "2026-03-02");
}

int main(void)
{
	setenv("LANGUAGE", "en", 1);
	lf_i18n_init("en");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_save_all, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_all_or_nothing, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_case_export, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_head_and_training, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_bulk_load, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
