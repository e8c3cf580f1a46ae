/* Batch commands: the face for scripts and other systems. Each returns the
 * process exit status (0 success, 1 a problem in the input or the data,
 * 2 a usage or system error) and writes its messages to err. */
#ifndef LAIFANG_CLI_H
#define LAIFANG_CLI_H

#include <stdio.h>
#include "laifang/store.h"

/* laifang import FILE: CSV (UTF-8, optional BOM, header of field ids) or JSON
 * (array of objects keyed by field ids), chosen by the file's first
 * non-blank character ('[' is JSON). Every row is checked exactly as the
 * sheet checks it; one bad row and nothing is written, every bad row is
 * reported as "FILE:ROW: LABEL (field_id): reason". receptionist defaults to
 * user when a row leaves it empty. ROW is, for CSV, the line on which the
 * record starts (the header is line 1); for JSON, the object's position in
 * the array from 1. Columns of fields filled later (instruction, handling
 * and their signers and dates) and export's case_no, case_id, repeat are
 * ignored with one warning per file; any other unknown column is refused.
 * FILE "-" reads standard input. */
int lf_cli_import(lf_store *st, const char *path, const char *user, FILE *out, FILE *err);

/* laifang export --format json|csv: every case keyed by the form's field ids
 * plus case_no, case_id, repeat. CSV is RFC 4180 with CRLF line ends and a
 * UTF-8 BOM. */
int lf_cli_export(lf_store *st, const char *format, FILE *out, FILE *err);

/* laifang check: the store's integrity check; prints each problem and a
 * summary line; exit 0 only when clean. */
int lf_cli_check(lf_store *st, FILE *out, FILE *err);

#endif
