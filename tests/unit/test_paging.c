/* Paging by key (issue 16): the audit log read a page at a time both ways
 * (an odd page, across both ends, under each filter) gives every entry
 * once, in order; the audit screen's window (list_window.c) moved with
 * Up, Down, PgUp, PgDn, Home and End from end to end visits every entry
 * once while holding at most its cap; the day filter is one index range;
 * a search ranked once and read in pages gives the rows of one query, in
 * its order, with one audit entry. */
/* curses has a raw() of its own: the fixture's is the one used here. */
#define raw curses_raw
#include "../../src/tui/list_window.h"
#undef raw
#include "flow_fixture.h"

#include "laifang/auth.h"
#include "laifang/search.h"
#include "laifang/validate.h"
#include "test_clock.h"

/* ---- the audit log ------------------------------------------------------------ */

#define N_ENTRIES 41
#define ODD_PAGE 5

static long long all[200];
static int n_all;

static int take_seq(const lf_audit_entry *e, void *ud)
{
	long long **w = ud;
	*(*w)++ = e->seq;
	return 0;
}

/* One page: seqs into out, the count returned. */
static int page(fixture *t, lf_audit_filter f, long long *out)
{
	long long *w = out;
	if (lf_store_audit_each(t->st, &f, take_seq, &w) != LF_STORE_OK)
		fail_msg("audit: %s", lf_store_errmsg(t->st));
	return (int)(w - out);
}

/* Entries across three days, by two logins, newest first into all[]. */
static void log_entries(fixture *t)
{
	static const char *const days[] = {"2026-11-21", "2026-11-22", "2026-11-23"};
	for (int i = 0; i < N_ENTRIES; i++) {
		test_clock_day(days[i * 3 / N_ENTRIES]);
		lf_store_set_actor(t->st, i % 3 ? t->leader1 : t->super, i % 3 ? "lijun" : "chenjing");
		char rec[16];
		snprintf(rec, sizeof rec, "k%d", i % 4);
		assert_int_equal(lf_store_audit(t->st, "setting.set", rec, NULL), LF_STORE_OK);
	}
	n_all = page(t, (lf_audit_filter){.limit = 200}, all);
	assert_true(n_all >= N_ENTRIES);
}

static bool keep(const long long *seq, const lf_audit_filter *want, fixture *t)
{
	lf_audit_filter f = *want;
	long long got[200];
	f.limit = 200;
	int n = page(t, f, got);
	for (int i = 0; i < n; i++)
		if (got[i] == *seq)
			return true;
	return false;
}

/* Forwards (older) from the newest, then backwards (newer) from the oldest,
 * ODD_PAGE at a time: each way every entry of the filter once, in order. */
static void both_ways(fixture *t, lf_audit_filter filter)
{
	long long full[200], got[200], pg[200];
	int n_full = 0;
	for (int i = 0; i < n_all; i++)
		if (keep(&all[i], &filter, t))
			full[n_full++] = all[i];
	assert_true(n_full >= ODD_PAGE + 2); /* more than one page each way */

	int n = 0, k, pages = 0;
	lf_audit_filter f = filter;
	f.limit = ODD_PAGE;
	do {
		k = page(t, f, pg);
		memcpy(got + n, pg, (size_t)k * sizeof *pg);
		n += k;
		if (k)
			f.before_seq = pg[k - 1];
		pages++;
	} while (k == ODD_PAGE);
	assert_int_equal(n, n_full);
	for (int i = 0; i < n; i++)
		assert_int_equal(got[i], full[i]);
	assert_int_equal(pages, n_full / ODD_PAGE + 1);

	n = 0;
	f = filter;
	f.limit = ODD_PAGE;
	f.oldest_first = true;
	do {
		k = page(t, f, pg);
		for (int i = 0; i < k; i++)
			got[n + i] = pg[i];
		n += k;
		if (k)
			f.after_seq = pg[k - 1];
	} while (k == ODD_PAGE);
	assert_int_equal(n, n_full);
	for (int i = 0; i < n; i++)
		assert_int_equal(got[i], full[n_full - 1 - i]);

	/* Turning round in the middle: the page before a row is the rows
	 * just newer than it, nearest first. */
	f = filter;
	f.limit = ODD_PAGE;
	f.before_seq = full[ODD_PAGE];
	k = page(t, f, pg);
	assert_int_equal(pg[0], full[ODD_PAGE + 1]);
	f = filter;
	f.limit = ODD_PAGE;
	f.after_seq = full[ODD_PAGE + 1];
	f.oldest_first = true;
	k = page(t, f, pg);
	assert_int_equal(k, ODD_PAGE);
	assert_int_equal(pg[0], full[ODD_PAGE]);
	assert_int_equal(pg[ODD_PAGE - 1], full[1]);
}

