/* The bigram tokenizer (src/store/bigram.c) registered with SQLite's FTS5
 * under the name "laifang" (db/004_search.sql), with the search's ranking
 * function (fts_rank.c). */
#include "sqlite_driver.h"
#include "sqlite_internal.h"
#include "../search_internal.h"

_Static_assert(LF_TOKEN_COLOCATED == FTS5_TOKEN_COLOCATED, "the tokenizer's flag is FTS5's");

/* The tokenizer keeps no state: its instance is a dummy non-NULL pointer. */
static int tok_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)ud;
	(void)argv;
	if (argc > 0)
		return SQLITE_ERROR; /* no options */
	static int instance;
	*out = (Fts5Tokenizer *)&instance;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                        int (*emit)(void *, int, const char *, int, int, int))
{
	(void)t;
	return lf_bigram_tokenize(text ? text : "", text ? n : 0, (flags & FTS5_TOKENIZE_QUERY) != 0, ctx, emit);
}

/* FTS5's API object through the documented "SELECT fts5(?1)" handshake. */
static fts5_api *fts5_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(s);
	}
	sqlite3_finalize(s);
	return api;
}

int lf_bigram_register(sqlite3 *db)
{
	static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
	fts5_api *api = fts5_of(db);
	if (!api || api->iVersion < 2)
		return SQLITE_ERROR; /* SQLite built without FTS5 */
	int rc = api->xCreateTokenizer(api, LF_BIGRAM_NAME, NULL, &tok, NULL);
	return rc == SQLITE_OK ? lf_rank_register(api) : rc;
}
