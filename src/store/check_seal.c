/* laifang check, the parts that need the office key: the keyed chain of the
 * audit log (and a head kept elsewhere), every current row against the
 * digest of the entry that last wrote it, and the derived tables recomputed
 * from the facts (status counters, the search index). */
#include "check_internal.h"
#include "pg/pg_internal.h"
#include "seal_internal.h"
#include "stats_counters.h"
#include "search_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"

static const char zero_hash[] = "0000000000000000000000000000000000000000000000000000000000000000";

static void entries_missing(checker *k, long long from, long long to)
{
	if (from == to)
		check_problem(k, _("audit log: entry %lld is missing"), from);
	else
		check_problem(k, _("audit log: entries %lld to %lld are missing"), from, to);
}

/* The head (last seq and hash, moved with each append) must name the last
 * entry: deleting the newest entries leaves no gap in the chain. */
static bool check_head(checker *k, long long last_seq, const char *last_hash)
{
	sql_stmt *s = check_prepare(k, "SELECT seq, hash FROM audit_head WHERE one = 1");
	int rc;
	if (!s)
		return false;
	rc = sql_step(s);
	if (rc == SQL_DONE) {
		check_problem(k, _("audit log: its head record is missing (the table audit_head was emptied)"));
	} else if (rc == SQL_ROW) {
		long long head = sql_column_int64(s, 0);
		if (head > last_seq)
			entries_missing(k, last_seq + 1, head);
		else if (head < last_seq)
			check_problem(k, _("audit log: entry %lld was added outside laifang (the log should end at entry %lld)"),
			              head + 1, head);
		else if (strcmp(check_text(s, 1), last_hash))
			check_problem(k, _("audit log: entry %lld has been altered (hash does not match)"), last_seq);
		rc = SQL_DONE;
	}
	return check_finish(k, s, rc);
}

/* What the key's state means for the check. */
static void key_problem(checker *k, const struct store_seal *sl)
{
	lf_seal_state state = sl ? sl->state : LF_SEAL_UNSEALED;
	if (state == LF_SEAL_NO_KEY)
		check_problem(k, _("audit log: the office key of this database is missing (%s), so the log cannot be "
		                   "verified; bring it back with: laifang key import FILE"),
		              sl->key_path);
	else if (state == LF_SEAL_BAD_KEY)
		check_problem(k, _("audit log: %s is not an office key file, so the log cannot be verified; bring the "
		                   "key back with: laifang key import FILE"),
		              sl->key_path);
	else if (state == LF_SEAL_UNSEALED)
		check_problem(k, _("audit log: it is not sealed with an office key yet; open the database once with a "
		                   "laifang that may write it"));
}

/* An entry's rows into the table of latest digests. False: not readable. */
static bool note_rows(checker *k, sql_stmt *up, long long seq, const char *text)
{
	json_error_t err;
	json_t *rows = json_loads(text, 0, &err);
	bool ok = json_is_array(rows);
	size_t i;
	json_t *r;
	const char *last = NULL; /* a name "" is the last one given in the entry (seal_rows.c) */
	json_array_foreach(rows, i, r) {
		const char *tbl = json_string_value(json_array_get(r, 0));
		const char *key = json_string_value(json_array_get(r, 1));
		json_t *d = json_array_get(r, 2);
		const char *label = json_string_value(json_array_get(r, 3));
		if (label && !*label)
			label = last;
		else if (label)
			last = label;
		if (!json_is_array(r) || !tbl || !key || !(json_is_string(d) || json_is_null(d))) {
			ok = false;
			continue;
		}
		sql_bind_text(up, 1, tbl, -1, SQL_TRANSIENT);
		sql_bind_text(up, 2, key, -1, SQL_TRANSIENT);
		if (json_is_string(d))
			sql_bind_text(up, 3, json_string_value(d), -1, SQL_TRANSIENT);
		else
			sql_bind_null(up, 3);
		sql_bind_int64(up, 4, seq);
		if (label)
			sql_bind_text(up, 5, label, -1, SQL_TRANSIENT);
		else
			sql_bind_null(up, 5);
		int rc = sql_step(up);
		sql_reset(up);
		sql_clear_bindings(up);
		if (rc != SQL_DONE) {
			store_fail(k->st, rc);
			json_decref(rows);
			return false;
		}
	}
	json_decref(rows);
	if (!ok)
		check_problem(k, _("audit log: the row digests of entry %lld cannot be read"), seq);
	return true;
}

