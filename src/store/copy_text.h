/* Rows in PostgreSQL's COPY text format, gathered in memory for
 * store_pg_copy (pg/copy_pg.c): the check's working tables
 * (check_batch.c) and db copy to a PostgreSQL destination (copy_bulk.c,
 * pg/search_bulk_pg.c). Fields are separated by tabs, rows end with a
 * newline; a backslash, tab, newline and carriage return in a value are
 * escaped (\\ \t \n \r), NULL is \N, and bytea goes as \\x and hex digits
 * (the value \x... after COPY's own unescaping). */
#ifndef LAIFANG_COPY_TEXT_H
#define LAIFANG_COPY_TEXT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct copy_text {
	char *buf;
	size_t len, cap;
	int col; /* fields in the row being written */
} copy_text;

/* Each false only when out of memory (what was written stays). */
bool copy_text_field(copy_text *t, const char *v, size_t n); /* v NULL: NULL */
bool copy_text_str(copy_text *t, const char *v);             /* NUL-ended, or NULL */
bool copy_text_int(copy_text *t, long long v);
bool copy_text_double(copy_text *t, double v);
bool copy_text_bytea(copy_text *t, const void *v, size_t n); /* v NULL: NULL */
bool copy_text_row_end(copy_text *t);
/* Emptied for the next rows, its memory kept; freed. */
void copy_text_clear(copy_text *t);
void copy_text_free(copy_text *t);

#endif
