/* The search index on PostgreSQL (db/pg/004): each case's row of
 * case_search holds the names, addresses and content, and their tokens as
 * a tsvector (names weighted A, addresses B, content D, as bm25 weighs
 * them 10, 2, 1 on SQLite). The tokens are the bigram tokenizer's
 * (src/store/sqlite/fts_bigram.c), cut in C and handed over as arrays, so
 * both databases index the same words whatever the server's parser makes
 * of Chinese. search_key holds the reversed tails of ID numbers and
 * phones, as on SQLite. */
#include "pg_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../access_internal.h"
#include "../search_internal.h"
#include "laifang/i18n.h"

/* A PostgreSQL array literal of text being built: {"a","b"}. */
typedef struct text_array {
	char *s;
	size_t len, cap;
	bool oom;
} text_array;

static void put(text_array *a, const char *p, size_t n)
{
	if (a->oom)
		return;
	if (a->len + n + 1 > a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 256;
		while (cap < a->len + n + 1)
			cap *= 2;
		char *s = realloc(a->s, cap);
		if (!s) {
			a->oom = true;
			return;
		}
		a->s = s;
		a->cap = cap;
	}
	memcpy(a->s + a->len, p, n);
	a->len += n;
	a->s[a->len] = '\0';
}

static int add_token(void *ctx, int flags, const char *tok, int ntok, int start, int end)
{
	(void)flags, (void)start, (void)end;
	text_array *a = ctx;
	put(a, a->len > 1 ? ",\"" : "\"", a->len > 1 ? 2 : 1);
	for (int i = 0; i < ntok; i++) {
		if (tok[i] == '"' || tok[i] == '\\')
			put(a, "\\", 1);
		put(a, tok + i, 1);
	}
	put(a, "\"", 1);
	return a->oom ? SQL_NOMEM : SQL_OK;
}

char *store_pg_tokens(const char *text)
{
	text_array a = {0};
	put(&a, "{", 1);
	if (text)
		lf_bigram_tokenize(text, (int)strlen(text), false, &a, add_token);
	put(&a, "}", 1);
	if (a.oom) {
		free(a.s);
		return NULL;
	}
	return a.s;
}

