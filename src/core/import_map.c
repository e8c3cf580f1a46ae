/* The map of another system's export onto our field ids (import_map.h). */
#include "laifang/import_map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"

static char *trimmed(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	char *out = malloc(n + 1);
	if (out) {
		memcpy(out, s, n);
		out[n] = '\0';
	}
	return out;
}

static bool field_id_ok(const char *s)
{
	if (!*s)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

void lf_import_map_free(lf_import_map *m)
{
	for (size_t i = 0; m && i < m->n; i++) {
		free(m->e[i].field);
		free(m->e[i].source);
		free(m->e[i].constant);
	}
	if (m) {
		free(m->e);
		m->e = NULL;
		m->n = 0;
	}
}

/* One line "field = column [| date]" or "field := value" into e. */
static bool parse_line(const char *line, size_t n, lf_import_map_entry *e, char *why, size_t whylen)
{
	const char *eq = memchr(line, '=', n);
	if (!eq) {
		snprintf(why, whylen, "%s", _("expected \"field_id = column\" or \"field_id := value\""));
		return false;
	}
	bool constant = eq > line && eq[-1] == ':';
	e->field = trimmed(line, (size_t)(eq - line) - constant);
	char *rhs = trimmed(eq + 1, n - (size_t)(eq + 1 - line));
	if (!e->field || !rhs) {
		free(rhs);
		snprintf(why, whylen, "%s", _("out of memory"));
		return false;
	}
	if (!field_id_ok(e->field)) {
		snprintf(why, whylen, _("\"%s\" is not a field id (lowercase letters, digits and _)"), e->field);
		free(rhs);
		return false;
	}
	if (constant) {
		e->constant = rhs;
		return true;
	}
	char *bar = strrchr(rhs, '|');
	if (bar) {
		char *filter = trimmed(bar + 1, strlen(bar + 1));
		bool date = filter && !strcmp(filter, "date");
		free(filter);
		if (!date) {
			snprintf(why, whylen, "%s", _("after | only \"date\" is known"));
			free(rhs);
			return false;
		}
		e->date = true;
		*bar = '\0';
		char *col = trimmed(rhs, strlen(rhs));
		free(rhs);
		rhs = col;
	}
	if (!rhs || !*rhs) {
		snprintf(why, whylen, _("%s: the column is missing"), e->field);
		free(rhs);
		return false;
	}
	e->source = rhs;
	return true;
}

bool lf_import_map_parse(const char *text, size_t len, lf_import_map *m, char *why, size_t whylen)
{
	memset(m, 0, sizeof *m);
	size_t line_no = 0;
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
		const char *line = text + at;
		at += n + 1;
		line_no++;
		const char *hash = memchr(line, '#', n);
		if (hash)
			n = (size_t)(hash - line);
		size_t k = 0;
		while (k < n && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r'))
			k++;
		if (k == n)
			continue;
		lf_import_map_entry *g = realloc(m->e, (m->n + 1) * sizeof *g);
		if (!g) {
			snprintf(why, whylen, _("line %zu: %s"), line_no, _("out of memory"));
			lf_import_map_free(m);
			return false;
		}
		m->e = g;
		lf_import_map_entry *e = &m->e[m->n++];
		memset(e, 0, sizeof *e);
		char reason[300];
		if (!parse_line(line, n, e, reason, sizeof reason)) {
			snprintf(why, whylen, _("line %zu: %s"), line_no, reason);
			lf_import_map_free(m);
			return false;
		}
		for (size_t i = 0; i + 1 < m->n; i++)
			if (!strcmp(m->e[i].field, e->field)) {
				snprintf(why, whylen, _("line %zu: %s is mapped twice"), line_no, e->field);
				lf_import_map_free(m);
				return false;
			}
	}
	if (m->n == 0) {
		snprintf(why, whylen, "%s", _("the map names no field"));
		return false;
	}
	return true;
}

/* Digits at *p (at most max), their value; p moves past them. */
static int number_at(const char **p, int max, int *digits)
{
	int v = 0;
	*digits = 0;
	while (**p >= '0' && **p <= '9' && *digits < max) {
		v = v * 10 + (**p - '0');
		(*p)++;
		(*digits)++;
	}
	return v;
}

/* A separator of a date's parts: - / . or 年 月 (one of them). */
static bool separator_at(const char **p)
{
	if (**p == '-' || **p == '/' || **p == '.') {
		(*p)++;
		return true;
	}
	if (!strncmp(*p, "年", 3) || !strncmp(*p, "月", 3)) {
		*p += 3;
		return true;
	}
	return false;
}

bool lf_import_map_day(const char *in, char out[11])
{
	if (!in)
		return false;
	const char *p = in;
	while (*p == ' ')
		p++;
	int dy, dm, dd;
	int y = number_at(&p, 4, &dy);
	if (dy != 4 || !separator_at(&p))
		return false;
	int mo = number_at(&p, 2, &dm);
	if (dm == 0 || !separator_at(&p))
		return false;
	int d = number_at(&p, 2, &dd);
	if (dd == 0 || (*p >= '0' && *p <= '9'))
		return false;
	/* After the day: 日, or the end, or a time after a space or T. */
	if (!strncmp(p, "日", 3))
		p += 3;
	if (*p && *p != ' ' && *p != 'T')
		return false;
	char buf[32];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
	lf_date date;
	if (!lf_date_parse(buf, &date))
		return false;
	memcpy(out, buf, 11);
	return true;
}
