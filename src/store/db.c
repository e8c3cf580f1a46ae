/* The store's life on either backend: errors in words a clerk can act on,
 * opening (a SQLite file, src/store/sqlite/open.c, or a PostgreSQL
 * database, src/store/pg/open.c), transactions and the statement cache. */
#include "store_internal.h"
#include "stats_counters.h"
#include "pg/pg_internal.h"
#include "sqlite/sqlite_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "laifang/auth.h"
#include "laifang/embedded.h"
#include "laifang/i18n.h"

lf_store_err store_ok(lf_store *st)
{
	st->err = LF_STORE_OK;
	st->msg[0] = '\0';
	return LF_STORE_OK;
}

lf_store_err store_fail_msg(lf_store *st, lf_store_err kind, const char *msg)
{
	st->err = kind;
	snprintf(st->msg, sizeof st->msg, "%s", msg);
	return kind;
}

lf_store_err store_kind_of(int rc)
{
	switch (rc & 0xff) {
	case SQL_OK:
	case SQL_ROW:
	case SQL_DONE: return LF_STORE_OK;
	case SQL_BUSY:
	case SQL_LOCKED: return LF_STORE_BUSY;
	case SQL_FULL: return LF_STORE_FULL;
	case SQL_READONLY: return LF_STORE_READONLY;
	case SQL_CORRUPT:
	case SQL_NOTADB: return LF_STORE_CORRUPT;
	case SQL_CANTOPEN:
	case SQL_PERM:
	case SQL_AUTH: return LF_STORE_CANTOPEN;
	case SQL_CONSTRAINT: return LF_STORE_CONFLICT;
	default: return LF_STORE_IO;
	}
}

/* The sentence for an error of kind on this file; detail is what SQLite or
 * the system said. Each names the file and says what to do. */
void store_describe(lf_store *st, lf_store_err kind, const char *detail)
{
	const char *p = st->path;
	char *m = st->msg;
	size_t n = sizeof st->msg;

	st->err = kind;
	switch (kind) {
	case LF_STORE_OK: m[0] = '\0'; break;
	case LF_STORE_BUSY:
		snprintf(m, n, _("The database %s stayed locked by other terminals; nothing was written. "
		                 "Try again in a moment."), p);
		break;
	case LF_STORE_FULL:
		snprintf(m, n, _("The disk holding the database %s is full; nothing was written. "
		                 "Free some space, then try again."), p);
		break;
	case LF_STORE_READONLY:
		snprintf(m, n, _("The database %s is read-only (the file or its folder cannot be written); "
		                 "nothing was written. Ask the administrator to make it writable for you."), p);
		break;
	case LF_STORE_CORRUPT:
		snprintf(m, n, _("%s is not a laifang database or is damaged (%s). "
		                 "Restore it from the latest backup, or open the right file with --db."), p, detail);
		break;
	case LF_STORE_CANTOPEN:
		snprintf(m, n, _("Cannot open the database %s (%s). "
		                 "Check that its folder exists and that you may read and write it."), p, detail);
		break;
	case LF_STORE_CONFLICT:
		snprintf(m, n, _("The database %s refused the record (%s); nothing was saved."), p, detail);
		break;
	case LF_STORE_TOO_NEW: /* has its own sentence, see migrate() */
	case LF_STORE_NOTFOUND:
	case LF_STORE_IO:
	default:
		snprintf(m, n, _("The database %s reported an error (%s). "
		                 "Try again; if it happens again, run laifang check."), p, detail);
		break;
	}
}

