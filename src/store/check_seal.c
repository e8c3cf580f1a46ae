/* laifang check, the parts that need the office key: the keyed chain of the
 * audit log (and a head kept elsewhere), and every current row against the
 * digest of the entry that last wrote it (the derived tables:
 * check_derived.c). */
#include "check_internal.h"
#include "seal_internal.h"

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
	else if (state == LF_SEAL_KEY_UNREADABLE)
		check_problem(k, _("audit log: the office key %s cannot be read (%s), so the log cannot be verified; "
		                   "the key file must be readable by the user who runs laifang"),
		              sl->key_path, strerror(sl->key_errno));
	else if (state == LF_SEAL_UNSEALED)
		check_problem(k, _("audit log: it is not sealed with an office key yet; open the database once with a "
		                   "laifang that may write it"));
}

/* An entry's rows appended to lf_check_log, numbered in the order they were
 * written (check_rows sorts them once). False: not readable. */
static bool note_rows(checker *k, check_batch *up, long long seq, json_t *rows, long long *n)
{
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
		check_batch_text(up, tbl);
		check_batch_text(up, key);
		check_batch_text(up, json_string_value(d)); /* null: deleted */
		check_batch_int(up, seq);
		check_batch_text(up, label);
		check_batch_int(up, ++*n);
		if (!check_batch_row(up)) {
			return false;
		}
	}
	if (!ok)
		check_problem(k, _("audit log: the row digests of entry %lld cannot be read"), seq);
	return true;
}

/* The same for a packed entry read without parsing (seal_pack.c). */
typedef struct packed_note {
	check_batch *up;
	long long seq, *n;
	char last[512]; /* a name "" is the last one given in the entry */
} packed_note;

