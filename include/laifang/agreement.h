/* Mediation (调解) and settlement (和解), 《信访工作条例》第三十三条: while
 * handling a claim (申诉求决类), with both parties' consent, the handling
 * unit may mediate, or guide the parties to settle on their own; an
 * agreement reached is written as a 调解协议书 or 和解协议书. Core module:
 * no SQL, no I/O. The agreement is an event "mediate" whose reason is the
 * kind, whose text is the terms, with the parties and the mediator
 * (store_flow.h); it leaves the case's state and clocks as they are: the
 * handling still ends with the written answer of 第三十二条, which states
 * the agreement (docs/agreement.md says why). */
#ifndef LAIFANG_AGREEMENT_H
#define LAIFANG_AGREEMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/workflow.h"

/* "mediation" (调解) or "settlement" (和解): the id for an id or its
 * Chinese word (调解, 和解); NULL otherwise. */
const char *lf_agreement_kind_parse(const char *s);
/* The printed title: 调解协议书 / 和解协议书; NULL when unknown. */
const char *lf_agreement_title(const char *kind);
/* The Chinese word: 调解 / 和解; NULL when unknown. */
const char *lf_agreement_word(const char *kind);

/* At most this many parties, each a name of at most LF_AGREEMENT_NAME_MAX
 * characters. */
#define LF_AGREEMENT_PARTIES_MAX 10
#define LF_AGREEMENT_NAME_MAX 60

/* Split a list of parties ("张三、某某公司", by 、 ， , ; ； or new lines)
 * into out as one name a line, trimmed, empties dropped; returns how many
 * (may exceed LF_AGREEMENT_PARTIES_MAX: only the count is then right). */
int lf_agreement_parties_norm(const char *in, char *out, size_t len);

/* What an agreement brings. */
typedef struct lf_agreement_input {
	const char *kind;     /* lf_agreement_kind_parse's id, or NULL when not understood */
	const char *category; /* the case's category at screening ("claim"...), NULL when none */
	int n_parties;        /* lf_agreement_parties_norm's count */
	bool has_terms;       /* the agreed terms are written */
	bool has_mediator;    /* a mediator is named (a mediation needs one, a settlement has none) */
} lf_agreement_input;

/* May an agreement be recorded on a case in state from? Only while the
 * matter is handled and before the answer (handling, reported), only for
 * a claim (申诉求决类: the article's own scope), with two parties at least
 * (both sides: "争议双方当事人"), the terms, and for a mediation its
 * mediator. True, or false with a translated sentence in why. */
bool lf_agreement_allowed(lf_case_state from, const lf_agreement_input *in, char *why, size_t len);

#endif
