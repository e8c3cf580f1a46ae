/* Private to the terminal face: screens, drawing helpers, the key table. */
#ifndef LAIFANG_TUI_INTERNAL_H
#define LAIFANG_TUI_INTERNAL_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

#include "laifang/caseflow.h"
#include "laifang/deadline.h"
#include "laifang/form.h"
#include "laifang/store.h"
#include "laifang/store_people.h"
#include "laifang/textbuf.h"

#define LF_MIN_COLS 80
#define LF_MIN_ROWS 24

/* Colour pairs. */
enum {
	LF_C_TITLE = 1,
	LF_C_LABEL,
	LF_C_FIELD,
	LF_C_FIELD_RO,
	LF_C_FOCUS,
	LF_C_ERROR,
	LF_C_OK,
	LF_C_BAR,
	LF_C_BARKEY,
	LF_C_NOTE,
	LF_C_SELECT,
};

#include "tui_keys.h" /* the actions, the key table, the palette's names */

/* --- drawing (draw.c) --- */

/* Draw UTF-8 text at y,x clipped to cols columns; returns columns used.
 * Control characters never reach the terminal (the text is cleaned). */
int lf_draw_text(WINDOW *w, int y, int x, const char *utf8, int cols);
/* Same for n wide characters. */
int lf_draw_wcs(WINDOW *w, int y, int x, const wchar_t *ws, size_t n, int cols);
/* Fill cols columns with spaces. */
void lf_draw_blank(WINDOW *w, int y, int x, int cols);
/* The bottom bar of function keys for a screen: in pages when they do
 * not fit, each ending with "F12» 1/2". */
void lf_draw_keybar(unsigned screen);
/* F12: the bar's next page; false when it has one page only. */
bool lf_keybar_next(void);
/* The message line (second row from the bottom): error, ok or note. */
typedef enum { LF_MSG_NOTE, LF_MSG_OK, LF_MSG_ERROR } lf_msg_kind;
void lf_draw_message(const char *utf8, lf_msg_kind kind);
/* A message wider than the screen continues on the row above the message
 * line; lf_redraw_all calls this after the screen is drawn. */
void lf_draw_long_message(void);
/* A boxed window in the middle of the screen (dialogs); the caller deletes it. */
WINDOW *lf_centered_box(int h, int w);
/* Shown instead of any screen while the terminal is too small. */
void lf_draw_too_small(void);
bool lf_screen_big_enough(void);

/* Modal dialogs. Each redraws what is below it on resize via lf_redraw_all. */
/* Ask a yes/no question; Enter answers def. */
bool lf_dialog_confirm(const char *question, bool def);
/* The same with a third answer: 1 yes, 0 no, -1 Esc (neither: back). */
int lf_dialog_yes_no_back(const char *question, bool def);
/* Show a scrollable text (help) until Esc, Enter, q or F1. */
void lf_dialog_text(const char *title, const char *utf8);

/* A small menu over the current screen: Up/Down and Enter, or the item's
 * number. The chosen index, or -1 on Esc. */
int lf_dialog_menu(const char *title, const char *const *items, size_t n);

/* A one-line text box (draw.c): a login, a name, a password (secret: drawn
 * as one '*' per character; its memory is wiped when freed). */
typedef struct lf_line_edit {
	lf_textbuf tb;
	size_t first; /* first character shown (horizontal scrolling) */
	bool secret;
} lf_line_edit;
void lf_line_init(lf_line_edit *e, size_t max_chars, bool secret);
void lf_line_free(lf_line_edit *e);
void lf_line_set(lf_line_edit *e, const char *utf8);
char *lf_line_text(const lf_line_edit *e); /* malloc'd UTF-8 */
/* Draw into w at y,x in cols columns; returns the cursor's column. */
int lf_line_draw(lf_line_edit *e, WINDOW *w, int y, int x, int cols, bool focused);
/* An editing key (characters, Backspace, Delete, Left, Right, Home, End,
 * Ctrl-U, Ctrl-K); false when the key is not one of them. */
bool lf_line_key(lf_line_edit *e, int kind, wint_t key);

/* A dialog of labelled one-line boxes over the current screen (draw.c).
 * Tab/Down and Shift-Tab/Up move between boxes; Enter moves on, and on the
 * last box answers LF_PROMPT_OK; Esc answers LF_PROMPT_BACK (when can_back),
 * F10 LF_PROMPT_QUIT. The caller checks the values, sets msg and runs it
 * again to ask once more (focus and text are kept). */
