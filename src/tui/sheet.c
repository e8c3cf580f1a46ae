/* The visitor registration sheet (群众来访登记表) on screen: typing, checks
 * as a field is left, the returning-visitor lookup, drafts, saving. */
#include "sheet_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/office.h"
#include "laifang/date.h"
#include "laifang/draft.h"
#include "laifang/safe_file.h"
#include "laifang/i18n.h"
#include "laifang/reception.h"
#include "laifang/registration.h"
#include "laifang/settings.h"
#include "laifang/text.h"
#include "laifang/validate.h"
#include "laifang/visitor.h"

#define DRAFT_IDLE_MS 400 /* a pause in typing this long writes the draft */


size_t sheet_nfields(const sheet *s)
{
	return s->v.form->n_fields;
}

void sheet_say(sheet *s, lf_msg_kind kind, const char *text)
{
	snprintf(s->msg, sizeof s->msg, "%s", text ? text : "");
	s->msg_kind = kind;
}

static void draw(void *ctx)
{
	sheet *s = ctx;
	const lf_form_def *form = s->v.form;
	erase();
	attron(A_BOLD);
	int tw = lf_text_width(form->title);
	lf_draw_text(stdscr, 0, (COLS - tw) / 2 > 0 ? (COLS - tw) / 2 : 0, form->title, COLS);
	attroff(A_BOLD);
	/* Under the title: who receives today (the schedule), else the paper's
	 * source, small, as on the paper; clipped on a narrow screen. */
	const char *under = s->on_duty[0] ? s->on_duty : s->source[0] ? s->source : form->source;
	if (under) {
		attron(COLOR_PAIR(LF_C_NOTE));
		int sw = lf_text_width(under);
		int x = sw < COLS ? (COLS - sw) / 2 : 0;
		lf_draw_text(stdscr, 1, x, under, COLS - x);
		attroff(COLOR_PAIR(LF_C_NOTE));
	}
	lf_draw_message(s->msg, s->msg_kind);
	lf_draw_keybar(LF_S_SHEET);
	lf_form_view_draw(&s->v, 2, LINES - 4);
}

/* True when the sheet holds anything the clerk typed. */
static bool typed(const sheet *s)
{
	for (size_t i = 0; i < sheet_nfields(s); i++) {
		char *now = lf_form_view_get(&s->v, i);
		bool same = now && !strcmp(now, s->initial[i] ? s->initial[i] : "");
		free(now);
		if (!same)
			return true;
	}
	return false;
}

lf_draft *lf_tui_draft(lf_tui *t)
{
	const char *login = t->me && t->me->login ? t->me->login : t->user;
	const char *db = t->db_path ? t->db_path : "";
	if (t->draft && login && !strcmp(lf_draft_login(t->draft), login))
		return t->draft;
	lf_tui_draft_close(t);
	t->draft = login ? lf_draft_open(t->form->id, db, login) : NULL;
	if (!login)
		errno = EINVAL;
	return t->draft;
}

void lf_tui_draft_close(lf_tui *t)
{
	lf_draft_close(t->draft);
	t->draft = NULL;
}

/* The draft holds at most what the sheet shows: the fields the clerk can
 * edit (接待人员 is always whoever is logged in). */
bool sheet_write_draft(sheet *s)
{
	bool ok = false;
	size_t n = sheet_nfields(s);
	/* The fields, and last the field the clerk is in (LF_DRAFT_FOCUS). */
	const char **ids = calloc(n + 1, sizeof *ids);
	char **fields = lf_form_view_values(&s->v);
	char **values = fields ? calloc(n + 1, sizeof *values) : NULL;
	if (values) {
		memcpy(values, fields, n * sizeof *values); /* the strings are values' now */
		free(fields);
	} else {
		lf_form_values_free(fields, n);
	}
	lf_draft *d = lf_tui_draft(s->t);
	int e = errno;
	if (ids && values) {
		for (size_t i = 0; i < n; i++)
			ids[i] = lf_form_view_editable(&s->v, i) ? s->v.form->fields[i].id : NULL;
		ids[n] = LF_DRAFT_FOCUS;
		values[n] = strdup(s->v.form->fields[s->v.focus].id);
		if (d && lf_draft_save(d, ids, (const char *const *)values, n + 1) == 0) {
			s->draft_dirty = false;
			ok = true;
		} else {
			if (d)
				e = errno;
			char m[700];
			snprintf(m, sizeof m, _("The draft %s could not be written (%s); the sheet is still on screen."),
			         d ? lf_draft_path(d) : "", lf_safe_strerror(e));
			sheet_say(s, LF_MSG_ERROR, m);
		}
	}
	lf_form_values_free(values, n + 1);
	free(ids);
	return ok;
}

