/* The paper's drawing surface: an A4 PDF streamed into a new file beside
 * the target (lf_safe_create: mode 0600, never through a link), synced and
 * renamed into place, so a reader never sees half a PDF and a failed print leaves the
 * old file as it was; and text through pango in the CJK font. */
#include "paper_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "laifang/date.h"
#include "laifang/i18n.h"

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int length)
{
	paper_doc *d = closure;
	while (length > 0) {
		ssize_t n = write(d->sf.fd, data, length);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			d->write_failed = true;
			d->write_errno = n < 0 ? errno : EIO;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		data += n;
		length -= (unsigned int)n;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* Pango's font map and fontconfig keep their caches until exit; release
 * them then, so a leak checker sees only our own memory. */
static void release_fonts(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
}

/* What is left is fontconfig's own: a block it allocates while parsing
 * its configuration and never frees (the same with FcFini). Builds with
 * the leak checker (make check's ASan pass) are told so here, by the
 * sanitizer's documented hook, rather than in every test runner. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

bool paper_begin(paper_doc *d, const char *path, char *err, size_t len)
{
	static bool registered;
	if (!registered) {
		registered = true;
		atexit(release_fonts);
	}
	memset(d, 0, sizeof *d);
	d->sf.fd = -1;
	d->path = path;
	if (!path || !path[0]) {
		snprintf(err, len, "%s", _("no output file given"));
		return false;
	}
	if (lf_safe_create(&d->sf, path) < 0) {
		snprintf(err, len, _("%s: cannot write: %s"), path, lf_safe_strerror(errno));
		return false;
	}
	d->surface = cairo_pdf_surface_create_for_stream(write_out, d, PAPER_W, PAPER_H);
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "laifang");
	d->cr = cairo_create(d->surface);
	if (cairo_status(d->cr) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, len, _("%s: cannot draw the PDF: %s"), path, cairo_status_to_string(cairo_status(d->cr)));
		paper_abort(d);
		return false;
	}
	return true;
}

void paper_abort(paper_doc *d)
{
	if (d->cr)
		cairo_destroy(d->cr);
	if (d->surface) {
		cairo_surface_finish(d->surface);
		cairo_surface_destroy(d->surface);
	}
	d->cr = NULL;
	d->surface = NULL;
	lf_safe_abort(&d->sf);
}

bool paper_end(paper_doc *d, char *err, size_t len)
{
	cairo_status_t cs = cairo_status(d->cr);
	cairo_destroy(d->cr);
	d->cr = NULL;
	cairo_surface_finish(d->surface);
	if (cs == CAIRO_STATUS_SUCCESS)
		cs = cairo_surface_status(d->surface);
	cairo_surface_destroy(d->surface);
	d->surface = NULL;
	bool ok = cs == CAIRO_STATUS_SUCCESS && !d->write_failed;
	if (!ok)
		snprintf(err, len, _("%s: cannot write: %s"), d->path,
		         d->write_failed ? strerror(d->write_errno) : cairo_status_to_string(cs));
	if (!ok) {
		lf_safe_abort(&d->sf);
		return false;
	}
	/* Synced, looked at again and renamed into place. */
	if (lf_safe_commit(&d->sf, d->path) != 0) {
		snprintf(err, len, _("%s: cannot write: %s"), d->path, lf_safe_strerror(errno));
		return false;
	}
	return true;
}

void paper_new_page(paper_doc *d)
{
	cairo_show_page(d->cr);
}

PangoLayout *paper_layout(cairo_t *cr, const char *text, double size, bool bold, double width,
                          paper_align align)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, PAPER_FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		/* Chinese breaks between any two characters; a long number or
		 * word without spaces breaks too rather than running out. */
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, align == PAPER_CENTER  ? PANGO_ALIGN_CENTER
	                              : align == PAPER_RIGHT ? PANGO_ALIGN_RIGHT
	                                                     : PANGO_ALIGN_LEFT);
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

double paper_layout_height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

double paper_layout_width(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

double paper_text(cairo_t *cr, double x, double y, const char *text, double size, bool bold, double width,
                  paper_align align)
{
	PangoLayout *l = paper_layout(cr, text, size, bold, width, align);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	double h = paper_layout_height(l);
	g_object_unref(l);
	return h;
}

/* The top and bottom (points, from the layout's top) and baseline of line i. */
static void line_range(PangoLayout *l, int i, double *top, double *bottom, double *baseline, double *x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	for (int k = 0; k < i && pango_layout_iter_next_line(it); k++)
		;
	int y0, y1;
	pango_layout_iter_get_line_yrange(it, &y0, &y1);
	PangoRectangle logical;
	pango_layout_iter_get_line_extents(it, NULL, &logical);
	*top = (double)y0 / PANGO_SCALE;
	*bottom = (double)y1 / PANGO_SCALE;
	*baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
	*x = (double)logical.x / PANGO_SCALE;
	pango_layout_iter_free(it);
}

int paper_lines_fit(PangoLayout *l, int from, double height)
{
	int n = pango_layout_get_line_count(l);
	if (from >= n)
		return 0;
	double top0, b, bl, x;
	line_range(l, from, &top0, &b, &bl, &x);
	int fit = 0;
	for (int i = from; i < n; i++) {
		double top, bottom;
		line_range(l, i, &top, &bottom, &bl, &x);
		if (bottom - top0 > height)
			break;
		fit++;
	}
	return fit;
}

double paper_lines(cairo_t *cr, PangoLayout *l, int from, int to, double x, double y)
{
	int n = pango_layout_get_line_count(l);
	if (to > n)
		to = n;
	if (from >= to)
		return 0;
	double top0, bottom = 0, bl, lx;
	line_range(l, from, &top0, &bottom, &bl, &lx);
	for (int i = from; i < to; i++) {
		double top;
		line_range(l, i, &top, &bottom, &bl, &lx);
		cairo_move_to(cr, x + lx, y + bl - top0);
		pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(l, i));
	}
	return bottom - top0;
}

void paper_date_cn(const char *iso, char *buf, size_t len)
{
	lf_date d;
	if (iso && strlen(iso) >= 10) {
		char day[LF_DATE_LEN];
		snprintf(day, sizeof day, "%.10s", iso);
		if (lf_date_parse(day, &d)) {
			snprintf(buf, len, "%d年%d月%d日", d.y, d.m, d.d);
			return;
		}
	}
	snprintf(buf, len, "%s", iso ? iso : "");
}
