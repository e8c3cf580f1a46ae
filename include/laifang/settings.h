/* The office's settings: one table of keys with their defaults and limits,
 * so no screen or rule carries its own number. Core module; the values live
 * in the store (lf_store_setting_*). */
#ifndef LAIFANG_SETTINGS_H
#define LAIFANG_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"
#include "laifang/store_people.h"

typedef struct lf_setting_def {
	const char *key;
	int def, min, max;        /* a number's default and limits */
	const char *what;         /* N_() text: what the value means */
	const char *text_def;     /* a text setting's default (not NULL: the setting is text) */
} lf_setting_def;

#define LF_SETTING_TEXT_MAX 64 /* characters */

/* The table, and one entry by key (NULL when unknown). */
const lf_setting_def *lf_settings(size_t *n);
const lf_setting_def *lf_setting_find(const char *key);

/* The value in force: the stored one when it is a number within the
 * limits, else the default. A key not in the table, or a text one, gives 0. */
int lf_setting(lf_store *st, const char *key);

/* A text setting (office_name) into buf: the stored text, else the
 * default. */
void lf_setting_text(lf_store *st, const char *key, char *buf, size_t len);

/* The longest text any setting holds (office_address, forms_document), and
 * room for any value lf_setting_check accepts in UTF-8. */
#define LF_SETTING_TEXT_LONGEST 200
#define LF_SETTING_VALUE_MAX (LF_SETTING_TEXT_LONGEST * 4 + 1)

/* Check a value for the setting d: true and the value as stored in canon
 * (a number in its plain form; a text cleaned and trimmed), or false and
 * msg saying what is allowed. No store: the rule alone. */
bool lf_setting_check(const lf_setting_def *d, const char *value, char *canon, size_t canon_len, char *msg,
                      size_t len);

/* A text setting's length in characters: min to max (an entry with max 0
 * holds 1 to LF_SETTING_TEXT_MAX; min 0 means it may be empty). */
int lf_setting_text_min(const lf_setting_def *d);
int lf_setting_text_max(const lf_setting_def *d);

/* The office as its paper shows it (issue 15): the text settings office_*
 * and forms_document, and annex_labels. Empty strings for what is not set
 * (name is never empty: its default is 信访办公室). */
typedef struct lf_office_info {
	char name[LF_SETTING_VALUE_MAX];
	char address[LF_SETTING_VALUE_MAX];
	char phone_inquiry[LF_SETTING_VALUE_MAX];
	char phone_booking[LF_SETTING_VALUE_MAX];
	char booking_contact[LF_SETTING_VALUE_MAX];
	char seal_name[LF_SETTING_VALUE_MAX]; /* the seal's name, else the office's */
	char forms_document[LF_SETTING_VALUE_MAX];
	bool annex_labels;
} lf_office_info;

/* Read them (st NULL: the defaults). */
void lf_office_info_read(lf_store *st, lf_office_info *out);

/* The annex label of a form ("附件3" for annex "3"), "" when the office does
 * not print annex labels or the form has none. */
void lf_office_annex_label(const lf_office_info *o, const char *annex, char *buf, size_t len);

/* The line under a form's title naming the document it belongs to:
 * "《2026 年度…通知》" (the value in 《》 unless it has them), followed
 * by the annex label when those are printed; "" when forms_document is
 * empty. The screen shows it with the office's name in front (with_office). */
void lf_office_source_line(const lf_office_info *o, const char *annex, bool with_office, char *buf, size_t len);

/* An administrator sets a value: a whole number within the key's limits,
 * or for a text setting one line of at most LF_SETTING_TEXT_MAX characters
 * (LF_STORE_INVALID and msg otherwise; LF_STORE_DENIED without
 * LF_PERM_ADMINISTER). Audited by the store. */
lf_store_err lf_setting_set(lf_store *st, const lf_user *actor, const char *key, const char *value, char *msg,
                            size_t len);

/* A training database's fixed day (YYYY-MM-DD, the property "training_date"
 * of the database, not a setting of the table): set once when the database
 * is made (laifang init --training; no user exists yet), read at every
 * start. lf_training_day is false, buf "", for a production database. */
lf_store_err lf_training_day_set(lf_store *st, const char *day);
bool lf_training_day(lf_store *st, char *buf, size_t len);

#endif
