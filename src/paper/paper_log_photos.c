/* The reception-day log's photos (接访照片, issue 15): the first
 * LF_PAPER_LOG_PHOTOS side by side in the box, each scaled to fit keeping
 * its aspect ratio and captioned with its file name; the others on attached
 * pages, LF_PAPER_LOG_PHOTOS_PAGE a page, each page headed with the day
 * and 第 x 页 共 y 页. Files that are not photos (videos, 视频另附) are
 * listed by name under them. The blank log leaves the box empty for photos
 * pasted on paper. */
#include <stdio.h>
#include <string.h>

#include "laifang/reception.h"
#include "paper_log_internal.h"

#define CAPTION (LOG_SIZE_SMALL * 1.6)
#define PAGE_COLS 2
#define PAGE_ROWS 3

static size_t in_box(const log_sheet *s)
{
	return s->v->n_images < LF_PAPER_LOG_PHOTOS ? s->v->n_images : LF_PAPER_LOG_PHOTOS;
}

static double text_h(log_sheet *s, const char *text, double w)
{
	if (!text || !text[0])
		return 0;
	PangoLayout *l = paper_layout(s->cr, text, LOG_SIZE_TEXT, false, w, PAPER_LEFT);
	double h = paper_layout_height(l);
	g_object_unref(l);
	return h;
}

double log_photos_height(log_sheet *s, const log_row *r, double w)
{
	if (s->v->blank)
		return LOG_PHOTO_H + 2 * LOG_PAD;
	double h = 2 * LOG_PAD + LOG_PHOTO_H + CAPTION;
	if (s->v->n_images > LF_PAPER_LOG_PHOTOS)
		h += CAPTION + 4;
	if (r->text && r->text[0])
		h += text_h(s, r->text, w) + 4;
	return h;
}

/* One photo in its cell with its name under it; a photo that cannot be
 * drawn is a frame saying so (its name still under it). */
static void cell(log_sheet *s, const lf_paper_photo *p, double x, double y, double w, double h)
{
	cairo_t *cr = s->cr;
	double ih = h - CAPTION, pw, ph;
	/* The photo and its name together, centred in the cell. */
	if (p->data && paper_image_size(p->data, p->len, &pw, &ph)) {
		double k = w / pw < ih / ph ? w / pw : ih / ph;
		y += (ih - ph * k) / 2;
		ih = ph * k;
	}
	if (!p->data || !paper_draw_image(cr, p->data, p->len, x, y, w, ih)) {
		cairo_save(cr);
		cairo_set_line_width(cr, 0.4);
		cairo_rectangle(cr, x, y, w, ih);
		cairo_stroke(cr);
		cairo_restore(cr);
		paper_text(cr, x, y + ih / 2 - LOG_SIZE_SMALL, "（照片无法显示）", LOG_SIZE_SMALL, false, w, PAPER_CENTER);
	}
	PangoLayout *l = paper_layout(cr, p->name ? p->name : "", LOG_SIZE_SMALL, false, w, PAPER_CENTER);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_MIDDLE);
	cairo_move_to(cr, x, y + ih + 2);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

void log_photos_draw(log_sheet *s, const log_row *r, double x, double y, double w)
{
	if (s->v->blank)
		return;
	size_t n = in_box(s);
	double cw = (w - LOG_PAD * (LF_PAPER_LOG_PHOTOS + 1)) / LF_PAPER_LOG_PHOTOS;
	for (size_t i = 0; i < n; i++)
		cell(s, &s->v->images[i], x + LOG_PAD + (double)i * (cw + LOG_PAD), y + LOG_PAD, cw,
		     LOG_PHOTO_H + CAPTION);
	double at = y + LOG_PAD + LOG_PHOTO_H + CAPTION + 4;
	if (s->v->n_images > n) {
		char more[128];
		snprintf(more, sizeof more, "其余 %zu 张照片见附页", s->v->n_images - n);
		paper_text(s->cr, x + LOG_PAD, at, more, LOG_SIZE_SMALL, false, w - 2 * LOG_PAD, PAPER_RIGHT);
		at += CAPTION;
	}
	if (r->text && r->text[0])
		paper_text(s->cr, x + LOG_PAD, at + 4, r->text, LOG_SIZE_TEXT, false, w - 2 * LOG_PAD, PAPER_LEFT);
}

int log_photo_pages(const log_sheet *s)
{
	if (s->v->blank || s->v->n_images <= LF_PAPER_LOG_PHOTOS)
		return 0;
	size_t rest = s->v->n_images - LF_PAPER_LOG_PHOTOS;
	return (int)((rest + LF_PAPER_LOG_PHOTOS_PAGE - 1) / LF_PAPER_LOG_PHOTOS_PAGE);
}

void log_photos_attached(log_sheet *s, paper_doc *doc)
{
	int pages = log_photo_pages(s);
	double x0 = PAPER_MARGIN, w = PAPER_W - 2 * PAPER_MARGIN, bottom = PAPER_H - PAPER_MARGIN;
	size_t next = LF_PAPER_LOG_PHOTOS;
	for (int p = 0; p < pages; p++) {
		s->page++;
		paper_new_page(doc);
		double y = log_attached_head(s);
		y += paper_text(s->cr, x0, y, "接访照片（续）", LOG_SIZE_TEXT, true, w, PAPER_LEFT) + 6;
		double cw = (w - LOG_PAD * (PAGE_COLS + 1)) / PAGE_COLS;
		double ch = (bottom - y - LOG_PAD * (PAGE_ROWS + 1)) / PAGE_ROWS;
		cairo_rectangle(s->cr, x0, y, w, bottom - y);
		cairo_stroke(s->cr);
		for (int k = 0; k < PAGE_ROWS * PAGE_COLS && next < s->v->n_images; k++, next++)
			cell(s, &s->v->images[next], x0 + LOG_PAD + (k % PAGE_COLS) * (cw + LOG_PAD),
			     y + LOG_PAD + (k / PAGE_COLS) * (ch + LOG_PAD), cw, ch);
	}
}
