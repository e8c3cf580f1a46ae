/* A notice's document number (文号, issue 15), distinct from the case
 * number: the office's pattern with the year and the place in the year's
 * series filled in. GB/T 9704 writes it 机关代字〔年份〕序号: the year in
 * 〔〕, the number without leading zeros. Core module: no I/O. */
#ifndef LAIFANG_DOC_NUMBER_H
#define LAIFANG_DOC_NUMBER_H

#include <stdbool.h>
#include <stddef.h>

/* The setting doc_number_pattern's default. {代字} is the setting
 * office_code (empty by default), {year} the year, {n} the number. */
#define LF_DOC_NUMBER_DEFAULT "{代字}信〔{year}〕{n}号"
#define LF_DOC_NUMBER_MAX 256 /* bytes, with the NUL: room for any number a valid pattern gives */

/* A pattern is valid when it holds {year} and {n} once each, no other
 * {...} than {代字} (also spelled {code}), and no control character.
 * False with a translated sentence in why. */
bool lf_doc_number_pattern_valid(const char *pattern, char *why, size_t len);

/* The number: pattern with {代字}/{code} → code (NULL: ""), {year} → year,
 * {n} → n. False (out "") when the pattern is not valid, year or n out of
 * range (1..9999, 1..), or out is too small. */
bool lf_doc_number_format(const char *pattern, const char *code, int year, long long n, char *out, size_t len);

#endif
