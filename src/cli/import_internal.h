/* laifang import: what the file readers (import_read.c: CSV, JSON) and the
 * rows' checks and saving (import.c) share. */
#ifndef LAIFANG_CLI_IMPORT_INTERNAL_H
#define LAIFANG_CLI_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "laifang/date.h"
#include "laifang/form.h"
#include "laifang/store_people.h"

#define MAX_ISSUES 32

#define N_EXPORT_KEYS 3 /* import.c's export_keys */

enum { COL_UNKNOWN = -1, COL_IGNORED = -2, COL_CHANNEL = -3 };

typedef struct row {
	size_t num;    /* line (CSV) or position (JSON) */
	char **values; /* one per form field, malloc'd or NULL */
	const char *channel; /* stored name (channel.h, static), NULL: the form's own */
} row;

typedef struct import {
	const lf_form_def *form;
	const char *path;
	const lf_user *actor;
	const char *user; /* the actor's name: the default 接待人员 */
	FILE *out, *err;
	lf_date today;
	row *rows; /* the rows that passed */
	size_t n_rows, cap_rows;
	size_t n_seen;    /* data rows read */
	size_t n_bad;     /* rows with an error */
	size_t n_errors;  /* errors over all rows */
	bool *ignored;    /* per form field: the file has it, import ignores it */
	bool ignored_export[N_EXPORT_KEYS];
	bool *blamed;     /* per form field: this row's value was already refused */
	bool oom;
	const char *row_channel; /* the channel of the row being read */
} import;

/* import.c: a row's values freed; the form field a column names (or
 * COL_*); an ignored column noted, and the file's one warning for them; a
 * message for row num; an unknown column; one cell into values[i] (false
 * when refused); the row's channel; the row checked and kept or counted bad. */
void import_free_values(const lf_form_def *form, char **values);
int import_classify(const lf_form_def *form, const char *id);
void import_note_ignored(import *im, const char *key);
void import_warn_ignored(import *im);
void import_report(import *im, size_t num, bool warning, const char *msg);
void import_report_unknown(import *im, size_t num, const char *name);
bool import_set_value(import *im, size_t num, char **values, size_t i, const char *s, size_t len);
void import_set_channel(import *im, size_t num, const char *s);
void import_finish_row(import *im, size_t num, char **values, size_t errors_before);

/* import_read.c: every record of the file's data into im; false when the
 * file itself cannot be read (the reason reported). */
bool import_read_csv(import *im, const char *data, size_t len);

/* import_map.c: data (CSV or JSON) rewritten by the map in map_path into
 * our field ids (malloc'd, its length in *out_len); NULL when the map or
 * the file cannot be read, the reason written to err. */
char *import_apply_map(const char *map_path, const char *data, size_t len, size_t *out_len, const char *path,
                       FILE *err);
bool import_read_json(import *im, const char *data, size_t len);

#endif
