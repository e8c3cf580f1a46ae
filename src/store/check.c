/* laifang check: SQLite's own integrity check, foreign keys, the rule
 * that case numbers run 1, 2, 3... in each year without gaps or repeats and
 * agree with the year's counter, and the audit log's hash chain. */
#include "store_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/store_reception.h"

typedef struct checker {
	lf_store *st;
	lf_problem_fn fn;
	void *ud;
	int problems;
} checker;

__attribute__((format(printf, 2, 3)))
static void problem(checker *k, const char *fmt, ...)
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

/* Prepare a one-off statement (the check is run rarely; nothing cached). */
static sqlite3_stmt *prepare(checker *k, const char *sql)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(k->st->db, sql, -1, &s, NULL);
	if (rc != SQLITE_OK) {
		store_fail(k->st, rc);
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

/* Finish a statement: true when it ran to the end. */
static bool finish(checker *k, sqlite3_stmt *s, int rc)
{
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return true;
	store_fail(k->st, rc);
	return false;
}

static const char *text(sqlite3_stmt *s, int col)
{
	const char *v = (const char *)sqlite3_column_text(s, col);
	return v ? v : "";
}

static bool check_integrity(checker *k)
{
	sqlite3_stmt *s = prepare(k, "PRAGMA integrity_check");
	int rc;
	if (!s)
		return false;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (strcmp(text(s, 0), "ok"))
			problem(k, _("SQLite's integrity check: %s"), text(s, 0));
	return finish(k, s, rc);
}

static bool check_foreign_keys(checker *k)
{
	sqlite3_stmt *s = prepare(k, "PRAGMA foreign_key_check");
	int rc;
	if (!s)
		return false;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		problem(k, _("Row %lld of table %s refers to a row of %s that does not exist."),
		        sqlite3_column_int64(s, 1), text(s, 0), text(s, 2));
	return finish(k, s, rc);
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
		problem(k, _("Case number %s is missing: no case has it (deleted outside laifang?)."), a);
	else
		problem(k, _("Case numbers %s to %s are missing: no case has them (deleted outside laifang?)."), a, b);
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
	sqlite3_stmt *s = prepare(k, "SELECT year, number, case_no, received_on FROM case_file "
	                             "ORDER BY year, number");
	int rc, year = 0;
	long long expect = 1; /* the number the next case of year should have */
	bool any = false;
	if (!s)
		return false;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int yr = sqlite3_column_int(s, 0);
		long long no = sqlite3_column_int64(s, 1);
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
			problem(k, _("Case number %s is used more than once."), want);
			continue;
		}
		if (no > expect)
			missing(k, yr, expect, no - 1);
		expect = no + 1;
		if (strcmp(text(s, 2), want))
			problem(k, _("Case %s is stored as number %lld of %d; its case number should be %s."),
			        text(s, 2), no, yr, want);
		if (strncmp(text(s, 3), want, 4) || text(s, 3)[4] != '-')
			problem(k, _("Case %s was received on %s but is numbered in the year %d."), want, text(s, 3), yr);
	}
	if (any && rc == SQLITE_DONE && !add_year(y, year, expect - 1))
		goto oom;
	return finish(k, s, rc);
oom:
	sqlite3_finalize(s);
	store_fail_msg(k->st, LF_STORE_IO, _("Out of memory while checking the database."));
	return false;
}

/* Each year's counter must stand at its highest case number: above it,
 * numbers were given out that no case has; below it, the next save of the
 * year would collide. */
static bool check_counters(checker *k, const years *y)
{
	sqlite3_stmt *s = prepare(k, "SELECT year, last_number FROM case_counter ORDER BY year");
	int rc;
	size_t i = 0;
	if (!s)
		return false;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int yr = sqlite3_column_int(s, 0);
		long long last = sqlite3_column_int64(s, 1), max = 0;
		for (; i < y->n && y->v[i].year < yr; i++)
			problem(k, _("There are cases of %d but no case counter for that year; "
			             "the next save of %d would fail."), y->v[i].year, y->v[i].year);
		if (i < y->n && y->v[i].year == yr)
			max = y->v[i++].max;
		if (last > max)
			missing(k, yr, max + 1, last);
		else if (last < max)
			problem(k, _("The case counter of %d stands at %lld, below the highest case number %lld; "
			             "the next save of %d would fail."), yr, last, max, yr);
	}
	for (; rc == SQLITE_DONE && i < y->n; i++)
		problem(k, _("There are cases of %d but no case counter for that year; "
		             "the next save of %d would fail."), y->v[i].year, y->v[i].year);
	return finish(k, s, rc);
}