lf_store_err store_fail(lf_store *st, int rc)
{
	if (rc != SQL_OK && store_is_archive_lock(st))
		return store_archive_lock_fail(st); /* a trigger of db/011 */
	lf_store_err kind = store_kind_of(rc);
	if (kind == LF_STORE_OK)
		kind = LF_STORE_IO; /* a step that should have failed did not: still a failure */
	/* A full disk also surfaces as an I/O error (growing the -shm file:
	 * SQL_IOERR_SHMSIZE; a short write): say it is full (issue 7). */
	if (kind == LF_STORE_IO && st->db && sql_system_errno(st->db) == ENOSPC)
		kind = LF_STORE_FULL;
	/* sqlite3_errmsg describes the last call on the handle, which is the one
	 * that failed; without a handle, SQLite's generic words for the code. */
	char detail[400];
	snprintf(detail, sizeof detail, "%s", st->db ? sql_errmsg(st->db) : "?");
	if (kind == LF_STORE_IO) /* for whoever has to find out what happened */
		snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "; code %d",
		         st->db ? sql_extended_errcode(st->db) : rc);
	if (kind == LF_STORE_IO && store_pg_unreachable(st, detail)) /* the server, killed or cut off */
		return kind;
	store_describe(st, kind, detail);
	return kind;
}

/* An error from the system (errno) while preparing the file. */
lf_store_err store_fail_errno(lf_store *st, int err)
{
	lf_store_err kind = err == EROFS ? LF_STORE_READONLY
	                  : err == ENOSPC ? LF_STORE_FULL
	                  : LF_STORE_CANTOPEN;
	store_describe(st, kind, strerror(err));
	return kind;
}

lf_store_err store_exec(lf_store *st, const char *sql)
{
	int rc = sql_exec(st->db, sql);
	return rc == SQL_OK ? store_ok(st) : store_fail(st, rc);
}

static sql_stmt *stmt_with(lf_store *st, enum store_stmt_id id, const char *sql, unsigned flags)
{
	if (!st->stmts[id]) {
		int rc = sql_prepare_v3(st->db, sql, -1, SQL_PREPARE_PERSISTENT | flags, &st->stmts[id], NULL);
		if (rc != SQL_OK) {
			store_fail(st, rc);
			sql_finalize(st->stmts[id]);
			st->stmts[id] = NULL;
		}
	}
	return st->stmts[id];
}

sql_stmt *store_stmt(lf_store *st, enum store_stmt_id id, const char *sql)
{
	return stmt_with(st, id, sql, 0);
}

sql_stmt *store_stmt_stream(lf_store *st, enum store_stmt_id id, const char *sql)
{
	return stmt_with(st, id, sql, SQL_PREPARE_STREAM);
}

sql_stmt *store_stmt_custom_plan(lf_store *st, enum store_stmt_id id, const char *sql)
{
	return stmt_with(st, id, sql, SQL_PREPARE_CUSTOM_PLAN);
}

sql_stmt *store_stmt_generic_plan(lf_store *st, enum store_stmt_id id, const char *sql)
{
	return stmt_with(st, id, sql, SQL_PREPARE_GENERIC_PLAN);
}

int store_bind_text(sql_stmt *s, const char *param, const char *value)
{
	int i = sql_bind_parameter_index(s, param);
	if (i == 0)
		return SQL_RANGE; /* a typo in our SQL: fail loudly */
	return !value || !*value ? sql_bind_null(s, i) : sql_bind_text(s, i, value, -1, SQL_STATIC);
}

int store_bind_int(sql_stmt *s, const char *param, long long value)
{
	int i = sql_bind_parameter_index(s, param);
	return i == 0 ? SQL_RANGE : sql_bind_int64(s, i, value);
}

/* No text of the caller's is referred to after the call. */
void store_done(sql_stmt *s)
{
	sql_reset(s);
	sql_clear_bindings(s);
}

/* Undo a failed write: the whole transaction when it is ours, else back to
 * the savepoint, so the caller's batch holds no half of it. */
static void undo(lf_store *st, bool own)
{
	if (sql_get_autocommit(st->db))
		return; /* SQLite already rolled back (disk full, I/O error) */
	if (own)
		sql_exec(st->db, "ROLLBACK");
	else
		sql_exec(st->db, "ROLLBACK TO lf_write; RELEASE lf_write");
}

