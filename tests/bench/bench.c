/* make bench: laifang's store beside raw SQLite on the same file, in the same
 * run, on a synthetic office (Chinese names and text, valid ID numbers,
 * about 30% returning visitors). Each figure is printed with its baseline and
 * their ratio; machines here are shared and noisy, so only ratios compare.
 *
 * Usage: laifang-bench DIR [SIZE...]   (an office of SIZE cases is generated
 * once into DIR/office-SIZE.db and reused by later runs; printing first) */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "laifang/form.h"
#include "laifang/paper.h"
#include "laifang/stats.h"
#include "laifang/store_stats.h"
#include "laifang/date.h"
#include "laifang/search.h"
#include "laifang/store.h"
#include "laifang/store_audit.h"
#include "laifang/store_flow.h"
#include "laifang/store_people.h"
#include "laifang/store_search.h"
#include "laifang/validate.h"
#include "../../src/store/sqlite/sqlite_driver.h"
#include "../../src/store/store_internal.h" /* to run the store's own SQL text raw */
#include "../../src/store/access_internal.h" /* bound as the store binds it */
#include "../../src/store/search_internal.h"
#include "../../src/store/sqlite/sqlite_internal.h"
#include "../../src/tui/list_window.h" /* the screens' window, scrolled end to end */

#define SAMPLES 2000
#define SAVES 200
#define QUEUE_SAMPLES 200
#define DEEP_PAGE 1000 /* the deep page measured: keyset after 999 pages of 50 */

/* ---- a synthetic office ------------------------------------------------ */

static unsigned long long rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                       "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"};
static const char *const given[] = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军",
                                    "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"};
static const char *const places[] = {"广州市越秀区解放中路", "北京市西城区金融街", "深圳市福田区深南大道",
                                     "上海市黄浦区南京东路", "杭州市西湖区文三路"};
static const char *const topics[] = {
	"反映单位拖欠工资问题，多次讨要未果，请求督促用人单位依法支付。",
	"反映小区旁建筑工地夜间施工噪音扰民，严重影响居民休息。",
	"反映房屋征收补偿标准过低，与周边项目差距较大，请求重新评估。",
	"反映村里土地承包经营权纠纷，村委会处理不公。",
	"反映企业排放废气污染环境，周边群众多次投诉无果。",
	"反映医疗费用报销迟迟未到账，请求有关部门协调解决。",
};
static const char *const regions[] = {"110105", "440104", "310101", "330106", "510107", "420106"};

/* The k-th visitor of the office. k is spread over the birth date,
 * sequence and region of a valid ID number, so ids differ for k < 10^8. */
static void visitor_of(unsigned k, char id[19], char name[32], char phone[12], char address[96])
{
	unsigned y = 1950 + k % 50, m = 1 + (k / 50) % 12, d = 1 + (k / 600) % 28, seq = (k / 16800) % 1000;
	char body[18];
	snprintf(body, sizeof body, "%s%04u%02u%02u%03u", regions[(k / 16800000) % 6], y, m, d, seq);
	snprintf(id, 19, "%s%c", body, lf_id_check_digit(body));
	snprintf(name, 32, "%s%s", surnames[k % 20], given[(k / 20) % 20]);
	snprintf(phone, 12, "13%09u", k % 1000000000u);
	snprintf(address, 96, "%s%u号", places[k % 5], 1 + k % 300);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n ? v[n / 2] : 0;
}

static double p99(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n ? v[(n * 99) / 100] : 0;
}

static lf_store *open_store(const char *path)
{
	lf_store_err e;
	char msg[512];
	lf_store *st = lf_store_open(path, &e, msg, sizeof msg);
	if (!st) {
		fprintf(stderr, "bench: %s\n", msg);
		exit(2);
	}
	return st;
}

