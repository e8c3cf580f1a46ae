/* Shared by the parts of `laifang check` (check.c: the file, the case
 * numbers, the queue keys; check_seal.c: the keyed log, every row against
 * its entry, the derived tables). */
#ifndef LAIFANG_CHECK_INTERNAL_H
#define LAIFANG_CHECK_INTERNAL_H

#include "store_internal.h"
#include "copy_text.h"

typedef struct checker {
	lf_store *st;
	lf_problem_fn fn;
	void *ud;
	int problems;
	long long expect_seq; /* a head kept elsewhere: > 0 to compare */
	const char *expect_hash;
} checker;

/* One problem, as a translated line. */
__attribute__((format(printf, 2, 3))) void check_problem(checker *k, const char *fmt, ...);
/* A one-off statement (nothing cached: check runs rarely); NULL with the
 * error recorded. */
sql_stmt *check_prepare(checker *k, const char *sql);
/* The same for a read whose rows grow with the office (the log, every
 * sealed table, every case): streamed (SQL_PREPARE_STREAM), so a
 * PostgreSQL check holds a batch of them, not all. */
sql_stmt *check_prepare_stream(checker *k, const char *sql);
/* Finalize s: true when it ran to the end (rc SQL_DONE). */
bool check_finish(checker *k, sql_stmt *s, int rc);
const char *check_text(sql_stmt *s, int col);

/* check_batch.c: rows into a working table (a temporary one of the
 * check's), many at a time: COPY on PostgreSQL, a prepared INSERT on
 * SQLite. Open with the table and its columns (our own names); give each
 * row's ncols values in order, then end the row; close sends what is left
 * and frees (also after a failure, then false). A failure is recorded as
 * the store's error and makes the later calls do nothing. */
typedef struct check_batch {
	checker *k;
	sql_stmt *ins;
	char copy[256];
	copy_text rows;
	int col, ncols;
	bool failed;
} check_batch;
bool check_batch_open(checker *k, check_batch *b, const char *table, const char *cols, int ncols);
void check_batch_text(check_batch *b, const char *v); /* NULL: SQL NULL */
void check_batch_int(check_batch *b, long long v);
void check_batch_column(check_batch *b, sql_stmt *s, int col); /* as it is in s */
bool check_batch_row(check_batch *b);
bool check_batch_close(check_batch *b);

/* check_seal.c */
bool check_audit(checker *k);
bool check_rows(checker *k);
bool check_derived(checker *k);

/* sqlite/check_schema.c (PostgreSQL: pg/check_pg.c): the schema is the one laifang's migrations make. */
bool check_schema(checker *k);

#endif
