/* laifang check, the derived tables recomputed from the facts: the counters
 * by state, the statistics' counters against their recount, the search
 * index. On SQLite they run in the integrity check's thread, on its own
 * connection (check.c), so they use nothing of the store but its reads. */
#include "check_internal.h"
#include "pg/pg_internal.h"
#include "stats_counters.h"
#include "search_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"

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

/* The recount's arms: its top-level UNION ALL parts, each "SELECT 'dim', ...".
 * Up to max; 0 when the text has another shape (then it runs whole). */
typedef struct recount_arm {
	const char *at;
	size_t len;
	char dim[32];
} recount_arm;

static size_t recount_arms(const char *sql, recount_arm *arm, size_t max)
{
	static const char sep[] = " UNION ALL ";
	size_t n = 0, depth = 0;
	bool quoted = false;
	const char *from = sql;
	for (const char *p = sql;; p++) {
		bool end = !*p, cut = !end && !quoted && depth == 0 && !strncmp(p, sep, sizeof sep - 1);
		if (end || cut) {
			if (n == max || strncmp(from, "SELECT '", 8))
				return 0;
			size_t d = strcspn(from + 8, "'");
			if (d == 0 || d >= sizeof arm[n].dim)
				return 0;
			arm[n].at = from;
			arm[n].len = (size_t)(p - from);
			memcpy(arm[n].dim, from + 8, d);
			arm[n].dim[d] = '\0';
			n++;
			if (end)
				return n;
			p += sizeof sep - 2;
			from = p + 1;
			continue;
		}
		if (*p == '\'')
			quoted = !quoted;
		else if (!quoted && *p == '(')
			depth++;
		else if (!quoted && *p == ')' && depth > 0)
			depth--;
	}
}

/* One comparison: the stored counters (where: which of them) against the
 * recount's arms given (n of them, from arm). */
static bool compare_counters(checker *k, const char *where, const recount_arm *arm, size_t n)
{
	/* The arms name their columns in the first arm of the whole only. */
	static const char sql_with[] = "WITH r (dim, period, key, n) AS (";
	static const char sql_head[] =
		"SELECT dim, period, key, sum(a), sum(b) FROM (SELECT dim, period, key, n AS a, 0 AS b FROM stats_count "
		"WHERE n <> 0";
	static const char sql_mid[] = " UNION ALL SELECT dim, period, key, 0, n FROM r";
	static const char sql_tail[] = ") t GROUP BY dim, period, key HAVING sum(a) <> sum(b) ORDER BY 1, 2, 3";
	size_t len = sizeof sql_with + sizeof sql_head + strlen(where) + sizeof sql_mid + sizeof sql_tail + 2;
	for (size_t i = 0; i < n; i++)
		len += arm[i].len + 11;
	char *sql = malloc(len), *p = sql;
	if (!sql) {
		store_fail_msg(k->st, LF_STORE_IO, _("Out of memory while checking the database."));
		return false;
	}
	if (n) {
		p += sprintf(p, "%s", sql_with);
		for (size_t i = 0; i < n; i++)
			p += sprintf(p, "%s%.*s", i ? " UNION ALL " : "", (int)arm[i].len, arm[i].at);
		p += sprintf(p, ") ");
	}
	sprintf(p, "%s%s%s%s", sql_head, where, n ? sql_mid : "", sql_tail);
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

/* The statistics' counters (db/022) against a recount from the cases: one
 * statement per dimension, so that only one dimension's groups are held at
 * a time (all at once took a third of the check's memory). */
static bool check_stats_counters(checker *k)
{
	recount_arm arm[64], one[64];
	size_t n = recount_arms(store_stats_recount_sql, arm, sizeof arm / sizeof arm[0]);
	if (n == 0) {
		recount_arm all = {store_stats_recount_sql, strlen(store_stats_recount_sql), ""};
		return compare_counters(k, "", &all, 1);
	}
	/* 64 dimensions of under 32 bytes: the list fits */
	char where[80], others[4096] = " AND dim NOT IN (";
	size_t olen = strlen(others);
	bool done[64] = {0};
	for (size_t i = 0; i < n; i++) {
		size_t m = 0;
		/* the dimensions in order: the problems come out as they did in one go */
		size_t first = n;
		for (size_t j = 0; j < n; j++)
			if (!done[j] && (first == n || strcmp(arm[j].dim, arm[first].dim) < 0))
				first = j;
		if (first == n)
			break;
		for (size_t j = 0; j < n; j++)
			if (!done[j] && !strcmp(arm[j].dim, arm[first].dim)) {
				one[m++] = arm[j];
				done[j] = true;
			}
		/* dim is a word of our own SQL (no quote in it: recount_arms) */
		snprintf(where, sizeof where, " AND dim = '%s'", one[0].dim);
		olen += (size_t)snprintf(others + olen, sizeof others - olen, "%s'%s'", olen > 17 ? ", " : "", one[0].dim);
		if (!compare_counters(k, where, one, m))
			return false;
	}
	snprintf(others + olen, sizeof others - olen, ")");
	/* Stored counters of a dimension the recount does not make. */
	return compare_counters(k, others, NULL, 0);
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
