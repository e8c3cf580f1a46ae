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
 * needed, ended by CRLF. Returns 0, or -1 when out reports a write error. */
int lf_csv_write_record(FILE *out, const char *const *fields, size_t n);

#endif
