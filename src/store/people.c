/* Users (logins), units and the office's settings. No permission checks
 * here: core makes them (people.h) before calling. Each write and its audit
 * entry are one transaction. */
#include "store_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_people.h"

static lf_store_err out_of_memory(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
}

/* ---- one write statement and its audit entry ------------------------ */

#define MAX_PARAMS 12

typedef struct param {
	const char *name; /* ":login"; NULL ends the list */
	bool set;         /* false: the parameter stays NULL */
	bool is_int;
	bool keep_empty;  /* "" binds "", not NULL */
	const char *text; /* "" binds NULL */
	long long num;
} param;

typedef struct write1 {
	const char *sql;
	param p[MAX_PARAMS];
	const char *action, *record;
	json_t *changes;         /* the audit detail; taken (freed) by write_one */
	const char *missing_msg; /* no row changed: LF_STORE_NOTFOUND with this */
	const char *taken_msg;   /* a UNIQUE rule refused: LF_STORE_CONFLICT with this */
	const char *no_ref_msg;  /* a foreign key refused: LF_STORE_NOTFOUND with this */
	const char *count_key;   /* the statement RETURNs a number: put it in changes under this key */
	bool none_is_conflict;   /* no row changed: LF_STORE_CONFLICT with taken_msg */
	bool forget_guard;       /* also forget the failed logins counted under record's login */
	bool auth;               /* a login's own bookkeeping (store_auth_write) */
	char *changes_text;
} write1;

static param text_param(const char *name, const char *value)
{
	return (param){.name = name, .set = true, .text = value};
}

static param int_param(const char *name, long long value)
{
	return (param){.name = name, .set = true, .is_int = true, .num = value};
}

static lf_store_err write1_fail(lf_store *st, const write1 *w, int rc)
{
	int ext = sql_extended_errcode(st->db);
	if (w->taken_msg && (ext == SQL_CONSTRAINT_UNIQUE || ext == SQL_CONSTRAINT_PRIMARYKEY))
		return store_fail_msg(st, LF_STORE_CONFLICT, w->taken_msg);
	if (w->no_ref_msg && ext == SQL_CONSTRAINT_FOREIGNKEY)
		return store_fail_msg(st, LF_STORE_NOTFOUND, w->no_ref_msg);
	return store_fail(st, rc);
}

static lf_store_err write1_body(lf_store *st, void *ctx)
{
	write1 *w = ctx;
	sql_stmt *s = NULL;
	long long returned = 0;
	int rc = sql_prepare_v2(st->db, w->sql, -1, &s, NULL);
	if (rc != SQL_OK)
		goto fail;
	for (const param *p = w->p; p->name; p++) {
		if (!p->set)
			continue;
		if (p->is_int)
			rc = store_bind_int(s, p->name, p->num);
		else if (p->keep_empty && p->text)
			rc = sql_bind_text(s, sql_bind_parameter_index(s, p->name), p->text, -1, SQL_STATIC);
		else
			rc = store_bind_text(s, p->name, p->text);
		if (rc != SQL_OK)
			goto fail;
	}
	rc = sql_step(s);
	if (rc == SQL_ROW) { /* RETURNING */
		returned = sql_column_int64(s, 0);
		rc = sql_step(s);
	}
	if (rc != SQL_DONE)
		goto fail;
	sql_finalize(s);
	if (sql_changes(st->db) == 0 && w->none_is_conflict)
		return store_fail_msg(st, LF_STORE_CONFLICT, w->taken_msg ? w->taken_msg : _("No such record."));
	if (sql_changes(st->db) == 0)
		return store_fail_msg(st, LF_STORE_NOTFOUND, w->missing_msg ? w->missing_msg : _("No such record."));
	if (w->forget_guard) {
		lf_store_err e = store_guard_forget_user(st, w->record);
		if (e != LF_STORE_OK)
			return e;
	}
	free(w->changes_text); /* from an earlier try */
	w->changes_text = NULL;
	if (w->changes) {
		json_t *c = json_deep_copy(w->changes);
		if (c && w->count_key)
			json_object_set_new(c, w->count_key, json_integer(returned));
		if (!(w->changes_text = store_json_take(c)))
			return out_of_memory(st);
	}
	return store_audit_append(st, w->action, w->record, w->changes_text);
fail:
	{
		lf_store_err e = write1_fail(st, w, rc);
		sql_finalize(s);
		return e;
	}
}

