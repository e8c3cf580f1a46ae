/* Which rows a write left behind, and their digests. Per connection, temp
 * triggers on every table of facts note each row inserted, updated or
 * deleted (table and key) in temp.lf_written; when the write appends its
 * audit entry, the rows are read back as they are now, digested, and the
 * list goes into the entry (audit.c), so `laifang check` can tell a row
 * changed behind laifang's back from one laifang wrote. */
#include "seal_internal.h"
#include "stats_counters.h"
#include "pg/pg_internal.h"
#include "sqlite/sqlite_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "laifang/i18n.h"

/* Names the row serialisation below. */
#define ROW_DOMAIN "laifang row v1\n"

/* Not facts: the log itself, and what is recomputed from the facts
 * (laifang check recomputes these instead). Virtual tables and their
 * shadow tables are left out by pragma_table_list. */
static const char *const derived[] = {
	"audit_log", "audit_head", "audit_seal", "case_counter", "status_count", "search_key",
	"case_search", /* a virtual table on SQLite (left out there anyway), a table on PostgreSQL */
	/* Throttling state of the login guard (login_guard.c): counts of failed
	 * logins per name digest, written before a password is checked. Not a
	 * fact of the office; a lock-out itself is written to app_user. */
	"login_guard", "login_attempt",
	/* The statistics' counters and their record of each case's facts
	 * (db/022, stats_counters.c): recounted by laifang check. */
	"stats_count", "stats_case", "stats_visitor",
	/* The schema's version on PostgreSQL (SQLite keeps it in a pragma). */
	"laifang_version", NULL,
};

static bool is_derived(const char *name)
{
	for (const char *const *d = derived; *d; d++)
		if (!strcmp(*d, name))
			return true;
	return false;
}

static lf_store_err oom(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
}

const seal_table *seal_table_find(const struct store_seal *s, const char *name)
{
	for (size_t i = 0; name && i < s->n; i++)
		if (!strcmp(s->t[i].name, name))
			return &s->t[i];
	return NULL;
}

/* A column's default, evaluated once: only a constant counts (a number, a
 * quoted text); anything else is as if there were none. */
static void evaluate_default(lf_store *st, const char *expr, struct seal_default *d)
{
	sql_stmt *s = NULL;
	char sql[512];
	d->type = SQL_NULL;
	bool constant = expr && strcspn(expr, "()") == strlen(expr) && strcasecmp(expr, "CURRENT_TIME") &&
	                strcasecmp(expr, "CURRENT_DATE") && strcasecmp(expr, "CURRENT_TIMESTAMP");
	if (expr && (size_t)snprintf(sql, sizeof sql, "SELECT %s", expr) < sizeof sql && constant &&
	    sql_prepare_v2(st->db, sql, -1, &s, NULL) == SQL_OK &&
	    sql_step(s) == SQL_ROW) {
		int type = sql_column_type(s, 0);
		const unsigned char *v = sql_column_text(s, 0);
		int n = sql_column_bytes(s, 0);
		if (type != SQL_NULL && type != SQL_BLOB && v && (d->text = malloc((size_t)n + 1))) {
			memcpy(d->text, v, (size_t)n + 1);
			d->bytes = n;
			d->type = type;
		}
	}
	sql_finalize(s);
}

/* A table's key columns (pk order), the columns that name its rows, their
 * defaults, and the statement that reads one row by key. */
