/* What kind of picture a file's bytes hold, told by the bytes themselves
 * (the magic numbers), never by the name: JPEG (FF D8 FF) or PNG (the
 * eight-byte signature), with the width and height the picture declares
 * (JPEG: its frame header, SOFn; PNG: IHDR). For the reception-day log's
 * photos (issue 15): only these two are printed, only these two are taken
 * by `laifang reception photo add`. Core module: bytes in, no I/O. */
#ifndef LAIFANG_IMAGE_INFO_H
#define LAIFANG_IMAGE_INFO_H

#include <stdbool.h>
#include <stddef.h>

typedef enum lf_image_kind { LF_IMAGE_NONE, LF_IMAGE_JPEG, LF_IMAGE_PNG } lf_image_kind;

/* The largest picture laifang draws, in pixels (width times height): a
 * 60-megapixel photo; a larger one is listed by name, not decoded. */
#define LF_IMAGE_MAX_PIXELS (60LL * 1000 * 1000)

typedef struct lf_image_info {
	lf_image_kind kind;
	int width, height;
	int components; /* JPEG: 1 grey, 3 colour, 4 CMYK; PNG: 0 */
	/* How a JPEG's pixels are to be turned to stand as taken (EXIF tag
	 * 0x0112: 1 as stored, 3 turned 180°, 6 turned 90° clockwise, 8 90°
	 * anticlockwise, 2 4 5 7 the same mirrored); 1 when it says nothing.
	 * 5 to 8 swap width and height on paper. */
	int orientation;
} lf_image_info;

/* The kind by the first bytes alone (at least 8 wanted; fewer: NONE). */
lf_image_kind lf_image_magic(const unsigned char *b, size_t n);

/* The kind and size of the picture in b[0..n): true when it is a JPEG or
 * a PNG whose size could be read and is within LF_IMAGE_MAX_PIXELS. */
bool lf_image_info_of(const unsigned char *b, size_t n, lf_image_info *out);

#endif
