/* On the case screen (issue 11): F3 更正登记 opens the sheet's words
 * prefilled (name, sex, phone, address, content) and corrects each changed
 * one through core, which decides who may and until when and keeps the old
 * value in the timeline; 'r' lists the visitor's earlier cases and sets
 * 重复访 yes or no. Another desk's change in between is refused, never
 * overwritten: the form stays open with the message. */
#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/office.h"
#include "laifang/correct.h"
#include "laifang/i18n.h"

typedef struct fix_form {
	lf_tui *t;
	const lf_case *c;
	lf_field_def fields[LF_CORRECT_N_FIELDS];
	const char *ids[LF_CORRECT_N_FIELDS];
	char *orig[LF_CORRECT_N_FIELDS]; /* as read; moves on as each correction is saved */
	size_t n;
	lf_form_def def;
	lf_form_view v;
	lf_form_screen s;
	char done[512]; /* the labels corrected so far */
} fix_form;

static bool changed(const fix_form *f, size_t i)
{
	char *now = lf_form_view_get(&f->v, i);
	bool diff = now && strcmp(now, f->orig[i] ? f->orig[i] : "");
	free(now);
	return diff;
}

static bool fix_typed(void *ctx)
{
	fix_form *f = ctx;
	for (size_t i = 0; i < f->n; i++)
		if (changed(f, i))
			return true;
	return false;
}

static bool fix_submit(void *ctx)
{
	fix_form *f = ctx;
	bool any = false;
	for (size_t i = 0; i < f->n; i++) {
		if (!changed(f, i))
			continue;
		any = true;
		char *now = lf_form_view_get(&f->v, i);
		char m[sizeof f->s.msg] = "";
		lf_store_err e = lf_case_correct(f->t->st, f->t->me, f->c->case_id, f->ids[i], now ? now : "",
		                                 f->orig[i] ? f->orig[i] : "", m, sizeof m);
		if (e != LF_STORE_OK) {
			free(now);
			snprintf(f->s.msg, sizeof f->s.msg, "%s", m[0] ? m : lf_office_errmsg(f->t->st));
			f->s.msg_kind = LF_MSG_ERROR;
			lf_form_view_focus(&f->v, i);
			return false;
		}
		/* Saved: this field is no longer a change, whatever follows. */
		free(f->orig[i]);
		f->orig[i] = now;
		size_t used = strlen(f->done);
		snprintf(f->done + used, sizeof f->done - used, "%s%s", used ? "、" : "", f->fields[i].label);
	}
	if (!any) {
		snprintf(f->s.msg, sizeof f->s.msg, "%s", _("Nothing was changed; Esc goes back."));
		f->s.msg_kind = LF_MSG_NOTE;
		return false;
	}
	return true;
}

