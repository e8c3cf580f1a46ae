/* The users list (administration): who may log in, with which roles, in
 * which unit. Add, change, deactivate / reactivate, new password, unlock;
 * each goes through core (people.h), which checks LF_PERM_ADMINISTER and the
 * input before the store is called. Nobody is ever deleted. */
#include "tui_internal.h"

#include <sodium.h>
#include <stdint.h>
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

/* ---- the form: add, change, new password ---------------------------------- */

enum { F_LOGIN, F_NAME, F_TITLE, F_UNIT, F_ROLES, F_PW1, F_PW2, F_COUNT };
typedef enum { UF_ADD, UF_EDIT, UF_PASSWORD } uf_mode;

/* A list over the form: one choice (units) or several (roles, Space ticks). */
typedef struct picker {
	const char *title;
	const char **items;
	size_t n, sel, top;
	bool *ticks; /* NULL: pick one */
} picker;

typedef struct uform {
	lf_tui *t;
	uf_mode mode;
	const char *heading;
	lf_form_def def;
	lf_field_def fields[F_COUNT];
	int at[F_COUNT];            /* index of each field in def, -1 when absent */
	char **units;               /* active unit names: the unit field's choices */
	size_t n_units;
	unsigned roles;
	lf_textbuf secret[2];       /* the passwords, never drawn */
	picker *pk;
	char **initial;             /* the values the form opened with */
	unsigned roles0;
	char saved_login[64];       /* the login that was saved */
	char msg[512];
	lf_msg_kind msg_kind;
	lf_form_view v;
} uform;

static void say(uform *f, lf_msg_kind kind, const char *text)
{
	snprintf(f->msg, sizeof f->msg, "%s", text ? text : "");
	f->msg_kind = kind;
}

static int add_unit(const lf_unit *u, void *ud)
{
	uform *f = ud;
	if (!u->active || !u->name)
		return 0;
	char **r = realloc(f->units, (f->n_units + 1) * sizeof *r);
	if (!r)
		return 1;
	f->units = r;
	f->units[f->n_units] = strdup(u->name);
	if (f->units[f->n_units])
		f->n_units++;
	return 0;
}

/* The field definitions are built here, not read from a .form file; the
 * strings are ours and live as long as the form, so the casts are safe. */
static void add_field(uform *f, int which, const char *label, lf_field_kind kind, int width, size_t max,
                      bool readonly)
{
	lf_field_def *d = &f->fields[f->def.n_fields];
	memset(d, 0, sizeof *d);
	d->id = (char *)"";
	d->label = (char *)label;
	d->kind = kind;
	d->width = width;
	d->height = 1;
	d->max_chars = max;
	d->readonly = readonly;
	f->at[which] = (int)f->def.n_fields++;
}

static void roles_show(uform *f)
{
	char buf[256];
	lf_roles_format(f->roles, true, buf, sizeof buf);
	lf_form_view_set(&f->v, (size_t)f->at[F_ROLES], buf);
}

