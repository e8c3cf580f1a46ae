/* Administering people and units: each operation checks the actor's roles
 * first (nothing is read or written for someone who may not), then every
 * input with a message naming the field, then calls the store, which audits
 * the write. */
#include "laifang/people.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "laifang/text.h"

#define NAME_MAX_CHARS 64
#define TITLE_MAX_CHARS 64
#define UNIT_MAX_CHARS 64
#define LOGIN_MIN 2
#define LOGIN_MAX 32

/* ---- results ---- */

/* Record a refusal as the handle's last error and in msg; returns kind. */
__attribute__((format(printf, 5, 6)))
static lf_store_err refuse(lf_store *st, lf_store_err kind, char *msg, size_t len, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	lf_store_set_error(st, kind, buf);
	if (msg && len)
		snprintf(msg, len, "%s", buf);
	return kind;
}

/* A store result passed on, with the store's sentence in msg. */
static lf_store_err passed(lf_store *st, lf_store_err e, char *msg, size_t len)
{
	if (msg && len)
		snprintf(msg, len, "%s", e == LF_STORE_OK ? "" : lf_store_errmsg(st));
	return e;
}

static lf_store_err require(lf_store *st, const lf_user *actor, lf_perm perm, char *msg, size_t len)
{
	char why[512];
	if (lf_require(actor, perm, why, sizeof why))
		return LF_STORE_OK;
	return refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
}

/* ---- inputs ---- */

bool lf_login_acceptable(const char *login, char *why, size_t len)
{
	size_t n = login ? strlen(login) : 0;
	bool ok = n >= LOGIN_MIN && n <= LOGIN_MAX && login[0] >= 'a' && login[0] <= 'z';
	for (size_t i = 0; ok && i < n; i++) {
		char c = login[i];
		ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
	}
	if (!ok && why && len)
		snprintf(why, len, "%s",
		         _("login: use 2-32 lower-case letters, digits, '.', '_' or '-', starting with a letter"));
	return ok;
}

/* in cleaned to one line and trimmed, into a new string (NULL: no memory). */
static char *clean_line(const char *in)
{
	char *s = lf_text_clean(in, strlen(in), false, NULL);
	if (s)
		lf_text_trim(s);
	return s;
}

/* Check a cleaned text field: not empty when required, at most max
 * characters. label is the field's msgid. */
static lf_store_err check_text(lf_store *st, const char *s, bool required, size_t max, const char *label,
                               char *msg, size_t len)
{
	if (!s)
		return refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	if (required && !s[0])
		return refuse(st, LF_STORE_INVALID, msg, len, _("%s: must not be empty"), _(label));
	if (lf_text_chars(s) > max)
		return refuse(st, LF_STORE_INVALID, msg, len, _("%s: at most %zu characters"), _(label), max);
	return LF_STORE_OK;
}

/* unit (a unit's name or id) → its id; "" stays "" (no unit). */
static lf_store_err resolve_unit(lf_store *st, const char *unit, char id[37], char *msg, size_t len)
{
	id[0] = '\0';
	if (!unit || !unit[0])
		return LF_STORE_OK;
	char *name = clean_line(unit);
	if (!name)
		return refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	lf_unit u = {0};
	lf_store_err e = name[0] ? lf_store_unit_get(st, name, &u) : LF_STORE_OK;
	if (e == LF_STORE_OK && name[0])
		snprintf(id, 37, "%s", u.id);
	if (e == LF_STORE_NOTFOUND)
		e = refuse(st, LF_STORE_INVALID, msg, len, _("department: there is no unit \"%s\""), name);
	else if (e != LF_STORE_OK)
		e = passed(st, e, msg, len);
	lf_unit_free(&u);
	free(name);
	return e;
}

static lf_store_err check_roles(lf_store *st, unsigned roles, char *msg, size_t len)
{
	if (roles == 0 || (roles & ~LF_ROLES_ALL))
		return refuse(st, LF_STORE_INVALID, msg, len, "%s", _("roles: choose at least one role"));
	return LF_STORE_OK;
}

static lf_store_err check_password(lf_store *st, const char *password, char *msg, size_t len)
{
	char why[256];
	if (!lf_password_acceptable(password, why, sizeof why))
		return refuse(st, LF_STORE_INVALID, msg, len, "%s", why);
	return LF_STORE_OK;
}

