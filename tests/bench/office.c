/* The synthetic office: Chinese names and text, valid ID numbers, about
 * 30% returning visitors, every case taken through its life to a state
 * drawn for a real office. Generated once per size on SQLite through the
 * store (20,000 saves a transaction, synchronous off while generating);
 * PostgreSQL gets the same office by db copy (src/store/copy.c: one
 * transaction, the search index rebuilt there), so both backends measure
 * the same rows. */
#include "bench.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "laifang/date.h"
#include "laifang/store_audit.h"
#include "laifang/store_copy.h"
#include "laifang/store_flow.h"
#include "laifang/store_people.h"
#include "laifang/validate.h"
#include "../../src/store/store_internal.h"

/* Generation only: a page cache of 1 GiB instead of SQLite's 2 MiB. Each
 * step of a case's life recounts the case's statistics facts (its row, its
 * events and clocks, looked up by id): at 100k cases and more those pages
 * are no longer in a 2 MiB cache, and the life spent 70 % of its time
 * reading them again from the file (perf, gdb). The desk keeps SQLite's
 * default: one Save reads a few dozen pages. */
#define GENERATION_CACHE "PRAGMA cache_size=-1048576"

static unsigned long long rng = 0x9E3779B97F4A7C15ull;
unsigned bench_rnd(unsigned n)
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
void visitor_of(unsigned k, char id[19], char name[32], char phone[12], char address[96])
{
	unsigned y = 1950 + k % 50, m = 1 + (k / 50) % 12, d = 1 + (k / 600) % 28, seq = (k / 16800) % 1000;
	char body[18];
	snprintf(body, sizeof body, "%s%04u%02u%02u%03u", regions[(k / 16800000) % 6], y, m, d, seq);
	snprintf(id, 19, "%s%c", body, lf_id_check_digit(body));
	snprintf(name, 32, "%s%s", surnames[k % 20], given[(k / 20) % 20]);
	snprintf(phone, 12, "13%09u", k % 1000000000u);
	snprintf(address, 96, "%s%u号", places[k % 5], 1 + k % 300);
}

void bench_seed(unsigned long long seed)
{
	rng = seed;
}

/* The office spans ten years of working days, Monday to Friday from
 * 2016-01-04 to 2025-12-31 (2,608 days; official holidays are not taken
 * out), its cases spread evenly over them in case order: 1,000,000 cases
 * come at about 380 a working day, 10,000 at about 4 (issue 16: the bench's
 * office had 84 distinct dates). */
#define SPAN_WEEKS 521 /* 2016-01-04 to 2025-12-28, then 2025-12-29..31 */
#define SPAN_DAYS (SPAN_WEEKS * 5 + 3)

static lf_date day_of(long i, long size)
{
	lf_date monday;
	lf_date_parse("2016-01-04", &monday);
	long w = (long)((long double)i * SPAN_DAYS / size);
	return lf_date_add(monday, 7 * (w / 5) + w % 5);
}

void bench_case_date(long i, long size, char date[11])
{
	lf_date_format(day_of(i, size), date);
}

