/* Saved views on the home screen (issue 12): 1 to 9 open a view at once,
 * v lists them all, to open, rename or delete one. A view that no longer
 * holds (its unit removed, a value edited behind laifang's back) is named
 * with its reason and not opened. */
#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "laifang/text.h"
#include "laifang/views.h"

bool lf_views_open_number(lf_tui *t, int n, char *msg, size_t len)
{
	char key[8];
	snprintf(key, sizeof key, "%d", n);
	lf_saved_view sv;
	if (lf_view_find(t->st, t->me, key, &sv, msg, len) != LF_STORE_OK) {
		if (msg && len && lf_action_allowed(LF_A_VIEWS, LF_S_HOME, NULL, 0)) {
			size_t k = strlen(msg);
			snprintf(msg + k, len - k, " %s", _("A queue's filter is saved with F4 on the queue."));
		}
		return false;
	}
	bool ok = !sv.problem[0];
	if (ok)
		lf_queue_view_saved(t, &sv);
	else
		snprintf(msg, len, _("The view %s does not open: %s. Delete it (v) or save it again."), sv.name,
		         sv.problem);
	lf_saved_view_free(&sv);
	return ok;
}

bool lf_view_save_dialog(lf_tui *t, const lf_view_filter *vf, char *view_name, size_t name_len, char *msg,
                         size_t len)
{
	char name[160];
	snprintf(name, sizeof name, "%s", view_name);
	char label[96];
	snprintf(label, sizeof label, _("Name (at most %d characters)"), LF_VIEW_NAME_MAX);
	msg[0] = '\0';
	if (!lf_prompt_line(_("Save this filter as a view"), label, false, name, sizeof name))
		return true; /* nothing to say */
	/* One who may route cases may share it with the office (views.h). */
	bool shared = lf_can(t->me->roles, LF_PERM_ROUTE) &&
	              lf_dialog_confirm(_("Share the view with the whole office? (n: only you see it)"), false);
	lf_store_err e = lf_view_save(t->st, t->me, name, vf, shared, false, msg, len);
	if (e == LF_STORE_CONFLICT && lf_dialog_confirm(_("You already have a view of that name. Replace it?"), false))
		e = lf_view_save(t->st, t->me, name, vf, shared, true, msg, len);
	if (e != LF_STORE_OK)
		return false;
	lf_saved_view sv;
	lf_text_trim(name);
	if (lf_view_find(t->st, t->me, name, &sv, NULL, 0) == LF_STORE_OK) {
		snprintf(view_name, name_len, "%s", sv.name);
		if (sv.number <= LF_VIEW_KEYS)
			snprintf(msg, len, _("Saved as view %d, %s: press %d on the home screen to open it."), sv.number,
			         sv.name, sv.number);
		else
			snprintf(msg, len, _("Saved as view %d, %s: v on the home screen lists it."), sv.number, sv.name);
		lf_saved_view_free(&sv);
	}
	return true;
}

typedef struct listing {
	lf_saved_view v[64];
	size_t n;
} listing;

static int keep(const lf_saved_view *v, void *ud)
{
	listing *l = ud;
	if (l->n == sizeof l->v / sizeof l->v[0])
		return 1;
	lf_saved_view *c = &l->v[l->n];
	*c = *v;
	c->name = strdup(v->name);
	c->owner_login = v->owner_login ? strdup(v->owner_login) : NULL;
	c->owner_name = v->owner_name ? strdup(v->owner_name) : NULL;
	c->unit_name = v->unit_name ? strdup(v->unit_name) : NULL;
	c->leader_name = v->leader_name ? strdup(v->leader_name) : NULL;
	if (!c->name) {
		lf_saved_view_free(c);
		return 1;
	}
	l->n++;
	return 0;
}

static void listing_free(listing *l)
{
	for (size_t i = 0; i < l->n; i++)
		lf_saved_view_free(&l->v[i]);
	l->n = 0;
}

/* The menu line of a view: number, name, what it filters, whose, and a
 * problem when it has one. */
static void line_of(const lf_saved_view *v, char *buf, size_t len)
{
	/* Sized so the line fits the menu's 600 bytes whole. */
	char what[280];
	lf_view_describe(v, what, sizeof what);
	char whose[200] = "";
	if (!v->mine)
		snprintf(whose, sizeof whose, _(" (shared by %s)"), v->owner_name ? v->owner_name : "?");
	else if (v->shared)
		snprintf(whose, sizeof whose, "%s", _(" (shared)"));
	if (v->problem[0])
		snprintf(buf, len, _("%s%s — does not open: %s"), v->name, whose, v->problem);
	else
		snprintf(buf, len, "%s%s — %s", v->name, whose, what);
}

/* What to do with one view. */
static void one_view(lf_tui *t, const lf_saved_view *v, char *msg, size_t len, bool *opened)
{
	const char *items[3];
	size_t n = 0;
	items[n++] = _("Open");
	if (v->mine) {
		items[n++] = _("Rename");
		items[n++] = _("Delete");
	}
	int c = lf_dialog_menu(v->name, items, n);
	if (c == 0) {
		if (v->problem[0]) {
			snprintf(msg, len, _("The view %s does not open: %s. Delete it (v) or save it again."), v->name,
			         v->problem);
			return;
		}
		lf_queue_view_saved(t, v);
		*opened = true;
	} else if (c == 1) {
		char name[160];
		snprintf(name, sizeof name, "%s", v->name);
		char label[96];
		snprintf(label, sizeof label, _("Name (at most %d characters)"), LF_VIEW_NAME_MAX);
		if (!lf_prompt_line(_("Rename the view"), label, false, name, sizeof name))
			return;
		if (lf_view_rename(t->st, t->me, v->name, name, msg, len) == LF_STORE_OK)
			snprintf(msg, len, _("The view %s is now %s."), v->name, name);
	} else if (c == 2) {
		char q[256];
		snprintf(q, sizeof q, _("Delete the view %s?"), v->name);
		if (lf_dialog_confirm(q, false) && lf_view_delete(t->st, t->me, v->name, msg, len) == LF_STORE_OK)
			snprintf(msg, len, _("The view %s was deleted."), v->name);
	}
}

void lf_views_menu_run(lf_tui *t, char *msg, size_t len)
{
	for (;;) {
		listing *l = calloc(1, sizeof *l);
		if (!l)
			return;
		char why[512]; /* what the last choice did stays in msg */
		if (lf_views_each(t->st, t->me, keep, l, why, sizeof why) != LF_STORE_OK) {
			snprintf(msg, len, "%s", why);
			free(l);
			return;
		}
		if (l->n == 0) {
			snprintf(msg, len, "%s", _("You have no saved view: open a queue (F7), filter it (F3), save it (F4)."));
			free(l);
			return;
		}
		char (*lines)[600] = calloc(l->n, sizeof *lines);
		const char **items = calloc(l->n, sizeof *items);
		int c = -1;
		if (lines && items) {
			for (size_t i = 0; i < l->n; i++) {
				line_of(&l->v[i], lines[i], sizeof lines[i]);
				items[i] = lines[i];
			}
			c = lf_dialog_menu(_("Saved views (1–9 on the home screen open them)"), items, l->n);
		}
		bool opened = false;
		if (c >= 0) {
			msg[0] = '\0';
			one_view(t, &l->v[c], msg, len, &opened);
		}
		free(lines);
		free(items);
		listing_free(l);
		free(l);
		if (c < 0 || opened || t->quit)
			return;
	}
}