static void test_audit_pages_both_ways(void **state)
{
	fixture *t = *state;
	log_entries(t);
	both_ways(t, (lf_audit_filter){0});
	both_ways(t, (lf_audit_filter){.login = "lijun"});
	both_ways(t, (lf_audit_filter){.day = "2026-11-22"});
	both_ways(t, (lf_audit_filter){.record = "k1"});
	both_ways(t, (lf_audit_filter){.login = "lijun", .day = "2026-11-22"});
	test_clock_day("2026-11-23");
}

/* Each filter pages in one index range: no sort, no scan of the log. */
static void test_audit_plan(void **state)
{
	fixture *t = *state;
	static const char *const sql[] = {
		"SELECT seq FROM audit_log WHERE substr(at, 1, 10) = '2026-11-22' AND seq < 9 ORDER BY seq DESC LIMIT 5",
		"SELECT seq FROM audit_log WHERE substr(at, 1, 10) = '2026-11-22' AND seq > 9 ORDER BY seq ASC LIMIT 5",
		"SELECT seq FROM audit_log WHERE login = 'x' AND seq > 9 ORDER BY seq ASC LIMIT 5",
		"SELECT seq FROM audit_log WHERE record = 'x' AND seq < 9 ORDER BY seq DESC LIMIT 5",
		"SELECT seq FROM audit_log WHERE seq > 9 ORDER BY seq ASC LIMIT 5",
	};
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		char q[512], plan[1024] = "";
		sqlite3_stmt *s;
		snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", sql[i]);
		assert_int_equal(sqlite3_prepare_v2(sql_sqlite_handle(t->st->db), q, -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW)
			snprintf(plan + strlen(plan), sizeof plan - strlen(plan), "%s;", sqlite3_column_text(s, 3));
		sqlite3_finalize(s);
		if (strstr(plan, "TEMP B-TREE") || (strstr(plan, "SCAN") && !strstr(plan, "USING")))
			fail_msg("%s: %s", sql[i], plan);
		if (i < 2 && !strstr(plan, "audit_log_day"))
			fail_msg("the day filter misses its index: %s", plan);
	}
}

/* A log whose days are very uneven, as the planner's statistics see it
 * (one average per key: here "every entry on one day", as an office whose
 * history was imported on one day would have): the store's own statement
 * for a quiet day, a login and a record still reads its index, not the
 * whole log (a day's page took 1 s at 4.5M entries); and finds the right
 * entries. */
