/* Group petitions (集体访: representatives and the headcount) and the
 * calendar days an office imported. Each write is one transaction with its
 * audit entry; core enforces the rules (at most 5 representatives). */
#include "store_internal.h"
#include "search_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_flow.h"

static bool empty(const char *s)
{
	return !s || !*s;
}

static lf_store_err out_of_memory(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
}

/* A one-off statement (these writes are rare: nothing cached). */
static sql_stmt *prepare(lf_store *st, const char *sql)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc != SQL_OK) {
		store_fail(st, rc);
		sql_finalize(s);
		return NULL;
	}
	return s;
}

/* The case's id and number by either; NOTFOUND with a sentence. */
static lf_store_err find_case(lf_store *st, const char *key, char id[STORE_UUID_LEN], char case_no[16])
{
	sql_stmt *s = prepare(st, "SELECT id, case_no FROM case_file WHERE id = :key OR case_no = :key");
	int rc;
	if (!s)
		return st->err;
	if ((rc = store_bind_text(s, ":key", key)) == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		snprintf(id, STORE_UUID_LEN, "%s", (const char *)sql_column_text(s, 0));
		snprintf(case_no, 16, "%s", (const char *)sql_column_text(s, 1));
		sql_finalize(s);
		return LF_STORE_OK;
	}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	char m[sizeof st->msg];
	snprintf(m, sizeof m, _("There is no case %s in the database %s."), key ? key : "", st->path);
	return store_fail_msg(st, LF_STORE_NOTFOUND, m);
}

static lf_store_err audit(lf_store *st, const char *action, const char *record, json_t *o)
{
	char *changes = store_json_take(o);
	if (!changes)
		return out_of_memory(st);
	lf_store_err e = store_audit_append(st, action, record, changes);
	free(changes);
	return e;
}

/* ---- representatives ------------------------------------------------------ */

typedef struct rep_in {
	const char *key, *id_number, *name, *sex, *phone, *address;
	int most; /* visitors a case may have (core's limit); 0: no limit */
} rep_in;

static lf_store_err add_visitor_body(lf_store *st, void *ctx)
{
	static const char sql[] =
		"INSERT INTO case_visitor (case_id, visitor_id, position, name, sex, phone, address, doc_type, doc_number) "
		"SELECT :case_id, :visitor_id, coalesce(max(position), -1) + 1, :name, :sex, :phone, :address, "
		"'居民身份证', :id_number "
		"FROM case_visitor WHERE case_id = :case_id RETURNING position";
	const rep_in *x = ctx;
	char case_id[STORE_UUID_LEN], case_no[16], visitor_id[STORE_UUID_LEN], now[LF_TIMESTAMP_LEN];
	char old_name[STORE_NAME_LEN];
	bool known = false;
	long long position = 0;
	/* A representative's words go on the case; a known person's record
	 * stays as it was (nobody confirmed a change to it here). */
	store_person p = {NULL, x->id_number, x->name, x->sex, x->phone, x->address, false};
	lf_store_err e = find_case(st, x->key, case_id, case_no);
	if (e == LF_STORE_OK)
		e = store_case_gate(st, case_id);
	if (e != LF_STORE_OK)
		return e;
	lf_timestamp_now(now, sizeof now);
	int rc = store_visitor_upsert(st, &p, now, visitor_id, &known, old_name);
	if (rc != SQL_OK)
		return rc == -1 ? st->err : store_fail(st, rc);
	sql_stmt *s = prepare(st, sql);
	if (!s)
		return st->err;
	if (!((rc = store_bind_text(s, ":case_id", case_id)) || (rc = store_bind_text(s, ":visitor_id", visitor_id)) ||
	      (rc = store_bind_text(s, ":name", x->name)) || (rc = store_bind_text(s, ":sex", x->sex)) ||
	      (rc = store_bind_text(s, ":phone", x->phone)) || (rc = store_bind_text(s, ":address", x->address)) ||
	      (rc = store_bind_text(s, ":id_number", x->id_number))) &&
	    (rc = sql_step(s)) == SQL_ROW) {
		position = sql_column_int64(s, 0);
		rc = sql_step(s);
	}
	int ext = sql_extended_errcode(st->db);
	sql_finalize(s);
	if (rc != SQL_DONE) {
		if (ext == SQL_CONSTRAINT_UNIQUE || ext == SQL_CONSTRAINT_PRIMARYKEY) {
			char m[sizeof st->msg];
			snprintf(m, sizeof m, _("%s is already a visitor on case %s; nothing was added."), x->name, case_no);
			return store_fail_msg(st, LF_STORE_CONFLICT, m);
		}
		return store_fail(st, rc);
	}
	/* Core counted the visitors before this write; another desk may have
	 * added one since: the limit holds inside the write. */
	if (x->most > 0 && position >= x->most) {
		char m[sizeof st->msg];
		snprintf(m, sizeof m,
		         _("Case %s has its %d visitors already: another desk added one just now; nothing was added."),
		         case_no, x->most);
		return store_fail_msg(st, LF_STORE_CONFLICT, m);
	}
	if ((e = store_search_index(st, case_id)) != LF_STORE_OK)
		return e;
	/* Who, never the ID or phone number. */
	json_t *o = json_object();
	if (o) {
		store_json_set(o, "case_no", case_no);
		json_object_set_new(o, "position", json_integer(position));
		store_json_set(o, "name", x->name);
	}
	return audit(st, "case.representative", case_id, o);
}