static lf_store_err get_user(lf_store *st, const char *login, lf_user *u, char *msg, size_t len)
{
	lf_store_err e = login && login[0] ? lf_store_user_get(st, login, u, NULL) : LF_STORE_NOTFOUND;
	if (e == LF_STORE_NOTFOUND)
		return refuse(st, LF_STORE_NOTFOUND, msg, len, _("there is no user \"%s\""), login ? login : "");
	return passed(st, e, msg, len);
}

/* ---- the last administrator ---- */

static int count_admin(const lf_user *u, void *ud)
{
	if (u->active && (u->roles & LF_ROLE_ADMIN))
		++*(int *)ud;
	return 0;
}

/* Refuse when target is the only active administrator and would stop
 * being one. */
static lf_store_err keep_an_admin(lf_store *st, const lf_user *target, char *msg, size_t len)
{
	if (!target->active || !(target->roles & LF_ROLE_ADMIN))
		return LF_STORE_OK;
	int n = 0;
	lf_store_err e = lf_store_user_each(st, count_admin, &n);
	if (e != LF_STORE_OK)
		return passed(st, e, msg, len);
	if (n <= 1)
		return refuse(st, LF_STORE_INVALID, msg, len,
		              _("%s is the last active administrator: make someone else administrator first"),
		              target->login);
	return LF_STORE_OK;
}

/* ---- users ---- */

/* The checks and the write shared by the first administrator and a new
 * user. */
static lf_store_err add_user(lf_store *st, bool first, const char *login, const char *name, const char *title,
                             const char *unit, unsigned roles, const char *password, char *msg, size_t len)
{
	char why[256];
	if (!lf_login_acceptable(login, why, sizeof why))
		return refuse(st, LF_STORE_INVALID, msg, len, "%s", why);
	char *nm = clean_line(name ? name : "");
	char *ti = clean_line(title ? title : "");
	char unit_id[37];
	lf_store_err e = check_text(st, nm, true, NAME_MAX_CHARS, N_("name"), msg, len);
	if (e == LF_STORE_OK)
		e = check_text(st, ti, false, TITLE_MAX_CHARS, N_("title"), msg, len);
	if (e == LF_STORE_OK)
		e = resolve_unit(st, unit, unit_id, msg, len);
	if (e == LF_STORE_OK)
		e = check_roles(st, roles, msg, len);
	if (e == LF_STORE_OK)
		e = check_password(st, password, msg, len);
	char hash[LF_PWHASH_LEN];
	if (e == LF_STORE_OK && lf_password_hash(password, hash) != 0)
		e = refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	if (e == LF_STORE_OK && first) {
		/* Only into a database without users, decided in the write itself. */
		e = passed(st, lf_store_user_add_first(st, login, nm, roles, hash, NULL), msg, len);
	} else if (e == LF_STORE_OK) {
		e = lf_store_user_add(st, login, nm, ti[0] ? ti : NULL, unit_id[0] ? unit_id : NULL, roles, hash,
		                      NULL);
		if (e == LF_STORE_CONFLICT)
			refuse(st, e, msg, len, _("login: \"%s\" is already taken"), login);
		else
			passed(st, e, msg, len);
	}
	free(nm);
	free(ti);
	return e;
}

lf_store_err lf_people_init_admin(lf_store *st, const char *login, const char *name, const char *password,
                                  char *msg, size_t len)
{
	int n = lf_store_user_count(st);
	if (n < 0)
		return passed(st, lf_store_errcode(st) ? lf_store_errcode(st) : LF_STORE_IO, msg, len);
	if (n > 0)
		return refuse(st, LF_STORE_CONFLICT, msg, len, "%s",
		              _("this database already has users: the first administrator is set up only once"));
	return add_user(st, true, login, name, NULL, NULL, LF_ROLE_ADMIN, password, msg, len);
}

lf_store_err lf_people_add_user(lf_store *st, const lf_user *actor, const char *login, const char *name,
                                const char *title, const char *unit, unsigned roles, const char *password,
                                char *msg, size_t len)
{
	lf_store_err e = require(st, actor, LF_PERM_ADMINISTER, msg, len);
	if (e != LF_STORE_OK)
		return e;
	return add_user(st, false, login, name, title, unit, roles, password, msg, len);
}

