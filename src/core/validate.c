/* The registration sheet's field rules: 身份证号码 (GB 11643-1999), phone
 * numbers, dates and sex. Each check first turns the full-width letters and
 * digits of a Chinese input method into ASCII, then judges and normalises. */
#include "laifang/validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"

/* Longest input (after folding) any check looks at; longer is refused. */
#define WORK_LEN 128

#define ID_LEN 18
#define LEGACY_ID_LEN 15

#define PHONE_MAX_DIGITS 32
#define PHONE_MAX_GROUPS 16
#define EXT_MAX_DIGITS 6

/* ---- results ---- */

static void begin_check(lf_check *out)
{
	out->verdict = LF_VALID;
	out->message[0] = '\0';
	out->normalized[0] = '\0';
}

/* Record a refusal or a warning and its message. A refusal stores nothing. */
__attribute__((format(printf, 3, 4)))
static lf_verdict judge(lf_check *out, lf_verdict v, const char *fmt, ...)
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

static lf_verdict accept(lf_check *out, const char *normalized)
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
static bool fold_ascii(const char *in, char *buf, size_t n)
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

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* s without leading and trailing blanks (cut in place). */
static char *trim(char *s)
{
	while (is_blank(*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && is_blank(s[n - 1]))
		s[--n] = '\0';
	return s;
}

static void drop_blanks(char *s)
{
	char *w = s;
	for (; *s; s++)
		if (!is_blank(*s))
			*w++ = *s;
	*w = '\0';
}

/* True if the first n characters of s are digits (stops at the NUL). */
static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

static int number_at(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* ---- ID numbers ---- */

static lf_verdict bad_id_shape(lf_check *out)
{
	return judge(out, LF_INVALID, "%s",
	             _("must be 18 characters: 17 digits and a check digit (0-9 or X)"));
}

char lf_id_check_digit(const char *first17)
{
	if (!first17 || !all_digits(first17, ID_LEN - 1))
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
	if (n == ID_LEN && all_digits(id, ID_LEN - 1) &&
	    (is_digit(id[17]) || id[17] == 'X' || id[17] == 'x'))
		return ID_LEN;
	if (n == LEGACY_ID_LEN && all_digits(id, LEGACY_ID_LEN))
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
		return (lf_date){1900 + number_at(id + 6, 2), number_at(id + 8, 2), number_at(id + 10, 2)};
	return (lf_date){number_at(id + 6, 4), number_at(id + 10, 2), number_at(id + 12, 2)};
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
		judge(out, LF_INVALID, _("the birth date %s is before 1900"), s);
	else if (!lf_date_valid(b.y, b.m, b.d))
		judge(out, LF_INVALID, _("the birth date %s in it is not a real date"), s);
	else if (lf_date_cmp(b, today) > 0)
		judge(out, LF_INVALID, _("the birth date %s is in the future"), s);
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

	begin_check(out);
	if (!in || !fold_ascii(in, id, sizeof id))
		return bad_id_shape(out);
	drop_blanks(id);
	size_t len = id_shape(id);
	if (!len)
		return bad_id_shape(out);
	/* Only an 18-digit number has a 17th index: a 15-digit one ends before
	 * it (valgrind: uninitialised read, issue 7). */
	if (len == ID_LEN && id[17] == 'x')
		id[17] = 'X';

	/* Region and birth date first: they say where a typing slip is, where
	 * the check digit only says that there is one. */
	if (!province_code(number_at(id, 2)))
		return judge(out, LF_INVALID,
		             _("it starts with %.2s, which is not a province-level region code"), id);
	if (!birth_date_ok(id_birth(id, len), today, out))
		return LF_INVALID;

	if (len == LEGACY_ID_LEN) {
		char full[ID_LEN + 1];
		widen_legacy(id, full);
		snprintf(out->normalized, sizeof out->normalized, "%s", id);
		return judge(out, LF_WARNING, _("an old 15-digit number: its 18-digit form is %s"), full);
	}
	char want = lf_id_check_digit(id);
	if (id[17] != want)
		return judge(out, LF_INVALID, _("the check digit should be %c, not %c"), want, id[17]);
	return accept(out, id);
}

/* ---- phone numbers ---- */

/* The number part of a phone number as typed: its digits and where each
 * group of digits (between spaces, dashes or brackets) begins. */
typedef struct phone_parts {
	char digits[PHONE_MAX_DIGITS + 1];
	size_t n;
	size_t groups;
	size_t start[PHONE_MAX_GROUPS]; /* index in digits where the group begins */
	bool dash[PHONE_MAX_GROUPS];    /* a dash came before the group */
	bool plus;                      /* written with a leading + */
} phone_parts;

static lf_verdict not_a_phone(lf_check *out)
{
	return judge(out, LF_INVALID, "%s",
	             _("not a phone number: write a mobile as 13812345678 or a landline as 020-83186312"));
}

static size_t group_len(const phone_parts *pp, size_t g)
{
	return (g + 1 < pp->groups ? pp->start[g + 1] : pp->n) - pp->start[g];
}

/* True if the first group starts with prefix. */
static bool first_group_starts(const phone_parts *pp, const char *prefix)
{
	size_t n = strlen(prefix);
	return pp->groups > 0 && group_len(pp, 0) >= n && strncmp(pp->digits, prefix, n) == 0;
}

/* The word that introduces an extension at p (转, 分机, ext, ext., x in any
 * case): its length, or 0. */
static size_t extension_word(const char *p)
{
	static const char *const words[] = {"转", "分机"};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strncmp(p, words[i], strlen(words[i])) == 0)
			return strlen(words[i]);

	size_t n = 0;
	while (is_letter(p[n]))
		n++;
	bool ext = n == 3 && lower(p[0]) == 'e' && lower(p[1]) == 'x' && lower(p[2]) == 't';
	if (!ext && !(n == 1 && lower(p[0]) == 'x'))
		return 0;
	return p[n] == '.' ? n + 1 : n;
}

/* Cut s at its extension word; *ext is the text after it, NULL if there is
 * none. Any other letter means it is no phone number. */
static bool split_extension(char *s, char **ext, lf_check *out)
{
	*ext = NULL;
	for (char *p = s; *p; p++) {
		size_t word = extension_word(p);
		if (word) {
			*p = '\0';
			*ext = trim(p + word);
			return true;
		}
		if (is_letter(*p)) {
			not_a_phone(out);
			return false;
		}
	}
	return true;
}

/* Read digits, separators (space, dash, brackets) and a leading + into pp. */
static bool split_groups(const char *s, phone_parts *pp, lf_check *out)
{
	bool in_group = false, dash = false;

	memset(pp, 0, sizeof *pp);
	for (; *s; s++) {
		if (is_digit(*s)) {
			if (!in_group) {
				if (pp->groups == PHONE_MAX_GROUPS) {
					not_a_phone(out);
					return false;
				}
				pp->start[pp->groups] = pp->n;
				pp->dash[pp->groups++] = dash;
				in_group = true;
				dash = false;
			}
			if (pp->n == PHONE_MAX_DIGITS) {
				judge(out, LF_INVALID, "%s", _("too many digits for a phone number"));
				return false;
			}
			pp->digits[pp->n++] = *s;
			continue;
		}
		in_group = false;
		if (*s == '+' && pp->n == 0 && !pp->plus)
			pp->plus = true;
		else if (*s == '-')
			dash = true;
		else if (!is_blank(*s) && *s != '(' && *s != ')') {
			not_a_phone(out);
			return false;
		}
	}
	return true;
}

/* Take k digits off the front; they lie within the first group. */
static void drop_digits(phone_parts *pp, size_t k)
{
	memmove(pp->digits, pp->digits + k, pp->n - k + 1);
	pp->n -= k;
	for (size_t g = 1; g < pp->groups; g++)
		pp->start[g] -= k;
	if (group_len(pp, 0) == 0) {
		memmove(pp->start, pp->start + 1, (pp->groups - 1) * sizeof pp->start[0]);
		memmove(pp->dash, pp->dash + 1, (pp->groups - 1) * sizeof pp->dash[0]);
		pp->groups--;
	}
}

/* Put the trunk 0 back in front (there is room: a country code was taken off). */
static void add_trunk_zero(phone_parts *pp)
{
	memmove(pp->digits + 1, pp->digits, pp->n + 1);
	pp->digits[0] = '0';
	pp->n++;
	for (size_t g = 1; g < pp->groups; g++)
		pp->start[g]++;
}

/* Take off a +86, 0086 or 86 country code; refuse another country's. */
static bool drop_country_code(phone_parts *pp, lf_check *out)
{
	bool international = true;

	if (pp->plus || first_group_starts(pp, "00")) {
		const char *cc = pp->plus ? "86" : "0086";
		if (!first_group_starts(pp, cc)) {
			judge(out, LF_INVALID, "%s", _("only numbers in mainland China (+86) are accepted"));
			return false;
		}
		drop_digits(pp, strlen(cc));
	} else if (pp->n == 13 && first_group_starts(pp, "86") && pp->digits[2] == '1') {
		drop_digits(pp, 2); /* 86 without + or 00, before a mobile number */
	} else {
		international = false;
	}
	/* Abroad, "+86 20 8318 6312" leaves out the 0 of the area code 020. */
	if (international && pp->n > 0 && pp->digits[0] != '0' && pp->digits[0] != '1')
		add_trunk_zero(pp);
	return true;
}

/* Where an extension written with a dash begins ("020-83186312-123"): a last
 * group of at most EXT_MAX_DIGITS after a dash, when the digits before it
 * number between min and max (a whole number). 0 when there is none. */
static size_t dash_extension(const phone_parts *pp, size_t min, size_t max)
{
	if (pp->groups < 2)
		return 0;
	size_t last = pp->groups - 1;
	size_t at = pp->start[last];
	if (!pp->dash[last] || group_len(pp, last) > EXT_MAX_DIGITS || at < min || at > max)
		return 0;
	return at;
}

static bool extension_ok(const char *ext)
{
	size_t n = strlen(ext);
	return n >= 1 && n <= EXT_MAX_DIGITS && all_digits(ext, n);
}

static lf_verdict check_mobile(const phone_parts *pp, const char *ext, lf_check *out)
{
	size_t dash_ext = ext ? 0 : dash_extension(pp, 11, 11);
	size_t n = dash_ext ? dash_ext : pp->n;

	if (pp->digits[1] < '3' || pp->digits[1] > '9')
		return judge(out, LF_INVALID, "%s", _("a mobile number starts with 13 to 19"));
	if (n != 11)
		return judge(out, LF_INVALID, _("a mobile number has 11 digits, not %zu"), n);
	if (ext || dash_ext)
		return judge(out, LF_INVALID, "%s", _("a mobile number has no extension"));
	return accept(out, pp->digits);
}

/* Whether an area code is in use: 010, 02x, or four digits 03xx to 09xx.
 * (00 is an international prefix, dealt with before.) */
static bool area_code_exists(const char *d)
{
	if (d[1] == '1')
		return d[2] == '0';
	return d[1] >= '2' && d[1] <= '9';
}

static lf_verdict check_landline(const phone_parts *pp, const char *ext, lf_check *out)
{
	const char *d = pp->digits;
	/* Beijing and the big cities (01x, 02x) have three digits, the rest four. */
	size_t area_len = d[1] == '1' || d[1] == '2' ? 3 : 4;
	char area[5];

	/* "02-083186312": the first group stops inside the area code. */
	size_t first = group_len(pp, 0);
	if (first < area_len) {
		snprintf(area, sizeof area, "%.*s", (int)first, d);
		return judge(out, LF_INVALID, _("the area code %s is cut short: it must be %zu digits"),
		             area, area_len);
	}
	snprintf(area, sizeof area, "%.*s", (int)area_len, d);
	if (!area_code_exists(d))
		return judge(out, LF_INVALID, _("there is no area code %s"), area);

	size_t dash_ext = ext ? 0 : dash_extension(pp, area_len + 7, area_len + 8);
	size_t local = (dash_ext ? dash_ext : pp->n) - area_len;
	if (local < 7 || local > 8)
		return judge(out, LF_INVALID,
		             _("the local number after the area code %s must have 7 or 8 digits, not %zu"),
		             area, local);
	if (dash_ext)
		ext = d + dash_ext;
	else if (ext && !extension_ok(ext))
		return judge(out, LF_INVALID, "%s", _("an extension must be 1 to 6 digits"));

	char norm[WORK_LEN];
	snprintf(norm, sizeof norm, "%s-%.*s%s%s", area, (int)local, d + area_len, ext ? "-" : "",
	         ext ? ext : "");
	return accept(out, norm);
}

lf_verdict lf_check_phone(const char *in, lf_check *out)
{
	char buf[WORK_LEN];
	char *ext;
	phone_parts pp;

	begin_check(out);
	if (!in || !fold_ascii(in, buf, sizeof buf))
		return not_a_phone(out);
	if (!split_extension(buf, &ext, out) || !split_groups(buf, &pp, out))
		return LF_INVALID;
	if (pp.n == 0)
		return not_a_phone(out);
	if (!drop_country_code(&pp, out))
		return LF_INVALID;
	if (pp.n == 0) /* "+86" and nothing after */
		return not_a_phone(out);
	if (pp.digits[0] == '1')
		return check_mobile(&pp, ext, out);
	if (pp.digits[0] == '0')
		return check_landline(&pp, ext, out);
	return judge(out, LF_INVALID, "%s",
	             _("a landline number must start with its area code, as in 020-83186312"));
}

/* ---- dates ---- */

lf_verdict lf_check_date(const char *in, lf_date today, lf_check *out)
{
	char buf[WORK_LEN];
	lf_date d;

	begin_check(out);
	if (!in || !fold_ascii(in, buf, sizeof buf))
		return judge(out, LF_INVALID, "%s", _("not a date: write it as YYYY-MM-DD"));
	const char *s = trim(buf);
	if (lf_date_parse(s, &d)) {
		if (lf_date_cmp(d, today) > 0)
			return judge(out, LF_INVALID, _("%s is in the future"), s);
		lf_date_format(d, out->normalized);
		return LF_VALID;
	}
	/* lf_date_parse leaves zeros when s is no date at all. */
	if (d.y == 0 && d.m == 0 && d.d == 0)
		return judge(out, LF_INVALID, "%s", _("not a date: write it as YYYY-MM-DD"));
	if (d.y < 1900)
		return judge(out, LF_INVALID, _("%s is before 1900"), s);
	return judge(out, LF_INVALID, _("%s is not a real date"), s);
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

	begin_check(out);
	if (in && fold_ascii(in, buf, sizeof buf))
		sex = sex_typed(trim(buf));
	if (!sex)
		return judge(out, LF_INVALID, "%s", _("must be 男 or 女"));
	snprintf(out->normalized, sizeof out->normalized, "%s", sex_word(sex));

	char id_sex = sex_in_id(id_number);
	if (id_sex && id_sex != sex)
		return judge(out, LF_WARNING, _("the ID number says %s"), sex_word(id_sex));
	return LF_VALID;
}
