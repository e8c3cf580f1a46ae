/* Whole processes (issue 16), group "process": the real laifang binary
 * (BENCH_LAIFANG) run as a child on the measured office, logged in as the
 * bench's own user (added once, like keystroke.c's clerk) with the password
 * on standard input, its drafts in a folder of its own (XDG_STATE_HOME):
 *   - `laifang check`, whole-process wall time, beside the sqlite3 shell's
 *     `PRAGMA integrity_check` on the same file (also a whole process),
 *     alternating sample by sample; on PostgreSQL check alone;
 *   - the peak resident memory (VmHWM) of check, stats of the year, search
 *     of a word, the CSV export of a month and an import: read from
 *     /proc/PID/status as the child exits (stopped there by ptrace), since
 *     wait4's ru_maxrss also counts the pages the fork copied from the
 *     bench (tens of MiB); ru_maxrss is the fallback when tracing is refused;
 *   - the audit log's bytes per entry (SQLite: dbstat; PostgreSQL:
 *     pg_total_relation_size) and the database's bytes per case;
 *   - `laifang import` of a generated CSV of IMPORT_ROWS visits, per row,
 *     into a copy of the office (never the office measured: SQLite's
 *     backup API, PostgreSQL's CREATE DATABASE ... TEMPLATE), beside the statements the store runs to save the same
 *     visits (traced on a second copy and rolled back), run raw there in
 *     one committed transaction: what the import adds above the store's SQL
 *     (process, login, CSV, the sheet's checks) is in laifang's figure.
 * Stats, search and export run on that copy too (each writes an audit
 * entry). */
#define _GNU_SOURCE
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/store_people.h"
#include "../../src/store/store_internal.h"
#include "../../src/store/seal_internal.h"

#define USER_LOGIN "bench-rss" /* light */
#define HEAVY_LOGIN "bench-rss-argon"
#define USER_PASSWORD "Bench-process-2025"
#define CHECK_SAMPLES 5 /* at 10k; fewer above: a check of 1M takes minutes */
#define IMPORT_ROWS 2000
#define YEAR "2025"

typedef struct child_run {
	double ms;
	long maxrss_kib; /* wait4's ru_maxrss */
	long vmhwm_kib;  /* VmHWM read as it exited; -1: not read */
	int status; /* the exit status, or 128 + the signal */
	char err[512];
} child_run;

/* The bench's user, added once. light: its password hashed with argon2id's
 * least memory (libsodium's minimum, verified at the parameters stored in
 * the hash), so the peak of a command is the command's own and not the
 * 64 MiB of a login at the office's parameters (the issue leaves that
 * moment out); the other user has the office's parameters, to show it. */
static bool user_ready(const bench_db *db, const char *login, bool light)
{
	lf_store *st = open_store(db);
	lf_user u;
	bool ok = lf_store_user_get(st, login, &u, NULL) == LF_STORE_OK;
	if (ok) {
		lf_user_free(&u);
	} else {
		char hash[LF_PWHASH_LEN];
		unsigned roles = LF_ROLE_CLERK | LF_ROLE_LEADER | LF_ROLE_SUPERVISOR | LF_ROLE_ARCHIVIST;
		ok = light ? sodium_init() >= 0 && crypto_pwhash_str(hash, USER_PASSWORD, strlen(USER_PASSWORD),
		                                                      crypto_pwhash_OPSLIMIT_MIN,
		                                                      crypto_pwhash_MEMLIMIT_MIN) == 0
		           : lf_password_hash(USER_PASSWORD, hash) == 0;
		ok = ok && lf_store_user_add(st, login, "测速统计员", "", NULL, roles, hash, NULL) == LF_STORE_OK;
		if (!ok)
			fprintf(stderr, "bench: process: %s\n", lf_store_errmsg(st));
	}
	lf_store_close(st);
	return ok;
}

/* Run argv (argv[0] searched in PATH) with input on its standard input,
 * its output thrown away, the start of its errors kept; drafts and state
 * under state_home. The child is traced (PTRACE_O_TRACEEXIT) only to stop
 * it as it exits and read its VmHWM, the peak of the program itself:
 * wait4's ru_maxrss also counts the pages the fork copied from the bench. */
