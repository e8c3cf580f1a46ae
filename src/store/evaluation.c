/* The petitioner's evaluation in the store (store_evaluation.h, db/028):
 * the event 'evaluate' and its row in one transaction, the period closed on
 * the case; where a case stands; the counts for the statistics. */
#include "store_internal.h"

#include "stats_counters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_evaluation.h"
#include "laifang/store_flow.h"

#define T(s, i) ((const char *)sql_column_text(s, i))

static void copy(char *out, size_t len, sql_stmt *s, int i)
{
	snprintf(out, len, "%s", T(s, i) ? T(s, i) : "");
}

static int bind(sql_stmt *s, int i, const char *v)
{
	return v ? sql_bind_text(s, i, v, -1, SQL_TRANSIENT) : sql_bind_null(s, i);
}

/* ---- where a case stands ---- */

static const char state_sql[] =
	"SELECT (SELECT max(r.seq) FROM case_event r WHERE r.case_id = c.id AND " STORE_EVENT_KIND("r") " = 'reply'), "
	"(SELECT substr(max(r.at), 1, 10) FROM case_event r WHERE r.case_id = c.id AND " STORE_EVENT_KIND("r") " = 'reply'), "
	"c.evaluation_due, v.reply_seq, v.office, v.unit, v.reason, e.at, e.by_name, u.name, "
	"(SELECT count(*) FROM case_evaluation n WHERE n.case_id = c.id), "
	"(SELECT count(*) FROM case_event d WHERE d.case_id = c.id AND " STORE_EVENT_KIND("d") " = 'redo') "
	"FROM case_file c "
	"LEFT JOIN case_evaluation v ON v.case_id = c.id AND v.seq = (SELECT max(x.seq) FROM case_evaluation x "
	"WHERE x.case_id = c.id) "
	"LEFT JOIN case_event e ON e.case_id = c.id AND e.seq = v.seq LEFT JOIN unit u ON u.id = v.unit_id "
	"WHERE c.id = ?1 OR c.case_no = ?1";

lf_store_err lf_store_case_eval_state(lf_store *st, const char *case_key, lf_eval_state *out)
{
	memset(out, 0, sizeof *out);
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, state_sql, -1, &s, NULL);
	if (rc == SQL_OK)
		rc = bind(s, 1, case_key ? case_key : "");
	if (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		out->reply_seq = sql_column_int64(s, 0);
		copy(out->reply_on, sizeof out->reply_on, s, 1);
		copy(out->due_on, sizeof out->due_on, s, 2);
		out->has_eval = sql_column_type(s, 3) != SQL_NULL;
		out->eval_reply_seq = sql_column_int64(s, 3);
		copy(out->office, sizeof out->office, s, 4);
		copy(out->unit, sizeof out->unit, s, 5);
		copy(out->reason, sizeof out->reason, s, 6);
		copy(out->at, sizeof out->at, s, 7);
		copy(out->by_name, sizeof out->by_name, s, 8);
		copy(out->unit_name, sizeof out->unit_name, s, 9);
		out->evaluations = sql_column_int(s, 10);
		out->redos = sql_column_int(s, 11);
		sql_finalize(s);
		return store_ok(st);
	}
	sql_finalize(s);
	if (rc != SQL_DONE && rc != SQL_ROW)
		return store_fail(st, rc);
	char m[sizeof st->msg];
	snprintf(m, sizeof m, _("There is no case %s in the database %s."), case_key ? case_key : "", st->path);
	return store_fail_msg(st, LF_STORE_NOTFOUND, m);
}

/* ---- recording one ---- */

typedef struct eval_ctx {
	const lf_eval_in *in;
} eval_ctx;

