/* The screens' measures: each queue's count, first page and a deep page;
 * the returning-visitor lookup; a Save; the search screen's queries; the
 * state counts and the statistics. Each laifang call is timed beside the
 * same statements run raw (measure_pair), sample by sample in alternating
 * order on the same key. Only the Save writes to the office. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/caseflow.h"
#include "laifang/search.h"
#include "laifang/stats.h"
#include "laifang/store_flow.h"
#include "laifang/store_people.h"
#include "laifang/store_search.h"
#include "laifang/store_stats.h"

#define SAMPLES 2000
#define SAVES 200
#define QUEUE_SAMPLES 200
#define SEARCH_SAMPLES 21
#define DEEP_PAGE 1000 /* the deep page measured: keyset after 999 pages of 50 */

/* ---- the queues ---------------------------------------------------------------- */

#define ST(x) (1u << (x))

typedef struct last_row {
	int n;
	char case_no[16], due_on[11];
	bool urgent;
} last_row;

static int keep_last(const lf_queue_row *r, void *ud)
{
	last_row *l = ud;
	l->n++;
	snprintf(l->case_no, sizeof l->case_no, "%s", r->case_no);
	snprintf(l->due_on, sizeof l->due_on, "%s", r->due_on ? r->due_on : "");
	l->urgent = r->urgent;
	return 0;
}

/* The page after l (keyset). */
static void after(lf_queue_filter *f, const last_row *l)
{
	f->after_case_no = l->case_no;
	f->after_urgent = l->urgent;
	f->after_due_on = l->due_on;
}

typedef struct queue_call {
	lf_store *st;
	lf_queue_filter f;
	bool count;
} queue_call;

static void queue_ours(void *ud)
{
	queue_call *q = ud;
	last_row l = {0};
	long n;
	/* the count as the queue screen asks it (capped at LF_QUEUE_COUNT_CAP) */
	if ((q->count ? lf_queue_count(q->st, &q->f, &n) : lf_store_queue(q->st, &q->f, keep_last, &l)) !=
	    LF_STORE_OK)
		die(q->st);
}

static void measure_queue(const bench_db *db, lf_store *st, raw_db *raw, const char *what, const lf_queue_filter *f,
                          bool count, int samples)
{
	queue_call q = {st, *f, count};
	bench_pair p = {.st = st, .raw = raw, .ud = &q, .ours = queue_ours, .same_key = true};
	measure_pair(db, &p, samples, what, "ms", false);
}

void bench_queues(const bench_db *db, const office_people *o)
{
	unsigned open = ST(LF_ST_REGISTERED) | ST(LF_ST_ACCEPTED) | ST(LF_ST_IN_HOUSE) | ST(LF_ST_TRANSFERRED) |
	                ST(LF_ST_ASSIGNED) | ST(LF_ST_HANDLING) | ST(LF_ST_REPORTED);
	unsigned handling = ST(LF_ST_IN_HOUSE) | ST(LF_ST_TRANSFERRED) | ST(LF_ST_ASSIGNED) | ST(LF_ST_HANDLING) |
	                    ST(LF_ST_REPORTED);
	const struct {
		const char *name;
		lf_queue_filter f;
	} qs[] = {
		{"screening", {.states = ST(LF_ST_REGISTERED)}},
		{"routing", {.states = ST(LF_ST_ACCEPTED)}},
		{"transfer", {.states = ST(LF_ST_TRANSFERRED)}},
		{"assignment", {.states = ST(LF_ST_ASSIGNED)}},
		{"instructions", {.states = open, .instruction_leader_id = o->leader[0]}},
		{"handling (a unit)", {.states = handling, .unit_id = o->peer[0]}},
		/* today 2025-12-31: due within 2 working days (1 January is a holiday) */
		{"supervision", {.states = open, .due_before = "2026-01-05"}},
		{"archive", {.states = ST(LF_ST_REPLIED) | ST(LF_ST_DECLINED) | ST(LF_ST_REFERRED)}},
		{"archived", {.states = ST(LF_ST_ARCHIVED)}},
		/* 我的包案 (LF_Q_OWNED): every state but archived */
		{"owned", {.states = ((1u << LF_ST_COUNT) - 1) & ~ST(LF_ST_ARCHIVED), .owner_id = o->leader[0]}},
		/* 待审核 (LF_Q_APPROVAL): the unit's reports no approval names */
		{"approval (a unit)", {.states = ST(LF_ST_REPORTED), .unit_id = o->peer[0], .report_unapproved = true}},
	};
	lf_store *st = open_store(db);
	raw_db *raw = raw_open(db);
	for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		char what[64];
		lf_queue_filter f = qs[i].f;
		long n = 0, capped = 0;
		char shown[24];
		lf_store_queue_count(st, &f, &n);
		lf_queue_count(st, &f, &capped);
		lf_queue_count_text(capped, shown, sizeof shown);
		snprintf(what, sizeof what, "%s: count (%ld, shows %s)", qs[i].name, n, shown);
		measure_queue(db, st, raw, what, &f, true, 11);
		snprintf(what, sizeof what, "%s: first page", qs[i].name);
		measure_queue(db, st, raw, what, &f, false, QUEUE_SAMPLES);
		/* Walk to the deep page (or the last full page there is). */
		last_row l = {0}, prev = {0};
		int page = 1;
		lf_queue_filter walk = f;
		for (; page < DEEP_PAGE; page++) {
			l = (last_row){0};
			if (lf_store_queue(st, &walk, keep_last, &l) != LF_STORE_OK)
				die(st);
			if (l.n < 50)
				break;
			prev = l;
			after(&walk, &prev);
		}
		/* End: the last rows, read upwards (the screen's window, issue 16) */
		f = qs[i].f;
		f.backward = true;
		f.limit = 34;
		snprintf(what, sizeof what, "%s: End", qs[i].name);
		measure_queue(db, st, raw, what, &f, false, QUEUE_SAMPLES);
		if (page < 2 || !prev.n)
			continue;
		f = qs[i].f;
		after(&f, &prev);
		snprintf(what, sizeof what, "%s: page %d", qs[i].name, page);
		measure_queue(db, st, raw, what, &f, false, QUEUE_SAMPLES);
		f.backward = true; /* and the page above it */
		snprintf(what, sizeof what, "%s: PgUp at page %d", qs[i].name, page);
		measure_queue(db, st, raw, what, &f, false, QUEUE_SAMPLES);
	}
	raw_close(raw);
	lf_store_close(st);
}

