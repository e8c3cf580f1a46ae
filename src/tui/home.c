/* The home screen: today's registrations, and the way into a new sheet. */
#include "tui_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/draft.h"
#include "laifang/i18n.h"
#include "laifang/mask.h"
#include "laifang/text.h"

typedef struct home_row {
	char case_no[16];
	char time[6];
	char *name;
	char id_masked[40]; /* a list never shows an ID number in full */
	char *gist; /* the content's first line */
	bool repeat;
} home_row;

typedef struct home {
	lf_tui *t;
	home_row *rows;
	size_t n, cap;
	size_t sel, top;
	char today[LF_DATE_LEN];
	char who[256]; /* 姓名（接待人员、接访领导） for the title row */
	char msg[512];
	lf_msg_kind msg_kind;
} home;

static void rows_free(home *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->rows[i].name);
		free(h->rows[i].gist);
	}
	free(h->rows);
	h->rows = NULL;
	h->n = h->cap = 0;
}

static int add_row(const lf_case *c, void *ud)
{
	home *h = ud;
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 32;
		home_row *r = realloc(h->rows, cap * sizeof *r);
		if (!r)
			return 1;
		h->rows = r;
		h->cap = cap;
	}
	home_row *r = &h->rows[h->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->case_no, sizeof r->case_no, "%s", c->case_no ? c->case_no : "");
	if (c->created_at && strlen(c->created_at) >= 16)
		snprintf(r->time, sizeof r->time, "%.5s", c->created_at + 11);
	r->name = strdup(c->name ? c->name : "");
	lf_mask_id_number(c->id_number, r->id_masked, sizeof r->id_masked);
	const char *content = c->content ? c->content : "";
	const char *nl = strchr(content, '\n');
	size_t len = nl ? (size_t)(nl - content) : strlen(content);
	r->gist = lf_text_clean(content, len, false, NULL);
	r->repeat = c->repeat;
	return 0;
}

static void load(home *h)
{
	rows_free(h);
	lf_date_format(lf_date_today(), h->today);
	if (lf_store_cases_on(h->t->st, h->today, add_row, h) != LF_STORE_OK) {
		snprintf(h->msg, sizeof h->msg, "%s", lf_store_errmsg(h->t->st));
		h->msg_kind = LF_MSG_ERROR;
	}
	if (h->sel >= h->n)
		h->sel = h->n ? h->n - 1 : 0;
}

static int list_rows(void)
{
	return LINES - 6; /* title, heading, column names; message and key bar; one spare */
}

