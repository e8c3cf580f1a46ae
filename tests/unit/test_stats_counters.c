/* The statistics' counters (db/022, issue 16): after random registrations
 * (one by one and several in one transaction, as import saves them), steps
 * along every path, categories, representatives, headcounts, repeats,
 * corrections and archiving, the counters equal a recount (laifang check
 * finds nothing), and every month's and the year's statistics, rendered as
 * `laifang stats` prints them and as CSV, are byte-identical whether read
 * from the counters or from the cases. A counter changed behind laifang's
 * back is named by check; the migration fills the counters of a database
 * made before it. */
#include "caseflow_fixture.h"

#include "laifang/access.h"
#include "laifang/correct.h"
#include "laifang/i18n.h"
#include "laifang/settings.h"
#include "laifang/stats.h"
#include "laifang/store_stats.h"
#include "schema_undo.h"

#include "../../src/store/store_internal.h"
#include "../../src/store/sqlite/sqlite_driver.h"

static const char *const ids[] = {"110105198001010016", "110105198102020029", "110105198203030031",
                                  "110105198304040044", "110105198405050057", "440104198501011234",
                                  "11010519491231002X", "320102199003154560", "320102199003154579"};
enum { N_IDS = sizeof ids / sizeof *ids, N_CASES = 48 };

static unsigned long long seed = 20261123;
static unsigned pick(unsigned n)
{
	seed = seed * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(seed >> 33) % n;
}

typedef struct office {
	char id[N_CASES + 8][40], no[N_CASES + 8][16];
	int n;
} office;

static void save(lf_store *st, office *o, const char *date)
{
	static const char *const channels[] = {"visit", "visit", "letter", "online"};
	static const char *const names[] = {"李一", "王二", "张三", "赵四", "钱五"};
	lf_registration r = {
		.receptionist = "zhang", .received_on = date, .name = names[pick(5)], .sex = "男",
		.phone = "13812345678", .id_number = ids[pick(N_IDS)], .content = "反映拆迁补偿款未到位",
		.channel = channels[pick(4)], .repeat = pick(3) == 0,
	};
	lf_saved_case c;
	lf_user clerk = as(st, "zhang");
	if (lf_store_save_registration(st, &r, &c) != LF_STORE_OK)
		fail_msg("save: %s", lf_store_errmsg(st));
	lf_user_free(&clerk);
	snprintf(o->id[o->n], sizeof o->id[0], "%s", c.case_id);
	snprintf(o->no[o->n], sizeof o->no[0], "%s", c.case_no);
	o->n++;
}

/* One step further along some path, as whoever may; refusals are fine
 * (nothing is written then). */
/* No step that gives a case its category (a referral makes it 检举控告类):
 * undoing migration 24 for test_migration_fills drops case_file.kind. */
static bool no_category;

