/* Reading a reception schedule from CSV: a header naming the columns, then one
 * slot per line. Every error names its line and column. */
#include "laifang/schedule.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/csv.h"
#include "laifang/i18n.h"
#include "laifang/text.h"

enum col { C_DATE, C_START, C_END, C_LEADER, C_TITLE, C_LEVEL, C_DEPARTMENT, C_LOCATION, C_CONTACT, C_KIND, C_MODE, NCOLS };

static const char *const col_names[NCOLS] = {
	"date", "start", "end", "leader", "title", "level", "department", "location", "contact", "kind", "mode",
};

/* err = "line N: " + the formatted reason. */
static void fail(char *err, size_t errlen, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void fail(char *err, size_t errlen, size_t line, const char *fmt, ...)
{
	char why[320];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	snprintf(err, errlen, _("line %zu: %s"), line, why);
}

/* The header: which column of the file each of ours is in (-1: absent). */
static bool read_header(const lf_csv_record *rec, int at[NCOLS], char *err, size_t errlen)
{
	for (int c = 0; c < NCOLS; c++)
		at[c] = -1;
	for (size_t i = 0; i < rec->n; i++) {
		char name[32];
		lf_slot_set(name, sizeof name, rec->fields[i]);
		lf_text_trim(name);
		for (char *p = name; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		int c = 0;
		while (c < NCOLS && strcmp(name, col_names[c]))
			c++;
		if (c == NCOLS) {
			char shown[64];
			fail(err, errlen, rec->line, _("unknown column \"%s\" (the header is %s)"),
			     lf_text_echo(shown, sizeof shown, rec->fields[i]), LF_SCHEDULE_CSV_HEADER);
			return false;
		}
		if (at[c] >= 0) {
			fail(err, errlen, rec->line, _("column %s appears twice"), col_names[c]);
			return false;
		}
		at[c] = (int)i;
	}
	if (at[C_DATE] < 0 || at[C_LEADER] < 0) {
		fail(err, errlen, rec->line, _("the header must name at least the columns date and leader (%s)"),
		     LF_SCHEDULE_CSV_HEADER);
		return false;
	}
	return true;
}

/* Column c of the record, cleaned and trimmed, into dst: false (with err) on
 * a control character, invalid UTF-8 or a value too long. */
static bool field(const lf_csv_record *rec, const int at[NCOLS], int c, char *dst, size_t dstlen,
                  char *err, size_t errlen)
{
	dst[0] = '\0';
	if (at[c] < 0)
		return true;
	const char *raw = rec->fields[at[c]];
	size_t rawlen = rec->lens[at[c]];
	bool changed = false;
	char *clean = lf_text_clean(raw, rawlen, false, &changed);
	if (!clean) {
		fail(err, errlen, rec->line, "%s", _("out of memory"));
		return false;
	}
	if (changed) {
		free(clean);
		fail(err, errlen, rec->line, _("%s holds a line break, a control character or invalid UTF-8"),
		     col_names[c]);
		return false;
	}
	lf_text_trim(clean);
	bool fits = lf_slot_set(dst, dstlen, clean);
	free(clean);
	if (!fits)
		fail(err, errlen, rec->line, _("%s is too long (at most %zu bytes)"), col_names[c], dstlen - 1);
	return fits;
}

static bool all_empty(const lf_csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		if (rec->lens[i])
			return false;
	return true;
}

/* One record into a slot. */
static bool read_slot(const lf_csv_record *rec, const int at[NCOLS], lf_slot *s, char *err, size_t errlen)
{
	char buf[LF_SLOT_TEXT], end[LF_SLOT_TEXT];
	memset(s, 0, sizeof *s);
	s->line = rec->line;
	if (!field(rec, at, C_DATE, buf, sizeof buf, err, errlen))
		return false;
	if (!lf_date_parse(buf, &s->date) || !lf_date_valid(s->date.y, s->date.m, s->date.d)) {
		fail(err, errlen, rec->line, _("date \"%s\" is not a valid date (YYYY-MM-DD)"), buf);
		return false;
	}
	if (!field(rec, at, C_START, buf, sizeof buf, err, errlen) ||
	    !field(rec, at, C_END, end, sizeof end, err, errlen))
		return false;
	s->start = s->end = LF_NO_TIME;
	if (*buf || *end) {
		if (!lf_time_parse(buf, &s->start)) {
			fail(err, errlen, rec->line, _("start \"%s\" is not a time (HH:MM)"), buf);
			return false;
		}
		if (!lf_time_parse(end, &s->end)) {
			fail(err, errlen, rec->line, _("end \"%s\" is not a time (HH:MM)"), end);
			return false;
		}
		if (s->end <= s->start) {
			fail(err, errlen, rec->line, _("end %s is not after start %s"), end, buf);
			return false;
		}
	}
	if (!field(rec, at, C_LEADER, s->leader.name, sizeof s->leader.name, err, errlen) ||
	    !field(rec, at, C_TITLE, s->leader.title, sizeof s->leader.title, err, errlen) ||
	    !field(rec, at, C_LEVEL, s->leader.level, sizeof s->leader.level, err, errlen) ||
	    !field(rec, at, C_DEPARTMENT, s->department, sizeof s->department, err, errlen) ||
	    !field(rec, at, C_LOCATION, s->location, sizeof s->location, err, errlen) ||
	    !field(rec, at, C_CONTACT, s->contact, sizeof s->contact, err, errlen))
		return false;
	if (!*s->leader.name) {
		fail(err, errlen, rec->line, "%s", _("leader is empty"));
		return false;
	}
	if (!field(rec, at, C_KIND, buf, sizeof buf, err, errlen))
		return false;
	s->kind = LF_SLOT_RECEPTION;
	if (*buf && !lf_slot_kind_parse(buf, &s->kind)) {
		fail(err, errlen, rec->line, _("kind \"%s\" is not reception or field_visit"), buf);
		return false;
	}
	if (!field(rec, at, C_MODE, buf, sizeof buf, err, errlen))
		return false;
	s->mode = LF_MODE_FIXED;
	if (*buf && !lf_slot_mode_parse(buf, &s->mode)) {
		fail(err, errlen, rec->line,
		     _("mode \"%s\" is not one of fixed, appointment, thematic, case_visit, grassroots"), buf);
		return false;
	}
	return true;
}

int lf_schedule_read_csv(lf_schedule *out, const char *data, size_t len, char *err, size_t errlen)
{
	lf_csv_reader *r = lf_csv_reader_new(data, len);
	if (!r) {
		snprintf(err, errlen, "%s", _("out of memory"));
		return -1;
	}
	size_t before = out->n;
	int at[NCOLS], ncols = 0, rc = 0;
	bool header = false, ok = true;
	lf_csv_record rec;
	while (ok && (rc = lf_csv_read(r, &rec)) == 1) {
		if (all_empty(&rec))
			continue;
		if (!header) {
			ok = read_header(&rec, at, err, errlen);
			ncols = (int)rec.n;
			header = true;
			continue;
		}
		if (rec.n != (size_t)ncols) {
			fail(err, errlen, rec.line, _("%zu fields where the header has %d"), rec.n, ncols);
			ok = false;
			break;
		}
		lf_slot s;
		ok = read_slot(&rec, at, &s, err, errlen);
		if (ok && !lf_schedule_add(out, &s)) {
			snprintf(err, errlen, "%s", _("out of memory"));
			ok = false;
		}
	}
	if (ok && rc < 0) {
		snprintf(err, errlen, "%s", lf_csv_error(r));
		ok = false;
	}
	if (ok && !header) {
		fail(err, errlen, 1, "%s", _("the file is empty: no header line"));
		ok = false;
	}
	lf_csv_reader_free(r);
	if (!ok) {
		out->n = before;
		return -1;
	}
	return (int)(out->n - before);
}
