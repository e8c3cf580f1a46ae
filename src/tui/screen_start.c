/* `laifang --screen NAME`: start the desk on one screen instead of home,
 * after the usual login (a hidden switch for end-to-end tests until home
 * has a key for every screen). No idle lock here: tui.c keeps that to the
 * desk it runs. */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/tui.h"

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

int lf_tui_run_screen(lf_store *st, const char *db_path, const char *user, const char *screen)
{
	if (strcmp(screen, "reception-log") && strcmp(screen, "schedule") && strcmp(screen, "report")) {
		fprintf(stderr, _("laifang: unknown screen %s (reception-log, schedule, report)\n"), screen);
		return 2;
	}
	char err[256];
	const lf_form_def *form = lf_form_get("registration", err, sizeof err);
	if (!form) {
		fprintf(stderr, "laifang: %s\n", err);
		return 2;
	}
	lf_tui t = {.st = st, .db_path = db_path, .user = user, .form = form};
	if (!getenv("ESCDELAY"))
		set_escdelay(50);
	if (!initscr()) {
		fprintf(stderr, "%s\n", _("laifang: cannot start the terminal screen (is TERM set?)"));
		return 2;
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	lf_terminal_keys_start();
	colours();
	if (lf_login_run(&t)) {
		if (!strcmp(screen, "schedule"))
			lf_schedule_run(&t);
		else if (!strcmp(screen, "report")) /* issue 6, statistics */
			lf_report_run(&t);
		else
			lf_reception_log_run(&t, NULL);
	}
	lf_terminal_keys_end();
	endwin();
	lf_tui_draft_close(&t);
	if (t.me) {
		lf_user_free(t.me);
		free(t.me);
	}
	return 0;
}
