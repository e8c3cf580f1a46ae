/* Chinese line breaking (linebreak.h): a greedy fill, then the break is
 * moved back to the nearest place the rules allow. */
#include "laifang/linebreak.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/text.h"

bool lf_linebreak_is_closing(wchar_t c)
{
	static const wchar_t set[] = L"，。、；：？！）」』】》〉〕］｝〗〙〛”’…‥・·％‰℃"
	                             L"ー々〻ゝゞ"
	                             L",.;:?!)]}%";
	return c && wcschr(set, c) != NULL;
}

bool lf_linebreak_is_opening(wchar_t c)
{
	static const wchar_t set[] = L"（「『【《〈〔［｛〖〘〚“‘￥¥＄([{$#";
	return c && wcschr(set, c) != NULL;
}

static bool is_space(wchar_t c)
{
	return c == L' ' || c == L'\t';
}

static bool is_digit(wchar_t c)
{
	return (c >= L'0' && c <= L'9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* A letter or digit of a word that is not broken inside (Latin, Greek,
 * Cyrillic, full-width Latin and digits). */
static bool is_word(wchar_t c)
{
	return (c >= L'a' && c <= L'z') || (c >= L'A' && c <= L'Z') || is_digit(c) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
	       (c >= 0x370 && c <= 0x4FF) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) || c == L'_' ||
	       c == L'-' || c == L'@' || c == L'/';
}

/* What may follow a number as its unit, close or after a space: a Chinese
 * character (元, 天, 年, 万, 人, 次...) or a sign (°, ㎡); letters right
 * after a digit are one word (12kg), after a space a new one. */
static bool is_unit(wchar_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FFFF) ||
	       c == L'°' || c == L'㎡';
}

/* May a line end at p and the next start at q (p <= q, only spaces
 * between)? strict: the word and number rules too, else only punctuation's
 * (the second try, when a number and its unit are wider than the line). */
static bool may_break(const wchar_t *t, size_t n, size_t p, size_t q, bool strict)
{
	if (q >= n || t[q] == L'\n')
		return true;
	wchar_t a = t[p - 1], c = t[q];
	bool spaced = q > p;
	if (lf_linebreak_is_closing(c))
		return false;
	if (lf_linebreak_is_opening(a))
		return false;
	if (!strict)
		return true;
	if (!spaced && is_word(a) && is_word(c))
		return false;
	if (is_digit(a) && is_unit(c))
		return false; /* 12000元, 3 天 */
	if (!spaced && a == c && (a == L'—' || a == L'…' || a == L'─'))
		return false; /* ——, …… */
	return true;
}

void lf_linebreak_next(const wchar_t *t, size_t n, size_t start, int width, size_t *end, size_t *next)
{
	if (width < 1)
		width = 1;
	size_t i = start;
	int cols = 0;
	while (i < n && t[i] != L'\n') {
		int w = lf_wchar_width(t[i]);
		if (i > start && cols + w > width)
			break;
		cols += w;
		i++;
	}
	if (i >= n || t[i] == L'\n') {
		*end = i;
		*next = i < n ? i + 1 : n;
		return;
	}
	/* Full: the latest allowed place at or before i. b is where the next
	 * line would start; the spaces before it end neither line. */
	for (int strict = 1; strict >= 0; strict--)
		for (size_t b = i; b > start; b--) {
			size_t p = b, q = b;
			while (p > start && is_space(t[p - 1]))
				p--;
			while (q < n && is_space(t[q]))
				q++;
			if (p == start)
				continue; /* only spaces before: nothing on this line */
			if (q > b && b != i)
				continue; /* a run of spaces is judged once, from its end */
			if (may_break(t, n, p, q, strict)) {
				*end = p;
				*next = q < n && t[q] == L'\n' ? q + 1 : q;
				return;
			}
		}
	/* Nowhere allowed (a word longer than the line): cut where full. */
	*end = i;
	*next = i;
}

size_t lf_linebreak(const wchar_t *text, size_t n, int width, lf_line_span *lines, size_t max)
{
	size_t count = 0, pos = 0;
	if (n == 0) {
		if (lines && max > 0)
			lines[0] = (lf_line_span){0, 0};
		return 1;
	}
	while (pos < n) {
		size_t end, next;
		lf_linebreak_next(text, n, pos, width, &end, &next);
		if (lines && count < max)
			lines[count] = (lf_line_span){pos, end};
		count++;
		pos = next;
	}
	return count;
}

size_t lf_linebreak_utf8(const char *utf8, int width, lf_line_span *lines, size_t max)
{
	size_t n = 0;
	wchar_t *ws = lf_utf8_to_wcs(utf8 ? utf8 : "", &n);
	if (!ws)
		return 0;
	/* Byte offset of each character index (n + 1 of them). */
	size_t *at = malloc((n + 1) * sizeof *at);
	if (!at) {
		free(ws);
		return 0;
	}
	size_t b = 0;
	const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
	size_t len = strlen((const char *)s);
	for (size_t k = 0; k < n; k++) {
		at[k] = b;
		unsigned char c = s[b];
		b += c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		if (b > len)
			b = len; /* text that is not UTF-8: never past its end */
	}
	at[n] = len;
	size_t count = lf_linebreak(ws, n, width, lines, max);
	for (size_t k = 0; lines && k < count && k < max; k++) {
		lines[k].start = at[lines[k].start];
		lines[k].end = at[lines[k].end];
	}
	free(at);
	free(ws);
	return count;
}
