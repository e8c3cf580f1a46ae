/* 联系电话: mainland mobiles and landlines with their area codes, an
 * optional extension, a +86 prefix; spaces and dashes normalised. */
#include "validate_internal.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"

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
	return vc_judge(out, LF_INVALID, "%s",
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
	while (vc_is_letter(p[n]))
		n++;
	bool ext = n == 3 && vc_lower(p[0]) == 'e' && vc_lower(p[1]) == 'x' && vc_lower(p[2]) == 't';
	if (!ext && !(n == 1 && vc_lower(p[0]) == 'x'))
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
			*ext = vc_trim(p + word);
			return true;
		}
		if (vc_is_letter(*p)) {
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
		if (vc_is_digit(*s)) {
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
				vc_judge(out, LF_INVALID, "%s", _("too many digits for a phone number"));
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
		else if (!vc_is_blank(*s) && *s != '(' && *s != ')') {
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
			vc_judge(out, LF_INVALID, "%s", _("only numbers in mainland China (+86) are accepted"));
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
	return n >= 1 && n <= EXT_MAX_DIGITS && vc_all_digits(ext, n);
}

static lf_verdict check_mobile(const phone_parts *pp, const char *ext, lf_check *out)
{
	size_t dash_ext = ext ? 0 : dash_extension(pp, 11, 11);
	size_t n = dash_ext ? dash_ext : pp->n;

	if (pp->digits[1] < '3' || pp->digits[1] > '9')
		return vc_judge(out, LF_INVALID, "%s", _("a mobile number starts with 13 to 19"));
	if (n != 11)
		return vc_judge(out, LF_INVALID, _("a mobile number has 11 digits, not %zu"), n);
	if (ext || dash_ext)
		return vc_judge(out, LF_INVALID, "%s", _("a mobile number has no extension"));
	return vc_accept(out, pp->digits);
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
		return vc_judge(out, LF_INVALID, _("the area code %s is cut short: it must be %zu digits"),
		             area, area_len);
	}
	snprintf(area, sizeof area, "%.*s", (int)area_len, d);
	if (!area_code_exists(d))
		return vc_judge(out, LF_INVALID, _("there is no area code %s"), area);

	size_t dash_ext = ext ? 0 : dash_extension(pp, area_len + 7, area_len + 8);
	size_t local = (dash_ext ? dash_ext : pp->n) - area_len;
	if (local < 7 || local > 8)
		return vc_judge(out, LF_INVALID,
		             _("the local number after the area code %s must have 7 or 8 digits, not %zu"),
		             area, local);
	if (dash_ext)
		ext = d + dash_ext;
	else if (ext && !extension_ok(ext))
		return vc_judge(out, LF_INVALID, "%s", _("an extension must be 1 to 6 digits"));

	char norm[WORK_LEN];
	snprintf(norm, sizeof norm, "%s-%.*s%s%s", area, (int)local, d + area_len, ext ? "-" : "",
	         ext ? ext : "");
	return vc_accept(out, norm);
}

lf_verdict lf_check_phone(const char *in, lf_check *out)
{
	char buf[WORK_LEN];
	char *ext;
	phone_parts pp;

	vc_begin_check(out);
	if (!in || !vc_fold_ascii(in, buf, sizeof buf))
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
	return vc_judge(out, LF_INVALID, "%s",
	             _("a landline number must start with its area code, as in 020-83186312"));
}
