/* What comes back from an outside agency, a case's lead and co-agencies,
 * and the archive gate's further facts (store_agency.h). No rule is
 * checked here: core's agency.c decides, then calls these. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_agency.h"

static bool empty(const char *s)
{
	return !s || !*s;
}

/* ---- an agency's answer ---- */

typedef struct answer_ctx {
	const lf_event_in *ev;
	const char *on_date;
	const lf_attachment *file;
} answer_ctx;

static lf_store_err answer_body(lf_store *st, void *ctx)
{
	answer_ctx *x = ctx;
	char id[STORE_UUID_LEN], no[32];
	long long seq = 0;
	lf_store_err e = store_case_key(st, x->ev->case_id, id, no);
	if (e == LF_STORE_OK)
		e = store_case_event_in(st, x->ev, &seq);
	if (e != LF_STORE_OK)
		return e;
	static const char sql[] =
		"INSERT INTO case_agency_answer (case_id, seq, kind, unit_id, on_date, file_sha256, file_name, file_size, "
		"file_type) VALUES (?1, ?2, ?3, (SELECT lead_unit_id FROM case_file WHERE id = ?1), ?4, ?5, ?6, ?7, ?8)";
	sql_stmt *s = NULL;
	const lf_attachment *f = x->file;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, id, -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_bind_int64(s, 2, seq);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 3, x->ev->kind, -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 4, x->on_date, -1, SQL_TRANSIENT);
	if (rc == SQL_OK && f) {
		if ((rc = sql_bind_text(s, 5, f->sha256, -1, SQL_TRANSIENT)) == SQL_OK &&
		    (rc = sql_bind_text(s, 6, f->name, -1, SQL_TRANSIENT)) == SQL_OK &&
		    (rc = sql_bind_int64(s, 7, f->size)) == SQL_OK)
			rc = sql_bind_text(s, 8, f->type, -1, SQL_TRANSIENT);
	}
	if (rc == SQL_OK)
		rc = sql_step(s);
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_is_archive_lock(st) ? store_archive_lock_fail(st) : store_fail(st, rc);
	json_t *o = json_object();
	if (o) {
		store_json_set(o, "case_no", no);
		json_object_set_new(o, "seq", json_integer(seq));
		store_json_set(o, "kind", x->ev->kind);
		store_json_set(o, "on_date", x->on_date);
		if (f) {
			store_json_set(o, "file_sha256", f->sha256);
			store_json_set(o, "file_name", f->name);
		}
	}
	char *changes = store_json_take(o);
	if (!changes)
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
	e = store_audit_append(st, "case.agency_answer", id, changes);
	free(changes);
	return e;
}

lf_store_err lf_store_agency_answer(lf_store *st, const lf_event_in *ev, const char *on_date,
                                    const lf_attachment *file)
{
	lf_date d;
	if (!ev || empty(ev->kind) || strncmp(ev->kind, "agency_", 7))
		return store_fail_msg(st, LF_STORE_INVALID, _("An agency's answer needs its kind."));
	if (empty(on_date) || !lf_date_parse(on_date, &d) || !lf_date_valid(d.y, d.m, d.d))
		return store_fail_msg(st, LF_STORE_INVALID, _("An agency's answer needs its date (YYYY-MM-DD)."));
	answer_ctx x = {.ev = ev, .on_date = on_date, .file = file};
	return store_write(st, answer_body, &x);
}

typedef struct answers_ctx {
	lf_agency_answer_fn fn;
	void *ud;
} answers_ctx;

static bool answer_row(sql_stmt *s, void *ud)
{
	answers_ctx *x = ud;
#define T(i) ((const char *)sql_column_text(s, i))
	lf_agency_answer a = {.seq = sql_column_int64(s, 0), .kind = T(1), .at = T(2), .by_name = T(3),
	                      .unit_name = T(4), .on_date = T(5), .reason = T(6), .text = T(7),
	                      .file_sha256 = T(8), .file_name = T(9)};
#undef T
	return x->fn(&a, x->ud) != 0;
}

lf_store_err lf_store_agency_answers(lf_store *st, const char *case_id, lf_agency_answer_fn fn, void *ud)
{
	answers_ctx x = {fn, ud};
	return store_case_rows(
		st, case_id,
		"SELECT e.seq, e.kind, e.at, e.by_name, u.name, a.on_date, e.reason, e.text, a.file_sha256, a.file_name "
		"FROM case_agency_answer a JOIN case_event e ON e.case_id = a.case_id AND e.seq = a.seq "
		"LEFT JOIN unit u ON u.id = a.unit_id WHERE a.case_id = ?1 ORDER BY a.seq",
		answer_row, &x);
}

/* ---- the lead unit and the co-agencies ---- */

typedef struct units_ctx {
	const char *case_id;
	const char *lead;
	const char *const *co;
	size_t n;
} units_ctx;

static int insert_unit(lf_store *st, const char *case_id, const char *unit_id, const char *role, const char *now)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                            "INSERT INTO case_unit (case_id, unit_id, role, added_at) VALUES (?1, ?2, ?3, ?4) "
	                            "ON CONFLICT (case_id, unit_id) DO NOTHING",
	                            -1, &s, NULL);
	if (rc == SQL_OK && (rc = sql_bind_text(s, 1, case_id, -1, SQL_TRANSIENT)) == SQL_OK &&
	    (rc = sql_bind_text(s, 2, unit_id, -1, SQL_TRANSIENT)) == SQL_OK &&
	    (rc = sql_bind_text(s, 3, role, -1, SQL_STATIC)) == SQL_OK &&
	    (rc = sql_bind_text(s, 4, now, -1, SQL_TRANSIENT)) == SQL_OK)
		rc = sql_step(s);
	sql_finalize(s);
	return rc == SQL_DONE ? SQL_OK : rc;
}

