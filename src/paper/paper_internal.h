/* What the paper files share: an A4 PDF written to a temporary file and
 * renamed into place, and text drawn with pango. Private to the paper
 * module (src/forms/paper_*.c until src/paper/ is in the Makefile). */
#ifndef LAIFANG_PAPER_INTERNAL_H
#define LAIFANG_PAPER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "laifang/doc_number.h"
#include "laifang/paper.h"
#include "laifang/safe_file.h"

/* A4 portrait in points, and the margins. */
#define PAPER_W 595.276
#define PAPER_H 841.890
#define PAPER_MARGIN 56.0 /* about 20 mm */
/* Official typography (issue 15): the body in a Song face (Noto Serif CJK
 * SC), titles and bold text in a Hei face (Noto Sans CJK SC Bold), each
 * followed by faces covering CJK Extension A and B (HanaMinA, HanaMinB:
 * 䶮, 𠮷) and the font the office had before; fontconfig falls back to any
 * other installed font after these. tools/deps.sh installs them. */
#define PAPER_FONT "Noto Serif CJK SC, HanaMinA, HanaMinB, WenQuanYi Micro Hei"
#define PAPER_FONT_TITLE "Noto Sans CJK SC, HanaMinA, HanaMinB, WenQuanYi Micro Hei"

typedef struct paper_doc {
	cairo_surface_t *surface;
	cairo_t *cr;
	lf_safe_file sf; /* the new file beside path (safe_file.h) */
	const char *path;
	bool write_failed;
	int write_errno;
	const char *footer; /* a line at the foot of every page, or NULL */
	unsigned missing;   /* the first character no installed font has, 0 when none */
} paper_doc;

/* Start a document that will become path: a new file beside it (mode
 * 0600, lf_safe_create: a link planted at path is refused). False with err
 * set. */
bool paper_begin(paper_doc *d, const char *path, char *err, size_t len);
/* Finish: the PDF flushed and synced, then renamed over path. False with
 * err set (and nothing left behind); also when a text drawn had a
 * character no installed font has (never a box on paper): err names it. */
bool paper_end(paper_doc *d, char *err, size_t len);
/* Give up: the temporary file removed. */
void paper_abort(paper_doc *d);
/* The next page. */
void paper_new_page(paper_doc *d);

/* The sheet of a case (c NULL: blank) with a footer line on every page
 * (NULL: none); lf_paper_sheet_pdf is this without one. */
struct lf_office_info;
bool paper_sheet_pdf(const lf_form_def *form, const lf_case *c, const struct lf_office_info *office,
                     const char *footer, const char *path, char *err, size_t len);

/* The head of a form's first page: the annex label top left (附件3, when
 * the office prints them), the case number top right (no: NULL none, ""
 * a blank to write on), the office's name, the title, and the document the
 * form belongs to; returns where the content starts. office NULL: the title
 * alone. */
double paper_form_head(cairo_t *cr, const struct lf_office_info *office, const char *annex, const char *no,
                       const char *title);

/* The audit log's head as a footer line for paper that is kept (an archived
 * case's sheet, a reception-day log): the office can later compare it with
 * `laifang check --expect`. "" when the head cannot be read. */
void paper_head_line(lf_store *st, char *buf, size_t len);

typedef enum { PAPER_LEFT, PAPER_CENTER, PAPER_RIGHT } paper_align;

/* A layout of text in the font at size points (bold or not), wrapped to
 * width points (<= 0: one line per paragraph, no wrapping). Unref it. */
PangoLayout *paper_layout(cairo_t *cr, const char *text, double size, bool bold, double width,
                          paper_align align);
/* Draw text with its top left at x, y; returns its height. */
double paper_text(cairo_t *cr, double x, double y, const char *text, double size, bool bold, double width,
                  paper_align align);
/* Height and width of a layout in points. */
double paper_layout_height(PangoLayout *l);
double paper_layout_width(PangoLayout *l);
/* Draw a layout's lines [from, to) with the top of line from at x, y;
 * returns the height drawn. */
