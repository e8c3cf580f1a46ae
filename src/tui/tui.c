/* The terminal face: curses set-up, the stack of screens that can redraw
 * themselves (for resizes and dialogs), reading keys. */
#include "tui_internal.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/draft.h"
#include "laifang/i18n.h"
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
	}
	wnoutrefresh(stdscr);
	doupdate();
}

int lf_read_key(wint_t *key, int timeout_ms)
{
	for (;;) {
		timeout(timeout_ms);
		int kind = get_wch(key);
		if (kind == KEY_CODE_YES && *key == KEY_RESIZE) {
			lf_redraw_all();
			continue;
		}
		if (kind != ERR && !lf_screen_big_enough()) {
			/* Keys typed while the screen is too small could land in fields
			 * the person cannot see; only quitting is honoured. */
			if (kind == KEY_CODE_YES && *key == KEY_F(10))
				return kind;
			continue;
		}
		return kind;
	}
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

int lf_tui_run(lf_store *st, const char *db_path, const char *user)
{
	char err[256];
	const lf_form_def *form = lf_form_get("registration", err, sizeof err);
	if (!form) {
		fprintf(stderr, "laifang: %s\n", err);
		return 2;
	}
	lf_tui t = {.st = st, .db_path = db_path, .user = user, .form = form};

	/* Esc must answer quickly, not after the default full second. */
	if (!getenv("ESCDELAY"))
		set_escdelay(50);
	if (!initscr()) {
		fprintf(stderr, "%s\n", _("laifang: cannot start the terminal screen (is TERM set?)"));
		return 2;
	}
	raw(); /* Ctrl-S saves, Ctrl-C asks to quit: neither may stop the terminal */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	colours();

	lf_home_run(&t);

	endwin();
	return 0;
}
