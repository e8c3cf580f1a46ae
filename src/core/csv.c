/* CSV reading and writing (RFC 4180) for import and export, and the one
 * place where every cell laifang writes is made safe for spreadsheets. */
#include "laifang/csv.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"

struct lf_csv_reader {
	const char *data;
	size_t len, pos;
	size_t line;       /* line of data[pos], from 1 */
	char *buf;         /* the current record's fields, each NUL-terminated */
	size_t buf_len, buf_cap;
	size_t *starts;    /* offset of each field in buf */
	size_t *lens;
	char **fields;
	size_t n, cap;     /* fields in the record, room in starts/lens/fields */
	char err[256];
};

lf_csv_reader *lf_csv_reader_new(const char *data, size_t len)
{
	lf_csv_reader *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->data = data;
	r->len = len;
	r->line = 1;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		r->pos = 3;
	return r;
}

void lf_csv_reader_free(lf_csv_reader *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r->starts);
	free(r->lens);
	free(r->fields);
	free(r);
}

const char *lf_csv_error(const lf_csv_reader *r)
{
	return r->err;
}

static int oom(lf_csv_reader *r)
{
	snprintf(r->err, sizeof r->err, _("line %zu: out of memory"), r->line);
	return -1;
}

/* Append n bytes to the record buffer. */
static int put(lf_csv_reader *r, const char *s, size_t n)
{
	if (r->buf_len + n + 1 > r->buf_cap) {
		size_t cap = r->buf_cap ? r->buf_cap : 256;
		while (cap < r->buf_len + n + 1)
			cap *= 2;
		char *b = realloc(r->buf, cap);
		if (!b)
			return -1;
		r->buf = b;
		r->buf_cap = cap;
	}
	memcpy(r->buf + r->buf_len, s, n);
	r->buf_len += n;
	return 0;
}

/* Close the field that began at offset start. */
static int end_field(lf_csv_reader *r, size_t start)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		size_t *s = realloc(r->starts, cap * sizeof *s);
		if (!s)
			return -1;
		r->starts = s;
		size_t *l = realloc(r->lens, cap * sizeof *l);
		if (!l)
			return -1;
		r->lens = l;
		char **f = realloc(r->fields, cap * sizeof *f);
		if (!f)
			return -1;
		r->fields = f;
		r->cap = cap;
	}
	r->starts[r->n] = start;
	r->lens[r->n] = r->buf_len - start;
	r->n++;
	return put(r, "", 1);
}

/* A quoted field: from just after the opening quote to just after the
 * closing one. "" inside stands for one quote. */
static int read_quoted(lf_csv_reader *r)
{
	size_t opened = r->line;
	for (;;) {
		if (r->pos >= r->len) {
			snprintf(r->err, sizeof r->err,
			         _("line %zu: a quoted field is never closed (its opening quote has no closing quote)"),
			         opened);
			return -1;
		}
		const char *p = r->data + r->pos;
		const char *q = memchr(p, '"', r->len - r->pos);
		size_t run = q ? (size_t)(q - p) : r->len - r->pos;
		for (size_t i = 0; i < run; i++)
			if (p[i] == '\n')
				r->line++;
		if (put(r, p, run) < 0)
			return oom(r);
		r->pos += run;
		if (!q)
			continue; /* reports the missing quote above */
		if (r->pos + 1 < r->len && r->data[r->pos + 1] == '"') {
			if (put(r, "\"", 1) < 0)
				return oom(r);
			r->pos += 2;
			continue;
		}
		r->pos++;
		return 0;
	}
}

int lf_csv_read(lf_csv_reader *r, lf_csv_record *rec)
{
	if (r->pos >= r->len)
		return 0;
	r->buf_len = 0;
	r->n = 0;
	size_t first_line = r->line;
	for (;;) {
		size_t start = r->buf_len;
		if (r->data[r->pos] == '"') {
			r->pos++;
			if (read_quoted(r) < 0)
				return -1;
			if (r->pos < r->len && r->data[r->pos] != ',' && r->data[r->pos] != '\r' &&
			    r->data[r->pos] != '\n') {
				snprintf(r->err, sizeof r->err,
				         _("line %zu: text follows the closing quote of a field (a quote inside a quoted field is written as two quotes)"),
				         r->line);
				return -1;
			}
		} else {
			/* Unquoted: up to the next comma or line end. A stray quote
			 * here is taken as text; its meaning is not in doubt. */
			size_t e = r->pos;
			while (e < r->len && r->data[e] != ',' && r->data[e] != '\r' && r->data[e] != '\n')
				e++;
			if (put(r, r->data + r->pos, e - r->pos) < 0)
				return oom(r);
			r->pos = e;
		}
		if (end_field(r, start) < 0)
			return oom(r);

		if (r->pos >= r->len)
			break;
		char c = r->data[r->pos++];
		if (c == ',') {
			if (r->pos < r->len)
				continue;
			/* "a," at the very end: a last, empty field. */
			if (end_field(r, r->buf_len) < 0)
				return oom(r);
			break;
		}
		if (c == '\r' && r->pos < r->len && r->data[r->pos] == '\n')
			r->pos++;
		r->line++;
		break;
	}
	for (size_t i = 0; i < r->n; i++)
		r->fields[i] = r->buf + r->starts[i];
	rec->fields = r->fields;
	rec->lens = r->lens;
	rec->n = r->n;
	rec->line = first_line;
	return 1;
}

bool lf_csv_needs_quotes(const char *s)
{
	return s && strpbrk(s, ",\"\r\n") != NULL;
}

/* A cell a spreadsheet program would run as a formula: one starting with
 * = + - @, or with a tab or CR (some programs skip those first). A cell of
 * quotes before such a start is protected too, so that taking one quote
 * off on the way back gives exactly what was written. */
static bool formula_start(const char *s)
{
	while (*s == '\'')
		s++;
	return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
}

/* A number a spreadsheet would read as a number and spoil: digits only,
 * 12 or more of them (an ID number: Excel keeps 15 digits and shows 12 or
 * more in scientific notation) or starting with 0 (a phone number loses
 * it). Tabs after such a number are protected too (see formula_start). */
static bool spoilt_number(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == '\t')
		n--;
	if (n < 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n >= 12 || s[0] == '0';
}

bool lf_csv_cell_protected(const char *s, bool *quote, bool *tab)
{
	*quote = s && formula_start(s);
	*tab = s && spoilt_number(s, strlen(s));
	return *quote || *tab;
}

void lf_csv_cell_unprotect(char *s, size_t *len)
{
	size_t n = len ? *len : strlen(s);
	if (n > 0 && s[0] == '\'' && formula_start(s + 1)) {
		memmove(s, s + 1, n); /* with the NUL */
		n--;
	}
	if (n > 0 && s[n - 1] == '\t' && spoilt_number(s, n - 1))
		s[--n] = '\0';
	if (len)
		*len = n;
}

static void write_field(FILE *out, const char *s)
{
	if (!s)
		return;
	bool quote, tab;
	lf_csv_cell_protected(s, &quote, &tab);
	bool quoted = lf_csv_needs_quotes(s);
	if (quoted)
		putc('"', out);
	if (quote)
		putc('\'', out);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			putc('"', out);
		putc(*p, out);
	}
	if (tab)
		putc('\t', out);
	if (quoted)
		putc('"', out);
}

int lf_csv_write_record(FILE *out, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			putc(',', out);
		write_field(out, fields[i]);
	}
	fputs("\r\n", out);
	return ferror(out) ? -1 : 0;
}
