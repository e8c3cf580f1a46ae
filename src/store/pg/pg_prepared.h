/* The statements a PostgreSQL connection has seen, and which of them the
 * server holds prepared (a named statement of the session). A statement
 * run a second time is prepared then and executed by name ever after, so
 * the server parses and plans it once per session instead of at every
 * run; one run once pays nothing. Named statements are the protocol's,
 * not SQL PREPARE: a rollback does not drop them, a new session (the
 * connection made again) does, and the cache is then emptied. */
#ifndef LAIFANG_STORE_PG_PREPARED_H
#define LAIFANG_STORE_PG_PREPARED_H

#include <libpq-fe.h>
#include <stdbool.h>

typedef struct pg_prepared pg_prepared;

typedef struct pg_prepared_entry {
	char *sql;       /* NULL: a free slot */
	Oid *types;      /* [n]: the parameters' types the statement was seen with */
	int n;
	unsigned runs;   /* times run so far */
	unsigned name;   /* 0 until prepared as statement "lf_<name>" */
} pg_prepared_entry;

/* A cache of at most a fixed number of statements (the store's are a few
 * hundred texts; a statement built from a user's filter may be new each
 * time: past the limit, statements simply run unprepared). */
pg_prepared *pg_prepared_new(void);
void pg_prepared_free(pg_prepared *c);
/* Forget every statement (a new session holds none). */
void pg_prepared_clear(pg_prepared *c);
/* The entry of sql run with these parameter types, added when new; NULL
 * when the cache is full or memory short. */
pg_prepared_entry *pg_prepared_find(pg_prepared *c, const char *sql, const Oid *types, int n);
/* Run sql with its values once: by name when prepared, prepared at its
 * second run, else as a one-off (PQexecParams parses and plans it each
 * time); a statement whose table changed shape is prepared again. With
 * no cache (c NULL) always a one-off. */
PGresult *pg_prepared_run(pg_prepared *c, PGconn *conn, const char *sql, int n, const Oid *types,
                          const char *const *values);

#endif