/* ---- the returning visitor --------------------------------------------------------- */

typedef struct lookup_call {
	lf_store *st;
	unsigned people;
	char id[19];
} lookup_call;

static void lookup_key(void *ud, int i)
{
	lookup_call *c = ud;
	char name[32], phone[12], address[96];
	(void)i;
	visitor_of(bench_rnd(c->people), c->id, name, phone, address);
}

static void lookup_ours(void *ud)
{
	lookup_call *c = ud;
	lf_visitor_info info;
	if (lf_store_find_visitor(c->st, c->id, &info) == LF_STORE_OK)
		lf_visitor_info_free(&info);
}

void bench_lookup(const bench_db *db)
{
	lf_store *st = open_store(db);
	raw_db *raw = raw_open(db);
	lookup_call c = {st, db->people, ""};
	bench_pair p = {.st = st, .raw = raw, .ud = &c, .key = lookup_key, .ours = lookup_ours};
	measure_pair(db, &p, SAMPLES, "visitor by ID number", "ms", true);
	raw_close(raw);
	lf_store_close(st);
}

/* ---- a Save -------------------------------------------------------------------------- */

typedef struct save_call {
	lf_store *st;
	unsigned people, k;
} save_call;

static void save_key(void *ud, int i)
{
	save_call *c = ud;
	c->k = bench_rnd(10) < 3 ? bench_rnd(c->people) : c->people + (unsigned)i + 2000000u;
}

/* A Save inside a transaction rolled back: the office is as it was. */
static void save_ours(void *ud)
{
	save_call *c = ud;
	if (lf_store_begin(c->st) != LF_STORE_OK || register_visit(c->st, c->k, c->k, "2025-12-31") != LF_STORE_OK)
		die(c->st);
	lf_store_rollback(c->st);
}

/* The issue's own baseline for a Save (SQLite): raw SQLite writing the
 * same rows in one durable transaction. Each sample traces the Save rolled
 * back (its statements and values), then, in alternating order, runs it
 * committed on the office and runs the traced statements, ending in COMMIT
 * instead of the ROLLBACK, on a copy of the office made first (the backup
 * API), both with synchronous=FULL in WAL mode: the same rows, the same
 * indexes, one fsync each, and each side's WAL checkpoints in its p99.
 * The traced values differ from the committed Save's only in its new ids
 * and time. false when the copy cannot be made. */