static void uform_init(uform *f, lf_tui *t, uf_mode mode, const lf_user *u)
{
	memset(f, 0, sizeof *f);
	f->t = t;
	f->mode = mode;
	for (int i = 0; i < F_COUNT; i++)
		f->at[i] = -1;
	f->def.fields = f->fields;
	f->def.id = (char *)"user";
	f->heading = mode == UF_ADD ? _("Add a user") : mode == UF_EDIT ? _("Change a user") : _("New password");
	f->def.title = (char *)f->heading;
	add_field(f, F_LOGIN, _("Login"), LF_FIELD_TEXT, 24, 32, mode != UF_ADD);
	add_field(f, F_NAME, _("Name"), LF_FIELD_TEXT, 24, 40, mode == UF_PASSWORD);
	if (mode != UF_PASSWORD) {
		add_field(f, F_TITLE, _("Title"), LF_FIELD_TEXT, 24, 40, false);
		add_field(f, F_UNIT, _("Unit"), LF_FIELD_CHOICE, 30, 100, false);
		add_field(f, F_ROLES, _("Roles"), LF_FIELD_CHOICE, 60, 200, false);
	}
	if (mode != UF_EDIT) {
		add_field(f, F_PW1, mode == UF_ADD ? _("Initial password") : _("New password"), LF_FIELD_TEXT, 24,
		          256, false);
		add_field(f, F_PW2, _("Password again"), LF_FIELD_TEXT, 24, 256, false);
		/* Room for the longest password at once, so typing never moves the
		 * text (a realloc would leave a copy behind that is not wiped). */
		char room[257];
		memset(room, 'x', 256);
		room[256] = '\0';
		for (int i = 0; i < 2; i++) {
			lf_textbuf_init(&f->secret[i], 256, false);
			lf_textbuf_set_utf8(&f->secret[i], room);
			lf_textbuf_clear(&f->secret[i]);
		}
	}
	lf_store_unit_each(t->st, add_unit, f);
	if (f->at[F_UNIT] >= 0) {
		f->fields[f->at[F_UNIT]].choices = f->units;
		f->fields[f->at[F_UNIT]].n_choices = f->n_units;
	}
	lf_form_view_init(&f->v, &f->def, false);
	if (u) {
		f->roles = u->roles;
		lf_form_view_set(&f->v, (size_t)f->at[F_LOGIN], u->login);
		lf_form_view_set(&f->v, (size_t)f->at[F_NAME], u->name);
		if (f->at[F_TITLE] >= 0)
			lf_form_view_set(&f->v, (size_t)f->at[F_TITLE], u->title);
		if (f->at[F_UNIT] >= 0)
			lf_form_view_set(&f->v, (size_t)f->at[F_UNIT], u->unit_name);
	}
	if (f->at[F_ROLES] >= 0) {
		roles_show(f);
		lf_form_view_note(&f->v, (size_t)f->at[F_ROLES], _("Space: choose"));
		lf_form_view_note(&f->v, (size_t)f->at[F_UNIT], _("Enter: choose"));
	}
	for (int i = F_PW1; i <= F_PW2; i++)
		if (f->at[i] >= 0)
			lf_form_view_note(&f->v, (size_t)f->at[i], _("(not shown)"));
	f->initial = lf_form_view_values(&f->v);
	f->roles0 = f->roles;
	lf_form_view_focus(&f->v, 0);
	if (!lf_form_view_editable(&f->v, 0))
		lf_form_view_focus_next(&f->v, 1);
}

static void secret_wipe(lf_textbuf *tb)
{
	if (tb->text)
		sodium_memzero(tb->text, tb->cap * sizeof *tb->text);
	lf_textbuf_free(tb);
}

static void uform_free(uform *f)
{
	lf_form_values_free(f->initial, f->def.n_fields);
	lf_form_view_free(&f->v);
	for (size_t i = 0; i < f->n_units; i++)
		free(f->units[i]);
	free(f->units);
	if (f->mode != UF_EDIT) {
		secret_wipe(&f->secret[0]);
		secret_wipe(&f->secret[1]);
	}
}

/* A box drawn straight onto stdscr, so the screen stack redraws it too. */
static void draw_box(int y, int x, int h, int w)
{
	for (int r = 0; r < h; r++)
		lf_draw_blank(stdscr, y + r, x, w);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y, x, ACS_ULCORNER);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
}

static const char *picker_hint(const picker *p)
{
	return p->ticks ? _("Space: tick   Enter: done   Esc: cancel") : _("Enter: choose   Esc: cancel");
}

static void draw_picker(picker *p)
{
	int w = lf_text_width(p->title) + 6;
	if (lf_text_width(picker_hint(p)) + 4 > w)
		w = lf_text_width(picker_hint(p)) + 4;
	for (size_t i = 0; i < p->n; i++) {
		int iw = lf_text_width(p->items[i]) + 10;
		if (iw > w)
			w = iw;
	}
	if (w < 30)
		w = 30;
	if (w > COLS - 4)
		w = COLS - 4;
	int rows = (int)p->n, maxrows = LINES - 8;
	if (rows > maxrows)
		rows = maxrows;
	if (rows < 1)
		rows = 1;
	int h = rows + 4, y = (LINES - h) / 2, x = (COLS - w) / 2;
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + (size_t)rows)
		p->top = p->sel - (size_t)rows + 1;
	attron(COLOR_PAIR(LF_C_NOTE));
	draw_box(y, x, h, w);
	attron(A_BOLD);
	lf_draw_text(stdscr, y, x + 2, p->title, w - 4);
	attroff(A_BOLD);
	for (int k = 0; k < rows && p->top + (size_t)k < p->n; k++) {
		size_t i = p->top + (size_t)k;
		if (i == p->sel)
			attron(COLOR_PAIR(LF_C_SELECT));
		lf_draw_blank(stdscr, y + 1 + k, x + 1, w - 2);
		int cx = x + 2;
		if (p->ticks)
			cx += lf_draw_text(stdscr, y + 1 + k, cx, p->ticks[i] ? "[x] " : "[ ] ", 4);
		lf_draw_text(stdscr, y + 1 + k, cx, p->items[i], x + w - 2 - cx);
		attroff(COLOR_PAIR(LF_C_SELECT));
		attron(COLOR_PAIR(LF_C_NOTE));
	}
	lf_draw_text(stdscr, y + h - 2, x + 2, picker_hint(p), w - 4);
	attroff(COLOR_PAIR(LF_C_NOTE));
	curs_set(0);
}

