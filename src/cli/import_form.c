/* Which form a file for `laifang import` is checked against (issue 13):
 * the one its rows' channel column names (channel.h). A file that mixes
 * rows of two forms (visits and letters) is refused before anything is
 * read: one file, one form. A file that cannot be parsed here gets the
 * registration sheet, and the import proper reports what is wrong. */
#include "cli_internal.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "laifang/channel.h"
#include "laifang/csv.h"
#include "laifang/i18n.h"
#include "laifang/text.h"

typedef struct seen {
	const char *form;
	const char *channel;
	bool mixed;
	const char *other;
} seen;

static void note(seen *s, const char *value)
{
	const char *ch = value && value[0] ? lf_channel_parse(value) : "visit";
	if (!ch)
		return; /* the import reports it on its row */
	const char *f = lf_channel_form(ch);
	if (!s->form) {
		s->form = f;
		s->channel = ch;
	} else if (strcmp(s->form, f) && !s->mixed) {
		s->mixed = true;
		s->other = ch;
	}
}

static void scan_json(seen *s, const char *data, size_t len)
{
	json_t *root = json_loadb(data, len, 0, NULL);
	size_t i;
	json_t *obj;
	if (root && json_is_array(root))
		json_array_foreach(root, i, obj) {
			json_t *v = json_is_object(obj) ? json_object_get(obj, "channel") : NULL;
			note(s, json_is_string(v) ? json_string_value(v) : NULL);
		}
	json_decref(root);
}

static void scan_csv(seen *s, const char *data, size_t len)
{
	lf_csv_reader *r = lf_csv_reader_new(data, len);
	lf_csv_record rec;
	long col = -1;
	if (!r)
		return;
	if (lf_csv_read(r, &rec) == 1)
		for (size_t c = 0; c < rec.n; c++) {
			lf_text_trim(rec.fields[c]);
			if (!strcmp(rec.fields[c], "channel"))
				col = (long)c;
		}
	while (lf_csv_read(r, &rec) == 1) {
		bool blank = true;
		for (size_t c = 0; c < rec.n; c++)
			blank = blank && !rec.lens[c];
		if (blank)
			continue;
		if (col >= 0 && (size_t)col < rec.n)
			lf_text_trim(rec.fields[col]);
		note(s, col >= 0 && (size_t)col < rec.n ? rec.fields[col] : NULL);
	}
	lf_csv_reader_free(r);
}

const char *lf_import_file_form(const char *data, size_t len, const char *path, FILE *err)
{
	seen s = {0};
	size_t p = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
	size_t start = p;
	while (p < len && strchr(" \t\r\n", data[p]))
		p++;
	if (p < len && (data[p] == '[' || data[p] == '{'))
		scan_json(&s, data + start, len - start);
	else
		scan_csv(&s, data, len);
	if (s.mixed) {
		fprintf(err,
		        _("%s: rows of channel %s and of channel %s are registered on different forms (%s, %s): "
		          "import them in separate files; nothing was imported\n"),
		        path, s.channel, s.other, s.form, lf_channel_form(s.other));
		return NULL;
	}
	return s.form ? s.form : "registration";
}
