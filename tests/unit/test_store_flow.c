/* The store's side of a case's life (store_flow.h) against a real file:
 * each event's effect and audit entry, two desks (expect_state), the waiting
 * list, group petitions, calendar days, the archive gate's facts, the
 * timeline, the check of the queue order. The queues: test_store_queue.c. */
#include "flow_fixture.h"
#include "test_clock.h"

static void test_event_effects(void **state)
{
	fixture *t = *state;
	char no[16], action[64], changes[2048];
	lf_case_flow f;
	reg(t, "2026-11-20", "张三", "440104198501011234", "2026-12-07", no);
	flow_of(t, no, &f);
	assert_int_equal(f.state, LF_ST_REGISTERED);
	assert_string_equal(f.due_on, "2026-12-07");
	assert_string_equal(f.due_rule, "route");
	assert_int_equal(f.headcount, 1);
	assert_int_equal(f.representatives, 1);
	lf_case_flow_free(&f);

	event_ok(t, (lf_event_in){.case_id = no, .kind = "accept", .expect_state = "registered", .to_state = "accepted",
	                          .due_on = "2027-01-19", .due_rule = "handle", .signer_name = "陈静"});
	last_audit(t, action, changes);
	assert_string_equal(action, "case.accept");
	assert_non_null(strstr(changes, "\"to_state\":\"accepted\""));
	assert_non_null(strstr(changes, "\"due_on\":\"2027-01-19\""));
	assert_null(strstr(changes, "440104198501011234"));
	assert_null(strstr(changes, "13812345678"));

	event_ok(t, (lf_event_in){.case_id = no, .kind = "transfer", .expect_state = "accepted",
	                          .to_state = "transferred", .unit_id = t->peer, .text = "告知书：已转市住建局",
	                          .due_on = "2027-01-10", .due_rule = "handle"});
	event_ok(t, (lf_event_in){.case_id = no, .kind = "own", .user_id = t->leader1, .urgent = -1, .major = -1});
	event_ok(t, (lf_event_in){.case_id = no, .kind = "request_instruction", .user_id = t->leader2});
	event_ok(t, (lf_event_in){.case_id = no, .kind = "flag", .urgent = 1, .major = -1});
	last_audit(t, action, changes);
	assert_string_equal(action, "case.flag");
	assert_non_null(strstr(changes, "\"urgent\":true"));
	event_ok(t, (lf_event_in){.case_id = no, .kind = "extend", .approver_id = t->leader1, .reason = "情况复杂",
	                          .due_on = "2027-02-08", .due_rule = "handle"});
	flow_of(t, no, &f);
	assert_int_equal(f.state, LF_ST_TRANSFERRED);
	assert_string_equal(f.lead_unit_id, t->peer);
	assert_string_equal(f.lead_unit_name, "市住建局");
	assert_string_equal(f.lead_unit_kind, "peer");
	assert_string_equal(f.owner_id, t->leader1);
	assert_string_equal(f.owner_name, "李军（副局长）");
	assert_string_equal(f.instruction_leader_id, t->leader2);
	assert_true(f.urgent);
	assert_false(f.major);
	assert_true(f.extended);
	/* The case's deadline is its earliest running clock: the agency's 5
	 * working days to object (11-24..11-30); handling runs to the
	 * extended 02-08 beside it; the route clock stopped at the transfer. */
	assert_string_equal(f.due_on, "2026-11-30");
	assert_string_equal(f.due_rule, "object");
	lf_case_flow_free(&f);
	assert_int_equal(raw(t, "SELECT count(*) FROM case_clock WHERE rule = 'handle' AND due_on = '2027-02-08' "
	                        "AND state = 'running'"), 1);
	assert_int_equal(raw(t, "SELECT count(*) FROM case_clock WHERE rule = 'route' AND state = 'met'"), 1);
	char key[64];
	raw_text(t, "SELECT sort_key FROM case_file", key, sizeof key);
	assert_string_equal(key, "02026-11-302026-000001");

	/* The leader asked signs an instruction: the case leaves their queue. */
	assert_int_equal(lf_store_case_sign(t->st, no, "instruction", "请抓紧办理", t->leader2, "赵敏", NULL), LF_STORE_OK);
	flow_of(t, no, &f);
	assert_null(f.instruction_leader_id);
	assert_int_equal(f.facts.instructions, 1);
	lf_case_flow_free(&f);

	/* The clocks set the deadline: an event's "" does not clear it; a
	 * flag of -1 keeps it; visits move. */
	event_ok(t, (lf_event_in){.case_id = no, .kind = "flag", .urgent = -1, .major = 1, .due_on = ""});
	event_ok(t, (lf_event_in){.case_id = no, .kind = "visit.waiting"});
	flow_of(t, no, &f);
	assert_string_equal(f.due_on, "2026-11-30");
	assert_string_equal(f.due_rule, "object");
	assert_true(f.urgent);
	assert_true(f.major);
	assert_string_equal(f.visit_state, "waiting");
	lf_case_flow_free(&f);
	raw_text(t, "SELECT sort_key FROM case_file", key, sizeof key);
	assert_string_equal(key, "02026-11-302026-000001");
	assert_int_equal(raw(t, "SELECT visit_at LIKE '2026-11-23T%' FROM case_file"), 1);
	last_audit(t, action, changes);
	assert_string_equal(action, "case.visit.waiting");

	/* Seven events, seq 1..7, each signed; one audit entry each. */
	assert_int_equal(raw(t, "SELECT count(*) FROM case_event"), 8);
	assert_int_equal(raw(t, "SELECT max(seq) FROM case_event"), 8);
	assert_int_equal(raw(t, "SELECT count(*) FROM audit_log WHERE action LIKE 'case.%' AND action <> "
	                        "'case.register' AND action <> 'case.instruct'"), 8);
	assert_int_equal(raw(t, "SELECT count(*) FROM case_event WHERE by_name = 'chenjing'"), 7);
	assert_int_equal(raw(t, "SELECT count(*) FROM case_event WHERE by_name = '陈静' AND user_id IS NOT NULL"), 1);
	assert_int_equal(raw(t, "SELECT count(*) FROM case_event WHERE due_on = ''"), 1);
	assert_int_equal(lf_store_check(t->st, NULL, NULL), 0);
}

