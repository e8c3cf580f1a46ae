/* One renderer for any form: lays the fields of a lf_form_def out like the
 * paper (label column, fields sharing a row), draws them with their text,
 * and hands keys to the focused field's editing state (lf_textbuf). */
#include "tui_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/linebreak.h"
#include "laifang/text.h"

void lf_form_view_init(lf_form_view *v, const lf_form_def *form, bool all_readonly)
{
	memset(v, 0, sizeof *v);
	v->form = form;
	v->all_readonly = all_readonly;
	v->grow = -1;
	size_t n = form->n_fields;
	v->bufs = calloc(n, sizeof *v->bufs);
	v->hscroll = calloc(n, sizeof *v->hscroll);
	v->vscroll = calloc(n, sizeof *v->vscroll);
	v->notes = calloc(n, sizeof *v->notes);
	v->row = calloc(n, sizeof *v->row);
	v->col = calloc(n, sizeof *v->col);
	v->width = calloc(n, sizeof *v->width);
	v->height = calloc(n, sizeof *v->height);
	if (!v->bufs || !v->hscroll || !v->vscroll || !v->notes || !v->row || !v->col || !v->width || !v->height)
		abort(); /* a few hundred bytes: nothing sensible to do without them */
	for (size_t i = 0; i < n; i++) {
		const lf_field_def *f = &form->fields[i];
		lf_textbuf_init(&v->bufs[i], f->max_chars ? f->max_chars : 200, f->kind == LF_FIELD_MULTILINE);
	}
	v->focus = 0;
	if (!lf_form_view_editable(v, 0))
		lf_form_view_focus_next(v, 1);
}

void lf_form_view_free(lf_form_view *v)
{
	if (!v->form)
		return;
	for (size_t i = 0; i < v->form->n_fields; i++) {
		lf_textbuf_free(&v->bufs[i]);
		free(v->notes[i]);
	}
	free(v->bufs);
	free(v->hscroll);
	free(v->vscroll);
	free(v->notes);
	free(v->row);
	free(v->col);
	free(v->width);
	free(v->height);
	memset(v, 0, sizeof *v);
}

bool lf_form_view_editable(const lf_form_view *v, size_t field)
{
	return field < v->form->n_fields && !v->all_readonly && !v->form->fields[field].readonly;
}

void lf_form_view_set(lf_form_view *v, size_t field, const char *utf8)
{
	if (field >= v->form->n_fields)
		return;
	char *clean = lf_text_clean(utf8 ? utf8 : "", utf8 ? strlen(utf8) : 0,
	                            v->form->fields[field].kind == LF_FIELD_MULTILINE, NULL);
	lf_textbuf_set_utf8(&v->bufs[field], clean ? clean : "");
	free(clean);
	v->hscroll[field] = 0;
	v->vscroll[field] = 0;
}

char *lf_form_view_get(const lf_form_view *v, size_t field)
{
	return lf_textbuf_utf8(&v->bufs[field]);
}

char **lf_form_view_values(const lf_form_view *v)
{
	size_t n = v->form->n_fields;
	char **values = calloc(n ? n : 1, sizeof *values);
	if (!values)
		return NULL;
	for (size_t i = 0; i < n; i++)
		values[i] = lf_form_view_get(v, i);
	return values;
}

void lf_form_values_free(char **values, size_t n)
{
	if (!values)
		return;
	for (size_t i = 0; i < n; i++)
		free(values[i]);
	free(values);
}

void lf_form_view_note(lf_form_view *v, size_t field, const char *utf8)
{
	free(v->notes[field]);
	v->notes[field] = utf8 ? strdup(utf8) : NULL;
}

bool lf_form_view_focus_next(lf_form_view *v, int dir)
{
	size_t n = v->form->n_fields;
	if (dir > 0) {
		for (size_t i = v->focus + 1; i < n; i++)
			if (lf_form_view_editable(v, i)) {
				v->focus = i;
				return true;
			}
	} else {
		for (size_t i = v->focus; i-- > 0;)
			if (lf_form_view_editable(v, i)) {
				v->focus = i;
				return true;
			}
	}
	return false;
}

bool lf_form_view_tab_next(lf_form_view *v, int dir)
{
	size_t was = v->focus;
	while (lf_form_view_focus_next(v, dir))
		if (!v->form->fields[v->focus].no_tab)
			return true;
	v->focus = was;
	return false;
}

void lf_form_view_focus(lf_form_view *v, size_t field)
{
	if (field < v->form->n_fields)
		v->focus = field;
}