lf_store_err lf_people_update_user(lf_store *st, const lf_user *actor, const char *login, const char *name,
                                   const char *title, const char *unit, const unsigned *roles, char *msg,
                                   size_t len)
{
	lf_store_err e = require(st, actor, LF_PERM_ADMINISTER, msg, len);
	if (e != LF_STORE_OK)
		return e;
	lf_user u = {0};
	if ((e = get_user(st, login, &u, msg, len)) != LF_STORE_OK)
		return e;
	char *nm = name ? clean_line(name) : NULL;
	char *ti = title ? clean_line(title) : NULL;
	char unit_id[37] = "";
	if (name)
		e = check_text(st, nm, true, NAME_MAX_CHARS, N_("name"), msg, len);
	if (e == LF_STORE_OK && title)
		e = check_text(st, ti, false, TITLE_MAX_CHARS, N_("title"), msg, len);
	if (e == LF_STORE_OK && unit)
		e = resolve_unit(st, unit, unit_id, msg, len);
	if (e == LF_STORE_OK && roles)
		e = check_roles(st, *roles, msg, len);
	if (e == LF_STORE_OK && roles && !(*roles & LF_ROLE_ADMIN))
		e = keep_an_admin(st, &u, msg, len);
	if (e == LF_STORE_OK)
		e = passed(st, lf_store_user_update(st, u.id, nm, ti, unit ? unit_id : NULL, roles, NULL), msg, len);
	free(nm);
	free(ti);
	lf_user_free(&u);
	return e;
}

lf_store_err lf_people_set_active(lf_store *st, const lf_user *actor, const char *login, bool active,
                                  char *msg, size_t len)
{
	lf_store_err e = require(st, actor, LF_PERM_ADMINISTER, msg, len);
	if (e != LF_STORE_OK)
		return e;
	lf_user u = {0};
	if ((e = get_user(st, login, &u, msg, len)) != LF_STORE_OK)
		return e;
	if (!active && !strcmp(u.id, actor->id))
		e = refuse(st, LF_STORE_INVALID, msg, len, "%s", _("you cannot deactivate your own account"));
	if (e == LF_STORE_OK && !active)
		e = keep_an_admin(st, &u, msg, len);
	if (e == LF_STORE_OK)
		e = passed(st, lf_store_user_update(st, u.id, NULL, NULL, NULL, NULL, &active), msg, len);
	lf_user_free(&u);
	return e;
}

lf_store_err lf_people_set_password(lf_store *st, const lf_user *actor, const char *login,
                                    const char *password, char *msg, size_t len)
{
	lf_user u = {0};
	lf_store_err e;
	bool admin = lf_require(actor, LF_PERM_ADMINISTER, NULL, 0);
	/* Anyone logged in may change their own; only an administrator another's. */
	bool self = actor && actor->active && login && actor->login && !strcmp(actor->login, login);
	if (!admin && !self)
		return require(st, actor, LF_PERM_ADMINISTER, msg, len);
	if ((e = get_user(st, login, &u, msg, len)) != LF_STORE_OK)
		return e;
	e = check_password(st, password, msg, len);
	char hash[LF_PWHASH_LEN];
	if (e == LF_STORE_OK && lf_password_hash(password, hash) != 0)
		e = refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	if (e == LF_STORE_OK)
		e = passed(st, lf_store_user_set_password(st, u.id, hash), msg, len);
	/* An administrator's reset also lifts a lock-out. */
	if (e == LF_STORE_OK && admin && (u.failed_logins > 0 || u.locked_until[0]))
		e = passed(st, lf_store_user_unlock(st, u.id), msg, len);
	lf_user_free(&u);
	return e;
}

lf_store_err lf_people_unlock(lf_store *st, const lf_user *actor, const char *login, char *msg, size_t len)
{
	lf_store_err e = require(st, actor, LF_PERM_ADMINISTER, msg, len);
	if (e != LF_STORE_OK)
		return e;
	lf_user u = {0};
	if ((e = get_user(st, login, &u, msg, len)) != LF_STORE_OK)
		return e;
	e = passed(st, lf_store_user_unlock(st, u.id), msg, len);
	lf_user_free(&u);
	return e;
}

lf_store_err lf_people_set_portfolio(lf_store *st, const lf_user *actor, const char *login, const char *portfolio,
                                    char *msg, size_t len)
{
	lf_store_err e = require(st, actor, LF_PERM_ADMINISTER, msg, len);
	if (e != LF_STORE_OK)
		return e;
	lf_user u = {0};
	if ((e = get_user(st, login, &u, msg, len)) != LF_STORE_OK)
		return e;
	e = passed(st, lf_store_user_set_portfolio(st, u.id, portfolio), msg, len);
	lf_user_free(&u);
	return e;
}

/* ---- units ---- */

