/* The command palette (':' or Ctrl-P): a line to type a few letters of an
 * action, in Chinese (受理), pinyin initials (sl) or English (accept), the
 * actions of the screen that match below it, best first. Enter gives the
 * chosen action back to the screen, which runs it as if its key had been
 * pressed; so the palette offers nothing the keys do not, to nobody the
 * keys would refuse (the items come from lf_keys through
 * lf_action_allowed, the names from lf_action_names). */
#include "tui_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/text.h"
#include "laifang/workflow.h"

size_t lf_palette_items(unsigned screen, const int *steps, size_t nsteps, lf_palette_item *out, size_t max)
{
	size_t n = 0;
	for (const lf_keydef *k = lf_keys; k->action != LF_A_NONE && n < max; k++) {
		if (!(k->screens & screen) || !k->name || !k->help || !lf_action_named(k->action))
			continue;
		const lf_action_name *nm = lf_action_name_of(k->action, -1);
		if (!nm)
			continue;
		bool seen = false;
		for (size_t i = 0; i < n && !seen; i++)
			seen = out[i].action == k->action && out[i].step < 0;
		if (seen || !lf_action_allowed(k->action, screen, NULL, 0))
			continue;
		out[n++] = (lf_palette_item){.action = k->action, .step = -1, .name = nm, .key = k->name, .help = _(k->help)};
	}
	for (size_t i = 0; i < nsteps && n < max; i++) {
		const lf_action_name *nm = lf_action_name_of(LF_A_STEP, steps[i]);
		const lf_step_def *d = lf_step_get((lf_step)steps[i]);
		if (!nm || !d)
			continue;
		out[n++] = (lf_palette_item){.action = LF_A_STEP, .step = steps[i], .name = nm, .key = "F7",
		                             .help = _(d->label)};
	}
	return n;
}

/* ---- matching ---- */

/* s starts with p, ASCII letters in any case. */
static bool starts_ci(const char *s, size_t slen, const char *p, size_t plen)
{
	if (plen > slen)
		return false;
	for (size_t i = 0; i < plen; i++)
		if (tolower((unsigned char)s[i]) != tolower((unsigned char)p[i]))
			return false;
	return true;
}

static bool contains_ci(const char *s, const char *p, size_t plen)
{
	size_t slen = strlen(s);
	for (size_t i = 0; i + plen <= slen; i++)
		if (starts_ci(s + i, slen - i, p, plen))
			return true;
	return false;
}

/* Some word of words (split at spaces and '-') equals p (exact) or starts
 * with it. */
static bool word_match(const char *words, const char *p, size_t plen, bool exact)
{
	for (const char *w = words; *w;) {
		size_t n = strcspn(w, " -");
		if (n && (exact ? n == plen && starts_ci(w, n, p, plen) : starts_ci(w, n, p, plen)))
			return true;
		w += n;
		while (*w == ' ' || *w == '-')
			w++;
	}
	return false;
}

/* p's letters in order in the first word of the initials ("sl" in "bysl"). */
static bool subsequence(const char *words, const char *p, size_t plen)
{
	size_t j = 0, n = strcspn(words, " ");
	for (size_t i = 0; i < n && j < plen; i++)
		if (tolower((unsigned char)words[i]) == tolower((unsigned char)p[j]))
			j++;
	return j == plen;
}

int lf_palette_score(const lf_palette_item *it, const char *query)
{
	const char *q = query ? query : "";
	while (*q == ' ')
		q++;
	size_t len = strlen(q);
	while (len && q[len - 1] == ' ')
		len--;
	if (len == 0)
		return 50; /* nothing typed: every item, in the table's order */
	char p[256];
	if (len >= sizeof p)
		return -1;
	memcpy(p, q, len);
	p[len] = '\0';
	const lf_action_name *nm = it->name;
	if (word_match(nm->py, p, len, true))
		return 0;
	if (word_match(nm->py, p, len, false))
		return 10;
	if (starts_ci(nm->zh, strlen(nm->zh), p, len))
		return 15;
	if (strstr(nm->zh, p))
		return 20;
	if (word_match(nm->en, p, len, false))
		return 25;
	if (contains_ci(nm->en, p, len) || (it->help && contains_ci(it->help, p, len)))
		return 35;
	if (subsequence(nm->py, p, len))
		return 45;
	return -1;
}

size_t lf_palette_rank(lf_palette_item *items, size_t n, const char *query)
{
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		int s = lf_palette_score(&items[i], query);
		if (s < 0)
			continue;
		items[kept] = items[i];
		items[kept++].score = s;
	}
	/* Insertion sort: stable, and the lists are a few dozen long. */
	for (size_t i = 1; i < kept; i++) {
		lf_palette_item x = items[i];
		size_t j = i;
		for (; j > 0 && items[j - 1].score > x.score; j--)
			items[j] = items[j - 1];
		items[j] = x;
	}
	return kept;
}

