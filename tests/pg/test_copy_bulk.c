/* db copy to PostgreSQL by COPY (issue 16): an office on its SQLite file
 * whose texts hold what COPY's text format must escape (backslashes, a
 * literal \N and \., tabs, newlines, CR), quotes, odd Unicode and NULLs,
 * and whose audit entries hold packed rows (bytea on PostgreSQL), copied
 * to an empty database: every text and every packed row arrives as it
 * was, the copy checks with the same office key, and a text search and a
 * number search find the same cases on both sides. A copy that fails
 * half-way (the destination refuses a row of the fourth table) leaves the
 * destination as empty as it was, and a copy into a database that holds
 * an office is refused and changes nothing. LAIFANG_PG_URL names an empty
 * database of a throwaway cluster (tests/pg/unit.sh). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "laifang/store.h"
#include "laifang/store_audit.h"
#include "laifang/store_copy.h"
#include "laifang/store_people.h"
#include "laifang/store_search.h"
#include "pg_fixture.h"

static char dir[] = "/tmp/laifang-copy-bulk.XXXXXX";
static char file[sizeof dir + 16];

static void problem(const char *line, void *ud)
{
	(void)ud;
	print_error("problem: %s\n", line);
}

static long long pg_count(const char *sql)
{
	sql_db *db = pg_connect();
	long long v = pg_first(db, sql);
	sql_close(db);
	return v;
}

static void pg_exec(const char *sql)
{
	sql_db *db = pg_connect();
	if (sql_exec(db, sql) != SQL_OK)
		fail_msg("%s: %s", sql, sql_errmsg(db));
	sql_close(db);
}

/* Every value of a query's first column, NULL as "<null>", each ended by
 * "\x1f" (the texts never hold it): malloc'd. */
typedef struct text {
	char *s;
	size_t len;
} text;

static void add(text *t, const char *v, size_t n)
{
	t->s = realloc(t->s, t->len + n + 2);
	assert_non_null(t->s);
	memcpy(t->s + t->len, v, n);
	t->len += n;
	t->s[t->len++] = '\x1f';
	t->s[t->len] = '\0';
}

static char *lite_values(const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	text t = {0};
	add(&t, "", 0);
	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(s, 0);
		if (v)
			add(&t, v, (size_t)sqlite3_column_bytes(s, 0));
		else
			add(&t, "<null>", 6);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return t.s;
}

static char *pg_values(const char *sql)
{
	sql_db *db = pg_connect();
	sql_stmt *s = NULL;
	text t = {0};
	add(&t, "", 0);
	if (sql_prepare_v2(db, sql, -1, &s, NULL) != SQL_OK)
		fail_msg("%s: %s", sql, sql_errmsg(db));
	while (sql_step(s) == SQL_ROW) {
		const char *v = (const char *)sql_column_text(s, 0);
		if (v)
			add(&t, v, (size_t)sql_column_bytes(s, 0));
		else
			add(&t, "<null>", 6);
	}
	sql_finalize(s);
	sql_close(db);
	return t.s;
}