static void advance(lf_store *st, const char *id)
{
	static const char *const sats[] = {"satisfied", "basically", "dissatisfied", NULL};
	char msg[1024];
	lf_case_flow f = flow_of(st, id);
	lf_step_args a = {.reason = "不属于信访事项", .text = "已办理。", .satisfaction = sats[pick(4)],
	                  .allow_nonworking = true};
	lf_case_state s = f.state;
	lf_case_flow_free(&f);
	switch (s) {
	case LF_ST_REGISTERED: {
		static const lf_step steps[] = {LF_STEP_ACCEPT, LF_STEP_ACCEPT, LF_STEP_ACCEPT, LF_STEP_DECLINE,
		                                LF_STEP_REFER};
		lf_step k = steps[pick(5)];
		if (k == LF_STEP_REFER && no_category)
			k = LF_STEP_ACCEPT;
		a.unit = k == LF_STEP_REFER ? U_DISC : NULL;
		step_as(st, "sun", id, k, &a, msg, sizeof msg);
		break;
	}
	case LF_ST_ACCEPTED: {
		static const lf_step steps[] = {LF_STEP_IN_HOUSE, LF_STEP_TRANSFER, LF_STEP_ASSIGN};
		static const char *const units[] = {U_DEPT, U_PEER, U_LOWER};
		unsigned i = pick(3);
		a.unit = units[i];
		step_as(st, "sun", id, steps[i], &a, msg, sizeof msg);
		break;
	}
	case LF_ST_IN_HOUSE:
		step_as(st, "qian", id, LF_STEP_TAKE_UP, &a, msg, sizeof msg);
		break;
	case LF_ST_TRANSFERRED:
		step_as(st, "zhou", id, LF_STEP_TAKE_UP, &a, msg, sizeof msg);
		break;
	case LF_ST_HANDLING:
	case LF_ST_REPORTED:
		/* whoever took it up reports and replies */
		if (step_as(st, "qian", id, s == LF_ST_HANDLING ? LF_STEP_REPORT : LF_STEP_REPLY, &a, msg, sizeof msg) !=
		    LF_STORE_OK)
			step_as(st, "zhou", id, s == LF_ST_HANDLING ? LF_STEP_REPORT : LF_STEP_REPLY, &a, msg, sizeof msg);
		break;
	default:
		step_as(st, "wu", id, LF_STEP_ARCHIVE, &a, msg, sizeof msg);
		break;
	}
}

/* Something else about a case: its category, a representative and the
 * headcount, the repeat flag, a correction of the sheet. */
static void touch(lf_store *st, const char *id)
{
	static const char *const cats[] = {"甲类", "乙类", ""};
	char msg[1024];
	lf_user sun = as(st, "sun");
	switch (pick(4)) {
	case 0:
		lf_category_set_case(st, &sun, id, cats[pick(3)], msg, sizeof msg);
		break;
	case 1:
		lf_user_free(&sun);
		sun = as(st, "zhang"); /* the clerk */
		if (lf_case_add_representative(st, &sun, id, ids[pick(N_IDS)], "代表", "女", "13900000000", NULL, msg,
		                               sizeof msg) == LF_STORE_OK)
			lf_case_set_headcount(st, &sun, id, 2 + (int)pick(6), msg, sizeof msg);
		break;
	case 2:
		lf_case_set_repeat(st, &sun, id, pick(2), msg, sizeof msg);
		break;
	default:
		lf_case_correct(st, &sun, id, "name", "更正后", NULL, msg, sizeof msg);
		break;
	}
	lf_user_free(&sun);
}

