/* Interface language: gettext with the "laifang" domain. Simplified Chinese
 * by default; English with --lang en or LANGUAGE=en. */
#ifndef LAIFANG_I18N_H
#define LAIFANG_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Set the locale from the environment and choose the catalogue: lang if not
 * NULL, else $LANGUAGE if set, else "zh_CN". When the environment's locale
 * is not UTF-8, batch commands fall back to C.UTF-8; returns false when no
 * UTF-8 locale could be had (the TUI then refuses to start). */
bool lf_i18n_init(const char *lang);

/* The language in use: "zh_CN" or "en". */
const char *lf_i18n_lang(void);

#endif
