/* Saving a registration sheet: the visitor recognised or added, the case
 * numbered gaplessly per year, its people, channel fields and audit entry in
 * one transaction (reading them back: case_read.c). */
#include "store_internal.h"

#include "clocks_internal.h"
#include "access_internal.h"
#include "search_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "laifang/date.h"
#include "laifang/i18n.h"

#define UUID_LEN STORE_UUID_LEN
/* Returned by the steps of a save when their statement could not be
 * prepared; store_stmt has already recorded why. */
#define NO_STMT (-1)
#define bind_text store_bind_text
#define bind_int store_bind_int
#define done store_done

void store_new_uuid(char out[UUID_LEN])
{
	uuid_t u;
	uuid_generate_random(u);
	uuid_unparse_lower(u, out);
}

static bool empty(const char *s)
{
	return !s || !*s;
}

/* ---- saving a registration ------------------------------------------- */

/* A registration checked for what the tables require, with defaults. */
typedef struct reg_in {
	const lf_registration *reg;
	char received_on[LF_DATE_LEN];
	int year;
	const char *channel;
	const char *doc_type; /* 居民身份证 when the registration names none */
	bool none;            /* 无证件 */
} reg_in;

static lf_store_err check_registration(lf_store *st, const lf_registration *reg, reg_in *in)
{
	char m[sizeof st->msg];
	const char *missing = NULL;
	lf_date d;

	in->reg = reg;
	in->channel = empty(reg->channel) ? "visit" : reg->channel;
	in->doc_type = empty(reg->doc_type) ? "居民身份证" : reg->doc_type;
	in->none = !strcmp(in->doc_type, "无证件");
	if (empty(reg->received_on))
		d = lf_date_today();
	else if (!lf_date_parse(reg->received_on, &d) || !lf_date_valid(d.y, d.m, d.d)) {
		snprintf(m, sizeof m, _("The reception date \"%s\" is not a date (YYYY-MM-DD); nothing was saved."),
		         reg->received_on);
		return store_fail_msg(st, LF_STORE_CONFLICT, m);
	}
	lf_date_format(d, in->received_on);
	in->year = d.y;
	if (reg->anonymous)
		missing = empty(reg->content) ? _("content of the petition") : NULL;
	else if (in->none ? empty(reg->doc_note) : empty(reg->id_number))
		missing = in->none ? _("note on the visitor without a document") : _("ID number");
	else if (empty(reg->name))
		missing = _("visitor's name");
	else if (empty(reg->content))
		missing = _("content of the petition");
	if (missing) {
		snprintf(m, sizeof m, _("The registration has no %s; nothing was saved."), missing);
		return store_fail_msg(st, LF_STORE_CONFLICT, m);
	}
	return LF_STORE_OK;
}

/* The record's unique key (visitor.id_number, db/012_identity.sql). */
void store_person_key(const store_person *p, const char *fresh, char *key, size_t len)
{
	const char *t = empty(p->doc_type) ? "居民身份证" : p->doc_type;
	if (empty(p->doc_key) || !strcmp(t, "无证件"))
		snprintf(key, len, "无证件:%s", fresh);
	else if (!strcmp(t, "居民身份证"))
		snprintf(key, len, "%s", p->doc_key);
	else
		snprintf(key, len, "%s:%s", t, p->doc_key);
}

/* The 15-digit form of an 18-digit ID number of the 1900s (a record from
 * before schema 12 may still hold it), or "" . */
void store_legacy_key(const char *key, char out[16])
{
	out[0] = '\0';
	if (strlen(key) == 18 && !strncmp(key + 6, "19", 2) && strspn(key, "0123456789") >= 17) {
		memcpy(out, key, 6);
		memcpy(out + 6, key + 8, 9);
		out[15] = '\0';
	}
}

/* The name on record under key, if any. */
static int record_name(lf_store *st, const char *key, bool *known, char old_name[STORE_NAME_LEN])
{
	sql_stmt *s = store_stmt(st, STMT_VISITOR_NAME, "SELECT name FROM visitor WHERE id_number = :key");
	int rc;
	*known = false;
	old_name[0] = '\0';
	if (!s)
		return NO_STMT;
	if ((rc = bind_text(s, ":key", key)) == SQL_OK) {
		rc = sql_step(s);
		if (rc == SQL_ROW) {
			const char *n = (const char *)sql_column_text(s, 0);
			snprintf(old_name, STORE_NAME_LEN, "%s", n ? n : "");
			*known = true;
			rc = SQL_OK;
		} else if (rc == SQL_DONE)
			rc = SQL_OK;
	}
	done(s);
	return rc;
}

