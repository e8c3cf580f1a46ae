/* laifang.conf's text (src/core/config_text.c). */
#ifndef LAIFANG_CONFIG_TEXT_H
#define LAIFANG_CONFIG_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* The value of key in text (lines "key = value", "#" comments; the last
 * line of the key wins) into out; false when the key is absent, empty or
 * its value longer than len - 1. */
bool lf_config_text_find(const char *text, const char *key, char *out, size_t len);

#endif
