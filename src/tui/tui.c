/* The terminal face: curses set-up, the stack of screens that can redraw
 * themselves (for resizes and dialogs), reading keys. */
#include "tui_internal.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "laifang/office.h"
#include "laifang/auth.h"
#include "laifang/draft.h"
#include "laifang/i18n.h"
#include "laifang/reception.h"
#include "laifang/settings.h"
#include "laifang/store_people.h"
#include "laifang/tui.h"

/* The screens currently open, bottom first; the top one is drawn. */
typedef struct {
	void (*draw)(void *ctx);
	void *ctx;
} screen_entry;

static screen_entry stack[8];
static int depth;

void lf_tui_push(void (*draw)(void *ctx), void *ctx)
{
	if (depth < (int)(sizeof stack / sizeof stack[0]))
		stack[depth++] = (screen_entry){draw, ctx};
}

void lf_tui_pop(void)
{
	if (depth > 0)
		depth--;
}

void lf_redraw_all(void)
{
	if (!lf_screen_big_enough()) {
		lf_draw_too_small();
	} else if (depth > 0) {
		stack[depth - 1].draw(stack[depth - 1].ctx);
		/* The second row of a long message is drawn last: the cursor goes
		 * back where the screen put it (the field being typed in). */
		int cy, cx;
		getyx(stdscr, cy, cx);
		lf_draw_long_message();
		move(cy, cx);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* The idle lock: the session being run, how long it may sit without a key,
 * and when the last key came. */
static lf_tui *session;
static long long idle_lock_ms; /* 0: never locks (not logged in yet) */
static long long last_key_ms;
static bool lock_due;  /* the idle time is up; the caller had its ERR */
static bool locked;    /* the lock dialog is up: it never locks itself */

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool lf_tui_quitting(void)
{
	return session && session->quit;
}

const lf_user *lf_tui_user(void)
{
	return session ? session->me : NULL;
}

/* Lock now: the dialog draws over the screen stack; on the way out the
 * screen below is drawn again as it was. */
static void lock_now(void)
{
	locked = true;
	lock_due = false;
	if (!lf_lock_run(session))
		session->quit = true;
	locked = false;
	last_key_ms = now_ms();
	lf_redraw_all();
}

/* The store refused a write because the account changed since the login:
 * ask for the password again before anything else (issue 10). */
static void relogin_now(void)
{
	locked = true;
	if (!lf_relogin_run(session))
		session->quit = true;
	locked = false;
	last_key_ms = now_ms();
	lf_redraw_all();
}

/* The terminal went away (SIGHUP, SIGTERM, or its pty closed): input then
 * returns ERR at once, and a screen that read again would spin. Every read
 * asks lf_terminal_gone() after an ERR; the session quits, and the sheet
 * writes its draft on the way out. */
static volatile sig_atomic_t hangup_seen;
static bool terminal_gone;

static void on_hangup(int sig)
{
	(void)sig;
	hangup_seen = 1;
}

bool lf_terminal_gone(void)
{
	if (terminal_gone)
		return true;
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	bool gone = hangup_seen;
	if (!gone && poll(&p, 1, 0) < 0)
		gone = errno != EINTR;
	else if (!gone)
		gone = (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
	if (gone) {
		terminal_gone = true;
		if (session)
			session->quit = true;
	}
	return gone;
}

int lf_wait_key(wint_t *key)
{
	for (;;) {
		if (lf_terminal_gone())
			return ERR;
		timeout(-1);
		int kind = get_wch(key);
		if (kind == KEY_CODE_YES && *key == LF_KEY_PASTE_BEGIN)
			kind = lf_terminal_read_paste(key);
		if (kind != ERR && !(kind == KEY_CODE_YES && *key == LF_KEY_PASTE_END))
			return kind;
	}
}

int lf_read_key(wint_t *key, int timeout_ms)
{
	if (lf_terminal_gone())
		return ERR;
	if (session && session->me && !session->quit && !locked && lf_office_session_ended(session->st)) {
		relogin_now();
		return ERR;
	}
	bool guard = idle_lock_ms > 0 && session && session->me && !locked;
	for (;;) {
		int wait = timeout_ms;
		if (guard) {
			long long left = idle_lock_ms - (now_ms() - last_key_ms);
			if (left <= 0 || lock_due) {
				/* A screen that reads with a timeout gets one ERR first, to
				 * write its draft; the lock comes at its next read. */
				if (timeout_ms >= 0 && !lock_due) {
					lock_due = true;
					return ERR;
				}
				lock_now();
				return ERR;
			}
			if (wait < 0 || left < wait)
				wait = (int)left;
		}
		timeout(wait);
		int kind = get_wch(key);
		if (kind == ERR) {
			if (lf_terminal_gone())
				return ERR;
			if (guard && now_ms() - last_key_ms >= idle_lock_ms)
				continue; /* the idle time is up: lock (above) */
			return kind;
		}
		last_key_ms = now_ms();
		if (kind == KEY_CODE_YES && *key == LF_KEY_PASTE_BEGIN)
			kind = lf_terminal_read_paste(key);
		if (kind == KEY_CODE_YES && *key == LF_KEY_PASTE_END)
			continue; /* the end of a paste cut short */
		if (kind == KEY_CODE_YES && *key == KEY_RESIZE) {
			lf_redraw_all();
			continue;
		}
		if (kind == KEY_CODE_YES && *key == KEY_F(12)) {
			/* The key bar's next page, whatever the screen. */
			lf_keybar_next();
			lf_redraw_all();
			continue;
		}
		if (!lf_screen_big_enough()) {
			/* Keys typed while the screen is too small could land in fields
			 * the person cannot see; only quitting is honoured. */
			if (kind == KEY_CODE_YES && *key == KEY_F(10))
				return kind;
			continue;
		}
		return kind;
	}
}

bool lf_key_waiting(void)
{
	wint_t key;
	timeout(0);
	int kind = get_wch(&key);
	if (kind == OK)
		unget_wch((wchar_t)key);
	else if (kind == KEY_CODE_YES)
		ungetch((int)key);
	return kind != ERR;
}

static void colours(void)
{
	if (!has_colors())
		return;
	start_color();
	use_default_colors();
	init_pair(LF_C_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(LF_C_LABEL, COLOR_CYAN, -1);
	init_pair(LF_C_FIELD, -1, -1);
	init_pair(LF_C_FIELD_RO, COLOR_WHITE, -1);
	init_pair(LF_C_FOCUS, COLOR_BLACK, COLOR_CYAN);
	init_pair(LF_C_ERROR, COLOR_RED, -1);
	init_pair(LF_C_OK, COLOR_GREEN, -1);
	init_pair(LF_C_BAR, COLOR_BLACK, COLOR_WHITE);
	init_pair(LF_C_BARKEY, COLOR_WHITE, COLOR_BLUE);
	init_pair(LF_C_NOTE, COLOR_YELLOW, -1);
	init_pair(LF_C_SELECT, COLOR_BLACK, COLOR_YELLOW);
}

/* Back to nobody: the desk's draft lock is released (a draft stays its
 * owner's, offered when they log in again: drafts are per database, login
 * and desk), the store forgets the user, the idle lock stops. */
static void log_out(lf_tui *t, const char *user)
{
	lf_tui_draft_close(t);
	lf_logout(t->st, t->me);
	lf_user_free(t->me);
	free(t->me);
	t->me = NULL;
	t->user = user;
	t->logout = false;
	idle_lock_ms = 0;
	lock_due = false;
}

int lf_tui_run(lf_store *st, const char *db_path, const char *user)
{
	char err[256];
	const lf_form_def *form = lf_form_get("registration", err, sizeof err);
	if (!form) {
		fprintf(stderr, "laifang: %s\n", err);
		return 2;
	}
	lf_tui t = {.st = st, .db_path = db_path, .user = user, .form = form};
	session = &t;

	/* Esc must answer quickly, not after the default full second. */
	if (!getenv("ESCDELAY"))
		set_escdelay(50);
	/* Before initscr: ncurses leaves a handler it finds in place alone. */
	struct sigaction sa = {.sa_handler = on_hangup};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (!initscr()) {
		fprintf(stderr, "%s\n", _("laifang: cannot start the terminal screen (is TERM set?)"));
		return 2;
	}
	raw(); /* Ctrl-S saves, Ctrl-C asks to quit: neither may stop the terminal */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	lf_terminal_keys_start();
	colours();

	/* Log in, work, and on a log-out (issue 12) the login screen again for
	 * the next person, until someone quits. */
	while (!t.quit && lf_login_run(&t)) {
		t.user = t.me->login;
		int secs = lf_setting(st, "idle_lock_seconds");
		idle_lock_ms = secs > 0 ? (long long)secs * 1000 : 0;
		last_key_ms = now_ms();
		/* The leader of today's reception slot opens on today's waiting
		 * list (issue 5); Esc from there goes on to home. */
		lf_slot_rec duty;
		if (lf_schedule_slot_on(st, lf_date_today(), &duty) && duty.leader_id[0] &&
		    !strcmp(duty.leader_id, t.me->id))
			lf_waiting_run(&t);
		if (!t.quit && !t.logout && !lf_tui_quitting())
			lf_home_run(&t);
		if (t.quit || !t.logout)
			break;
		log_out(&t, user);
	}

	lf_terminal_keys_end();
	endwin();
	lf_tui_draft_close(&t);
	if (t.me) {
		lf_user_free(t.me);
		free(t.me);
	}
	session = NULL;
	idle_lock_ms = 0;
	return 0;
}
