/* The registration sheet on paper, drawn from the form file as the screen
 * is: the title and source line, the form's first row as the line above the
 * ruled table (接待人员, 接待时间), then one table row per row of the form in
 * the file's order — fields sharing a row share it here, a group (领导批示:
 * text, 签名, 日期) is one row with its signature line at the bottom, and a
 * long text outside a group (信访内容, "可附页") takes the rest of the page.
 * Text that does not fit goes on attached pages (附页, paper_sheet_pages.c). The boxes 领导批示
 * and 牵头处室办理情况 show every signed entry with its own signer and date,
 * in order (issue 11), continued on the attached pages when full. */
#include "laifang/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "laifang/entries.h"
#include "laifang/i18n.h"
#include "laifang/settings.h"
#include "paper_internal.h"
#include "paper_sheet_internal.h"


static const char *value_of(const sheet *s, size_t field)
{
	if (!s->c)
		return NULL;
	const char *id = s->form->fields[field].id;
	if (s->content_plus && !strcmp(id, "content"))
		return s->content_plus;
	return lf_case_field(s->c, id);
}

/* Issue 12: the fields the paper lacks (after its grid, not Tab stops of
 * the paper's own fields) take no row of their own: the sheet stays the
 * paper's one page. */
static bool off_paper(const lf_form_def *form, size_t i)
{
	int content = lf_form_find(form, "content");
	return form->fields[i].no_tab && content >= 0 && i > (size_t)content;
}

/* What they say, under the content in its box: 集体访 with the headcount
 * and the representatives (name and ID number), the further phone
 * numbers. NULL when there is nothing to add. */
static char *content_with_extras(const lf_case *c)
{
	char extra[2048] = "";
	size_t n = 0;
	if (c->visit_kind && !strcmp(c->visit_kind, "集体访")) {
		n += (size_t)snprintf(extra + n, sizeof extra - n, "【集体访】到访人数：%s", c->headcount ? c->headcount : "1");
		const char *sep = "；代表：";
		for (size_t i = 0; i < 4 && n < sizeof extra; i++)
			if (c->rep_name[i]) {
				n += (size_t)snprintf(extra + n, sizeof extra - n, "%s%s（%s）", sep, c->rep_name[i],
				                      c->rep_id[i] ? c->rep_id[i] : "");
				sep = "、";
			}
	}
	if (c->phone_more && n < sizeof extra)
		n += (size_t)snprintf(extra + n, sizeof extra - n, "%s其他电话：%s", n ? "\n" : "", c->phone_more);
	if (!n)
		return NULL;
	const char *content = c->content ? c->content : "";
	size_t len = strlen(content) + strlen(extra) + 2;
	char *all = malloc(len);
	if (all)
		snprintf(all, len, "%s\n%s", content, extra);
	return all;
}

/* The signed entries a group's box shows, each with its signer and date;
 * NULL when the box is the sheet's own fields (no entry, the blank sheet). */
static const char *entries_of(const sheet *s, const row *r)
{
	if (!r->group || !s->c)
		return NULL;
	const char *id = s->form->fields[r->first].id;
	if (!strcmp(id, "instruction"))
		return s->instructions;
	if (!strcmp(id, "handling"))
		return s->reports;
	return NULL;
}

/* What a group's box holds: its entries, or its first field. */
static const char *group_text(const sheet *s, const row *r)
{
	const char *e = entries_of(s, r);
	return e ? e : value_of(s, r->first);
}

static bool build_rows(sheet *s)
{
	const lf_form_def *f = s->form;
	s->rows = calloc(f->n_fields ? f->n_fields : 1, sizeof *s->rows);
	if (!s->rows)
		return false;
	for (size_t i = 0; i < f->n_fields; i++) {
		const lf_field_def *d = &f->fields[i];
		if (off_paper(f, i))
			continue;
		row *last = s->n_rows ? &s->rows[s->n_rows - 1] : NULL;
		bool join = last && ((d->group && last->group && !strcmp(d->group, last->group)) ||
		                     (!d->group && !last->group && d->same_row && !last->flex));
		if (join) {
			last->n++;
			continue;
		}
		row *r = &s->rows[s->n_rows++];
		r->first = i;
		r->n = 1;
		r->group = d->group;
		r->flex = !d->group && d->kind == LF_FIELD_MULTILINE;
	}
	return true;
}

