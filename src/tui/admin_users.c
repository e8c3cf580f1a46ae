/* The users list (administration): who may log in, with which roles, in
 * which unit. Add, change, deactivate / reactivate, new password, unlock;
 * each goes through core (people.h), which checks LF_PERM_ADMINISTER and the
 * input before the store is called. Nobody is ever deleted. The form for
 * add / change / new password is admin_user_form.c. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/people.h"
#include "laifang/text.h"

typedef struct users {
	lf_tui *t;
	lf_user *rows;
	size_t n, cap;
	size_t sel, top;
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
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		lf_user *r = realloc(l->rows, cap * sizeof *r);
		if (!r)
			return 1;
		l->rows = r;
		l->cap = cap;
	}
	lf_user *c = &l->rows[l->n++];
	*c = *u; /* the fixed-size members; the strings are the store's: copy them */
	c->login = dup_or_null(u->login);
	c->name = dup_or_null(u->name);
	c->title = dup_or_null(u->title);
	c->unit_name = dup_or_null(u->unit_name);
	return 0;
}

static void rows_free(users *l)
{
	for (size_t i = 0; i < l->n; i++)
		lf_user_free(&l->rows[i]);
	free(l->rows);
	l->rows = NULL;
	l->n = l->cap = 0;
}

/* Reload, keeping the selection on keep (a login) when it is still there. */
static void load(users *l, const char *keep)
{
	char *want = dup_or_null(keep);
	rows_free(l);
	lf_timestamp_now(l->now, sizeof l->now);
	if (lf_store_user_each(l->t->st, add_row, l) != LF_STORE_OK) {
		snprintf(l->msg, sizeof l->msg, "%s", lf_store_errmsg(l->t->st));
		l->msg_kind = LF_MSG_ERROR;
	}
	for (size_t i = 0; want && i < l->n; i++)
		if (l->rows[i].login && !strcmp(l->rows[i].login, want))
			l->sel = i;
	free(want);
	if (l->sel >= l->n)
		l->sel = l->n ? l->n - 1 : 0;
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

static int list_rows(void)
{
	return LINES - 6;
}

static void draw(void *ctx)
{
	users *l = ctx;
	erase();
	char line[256];
	attron(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	lf_draw_blank(stdscr, 0, 0, COLS);
	snprintf(line, sizeof line, _("laifang · administration · users · %s"),
	         l->t->me && l->t->me->login ? l->t->me->login : l->t->user);
	lf_draw_text(stdscr, 0, 1, line, COLS - 2);
	attroff(COLOR_PAIR(LF_C_TITLE) | A_BOLD);

	snprintf(line, sizeof line, _("Users: %zu"), l->n);
	attron(A_BOLD);
	lf_draw_text(stdscr, 1, 1, line, COLS - 2);
	attroff(A_BOLD);

	/* Login 12, name 10, title 10, unit 14, the state as wide as its words;
	 * the roles take the rest. */
	int sw = state_width();
	int c_login = 1, c_name = 14, c_title = 25, c_unit = 36, c_roles = 51, c_state = COLS - sw - 1;
	attron(COLOR_PAIR(LF_C_LABEL));
	lf_draw_text(stdscr, 2, c_login, _("Login"), 12);
	lf_draw_text(stdscr, 2, c_name, _("Name"), 10);
	lf_draw_text(stdscr, 2, c_title, _("Title"), 10);
	lf_draw_text(stdscr, 2, c_unit, _("Unit"), 14);
	lf_draw_text(stdscr, 2, c_roles, _("Roles"), c_state - c_roles - 1);
	lf_draw_text(stdscr, 2, c_state, _("State"), sw);
	attroff(COLOR_PAIR(LF_C_LABEL));

	int rows = list_rows();
	if (l->sel < l->top)
		l->top = l->sel;
	if (rows > 0 && l->sel >= l->top + (size_t)rows)
		l->top = l->sel - (size_t)rows + 1;
	for (int k = 0; k < rows && l->top + (size_t)k < l->n; k++) {
		size_t i = l->top + (size_t)k;
		const lf_user *u = &l->rows[i];
		int y = 3 + k;
		char roles[256];
		lf_roles_format(u->roles, true, roles, sizeof roles);
		if (i == l->sel) {
			attron(COLOR_PAIR(LF_C_SELECT));
			lf_draw_blank(stdscr, y, 0, COLS);
		} else if (!u->active) {
			attron(A_DIM);
		}
		lf_draw_text(stdscr, y, c_login, u->login, 12);
		lf_draw_text(stdscr, y, c_name, u->name, 10);
		lf_draw_text(stdscr, y, c_title, u->title, 10);
		lf_draw_text(stdscr, y, c_unit, u->unit_name, 14);
		lf_draw_text(stdscr, y, c_roles, roles, c_state - c_roles - 1);
		lf_draw_text(stdscr, y, c_state, state_label(l, u), sw);
		attroff(COLOR_PAIR(LF_C_SELECT) | A_DIM);
	}
	lf_draw_message(l->msg, l->msg_kind);
	lf_draw_keybar(LF_S_ADMIN);
	curs_set(0);
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
		snprintf(l->msg, sizeof l->msg, "%s", why[0] ? why : lf_store_errmsg(l->t->st));
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
		snprintf(l->msg, sizeof l->msg, "%s", why[0] ? why : lf_store_errmsg(l->t->st));
		l->msg_kind = LF_MSG_ERROR;
	}
	load(l, login);
	free(login);
}

void lf_admin_users_run(lf_tui *t)
{
	char why[512];
	if (!lf_require(t->me, LF_PERM_ADMINISTER, why, sizeof why)) {
		lf_dialog_text(_("Administration"), why);
		return;
	}
	users l = {.t = t};
	load(&l, NULL);
	lf_tui_push(draw, &l);
	bool leave = false;
	while (!leave && !t->quit) {
		lf_redraw_all();
		wint_t key;
		int kind = lf_read_key(&key, -1);
		if (kind == ERR)
			continue;
		lf_action a = lf_key_action(kind, key, LF_S_ADMIN);
		l.msg[0] = '\0';
		int page = list_rows() > 1 ? list_rows() - 1 : 1;
		lf_user *u = l.n ? &l.rows[l.sel] : NULL;
		char done[512] = "", saved[64] = "";
		char *keep = NULL;
		switch (a) {
		case LF_A_QUIT:
			t->quit = true;
			break;
		case LF_A_BACK:
			leave = true;
			break;
		case LF_A_DOWN:
			if (l.sel + 1 < l.n)
				l.sel++;
			break;
		case LF_A_UP:
			if (l.sel > 0)
				l.sel--;
			break;
		case LF_A_PAGE_DOWN:
			l.sel = l.sel + (size_t)page < l.n ? l.sel + (size_t)page : (l.n ? l.n - 1 : 0);
			break;
		case LF_A_PAGE_UP:
			l.sel = l.sel > (size_t)page ? l.sel - (size_t)page : 0;
			break;
		case LF_A_HOME:
			l.sel = 0;
			break;
		case LF_A_END:
			l.sel = l.n ? l.n - 1 : 0;
			break;
		case LF_A_HELP: {
			char *text = lf_keys_help(LF_S_ADMIN);
			lf_dialog_text(_("Keys of the users list"), text ? text : "");
			free(text);
			break;
		}
		case LF_A_UNITS:
			lf_admin_units_run(t);
			load(&l, u ? u->login : NULL);
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
				snprintf(l.msg, sizeof l.msg, "%s", done);
				l.msg_kind = LF_MSG_OK;
			}
			load(&l, saved[0] ? saved : keep);
			free(keep);
			break;
		case LF_A_ACTIVE:
			if (u)
				toggle_active(&l, u);
			break;
		case LF_A_UNLOCK:
			if (u)
				unlock(&l, u);
			break;
		default:
			break;
		}
	}
	lf_tui_pop();
	rows_free(&l);
}
