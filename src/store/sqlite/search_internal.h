/* The search index inside the SQLite store (fts_bigram.c, search.c): not
 * for use outside src/store/ (tests and the bench may include it to run the
 * store's own SQL raw). */
#ifndef LAIFANG_SEARCH_INTERNAL_H
#define LAIFANG_SEARCH_INTERNAL_H

#include "sqlite_driver.h"
#include <stdbool.h>

#include "store_internal.h"

/* The tokenizer's name in db/004_search.sql. */
#define LF_BIGRAM_NAME "laifang"

/* Register the tokenizer on a connection: before the migrations run and
 * before the case_search table is used (a raw connection that queries it
 * must call this too). An SQLite result code. */
int lf_bigram_register(sqlite3 *db);

/* Register the tokenizer and the function laifang_search_key (search.c),
 * both of which db/004_search.sql and the store's writes use. */
int store_search_register(sqlite3 *db);

/* The tokenizer itself, for the unit test: emit(ctx, flags, token, ntoken,
 * start, end) for each token of text; query: tokenise as a query phrase. */
int lf_bigram_tokenize(const char *text, int n, bool query, void *ctx,
                       int (*emit)(void *ctx, int flags, const char *tok, int ntok, int start, int end));

/* The text with every match of the terms (as a phrase each) between
 * LF_SEARCH_MARK_ON and _OFF; with snippet_chars > 0 only about that many
 * characters around the first match, "…" where cut. malloc'd; NULL when
 * out of memory (search_mark.c). */
char *store_search_mark(const char *text, const char *const *terms, int n_terms, int snippet_chars);

/* Bring the search index of one case (by id) up to date with its rows:
 * called by every write that changes a case's indexed text, inside its
 * transaction. */
lf_store_err store_search_index(lf_store *st, const char *case_id);

/* The SQL text a text search runs (for the plan test and the bench). */
extern const char store_search_text_sql[];
/* A text search ranked once (lf_store_search_ids), and a hit read by its
 * row number (lf_store_search_rows): for the bench. */
extern const char store_search_ids_text_sql[];
extern const char store_search_by_seq_sql[];

#endif
