/* The directory of units (administration): the departments of this office
 * and the outside agencies cases go to. Add goes through core
 * (lf_people_add_unit), which checks LF_PERM_ADMINISTER and the input. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/office.h"
#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "laifang/people.h"
#include "laifang/text.h"

static const char *const kinds[] = {"department", "peer", "lower", "discipline", "law"};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

typedef struct units {
	lf_tui *t;
	lf_list l; /* of lf_unit */
	char msg[512];
	lf_msg_kind msg_kind;
} units;

/* The users list and this one share LF_S_ADMIN; of its keys only these mean
 * something here, so only these are in the bar and the help. */
static bool unit_key(lf_action a)
{
	switch (a) {
	case LF_A_HELP:
	case LF_A_NEW:
	case LF_A_UP:
	case LF_A_DOWN:
	case LF_A_PAGE_UP:
	case LF_A_PAGE_DOWN:
	case LF_A_HOME:
	case LF_A_END:
	case LF_A_BACK:
	case LF_A_QUIT:
		return true;
	default:
		return false;
	}
}

static void draw_bar(void)
{
	int y = LINES - 1, x = 0;
	attron(COLOR_PAIR(LF_C_BAR));
	lf_draw_blank(stdscr, y, 0, COLS);
	for (const lf_keydef *k = lf_keys; k->action != LF_A_NONE; k++) {
		if (!k->bar || !(k->screens & LF_S_ADMIN) || !unit_key(k->action))
			continue;
		const char *label = _(k->bar);
		if (x + (int)strlen(k->name) + lf_text_width(label) + 1 > COLS)
			break;
		attron(A_BOLD);
		x += lf_draw_text(stdscr, y, x, k->name, COLS - x);
		attroff(A_BOLD);
		x += lf_draw_text(stdscr, y, x, label, COLS - x) + 1;
	}
	attroff(COLOR_PAIR(LF_C_BAR));
}

static char *help_text(void)
{
	size_t cap = 4096, len = 0;
	char *s = calloc(cap, 1);
	if (!s)
		return NULL;
	for (const lf_keydef *k = lf_keys; k->action != LF_A_NONE; k++) {
		if (!k->name || !k->help || !(k->screens & LF_S_ADMIN) || !unit_key(k->action))
			continue;
		const char *help = k->action == LF_A_NEW ? _("Add a unit") : _(k->help);
		int n = snprintf(s + len, cap - len, "%-10s %s\n", k->name, help);
		if (n < 0 || (size_t)n >= cap - len)
			break;
		len += (size_t)n;
	}
	return s;
}

static int add_row(const lf_unit *u, void *ud)
{
	units *l = ud;
	lf_unit *c = lf_list_push(&l->l);
	if (!c)
		return 1;
	*c = *u;
	c->name = u->name ? strdup(u->name) : NULL;
	return 0;
}

static void row_free(void *p)
{
	lf_unit_free(p);
}

static void load(units *l, const char *keep)
{
	char *want = keep ? strdup(keep) : NULL;
	lf_list_clear(&l->l);
	if (lf_people_each_unit(l->t->st, l->t->me, add_row, l, NULL, 0) != LF_STORE_OK) {
		snprintf(l->msg, sizeof l->msg, "%s", lf_office_errmsg(l->t->st));
		l->msg_kind = LF_MSG_ERROR;
	}
	for (size_t i = 0; want && i < l->l.n; i++) {
		const lf_unit *u = lf_list_at(&l->l, i);
		if (u->name && !strcmp(u->name, want))
			l->l.sel = i;
	}
	free(want);
	lf_list_clamp(&l->l);
}

static const char *cell(void *ctx, const void *row, size_t col, char *buf, size_t len, int *attr)
{
	(void)ctx, (void)buf, (void)len, (void)attr;
	const lf_unit *u = row;
	const char *kind = lf_unit_kind_label(u->kind);
	const char *text[] = {u->name, kind ? kind : u->kind, u->active ? _("active") : _("inactive")};
	return text[col];
}

static void draw(void *ctx)
{
	units *l = ctx;
	erase();
	char line[256];
	snprintf(line, sizeof line, _("laifang · administration · units · %s"),
	         l->t->me && l->t->me->login ? l->t->me->login : l->t->user);
	lf_draw_title(line);
	snprintf(line, sizeof line, _("Units: %zu"), l->l.n);
	lf_draw_bold(1, line);

	/* Kind (as wide as its longest label) and state 6 on the right; the name
	 * takes the rest. */
	int kw = 8;
	for (size_t i = 0; i < N_KINDS; i++) {
		const char *label = lf_unit_kind_label(kinds[i]);
		int w = label ? lf_text_width(label) : 0;
		if (w > kw)
			kw = w > 26 ? 26 : w;
	}
	int sw = 4;
	const char *words[] = {_("active"), _("inactive"), _("State")};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (lf_text_width(words[i]) > sw)
			sw = lf_text_width(words[i]) > 10 ? 10 : lf_text_width(words[i]);
	lf_list_col cols[] = {{N_("Unit name"), 0}, {N_("Kind"), kw}, {N_("State"), sw}};
	l->l.cols = cols;
	l->l.ncols = sizeof cols / sizeof cols[0];
	lf_list_draw(&l->l);
	l->l.cols = NULL;
	lf_draw_message(l->msg, l->msg_kind);
	draw_bar();
	curs_set(0);
}

/* ---- adding a unit ------------------------------------------------------- */

