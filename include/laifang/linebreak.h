/* Line breaking for Chinese text with Latin words and numbers mixed in
 * (core: no I/O). Given a text and a width in display columns, it chooses
 * where lines end so that
 * - no line starts with closing punctuation (，。、；：？！）」』】》 ” and the like)
 *   and no line ends with opening punctuation (（「『【《 “ ¥ and the like): the
 *   character before is taken down to the next line with it;
 * - a number stays with its unit, written close or after spaces (12000元,
 *   3 天, 50%): no break between a digit and the unit that follows;
 * - a Latin word or a number is not cut (a break goes at a space), unless
 *   it is longer than the whole line;
 * - a line break in the text ('\n') always ends a line.
 * Spaces where a line is broken belong to neither line; a final '\n' adds
 * no empty line. A line holds at
 * least one character, even one wider than the width. When no place on a
 * full line is allowed by these rules, the punctuation rules alone are
 * tried (a number and its unit wider than the line part), then the line
 * is cut where it is full.
 * The terminal face wraps dialogs, help and the timeline with it; the
 * paper uses the same rules. */
#ifndef LAIFANG_LINEBREAK_H
#define LAIFANG_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* One line: text [start, end) (indexes, or bytes for the UTF-8 version). */
typedef struct lf_line_span {
	size_t start, end;
} lf_line_span;

/* The line that starts at start (0 <= start < n) in n wide characters:
 * *end is where it ends, *next where the following line starts (past a
 * '\n' or the spaces of a soft break; n when it was the last). */
void lf_linebreak_next(const wchar_t *text, size_t n, size_t start, int width, size_t *end, size_t *next);

/* Every line of n wide characters at width columns (width < 1 counts as
 * 1): fills up to max spans and returns how many lines there are (at
 * least 1, an empty text is one empty line), so rows NULL, max 0 counts. */
size_t lf_linebreak(const wchar_t *text, size_t n, int width, lf_line_span *lines, size_t max);

/* The same for UTF-8 text; spans are byte offsets into utf8 (which must be
 * valid UTF-8: lf_text_clean makes it so). Returns 0 when out of memory. */
size_t lf_linebreak_utf8(const char *utf8, int width, lf_line_span *lines, size_t max);

/* The predicates, for the paper and the tests. */
bool lf_linebreak_is_closing(wchar_t c);
bool lf_linebreak_is_opening(wchar_t c);

#endif
