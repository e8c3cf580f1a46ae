/* A saved registration corrected, and its repeat flag set (issue 11): the
 * case's own words change, the old ones stay in the timeline (case_event
 * kinds "correct" and "repeat" with field, old and new: db/013) and in the
 * audit log; the visitor record is never touched. Also a returning
 * visitor's earlier cases, for the sheet's question. */
#include "store_internal.h"
#include "search_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/mask.h"
#include "laifang/store_correct.h"
#include "laifang/workflow.h"

static bool empty(const char *s)
{
	return !s || !*s;
}

static bool same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

static lf_store_err out_of_memory(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
}

/* A one-off statement (corrections are rare: nothing cached). */
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

/* The sheet's words as stored: where each field lives. */
static const struct {
	const char *field, *table, *column;
} fields[] = {
	{"name", "case_visitor", "name"},       {"sex", "case_visitor", "sex"},
	{"phone", "case_visitor", "phone"},     {"address", "case_visitor", "address"},
	{"content", "case_file", "content"},
};
#define N_FIELDS (sizeof fields / sizeof fields[0])

static int field_index(const char *field)
{
	for (size_t i = 0; field && i < N_FIELDS; i++)
		if (!strcmp(fields[i].field, field))
			return (int)i;
	return -1;
}

/* The case as a correction reads it. */
typedef struct fix_row {
	char id[STORE_UUID_LEN], case_no[16], status[32];
	int repeat;
	char *value[N_FIELDS];
} fix_row;

static void fix_row_free(fix_row *r)
{
	for (size_t i = 0; i < N_FIELDS; i++)
		free(r->value[i]);
	memset(r, 0, sizeof *r);
}

static lf_store_err read_case(lf_store *st, const char *key, fix_row *r)
{
	sql_stmt *s = prepare(st, "SELECT c.id, c.case_no, c.status, c.is_repeat, cv.name, cv.sex, cv.phone, "
	                              "cv.address, c.content FROM case_file c LEFT JOIN case_visitor cv "
	                              "ON cv.case_id = c.id AND cv.position = 0 WHERE c.id = :key OR c.case_no = :key");
	int rc;
	bool oom = false;
	memset(r, 0, sizeof *r);
	if (!s)
		return st->err;
	if ((rc = store_bind_text(s, ":key", key)) == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
#define T(i) ((const char *)sql_column_text(s, i))
		snprintf(r->id, sizeof r->id, "%s", T(0) ? T(0) : "");
		snprintf(r->case_no, sizeof r->case_no, "%s", T(1) ? T(1) : "");
		snprintf(r->status, sizeof r->status, "%s", T(2) ? T(2) : "");
		r->repeat = sql_column_int(s, 3);
		for (size_t i = 0; i < N_FIELDS; i++)
			if (T(4 + (int)i) && !(r->value[i] = strdup(T(4 + (int)i))))
				oom = true;
#undef T
		sql_finalize(s);
		if (oom) {
			fix_row_free(r);
			return out_of_memory(st);
		}
		return LF_STORE_OK;
	}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	char m[sizeof st->msg];
	snprintf(m, sizeof m, _("There is no case %s in the database %s."), key ? key : "", st->path);
	return store_fail_msg(st, LF_STORE_NOTFOUND, m);
}

