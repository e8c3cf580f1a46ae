/* The home screen: today's registrations, and the way into a new sheet. */
#include "list_window.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/case_read.h"
#include "laifang/office.h"
#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/draft.h"
#include "laifang/safe_file.h"
#include "laifang/i18n.h"
#include "laifang/mask.h"
#include "laifang/reception.h"
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
	lf_list l; /* the rows near the view (list_window.h) */
	lf_window w;
	lf_list *into; /* where add_row puts a row read */
	long count;    /* the day's cases, up to LF_QUEUE_COUNT_CAP + 1 */
	char today[LF_DATE_LEN];
	char who[256]; /* 姓名（接待人员、接访领导） for the title row */
	char msg[512];
	lf_msg_kind msg_kind;
	/* Until a left-over draft has been looked for (and offered), home shows
	 * only its title: "Today's registrations" then means no offer is
	 * coming, for the clerk and for a test reading the screen. */
	bool looking_for_draft;
	int view_key; /* the digit of LF_A_VIEW_OPEN (pre) */
} home;

/* Number 11, time 5, name 11, ID number 18 (masked), repeat flag 6, the
 * gist takes the rest. */
static const lf_list_col columns[] = {
	{N_("Case no."), 12}, {N_("Time"), 6}, {N_("Visitor"), 11},
	{N_("ID number"), 18}, {N_("Content"), 0}, {N_("Repeat"), 6},
};

static void row_free(void *p)
{
	home_row *r = p;
	free(r->name);
	free(r->gist);
}

