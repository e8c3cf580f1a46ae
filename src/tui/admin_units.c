/* The directory of units (administration): the departments of this office
 * and the outside agencies cases go to. Add goes through core
 * (lf_people_add_unit), which checks LF_PERM_ADMINISTER and the input. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "laifang/people.h"
#include "laifang/text.h"

static const char *const kinds[] = {"department", "peer", "lower", "discipline"};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

typedef struct units {
	lf_tui *t;
	lf_unit *rows;
	size_t n, cap;
	size_t sel, top;
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
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		lf_unit *r = realloc(l->rows, cap * sizeof *r);
		if (!r)
			return 1;
		l->rows = r;
		l->cap = cap;
	}
	lf_unit *c = &l->rows[l->n++];
	*c = *u;
	c->name = u->name ? strdup(u->name) : NULL;
	return 0;
}

static void rows_free(units *l)
{
	for (size_t i = 0; i < l->n; i++)
		lf_unit_free(&l->rows[i]);
	free(l->rows);
	l->rows = NULL;
	l->n = l->cap = 0;
}

static void load(units *l, const char *keep)
{
	char *want = keep ? strdup(keep) : NULL;
	rows_free(l);
	if (lf_people_each_unit(l->t->st, l->t->me, add_row, l, NULL, 0) != LF_STORE_OK) {
		snprintf(l->msg, sizeof l->msg, "%s", lf_store_errmsg(l->t->st));
		l->msg_kind = LF_MSG_ERROR;
	}
	for (size_t i = 0; want && i < l->n; i++)
		if (l->rows[i].name && !strcmp(l->rows[i].name, want))
			l->sel = i;
	free(want);
	if (l->sel >= l->n)
		l->sel = l->n ? l->n - 1 : 0;
}

static int list_rows(void)
{
	return LINES - 6;
}

static void draw(void *ctx)
{
	units *l = ctx;
	erase();
	char line[256];
	attron(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	lf_draw_blank(stdscr, 0, 0, COLS);
	snprintf(line, sizeof line, _("laifang · administration · units · %s"),
	         l->t->me && l->t->me->login ? l->t->me->login : l->t->user);
	lf_draw_text(stdscr, 0, 1, line, COLS - 2);
	attroff(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	snprintf(line, sizeof line, _("Units: %zu"), l->n);
	attron(A_BOLD);
	lf_draw_text(stdscr, 1, 1, line, COLS - 2);
	attroff(A_BOLD);

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
	int c_name = 1, c_state = COLS - sw - 1, c_kind = c_state - kw - 1;
	attron(COLOR_PAIR(LF_C_LABEL));
	lf_draw_text(stdscr, 2, c_name, _("Unit name"), c_kind - c_name - 1);
	lf_draw_text(stdscr, 2, c_kind, _("Kind"), kw);
	lf_draw_text(stdscr, 2, c_state, _("State"), sw);
	attroff(COLOR_PAIR(LF_C_LABEL));

	int rows = list_rows();
	if (l->sel < l->top)
		l->top = l->sel;
	if (rows > 0 && l->sel >= l->top + (size_t)rows)
		l->top = l->sel - (size_t)rows + 1;
	if (l->n == 0)
		lf_draw_text(stdscr, 4, 3, _("No unit yet. Press F3 to add one."), COLS - 4);
	for (int k = 0; k < rows && l->top + (size_t)k < l->n; k++) {
		size_t i = l->top + (size_t)k;
		const lf_unit *u = &l->rows[i];
		int y = 3 + k;
		const char *kind = lf_unit_kind_label(u->kind);
		if (i == l->sel) {
			attron(COLOR_PAIR(LF_C_SELECT));
			lf_draw_blank(stdscr, y, 0, COLS);
		}
		lf_draw_text(stdscr, y, c_name, u->name, c_kind - c_name - 1);
		lf_draw_text(stdscr, y, c_kind, kind ? kind : u->kind, kw);
		lf_draw_text(stdscr, y, c_state, u->active ? _("active") : _("inactive"), sw);
		attroff(COLOR_PAIR(LF_C_SELECT));
	}
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
			snprintf(why, sizeof why, "%s", lf_store_errmsg(f->t->st));
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

void lf_admin_units_run(lf_tui *t)
{
	char why[512];
	if (!lf_require(t->me, LF_PERM_ADMINISTER, why, sizeof why)) {
		lf_dialog_text(_("Administration"), why);
		return;
	}
	units l = {.t = t};
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
		if (!unit_key(a))
			continue;
		l.msg[0] = '\0';
		int page = list_rows() > 1 ? list_rows() - 1 : 1;
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
			char *text = help_text();
			lf_dialog_text(_("Keys of the units list"), text ? text : "");
			free(text);
			break;
		}
		case LF_A_NEW: {
			char saved[256] = "";
			if (add_unit(t, saved, sizeof saved)) {
				snprintf(l.msg, sizeof l.msg, _("Unit %s added."), saved);
				l.msg_kind = LF_MSG_OK;
			}
			load(&l, saved[0] ? saved : NULL);
			break;
		}
		default:
			break;
		}
	}
	lf_tui_pop();
	rows_free(&l);
}
