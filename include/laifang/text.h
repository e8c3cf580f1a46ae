/* Text as laifang stores and shows it: UTF-8 in, clean UTF-8 out, widths in
 * terminal columns. Every byte a person typed or a file brought in passes
 * through lf_text_clean before it reaches the database or the screen. */
#ifndef LAIFANG_TEXT_H
#define LAIFANG_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* Clean len bytes of supposed UTF-8 into a new malloc'd string:
 * - invalid or truncated sequences become U+FFFD;
 * - terminal escape sequences are removed whole: CSI (ESC [ ... final), strings
 *   (ESC ] / ESC P ... ended by BEL or ST), ESC with intermediates (ESC ( B), ESC x;
 * - other C0 and C1 control characters, DEL and the bidi controls (U+202A..U+202E,
 *   U+2066..U+2069) are removed; a tab becomes one space;
 * - when multiline, "\r\n" and "\r" become "\n" and "\n" is kept; otherwise a line
 *   break becomes one space.
 * Sets *changed (if not NULL) when the result differs from the input.
 * Returns NULL only when out of memory. */
char *lf_text_clean(const char *in, size_t len, bool multiline, bool *changed);

/* Trim leading and trailing white space (ASCII and U+3000) in place. */
void lf_text_trim(char *s);

/* Trim a long text in place: blanks and line breaks after it, blank lines
 * and ASCII spaces before it go; its line breaks and the 全角 indent of its
 * first line (a Chinese paragraph starts with two U+3000) stay. */
void lf_text_trim_lines(char *s);

/* Display width in terminal columns of UTF-8 text (wcwidth per character;
 * a non-printable character counts as 1, a combining mark as 0). */
int lf_text_width(const char *utf8);

/* Width of one wide character as laifang draws it: wcwidth, with non-printable
 * characters as 1 (they are shown as U+FFFD) and never negative. */
int lf_wchar_width(wchar_t c);

/* Number of bytes of utf8 that fit in cols columns without splitting a
 * character; *used (if not NULL) receives the columns those bytes take. */
size_t lf_text_fit(const char *utf8, int cols, int *used);

/* s as it fits in cols display columns (text_cut.c): whole when it fits,
 * else cut with "…" at the end, never inside a bracket (王五（副局长） in 6
 * columns is 王五…), spaces before the ellipsis dropped. Into out (len
 * bytes); returns out. Empty when cols cannot hold the ellipsis. */
const char *lf_text_ellipsize(const char *s, int cols, char *out, size_t len);

/* Count of Unicode characters (not bytes) in UTF-8 text. */
size_t lf_text_chars(const char *utf8);

/* Convert between UTF-8 and wide strings. Both return malloc'd strings,
 * NULL on out of memory; invalid UTF-8 becomes U+FFFD. *n_out may be NULL. */
wchar_t *lf_utf8_to_wcs(const char *utf8, size_t *n_out);
char *lf_wcs_to_utf8(const wchar_t *ws, size_t n);

/* Input quoted back in a message (an unknown column, login or case
 * number): src (NULL as "") cleaned as one line, so no control character
 * or escape reaches a terminal or a file, and cut on a character boundary
 * with "…" when it does not fit in dst (dstlen bytes, at least 4).
 * Returns dst. */
char *lf_text_echo(char *dst, size_t dstlen, const char *src);

#endif