static void run_child(char *const argv[], const char *input, const char *state_home, child_run *r)
{
	memset(r, 0, sizeof *r);
	r->vmhwm_kib = -1;
	int in[2];
	FILE *errf = tmpfile();
	if (pipe(in) != 0 || !errf)
		fail("process", "pipe failed");
	fflush(stdout);
	fflush(stderr);
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0)
		fail("process", "fork failed");
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(in[0], 0);
		dup2(null, 1);
		dup2(fileno(errf), 2);
		close(in[0]);
		close(in[1]);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("LANGUAGE", "en", 1);
		setenv("XDG_STATE_HOME", state_home, 1); /* the office key stays in XDG_CONFIG_HOME */
		unsetenv("LAIFANG_STATE_DIR");
		ptrace(PTRACE_TRACEME, 0, NULL, NULL); /* if refused: ru_maxrss only */
		execvp(argv[0], argv);
		_exit(127);
	}
	close(in[0]);
	if (input) {
		signal(SIGPIPE, SIG_IGN);
		size_t len = strlen(input);
		if (write(in[1], input, len) != (ssize_t)len)
			fprintf(stderr, "bench: process: %s did not read its input\n", argv[0]);
	}
	close(in[1]);
	int status = 0;
	struct rusage ru;
	for (;;) {
		if (wait4(pid, &status, 0, &ru) < 0) {
			if (errno == EINTR)
				continue;
			fail("process", "wait4 failed");
		}
		if (!WIFSTOPPED(status))
			break;
		int sig = WSTOPSIG(status), event = status >> 16;
		if (event == PTRACE_EVENT_EXIT) {
			r->vmhwm_kib = proc_status_kib(pid, "VmHWM:");
			sig = 0;
		} else if (sig == SIGTRAP) { /* the stop after exec */
			ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)(long)PTRACE_O_TRACEEXIT);
			sig = 0;
		}
		ptrace(PTRACE_CONT, pid, NULL, (void *)(long)sig);
	}
	r->ms = now_ms() - t0;
	r->maxrss_kib = ru.ru_maxrss;
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	rewind(errf);
	size_t n = fread(r->err, 1, sizeof r->err - 1, errf);
	r->err[n] = '\0';
	fclose(errf);
}

static bool ran(const char *what, const child_run *r)
{
	if (r->status == 0)
		return true;
	fprintf(stderr, "bench: process: %s exited %d: %s\n", what, r->status, r->err);
	return false;
}

