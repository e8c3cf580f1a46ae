/* The written answer (信访处理意见书 / 答复意见书), 《信访工作条例》第三十二条:
 * it states the claim, the facts and reasons found, the opinion (予以支持,
 * 解释说明, 不予支持) and its legal basis. Core module: rules only, no I/O.
 * docs/answer.md. */
#ifndef LAIFANG_ANSWER_H
#define LAIFANG_ANSWER_H

#include <stdbool.h>
#include <stddef.h>
#include "laifang/workflow.h"

/* The opinions, art. 32 (一) to (三): "support" (予以支持: the claim is
 * well founded), "explain" (解释说明: reasonable but without legal basis),
 * "reject" (不予支持: no factual basis, or not in accordance with the rules). */
bool lf_answer_opinion_valid(const char *id);
/* The id for an id, its Chinese word (予以支持 / 支持, 解释说明, 不予支持)
 * or its translated label; NULL otherwise. */
const char *lf_answer_opinion_parse(const char *s);
const char *lf_answer_opinion_label(const char *id); /* translated; NULL when unknown */
const char *lf_answer_opinion_word(const char *id);  /* the paper's word: 予以支持...; NULL when unknown */

/* The longest facts-and-reasons and basis texts, in characters. */
#define LF_ANSWER_FACTS_MAX 4000
#define LF_ANSWER_BASIS_MAX 1000

/* Is a reply's written answer complete? opinion an id (after
 * lf_answer_opinion_parse), facts and basis the texts (NULL or blank: not
 * given). required: the reply must carry one (a case this office handled
 * itself); otherwise none at all is fine, but a part given needs the rest.
 * False with a translated sentence in why naming the first thing missing. */
bool lf_answer_check(bool required, const char *opinion, const char *facts, const char *basis, char *why,
                     size_t len);
/* The same, and on refusal *field (when not NULL) the part it is about. */
bool lf_answer_check_field(bool required, const char *opinion, const char *facts, const char *basis, char *why,
                           size_t len, lf_step_field *field);

#endif
