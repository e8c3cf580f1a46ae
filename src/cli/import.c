/* laifang import FILE: register visits from CSV or JSON, all or nothing.
 *
 * Every row goes through the same check as the sheet (lf_form_check) and is
 * saved through lf_registration_save. Nothing is written until every row has
 * passed; then all rows are saved in one transaction.
 *
 * Row numbers in messages ("FILE:ROW: ..."): for CSV the line of the file on
 * which the record starts (the header is line 1, so the first data row is
 * line 2 unless a field above spans lines); for JSON the position of the
 * object in the array, counted from 1.
 *
 * Columns (keys) that are fields of the sheet filled later by a workflow
 * (领导批示, 办理情况 and their signatures and dates) and the export's own
 * keys case_no, case_id and repeat are ignored with one warning per file, so
 * an export can be read back; any other unknown column is an error.
 *
 * A CSV cell is read as export wrote it for spreadsheets (csv.h): a single
 * quote before = + - @ and a tab after a long number are taken off.
 *
 * The column (key) channel (issue 13) says how each item came in: visit
 * (the default), online, letter, fax or phone (or 来访, 网上信访, 来信, 传真,
 * 来电). A file's rows are checked against the form their channel is
 * registered on: the registration sheet (visit, online), forms/letter.form
 * (letter, fax) or forms/call.form (phone); one file holds rows of one form.
 *
 * JSON values must be strings (a number would lose an ID number's digits or
 * a phone number's leading 0); null is taken as an empty field. */
#include "laifang/office.h"
#include "laifang/cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli_internal.h"
#include "laifang/channel.h"
#include "laifang/correct.h"
#include "laifang/review.h"
#include "laifang/csv.h"
#include "laifang/form.h"
#include "laifang/i18n.h"
#include "laifang/ledger.h"
#include "laifang/registration.h"
#include "laifang/text.h"

#include "import_internal.h"

/* Keys that export writes and import leaves alone. */
static const char *const export_keys[N_EXPORT_KEYS] = {"case_no", "case_id", "repeat"};

void import_free_values(const lf_form_def *form, char **values)
{
	if (!values)
		return;
	for (size_t i = 0; i < form->n_fields; i++)
		free(values[i]);
	free(values);
}

/* Whether import takes a field's value from the file: every field a clerk
 * types, and a readonly one laifang fills by default (接待人员 = @user). */
static bool field_accepted(const lf_field_def *f)
{
	return !f->readonly || (f->defval && f->defval[0] == '@');
}

/* What a column (or JSON key) named id is: a field index, COL_IGNORED or
 * COL_UNKNOWN. */
int import_classify(const lf_form_def *form, const char *id)
{
	if (!strcmp(id, "channel"))
		return COL_CHANNEL;
	/* A ledger's Chinese column name reads as its key (issue 15). */
	const char *key = lf_ledger_column_id(form, id);
	if (key)
		id = key;
	int i = lf_form_find(form, id);
	if (i >= 0)
		return field_accepted(&form->fields[i]) ? i : COL_IGNORED;
	for (size_t k = 0; k < N_EXPORT_KEYS; k++)
		if (!strcmp(id, export_keys[k]))
			return COL_IGNORED;
	return lf_ledger_extra_key(id) ? COL_IGNORED : COL_UNKNOWN;
}

/* Remember that the file has key, which import ignores. */
void import_note_ignored(import *im, const char *key)
{
	const char *id = lf_ledger_column_id(im->form, key);
	if (id)
		key = id;
	int i = lf_form_find(im->form, key);
	if (i >= 0)
		im->ignored[i] = true;
	for (size_t k = 0; k < N_EXPORT_KEYS; k++)
		if (!strcmp(key, export_keys[k]))
			im->ignored_export[k] = true;
}

/* One warning per file naming every ignored column or key. */
void import_warn_ignored(import *im)
{
	char list[512] = "";
	size_t used = 0;
	for (size_t i = 0; i < im->form->n_fields + N_EXPORT_KEYS && used < sizeof list; i++) {
		bool on = i < im->form->n_fields ? im->ignored[i] : im->ignored_export[i - im->form->n_fields];
		const char *id = i < im->form->n_fields ? im->form->fields[i].id
		                                        : export_keys[i - im->form->n_fields];
		if (on)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", id);
	}
	if (used)
		fprintf(im->err, _("%s: warning: not imported, laifang or a later step fills them: %s\n"), im->path,
		        list);
}