static lf_store_err eval_body(lf_store *st, void *ctx)
{
	const lf_eval_in *in = ((eval_ctx *)ctx)->in;
	char id[STORE_UUID_LEN], no[32];
	lf_store_err e = store_case_key(st, in->case_id, id, no);
	if (e != LF_STORE_OK)
		return e;
	if ((e = store_case_gate(st, id)) != LF_STORE_OK)
		return e;
	/* The answer is still the latest and not evaluated: another desk did
	 * not record it meanwhile (core read it before). */
	lf_eval_state now;
	if ((e = lf_store_case_eval_state(st, id, &now)) != LF_STORE_OK)
		return e;
	if (now.reply_seq != in->reply_seq || (now.has_eval && now.eval_reply_seq == in->reply_seq)) {
		char m[sizeof st->msg];
		snprintf(m, sizeof m, _("Case %s: the answer was just evaluated or answered again by someone else; look "
		                        "again."),
		         no);
		return store_fail_msg(st, LF_STORE_CONFLICT, m);
	}
	lf_event_in ev = {
		.case_id = id,
		.kind = "evaluate",
		.expect_state = in->expect_state,
		.reason = in->reason && in->reason[0] ? in->reason : NULL,
		.text = in->text,
		.urgent = -1,
		.major = -1,
		.signer_name = in->signer_name,
	};
	long long seq = 0;
	if ((e = store_case_event_in(st, &ev, &seq)) != LF_STORE_OK)
		return e;
	static const char ins_sql[] =
		"INSERT INTO case_evaluation (case_id, seq, reply_seq, office, unit, unit_id, reason) "
		"VALUES (?1, ?2, ?3, ?4, ?5, (SELECT lead_unit_id FROM case_file WHERE id = ?1), ?6)";
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, ins_sql, -1, &s, NULL);
	if (rc == SQL_OK && (rc = bind(s, 1, id)) == SQL_OK && (rc = sql_bind_int64(s, 2, seq)) == SQL_OK &&
	    (rc = sql_bind_int64(s, 3, in->reply_seq)) == SQL_OK && (rc = bind(s, 4, in->office)) == SQL_OK &&
	    (rc = bind(s, 5, in->unit)) == SQL_OK && (rc = bind(s, 6, ev.reason)) == SQL_OK)
		rc = sql_step(s);
	sql_finalize(s);
	s = NULL;
	/* The period is over: nothing waits for an evaluation now. */
	if (rc == SQL_DONE && (rc = sql_prepare_v2(st->db, "UPDATE case_file SET evaluation_due = NULL WHERE id = ?1", -1,
	                                           &s, NULL)) == SQL_OK &&
	    (rc = bind(s, 1, id)) == SQL_OK)
		rc = sql_step(s);
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_is_archive_lock(st) ? store_archive_lock_fail(st) : store_fail(st, rc);
	json_t *o = json_object();
	if (o) {
		store_json_set(o, "case_no", no);
		json_object_set_new(o, "seq", json_integer(seq));
		json_object_set_new(o, "reply_seq", json_integer(in->reply_seq));
		store_json_set(o, "office", in->office);
		store_json_set(o, "unit", in->unit);
		store_json_set(o, "reason", ev.reason);
	}
	char *changes = store_json_take(o);
	if (!changes)
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
	e = store_audit_append(st, "case.evaluation", id, changes);
	free(changes);
	return e;
}

lf_store_err lf_store_case_evaluate(lf_store *st, const lf_eval_in *in)
{
	if (!in || !in->case_id || !in->office || !in->unit || in->reply_seq < 1)
		return store_fail_msg(st, LF_STORE_INVALID, _("An evaluation needs a case, an answer and both values."));
	eval_ctx x = {.in = in};
	return store_write(st, eval_body, &x);
}

/* ---- counts ---- */