static void test_event_refused(void **state)
{
	fixture *t = *state;
	char no[16];
	reg(t, "2026-11-20", "张三", "440104198501011234", "2026-12-07", no);
	long long audits = raw(t, "SELECT count(*) FROM audit_log");
	event_ok(t, (lf_event_in){.case_id = no, .kind = "accept", .expect_state = "registered", .to_state = "accepted"});
	/* Another desk still sees it registered. */
	lf_event_in late = {.case_id = no, .kind = "decline", .expect_state = "registered", .to_state = "declined",
	                    .reason = "不属于受理范围"};
	assert_int_equal(lf_store_case_event(t->st, &late), LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), no));
	assert_non_null(strstr(lf_store_errmsg(t->st), "accepted"));
	assert_int_equal(raw(t, "SELECT count(*) FROM case_event"), 1);
	assert_int_equal(raw(t, "SELECT count(*) FROM audit_log"), audits + 1);
	/* A unit that does not exist, an unknown state, no case. */
	lf_event_in bad = {.case_id = no, .kind = "transfer", .to_state = "transferred", .unit_id = "nope"};
	assert_int_equal(lf_store_case_event(t->st, &bad), LF_STORE_NOTFOUND);
	bad = (lf_event_in){.case_id = no, .kind = "accept", .to_state = "lost"};
	assert_int_equal(lf_store_case_event(t->st, &bad), LF_STORE_INVALID);
	bad = (lf_event_in){.case_id = "2026-999999", .kind = "supervise", .text = "催办"};
	assert_int_equal(lf_store_case_event(t->st, &bad), LF_STORE_NOTFOUND);
	bad = (lf_event_in){.case_id = no, .kind = "extend", .due_on = "2027-13-01"};
	assert_int_equal(lf_store_case_event(t->st, &bad), LF_STORE_INVALID);
	assert_int_equal(raw(t, "SELECT count(*) FROM case_event"), 1);
	assert_int_equal(raw(t, "SELECT status = 'accepted' AND lead_unit_id IS NULL FROM case_file"), 1);
}

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

/* ---- the reception day ------------------------------------------------------- */

