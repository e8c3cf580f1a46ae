/* make bench (issues 14 and 16): laifang's store beside raw SQL on the same
 * database, in the same run, on SQLite and on PostgreSQL. The files:
 *   main.c     arguments, the backends and sizes, the order of the measures
 *   office.c   the synthetic office (generated on SQLite, copied to PostgreSQL)
 *   trace.c    the statements the store runs, with their values, recorded
 *   raw.c      those statements run again on a raw connection (sqlite3, libpq)
 *   report.c   timing, medians, the printed table
 *   screens.c  the screens' measures: queues, lookup, Save, search, statistics
 *   paging.c   the long lists paged by key: audit log, ranked search
 *   keystroke.c a key typed on the sheet through a pseudo-terminal
 *   process.c  whole laifang processes: check's time, peak memory, import
 * Machines here are shared and noisy: only the ratios compare. */
#ifndef LAIFANG_BENCH_H
#define LAIFANG_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "laifang/store.h"
#include "../../src/store/sql.h"

/* ---- the database measured ------------------------------------------------ */

typedef struct bench_db {
	const char *backend; /* "sqlite" or "pg" */
	char target[4096];   /* the file, or the libpq connection string */
	long size;
	unsigned people; /* visitors of the generated office */
} bench_db;

/* ---- office.c --------------------------------------------------------------- */

#define N_DEPT 10
#define N_PEER 20
#define N_LOWER 20
#define N_LEADERS 10

typedef struct office_people {
	char dept[N_DEPT][37], peer[N_PEER][37], lower[N_LOWER][37], disc[37];
	char leader[N_LEADERS][37];
} office_people;

unsigned bench_rnd(unsigned n);
void bench_seed(unsigned long long seed);
void visitor_of(unsigned k, char id[19], char name[32], char phone[12], char address[96]);
lf_store_err register_visit(lf_store *st, unsigned k, unsigned i, const char *date);
/* Case i of an office of size cases: its date (a working day of the ten
 * years to 2025-12-31, in case order) and its case number. */
void bench_case_date(long i, long size, char date[11]);
void bench_case_no(long i, long size, char no[32]);
/* The SQLite office of size cases in path, generated once; its visitors. */
unsigned office_sqlite(const char *path, long size);
/* The same office on PostgreSQL: database bench_SIZE beside the one pg
 * names, created and copied from the SQLite file once. out: its string. */
void office_pg(const char *pg, const char *sqlite_path, long size, char *out, size_t len);
/* pg (a URI) with its database's name replaced by name. */
void with_dbname(const char *pg, const char *name, char *out, size_t len);
/* A copy of pg's database (CREATE DATABASE ... TEMPLATE), named after it
 * with _suffix, made afresh; its URI in out. false: it could not be made
 * (said on stderr). Drop: the copy, gone. */
bool office_pg_copy(const char *pg, const char *suffix, char *out, size_t len);
void office_pg_drop(const char *copy);
/* The units and leaders of an office (found, or added when missing). */
void office_people_of(lf_store *st, office_people *o);

/* ---- trace.c: what the store runs ---------------------------------------------- */

typedef struct bench_val {
	int type; /* SQL_TEXT, SQL_INTEGER, SQL_FLOAT, SQL_BLOB, SQL_NULL */
	long long i;
	double d;
	char *t; /* text, or the blob's bytes */
	int len;
} bench_val;

typedef struct bench_run {
	char *sql; /* as the store wrote it (?N, :name); NULL: unknown */
	bool exec; /* run by sql_exec, no values */
	int n;
	bench_val *v;
} bench_run;

typedef struct bench_trace {
	bench_run *runs;
	size_t n, cap;
	int unknown; /* statements prepared before the trace was installed */
} bench_trace;

/* Hook st's connection (its statements prepared again from here on). */
void trace_install(lf_store *st);
/* Record every statement st runs into t until trace_stop. */
void trace_start(bench_trace *t);
void trace_stop(void);
void trace_clear(bench_trace *t);
/* The SQL text of a statement prepared since trace_install. */
const char *trace_sql_of(sql_stmt *s);

/* ---- raw.c: the same statements on a raw connection ----------------------------- */

typedef struct raw_db raw_db;
typedef struct raw_stmt raw_stmt;

raw_db *raw_open(const bench_db *db);
void raw_close(raw_db *r);
/* Run SQL without results (BEGIN, ROLLBACK, ...); exits on failure. */
void raw_exec(raw_db *r, const char *sql);
/* Prepare sql (the store's dialect: ?N, :name); kept for the connection. */
raw_stmt *raw_prepare(raw_db *r, const char *sql);
/* A statement of the driver interface whose binds set r's values: the
 * store's own binding helpers bind raw statements with it. */
sql_stmt *raw_binder(raw_stmt *s);
void raw_bind(raw_stmt *s, int i, const bench_val *v);
int raw_param(raw_stmt *s, const char *name);
void raw_text(raw_stmt *s, const char *name, const char *v);
void raw_int(raw_stmt *s, const char *name, long long v);
/* Run it with its values, reading every column of every row as text: the
 * rows. The first column of the first row goes to *first if not NULL. */
long raw_run(raw_stmt *s, long long *first);
/* A count(*)-like statement without parameters: its value. */
long long raw_value(raw_db *r, const char *sql);
/* Run again every statement of t; the rows of the last one. */
long raw_replay(raw_db *r, const bench_trace *t);
/* A copy of the SQLite office at from (the backup API), in WAL mode as
 * laifang keeps it; bench_remove_db removes a file with its -wal, -shm. */
bool bench_copy_office(const char *from, const char *to);
void bench_remove_db(const char *path);

/* ---- report.c ------------------------------------------------------------------- */

double now_ms(void);
double median(double *v, size_t n);
double p99(double *v, size_t n);
void report_head(void);
/* One line: laifang's figure, the raw one, their ratio. */
void report(const bench_db *db, const char *what, double ours, double raw, const char *unit);
/* A line without a raw figure (value printed as it is). */
void report_alone(const bench_db *db, const char *what, double value, const char *unit);
/* A line ("VmHWM:", "VmRSS:") of /proc/PID/status (pid 0: this process), in KiB; -1 when missing. */
long proc_status_kib(pid_t pid, const char *key);
void bench_pdf(const char *dir);
lf_store *open_store(const bench_db *db);
void die(lf_store *st);
void fail(const char *what, const char *msg);

/* A laifang call and its raw twin, timed alternately sample by sample on
 * the same key: key(i) sets the key, ours() makes the call (traced once
 * to learn the statements), and raw replays what the trace recorded. */
typedef struct bench_pair {
	lf_store *st;
	raw_db *raw;
	void *ud;
	void (*key)(void *ud, int i);
	void (*ours)(void *ud); /* exits on failure */
	bool same_key;          /* the key never changes: trace once */
} bench_pair;
void measure_pair(const bench_db *db, const bench_pair *p, int samples, const char *what, const char *unit,
                  bool with_p99);

/* ---- the measures ------------------------------------------------------------------ */

void bench_queues(const bench_db *db, const office_people *o);
void bench_lookup(const bench_db *db);
void bench_save(const bench_db *db);
void bench_search(const bench_db *db);
void bench_counts(const bench_db *db);
/* keystroke.c: the sheet through a pseudo-terminal (BENCH_LAIFANG names the
 * binary), beside a curses echo: this binary run with --echo. */
void bench_keystroke(const bench_db *db);
int bench_echo_main(void);
void bench_paging(const bench_db *db);
/* process.c: laifang (BENCH_LAIFANG) run as a child process on the office. */
void bench_process(const bench_db *db);

#endif
