/* Pickers of units and leaders, and the small forms of the steps on the
 * case screen (the fields a step needs, a picker on Enter, core's answer
 * kept on the form). Moved out of case_flow.c. */
#include "pickers.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "laifang/people.h"
#include "laifang/agency.h"
#include "laifang/text.h"

void lf_choices_free(lf_choices *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->shown[i]);
		free(c->value[i]);
	}
	free(c->shown);
	free(c->value);
	memset(c, 0, sizeof *c);
}

void lf_choices_add(lf_choices *c, const char *shown, const char *value)
{
	char **s = realloc(c->shown, (c->n + 1) * sizeof *s);
	if (!s)
		return;
	c->shown = s;
	char **v = realloc(c->value, (c->n + 1) * sizeof *v);
	if (!v)
		return;
	c->value = v;
	c->shown[c->n] = strdup(shown ? shown : "");
	c->value[c->n] = strdup(value ? value : "");
	if (c->shown[c->n] && c->value[c->n])
		c->n++;
	else {
		free(c->shown[c->n]);
		free(c->value[c->n]);
	}
}

void lf_choices_drop(lf_choices *c, const char *value)
{
	for (size_t i = 0; value && i < c->n; i++)
		if (!strcmp(c->value[i], value)) {
			free(c->shown[i]);
			free(c->value[i]);
			memmove(c->shown + i, c->shown + i + 1, (c->n - i - 1) * sizeof *c->shown);
			memmove(c->value + i, c->value + i + 1, (c->n - i - 1) * sizeof *c->value);
			c->n--;
			return;
		}
}

/* The value behind a shown choice ("" when none matches). */
static const char *choices_value(const lf_choices *c, const char *shown)
{
	for (size_t i = 0; shown && i < c->n; i++)
		if (!strcmp(c->shown[i], shown))
			return c->value[i];
	return "";
}

typedef struct unit_q {
	lf_choices *c;
	const char *kind;
} unit_q;

static int unit_each(const lf_unit *u, void *ud)
{
	unit_q *q = ud;
	bool other = q->kind && q->kind[0] == '!';
	bool fits = !q->kind || !*q->kind || (other ? strcmp(q->kind + 1, u->kind) : !strcmp(q->kind, u->kind));
	if (u->active && u->name && fits)
		lf_choices_add(q->c, u->name, u->name);
	return 0;
}

lf_store_err lf_units_of(lf_tui *t, const char *kind, lf_choices *c, char *msg, size_t len)
{
	unit_q q = {c, kind};
	return lf_people_each_unit(t->st, t->me, unit_each, &q, msg, len);
}

typedef struct user_q {
	lf_choices *c;
	unsigned roles;
} user_q;

static int user_each(const lf_user *u, void *ud)
{
	user_q *q = ud;
	if (!u->active || !(u->roles & q->roles))
		return 0;
	char shown[256];
	if (u->title && *u->title)
		snprintf(shown, sizeof shown, "%s（%s）", u->name ? u->name : "", u->title);
	else
		snprintf(shown, sizeof shown, "%s（%s）", u->name ? u->name : "", u->login ? u->login : "");
	lf_choices_add(q->c, shown, u->login);
	return 0;
}

/* Users with any of roles. Someone who may not list users gets themself
 * when they have the role (a leader taking a case for themself). */
void lf_users_of(lf_tui *t, unsigned roles, lf_choices *c, char *msg, size_t len)
{
	user_q q = {c, roles};
	if (lf_people_each_user(t->st, t->me, user_each, &q, msg, len) != LF_STORE_OK && (t->me->roles & roles))
		user_each(t->me, &q);
}

static int pick_from(const char *title, const lf_choices *c, const char *any_label)
{
	size_t n = c->n + (any_label ? 1 : 0);
	const char **items = calloc(n ? n : 1, sizeof *items);
	if (!items)
		return -2;
	size_t k = 0;
	if (any_label)
		items[k++] = any_label;
	for (size_t i = 0; i < c->n; i++)
		items[k++] = c->shown[i];
	int r = lf_dialog_menu(title, items, n);
	free(items);
	if (r < 0)
		return -2;
	return any_label ? r - 1 : r; /* -1: the "any" entry */
}

bool lf_pick_unit(lf_tui *t, const char *kind, const char *any_label, char *out, size_t len)
{
	lf_choices c = {0};
	char msg[512] = "";
	lf_units_of(t, kind, &c, msg, sizeof msg);
	int r = pick_from(_("Unit"), &c, any_label);
	if (r >= -1)
		snprintf(out, len, "%s", r >= 0 ? c.value[r] : "");
	lf_choices_free(&c);
	return r >= -1;
}