static bool save_committed(const bench_db *db, lf_store *st)
{
	char copy[sizeof db->target];
	snprintf(copy, sizeof copy, "%.4000s.save-raw", db->target);
	if (!bench_copy_office(db->target, copy))
		return false;
	bench_db other = *db;
	snprintf(other.target, sizeof other.target, "%s", copy);
	raw_db *raw = raw_open(&other);
	raw_exec(raw, "PRAGMA synchronous=FULL");
	long long cases_before = raw_value(raw, "SELECT count(*) FROM case_file");
	save_call c = {st, db->people, 0};
	static double ours[SAVES], base[SAVES];
	bench_trace t = {0};
	int unknown = 0;
	for (int i = 0; i < SAVES; i++) {
		save_key(&c, i);
		trace_start(&t);
		save_ours(&c);
		trace_stop();
		unknown = t.unknown;
		bench_run *last = t.n ? &t.runs[t.n - 1] : NULL;
		if (!last || !last->exec || strncasecmp(last->sql, "ROLLBACK", 8))
			fail("bench", "a Save's trace does not end in ROLLBACK");
		free(last->sql);
		last->sql = strdup("COMMIT");
		for (int turn = 0; turn < 2; turn++) {
			double t0 = now_ms();
			if ((turn == 0) == (i % 2 == 0)) {
				if (register_visit(st, c.k, c.k, "2025-12-31") != LF_STORE_OK)
					die(st);
				ours[i] = now_ms() - t0;
			} else {
				raw_replay(raw, &t);
				base[i] = now_ms() - t0;
			}
		}
	}
	trace_clear(&t);
	/* each replay committed its case */
	if (raw_value(raw, "SELECT count(*) FROM case_file") != cases_before + SAVES)
		fail("bench", "the raw Saves did not commit their cases");
	raw_close(raw);
	bench_remove_db(copy);
	const char *mark = unknown ? " (!)" : "";
	char what[96];
	snprintf(what, sizeof what, "Save vs its rows committed raw, median%s", mark);
	report(db, what, median(ours, SAVES), median(base, SAVES), "ms (both durable, one transaction)");
	snprintf(what, sizeof what, "Save vs its rows committed raw, p99%s", mark);
	report(db, what, p99(ours, SAVES), p99(base, SAVES), "ms (both durable, one transaction)");
	return true;
}

/* A Save (visitor, case number, case, link, audit: one durable
 * transaction) beside one raw durable commit of one row in the same
 * database: the ratio says how many durable commits a Save costs. The
 * Saves stay in the office (the later measures see a few hundred more
 * cases); the raw row's table is dropped. */
void bench_save(const bench_db *db)
{
	bool pg = !strcmp(db->backend, "pg");
	lf_store *st = open_store(db);
	raw_db *raw = raw_open(db);
	if (!pg)
		raw_exec(raw, "PRAGMA synchronous=FULL");
	raw_exec(raw, "CREATE TABLE IF NOT EXISTS bench_commit (n BIGINT)");
	raw_stmt *ins = raw_prepare(raw, "INSERT INTO bench_commit VALUES (?1)");
	static double ours[SAVES], base[SAVES];
	for (int i = 0; i < SAVES; i++) {
		unsigned k = bench_rnd(10) < 3 ? bench_rnd(db->people) : db->people + (unsigned)i + 1000000u;
		for (int turn = 0; turn < 2; turn++) {
			double t = now_ms();
			if ((turn == 0) == (i % 2 == 0)) {
				if (register_visit(st, k, (unsigned)i, "2025-12-31") != LF_STORE_OK)
					die(st);
				ours[i] = now_ms() - t;
			} else {
				bench_val v = {.type = SQL_INTEGER, .i = i};
				raw_exec(raw, pg ? "BEGIN" : "BEGIN IMMEDIATE");
				raw_bind(ins, 1, &v);
				raw_run(ins, NULL);
				raw_exec(raw, "COMMIT");
				base[i] = now_ms() - t;
			}
		}
	}
	raw_exec(raw, "DROP TABLE bench_commit");
	raw_close(raw);
	report(db, "Save vs one durable commit, median", median(ours, SAVES), median(base, SAVES), "ms");
	report(db, "Save vs one durable commit, p99", p99(ours, SAVES), p99(base, SAVES), "ms");
	/* The same Save's statements (the rows, the audit entry, the seal's
	 * reads, the counters), each side rolled back: the store's work
	 * beside the database's, without the fsync. */
	raw = raw_open(db);
	save_call c = {st, db->people, 0};
	bench_pair p = {.st = st, .raw = raw, .ud = &c, .key = save_key, .ours = save_ours};
	measure_pair(db, &p, SAVES, "Save, its statements (rolled back)", "ms", true);
	raw_close(raw);
	if (!pg)
		save_committed(db, st);
	lf_store_close(st);
}

