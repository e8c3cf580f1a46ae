/* The terminal face: the home screen, the registration sheet, help. */
#ifndef LAIFANG_TUI_H
#define LAIFANG_TUI_H

#include "laifang/store.h"

/* Run the interactive desk on an open store until the person quits.
 * Returns the process exit status. */
int lf_tui_run(lf_store *st, const char *db_path, const char *user);

/* The same after login, but on one screen instead of home: "reception-log"
 * (today's reception-day log) or "schedule" (src/tui/screen_start.c; the
 * hidden switch --screen NAME). */
int lf_tui_run_screen(lf_store *st, const char *db_path, const char *user, const char *screen);

#endif