/* The first sealing found the older, unkeyed chain already broken. When
 * it held, the sealing is still told (not counted as a problem): whoever
 * writes the file can delete the seal and recompute the unkeyed chain, and
 * laifang then seals the log anew with a new key; only the date of the
 * sealing, and a head kept outside, show that. */
static void note_seal(checker *k, long long seq, const char *at, const char *changes, bool *said)
{
	json_t *c = changes && !*said ? json_loads(changes, 0, NULL) : NULL;
	const char *old = json_string_value(json_object_get(c, "old_chain"));
	if (old && !strcmp(old, "ok") && json_integer_value(json_object_get(c, "entries")) > 0 && k->fn) {
		char line[512];
		snprintf(line, sizeof line,
		         _("note: the audit log was sealed with an office key at entry %lld (%s); the entries before "
		           "it were verified then only by the unkeyed chain. If this office had laifang with a key "
		           "before that day, the key was replaced: compare with a head kept outside (check --expect)."),
		         seq, at ? at : "");
		k->fn(line, k->ud);
		*said = true;
	}
	if (old && !strcmp(old, "broken")) {
		check_problem(k, _("audit log: when it was sealed with the office key (entry %lld), the older chain was "
		                   "already broken at entry %lld"),
		              seq, (long long)json_integer_value(json_object_get(c, "at_seq")));
		*said = true;
	}
	json_decref(c);
}

static void expect_result(checker *k, bool found, bool same)
{
	if (k->expect_seq <= 0)
		return;
	if (!found)
		check_problem(k, _("audit log: entry %lld, the head kept outside the database, is no longer in the log "
		                   "(the newest entries were deleted)"),
		              k->expect_seq);
	else if (!same)
		check_problem(k, _("audit log: entry %lld no longer has the hash of the head kept outside the database "
		                   "(the log was rewritten)"),
		              k->expect_seq);
}

/* Recompute every entry's keyed hash in seq order; only the first broken
 * link is named (what follows cannot be judged against it). Every entry's
 * rows are noted on the way, whatever the chain says. */
