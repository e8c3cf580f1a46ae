/* Reception days in the store: the schedule's slots, changes to published
 * slots, and the path of the attachment directory (publications:
 * publication.c). The log
 * itself is in reception_log.c. These statements run a few times a day at
 * most, so each is prepared where it is used, not cached. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_people.h"
#include "laifang/store_reception.h"
#include "reception_internal.h"

sql_stmt *store_rc_prepare(lf_store *st, const char *sql)
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

void store_rc_col(char *dst, size_t len, sql_stmt *s, int col)
{
	const char *v = (const char *)sql_column_text(s, col);
	snprintf(dst, len, "%s", v ? v : "");
}

char *store_rc_dup(sql_stmt *s, int col, bool *oom)
{
	const char *v = (const char *)sql_column_text(s, col);
	if (!v || !*v)
		return NULL;
	char *d = strdup(v);
	if (!d)
		*oom = true;
	return d;
}

/* Step a write statement to its end and finalize it: SQL_DONE or the
 * failing code. */
int store_rc_run(sql_stmt *s)
{
	int rc = sql_step(s);
	sql_finalize(s);
	return rc;
}

const char *lf_store_path(lf_store *st)
{
	return st->path;
}

char *lf_store_attachment_dir(lf_store *st)
{
	if (sql_dialect_of(st->db) == SQL_POSTGRES) {
		/* No file beside a server's database: a folder every desk reaches,
		 * named by the office (the files are not in the database yet). */
		char dir[4096];
		if (!lf_store_setting_text(st, "attachments_dir", dir, sizeof dir) || dir[0] != '/') {
			store_fail_msg(st, LF_STORE_INVALID,
			               _("On a PostgreSQL database, attachments go to a folder every desk reaches: set it "
			                 "first with laifang config set attachments_dir /PATH (an absolute path)."));
			return NULL;
		}
		char *d = strdup(dir);
		if (!d)
			store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
		return d;
	}
	size_t n = strlen(st->path) + sizeof ".d/attachments";
	char *d = malloc(n);
	if (d)
		snprintf(d, n, "%s.d/attachments", st->path);
	return d;
}

/* ---- slots ------------------------------------------------------------- */

static const char slot_cols[] = "id, day, start_time, end_time, leader_id, leader_name, leader_title, "
                                "leader_level, department, location, contact, kind, mode";

static void row_to_slot(sql_stmt *s, lf_slot_rec *r)
{
	char buf[LF_DATE_LEN + 8];
	memset(r, 0, sizeof *r);
	store_rc_col(r->id, sizeof r->id, s, 0);
	store_rc_col(buf, sizeof buf, s, 1);
	lf_date_parse(buf, &r->slot.date);
	r->slot.start = r->slot.end = LF_NO_TIME;
	store_rc_col(buf, sizeof buf, s, 2);
	if (buf[0])
		lf_time_parse(buf, &r->slot.start);
	store_rc_col(buf, sizeof buf, s, 3);
	if (buf[0])
		lf_time_parse(buf, &r->slot.end);
	store_rc_col(r->leader_id, sizeof r->leader_id, s, 4);
	store_rc_col(r->slot.leader.name, sizeof r->slot.leader.name, s, 5);
	store_rc_col(r->slot.leader.title, sizeof r->slot.leader.title, s, 6);
	store_rc_col(r->slot.leader.level, sizeof r->slot.leader.level, s, 7);
	store_rc_col(r->slot.department, sizeof r->slot.department, s, 8);
	store_rc_col(r->slot.location, sizeof r->slot.location, s, 9);
	store_rc_col(r->slot.contact, sizeof r->slot.contact, s, 10);
	char word[32];
	store_rc_col(word, sizeof word, s, 11);
	if (!lf_slot_kind_parse(word, &r->slot.kind))
		r->slot.kind = LF_SLOT_RECEPTION;
	store_rc_col(word, sizeof word, s, 12);
	if (!lf_slot_mode_parse(word, &r->slot.mode))
		r->slot.mode = LF_MODE_FIXED;
}

/* The slot's fields as text for binding and for the change record. */
typedef struct slot_text {
	char day[LF_DATE_LEN], start[8], end[8];
} slot_text;