bool lf_pick_leader(lf_tui *t, const char *any_label, char *out, size_t len, char *name_out, size_t name_len,
                    char *msg, size_t msglen)
{
	lf_choices c = {0};
	lf_users_of(t, LF_ROLE_LEADER, &c, msg, msglen);
	if (c.n == 0 && msg && msg[0]) {
		lf_choices_free(&c);
		return false;
	}
	int r = pick_from(_("Leader"), &c, any_label);
	if (r >= -1) {
		snprintf(out, len, "%s", r >= 0 ? c.value[r] : "");
		snprintf(name_out, name_len, "%s", r >= 0 ? c.shown[r] : "");
	}
	lf_choices_free(&c);
	return r >= -1;
}

/* ---- a small form of up to LF_XF_MAX fields ---- */

size_t lf_xf_add(lf_xform *f, const char *label, lf_field_kind kind, int width, size_t max)
{
	size_t i = f->def.n_fields++;
	lf_field_def *d = &f->fd[i];
	memset(d, 0, sizeof *d);
	d->id = (char *)"";
	d->label = (char *)label;
	d->kind = kind;
	d->width = width;
	d->height = kind == LF_FIELD_MULTILINE ? 4 : 1;
	d->max_chars = max;
	return i;
}

/* A choice field filled from ch[i] (a picker on Enter when pick says so). */
size_t lf_xf_choice(lf_xform *f, const char *label, lf_pick_kind pk, int width)
{
	size_t i = lf_xf_add(f, label, LF_FIELD_CHOICE, width, 200);
	f->pick[i] = pk;
	f->pick_title[i] = label;
	return i;
}

size_t lf_xf_names(lf_xform *f, const char *label, int width, size_t max)
{
	size_t i = lf_xf_add(f, label, LF_FIELD_TEXT, width, max);
	f->pick[i] = LF_PK_UNIT;
	f->pick_title[i] = label;
	f->pick_adds[i] = true;
	return i;
}

/* Enter on a field of names: the one chosen added to what is there, or a
 * word why not (there already; no room left in the field). */
static void add_name(lf_xform *f, size_t i, const char *name)
{
	char *now = lf_form_view_get(&f->v, i);
	char *both = lf_co_units_add(now, name);
	f->s.msg[0] = '\0';
	if (!both) {
		/* out of memory: nothing added */
	} else if (lf_co_units_hold(now, name)) {
		snprintf(f->s.msg, sizeof f->s.msg, _("%s is listed already."), name);
		f->s.msg_kind = LF_MSG_NOTE;
	} else if (f->fd[i].max_chars && lf_text_chars(both) > f->fd[i].max_chars) {
		snprintf(f->s.msg, sizeof f->s.msg, _("No room for %s: the field holds %zu characters."), name,
		         f->fd[i].max_chars);
		f->s.msg_kind = LF_MSG_ERROR;
	} else {
		lf_form_view_set(&f->v, i, both);
	}
	free(both);
	free(now);
}

/* Enter on a field of names: the list without the names already there
 * nor the one in the field it goes with (the lead unit), one added. */
static void pick_name(lf_xform *f, size_t i)
{
	char *now = lf_form_view_get(&f->v, i);
	char *besides = f->names_besides[i] > 0 && f->names_besides[i] <= f->def.n_fields
	                    ? lf_form_view_get(&f->v, f->names_besides[i] - 1)
	                    : NULL;
	if (besides)
		lf_text_trim(besides);
	lf_choices left = {0};
	for (size_t k = 0; k < f->ch[i].n; k++) {
		const char *v = f->ch[i].value[k];
		if (!lf_co_units_hold(now, v) && (!besides || strcmp(besides, v)))
			lf_choices_add(&left, f->ch[i].shown[k], v);
	}
	free(now);
	free(besides);
	if (left.n == 0) {
		snprintf(f->s.msg, sizeof f->s.msg, "%s", _("Every unit of the list is there already."));
		f->s.msg_kind = LF_MSG_NOTE;
	} else {
		int r = pick_from(f->pick_title[i], &left, NULL);
		if (r >= 0)
			add_name(f, i, left.value[r]); /* the cursor stays, for another */
	}
	lf_choices_free(&left);
}

static bool xf_typed(void *ctx)
{
	lf_xform *f = ctx;
	for (size_t i = 0; i < f->def.n_fields; i++) {
		char *s = lf_form_view_get(&f->v, i);
		bool same = s && f->initial && f->initial[i] && !strcmp(s, f->initial[i]);
		free(s);
		if (!same)
			return true;
	}
	return false;
}