static bool note_packed_row(const char *tbl, const char *key, const char *digest, const char *name, void *ud)
{
	packed_note *pn = ud;
	if (name && !*name)
		name = *pn->last ? pn->last : NULL;
	else if (name)
		snprintf(pn->last, sizeof pn->last, "%s", name);
	check_batch_text(pn->up, tbl);
	check_batch_text(pn->up, key);
	check_batch_text(pn->up, digest); /* NULL: deleted */
	check_batch_int(pn->up, pn->seq);
	check_batch_text(pn->up, name);
	check_batch_int(pn->up, ++*pn->n);
	return check_batch_row(pn->up);
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
	/* Temporary on both; lf_check_log unqualified finds it first. Rows
	 * only appended here (in a file, not in memory: check_temp_begin), and
	 * sorted once by check_rows, not looked up one by one. */
	/* On PostgreSQL the names sort bytewise: check_rows only groups them. */
	if (store_exec(k->st, pg ? "CREATE TEMP TABLE IF NOT EXISTS lf_check_log (tbl text COLLATE \"C\" NOT NULL, "
	                           "k text COLLATE \"C\" NOT NULL, digest text, seq bigint, label text, n bigint NOT NULL); "
	                           "TRUNCATE lf_check_log"
	                         : "CREATE TEMP TABLE IF NOT EXISTS lf_check_log (tbl TEXT NOT NULL, k TEXT NOT NULL, "
	                           "digest TEXT, seq INTEGER, label TEXT, n INTEGER NOT NULL);"
	                           "DELETE FROM temp.lf_check_log") != LF_STORE_OK)
		return false;
	long long noted = 0;
	check_batch up;
	if (!check_batch_open(k, &up, "lf_check_log", "tbl, k, digest, seq, label, n", 6))
		return false;
	/* No stored link (db/037): each hash is recomputed over the hash of
	 * the entry before as read here, so an edited entry, a deleted one
	 * (a gap) and entries put in another order (each hash covers its seq
	 * and the one before it) all break the chain at the first such entry. */
	sql_stmt *s = check_prepare_stream(k, "SELECT seq, at, user_id, login, action, record, changes, rows, NULL, "
	                                   "hash FROM audit_log ORDER BY seq");
	if (!s) {
		check_batch_close(&up);
		return false;
	}
	snprintf(prev, sizeof prev, "%s", zero_hash);
	while ((rc = sql_step(s)) == SQL_ROW) {
		long long seq = sql_column_int64(s, 0);
		const char *col[10];
		json_t *tree = NULL; /* the rows as read from the text, or as unpacked (db/038) */
		char *rows = NULL;   /* the JSON text hashed */
		bool fast = false, noted_ok = true;
		/* Most entries: their rows noted and their text made straight from
		 * the packing, before another column is read (on PostgreSQL that
		 * could move the blob). */
		if (sql_column_type(s, 7) == SQL_BLOB) {
			size_t pn = (size_t)sql_column_bytes(s, 7);
			const void *pv = sql_column_blob(s, 7);
			if ((rows = seal_rows_packed_text(pv, pn))) {
				packed_note note = {&up, seq, &noted, ""};
				fast = true;
				/* The same walk that made the text: only the batch can fail. */
				noted_ok = seal_rows_packed_each(pv, pn, note_packed_row, &note);
				if (!noted_ok && !up.failed) {
					check_problem(k, _("audit log: the row digests of entry %lld cannot be read"), seq);
					noted_ok = true;
				}
			}
		}
		if (!rows)
			rows = seal_rows_column_tree(s, 7, &tree);
		for (int i = 1; i < 10; i++) /* NULL stays NULL: it is hashed apart from "" */
			col[i] = i == 7 ? rows : (const char *)sql_column_text(s, i);
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
		if (!fast)
			noted_ok = !col[7] || note_rows(k, &up, seq, tree, &noted);
		json_decref(tree);
		free(rows);
		if (!noted_ok) {
			check_batch_close(&up);
			sql_finalize(s);
			return false;
		}
	}
	if (!check_batch_close(&up)) {
		sql_finalize(s);
		return false;
	}
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

/* Every current row of t, its digest, into lf_check_now; its key columns
 * as they are (k1, k2) to read the row again when it has a problem. */
static bool rows_of(checker *k, const seal_table *t, check_batch *now)
{
	char sql[512];
	int nk = seal_select_sql(t, sql, sizeof sql);
	sql_stmt *s = check_prepare_stream(k, sql);
	int rc;
	if (!s)
		return false;
	while ((rc = sql_step(s)) == SQL_ROW) {
		char key[512], digest[STORE_HASH_LEN];
		seal_key_text(s, 0, nk, key, sizeof key);
		seal_row_digest(t, s, nk, digest);
		check_batch_text(now, t->name);
		check_batch_text(now, key);
		check_batch_text(now, digest);
		check_batch_column(now, s, 0);
		if (nk == 2)
			check_batch_column(now, s, 1);
		else
			check_batch_text(now, NULL);
		if (!check_batch_row(now)) {
			sql_finalize(s);
			return false;
		}
	}
	return check_finish(k, s, rc);
}

/* What the log says of one row (table and key), from its entries in the
 * order they were written. */
typedef struct row_log {
	char tbl[128], key[512], digest[STORE_HASH_LEN], label[128];
	bool logged, deleted; /* an entry wrote it; the last one deleted it */
	long long seq;        /* the last entry that wrote it */
} row_log;

/* The name of a current row with a problem: read again by its key. */
static void current_name(checker *k, const seal_table *t, sql_stmt *m, const char *key, char *out, size_t len)
{
	char label[128] = "";
	if (!t) {
		row_name(NULL, key, "", out, len);
		return;
	}
	sql_bind_column(t->get, 1, m, 6);
	if (t->nkeys == 2)
		sql_bind_column(t->get, 2, m, 7);
	if (sql_step(t->get) == SQL_ROW)
		seal_row_label(k->st, t, t->get, 0, label, sizeof label);
	sql_reset(t->get);
	sql_clear_bindings(t->get);
	row_name(t, key, label, out, len);
}

/* A row the log wrote last that is no longer there. */
static void log_end(checker *k, const row_log *g, bool current)
{
	if (!g->logged || current || g->deleted)
		return;
	char name[700];
	row_name(seal_table_find(k->st->seal, g->tbl), g->key, g->label, name, sizeof name);
	check_problem(k, _("%s %s was deleted outside laifang (audit entry %lld wrote it last)."), g->tbl, name, g->seq);
}

/* The current rows against the log's rows, both sorted by table and key in
 * one statement and walked side by side: no lookup per row. */
bool check_rows(checker *k)
{
	struct store_seal *sl = k->st->seal;
	bool pg = sql_dialect_of(k->st->db) == SQL_POSTGRES;
	if (!sl || sl->state == LF_SEAL_UNSEALED)
		return true; /* no entry has rows yet: said by check_audit */
	if (store_exec(k->st, pg ? "CREATE TEMP TABLE IF NOT EXISTS lf_check_now (tbl text COLLATE \"C\" NOT NULL, "
	                           "k text COLLATE \"C\" NOT NULL, digest text NOT NULL, k1 text, k2 text); "
	                           "TRUNCATE lf_check_now"
	                         : "CREATE TEMP TABLE IF NOT EXISTS lf_check_now (tbl TEXT NOT NULL, k TEXT NOT NULL, "
	                           "digest TEXT NOT NULL, k1, k2);"
	                           "DELETE FROM temp.lf_check_now") != LF_STORE_OK)
		return false;
	check_batch now;
	if (!check_batch_open(k, &now, "lf_check_now", "tbl, k, digest, k1, k2", 5))
		return false;
	for (size_t i = 0; i < sl->n; i++)
		if (!rows_of(k, &sl->t[i], &now)) {
			check_batch_close(&now);
			return false;
		}
	if (!check_batch_close(&now))
		return false;
	/* 0: the log's rows, in the order they were written; 1: the row now. */
	sql_stmt *m = check_prepare_stream(k, "SELECT tbl, k, src, digest, seq, label, k1, k2 FROM ("
	                               "SELECT tbl, k, 0 AS src, digest, seq, label, n, NULL AS k1, NULL AS k2 "
	                               "FROM lf_check_log UNION ALL "
	                               "SELECT tbl, k, 1, digest, NULL, NULL, NULL, k1, k2 FROM lf_check_now) u "
	                               "ORDER BY tbl, k, src, n");
	int rc;
	row_log g = {0}; /* one row's story at a time */
	bool current = false;
	if (!m)
		return false;
	while ((rc = sql_step(m)) == SQL_ROW) {
		const char *tbl = check_text(m, 0), *key = check_text(m, 1);
		if (strcmp(tbl, g.tbl) || strcmp(key, g.key)) {
			log_end(k, &g, current);
			memset(&g, 0, sizeof g);
			current = false;
			snprintf(g.tbl, sizeof g.tbl, "%s", tbl);
			snprintf(g.key, sizeof g.key, "%s", key);
		}
		const char *digest = (const char *)sql_column_text(m, 3);
		if (sql_column_int(m, 2) == 0) {
			g.logged = true;
			g.deleted = !digest;
			snprintf(g.digest, sizeof g.digest, "%s", digest ? digest : "");
			g.seq = sql_column_int64(m, 4);
			if (sql_column_type(m, 5) != SQL_NULL)
				snprintf(g.label, sizeof g.label, "%s", check_text(m, 5));
			continue;
		}
		const seal_table *t = seal_table_find(sl, tbl);
		char name[700];
		current = true;
		if (g.logged && !g.deleted && !strcmp(g.digest, digest ? digest : ""))
			continue;
		current_name(k, t, m, key, name, sizeof name);
		if (!g.logged)
			check_problem(k, _("%s %s was added outside laifang: no audit entry wrote it."), tbl, name);
		else if (g.deleted)
			check_problem(k, _("%s %s is there again, but audit entry %lld deleted it: it was put back "
			                   "outside laifang."),
			              tbl, name, g.seq);
		else
			check_problem(k, _("%s %s was changed outside laifang: it no longer matches audit entry %lld, "
			                   "which wrote it last."),
			              tbl, name, g.seq);
	}
	if (rc == SQL_DONE)
		log_end(k, &g, current);
	return check_finish(k, m, rc);
}