/* Two desks saving the same new person meet in the upsert, never in a
 * collision. A known person's record is not rewritten by a sheet unless the
 * clerk said so (update). */
int store_visitor_upsert(lf_store *st, const store_person *p, const char *now, char visitor_id[UUID_LEN],
                         bool *known, char old_name[STORE_NAME_LEN])
{
	static const char sql[] =
		"INSERT INTO visitor (id, id_number, doc_type, doc_number, name, sex, phone, address, created_at, "
		"updated_at) VALUES (:id, :key, :doc_type, :doc_number, :name, :sex, :phone, :address, :now, :now) "
		"ON CONFLICT (id_number) DO UPDATE SET "
		"name = CASE WHEN :update <> 0 THEN excluded.name ELSE visitor.name END, "
		"sex = CASE WHEN :update <> 0 THEN coalesce(excluded.sex, visitor.sex) ELSE coalesce(visitor.sex, excluded.sex) END, "
		"phone = CASE WHEN :update <> 0 THEN coalesce(excluded.phone, visitor.phone) "
		"ELSE coalesce(visitor.phone, excluded.phone) END, "
		"address = CASE WHEN :update <> 0 THEN coalesce(excluded.address, visitor.address) "
		"ELSE coalesce(visitor.address, excluded.address) END, "
		"updated_at = excluded.updated_at "
		"RETURNING id";
	char fresh[STORE_UUID_LEN], key[512];
	const char *type = empty(p->doc_type) ? "居民身份证" : p->doc_type;
	bool none = empty(p->doc_key) || !strcmp(type, "无证件");
	int rc;
	store_new_uuid(fresh);
	store_person_key(p, fresh, key, sizeof key);
	if ((rc = record_name(st, key, known, old_name)) != SQL_OK)
		return rc;
	char legacy[16];
	store_legacy_key(key, legacy);
	if (!*known && !none && !strcmp(type, "居民身份证") && legacy[0]) {
		/* An older record of the same person by the 15-digit number. */
		if ((rc = record_name(st, legacy, known, old_name)) != SQL_OK)
			return rc;
		if (*known)
			snprintf(key, sizeof key, "%s", legacy);
	}
	sql_stmt *s = store_stmt(st, STMT_VISITOR_UPSERT, sql);
	if (!s)
		return NO_STMT;
	if ((rc = bind_text(s, ":id", fresh)) || (rc = bind_text(s, ":key", key)) ||
	    (rc = bind_text(s, ":doc_type", type)) || (rc = bind_text(s, ":doc_number", none ? NULL : p->doc_key)) ||
	    (rc = bind_text(s, ":name", p->name)) || (rc = bind_text(s, ":sex", p->sex)) ||
	    (rc = bind_text(s, ":phone", p->phone)) || (rc = bind_text(s, ":address", p->address)) ||
	    (rc = bind_int(s, ":update", p->update)) || (rc = bind_text(s, ":now", now)))
		goto cleanup;
	rc = sql_step(s);
	if (rc == SQL_ROW) {
		const char *id = (const char *)sql_column_text(s, 0);
		snprintf(visitor_id, UUID_LEN, "%s", id ? id : "");
		rc = SQL_OK;
	}
cleanup:
	done(s);
	return rc;
}

/* How many cases the visitor already has. */
static int count_cases(lf_store *st, const char *visitor_id, long long *n)
{
	sql_stmt *s = store_stmt(st, STMT_VISITOR_N_CASES,
	                             "SELECT count(*) FROM case_visitor WHERE visitor_id = :visitor_id");
	int rc;
	if (!s)
		return NO_STMT;
	if ((rc = bind_text(s, ":visitor_id", visitor_id)) == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		*n = sql_column_int64(s, 0);
		rc = SQL_OK;
	}
	done(s);
	return rc;
}

