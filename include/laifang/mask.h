/* Masking personal data for lists and for roles that do not need it (PIPL:
 * an ID number is sensitive personal information). Core module. */
#ifndef LAIFANG_MASK_H
#define LAIFANG_MASK_H

#include <stdbool.h>
#include <stddef.h>

/* 440106199001011234 → 440106********1234 (first 6, last 4 kept); shorter
 * or odd values keep at most their first and last quarter. out gets "" for
 * NULL or empty. */
void lf_mask_id_number(const char *id, char *out, size_t len);

/* 13812345678 → 138****5678; 020-83186312 → 020-****6312 (area code and
 * last 4 kept); an extension is dropped. */
void lf_mask_phone(const char *phone, char *out, size_t len);

/* True for the form fields that hold an ID or a phone number ("id_number",
 * "phone"): what an export masks for roles without export_personal_data. */
bool lf_mask_field_personal(const char *field_id);

/* value as an export writes field_id: masked when the field is personal
 * (above) and full is false, else as it is. Returns value itself or out
 * (holding the masked text); NULL stays NULL. */
const char *lf_mask_field(const char *field_id, const char *value, bool full, char *out, size_t len);

#endif
