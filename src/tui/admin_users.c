/* The users list (administration): who may log in, with which roles, in
 * which unit. Add, change, deactivate / reactivate, new password, unlock;
 * each goes through core (people.h), which checks LF_PERM_ADMINISTER and the
 * input before the store is called. Nobody is ever deleted. The form for
 * add / change / new password is admin_user_form.c. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/office.h"
#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/people.h"
#include "laifang/text.h"

typedef struct users {
	lf_tui *t;
	lf_list l; /* of lf_user */
	char now[LF_TIMESTAMP_LEN];
	char msg[512];
	lf_msg_kind msg_kind;
} users;

/* ---- the list ---------------------------------------------------------- */

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int add_row(const lf_user *u, void *ud)
{
	users *l = ud;
	lf_user *c = lf_list_push(&l->l);
	if (!c)
		return 1;
	*c = *u; /* the fixed-size members; the strings are the store's: copy them */
	c->login = dup_or_null(u->login);
	c->name = dup_or_null(u->name);
	c->title = dup_or_null(u->title);
	c->unit_name = dup_or_null(u->unit_name);
	return 0;
}

static void row_free(void *p)
{
	lf_user_free(p);
}

/* Reload, keeping the selection on keep (a login) when it is still there. */
static void load(users *l, const char *keep)
{
	char *want = dup_or_null(keep);
	lf_list_clear(&l->l);
	lf_timestamp_now(l->now, sizeof l->now);
	if (lf_people_each_user(l->t->st, l->t->me, add_row, l, NULL, 0) != LF_STORE_OK) {
		snprintf(l->msg, sizeof l->msg, "%s", lf_office_errmsg(l->t->st));
		l->msg_kind = LF_MSG_ERROR;
	}
	for (size_t i = 0; want && i < l->l.n; i++) {
		const lf_user *u = lf_list_at(&l->l, i);
		if (u->login && !strcmp(u->login, want))
			l->l.sel = i;
	}
	free(want);
	lf_list_clamp(&l->l);
}

/* Locked while locked_until lies ahead. Both stamps are local time written
 * the same way by lf_timestamp_now, so they compare as text. */
static bool is_locked(const users *l, const lf_user *u)
{
	return u->locked_until[0] && strcmp(u->locked_until, l->now) > 0;
}

static const char *state_label(const users *l, const lf_user *u)
{
	if (!u->active)
		return _("inactive");
	if (is_locked(l, u))
		return _("locked");
	return _("active");
}

static int state_width(void)
{
	const char *words[] = {_("active"), _("inactive"), _("locked"), _("State")};
	int w = 4;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (lf_text_width(words[i]) > w)
			w = lf_text_width(words[i]);
	return w > 10 ? 10 : w;
}

static const char *cell(void *ctx, const void *row, size_t col, char *buf, size_t len, int *attr)
{
	(void)attr;
	const lf_user *u = row;
	switch (col) {
	case 0:
		return u->login;
	case 1:
		return u->name;
	case 2:
		return u->title;
	case 3:
		return u->unit_name;
	case 4:
		lf_roles_format(u->roles, true, buf, len);
		return buf;
	default:
		return state_label(ctx, u);
	}
}

/* A deactivated user is dimmed. */
static int row_attr(void *ctx, const void *row)
{
	(void)ctx;
	return ((const lf_user *)row)->active ? 0 : A_DIM;
}

static void draw(void *ctx)
{
	users *l = ctx;
	erase();
	char line[256];
	snprintf(line, sizeof line, _("laifang · administration · users · %s"),
	         l->t->me && l->t->me->login ? l->t->me->login : l->t->user);
	lf_draw_title(line);
	snprintf(line, sizeof line, _("Users: %zu"), l->l.n);
	lf_draw_bold(1, line);
	/* Login 12, name 10, title 10, unit 14, the state as wide as its words;
	 * the roles take the rest. */
	lf_list_col cols[] = {{N_("Login"), 12}, {N_("Name"), 10}, {N_("Title"), 10},
	                      {N_("Unit"), 14},  {N_("Roles"), 0}, {N_("State"), state_width()}};
	l->l.cols = cols;
	l->l.ncols = sizeof cols / sizeof cols[0];
	lf_list_draw(&l->l);
	l->l.cols = NULL;
	lf_draw_foot(l->msg, l->msg_kind, LF_S_ADMIN);
}