/* ---- the audit log's chain -------------------------------------------- */

static const char zero_hash[] = "0000000000000000000000000000000000000000000000000000000000000000";

static void entries_missing(checker *k, long long from, long long to)
{
	if (from == to)
		problem(k, _("audit log: entry %lld is missing"), from);
	else
		problem(k, _("audit log: entries %lld to %lld are missing"), from, to);
}

/* The head (last seq and hash, moved with each append) must name the last
 * entry: deleting the newest entries leaves no gap in the chain. */
static bool check_head(checker *k, long long last_seq, const char *last_hash)
{
	sqlite3_stmt *s = prepare(k, "SELECT seq, hash FROM audit_head WHERE one = 1");
	int rc;
	if (!s)
		return false;
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		problem(k, _("audit log: its head record is missing (the table audit_head was emptied)"));
	} else if (rc == SQLITE_ROW) {
		long long head = sqlite3_column_int64(s, 0);
		if (head > last_seq)
			entries_missing(k, last_seq + 1, head);
		else if (head < last_seq)
			problem(k, _("audit log: entry %lld was added outside laifang (the log should end at entry %lld)"),
			        head + 1, head);
		else if (strcmp(text(s, 1), last_hash))
			problem(k, _("audit log: entry %lld has been altered (hash does not match)"), last_seq);
		rc = SQLITE_DONE;
	}
	return finish(k, s, rc);
}

/* Recompute every entry's hash in seq order. Only the first broken link is
 * named: what follows it cannot be judged against it. */
static bool check_audit(checker *k)
{
	sqlite3_stmt *s = prepare(k, "SELECT seq, at, user_id, login, action, record, changes, prev_hash, hash "
	                             "FROM audit_log ORDER BY seq");
	char prev[STORE_HASH_LEN], want[STORE_HASH_LEN];
	long long expect = 1;
	bool broken = false;
	int rc;
	if (!s)
		return false;
	snprintf(prev, sizeof prev, "%s", zero_hash);
	while (!broken && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long seq = sqlite3_column_int64(s, 0);
		const char *col[8];
		for (int i = 1; i < 8; i++) /* NULL stays NULL: it is hashed apart from "" */
			col[i] = (const char *)sqlite3_column_text(s, i);
		if (!store_audit_hash(col[7] ? col[7] : "", seq, col[1], col[2], col[3], col[4], col[5], col[6],
		                      want)) {
			sqlite3_finalize(s);
			store_fail_msg(k->st, LF_STORE_IO, _("The hash library could not be started."));
			return false;
		}
		broken = true;
		if (seq != expect)
			entries_missing(k, expect, seq - 1);
		else if (strcmp(want, text(s, 8)))
			problem(k, _("audit log: entry %lld has been altered (hash does not match)"), seq);
		else if (strcmp(prev, text(s, 7)))
			problem(k, _("audit log: entry %lld does not follow entry %lld (the link between them is broken)"),
			        seq, seq - 1);
		else
			broken = false;
		snprintf(prev, sizeof prev, "%s", text(s, 8));
		expect = seq + 1;
	}
	if (broken)
		rc = SQLITE_DONE;
	if (!finish(k, s, rc))
		return false;
	return broken || check_head(k, expect - 1, prev);
}

/* The queue order column (db/003_flow.sql) agrees with the flags and the
 * deadline it is made of: a case whose key is wrong sits in the wrong place
 * of every queue. */
static bool check_sort_keys(checker *k)
{
	sqlite3_stmt *s = prepare(k, "SELECT case_no FROM case_file WHERE sort_key <> "
	                             "CASE WHEN urgent = 1 THEN '0' ELSE '1' END || coalesce(due_on, '9999-12-31') "
	                             "|| case_no ORDER BY year, number");
	int rc;
	if (!s)
		return false;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		problem(k, _("Case %s is out of its place in the queues (its sort key does not match its flags and "
		             "deadline)."), text(s, 0));
	return finish(k, s, rc);
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
	checker k = {st, fn, ud, 0};
	years y = {0};
	bool ok = check_integrity(&k) && check_foreign_keys(&k) && check_numbers(&k, &y) &&
	          check_counters(&k, &y) && check_sort_keys(&k) && check_audit(&k) &&
	          check_attachments(&k);
	free(y.v);
	if (!ok)
		return -1;
	store_ok(st);
	return k.problems;
}