static void same(const char *lite_sql, const char *pg_sql)
{
	char *a = lite_values(lite_sql), *b = pg_values(pg_sql ? pg_sql : lite_sql);
	assert_true(strlen(a) > 1);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* The case numbers a search finds, in their own order (the two backends
 * rank alike but not the same: bm25 and ts_rank), joined. */
typedef struct hits {
	char no[16][16];
	int n;
} hits;

static int hit(const lf_search_row *r, void *ud)
{
	hits *h = ud;
	if (h->n < 16)
		snprintf(h->no[h->n++], sizeof h->no[0], "%s", r->case_no);
	return 0;
}

static int by_no(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void search(lf_store *st, const lf_search_query *q, char *out, size_t len)
{
	hits h = {0};
	if (lf_store_search(st, q, hit, &h) != LF_STORE_OK)
		fail_msg("search: %s", lf_store_errmsg(st));
	qsort(h.no, (size_t)h.n, sizeof h.no[0], by_no);
	out[0] = '\0';
	for (int i = 0; i < h.n; i++)
		snprintf(out + strlen(out), len - strlen(out), "%s ", h.no[i]);
}

static const char *const contents[] = {
	"反映拆迁补偿款\\未到位\t第二段\n第二行\r\n\"引号\" '单引号' \\N \\. 末尾\\",
	"𠀀𪚥 😀 e\xcc\x81 \xe2\x80\xa8 \xe2\x80\xae右向左\xe2\x80\xac \x1b[0m 城中村拆迁安置",
	"拖欠工资\t三个月\\n（不是换行）",
	"\\",
};
static const char *const names[] = {"张\\三", "O'Brien \"李\"", "王\t五", "赵\r\n六"};
static const char *const addresses[] = {NULL, "广州市\\越秀区\n府前路1号", "", "\t"};
static const char *const phones[] = {"13812345678", NULL, "020-12345678", "13912345678"};
static const char *const ids[] = {"440104198501011234", "44010419850101123X", "110101199003074518",
                                  "110101199003070011"};

static lf_store *office(void)
{
	char msg[512];
	lf_store *st = lf_store_open(file, NULL, msg, sizeof msg);
	if (!st)
		fail_msg("open: %s", msg);
	return st;
}

static void test_copy_bulk(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof file, "%s/office.db", dir);
	lf_store *from = office();
	char admin[37];
	assert_int_equal(lf_store_user_add(from, "admin", "管理员", NULL, NULL, 1u << 5, "$argon2id$x", admin), LF_STORE_OK);
	lf_store_set_actor(from, admin, "admin");
	for (int i = 0; i < 4; i++) {
		lf_registration r = {
			.receptionist = "admin", .received_on = "2026-11-23", .name = names[i], .sex = "男",
			.phone = phones[i], .id_number = ids[i], .address = addresses[i], .content = contents[i],
		};
		lf_saved_case c;
		if (lf_store_save_registration(from, &r, &c) != LF_STORE_OK)
			fail_msg("save: %s", lf_store_errmsg(from));
	}
	assert_int_equal(lf_store_setting_set(from, "lockout_failures", "5"), LF_STORE_OK);
	assert_int_equal(lf_store_check(from, problem, NULL), 0);

	/* Half-way: the destination refuses the visitors' rows of the sheets. */
	char msg[512];
	lf_store_err e;
	lf_store *to = lf_store_open_copy_target(pg_url(), &e, msg, sizeof msg);
	if (!to)
		fail_msg("target: %s", msg);
	long long before = pg_count("SELECT count(*) FROM main.setting");
	pg_exec("ALTER TABLE main.case_visitor ADD CONSTRAINT lf_test_refuse CHECK (name NOT LIKE '%三%')");
	long long rows = 0;
	assert_int_not_equal(lf_store_copy(from, to, &rows), LF_STORE_OK);
	assert_true(rows > 0); /* the earlier tables were sent */
	assert_non_null(strstr(lf_store_errmsg(to), "lf_test_refuse"));
	lf_store_close(to);
	pg_exec("ALTER TABLE main.case_visitor DROP CONSTRAINT lf_test_refuse");
	assert_int_equal(pg_count("SELECT (SELECT count(*) FROM main.case_file) + (SELECT count(*) FROM main.visitor) + "
	                          "(SELECT count(*) FROM main.audit_log) + (SELECT count(*) FROM main.app_user) + "
	                          "(SELECT count(*) FROM main.case_search) + (SELECT count(*) FROM main.search_key) + "
	                          "(SELECT count(*) FROM main.audit_seal)"),
	                 0);
	assert_int_equal(pg_count("SELECT count(*) FROM main.setting"), before);

	/* The whole copy. */
	to = lf_store_open_copy_target(pg_url(), &e, msg, sizeof msg);
	if (!to)
		fail_msg("target: %s", msg);
	if (lf_store_copy(from, to, &rows) != LF_STORE_OK)
		fail_msg("copy: %s", lf_store_errmsg(to));
	lf_store_close(to);
	to = lf_store_open(pg_url(), &e, msg, sizeof msg);
	if (!to)
		fail_msg("open: %s", msg);
	assert_int_equal(lf_store_check(to, problem, NULL), 0);

	/* Every text as it was, every packed row byte for byte. */
	same("SELECT content FROM main.case_file ORDER BY seq_id", NULL);
	same("SELECT name FROM main.case_visitor ORDER BY case_id, position", NULL);
	same("SELECT address FROM main.case_visitor ORDER BY case_id, position", NULL);
	same("SELECT phone FROM main.case_visitor ORDER BY case_id, position", NULL);
	same("SELECT name FROM main.visitor ORDER BY id", NULL);
	same("SELECT lower(hex(rows)) FROM main.audit_log ORDER BY seq",
	     "SELECT encode(rows, 'hex') FROM main.audit_log ORDER BY seq");
	assert_int_equal(pg_count("SELECT count(*) FROM main.audit_log WHERE rows IS NOT NULL AND get_byte(rows, 0) = 1"),
	                 pg_count("SELECT count(*) FROM main.audit_log WHERE rows IS NOT NULL"));
	assert_true(pg_count("SELECT count(*) FROM main.audit_log WHERE rows IS NOT NULL") >= 4);
	assert_int_equal(pg_count("SELECT count(*) FROM main.case_search"), 4);

	/* The same cases found on both sides. */
	const char *words[] = {"拆迁", "工资", "张\\三", "右向左"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		lf_search_query q = {.kind = LF_SEARCH_TEXT, .terms = {words[i]}, .n_terms = 1, .limit = 50};
		char a[512], b[512];
		search(from, &q, a, sizeof a);
		search(to, &q, b, sizeof b);
		assert_string_equal(a, b);
		if (i == 0)
			assert_string_equal(a, "2026-000001 2026-000002 ");
	}
	lf_search_query qn = {.kind = LF_SEARCH_NUMBER, .number = "5678", .phone = true, .id = true, .limit = 50};
	char a[512], b[512];
	search(from, &qn, a, sizeof a);
	search(to, &qn, b, sizeof b);
	assert_string_equal(a, b);
	assert_true(strlen(a) > 0);
	lf_search_query qx = {.kind = LF_SEARCH_NUMBER, .number = "123X", .id = true, .limit = 50};
	search(from, &qx, a, sizeof a);
	search(to, &qx, b, sizeof b);
	assert_string_equal(a, b);
	assert_string_equal(a, "2026-000002 ");

	/* The desk goes on at the destination: a new case numbered after. */
	lf_store_set_actor(to, admin, "admin");
	lf_registration r = {.receptionist = "admin", .received_on = "2026-11-24", .name = "新来人", .sex = "女",
	                     .id_number = "110101199003071111", .content = "拆迁"};
	lf_saved_case c;
	if (lf_store_save_registration(to, &r, &c) != LF_STORE_OK)
		fail_msg("save: %s", lf_store_errmsg(to));
	assert_string_equal(c.case_no, "2026-000005");
	assert_int_equal(lf_store_check(to, problem, NULL), 0);
	lf_store_close(to);

	/* A second copy into a database that holds the office: refused, nothing changed. */
	long long cases = pg_count("SELECT count(*) FROM main.case_file"),
	          entries = pg_count("SELECT count(*) FROM main.audit_log");
	to = lf_store_open_copy_target(pg_url(), &e, msg, sizeof msg);
	if (to) {
		assert_int_equal(lf_store_copy(from, to, &rows), LF_STORE_CONFLICT);
		lf_store_close(to);
	}
	assert_int_equal(pg_count("SELECT count(*) FROM main.case_file"), cases);
	assert_int_equal(pg_count("SELECT count(*) FROM main.audit_log"), entries);
	lf_store_close(from);
	lf_store_copy_discard(file);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copy_bulk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