static double text_width(cairo_t *cr, const char *text, double size)
{
	PangoLayout *l = paper_layout(cr, text, size, false, 0, PAPER_LEFT);
	double w = paper_layout_width(l);
	g_object_unref(l);
	return w;
}

/* The label column: the widest label that starts a table row. */
static void measure_labels(sheet *s)
{
	double w = 0;
	for (size_t r = s->table_from; r < s->n_rows; r++) {
		const row *ro = &s->rows[r];
		const char *label = ro->group ? ro->group : s->form->fields[ro->first].label;
		double lw = text_width(s->cr, label, SIZE_TEXT);
		if (lw > w)
			w = lw;
	}
	if (w > LABEL_MAX)
		w = LABEL_MAX;
	s->label_w = w + 2 * PAD;
}

/* The columns of a plain row: x and width of each label and value cell. */
typedef struct cells {
	double lx[8], lw[8], vx[8], vw[8];
	size_t n;
} cells;

static void row_cells(const sheet *s, const row *r, cells *c)
{
	const lf_form_def *f = s->form;
	c->n = r->n > 8 ? 8 : r->n;
	double labels = 0, weight = 0;
	for (size_t k = 0; k < c->n; k++) {
		const lf_field_def *d = &f->fields[r->first + k];
		c->lw[k] = k == 0 ? s->label_w : text_width(s->cr, d->label, SIZE_TEXT) + 2 * PAD;
		labels += c->lw[k];
		weight += d->width > 0 ? d->width : 10;
	}
	double values = (s->x1 - s->x0) - labels, x = s->x0;
	for (size_t k = 0; k < c->n; k++) {
		const lf_field_def *d = &f->fields[r->first + k];
		c->lx[k] = x;
		x += c->lw[k];
		c->vx[k] = x;
		c->vw[k] = values * (d->width > 0 ? d->width : 10) / weight;
		x += c->vw[k];
	}
}

/* A group's signature line: "签名：李明（副局长）    日期：2026-11-23 10:05". */
static char *sign_line(const sheet *s, const row *r)
{
	size_t cap = 64;
	for (size_t k = 1; k < r->n; k++) {
		const char *v = value_of(s, r->first + k);
		cap += strlen(s->form->fields[r->first + k].label) + (v ? strlen(v) : 0) + sizeof SIGN_GAP + 16;
	}
	char *line = calloc(1, cap);
	if (!line)
		return NULL;
	for (size_t k = 1; k < r->n; k++) {
		const char *v = value_of(s, r->first + k);
		size_t at = strlen(line);
		snprintf(line + at, cap - at, "%s%s：%s", k > 1 ? "　　" : "", s->form->fields[r->first + k].label,
		         v ? v : SIGN_GAP);
	}
	return line;
}

static double value_width(const sheet *s)
{
	return s->x1 - s->x0 - s->label_w - 2 * PAD;
}

/* The height of a group's shared signature line at the bottom of its box:
 * wrapped inside the box when a long title makes it wider; 0 when the
 * box's entries carry their own. */
static double sign_height(const sheet *s, const row *r)
{
	if (!r->group || r->n < 2 || entries_of(s, r))
		return 0;
	char *line = sign_line(s, r);
	PangoLayout *l = paper_layout(s->cr, line ? line : "", SIZE_TEXT, false, value_width(s), PAPER_RIGHT);
	double h = paper_layout_height(l);
	g_object_unref(l);
	free(line);
	return h + PAD;
}

