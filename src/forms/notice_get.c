/* A notice's template by kind: $LAIFANG_FORMS_DIR/notices/KIND.tmpl when
 * the office has one there (its own wording), else the one built in from
 * forms/notices/ (notice_text.h, docs/paper.md). */
#include "laifang/form.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/embedded.h"
#include "laifang/i18n.h"

#define TEMPLATE_MAX (256 * 1024)

static bool valid_key(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
			return false;
	return true;
}

char *lf_notice_template(const char *kind, size_t *len, char *err, size_t errlen)
{
	*len = 0;
	if (!valid_key(kind)) {
		snprintf(err, errlen, _("'%s' is not a kind of notice"), kind ? kind : "");
		return NULL;
	}
	const char *dir = getenv("LAIFANG_FORMS_DIR");
	if (dir && *dir) {
		char path[4096];
		snprintf(path, sizeof path, "%s/notices/%s.tmpl", dir, kind);
		FILE *fp = fopen(path, "rb");
		if (fp) {
			char *buf = malloc(TEMPLATE_MAX + 1);
			size_t n = buf ? fread(buf, 1, TEMPLATE_MAX + 1, fp) : 0;
			bool bad = !buf || ferror(fp) || n > TEMPLATE_MAX;
			int saved = errno;
			fclose(fp);
			if (bad) {
				snprintf(err, errlen, _("%s: cannot read: %s"), path,
				         !buf ? _("out of memory") : n > TEMPLATE_MAX ? _("too large") : strerror(saved));
				free(buf);
				return NULL;
			}
			buf[n] = '\0';
			*len = n;
			return buf;
		}
		if (errno != ENOENT) {
			snprintf(err, errlen, _("%s: cannot open: %s"), path, strerror(errno));
			return NULL;
		}
	}
	char name[64];
	snprintf(name, sizeof name, "%s.tmpl", kind);
	for (const struct lf_embedded *e = lf_notice_templates; e->name; e++)
		if (!strcmp(e->name, name)) {
			char *copy = malloc(e->len + 1);
			if (!copy) {
				snprintf(err, errlen, "%s", _("out of memory"));
				return NULL;
			}
			memcpy(copy, e->text, e->len);
			copy[e->len] = '\0';
			*len = e->len;
			return copy;
		}
	snprintf(err, errlen, _("no notice template '%s' is built in"), kind);
	return NULL;
}
