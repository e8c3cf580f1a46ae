/* Opening a PostgreSQL database (--db postgresql://...): the connection,
 * laifang's schema in its own schema "main" (so the store's statements
 * that name main.audit_log read the same on both databases), the
 * migrations of db/pg/ under an advisory lock, and the write lock that
 * makes writes take turns as they do on SQLite. */
#include "pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/embedded.h"
#include "laifang/i18n.h"

/* Advisory lock keys ("laifang" + purpose): the migrations, and every write. */
#define LOCK_MIGRATE 0x6c6166616e670001LL
#define LOCK_WRITE 0x6c6166616e670002LL

/* "postgresql: db laifang on /run/postgresql": what a message names,
 * never the password of the connection string. */
char *store_pg_display_name(const char *conninfo)
{
	char *err = NULL;
	PQconninfoOption *o = PQconninfoParse(conninfo, &err);
	PQfreemem(err);
	const char *db = NULL, *host = NULL, *port = NULL;
	for (PQconninfoOption *p = o; p && p->keyword; p++) {
		if (!strcmp(p->keyword, "dbname"))
			db = p->val;
		else if (!strcmp(p->keyword, "host"))
			host = p->val;
		else if (!strcmp(p->keyword, "port"))
			port = p->val;
	}
	char buf[512];
	snprintf(buf, sizeof buf, "postgresql:%s%s%s%s%s", db ? db : "", host ? "@" : "", host ? host : "",
	         port ? ":" : "", port ? port : "");
	PQconninfoFree(o);
	return strdup(buf);
}

lf_store_err store_pg_begin(lf_store *st)
{
	char sql[96];
	snprintf(sql, sizeof sql, "BEGIN; SELECT pg_advisory_xact_lock(%lld)", LOCK_WRITE);
	return store_exec(st, sql);
}

/* laifang_version's one row, 0 before the first migration; -1 with the
 * error recorded. */
static int read_version(lf_store *st)
{
	sql_stmt *s = NULL;
	int v = -1;
	int rc = sql_prepare_v2(st->db, "SELECT coalesce((SELECT version FROM main.laifang_version), 0)", -1, &s,
	                        NULL);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW)
		v = sql_column_int(s, 0);
	else
		store_fail(st, rc);
	sql_finalize(s);
	return v;
}

int store_pg_schema_version(lf_store *st)
{
	return read_version(st);
}

/* A schema main that has tables but no laifang_version belongs to another
 * program: laifang adds nothing to it. */
static bool foreign_schema(lf_store *st)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                        "SELECT to_regclass('main.laifang_version') IS NULL AND EXISTS "
	                        "(SELECT 1 FROM pg_tables WHERE schemaname = 'main')",
	                        -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_step(s);
	bool other = rc == SQL_ROW && sql_column_int(s, 0) != 0;
	sql_finalize(s);
	if (rc != SQL_ROW) {
		store_fail(st, rc);
		return true;
	}
	if (other) {
		char m[sizeof st->msg];
		snprintf(m, sizeof m, _("%s is not a laifang database or is damaged (%s). "
		                        "Restore it from the latest backup, or open the right file with --db."),
		         st->path, _("it holds tables of another program"));
		store_fail_msg(st, LF_STORE_CORRUPT, m);
	}
	return other;
}