/* ---- the box ---- */

#define PALETTE_MAX 128

static void palette_help(void)
{
	lf_dialog_text(_("Command palette (命令)"),
	               _("Type a few letters of what you want to do: the Chinese word (受理), its pinyin initials "
	                 "(sl for 受理, zs for 转送) or an English word (accept). Only what you may do on this screen "
	                 "is listed.\n\nUp/Down: choose\nEnter: run the chosen action\nEsc: close the palette, "
	                 "nothing done\nF1: this help (Esc closes it)"));
}

lf_action lf_palette_run(unsigned screen, const int *steps, size_t nsteps, int *step)
{
	lf_palette_item all[PALETTE_MAX], shown[PALETTE_MAX];
	size_t n_all = lf_palette_items(screen, steps, nsteps, all, PALETTE_MAX);
	lf_line_edit q;
	lf_line_init(&q, 60, false);
	size_t sel = 0, top = 0;
	lf_action chosen = LF_A_NONE;
	*step = -1;
	for (;;) {
		char *typed = lf_line_text(&q);
		memcpy(shown, all, n_all * sizeof all[0]);
		size_t n = lf_palette_rank(shown, n_all, typed ? typed : "");
		free(typed);
		if (sel >= n)
			sel = n ? n - 1 : 0;
		lf_redraw_all();
		int w = COLS - 4 > 76 ? 76 : COLS - 4;
		int h = LINES - 4 > 18 ? 18 : LINES - 4;
		if (w < 20 || h < 6)
			w = COLS, h = LINES;
		size_t rows = (size_t)(h - 5);
		if (sel < top)
			top = sel;
		if (sel >= top + rows)
			top = sel - rows + 1;
		WINDOW *win = lf_centered_box(h, w);
		wattron(win, A_BOLD);
		lf_draw_text(win, 0, 2, _("Command palette (命令)"), w - 4);
		wattroff(win, A_BOLD);
		lf_draw_text(win, 1, 2, ">", 1);
		if (n == 0)
			lf_draw_text(win, 3, 3, _("No action of yours here matches what is typed."), w - 6);
		for (size_t k = 0; k < rows && top + k < n; k++) {
			const lf_palette_item *it = &shown[top + k];
			char line[512];
			snprintf(line, sizeof line, "%-6s %s (%s)  %s", it->key ? it->key : "", it->name->zh, it->name->py,
			         it->help ? it->help : "");
			if (top + k == sel)
				wattron(win, COLOR_PAIR(LF_C_SELECT));
			lf_draw_blank(win, 3 + (int)k, 2, w - 4);
			lf_draw_text(win, 3 + (int)k, 3, line, w - 6);
			if (top + k == sel)
				wattroff(win, COLOR_PAIR(LF_C_SELECT));
		}
		lf_draw_text(win, h - 2, 2, _("Up/Down: choose   Enter: run   Esc: close   F1: help"), w - 4);
		int cx = lf_line_draw(&q, win, 1, 4, w - 6, true);
		wmove(win, 1, cx);
		curs_set(1);
		wnoutrefresh(stdscr);
		wnoutrefresh(win);
		doupdate();
		delwin(win);
		wint_t key;
		int kind = lf_wait_key(&key);
		if (kind == ERR)
			break;
		bool enter = (kind == OK && (key == '\r' || key == '\n')) || (kind == KEY_CODE_YES && key == KEY_ENTER);
		if (enter) {
			if (n > 0) {
				chosen = shown[sel].action;
				*step = shown[sel].step;
			}
			if (n > 0)
				break;
		} else if (kind == OK && key == 27) {
			break;
		} else if (kind == KEY_CODE_YES && key == KEY_F(1)) {
			palette_help();
		} else if (kind == KEY_CODE_YES && key == KEY_DOWN) {
			if (sel + 1 < n)
				sel++;
		} else if (kind == KEY_CODE_YES && key == KEY_UP) {
			if (sel > 0)
				sel--;
		} else if (kind == KEY_CODE_YES && key == KEY_NPAGE) {
			sel = sel + rows < n ? sel + rows : (n ? n - 1 : 0);
		} else if (kind == KEY_CODE_YES && key == KEY_PPAGE) {
			sel = sel > rows ? sel - rows : 0;
		} else if (lf_line_key(&q, kind, key)) {
			sel = top = 0; /* a new query: its best match */
		}
	}
	lf_line_free(&q);
	return chosen;
}
