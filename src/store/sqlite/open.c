/* A SQLite file as the store: made private before SQLite creates it, its
 * journal and pragmas, the migrations it lacks (PRAGMA user_version), and
 * the write lock taken at BEGIN. src/store/db.c dispatches here. */
#include "sqlite_driver.h"
#include "sqlite_internal.h"
#include "../search_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "laifang/auth.h"
#include "laifang/embedded.h"
#include "laifang/i18n.h"
#include "laifang/paths.h"

/* Long enough for another desk's save (well under a millisecond) and for a
 * checkpoint or WAL recovery; short enough that a stuck desk is reported. */
#define BUSY_TIMEOUT_MS 5000
/* The WAL is truncated back to this after a checkpoint (a bulk import once
 * grew it to 4 GB). */
#define JOURNAL_SIZE_LIMIT "67108864"

/* PRAGMA user_version, or -1 with the error recorded. */
static int read_version(lf_store *st)
{
	sql_stmt *s = NULL;
	int v = -1;
	int rc = sql_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW)
		v = sql_column_int(s, 0);
	else
		store_fail(st, rc);
	sql_finalize(s);
	return v;
}


/* A file at schema 0 that already has tables is some other program's
 * database: laifang must not add its tables to it. True (with the error
 * recorded) when it is, or when that cannot be told. */
static bool foreign_file(lf_store *st)
{
	/* One statement, so both are read in one snapshot even while another
	 * terminal migrates a new file. */
	static const char sql[] = "SELECT user_version = 0 AND (SELECT count(*) FROM sqlite_schema) > 0 "
	                          "FROM pragma_user_version";
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_step(s);
	bool other = rc == SQL_ROW && sql_column_int(s, 0) != 0;
	sql_finalize(s);
	if (rc != SQL_ROW) {
		store_fail(st, rc);
		return true;
	}
	if (other)
		store_describe(st, LF_STORE_CORRUPT, _("it holds tables of another program"));
	return other;
}


/* Apply the migrations the file lacks, each in its own transaction. Another
 * terminal may be migrating the same file at the same moment, so the
 * version is read again once the write lock is held. */
static lf_store_err migrate(lf_store *st)
{
	int latest = lf_store_schema_latest();
	int have = read_version(st);
	if (have < 0)
		return st->err;
	if (have > latest) {
		char m[sizeof st->msg];
		snprintf(m, sizeof m, _("%s was written by a newer laifang (schema %d; this laifang knows up to %d). "
		                        "Use the newer laifang."), st->path, have, latest);
		return store_fail_msg(st, LF_STORE_TOO_NEW, m);
	}
	store_upgrading(st, have, latest);
	for (const struct lf_embedded *m = lf_migrations; m->name; m++) {
		int n = store_migration_number(m->name);
		if (n <= have)
			continue;
		lf_store_err e = store_begin_immediate(st);
		if (e != LF_STORE_OK)
			return e;
		have = read_version(st);
		if (have < 0)
			goto fail;
		if (n > have) {
			char set[48];
			int rc = sql_exec(st->db, m->text);
			if (rc != SQL_OK) {
				char detail[512];
				snprintf(detail, sizeof detail, "%s: %s", m->name, sql_errmsg(st->db));
				store_describe(st, store_kind_of(rc) == LF_STORE_OK ? LF_STORE_IO : store_kind_of(rc), detail);
				goto fail;
			}
			/* PRAGMA takes no parameters; n is our own number, not input. */
			snprintf(set, sizeof set, "PRAGMA user_version = %d", n);
			if (store_exec(st, set) != LF_STORE_OK)
				goto fail;
		}
		if (store_exec(st, "COMMIT") != LF_STORE_OK)
			goto fail;
		if (have < n)
			have = n;
	}
	return store_ok(st);
fail:
	if (!sql_get_autocommit(st->db))
		sql_exec(st->db, "ROLLBACK");
	return st->err;
}


