/* The reception-day log (领导干部接访日情况登记表) on screen: the paper's
 * form drawn by the one renderer, the day's cases with the leader's
 * instruction or forwarding opinion (批转意见) per case, the summary
 * meeting, attached photos and videos, and the signatures. */
#include "tui_internal.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/case_read.h"
#include "laifang/office.h"
#include "laifang/caseops.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/reception.h"
#include "laifang/text.h"
#include "laifang/tui.h"

typedef struct day_case {
	char id[37], no[16];
	char *name, *content, *instruction;
} day_case;

typedef struct rlog {
	lf_tui *t;
	const lf_form_def *form;
	lf_form_view v;
	bool view_ready;
	char day[LF_DATE_LEN];
	lf_reception_log log;
	char **initial; /* the values shown when last loaded or saved */
	bool cases_mode;
	day_case *cases;
	size_t ncases, sel;
	char msg[1280];
	lf_msg_kind msg_kind;
} rlog;

static void say(rlog *r, lf_msg_kind kind, const char *text)
{
	snprintf(r->msg, sizeof r->msg, "%s", text ? text : "");
	r->msg_kind = kind;
}

/* ---- the day's cases ----------------------------------------------------- */

static void free_cases(rlog *r)
{
	for (size_t i = 0; i < r->ncases; i++) {
		free(r->cases[i].name);
		free(r->cases[i].content);
		free(r->cases[i].instruction);
	}
	free(r->cases);
	r->cases = NULL;
	r->ncases = 0;
}

static int add_case(const lf_case *c, void *ud)
{
	rlog *r = ud;
	day_case *v = realloc(r->cases, (r->ncases + 1) * sizeof *v);
	if (!v)
		return 1;
	r->cases = v;
	day_case *d = &v[r->ncases++];
	memset(d, 0, sizeof *d);
	snprintf(d->id, sizeof d->id, "%s", c->case_id ? c->case_id : "");
	snprintf(d->no, sizeof d->no, "%s", c->case_no ? c->case_no : "");
	d->name = strdup(c->name ? c->name : "");
	d->content = strdup(c->content ? c->content : "");
	d->instruction = strdup(c->instruction ? c->instruction : "");
	return 0;
}

static void load_cases(rlog *r)
{
	free_cases(r);
	if (lf_case_read_received_on(r->t->st, r->day, add_case, r) != LF_STORE_OK)
		say(r, LF_MSG_ERROR, lf_office_errmsg(r->t->st));
	if (r->sel >= r->ncases)
		r->sel = r->ncases ? r->ncases - 1 : 0;
}

/* ---- the form and the log ------------------------------------------------ */

static int field(const rlog *r, const char *id)
{
	return lf_form_find(r->form, id);
}

static void set(rlog *r, const char *id, const char *value)
{
	int f = field(r, id);
	if (f >= 0)
		lf_form_view_set(&r->v, (size_t)f, value ? value : "");
}

static char *get(const rlog *r, const char *id)
{
	int f = field(r, id);
	char *v = f >= 0 ? lf_form_view_get(&r->v, (size_t)f) : NULL;
	if (v && !v[0]) {
		free(v);
		v = NULL;
	}
	return v;
}

/* "YYYY-MM-DDTHH:MM:SS+08:00" as the date box shows it. */
static void short_time(const char *iso, char *out, size_t len)
{
	if (!iso || strlen(iso) < 16)
		snprintf(out, len, "%s", iso ? iso : "");
	else
		snprintf(out, len, "%.10s %.5s", iso, iso + 11);
}

typedef struct photo_text {
	char *buf;
	size_t len, used;
} photo_text;

static int add_photo(const lf_attachment *a, void *ud)
{
	photo_text *p = ud;
	int n = snprintf(p->buf + p->used, p->len - p->used, "%s%s  %lld B  %s  %.12s", p->used ? "\n" : "", a->name,
	                 a->size, a->type, a->sha256);
	if (n > 0)
		p->used = p->used + (size_t)n < p->len ? p->used + (size_t)n : p->len - 1;
	return 0;
}

