/* Saved views (store_views.h, db/029_saved_views.sql): the rows as they
 * are. What a value means, and whether it still holds, is office/views.c's
 * to say. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_views.h"

#define T(i) ((const char *)sql_column_text(s, i))

lf_store_err lf_store_views_each(lf_store *st, const char *user_id, lf_view_row_fn fn, void *ud)
{
	/* One user's rows by UNIQUE (user_id, name), the shared ones by
	 * saved_view_shared: a short list either way. */
	static const char sql[] =
		"SELECT v.id, v.user_id, o.login, o.name, v.name, v.queue, coalesce(v.due_within, -1), v.shared, "
		"v.my_unit, v.unit_id, u.name, coalesce(u.active, 0), v.leader_id, l.name, v.received_from, "
		"v.received_to, v.keyword, v.created_at "
		"FROM saved_view v LEFT JOIN app_user o ON o.id = v.user_id LEFT JOIN unit u ON u.id = v.unit_id "
		"LEFT JOIN app_user l ON l.id = v.leader_id "
		"WHERE v.user_id = :me OR v.shared = 1 "
		"ORDER BY CASE WHEN v.user_id = :me THEN 0 ELSE 1 END, v.created_at, v.name, v.id";
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQL_OK)
		rc = store_bind_text(s, ":me", user_id ? user_id : "");
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		rc = SQL_OK;
		lf_view_row r = {
			.id = T(0), .user_id = T(1), .owner_login = T(2), .owner_name = T(3), .name = T(4), .queue = T(5),
			.due_within = sql_column_int64(s, 6), .shared = sql_column_int(s, 7) != 0,
			.my_unit = sql_column_int(s, 8) != 0, .unit_id = T(9), .unit_name = T(10),
			.unit_active = sql_column_int(s, 11) != 0, .leader_id = T(12), .leader_name = T(13), .from = T(14),
			.to = T(15), .keyword = T(16), .created_at = T(17),
		};
		if (fn && fn(&r, ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

#undef T

static lf_store_err oom(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
}

static lf_store_err audit(lf_store *st, const char *action, const char *id, json_t *o)
{
	char *changes = store_json_take(o);
	if (!changes)
		return oom(st);
	lf_store_err e = store_audit_append(st, action, id, changes);
	free(changes);
	return e;
}

static lf_store_err name_taken(lf_store *st, const char *name)
{
	char m[sizeof st->msg];
	snprintf(m, sizeof m, _("You already have a view named %s."), name);
	return store_fail_msg(st, LF_STORE_CONFLICT, m);
}

static lf_store_err not_found(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_NOTFOUND, _("You have no such view."));
}

/* The id of user_id's view named name into id ("" when none): an SQL code. */
static int find_own(lf_store *st, const char *user_id, const char *name, char id[STORE_UUID_LEN])
{
	sql_stmt *s = NULL;
	id[0] = '\0';
	int rc = sql_prepare_v2(st->db, "SELECT id FROM saved_view WHERE user_id = :u AND name = :n", -1, &s, NULL);
	if (rc == SQL_OK && (rc = store_bind_text(s, ":u", user_id)) == SQL_OK &&
	    (rc = store_bind_text(s, ":n", name)) == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		snprintf(id, STORE_UUID_LEN, "%s", (const char *)sql_column_text(s, 0));
		rc = SQL_DONE;
	}
	sql_finalize(s);
	return rc;
}

typedef struct save_ctx {
	const lf_view_row *r;
	bool replace;
} save_ctx;

static lf_store_err save_body(lf_store *st, void *ctx)
{
	save_ctx *x = ctx;
	const lf_view_row *r = x->r;
	char id[STORE_UUID_LEN], now[LF_TIMESTAMP_LEN];
	lf_timestamp_now(now, sizeof now);
	int rc = find_own(st, r->user_id, r->name, id);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	if (id[0] && !x->replace)
		return name_taken(st, r->name);
	bool replacing = id[0] != '\0';
	if (!replacing)
		store_new_uuid(id);
	sql_stmt *s = NULL;
	rc = sql_prepare_v2(st->db,
	                    replacing
	                        ? "UPDATE saved_view SET shared = :shared, queue = :queue, due_within = :due, "
	                          "my_unit = :mine, unit_id = :unit, leader_id = :leader, received_from = :from, "
	                          "received_to = :to, keyword = :kw, updated_at = :now WHERE id = :id AND user_id = :user "
	                          "AND name = :name"
	                        : "INSERT INTO saved_view (id, user_id, name, shared, queue, due_within, my_unit, unit_id, "
	                          "leader_id, received_from, received_to, keyword, created_at, updated_at) VALUES (:id, "
	                          ":user, :name, :shared, :queue, :due, :mine, :unit, :leader, :from, :to, :kw, :now, :now)",
	                    -1, &s, NULL);
	int due = sql_bind_parameter_index(s, ":due");
	if (rc == SQL_OK && (rc = store_bind_text(s, ":id", id)) == SQL_OK &&
	    (rc = store_bind_text(s, ":user", r->user_id)) == SQL_OK &&
	    (rc = store_bind_text(s, ":name", r->name)) == SQL_OK &&
	    (rc = store_bind_int(s, ":shared", r->shared)) == SQL_OK &&
	    (rc = store_bind_text(s, ":queue", r->queue)) == SQL_OK &&
	    (rc = r->due_within >= 0 ? sql_bind_int64(s, due, r->due_within) : sql_bind_null(s, due)) == SQL_OK &&
	    (rc = store_bind_int(s, ":mine", r->my_unit)) == SQL_OK &&
	    (rc = store_bind_text(s, ":unit", r->unit_id)) == SQL_OK &&
	    (rc = store_bind_text(s, ":leader", r->leader_id)) == SQL_OK &&
	    (rc = store_bind_text(s, ":from", r->from)) == SQL_OK && (rc = store_bind_text(s, ":to", r->to)) == SQL_OK &&
	    (rc = store_bind_text(s, ":kw", r->keyword)) == SQL_OK && (rc = store_bind_text(s, ":now", now)) == SQL_OK)
		rc = sql_step(s);
	sql_finalize(s);
	if (rc == SQL_CONSTRAINT_UNIQUE)
		return name_taken(st, r->name);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	json_t *o = json_object();
	if (!o)
		return oom(st);
	store_json_set(o, "name", r->name);
	store_json_set(o, "queue", r->queue);
	if (r->due_within >= 0)
		json_object_set_new(o, "due_within", json_integer(r->due_within));
	json_object_set_new(o, "shared", json_boolean(r->shared));
	json_object_set_new(o, "my_unit", json_boolean(r->my_unit));
	store_json_set(o, "unit_id", r->unit_id);
	store_json_set(o, "leader_id", r->leader_id);
	store_json_set(o, "from", r->from);
	store_json_set(o, "to", r->to);
	store_json_set(o, "keyword", r->keyword);
	if (replacing)
		json_object_set_new(o, "replaced", json_true());
	return audit(st, "view.save", id, o);
}

lf_store_err lf_store_view_save(lf_store *st, const lf_view_row *r, bool replace)
{
	if (!r || !r->user_id || !r->user_id[0] || !r->name || !r->name[0] || !r->queue || !r->queue[0])
		return store_fail_msg(st, LF_STORE_INVALID, _("A view needs its user, name and queue."));
	save_ctx x = {r, replace};
	return store_write(st, save_body, &x);
}

typedef struct change_ctx {
	const char *user_id, *id, *new_name; /* new_name NULL: delete */
} change_ctx;

static lf_store_err change_body(lf_store *st, void *ctx)
{
	change_ctx *x = ctx;
	char old[STORE_NAME_LEN] = "", now[LF_TIMESTAMP_LEN];
	lf_timestamp_now(now, sizeof now);
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, "SELECT name FROM saved_view WHERE id = :id AND user_id = :user", -1, &s, NULL);
	if (rc == SQL_OK && (rc = store_bind_text(s, ":id", x->id)) == SQL_OK &&
	    (rc = store_bind_text(s, ":user", x->user_id)) == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		snprintf(old, sizeof old, "%s", (const char *)sql_column_text(s, 0));
		rc = SQL_DONE;
	}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	if (!old[0])
		return not_found(st);
	s = NULL;
	rc = sql_prepare_v2(st->db,
	                    x->new_name ? "UPDATE saved_view SET name = :name, updated_at = :now WHERE id = :id"
	                                : "DELETE FROM saved_view WHERE id = :id",
	                    -1, &s, NULL);
	if (rc == SQL_OK && (rc = store_bind_text(s, ":id", x->id)) == SQL_OK && x->new_name &&
	    (rc = store_bind_text(s, ":name", x->new_name)) == SQL_OK)
		rc = store_bind_text(s, ":now", now);
	if (rc == SQL_OK)
		rc = sql_step(s);
	sql_finalize(s);
	if (rc == SQL_CONSTRAINT_UNIQUE && x->new_name)
		return name_taken(st, x->new_name);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	json_t *o = json_object();
	if (!o)
		return oom(st);
	store_json_set(o, "name", old);
	store_json_set(o, "new_name", x->new_name);
	return audit(st, x->new_name ? "view.rename" : "view.delete", x->id, o);
}

lf_store_err lf_store_view_rename(lf_store *st, const char *user_id, const char *id, const char *new_name)
{
	if (!new_name || !new_name[0])
		return store_fail_msg(st, LF_STORE_INVALID, _("A view needs a name."));
	change_ctx x = {user_id ? user_id : "", id ? id : "", new_name};
	return store_write(st, change_body, &x);
}

lf_store_err lf_store_view_delete(lf_store *st, const char *user_id, const char *id)
{
	change_ctx x = {user_id ? user_id : "", id ? id : "", NULL};
	return store_write(st, change_body, &x);
}