static lf_store_err index_text(lf_store *st, const char *case_id)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                        "SELECT c.seq_id, (SELECT string_agg(name, ' ' ORDER BY position) FROM case_visitor "
	                        "WHERE case_id = c.id), (SELECT string_agg(address, ' ' ORDER BY position) FROM "
	                        "case_visitor WHERE case_id = c.id AND address IS NOT NULL), c.content "
	                        "FROM case_file c WHERE c.id = ?1",
	                        -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, case_id, -1, SQL_STATIC);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc != SQL_ROW) {
		sql_finalize(s);
		return rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
	}
	long long seq = sql_column_int64(s, 0);
	const char *text[3];
	char *terms[3];
	for (int i = 0; i < 3; i++) {
		text[i] = (const char *)sql_column_text(s, 1 + i);
		terms[i] = store_pg_tokens(text[i]);
	}
	sql_stmt *del = NULL, *ins = NULL;
	if (!terms[0] || !terms[1] || !terms[2])
		rc = SQL_NOMEM;
	if (rc == SQL_ROW)
		rc = sql_prepare_v2(st->db, "DELETE FROM case_search WHERE case_seq = ?1", -1, &del, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_int64(del, 1, seq);
	if (rc == SQL_OK && (rc = sql_step(del)) == SQL_DONE)
		rc = sql_prepare_v2(st->db,
		                    "INSERT INTO case_search (case_seq, name, address, content, terms) VALUES "
		                    "(?1, ?2, ?3, ?4, " STORE_PG_TERMS("?5", "?6", "?7") ")",
		                    -1, &ins, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_int64(ins, 1, seq);
	for (int i = 0; i < 3 && rc == SQL_OK; i++)
		if ((rc = sql_bind_text(ins, 2 + i, text[i], -1, SQL_TRANSIENT)) == SQL_OK)
			rc = sql_bind_text(ins, 5 + i, terms[i], -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_step(ins);
	for (int i = 0; i < 3; i++)
		free(terms[i]);
	sql_finalize(del);
	sql_finalize(ins);
	sql_finalize(s);
	if (rc == SQL_NOMEM)
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
	return rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
}

static lf_store_err index_keys(lf_store *st, const char *case_id)
{
	sql_stmt *s = NULL, *del = NULL, *ins = NULL;
	int rc = sql_prepare_v2(st->db,
	                        "SELECT c.seq_id, 'i', CASE WHEN v.doc_type = '无证件' THEN NULL "
	                        "ELSE coalesce(v.doc_number, v.id_number) END FROM case_file c "
	                        "JOIN case_visitor cv ON cv.case_id = c.id JOIN visitor v ON v.id = cv.visitor_id "
	                        "WHERE c.id = ?1 UNION ALL SELECT c.seq_id, 'p', cv.phone FROM case_file c "
	                        "JOIN case_visitor cv ON cv.case_id = c.id WHERE c.id = ?1 "
	                        "UNION ALL SELECT c.seq_id, 'm', cv.phone_more FROM case_file c "
	                        "JOIN case_visitor cv ON cv.case_id = c.id WHERE c.id = ?1 AND cv.phone_more IS NOT NULL",
	                        -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, case_id, -1, SQL_STATIC);
	if (rc == SQL_OK)
		rc = sql_prepare_v2(st->db,
		                    "DELETE FROM search_key WHERE case_seq = (SELECT seq_id FROM case_file WHERE id = ?1)",
		                    -1, &del, NULL);
	if (rc == SQL_OK && (rc = sql_bind_text(del, 1, case_id, -1, SQL_STATIC)) == SQL_OK &&
	    (rc = sql_step(del)) == SQL_DONE)
		rc = sql_prepare_v2(st->db, "INSERT INTO search_key (key, case_seq) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
		                    -1, &ins, NULL);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		char key[STORE_SEARCH_KEY_LEN], nth[128];
		const char *kind = (const char *)sql_column_text(s, 1);
		const char *num = (const char *)sql_column_text(s, 2);
		/* 'm': the further numbers (schema 23), one key each. */
		bool more = kind && kind[0] == 'm';
		rc = SQL_OK;
		for (int n = 1; rc == SQL_OK && n <= (more ? 4 : 1); n++) {
			const char *one = more ? (store_nth_phone(num, n, nth, sizeof nth) ? nth : NULL) : num;
			if (!store_search_key(more ? 'p' : kind ? kind[0] : 'i', one, key))
				continue;
			sql_reset(ins);
			if ((rc = sql_bind_text(ins, 1, key, -1, SQL_TRANSIENT)) == SQL_OK &&
			    (rc = sql_bind_int64(ins, 2, sql_column_int64(s, 0))) == SQL_OK && (rc = sql_step(ins)) == SQL_DONE)
				rc = SQL_OK;
		}
	}
	sql_finalize(s);
	sql_finalize(del);
	sql_finalize(ins);
	return rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
}

lf_store_err store_pg_search_index(lf_store *st, const char *case_id)
{
	lf_store_err e = index_text(st, case_id);
	return e == LF_STORE_OK ? index_keys(st, case_id) : e;
}

/* The newest :window matches, ranked by ts_rank (names weigh most) and
 * negated, so that a lower score is a better hit as with SQLite's bm25.
 * Found in two parts, so that one statement serves a word few cases hold
 * and a phrase most recent cases hold (issue 16): "recent" walks the rows
 * after :floor newest first, the index unused (coalesce hides the column
 * from it); "older" looks in the index for the rest only when the walk
 * found fewer than :window. The result is the same whatever :floor is;
 * store_pg_search_floor chooses it from the words' frequencies, and the
 * statements are planned with their values at each run
 * (SQL_PREPARE_CUSTOM_PLAN). float8: the score goes to C and back as a
 * cursor and must compare equal. */
#define HIT_CTE                                                                                            \
	"WITH recent AS MATERIALIZED (SELECT case_seq AS seq, terms FROM case_search WHERE case_seq > :floor " \
	"AND coalesce(terms, ''::tsvector) @@ CAST(:q AS tsquery) ORDER BY case_seq DESC LIMIT :window), "    \
	"older AS (SELECT case_seq AS seq, terms FROM case_search WHERE case_seq <= :floor "                    \
	"AND terms @@ CAST(:q AS tsquery) AND (SELECT count(*) FROM recent) < :window "                       \
	"ORDER BY case_seq DESC LIMIT :window), "                                                              \
	"hit AS (SELECT seq, -ts_rank(terms, CAST(:q AS tsquery))::float8 AS score FROM "                      \
	"(SELECT seq, terms FROM recent UNION ALL SELECT seq, terms FROM older) u ORDER BY seq DESC LIMIT :window)"

/* The page after the cursor. */
const char store_pg_search_text_sql[] =
	HIT_CTE ", top AS (SELECT seq, score FROM hit JOIN case_file c ON c.seq_id = hit.seq "
	"WHERE (:has_after = 0 OR score > :after_score OR (score = :after_score AND seq < :after_seq)) "
	"AND " STORE_READABLE " ORDER BY score, seq DESC LIMIT :limit) "
	"SELECT top.seq, top.score, " STORE_NAMES_CONTENT STORE_HIT_COLS
	"FROM top JOIN case_file c ON c.seq_id = top.seq " STORE_HIT_JOINS "ORDER BY top.score, top.seq DESC";

/* The row numbers alone, in the text search's order. */
const char store_pg_search_ids_text_sql[] =
	HIT_CTE " SELECT seq FROM hit JOIN case_file c ON c.seq_id = hit.seq WHERE " STORE_READABLE
	" ORDER BY score, seq DESC LIMIT :limit";

/* The newest row, the rows, and the share of rows holding the rarest of
 * the words (ANALYZE's most common elements of case_search.terms; a word
 * not among them counts as 0: rare). */
static const char floor_sql[] =
	"SELECT coalesce((SELECT max(case_seq) FROM case_search), 0), "
	"greatest(coalesce((SELECT reltuples FROM pg_class WHERE oid = to_regclass('case_search')), 0), 0)::float8, "
	"coalesce((SELECT min(coalesce(m.f, 0)) FROM unnest(CAST(:words AS text[])) AS w(e) LEFT JOIN "
	"(SELECT u.e, u.f FROM pg_stats p CROSS JOIN LATERAL unnest(CAST(CAST(p.most_common_elems AS text) AS text[]), "
	"p.most_common_elem_freqs) AS u(e, f) WHERE p.schemaname = current_schema() AND p.tablename = 'case_search' "
	"AND p.attname = 'terms') m ON m.e = w.e), 0)::float8";

long long store_pg_search_floor_for(long long newest, double rows, double share, int window)
{
	/* Walking finds :window matches in about window / share rows; the index
	 * reads all rows * share of them, each dearer (a bitmap, then the
	 * heap): walk only when that is no more. The share is the rarest
	 * word's, an upper bound of all words together; if they meet less
	 * often than that, the walk comes short and "older" finishes it. */
	if (share <= 0 || rows <= 0 || window / share > rows * share)
		return newest;
	double probe = 1.5 * window / share;
	return probe >= (double)newest ? 0 : newest - (long long)probe;
}

lf_store_err store_pg_search_floor(lf_store *st, const char *const *terms, int n, int window, long long *floor)
{
	text_array a = {0};
	put(&a, "{", 1);
	for (int i = 0; i < n; i++)
		if (terms[i])
			lf_bigram_tokenize(terms[i], (int)strlen(terms[i]), true, &a, add_token);
	put(&a, "}", 1);
	if (a.oom) {
		free(a.s);
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while searching."));
	}
	sql_stmt *s = store_stmt(st, STMT_SEARCH_FLOOR, floor_sql);
	int rc = s ? store_bind_text(s, ":words", a.s) : SQL_OK;
	if (s && rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		*floor = store_pg_search_floor_for(sql_column_int64(s, 0), sql_column_double(s, 1),
		                                   sql_column_double(s, 2), window);
		rc = SQL_OK;
	}
	store_done(s);
	free(a.s);
	if (!s)
		return st->err;
	return rc == SQL_OK ? store_ok(st) : store_fail(st, rc);
}

static int add_lexeme(void *ctx, int flags, const char *tok, int ntok, int start, int end)
{
	(void)flags, (void)start, (void)end;
	text_array *a = ctx;
	put(a, a->len ? " & '" : "'", a->len ? 4 : 1);
	for (int i = 0; i < ntok; i++) {
		if (tok[i] == '\'' || tok[i] == '\\')
			put(a, tok + i, 1); /* doubled */
		put(a, tok + i, 1);
	}
	put(a, "'", 1);
	return a->oom ? SQL_NOMEM : SQL_OK;
}

char *store_pg_tsquery(const char *const *terms, int n)
{
	text_array a = {0};
	for (int i = 0; i < n; i++)
		if (terms[i])
			lf_bigram_tokenize(terms[i], (int)strlen(terms[i]), true, &a, add_lexeme);
	if (!a.len)
		put(&a, "", 0); /* no word: the empty query, which matches nothing */
	if (a.oom) {
		free(a.s);
		return NULL;
	}
	return a.s;
}
