/* The annual report on paper (年度信访情况报告, 《信访工作条例》第四十一条):
 * A4 portrait, the office's name and the title at the top of the first
 * page, then each section as a table (label, count, unit, share) with its
 * bars drawn as grey rectangles; a footer with the title and the page on
 * every page. Fed by the same walk as the text and the CSV
 * (annual_render.c), so the paper holds the same numbers. Chinese, like
 * the notices: the report goes to the Party committee and the government. */
#include "laifang/annual.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/stats.h"
#include "paper_internal.h"

#define SIZE_OFFICE 15.0
#define SIZE_TITLE 20.0
#define SIZE_H1 13.0
#define SIZE_H2 11.5
#define SIZE_BODY 10.5
#define ROW_H 17.0
#define BOTTOM (PAPER_H - PAPER_MARGIN - 10)

/* The table's columns, from the left margin. */
#define COL_LABEL_W 190.0
#define COL_COUNT_W 56.0
#define COL_UNIT_W 34.0
#define COL_PCT_W 50.0
#define COL_GAP 10.0

typedef struct pdf_out {
	paper_doc doc;
	double y, x, w;
	int page;
	bool header; /* the next figure starts a table: its column heads first */
	char footer[256], title[128];
} pdf_out;

static void next_page(pdf_out *p)
{
	paper_new_page(&p->doc);
	p->page++;
	/* The footer is drawn when a page ends: it names the page that ends. */
	snprintf(p->footer, sizeof p->footer, "《%s》　第 %d 页", p->title, p->page);
	p->y = PAPER_MARGIN;
}

/* Room for h points more on this page, or the next page. */
static void room(pdf_out *p, double h)
{
	if (p->y + h > BOTTOM)
		next_page(p);
}

static void pdf_heading(const char *section, const char *title, int level, void *ud)
{
	pdf_out *p = ud;
	(void)section;
	double size = level == 1 ? SIZE_H1 : SIZE_H2;
	/* A heading never ends a page: it keeps at least two rows below it,
	 * and a part's heading its first section's heading and table head too. */
	room(p, level == 1 ? 14 + size * 1.6 + 8 + SIZE_H2 * 1.6 + 4 * ROW_H : 8 + size * 1.6 + 3 * ROW_H);
	p->y += level == 1 ? 14 : 8;
	double x = p->x + (level == 1 ? 0 : 14);
	p->y += paper_text(p->doc.cr, x, p->y, title, size, true, p->w - (x - p->x), PAPER_LEFT) + 4;
	p->header = true;
}

/* A table's column heads, small and bold, with the rule under them. */
static void table_head(pdf_out *p)
{
	cairo_t *cr = p->doc.cr;
	double x = p->x + 24, y = p->y + 1;
	paper_text(cr, x, y, "项目", SIZE_BODY - 1.5, true, COL_LABEL_W, PAPER_LEFT);
	x += COL_LABEL_W;
	paper_text(cr, x, y, "数量", SIZE_BODY - 1.5, true, COL_COUNT_W, PAPER_RIGHT);
	x += COL_COUNT_W + 4 + COL_UNIT_W;
	paper_text(cr, x, y, "占比", SIZE_BODY - 1.5, true, COL_PCT_W, PAPER_RIGHT);
	cairo_save(cr);
	cairo_set_line_width(cr, 0.6);
	cairo_move_to(cr, p->x + 24, p->y + ROW_H - 2);
	cairo_line_to(cr, p->x + p->w, p->y + ROW_H - 2);
	cairo_stroke(cr);
	cairo_restore(cr);
	p->y += ROW_H - 2;
	p->header = false;
}