static lf_store_err describe_table(lf_store *st, seal_table *t)
{
	sql_stmt *s = NULL;
	bool pg = sql_dialect_of(st->db) == SQL_POSTGRES;
	int rc = sql_prepare_v2(st->db,
	                        pg ? store_pg_columns_sql
	                           : "SELECT name, pk, dflt_value, (SELECT count(*) FROM pragma_table_info(?1)) "
	                             "FROM pragma_table_info(?1) ORDER BY cid",
	                        -1, &s, NULL);
	int pk_cols = 0, col = 0;
	char *pk[3] = {0};
	t->label_col = t->case_col = -1;
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, t->name, -1, SQL_STATIC);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		const char *name = (const char *)sql_column_text(s, 0);
		int k = sql_column_int(s, 1);
		if (!t->dflt) {
			t->ncols = sql_column_int(s, 3);
			if (!(t->dflt = calloc((size_t)t->ncols + 1, sizeof *t->dflt))) {
				sql_finalize(s);
				return oom(st);
			}
		}
		if (col < t->ncols && sql_column_type(s, 2) != SQL_NULL)
			evaluate_default(st, (const char *)sql_column_text(s, 2), &t->dflt[col]);
		if (k > 0 && k <= 3) {
			pk[k - 1] = strdup(name);
			pk_cols++;
		}
		if (!strcmp(name, "case_no") || !strcmp(name, "login"))
			t->label_col = col;
		else if (!strcmp(name, "case_id"))
			t->case_col = col;
		col++;
		rc = SQL_OK;
	}
	sql_finalize(s);
	if (rc != SQL_DONE && rc != SQL_OK) {
		for (int i = 0; i < 3; i++)
			free(pk[i]);
		return store_fail(st, rc);
	}
	/* The rowid of a table without an INTEGER PRIMARY KEY may change on
	 * VACUUM: such a table is keyed by its primary key columns. */
	t->nkeys = pk_cols >= 1 && pk_cols <= 2 ? pk_cols : 0;
	for (int i = 0; i < 2; i++)
		t->key[i] = i < t->nkeys ? pk[i] : (free(pk[i]), NULL);
	free(pk[2]);
	if (t->nkeys >= 1 && !t->key[0])
		return oom(st);
	if (t->nkeys == 2 && !t->key[1])
		return oom(st);

	char sql[512];
	if (t->nkeys == 0)
		snprintf(sql, sizeof sql, "SELECT * FROM main.\"%s\" WHERE rowid = ?1", t->name);
	else if (t->nkeys == 1)
		snprintf(sql, sizeof sql, "SELECT * FROM main.\"%s\" WHERE \"%s\" = ?1", t->name, t->key[0]);
	else
		snprintf(sql, sizeof sql, "SELECT * FROM main.\"%s\" WHERE \"%s\" = ?1 AND \"%s\" = ?2", t->name,
		         t->key[0], t->key[1]);
	rc = sql_prepare_v3(st->db, sql, -1, SQL_PREPARE_PERSISTENT, &t->get, NULL);
	return rc == SQL_OK ? LF_STORE_OK : store_fail(st, rc);
}

lf_store_err seal_tables_load(lf_store *st)
{
	struct store_seal *sl = st->seal;
	sql_stmt *s = NULL;
	/* Our own names only (no quote can be in them): checked below. */
	int rc = sql_prepare_v2(st->db,
	                        sql_dialect_of(st->db) == SQL_POSTGRES
	                            ? store_pg_tables_sql
	                            : "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
	                              "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
	                        -1, &s, NULL);
	while (rc == SQL_OK || rc == SQL_ROW) {
		if ((rc = sql_step(s)) != SQL_ROW)
			break;
		const char *name = (const char *)sql_column_text(s, 0);
		if (!name || is_derived(name) || strpbrk(name, "\"'"))
			continue;
		seal_table *v = realloc(sl->t, (sl->n + 1) * sizeof *v);
		if (!v) {
			sql_finalize(s);
			return oom(st);
		}
		sl->t = v;
		memset(&v[sl->n], 0, sizeof v[sl->n]);
		if (!(v[sl->n].name = strdup(name))) {
			sql_finalize(s);
			return oom(st);
		}
		sl->n++;
	}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	for (size_t i = 0; i < sl->n; i++) {
		lf_store_err e = describe_table(st, &sl->t[i]);
		if (e != LF_STORE_OK)
			return e;
	}
	return LF_STORE_OK;
}

