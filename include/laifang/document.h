/* 证件类型: the documents a visitor can be registered with, each with its own
 * check, and the key that names one person (a 15-digit ID number and its
 * 18-digit form are the same person). Core module: no curses, no SQL. */
#ifndef LAIFANG_DOCUMENT_H
#define LAIFANG_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/date.h"
#include "laifang/validate.h"

typedef enum lf_doc_type {
	LF_DOC_UNKNOWN = -1,
	LF_DOC_ID_CARD = 0,         /* 居民身份证 (the default) */
	LF_DOC_HKMO_PASS,           /* 港澳居民来往内地通行证: H or M and 8 or 10 digits */
	LF_DOC_TW_PASS,             /* 台湾居民来往大陆通行证: 8 digits (older: 10 letters/digits) */
	LF_DOC_RESIDENCE_PERMIT,    /* 港澳台居民居住证: 18 digits from 810000/820000/830000 */
	LF_DOC_PASSPORT,            /* 护照: 5 to 17 letters and digits */
	LF_DOC_NONE,                /* 无证件: a note instead of a number */
	LF_DOC_COUNT
} lf_doc_type;

/* The stored and printed name (居民身份证...). */
const char *lf_doc_type_name(lf_doc_type t);
/* A name as lf_doc_type_name gives it, or a short ASCII word (id, hkmo, tw,
 * permit, passport, none); NULL or "" is 居民身份证; LF_DOC_UNKNOWN else. */
lf_doc_type lf_doc_type_parse(const char *s);

/* Check a document number by its type (for LF_DOC_NONE: the required note,
 * any text). normalized is what the case keeps as typed, tidied (a 15-digit
 * ID number stays 15 digits: see lf_doc_key). */
lf_verdict lf_check_document(lf_doc_type t, const char *in, lf_date today, lf_check *out);

/* The 18-digit form of a 15-digit ID number ("19" after the area code, the
 * check digit of GB 11643); false unless id15 is 15 digits. */
bool lf_id_widen(const char *id15, char out[19]);

/* The number that names the person in the visitor record: the 18-digit form
 * of an ID number, the number itself for other documents; false (out empty)
 * for LF_DOC_NONE or a number its check refuses. normalized_number is a
 * value lf_check_document accepted. */
bool lf_doc_key(lf_doc_type t, const char *normalized_number, char *out, size_t len);

#endif