/* Heights for the groups' boxes (领导批示, 办理情况): each what its text
 * needs while the page has room; when room is short, what there is shared
 * so that a short box keeps what it needs and the long ones share the rest
 * (their tails go on the attached pages). */
static void fit_groups(double *h, const double *need, size_t n, double room)
{
	bool *done = calloc(n ? n : 1, sizeof *done);
	if (!done) {
		for (size_t i = 0; i < n; i++)
			h[i] = need[i];
		return;
	}
	size_t left = n;
	for (bool again = true; again && left > 0;) {
		again = false;
		double each = room / (double)left;
		for (size_t i = 0; i < n; i++)
			if (!done[i] && need[i] <= each) {
				h[i] = need[i];
				room -= need[i];
				done[i] = true;
				left--;
				again = true;
			}
	}
	for (size_t i = 0; i < n; i++)
		if (!done[i])
			h[i] = left ? room / (double)left : need[i];
	free(done);
}

/* Row heights: the plain rows what they need, the groups what their text
 * needs as far as the page has room (fit_groups), the flexible rows share
 * what is left. */
static void measure_rows(sheet *s, double avail)
{
	double fixed = 0;
	size_t n_flex = 0, n_group = 0;
	double need[16], got[16];
	for (size_t r = s->table_from; r < s->n_rows; r++) {
		row *ro = &s->rows[r];
		if (ro->flex) {
			n_flex++;
			continue;
		}
		double h = 0;
		if (ro->group) {
			const char *text = group_text(s, ro);
			size_t laid = 0;
			PangoLayout *l = paper_layout_head(s->cr, text ? text : "", SIZE_TEXT, value_width(s), &laid);
			double th = paper_layout_height(l);
			g_object_unref(l);
			/* text, the room for the note 续见附页 or the signature */
			h = th + 2 * PAD + (sign_height(s, ro) > 0 ? sign_height(s, ro) : SIZE_SMALL * 1.6);
			if (h < GROUP_MIN)
				h = GROUP_MIN;
			if (!s->c && h < BLANK_GROUP)
				h = BLANK_GROUP;
			if (n_group < 16) {
				need[n_group++] = h;
				ro->height = h;
			}
			continue;
		} else {
			cells c;
			row_cells(s, ro, &c);
			for (size_t k = 0; k < c.n; k++) {
				PangoLayout *l = paper_layout(s->cr, value_of(s, ro->first + k), SIZE_TEXT, false,
				                              c.vw[k] - 2 * PAD, PAPER_LEFT);
				double th = paper_layout_height(l) + 2 * PAD;
				g_object_unref(l);
				if (th > h)
					h = th;
			}
			if (h < ROW_MIN)
				h = ROW_MIN;
		}
		ro->height = h;
		fixed += h;
	}
	double room = avail - fixed - (double)n_flex * FLEX_MIN;
	if (room < (double)n_group * GROUP_MIN)
		room = (double)n_group * GROUP_MIN;
	fit_groups(got, need, n_group, room);
	size_t g = 0;
	for (size_t r = s->table_from; r < s->n_rows; r++)
		if (s->rows[r].group && !s->rows[r].flex && g < n_group) {
			s->rows[r].height = got[g] < GROUP_MIN ? GROUP_MIN : got[g];
			fixed += s->rows[r].height;
			g++;
		}
	double each = n_flex ? (avail - fixed) / (double)n_flex : 0;
	if (each < FLEX_MIN)
		each = FLEX_MIN;
	for (size_t r = s->table_from; r < s->n_rows; r++)
		if (s->rows[r].flex)
			s->rows[r].height = each;
}

/* Draw text in a box of height h at x, y, width w: the lines that fit; the
 * rest is noted for the 附页. Returns the height drawn. */
