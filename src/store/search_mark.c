/* Marking the matches of a text search in one hit's text, with the search's
 * own tokenizer: the text's tokens and each term's are compared position by
 * position as FTS5 matches a phrase, so what is marked is exactly what was
 * found (one character for a one-character query, the whole phrase for a
 * phrase). FTS5's highlight() and snippet() would do it too, but each call
 * seeks the whole query again: 50 rows of a page cost more than the search. */
#include "search_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/store_search.h"

typedef struct tok {
	int pos, start, end; /* position; bytes of the text it covers */
	int at, len;         /* its text in the token buffer */
} tok;

typedef struct toklist {
	tok *v;
	int n, cap, pos;
	char *buf;
	int used, bufcap;
	bool oom;
} toklist;

static int add_tok(void *ctx, int flags, const char *t, int n, int start, int end)
{
	toklist *l = ctx;
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 64;
		tok *v = realloc(l->v, (size_t)cap * sizeof *v);
		if (!v)
			return SQL_NOMEM;
		l->v = v;
		l->cap = cap;
	}
	if (l->used + n > l->bufcap) {
		int cap = l->bufcap ? 2 * l->bufcap : 1024;
		while (cap < l->used + n)
			cap *= 2;
		char *b = realloc(l->buf, (size_t)cap);
		if (!b)
			return SQL_NOMEM;
		l->buf = b;
		l->bufcap = cap;
	}
	if (!(flags & LF_TOKEN_COLOCATED) && l->n > 0)
		l->pos++;
	memcpy(l->buf + l->used, t, (size_t)n);
	l->v[l->n++] = (tok){l->pos, start, end, l->used, n};
	l->used += n;
	return SQL_OK;
}

static bool tokenize(toklist *l, const char *text, bool query)
{
	memset(l, 0, sizeof *l);
	return lf_bigram_tokenize(text, (int)strlen(text), query, l, add_tok) == SQL_OK;
}

static void toklist_free(toklist *l)
{
	free(l->v);
	free(l->buf);
}

static bool same(const toklist *a, const tok *x, const toklist *b, const tok *y)
{
	return x->len == y->len && !memcmp(a->buf + x->at, b->buf + y->at, (size_t)x->len);
}

/* The token of d at position pos equal to q's token y, or NULL. first[pos]
 * is the index of the first token at pos. */
static const tok *at_pos(const toklist *d, const int *first, int pos, const toklist *q, const tok *y)
{
	if (pos > d->pos)
		return NULL;
	for (int i = first[pos]; i < d->n && d->v[i].pos == pos; i++)
		if (same(d, &d->v[i], q, y))
			return &d->v[i];
	return NULL;
}

/* Set marked[] over every match of the term in the text's tokens d. */
static void mark_term(const toklist *d, const int *first, const toklist *q, bool *marked)
{
	if (q->n == 0)
		return;
	for (int p = 0; p <= d->pos; p++) {
		int start = -1, end = -1, k;
		for (k = 0; k < q->n; k++) {
			const tok *t = at_pos(d, first, p + k, q, &q->v[k]);
			if (!t)
				break;
			if (start < 0 || t->start < start)
				start = t->start;
			if (t->end > end)
				end = t->end;
		}
		if (k == q->n)
			for (int b = start; b < end; b++)
				marked[b] = true;
	}
}

/* How many bytes the UTF-8 character starting with c takes. */
static int char_len(unsigned char c)
{
	return c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 1;
}

/* Copy text[from, to) with marks, "…" where it was cut. */
static char *render(const char *text, const bool *marked, int from, int to, int len)
{
	char *out = malloc((size_t)(to - from) * 3 + 16), *w = out;
	if (!out)
		return NULL;
	if (from > 0) {
		memcpy(w, "…", 3);
		w += 3;
	}
	bool on = false;
	for (int b = from; b < to; b++) {
		if (marked[b] != on) {
			*w++ = marked[b] ? LF_SEARCH_MARK_ON : LF_SEARCH_MARK_OFF;
			on = marked[b];
		}
		*w++ = text[b];
	}
	if (on)
		*w++ = LF_SEARCH_MARK_OFF;
	if (to < len) {
		memcpy(w, "…", 3);
		w += 3;
	}
	*w = '\0';
	return out;
}

char *store_search_mark(const char *text, const char *const *terms, int n_terms, int snippet_chars)
{
	toklist d = {0};
	int len = text ? (int)strlen(text) : 0;
	if (!text)
		return NULL;
	bool *marked = calloc((size_t)len + 1, sizeof *marked);
	int *first = NULL;
	char *out = NULL;
	if (!marked || !tokenize(&d, text, false))
		goto done;
	if (!(first = malloc(((size_t)d.pos + 1) * sizeof *first)))
		goto done;
	/* A text without a searchable character has no token at position 0:
	 * every position starts "past the end", then the tokens fill in. */
	for (int p = 0; p <= d.pos; p++)
		first[p] = d.n;
	for (int i = d.n - 1; i >= 0; i--)
		first[d.v[i].pos] = i;
	for (int i = 0; i < n_terms; i++) {
		toklist q;
		if (tokenize(&q, terms[i], true))
			mark_term(&d, first, &q, marked);
		toklist_free(&q);
	}
	int from = 0, to = len;
	if (snippet_chars > 0) {
		/* About a quarter of the snippet before the first match. */
		int hit = 0;
		while (hit < len && !marked[hit])
			hit++;
		if (hit == len)
			hit = 0;
		int back = snippet_chars / 4, chars = 0;
		for (from = 0; from < hit; from += char_len((unsigned char)text[from]))
			chars++;
		for (from = 0; from < hit && chars > back; from += char_len((unsigned char)text[from]))
			chars--;
		for (to = from, chars = 0; to < len && chars < snippet_chars; chars++)
			to += char_len((unsigned char)text[to]);
		if (to > len)
			to = len;
	}
	out = render(text, marked, from, to, len);
done:
	toklist_free(&d);
	free(first);
	free(marked);
	return out;
}
