/* The export screen: the ledger (台账) of the cases by the date received,
 * a queue, a unit and a status, as CSV (UTF-8 with BOM) or JSON, to a file.
 * A small form on form_screen.c's loop; the choice fields open a picker on
 * Enter (Space, Left and Right step through them too). The writing, the
 * permission and the audit entry are core's (ledger.h), as for
 * `laifang export`. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "laifang/auth.h"
#include "laifang/caseflow.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/ledger.h"
#include "laifang/text.h"
#include "laifang/workflow.h"
#include "pickers.h"

enum { F_FROM, F_TO, F_QUEUE, F_UNIT, F_STATUS, F_FORMAT, F_PATH, F_COUNT };

typedef struct xview {
	lf_tui *t;
	lf_form_def def;
	lf_field_def fd[F_COUNT];
	lf_choices ch[F_COUNT]; /* queue, unit, status, format: shown and value */
	char def_path[2][1024]; /* the default file, .csv and .json */
	lf_form_view v;
	lf_form_screen s;
} xview;

static void field(xview *x, size_t i, const char *label, lf_field_kind kind, int width, size_t max)
{
	x->fd[i] = (lf_field_def){.id = (char *)"", .label = (char *)label, .kind = kind, .width = width,
	                          .height = 1, .max_chars = max};
}

/* A choice field over ch[i]: the shown texts are its choices. */
static void choice(xview *x, size_t i, const char *label, int width)
{
	field(x, i, label, LF_FIELD_CHOICE, width, 200);
	x->fd[i].choices = x->ch[i].shown;
	x->fd[i].n_choices = x->ch[i].n;
}

/* The value behind the choice shown in field i ("" for "(any)"). */
static const char *value_of(const xview *x, size_t i, const char *shown)
{
	for (size_t k = 0; shown && k < x->ch[i].n; k++)
		if (!strcmp(x->ch[i].shown[k], shown))
			return x->ch[i].value[k];
	return "";
}

static void fill_choices(xview *x)
{
	lf_tui *t = x->t;
	const char *any = _("(any)");
	lf_choices_add(&x->ch[F_QUEUE], any, "");
	for (int q = 0; q < LF_Q_COUNT; q++)
		if (lf_queue_visible(t->me, (lf_queue_id)q))
			lf_choices_add(&x->ch[F_QUEUE], lf_queue_label((lf_queue_id)q), lf_queue_key((lf_queue_id)q));
	lf_choices_add(&x->ch[F_UNIT], any, "");
	lf_choices units = {0};
	char msg[512] = "";
	lf_units_of(t, NULL, &units, msg, sizeof msg);
	for (size_t i = 0; i < units.n; i++)
		lf_choices_add(&x->ch[F_UNIT], units.shown[i], units.value[i]);
	lf_choices_free(&units);
	lf_choices_add(&x->ch[F_STATUS], any, "");
	for (int s = 0; s < LF_ST_COUNT; s++)
		lf_choices_add(&x->ch[F_STATUS], lf_state_label((lf_case_state)s), lf_state_id((lf_case_state)s));
	lf_choices_add(&x->ch[F_FORMAT], _("CSV (UTF-8 with BOM)"), "csv");
	lf_choices_add(&x->ch[F_FORMAT], "JSON", "json");
}

/* Enter on a choice field: the list to pick from. */
static bool key(void *ctx, int kind, wint_t k, lf_action a, bool enter)
{
	(void)kind, (void)k, (void)a;
	xview *x = ctx;
	size_t i = x->v.focus;
	if (!enter || x->fd[i].kind != LF_FIELD_CHOICE || x->ch[i].n == 0)
		return false;
	int r = lf_dialog_menu(x->fd[i].label, (const char *const *)x->ch[i].shown, x->ch[i].n);
	if (r >= 0) {
		lf_form_view_set(&x->v, i, x->ch[i].shown[r]);
		lf_form_view_focus_next(&x->v, 1);
	}
	return true;
}

/* Editing keys: the view's, and a change of format takes the default
 * file's extension with it while the file is still the default. */
static bool edit(void *ctx, int kind, wint_t k, lf_action a)
{
	xview *x = ctx;
	if (x->v.focus != F_FORMAT)
		return false;
	char *path = lf_form_view_get(&x->v, F_PATH);
	if (a != LF_A_NONE || kind == OK)
		lf_form_view_edit(&x->v, a, k);
	char *fmt = lf_form_view_get(&x->v, F_FORMAT);
	bool json = !strcmp(value_of(x, F_FORMAT, fmt), "json");
	if (path && (!strcmp(path, x->def_path[0]) || !strcmp(path, x->def_path[1])))
		lf_form_view_set(&x->v, F_PATH, x->def_path[json]);
	free(fmt);
	free(path);
	return true;
}

static bool fail(xview *x, size_t focus, const char *msg)
{
	lf_copy_text(x->s.msg, sizeof x->s.msg, msg);
	x->s.msg_kind = LF_MSG_ERROR;
	lf_form_view_focus(&x->v, focus);
	return false;
}

static bool date_field(xview *x, size_t i, const char *v)
{
	lf_date d;
	if (!*v || (lf_date_parse(v, &d) && lf_date_valid(d.y, d.m, d.d)))
		return true;
	char msg[256];
	snprintf(msg, sizeof msg, _("%s: a date like 2026-11-23, please."), x->fd[i].label);
	return fail(x, i, msg);
}

/* F2 (or Enter on the file): write. The form stays open with the outcome,
 * so a second ledger needs no retyping. */
