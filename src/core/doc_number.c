/* Document numbers (文号) from the office's pattern. See doc_number.h. */
#include "laifang/doc_number.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"

/* The placeholder at p ("{...}"), as one of these; -1 when unknown. */
enum { PH_CODE, PH_YEAR, PH_N };

static int placeholder(const char *p, size_t *taken)
{
	static const struct {
		const char *text;
		int id;
	} known[] = {{"{代字}", PH_CODE}, {"{code}", PH_CODE}, {"{year}", PH_YEAR}, {"{n}", PH_N}};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		size_t n = strlen(known[i].text);
		if (!strncmp(p, known[i].text, n)) {
			*taken = n;
			return known[i].id;
		}
	}
	return -1;
}

bool lf_doc_number_pattern_valid(const char *pattern, char *why, size_t len)
{
	int years = 0, ns = 0;
	if (!pattern || !pattern[0]) {
		snprintf(why, len, "%s", _("the document number pattern is empty"));
		return false;
	}
	for (const char *p = pattern; *p;) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			snprintf(why, len, "%s", _("the document number pattern holds a control character"));
			return false;
		}
		if (*p == '}') {
			snprintf(why, len, "%s", _("the document number pattern has a } without its {"));
			return false;
		}
		if (*p != '{') {
			p++;
			continue;
		}
		size_t taken = 0;
		int id = placeholder(p, &taken);
		if (id < 0) {
			snprintf(why, len, "%s",
			         _("the document number pattern may hold only {代字}, {year} and {n} between braces"));
			return false;
		}
		years += id == PH_YEAR;
		ns += id == PH_N;
		p += taken;
	}
	if (years != 1 || ns != 1) {
		snprintf(why, len, "%s", _("the document number pattern needs {year} and {n}, once each"));
		return false;
	}
	return true;
}

bool lf_doc_number_format(const char *pattern, const char *code, int year, long long n, char *out, size_t len)
{
	char why[160];
	if (!out || !len)
		return false;
	out[0] = '\0';
	if (!lf_doc_number_pattern_valid(pattern, why, sizeof why) || year < 1 || year > 9999 || n < 1)
		return false;
	size_t used = 0;
	for (const char *p = pattern; *p;) {
		char piece[32];
		const char *add = p;
		size_t add_len = 1, taken = 1;
		if (*p == '{') {
			int id = placeholder(p, &taken);
			if (id == PH_CODE)
				add = code ? code : "";
			else if (id == PH_YEAR)
				snprintf(piece, sizeof piece, "%d", year), add = piece;
			else
				snprintf(piece, sizeof piece, "%lld", n), add = piece;
			add_len = strlen(add);
		}
		if (used + add_len + 1 > len) {
			out[0] = '\0';
			return false;
		}
		memcpy(out + used, add, add_len);
		used += add_len;
		p += taken;
	}
	out[used] = '\0';
	return true;
}
