/* Searching cases: the store's index (SQLite: an FTS5 table with laifang's
 * own Chinese tokenizer, and reversed ID and phone keys; db/004_search.sql).
 * Part of the store module. These calls check no permission and mask
 * nothing: core (search.h) does, then calls them. */
#ifndef LAIFANG_STORE_SEARCH_H
#define LAIFANG_STORE_SEARCH_H

#include <stdbool.h>

#include "laifang/store.h"

/* A match inside name or snippet is between these two bytes. */
#define LF_SEARCH_MARK_ON '\001'
#define LF_SEARCH_MARK_OFF '\002'

#define LF_SEARCH_MAX_TERMS 8

typedef enum lf_search_kind {
	LF_SEARCH_NONE = 0, /* nothing to search for */
	LF_SEARCH_TEXT,     /* words of the content, visitors' names and addresses */
	LF_SEARCH_CASE_NO,  /* a case number, whole ("2026-000123", "2026-123") or its beginning ("2026-0001") */
	LF_SEARCH_NUMBER,   /* an ID or phone number, whole or its last 4 or more characters */
} lf_search_kind;

/* Where a page ends: the last row shown (keyset; never OFFSET). */
typedef struct lf_search_cursor {
	bool set;           /* false: the first page */
	double score;
	long long seq;
	char case_no[16];
} lf_search_cursor;

typedef struct lf_search_query {
	lf_search_kind kind;
	/* TEXT: each term must match, as a phrase (punctuation inside is ignored). */
	const char *terms[LF_SEARCH_MAX_TERMS];
	int n_terms;
	/* CASE_NO: "2026-0001"; NUMBER: digits, an X last for an ID number. */
	const char *number;
	bool id, phone;     /* NUMBER: search ID numbers, phone numbers */
	lf_search_cursor after;
	int limit;          /* 0: 50 */
} lf_search_query;

/* One hit. Strings belong to the store until the callback returns. */
typedef struct lf_search_row {
	long long seq;            /* the case's row number */
	double score;             /* lower is better */
	const char *case_id, *case_no, *received_on, *status;
	const char *name;         /* the visitors' names, matches marked */
	const char *id_number;    /* the sheet's visitor's, in full: core masks it */
	const char *snippet;      /* a piece of the content around the match, marked */
	bool repeat;
} lf_search_row;
typedef int (*lf_search_row_fn)(const lf_search_row *r, void *ud);

/* Hits in order: TEXT by relevance (bm25: a name counts most, then the
 * address, then the content), ranked among the newest LF_SEARCH_WINDOW
 * matches so that the first page of a word found in half the office is as
 * quick as a rare one; CASE_NO in case-number order (an exact number
 * first); NUMBER newest first. */
#define LF_SEARCH_WINDOW 2000
lf_store_err lf_store_search(lf_store *st, const lf_search_query *q, lf_search_row_fn fn, void *ud);

/* One ranking, paged through (issue 16): the search's hits as row numbers
 * in the order lf_store_search gives them, the query run once (text: one
 * bm25 ranking of the newest LF_SEARCH_WINDOW matches), at most
 * LF_SEARCH_IDS_MAX of them; then any slice of them read by row number,
 * each row one primary-key seek. The ids are compact (8 bytes a hit): a
 * screen keeps them and holds only the rows in view. *seqs is malloc'd. */
#define LF_SEARCH_IDS_MAX LF_SEARCH_WINDOW
lf_store_err lf_store_search_ids(lf_store *st, const lf_search_query *q, long long **seqs, size_t *n);
/* The rows of seqs[0..n) in that order (one no longer readable, or gone,
 * is left out), marked with q's terms as lf_store_search marks them. */
lf_store_err lf_store_search_rows(lf_store *st, const lf_search_query *q, const long long *seqs, size_t n,
                                  lf_search_row_fn fn, void *ud);

/* Move a cursor to a row (the last of a page). */
void lf_search_cursor_at(lf_search_cursor *c, const lf_search_row *r);

#endif
