/* Shared between the files of the SQLite store (db.c, cases.c, check.c);
 * nothing outside src/store/ includes this. */
#ifndef LAIFANG_STORE_INTERNAL_H
#define LAIFANG_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "laifang/store.h"

/* Every statement the store runs more than once, prepared on first use and
 * kept until close (at a few microseconds a query, preparing would dominate). */
enum store_stmt_id {
	STMT_VISITOR_UPSERT,
	STMT_VISITOR_N_CASES,
	STMT_COUNTER_NEXT,
	STMT_CASE_INSERT,
	STMT_CASE_VISITOR_INSERT,
	STMT_FIND_VISITOR,
	STMT_CASES_ON,
	STMT_EACH_CASE,
	STMT_GET_CASE,
	STMT_MAX
};

struct lf_store {
	sqlite3 *db;
	char *path;
	bool in_txn; /* lf_store_begin is open: saves join it */
	lf_store_err err;
	char msg[768];
	sqlite3_stmt *stmts[STMT_MAX];
};

/* The cached statement id, prepared from sql the first time; NULL with the
 * error set on st when it cannot be prepared. Reset it after use. */
sqlite3_stmt *store_stmt(lf_store *st, enum store_stmt_id id, const char *sql);

/* Record SQLite's result code rc (and the handle's message) as the handle's
 * error; returns the kind. */
lf_store_err store_fail(lf_store *st, int rc);

/* Record an error of a given kind with an already translated sentence. */
lf_store_err store_fail_msg(lf_store *st, lf_store_err kind, const char *msg);

/* Clear the handle's error; returns LF_STORE_OK. */
lf_store_err store_ok(lf_store *st);

/* Run SQL without results (BEGIN, COMMIT...); an error is recorded. */
lf_store_err store_exec(lf_store *st, const char *sql);

/* Start a write transaction with BEGIN IMMEDIATE, trying again a few times
 * while other terminals hold the database past the busy timeout. */
lf_store_err store_begin_immediate(lf_store *st);

/* How many times a write is tried when the database stays busy. */
#define STORE_BUSY_TRIES 3

#endif