/* The timeline's event: who, when, which field, before and after. */
static int insert_event(lf_store *st, const fix_row *r, const char *kind, const char *by_name, const char *text,
                        const char *field, const char *old_value, const char *new_value)
{
	static const char sql[] =
		"INSERT INTO case_event (case_id, seq, kind, at, user_id, by_name, from_state, text, field, old_value, "
		"new_value) SELECT :case_id, coalesce(max(seq), 0) + 1, :kind, :at, :user_id, :by_name, :from_state, "
		":text, :field, :old, :new FROM case_event WHERE case_id = :case_id";
	char now[LF_TIMESTAMP_LEN];
	sql_stmt *s = prepare(st, sql);
	int rc;
	if (!s)
		return -1;
	lf_timestamp_now(now, sizeof now);
	const char *who = !empty(by_name) ? by_name : st->actor_login ? st->actor_login : "system";
	if (!((rc = store_bind_text(s, ":case_id", r->id)) || (rc = store_bind_text(s, ":kind", kind)) ||
	      (rc = store_bind_text(s, ":at", now)) || (rc = store_bind_text(s, ":user_id", st->actor_id)) ||
	      (rc = store_bind_text(s, ":by_name", who)) || (rc = store_bind_text(s, ":from_state", r->status)) ||
	      (rc = store_bind_text(s, ":text", text)) || (rc = store_bind_text(s, ":field", field)) ||
	      (rc = store_bind_text(s, ":old", old_value)) || (rc = store_bind_text(s, ":new", new_value))))
		rc = sql_step(s);
	sql_finalize(s);
	return rc == SQL_DONE ? SQL_OK : rc;
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

static lf_store_err fail(lf_store *st, int rc)
{
	if (rc == -1)
		return st->err;
	if (store_is_archive_lock(st))
		return store_archive_lock_fail(st);
	return store_fail(st, rc);
}

/* Another desk moved the case since core looked: the same sentence as a
 * step's (flow.c). */
static lf_store_err moved(lf_store *st, const fix_row *r)
{
	lf_case_state cur;
	char m[sizeof st->msg];
	snprintf(m, sizeof m, _("Case %s was just moved by someone else to \"%s\"; look again."), r->case_no,
	         lf_state_parse(r->status, &cur) ? lf_state_label(cur) : r->status);
	return store_fail_msg(st, LF_STORE_CONFLICT, m);
}

/* ---- a correction ---------------------------------------------------------- */

static lf_store_err correct_body(lf_store *st, void *ctx)
{
	const lf_correction_in *in = ctx;
	int f = field_index(in->field);
	fix_row r;
	lf_store_err e = read_case(st, in->case_key, &r);
	if (e != LF_STORE_OK)
		return e;
	char m[sizeof st->msg];
	const char *old = r.value[f];
	const char *label = !empty(in->label) ? in->label : in->field;
	if (!empty(in->expect_state) && strcmp(r.status, in->expect_state)) {
		e = moved(st, &r);
		goto done;
	}
	if ((e = store_case_gate(st, r.id)) != LF_STORE_OK)
		goto done;
	if (in->check_old && !same(old, in->expect_old)) {
		snprintf(m, sizeof m, _("Case %s: %s was just changed by someone else from \"%s\" to \"%s\"; nothing was "
		                        "saved. Look again."),
		         r.case_no, label, in->expect_old ? in->expect_old : "", old ? old : "");
		e = store_fail_msg(st, LF_STORE_CONFLICT, m);
		goto done;
	}
	if (same(old, in->value)) {
		snprintf(m, sizeof m, _("Case %s: %s already reads \"%s\"; there is nothing to correct."), r.case_no, label,
		         old ? old : "");
		e = store_fail_msg(st, LF_STORE_INVALID, m);
		goto done;
	}
	/* The column comes from the fixed table above, never from input. */
	char sql[160];
	if (!strcmp(fields[f].table, "case_file"))
		snprintf(sql, sizeof sql, "UPDATE case_file SET %s = :v WHERE id = :id", fields[f].column);
	else
		snprintf(sql, sizeof sql, "UPDATE case_visitor SET %s = :v WHERE case_id = :id AND position = 0",
		         fields[f].column);
	sql_stmt *s = prepare(st, sql);
	int rc;
	if (!s) {
		e = st->err;
		goto done;
	}
	if (!((rc = store_bind_text(s, ":v", in->value)) || (rc = store_bind_text(s, ":id", r.id))))
		rc = sql_step(s);
	sql_finalize(s);
	if (rc != SQL_DONE) {
		e = fail(st, rc);
		goto done;
	}
	char *text = NULL;
	size_t tl = strlen(label) + (old ? strlen(old) : 0) + (in->value ? strlen(in->value) : 0) + 32;
	if (!(text = malloc(tl))) {
		e = out_of_memory(st);
		goto done;
	}
	snprintf(text, tl, "%s：%s → %s", label, !empty(old) ? old : "—", !empty(in->value) ? in->value : "—");
	rc = insert_event(st, &r, "correct", in->signer_name, text, in->field, old, in->value);
	free(text);
	if (rc != SQL_OK) {
		e = fail(st, rc);
		goto done;
	}
	/* The name, address and content are searched; the phone is a key. */
	if ((e = store_search_index(st, r.id)) != LF_STORE_OK)
		goto done;
	json_t *o = json_object();
	if (o) {
		store_json_set(o, "case_no", r.case_no);
		store_json_set(o, "field", in->field);
		if (!strcmp(in->field, "phone")) {
			/* The log is read by more roles than may see a phone number. */
			char a[64] = "", b[64] = "";
			if (old)
				lf_mask_phone(old, a, sizeof a);
			if (in->value)
				lf_mask_phone(in->value, b, sizeof b);
			store_json_set(o, "old", a);
			store_json_set(o, "new", b);
		} else {
			store_json_set(o, "old", old);
			store_json_set(o, "new", in->value);
		}
		store_json_set(o, "by_name", in->signer_name);
	}
	e = audit(st, "case.correct", r.id, o);
done:
	fix_row_free(&r);
	return e;
}

lf_store_err lf_store_case_correct(lf_store *st, const lf_correction_in *in)
{
	if (!in || empty(in->case_key) || field_index(in->field) < 0)
		return store_fail_msg(st, LF_STORE_INVALID,
		                      _("A correction names a case and one of the fields name, sex, phone, address, "
		                        "content."));
	if ((!strcmp(in->field, "name") || !strcmp(in->field, "content")) && empty(in->value))
		return store_fail_msg(st, LF_STORE_INVALID, _("The visitor's name and the content cannot be empty."));
	return store_write(st, correct_body, (void *)in);
}

/* ---- the repeat flag -------------------------------------------------------- */

typedef struct repeat_in {
	const char *key, *signer_name;
	bool repeat;
} repeat_in;

static lf_store_err repeat_body(lf_store *st, void *ctx)
{
	const repeat_in *x = ctx;
	fix_row r;
	lf_store_err e = read_case(st, x->key, &r);
	if (e != LF_STORE_OK)
		return e;
	if ((e = store_case_gate(st, r.id)) != LF_STORE_OK)
		goto done;
	if ((r.repeat != 0) == x->repeat) {
		char m[sizeof st->msg];
		snprintf(m, sizeof m, x->repeat ? _("Case %s is already marked as a repeat petition (重复访).")
		                                : _("Case %s is already marked as not a repeat petition."),
		         r.case_no);
		e = store_fail_msg(st, LF_STORE_INVALID, m);
		goto done;
	}
	sql_stmt *s = prepare(st, "UPDATE case_file SET is_repeat = :v WHERE id = :id");
	int rc;
	if (!s) {
		e = st->err;
		goto done;
	}
	if (!((rc = store_bind_int(s, ":v", x->repeat)) || (rc = store_bind_text(s, ":id", r.id))))
		rc = sql_step(s);
	sql_finalize(s);
	if (rc != SQL_DONE) {
		e = fail(st, rc);
		goto done;
	}
	const char *was = r.repeat ? "1" : "0", *now = x->repeat ? "1" : "0";
	/* Stored as the sheet says it; the screen translates the kind. */
	const char *text = x->repeat ? "重复访：否 → 是" : "重复访：是 → 否";
	if ((rc = insert_event(st, &r, "repeat", x->signer_name, text, "is_repeat", was, now)) != SQL_OK) {
		e = fail(st, rc);
		goto done;
	}
	json_t *o = json_object();
	if (o) {
		store_json_set(o, "case_no", r.case_no);
		json_object_set_new(o, "old", json_boolean(r.repeat));
		json_object_set_new(o, "new", json_boolean(x->repeat));
		store_json_set(o, "by_name", x->signer_name);
	}
	e = audit(st, "case.repeat", r.id, o);
done:
	fix_row_free(&r);
	return e;
}

lf_store_err lf_store_case_set_repeat(lf_store *st, const char *case_key, bool repeat, const char *signer_name)
{
	repeat_in x = {case_key, signer_name, repeat};
	if (empty(case_key))
		return store_fail_msg(st, LF_STORE_INVALID, _("An event needs a case and a kind."));
	return store_write(st, repeat_body, &x);
}

/* ---- a visitor's earlier cases ------------------------------------------------ */

lf_store_err lf_store_visitor_cases(lf_store *st, const char *id_number, const char *exclude, int limit,
                                    lf_earlier_fn fn, void *ud, int *total)
{
	/* The ID number's unique index, then case_visitor's visitor index. */
	static const char sql[] =
		"SELECT c.id, c.case_no, c.received_on, c.status, c.content, c.is_repeat, count(*) OVER () "
		"FROM visitor v JOIN case_visitor l ON l.visitor_id = v.id JOIN case_file c ON c.id = l.case_id "
		"WHERE v.id_number = :id_number AND NOT (c.id = :ex OR c.case_no = :ex) "
		"ORDER BY c.received_on DESC, c.year DESC, c.number DESC LIMIT :limit";
	sql_stmt *s = prepare(st, sql);
	int rc, n = 0;
	if (total)
		*total = 0;
	if (!s)
		return st->err;
	if ((rc = store_bind_text(s, ":id_number", id_number ? id_number : "")) ||
	    (rc = sql_bind_text(s, sql_bind_parameter_index(s, ":ex"), exclude ? exclude : "", -1,
	                            SQL_STATIC)) ||
	    (rc = store_bind_int(s, ":limit", limit > 0 ? limit : 20))) {
		sql_finalize(s);
		return store_fail(st, rc);
	}
	while ((rc = sql_step(s)) == SQL_ROW) {
#define T(i) ((const char *)sql_column_text(s, i))
		lf_earlier_case c = {T(0), T(1), T(2), T(3), T(4), sql_column_int(s, 5) != 0};
#undef T
		if (total && n++ == 0)
			*total = sql_column_int(s, 6);
		if (fn && fn(&c, ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}
