/* SQLSTATE to the driver interface's code (sqlstate.c). */
#ifndef LAIFANG_STORE_PG_SQLSTATE_H
#define LAIFANG_STORE_PG_SQLSTATE_H

/* SQL_CONSTRAINT_UNIQUE for "23505", SQL_BUSY for a serialization failure,
 * a deadlock or a lock not available, ... SQL_ERROR for anything else. */
int pg_sqlstate_code(const char *state);

#endif