bool check_audit(checker *k)
{
	struct store_seal *sl = k->st->seal;
	bool keyed = sl && sl->state == LF_SEAL_OK;
	char prev[STORE_HASH_LEN], want[STORE_HASH_LEN];
	long long expect = 1;
	bool broken = false, found = false, same = false, said = false;
	int rc;

	key_problem(k, sl);
	bool pg = sql_dialect_of(k->st->db) == SQL_POSTGRES;
	/* Temporary on both; lf_check_rows unqualified finds it first. */
	if (store_exec(k->st, pg ? "CREATE TEMP TABLE IF NOT EXISTS lf_check_rows (tbl text NOT NULL, k text NOT NULL, "
	                           "digest text, seq bigint, label text, seen bigint NOT NULL DEFAULT 0, "
	                           "PRIMARY KEY (tbl, k)); TRUNCATE lf_check_rows"
	                         : "CREATE TEMP TABLE IF NOT EXISTS lf_check_rows (tbl TEXT NOT NULL, k TEXT NOT NULL, "
	                           "digest TEXT, seq INTEGER, label TEXT, seen INTEGER NOT NULL DEFAULT 0, "
	                           "PRIMARY KEY (tbl, k)) WITHOUT ROWID;"
	                           "DELETE FROM temp.lf_check_rows") != LF_STORE_OK)
		return false;
	sql_stmt *up = check_prepare(k, "INSERT INTO lf_check_rows (tbl, k, digest, seq, label) "
	                                    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (tbl, k) DO UPDATE SET "
	                                    "digest = excluded.digest, seq = excluded.seq, "
	                                    "label = coalesce(excluded.label, lf_check_rows.label)");
	/* No stored link (db/037): each hash is recomputed over the hash of
	 * the entry before as read here, so an edited entry, a deleted one
	 * (a gap) and entries put in another order (each hash covers its seq
	 * and the one before it) all break the chain at the first such entry. */
	sql_stmt *s = check_prepare(k, "SELECT seq, at, user_id, login, action, record, changes, rows, NULL, "
	                                   "hash FROM audit_log ORDER BY seq");
	if (!up || !s) {
		sql_finalize(up);
		sql_finalize(s);
		return false;
	}
	snprintf(prev, sizeof prev, "%s", zero_hash);
	while ((rc = sql_step(s)) == SQL_ROW) {
		long long seq = sql_column_int64(s, 0);
		const char *col[10];
		for (int i = 1; i < 10; i++) /* NULL stays NULL: it is hashed apart from "" */
			col[i] = (const char *)sql_column_text(s, i);
		if (seq == k->expect_seq) {
			found = true;
			same = k->expect_hash && !strcmp(k->expect_hash, check_text(s, 9));
		}
		if (keyed && !broken) {
			store_seal_mac(sl->key, prev, seq, col[1], col[2], col[3], col[4], col[5], col[6], col[7], want);
			broken = true;
			if (seq != expect)
				entries_missing(k, expect, seq - 1);
			else if (strcmp(want, check_text(s, 9)))
				check_problem(k, _("audit log: entry %lld has been altered (hash does not match)"), seq);
			else
				broken = false;
			snprintf(prev, sizeof prev, "%s", check_text(s, 9));
			expect = seq + 1;
		}
		if (col[4] && !strcmp(col[4], "audit.seal"))
			note_seal(k, seq, col[1], col[6], &said);
		if (col[7] && !note_rows(k, up, seq, col[7])) {
			sql_finalize(up);
			sql_finalize(s);
			return false;
		}
	}
	sql_finalize(up);
	if (!check_finish(k, s, rc))
		return false;
	expect_result(k, found, same);
	return !keyed || broken || check_head(k, expect - 1, prev);
}

/* ---- rows against their entries -------------------------------------------- */

/* How a row is named: its case number or login; else its key, with the
 * number of its case when it belongs to one. */
static void row_name(const seal_table *t, const char *key, const char *label, char *out, size_t len)
{
	if (label && *label && t && t->label_col >= 0)
		snprintf(out, len, "%s", label);
	else if (label && *label)
		snprintf(out, len, "%s (%s)", key, label);
	else
		snprintf(out, len, "%s", key);
}

static bool rows_of(checker *k, const seal_table *t, sql_stmt *seen)
{
	char sql[512];
	int nk = seal_select_sql(t, sql, sizeof sql);
	sql_stmt *s = check_prepare(k, sql);
	int rc;
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW) {
		char key[512], digest[STORE_HASH_LEN], label[128], name[700];
		seal_key_text(s, 0, nk, key, sizeof key);
		seal_row_digest(t, s, nk, digest);
		seal_row_label(k->st, t, s, nk, label, sizeof label);
		row_name(t, key, label, name, sizeof name);
		sql_bind_text(seen, 1, t->name, -1, SQL_STATIC);
		sql_bind_text(seen, 2, key, -1, SQL_TRANSIENT);
		int r = sql_step(seen);
		if (r == SQL_ROW) {
			const char *was = (const char *)sql_column_text(seen, 0);
			long long seq = sql_column_int64(seen, 1);
			if (!was)
				check_problem(k, _("%s %s is there again, but audit entry %lld deleted it: it was put back "
				                   "outside laifang."),
				              t->name, name, seq);
			else if (strcmp(was, digest))
				check_problem(k, _("%s %s was changed outside laifang: it no longer matches audit entry %lld, "
				                   "which wrote it last."),
				              t->name, name, seq);
			r = sql_step(seen);
		} else if (r == SQL_DONE)
			check_problem(k, _("%s %s was added outside laifang: no audit entry wrote it."), t->name, name);
		sql_reset(seen);
		sql_clear_bindings(seen);
		if (r != SQL_DONE) {
			sql_finalize(s);
			store_fail(k->st, r);
			return false;
		}
	}
	return check_finish(k, s, rc);
}

