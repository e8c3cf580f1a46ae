/* Server-side cursors for the driver's streamed reads (pg_cursor.h). */
#include "pg_cursor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BATCH = 2000, BATCH_MAX = 1000000 };

int pg_cursor_batch(void)
{
	const char *v = getenv("LAIFANG_PG_FETCH");
	long n = v && *v ? strtol(v, NULL, 10) : 0;
	return n > 0 && n <= BATCH_MAX ? (int)n : BATCH;
}

static void quiet_exec(PGconn *c, const char *sql)
{
	PQclear(PQexec(c, sql));
}

void pg_cursor_close(pg_cursor *cur, PGconn *c)
{
	if (!cur->name)
		return;
	PGTransactionStatusType t = PQtransactionStatus(c);
	if (t == PQTRANS_INTRANS) {
		char sql[48];
		snprintf(sql, sizeof sql, "CLOSE lf_cur_%u", cur->name);
		quiet_exec(c, sql);
	}
	/* In a failed transaction COMMIT rolls it back: either way it ends. */
	if (cur->own_txn && (t == PQTRANS_INTRANS || t == PQTRANS_INERROR))
		quiet_exec(c, "COMMIT");
	cur->name = 0;
	cur->own_txn = false;
}

static bool ok(const PGresult *r, ExecStatusType want)
{
	return r && PQresultStatus(r) == want;
}

PGresult *pg_cursor_fetch(pg_cursor *cur, PGconn *c)
{
	char sql[64];
	snprintf(sql, sizeof sql, "FETCH FORWARD %d FROM lf_cur_%u", cur->batch, cur->name);
	PGresult *r = PQexec(c, sql);
	if (!ok(r, PGRES_TUPLES_OK) || PQntuples(r) < cur->batch)
		pg_cursor_close(cur, c);
	return r;
}

PGresult *pg_cursor_open(pg_cursor *cur, PGconn *c, unsigned name, const char *sql, int n, const Oid *types,
                         const char *const *values)
{
	static const char head[] = "DECLARE lf_cur_%u NO SCROLL CURSOR FOR ";
	cur->name = 0;
	cur->own_txn = false;
	cur->batch = pg_cursor_batch();
	size_t len = sizeof head + 16 + strlen(sql);
	char *text = malloc(len);
	if (!text)
		return NULL;
	snprintf(text, len, "DECLARE lf_cur_%u NO SCROLL CURSOR FOR %s", name, sql);
	if (PQtransactionStatus(c) == PQTRANS_IDLE) {
		PGresult *b = PQexec(c, "BEGIN");
		if (!ok(b, PGRES_COMMAND_OK)) {
			free(text);
			return b;
		}
		PQclear(b);
		cur->own_txn = true;
	}
	cur->name = name;
	PGresult *r = PQexecParams(c, text, n, types, values, NULL, NULL, 0);
	free(text);
	if (!ok(r, PGRES_COMMAND_OK)) {
		if (cur->own_txn)
			quiet_exec(c, "ROLLBACK");
		cur->name = 0;
		cur->own_txn = false;
		return r;
	}
	PQclear(r);
	return pg_cursor_fetch(cur, c);
}
