/* The office's side of the notices' document numbers (文号, issue 15): the
 * pattern and the office's code from the settings (doc_number_pattern,
 * office_code), the year from the office's clock, the number issued or
 * read back by the store (store_notice.h). */
#ifndef LAIFANG_NOTICE_NO_H
#define LAIFANG_NOTICE_NO_H

#include "laifang/store_notice.h"
#include "laifang/store_people.h"

/* The document number of case_id's notice of kind ("accept", "decline"...):
 * issued on the first call (with ground, a decline's ground or NULL), the
 * same on every later one (with the ground recorded then). The caller has
 * opened the case for actor (lf_case_open: a person who may read it). A
 * translated sentence in msg on failure (an archived case without a number
 * cannot be given one: LF_STORE_DENIED). */
lf_store_err lf_notice_number(lf_store *st, const lf_user *actor, const char *case_id, const char *kind,
                              const char *ground, lf_notice_no *out, char *msg, size_t len);

/* The number issued before, without issuing one: LF_STORE_NOTFOUND when
 * the notice has none yet (the desk then asks for a decline's ground). */
lf_store_err lf_notice_number_read(lf_store *st, const char *case_id, const char *kind, lf_notice_no *out);

#endif
