/* The terminal face's actions and keys: what a person can ask for, the one
 * table (keys.c) that maps keys to actions for every screen and gives the
 * help screen, the key bar and the command palette their text, the
 * terminal's own key codes (terminal_keys.c), and the names the palette
 * finds actions by (actions.c, palette.c). Private to src/tui. */
#ifndef LAIFANG_TUI_KEYS_H
#define LAIFANG_TUI_KEYS_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "laifang/textbuf.h"

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
	/* issue 4: queues, the timeline, steps, the waiting list */
	LF_A_QUEUES,    /* F7 on home: the menu of queues */
	LF_A_WAITING,   /* F6 on home: today's waiting list */
	LF_A_MARK,      /* Space on a queue: mark / unmark a case */
	LF_A_BULK,      /* F7 on a queue: a step on every marked case */
	LF_A_TIMELINE,  /* Tab / F5 on the case: sheet or timeline */
	LF_A_STEP,      /* F7 on the case: what this user may do now */
	LF_A_VISIT_WAIT,      /* F4 on the case: put the visitor on the waiting list */
	LF_A_VISIT_INTERVIEW, /* F6 on the waiting list: 接谈 */
	LF_A_VISIT_DONE,      /* F7: 完成 */
	LF_A_VISIT_RETURNED,  /* F8: 劝返 */
	/* issue 5: the reception-day log (reception_log.c) */
	LF_A_RLOG_CASES,     /* F3: the day's cases / back to the log */
	LF_A_RLOG_ATTACH,    /* F4: attach a photo or video */
	LF_A_RLOG_SIGN,      /* F6: the leader signs 领导批示 */
	LF_A_RLOG_SIGN_DEPT, /* F7: the lead department signs 接访情况 */
	/* issue 5: the schedule (schedule_view.c) */
	LF_A_SCHED_GENERATE, /* F3: generate slots by rule */
	LF_A_SCHED_CHECK,    /* F6: the problems against the calendar */
	LF_A_SCHED_QUOTA,    /* F7: who is short of the quotas */
	LF_A_SCHED_DELETE,   /* F8: delete a slot (month not published) */
	LF_A_SCHED_PUBLISH,  /* F9: publish the month */
	LF_A_SCHED_PREV,     /* Left / PgUp: the month before */
	LF_A_SCHED_NEXT,     /* Right / PgDn: the month after */
	LF_A_SEARCH,          /* '/' or F3 on home: the search (search_view.c, issue 6) */
	/* home.c: the screens that open from home (list_view integration) */
	LF_A_MORE,          /* F2 on home: a menu of the screens below and search */
	LF_A_SCHEDULE,      /* 's' on home: the month's schedule (administrators) */
	LF_A_RECEPTION_LOG, /* 'l' on home: today's reception-day log (clerks, leaders) */
	LF_A_PRINT,         /* 'p' on the case: print the sheet or a notice (print_dialog.c) */
	LF_A_REPORT,        /* 'r' on home: the statistics (report_view.c) */
	/* issue 6: the report screen (report_view.c) */
	LF_A_REPORT_PREV,   /* Left: the month (or year) before */
	LF_A_REPORT_NEXT,   /* Right: the month (or year) after */
	LF_A_REPORT_PERIOD, /* F3: a month or the whole year */
	LF_A_REPORT_CSV,    /* F4: write the figures as CSV */
	/* issue 6: the export screen (export_view.c) */
	LF_A_EXPORT,        /* 'e' on home: the ledger as CSV or JSON to a file */
	/* issue 12 */
	LF_A_PASTE,         /* a bracketed paste: lf_paste_text() goes into the field */
	/* issue 11: 重复访 decided by the clerk, a registration corrected */
	LF_A_REPEAT,        /* F7 on the sheet, 'r' on the case: the earlier cases, 重复访 yes/no */
	LF_A_CORRECT,       /* F3 on the case: 更正登记 (case_correct.c) */
	/* issue 12 (desk) */
	LF_A_LOGOUT,        /* 'o' or Ctrl-O on home, Ctrl-O on the sheet: back to the login screen */
	LF_A_KEYS_MORE,     /* '.' on home: the key bar's next page */
	/* issue 15 */
	LF_A_RECEIPT,       /* 'p' on home: the visitor's receipt (回执) of the selected case (print_dialog.c) */
	LF_A_QUERY,         /* 'q' on home: a case by its query code, for a caller (query_view.c; issue 13) */
	/* issue 13: every channel in */
	LF_A_NEW_LETTER,    /* 'm' on home: register a letter or fax (forms/letter.form) */
	LF_A_NEW_CALL,      /* 'c' on home: register a phone call (forms/call.form) */
	/* issue 12: the command palette (palette.c; names in actions.c) */
	LF_A_PALETTE,       /* ':' or Ctrl-P (Ctrl-P only where ':' is text) */
	/* issue 12: saved views (views_menu.c, queue_view.c) */
	LF_A_VIEW_OPEN,     /* '1'..'9' on home: open saved view N */
	LF_A_VIEWS,         /* 'v' on home: the saved views: open, rename, delete */
	LF_A_VIEW_SAVE,     /* F4 on a queue: save its filter as a view */
	/* issue 13: delivery of a notice (case_deliver.c) */
	LF_A_DELIVER,       /* 'd' on the case: record the delivery (送达) of a printed notice */
	/* issue 13, 第三十三条: a mediation or settlement agreement (case_mediate.c) */
	LF_A_MEDIATE,       /* 'm' on the case: record the agreement (调解协议书 / 和解协议书) */
} lf_action;