static void slot_to_text(const lf_slot *sl, slot_text *t)
{
	lf_date_format(sl->date, t->day);
	t->start[0] = t->end[0] = '\0';
	if (sl->start != LF_NO_TIME && sl->end != LF_NO_TIME) {
		lf_time_format(sl->start, t->start);
		lf_time_format(sl->end, t->end);
	}
}

static int bind_slot(sql_stmt *s, const lf_slot_rec *r, const slot_text *t)
{
	const lf_slot *sl = &r->slot;
	int rc = store_bind_text(s, ":id", r->id);
	if (rc == SQL_OK) rc = store_bind_text(s, ":day", t->day);
	if (rc == SQL_OK) rc = store_bind_text(s, ":start", t->start);
	if (rc == SQL_OK) rc = store_bind_text(s, ":end", t->end);
	if (rc == SQL_OK) rc = store_bind_text(s, ":leader_id", r->leader_id);
	if (rc == SQL_OK) rc = store_bind_text(s, ":leader_name", sl->leader.name);
	if (rc == SQL_OK) rc = store_bind_text(s, ":leader_title", sl->leader.title);
	if (rc == SQL_OK) rc = store_bind_text(s, ":leader_level", sl->leader.level);
	if (rc == SQL_OK) rc = store_bind_text(s, ":department", sl->department);
	if (rc == SQL_OK) rc = store_bind_text(s, ":location", sl->location);
	if (rc == SQL_OK) rc = store_bind_text(s, ":contact", sl->contact);
	if (rc == SQL_OK) rc = store_bind_text(s, ":kind", lf_slot_kind_id(sl->kind));
	if (rc == SQL_OK) rc = store_bind_text(s, ":mode", lf_slot_mode_id(sl->mode));
	return rc;
}

/* The slot as a JSON object (audit details, the change record). */
static json_t *slot_json(const lf_slot_rec *r)
{
	slot_text t;
	json_t *o = json_object();
	if (!o)
		return NULL;
	slot_to_text(&r->slot, &t);
	store_json_set(o, "date", t.day);
	store_json_set(o, "start", t.start);
	store_json_set(o, "end", t.end);
	store_json_set(o, "leader", r->slot.leader.name);
	store_json_set(o, "title", r->slot.leader.title);
	store_json_set(o, "level", r->slot.leader.level);
	store_json_set(o, "department", r->slot.department);
	store_json_set(o, "location", r->slot.location);
	store_json_set(o, "contact", r->slot.contact);
	store_json_set(o, "kind", lf_slot_kind_id(r->slot.kind));
	store_json_set(o, "mode", lf_slot_mode_id(r->slot.mode));
	return o;
}

typedef struct slots_add_ctx {
	lf_slot_rec *recs;
	size_t n;
	const char *exception; /* JSON of days off approved, or NULL */
} slots_add_ctx;

/* A published month whose slots change: its latest publication is stale
 * from now until the month is published again (db/018). */
static lf_store_err mark_stale(lf_store *st, const char *day, const char *now)
{
	if (!day || strlen(day) < 7)
		return LF_STORE_OK;
	char month[8];
	memcpy(month, day, 7);
	month[7] = '\0';
	sql_stmt *s = store_rc_prepare(st, "UPDATE schedule_publication SET stale_at = :now WHERE stale_at IS NULL "
	                                       "AND id = (SELECT max(id) FROM schedule_publication WHERE month = :month AND " PUB_APPROVED ")");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":now", now);
	if (rc == SQL_OK)
		rc = store_bind_text(s, ":month", month);
	rc = rc == SQL_OK ? store_rc_run(s) : (sql_finalize(s), rc);
	return rc == SQL_DONE ? LF_STORE_OK : store_fail(st, rc);
}