typedef enum { LF_PROMPT_OK, LF_PROMPT_BACK, LF_PROMPT_QUIT } lf_prompt_result;
typedef struct lf_prompt {
	const char *title;      /* on the box's top border */
	const char *intro;      /* a line above the boxes, or NULL */
	const char **labels;    /* n labels */
	lf_line_edit *fields;   /* n boxes, initialised by the caller */
	size_t n;
	size_t focus;
	bool can_back;          /* Esc answers (the login screen has no back) */
	bool blank;             /* draw on an empty screen, nothing of the stack behind (the idle lock) */
	char msg[512];          /* shown in the box under the fields */
	lf_msg_kind msg_kind;
	const char *help;       /* F1 shows it (NULL: F1 does nothing) */
} lf_prompt;
lf_prompt_result lf_prompt_run(lf_prompt *p);
/* One box: true with the text in buf on Enter, false on Esc or F10. It
 * takes at most (len - 1) / 4 characters, so any UTF-8 text fits buf. */
bool lf_prompt_line(const char *title, const char *label, bool secret, char *buf, size_t len);

/* May the logged-in user use the key's action on a screen? (Home and case
 * view: F4 needs register, F8 view_audit, F9 administer, F6 instruct; home
 * F7 a visible queue, F6 register or instruct; case F7 a role that takes
 * steps, F4 register; a queue's bulk step route or archive; the waiting
 * list's steps register or instruct; any other action or screen: yes.) False with core's refusal in msg (may be
 * NULL). The key bar leaves out what is refused. */
bool lf_action_allowed(lf_action a, unsigned screen, char *msg, size_t len);

/* The screen stack (tui.c): each open screen registers how to draw itself,
 * so a resize or a dialog can redraw what is below. */
void lf_tui_push(void (*draw)(void *ctx), void *ctx);
void lf_tui_pop(void);
void lf_redraw_all(void);

/* --- a form on screen (form_view.c) --- */

typedef struct lf_form_view {
	const lf_form_def *form;
	lf_textbuf *bufs;     /* one per field */
	size_t *hscroll;      /* first visible char of each single-line field */
	size_t *vscroll;      /* first visible row of each multiline field */
	char **notes;         /* text drawn right of a field (e.g. repeat visitor), or NULL */
	size_t focus;
	int top;              /* first form row shown (vertical scrolling) */
	bool all_readonly;    /* a saved case being looked at */
	/* A read-only multi-line field to be read whole (the report a unit head
	 * approves): spare rows go to it first, as many as its text needs;
	 * -1 none (lf_form_view_init). */
	int grow;
	int label_cols;
	/* layout, computed for the current width */
	int *row, *col, *width, *height; /* per field, in form coordinates */
	int total_rows;
} lf_form_view;

void lf_form_view_init(lf_form_view *v, const lf_form_def *form, bool all_readonly);
void lf_form_view_free(lf_form_view *v);
/* Values in and out, one UTF-8 string per field. */
void lf_form_view_set(lf_form_view *v, size_t field, const char *utf8);
char *lf_form_view_get(const lf_form_view *v, size_t field); /* malloc'd */
char **lf_form_view_values(const lf_form_view *v);         /* malloc'd array of malloc'd */
void lf_form_values_free(char **values, size_t n);
void lf_form_view_note(lf_form_view *v, size_t field, const char *utf8);
bool lf_form_view_editable(const lf_form_view *v, size_t field);
/* The display rows of field i at its width: an editable field's as its
 * editing buffer wraps them (the cursor's rows), any other's by the
 * Chinese line-breaking rules (linebreak.h). As lf_textbuf_layout. */
size_t lf_form_view_rows(const lf_form_view *v, size_t i, lf_textrow *rows, size_t max);
/* Draw into rows [y0, y0 + rows) of stdscr; places the cursor. */
void lf_form_view_draw(lf_form_view *v, int y0, int rows);
/* Move focus to the next/previous editable field; false when none. */
bool lf_form_view_focus_next(lf_form_view *v, int dir);
/* The same for Tab: fields marked no-tab are passed over. */
bool lf_form_view_tab_next(lf_form_view *v, int dir);
void lf_form_view_focus(lf_form_view *v, size_t field);
/* Give a key to the focused field. Returns true when the text changed. */
bool lf_form_view_edit(lf_form_view *v, lf_action a, wint_t ch);
/* True when the focused field consumed Up/Down itself (multiline rows). */
bool lf_form_view_vertical(lf_form_view *v, int dir);

