/* Query codes (查询码, issues 13 and 15): the form and alphabet of a code,
 * one minted with every registration and never twice the same, never
 * changed; the lookup a clerk makes for a caller shows the public facts
 * only, a wrong code says nothing, every lookup is audited, and a login
 * that types too many wrong codes is refused for a while; a case older
 * than query codes gets one on its first receipt, an archived one none. */
#include "caseflow_fixture.h"

#include <sodium.h>

#include "laifang/paper.h"
#include "laifang/query.h"
#include "laifang/query_code.h"
#include "laifang/store_query.h"
#include "pdf_text.h"

#define NAME "李查询"
#define CONTENT "反映小区物业乱收费问题，编号QC77。"

static void test_alphabet(void **state)
{
	(void)state;
	const char *a = lf_query_code_alphabet;
	assert_int_equal(strlen(a), 32);
	for (size_t i = 0; i < 32; i++) {
		/* Nothing that reads as another: no 0, O, 1 or I; upper case only. */
		assert_null(strchr("0O1I", a[i]));
		assert_true((a[i] >= '2' && a[i] <= '9') || (a[i] >= 'A' && a[i] <= 'Z'));
		assert_null(strchr(a + i + 1, a[i])); /* each once */
	}
	/* Every byte value gives a character of the alphabet; all 32 appear. */
	int seen[32] = {0};
	for (int b = 0; b < 256; b++) {
		unsigned char rnd[LF_QUERY_CODE_CHARS];
		memset(rnd, b, sizeof rnd);
		char code[LF_QUERY_CODE_LEN];
		lf_query_code_from_bytes(rnd, code);
		assert_int_equal(strlen(code), LF_QUERY_CODE_CHARS);
		const char *p = strchr(a, code[0]);
		assert_non_null(p);
		seen[p - a]++;
	}
	for (int i = 0; i < 32; i++)
		assert_int_equal(seen[i], 8); /* uniform: 256 / 32 */
}

static void test_parse_and_show(void **state)
{
	(void)state;
	char code[LF_QUERY_CODE_LEN], shown[LF_QUERY_CODE_SHOWN];
	assert_true(lf_query_code_parse("7KQ3-M9XA", code));
	assert_string_equal(code, "7KQ3M9XA");
	assert_true(lf_query_code_parse(" 7kq3 m9xa ", code));
	assert_string_equal(code, "7KQ3M9XA");
	assert_true(lf_query_code_parse("7KQ3M9XA", code));
	lf_query_code_show(code, shown, sizeof shown);
	assert_string_equal(shown, "7KQ3-M9XA");
	/* Look-alikes, a wrong length, other characters: no code. */
	assert_false(lf_query_code_parse("7KQ3-M9X0", code));
	assert_false(lf_query_code_parse("7KQ3-M9XO", code));
	assert_false(lf_query_code_parse("7KQ3-M9X1", code));
	assert_false(lf_query_code_parse("7KQ3-M9XI", code));
	assert_string_equal(code, "");
	assert_false(lf_query_code_parse("7KQ3-M9X", code));
	assert_false(lf_query_code_parse("7KQ3-M9XAB", code));
	assert_false(lf_query_code_parse("7KQ3-M9X'", code));
	assert_false(lf_query_code_parse("查询码查询码查询", code));
	assert_false(lf_query_code_parse("", code));
	assert_false(lf_query_code_parse(NULL, code));
}

/* The code of a case as stored, read behind laifang's back. */
static void raw_code(fixture *t, const char *case_id, char out[LF_QUERY_CODE_LEN])
{
	char sql[160], buf[64];
	snprintf(sql, sizeof sql, "SELECT code FROM case_query_code WHERE case_id = '%s'", case_id);
	sf_raw(t->db, sql, buf, sizeof buf);
	snprintf(out, LF_QUERY_CODE_LEN, "%.8s", buf);
}

static void test_minted_with_registration(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	enum { N = 300 };
	static char codes[N][LF_QUERY_CODE_LEN];
	for (int i = 0; i < N; i++) {
		lf_saved_case c = register_case(t->st, NAME, CONTENT);
		/* The save hands the code back, and it is the one stored. */
		assert_int_equal(strlen(c.query_code), LF_QUERY_CODE_CHARS);
		raw_code(t, c.case_id, codes[i]);
		assert_string_equal(codes[i], c.query_code);
		for (int k = 0; k < LF_QUERY_CODE_CHARS; k++)
			assert_non_null(strchr(lf_query_code_alphabet, codes[i][k]));
	}
	for (int i = 0; i < N; i++)
		for (int j = i + 1; j < N; j++)
			assert_string_not_equal(codes[i], codes[j]);
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM case_query_code", NULL, 0), N);
	/* Random: the 2,400 characters use the whole alphabet. */
	int seen = 0;
	for (const char *a = lf_query_code_alphabet; *a; a++) {
		bool any = false;
		for (int i = 0; i < N && !any; i++)
			any = strchr(codes[i], *a) != NULL;
		seen += any;
	}
	assert_int_equal(seen, 32);
	/* Sealed with the registration: check finds nothing to say. */
	char problems[4096];
	assert_int_equal(sf_check(t->st, problems, sizeof problems), 0);
}