static void test_waiting(void **state)
{
	fixture *t = *state;
	char a[16], b[16], c[16], d[16];
	int people = -1;
	reg(t, "2026-11-23", "张三", "440104198501011234", NULL, a);
	reg(t, "2026-11-23", "李四", "440104198501011235", NULL, b);
	reg(t, "2026-11-23", "王五", "440104198501011236", NULL, c);
	reg(t, "2026-11-23", "赵六", "440104198501011237", NULL, d);
	event_ok(t, (lf_event_in){.case_id = a, .kind = "visit.waiting"});
	event_ok(t, (lf_event_in){.case_id = b, .kind = "visit.waiting"});
	event_ok(t, (lf_event_in){.case_id = c, .kind = "visit.waiting"});
	event_ok(t, (lf_event_in){.case_id = c, .kind = "visit.done"});
	assert_int_equal(lf_store_case_set_headcount(t->st, b, 12), LF_STORE_OK);
	/* a is interviewed later than b started waiting: order by the last move. */
	raw(t, "UPDATE case_file SET visit_at = '2026-11-23T09:00:00+08:00' WHERE case_no = '2026-000002'");
	raw(t, "UPDATE case_file SET visit_at = '2026-11-23T10:00:00+08:00' WHERE case_no = '2026-000001'");
	page p = {0};
	assert_int_equal(lf_store_waiting(t->st, "2026-11-23", collect, &p, &people), LF_STORE_OK);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.no[0], b);
	assert_string_equal(p.no[1], a);
	assert_int_equal(people, 13);
	memset(&p, 0, sizeof p);
	assert_int_equal(lf_store_waiting(t->st, "2026-11-24", collect, &p, &people), LF_STORE_OK);
	assert_int_equal(p.n, 0);
	assert_int_equal(people, 0);
	assert_int_equal(lf_store_waiting(t->st, "11/24", collect, &p, &people), LF_STORE_INVALID);
	assert_int_equal(lf_store_case_set_headcount(t->st, b, 0), LF_STORE_INVALID);
	char action[64], changes[2048];
	last_audit(t, action, changes);
	assert_string_equal(action, "case.headcount");
	assert_non_null(strstr(changes, "\"headcount\":12"));

	/* The waiting list's plan: the day's range of the visit index. */
	char plan[256];
	sql_stmt *s = t->st->stmts[STMT_WAITING];
	assert_non_null(s);
	char *sql = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sqlite3_sql(sql_sqlite_stmt(s)));
	sqlite3 *db = NULL;
	sqlite3_stmt *e = NULL;
	assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &e, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(e), SQLITE_ROW);
	snprintf(plan, sizeof plan, "%s", (const char *)sqlite3_column_text(e, 3));
	sqlite3_finalize(e);
	sqlite3_close(db);
	sqlite3_free(sql);
	assert_non_null(strstr(plan, "case_file_visit (visit_at>? AND visit_at<?)"));
}

static void test_representatives(void **state)
{
	fixture *t = *state;
	char a[16], b[16];
	lf_case_flow f;
	reg(t, "2026-11-20", "张三", "440104198501011234", NULL, a);
	reg(t, "2026-11-21", "李四", "440104198501011235", NULL, b);
	/* A new person, then 李四 (known from case b) with a new phone. */
	assert_int_equal(lf_store_case_add_visitor(t->st, a, "440104198501011236", "王五", "男", NULL, NULL), LF_STORE_OK);
	assert_int_equal(lf_store_case_add_visitor(t->st, a, "440104198501011235", "李四", NULL, "13900000000", NULL),
	                 LF_STORE_OK);
	flow_of(t, a, &f);
	assert_int_equal(f.representatives, 3);
	lf_case_flow_free(&f);
	assert_int_equal(raw(t, "SELECT count(*) FROM visitor"), 3);
	assert_int_equal(raw(t, "SELECT max(position) FROM case_visitor WHERE case_id = "
	                        "(SELECT id FROM case_file WHERE case_no = '2026-000001')"), 2);
	/* The record keeps its phone (issue 11: a sheet does not rewrite a
	 * person); the case has the phone said on it. */
	assert_int_equal(raw(t, "SELECT phone = '13812345678' AND sex = '女' FROM visitor WHERE name = '李四'"), 1);
	assert_int_equal(raw(t, "SELECT count(*) FROM case_visitor WHERE name = '李四' AND phone = '13900000000'"), 1);
	char action[64], changes[2048];
	last_audit(t, action, changes);
	assert_string_equal(action, "case.representative");
	assert_null(strstr(changes, "440104198501011235"));
	assert_null(strstr(changes, "13900000000"));
	/* The same person twice on a case: refused, nothing changed. */
	long long audits = raw(t, "SELECT count(*) FROM audit_log");
	assert_int_equal(lf_store_case_add_visitor(t->st, a, "440104198501011236", "王五改", NULL, NULL, NULL),
	                 LF_STORE_CONFLICT);
	assert_non_null(strstr(lf_store_errmsg(t->st), a));
	assert_int_equal(raw(t, "SELECT count(*) FROM visitor WHERE name = '王五'"), 1);
	assert_int_equal(raw(t, "SELECT count(*) FROM audit_log"), audits);
	assert_int_equal(lf_store_case_add_visitor(t->st, "2026-999999", "440104198501011239", "某", NULL, NULL, NULL),
	                 LF_STORE_NOTFOUND);
	assert_int_equal(lf_store_case_add_visitor(t->st, a, "", "某", NULL, NULL, NULL), LF_STORE_INVALID);
	assert_int_equal(lf_store_check(t->st, NULL, NULL), 0);
}