typedef struct lf_tui lf_tui;

/* --- a small form screen (form_screen.c) ---
 * The add/change user form, the add-unit form and the audit filter share
 * one loop over a form view, with the keys of LF_S_FORM: F2, or Enter on
 * the last field, submits; Tab/Down and Shift-Tab/Up move; Esc leaves and
 * F10 quits laifang, each asking first when typed() says something would
 * be lost; F1 shows about and the keys. The caller initialises and frees
 * the view. */
typedef struct lf_form_screen {
	lf_form_view *v;
	const char *title;  /* on the top line and the help */
	const char *about;  /* help text above the keys, or NULL */
	void *ctx;          /* given to the hooks */
	/* True when done; otherwise msg says why (the cursor on the field). */
	bool (*submit)(void *ctx);
	/* Would leaving lose typing? NULL: never asks. */
	bool (*typed)(void *ctx);
	/* Before the form's own keys (a picker on Enter): true when taken. */
	bool (*key)(void *ctx, int kind, wint_t key, lf_action a, bool enter);
	/* A key for the focused field: true when taken, instead of the view's
	 * editing (a hidden password). NULL: the view edits. */
	bool (*edit)(void *ctx, int kind, wint_t key, lf_action a);
	/* Drawn over the form (a picker), or NULL. */
	void (*draw_over)(void *ctx);
	char msg[512];
	lf_msg_kind msg_kind;
} lf_form_screen;
/* Runs until submit says done (true), Esc (false) or quit (t->quit). */
bool lf_form_screen_run(lf_tui *t, lf_form_screen *s);

/* --- a list screen (list_view.c) ---
 * The rows (row_size bytes each, filled through lf_list_push), columns laid
 * out from x0 with one blank between and the one of width 0 taking the
 * rest up to margin columns from the right, headings on row y and the rows
 * below, the selection and the first row shown. fetch, when set, reads the
 * next page after the last row (keyset) and sets more. */
typedef struct lf_list_col {
	const char *heading; /* N_() text; translated when drawn */
	int width;           /* columns; 0: what the others leave */
} lf_list_col;
typedef struct lf_list {
	void *rows;
	size_t row_size, n, cap;
	size_t sel, top;
	bool more;
	const lf_list_col *cols;
	size_t ncols;
	int x0, margin, y;
	const char *empty; /* shown under the headings when there is no row */
	void *ctx;         /* given to the hooks */
	/* The text of a cell (buf may hold it) and its colour, or NULL. */
	const char *(*cell)(void *ctx, const void *row, size_t col, char *buf, size_t len, int *attr);
	/* Draw a cell itself (text with marks): true when done. NULL: none. */
	bool (*draw_cell)(void *ctx, const void *row, size_t col, int y, int x, int w);
	int (*row_attr)(void *ctx, const void *row); /* a row's look, or NULL */
	void (*fetch)(void *ctx);
	void (*row_free)(void *row);
} lf_list;
void *lf_list_push(lf_list *l);            /* a zeroed new row, NULL when out of memory */
void *lf_list_at(const lf_list *l, size_t i);
void *lf_list_current(const lf_list *l);   /* the selected row, NULL when none */
void lf_list_clear(lf_list *l);            /* every row freed */
void lf_list_clamp(lf_list *l);            /* the selection back on a row */
int lf_list_rows(const lf_list *l);        /* rows on screen */
size_t lf_list_page(const lf_list *l);
void lf_list_down(lf_list *l, size_t step); /* reading pages as needed */
/* Up, Down, PgUp, PgDn, Home, End: true when a was one of them. */
bool lf_list_key(lf_list *l, lf_action a);
/* The headings and the rows in view. */
void lf_list_draw(lf_list *l);
/* The title row, a bold line, the message line with the key bar. */
void lf_draw_title(const char *utf8);
void lf_draw_bold(int y, const char *utf8);
void lf_draw_foot(const char *msg, lf_msg_kind kind, unsigned screen);
/* The loop of a list screen: keys of screen, each checked by
 * lf_action_allowed (the refusal to msg); the list keys move, F10 quits,
 * Esc leaves, F1 shows help (or lf_keys_help) under help_title, any other
 * action goes to act, which answers true to leave. pre sees each key first
 * and answers true when it took it (typing). msg NULL: the message stays
 * from key to key. */
