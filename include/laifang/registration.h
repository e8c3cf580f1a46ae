/* Registering a visit: the rules between the sheet a clerk filled in and the
 * store. Both faces (the TUI's sheet and `laifang import`) save through here,
 * so neither can skip a check. */
#ifndef LAIFANG_REGISTRATION_H
#define LAIFANG_REGISTRATION_H

#include "laifang/form.h"
#include "laifang/store.h"
#include "laifang/store_people.h"

/* Check that actor may register (LF_PERM_REGISTER: otherwise -1 with *err
 * LF_STORE_DENIED), check values (one per field of form, as lf_form_check)
 * and, when nothing is LF_INVALID, save them. An empty 接待人员 becomes the
 * actor's name. Warnings do not stop a save (the TUI asks first).
 * Returns:
 *   0  saved (out filled);
 *   1  refused: issues[] holds the problems, *n_issues how many;
 *  -1  the store failed: *err and lf_store_errmsg(st) say why.
 * values[] are normalised in place. */
int lf_registration_save(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                         lf_form_issue *issues, size_t max_issues, size_t *n_issues,
                         lf_saved_case *out, lf_store_err *err);

/* Issue 11: the same, with the clerk's decision whether this visit is the
 * same matter as an earlier one of the visitor's (重复访). Whether it is a
 * repeat is never guessed from the visitor being known: lf_registration_save
 * (and so `laifang import`) saves "not a repeat", and a repeat asked for a
 * visitor with no earlier case is saved as not one. */
int lf_registration_save_repeat(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                                bool repeat, lf_form_issue *issues, size_t max_issues, size_t *n_issues,
                                lf_saved_case *out, lf_store_err *err);
/* A known person (the same document, see lf_doc_key) whose record has
 * another name than the sheet: the clerk decides, nothing decides for them.
 *   LF_IDENTITY_ASK     refuse (return 2, the question in issues[0]);
 *   LF_IDENTITY_KEEP    the record stays; the case keeps the sheet's name;
 *   LF_IDENTITY_UPDATE  the record takes the sheet's name, sex, phone and
 *                       address (audited "visitor.update").
 * A record with the same name is never rewritten (what it lacks is added). */
typedef enum lf_identity_choice {
	LF_IDENTITY_ASK = 0,
	LF_IDENTITY_KEEP,
	LF_IDENTITY_UPDATE,
} lf_identity_choice;

/* lf_registration_save with the clerk's answer to the question above.
 * lf_registration_save is this with LF_IDENTITY_ASK. Returns as
 * lf_registration_save, and 2 when the record's name differs and choice is
 * LF_IDENTITY_ASK: issues[0] (on the name field) asks
 * "此身份证号码登记为陈建国，本次填写陈建新", *n_issues is 1, nothing saved. */
int lf_registration_save_as(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                            lf_identity_choice choice, lf_form_issue *issues, size_t max_issues,
                            size_t *n_issues, lf_saved_case *out, lf_store_err *err);

/* The same question for values already checked: LF_STORE_CONFLICT and the
 * question in msg when the document names a person on record under another
 * name, LF_STORE_OK when not (or 无证件), another error when the store
 * failed. doc_type NULL is 居民身份证; number as lf_check_document left it. */
lf_store_err lf_identity_check(lf_store *st, const char *doc_type, const char *number, const char *name,
                               char *msg, size_t len);

/* Both answers at once: the repeat decision and the identity choice (the
 * sheet asks the identity question after the repeat one). */
int lf_registration_save_full(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                              bool repeat, lf_identity_choice choice, lf_form_issue *issues, size_t max_issues,
                              size_t *n_issues, lf_saved_case *out, lf_store_err *err);

/* The sheet's answers together, with what the clerk saw when answering
 * 重复访: earlier_seen is how many earlier cases of the person the sheet
 * listed (-1: none was looked up, nothing to compare). */
typedef struct lf_sheet_answers {
	bool repeat;
	lf_identity_choice identity;
	int earlier_seen;
} lf_sheet_answers;

/* lf_registration_save_full for the sheet. Returns as it does, and 3 when
 * the person has more cases than the clerk was shown (another desk
 * registered them while this sheet was filled in): nothing is saved and
 * issues[0] (on the ID number field) names the newest case. The sheet then
 * asks 重复访 again with that case listed and saves with the new count. */
int lf_registration_save_answered(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                                  const lf_sheet_answers *answers, lf_form_issue *issues, size_t max_issues,
                                  size_t *n_issues, lf_saved_case *out, lf_store_err *err);

/* Many registrations (`laifang import`) in one transaction: all or nothing.
 * rows[i] holds the values of row i as for lf_registration_save. Returns 0
 * (first and last saved filled), or the failing row's result of
 * lf_registration_save (1 or 2 with its issues, -1 with *err) and its index
 * in *bad; -1 with *bad == n when the transaction could not be committed,
 * and *bad == SIZE_MAX when it could not begin (lf_store_errmsg says why). */
int lf_registration_save_all(lf_store *st, const lf_user *actor, const lf_form_def *form, char **const *rows,
                             size_t n, lf_form_issue *issues, size_t max_issues, size_t *n_issues, size_t *bad,
                             lf_saved_case *first, lf_saved_case *last, lf_store_err *err);

/* Issue 13, every channel in: the same save for any channel's form
 * (forms/registration.form: visit, online; letter.form: letter, fax;
 * call.form: phone). channel: a stored name or alias (channel.h), or NULL
 * for the form's own (the letter form's 来件方式, else the form's kind); a
 * channel registered on another form is refused (1, the issue says why).
 * A letter or call marked 是否匿名：是 is saved without a visitor record;
 * otherwise its writer's name is required, and one without an ID number is
 * recorded as 无证件. The form's fields the case has no column for are
 * saved with it (case_intake). Returns as lf_registration_save_full. */
int lf_intake_save(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                   const char *channel, bool repeat, lf_identity_choice choice, lf_form_issue *issues,
                   size_t max_issues, size_t *n_issues, lf_saved_case *out, lf_store_err *err);
/* lf_registration_save_all with each row's channel (channels NULL: each
 * form's own). */
int lf_intake_save_all(lf_store *st, const lf_user *actor, const lf_form_def *form, char **const *rows,
                       const char *const *channels, size_t n, lf_form_issue *issues, size_t max_issues,
                       size_t *n_issues, size_t *bad, lf_saved_case *first, lf_saved_case *last,
                       lf_store_err *err);
/* Issue 12 (group_sheet.c): the sheet's 来访形式 (visit_kind 个体访 /
 * 集体访), 到访人数 (headcount), representatives rep2_name/rep2_id ..
 * rep5_name/rep5_id (the sheet's visitor is the first of at most
 * LF_MAX_REPRESENTATIVES), 其他电话 (phone_more) and 候谈 (wait 否 / 是).
 * The check puts its problems in issues[] (each LF_INVALID, on its field)
 * and tidies phone_more in place; returns how many. The save follows the
 * case's creation inside its transaction: phones, representatives,
 * headcount, the waiting list. lf_registration_save_full calls both. */
bool lf_group_sheet_is_group(const lf_form_def *form, char **values);
size_t lf_group_sheet_check(const lf_form_def *form, char **values, lf_form_issue *issues, size_t max,
                            size_t *n_issues);
lf_store_err lf_group_sheet_save(lf_store *st, const lf_user *actor, const lf_form_def *form, char **values,
                                 const char *case_id, bool update_visitor, char *msg, size_t len);

#endif