lf_store_err store_write(lf_store *st, store_body_fn body, void *ctx)
{
	bool own = !st->in_txn;
	lf_store_err e;
	if (!own && sql_get_autocommit(st->db))
		return store_fail_msg(st, LF_STORE_IO,
		                      _("The batch's transaction was lost after an earlier error; nothing was saved."));
	for (int tries = 1;; tries++) {
		e = own ? store_begin_immediate(st) : store_exec(st, "SAVEPOINT lf_write");
		if (e != LF_STORE_OK)
			return e;
		/* Who writes is read afresh, in the write's own transaction. */
		e = store_session_check(st);
		if (e == LF_STORE_OK)
			e = body(st, ctx);
		if (e == LF_STORE_OK) /* rows written after the body's last entry */
			e = store_seal_flush(st);
		if (e == LF_STORE_OK)
			e = store_exec(st, own ? "COMMIT" : "RELEASE lf_write");
		/* A batch's write kept: its counters' sums join the batch's. Out
		 * of memory there, the batch cannot commit whole: it is ended. */
		if (e == LF_STORE_OK && !own && !store_stats_pend_keep(st)) {
			sql_exec(st->db, "ROLLBACK");
			store_stats_pend_drop(st, true);
			return store_stats_oom(st);
		}
		if (e == LF_STORE_OK)
			return store_ok(st);
		undo(st, own);
		store_stats_pend_drop(st, false); /* the write's, gone with its savepoint */
		if (!own || e != LF_STORE_BUSY || tries >= STORE_BUSY_TRIES)
			return e;
	}
}

/* "007_name.sql" -> 7; 0 when the name does not start with a number. */
int store_migration_number(const char *name)
{
	int n = 0;
	for (const char *p = name; *p >= '0' && *p <= '9' && n < 100000; p++)
		n = n * 10 + (*p - '0');
	return n;
}

static lf_store_upgrading_fn upgrading_fn;
static void *upgrading_ud;

void lf_store_on_upgrading(lf_store_upgrading_fn fn, void *ud)
{
	upgrading_fn = fn;
	upgrading_ud = ud;
}

void store_upgrading(const lf_store *st, int from, int to)
{
	if (upgrading_fn && from > 0 && from < to)
		upgrading_fn(st->path, from, to, upgrading_ud);
}

int lf_store_schema_latest(void)
{
	int latest = 0;
	for (const struct lf_embedded *m = lf_migrations; m->name; m++) {
		int n = store_migration_number(m->name);
		if (n > latest)
			latest = n;
	}
	return latest;
}

bool lf_store_absent(const char *path)
{
	if (sql_is_pg_conninfo(path))
		return store_pg_absent(path);
	struct stat sb;
	return path && stat(path, &sb) != 0 && errno == ENOENT;
}

lf_store *lf_store_open(const char *path, lf_store_err *err, char *msg, size_t msglen)
{
	lf_store *st = store_open(path, false, err, msg, msglen);
	if (st)
		store_watch_start(st);
	return st;
}

lf_store *store_open(const char *path, bool bare, lf_store_err *err, char *msg, size_t msglen)
{
	bool pg = path && sql_is_pg_conninfo(path);
	lf_store_err e = LF_STORE_IO;
	lf_store *st = calloc(1, sizeof *st);
	if (!st || !path || !(st->path = pg ? store_pg_display_name(path) : strdup(path))) {
		if (msg && msglen)
			snprintf(msg, msglen, "%s", path ? _("Out of memory while opening the database.")
			                                 : _("No database file was given."));
		goto cleanup;
	}
	st->reader.open = true; /* every case is listed until core names a reader */
	st->bare = bare;
	/* What an unknown login is checked against, ready before any login. */
	lf_password_decoy_prepare();
	e = pg ? store_pg_connect(st, path) : store_sqlite_connect(st, path);
	if (e == LF_STORE_OK)
		e = store_seal_open(st);
	if (e != LF_STORE_OK)
		goto cleanup;
	if (err)
		*err = LF_STORE_OK;
	if (msg && msglen)
		msg[0] = '\0';
	return st;
cleanup:
	if (err)
		*err = e;
	if (st && msg && msglen && st->path)
		snprintf(msg, msglen, "%s", st->msg);
	if (st) {
		store_seal_close(st);
		sql_close(st->db);
		free(st->path);
		free(st);
	}
	return NULL;
}