static lf_store_err write_one(lf_store *st, write1 *w)
{
	lf_store_err e = w->auth ? store_auth_write(st, write1_body, w) : store_write(st, write1_body, w);
	json_decref(w->changes);
	free(w->changes_text);
	w->changes = NULL;
	w->changes_text = NULL;
	return e;
}

/* ---- reading rows ------------------------------------------------------ */

static char *dup_text(sql_stmt *s, int col, bool *oom)
{
	const char *v = (const char *)sql_column_text(s, col);
	if (!v || !*v)
		return NULL;
	char *d = strdup(v);
	if (!d)
		*oom = true;
	return d;
}

static void copy_text(char *dst, size_t len, sql_stmt *s, int col)
{
	const char *v = (const char *)sql_column_text(s, col);
	snprintf(dst, len, "%s", v ? v : "");
}

/* One-off statement (administration is rare: nothing cached). */
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

/* ---- users ------------------------------------------------------------- */

#define USER_SELECT                                                                                  \
	"SELECT u.id, u.login, u.name, u.title, u.unit_id, n.name, u.roles, u.active, u.failed_logins, " \
	"u.locked_until, u.password_hash FROM app_user u LEFT JOIN unit n ON n.id = u.unit_id "

/* The current row (USER_SELECT order) into u; false when out of memory. */
static bool row_to_user(sql_stmt *s, lf_user *u, char **pwhash)
{
	bool oom = false;
	memset(u, 0, sizeof *u);
	copy_text(u->id, sizeof u->id, s, 0);
	u->login = dup_text(s, 1, &oom);
	u->name = dup_text(s, 2, &oom);
	u->title = dup_text(s, 3, &oom);
	copy_text(u->unit_id, sizeof u->unit_id, s, 4);
	u->unit_name = dup_text(s, 5, &oom);
	u->roles = (unsigned)sql_column_int64(s, 6);
	u->active = sql_column_int(s, 7) != 0;
	u->failed_logins = sql_column_int(s, 8);
	copy_text(u->locked_until, sizeof u->locked_until, s, 9);
	if (pwhash)
		*pwhash = dup_text(s, 10, &oom);
	if (oom) {
		lf_user_free(u);
		if (pwhash) {
			free(*pwhash);
			*pwhash = NULL;
		}
	}
	return !oom;
}

int lf_store_user_count(lf_store *st)
{
	sql_stmt *s = prepare(st, "SELECT count(*) FROM app_user");
	int n = -1;
	if (!s)
		return -1;
	int rc = sql_step(s);
	if (rc == SQL_ROW) {
		n = sql_column_int(s, 0);
		store_ok(st);
	} else {
		store_fail(st, rc);
	}
	sql_finalize(s);
	return n;
}

lf_store_err lf_store_user_add(lf_store *st, const char *login, const char *name, const char *title,
                               const char *unit_id, unsigned roles, const char *password_hash,
                               char *id_out)
{
	char id[STORE_UUID_LEN], now[LF_TIMESTAMP_LEN], taken[256], no_unit[256];
	store_new_uuid(id);
	lf_timestamp_now(now, sizeof now);
	snprintf(taken, sizeof taken, _("The login %s is already taken."), login ? login : "");
	snprintf(no_unit, sizeof no_unit, _("There is no unit %s."), unit_id ? unit_id : "");
	write1 w = {
		.sql = "INSERT INTO app_user (id, login, name, title, unit_id, roles, password_hash, "
		       "created_at, updated_at) VALUES (:id, :login, :name, :title, :unit_id, :roles, "
		       ":password_hash, :now, :now)",
		.p = {text_param(":id", id), text_param(":login", login), text_param(":name", name),
		      text_param(":title", title), text_param(":unit_id", unit_id), int_param(":roles", roles),
		      text_param(":password_hash", password_hash), text_param(":now", now)},
		.action = "user.add", .record = id, .changes = json_object(),
		.taken_msg = taken, .no_ref_msg = no_unit,
	};
	if (!login || !*login || !name || !*name || !password_hash || !*password_hash) {
		json_decref(w.changes);
		return store_fail_msg(st, LF_STORE_INVALID, _("A user needs a login, a name and a password."));
	}
	/* Never the password hash: the log is read by more people than may see it. */
	store_json_set(w.changes, "login", login);
	store_json_set(w.changes, "name", name);
	store_json_set(w.changes, "title", title);
	store_json_set(w.changes, "unit_id", unit_id);
	json_object_set_new(w.changes, "roles", json_integer(roles));
	lf_store_err e = write_one(st, &w);
	if (e == LF_STORE_OK && id_out)
		snprintf(id_out, STORE_UUID_LEN, "%s", id);
	return e;
}