static lf_store_err migrate(lf_store *st)
{
	int latest = 0;
	for (const struct lf_embedded *m = lf_pg_migrations; m->name; m++)
		if (store_migration_number(m->name) > latest)
			latest = store_migration_number(m->name);
	char lock[96];
	snprintf(lock, sizeof lock, "BEGIN; SELECT pg_advisory_xact_lock(%lld)", LOCK_MIGRATE);
	if (store_exec(st, lock) != LF_STORE_OK)
		return st->err;
	if (store_exec(st, "CREATE TABLE IF NOT EXISTS main.laifang_version (" STORE_PG_VERSION_COLUMNS ")") !=
	    LF_STORE_OK)
		goto fail;
	int have = read_version(st);
	if (have < 0)
		goto fail;
	if (have > latest) {
		char m[sizeof st->msg];
		snprintf(m, sizeof m, _("%s was written by a newer laifang (schema %d; this laifang knows up to %d). "
		                        "Use the newer laifang."), st->path, have, latest);
		store_fail_msg(st, LF_STORE_TOO_NEW, m);
		goto fail;
	}
	store_upgrading(st, have, latest);
	/* All of them in one transaction: PostgreSQL's DDL is transactional. */
	for (const struct lf_embedded *m = lf_pg_migrations; m->name; m++) {
		int n = store_migration_number(m->name);
		if (n <= have)
			continue;
		int rc = sql_exec(st->db, m->text);
		if (rc != SQL_OK) {
			char detail[sizeof st->msg];
			snprintf(detail, sizeof detail, "%s: %s", m->name, sql_errmsg(st->db));
			store_fail_msg(st, LF_STORE_IO, detail);
			goto fail;
		}
		char set[128];
		snprintf(set, sizeof set,
		         "INSERT INTO main.laifang_version VALUES (1, %d) ON CONFLICT (one) DO UPDATE SET version = %d", n, n);
		if (store_exec(st, set) != LF_STORE_OK)
			goto fail;
	}
	/* An office whose search terms were built without weights (see
	 * STORE_PG_TERMS): built again, in the migrations' transaction. */
	if (have > 0 && have < STORE_PG_WEIGHTED_SCHEMA && latest >= STORE_PG_WEIGHTED_SCHEMA &&
	    store_pg_search_rebuild(st) != LF_STORE_OK)
		goto fail;
	if (store_exec(st, "COMMIT") != LF_STORE_OK)
		goto fail;
	return store_ok(st);
fail:
	if (!sql_get_autocommit(st->db))
		sql_exec(st->db, "ROLLBACK");
	return st->err;
}

/* A connection made again after the server dropped it (a restart): the
 * session's own set-up as at open, so writes are noted for the seal. */
static int revive(void *ud)
{
	lf_store *st = ud;
	int rc = sql_exec(st->db, "SET search_path = main");
	if (rc == SQL_OK && st->seal && !st->bare && store_pg_seal_tracking(st) != LF_STORE_OK)
		rc = SQL_IOERR;
	/* A new session listens afresh; what others did while the server was
	 * away came unheard, so the next look reports a change. */
	if (rc == SQL_OK && st->watch_on && store_pg_watch_listen(st))
		st->watch_version = 1;
	return rc;
}

bool store_pg_unreachable(lf_store *st, const char *detail)
{
	if (!st->db || !sql_pg_lost(st->db))
		return false;
	/* libpq's words come on several lines: one line for the screen. */
	char one[400];
	size_t n = 0;
	for (const char *p = detail; *p && n + 1 < sizeof one; p++)
		if ((*p != '\n' && *p != '\t') || (n > 0 && one[n - 1] != ' '))
			one[n++] = *p == '\n' || *p == '\t' ? ' ' : *p;
	one[n] = '\0';
	st->err = LF_STORE_IO;
	snprintf(st->msg, sizeof st->msg,
	         _("The database server of %s does not answer (%s): it may have stopped, or the network is down. "
	           "Your work stays on the screen; save again when the server is back."),
	         st->path, one);
	return true;
}

lf_store_err store_pg_connect(lf_store *st, const char *conninfo)
{
	int rc = sql_pg_open(conninfo, &st->db);
	if (rc != SQL_OK) {
		char m[sizeof st->msg];
		snprintf(m, sizeof m, _("Cannot connect to the database %s (%s). "
		                        "Check that the server runs and that the connection string is right."),
		         st->path, st->db ? sql_errmsg(st->db) : "");
		return store_fail_msg(st, LF_STORE_CANTOPEN, m);
	}
	/* laifang's tables live in the schema main, found first. */
	lf_store_err e = store_exec(st, "CREATE SCHEMA IF NOT EXISTS main; SET search_path = main");
	if (e != LF_STORE_OK)
		return e;
	sql_pg_on_reconnect(st->db, revive, st);
	if (foreign_schema(st))
		return st->err;
	return migrate(st);
}

bool store_pg_absent(const char *conninfo)
{
	sql_db *db = NULL;
	bool absent = false;
	if (sql_pg_open(conninfo, &db) == SQL_OK) {
		sql_stmt *s = NULL;
		if (sql_prepare_v2(db, "SELECT to_regclass('main.laifang_version') IS NULL", -1, &s, NULL) == SQL_OK &&
		    sql_step(s) == SQL_ROW)
			absent = sql_column_int(s, 0) != 0;
		sql_finalize(s);
	}
	sql_close(db);
	return absent;
}