/* laifang --db TARGET [--user LOGIN --password-stdin] ARGS... (login NULL: none) */
static void run_laifang(const char *laifang, const char *target, const char *login, const char *const *args,
                        const char *state_home, child_run *r)
{
	char *argv[32];
	int n = 0;
	argv[n++] = (char *)laifang;
	argv[n++] = "--db";
	argv[n++] = (char *)target;
	if (login) {
		argv[n++] = "--user";
		argv[n++] = (char *)login;
		argv[n++] = "--password-stdin";
	}
	for (int i = 0; args[i] && n < 31; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	run_child(argv, login ? USER_PASSWORD "\n" : NULL, state_home, r);
}

static long peak_kib(const child_run *r)
{
	return r->vmhwm_kib >= 0 ? r->vmhwm_kib : r->maxrss_kib;
}

static long self_proc_status_kib(void)
{
	return proc_status_kib(0, "RssAnon:");
}

static void report_rss(const bench_db *db, const char *what, const child_run *r)
{
	char unit[128];
	if (r->vmhwm_kib >= 0)
		snprintf(unit, sizeof unit, "MiB VmHWM at exit, %.0f ms", r->ms);
	else /* not traced: the fork's copy of the bench is in it */
		snprintf(unit, sizeof unit, "MiB ru_maxrss (bench's RssAnon %.0f), %.0f ms", self_proc_status_kib() / 1024.0,
		         r->ms);
	report_alone(db, what, peak_kib(r) / 1024.0, unit);
}

/* The sqlite3 shell on PATH? */
static bool have_sqlite3_shell(void)
{
	const char *path = getenv("PATH");
	char buf[4096];
	while (path && *path) {
		size_t len = strcspn(path, ":");
		snprintf(buf, sizeof buf, "%.*s/sqlite3", (int)len, path);
		if (access(buf, X_OK) == 0)
			return true;
		path += len + (path[len] == ':');
	}
	return false;
}

/* check, alternating with the raw integrity check; the largest peak. */
static void measure_check(const bench_db *db, const char *laifang, const char *home)
{
	bool lite = !strcmp(db->backend, "sqlite"), raw = lite && have_sqlite3_shell();
	double ours[CHECK_SAMPLES], base[CHECK_SAMPLES];
	int samples = db->size <= 10000 ? CHECK_SAMPLES : db->size <= 100000 ? 3 : 1;
	child_run r, peak = {0};
	const char *args[] = {"check", NULL};
	char *shell[] = {"sqlite3", "-readonly", (char *)db->target, "PRAGMA integrity_check", NULL};
	for (int i = 0; i < samples; i++) {
		for (int turn = 0; turn < 2; turn++) {
			if ((turn == 0) == (i % 2 == 0)) {
				run_laifang(laifang, db->target, NULL, args, home, &r);
				if (!ran("check", &r))
					return;
				ours[i] = r.ms;
				if (peak_kib(&r) > peak_kib(&peak))
					peak = r;
			} else if (raw) {
				run_child(shell, NULL, home, &r);
				if (!ran("sqlite3 integrity_check", &r))
					raw = false;
				base[i] = r.ms;
			}
		}
	}
	if (raw)
		report(db, "laifang check vs integrity_check (process)", median(ours, (size_t)samples) / 1e3,
		       median(base, (size_t)samples) / 1e3, "s, median (vs sqlite3 shell)");
	else
		report_alone(db, "laifang check (process), median", median(ours, (size_t)samples) / 1e3, "s");
	report_rss(db, "VmHWM: check", &peak);
}

/* The audit log's bytes per entry, the database's bytes per case. */
static void measure_audit_bytes(const bench_db *db)
{
	bool lite = !strcmp(db->backend, "sqlite");
	raw_db *r = raw_open(db);
	long long entries = raw_value(r, "SELECT count(*) FROM audit_log");
	long long cases = raw_value(r, "SELECT count(*) FROM case_file");
	long long audit = raw_value(r, lite ? "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'audit%'"
	                                    : "SELECT pg_total_relation_size('audit_log') + "
	                                      "pg_total_relation_size('audit_head') + "
	                                      "pg_total_relation_size('audit_seal')");
	/* The bytes the log's rows and index entries fill, without the free
	 * space of their pages: what a VACUUM would keep of it (an upgraded
	 * office keeps the pages a migration emptied until then). */
	long long used = lite ? raw_value(r, "SELECT sum(pgsize - unused) FROM dbstat WHERE name LIKE 'audit%'") : 0;
	long long whole = 0;
	if (lite) {
		struct stat sb;
		if (stat(db->target, &sb) == 0)
			whole = sb.st_size;
		char wal[4200];
		snprintf(wal, sizeof wal, "%s-wal", db->target);
		if (stat(wal, &sb) == 0)
			whole += sb.st_size;
	} else {
		whole = raw_value(r, "SELECT pg_database_size(current_database())");
	}
	raw_close(r);
	char unit[96];
	snprintf(unit, sizeof unit, "bytes (%lld entries, %.1f MB, %.0f%% of the db)", entries, audit / 1e6,
	         whole > 0 ? 100.0 * audit / whole : 0);
	report_alone(db, "audit log per entry", entries > 0 ? (double)audit / entries : 0, unit);
	if (lite) {
		snprintf(unit, sizeof unit, "bytes (%.1f MB of its pages)", used / 1e6);
		report_alone(db, "audit log per entry, filled", entries > 0 ? (double)used / entries : 0, unit);
	}
	snprintf(unit, sizeof unit, "bytes (%lld cases, %.1f MB)", cases, whole / 1e6);
	report_alone(db, "database per case", cases > 0 ? (double)whole / cases : 0, unit);
}

static const char *const contents[] = {
	"反映小区物业长期不履行维修义务，电梯故障无人处理，要求督促整改。",
	"反映所在单位拖欠工资五个月，多次索要未果，请求协调解决。",
	"反映道路施工夜间噪音扰民，影响居民休息，要求限制施工时间。",
	"反映房屋征收补偿标准偏低，与邻村差距较大，请求重新评估。",
};

typedef struct import_row {
	char id[19], name[32], phone[12], address[96], date[11];
	const char *sex, *content;
} import_row;

/* The visits imported, three in ten by someone the office knows; call
 * with i = 0 first (the seed), then in order. */
static void import_row_of(const bench_db *db, unsigned i, import_row *r)
{
	if (i == 0)
		bench_seed(16);
	unsigned k = db->people > 0 && bench_rnd(10) < 3 ? bench_rnd(db->people) : db->people + i;
	visitor_of(k, r->id, r->name, r->phone, r->address);
	snprintf(r->date, sizeof r->date, "2025-12-%02u", 1 + i % 30);
	r->sex = (r->id[16] - '0') % 2 ? "男" : "女"; /* the ID number's 17th digit: odd for a man */
	r->content = contents[i % 4];
}

static bool write_csv(const bench_db *db, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	fprintf(f, "receptionist,received_on,name,sex,phone,id_number,address,content\n");
	for (unsigned i = 0; i < IMPORT_ROWS; i++) {
		import_row r;
		import_row_of(db, i, &r);
		fprintf(f, ",%s,%s,%s,%s,%s,%s,%s\n", r.date, r.name, r.sex, r.phone, r.id, r.address, r.content);
	}
	return fclose(f) == 0;
}

/* The raw side of the import, on copy (a second copy of the office): the
 * statements the store runs to save the same visits in one transaction
 * (traced there, rolled back), run again on a raw connection and
 * committed. It leaves out what the import does above the store (the CSV,
 * the sheet's checks, the login, starting the process). ms, or -1. */
static double raw_import(const bench_db *db, const char *copy, bool *unknown)
{
	bench_db c = *db;
	snprintf(c.target, sizeof c.target, "%s", copy);
	lf_store *st = open_store(&c);
	/* The seal's statements, prepared at open before the trace was on,
	 * prepared again so the raw side runs them too: the rows each write
	 * takes and clears (without them the raw side's list of rows written
	 * only grows). Its digests' reads included. */
	seal_tables_free(st->seal);
	if (seal_tables_load(st) != LF_STORE_OK || seal_tracking_start(st) != LF_STORE_OK)
		die(st);
	bench_trace t = {0};
	if (lf_store_begin(st) != LF_STORE_OK)
		die(st);
	trace_start(&t);
	for (unsigned i = 0; i < IMPORT_ROWS; i++) {
		import_row r;
		import_row_of(db, i, &r);
		char due[11];
		lf_date d;
		lf_date_parse(r.date, &d);
		lf_date_format(lf_date_add(d, 15), due);
		lf_registration reg = {.receptionist = USER_LOGIN, .received_on = r.date, .name = r.name, .sex = r.sex,
		                       .phone = r.phone, .id_number = r.id, .address = r.address,
		                       .content = r.content, .due_on = due, .due_rule = "route"};
		lf_saved_case out;
		if (lf_store_save_registration(st, &reg, &out) != LF_STORE_OK)
			die(st);
	}
	trace_stop();
	*unknown = t.unknown > 0; /* statements prepared at open: not replayed */
	lf_store_rollback(st);
	lf_store_close(st);
	raw_db *raw = raw_open(&c);
	double t0 = now_ms();
	raw_exec(raw, strcmp(db->backend, "pg") ? "BEGIN IMMEDIATE" : "BEGIN");
	raw_replay(raw, &t);
	raw_exec(raw, "COMMIT");
	double ms = now_ms() - t0;
	raw_close(raw);
	trace_clear(&t);
	return ms;
}

/* stats, search and export on target; import too when csv is set. */
static void measure_commands(const bench_db *db, const char *laifang, const char *target, const char *csv,
                             const char *copy2, const char *home)
{
	child_run r;
	const char *stats[] = {"stats", "--year", YEAR, NULL};
	const char *search[] = {"search", "工资", NULL};
	const char *export[] = {"export", "--format", "csv", "--from", YEAR "-06-01", "--to", YEAR "-06-30", NULL};
	run_laifang(laifang, target, USER_LOGIN, stats, home, &r);
	if (ran("stats", &r))
		report_rss(db, "VmHWM: stats --year " YEAR, &r);
	run_laifang(laifang, target, USER_LOGIN, search, home, &r);
	if (ran("search", &r))
		report_rss(db, "VmHWM: search 工资", &r);
	run_laifang(laifang, target, HEAVY_LOGIN, search, home, &r);
	if (ran("search, argon2id login", &r))
		report_rss(db, "VmHWM: search 工资, argon2id login", &r);
	run_laifang(laifang, target, USER_LOGIN, export, home, &r);
	if (ran("export", &r))
		report_rss(db, "VmHWM: export --format csv, a month", &r);
	if (!csv)
		return;
	const char *import[] = {"import", csv, NULL};
	run_laifang(laifang, target, USER_LOGIN, import, home, &r);
	if (!ran("import", &r))
		return;
	bool unknown = false;
	/* On PostgreSQL copy2 was made with the import's copy, from the office. */
	bool pg = !strcmp(db->backend, "pg");
	double raw = copy2 && (pg || bench_copy_office(db->target, copy2)) ? raw_import(db, copy2, &unknown) : -1;
	char unit[128];
	if (raw > 0) {
		/* ms per row, so the ratio reads as the others do (above 1: slower) */
		snprintf(unit, sizeof unit, "ms/row (%.0f rows/s vs %.0f; raw: the store's statements)",
		         IMPORT_ROWS / (r.ms / 1e3), IMPORT_ROWS / (raw / 1e3));
		report(db, unknown ? "import of 2,000 visits, per row (!)" : "import of 2,000 visits, per row",
		       r.ms / IMPORT_ROWS, raw / IMPORT_ROWS, unit);
	} else {
		snprintf(unit, sizeof unit, "rows/s (%d rows in %.0f ms, a copy)", IMPORT_ROWS, r.ms);
		report_alone(db, "import of 2,000 visits, rows/s", IMPORT_ROWS / (r.ms / 1e3), unit);
	}
	report_rss(db, "VmHWM: import", &r);
}

void bench_process(const bench_db *db)
{
	const char *laifang = getenv("BENCH_LAIFANG");
	if (!laifang || access(laifang, X_OK) != 0) {
		fprintf(stderr, "bench: process: set BENCH_LAIFANG to the laifang binary\n");
		return;
	}
	if (!user_ready(db, USER_LOGIN, true) || !user_ready(db, HEAVY_LOGIN, false)) {
		fprintf(stderr, "bench: process: could not add the bench's user\n");
		return;
	}
	char home[] = "/tmp/laifang-process-XXXXXX";
	if (!mkdtemp(home))
		fail("process", "mkdtemp failed");
	measure_audit_bytes(db);
	measure_check(db, laifang, home);
	char copy[4200], copy2[4200], csv[4200]; /* the office's path is under 4096 */
	if (!strcmp(db->backend, "sqlite")) {
		snprintf(copy, sizeof copy, "%s-process.db", db->target);
		snprintf(copy2, sizeof copy2, "%s-raw.db", db->target);
		snprintf(csv, sizeof csv, "%s/visits.csv", home);
		if (bench_copy_office(db->target, copy) && write_csv(db, csv))
			measure_commands(db, laifang, copy, csv, copy2, home);
		bench_remove_db(copy);
		bench_remove_db(copy2);
		unlink(csv);
	} else {
		/* Copies of the office's database (CREATE DATABASE ... TEMPLATE):
		 * one for the commands and the import, one for the raw side. */
		snprintf(csv, sizeof csv, "%s/visits.csv", home);
		bool made = office_pg_copy(db->target, "process", copy, sizeof copy) &&
		            office_pg_copy(db->target, "raw", copy2, sizeof copy2);
		if (made && write_csv(db, csv))
			measure_commands(db, laifang, copy, csv, copy2, home);
		else
			fprintf(stderr, "bench: process: the PostgreSQL copies could not be made: no import measured\n");
		office_pg_drop(copy);
		office_pg_drop(copy2);
		unlink(csv);
	}
	char cmd[128]; /* the drafts' folder the children made */
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
	if (system(cmd) != 0)
		fprintf(stderr, "bench: process: could not remove %s\n", home);
}
