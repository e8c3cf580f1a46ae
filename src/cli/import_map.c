/* `laifang import --map FILE` (issue 13): another system's export (the
 * online system's, 网上信访) rewritten column by column into our field ids
 * before the import reads it (include/laifang/import_map.h, the file's
 * syntax; forms/online.map, an example an office adapts). The import then
 * checks every row as always. CSV stays CSV with each record on the line it
 * had, so a problem names the export's own line; JSON stays an array of
 * objects. */
#include "cli_internal.h"
#include "import_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "laifang/csv.h"
#include "laifang/i18n.h"
#include "laifang/import_map.h"

typedef struct outbuf {
	char *s;
	size_t n, cap;
	bool oom;
} outbuf;

static void put(outbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *g = realloc(b->s, cap);
		if (!g) {
			b->oom = true;
			return;
		}
		b->s = g;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void put_cell(outbuf *b, const char *s)
{
	if (!lf_csv_needs_quotes(s)) {
		put(b, s, strlen(s));
		return;
	}
	put(b, "\"", 1);
	for (const char *p = s; *p; p++) {
		put(b, p, 1);
		if (*p == '"') /* doubled inside quotes */
			put(b, "\"", 1);
	}
	put(b, "\"", 1);
}

/* The value of entry e for a cell (NULL: the row has none). A date that
 * does not read as one is passed on as it is: the import says why. */
static const char *mapped(const lf_import_map_entry *e, const char *cell, char day[11])
{
	if (e->constant)
		return e->constant;
	if (!cell)
		return NULL;
	if (e->date && cell[0] && lf_import_map_day(cell, day))
		return day;
	return cell;
}

static char *map_csv(const lf_import_map *m, const char *data, size_t len, size_t *out_len, const char *path,
                     FILE *err)
{
	lf_csv_reader *r = lf_csv_reader_new(data, len);
	lf_csv_record rec;
	outbuf b = {0};
	long *col = calloc(m->n, sizeof *col);
	bool ok = r && col;
	int got = ok ? lf_csv_read(r, &rec) : -1;
	if (got != 1) {
		if (got < 0 && r)
			fprintf(err, "%s: %s\n", path, lf_csv_error(r));
		ok = false;
	}
	/* The header: where each mapped column is; every one must be there. */
	size_t missing = 0;
	for (size_t i = 0; ok && i < m->n; i++) {
		col[i] = -1;
		if (!m->e[i].source)
			continue;
		for (size_t k = 0; k < rec.n; k++) {
			if (!strcmp(rec.fields[k], m->e[i].source))
				col[i] = (long)k;
		}
		if (col[i] < 0) {
			fprintf(err, _("%s: the map's column \"%s\" (for %s) is not in the file's header\n"), path,
			        m->e[i].source, m->e[i].field);
			missing++;
		}
	}
	if (ok && missing)
		ok = false;
	for (size_t i = 0; ok && i < m->n; i++) {
		put(&b, i ? "," : "", i ? 1 : 0);
		put_cell(&b, m->e[i].field);
	}
	size_t line = 1;
	while (ok && (got = lf_csv_read(r, &rec)) == 1) {
		while (line < rec.line) { /* the record on its own line number */
			put(&b, "\n", 1);
			line++;
		}
		for (size_t i = 0; i < m->n; i++) {
			char day[11];
			const char *v = mapped(&m->e[i], col[i] >= 0 && (size_t)col[i] < rec.n ? rec.fields[col[i]] : NULL, day);
			put(&b, i ? "," : "", i ? 1 : 0);
			put_cell(&b, v ? v : "");
			for (const char *p = v; p && *p; p++)
				line += *p == '\n';
		}
	}
	if (ok && got < 0) {
		fprintf(err, "%s: %s\n", path, lf_csv_error(r));
		ok = false;
	}
	put(&b, "\n", 1);
	if (b.oom && ok) {
		fprintf(err, _("%s: out of memory\n"), path);
		ok = false;
	}
	lf_csv_reader_free(r);
	free(col);
	if (!ok) {
		free(b.s);
		return NULL;
	}
	*out_len = b.n;
	return b.s;
}

/* A JSON value as the text a cell would hold; NULL for null or an object. */
static char *json_text(const json_t *v)
{
	char buf[64];
	if (json_is_string(v))
		return strdup(json_string_value(v));
	if (json_is_integer(v)) {
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
		return strdup(buf);
	}
	if (json_is_real(v)) {
		snprintf(buf, sizeof buf, "%.15g", json_real_value(v));
		return strdup(buf);
	}
	if (json_is_boolean(v))
		return strdup(json_is_true(v) ? "是" : "否");
	return NULL;
}

static char *map_json(const lf_import_map *m, const char *data, size_t len, size_t *out_len, const char *path,
                      FILE *err)
{
	json_error_t je;
	json_t *root = json_loadb(data, len, 0, &je), *out = json_array();
	if (!root || !json_is_array(root) || !out) {
		if (!root)
			fprintf(err, _("%s:%d: not JSON: %s\n"), path, je.line, je.text);
		else
			fprintf(err, _("%s: the export must be a JSON array of objects\n"), path);
		json_decref(root);
		json_decref(out);
		return NULL;
	}
	size_t i;
	json_t *obj;
	json_array_foreach(root, i, obj) {
		json_t *mapped_row = json_object();
		for (size_t k = 0; mapped_row && k < m->n; k++) {
			char *cell = m->e[k].source && json_is_object(obj) ? json_text(json_object_get(obj, m->e[k].source))
			                                                   : NULL;
			char day[11];
			const char *v = mapped(&m->e[k], cell, day);
			if (v)
				json_object_set_new(mapped_row, m->e[k].field, json_string(v));
			free(cell);
		}
		json_array_append_new(out, mapped_row ? mapped_row : json_null());
	}
	json_decref(root);
	char *text = json_dumps(out, JSON_INDENT(1));
	json_decref(out);
	if (!text) {
		fprintf(err, _("%s: out of memory\n"), path);
		return NULL;
	}
	*out_len = strlen(text);
	return text;
}

char *import_apply_map(const char *map_path, const char *data, size_t len, size_t *out_len, const char *path,
                       FILE *err)
{
	size_t mlen = 0;
	char *text = lf_cli_slurp(map_path, &mlen);
	if (!text) {
		fprintf(err, _("%s: cannot read the map: %s\n"), map_path, strerror(errno));
		return NULL;
	}
	lf_import_map m;
	char why[512];
	bool ok = lf_import_map_parse(text, mlen, &m, why, sizeof why);
	free(text);
	if (!ok) {
		fprintf(err, "%s: %s\n", map_path, why);
		return NULL;
	}
	size_t start = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0, p = start;
	while (p < len && strchr(" \t\r\n", data[p]))
		p++;
	char *out = p < len && (data[p] == '[' || data[p] == '{')
	                    ? map_json(&m, data + start, len - start, out_len, path, err)
	                    : map_csv(&m, data + start, len - start, out_len, path, err);
	lf_import_map_free(&m);
	return out;
}