static lf_store_err slots_add_body(lf_store *st, void *vctx)
{
	slots_add_ctx *c = vctx;
	char now[LF_TIMESTAMP_LEN];
	lf_timestamp_now(now, sizeof now);
	for (size_t i = 0; i < c->n; i++) {
		lf_slot_rec *r = &c->recs[i];
		slot_text t;
		store_new_uuid(r->id);
		slot_to_text(&r->slot, &t);
		sql_stmt *s = store_rc_prepare(
			st, "INSERT INTO schedule_slot (id, day, start_time, end_time, leader_id, leader_name, "
			    "leader_title, leader_level, department, location, contact, kind, mode, created_at, "
			    "updated_at) VALUES (:id, :day, :start, :end, :leader_id, :leader_name, :leader_title, "
			    ":leader_level, :department, :location, :contact, :kind, :mode, :now, :now)");
		if (!s)
			return st->err;
		int rc = bind_slot(s, r, &t);
		if (rc == SQL_OK)
			rc = store_bind_text(s, ":now", now);
		if (rc != SQL_OK) {
			sql_finalize(s);
			return store_fail(st, rc);
		}
		if ((rc = store_rc_run(s)) != SQL_DONE)
			return store_fail(st, rc);
		char *js = store_json_take(slot_json(r));
		lf_store_err e = store_audit_append(st, "schedule.add", r->id, js);
		free(js);
		if (e == LF_STORE_OK)
			e = mark_stale(st, t.day, now);
		if (e != LF_STORE_OK)
			return e;
	}
	if (c->exception)
		return store_audit_append(st, "schedule.exception", NULL, c->exception);
	return LF_STORE_OK;
}

lf_store_err lf_store_slots_add_excepted(lf_store *st, lf_slot_rec *recs, size_t n, const char *exception_json)
{
	slots_add_ctx c = {recs, n, exception_json};
	lf_store_err e = store_write(st, slots_add_body, &c);
	return e == LF_STORE_OK ? store_ok(st) : e;
}

lf_store_err lf_store_slots_add(lf_store *st, lf_slot_rec *recs, size_t n)
{
	slots_add_ctx c = {recs, n, NULL};
	lf_store_err e = store_write(st, slots_add_body, &c);
	return e == LF_STORE_OK ? store_ok(st) : e;
}

lf_store_err lf_store_slots_between(lf_store *st, const char *from, const char *to, lf_slot_fn fn, void *ud)
{
	char sql[512];
	snprintf(sql, sizeof sql,
	         "SELECT %s FROM schedule_slot WHERE day BETWEEN :from AND :to "
	         "ORDER BY day, coalesce(start_time, ''), leader_name, id",
	         slot_cols);
	sql_stmt *s = store_rc_prepare(st, sql);
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":from", from);
	if (rc == SQL_OK)
		rc = store_bind_text(s, ":to", to);
	if (rc != SQL_OK) {
		sql_finalize(s);
		return store_fail(st, rc);
	}
	while ((rc = sql_step(s)) == SQL_ROW) {
		lf_slot_rec r;
		row_to_slot(s, &r);
		if (fn && fn(&r, ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

lf_store_err lf_store_slot_get(lf_store *st, const char *id, lf_slot_rec *out)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT %s FROM schedule_slot WHERE id = :id", slot_cols);
	sql_stmt *s = store_rc_prepare(st, sql);
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":id", id ? id : "");
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW)
		row_to_slot(s, out);
	sql_finalize(s);
	if (rc == SQL_ROW)
		return store_ok(st);
	if (rc == SQL_DONE)
		return store_fail_msg(st, LF_STORE_NOTFOUND, _("There is no such slot in the schedule."));
	return store_fail(st, rc);
}

typedef struct slot_update_ctx {
	const lf_slot_rec *r;
	const lf_slot_change *change;
	const lf_slot_rec *seen; /* the slot as the person's form opened on it, or NULL */
} slot_update_ctx;

/* Whether two records of a slot say the same (as the audit log shows them). */
static bool slot_same(const lf_slot_rec *a, const lf_slot_rec *b)
{
	char *x = store_json_take(slot_json(a)), *y = store_json_take(slot_json(b));
	bool same = x && y && !strcmp(x, y) && !strcmp(a->leader_id, b->leader_id);
	free(x);
	free(y);
	return same;
}

