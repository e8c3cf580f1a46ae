/* The users list's form: add a user, change one, or set a new password.
 * The unit comes from a picker of the active units, the roles from a
 * checklist; passwords go into hidden buffers that are wiped when freed.
 * Saving goes through core (people.h), which checks LF_PERM_ADMINISTER and
 * the input; a refusal puts the cursor on the field it names. */
#include "tui_internal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/office.h"
#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "laifang/people.h"
#include "laifang/text.h"

enum { F_LOGIN, F_NAME, F_TITLE, F_UNIT, F_ROLES, F_PW1, F_PW2, F_COUNT };

/* A list over the form: one choice (units) or several (roles, Space ticks). */
typedef struct picker {
	const char *title;
	const char **items;
	size_t n, sel, top;
	bool *ticks; /* NULL: pick one */
} picker;

typedef struct uform {
	lf_tui *t;
	lf_user_form_mode mode;
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
	char *done;                 /* what happened, for the list's message line */
	size_t donelen;
	lf_form_view v;
	lf_form_screen s;           /* the loop; its msg is the message line */
} uform;

static void say(uform *f, lf_msg_kind kind, const char *text)
{
	snprintf(f->s.msg, sizeof f->s.msg, "%s", text ? text : "");
	f->s.msg_kind = kind;
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

static void uform_init(uform *f, lf_tui *t, lf_user_form_mode mode, const lf_user *u)
{
	memset(f, 0, sizeof *f);
	f->t = t;
	f->mode = mode;
	for (int i = 0; i < F_COUNT; i++)
		f->at[i] = -1;
	f->def.fields = f->fields;
	f->def.id = (char *)"user";
	f->heading = mode == LF_USER_ADD ? _("Add a user") : mode == LF_USER_EDIT ? _("Change a user") : _("New password");
	f->def.title = (char *)f->heading;
	add_field(f, F_LOGIN, _("Login"), LF_FIELD_TEXT, 24, 32, mode != LF_USER_ADD);
	add_field(f, F_NAME, _("Name"), LF_FIELD_TEXT, 24, 40, mode == LF_USER_PASSWORD);
	if (mode != LF_USER_PASSWORD) {
		add_field(f, F_TITLE, _("Title"), LF_FIELD_TEXT, 24, 40, false);
		add_field(f, F_UNIT, _("Unit"), LF_FIELD_CHOICE, 30, 100, false);
		add_field(f, F_ROLES, _("Roles"), LF_FIELD_CHOICE, 60, 200, false);
	}
	if (mode != LF_USER_EDIT) {
		add_field(f, F_PW1, mode == LF_USER_ADD ? _("Initial password") : _("New password"), LF_FIELD_TEXT, 24,
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
	lf_people_each_unit(t->st, t->me, add_unit, f, NULL, 0);
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
	if (f->mode != LF_USER_EDIT) {
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

static void uform_draw_over(void *ctx)
{
	uform *f = ctx;
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

/* now when field k differs from what the form opened with, else NULL. */
static const char *changed(const uform *f, int k, const char *now)
{
	int i = f->at[k];
	if (!now || i < 0 || !f->initial || !f->initial[i])
		return now;
	return strcmp(now, f->initial[i]) ? now : NULL;
}

/* Check and save. True when core took it; otherwise the message line says
 * why and the cursor is on the field, with everything typed kept. */
static bool submit(void *ctx)
{
	uform *f = ctx;
	char *done = f->done;
	size_t donelen = f->donelen;
	char why[512] = "";
	char *login = value(f, F_LOGIN), *name = value(f, F_NAME), *title = value(f, F_TITLE);
	char *unit = value(f, F_UNIT);
	char *pw1 = NULL, *pw2 = NULL;
	bool ok = false;
	lf_store_err err = LF_STORE_OK;
	if (!login || !name)
		goto out;
	if (f->mode != LF_USER_EDIT) {
		pw1 = lf_textbuf_utf8(&f->secret[0]);
		pw2 = lf_textbuf_utf8(&f->secret[1]);
		if (!pw1 || !pw2)
			goto out;
	}
	if (f->mode == LF_USER_ADD && !lf_login_acceptable(login, why, sizeof why)) {
		focus(f, F_LOGIN);
		goto refused;
	}
	if (f->mode != LF_USER_PASSWORD && !*name) {
		snprintf(why, sizeof why, _("%s: please type the name."), _("Name"));
		focus(f, F_NAME);
		goto refused;
	}
	if (f->mode != LF_USER_PASSWORD && f->roles == 0) {
		snprintf(why, sizeof why, _("%s: a user needs at least one role (Space on the field)."), _("Roles"));
		focus(f, F_ROLES);
		goto refused;
	}
	if (f->mode != LF_USER_EDIT) {
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
	if (f->mode == LF_USER_ADD) {
		err = lf_people_add_user(f->t->st, me, login, name, title && *title ? title : NULL, *unit ? unit : NULL,
		                         f->roles, pw1, why, sizeof why);
		snprintf(done, donelen, _("User %s (%s) added."), name, login);
	} else if (f->mode == LF_USER_EDIT) {
		/* Only what this form changed: another administrator's change
		 * of the other fields, saved meanwhile, stays. */
		const char *nm = changed(f, F_NAME, name), *ti = changed(f, F_TITLE, title), *un = changed(f, F_UNIT, unit);
		const unsigned *ro = f->roles != f->roles0 ? &f->roles : NULL;
		if (nm || ti || un || ro) {
			err = lf_people_update_user(f->t->st, me, login, nm, ti, un, ro, why, sizeof why);
			snprintf(done, donelen, _("User %s (%s) changed."), name, login);
		} else {
			snprintf(done, donelen, _("User %s (%s): nothing changed."), name, login);
		}
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
		snprintf(why, sizeof why, "%s", lf_office_errmsg(f->t->st));
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
static bool typed_anything(void *ctx)
{
	const uform *f = ctx;
	if (f->mode != LF_USER_EDIT && (f->secret[0].len || f->secret[1].len))
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

/* Enter on the unit opens the units; Space or Enter on the roles the
 * checklist. */
static bool pick_key(void *ctx, int kind, wint_t key, lf_action a, bool enter)
{
	(void)kind;
	uform *f = ctx;
	int which = focused(f);
	if (which == F_UNIT && enter) {
		pick_unit(f);
		return true;
	}
	if (which == F_ROLES && (enter || (a == LF_A_NONE && key == ' '))) {
		pick_roles(f);
		return true;
	}
	return false;
}

/* Typing on the roles does nothing; on a password it goes to the hidden
 * buffer. */
static bool field_edit(void *ctx, int kind, wint_t key, lf_action a)
{
	uform *f = ctx;
	int which = focused(f);
	if (which == F_ROLES)
		return true;
	if (which != F_PW1 && which != F_PW2)
		return false;
	if (!(a == LF_A_NONE && kind == KEY_CODE_YES))
		edit_secret(&f->secret[which - F_PW1], a, key);
	return true;
}

bool lf_user_form_run(lf_tui *t, lf_user_form_mode mode, const lf_user *u, char *done, size_t donelen,
                      char *login_out, size_t login_len)
{
	uform *f = calloc(1, sizeof *f);
	if (!f)
		return false;
	uform_init(f, t, mode, u);
	f->done = done;
	f->donelen = donelen;
	f->s = (lf_form_screen){
		.v = &f->v,
		.title = f->heading,
		.about = _("Unit: Enter opens the list of units. Roles: Space or Enter opens the six roles; Space ticks "
		           "one. Passwords are never shown. F2 saves; Enter on the last field saves too."),
		.ctx = f,
		.submit = submit,
		.typed = typed_anything,
		.key = pick_key,
		.edit = field_edit,
		.draw_over = uform_draw_over,
	};
	bool saved = lf_form_screen_run(t, &f->s);
	if (saved)
		snprintf(login_out, login_len, "%s", f->saved_login);
	uform_free(f);
	free(f);
	return saved;
}