/* ---- search ---------------------------------------------------------------------------- */

typedef struct search_call {
	lf_store *st;
	lf_search_query q;
	int hits;
} search_call;

static int count_hit(const lf_search_row *r, void *ud)
{
	(void)r;
	(*(int *)ud)++;
	return 0;
}

static void search_ours(void *ud)
{
	search_call *c = ud;
	c->hits = 0;
	if (lf_store_search(c->st, &c->q, count_hit, &c->hits) != LF_STORE_OK)
		die(c->st);
}

/* The search screen's queries, first page of 50. */
void bench_search(const bench_db *db)
{
	lf_store *st = open_store(db);
	raw_db *raw = raw_open(db);
	const struct {
		const char *what, *term;
	} words[] = {
		{"2 chars 工资", "工资"},
		{"2 chars 噪音", "噪音"},
		{"2 chars 拆迁 (none)", "拆迁"},
		{"1 char 霞", "霞"},
		{"phrase 拖欠工资", "拖欠工资"},
		{"phrase 请求重新评估", "请求重新评估"},
		{"name 王伟", "王伟"},
		{"name 陈秀英", "陈秀英"},
	};
	char what[96];
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		search_call c = {st, {.kind = LF_SEARCH_TEXT, .terms = {words[i].term}, .n_terms = 1, .limit = 50}, 0};
		search_ours(&c);
		snprintf(what, sizeof what, "search %s (%d)", words[i].what, c.hits);
		bench_pair p = {.st = st, .raw = raw, .ud = &c, .ours = search_ours, .same_key = true};
		measure_pair(db, &p, SEARCH_SAMPLES, what, "ms", false);
	}
	char id[19], name[32], phone[12], address[96];
	visitor_of(db->people / 2, id, name, phone, address);
	search_call c = {st, {.kind = LF_SEARCH_NUMBER, .number = id + 14, .id = true, .phone = true, .limit = 50}, 0};
	search_ours(&c);
	snprintf(what, sizeof what, "search ID last 4 (%d)", c.hits);
	bench_pair p = {.st = st, .raw = raw, .ud = &c, .ours = search_ours, .same_key = true};
	measure_pair(db, &p, SEARCH_SAMPLES, what, "ms", false);
	raw_close(raw);
	lf_store_close(st);
}

/* ---- counts and statistics ---------------------------------------------------------------- */

/* One raw statement that recounts a period's figures from its cases (what
 * the counters of db/022 replace). */
static const char raw_stats_sql[] =
	"SELECT 'visits', '', count(*) FROM case_file c WHERE c.received_on BETWEEN ?1 AND ?2 "
	"UNION ALL SELECT 'person_times', '', sum(c.headcount) FROM case_file c WHERE c.received_on BETWEEN ?1 AND ?2 "
	"UNION ALL SELECT 'repeats', '', sum(c.is_repeat) FROM case_file c WHERE c.received_on BETWEEN ?1 AND ?2 "
	"UNION ALL SELECT 'groups', '', count(*) FROM case_file c WHERE c.received_on BETWEEN ?1 AND ?2 "
	"AND c.headcount > 1 "
	"UNION ALL SELECT 'group_people', '', sum(c.headcount) FROM case_file c WHERE c.received_on BETWEEN ?1 AND ?2 "
	"AND c.headcount > 1 "
	"UNION ALL SELECT 'channel', c.channel, count(*) FROM case_file c WHERE c.received_on BETWEEN ?1 AND ?2 "
	"GROUP BY c.channel "
	"UNION ALL SELECT 'month', substr(c.received_on, 1, 7), count(*) FROM case_file c "
	"WHERE c.received_on BETWEEN ?1 AND ?2 GROUP BY substr(c.received_on, 1, 7) "
	"UNION ALL SELECT 'category', coalesce(c.category_id, ''), count(*) FROM case_file c "
	"WHERE c.received_on BETWEEN ?1 AND ?2 GROUP BY coalesce(c.category_id, '') "
	"UNION ALL SELECT 'unit', coalesce(c.lead_unit_id, ''), count(*) FROM case_file c "
	"WHERE c.received_on BETWEEN ?1 AND ?2 GROUP BY coalesce(c.lead_unit_id, '') "
	"UNION ALL SELECT 'event', t.k, count(*) FROM (SELECT DISTINCT e.case_id, CASE WHEN e.kind = 'reply' THEN "
	"'reply:' || coalesce(e.satisfaction, e.satisfaction_stance, 'none') ELSE e.kind END AS k FROM case_file c "
	"JOIN case_event e ON e.case_id = c.id WHERE c.received_on BETWEEN ?1 AND ?2 AND e.kind IN ('accept', "
	"'assign', 'decline', 'in_house', 'refer', 'reply', 'report', 'transfer')) t GROUP BY t.k "
	"UNION ALL SELECT 'clock', k.rule || '|' || CASE WHEN k.state <> 'running' AND k.stop_on IS NOT NULL THEN "
	"CASE WHEN k.stop_on <= k.due_on THEN '+' ELSE '-' END ELSE '=' || k.due_on END, count(*) FROM case_file c "
	"JOIN case_clock k ON k.case_id = c.id WHERE c.received_on BETWEEN ?1 AND ?2 "
	"AND k.state IN ('running', 'met', 'missed') GROUP BY 2 "
	"UNION ALL SELECT 'people', '', count(DISTINCT v.visitor_id) FROM case_file c "
	"JOIN case_visitor v ON v.case_id = c.id WHERE c.received_on BETWEEN ?1 AND ?2";