static bool submit(void *ctx)
{
	xview *x = ctx;
	char *v[F_COUNT];
	for (size_t i = 0; i < F_COUNT; i++) {
		v[i] = lf_form_view_get(&x->v, i);
		if (!v[i]) {
			for (size_t k = 0; k < i; k++)
				free(v[k]);
			return fail(x, x->v.focus, _("out of memory"));
		}
		lf_text_trim(v[i]);
	}
	char path[1024];
	const char *home = getenv("HOME");
	/* ~/ as a shell would read it. */
	if (!strncmp(v[F_PATH], "~/", 2))
		snprintf(path, sizeof path, "%s/%s", home ? home : ".", v[F_PATH] + 2);
	else
		snprintf(path, sizeof path, "%s", v[F_PATH]);
	lf_ledger_format fmt = LF_LEDGER_CSV;
	struct stat sb;
	bool ok = date_field(x, F_FROM, v[F_FROM]) && date_field(x, F_TO, v[F_TO]);
	if (ok && *v[F_FROM] && *v[F_TO] && strcmp(v[F_FROM], v[F_TO]) > 0)
		ok = fail(x, F_TO, _("To: a date on or after From, please."));
	if (ok && !lf_ledger_format_parse(value_of(x, F_FORMAT, v[F_FORMAT]), &fmt))
		ok = fail(x, F_FORMAT, _("Format: CSV or JSON, please (Enter: choose)."));
	if (ok && !path[0])
		ok = fail(x, F_PATH, _("File: where to write the ledger, please."));
	if (ok && stat(path, &sb) == 0) {
		char q[1200];
		snprintf(q, sizeof q, _("%s exists. Replace it?"), path);
		if (!lf_dialog_confirm(q, false))
			ok = fail(x, F_PATH, _("Nothing was written."));
	}
	if (ok) {
		lf_ledger_query q = {.from = v[F_FROM], .to = v[F_TO], .queue = value_of(x, F_QUEUE, v[F_QUEUE]),
		                     .unit = value_of(x, F_UNIT, v[F_UNIT]),
		                     .status = value_of(x, F_STATUS, v[F_STATUS])};
		char msg[1024] = "";
		size_t n = 0;
		if (lf_ledger_write_file(x->t->st, x->t->me, &q, fmt, path, &n, msg, sizeof msg) != LF_STORE_OK) {
			lf_one_line(msg, sizeof msg);
			fail(x, x->v.focus, msg);
		} else {
			/* The file as typed: ~/ keeps it on the line. */
			snprintf(msg, sizeof msg, _("%zu case(s) written to %s"), n, v[F_PATH]);
			lf_copy_text(x->s.msg, sizeof x->s.msg, msg);
			x->s.msg_kind = LF_MSG_OK;
		}
	}
	for (size_t i = 0; i < F_COUNT; i++)
		free(v[i]);
	return false;
}

void lf_export_run(lf_tui *t)
{
	char why[512];
	if (!lf_require(t->me, LF_PERM_EXPORT, why, sizeof why)) {
		lf_dialog_text(_("Export the ledger"), why);
		return;
	}
	xview *x = calloc(1, sizeof *x);
	if (!x)
		return;
	x->t = t;
	fill_choices(x);
	/* One column more than the date: the cursor after it needs one. */
	field(x, F_FROM, _("From (received)"), LF_FIELD_TEXT, 11, 10);
	field(x, F_TO, _("To (received)"), LF_FIELD_TEXT, 11, 10);
	choice(x, F_QUEUE, _("Queue"), 24);
	choice(x, F_UNIT, _("Unit"), 40);
	choice(x, F_STATUS, _("Status"), 24);
	choice(x, F_FORMAT, _("Format"), 24);
	field(x, F_PATH, _("File"), LF_FIELD_TEXT, 60, 1000);
	x->def = (lf_form_def){.id = (char *)"export", .title = (char *)"", .fields = x->fd, .n_fields = F_COUNT};
	char today[LF_DATE_LEN], ymd[16];
	lf_date_format(lf_date_today(), today);
	size_t k = 0;
	for (const char *p = today; *p && k + 1 < sizeof ymd; p++)
		if (*p != '-')
			ymd[k++] = *p;
	ymd[k] = '\0';
	/* In the home directory, written ~/ so it fits the box. */
	snprintf(x->def_path[0], sizeof x->def_path[0], "~/laifang-ledger-%s.csv", ymd);
	snprintf(x->def_path[1], sizeof x->def_path[1], "~/laifang-ledger-%s.json", ymd);
	lf_form_view_init(&x->v, &x->def, false);
	for (size_t i = F_QUEUE; i <= F_FORMAT; i++) {
		lf_form_view_set(&x->v, i, x->ch[i].n ? x->ch[i].shown[0] : "");
		lf_form_view_note(&x->v, i, _("Enter: choose"));
	}
	lf_form_view_set(&x->v, F_PATH, x->def_path[0]);
	lf_form_view_note(&x->v, F_FROM, _("YYYY-MM-DD, empty: any"));
	lf_form_view_note(&x->v, F_TO, _("YYYY-MM-DD, empty: any"));
	lf_form_view_focus(&x->v, F_FROM);
	x->s = (lf_form_screen){
		.v = &x->v,
		.title = _("Export the ledger (台账): F2 writes the file"),
		.about = _("The cases received between From and To (each inclusive; empty: any), narrowed by a queue, "
		           "the lead unit and the status, written as CSV (UTF-8 with BOM, for spreadsheets) or JSON "
		           "to the file, readable only by you. Every export is recorded in the audit log."),
		.ctx = x,
		.submit = submit,
		.key = key,
		.edit = edit,
	};
	lf_form_screen_run(t, &x->s);
	lf_form_view_free(&x->v);
	for (size_t i = 0; i < F_COUNT; i++)
		lf_choices_free(&x->ch[i]);
	free(x);
}
