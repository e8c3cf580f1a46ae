/* Masking ID and phone numbers for lists and for roles that do not need
 * them in full. What is kept is enough to tell two visitors apart on a
 * screen (area code, last digits), not enough to identify a person. */
#include "laifang/mask.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Bytes in the UTF-8 character starting at p (1 for a stray byte). */
static size_t char_len(const unsigned char *p)
{
	size_t n = *p < 0x80 ? 1 : (*p >> 5) == 0x6 ? 2 : (*p >> 4) == 0xE ? 3 : (*p >> 3) == 0x1E ? 4 : 1;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 1;
	return n;
}

/* A small writer that never overruns out and never splits a character:
 * once something does not fit, nothing more is written. */
typedef struct writer {
	char *out;
	size_t len, used;
	bool full;
} writer;

static void put(writer *w, const char *s, size_t n)
{
	if (w->full || w->used + n + 1 > w->len) {
		w->full = true;
		return;
	}
	memcpy(w->out + w->used, s, n);
	w->used += n;
	w->out[w->used] = '\0';
}

static void put_stars(writer *w, size_t n)
{
	while (n--)
		put(w, "*", 1);
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* Keep the first and the last quarter of the characters of s (n bytes),
 * one star for each character between. */
static void mask_quarters(writer *w, const char *s, size_t n)
{
	size_t chars = 0;
	for (size_t i = 0; i < n; i += char_len((const unsigned char *)s + i))
		chars++;
	size_t keep = chars / 4, k = 0;
	for (size_t i = 0; i < n; k++) {
		size_t cl = char_len((const unsigned char *)s + i);
		if (k < keep || k >= chars - keep)
			put(w, s + i, cl);
		else
			put_stars(w, 1);
		i += cl;
	}
}

/* s without leading and trailing ASCII blanks, as (start, length). */
static const char *trimmed(const char *s, size_t *n)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	*n = len;
	return s;
}

void lf_mask_id_number(const char *id, char *out, size_t len)
{
	if (!out || !len)
		return;
	writer w = {out, len, 0, false};
	out[0] = '\0';
	if (!id)
		return;
	size_t n;
	const char *s = trimmed(id, &n);
	if (n == 18 && all_digits(s, 17) && (all_digits(s + 17, 1) || s[17] == 'X' || s[17] == 'x')) {
		/* Region kept, birth date and sequence hidden, last four kept. */
		put(&w, s, 6);
		put_stars(&w, 8);
		put(&w, s + 14, 4);
		return;
	}
	mask_quarters(&w, s, n);
}

/* "020-83186312" or "020-83186312-123": area code, dash, local number,
 * optionally a dash and an extension. Sets the local number's place. */
static bool landline_shape(const char *s, size_t n, size_t *area, size_t *local)
{
	const char *dash = memchr(s, '-', n);
	if (!dash || s[0] != '0')
		return false;
	*area = (size_t)(dash - s);
	const char *l = dash + 1;
	size_t rest = n - *area - 1;
	const char *dash2 = memchr(l, '-', rest);
	*local = dash2 ? (size_t)(dash2 - l) : rest;
	if (dash2 && !all_digits(dash2 + 1, rest - *local - 1))
		return false;
	return *area >= 3 && *area <= 4 && all_digits(s, *area) && all_digits(l, *local);
}

void lf_mask_phone(const char *phone, char *out, size_t len)
{
	if (!out || !len)
		return;
	writer w = {out, len, 0, false};
	out[0] = '\0';
	if (!phone)
		return;
	size_t n, area, local;
	const char *s = trimmed(phone, &n);
	if (n == 11 && s[0] == '1' && all_digits(s, n)) {
		put(&w, s, 3);
		put_stars(&w, 4);
		put(&w, s + 7, 4);
		return;
	}
	if (landline_shape(s, n, &area, &local)) {
		/* The extension is left out: it says where in an office, not who. */
		/* Last four of a real local number (7 or 8 digits); of anything
		 * shorter at most half. */
		size_t keep = local >= 7 ? 4 : local / 2;
		put(&w, s, area + 1);
		put_stars(&w, local - keep);
		put(&w, s + area + 1 + local - keep, keep);
		return;
	}
	/* Something else (an old record, a foreign number): cut any extension
	 * word, then keep only the outer quarters. */
	static const char *const words[] = {"转", "分机", "ext", "EXT", "Ext"};
	size_t cut = n;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		const char *p = strstr(s, words[i]);
		if (p && (size_t)(p - s) < cut)
			cut = (size_t)(p - s);
	}
	while (cut && (s[cut - 1] == ' ' || s[cut - 1] == '-'))
		cut--;
	mask_quarters(&w, s, cut);
}

bool lf_mask_field_personal(const char *field_id)
{
	return field_id && (!strcmp(field_id, "id_number") || !strcmp(field_id, "phone"));
}

const char *lf_mask_field(const char *field_id, const char *value, bool full, char *out, size_t len)
{
	if (!value || full || !lf_mask_field_personal(field_id))
		return value;
	if (!strcmp(field_id, "id_number"))
		lf_mask_id_number(value, out, len);
	else
		lf_mask_phone(value, out, len);
	return out;
}
