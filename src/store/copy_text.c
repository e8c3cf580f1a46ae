/* PostgreSQL's COPY text format (copy_text.h). */
#include "copy_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for n more bytes (and a NUL). */
static bool reserve(copy_text *t, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 4096;
		while (cap < t->len + n + 1)
			cap *= 2;
		char *p = realloc(t->buf, cap);
		if (!p)
			return false;
		t->buf = p;
		t->cap = cap;
	}
	return true;
}

static bool put(copy_text *t, const char *v, size_t n)
{
	if (!reserve(t, n))
		return false;
	memcpy(t->buf + t->len, v, n);
	t->len += n;
	return true;
}

static bool sep(copy_text *t)
{
	return t->col++ == 0 || put(t, "\t", 1);
}

bool copy_text_field(copy_text *t, const char *v, size_t n)
{
	if (!sep(t))
		return false;
	if (!v)
		return put(t, "\\N", 2);
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		const char *esc = v[i] == '\\'  ? "\\\\"
		                  : v[i] == '\t' ? "\\t"
		                  : v[i] == '\n' ? "\\n"
		                  : v[i] == '\r' ? "\\r"
		                                 : NULL;
		if (!esc)
			continue;
		if (!put(t, v + from, i - from) || !put(t, esc, 2))
			return false;
		from = i + 1;
	}
	return put(t, v + from, n - from);
}

bool copy_text_str(copy_text *t, const char *v)
{
	return copy_text_field(t, v, v ? strlen(v) : 0);
}

bool copy_text_int(copy_text *t, long long v)
{
	char s[32];
	return copy_text_field(t, s, (size_t)snprintf(s, sizeof s, "%lld", v));
}

bool copy_text_double(copy_text *t, double v)
{
	char s[64];
	return copy_text_field(t, s, (size_t)snprintf(s, sizeof s, "%.17g", v));
}

bool copy_text_bytea(copy_text *t, const void *v, size_t n)
{
	if (!v)
		return copy_text_field(t, NULL, 0);
	if (!sep(t) || !put(t, "\\\\x", 3))
		return false;
	if (!reserve(t, 2 * n))
		return false;
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = v;
	for (size_t i = 0; i < n; i++) {
		t->buf[t->len++] = hex[p[i] >> 4];
		t->buf[t->len++] = hex[p[i] & 15];
	}
	return true;
}

bool copy_text_row_end(copy_text *t)
{
	t->col = 0;
	return put(t, "\n", 1);
}

void copy_text_clear(copy_text *t)
{
	t->len = 0;
	t->col = 0;
}

void copy_text_free(copy_text *t)
{
	free(t->buf);
	memset(t, 0, sizeof *t);
}