/* Key codes of our own, past ncurses' (terminal_keys.c). */
#define LF_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define LF_KEY_PASTE_END (KEY_MAX + 2)
#define LF_KEY_PASTE (KEY_MAX + 3) /* a whole paste, read by lf_read_key */
#define LF_KEY_CTRL_HOME (KEY_MAX + 4) /* the first row where Home edits a line */
#define LF_KEY_CTRL_END (KEY_MAX + 5)  /* the last row where End edits a line */

/* After keypad(): bind every spelling of Home/End and Ctrl-Home/Ctrl-End,
 * turn on bracketed paste. */
void lf_terminal_keys_start(void);
/* Before endwin(): bracketed paste off. */
void lf_terminal_keys_end(void);
/* After LF_KEY_PASTE_BEGIN: read to the paste's end; *key = LF_KEY_PASTE. */
int lf_terminal_read_paste(wint_t *key);
/* The text of the last LF_KEY_PASTE: tabs made spaces, line breaks '\n'. */
const wchar_t *lf_paste_text(size_t *len);
/* Insert the last paste at the cursor (line breaks become spaces in a
 * one-line field); false when nothing went in (empty, or the field full). */
bool lf_paste_into(lf_textbuf *tb);

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
	LF_S_QUEUE = 256,/* a queue of cases (queue_view.c) */
	LF_S_WAIT = 512, /* today's waiting list (waiting.c) */
	/* issue 6: 256 was given to search in the notes but is the queues'. */
	LF_S_SEARCH = 8192, /* the search (search_view.c) */
	LF_S_SCHED = 1024, /* the month's schedule (schedule_view.c) */
	LF_S_RLOG = 2048,  /* the reception-day log (reception_log.c) */
	LF_S_REPORT = 16384, /* the report screen (report_view.c, issue 6) */
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

/* --- issue 12: the command palette (actions.c, palette.c) ---
 * Each action a person may ask for by name has one row in lf_action_names:
 * its Chinese word, the word's pinyin initials and English words to type.
 * The palette offers, on a screen, the actions of that screen's rows in
 * lf_keys (the table the key bar and help read) that lf_action_allowed
 * lets the user take, and on the case screen the steps core allows now.
 * A step's row has action LF_A_STEP and its lf_step; any other row step -1. */
typedef struct lf_action_name {
	lf_action action;
	int step;       /* an lf_step (action LF_A_STEP), or -1 */
	const char *zh; /* 受理 */
	const char *py; /* its initials, lower case: "sl"; alternatives after a space */
	const char *en; /* English words, lower case, for typing only */
} lf_action_name;
extern const lf_action_name lf_action_names[]; /* ends with action LF_A_NONE */
const lf_action_name *lf_action_name_of(lf_action a, int step);
/* Moving and editing keys are not asked for by name. */
bool lf_action_named(lf_action a);

typedef struct lf_palette_item {
	lf_action action;
	int step;
	const lf_action_name *name;
	const char *key;  /* "F7", or NULL */
	const char *help; /* translated */
	int score;        /* lf_palette_rank's; lower is better */
} lf_palette_item;
/* The items of a screen (steps: the case's steps available now, or NULL). */
size_t lf_palette_items(unsigned screen, const int *steps, size_t nsteps, lf_palette_item *out, size_t max);
/* How well query (UTF-8, as typed) names it: -1 not at all, 0 best. */
int lf_palette_score(const lf_palette_item *it, const char *query);
/* Keep the items query names, best first (table order among equals). */
size_t lf_palette_rank(lf_palette_item *items, size_t n, const char *query);
/* The palette over a screen: LF_A_NONE on Esc, else the action (and in
 * *step the step, or -1) for the screen to run as if its key was pressed. */
lf_action lf_palette_run(unsigned screen, const int *steps, size_t nsteps, int *step);
#endif