/* Make the directory (0700) and the empty file (0600) before SQLite does,
 * so the file is never readable by others, whatever the umask. SQLite gives
 * its -wal and -shm files the database file's mode. */
static lf_store_err prepare_file(lf_store *st)
{
	struct stat sb;
	if (!strcmp(st->path, ":memory:") || stat(st->path, &sb) == 0)
		return LF_STORE_OK;
	const char *slash = strrchr(st->path, '/');
	if (slash && slash != st->path) {
		char *dir = strndup(st->path, (size_t)(slash - st->path));
		if (!dir)
			return store_fail_errno(st, ENOMEM);
		int r = lf_path_mkdirs(dir, 0700);
		int saved = errno;
		free(dir);
		if (r != 0)
			return store_fail_errno(st, saved);
	}
	int fd = open(st->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST) /* EEXIST: another terminal made it just now */
		return store_fail_errno(st, errno);
	if (fd >= 0)
		close(fd);
	return LF_STORE_OK;
}


/* Terminals opening a new file at the same moment all switch it to WAL.
 * The switch needs the file to itself, and SQLite answers BUSY at once
 * there instead of calling the busy handler, so wait here as it would. */
static lf_store_err wal(lf_store *st)
{
	int rc;
	for (int waited = 0;; waited += 10) {
		rc = sql_exec(st->db, "PRAGMA journal_mode = WAL");
		if (store_kind_of(rc) != LF_STORE_BUSY || waited >= BUSY_TIMEOUT_MS)
			break;
		sqlite3_sleep(10);
	}
	return rc == SQL_OK ? store_ok(st) : store_fail(st, rc);
}


static lf_store_err configure(lf_store *st)
{
	/* The busy timeout first: a PRAGMA that meets another process's WAL
	 * recovery would otherwise fail at once with "database is locked". */
	sqlite3 *h = sql_sqlite_handle(st->db);
	sqlite3_busy_timeout(h, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(h, 1);
	/* Before anything is changed, even the journal mode. */
	if (foreign_file(st))
		return st->err;
	/* A file this user may only read is opened read-only (export and check
	 * still work; a save says why it cannot); it cannot change its journal. */
	if (sqlite3_db_readonly(h, "main") != 1 && wal(st) != LF_STORE_OK)
		return st->err;
	return store_exec(st, "PRAGMA synchronous = FULL;"
	                      "PRAGMA foreign_keys = ON;"
	                      "PRAGMA journal_size_limit = " JOURNAL_SIZE_LIMIT ";");
}

lf_store_err store_sqlite_begin(lf_store *st)
{
	int rc = SQL_OK;
	/* Each try waits up to the busy timeout; BEGIN IMMEDIATE takes the write
	 * lock now, so no later statement of the transaction meets BUSY. */
	for (int i = 0; i < STORE_BUSY_TRIES; i++) {
		rc = sql_exec(st->db, "BEGIN IMMEDIATE");
		if (store_kind_of(rc) != LF_STORE_BUSY)
			break;
	}
	return rc == SQL_OK ? store_ok(st) : store_fail(st, rc);
}

lf_store_err store_sqlite_connect(lf_store *st, const char *path)
{
	lf_store_err e = prepare_file(st);
	if (e != LF_STORE_OK)
		return e;
	/* One thread uses the store's connection: no mutex around each call
	 * (the integrity check's thread opens its own). */
	int rc = sql_sqlite_open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, &st->db);
	if (rc != SQL_OK)
		return store_fail(st, rc);
	/* The search index's tokenizer, before a migration or a write uses it. */
	if ((rc = store_search_register(sql_sqlite_handle(st->db))) != SQL_OK)
		return store_fail(st, rc);
	if ((e = configure(st)) != LF_STORE_OK)
		return e;
	return migrate(st);
}

int store_sqlite_schema_version(lf_store *st)
{
	return read_version(st);
}
