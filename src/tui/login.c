/* Who is at the desk: the first administrator of a new database, the login
 * screen, and the idle lock that asks the same person's password again over
 * whatever screen is open. Every check is core's (people.h, auth.h); this
 * file only asks and shows the answer. Passwords live in lf_line_edit boxes
 * (wiped when freed) and are never drawn. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/office.h"
#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/people.h"

#define LOGIN_MAX 32
#define NAME_MAX_CHARS 50
#define PASSWORD_MAX 256

/* Behind the login dialogs: the title row and the key bar. */
static void draw_background(void *ctx)
{
	(void)ctx;
	erase();
	char today[LF_DATE_LEN];
	lf_date_format(lf_date_today(), today);
	char line[256];
	snprintf(line, sizeof line, _("laifang · petition reception desk · %s"), today);
	attron(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	lf_draw_blank(stdscr, 0, 0, COLS);
	lf_draw_text(stdscr, 0, 1, line, COLS - 2);
	attroff(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	lf_draw_keybar(LF_S_LOGIN);
}

static void say(lf_prompt *p, lf_msg_kind kind, const char *text)
{
	snprintf(p->msg, sizeof p->msg, "%s", text ? text : "");
	p->msg_kind = kind;
}

/* A new database: ask for the administrator until one is made. False when
 * the person quits. */
static bool create_admin(lf_tui *t, char *done, size_t done_len, char *made_login, size_t login_len)
{
	const char *labels[] = {_("Login"), _("Name"), _("Password"), _("Password again")};
	lf_line_edit f[4];
	lf_line_init(&f[0], LOGIN_MAX, false);
	lf_line_init(&f[1], NAME_MAX_CHARS, false);
	lf_line_init(&f[2], PASSWORD_MAX, true);
	lf_line_init(&f[3], PASSWORD_MAX, true);
	lf_prompt p = {.title = _("First start: the administrator"),
	               .intro = _("This database has no user yet. Create the administrator."),
	               .labels = labels,
	               .fields = f,
	               .n = 4};
	bool made = false;
	for (;;) {
		if (lf_prompt_run(&p) != LF_PROMPT_OK)
			break;
		char *login = lf_line_text(&f[0]), *name = lf_line_text(&f[1]);
		char *pw = lf_line_text(&f[2]), *pw2 = lf_line_text(&f[3]);
		char why[256];
		if (!login || !name || !pw || !pw2) {
			say(&p, LF_MSG_ERROR, _("Out of memory."));
		} else if (!lf_login_acceptable(login, why, sizeof why)) {
			say(&p, LF_MSG_ERROR, why);
			p.focus = 0;
		} else if (!*name) {
			say(&p, LF_MSG_ERROR, _("Name: please enter the administrator's name."));
			p.focus = 1;
		} else if (!lf_password_acceptable(pw, why, sizeof why)) {
			say(&p, LF_MSG_ERROR, why);
			lf_line_set(&f[2], "");
			lf_line_set(&f[3], "");
			p.focus = 2;
		} else if (strcmp(pw, pw2)) {
			say(&p, LF_MSG_ERROR, _("The two passwords differ; type them again."));
			lf_line_set(&f[2], "");
			lf_line_set(&f[3], "");
			p.focus = 2;
		} else {
			char msg[512];
			lf_store_err e = lf_people_init_admin(t->st, login, name, pw, msg, sizeof msg);
			if (e == LF_STORE_OK) {
				snprintf(done, done_len, _("The administrator %s was created. Log in."), login);
				snprintf(made_login, login_len, "%s", login);
				made = true;
			} else if (e == LF_STORE_CONFLICT) {
				/* Another terminal made the administrator meanwhile: log in. */
				snprintf(done, done_len, "%s", msg[0] ? msg : lf_office_errmsg(t->st));
				made = true;
			} else {
				say(&p, LF_MSG_ERROR, msg[0] ? msg : lf_office_errmsg(t->st));
			}
		}
		if (pw)
			lf_password_free(pw);
		if (pw2)
			lf_password_free(pw2);
		free(login);
		free(name);
		if (made)
			break;
	}
	for (size_t i = 0; i < 4; i++)
		lf_line_free(&f[i]);
	return made;
}

/* The login dialog until a login succeeds (t->me filled) or the person
 * quits. */
static bool log_in(lf_tui *t, const char *first_msg, const char *login0)
{
	const char *labels[] = {_("Login"), _("Password")};
	lf_line_edit f[2];
	lf_line_init(&f[0], LOGIN_MAX, false);
	lf_line_init(&f[1], PASSWORD_MAX, true);
	lf_prompt p = {.title = _("Log in"), .labels = labels, .fields = f, .n = 2};
	if (first_msg && *first_msg)
		say(&p, LF_MSG_OK, first_msg);
	if (login0 && *login0) {
		/* Just created: the login is typed already; the password is asked. */
		lf_line_set(&f[0], login0);
		p.focus = 1;
	}
	bool ok = false;
	for (;;) {
		if (lf_prompt_run(&p) != LF_PROMPT_OK)
			break;
		char *login = lf_line_text(&f[0]), *pw = lf_line_text(&f[1]);
		if (!login || !pw) {
			say(&p, LF_MSG_ERROR, _("Out of memory."));
		} else if (!*login) {
			say(&p, LF_MSG_ERROR, _("Please enter your login."));
			p.focus = 0;
		} else {
			lf_user *u = calloc(1, sizeof *u);
			char msg[512] = "";
			lf_login_result r = u ? lf_login(t->st, login, pw, u, msg, sizeof msg) : LF_LOGIN_ERROR;
			if (r == LF_LOGIN_OK) {
				t->me = u;
				ok = true;
			} else {
				free(u);
				say(&p, LF_MSG_ERROR, msg[0] ? msg : _("The login or the password is wrong."));
				lf_line_set(&f[1], "");
				p.focus = 1;
			}
		}
		if (pw)
			lf_password_free(pw);
		free(login);
		if (ok)
			break;
	}
	lf_line_free(&f[0]);
	lf_line_free(&f[1]);
	return ok;
}

bool lf_login_run(lf_tui *t)
{
	lf_tui_push(draw_background, NULL);
	bool ok = false;
	char done[512] = "", made[LOGIN_MAX * 4 + 1] = "";
	int users = lf_office_user_count(t->st);
	if (users < 0) {
		lf_dialog_text(_("Cannot read the users"), lf_office_errmsg(t->st));
	} else if (users > 0 || create_admin(t, done, sizeof done, made, sizeof made)) {
		ok = log_in(t, done, made);
	}
	lf_tui_pop();
	if (!ok)
		t->quit = true;
	return ok;
}

/* Ask t->me's password again over the open screen: the idle lock, or the
 * session the store ended. On success t->me is the account as it is now. */
static bool ask_again(lf_tui *t, const char *title, const char *why)
{
	if (!t->me)
		return false;
	const char *labels[] = {_("Password")};
	lf_line_edit pw_box;
	lf_line_init(&pw_box, PASSWORD_MAX, true);
	char intro[256];
	snprintf(intro, sizeof intro, _("%s (%s): type your password to go on."), t->me->name ? t->me->name : "",
	         t->me->login ? t->me->login : "");
	lf_prompt p = {.title = title, .intro = intro, .labels = labels, .fields = &pw_box, .n = 1, .blank = true};
	if (why)
		say(&p, LF_MSG_ERROR, why);
	bool ok = false;
	for (;;) {
		if (lf_prompt_run(&p) != LF_PROMPT_OK)
			break;
		char *pw = lf_line_text(&pw_box);
		char msg[512] = "";
		lf_login_result r = pw ? lf_unlock(t->st, t->me, pw, msg, sizeof msg) : LF_LOGIN_ERROR;
		if (pw)
			lf_password_free(pw);
		if (r == LF_LOGIN_OK) {
			t->user = t->me->login; /* lf_unlock gave t->me new strings */
			ok = true;
			break;
		}
		say(&p, LF_MSG_ERROR, msg[0] ? msg : _("The password is wrong."));
		lf_line_set(&pw_box, "");
	}
	lf_line_free(&pw_box);
	return ok;
}

bool lf_lock_run(lf_tui *t)
{
	return ask_again(t, _("Locked: no key for a while"), NULL);
}

bool lf_relogin_run(lf_tui *t)
{
	char why[1024];
	snprintf(why, sizeof why, "%s %s", lf_office_errmsg(t->st),
	         _("What you typed is still here; F10 quits (a sheet is kept as a draft)."));
	return ask_again(t, _("Log in again: your account has changed"), why);
}