lf_store_err lf_store_user_add_first(lf_store *st, const char *login, const char *name, unsigned roles,
                                     const char *password_hash, char *id_out)
{
	char id[STORE_UUID_LEN], now[LF_TIMESTAMP_LEN];
	if (!login || !*login || !name || !*name || !password_hash || !*password_hash)
		return store_fail_msg(st, LF_STORE_INVALID, _("A user needs a login, a name and a password."));
	store_new_uuid(id);
	lf_timestamp_now(now, sizeof now);
	/* The test and the insert are one statement in one write transaction:
	 * of several terminals running init at once, one adds, the others find
	 * a user there. */
	write1 w = {
		.sql = "INSERT INTO app_user (id, login, name, roles, password_hash, created_at, updated_at) "
		       "SELECT :id, :login, :name, :roles, :password_hash, :now, :now "
		       "WHERE NOT EXISTS (SELECT 1 FROM app_user)",
		.p = {text_param(":id", id), text_param(":login", login), text_param(":name", name),
		      int_param(":roles", roles), text_param(":password_hash", password_hash), text_param(":now", now)},
		.action = "user.add", .record = id, .changes = json_object(), .none_is_conflict = true,
		.taken_msg = _("this database already has users: the first administrator is set up only once"),
	};
	store_json_set(w.changes, "login", login);
	store_json_set(w.changes, "name", name);
	json_object_set_new(w.changes, "roles", json_integer(roles));
	lf_store_err e = write_one(st, &w);
	if (e == LF_STORE_OK && id_out)
		snprintf(id_out, STORE_UUID_LEN, "%s", id);
	return e;
}

