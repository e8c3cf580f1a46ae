/* The origin of a 复查 case from a lower office: "OFFICE:CASE_NO"
 * (origin_no.h). */
#include "laifang/origin_no.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"
#include "laifang/text.h"

bool lf_origin_case_no_valid(const char *no)
{
	if (!no || strlen(no) != 11 || no[4] != '-')
		return false;
	int year = 0;
	bool nonzero = false;
	for (int i = 0; i < 11; i++) {
		if (i == 4)
			continue;
		if (no[i] < '0' || no[i] > '9')
			return false;
		if (i < 4)
			year = year * 10 + (no[i] - '0');
		else if (no[i] != '0')
			nonzero = true;
	}
	return year >= 2000 && year <= 2100 && nonzero;
}

/* One line of printable text: no control character (a tab or a newline
 * included). */
static bool one_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

bool lf_origin_parse(const char *spec, char *office, size_t office_len, char case_no[LF_ORIGIN_CASE_NO_LEN],
                     char *why, size_t why_len)
{
	static const char wide[] = "\xef\xbc\x9a"; /* ：, as a Chinese keyboard types it */
	const char *ascii = spec ? strrchr(spec, ':') : NULL, *w = NULL;
	for (const char *p = spec ? strstr(spec, wide) : NULL; p; p = strstr(p + 1, wide))
		w = p;
	const char *sep = ascii && (!w || ascii > w) ? ascii : w;
	size_t sep_len = sep == ascii ? 1 : 3;
	if (office_len)
		office[0] = '\0';
	case_no[0] = '\0';
	if (!spec || !sep) {
		snprintf(why, why_len, "%s",
		         _("review of: write the lower office and its case number as OFFICE:CASE_NO "
		           "(城关区信访局:2026-000012)"));
		return false;
	}
	/* The office's name, without the spaces around it. */
	const char *a = spec, *b = sep;
	while (a < b && *a == ' ')
		a++;
	while (b > a && b[-1] == ' ')
		b--;
	size_t n = (size_t)(b - a);
	char name[4 * LF_ORIGIN_OFFICE_MAX + 1];
	if (n < sizeof name) {
		memcpy(name, a, n);
		name[n] = '\0';
	}
	if (!n || n >= sizeof name || !one_line(a, n) || lf_text_chars(name) > LF_ORIGIN_OFFICE_MAX ||
	    n + 1 > office_len) {
		snprintf(why, why_len, _("review of: the lower office's name is 1 to %d characters on one line"),
		         LF_ORIGIN_OFFICE_MAX);
		return false;
	}
	const char *no = sep + sep_len;
	while (*no == ' ')
		no++;
	char trimmed[32];
	snprintf(trimmed, sizeof trimmed, "%s", no);
	for (size_t k = strlen(trimmed); k > 0 && trimmed[k - 1] == ' ';)
		trimmed[--k] = '\0';
	if (strlen(no) >= sizeof trimmed || !lf_origin_case_no_valid(trimmed)) {
		snprintf(why, why_len,
		         _("review of: \"%.40s\" is not a case number; the original case's number is YYYY-NNNNNN "
		           "(2026-000012)"),
		         no);
		return false;
	}
	memcpy(office, a, n);
	office[n] = '\0';
	memcpy(case_no, trimmed, LF_ORIGIN_CASE_NO_LEN);
	return true;
}
