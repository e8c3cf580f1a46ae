/* Notice templates: header, conditional paragraphs, variables. See
 * notice_text.h; the templates themselves are forms/notices/KIND.tmpl. */
#include "laifang/notice_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"

/* Checked against 《信访工作条例》(2022), /work/shared/reference: each ground
 * names the provision that sends the matter elsewhere (or ends it). */
static const lf_decline_ground grounds[] = {
	{"litigation", N_("a matter of litigation rights: to the courts, procuratorate or police (政法部门)"),
	 "第二十条第二款、第二十八条第二款、第三十一条第（一）项"},
	{"arbitration", N_("a matter for arbitration"), "第三十一条第（二）项"},
	{"party", N_("a matter for a party member's appeal or review"), "第三十一条第（三）项"},
	{"administrative", N_("a matter for an administrative procedure (reconsideration, ruling, licence...)"),
	 "第三十一条第（四）项"},
	{"not_competent", N_("not within this office's or its system's competence"), "第二十三条第一款"},
	{"pending", N_("already accepted or being handled by a lower office within its term"), "第十九条第三款"},
	{"final", N_("the same request after a review (复核) on the same facts and reasons"), "第三十六条第三款"},
	{NULL, NULL, NULL},
};

const lf_decline_ground *lf_decline_grounds(void)
{
	return grounds;
}

const lf_decline_ground *lf_decline_ground_find(const char *key)
{
	for (const lf_decline_ground *g = grounds; key && g->key; g++)
		if (!strcmp(g->key, key))
			return g;
	return NULL;
}

/* A growing string. */
typedef struct sbuf {
	char *s;
	size_t n, cap;
	bool oom;
} sbuf;

static void put(sbuf *b, const char *p, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->cap ? b->cap * 2 : 256) + n;
		char *s = realloc(b->s, cap);
		if (!s) {
			b->oom = true;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->n, p, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void puts_(sbuf *b, const char *p)
{
	put(b, p, strlen(p));
}

static const char *lookup(const lf_tmpl_var *vars, size_t n, const char *key, size_t klen, bool *known)
{
	for (size_t i = 0; i < n; i++)
		if (vars[i].key && strlen(vars[i].key) == klen && !strncmp(vars[i].key, key, klen)) {
			*known = true;
			return vars[i].value ? vars[i].value : "";
		}
	*known = false;
	return "";
}

/* Does "[if ...]" (cond: the text between "if " and "]") hold? */
static bool holds(const char *cond, size_t len, const lf_tmpl_var *vars, size_t n)
{
	while (len && cond[0] == ' ')
		cond++, len--;
	while (len && cond[len - 1] == ' ')
		len--;
	bool negate = len && cond[0] == '!';
	if (negate)
		cond++, len--;
	const char *eq = memchr(cond, '=', len);
	bool known;
	if (!eq) {
		const char *v = lookup(vars, n, cond, len, &known);
		return (v[0] != '\0') != negate;
	}
	size_t klen = (size_t)(eq - cond);
	bool ne = klen && cond[klen - 1] == '!';
	const char *v = lookup(vars, n, cond, ne ? klen - 1 : klen, &known);
	const char *want = eq + 1;
	size_t wlen = len - klen - 1;
	bool same = strlen(v) == wlen && !strncmp(v, want, wlen);
	return same != (ne || negate);
}

/* Append a paragraph's text with its variables replaced. */
static void expand(sbuf *b, const char *p, size_t len, const lf_tmpl_var *vars, size_t n)
{
	const char *end = p + len;
	while (p < end) {
		const char *open = memchr(p, '{', (size_t)(end - p));
		if (!open) {
			put(b, p, (size_t)(end - p));
			return;
		}
		put(b, p, (size_t)(open - p));
		const char *close = memchr(open, '}', (size_t)(end - open));
		if (!close) {
			put(b, open, (size_t)(end - open));
			return;
		}
		bool known;
		const char *v = lookup(vars, n, open + 1, (size_t)(close - open - 1), &known);
		if (!known)
			put(b, open, (size_t)(close - open + 1));
		else
			puts_(b, v[0] ? v : LF_TMPL_BLANK);
		p = close + 1;
	}
}

/* One paragraph (its lines joined, without their newlines) into out. */
static bool paragraph(sbuf *out, const char *para, size_t len, const lf_tmpl_var *vars, size_t n, char *err,
                      size_t errlen)
{
	if (len >= 4 && !strncmp(para, "[if ", 4)) {
		const char *close = memchr(para, ']', len);
		if (!close) {
			snprintf(err, errlen, "%s", _("notice template: a condition [if ...] has no ]"));
			return false;
		}
		if (!holds(para + 4, (size_t)(close - para - 4), vars, n))
			return true;
		len -= (size_t)(close + 1 - para);
		para = close + 1;
		while (len && (*para == ' ' || *para == '\t'))
			para++, len--;
		if (!len)
			return true;
	}
	if (out->n)
		puts_(out, "\n\n");
	if (para[0] == '|')
		para++, len--;
	else
		puts_(out, "　　");
	expand(out, para, len, vars, n);
	return true;
}

bool lf_notice_render(const char *tmpl, size_t len, const lf_tmpl_var *vars, size_t n, lf_notice_text *out,
                      char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	sbuf title = {0}, body = {0}, para = {0};
	bool in_body = false, ok = true;
	const char *p = tmpl, *end = tmpl + len;
	while (ok && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		size_t ll = (size_t)(eol - p);
		if (ll && p[ll - 1] == '\r')
			ll--;
		if (ll && p[0] == '#') {
			/* a comment */
		} else if (!in_body) {
			if (ll == 3 && !strncmp(p, "---", 3))
				in_body = true;
			else if (ll > 6 && !strncmp(p, "title:", 6)) {
				const char *v = p + 6;
				size_t vl = ll - 6;
				while (vl && *v == ' ')
					v++, vl--;
				title.n = 0;
				expand(&title, v, vl, vars, n);
			}
		} else if (ll == 0 || strspn(p, " \t") >= ll) {
			if (para.n)
				ok = paragraph(&body, para.s, para.n, vars, n, err, errlen);
			para.n = 0;
		} else {
			put(&para, p, ll);
		}
		p = nl ? nl + 1 : end;
	}
	if (ok && para.n)
		ok = paragraph(&body, para.s, para.n, vars, n, err, errlen);
	if (ok && !in_body) {
		snprintf(err, errlen, "%s", _("notice template: no line --- before the body"));
		ok = false;
	}
	if (ok && (title.oom || body.oom || para.oom)) {
		snprintf(err, errlen, "%s", _("out of memory"));
		ok = false;
	}
	free(para.s);
	if (!ok) {
		free(title.s);
		free(body.s);
		return false;
	}
	out->title = title.s ? title.s : strdup("");
	out->body = body.s ? body.s : strdup("");
	if (!out->title || !out->body) {
		lf_notice_text_free(out);
		snprintf(err, errlen, "%s", _("out of memory"));
		return false;
	}
	return true;
}

void lf_notice_text_free(lf_notice_text *t)
{
	free(t->title);
	free(t->body);
	t->title = t->body = NULL;
}
