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

#endif
