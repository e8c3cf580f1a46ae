/* The queues on PostgreSQL (issue 16): paged by key down and up, a queue of
 * several arms (every open state, supervision's urgent and other keys up to
 * a date) gives the same rows in the same order as one ORDER BY over the
 * cases, whatever the page size, from the top down and from the end up. On
 * PostgreSQL such a page is built otherwise than on SQLite (its arms give
 * keys, joined once after: src/store/queue.c `build`), so it is tried here
 * on the server itself. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "laifang/store_audit.h"
#include "laifang/store_flow.h"
#include "laifang/store_people.h"
#include "../../src/store/pg/pg_internal.h"
#include "pg_fixture.h"

#define S(x) (1u << (x))
enum { N = 40, MAX = 64 };

typedef struct page {
	int n;
	char no[MAX][16], due[MAX][11];
	bool urgent[MAX];
} page;

static int collect(const lf_queue_row *r, void *ud)
{
	page *p = ud;
	if (p->n < MAX) {
		snprintf(p->no[p->n], 16, "%s", r->case_no);
		snprintf(p->due[p->n], 11, "%s", r->due_on ? r->due_on : "");
		p->urgent[p->n] = r->urgent;
		p->n++;
	}
	return 0;
}

static void keyset(lf_queue_filter *f, const page *p, int i)
{
	f->after_case_no = p->no[i];
	f->after_due_on = p->due[i];
	f->after_urgent = p->urgent[i];
}

/* Every row, down from the top or up from the end, limit at a time, in
 * the queue's order. */
static void all_rows(lf_store *st, lf_queue_filter f, int limit, bool up, page *out)
{
	page got = {0};
	f.limit = limit;
	f.backward = up;
	for (int guard = 0; guard < 200; guard++) {
		page p = {0};
		if (lf_store_queue(st, &f, collect, &p) != LF_STORE_OK)
			fail_msg("queue: %s", lf_store_errmsg(st));
		assert_true(p.n <= limit);
		for (int i = 0; i < p.n && got.n < MAX; i++) {
			memcpy(got.no[got.n], p.no[i], 16);
			memcpy(got.due[got.n], p.due[i], 11);
			got.urgent[got.n++] = p.urgent[i];
		}
		if (p.n < limit)
			break;
		keyset(&f, &got, got.n - 1);
	}
	memset(out, 0, sizeof *out);
	for (int i = 0; i < got.n; i++) {
		int k = up ? got.n - 1 - i : i;
		memcpy(out->no[i], got.no[k], 16);
	}
	out->n = got.n;
}

/* The order computed another way: one ORDER BY on a connection of ours. */
static void expected(sql_db *db, const char *where, page *out)
{
	char sql[1024];
	snprintf(sql, sizeof sql,
	         "SELECT case_no FROM main.case_file WHERE %s ORDER BY urgent DESC, due_on IS NULL, due_on, year, number",
	         where);
	sql_stmt *s = NULL;
	if (sql_prepare_v2(db, sql, -1, &s, NULL) != SQL_OK)
		fail_msg("%s: %s", sql, sql_errmsg(db));
	memset(out, 0, sizeof *out);
	while (sql_step(s) == SQL_ROW && out->n < MAX)
		snprintf(out->no[out->n++], 16, "%s", (const char *)sql_column_text(s, 0));
	sql_finalize(s);
}