static int add_row(const lf_case *c, void *ud)
{
	home *h = ud;
	home_row *r = lf_list_push(h->into);
	if (!r)
		return 1;
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

static const char *cell(void *ctx, const void *row, size_t col, char *buf, size_t len, int *attr)
{
	(void)ctx, (void)buf, (void)len, (void)attr;
	const home_row *r = row;
	const char *text[] = {r->case_no, r->time, r->name, r->id_masked, r->gist, r->repeat ? _("repeat") : NULL};
	return text[col];
}

/* Up to limit of the day's cases next to from (list_window.h). */
static bool read_rows(void *ctx, const void *from, bool up, size_t limit, lf_list *into)
{
	home *h = ctx;
	h->into = into;
	lf_store_err e = lf_case_read_home_page(h->t->st, h->t->me, h->today, from ? ((const home_row *)from)->case_no : NULL,
	                                        up, (int)limit, add_row, h);
	h->into = NULL;
	if (e != LF_STORE_OK) {
		snprintf(h->msg, sizeof h->msg, "%s", lf_office_errmsg(h->t->st));
		h->msg_kind = LF_MSG_ERROR;
		return false;
	}
	return true;
}

/* The day's cases read again: where the selection is (keep_place), or
 * from the newest; a new day starts from its newest. */
static void load_at(home *h, bool keep_place)
{
	char was[LF_DATE_LEN];
	snprintf(was, sizeof was, "%s", h->today);
	lf_date_format(lf_date_today(), h->today);
	if (strcmp(was, h->today))
		keep_place = false;
	if (lf_case_count_home(h->t->st, h->t->me, h->today, LF_QUEUE_COUNT_CAP, &h->count) != LF_STORE_OK) {
		snprintf(h->msg, sizeof h->msg, "%s", lf_office_errmsg(h->t->st));
		h->msg_kind = LF_MSG_ERROR;
	}
	const home_row *at = keep_place ? lf_list_current(&h->l) : NULL;
	lf_window_at(&h->w, at, lf_window_line(&h->w));
}

static void load(home *h)
{
	load_at(h, true);
}

/* Issue 14: cases another desk registers today (or changes) come onto the
 * list as they are saved. */
static void follow(void *ctx)
{
	load(ctx);
}

static const char *row_key(const void *row)
{
	return ((const home_row *)row)->case_no;
}

static void draw(void *ctx)
{
	home *h = ctx;
	erase();
	char line[256];
	snprintf(line, sizeof line, _("laifang · petition reception desk · %s · %s"), h->today, h->who);
	lf_draw_title(line);
	if (h->looking_for_draft) {
		lf_draw_foot(h->msg, h->msg_kind, LF_S_HOME);
		return;
	}
	bool unit = lf_home_unit_only(h->t->me); /* a handler: the unit's cases only */
	char count[24];
	lf_queue_count_text(h->count, count, sizeof count);
	snprintf(line, sizeof line, unit ? _("Today's registrations for your unit: %s") : _("Today's registrations: %s"),
	         count);
	lf_draw_bold(1, line);
	h->l.empty = unit ? _("No case of your unit was registered today.")
	             : lf_action_allowed(LF_A_NEW, LF_S_HOME, NULL, 0)
	                 ? _("No visitor registered today. Press F4 to register one.")
	                 : _("No visitor registered today.");
	lf_list_draw(&h->l);
	lf_draw_foot(h->msg, h->msg_kind, LF_S_HOME);
}

/* "Saved as case …", and the key of the visitor's receipt (issue 15): the
 * saved case is the newest, selected on the list. */
static void saved_message(home *h, const char *no)
{
	char saved[128];
	snprintf(saved, sizeof saved, _("Saved as case %s."), no);
	snprintf(h->msg, sizeof h->msg, "%s %s", saved, _("p: print the visitor's receipt (回执)."));
}

/* A sheet left unsaved by a crash or a kill is offered back first thing. */
static void offer_draft(home *h)
{
	const lf_form_def *form = h->t->form;
	/* The fields, and last where the clerk was (LF_DRAFT_FOCUS). */
	const char **ids = calloc(form->n_fields + 1, sizeof *ids);
	char **values = calloc(form->n_fields + 1, sizeof *values);
	if (!ids || !values)
		goto cleanup;
	for (size_t i = 0; i < form->n_fields; i++)
		ids[i] = form->fields[i].id;
	ids[form->n_fields] = LF_DRAFT_FOCUS;
	lf_draft *d = lf_tui_draft(h->t);
	int r = d ? lf_draft_load(d, ids, values, form->n_fields + 1) : -1;
	if (r < 0) {
		snprintf(h->msg, sizeof h->msg, _("The draft could not be read: %s"), lf_safe_strerror(errno));
		h->msg_kind = LF_MSG_ERROR;
	} else if (r > 0) {
		if (lf_dialog_confirm(_("A registration sheet was being typed when laifang last stopped and was "
		                        "not saved. Open it again? (n drops it)"),
		                      true)) {
			char no[16];
			if (lf_sheet_run_at(h->t, values, values[form->n_fields], no, sizeof no)) {
				saved_message(h, no);
				h->msg_kind = LF_MSG_OK;
			}
		} else {
			lf_draft_discard(d);
		}
	}
cleanup:
	lf_form_values_free(values, values ? form->n_fields + 1 : 0);
	free(ids);
}

/* F9: the administrator's menu. */
static void admin_menu(home *h)
{
	lf_tui *t = h->t;
	const char *items[] = {_("Users"), _("Units"), _("Office (机关信息)")};
	int c = lf_dialog_menu(_("Administration"), items, 3);
	if (c == 0)
		lf_admin_users_run(t);
	else if (c == 1)
		lf_admin_units_run(t);
	else if (c == 2)
		h->msg_kind = lf_admin_office_run(t, h->msg, sizeof h->msg) ? LF_MSG_OK : LF_MSG_ERROR;
}

/* The screens that open from home besides the lists: search, the
 * statistics, the schedule, the reception-day log (each on its own key
 * too). */
static void open_screen(home *h, lf_action a)
{
	lf_tui *t = h->t;
	switch (a) {
	case LF_A_SEARCH:
		lf_search_run(t);
		break;
	case LF_A_REPORT:
		lf_report_run(t);
		break;
	case LF_A_SCHEDULE:
		lf_schedule_run(t);
		break;
	case LF_A_RECEPTION_LOG:
		lf_reception_log_run(t, h->today);
		break;
	case LF_A_EXPORT:
		lf_export_run(t);
		break;
	default:
		return;
	}
	load(h);
}

/* F2: a menu of those screens, each only when the user may open it. */
/* Issue 13: a letter (or fax) or a phone call on its own form, through the
 * same sheet as a visit. The sheet's draft is the form's own (a letter
 * typed halfway never lands in the visit sheet's draft). */
static void new_by_channel(home *h, const char *form_id)
{
	lf_tui *t = h->t;
	char err[256], no[16];
	const lf_form_def *form = lf_form_get(form_id, err, sizeof err);
	if (!form) {
		lf_dialog_text(_("Cannot open the form"), err);
		return;
	}
	const lf_form_def *visit = t->form;
	lf_tui_draft_close(t);
	t->form = form;
	bool saved = lf_sheet_run(t, NULL, no, sizeof no);
	lf_tui_draft_close(t);
	t->form = visit;
	if (saved) {
		saved_message(h, no);
		h->msg_kind = LF_MSG_OK;
		load_at(h, false); /* newest first: the saved case on top */
	}
}

static void more_menu(home *h)
{
	static const struct {
		lf_action a;
		const char *label;
	} screens[] = {
		{LF_A_NEW_LETTER, N_("Register a letter or fax (来信登记)")},
		{LF_A_NEW_CALL, N_("Register a phone call (来电登记)")},
		{LF_A_SEARCH, N_("Search cases")},
		{LF_A_REPORT, N_("Statistics (报表)")},
		{LF_A_SCHEDULE, N_("The reception schedule (排班)")},
		{LF_A_RECEPTION_LOG, N_("Today's reception-day log (接访日志)")},
		{LF_A_EXPORT, N_("Export the ledger (台账)")},
		{LF_A_LOGOUT, N_("Log out / switch user")},
	};
	const char *items[sizeof screens / sizeof screens[0]];
	lf_action which[sizeof screens / sizeof screens[0]];
	size_t n = 0;
	for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++)
		if (lf_action_allowed(screens[i].a, LF_S_HOME, NULL, 0)) {
			items[n] = _(screens[i].label);
			which[n++] = screens[i].a;
		}
	int c = lf_dialog_menu(_("More"), items, n);
	if (c >= 0 && which[c] == LF_A_LOGOUT)
		h->t->logout = true;
	else if (c >= 0 && (which[c] == LF_A_NEW_LETTER || which[c] == LF_A_NEW_CALL))
		new_by_channel(h, which[c] == LF_A_NEW_LETTER ? "letter" : "call");
	else if (c >= 0)
		open_screen(h, which[c]);
}

