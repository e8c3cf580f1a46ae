/* laifang user …, unit …, config …: setting up the people of an office from
 * a script. Everything goes through core (people.h, settings.h), which
 * checks the actor's roles before the store is asked. */
#include "laifang/cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_internal.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/people.h"
#include "laifang/settings.h"
#include "laifang/text.h"

/* ---- a table aligned by display width (Chinese is two columns) ---- */

#define MAX_COLS 8

typedef struct table {
	size_t ncols;
	char **cells; /* row-major, the header first; malloc'd strings */
	size_t n, cap; /* cells */
	bool oom;
} table;

static void table_add(table *t, const char *text)
{
	if (t->oom)
		return;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		char **c = realloc(t->cells, cap * sizeof *c);
		if (!c) {
			t->oom = true;
			return;
		}
		t->cells = c;
		t->cap = cap;
	}
	char *s = strdup(text ? text : "");
	if (!s) {
		t->oom = true;
		return;
	}
	t->cells[t->n++] = s;
}

/* Columns two spaces apart; the last one is not padded. */
static void table_print(const table *t, FILE *out)
{
	int width[MAX_COLS] = {0};
	for (size_t i = 0; i < t->n; i++) {
		int w = lf_text_width(t->cells[i]);
		if (w > width[i % t->ncols])
			width[i % t->ncols] = w;
	}
	for (size_t i = 0; i < t->n; i++) {
		size_t col = i % t->ncols;
		fputs(t->cells[i], out);
		if (col + 1 == t->ncols)
			fputc('\n', out);
		else
			fprintf(out, "%*s", width[col] - lf_text_width(t->cells[i]) + 2, "");
	}
}

static void table_free(table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->cells[i]);
	free(t->cells);
}

/* The table printed when it was read whole (e: how the reading ended; msg
 * its refusal), then freed: 0, or the exit status with the error said. */
static int table_finish(table *t, lf_store *st, lf_store_err e, const char *msg, FILE *out, FILE *err)
{
	int rc = 0;
	if (t->oom) {
		fprintf(err, "%s\n", _("laifang: out of memory"));
		rc = 2;
	} else if (e != LF_STORE_OK) {
		rc = lf_cli_fail(st, e, msg, err);
	} else {
		table_print(t, out);
	}
	table_free(t);
	return rc;
}

/* ---- users ---- */

/* Seconds since the epoch of an ISO 8601 timestamp ("2026-11-23T10:15:00+08:00",
 * "…Z", fractions of a second allowed); -1 when it cannot be read. */
static time_t iso_time(const char *ts)
{
	struct tm tm = {0};
	int used = 0;
	if (sscanf(ts, "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
	           &tm.tm_min, &tm.tm_sec, &used) != 6 || used == 0)
		return -1;
	const char *p = ts + used;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	long offset = 0;
	if (*p == '+' || *p == '-') {
		int h = 0, m = 0;
		if (sscanf(p + 1, "%2d:%2d", &h, &m) < 1 && sscanf(p + 1, "%2d%2d", &h, &m) < 1)
			return -1;
		offset = (h * 60L + m) * 60 * (*p == '-' ? -1 : 1);
	} else if (*p == '\0') { /* no offset: local time */
		tm.tm_isdst = -1;
		return mktime(&tm);
	} else if (*p != 'Z')
		return -1;
	return timegm(&tm) - offset;
}

/* "" when not locked now, else "YYYY-MM-DD HH:MM" as stored. */
static void locked_text(const lf_user *u, char *buf, size_t len)
{
	buf[0] = '\0';
	if (!u->locked_until[0])
		return;
	time_t until = iso_time(u->locked_until);
	if (until != -1 && (long long)until <= lf_clock_now())
		return;
	snprintf(buf, len, "%.16s", u->locked_until);
	char *t = strchr(buf, 'T');
	if (t)
		*t = ' ';
}

static int user_row(const lf_user *u, void *ud)
{
	table *t = ud;
	char roles[128], locked[32];
	lf_roles_format(u->roles, false, roles, sizeof roles);
	locked_text(u, locked, sizeof locked);
	table_add(t, u->login);
	table_add(t, u->name);
	table_add(t, u->title ? u->title : "-");
	table_add(t, u->unit_name ? u->unit_name : "-");
	table_add(t, roles);
	table_add(t, u->active ? _("yes") : _("no"));
	table_add(t, locked[0] ? locked : _("no"));
	return t->oom ? 1 : 0;
}

int lf_cli_user_list(lf_store *st, const lf_user *actor, FILE *out, FILE *err)
{
	table t = {.ncols = 7};
	table_add(&t, _("Login"));
	table_add(&t, _("Name"));
	table_add(&t, _("Title"));
	table_add(&t, _("Unit"));
	table_add(&t, _("Roles"));
	table_add(&t, _("Active"));
	table_add(&t, _("Locked until"));
	char msg[512] = "";
	lf_store_err e = lf_people_each_user(st, actor, user_row, &t, msg, sizeof msg);
	return table_finish(&t, st, e, msg, out, err);
}

