/* The written answer's parts, 《信访工作条例》第三十二条 (answer.h). */
#include "laifang/answer.h"

#include <stdio.h>
#include <string.h>

#include "laifang/i18n.h"

static const struct {
	const char *id, *word, *alt, *label;
} opinions[] = {
	{"support", "予以支持", "支持", N_("support (予以支持)")},
	{"explain", "解释说明", "解释", N_("explain (解释说明)")},
	{"reject", "不予支持", "不支持", N_("reject (不予支持)")},
};
#define N_OPINIONS (sizeof opinions / sizeof opinions[0])

static int find(const char *id)
{
	for (size_t i = 0; id && i < N_OPINIONS; i++)
		if (!strcmp(opinions[i].id, id))
			return (int)i;
	return -1;
}

bool lf_answer_opinion_valid(const char *id)
{
	return find(id) >= 0;
}

const char *lf_answer_opinion_parse(const char *s)
{
	for (size_t i = 0; s && i < N_OPINIONS; i++)
		if (!strcmp(s, opinions[i].id) || !strcmp(s, opinions[i].word) || !strcmp(s, opinions[i].alt) ||
		    !strcmp(s, _(opinions[i].label)))
			return opinions[i].id;
	return NULL;
}

const char *lf_answer_opinion_label(const char *id)
{
	int i = find(id);
	return i < 0 ? NULL : _(opinions[i].label);
}

const char *lf_answer_opinion_word(const char *id)
{
	int i = find(id);
	return i < 0 ? NULL : opinions[i].word;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* Characters of UTF-8 text. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

bool lf_answer_check(bool required, const char *opinion, const char *facts, const char *basis, char *why,
                     size_t len)
{
	return lf_answer_check_field(required, opinion, facts, basis, why, len, NULL);
}

bool lf_answer_check_field(bool required, const char *opinion, const char *facts, const char *basis, char *why,
                           size_t len, lf_step_field *field)
{
	if (field)
		*field = LF_IN_NONE;
	bool any = !blank(opinion) || !blank(facts) || !blank(basis);
	if (!required && !any)
		return true;
	if (blank(opinion) || !lf_answer_opinion_valid(opinion)) {
		snprintf(why, len, "%s",
		         _("the written answer (art. 32): the opinion is support (予以支持), explain (解释说明) or "
		           "reject (不予支持)"));
		if (field)
			*field = LF_IN_ANSWER_OPINION;
		return false;
	}
	if (blank(facts)) {
		snprintf(why, len, "%s", _("the written answer (art. 32): give the facts and reasons found"));
		if (field)
			*field = LF_IN_ANSWER_FACTS;
		return false;
	}
	if (blank(basis)) {
		snprintf(why, len, "%s", _("the written answer (art. 32): give the legal basis of the opinion"));
		if (field)
			*field = LF_IN_ANSWER_BASIS;
		return false;
	}
	if (chars(facts) > LF_ANSWER_FACTS_MAX || chars(basis) > LF_ANSWER_BASIS_MAX) {
		snprintf(why, len, _("the written answer: the facts take at most %d characters, the basis %d"),
		         LF_ANSWER_FACTS_MAX, LF_ANSWER_BASIS_MAX);
		return false;
	}
	return true;
}
