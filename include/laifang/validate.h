/* The rules of the registration sheet's fields: ID numbers (GB 11643-1999),
 * phone numbers, dates, sex. Core module: no curses, no SQL.
 * Messages are already translated (gettext) and do not name the field;
 * the form layer puts the field's label in front. */
#ifndef LAIFANG_VALIDATE_H
#define LAIFANG_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include "laifang/date.h"

typedef enum lf_verdict {
	LF_VALID = 0, /* accepted as is (after normalisation) */
	LF_WARNING,   /* accepted, but the clerk should look: message says why */
	LF_INVALID    /* refused: message says why */
} lf_verdict;

typedef struct lf_check {
	lf_verdict verdict;
	char message[256];    /* empty when LF_VALID */
	char normalized[128]; /* the value to store when not LF_INVALID */
} lf_check;

/* 身份证号码: 18 characters, 17 digits and a check digit 0-9 or X (x is
 * accepted and stored as X), ISO 7064 MOD 11-2, a real birth date not after
 * today and not before 1900, a plausible region code (first two digits a
 * province-level code). A wrong check digit names the expected one. A 15-digit
 * legacy number is accepted with a warning. Spaces are removed. */
lf_verdict lf_check_id_number(const char *in, lf_date today, lf_check *out);

/* The expected check digit ('0'-'9' or 'X') for 17 digits, or 0 if the
 * argument is not 17 digits. */
char lf_id_check_digit(const char *first17);

/* Birth date and sex ('M' or 'F') encoded in a valid 15- or 18-digit ID number.
 * False if the number does not carry them. */
bool lf_id_birth_date(const char *id, lf_date *out);
char lf_id_sex(const char *id);

/* 联系电话: a mainland mobile (11 digits, 1[3-9]...), or a landline with its
 * area code (010-12345678, 020-83186312, 0990-6245539), optionally followed by
 * an extension ("转123", "ext 123", "-123" after a full number). Spaces and
 * dashes are normalised: mobile as 13812345678, landline as 020-83186312,
 * extension as 020-83186312-123. */
lf_verdict lf_check_phone(const char *in, lf_check *out);

/* A date field: any form lf_date_parse accepts, a real date, not after today.
 * normalized is YYYY-MM-DD. */
lf_verdict lf_check_date(const char *in, lf_date today, lf_check *out);

/* 性别: 男 or 女 (also accepts M/F, m/f). When id_number is a valid ID number
 * whose sex digit disagrees, the verdict is LF_WARNING and the message says
 * what the ID number says. normalized is 男 or 女. */
lf_verdict lf_check_sex(const char *in, const char *id_number, lf_check *out);

/* 性别 filled from the ID number (issue 12, id_sex.c): what the field
 * should hold once the ID number is id_number. The field follows the
 * number only while the clerk has not chosen: when sex_now is empty, or
 * still what the number filled in before (filled_before, NULL when it
 * filled nothing). Then: "男" or "女" as a good number (valid, or a
 * 15-digit one) says, or "" when the number says nothing (empty, invalid)
 * and the field held only the earlier fill. NULL: leave the field as it
 * is (the clerk's own choice, or nothing to change). */
const char *lf_sex_fill(const char *id_number, lf_date today, const char *sex_now, const char *filled_before);

/* A back-dated 接待时间 (issue 12, backdate.c): a visit registered more than
 * LF_BACKDATE_ASK_DAYS calendar days after it happened is saved only once
 * the clerk confirms. True when received is that far before today; *days
 * (if not NULL) gets how many days before today it is. The case keeps the
 * visit's date: its number is of the visit's year and its clocks start
 * from that day (docs/registration.md). */
#define LF_BACKDATE_ASK_DAYS 3
bool lf_backdated(lf_date received, lf_date today, long *days);

/* 其他电话 (issue 12): up to LF_PHONES_MAX numbers separated by spaces,
 * commas, semicolons or 、, each as lf_check_phone; normalized joins the
 * tidied numbers with "、". Empty is valid. */
#define LF_PHONES_MAX 4
#define LF_PHONE_MAX 48
lf_verdict lf_check_phones(const char *in, lf_check *out);
/* The numbers of such a text, at most max into out; returns how many
 * there are (possibly more than max). */
size_t lf_phones_split(const char *in, char out[][LF_PHONE_MAX], size_t max);

#endif
