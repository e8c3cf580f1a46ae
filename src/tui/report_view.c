/* The report screen: the figures of a month or a year (stats.h) as the
 * lines core renders (tables and bar charts fitting the width), scrolled;
 * Left/Right move the period, F3 switches month / whole year, F4 writes
 * the same figures as CSV. */
#include "tui_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/safe_file.h"
#include "laifang/stats.h"

typedef struct line {
	char *text;
	bool heading;
} line;

typedef struct report {
	lf_tui *t;
	int year, month; /* month 0: the year */
	lf_stats s;
	bool have;
	line *lines;
	int n, cap, top, width;
	char msg[512];
	lf_msg_kind msg_kind;
} report;

static void lines_free(report *r)
{
	for (int i = 0; i < r->n; i++)
		free(r->lines[i].text);
	free(r->lines);
	r->lines = NULL;
	r->n = r->cap = 0;
}

static void keep(const char *text, bool heading, void *ud)
{
	report *r = ud;
	if (r->n == r->cap) {
		int cap = r->cap ? 2 * r->cap : 128;
		line *v = realloc(r->lines, (size_t)cap * sizeof *v);
		if (!v)
			return;
		r->lines = v;
		r->cap = cap;
	}
	char *d = strdup(text);
	if (!d)
		return;
	r->lines[r->n++] = (line){d, heading};
}

/* Render for the screen's width (80 at most: the lines are a printout). */
static void render(report *r)
{
	lines_free(r);
	r->width = COLS - 2 < 80 ? COLS - 2 : 80;
	if (r->have)
		lf_stats_render(&r->s, r->width, keep, r);
}

static void load(report *r)
{
	if (r->have)
		lf_stats_free(&r->s);
	r->have = lf_stats_compute(r->t->st, r->t->me, r->year, r->month, &r->s, r->msg, sizeof r->msg) == LF_STORE_OK;
	if (!r->have)
		r->msg_kind = LF_MSG_ERROR;
	r->top = 0;
	render(r);
}

static int body_rows(void)
{
	return LINES - 4; /* title; message and key bar; one spare */
}

static void draw(void *ctx)
{
	report *r = ctx;
	char title[160];
	if (COLS - 2 < 80 ? r->width != COLS - 2 : r->width != 80)
		render(r);
	erase();
	attron(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	lf_draw_blank(stdscr, 0, 0, COLS);
	if (r->month)
		snprintf(title, sizeof title, _("Statistics · %04d-%02d"), r->year, r->month);
	else
		snprintf(title, sizeof title, _("Statistics · the year %04d"), r->year);
	lf_draw_text(stdscr, 0, 1, title, COLS - 2);
	attroff(COLOR_PAIR(LF_C_TITLE) | A_BOLD);
	int rows = body_rows();
	if (r->top > r->n - rows)
		r->top = r->n - rows > 0 ? r->n - rows : 0;
	for (int i = 0; i < rows && r->top + i < r->n; i++) {
		const line *l = &r->lines[r->top + i];
		if (l->heading)
			attron(COLOR_PAIR(LF_C_LABEL) | A_BOLD);
		lf_draw_text(stdscr, 1 + i, 1, l->text, COLS - 2);
		if (l->heading)
			attroff(COLOR_PAIR(LF_C_LABEL) | A_BOLD);
	}
	lf_draw_message(r->msg, r->msg_kind);
	lf_draw_keybar(LF_S_REPORT);
	curs_set(0);
}

static void move_period(report *r, int dir)
{
	if (!r->month)
		r->year += dir;
	else {
		r->month += dir;
		if (r->month < 1) {
			r->month = 12;
			r->year--;
		} else if (r->month > 12) {
			r->month = 1;
			r->year++;
		}
	}
	if (r->year < 2000)
		r->year = 2000;
	if (r->year > 2100)
		r->year = 2100;
	load(r);
}

/* F4: the file's name asked (a default in the home directory), then the
 * figures written to a new file put in place. */
static void write_csv(report *r)
{
	char path[1024], def[1024];
	const char *home = getenv("HOME");
	if (!r->have)
		return;
	if (r->month)
		snprintf(def, sizeof def, "%s/laifang-stats-%04d-%02d.csv", home ? home : ".", r->year, r->month);
	else
		snprintf(def, sizeof def, "%s/laifang-stats-%04d.csv", home ? home : ".", r->year);
	snprintf(path, sizeof path, "%s", def);
	if (!lf_prompt_line(_("Write the figures as CSV"), _("File"), false, path, sizeof path) || !path[0]) {
		snprintf(r->msg, sizeof r->msg, "%s", _("Nothing was written."));
		r->msg_kind = LF_MSG_NOTE;
		return;
	}
	lf_safe_file sf;
	FILE *f = lf_safe_open(&sf, path);
	bool ok = f && lf_stats_write_csv(&r->s, f) == 0 && lf_safe_commit(&sf, path) == 0;
	if (!ok) {
		int e = errno;
		if (f)
			lf_safe_abort(&sf);
		snprintf(r->msg, sizeof r->msg, _("Cannot write %s: %s"), path, lf_safe_strerror(e));
		r->msg_kind = LF_MSG_ERROR;
	} else {
		snprintf(r->msg, sizeof r->msg, _("The figures are written to %s."), path);
		r->msg_kind = LF_MSG_OK;
	}
}

void lf_report_run(lf_tui *t)
{
	report r;
	memset(&r, 0, sizeof r);
	r.t = t;
	lf_date today = lf_date_today();
	r.year = today.y;
	r.month = today.m;
	if (!lf_stats_allowed(t->me, r.msg, sizeof r.msg)) {
		lf_draw_message(r.msg, LF_MSG_ERROR);
		return;
	}
	load(&r);
	lf_tui_push(draw, &r);
	while (!t->quit) {
		lf_redraw_all();
		wint_t key;
		int kind = lf_read_key(&key, -1);
		if (kind == ERR)
			continue;
		lf_action a = lf_key_action(kind, key, LF_S_REPORT);
		if (a == LF_A_BACK)
			break;
		int page = body_rows() > 1 ? body_rows() - 1 : 1;
		if (a != LF_A_NONE)
			r.msg[0] = '\0';
		switch (a) {
		case LF_A_QUIT: t->quit = true; break;
		case LF_A_DOWN: r.top++; break;
		case LF_A_UP: r.top = r.top > 0 ? r.top - 1 : 0; break;
		case LF_A_PAGE_DOWN: r.top += page; break;
		case LF_A_PAGE_UP: r.top = r.top > page ? r.top - page : 0; break;
		case LF_A_REPORT_PREV: move_period(&r, -1); break;
		case LF_A_REPORT_NEXT: move_period(&r, 1); break;
		case LF_A_REPORT_PERIOD:
			r.month = r.month ? 0 : (r.year == today.y ? today.m : 1);
			load(&r);
			break;
		case LF_A_REFRESH: load(&r); break;
		case LF_A_REPORT_CSV: write_csv(&r); break;
		case LF_A_HELP: {
			char *text = lf_keys_help(LF_S_REPORT);
			lf_dialog_text(_("Keys of the report"), text ? text : "");
			free(text);
			break;
		}
		default: break;
		}
	}
	lf_tui_pop();
	lines_free(&r);
	if (r.have)
		lf_stats_free(&r.s);
}