/* Case i's number: the cases of a year are numbered in case order. */
void bench_case_no(long i, long size, char no[32])
{
	int year = day_of(i, size).y;
	long lo = 0, hi = i; /* the first case of the year: dates only grow with i */
	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;
		if (day_of(mid, size).y < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	snprintf(no, 32, "%04d-%06ld", year, i - lo + 1);
}

/* Register one visit by visitor k on date; i picks its content. */
lf_store_err register_visit(lf_store *st, unsigned k, unsigned i, const char *date)
{
	char id[19], name[32], phone[12], address[96], due[11];
	visitor_of(k, id, name, phone, address);
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
	if (*people > 0 && bench_rnd(10) < 3)
		return bench_rnd(*people);
	return (*people)++;
}

/* The first column of a statement's first row, through the store's connection. */
static long count_rows(lf_store *st, const char *sql)
{
	sql_stmt *s = NULL;
	long n = -1;
	if (sql_prepare_v2(st->db, sql, -1, &s, NULL) == SQL_OK && sql_step(s) == SQL_ROW)
		n = (long)sql_column_int64(s, 0);
	sql_finalize(s);
	return n;
}

static lf_store *open_file(const char *path)
{
	lf_store_err e;
	char msg[512];
	lf_store *st = lf_store_open(path, &e, msg, sizeof msg);
	if (!st)
		fail("open", msg);
	return st;
}

static unsigned generate(const char *path, long size)
{
	lf_store *st = open_file(path);
	long have = count_rows(st, "SELECT count(*) FROM case_file");
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
	sql_exec(st->db, "PRAGMA synchronous=OFF"); /* generation only */
	sql_exec(st->db, GENERATION_CACHE);
	for (long i = 0; i < size;) {
		if (lf_store_begin(st) != LF_STORE_OK) {
			fprintf(stderr, "bench: %s\n", lf_store_errmsg(st));
			exit(2);
		}
		for (long j = 0; j < 20000 && i < size; j++, i++) {
			char date[11];
			bench_case_date(i, size, date);
			if (register_visit(st, visitor_for(&people), (unsigned)i, date) != LF_STORE_OK) {
				fprintf(stderr, "bench: %s\n", lf_store_errmsg(st));
				exit(2);
			}
		}
		if (lf_store_commit(st) != LF_STORE_OK) {
			fprintf(stderr, "bench: %s\n", lf_store_errmsg(st));
			exit(2);
		}
	}
	sql_exec(st->db, "ANALYZE");
	fprintf(stderr, "bench: generated in %.1f s (%u visitors)\n", (now_ms() - t0) / 1e3, people);
	lf_store_close(st);
	return people;
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

void office_people_of(lf_store *st, office_people *o)
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
	unsigned r = bench_rnd(100);
	target = r < 8 ? REG : r < 13 ? ACC : r < 17 ? DEC : r < 19 ? REF : r < 25 ? INH : r < 33 ? TRA
	       : r < 41 ? ASS : r < 50 ? HAN : r < 55 ? REP : r < 60 ? RPL : ARC;
	unsigned route = bench_rnd(100); /* archived: 85% the whole way, 10% declined, 5% referred */
	char handle[11];
	lf_date d;
	lf_date_parse(received, &d);
	lf_date_format(lf_date_add(d, 60), handle);
	bool open = target != DEC && target != REF && target != RPL && target != ARC;
	if (open && bench_rnd(100) < 3)
		step(st, (lf_event_in){.case_id = no, .kind = "flag", .urgent = 1, .major = -1});
	if (open && bench_rnd(100) < 5)
		step(st, (lf_event_in){.case_id = no, .kind = "own", .user_id = o->leader[bench_rnd(N_LEADERS)]});
	if (open && bench_rnd(100) < 3)
		step(st, (lf_event_in){.case_id = no, .kind = "request_instruction", .user_id = o->leader[bench_rnd(N_LEADERS)]});
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
		unsigned how = target == INH ? 0 : target == TRA ? 1 : target == ASS ? 2 : bench_rnd(3);
		static const char *const kinds[] = {"in_house", "transfer", "assign"};
		static const char *const states[] = {"in_house", "transferred", "assigned"};
		const char *unit = how == 0 ? o->dept[bench_rnd(N_DEPT)] : how == 1 ? o->peer[bench_rnd(N_PEER)] : o->lower[bench_rnd(N_LOWER)];
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
		                       .satisfaction = bench_rnd(3) ? "satisfied" : "basically"});
		if (target == RPL)
			return;
	}
	step(st, (lf_event_in){.case_id = no, .kind = "archive", .to_state = "archived"});
}

/* Once per office file: every generated case through its life. */
static void generate_flow(const char *path, long size, office_people *o)
{
	lf_store *st = open_file(path);
	lf_store_set_actor(st, NULL, "bench");
	office_people_of(st, o);
	if (count_rows(st, "SELECT count(*) FROM case_event") > 0) {
		lf_store_close(st);
		return;
	}
	fprintf(stderr, "bench: moving %ld cases through their life ...\n", size);
	double t0 = now_ms();
	rng = 0x2545F4914F6CDD1Dull;
	sql_exec(st->db, "PRAGMA synchronous=OFF");
	sql_exec(st->db, GENERATION_CACHE);
	for (long i = 0; i < size;) {
		if (lf_store_begin(st) != LF_STORE_OK)
			die(st);
		for (long j = 0; j < 20000 && i < size; j++, i++) {
			char no[32], date[11];
			bench_case_no(i, size, no);
			bench_case_date(i, size, date);
			live_case(st, o, no, date);
		}
		if (lf_store_commit(st) != LF_STORE_OK)
			die(st);
	}
	sql_exec(st->db, "ANALYZE");
	fprintf(stderr, "bench: %ld events in %.1f s\n", count_rows(st, "SELECT count(*) FROM case_event"),
	        (now_ms() - t0) / 1e3);
	lf_store_close(st);
}

/* BENCH_NO_FLOW=1 leaves the cases as registered, not moved through their
 * life: at a million cases the life takes hours on a shared 2-core machine,
 * and the keystroke measure needs only the registrations (the sheet looks
 * up visitors and cases by ID and phone, never by state). */
unsigned office_sqlite(const char *path, long size)
{
	unsigned people = generate(path, size);
	office_people o;
	const char *no_flow = getenv("BENCH_NO_FLOW");
	if (!no_flow || strcmp(no_flow, "1"))
		generate_flow(path, size, &o);
	return people;
}

