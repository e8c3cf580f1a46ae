/* The audit log on screen (admin, supervisor): newest first, only the
 * rows near the view held (list_window.h), each page read by key on the
 * sequence number in either direction, filtered by case, by user, by day.
 * Enter shows one entry in full, hashes included. */
#include "list_window.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/case_read.h"
#include "laifang/office.h"
#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/audit.h"
#include "laifang/people.h"
#include "laifang/store_audit.h"
#include "laifang/text.h"


typedef struct arow {
	long long seq;
	char at[26];
	char *login, *action, *record, *changes;
	char prev_hash[65], hash[65];
} arow;

#define RECENT 128

/* Ids seen in the log, with what to show for them (a login, a unit's name,
 * a case number); label NULL when the id is none of these. */
typedef struct aname {
	char *id;
	char *label;
} aname;

typedef struct audit {
	lf_tui *t;
	lf_list l; /* the rows near the view only */
	lf_window w;
	lf_list *cur; /* where add_row puts what is read */
	char f_record[64], f_login[64], f_day[LF_DATE_LEN];
	aname *names; /* users and units */
	size_t n_names;
	aname recent[RECENT]; /* cases asked last */
	size_t next_recent;
	char msg[512];
	lf_msg_kind msg_kind;
	lf_list_col cols[6]; /* columns[], the number's as wide as the newest */
} audit;

/* ---- reading ------------------------------------------------------------- */

static void names_add(audit *a, const char *id, const char *label)
{
	aname *r = realloc(a->names, (a->n_names + 1) * sizeof *r);
	if (!r)
		return;
	a->names = r;
	r[a->n_names].id = strdup(id);
	r[a->n_names].label = label ? strdup(label) : NULL;
	if (r[a->n_names].id)
		a->n_names++;
	else
		free(r[a->n_names].label);
}

static int name_user(const lf_user *u, void *ud)
{
	names_add(ud, u->id, u->login);
	return 0;
}

static int name_unit(const lf_unit *u, void *ud)
{
	names_add(ud, u->id, u->name);
	return 0;
}

/* What to show for a record id: a login, a unit's name or a case number.
 * Users and units are all known; a case is asked of the store once and
 * kept among the last RECENT asked (the rows in view and some), so the
 * cache stays the same size however far the log is scrolled. */
static const char *resolve(audit *a, const char *id)
{
	if (!id || !*id)
		return NULL;
	for (size_t i = 0; i < a->n_names; i++)
		if (!strcmp(a->names[i].id, id))
			return a->names[i].label;
	for (size_t i = 0; i < RECENT; i++)
		if (a->recent[i].id && !strcmp(a->recent[i].id, id))
			return a->recent[i].label;
	aname *r = &a->recent[a->next_recent];
	a->next_recent = (a->next_recent + 1) % RECENT;
	free(r->id);
	free(r->label);
	r->id = strdup(id);
	r->label = NULL;
	lf_case c;
	memset(&c, 0, sizeof c);
	if (lf_case_read(a->t->st, id, &c) == LF_STORE_OK) {
		r->label = c.case_no ? strdup(c.case_no) : NULL;
		lf_case_free(&c);
	}
	/* NULL: not a case (asked once, not on every redraw). */
	return r->label;
}

