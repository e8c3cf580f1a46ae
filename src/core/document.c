/* 证件类型 and their numbers: each document its own shape; the ID card and
 * the residence permit also carry GB 11643's check digit and birth date. */
#include "laifang/document.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"
#include "validate_internal.h"

static const struct {
	const char *name, *word;
} docs[LF_DOC_COUNT] = {
	[LF_DOC_ID_CARD] = {"居民身份证", "id"},
	[LF_DOC_HKMO_PASS] = {"港澳居民来往内地通行证", "hkmo"},
	[LF_DOC_TW_PASS] = {"台湾居民来往大陆通行证", "tw"},
	[LF_DOC_RESIDENCE_PERMIT] = {"港澳台居民居住证", "permit"},
	[LF_DOC_PASSPORT] = {"护照", "passport"},
	[LF_DOC_NONE] = {"无证件", "none"},
};

const char *lf_doc_type_name(lf_doc_type t)
{
	return t >= 0 && t < LF_DOC_COUNT ? docs[t].name : "";
}

lf_doc_type lf_doc_type_parse(const char *s)
{
	if (!s || !*s)
		return LF_DOC_ID_CARD;
	for (int t = 0; t < LF_DOC_COUNT; t++)
		if (!strcmp(s, docs[t].name) || !strcmp(s, docs[t].word))
			return (lf_doc_type)t;
	return LF_DOC_UNKNOWN;
}

bool lf_id_widen(const char *id15, char out[19])
{
	if (!id15 || strlen(id15) != LEGACY_ID_LEN || !vc_all_digits(id15, LEGACY_ID_LEN))
		return false;
	memcpy(out, id15, 6);
	memcpy(out + 6, "19", 2);
	memcpy(out + 8, id15 + 6, 9);
	out[17] = '\0';
	out[17] = lf_id_check_digit(out);
	out[18] = '\0';
	return true;
}

/* in folded to ASCII, blanks (and for passes, brackets) dropped, letters
 * upper case; false when it does not fit. */
static bool tidy(const char *in, char *buf, size_t n, bool drop_brackets)
{
	if (!in || !vc_fold_ascii(in, buf, n))
		return false;
	vc_drop_blanks(buf);
	char *w = buf;
	for (char *r = buf; *r; r++) {
		if (drop_brackets && (*r == '(' || *r == ')'))
			continue;
		*w++ = (*r >= 'a' && *r <= 'z') ? (char)(*r - 'a' + 'A') : *r;
	}
	*w = '\0';
	return true;
}

static bool all_alnum(const char *s)
{
	for (; *s; s++)
		if (!vc_is_digit(*s) && !(*s >= 'A' && *s <= 'Z'))
			return false;
	return true;
}

static lf_verdict check_hkmo(const char *in, lf_check *out)
{
	char s[WORK_LEN];
	if (tidy(in, s, sizeof s, false)) {
		size_t n = strlen(s);
		if ((s[0] == 'H' || s[0] == 'M') && (n == 9 || n == 11) && vc_all_digits(s + 1, n - 1))
			return vc_accept(out, s);
	}
	return vc_judge(out, LF_INVALID, "%s", _("a Hong Kong and Macao pass number is H or M and 8 or 10 digits"));
}

static lf_verdict check_tw(const char *in, lf_check *out)
{
	char s[WORK_LEN];
	if (tidy(in, s, sizeof s, true)) {
		size_t n = strlen(s);
		/* Today's cards: 8 digits; older ones have 10 characters, the
		 * issue code a letter (1234567890B was written 1234567890(B)). */
		if ((n == 8 && vc_all_digits(s, 8)) || ((n == 10 || n == 11) && vc_all_digits(s, 8) && all_alnum(s)))
			return vc_accept(out, s);
	}
	return vc_judge(out, LF_INVALID, "%s",
	                _("a Taiwan residents' pass number is 8 digits (older passes: 10 letters and digits)"));
}

static lf_verdict check_passport(const char *in, lf_check *out)
{
	char s[WORK_LEN];
	if (tidy(in, s, sizeof s, false)) {
		size_t n = strlen(s);
		if (n >= 5 && n <= 17 && all_alnum(s))
			return vc_accept(out, s);
	}
	return vc_judge(out, LF_INVALID, "%s", _("a passport number is 5 to 17 letters and digits"));
}

static lf_verdict check_permit(const char *in, lf_date today, lf_check *out)
{
	char s[WORK_LEN];
	if (tidy(in, s, sizeof s, false) && strlen(s) == 18 &&
	    (!strncmp(s, "810000", 6) || !strncmp(s, "820000", 6) || !strncmp(s, "830000", 6)))
		return lf_check_id_number(s, today, out);
	return vc_judge(out, LF_INVALID, "%s",
	                _("a residence permit number is 18 characters starting 810000, 820000 or 830000"));
}

static lf_verdict check_note(const char *in, lf_check *out)
{
	char s[sizeof out->normalized];
	if (in && strlen(in) >= sizeof s)
		return vc_judge(out, LF_INVALID, "%s", _("the note is too long: at most 40 characters"));
	snprintf(s, sizeof s, "%s", in ? in : "");
	char *t = vc_trim(s);
	if (!*t)
		return vc_judge(out, LF_INVALID, "%s",
		                _("without a document, write why and how the person can be recognised"));
	return vc_accept(out, t);
}

lf_verdict lf_check_document(lf_doc_type t, const char *in, lf_date today, lf_check *out)
{
	switch (t) {
	case LF_DOC_ID_CARD:
		return lf_check_id_number(in, today, out);
	case LF_DOC_HKMO_PASS:
		vc_begin_check(out);
		return check_hkmo(in, out);
	case LF_DOC_TW_PASS:
		vc_begin_check(out);
		return check_tw(in, out);
	case LF_DOC_RESIDENCE_PERMIT:
		vc_begin_check(out);
		return check_permit(in, today, out);
	case LF_DOC_PASSPORT:
		vc_begin_check(out);
		return check_passport(in, out);
	case LF_DOC_NONE:
		vc_begin_check(out);
		return check_note(in, out);
	default:
		vc_begin_check(out);
		return vc_judge(out, LF_INVALID, "%s", _("unknown document type"));
	}
}

bool lf_doc_key(lf_doc_type t, const char *number, char *out, size_t len)
{
	if (len)
		out[0] = '\0';
	if (t == LF_DOC_NONE || t < 0 || t >= LF_DOC_COUNT || !number || !*number)
		return false;
	char wide[19];
	if (t == LF_DOC_ID_CARD && lf_id_widen(number, wide))
		number = wide;
	return (size_t)snprintf(out, len, "%s", number) < len;
}
