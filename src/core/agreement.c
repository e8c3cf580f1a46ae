/* Mediation and settlement agreements (agreement.h). */
#include "laifang/agreement.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"

static const struct {
	const char *id, *word, *title;
} kinds[] = {
	{"mediation", "调解", "调解协议书"},
	{"settlement", "和解", "和解协议书"},
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

const char *lf_agreement_kind_parse(const char *s)
{
	for (size_t i = 0; s && i < N_KINDS; i++)
		if (!strcmp(s, kinds[i].id) || !strcmp(s, kinds[i].word))
			return kinds[i].id;
	return NULL;
}

const char *lf_agreement_title(const char *kind)
{
	for (size_t i = 0; kind && i < N_KINDS; i++)
		if (!strcmp(kind, kinds[i].id))
			return kinds[i].title;
	return NULL;
}

const char *lf_agreement_word(const char *kind)
{
	for (size_t i = 0; kind && i < N_KINDS; i++)
		if (!strcmp(kind, kinds[i].id))
			return kinds[i].word;
	return NULL;
}

/* The length of a separator at p (、 ， ； in UTF-8, or , ; \n \r), 0 if none. */
static size_t separator(const char *p)
{
	static const char *const wide[] = {"、", "，", "；"};
	if (*p == ',' || *p == ';' || *p == '\n' || *p == '\r')
		return 1;
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (!strncmp(p, wide[i], strlen(wide[i])))
			return strlen(wide[i]);
	return 0;
}

int lf_agreement_parties_norm(const char *in, char *out, size_t len)
{
	int n = 0;
	size_t used = 0;
	if (len)
		out[0] = '\0';
	for (const char *p = in ? in : ""; *p;) {
		size_t sep;
		while (*p && ((sep = separator(p)) || *p == ' ' || *p == '\t'))
			p += sep ? sep : 1;
		const char *start = p;
		while (*p && !separator(p))
			p++;
		const char *end = p;
		while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end == start)
			continue;
		n++;
		size_t k = (size_t)(end - start);
		if (len && used + k + 2 <= len) {
			if (used)
				out[used++] = '\n';
			memcpy(out + used, start, k);
			used += k;
			out[used] = '\0';
		}
	}
	return n;
}

bool lf_agreement_allowed(lf_case_state from, const lf_agreement_input *in, char *why, size_t len)
{
	if (!in->kind) {
		snprintf(why, len, "%s", _("agreement: the kind is mediation (调解) or settlement (和解)"));
		return false;
	}
	/* 第三十三条: "在处理……过程中": while the matter is handled, before its
	 * written answer closes the handling (第三十二条). */
	if (from != LF_ST_HANDLING && from != LF_ST_REPORTED) {
		snprintf(why, len, _("an agreement (%s) is reached while the case is handled, before the answer; the case is %s"),
		         lf_agreement_word(in->kind), lf_state_label(from));
		return false;
	}
	if (!in->category || strcmp(in->category, "claim")) {
		snprintf(why, len, "%s",
		         _("mediation and settlement are for claims (申诉求决类, 第三十三条): accept the case as a claim"));
		return false;
	}
	if (in->n_parties < 2) {
		snprintf(why, len, "%s", _("agreement: name both parties to the dispute (at least two)"));
		return false;
	}
	if (in->n_parties > LF_AGREEMENT_PARTIES_MAX) {
		snprintf(why, len, _("agreement: at most %d parties"), LF_AGREEMENT_PARTIES_MAX);
		return false;
	}
	if (!in->has_terms) {
		snprintf(why, len, "%s", _("agreement: write the terms the parties agreed"));
		return false;
	}
	if (!strcmp(in->kind, "mediation") && !in->has_mediator) {
		snprintf(why, len, "%s", _("a mediation agreement is signed by its mediator: name the mediator"));
		return false;
	}
	if (!strcmp(in->kind, "settlement") && in->has_mediator) {
		snprintf(why, len, "%s", _("a settlement is reached by the parties themselves: it has no mediator"));
		return false;
	}
	return true;
}
