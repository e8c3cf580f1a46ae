/* A photo on paper: a JPEG goes into the PDF as it is (cairo embeds the
 * bytes attached as CAIRO_MIME_TYPE_JPEG with the DCTDecode filter, never
 * decoding them); a PNG is decoded by cairo's own PNG reader. Either is
 * scaled to fit its box, keeping its aspect ratio, centred. */
#include "paper_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/image_info.h"

/* A PNG decoded is 4 bytes a pixel: a smaller bound than a JPEG's, which
 * is never decoded here. */
#define PNG_MAX_PIXELS (16LL * 1000 * 1000)

typedef struct mem_reader {
	const unsigned char *data;
	size_t len, at;
} mem_reader;

static cairo_status_t read_mem(void *closure, unsigned char *out, unsigned int n)
{
	mem_reader *r = closure;
	if (r->len - r->at < n)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, r->data + r->at, n);
	r->at += n;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *jpeg_surface(const unsigned char *data, size_t len, const lf_image_info *info)
{
	/* The pixels are never drawn into: the PDF takes the JPEG's own bytes.
	 * The surface only carries its size (its memory is not touched). */
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, info->width, info->height);
	unsigned char *copy = malloc(len);
	if (!copy || cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		free(copy);
		cairo_surface_destroy(s);
		return NULL;
	}
	memcpy(copy, data, len);
	if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, copy, len, free, copy) != CAIRO_STATUS_SUCCESS) {
		free(copy);
		cairo_surface_destroy(s);
		return NULL;
	}
	return s;
}

bool paper_image_fits(const unsigned char *data, size_t len)
{
	lf_image_info info;
	if (!lf_image_info_of(data, len, &info))
		return false;
	/* PDF's DCTDecode takes grey, RGB and CMYK JPEGs. */
	if (info.kind == LF_IMAGE_JPEG)
		return info.components == 1 || info.components == 3 || info.components == 4;
	return (long long)info.width * info.height <= PNG_MAX_PIXELS;
}

bool paper_image_size(const unsigned char *data, size_t len, double *w, double *h)
{
	lf_image_info info;
	if (!paper_image_fits(data, len) || !lf_image_info_of(data, len, &info))
		return false;
	bool turned = info.orientation >= 5; /* 5 to 8: a quarter turn */
	*w = turned ? info.height : info.width;
	*h = turned ? info.width : info.height;
	return true;
}

/* Image pixels (x, y) onto the box at bx, by of dw x dh points that the
 * picture fills as it stands (EXIF orientation o), k points a pixel. */
static void orient(cairo_matrix_t *m, int o, double k, double bx, double by, double dw, double dh)
{
	switch (o) {
	case 2: cairo_matrix_init(m, -k, 0, 0, k, bx + dw, by); break;        /* mirrored */
	case 3: cairo_matrix_init(m, -k, 0, 0, -k, bx + dw, by + dh); break;  /* 180° */
	case 4: cairo_matrix_init(m, k, 0, 0, -k, bx, by + dh); break;        /* mirrored upside down */
	case 5: cairo_matrix_init(m, 0, k, k, 0, bx, by); break;              /* transposed */
	case 6: cairo_matrix_init(m, 0, k, -k, 0, bx + dw, by); break;        /* 90° clockwise */
	case 7: cairo_matrix_init(m, 0, -k, -k, 0, bx + dw, by + dh); break;  /* transversed */
	case 8: cairo_matrix_init(m, 0, -k, k, 0, bx, by + dh); break;        /* 90° anticlockwise */
	default: cairo_matrix_init(m, k, 0, 0, k, bx, by); break;
	}
}

bool paper_draw_image(cairo_t *cr, const unsigned char *data, size_t len, double x, double y, double w, double h)
{
	lf_image_info info;
	if (!paper_image_fits(data, len) || !lf_image_info_of(data, len, &info) || w <= 0 || h <= 0)
		return false;
	cairo_surface_t *s;
	if (info.kind == LF_IMAGE_JPEG)
		s = jpeg_surface(data, len, &info);
	else {
		mem_reader r = {data, len, 0};
		s = cairo_image_surface_create_from_png_stream(read_mem, &r);
	}
	if (!s)
		return false;
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return false;
	}
	double iw = cairo_image_surface_get_width(s), ih = cairo_image_surface_get_height(s);
	int o = info.kind == LF_IMAGE_JPEG ? info.orientation : 1;
	double sw = o >= 5 ? ih : iw, sh = o >= 5 ? iw : ih; /* as it stands */
	double k = w / sw < h / sh ? w / sw : h / sh;
	double dw = sw * k, dh = sh * k;
	cairo_matrix_t m;
	orient(&m, o, k, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh);
	cairo_save(cr);
	cairo_transform(cr, &m);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_rectangle(cr, 0, 0, iw, ih);
	cairo_fill(cr);
	cairo_restore(cr);
	cairo_surface_destroy(s);
	return true;
}
