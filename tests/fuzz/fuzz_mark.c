/* libFuzzer target: marking the matches of a search in a hit's text
 * (store_search_mark): the input's first line holds up to eight terms
 * separated by spaces, the rest is the text. Besides not crashing (it read
 * an uninitialised array on a text without a searchable character): the
 * marks pair up and never nest; the whole text (no snippet) with the marks
 * taken out is the text; a snippet is a piece of it between "…" marks. */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_OWN_INIT
#include "fuzz_common.h"

#include "laifang/store_search.h"
#include "../../src/store/search_internal.h"


/* The marked text without its marks; aborts when they do not pair. */
static char *unmark(const char *m)
{
	char *out = malloc(strlen(m) + 1), *w = out;
	bool on = false;
	for (const char *p = m; *p; p++) {
		if (*p == LF_SEARCH_MARK_ON || *p == LF_SEARCH_MARK_OFF) {
			if ((*p == LF_SEARCH_MARK_ON) == on)
				abort();
			on = !on;
			continue;
		}
		*w++ = *p;
	}
	if (on)
		abort();
	*w = '\0';
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_cstr(data, size);
	/* The text may not hold the marks themselves (the store's texts are
	 * cleaned of control characters): take them out. */
	size_t n = 0;
	for (size_t i = 0; i < size; i++)
		if (in[i] != LF_SEARCH_MARK_ON && in[i] != LF_SEARCH_MARK_OFF && in[i] != '\0')
			in[n++] = in[i];
	in[n] = '\0';
	char *nl = strchr(in, '\n');
	const char *text = nl ? nl + 1 : "";
	if (nl)
		*nl = '\0';
	const char *terms[LF_SEARCH_MAX_TERMS];
	int nt = 0;
	for (char *p = in; *p && nt < LF_SEARCH_MAX_TERMS;) {
		while (*p == ' ')
			*p++ = '\0';
		if (!*p)
			break;
		terms[nt++] = p;
		while (*p && *p != ' ')
			p++;
	}
	char *whole = store_search_mark(text, terms, nt, 0);
	if (!whole)
		abort();
	char *plain = unmark(whole);
	if (strcmp(plain, text) != 0)
		abort();
	free(plain);
	free(whole);
	for (int snip = 1; snip <= 64; snip *= 8) {
		char *m = store_search_mark(text, terms, nt, snip);
		if (!m)
			abort();
		char *p = unmark(m);
		/* "…" before and after where cut; the text itself may hold "…"
		 * too: one of the readings is a piece of the text. */
		bool inside = false;
		for (int a = 0; a < 2; a++)
			for (int b = 0; b < 2; b++) {
				const char *s = p;
				size_t l = strlen(p);
				if (a) {
					if (l < 3 || memcmp(s, "…", 3))
						continue;
					s += 3;
					l -= 3;
				}
				if (b) {
					if (l < 3 || memcmp(s + l - 3, "…", 3))
						continue;
					l -= 3;
				}
				if (memmem(text, strlen(text), s, l))
					inside = true;
			}
		if (!inside)
			abort();
		free(p);
		free(m);
	}
	free(in);
	return 0;
}
