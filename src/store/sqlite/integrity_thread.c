/* SQLite's own integrity check of the office's file, run by `laifang check`
 * on a read-only connection of its own in a second thread while the check's
 * other parts (the keyed log, the rows against it, the derived tables) run
 * on the store's connection: it reads every page of the file once, about a
 * fifth of the check's time, and the two need not wait for each other.
 * Each connection reads its own snapshot (WAL readers do not block), as two
 * runs of the check would. The lines it reports are kept until the caller
 * asks for them, so they are reported in the check's own thread. */
#include "sqlite_driver.h"
#include "sqlite_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

struct store_integrity {
	pthread_t thread;
	char *path;
	char **lines; /* what PRAGMA integrity_check said other than "ok" */
	size_t n, cap;
	int rc;       /* SQLITE_DONE when the pragma ran to its end */
	bool started; /* the pragma was prepared on the thread's connection */
	char err[256];
};

static void keep(struct store_integrity *t, const char *line)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;
		char **v = realloc(t->lines, cap * sizeof *v);
		if (!v) {
			t->rc = SQLITE_NOMEM;
			return;
		}
		t->lines = v;
		t->cap = cap;
	}
	if ((t->lines[t->n] = strdup(line)))
		t->n++;
	else
		t->rc = SQLITE_NOMEM;
}

static void *run(void *arg)
{
	struct store_integrity *t = arg;
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_open_v2(t->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 5000);
		/* The search table's tokenizer, should SQLite's check visit it. */
		rc = store_search_register(db);
	}
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
	sqlite3_close(db);
	return NULL;
}

struct store_integrity *store_sqlite_integrity_start(lf_store *st)
{
	const char *path = sqlite3_db_filename(sql_sqlite_handle(st->db), "main");
	if (!path || !*path) /* a database in memory: only this connection sees it */
		return NULL;
	struct store_integrity *t = calloc(1, sizeof *t);
	if (!t || !(t->path = strdup(path)) || pthread_create(&t->thread, NULL, run, t) != 0) {
		if (t)
			free(t->path);
		free(t);
		return NULL;
	}
	return t;
}

int store_sqlite_integrity_finish(struct store_integrity *t, void (*line)(const char *text, void *ud), void *ud,
                                  char *err, size_t errlen)
{
	pthread_join(t->thread, NULL);
	for (size_t i = 0; i < t->n; i++) {
		line(t->lines[i], ud);
		free(t->lines[i]);
	}
	int ok = !t->started ? 0 : t->rc == SQLITE_DONE ? 1 : -1;
	if (ok < 0)
		snprintf(err, errlen, "%s", t->err[0] ? t->err : sqlite3_errstr(t->rc));
	free(t->lines);
	free(t->path);
	free(t);
	return ok;
}