/* "FILE:ROW: message" for one problem of one row; warnings say so. */
void import_report(import *im, size_t num, bool warning, const char *msg)
{
	if (warning)
		fprintf(im->err, "%s:%zu: %s: %s\n", im->path, num, _("warning"), msg);
	else {
		fprintf(im->err, "%s:%zu: %s\n", im->path, num, msg);
		im->n_errors++;
	}
}

/* An issue of the form check, as "LABEL (field_id)：reason": the message
 * starts with the label, and the field id goes right after it. */
static void report_issue(import *im, size_t num, const lf_form_issue *is)
{
	const lf_field_def *f = &im->form->fields[is->field];
	if (im->blamed[is->field])
		return; /* "required" after "must be a string" says nothing new */
	size_t ll = strlen(f->label);
	char msg[640];
	if (!strncmp(is->message, f->label, ll))
		snprintf(msg, sizeof msg, "%s (%s)%s", f->label, f->id, is->message + ll);
	else
		snprintf(msg, sizeof msg, "%s (%s)", is->message, f->id);
	import_report(im, num, is->verdict != LF_INVALID, msg);
}

/* The list of the field ids a file may use, for the unknown-column error. */
static void accepted_ids(const lf_form_def *form, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < form->n_fields && used < len; i++)
		if (field_accepted(&form->fields[i]))
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
			                         form->fields[i].id);
}

void import_report_unknown(import *im, size_t num, const char *name)
{
	char ids[512], msg[768], shown[64];
	accepted_ids(im->form, ids, sizeof ids);
	snprintf(msg, sizeof msg, _("unknown column \"%s\": not a field of the registration sheet (the fields are: %s)"),
	         lf_text_echo(shown, sizeof shown, name), ids);
	import_report(im, num, false, msg);
}

/* Take one value from the file for field i of a row, as typed: the form
 * check cleans it as it cleans what a clerk types, and warns when cleaning
 * takes anything out. Only a NUL byte, which a C string cannot carry, is
 * taken out here (with the same kind of warning). Returns false when out of
 * memory. */
bool import_set_value(import *im, size_t num, char **values, size_t i, const char *s, size_t len)
{
	const lf_field_def *f = &im->form->fields[i];
	char *v = malloc(len + 1);
	if (!v)
		return false;
	size_t k = 0;
	for (size_t j = 0; j < len; j++)
		if (s[j])
			v[k++] = s[j];
	v[k] = '\0';
	if (k < len) {
		char msg[512];
		snprintf(msg, sizeof msg, _("%s (%s): NUL bytes were removed"), f->label, f->id);
		import_report(im, num, true, msg);
	}
	/* The form check leaves readonly fields alone; keep the length rule
	 * for the one import takes (接待人员). */
	if (f->readonly && f->max_chars && lf_text_chars(v) > f->max_chars) {
		char msg[512];
		snprintf(msg, sizeof msg, _("%s (%s): %zu characters, more than the %zu allowed"), f->label,
		         f->id, lf_text_chars(v), f->max_chars);
		import_report(im, num, false, msg);
	}
	free(values[i]);
	if (!v[0]) {
		free(v);
		v = NULL;
	}
	values[i] = v;
	return true;
}

/* A row's channel cell: a stored name or alias (channel.h); the form it
 * needs must be the file's form (checked before reading, file_form). */
void import_set_channel(import *im, size_t num, const char *s)
{
	if (!s || !s[0])
		return;
	const char *ch = lf_channel_parse(s);
	char msg[256], shown[64];
	if (!ch) {
		snprintf(msg, sizeof msg, _("channel \"%s\" is not one of visit, online, letter, fax, phone"),
		         lf_text_echo(shown, sizeof shown, s));
		import_report(im, num, false, msg);
		return;
	}
	im->row_channel = ch;
}

/* The row is read: defaults, the sheet's check, and keep it if it passed.
 * Takes ownership of values. errors_before: im->n_errors when the row began,
 * so errors found while reading it count too. */
