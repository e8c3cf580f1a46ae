/* The "laifang" tokenizer of the search index: Chinese as overlapping two-character words
 * (拆迁补偿 → 拆迁 迁补 补偿) with each character also a token of its own, so
 * that every query of one or more characters is an index search (SQLite's
 * trigram tokenizer finds nothing under three characters, STYLE.md). Latin
 * letters and digits become lowercase words, letters and digits apart
 * ("3号楼" → 3 号楼, "A座" → a 座); full-width forms fold to ASCII first.
 * Everything else (punctuation, spaces) separates tokens and takes no position.
 *
 * Positions: each Chinese character takes one position. In a document the
 * bigram starting at a character is emitted at its position and the
 * character itself colocated with it (LF_TOKEN_COLOCATED; bigram first, so
 * highlight() spans the pair); the last character of a run has only itself.
 * A query emits a run of two or more characters as its bigrams, followed by
 * its last character when more text follows in the phrase (to keep the
 * positions of what follows aligned); a run of one character as itself.
 *
 * The same tokens feed SQLite's FTS5 index (sqlite/fts_bigram.c) and
 * PostgreSQL's tsvector (pg/search_pg.c). */
#include "search_internal.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* A token longer than this is cut (a pasted hash, a long number). */
#define WORD_MAX 64

enum cls { C_SEP, C_HAN, C_ALPHA, C_DIGIT };

/* Decode one UTF-8 character at s (n bytes left): its code point and length.
 * A bad byte is taken as one separator byte. */
static uint32_t utf8_next(const unsigned char *s, int n, int *len)
{
	uint32_t c = s[0];
	int need = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
	if (need < 0 || need >= n) {
		*len = 1;
		return need == 0 ? c : 0xfffd;
	}
	c &= need == 0 ? 0x7f : need == 1 ? 0x1f : need == 2 ? 0x0f : 0x07;
	for (int i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*len = 1;
			return 0xfffd;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	*len = need + 1;
	return c;
}

/* The class of c; *fold gets the ASCII character a letter or digit is
 * indexed as (lowercase, full-width folded). */
static enum cls classify(uint32_t c, char *fold)
{
	if (c >= 0xff10 && c <= 0xff5a) /* full-width digits and letters */
		c -= 0xfee0;
	if (c >= '0' && c <= '9') {
		*fold = (char)c;
		return C_DIGIT;
	}
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
		*fold = (char)(c | 0x20);
		return C_ALPHA;
	}
	if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0x20000 && c <= 0x3134f) || c == 0x3007 /* 〇 */)
		return C_HAN;
	return C_SEP;
}

/* One character of the text: where it is and what it is. */
typedef struct chr {
	int at, len;
	enum cls cls;
	char fold;
} chr;

static chr char_at(const char *text, int n, int at)
{
	chr ch = {.at = at};
	uint32_t c = utf8_next((const unsigned char *)text + at, n - at, &ch.len);
	ch.cls = classify(c, &ch.fold);
	return ch;
}

/* True when a token follows position at (anything but separators). */
static bool more_follows(const char *text, int n, int at)
{
	while (at < n) {
		chr ch = char_at(text, n, at);
		if (ch.cls != C_SEP)
			return true;
		at += ch.len;
	}
	return false;
}

typedef int (*token_fn)(void *ctx, int flags, const char *tok, int ntok, int start, int end);

/* A run of Chinese characters starting at `at`; returns where it ends. */
static int han_run(const char *text, int n, int at, bool query, void *ctx, token_fn emit, int *rc)
{
	chr cur = char_at(text, n, at);
	bool first = true;
	while (*rc == 0) {
		int next_at = cur.at + cur.len;
		chr next = {.cls = C_SEP};
		if (next_at < n)
			next = char_at(text, n, next_at);
		bool pair = next.cls == C_HAN;
		if (pair) /* the bigram at this position */
			*rc = emit(ctx, 0, text + cur.at, cur.len + next.len, cur.at, next_at + next.len);
		if (*rc == 0) {
			if (!query)
				*rc = emit(ctx, pair ? LF_TOKEN_COLOCATED : 0, text + cur.at, cur.len, cur.at, next_at);
			else if (!pair && (first || more_follows(text, n, next_at)))
				*rc = emit(ctx, 0, text + cur.at, cur.len, cur.at, next_at);
		}
		first = false;
		if (!pair)
			return next_at;
		cur = next;
	}
	return n;
}

/* Tokenise text, calling emit for each token (FTS5's contract). query: the
 * text is a query phrase rather than a document. */
int lf_bigram_tokenize(const char *text, int n, bool query, void *ctx, token_fn emit)
{
	int rc = 0, at = 0;
	char word[WORD_MAX];
	while (at < n && rc == 0) {
		chr ch = char_at(text, n, at);
		if (ch.cls == C_SEP) {
			at += ch.len;
			continue;
		}
		if (ch.cls == C_HAN) {
			at = han_run(text, n, at, query, ctx, emit, &rc);
			continue;
		}
		/* Letters or digits of the same kind: one lowercase word. */
		int start = at, len = 0;
		enum cls kind = ch.cls;
		while (at < n) {
			ch = char_at(text, n, at);
			if (ch.cls != kind)
				break;
			if (len < WORD_MAX)
				word[len++] = ch.fold;
			at += ch.len;
		}
		rc = emit(ctx, 0, word, len, start, at);
	}
	return rc;
}
