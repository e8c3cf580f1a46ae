/* Text as laifang stores and shows it: strict UTF-8 decoding (never through
 * the process locale), cleaning of escapes and controls, trimming, widths in
 * terminal columns and conversion to and from wide strings. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* wcwidth */
#endif

#include "laifang/text.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define REPLACEMENT 0xFFFDu
#define ESC 0x1B

/* Decode the character at p, of which avail (> 0) bytes may be read. Returns
 * the bytes it takes and puts the code point in *cp. A bad sequence gives
 * U+FFFD and takes only its longest valid-looking start (at least one byte),
 * so each broken sequence or stray byte is one U+FFFD and the byte that broke
 * it starts the next character. Overlongs, surrogates and code points past
 * U+10FFFF are excluded by the allowed range of the second byte. */
static size_t decode(const unsigned char *p, size_t avail, uint32_t *cp)
{
	unsigned char b = p[0];
	unsigned char lo = 0x80, hi = 0xBF;
	size_t need;
	uint32_t c;

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		need = 1;
		c = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		need = 2;
		c = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0; /* overlong below U+0800 */
		else if (b == 0xED)
			hi = 0x9F; /* surrogates U+D800..U+DFFF */
	} else if (b >= 0xF0 && b <= 0xF4) {
		need = 3;
		c = b & 0x07;
		if (b == 0xF0)
			lo = 0x90; /* overlong below U+10000 */
		else if (b == 0xF4)
			hi = 0x8F; /* past U+10FFFF */
	} else {
		/* 80..BF stray continuation, C0/C1 overlong, F5..FF never valid. */
		*cp = REPLACEMENT;
		return 1;
	}
	size_t i;
	for (i = 1; i <= need; i++) {
		if (i >= avail || p[i] < lo || p[i] > hi) {
			*cp = REPLACEMENT;
			return i;
		}
		c = (c << 6) | (p[i] & 0x3Fu);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = c;
	return i;
}

/* Write c as UTF-8 at out (room for 4 bytes); returns the bytes written.
 * Surrogates and values past U+10FFFF are written as U+FFFD. */
static size_t encode(uint32_t c, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		c = REPLACEMENT;
	if (c < 0x80) {
		o[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (unsigned char)(0xC0 | (c >> 6));
		o[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (c >> 12));
		o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (c >> 18));
	o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (c & 0x3F));
	return 4;
}

static bool is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/* The bidirectional embeddings, overrides and isolates: invisible, and they
 * reorder what follows on screen and on paper (a name shown backwards). */
