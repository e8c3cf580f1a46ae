/* laifang case apply FILE: a file of steps, one a line, written as after
 * "laifang case" on the command line, run as one transaction: every line
 * is parsed first (a usage error names its line and nothing runs), then
 * the lines run in order inside one store transaction; the first refusal
 * rolls everything back and names its line. What the lines print is held
 * back until the batch is committed. Every line acts as the one --user. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "case_internal.h"
#include "cli_internal.h"
#include "laifang/office.h"
#include "laifang/i18n.h"

#define APPLY_MAX_BYTES (4 * 1024 * 1024)
#define APPLY_MAX_WORDS 64

int cli_case_split(const char *line, char **words, int max, char **store, const char **why)
{
	size_t n = strlen(line);
	char *buf = malloc(n + 1), *w = buf;
	int count = 0;
	*store = buf;
	*why = NULL;
	if (!buf) {
		*why = _("out of memory");
		return -1;
	}
	const char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (count >= max) {
			*why = _("too many words on the line");
			return -1;
		}
		words[count++] = w;
		while (*p && *p != ' ' && *p != '\t') {
			if (*p == '\'') {
				const char *end = strchr(p + 1, '\'');
				if (!end) {
					*why = _("a quote (') is not closed");
					return -1;
				}
				memcpy(w, p + 1, (size_t)(end - p - 1));
				w += end - p - 1;
				p = end + 1;
			} else if (*p == '"') {
				for (p++; *p && *p != '"'; p++) {
					if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
						p++;
					*w++ = *p;
				}
				if (*p != '"') {
					*why = _("a quote (\") is not closed");
					return -1;
				}
				p++;
			} else if (*p == '\\' && p[1]) {
				*w++ = p[1];
				p += 2;
			} else {
				*w++ = *p++;
			}
		}
		*w++ = '\0';
	}
	return count;
}

typedef struct batch_line {
	int line_no;
	char *store;
	char *words[APPLY_MAX_WORDS];
	cli_case_parsed p;
} batch_line;

static void lines_free(batch_line *lines, int n)
{
	for (int i = 0; i < n; i++) {
		cli_case_parsed_free(&lines[i].p);
		free(lines[i].store);
	}
	free(lines);
}

/* Parse every line; 0, or 2 with the first bad line named. */
static int parse_lines(const char *path, char *text, batch_line **out, int *count, FILE *err)
{
	int cap = 16, n = 0;
	batch_line *lines = calloc((size_t)cap, sizeof *lines);
	if (!lines)
		return 2;
	int line_no = 0;
	for (char *line = text; line; ) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		line_no++;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[len - 1] = '\0';
		char *next = nl ? nl + 1 : NULL;
		const char *s = line + strspn(line, " \t");
		if (!*s || *s == '#') {
			line = next;
			continue;
		}
		if (n == cap) {
			batch_line *b = realloc(lines, (size_t)cap * 2 * sizeof *lines);
			if (!b) {
				lines_free(lines, n);
				return 2;
			}
			memset(b + cap, 0, (size_t)cap * sizeof *b);
			lines = b;
			cap *= 2;
		}
		batch_line *b = &lines[n++];
		b->line_no = line_no;
		const char *why = NULL;
		int nw = cli_case_split(s, b->words, APPLY_MAX_WORDS, &b->store, &why);
		int rc = 0;
		if (nw < 0) {
			fprintf(err, "laifang: %s:%d: %s\n", path, line_no, why);
			rc = 2;
		} else if (nw > 0 && !strcmp(b->words[0], "apply")) {
			fprintf(err, _("laifang: %s:%d: a batch cannot apply another batch\n"), path, line_no);
			rc = 2;
		} else {
			char *buf = NULL;
			size_t blen = 0;
			FILE *e = open_memstream(&buf, &blen);
			rc = e ? cli_case_parse(nw, b->words, &b->p, e) : 2;
			if (e)
				fclose(e);
			if (rc && buf)
				fprintf(err, "laifang: %s:%d:\n%s", path, line_no, buf);
			free(buf);
		}
		if (rc) {
			lines_free(lines, n);
			return rc;
		}
		line = next;
	}
	*out = lines;
	*count = n;
	return 0;
}

/* The lines of a batch, run by the office inside its one transaction. */
typedef struct batch {
	batch_line *lines;
	int n;
	const lf_user *me;
	const char *path;
	FILE *hold, *err;
	int failed; /* the refused line, or -1 */
	bool ran;   /* the transaction began */
} batch;

static int run_lines(lf_store *st, void *ud)
{
	batch *b = ud;
	int rc = 0;
	b->ran = true;
	for (int i = 0; rc == 0 && i < b->n; i++) {
		char *ebuf = NULL;
		size_t elen = 0;
		FILE *ef = open_memstream(&ebuf, &elen);
		rc = cli_case_exec(&b->lines[i].p, st, b->me, true, b->hold, ef ? ef : b->err);
		if (ef)
			fclose(ef);
		if (rc) {
			b->failed = i;
			fprintf(b->err, _("laifang: %s:%d: %s %s refused; nothing in the batch was changed\n"), b->path,
			        b->lines[i].line_no, b->lines[i].words[0], b->lines[i].p.ctx.case_no);
		}
		if (ebuf)
			fputs(ebuf, b->err); /* the refusal, or a warning */
		free(ebuf);
	}
	return rc;
}

int cli_case_apply(lf_store *st, const lf_user *me, const char *path, bool json, FILE *out, FILE *err)
{
	char why[512] = "";
	char *text = cli_case_read_text(path, APPLY_MAX_BYTES, why, sizeof why);
	if (!text) {
		fprintf(err, "laifang: case apply: %s\n", why);
		return 2;
	}
	batch_line *lines = NULL;
	int n = 0;
	int rc = parse_lines(path, text, &lines, &n, err);
	if (rc) {
		free(text);
		return rc;
	}
	/* What the lines print waits for the commit. */
	char *held = NULL;
	size_t held_len = 0;
	FILE *hold = open_memstream(&held, &held_len);
	batch b = {.lines = lines, .n = n, .me = me, .path = path, .hold = hold, .err = err, .failed = -1};
	lf_store_err e = LF_STORE_IO;
	if (!hold) {
		fprintf(err, "laifang: %s\n", lf_office_errmsg(st));
		rc = 2;
	} else if ((rc = lf_office_all_or_nothing(st, run_lines, &b, &e)) == -1) {
		fprintf(err, "laifang: %s\n", lf_office_errmsg(st));
		/* Not begun: 2; not committed: as the store's refusal says. */
		rc = b.ran && lf_cli_status(e) == 1 ? 1 : 2;
	}
	int failed = b.failed;
	if (hold)
		fclose(hold);
	if (rc == 0 && held && !json) /* --json: the summary alone, one JSON document */
		fwrite(held, 1, held_len, out);
	if (json) {
		json_t *o = json_object();
		json_object_set_new(o, "ok", json_boolean(rc == 0));
		json_object_set_new(o, "file", json_string(path));
		json_object_set_new(o, "steps", json_integer(rc == 0 ? n : 0));
		if (failed >= 0)
			json_object_set_new(o, "line", json_integer(lines[failed].line_no));
		json_dumpf(o, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', out);
		json_decref(o);
	} else if (rc == 0) {
		fprintf(out, _("%s: %d steps done\n"), path, n);
	}
	free(held);
	lines_free(lines, n);
	free(text);
	return rc;
}