static void names_free(audit *a)
{
	for (size_t i = 0; i < a->n_names; i++) {
		free(a->names[i].id);
		free(a->names[i].label);
	}
	free(a->names);
	a->names = NULL;
	a->n_names = 0;
	for (size_t i = 0; i < RECENT; i++) {
		free(a->recent[i].id);
		free(a->recent[i].label);
		a->recent[i].id = a->recent[i].label = NULL;
	}
	a->next_recent = 0;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int add_row(const lf_audit_entry *e, void *ud)
{
	audit *a = ud;
	arow *r = lf_list_push(a->cur);
	if (!r)
		return 1;
	r->seq = e->seq;
	snprintf(r->at, sizeof r->at, "%s", e->at);
	r->login = dup_or_null(e->login);
	r->action = dup_or_null(e->action);
	r->record = dup_or_null(e->record);
	r->changes = dup_or_null(e->changes);
	snprintf(r->prev_hash, sizeof r->prev_hash, "%s", e->prev_hash);
	snprintf(r->hash, sizeof r->hash, "%s", e->hash);
	return 0;
}

static void row_free(void *p)
{
	arow *r = p;
	free(r->login);
	free(r->action);
	free(r->record);
	free(r->changes);
}

/* Up to limit entries next to from (keyset on seq): older ones going down,
 * newer ones going up; from NULL: the newest down, or the oldest up. */
static bool read_rows(void *ctx, const void *from, bool up, size_t limit, lf_list *into)
{
	audit *a = ctx;
	const arow *r = from;
	lf_audit_filter f = {
		.record = a->f_record[0] ? a->f_record : NULL,
		.login = a->f_login[0] ? a->f_login : NULL,
		.day = a->f_day[0] ? a->f_day : NULL,
		.before_seq = r && !up ? r->seq : 0,
		.after_seq = r && up ? r->seq : 0,
		.oldest_first = up,
		.limit = (int)limit,
	};
	a->cur = into;
	lf_store_err e = lf_audit_read(a->t->st, a->t->me, &f, add_row, a, NULL, 0);
	a->cur = NULL;
	if (e != LF_STORE_OK) {
		snprintf(a->msg, sizeof a->msg, "%s", lf_office_errmsg(a->t->st));
		a->msg_kind = LF_MSG_ERROR;
		return false;
	}
	return true;
}

/* From the newest entry again (a new filter, F5). */
/* Digits of the newest entry's number (the first row: newest first), at
 * least the heading's 5: a log of 4.5M entries has 7. */
static int seq_width(const lf_list *l)
{
	long long seq = l->n ? ((const arow *)lf_list_at(l, 0))->seq : 0;
	int w = 1;
	for (; seq >= 10; seq /= 10)
		w++;
	return w > 5 ? w : 5;
}

static void load(audit *a)
{
	names_free(a);
	lf_people_each_user(a->t->st, a->t->me, name_user, a, NULL, 0);
	lf_people_each_unit(a->t->st, a->t->me, name_unit, a, NULL, 0);
	lf_window_home(&a->w);
	a->cols[0].width = seq_width(&a->l);
}

/* The changes JSON made short: no braces, quotes or blanks; key=value
 * pairs split by sep (a space in the list, a new line in the full view). */
static char *compact(const char *json, char sep)
{
	if (!json)
		return strdup("");
	size_t n = strlen(json), o = 0;
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	int depth = 0;
	bool in_str = false;
	for (size_t i = 0; i < n; i++) {
		char c = json[i];
		if (in_str) {
			if (c == '"') {
				in_str = false;
			} else if (c == '\\' && i + 1 < n) {
				char d = json[++i];
				if (d == 'n' || d == 't' || d == 'r')
					out[o++] = ' ';
				else if (d == 'u')
					out[o++] = '\\', out[o++] = 'u';
				else
					out[o++] = d;
			} else {
				out[o++] = c;
			}
			continue;
		}
		switch (c) {
		case '"':
			in_str = true;
			break;
		case '{':
		case '[':
			if (depth++ > 0)
				out[o++] = c;
			break;
		case '}':
		case ']':
			if (--depth > 0)
				out[o++] = c;
			break;
		case ':':
			out[o++] = depth == 1 ? '=' : ':';
			break;
		case ',':
			out[o++] = depth == 1 ? sep : ',';
			break;
		case ' ':
		case '\t':
		case '\n':
		case '\r':
			break;
		default:
			out[o++] = c;
		}
	}
	out[o] = '\0';
	return out;
}

/* ---- drawing ------------------------------------------------------------- */

/* "2026-11-23T09:30:05+08:00" → "2026-11-23 09:30". */
static void short_time(const char *at, char out[17])
{
	snprintf(out, 17, "%.16s", at);
	if (strlen(out) > 10)
		out[10] = ' ';
}

/* Seq 5 (wider for a longer log: load), time 16, user 10, action 13, record
 * 11; the changes take the rest. */
static const lf_list_col columns[] = {
	{N_("No."), 5}, {N_("Time"), 16}, {N_("User"), 10}, {N_("Action"), 13}, {N_("Record"), 11}, {N_("Details"), 0},
};

static const char *cell(void *ctx, const void *row, size_t col, char *buf, size_t len, int *attr)
{
	(void)attr;
	const arow *r = row;
	switch (col) {
	case 0:
		snprintf(buf, len, "%lld", r->seq);
		return buf;
	case 1: {
		char when[17];
		short_time(r->at, when);
		snprintf(buf, len, "%s", when);
		return buf;
	}
	case 2:
		return r->login ? r->login : _("system");
	case 3:
		return r->action;
	case 4: {
		const char *rec = resolve(ctx, r->record);
		return rec ? rec : r->record;
	}
	default: {
		char *chg = compact(r->changes, ' ');
		lf_copy_text(buf, len, chg ? chg : "");
		free(chg);
		return buf;
	}
	}
}

static void draw(void *ctx)
{
	audit *a = ctx;
	erase();
	char line[512];
	snprintf(line, sizeof line, _("laifang · audit log · %s"),
	         a->t->me && a->t->me->login ? a->t->me->login : a->t->user);
	lf_draw_title(line);

	/* The rows first: drawing settles which rows are in view. */
	lf_list_draw(&a->l);
	int x = 1, rows = lf_list_rows(&a->l);
	line[0] = '\0';
	if (a->l.n && rows > 0) {
		size_t last = a->l.top + (size_t)rows < a->l.n ? a->l.top + (size_t)rows - 1 : a->l.n - 1;
		const arow *hi = lf_list_at(&a->l, a->l.top), *lo = lf_list_at(&a->l, last);
		bool newest = a->l.top == 0 && !a->w.more_above, oldest = last == a->l.n - 1 && !a->w.more_below;
		/* The log's size is not counted: at millions of entries that
		 * would cost more than the page. */
		snprintf(line, sizeof line, "%s ", _("Entries"));
		size_t k = strlen(line);
		snprintf(line + k, sizeof line - k, _("No. %lld to %lld"), hi->seq, lo->seq);
		k = strlen(line);
		if (newest || oldest)
			snprintf(line + k, sizeof line - k, " %s",
			         newest && oldest ? _("(all)") : newest ? _("(the newest)") : _("(the oldest)"));
	}
	attron(A_BOLD);
	x += lf_draw_text(stdscr, 1, x, line, COLS - 2);
	attroff(A_BOLD);
	if (a->f_record[0] || a->f_login[0] || a->f_day[0]) {
		const char *rec = resolve(a, a->f_record);
		snprintf(line, sizeof line, "  %s%s%s%s%s%s%s%s%s", _("Filter:"), a->f_record[0] ? " " : "",
		         a->f_record[0] ? _("case ") : "", a->f_record[0] ? (rec ? rec : a->f_record) : "",
		         a->f_login[0] ? " " : "", a->f_login[0] ? _("user ") : "", a->f_login,
		         a->f_day[0] ? " " : "", a->f_day[0] ? a->f_day : "");
		attron(COLOR_PAIR(LF_C_NOTE));
		lf_draw_text(stdscr, 1, x, line, COLS - 1 - x);
		attroff(COLOR_PAIR(LF_C_NOTE));
	}
	lf_draw_foot(a->msg, a->msg_kind, LF_S_AUDIT);
}

static void show_entry(audit *a)
{
	const arow *r = lf_list_current(&a->l);
	if (!r)
		return;
	const char *rec = resolve(a, r->record);
	char *chg = compact(r->changes, '\n');
	size_t len = 1024 + strlen(chg ? chg : "") + (r->record ? strlen(r->record) : 0) + (rec ? strlen(rec) : 0) +
	             (r->login ? strlen(r->login) : 0) + (r->action ? strlen(r->action) : 0);
	char *text = malloc(len);
	if (text) {
		snprintf(text, len, "%s %lld\n%s %s\n%s %s\n%s %s\n%s %s%s%s%s\n\n%s\n%s\n\n%s %s\n%s %s", _("No.:"),
		         r->seq, _("Time:"), r->at, _("User:"), r->login ? r->login : _("system"), _("Action:"),
		         r->action ? r->action : "", _("Record:"), r->record ? r->record : "-", rec ? " (" : "",
		         rec ? rec : "", rec ? ")" : "", _("Details:"), chg && *chg ? chg : "-", _("Previous hash:"),
		         r->prev_hash, _("Hash:"), r->hash);
		lf_dialog_text(_("Audit entry"), text);
	}
	free(text);
	free(chg);
}

/* ---- the filter ---------------------------------------------------------- */

typedef struct afilter {
	audit *a;
	lf_form_def def;
	lf_field_def fields[3];
	lf_form_view v;
	lf_form_screen s;
} afilter;

/* Take the typed filter; false (message, cursor on the field) when the day
 * is not a date. */
static bool filter_apply(void *ctx)
{
	afilter *f = ctx;
	char *v[3];
	for (size_t i = 0; i < 3; i++) {
		v[i] = lf_form_view_get(&f->v, i);
		if (v[i])
			lf_text_trim(v[i]);
	}
	lf_date d;
	bool ok = v[0] && v[1] && v[2];
	if (ok && *v[2] && !lf_date_parse(v[2], &d)) {
		snprintf(f->s.msg, sizeof f->s.msg, _("%s: a date like 2026-11-23, please."), f->fields[2].label);
		f->s.msg_kind = LF_MSG_ERROR;
		lf_form_view_focus(&f->v, 2);
		ok = false;
	}
	if (ok) {
		snprintf(f->a->f_record, sizeof f->a->f_record, "%s", v[0]);
		snprintf(f->a->f_login, sizeof f->a->f_login, "%s", v[1]);
		if (*v[2])
			lf_date_format(d, f->a->f_day);
		else
			f->a->f_day[0] = '\0';
	}
	for (size_t i = 0; i < 3; i++)
		free(v[i]);
	return ok;
}

/* True when the filter changed. Esc leaves without asking: nothing typed
 * here is worth a question. */
static bool filter_run(audit *a)
{
	lf_tui *t = a->t;
	afilter *f = calloc(1, sizeof *f);
	if (!f)
		return false;
	f->a = a;
	/* Built here, not from a .form file; the strings outlive the form. */
	f->fields[0] = (lf_field_def){.id = (char *)"case", .label = (char *)_("Case no."), .kind = LF_FIELD_TEXT,
	                              .width = 38, .height = 1, .max_chars = 40};
	f->fields[1] = (lf_field_def){.id = (char *)"login", .label = (char *)_("User (login)"),
	                              .kind = LF_FIELD_TEXT, .width = 32, .height = 1, .max_chars = 32};
	f->fields[2] = (lf_field_def){.id = (char *)"day", .label = (char *)_("Day"), .kind = LF_FIELD_TEXT,
	                              .width = 10, .height = 1, .max_chars = 10};
	f->def = (lf_form_def){.id = (char *)"audit_filter", .title = (char *)"", .fields = f->fields, .n_fields = 3};
	lf_form_view_init(&f->v, &f->def, false);
	const char *rec = resolve(a, a->f_record);
	lf_form_view_set(&f->v, 0, rec ? rec : a->f_record);
	lf_form_view_set(&f->v, 1, a->f_login);
	lf_form_view_set(&f->v, 2, a->f_day);
	lf_form_view_note(&f->v, 0, _("e.g. 2026-000001"));
	lf_form_view_note(&f->v, 2, _("YYYY-MM-DD"));
	f->s = (lf_form_screen){
		.v = &f->v, .title = _("Filter the audit log (empty: no filter)"), .ctx = f, .submit = filter_apply};
	bool ok = lf_form_screen_run(t, &f->s);
	lf_form_view_free(&f->v);
	free(f);
	return ok;
}

/* ---- the loop ------------------------------------------------------------ */

/* The moving keys are the window's: each reads at most one page. */
static bool keys(void *ctx, int kind, wint_t key, lf_action a)
{
	(void)kind, (void)key;
	audit *x = ctx;
	if (a == LF_A_NONE || !lf_window_key(&x->w, a))
		return false;
	x->msg[0] = '\0';
	return true;
}

static bool act(void *ctx, lf_action what)
{
	audit *a = ctx;
	switch (what) {
	case LF_A_REFRESH:
		load(a);
		break;
	case LF_A_OPEN:
		show_entry(a);
		break;
	case LF_A_FILTER:
		if (filter_run(a))
			load(a);
		break;
	default:
		break;
	}
	return false;
}

void lf_audit_view_run(lf_tui *t, const char *record)
{
	char why[512];
	if (!lf_require(t->me, LF_PERM_VIEW_AUDIT, why, sizeof why)) {
		lf_dialog_text(_("Audit log"), why);
		return;
	}
	audit a = {.t = t};
	_Static_assert(sizeof a.cols == sizeof columns, "the view's copy of the columns");
	memcpy(a.cols, columns, sizeof columns);
	a.l = (lf_list){.row_size = sizeof(arow), .cols = a.cols, .ncols = sizeof columns / sizeof columns[0],
	                .x0 = 1, .margin = 1, .y = 2, .empty = _("No entry matches."), .ctx = &a, .cell = cell,
	                .row_free = row_free};
	a.w = (lf_window){.l = &a.l, .ctx = &a, .read = read_rows};
	if (record)
		snprintf(a.f_record, sizeof a.f_record, "%s", record);
	load(&a);
	lf_list_screen s = {.t = t, .l = &a.l, .screen = LF_S_AUDIT, .draw = draw, .ctx = &a, .msg = a.msg,
	                    .msglen = sizeof a.msg, .msg_kind = &a.msg_kind,
	                    .help_title = _("Keys of the audit log"), .pre = keys, .act = act};
	lf_list_run(&s);
	lf_list_clear(&a.l);
	names_free(&a);
}
