/* SQLite's parameters (?, ?N, :name, @name, $name) in a statement turned
 * into PostgreSQL's $N, skipping literals, quoted names, comments and the
 * :: cast; each parameter keeps the name it was written with, so
 * sql_bind_parameter_index finds ":name" and "?3" as SQLite does. A bare ?
 * takes the next number, ?N its own, a name the next number at its first
 * appearance and the same one after. */
#include "pg_params.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../sql.h"

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       (unsigned char)c >= 0x80;
}

/* The index of the parameter named name (len bytes), added when new. */
static int name_index(pg_params *s, const char *name, size_t len, int *cap)
{
	for (int i = 0; i < s->n; i++)
		if (s->names[i] && strlen(s->names[i]) == len && !memcmp(s->names[i], name, len))
			return i + 1;
	if (s->n == *cap) {
		int ncap = *cap ? *cap * 2 : 8;
		char **n = realloc(s->names, (size_t)ncap * sizeof *n);
		if (!n)
			return -1;
		s->names = n;
		*cap = ncap;
	}
	if (!(s->names[s->n] = strndup(name, len)))
		return -1;
	return ++s->n;
}

/* Grow the parameter list to n (bare ? and ?N leave holes without a name). */
static bool grow_to(pg_params *s, int n, int *cap)
{
	if (n <= s->n)
		return true;
	if (n > *cap) {
		char **names = realloc(s->names, (size_t)n * sizeof *names);
		if (!names)
			return false;
		s->names = names;
		*cap = n;
	}
	while (s->n < n)
		s->names[s->n++] = NULL;
	return true;
}

int pg_params_convert(const char *sql, size_t n, pg_params *s)
{
	size_t cap = n * 2 + 16, o = 0;
	int ncap = 0;
	char *out = malloc(cap);
	if (!out)
		return SQL_NOMEM;
	for (size_t i = 0; i < n;) {
		if (o + 16 >= cap) {
			char *bigger = realloc(out, cap *= 2);
			if (!bigger)
				goto oom;
			out = bigger;
		}
		char c = sql[i];
		if (c == '\'' || c == '"') { /* a literal or a quoted name, doubled quotes inside */
			out[o++] = sql[i++];
			while (i < n) {
				if (o + 4 >= cap) {
					char *bigger = realloc(out, cap *= 2);
					if (!bigger)
						goto oom;
					out = bigger;
				}
				out[o++] = sql[i];
				if (sql[i++] == c) {
					if (i < n && sql[i] == c) {
						out[o++] = sql[i++];
						continue;
					}
					break;
				}
			}
			continue;
		}
		if (c == '-' && i + 1 < n && sql[i + 1] == '-') { /* to the end of the line */
			while (i < n && sql[i] != '\n')
				i++;
			continue;
		}
		if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
			const char *end = strstr(sql + i + 2, "*/");
			i = end && (size_t)(end - sql) < n ? (size_t)(end - sql) + 2 : n;
			out[o++] = ' ';
			continue;
		}
		int idx = 0;
		if (c == '?') {
			size_t j = i + 1;
			int num = 0;
			while (j < n && sql[j] >= '0' && sql[j] <= '9' && num < 100000)
				num = num * 10 + (sql[j++] - '0');
			if (j > i + 1) {
				/* ?N: its own index; named "?N" so bind_parameter_index finds it */
				if (num < 1 || !grow_to(s, num, &ncap))
					goto bad;
				if (!s->names[num - 1] && !(s->names[num - 1] = strndup(sql + i, j - i)))
					goto oom;
				idx = num;
			} else {
				if (!grow_to(s, s->n + 1, &ncap))
					goto oom;
				idx = s->n;
			}
			i = j;
		} else if ((c == ':' || c == '@' || c == '$') && i + 1 < n && ident_char(sql[i + 1]) &&
		           !(c == '$' && sql[i + 1] >= '0' && sql[i + 1] <= '9') && !(i > 0 && sql[i - 1] == ':')) {
			size_t j = i + 1;
			while (j < n && ident_char(sql[j]))
				j++;
			if ((idx = name_index(s, sql + i, j - i, &ncap)) < 0)
				goto oom;
			i = j;
		}
		if (idx) {
			o += (size_t)snprintf(out + o, cap - o, "$%d", idx);
			continue;
		}
		out[o++] = sql[i++];
	}
	out[o] = '\0';
	s->sql = out;
	return SQL_OK;
oom:
	free(out);
	return SQL_NOMEM;
bad:
	free(out);
	return SQL_ERROR;
}

void pg_params_free(pg_params *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->names[i]);
	free(p->names);
	free(p->sql);
	memset(p, 0, sizeof *p);
}
