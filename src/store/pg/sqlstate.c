/* The driver interface's result codes for PostgreSQL's SQLSTATEs
 * (pg_sqlstate.h): what the store reads as SQLite's codes. */
#include "pg_sqlstate.h"

#include <string.h>

#include "../sql.h"

/* The interface's code for a SQLSTATE. */
int pg_sqlstate_code(const char *state)
{
	if (!state || strlen(state) != 5)
		return SQL_ERROR;
	if (!strcmp(state, "23505"))
		return SQL_CONSTRAINT_UNIQUE;
	if (!strcmp(state, "23503"))
		return SQL_CONSTRAINT_FOREIGNKEY;
	if (!strncmp(state, "23", 2) || !strcmp(state, "P0001")) /* a RAISE of our triggers, as SQLite's */
		return SQL_CONSTRAINT;
	if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03"))
		return SQL_BUSY;
	if (!strcmp(state, "53100"))
		return SQL_FULL;
	if (!strcmp(state, "25006"))
		return SQL_READONLY;
	if (!strcmp(state, "42501") || !strncmp(state, "28", 2))
		return SQL_PERM;
	if (!strncmp(state, "08", 2) || !strncmp(state, "57", 2))
		return SQL_IOERR;
	if (!strncmp(state, "53", 2))
		return SQL_NOMEM;
	return SQL_ERROR;
}