static void test_never_changes(void **state)
{
	fixture *t = *state;
	today("2026-11-23");
	lf_saved_case c = register_case(t->st, NAME, CONTENT);
	char sql[512];
	snprintf(sql, sizeof sql, "UPDATE case_query_code SET code = 'ZZZZZZZZ' WHERE case_id = '%s'", c.case_id);
	assert_int_not_equal(sf_exec(t->db, sql), SQLITE_OK);
	snprintf(sql, sizeof sql, "DELETE FROM case_query_code WHERE case_id = '%s'", c.case_id);
	assert_int_not_equal(sf_exec(t->db, sql), SQLITE_OK);
	char now[LF_QUERY_CODE_LEN];
	raw_code(t, c.case_id, now);
	assert_string_equal(now, c.query_code);
	/* Asking again gives the same code, minting nothing. */
	lf_user clerk = as(t->st, "zhang");
	char code[LF_QUERY_CODE_LEN], msg[256];
	int before = n_audit(t->st);
	assert_int_equal(lf_query_code_of(t->st, &clerk, c.case_no, true, code, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(code, c.query_code);
	assert_int_equal(n_audit(t->st), before);
	/* Edited behind laifang's back past the trigger: check names the row. */
	snprintf(sql, sizeof sql,
	         "DROP TRIGGER case_query_code_update; "
	         "UPDATE case_query_code SET code = 'ZZZZZZZZ' WHERE case_id = '%s'; "
	         "CREATE TRIGGER case_query_code_update BEFORE UPDATE ON case_query_code BEGIN "
	         "SELECT RAISE(ABORT, 'laifang: a query code never changes'); END;",
	         c.case_id);
	assert_int_equal(sf_exec(t->db, sql), SQLITE_OK);
	char problems[4096], expect[128];
	assert_true(sf_check(t->st, problems, sizeof problems) >= 1);
	snprintf(expect, sizeof expect, "case_query_code %s", c.case_id);
	if (!strstr(problems, expect) || !strstr(problems, "changed outside laifang"))
		fail_msg("check did not name the code: %s", problems);
	lf_user_free(&clerk);
}

static bool holds(const void *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; k && i + k <= n; i++)
		if (!memcmp((const char *)hay + i, needle, k))
			return true;
	return false;
}

/* Every byte of the view: none of the case's personal words are in it. */
static void assert_no_personal(const lf_query_view *v)
{
	const char *words[] = {NAME, "13812345678", ID_NUMBER, "物业乱收费", "张三", "孙七", "钱九"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (holds(v, sizeof *v, words[i]))
			fail_msg("the view holds \"%s\"", words[i]);
}

static long long count_action(fixture *t, const char *action, const char *like)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE action = '%s' AND coalesce(changes, '') LIKE '%s'",
	         action, like);
	return sf_raw(t->db, sql, NULL, 0);
}