typedef struct days {
	int n;
	char line[8][64];
} days;

static int day_fn(const char *date, const char *kind, const char *name, void *ud)
{
	days *d = ud;
	if (d->n < 8)
		snprintf(d->line[d->n++], 64, "%s %s %s", date, kind, name ? name : "-");
	return 0;
}

static void test_calendar_days(void **state)
{
	fixture *t = *state;
	days d = {0};
	assert_int_equal(lf_store_calendar_add(t->st, "2027-02-06", "holiday", "春节"), LF_STORE_OK);
	assert_int_equal(lf_store_calendar_add(t->st, "2027-01-31", "workday", "春节调休"), LF_STORE_OK);
	assert_int_equal(lf_store_calendar_add(t->st, "2027/02/07", "holiday", "春节"), LF_STORE_OK);
	/* Imported again: replaced. */
	assert_int_equal(lf_store_calendar_add(t->st, "2027-02-06", "holiday", NULL), LF_STORE_OK);
	assert_int_equal(lf_store_calendar_add(t->st, "2027-02-30", "holiday", "x"), LF_STORE_INVALID);
	assert_int_equal(lf_store_calendar_add(t->st, "2027-02-08", "rest", "x"), LF_STORE_INVALID);
	assert_int_equal(lf_store_calendar_each(t->st, day_fn, &d), LF_STORE_OK);
	assert_int_equal(d.n, 3);
	assert_string_equal(d.line[0], "2027-01-31 workday 春节调休");
	assert_string_equal(d.line[1], "2027-02-06 holiday -");
	assert_string_equal(d.line[2], "2027-02-07 holiday 春节");
	assert_int_equal(raw(t, "SELECT count(*) FROM audit_log WHERE action = 'calendar.day'"), 4);
}

/* ---- the archive gate's facts and the timeline -------------------------------- */

static void test_case_flow_facts(void **state)
{
	fixture *t = *state;
	char a[16], b[16], c[16];
	lf_case_flow f;
	reg(t, "2026-11-20", "张三", "440104198501011234", NULL, a);
	reg(t, "2026-11-20", "李四", "440104198501011235", NULL, b);
	reg(t, "2026-11-20", "王五", "440104198501011236", NULL, c);
	flow_of(t, a, &f);
	assert_true(f.facts.has_sheet);
	assert_false(f.facts.has_decision || f.facts.has_routing || f.facts.has_reply || f.facts.has_notice);
	assert_int_equal(f.facts.reports + f.facts.instructions, 0);
	lf_case_flow_free(&f);

	/* Declined with its notice. */
	event_ok(t, (lf_event_in){.case_id = a, .kind = "decline", .to_state = "declined", .reason = "不属于受理范围",
	                          .text = "不予受理告知书"});
	flow_of(t, a, &f);
	assert_int_equal(f.state, LF_ST_DECLINED);
	assert_int_equal(f.facts.state, LF_ST_DECLINED);
	assert_true(f.facts.has_decision && f.facts.has_notice);
	assert_false(f.facts.has_routing);
	lf_case_flow_free(&f);
	/* Referred without a notice text: no notice. */
	event_ok(t, (lf_event_in){.case_id = c, .kind = "refer", .to_state = "referred", .unit_id = t->disc});
	flow_of(t, c, &f);
	assert_true(f.facts.has_decision);
	assert_false(f.facts.has_notice);
	lf_case_flow_free(&f);

	/* The whole way to a reply. */
	event_ok(t, (lf_event_in){.case_id = b, .kind = "accept", .to_state = "accepted"});
	event_ok(t, (lf_event_in){.case_id = b, .kind = "in_house", .to_state = "in_house", .unit_id = t->dept});
	event_ok(t, (lf_event_in){.case_id = b, .kind = "take_up", .to_state = "handling"});
	assert_int_equal(lf_store_case_sign(t->st, b, "instruction", "请办理", t->leader1, "李军（副局长）", NULL), LF_STORE_OK);
	flow_of(t, b, &f);
	assert_true(f.facts.has_routing);
	assert_int_equal(f.facts.instructions, 1);
	assert_int_equal(f.facts.reports, 0);
	lf_case_flow_free(&f);
	event_ok(t, (lf_event_in){.case_id = b, .kind = "report", .to_state = "reported", .text = "已协调解决"});
	assert_int_equal(lf_store_case_sign(t->st, b, "handling", "已协调解决", t->super, "陈静", NULL), LF_STORE_OK);
	event_ok(t, (lf_event_in){.case_id = b, .kind = "reply", .to_state = "replied", .text = "答复意见",
	                          .satisfaction = "basically"});
	flow_of(t, b, &f);
	assert_int_equal(f.facts.reports, 1); /* one report, recorded both ways */
	assert_true(f.facts.has_reply && f.facts.has_satisfaction);
	assert_int_equal(f.state, LF_ST_REPLIED);
	assert_string_equal(f.lead_unit_name, "办公室");
	lf_case_flow_free(&f);
	lf_event_in bad = {.case_id = b, .kind = "reply", .satisfaction = "happy"};
	assert_int_equal(lf_store_case_event(t->st, &bad), LF_STORE_INVALID);
	assert_int_equal(lf_store_case_flow(t->st, "2026-999999", &f), LF_STORE_NOTFOUND);
}

