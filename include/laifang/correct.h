/* A saved registration corrected, and its repeat flag decided (issue 11).
 * Core module: who may, until when, the field's own check from the
 * registration form; the store (store_correct.h) keeps the old value in the
 * timeline and the audit log. The visitor record is never changed by a
 * correction of a case's words.
 *
 * Who: the clerk who registered the case (LF_PERM_REGISTER and the case's
 * receptionist), or a role with LF_PERM_CORRECT_REGISTRATION (supervisors).
 * Until: the case is screened. A correction of a case in any other state is
 * refused with a sentence naming the state; an archived case with the
 * archive gate's. Every refusal is LF_STORE_DENIED (who, when),
 * LF_STORE_INVALID (the value), LF_STORE_CONFLICT (another desk changed the
 * field or moved the case since it was read: nothing is written, the
 * sentence names both values) or LF_STORE_NOTFOUND, with msg saying why. */
#ifndef LAIFANG_CORRECT_H
#define LAIFANG_CORRECT_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"
#include "laifang/store_correct.h"
#include "laifang/store_people.h"

/* The fields a correction may change, in the sheet's order. */
extern const char *const lf_correct_fields[];
#define LF_CORRECT_N_FIELDS 5
bool lf_correct_field_known(const char *field);

/* LF_STORE_OK when actor may correct the case's registration now; the
 * refusal otherwise (the TUI asks before it opens the form). */
lf_store_err lf_case_correct_check(lf_store *st, const lf_user *actor, const char *case_key, char *msg,
                                   size_t len);

/* Correct one field: value is checked as the sheet checks it (and
 * normalised). expect_old: the value the person saw (NULL: do not compare;
 * the command line). On success msg may hold a warning of the field's check
 * (the value was saved). */
lf_store_err lf_case_correct(lf_store *st, const lf_user *actor, const char *case_key, const char *field,
                             const char *value, const char *expect_old, char *msg, size_t len);

/* 重复访: whether this visit is the same matter as an earlier one. The
 * clerk who registered the case or a supervisor, in any state but archived;
 * a case whose visitor has no other case cannot be a repeat. Timeline event
 * "repeat" (old → new), audited. */
lf_store_err lf_case_set_repeat(lf_store *st, const lf_user *actor, const char *case_key, bool repeat, char *msg,
                                size_t len);

/* The earlier cases of the person with this ID number, newest first (at
 * most limit; *total all of them), exclude left out (NULL: none), for the
 * sheet's question. Needs LF_PERM_LOOKUP_VISITOR (the lookup itself is
 * audited by lf_visitor_lookup) or LF_PERM_CORRECT_REGISTRATION. The
 * content of a case referred to discipline inspection is left out (NULL)
 * unless the actor reads referrals. */
lf_store_err lf_visitor_earlier_cases(lf_store *st, const lf_user *actor, const char *id_number, const char *exclude,
                                      int limit, lf_earlier_fn fn, void *ud, int *total, char *msg, size_t len);

/* "2026-000001  2026-11-20  待甄别  再次反映单位拖欠工资…": one earlier case
 * as a line, the content cut after words characters. */
void lf_earlier_case_line(const lf_earlier_case *c, size_t words, char *buf, size_t len);

/* Issue 13 (review_final.c): does the person with this ID number have a
 * case (exclude left out) whose re-review opinion (复核意见) is given? Then
 * the same facts and reasons are not accepted again (《信访工作条例》第三十六
 * 条): true, and note (if not NULL) receives the translated warning
 * (lf_review_final_note) for the sheet. Never refuses a registration: the
 * clerk judges whether it is the same matter. Reads as
 * lf_visitor_earlier_cases (its permission); false when it may not. */
bool lf_visitor_review_final(lf_store *st, const lf_user *actor, const char *id_number, const char *exclude,
                             char *note, size_t len);

/* 同一事项正在办理 (same_matter.c, 《信访工作条例》第十九条第三款): how many of
 * the person's cases (exclude left out) are still in the office's hands
 * (lf_status_in_progress); note (if not NULL) receives the translated
 * warning (lf_same_matter_note) when any. Never refuses: the clerk judges
 * whether it is the same matter. Reads as lf_visitor_earlier_cases (its
 * permission); 0 when it may not. */
int lf_visitor_in_progress(lf_store *st, const lf_user *actor, const char *id_number, const char *exclude,
                           char *note, size_t len);

#endif
