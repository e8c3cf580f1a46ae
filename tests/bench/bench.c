/* make bench: laifang's store beside raw SQLite on the same file, in the same
 * run, on a synthetic office (Chinese names and text, valid ID numbers,
 * about 30% returning visitors). Each figure is printed with its baseline and
 * their ratio; machines here are shared and noisy, so only ratios compare.
 *
 * Usage: laifang-bench DIR SIZE...   (an office of SIZE cases is generated
 * once into DIR/office-SIZE.db and reused by later runs) */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "laifang/store.h"
#include "laifang/validate.h"
#include "../../src/store/store_internal.h" /* to run the store's own SQL text raw */

#define SAMPLES 2000
#define SAVES 200

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
	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM case_file", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Register one visit by visitor k on a day of 2025. */
static lf_store_err register_visit(lf_store *st, unsigned k, unsigned i)
{
	char id[19], name[32], phone[12], address[96], date[11];
	visitor_of(k, id, name, phone, address);
	snprintf(date, sizeof date, "2025-%02u-%02u", 1 + i % 12, 1 + i % 28);
	lf_registration reg = {
		.receptionist = "bench", .received_on = date, .name = name, .sex = k % 2 ? "男" : "女",
		.phone = phone, .id_number = id, .address = address, .content = topics[i % 6],
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
	sqlite3_exec(st->db, "PRAGMA synchronous=OFF", NULL, NULL, NULL); /* generation only */
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
	sqlite3_exec(st->db, "ANALYZE", NULL, NULL, NULL);
	fprintf(stderr, "bench: generated in %.1f s (%u visitors)\n", (now_ms() - t0) / 1e3, people);
	lf_store_close(st);
	return people;
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
	const char *sql = sqlite3_sql(st->stmts[STMT_FIND_VISITOR]);
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

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: laifang-bench DIR SIZE...\n");
		return 2;
	}
	if (mkdir(argv[1], 0700) != 0 && errno != EEXIST) {
		perror(argv[1]);
		return 2;
	}
	setenv("LAIFANG_TODAY", "2025-12-31", 0);
	printf("%8s  %-34s %10s %10s %8s\n", "cases", "measure", "laifang", "raw", "ratio");
	for (int a = 2; a < argc; a++) {
		long size = atol(argv[a]);
		if (size <= 0)
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/office-%ld.db", argv[1], size);
		unsigned people = generate(path, size);
		bench_lookup(path, size, people);
		bench_save(path, size, people);
	}
	return 0;
}