/* ---- the list loop ------------------------------------------------------- */

static void toggle_active(users *l, const lf_user *u)
{
	char q[512], why[512] = "";
	bool to = !u->active;
	const char *name = u->name ? u->name : "";
	if (!u->login)
		return;
	if (to)
		snprintf(q, sizeof q, _("Reactivate %s (%s)? They can log in again."), name, u->login);
	else
		snprintf(q, sizeof q, _("Deactivate %s (%s)? They can no longer log in; their records stay."), name,
		         u->login);
	if (!lf_dialog_confirm(q, false))
		return;
	char *login = strdup(u->login);
	if (!login)
		return;
	if (lf_people_set_active(l->t->st, l->t->me, login, to, why, sizeof why) == LF_STORE_OK) {
		snprintf(l->msg, sizeof l->msg, to ? _("%s is active again.") : _("%s is deactivated."), login);
		l->msg_kind = LF_MSG_OK;
	} else {
		snprintf(l->msg, sizeof l->msg, "%s", why[0] ? why : lf_office_errmsg(l->t->st));
		l->msg_kind = LF_MSG_ERROR;
	}
	load(l, login);
	free(login);
}

static void unlock(users *l, const lf_user *u)
{
	char why[512] = "";
	char *login = u->login ? strdup(u->login) : NULL;
	if (!login)
		return;
	if (!is_locked(l, u) && !u->failed_logins) {
		snprintf(l->msg, sizeof l->msg, _("%s is not locked."), login);
		l->msg_kind = LF_MSG_NOTE;
	} else if (lf_people_unlock(l->t->st, l->t->me, login, why, sizeof why) == LF_STORE_OK) {
		snprintf(l->msg, sizeof l->msg, _("%s is unlocked."), login);
		l->msg_kind = LF_MSG_OK;
	} else {
		snprintf(l->msg, sizeof l->msg, "%s", why[0] ? why : lf_office_errmsg(l->t->st));
		l->msg_kind = LF_MSG_ERROR;
	}
	load(l, login);
	free(login);
}

static bool act(void *ctx, lf_action a)
{
	users *l = ctx;
	lf_tui *t = l->t;
	lf_user *u = lf_list_current(&l->l);
	char done[512] = "", saved[64] = "";
	char *keep = NULL;
	switch (a) {
	case LF_A_UNITS:
		keep = u && u->login ? strdup(u->login) : NULL;
		lf_admin_units_run(t);
		load(l, keep);
		free(keep);
		break;
	case LF_A_NEW:
	case LF_A_OPEN:
	case LF_A_EDIT:
	case LF_A_PASSWORD:
		if (a != LF_A_NEW && !u)
			break;
		keep = u && u->login ? strdup(u->login) : NULL;
		if (lf_user_form_run(t, a == LF_A_NEW ? LF_USER_ADD : a == LF_A_PASSWORD ? LF_USER_PASSWORD : LF_USER_EDIT,
		                     a == LF_A_NEW ? NULL : u, done, sizeof done, saved, sizeof saved)) {
			snprintf(l->msg, sizeof l->msg, "%s", done);
			l->msg_kind = LF_MSG_OK;
		}
		load(l, saved[0] ? saved : keep);
		free(keep);
		break;
	case LF_A_ACTIVE:
		if (u)
			toggle_active(l, u);
		break;
	case LF_A_UNLOCK:
		if (u)
			unlock(l, u);
		break;
	default:
		break;
	}
	return false;
}

void lf_admin_users_run(lf_tui *t)
{
	char why[512];
	if (!lf_require(t->me, LF_PERM_ADMINISTER, why, sizeof why)) {
		lf_dialog_text(_("Administration"), why);
		return;
	}
	users l = {.t = t};
	l.l = (lf_list){.row_size = sizeof(lf_user), .x0 = 1, .margin = 1, .y = 2, .ctx = &l, .cell = cell,
	                .row_attr = row_attr, .row_free = row_free};
	load(&l, NULL);
	lf_list_screen s = {.t = t, .l = &l.l, .screen = LF_S_ADMIN, .draw = draw, .ctx = &l, .msg = l.msg,
	                    .msglen = sizeof l.msg, .msg_kind = &l.msg_kind,
	                    .help_title = _("Keys of the users list"), .act = act};
	lf_list_run(&s);
	lf_list_clear(&l.l);
}