lf_store_err lf_store_eval_overdue_count(lf_store *st, const char *today, const char *from, const char *to,
                                         long *n)
{
	/* A range of the partial index case_file_evaluation_due; the period's
	 * bounds filter what it finds. */
	static const char sql[] =
		"SELECT count(*) FROM case_file c WHERE c.evaluation_due IS NOT NULL AND c.evaluation_due < ?1 "
		"AND (?2 = '' OR c.received_on >= ?2) AND (?3 = '' OR c.received_on <= ?3)";
	sql_stmt *s = NULL;
	*n = 0;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQL_OK && (rc = bind(s, 1, today ? today : "")) == SQL_OK &&
	    (rc = bind(s, 2, from ? from : "")) == SQL_OK && (rc = bind(s, 3, to ? to : "")) == SQL_OK &&
	    (rc = sql_step(s)) == SQL_ROW) {
		*n = (long)sql_column_int64(s, 0);
		rc = SQL_DONE;
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

/* from..to covers whole months: the first of a month to the last of one. */
static bool whole_months(const char *from, const char *to)
{
	lf_date a, b;
	if (!from || !to || !lf_date_parse(from, &a) || !lf_date_parse(to, &b) || a.d != 1)
		return false;
	return lf_date_add(b, 1).d == 1 && lf_date_cmp(a, b) <= 0;
}

static lf_store_err unit_name(lf_store *st, const char *id, char *out, size_t len)
{
	sql_stmt *s = NULL;
	out[0] = '\0';
	int rc = sql_prepare_v2(st->db, "SELECT name FROM unit WHERE id = ?1", -1, &s, NULL);
	if (rc == SQL_OK && (rc = bind(s, 1, id)) == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		copy(out, len, s, 0);
		rc = SQL_DONE;
	}
	sql_finalize(s);
	return rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
}

typedef struct key_count {
	char key[96];
	long n;
} key_count;

lf_store_err lf_store_eval_counts(lf_store *st, const char *from, const char *to, lf_eval_count_fn fn, void *ud)
{
	static const char counted_sql[] = "SELECT key, sum(n) FROM stats_count WHERE dim = 'eval' AND period >= ?1 "
	                                  "AND period <= ?2 GROUP BY key HAVING sum(n) <> 0 ORDER BY key";
	static const char scan_sql[] = "SELECT t.k, count(*) FROM (" STORE_STATS_EVAL_ALL(
		"c.received_on >= ?1 AND c.received_on <= ?2") ") t GROUP BY t.k ORDER BY t.k";
	bool counted = whole_months(from, to) && !st->stats_recount;
	if (counted && store_stats_pend_any(st)) { /* a batch's summed counters first */
		lf_store_err f = store_stats_pend_flush(st);
		if (f != LF_STORE_OK)
			return f;
	}
	char lo[16], hi[16];
	snprintf(lo, sizeof lo, counted ? "%.7s" : "%s", from ? from : "");
	snprintf(hi, sizeof hi, counted ? "%.7s" : "%s", to ? to : "");
	sql_stmt *s = NULL;
	key_count *v = NULL;
	size_t n = 0, cap = 0;
	int rc = sql_prepare_v2(st->db, counted ? counted_sql : scan_sql, -1, &s, NULL);
	if (rc == SQL_OK && (rc = bind(s, 1, lo)) == SQL_OK && (rc = bind(s, 2, hi)) == SQL_OK)
		while ((rc = sql_step(s)) == SQL_ROW) {
			if (n == cap) {
				key_count *g = realloc(v, (cap = cap ? 2 * cap : 16) * sizeof *g);
				if (!g) {
					rc = SQL_NOMEM;
					break;
				}
				v = g;
			}
			copy(v[n].key, sizeof v[n].key, s, 0);
			v[n++].n = (long)sql_column_int64(s, 1);
		}
	sql_finalize(s);
	if (rc != SQL_DONE) {
		free(v);
		return store_fail(st, rc);
	}
	/* Keys to their parts; a unit's name read after the walk. */
	lf_store_err e = LF_STORE_OK;
	for (size_t i = 0; e == LF_STORE_OK && i < n; i++) {
		const char *k = v[i].key;
		char uid[64] = "", uname[256] = "";
		if (!strcmp(k, "redo")) {
			if (fn('r', "", "", "", v[i].n, ud))
				break;
		} else if (!strncmp(k, "o:", 2)) {
			if (fn('o', "", "", k + 2, v[i].n, ud))
				break;
		} else if (!strncmp(k, "u:", 2)) {
			const char *colon = strrchr(k + 2, ':');
			if (!colon)
				continue;
			snprintf(uid, sizeof uid, "%.*s", (int)(colon - (k + 2)), k + 2);
			if (uid[0])
				e = unit_name(st, uid, uname, sizeof uname);
			if (e == LF_STORE_OK && fn('u', uid, uname, colon + 1, v[i].n, ud))
				break;
		}
	}
	free(v);
	return e == LF_STORE_OK ? store_ok(st) : e;
}