lf_store_err lf_store_user_get(lf_store *st, const char *login_or_id, lf_user *out, char **pwhash_out)
{
	sql_stmt *s = store_stmt(st, STMT_USER_GET, USER_SELECT "WHERE u.login = :key OR u.id = :key");
	char m[256];
	int rc;
	memset(out, 0, sizeof *out);
	if (pwhash_out)
		*pwhash_out = NULL;
	if (!s)
		return st->err;
	if ((rc = store_bind_text(s, ":key", login_or_id)) != SQL_OK) {
		store_done(s);
		return store_fail(st, rc);
	}
	rc = sql_step(s);
	if (rc == SQL_ROW) {
		bool ok = row_to_user(s, out, pwhash_out);
		store_done(s);
		return ok ? store_ok(st) : out_of_memory(st);
	}
	store_done(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	snprintf(m, sizeof m, _("There is no user %s."), login_or_id ? login_or_id : "");
	return store_fail_msg(st, LF_STORE_NOTFOUND, m);
}

lf_store_err lf_store_user_each(lf_store *st, lf_user_fn fn, void *ud)
{
	sql_stmt *s = prepare(st, USER_SELECT "ORDER BY u.login");
	int rc;
	if (!s)
		return st->err;
	while ((rc = sql_step(s)) == SQL_ROW) {
		lf_user u;
		if (!row_to_user(s, &u, NULL)) {
			sql_finalize(s);
			return out_of_memory(st);
		}
		int stop = fn(&u, ud);
		lf_user_free(&u);
		if (stop) {
			rc = SQL_DONE;
			break;
		}
	}
	lf_store_err e = rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
	sql_finalize(s);
	return e;
}

lf_store_err lf_store_user_update(lf_store *st, const char *user_id, const char *name, const char *title,
                                  const char *unit_id, const unsigned *roles, const bool *active)
{
	char now[LF_TIMESTAMP_LEN], missing[256], no_unit[256];
	lf_timestamp_now(now, sizeof now);
	snprintf(missing, sizeof missing, _("There is no user %s."), user_id ? user_id : "");
	snprintf(no_unit, sizeof no_unit, _("There is no unit %s."), unit_id ? unit_id : "");
	/* Only the active flag: the log says deactivated / reactivated. */
	bool only_active = active && !name && !title && !unit_id && !roles;
	/* Taking the admin role away or deactivating: core checked that an
	 * active administrator remains; checked again in the write (two
	 * administrators demoting each other at once). */
	bool demotes = (roles && !(*roles & LF_ROLE_ADMIN)) || (active && !*active);
#define USER_SET                                                                                          \
	"UPDATE app_user SET name = coalesce(:name, name), "                                                  \
	"title = CASE WHEN :set_title <> 0 THEN :title ELSE title END, "                                      \
	"unit_id = CASE WHEN :set_unit <> 0 THEN :unit_id ELSE unit_id END, "                                  \
	"roles = coalesce(:roles, roles), active = coalesce(:active, active), updated_at = :now WHERE id = :id"
	write1 w = {
		.sql = demotes ? USER_SET " AND (active = 0 OR (roles & :admin) = 0 OR EXISTS (SELECT 1 FROM app_user a "
		                          "WHERE a.id <> :id AND a.active <> 0 AND (a.roles & :admin) <> 0))"
		               : USER_SET,
		.p = {text_param(":id", user_id), text_param(":now", now),
		      {.name = ":name", .set = name && *name, .text = name},
		      int_param(":set_title", title != NULL), text_param(":title", title),
		      int_param(":set_unit", unit_id != NULL), text_param(":unit_id", unit_id),
		      {.name = ":roles", .set = roles != NULL, .is_int = true, .num = roles ? *roles : 0},
		      {.name = ":active", .set = active != NULL, .is_int = true, .num = active && *active},
		      {.name = ":admin", .set = demotes, .is_int = true, .num = LF_ROLE_ADMIN}},
		.action = only_active ? (*active ? "user.enable" : "user.disable") : "user.update",
		.record = user_id, .changes = json_object(), .missing_msg = missing, .no_ref_msg = no_unit,
		/* No row changed while demoting: the user was read by core, so it
		 * was the last active administrator. */
		.none_is_conflict = demotes,
		.taken_msg = demotes ? _("The last active administrator cannot stop being one: make someone else "
		                         "administrator first.")
		                     : NULL,
	};
#undef USER_SET
	store_json_set(w.changes, "name", name);
	/* A cleared title or unit shows as null. */
	if (title)
		json_object_set_new(w.changes, "title", *title ? json_string(title) : json_null());
	if (unit_id)
		json_object_set_new(w.changes, "unit_id", *unit_id ? json_string(unit_id) : json_null());
	if (roles)
		json_object_set_new(w.changes, "roles", json_integer(*roles));
	if (active)
		json_object_set_new(w.changes, "active", json_boolean(*active));
	return write_one(st, &w);
}

lf_store_err lf_store_user_set_portfolio(lf_store *st, const char *user_id, const char *portfolio)
{
	char now[LF_TIMESTAMP_LEN], missing[256];
	lf_timestamp_now(now, sizeof now);
	snprintf(missing, sizeof missing, _("There is no user %s."), user_id ? user_id : "");
	bool set = portfolio && *portfolio;
	write1 w = {
		.sql = "UPDATE app_user SET portfolio = :portfolio, updated_at = :now WHERE id = :id",
		.p = {text_param(":id", user_id), text_param(":now", now),
		      text_param(":portfolio", set ? portfolio : NULL)},
		.action = "user.update", .record = user_id, .changes = json_object(), .missing_msg = missing,
	};
	json_object_set_new(w.changes, "portfolio", set ? json_string(portfolio) : json_null());
	return write_one(st, &w);
}

lf_store_err lf_store_user_set_password(lf_store *st, const char *user_id, const char *password_hash)
{
	char now[LF_TIMESTAMP_LEN], missing[256];
	lf_timestamp_now(now, sizeof now);
	snprintf(missing, sizeof missing, _("There is no user %s."), user_id ? user_id : "");
	if (!password_hash || !*password_hash)
		return store_fail_msg(st, LF_STORE_INVALID, _("A user needs a login, a name and a password."));
	write1 w = {
		.sql = "UPDATE app_user SET password_hash = :hash, updated_at = :now WHERE id = :id",
		.p = {text_param(":id", user_id), text_param(":hash", password_hash), text_param(":now", now)},
		.action = "user.password", .record = user_id, .missing_msg = missing, /* no detail: no hash */
		.forget_guard = true, /* guesses at the old password no longer count */
	};
	lf_store_err e = write_one(st, &w);
	/* Someone who changes their own password goes on in this session (any
	 * other session of theirs ends at its next write). */
	if (e == LF_STORE_OK && st->actor_id && user_id && !strcmp(st->actor_id, user_id))
		store_session_load(st);
	return e;
}

lf_store_err lf_store_user_login_failed(lf_store *st, const char *user_id, const char *locked_until)
{
	char missing[256];
	snprintf(missing, sizeof missing, _("There is no user %s."), user_id ? user_id : "");
	/* The failure that locks the account is logged as login.locked. */
	bool locks = locked_until && *locked_until;
	write1 w = {
		.sql = "UPDATE app_user SET failed_logins = failed_logins + 1, "
		       "locked_until = coalesce(:locked_until, locked_until) WHERE id = :id RETURNING failed_logins",
		.p = {text_param(":id", user_id), text_param(":locked_until", locked_until)},
		.action = locks ? "login.locked" : "login.fail", .record = user_id, .changes = json_object(),
		.missing_msg = missing, .count_key = "failed_logins", .auth = true,
	};
	store_json_set(w.changes, "locked_until", locked_until);
	return write_one(st, &w);
}

/* Count and lock cleared, logged as action. */
static lf_store_err clear_failures(lf_store *st, const char *user_id, const char *action, bool auth)
{
	char missing[256];
	snprintf(missing, sizeof missing, _("There is no user %s."), user_id ? user_id : "");
	write1 w = {
		.sql = "UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = :id",
		.p = {text_param(":id", user_id)},
		.action = action, .record = user_id, .missing_msg = missing, .forget_guard = true, .auth = auth,
	};
	return write_one(st, &w);
}

lf_store_err lf_store_user_login_ok(lf_store *st, const char *user_id)
{
	return clear_failures(st, user_id, "login.ok", true);
}

lf_store_err lf_store_user_unlock(lf_store *st, const char *user_id)
{
	return clear_failures(st, user_id, "user.unlock", false);
}

/* ---- units ------------------------------------------------------------- */

static bool row_to_unit(sql_stmt *s, lf_unit *u)
{
	bool oom = false;
	memset(u, 0, sizeof *u);
	copy_text(u->id, sizeof u->id, s, 0);
	u->name = dup_text(s, 1, &oom);
	copy_text(u->kind, sizeof u->kind, s, 2);
	u->active = sql_column_int(s, 3) != 0;
	if (oom)
		lf_unit_free(u);
	return !oom;
}

lf_store_err lf_store_unit_add(lf_store *st, const char *name, const char *kind, char *id_out)
{
	char id[STORE_UUID_LEN], now[LF_TIMESTAMP_LEN], taken[256];
	static const char *const kinds[] = {"department", "peer", "lower", "discipline", "law"};
	bool known = false;
	for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
		known = known || !strcmp(kind, kinds[i]);
	if (!name || !*name || !known)
		return store_fail_msg(st, LF_STORE_INVALID,
		                      _("A unit needs a name and a kind (department, peer, lower, discipline or law)."));
	store_new_uuid(id);
	lf_timestamp_now(now, sizeof now);
	snprintf(taken, sizeof taken, _("There is already a unit named %s."), name);
	write1 w = {
		.sql = "INSERT INTO unit (id, name, kind, created_at) VALUES (:id, :name, :kind, :now)",
		.p = {text_param(":id", id), text_param(":name", name), text_param(":kind", kind),
		      text_param(":now", now)},
		.action = "unit.add", .record = id, .changes = json_object(), .taken_msg = taken,
	};
	store_json_set(w.changes, "name", name);
	store_json_set(w.changes, "kind", kind);
	lf_store_err e = write_one(st, &w);
	if (e == LF_STORE_OK && id_out)
		snprintf(id_out, STORE_UUID_LEN, "%s", id);
	return e;
}

lf_store_err lf_store_unit_get(lf_store *st, const char *name_or_id, lf_unit *out)
{
	sql_stmt *s = prepare(st, "SELECT id, name, kind, active FROM unit WHERE name = ?1 OR id = ?1");
	char m[256];
	int rc;
	memset(out, 0, sizeof *out);
	if (!s)
		return st->err;
	rc = sql_bind_text(s, 1, name_or_id ? name_or_id : "", -1, SQL_STATIC);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW) {
		bool ok = row_to_unit(s, out);
		sql_finalize(s);
		return ok ? store_ok(st) : out_of_memory(st);
	}
	if (rc != SQL_DONE) {
		store_fail(st, rc);
		sql_finalize(s);
		return st->err;
	}
	sql_finalize(s);
	snprintf(m, sizeof m, _("There is no unit %s."), name_or_id ? name_or_id : "");
	return store_fail_msg(st, LF_STORE_NOTFOUND, m);
}