typedef struct lf_list_screen {
	lf_tui *t;
	lf_list *l;
	unsigned screen;
	void (*draw)(void *ctx);
	void *ctx;
	char *msg;
	size_t msglen;
	lf_msg_kind *msg_kind;
	const char *help_title;
	void (*start)(void *ctx); /* once on the screen stack, before the first key */
	bool (*pre)(void *ctx, int kind, wint_t key, lf_action a);
	bool (*act)(void *ctx, lf_action a);
	char *(*help)(void *ctx);
	/* Issue 14: a list that follows other desks' work. Between keys (every
	 * LF_WATCH_MS) the office is asked whether another desk changed
	 * something; if so follow reads the list again (what F5 does), the
	 * selection staying on the row of the same row_key (a case's id or
	 * number) where it still is, at the same place on the screen. NULL:
	 * the list waits for keys only. */
	void (*follow)(void *ctx);
	const char *(*row_key)(const void *row);
} lf_list_screen;
/* How often a list that follows other desks looks for their changes. */
#define LF_WATCH_MS 1500
void lf_list_run(lf_list_screen *s);

/* --- screens --- */

/* The home screen: today's registrations. */
void lf_home_run(lf_tui *t);
/* The registration sheet: blank (values NULL) or from a draft. Returns true
 * when a case was saved (its number in saved_no). */
bool lf_sheet_run(lf_tui *t, char **draft_values, char *saved_no, size_t saved_len);
/* The same, the cursor in the field of id focus_id (a draft's
 * LF_DRAFT_FOCUS); NULL or an unknown id: in 来访人姓名. */
bool lf_sheet_run_at(lf_tui *t, char **draft_values, const char *focus_id, char *saved_no, size_t saved_len);
/* A saved case, read-only: the sheet, or its timeline (Tab / F5), and
 * F7 for the steps this user may take. */
void lf_case_view_run(lf_tui *t, const char *case_no);
/* The queues (queue_view.c): the menu of what the user may see with the
 * counts, and one queue's list. */
void lf_queue_menu_run(lf_tui *t);
void lf_queue_view_run(lf_tui *t, lf_queue_id q);
/* Issue 12: a saved view's queue with its filter (views.h). */
struct lf_saved_view;
void lf_queue_view_saved(lf_tui *t, const struct lf_saved_view *sv);
/* Open the user's saved view number n (1..9) as its queue; false with msg
 * when there is none or it does not open (views_menu.c). */
bool lf_views_open_number(lf_tui *t, int n, char *msg, size_t len);
/* 'v' on home: the saved views, each to open, rename or delete. */
void lf_views_menu_run(lf_tui *t, char *msg, size_t len);
/* F4 on a queue: ask a name (view_name proposed, and set to the name
 * saved) and save vf as the user's view; false with msg when refused. */
struct lf_view_filter;
bool lf_view_save_dialog(lf_tui *t, const struct lf_view_filter *vf, char *view_name, size_t name_len, char *msg,
                         size_t len);
/* Today's waiting list (waiting.c). */
void lf_waiting_run(lf_tui *t);
/* The search over cases (search_view.c, issue 6): a query line, the hits
 * ranked and marked, Enter opens one through lf_case_view_run. */
void lf_search_run(lf_tui *t);
/* The reception-day log of date (YYYY-MM-DD; NULL: today) (reception_log.c):
 * the paper's form, the day's cases with an instruction per case, the
 * summary meeting, photos, signatures. Clerks and leaders. */
void lf_reception_log_run(lf_tui *t, const char *date);
/* The month's schedule (schedule_view.c): generate, edit, check, quotas,
 * publish. Administrators change it; anyone may look. */
void lf_schedule_run(lf_tui *t);
/* The report screen (report_view.c, issue 6): the figures of a month or a
 * year (stats.h) as tables and bar charts, Left/Right for the period, F4
 * writes the same figures as CSV. Supervisors, leaders, archivists and
 * administrators (lf_stats_allowed); others get the refusal and return. */
void lf_report_run(lf_tui *t);
/* The print key of the case screen (print_dialog.c, issue 6): the sheet or
 * a notice as PDF to a file (default ~/laifang-CASE-KIND.pdf) through
 * lf_paper_print, then lp when it exists. case_id: an id or a case number. */
