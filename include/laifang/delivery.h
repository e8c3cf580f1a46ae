/* Delivery (送达, issue 13) of a notice to the visitor: how it was
 * delivered (当面 in person, 邮寄 by post with its tracking number, 电子
 * electronically, 其他 otherwise, with a note), the day, and whether the
 * visitor signed the receipt (送达回证) or refused it (拒签, with a note of
 * the witnesses). Core module: the methods and the rules, no I/O. The
 * office records a delivery with lf_case_deliver (case_deliver.h). */
#ifndef LAIFANG_DELIVERY_H
#define LAIFANG_DELIVERY_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/auth.h"
#include "laifang/date.h"

typedef enum lf_delivery_method {
	LF_DELIVER_IN_PERSON,  /* 当面 (直接送达) */
	LF_DELIVER_POST,       /* 邮寄, with a tracking number */
	LF_DELIVER_ELECTRONIC, /* 电子 */
	LF_DELIVER_OTHER,      /* 其他, with a note saying how */
	LF_DELIVER_COUNT
} lf_delivery_method;

#define LF_DELIVERY_TRACKING_MAX 40 /* characters */
#define LF_DELIVERY_NOTE_MAX 500    /* characters */

/* "in_person", "post", "electronic", "other" (as stored); the translated
 * label; the key parsed back, also from the Chinese words 当面, 邮寄, 电子,
 * 其他. */
const char *lf_delivery_method_key(lf_delivery_method m);
const char *lf_delivery_method_label(lf_delivery_method m);
bool lf_delivery_method_parse(const char *key, lf_delivery_method *out);

/* What a person says of one delivery, cleaned (lf_text_clean) and trimmed
 * by the caller. tracking and note may be NULL or "". */
typedef struct lf_delivery_in {
	lf_delivery_method method;
	const char *tracking;
	lf_date on;
	bool refused;
	const char *note;
} lf_delivery_in;

/* The rules: a known method; post needs its tracking number (letters,
 * digits and '-', at most LF_DELIVERY_TRACKING_MAX); other needs a note
 * saying how; a refusal needs a note of the witnesses; the day is a real
 * date, not after today and not before made (the day the notice was
 * issued); a note of at most LF_DELIVERY_NOTE_MAX characters. False with a
 * translated sentence naming the field in why. */
bool lf_delivery_check(const lf_delivery_in *d, lf_date today, lf_date made, char *why, size_t len);

/* The permission that records the delivery of a notice of kind (its
 * step's: accept, decline and refer LF_PERM_SCREEN; transfer, assign and
 * extend LF_PERM_ROUTE; answer LF_PERM_REPLY). False for an unknown kind. */
bool lf_delivery_perm(const char *notice_kind, lf_perm *out);
/* Whether roles may record the delivery of a notice of kind: its
 * permission (lf_delivery_perm), and for the written answer a supervisor's
 * (LF_PERM_ROUTE) as well. */
bool lf_delivery_allowed(const char *kind, unsigned roles);

/* Does the delivery of a notice of kind tell the visitor in writing
 * whether and where the petition goes (《信访工作条例》第二十三条: within 15
 * days), so that it meets the notification clock (clocks.h
 * LF_CLOCK_NOTIFY)? accept, decline, refer, transfer, assign. */
bool lf_delivery_notifies(const char *notice_kind);

/* The Chinese title of a notice of kind as printed (信访事项受理告知书...),
 * "" for an unknown kind. Not translated: it is the document's name. */
const char *lf_delivery_notice_title(const char *notice_kind);

/* One line for a timeline: "受理告知书 穗信〔2026〕1号: in person, 2026-11-23,
 * signed" (translated; the title is the notice's own Chinese title, given
 * by the caller). */
void lf_delivery_line(const char *title, const char *doc_no, const lf_delivery_in *d, char *buf, size_t len);

#endif