static double boxed_text(sheet *s, const char *label, const char *text, double x, double y, double w, double h)
{
	if (!text || !text[0])
		return 0;
	size_t laid;
	PangoLayout *l = paper_layout_head(s->cr, text, SIZE_TEXT, w, &laid);
	int n = pango_layout_get_line_count(l);
	bool more = text[laid] != '\0'; /* past the piece laid out */
	double note_h = SIZE_SMALL * 1.6;
	int fit = paper_lines_fit(l, 0, h);
	if (fit < n || more) /* leave room for the note */
		fit = paper_lines_fit(l, 0, h - note_h);
	double drawn = paper_lines(s->cr, l, 0, fit, x, y);
	if (fit < n || more) {
		paper_sheet_add_overflow(s, label,
		             fit < n ? text + pango_layout_get_line_readonly(l, fit)->start_index : text + laid + 1);
		paper_text(s->cr, x, y + h - note_h, "（续见附页）", SIZE_SMALL, false, w, PAPER_RIGHT);
	}
	g_object_unref(l);
	return drawn;
}

void paper_sheet_cell_rect(cairo_t *cr, double x, double y, double w, double h)
{
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
}

static void draw_label(sheet *s, const char *label, const char *note, double x, double y, double w, double h)
{
	PangoLayout *l = paper_layout(s->cr, label, SIZE_TEXT, false, w - 2 * PAD, PAPER_CENTER);
	double lh = paper_layout_height(l);
	double nh = note ? SIZE_SMALL * 1.5 : 0;
	cairo_move_to(s->cr, x + PAD, y + (h - lh - nh) / 2);
	pango_cairo_show_layout(s->cr, l);
	g_object_unref(l);
	if (note)
		paper_text(s->cr, x + PAD, y + (h - lh - nh) / 2 + lh, note, SIZE_SMALL, false, w - 2 * PAD,
		           PAPER_CENTER);
}

