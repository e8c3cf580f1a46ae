/* The query code (查询码) of a case: the rule alone (core module, no I/O).
 * Eight characters of an alphabet of 32 that has no look-alikes (no 0/O,
 * 1/I): 40 bits, read aloud or typed without doubt, shown in two groups
 * as "7KQ3-M9XA". The random bytes come from the caller (the store uses
 * libsodium's randombytes_buf). */
#ifndef LAIFANG_QUERY_CODE_H
#define LAIFANG_QUERY_CODE_H

#include <stdbool.h>
#include <stddef.h>

#define LF_QUERY_CODE_CHARS 8
#define LF_QUERY_CODE_LEN (LF_QUERY_CODE_CHARS + 1)   /* as stored: "7KQ3M9XA" */
#define LF_QUERY_CODE_SHOWN (LF_QUERY_CODE_CHARS + 2) /* as shown: "7KQ3-M9XA" */

/* The alphabet: 2-9 and A-Z without I and O (32 characters). */
extern const char lf_query_code_alphabet[];

/* A code from LF_QUERY_CODE_CHARS random bytes (each byte's low 5 bits:
 * 32 divides 256, so every character is equally likely). */
void lf_query_code_from_bytes(const unsigned char rnd[LF_QUERY_CODE_CHARS], char out[LF_QUERY_CODE_LEN]);

/* What a person typed ("7kq3-m9xa", "7KQ3 M9XA") as stored: upper case,
 * spaces and hyphens dropped. False when it is not a code (length, or a
 * character outside the alphabet: 0, O, 1, I...). */
bool lf_query_code_parse(const char *typed, char out[LF_QUERY_CODE_LEN]);

/* A stored code as shown: "7KQ3-M9XA" (the text itself when not 8 long). */
void lf_query_code_show(const char *code, char *out, size_t len);

#endif