static void test_audit_plan_uneven_days(void **state)
{
	fixture *t = *state;
	log_entries(t);
	sqlite3 *db = sql_sqlite_handle(t->st->db);
	assert_int_equal(sqlite3_exec(db,
	                              "ANALYZE; DELETE FROM sqlite_stat1 WHERE tbl = 'audit_log'; "
	                              "INSERT INTO sqlite_stat1 VALUES ('audit_log', 'audit_log_day', '1000000 1000000 1'), "
	                              "('audit_log', 'audit_log_login', '1000000 1000000 1'), "
	                              "('audit_log', 'audit_log_record', '1000000 1000000 1'), "
	                              "('audit_log', NULL, '1000000'); ANALYZE sqlite_schema",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	static const struct {
		lf_audit_filter f;
		const char *index, *where;
	} cases[] = {
		{{.day = "2026-11-23", .oldest_first = true, .limit = 100}, "audit_log_day", "substr(at, 1, 10) = '2026-11-23'"},
		{{.day = "2026-11-21", .limit = 100}, "audit_log_day", "substr(at, 1, 10) = '2026-11-21'"},
		{{.login = "chenjing", .oldest_first = true, .limit = 100}, "audit_log_login", "login = 'chenjing'"},
		{{.record = "k1", .limit = 100}, "audit_log_record", "record = 'k1'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long long got[200];
		int n = page(t, cases[i].f, got);
		char count[256];
		snprintf(count, sizeof count, "SELECT count(*) FROM audit_log WHERE %s", cases[i].where);
		assert_true(n > 0);
		assert_int_equal(n, (int)raw(t, count));
		sql_stmt *kept = t->st->stmts[cases[i].f.oldest_first ? STMT_AUDIT_PAGE_ASC : STMT_AUDIT_PAGE_DESC];
		assert_non_null(kept);
		char q[1024], plan[1024] = "";
		snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", sqlite3_sql(sql_sqlite_stmt(kept)));
		sqlite3_stmt *s;
		assert_int_equal(sqlite3_prepare_v2(db, q, -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW)
			snprintf(plan + strlen(plan), sizeof plan - strlen(plan), "%s;", sqlite3_column_text(s, 3));
		sqlite3_finalize(s);
		if (!strstr(plan, cases[i].index) || strstr(plan, "TEMP B-TREE"))
			fail_msg("filter %zu wants %s: %s", i, cases[i].index, plan);
	}
	/* every entry of the quiet day, none of another */
	for (int i = 0; i < n_all; i++) {
		lf_audit_filter day = {.day = "2026-11-21"};
		bool on_day = keep(&all[i], &day, t);
		lf_audit_filter other = {.day = "2026-11-23"};
		assert_false(on_day && keep(&all[i], &other, t));
	}
}

/* ---- the screen's window ---------------------------------------------------------- */

typedef struct wrow {
	long long seq;
} wrow;

typedef struct wctx {
	fixture *t;
	lf_list *into;
	int reads;
} wctx;

static int push_seq(const lf_audit_entry *e, void *ud)
{
	wctx *c = ud;
	wrow *r = lf_list_push(c->into);
	if (!r)
		return 1;
	r->seq = e->seq;
	return 0;
}

static bool read_log(void *ctx, const void *from, bool up, size_t limit, lf_list *into)
{
	wctx *c = ctx;
	const wrow *r = from;
	lf_audit_filter f = {.before_seq = r && !up ? r->seq : 0, .after_seq = r && up ? r->seq : 0,
	                     .oldest_first = up, .limit = (int)limit};
	c->into = into;
	c->reads++;
	return lf_store_audit_each(c->t->st, &f, push_seq, c) == LF_STORE_OK;
}

static bool read_nothing(void *ctx, const void *from, bool up, size_t limit, lf_list *into)
{
	(void)ctx, (void)from, (void)up, (void)limit, (void)into;
	return true;
}

static long long sel_seq(const lf_list *l)
{
	const wrow *r = lf_list_current(l);
	return r ? r->seq : -1;
}

static void test_window(void **state)
{
	fixture *t = *state;
	log_entries(t);
	/* 12 lines: 6 rows in view, a page of 5 (odd); the window keeps 18. */
	LINES = 12;
	lf_list l = {.row_size = sizeof(wrow), .y = 2};
	wctx c = {.t = t};
	lf_window w = {.l = &l, .ctx = &c, .read = read_log};
	assert_int_equal(lf_list_page(&l), ODD_PAGE);
	size_t cap = lf_window_cap(&w);

	/* Home, then Down to the oldest: every entry once, in order. */
	lf_window_home(&w);
	for (int i = 0; i < n_all; i++) {
		assert_int_equal(sel_seq(&l), all[i]);
		assert_true(l.n <= cap);
		c.reads = 0;
		lf_window_key(&w, LF_A_DOWN);
		assert_true(c.reads <= 1); /* at most one seek a key */
	}
	assert_int_equal(sel_seq(&l), all[n_all - 1]); /* stays on the last */
	/* Up back to the newest. */
	for (int i = n_all - 1; i >= 0; i--) {
		assert_int_equal(sel_seq(&l), all[i]);
		assert_true(l.n <= cap);
		lf_window_key(&w, LF_A_UP);
	}
	assert_int_equal(sel_seq(&l), all[0]);

	/* End, then Up to the newest. */
	c.reads = 0;
	lf_window_key(&w, LF_A_END);
	assert_int_equal(c.reads, 1);
	for (int i = n_all - 1; i >= 0; i--) {
		assert_int_equal(sel_seq(&l), all[i]);
		lf_window_key(&w, LF_A_UP);
	}
	/* PgDn from the top and PgUp from the bottom: a page a key. */
	lf_window_key(&w, LF_A_HOME);
	int i = 0;
	for (; i + ODD_PAGE < n_all; i += ODD_PAGE) {
		assert_int_equal(sel_seq(&l), all[i]);
		c.reads = 0;
		lf_window_key(&w, LF_A_PAGE_DOWN);
		assert_true(c.reads <= 1);
		assert_true(l.n <= cap);
	}
	lf_window_key(&w, LF_A_PAGE_DOWN);
	assert_int_equal(sel_seq(&l), all[n_all - 1]);
	lf_window_key(&w, LF_A_END);
	for (i = n_all - 1; i - ODD_PAGE >= 0; i -= ODD_PAGE) {
		assert_int_equal(sel_seq(&l), all[i]);
		lf_window_key(&w, LF_A_PAGE_UP);
		assert_true(l.n <= cap);
	}
	lf_window_key(&w, LF_A_PAGE_UP);
	assert_int_equal(sel_seq(&l), all[0]);
	lf_list_clear(&l);

	/* A list with no row: every key leaves it empty. */
	lf_window none = {.l = &l, .ctx = &c, .read = read_nothing};
	static const lf_action moves[] = {LF_A_HOME, LF_A_DOWN, LF_A_PAGE_DOWN, LF_A_END, LF_A_UP, LF_A_PAGE_UP};
	for (size_t k = 0; k < sizeof moves / sizeof moves[0]; k++) {
		assert_true(lf_window_key(&none, moves[k]));
		assert_int_equal(l.n, 0);
		assert_null(lf_list_current(&l));
	}
	assert_false(lf_window_key(&none, LF_A_OPEN));
	lf_list_clear(&l);
	test_clock_day("2026-11-23");
}

/* ---- search: one ranking, read in pages ------------------------------------------- */

static const lf_user clerk = {.id = "", .login = "wangfang", .name = "王芳", .roles = LF_ROLE_CLERK, .active = true};

static void save(fixture *t, int i, const char *name, const char *content)
{
	char idno[19];
	snprintf(idno, sizeof idno, "44010419850101%03d", 2 * i + 1); /* odd: a man's */
	idno[17] = lf_id_check_digit(idno);
	idno[18] = '\0';
	lf_registration r = {.receptionist = "王芳", .received_on = "2026-11-20", .name = name, .sex = "男",
	                     .id_number = idno, .content = content};
	lf_saved_case c;
	if (lf_store_save_registration(t->st, &r, &c) != LF_STORE_OK)
		fail_msg("save: %s", lf_store_errmsg(t->st));
}

typedef struct rowlist {
	char text[8192];
	int n;
} rowlist;

static int row_text(const lf_search_row *r, void *ud)
{
	rowlist *l = ud;
	size_t k = strlen(l->text);
	snprintf(l->text + k, sizeof l->text - k, "%s|%s|%s|%s;", r->case_no, r->name, r->id_number, r->snippet);
	l->n++;
	return 0;
}

static void test_search_pages(void **state)
{
	fixture *t = *state;
	static const char *const contents[] = {
		"反映单位拖欠工资问题，请求督促支付。", "拖欠工资三个月。", "工地拖欠工资，反映多次。",
		"单位拖欠工资问题严重，反映单位拖欠工资。", "邻居噪音扰民。", "反映单位拖欠工资问题",
	};
	for (int i = 0; i < 40; i++) {
		save(t, i, i % 7 ? "张三" : "李工资", contents[i % 6]);
	}
	static const char *const queries[] = {"拖欠工资", "反映单位拖欠工资问题", "工资", "反映 工资", "2026-0000",
	                                      "噪音", "火锅"};
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		rowlist one = {{0}, 0}, paged = {{0}, 0};
		char msg[700];
		lf_search_cursor cur = {0};
		assert_int_equal(lf_search(t->st, &clerk, queries[q], &cur, 500, row_text, &one, NULL, msg, sizeof msg),
		                 LF_STORE_OK);
		long long audits = raw(t, "SELECT count(*) FROM audit_log WHERE action = 'search'");
		lf_search_ranked r;
		assert_int_equal(lf_search_rank(t->st, &clerk, queries[q], &r, msg, sizeof msg), LF_STORE_OK);
		assert_int_equal((long long)r.n, (long long)one.n);
		for (size_t from = 0; from < r.n + 7; from += 7) /* an odd page, past the end */
			assert_int_equal(lf_search_ranked_rows(t->st, &r, from, 7, row_text, &paged), LF_STORE_OK);
		lf_search_ranked_free(&r);
		assert_string_equal(paged.text, one.text);
		assert_int_equal(paged.n, one.n);
		/* One audit entry for the whole ranking and its pages. */
		assert_int_equal(raw(t, "SELECT count(*) FROM audit_log WHERE action = 'search'"), audits + 1);
	}
	/* The phrase found what it should, in one ranking. */
	rowlist one = {{0}, 0};
	lf_search_ranked r;
	char msg[700];
	assert_int_equal(lf_search_rank(t->st, &clerk, "反映单位拖欠工资问题", &r, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal((long long)r.n, 13); /* contents 0 and 5 of each six, of 40 */
	assert_int_equal(lf_search_ranked_rows(t->st, &r, 38, 7, row_text, &one), LF_STORE_OK);
	assert_int_equal(one.n, 0);
	lf_search_ranked_free(&r);
	/* Refusals as lf_search's: no ranking, nothing kept. */
	lf_user none = clerk;
	none.active = false;
	assert_int_equal(lf_search_rank(t->st, &none, "工资", &r, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal((long long)r.n, 0);
	lf_user handler = {.id = "", .login = "zhou", .name = "周", .roles = LF_ROLE_HANDLER, .active = true};
	long long audits = raw(t, "SELECT count(*) FROM audit_log");
	assert_int_equal(lf_search_rank(t->st, &handler, "1234567X", &r, msg, sizeof msg), LF_STORE_DENIED);
	assert_int_equal(raw(t, "SELECT count(*) FROM audit_log"), audits);
	/* Plain digits: the handler's search is of the content alone. */
	assert_int_equal(lf_search_rank(t->st, &handler, "1234", &r, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal((long long)r.n, 0);
	lf_search_ranked_free(&r);
	assert_int_equal(lf_search_rank(t->st, &clerk, "  ", &r, msg, sizeof msg), LF_STORE_INVALID);
	lf_search_ranked_free(&r);
	/* A number search ranked once as well (newest first). */
	char idno[19] = "44010419850101079"; /* case 39's */
	idno[17] = lf_id_check_digit(idno);
	idno[18] = '\0';
	assert_int_equal(lf_search_rank(t->st, &clerk, idno + 14, &r, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal((long long)r.n, 1);
	lf_search_ranked_free(&r);
}

int main(void)
{
	test_clock_day("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_audit_pages_both_ways, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_plan_uneven_days, setup, teardown),
		cmocka_unit_test_setup_teardown(test_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_pages, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
