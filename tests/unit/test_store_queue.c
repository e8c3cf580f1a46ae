/* The queues (store_flow.h) against a real file: their order (urgent
 * first, due date with none last, case number), keyset pages across ties,
 * counts, every filter, and EXPLAIN QUERY PLAN of each shape core uses: an
 * index for the filter and the order, never a scan or a sort. */
#include "flow_fixture.h"
#include "test_clock.h"

/* ---- queues ---------------------------------------------------------------- */

typedef struct page {
	int n;
	char no[64][16];
	bool urgent[64];
	char due[64][11];
} page;

static int collect(const lf_queue_row *r, void *ud)
{
	page *p = ud;
	if (p->n < 64) {
		snprintf(p->no[p->n], 16, "%s", r->case_no);
		p->urgent[p->n] = r->urgent;
		snprintf(p->due[p->n], 11, "%s", r->due_on ? r->due_on : "");
		p->n++;
	}
	return 0;
}

/* Every row of a filter, page by page of size limit (keyset). */
static void all_pages(fixture *t, lf_queue_filter f, int limit, page *out)
{
	memset(out, 0, sizeof *out);
	f.limit = limit;
	for (int guard = 0; guard < 100; guard++) {
		page p = {0};
		assert_int_equal(lf_store_queue(t->st, &f, collect, &p), LF_STORE_OK);
		assert_true(p.n <= limit);
		for (int i = 0; i < p.n; i++) {
			memcpy(out->no[out->n], p.no[i], 16);
			out->urgent[out->n] = p.urgent[i];
			memcpy(out->due[out->n], p.due[i], 11);
			out->n++;
		}
		if (p.n < limit)
			return;
		f.after_case_no = out->no[out->n - 1];
		f.after_urgent = out->urgent[out->n - 1];
		f.after_due_on = out->due[out->n - 1];
	}
	fail_msg("paging did not end");
}

/* Every row of a filter read upwards from its end, page by page (issue 16:
 * a list that keeps only the rows near the view pages both ways), put back
 * in the queue's order. */
static void all_pages_back(fixture *t, lf_queue_filter f, int limit, page *out)
{
	page up = {0};
	f.limit = limit;
	f.backward = true;
	for (int guard = 0; guard < 100; guard++) {
		page p = {0};
		assert_int_equal(lf_store_queue(t->st, &f, collect, &p), LF_STORE_OK);
		assert_true(p.n <= limit);
		for (int i = 0; i < p.n; i++) {
			memcpy(up.no[up.n], p.no[i], 16);
			up.urgent[up.n] = p.urgent[i];
			memcpy(up.due[up.n], p.due[i], 11);
			up.n++;
		}
		if (p.n < limit) {
			memset(out, 0, sizeof *out);
			for (int i = 0; i < up.n; i++) {
				memcpy(out->no[i], up.no[up.n - 1 - i], 16);
				out->urgent[i] = up.urgent[up.n - 1 - i];
				memcpy(out->due[i], up.due[up.n - 1 - i], 11);
			}
			out->n = up.n;
			return;
		}
		f.after_case_no = up.no[up.n - 1];
		f.after_urgent = up.urgent[up.n - 1];
		f.after_due_on = up.due[up.n - 1];
	}
	fail_msg("paging up did not end");
}

static long count_of(fixture *t, lf_queue_filter f)
{
	long n = -1;
	assert_int_equal(lf_store_queue_count(t->st, &f, &n), LF_STORE_OK);
	return n;
}

#define S(x) (1u << (x))

/* 24 cases: states by i % 4 (registered, accepted, transferred to peer,
 * assigned to lower); every 5th urgent; due dates with ties; a few none. */
