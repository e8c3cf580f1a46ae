/* The channels a petition comes in by (信访工作条例 第十七条: 信息网络、
 * 书信、电话、传真、走访) and the form each is registered on. Core module:
 * rules only. */
#ifndef LAIFANG_CHANNEL_H
#define LAIFANG_CHANNEL_H

/* The stored name ("visit", "letter", "fax", "phone", "online") of a
 * channel given as a stored name, an alias ("telephone") or its Chinese
 * word (来访, 来信, 传真, 来电, 网上信访); NULL when it is none. */
const char *lf_channel_parse(const char *s);
/* The form a channel is registered on: "registration" (visit, online),
 * "letter" (letter, fax), "call" (phone). */
const char *lf_channel_form(const char *channel);
/* The channel a form registers when nothing says otherwise. */
const char *lf_channel_of_form(const char *form_id);
/* The translated word for a stored channel (来访, 来信...); the text itself
 * for anything else. */
const char *lf_channel_label(const char *channel);

/* The regulation's categories (第二十九至三十一条), stored names
 * "suggestion" (建议意见类), "accusation" (检举控告类), "claim" (申诉求决类). */
const char *lf_category_parse(const char *s);
const char *lf_category_label(const char *category);
/* Whether a case of this category may take the routing step (workflow.h:
 * LF_STEP_IN_HOUSE, TRANSFER, ASSIGN); why not, in why, when it may not.
 * 检举控告类 goes to discipline inspection or to the competent agency
 * (第三十条): not handled in-house. A case not screened into a category
 * (NULL, older cases) takes any route. */
#include <stdbool.h>
#include <stddef.h>
bool lf_category_allows_route(const char *category, int step, char *why, size_t len);
/* The route out of this office that a category has of its own (issue 13):
 * an accusation is referred to discipline inspection (LF_STEP_REFER, 第三十
 * 条), a claim with a matter of litigation goes to the political-legal
 * organs (LF_STEP_REFER_LAW, 第二十二条第二款, 第三十一条第（一）项); a
 * suggestion has none (false). Both steps refuse the other categories. */
bool lf_category_route_of(const char *category, int *step);

#endif
