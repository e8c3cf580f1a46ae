/* A text cut to a width with an ellipsis (issue 12): a name with its title
 * in brackets, 王五（副局长）, becomes 王五… rather than 王五（副…, since half
 * a bracket reads as a different title. Core module: no I/O. */
#include "laifang/text.h"

#include <stdio.h>
#include <string.h>

#define ELLIPSIS "…"

static const char *const openers[] = {"（", "(", "【", "[", "《", "〈", "「", "『", "〔", "｛", "{"};
static const char *const closers[] = {"）", ")", "】", "]", "》", "〉", "」", "』", "〕", "｝", "}"};

static size_t starts_with_any(const char *p, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(set[i]);
		if (!strncmp(p, set[i], len))
			return len;
	}
	return 0;
}

/* Where to cut s, at most at byte cut: before the outermost bracket still
 * open there, and before the spaces that would stand before the ellipsis. */
static size_t bracket_safe(const char *s, size_t cut)
{
	size_t depth = 0, open_at = 0, i = 0;
	while (i < cut) {
		size_t k;
		if ((k = starts_with_any(s + i, openers, sizeof openers / sizeof openers[0]))) {
			if (depth++ == 0)
				open_at = i;
			i += k;
		} else if ((k = starts_with_any(s + i, closers, sizeof closers / sizeof closers[0]))) {
			if (depth > 0)
				depth--;
			i += k;
		} else {
			i++;
		}
	}
	if (depth > 0)
		cut = open_at;
	while (cut > 0 && s[cut - 1] == ' ')
		cut--;
	while (cut >= 3 && !strncmp(s + cut - 3, "　", 3)) /* a full-width space */
		cut -= 3;
	return cut;
}

const char *lf_text_ellipsize(const char *s, int cols, char *out, size_t len)
{
	if (!out || !len)
		return NULL;
	out[0] = '\0';
	if (!s || cols <= 0)
		return out;
	if (lf_text_width(s) <= cols && strlen(s) < len) {
		snprintf(out, len, "%s", s);
		return out;
	}
	int mark = lf_text_width(ELLIPSIS);
	if (lf_text_width(s) <= cols) /* fits the screen, not out */
		mark = 0;
	if (cols < mark)
		return out;
	size_t cut = bracket_safe(s, lf_text_fit(s, cols - mark, NULL));
	if (cut + sizeof ELLIPSIS > len) { /* out too small: fewer characters, whole ones */
		cut = len - sizeof ELLIPSIS;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
	}
	snprintf(out, len, "%.*s%s", (int)cut, s, ELLIPSIS);
	return out;
}
