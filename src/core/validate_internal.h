/* Private to the field checks (validate.c, validate_phone.c,
 * validate_text.c): limits, results and text helpers. */
#ifndef LAIFANG_VALIDATE_INTERNAL_H
#define LAIFANG_VALIDATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/validate.h"

/* Longest input (after folding) any check looks at; longer is refused. */
#define WORK_LEN 128

#define ID_LEN 18
#define LEGACY_ID_LEN 15

#define PHONE_MAX_DIGITS 32
#define PHONE_MAX_GROUPS 16
#define EXT_MAX_DIGITS 6

void vc_begin_check(lf_check *out);
/* Record a refusal or a warning and its message. A refusal stores nothing. */
__attribute__((format(printf, 3, 4)))
lf_verdict vc_judge(lf_check *out, lf_verdict v, const char *fmt, ...);
lf_verdict vc_accept(lf_check *out, const char *normalized);

/* Copy in to buf (size n) with full-width forms turned into ASCII; other
 * text is copied unchanged. False if it does not fit. */
bool vc_fold_ascii(const char *in, char *buf, size_t n);
bool vc_is_blank(char c);
bool vc_is_digit(char c);
bool vc_is_letter(char c);
char vc_lower(char c);
/* s without leading and trailing blanks (cut in place). */
char *vc_trim(char *s);
void vc_drop_blanks(char *s);
/* True if the first n characters of s are digits (stops at the NUL). */
bool vc_all_digits(const char *s, size_t n);
int vc_number_at(const char *s, size_t n);

#endif
