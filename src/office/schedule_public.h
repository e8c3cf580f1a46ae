/* The public schedule as a document (issue 15): rendering the monthly or
 * yearly table to HTML and CSV (schedule_render.c), and its publication:
 * prepared by one person, approved by another after the confidentiality
 * review (schedule_publish.c, schedule_review.c). Private to src/office. */
#ifndef LAIFANG_OFFICE_SCHEDULE_PUBLIC_H
#define LAIFANG_OFFICE_SCHEDULE_PUBLIC_H

#include <stdbool.h>
#include <stdio.h>

#include "laifang/auth.h"
#include "laifang/reception.h"
#include "laifang/settings.h"
#include "laifang/store_reception.h"

typedef struct lf_pub_doc {
	int y, m;                             /* m 0: the whole year */
	bool draft;                           /* 送审稿: awaiting the review, no issue date */
	char office[LF_SETTING_VALUE_MAX];    /* office_name */
	char phone[LF_SETTING_VALUE_MAX];     /* office_phone_booking */
	char contact[LF_SETTING_VALUE_MAX];   /* office_booking_contact */
	char issued[64];                      /* 2026年11月20日, "" in a draft */
	const char *days_off;                 /* "\"2026-12-25\",..." accepted as exceptions, or NULL */
} lf_pub_doc;

/* The office's settings into doc (issued left as it is). */
void lf_pub_doc_settings(lf_store *st, lf_pub_doc *doc);
/* 2026年12月3日 星期四 */
void lf_pub_chinese_date(lf_date d, bool weekday, char *buf, size_t len);
/* The whole document to f; 0, or -1 when out of memory. */
int lf_pub_render(lf_store *st, FILE *f, const lf_pub_doc *doc, const lf_slot_rec *recs, size_t n, bool html);
/* The document written whole to path (safe_file.h, mode 0644): 0 or an errno. */
int lf_pub_write(lf_store *st, const char *path, const lf_pub_doc *doc, const lf_slot_rec *recs, size_t n,
                 bool html);
/* SHA-256 (hex) of the CSV rendering; 0, or -1 when out of memory. */
int lf_pub_csv_sha256(lf_store *st, const lf_pub_doc *doc, const lf_slot_rec *recs, size_t n,
                      char hex[65]);
/* The slots of a month (m 1..12) or a year (m 0); as lf_schedule_month. */
lf_store_err lf_pub_slots(lf_store *st, int y, int m, lf_slot_rec **out, size_t *n);
/* "2026-12" or "2026": the publication's key. */
void lf_pub_key(int y, int m, char *buf, size_t len);

/* Refuse: msg and the store's error receive the text; returns e. */
lf_store_err lf_pub_refuse(lf_store *st, lf_store_err e, char *msg, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* The checks every publication starts with (perm, the month or year, a
 * folder) and its slots (none: refused). */
lf_store_err lf_pub_begin(lf_store *st, const lf_user *actor, lf_perm perm, int y, int m, const char *dir,
                          lf_slot_rec **recs, size_t *n, char *msg, size_t len);
/* Write DIR/schedule-KEY[.draft].html and .csv; sha receives the CSV's
 * SHA-256. 0, or an errno (refused into msg and the store's error). */
int lf_pub_write_pair(lf_store *st, const lf_pub_doc *doc, const char *dir, const lf_slot_rec *recs, size_t n,
                      char *hp, char *cp, size_t plen, char sha[65], char *msg, size_t len);

#endif
