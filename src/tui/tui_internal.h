/* Private to the terminal face: screens, drawing helpers, the key table. */
#ifndef LAIFANG_TUI_INTERNAL_H
#define LAIFANG_TUI_INTERNAL_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

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

/* What a person can ask for. One table (keys.c) maps keys to actions and
 * gives the help screen and the bottom bar their text. */
typedef enum lf_action {
	LF_A_NONE = 0,
	LF_A_HELP,
	LF_A_SAVE,
	LF_A_BACK,
	LF_A_QUIT,
	LF_A_NEXT_FIELD,
	LF_A_PREV_FIELD,
	LF_A_UP,
	LF_A_DOWN,
	LF_A_NEW,
	LF_A_OPEN,
	LF_A_REFRESH,
	LF_A_PAGE_UP,
	LF_A_PAGE_DOWN,
	/* editing a field */
	LF_A_LEFT,
	LF_A_RIGHT,
	LF_A_HOME,
	LF_A_END,
	LF_A_BACKSPACE,
	LF_A_DELETE,
	LF_A_KILL_END,
	LF_A_KILL_START,
	LF_A_NEWLINE,
	/* issue 3 */
	LF_A_AUDIT,    /* F8: the audit log */
	LF_A_ADMIN,    /* F9: administration */
	LF_A_INSTRUCT, /* F6: a leader's instruction */
	/* admin/audit (T2) */
	LF_A_EDIT,     /* F6 on the users list: change a user */
	LF_A_PASSWORD, /* F5 on the users list: a new password */
	LF_A_ACTIVE,   /* F7: deactivate / reactivate */
	LF_A_UNLOCK,   /* F9 on the users list: lift a lock-out */
	LF_A_UNITS,    /* F4 on the users list: the directory of units */
	LF_A_FILTER,   /* F3 on the audit log: by case, user, day */
} lf_action;

/* Screens a key applies to (bit mask). */
enum {
	LF_S_HOME = 1,
	LF_S_SHEET = 2,
	LF_S_VIEW = 4,
	LF_S_LOGIN = 8,  /* login, first-start and lock screens */
	LF_S_ADMIN = 16, /* the users and units lists */
	LF_S_AUDIT = 32, /* the audit log */
	LF_S_INSTR = 64, /* a leader's instruction box over the case view */
	LF_S_FORM = 128, /* a small form over a list (form_screen.c) */
};

typedef struct lf_keydef {
	lf_action action;
	int key;            /* a KEY_* code or a character */
	bool is_keycode;    /* key is a KEY_* code (from wget_wch KEY_CODE_YES) */
	const char *name;   /* how the key is written: "F2", "Ctrl-S", "Tab" */
	const char *help;   /* N_() text for the help screen */
	unsigned screens;
	const char *bar;    /* N_() short text for the bottom bar, or NULL */
} lf_keydef;

extern const lf_keydef lf_keys[];

/* The action for a key read by wget_wch on a screen; LF_A_NONE if none. */
lf_action lf_key_action(int code_kind, wint_t key, unsigned screen);

/* The keys of a screen, one per line, for the help dialog (malloc'd). */
char *lf_keys_help(unsigned screen);

/* --- drawing (draw.c) --- */

/* Draw UTF-8 text at y,x clipped to cols columns; returns columns used.
 * Control characters never reach the terminal (the text is cleaned). */
int lf_draw_text(WINDOW *w, int y, int x, const char *utf8, int cols);
/* Same for n wide characters. */
int lf_draw_wcs(WINDOW *w, int y, int x, const wchar_t *ws, size_t n, int cols);
/* Fill cols columns with spaces. */
void lf_draw_blank(WINDOW *w, int y, int x, int cols);
/* The bottom bar of function keys for a screen. */
void lf_draw_keybar(unsigned screen);
/* The message line (second row from the bottom): error, ok or note. */
typedef enum { LF_MSG_NOTE, LF_MSG_OK, LF_MSG_ERROR } lf_msg_kind;
void lf_draw_message(const char *utf8, lf_msg_kind kind);
/* Shown instead of any screen while the terminal is too small. */
void lf_draw_too_small(void);
bool lf_screen_big_enough(void);

/* Modal dialogs. Each redraws what is below it on resize via lf_redraw_all. */
/* Ask a yes/no question; Enter answers def. */
bool lf_dialog_confirm(const char *question, bool def);
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
	char msg[512];          /* shown in the box under the fields */
	lf_msg_kind msg_kind;
} lf_prompt;
lf_prompt_result lf_prompt_run(lf_prompt *p);
/* One box: true with the text in buf on Enter, false on Esc or F10. It
 * takes at most (len - 1) / 4 characters, so any UTF-8 text fits buf. */
bool lf_prompt_line(const char *title, const char *label, bool secret, char *buf, size_t len);

/* May the logged-in user use the key's action on a screen? (Home and case
 * view: F4 needs register, F8 view_audit, F9 administer, F6 instruct; any
 * other action or screen: yes.) False with core's refusal in msg (may be
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
/* Draw into rows [y0, y0 + rows) of stdscr; places the cursor. */
void lf_form_view_draw(lf_form_view *v, int y0, int rows);
/* Move focus to the next/previous editable field; false when none. */
bool lf_form_view_focus_next(lf_form_view *v, int dir);
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

/* --- screens --- */

/* The home screen: today's registrations. */
void lf_home_run(lf_tui *t);
/* The registration sheet: blank (values NULL) or from a draft. Returns true
 * when a case was saved (its number in saved_no). */
bool lf_sheet_run(lf_tui *t, char **draft_values, char *saved_no, size_t saved_len);
/* A saved case, read-only. */
void lf_case_view_run(lf_tui *t, const char *case_no);
/* Administration (admin_users.c, admin_units.c): lists with add / change /
 * deactivate; each checks LF_PERM_ADMINISTER through core. */
void lf_admin_users_run(lf_tui *t);
void lf_admin_units_run(lf_tui *t);
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

struct lf_tui {
	lf_store *st;
	const char *db_path;
	const char *user;
	lf_user *me;             /* the logged-in user (issue 3: login screen) */
	const lf_form_def *form; /* registration */
	bool quit;               /* F10 confirmed: every screen returns */
};

/* Read one key, keeping the screen right through resizes. Returns the
 * wget_wch result (OK, KEY_CODE_YES or ERR on timeout). */
int lf_read_key(wint_t *key, int timeout_ms);
/* lf_read_key also locks the screen after idle_lock_seconds without a key
 * (lf_lock_run over whatever is open); it then returns ERR, with
 * lf_tui_quitting() true when the person chose F10 in the lock. A screen
 * with a timeout gets one ERR before the lock (time to write a draft). */
bool lf_tui_quitting(void);
/* The user logged in: whose actions lf_action_allowed judges. */
const lf_user *lf_tui_user(void);

#endif
