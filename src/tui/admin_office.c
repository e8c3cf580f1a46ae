/* F9 › Office (机关信息): the office's own paper in one form — its name,
 * address, telephones, booking contact, seal, the document the printed
 * forms belong to and whether the annex labels (附件2 / 附件3) print
 * (issue 15). Each value is checked by the settings' own rule
 * (lf_setting_check, as `laifang config set` does); a refusal puts the
 * cursor on the field. What changed is saved through lf_setting_set, one
 * audited entry per setting, as config set writes it. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/settings.h"
#include "laifang/text.h"

static const struct {
	const char *key;
	const char *label; /* N_() */
	int width;
	bool choice; /* annex_labels: 显示 / 不显示 */
} rows[] = {
	{"office_name", N_("Office name"), 40, false},
	{"office_address", N_("Address"), 56, false},
	{"office_phone_inquiry", N_("Inquiry telephone"), 24, false},
	{"office_phone_booking", N_("Booking telephone"), 24, false},
	{"office_booking_contact", N_("Booking contact"), 30, false},
	{"office_seal_name", N_("Seal name"), 40, false},
	{"forms_document", N_("Forms document"), 56, false},
	{"annex_labels", N_("Annex labels"), 16, true},
};
#define N_ROWS (sizeof rows / sizeof rows[0])

typedef struct oform {
	lf_tui *t;
	lf_form_def def;
	lf_field_def fields[N_ROWS];
	char *choices[2];
	char *initial[N_ROWS];
	lf_form_view v;
	lf_form_screen s;
	int saved; /* settings written */
} oform;

/* What a field shows for the value in force. */
static void shown_value(oform *f, size_t i, char *buf, size_t len)
{
	if (rows[i].choice)
		snprintf(buf, len, "%s", f->choices[lf_setting(f->t->st, rows[i].key) == 1 ? 0 : 1]);
	else
		lf_setting_text(f->t->st, rows[i].key, buf, len);
}

static void oform_init(oform *f, lf_tui *t)
{
	memset(f, 0, sizeof *f);
	f->t = t;
	f->choices[0] = (char *)_("shown");
	f->choices[1] = (char *)_("not shown");
	f->def.id = (char *)"office";
	f->def.title = (char *)_("Office (机关信息)");
	f->def.fields = f->fields;
	f->def.n_fields = N_ROWS;
	for (size_t i = 0; i < N_ROWS; i++) {
		lf_field_def *d = &f->fields[i];
		const lf_setting_def *sd = lf_setting_find(rows[i].key);
		d->id = (char *)rows[i].key;
		d->label = (char *)_(rows[i].label);
		d->kind = rows[i].choice ? LF_FIELD_CHOICE : LF_FIELD_TEXT;
		d->width = rows[i].width;
		d->height = 1;
		d->max_chars = rows[i].choice ? 32 : (size_t)(sd ? lf_setting_text_max(sd) : LF_SETTING_TEXT_MAX);
		if (rows[i].choice) {
			d->choices = f->choices;
			d->n_choices = 2;
		}
	}
	lf_form_view_init(&f->v, &f->def, false);
	for (size_t i = 0; i < N_ROWS; i++) {
		char v[LF_SETTING_VALUE_MAX];
		shown_value(f, i, v, sizeof v);
		lf_form_view_set(&f->v, i, v);
		f->initial[i] = strdup(v);
		if (rows[i].choice)
			lf_form_view_note(&f->v, i, _("Space: change"));
	}
	lf_form_view_focus(&f->v, 0);
}

static void oform_free(oform *f)
{
	lf_form_view_free(&f->v);
	for (size_t i = 0; i < N_ROWS; i++)
		free(f->initial[i]);
}

/* The value to give lf_setting_set for field i (malloc'd). */
static char *setting_value(const oform *f, size_t i)
{
	char *v = lf_form_view_get(&f->v, i);
	if (v && rows[i].choice) {
		bool on = !strcmp(v, f->choices[0]);
		free(v);
		v = strdup(on ? "on" : "off");
	}
	return v;
}

static bool submit(void *ctx)
{
	oform *f = ctx;
	char msg[400];
	/* Every value checked first: nothing is written when one is refused. */
	for (size_t i = 0; i < N_ROWS; i++) {
		char *v = setting_value(f, i);
		char canon[LF_SETTING_VALUE_MAX];
		const lf_setting_def *d = lf_setting_find(rows[i].key);
		bool ok = v && d && lf_setting_check(d, v, canon, sizeof canon, msg, sizeof msg);
		free(v);
		if (!ok) {
			snprintf(f->s.msg, sizeof f->s.msg, "%s: %s", _(rows[i].label), msg);
			f->s.msg_kind = LF_MSG_ERROR;
			lf_form_view_focus(&f->v, i);
			return false;
		}
	}
	for (size_t i = 0; i < N_ROWS; i++) {
		char *now = lf_form_view_get(&f->v, i);
		bool same = now && f->initial[i] && !strcmp(now, f->initial[i]);
		free(now);
		if (same)
			continue;
		char *v = setting_value(f, i);
		lf_store_err e = lf_setting_set(f->t->st, f->t->me, rows[i].key, v ? v : "", msg, sizeof msg);
		free(v);
		if (e != LF_STORE_OK) {
			snprintf(f->s.msg, sizeof f->s.msg, "%s: %s", _(rows[i].label),
			         msg[0] ? msg : lf_office_errmsg(f->t->st));
			f->s.msg_kind = LF_MSG_ERROR;
			lf_form_view_focus(&f->v, i);
			return false;
		}
		f->saved++;
		/* Saved: what is typed now is what the store holds. */
		char shown[LF_SETTING_VALUE_MAX];
		shown_value(f, i, shown, sizeof shown);
		free(f->initial[i]);
		f->initial[i] = strdup(shown);
		lf_form_view_set(&f->v, i, shown);
	}
	return true;
}

static bool typed(void *ctx)
{
	const oform *f = ctx;
	for (size_t i = 0; i < N_ROWS; i++) {
		char *now = lf_form_view_get(&f->v, i);
		bool same = now && f->initial[i] && !strcmp(now, f->initial[i]);
		free(now);
		if (!same)
			return true;
	}
	return false;
}

bool lf_admin_office_run(lf_tui *t, char *done, size_t donelen)
{
	char why[512];
	if (donelen)
		done[0] = '\0';
	if (!lf_require(t->me, LF_PERM_ADMINISTER, why, sizeof why)) {
		snprintf(done, donelen, "%s", why);
		return false;
	}
	oform *f = calloc(1, sizeof *f);
	if (!f)
		return false;
	oform_init(f, t);
	f->s = (lf_form_screen){
		.v = &f->v,
		.title = _("Office (机关信息)"),
		.about = _("The office's own paper: its name heads every sheet, notice, log and published schedule. "
		           "Address and telephones print on the notices and the schedule; the seal name in the seal "
		           "area. Forms document: the notice the printed forms belong to, e.g. "
		           "《2026 年度领导干部公开接访工作安排的通知》, printed under the title (empty: none). "
		           "Annex labels: 附件2 / 附件3 top left on the log and the sheet, or on neither. "
		           "Empty fields print nothing. F2 saves."),
		.ctx = f,
		.submit = submit,
		.typed = typed,
	};
	bool saved = lf_form_screen_run(t, &f->s);
	if (saved)
		snprintf(done, donelen, _("Office settings saved (%d changed)."), f->saved);
	oform_free(f);
	free(f);
	return saved;
}
