/* What the field checks share: their results and the folding of a Chinese
 * input method's full-width letters and digits into ASCII. */
#include "validate_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- results ---- */

void vc_begin_check(lf_check *out)
{
	out->verdict = LF_VALID;
	out->message[0] = '\0';
	out->normalized[0] = '\0';
}

/* Record a refusal or a warning and its message. A refusal stores nothing. */
lf_verdict vc_judge(lf_check *out, lf_verdict v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out->message, sizeof out->message, fmt, ap);
	va_end(ap);
	out->verdict = v;
	if (v == LF_INVALID)
		out->normalized[0] = '\0';
	return v;
}

lf_verdict vc_accept(lf_check *out, const char *normalized)
{
	out->verdict = LF_VALID;
	out->message[0] = '\0';
	snprintf(out->normalized, sizeof out->normalized, "%s", normalized);
	return LF_VALID;
}

/* ---- text ---- */

/* The ASCII character a full-width form at p stands for, or 0. Chinese input
 * methods type U+FF01..U+FF5E ("１３８", "（", "Ｘ") and U+3000 for a space. */
static char fullwidth_ascii(const unsigned char *p)
{
	if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
		return ' ';
	if (p[0] != 0xEF)
		return 0;
	if (p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF)
		return (char)(p[2] - 0x60); /* U+FF01..U+FF3F: ！..＿ */
	if (p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E)
		return (char)(p[2] - 0x20); /* U+FF40..U+FF5E: ｀..～ */
	return 0;
}

/* Copy in to buf (size n) with full-width forms turned into ASCII; other
 * text is copied unchanged. False if it does not fit. */
bool vc_fold_ascii(const char *in, char *buf, size_t n)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t used = 0;

	while (*p) {
		char c = fullwidth_ascii(p);
		if (c)
			p += 3;
		else
			c = (char)*p++;
		if (used + 1 >= n)
			return false;
		buf[used++] = c;
	}
	buf[used] = '\0';
	return true;
}

bool vc_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

bool vc_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool vc_is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char vc_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* s without leading and trailing blanks (cut in place). */
char *vc_trim(char *s)
{
	while (vc_is_blank(*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && vc_is_blank(s[n - 1]))
		s[--n] = '\0';
	return s;
}

void vc_drop_blanks(char *s)
{
	char *w = s;
	for (; *s; s++)
		if (!vc_is_blank(*s))
			*w++ = *s;
	*w = '\0';
}

/* True if the first n characters of s are digits (stops at the NUL). */
bool vc_all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!vc_is_digit(s[i]))
			return false;
	return true;
}

int vc_number_at(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}