static void start(void *ctx)
{
	home *h = ctx;
	/* A draft is a sheet being registered: offered to who may register. */
	h->looking_for_draft = lf_action_allowed(LF_A_NEW, LF_S_HOME, NULL, 0);
	lf_redraw_all();
	if (h->looking_for_draft)
		offer_draft(h);
	h->looking_for_draft = false;
	load(h);
}

/* Which digit opened a saved view. */
static bool pre(void *ctx, int kind, wint_t key, lf_action a)
{
	home *h = ctx;
	if (a != LF_A_NONE && lf_window_key(&h->w, a)) { /* the moving keys: at most a page read */
		h->msg[0] = '\0'; /* as any key clears the last word */
		return true;
	}
	if (a == LF_A_VIEW_OPEN && kind != KEY_CODE_YES && key >= '1' && key <= '9')
		h->view_key = (int)(key - '0');
	return false;
}

static bool act(void *ctx, lf_action a)
{
	home *h = ctx;
	lf_tui *t = h->t;
	switch (a) {
	case LF_A_REFRESH:
		load(h);
		break;
	case LF_A_NEW: {
		char no[16];
		if (lf_sheet_run(t, NULL, no, sizeof no)) {
			saved_message(h, no);
			h->msg_kind = LF_MSG_OK;
			load_at(h, false); /* newest first: the saved case on top */
		}
		break;
	}
	case LF_A_NEW_LETTER:
	case LF_A_NEW_CALL:
		new_by_channel(h, a == LF_A_NEW_LETTER ? "letter" : "call");
		break;
	case LF_A_OPEN:
		if (h->l.n > 0)
			lf_case_view_run(t, ((home_row *)lf_list_current(&h->l))->case_no);
		load(h);
		break;
	case LF_A_AUDIT:
		lf_audit_view_run(t, NULL);
		break;
	case LF_A_QUERY:
		lf_query_dialog(t);
		break;
	case LF_A_RECEIPT:
		if (h->l.n > 0)
			lf_print_receipt_dialog(t, ((home_row *)lf_list_current(&h->l))->case_no);
		break;
	case LF_A_ADMIN:
		admin_menu(h);
		break;
	case LF_A_QUEUES:
		lf_queue_menu_run(t);
		load(h);
		break;
	case LF_A_WAITING:
		lf_waiting_run(t);
		load(h);
		break;
	case LF_A_MORE:
		more_menu(h);
		break;
	case LF_A_VIEW_OPEN:
		h->msg[0] = '\0';
		/* Not from a digit (a menu of actions): the list to choose from. */
		if (h->view_key < 1) {
			lf_views_menu_run(t, h->msg, sizeof h->msg);
			h->msg_kind = LF_MSG_NOTE;
		} else if (!lf_views_open_number(t, h->view_key, h->msg, sizeof h->msg)) {
			h->msg_kind = LF_MSG_ERROR;
		}
		h->view_key = 0;
		load(h);
		break;
	case LF_A_VIEWS:
		h->msg[0] = '\0';
		lf_views_menu_run(t, h->msg, sizeof h->msg);
		h->msg_kind = LF_MSG_NOTE;
		load(h);
		break;
	case LF_A_LOGOUT:
		t->logout = true;
		return true;
	default:
		open_screen(h, a);
		break;
	}
	return false;
}