/* pg with its database's name replaced by name (a URI, postgresql:///DB?...). */
void with_dbname(const char *pg, const char *name, char *out, size_t len)
{
	const char *p = strstr(pg, "://");
	if (!p)
		fail(pg, "--pg takes a URI: postgresql://[HOST]/DB?host=...");
	const char *slash = strchr(p + 3, '/');
	const char *rest = slash ? slash + 1 + strcspn(slash + 1, "?") : "";
	size_t head = slash ? (size_t)(slash - pg) : strcspn(pg, "?");
	if (!slash)
		rest = pg + head;
	snprintf(out, len, "%.*s/%s%s", (int)head, pg, name, rest);
}

static PGresult *pq(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		fail(sql, PQresultErrorMessage(r));
	return r;
}

void office_pg(const char *pg, const char *sqlite_path, long size, char *out, size_t len)
{
	char name[64], sql[256];
	snprintf(name, sizeof name, "bench_%ld", size);
	with_dbname(pg, name, out, len);
	PGconn *admin = PQconnectdb(pg);
	if (PQstatus(admin) != CONNECTION_OK)
		fail(pg, PQerrorMessage(admin));
	snprintf(sql, sizeof sql, "SELECT 1 FROM pg_database WHERE datname = '%s'", name);
	PGresult *r = pq(admin, sql);
	bool have = PQntuples(r) > 0;
	PQclear(r);
	if (have) { /* a copy that finished holds the office's cases */
		PGconn *c = PQconnectdb(out);
		r = PQexec(c, "SELECT count(*) FROM main.case_file");
		have = PQresultStatus(r) == PGRES_TUPLES_OK && atol(PQgetvalue(r, 0, 0)) >= size;
		PQclear(r);
		PQfinish(c);
		if (!have) {
			snprintf(sql, sizeof sql, "DROP DATABASE %s", name);
			PQclear(pq(admin, sql));
		}
	}
	if (!have) {
		snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
		PQclear(pq(admin, sql));
		fprintf(stderr, "bench: copying the office of %ld cases to PostgreSQL ...\n", size);
		double t0 = now_ms();
		lf_store_err e;
		char msg[512];
		lf_store *from = open_file(sqlite_path), *to = lf_store_open_copy_target(out, &e, msg, sizeof msg);
		long long rows = 0;
		if (!to)
			fail("copy", msg);
		if (lf_store_copy(from, to, &rows) != LF_STORE_OK)
			die(to);
		lf_store_close(to);
		lf_store_close(from);
		PGconn *c = PQconnectdb(out);
		PQclear(pq(c, "ANALYZE"));
		PQfinish(c);
		fprintf(stderr, "bench: %lld rows copied in %.1f s\n", rows, (now_ms() - t0) / 1e3);
	}
	PQfinish(admin);
}

/* The database name of a URI (postgresql://[HOST]/DB?...). */
static void dbname_of(const char *pg, char *out, size_t len)
{
	const char *p = strstr(pg, "://");
	const char *slash = p ? strchr(p + 3, '/') : NULL;
	if (!slash)
		fail(pg, "--pg takes a URI: postgresql://[HOST]/DB?host=...");
	snprintf(out, len, "%.*s", (int)strcspn(slash + 1, "?"), slash + 1);
}

/* CREATE or DROP DATABASE, tried again while a session that just ended
 * still holds the template (its backend exits after the client). */
static bool pg_admin(const char *pg, const char *sql)
{
	char admin_url[4200];
	with_dbname(pg, "postgres", admin_url, sizeof admin_url);
	PGconn *c = PQconnectdb(admin_url);
	bool ok = PQstatus(c) == CONNECTION_OK;
	for (int tries = 0; ok && tries < 40; tries++) {
		PGresult *r = PQexec(c, sql);
		ok = PQresultStatus(r) == PGRES_COMMAND_OK;
		if (!ok && tries + 1 < 40 && strstr(PQresultErrorMessage(r), "being accessed by other users")) {
			PQclear(r);
			ok = true;
			usleep(250 * 1000);
			continue;
		}
		if (!ok)
			fprintf(stderr, "bench: %s: %s", sql, PQresultErrorMessage(r));
		PQclear(r);
		break;
	}
	if (PQstatus(c) != CONNECTION_OK)
		fprintf(stderr, "bench: %s: %s", admin_url, PQerrorMessage(c));
	PQfinish(c);
	return ok;
}

bool office_pg_copy(const char *pg, const char *suffix, char *out, size_t len)
{
	char from[128], name[160], sql[400];
	dbname_of(pg, from, sizeof from);
	snprintf(name, sizeof name, "%s_%s", from, suffix);
	with_dbname(pg, name, out, len);
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
	if (!pg_admin(pg, sql))
		return false;
	snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s", name, from);
	return pg_admin(pg, sql);
}

void office_pg_drop(const char *copy)
{
	char name[128], sql[200];
	dbname_of(copy, name, sizeof name);
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", name);
	(void)pg_admin(copy, sql);
}