void lf_print_case_dialog(lf_tui *t, const char *case_id);
/* Issue 15: the visitor's receipt (回执) of a case (number) to a file
 * (default ~/laifang-CASE-receipt.pdf) through lf_paper_print_receipt, then
 * lp when it exists: the same dialog. 'p' on home after a save. */
void lf_print_receipt_dialog(lf_tui *t, const char *case_no);
/* The print key of the reception-day log (issue 15): the file (default
 * ~/laifang-log-DAY.pdf), the PDF through lf_paper_print_log, then lp. */
void lf_print_log_dialog(lf_tui *t, const char *day);
/* Issue 13 (query_view.c): 查询 for a petitioner's call: the code typed,
 * the public facts of its case shown (lf_query_lookup: audited, wrong
 * codes counted), or "no case has this query code". */
void lf_query_dialog(lf_tui *t);
/* The export screen (export_view.c, issue 6): the ledger (台账) of the
 * cases by date received, queue, unit and status, as CSV (UTF-8 with BOM)
 * or JSON, written through core (ledger.h) atomically to a 0600 file
 * (default ~/laifang-ledger-YYYYMMDD.csv); audited. LF_PERM_EXPORT. */
void lf_export_run(lf_tui *t);

/* --- a case's life on screen (case_flow.c) --- */

/* The timeline panel of the case screen: the state, lead unit, owner, next
 * deadline, flags and people, then the registration and every event
 * oldest first. */
typedef struct lf_timeline lf_timeline;
lf_timeline *lf_timeline_load(lf_tui *t, const lf_case *c, char *msg, size_t len);
void lf_timeline_free(lf_timeline *tl);
/* Load it again after a step, at the same scroll position (old is freed). */
lf_timeline *lf_timeline_reload(lf_tui *t, lf_timeline *old, const lf_case *c, char *msg, size_t len);
/* Draw into rows [y0, y0 + rows) of stdscr, from the scroll position. */
void lf_timeline_draw(lf_timeline *tl, int y0, int rows);
/* Scroll by delta rows (clamped). */
void lf_timeline_scroll(lf_timeline *tl, int delta);
/* The case's state and routing as read for the timeline. */
const lf_case_flow *lf_timeline_flow(const lf_timeline *tl);

/* F7 on the case: a menu of the steps the user may take now; each opens a
 * small form and calls core. True when the case changed; msg says what
 * happened (or why not) and kind how to show it. */
bool lf_case_steps_run(lf_tui *t, const char *case_id, const char *case_no, char *msg, size_t len,
                       lf_msg_kind *kind);
/* Apply a step once the form is filled: for one case or for each marked
 * case of a queue. 1 when done (msg then says what happened); 0 with msg
 * saying why not, and the form stays open with what was typed; -1 to leave
 * the form with msg (another desk moved the case). */
typedef int (*lf_step_apply_fn)(void *ud, lf_step step, const lf_step_args *args, char *msg, size_t len);
/* The form of a step (unit, due date, reason, text, satisfaction as the
 * step needs). heading names the case or cases. True when apply said done. */
bool lf_step_form_run(lf_tui *t, lf_step step, const char *heading, const char *default_due,
                      lf_step_apply_fn apply, void *ud, char *msg, size_t len);
/* A visit step (候谈, 接谈, 完成, 劝返) on one case, through core; msg says
 * what happened or why not. */
bool lf_tui_visit(lf_tui *t, const char *case_id, lf_visit_step step, char *msg, size_t len);
/* A one-line picker of units of a kind ("" or NULL: any), a leading
 * "(any)" entry when any_label is not NULL. The chosen unit's name is
 * written to out; false on Esc. */
bool lf_pick_unit(lf_tui *t, const char *kind, const char *any_label, char *out, size_t len);
/* A picker of the users with the leader role (their login to out, their
 * name to name_out). False on Esc or when the list may not be read (msg). */
bool lf_pick_leader(lf_tui *t, const char *any_label, char *out, size_t len, char *name_out, size_t name_len,
                    char *msg, size_t msglen);
/* The due-date text of a list or the timeline: "2026-12-08 (5)" with the
 * working days left, and how it stands (for its colour). */
