/* The text search's two ways on PostgreSQL (issue 16): a common word or
 * phrase is found by walking the newest rows, a rare word or a name through
 * the GIN index; where the walk stops (:floor) is chosen from ANALYZE's
 * word frequencies (store_pg_search_floor), and the statement is planned
 * with its values at every run (SQL_PREPARE_CUSTOM_PLAN), never by a
 * generic plan kept from earlier runs. Here: the statement's answer is the
 * same wherever the walk stops, for words common, rare and absent and
 * windows smaller and larger than the matches; the choice follows the
 * frequencies; and neither the driver nor the store prepares such a
 * statement by name on the server. LAIFANG_PG_URL names a database of a
 * throwaway cluster (tests/pg/unit.sh). */
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
#include "laifang/store_people.h"
#include "laifang/store_search.h"
#include "../../src/store/pg/pg_internal.h"
#include "pg_fixture.h"

enum { CASES = 24 };

static sql_db *connect_main(void)
{
	sql_db *db = pg_connect();
	assert_int_equal(sql_exec(db, "SET search_path = main"), SQL_OK);
	return db;
}

/* CASES cases: 工资 in every other, the phrase 拖欠工资 in every fourth,
 * 噪音 in every third, 王伟 the visitor of two, 拆迁 in one. Made once for
 * all tests, not analysed (too few rows for autovacuum to). */
static int office(void **state)
{
	(void)state;
	lf_store *st = pg_open_store();
	char admin[37];
	assert_int_equal(lf_store_user_add(st, "admin", "管理员", NULL, NULL, 1u << 5, "$argon2id$x", admin), LF_STORE_OK);
	lf_store_set_actor(st, admin, "admin");
	for (int i = 0; i < CASES; i++) {
		char content[256];
		snprintf(content, sizeof content, "%s%s%s%s第%d件", i % 4 == 0 ? "拖欠工资，" : i % 2 == 0 ? "工资少发，" : "",
		         i % 3 == 0 ? "噪音扰民，" : "", i == 7 ? "拆迁补偿，" : "", "反映问题", i);
		lf_registration r = {
			.receptionist = "王芳", .received_on = "2026-11-23", .name = i == 5 || i == 17 ? "王伟" : "李娜",
			.sex = "男", .phone = "13812345678",
			.id_number = i == 5 || i == 17 ? "440104198501011234" : "11010519491231002X", .address = "天河区体育西路2号", .content = content,
		};
		lf_saved_case c;
		if (lf_store_save_registration(st, &r, &c) != LF_STORE_OK)
			fail_msg("save: %s", lf_store_errmsg(st));
	}
	lf_store_close(st);
	return 0;
}

/* The ids statement's answer for word with this window and floor, every
 * case readable, as "seq seq ...". */
static void ids(sql_db *db, const char *word, int window, long long floor, char *out, size_t len)
{
	const char *terms[] = {word};
	char *q = store_pg_tsquery(terms, 1);
	sql_stmt *s = NULL;
	if (sql_prepare_v3(db, store_pg_search_ids_text_sql, -1, SQL_PREPARE_CUSTOM_PLAN, &s, NULL) != SQL_OK)
		fail_msg("prepare: %s", sql_errmsg(db));
	assert_int_equal(sql_bind_text(s, sql_bind_parameter_index(s, ":q"), q, -1, SQL_TRANSIENT), SQL_OK);
	assert_int_equal(sql_bind_int64(s, sql_bind_parameter_index(s, ":window"), window), SQL_OK);
	assert_int_equal(sql_bind_int64(s, sql_bind_parameter_index(s, ":floor"), floor), SQL_OK);
	assert_int_equal(sql_bind_int64(s, sql_bind_parameter_index(s, ":limit"), 1000), SQL_OK);
	assert_int_equal(sql_bind_int64(s, sql_bind_parameter_index(s, ":r_open"), 1), SQL_OK);
	out[0] = '\0';
	int rc;
	while ((rc = sql_step(s)) == SQL_ROW)
		snprintf(out + strlen(out), len - strlen(out), "%lld ", sql_column_int64(s, 0));
	if (rc != SQL_DONE)
		fail_msg("search %s: %s", word, sql_errmsg(db));
	sql_finalize(s);
	free(q);
}

static int count_words(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == ' ';
	return n;
}

/* Whatever the floor (all walked, nothing walked, any row between), the
 * same cases in the same order: the walk's part and the index's part make
 * up the newest :window matches exactly. */
static void test_same_whatever_floor(void **state)
{
	(void)state;
	sql_db *db = connect_main();
	long long top = pg_first(db, "SELECT max(case_seq) FROM case_search");
	assert_int_equal(pg_first(db, "SELECT count(*) FROM case_search"), CASES);
	static const struct {
		const char *word;
		int matches;
	} words[] = {{"工资", 12}, {"拖欠工资", 6}, {"噪音", 8}, {"王伟", 2}, {"拆迁", 1}, {"上访", 0}};
	static const int windows[] = {1, 3, 5, 50};
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
		for (size_t k = 0; k < sizeof windows / sizeof windows[0]; k++) {
			char want[1024], got[1024];
			ids(db, words[w].word, windows[k], top, want, sizeof want); /* the index alone */
			int n = words[w].matches < windows[k] ? words[w].matches : windows[k];
			if (count_words(want) != n)
				fail_msg("%s, window %d: %d found by the index, %d expected (%s)", words[w].word, windows[k],
				         count_words(want), n, want);
			for (long long floor = -1; floor <= top + 1; floor++) {
				ids(db, words[w].word, windows[k], floor, got, sizeof got);
				if (strcmp(got, want))
					fail_msg("%s, window %d, floor %lld: [%s] against the index's [%s]", words[w].word,
					         windows[k], floor, got, want);
			}
		}
	sql_close(db);
}

