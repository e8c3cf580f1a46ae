/* libFuzzer target: the field rules (ID number, phone, date, sex) and the
 * text cleaning every typed or imported byte passes through, on any bytes.
 * Besides not crashing: a value that is not refused normalises to clean
 * text, a normalised value checks again to itself, and cleaned text holds
 * no ESC or other control character, bidi controls included (nothing raw
 * reaches the screen). */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

#include "laifang/date.h"
#include "laifang/mask.h"
#include "laifang/text.h"
#include "laifang/validate.h"

static void no_controls(const char *s, bool multiline)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && !(multiline && *p == '\n')) || *p == 0x7f)
			abort();
	/* C1 controls in UTF-8: C2 80..C2 9F; bidi controls U+202A..U+202E
	 * (E2 80 AA..AE) and U+2066..U+2069 (E2 81 A6..A9). */
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			abort();
		if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
		                     (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)))
			abort();
	}
}

/* Checking the normalised value gives the same verdict class and value. */
static void idempotent(lf_verdict (*check)(const char *, lf_check *), const char *in)
{
	lf_check a, b;
	if (check(in, &a) == LF_INVALID)
		return;
	if (check(a.normalized, &b) == LF_INVALID || strcmp(a.normalized, b.normalized) != 0)
		abort();
}

static lf_date fixed_today;

static lf_verdict check_id(const char *in, lf_check *out)
{
	return lf_check_id_number(in, fixed_today, out);
}

static lf_verdict check_date(const char *in, lf_check *out)
{
	return lf_check_date(in, fixed_today, out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fixed_today = (lf_date){2026, 11, 23};
	char *s = fuzz_cstr(data, size);

	idempotent(check_id, s);
	idempotent(lf_check_phone, s);
	idempotent(check_date, s);
	lf_check c;
	lf_check_sex(s, s, &c);
	if (size > 1) /* sex against the rest of the input as an ID number */
		lf_check_sex((const char *)(s + size / 2), s, &c);
	lf_date d;
	lf_id_birth_date(s, &d);
	lf_id_sex(s);
	lf_id_check_digit(s);
	if (lf_date_parse(s, &d)) {
		char buf[LF_DATE_LEN];
		lf_date_format(d, buf);
		lf_date back;
		if (!lf_date_parse(buf, &back) || lf_date_cmp(d, back) != 0)
			abort();
	}
	char m[64];
	lf_mask_id_number(s, m, sizeof m);
	lf_mask_phone(s, m, sizeof m);
	lf_mask_id_number(s, m, 3);
	lf_mask_phone(s, m, 2);

	for (int ml = 0; ml < 2; ml++) {
		bool changed = false;
		char *t = lf_text_clean((const char *)data, size, ml, &changed);
		if (!t)
			abort();
		no_controls(t, ml);
		/* Clean text is a fixed point. */
		bool again = true;
		char *u = lf_text_clean(t, strlen(t), ml, &again);
		if (again || strcmp(t, u) != 0)
			abort();
		lf_text_width(t);
		int used = 0;
		size_t fit = lf_text_fit(t, 17, &used);
		if (fit > strlen(t) || used > 17)
			abort();
		size_t n = 0;
		wchar_t *w = lf_utf8_to_wcs(t, &n);
		char *back = w ? lf_wcs_to_utf8(w, n) : NULL;
		if (!back || strcmp(back, t) != 0)
			abort();
		lf_text_trim(u);
		free(back);
		free(w);
		free(u);
		free(t);
	}
	free(s);
	return 0;
}