static void draw(void *ctx)
{
	home *h = ctx;
	erase();
	char line[256];
	attron(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	lf_draw_blank(stdscr, 0, 0, COLS);
	snprintf(line, sizeof line, _("laifang · petition reception desk · %s · %s"), h->today, h->who);
	lf_draw_text(stdscr, 0, 1, line, COLS - 2);
	attroff(COLOR_PAIR(LF_C_TITLE) | A_BOLD);

	snprintf(line, sizeof line, _("Today's registrations: %zu"), h->n);
	attron(A_BOLD);
	lf_draw_text(stdscr, 1, 1, line, COLS - 2);
	attroff(A_BOLD);

	/* Columns: number 11, time 5, name 11, ID number 18 (masked), repeat
	 * flag 6, the gist takes the rest. */
	int c_no = 1, c_time = 14, c_name = 21, c_id = 33, c_gist = 52, c_rep = COLS - 7;
	attron(COLOR_PAIR(LF_C_LABEL));
	lf_draw_text(stdscr, 2, c_no, _("Case no."), 12);
	lf_draw_text(stdscr, 2, c_time, _("Time"), 6);
	lf_draw_text(stdscr, 2, c_name, _("Visitor"), c_id - c_name - 1);
	lf_draw_text(stdscr, 2, c_id, _("ID number"), c_gist - c_id - 1);
	lf_draw_text(stdscr, 2, c_gist, _("Content"), c_rep - c_gist - 1);
	lf_draw_text(stdscr, 2, c_rep, _("Repeat"), 6);
	attroff(COLOR_PAIR(LF_C_LABEL));

	int rows = list_rows();
	if (h->sel < h->top)
		h->top = h->sel;
	if (rows > 0 && h->sel >= h->top + (size_t)rows)
		h->top = h->sel - (size_t)rows + 1;
	if (h->n == 0)
		lf_draw_text(stdscr, 4, 3,
		             lf_action_allowed(LF_A_NEW, LF_S_HOME, NULL, 0)
		                 ? _("No visitor registered today. Press F4 to register one.")
		                 : _("No visitor registered today."),
		             COLS - 4);
	for (int k = 0; k < rows && h->top + (size_t)k < h->n; k++) {
		size_t i = h->top + (size_t)k;
		home_row *r = &h->rows[i];
		int y = 3 + k;
		if (i == h->sel) {
			attron(COLOR_PAIR(LF_C_SELECT));
			lf_draw_blank(stdscr, y, 0, COLS);
		}
		lf_draw_text(stdscr, y, c_no, r->case_no, 12);
		lf_draw_text(stdscr, y, c_time, r->time, 6);
		lf_draw_text(stdscr, y, c_name, r->name, c_id - c_name - 1);
		lf_draw_text(stdscr, y, c_id, r->id_masked, c_gist - c_id - 1);
		lf_draw_text(stdscr, y, c_gist, r->gist, c_rep - c_gist - 1);
		if (r->repeat)
			lf_draw_text(stdscr, y, c_rep, _("repeat"), 6);
		if (i == h->sel)
			attroff(COLOR_PAIR(LF_C_SELECT));
	}
	lf_draw_message(h->msg, h->msg_kind);
	lf_draw_keybar(LF_S_HOME);
	curs_set(0);
}

/* A sheet left unsaved by a crash or a kill is offered back first thing. */
static void offer_draft(home *h)
{
	const lf_form_def *form = h->t->form;
	const char **ids = calloc(form->n_fields, sizeof *ids);
	char **values = calloc(form->n_fields, sizeof *values);
	if (!ids || !values)
		goto cleanup;
	for (size_t i = 0; i < form->n_fields; i++)
		ids[i] = form->fields[i].id;
	int r = lf_draft_load(form->id, ids, values, form->n_fields);
	if (r < 0) {
		snprintf(h->msg, sizeof h->msg, _("The draft could not be read: %s"), strerror(errno));
		h->msg_kind = LF_MSG_ERROR;
	} else if (r > 0) {
		if (lf_dialog_confirm(_("A registration sheet was being typed when laifang last stopped and was "
		                        "not saved. Open it again? (n drops it)"),
		                      true)) {
			char no[16];
			if (lf_sheet_run(h->t, values, no, sizeof no)) {
				snprintf(h->msg, sizeof h->msg, _("Saved as case %s."), no);
				h->msg_kind = LF_MSG_OK;
			}
		} else {
			lf_draft_discard(form->id);
		}
	}
cleanup:
	lf_form_values_free(values, form->n_fields);
	free(ids);
}

/* F9: the administrator's menu. */
static void admin_menu(lf_tui *t)
{
	const char *items[] = {_("Users"), _("Units")};
	int c = lf_dialog_menu(_("Administration"), items, 2);
	if (c == 0)
		lf_admin_users_run(t);
	else if (c == 1)
		lf_admin_units_run(t);
}

void lf_home_run(lf_tui *t)
{
	home h = {.t = t};
	char roles[160] = "";
	if (t->me) {
		lf_roles_format(t->me->roles, true, roles, sizeof roles);
		snprintf(h.who, sizeof h.who, "%s（%s）", t->me->name ? t->me->name : t->user, roles);
	} else {
		snprintf(h.who, sizeof h.who, "%s", t->user ? t->user : "");
	}
	load(&h);
	lf_tui_push(draw, &h);
	lf_redraw_all();
	/* A draft is a sheet being registered: offered to who may register. */
	if (lf_action_allowed(LF_A_NEW, LF_S_HOME, NULL, 0))
		offer_draft(&h);
	load(&h);

	while (!t->quit) {
		lf_redraw_all();
		wint_t key;
		int kind = lf_read_key(&key, -1);
		if (kind == ERR)
			continue;
		lf_action a = lf_key_action(kind, key, LF_S_HOME);
		h.msg[0] = '\0';
		if (!lf_action_allowed(a, LF_S_HOME, h.msg, sizeof h.msg)) {
			h.msg_kind = LF_MSG_ERROR; /* core's refusal, as said */
			continue;
		}
		int page = list_rows() > 1 ? list_rows() - 1 : 1;
		switch (a) {
		case LF_A_QUIT:
			t->quit = true;
			break;
		case LF_A_DOWN:
			if (h.sel + 1 < h.n)
				h.sel++;
			break;
		case LF_A_UP:
			if (h.sel > 0)
				h.sel--;
			break;
		case LF_A_PAGE_DOWN:
			h.sel = h.sel + (size_t)page < h.n ? h.sel + (size_t)page : (h.n ? h.n - 1 : 0);
			break;
		case LF_A_PAGE_UP:
			h.sel = h.sel > (size_t)page ? h.sel - (size_t)page : 0;
			break;
		case LF_A_HOME:
			h.sel = 0;
			break;
		case LF_A_END:
			h.sel = h.n ? h.n - 1 : 0;
			break;
		case LF_A_REFRESH:
			load(&h);
			break;
		case LF_A_HELP: {
			char *text = lf_keys_help(LF_S_HOME);
			lf_dialog_text(_("Keys of the home screen"), text ? text : "");
			free(text);
			break;
		}
		case LF_A_NEW: {
			char no[16];
			if (lf_sheet_run(t, NULL, no, sizeof no)) {
				snprintf(h.msg, sizeof h.msg, _("Saved as case %s."), no);
				h.msg_kind = LF_MSG_OK;
				load(&h);
				h.sel = 0; /* newest first */
			}
			break;
		}
		case LF_A_OPEN:
			if (h.n > 0)
				lf_case_view_run(t, h.rows[h.sel].case_no);
			load(&h);
			break;
		case LF_A_AUDIT:
			lf_audit_view_run(t, NULL);
			break;
		case LF_A_ADMIN:
			admin_menu(t);
			break;
		default:
			break;
		}
	}
	lf_tui_pop();
	rows_free(&h);
}
