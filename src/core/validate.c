/* The registration sheet's field rules: 身份证号码 (GB 11643-1999), dates
 * and sex (phone numbers: validate_phone.c). Each check first turns the
 * full-width letters and digits of a Chinese input method into ASCII, then
 * judges and normalises. */
#include "validate_internal.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"

/* ---- ID numbers ---- */

static lf_verdict bad_id_shape(lf_check *out)
{
	return vc_judge(out, LF_INVALID, "%s",
	             _("must be 18 characters: 17 digits and a check digit (0-9 or X)"));
}

char lf_id_check_digit(const char *first17)
{
	if (!first17 || !vc_all_digits(first17, ID_LEN - 1))
		return 0;
	/* ISO 7064 MOD 11-2: digit i (from the left) weighs 2^(17-i) mod 11,
	 * summed here Horner-fashion; the check value c makes the weighted sum
	 * with c (weight 1) come to 1 mod 11, and 10 is written X. */
	int p = 0;
	for (int i = 0; i < ID_LEN - 1; i++)
		p = (p + (first17[i] - '0')) * 2 % 11;
	int c = (12 - p) % 11;
	return c == 10 ? 'X' : (char)('0' + c);
}

/* ID_LEN for 17 digits and a digit or X (or x), LEGACY_ID_LEN for 15
 * digits, 0 for anything else. */
static size_t id_shape(const char *id)
{
	size_t n = strlen(id);
	if (n == ID_LEN && vc_all_digits(id, ID_LEN - 1) &&
	    (vc_is_digit(id[17]) || id[17] == 'X' || id[17] == 'x'))
		return ID_LEN;
	if (n == LEGACY_ID_LEN && vc_all_digits(id, LEGACY_ID_LEN))
		return LEGACY_ID_LEN;
	return 0;
}

/* The shape of id when it is a well-formed number whose check digit (if it
 * has one) is right, else 0. */
static size_t id_carrier(const char *id)
{
	size_t len = id ? id_shape(id) : 0;
	if (len == ID_LEN) {
		char last = id[17] == 'x' ? 'X' : id[17];
		if (last != lf_id_check_digit(id))
			return 0;
	}
	return len;
}

/* The birth date's numbers, real or not. A 15-digit number has YYMMDD, all
 * of the 1900s (they were replaced from 1999 on). */
static lf_date id_birth(const char *id, size_t len)
{
	if (len == LEGACY_ID_LEN)
		return (lf_date){1900 + vc_number_at(id + 6, 2), vc_number_at(id + 8, 2), vc_number_at(id + 10, 2)};
	return (lf_date){vc_number_at(id + 6, 4), vc_number_at(id + 10, 2), vc_number_at(id + 12, 2)};
}

bool lf_id_birth_date(const char *id, lf_date *out)
{
	size_t len = id_carrier(id);
	if (!len)
		return false;
	lf_date b = id_birth(id, len);
	if (!lf_date_valid(b.y, b.m, b.d))
		return false;
	if (out)
		*out = b;
	return true;
}

char lf_id_sex(const char *id)
{
	size_t len = id_carrier(id);
	if (!len)
		return 0;
	/* The last digit of the sequence number: odd for men, even for women. */
	int digit = id[len == ID_LEN ? 16 : 14] - '0';
	return digit % 2 ? 'M' : 'F';
}

/* Province-level region codes of GB/T 2260; 71 Taiwan, 81 Hong Kong,
 * 82 Macao, 83 the residence permits of Taiwan residents. */
static bool province_code(int c)
{
	switch (c / 10) {
	case 1: return c >= 11 && c <= 15;
	case 2: return c >= 21 && c <= 23;
	case 3: return c >= 31 && c <= 37;
	case 4: return c >= 41 && c <= 46;
	case 5: return c >= 50 && c <= 54;
	case 6: return c >= 61 && c <= 65;
	case 7: return c == 71;
	case 8: return c >= 81 && c <= 83;
	default: return false;
	}
}

/* True if the birth date b is real and lies between 1900 and today. */
static bool birth_date_ok(lf_date b, lf_date today, lf_check *out)
{
	char s[LF_DATE_LEN];
	lf_date_format(b, s);
	if (b.y < 1900)
		vc_judge(out, LF_INVALID, _("the birth date %s is before 1900"), s);
	else if (!lf_date_valid(b.y, b.m, b.d))
		vc_judge(out, LF_INVALID, _("the birth date %s in it is not a real date"), s);
	else if (lf_date_cmp(b, today) > 0)
		vc_judge(out, LF_INVALID, _("the birth date %s is in the future"), s);
	else
		return true;
	return false;
}

