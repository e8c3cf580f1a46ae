/* Search: keeping the index of a case current, and the three searches of
 * store_search.h, each an index search whatever the query:
 * - text: the FTS5 table case_search (laifang's bigram tokenizer), the
 *   newest LF_SEARCH_WINDOW matches read backwards by rowid, ranked by bm25,
 *   paged by keyset on (score, rowid);
 * - a case number: case_file's UNIQUE case_no, exact then a prefix range;
 * - an ID or phone number's last digits: a prefix range of search_key. */
#include "search_internal.h"
#include "access_internal.h"
#include "pg/pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/store_search.h"

#define DEFAULT_LIMIT 50
#define MAX_LIMIT LF_SEARCH_WINDOW /* the CLI prints up to 1,000 from one statement */
#define SNIPPET_CHARS 40
#define KEY_MAX 40

/* ---- registration --------------------------------------------------------- */

/* Digits only, between min and max of them, from s for len bytes. */
static bool digit_group(const char *s, size_t len, size_t min, size_t max)
{
	if (len < min || len > max)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* A landline as the sheet writes it with an extension, 020-83186312-805
 * (validate_phone.c): the length of it without "-805"; else the whole.
 * Schema 33: the extension is not part of the key, so the local digits
 * are the number's last digits and a search by them finds it. */
static size_t without_extension(const char *num)
{
	size_t len = strlen(num);
	const char *d1 = strchr(num, '-');
	const char *d2 = d1 ? strchr(d1 + 1, '-') : NULL;
	if (!d2 || strchr(d2 + 1, '-'))
		return len;
	if (digit_group(num, (size_t)(d1 - num), 3, 4) && digit_group(d1 + 1, (size_t)(d2 - d1 - 1), 7, 8) &&
	    digit_group(d2 + 1, len - (size_t)(d2 + 1 - num), 1, 6))
		return (size_t)(d2 - num);
	return len;
}

int store_search_key(char kind, const char *num, char out[STORE_SEARCH_KEY_LEN])
{
	int n = 0;
	int end = num ? (int)(kind == 'p' ? without_extension(num) : strlen(num)) : 0;
	for (int i = end - 1; i >= 0 && n < KEY_MAX; i--) {
		char c = num[i];
		if ((c >= '0' && c <= '9') || c == 'X' || c == 'x')
			out[1 + n++] = c == 'x' ? 'X' : c;
	}
	out[0] = kind;
	out[n ? n + 1 : 0] = '\0';
	return n ? n + 1 : 0;
}

bool store_nth_phone(const char *list, int n, char *out, size_t len)
{
	static const char sep[] = "、";
	const char *p = list;
	for (int i = 1; p && i < n; i++) {
		p = strstr(p, sep);
		if (p)
			p += sizeof sep - 1;
	}
	if (!p || !*p || n < 1)
		return false;
	const char *end = strstr(p, sep);
	size_t k = end ? (size_t)(end - p) : strlen(p);
	if (k >= len)
		k = len - 1;
	memcpy(out, p, k);
	out[k] = '\0';
	return k > 0;
}

/* ---- keeping the index current --------------------------------------------- */

static int run(lf_store *st, enum store_stmt_id id, const char *sql, const char *case_id)
{
	sql_stmt *s = store_stmt(st, id, sql);
	int rc;
	if (!s)
		return -1;
	if ((rc = store_bind_text(s, ":id", case_id)) == SQL_OK)
		rc = sql_step(s);
	store_done(s);
	return rc == SQL_DONE ? SQL_OK : rc;
}

lf_store_err store_search_index(lf_store *st, const char *case_id)
{
	static const char del_text[] =
		"DELETE FROM case_search WHERE rowid = (SELECT seq_id FROM case_file WHERE id = :id)";
	static const char add_text[] =
		"INSERT INTO case_search (rowid, name, address, content) "
		"SELECT c.seq_id, (SELECT group_concat(name, ' ') FROM "
		"(SELECT name FROM case_visitor WHERE case_id = c.id ORDER BY position)), "
		"(SELECT group_concat(address, ' ') FROM (SELECT address FROM case_visitor "
		"WHERE case_id = c.id AND address IS NOT NULL ORDER BY position)), c.content "
		"FROM case_file c WHERE c.id = :id";
	static const char del_keys[] =
		"DELETE FROM search_key WHERE case_seq = (SELECT seq_id FROM case_file WHERE id = :id)";
	static const char add_keys[] =
		"INSERT INTO search_key (key, case_seq) "
		"SELECT k, seq FROM (SELECT laifang_search_key('i', CASE WHEN v.doc_type = '无证件' THEN NULL ELSE coalesce(v.doc_number, v.id_number) END) AS k, c.seq_id AS seq "
		"FROM case_file c JOIN case_visitor cv ON cv.case_id = c.id JOIN visitor v ON v.id = cv.visitor_id "
		"WHERE c.id = :id UNION SELECT laifang_search_key('p', cv.phone), c.seq_id "
		"FROM case_file c JOIN case_visitor cv ON cv.case_id = c.id WHERE c.id = :id "
		"UNION SELECT laifang_search_key('p', cv.phone_more, " STORE_PHONE_N "), c.seq_id "
		"FROM case_file c JOIN case_visitor cv ON cv.case_id = c.id, " STORE_PHONE_NS " "
		"WHERE c.id = :id AND cv.phone_more IS NOT NULL) WHERE k IS NOT NULL "
		"ON CONFLICT DO NOTHING";
	if (sql_dialect_of(st->db) == SQL_POSTGRES)
		return store_pg_search_index(st, case_id);
	int rc;
	if ((rc = run(st, STMT_SEARCH_DEL_TEXT, del_text, case_id)) != SQL_OK ||
	    (rc = run(st, STMT_SEARCH_ADD_TEXT, add_text, case_id)) != SQL_OK ||
	    (rc = run(st, STMT_SEARCH_DEL_KEYS, del_keys, case_id)) != SQL_OK ||
	    (rc = run(st, STMT_SEARCH_ADD_KEYS, add_keys, case_id)) != SQL_OK)
		return rc == -1 ? st->err : store_fail(st, rc);
	return LF_STORE_OK;
}

/* ---- searching -------------------------------------------------------------- */

/* search_internal.h: the columns every search returns after (seq,
 * score), from case_file c and the sheet's visitor; the names and content
 * are marked in C afterwards. */
#define HIT_COLS STORE_HIT_COLS
#define HIT_JOINS STORE_HIT_JOINS
#define NAMES_CONTENT STORE_NAMES_CONTENT

/* The newest :window matches, ranked; the page after the cursor. */
const char store_search_text_sql[] =
	"WITH hit AS (SELECT rowid AS seq, laifang_rank(case_search, 10.0, 2.0, 1.0) AS score FROM case_search "
	"WHERE case_search MATCH :q ORDER BY rowid DESC LIMIT :window), "
	"top AS (SELECT seq, score FROM hit JOIN case_file c ON c.seq_id = hit.seq "
	"WHERE (:has_after = 0 OR score > :after_score OR (score = :after_score AND seq < :after_seq)) "
	"AND " STORE_READABLE " ORDER BY score, seq DESC LIMIT :limit) "
	"SELECT top.seq, top.score, " NAMES_CONTENT HIT_COLS
	"FROM top JOIN case_file c ON c.seq_id = top.seq " HIT_JOINS "ORDER BY top.score, top.seq DESC";

static const char case_no_exact_sql[] =
	"SELECT c.seq_id, 0.0, " NAMES_CONTENT HIT_COLS "FROM case_file c " HIT_JOINS
	"WHERE c.case_no = :no AND " STORE_READABLE;
static const char case_no_range_sql[] =
	"SELECT c.seq_id, 1.0, " NAMES_CONTENT HIT_COLS "FROM case_file c " HIT_JOINS
	"WHERE c.case_no >= :lo AND c.case_no < :lo || '~' AND c.case_no > :after AND c.case_no <> :exact "
	"AND " STORE_READABLE " ORDER BY c.case_no LIMIT :limit";
/* Newest first; an ID and a phone key of one case count once. */
static const char number_sql[] =
	"WITH k AS (SELECT case_seq FROM search_key WHERE key >= :id AND key < :id || '~' "
	"UNION SELECT case_seq FROM search_key WHERE key >= :phone AND key < :phone || '~'), "
	"top AS (SELECT case_seq AS seq FROM k JOIN case_file c ON c.seq_id = k.case_seq "
	"WHERE (:has_after = 0 OR case_seq < :after_seq) AND " STORE_READABLE " ORDER BY case_seq DESC LIMIT :limit) "
	"SELECT top.seq, 0.0, " NAMES_CONTENT HIT_COLS
	"FROM top JOIN case_file c ON c.seq_id = top.seq " HIT_JOINS "ORDER BY top.seq DESC";

void lf_search_cursor_at(lf_search_cursor *c, const lf_search_row *r)
{
	c->set = true;
	c->score = r->score;
	c->seq = r->seq;
	snprintf(c->case_no, sizeof c->case_no, "%s", r->case_no ? r->case_no : "");
}

/* Hand each row of a bound statement to fn; *n counts them. The names and
 * a snippet of the content are marked with q's terms (none: unmarked). */
static lf_store_err each_hit(lf_store *st, sql_stmt *s, const lf_search_query *q, lf_search_row_fn fn,
                             void *ud, int *n)
{
	int rc, nt = q->kind == LF_SEARCH_TEXT ? q->n_terms : 0;
	if ((rc = store_reader_bind(st, s)) != SQL_OK) {
		store_done(s);
		return store_fail(st, rc);
	}
	while ((rc = sql_step(s)) == SQL_ROW) {
		const char *names = (const char *)sql_column_text(s, 2);
		const char *content = (const char *)sql_column_text(s, 3);
		char *name = store_search_mark(names ? names : "", q->terms, nt, 0);
		char *snippet = store_search_mark(content ? content : "", q->terms, nt, SNIPPET_CHARS);
		if (!name || !snippet) {
			free(name);
			free(snippet);
			store_done(s);
			return store_fail_msg(st, LF_STORE_IO, _("Out of memory while searching."));
		}
		lf_search_row r = {
			.seq = sql_column_int64(s, 0),
			.score = sql_column_double(s, 1),
			.name = name,
			.snippet = snippet,
			.case_id = (const char *)sql_column_text(s, 4),
			.case_no = (const char *)sql_column_text(s, 5),
			.received_on = (const char *)sql_column_text(s, 6),
			.status = (const char *)sql_column_text(s, 7),
			.id_number = (const char *)sql_column_text(s, 8),
			.repeat = sql_column_int(s, 9) != 0,
		};
		(*n)++;
		int stop = fn(&r, ud);
		free(name);
		free(snippet);
		if (stop) {
			rc = SQL_DONE;
			break;
		}
	}
	store_done(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

/* The FTS5 expression: each term a quoted phrase, all of them required. */
static char *match_expr(const lf_search_query *q)
{
	size_t cap = 1;
	for (int i = 0; i < q->n_terms; i++)
		cap += 2 * strlen(q->terms[i]) + 3;
	char *m = malloc(cap), *p = m;
	if (!m)
		return NULL;
	for (int i = 0; i < q->n_terms; i++) {
		if (i)
			*p++ = ' ';
		*p++ = '"';
		for (const char *t = q->terms[i]; *t; t++) {
			if (*t == '"')
				*p++ = '"';
			*p++ = *t;
		}
		*p++ = '"';
	}
	*p = '\0';
	return m;
}

static int bind_after(sql_stmt *s, const lf_search_query *q, bool score)
{
	int rc;
	if ((rc = store_bind_int(s, ":has_after", q->after.set)) || (rc = store_bind_int(s, ":after_seq", q->after.seq)))
		return rc;
	if (score) {
		int i = sql_bind_parameter_index(s, ":after_score");
		return i ? sql_bind_double(s, i, q->after.score) : SQL_RANGE;
	}
	return SQL_OK;
}

static lf_store_err search_text(lf_store *st, const lf_search_query *q, int limit, lf_search_row_fn fn, void *ud)
{
	int n = 0, rc;
	bool pg = sql_dialect_of(st->db) == SQL_POSTGRES;
	long long floor = 0;
	if (pg && store_pg_search_floor(st, q->terms, q->n_terms, LF_SEARCH_WINDOW, &floor) != LF_STORE_OK)
		return st->err;
	char *m = pg ? store_pg_tsquery(q->terms, q->n_terms) : match_expr(q);
	if (!m)
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while searching."));
	sql_stmt *s = pg ? store_stmt_custom_plan(st, STMT_SEARCH_TEXT, store_pg_search_text_sql)
	                 : store_stmt(st, STMT_SEARCH_TEXT, store_search_text_sql);
	if (!s) {
		free(m);
		return st->err;
	}
	if ((rc = store_bind_text(s, ":q", m)) || (rc = store_bind_int(s, ":window", LF_SEARCH_WINDOW)) ||
	    (pg && (rc = store_bind_int(s, ":floor", floor))) || (rc = store_bind_int(s, ":limit", limit)) ||
	    (rc = bind_after(s, q, true))) {
		store_done(s);
		free(m);
		return store_fail(st, rc);
	}
	lf_store_err e = each_hit(st, s, q, fn, ud, &n);
	free(m);
	return e;
}

/* "2026-123" → "2026-000123"; "" when the number part is too long. */
static void case_no_padded(const char *no, char out[16])
{
	const char *dash = strchr(no, '-');
	out[0] = '\0';
	if (dash && dash - no == 4 && strlen(dash + 1) >= 1 && strlen(dash + 1) <= 6)
		snprintf(out, 16, "%.4s-%06d", no, atoi(dash + 1));
}

static lf_store_err search_case_no(lf_store *st, const lf_search_query *q, int limit, lf_search_row_fn fn,
                                   void *ud)
{
	char exact[16];
	int n = 0, rc;
	lf_store_err e;
	case_no_padded(q->number, exact);
	if (!q->after.set && exact[0]) {
		sql_stmt *s = store_stmt(st, STMT_SEARCH_CASE_NO, case_no_exact_sql);
		if (!s)
			return st->err;
		if ((rc = store_bind_text(s, ":no", exact))) {
			store_done(s);
			return store_fail(st, rc);
		}
		if ((e = each_hit(st, s, q, fn, ud, &n)) != LF_STORE_OK || n >= limit)
			return e;
	}
	sql_stmt *s = store_stmt(st, STMT_SEARCH_CASE_NO_RANGE, case_no_range_sql);
	if (!s)
		return st->err;
	const char *after = q->after.set ? q->after.case_no : "";
	/* A NULL would compare unknown: "" is before every number. */
	int i = sql_bind_parameter_index(s, ":after");
	if ((rc = store_bind_text(s, ":lo", q->number)) || (rc = store_bind_int(s, ":limit", limit - n)) ||
	    (rc = i ? sql_bind_text(s, i, after, -1, SQL_STATIC) : SQL_RANGE) ||
	    (rc = sql_bind_text(s, sql_bind_parameter_index(s, ":exact"), exact, -1, SQL_STATIC))) {
		store_done(s);
		return store_fail(st, rc);
	}
	return each_hit(st, s, q, fn, ud, &n);
}

/* 'i' or 'p' and the number reversed, or NULL when that kind is not searched
 * (a NULL bound makes its range empty). */
static const char *reversed_key(const char *number, char kind, bool wanted, char out[KEY_MAX + 2])
{
	int len = (int)strlen(number), n = 0;
	if (!wanted || len > KEY_MAX)
		return NULL;
	out[n++] = kind;
	for (int i = len - 1; i >= 0; i--)
		out[n++] = number[i] == 'x' ? 'X' : number[i];
	out[n] = '\0';
	return out;
}

static lf_store_err search_number(lf_store *st, const lf_search_query *q, int limit, lf_search_row_fn fn,
                                  void *ud)
{
	char idk[KEY_MAX + 2], phk[KEY_MAX + 2];
	int n = 0, rc;
	bool has_x = strchr(q->number, 'X') || strchr(q->number, 'x');
	sql_stmt *s = store_stmt(st, STMT_SEARCH_NUMBER, number_sql);
	if (!s)
		return st->err;
	if ((rc = store_bind_text(s, ":id", reversed_key(q->number, 'i', q->id, idk))) ||
	    (rc = store_bind_text(s, ":phone", reversed_key(q->number, 'p', q->phone && !has_x, phk))) ||
	    (rc = store_bind_int(s, ":limit", limit)) || (rc = bind_after(s, q, false))) {
		store_done(s);
		return store_fail(st, rc);
	}
	return each_hit(st, s, q, fn, ud, &n);
}

lf_store_err lf_store_search(lf_store *st, const lf_search_query *q, lf_search_row_fn fn, void *ud)
{
	int limit = q->limit <= 0 ? DEFAULT_LIMIT : q->limit > MAX_LIMIT ? MAX_LIMIT : q->limit;
	switch (q->kind) {
	case LF_SEARCH_TEXT:
		if (q->n_terms <= 0 || q->n_terms > LF_SEARCH_MAX_TERMS)
			break;
		return search_text(st, q, limit, fn, ud);
	case LF_SEARCH_CASE_NO:
		if (!q->number || !*q->number)
			break;
		return search_case_no(st, q, limit, fn, ud);
	case LF_SEARCH_NUMBER:
		if (!q->number || !*q->number)
			break;
		return search_number(st, q, limit, fn, ud);
	case LF_SEARCH_NONE:
	default:
		break;
	}
	return store_fail_msg(st, LF_STORE_INVALID, _("There is nothing to search for."));
}

/* ---- one ranking, paged through -------------------------------------------- */

/* The row numbers alone, in the order of the three searches above. */
const char store_search_ids_text_sql[] =
	"WITH hit AS (SELECT rowid AS seq, laifang_rank(case_search, 10.0, 2.0, 1.0) AS score FROM case_search "
	"WHERE case_search MATCH :q ORDER BY rowid DESC LIMIT :window) "
	"SELECT seq FROM hit JOIN case_file c ON c.seq_id = hit.seq WHERE " STORE_READABLE
	" ORDER BY score, seq DESC LIMIT :limit";
static const char case_no_ids_sql[] =
	"SELECT seq_id FROM (SELECT c.seq_id, 0 AS k, c.case_no FROM case_file c WHERE c.case_no = :exact AND "
	STORE_READABLE " UNION ALL SELECT * FROM (SELECT c.seq_id, 1, c.case_no FROM case_file c "
	"WHERE c.case_no >= :lo AND c.case_no < :lo || '~' AND c.case_no <> :exact AND " STORE_READABLE
	" ORDER BY c.case_no LIMIT :limit) r) u ORDER BY k, case_no LIMIT :limit";
static const char number_ids_sql[] =
	"WITH k AS (SELECT case_seq FROM search_key WHERE key >= :id AND key < :id || '~' "
	"UNION SELECT case_seq FROM search_key WHERE key >= :phone AND key < :phone || '~') "
	"SELECT case_seq FROM k JOIN case_file c ON c.seq_id = k.case_seq WHERE " STORE_READABLE
	" ORDER BY case_seq DESC LIMIT :limit";
const char store_search_by_seq_sql[] =
	"SELECT c.seq_id, 0.0, " NAMES_CONTENT HIT_COLS "FROM case_file c " HIT_JOINS
	"WHERE c.seq_id = :seq AND " STORE_READABLE;

/* floor: PostgreSQL's (store_pg_search_floor), NULL on SQLite. */
static int bind_ids(sql_stmt *s, const lf_search_query *q, char *m, const long long *floor)
{
	char exact[16], idk[KEY_MAX + 2], phk[KEY_MAX + 2];
	int rc = store_bind_int(s, ":limit", LF_SEARCH_IDS_MAX);
	if (rc)
		return rc;
	switch (q->kind) {
	case LF_SEARCH_TEXT:
		if ((rc = store_bind_text(s, ":q", m)) || (floor && (rc = store_bind_int(s, ":floor", *floor))))
			return rc;
		return store_bind_int(s, ":window", LF_SEARCH_WINDOW);
	case LF_SEARCH_CASE_NO:
		case_no_padded(q->number, exact);
		if ((rc = store_bind_text(s, ":lo", q->number)))
			return rc;
		/* SQL_TRANSIENT: exact is gone when the statement steps. */
		return sql_bind_text(s, sql_bind_parameter_index(s, ":exact"), exact, -1, SQL_TRANSIENT);
	case LF_SEARCH_NUMBER: {
		bool has_x = strchr(q->number, 'X') || strchr(q->number, 'x');
		const char *id = reversed_key(q->number, 'i', q->id, idk);
		const char *ph = reversed_key(q->number, 'p', q->phone && !has_x, phk);
		int i = sql_bind_parameter_index(s, ":id"), p = sql_bind_parameter_index(s, ":phone");
		if ((rc = id ? sql_bind_text(s, i, id, -1, SQL_TRANSIENT) : sql_bind_null(s, i)))
			return rc;
		return ph ? sql_bind_text(s, p, ph, -1, SQL_TRANSIENT) : sql_bind_null(s, p);
	}
	case LF_SEARCH_NONE:
	default:
		return SQL_MISUSE;
	}
}

lf_store_err lf_store_search_ids(lf_store *st, const lf_search_query *q, long long **seqs, size_t *n)
{
	*seqs = NULL;
	*n = 0;
	bool pg = sql_dialect_of(st->db) == SQL_POSTGRES;
	const char *sql = q->kind == LF_SEARCH_TEXT ? (pg ? store_pg_search_ids_text_sql : store_search_ids_text_sql)
	                  : q->kind == LF_SEARCH_CASE_NO ? case_no_ids_sql
	                  : q->kind == LF_SEARCH_NUMBER ? number_ids_sql : NULL;
	if (!sql || (q->kind == LF_SEARCH_TEXT ? q->n_terms <= 0 || q->n_terms > LF_SEARCH_MAX_TERMS
	                                       : !q->number || !*q->number))
		return store_fail_msg(st, LF_STORE_INVALID, _("There is nothing to search for."));
	long long floor = 0;
	bool walk = pg && q->kind == LF_SEARCH_TEXT;
	if (walk && store_pg_search_floor(st, q->terms, q->n_terms, LF_SEARCH_WINDOW, &floor) != LF_STORE_OK)
		return st->err;
	char *m = q->kind != LF_SEARCH_TEXT ? NULL : pg ? store_pg_tsquery(q->terms, q->n_terms) : match_expr(q);
	long long *out = malloc(LF_SEARCH_IDS_MAX * sizeof *out);
	sql_stmt *s = NULL;
	size_t k = 0;
	int rc = SQL_NOMEM;
	if (out && (q->kind != LF_SEARCH_TEXT || m)) {
		rc = sql_prepare_v3(st->db, sql, -1, walk ? SQL_PREPARE_CUSTOM_PLAN : 0, &s, NULL);
		if (rc == SQL_OK)
			rc = bind_ids(s, q, m, walk ? &floor : NULL);
		if (rc == SQL_OK)
			rc = store_reader_bind(st, s);
		if (rc == SQL_OK)
			while ((rc = sql_step(s)) == SQL_ROW && k < LF_SEARCH_IDS_MAX)
				out[k++] = sql_column_int64(s, 0);
	}
	sql_finalize(s);
	free(m);
	if (rc != SQL_DONE && rc != SQL_ROW) {
		free(out);
		return store_fail(st, rc);
	}
	/* Only what was found is kept. */
	long long *fit = k ? realloc(out, k * sizeof *out) : NULL;
	if (!fit)
		free(out);
	*seqs = fit;
	*n = fit ? k : 0;
	return store_ok(st);
}

typedef struct rows_pass {
	lf_search_row_fn fn;
	void *ud;
	bool stop;
} rows_pass;

static int pass_row(const lf_search_row *r, void *ud)
{
	rows_pass *p = ud;
	int stop = p->fn(r, p->ud);
	p->stop = stop != 0;
	return stop;
}

lf_store_err lf_store_search_rows(lf_store *st, const lf_search_query *q, const long long *seqs, size_t n,
                                  lf_search_row_fn fn, void *ud)
{
	rows_pass p = {fn, ud, false};
	int got = 0;
	for (size_t i = 0; i < n && !p.stop; i++) {
		sql_stmt *s = store_stmt(st, STMT_SEARCH_BY_SEQ, store_search_by_seq_sql);
		int rc;
		if (!s)
			return st->err;
		if ((rc = store_bind_int(s, ":seq", seqs[i]))) {
			store_done(s);
			return store_fail(st, rc);
		}
		lf_store_err e = each_hit(st, s, q, pass_row, &p, &got);
		if (e != LF_STORE_OK)
			return e;
	}
	return store_ok(st);
}