typedef struct stats_call {
	lf_store *st;
	int month;
} stats_call;

static void stats_ours(void *ud)
{
	stats_call *c = ud;
	lf_user boss = {.roles = LF_ROLE_ADMIN};
	char msg[256];
	lf_stats s;
	if (lf_stats_compute(c->st, &boss, 2025, c->month, &s, msg, sizeof msg) != LF_STORE_OK)
		fail("stats", msg);
	lf_stats_free(&s);
}

/* The statistics of a month and of the year (issue 16): `laifang stats`'s
 * own call (the counters of db/022, the state counters, the overdue count)
 * beside its statements run raw; then the same call reading the cases
 * (lf_store_stats_recount, as before db/022) and the counters, each
 * beside one raw statement recounting the figures from the cases. */
static void bench_stats(const bench_db *db)
{
	enum { N_STATS = 5 };
	double ours[N_STATS], scan[N_STATS], base[N_STATS], base2[N_STATS];
	lf_store *st = open_store(db);
	raw_db *raw = raw_open(db);
	raw_stmt *rs = raw_prepare(raw, raw_stats_sql);
	for (int month = 11; month >= 0; month -= 11) {
		const char *from = month ? "2025-11-01" : "2025-01-01", *to = month ? "2025-11-30" : "2025-12-31";
		stats_call c = {st, month};
		bench_pair p = {.st = st, .raw = raw, .ud = &c, .ours = stats_ours, .same_key = true};
		measure_pair(db, &p, N_STATS, month ? "stats: a month" : "stats: the year", "ms",
		             false);
		raw_text(rs, "?1", from);
		raw_text(rs, "?2", to);
		double *v[4] = {ours, scan, base, base2};
		for (int i = 0; i < N_STATS; i++)
			for (int k = 0; k < 4; k++) {
				int which = i % 2 ? 3 - k : k; /* alternate the order */
				double t = now_ms();
				if (which == 0 || which == 1) {
					lf_store_stats_recount(st, which == 1);
					stats_ours(&c);
				} else {
					raw_run(rs, NULL);
				}
				v[which][i] = now_ms() - t;
			}
		lf_store_stats_recount(st, false);
		report(db, month ? "stats: a month (counters)" : "stats: the year (counters)", median(ours, N_STATS),
		       median(base, N_STATS), "ms vs raw recount");
		report(db, month ? "stats: a month (recount)" : "stats: the year (recount)", median(scan, N_STATS),
		       median(base2, N_STATS), "ms vs raw recount");
	}
	raw_close(raw);
	lf_store_close(st);
}

/* Cases per state (issue 6): the counters of db/006 beside the GROUP BY
 * they replace; then the statistics. */
void bench_counts(const bench_db *db)
{
	enum { N_COUNT = 11 };
	double ours[N_COUNT], base[N_COUNT];
	long fast[LF_ST_COUNT], slow[LF_ST_COUNT];
	lf_store *st = open_store(db);
	for (int i = 0; i < N_COUNT; i++) {
		double t = now_ms();
		if (lf_store_status_counts(st, fast) != LF_STORE_OK)
			die(st);
		ours[i] = now_ms() - t;
		t = now_ms();
		if (lf_store_status_counts_slow(st, slow) != LF_STORE_OK)
			die(st);
		base[i] = now_ms() - t;
	}
	if (memcmp(fast, slow, sizeof fast))
		fail("counts", "the state counters differ from a count of the cases");
	report(db, "counts per state (vs GROUP BY)", median(ours, N_COUNT), median(base, N_COUNT), "ms");
	lf_store_close(st);
	bench_stats(db);
}