/* Field i taller by extra rows, the fields below it moved down: extra. */
static int grow_field(lf_form_view *v, size_t i, int extra)
{
	v->height[i] += extra;
	for (size_t j = i + 1; j < v->form->n_fields; j++)
		if (v->row[j] > v->row[i])
			v->row[j] += extra;
	v->total_rows += extra;
	return extra;
}

/* Lay the fields out for the screen width; extra rows go to the first
 * editable multi-line field so 信访内容 grows with the window. */
static void layout(lf_form_view *v, int cols, int rows)
{
	const lf_form_def *form = v->form;
	int label_cols = 0;
	for (size_t i = 0; i < form->n_fields; i++)
		if (!form->fields[i].same_row || i == 0) {
			int w = lf_text_width(form->fields[i].label);
			if (w > label_cols)
				label_cols = w;
		}
	if (label_cols > 20)
		label_cols = 20;
	v->label_cols = label_cols;

	int y = 0, x = 0, row_h = 1;
	for (size_t i = 0; i < form->n_fields; i++) {
		const lf_field_def *f = &form->fields[i];
		int h = f->kind == LF_FIELD_MULTILINE ? (f->height > 0 ? f->height : 3) : 1;
		if (i == 0 || !f->same_row) {
			if (i > 0)
				y += row_h;
			row_h = h;
			x = 1 + label_cols + 1;
		} else {
			x += 2 + lf_text_width(f->label) + 2; /* "label：" before the box */
			if (h > row_h)
				row_h = h;
		}
		int w = f->width > 0 ? f->width : 20;
		if (f->kind == LF_FIELD_MULTILINE && (i + 1 >= form->n_fields || !form->fields[i + 1].same_row))
			w = cols - x - 1; /* a long text takes the rest of its row */
		if (x + w > cols - 1)
			w = cols - 1 - x;
		if (w < 1)
			w = 1;
		v->row[i] = y;
		v->col[i] = x;
		v->width[i] = w;
		v->height[i] = h;
		x += w;
	}
	v->total_rows = y + row_h;

	/* Spare rows: first to the text to be read whole (grow), as many as it
	 * needs; the rest to the first editable multi-line field. */
	int spare = rows - v->total_rows;
	if (spare > 0 && !v->all_readonly && v->grow >= 0 && (size_t)v->grow < form->n_fields &&
	    form->fields[v->grow].kind == LF_FIELD_MULTILINE) {
		int need = (int)lf_form_view_rows(v, (size_t)v->grow, NULL, 0) - v->height[v->grow];
		if (need > 0)
			spare -= grow_field(v, (size_t)v->grow, need < spare ? need : spare);
	}
	if (spare > 0 && !v->all_readonly)
		for (size_t i = 0; i < form->n_fields; i++)
			if (form->fields[i].kind == LF_FIELD_MULTILINE && lf_form_view_editable(v, i)) {
				grow_field(v, i, spare);
				break;
			}
}

size_t lf_form_view_rows(const lf_form_view *v, size_t i, lf_textrow *rows, size_t max)
{
	const lf_textbuf *tb = &v->bufs[i];
	if (lf_form_view_editable(v, i))
		return lf_textbuf_layout(tb, v->width[i], rows, max);
	/* Text that is only read wraps by the Chinese rules (linebreak.h):
	 * no line starts with a closing mark, a number keeps its unit. */
	size_t n = lf_linebreak(tb->text, tb->len, v->width[i], NULL, 0);
	if (!rows || !max)
		return n;
	lf_line_span *sp = calloc(n, sizeof *sp);
	if (!sp)
		return lf_textbuf_layout(tb, v->width[i], rows, max);
	lf_linebreak(tb->text, tb->len, v->width[i], sp, n);
	for (size_t k = 0; k < n && k < max; k++)
		rows[k] = (lf_textrow){sp[k].start, sp[k].end};
	free(sp);
	return n;
}

/* Keep the cursor row of a multi-line field inside its box. */
static void scroll_multiline(lf_form_view *v, size_t i)
{
	size_t crow;
	int ccol;
	lf_textbuf_cursor_pos(&v->bufs[i], v->width[i], &crow, &ccol);
	size_t h = (size_t)v->height[i];
	if (crow < v->vscroll[i])
		v->vscroll[i] = crow;
	else if (crow >= v->vscroll[i] + h)
		v->vscroll[i] = crow - h + 1;
}