lf_store_err lf_store_case_add_visitor(lf_store *st, const char *case_id, const char *id_number,
                                       const char *name, const char *sex, const char *phone,
                                       const char *address)
{
	return lf_store_case_add_visitor_upto(st, case_id, 0, id_number, name, sex, phone, address);
}

lf_store_err lf_store_case_add_visitor_upto(lf_store *st, const char *case_id, int most, const char *id_number,
                                            const char *name, const char *sex, const char *phone,
                                            const char *address)
{
	rep_in x = {case_id, id_number, name, sex, phone, address, most};
	if (empty(case_id) || empty(id_number) || empty(name))
		return store_fail_msg(st, LF_STORE_INVALID, _("A representative needs a case, an ID number and a name."));
	return store_write(st, add_visitor_body, &x);
}

typedef struct headcount_in {
	const char *key;
	int n;
	int was; /* the headcount the person saw; -1: no check */
} headcount_in;

static lf_store_err headcount_body(lf_store *st, void *ctx)
{
	const headcount_in *x = ctx;
	char case_id[STORE_UUID_LEN], case_no[16];
	lf_store_err e = find_case(st, x->key, case_id, case_no);
	if (e == LF_STORE_OK)
		e = store_case_gate(st, case_id);
	if (e != LF_STORE_OK)
		return e;
	/* Only over the headcount the person saw: another desk's, saved
	 * meanwhile, is not written over. */
	sql_stmt *s = prepare(st, "UPDATE case_file SET headcount = :n WHERE id = :id AND (:was < 0 OR headcount = :was)");
	int rc;
	if (!s)
		return st->err;
	if (!((rc = store_bind_int(s, ":n", x->n)) || (rc = store_bind_text(s, ":id", case_id)) ||
	      (rc = store_bind_int(s, ":was", x->was))))
		rc = sql_step(s);
	if (rc == SQL_DONE && sql_changes(st->db) == 0) {
		sql_finalize(s);
		char m[sizeof st->msg];
		snprintf(m, sizeof m, _("The headcount of case %s was just changed at another desk; look again."), case_no);
		return store_fail_msg(st, LF_STORE_CONFLICT, m);
	}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	json_t *o = json_object();
	if (o) {
		store_json_set(o, "case_no", case_no);
		json_object_set_new(o, "headcount", json_integer(x->n));
	}
	return audit(st, "case.headcount", case_id, o);
}

lf_store_err lf_store_case_set_headcount(lf_store *st, const char *case_id, int headcount)
{
	return lf_store_case_set_headcount_from(st, case_id, -1, headcount);
}

lf_store_err lf_store_case_set_headcount_from(lf_store *st, const char *case_id, int was, int headcount)
{
	headcount_in x = {case_id, headcount, was};
	if (empty(case_id) || headcount < 1)
		return store_fail_msg(st, LF_STORE_INVALID, _("The headcount is at least 1."));
	return store_write(st, headcount_body, &x);
}

/* ---- calendar days ---------------------------------------------------------- */

typedef struct day_in {
	char day[LF_DATE_LEN];
	const char *kind, *name;
} day_in;

static lf_store_err calendar_body(lf_store *st, void *ctx)
{
	/* A later import of the same year replaces its days. */
	static const char sql[] =
		"INSERT INTO calendar_day (day, kind, name) VALUES (:day, :kind, :name) "
		"ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name";
	const day_in *x = ctx;
	sql_stmt *s = store_stmt(st, STMT_CALENDAR_ADD, sql);
	int rc;
	if (!s)
		return st->err;
	if (!((rc = store_bind_text(s, ":day", x->day)) || (rc = store_bind_text(s, ":kind", x->kind)) ||
	      (rc = store_bind_text(s, ":name", x->name))))
		rc = sql_step(s);
	store_done(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	json_t *o = json_object();
	if (o) {
		store_json_set(o, "kind", x->kind);
		store_json_set(o, "name", x->name);
	}
	return audit(st, "calendar.day", x->day, o);
}

lf_store_err lf_store_calendar_add(lf_store *st, const char *date, const char *kind, const char *name)
{
	day_in x = {.kind = kind, .name = name};
	lf_date d;
	if (empty(date) || !lf_date_parse(date, &d) || !lf_date_valid(d.y, d.m, d.d))
		return store_fail_msg(st, LF_STORE_INVALID, _("A calendar day needs a date (YYYY-MM-DD)."));
	if (empty(kind) || (strcmp(kind, "holiday") && strcmp(kind, "workday")))
		return store_fail_msg(st, LF_STORE_INVALID, _("A calendar day is a holiday or a workday."));
	lf_date_format(d, x.day);
	return store_write(st, calendar_body, &x);
}

lf_store_err lf_store_calendar_each(lf_store *st, lf_calendar_day_fn fn, void *ud)
{
	sql_stmt *s = store_stmt(st, STMT_CALENDAR_EACH, "SELECT day, kind, name FROM calendar_day ORDER BY day");
	int rc;
	if (!s)
		return st->err;
	while ((rc = sql_step(s)) == SQL_ROW)
		if (fn((const char *)sql_column_text(s, 0), (const char *)sql_column_text(s, 1),
		       (const char *)sql_column_text(s, 2), ud)) {
			rc = SQL_DONE;
			break;
		}
	store_done(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}
