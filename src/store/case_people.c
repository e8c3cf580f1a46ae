/* The people on a case and the visitor's further phone numbers (issue 12,
 * schema 23). Plain SQL both dialects accept; one-off statements (these
 * reads and writes are rare). */
#include "store_internal.h"
#include "search_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_group.h"

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

bool lf_store_in_transaction(const lf_store *st)
{
	return st && st->in_txn;
}

lf_store_err lf_store_case_people(lf_store *st, const char *case_key, lf_case_person_fn fn, void *ud)
{
	sql_stmt *s = prepare(st, "SELECT cv.position, cv.name, " STORE_DOC_SHOWN ", cv.phone, cv.phone_more "
	                          "FROM case_file c JOIN case_visitor cv ON cv.case_id = c.id "
	                          "LEFT JOIN visitor v ON v.id = cv.visitor_id "
	                          "WHERE c.id = :key OR c.case_no = :key ORDER BY cv.position");
	int rc;
	if (!s)
		return st->err;
	if ((rc = store_bind_text(s, ":key", case_key)) == SQL_OK) {
		while ((rc = sql_step(s)) == SQL_ROW) {
			lf_case_person p = {
				.position = sql_column_int(s, 0),
				.name = (const char *)sql_column_text(s, 1),
				.doc_number = (const char *)sql_column_text(s, 2),
				.phone = (const char *)sql_column_text(s, 3),
				.phone_more = (const char *)sql_column_text(s, 4),
			};
			if (fn(&p, ud)) {
				rc = SQL_DONE;
				break;
			}
		}
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

typedef struct phones_in {
	const char *case_id, *phones;
	bool update;
} phones_in;

static int run_bound(lf_store *st, const char *sql, const phones_in *x)
{
	sql_stmt *s = prepare(st, sql);
	int rc;
	if (!s)
		return -1;
	if (!((rc = store_bind_text(s, ":id", x->case_id)) || (rc = store_bind_text(s, ":phones", x->phones)) ||
	      (sql_bind_parameter_index(s, ":update") && (rc = store_bind_int(s, ":update", x->update)))))
		rc = sql_step(s);
	sql_finalize(s);
	return rc == SQL_DONE ? SQL_OK : rc;
}

static lf_store_err phones_body(lf_store *st, void *ctx)
{
	const phones_in *x = ctx;
	lf_store_err e = store_case_gate(st, x->case_id);
	if (e != LF_STORE_OK)
		return e;
	int rc = run_bound(st,
	                   "UPDATE case_visitor SET phone_more = :phones "
	                   "WHERE case_id = :id AND position = 0",
	                   x);
	if (rc == SQL_OK)
		rc = run_bound(st,
		               "UPDATE visitor SET phone_more = :phones WHERE id = (SELECT visitor_id FROM case_visitor "
		               "WHERE case_id = :id AND position = 0) AND (visitor.phone_more IS NULL OR :update <> 0)",
		               x);
	if (rc != SQL_OK)
		return rc == -1 ? st->err : store_fail(st, rc);
	if ((e = store_search_index(st, x->case_id)) != LF_STORE_OK)
		return e;
	json_t *o = json_object();
	if (o)
		json_object_set_new(o, "numbers", json_integer(x->phones ? 1 : 0));
	char *changes = store_json_take(o);
	if (!changes)
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while writing the audit log."));
	e = store_audit_append(st, "case.phones", x->case_id, changes);
	free(changes);
	return e;
}

lf_store_err lf_store_case_set_phones(lf_store *st, const char *case_id, const char *phone_more,
                                      bool update_visitor)
{
	phones_in x = {case_id, phone_more && *phone_more ? phone_more : NULL, update_visitor};
	if (!case_id || !*case_id)
		return store_fail_msg(st, LF_STORE_INVALID, _("There is no such case."));
	return store_write(st, phones_body, &x);
}

lf_store_err lf_store_visitor_phones(lf_store *st, const char *doc_type, const char *doc_key, char **out)
{
	*out = NULL;
	if (!doc_key || !*doc_key)
		return store_ok(st);
	char key[512];
	if (!doc_type || !*doc_type || !strcmp(doc_type, "居民身份证"))
		snprintf(key, sizeof key, "%s", doc_key);
	else
		snprintf(key, sizeof key, "%s:%s", doc_type, doc_key);
	sql_stmt *s = prepare(st, "SELECT phone_more FROM visitor WHERE id_number = :key");
	int rc;
	if (!s)
		return st->err;
	if ((rc = store_bind_text(s, ":key", key)) == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		const char *v = (const char *)sql_column_text(s, 0);
		if (v && *v && !(*out = strdup(v)))
			rc = SQL_NOMEM;
		else
			rc = SQL_DONE;
	}
	sql_finalize(s);
	if (rc == SQL_NOMEM)
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

typedef struct fill_ctx {
	lf_case *c;
	bool oom;
} fill_ctx;

static char *dup_or_null(const char *v, bool *oom)
{
	if (!v || !*v)
		return NULL;
	char *d = strdup(v);
	if (!d)
		*oom = true;
	return d;
}

static int fill_one(const lf_case_person *p, void *ud)
{
	fill_ctx *x = ud;
	if (p->position == 0)
		x->c->phone_more = dup_or_null(p->phone_more, &x->oom);
	else if (p->position >= 1 && p->position <= 4) {
		x->c->rep_name[p->position - 1] = dup_or_null(p->name, &x->oom);
		x->c->rep_id[p->position - 1] = dup_or_null(p->doc_number, &x->oom);
	}
	return 0;
}

lf_store_err store_case_people_fill(lf_store *st, lf_case *c)
{
	fill_ctx x = {c, false};
	lf_store_err e = lf_store_case_people(st, c->case_id, fill_one, &x);
	if (e != LF_STORE_OK)
		return e;
	sql_stmt *s = prepare(st, "SELECT headcount, (SELECT count(*) FROM case_visitor v WHERE v.case_id = c.id) "
	                          "FROM case_file c WHERE c.id = :id");
	int rc;
	if (!s)
		return st->err;
	if ((rc = store_bind_text(s, ":id", c->case_id)) == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		int people = sql_column_int(s, 0), visitors = sql_column_int(s, 1);
		char n[16];
		snprintf(n, sizeof n, "%d", people);
		c->headcount = dup_or_null(n, &x.oom);
		c->visit_kind = dup_or_null(people > 1 || visitors > 1 ? "集体访" : "个体访", &x.oom);
		rc = SQL_DONE;
	}
	sql_finalize(s);
	if (x.oom)
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}