/* The focused field is being left: check it alone, and look the visitor up
 * when it is a good ID number. */
static void leave_field(sheet *s)
{
	size_t f = s->v.focus;
	if (!lf_form_view_editable(&s->v, f))
		return;
	char **values = lf_form_view_values(&s->v);
	if (!values)
		return;
	lf_form_issue issue;
	char *norm = NULL;
	lf_verdict vd = lf_form_check_field(s->v.form, f, values, lf_date_today(), &issue, &norm);
	bool empty = !values[f][0];
	if (vd != LF_VALID && !(empty && vd == LF_INVALID))
		sheet_say(s, vd == LF_INVALID ? LF_MSG_ERROR : LF_MSG_NOTE, issue.message);
	else
		sheet_say(s, LF_MSG_NOTE, "");
	if (vd != LF_INVALID && norm && strcmp(norm, values[f])) {
		lf_form_view_set(&s->v, f, norm);
		s->draft_dirty = true;
	}
	/* A representative's known ID number fills the name (issue 12). */
	const char *fid = s->v.form->fields[f].id;
	if (!strncmp(fid, "rep", 3) && s->v.form->fields[f].kind == LF_FIELD_ID_NUMBER) {
		if (vd != LF_INVALID && !empty)
			sheet_rep_fill(s, f, norm ? norm : values[f]);
		free(norm);
		lf_form_values_free(values, sheet_nfields(s));
		return;
	}
	bool doc_changed = false;
	if (!strcmp(s->v.form->fields[f].id, "doc_type") && s->fill_id)
		doc_changed = strcmp(s->fill_doc ? s->fill_doc : "", values[f]) != 0;
	if (s->v.form->fields[f].kind == LF_FIELD_ID_NUMBER || doc_changed) {
		const char *now = vd != LF_INVALID && norm ? norm : values[f];
		if (s->fill_id && (doc_changed || strcmp(s->fill_id, now))) {
			bool cleared = sheet_fill_take_back(s);
			lf_form_view_note(&s->v, f, NULL);
			s->draft_dirty = true;
			if (cleared)
				sheet_say(s, LF_MSG_NOTE,
				    _("The ID number changed: what the earlier number filled in was cleared."));
			if (doc_changed) {
				int idf = lf_form_find(s->v.form, "id_number");
				if (idf >= 0)
					lf_form_view_note(&s->v, (size_t)idf, NULL);
			}
		}
	}
	if (s->v.form->fields[f].kind == LF_FIELD_ID_NUMBER)
		sheet_sex_from_id(s, vd != LF_INVALID && norm ? norm : values[f]);
	if (vd != LF_INVALID && !empty && s->v.form->fields[f].kind == LF_FIELD_ID_NUMBER &&
	    !(s->fill_id && !strcmp(s->fill_id, norm ? norm : values[f])))
		sheet_lookup_visitor(s, f, norm ? norm : values[f]);
	else if (empty && s->v.form->fields[f].kind == LF_FIELD_ID_NUMBER && s->rep.id_number[0]) {
		/* No person on the sheet: no earlier cases, no 重复访 answer. */
		memset(&s->rep, 0, sizeof s->rep);
		lf_form_view_note(&s->v, f, NULL);
	}
	free(norm);
	lf_form_values_free(values, sheet_nfields(s));
}

static void show_help(sheet *s)
{
	const lf_field_def *f = &s->v.form->fields[s->v.focus];
	char *keys = lf_keys_help(LF_S_SHEET);
	size_t len = strlen(f->help ? f->help : "") + strlen(keys ? keys : "") + 256;
	char *text = malloc(len);
	if (text) {
		snprintf(text, len, "%s\n\n%s\n%s", f->help ? f->help : "", _("Keys:"), keys ? keys : "");
		char title[128];
		snprintf(title, sizeof title, _("Help: %s"), f->label);
		lf_dialog_text(title, text);
	}
	free(text);
	free(keys);
}

/* Issue 12: the fields the paper lacks (其他电话, 集体访, 候谈) follow its
 * grid and are not Tab stops of the paper's fields; inside them Tab and
 * Shift-Tab move to the next or previous one (past the last, Tab goes on
 * as usual: back to the top). True when it moved. */
static bool extra_step(sheet *s, int dir)
{
	const lf_form_def *form = s->v.form;
	int content = lf_form_find(form, "content");
	size_t f = s->v.focus;
	if (content < 0 || f <= (size_t)content || !form->fields[f].no_tab)
		return false;
	size_t was = f;
	if (lf_form_view_focus_next(&s->v, dir) && s->v.focus > (size_t)content && form->fields[s->v.focus].no_tab)
		return true;
	if (dir < 0 && s->v.focus == (size_t)content)
		return true; /* Shift-Tab from the first extra field: back to 信访内容 */
	s->v.focus = was;
	return false;
}