static lf_store_err slot_update_body(lf_store *st, void *vctx)
{
	slot_update_ctx *c = vctx;
	lf_slot_rec before;
	lf_store_err e = lf_store_slot_get(st, c->r->id, &before);
	if (e != LF_STORE_OK)
		return e;
	if (c->seen && !slot_same(&before, c->seen))
		return store_fail_msg(st, LF_STORE_CONFLICT,
		                      _("This slot was changed at another desk since the form opened; nothing was "
		                        "changed. Look again."));
	char now[LF_TIMESTAMP_LEN];
	slot_text t;
	lf_timestamp_now(now, sizeof now);
	slot_to_text(&c->r->slot, &t);
	sql_stmt *s = store_rc_prepare(
		st, "UPDATE schedule_slot SET day = :day, start_time = :start, end_time = :end, leader_id = :leader_id, "
		    "leader_name = :leader_name, leader_title = :leader_title, leader_level = :leader_level, "
		    "department = :department, location = :location, contact = :contact, kind = :kind, mode = :mode, "
		    "updated_at = :now WHERE id = :id");
	if (!s)
		return st->err;
	int rc = bind_slot(s, c->r, &t);
	if (rc == SQL_OK)
		rc = store_bind_text(s, ":now", now);
	if (rc != SQL_OK) {
		sql_finalize(s);
		return store_fail(st, rc);
	}
	if ((rc = store_rc_run(s)) != SQL_DONE)
		return store_fail(st, rc);
	slot_text bt;
	slot_to_text(&before.slot, &bt);
	if ((e = mark_stale(st, bt.day, now)) != LF_STORE_OK || (e = mark_stale(st, t.day, now)) != LF_STORE_OK)
		return e;

	char *before_js = store_json_take(slot_json(&before));
	char *after_js = store_json_take(slot_json(c->r));
	if (!before_js || !after_js) {
		free(before_js);
		free(after_js);
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
	}
	if (c->change) {
		s = store_rc_prepare(st, "INSERT INTO schedule_change (slot_id, at, by_id, approver_id, approver_name, "
		                         "reason, before_json, after_json) VALUES (:slot, :at, :by, :approver, "
		                         ":approver_name, :reason, :before, :after)");
		rc = s ? SQL_OK : -1;
		if (s) {
			rc = store_bind_text(s, ":slot", c->r->id);
			if (rc == SQL_OK) rc = store_bind_text(s, ":at", now);
			if (rc == SQL_OK) rc = store_bind_text(s, ":by", c->change->by_id);
			if (rc == SQL_OK) rc = store_bind_text(s, ":approver", c->change->approver_id);
			if (rc == SQL_OK) rc = store_bind_text(s, ":approver_name", c->change->approver_name);
			if (rc == SQL_OK) rc = store_bind_text(s, ":reason", c->change->reason);
			if (rc == SQL_OK) rc = store_bind_text(s, ":before", before_js);
			if (rc == SQL_OK) rc = store_bind_text(s, ":after", after_js);
			rc = rc == SQL_OK ? store_rc_run(s) : (sql_finalize(s), rc);
		}
		if (rc != SQL_DONE) {
			free(before_js);
			free(after_js);
			return rc == -1 ? st->err : store_fail(st, rc);
		}
	}
	json_t *o = json_object();
	if (o) {
		json_object_set_new(o, "before", json_loads(before_js, 0, NULL));
		json_object_set_new(o, "after", json_loads(after_js, 0, NULL));
		if (c->change) {
			store_json_set(o, "approver_id", c->change->approver_id);
			store_json_set(o, "approver", c->change->approver_name);
			store_json_set(o, "reason", c->change->reason);
		}
	}
	free(before_js);
	free(after_js);
	char *js = store_json_take(o);
	e = store_audit_append(st, c->change ? "schedule.change" : "schedule.update", c->r->id, js);
	free(js);
	return e;
}

lf_store_err lf_store_slot_update(lf_store *st, const lf_slot_rec *r, const lf_slot_change *change)
{
	return lf_store_slot_update_seen(st, r, change, NULL);
}

lf_store_err lf_store_slot_update_seen(lf_store *st, const lf_slot_rec *r, const lf_slot_change *change,
                                       const lf_slot_rec *seen)
{
	slot_update_ctx c = {r, change, seen};
	lf_store_err e = store_write(st, slot_update_body, &c);
	return e == LF_STORE_OK ? store_ok(st) : e;
}