static void office(fixture *t, char nos[24][16])
{
	static const char *dues[] = {"2026-12-01", "2026-12-05", "", "2026-12-01", "2026-11-25", "2026-12-20"};
	char idno[32];
	for (int i = 0; i < 24; i++) {
		snprintf(idno, sizeof idno, "4401041985010%05d", i);
		reg(t, i < 12 ? "2026-11-10" : "2026-11-20", i % 2 ? "张三" : "李四", idno, dues[i % 6], nos[i]);
		if (i % 4 >= 1)
			event_ok(t, (lf_event_in){.case_id = nos[i], .kind = "accept", .to_state = "accepted",
			                          .due_on = dues[(i + 1) % 6], .due_rule = "handle"});
		if (i % 4 == 2)
			event_ok(t, (lf_event_in){.case_id = nos[i], .kind = "transfer", .to_state = "transferred",
			                          .unit_id = t->peer});
		if (i % 4 == 3)
			event_ok(t, (lf_event_in){.case_id = nos[i], .kind = "assign", .to_state = "assigned",
			                          .unit_id = t->lower});
		if (i % 5 == 0)
			event_ok(t, (lf_event_in){.case_id = nos[i], .kind = "flag", .urgent = 1, .major = -1});
		if (i % 6 == 1)
			event_ok(t, (lf_event_in){.case_id = nos[i], .kind = "own", .user_id = t->leader1});
		if (i % 7 == 2)
			event_ok(t, (lf_event_in){.case_id = nos[i], .kind = "request_instruction", .user_id = t->leader2});
		/* The queues read the denormalised deadline the clocks keep
		 * (test_clocks.c); here it is set directly, so the order is tested
		 * with ties and cases without one. */
		const char *due = i % 4 >= 1 ? dues[(i + 1) % 6] : dues[i % 6];
		char sql[512];
		snprintf(sql, sizeof sql,
		         "UPDATE case_file SET due_on = NULLIF('%s', ''), sort_key = CASE WHEN urgent = 1 THEN '0' ELSE "
		         "'1' END || coalesce(NULLIF('%s', ''), '9999-12-31') || case_no WHERE case_no = '%s'",
		         due, due, nos[i]);
		raw(t, sql);
	}
}

/* The expected order, computed from the database another way. */
static void expected(fixture *t, const char *where, page *out)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	char sql[1024];
	snprintf(sql, sizeof sql, "SELECT case_no FROM case_file WHERE %s ORDER BY urgent DESC, "
	                          "CASE WHEN due_on IS NULL THEN 1 ELSE 0 END, due_on, year, number", where);
	memset(out, 0, sizeof *out);
	assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW && out->n < 64)
		snprintf(out->no[out->n++], 16, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
}

static void same(fixture *t, lf_queue_filter f, const char *where, int want)
{
	page got, want_rows;
	expected(t, where, &want_rows);
	assert_int_equal(want_rows.n, want);
	for (int limit = 1; limit <= 7; limit += 3) {
		all_pages(t, f, limit, &got);
		assert_int_equal(got.n, want_rows.n);
		for (int i = 0; i < got.n; i++)
			assert_string_equal(got.no[i], want_rows.no[i]);
		all_pages_back(t, f, limit, &got);
		assert_int_equal(got.n, want_rows.n);
		for (int i = 0; i < got.n; i++)
			assert_string_equal(got.no[i], want_rows.no[i]);
	}
	/* A page up from each row: the rows just before it, nearest first. */
	for (int k = 0; k < want_rows.n; k++) {
		page up = {0};
		lf_queue_filter b = f;
		b.backward = true;
		b.limit = 3;
		all_pages(t, f, 50, &got);
		b.after_case_no = got.no[k];
		b.after_urgent = got.urgent[k];
		b.after_due_on = got.due[k];
		assert_int_equal(lf_store_queue(t->st, &b, collect, &up), LF_STORE_OK);
		assert_int_equal(up.n, k < 3 ? k : 3);
		for (int i = 0; i < up.n; i++)
			assert_string_equal(up.no[i], want_rows.no[k - 1 - i]);
	}
	assert_int_equal(count_of(t, f), want);
}

