/* COPY ... FROM STDIN on the store's connection (pg_internal.h): rows sent
 * in one round trip instead of a statement each. */
#include "pg_internal.h"

#include <stdio.h>
#include <string.h>

/* libpq's message without its closing newline, as the store's error. */
static lf_store_err copy_fail(lf_store *st, const char *m)
{
	char msg[512];
	snprintf(msg, sizeof msg, "%s", m && *m ? m : "COPY failed");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	return store_fail_msg(st, LF_STORE_IO, msg);
}

lf_store_err store_pg_copy(lf_store *st, const char *copy_sql, const char *data, size_t len)
{
	PGconn *c = sql_pg_handle(st->db);
	if (!c)
		return store_fail_msg(st, LF_STORE_IO, "COPY on a database that is not PostgreSQL");
	/* The statement, the rows, the end, and COPY's own result. */
	PGresult *r = PQexec(c, copy_sql);
	if (!r || PQresultStatus(r) != PGRES_COPY_IN) {
		lf_store_err e = copy_fail(st, r ? PQresultErrorMessage(r) : PQerrorMessage(c));
		PQclear(r);
		return e;
	}
	PQclear(r);
	const char *err = NULL;
	while (len > 0 && !err) {
		int n = len > (1u << 30) ? 1 << 30 : (int)len;
		if (PQputCopyData(c, data, n) != 1)
			err = PQerrorMessage(c);
		data += n;
		len -= (size_t)n;
	}
	if (PQputCopyEnd(c, err) != 1 && !err)
		err = PQerrorMessage(c);
	lf_store_err e = LF_STORE_OK;
	while ((r = PQgetResult(c))) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK && e == LF_STORE_OK)
			e = copy_fail(st, *PQresultErrorMessage(r) ? PQresultErrorMessage(r) : err);
		PQclear(r);
	}
	if (e == LF_STORE_OK && err)
		e = copy_fail(st, err);
	return e;
}
