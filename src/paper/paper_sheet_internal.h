/* The registration sheet on paper: what paper_sheet.c (the table) and
 * paper_sheet_pages.c (the attached pages) share. */
#ifndef LAIFANG_PAPER_SHEET_INTERNAL_H
#define LAIFANG_PAPER_SHEET_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "laifang/form.h"
#include "laifang/paper.h"
#include "laifang/settings.h"
#include "paper_internal.h"

#define SIZE_TITLE 22.0
#define SIZE_TEXT 11.0
#define SIZE_SMALL 9.0
#define PAD 6.0
#define ROW_MIN 30.0
#define GROUP_MIN 64.0
#define RULE_GAP 22.0        /* the ruled lines of the blank sheet's boxes */
#define BLANK_GROUP 140.0    /* a group's box on the blank sheet: room to write by hand */
#define FLEX_MIN 120.0
#define LABEL_MAX 112.0      /* the label column, wrapped beyond */
#define SIGN_GAP "　　　　　　　　" /* a blank signature or date on the blank sheet */

typedef struct row {
	size_t first, n;   /* fields [first, first + n) */
	const char *group; /* the group's label, or NULL */
	bool flex;         /* a long text outside a group: takes the rest of the page */
	double height;
} row;

typedef struct overflow {
	const char *label;
	const char *rest; /* the text from the first line not printed in the table */
} overflow;

typedef struct sheet {
	cairo_t *cr;
	const lf_form_def *form;
	const lf_case *c;
	row *rows;
	size_t n_rows;
	double x0, x1, label_w;
	overflow *over;
	size_t n_over;
	size_t table_from; /* 1 when the first row is the line above the table */
	char *instructions, *reports; /* the signed entries written out, or NULL */
	char *content_plus;           /* 信访内容 with the group visit and phones (issue 12), or NULL */
	const lf_office_info *office; /* NULL: no office head (lf_paper_sheet_pdf) */
	int pages;                    /* pages in all, once counted */
} sheet;

/* paper_sheet.c: a cell's frame. */
void paper_sheet_cell_rect(cairo_t *cr, double x, double y, double w, double h);

/* paper_sheet_pages.c: note a text's rest for the attached pages; the page
 * number at a page's foot (sheets of several pages); draw the attached pages
 * into doc (NULL: only count them) and return the pages in all; count them
 * on a scratch surface. */
void paper_sheet_add_overflow(sheet *s, const char *label, const char *rest);
void paper_sheet_page_foot(sheet *s, int page);
int paper_sheet_draw_attached(sheet *s, paper_doc *doc);
int paper_sheet_count_pages(sheet *s);

#endif
