/* Form files: parsing a .form text into a lf_form_def, freeing it, finding
 * fields. The format is described in docs/forms.md; getting a form by name
 * is in form_get.c. */
#include "laifang/form.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"

typedef struct parser {
	lf_form_def *form;
	size_t cap;
	int line;
	int form_line;         /* line of "form NAME", for header errors */
	int *field_line;       /* line of each "field ID" */
	int *agrees_line;      /* line of each field's agrees-with, 0 if none */
	unsigned *seen;        /* keys already given, per field (bit per key) */
	bool *max_given;
	char *err;
	size_t errlen;
} parser;

enum key {
	K_LABEL, K_KIND, K_WIDTH, K_HEIGHT, K_MAX, K_REQUIRED, K_READONLY, K_SAME_ROW,
	K_DEFAULT, K_HELP, K_CHOICES, K_AGREES_WITH, K_GROUP, K_NO_TAB, K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"label", "kind", "width", "height", "max", "required", "readonly", "same-row",
	"default", "help", "choices", "agrees-with", "group", "no-tab",
};

static const char *const kind_names[] = {
	[LF_FIELD_TEXT] = "text",
	[LF_FIELD_MULTILINE] = "multiline",
	[LF_FIELD_DATE] = "date",
	[LF_FIELD_CHOICE] = "choice",
	[LF_FIELD_ID_NUMBER] = "id_number",
	[LF_FIELD_PHONE] = "phone",
};

/* Limits when a field gives no max: generous for text, tight for codes. */
static size_t default_max(lf_field_kind kind)
{
	switch (kind) {
	case LF_FIELD_MULTILINE: return 20000;
	case LF_FIELD_DATE: return 20;
	case LF_FIELD_CHOICE: return 20;
	case LF_FIELD_ID_NUMBER: return 30;
	case LF_FIELD_PHONE: return 40;
	case LF_FIELD_TEXT: break;
	}
	return 200;
}

__attribute__((format(printf, 2, 3)))
static void fail(parser *p, const char *fmt, ...)
{
	char what[320];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (p->err && p->errlen)
		snprintf(p->err, p->errlen, _("line %d: %s"), p->line, what);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Strict UTF-8: no overlongs, no surrogates, nothing above U+10FFFF. */
static bool utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned min, cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1, min = 0x80, cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2, min = 0x800, cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3, min = 0x10000, cp = c & 0x07;
		} else {
			return false;
		}
		if (i + n >= len)
			return false;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n + 1;
	}
	return true;
}

/* Field and form ids: a lower-case letter, then letters, digits, '_'. They
 * are keys in exports and drafts, so nothing fancier. */
static bool valid_id(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static bool parse_int(const char *s, int *out)
{
	char *end;
	if (!*s || !((*s >= '0' && *s <= '9') || *s == '-'))
		return false;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < -1000000000L || v > 1000000000L)
		return false;
	*out = (int)v;
	return true;
}

/* A flag is given bare ("required"), or as "yes" / "no". */
static bool parse_flag(parser *p, const char *key, const char *val, bool *out)
{
	if (!*val || !strcmp(val, "yes")) {
		*out = true;
		return true;
	}
	if (!strcmp(val, "no")) {
		*out = false;
		return true;
	}
	fail(p, _("%s takes no value, or yes or no, not '%s'"), key, val);
	return false;
}

static bool parse_choices(parser *p, lf_field_def *f, const char *val)
{
	size_t n = 1;
	for (const char *c = val; *c; c++)
		n += *c == '|';
	f->choices = calloc(n, sizeof *f->choices);
	if (!f->choices)
		goto oom;
	const char *start = val;
	for (size_t k = 0; k < n; k++) {
		const char *end = strchr(start, '|');
		if (!end)
			end = start + strlen(start);
		const char *a = start, *b = end;
		while (a < b && is_space(*a))
			a++;
		while (b > a && is_space(b[-1]))
			b--;
		if (a == b) {
			fail(p, _("an empty choice in '%s'"), val);
			return false;
		}
		char *c = strndup(a, (size_t)(b - a));
		if (!c)
			goto oom;
		for (size_t j = 0; j < f->n_choices; j++)
			if (!strcmp(f->choices[j], c)) {
				fail(p, _("choice '%s' given twice"), c);
				free(c);
				return false;
			}
		f->choices[f->n_choices++] = c;
		start = *end ? end + 1 : end;
	}
	return true;
oom:
	fail(p, _("out of memory"));
	return false;
}

