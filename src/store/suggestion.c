/* The office's suggestions and their outcome (第四十一条（三）, db/031):
 * each write one transaction with its audit entry (store_write). */
#include "laifang/store_suggestion.h"

#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"

#define T(s, i) ((const char *)sql_column_text(s, i))

static int bind(sql_stmt *s, const char *name, const char *v)
{
	int i = sql_bind_parameter_index(s, name);
	if (i <= 0)
		return SQL_ERROR;
	return v ? sql_bind_text(s, i, v, -1, SQL_TRANSIENT) : sql_bind_null(s, i);
}

typedef struct add_ctx {
	const char *kind, *made_on, *addressee, *text, *by_name;
	char *id;
} add_ctx;

static lf_store_err audit(lf_store *st, const char *action, const char *id, const char *const *kv)
{
	json_t *o = json_object();
	for (size_t i = 0; kv[i]; i += 2)
		store_json_set(o, kv[i], kv[i + 1]);
	char *changes = store_json_take(o);
	if (!changes)
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
	lf_store_err e = store_audit_append(st, action, id, changes);
	free(changes);
	return e;
}

static lf_store_err add_body(lf_store *st, void *ctx)
{
	static const char sql[] =
		"INSERT INTO suggestion (id, kind, made_on, addressee, text, user_id, by_name, at) "
		"VALUES (:id, :kind, :made_on, :addressee, :text, :user_id, :by_name, :at)";
	add_ctx *x = ctx;
	char now[40];
	lf_timestamp_now(now, sizeof now);
	store_new_uuid(x->id);
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQL_OK && !(rc = bind(s, ":id", x->id)) && !(rc = bind(s, ":kind", x->kind)) &&
	    !(rc = bind(s, ":made_on", x->made_on)) && !(rc = bind(s, ":addressee", x->addressee)) &&
	    !(rc = bind(s, ":text", x->text)) && !(rc = bind(s, ":user_id", st->actor_id)) &&
	    !(rc = bind(s, ":by_name", x->by_name)) && !(rc = bind(s, ":at", now)))
		rc = sql_step(s);
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	const char *kv[] = {"kind", x->kind, "made_on", x->made_on, "addressee", x->addressee, "text", x->text,
	                    "by_name", x->by_name, NULL};
	return audit(st, "suggestion.add", x->id, kv);
}

lf_store_err lf_store_suggestion_add(lf_store *st, const char *kind, const char *made_on, const char *addressee,
                                     const char *text, const char *by_name, char id_out[37])
{
	add_ctx x = {kind, made_on, addressee, text, by_name, id_out};
	id_out[0] = '\0';
	return store_write(st, add_body, &x);
}

typedef struct outcome_ctx {
	const char *id, *outcome, *on, *note, *by_name;
} outcome_ctx;

static lf_store_err outcome_body(lf_store *st, void *ctx)
{
	outcome_ctx *x = ctx;
	char m[sizeof st->msg], id[STORE_UUID_LEN] = "", made_on[16] = "";
	bool decided = false;
	int found = 0, rc;
	/* The whole id, or a prefix of at least 8 characters naming one. */
	size_t n = strlen(x->id);
	if (n < 8 || n >= STORE_UUID_LEN || strspn(x->id, "0123456789abcdef-") != n) {
		snprintf(m, sizeof m, _("There is no suggestion %s (give its id, at least its first 8 characters)."),
		         x->id);
		return store_fail_msg(st, LF_STORE_NOTFOUND, m);
	}
	/* Hex digits and - only (checked above): no LIKE wildcard in it. */
	char like[STORE_UUID_LEN + 1];
	snprintf(like, sizeof like, "%s%%", x->id);
	sql_stmt *s = NULL;
	rc = sql_prepare_v2(st->db, "SELECT id, made_on, outcome FROM suggestion WHERE id LIKE :like", -1, &s, NULL);
	if (rc == SQL_OK && !(rc = bind(s, ":like", like)))
		while ((rc = sql_step(s)) == SQL_ROW) {
			found++;
			snprintf(id, sizeof id, "%s", T(s, 0) ? T(s, 0) : "");
			snprintf(made_on, sizeof made_on, "%s", T(s, 1) ? T(s, 1) : "");
			decided = T(s, 2) != NULL;
		}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	if (!found) {
		snprintf(m, sizeof m, _("There is no suggestion %s (give its id, at least its first 8 characters)."),
		         x->id);
		return store_fail_msg(st, LF_STORE_NOTFOUND, m);
	}
	if (found > 1) {
		snprintf(m, sizeof m, _("%s names more than one suggestion: give more of its id."), x->id);
		return store_fail_msg(st, LF_STORE_INVALID, m);
	}
	if (decided)
		return store_fail_msg(st, LF_STORE_CONFLICT,
		                      _("This suggestion's outcome is already recorded; a signed entry is not replaced."));
	if (strcmp(x->on, made_on) < 0) {
		snprintf(m, sizeof m, _("The outcome cannot be before the day the suggestion was made (%s)."), made_on);
		return store_fail_msg(st, LF_STORE_INVALID, m);
	}
	char now[40];
	lf_timestamp_now(now, sizeof now);
	rc = sql_prepare_v2(st->db,
	                    "UPDATE suggestion SET outcome = :outcome, outcome_on = :on, outcome_note = :note, "
	                    "outcome_user_id = :user_id, outcome_by_name = :by_name, outcome_at = :at "
	                    "WHERE id = :id AND outcome IS NULL",
	                    -1, &s, NULL);
	if (rc == SQL_OK && !(rc = bind(s, ":outcome", x->outcome)) && !(rc = bind(s, ":on", x->on)) &&
	    !(rc = bind(s, ":note", x->note && x->note[0] ? x->note : NULL)) &&
	    !(rc = bind(s, ":user_id", st->actor_id)) && !(rc = bind(s, ":by_name", x->by_name)) &&
	    !(rc = bind(s, ":at", now)) && !(rc = bind(s, ":id", id)))
		rc = sql_step(s);
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	const char *kv[] = {"outcome", x->outcome, "outcome_on", x->on, "note", x->note ? x->note : "",
	                    "by_name", x->by_name, NULL};
	return audit(st, "suggestion.adopt", id, kv);
}

lf_store_err lf_store_suggestion_outcome(lf_store *st, const char *id, const char *outcome, const char *on,
                                         const char *note, const char *by_name)
{
	outcome_ctx x = {id ? id : "", outcome, on, note, by_name};
	return store_write(st, outcome_body, &x);
}

lf_store_err lf_store_suggestion_each(lf_store *st, const char *from, const char *to, lf_suggestion_fn fn,
                                      void *ud)
{
	static const char sql[] =
		"SELECT id, kind, made_on, addressee, text, by_name, at, outcome, outcome_on, outcome_note, "
		"outcome_by_name FROM suggestion WHERE made_on >= :from AND made_on <= :to ORDER BY made_on, at, id";
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQL_OK && !(rc = bind(s, ":from", from)) && !(rc = bind(s, ":to", to)))
		while ((rc = sql_step(s)) == SQL_ROW) {
			lf_suggestion g = {T(s, 0), T(s, 1), T(s, 2), T(s, 3), T(s, 4), T(s, 5), T(s, 6),
			                   T(s, 7), T(s, 8), T(s, 9), T(s, 10)};
			if (fn(&g, ud)) {
				rc = SQL_DONE;
				break;
			}
		}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}