/* Two desks, one visitor: the person got a case after the clerk was shown
 * their earlier ones (lf_store_visitor_cases, by the same number). Nothing
 * is saved; the message names the newest case so the clerk can answer
 * 重复访 again with it in view. */
static lf_store_err newer_case(lf_store *st, const lf_registration *reg, char case_no[16])
{
	static const char sql[] =
		"SELECT c.case_no, c.receptionist, count(*) OVER () FROM visitor v "
		"JOIN case_visitor l ON l.visitor_id = v.id JOIN case_file c ON c.id = l.case_id "
		"WHERE v.id_number = :id_number ORDER BY c.seq_id DESC LIMIT 1";
	sql_stmt *s = store_stmt(st, STMT_VISITOR_NEWEST_CASE, sql);
	int rc;
	long long total = 0;
	if (!s)
		return st->err;
	char by[STORE_NAME_LEN] = "";
	if ((rc = bind_text(s, ":id_number", reg->id_number)) == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		const char *n = (const char *)sql_column_text(s, 0), *r = (const char *)sql_column_text(s, 1);
		snprintf(case_no, 16, "%s", n ? n : "");
		snprintf(by, sizeof by, "%s", r && *r ? r : "—");
		total = sql_column_int64(s, 2);
		rc = SQL_OK;
	} else if (rc == SQL_DONE) {
		rc = SQL_OK;
	}
	done(s);
	if (rc != SQL_OK)
		return store_fail(st, rc);
	if (total <= reg->earlier_seen) {
		case_no[0] = '\0';
		return LF_STORE_OK;
	}
	char m[sizeof st->msg];
	snprintf(m, sizeof m,
	         _("While this sheet was filled in, another desk registered this person: case %s (receptionist "
	           "%s). Nothing is saved yet."),
	         case_no, by);
	return store_fail_msg(st, LF_STORE_CONFLICT, m);
}

/* The next case number of a year. Inside the save's transaction, so a
 * failed save gives its number back and the numbers stay gapless. */
static int next_number(lf_store *st, int year, long long *number)
{
	static const char sql[] =
		"INSERT INTO case_counter (year, last_number) VALUES (:year, 1) "
		"ON CONFLICT (year) DO UPDATE SET last_number = case_counter.last_number + 1 "
		"RETURNING last_number";
	sql_stmt *s = store_stmt(st, STMT_COUNTER_NEXT, sql);
	int rc;
	if (!s)
		return NO_STMT;
	if ((rc = bind_int(s, ":year", year)) == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		*number = sql_column_int64(s, 0);
		rc = SQL_OK;
	}
	done(s);
	return rc;
}

/* Run a cached INSERT whose parameters are already bound. */
static int run_insert(sql_stmt *s)
{
	int rc = sql_step(s);
	done(s);
	return rc == SQL_DONE ? SQL_OK : rc;
}

static int insert_case(lf_store *st, const reg_in *in, const char *now, const lf_saved_case *c,
                       long long number)
{
	static const char sql[] =
		"INSERT INTO case_file (id, case_no, year, number, channel, receptionist, receptionist_id, "
		"received_on, created_at, content, is_repeat, due_on, due_rule, sort_key, anonymous) "
		"VALUES (:id, :case_no, :year, :number, :channel, :receptionist, :receptionist_id, "
		":received_on, :created_at, :content, :is_repeat, :due_on, :due_rule, :sort_key, :anonymous)";
	sql_stmt *s = store_stmt(st, STMT_CASE_INSERT, sql);
	char key[STORE_SORT_KEY_LEN];
	int rc;
	if (!s)
		return NO_STMT;
	store_sort_key(key, false, in->reg->due_on, c->case_no);
	if ((rc = bind_text(s, ":id", c->case_id)) || (rc = bind_text(s, ":case_no", c->case_no)) ||
	    (rc = bind_int(s, ":year", in->year)) || (rc = bind_int(s, ":number", number)) ||
	    (rc = bind_text(s, ":channel", in->channel)) ||
	    (rc = bind_text(s, ":receptionist", in->reg->receptionist)) ||
	    (rc = bind_text(s, ":receptionist_id", st->actor_id)) ||
	    (rc = bind_text(s, ":received_on", in->received_on)) || (rc = bind_text(s, ":created_at", now)) ||
	    (rc = bind_text(s, ":content", in->reg->content)) || (rc = bind_int(s, ":is_repeat", c->repeat)) ||
	    (rc = bind_text(s, ":due_on", in->reg->due_on)) ||
	    (rc = bind_text(s, ":due_rule", empty(in->reg->due_on) ? NULL : in->reg->due_rule)) ||
	    (rc = bind_text(s, ":sort_key", key)) || (rc = bind_int(s, ":anonymous", in->reg->anonymous))) {
		done(s);
		return rc;
	}
	return run_insert(s);
}

