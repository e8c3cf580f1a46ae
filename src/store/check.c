/* laifang check: SQLite's own integrity check, foreign keys, the rule
 * that case numbers run 1, 2, 3... in each year without gaps or repeats and
 * agree with the year's counter, the queue keys, then (check_seal.c) the
 * keyed audit log, every row against the entry that last wrote it, and the
 * derived tables; last the attached files. The integrity check (SQLite),
 * the foreign keys and the derived tables run in a second thread meanwhile
 * (their lines come after the rows'). */
#include "check_internal.h"
#include "pg/pg_internal.h"
#include "sqlite/sqlite_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/store_audit.h"
#include "laifang/store_reception.h"

__attribute__((format(printf, 2, 3)))
void check_problem(checker *k, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	k->problems++;
	if (k->fn)
		k->fn(line, k->ud);
}

static sql_stmt *prepare_with(checker *k, const char *sql, unsigned flags)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v3(k->st->db, sql, -1, flags, &s, NULL);
	if (rc != SQL_OK) {
		store_fail(k->st, rc);
		sql_finalize(s);
		return NULL;
	}
	return s;
}

sql_stmt *check_prepare(checker *k, const char *sql)
{
	return prepare_with(k, sql, 0);
}

sql_stmt *check_prepare_stream(checker *k, const char *sql)
{
	return prepare_with(k, sql, SQL_PREPARE_STREAM);
}

bool check_finish(checker *k, sql_stmt *s, int rc)
{
	sql_finalize(s);
	if (rc == SQL_DONE)
		return true;
	store_fail(k->st, rc);
	return false;
}

const char *check_text(sql_stmt *s, int col)
{
	const char *v = (const char *)sql_column_text(s, col);
	return v ? v : "";
}

static void integrity_line(const char *text, void *ud)
{
	check_problem(ud, _("SQLite's integrity check: %s"), text);
}

static bool integrity_here(checker *k)
{
	sql_stmt *s = check_prepare(k, "PRAGMA integrity_check");
	int rc;
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW)
		if (strcmp(check_text(s, 0), "ok"))
			integrity_line(check_text(s, 0), k);
	return check_finish(k, s, rc);
}

static bool check_foreign_keys(checker *k)
{
	if (sql_dialect_of(k->st->db) == SQL_POSTGRES)
		return check_references_pg(k);
	sql_stmt *s = check_prepare(k, "PRAGMA foreign_key_check");
	int rc;
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW)
		check_problem(k, _("Row %lld of table %s refers to a row of %s that does not exist."),
		        sql_column_int64(s, 1), check_text(s, 0), check_text(s, 2));
	return check_finish(k, s, rc);
}

/* The foreign keys and the derived tables as the second thread checks
 * them, on its own connection: their lines kept, in order, for the check's
 * thread to report once the thread has ended. */
typedef struct background_job {
	bool ran, ok;
	lf_store_err err;
	char msg[768];
	store_lines lines;
} background_job;

static void background_keep(const char *line, void *ud)
{
	background_job *j = ud;
	store_lines_add(&j->lines, line);
}

static bool background_in_thread(lf_store *reader, void *ud)
{
	background_job *j = ud;
	checker k = {reader, background_keep, j, 0, 0, NULL};
	j->ok = check_foreign_keys(&k) && check_derived(&k);
	if (!j->ok) {
		j->err = reader->err;
		snprintf(j->msg, sizeof j->msg, "%s", reader->msg);
	}
	j->ran = true;
	return j->ok;
}

/* The second thread: SQLite's integrity check, then the foreign keys and
 * the derived tables (sqlite/integrity_thread.c); on PostgreSQL the latter
 * two on a second connection (pg/reader_pg.c: the server's pages are its
 * own, no pragma reads them). background_end collects it. */
typedef struct background {
	struct store_integrity *lite;
	struct store_pg_reader *pg;
} background;

/* The thread started, or SQLite's integrity check here when it cannot be
 * (the rest then runs at background_end). */
static bool background_start(checker *k, background *bg, background_job *dj)
{
	if (sql_dialect_of(k->st->db) == SQL_POSTGRES) {
		bg->pg = store_pg_reader_start(k->st, background_in_thread, dj);
		return true;
	}
	if ((bg->lite = store_sqlite_integrity_start(k->st, background_in_thread, dj)))
		return true;
	return integrity_here(k);
}