static bool set_string(parser *p, char **dst, const char *val)
{
	free(*dst);
	*dst = strdup(val);
	if (!*dst) {
		fail(p, _("out of memory"));
		return false;
	}
	return true;
}

/* One indented "key value" line of the current field. */
static bool field_key(parser *p, const char *key, const char *val)
{
	size_t fi = p->form->n_fields - 1;
	lf_field_def *f = &p->form->fields[fi];
	int k;
	for (k = 0; k < K_COUNT; k++)
		if (!strcmp(key, key_names[k]))
			break;
	if (k == K_COUNT) {
		fail(p, _("unknown key '%s'"), key);
		return false;
	}
	/* help may be given on several lines; every other key once. */
	if (k != K_HELP && (p->seen[fi] & (1u << k))) {
		fail(p, _("%s given twice for field '%s'"), key, f->id);
		return false;
	}
	p->seen[fi] |= 1u << k;
	bool flag_key = k == K_REQUIRED || k == K_READONLY || k == K_SAME_ROW || k == K_NO_TAB;
	if (!flag_key && !*val) {
		fail(p, _("%s needs a value"), key);
		return false;
	}
	int n;
	switch ((enum key)k) {
	case K_LABEL:
		return set_string(p, &f->label, val);
	case K_KIND:
		for (size_t i = 0; i < sizeof kind_names / sizeof *kind_names; i++)
			if (!strcmp(val, kind_names[i])) {
				f->kind = (lf_field_kind)i;
				return true;
			}
		fail(p, _("unknown kind '%s' (text, multiline, date, choice, id_number or phone)"), val);
		return false;
	case K_WIDTH:
	case K_HEIGHT:
	case K_MAX:
		if (!parse_int(val, &n)) {
			fail(p, _("%s must be a whole number, not '%s'"), key, val);
			return false;
		}
		if (n < 1) {
			fail(p, _("%s must be at least 1, not %d"), key, n);
			return false;
		}
		if (k == K_WIDTH)
			f->width = n;
		else if (k == K_HEIGHT)
			f->height = n;
		else {
			f->max_chars = (size_t)n;
			p->max_given[fi] = true;
		}
		return true;
	case K_REQUIRED:
		return parse_flag(p, key, val, &f->required);
	case K_READONLY:
		return parse_flag(p, key, val, &f->readonly);
	case K_NO_TAB:
		return parse_flag(p, key, val, &f->no_tab);
	case K_SAME_ROW:
		if (!parse_flag(p, key, val, &f->same_row))
			return false;
		if (f->same_row && fi == 0) {
			fail(p, _("the first field cannot share a row with a field before it"));
			return false;
		}
		return true;
	case K_DEFAULT:
		return set_string(p, &f->defval, val);
	case K_HELP:
		if (f->help) {
			size_t a = strlen(f->help), b = strlen(val);
			char *h = realloc(f->help, a + 1 + b + 1);
			if (!h) {
				fail(p, _("out of memory"));
				return false;
			}
			h[a] = '\n';
			memcpy(h + a + 1, val, b + 1);
			f->help = h;
			return true;
		}
		return set_string(p, &f->help, val);
	case K_CHOICES:
		return parse_choices(p, f, val);
	case K_AGREES_WITH:
		p->agrees_line[fi] = p->line;
		return set_string(p, &f->agrees_with, val);
	case K_GROUP:
		return set_string(p, &f->group, val);
	case K_COUNT:
		break;
	}
	return false;
}