lf_store *store_reader_wrap(sql_db *db, const char *path)
{
	lf_store *st = calloc(1, sizeof *st);
	if (!st || !(st->path = strdup(path ? path : ""))) {
		free(st);
		return NULL;
	}
	st->db = db;
	st->reader.open = true;
	st->bare = true; /* it writes nothing: no seal, no tracking */
	return st;
}

void store_reader_unwrap(lf_store *st)
{
	if (!st)
		return;
	for (int i = 0; i < STMT_MAX; i++)
		sql_finalize(st->stmts[i]);
	free(st->path);
	free(st);
}

lf_store_err store_begin_immediate(lf_store *st)
{
	if (sql_dialect_of(st->db) == SQL_POSTGRES)
		return store_pg_begin(st);
	return store_sqlite_begin(st);
}

int lf_store_schema_version(lf_store *st)
{
	if (sql_dialect_of(st->db) == SQL_POSTGRES)
		return store_pg_schema_version(st);
	return store_sqlite_schema_version(st);
}

void lf_store_close(lf_store *st)
{
	if (!st)
		return;
	if (!sql_get_autocommit(st->db))
		sql_exec(st->db, "ROLLBACK");
	for (int i = 0; i < STMT_MAX; i++)
		sql_finalize(st->stmts[i]);
	store_seal_close(st);
	store_stats_pend_free(st);
	free(st->actor_id);
	free(st->actor_login);
	/* Keeps the planner's statistics current. Bounded, as SQLite's
	 * documentation advises: without a limit each close may ANALYZE a whole
	 * table (a table the connection read that has no statistics, or one
	 * that grew): 2.3 s at the close of every command on a 1M office. */
	if (sql_dialect_of(st->db) == SQL_SQLITE)
		sql_exec(st->db, "PRAGMA analysis_limit = 400; PRAGMA optimize");
	sql_close(st->db);
	free(st->path);
	free(st);
}

const char *lf_store_errmsg(lf_store *st)
{
	return st ? st->msg : "";
}

void lf_store_set_error(lf_store *st, lf_store_err kind, const char *msg)
{
	store_fail_msg(st, kind, msg);
}

lf_store_err lf_store_errcode(lf_store *st)
{
	return st ? st->err : LF_STORE_IO;
}

lf_store_err lf_store_begin(lf_store *st)
{
	if (st->in_txn)
		return store_fail_msg(st, LF_STORE_IO, _("A transaction is already open on the database."));
	lf_store_err e = store_begin_immediate(st);
	if (e == LF_STORE_OK)
		st->in_txn = true;
	return e;
}

lf_store_err lf_store_commit(lf_store *st)
{
	if (!st->in_txn)
		return store_fail_msg(st, LF_STORE_IO, _("There is no open transaction to commit."));
	lf_store_err e = store_seal_flush(st);
	if (e == LF_STORE_OK) /* the batch's counters, one UPSERT per row */
		e = store_stats_pend_flush(st);
	if (e == LF_STORE_OK)
		e = store_exec(st, "COMMIT");
	if (e == LF_STORE_OK)
		st->in_txn = false;
	return e; /* on failure the caller rolls back */
}

void lf_store_rollback(lf_store *st)
{
	/* Leaves the handle's error alone: the caller is usually about to show
	 * why the work is being dropped. */
	if (!sql_get_autocommit(st->db))
		sql_exec(st->db, "ROLLBACK");
	st->in_txn = false;
	store_stats_pend_drop(st, true);
}