typedef struct timeline {
	int n;
	char line[16][160];
} timeline;

static int event_fn(const lf_event *e, void *ud)
{
	timeline *l = ud;
	if (l->n < 16)
		snprintf(l->line[l->n++], 160, "%lld %s %s %s %s", e->seq, e->kind, e->by_name ? e->by_name : "-",
		         e->unit_name ? e->unit_name : "-", e->text ? e->text : "-");
	return 0;
}

static void test_timeline(void **state)
{
	fixture *t = *state;
	char a[16];
	timeline l = {0};
	reg(t, "2026-11-20", "张三", "440104198501011234", NULL, a);
	event_ok(t, (lf_event_in){.case_id = a, .kind = "accept", .to_state = "accepted", .signer_name = "陈静"});
	assert_int_equal(lf_store_case_sign(t->st, a, "instruction", "请办理", t->leader1, "李军（副局长）",
	                                    "2026-11-23T08:00:00+08:00"), LF_STORE_OK);
	event_ok(t, (lf_event_in){.case_id = a, .kind = "assign", .to_state = "assigned", .unit_id = t->lower,
	                          .signer_name = "陈静", .text = "交办告知"});
	event_ok(t, (lf_event_in){.case_id = a, .kind = "supervise", .text = "请加快", .signer_name = "陈静"});
	raw(t, "UPDATE case_event SET at = '2026-11-21T09:00:00+08:00' WHERE seq = 1");
	raw(t, "UPDATE case_event SET at = '2026-11-23T10:00:00+08:00' WHERE seq = 2");
	raw(t, "UPDATE case_event SET at = '2026-11-23T10:00:00+08:00' WHERE seq = 3");
	/* The clocks' starts and stops are in the timeline too: left out here
	 * (test_clocks.c shows them). */
	raw(t, "DELETE FROM case_clock");
	assert_int_equal(lf_store_case_events(t->st, a, event_fn, &l), LF_STORE_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.line[0], "1 accept 陈静 - -");
	assert_string_equal(l.line[1], "1 instruction 李军（副局长） - 请办理");
	assert_string_equal(l.line[2], "2 assign 陈静 越秀区信访局 交办告知");
	assert_string_equal(l.line[3], "3 supervise 陈静 - 请加快");
	assert_int_equal(lf_store_case_events(t->st, "2026-999999", event_fn, &l), LF_STORE_NOTFOUND);
}

/* A sort key edited behind laifang's back is found by the check. */
static int count_problem(const char *p, void *ud)
{
	(void)p;
	(*(int *)ud)++;
	return 0;
}

static void problem_fn(const char *p, void *ud)
{
	count_problem(p, ud);
}

static void test_check_sort_key(void **state)
{
	fixture *t = *state;
	char a[16];
	int n = 0;
	reg(t, "2026-11-20", "张三", "440104198501011234", "2026-12-07", a);
	assert_int_equal(lf_store_check(t->st, problem_fn, &n), 0);
	raw(t, "UPDATE case_file SET urgent = 1");
	/* The key, and the row no longer what its entry says. */
	assert_int_equal(lf_store_check(t->st, problem_fn, &n), 2);
	assert_int_equal(n, 2);
}

int main(void)
{
	test_clock_day("2026-11-23");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_event_effects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_event_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_waiting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_representatives, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calendar_days, setup, teardown),
		cmocka_unit_test_setup_teardown(test_case_flow_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_sort_key, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