/* The visitor on the sheet (position 0), with the sheet's own words. */
static int link_visitor(lf_store *st, const reg_in *in, const char *case_id, const char *visitor_id)
{
	static const char sql[] =
		"INSERT INTO case_visitor (case_id, visitor_id, position, name, sex, phone, address, doc_type, "
		"doc_number, doc_note) VALUES (:case_id, :visitor_id, 0, :name, :sex, :phone, :address, :doc_type, "
		":doc_number, :doc_note)";
	sql_stmt *s = store_stmt(st, STMT_CASE_VISITOR_INSERT, sql);
	int rc;
	if (!s)
		return NO_STMT;
	if ((rc = bind_text(s, ":case_id", case_id)) || (rc = bind_text(s, ":visitor_id", visitor_id)) ||
	    (rc = bind_text(s, ":name", in->reg->name)) || (rc = bind_text(s, ":sex", in->reg->sex)) ||
	    (rc = bind_text(s, ":phone", in->reg->phone)) || (rc = bind_text(s, ":address", in->reg->address)) ||
	    (rc = bind_text(s, ":doc_type", in->doc_type)) ||
	    (rc = bind_text(s, ":doc_number", in->none ? NULL : in->reg->id_number)) ||
	    (rc = bind_text(s, ":doc_note", in->reg->doc_note))) {
		done(s);
		return rc;
	}
	return run_insert(s);
}

/* The channel form's own fields (schema 24), as the form checked them. */
static int insert_intake(lf_store *st, const lf_registration *reg, const char *case_id)
{
	static const char sql[] = "INSERT INTO case_intake (case_id, field, value) VALUES (:case_id, :field, :value)";
	for (size_t i = 0; i < reg->n_intake; i++) {
		if (empty(reg->intake_ids[i]) || empty(reg->intake_values[i]))
			continue;
		sql_stmt *s = store_stmt(st, STMT_INTAKE_INSERT, sql);
		int rc;
		if (!s)
			return NO_STMT;
		if ((rc = bind_text(s, ":case_id", case_id)) || (rc = bind_text(s, ":field", reg->intake_ids[i])) ||
		    (rc = bind_text(s, ":value", reg->intake_values[i]))) {
			done(s);
			return rc;
		}
		if ((rc = run_insert(s)) != SQL_OK)
			return rc;
	}
	return SQL_OK;
}

/* The audit entry of a save: what identifies the case, never the ID or
 * phone number (the log is read by more roles than may see them). */
static lf_store_err audit_save(lf_store *st, const reg_in *in, const lf_saved_case *c)
{
	json_t *o = json_object();
	if (o) {
		store_json_set(o, "case_no", c->case_no);
		store_json_set(o, "received_on", in->received_on);
		store_json_set(o, "channel", in->channel);
		store_json_set(o, "receptionist", in->reg->receptionist);
		store_json_set(o, "name", in->reg->anonymous ? NULL : in->reg->name);
		store_json_set(o, "doc_type", in->reg->anonymous ? NULL : in->doc_type);
		if (in->reg->anonymous)
			json_object_set_new(o, "anonymous", json_true());
		json_object_set_new(o, "repeat", json_boolean(c->repeat));
	}
	char *changes = store_json_take(o);
	if (!changes)
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while writing the audit log."));
	lf_store_err e = store_audit_append(st, "case.register", c->case_id, changes);
	free(changes);
	return e;
}

/* The clerk confirmed the sheet's words for a known person's record: the
 * names before and after (never the numbers). */