static void test_queue_order_and_pages(void **state)
{
	fixture *t = *state;
	char nos[24][16];
	office(t, nos);
	same(t, (lf_queue_filter){.states = S(LF_ST_REGISTERED)}, "status = 'registered'", 6);
	same(t, (lf_queue_filter){.states = S(LF_ST_TRANSFERRED) | S(LF_ST_ASSIGNED) | S(LF_ST_ACCEPTED)},
	     "status IN ('transferred', 'assigned', 'accepted')", 18);
	same(t, (lf_queue_filter){0}, "1 = 1", 24);
	same(t, (lf_queue_filter){.states = S(LF_ST_TRANSFERRED) | S(LF_ST_ASSIGNED), .unit_id = t->peer},
	     "status IN ('transferred', 'assigned') AND lead_unit_id = (SELECT id FROM unit WHERE kind = 'peer')", 6);
	same(t, (lf_queue_filter){.unit_id = t->lower}, "lead_unit_id = (SELECT id FROM unit WHERE kind = 'lower')", 6);
	same(t, (lf_queue_filter){.owner_id = t->leader1}, "owner_id IS NOT NULL", 4);
	same(t, (lf_queue_filter){.owner_id = t->leader1, .states = S(LF_ST_REGISTERED) | S(LF_ST_ACCEPTED)},
	     "owner_id IS NOT NULL AND status IN ('registered', 'accepted')", 2);
	same(t, (lf_queue_filter){.instruction_leader_id = t->leader2}, "instruction_leader_id IS NOT NULL", 4);
	/* Supervision: open and due on or before a date, urgent first. */
	same(t, (lf_queue_filter){.due_before = "2026-12-01",
	                          .states = S(LF_ST_REGISTERED) | S(LF_ST_ACCEPTED) | S(LF_ST_TRANSFERRED) |
	                                    S(LF_ST_ASSIGNED)},
	     "due_on <= '2026-12-01'", (int)raw(t, "SELECT count(*) FROM case_file WHERE due_on <= '2026-12-01'"));
	same(t, (lf_queue_filter){.due_before = "2026-12-01", .unit_id = t->peer},
	     "due_on <= '2026-12-01' AND lead_unit_id = (SELECT id FROM unit WHERE kind = 'peer')",
	     (int)raw(t, "SELECT count(*) FROM case_file c JOIN unit u ON u.id = c.lead_unit_id AND u.kind = 'peer' "
	                 "WHERE due_on <= '2026-12-01'"));
	same(t, (lf_queue_filter){.states = S(LF_ST_REGISTERED) | S(LF_ST_ACCEPTED), .from = "2026-11-15",
	                          .to = "2026-11-30"},
	     "status IN ('registered', 'accepted') AND received_on BETWEEN '2026-11-15' AND '2026-11-30'", 6);
	same(t, (lf_queue_filter){.keyword = "张"}, "number % 2 = 0", 12); /* odd i, even case number */
	same(t, (lf_queue_filter){.keyword = "100%"}, "0", 0);
	/* Ties on urgent and due date are broken by the case number. */
	page p;
	all_pages(t, (lf_queue_filter){0}, 50, &p);
	assert_true(p.urgent[0]);
	assert_false(p.urgent[p.n - 1]);
	assert_string_equal(p.due[p.n - 1], "");
}

/* EXPLAIN QUERY PLAN of the queue's own SQL text (for the handle's reader)
 * on a raw connection, one line per step. */
static const char *plan_of(fixture *t, lf_queue_filter f, bool count)
{
	sql_stmt *q = store_queue_stmt(t->st, &f, count);
	assert_non_null(q);
	char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sqlite3_sql(sql_sqlite_stmt(q)));
	store_done(q);
	sql_db *db = NULL;
	sql_stmt *s = NULL;
	static char plan[65536];
	plan[0] = '\0';
	size_t used = 0;
	assert_int_equal(sql_sqlite_open(t->db, SQLITE_OPEN_READWRITE, &db), SQLITE_OK);
	assert_int_equal(sql_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(store_queue_bind(s, &f, count), SQLITE_OK);
	while (sql_step(s) == SQLITE_ROW && used < sizeof plan - 200)
		used += (size_t)snprintf(plan + used, sizeof plan - used, "%s\n", (const char *)sql_column_text(s, 3));
	sql_finalize(s);
	sql_close(db);
	sqlite3_free(sql);
	return plan;
}

