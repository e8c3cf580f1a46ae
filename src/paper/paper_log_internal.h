/* What the reception-day log's paper files share (paper_log.c draws the
 * form, paper_log_photos.c the photos, paper_log_print.c prints for a
 * person). Private to the paper module. */
#ifndef LAIFANG_PAPER_LOG_INTERNAL_H
#define LAIFANG_PAPER_LOG_INTERNAL_H

#include "laifang/form.h"
#include "laifang/paper.h"
#include "paper_internal.h"

#define LOG_SIZE_TITLE 22.0
#define LOG_SIZE_TEXT 11.0
#define LOG_SIZE_SMALL 9.0
#define LOG_PAD 6.0
#define LOG_LABEL_W 96.0
#define LOG_PHOTO_H 150.0 /* a photo's height in the box of the first page */

typedef struct log_row {
	size_t first, n;   /* fields [first, first + n) of the form */
	const char *label; /* the group's label or the field's */
	const char *note;  /* under the label: （可附页）, （视频另附）, （签名） */
	bool flex;         /* takes the rest of the page */
	bool photos;       /* the 接访照片 box */
	bool lines;        /* blank: ruled lines to write on */
	char *text;        /* the box's text (malloc'd) */
	char *sign;        /* its signature line, or NULL (malloc'd) */
	double height;
} log_row;

typedef struct log_sheet {
	cairo_t *cr;
	const lf_form_def *form;
	const lf_paper_log *v;
	log_row rows[16];
	size_t n_rows;
	size_t header_end; /* fields [0, header_end) are the lines above the table */
	struct {
		const char *label, *rest;
	} over[16];
	size_t n_over;
	int pages, page; /* pages in all (once counted), the one being drawn */
} log_sheet;

/* An attached page's head: the form's title with （附页）, the day, 第 x 页
 * 共 y 页 (s->page, s->pages); returns where its content starts. */
double log_attached_head(log_sheet *s);

/* paper_log_photos.c: the 接访照片 box's height for its photos and text
 * (width w of its value column); its photos drawn in the box at x, y; the
 * attached pages of the photos past the first LF_PAPER_LOG_PHOTOS (doc
 * NULL: only counted), continuing s->page; their number. */
double log_photos_height(log_sheet *s, const log_row *r, double w);
void log_photos_draw(log_sheet *s, const log_row *r, double x, double y, double w);
int log_photo_pages(const log_sheet *s);
void log_photos_attached(log_sheet *s, paper_doc *doc);

#endif
