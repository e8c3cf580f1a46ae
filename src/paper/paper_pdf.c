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

/* Pango's font map keeps its fonts until exit; release it then, so a leak
 * checker sees only our own memory. cairo's own caches stay reachable from
 * its statics (not leaks): cairo_debug_reset_static_data() would free them
 * but asserts when any cairo object is still alive at exit, which aborted
 * an otherwise finished print now and then. */
static void release_fonts(void)
{
	pango_cairo_font_map_set_default(NULL);
}

/* What is left is fontconfig's own: a block it allocates while parsing
 * its configuration and never frees (the same with FcFini); and cairo
 * 1.16's CFF subsetter, which loses a few hundred bytes each time it embeds
 * a CFF font (Noto CJK) as the PDF is finished — seen with a ten-line
 * program that draws one word, so not ours (cairo has no frame pointers:
 * the leak's stack stops inside libcairo, so only the library can be
 * named; a cairo object of ours left alive is still found by make
 * valgrind, whose suppression names cairo_surface_finish). Builds with the leak checker
 * (make check's ASan pass) are told so here, by the sanitizer's documented
 * hook, rather than in every test runner. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libcairo.so\n";
}

/* Where paper_layout notes a character no font has: the document's
 * missing slot, kept on its cairo context. */
static const cairo_user_data_key_t missing_key;

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
	cairo_set_user_data(d->cr, &missing_key, &d->missing, NULL);
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

/* The footer line, small, under the bottom margin of the page being drawn. */
static void draw_footer(paper_doc *d)
{
	if (!d->footer || !d->footer[0])
		return;
	cairo_save(d->cr);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	paper_text(d->cr, PAPER_MARGIN, PAPER_H - PAPER_MARGIN + 14, d->footer, 7, false, PAPER_W - 2 * PAPER_MARGIN,
	           PAPER_LEFT);
	cairo_restore(d->cr);
}

bool paper_end(paper_doc *d, char *err, size_t len)
{
	if (d->missing) {
		/* A box on paper would be read as a word: refuse and say which. */
		char ch[8] = "";
		ch[g_unichar_to_utf8((gunichar)d->missing, ch)] = '\0';
		snprintf(err, len,
		         _("cannot print: no installed font has the character \"%s\" (U+%04X); correct the text, or install a "
		           "font that has it (tools/deps.sh installs fonts-noto-cjk and fonts-hanazono)"),
		         ch, d->missing);
		paper_abort(d);
		return false;
	}
	draw_footer(d);
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
	draw_footer(d);
	cairo_show_page(d->cr);
}

/* The first character of a layout that no font has: pango draws it as a
 * box, its glyph the character ORed with PANGO_GLYPH_UNKNOWN_FLAG. */
static unsigned first_unknown(PangoLayout *l)
{
	unsigned cp = 0;
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		for (int i = 0; run && !cp && i < run->glyphs->num_glyphs; i++)
			if (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
				cp = run->glyphs->glyphs[i].glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
	} while (!cp && pango_layout_iter_next_run(it));
	pango_layout_iter_free(it);
	return cp ? cp : 0xFFFD;
}

PangoLayout *paper_layout(cairo_t *cr, const char *text, double size, bool bold, double width,
                          paper_align align)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, bold ? PAPER_FONT_TITLE : PAPER_FONT);
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
	unsigned *missing = cairo_get_user_data(cr, &missing_key);
	if (missing && !*missing && pango_layout_get_unknown_glyphs_count(l) > 0)
		*missing = first_unknown(l);
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

/* Where each line of a layout sits: measured once per layout with one
 * iterator and kept on the layout, so that drawing a long text page by
 * page costs time linear in its lines (walking from line 0 for every line
 * made 10,000 short lines take 20 seconds). */
typedef struct line_box {
	double top, bottom, baseline, x; /* points, from the layout's top */
	PangoLayoutLine *line;
} line_box;

typedef struct line_boxes {
	int n;
	line_box v[];
} line_boxes;

#define LINE_BOXES_KEY "laifang-line-boxes"

