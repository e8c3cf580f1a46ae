/* A second connection to the office's PostgreSQL database, read in a
 * thread of its own while the store's connection goes on: laifang check
 * runs the foreign keys and the derived tables there (check.c), as it runs
 * them beside SQLite's integrity check on SQLite, so the server works on
 * both halves at once. The connection has the store's parameters (libpq's
 * own copy of them) and reads one snapshot throughout (REPEATABLE READ);
 * what it wrote (working tables) goes with its ROLLBACK. */
#include "pg_driver.h"
#include "pg_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct store_pg_reader {
	pthread_t thread;
	lf_store *reader;
	store_reader_fn fn;
	void *ud;
};

static void *run(void *arg)
{
	struct store_pg_reader *t = arg;
	if (store_exec(t->reader, "SET search_path = main; BEGIN ISOLATION LEVEL REPEATABLE READ") == LF_STORE_OK)
		t->fn(t->reader, t->ud);
	sql_exec(t->reader->db, "ROLLBACK");
	return NULL;
}

struct store_pg_reader *store_pg_reader_start(lf_store *st, store_reader_fn fn, void *ud)
{
	sql_db *db = NULL;
	struct store_pg_reader *t = calloc(1, sizeof *t);
	if (!t || sql_pg_open_like(st->db, &db) != SQL_OK || !(t->reader = store_reader_wrap(db, st->path))) {
		sql_close(db);
		free(t);
		return NULL;
	}
	t->fn = fn;
	t->ud = ud;
	if (pthread_create(&t->thread, NULL, run, t) != 0) {
		store_reader_unwrap(t->reader);
		sql_close(db);
		free(t);
		return NULL;
	}
	return t;
}

void store_pg_reader_join(struct store_pg_reader *t)
{
	if (!t)
		return;
	pthread_join(t->thread, NULL);
	sql_db *db = t->reader->db;
	store_reader_unwrap(t->reader);
	sql_close(db);
	free(t);
}
