/* Getting a form by name: built into the binary from forms/, or read from
 * LAIFANG_FORMS_DIR (an office's own layout). Loaded forms are kept until
 * exit. */
#include "laifang/form.h"
#include "laifang/channel.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/embedded.h"
#include "laifang/i18n.h"

/* A form file larger than this is surely not a form (and not read whole). */
#define FORM_FILE_MAX (1024 * 1024)

/* The name becomes part of a path: a lower-case id, no '/' or "..". */
static bool valid_name(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

/* Forms already loaded, kept until exit; keyed by name and where from
 * (dir is "" for the built-in ones), so a changed LAIFANG_FORMS_DIR is
 * honoured. */
typedef struct loaded {
	struct loaded *next;
	char *name;
	char *dir;
	lf_form_def *form;
} loaded;

static loaded *cache;

static char *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	if (!fp) {
		snprintf(err, errlen, _("%s: cannot open: %s"), path, strerror(errno));
		return NULL;
	}
	buf = malloc(FORM_FILE_MAX + 1);
	if (!buf) {
		snprintf(err, errlen, _("%s: out of memory"), path);
		goto cleanup;
	}
	*len = fread(buf, 1, FORM_FILE_MAX + 1, fp);
	if (ferror(fp)) {
		snprintf(err, errlen, _("%s: cannot read: %s"), path, strerror(errno));
		free(buf);
		buf = NULL;
	} else if (*len > FORM_FILE_MAX) {
		snprintf(err, errlen, _("%s: too large for a form file"), path);
		free(buf);
		buf = NULL;
	}
cleanup:
	fclose(fp);
	return buf;
}

const lf_form_def *lf_form_get(const char *name, char *err, size_t errlen)
{
	char dummy[8];
	if (!err || !errlen) {
		err = dummy;
		errlen = sizeof dummy;
	}
	err[0] = '\0';
	if (!name || !valid_name(name)) {
		snprintf(err, errlen, _("'%s' is not a form name"), name ? name : "");
		return NULL;
	}
	const char *dir = getenv("LAIFANG_FORMS_DIR");
	if (!dir)
		dir = "";
	for (loaded *l = cache; l; l = l->next)
		if (!strcmp(l->name, name) && !strcmp(l->dir, dir))
			return l->form;

	char where[4096];
	char perr[512];
	lf_form_def *form = NULL;
	if (*dir) {
		snprintf(where, sizeof where, "%s/%s.form", dir, name);
		size_t len = 0;
		char *text = read_file(where, &len, err, errlen);
		if (!text)
			return NULL;
		form = lf_form_parse(text, len, perr, sizeof perr);
		free(text);
	} else {
		snprintf(where, sizeof where, "%s.form", name);
		const struct lf_embedded *e = lf_forms;
		while (e->name && strcmp(e->name, where))
			e++;
		if (!e->name) {
			snprintf(err, errlen, _("no form '%s' is built in"), name);
			return NULL;
		}
		form = lf_form_parse(e->text, e->len, perr, sizeof perr);
	}
	if (!form) {
		snprintf(err, errlen, "%s: %s", where, perr);
		return NULL;
	}
	if (strcmp(form->id, name)) {
		snprintf(err, errlen, _("%s: the file declares form '%s', not '%s'"), where, form->id, name);
		lf_form_free(form);
		return NULL;
	}
	loaded *l = calloc(1, sizeof *l);
	if (l) {
		l->name = strdup(name);
		l->dir = strdup(dir);
	}
	if (!l || !l->name || !l->dir) {
		if (l) {
			free(l->name);
			free(l->dir);
		}
		free(l);
		lf_form_free(form);
		snprintf(err, errlen, _("out of memory"));
		return NULL;
	}
	l->form = form;
	l->next = cache;
	cache = l;
	return form;
}

const lf_form_def *lf_form_for_channel(const char *channel, char *err, size_t errlen)
{
	return lf_form_get(lf_channel_form(channel), err, errlen);
}
