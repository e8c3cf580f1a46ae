/* The registration sheet's attached pages (附页): the texts that did not fit
 * in their boxes, each continued under "label（续）" on pages headed with the
 * case number and the visitor, and "第 x 页 共 y 页" on every page. */
#include <stdio.h>
#include <stdlib.h>

#include <cairo-pdf.h>

#include "paper_internal.h"
#include "paper_sheet_internal.h"

void paper_sheet_add_overflow(sheet *s, const char *label, const char *rest)
{
	overflow *o = realloc(s->over, (s->n_over + 1) * sizeof *o);
	if (!o)
		return;
	s->over = o;
	s->over[s->n_over].label = label;
	s->over[s->n_over].rest = rest;
	s->n_over++;
}

/* "第 x 页 共 y 页" at the foot of a page of a sheet of several. */
void paper_sheet_page_foot(sheet *s, int page)
{
	if (s->pages < 2)
		return;
	char line[64];
	snprintf(line, sizeof line, "第 %d 页 共 %d 页", page, s->pages);
	paper_text(s->cr, s->x0, PAPER_H - PAPER_MARGIN + 2, line, SIZE_SMALL, false, s->x1 - s->x0, PAPER_CENTER);
}

/* The head of an attached page: the title with （附页）, and the line
 * that ties the page to its sheet — the case number, the visitor's name,
 * 第 x 页 共 y 页. */
static double attached_head(sheet *s, int page)
{
	char title[256], line[512];
	snprintf(title, sizeof title, "%s（附页）", s->form->title ? s->form->title : "");
	double y = PAPER_MARGIN - 20, w = s->x1 - s->x0;
	y += paper_text(s->cr, s->x0, y, title, SIZE_TITLE - 4, true, w, PAPER_CENTER) + 6;
	snprintf(line, sizeof line, "编号：%s　　来访人：%s", s->c && s->c->case_no ? s->c->case_no : "",
	         s->c && s->c->name ? s->c->name : "");
	paper_text(s->cr, s->x0, y, line, SIZE_TEXT, false, w, PAPER_LEFT);
	snprintf(line, sizeof line, "第 %d 页 共 %d 页", page, s->pages);
	y += paper_text(s->cr, s->x0, y, line, SIZE_TEXT, false, w, PAPER_RIGHT);
	return y + 10;
}

/* The attached pages: each overflowing text under "label（续）". With doc
 * NULL nothing is shown: the pages are counted (drawn on a scratch
 * surface). Returns the number of pages in all. */
int paper_sheet_draw_attached(sheet *s, paper_doc *doc)
{
	double bottom = PAPER_H - PAPER_MARGIN, w = s->x1 - s->x0;
	int page = 1;
	for (size_t i = 0; i < s->n_over; i++) {
		paper_flow f;
		paper_flow_start(&f, s->cr, s->over[i].rest, SIZE_TEXT, w - 2 * PAD);
		while (!paper_flow_done(&f)) {
			page++;
			if (doc)
				paper_new_page(doc);
			double y = attached_head(s, page);
			char head[256];
			snprintf(head, sizeof head, "%s（续）", s->over[i].label);
			y += paper_text(s->cr, s->x0, y, head, SIZE_TEXT, true, w, PAPER_LEFT) + 6;
			double h = paper_flow_draw(&f, s->x0 + PAD, y + PAD, bottom - y - 2 * PAD);
			paper_sheet_cell_rect(s->cr, s->x0, y, w, h + 2 * PAD);
		}
		paper_flow_end(&f);
	}
	return page;
}

/* How many pages the sheet takes: its attached pages drawn on a scratch
 * PDF surface (the same metrics, nothing written). */
int paper_sheet_count_pages(sheet *s)
{
	if (!s->n_over)
		return 1;
	cairo_surface_t *scratch = cairo_pdf_surface_create_for_stream(NULL, NULL, PAPER_W, PAPER_H);
	cairo_t *cr = cairo_create(scratch), *real = s->cr;
	s->cr = cr;
	s->pages = 0;
	int n = paper_sheet_draw_attached(s, NULL);
	s->cr = real;
	cairo_destroy(cr);
	cairo_surface_finish(scratch);
	cairo_surface_destroy(scratch);
	return n;
}
