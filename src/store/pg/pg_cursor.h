/* A read whose rows may be many (a statement prepared with
 * SQL_PREPARE_STREAM), fetched a batch at a time through a server-side
 * cursor instead of taken whole: the client holds one batch, whatever the
 * size of the office. A cursor lives in a transaction; outside one, the
 * cursor begins its own and commits it when the rows run out (or the
 * statement is reset), so the statements run between two batches (the
 * check's COPY into its working tables, a lookup by key) are part of it.
 * Unlike libpq's single-row mode, the connection stays free for them.
 * Streams may nest; one begun inside another's own transaction must end
 * first (the outer one's end commits, and closes every cursor in it). */
#ifndef LAIFANG_STORE_PG_CURSOR_H
#define LAIFANG_STORE_PG_CURSOR_H

#include <libpq-fe.h>
#include <stdbool.h>

typedef struct pg_cursor {
	unsigned name;  /* "lf_cur_<name>"; 0: none open */
	int batch;      /* rows per FETCH */
	bool own_txn;   /* the cursor began the transaction it lives in */
} pg_cursor;

/* Rows per FETCH: LAIFANG_PG_FETCH when set (a test's small batches), else
 * 2,000 (a few megabytes of the widest rows, few round trips). */
int pg_cursor_batch(void);
/* Declare cursor name for sql with its values and fetch its first batch:
 * the FETCH's result, or the failed statement's (the cursor then closed).
 * NULL when memory is short. */
PGresult *pg_cursor_open(pg_cursor *cur, PGconn *c, unsigned name, const char *sql, int n, const Oid *types,
                         const char *const *values);
/* The next batch; a batch shorter than cur->batch is the last, and the
 * cursor is closed after it (its rows stay readable in the result). */
PGresult *pg_cursor_fetch(pg_cursor *cur, PGconn *c);
/* Close the cursor and end the transaction it began (a rollback when a
 * statement failed in it). Results are not reported: the statement's own
 * error, if any, is the one to tell. */
void pg_cursor_close(pg_cursor *cur, PGconn *c);

#endif
