/* One search over cases, for every face: the query as typed is read as a
 * case number, an ID or phone number (whole or its last 4+ characters), or
 * words (content, visitors' names, addresses; Chinese words of one or more
 * characters). Permission first, results masked as lists are, every search
 * logged. Core module: no curses, no SQL. */
#ifndef LAIFANG_SEARCH_H
#define LAIFANG_SEARCH_H

#include <stddef.h>

#include "laifang/store.h"
#include "laifang/store_people.h"
#include "laifang/store_search.h"

#define LF_SEARCH_QUERY_MAX 200 /* bytes */

/* A query as laifang reads it: the store's query, pointing into buf. */
typedef struct lf_search_parsed {
	lf_search_query q;
	char buf[LF_SEARCH_QUERY_MAX + 1];
} lf_search_parsed;

/* Read a query (cleaned and trimmed here): "2026-0001" a case number;
 * digits (an X last allowed, dashes and spaces ignored) with 4 to 18 of
 * them an ID or phone number; anything else words, split at spaces, each a
 * phrase every hit must contain (the first LF_SEARCH_MAX_TERMS of them). Returns the kind (LF_SEARCH_NONE for an
 * empty query). */
lf_search_kind lf_search_parse(const char *query, lf_search_parsed *out);

/* The search itself: one page of up to limit hits (0: 50) after *cursor
 * (cursor->set false: the first page); *cursor moves to the page's last
 * row, *n (if not NULL) gets the page's count. Each row goes to fn with
 * the ID number masked (lists always mask it).
 * Any logged-in user may search by words and case numbers; ID and phone
 * numbers only with LF_PERM_VIEW_FULL_ID. Plain digits are also words of
 * the content (2024年, 12000元): the number's ID and phone hits come first,
 * then the content's, each case once, on the first page (later pages of a
 * number continue its ID and phone hits); without the permission the
 * content's alone, and digits ending in X (an ID number) are refused
 * (LF_STORE_DENIED and msg says why).
 * The first page of each search is logged: action "search" with the kind
 * and the query's length in characters, and the query itself unless it is
 * an ID or phone number. LF_STORE_INVALID for an empty query. */
lf_store_err lf_search(lf_store *st, const lf_user *actor, const char *query, lf_search_cursor *cursor, int limit,
                       lf_search_row_fn fn, void *ud, int *n, char *msg, size_t len);

/* One search run once and paged through (issue 16): the permission, the
 * audit entry (written once, here) and the ranking as lf_search's, the
 * hits kept as row numbers (lf_store_search_ids); any slice of them read
 * with lf_search_ranked_rows, masked as lf_search masks them. r holds
 * pointers into itself: do not copy it. Free with lf_search_ranked_free. */
typedef struct lf_search_ranked {
	lf_search_parsed p;
	long long *seqs;
	size_t n;
} lf_search_ranked;
lf_store_err lf_search_rank(lf_store *st, const lf_user *actor, const char *query, lf_search_ranked *r, char *msg,
                            size_t len);
/* The hits from..from+count (clipped to r->n) in rank order to fn. */
lf_store_err lf_search_ranked_rows(lf_store *st, const lf_search_ranked *r, size_t from, size_t count,
                                   lf_search_row_fn fn, void *ud);
void lf_search_ranked_free(lf_search_ranked *r);

/* The kind's id as logged: "text", "case_no", "number". */
const char *lf_search_kind_id(lf_search_kind kind);

#endif