static void pdf_figure(const char *section, const char *label, long n, const char *unit, long den, long max,
                       void *ud)
{
	pdf_out *p = ud;
	cairo_t *cr = p->doc.cr;
	(void)section;
	room(p, p->header ? 2 * ROW_H : ROW_H);
	if (p->header)
		table_head(p);
	double x = p->x + 24, y = p->y + 2;
	char count[24], pct[32] = "";
	snprintf(count, sizeof count, "%ld", n);
	if (den > 0)
		lf_stats_percent(n, den, pct, sizeof pct);
	/* One line each: a long unit name is cut by the layout's width. */
	PangoLayout *l = paper_layout(cr, label, SIZE_BODY, false, COL_LABEL_W, PAPER_LEFT);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	paper_lines(cr, l, 0, 1, x, y);
	g_object_unref(l);
	x += COL_LABEL_W;
	paper_text(cr, x, y, count, SIZE_BODY, false, COL_COUNT_W, PAPER_RIGHT);
	x += COL_COUNT_W + 4;
	paper_text(cr, x, y, unit, SIZE_BODY, false, COL_UNIT_W, PAPER_LEFT);
	x += COL_UNIT_W;
	paper_text(cr, x, y, pct, SIZE_BODY, false, COL_PCT_W, PAPER_RIGHT);
	x += COL_PCT_W + COL_GAP;
	double bar_w = p->x + p->w - x;
	if (max > 0 && n > 0 && bar_w > 0) {
		double bw = bar_w * (double)(n > max ? max : n) / (double)max;
		if (bw < 1.5)
			bw = 1.5;
		cairo_save(cr);
		cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
		cairo_rectangle(cr, x, p->y + 4, bw, ROW_H - 8);
		cairo_fill(cr);
		cairo_restore(cr);
	}
	/* The row's rule. */
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
	cairo_set_line_width(cr, 0.4);
	cairo_move_to(cr, p->x + 24, p->y + ROW_H);
	cairo_line_to(cr, p->x + p->w, p->y + ROW_H);
	cairo_stroke(cr);
	cairo_restore(cr);
	p->y += ROW_H;
}

static void pdf_note(const char *section, const char *text, void *ud)
{
	pdf_out *p = ud;
	(void)section;
	PangoLayout *l = paper_layout(p->doc.cr, text, SIZE_BODY, false, p->w - 24, PAPER_LEFT);
	int n = pango_layout_get_line_count(l);
	for (int i = 0; i < n;) {
		room(p, ROW_H);
		int fit = paper_lines_fit(l, i, BOTTOM - p->y);
		if (fit < 1)
			fit = 1;
		p->y += paper_lines(p->doc.cr, l, i, i + fit, p->x + 24, p->y + 2) + 4;
		i += fit;
	}
	g_object_unref(l);
}

bool lf_paper_annual_pdf(const lf_annual *a, const char *path, char *err, size_t len)
{
	pdf_out p;
	memset(&p, 0, sizeof p);
	if (!a) {
		snprintf(err, len, "%s", _("there is no report to print"));
		return false;
	}
	if (!paper_begin(&p.doc, path, err, len))
		return false;
	lf_annual_title(a, p.title, sizeof p.title);
	p.page = 1;
	snprintf(p.footer, sizeof p.footer, "《%s》　第 %d 页", p.title, p.page);
	p.doc.footer = p.footer;
	p.x = PAPER_MARGIN;
	p.w = PAPER_W - 2 * PAPER_MARGIN;
	p.y = PAPER_MARGIN;
	cairo_t *cr = p.doc.cr;
	cairo_set_source_rgb(cr, 0, 0, 0);

	char title[160];
	snprintf(title, sizeof title, "《%s》", p.title);
	if (a->office[0])
		p.y += paper_text(cr, p.x, p.y, a->office, SIZE_OFFICE, true, p.w, PAPER_CENTER) + 8;
	p.y += paper_text(cr, p.x, p.y, title, SIZE_TITLE, true, p.w, PAPER_CENTER) + 10;
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, p.x, p.y);
	cairo_line_to(cr, p.x + p.w, p.y);
	cairo_stroke(cr);
	p.y += 8;

	static const lf_annual_sink k = {pdf_heading, pdf_figure, pdf_note};
	lf_annual_walk(a, &k, &p);
	return paper_end(&p.doc, err, len);
}
