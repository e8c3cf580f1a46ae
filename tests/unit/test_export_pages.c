/* The whole-office export read a page of case numbers at a time (issue 16:
 * it held every number of the office, 36 MB at 1M cases): across page
 * boundaries (one full page, one more case, a third page) every case comes
 * once, in case-number order, as lf_store_each_case lists them; a reader
 * who may read only some cases gets those, whichever page they fall in;
 * and lf_store_each_case_after pages by number, refusing a bad one. */
#include "caseflow_fixture.h"

#include "laifang/cli.h"
#include "laifang/csv.h"
#include "laifang/store_access.h"

enum { PAGE = 1000 }; /* EXPORT_PAGE of src/office/ledger.c */

static void save_cases(fixture *t, int n, int from)
{
	lf_user clerk = as(t->st, "zhang");
	for (int i = 0; i < n; i++) {
		char content[64];
		snprintf(content, sizeof content, "第%d件：反映工资问题", from + i);
		lf_registration r = {.receptionist = "张三", .received_on = "2026-11-23", .name = "李四", .sex = "男",
		                     .phone = "13812345678", .id_number = ID_NUMBER, .content = content};
		lf_saved_case c;
		if (lf_store_save_registration(t->st, &r, &c) != LF_STORE_OK)
			fail_msg("save %d: %s", i, lf_store_errmsg(t->st));
	}
	lf_user_free(&clerk);
}

typedef struct numbers {
	char *s;
	size_t len, cap;
	int n;
} numbers;

static void add(numbers *v, const char *no)
{
	size_t k = strlen(no) + 2;
	if (v->len + k >= v->cap) {
		v->cap = (v->cap + k) * 2;
		v->s = realloc(v->s, v->cap);
		assert_non_null(v->s);
	}
	v->len += (size_t)snprintf(v->s + v->len, v->cap - v->len, "%s ", no);
	v->n++;
}

static int listed(const lf_case *c, void *ud)
{
	add(ud, c->case_no);
	return 0;
}

/* The case numbers of the whole-office CSV export, as login. */
static void exported(fixture *t, const char *login, numbers *out)
{
	char *buf = NULL, *ebuf = NULL;
	size_t len = 0, elen = 0;
	FILE *f = open_memstream(&buf, &len), *e = open_memstream(&ebuf, &elen);
	lf_user u = as(t->st, login);
	lf_cli_export_opts o = {.format = "csv"};
	int rc = lf_cli_export_opts_run(t->st, &u, &o, f, e);
	lf_user_free(&u);
	fclose(f);
	fclose(e);
	if (rc != 0)
		fail_msg("export: %s", ebuf ? ebuf : "");
	lf_csv_reader *r = lf_csv_reader_new(buf, len);
	lf_csv_record rec;
	size_t col = 0;
	bool head = true;
	memset(out, 0, sizeof *out);
	while (lf_csv_read(r, &rec) == 1) {
		if (head) {
			for (size_t i = 0; i < rec.n; i++)
				if (!strcmp(rec.fields[i], "案件编号"))
					col = i;
			head = false;
			continue;
		}
		add(out, rec.fields[col]);
	}
	lf_csv_reader_free(r);
	free(buf);
	free(ebuf);
}

static void same_as_listed(fixture *t, int want)
{
	numbers all = {0}, got;
	lf_store_set_reader(t->st, NULL);
	assert_int_equal(lf_store_each_case(t->st, listed, &all), LF_STORE_OK);
	assert_int_equal(all.n, want);
	exported(t, "admin", &got);
	assert_int_equal(got.n, want);
	assert_string_equal(got.s, all.s);
	free(all.s);
	free(got.s);
}

static void test_whole_office_by_pages(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	save_cases(t, PAGE, 0);
	same_as_listed(t, PAGE); /* one full page, then an empty one */
	save_cases(t, 1, PAGE);
	same_as_listed(t, PAGE + 1);
	save_cases(t, PAGE, PAGE + 1);
	same_as_listed(t, 2 * PAGE + 1);
	/* The first case and the last one, numbered in order. */
	numbers got;
	exported(t, "admin", &got);
	assert_memory_equal(got.s, "2026-000001 ", 12);
	assert_non_null(strstr(got.s, "2026-002001 "));
	free(got.s);
}

/* Pages of the store's own call: after a number, the next ones; a limit;
 * the reader's filter inside each page; a bad number refused. */
static void test_each_case_after(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	save_cases(t, 5, 0);
	lf_store_set_reader(t->st, NULL);
	numbers v = {0};
	assert_int_equal(lf_store_each_case_after(t->st, "2026-000002", 2, listed, &v), LF_STORE_OK);
	assert_string_equal(v.s, "2026-000003 2026-000004 ");
	free(v.s);
	v = (numbers){0};
	assert_int_equal(lf_store_each_case_after(t->st, "", 10, listed, &v), LF_STORE_OK);
	assert_int_equal(v.n, 5);
	free(v.s);
	v = (numbers){0};
	assert_int_equal(lf_store_each_case_after(t->st, "2025-999999", 10, listed, &v), LF_STORE_OK);
	assert_int_equal(v.n, 5); /* an earlier year: all of this one */
	free(v.s);
	v = (numbers){0};
	assert_int_equal(lf_store_each_case_after(t->st, "2026-000005", 10, listed, &v), LF_STORE_OK);
	assert_int_equal(v.n, 0);
	assert_int_equal(lf_store_each_case_after(t->st, "不是编号", 10, listed, &v), LF_STORE_INVALID);
	/* a reader who may read none of them (a handler of another unit) */
	lf_case_reader r = {.visits = false};
	snprintf(r.user_id, sizeof r.user_id, "%s", "nobody");
	lf_store_set_reader(t->st, &r);
	v = (numbers){0};
	assert_int_equal(lf_store_each_case_after(t->st, "", 10, listed, &v), LF_STORE_OK);
	assert_int_equal(v.n, 0);
	lf_store_set_reader(t->st, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_whole_office_by_pages, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_each_case_after, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