int lf_cli_user_add(lf_store *st, const lf_user *actor, const char *login, const char *name,
                    const char *roles, const char *unit, const char *title, FILE *pw_in, FILE *out,
                    FILE *err)
{
	/* Refused before a password is asked for. */
	if (!lf_cli_allowed(actor, LF_PERM_ADMINISTER, err))
		return 1;
	unsigned mask = 0;
	char bad[64] = "";
	if (!roles || !lf_roles_parse(roles, &mask, bad, sizeof bad)) {
		fprintf(err, _("laifang: unknown role \"%s\" (roles: clerk leader supervisor handler archivist admin)\n"),
		        bad);
		return 1;
	}
	char why[256];
	if (!lf_login_acceptable(login, why, sizeof why)) {
		fprintf(err, "laifang: %s\n", why);
		return 1;
	}
	int rc;
	char *pw = lf_cli_new_password(login, pw_in, err, &rc);
	if (!pw)
		return rc;
	char msg[256] = "";
	lf_store_err e = lf_people_add_user(st, actor, login, name, title, unit, mask, pw, msg, sizeof msg);
	lf_password_free(pw);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, _("user %s added\n"), login);
	return 0;
}

int lf_cli_user_passwd(lf_store *st, const lf_user *actor, const char *login, FILE *pw_in, FILE *out,
                       FILE *err)
{
	/* Anyone for themselves, an administrator for anyone: say no before
	 * asking for the password. */
	bool self = actor && actor->login && !strcmp(actor->login, login);
	if (!self && !lf_cli_allowed(actor, LF_PERM_ADMINISTER, err))
		return 1;
	int rc;
	char *pw = lf_cli_new_password(login, pw_in, err, &rc);
	if (!pw)
		return rc;
	char msg[256] = "";
	lf_store_err e = lf_people_set_password(st, actor, login, pw, msg, sizeof msg);
	lf_password_free(pw);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, _("password of %s changed\n"), login);
	return 0;
}

int lf_cli_user_set_active(lf_store *st, const lf_user *actor, const char *login, bool active, FILE *out,
                           FILE *err)
{
	char msg[256] = "";
	lf_store_err e = lf_people_set_active(st, actor, login, active, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, active ? _("user %s enabled\n") : _("user %s disabled\n"), login);
	return 0;
}

int lf_cli_user_unlock(lf_store *st, const lf_user *actor, const char *login, FILE *out, FILE *err)
{
	char msg[256] = "";
	lf_store_err e = lf_people_unlock(st, actor, login, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, _("user %s unlocked\n"), login);
	return 0;
}

int lf_cli_user_portfolio(lf_store *st, const lf_user *actor, const char *login, const char *portfolio, FILE *out,
                          FILE *err)
{
	char msg[256] = "";
	lf_store_err e = lf_people_set_portfolio(st, actor, login, portfolio, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	fprintf(out, _("user %s: 分管工作 set\n"), login);
	return 0;
}

/* ---- units ---- */

int lf_cli_unit_add(lf_store *st, const lf_user *actor, const char *name, const char *kind, FILE *out,
                    FILE *err)
{
	char msg[256] = "";
	lf_store_err e = lf_people_add_unit(st, actor, name, kind, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	char shown[256];
	fprintf(out, _("unit %s added\n"), lf_text_echo(shown, sizeof shown, name));
	return 0;
}

static int unit_row(const lf_unit *u, void *ud)
{
	table *t = ud;
	const char *label = lf_unit_kind_label(u->kind);
	table_add(t, u->name);
	table_add(t, u->kind);
	table_add(t, label ? label : "-");
	table_add(t, u->active ? _("yes") : _("no"));
	return t->oom ? 1 : 0;
}

int lf_cli_unit_list(lf_store *st, const lf_user *actor, FILE *out, FILE *err)
{
	table t = {.ncols = 4};
	table_add(&t, _("Unit"));
	table_add(&t, _("Kind"));
	table_add(&t, _("Kind (label)"));
	table_add(&t, _("Active"));
	char msg[512] = "";
	lf_store_err e = lf_people_each_unit(st, actor, unit_row, &t, msg, sizeof msg);
	return table_finish(&t, st, e, msg, out, err);
}

/* ---- settings ---- */

int lf_cli_config_set(lf_store *st, const lf_user *actor, const char *key, const char *value, FILE *out,
                      FILE *err)
{
	char msg[256] = "";
	lf_store_err e = lf_setting_set(st, actor, key, value, msg, sizeof msg);
	if (e != LF_STORE_OK)
		return lf_cli_fail(st, e, msg, err);
	const lf_setting_def *d = lf_setting_find(key);
	if (d && d->text_def) {
		char v[LF_SETTING_VALUE_MAX];
		lf_setting_text(st, key, v, sizeof v);
		fprintf(out, "%s = %s\n", key, v);
	} else
		fprintf(out, "%s = %d\n", key, lf_setting(st, key));
	return 0;
}

int lf_cli_config_list(lf_store *st, const lf_user *actor, FILE *out, FILE *err)
{
	if (!actor) {
		fprintf(err, "%s\n", _("laifang: not logged in"));
		return 1;
	}
	table t = {.ncols = 3};
	size_t n;
	const lf_setting_def *settings = lf_settings(&n);
	for (size_t i = 0; i < n; i++) {
		char v[LF_SETTING_VALUE_MAX];
		if (settings[i].text_def)
			lf_setting_text(st, settings[i].key, v, sizeof v);
		else
			snprintf(v, sizeof v, "%d", lf_setting(st, settings[i].key));
		table_add(&t, settings[i].key);
		table_add(&t, v);
		table_add(&t, _(settings[i].what));
	}
	return table_finish(&t, st, LF_STORE_OK, "", out, err);
}