static void build(lf_store *st, office *o)
{
	char msg[512];
	lf_user admin = as(st, "admin");
	assert_int_equal(lf_category_add(st, &admin, "甲类", msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(lf_category_add(st, &admin, "乙类", msg, sizeof msg), LF_STORE_OK);
	lf_user_free(&admin);
	/* Days from December 2025 to December 2026, in order; steps on the
	 * cases so far between them (met and missed deadlines both). */
	for (int day = 0; o->n < N_CASES; day += 1 + (int)pick(12)) {
		lf_date d = lf_date_add((lf_date){2025, 12, 1}, day);
		char date[LF_DATE_LEN];
		lf_date_format(d, date);
		today(date);
		if (pick(4) == 0 && o->n + 3 <= N_CASES) {
			/* several in one transaction, as import saves a file */
			assert_int_equal(lf_store_begin(st), LF_STORE_OK);
			for (int i = 0; i < 3; i++)
				save(st, o, date);
			assert_int_equal(lf_store_commit(st), LF_STORE_OK);
		} else
			save(st, o, date);
		for (int k = 0; k < 4; k++) {
			const char *id = o->id[pick((unsigned)o->n)];
			if (pick(3))
				advance(st, id);
			else
				touch(st, id);
		}
	}
	today("2026-12-28");
	for (int k = 0; k < 3 * N_CASES; k++)
		advance(st, o->id[pick((unsigned)o->n)]);
}

/* ---- the statistics both ways ---- */

typedef struct text {
	char *buf;
	size_t len;
	FILE *f;
} text;

static void line(const char *l, bool heading, void *ud)
{
	fprintf(((text *)ud)->f, "%d %s\n", heading, l);
}

/* `laifang stats` as lines and as CSV, from the counters or recounted. */
static char *figures(lf_store *st, int year, int month, bool recount)
{
	text t = {0};
	char msg[512];
	lf_user sun = as(st, "sun");
	lf_stats s;
	lf_store_stats_recount(st, recount);
	if (lf_stats_compute(st, &sun, year, month, &s, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("stats %d-%d: %s", year, month, msg);
	lf_store_stats_recount(st, false);
	t.f = open_memstream(&t.buf, &t.len);
	assert_non_null(t.f);
	lf_stats_render(&s, 80, line, &t); /* as `laifang stats` prints it */
	assert_int_equal(lf_stats_write_csv(&s, t.f), 0);
	fclose(t.f);
	lf_stats_free(&s);
	lf_user_free(&sun);
	return t.buf;
}

static void same_figures(lf_store *st)
{
	for (int y = 2025; y <= 2026; y++)
		for (int m = 0; m <= 12; m++) {
			char *a = figures(st, y, m, false), *b = figures(st, y, m, true);
			if (strcmp(a, b))
				fail_msg("%d-%02d from the counters:\n%s\nrecounted:\n%s", y, m, a, b);
			free(a);
			free(b);
		}
}

static void no_problems(lf_store *st)
{
	static char problems[16384];
	int n = sf_check(st, problems, sizeof problems);
	if (n)
		fail_msg("%d problems:\n%s", n, problems);
}

static void test_counters_equal_recount(void **state)
{
	fixture *t = *state;
	office o = {0};
	build(t->st, &o);
	no_problems(t->st);
	same_figures(t->st);
	/* The figures are not empty: every kind of fact was counted. */
	char msg[512], *year = figures(t->st, 2026, 0, false);
	lf_user sun = as(t->st, "sun");
	lf_stats s;
	assert_int_equal(lf_stats_compute(t->st, &sun, 2026, 0, &s, msg, sizeof msg), LF_STORE_OK);
	assert_true(s.p.visits > 30);
	assert_true(s.p.people > 3 && s.p.people <= N_IDS + 0);
	assert_true(s.p.groups > 0 && s.p.repeats > 0);
	assert_true(s.p.channel[0] > 0 && s.p.channel[1] > 0 && s.p.channel[2] > 0);
	assert_true(s.accepted > 0 && s.declined > 0 && s.replied > 0);
	assert_true(s.rules[LF_DL_ROUTE].met > 0 && s.rules[LF_DL_ROUTE].late > 0);
	assert_true(s.p.by_category.n >= 3 && s.p.by_unit.n >= 2);
	lf_stats_free(&s);
	lf_user_free(&sun);
	free(year);
}

/* A counter changed with sqlite3 is named; the others are not. */
static void test_check_names_counter(void **state)
{
	fixture *t = *state;
	office o = {0};
	build(t->st, &o);
	char day[16], problems[4096], want[160];
	sf_raw(t->db, "SELECT period FROM stats_count WHERE dim = 'event' AND key = 'accept' ORDER BY period LIMIT 1", day,
	       sizeof day);
	long long n = sf_raw(t->db, "SELECT n FROM stats_count WHERE dim = 'event' AND key = 'accept' ORDER BY period "
	                            "LIMIT 1", NULL, 0);
	assert_true(n > 0);
	lf_store_close(t->st);
	char sql[256];
	snprintf(sql, sizeof sql, "UPDATE stats_count SET n = n + 2 WHERE dim = 'event' AND key = 'accept' AND period = '%s'",
	         day);
	assert_int_equal(sf_exec(t->db, sql), SQLITE_OK);
	t->st = lf_store_open(t->db, NULL, problems, sizeof problems);
	assert_non_null(t->st);
	assert_int_equal(sf_check(t->st, problems, sizeof problems), 1);
	snprintf(want, sizeof want, "The statistics counter event accept of %s says %lld, but the cases give %lld.\n",
	         day, n + 2, n);
	assert_string_equal(problems, want);
	/* A month's people too. */
	lf_store_close(t->st);
	assert_int_equal(sf_exec(t->db, "UPDATE stats_count SET n = 0 WHERE dim = 'people' AND period = '2026'"), SQLITE_OK);
	t->st = lf_store_open(t->db, NULL, problems, sizeof problems);
	assert_int_equal(sf_check(t->st, problems, sizeof problems), 2);
	assert_non_null(strstr(problems, "The statistics counter people of 2026 says 0, but the cases give "));
}

/* A database made before db/022: the migration counts its cases. */
static void test_migration_fills(void **state)
{
	fixture *t = *state;
	office o = {0};
	no_category = true;
	/* An older laifang's replies opened no evaluation period (db/028):
	 * with none kept, the undone schema's rows stay as sealed. */
	lf_user admin = as(t->st, "admin");
	char why[512];
	assert_int_equal(lf_setting_set(t->st, &admin, "evaluation_days", "0", why, sizeof why), LF_STORE_OK);
	lf_user_free(&admin);
	build(t->st, &o);
	no_category = false;
	char *before = figures(t->st, 2026, 0, true);
	lf_store_close(t->st);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
	assert_int_equal(schema_undo_to(db, 21), SQLITE_OK);
	sqlite3_close(db);
	char msg[512];
	t->st = lf_store_open(t->db, NULL, msg, sizeof msg);
	assert_non_null(t->st);
	assert_true(sf_raw(t->db, "SELECT count(*) FROM stats_case", NULL, 0) == N_CASES);
	no_problems(t->st);
	char *after = figures(t->st, 2026, 0, false);
	assert_string_equal(after, before);
	same_figures(t->st);
	/* and they are kept from there on */
	today("2026-12-29");
	for (int k = 0; k < N_CASES; k++)
		advance(t->st, o.id[pick((unsigned)o.n)]);
	save(t->st, &o, "2026-12-29");
	no_problems(t->st);
	same_figures(t->st);
	free(before);
	free(after);
}

/* Queue counts (issue 16): states alone for a reader of every case come
 * from the state counters and equal a count of the cases; any other count
 * walks its rows, exactly or up to a cap. */
static void test_queue_counts(void **state)
{
	fixture *t = *state;
	office o = {0};
	build(t->st, &o);
	char sql[160];
	long n, total = 0;
	for (int s = 0; s < LF_ST_COUNT; s++) {
		lf_queue_filter f = {.states = 1u << s};
		assert_int_equal(lf_store_queue_count(t->st, &f, &n), LF_STORE_OK);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM case_file WHERE status = '%s'", lf_state_id((lf_case_state)s));
		assert_int_equal(n, sf_raw(t->db, sql, NULL, 0));
		total += n;
	}
	assert_int_equal(total, o.n);
	lf_queue_filter all = {0};
	assert_int_equal(lf_store_queue_count(t->st, &all, &n), LF_STORE_OK);
	assert_int_equal(n, o.n);
	/* Not states alone: counted from the rows, exactly or up to the cap. */
	lf_queue_filter due = {.states = ((1u << LF_ST_COUNT) - 1) & ~(1u << LF_ST_ARCHIVED), .due_before = "2099-12-31"};
	long exact, capped;
	assert_int_equal(lf_store_queue_count(t->st, &due, &exact), LF_STORE_OK);
	assert_int_equal(exact, sf_raw(t->db, "SELECT count(*) FROM case_file WHERE status <> 'archived' AND due_on <> ''",
	                               NULL, 0));
	assert_true(exact > 5);
	due.count_cap = 3;
	assert_int_equal(lf_store_queue_count(t->st, &due, &capped), LF_STORE_OK);
	assert_int_equal(capped, 4);
	due.count_cap = exact;
	assert_int_equal(lf_store_queue_count(t->st, &due, &capped), LF_STORE_OK);
	assert_int_equal(capped, exact);
	/* A reader who may read only some cases: the rows, not the counters. */
	lf_user zhang = as(t->st, "zhang");
	lf_case_reader r;
	lf_case_reader_for(&zhang, &r);
	lf_store_set_reader(t->st, &r);
	lf_queue_filter registered = {.states = 1u << LF_ST_REGISTERED, .count_cap = LF_QUEUE_COUNT_CAP};
	assert_int_equal(lf_store_queue_count(t->st, &registered, &n), LF_STORE_OK);
	assert_int_equal(n, sf_raw(t->db, "SELECT count(*) FROM case_file WHERE status = 'registered' AND receptionist_id = "
	                                  "(SELECT id FROM app_user WHERE login = 'zhang')", NULL, 0));
	lf_store_set_reader(t->st, NULL);
	lf_user_free(&zhang);
	char shown[24];
	lf_queue_count_text(LF_QUEUE_COUNT_CAP + 1, shown, sizeof shown);
	assert_string_equal(shown, "10000+");
	lf_queue_count_text(LF_QUEUE_COUNT_CAP, shown, sizeof shown);
	assert_string_equal(shown, "10000");
}

/* Every statement the store kept, planned on its own connection: the plan
 * lines that read case_event through the kind index (db/031), with the
 * statement, appended to out. The statements kept: *n. */
static void kind_index_plans(lf_store *st, char *out, size_t len, int *n)
{
	*n = 0;
	out[0] = '\0';
	for (int i = 0; i < STMT_MAX; i++) {
		if (!st->stmts[i])
			continue;
		sqlite3_stmt *h = sql_sqlite_stmt(st->stmts[i]);
		const char *sql = sqlite3_sql(h);
		/* the annual report counts every event of a kind in a year: its index */
		if (!strncmp(sql, "SELECT count(*) FROM case_event WHERE kind", 42))
			continue;
		char *eqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
		sqlite3_stmt *q = NULL;
		assert_int_equal(sqlite3_prepare_v2(sqlite3_db_handle(h), eqp, -1, &q, NULL), SQLITE_OK);
		(*n)++;
		while (sqlite3_step(q) == SQLITE_ROW) {
			const char *line = (const char *)sqlite3_column_text(q, 3);
			size_t used = strlen(out);
			if (line && strstr(line, "case_event_kind_at") && used < len)
				snprintf(out + used, len - used, "%s\n    in: %.300s\n", line, sql);
		}
		sqlite3_finalize(q);
		sqlite3_free(eqp);
	}
}

/* A new office's events written after its last ANALYZE (an import of
 * registrations takes the statistics when case_event is still empty): SQLite
 * has no figures for case_event, and a statement reading one case's events
 * of a kind must still read them by the case, not every event of that kind
 * in the office through case_event_kind_at. Once each Save recounting its
 * case's statistics did (7 ms at 20,000 cases and growing). */
static void test_no_kind_index_for_one_case(void **state)
{
	fixture *t = *state;
	office o = {0};
	char msg[512];
	today("2025-12-01");
	for (int i = 0; i < 3; i++)
		save(t->st, &o, "2025-12-01");
	lf_store_close(t->st);
	sf_raw(t->db, "ANALYZE; DELETE FROM sqlite_stat1 WHERE tbl = 'case_event'", NULL, 0);
	t->st = lf_store_open(t->db, NULL, msg, sizeof msg);
	assert_non_null(t->st);
	build(t->st, &o);
	for (int i = 0; i < o.n; i++) {
		lf_case_flow f = flow_of(t->st, o.id[i]);
		lf_case_flow_free(&f);
	}
	no_problems(t->st);
	assert_non_null(t->st->stmts[STMT_STATS_FACTS]); /* the Save's recount was kept */
	static char found[16384];
	int n;
	kind_index_plans(t->st, found, sizeof found, &n);
	assert_true(n > 30);
	if (found[0])
		fail_msg("statements of one case read case_event by kind:\n%s", found);
}

/* stats_count as rows "dim period key n", in key order. */
static char *counters(const char *db)
{
	static char buf[65536];
	sf_raw(db, "SELECT group_concat(r, char(10)) FROM (SELECT dim || ' ' || period || ' ' || key || ' ' || n AS r "
	           "FROM stats_count ORDER BY dim, period, key)", buf, sizeof buf);
	return buf;
}

static long visits_of(lf_store *st, int year, int month)
{
	char msg[512];
	lf_user sun = as(st, "sun");
	lf_stats s;
	if (lf_stats_compute(st, &sun, year, month, &s, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("stats %d-%d: %s", year, month, msg);
	long n = s.p.visits;
	lf_stats_free(&s);
	lf_user_free(&sun);
	return n;
}

/* A batch (an import's one transaction) sums the counters' changes and
 * writes them at its commit: many cases of one month and a few of others
 * count exactly, a read inside the batch sees them, and a batch rolled
 * back leaves the counters as they were, the next write included. */
static void test_batch_sums(void **state)
{
	fixture *t = *state;
	office o = {0};
	today("2026-04-10");
	save(t->st, &o, "2026-03-01"); /* one of its own first */
	assert_int_equal(lf_store_begin(t->st), LF_STORE_OK);
	for (int i = 0; i < 30; i++)
		save(t->st, &o, i % 2 ? "2026-03-15" : "2026-03-20");
	for (int i = 0; i < 4; i++)
		save(t->st, &o, "2026-02-27");
	/* read inside the batch: its sums are written first */
	assert_int_equal(visits_of(t->st, 2026, 3), 31);
	for (int i = 0; i < 3; i++)
		save(t->st, &o, "2026-04-02");
	assert_int_equal(lf_store_commit(t->st), LF_STORE_OK);
	no_problems(t->st);
	same_figures(t->st);
	assert_int_equal(visits_of(t->st, 2026, 2), 4);
	assert_int_equal(visits_of(t->st, 2026, 3), 31);
	assert_int_equal(visits_of(t->st, 2026, 4), 3);
	assert_int_equal(visits_of(t->st, 2026, 0), 38);
	assert_int_equal(sf_raw(t->db, "SELECT n FROM stats_count WHERE dim = 'visits' AND period = '2026-03'", NULL, 0),
	                 31);
	/* A batch rolled back, as an import that meets a bad row: nothing. */
	char *before = strdup(counters(t->db));
	assert_non_null(before);
	assert_int_equal(lf_store_begin(t->st), LF_STORE_OK);
	for (int i = 0; i < 12; i++)
		save(t->st, &o, i < 10 ? "2026-03-25" : "2026-01-05");
	lf_store_rollback(t->st);
	o.n -= 12;
	assert_string_equal(counters(t->db), before);
	no_problems(t->st);
	/* and the next write counts only itself */
	save(t->st, &o, "2026-03-26");
	no_problems(t->st);
	assert_int_equal(visits_of(t->st, 2026, 3), 32);
	assert_int_equal(visits_of(t->st, 2026, 1), 0);
	free(before);
}

/* "Overdue now" (db/041): the counters of each due date give the open
 * cases past their due date exactly as the queue index counts them, on any
 * day, inside a batch too; a due date's counter changed with sqlite3 is
 * named by check. */
static long overdue(lf_store *st, const char *day, bool recount)
{
	long n = -1;
	lf_store_stats_recount(st, recount);
	lf_store_err e = lf_store_overdue_count(st, day, &n);
	lf_store_stats_recount(st, false);
	if (e != LF_STORE_OK)
		fail_msg("overdue on %s: %s", day, lf_store_errmsg(st));
	return n;
}

static void test_overdue_counter(void **state)
{
	static const char *const days[] = {"2025-12-01", "2026-02-10", "2026-06-30", "2026-12-28", "2027-06-01"};
	fixture *t = *state;
	office o = {0};
	build(t->st, &o);
	long seen[5], open = sf_raw(t->db, "SELECT count(*) FROM case_file WHERE status <> 'archived' "
	                                   "AND due_on IS NOT NULL", NULL, 0);
	for (int i = 0; i < 5; i++) {
		seen[i] = overdue(t->st, days[i], false);
		assert_int_equal(seen[i], overdue(t->st, days[i], true));
	}
	/* on each due date itself: the cases due that day are not yet overdue */
	char dates[4096];
	sf_raw(t->db, "SELECT group_concat(d, ' ') FROM (SELECT DISTINCT due_on AS d FROM case_file "
	              "WHERE status <> 'archived' AND due_on IS NOT NULL ORDER BY 1)", dates, sizeof dates);
	int n_dates = 0;
	for (char *p = strtok(dates, " "); p; p = strtok(NULL, " "), n_dates++)
		assert_int_equal(overdue(t->st, p, false), overdue(t->st, p, true));
	assert_true(n_dates > 3);
	/* none due before the first case; more with each later day; every
	 * open case with a due date is past it a year on */
	assert_int_equal(seen[0], 0);
	assert_true(seen[2] > 0 && seen[3] >= seen[2]);
	assert_true(open > 0);
	assert_int_equal(seen[4], open);
	/* the report closes the handling deadline: the case leaves its date */
	char id[40], msg[512];
	sf_raw(t->db, "SELECT id FROM case_file WHERE status = 'handling' AND due_on IS NOT NULL LIMIT 1", id, sizeof id);
	assert_true(id[0] != '\0');
	lf_step_args a = {.text = "已办理。", .allow_nonworking = true};
	if (step_as(t->st, "qian", id, LF_STEP_REPORT, &a, msg, sizeof msg) != LF_STORE_OK)
		assert_int_equal(step_as(t->st, "zhou", id, LF_STEP_REPORT, &a, msg, sizeof msg), LF_STORE_OK);
	assert_int_equal(overdue(t->st, "2027-06-01", false), --open);
	assert_int_equal(overdue(t->st, "2027-06-01", true), open);
	/* a batch's new cases count before its commit */
	today("2027-01-04");
	assert_int_equal(lf_store_begin(t->st), LF_STORE_OK);
	for (int i = 0; i < 3; i++)
		save(t->st, &o, "2027-01-04");
	long in_batch = overdue(t->st, "2028-01-01", false);
	assert_int_equal(lf_store_commit(t->st), LF_STORE_OK);
	assert_int_equal(in_batch, overdue(t->st, "2028-01-01", true));
	assert_true(in_batch > open);
	no_problems(t->st);
	/* a counter changed behind laifang's back */
	char day[16], problems[4096], want[160];
	sf_raw(t->db, "SELECT period FROM stats_count WHERE dim = 'open_due' ORDER BY period LIMIT 1", day, sizeof day);
	long long n = sf_raw(t->db, "SELECT n FROM stats_count WHERE dim = 'open_due' ORDER BY period LIMIT 1", NULL, 0);
	assert_true(n > 0);
	lf_store_close(t->st);
	char sql[200];
	snprintf(sql, sizeof sql, "UPDATE stats_count SET n = n + 5 WHERE dim = 'open_due' AND period = '%s'", day);
	assert_int_equal(sf_exec(t->db, sql), SQLITE_OK);
	t->st = lf_store_open(t->db, NULL, problems, sizeof problems);
	assert_non_null(t->st);
	assert_int_equal(sf_check(t->st, problems, sizeof problems), 1);
	snprintf(want, sizeof want, "The statistics counter open_due of %s says %lld, but the cases give %lld.\n", day,
	         n + 5, n);
	assert_string_equal(problems, want);
}

int main(void)
{
	setenv("LANGUAGE", "en", 1);
	lf_i18n_init("en");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_counters_equal_recount, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_check_names_counter, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_migration_fills, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_queue_counts, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_no_kind_index_for_one_case, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_batch_sums, cf_setup, cf_teardown),
		cmocka_unit_test_setup_teardown(test_overdue_counter, cf_setup, cf_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
