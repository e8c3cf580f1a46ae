/* laifang_rank(case_search, w1, w2, w3): the search's ranking, FTS5's
 * bm25 (the same k1 = 1.2, b = 0.75, column weights and formula, written
 * here from SQLite's documentation of bm25) with one saving. bm25 weighs
 * each phrase of the query by its IDF, and to know it counts every row the
 * phrase matches in the whole index, once per query: at 1M cases a common
 * word or a long phrase matches 100,000s of rows, and that count was
 * nearly all the search's time (issue 16: 170 ms of a long phrase's first
 * page, the 2,000 newest matches themselves 2-6 ms). A query of one phrase,
 * the search screen's usual, scales every row's score by the same IDF, so
 * the order is bm25's without it: it is left out (taken as 1). A query of
 * several phrases keeps the IDFs, counted as bm25 counts them. Lower is
 * better, as with bm25. */
#include "sqlite_driver.h"
#include "sqlite_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What one query's rows share: its phrases' IDFs and the mean row size. */
typedef struct rank_query {
	int phrases;
	double mean_size;
	double *idf;
	double *freq; /* the current row's weighted hits per phrase */
} rank_query;

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ud)
{
	(void)api;
	(void)fts;
	++*(sqlite3_int64 *)ud;
	return SQLITE_OK;
}

static int query_of(const Fts5ExtensionApi *api, Fts5Context *fts, rank_query **out)
{
	rank_query *q = api->xGetAuxdata(fts, 0);
	if (q) {
		*out = q;
		return SQLITE_OK;
	}
	int n = api->xPhraseCount(fts);
	q = calloc(1, sizeof *q + 2 * (size_t)(n > 0 ? n : 1) * sizeof(double));
	if (!q)
		return SQLITE_NOMEM;
	q->phrases = n;
	q->idf = (double *)(q + 1);
	q->freq = q->idf + (n > 0 ? n : 1);
	sqlite3_int64 rows = 0, tokens = 0;
	int rc = api->xRowCount(fts, &rows);
	if (rc == SQLITE_OK)
		rc = api->xColumnTotalSize(fts, -1, &tokens);
	q->mean_size = rows > 0 && tokens > 0 ? (double)tokens / (double)rows : 1.0;
	for (int i = 0; rc == SQLITE_OK && i < n; i++) {
		if (n == 1) {
			q->idf[i] = 1.0; /* the same for every row: the order does not need it */
			break;
		}
		sqlite3_int64 hits = 0;
		rc = api->xQueryPhrase(fts, i, &hits, count_row);
		double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
		q->idf[i] = idf > 0.0 ? idf : 1e-6;
	}
	if (rc != SQLITE_OK) {
		free(q);
		return rc;
	}
	rc = api->xSetAuxdata(fts, q, free); /* on failure it has freed q */
	if (rc == SQLITE_OK)
		*out = q;
	return rc;
}

static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *cx, int nval,
                    sqlite3_value **val)
{
	const double k1 = 1.2, b = 0.75;
	rank_query *q = NULL;
	int rc = query_of(api, fts, &q), inst = 0, size = 0;
	if (rc == SQLITE_OK) {
		memset(q->freq, 0, (size_t)(q->phrases > 0 ? q->phrases : 1) * sizeof *q->freq);
		rc = api->xInstCount(fts, &inst);
	}
	for (int i = 0; rc == SQLITE_OK && i < inst; i++) {
		int phrase = 0, col = 0, offset = 0;
		rc = api->xInst(fts, i, &phrase, &col, &offset);
		if (rc == SQLITE_OK && phrase >= 0 && phrase < q->phrases)
			q->freq[phrase] += nval > col ? sqlite3_value_double(val[col]) : 1.0;
	}
	if (rc == SQLITE_OK)
		rc = api->xColumnSize(fts, -1, &size);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(cx, rc);
		return;
	}
	double score = 0.0;
	for (int i = 0; i < q->phrases; i++)
		score += q->idf[i] * (q->freq[i] * (k1 + 1.0)) /
		         (q->freq[i] + k1 * (1.0 - b + b * (double)size / q->mean_size));
	sqlite3_result_double(cx, -score);
}

int lf_rank_register(fts5_api *api)
{
	return api->xCreateFunction(api, "laifang_rank", NULL, rank_fn, NULL);
}