static void test_lookup(void **state)
{
	fixture *t = *state;
	char msg[512];
	today("2026-11-23");
	lf_saved_case c = register_case(t->st, NAME, CONTENT);
	/* The handler of another unit may not read the case, but answers a
	 * caller with the code: the code is the proof. */
	lf_user other = as(t->st, "qian");
	lf_query_view v;
	char shown[LF_QUERY_CODE_SHOWN];
	lf_query_code_show(c.query_code, shown, sizeof shown);
	assert_int_equal(lf_query_lookup(t->st, &other, shown, &v, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(v.case_no, c.case_no);
	assert_string_equal(v.received_on, "2026-11-23");
	assert_string_equal(v.status, "registered");
	assert_string_equal(v.step, "");
	assert_string_equal(v.unit, "");
	assert_string_equal(v.due_rule, "route");
	assert_string_equal(v.due_on, "2026-12-08");
	assert_no_personal(&v);
	/* Not the code itself in the log; the case it found. */
	char like[64];
	snprintf(like, sizeof like, "%%%s%%", c.case_no);
	assert_int_equal(count_action(t, "case.query", like), 1);
	snprintf(like, sizeof like, "%%%s%%", c.query_code);
	assert_int_equal(count_action(t, "case.query", like), 0);
	lf_user_free(&other);

	/* Accepted, then transferred: the state, the step and the unit in
	 * force; the handling clock, never the unit's own (object) one. */
	today("2026-11-24");
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	today("2026-11-25");
	lf_step_args to_peer = {.unit = U_PEER};
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_TRANSFER, &to_peer);
	lf_user clerk = as(t->st, "zhang");
	assert_int_equal(lf_query_lookup(t->st, &clerk, c.query_code, &v, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(v.status, "transferred");
	assert_string_equal(v.step, "transfer");
	assert_string_equal(v.step_on, "2026-11-25");
	assert_string_equal(v.unit, U_PEER);
	assert_string_equal(v.due_rule, "handle");
	assert_no_personal(&v);

	/* A wrong code, and text that is no code: "no case", nothing more,
	 * audited with what was typed. */
	char wrong[LF_QUERY_CODE_LEN];
	snprintf(wrong, sizeof wrong, "%s", c.query_code);
	wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
	assert_int_equal(lf_query_lookup(t->st, &clerk, wrong, &v, msg, sizeof msg), LF_STORE_NOTFOUND);
	assert_string_equal(msg, "no case has this query code");
	assert_string_equal(v.case_no, "");
	assert_int_equal(lf_query_lookup(t->st, &clerk, "' OR 1=1 --", &v, msg, sizeof msg), LF_STORE_NOTFOUND);
	assert_string_equal(msg, "no case has this query code");
	snprintf(like, sizeof like, "%%%s%%", wrong);
	assert_int_equal(count_action(t, "case.query.miss", like), 1);
	assert_int_equal(count_action(t, "case.query.miss", "%OR 1=1%"), 1);
	/* Nobody logged in: refused. */
	assert_int_equal(lf_query_lookup(t->st, NULL, c.query_code, &v, msg, sizeof msg), LF_STORE_DENIED);
	lf_user_free(&clerk);
	char problems[4096];
	assert_int_equal(sf_check(t->st, problems, sizeof problems), 0);
}

static void test_too_many_misses(void **state)
{
	fixture *t = *state;
	char msg[512];
	today("2026-11-23");
	lf_saved_case c = register_case(t->st, NAME, CONTENT);
	lf_user clerk = as(t->st, "zhang");
	lf_query_view v;
	for (int i = 0; i < LF_QUERY_MISS_LIMIT; i++)
		assert_int_equal(lf_query_lookup(t->st, &clerk, "2222-2222", &v, msg, sizeof msg), LF_STORE_NOTFOUND);
	/* The next lookup is refused, the right code too, and says why. */
	assert_int_equal(lf_query_lookup(t->st, &clerk, c.query_code, &v, msg, sizeof msg), LF_STORE_DENIED);
	assert_non_null(strstr(msg, "too many wrong query codes"));
	assert_string_equal(v.case_no, "");
	assert_int_equal(count_action(t, "case.query.limited", "%"), 1);
	/* Another login is not held back by the clerk's misses. */
	lf_user sup = as(t->st, "sun");
	assert_int_equal(lf_query_lookup(t->st, &sup, c.query_code, &v, msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&sup);
	/* The window passes: the clerk may look up again. */
	lf_clock_set_for_tests(lf_clock_now() + (LF_QUERY_WINDOW_MINUTES + 1) * 60);
	lf_user_free(&clerk);
	clerk = as(t->st, "zhang");
	assert_int_equal(lf_query_lookup(t->st, &clerk, c.query_code, &v, msg, sizeof msg), LF_STORE_OK);
	assert_string_equal(v.case_no, c.case_no);
	lf_user_free(&clerk);
}

static void test_older_cases(void **state)
{
	fixture *t = *state;
	char msg[512], sql[512], code[LF_QUERY_CODE_LEN];
	today("2026-11-23");
	lf_saved_case c = register_case(t->st, NAME, CONTENT);
	lf_saved_case d = register_case(t->st, NAME, CONTENT);
	/* As a case registered before schema 20 would be: no code row. */
	snprintf(sql, sizeof sql,
	         "DROP TRIGGER case_query_code_delete; DELETE FROM case_query_code WHERE case_id IN ('%s', '%s'); "
	         "UPDATE case_file SET status = 'archived' WHERE id = '%s';",
	         c.case_id, d.case_id, d.case_id);
	assert_int_equal(sf_exec(t->db, sql), SQLITE_OK);
	lf_user clerk = as(t->st, "zhang");
	/* Read only: none. */
	assert_int_equal(lf_query_code_of(t->st, &clerk, c.case_no, false, code, msg, sizeof msg), LF_STORE_NOTFOUND);
	assert_string_equal(code, "");
	/* The receipt mints one, audited without the code. */
	assert_int_equal(lf_query_code_of(t->st, &clerk, c.case_no, true, code, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(strlen(code), LF_QUERY_CODE_CHARS);
	assert_string_not_equal(code, c.query_code);
	char like[64];
	snprintf(like, sizeof like, "%%%s%%", c.case_no);
	assert_int_equal(count_action(t, "case.query_code", like), 1);
	snprintf(like, sizeof like, "%%%s%%", code);
	assert_int_equal(count_action(t, "case.query_code", like), 0);
	/* An archived case takes no new code (the archive lock). */
	lf_user wu = as(t->st, "wu");
	assert_int_equal(lf_query_code_of(t->st, &wu, d.case_no, true, code, msg, sizeof msg), LF_STORE_NOTFOUND);
	assert_non_null(strstr(msg, "archived"));
	assert_int_equal(sf_raw(t->db, "SELECT count(*) FROM case_query_code", NULL, 0), 1);
	/* Who may not read the case gets no code. */
	lf_user other = as(t->st, "qian");
	assert_int_equal(lf_query_code_of(t->st, &other, c.case_no, false, code, msg, sizeof msg), LF_STORE_DENIED);
	assert_string_equal(code, "");
	lf_user_free(&other);
	lf_user_free(&wu);
	lf_user_free(&clerk);
}

#define HAS(text, s) \
	do { \
		if (!strstr(text, s)) \
			fail_msg("expected \"%s\" in the PDF's text: %s", s, text); \
	} while (0)
#define LACKS(text, s) \
	do { \
		if (strstr(text, s)) \
			fail_msg("did not expect \"%s\" in the PDF's text: %s", s, text); \
	} while (0)

static void test_receipt_paper(void **state)
{
	fixture *t = *state;
	char path[192], err[512];
	snprintf(path, sizeof path, "%s/r.pdf", t->dir);
	/* Drawing alone: no office name set, a telephone and an address, both
	 * clocks (the second estimated). */
	lf_receipt r = {.case_no = "2026-000042", .query_code = "7KQ3M9XA", .received_on = "2026-11-23",
	                .printed_on = "2026-11-24", .phone = "020-83330000", .address = "某市某路1号",
	                .due = {{"route", "2026-12-08", false}, {"handle", "2027-01-23", true}}, .n_due = 2};
	assert_true(lf_paper_receipt_pdf(&r, path, err, sizeof err));
	char *text = pdf_text(path);
	HAS(text, "信访事项登记回执");
	HAS(text, "2026-000042");
	HAS(text, "7KQ3-M9XA");
	HAS(text, "2026年12月8日前");
	HAS(text, "第三十四条");
	HAS(text, "2027年1月23日（估算）前");
	HAS(text, "咨询电话020-83330000");
	HAS(text, "某市某路1号");
	LACKS(text, "信访办公室"); /* no office name: no line, no made-up one */
	free(text);
	char qr[96];
	lf_paper_receipt_qr_text("2026-000042", "7KQ3M9XA", qr, sizeof qr);
	assert_string_equal(qr, "CASE 2026-000042 CODE 7KQ3-M9XA");
	/* No code: no receipt. */
	r.query_code = NULL;
	assert_false(lf_paper_receipt_pdf(&r, path, err, sizeof err));

	/* Printed for a person: an accepted case tells of both clocks; who may
	 * not read the case gets no receipt and no file. */
	today("2026-11-23");
	lf_saved_case c = register_case(t->st, NAME, CONTENT);
	STEP_OK(t->st, "sun", c.case_id, LF_STEP_ACCEPT, NULL);
	lf_user clerk = as(t->st, "zhang");
	snprintf(path, sizeof path, "%s/case.pdf", t->dir);
	assert_int_equal(lf_paper_print_receipt(t->st, &clerk, c.case_no, path, err, sizeof err), LF_STORE_OK);
	text = pdf_text(path);
	char shown[LF_QUERY_CODE_SHOWN];
	lf_query_code_show(c.query_code, shown, sizeof shown);
	HAS(text, shown);
	HAS(text, "2026年12月8日前");  /* route: 15 days */
	HAS(text, "2027年1月22日"); /* handle: 60 days from 11-23, a Friday (estimated while 2027 is not published) */
	LACKS(text, NAME);
	LACKS(text, "物业乱收费");
	free(text);
	lf_user other = as(t->st, "qian");
	snprintf(path, sizeof path, "%s/no.pdf", t->dir);
	assert_int_equal(lf_paper_print_receipt(t->st, &other, c.case_no, path, err, sizeof err), LF_STORE_DENIED);
	assert_int_equal(access(path, F_OK), -1);
	lf_user_free(&other);
	lf_user_free(&clerk);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alphabet),
		cmocka_unit_test(test_parse_and_show),
		cmocka_unit_test_setup_teardown(test_minted_with_registration, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_never_changes, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_lookup, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_too_many_misses, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_older_cases, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_receipt_paper, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