static const struct {
	const char *kind;
	const char *label; /* msgid */
} kinds[] = {
	{"department", N_("department of this office")},
	{"peer", N_("agency at the same level")},
	{"lower", N_("lower-level agency")},
	{"discipline", N_("discipline inspection")},
	/* Issue 13 (诉访分离): a court, procuratorate, public security or justice bureau. */
	{"law", N_("political-legal organ (政法机关)")},
};

const char *lf_unit_kind_label(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(kinds[i].kind, kind))
			return _(kinds[i].label);
	return NULL;
}

lf_store_err lf_people_add_unit(lf_store *st, const lf_user *actor, const char *name, const char *kind,
                                char *msg, size_t len)
{
	lf_store_err e = require(st, actor, LF_PERM_ADMINISTER, msg, len);
	if (e != LF_STORE_OK)
		return e;
	if (!lf_unit_kind_label(kind))
		return refuse(st, LF_STORE_INVALID, msg, len, "%s",
		              _("kind: use department, peer, lower, discipline or law"));
	char *nm = clean_line(name ? name : "");
	e = check_text(st, nm, true, UNIT_MAX_CHARS, N_("unit name"), msg, len);
	if (e == LF_STORE_OK) {
		e = lf_store_unit_add(st, nm, kind, NULL);
		if (e == LF_STORE_CONFLICT)
			refuse(st, e, msg, len, _("unit name: \"%s\" already exists"), nm);
		else
			passed(st, e, msg, len);
	}
	free(nm);
	return e;
}

lf_store_err lf_people_each_user(lf_store *st, const lf_user *actor, lf_user_fn fn, void *ud, char *msg,
                                 size_t len)
{
	/* Supervisors read the audit log, which names users: they may list them. */
	if (actor && actor->active && lf_can(actor->roles, LF_PERM_VIEW_AUDIT))
		return lf_store_user_each(st, fn, ud);
	lf_store_err e = require(st, actor, LF_PERM_ADMINISTER, msg, len);
	return e != LF_STORE_OK ? e : lf_store_user_each(st, fn, ud);
}

lf_store_err lf_people_each_unit(lf_store *st, const lf_user *actor, lf_unit_fn fn, void *ud, char *msg,
                                 size_t len)
{
	if (!actor || !actor->active)
		return refuse(st, LF_STORE_DENIED, msg, len, "%s",
		              !actor ? _("not allowed: nobody is logged in") : _("not allowed: this account is deactivated"));
	return lf_store_unit_each(st, fn, ud);
}

lf_store_err lf_people_get_user(lf_store *st, const lf_user *actor, const char *login_or_id, lf_user *out,
                                char *msg, size_t len)
{
	memset(out, 0, sizeof *out);
	if (!actor || !actor->active)
		return require(st, actor, LF_PERM_ADMINISTER, msg, len);
	/* The same people lf_people_each_user lists, and oneself, whom a picker
	 * offers to someone who may not list users. */
	bool self = login_or_id && ((actor->login && !strcmp(login_or_id, actor->login)) ||
	                            !strcmp(login_or_id, actor->id));
	if (!self && !lf_can(actor->roles, LF_PERM_VIEW_AUDIT)) {
		lf_store_err e = require(st, actor, LF_PERM_ADMINISTER, msg, len);
		if (e != LF_STORE_OK)
			return e;
	}
	lf_store_err e = login_or_id && login_or_id[0] ? lf_store_user_get(st, login_or_id, out, NULL)
	                                               : LF_STORE_NOTFOUND;
	if (e == LF_STORE_NOTFOUND)
		return refuse(st, e, msg, len, _("there is no user \"%s\""), login_or_id ? login_or_id : "");
	return passed(st, e, msg, len);
}

lf_store_err lf_people_get_unit(lf_store *st, const lf_user *actor, const char *name_or_id, lf_unit *out,
                                char *msg, size_t len)
{
	memset(out, 0, sizeof *out);
	if (!actor || !actor->active)
		return refuse(st, LF_STORE_DENIED, msg, len, "%s",
		              !actor ? _("not allowed: nobody is logged in") : _("not allowed: this account is deactivated"));
	lf_store_err e = name_or_id && name_or_id[0] ? lf_store_unit_get(st, name_or_id, out) : LF_STORE_NOTFOUND;
	if (e == LF_STORE_NOTFOUND)
		return refuse(st, e, msg, len, _("unit: there is no unit \"%s\""), name_or_id ? name_or_id : "");
	return passed(st, e, msg, len);
}
