/* The petition office's suggestions to improve work (改进工作), perfect a
 * policy (完善政策) or hold someone accountable (追究责任), and whether
 * they were adopted: what the annual report must state under
 * 《信访工作条例》第四十一条（三）. Each is recorded and its outcome recorded
 * by a signed, audited entry; neither is ever replaced or deleted.
 *
 * The words (core, src/core/suggestion_words.c) and the office's acts
 * (src/office/suggestion.c). Who: supervisors and leaders (route or
 * instruct) record them and their outcome; whoever may read the
 * statistics lists them. */
#ifndef LAIFANG_SUGGESTION_H
#define LAIFANG_SUGGESTION_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"
#include "laifang/store_people.h"
#include "laifang/store_suggestion.h"

/* "improve", "policy", "accountability" from the id or the Chinese word
 * (改进工作, 完善政策, 追究责任); NULL for anything else. */
const char *lf_suggestion_kind_parse(const char *s);
/* The Chinese word of a kind id ("改进工作"); the id itself when unknown. */
const char *lf_suggestion_kind_word(const char *id);
/* "adopted", "partly", "rejected" from the id or the Chinese word (采纳,
 * 部分采纳, 未采纳); NULL for anything else. */
const char *lf_suggestion_outcome_parse(const char *s);
/* The Chinese word of an outcome ("已采纳"); "尚无结果" for NULL. */
const char *lf_suggestion_outcome_word(const char *id);

/* Record a suggestion: kind (id or word), made_on (YYYY-MM-DD, not after
 * today; NULL or "": today), to whom, what. Its id into id_out. */
lf_store_err lf_suggestion_add(lf_store *st, const lf_user *actor, const char *kind, const char *made_on,
                               const char *addressee, const char *text, char id_out[37], char *msg, size_t len);
/* Record its outcome: outcome (id or word), on (YYYY-MM-DD, not after
 * today; NULL or "": today), a note (may be NULL). */
lf_store_err lf_suggestion_adopt(lf_store *st, const lf_user *actor, const char *id, const char *outcome,
                                 const char *on, const char *note, char *msg, size_t len);
/* Those made in year (0: every year), oldest first. */
lf_store_err lf_suggestion_list(lf_store *st, const lf_user *actor, int year, lf_suggestion_fn fn, void *ud,
                                char *msg, size_t len);

#endif
