/* Channels and categories: names, words and forms (channel.h). */
#include "laifang/channel.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "laifang/i18n.h"
#include "laifang/workflow.h"

#include <stdio.h>

static const struct {
	const char *name, *form, *label;
	const char *aliases[3];
} channels[] = {
	{"visit", "registration", N_("visit (来访)"), {"来访", "走访", NULL}},
	{"letter", "letter", N_("letter (来信)"), {"来信", "书信", NULL}},
	{"fax", "letter", N_("fax (传真)"), {"传真", NULL, NULL}},
	{"phone", "call", N_("phone call (来电)"), {"来电", "telephone", "电话"}},
	{"online", "registration", N_("online (网上信访)"), {"网上信访", "网上", NULL}},
};
#define N_CHANNELS (sizeof channels / sizeof channels[0])

const char *lf_channel_parse(const char *s)
{
	if (!s)
		return NULL;
	for (size_t i = 0; i < N_CHANNELS; i++) {
		if (!strcasecmp(s, channels[i].name))
			return channels[i].name;
		for (size_t k = 0; k < 3 && channels[i].aliases[k]; k++)
			if (!strcasecmp(s, channels[i].aliases[k]))
				return channels[i].name;
	}
	return NULL;
}

const char *lf_channel_form(const char *channel)
{
	for (size_t i = 0; channel && i < N_CHANNELS; i++)
		if (!strcmp(channel, channels[i].name))
			return channels[i].form;
	return "registration";
}

const char *lf_channel_of_form(const char *form_id)
{
	if (form_id && !strcmp(form_id, "letter"))
		return "letter";
	if (form_id && !strcmp(form_id, "call"))
		return "phone";
	return "visit";
}

const char *lf_channel_label(const char *channel)
{
	for (size_t i = 0; channel && i < N_CHANNELS; i++)
		if (!strcmp(channel, channels[i].name))
			return _(channels[i].label);
	return channel ? channel : "";
}

static const struct {
	const char *name, *label, *word;
} categories[] = {
	{"suggestion", N_("建议意见类 (suggestion)"), "建议意见类"},
	{"accusation", N_("检举控告类 (accusation)"), "检举控告类"},
	{"claim", N_("申诉求决类 (claim)"), "申诉求决类"},
};

const char *lf_category_parse(const char *s)
{
	for (size_t i = 0; s && i < sizeof categories / sizeof categories[0]; i++)
		if (!strcasecmp(s, categories[i].name) || !strcmp(s, categories[i].word))
			return categories[i].name;
	return NULL;
}

const char *lf_category_label(const char *category)
{
	for (size_t i = 0; category && i < sizeof categories / sizeof categories[0]; i++)
		if (!strcmp(category, categories[i].name))
			return _(categories[i].label);
	return category ? category : "";
}

bool lf_category_allows_route(const char *category, int step, char *why, size_t len)
{
	if (category && !strcmp(category, "accusation") && step == LF_STEP_IN_HOUSE) {
		if (why && len)
			snprintf(why, len, "%s",
			         _("an accusation (检举控告类) is handled by discipline inspection or by the competent "
			           "agency (信访工作条例 第三十条): transfer it, or refer it to discipline inspection; "
			           "it is not handled in-house"));
		return false;
	}
	/* 诉访分离: a matter of litigation (第三十一条第（一）项) is a claim;
	 * a suggestion or an accusation has none. */
	if (category && strcmp(category, "claim") && step == LF_STEP_REFER_LAW) {
		if (why && len)
			snprintf(why, len, "%s",
			         _("category: only a claim (申诉求决类) whose matter belongs to litigation goes to the "
			           "political-legal organs (信访工作条例 第二十二条第二款、第三十一条第（一）项)"));
		return false;
	}
	/* An accusation goes to discipline inspection (第三十条); the referral
	 * makes the case one (caseflow_kind.c). */
	if (category && strcmp(category, "accusation") && step == LF_STEP_REFER) {
		if (why && len)
			snprintf(why, len, "%s",
			         _("category: a referral to discipline inspection is an accusation (检举控告类)"));
		return false;
	}
	return true;
}

bool lf_category_route_of(const char *category, int *step)
{
	if (category && !strcmp(category, "accusation")) {
		*step = LF_STEP_REFER;
		return true;
	}
	if (category && !strcmp(category, "claim")) {
		*step = LF_STEP_REFER_LAW;
		return true;
	}
	return false;
}
