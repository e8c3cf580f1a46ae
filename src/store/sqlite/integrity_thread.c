/* SQLite's own integrity check of the office's file, run by `laifang check`
 * on a read-only connection of its own in a second thread while the check's
 * other parts (the keyed log, the rows against it) run on the store's
 * connection: it reads every page of the file once, and the two need not
 * wait for each other. After the pragma the thread runs what the caller
 * gives it on the same connection (the derived tables' check: a quarter of
 * the check's time at 100k cases), so on two cores the check takes about
 * the longer of the two halves instead of their sum. Each connection reads
 * its own snapshot (WAL readers do not block), as two runs of the check
 * would; each half sees one state of the file throughout (one read
 * transaction each). The lines the pragma reports are kept until the
 * caller asks for them, so they are reported in the check's own thread. */
#include "sqlite_driver.h"
#include "sqlite_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

/* While the thread runs, each of the two connections keeps its page caches
 * (the database's and the working tables') to this many KiB: the two halves
 * running at once would otherwise add their peaks (laifang check at 1M
 * cases: 27.9 MiB resident before the derived tables moved to the thread,
 * 36.7 MiB after). A soft heap limit did that until 6 December; it needs
 * SQLite's memory accounting, whose one mutex every allocation of both
 * threads took (sql_sqlite_open turns the accounting off): on the 100k
 * bench office the check's CPU time 20.4 → 17.0 s, its peak 26.0 → 24.8
 * MiB with these caches. */
#define CHECK_CACHE_KIB "500"
#define CHECK_CACHES "PRAGMA main.cache_size = -" CHECK_CACHE_KIB "; PRAGMA temp.cache_size = -" CHECK_CACHE_KIB

struct store_integrity {
	pthread_t thread;
	char *path;
	char *name; /* the file as the store names it in its messages */
	store_lines lines; /* what PRAGMA integrity_check said other than "ok" */
	int rc;       /* SQLITE_DONE when the pragma ran to its end */
	bool started; /* the pragma was prepared on the thread's connection */
	store_reader_fn more; /* run after the pragma on the same connection */
	void *more_ud;
	bool joined;
	sql_db *store_db; /* the store's connection, its caches as they were put back at finish */
	int main_was, temp_was;
	char err[256];
};

static void keep(struct store_integrity *t, const char *line)
{
	if (!store_lines_add(&t->lines, line))
		t->rc = SQLITE_NOMEM;
}

static void *run(void *arg)
{
	struct store_integrity *t = arg;
	sql_db *conn = NULL;
	sqlite3_stmt *s = NULL;
	int rc = sql_sqlite_open(t->path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, &conn);
	sqlite3 *db = sql_sqlite_handle(conn);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		/* The search table's tokenizer and laifang_search_key, for the
		 * pragma's visit to it and for the derived tables' check. Working
		 * tables in a file, as on the store's connection (seal_track.c):
		 * they grow with the office. */
		rc = store_search_register(db);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA temp_store = FILE; BEGIN; " CHECK_CACHES, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL);
	if (rc == SQLITE_OK) {
		t->started = true;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			const char *v = (const char *)sqlite3_column_text(s, 0);
			if (v && strcmp(v, "ok"))
				keep(t, v);
		}
	}
	if (rc != SQLITE_DONE)
		snprintf(t->err, sizeof t->err, "%s", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	if (t->rc == SQLITE_OK)
		t->rc = rc;
	sqlite3_finalize(s);
	/* The rest only after a pragma that ran to its end: otherwise the
	 * caller runs it on its own connection. */
	if (t->rc == SQLITE_DONE && t->more) {
		lf_store *reader = store_reader_wrap(conn, t->name);
		if (reader) {
			t->more(reader, t->more_ud);
			store_reader_unwrap(reader);
		}
	}
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	sql_close(conn);
	return NULL;
}

/* A schema's cache_size as the pragma gives it (0 when it cannot be read:
 * then it is left as it is). */
static int cache_size(sql_db *db, const char *schema)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA %s.cache_size", schema);
	sqlite3_stmt *s = NULL;
	int n = 0;
	if (sqlite3_prepare_v2(sql_sqlite_handle(db), sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void caches_back(struct store_integrity *t)
{
	char sql[128];
	if (t->main_was && t->temp_was) {
		snprintf(sql, sizeof sql, "PRAGMA main.cache_size = %d; PRAGMA temp.cache_size = %d", t->main_was,
		         t->temp_was);
		sqlite3_exec(sql_sqlite_handle(t->store_db), sql, NULL, NULL, NULL);
	}
}

struct store_integrity *store_sqlite_integrity_start(lf_store *st, store_reader_fn more, void *ud)
{
	const char *path = sqlite3_db_filename(sql_sqlite_handle(st->db), "main");
	if (!path || !*path) /* a database in memory: only this connection sees it */
		return NULL;
	struct store_integrity *t = calloc(1, sizeof *t);
	if (t) {
		t->more = more;
		t->more_ud = ud;
		t->store_db = st->db;
		t->main_was = cache_size(st->db, "main");
		t->temp_was = cache_size(st->db, "temp");
		sqlite3_exec(sql_sqlite_handle(st->db), CHECK_CACHES, NULL, NULL, NULL);
	}
	if (!t || !(t->path = strdup(path)) || !(t->name = strdup(st->path ? st->path : path)) ||
	    pthread_create(&t->thread, NULL, run, t) != 0) {
		if (t) {
			caches_back(t);
			free(t->path);
			free(t->name);
		}
		free(t);
		return NULL;
	}
	return t;
}

void store_sqlite_integrity_join(struct store_integrity *t)
{
	if (!t->joined)
		pthread_join(t->thread, NULL);
	t->joined = true;
}

int store_sqlite_integrity_finish(struct store_integrity *t, void (*line)(const char *text, void *ud), void *ud,
                                  char *err, size_t errlen)
{
	store_sqlite_integrity_join(t);
	for (size_t i = 0; i < t->lines.n; i++)
		line(t->lines.v[i], ud);
	int ok = !t->started ? 0 : t->rc == SQLITE_DONE ? 1 : -1;
	if (ok < 0)
		snprintf(err, errlen, "%s", t->err[0] ? t->err : sqlite3_errstr(t->rc));
	caches_back(t);
	store_lines_free(&t->lines);
	free(t->path);
	free(t->name);
	free(t);
	return ok;
}
