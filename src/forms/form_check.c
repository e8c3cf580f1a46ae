/* Checking a sheet's values against its form: each field by its kind and
 * limits, sex against the ID number, and defaults for a new sheet.
 * Messages are "LABEL：reason": the label as printed on the paper, then the
 * (translated) reason; the validators' messages never name the field. */
#include "laifang/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/document.h"
#include "laifang/i18n.h"
#include "laifang/text.h"

static void set_issue(lf_form_issue *issue, size_t field, const lf_field_def *f, lf_verdict v,
                      const char *reason)
{
	if (!issue)
		return;
	issue->field = field;
	issue->verdict = v;
	if (v == LF_VALID)
		issue->message[0] = '\0';
	else
		snprintf(issue->message, sizeof issue->message, "%s：%s", f->label, reason);
}

/* Length of the blank character ending at end (ASCII space, tab, newline or
 * U+3000 IDEOGRAPHIC SPACE), or 0. */
static size_t blank_before(const char *s, const char *end)
{
	if (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n'))
		return 1;
	if (end - s >= 3 && !memcmp(end - 3, "\xE3\x80\x80", 3))
		return 3;
	return 0;
}

static size_t blank_at(const char *p)
{
	if (*p == ' ' || *p == '\t')
		return 1;
	if (!strncmp(p, "\xE3\x80\x80", 3))
		return 3;
	return 0;
}

/* A long text keeps its line breaks and the indentation of its first line
 * (Chinese paragraphs start with two 全角 spaces); only blank lines before it
 * and blanks after it go. */
static void trim_multiline(char *s)
{
	size_t len = strlen(s), n;
	while ((n = blank_before(s, s + len)) > 0)
		len -= n;
	s[len] = '\0';
	char *start = s;
	for (;;) {
		char *q = start;
		while ((n = blank_at(q)) > 0)
			q += n;
		if (*q != '\n')
			break;
		start = q + 1;
	}
	if (start != s)
		memmove(s, start, strlen(start) + 1);
}

/* True when clean differs from raw only by line ends ("\r\n" or "\r" made
 * "\n"): a Windows file's long text, nothing worth a warning. */
static bool only_line_ends(const char *raw, const char *clean)
{
	while (*raw) {
		if (*raw == '\r') {
			if (*clean != '\n')
				return false;
			raw += raw[1] == '\n' ? 2 : 1;
			clean++;
		} else if (*raw++ != *clean++) {
			return false;
		}
	}
	return *clean == '\0';
}

/* The value as it will be stored: cleaned of control characters and bad
 * bytes, trimmed. *changed tells whether cleaning took anything out (line
 * ends of a long text do not count). NULL only when out of memory. */
static char *clean_value(const lf_field_def *f, const char *raw, bool *changed)
{
	bool multiline = f->kind == LF_FIELD_MULTILINE;
	char *v = lf_text_clean(raw ? raw : "", raw ? strlen(raw) : 0, multiline, changed);
	if (!v)
		return NULL;
	if (multiline && changed && *changed && raw && only_line_ends(raw, v))
		*changed = false;
	if (multiline)
		trim_multiline(v);
	else
		lf_text_trim(v);
	return v;
}

/* The partner ID number of a sex field, normalised so that its sex digit can
 * be read (spaces removed, x as X); NULL when it is empty or not valid. */
static char *partner_id(const lf_form_def *form, const lf_field_def *f, char *const *values,
                        lf_date today)
{
	int t = lf_form_find(form, f->agrees_with);
	if (t < 0 || !values[t])
		return NULL;
	char *v = clean_value(&form->fields[t], values[t], NULL);
	if (!v || !*v) {
		free(v);
		return NULL;
	}
	lf_check c;
	lf_verdict vd = lf_check_id_number(v, today, &c);
	free(v);
	return vd == LF_INVALID ? NULL : strdup(c.normalized);
}

static bool is_choice(const lf_field_def *f, const char *v)
{
	for (size_t k = 0; k < f->n_choices; k++)
		if (!strcmp(f->choices[k], v))
			return true;
	return false;
}

static void choice_reason(const lf_field_def *f, char *buf, size_t len)
{
	char list[200] = "";
	size_t used = 0;
	for (size_t k = 0; k < f->n_choices && used < sizeof list; k++) {
		int w = snprintf(list + used, sizeof list - used, "%s%s", k ? " / " : "", f->choices[k]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	snprintf(buf, len, _("must be one of: %s"), list);
}

/* A choice field: 性别 checked against its ID number (which also accepts
 * M/F), any other choice field by its list. */
static lf_verdict check_choice(const lf_form_def *form, const lf_field_def *f, char *const *values,
                               lf_date today, const char *v, lf_check *c)
{
	memset(c, 0, sizeof *c);
	if (f->agrees_with) {
		char *id = partner_id(form, f, values, today);
		lf_verdict vd = lf_check_sex(v, id, c);
		free(id);
		if (vd == LF_INVALID)
			return vd;
		if (is_choice(f, c->normalized))
			return vd;
	} else if (is_choice(f, v)) {
		c->verdict = LF_VALID;
		snprintf(c->normalized, sizeof c->normalized, "%s", v);
		return LF_VALID;
	}
	c->verdict = LF_INVALID;
	choice_reason(f, c->message, sizeof c->message);
	return LF_INVALID;
}

lf_verdict lf_form_check_field(const lf_form_def *form, size_t field, char *const *values,
                               lf_date today, lf_form_issue *issue, char **normalized)
{
	const lf_field_def *f = &form->fields[field];
	char reason[320];
	bool changed = false;
	lf_verdict vd = LF_VALID;
	const char *store = NULL; /* the normalised value, when not the cleaned one */
	lf_check c;

	if (normalized)
		*normalized = NULL;
	char *v = clean_value(f, values ? values[field] : NULL, &changed);
	if (!v) {
		set_issue(issue, field, f, LF_INVALID, _("out of memory"));
		return LF_INVALID;
	}
	reason[0] = '\0';
	if (f->readonly) {
		/* Filled by laifang, not typed: cleaned, never judged. */
		vd = LF_VALID;
	} else if (!*v) {
		if (f->required) {
			vd = LF_INVALID;
			snprintf(reason, sizeof reason, "%s", _("required"));
		}
	} else if (f->max_chars && lf_text_chars(v) > f->max_chars) {
		vd = LF_INVALID;
		snprintf(reason, sizeof reason, _("%zu characters, more than the %zu allowed"),
		         lf_text_chars(v), f->max_chars);
	} else {
		switch (f->kind) {
		case LF_FIELD_TEXT:
		case LF_FIELD_MULTILINE:
			break;
		case LF_FIELD_DATE:
			vd = lf_check_date(v, today, &c);
			store = c.normalized;
			break;
		case LF_FIELD_ID_NUMBER: {
			/* A form with a 证件类型 field checks the visitor's number by
			 * it; other numbers (a group's representatives) are ID cards. */
			int t = !strcmp(f->id, "id_number") ? lf_form_find(form, "doc_type") : -1;
			lf_doc_type dt = t >= 0 && values ? lf_doc_type_parse(values[t]) : LF_DOC_ID_CARD;
			vd = lf_check_document(dt == LF_DOC_UNKNOWN ? LF_DOC_ID_CARD : dt, v, today, &c);
			store = c.normalized;
			break;
		}
		case LF_FIELD_PHONE:
			vd = lf_check_phone(v, &c);
			store = c.normalized;
			break;
		case LF_FIELD_CHOICE:
			vd = check_choice(form, f, values, today, v, &c);
			store = c.normalized;
			break;
		}
		if (store)
			snprintf(reason, sizeof reason, "%s", c.message);
		/* Nothing typed is dropped silently: say what cleaning took out. */
		if (vd == LF_VALID && changed) {
			vd = LF_WARNING;
			snprintf(reason, sizeof reason, "%s",
			         _("control characters, escape sequences or invalid bytes were removed"));
		}
	}
	set_issue(issue, field, f, vd, reason);
	if (vd != LF_INVALID && normalized) {
		if (store && *v) {
			*normalized = strdup(store);
			free(v);
		} else
			*normalized = v;
		v = NULL;
	}
	free(v);
	return vd;
}

size_t lf_form_check(const lf_form_def *form, char **values, lf_date today,
                     lf_form_issue *issues, size_t max)
{
	size_t n = form->n_fields, found = 0, out = 0;
	lf_form_issue *all = calloc(n ? n : 1, sizeof *all);
	if (!all) {
		if (issues && max > 0) {
			issues[0].field = 0;
			issues[0].verdict = LF_INVALID;
			snprintf(issues[0].message, sizeof issues[0].message, "%s", _("out of memory"));
		}
		return 1;
	}
	/* In form order, so a sex field sees the ID number as typed; its check
	 * normalises the number itself. */
	for (size_t i = 0; i < n; i++) {
		char *norm = NULL;
		lf_verdict vd = lf_form_check_field(form, i, values, today, &all[i], &norm);
		if (vd != LF_INVALID && norm) {
			free(values[i]);
			values[i] = norm;
		} else
			free(norm);
		if (vd != LF_VALID)
			found++;
	}
	for (lf_verdict want = LF_INVALID;; want = LF_WARNING) {
		for (size_t i = 0; i < n; i++)
			if (all[i].verdict == want && out < max && issues)
				issues[out++] = all[i];
		if (want == LF_WARNING)
			break;
	}
	free(all);
	return found;
}

void lf_form_fill_defaults(const lf_form_def *form, char **values, lf_date today, const char *user)
{
	for (size_t i = 0; i < form->n_fields; i++) {
		const lf_field_def *f = &form->fields[i];
		if (!f->defval || (values[i] && values[i][0]))
			continue;
		char date[LF_DATE_LEN];
		const char *val = NULL;
		if (!strcmp(f->defval, "@today")) {
			lf_date_format(today, date);
			val = date;
		} else if (!strcmp(f->defval, "@user")) {
			val = user && *user ? user : NULL;
		} else if (f->defval[0] != '@' && !f->readonly) {
			val = f->defval;
		}
		if (!val)
			continue;
		char *copy = strdup(val);
		if (!copy)
			continue; /* the field stays empty, and a required one says so */
		free(values[i]);
		values[i] = copy;
	}
}