/* The blank sheet's boxes have lines to write on. */
static void ruled_lines(cairo_t *cr, double x, double y, double w, double h)
{
	cairo_save(cr);
	cairo_set_line_width(cr, 0.4);
	cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
	for (double at = y + RULE_GAP; at <= y + h - 2; at += RULE_GAP) {
		cairo_move_to(cr, x, at);
		cairo_line_to(cr, x + w, at);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void draw_row(sheet *s, const row *r, double y)
{
	cairo_t *cr = s->cr;
	const lf_form_def *f = s->form;
	if (r->group || r->flex) {
		const lf_field_def *d = &f->fields[r->first];
		double vx = s->x0 + s->label_w, vw = s->x1 - vx;
		paper_sheet_cell_rect(cr, s->x0, y, s->label_w, r->height);
		paper_sheet_cell_rect(cr, vx, y, vw, r->height);
		draw_label(s, r->group ? r->group : d->label, r->flex ? "（可附页）" : NULL, s->x0, y, s->label_w,
		           r->height);
		/* Entries carry their own signature lines: no shared one below. */
		double sign_h = sign_height(s, r);
		boxed_text(s, r->group ? r->group : d->label, r->group ? group_text(s, r) : value_of(s, r->first),
		           vx + PAD, y + PAD, vw - 2 * PAD, r->height - 2 * PAD - sign_h);
		if (!s->c)
			ruled_lines(cr, vx + PAD, y + PAD, vw - 2 * PAD, r->height - 2 * PAD - sign_h);
		if (sign_h > 0) {
			char *line = sign_line(s, r);
			paper_text(cr, vx + PAD, y + r->height - sign_h, line ? line : "", SIZE_TEXT, false, vw - 2 * PAD,
			           PAPER_RIGHT);
			free(line);
		}
		return;
	}
	cells c;
	row_cells(s, r, &c);
	for (size_t k = 0; k < c.n; k++) {
		const lf_field_def *d = &f->fields[r->first + k];
		paper_sheet_cell_rect(cr, c.lx[k], y, c.lw[k], r->height);
		paper_sheet_cell_rect(cr, c.vx[k], y, c.vw[k], r->height);
		draw_label(s, d->label, NULL, c.lx[k], y, c.lw[k], r->height);
		const char *v = value_of(s, r->first + k);
		if (v) {
			PangoLayout *l = paper_layout(cr, v, SIZE_TEXT, false, c.vw[k] - 2 * PAD, PAPER_LEFT);
			double th = paper_layout_height(l);
			cairo_move_to(cr, c.vx[k] + PAD, y + (r->height - th) / 2);
			pango_cairo_show_layout(cr, l);
			g_object_unref(l);
		}
	}
}

/* The line above the table: the form's first row, "接待人员：张三　　接待时间：2026 年 11 月 23 日". */
static double draw_header(sheet *s, double y)
{
	const row *r = &s->rows[0];
	char line[1024] = "";
	for (size_t k = 0; k < r->n; k++) {
		const lf_field_def *d = &s->form->fields[r->first + k];
		const char *v = value_of(s, r->first + k);
		char val[256];
		if (d->kind == LF_FIELD_DATE && v)
			paper_date_cn(v, val, sizeof val);
		else if (d->kind == LF_FIELD_DATE)
			snprintf(val, sizeof val, "　　　　年　　月　　日");
		else
			snprintf(val, sizeof val, "%s", v ? v : SIGN_GAP);
		size_t at = strlen(line);
		snprintf(line + at, sizeof line - at, "%s%s：%s", k ? "　　　　" : "", d->label, val);
	}
	return paper_text(s->cr, s->x0, y, line, SIZE_TEXT, false, s->x1 - s->x0, PAPER_LEFT);
}

bool lf_paper_sheet_pdf(const lf_form_def *form, const lf_case *c, const char *path, char *err, size_t len)
{
	return paper_sheet_pdf(form, c, NULL, NULL, path, err, len);
}

bool paper_sheet_pdf(const lf_form_def *form, const lf_case *c, const lf_office_info *office, const char *footer,
                     const char *path, char *err, size_t len)
{
	if (!form || form->n_fields == 0) {
		snprintf(err, len, "%s", _("the form has no fields"));
		return false;
	}
	paper_doc doc;
	if (!paper_begin(&doc, path, err, len))
		return false;
	doc.footer = footer;
	sheet s = {.cr = doc.cr, .form = form, .c = c, .x0 = PAPER_MARGIN, .x1 = PAPER_W - PAPER_MARGIN,
	           .office = office};
	if (c) {
		s.instructions = lf_case_entries_text(c, "instruction");
		s.reports = lf_case_entries_text(c, "handling");
		s.content_plus = content_with_extras(c);
	}
	if (!build_rows(&s)) {
		free(s.instructions);
		free(s.reports);
	free(s.content_plus);
		snprintf(err, len, "%s", _("out of memory"));
		paper_abort(&doc);
		return false;
	}
	cairo_set_source_rgb(s.cr, 0, 0, 0);
	cairo_set_line_width(s.cr, 0.8);
	double y = paper_form_head(s.cr, office, form->annex, c && c->case_no ? c->case_no : "", form->title);
	/* An office's own form file may still carry a fixed line under the title. */
	if (form->source && form->source[0])
		y += paper_text(s.cr, s.x0, y - 14, form->source, SIZE_SMALL, false, s.x1 - s.x0, PAPER_CENTER);
	/* The paper's line above the table is the form's first row, unless
	 * that row is a box of its own. */
	s.table_from = s.n_rows > 1 && !s.rows[0].group && !s.rows[0].flex ? 1 : 0;
	if (s.table_from)
		y += draw_header(&s, y) + 8;
	measure_labels(&s);
	measure_rows(&s, PAPER_H - PAPER_MARGIN - y);
	for (size_t r = s.table_from; r < s.n_rows; r++) {
		draw_row(&s, &s.rows[r], y);
		y += s.rows[r].height;
	}
	s.pages = paper_sheet_count_pages(&s);
	paper_sheet_page_foot(&s, 1);
	paper_sheet_draw_attached(&s, &doc);
	free(s.rows);
	free(s.over);
	free(s.instructions);
	free(s.reports);
	free(s.content_plus);
	return paper_end(&doc, err, len);
}