static void draw_field(lf_form_view *v, size_t i, int y0, int rows, int *cy, int *cx)
{
	const lf_field_def *f = &v->form->fields[i];
	lf_textbuf *tb = &v->bufs[i];
	bool focused = i == v->focus && lf_form_view_editable(v, i);
	int fy = y0 + v->row[i] - v->top;
	int pair = focused ? LF_C_FOCUS : lf_form_view_editable(v, i) ? LF_C_FIELD : LF_C_FIELD_RO;

	/* The label: in the label column, or inline before a box on a shared row. */
	if (fy >= y0 && fy < y0 + rows) {
		attron(COLOR_PAIR(LF_C_LABEL) | (focused ? A_BOLD : 0));
		int lx; /* where the label starts: the required mark goes just before it */
		if (v->col[i] == 1 + v->label_cols + 1) {
			int pad = v->label_cols - lf_text_width(f->label);
			lx = 1 + (pad > 0 ? pad : 0);
			lf_draw_text(stdscr, fy, lx, f->label, v->label_cols);
		} else {
			lx = v->col[i] - 2 - lf_text_width(f->label);
			int used = lf_draw_text(stdscr, fy, lx, f->label, COLS - lx);
			lf_draw_text(stdscr, fy, lx + used, "：", 2);
		}
		if (f->required && lf_form_view_editable(v, i) && lx > 0) {
			attron(COLOR_PAIR(LF_C_ERROR));
			mvaddch(fy, lx - 1, '*');
		}
		attroff(COLOR_PAIR(LF_C_LABEL) | COLOR_PAIR(LF_C_ERROR) | A_BOLD);
	}

	attron(COLOR_PAIR(pair));
	if (f->kind == LF_FIELD_MULTILINE) {
		size_t total = lf_form_view_rows(v, i, NULL, 0);
		lf_textrow *r = calloc(total, sizeof *r);
		if (r)
			lf_form_view_rows(v, i, r, total);
		/* A box that grew (a larger window) shows as much as it holds:
		 * the start when all fits, never empty rows under scrolled text
		 * (issue 12); then the cursor's row is brought into view. */
		size_t box = v->height[i] > 0 ? (size_t)v->height[i] : 1;
		if (v->vscroll[i] + box > total)
			v->vscroll[i] = total > box ? total - box : 0;
		if (focused)
			scroll_multiline(v, i);
		if (v->vscroll[i] >= total)
			v->vscroll[i] = 0;
		for (int k = 0; k < v->height[i]; k++) {
			int y = fy + k;
			if (y < y0 || y >= y0 + rows)
				continue;
			lf_draw_blank(stdscr, y, v->col[i], v->width[i]);
			size_t ri = v->vscroll[i] + (size_t)k;
			if (r && ri < total)
				lf_draw_wcs(stdscr, y, v->col[i], tb->text + r[ri].start, r[ri].end - r[ri].start,
				            v->width[i]);
		}
		free(r);
		/* Where in a long text we are, under the label. */
		if (total > (size_t)v->height[i] && fy + 1 >= y0 && fy + 1 < y0 + rows) {
			char pos[48];
			size_t crow;
			int ccol;
			lf_textbuf_cursor_pos(tb, v->width[i], &crow, &ccol);
			snprintf(pos, sizeof pos, "%zu/%zu", (focused ? crow : v->vscroll[i]) + 1, total);
			attron(COLOR_PAIR(LF_C_NOTE));
			lf_draw_text(stdscr, fy + 1, 1, pos, v->label_cols);
			attron(COLOR_PAIR(pair));
		}
		if (focused) {
			size_t crow;
			int ccol;
			lf_textbuf_cursor_pos(tb, v->width[i], &crow, &ccol);
			*cy = fy + (int)(crow - v->vscroll[i]);
			*cx = v->col[i] + ccol;
		}
	} else if (fy >= y0 && fy < y0 + rows) {
		lf_draw_blank(stdscr, fy, v->col[i], v->width[i]);
		/* Only the focused box scrolls to its cursor; any other shows its
		 * start (a value exactly as wide as its box is shown whole). */
		v->hscroll[i] = focused ? lf_textbuf_hscroll(tb, v->width[i], v->hscroll[i]) : 0;
		size_t first = v->hscroll[i];
		lf_draw_wcs(stdscr, fy, v->col[i], tb->text + first, tb->len - first, v->width[i]);
		if (focused) {
			*cy = fy;
			*cx = v->col[i] + lf_textbuf_width(tb, first, tb->cursor);
		}
	}
	attroff(COLOR_PAIR(pair));

	if (v->notes[i] && fy >= y0 && fy < y0 + rows) {
		int nx = v->col[i] + v->width[i] + 2;
		if (nx < COLS - 4) {
			attron(COLOR_PAIR(LF_C_NOTE) | A_BOLD);
			lf_draw_text(stdscr, fy, nx, v->notes[i], COLS - nx - 1);
			attroff(COLOR_PAIR(LF_C_NOTE) | A_BOLD);
		}
	}
}