lf_due_state lf_due_text(lf_tui *t, const char *due_on, char *buf, size_t len);
/* Copy UTF-8 text into a buffer of size bytes, cut at a character. */
void lf_copy_text(char *dst, size_t size, const char *src);
/* A text's colour for a deadline: near yellow, overdue red, else 0. */
int lf_due_attr(lf_due_state s);
/* Administration (admin_users.c, admin_units.c): lists with add / change /
 * deactivate; each checks LF_PERM_ADMINISTER through core. */
void lf_admin_users_run(lf_tui *t);
void lf_admin_units_run(lf_tui *t);
/* The office's settings for its paper (admin_office.c, issue 15): true
 * when saved, done saying so (or why it could not open). */
bool lf_admin_office_run(lf_tui *t, char *done, size_t donelen);
/* The users list's form (admin_user_form.c): add a user, change one (name,
 * title, unit from a picker, roles from a checklist) or set a new password.
 * True when core saved it: done says so, login_out whose it was. */
typedef enum { LF_USER_ADD, LF_USER_EDIT, LF_USER_PASSWORD } lf_user_form_mode;
bool lf_user_form_run(lf_tui *t, lf_user_form_mode mode, const lf_user *u, char *done, size_t donelen,
                      char *login_out, size_t login_len);
/* The audit log (audit_view.c): by case (record not NULL), by user, by day. */
void lf_audit_view_run(lf_tui *t, const char *record);
/* Login (login.c): the first-start administrator, then the login screen.
 * False when the person quits. Fills t->me. */
bool lf_login_run(lf_tui *t);
/* The idle lock (login.c): asks t->me's password over whatever screen is
 * open; false when the person quits instead. */
bool lf_lock_run(lf_tui *t);
/* The same dialog when the store refused a write because t->me's account
 * changed since the login (deactivated, roles, unit or password: issue
 * 10): says so and asks t->me's password again (lf_unlock: the account as
 * it is now); false when the person quits or cannot log in. lf_read_key
 * opens it at the first key read after such a refusal, whatever the
 * screen, which keeps what was typed. */
bool lf_relogin_run(lf_tui *t);

struct lf_tui {
	lf_store *st;
	const char *db_path;
	const char *user;
	lf_user *me;             /* the logged-in user (issue 3: login screen) */
	const lf_form_def *form; /* registration */
	bool quit;               /* F10 confirmed: every screen returns */
	struct lf_draft *draft;  /* this desk's drafts of the sheet (lf_tui_draft) */
	bool logout;             /* log out asked (issue 12): every screen returns, then the login screen */
};

/* This desk's drafts of the registration sheet for the person logged in
 * on this database (draft.h), opened on first use and again should the
 * login change; NULL with errno when the state directory cannot be had.
 * lf_tui_draft_close at the end of the session. */
struct lf_draft *lf_tui_draft(lf_tui *t);
void lf_tui_draft_close(lf_tui *t);

/* Read one key, keeping the screen right through resizes. Returns the
 * wget_wch result (OK, KEY_CODE_YES or ERR on timeout). */
int lf_read_key(wint_t *key, int timeout_ms);
/* Whether another key is already waiting, read back for the next
 * lf_read_key: keys that come faster than a hand types are a paste (a
 * terminal without bracketed paste sends its line breaks as Enter). */
bool lf_key_waiting(void);
/* lf_read_key also locks the screen after idle_lock_seconds without a key
 * (lf_lock_run over whatever is open); it then returns ERR, with
 * lf_tui_quitting() true when the person chose F10 in the lock. A screen
 * with a timeout gets one ERR before the lock (time to write a draft). */
bool lf_tui_quitting(void);
/* The terminal is gone (hang-up, SIGTERM, pty closed): the session is
 * quitting and no key will come. Checked after every ERR. */
bool lf_terminal_gone(void);
/* Wait for one key with no timeout, as a dialog does; ERR only when the
 * terminal is gone (the dialog then returns as if cancelled). */
int lf_wait_key(wint_t *key);
/* The user logged in: whose actions lf_action_allowed judges. */
const lf_user *lf_tui_user(void);

/* --- transfers and assignments come back (case_agency.c, issue 11) --- */

/* True when the F7 menu offers "record the agency's answer" to me. */
bool lf_case_agency_offered(lf_tui *t, const lf_case_flow *fl);
/* Its menu and forms (the agency's answers, co-agencies, 未评价); true
 * when the case changed; msg and kind as lf_case_steps_run's. */
bool lf_case_agency_run(lf_tui *t, const lf_case_flow *fl, const char *case_no, char *msg, size_t len,
                        lf_msg_kind *kind);
