/* What the reception-day log's paper tests and its photo tests share
 * (test_log_paper.c, test_log_photos.c): a handler's office of
 * reception_fixture.h, files in its folder, pictures made by cairo (a PNG)
 * and pdftoppm (a JPEG), an EXIF orientation written into a JPEG. */
#ifndef LAIFANG_TEST_LOG_PAPER_FIXTURE_H
#define LAIFANG_TEST_LOG_PAPER_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>

#include "laifang/audit.h"
#include "laifang/auth.h"
#include "laifang/image_info.h"
#include "laifang/paper.h"
#include "laifang/reception.h"
#include "laifang/store.h"
#include "laifang/store_people.h"
#include "laifang/store_reception.h"
#include "pdf_text.h"
#include "test_clock.h"

#include "reception_fixture.h"

#define HAS(text, s) \
	do { \
		if (!strstr(text, s)) \
			fail_msg("expected \"%s\" in: %s", s, text); \
	} while (0)
#define LACKS(text, s) \
	do { \
		if (strstr(text, s)) \
			fail_msg("did not expect \"%s\" in: %s", s, text); \
	} while (0)

static int setup(void **state)
{
	return fx_setup(state, "/tmp/laifang-lp-XXXXXX", "handler", "陈办理", NULL, LF_ROLE_HANDLER);
}

static int teardown(void **state)
{
	return fx_teardown(state);
}

static inline void path_of(const fx *t, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", t->dir, name);
}

/* A PNG of w x h pixels in one colour. */
static inline void make_png(const char *path, int w, int h, double r, double g, double b)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, r, g, b);
	cairo_paint(cr);
	cairo_destroy(cr);
	assert_int_equal(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
}

/* A JPEG of w x h pixels: a page of w x h points with a coloured band,
 * rendered at 72 dpi by pdftoppm. */
static inline void make_jpeg(const fx *t, const char *name, int w, int h, double r, double g, double b)
{
	char pdf[256], base[256], cmd[700];
	snprintf(pdf, sizeof pdf, "%s/src-%s.pdf", t->dir, name);
	snprintf(base, sizeof base, "%s/%s", t->dir, name);
	cairo_surface_t *s = cairo_pdf_surface_create(pdf, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, r, g, b);
	cairo_rectangle(cr, w * 0.1, h * 0.1, w * 0.8, h * 0.8);
	cairo_fill(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	snprintf(cmd, sizeof cmd, "pdftoppm -jpeg -r 72 -singlefile '%s' '%s'", pdf, base);
	assert_int_equal(system(cmd), 0);
	/* pdftoppm names it BASE.jpg: keep that name. */
}

static inline unsigned char *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	unsigned char *buf = malloc(1 << 22);
	*n = fread(buf, 1, 1 << 22, f);
	fclose(f);
	return buf;
}

/* Give a JPEG file an EXIF orientation: an APP1 segment (big-endian TIFF,
 * IFD0 holding only tag 0x0112) right after its SOI marker. */
static inline void set_orientation(const char *path, int o)
{
	size_t n;
	unsigned char *b = read_all(path, &n);
	const unsigned char app1[] = {0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 0x2a, 0, 0, 0,
	                              8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (unsigned char)o, 0, 0, 0, 0, 0, 0};
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, 2, f), 2);
	assert_int_equal(fwrite(app1, 1, sizeof app1, f), sizeof app1);
	assert_int_equal(fwrite(b + 2, 1, n - 2, f), n - 2);
	fclose(f);
	free(b);
}

static inline lf_slot_rec slot_23(void)
{
	lf_slot_rec r;
	memset(&r, 0, sizeof r);
	r.slot.date = (lf_date){2026, 11, 23};
	r.slot.start = 9 * 60 + 30;
	r.slot.end = 11 * 60 + 30;
	snprintf(r.slot.leader.name, sizeof r.slot.leader.name, "李明");
	snprintf(r.slot.leader.title, sizeof r.slot.leader.title, "副局长");
	snprintf(r.slot.department, sizeof r.slot.department, "办公室");
	snprintf(r.slot.location, sizeof r.slot.location, "信访接待室");
	return r;
}

static inline void schedule_23(fx *t)
{
	char msg[512];
	lf_slot_rec r = slot_23();
	if (lf_schedule_store_add(t->st, &t->admin, &r, 1, msg, sizeof msg) != LF_STORE_OK)
		fail_msg("slot: %s", msg);
}

#endif
