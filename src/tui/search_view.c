/* The search screen ('/' or F3 on home): a query line at the top, the hits
 * below ranked by core's search (search.h), the match in bold colour in the
 * visitors' names and the piece of content. Enter searches when the query
 * was changed, otherwise opens the selected case (through the case view,
 * which audits the opening). The search runs once (one ranking, its
 * audit entry written once): the hits are kept as row numbers, and only
 * the rows near the view are read and held (list_window.h), so scrolling
 * to the last hit and back neither ranks again nor grows. */
#include "list_window.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/office.h"
#include "laifang/i18n.h"
#include "laifang/search.h"
#include "laifang/workflow.h"

typedef struct hit {
	size_t pos; /* in the ranking */
	char *case_no, *name, *id, *status, *snippet;
} hit;

typedef struct sview {
	lf_tui *t;
	lf_line_edit q;
	char *searched;         /* the query of the hits shown; NULL: none yet */
	lf_list l;              /* the hits near the view */
	lf_window w;
	lf_search_ranked ranked; /* the hits in order, as row numbers */
	bool have;              /* ranked holds a search */
	lf_list *into;          /* where add_hit puts a row, at ranking's pos */
	size_t pos;
	char msg[768];
	lf_msg_kind msg_kind;
} sview;

static const lf_list_col columns[] = {
	{N_("Case no."), 12}, {N_("Visitor"), 11}, {N_("ID number"), 19}, {N_("Status"), 9}, {N_("Content"), 0},
};

static void hit_free(void *p)
{
	hit *h = p;
	free(h->case_no);
	free(h->name);
	free(h->id);
	free(h->status);
	free(h->snippet);
}

static char *dup(const char *s)
{
	return strdup(s ? s : "");
}

static int add_hit(const lf_search_row *r, void *ud)
{
	sview *v = ud;
	/* A hit no longer readable is left out: find this one's place. */
	while (v->pos < v->ranked.n && v->ranked.seqs[v->pos] != r->seq)
		v->pos++;
	hit *h = lf_list_push(v->into);
	if (!h)
		return 1;
	lf_case_state s;
	h->pos = v->pos++;
	h->case_no = dup(r->case_no);
	h->name = dup(r->name);
	h->id = dup(r->id_number);
	h->status = dup(r->status && lf_state_parse(r->status, &s) ? lf_state_label(s) : r->status);
	/* One line: the content's line breaks become spaces. */
	h->snippet = dup(r->snippet);
	for (char *p = h->snippet; p && *p; p++)
		if (*p == '\n')
			*p = ' ';
	return 0;
}

/* Up to limit hits next to from in the ranking (list_window.h). */
static bool read_hits(void *ctx, const void *from, bool up, size_t limit, lf_list *into)
{
	sview *v = ctx;
	const hit *f = from;
	size_t n = v->have ? v->ranked.n : 0, start, end;
	if (!up) {
		start = f ? f->pos + 1 : 0;
		end = start + limit < n ? start + limit : n;
	} else {
		end = f ? f->pos : n;
		start = end > limit ? end - limit : 0;
	}
	if (start >= end)
		return true;
	v->into = into;
	v->pos = start;
	lf_store_err e = lf_search_ranked_rows(v->t->st, &v->ranked, start, end - start, add_hit, v);
	v->into = NULL;
	if (e != LF_STORE_OK) {
		snprintf(v->msg, sizeof v->msg, "%s", lf_office_errmsg(v->t->st));
		v->msg_kind = LF_MSG_ERROR;
		return false;
	}
	/* Going up, nearest first: the rows were read in ranking order. */
	if (up)
		for (size_t i = 0, j = into->n ? into->n - 1 : 0; i < j; i++, j--) {
			hit t = *(hit *)lf_list_at(into, i);
			*(hit *)lf_list_at(into, i) = *(hit *)lf_list_at(into, j);
			*(hit *)lf_list_at(into, j) = t;
		}
	return true;
}

static void search(sview *v)
{
	lf_list_clear(&v->l);
	v->l.sel = v->l.top = 0;
	lf_search_ranked_free(&v->ranked);
	v->have = false;
	free(v->searched);
	v->searched = lf_line_text(&v->q);
	v->msg[0] = '\0';
	if (!v->searched)
		return;
	char msg[768];
	if (lf_search_rank(v->t->st, v->t->me, v->searched, &v->ranked, msg, sizeof msg) != LF_STORE_OK) {
		snprintf(v->msg, sizeof v->msg, "%s", msg);
		v->msg_kind = LF_MSG_ERROR;
		return;
	}
	v->have = true;
	lf_window_home(&v->w);
	if (v->l.n == 0) {
		snprintf(v->msg, sizeof v->msg, "%s", _("Nothing found."));
		v->msg_kind = LF_MSG_NOTE;
	}
}

/* Issue 14: another desk changed something: the hits held are read again
 * in place (a state, a name, the content as they are now), the ranking
 * kept. Searching again would rank anew and write another audit entry:
 * Enter on a changed query does that. */