/* Issue 13, 可评价 (case_evaluate.c): the F7 menu's evaluation item, once
 * the answer is given, for the reply's people and supervisors; its form.
 * true when the case changed; msg and kind as lf_case_steps_run's. */
bool lf_case_evaluate_offered(lf_tui *t, const lf_case_flow *fl);
bool lf_case_evaluate_run(lf_tui *t, const lf_case_flow *fl, const char *case_no, char *msg, size_t len,
                          lf_msg_kind *kind);
/* Lines for the timeline panel: co-agencies, the agency's answers, and for
 * an archivist the archive check (malloc'd, possibly ""; NULL when out of
 * memory). */
char *lf_case_agency_summary(lf_tui *t, const lf_case_flow *fl);
/* --- issue 11: 重复访 on the sheet (sheet_repeat.c) ---
 * Whether a returning visitor's visit is the same matter as an earlier one
 * is the clerk's decision: the earlier cases are listed (number, date,
 * state, first words) and the answer defaults to "not a repeat". */
typedef struct lf_sheet_repeat {
	char id_number[40]; /* the person the earlier cases are of; "" none */
	int earlier;        /* how many */
	bool repeat;        /* the clerk's answer */
	bool looked;        /* the earlier cases were read (the count is what the clerk saw) */
} lf_sheet_repeat;
/* A good ID number was left: list the person's earlier cases and ask when
 * the number is new to this sheet (an unknown person, or none before:
 * nothing to ask, not a repeat). note gets the text right of the ID box
 * ("" for none), msg a line for the message bar ("" for nothing). */
void lf_sheet_repeat_lookup(lf_tui *t, lf_sheet_repeat *r, const char *id_number, char *note, size_t notelen,
                            char *msg, size_t msglen);
/* F7: ask again (or say there is nothing to ask). */
void lf_sheet_repeat_ask(lf_tui *t, lf_sheet_repeat *r, char *note, size_t notelen, char *msg, size_t msglen);
/* The save found a case of this person newer than the list (another desk):
 * list the cases again under why and ask again. Esc answers neither: the
 * count stays what it was, so the next F2 asks again; false then. */
bool lf_sheet_repeat_again(lf_tui *t, lf_sheet_repeat *r, const char *why, char *note, size_t notelen, char *msg,
                           size_t msglen);
/* Issue 12 (sheet_earlier.c), F7 with earlier cases: list them with state
 * and last step; Enter opens one read-only, Esc returns to the sheet; the
 * list's last rows answer 重复访. False when there is nothing to list. */
bool lf_sheet_earlier_browse(lf_tui *t, lf_sheet_repeat *r, char *msg, size_t msglen);

/* --- issue 11: on the case (case_correct.c) --- */
/* F3 更正登记: the sheet's words prefilled, each changed field corrected
 * through core. True when something was saved; msg says what or why not. */
bool lf_case_correct_run(lf_tui *t, const lf_case *c, char *msg, size_t len, lf_msg_kind *kind);
/* Issue 13 (case_deliver.c): record the delivery (送达) of one of the
 * case's printed notices: the notice, the method, signed or refused, then
 * the tracking number, date and note; core checks them and a refusal keeps
 * what was typed. True when a delivery was recorded (msg says so). */
bool lf_case_deliver_run(lf_tui *t, const char *case_id, char *msg, size_t len, lf_msg_kind *kind);
/* Issue 13, 第三十三条 (case_mediate.c): 'm' on the case: the kind, then the
 * parties, the mediator and the terms in one box; core decides. */
bool lf_case_mediate_run(lf_tui *t, const char *case_id, char *msg, size_t len, lf_msg_kind *kind);
/* 'r': the earlier cases and 重复访 yes/no. True when the flag changed. */
bool lf_case_repeat_run(lf_tui *t, const lf_case *c, char *msg, size_t len, lf_msg_kind *kind);

/* --- issue 12: the command palette (tui_keys.h): what it needs of the case screen --- */
/* The steps of the case the user may take now (case_flow.c). */
size_t lf_case_steps_now(lf_tui *t, const char *case_id, int *steps, size_t max);
/* Take one step chosen by name (as from the F7 menu). True when changed. */
bool lf_case_step_take(lf_tui *t, const char *case_id, const char *case_no, int step, char *msg, size_t len,
                       lf_msg_kind *kind);

#endif
