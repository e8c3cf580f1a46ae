/* The search index inside the store (bigram.c, search.c): not
 * for use outside src/store/ (tests and the bench may include it to run the
 * store's own SQL raw). */
#ifndef LAIFANG_SEARCH_INTERNAL_H
#define LAIFANG_SEARCH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "store_internal.h"

/* The tokenizer's name in db/004_search.sql. */
#define LF_BIGRAM_NAME "laifang"

/* A token that takes the position of the one before it (a character
 * beside its bigram); FTS5's value, which sqlite/fts_bigram.c asserts. */
#define LF_TOKEN_COLOCATED 0x0001

/* The search key of a number (an ID number, a phone): kind ('i', 'p') and
 * its digits (and an X) reversed, so that a suffix becomes a prefix. Its
 * length, 0 (and "") without digits. search.c. */
#define STORE_SEARCH_KEY_LEN 42
int store_search_key(char kind, const char *num, char out[STORE_SEARCH_KEY_LEN]);
/* The n-th (from 1) of phone numbers joined by "、" (phone_more, schema 23)
 * into out; false when there is none. */
bool store_nth_phone(const char *list, int n, char *out, size_t len);
/* SQLite: the numbers 1..4 of phone_more, as a FROM item (alias pn) and
 * its column. */
#define STORE_PHONE_NS "(SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) pn"
#define STORE_PHONE_N "pn.n"


/* The tokenizer itself (bigram.c; a return other than 0 from emit stops it
 * and is returned): emit(ctx, flags, token, ntoken,
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
/* The parts every search returns after (seq, score): the visitors' names
 * and the content, then the case (search.c; PostgreSQL's text search uses
 * them too). */
#define STORE_HIT_COLS "c.id, c.case_no, c.received_on, c.status, " STORE_DOC_SHOWN ", c.is_repeat "
#define STORE_HIT_JOINS                                                                              \
	"LEFT JOIN case_visitor cv ON cv.case_id = c.id AND cv.position = 0 "                            \
	"LEFT JOIN visitor v ON v.id = cv.visitor_id "
#define STORE_NAMES_CONTENT                                                                          \
	"coalesce((SELECT group_concat(name, ' ') FROM (SELECT name FROM case_visitor WHERE case_id = c.id " \
	"ORDER BY position) n), CASE WHEN c.anonymous <> 0 THEN '匿名' END), c.content, "
/* A text search ranked once (lf_store_search_ids), and a hit read by its
 * row number (lf_store_search_rows): for the bench. */
extern const char store_search_ids_text_sql[];
extern const char store_search_by_seq_sql[];

#endif
