/* CSV as RFC 4180 has it, for the batch commands: fields separated by commas,
 * a field in double quotes may hold commas, line breaks and quotes (written
 * twice), records end in CRLF or LF. The reader works on a buffer held in
 * memory (a whole file), so a line of any length is fine. */
#ifndef LAIFANG_CSV_H
#define LAIFANG_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct lf_csv_reader lf_csv_reader;

/* One record as read: fields[i] is NUL-terminated and lens[i] its length in
 * bytes (a field may hold a NUL byte). Owned by the reader; valid until the
 * next lf_csv_read or lf_csv_reader_free. */
typedef struct lf_csv_record {
	char **fields;
	size_t *lens;
	size_t n;    /* at least 1: an empty line is one empty field */
	size_t line; /* the line (from 1) on which the record starts */
} lf_csv_record;

/* A reader over len bytes of data, which must outlive it. A leading UTF-8
 * byte order mark is skipped. NULL only when out of memory. */
lf_csv_reader *lf_csv_reader_new(const char *data, size_t len);
void lf_csv_reader_free(lf_csv_reader *r);

/* Read the next record: 1 and rec filled, 0 at the end of the data, -1 on
 * an error (an unterminated quote, text after a closing quote, out of
 * memory); lf_csv_error then says what and on which line. A final line
 * break does not start another record. */
int lf_csv_read(lf_csv_reader *r, lf_csv_record *rec);

/* The last error as a translated sentence beginning "line N: ". */
const char *lf_csv_error(const lf_csv_reader *r);

/* True when a field must be quoted: it holds a comma, a quote, CR or LF. */
bool lf_csv_needs_quotes(const char *s);

/* Write one record of n fields (NULL is an empty field), quoting where
 * needed, ended by CRLF. Returns 0, or -1 when out reports a write error.
 *
 * Every CSV laifang writes goes through here, and every cell is written so
 * that Excel and WPS show it as text, as it was typed:
 * - a cell starting with = + - @, a tab or a CR (or quotes before one of
 *   those) gets a single quote in front (OWASP's advice against formula
 *   injection: =HYPERLINK(...) is shown, never run);
 * - a number a spreadsheet would spoil, digits only and 12 or more of them
 *   (an ID number: Excel keeps 15 digits) or starting with 0 (a phone
 *   number), gets a tab after it: the cell is then text and keeps all 18
 *   characters. Not ="...": that is a formula itself.
 * lf_csv_cell_unprotect takes both off again (import reads an export back). */
int lf_csv_write_record(FILE *out, const char *const *fields, size_t n);

/* How lf_csv_write_record protects the cell s: *quote a single quote
 * before it, *tab a tab after it. True when either. */
bool lf_csv_cell_protected(const char *s, bool *quote, bool *tab);

/* Undo the protection of a cell as read back, in place: exactly what was
 * given to lf_csv_write_record. len (may be NULL: strlen) is updated. */
void lf_csv_cell_unprotect(char *s, size_t *len);

#endif
