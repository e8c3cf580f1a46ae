/* The home screen's pages (issue 16: the home holds only the rows near its
 * view, whatever the day's count): a day's cases paged by number down from
 * the newest and up from the oldest, limit at a time, give the day's cases
 * newest first, as the whole day read at once does; the count stops past
 * its cap. A handler's home (only their unit's cases, filtered by the
 * office) pages the same way though a store page holds fewer of them. */
#include "flow_fixture.h"
#include "test_clock.h"

#include "laifang/auth.h"
#include "laifang/case_read.h"

enum { DAY = 23, MAX = 64 };

typedef struct seen {
	int n;
	char no[MAX][16];
} seen;

static int collect(const lf_case *c, void *ud)
{
	seen *s = ud;
	if (s->n < MAX)
		snprintf(s->no[s->n++], 16, "%s", c->case_no);
	return 0;
}

/* Every case of the day for u, limit at a time, in the screen's order. */
static void all_pages(fixture *t, const lf_user *u, int limit, bool up, seen *out)
{
	seen got = {0};
	const char *from = NULL;
	char key[16];
	for (int guard = 0; guard < 100; guard++) {
		seen p = {0};
		assert_int_equal(lf_case_read_home_page(t->st, u, "2026-11-20", from, up, limit, collect, &p), LF_STORE_OK);
		assert_true(p.n <= limit);
		for (int i = 0; i < p.n; i++)
			snprintf(got.no[got.n++], 16, "%s", p.no[i]);
		if (p.n < limit)
			break;
		snprintf(key, sizeof key, "%s", got.no[got.n - 1]);
		from = key;
	}
	memset(out, 0, sizeof *out);
	for (int i = 0; i < got.n; i++)
		snprintf(out->no[out->n++], 16, "%s", got.no[up ? got.n - 1 - i : i]);
}

static void same_list(const seen *got, const seen *want)
{
	assert_int_equal(got->n, want->n);
	for (int i = 0; i < got->n; i++)
		assert_string_equal(got->no[i], want->no[i]);
}

static void test_day_pages(void **state)
{
	fixture *t = *state;
	char nos[DAY + 3][16];
	for (int i = 0; i < DAY + 3; i++) {
		char idno[32];
		snprintf(idno, sizeof idno, "4401041985010%05d", i);
		reg(t, i < DAY ? "2026-11-20" : "2026-11-21", "张三", idno, "2026-12-01", nos[i]);
		if (i % 3 == 0) /* routed to the peer unit */
			event_ok(t, (lf_event_in){.case_id = nos[i], .kind = "transfer", .to_state = "transferred",
			                          .unit_id = t->peer});
	}
	lf_user clerk = {.roles = LF_ROLE_CLERK, .active = true};
	lf_user handler = {.roles = LF_ROLE_HANDLER, .active = true};
	snprintf(handler.unit_id, sizeof handler.unit_id, "%s", t->peer);
	assert_false(lf_home_unit_only(&clerk));
	assert_true(lf_home_unit_only(&handler));

	/* The clerk: the whole day, read at once, against its pages. */
	seen day = {0}, got;
	assert_int_equal(lf_case_read_home(t->st, &clerk, "2026-11-20", collect, &day), LF_STORE_OK);
	assert_int_equal(day.n, DAY);
	assert_string_equal(day.no[0], nos[DAY - 1]); /* newest first */
	for (int limit = 1; limit <= 10; limit += 3)
		for (int up = 0; up <= 1; up++) {
			all_pages(t, &clerk, limit, up, &got);
			same_list(&got, &day);
		}
	long n = -1;
	assert_int_equal(lf_case_count_home(t->st, &clerk, "2026-11-20", 0, &n), LF_STORE_OK);
	assert_int_equal(n, DAY);
	assert_int_equal(lf_case_count_home(t->st, &clerk, "2026-11-20", 10, &n), LF_STORE_OK);
	assert_int_equal(n, 11); /* the cap and one more: "10000+" on the screen */

	/* The handler: the unit's cases only, a few in each store page. */
	seen mine = {0};
	assert_int_equal(lf_case_read_home(t->st, &handler, "2026-11-20", collect, &mine), LF_STORE_OK);
	assert_int_equal(mine.n, (DAY + 2) / 3);
	for (int limit = 1; limit <= 10; limit += 3)
		for (int up = 0; up <= 1; up++) {
			all_pages(t, &handler, limit, up, &got);
			same_list(&got, &mine);
		}
	assert_int_equal(lf_case_count_home(t->st, &handler, "2026-11-20", 0, &n), LF_STORE_OK);
	assert_int_equal(n, mine.n);
	assert_int_equal(lf_case_count_home(t->st, &handler, "2026-11-20", 3, &n), LF_STORE_OK);
	assert_int_equal(n, 4);

	/* A page next to a case in the middle: the ones either side of it. */
	seen p = {0};
	assert_int_equal(lf_case_read_home_page(t->st, &clerk, "2026-11-20", day.no[10], false, 2, collect, &p),
	                 LF_STORE_OK);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.no[0], day.no[11]);
	assert_string_equal(p.no[1], day.no[12]);
	memset(&p, 0, sizeof p);
	assert_int_equal(lf_case_read_home_page(t->st, &clerk, "2026-11-20", day.no[10], true, 2, collect, &p),
	                 LF_STORE_OK);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.no[0], day.no[9]);
	assert_string_equal(p.no[1], day.no[8]);
}

/* Each page is a range of the (received_on, number) index: the store's own
 * statements, planned on a raw connection, sort nothing. */
static void test_day_page_plans(void **state)
{
	fixture *t = *state;
	char no[16];
	reg(t, "2026-11-20", "张三", "440104198501010001", "2026-12-01", no);
	lf_user clerk = {.roles = LF_ROLE_CLERK, .active = true};
	seen p = {0};
	assert_int_equal(lf_case_read_home_page(t->st, &clerk, "2026-11-20", NULL, false, 4, collect, &p), LF_STORE_OK);
	assert_int_equal(lf_case_read_home_page(t->st, &clerk, "2026-11-20", NULL, true, 4, collect, &p), LF_STORE_OK);
	static const enum store_stmt_id ids[] = {STMT_CASES_ON_DOWN, STMT_CASES_ON_UP};
	for (size_t i = 0; i < 2; i++) {
		assert_non_null(t->st->stmts[ids[i]]);
		char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sqlite3_sql(sql_sqlite_stmt(t->st->stmts[ids[i]])));
		sqlite3 *db = NULL;
		sqlite3_stmt *s = NULL;
		char plan[4096] = "";
		size_t used = 0;
		assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW && used < sizeof plan - 200)
			used += (size_t)snprintf(plan + used, sizeof plan - used, "%s\n", (const char *)sqlite3_column_text(s, 3));
		sqlite3_finalize(s);
		sqlite3_close(db);
		sqlite3_free(sql);
		if (!strstr(plan, "case_file_received_on (received_on=? AND number") || strstr(plan, "TEMP B-TREE"))
			fail_msg("plan:\n%s", plan);
	}
}

int main(void)
{
	test_clock_day("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_day_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_day_page_plans, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