/* Every table is searched by an index and nothing is sorted. */
static void plan_ok(fixture *t, lf_queue_filter f, bool count, const char *want_index)
{
	const char *plan = plan_of(t, f, count);
	if (strstr(plan, "TEMP B-TREE") || strstr(plan, "SCAN c") || strstr(plan, "SCAN cv") ||
	    !strstr(plan, want_index))
		fail_msg("plan (want %s):\n%s", want_index, plan);
}

/* Issue 16: a leader's own instructions are counted from the index alone
 * (db/040: the state is in it, and the filter "the reader is the leader
 * asked" makes the readability clause needless), for the leader as for a
 * reader every case is open to; another reader keeps the clause, reads
 * the rows and counts only what they may read. */
static void test_leader_count_from_index(void **state)
{
	fixture *t = *state;
	char nos[24][16];
	office(t, nos);
	/* leader1 owns one of leader2's cases (i % 7 == 2: 2, 9, 16, 23) */
	event_ok(t, (lf_event_in){.case_id = nos[9], .kind = "own", .user_id = t->leader1});
	unsigned open = S(LF_ST_REGISTERED) | S(LF_ST_ACCEPTED) | S(LF_ST_IN_HOUSE) | S(LF_ST_TRANSFERRED) |
	                S(LF_ST_ASSIGNED) | S(LF_ST_HANDLING) | S(LF_ST_REPORTED);
	lf_queue_filter f = {.instruction_leader_id = t->leader2, .states = open};
	const char *covering = "USING COVERING INDEX case_file_leader (instruction_leader_id=? AND sort_key>?)";
	char plan[65536];

	/* a reader every case is open to (a new handle's) */
	snprintf(plan, sizeof plan, "%s", plan_of(t, f, true));
	if (!strstr(plan, covering))
		fail_msg("open reader, want %s:\n%s", covering, plan);
	assert_int_equal(count_of(t, f), 4);

	/* the leader asked */
	lf_case_reader me = {.visits = true, .today = true};
	snprintf(me.user_id, sizeof me.user_id, "%s", t->leader2);
	lf_store_set_reader(t->st, &me);
	snprintf(plan, sizeof plan, "%s", plan_of(t, f, true));
	if (!strstr(plan, covering))
		fail_msg("the leader's own, want %s:\n%s", covering, plan);
	assert_int_equal(count_of(t, f), 4);
	page p;
	all_pages(t, f, 2, &p);
	assert_int_equal(p.n, 4);

	/* another leader reading leader2's queue: the clause stays */
	lf_case_reader other = {.visits = false};
	snprintf(other.user_id, sizeof other.user_id, "%s", t->leader1);
	lf_store_set_reader(t->st, &other);
	snprintf(plan, sizeof plan, "%s", plan_of(t, f, true));
	if (strstr(plan, "COVERING INDEX case_file_leader") || !strstr(plan, "case_file_leader"))
		fail_msg("another reader, the rows must be read:\n%s", plan);
	assert_int_equal(count_of(t, f), 1);
	all_pages(t, f, 2, &p);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.no[0], nos[9]);

	/* a disabled user's reader (lf_case_reader_for: all zero) reads none */
	lf_case_reader none = {0};
	lf_store_set_reader(t->st, &none);
	assert_int_equal(count_of(t, f), 0);
	lf_store_set_reader(t->st, NULL);
}