void lf_form_view_draw(lf_form_view *v, int y0, int rows)
{
	layout(v, COLS, rows);
	/* Scroll the form so the focused field is in view. */
	int fr = v->row[v->focus], fh = v->height[v->focus];
	if (fr < v->top)
		v->top = fr;
	else if (fr + fh > v->top + rows)
		v->top = fr + fh - rows;
	if (v->top > v->total_rows - rows)
		v->top = v->total_rows - rows;
	if (v->top < 0)
		v->top = 0;

	for (int y = y0; y < y0 + rows; y++)
		lf_draw_blank(stdscr, y, 0, COLS);
	int cy = -1, cx = -1;
	for (size_t i = 0; i < v->form->n_fields; i++)
		draw_field(v, i, y0, rows, &cy, &cx);
	if (cy >= 0) {
		curs_set(1);
		move(cy, cx);
	} else
		curs_set(0);
}

/* A choice field takes a choice, not free text: Space and Left/Right step
 * through the choices, a typed first character picks one. */
static bool edit_choice(lf_form_view *v, const lf_field_def *f, lf_action a, wint_t ch)
{
	lf_textbuf *tb = &v->bufs[v->focus];
	char *cur = lf_textbuf_utf8(tb);
	int at = -1;
	for (size_t k = 0; cur && k < f->n_choices; k++)
		if (!strcmp(cur, f->choices[k]))
			at = (int)k;
	free(cur);
	int n = (int)f->n_choices;
	int next = at;
	if (a == LF_A_BACKSPACE || a == LF_A_DELETE || a == LF_A_KILL_END || a == LF_A_KILL_START) {
		if (tb->len == 0)
			return false;
		lf_textbuf_clear(tb);
		return true;
	}
	if (n == 0)
		return false;
	if (a == LF_A_RIGHT || (a == LF_A_NONE && ch == ' '))
		next = (at + 1) % n;
	else if (a == LF_A_LEFT)
		next = at <= 0 ? n - 1 : at - 1;
	else if (a == LF_A_NONE) {
		for (int k = 0; k < n; k++) {
			wchar_t *ws = lf_utf8_to_wcs(f->choices[k], NULL);
			bool hit = ws && ws[0] == (wchar_t)ch;
			free(ws);
			if (hit)
				next = k;
		}
		/* Latin letters for 男/女 on a keyboard without an input method. */
		if (next == at && (ch == 'm' || ch == 'M' || ch == 'f' || ch == 'F')) {
			const char *want = (ch == 'm' || ch == 'M') ? "男" : "女";
			for (int k = 0; k < n; k++)
				if (!strcmp(f->choices[k], want))
					next = k;
		}
	}
	if (next == at || next < 0)
		return false;
	lf_textbuf_set_utf8(tb, f->choices[next]);
	return true;
}

bool lf_form_view_edit(lf_form_view *v, lf_action a, wint_t ch)
{
	if (!lf_form_view_editable(v, v->focus))
		return false;
	const lf_field_def *f = &v->form->fields[v->focus];
	lf_textbuf *tb = &v->bufs[v->focus];
	int w = v->width[v->focus] > 0 ? v->width[v->focus] : 20;
	if (f->kind == LF_FIELD_CHOICE)
		return edit_choice(v, f, a, ch);
	switch (a) {
	case LF_A_LEFT:
		lf_textbuf_left(tb);
		return false;
	case LF_A_RIGHT:
		lf_textbuf_right(tb);
		return false;
	case LF_A_HOME:
		lf_textbuf_home(tb, w);
		return false;
	case LF_A_END:
		lf_textbuf_end(tb, w);
		return false;
	case LF_A_BACKSPACE:
		return lf_textbuf_backspace(tb);
	case LF_A_DELETE:
		return lf_textbuf_delete(tb);
	case LF_A_KILL_END: {
		size_t before = tb->len;
		lf_textbuf_kill_to_end(tb);
		return tb->len != before;
	}
	case LF_A_KILL_START: {
		size_t before = tb->len;
		lf_textbuf_kill_to_start(tb);
		return tb->len != before;
	}
	case LF_A_NEWLINE:
		return lf_textbuf_insert(tb, L'\n');
	case LF_A_PASTE:
		return lf_paste_into(tb);
	case LF_A_NONE:
		return lf_textbuf_insert(tb, (wchar_t)ch);
	default:
		return false;
	}
}

bool lf_form_view_vertical(lf_form_view *v, int dir)
{
	if (!lf_form_view_editable(v, v->focus) || v->form->fields[v->focus].kind != LF_FIELD_MULTILINE)
		return false;
	lf_textbuf *tb = &v->bufs[v->focus];
	int w = v->width[v->focus] > 0 ? v->width[v->focus] : 20;
	return dir < 0 ? lf_textbuf_up(tb, w) : lf_textbuf_down(tb, w);
}