static void same(lf_store *st, sql_db *db, lf_queue_filter f, const char *where)
{
	page want, got;
	expected(db, where, &want);
	assert_true(want.n > 3);
	for (int limit = 1; limit <= 10; limit += 3)
		for (int up = 0; up <= 1; up++) {
			all_rows(st, f, limit, up, &got);
			if (got.n != want.n)
				fail_msg("%s, %d a page %s: %d rows, want %d", where, limit, up ? "up" : "down", got.n, want.n);
			for (int i = 0; i < got.n; i++)
				if (strcmp(got.no[i], want.no[i]))
					fail_msg("%s, %d a page %s: row %d is %s, want %s", where, limit, up ? "up" : "down", i,
					         got.no[i], want.no[i]);
		}
	/* A page up from a row in the middle: the rows just before it. */
	page down, above = {0};
	all_rows(st, f, 50, false, &down);
	int mid = down.n / 2;
	f.limit = 3;
	f.backward = true;
	page keys = {0};
	lf_queue_filter k = f;
	k.backward = false;
	k.limit = mid + 1;
	assert_int_equal(lf_store_queue(st, &k, collect, &keys), LF_STORE_OK);
	keyset(&f, &keys, mid);
	assert_int_equal(lf_store_queue(st, &f, collect, &above), LF_STORE_OK);
	assert_int_equal(above.n, 3);
	for (int i = 0; i < 3; i++)
		assert_string_equal(above.no[i], want.no[mid - 1 - i]);
}

static void test_pages_both_ways(void **state)
{
	(void)state;
	lf_store *st = pg_open_store();
	sql_db *db = pg_connect();
	char unit[37], user[37];
	assert_int_equal(lf_store_unit_add(st, "市住建局", "peer", unit), LF_STORE_OK);
	assert_int_equal(lf_store_user_add(st, "chenjing", "陈静", NULL, NULL, 4, "x", user), LF_STORE_OK);
	lf_store_set_actor(st, user, "chenjing");
	static const char *const dues[] = {"2026-12-01", "2026-12-05", "", "2026-12-01", "2026-11-25", "2026-12-20"};
	for (int i = 0; i < N; i++) {
		char id[24], no[16];
		snprintf(id, sizeof id, "4401041985010%05d", i);
		lf_registration r = {.receptionist = "王芳", .received_on = i < 20 ? "2026-11-10" : "2026-11-20",
		                     .name = i % 2 ? "张三" : "李四", .sex = "女", .phone = "13812345678", .id_number = id,
		                     .content = "反映拖欠工资问题", .due_on = dues[i % 6], .due_rule = "route"};
		lf_saved_case c;
		if (lf_store_save_registration(st, &r, &c) != LF_STORE_OK)
			fail_msg("save: %s", lf_store_errmsg(st));
		snprintf(no, sizeof no, "%s", c.case_no);
		lf_event_in ev = {.case_id = no, .kind = "accept", .to_state = "accepted", .due_on = dues[(i + 1) % 6],
		                  .due_rule = "handle"};
		if (i % 3 >= 1 && lf_store_case_event(st, &ev) != LF_STORE_OK)
			fail_msg("accept: %s", lf_store_errmsg(st));
		lf_event_in tr = {.case_id = no, .kind = "transfer", .to_state = "transferred", .unit_id = unit};
		if (i % 3 == 2 && lf_store_case_event(st, &tr) != LF_STORE_OK)
			fail_msg("transfer: %s", lf_store_errmsg(st));
		lf_event_in fl = {.case_id = no, .kind = "flag", .urgent = 1, .major = -1};
		if (i % 5 == 0 && lf_store_case_event(st, &fl) != LF_STORE_OK)
			fail_msg("flag: %s", lf_store_errmsg(st));
	}
	unsigned open = S(LF_ST_REGISTERED) | S(LF_ST_ACCEPTED) | S(LF_ST_IN_HOUSE) | S(LF_ST_TRANSFERRED) |
	                S(LF_ST_ASSIGNED) | S(LF_ST_HANDLING) | S(LF_ST_REPORTED);
	same(st, db, (lf_queue_filter){.states = S(LF_ST_ACCEPTED)}, "status = 'accepted'");
	same(st, db, (lf_queue_filter){.states = open}, "status <> 'archived'");
	same(st, db, (lf_queue_filter){.states = open, .due_before = "2026-12-01"},
	     "status <> 'archived' AND due_on <= '2026-12-01'");
	same(st, db, (lf_queue_filter){.states = open, .keyword = "张"}, "status <> 'archived' AND number % 2 = 0");
	same(st, db, (lf_queue_filter){.unit_id = unit}, "lead_unit_id IS NOT NULL");
	/* Every state: the key as case_file_sort's expression (db/pg/042). */
	same(st, db, (lf_queue_filter){0}, "true");
	same(st, db, (lf_queue_filter){.due_before = "2026-12-01"}, "due_on <= '2026-12-01'");
	same(st, db, (lf_queue_filter){.states = S(LF_ST_REGISTERED)}, "status = 'registered'");
	same(st, db, (lf_queue_filter){.states = S(LF_ST_TRANSFERRED)}, "status = 'transferred'");
	/* A leader's and an owner's range: a page of keys, joined after. */
	char sql[256];
	snprintf(sql, sizeof sql,
	         "UPDATE main.case_file SET instruction_leader_id = CASE WHEN number %% 3 <> 1 THEN '%s' END, "
	         "owner_id = CASE WHEN number %% 4 <> 3 THEN '%s' END",
	         user, user);
	pg_first(db, sql);
	same(st, db, (lf_queue_filter){.states = open, .instruction_leader_id = user},
	     "instruction_leader_id IS NOT NULL");
	same(st, db, (lf_queue_filter){.states = S(LF_ST_ACCEPTED) | S(LF_ST_TRANSFERRED), .instruction_leader_id = user},
	     "instruction_leader_id IS NOT NULL AND status <> 'registered'");
	same(st, db, (lf_queue_filter){.states = S(LF_ST_ACCEPTED) | S(LF_ST_REGISTERED), .owner_id = user},
	     "owner_id IS NOT NULL AND status <> 'transferred'");
	same(st, db, (lf_queue_filter){.owner_id = user, .keyword = "张"}, "owner_id IS NOT NULL AND number % 2 = 0");
	sql_close(db);
	lf_store_close(st);
}