static void uform_draw(void *ctx)
{
	uform *f = ctx;
	erase();
	attron(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	lf_draw_blank(stdscr, 0, 0, COLS);
	lf_draw_text(stdscr, 0, 1, f->heading, COLS - 2);
	attroff(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	lf_draw_message(f->msg, f->msg_kind);
	lf_draw_keybar(LF_S_SHEET);
	lf_form_view_draw(&f->v, 2, LINES - 4);
	if (f->pk)
		draw_picker(f->pk);
}

/* Run a picker over the form: true when confirmed (p->sel, p->ticks). */
static bool pick(uform *f, picker *p)
{
	f->pk = p;
	bool done = false, ok = false;
	while (!done && !f->t->quit) {
		lf_redraw_all();
		wint_t key;
		int kind = lf_read_key(&key, -1);
		if (kind == ERR)
			continue;
		if (kind == KEY_CODE_YES) {
			if (key == KEY_UP && p->sel > 0)
				p->sel--;
			else if (key == KEY_DOWN && p->sel + 1 < p->n)
				p->sel++;
			else if (key == KEY_PPAGE)
				p->sel = p->sel > 10 ? p->sel - 10 : 0;
			else if (key == KEY_NPAGE)
				p->sel = p->sel + 10 < p->n ? p->sel + 10 : (p->n ? p->n - 1 : 0);
			else if (key == KEY_ENTER || key == KEY_F(2))
				done = ok = true;
			else if (key == KEY_F(10))
				done = true;
		} else if (key == ' ' && p->ticks && p->n) {
			p->ticks[p->sel] = !p->ticks[p->sel];
		} else if (key == '\r' || key == '\n') {
			done = ok = true;
		} else if (key == 27) {
			done = true;
		}
	}
	f->pk = NULL;
	return ok && p->n > 0;
}

static void pick_unit(uform *f)
{
	const char **items = calloc(f->n_units + 1, sizeof *items);
	if (!items)
		return;
	items[0] = _("(none)");
	char *cur = lf_form_view_get(&f->v, (size_t)f->at[F_UNIT]);
	picker p = {.title = _("Unit"), .items = items, .n = f->n_units + 1};
	for (size_t i = 0; i < f->n_units; i++) {
		items[i + 1] = f->units[i];
		if (cur && !strcmp(cur, f->units[i]))
			p.sel = i + 1;
	}
	free(cur);
	if (pick(f, &p))
		lf_form_view_set(&f->v, (size_t)f->at[F_UNIT], p.sel ? f->units[p.sel - 1] : "");
	free(items);
}

static void pick_roles(uform *f)
{
	const char *items[LF_ROLE_COUNT];
	bool ticks[LF_ROLE_COUNT];
	for (int i = 0; i < LF_ROLE_COUNT; i++) {
		items[i] = lf_role_label((lf_role)(1u << i));
		ticks[i] = f->roles & (1u << i);
	}
	picker p = {.title = _("Roles"), .items = items, .n = LF_ROLE_COUNT, .ticks = ticks};
	if (!pick(f, &p))
		return;
	f->roles = 0;
	for (int i = 0; i < LF_ROLE_COUNT; i++)
		if (ticks[i])
			f->roles |= 1u << i;
	roles_show(f);
}

/* Which of our fields has the focus (F_COUNT when none). */
static int focused(const uform *f)
{
	for (int i = 0; i < F_COUNT; i++)
		if (f->at[i] >= 0 && (size_t)f->at[i] == f->v.focus)
			return i;
	return F_COUNT;
}

static void focus(uform *f, int which)
{
	if (f->at[which] >= 0)
		lf_form_view_focus(&f->v, (size_t)f->at[which]);
}

/* Put the cursor on the field a refusal names. Core's refusals start with
 * the field's word ("name: must not be empty"); these are core's words. */
static void focus_named(uform *f, const char *msg)
{
	static const struct {
		int field;
		const char *word;
	} words[] = {
		{F_LOGIN, N_("login")},
		{F_NAME, N_("name")},
		{F_TITLE, N_("title")},
		{F_UNIT, N_("department")},
		{F_ROLES, N_("roles")},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		const char *w = _(words[i].word);
		size_t n = strlen(w);
		if (f->at[words[i].field] >= 0 && !strncmp(msg, w, n) &&
		    (msg[n] == ':' || !strncmp(msg + n, "：", strlen("：")))) {
			focus(f, words[i].field);
			return;
		}
	}
}

static char *value(const uform *f, int which)
{
	if (f->at[which] < 0)
		return NULL;
	char *s = lf_form_view_get(&f->v, (size_t)f->at[which]);
	if (s)
		lf_text_trim(s);
	return s;
}

/* Check and save. True when core took it; otherwise the message line says
 * why and the cursor is on the field, with everything typed kept. */
static bool submit(uform *f, char *done, size_t donelen)
{
	char why[512] = "";
	char *login = value(f, F_LOGIN), *name = value(f, F_NAME), *title = value(f, F_TITLE);
	char *unit = value(f, F_UNIT);
	char *pw1 = NULL, *pw2 = NULL;
	bool ok = false;
	lf_store_err err = LF_STORE_OK;
	if (!login || !name)
		goto out;
	if (f->mode != UF_EDIT) {
		pw1 = lf_textbuf_utf8(&f->secret[0]);
		pw2 = lf_textbuf_utf8(&f->secret[1]);
		if (!pw1 || !pw2)
			goto out;
	}
	if (f->mode == UF_ADD && !lf_login_acceptable(login, why, sizeof why)) {
		focus(f, F_LOGIN);
		goto refused;
	}
	if (f->mode != UF_PASSWORD && !*name) {
		snprintf(why, sizeof why, _("%s: please type the name."), _("Name"));
		focus(f, F_NAME);
		goto refused;
	}
	if (f->mode != UF_PASSWORD && f->roles == 0) {
		snprintf(why, sizeof why, _("%s: a user needs at least one role (Space on the field)."), _("Roles"));
		focus(f, F_ROLES);
		goto refused;
	}
	if (f->mode != UF_EDIT) {
		if (!lf_password_acceptable(pw1, why, sizeof why)) {
			focus(f, F_PW1);
			goto refused;
		}
		if (strcmp(pw1, pw2)) {
			snprintf(why, sizeof why, "%s", _("The two passwords differ; please type them again."));
			focus(f, F_PW2);
			goto refused;
		}
	}
	const lf_user *me = f->t->me;
	if (f->mode == UF_ADD) {
		err = lf_people_add_user(f->t->st, me, login, name, title && *title ? title : NULL, *unit ? unit : NULL,
		                         f->roles, pw1, why, sizeof why);
		snprintf(done, donelen, _("User %s (%s) added."), name, login);
	} else if (f->mode == UF_EDIT) {
		err = lf_people_update_user(f->t->st, me, login, name, title, unit, &f->roles, why, sizeof why);
		snprintf(done, donelen, _("User %s (%s) changed."), name, login);
	} else {
		err = lf_people_set_password(f->t->st, me, login, pw1, why, sizeof why);
		snprintf(done, donelen, _("A new password is set for %s (%s)."), name, login);
	}
	if (err == LF_STORE_OK) {
		snprintf(f->saved_login, sizeof f->saved_login, "%s", login);
		ok = true;
		goto out;
	}
	if (!why[0])
		snprintf(why, sizeof why, "%s", lf_store_errmsg(f->t->st));
	if (err == LF_STORE_CONFLICT)
		focus(f, F_LOGIN);
	else
		focus_named(f, why);
refused:
	say(f, LF_MSG_ERROR, why);
out:
	if (pw1) {
		sodium_memzero(pw1, strlen(pw1));
		free(pw1);
	}
	if (pw2) {
		sodium_memzero(pw2, strlen(pw2));
		free(pw2);
	}
	free(login);
	free(name);
	free(title);
	free(unit);
	return ok;
}

/* True when anything differs from what the form opened with. */
static bool typed_anything(uform *f)
{
	if (f->mode != UF_EDIT && (f->secret[0].len || f->secret[1].len))
		return true;
	if (f->roles != f->roles0)
		return true;
	for (size_t i = 0; i < f->def.n_fields; i++) {
		char *now = lf_form_view_get(&f->v, i);
		bool same = now && f->initial && f->initial[i] && !strcmp(now, f->initial[i]);
		free(now);
		if (!same)
			return true;
	}
	return false;
}

/* A password field takes keys into its hidden buffer. */
static void edit_secret(lf_textbuf *tb, lf_action a, wint_t ch)
{
	switch (a) {
	case LF_A_BACKSPACE:
		lf_textbuf_backspace(tb);
		break;
	case LF_A_DELETE:
		lf_textbuf_delete(tb);
		break;
	case LF_A_KILL_START:
	case LF_A_KILL_END:
		lf_textbuf_clear(tb);
		break;
	case LF_A_NONE:
		lf_textbuf_insert(tb, (wchar_t)ch);
		break;
	default:
		break;
	}
}

/* The form loop; true when saved (done says what happened). */
static bool user_form(lf_tui *t, uf_mode mode, const lf_user *u, char *done, size_t donelen, char *login_out,
                      size_t login_len)
{
	uform *f = calloc(1, sizeof *f);
	if (!f)
		return false;
	uform_init(f, t, mode, u);
	lf_tui_push(uform_draw, f);
	bool saved = false, leave = false;
	while (!leave && !t->quit) {
		lf_redraw_all();
		wint_t key;
		int kind = lf_read_key(&key, -1);
		if (kind == ERR)
			continue;
		lf_action a = lf_key_action(kind, key, LF_S_SHEET);
		bool enter = (kind == OK && (key == '\r' || key == '\n')) || (kind == KEY_CODE_YES && key == KEY_ENTER);
		int which = focused(f);
		f->msg[0] = '\0';
		if (which == F_UNIT && enter) {
			pick_unit(f);
			continue;
		}
		if (which == F_ROLES && (enter || (a == LF_A_NONE && key == ' '))) {
			pick_roles(f);
			continue;
		}
		switch (a) {
		case LF_A_SAVE:
			saved = leave = submit(f, done, donelen);
			break;
		case LF_A_NEXT_FIELD:
		case LF_A_DOWN:
			/* Enter on the last field saves, as a form on paper is handed over. */
			if (!lf_form_view_focus_next(&f->v, 1) && enter)
				saved = leave = submit(f, done, donelen);
			break;
		case LF_A_PREV_FIELD:
		case LF_A_UP:
			lf_form_view_focus_next(&f->v, -1);
			break;
		case LF_A_BACK:
			if (!typed_anything(f) || lf_dialog_confirm(_("Leave without saving? What was typed is dropped."), false))
				leave = true;
			break;
		case LF_A_QUIT:
			if (!typed_anything(f) || lf_dialog_confirm(_("Quit laifang without saving this form?"), false))
				t->quit = true;
			break;
		case LF_A_HELP: {
			char *keys = lf_keys_help(LF_S_SHEET);
			const char *about = _("Unit: Enter opens the list of units. Roles: Space or Enter opens the six "
			                      "roles; Space ticks one. Passwords are never shown. F2 saves; Enter on "
			                      "the last field saves too.");
			size_t len = strlen(about) + (keys ? strlen(keys) : 0) + 3;
			char *text = malloc(len);
			if (text)
				snprintf(text, len, "%s\n\n%s", about, keys ? keys : "");
			lf_dialog_text(f->heading, text ? text : about);
			free(text);
			free(keys);
			break;
		}
		default:
			if (which == F_ROLES)
				break;
			if (which == F_PW1 || which == F_PW2) {
				if (a == LF_A_NONE && kind == KEY_CODE_YES)
					break;
				edit_secret(&f->secret[which - F_PW1], a, key);
			} else if (a != LF_A_NONE || kind == OK) {
				if (a == LF_A_NONE && kind == KEY_CODE_YES)
					break;
				lf_form_view_edit(&f->v, a, key);
			}
			break;
		}
	}
	lf_tui_pop();
	if (saved)
		snprintf(login_out, login_len, "%s", f->saved_login);
	uform_free(f);
	free(f);
	return saved;
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
			if (user_form(t, a == LF_A_NEW ? UF_ADD : a == LF_A_PASSWORD ? UF_PASSWORD : UF_EDIT,
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
