/* Supervision levels (supervision.h). */
#include "laifang/supervision.h"

#include <string.h>

static const struct {
	const char *id, *word, *article;
} levels[] = {
	{"notice", "督办通知", "第四十条第一款"},
	{"interview", "约谈", "第三十九条第三款"},
	{"bulletin", "通报", "第三十九条第三款"},
	{"listed", "挂牌督办", "第三十九条第三款"},
};
#define N_LEVELS (sizeof levels / sizeof levels[0])

const char *lf_supervision_level_parse(const char *s)
{
	for (size_t i = 0; s && i < N_LEVELS; i++)
		if (!strcmp(s, levels[i].id) || !strcmp(s, levels[i].word))
			return levels[i].id;
	return NULL;
}

bool lf_supervision_level_valid(const char *id)
{
	for (size_t i = 0; id && i < N_LEVELS; i++)
		if (!strcmp(id, levels[i].id))
			return true;
	return false;
}

const char *lf_supervision_level_word(const char *id)
{
	for (size_t i = 0; id && i < N_LEVELS; i++)
		if (!strcmp(id, levels[i].id))
			return levels[i].word;
	return NULL;
}

const char *lf_supervision_level_article(const char *id)
{
	for (size_t i = 0; id && i < N_LEVELS; i++)
		if (!strcmp(id, levels[i].id))
			return levels[i].article;
	return "";
}