double paper_lines(cairo_t *cr, PangoLayout *l, int from, int to, double x, double y);
/* How many of a layout's lines, from line from, fit in height points. */
int paper_lines_fit(PangoLayout *l, int from, double height);

/* The layout of text's first piece (a few thousand bytes, ended at a line
 * break; the whole text when short), left-aligned and wrapped to width;
 * *laid gets the bytes it holds. For a box that shows only a text's first
 * lines: Pango's time grows with the square of a text's paragraphs. */
PangoLayout *paper_layout_head(cairo_t *cr, const char *text, double size, double width, size_t *laid);

/* A long text drawn over pages a piece at a time (time linear in its
 * length): start, then on each page draw what fits until done. */
typedef struct paper_flow {
	cairo_t *cr;
	const char *text;
	size_t len, at; /* bytes of text, and where the next piece starts */
	double size, width;
	PangoLayout *l; /* the current piece */
	int line, n;    /* its next line to draw, its lines */
	bool started;
} paper_flow;

void paper_flow_start(paper_flow *f, cairo_t *cr, const char *text, double size, double width);
/* True when every line has been drawn. */
bool paper_flow_done(paper_flow *f);
/* Draw the lines that fit in height at x, y (at least one); the height used. */
double paper_flow_draw(paper_flow *f, double x, double y, double height);
void paper_flow_end(paper_flow *f);

/* "2026-11-23" → "2026 年 11 月 23 日" (the text itself when not a date). */
void paper_date_cn(const char *iso, char *buf, size_t len);

/* A QR code of text (UTF-8, 8-bit mode, error correction level M) as a
 * square of size points with its top left at x, y, its quiet zone of four
 * modules inside (paper_qr.c, libqrencode). False when text cannot be
 * encoded (too long) or is empty: nothing drawn. */
bool paper_draw_qr(cairo_t *cr, double x, double y, double size, const char *text);

/* A photo (JPEG or PNG bytes, told by their first bytes) that can be
 * drawn: its size readable and within bounds (paper_image.c). */
bool paper_image_fits(const unsigned char *data, size_t len);
/* Its size in pixels; false when it cannot be drawn. */
bool paper_image_size(const unsigned char *data, size_t len, double *w, double *h);
/* Draw it scaled to fit the box x, y, w, h, keeping its aspect ratio,
 * centred; false (nothing drawn) when it cannot be. A JPEG is embedded as
 * it is (DCTDecode), a PNG decoded. */
bool paper_draw_image(cairo_t *cr, const unsigned char *data, size_t len, double x, double y, double w, double h);

/* Issue 13: what a review (复查意见书) or re-review (复核意见书) decision
 * prints besides the decision itself (paper_review.c): the latest request
 * (its day, its text, the day the visitor says they received the decision
 * it is about), that decision (the reply or the review opinion: its title,
 * 文号 when printed, day and text). Dates YYYY-MM-DD, "" when unknown. */
typedef struct paper_review {
	char request_on[11], prior_on[11], prior_received[11];
	char prior_doc_no[LF_DOC_NUMBER_MAX];
	const char *prior_title;
	char *prior_text, *request_text; /* malloc'd or NULL */
	/* A review of a lower office's answer (from-lower): its office and
	 * case number (malloc'd or NULL); prior_text is then its answer. */
	char *origin_office, *origin_case_no;
} paper_review;
lf_store_err paper_review_facts(lf_store *st, const char *case_id, bool rereview, paper_review *out);
void paper_review_free(paper_review *r);

/* Issue 13: the evaluation form of case c, opened for actor (paper_evaluation.c):
 * refused (LF_STORE_INVALID, msg saying so) before the answer is given. */
lf_store_err paper_print_evaluation(lf_store *st, const lf_user *actor, const lf_case *c, const char *path, char *msg,
                                    size_t len);

#endif