/* The log into the form (re-made: readonly once signed). */
static void show_log(rlog *r)
{
	bool signed_log = r->log.instruction_signer != NULL;
	if (r->view_ready)
		lf_form_view_free(&r->v);
	lf_form_view_init(&r->v, r->form, signed_log);
	r->view_ready = true;
	char sit_at[32], ins_at[32], photos[4096] = "";
	short_time(r->log.situation_signed_at, sit_at, sizeof sit_at);
	short_time(r->log.instruction_signed_at, ins_at, sizeof ins_at);
	photo_text p = {photos, sizeof photos, 0};
	if (r->log.id[0])
		lf_reception_attachments(r->t->st, r->day, add_photo, &p);
	set(r, "leader", r->log.leader);
	set(r, "visited_on", r->day);
	set(r, "department", r->log.department);
	set(r, "registrar", r->log.registrar);
	set(r, "situation", r->log.situation);
	set(r, "situation_signer", r->log.situation_signer);
	set(r, "situation_date", sit_at);
	set(r, "demands", r->log.demands);
	set(r, "photos", photos[0] ? photos : _("(none: F4 attaches a photo or video)"));
	set(r, "instruction", r->log.instruction);
	set(r, "instruction_signer", r->log.instruction_signer);
	set(r, "instruction_date", ins_at);
	set(r, "meeting_attendees", r->log.meeting_attendees);
	set(r, "meeting_decisions", r->log.meeting_decisions);
	lf_form_values_free(r->initial, r->form->n_fields);
	r->initial = lf_form_view_values(&r->v);
	if (!lf_form_view_editable(&r->v, r->v.focus))
		lf_form_view_focus_next(&r->v, 1);
}

static bool load(rlog *r)
{
	char msg[512];
	lf_reception_log_free(&r->log);
	lf_store_err e = lf_reception_open(r->t->st, r->t->me, r->day, &r->log, msg, sizeof msg);
	if (e != LF_STORE_OK) {
		say(r, LF_MSG_ERROR, msg);
		return false;
	}
	show_log(r);
	return true;
}

static bool typed(const rlog *r)
{
	char **now = lf_form_view_values(&r->v);
	bool diff = false;
	for (size_t i = 0; now && i < r->form->n_fields && !diff; i++)
		diff = strcmp(now[i] ? now[i] : "", r->initial && r->initial[i] ? r->initial[i] : "") != 0;
	lf_form_values_free(now, r->form->n_fields);
	return diff;
}

/* Issue 11: another desk saved the day's log after this one read it. The
 * save is refused; the other desk's text is shown beside this desk's, which
 * stays on screen as typed. The next F2 is a save over theirs, made after
 * seeing it (the log's version is theirs from now on). */
static void conflict(rlog *r, const char *why)
{
	lf_reception_log other;
	char msg[512];
	memset(&other, 0, sizeof other);
	if (lf_reception_open(r->t->st, r->t->me, r->day, &other, msg, sizeof msg) != LF_STORE_OK) {
		say(r, LF_MSG_ERROR, why);
		return;
	}
	struct {
		const char *label, *theirs, *id;
	} parts[] = {
		{"接访领导", other.leader, "leader"},       {"牵头处室", other.department, "department"},
		{"接访情况", other.situation, "situation"}, {"信访人诉求内容", other.demands, "demands"},
		{"领导批示", other.instruction, "instruction"},
		{"信访总结会议", other.meeting_attendees, "meeting_attendees"},
		{"信访总结会议", other.meeting_decisions, "meeting_decisions"},
	};
	size_t cap = strlen(why) + 256, used = 0;
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		cap += strlen(parts[i].label) + strlen(parts[i].theirs ? parts[i].theirs : "") + 64;
	char *text = malloc(cap);
	if (text) {
		used += (size_t)snprintf(text, cap, "%s\n", why);
		for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
			char *mine = get(r, parts[i].id);
			const char *theirs = parts[i].theirs ? parts[i].theirs : "";
			if (strcmp(mine ? mine : "", theirs))
				used += (size_t)snprintf(text + used, cap - used, _("\n%s (the other desk's):\n%s\n"),
				                         parts[i].label, theirs[0] ? theirs : _("(empty)"));
			free(mine);
		}
		lf_dialog_text(_("Saved at another desk"), text);
		free(text);
	}
	r->log.version = other.version;
	lf_reception_log_free(&other);
	char m[900];
	snprintf(m, sizeof m, _("Not saved: %s"), why);
	say(r, LF_MSG_ERROR, m);
}

