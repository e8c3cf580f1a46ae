/* 其他电话 (issue 12): several phone numbers in one field, each checked and
 * tidied as 联系电话 is, kept as one text joined by "、". */
#include "laifang/validate.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"

/* A separator between numbers: ASCII space, comma, semicolon, slash, or
 * the Chinese 、，；／ and the full-width space. Returns its length. */
static size_t separator(const char *p)
{
	if (*p == ' ' || *p == ',' || *p == ';' || *p == '/' || *p == '\t')
		return 1;
	static const char *const wide[] = {"、", "，", "；", "／", "　"};
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (!strncmp(p, wide[i], strlen(wide[i])))
			return strlen(wide[i]);
	return 0;
}

size_t lf_phones_split(const char *in, char out[][LF_PHONE_MAX], size_t max)
{
	size_t n = 0;
	const char *p = in ? in : "";
	while (*p) {
		size_t sep;
		while (*p && (sep = separator(p)) > 0)
			p += sep;
		if (!*p)
			break;
		const char *start = p;
		/* A space separates numbers: "138 1234 5678" is three pieces,
		 * refused by name, never guessed at. */
		while (*p && !separator(p))
			p++;
		size_t len = (size_t)(p - start);
		if (n < max) {
			if (len >= LF_PHONE_MAX)
				len = LF_PHONE_MAX - 1;
			memcpy(out[n], start, len);
			out[n][len] = '\0';
		}
		n++;
	}
	return n;
}

lf_verdict lf_check_phones(const char *in, lf_check *out)
{
	char nums[LF_PHONES_MAX + 1][LF_PHONE_MAX];
	memset(out, 0, sizeof *out);
	size_t n = lf_phones_split(in, nums, LF_PHONES_MAX + 1);
	if (n > LF_PHONES_MAX) {
		out->verdict = LF_INVALID;
		snprintf(out->message, sizeof out->message, _("at most %d more numbers"), LF_PHONES_MAX);
		return LF_INVALID;
	}
	lf_verdict worst = LF_VALID;
	for (size_t i = 0; i < n; i++) {
		lf_check c;
		lf_verdict v = lf_check_phone(nums[i], &c);
		if (v == LF_INVALID) {
			out->verdict = LF_INVALID;
			snprintf(out->message, sizeof out->message, "%.40s: %.200s", nums[i], c.message);
			return LF_INVALID;
		}
		if (v == LF_WARNING && worst == LF_VALID) {
			worst = LF_WARNING;
			snprintf(out->message, sizeof out->message, "%.40s: %.200s", nums[i], c.message);
		}
		size_t used = strlen(out->normalized);
		snprintf(out->normalized + used, sizeof out->normalized - used, "%s%s", used ? "、" : "", c.normalized);
	}
	out->verdict = worst;
	return worst;
}