void import_finish_row(import *im, size_t num, char **values, size_t errors_before)
{
	lf_form_issue issues[MAX_ISSUES];
	lf_form_fill_defaults(im->form, values, im->today, im->user);
	size_t n = lf_form_check(im->form, values, im->today, issues, MAX_ISSUES);
	for (size_t i = 0; i < n && i < MAX_ISSUES; i++)
		report_issue(im, num, &issues[i]);
	if (n > MAX_ISSUES) {
		char msg[256];
		snprintf(msg, sizeof msg, _("%zu more problems in this row"), n - MAX_ISSUES);
		import_report(im, num, false, msg);
	}
	im->n_seen++;
	if (im->n_errors > errors_before) {
		im->n_bad++;
		import_free_values(im->form, values);
		return;
	}
	if (im->n_rows == im->cap_rows) {
		size_t cap = im->cap_rows ? im->cap_rows * 2 : 64;
		row *r = realloc(im->rows, cap * sizeof *r);
		if (!r) {
			im->oom = true;
			import_free_values(im->form, values);
			return;
		}
		im->rows = r;
		im->cap_rows = cap;
	}
	im->rows[im->n_rows++] = (row){num, values, im->row_channel};
}

/* ---- the file ---- */


/* Offset of the first byte that is not part of well-formed UTF-8, or len. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1, min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2, min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3, min = 0x10000;
		} else
			return i;
		unsigned cp = c & (0x3F >> n);
		for (size_t k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

/* Issue 13: a visitor whose matter was re-reviewed (art. 36), or who has
 * matters still being handled (art. 19, para. 3), is said so, row by row,
 * after the import (a warning: the clerk judges whether it is the same
 * matter). The rows just imported are in progress themselves: those of the
 * same person are not counted. A clerk's import of a few rows only: a bulk
 * load of an old register would look every row up. */
#define FINAL_CHECK_ROWS 100
static void warn_earlier_matters(import *im, lf_store *st)
{
	int idf = lf_form_find(im->form, "id_number");
	if (idf < 0 || im->n_rows > FINAL_CHECK_ROWS)
		return;
	for (size_t i = 0; i < im->n_rows; i++) {
		char note[512];
		const char *id = im->rows[i].values[idf];
		if (!id || !id[0])
			continue;
		if (lf_visitor_review_final(st, im->actor, id, NULL, note, sizeof note))
			fprintf(im->err, "%s:%zu: %s: %s\n", im->path, im->rows[i].num, _("warning"), note);
		int imported = 0;
		for (size_t k = 0; k < im->n_rows; k++) {
			const char *other = im->rows[k].values[idf];
			imported += other && !strcmp(other, id);
		}
		int earlier = lf_visitor_in_progress(st, im->actor, id, NULL, NULL, 0) - imported;
		if (earlier > 0)
			fprintf(im->err, "%s:%zu: %s: %s\n", im->path, im->rows[i].num, _("warning"),
			        lf_same_matter_note(earlier, note, sizeof note));
	}
}

/* Save every row in one transaction. Returns the exit status. */
static int save_all(import *im, lf_store *st)
{
	lf_saved_case first = {0}, last = {0};
	memset(im->blamed, 0, im->form->n_fields * sizeof *im->blamed);
	char ***rows = calloc(im->n_rows, sizeof *rows);
	if (!rows) {
		fprintf(im->err, _("%s: out of memory\n"), im->path);
		return 2;
	}
	for (size_t i = 0; i < im->n_rows; i++)
		rows[i] = im->rows[i].values;
	lf_form_issue issues[MAX_ISSUES];
	size_t n_issues = 0, bad = 0;
	lf_store_err e = LF_STORE_OK;
	/* The office saves them in one transaction: all or nothing. */
	const char **channels = calloc(im->n_rows, sizeof *channels);
	if (!channels) {
		free(rows);
		fprintf(im->err, _("%s: out of memory\n"), im->path);
		return 2;
	}
	for (size_t i = 0; i < im->n_rows; i++)
		channels[i] = im->rows[i].channel;
	int r = lf_intake_save_all(st, im->actor, im->form, rows, channels, im->n_rows, issues, MAX_ISSUES,
	                           &n_issues, &bad, &first, &last, &e);
	free(rows);
	free(channels);
	if (r != 0 && bad == SIZE_MAX) {
		fprintf(im->err, "%s: %s\n", im->path, lf_office_errmsg(st));
		return 2;
	}
	if (r != 0 && bad == im->n_rows) {
		fprintf(im->err, "%s: %s\n", im->path, lf_office_errmsg(st));
		fprintf(im->err, _("%s: nothing was imported\n"), im->path);
		return 2;
	}
	if (r != 0) {
		if (r > 0) /* 2: a known number under another name, refused naming the row */
			for (size_t k = 0; k < n_issues && k < MAX_ISSUES; k++)
				report_issue(im, im->rows[bad].num, &issues[k]);
		else
			fprintf(im->err, "%s:%zu: %s\n", im->path, im->rows[bad].num, lf_office_errmsg(st));
		fprintf(im->err, _("%s: nothing was imported\n"), im->path);
		return r > 0 ? 1 : lf_cli_status(e);
	}
	if (im->n_rows == 1)
		fprintf(im->out, _("imported 1 registration (case number %s)\n"), first.case_no);
	else
		fprintf(im->out, _("imported %zu registrations (case numbers %s to %s)\n"), im->n_rows,
		        first.case_no, last.case_no);
	warn_earlier_matters(im, st);
	return 0;
}