static void test_queue_plans(void **state)
{
	fixture *t = *state;
	char nos[24][16];
	office(t, nos);
	unsigned open = S(LF_ST_REGISTERED) | S(LF_ST_ACCEPTED) | S(LF_ST_IN_HOUSE) | S(LF_ST_TRANSFERRED) |
	                S(LF_ST_ASSIGNED) | S(LF_ST_HANDLING) | S(LF_ST_REPORTED);
	unsigned handling = S(LF_ST_IN_HOUSE) | S(LF_ST_TRANSFERRED) | S(LF_ST_ASSIGNED) | S(LF_ST_HANDLING) |
	                    S(LF_ST_REPORTED);
	for (int count = 0; count <= 1; count++) {
		plan_ok(t, (lf_queue_filter){.states = S(LF_ST_REGISTERED)}, count, "case_file_queue (status=? AND sort_key>?)");
		plan_ok(t, (lf_queue_filter){.states = handling}, count, "case_file_queue (status=? AND sort_key>?)");
		plan_ok(t, (lf_queue_filter){.states = handling, .unit_id = t->dept}, count,
		        "case_file_unit (lead_unit_id=? AND status=? AND sort_key>?)");
		plan_ok(t, (lf_queue_filter){.owner_id = t->leader1, .states = open}, count,
		        "case_file_owner (owner_id=? AND sort_key>?)");
		plan_ok(t, (lf_queue_filter){.instruction_leader_id = t->leader1, .states = open}, count,
		        "case_file_leader (instruction_leader_id=? AND sort_key>?)");
		/* Supervision: per state, the urgent keys and the others up to the date. */
		plan_ok(t, (lf_queue_filter){.due_before = "2026-11-25", .states = open}, count,
		        "case_file_queue (status=? AND sort_key>? AND sort_key<?)");
		plan_ok(t, (lf_queue_filter){.due_before = "2026-11-25"}, count, "case_file_sort (sort_key>? AND sort_key<?)");
		plan_ok(t, (lf_queue_filter){.due_before = "2026-11-25", .states = open, .unit_id = t->dept}, count,
		        "case_file_unit (lead_unit_id=? AND status=? AND sort_key>? AND sort_key<?)");
		plan_ok(t, (lf_queue_filter){.states = S(LF_ST_ARCHIVED), .from = "2026-01-01", .to = "2026-06-30",
		                             .keyword = "工资"},
		        count, "case_file_queue (status=? AND sort_key>?)");
		/* Issue 13, 超期未评价: the answered states, their evaluation period over. */
		plan_ok(t, (lf_queue_filter){.states = S(LF_ST_REPLIED) | S(LF_ST_REVIEWED), .evaluation_before = "2026-11-25"},
		        count, "(status=? AND sort_key>?)");
		plan_ok(t, (lf_queue_filter){.states = handling, .after_case_no = "2026-000003", .after_due_on = ""},
		        count, "case_file_queue (status=? AND sort_key>?)");
	}
	/* Paging up: the same ranges walked down, still nothing sorted. */
	plan_ok(t, (lf_queue_filter){.states = handling, .backward = true}, false, "case_file_queue (status=? AND sort_key<?)");
	plan_ok(t, (lf_queue_filter){.backward = true, .after_case_no = "2026-000003", .after_due_on = ""}, false,
	        "case_file_sort (sort_key<?)");
	plan_ok(t, (lf_queue_filter){.states = handling, .unit_id = t->dept, .backward = true}, false,
	        "case_file_unit (lead_unit_id=? AND status=? AND sort_key<?)");
	plan_ok(t, (lf_queue_filter){.owner_id = t->leader1, .states = open, .backward = true}, false,
	        "case_file_owner (owner_id=? AND sort_key<?)");
	plan_ok(t, (lf_queue_filter){.due_before = "2026-11-25", .states = open, .backward = true,
	                             .after_case_no = "2026-000003", .after_due_on = "2026-11-20"},
	        false, "case_file_queue (status=? AND sort_key>? AND sort_key<?)");
	plan_ok(t, (lf_queue_filter){.due_before = "2026-11-25", .backward = true}, false,
	        "case_file_sort (sort_key<?)");
	/* The statements are kept, one per shape. */
	lf_queue_filter f = {.states = S(LF_ST_REGISTERED)};
	page p = {0};
	assert_int_equal(lf_store_queue(t->st, &f, collect, &p), LF_STORE_OK);
	sql_stmt *a = store_queue_stmt(t->st, &f, false);
	store_done(a);
	sql_stmt *b = store_queue_stmt(t->st, &f, false);
	store_done(b);
	assert_ptr_equal(a, b);
}

int main(void)
{
	test_clock_day("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_queue_order_and_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_plans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leader_count_from_index, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