void lf_home_run(lf_tui *t)
{
	home h = {.t = t};
	h.l = (lf_list){.row_size = sizeof(home_row), .cols = columns, .ncols = sizeof columns / sizeof columns[0],
	                .x0 = 1, .margin = 1, .y = 2, .ctx = &h, .cell = cell, .row_free = row_free};
	h.w = (lf_window){.l = &h.l, .ctx = &h, .read = read_rows};
	char roles[160] = "";
	if (t->me) {
		lf_roles_format(t->me->roles, true, roles, sizeof roles);
		snprintf(h.who, sizeof h.who, "%s（%s）", t->me->name ? t->me->name : t->user, roles);
	} else {
		snprintf(h.who, sizeof h.who, "%s", t->user ? t->user : "");
	}
	load(&h);
	/* A published schedule changed since: the public table is out of date
	 * until the month is published again (issue 11). Everyone sees it. */
	if (!h.msg[0] && t->me && lf_schedule_stale_notice(t->st, lf_date_today(), h.msg, sizeof h.msg))
		h.msg_kind = LF_MSG_ERROR;
	/* Whoever publishes the schedule is reminded from three working days
	 * before its deadline. */
	if (!h.msg[0] && t->me && lf_can(t->me->roles, LF_PERM_ADMINISTER) &&
	    lf_schedule_reminder(t->st, lf_date_today(), h.msg, sizeof h.msg))
		h.msg_kind = LF_MSG_NOTE;
	lf_list_screen s = {.t = t, .l = &h.l, .screen = LF_S_HOME, .draw = draw, .ctx = &h, .msg = h.msg,
	                    .msglen = sizeof h.msg, .msg_kind = &h.msg_kind,
	                    .help_title = _("Keys of the home screen"), .start = start, .pre = pre, .act = act,
	                    .follow = follow, .row_key = row_key};
	lf_list_run(&s);
	lf_list_clear(&h.l);
}