lf_store_err lf_store_unit_each(lf_store *st, lf_unit_fn fn, void *ud)
{
	sql_stmt *s = prepare(st, "SELECT id, name, kind, active FROM unit ORDER BY name");
	int rc;
	if (!s)
		return st->err;
	while ((rc = sql_step(s)) == SQL_ROW) {
		lf_unit u;
		if (!row_to_unit(s, &u)) {
			sql_finalize(s);
			return out_of_memory(st);
		}
		int stop = fn(&u, ud);
		lf_unit_free(&u);
		if (stop) {
			rc = SQL_DONE;
			break;
		}
	}
	lf_store_err e = rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
	sql_finalize(s);
	return e;
}

/* ---- settings ---------------------------------------------------------- */

int lf_store_setting_int(lf_store *st, const char *key, int def)
{
	sql_stmt *s = store_stmt(st, STMT_SETTING_GET, "SELECT value FROM setting WHERE key = :key");
	int v = def;
	if (!s)
		return def;
	if (store_bind_text(s, ":key", key) == SQL_OK && sql_step(s) == SQL_ROW) {
		const char *text = (const char *)sql_column_text(s, 0);
		char *end;
		errno = 0;
		long n = text ? strtol(text, &end, 10) : 0;
		if (text && *text && !*end && errno == 0 && n >= INT_MIN && n <= INT_MAX)
			v = (int)n;
	}
	store_done(s);
	return v;
}

lf_store_err lf_store_setting_set(lf_store *st, const char *key, const char *value)
{
	if (!key || !*key || !value)
		return store_fail_msg(st, LF_STORE_INVALID, _("A setting needs a name and a value."));
	write1 w = {
		.sql = "INSERT INTO setting (key, value) VALUES (:key, :value) "
		       "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		/* An empty value is kept as "" (NOT NULL), not as NULL. */
		.p = {text_param(":key", key), {.name = ":value", .set = true, .keep_empty = true, .text = value}},
		.action = "setting.set", .record = key, .changes = json_object(),
	};
	json_t *v = json_string(value);
	json_object_set_new(w.changes, "value", v ? v : json_string("(not UTF-8)"));
	return write_one(st, &w);
}