/* A page of several arms, read as a desk reads it (the same size again and
 * again), is planned once: after PostgreSQL's five plans for the values of
 * a run, the named statement keeps its plan for no values (src/store/queue.c
 * `build`: the LIMIT is in the text). With LIMIT bound as a parameter that
 * plan assumed a tenth of each arm's rows were wanted, looked dearer than
 * a run's own, and every run was planned again (1.5 ms of a 2 ms page at
 * 100k cases). Thousands of cases (written here as psql would, for speed)
 * make that tenth larger than the page. */
static void test_page_planned_once(void **state)
{
	(void)state;
	lf_store *st = pg_open_store();
	sql_db *db = pg_connect();
	pg_first(db, "INSERT INTO main.case_file (id, case_no, year, number, received_on, created_at, content, "
	             "is_repeat, status, due_on, due_rule, sort_key) "
	             "SELECT 'bulk-' || g, '2099-' || lpad(g::text, 6, '0'), 2099, g, '2026-11-10', "
	             "'2026-11-10T09:00:00+08:00', '反映拖欠工资问题', 0, "
	             "CASE WHEN g % 2 = 0 THEN 'registered' ELSE 'accepted' END, d, 'route', "
	             "CASE WHEN g % 7 = 0 THEN '0' ELSE '1' END || d || '2099-' || lpad(g::text, 6, '0') "
	             "FROM generate_series(1, 6000) g, LATERAL (SELECT CASE WHEN g % 3 = 0 THEN '2026-12-08' "
	             "ELSE '2026-11-24' END AS d) due");
	assert_int_equal(pg_first(db, "SELECT count(*) FROM main.case_file WHERE year = 2099"), 6000);
	pg_first(db, "ANALYZE main.case_file");
	lf_queue_filter f = {.states = S(LF_ST_REGISTERED) | S(LF_ST_ACCEPTED), .due_before = "2026-12-01",
	                     .backward = true, .limit = 7};
	for (int i = 0; i < 12; i++) {
		page p = {0};
		assert_int_equal(lf_store_queue(st, &f, collect, &p), LF_STORE_OK);
		assert_int_equal(p.n, 7);
	}
	long long generic = pg_first(st->db, /* the store's own session */
	                             "SELECT coalesce(max(generic_plans), -1) FROM pg_prepared_statements "
	                             "WHERE statement LIKE '%UNION ALL%' AND statement LIKE '%sort_key DESC%'");
	if (generic < 1)
		fail_msg("the page was planned again at every run (plans for no values: %lld)", generic);
	/* A page of one state: its plan for no values from the first run
	 * (SQL_PREPARE_GENERIC_PLAN), reading case_file_queue, never
	 * case_file_sort (db/pg/042), and no plan for the values after it. */
	lf_queue_filter one = {.states = S(LF_ST_REGISTERED), .limit = 7};
	for (int i = 0; i < 8; i++) {
		page p = {0};
		one.backward = i % 2;
		assert_int_equal(lf_store_queue(st, &one, collect, &p), LF_STORE_OK);
		assert_int_equal(p.n, 7);
	}
	long long custom = pg_first(st->db, "SELECT coalesce(max(custom_plans), -1) FROM pg_prepared_statements "
	                                    "WHERE statement LIKE '%status = ''registered'' AND c.sort_key%LIMIT 7'");
	generic = pg_first(st->db, "SELECT coalesce(min(generic_plans), -1) FROM pg_prepared_statements "
	                           "WHERE statement LIKE '%status = ''registered'' AND c.sort_key%LIMIT 7'");
	if (custom != 0 || generic < 1)
		fail_msg("a page of one state: %lld plans for its values, %lld for none", custom, generic);
	/* A leader's page and an owner's: the same, their keys joined after. */
	char leader[37], sql[256];
	assert_int_equal(lf_store_user_add(st, "zhaolei", "赵磊", NULL, NULL, 2, "x", leader), LF_STORE_OK);
	snprintf(sql, sizeof sql,
	         "UPDATE main.case_file SET instruction_leader_id = '%s', owner_id = '%s' WHERE year = 2099 "
	         "AND number %% 5 <> 0",
	         leader, leader);
	pg_first(db, sql);
	pg_first(db, "ANALYZE main.case_file");
	lf_queue_filter led = {.states = S(LF_ST_REGISTERED) | S(LF_ST_ACCEPTED), .instruction_leader_id = leader,
	                       .limit = 7},
	                own = {.states = S(LF_ST_REGISTERED), .owner_id = leader, .limit = 7};
	for (int i = 0; i < 8; i++) {
		page p = {0}, q = {0};
		led.backward = own.backward = i % 2;
		assert_int_equal(lf_store_queue(st, &led, collect, &p), LF_STORE_OK);
		assert_int_equal(lf_store_queue(st, &own, collect, &q), LF_STORE_OK);
		assert_int_equal(p.n, 7);
		assert_int_equal(q.n, 7);
	}
	static const char *const person[] = {"instruction_leader_id", "owner_id"};
	for (int i = 0; i < 2; i++) {
		char like[160];
		snprintf(like, sizeof like, "WHERE statement LIKE '%%c.%s = $1%%LIMIT 7) k JOIN%%'", person[i]);
		snprintf(sql, sizeof sql, "SELECT coalesce(max(custom_plans), -1) FROM pg_prepared_statements %s", like);
		custom = pg_first(st->db, sql);
		snprintf(sql, sizeof sql, "SELECT coalesce(min(generic_plans), -1) FROM pg_prepared_statements %s", like);
		generic = pg_first(st->db, sql);
		if (custom != 0 || generic < 1)
			fail_msg("a page of %s: %lld plans for its values, %lld for none", person[i], custom, generic);
	}
	sql_close(db);
	lf_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_both_ways),
		cmocka_unit_test(test_page_planned_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
