/* A printed PDF read back in the unit tests, through poppler's pdftotext
 * and pdfinfo: its text with the line breaks and spaces pdftotext puts in
 * taken out, so a wrapped value reads as one string. */
#ifndef LAIFANG_TEST_PDF_TEXT_H
#define LAIFANG_TEST_PDF_TEXT_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a shell command writes, malloc'd. */
static inline char *slurp_cmd(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	assert_non_null(buf);
	size_t r;
	while ((r = fread(buf + n, 1, cap - n - 1, p)) > 0) {
		n += r;
		if (n + 1 >= cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
	}
	buf[n] = '\0';
	pclose(p);
	return buf;
}

/* Page page's text (0: every page); ideographic: the full-width space
 * U+3000 (an indent of the Chinese text) taken out too. malloc'd. */
static inline char *pdf_page_text(const char *path, int page, bool ideographic)
{
	char cmd[512];
	if (page > 0)
		snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -f %d -l %d '%s' - 2>&1", page, page, path);
	else
		snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>&1", path);
	char *t = slurp_cmd(cmd), *w = t;
	for (char *r = t; *r; r++) {
		if (ideographic && !strncmp(r, "\xe3\x80\x80", 3)) {
			r += 2;
			continue;
		}
		if (*r != '\n' && *r != ' ' && *r != '\f')
			*w++ = *r;
	}
	*w = '\0';
	return t;
}

static inline char *pdf_text(const char *path)
{
	return pdf_page_text(path, 0, false);
}

#endif