static void follow(void *ctx)
{
	sview *v = ctx;
	if (!v->have || v->l.n == 0)
		return;
	const hit *first = lf_list_at(&v->l, 0), *last = lf_list_at(&v->l, v->l.n - 1);
	lf_list in = {.row_size = sizeof(hit), .row_free = hit_free};
	v->into = &in;
	v->pos = first->pos;
	lf_store_err e =
		lf_search_ranked_rows(v->t->st, &v->ranked, first->pos, last->pos - first->pos + 1, add_hit, v);
	v->into = NULL;
	/* Each row read takes the place of the one at its rank; the rows it
	 * replaces go with the rest of in. */
	for (size_t i = 0; e == LF_STORE_OK && i < in.n; i++) {
		hit *fresh = lf_list_at(&in, i);
		for (size_t k = 0; k < v->l.n; k++) {
			hit *held = lf_list_at(&v->l, k);
			if (held->pos == fresh->pos) {
				hit swap = *held;
				*held = *fresh;
				*fresh = swap;
				break;
			}
		}
	}
	lf_list_clear(&in);
}

static const char *row_key(const void *row)
{
	return ((const hit *)row)->case_no;
}

/* Draw text with its match marks as bold colour, clipped to cols. */
static void draw_marked(int y, int x, const char *s, int cols)
{
	int used = 0;
	bool on = false;
	while (*s && used < cols) {
		size_t len = strcspn(s, "\001\002");
		if (len) {
			char *part = strndup(s, len);
			if (on)
				attron(COLOR_PAIR(LF_C_OK) | A_BOLD);
			used += lf_draw_text(stdscr, y, x + used, part ? part : "", cols - used);
			if (on)
				attroff(COLOR_PAIR(LF_C_OK) | A_BOLD);
			free(part);
			s += len;
		}
		if (*s == LF_SEARCH_MARK_ON || *s == LF_SEARCH_MARK_OFF)
			on = *s++ == LF_SEARCH_MARK_ON;
	}
}

static const char *cell(void *ctx, const void *row, size_t col, char *buf, size_t len, int *attr)
{
	(void)ctx, (void)buf, (void)len, (void)attr;
	const hit *h = row;
	const char *text[] = {h->case_no, h->name, h->id, h->status, h->snippet};
	return text[col];
}

/* The name and the piece of content carry the match marks. */
static bool marked_cell(void *ctx, const void *row, size_t col, int y, int x, int w)
{
	(void)ctx;
	const hit *h = row;
	if (col != 1 && col != 4)
		return false;
	draw_marked(y, x, col == 1 ? h->name : h->snippet, w);
	return true;
}

static void draw(void *ctx)
{
	sview *v = ctx;
	erase();
	lf_draw_title(_("Search cases: case number, name, ID or phone number, words of the content"));
	attron(COLOR_PAIR(LF_C_LABEL));
	int lw = lf_draw_text(stdscr, 1, 1, _("Search:"), 20);
	attroff(COLOR_PAIR(LF_C_LABEL));
	lf_list_draw(&v->l);
	lf_draw_message(v->msg, v->msg_kind);
	lf_draw_keybar(LF_S_SEARCH);
	/* The cursor stays in the query line. */
	int cx = lf_line_draw(&v->q, stdscr, 1, 2 + lw, COLS - lw - 3, true);
	move(1, cx);
	curs_set(1);
}

/* Is the query line what the hits were found for? */
static bool query_changed(const sview *v)
{
	char *now = lf_line_text(&v->q);
	bool changed = !v->searched || !now || strcmp(now, v->searched) != 0;
	free(now);
	return changed;
}

/* Typing goes to the query line; the list keys are the table's. */
static bool typing(void *ctx, int kind, wint_t key, lf_action a)
{
	sview *v = ctx;
	if (a == LF_A_NONE)
		return lf_line_key(&v->q, kind, key);
	return lf_window_key(&v->w, a); /* the moving keys: the hits' */
}

static bool act(void *ctx, lf_action a)
{
	sview *v = ctx;
	if (a != LF_A_OPEN)
		return false;
	if (query_changed(v))
		search(v);
	else if (v->l.n)
		lf_case_view_run(v->t, ((hit *)lf_list_current(&v->l))->case_no);
	return false;
}

void lf_search_run(lf_tui *t)
{
	sview v;
	memset(&v, 0, sizeof v);
	v.t = t;
	v.l = (lf_list){.row_size = sizeof(hit), .cols = columns, .ncols = sizeof columns / sizeof columns[0],
	                .x0 = 1, .margin = 1, .y = 2, .ctx = &v, .cell = cell, .draw_cell = marked_cell,
	                .row_free = hit_free};
	v.w = (lf_window){.l = &v.l, .ctx = &v, .read = read_hits};
	lf_line_init(&v.q, LF_SEARCH_QUERY_MAX / 4, false);
	/* No msg: "Nothing found." stays while the next query is typed. */
	lf_list_screen s = {.t = t, .l = &v.l, .screen = LF_S_SEARCH, .draw = draw, .ctx = &v,
	                    .help_title = _("Keys of the search"), .pre = typing, .act = act, .follow = follow,
	                    .row_key = row_key};
	lf_list_run(&s);
	lf_list_clear(&v.l);
	lf_search_ranked_free(&v.ranked);
	free(v.searched);
	lf_line_free(&v.q);
}