bool lf_case_correct_run(lf_tui *t, const lf_case *c, char *msg, size_t len, lf_msg_kind *kind)
{
	char why[1024] = "";
	if (lf_case_correct_check(t->st, t->me, c->case_id, why, sizeof why) != LF_STORE_OK) {
		snprintf(msg, len, "%s", why[0] ? why : lf_office_errmsg(t->st));
		*kind = LF_MSG_ERROR;
		return false;
	}
	fix_form *f = calloc(1, sizeof *f);
	if (!f)
		return false;
	f->t = t;
	f->c = c;
	for (size_t k = 0; k < LF_CORRECT_N_FIELDS; k++) {
		int i = lf_form_find(t->form, lf_correct_fields[k]);
		if (i < 0)
			continue;
		/* The sheet's own field: its label, kind, width and choices. */
		f->fields[f->n] = t->form->fields[i];
		f->fields[f->n].readonly = false;
		f->fields[f->n].same_row = false;
		f->fields[f->n].defval = NULL;
		f->ids[f->n] = lf_correct_fields[k];
		const char *v = lf_case_field(c, lf_correct_fields[k]);
		f->orig[f->n] = v ? strdup(v) : NULL;
		f->n++;
	}
	char title[256];
	snprintf(title, sizeof title, _("更正登记 · case %s"), c->case_no ? c->case_no : "");
	f->def = (lf_form_def){.id = (char *)"correct", .title = title, .fields = f->fields, .n_fields = f->n};
	lf_form_view_init(&f->v, &f->def, false);
	for (size_t i = 0; i < f->n; i++)
		lf_form_view_set(&f->v, i, f->orig[i]);
	f->s = (lf_form_screen){.v = &f->v, .title = title, .ctx = f, .submit = fix_submit, .typed = fix_typed,
	                        .about = _("Correct what was typed wrong on the saved sheet. F2 saves each changed "
	                                   "field; the old value stays in the timeline (办理过程) and the audit log. "
	                                   "The visitor's record is not changed.")};
	snprintf(f->s.msg, sizeof f->s.msg, "%s", _("Change what was typed wrong; F2 saves, Esc goes back."));
	f->s.msg_kind = LF_MSG_NOTE;
	bool ok = lf_form_screen_run(t, &f->s);
	bool saved = f->done[0] != '\0';
	if (saved) {
		snprintf(msg, len, _("Corrected: %s. The old values are kept in the timeline."), f->done);
		*kind = LF_MSG_OK;
	} else if (!ok) {
		msg[0] = '\0';
	}
	lf_form_view_free(&f->v);
	for (size_t i = 0; i < f->n; i++)
		free(f->orig[i]);
	free(f);
	return saved;
}

/* ---- 重复访 ---- */

typedef struct listing {
	char text[4096];
	size_t len;
} listing;

static int add_case(const lf_earlier_case *e, void *ud)
{
	listing *l = ud;
	char line[512];
	lf_earlier_case_line(e, 14, line, sizeof line);
	if (l->len < sizeof l->text)
		l->len += (size_t)snprintf(l->text + l->len, sizeof l->text - l->len, "%s\n", line);
	return 0;
}

bool lf_case_repeat_run(lf_tui *t, const lf_case *c, char *msg, size_t len, lf_msg_kind *kind)
{
	listing l = {.len = 0};
	int total = 0;
	char why[1024] = "";
	l.len = (size_t)snprintf(l.text, sizeof l.text, "%s\n", _("Earlier cases of this visitor:"));
	if (lf_visitor_earlier_cases(t->st, t->me, c->id_number, c->case_id, 8, add_case, &l, &total, why,
	                             sizeof why) != LF_STORE_OK) {
		snprintf(msg, len, "%s", why);
		*kind = LF_MSG_ERROR;
		return false;
	}
	if (total == 0 && l.len < sizeof l.text)
		l.len += (size_t)snprintf(l.text + l.len, sizeof l.text - l.len, "%s\n", _("(none)"));
	if (l.len < sizeof l.text)
		snprintf(l.text + l.len, sizeof l.text - l.len, "\n%s\n%s\n%s",
		         c->repeat ? _("Now: a repeat petition (重复访).") : _("Now: not a repeat petition."),
		         _("Is this visit the same matter as one of these (重复访)?"),
		         _("An unrelated new matter is not a repeat."));
	bool want = lf_dialog_confirm(l.text, c->repeat);
	if (want == c->repeat) {
		snprintf(msg, len, "%s", _("The repeat flag is unchanged."));
		*kind = LF_MSG_NOTE;
		return false;
	}
	char m[1024] = "";
	lf_store_err e = lf_case_set_repeat(t->st, t->me, c->case_id, want, m, sizeof m);
	if (e != LF_STORE_OK) {
		snprintf(msg, len, "%s", m[0] ? m : lf_office_errmsg(t->st));
		*kind = LF_MSG_ERROR;
		return false;
	}
	snprintf(msg, len, "%s",
	         want ? _("Marked as a repeat petition (重复访); the change is in the timeline.")
	              : _("Marked as not a repeat petition; the change is in the timeline."));
	*kind = LF_MSG_OK;
	return true;
}