bool check_rows(checker *k)
{
	struct store_seal *sl = k->st->seal;
	if (!sl || sl->state == LF_SEAL_UNSEALED)
		return true; /* no entry has rows yet: said by check_audit */
	sql_stmt *seen = check_prepare(k, "UPDATE lf_check_rows SET seen = 1 WHERE tbl = ?1 AND k = ?2 "
	                                      "RETURNING digest, seq");
	if (!seen)
		return false;
	for (size_t i = 0; i < sl->n; i++)
		if (!rows_of(k, &sl->t[i], seen)) {
			sql_finalize(seen);
			return false;
		}
	sql_finalize(seen);
	sql_stmt *s = check_prepare(k, "SELECT tbl, k, seq, label FROM lf_check_rows "
	                                   "WHERE seen = 0 AND digest IS NOT NULL ORDER BY seq, tbl, k");
	int rc;
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW) {
		char name[700];
		const seal_table *t = seal_table_find(sl, check_text(s, 0));
		row_name(t, check_text(s, 1), check_text(s, 3), name, sizeof name);
		check_problem(k, _("%s %s was deleted outside laifang (audit entry %lld wrote it last)."),
		              check_text(s, 0), name, sql_column_int64(s, 2));
	}
	return check_finish(k, s, rc);
}

/* ---- derived tables --------------------------------------------------------- */

/* Cases per state as the counters of db/006_stats.sql say, against the cases. */
static bool check_status_counts(checker *k)
{
	sql_stmt *s = check_prepare(
		k, "WITH stored (status, n) AS (SELECT status, sum(n) FROM (SELECT status, moved AS n FROM status_count "
		   "UNION ALL SELECT 'registered', coalesce(sum(last_number), 0) FROM case_counter) u GROUP BY status), "
		   "actual (status, n) AS (SELECT status, count(*) FROM case_file GROUP BY status) "
		   "SELECT s.status, s.n, coalesce(a.n, 0) FROM stored s LEFT JOIN actual a ON a.status = s.status "
		   "WHERE s.n <> coalesce(a.n, 0) "
		   "UNION ALL SELECT a.status, 0, a.n FROM actual a WHERE a.status NOT IN (SELECT status FROM stored) "
		   "ORDER BY 1");
	int rc;
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW)
		check_problem(k, _("The statistics counter of the state %s says %lld cases, but %lld cases are in that "
		                   "state."),
		              check_text(s, 0), sql_column_int64(s, 1), sql_column_int64(s, 2));
	return check_finish(k, s, rc);
}

/* The statistics' counters (db/022) against a recount from the cases. */
static bool check_stats_counters(checker *k)
{
	static const char sql_head[] =
		"SELECT dim, period, key, sum(a), sum(b) FROM (SELECT dim, period, key, n AS a, 0 AS b FROM stats_count "
		"WHERE n <> 0 UNION ALL SELECT r.dim, r.period, r.key, 0, r.n FROM (";
	static const char sql_tail[] = ") r) t GROUP BY dim, period, key HAVING sum(a) <> sum(b) ORDER BY 1, 2, 3";
	size_t n = sizeof sql_head + strlen(store_stats_recount_sql) + sizeof sql_tail;
	char *sql = malloc(n);
	if (!sql)
		return false;
	snprintf(sql, n, "%s%s%s", sql_head, store_stats_recount_sql, sql_tail);
	sql_stmt *s = check_prepare(k, sql);
	free(sql);
	int rc;
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW) {
		char name[160];
		const char *key = check_text(s, 2);
		snprintf(name, sizeof name, "%s%s%s", check_text(s, 0), *key ? " " : "", key);
		check_problem(k, _("The statistics counter %s of %s says %lld, but the cases give %lld."), name,
		              check_text(s, 1), sql_column_int64(s, 3), sql_column_int64(s, 4));
	}
	return check_finish(k, s, rc);
}