int lf_cli_import(lf_store *st, const lf_user *actor, const char *path, FILE *out, FILE *err)
{
	return lf_cli_import_mapped(st, actor, path, NULL, out, err);
}

int lf_cli_import_mapped(lf_store *st, const lf_user *actor, const char *path, const char *map_path, FILE *out,
                         FILE *err)
{
	/* Refused before the file is read: no point listing its problems. */
	if (!lf_cli_allowed(actor, LF_PERM_REGISTER, err))
		return 1;
	char ferr[512];
	size_t len = 0;
	char *data = lf_cli_slurp(path, &len);
	if (!data) {
		fprintf(err, _("%s: cannot read the file: %s\n"), path, strerror(errno));
		return 2;
	}
	if (map_path) { /* another system's export: our field ids first */
		size_t mapped_len = 0;
		char *mapped = import_apply_map(map_path, data, len, &mapped_len, path, err);
		free(data);
		if (!mapped)
			return 1;
		data = mapped;
		len = mapped_len;
	}
	/* The form the rows' channels are registered on (issue 13). */
	const char *form_id = lf_import_file_form(data, len, path, err);
	if (!form_id) {
		free(data);
		return 1;
	}
	const lf_form_def *form = lf_form_get(form_id, ferr, sizeof ferr);
	if (!form) {
		fprintf(err, _("laifang: cannot load the %s form: %s\n"), form_id, ferr);
		free(data);
		return 2;
	}

	import im = {.form = form, .path = path, .actor = actor, .user = actor->name, .out = out, .err = err,
	             .today = lf_date_today()};
	int rc = 1;
	im.ignored = calloc(form->n_fields ? form->n_fields : 1, sizeof *im.ignored);
	im.blamed = calloc(form->n_fields ? form->n_fields : 1, sizeof *im.blamed);
	if (!im.ignored || !im.blamed) {
		fprintf(err, _("%s: out of memory\n"), path);
		rc = 2;
		goto cleanup;
	}
	size_t bad = utf8_invalid_at((const unsigned char *)data, len);
	if (bad < len) {
		size_t line = 1;
		for (size_t i = 0; i < bad; i++)
			line += data[i] == '\n';
		fprintf(err, _("%s:%zu: the file is not UTF-8 text (a spreadsheet may have saved it as GBK: save it as \"CSV UTF-8\")\n"),
		        path, line);
		goto cleanup;
	}

	size_t start = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
	size_t p = start;
	while (p < len && strchr(" \t\r\n", data[p]))
		p++;
	/* '[' is JSON by the contract; '{' too, to say plainly what is wrong. */
	bool json = p < len && (data[p] == '[' || data[p] == '{');
	if (json)
		import_read_json(&im, data + start, len - start);
	else
		import_read_csv(&im, data, len);

	if (im.oom) {
		fprintf(err, _("%s: out of memory\n"), path);
		rc = 2;
		goto cleanup;
	}
	if (im.n_errors) {
		if (im.n_bad)
			fprintf(err, _("%s: %zu problem(s) in %zu of %zu row(s); nothing was imported\n"), path,
			        im.n_errors, im.n_bad, im.n_seen);
		else
			fprintf(err, _("%s: %zu problem(s); nothing was imported\n"), path, im.n_errors);
		goto cleanup;
	}
	if (im.n_rows == 0) {
		fprintf(out, _("%s: no rows to import\n"), path);
		rc = 0;
		goto cleanup;
	}
	rc = save_all(&im, st);
cleanup:
	for (size_t i = 0; i < im.n_rows; i++)
		import_free_values(form, im.rows[i].values);
	free(im.rows);
	free(im.ignored);
	free(im.blamed);
	free(data);
	return rc;
}
