/* The search index of a whole office made at once (pg_internal.h; issue
 * 16): db copy used to index case by case, four statements each, which at
 * a round trip apiece was most of a copy's time on PostgreSQL. The cases
 * are read some thousands at a time, their terms cut in C by the same
 * tokenizer and kept the same way as store_pg_search_index keeps one case
 * (search_pg.c), sent by COPY to two working tables, and set into
 * case_search and search_key by one statement each. */
#include "pg_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../copy_text.h"
#include "../search_internal.h"
#include "laifang/i18n.h"

enum { CASES_AT_ONCE = 2000, SEND_AT = 4 << 20 };

static const char copy_texts[] = "COPY lf_copy_search (case_seq, name, address, content, tn, ta, tc) FROM STDIN";
static const char copy_keys[] = "COPY lf_copy_key (key, case_seq) FROM STDIN";

static lf_store_err oom(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
}

/* The texts of the cases after seq *last (at most CASES_AT_ONCE), as rows
 * of lf_copy_search; *last moves to the last one read, *got counts them. */
static lf_store_err texts(lf_store *st, long long *last, int *got, copy_text *t)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                        "SELECT c.seq_id, (SELECT string_agg(name, ' ' ORDER BY position) FROM main.case_visitor "
	                        "WHERE case_id = c.id), (SELECT string_agg(address, ' ' ORDER BY position) FROM "
	                        "main.case_visitor WHERE case_id = c.id AND address IS NOT NULL), c.content "
	                        "FROM main.case_file c WHERE c.seq_id > ?1 ORDER BY c.seq_id LIMIT ?2",
	                        -1, &s, NULL);
	if (rc == SQL_OK && (rc = sql_bind_int64(s, 1, *last)) == SQL_OK)
		rc = sql_bind_int64(s, 2, CASES_AT_ONCE);
	*got = 0;
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		rc = SQL_OK;
		*last = sql_column_int64(s, 0);
		(*got)++;
		bool ok = copy_text_int(t, *last);
		for (int i = 1; i <= 3 && ok; i++)
			ok = copy_text_str(t, (const char *)sql_column_text(s, i));
		for (int i = 1; i <= 3 && ok; i++) {
			char *terms = store_pg_tokens((const char *)sql_column_text(s, i));
			ok = terms && copy_text_str(t, terms);
			free(terms);
		}
		if (!ok || !copy_text_row_end(t))
			rc = SQL_NOMEM;
	}
	sql_finalize(s);
	if (rc == SQL_NOMEM)
		return oom(st);
	return rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
}

/* The number keys of the cases with seq in (lo, hi], as rows of
 * lf_copy_key (search_pg.c's index_keys for many cases). */
static lf_store_err keys(lf_store *st, long long lo, long long hi, copy_text *t)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                        "SELECT c.seq_id, 'i', CASE WHEN v.doc_type = '无证件' THEN NULL "
	                        "ELSE coalesce(v.doc_number, v.id_number) END FROM main.case_file c "
	                        "JOIN main.case_visitor cv ON cv.case_id = c.id JOIN main.visitor v ON v.id = cv.visitor_id "
	                        "WHERE c.seq_id > ?1 AND c.seq_id <= ?2 UNION ALL SELECT c.seq_id, 'p', cv.phone "
	                        "FROM main.case_file c JOIN main.case_visitor cv ON cv.case_id = c.id "
	                        "WHERE c.seq_id > ?1 AND c.seq_id <= ?2 UNION ALL SELECT c.seq_id, 'm', cv.phone_more "
	                        "FROM main.case_file c JOIN main.case_visitor cv ON cv.case_id = c.id "
	                        "WHERE c.seq_id > ?1 AND c.seq_id <= ?2 AND cv.phone_more IS NOT NULL",
	                        -1, &s, NULL);
	if (rc == SQL_OK && (rc = sql_bind_int64(s, 1, lo)) == SQL_OK)
		rc = sql_bind_int64(s, 2, hi);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		char key[STORE_SEARCH_KEY_LEN], nth[128];
		const char *kind = (const char *)sql_column_text(s, 1);
		const char *num = (const char *)sql_column_text(s, 2);
		bool more = kind && kind[0] == 'm'; /* the further phones, one key each */
		rc = SQL_OK;
		for (int n = 1; rc == SQL_OK && n <= (more ? 4 : 1); n++) {
			const char *one = more ? (store_nth_phone(num, n, nth, sizeof nth) ? nth : NULL) : num;
			if (!store_search_key(more ? 'p' : kind ? kind[0] : 'i', one, key))
				continue;
			if (!copy_text_str(t, key) || !copy_text_int(t, sql_column_int64(s, 0)) || !copy_text_row_end(t))
				rc = SQL_NOMEM;
		}
	}
	sql_finalize(s);
	if (rc == SQL_NOMEM)
		return oom(st);
	return rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
}

/* What is gathered sent once it is large (or at the end: all). */
static lf_store_err send(lf_store *st, const char *copy_sql, copy_text *t, bool all)
{
	if (!t->len || (!all && t->len < SEND_AT))
		return LF_STORE_OK;
	lf_store_err e = store_pg_copy(st, copy_sql, t->buf, t->len);
	copy_text_clear(t);
	return e;
}

lf_store_err store_pg_search_rebuild(lf_store *st)
{
	lf_store_err e = store_exec(st, "DELETE FROM main.case_search; DELETE FROM main.search_key; "
	                                "CREATE TEMPORARY TABLE lf_copy_search (case_seq bigint, name text, address text, "
	                                "content text, tn text, ta text, tc text) ON COMMIT DROP; "
	                                "CREATE TEMPORARY TABLE lf_copy_key (key text, case_seq bigint) ON COMMIT DROP");
	copy_text t = {0}, k = {0};
	long long last = 0;
	int got = CASES_AT_ONCE;
	while (e == LF_STORE_OK && got == CASES_AT_ONCE) {
		long long lo = last;
		if ((e = texts(st, &last, &got, &t)) == LF_STORE_OK && got > 0 && (e = keys(st, lo, last, &k)) == LF_STORE_OK &&
		    (e = send(st, copy_texts, &t, false)) == LF_STORE_OK)
			e = send(st, copy_keys, &k, false);
	}
	if (e == LF_STORE_OK && (e = send(st, copy_texts, &t, true)) == LF_STORE_OK)
		e = send(st, copy_keys, &k, true);
	copy_text_free(&t);
	copy_text_free(&k);
	if (e == LF_STORE_OK)
		e = store_exec(st, "INSERT INTO main.case_search (case_seq, name, address, content, terms) "
		                   "SELECT case_seq, name, address, content, " STORE_PG_TERMS("tn", "ta", "tc") " "
		                   "FROM lf_copy_search; "
		                   "INSERT INTO main.search_key (key, case_seq) SELECT DISTINCT key, case_seq FROM lf_copy_key "
		                   "ON CONFLICT DO NOTHING; "
		                   "DROP TABLE lf_copy_search; DROP TABLE lf_copy_key");
	return e;
}