static bool xf_key(void *ctx, int kind, wint_t key, lf_action a, bool enter)
{
	lf_xform *f = ctx;
	size_t i = f->v.focus;
	if (i != f->replace_focus) {
		f->replace_focus = i;
		f->replace_pending = i < LF_XF_MAX && f->replace[i];
	}
	if (f->replace_pending) {
		/* Arrived in a replaced field: a character typed first replaces
		 * its value; any other key keeps it. */
		if (a == LF_A_NONE && kind == OK && key >= 0x20 && key != 0x7f)
			lf_form_view_set(&f->v, i, "");
		f->replace_pending = false;
	}
	if (!enter || i >= f->def.n_fields || f->pick[i] == LF_PK_NONE || f->ch[i].n == 0)
		return false;
	if (f->pick_adds[i]) {
		pick_name(f, i);
		return true;
	}
	int r = pick_from(f->pick_title[i], &f->ch[i], NULL);
	if (r >= 0) {
		lf_form_view_set(&f->v, i, f->ch[i].shown[r]);
		lf_form_view_focus_next(&f->v, 1);
	}
	return true;
}

/* One line for the message line: a list of missing items joined by "; "
 * (in a buffer of len bytes). */
void lf_one_line(char *s, size_t len)
{
	char out[1024];
	size_t k = 0, max = len < sizeof out ? len : sizeof out;
	for (const char *p = s; *p && k + 3 < max; p++) {
		if (*p != '\n') {
			out[k++] = *p;
		} else if (p[1]) {
			bool colon = k > 0 && out[k - 1] == ':';
			out[k++] = colon ? ' ' : ';';
			if (!colon)
				out[k++] = ' ';
		}
	}
	out[k] = '\0';
	memcpy(s, out, k + 1);
}

static bool xf_submit(void *ctx)
{
	lf_xform *f = ctx;
	char **vals = lf_form_view_values(&f->v);
	if (!vals)
		return false;
	for (size_t i = 0; i < f->def.n_fields; i++) {
		if (vals[i])
			lf_text_trim(vals[i]);
		if (f->pick[i] != LF_PK_NONE && !f->pick_adds[i] && vals[i]) {
			char *v = strdup(choices_value(&f->ch[i], vals[i]));
			free(vals[i]);
			vals[i] = v;
		}
	}
	char msg[1024] = "";
	f->refocus = 0;
	bool ok = f->apply(f, vals, msg, sizeof msg);
	lf_form_values_free(vals, f->def.n_fields);
	if (ok || f->conflict) {
		snprintf(f->out, f->outlen, "%s", msg);
		return true;
	}
	lf_one_line(msg, sizeof msg);
	lf_copy_text(f->s.msg, sizeof f->s.msg, msg);
	f->s.msg_kind = LF_MSG_ERROR;
	if (f->refocus > 0 && f->refocus <= f->def.n_fields)
		lf_form_view_focus(&f->v, f->refocus - 1);
	return false;
}

void lf_xf_refocus(lf_xform *f, size_t i)
{
	f->refocus = i + 1;
}

void lf_xf_init(lf_xform *f, lf_tui *t, const char *title)
{
	memset(f, 0, sizeof *f);
	f->t = t;
	f->def.id = (char *)"step";
	f->def.title = (char *)title;
	f->def.fields = f->fd;
	f->grow = -1;
}

/* Run the form: true when apply said done (or the case moved: conflict). */
bool lf_xf_run(lf_xform *f, const char *title, const char *about, char *out, size_t outlen)
{
	for (size_t i = 0; i < f->def.n_fields; i++)
		if (f->pick[i] != LF_PK_NONE && !f->pick_adds[i]) {
			f->fd[i].choices = f->ch[i].shown;
			f->fd[i].n_choices = f->ch[i].n;
		}
	lf_form_view_init(&f->v, &f->def, false);
	f->v.grow = f->grow;
	for (size_t i = 0; i < f->def.n_fields; i++) {
		if (f->fd[i].kind == LF_FIELD_CHOICE && f->fd[i].n_choices && f->pick[i] == LF_PK_NONE)
			lf_form_view_set(&f->v, i, f->fd[i].choices[0]);
		if (f->pick_adds[i])
			lf_form_view_note(&f->v, i, _("Enter: add"));
		else if (f->pick[i] != LF_PK_NONE)
			lf_form_view_note(&f->v, i, _("Enter: choose"));
		if (f->fd[i].defval)
			lf_form_view_set(&f->v, i, f->fd[i].defval);
	}
	f->initial = lf_form_view_values(&f->v);
	/* The first field a person types in (the approval form's first shows
	 * the report, read-only: keys there were dropped). */
	lf_form_view_focus(&f->v, 0);
	if (!lf_form_view_editable(&f->v, 0))
		lf_form_view_focus_next(&f->v, 1);
	f->replace_focus = (size_t)-1;
	f->out = out;
	f->outlen = outlen;
	f->s = (lf_form_screen){.v = &f->v, .title = title, .about = about, .ctx = f, .submit = xf_submit,
	                        .typed = xf_typed, .key = xf_key};
	bool done = lf_form_screen_run(f->t, &f->s);
	lf_form_values_free(f->initial, f->def.n_fields);
	lf_form_view_free(&f->v);
	for (size_t i = 0; i < LF_XF_MAX; i++)
		lf_choices_free(&f->ch[i]);
	return done;
}