static bool new_field(parser *p, const char *id)
{
	lf_form_def *form = p->form;
	if (!valid_id(id)) {
		fail(p, _("field id '%s' must be a lower-case letter followed by letters, digits or '_'"), id);
		return false;
	}
	if (lf_form_find(form, id) >= 0) {
		fail(p, _("field '%s' is defined twice"), id);
		return false;
	}
	if (form->n_fields == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		lf_field_def *fields = realloc(form->fields, cap * sizeof *fields);
		if (fields)
			form->fields = fields;
		int *fl = realloc(p->field_line, cap * sizeof *fl);
		if (fl)
			p->field_line = fl;
		int *al = realloc(p->agrees_line, cap * sizeof *al);
		if (al)
			p->agrees_line = al;
		unsigned *seen = realloc(p->seen, cap * sizeof *seen);
		if (seen)
			p->seen = seen;
		bool *mg = realloc(p->max_given, cap * sizeof *mg);
		if (mg)
			p->max_given = mg;
		if (!fields || !fl || !al || !seen || !mg) {
			fail(p, _("out of memory"));
			return false;
		}
		p->cap = cap;
	}
	size_t i = form->n_fields;
	memset(&form->fields[i], 0, sizeof form->fields[i]);
	p->field_line[i] = p->line;
	p->agrees_line[i] = 0;
	p->seen[i] = 0;
	p->max_given[i] = false;
	form->n_fields++; /* counted now so lf_form_free frees a half-made field */
	form->fields[i].kind = LF_FIELD_TEXT;
	form->fields[i].id = strdup(id);
	if (!form->fields[i].id) {
		fail(p, _("out of memory"));
		return false;
	}
	return true;
}

/* One unindented line: the form's header or the start of a field. */
static bool top_key(parser *p, const char *key, const char *val)
{
	lf_form_def *form = p->form;
	if (!strcmp(key, "field")) {
		if (!form->id) {
			fail(p, _("a field before the 'form NAME' line"));
			return false;
		}
		if (!*val) {
			fail(p, _("field needs an id"));
			return false;
		}
		return new_field(p, val);
	}
	char **dst = NULL;
	if (!strcmp(key, "form"))
		dst = &form->id;
	else if (!strcmp(key, "title"))
		dst = &form->title;
	else if (!strcmp(key, "source"))
		dst = &form->source;
	else if (!strcmp(key, "annex"))
		dst = &form->annex;
	else {
		fail(p, _("unknown key '%s' (a field's keys are indented)"), key);
		return false;
	}
	if (form->n_fields > 0) {
		fail(p, _("%s belongs at the top, before the first field"), key);
		return false;
	}
	if (*dst) {
		fail(p, _("%s given twice"), key);
		return false;
	}
	if (!*val) {
		fail(p, _("%s needs a value"), key);
		return false;
	}
	if (dst == &form->id) {
		if (!valid_id(val)) {
			fail(p, _("form name '%s' must be a lower-case letter followed by letters, digits or '_'"), val);
			return false;
		}
		p->form_line = p->line;
	}
	return set_string(p, dst, val);
}

/* What can only be judged once the whole file is read: every field
 * complete and consistent, agrees-with pointing at a real field. */
static bool finish(parser *p)
{
	lf_form_def *form = p->form;
	if (!form->id) {
		p->line = 1;
		fail(p, _("the file has no 'form NAME' line"));
		return false;
	}
	p->line = p->form_line;
	if (!form->title) {
		fail(p, _("the form has no title"));
		return false;
	}
	if (form->n_fields == 0) {
		fail(p, _("the form has no fields"));
		return false;
	}
	for (size_t i = 0; i < form->n_fields; i++) {
		lf_field_def *f = &form->fields[i];
		p->line = p->field_line[i];
		if (!f->label) {
			fail(p, _("field '%s' has no label"), f->id);
			return false;
		}
		if (f->kind == LF_FIELD_CHOICE && f->n_choices == 0) {
			fail(p, _("choice field '%s' has no choices"), f->id);
			return false;
		}
		if (f->kind != LF_FIELD_CHOICE && f->n_choices > 0) {
			fail(p, _("field '%s' has choices but is not a choice field"), f->id);
			return false;
		}
		if (f->kind != LF_FIELD_MULTILINE && f->height > 1) {
			fail(p, _("field '%s' has a height but is not a multiline field"), f->id);
			return false;
		}
		if (!f->width)
			f->width = 20;
		if (!f->height)
			f->height = f->kind == LF_FIELD_MULTILINE ? 3 : 1;
		if (!p->max_given[i])
			f->max_chars = default_max(f->kind);
		if (f->defval && f->defval[0] == '@') {
			bool ok = (!strcmp(f->defval, "@today") && f->kind == LF_FIELD_DATE) ||
			          (!strcmp(f->defval, "@user") && f->kind == LF_FIELD_TEXT);
			if (!ok) {
				fail(p, _("field '%s': default %s is not for a %s field (@today is for date fields, @user for text fields)"),
				     f->id, f->defval, kind_names[f->kind]);
				return false;
			}
		} else if (f->defval && f->kind == LF_FIELD_CHOICE) {
			bool found = false;
			for (size_t k = 0; k < f->n_choices; k++)
				found |= !strcmp(f->choices[k], f->defval);
			if (!found) {
				fail(p, _("field '%s': default '%s' is not one of its choices"), f->id, f->defval);
				return false;
			}
		}
		if (f->agrees_with) {
			p->line = p->agrees_line[i];
			int t = lf_form_find(form, f->agrees_with);
			if (t < 0) {
				fail(p, _("field '%s' agrees with '%s', which the form does not have"), f->id, f->agrees_with);
				return false;
			}
			/* The one agreement laifang knows: 性别 with the sex digit of 身份证号码. */
			if (f->kind != LF_FIELD_CHOICE || form->fields[t].kind != LF_FIELD_ID_NUMBER) {
				fail(p, _("agrees-with is only for a choice field (sex) checked against an id_number field"));
				return false;
			}
		}
	}
	return true;
}