/* The lines of the foreign keys and the derived tables (checked here when
 * the thread did not), then the integrity check's, whether or not the rest
 * of the check could run. */
static bool background_end(checker *k, background *b, background_job *dj, bool ok)
{
	char err[256], msg[400];
	struct store_integrity *bg = b->lite;
	if (bg)
		store_sqlite_integrity_join(bg);
	store_pg_reader_join(b->pg);
	if (ok && dj->ran) {
		for (size_t i = 0; i < dj->lines.n; i++)
			check_problem(k, "%s", dj->lines.v[i]);
		if (!dj->ok || dj->lines.lost) {
			store_fail_msg(k->st, !dj->ok ? dj->err : LF_STORE_IO,
			               !dj->ok ? dj->msg : _("Out of memory while checking the database."));
			ok = false;
		}
	} else if (ok)
		ok = check_foreign_keys(k) && check_derived(k);
	if (!bg)
		return ok;
	int ran = store_sqlite_integrity_finish(bg, integrity_line, k, err, sizeof err);
	if (ran == 0) /* the thread could not open the file: on this connection */
		return ok && integrity_here(k);
	if (ran > 0)
		return ok;
	if (ok) { /* the check's own error, if any, is the one to tell */
		snprintf(msg, sizeof msg, _("SQLite's integrity check could not run: %s"), err);
		store_fail_msg(k->st, LF_STORE_IO, msg);
	}
	return false;
}

static void format_no(char *buf, size_t len, int year, long long number)
{
	snprintf(buf, len, "%04d-%06lld", year, number);
}

static void missing(checker *k, int year, long long from, long long to)
{
	char a[32], b[32];
	format_no(a, sizeof a, year, from);
	format_no(b, sizeof b, year, to);
	if (from == to)
		check_problem(k, _("Case number %s is missing: no case has it (deleted outside laifang?)."), a);
	else
		check_problem(k, _("Case numbers %s to %s are missing: no case has them (deleted outside laifang?)."), a, b);
}

/* What the cases of one year use. */
typedef struct year_use {
	int year;
	long long max;
} year_use;

typedef struct years {
	year_use *v;
	size_t n, cap;
} years;

static bool add_year(years *y, int year, long long max)
{
	if (y->n == y->cap) {
		size_t cap = y->cap ? y->cap * 2 : 8;
		year_use *v = realloc(y->v, cap * sizeof *v);
		if (!v)
			return false;
		y->v = v;
		y->cap = cap;
	}
	y->v[y->n++] = (year_use){year, max};
	return true;
}

/* One pass over the cases in (year, number) order, on the unique index. */
static bool check_numbers(checker *k, years *y)
{
	sql_stmt *s = check_prepare_stream(k, "SELECT year, number, case_no, received_on FROM case_file "
	                             "ORDER BY year, number");
	int rc, year = 0;
	long long expect = 1; /* the number the next case of year should have */
	bool any = false;
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW) {
		int yr = sql_column_int(s, 0);
		long long no = sql_column_int64(s, 1);
		char want[32];
		if (!any || yr != year) {
			if (any && !add_year(y, year, expect - 1))
				goto oom;
			year = yr;
			expect = 1;
			any = true;
		}
		format_no(want, sizeof want, yr, no);
		if (no < expect) {
			check_problem(k, _("Case number %s is used more than once."), want);
			continue;
		}
		if (no > expect)
			missing(k, yr, expect, no - 1);
		expect = no + 1;
		if (strcmp(check_text(s, 2), want))
			check_problem(k, _("Case %s is stored as number %lld of %d; its case number should be %s."),
			        check_text(s, 2), no, yr, want);
		if (strncmp(check_text(s, 3), want, 4) || check_text(s, 3)[4] != '-')
			check_problem(k, _("Case %s was received on %s but is numbered in the year %d."), want, check_text(s, 3), yr);
	}
	if (any && rc == SQL_DONE && !add_year(y, year, expect - 1))
		goto oom;
	return check_finish(k, s, rc);
oom:
	sql_finalize(s);
	store_fail_msg(k->st, LF_STORE_IO, _("Out of memory while checking the database."));
	return false;
}

/* Each year's counter must stand at its highest case number: above it,
 * numbers were given out that no case has; below it, the next save of the
 * year would collide. */