static long count_cases(lf_store *st)
{
	sqlite3_stmt *s;
	long n = -1;
	if (sqlite3_prepare_v2(sql_sqlite_handle(st->db), "SELECT count(*) FROM case_file", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Register one visit by visitor k on a day of 2025. */
static lf_store_err register_visit(lf_store *st, unsigned k, unsigned i)
{
	char id[19], name[32], phone[12], address[96], date[11], due[11];
	visitor_of(k, id, name, phone, address);
	snprintf(date, sizeof date, "2025-%02u-%02u", 1 + i % 12, 1 + i % 28);
	lf_date d;
	lf_date_parse(date, &d);
	lf_date_format(lf_date_add(d, 15), due); /* route within 15 days */
	lf_registration reg = {
		.receptionist = "bench", .received_on = date, .name = name, .sex = k % 2 ? "男" : "女",
		.phone = phone, .id_number = id, .address = address, .content = topics[i % 6],
		.due_on = due, .due_rule = "route",
	};
	lf_saved_case out;
	return lf_store_save_registration(st, &reg, &out);
}

/* About 30% of visits are by someone who came before. */
static unsigned visitor_for(unsigned *people)
{
	if (*people > 0 && rnd(10) < 3)
		return rnd(*people);
	return (*people)++;
}

static unsigned generate(const char *path, long size)
{
	lf_store *st = open_store(path);
	long have = count_cases(st);
	unsigned people = 0;
	rng = 0x9E3779B97F4A7C15ull; /* the same office every run */
	if (have >= size) {
		/* Already generated: replay the draws to know how many people exist. */
		for (long i = 0; i < size; i++)
			visitor_for(&people);
		lf_store_close(st);
		return people;
	}
	fprintf(stderr, "bench: generating %ld cases in %s ...\n", size, path);
	double t0 = now_ms();
	sqlite3_exec(sql_sqlite_handle(st->db), "PRAGMA synchronous=OFF", NULL, NULL, NULL); /* generation only */
	for (long i = 0; i < size;) {
		if (lf_store_begin(st) != LF_STORE_OK) {
			fprintf(stderr, "bench: %s\n", lf_store_errmsg(st));
			exit(2);
		}
		for (long j = 0; j < 20000 && i < size; j++, i++)
			if (register_visit(st, visitor_for(&people), (unsigned)i) != LF_STORE_OK) {
				fprintf(stderr, "bench: %s\n", lf_store_errmsg(st));
				exit(2);
			}
		if (lf_store_commit(st) != LF_STORE_OK) {
			fprintf(stderr, "bench: %s\n", lf_store_errmsg(st));
			exit(2);
		}
	}
	sqlite3_exec(sql_sqlite_handle(st->db), "ANALYZE", NULL, NULL, NULL);
	fprintf(stderr, "bench: generated in %.1f s (%u visitors)\n", (now_ms() - t0) / 1e3, people);
	lf_store_close(st);
	return people;
}


/* ---- the office's cases through their life ------------------------------ */

#define N_DEPT 10
#define N_PEER 20
#define N_LOWER 20
#define N_LEADERS 10

typedef struct office_people {
	char dept[N_DEPT][37], peer[N_PEER][37], lower[N_LOWER][37], disc[37];
	char leader[N_LEADERS][37];
} office_people;

static void die(lf_store *st)
{
	fprintf(stderr, "bench: %s\n", lf_store_errmsg(st));
	exit(2);
}

/* A unit by name, added when missing (a rerun after a stopped generation). */
static void unit_of(lf_store *st, const char *name, const char *kind, char id[37])
{
	if (lf_store_unit_add(st, name, kind, id) == LF_STORE_OK)
		return;
	lf_unit u;
	if (lf_store_unit_get(st, name, &u) != LF_STORE_OK)
		die(st);
	memcpy(id, u.id, 37);
	lf_unit_free(&u);
}

static void people_of(lf_store *st, office_people *o)
{
	char name[64];
	for (int i = 0; i < N_DEPT; i++) {
		snprintf(name, sizeof name, "第%d处", i + 1);
		unit_of(st, name, "department", o->dept[i]);
	}
	for (int i = 0; i < N_PEER; i++) {
		snprintf(name, sizeof name, "市直部门%d", i + 1);
		unit_of(st, name, "peer", o->peer[i]);
	}
	for (int i = 0; i < N_LOWER; i++) {
		snprintf(name, sizeof name, "区县信访局%d", i + 1);
		unit_of(st, name, "lower", o->lower[i]);
	}
	unit_of(st, "市纪委监委", "discipline", o->disc);
	for (int i = 0; i < N_LEADERS; i++) {
		char login[32];
		lf_user u;
		snprintf(login, sizeof login, "leader%d", i);
		snprintf(name, sizeof name, "%s%s", surnames[i], given[i]);
		if (lf_store_user_add(st, login, name, "副主任", NULL, 2, "x", o->leader[i]) == LF_STORE_OK)
			continue;
		if (lf_store_user_get(st, login, &u, NULL) != LF_STORE_OK)
			die(st);
		memcpy(o->leader[i], u.id, 37);
		lf_user_free(&u);
	}
}

static void step(lf_store *st, lf_event_in ev)
{
	ev.signer_name = "bench";
	if (ev.urgent == 0 && ev.major == 0)
		ev.urgent = ev.major = -1;
	if (lf_store_case_event(st, &ev) != LF_STORE_OK)
		die(st);
}

/* Case number no of the office, received on received (its due dates count
 * from there), taken to a state drawn for a real office: most archived, a
 * backlog in every open state. */
static void live_case(lf_store *st, const office_people *o, const char *no, const char *received)
{
	enum { REG, ACC, DEC, REF, INH, TRA, ASS, HAN, REP, RPL, ARC } target;
	unsigned r = rnd(100);
	target = r < 8 ? REG : r < 13 ? ACC : r < 17 ? DEC : r < 19 ? REF : r < 25 ? INH : r < 33 ? TRA
	       : r < 41 ? ASS : r < 50 ? HAN : r < 55 ? REP : r < 60 ? RPL : ARC;
	unsigned route = rnd(100); /* archived: 85% the whole way, 10% declined, 5% referred */
	char handle[11];
	lf_date d;
	lf_date_parse(received, &d);
	lf_date_format(lf_date_add(d, 60), handle);
	bool open = target != DEC && target != REF && target != RPL && target != ARC;
	if (open && rnd(100) < 3)
		step(st, (lf_event_in){.case_id = no, .kind = "flag", .urgent = 1, .major = -1});
	if (open && rnd(100) < 5)
		step(st, (lf_event_in){.case_id = no, .kind = "own", .user_id = o->leader[rnd(N_LEADERS)]});
	if (open && rnd(100) < 3)
		step(st, (lf_event_in){.case_id = no, .kind = "request_instruction", .user_id = o->leader[rnd(N_LEADERS)]});
	if (target == REG)
		return;
	if (target == DEC || (target == ARC && route >= 85 && route < 95)) {
		step(st, (lf_event_in){.case_id = no, .kind = "decline", .expect_state = "registered",
		                       .to_state = "declined", .reason = "不属于信访事项", .text = "不予受理告知书", .due_on = ""});
	} else if (target == REF || (target == ARC && route >= 95)) {
		step(st, (lf_event_in){.case_id = no, .kind = "refer", .expect_state = "registered", .to_state = "referred",
		                       .unit_id = o->disc, .text = "转纪检监察机关告知书", .due_on = ""});
	} else {
		step(st, (lf_event_in){.case_id = no, .kind = "accept", .expect_state = "registered", .to_state = "accepted",
		                       .due_on = handle, .due_rule = "handle"});
		if (target == ACC)
			return;
		unsigned how = target == INH ? 0 : target == TRA ? 1 : target == ASS ? 2 : rnd(3);
		static const char *const kinds[] = {"in_house", "transfer", "assign"};
		static const char *const states[] = {"in_house", "transferred", "assigned"};
		const char *unit = how == 0 ? o->dept[rnd(N_DEPT)] : how == 1 ? o->peer[rnd(N_PEER)] : o->lower[rnd(N_LOWER)];
		step(st, (lf_event_in){.case_id = no, .kind = kinds[how], .expect_state = "accepted", .to_state = states[how],
		                       .unit_id = unit, .text = how ? "告知书" : NULL});
		if (target == INH || target == TRA || target == ASS)
			return;
		step(st, (lf_event_in){.case_id = no, .kind = "take_up", .to_state = "handling"});
		if (target == HAN)
			return;
		step(st, (lf_event_in){.case_id = no, .kind = "report", .to_state = "reported", .text = "已协调有关部门处理",
		                       .due_on = ""});
		if (target == REP)
			return;
		step(st, (lf_event_in){.case_id = no, .kind = "reply", .to_state = "replied", .text = "答复意见书",
		                       .satisfaction = rnd(3) ? "satisfied" : "basically"});
		if (target == RPL)
			return;
	}
	step(st, (lf_event_in){.case_id = no, .kind = "archive", .to_state = "archived"});
}

static long count_rows(lf_store *st, const char *sql)
{
	sqlite3_stmt *s;
	long n = -1;
	if (sqlite3_prepare_v2(sql_sqlite_handle(st->db), sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Once per office file: every generated case through its life. */
static void generate_flow(const char *path, long size, office_people *o)
{
	lf_store *st = open_store(path);
	lf_store_set_actor(st, NULL, "bench");
	people_of(st, o);
	if (count_rows(st, "SELECT count(*) FROM case_event") > 0) {
		lf_store_close(st);
		return;
	}
	fprintf(stderr, "bench: moving %ld cases through their life ...\n", size);
	double t0 = now_ms();
	rng = 0x2545F4914F6CDD1Dull;
	sqlite3_exec(sql_sqlite_handle(st->db), "PRAGMA synchronous=OFF", NULL, NULL, NULL);
	for (long i = 0; i < size;) {
		if (lf_store_begin(st) != LF_STORE_OK)
			die(st);
		for (long j = 0; j < 20000 && i < size; j++, i++) {
			char no[32], date[11];
			snprintf(no, sizeof no, "2025-%06ld", i + 1);
			snprintf(date, sizeof date, "2025-%02u-%02u", 1 + (unsigned)i % 12, 1 + (unsigned)i % 28);
			live_case(st, o, no, date);
		}
		if (lf_store_commit(st) != LF_STORE_OK)
			die(st);
	}
	sqlite3_exec(sql_sqlite_handle(st->db), "ANALYZE", NULL, NULL, NULL);
	fprintf(stderr, "bench: %ld events in %.1f s\n", count_rows(st, "SELECT count(*) FROM case_event"),
	        (now_ms() - t0) / 1e3);
	lf_store_close(st);
}

static void report(long size, const char *what, double ours, double raw, const char *unit)
{
	printf("%8ld  %-34s %10.4f %10.4f %7.2f×  %s\n", size, what, ours, raw, raw > 0 ? ours / raw : 0, unit);
}

/* The returning-visitor lookup: lf_store_find_visitor beside the same SQL
 * text run on a raw connection to the same file. */
static void bench_lookup(const char *path, long size, unsigned people)
{
	lf_store *st = open_store(path);
	char id[19], name[32], phone[12], address[96];
	lf_visitor_info info;
	visitor_of(0, id, name, phone, address);
	lf_store_find_visitor(st, id, &info); /* prepares the statement */
	lf_visitor_info_free(&info);
	const char *sql = sqlite3_sql(sql_sqlite_stmt(st->stmts[STMT_FIND_VISITOR]));
	sqlite3 *raw;
	sqlite3_stmt *rs;
	if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(raw, sql, -1, &rs, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: raw: %s\n", sqlite3_errmsg(raw));
		exit(2);
	}
	static double ours[SAMPLES], base[SAMPLES];
	for (int i = 0; i < SAMPLES; i++) {
		visitor_of(rnd(people), id, name, phone, address);
		double t = now_ms();
		lf_store_err e = lf_store_find_visitor(st, id, &info);
		ours[i] = now_ms() - t;
		if (e == LF_STORE_OK)
			lf_visitor_info_free(&info);
		t = now_ms();
		sqlite3_bind_text(rs, 1, id, -1, SQLITE_STATIC);
		while (sqlite3_step(rs) == SQLITE_ROW)
			;
		sqlite3_reset(rs);
		base[i] = now_ms() - t;
	}
	report(size, "visitor by ID number, median", median(ours, SAMPLES), median(base, SAMPLES), "ms");
	report(size, "visitor by ID number, p99", p99(ours, SAMPLES), p99(base, SAMPLES), "ms");
	sqlite3_finalize(rs);
	sqlite3_close(raw);
	lf_store_close(st);
}

/* ---- the queues ------------------------------------------------------------ */

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

/* One measure of the filter: laifang's call beside the same SQL text (the
 * store's own statement's) bound the same way on a raw connection. */
static void measure(lf_store *st, sql_db *raw_db, long size, const char *what, const lf_queue_filter *f,
                    bool count, int samples)
{
	static double ours[QUEUE_SAMPLES], base[QUEUE_SAMPLES];
	sql_stmt *q = store_queue_stmt(st, f, count), *bound = NULL;
	if (!q)
		die(st);
	/* Bound through the driver as the store binds it, then stepped raw. */
	if (sql_prepare_v2(raw_db, sqlite3_sql(sql_sqlite_stmt(q)), -1, &bound, NULL) != SQLITE_OK ||
	    store_queue_bind(bound, f, count) != SQLITE_OK) {
		fprintf(stderr, "bench: raw: %s\n", sql_errmsg(raw_db));
		exit(2);
	}
	sqlite3_stmt *rs = sql_sqlite_stmt(bound);
	store_done(q);
	for (int i = 0; i < samples; i++) {
		last_row l = {0};
		long n;
		double t = now_ms();
		lf_store_err e = count ? lf_store_queue_count(st, f, &n) : lf_store_queue(st, f, keep_last, &l);
		ours[i] = now_ms() - t;
		if (e != LF_STORE_OK)
			die(st);
		t = now_ms();
		while (sqlite3_step(rs) == SQLITE_ROW)
			;
		sqlite3_reset(rs);
		base[i] = now_ms() - t;
	}
	sql_finalize(bound);
	report(size, what, median(ours, (size_t)samples), median(base, (size_t)samples), "ms");
}

static void bench_queues(const char *path, long size, const office_people *o)
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
	};
	lf_store *st = open_store(path);
	sql_db *raw;
	if (sql_sqlite_open(path, SQLITE_OPEN_READONLY, &raw) != SQLITE_OK) {
		fprintf(stderr, "bench: raw: %s\n", sql_errmsg(raw));
		exit(2);
	}
	for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		char what[64];
		lf_queue_filter f = qs[i].f;
		long n = 0;
		lf_store_queue_count(st, &f, &n);
		snprintf(what, sizeof what, "%s: count (%ld)", qs[i].name, n);
		measure(st, raw, size, what, &f, true, 11);
		snprintf(what, sizeof what, "%s: first page", qs[i].name);
		measure(st, raw, size, what, &f, false, QUEUE_SAMPLES);
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
		if (page < 2 || !prev.n)
			continue;
		f = qs[i].f;
		after(&f, &prev);
		snprintf(what, sizeof what, "%s: page %d", qs[i].name, page);
		measure(st, raw, size, what, &f, false, QUEUE_SAMPLES);
	}
	sql_close(raw);
	lf_store_close(st);
}

/* A Save (visitor, case number, case, link, audit: one transaction with
 * synchronous=FULL) beside one raw durable commit of one row on the same
 * file: the ratio says how many durable commits a Save costs. */
static void bench_save(const char *path, long size, unsigned people)
{
	lf_store *st = open_store(path);
	sqlite3 *raw;
	sqlite3_open(path, &raw);
	sqlite3_busy_timeout(raw, 5000);
	sqlite3_exec(raw, "PRAGMA synchronous=FULL; CREATE TABLE IF NOT EXISTS bench_commit (n INTEGER)", NULL,
	             NULL, NULL);
	sqlite3_stmt *ins;
	sqlite3_prepare_v2(raw, "INSERT INTO bench_commit VALUES (?)", -1, &ins, NULL);
	static double ours[SAVES], base[SAVES];
	for (int i = 0; i < SAVES; i++) {
		unsigned k = rnd(10) < 3 ? rnd(people) : people + (unsigned)i + 1000000u;
		double t = now_ms();
		if (register_visit(st, k, (unsigned)i) != LF_STORE_OK) {
			fprintf(stderr, "bench: %s\n", lf_store_errmsg(st));
			exit(2);
		}
		ours[i] = now_ms() - t;
		t = now_ms();
		sqlite3_exec(raw, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		sqlite3_bind_int(ins, 1, i);
		sqlite3_step(ins);
		sqlite3_reset(ins);
		sqlite3_exec(raw, "COMMIT", NULL, NULL, NULL);
		base[i] = now_ms() - t;
	}
	sqlite3_exec(raw, "DROP TABLE bench_commit", NULL, NULL, NULL);
	sqlite3_finalize(ins);
	sqlite3_close(raw);
	report(size, "Save vs one durable commit, median", median(ours, SAVES), median(base, SAVES), "ms");
	report(size, "Save vs one durable commit, p99", p99(ours, SAVES), p99(base, SAVES), "ms");
	lf_store_close(st);
}

/* ---- search ------------------------------------------------------------------ */

#define SEARCH_SAMPLES 21

/* The baseline: SQLite's own trigram FTS5 over the same text, made once in
 * the office file. */
static void trigram_table(sqlite3 *raw)
{
	sqlite3_stmt *s;
	bool have = sqlite3_prepare_v2(raw, "SELECT 1 FROM bench_trigram LIMIT 1", -1, &s, NULL) == SQLITE_OK;
	sqlite3_finalize(s);
	if (have)
		return;
	fprintf(stderr, "bench: building the trigram baseline ...\n");
	double t0 = now_ms();
	if (sqlite3_exec(raw, "PRAGMA synchronous=OFF; BEGIN; "
	                      "CREATE VIRTUAL TABLE bench_trigram USING fts5 (name, address, content, tokenize = 'trigram'); "
	                      "INSERT INTO bench_trigram (rowid, name, address, content) "
	                      "SELECT c.seq_id, cv.name, cv.address, c.content FROM case_file c "
	                      "JOIN case_visitor cv ON cv.case_id = c.id AND cv.position = 0; COMMIT",
	                 NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: trigram: %s\n", sqlite3_errmsg(raw));
		exit(2);
	}
	fprintf(stderr, "bench: trigram baseline in %.1f s\n", (now_ms() - t0) / 1e3);
}

static int count_hit(const lf_search_row *r, void *ud)
{
	(void)r;
	(*(int *)ud)++;
	return 0;
}

/* One query's first page of 50: lf_store_search beside raw SQL on the
 * trigram table (or, for a number, the visitor table), median of samples. */
static void measure_search(lf_store *st, sqlite3 *raw, long size, const char *what, const lf_search_query *q,
                           const char *raw_sql, const char *raw_arg)
{
	static double ours[SEARCH_SAMPLES], base[SEARCH_SAMPLES];
	sqlite3_stmt *rs;
	int hits = 0, raw_hits = 0;
	if (sqlite3_prepare_v2(raw, raw_sql, -1, &rs, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: raw: %s\n", sqlite3_errmsg(raw));
		exit(2);
	}
	for (int i = 0; i < SEARCH_SAMPLES; i++) {
		int n = 0;
		double t = now_ms();
		if (lf_store_search(st, q, count_hit, &n) != LF_STORE_OK)
			die(st);
		ours[i] = now_ms() - t;
		hits = n;
		n = 0;
		t = now_ms();
		sqlite3_bind_text(rs, 1, raw_arg, -1, SQLITE_STATIC);
		while (sqlite3_step(rs) == SQLITE_ROW)
			n++;
		sqlite3_reset(rs);
		base[i] = now_ms() - t;
		raw_hits = n;
	}
	sqlite3_finalize(rs);
	char label[96];
	snprintf(label, sizeof label, "search %s (%d/%d)", what, hits, raw_hits);
	report(size, label, median(ours, SEARCH_SAMPLES), median(base, SEARCH_SAMPLES), "ms");
}

static void bench_search(const char *path, long size, unsigned people)
{
	/* The trigram query ranked like ours (bm25, first 50); what it cannot
	 * serve (under three characters) a LIKE scan for the newest 50. */
	static const char tri_ranked[] =
		"SELECT rowid FROM bench_trigram WHERE bench_trigram MATCH ?1 ORDER BY rank LIMIT 50";
	static const char tri_like[] =
		"SELECT rowid FROM bench_trigram WHERE content LIKE ?1 OR name LIKE ?1 OR address LIKE ?1 "
		"ORDER BY rowid DESC LIMIT 50";
	static const char id_like[] =
		"SELECT c.seq_id FROM visitor v JOIN case_visitor cv ON cv.visitor_id = v.id "
		"JOIN case_file c ON c.id = cv.case_id WHERE v.id_number LIKE ?1 ORDER BY c.seq_id DESC LIMIT 50";
	double t0 = now_ms();
	lf_store *st = open_store(path); /* the first open of an older office builds the index (004) */
	if (now_ms() - t0 > 1000)
		fprintf(stderr, "bench: search index built in %.1f s\n", (now_ms() - t0) / 1e3);
	sqlite3 *raw;
	if (sqlite3_open(path, &raw) != SQLITE_OK) {
		fprintf(stderr, "bench: raw: %s\n", sqlite3_errmsg(raw));
		exit(2);
	}
	trigram_table(raw);
	const struct {
		const char *what, *term, *raw_arg;
		bool like;
	} words[] = {
		{"2 chars 工资", "工资", "%工资%", true},
		{"2 chars 噪音", "噪音", "%噪音%", true},
		{"2 chars 拆迁 (none)", "拆迁", "%拆迁%", true},
		{"1 char 霞", "霞", "%霞%", true},
		{"phrase 拖欠工资", "拖欠工资", "\"拖欠工资\"", false},
		{"phrase 重新评估 (1/6)", "请求重新评估", "\"请求重新评估\"", false},
		{"name 王伟", "王伟", "%王伟%", true},
		{"name 陈秀英", "陈秀英", "\"陈秀英\"", false},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		lf_search_query q = {.kind = LF_SEARCH_TEXT, .terms = {words[i].term}, .n_terms = 1, .limit = 50};
		measure_search(st, raw, size, words[i].what, &q, words[i].like ? tri_like : tri_ranked, words[i].raw_arg);
	}
	char id[19], name[32], phone[12], address[96], like[24];
	visitor_of(people / 2, id, name, phone, address);
	snprintf(like, sizeof like, "%%%s", id + 14);
	lf_search_query q = {.kind = LF_SEARCH_NUMBER, .number = id + 14, .id = true, .phone = true, .limit = 50};
	measure_search(st, raw, size, "ID last 4", &q, id_like, like);
	sqlite3_close(raw);
	lf_store_close(st);
}

/* The statistics of a month and of the year (issue 16): `laifang stats`'s
 * own call (lf_stats_compute: the counters of db/022, the state counters,
 * the overdue count) beside one raw SQL statement that recounts the same
 * figures from the period's cases (what the counters replace), and the
 * store's own recount from the cases (lf_store_stats_recount, as before
 * db/022) beside the same raw statement; the two alternate sample by
 * sample. Nothing is written. */
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

static void bench_stats(const char *path, long size)
{
	enum { N_STATS = 5 };
	double ours[N_STATS], scan[N_STATS], base[N_STATS], base2[N_STATS];
	lf_store *st = open_store(path);
	sqlite3 *raw;
	sqlite3_stmt *rs;
	if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(raw, raw_stats_sql, -1, &rs, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: raw stats: %s\n", sqlite3_errmsg(raw));
		exit(2);
	}
	lf_user boss = {.roles = LF_ROLE_ADMIN};
	char msg[256];
	for (int month = 11; month >= 0; month -= 11) {
		const char *from = month ? "2025-11-01" : "2025-01-01", *to = month ? "2025-11-30" : "2025-12-31";
		double *v[4] = {ours, scan, base, base2};
		for (int i = 0; i < N_STATS; i++)
			for (int k = 0; k < 4; k++) {
				int which = i % 2 ? 3 - k : k; /* alternate the order */
				double t = now_ms();
				if (which == 0 || which == 1) {
					lf_stats s;
					lf_store_stats_recount(st, which == 1);
					if (lf_stats_compute(st, &boss, 2025, month, &s, msg, sizeof msg) != LF_STORE_OK) {
						fprintf(stderr, "bench: stats: %s\n", msg);
						exit(2);
					}
					lf_stats_free(&s);
				} else {
					sqlite3_bind_text(rs, 1, from, -1, SQLITE_STATIC);
					sqlite3_bind_text(rs, 2, to, -1, SQLITE_STATIC);
					while (sqlite3_step(rs) == SQLITE_ROW)
						;
					sqlite3_reset(rs);
				}
				v[which][i] = now_ms() - t;
			}
		lf_store_stats_recount(st, false);
		report(size, month ? "stats: a month (counters)" : "stats: the year (counters)", median(ours, N_STATS),
		       median(base, N_STATS), "ms vs raw recount");
		report(size, month ? "stats: a month (recount)" : "stats: the year (recount)", median(scan, N_STATS),
		       median(base2, N_STATS), "ms vs raw recount");
	}
	sqlite3_finalize(rs);
	sqlite3_close(raw);
	lf_store_close(st);
}

/* Cases per state (issue 6, statistics): the counters of db/006_stats.sql
 * beside the GROUP BY they replace, and the figures of the generated year
 * (every case of the office is received in 2025) and of one month. */
static void bench_counts(const char *path, long size)
{
	enum { N_COUNT = 11 };
	double ours[N_COUNT], base[N_COUNT];
	long fast[LF_ST_COUNT], slow[LF_ST_COUNT];
	lf_store *st = open_store(path);
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
	if (memcmp(fast, slow, sizeof fast)) {
		fprintf(stderr, "bench: the state counters differ from a count of the cases\n");
		exit(2);
	}
	report(size, "counts per state (vs GROUP BY)", median(ours, N_COUNT), median(base, N_COUNT), "ms");
	lf_store_close(st);
	bench_stats(path, size);
}

/* ---- paging by key (issue 16) -------------------------------------------------
 * The audit screen's reads (End: the oldest two pages; PgDn and PgUp: the
 * page next to a row) and the search screen's (one ranking of a long
 * phrase, then its pages read by row number), each beside the same SQL
 * text bound the same way on a raw connection, on the same keys, the
 * order of the two alternating sample by sample. Nothing is written: the
 * audit entry a search writes is not measured here (it would change the
 * office). Then the audit screen's window scrolled from the first page to
 * the last: the time a PgDn and the resident memory it added. */

#define PAGING_SAMPLES 201
#define SCREEN_PAGE 17 /* rows a PgDn moves at 80x24 */

static long rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "VmRSS:", 6))
			kib = atol(line + 6);
	if (f)
		fclose(f);
	return kib;
}

static int audit_sink(const lf_audit_entry *e, void *ud)
{
	(*(long *)ud) += e->seq > 0;
	return 0;
}

/* The statement lf_store_audit_each builds for f (no record, login, day). */
static void audit_sql(const lf_audit_filter *f, char *sql, size_t len)
{
	snprintf(sql, len,
	         "SELECT seq, at, user_id, login, action, record, changes, prev_hash, hash, rows FROM audit_log "
	         "WHERE 1 = 1%s%s%s ORDER BY seq %s LIMIT :limit",
	         f->day ? " AND substr(at, 1, 10) = :day" : "", f->before_seq > 0 ? " AND seq < :before" : "",
	         f->after_seq > 0 ? " AND seq > :after" : "", f->oldest_first ? "ASC" : "DESC");
}

static long raw_steps(sqlite3_stmt *rs)
{
	long n = 0;
	while (sqlite3_step(rs) == SQLITE_ROW) {
		for (int c = 0; c < 10; c++)
			(void)sqlite3_column_text(rs, c);
		n++;
	}
	sqlite3_reset(rs);
	return n;
}

/* The store's binding helpers on a raw statement. */
static void raw_bind_text(sqlite3_stmt *h, const char *param, const char *value)
{
	sql_stmt *w = sql_sqlite_borrow(h);
	store_bind_text(w, param, value);
	free(w);
}

static void raw_bind_int(sqlite3_stmt *h, const char *param, long long value)
{
	sql_stmt *w = sql_sqlite_borrow(h);
	store_bind_int(w, param, value);
	free(w);
}

static void raw_bind_reader(lf_store *st, sqlite3_stmt *h)
{
	sql_stmt *w = sql_sqlite_borrow(h);
	store_reader_bind(st, w);
	free(w);
}

/* One audit read: laifang's call and the raw statement on the same key;
 * key(i) gives sample i's filter. */
static void measure_audit(lf_store *st, sqlite3 *raw, long size, const char *what,
                          void (*key)(int i, long long max, lf_audit_filter *f), long long max)
{
	static double ours[PAGING_SAMPLES], base[PAGING_SAMPLES];
	for (int i = 0; i < PAGING_SAMPLES; i++) {
		lf_audit_filter f = {0};
		char sql[512], day[16];
		key(i, max, &f);
		audit_sql(&f, sql, sizeof sql);
		sqlite3_stmt *rs;
		if (sqlite3_prepare_v2(raw, sql, -1, &rs, NULL) != SQLITE_OK) {
			fprintf(stderr, "bench: raw: %s\n", sqlite3_errmsg(raw));
			exit(2);
		}
		if (f.day) {
			snprintf(day, sizeof day, "%.10s", f.day);
			raw_bind_text(rs, ":day", day);
		}
		if (f.before_seq > 0)
			raw_bind_int(rs, ":before", f.before_seq);
		if (f.after_seq > 0)
			raw_bind_int(rs, ":after", f.after_seq);
		raw_bind_int(rs, ":limit", f.limit);
		for (int turn = 0; turn < 2; turn++) {
			if ((turn == 0) == (i % 2 == 0)) {
				long n = 0;
				double t = now_ms();
				if (lf_store_audit_each(st, &f, audit_sink, &n) != LF_STORE_OK)
					die(st);
				ours[i] = now_ms() - t;
			} else {
				double t = now_ms();
				raw_steps(rs);
				base[i] = now_ms() - t;
			}
		}
		sqlite3_finalize(rs);
	}
	report(size, what, median(ours, PAGING_SAMPLES), median(base, PAGING_SAMPLES), "ms");
}

static void key_end(int i, long long max, lf_audit_filter *f)
{
	(void)i, (void)max;
	*f = (lf_audit_filter){.oldest_first = true, .limit = 2 * SCREEN_PAGE};
}

static void key_pgdn(int i, long long max, lf_audit_filter *f)
{
	(void)i;
	*f = (lf_audit_filter){.before_seq = 1 + (long long)rnd((unsigned)max), .limit = SCREEN_PAGE};
}

static void key_pgup(int i, long long max, lf_audit_filter *f)
{
	(void)i;
	*f = (lf_audit_filter){.after_seq = 1 + (long long)rnd((unsigned)max), .oldest_first = true,
	                       .limit = SCREEN_PAGE};
}

static char bench_day[16];

static void key_day_end(int i, long long max, lf_audit_filter *f)
{
	(void)i, (void)max;
	*f = (lf_audit_filter){.day = bench_day, .oldest_first = true, .limit = 2 * SCREEN_PAGE};
}

/* The audit screen's window from the first page to the last. */
typedef struct wscroll {
	lf_store *st;
	lf_list *into;
} wscroll;

static int scroll_row(const lf_audit_entry *e, void *ud)
{
	long long *r = lf_list_push(((wscroll *)ud)->into);
	if (r)
		*r = e->seq;
	return !r;
}

static bool scroll_read(void *ctx, const void *from, bool up, size_t limit, lf_list *into)
{
	wscroll *s = ctx;
	const long long *r = from;
	lf_audit_filter f = {.before_seq = r && !up ? *r : 0, .after_seq = r && up ? *r : 0, .oldest_first = up,
	                     .limit = (int)limit};
	s->into = into;
	return lf_store_audit_each(s->st, &f, scroll_row, s) == LF_STORE_OK;
}

static void bench_audit_scroll(lf_store *st, long size)
{
	LINES = 24;
	lf_list l = {.row_size = sizeof(long long), .y = 2};
	wscroll s = {st, NULL};
	lf_window w = {.l = &l, .ctx = &s, .read = scroll_read};
	lf_window_home(&w);
	long before = rss_kib(), pages = 0;
	double t0 = now_ms();
	while (w.more_below || l.sel + 1 < l.n) {
		lf_window_key(&w, LF_A_PAGE_DOWN);
		pages++;
	}
	double per = (now_ms() - t0) / (double)(pages ? pages : 1);
	long after = rss_kib();
	char what[64];
	snprintf(what, sizeof what, "audit: %ld PgDn to the end, each", pages);
	report(size, what, per, 0, "ms");
	printf("%8ld  %-34s %10ld %10s %8s  KiB resident (%ld rows held)\n", size, "audit: PgDn to the end, RSS grew",
	       after - before, "-", "-", (long)l.n);
	lf_list_clear(&l);
}

typedef struct hitsink {
	long n;
} hitsink;

static int hit_sink(const lf_search_row *r, void *ud)
{
	((hitsink *)ud)->n += r->seq > 0;
	return 0;
}

/* What the search screen does on Enter: the search's audit entry, the
 * ranking, the first two pages; inside a transaction rolled back, so the
 * office stays as it was (the commit's fsync is not in it). The raw side
 * writes the same three audit statements with a made-up hash. */
static void bench_search_audited(lf_store *st, const char *path, long size, const char *phrase, const char *match)
{
	static const char head_sql[] = "SELECT seq, hash FROM audit_head WHERE one = 1";
	static const char ins_sql[] =
		"INSERT INTO audit_log (seq, at, user_id, login, action, record, changes, rows, prev_hash, hash) "
		"VALUES (?1, '2025-12-31T12:00:00+08:00', NULL, 'bench', 'search', NULL, ?2, NULL, ?3, ?4)";
	static const char move_sql[] = "UPDATE audit_head SET seq = ?1, hash = ?2 WHERE one = 1";
	static const char fake[] = "00000000000000000000000000000000000000000000000000000000000000ff";
	sqlite3 *raw;
	sqlite3_stmt *head, *ins, *mv, *ids, *row;
	if (sqlite3_open(path, &raw) != SQLITE_OK || store_search_register(raw) ||
	    sqlite3_busy_timeout(raw, 5000) || sqlite3_prepare_v2(raw, head_sql, -1, &head, NULL) ||
	    sqlite3_prepare_v2(raw, ins_sql, -1, &ins, NULL) || sqlite3_prepare_v2(raw, move_sql, -1, &mv, NULL) ||
	    sqlite3_prepare_v2(raw, store_search_ids_text_sql, -1, &ids, NULL) ||
	    sqlite3_prepare_v2(raw, store_search_by_seq_sql, -1, &row, NULL)) {
		fprintf(stderr, "bench: raw: %s\n", sqlite3_errmsg(raw));
		exit(2);
	}
	lf_user boss = {.id = "", .login = "bench", .roles = LF_ROLE_ADMIN, .active = true};
	char changes[256], msg[512];
	snprintf(changes, sizeof changes, "{\"kind\":\"text\",\"length\":10,\"query\":\"%s\"}", phrase);
	static double ours[SEARCH_SAMPLES], base[SEARCH_SAMPLES];
	long long before = count_rows(st, "SELECT count(*) FROM audit_log");
	for (int i = 0; i < SEARCH_SAMPLES; i++) {
		for (int turn = 0; turn < 2; turn++) {
			if ((turn == 0) == (i % 2 == 0)) {
				lf_search_ranked r;
				hitsink h = {0};
				double t = now_ms();
				if (lf_store_begin(st) != LF_STORE_OK ||
				    lf_search_rank(st, &boss, phrase, &r, msg, sizeof msg) != LF_STORE_OK ||
				    lf_search_ranked_rows(st, &r, 0, 2 * SCREEN_PAGE, hit_sink, &h) != LF_STORE_OK) {
					fprintf(stderr, "bench: search: %s\n", msg[0] ? msg : lf_store_errmsg(st));
					exit(2);
				}
				lf_store_rollback(st);
				ours[i] = now_ms() - t;
				lf_search_ranked_free(&r);
			} else {
				static long long got[LF_SEARCH_IDS_MAX];
				size_t n = 0;
				double t = now_ms();
				sqlite3_exec(raw, "BEGIN IMMEDIATE", NULL, NULL, NULL);
				if (sqlite3_step(head) != SQLITE_ROW) {
					fprintf(stderr, "bench: raw: %s\n", sqlite3_errmsg(raw));
					exit(2);
				}
				long long seq = sqlite3_column_int64(head, 0) + 1;
				char prev[65];
				snprintf(prev, sizeof prev, "%s", (const char *)sqlite3_column_text(head, 1));
				sqlite3_reset(head);
				sqlite3_bind_int64(ins, 1, seq);
				sqlite3_bind_text(ins, 2, changes, -1, SQLITE_STATIC);
				sqlite3_bind_text(ins, 3, prev, -1, SQLITE_STATIC);
				sqlite3_bind_text(ins, 4, fake, -1, SQLITE_STATIC);
				sqlite3_bind_int64(mv, 1, seq);
				sqlite3_bind_text(mv, 2, fake, -1, SQLITE_STATIC);
				if (sqlite3_step(ins) != SQLITE_DONE || sqlite3_step(mv) != SQLITE_DONE) {
					fprintf(stderr, "bench: raw: %s\n", sqlite3_errmsg(raw));
					exit(2);
				}
				sqlite3_reset(ins);
				sqlite3_reset(mv);
				raw_bind_text(ids, ":q", match);
				raw_bind_int(ids, ":window", LF_SEARCH_WINDOW);
				raw_bind_int(ids, ":limit", LF_SEARCH_IDS_MAX);
				raw_bind_reader(st, ids);
				while (sqlite3_step(ids) == SQLITE_ROW && n < LF_SEARCH_IDS_MAX)
					got[n++] = sqlite3_column_int64(ids, 0);
				sqlite3_reset(ids);
				raw_bind_reader(st, row);
				for (size_t k = 0; k < n && k < 2 * SCREEN_PAGE; k++) {
					sqlite3_bind_int64(row, sqlite3_bind_parameter_index(row, ":seq"), got[k]);
					raw_steps(row);
				}
				sqlite3_exec(raw, "ROLLBACK", NULL, NULL, NULL);
				base[i] = now_ms() - t;
			}
		}
	}
	if (count_rows(st, "SELECT count(*) FROM audit_log") != before) {
		fprintf(stderr, "bench: the audited search changed the office\n");
		exit(2);
	}
	report(size, "search phrase on Enter, audited", median(ours, SEARCH_SAMPLES), median(base, SEARCH_SAMPLES),
	       "ms (rolled back)");
	sqlite3_finalize(head);
	sqlite3_finalize(ins);
	sqlite3_finalize(mv);
	sqlite3_finalize(ids);
	sqlite3_finalize(row);
	sqlite3_close(raw);
}

static void bench_paging(const char *path, long size)
{
	lf_store *st = open_store(path);
	sqlite3 *raw;
	if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK || store_search_register(raw)) {
		fprintf(stderr, "bench: raw: %s\n", sqlite3_errmsg(raw));
		exit(2);
	}
	long long max = count_rows(st, "SELECT max(seq) FROM audit_log");
	sqlite3_stmt *d;
	if (sqlite3_prepare_v2(raw, "SELECT substr(at, 1, 10) FROM audit_log ORDER BY seq DESC LIMIT 1", -1, &d,
	                       NULL) == SQLITE_OK && sqlite3_step(d) == SQLITE_ROW)
		snprintf(bench_day, sizeof bench_day, "%s", (const char *)sqlite3_column_text(d, 0));
	sqlite3_finalize(d);
	char what[64];
	snprintf(what, sizeof what, "audit (%lld): End", max);
	measure_audit(st, raw, size, what, key_end, max);
	measure_audit(st, raw, size, "audit: PgDn at a random entry", key_pgdn, max);
	measure_audit(st, raw, size, "audit: PgUp at a random entry", key_pgup, max);
	measure_audit(st, raw, size, "audit: End of the newest day", key_day_end, max);
	bench_audit_scroll(st, size);

	/* Search: the long phrase ranked once (ids), its first page read by
	 * row number; then page N of that same ranking. */
	static const char phrase[] = "反映单位拖欠工资问题", match[] = "\"反映单位拖欠工资问题\"";
	lf_search_query q = {.kind = LF_SEARCH_TEXT, .terms = {phrase}, .n_terms = 1};
	sqlite3_stmt *ids, *row;
	if (sqlite3_prepare_v2(raw, store_search_ids_text_sql, -1, &ids, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(raw, store_search_by_seq_sql, -1, &row, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: raw: %s\n", sqlite3_errmsg(raw));
		exit(2);
	}
	raw_bind_text(ids, ":q", match);
	raw_bind_int(ids, ":window", LF_SEARCH_WINDOW);
	raw_bind_int(ids, ":limit", LF_SEARCH_IDS_MAX);
	raw_bind_reader(st, ids);
	raw_bind_reader(st, row);
	static double ours[SEARCH_SAMPLES], base[SEARCH_SAMPLES], ours_n[SEARCH_SAMPLES], base_n[SEARCH_SAMPLES];
	static long long raw_ids[LF_SEARCH_IDS_MAX];
	size_t n_ids = 0, page_n = 0;
	long got = 0, raw_got = 0;
	for (int i = 0; i < SEARCH_SAMPLES; i++) {
		for (int turn = 0; turn < 2; turn++) {
			if ((turn == 0) == (i % 2 == 0)) {
				long long *seqs = NULL;
				size_t n = 0;
				hitsink h = {0};
				double t = now_ms();
				if (lf_store_search_ids(st, &q, &seqs, &n) != LF_STORE_OK ||
				    lf_store_search_rows(st, &q, seqs, n < 2 * SCREEN_PAGE ? n : 2 * SCREEN_PAGE, hit_sink,
				                         &h) != LF_STORE_OK)
					die(st);
				ours[i] = now_ms() - t;
				/* Page N: the last whole page of the ranking. */
				page_n = n > SCREEN_PAGE ? (n / SCREEN_PAGE - 1) : 0;
				h.n = 0;
				t = now_ms();
				if (lf_store_search_rows(st, &q, seqs + page_n * SCREEN_PAGE,
				                         n - page_n * SCREEN_PAGE < SCREEN_PAGE ? n - page_n * SCREEN_PAGE
				                                                               : SCREEN_PAGE,
				                         hit_sink, &h) != LF_STORE_OK)
					die(st);
				ours_n[i] = now_ms() - t;
				got = (long)n;
				free(seqs);
			} else {
				double t = now_ms();
				n_ids = 0;
				while (sqlite3_step(ids) == SQLITE_ROW && n_ids < LF_SEARCH_IDS_MAX)
					raw_ids[n_ids++] = sqlite3_column_int64(ids, 0);
				sqlite3_reset(ids);
				for (size_t k = 0; k < n_ids && k < 2 * SCREEN_PAGE; k++) {
					sqlite3_bind_int64(row, sqlite3_bind_parameter_index(row, ":seq"), raw_ids[k]);
					raw_steps(row);
				}
				base[i] = now_ms() - t;
				size_t from = n_ids > SCREEN_PAGE ? (n_ids / SCREEN_PAGE - 1) * SCREEN_PAGE : 0;
				t = now_ms();
				for (size_t k = from; k < n_ids && k < from + SCREEN_PAGE; k++) {
					sqlite3_bind_int64(row, sqlite3_bind_parameter_index(row, ":seq"), raw_ids[k]);
					raw_steps(row);
				}
				base_n[i] = now_ms() - t;
				raw_got = (long)n_ids;
			}
		}
	}
	snprintf(what, sizeof what, "search phrase (%ld/%ld): ranked+page 1", got, raw_got);
	report(size, what, median(ours, SEARCH_SAMPLES), median(base, SEARCH_SAMPLES), "ms");
	snprintf(what, sizeof what, "search phrase: page %zu by ids", page_n + 1);
	report(size, what, median(ours_n, SEARCH_SAMPLES), median(base_n, SEARCH_SAMPLES), "ms");
	sqlite3_finalize(ids);
	sqlite3_finalize(row);
	sqlite3_close(raw);
	bench_search_audited(st, path, size, phrase, match);
	lf_store_close(st);
}

/* Printing a long text: the registration sheet of a case whose content is
 * lines short and long, 20,000 characters each time (issue 10: 2,000 lines
 * of 10 took 41 s while every line was measured from the first). Time
 * should grow with the text, not its square: 1,000 lines beside 10,000. */
static void bench_pdf(const char *dir)
{
	char ferr[256], path[4096], err[512];
	const lf_form_def *form = lf_form_get("registration", ferr, sizeof ferr);
	if (!form) {
		fprintf(stderr, "bench: %s\n", ferr);
		return;
	}
	snprintf(path, sizeof path, "%s/bench-sheet.pdf", dir);
	static const int lines[] = {1000, 2000, 10000};
	for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
		int n = lines[k], per = 20000 / n - 1; /* characters a line, then the line break */
		char *content = malloc((size_t)n * ((size_t)per * 3 + 1) + 1), *w = content;
		for (int i = 0; i < n; i++) {
			for (int c = 0; c < per; c++)
				w += sprintf(w, "%s", c ? "访" : "信");
			*w++ = '\n';
		}
		*w = '\0';
		lf_case c = {.case_no = "2026-000001", .name = "李秀英", .content = content};
		double t0 = now_ms();
		if (!lf_paper_sheet_pdf(form, &c, path, err, sizeof err))
			fprintf(stderr, "bench: %s\n", err);
		char what[64];
		snprintf(what, sizeof what, "sheet PDF, %d lines of %d", n, per);
		printf("%8s  %-34s %10.1f %10s %8s  ms (20,000 characters)\n", "-", what, now_ms() - t0, "-", "-");
		free(content);
	}
	unlink(path);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: laifang-bench DIR [SIZE...]\n");
		return 2;
	}
	if (mkdir(argv[1], 0700) != 0 && errno != EEXIST) {
		perror(argv[1]);
		return 2;
	}
	{ struct tm tm = {.tm_year = 125, .tm_mon = 11, .tm_mday = 31, .tm_hour = 12, .tm_isdst = -1}; lf_clock_set_for_tests((long long)mktime(&tm)); }
	printf("%8s  %-34s %10s %10s %8s\n", "cases", "measure", "laifang", "raw", "ratio");
	bench_pdf(argv[1]);
	for (int a = 2; a < argc; a++) {
		long size = atol(argv[a]);
		if (size <= 0)
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/office-%ld.db", argv[1], size);
		unsigned people = generate(path, size);
		office_people o;
		generate_flow(path, size, &o);
		bench_queues(path, size, &o);
		bench_lookup(path, size, people);
		bench_save(path, size, people);
		bench_search(path, size, people);
		bench_counts(path, size);
		bench_paging(path, size);
	}
	return 0;
}