/* The choice itself: walk when window / share rows hold the window and
 * that is no more than the index would read; 1.5 times that, from the
 * newest row; the index for a rare word, no statistics, a small office. */
static void test_floor_choice(void **state)
{
	(void)state;
	assert_int_equal(store_pg_search_floor_for(1000000, 1e6, 0.17, 2000), 1000000 - 17647);
	assert_int_equal(store_pg_search_floor_for(100600, 100400, 0.17, 2000), 100600 - 17647);
	assert_int_equal(store_pg_search_floor_for(1000000, 1e6, 0.005, 2000), 1000000); /* 王伟 */
	assert_int_equal(store_pg_search_floor_for(100600, 100400, 0.1, 2000), 100600); /* 20,000 > 10,040 */
	assert_int_equal(store_pg_search_floor_for(1000000, 1e6, 0, 2000), 1000000);   /* not among ANALYZE's words */
	assert_int_equal(store_pg_search_floor_for(500, 0, 0.5, 2000), 500);          /* never analysed */
	assert_int_equal(store_pg_search_floor_for(3000, 3000, 1.0, 2000), 0);        /* all of it */
}

/* The store's choice on a real office: before ANALYZE the index; after it
 * the walk for a word in half the cases (window 4: 8 rows hold it, the
 * index would read 12), the index for one in a single case. */
static void test_floor_from_statistics(void **state)
{
	(void)state;
	sql_db *db = connect_main();
	long long top = pg_first(db, "SELECT max(case_seq) FROM case_search");
	lf_store *st = pg_open_store();
	const char *common[] = {"工资"}, *rare[] = {"拆迁"}, *absent[] = {"上访"};
	long long floor = -7;
	assert_int_equal(store_pg_search_floor(st, common, 1, 4, &floor), LF_STORE_OK);
	assert_int_equal(floor, top); /* no statistics yet */
	assert_int_equal(sql_exec(db, "ANALYZE case_search"), SQL_OK);
	assert_int_equal(store_pg_search_floor(st, common, 1, 4, &floor), LF_STORE_OK);
	assert_int_equal(floor, top - 12); /* 1.5 * 4 / 0.5 */
	assert_int_equal(store_pg_search_floor(st, rare, 1, 4, &floor), LF_STORE_OK);
	assert_int_equal(floor, top);
	assert_int_equal(store_pg_search_floor(st, absent, 1, 4, &floor), LF_STORE_OK);
	assert_int_equal(floor, top);
	/* a quote, a backslash, braces: an array literal of any words */
	const char *odd[] = {"\"{a\\b},'"};
	assert_int_equal(store_pg_search_floor(st, odd, 1, 4, &floor), LF_STORE_OK);
	assert_int_equal(floor, top);
	lf_store_close(st);
	sql_close(db);
}

static int count_hit(const lf_search_row *r, void *ud)
{
	(void)r;
	++*(int *)ud;
	return 0;
}

/* Searched ten times (PostgreSQL may switch a named statement to its
 * generic plan from the sixth run), the text search was never prepared by
 * name; an ordinary statement run as often was. */
static void test_never_prepared_by_name(void **state)
{
	(void)state;
	lf_store *st = pg_open_store();
	for (int i = 0; i < 10; i++) {
		lf_search_query q = {.kind = LF_SEARCH_TEXT, .terms = {i % 2 ? "王伟" : "拖欠工资"}, .n_terms = 1, .limit = 50};
		int n = 0;
		assert_int_equal(lf_store_search(st, &q, count_hit, &n), LF_STORE_OK);
		assert_int_equal(n, i % 2 ? 2 : 6);
		long long *seqs = NULL;
		size_t k = 0;
		assert_int_equal(lf_store_search_ids(st, &q, &seqs, &k), LF_STORE_OK);
		assert_int_equal((int)k, n);
		free(seqs);
	}
	sql_db *db = st->db; /* the store's own connection */
	assert_int_equal(pg_first(db, "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%recent AS MATERIALIZED%'"), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(pg_first(db, "SELECT count(*) FROM case_search WHERE case_seq > 0"), CASES);
	assert_int_equal(pg_first(db, "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE "
	                         "'%FROM case_search WHERE case_seq > 0%'"), 1);
	lf_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_whatever_floor),
		cmocka_unit_test(test_floor_choice),
		cmocka_unit_test(test_floor_from_statistics),
		cmocka_unit_test(test_never_prepared_by_name),
	};
	return cmocka_run_group_tests(tests, office, NULL);
}
