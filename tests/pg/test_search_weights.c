/* The search index's weights on PostgreSQL (db/pg/039): a case found by its
 * visitor's name ranks above one whose content only mentions the name, and
 * an address above the content, as on SQLite (bm25's weights). Until schema
 * 38 the terms had no positions and setweight did nothing, so ts_rank gave
 * every case the same score and the newest came first. An office written
 * then (its terms stripped of positions here, as array_to_tsvector built
 * them, and taken back to schema 38) is opened again: its terms are built
 * anew in the migrations' transaction, check finds them equal to a recount,
 * and the ranking holds. LAIFANG_PG_URL names a database of a throwaway
 * cluster (tests/pg/unit.sh). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/store.h"
#include "laifang/store_audit.h"
#include "laifang/store_people.h"
#include "laifang/store_search.h"
#include "pg_fixture.h"

static void problem(const char *line, void *ud)
{
	size_t n = strlen(ud);
	snprintf((char *)ud + n, 8192 - n, "%s\n", line);
}

static int check(lf_store *st, char p[8192])
{
	p[0] = '\0';
	return lf_store_check(st, problem, p);
}

/* sql on a connection of its own; the first column of the last row (-1: none). */
static long long raw(const char *sql)
{
	sql_db *db = pg_connect();
	sql_stmt *s = NULL;
	long long v = -1;
	if (strncmp(sql, "SELECT", 6)) {
		if (sql_exec(db, sql) != SQL_OK)
			fail_msg("%s: %s", sql, sql_errmsg(db));
	} else {
		if (sql_prepare_v2(db, sql, -1, &s, NULL) != SQL_OK)
			fail_msg("%s: %s", sql, sql_errmsg(db));
		while (sql_step(s) == SQL_ROW)
			v = sql_column_int64(s, 0);
		sql_finalize(s);
	}
	sql_close(db);
	return v;
}

static void save(lf_store *st, const char *name, const char *address, const char *content, const char *id)
{
	lf_registration r = {
		.receptionist = "王芳", .received_on = "2026-11-23", .name = name, .sex = "男",
		.phone = "13812345678", .id_number = id, .address = address, .content = content,
	};
	lf_saved_case c;
	if (lf_store_save_registration(st, &r, &c) != LF_STORE_OK)
		fail_msg("save: %s", lf_store_errmsg(st));
}

typedef struct hits {
	int n;
	char no[8][16];
} hits;

static int keep(const lf_search_row *r, void *ud)
{
	hits *h = ud;
	if (h->n < 8)
		snprintf(h->no[h->n++], sizeof h->no[0], "%s", r->case_no);
	return 0;
}

/* The case numbers word finds, best first, joined by spaces. */
static void found(lf_store *st, const char *word, char *out, size_t len)
{
	lf_search_query q = {.kind = LF_SEARCH_TEXT, .terms = {word}, .n_terms = 1};
	hits h = {0};
	assert_int_equal(lf_store_search(st, &q, keep, &h), LF_STORE_OK);
	out[0] = '\0';
	for (int i = 0; i < h.n; i++)
		snprintf(out + strlen(out), len - strlen(out), "%s%s", i ? " " : "", h.no[i]);
}

/* The name's case is registered first, so that without weights (the
 * newest first among equal scores) it would come last. */
static void expect_ranked(lf_store *st)
{
	char got[256];
	found(st, "王伟", got, sizeof got);
	assert_string_equal(got, "2026-000001 2026-000003");
	found(st, "越秀", got, sizeof got);
	assert_string_equal(got, "2026-000002 2026-000003");
}

static void test_weights(void **state)
{
	(void)state;
	lf_store *st = pg_open_store();
	char admin[37], p[8192];
	assert_int_equal(lf_store_user_add(st, "admin", "管理员", NULL, NULL, 1u << 5, "$argon2id$x", admin), LF_STORE_OK);
	lf_store_set_actor(st, admin, "admin");
	save(st, "王伟", "天河区体育西路2号", "反映噪音扰民", "440104198501011234");
	save(st, "李娜", "越秀区府前路1号", "反映拆迁补偿", "11010519491231002X");
	/* the content holds both words, and a quote and a backslash */
	save(st, "赵敏", "海珠区'新港\\路", "王伟越秀的事，反映 it's a \\N test", "320102199003154560");
	expect_ranked(st);
	/* names A, addresses B, content D: the weights are there */
	assert_int_equal(raw("SELECT count(*) FROM main.case_search WHERE position('A' IN CAST(terms AS text)) > 0"), 3);
	assert_int_equal(check(st, p), 0);
	lf_store_close(st);

	/* As schema 38 left them: lexemes without positions (nor weights). */
	raw("UPDATE main.case_search SET terms = strip(terms); UPDATE main.laifang_version SET version = 38");
	assert_int_equal(raw("SELECT count(*) FROM main.case_search WHERE position(':' IN CAST(terms AS text)) > 0"), 0);
	st = pg_open_store();
	assert_true(raw("SELECT version FROM main.laifang_version") >= 39);
	assert_int_equal(raw("SELECT count(*) FROM main.case_search WHERE position('A' IN CAST(terms AS text)) > 0"), 3);
	expect_ranked(st);
	assert_int_equal(check(st, p), 0);
	/* a term taken out behind laifang's back is still named */
	raw("UPDATE main.case_search SET terms = setweight(strip(terms), 'D') WHERE case_seq = (SELECT min(case_seq) "
	    "FROM main.case_search)");
	assert_true(check(st, p) >= 1);
	assert_non_null(strstr(p, "2026-000001"));
	lf_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weights),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
