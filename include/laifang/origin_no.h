/* The origin of a 复查 case received from a lower office (issue 13; 信访工作
 * 条例 第三十五条): "OFFICE:CASE_NO" checked. Core module: no I/O. */
#ifndef LAIFANG_ORIGIN_NO_H
#define LAIFANG_ORIGIN_NO_H

#include <stdbool.h>
#include <stddef.h>

#define LF_ORIGIN_OFFICE_MAX 100 /* characters of the lower office's name */
#define LF_ORIGIN_CASE_NO_LEN 12 /* "YYYY-NNNNNN" and NUL */

/* "OFFICE:CASE_NO" (the last ':' or '：' splits them): the office's name, one
 * line of 1..100 characters, and the original case number as laifang
 * numbers cases, YYYY-NNNNNN (year 2000..2100, six digits, not all zero).
 * True with both written, or false with a translated sentence naming what
 * is wrong. */
bool lf_origin_parse(const char *spec, char *office, size_t office_len, char case_no[LF_ORIGIN_CASE_NO_LEN],
                     char *why, size_t why_len);
/* The case number alone (the second half of lf_origin_parse). */
bool lf_origin_case_no_valid(const char *no);

#endif