void seal_tables_free(struct store_seal *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->t[i].name);
		free(s->t[i].key[0]);
		free(s->t[i].key[1]);
		sql_finalize(s->t[i].get);
		for (int c = 0; s->t[i].dflt && c < s->t[i].ncols; c++)
			free(s->t[i].dflt[c].text);
		free(s->t[i].dflt);
	}
	free(s->t);
	s->t = NULL;
	s->n = 0;
	sql_finalize(s->pending);
	sql_finalize(s->clear);
	sql_finalize(s->any);
	sql_finalize(s->case_no);
	sql_finalize(s->next_gen);
	s->next_gen = NULL;
}

lf_store_err seal_tracking_start(lf_store *st)
{
	struct store_seal *sl = st->seal;
	lf_store_err e;
	e = sql_dialect_of(st->db) == SQL_POSTGRES ? store_pg_seal_tracking(st) : store_sqlite_seal_tracking(st);
	if (e != LF_STORE_OK)
		return e;
	/* lf_written without a schema: the temporary one on both databases. */
	bool pg = sql_dialect_of(st->db) == SQL_POSTGRES;
	int rc = sql_prepare_v3(st->db, "SELECT tbl, k1, k2 FROM lf_written ORDER BY tbl, k1, k2", -1,
	                            SQL_PREPARE_PERSISTENT, &sl->pending, NULL);
	/* On PostgreSQL lf_written is the current generation of
	 * lf_written_all: a write of its own deletes them all, a batch's
	 * moves on (seal_pg.c). */
	if (rc == SQL_OK)
		rc = sql_prepare_v3(st->db, pg ? "DELETE FROM pg_temp.lf_written_all" : "DELETE FROM lf_written", -1,
		                        SQL_PREPARE_PERSISTENT, &sl->clear, NULL);
	if (rc == SQL_OK && pg)
		rc = sql_prepare_v3(st->db, "SELECT nextval('pg_temp.lf_written_gen')", -1, SQL_PREPARE_PERSISTENT,
		                        &sl->next_gen, NULL);
	if (rc == SQL_OK)
		rc = sql_prepare_v3(st->db, "SELECT 1 FROM lf_written LIMIT 1", -1,
		                        SQL_PREPARE_PERSISTENT, &sl->any, NULL);
	if (rc != SQL_OK)
		return store_fail(st, rc);
	sl->tracking = true;
	return LF_STORE_OK;
}

/* ---- digests ------------------------------------------------------------ */

/* "N"-free form of audit.c's fields: a tag, the length, the bytes. */
static void field(crypto_hash_sha256_state *h, char tag, const void *v, size_t n)
{
	/* tag, n in decimal, ':' -- by hand: snprintf took a tenth of a check */
	char len[40], *p = len + sizeof len;
	size_t m = n;
	*--p = ':';
	do {
		*--p = (char)('0' + m % 10);
		m /= 10;
	} while (m);
	*--p = tag;
	crypto_hash_sha256_update(h, (const unsigned char *)p, (unsigned long long)(len + sizeof len - p));
	if (n)
		crypto_hash_sha256_update(h, v, n);
}

void seal_row_digest(const seal_table *t, sql_stmt *s, int first, char out[STORE_HASH_LEN])
{
	crypto_hash_sha256_state h;
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)ROW_DOMAIN, sizeof ROW_DOMAIN - 1);
	field(&h, 'S', t->name, strlen(t->name));
	int n = sql_column_count(s);
	for (int i = first; i < n; i++) {
		int type = sql_column_type(s, i);
		if (type == SQL_NULL)
			continue;
		const void *v = type == SQL_BLOB ? sql_column_blob(s, i) : (const void *)sql_column_text(s, i);
		int bytes = sql_column_bytes(s, i);
		const struct seal_default *df = i - first < t->ncols ? &t->dflt[i - first] : NULL;
		if (df && df->type == type && df->bytes == bytes && !memcmp(df->text, v, (size_t)bytes))
			continue; /* the column's default */
		const char *name = sql_column_name(s, i);
		field(&h, 'C', name, strlen(name));
		char tag = type == SQL_BLOB ? 'B' : type == SQL_INTEGER ? 'I' : type == SQL_FLOAT ? 'R' : 'T';
		field(&h, tag, v, (size_t)bytes);
	}
	crypto_hash_sha256_final(&h, d);
	/* The first 128 bits: a second row with the same digest is still out of
	 * reach, and the log stays smaller (every row written is in it). */
	sodium_bin2hex(out, STORE_HASH_LEN, d, SEAL_ROW_DIGEST_BYTES);
}

