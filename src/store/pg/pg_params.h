/* SQLite's parameters turned into PostgreSQL's $N (params.c). */
#ifndef LAIFANG_STORE_PG_PARAMS_H
#define LAIFANG_STORE_PG_PARAMS_H

#include <stddef.h>

typedef struct pg_params {
	char *sql;    /* the statement with $N */
	int n;        /* parameters: $1 to $n */
	char **names; /* [n]: ":name" or "?N" as written, NULL for a bare ? */
} pg_params;

/* Convert n bytes of sql into *p (zeroed first by the caller): SQL_OK,
 * SQL_NOMEM, or SQL_ERROR for ?0 or a number beyond ?100000. */
int pg_params_convert(const char *sql, size_t n, pg_params *p);
void pg_params_free(pg_params *p);

#endif