static lf_store_err units_body(lf_store *st, void *ctx)
{
	units_ctx *x = ctx;
	char id[STORE_UUID_LEN], no[32], now[LF_TIMESTAMP_LEN];
	lf_store_err e = store_case_key(st, x->case_id, id, no);
	if (e == LF_STORE_OK)
		e = store_case_gate(st, id);
	if (e != LF_STORE_OK)
		return e;
	lf_timestamp_now(now, sizeof now);
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, "DELETE FROM case_unit WHERE case_id = ?1", -1, &s, NULL);
	if (rc == SQL_OK && (rc = sql_bind_text(s, 1, id, -1, SQL_TRANSIENT)) == SQL_OK)
		rc = sql_step(s);
	sql_finalize(s);
	rc = rc == SQL_DONE ? SQL_OK : rc;
	if (rc == SQL_OK && !empty(x->lead))
		rc = insert_unit(st, id, x->lead, "lead", now);
	for (size_t i = 0; rc == SQL_OK && i < x->n; i++)
		if (!empty(x->co[i]) && (empty(x->lead) || strcmp(x->co[i], x->lead)))
			rc = insert_unit(st, id, x->co[i], "co", now);
	if (rc != SQL_OK) {
		if (sql_extended_errcode(st->db) == SQL_CONSTRAINT_FOREIGNKEY)
			return store_fail_msg(st, LF_STORE_NOTFOUND, _("The unit or user named for this step is not in the "
			                                               "database; nothing was saved."));
		return store_is_archive_lock(st) ? store_archive_lock_fail(st) : store_fail(st, rc);
	}
	json_t *o = json_object();
	json_t *co = json_array();
	if (o && co) {
		store_json_set(o, "case_no", no);
		store_json_set(o, "lead_unit_id", x->lead);
		for (size_t i = 0; i < x->n; i++)
			if (!empty(x->co[i]))
				json_array_append_new(co, json_string(x->co[i]));
		json_object_set(o, "co_unit_ids", co);
	}
	json_decref(co);
	char *changes = store_json_take(o);
	if (!changes)
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
	e = store_audit_append(st, "case.units", id, changes);
	free(changes);
	return e;
}

lf_store_err lf_store_case_units_set(lf_store *st, const char *case_id, const char *lead_unit_id,
                                     const char *const *co_unit_ids, size_t n_co)
{
	units_ctx x = {.case_id = case_id, .lead = lead_unit_id, .co = co_unit_ids, .n = n_co};
	return store_write(st, units_body, &x);
}

lf_store_err lf_store_case_units(lf_store *st, const char *case_id, lf_case_unit_fn fn, void *ud)
{
	char id[STORE_UUID_LEN], no[32];
	lf_store_err e = store_case_key(st, case_id, id, no);
	if (e != LF_STORE_OK)
		return e;
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                            "SELECT u.id, u.name, u.kind, cu.role FROM case_unit cu JOIN unit u ON u.id = "
	                            "cu.unit_id WHERE cu.case_id = ?1 ORDER BY cu.role = 'co', u.name",
	                            -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, id, -1, SQL_TRANSIENT);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
#define T(i) ((const char *)sql_column_text(s, i))
		rc = SQL_OK;
		if (fn(T(0), T(1), T(2), T(3), ud)) {
			rc = SQL_DONE;
			break;
		}
#undef T
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

/* ---- the archive gate's further facts ---- */

/* An instruction is answered by a handling report signed at or after it:
 * a signed entry, the report step, or an outside agency's result. */
#define ANSWERS_AFTER(t)                                                                                 \
	"(EXISTS (SELECT 1 FROM case_entry h WHERE h.case_id = c.id AND h.kind IN ('handling', 'report') AND " \
	"h.signed_at >= " t ") OR EXISTS (SELECT 1 FROM case_event r WHERE r.case_id = c.id AND " STORE_EVENT_KIND("r") " IN " \
	"('report', 'agency_result') AND r.at >= " t "))"
static const char facts_sql[] =
	"SELECT (SELECT count(*) FROM case_entry i WHERE i.case_id = c.id AND i.kind = 'instruction' AND NOT "
	ANSWERS_AFTER("i.signed_at") "), "
	"EXISTS (SELECT 1 FROM unit u WHERE u.id = c.lead_unit_id AND u.kind IN ('peer', 'lower')) "
	" AND c.status NOT IN ('declined', 'referred', 'law_referred'), "
	"(SELECT count(*) FROM case_event e WHERE e.case_id = c.id AND " STORE_EVENT_KIND("e") " = 'agency_result'), "
	"EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND " STORE_EVENT_KIND("e") " = 'satisfaction_unrated' "
	" AND coalesce(e.reason, '') <> ''), "
	"EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND " STORE_EVENT_KIND("e") " = 'review_origin') "
	"FROM case_file c WHERE c.id = ?1 OR c.case_no = ?1";
#undef ANSWERS_AFTER

lf_store_err lf_store_archive_facts(lf_store *st, const char *case_id, lf_case_file_facts *k)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, facts_sql, -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, case_id ? case_id : "", -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW) {
		k->unanswered = sql_column_int(s, 0);
		k->outside = sql_column_int(s, 1) != 0;
		k->agency_results = sql_column_int(s, 2);
		k->unrated = sql_column_int(s, 3) != 0;
		k->review_of_lower = sql_column_int(s, 4) != 0;
		k->more = true;
		sql_finalize(s);
		return store_ok(st);
	}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	char m[sizeof st->msg];
	snprintf(m, sizeof m, _("There is no case %s in the database %s."), case_id ? case_id : "", st->path);
	return store_fail_msg(st, LF_STORE_NOTFOUND, m);
}
