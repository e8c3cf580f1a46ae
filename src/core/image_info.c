/* A picture's kind and size from its bytes (image_info.h). The JPEG walk
 * follows the marker segments (ITU T.81, B.1.1.4) to the first frame
 * header; every length is checked against the bytes there are. */
#include "laifang/image_info.h"

#include <string.h>

static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

lf_image_kind lf_image_magic(const unsigned char *b, size_t n)
{
	if (!b || n < 8)
		return LF_IMAGE_NONE;
	if (b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff)
		return LF_IMAGE_JPEG;
	if (!memcmp(b, png_sig, sizeof png_sig))
		return LF_IMAGE_PNG;
	return LF_IMAGE_NONE;
}

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
static bool is_sof(unsigned char m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

/* The orientation in an APP1 Exif segment's TIFF structure t[0..n): IFD0's
 * tag 0x0112 (SHORT), 1 when absent or out of range. */
static int exif_orientation(const unsigned char *t, size_t n)
{
	if (n < 8)
		return 1;
	bool le = t[0] == 'I' && t[1] == 'I';
	if (!le && !(t[0] == 'M' && t[1] == 'M'))
		return 1;
#define U16(p) (le ? (unsigned)(p)[0] | (unsigned)(p)[1] << 8 : be16(p))
#define U32(p) (le ? (unsigned long)(p)[0] | (unsigned long)(p)[1] << 8 | (unsigned long)(p)[2] << 16 | \
                         (unsigned long)(p)[3] << 24 \
                   : be32(p))
	if (U16(t + 2) != 42)
		return 1;
	unsigned long ifd = U32(t + 4);
	if (ifd > n - 2)
		return 1;
	unsigned count = U16(t + ifd);
	for (unsigned i = 0; i < count; i++) {
		size_t e = (size_t)ifd + 2 + (size_t)i * 12;
		if (e + 12 > n)
			break;
		if (U16(t + e) == 0x0112 && U16(t + e + 2) == 3) {
			unsigned v = U16(t + e + 8);
			return v >= 1 && v <= 8 ? (int)v : 1;
		}
	}
#undef U16
#undef U32
	return 1;
}

static bool jpeg_size(const unsigned char *b, size_t n, lf_image_info *out)
{
	out->orientation = 1;
	size_t at = 2;
	while (at + 4 <= n) {
		if (b[at] != 0xff)
			return false;
		unsigned char m = b[at + 1];
		if (m == 0xff) { /* fill byte */
			at++;
			continue;
		}
		if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7)) { /* no length */
			at += 2;
			continue;
		}
		if (m == 0xd9 || m == 0xda) /* end, or the scan before any frame */
			return false;
		unsigned len = be16(b + at + 2);
		if (len < 2 || at + 2 + len > n)
			return false;
		if (m == 0xe1 && len >= 16 && !memcmp(b + at + 4, "Exif\0\0", 6))
			out->orientation = exif_orientation(b + at + 10, len - 8);
		if (is_sof(m)) {
			if (len < 8)
				return false;
			const unsigned char *f = b + at + 4; /* P, Y(2), X(2), Nf */
			out->height = (int)be16(f + 1);
			out->width = (int)be16(f + 3);
			out->components = f[5];
			return out->width > 0 && out->height > 0;
		}
		at += 2 + len;
	}
	return false;
}

static bool png_size(const unsigned char *b, size_t n, lf_image_info *out)
{
	/* The signature, then IHDR first: length 13, type, width, height. */
	if (n < 24 || be32(b + 8) != 13 || memcmp(b + 12, "IHDR", 4))
		return false;
	unsigned long w = be32(b + 16), h = be32(b + 20);
	if (w == 0 || h == 0 || w > 0x7fffffffUL || h > 0x7fffffffUL)
		return false;
	out->width = (int)w;
	out->height = (int)h;
	out->components = 0;
	out->orientation = 1;
	return true;
}

bool lf_image_info_of(const unsigned char *b, size_t n, lf_image_info *out)
{
	memset(out, 0, sizeof *out);
	lf_image_kind k = lf_image_magic(b, n);
	bool ok = k == LF_IMAGE_JPEG ? jpeg_size(b, n, out) : k == LF_IMAGE_PNG ? png_size(b, n, out) : false;
	if (!ok || (long long)out->width * out->height > LF_IMAGE_MAX_PIXELS) {
		memset(out, 0, sizeof *out);
		return false;
	}
	out->kind = k;
	return true;
}