/* The 18-digit form of a 15-digit number: the year gets its "19" and a
 * check digit is added. */
static void widen_legacy(const char *old, char full[ID_LEN + 1])
{
	memcpy(full, old, 6);
	memcpy(full + 6, "19", 2);
	memcpy(full + 8, old + 6, 9);
	full[17] = '\0';
	full[17] = lf_id_check_digit(full);
	full[18] = '\0';
}

lf_verdict lf_check_id_number(const char *in, lf_date today, lf_check *out)
{
	char id[WORK_LEN];

	vc_begin_check(out);
	if (!in || !vc_fold_ascii(in, id, sizeof id))
		return bad_id_shape(out);
	vc_drop_blanks(id);
	size_t len = id_shape(id);
	if (!len)
		return bad_id_shape(out);
	/* Only an 18-digit number has a 17th index: a 15-digit one ends before
	 * it (valgrind: uninitialised read, issue 7). */
	if (len == ID_LEN && id[17] == 'x')
		id[17] = 'X';

	/* Region and birth date first: they say where a typing slip is, where
	 * the check digit only says that there is one. */
	if (!province_code(vc_number_at(id, 2)))
		return vc_judge(out, LF_INVALID,
		             _("it starts with %.2s, which is not a province-level region code"), id);
	if (!birth_date_ok(id_birth(id, len), today, out))
		return LF_INVALID;

	if (len == LEGACY_ID_LEN) {
		char full[ID_LEN + 1];
		widen_legacy(id, full);
		snprintf(out->normalized, sizeof out->normalized, "%s", id);
		return vc_judge(out, LF_WARNING, _("an old 15-digit number: its 18-digit form is %s"), full);
	}
	char want = lf_id_check_digit(id);
	if (id[17] != want)
		return vc_judge(out, LF_INVALID, _("the check digit should be %c, not %c"), want, id[17]);
	return vc_accept(out, id);
}

/* ---- dates ---- */

lf_verdict lf_check_date(const char *in, lf_date today, lf_check *out)
{
	char buf[WORK_LEN];
	lf_date d;

	vc_begin_check(out);
	if (!in || !vc_fold_ascii(in, buf, sizeof buf))
		return vc_judge(out, LF_INVALID, "%s", _("not a date: write it as YYYY-MM-DD"));
	const char *s = vc_trim(buf);
	if (lf_date_parse(s, &d)) {
		if (lf_date_cmp(d, today) > 0)
			return vc_judge(out, LF_INVALID, _("%s is in the future"), s);
		lf_date_format(d, out->normalized);
		return LF_VALID;
	}
	/* lf_date_parse leaves zeros when s is no date at all. */
	if (d.y == 0 && d.m == 0 && d.d == 0)
		return vc_judge(out, LF_INVALID, "%s", _("not a date: write it as YYYY-MM-DD"));
	if (d.y < 1900)
		return vc_judge(out, LF_INVALID, _("%s is before 1900"), s);
	return vc_judge(out, LF_INVALID, _("%s is not a real date"), s);
}

/* ---- sex ---- */

/* 'M' or 'F' for what was typed, 0 for anything else. */
static char sex_typed(const char *s)
{
	if (!strcmp(s, "男") || !strcmp(s, "M") || !strcmp(s, "m"))
		return 'M';
	if (!strcmp(s, "女") || !strcmp(s, "F") || !strcmp(s, "f"))
		return 'F';
	return 0;
}

static const char *sex_word(char sex)
{
	return sex == 'M' ? "男" : "女";
}

/* The sex an ID number carries, 0 when it is no acceptable number. */
static char sex_in_id(const char *id_number)
{
	lf_check c;
	if (!id_number || !*id_number)
		return 0;
	if (lf_check_id_number(id_number, lf_date_today(), &c) == LF_INVALID)
		return 0;
	return lf_id_sex(c.normalized);
}

lf_verdict lf_check_sex(const char *in, const char *id_number, lf_check *out)
{
	char buf[WORK_LEN];
	char sex = 0;

	vc_begin_check(out);
	if (in && vc_fold_ascii(in, buf, sizeof buf))
		sex = sex_typed(vc_trim(buf));
	if (!sex)
		return vc_judge(out, LF_INVALID, "%s", _("must be 男 or 女"));
	snprintf(out->normalized, sizeof out->normalized, "%s", sex_word(sex));

	char id_sex = sex_in_id(id_number);
	if (id_sex && id_sex != sex)
		return vc_judge(out, LF_WARNING, _("the ID number says %s"), sex_word(id_sex));
	return LF_VALID;
}