/* Each case's search entry (db/004_search.sql) as the store writes it. */
static bool check_search(checker *k)
{
	static const char text_sql[] =
		"SELECT c.case_no FROM case_file c LEFT JOIN case_search s ON s.rowid = c.seq_id "
		"WHERE s.rowid IS NULL "
		"OR s.name IS NOT (SELECT group_concat(name, ' ') FROM "
		"(SELECT name FROM case_visitor WHERE case_id = c.id ORDER BY position)) "
		"OR s.address IS NOT (SELECT group_concat(address, ' ') FROM (SELECT address FROM case_visitor "
		"WHERE case_id = c.id AND address IS NOT NULL ORDER BY position)) "
		"OR s.content IS NOT c.content "
		"UNION SELECT c.case_no FROM case_file c WHERE c.seq_id IN ("
		"SELECT case_seq FROM (SELECT key, case_seq FROM search_want EXCEPT SELECT key, case_seq FROM search_key) "
		"UNION SELECT case_seq FROM (SELECT key, case_seq FROM search_key EXCEPT "
		"SELECT key, case_seq FROM search_want)) "
		"ORDER BY 1";
	static const char want_sql[] =
		"CREATE TEMP TABLE IF NOT EXISTS search_want (key TEXT, case_seq INTEGER);"
		"DELETE FROM temp.search_want;"
		"INSERT INTO temp.search_want "
		"SELECT laifang_search_key('i', CASE WHEN v.doc_type = '无证件' THEN NULL ELSE coalesce(v.doc_number, v.id_number) END), c.seq_id FROM case_file c "
		"JOIN case_visitor cv ON cv.case_id = c.id JOIN visitor v ON v.id = cv.visitor_id "
		"WHERE laifang_search_key('i', CASE WHEN v.doc_type = '无证件' THEN NULL ELSE coalesce(v.doc_number, v.id_number) END) IS NOT NULL "
		"UNION SELECT laifang_search_key('p', cv.phone), c.seq_id FROM case_file c "
		"JOIN case_visitor cv ON cv.case_id = c.id WHERE laifang_search_key('p', cv.phone) IS NOT NULL "
		"UNION SELECT laifang_search_key('p', cv.phone_more, " STORE_PHONE_N "), c.seq_id FROM case_file c "
		"JOIN case_visitor cv ON cv.case_id = c.id, " STORE_PHONE_NS " "
		"WHERE laifang_search_key('p', cv.phone_more, " STORE_PHONE_N ") IS NOT NULL";
	if (store_exec(k->st, want_sql) != LF_STORE_OK)
		return false;
	sql_stmt *s = check_prepare(k, text_sql);
	int rc;
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW)
		check_problem(k, _("The search index's entry for case %s does not match the case."), check_text(s, 0));
	if (!check_finish(k, s, rc))
		return false;
	/* Entries of no case (the case deleted behind laifang's back). */
	s = check_prepare(k, "SELECT rowid FROM case_search WHERE rowid NOT IN (SELECT seq_id FROM case_file) "
	                     "UNION SELECT case_seq FROM search_key WHERE case_seq NOT IN (SELECT seq_id FROM case_file) "
	                     "ORDER BY 1");
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW)
		check_problem(k, _("The search index holds an entry for a case that is not in the database (row %lld)."),
		              sql_column_int64(s, 0));
	bool ok = check_finish(k, s, rc);
	store_exec(k->st, "DROP TABLE IF EXISTS temp.search_want");
	return ok;
}

bool check_derived(checker *k)
{
	if (sql_dialect_of(k->st->db) == SQL_POSTGRES)
		return check_status_counts(k) && check_stats_counters(k) && check_search_pg(k);
	return check_status_counts(k) && check_stats_counters(k) && check_search(k);
}