static bool save(rlog *r)
{
	struct {
		char **dst;
		const char *id;
	} map[] = {
		{&r->log.leader, "leader"}, {&r->log.department, "department"}, {&r->log.situation, "situation"},
		{&r->log.demands, "demands"}, {&r->log.instruction, "instruction"},
		{&r->log.meeting_attendees, "meeting_attendees"}, {&r->log.meeting_decisions, "meeting_decisions"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		free(*map[i].dst);
		*map[i].dst = get(r, map[i].id);
	}
	char msg[768];
	lf_store_err e = lf_reception_save(r->t->st, r->t->me, &r->log, msg, sizeof msg);
	if (e == LF_STORE_CONFLICT) {
		conflict(r, msg);
		return false;
	}
	if (e != LF_STORE_OK) {
		char m[900];
		snprintf(m, sizeof m, _("Not saved: %s"), msg);
		say(r, LF_MSG_ERROR, m);
		return false;
	}
	size_t focus = r->v.focus;
	load(r);
	lf_form_view_focus(&r->v, focus);
	say(r, LF_MSG_OK, _("The reception-day log is saved."));
	return true;
}

static void sign(rlog *r, lf_reception_part part)
{
	if (typed(r) && !save(r))
		return;
	if (!r->log.id[0] && !save(r))
		return;
	char who[256], q[512], msg[768];
	lf_signature(r->t->me, who, sizeof who);
	snprintf(q, sizeof q,
	         part == LF_RLOG_INSTRUCTION ? _("Sign 领导批示 as %s? The whole log can no longer be changed afterwards.")
	                                     : _("Sign 接访情况 as %s (牵头处室负责人)? It can no longer be changed afterwards."),
	         who);
	if (!lf_dialog_confirm(q, false))
		return;
	if (lf_reception_sign(r->t->st, r->t->me, r->day, part, msg, sizeof msg) != LF_STORE_OK) {
		say(r, LF_MSG_ERROR, msg);
		return;
	}
	load(r);
	say(r, LF_MSG_OK, part == LF_RLOG_INSTRUCTION ? _("领导批示 signed.") : _("接访情况 signed."));
}

static void attach(rlog *r)
{
	char path[1024] = "", msg[1024];
	if (typed(r) && !save(r))
		return;
	if (!r->log.id[0] && !save(r))
		return;
	if (!lf_prompt_line(_("Attach a photo or video (接访照片)"), _("File path"), false, path, sizeof path) ||
	    !path[0])
		return;
	lf_attachment a;
	if (lf_reception_attach(r->t->st, r->t->me, r->day, path, &a, msg, sizeof msg) != LF_STORE_OK) {
		say(r, LF_MSG_ERROR, msg);
		return;
	}
	size_t focus = r->v.focus;
	load(r);
	lf_form_view_focus(&r->v, focus);
	snprintf(msg, sizeof msg, _("Attached %s (%lld bytes, SHA-256 %.16s…)."), a.name, a.size, a.sha256);
	say(r, LF_MSG_OK, msg);
}

/* F9: the day's log on paper (issue 15), as saved; a day without a
 * reception is refused here with core's own sentence, before any file is
 * asked for. */
static void print_log(rlog *r)
{
	char msg[768];
	if (typed(r) && !save(r))
		return;
	if (lf_reception_day_held(r->t->st, r->day, msg, sizeof msg) != LF_STORE_OK) {
		say(r, LF_MSG_ERROR, msg);
		return;
	}
	lf_print_log_dialog(r->t, r->day);
}

/* ---- per case: the instruction or forwarding opinion --------------------- */

typedef struct instr_ctx {
	rlog *r;
	lf_form_view *v;
	const day_case *c;
	lf_form_screen *s;
} instr_ctx;

static bool instr_submit(void *ud)
{
	instr_ctx *k = ud;
	char *text = lf_form_view_get(k->v, 0), who[256], q[512];
	lf_signature(k->r->t->me, who, sizeof who);
	snprintf(q, sizeof q, _("Sign this on case %s as %s? It cannot be changed afterwards."), k->c->no, who);
	bool done = false;
	if (!text || !text[0]) {
		snprintf(k->s->msg, sizeof k->s->msg, "%s", _("The instruction is empty."));
		k->s->msg_kind = LF_MSG_ERROR;
	} else if (lf_dialog_confirm(q, false)) {
		lf_store_err e = lf_case_instruct(k->r->t->st, k->r->t->me, k->c->id, text, k->s->msg, sizeof k->s->msg);
		k->s->msg_kind = LF_MSG_ERROR;
		done = e == LF_STORE_OK;
		if (done) {
			char m[600];
			snprintf(m, sizeof m, _("Case %s: signed by %s. %s"), k->c->no, who, k->s->msg);
			say(k->r, LF_MSG_OK, m);
		}
	}
	free(text);
	return done;
}

static bool instr_typed(void *ud)
{
	instr_ctx *k = ud;
	char *text = lf_form_view_get(k->v, 0);
	bool any = text && text[0];
	free(text);
	return any;
}

static void instruct_case(rlog *r)
{
	if (r->ncases == 0)
		return;
	char why[512];
	if (!lf_require(r->t->me, LF_PERM_INSTRUCT, why, sizeof why)) {
		say(r, LF_MSG_ERROR, why);
		return;
	}
	const day_case *c = &r->cases[r->sel];
	static char id[] = "instruction", label[] = "领导批示（批转意见）";
	lf_field_def f = {.id = id, .label = label, .kind = LF_FIELD_MULTILINE, .width = 60, .height = 6, .max_chars = 2000};
	lf_form_def form = {.id = id, .title = label, .fields = &f, .n_fields = 1};
	lf_form_view v;
	lf_form_view_init(&v, &form, false);
	char title[256];
	snprintf(title, sizeof title, _("Instruction or forwarding opinion (批示 / 批转意见) on case %s · %s"), c->no,
	         c->name);
	lf_form_screen s;
	memset(&s, 0, sizeof s);
	instr_ctx k = {r, &v, c, &s};
	s.v = &v;
	s.title = title;
	s.about = _("Write the instruction, or the forwarding opinion naming the agency that handles the case; F2 signs "
	            "it as you, now.");
	s.ctx = &k;
	s.submit = instr_submit;
	s.typed = instr_typed;
	if (lf_form_screen_run(r->t, &s))
		load_cases(r);
	lf_form_view_free(&v);
}

/* ---- drawing ------------------------------------------------------------- */

static void draw_cases(rlog *r, int y0, int rows)
{
	attron(A_BOLD);
	lf_draw_text(stdscr, y0, 1, _("The day's cases (Enter or F6: instruction / 批转意见; F3: back to the log)"), COLS - 2);
	attroff(A_BOLD);
	if (r->ncases == 0) {
		lf_draw_text(stdscr, y0 + 2, 2, _("No case was registered on this day."), COLS - 4);
		return;
	}
	size_t top = r->sel >= (size_t)(rows - 2) ? r->sel - (size_t)(rows - 2) + 1 : 0;
	for (size_t i = top; i < r->ncases && (int)(i - top) < rows - 1; i++) {
		int y = y0 + 1 + (int)(i - top);
		char line[1024];
		const day_case *c = &r->cases[i];
		snprintf(line, sizeof line, "%-12s %-8s %s", c->no, c->name, c->instruction[0] ? c->instruction : c->content);
		for (char *p = line; *p; p++)
			if (*p == '\n')
				*p = ' ';
		if (i == r->sel)
			attron(COLOR_PAIR(LF_C_SELECT));
		lf_draw_blank(stdscr, y, 0, COLS);
		lf_draw_text(stdscr, y, 1, line, COLS - 2);
		if (c->instruction[0]) {
			const char *mark = _("[signed]");
			lf_draw_text(stdscr, y, COLS - 1 - lf_text_width(mark), mark, lf_text_width(mark));
		}
		if (i == r->sel)
			attroff(COLOR_PAIR(LF_C_SELECT));
	}
}

static void draw(void *ctx)
{
	rlog *r = ctx;
	erase();
	attron(A_BOLD);
	int tw = lf_text_width(r->form->title);
	lf_draw_text(stdscr, 0, (COLS - tw) / 2 > 0 ? (COLS - tw) / 2 : 0, r->form->title, COLS);
	attroff(A_BOLD);
	char sub[256];
	snprintf(sub, sizeof sub, _("%s · %zu case(s) · F3 the day's cases"), r->day, r->ncases);
	attron(COLOR_PAIR(LF_C_NOTE));
	lf_draw_text(stdscr, 1, 1, sub, COLS - 2);
	attroff(COLOR_PAIR(LF_C_NOTE));
	lf_draw_message(r->msg, r->msg_kind);
	lf_draw_keybar(LF_S_RLOG);
	if (r->cases_mode) {
		draw_cases(r, 2, LINES - 4);
		curs_set(0);
	} else {
		curs_set(1);
		lf_form_view_draw(&r->v, 2, LINES - 4);
	}
}

static void help(rlog *r)
{
	const lf_field_def *f = &r->form->fields[r->v.focus];
	char *keys = lf_keys_help(LF_S_RLOG);
	size_t len = strlen(f->help ? f->help : "") + strlen(keys ? keys : "") + 64;
	char *text = malloc(len);
	if (text) {
		snprintf(text, len, "%s\n\n%s\n%s", r->cases_mode ? "" : f->help ? f->help : "", _("Keys:"),
		         keys ? keys : "");
		lf_dialog_text(r->form->title, text);
	}
	free(text);
	free(keys);
}

/* The log screen's own keys first; editing and moving as on the sheet. */
static lf_action action_of(int kind, wint_t key)
{
	lf_action a = lf_key_action(kind, key, LF_S_RLOG);
	return a != LF_A_NONE ? a : lf_key_action(kind, key, LF_S_SHEET);
}

static void cases_key(rlog *r, lf_action a, bool enter)
{
	if (enter || a == LF_A_RLOG_SIGN) /* F6 on a case: its instruction */
		instruct_case(r);
	else if ((a == LF_A_DOWN || a == LF_A_NEXT_FIELD) && r->sel + 1 < r->ncases)
		r->sel++;
	else if ((a == LF_A_UP || a == LF_A_PREV_FIELD) && r->sel > 0)
		r->sel--;
}

void lf_reception_log_run(lf_tui *t, const char *date)
{
	char err[256];
	rlog r;
	memset(&r, 0, sizeof r);
	r.t = t;
	r.form = lf_form_get("reception_log", err, sizeof err);
	if (!r.form) {
		lf_draw_message(err, LF_MSG_ERROR);
		return;
	}
	lf_date d = lf_date_today();
	if (date && !lf_date_parse(date, &d))
		d = lf_date_today();
	lf_date_format(d, r.day);
	lf_form_view_init(&r.v, r.form, true);
	r.view_ready = true;
	load(&r);
	load_cases(&r);
	/* 接访领导 and 牵头处室 come filled from the schedule: start at 接访情况. */
	int sit = lf_form_find(r.form, "situation");
	if (sit >= 0 && lf_form_view_editable(&r.v, (size_t)sit))
		lf_form_view_focus(&r.v, (size_t)sit);
	lf_tui_push(draw, &r);
	while (!t->quit) {
		lf_redraw_all();
		wint_t key;
		int kind = lf_read_key(&key, -1);
		if (kind == ERR)
			continue;
		lf_action a = action_of(kind, key);
		bool enter = (kind == OK && (key == '\r' || key == '\n')) || (kind == KEY_CODE_YES && key == KEY_ENTER);
		const lf_field_def *f = &r.form->fields[r.v.focus];
		if (a == LF_A_RLOG_CASES) {
			r.cases_mode = !r.cases_mode;
			if (r.cases_mode)
				load_cases(&r);
			continue;
		}
		if (r.cases_mode && a != LF_A_QUIT && a != LF_A_HELP) {
			if (a == LF_A_BACK)
				r.cases_mode = false;
			else
				cases_key(&r, a, enter);
			continue;
		}
		if (enter && f->kind == LF_FIELD_MULTILINE)
			a = LF_A_NEWLINE;
		switch (a) {
		case LF_A_SAVE: save(&r); break;
		case LF_A_RLOG_ATTACH: attach(&r); break;
		case LF_A_PRINT: print_log(&r); break;
		case LF_A_RLOG_SIGN: sign(&r, LF_RLOG_INSTRUCTION); break;
		case LF_A_RLOG_SIGN_DEPT: sign(&r, LF_RLOG_SITUATION); break;
		case LF_A_HELP: help(&r); break;
		case LF_A_BACK:
			if (!typed(&r) || lf_dialog_confirm(_("Leave without saving? What was typed is dropped."), false))
				goto done;
			break;
		case LF_A_QUIT:
			if (!typed(&r) || lf_dialog_confirm(_("Quit laifang without saving the log?"), false))
				t->quit = true;
			break;
		case LF_A_NEXT_FIELD:
		case LF_A_PREV_FIELD:
			if (!lf_form_view_focus_next(&r.v, a == LF_A_NEXT_FIELD ? 1 : -1)) {
				r.v.focus = a == LF_A_NEXT_FIELD ? 0 : r.form->n_fields - 1;
				if (!lf_form_view_editable(&r.v, r.v.focus))
					lf_form_view_focus_next(&r.v, a == LF_A_NEXT_FIELD ? 1 : -1);
			}
			break;
		case LF_A_DOWN:
		case LF_A_UP:
			if (!lf_form_view_vertical(&r.v, a == LF_A_DOWN ? 1 : -1))
				lf_form_view_focus_next(&r.v, a == LF_A_DOWN ? 1 : -1);
			break;
		case LF_A_NONE:
			if (kind != OK || key < 0x20 || key == 0x7f || (key >= 0x80 && key < 0xa0))
				break;
			/* fall through */
		default:
			if (lf_form_view_editable(&r.v, r.v.focus))
				lf_form_view_edit(&r.v, a, key);
			break;
		}
	}
done:
	lf_tui_pop();
	curs_set(1);
	lf_form_values_free(r.initial, r.form->n_fields);
	lf_form_view_free(&r.v);
	lf_reception_log_free(&r.log);
	free_cases(&r);
}