typedef struct uadd {
	lf_tui *t;
	lf_form_def def;
	lf_field_def fields[2];
	char *kind_labels[N_KINDS];
	lf_form_view v;
	lf_form_screen s;
	char *saved; /* the new unit's name */
	size_t savedlen;
} uadd;

/* Save; true when core took it. */
static bool uadd_submit(void *ctx)
{
	uadd *f = ctx;
	char why[512] = "";
	char *name = lf_form_view_get(&f->v, 0), *label = lf_form_view_get(&f->v, 1);
	bool ok = false;
	if (!name || !label)
		goto out;
	lf_text_trim(name);
	const char *kind = NULL;
	for (size_t i = 0; i < N_KINDS; i++)
		if (!strcmp(label, f->kind_labels[i]))
			kind = kinds[i];
	if (!*name) {
		snprintf(why, sizeof why, _("%s: please type the unit's name."), f->fields[0].label);
		lf_form_view_focus(&f->v, 0);
	} else if (!kind) {
		snprintf(why, sizeof why, _("%s: choose one with Space or Left/Right."), f->fields[1].label);
		lf_form_view_focus(&f->v, 1);
	} else if (lf_people_add_unit(f->t->st, f->t->me, name, kind, why, sizeof why) == LF_STORE_OK) {
		snprintf(f->saved, f->savedlen, "%s", name);
		ok = true;
	} else {
		if (!why[0])
			snprintf(why, sizeof why, "%s", lf_office_errmsg(f->t->st));
		/* Core's refusals start with the field's word: "kind: ...". */
		const char *kw = _("kind");
		lf_form_view_focus(&f->v, !strncmp(why, kw, strlen(kw)) ? 1 : 0);
	}
	if (!ok) {
		snprintf(f->s.msg, sizeof f->s.msg, "%s", why);
		f->s.msg_kind = LF_MSG_ERROR;
	}
out:
	free(name);
	free(label);
	return ok;
}

static bool uadd_typed(void *ctx)
{
	const uadd *f = ctx;
	return f->v.bufs[0].len > 0;
}

static bool add_unit(lf_tui *t, char *saved, size_t savedlen)
{
	uadd *f = calloc(1, sizeof *f);
	if (!f)
		return false;
	f->t = t;
	f->saved = saved;
	f->savedlen = savedlen;
	int kind_w = 8;
	for (size_t i = 0; i < N_KINDS; i++) {
		const char *label = lf_unit_kind_label(kinds[i]);
		/* Built here, not from a .form file; the strings outlive the form. */
		f->kind_labels[i] = (char *)(label ? label : kinds[i]);
		if (lf_text_width(f->kind_labels[i]) + 1 > kind_w)
			kind_w = lf_text_width(f->kind_labels[i]) + 1;
	}
	f->fields[0] = (lf_field_def){.id = (char *)"name", .label = (char *)_("Unit name"), .kind = LF_FIELD_TEXT,
	                              .width = 40, .height = 1, .max_chars = 100, .required = true};
	f->fields[1] = (lf_field_def){.id = (char *)"kind", .label = (char *)_("Kind"), .kind = LF_FIELD_CHOICE,
	                              .width = kind_w, .height = 1, .max_chars = 100, .required = true,
	                              .choices = f->kind_labels, .n_choices = N_KINDS};
	f->def = (lf_form_def){.id = (char *)"unit", .title = (char *)_("Add a unit"), .fields = f->fields,
	                       .n_fields = 2};
	lf_form_view_init(&f->v, &f->def, false);
	lf_form_view_set(&f->v, 1, f->kind_labels[0]);
	lf_form_view_note(&f->v, 1, _("Space or Left/Right: choose"));
	f->s = (lf_form_screen){
		.v = &f->v, .title = _("Add a unit"), .ctx = f, .submit = uadd_submit, .typed = uadd_typed};
	bool ok = lf_form_screen_run(t, &f->s);
	lf_form_view_free(&f->v);
	free(f);
	return ok;
}

/* Keys of LF_S_ADMIN that mean nothing here are not even read. */
static bool other_key(void *ctx, int kind, wint_t key, lf_action a)
{
	(void)ctx, (void)kind, (void)key;
	return !unit_key(a);
}

static char *help(void *ctx)
{
	(void)ctx;
	return help_text();
}

static bool act(void *ctx, lf_action a)
{
	units *l = ctx;
	if (a == LF_A_NEW) {
		char saved[256] = "";
		if (add_unit(l->t, saved, sizeof saved)) {
			snprintf(l->msg, sizeof l->msg, _("Unit %s added."), saved);
			l->msg_kind = LF_MSG_OK;
		}
		load(l, saved[0] ? saved : NULL);
	}
	return false;
}

void lf_admin_units_run(lf_tui *t)
{
	char why[512];
	if (!lf_require(t->me, LF_PERM_ADMINISTER, why, sizeof why)) {
		lf_dialog_text(_("Administration"), why);
		return;
	}
	units l = {.t = t};
	l.l = (lf_list){.row_size = sizeof(lf_unit), .x0 = 1, .margin = 1, .y = 2,
	                .empty = _("No unit yet. Press F3 to add one."), .ctx = &l, .cell = cell, .row_free = row_free};
	load(&l, NULL);
	lf_list_screen s = {.t = t, .l = &l.l, .screen = LF_S_ADMIN, .draw = draw, .ctx = &l, .msg = l.msg,
	                    .msglen = sizeof l.msg, .msg_kind = &l.msg_kind,
	                    .help_title = _("Keys of the units list"), .pre = other_key, .act = act, .help = help};
	lf_list_run(&s);
	lf_list_clear(&l.l);
}