static void page(sheet *s, int dir)
{
	int rows = s->v.height[s->v.focus] > 1 ? s->v.height[s->v.focus] - 1 : 1;
	for (int k = 0; k < rows; k++)
		if (!lf_form_view_vertical(&s->v, dir))
			break;
}

bool lf_sheet_run(lf_tui *t, char **draft_values, char *saved_no, size_t saved_len)
{
	return lf_sheet_run_at(t, draft_values, NULL, saved_no, saved_len);
}

bool lf_sheet_run_at(lf_tui *t, char **draft_values, const char *focus_id, char *saved_no, size_t saved_len)
{
	sheet s = {.t = t, .fill_field = {-1, -1, -1, -1, -1}, .last_focus = (size_t)-1};
	/* Read once: the schedule does not change while a visitor is typed in. */
	if (!lf_reception_on_duty(t->st, lf_date_today(), s.on_duty, sizeof s.on_duty))
		s.on_duty[0] = '\0';
	lf_office_info office;
	lf_office_info_read(t->st, &office);
	lf_office_source_line(&office, t->form->annex, true, s.source, sizeof s.source);
	const lf_form_def *form = t->form;
	size_t n = form->n_fields;
	bool saved = false;
	lf_form_view_init(&s.v, form, false);
	s.initial = calloc(n, sizeof *s.initial);
	if (!s.initial)
		goto cleanup;
	/* 接待人员 is the logged-in person's name, as signatures show it. */
	const char *who = t->me && t->me->name ? t->me->name : t->user;
	lf_form_fill_defaults(form, s.initial, lf_date_today(), who);
	for (size_t i = 0; i < n; i++) {
		/* A draft brings back what was typed; 接待人员 is always whoever is here now. */
		const char *v = s.initial[i];
		if (draft_values && draft_values[i] && lf_form_view_editable(&s.v, i))
			v = draft_values[i];
		lf_form_view_set(&s.v, i, v);
	}
	if (draft_values) {
		sheet_say(&s, LF_MSG_NOTE, _("The unsaved sheet is back as it was typed."));
		s.draft_dirty = true;
	}
	/* 接待人员 and 接待时间 are filled: the clerk starts with the visitor's
	 * name, or (a draft) in the field they were in, at the end of its text. */
	int start = focus_id ? lf_form_find(form, focus_id) : -1;
	if (start < 0 || !lf_form_view_editable(&s.v, (size_t)start))
		start = lf_form_find(form, "name");
	if (start >= 0 && lf_form_view_editable(&s.v, (size_t)start))
		lf_form_view_focus(&s.v, (size_t)start);

	lf_tui_push(draw, &s);
	while (!t->quit) {
		lf_redraw_all();
		wint_t key;
		int kind = lf_read_key(&key, DRAFT_IDLE_MS);
		if (kind == ERR) {
			/* A pause in typing, or the idle lock coming (or gone): the
			 * draft is on disk before the screen locks. */
			if (s.draft_dirty)
				sheet_write_draft(&s);
			continue;
		}
		lf_action a = lf_key_action(kind, key, LF_S_SHEET);
		if (a == LF_A_PALETTE) { /* Ctrl-P: an action by name, as if its key */
			int step;
			a = lf_palette_run(LF_S_SHEET, NULL, 0, &step);
			if (a == LF_A_NONE)
				continue;
		}
		const lf_field_def *f = &form->fields[s.v.focus];
		if (s.v.focus != s.last_focus) {
			s.last_focus = s.v.focus;
			s.replace_next = !strcmp(f->id, "headcount");
		}
		if (s.replace_next) {
			bool printable = a == LF_A_NONE && kind == OK && key >= 0x20 && key != 0x7f;
			if (printable) {
				lf_form_view_set(&s.v, s.v.focus, "");
				s.draft_dirty = true;
			}
			if (a != LF_A_HELP)
				s.replace_next = false;
		}
		bool enter = (kind == OK && (key == '\r' || key == '\n')) || (kind == KEY_CODE_YES && key == KEY_ENTER);
		if (enter && f->kind == LF_FIELD_MULTILINE)
			a = LF_A_NEWLINE;
		switch (a) {
		case LF_A_SAVE:
			leave_field(&s);
			if (sheet_save(&s, saved_no, saved_len)) {
				saved = true;
				goto done;
			}
			break;
		case LF_A_BACK:
			if (!typed(&s) || lf_dialog_confirm(_("Drop what was typed on this sheet?"), false)) {
				lf_draft_discard(lf_tui_draft(t));
				goto done;
			}
			break;
		case LF_A_QUIT:
			if (!typed(&s)) {
				lf_draft_discard(lf_tui_draft(t));
				t->quit = true;
			} else if (lf_dialog_confirm(_("Quit laifang? The sheet is kept as a draft and offered "
			                               "again at the next start."),
			                             false)) {
				/* A draft that cannot be written keeps the desk open: the
				 * message says why, and nothing typed is lost. */
				if (sheet_write_draft(&s))
					t->quit = true;
			}
			break;
		case LF_A_LOGOUT:
			/* The draft is this login's: the next person never sees it;
			 * it is offered when this one logs in again. */
			if (!typed(&s)) {
				lf_draft_discard(lf_tui_draft(t));
				t->logout = true;
				goto done;
			}
			if (lf_dialog_confirm(_("Log out? The sheet is kept as your draft and offered again when you "
			                        "log in."),
			                      true) &&
			    sheet_write_draft(&s)) {
				t->logout = true;
				goto done;
			}
			break;
		case LF_A_HELP:
			show_help(&s);
			break;
		case LF_A_REPEAT: {
			/* An ID number just typed is looked up first; that asks already. */
			char before[sizeof s.rep.id_number];
			snprintf(before, sizeof before, "%s", s.rep.id_number);
			leave_field(&s);
			if (strcmp(before, s.rep.id_number))
				break;
			char note[160], m[512];
			/* Issue 12: the earlier cases to open, and the answer. */
			if (lf_sheet_earlier_browse(t, &s.rep, m, sizeof m)) {
				int idn = lf_form_find(form, "id_number");
				snprintf(note, sizeof note, _("Earlier ×%d · repeat: %s (F7)"), s.rep.earlier,
				         s.rep.repeat ? _("yes") : _("no"));
				if (idn >= 0 && s.rep.earlier > 0)
					lf_form_view_note(&s.v, (size_t)idn, note);
				if (m[0])
					sheet_say(&s, LF_MSG_NOTE, m);
				break;
			}
			lf_sheet_repeat_ask(t, &s.rep, note, sizeof note, m, sizeof m);
			int idf = lf_form_find(form, "id_number");
			if (idf >= 0 && s.rep.earlier > 0)
				lf_form_view_note(&s.v, (size_t)idf, note);
			if (m[0])
				sheet_say(&s, LF_MSG_NOTE, m);
			break;
		}
		case LF_A_NEXT_FIELD:
			leave_field(&s);
			if (extra_step(&s, 1))
				break;
			if (!lf_form_view_tab_next(&s.v, 1)) {
				s.v.focus = 0; /* Tab past the last field wraps to the first */
				if (!lf_form_view_editable(&s.v, 0) || form->fields[0].no_tab)
					lf_form_view_tab_next(&s.v, 1);
			}
			break;
		case LF_A_PREV_FIELD:
			leave_field(&s);
			if (extra_step(&s, -1))
				break;
			if (!lf_form_view_tab_next(&s.v, -1)) {
				s.v.focus = n - 1;
				if (!lf_form_view_editable(&s.v, n - 1) || form->fields[n - 1].no_tab)
					lf_form_view_tab_next(&s.v, -1);
			}
			break;
		case LF_A_DOWN:
		case LF_A_UP:
			if (!lf_form_view_vertical(&s.v, a == LF_A_DOWN ? 1 : -1)) {
				leave_field(&s);
				lf_form_view_focus_next(&s.v, a == LF_A_DOWN ? 1 : -1);
			}
			break;
		case LF_A_PAGE_DOWN:
		case LF_A_PAGE_UP:
			page(&s, a == LF_A_PAGE_DOWN ? 1 : -1);
			break;
		case LF_A_NONE:
			if (kind != OK || key < 0x20 || key == 0x7f || (key >= 0x80 && key < 0xa0))
				break; /* a stray control character or unknown key is never typed in */
			/* fall through */
		default:
			if (lf_form_view_edit(&s.v, a, key)) {
				s.draft_dirty = true;
			} else if (a == LF_A_NONE || a == LF_A_NEWLINE || a == LF_A_PASTE) {
				const lf_textbuf *tb = &s.v.bufs[s.v.focus];
				if (tb->len >= tb->max_chars) {
					char m[256];
					snprintf(m, sizeof m, _("%s holds at most %zu characters."), f->label, tb->max_chars);
					sheet_say(&s, LF_MSG_ERROR, m);
				}
			}
			break;
		}
	}
done:
	/* Hung up under a dialog: the last keys are still only on screen. */
	if (!saved && s.draft_dirty && lf_terminal_gone())
		sheet_write_draft(&s);
	lf_tui_pop();
cleanup:
	lf_form_values_free(s.initial, n);
	lf_form_view_free(&s.v);
	sheet_fill_forget(&s);
	free(s.sex_filled);
	return saved;
}