void seal_key_text(sql_stmt *s, int first, int nkeys, char *out, size_t len)
{
	const char *a = (const char *)sql_column_text(s, first);
	if (nkeys == 2) {
		const char *b = (const char *)sql_column_text(s, first + 1);
		snprintf(out, len, "%s/%s", a ? a : "", b ? b : "");
	} else
		snprintf(out, len, "%s", a ? a : "");
}

void seal_row_label(lf_store *st, const seal_table *t, sql_stmt *s, int first, char *out, size_t len)
{
	struct store_seal *sl = st->seal;
	out[0] = '\0';
	if (t->label_col >= 0) {
		const char *v = (const char *)sql_column_text(s, first + t->label_col);
		snprintf(out, len, "%s", v ? v : "");
		return;
	}
	if (t->case_col < 0)
		return;
	if (!sl->case_no &&
	    sql_prepare_v3(st->db, "SELECT case_no FROM main.case_file WHERE id = ?1", -1,
	                       SQL_PREPARE_PERSISTENT, &sl->case_no, NULL) != SQL_OK)
		return;
	sql_bind_column(sl->case_no, 1, s, first + t->case_col);
	if (sql_step(sl->case_no) == SQL_ROW) {
		const char *v = (const char *)sql_column_text(sl->case_no, 0);
		snprintf(out, len, "%s", v ? v : "");
	}
	sql_reset(sl->case_no);
	sql_clear_bindings(sl->case_no);
}

/* One element of an entry's rows: [table, key, digest or null, name?]. A
 * name equal to the last one written in the same entry is written "" (the
 * rows of one case all bear its number; issue 16): last holds it, "" at the
 * start of each entry. Entries before schema 37 never hold "". */
#define ROW_LABEL_LEN 128
static bool add_row(json_t *rows, const char *table, const char *key, const char *digest, const char *label,
                    char last[ROW_LABEL_LEN])
{
	json_t *r = json_pack("[sso]", table, key, digest ? json_string(digest) : json_null());
	if (!r)
		return false;
	if (label && *label) {
		bool same = !strcmp(label, last);
		json_array_append_new(r, json_string(same ? "" : label));
		if (!same)
			snprintf(last, ROW_LABEL_LEN, "%s", label);
	}
	return json_array_append_new(rows, r) == 0;
}

lf_store_err store_seal_take_rows(lf_store *st, char **out)
{
	struct store_seal *sl = st->seal;
	*out = NULL;
	if (!sl || !sl->tracking)
		return LF_STORE_OK;
	/* The statistics follow the cases these rows belong to, in the same
	 * transaction (their own tables are not in the list). */
	lf_store_err e = store_stats_touched(st);
	if (e != LF_STORE_OK)
		return e;
	json_t *rows = json_array();
	if (!rows)
		return oom(st);
	char last[ROW_LABEL_LEN] = "";
	int rc;
	while ((rc = sql_step(sl->pending)) == SQL_ROW) {
		const char *tbl = (const char *)sql_column_text(sl->pending, 0);
		const seal_table *t = seal_table_find(sl, tbl);
		if (!t)
			continue;
		sql_bind_column(t->get, 1, sl->pending, 1);
		if (t->nkeys == 2)
			sql_bind_column(t->get, 2, sl->pending, 2);
		char key[512], digest[STORE_HASH_LEN], label[ROW_LABEL_LEN] = "";
		seal_key_text(sl->pending, 1, t->nkeys == 2 ? 2 : 1, key, sizeof key);
		int g = sql_step(t->get);
		if (g == SQL_ROW) {
			seal_row_digest(t, t->get, 0, digest);
			seal_row_label(st, t, t->get, 0, label, sizeof label);
		}
		sql_reset(t->get);
		sql_clear_bindings(t->get);
		if (g != SQL_ROW && g != SQL_DONE) {
			rc = g;
			break;
		}
		if (!add_row(rows, t->name, key, g == SQL_ROW ? digest : NULL, label, last)) {
			sql_reset(sl->pending);
			json_decref(rows);
			return oom(st);
		}
	}
	sql_reset(sl->pending);
	if (rc != SQL_DONE) {
		json_decref(rows);
		return store_fail(st, rc);
	}
	/* In a batch on PostgreSQL, rows deleted would stay in the table until
	 * its commit, read past by every write after (issue 16). */
	sql_stmt *clear = st->in_txn && sl->next_gen ? sl->next_gen : sl->clear;
	if ((rc = sql_step(clear)) != SQL_DONE && rc != SQL_ROW) {
		sql_reset(clear);
		json_decref(rows);
		return store_fail(st, rc);
	}
	sql_reset(clear);
	if (json_array_size(rows) == 0) {
		json_decref(rows);
		return LF_STORE_OK;
	}
	if (!(*out = store_json_take(rows)))
		return oom(st);
	return LF_STORE_OK;
}