static bool check_counters(checker *k, const years *y)
{
	sql_stmt *s = check_prepare(k, "SELECT year, last_number FROM case_counter ORDER BY year");
	int rc;
	size_t i = 0;
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW) {
		int yr = sql_column_int(s, 0);
		long long last = sql_column_int64(s, 1), max = 0;
		for (; i < y->n && y->v[i].year < yr; i++)
			check_problem(k, _("There are cases of %d but no case counter for that year; "
			             "the next save of %d would fail."), y->v[i].year, y->v[i].year);
		if (i < y->n && y->v[i].year == yr)
			max = y->v[i++].max;
		if (last > max)
			missing(k, yr, max + 1, last);
		else if (last < max)
			check_problem(k, _("The case counter of %d stands at %lld, below the highest case number %lld; "
			             "the next save of %d would fail."), yr, last, max, yr);
	}
	for (; rc == SQL_DONE && i < y->n; i++)
		check_problem(k, _("There are cases of %d but no case counter for that year; "
		             "the next save of %d would fail."), y->v[i].year, y->v[i].year);
	return check_finish(k, s, rc);
}

/* The queue order column (db/003_flow.sql) agrees with the flags and the
 * deadline it is made of: a case whose key is wrong sits in the wrong place
 * of every queue. */
static bool check_sort_keys(checker *k)
{
	sql_stmt *s = check_prepare(k, "SELECT case_no FROM case_file WHERE sort_key <> "
	                             "CASE WHEN urgent = 1 THEN '0' ELSE '1' END || coalesce(due_on, '9999-12-31') "
	                             "|| case_no ORDER BY year, number");
	int rc;
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW)
		check_problem(k, _("Case %s is out of its place in the queues (its sort key does not match its flags and "
		             "deadline)."), check_text(s, 0));
	return check_finish(k, s, rc);
}

/* Every attached file (reception-day logs) still hashes to its record. */
static bool check_attachments(checker *k)
{
	int n = lf_store_attachments_check(k->st, k->fn, k->ud);
	if (n > 0)
		k->problems += n;
	return n >= 0;
}

int lf_store_check(lf_store *st, lf_problem_fn fn, void *ud)
{
	return lf_store_check_expect(st, 0, NULL, fn, ud);
}

int lf_store_check_expect(lf_store *st, long long seq, const char *hash, lf_problem_fn fn, void *ud)
{
	checker k = {st, fn, ud, 0, seq, hash};
	years y = {0};
	bool pg = sql_dialect_of(st->db) == SQL_POSTGRES;
	int temp_was = -1;
	if (!pg && store_sqlite_check_temp_begin(st, &temp_was) != LF_STORE_OK)
		return -1;
	/* One read transaction on SQLite: every part sees the same state of the
	 * file, and the working tables are not committed row by row. */
	bool txn = !pg && sql_get_autocommit(st->db);
	if (txn && store_exec(st, "BEGIN") != LF_STORE_OK) {
		store_sqlite_check_temp_end(st, temp_was);
		return -1;
	}
	background bg = {0};
	background_job dj = {0};
	bool ok = background_start(&k, &bg, &dj) && (pg ? check_schema_pg(&k) : check_schema(&k)) &&
	          check_numbers(&k, &y) && check_counters(&k, &y) && check_sort_keys(&k) && check_audit(&k) &&
	          check_rows(&k);
	ok = background_end(&k, &bg, &dj, ok) && check_attachments(&k);
	store_lines_free(&dj.lines);
	free(y.v);
	/* The working tables go (on SQLite with the transaction that made them,
	 * when the check made one). */
	if (ok && (pg || !txn))
		ok = store_exec(st, pg ? "DROP TABLE IF EXISTS lf_check_log; DROP TABLE IF EXISTS lf_check_now"
		                       : "DROP TABLE IF EXISTS temp.lf_check_log; DROP TABLE IF EXISTS temp.lf_check_now") ==
		     LF_STORE_OK;
	if (!pg) {
		char msg[sizeof st->msg];
		lf_store_err err = st->err;
		snprintf(msg, sizeof msg, "%s", st->msg);
		if (txn && !sql_get_autocommit(st->db))
			sql_exec(st->db, "ROLLBACK");
		if (store_sqlite_check_temp_end(st, temp_was) != LF_STORE_OK)
			ok = false;
		else if (!ok) /* the check's own error, not the restore's */
			store_fail_msg(st, err, msg);
	}
	if (!ok)
		return -1;
	store_ok(st);
	return k.problems;
}
