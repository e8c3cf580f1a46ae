/* libFuzzer target: the search index's tokenizer (fts_bigram.c) on any
 * bytes, as a document and as a query. Besides not crashing: every token
 * is non-empty, of bounded length and valid UTF-8, covers bytes inside the
 * text (start < end <= length), and a colocated token never comes first. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/store/search_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct seen {
	int len, n;
} seen;

static bool valid_utf8(const unsigned char *s, int n)
{
	for (int i = 0; i < n;) {
		unsigned char c = s[i];
		int need = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
		if (need < 0)
			return false;
		for (int k = 1; k <= need; k++)
			if (i + k >= n || (s[i + k] & 0xc0) != 0x80)
				return false;
		i += need + 1;
	}
	return true;
}

static int take(void *ctx, int flags, const char *tok, int ntok, int start, int end)
{
	seen *s = ctx;
	if (ntok <= 0 || ntok > 256 || !valid_utf8((const unsigned char *)tok, ntok))
		abort();
	if (start < 0 || start >= end || end > s->len)
		abort();
	if ((flags & LF_TOKEN_COLOCATED) && s->n == 0)
		abort();
	s->n++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 20)
		return 0;
	for (int query = 0; query < 2; query++) {
		seen s = {(int)size, 0};
		if (lf_bigram_tokenize((const char *)data, (int)size, query, &s, take) != 0)
			abort();
	}
	return 0;
}