lf_form_def *lf_form_parse(const char *text, size_t len, char *err, size_t errlen)
{
	parser p = {.err = err, .errlen = errlen};
	char *line = NULL;
	bool ok = false;
	if (err && errlen)
		err[0] = '\0';
	p.form = calloc(1, sizeof *p.form);
	if (!p.form) {
		fail(&p, _("out of memory"));
		return NULL;
	}
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) { /* a BOM from a Windows editor */
		text += 3;
		len -= 3;
	}
	size_t pos = 0;
	while (pos < len) {
		p.line++;
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		free(line);
		line = strndup(text + pos, n);
		pos += n + (nl ? 1 : 0);
		if (!line) {
			fail(&p, _("out of memory"));
			goto cleanup;
		}
		if (strlen(line) != n) {
			fail(&p, _("a NUL byte in the line"));
			goto cleanup;
		}
		if (!utf8_valid((const unsigned char *)line, n)) {
			fail(&p, _("not valid UTF-8"));
			goto cleanup;
		}
		while (n > 0 && (is_space(line[n - 1]) || line[n - 1] == '\r'))
			line[--n] = '\0';
		bool indented = is_space(line[0]);
		char *s = line;
		while (is_space(*s))
			s++;
		if (!*s || *s == '#')
			continue;
		char *key = s;
		while (*s && !is_space(*s))
			s++;
		if (*s)
			*s++ = '\0';
		while (is_space(*s))
			s++;
		if (indented) {
			if (p.form->n_fields == 0) {
				fail(&p, _("an indented line before the first field"));
				goto cleanup;
			}
			if (!field_key(&p, key, s))
				goto cleanup;
		} else if (!top_key(&p, key, s))
			goto cleanup;
	}
	ok = finish(&p);
cleanup:
	free(line);
	free(p.field_line);
	free(p.agrees_line);
	free(p.seen);
	free(p.max_given);
	if (!ok) {
		lf_form_free(p.form);
		return NULL;
	}
	return p.form;
}

void lf_form_free(lf_form_def *form)
{
	if (!form)
		return;
	for (size_t i = 0; i < form->n_fields; i++) {
		lf_field_def *f = &form->fields[i];
		free(f->id);
		free(f->label);
		free(f->defval);
		free(f->help);
		for (size_t k = 0; k < f->n_choices; k++)
			free(f->choices[k]);
		free(f->choices);
		free(f->agrees_with);
		free(f->group);
	}
	free(form->fields);
	free(form->id);
	free(form->title);
	free(form->source);
	free(form->annex);
	free(form);
}

int lf_form_find(const lf_form_def *form, const char *id)
{
	if (!form || !id)
		return -1;
	for (size_t i = 0; i < form->n_fields; i++)
		if (form->fields[i].id && !strcmp(form->fields[i].id, id))
			return (int)i;
	return -1;
}