static lf_store_err slot_delete_body(lf_store *st, void *vctx)
{
	const char *id = vctx;
	lf_slot_rec before;
	lf_store_err e = lf_store_slot_get(st, id, &before);
	if (e != LF_STORE_OK)
		return e;
	sql_stmt *s = store_rc_prepare(st, "SELECT count(*) FROM schedule_change WHERE slot_id = :id");
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":id", id);
	if (rc == SQL_OK)
		rc = sql_step(s);
	long long changes = rc == SQL_ROW ? sql_column_int64(s, 0) : 0;
	sql_finalize(s);
	if (rc != SQL_ROW)
		return store_fail(st, rc);
	if (changes > 0)
		return store_fail_msg(st, LF_STORE_CONFLICT,
		                      _("This slot has recorded changes and stays in the schedule; change it instead."));
	s = store_rc_prepare(st, "DELETE FROM schedule_slot WHERE id = :id");
	if (!s)
		return st->err;
	if ((rc = store_bind_text(s, ":id", id)) != SQL_OK) {
		sql_finalize(s);
		return store_fail(st, rc);
	}
	if ((rc = store_rc_run(s)) != SQL_DONE)
		return store_fail(st, rc);
	char *js = store_json_take(slot_json(&before));
	e = store_audit_append(st, "schedule.delete", id, js);
	free(js);
	return e;
}

lf_store_err lf_store_slot_delete(lf_store *st, const char *id)
{
	lf_store_err e = store_write(st, slot_delete_body, (void *)id);
	return e == LF_STORE_OK ? store_ok(st) : e;
}

lf_store_err lf_store_slot_changes(lf_store *st, const char *slot_id, const char *month, lf_slot_change_fn fn,
                                   void *ud)
{
	static const char by_slot[] =
		"SELECT id, slot_id, at, by_id, approver_id, approver_name, reason, before_json, after_json "
		"FROM schedule_change WHERE slot_id = :key ORDER BY id";
	static const char by_month[] =
		"SELECT c.id, c.slot_id, c.at, c.by_id, c.approver_id, c.approver_name, c.reason, c.before_json, "
		"c.after_json FROM schedule_change c JOIN schedule_slot s ON s.id = c.slot_id "
		"WHERE substr(s.day, 1, 7) = :key ORDER BY c.id";
	sql_stmt *s = store_rc_prepare(st, slot_id ? by_slot : by_month);
	if (!s)
		return st->err;
	int rc = store_bind_text(s, ":key", slot_id ? slot_id : month ? month : "");
	if (rc != SQL_OK) {
		sql_finalize(s);
		return store_fail(st, rc);
	}
	while ((rc = sql_step(s)) == SQL_ROW) {
		lf_slot_change_rec c;
		memset(&c, 0, sizeof c);
		c.id = sql_column_int64(s, 0);
		store_rc_col(c.slot_id, sizeof c.slot_id, s, 1);
		store_rc_col(c.at, sizeof c.at, s, 2);
		store_rc_col(c.by_id, sizeof c.by_id, s, 3);
		store_rc_col(c.approver_id, sizeof c.approver_id, s, 4);
		store_rc_col(c.approver_name, sizeof c.approver_name, s, 5);
		store_rc_col(c.reason, sizeof c.reason, s, 6);
		store_rc_col(c.before, sizeof c.before, s, 7);
		store_rc_col(c.after, sizeof c.after, s, 8);
		if (fn && fn(&c, ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

lf_store_err lf_store_slot_leaders(lf_store *st, lf_slot_leader_fn fn, void *ud)
{
	/* Each leader named on a slot, as their latest slot names them. */
	sql_stmt *s = store_rc_prepare(
		st, "SELECT s.leader_name, coalesce(s.leader_title, ''), coalesce(s.leader_level, '') FROM schedule_slot s "
		    "WHERE s.id = (SELECT t.id FROM schedule_slot t WHERE t.leader_name = s.leader_name "
		    "ORDER BY t.day DESC, t.id DESC LIMIT 1) ORDER BY s.leader_name");
	if (!s)
		return st->err;
	int rc;
	while ((rc = sql_step(s)) == SQL_ROW) {
		lf_leader l;
		memset(&l, 0, sizeof l);
		store_rc_col(l.name, sizeof l.name, s, 0);
		store_rc_col(l.title, sizeof l.title, s, 1);
		store_rc_col(l.level, sizeof l.level, s, 2);
		if (fn && fn(&l, ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}