static lf_store_err audit_visitor_update(lf_store *st, const char *visitor_id, const char *case_no,
                                         const char *old_name, const char *name)
{
	json_t *o = json_object();
	if (o) {
		store_json_set(o, "case_no", case_no);
		store_json_set(o, "old_name", old_name);
		store_json_set(o, "name", name);
	}
	char *changes = store_json_take(o);
	if (!changes)
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while writing the audit log."));
	lf_store_err e = store_audit_append(st, "visitor.update", visitor_id, changes);
	free(changes);
	return e;
}

typedef struct save_ctx {
	const reg_in *in;
	lf_saved_case c;
} save_ctx;

/* The writes of one save, inside the transaction store_write holds. */
static lf_store_err save_body(lf_store *st, void *ctx)
{
	save_ctx *x = ctx;
	const reg_in *in = x->in;
	lf_saved_case *c = &x->c;
	char now[LF_TIMESTAMP_LEN], visitor_id[UUID_LEN], old_name[STORE_NAME_LEN];
	long long earlier = 0, number = 0;
	bool known = false;
	int rc;
	store_person p = {in->doc_type, in->none ? NULL : (empty(in->reg->doc_key) ? in->reg->id_number : in->reg->doc_key),
	                  in->reg->name, in->reg->sex, in->reg->phone, in->reg->address, in->reg->update_visitor};

	c->newer_case_no[0] = '\0';
	lf_timestamp_now(now, sizeof now);
	/* An anonymous letter or call has nobody to record (schema 24). */
	if (!in->reg->anonymous && ((rc = store_visitor_upsert(st, &p, now, visitor_id, &known, old_name)) != SQL_OK ||
	                            (rc = count_cases(st, visitor_id, &earlier)) != SQL_OK))
		goto fail;
	/* Counted after the upsert: on PostgreSQL that waits on the person's
	 * row for another desk's save to commit; on SQLite the write lock
	 * orders the two saves. */
	lf_store_err e;
	if (!in->reg->anonymous && in->reg->ask_if_newer && !empty(in->reg->id_number) &&
	    (e = newer_case(st, in->reg, c->newer_case_no)) != LF_STORE_OK)
		return e;
	if ((rc = next_number(st, in->year, &number)) != SQL_OK)
		goto fail;
	store_new_uuid(c->case_id);
	snprintf(c->case_no, sizeof c->case_no, "%04d-%06lld", in->year, number);
	/* 重复访 is the clerk's decision, never guessed from a known visitor;
	 * a visit with nothing before it cannot be one. */
	c->repeat = earlier > 0 && in->reg->repeat;
	if ((rc = insert_case(st, in, now, c, number)) != SQL_OK ||
	    (rc = store_query_code_insert(st, c->case_id, now, c->query_code)) != SQL_OK ||
	    (!in->reg->anonymous && (rc = link_visitor(st, in, c->case_id, visitor_id)) != SQL_OK) ||
	    (rc = insert_intake(st, in->reg, c->case_id)) != SQL_OK)
		goto fail;
	e = store_search_index(st, c->case_id);
	if (e == LF_STORE_OK && known && in->reg->update_visitor)
		e = audit_visitor_update(st, visitor_id, c->case_no, old_name, in->reg->name);
	/* The route clock starts at registration (15 days, art. 22). */
	if (e == LF_STORE_OK)
		e = store_clocks_sync(st, c->case_id, NULL, NULL, NULL);
	return e != LF_STORE_OK ? e : audit_save(st, in, c);
fail:
	return rc == NO_STMT ? st->err : store_fail(st, rc);
}

lf_store_err lf_store_save_registration(lf_store *st, const lf_registration *reg, lf_saved_case *out)
{
	reg_in in;
	save_ctx x = {.in = &in};
	lf_store_err e = check_registration(st, reg, &in);
	if (e != LF_STORE_OK)
		return e;
	e = store_write(st, save_body, &x);
	if (out && e == LF_STORE_CONFLICT && x.c.newer_case_no[0])
		snprintf(out->newer_case_no, sizeof out->newer_case_no, "%s", x.c.newer_case_no);
	if (e != LF_STORE_OK)
		return e;
	if (out)
		*out = x.c;
	return LF_STORE_OK;
}
