/* A case's signed entries written out for the sheet's boxes (issue 11):
 * each entry with its own signer and time, in order, so a second leader's
 * instruction never prints under the first one's signature. The words are
 * the paper's own (签名, 日期, 经办人, 处室负责人, 批转意见), as the form's. */
#include "laifang/entries.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lf_entry_time(const char *iso, char out[17])
{
	snprintf(out, 17, "%s", iso ? iso : "");
	if (out[10] == 'T')
		out[10] = ' ';
}

typedef struct buf {
	char *s;
	size_t len;
	bool oom;
} buf;

static void put(buf *b, const char *fmt, ...)
{
	if (b->oom)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = n >= 0 ? realloc(b->s, b->len + (size_t)n + 1) : NULL;
	if (!s) {
		b->oom = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->s = s;
	b->len += (size_t)n;
}

static char *take(buf *b)
{
	if (b->oom || !b->s || !b->len) {
		free(b->s);
		return NULL;
	}
	return b->s;
}

size_t lf_case_entries_count(const lf_case *c, const char *kind)
{
	size_t n = 0;
	for (size_t i = 0; c && i < c->n_entries; i++)
		n += !strcmp(c->entries[i].kind, kind);
	return n;
}

static const lf_case_entry *approval_of(const lf_case *c, int position)
{
	for (size_t i = 0; i < c->n_entries; i++)
		if (!strcmp(c->entries[i].kind, "approval") && c->entries[i].refers == position)
			return &c->entries[i];
	return NULL;
}

/* An approval that only says "同意" needs no line of its own. */
static bool says_more(const char *text)
{
	return text && text[0] && strcmp(text, "同意") && strcmp(text, "同意。");
}

char *lf_case_entries_text(const lf_case *c, const char *box)
{
	buf b = {0};
	bool handling = !strcmp(box, "handling");
	for (size_t i = 0; c && i < c->n_entries; i++) {
		const lf_case_entry *e = &c->entries[i];
		if (strcmp(e->kind, handling ? "handling" : "instruction"))
			continue;
		char at[17];
		lf_entry_time(e->signed_at, at);
		put(&b, "%s%s\n——%s：%s　日期：%s", b.len ? "\n\n" : "", e->text, handling ? "经办人" : "签名",
		    e->signer_name, at);
		const lf_case_entry *a = handling ? approval_of(c, e->position) : NULL;
		if (a) {
			lf_entry_time(a->signed_at, at);
			if (says_more(a->text))
				put(&b, "\n%s", a->text);
			put(&b, "\n——处室负责人：%s　日期：%s", a->signer_name, at);
		}
	}
	for (size_t i = 0; c && !handling && i < c->n_entries; i++) {
		const lf_case_entry *e = &c->entries[i];
		if (strcmp(e->kind, "routing"))
			continue;
		char at[17];
		lf_entry_time(e->signed_at, at);
		put(&b, "%s批转意见：%s\n——签名：%s　日期：%s", b.len ? "\n\n" : "", e->text, e->signer_name, at);
	}
	return take(&b);
}

char *lf_case_entries_join(const lf_case *c, const char *kind, bool times)
{
	buf b = {0};
	for (size_t i = 0; c && i < c->n_entries; i++) {
		const lf_case_entry *e = &c->entries[i];
		if (strcmp(e->kind, kind))
			continue;
		char at[17];
		lf_entry_time(e->signed_at, at);
		put(&b, "%s%s", b.len ? "；" : "", times ? at : e->signer_name);
	}
	return take(&b);
}
