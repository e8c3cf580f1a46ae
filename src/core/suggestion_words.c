/* The words of the office's suggestions (suggestion.h): their kinds under
 * 《信访工作条例》第四十一条（三） and their outcomes. */
#include "laifang/suggestion.h"

#include <string.h>

static const char *const kinds[][2] = {
	{"improve", "改进工作"}, {"policy", "完善政策"}, {"accountability", "追究责任"}};
static const char *const outcomes[][3] = {
	{"adopted", "采纳", "已采纳"}, {"partly", "部分采纳", "部分采纳"}, {"rejected", "未采纳", "未采纳"}};

const char *lf_suggestion_kind_parse(const char *s)
{
	for (size_t i = 0; s && i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(s, kinds[i][0]) || !strcmp(s, kinds[i][1]))
			return kinds[i][0];
	return NULL;
}

const char *lf_suggestion_kind_word(const char *id)
{
	for (size_t i = 0; id && i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(id, kinds[i][0]))
			return kinds[i][1];
	return id ? id : "";
}

const char *lf_suggestion_outcome_parse(const char *s)
{
	for (size_t i = 0; s && i < sizeof outcomes / sizeof *outcomes; i++)
		if (!strcmp(s, outcomes[i][0]) || !strcmp(s, outcomes[i][1]) || !strcmp(s, outcomes[i][2]))
			return outcomes[i][0];
	return NULL;
}

const char *lf_suggestion_outcome_word(const char *id)
{
	for (size_t i = 0; id && i < sizeof outcomes / sizeof *outcomes; i++)
		if (!strcmp(id, outcomes[i][0]))
			return outcomes[i][2];
	return "尚无结果";
}