lf_store_err store_seal_flush(lf_store *st)
{
	struct store_seal *sl = st->seal;
	if (!sl || !sl->tracking)
		return LF_STORE_OK;
	int rc = sql_step(sl->any);
	sql_reset(sl->any);
	if (rc == SQL_DONE)
		return LF_STORE_OK;
	if (rc != SQL_ROW)
		return store_fail(st, rc);
	return store_audit_append(st, "audit.rows", NULL, NULL);
}

int seal_select_sql(const seal_table *t, char *sql, size_t len)
{
	if (t->nkeys == 0)
		snprintf(sql, len, "SELECT rowid, * FROM main.\"%s\"", t->name);
	else if (t->nkeys == 1)
		snprintf(sql, len, "SELECT \"%s\", * FROM main.\"%s\"", t->key[0], t->name);
	else
		snprintf(sql, len, "SELECT \"%s\", \"%s\", * FROM main.\"%s\"", t->key[0], t->key[1], t->name);
	return t->nkeys ? t->nkeys : 1;
}

lf_store_err seal_all_rows(lf_store *st, size_t chunk, seal_chunk_fn fn, void *ud)
{
	struct store_seal *sl = st->seal;
	json_t *rows = json_array();
	lf_store_err e = LF_STORE_OK;
	char last[ROW_LABEL_LEN] = ""; /* of the current chunk: one entry */
	if (!rows)
		return oom(st);
	for (size_t i = 0; i < sl->n && e == LF_STORE_OK; i++) {
		const seal_table *t = &sl->t[i];
		char sql[512];
		int nk = seal_select_sql(t, sql, sizeof sql);
		sql_stmt *s = NULL;
		int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
		while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
			char key[512], digest[STORE_HASH_LEN], label[ROW_LABEL_LEN];
			seal_key_text(s, 0, nk, key, sizeof key);
			seal_row_digest(t, s, nk, digest);
			seal_row_label(st, t, s, nk, label, sizeof label);
			if (!add_row(rows, t->name, key, digest, label, last)) {
				e = oom(st);
				break;
			}
			if (json_array_size(rows) >= chunk) {
				char *text = store_json_take(rows);
				rows = json_array();
				last[0] = '\0';
				if (!text || !rows) {
					free(text);
					e = oom(st);
					break;
				}
				e = fn(st, text, ud);
				free(text);
				if (e != LF_STORE_OK)
					break;
			}
			rc = SQL_OK;
		}
		sql_finalize(s);
		if (e == LF_STORE_OK && rc != SQL_DONE)
			e = store_fail(st, rc);
	}
	if (e == LF_STORE_OK && rows && json_array_size(rows) > 0) {
		char *text = store_json_take(rows);
		rows = NULL;
		e = text ? fn(st, text, ud) : oom(st);
		free(text);
	}
	json_decref(rows);
	return e;
}
