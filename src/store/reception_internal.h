/* Shared by the store's reception files (reception.c, reception_log.c):
 * one-off statements and column copies. Private to src/store. */
#ifndef LAIFANG_STORE_RECEPTION_INTERNAL_H
#define LAIFANG_STORE_RECEPTION_INTERNAL_H

#include "sql.h"
#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"

/* Prepare a statement that is not cached; NULL with the error recorded. */
sql_stmt *store_rc_prepare(lf_store *st, const char *sql);
/* Copy a text column into a fixed buffer ("" for NULL). */
void store_rc_col(char *dst, size_t len, sql_stmt *s, int col);
/* A malloc'd copy of a text column (NULL when NULL or empty; *oom set when
 * out of memory). */
char *store_rc_dup(sql_stmt *s, int col, bool *oom);
/* Step a write to its end and finalize it: SQL_DONE or the failing code. */
int store_rc_run(sql_stmt *s);

/* A row that is a publication: approved after its review, or written
 * before reviews were recorded (db/025). */
#define PUB_APPROVED "(approved_at IS NOT NULL OR draft_sha256 IS NULL)"

#endif