static bool is_bidi_control(uint32_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Skip the body of a control string (OSC, DCS, SOS, PM, APC) starting at p.
 * It ends after BEL, ESC '\\' or U+009C. An unterminated one also ends before
 * a line break, CAN or SUB, and before an ESC that starts something else, so
 * a stray ESC ']' cannot swallow the rest of a pasted text. */
static const unsigned char *skip_string(const unsigned char *p, const unsigned char *end)
{
	while (p < end) {
		uint32_t c;
		size_t n = decode(p, (size_t)(end - p), &c);
		if (c == 0x07 || c == 0x9C)
			return p + n;
		if (c == ESC)
			return (end - p > 1 && p[1] == '\\') ? p + 2 : p;
		if (c == '\n' || c == '\r' || c == 0x18 || c == 0x1A)
			return p;
		p += n;
	}
	return p;
}

/* p points at an ESC; returns where the text after the escape sequence
 * starts. Whatever does not form a sequence is left as text. */
static const unsigned char *skip_escape(const unsigned char *p, const unsigned char *end)
{
	p++;
	if (p == end)
		return p;
	unsigned char b = *p;
	if (b == '[') {
		/* CSI: parameter bytes 30..3F and intermediate bytes 20..2F, then
		 * a final byte 40..7E. Anything else breaks it off. */
		p++;
		while (p < end && *p >= 0x20 && *p <= 0x3F)
			p++;
		if (p < end && *p >= 0x40 && *p <= 0x7E)
			p++;
		return p;
	}
	if (b == ']' || b == 'P' || b == 'X' || b == '^' || b == '_')
		return skip_string(p + 1, end);
	if (b >= 0x20 && b <= 0x2F) {
		/* Intermediate bytes then a final 30..7E, as in ESC ( B. */
		while (p < end && *p >= 0x20 && *p <= 0x2F)
			p++;
		if (p < end && *p >= 0x30 && *p <= 0x7E)
			p++;
		return p;
	}
	if (b >= 0x30 && b <= 0x7E)
		return p + 1;
	return p; /* ESC before a control or non-ASCII: only the ESC goes */
}

char *lf_text_clean(const char *in, size_t len, bool multiline, bool *changed)
{
	/* One bad input byte can become the three bytes of U+FFFD. */
	if (len > (SIZE_MAX - 1) / 3) {
		errno = ENOMEM;
		return NULL;
	}
	char *out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	const unsigned char *p = (const unsigned char *)in;
	const unsigned char *end = p + len;
	size_t o = 0;

	while (p < end) {
		uint32_t c;
		size_t n = decode(p, (size_t)(end - p), &c);
		if (c == ESC) {
			p = skip_escape(p, end);
			continue;
		}
		p += n;
		if (c == '\r') {
			if (p < end && *p == '\n')
				p++;
			out[o++] = multiline ? '\n' : ' ';
		} else if (c == '\n') {
			out[o++] = multiline ? '\n' : ' ';
		} else if (c == '\t') {
			out[o++] = ' ';
		} else if (!is_control(c) && !is_bidi_control(c)) {
			o += encode(c, out + o);
		}
	}
	out[o] = '\0';
	if (changed)
		*changed = o != len || (len > 0 && memcmp(out, in, len) != 0);
	return out;
}

static size_t space_at(const unsigned char *s)
{
	if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		return 1;
	/* U+3000 IDEOGRAPHIC SPACE; && stops at the terminating NUL. */
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

void lf_text_trim(char *s)
{
	if (!s)
		return;
	unsigned char *u = (unsigned char *)s;
	size_t start = 0, n;
	while ((n = space_at(u + start)) > 0)
		start += n;
	size_t end = strlen(s);
	while (end > start) {
		if (space_at(u + end - 1) == 1)
			end--;
		else if (end - start >= 3 && space_at(u + end - 3) == 3)
			end -= 3;
		else
			break;
	}
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
}

void lf_text_trim_lines(char *s)
{
	if (!s)
		return;
	unsigned char *u = (unsigned char *)s;
	size_t end = strlen(s), n;
	while (end > 0) {
		if (space_at(u + end - 1) == 1)
			end--;
		else if (end >= 3 && space_at(u + end - 3) == 3)
			end -= 3;
		else
			break;
	}
	s[end] = '\0';
	/* Blank lines before the text; the first line's own blanks stay. */
	size_t start = 0;
	for (;;) {
		size_t q = start;
		while (u[q] != '\n' && (n = space_at(u + q)) > 0)
			q += n;
		if (u[q] != '\n')
			break;
		start = q + 1;
	}
	/* Typed spaces before the text go; a 全角 indent is the paragraph's. */
	while (start < end && (u[start] == ' ' || u[start] == '\t'))
		start++;
	memmove(s, s + start, end - start + 1);
}

int lf_wchar_width(wchar_t c)
{
	/* Controls are drawn as U+FFFD; wcwidth would say -1 or, for NUL, 0. */
	if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
		return 1;
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

int lf_text_width(const char *utf8)
{
	if (!utf8)
		return 0;
	const unsigned char *p = (const unsigned char *)utf8;
	size_t left = strlen(utf8);
	int width = 0;
	while (left > 0) {
		uint32_t c;
		size_t n = decode(p, left, &c);
		int w = lf_wchar_width((wchar_t)c);
		if (width > INT_MAX - w)
			return INT_MAX;
		width += w;
		p += n;
		left -= n;
	}
	return width;
}

size_t lf_text_fit(const char *utf8, int cols, int *used)
{
	const unsigned char *p = (const unsigned char *)utf8;
	size_t left = utf8 ? strlen(utf8) : 0, taken = 0;
	int width = 0;
	if (cols < 0)
		cols = 0;
	/* Zero-width characters (combining marks) go with what they follow. */
	while (left > 0) {
		uint32_t c;
		size_t n = decode(p + taken, left, &c);
		int w = lf_wchar_width((wchar_t)c);
		if (w > cols - width)
			break;
		width += w;
		taken += n;
		left -= n;
	}
	if (used)
		*used = width;
	return taken;
}

size_t lf_text_chars(const char *utf8)
{
	if (!utf8)
		return 0;
	const unsigned char *p = (const unsigned char *)utf8;
	size_t left = strlen(utf8), count = 0;
	while (left > 0) {
		uint32_t c;
		size_t n = decode(p, left, &c);
		p += n;
		left -= n;
		count++;
	}
	return count;
}

wchar_t *lf_utf8_to_wcs(const char *utf8, size_t *n_out)
{
	const unsigned char *p = (const unsigned char *)(utf8 ? utf8 : "");
	size_t left = strlen((const char *)p), count = 0;
	/* At most one character per byte. */
	if (left >= SIZE_MAX / sizeof(wchar_t)) {
		errno = ENOMEM;
		return NULL;
	}
	wchar_t *ws = malloc((left + 1) * sizeof *ws);
	if (!ws)
		return NULL;
	while (left > 0) {
		uint32_t c;
		size_t n = decode(p, left, &c);
		ws[count++] = (wchar_t)c; /* wchar_t holds UCS-4 on Linux */
		p += n;
		left -= n;
	}
	ws[count] = L'\0';
	if (n_out)
		*n_out = count;
	return ws;
}

char *lf_wcs_to_utf8(const wchar_t *ws, size_t n)
{
	if (!ws)
		n = 0;
	if (n > (SIZE_MAX - 1) / 4) {
		errno = ENOMEM;
		return NULL;
	}
	char *out = malloc(n * 4 + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		/* Negative values wrap past U+10FFFF and become U+FFFD. */
		o += encode((uint32_t)ws[i], out + o);
	}
	out[o] = '\0';
	return out;
}

char *lf_text_echo(char *dst, size_t dstlen, const char *src)
{
	if (!dstlen)
		return dst;
	dst[0] = '\0';
	if (!src)
		return dst;
	char *clean = lf_text_clean(src, strlen(src), false, NULL);
	if (!clean)
		return dst;
	size_t len = strlen(clean);
	if (len < dstlen) {
		memcpy(dst, clean, len + 1);
	} else if (dstlen >= 4) {
		size_t keep = dstlen - 4; /* room for "…" and the NUL */
		while (keep > 0 && ((unsigned char)clean[keep] & 0xC0) == 0x80)
			keep--;
		memcpy(dst, clean, keep);
		memcpy(dst + keep, "\xE2\x80\xA6", 4);
	}
	free(clean);
	return dst;
}