static const line_boxes *boxes_of(PangoLayout *l)
{
	line_boxes *b = g_object_get_data(G_OBJECT(l), LINE_BOXES_KEY);
	if (b)
		return b;
	int n = pango_layout_get_line_count(l);
	b = malloc(sizeof *b + (size_t)(n > 0 ? n : 0) * sizeof b->v[0]);
	if (!b)
		return NULL;
	b->n = 0;
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		if (b->n >= n)
			break;
		int y0, y1;
		PangoRectangle logical;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		b->v[b->n++] = (line_box){(double)y0 / PANGO_SCALE, (double)y1 / PANGO_SCALE,
		                          (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE,
		                          (double)logical.x / PANGO_SCALE, pango_layout_iter_get_line_readonly(it)};
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_set_data_full(G_OBJECT(l), LINE_BOXES_KEY, b, free);
	return b;
}

int paper_lines_fit(PangoLayout *l, int from, double height)
{
	const line_boxes *b = boxes_of(l);
	if (!b || from < 0 || from >= b->n)
		return 0;
	double top0 = b->v[from].top;
	int fit = 0;
	for (int i = from; i < b->n && b->v[i].bottom - top0 <= height; i++)
		fit++;
	return fit;
}

double paper_lines(cairo_t *cr, PangoLayout *l, int from, int to, double x, double y)
{
	const line_boxes *b = boxes_of(l);
	if (!b)
		return 0;
	if (to > b->n)
		to = b->n;
	if (from < 0 || from >= to)
		return 0;
	double top0 = b->v[from].top;
	for (int i = from; i < to; i++) {
		cairo_move_to(cr, x + b->v[i].x, y + b->v[i].baseline - top0);
		pango_cairo_show_layout_line(cr, b->v[i].line);
	}
	return b->v[to - 1].bottom - top0;
}

/* Where a piece of text to lay out ends: at the first line break past
 * PAPER_PIECE bytes (the break itself not included), else the whole text.
 * Pango lays out a text of many paragraphs in time quadratic in them, so a
 * long text is laid out a piece at a time. */
#define PAPER_PIECE 4096

static size_t piece_len(const char *text, size_t len)
{
	if (len <= PAPER_PIECE)
		return len;
	const char *nl = memchr(text + PAPER_PIECE, '\n', len - PAPER_PIECE);
	/* A break that ends the text stays in: its empty last line is drawn. */
	return nl && (size_t)(nl - text) + 1 < len ? (size_t)(nl - text) : len;
}

PangoLayout *paper_layout_head(cairo_t *cr, const char *text, double size, double width, size_t *laid)
{
	size_t len = strlen(text), n = piece_len(text, len);
	char *piece = n < len ? strndup(text, n) : NULL;
	PangoLayout *l = paper_layout(cr, piece ? piece : text, size, false, width, PAPER_LEFT);
	free(piece);
	*laid = piece || n == len ? n : len;
	return l;
}

void paper_flow_start(paper_flow *f, cairo_t *cr, const char *text, double size, double width)
{
	*f = (paper_flow){.cr = cr, .text = text ? text : "", .size = size, .width = width};
	f->len = strlen(f->text);
}

/* The current piece with a line still to draw; false when all is drawn. */
static bool flow_load(paper_flow *f)
{
	while (!f->l || f->line >= f->n) {
		if (f->l) {
			g_object_unref(f->l);
			f->l = NULL;
		}
		if (f->started && f->at >= f->len)
			return false;
		f->started = true;
		size_t laid;
		f->l = paper_layout_head(f->cr, f->text + f->at, f->size, f->width, &laid);
		f->at += laid;
		if (f->at < f->len && f->text[f->at] == '\n')
			f->at++; /* the break between two pieces */
		f->n = pango_layout_get_line_count(f->l);
		f->line = 0;
	}
	return true;
}

bool paper_flow_done(paper_flow *f)
{
	return !flow_load(f);
}

double paper_flow_draw(paper_flow *f, double x, double y, double height)
{
	double used = 0;
	while (flow_load(f)) {
		int fit = paper_lines_fit(f->l, f->line, height - used);
		if (fit < 1) {
			if (used > 0)
				break;
			fit = 1; /* a line taller than the page still goes somewhere */
		}
		used += paper_lines(f->cr, f->l, f->line, f->line + fit, x, y + used);
		f->line += fit;
	}
	return used;
}

void paper_flow_end(paper_flow *f)
{
	if (f->l)
		g_object_unref(f->l);
	f->l = NULL;
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
