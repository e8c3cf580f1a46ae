/* The text of a notice to the visitor from its template (forms/notices/
 * KIND.tmpl, issue 15; the format and the variables are in docs/paper.md).
 * Core module: the template's text in, the title and the body out; no I/O.
 *
 * A template: header lines "key: value" (title), a line "---", then the
 * body. Lines starting with '#' are comments. A blank line ends a
 * paragraph; the lines of one paragraph are joined as they are (Chinese
 * needs no space). A paragraph starting with [if var], [if !var],
 * [if var=value] or [if var!=value] is kept only when that holds. {var} is
 * replaced by the variable's value, an empty value by a line to fill in by
 * hand (＿＿＿＿＿＿); a name no notice knows stays as written, so the
 * office sees its mistake on the proof. Each paragraph is indented two
 * full-width spaces unless it starts with '|' (dropped). */
#ifndef LAIFANG_NOTICE_TEXT_H
#define LAIFANG_NOTICE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lf_tmpl_var {
	const char *key, *value; /* value NULL or "": empty */
} lf_tmpl_var;

typedef struct lf_notice_text {
	char *title; /* the header's title ("" when the template has none) */
	char *body;  /* paragraphs separated by "\n\n" */
} lf_notice_text;

/* The blank an empty variable prints as. */
#define LF_TMPL_BLANK "＿＿＿＿＿＿"

/* Render tmpl (len bytes) with vars (n of them). False with a translated
 * sentence in err when the template has no "---" line, or a condition is
 * not closed; out is then empty. Free out with lf_notice_text_free. */
bool lf_notice_render(const char *tmpl, size_t len, const lf_tmpl_var *vars, size_t n, lf_notice_text *out,
                      char *err, size_t errlen);
void lf_notice_text_free(lf_notice_text *t);

/* The grounds of a decline (不予受理) whose routes the decline template
 * tells apart ([if ground=KEY]): each with the 《信访工作条例》 article it
 * rests on. NULL-terminated; see notice_text.c. */
typedef struct lf_decline_ground {
	const char *key;   /* litigation, arbitration, party, administrative, not_competent, pending, final */
	const char *label; /* N_() text for the desk */
	const char *basis; /* the article, in Chinese, as printed */
} lf_decline_ground;
const lf_decline_ground *lf_decline_grounds(void);
const lf_decline_ground *lf_decline_ground_find(const char *key);

#endif
